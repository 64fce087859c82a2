"""Sensitivity analysis: the methods recover known answers; the model pipeline runs end to end."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.study import sensitivity as sa
from sim.study.executor import make_executor

U = (sa.Uncertain("a", 0.0, 1.0, ""), sa.Uncertain("b", 0.0, 1.0, ""), sa.Uncertain("c", 0.0, 1.0, ""))


def test_sobol_recovers_analytic_indices():
    # Y = 2a + b (c inert), a, b ~ U(0,1): Var = 4/12 + 1/12 -> S1 = ST = 0.8, 0.2, 0
    r = sa.analyze_function(lambda X: 2 * X[:, 0] + X[:, 1], "sobol", U, n=1024).set_index("parameter")
    assert r.loc["a", "S1"] == pytest.approx(0.8, abs=0.05) and r.loc["b", "S1"] == pytest.approx(0.2, abs=0.05)
    assert abs(r.loc["c", "ST"]) < 0.02 and (r.loc[["a", "b"], "S1_conf"] > 0).all()


def test_sobol_sees_interactions():
    # Y = a * b: ST exceeds S1 for both (an interaction), c inert
    r = sa.analyze_function(lambda X: X[:, 0] * X[:, 1], "sobol", U, n=1024).set_index("parameter")
    for p in ("a", "b"):
        assert r.loc[p, "ST"] > r.loc[p, "S1"] + 0.03
    assert abs(r.loc["c", "ST"]) < 0.02


def test_morris_ranks_influence():
    r = sa.analyze_function(lambda X: 5 * X[:, 0] + X[:, 1], "morris", U, n=20).set_index("parameter")
    assert r.loc["a", "mu_star"] == pytest.approx(5, rel=0.05) and r.loc["b", "mu_star"] == pytest.approx(1, rel=0.05)
    assert r.loc["c", "mu_star"] == pytest.approx(0, abs=1e-9)


def test_model_pipeline_small(tmp_path):
    scn = tmp_path / "pol.yaml"
    scn.write_text(
        "name: pol\ndescription: salary matching for the sensitivity test\n"
        "parameters: {scale: 0.03}\npolicies:\n  salary_matching: {share: 0.5, tiers: all, start: 2020.5}\n"
    )
    out = tmp_path / "sens"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "sim",
            "sensitivity",
            str(scn),
            "--method",
            "morris",
            "--n",
            "2",
            "--params",
            "beta_pay,home_tie",
            "--year",
            "2021",
            "--workers",
            "1",
            "--out",
            str(out),
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    idx = pd.read_csv(out / "indices.csv")
    assert set(idx.output) == set(sa.OUTPUTS) and set(idx.parameter) == {"beta_pay", "home_tie"}
    pts = pd.read_csv(out / "points.csv")
    assert len(pts) == 2 * 3 and (pts.effect_fiscal_cost_krw > 0).all()
    # the terminal shows the docs' table (it printed the raw frame: "1.660359e+11")
    assert "| effect on core talent in Korea (persons; " in r.stdout and "e+" not in r.stdout
    assert r.stdout.splitlines()[:-1] == sa.morris_table(idx, {c: pts[c].mean() for c in sa.OUTPUT_LABELS})
    assert (out / "indices.png").exists() and (out / "manifest.json").exists()


def test_bad_parameter_name_is_bad_input(tmp_path):
    root = Path(__file__).resolve().parents[1]
    r = subprocess.run(
        [sys.executable, "-m", "sim", "sensitivity", str(root / "scenarios" / "baseline.yaml"), "--params", "nope"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert r.returncode == 2 and "not uncertain parameters" in r.stderr and "Traceback" not in r.stderr


def test_points_identical_in_process_and_on_dask(tmp_path):
    """Each sample point runs with the same fixed seed wherever it runs."""
    pytest.importorskip("distributed")
    from sim.study import scenarios as S

    f = tmp_path / "pol.yaml"
    f.write_text(
        "name: pol\ndescription: salary matching for the executor test\nhorizon: {end_year: 2021}\n"
        "parameters: {scale: 0.03}\npolicies:\n  salary_matching: {share: 0.5, tiers: all, start: 2020.5}\n"
    )
    scn = S.load(f)
    params = tuple(u for u in sa.UNCERTAIN if u.name in ("beta_pay", "home_tie"))
    X = sa.sample("morris", params, 2, seed=3)
    local = sa.evaluate_points(scn, params, X, 2021, seed=3)
    with make_executor("dask", workers=2) as ex:
        remote = sa.evaluate_points(scn, params, X, 2021, seed=3, executor=ex, timeout=300)
    pd.testing.assert_frame_equal(local, remote)
    assert np.isfinite(local[list(sa.OUTPUTS)].to_numpy()).all()


def test_sobol_seed_zero_gives_the_same_intervals_every_time():
    """SALib's Sobol analysis takes seed 0 for "no seed" (bootstrap intervals from the global random
    state); the project passes it a Generator, so seed 0 is a seed like any other."""
    runs = [sa.analyze_function(lambda X: 2 * X[:, 0] + X[:, 1], "sobol", U, n=64, seed=0) for _ in range(2)]
    pd.testing.assert_frame_equal(runs[0], runs[1])
    other = sa.analyze_function(lambda X: 2 * X[:, 0] + X[:, 1], "sobol", U, n=64, seed=1)
    assert not np.allclose(other["S1_conf"], runs[0]["S1_conf"])  # the seed still matters


def test_sobol_cli_with_seed_zero_reproduces(tmp_path):
    """`talentsim sensitivity --method sobol --seed 0`, twice: identical indices and intervals."""
    scn = tmp_path / "pol.yaml"
    scn.write_text(
        "name: pol\ndescription: salary matching for the sensitivity test\n"
        "parameters: {scale: 0.03}\npolicies:\n  salary_matching: {share: 0.5, tiers: all, start: 2020.5}\n"
    )
    tables = []
    for k in range(2):
        out = tmp_path / f"sobol{k}"
        args = ["sensitivity", str(scn), "--method", "sobol", "--n", "2", "--params", "beta_pay,home_tie"]
        args += ["--year", "2021", "--seed", "0", "--workers", "1", "--out", str(out), "--no-progress"]
        r = subprocess.run(
            [sys.executable, "-m", "sim", *args], capture_output=True, text=True, cwd=tmp_path, timeout=600
        )
        assert r.returncode == 0, r.stderr
        tables.append(pd.read_csv(out / "indices.csv"))
        assert (
            r.stdout.splitlines()[0]
            == "| parameter | " + " | ".join(f"{sa.SOBOL_HEADS[c]} S1 / ST" for c in sa.SOBOL_HEADS) + " |"
        )
    pd.testing.assert_frame_equal(tables[0], tables[1])
    assert tables[0]["S1_conf"].notna().any()


def test_sobol_nonzero_seed_gives_salibs_own_intervals():
    """For any seed but 0 the fix changes nothing: the same indices as SALib given the int."""
    from SALib.analyze import sobol as salib_sobol

    X = sa.sample("sobol", U, 64, 7)
    Y = 2 * X[:, 0] + X[:, 1]
    ours = sa.indices("sobol", U, X, Y, 7)
    theirs = salib_sobol.analyze(sa.problem(U), Y, calc_second_order=False, conf_level=0.90, num_resamples=500, seed=7)
    np.testing.assert_array_equal(ours["S1_conf"], theirs["S1_conf"])
    np.testing.assert_array_equal(ours["ST_conf"], theirs["ST_conf"])
