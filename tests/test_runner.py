import concurrent.futures as cf

import numpy as np
import pandas as pd
import pytest

from sim import TalentMarket
from sim.core.params import posterior_draws
from sim.study.runner import replicate, run_one, seeds_for, summarize

SMALL = {"scale": 0.03, "end_year": 2021}


def test_same_results_in_process_and_in_a_pool():
    a = replicate(SMALL, replications=3, seed=42, workers=1)
    b = replicate(SMALL, replications=3, seed=42, workers=2)
    pd.testing.assert_frame_equal(a, b)
    with cf.ThreadPoolExecutor(max_workers=2) as ex:
        c = replicate(SMALL, replications=3, seed=42, executor=ex)
    pd.testing.assert_frame_equal(a, c)


def test_seeds_are_recorded_and_rebuild_the_run():
    """The recorded seed and posterior draw rebuild a replication exactly (the default intervals
    carry parameter uncertainty: each replication has its own draw)."""
    df = replicate(SMALL, replications=2, seed=7)
    row = df[df.replication == 1].iloc[0]
    ss = np.random.SeedSequence(int(row.seed_entropy), spawn_key=tuple(int(k) for k in row.seed_spawn_key.split("/")))
    draw = posterior_draws().values(int(row.posterior_draw))
    again = TalentMarket(rng=ss, **{**draw, **SMALL}).run()
    mine = df[df.replication == 1].drop(columns=["replication", "seed_entropy", "seed_spawn_key", "posterior_draw"])
    pd.testing.assert_frame_equal(mine.reset_index(drop=True), again)
    mc = replicate(SMALL, replications=2, seed=7, uncertainty="monte-carlo")  # at the calibrated point
    assert "posterior_draw" not in mc.columns
    row = mc[mc.replication == 1]
    again = TalentMarket(rng=ss, **SMALL).run()
    pd.testing.assert_frame_equal(
        row.drop(columns=["replication", "seed_entropy", "seed_spawn_key"]).reset_index(drop=True), again
    )
    assert df[df.replication == 0].shortage.iloc[-1] != df[df.replication == 1].shortage.iloc[-1]


def test_summarize_interval_contains_mean():
    df = replicate(SMALL, replications=4, seed=3)
    s = summarize(df, ["shortage", "workforce_kr"])
    assert set(s.year) == {2020, 2021} and (s.replications == 4).all()
    assert ((s.lo <= s["mean"]) & (s["mean"] <= s.hi)).all()


def test_bad_replications():
    with pytest.raises(ValueError, match="replications"):
        seeds_for(1, 0)
    with pytest.raises(ValueError, match="unknown parameter"):
        replicate({"scal": 1.0}, replications=1)


def test_run_one_columns():
    df = run_one(dict(SMALL), np.random.SeedSequence(1), replication=5)
    assert list(df.columns[:4]) == ["replication", "seed_entropy", "seed_spawn_key", "step"]
    assert (df.replication == 5).all()
