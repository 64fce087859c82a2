"""The stored calibration: provenance, identification, and the acceptance test over fresh replications."""

import numpy as np
import pytest

from sim import Params, TalentMarket
from sim.study import calibrate as C

CAL = C.load_calibration()
FITTED, OOS = C.load_targets()


def test_targets_file_is_complete():
    ids = {t.id for t in FITTED}
    assert {"workforce_2023", "shortage_2023", "migration_index_2023", "pay_gap_median", "pay_gap_top"} <= ids
    for t in FITTED + OOS:
        assert t.source and t.level and t.definition
        assert (t.range is not None) or (t.value is not None and (t.rel or t.abs))


def test_target_error_oracles():
    rel = C.Target("a", "x", 2023, 4, 100.0, 0.1, None, None, "", "", "")
    assert rel.error(110.0) == pytest.approx(1.0) and rel.within(110.0) and not rel.within(111.0)
    ab = C.Target("b", "x", 2023, 4, -0.3, None, 0.08, None, "", "", "")
    assert ab.error(-0.2) == pytest.approx(1.25) and not ab.within(-0.2) and ab.within(-0.25)
    rg = C.Target("c", "x", 2023, 4, None, None, None, (8.0, 12.0), "", "", "")
    assert rg.error(10.0) == 0 and rg.error(13.2) == pytest.approx(1.0) and rg.error(7.2) == pytest.approx(-1.0)
    assert rel.error(float("nan")) > 100


def test_transform_round_trips():
    theta = np.array([(f.lo + f.hi) / 3 for f in C.FREE])
    np.testing.assert_allclose(C.to_theta(C.to_x(theta)), theta, rtol=1e-9)
    assert (C.to_theta(np.full(len(C.FREE), 50.0)) <= [f.hi for f in C.FREE]).all()


@pytest.mark.skipif(not CAL, reason="no stored calibration yet")
def test_stored_calibration_is_the_model_default_and_records_provenance():
    p = Params()
    for f in C.FREE:
        v = CAL["parameters"][f.name]["value"]
        assert getattr(p, f.name) == v and f.lo <= v <= f.hi
    assert CAL["check"]["replications"] >= 20
    assert {"date_utc", "seed", "loss", "evaluations", "wall_seconds", "code"} <= set(CAL)
    for row in CAL["check"]["targets"]:
        assert row["simulated_lo"] <= row["simulated_mean"] <= row["simulated_hi"]


@pytest.mark.skipif(not CAL, reason="no stored calibration yet")
def test_profiles_show_each_parameter_is_identified():
    """Along each free parameter the loss is lowest near the calibrated value: moving it 25 % away
    in either direction (within bounds) makes the fit worse."""
    for name, prof in CAL["profiles"].items():
        loss = np.array(prof["loss"])
        mid = len(loss) // 2
        assert loss[mid] <= loss[0] + 1e-9 or prof["values"][0] == prof["values"][mid], name
        assert loss[mid] <= loss[-1] + 1e-9 or prof["values"][-1] == prof["values"][mid], name


@pytest.mark.skipif(not CAL, reason="no stored calibration yet")
def test_calibrated_model_meets_every_target_over_ten_fresh_replications():
    end = max(t.year for t in FITTED)
    seeds = np.random.SeedSequence(777).spawn(10)  # not the seeds used in the fit
    runs = [TalentMarket(rng=s, end_year=end).run() for s in seeds]
    for t in FITTED:
        mean = float(np.mean([C.read_at(df, t) for df in runs]))
        assert t.within(mean), f"{t.id}: simulated {mean:.4g}, documented {t.describe()}"
    by = {t.id: t for t in FITTED}
    sh = np.mean([C.read_at(df, by["shortage_2023"]) for df in runs])
    wf = np.mean([C.read_at(df, by["workforce_2023"]) for df in runs])
    mi = np.mean([C.read_at(df, by["migration_index_2023"]) for df in runs])
    assert abs(sh / 8579 - 1) <= 0.10 and abs(wf / 51425 - 1) <= 0.05 and abs(mi + 0.30) <= 0.08


@pytest.mark.skipif(not CAL, reason="no stored calibration yet")
def test_refreshing_the_check_adds_new_targets_and_moves_nothing_else(tmp_path):
    """`talentsim calibrate --refresh-check`: the stored point's check rerun with its own values, seed
    and replications gives the stored rows again (to rounding) for every target, a row for each
    target, and leaves the parameters as they are."""
    path = tmp_path / "calibration.yaml"
    path.write_text(C.data_path("calibration.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    new = C.refresh_check(path)
    old = {r["id"]: r for r in CAL["check"]["targets"] + CAL["check"]["out_of_sample"]}
    rows = {r["id"]: r for r in new["check"]["targets"] + new["check"]["out_of_sample"]}
    assert set(rows) == {t.id for t in FITTED + OOS}
    for k in set(old) & set(rows):
        for col in ("simulated_mean", "simulated_lo", "simulated_hi"):
            assert rows[k][col] == pytest.approx(old[k][col], rel=1e-9, abs=1e-12), (k, col)
    assert C.load_calibration(path)["parameters"] == CAL["parameters"]
