"""Benchmark: what a later start date saves the app. Salary matching (share 0.5) from 2030 while
the other policies stay off with their 2026 dates: the app continues each policy run from the
baseline's state in the quarter before the earliest start of an *active* policy (2029Q4);
before, it continued from the quarter before the earliest start of any policy (2025Q4). Times
one continued 1:1 run (to 2035Q4) each way, alternating, in this process. Writes
benchmarks/out/bench_fork.json.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from _common import save

from sim.app import explorer as E
from sim.study import batch
from sim.study import scenarios as S

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--replications", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    start = S.load(ROOT / "scenarios" / "salary-matching-50.yaml")
    plan = E.make_plan(E.apply_settings(start, dict(E.settings_of(start), sm_start=2030.0)), args.replications, 7)
    active = E._fork_step(plan)
    # the old rule: the earliest date of any policy (the baseline has none active, so all count)
    any_policy = batch.policy_start_step(plan.scenarios[0].params) - 1
    base = [t for t in plan.tasks if t.scenario == plan.scenarios[0].name]
    scen = [t for t in plan.tasks if t.scenario != plan.scenarios[0].name]
    times: dict[int, list[float]] = {active: [], any_policy: []}
    for _ in range(args.rounds):
        for stop in (active, any_policy):
            states = [batch.execute_checkpoint(t.params, t.entropy, t.spawn_key, stop)[1] for t in base]
            for state, t in zip(states, scen):
                t0 = time.perf_counter()
                batch.execute_resume(state, t.params)
                times[stop].append(time.perf_counter() - t0)
    med = {k: statistics.median(v) for k, v in times.items()}
    res = {
        "fork_step_active": active,
        "fork_step_any": any_policy,
        "continued_run_median_s": {"from_active_start": med[active], "from_any_start": med[any_policy]},
        "ratio": med[active] / med[any_policy],
        "runs_each": len(times[active]),
    }
    save("bench_fork", res)
    print(
        f"salary matching from 2030: a continued run takes median {med[active]:.3f} s from step {active} "
        f"against {med[any_policy]:.3f} s from step {any_policy} (ratio {res['ratio']:.2f}; "
        f"{len(times[active])} runs each)"
    )


if __name__ == "__main__":
    main()
