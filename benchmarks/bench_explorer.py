"""Benchmark: the app's work after a slider change without browser or Streamlit (library calls).

The same sequence as bench_app.py (salary-matching share 0.50 -> 0.45 -> ... -> 0.25, 10
replications, a persistent 2-process pool, baseline cached and policy runs continued from the
baseline's state at the policy start), timed through `sim.app.explorer.stream`: (a) until the first
paired result exists, (b) until all runs are in. Separates the simulation's share of the app's
response time from Streamlit's and the browser's. Writes benchmarks/out/bench_explorer.json.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from _common import save

from sim.app import explorer as E
from sim.study import scenarios as S
from sim.study.executor import process_pool

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--moves", type=int, default=5)
    ap.add_argument("--replications", type=int, default=10)
    args = ap.parse_args()
    with process_pool(2) as ex:
        list(ex.map(abs, [1, 2]))  # start the workers
        cache, states = E.RunCache(), E.RunCache(24)
        start = S.load(ROOT / "scenarios" / "salary-matching-50.yaml")
        settings = E.settings_of(start)

        def plan():
            return E.make_plan(E.apply_settings(start, settings), args.replications, start.seed)

        for _ in E.stream(plan(), cache, ex, states):  # baseline and the starting scenario
            pass
        first, full = [], []
        for i in range(args.moves):
            settings["sm_share"] = round(0.45 - 0.05 * i, 2)
            p = plan()
            t, got = time.perf_counter(), None
            for runs in E.stream(p, cache, ex, states):
                if got is None and not E.paired(runs, p).empty:
                    got = time.perf_counter() - t
            full.append(time.perf_counter() - t)
            first.append(got)
    res = {
        "replications": args.replications,
        "workers": 2,
        "moves": args.moves,
        "first_result_seconds": first,
        "full_bands_seconds": full,
        "first_result_median": statistics.median(first),
        "full_bands_median": statistics.median(full),
    }
    save("bench_explorer", res)
    print(
        f"library only, after a slider change: first result median {res['first_result_median']:.2f} s; "
        f"{args.replications}-replication runs complete median {res['full_bands_median']:.2f} s "
        f"(min {min(full):.2f}, max {max(full):.2f}); {args.moves} moves"
    )


if __name__ == "__main__":
    main()
