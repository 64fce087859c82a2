"""Benchmark: run time and peak memory at 0.25x, 1x, 4x and 16x the population.

Each size runs in a fresh interpreter (so peak memory is that run's own), full
horizon, median of `--repeats` runs for the small sizes and one run at 16x.
Reports seconds, seconds per 100k person-rows (linearity) and peak RSS.
Writes benchmarks/out/bench_scaling.json. Targets (issue 2): linear growth; 16x
runs; peak memory <= 1 GB at 1:1.
"""

from __future__ import annotations

import argparse

from _common import in_subprocess, save

CODE = """
import json, time, resource, statistics
from sim import TalentMarket
times = []
for i in range({repeats}):
    m = TalentMarket(scale={scale}, rng=7 + i)
    t = time.perf_counter(); m.run_model(); times.append(time.perf_counter() - t)
df = m.results()
print(json.dumps({{"scale": {scale}, "seconds_median": statistics.median(times), "seconds": times,
  "rows_final": float(df.population.iloc[-1]), "rows_mean": float(df.population.mean()),
  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--scales", type=float, nargs="+", default=[0.25, 1.0, 4.0, 16.0])
    args = ap.parse_args()
    rows = []
    for s in args.scales:
        reps = args.repeats if s <= 4 else 1
        r = in_subprocess(CODE.format(scale=s, repeats=reps))
        r["seconds_per_100k_rows"] = r["seconds_median"] / (r["rows_mean"] / 1e5)
        rows.append(r)
        print(
            f"scale {s:>5}: {r['seconds_median']:7.2f} s (median of {reps}), "
            f"{r['rows_mean']:>11,.0f} mean rows, {r['seconds_per_100k_rows']:.3f} s per 100k rows, "
            f"peak {r['peak_rss_mb']:,.0f} MB"
        )
    base = next((r for r in rows if r["scale"] == 1.0), rows[0])
    for r in rows:
        r["time_ratio_to_1x"] = r["seconds_median"] / base["seconds_median"]
    path = save("bench_scaling", {"rows": rows})
    print(f"written {path}")


if __name__ == "__main__":
    main()
