"""Replications: independent runs from `numpy.random.SeedSequence(seed).spawn(n)`.

Every replication's seed is recorded (root entropy and spawn key), so any single
run can be rebuilt with `numpy.random.SeedSequence(entropy, spawn_key=key)`. Runs
go through the project's executor loop (`sim.study.executor`: a process pool when
workers > 1, or any `concurrent.futures.Executor`); the results are the same whatever
the executor or worker count, because each replication's generator depends only on its
own seed.
"""

from __future__ import annotations

import concurrent.futures as cf
from typing import Any

import numpy as np
import pandas as pd

from ..core.model import TalentMarket
from ..core.params import Params
from . import executor as X
from . import uncertainty as U
from .stats import summary


def seeds_for(seed: int, replications: int) -> list[np.random.SeedSequence]:
    """The per-replication seeds: SeedSequence(seed).spawn(replications)."""
    if replications < 1:
        raise ValueError(f"replications = {replications!r} must be at least 1")
    return np.random.SeedSequence(seed).spawn(replications)


def run_one(params: dict[str, Any], seed: np.random.SeedSequence, replication: int = 0) -> pd.DataFrame:
    """One run; returns its results table with `replication`, `seed_entropy`, `seed_spawn_key`."""
    model = TalentMarket(params=Params.from_dict(params), rng=seed)
    df = model.run()
    model.release()  # else Mesa 3.3 keeps every model of a worker alive
    df.insert(0, "replication", replication)
    df.insert(1, "seed_entropy", str(seed.entropy))
    df.insert(2, "seed_spawn_key", "/".join(map(str, seed.spawn_key)))
    return df


def replicate(
    params: Params | dict[str, Any] | None = None,
    replications: int = 10,
    seed: int = 20200601,
    workers: int = 1,
    executor: cf.Executor | None = None,
    progress: bool = False,
    uncertainty: str = U.DEFAULT,
) -> pd.DataFrame:
    """Run `replications` independent replications; one tidy table, rows ordered by replication.

    Args:
        params: parameters (a `Params`, or a mapping of overrides on the defaults).
        replications: number of runs (>= 1).
        seed: root seed; replication i uses SeedSequence(seed).spawn(replications)[i].
        workers: processes when no `executor` is given (1 = in this process).
        executor: any concurrent.futures.Executor (e.g. a Dask client's executor).
        progress: show a progress bar.
        uncertainty: "posterior": replication i also takes posterior draw `uncertainty.draw_indices`[i]
            for the parameters `params` does not set (a mapping: its keys; a `Params`: the fields
            that differ from the defaults); recorded in the column `posterior_draw`.

    Raises:
        executor.RunsFailedError: if a replication raised (after the others finished).
    """
    p = params.to_dict() if isinstance(params, Params) else Params.from_dict(dict(params or {})).to_dict()
    seeds = seeds_for(seed, replications)
    per = [p] * replications
    drawn: list[int] = []
    if U.check_mode(uncertainty) == "posterior":
        defaults = Params().to_dict()
        explicit = {k for k, v in p.items() if v != defaults[k]} if isinstance(params, Params) else set(params or {})
        post = U.load()
        drawn = U.draw_indices(seed, replications, len(post.draws))
        per = [U.with_draw(p, post.values(d), explicit) for d in drawn]
    tasks = [(i, (per[i], s, i)) for i, s in enumerate(seeds)]
    if executor is None and workers > 1:
        with X.process_pool(workers) as own:
            results = X.collect(X.run_tasks(run_one, tasks, own, progress=progress, desc="replications"))
    else:
        results = X.collect(X.run_tasks(run_one, tasks, executor, progress=progress, desc="replications"))
    if drawn:
        for i, d in enumerate(drawn):
            results[i].insert(3, "posterior_draw", d)
    return pd.concat([results[i] for i in range(replications)], ignore_index=True)


def summarize(df: pd.DataFrame, columns: list[str] | tuple[str, ...], level: float = 0.90) -> pd.DataFrame:
    """Mean and central `level` interval across replications, per year (Q4 rows) and output.

    Returns a long table: year, output, mean, lo, hi, replications (`stats.summary`,
    restricted to `columns`).
    """
    s = summary(df, level)
    return s[s["output"].isin(list(columns))].reset_index(drop=True)
