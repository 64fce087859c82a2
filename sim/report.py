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


def headline_table(df: pd.DataFrame) -> pd.DataFrame:
    """One row per year (the Q4 row; flows are trailing 12 months), formatted for printing."""
    q4 = df[df["quarter"] == 4].set_index("year")
    out = pd.DataFrame(index=q4.index)
    for col, (label, fmt) in COLUMNS.items():
        vals = q4[col]
        if col == "median_salary_kr":
            vals = vals / 1e6
        elif col == "fiscal_cost_krw":
            vals = vals / 1e9
        out[label] = [fmt.format(v) for v in vals]
    return out
