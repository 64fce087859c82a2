"""Which uncertainty an interval carries: Monte-Carlo noise at fixed parameters, or parameter
uncertainty as well (the posterior, sim/data/posterior.json).

- `monte-carlo`: every replication runs the parameter defaults (the SMM point estimate); the
  interval is the model's randomness only.
- `posterior`: replication i also takes posterior draw `draw_indices(seed, n, ...)[i]` for every
  parameter the posterior covers, unless the scenario sets that parameter itself (a value the
  analyst wrote wins over a draw). The draw depends only on the root seed and the replication, so
  a policy scenario and its baseline share both the seed and the draw (paired comparisons).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np

from ..core import params as P

MODES = ("monte-carlo", "posterior")
DEFAULT = "posterior"  # every interval the project shows carries parameter uncertainty (issue 14)
_DRAW_STREAM = 0x706F7374  # "post": the draw order's own stream, independent of the runs' seeds


class UncertaintyError(ValueError):
    """A mode that is not allowed, or a posterior that cannot be used; the message says why."""


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise UncertaintyError(f"--uncertainty {mode!r}: allowed: {', '.join(MODES)}")
    return mode


def posterior_sha256(path: Path | None = None) -> str:
    """SHA-256 of the posterior file's bytes (what a manifest records)."""
    path = path or P.POSTERIOR_FILE
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as e:
        raise UncertaintyError(
            f"{path}: cannot read the posterior ({e.strerror}); run `talentsim posterior`, or use "
            f"--uncertainty monte-carlo"
        ) from None


def draw_indices(seed: int, replications: int, n_draws: int) -> list[int]:
    """The posterior draw of each replication: a permutation of the draws fixed by the root seed
    (distinct draws while replications <= draws, then the permutation again)."""
    order = np.random.default_rng(np.random.SeedSequence([int(seed), _DRAW_STREAM])).permutation(n_draws)
    return [int(order[i % n_draws]) for i in range(replications)]


def with_draw(params: dict[str, Any], draw: dict[str, float], explicit: set[str]) -> dict[str, Any]:
    """`params` with the draw's values, except the parameters in `explicit` (set by the scenario)."""
    out = dict(params)
    out.update({k: v for k, v in draw.items() if k not in explicit})
    return out


def describe(mode: str, lang: str = "en") -> str:
    """What an interval of `mode` includes, for memos and tables."""
    from .i18n import t

    return t(f"uncertainty_{check_mode(mode)}", lang)


def load() -> Any:
    """The stored posterior, or a clear error."""
    try:
        return P.posterior_draws()
    except FileNotFoundError:
        raise UncertaintyError(
            f"{P.POSTERIOR_FILE}: no posterior stored; run `talentsim posterior`, or use --uncertainty monte-carlo"
        ) from None
    except ValueError as e:
        raise UncertaintyError(str(e)) from None
