"""The explorer's library side: continuing a baseline run at the policy start gives exactly the
runs a fresh start would, in process and on a pool; settings round-trip; paired cards."""

import concurrent.futures as cf
import dataclasses
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st_hyp

from sim.app import explorer as E
from sim.core import policies
from sim.study import batch
from sim.study import scenarios as S
from sim.study import uncertainty as U

ROOT = Path(__file__).resolve().parents[1]


def small(name="salary-matching-50", **over):
    s = S.load(ROOT / "scenarios" / f"{name}.yaml")
    return dataclasses.replace(s, overrides={**s.overrides, "scale": 0.05, **over}, end_year=2028)


@pytest.mark.parametrize("pool", [False, True])
def test_forked_runs_equal_fresh_runs(pool):
    scn = small()
    plan = E.make_plan(scn, 2, 11)
    assert E._fork_step(plan) == 22  # the quarter before 2026Q1
    cache, states = E.RunCache(), E.RunCache(max_entries=4)
    ex = cf.ThreadPoolExecutor(2) if pool else None
    try:
        runs = list(E.stream(plan, cache, ex, states))[-1]  # every run
        assert len(states._d) == 2
        st = E.settings_of(scn)
        st["sm_share"] = 0.3
        plan2 = E.make_plan(E.apply_settings(scn, st), 2, 11)
        runs2 = list(E.stream(plan2, cache, ex, states))[-1]
    finally:
        if ex:
            ex.shutdown()
    for p, r in ((plan, runs), (plan2, runs2)):
        for t in p.tasks:
            pd.testing.assert_frame_equal(r[t.key], batch.execute(t.params, t.entropy, t.spawn_key))


class _Recorder(cf.Executor):
    """Runs each task at once and records which function it was handed, in order."""

    def __init__(self):
        self.calls = []

    def submit(self, fn, /, *args, **kwargs):
        self.calls.append(fn.__name__)
        fut = cf.Future()
        fut.set_result(fn(*args, **kwargs))
        return fut


@pytest.mark.parametrize("change", ["seed", "assumption"])
def test_the_first_pair_is_handed_over_before_every_baseline(change):
    """A new seed, or a changed assumption (the baseline, which shares it, runs again): nothing is
    cached, every baseline replication runs to the policy start and the scenario continues from
    its state. With `workers` the executor gets a scenario replication before the last baseline
    replication, so the first paired result does not wait for every baseline run (in the app it
    came after all 10: 6-7 s for a new seed); the runs are the ones a fresh start gives."""
    scn = small() if change == "seed" else small(frontier_boom=1.0)
    plan = E.make_plan(scn, 6, 12 if change == "seed" else 11)
    rec = _Recorder()
    runs = list(E.stream(plan, E.RunCache(), rec, E.RunCache(max_entries=8), workers=2))[-1]
    assert sorted(rec.calls) == ["execute_checkpoint"] * 6 + ["execute_resume"] * 6
    first_scen = rec.calls.index("execute_resume")
    last_base = len(rec.calls) - 1 - rec.calls[::-1].index("execute_checkpoint")
    assert first_scen < last_base, rec.calls
    for t in plan.tasks[:2] + plan.tasks[-2:]:
        pd.testing.assert_frame_equal(runs[t.key], batch.execute(t.params, t.entropy, t.spawn_key))


SHIPPED = sorted(p.stem for p in S.library_files(ROOT / "scenarios") if "sweep" not in p.stem)


@pytest.mark.parametrize(
    "name, over, fork",
    [(n, {}, 22) for n in SHIPPED]
    + [
        # salary matching from 2027Q3 while the inactive policies keep their 2021 start: the runs
        # continue from the quarter before 2027Q3, not before 2021
        (
            "salary-matching-50",
            {
                "sm_start": 2027.5,
                "grad_seats_start": 2021.0,
                "settle_start": 2021.0,
                "drive_start": 2021.0,
                "lab_acq_year": 2021.0,
                "med_pull_start": 2021.0,
            },
            28,
        ),
        (
            "combined-package",
            {
                "sm_start": 2027.5,
                "grad_seats_start": 2026.25,
                "drive_start": 2028.0,
                "settle_start": 2027.0,
                "med_pull_start": 2026.5,
            },
            23,
        ),
        # foreign bidders pursuing their hires: their reference year (2025) is before the fork
        ("salary-matching-50", {"foreign_target_pursuit": 1.0}, 22),
    ],
)
def test_every_policy_forks_to_the_same_runs_as_a_fresh_start(name, over, fork):
    """Continuing the baseline's state gives, for every shipped scenario and for policies with
    their own start dates, exactly the runs a fresh start gives (1/20 scale, to 2028)."""
    scn = small(name, **over)
    plan = E.make_plan(scn, 1, 5)
    assert E._fork_step(plan) == fork
    states = E.RunCache(max_entries=2)
    runs = list(E.stream(plan, E.RunCache(), None, states))[-1]
    assert len(states._d) == 1
    for t in plan.tasks:
        pd.testing.assert_frame_equal(runs[t.key], batch.execute(t.params, t.entropy, t.spawn_key))


def test_no_fork_when_assumptions_differ_or_policies_start_at_once():
    scn = small()
    plan = E.make_plan(scn, 1, 1)
    bad = dataclasses.replace(
        plan,
        scenarios=(
            plan.scenarios[0],
            dataclasses.replace(plan.scenarios[1], overrides={**plan.scenarios[1].overrides, "beta_pay": 3.0}),
        ),
    )
    assert E._fork_step(bad) == 0
    early = E.make_plan(
        small(
            sm_start=2020.5,
            grad_seats_start=2020.5,
            settle_start=2020.5,
            drive_start=2020.5,
            med_pull_start=2020.5,
            lab_acq_year=2020.5,
        ),
        1,
        1,
    )
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
    assert set(q) == {"sm_share", "sm_tiers", "lab_acq_size", "seed", "year"}  # only what differs
    back, bad = E.parse_query({**q, "lang": "en", "other": "x"}, start, scn.end_year)
    assert bad == [] and {**start, **back} == cur  # exact floats, ints, choices
    assert isinstance(back["lab_acq_size"], int) and isinstance(back["sm_share"], float)
    assert E.query_of(start, start) == {}
    vals, bad = E.parse_query(
        {"sm_share": "0.95", "seed": "1.5", "sm_tiers": "most", "year": "2036", "beta_pay": "abc", "replications": "3"},
        start,
        2035,
    )
    assert vals == {"replications": 3}
    msg = "\n".join(bad)
    for part in (
        "sm_share='0.95'",
        "0.0 to 0.9",
        "seed='1.5'",
        "whole number",
        "sm_tiers='most'",
        "core, core+senior, all",
        "year='2036'",
        "2021 to 2035",
        "beta_pay='abc'",
        "not a number",
    ):
        assert part in msg, part


def test_per_policy_start_years_survive_the_app_and_widgets_take_in_any_valid_value(tmp_path):
    """A scenario whose policies start at different dates (and whose values lie outside the
    sliders' usual ranges) comes back unchanged from the app's widgets, its link values are
    accepted, and a changed start moves only that policy."""
    path = tmp_path / "odd.yaml"
    path.write_text(
        "name: odd\ndescription: t\nhorizon: {end_year: 2040}\n"
        "policies:\n  salary_matching: {share: 0.5, start: 2027.5, cap_mkrw: 1000.0}\n"
        "  grad_seats: {extra_seats: 2000.0, start: 2024.25}\n"
    )
    scn = S.load(path)
    start = E.widget_values(scn, 10)
    back = E.apply_settings(scn, start)
    assert back.params == scn.params and back.name == "odd"
    assert (back.params.sm_start, back.params.grad_seats_start) == (2027.5, 2024.25)
    assert E.widget_range("sm_cap", start, scn.end_year) == (0.0, 1000.0)  # widened to the file's value
    assert E.widget_range("sm_start", start, scn.end_year) == (2021.0, 2040.75)  # up to the horizon's end
    assert E.widget_range("sm_share", start, scn.end_year) == (0.0, 0.9)
    assert E.widget_range("sm_start", start, 2060) == (2021.0, 2060.0)  # the parameter's bound
    later = E.apply_settings(scn, dict(start, grad_seats_start=2030.0))
    assert (later.params.sm_start, later.params.grad_seats_start) == (2027.5, 2030.0)
    vals, bad = E.parse_query({"sm_cap": "900.0", "sm_start": "2039.25"}, start, scn.end_year)
    assert bad == [] and vals == {"sm_cap": 900.0, "sm_start": 2039.25}
    assert E.parse_query({"sm_cap": "1200.0"}, start, scn.end_year)[1] == ["sm_cap='1200.0': outside 0.0 to 1000.0"]
    assert policies.active_names(scn.params) == ["salary_matching", "grad_seats"]
    assert E.unshowable(scn) == []


def test_every_shipped_scenario_is_shown_unchanged():
    for path in S.library_files(ROOT / "scenarios"):
        scn = S.load(path)
        if scn.sweep:
            assert "sweep" in " ".join(E.unshowable(scn))
            continue
        assert E.unshowable(scn) == [], path
        start = E.widget_values(scn, 10)
        assert E.apply_settings(scn, start).params == scn.params, path
        for k, v in start.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                lo, hi = E.widget_range(k, start, scn.end_year)
                assert lo <= v <= hi, (path, k)


def test_unshowable_names_the_key_and_value():
    scn = S.load(ROOT / "scenarios" / "baseline.yaml")
    msgs = E.unshowable(dataclasses.replace(scn, seed=2**60, end_year=2021))
    assert any(m.startswith(f"seed: {2**60}") and str(2**53 - 1) in m for m in msgs)
    assert any(m.startswith("horizon.end_year: 2021") and "2022" in m for m in msgs)


@st_hyp.composite
def _widget_values(draw):
    """Any values the widgets can hold for the salary-matching-50 scenario."""
    scn = S.load(ROOT / "scenarios" / "salary-matching-50.yaml")
    start = E.widget_values(scn, 10)
    cur = dict(start)
    for k in draw(st_hyp.sets(st_hyp.sampled_from(E.URL_KEYS))):
        lv = E.LEVERS.get(k)
        if k == E.UNCERTAINTY:
            cur[k] = draw(st_hyp.sampled_from(U.MODES))
            continue
        if lv is not None and lv.kind in ("select", "toggle"):
            cur[k] = draw(st_hyp.sampled_from(lv.options()))
            continue
        lo, hi = E.widget_range(k, start, scn.end_year)
        if lv is None or S.PARAM_FIELDS[k].type == "int":
            cur[k] = draw(st_hyp.integers(int(lo), int(hi)))
        else:
            cur[k] = draw(st_hyp.floats(lo, hi, allow_nan=False))
    return scn, start, cur


@given(_widget_values())
def test_any_widget_values_survive_the_link_exactly(case):
    scn, start, cur = case
    q = E.query_of(start, cur)
    assert all(isinstance(v, str) for v in q.values())
    back, bad = E.parse_query(q, start, scn.end_year)
    assert bad == [] and {**start, **back} == cur
    assert set(q) == {k for k in cur if cur[k] != start[k]}


def test_the_results_store_gives_back_exactly_the_runs_and_survives_damage(tmp_path):
    """RunStore: a run read back equals the run (every value and dtype); a damaged file counts as
    missing; a store that cannot be written leaves the run in memory only; another code version
    is another folder."""
    from sim.study import batch

    scn = S.load(ROOT / "scenarios" / "baseline.yaml")
    plan = batch.make_plan("run", [dataclasses.replace(scn, overrides={"scale": 0.03}, end_year=2021)], 1, 5)
    (task,) = plan.tasks
    df = batch.execute(task.params, task.entropy, task.spawn_key)
    store = E.RunStore(tmp_path / "store")
    key = E._key(task)
    assert store.get(key) is None
    store.put(key, df)
    pd.testing.assert_frame_equal(store.get(key), df, check_exact=True)
    assert E.RunStore(tmp_path / "store", version="other").get(key) is None
    store._path(key).write_bytes(b"not parquet")
    assert store.get(key) is None
    ro = tmp_path / "ro"
    ro.write_text("a file where the folder would be")
    E.RunStore(ro).put(key, df)  # no error: the store is an optimisation
    assert len(E.code_version()) == 16 and E.code_version() == E.code_version()


def test_a_warmed_store_serves_the_explorer_without_running(tmp_path):
    """`sim.app.warm` computes the explorer's plan for a scenario once; a second call computes
    nothing; a fresh cache on the same store yields every run at once, without an executor."""
    from sim.app import warm

    f = tmp_path / "tiny.yaml"
    f.write_text(
        "name: tiny\ndescription: t\nhorizon: {end_year: 2022}\nreplications: 2\nseed: 4\n"
        "parameters: {scale: 0.03}\npolicies:\n  salary_matching: {share: 0.5, start: 2021.0}\n"
    )
    assert warm.warm([f], tmp_path / "s", 2, 1) == (4, 4)
    assert warm.warm([f], tmp_path / "s", 2, 1) == (4, 0)
    plan = E.make_plan(S.load(f), 2, 4)
    cache = E.RunCache(store=E.RunStore(tmp_path / "s"))
    first = next(E.stream(plan, cache, None))
    assert len(first) == len(plan.tasks)


def test_design_link_opens_the_recommended_mix_in_the_explorer():
    """The design page's link: the design's scenario as the starting one, the levers and the
    policies' start as values the explorer reads back exactly (parse_query)."""
    from sim.study import design as D

    d = D.load(ROOT / "scenarios" / "design-core-researchers.yaml")
    values = {lv.path: (lv.choices[-1] if lv.choices else lv.lo + 2 * (lv.step or 1)) for lv in d.levers}
    q = E.design_link(d, values)
    assert q["scenario"] == "baseline"
    start = E.widget_values(S.load(ROOT / "scenarios" / "baseline.yaml"))
    got, bad = E.parse_query(q, start, d.scenario.end_year)
    assert not bad
    rec = D.recommended_scenario(d, values)
    for lv in d.levers:
        assert got.get(lv.field, start[lv.field]) == getattr(rec.params, lv.field)
    assert got.get("sm_start", start["sm_start"]) == d.start


def test_money_and_share_sliders_show_amounts_and_percentages_as_the_memo_writes_them():
    """Money levers are sliders over the parameter's own values shown in 만원/억원/조원 (M/bn/tn
    KRW), with the same text as the memo; shares and yearly rates are shown as percentages."""
    from sim.study import i18n
    from sim.study.memo import value_text

    money = [n for n in E.LEVERS if E.widget_unit(n) == "money"]
    assert {"sm_cap", "sm_budget", "sm_min_salary", "settle_amount", "drive_cost"} <= set(money)
    assert E.widget_unit("sm_share") == "percent" and E.widget_unit("foreign_hiring_growth") == "percent"
    assert E.widget_unit("grad_seats_extra") is None and E.widget_unit("sm_start") is None
    for name in money:
        lv = E.LEVERS[name]
        for v in E.slider_options(lv, lv.lo, lv.hi)[::7]:
            for lang in ("ko", "en"):
                assert E.amount_text(name, v, lang) == value_text(name, v, lang)
    assert i18n.amount(150e6, "ko") == "1.5억원" and i18n.amount(50e6, "ko") == "5,000만원"
    assert i18n.amount(5e12, "ko") == "5조원" and i18n.amount(20e9, "en") == "20 bn KRW"
    assert i18n.amount(0, "ko") == "0원"
    assert E.amount_text("sm_budget", 2500.0, "ko") == "2.5조원"
    assert E.amount_text("drive_cost", 20.0, "ko") == "200억원"
    # a zero that switches a limit off is shown as the word, not "0원" (the label says "0 = none")
    assert E.amount_text("sm_cap", 0.0, "ko") == "없음" and E.amount_text("sm_budget", 0, "en") == "unlimited"
    assert E.amount_text("drive_cost", 0.0, "ko") == "0원"
    cap = E.LEVERS["sm_cap"]
    opts = E.slider_options(cap, 0.0, 1000.0, 333.0)  # a file's value off the steps is offered in its place
    assert opts[0] == 0.0 and opts[-1] == 1000.0 and 333.0 in opts and opts == sorted(opts)
    assert len(E.slider_options(cap, cap.lo, cap.hi)) == int(round((cap.hi - cap.lo) / cap.step)) + 1


def test_difference_bands_pair_each_replication_with_its_own_baseline():
    """The difference charts: scenario minus the baseline of the same replication, so a policy that
    adds exactly 10 has a band of zero width even when the replications differ widely."""
    rows = []
    for rep in range(5):
        for year in (2026, 2027):
            base = 1000.0 * rep + year  # replications far apart
            rows.append({"scenario": E.BASELINE, "replication": rep, "year": year, "quarter": 4, "x": base})
            rows.append({"scenario": "policy", "replication": rep, "year": year, "quarter": 4, "x": base + 10})
    b = E.diff_bands(pd.DataFrame(rows), "x")
    assert list(b["time"]) == [2027.0, 2028.0]
    assert (b["mean"] == 10).all() and (b["lo"] == 10).all() and (b["hi"] == 10).all()
    assert "difference" in E.CHART_VIEWS and "salary_gap_top" in E.CHARTS  # the pay gap is charted


def test_the_page_runs_the_clis_plan_and_leaves_unmoved_assumptions_to_the_posterior():
    """A shipped scenario as the page first shows it runs exactly the tasks `talentsim compare` runs
    on the file (so the results store filled by `sim.app.warm` serves the first page): a lever left
    where the scenario has it is not written into the scenario, so with posterior intervals each
    replication keeps its drawn value. A moved assumption lever pins its parameter in every
    replication. (The page once pinned every assumption at its point value: narrower intervals than
    the CLI's for the same file, and a store that never hit.)"""
    for path in S.library_files(ROOT / "scenarios"):
        if "sweep" in path.stem:
            continue
        scn = S.load(path)
        vals = E.widget_values(scn)
        page = E.make_plan(E.apply_settings(scn, vals), vals["replications"], vals["seed"], vals[E.UNCERTAINTY])
        cli = E.make_plan(scn, vals["replications"], vals["seed"], U.DEFAULT)
        assert [E._key(t) for t in page.tasks] == [E._key(t) for t in cli.tasks], path.name
    scn = S.load(ROOT / "scenarios" / "salary-matching-50.yaml")
    vals = E.widget_values(scn)
    drawn = E.make_plan(E.apply_settings(scn, vals), 4, 3, "posterior")
    assert len({dict(t.params)["beta_pay"] for t in drawn.tasks}) > 1  # drawn per replication
    moved = E.make_plan(E.apply_settings(scn, dict(vals, beta_pay=3.0)), 4, 3, "posterior")
    assert {dict(t.params)["beta_pay"] for t in moved.tasks} == {3.0}
    assert len({dict(t.params)["home_tie"] for t in moved.tasks}) > 1  # the unmoved ones still drawn


def test_prefetch_reads_a_stored_first_page_into_the_apps_shared_cache(tmp_path, monkeypatch):
    """`warm.prefetch` (run when the server starts) puts the stored runs of a scenario's first page
    in the process's shared cache, so the first visitor reads none of them from disk."""
    from sim.app import warm

    f = tmp_path / "tiny.yaml"
    f.write_text(
        "name: tiny\ndescription: t\nhorizon: {end_year: 2022}\nreplications: 2\nseed: 4\n"
        "parameters: {scale: 0.03}\npolicies:\n  salary_matching: {share: 0.5, start: 2021.0}\n"
    )
    assert warm.warm([f], tmp_path / "s", 2, 1) == (4, 4)
    monkeypatch.setenv("TALENTSIM_APP_STORE", str(tmp_path / "s"))
    warm.shared_cache.cache_clear()
    try:
        assert warm.prefetch(2, ("tiny", "not-a-file"), folder=tmp_path) == 4
        cache = warm.shared_cache()
        plan = E.make_plan(S.load(f), 2, 4)
        assert all(E._key(t) in cache._d for t in plan.tasks)  # in memory, not only on disk
    finally:
        warm.shared_cache.cache_clear()


def test_start_workers_starts_the_apps_one_pool_before_the_first_run():
    """`warm.start_workers` (run when the server starts) spawns the shared pool's workers and waits
    until they answer; the pages then get that same pool; 0 workers means no pool."""
    from sim.app import warm

    assert warm.start_workers(0) == 0 and warm.shared_pool(0) is None
    try:
        assert warm.start_workers(1) == 1
        pool = warm.shared_pool(1)
        assert pool is warm.shared_pool(1) and pool.submit(warm._ready).result() > 0
    finally:
        warm.shared_pool(1).shutdown()
        warm.shared_pool.cache_clear()


def test_a_stored_baseline_without_its_state_forks_from_a_state_only_run():
    """A first page served from the store has the baseline's runs but not their states at the
    fork: the next scenario reruns only the quarters up to the fork for each state
    (`batch.execute_state`, the same state as `execute_checkpoint`), and its runs equal fresh runs."""
    scn = small()
    plan = E.make_plan(scn, 2, 11)
    stop = E._fork_step(plan)
    base = plan.tasks[0]
    _, full_state = batch.execute_checkpoint(base.params, base.entropy, base.spawn_key, stop)
    assert batch.execute_state(base.params, base.entropy, base.spawn_key, stop) == full_state
    cache = E.RunCache()
    list(E.stream(plan, cache, None))  # runs only, no states (as the results store keeps them)
    st = E.settings_of(scn)
    st["sm_share"] = 0.3
    plan2 = E.make_plan(E.apply_settings(scn, st), 2, 11)
    states = E.RunCache(max_entries=4)
    calls = []
    real = batch.execute_state
    try:
        batch.execute_state = lambda *a: calls.append(a) or real(*a)
        runs2 = list(E.stream(plan2, cache, None, states))[-1]
    finally:
        batch.execute_state = real
    assert len(calls) == 2 and len(states._d) == 2
    for t in plan2.tasks:
        pd.testing.assert_frame_equal(runs2[t.key], batch.execute(t.params, t.entropy, t.spawn_key))
    with pytest.raises(ValueError, match="stop must be"):
        batch.execute_state(base.params, base.entropy, base.spawn_key, 0)


def test_why_panel_says_who_the_foreign_tax_relief_pays():
    """The 'why' panel of the foreign tax relief: its sentence from the same library call as the memo,
    with the recipients the model counts (foreign-born AI staff in Korea) and the tax waived."""
    scn = small("foreign-tax-relief", ftax_share=1.0, ftax_start=2022.0)
    plan = E.make_plan(scn, 2, 5, "monte-carlo")
    *_, runs = E.stream(plan, E.RunCache(), None)  # the last yield: every run
    ts = E.paired(runs, plan)
    panel = E.why(plan, ts, 2027, "en")
    (line,) = panel["policy"]
    q = ts[(ts.year == 2027) & (ts.quarter == 4) & (ts.scenario == scn.name)]
    assert f"for {q.foreign_staff_kr.mean():,.0f} foreign-born AI staff in Korea" in line
    assert q.fiscal_foreign_tax_relief_krw.mean() > 0 and "Salary matching" not in line


def test_prefetch_states_gives_the_first_slider_move_its_baseline_states(tmp_path):
    """`warm.prefetch_states` (run when the server starts) computes the landing page's baseline states
    at the fork into the shared states cache: the first slider move then continues every scenario
    run from them without rerunning any baseline quarter, and its runs equal fresh runs."""
    from sim.app import warm

    f = tmp_path / "tiny.yaml"
    f.write_text(
        "name: tiny\ndescription: t\nhorizon: {end_year: 2023}\nreplications: 2\nseed: 4\n"
        "parameters: {scale: 0.03}\npolicies:\n  salary_matching: {share: 0.5, start: 2022.0}\n"
    )
    warm.shared_states.cache_clear()
    try:
        assert warm.prefetch_states(2, 0, ("tiny", "not-a-file"), folder=tmp_path) == 2
        assert warm.prefetch_states(2, 0, ("tiny",), folder=tmp_path) == 0  # already there
        states = warm.shared_states()
        scn = S.load(f)
        plan = warm.first_page_plan(scn, 2)
        cache = E.RunCache()
        list(E.stream(plan, cache, None))  # the first page (runs only, as from the results store)
        moved = E.make_plan(E.apply_settings(scn, dict(E.settings_of(scn), sm_share=0.3)), 2, 4)
        calls = []
        real = (batch.execute_state, batch.execute_checkpoint)
        try:
            batch.execute_state = lambda *a: calls.append(a) or real[0](*a)
            batch.execute_checkpoint = lambda *a: calls.append(a) or real[1](*a)
            runs = list(E.stream(moved, cache, None, states))[-1]
        finally:
            batch.execute_state, batch.execute_checkpoint = real
        assert calls == []  # no baseline quarter run again
        for t in moved.tasks:
            pd.testing.assert_frame_equal(runs[t.key], batch.execute(t.params, t.entropy, t.spawn_key))
    finally:
        warm.shared_states.cache_clear()
