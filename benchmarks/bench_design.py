"""Benchmark: the shipped design problem (scenarios/design-core-researchers.yaml: 6 levers, 20 draws
per candidate, 120 candidates) on the 2-core machine, and how close the search's answer comes to a
brute-force grid on a 2-lever sub-problem.

1. The full design: wall time, candidates, runs, the recommended mix and its cost (target: the
   whole command in <= 15 minutes on 2 workers).
2. A 2-lever sub-problem of the same design (salary-matching share x recruiting-drive rate, the
   other levers fixed at the full design's answer: a slice through it; off if it found none)
   searched with the design's settings but `--grid-evaluations` candidates, and the same
   sub-problem on a full grid (every share step x every rate step or choice): the cheapest mix
   meeting the goal on the grid vs the search's, on the same draws. Reported as the ratio of the
   two costs (1 = the search found the grid's optimum).

Writes benchmarks/out/bench_design.json. `--quick` runs a small version (for a smoke test).
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import time
from pathlib import Path

from _common import OUT, save

from sim.study import design as D
from sim.study import executor as X

ROOT = Path(__file__).resolve().parents[1]


def sub_problem(d: D.Design, share_steps: int, rate_steps: int, at: dict | None = None) -> D.Design:
    """The design with only the salary-matching share and the recruiting-drive rate as levers, a
    numeric one on a grid of `steps` values (a choice lever keeps its choices). `at`: the other
    levers fixed at these values (the full design's answer: a 2-lever slice through it); without
    it they are off (the policies' defaults)."""
    keep = {"policies.salary_matching.share": share_steps, "policies.recruiting_drive.rate": rate_steps}
    levers, fixed = [], list(d.fixed)
    for lv in d.levers:
        if lv.path in keep:
            steps = keep[lv.path]
            levers.append(lv if lv.choices else dataclasses.replace(lv, step=(lv.hi - lv.lo) / (steps - 1)))
        elif at is not None:
            fixed.append((lv.path, D._cast(lv, at[lv.path])))
    # only the costs are compared: no scenario discovery
    return dataclasses.replace(d, levers=tuple(levers), fixed=tuple(fixed), discovery=0)


def grid_values(lv: D.Lever) -> list:
    if lv.choices:
        return list(lv.choices)
    n = int(round((lv.hi - lv.lo) / lv.step)) + 1
    return [round(lv.lo + i * lv.step, 10) for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--file", default=str(ROOT / "scenarios" / "design-core-researchers.yaml"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--grid", type=int, nargs=2, default=(19, 6), metavar=("SHARES", "RATES"))
    ap.add_argument("--grid-evaluations", type=int, default=16)
    ap.add_argument("--quick", action="store_true", help="4 draws, 8 candidates, a 3 x 3 grid")
    ap.add_argument(
        "--sub-only",
        action="store_true",
        help="only the 2-lever slice, through the answer recorded in benchmarks/out/bench_design.json",
    )
    args = ap.parse_args()
    d = D.load(args.file)
    if args.quick:
        d = d.with_options(draws=4, evaluations=8, discovery=8)
        args.grid, args.grid_evaluations = (3, 3), 4
    res: dict = {"file": args.file, "levers": len(d.levers), "draws": d.draws, "evaluations": d.evaluations}
    with X.make_executor("local", args.workers) as ex:
        if args.sub_only:
            res = {**json.loads((OUT / "bench_design.json").read_text()), **res}
        else:
            t = time.perf_counter()
            full = D.search(d, ex)
            res["full_wall_seconds"] = time.perf_counter() - t
            res["full_runs"] = full.runs
            res["full_recommended"] = full.recommended
            res["full_closest"] = full.closest
            if full.discovery is not None:  # scenario discovery of the recommended mix (its own draws)
                res["full_discovery"] = {
                    "draws": full.discovery.draws,
                    "failures": full.discovery.failures,
                    "accuracy": full.discovery.accuracy,
                    "base_rate": full.discovery.base_rate,
                    "boxes": full.discovery.rows().to_dict("records"),
                }
            print(f"full design: {res['full_wall_seconds']:.0f} s, {full.runs} runs, {len(full.candidates)} candidates")
        at = res.get("full_recommended")
        res["sub_fixed_at"] = "the full design's answer" if at else "the other levers off"
        sub = sub_problem(d, *args.grid, at=at)
        t = time.perf_counter()
        found = D.search(dataclasses.replace(sub, evaluations=args.grid_evaluations), ex)
        res["sub_search_seconds"] = time.perf_counter() - t
        grid_points = [
            dict(zip([lv.path for lv in sub.levers], combo))
            for combo in itertools.product(*(grid_values(lv) for lv in sub.levers))
        ]
        t = time.perf_counter()
        ev = D.Evaluator(sub, sub.seed, ex)
        grid = ev.evaluate(grid_points)
        res["grid_seconds"] = time.perf_counter() - t
    feasible = [g for g in grid if g["feasible"]]
    best_grid = min(feasible, key=lambda g: g["cost_bn_per_year"]) if feasible else None
    found_feasible = found.candidates[found.candidates["feasible"]]
    best_found = found_feasible["cost_bn_per_year"].min() if len(found_feasible) else None
    res.update(
        {
            "grid_points": len(grid_points),
            "grid_best": best_grid,
            "search_candidates": args.grid_evaluations,
            "search_best_cost": best_found,
            "cost_ratio_search_to_grid": (best_found / best_grid["cost_bn_per_year"])
            if best_grid and best_found is not None
            else None,
        }
    )
    print(
        f"2-lever sub-problem: grid {len(grid_points)} points best "
        f"{best_grid['cost_bn_per_year'] if best_grid else float('nan'):.1f} bn KRW/yr; search of "
        f"{args.grid_evaluations} candidates best {best_found if best_found is not None else float('nan'):.1f}"
    )
    save("bench_design", res)


if __name__ == "__main__":
    main()
