"""Fan charts (PNG and SVG): the mean and the 90 % band across replications, quarter by quarter,
one line per scenario, with the survey points drawn on the shortage and workforce charts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .labels import QUANTITIES
from .targets import survey_points

FIG_OUTPUTS = ("shortage", "workforce_kr", "core_talent_kr", "net_migration", "fiscal_cost_krw", "salary_gap_top")
MAX_SERIES = 8


def bands(ts: pd.DataFrame, col: str, level: float = 0.90) -> pd.DataFrame:
    """Per series and quarter: time, mean, lo, hi."""
    a = (1 - level) / 2
    t = ts.assign(time=ts["year"] + ts["quarter"] / 4.0)
    g = t.groupby(["scenario", "point", "time"])[col]
    return pd.DataFrame({"mean": g.mean(), "lo": g.quantile(a), "hi": g.quantile(1 - a)}).reset_index()


def fan_charts(ts: pd.DataFrame, folder: Path, outputs=FIG_OUTPUTS, footer: str = "") -> list[str]:
    """Write one PNG and one SVG per output; returns the file names written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    points = survey_points()  # published survey values (MSIT/SPRi), from sim/data/targets.yaml
    series = ts[["scenario", "point"]].drop_duplicates().head(MAX_SERIES)
    keep = ts.merge(series, on=["scenario", "point"])
    written = []
    for col in outputs:
        if col not in ts.columns:
            continue
        q = QUANTITIES.get(col)
        div, unit = (q.scale, q.unit) if q and q.scale != 1 else (1.0, "")
        b = bands(keep, col)
        fig, ax = plt.subplots(figsize=(7.5, 4.2), dpi=120)
        for (scn, pt), g in b.groupby(["scenario", "point"], sort=False):
            label = scn if pt == 0 else f"{scn} #{pt}"
            (line,) = ax.plot(g["time"], g["mean"] / div, label=label, lw=1.8)
            ax.fill_between(g["time"], g["lo"] / div, g["hi"] / div, color=line.get_color(), alpha=0.2, lw=0)
        for i, (x, y) in enumerate(points.get(col, ())):
            ax.plot([x], [y / div], "ko", ms=5, label="survey (SPRi/MSIT)" if i == 0 else None)
        title = q.short if q else col
        ax.set_title(f"{title}: mean and 90% band")
        ax.set_xlabel("year")
        if unit:
            ax.set_ylabel(unit)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="best")
        if footer:
            fig.text(0.99, 0.01, footer, ha="right", va="bottom", fontsize=7, color="0.4")
        fig.tight_layout()
        for ext in ("png", "svg"):
            name = f"{col}.{ext}"
            fig.savefig(folder / name)
            written.append(name)
        plt.close(fig)
    return written
