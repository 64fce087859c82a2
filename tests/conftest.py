import os

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

from sim import TalentMarket

# Hypothesis profiles: "ci" (default, quick, the same examples on every run so a red CI can be
# reproduced) and "thorough" (HYPOTHESIS_PROFILE=thorough: 300 fresh random examples per test).
settings.register_profile(
    "ci", max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def small(**kw):
    """A small, short model for fast tests (1/20 scale, to 2022Q4 unless told)."""
    kw.setdefault("scale", 0.05)
    kw.setdefault("end_year", 2022)
    kw.setdefault("rng", 1)
    return TalentMarket(**kw)


@pytest.fixture(scope="session")
def baseline_full():
    """One full 1:1 baseline run, shared by tests that only read it."""
    m = TalentMarket(rng=20200601)
    df = m.run()
    return m, df


@pytest.fixture
def rng():
    return np.random.default_rng(0)


@pytest.fixture(autouse=True)
def _restore_main_module():
    """AppTest installs the script it runs as sys.modules['__main__'] and leaves it there; a process
    pool started later ('spawn') re-runs the parent's main module in each worker, so every pool of
    the rest of the session would run that page (and die importing it). Put the real one back."""
    import sys

    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main
