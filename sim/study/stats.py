"""Summaries across replications: mean and central interval per year, and paired comparisons.

Intervals are central 90 % intervals across replications (5th-95th percentiles).
Comparisons are paired: replication i of a scenario and of the baseline share a
seed, and the interval is that of the per-replication differences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core import policies
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


COMPARISON_COLUMNS = (
    "scenario",
    "point",
    "year",
    "output",
    "baseline_mean",
    "scenario_mean",
    "diff_mean",
    "diff_lo",
    "diff_hi",
    "pairs",
)


def comparison(ts: pd.DataFrame, baseline: str, level: float = LEVEL) -> pd.DataFrame:
    """Scenario - baseline per output and year, paired by replication (same seeds)."""
    q4 = ts[ts["quarter"] == 4]
    outs = _outputs(ts)
    base = q4[(q4["scenario"] == baseline) & (q4["point"] == 0)].set_index(["replication", "year"])[outs]
    rows = []
    for (scn, pt), g in q4[q4["scenario"] != baseline].groupby(["scenario", "point"], sort=False):
        rows.append(_paired(scn, pt, g.set_index(["replication", "year"])[outs], base, level))
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=COMPARISON_COLUMNS)


def _paired(scn: str, pt: int, s: pd.DataFrame, base: pd.DataFrame, level: float) -> pd.DataFrame:
    """Rows of `comparison` for one (scenario, point): `s` - `base` (both indexed by replication and
    year, one column per output) paired by replication, per year and output."""
    a = (1 - level) / 2
    common = s.index.intersection(base.index)
    diff = (s.loc[common] - base.loc[common]).groupby(level="year")
    m, lo, hi = diff.mean(), diff.quantile(a), diff.quantile(1 - a)
    bm = base.loc[common].groupby(level="year").mean()
    sm = s.loc[common].groupby(level="year").mean()
    # one row per (year, output), years in order and outputs in column order within a year
    long = pd.DataFrame(
        {
            "baseline_mean": bm.loc[m.index].stack(),
            "scenario_mean": sm.loc[m.index].stack(),
            "diff_mean": m.stack(),
            "diff_lo": lo.stack(),
            "diff_hi": hi.stack(),
        }
    )
    years = long.index.get_level_values(0)
    long.insert(0, "output", long.index.get_level_values(1))
    long.insert(0, "year", years.astype(int))
    long.insert(0, "point", pt)
    long.insert(0, "scenario", scn)
    long["pairs"] = diff.size().loc[years].to_numpy().astype(int)
    return long.reset_index(drop=True)


def sweep_comparison(ts: pd.DataFrame, references: dict[str, dict[int, int]], level: float = LEVEL) -> pd.DataFrame:
    """Within a sweep, each point with a policy on - its reference point with the policies off on
    the same other settings (`Scenario.references`), paired by replication: `comparison`'s columns
    ("baseline_mean" is the reference point's) and `reference_point`."""
    q4 = ts[ts["quarter"] == 4]
    outs = _outputs(ts)
    rows = []
    for scn, refs in references.items():
        own = q4[q4["scenario"] == scn]
        for pt, ref in refs.items():
            s = own[own["point"] == pt].set_index(["replication", "year"])[outs]
            base = own[own["point"] == ref].set_index(["replication", "year"])[outs]
            rows.append(_paired(scn, pt, s, base, level).assign(reference_point=ref))
    return (
        pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=[*COMPARISON_COLUMNS, "reference_point"])
    )


def _year_rows(comp: pd.DataFrame, scenario: str, year: int, point: int) -> pd.DataFrame:
    """A comparison's rows of one scenario, sweep point and year, indexed by output."""
    return comp[(comp["scenario"] == scenario) & (comp["point"] == point) & (comp["year"] == year)].set_index("output")


def _deadweight(additional: float, recipients: float) -> float:
    """The share of recipients who are not additional: 1 - additional / recipients, within [0, 1]."""
    return min(1.0, max(0.0, 1.0 - additional / recipients))


def salary_matching_summary(comp: pd.DataFrame, scenario: str, year: int, point: int = 0) -> dict[str, float] | None:
    """What salary matching buys in `year`, from a paired comparison (`comparison`): recipients,
    additional core researchers in Korea (mean difference from the baseline), deadweight (the
    share of recipients who are not additional: 1 - additional / recipients, floored at 0),
    gross and net cost per additional researcher (mean cost difference over mean gain; None
    when there is no gain), the firm-side capture, and the share of entitlements the budget paid
    (`paid_share`, mean over replications; 1 unless the budget binds). None when nobody is paid."""
    rows = _year_rows(comp, scenario, year, point)
    d = rows["diff_mean"]
    level = rows["scenario_mean"] if "scenario_mean" in rows else pd.Series(dtype=float)
    if "sm_recipients" not in d:
        return None
    # the scenario's own recipients (its level; the difference equals it against a baseline without
    # the programme, but not against a first scenario that pays people too)
    if level.get("sm_recipients", d["sm_recipients"]) <= 0:
        return None
    paid, extra = float(d["sm_recipients"]), float(d["core_talent_kr"])
    gain = extra > 0
    return {
        "recipients": paid,
        "additional": extra,
        "deadweight": _deadweight(extra, paid),
        "gross_per_additional": float(d["fiscal_cost_krw"]) / extra if gain else float("nan"),
        "net_per_additional": float(d["net_fiscal_cost_krw"]) / extra if gain else float("nan"),
        "firm_capture": float(d["sm_firm_capture_krw"]),
        "paid_share": float(level.get("sm_paid_share", 1.0)),
        "gross": float(d["fiscal_salary_matching_krw"]),
        "net_of_tax": float(d["fiscal_salary_matching_krw"] - d["tax_recouped_krw"]),
        # the scenario's own levels (not differences): whom and how much it pays
        "paid_level": float(level.get("sm_recipients", paid)),
        "gross_level": float(level.get("fiscal_salary_matching_krw", d["fiscal_salary_matching_krw"])),
        "capture_level": float(level.get("sm_firm_capture_krw", d["sm_firm_capture_krw"])),
    }


@dataclass(frozen=True)
class PolicyGain:
    """What a paying policy other than salary matching buys, for its sentence in the memo and the
    app's 'why' panel: the output whose paired difference from the baseline it buys, and whether
    that output also counts the people it pays (its recipients). Its cost is the fiscal output of
    its instrument in the policy registry (`cost`)."""

    policy: str
    gain: str
    counts_recipients: bool

    @property
    def cost(self) -> str:
        return f"fiscal_{policies.BY_NAME[self.policy].instrument}_krw"


# in the policy registry's order; salary matching has its own summary (`salary_matching_summary`)
POLICY_GAINS: dict[str, PolicyGain] = {
    g.policy: g
    for g in (
        # extra graduate places paid per student-year; buys graduates of Korean AI programmes
        PolicyGain("grad_seats", "graduates_kr", False),
        # paid to AI-firm staff working outside the capital region; buys more of them
        PolicyGain("settlement_package", "workforce_outside_capital", True),
        # a yearly cost; buys returns from abroad (Korean-born workers hired back in Korea)
        PolicyGain("recruiting_drive", "returns", False),
        # the tax of foreign-born AI-firm staff in Korea waived; buys more of them
        PolicyGain("foreign_tax_relief", "foreign_staff_kr", True),
    )
}


def policy_gain_summary(
    comp: pd.DataFrame, scenario: str, year: int, policy: str, point: int = 0
) -> dict[str, float] | None:
    """What `policy` (a key of POLICY_GAINS) buys in `year`, from a paired comparison (`comparison`):
    its cost (scenario mean, a year), the recipients (scenario mean of the gain output, when it
    counts them; NaN otherwise) and the cost per recipient, the gain (mean difference from the
    baseline, with its interval), deadweight (the share of recipients who are not additional:
    1 - gain / recipients, floored at 0; NaN without recipients) and the cost per unit of gain
    (NaN when there is no gain). None when the policy costs nothing in `year` or the table lacks
    its outputs."""
    pg = POLICY_GAINS[policy]
    rows = _year_rows(comp, scenario, year, point)
    if pg.cost not in rows.index or pg.gain not in rows.index or not rows.loc[pg.cost, "scenario_mean"] > 0:
        return None
    cost = float(rows.loc[pg.cost, "scenario_mean"])
    paid = float(rows.loc[pg.gain, "scenario_mean"]) if pg.counts_recipients else float("nan")
    extra = float(rows.loc[pg.gain, "diff_mean"])
    return {
        "cost": cost,
        "recipients": paid,
        "per_recipient": cost / paid if paid > 0 else float("nan"),
        "additional": extra,
        "additional_lo": float(rows.loc[pg.gain, "diff_lo"]),
        "additional_hi": float(rows.loc[pg.gain, "diff_hi"]),
        "deadweight": _deadweight(extra, paid) if paid > 0 else float("nan"),
        "cost_per_additional": cost / extra if extra > 0 else float("nan"),
    }


HEADLINE_YEAR = 2030  # the year of the memo's headline and the comparison table (README headline)


def headline_year(end_year: int) -> int:
    """The headline year of a run to `end_year`: 2030, or the last year of a shorter horizon."""
    return min(HEADLINE_YEAR, int(end_year))


# the measures of a policy's effect (`policy_effects`), in the order tables show them
EFFECT_MEASURES = (
    "core_talent_kr",
    "shortage",
    "net_migration",
    "fiscal_cost_krw",
    "net_fiscal_cost_krw",
    "cost_per_additional_krw",
    "net_cost_per_additional_krw",
    "cumulative_cost_krw",
    "cumulative_net_cost_krw",
)


_NO_GAIN = 1e300  # stands for +inf in the quantiles (linear interpolation between two infinities is NaN)


def cost_per_gain(cost: pd.Series, gain: pd.Series, level_name: str, level: float = LEVEL):
    """The cost per additional core researcher from paired per-replication differences `cost` and
    `gain` (indexed by replication and `level_name`): for each value of `level_name`, (mean, lo, hi).

    mean = mean cost / mean gain (NaN unless the mean gain and the mean cost are positive: a free or
    money-saving policy has no cost per researcher). The interval is the central
    `level` range of the per-replication ratios cost_i / gain_i, where a replication that gains no
    core researcher (gain_i <= 0) counts as infinitely expensive: a bound that falls on or beyond
    such replications is +inf ("no upper bound"), so the interval stays defined, and honest, when
    the effect's own interval includes zero (before, it was left out altogether).
    """
    a = (1 - level) / 2
    ok = gain > 0
    r = (cost / gain.where(ok)).where(ok, _NO_GAIN)
    g = r.groupby(level=level_name)
    cap = r.where(ok).groupby(level=level_name).max()  # the largest finite ratio (NaN: none)
    lo, hi = g.quantile(a), g.quantile(1 - a)
    lo, hi = lo.where(lo <= cap, np.inf), hi.where(hi <= cap, np.inf)  # touched a no-gain replication
    by_cost, by_gain = cost.groupby(level=level_name).mean(), gain.groupby(level=level_name).mean()
    has = (by_gain > 0) & (by_cost > 0)
    return (by_cost / by_gain).where(has), lo.where(has), hi.where(has)


def policy_effects(ts: pd.DataFrame, baseline: str, level: float = LEVEL) -> pd.DataFrame:
    """Each policy scenario's effect per year, paired with the baseline by replication (same seeds):
    one row per scenario, sweep point, year and measure (`EFFECT_MEASURES`) with `mean`, `lo`, `hi` (central
    `level` interval across replications) and `pairs`.

    Measures: the difference from the baseline in core AI talent in Korea, the shortage and net
    migration (Q4; flows over the year) and in the gross and net fiscal cost of the year; the cost
    per additional core researcher per year (`cost_per_gain`: the mean cost difference over the mean
    gain in core talent; its interval is that of the per-replication ratios, its upper end +inf
    when it falls on replications without a gain; NaN without a mean gain or a mean cost); the
    cumulative gross and net cost from the start of the run to the end of the year (the yearly
    costs summed in each replication).
    """
    q4 = ts[ts["quarter"] == 4]
    cols = ["core_talent_kr", "shortage", "net_migration", "fiscal_cost_krw", "net_fiscal_cost_krw"]
    base = q4[(q4["scenario"] == baseline) & (q4["point"] == 0)].set_index(["replication", "year"])[cols]
    a = (1 - level) / 2
    ratios = {"cost_per_additional_krw": "fiscal_cost_krw", "net_cost_per_additional_krw": "net_fiscal_cost_krw"}
    parts = []
    for (scn, pt), g in q4[q4["scenario"] != baseline].groupby(["scenario", "point"], sort=False):
        s = g.set_index(["replication", "year"])[cols]
        common = s.index.intersection(base.index)
        d = (s.loc[common] - base.loc[common]).sort_index()
        cum = d.groupby(level="replication")[["fiscal_cost_krw", "net_fiscal_cost_krw"]].cumsum()
        d["cumulative_cost_krw"] = cum["fiscal_cost_krw"]
        d["cumulative_net_cost_krw"] = cum["net_fiscal_cost_krw"]
        by = d.groupby(level="year")
        mean, lo, hi = by.mean(), by.quantile(a), by.quantile(1 - a)
        for name, cost in ratios.items():  # mean cost over mean gain, interval of the per-replication ratios
            mean[name], lo[name], hi[name] = cost_per_gain(d[cost], d["core_talent_kr"], "year", level)
        long = pd.concat(
            {k: v[list(EFFECT_MEASURES)].stack() for k, v in (("mean", mean), ("lo", lo), ("hi", hi))}, axis=1
        )
        long.index = long.index.set_names(["year", "measure"])
        long = long.reset_index()
        long["pairs"] = long["year"].map(by.size()).astype(int)
        long.insert(0, "point", pt)
        long.insert(0, "scenario", scn)
        parts.append(long)
    if not parts:
        return pd.DataFrame(columns=["scenario", "point", "year", "measure", "mean", "lo", "hi", "pairs"])
    out = pd.concat(parts, ignore_index=True)
    out["year"] = out["year"].astype(int)
    return out[["scenario", "point", "year", "measure", "mean", "lo", "hi", "pairs"]]


# where a policy's additional core AI researchers in Korea come from (`flow_sources`): the channels
# of `outputs.CORE_MOVES`, with the sign that makes a positive number "more core talent in Korea".
# Their paired differences add up to the difference in `core_talent_kr` (the engine's identity).
SOURCE_FLOWS = (
    ("core_out_emigration", -1.0),  # fewer leaving for jobs abroad
    ("core_in_returns", 1.0),  # more Korean-born coming back
    ("core_in_immigration", 1.0),  # more foreign-born coming
    ("core_in_graduate_returns", 1.0),  # more graduates abroad coming back
    ("core_in_graduates_kr", 1.0),  # more graduates of Korean programmes at core level
    ("core_in_cohort", 1.0),  # more new bachelor's graduates at core level
    ("core_in_upgrades", 1.0),  # more people in Korea growing into the core tier
    ("core_out_exits", -1.0),  # fewer retiring or leaving the field
)  # (core_out_other is 0 under the present rules, checked in tests/test_invariants.py)


def flow_sources(ts: pd.DataFrame, baseline: str, scenario: str, first: int, last: int, level: float = LEVEL):
    """Where a policy's additional core AI researchers in Korea come from: for each channel of
    `SOURCE_FLOWS`, the paired difference from the baseline summed over the years `first`..`last`
    (each year's Q4 value is that year's flow), signed so that a positive number means more core
    talent in Korea (fewer leaving, more returning, more foreign, more growing into the tier), with
    the central `level` interval across replications; a last row `total` sums the channels in each
    replication. With `first` at or before the policies' start the total is the paired difference
    in `core_talent_kr` at the end of `last`, replication by replication (the engine's identity)."""
    q4 = ts[(ts["quarter"] == 4) & ts["year"].between(first, last) & (ts["point"] == 0)]
    cols = [c for c, _ in SOURCE_FLOWS]
    s = q4[q4["scenario"] == scenario].groupby("replication")[cols].sum()
    b = q4[q4["scenario"] == baseline].groupby("replication")[cols].sum()
    d = (s - b.reindex(s.index)).dropna()
    a = (1 - level) / 2
    signed = {c: sign * d[c] for c, sign in SOURCE_FLOWS}
    signed["total"] = sum(signed.values())
    rows = [
        {"flow": c, "mean": float(v.mean()), "lo": float(v.quantile(a)), "hi": float(v.quantile(1 - a))}
        for c, v in signed.items()
    ]
    return pd.DataFrame(rows)
