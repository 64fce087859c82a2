"""What the documented shocks to foreign demand would do, switched on (ODD 7.3): the US hiring freeze
of 2022Q4-2023Q4 and the frontier-lab boom from 2023, both off by default.

    python tools/foreign_shocks.py [--replications 10] [--end-year 2025] [--policy SETTING]
                                   SETTING [SETTING ...]

A SETTING is `default` or comma-separated overrides `name=value` of the parameter defaults (the
calibrated point), e.g. `us_freeze_cut=0.34` or `us_freeze_cut=0.34,frontier_boom=1,sm_share=0.5`.
Every setting runs with the same seeds (SeedSequence(20200601).spawn), Monte-Carlo only, on two
worker processes. Prints, per setting and per year from 2021 to the end year, the migration index
(per 10,000 LinkedIn members, Q4: the trailing 12 months), emigration, the Korean-born AI workers
abroad and the core AI researchers in Korea, means over the replications; then each later setting's
paired difference from the first, mean and standard error. With `--policy` (e.g. `sm_share=0.5`:
salary matching at 50 %) every setting also runs with the policy's overrides added, and the tool
prints the policy's paired effect in each setting (same seeds with and without it) and how much
each later setting's effect differs from the first's. The data: the index -0.30 in 2023
(target tolerance +-0.08), near balance in 2022; about 11,000 Korean AI workers abroad in 2024.

    python tools/foreign_shocks.py default us_freeze_cut=0.34                 # the freeze alone
    python tools/foreign_shocks.py default frontier_boom=1 us_freeze_cut=0.34,frontier_boom=1
    python tools/foreign_shocks.py --end-year 2030 --policy sm_share=0.5 default us_freeze_cut=0.34,frontier_boom=1
"""

from __future__ import annotations

import argparse
import dataclasses

import numpy as np
import pandas as pd

from sim.core.params import Params
from sim.study import executor as X
from sim.study import runner

SEED = 20200601
OUTPUTS = ("migration_index", "emigration", "kr_workers_abroad", "core_talent_kr")


def parse_setting(text: str) -> dict[str, float]:
    """`default` -> {}; `a=1,b=0.5` -> {"a": 1.0, "b": 0.5}; names must be parameters."""
    if text == "default":
        return {}
    fields = {f.name for f in dataclasses.fields(Params)}
    out = {}
    for part in text.split(","):
        name, sep, value = part.partition("=")
        if not sep or name.strip() not in fields:
            raise SystemExit(f"not a setting: {part!r} (name=value with a parameter's name, or 'default')")
        out[name.strip()] = float(value)
    return out


def q4_table(runs: list[pd.DataFrame], years: tuple[int, ...]) -> dict[str, np.ndarray]:
    """Each output's Q4 value by replication (rows) and year (columns)."""
    q4 = [df[df.quarter == 4].set_index("year") for df in runs]
    return {o: np.array([[df.loc[y, o] for y in years] for df in q4], float) for o in OUTPUTS}


def paired(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard error, by column, of b - a over paired rows."""
    d = b - a
    return d.mean(axis=0), d.std(axis=0, ddof=1) / np.sqrt(len(d))


def effects(policy: str, names: list[str], off: list[dict], on: list[dict], years: tuple[int, ...]) -> None:
    """Print the policy's paired effect in each setting, then each later setting's effect minus the
    first's (a difference in differences, paired by seed)."""
    for name, t0, t1 in zip(names, off, on, strict=True):
        print(f"\n{policy} in {name}: effect (paired, mean +- standard error)")
        for o in OUTPUTS:
            print(f"  {o}: " + _cells(o, years, *paired(t0[o], t1[o])))
    for name, t0, t1 in zip(names[1:], off[1:], on[1:], strict=True):
        print(f"\n{policy}: effect in {name} - effect in {names[0]}")
        for o in OUTPUTS:
            print(f"  {o}: " + _cells(o, years, *paired(on[0][o] - off[0][o], t1[o] - t0[o])))


def _cells(o: str, years: tuple[int, ...], mean: np.ndarray, se: np.ndarray) -> str:
    fmt = "{:+.3f} +- {:.3f}" if o == "migration_index" else "{:+,.0f} +- {:,.0f}"
    return ", ".join(f"{y} " + fmt.format(m, s) for y, m, s in zip(years, mean, se, strict=True))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--replications", type=int, default=10)
    ap.add_argument("--end-year", type=int, default=2025)
    ap.add_argument("--policy", default=None, help="overrides of a policy, as a SETTING")
    ap.add_argument("settings", nargs="+")
    a = ap.parse_args(argv)
    settings = [parse_setting(s) for s in a.settings]
    policy = parse_setting(a.policy) if a.policy else {}
    n = len(settings)
    if policy:
        settings += [{**s, **policy} for s in settings]
    years = tuple(range(2021, a.end_year + 1))
    seeds = runner.seeds_for(SEED, a.replications)
    tasks = [
        ((k, i), ({"end_year": a.end_year, **s}, seed, i))
        for k, s in enumerate(settings)
        for i, seed in enumerate(seeds)
    ]
    with X.process_pool(2) as pool:
        res = X.collect(X.run_tasks(runner.run_one, tasks, pool))
    tables = [q4_table([res[(k, i)] for i in range(a.replications)], years) for k in range(len(settings))]
    if policy:
        effects(a.policy, a.settings, tables[:n], tables[n:], years)
        return
    for name, t in zip(a.settings, tables, strict=True):
        print(f"\n{name}")
        for j, y in enumerate(years):
            m = {o: t[o][:, j].mean() for o in OUTPUTS}
            print(
                f"  {y}: index {m['migration_index']:+.3f}, emigration {m['emigration']:,.0f}, "
                f"Korean-born abroad {m['kr_workers_abroad']:,.0f}, core in Korea {m['core_talent_kr']:,.0f}"
            )
    for name, t in zip(a.settings[1:], tables[1:], strict=True):
        print(f"\n{name} - {a.settings[0]} (paired, mean +- standard error)")
        for o in OUTPUTS:
            cells = _cells(o, years, *paired(tables[0][o], t[o]))
            print(f"  {o}: {cells}")


if __name__ == "__main__":
    main()
