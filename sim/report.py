"""Tables for people: headline results by year (Q4 stocks, trailing-12-month flows)."""

from __future__ import annotations

import pandas as pd

COLUMNS = {
    "shortage": ("shortage", "{:,.0f}"),
    "shortage_rate": ("shortage rate", "{:.1%}"),
    "workforce_kr": ("AI staff (KR firms)", "{:,.0f}"),
    "core_talent_kr": ("core talent in KR", "{:,.0f}"),
    "kr_abroad": ("Korean-born abroad", "{:,.0f}"),
    "net_migration": ("net migration /yr", "{:+,.0f}"),
    "migration_index": ("migration index", "{:+.2f}"),
    "median_salary_kr": ("median pay (M KRW)", "{:,.1f}"),
    "salary_gap_median": ("US/KR pay, median", "{:.2f}x"),
    "salary_gap_top": ("US/KR pay, top 1%", "{:.2f}x"),
    "fiscal_cost_krw": ("fiscal cost (bn KRW/yr)", "{:,.1f}"),
}


def display_unit(col: str) -> str:
    """The unit of a value as `COLUMNS` shows it (pay in M KRW, fiscal cost in bn KRW)."""
    from .outputs import UNITS
    return {"median_salary_kr": "M KRW/yr", "fiscal_cost_krw": "bn KRW/yr"}.get(col, UNITS.get(col, ""))


def _scaled(col: str, v: float) -> float:
    return v / 1e6 if col == "median_salary_kr" else v / 1e9 if col == "fiscal_cost_krw" else v


def headline_interval_table(summary: pd.DataFrame) -> pd.DataFrame:
    """From `runner.summarize`: one row per year, 'mean [lo, hi]' per headline output."""
    out = {}
    for (year, col), r in summary.set_index(["year", "output"]).iterrows():
        if col not in COLUMNS:
            continue
        label, fmt = COLUMNS[col]
        m, lo, hi = (_scaled(col, r[k]) for k in ("mean", "lo", "hi"))
        out.setdefault(year, {})[label] = f"{fmt.format(m)} [{fmt.format(lo)}, {fmt.format(hi)}]"
    t = pd.DataFrame.from_dict(out, orient="index")
    t.index.name = "year"
    return t[[label for c, (label, _) in COLUMNS.items() if label in t.columns]]


def headline_table(df: pd.DataFrame) -> pd.DataFrame:
    """One row per year (the Q4 row; flows are trailing 12 months), formatted for printing."""
    q4 = df[df["quarter"] == 4].set_index("year")
    out = pd.DataFrame(index=q4.index)
    for col, (label, fmt) in COLUMNS.items():
        out[label] = [fmt.format(_scaled(col, v)) for v in q4[col]]
    return out
