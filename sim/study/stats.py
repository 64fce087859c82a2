"""Summaries across replications: mean and central interval per year, and paired comparisons.

Intervals are central 90 % intervals across replications (5th-95th percentiles).
Comparisons are paired: replication i of a scenario and of the baseline share a
seed, and the interval is that of the per-replication differences.
"""

from __future__ import annotations

import pandas as pd

from ..core.outputs import OUTPUT_NAMES

LEVEL = 0.90
KEYS = ("scenario", "point")


def _outputs(df: pd.DataFrame) -> list[str]:
    return [c for c in OUTPUT_NAMES if c in df.columns and c not in ("flow_quarters",)]


def summary(ts: pd.DataFrame, level: float = LEVEL) -> pd.DataFrame:
    """Mean and central `level` interval per scenario, sweep point, year (Q4) and output (long table)."""
    q4 = ts[ts["quarter"] == 4]
    outs = _outputs(ts)
    keys = [k for k in KEYS if k in ts.columns] + ["year"]
    g = q4.groupby(keys, sort=True)[outs]
    a = (1 - level) / 2
    parts = {"mean": g.mean(), "lo": g.quantile(a), "hi": g.quantile(1 - a)}
    long = pd.concat({k: v.stack() for k, v in parts.items()}, axis=1)
    long.index = long.index.set_names(keys + ["output"])
    long["replications"] = g.size().reindex(long.index.droplevel("output")).to_numpy()
    return long.reset_index()


def comparison(ts: pd.DataFrame, baseline: str, level: float = LEVEL) -> pd.DataFrame:
    """Scenario - baseline per output and year, paired by replication (same seeds)."""
    q4 = ts[ts["quarter"] == 4]
    outs = _outputs(ts)
    base = q4[(q4["scenario"] == baseline) & (q4["point"] == 0)].set_index(["replication", "year"])[outs]
    a = (1 - level) / 2
    rows = []
    for (scn, pt), g in q4[q4["scenario"] != baseline].groupby(["scenario", "point"], sort=False):
        s = g.set_index(["replication", "year"])[outs]
        common = s.index.intersection(base.index)
        diff = (s.loc[common] - base.loc[common]).groupby(level="year")
        m, lo, hi = diff.mean(), diff.quantile(a), diff.quantile(1 - a)
        bm = base.loc[common].groupby(level="year").mean()
        sm = s.loc[common].groupby(level="year").mean()
        for year in m.index:
            for c in outs:
                rows.append(
                    {
                        "scenario": scn,
                        "point": pt,
                        "year": int(year),
                        "output": c,
                        "baseline_mean": bm.at[year, c],
                        "scenario_mean": sm.at[year, c],
                        "diff_mean": m.at[year, c],
                        "diff_lo": lo.at[year, c],
                        "diff_hi": hi.at[year, c],
                        "pairs": int(diff.size().at[year]),
                    }
                )
    return pd.DataFrame(rows)
