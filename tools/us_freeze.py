"""What the documented US hiring freeze of 2022Q4-2023Q4 would do to the migration index (ODD 7.3).

    python tools/us_freeze.py [REPLICATIONS] [CUT ...]       (default: 10 0 0.34)

Runs the model at its parameter defaults (the calibrated point, Monte-Carlo only) to 2025 with
`us_freeze_cut` set to each CUT (0: the freeze off, the model's default; 0.34: its documented
size, sim/data/foreign_demand.yaml), the same seeds for every CUT (SeedSequence(20200601).spawn),
on two worker processes, and prints for 2021-2025 the migration index (per 10,000 LinkedIn
members, Q4: the trailing 12 months) and emigration, mean and standard deviation over the
replications, then the paired difference of the index between the last CUT and the first, with
its standard error. The data: -0.30 in 2023 (target tolerance +-0.08), near balance in 2022.
"""

from __future__ import annotations

import sys

import numpy as np

from sim.study import executor as X
from sim.study import runner

YEARS = (2021, 2022, 2023, 2024, 2025)
SEED = 20200601


def main(argv: list[str]) -> None:
    reps = int(argv[0]) if argv else 10
    cuts = [float(c) for c in argv[1:]] or [0.0, 0.34]
    seeds = runner.seeds_for(SEED, reps)
    tasks = [((c, i), ({"end_year": 2025, "us_freeze_cut": c}, s, i)) for c in cuts for i, s in enumerate(seeds)]
    with X.process_pool(2) as pool:
        res = X.collect(X.run_tasks(runner.run_one, tasks, pool))
    index: dict[float, np.ndarray] = {}
    for c in cuts:
        q4 = [res[(c, i)][res[(c, i)].quarter == 4].set_index("year") for i in range(reps)]
        index[c] = np.array([[df.loc[y, "migration_index"] for y in YEARS] for df in q4])
        emig = np.array([[df.loc[y, "emigration"] for y in YEARS] for df in q4])
        for j, y in enumerate(YEARS):
            print(
                f"us_freeze_cut {c:.2f}, {y}: migration index {index[c][:, j].mean():+.3f} "
                f"(sd {index[c][:, j].std(ddof=1):.3f}), emigration {emig[:, j].mean():,.0f}"
            )
    if len(cuts) > 1:
        d = index[cuts[-1]] - index[cuts[0]]
        for j, y in enumerate(YEARS):
            se = d[:, j].std(ddof=1) / np.sqrt(reps)
            print(f"paired difference {cuts[-1]:.2f} - {cuts[0]:.2f}, {y}: {d[:, j].mean():+.3f} +- {se:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
