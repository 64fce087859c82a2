"""The explorer's library side: continuing a baseline run at the policy start gives exactly the
runs a fresh start would, in process and on a pool; settings round-trip; paired cards."""

import concurrent.futures as cf
import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from sim import batch
from sim import explorer as E
from sim import scenarios as S

ROOT = Path(__file__).resolve().parents[1]


def small(name="salary-matching-50", **over):
    s = S.load(ROOT / "scenarios" / f"{name}.yaml")
    return dataclasses.replace(s, overrides={**s.overrides, "scale": 0.05, **over}, end_year=2028)


@pytest.mark.parametrize("pool", [False, True])
def test_forked_runs_equal_fresh_runs(pool):
    scn = small()
    plan = E.make_plan(scn, 2, 11)
    assert E._fork_step(plan) == 22          # the quarter before 2026Q1
    cache, states = E.RunCache(), E.RunCache(max_entries=4)
    ex = cf.ThreadPoolExecutor(2) if pool else None
    try:
        for runs in E.stream(plan, cache, ex, states):
            pass
        assert len(states._d) == 2
        st = E.settings_of(scn)
        st["sm_share"] = 0.3
        plan2 = E.make_plan(E.apply_settings(scn, st), 2, 11)
        for runs2 in E.stream(plan2, cache, ex, states):
            pass
    finally:
        if ex:
            ex.shutdown()
    for p, r in ((plan, runs), (plan2, runs2)):
        for t in p.tasks:
            pd.testing.assert_frame_equal(r[t.key], batch.execute(t.params, t.entropy, t.spawn_key))


def test_no_fork_when_assumptions_differ_or_policies_start_at_once():
    scn = small()
    plan = E.make_plan(scn, 1, 1)
    bad = dataclasses.replace(plan, scenarios=(plan.scenarios[0], dataclasses.replace(
        plan.scenarios[1], overrides={**plan.scenarios[1].overrides, "beta_pay": 3.0})))
    assert E._fork_step(bad) == 0
    early = E.make_plan(small(sm_start=2020.5, grad_seats_start=2020.5, settle_start=2020.5, drive_start=2020.5,
                              med_pull_start=2020.5, lab_acq_year=2020.5), 1, 1)
    assert E._fork_step(early) == 0


def test_with_policies_refuses_other_changes():
    from sim import Params, TalentMarket
    m = TalentMarket(scale=0.03, end_year=2021, rng=1)
    with pytest.raises(ValueError, match="beta_pay"):
        m.with_policies(Params(scale=0.03, end_year=2021, beta_pay=3.0))
    m.with_policies(Params(scale=0.03, end_year=2021, sm_share=0.5))
    assert m.p.sm_share == 0.5


def test_settings_round_trip_and_custom_name():
    scn = S.load(ROOT / "scenarios" / "salary-matching-50.yaml")
    same = E.apply_settings(scn, E.settings_of(scn))
    assert same.name == scn.name and same.params == scn.params
    st = E.settings_of(scn)
    st["sm_share"] = 0.25
    changed = E.apply_settings(scn, st)
    assert changed.name == "salary-matching-50-custom" and changed.params.sm_share == 0.25
    with pytest.raises(ValueError):
        E.apply_settings(scn, {**st, "sm_share": 0.95})


def test_link_query_round_trip_and_bad_values():
    scn = S.load(ROOT / "scenarios" / "salary-matching-50.yaml")
    start = E.widget_values(scn, 10)
    assert set(start) == set(E.URL_KEYS)
    cur = dict(start, sm_share=0.45000000000000007, sm_tiers="all", lab_acq_size=150, seed=7, year=2033)
    q = E.query_of(start, cur)
    assert set(q) == {"sm_share", "sm_tiers", "lab_acq_size", "seed", "year"}   # only what differs
    back, bad = E.parse_query({**q, "lang": "en", "other": "x"}, scn.end_year)
    assert bad == [] and {**start, **back} == cur                                # exact floats, ints, choices
    assert isinstance(back["lab_acq_size"], int) and isinstance(back["sm_share"], float)
    assert E.query_of(start, start) == {}
    vals, bad = E.parse_query({"sm_share": "0.95", "seed": "1.5", "sm_tiers": "most", "year": "2036",
                               "beta_pay": "abc", "replications": "3"}, 2035)
    assert vals == {"replications": 3}
    msg = "\n".join(bad)
    for part in ("sm_share='0.95'", "0.0 to 0.9", "seed='1.5'", "whole number", "sm_tiers='most'",
                 "core, core+senior, all", "year='2036'", "2021 to 2035", "beta_pay='abc'", "not a number"):
        assert part in msg, part
