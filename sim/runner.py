"""Replications: independent runs from `numpy.random.SeedSequence(seed).spawn(n)`.

Every replication's seed is recorded (root entropy and spawn key), so any single
run can be rebuilt with `numpy.random.SeedSequence(entropy, spawn_key=key)`. Runs
go through any `concurrent.futures.Executor` (a process pool by default when
workers > 1); the results are the same whatever the executor or worker count,
because each replication's generator depends only on its own seed.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
from typing import Any

import numpy as np
import pandas as pd

from .model import TalentMarket
from .params import Params


def seeds_for(seed: int, replications: int) -> list[np.random.SeedSequence]:
    """The per-replication seeds: SeedSequence(seed).spawn(replications)."""
    if replications < 1:
        raise ValueError(f"replications = {replications!r} must be at least 1")
    return np.random.SeedSequence(seed).spawn(replications)


def run_one(params: dict[str, Any], seed: np.random.SeedSequence, replication: int = 0) -> pd.DataFrame:
    """One run; returns its results table with `replication`, `seed_entropy`, `seed_spawn_key`."""
    model = TalentMarket(params=Params.from_dict(params), rng=seed)
    df = model.run()
    df.insert(0, "replication", replication)
    df.insert(1, "seed_entropy", str(seed.entropy))
    df.insert(2, "seed_spawn_key", "/".join(map(str, seed.spawn_key)))
    return df


def replicate(params: Params | dict[str, Any] | None = None, replications: int = 10, seed: int = 20200601,
              workers: int = 1, executor: cf.Executor | None = None, progress: bool = False) -> pd.DataFrame:
    """Run `replications` independent replications; one tidy table, rows ordered by replication.

    Args:
        params: parameters (a `Params`, or a mapping of overrides on the defaults).
        replications: number of runs (>= 1).
        seed: root seed; replication i uses SeedSequence(seed).spawn(replications)[i].
        workers: processes when no `executor` is given (1 = in this process).
        executor: any concurrent.futures.Executor (e.g. a Dask client's executor).
        progress: show a progress bar.
    """
    p = params.to_dict() if isinstance(params, Params) else Params.from_dict(dict(params or {})).to_dict()
    seeds = seeds_for(seed, replications)
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=replications, desc="replications", unit="run")
    results: list[pd.DataFrame | None] = [None] * replications
    own = None
    if executor is None and workers > 1:
        own = executor = cf.ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"))
    try:
        if executor is None:
            for i, s in enumerate(seeds):
                results[i] = run_one(p, s, i)
                if bar:
                    bar.update()
        else:
            futs = {executor.submit(run_one, p, s, i): i for i, s in enumerate(seeds)}
            for fut in cf.as_completed(futs):
                results[futs[fut]] = fut.result()
                if bar:
                    bar.update()
    finally:
        if own is not None:
            own.shutdown(cancel_futures=True)
        if bar:
            bar.close()
    return pd.concat(results, ignore_index=True)


def summarize(df: pd.DataFrame, columns: list[str] | tuple[str, ...], level: float = 0.90) -> pd.DataFrame:
    """Mean and central `level` interval across replications, per year (Q4 rows) and output.

    Returns a long table: year, output, mean, lo, hi, replications (`results.summary`,
    restricted to `columns`).
    """
    from .results import summary
    s = summary(df, level)
    return s[s["output"].isin(list(columns))].reset_index(drop=True)
