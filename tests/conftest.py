import numpy as np
import pytest

from sim import TalentMarket


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
