"""Fill the app's results store with the shipped scenarios, as the explorer first shows them.

    python -m sim.app.warm [--store DIR] [--replications N] [--only NAME ...] [--workers N]

Runs, for each shipped scenario (`scenarios/*.yaml` but the sweeps), the plan the explorer makes
when the scenario is picked (baseline and scenario, `min(file's replications, N)` paired
replications, the file's seed), through the explorer's own `stream` on a process pool, and keeps
every run in the store (`explorer.RunStore`, keyed by the code version). Runs already stored are
not run again, so a second call returns at once. `make app` calls it before starting the app: the
first page of any shipped scenario then loads from the store.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import time
from pathlib import Path

from ..study import batch, i18n
from ..study import executor as X
from ..study import scenarios as S
from ..study.executor import process_pool
from . import explorer as E

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_STORE = ROOT / ".cache" / "app-runs"


def store_folder() -> Path | None:
    """The app's results store: TALENTSIM_APP_STORE ('off': none), else .cache/app-runs."""
    v = os.environ.get("TALENTSIM_APP_STORE", "")
    if v == "off":
        return None
    return Path(v) if v else DEFAULT_STORE


def first_page_plan(scn: S.Scenario, replications: int):
    """The plan the explorer runs when `scn` is picked with the app's `replications` (its first
    page: the file's seed and replications up to that number; tests/test_explorer.py checks the
    page runs exactly these tasks)."""
    return E.make_plan(scn, min(scn.replications, replications), scn.seed)


@functools.cache
def shared_cache() -> E.RunCache:
    """The app's cache of finished replications: one per process, shared by every session (the
    pages get it through `app_pages.common.run_cache`), backed by the results store."""
    folder = store_folder()
    return E.RunCache(max_entries=600, store=E.RunStore(folder) if folder is not None else None)


@functools.cache
def shared_states() -> E.RunCache:
    """The app's cache of pickled baseline states at a policy start (~10 MB each at 1:1), for
    continuing runs (`explorer.stream`): one per process, shared by every session."""
    return E.RunCache(max_entries=24)


@functools.cache
def shared_pool(workers: int):
    """The app's process pool: one per process for its lifetime (None for `workers` 0: runs in the
    page's own process)."""
    return process_pool(workers) if workers > 0 else None


def _ready(_: object = None) -> int:
    return os.getpid()  # unpickling this function imports the library in the worker


def start_workers(workers: int) -> int:
    """Start the shared pool's worker processes now and wait until each has imported the library
    (each takes ~1-2 s of CPU): done when the server starts (`app_pages.serve`), so the first
    slider move does not wait for them. Returns how many distinct workers answered."""
    pool = shared_pool(workers)
    if pool is None:
        return 0
    return len(set(pool.map(_ready, range(4 * workers))))


def prefetch(replications: int, names: tuple[str, ...] = (E.LANDING,), folder: Path = ROOT / "scenarios") -> int:
    """Read the runs the explorer's first page of each named shipped scenario shows (as `warm`
    stores them) from the store into `shared_cache()`, the posterior the plans draw from and the
    scenario pickers' titles: done when the server starts (`app_pages.serve`), so the first visitor waits for neither.
    Returns how many runs were found; a run not stored is simply not prefetched."""
    for lang in i18n.LANGS:
        E.scenario_titles(folder, lang)  # the pickers' titles
    cache, found = shared_cache(), 0
    for name in names:
        path = folder / f"{name}.yaml"
        if not path.is_file():
            continue
        plan = first_page_plan(S.load(path), replications)
        found += sum(cache.get(E._key(t)) is not None for t in plan.tasks)
    return found


def prefetch_states(
    replications: int, workers: int, names: tuple[str, ...] = (E.LANDING,), folder: Path = ROOT / "scenarios"
) -> int:
    """Compute, on the shared pool, the baseline states at the policy start that the first slider
    move on each named scenario's first page continues from (`batch.execute_state`: the baseline's
    quarters up to the fork, ~0.3 s each at 1:1), into `shared_states()`: done when the server
    starts (`app_pages.serve`). The first page itself comes from the results store, which keeps
    runs but not states, so without this the first move also reran those quarters (its bands took
    3-5 s longer than the next moves', `benchmarks/bench_app.py`). Returns how many states were computed."""
    pool, states, done = shared_pool(workers), shared_states(), 0
    for name in names:
        path = folder / f"{name}.yaml"
        if not path.is_file():
            continue
        plan = first_page_plan(S.load(path), replications)
        stop = E._fork_step(plan)
        if stop <= 0:
            continue
        base = [t for t in plan.tasks if t.scenario == plan.scenarios[0].name]
        todo = [t for t in base if states.get(E.state_key(t, stop)) is None]
        futures = [(t, X.submit(pool, batch.execute_state, t.params, t.entropy, t.spawn_key, stop)) for t in todo]
        for t, fut in futures:
            states.put(E.state_key(t, stop), fut.result())
            done += 1
    return done


def warm(files: list[Path], store: Path, replications: int, workers: int) -> tuple[int, int]:
    """Compute and store every run the explorer needs to show `files`; returns (runs, computed)."""
    cache = E.RunCache(max_entries=10_000, store=E.RunStore(store))
    states = E.RunCache(max_entries=24)
    total = computed = 0
    with process_pool(workers) as pool:
        for f in files:
            plan = first_page_plan(S.load(f), replications)
            before = sum(cache.get(E._key(t)) is not None for t in plan.tasks)
            for _ in E.stream(plan, cache, pool, states):
                pass
            total += len(plan.tasks)
            computed += len(plan.tasks) - before
    return total, computed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sim.app.warm", description=__doc__.splitlines()[0])
    ap.add_argument(
        "--store", type=Path, default=None, help="store folder (default: TALENTSIM_APP_STORE or .cache/app-runs)"
    )
    ap.add_argument("--replications", type=int, default=int(os.environ.get("TALENTSIM_APP_REPLICATIONS", "10")))
    ap.add_argument("--only", nargs="+", default=None, help="scenario names (default: all shipped but sweeps)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    store = args.store or store_folder()
    if store is None:
        print("TALENTSIM_APP_STORE=off: no store to fill", file=sys.stderr)
        return 0
    files = [p for p in S.library_files(ROOT / "scenarios") if "sweep" not in p.stem]
    if args.only:
        files = [p for p in files if p.stem in set(args.only)]
    t = time.perf_counter()
    total, computed = warm(files, store, args.replications, args.workers)
    print(
        f"app results store {store / E.code_version()}: {len(files)} scenarios, {total} runs, "
        f"{computed} computed now, {time.perf_counter() - t:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
