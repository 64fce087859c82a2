"""The posterior artefact (sim/data/posterior.json) and intervals with parameter uncertainty.

CI does not rerun the calibration (`talentsim posterior`, ~45 min with the optional [posterior]
extra): it checks that the stored posterior loads, lies within its priors, was made for the current
targets, and predicts the documented figures in a small posterior-predictive check; and that batch
runs with `--uncertainty posterior` take one draw per replication, paired across scenarios, and
rerun exactly from their manifest."""

import dataclasses
import hashlib
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.core import params as P
from sim.core.model import TalentMarket
from sim.core.params import Params, posterior_draws
from sim.study import batch, posterior_report
from sim.study import posterior as post
from sim.study import scenarios as S
from sim.study import uncertainty as U
from sim.study.calibrate import run_values
from sim.study.targets import load_targets
from tests.test_batch import cli  # the same command runner as the batch tests


@pytest.fixture(scope="module")
def stored():
    return posterior_draws()


def test_the_stored_posterior_loads_with_its_provenance(stored):
    prov = stored.provenance
    for key in ("date_utc", "code", "targets_sha256", "seed", "wall_seconds", "simulations", "rounds", "sbi"):
        assert key in prov, key
    assert prov["code"]["git"].get("commit")
    assert stored.names == tuple(p.name for p in post.PRIORS)  # one column per prior, in order
    assert len(stored.draws) >= 500


def test_the_posterior_was_made_for_the_current_targets(stored):
    """Editing a conditioned target (or its tolerance) without rerunning `talentsim posterior` fails here."""
    use, _ = post.conditioning_targets()
    doc = json.dumps([dataclasses.asdict(t) for t in use], sort_keys=True, default=str)
    assert hashlib.sha256(doc.encode()).hexdigest() == stored.provenance["targets_sha256"]
    assert stored.provenance["targets"] == [t.id for t in use]


def test_draws_lie_within_the_priors(stored):
    for j, p in enumerate(post.PRIORS):
        col = stored.draws[:, j]
        assert p.lo <= col.min() and col.max() <= p.hi, p.name
    # the stored priors are the code's priors
    assert [d["name"] for d in stored.priors] == [p.name for p in post.PRIORS]
    assert [(d["lo"], d["hi"], d["log"]) for d in stored.priors] == [(p.lo, p.hi, p.log) for p in post.PRIORS]


def test_the_data_narrow_the_identified_parameters(stored):
    """The parameters the survey series pin most directly are learnt: their 90 % posterior width is
    well inside their prior range (measured on the stored posterior: firm entry 0.15, entry size
    0.43, the return hazard 0.50, the sales elasticity 0.51, the top pay gap 0.52 of the prior's
    width; most first guesses stay near 0.85-0.9, the data say little about them)."""
    for name in ("firm_entry_per_growth", "entry_size_median", "return_hazard", "demand_sales_elasticity", "gap_top"):
        j = stored.names.index(name)
        p = post.PRIORS[j]
        q05, q95 = np.quantile(stored.draws[:, j], [0.05, 0.95])
        width = (np.log(q95 / q05) / np.log(p.hi / p.lo)) if p.log else (q95 - q05) / (p.hi - p.lo)
        assert width < 0.6, (name, width)


def test_a_small_posterior_predictive_check_passes(stored):
    """Eight posterior draws (own seeds) to 2024: each conditioned target read by then lies within
    the spread of the eight runs widened by three measurement standard deviations."""
    use, _ = post.conditioning_targets()
    early = [t for t in use if t.year <= 2024]
    wanted = tuple((t.output, t.year, t.quarter) for t in early)
    seeds = np.random.SeedSequence(4242).spawn(8)
    rows = []
    for i, s in enumerate(seeds):
        p = post.params_for(stored.values(i * 97), 2024)
        rows.append(run_values(p, s.entropy, tuple(s.spawn_key), wanted))
    sims = np.array(rows)
    misses = []
    for j, t in enumerate(early):
        value, sd = post.observation(t)
        if not (sims[:, j].min() - 3 * sd <= value <= sims[:, j].max() + 3 * sd):
            misses.append((t.id, value, sims[:, j].min(), sims[:, j].max()))
    assert not misses, misses


def test_the_policy_only_parameters_do_not_move_the_baseline():
    """Why they are drawn from their prior: the data (all from the baseline) cannot inform them."""
    for name in post.POLICY_ONLY:
        prior = next(p for p in post.PRIORS if p.name == name)
        out = []
        for v in (prior.lo, prior.hi):
            m = TalentMarket(
                params=Params.from_dict({"scale": 0.05, "end_year": 2022, name: v}), rng=np.random.SeedSequence(3)
            )
            out.append(m.run().drop(columns=[]))
            m.release()
        pd.testing.assert_frame_equal(out[0], out[1])


def test_every_target_left_out_says_why():
    fitted, oos = load_targets()
    for t in fitted + oos:
        if not t.posterior:
            assert len(t.posterior_note) > 20, t.id
    use, rest = post.conditioning_targets()
    assert {t.id for t in use} | {t.id for t in rest} == {t.id for t in fitted + oos}
    assert "job_changers_abroad_2024" in {t.id for t in rest}


@given(st.lists(st.floats(0.0, 1.0), min_size=len(post.LEARNT), max_size=len(post.LEARNT)))
def test_the_inference_space_round_trips(u):
    lo, hi = post.z_bounds()
    z = lo + np.array(u) * (hi - lo)
    theta = post.from_z(z)
    assert np.allclose(post.to_z(theta), z)
    for p, v in zip(post.LEARNT, theta):
        assert p.lo * (1 - 1e-9) <= v <= p.hi * (1 + 1e-9)


@given(st.integers(0, 2**32 - 1), st.integers(1, 60), st.integers(1, 40))
def test_draw_indices_are_a_permutation_fixed_by_the_seed(seed, reps, n):
    idx = U.draw_indices(seed, reps, n)
    assert idx == U.draw_indices(seed, reps, n)
    assert all(0 <= i < n for i in idx)
    assert len(set(idx[:n])) == min(reps, n)  # distinct draws while there are enough


@given(st.floats(0.0, 5.0), st.floats(0.1, 5.0), st.integers(0, 2**31))
def test_the_variance_split_recovers_known_shares(sd_param, sd_noise, seed):
    """Effects = parameter part (one per draw) + noise (per seed): the split estimates the known
    share sd_param^2 / (sd_param^2 + sd_noise^2) (4,000 draws: within 0.05)."""
    from sim.study.posterior_sa import split_variance

    rng = np.random.default_rng(seed)
    eff = rng.normal(0, sd_param, size=(4000, 1)) + rng.normal(0, sd_noise, size=(4000, 2))
    total, within, share = split_variance(eff)
    assert within == pytest.approx(sd_noise**2, rel=0.1)
    assert share == pytest.approx(sd_param**2 / (sd_param**2 + sd_noise**2), abs=0.05)
    assert 0.0 <= share <= 1.0 and total > 0


def test_the_report_block_survives_the_smm_report():
    old = "# Calibration results\n\nold SMM text\n\n<!-- posterior -->\nPOSTERIOR TABLE\n<!-- /posterior -->\n"
    new = posterior_report.keep_block(old, "# Calibration results\n\nnew SMM text\n")
    assert "new SMM text" in new and "POSTERIOR TABLE" in new and "old SMM text" not in new
    assert posterior_report.replace_block(new, "X").count("<!-- posterior -->") == 1


def test_the_report_renders_from_the_artefact(stored):
    text = posterior_report.body(stored.doc)
    for name in stored.names:
        assert f"`{name}`" in text
    assert "Posterior-predictive check" in text and "Recovery" in text


# --- batch runs with parameter uncertainty -------------------------------------------------

SMALL = "horizon: {end_year: 2021}\nreplications: 3\nseed: 99\nparameters: {scale: 0.03}\n"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "base.yaml").write_text("name: base\ndescription: small baseline\n" + SMALL)
    (tmp_path / "pol.yaml").write_text(
        "name: pol\ndescription: salary matching\nbase: base.yaml\nparameters: {beta_pay: 2.5}\n"
        "policies:\n  salary_matching: {share: 0.5, tiers: all, start: 2020.5}\n"
    )
    return tmp_path


def test_posterior_plans_take_one_draw_per_replication_paired_across_scenarios(files, stored):
    scns = [S.load(files / "base.yaml"), S.load(files / "pol.yaml")]
    plan = batch.make_plan("compare", scns, uncertainty="posterior")
    mc = batch.make_plan("compare", scns, uncertainty="monte-carlo")
    assert plan.digest != mc.digest and batch.make_plan("compare", scns).uncertainty == "posterior"  # the default
    draws = plan.draws()
    assert len(set(draws)) == 3
    by = {(t.scenario, t.replication): dict(t.params) for t in plan.tasks}
    for r, d in enumerate(draws):
        values = stored.values(d)
        base, pol = by[("base", r)], by[("pol", r)]
        for name, v in values.items():
            assert base[name] == v  # the draw, in the baseline
            if name != "beta_pay":
                assert pol[name] == v  # and the same draw in the policy scenario (paired)
        assert pol["beta_pay"] == 2.5  # a value the scenario sets wins over the draw
        assert base["scale"] == 0.03  # and so does the scenario's scale
    for t in mc.tasks:  # Monte-Carlo: the defaults
        assert dict(t.params)["foreign_offer_rate"] == Params().foreign_offer_rate


def test_posterior_compare_reruns_exactly_and_refuses_edited_draws(files):
    a, b = files / "a", files / "b"
    r = cli("compare", "base.yaml", "pol.yaml", "--uncertainty", "posterior", "--out", str(a), cwd=files)
    assert r.returncode == 0, r.stderr
    man = json.loads((a / "manifest.json").read_text())
    assert man["uncertainty"] == "posterior" and len(man["posterior"]["draws"]) == 3
    assert man["posterior"]["sha256"] == U.posterior_sha256()
    ts = pd.read_csv(a / "timeseries.csv")
    assert ts.groupby("replication").posterior_draw.nunique().eq(1).all()
    assert sorted(ts.posterior_draw.unique()) == sorted(man["posterior"]["draws"])
    memo = (a / "memo.md").read_text()
    assert U.describe("posterior", "en") in memo
    r = cli("rerun", str(a / "manifest.json"), "--out", str(b), cwd=files)
    assert r.returncode == 0, r.stderr
    pd.testing.assert_frame_equal(pd.read_csv(a / "summary.csv"), pd.read_csv(b / "summary.csv"))
    man["posterior"]["draws"][0] = (man["posterior"]["draws"][0] + 1) % len(posterior_draws().draws)
    (a / "manifest.json").write_text(json.dumps(man))
    r = cli("rerun", str(a / "manifest.json"), "--out", str(files / "c"), cwd=files)
    assert r.returncode == 2 and "posterior.draws" in r.stderr and "Traceback" not in r.stderr


def test_posterior_intervals_are_wider_than_monte_carlo_ones():
    """The point of the issue: parameter uncertainty widens the intervals. Scale 0.25, 8 replications,
    2022Q4: the 90 % range of core talent (no target pins it) is 13-19x the Monte-Carlo one over the
    seeds 99, 1, 2 (8-21x with 20 replications); at scale 0.03 the model's own noise is as large as
    the parameters' effect, so not there. AI staff are conditioned on (the 2021-23 surveys), so the
    posterior widens their range little: 1.3-1.7x with 8 replications, 1.5-2.4x with 20, with the
    posterior of 2026-12-07 (27 parameters; 1.0-1.7x on the one before it, 3.3x when first measured)
    — so only asserted not to be narrower by more than the noise of 8 replications."""
    doc = {"name": "b", "description": "x", "horizon": {"end_year": 2022}, "replications": 8, "seed": 99}
    scn = S.from_document({**doc, "parameters": {"scale": 0.25}})
    out = {}
    for mode in U.MODES:
        plan = batch.make_plan("run", [scn], uncertainty=mode)
        runs = {t.key: batch.execute(t.params, t.entropy, t.spawn_key) for t in plan.tasks}
        ts = batch.timeseries(plan, runs)
        q4 = ts[(ts.year == 2022) & (ts.quarter == 4)]
        out[mode] = {c: q4[c].quantile(0.95) - q4[c].quantile(0.05) for c in ("workforce_kr", "core_talent_kr")}
    assert out["posterior"]["core_talent_kr"] > 4 * out["monte-carlo"]["core_talent_kr"], out
    assert out["posterior"]["workforce_kr"] > 0.8 * out["monte-carlo"]["workforce_kr"], out


def test_a_missing_posterior_is_a_clear_error(monkeypatch, tmp_path, files):
    monkeypatch.setattr(P, "POSTERIOR_FILE", tmp_path / "none.json")
    monkeypatch.setattr(P, "_POSTERIOR", {})
    with pytest.raises(U.UncertaintyError, match="talentsim posterior"):
        batch.make_plan("run", [S.load(files / "base.yaml")], uncertainty="posterior")
    with pytest.raises(U.UncertaintyError, match="allowed: monte-carlo, posterior"):
        U.check_mode("bayes")


def test_refreshing_the_predictive_table_keeps_the_draws_and_covers_every_target(tmp_path):
    """`talentsim posterior --refresh-predictive` (here on 4 draws): one row per target, conditioned
    or not, in the order the posterior uses; the draws and the inference's provenance unchanged; the
    refresh dated. Written to `out`, the stored file untouched."""
    src = P.POSTERIOR_FILE
    doc = json.loads(src.read_text(encoding="utf-8"))
    doc["provenance"]["predictive"] = 4
    path = tmp_path / "posterior.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = src.read_bytes()
    new = post.refresh_predictive(path, workers=1, progress=False, out=tmp_path / "out.json")
    use, rest = post.conditioning_targets()
    assert [r["id"] for r in new["predictive"]] == [t.id for t in use + rest]
    assert [r["conditioned"] for r in new["predictive"]] == [True] * len(use) + [False] * len(rest)
    assert new["draws"] == doc["draws"] and new["provenance"]["rounds"] == doc["provenance"]["rounds"]
    assert "predictive_refreshed_utc" in json.loads((tmp_path / "out.json").read_text())["provenance"]
    assert src.read_bytes() == before
