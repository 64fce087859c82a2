"""talentsim: an agent-based model (Mesa) of Korea's AI talent market.

Three layers, importing one way only (checked by import-linter in `make test`):

- `sim.core`: the engine - the Mesa model, its people, firms, universities and government,
  the submodels, the output contract, the parameters and the policy registry;
- `sim.study`: scenarios, the executor loop, replications and batches, summaries, provenance,
  memos, labels, figures, calibration, sensitivity, golden results and the CLI;
- `sim.app`: the app's logic without Streamlit (`app.py` and `app_pages/` are thin over it).

The names below are the public API the README uses.
"""

from __future__ import annotations

from .core.model import TalentMarket
from .core.outputs import HEADLINE, OUTPUT_NAMES
from .core.params import Params, param_table
from .study.provenance import package_version
from .study.runner import replicate, summarize
from .study.scenarios import load as load_scenario

__version__ = package_version()

__all__ = [
    "HEADLINE",
    "OUTPUT_NAMES",
    "Params",
    "TalentMarket",
    "__version__",
    "load_scenario",
    "param_table",
    "replicate",
    "summarize",
]
