"""Fan charts (PNG and SVG): the mean and the 90 % band across replications, quarter by quarter,
one line per scenario, with the survey points drawn on the shortage and workforce charts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .report import COLUMNS

FIG_OUTPUTS = ("shortage", "workforce_kr", "core_talent_kr", "net_migration", "fiscal_cost_krw",
               "salary_gap_top")
# Published survey values (SPRi/MSIT): June 2020 and end of 2023 (docs/sources.md).
SURVEY_POINTS = {
    "workforce_kr": ((2020.5, 14736), (2024.0, 51425)),
    "shortage": ((2020.5, 1609), (2024.0, 8579)),
}
SCALE = {"fiscal_cost_krw": (1e9, "bn KRW / yr"), "median_salary_kr": (1e6, "M KRW / yr")}
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

    series = ts[["scenario", "point"]].drop_duplicates().head(MAX_SERIES)
    keep = ts.merge(series, on=["scenario", "point"])
    written = []
    for col in outputs:
        if col not in ts.columns:
            continue
        div, unit = SCALE.get(col, (1.0, ""))
        b = bands(keep, col)
        fig, ax = plt.subplots(figsize=(7.5, 4.2), dpi=120)
        for (scn, pt), g in b.groupby(["scenario", "point"], sort=False):
            label = scn if pt == 0 else f"{scn} #{pt}"
            line, = ax.plot(g["time"], g["mean"] / div, label=label, lw=1.8)
            ax.fill_between(g["time"], g["lo"] / div, g["hi"] / div, color=line.get_color(), alpha=0.2, lw=0)
        for i, (x, y) in enumerate(SURVEY_POINTS.get(col, ())):
            ax.plot([x], [y / div], "ko", ms=5, label="survey (SPRi/MSIT)" if i == 0 else None)
        title = COLUMNS.get(col, (col,))[0]
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
