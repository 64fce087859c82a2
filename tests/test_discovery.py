"""Scenario discovery (sim.study.discovery): the tree finds a failure region that is there, says
nothing when there is none, and is a deterministic function of the draws."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.study import discovery as SD


def draws(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"a": rng.uniform(size=n), "b": rng.uniform(size=n), "fixed": np.ones(n)})


@settings(max_examples=25, deadline=None)
@given(c=st.floats(0.25, 0.75), side=st.sampled_from(["<=", ">"]), seed=st.integers(0, 10_000))
def test_a_failure_region_on_one_parameter_is_found_with_its_threshold(c: float, side: str, seed: int) -> None:
    x = draws(80, seed)
    fail = (x.a > c) if side == ">" else (x.a <= c)
    found = SD.discover(x, fail.to_numpy())
    worst = found.worst
    assert worst is not None
    assert [r.name for r in worst.rules] == ["a"] and worst.rules[0].op == side
    assert worst.density == 1.0 and worst.coverage == 1.0
    # the split lies between the last success and the first failure, so within the gap around c
    a = np.sort(x.a.to_numpy())
    gap = np.max(np.diff(a)) + 1e-12
    assert abs(worst.rules[0].threshold - c) <= gap
    assert found.accuracy == 1.0 and "fixed" not in found.parameters
    assert sum(b.draws for b in found.boxes) == 80 and sum(b.failures for b in found.boxes) == found.failures


def test_a_region_on_two_parameters_reads_as_one_box_with_both_conditions() -> None:
    x = draws(200, 3)
    fail = ((x.a > 0.6) & (x.b <= 0.4)).to_numpy()
    worst = SD.discover(x, fail).worst
    assert worst is not None and {(r.name, r.op) for r in worst.rules} == {("a", ">"), ("b", "<=")}
    assert worst.density > 0.9 and worst.coverage > 0.9


def test_no_failure_or_no_variation_gives_one_box_and_no_worst() -> None:
    x = draws(40, 1)
    none = SD.discover(x, np.zeros(40, bool))
    assert none.worst is None and len(none.boxes) == 1 and none.failures == 0 and none.accuracy == 1.0
    flat = SD.discover(x[["fixed"]], np.arange(40) % 3 == 0)
    assert flat.worst is None and flat.parameters == [] and flat.boxes[0].draws == 40


def test_same_draws_same_boxes() -> None:
    x = draws(60, 9)
    fail = ((x.a + 0.3 * np.random.default_rng(2).normal(size=60)) > 0.7).to_numpy()
    one, two = SD.discover(x, fail), SD.discover(x.copy(), fail.copy())
    pd.testing.assert_frame_equal(one.rows(), two.rows())
    assert one.importance == two.importance
