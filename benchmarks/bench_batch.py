"""Benchmark: 8 scenarios x 30 replications at 1:1 scale with the local executor.

`talentsim compare` of the baseline against 7 library scenarios (240 full runs),
2 worker processes, figures and all outputs included; wall time from the command's
start to its results folder. Writes benchmarks/out/bench_batch.json.
Target (issue 4): <= 3 minutes on the 2-core machine.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import save

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = [
    "baseline",
    "salary-matching-25",
    "salary-matching-50",
    "salary-matching-75",
    "salary-matching-50-capped",
    "recruiting-drives",
    "graduate-seats",
    "combined-package",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--replications", type=int, default=30)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    files = [str(ROOT / "scenarios" / f"{s}.yaml") for s in SCENARIOS]
    tmp = Path(tempfile.mkdtemp())
    try:
        t = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "sim",
                "compare",
                *files,
                "--replications",
                str(args.replications),
                "--workers",
                str(args.workers),
                "--out",
                str(tmp / "res"),
                "--no-progress",
            ],
            check=True,
            cwd=ROOT,
        )
        wall = time.perf_counter() - t
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    runs = len(SCENARIOS) * args.replications
    res = {
        "scenarios": len(SCENARIOS),
        "replications": args.replications,
        "runs": runs,
        "workers": args.workers,
        "wall_seconds": wall,
        "seconds_per_run": wall / runs,
    }
    save("bench_batch", res)
    print(
        f"{len(SCENARIOS)} scenarios x {args.replications} replications = {runs} runs, {args.workers} workers: "
        f"{wall:.1f} s ({wall / 60:.2f} min; {wall / runs:.2f} s per run; target <= 3 min)"
    )


if __name__ == "__main__":
    main()
