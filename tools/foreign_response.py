"""The foreign-born's response to the foreign tax relief, as an elasticity to compare with Denmark's
(Kleven, Landais, Saez & Schultz 2014: 1.5-2), at one or more foreign-born pay weights (ODD 7.8).

    python tools/foreign_response.py [--replications 20] [--uncertainty monte-carlo|posterior]
                                     [--end-year 2035] [W ...]
    python tools/foreign_response.py --turnover [W]

For each weight W (`foreign_pay_weight`; default: 1 2 3; `drawn`: each replication's posterior
draw, with `--uncertainty posterior`) runs the baseline and
scenarios/foreign-tax-relief.yaml with W set in both, paired by seed (the scenario file's seed),
and prints, per year 2027 / 2030 / 2035 (and every fifth year after, to `--end-year`): the
baseline's foreign-born AI staff in Korea (`foreign_staff_kr`), their change with the relief, the
rise in their take-home pay and the implied elasticity Delta ln(staff) / Delta ln(take-home pay),
mean and 90 % interval over the paired replications; plus the baseline's foreign share of AI
staff in 2024 (the data: 1.1 %). Take-home pay: the tax waived per recipient
T = cost / (share x recipients), inverted through the tax schedule (`market.income_tax`) to
gross pay w; take-home rises from w - T to w - (1 - share) T.

`--turnover`: three 1:1 baseline runs (seeds 1-3, to 2030) at weight W (default 1); for each year,
the foreign-born AI staff in Korea at the end of the year before, the share of them who are not
among those at the end of the year (left) and the newcomers as a share of that stock (came).
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from sim.core import market
from sim.study import batch
from sim.study import executor as X
from sim.study import scenarios as S

ROOT = Path(__file__).resolve().parents[1]


def gross_from_tax(tax: pd.Series) -> np.ndarray:
    """Gross yearly pay (M KRW) whose income tax is `tax` (M KRW), by the tax schedule."""
    grid = np.linspace(1.0, 5000.0, 500_000)
    return np.interp(tax.to_numpy(), market.income_tax(grid), grid)


def years_to(end_year: int) -> tuple[int, ...]:
    return tuple(y for y in (2027, 2030, *range(2035, end_year + 1, 5)) if y <= end_year)


def response(ts: pd.DataFrame, share: float, years: tuple[int, ...]) -> dict:
    q = ts[ts.quarter == 4]
    base = q[q.scenario == "baseline"]
    out = {"foreign_share_2024": float(base[base.year == 2024].foreign_share_workforce.mean())}
    for y in years:
        b = base[base.year == y].set_index("replication")
        s = q[(q.scenario != "baseline") & (q.year == y)].set_index("replication")
        n0, n1 = b.foreign_staff_kr, s.foreign_staff_kr.reindex(b.index)
        tax = s.fiscal_foreign_tax_relief_krw.reindex(b.index) / 1e6 / (share * n1)
        w = gross_from_tax(tax)
        dl = np.log(w - (1 - share) * tax) - np.log(w - tax)
        el = np.log(n1 / n0) / dl
        out[y] = {
            "staff": float(n0.mean()),
            "change": float((n1 / n0 - 1).mean()),
            "take_home": float((np.exp(dl) - 1).mean()),
            "elasticity": (float(el.mean()), float(el.quantile(0.05)), float(el.quantile(0.95))),
        }
    return out


def turnover(weight: float, seeds=(1, 2, 3), end_year: int = 2030) -> None:
    from sim import TalentMarket
    from sim.core.codes import AI_FIRM, KR_REGION

    for seed in seeds:
        m = TalentMarket(rng=seed, end_year=end_year, foreign_pay_weight=weight)
        prev, cells = None, []
        while m.running:
            m.step()
            if m.quarter == 4:
                pop = m.pop
                ids = np.flatnonzero((pop.state == AI_FIRM) & ~pop.korean & (pop.loc <= KR_REGION))
                if prev is not None and len(prev):
                    left = np.setdiff1d(prev, ids).size / prev.size
                    came = np.setdiff1d(ids, prev).size / prev.size
                    cells.append(f"{m.year}: {prev.size} left {left:.0%} came {came:.0%}")
                prev = ids
        m.release()
        print(f"seed {seed}, foreign_pay_weight {weight:g}: " + "; ".join(cells))


def _weight(text: str) -> float | None:
    """A weight, or `drawn`: left to the posterior draws (with --uncertainty posterior)."""
    return None if text == "drawn" else float(text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("weights", nargs="*", type=_weight, default=[1.0, 2.0, 3.0])
    ap.add_argument("--replications", type=int, default=20)
    ap.add_argument("--uncertainty", choices=("monte-carlo", "posterior"), default="monte-carlo")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--end-year", type=int, default=None, help="horizon (default: the scenario file's)")
    ap.add_argument("--turnover", action="store_true", help="the foreign-born staff's yearly turnover instead")
    args = ap.parse_args()
    if args.turnover:
        turnover(args.weights[0] if args.weights and args.weights[0] is not None else 1.0)
        return
    relief = S.load(ROOT / "scenarios" / "foreign-tax-relief.yaml")
    share = relief.params.ftax_share
    if args.end_year is not None:
        relief = dataclasses.replace(relief, end_year=args.end_year)
    years = years_to(relief.end_year)
    with X.process_pool(args.workers) as pool:
        for w in args.weights:
            set_w = {} if w is None else {"foreign_pay_weight": w}  # None: each replication's posterior draw
            scn = dataclasses.replace(relief, overrides={**relief.overrides, **set_w})
            plan = batch.make_plan("compare", [S.baseline_of(scn), scn], args.replications, scn.seed, args.uncertainty)
            with tempfile.TemporaryDirectory() as d:
                (Path(d) / "runs").mkdir()
                ts = batch.timeseries(plan, batch.run_plan(plan, Path(d), pool))
            r = response(ts, share, years)
            name = "drawn" if w is None else f"{w:g}"
            share24 = r["foreign_share_2024"]
            print(f"foreign_pay_weight {name}: baseline foreign share of AI staff in 2024 {share24:.2%}")
            for y in years:
                e = r[y]["elasticity"]
                print(
                    f"  {y}: foreign-born staff {r[y]['staff']:,.0f}, with the relief {r[y]['change']:+.1%}, "
                    f"take-home pay {r[y]['take_home']:+.1%}, elasticity {e[0]:.2f} [{e[1]:.2f}, {e[2]:.2f}]"
                )


if __name__ == "__main__":
    main()
