"""Benchmark: the same full 1:1 baseline run with two source trees, side by side.

    python benchmarks/bench_trees.py OLD_TREE [NEW_TREE] [--repeats 7]

Each repeat runs one fresh process per tree, alternating (OLD, NEW, OLD, NEW, ...), so both
medians come from the same stretch of this shared machine; reports each tree's times, the
medians and the ratio NEW / OLD. Use it to check that a refactor changes no speed, e.g. with
`git worktree add /tmp/old <commit>` as OLD_TREE. Writes benchmarks/out/bench_trees.json.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from _common import save

ROOT = Path(__file__).resolve().parents[1]
RUN = (
    "import time\nfrom sim import TalentMarket\n"
    "m = TalentMarket(rng=1000)\nt = time.perf_counter()\nm.run_model()\nprint(time.perf_counter() - t)"
)


def one_run(tree: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", RUN], cwd=tree, env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path, nargs="?", default=ROOT)
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args()
    times: dict[str, list[float]] = {"old": [], "new": []}
    for _ in range(args.repeats):
        times["old"].append(one_run(args.old))
        times["new"].append(one_run(args.new))
    med = {k: statistics.median(v) for k, v in times.items()}
    result = {
        "old_tree": str(args.old),
        "new_tree": str(args.new),
        "times_s": times,
        "median_s": med,
        "ratio_new_over_old": med["new"] / med["old"],
    }
    print(
        f"old {args.old}: median {med['old']:.3f} s; new {args.new}: median {med['new']:.3f} s; "
        f"ratio {result['ratio_new_over_old']:.3f} ({args.repeats} alternating runs each)"
    )
    save("bench_trees", result)


if __name__ == "__main__":
    main()
