"""Batch runs: results folder contents, paired comparison, resume, rerun from the manifest,
identical results on the local and Dask executors."""

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from sim.study import batch, workbook
from sim.study import scenarios as S
from sim.study.executor import make_executor
from sim.study.labels import QUANTITIES

SMALL = "horizon: {end_year: 2021}\nreplications: 3\nseed: 99\nparameters: {scale: 0.03}\n"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "base.yaml").write_text("name: base\ndescription: small baseline for tests\n" + SMALL)
    (tmp_path / "pol.yaml").write_text(
        "name: pol\ndescription: salary matching for tests\nbase: base.yaml\n"
        "policies:\n  salary_matching: {share: 0.5, tiers: all, start: 2020.5}\n"
    )
    (tmp_path / "sw.yaml").write_text(
        "name: sw\ndescription: sweep for tests\nbase: base.yaml\nreplications: 2\n"
        "policies:\n  salary_matching: {tiers: all, start: 2020.5}\n"
        "sweep:\n  policies.salary_matching.share: [0.0, 0.5]\n"
    )
    return tmp_path


def cli(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "sim", *args, "--no-progress"], capture_output=True, text=True, cwd=cwd, timeout=600
    )


def test_compare_writes_the_whole_folder(files):
    out = files / "res"
    r = cli("compare", "base.yaml", "pol.yaml", "--out", str(out), "--workers", "2", cwd=files)
    assert r.returncode == 0, r.stderr
    names = {p.name for p in out.iterdir()}
    assert {"timeseries.csv", "summary.csv", "comparison.csv", "policies.csv", "results.xlsx", "manifest.json"} <= names
    assert {"memo.md", "figures"} <= names
    assert any(p.suffix == ".png" for p in (out / "figures").iterdir())
    assert any(p.suffix == ".svg" for p in (out / "figures").iterdir())
    assert not (files / "res.partial").exists()
    ts = pd.read_csv(out / "timeseries.csv")
    assert set(ts.scenario) == {"base", "pol"} and set(ts.replication) == {0, 1, 2}
    for f in ("timeseries.csv", "summary.csv", "comparison.csv"):  # a version string in every output
        assert pd.read_csv(out / f).talentsim_version.nunique() == 1
    # paired seeds: replication i has the same seed in both scenarios
    seeds = ts.groupby(["scenario", "replication"]).seed_spawn_key.first().unstack(0)
    assert (seeds["base"] == seeds["pol"]).all()
    comp = pd.read_csv(out / "comparison.csv")
    row = comp[(comp.output == "fiscal_cost_krw") & (comp.year == 2021)].iloc[0]
    assert row.diff_mean > 0 and row.diff_lo <= row.diff_mean <= row.diff_hi
    summ = pd.read_csv(out / "summary.csv")
    assert {"scenario", "point", "year", "output", "mean", "lo", "hi", "replications"} <= set(summ.columns)
    man = json.loads((out / "manifest.json").read_text())
    assert man["command"] == "compare" and man["replications"] == 3 and man["seed"] == 99
    assert len(man["seeds"]) == 3 and man["scenarios"][1]["files"][0]["sha256"]
    assert man["git"]["commit"] and man["libraries"]["numpy"]
    memo = (out / "memo.md").read_text()
    assert "Source: talentsim" in memo and "scenario 'pol'" in memo and "3 replications" in memo
    assert "Difference from base" in memo
    assert "talentsim rerun manifest.json" in memo  # how to get the same numbers again
    # what each scenario sets: the policy's fields (start as year and quarter), changed parameters
    assert "- **Salary matching**: share paid by the state: 50%; eligible tiers: all AI staff;" in memo
    assert "start (year): 2020 Q3" in memo and memo.count("- `scale` (") == 2


def test_existing_folder_is_refused(files):
    (files / "taken").mkdir()
    r = cli("run", "base.yaml", "--out", str(files / "taken"), cwd=files)
    assert r.returncode == 2 and "exists" in r.stderr and "Traceback" not in r.stderr


def test_rerun_from_manifest_gives_identical_numbers(files):
    a = files / "a"
    assert cli("run", "pol.yaml", "--out", str(a), cwd=files).returncode == 0
    b = files / "b"
    # the scenario files are gone: the manifest alone must be enough
    for f in ("base.yaml", "pol.yaml"):
        (files / f).unlink()
    r = cli("rerun", str(a / "manifest.json"), "--out", str(b), cwd=files)
    assert r.returncode == 0, r.stderr
    pd.testing.assert_frame_equal(pd.read_csv(a / "timeseries.csv"), pd.read_csv(b / "timeseries.csv"))
    assert (a / "figures" / "shortage.png").stat().st_size > 0


def test_rerun_writes_the_memo_as_the_recorded_command_did(files):
    """A Korean memo with its headline in 2021 reran as an English one with a 2020 headline: rerun
    now takes --lang, --year and --memo-years from the recorded command, unless given again."""
    a = files / "a"
    opts = ["--lang", "ko", "--year", "2021", "--memo-years", "2020", "2021"]
    assert cli("compare", "base.yaml", "pol.yaml", "--out", str(a), *opts, cwd=files).returncode == 0
    r = cli("rerun", str(a / "manifest.json"), "--out", str(files / "b"), cwd=files)
    assert r.returncode == 0, r.stderr

    def undated(path):  # the citation line's date: the two runs may straddle midnight
        return re.sub(r"\d{4}-\d{2}-\d{2}", "DATE", path.read_text())

    assert undated(files / "b" / "memo.md") == undated(a / "memo.md")
    assert "| 2021년, 기준 대비 |" in r.stdout  # the printed policy table too
    r = cli("rerun", str(a / "manifest.json"), "--out", str(files / "c"), "--lang", "en", cwd=files)
    assert r.returncode == 0, r.stderr
    memo = (files / "c" / "memo.md").read_text()
    assert memo.startswith("# talentsim results") and "## Headline (2021)" in memo


def test_compare_with_a_shorter_scenario_writes_its_memo(files):
    """A scenario ending before the baseline (2021 vs 2022): the memo crashed with a KeyError on the
    years past its horizon. Its table shows "—" there, and the headline is in a year both reach,
    the year of the policy table the CLI prints."""
    (files / "long.yaml").write_text("name: long\ndescription: to 2022\nbase: base.yaml\nhorizon: {end_year: 2022}\n")
    r = cli("compare", "long.yaml", "pol.yaml", "--out", str(files / "res"), cwd=files)  # memo: the last year, 2022
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr and "| 2021, compared with the baseline |" in r.stdout
    memo = (files / "res" / "memo.md").read_text()
    assert "## Headline (2021)" in memo
    core = [line for line in memo.splitlines() if line.startswith("| core talent in KR |")]
    assert len(core) == 3 and "—" not in core[0] and core[1].endswith("| — |") and core[2].endswith("| — |")


def test_a_budget_bound_policy_with_a_shorter_horizon_is_described_in_its_own_years(files):
    """Found running a hand-written file: a salary-matching scenario ending in 2030 compared with the
    2035 baseline lost its who-is-paid sentence (looked up in 2035) and with it the note that the
    budget binds; the plain-language reading said "The state pays 50 %" while the budget paid 9 % of
    that; and the file's `replications` gave way to the baseline's without a word."""
    (files / "long.yaml").write_text("name: long\ndescription: to 2022\nbase: base.yaml\nhorizon: {end_year: 2022}\n")
    (files / "tight.yaml").write_text(
        "name: tight\ndescription: salary matching on a small budget\nbase: pol.yaml\nreplications: 2\n"
        "policies:\n  salary_matching: {budget_bn_krw: 10.0, cap_mkrw: 60.0}\n"
    )
    r = cli("compare", "long.yaml", "tight.yaml", "--out", str(files / "res"), cwd=files)
    assert r.returncode == 0, r.stderr
    assert (
        "note: tight alone would run 2 replications; compare runs every scenario with the first file's (3" in r.stderr
    )
    memo = (files / "res" / "memo.md").read_text()
    paid = pd.read_csv(files / "res" / "summary.csv").query("scenario == 'tight' and output == 'sm_paid_share'")
    share = paid[paid.year == 2021]["mean"].iloc[0]
    assert share < 0.9
    assert "Salary matching in 2021:" in memo and f"The budget binds: in 2021 it pays {share:.0%}" in memo
    assert (
        "The state would pay 50% of an eligible person's gross salary (at most 60 M KRW a year per person), "
        "but the budget binds: in 2021" in memo
    )
    assert "The state pays 50%" not in memo
    # the pay rise the reading quotes is the paid part: pi phi s / (1 - pi s), pi = 0.5 by default
    assert f"gross pay rises by {0.5 * share * 0.5 / 0.75:.0%}" in memo
    r = cli("compare", "long.yaml", "tight.yaml", "--out", str(files / "res2"), "--replications", "2", cwd=files)
    assert r.returncode == 0 and "note:" not in r.stderr


def test_a_comparison_against_a_policy_scenario_says_so_and_credits_nothing(files):
    """`talentsim compare salary-matching-25.yaml salary-matching-50.yaml` read as if 25 % were a future
    without policies: "+92 … compared with the same future without it", "of the 100 people paid, 8 %
    are not additional" (the difference in recipients). The memo and terminal now say the first
    scenario has policies, the reading names it, and the salary-matching line gives what the
    scenario itself pays, with no deadweight."""
    (files / "more.yaml").write_text(
        "name: more\ndescription: a larger share\nbase: pol.yaml\npolicies:\n  salary_matching: {share: 0.7}\n"
    )
    r = cli("compare", "pol.yaml", "more.yaml", "--out", str(files / "res"), cwd=files)
    assert r.returncode == 0, r.stderr
    assert "The first scenario is not a baseline without policies." in r.stdout
    memo = (files / "res" / "memo.md").read_text()
    assert "'pol' has its own policies (Salary matching)" in memo
    assert "compared with the same future under 'pol'" in memo and "without it" not in memo
    summ = pd.read_csv(files / "res" / "summary.csv")
    paid = summ.query("scenario == 'more' and output == 'sm_recipients' and year == 2021")["mean"].iloc[0]
    assert f"Salary matching in 2021: {paid:,.0f} people paid," in memo
    assert "not additional" not in memo and "its differences are against 'pol'" in memo
    about = [
        r[0] for r in openpyxl.load_workbook(files / "res" / "results.xlsx").worksheets[-1].iter_rows(values_only=True)
    ]
    assert any(str(a).startswith("The first scenario is not a baseline without policies.") for a in about)


def test_recorded_memo_options_take_only_valid_values():
    from sim.study.cli import recorded_memo_options as rec

    argv = ["talentsim", "compare", "a.yaml", "--lang=ko", "--year", "2031", "--memo-years", "2025", "2030"]
    assert rec(argv) == {"lang": "ko", "year": 2031, "memo_years": [2025, 2030]}
    assert rec(["t", "--lang", "fr", "--year", "soon", "--memo-years", "--out"]) == {}
    assert rec("--lang ko") == {} and rec([1, 2]) == {} and rec(None) == {}


def test_interrupted_batch_resumes_without_recomputing(files):
    plan = batch.make_plan("run", [S.load(files / "base.yaml")], replications=4)
    out = files / "res"
    stage = batch.prepare(plan, out)
    done = []

    def stop_after_two(task):
        done.append(task.key)
        if len(done) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch.run_plan(plan, stage, None, progress=False, on_done=stop_after_two)
    saved = sorted(p.name for p in (stage / "runs").glob("*.csv"))
    assert len(saved) == 2 and not out.exists()
    mtimes = {p.name: p.stat().st_mtime_ns for p in (stage / "runs").glob("*.csv")}
    again = []
    runs = batch.run_plan(plan, batch.prepare(plan, out), None, progress=False, on_done=lambda t: again.append(t.key))
    assert sorted(again) == sorted({t.key for t in plan.tasks} - set(done))  # only the missing two ran
    assert {p.name: p.stat().st_mtime_ns for p in (stage / "runs").glob("*.csv") if p.name in mtimes} == mtimes
    fresh = batch.make_plan("run", [S.load(files / "base.yaml")], replications=4)
    ref = batch.run_plan(fresh, batch.prepare(fresh, files / "ref"), None, progress=False)
    for k in runs:
        pd.testing.assert_frame_equal(runs[k], ref[k])


def test_resume_refuses_a_different_batch(files):
    plan = batch.make_plan("run", [S.load(files / "base.yaml")], replications=2)
    batch.prepare(plan, files / "res")
    other = batch.make_plan("run", [S.load(files / "base.yaml")], replications=3)
    with pytest.raises(batch.BatchError, match="different batch"):
        batch.prepare(other, files / "res")


def test_sweep_runs_every_point(files):
    out = files / "res"
    r = cli("sweep", "sw.yaml", "--out", str(out), cwd=files)
    assert r.returncode == 0, r.stderr
    ts = pd.read_csv(out / "timeseries.csv")
    assert set(ts.point) == {0, 1} and "policies.salary_matching.share" in ts.columns
    by = ts[ts.year == 2021].groupby("policies.salary_matching.share").fiscal_cost_krw.max()
    assert by[0.0] == 0 and by[0.5] > 0
    # every table says which settings each point is (summary.csv and the workbook had only "point 0, 1")
    summ = pd.read_csv(out / "summary.csv")
    assert list(summ.columns[:4]) == ["talentsim_version", "scenario", "point", "policies.salary_matching.share"]
    assert summ.groupby("point")["policies.salary_matching.share"].unique().map(list).to_dict() == {0: [0.0], 1: [0.5]}
    ws = openpyxl.load_workbook(out / "results.xlsx").worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][3] == "Share paid by the state" and {r[2]: r[3] for r in rows[1:]} == {0: 0.0, 1: 0.5}
    # the memo shows the values the sweep runs (not the file's single value) and every point's results
    text = (out / "memo.md").read_text()
    assert "share paid by the state: 0% · 50% (sweep)" in text
    assert "The table above is point 0 (share paid by the state: 0%)" in text
    cost = summ[(summ.year == 2021) & (summ.output == "fiscal_cost_krw")].set_index("point")["mean"]
    rows = {ln.split(" | ")[0]: ln for ln in text.splitlines() if re.match(r"^\| [01] \| ", ln)}
    assert rows["| 0"].startswith("| 0 | 0% |") and rows["| 1"].startswith("| 1 | 50% |")
    assert f"| {QUANTITIES['fiscal_cost_krw'].format(cost[1])} [" in rows["| 1"] and cost[1] > 0
    # the terminal shows the memo's table of point 0 and its table of points (it printed only the folder)
    printed = r.stdout.splitlines()
    assert rows["| 1"] in printed and "## sw (point 0: share paid by the state: 0%)" in printed
    table = [ln for ln in text.splitlines() if ln.startswith("| shortage |")]
    assert table and table[0] in printed


def test_a_sweep_with_the_policy_off_gives_each_points_effect_on_the_same_settings(files):
    """The shipped sweep (salary-matching share x demand path) said it shows "how the salary-matching
    effect depends on the share and the path", but gave levels only; compared with the baseline, its
    points on other paths mixed the path's effect with the policy's. A sweep that runs the policy
    off at some points now gives each other point's paired difference from the point with the
    policy off on the same other settings (sweep_effects.csv, the memo's and the terminal's table)."""
    (files / "sw2.yaml").write_text(
        "name: sw2\ndescription: sweep for tests\nbase: base.yaml\nreplications: 2\n"
        "policies:\n  salary_matching: {tiers: all, start: 2020.5}\n"
        "sweep:\n  policies.salary_matching.share: [0.0, 0.5]\n  parameters.foreign_offer_rate: [0.002, 0.004]\n"
    )
    assert S.load(files / "sw2.yaml").references() == {2: 0, 3: 1}  # points: share-major
    out = files / "res"
    r = cli("sweep", "sw2.yaml", "--out", str(out), cwd=files)
    assert r.returncode == 0, r.stderr
    ts = pd.read_csv(out / "timeseries.csv")
    q4 = ts[(ts.year == 2021) & (ts.quarter == 4)].set_index(["point", "replication"])["core_talent_kr"]
    eff = pd.read_csv(out / "sweep_effects.csv")
    row = eff[(eff.point == 3) & (eff.year == 2021) & (eff.output == "core_talent_kr")].iloc[0]
    assert row.reference_point == 1 and row.pairs == 2
    assert row.diff_mean == pytest.approx((q4.loc[3] - q4.loc[1]).mean())
    assert row["parameters.foreign_offer_rate"] == 0.004 and set(eff.point) == {2, 3}
    text = (out / "memo.md").read_text()
    lines = {ln.split(" | ")[0]: ln for ln in text.splitlines() if re.match(r"^\| [0-3] \| ", ln)}
    assert lines["| 3"].endswith("(vs point 1) |") and lines["| 0"].endswith("| — |")
    assert "paired replication by replication" in text and lines["| 3"] in r.stdout.splitlines()
    wb = openpyxl.load_workbook(out / "results.xlsx")
    sheet = list(wb["Sweep effects"].iter_rows(values_only=True))
    col = sheet[0].index("Core AI talent in Korea (persons), mean")
    got = {(r[2], r[5]): r[col] for r in sheet[1:]}  # (point, year): columns point, share, offer rate, year
    # the swept settings in the file's order, as the memo's table has them (the workbook sorted them)
    assert sheet[0][3].startswith("Share paid") and sheet[0][4].startswith("foreign_offer_rate (")
    assert got[(3, 2021)] == pytest.approx(row.diff_mean) and {p for p, _ in got} == {2, 3}
    # a sweep with no point that runs the policies off has no reference: no such file or column
    (files / "sw3.yaml").write_text((files / "sw2.yaml").read_text().replace("[0.0, 0.5]", "[0.25, 0.5]"))
    r = cli("sweep", "sw3.yaml", "--out", str(files / "res3"), cwd=files)
    assert r.returncode == 0 and not (files / "res3" / "sweep_effects.csv").exists() and "(vs point" not in r.stdout


def test_run_prints_each_scenarios_results_as_the_memo_shows_them(files):
    r = cli("run", "base.yaml", "pol.yaml", "--out", str(files / "res"), "--lang", "ko", cwd=files)
    assert r.returncode == 0, r.stderr
    memo_lines = (files / "res" / "memo.md").read_text().splitlines()
    printed = r.stdout.splitlines()
    assert "## base" in printed and "## pol" in printed
    rows = [ln for ln in memo_lines if ln.startswith("| ") and "[" in ln]  # every results row of the memo
    assert len(rows) >= 2 * 10 and all(ln in printed for ln in rows)


def test_a_comparison_names_the_sweep_point_and_flags_a_policy_mixed_with_other_settings(files):
    """A sweep's one number in a comparison is its point 0, said with its settings (the memo read the
    sweep's file value and its name alone); a policy scenario that also changes an assumption is not
    described as the policy's effect alone."""
    (files / "mix.yaml").write_text(
        "name: mix\ndescription: a policy and an assumption\nbase: pol.yaml\nparameters: {demand_path: boom}\n"
    )
    out = files / "res"
    r = cli(
        "compare", "base.yaml", "sw.yaml", "mix.yaml", "pol.yaml", "--out", str(out), "--replications", "2", cwd=files
    )
    assert r.returncode == 0, r.stderr
    assert "| sw (point 0: share paid by the state: 0%) | mix | pol |" in r.stdout  # the terminal's table
    text = (out / "memo.md").read_text()
    head = {ln.split("**")[1]: ln for ln in text.splitlines() if ln.startswith("- **") and "researchers in Korea" in ln}
    assert set(head) == {"sw (point 0: share paid by the state: 0%)", "mix", "pol"}
    flag = "not the policies' alone"
    assert flag in head["mix"] and "AI sales after 2024 (demand path): boom" in head["mix"]
    assert flag not in head["pol"] and flag not in head["sw (point 0: share paid by the state: 0%)"]


def test_one_replication_is_shown_without_an_interval(files):
    """A comparison of one replication has no interval: the memo said 'in 90% of the 1 simulated
    futures the difference lies between +154 and +154' and '1 replications'."""
    out = files / "res"
    r = cli("compare", "base.yaml", "pol.yaml", "--out", str(out), "--replications", "1", cwd=files)
    assert r.returncode == 0, r.stderr
    text = (out / "memo.md").read_text()
    assert "in a single simulated future: one replication gives no interval" in text
    assert "1 replication," in text and "1 replications" not in text and "between" not in text
    rows = [ln for ln in text.splitlines() if ln.startswith("| ") and re.search(r"\d", ln)]
    assert rows and all("[—]" in ln for ln in rows if "[" in ln), rows
    assert "[—]" in r.stdout and not re.search(r"\[[^\]]*, ", r.stdout)  # no 'x [lo, hi]' on the terminal


def test_sweep_without_grid_is_bad_input(files):
    r = cli("sweep", "base.yaml", "--out", str(files / "x"), cwd=files)
    assert r.returncode == 2 and "sweep" in r.stderr and not (files / "x").exists()


def test_dask_local_cluster_matches_local(files):
    pytest.importorskip("distributed")
    plan = batch.make_plan("compare", [S.load(files / "base.yaml"), S.load(files / "pol.yaml")], replications=2)
    local = batch.run_plan(plan, batch.prepare(plan, files / "l"), None, progress=False)
    with make_executor("dask", workers=2) as ex:
        remote = batch.run_plan(plan, batch.prepare(plan, files / "d"), ex, progress=False, timeout=300)
    assert local.keys() == remote.keys()
    for k in local:
        pd.testing.assert_frame_equal(local[k], remote[k])


def test_every_library_scenario_runs(tmp_path):
    """Smoke test: every file in scenarios/ runs (at 1/50 scale, to 2027, one replication)."""
    import dataclasses

    root = Path(__file__).resolve().parents[1] / "scenarios"
    for path in S.library_files(root):
        s = S.load(path)
        small = dataclasses.replace(
            s, overrides={**s.overrides, "scale": 0.02}, end_year=2027, sweep={k: v[:2] for k, v in s.sweep.items()}
        )
        plan = batch.make_plan("run", [small], replications=1)
        runs = batch.run_plan(plan, batch.prepare(plan, tmp_path / s.name), None, progress=False)
        for df in runs.values():
            assert df.year.iloc[-1] == 2027 and df.workforce_kr.iloc[-1] > 0


def test_dask_scheduler_address(files):
    """--scheduler: connect to a running cluster by address, as with a remote one."""
    distributed = pytest.importorskip("distributed")
    plan = batch.make_plan("run", [S.load(files / "base.yaml")], replications=2)
    local = batch.run_plan(plan, batch.prepare(plan, files / "l"), None, progress=False)
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, make_executor("dask", scheduler=cluster.scheduler_address) as ex:
        remote = batch.run_plan(plan, batch.prepare(plan, files / "d"), ex, progress=False, timeout=300)
    for k in local:
        pd.testing.assert_frame_equal(local[k], remote[k])


def test_finished_runs_are_freed_in_a_worker():
    """Mesa 3.3's Agent._ids keeps every model ever built alive (mesa#3179): a calibration worker
    grew by ~14 MB a run until it swapped. The worker functions release each finished model."""
    import gc

    from sim import Params, TalentMarket
    from sim.study import calibrate, runner

    p = Params(scale=0.03, end_year=2021).to_dict()
    gc.collect()
    before = sum(isinstance(o, TalentMarket) for o in gc.get_objects())
    batch.execute(tuple(p.items()), 1, (0,))
    calibrate.run_values(p, 1, (1,), (("shortage", 2021, 4),))
    runner.run_one(p, np.random.SeedSequence(2))
    _, state = batch.execute_checkpoint(tuple(p.items()), 1, (3,), 2)
    batch.execute_resume(state, tuple(p.items()))
    gc.collect()
    assert sum(isinstance(o, TalentMarket) for o in gc.get_objects()) == before


def test_the_workbooks_sweep_headers_are_plain_text(files):
    """A swept parameter without a lever label is named in the workbook without Markdown backticks."""
    (files / "swp.yaml").write_text(
        "name: swp\ndescription: a sweep of a parameter\nbase: base.yaml\nsweep:\n  parameters.share_phd: [0.2, 0.3]\n"
    )
    plan = batch.make_plan("sweep", [S.load(files / "swp.yaml")], 2)
    for lang in ("en", "ko"):
        header, values = workbook._sweep_columns(plan, lang)
        assert len(header) == 1 and header[0].startswith("share_phd (") and "`" not in header[0]
        assert values == {("swp", 0): [0.2], ("swp", 1): [0.3]}
