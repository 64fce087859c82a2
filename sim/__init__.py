"""talentsim: an agent-based model (Mesa) of Korea's AI talent market."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .model import TalentMarket
from .outputs import HEADLINE, OUTPUT_NAMES
from .params import Params, param_table

try:
    __version__ = version("talentsim")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["TalentMarket", "Params", "param_table", "HEADLINE", "OUTPUT_NAMES", "__version__"]
