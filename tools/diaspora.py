"""How thick the top of the Korean diaspora is (issue 13, item 3; ODD 7.4): of the Korean-born AI
workers, the share working abroad, by skill and by tier, at the end of a year.

    python tools/diaspora.py [--replications 10] [--year 2024] [SETTING]

A SETTING is `default` (the calibrated point) or comma-separated overrides `name=value`, as in
tools/foreign_shocks.py. Runs the baseline to the end of `--year` with the seeds
SeedSequence(20200601).spawn(replications) on two worker processes and prints, mean and range over
the replications: the share abroad among all Korean-born AI workers (working or looking for work in
Korea, or working abroad; students and those who left the field are not counted), among the top
10 %, 1 % and 0.1 % of them by skill, and among each tier; then the stay rates of the Korean-born
who graduated abroad 1, 3 and 5 years before (as `stay_rate_<k>y`) by their tier at the end of the
year (the model's return hazard is common to all tiers: tiers differ through pay). The issue
measured 31-40 % abroad for the top 1 % / 0.1 % when it was filed. Evidence to set it against:
over half of the top-tier AI researchers (NeurIPS 2019 authors) work outside the country of their
first degree, and the majority of those from China work in the US (MacroPolo, Global AI Talent
Tracker, 2020; V2); no Korea-specific count of top-tier researchers abroad is recorded here.
"""

from __future__ import annotations

import argparse

import numpy as np

from sim import TalentMarket
from sim.core.codes import ABROAD, AI_FIRM, KR_OTHER, SEEKING, TIER_NAMES
from sim.core.outputs import stay_rates
from sim.core.params import Params
from sim.study import executor as X
from sim.study import runner

SEED = 20200601
TOPS = (0.10, 0.01, 0.001)  # top shares by skill


def shares(state: np.ndarray, korean: np.ndarray, skill: np.ndarray, tier: np.ndarray) -> dict[str, float]:
    """Share abroad among the Korean-born AI workers (in AI firms, other AI work, looking for work
    in Korea, or abroad): all, the top 10 / 1 / 0.1 % by skill (the people at or above that skill
    quantile), and by tier."""
    work = korean & np.isin(state, (AI_FIRM, KR_OTHER, SEEKING, ABROAD))
    s, away, t = skill[work], state[work] == ABROAD, tier[work]
    out = {"all": float(away.mean())}
    for top in TOPS:
        sel = s >= np.quantile(s, 1.0 - top)
        out[f"top {100 * top:g} %"] = float(away[sel].mean())
    for k, name in enumerate(TIER_NAMES):
        sel = t == k
        out[name] = float(away[sel].mean()) if sel.any() else float("nan")
    return out


def one(overrides: dict[str, float], seed: np.random.SeedSequence, year: int) -> dict[str, float]:
    """One run of the baseline to the end of `year`; its shares abroad."""
    m = TalentMarket(params=Params.from_dict({**overrides, "end_year": year}), rng=seed)
    m.run()
    pop, n = m.pop, m.pop.n
    out = shares(pop.state[:n], pop.korean[:n], pop.skill[:n], pop.tier[:n])
    for k, name in enumerate(TIER_NAMES):  # the graduates abroad by their tier now: still abroad after 1/3/5 years
        rates = stay_rates(m, among=pop.tier == k)
        out.update({f"stay {y}y, {name}": rates[f"stay_rate_{y}y"] for y in (1, 3, 5)})
    m.release()
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--replications", type=int, default=10)
    ap.add_argument("--year", type=int, default=2024)
    ap.add_argument("setting", nargs="?", default="default")
    a = ap.parse_args(argv)
    from foreign_shocks import parse_setting  # tools/, on the path when this runs as a script

    overrides = parse_setting(a.setting)
    seeds = runner.seeds_for(SEED, a.replications)
    tasks = [(i, (overrides, seed, a.year)) for i, seed in enumerate(seeds)]
    with X.process_pool(2) as pool:
        res = X.collect(X.run_tasks(one, tasks, pool))
    rows = [res[i] for i in range(a.replications)]
    print(f"Korean-born AI workers abroad at the end of {a.year} ({a.setting}, {a.replications} replications):")
    for key in rows[0]:
        v = np.array([r[key] for r in rows])
        v = v[~np.isnan(v)]  # a tier with no graduates of that cohort in a replication
        if len(v) == 0:
            print(f"  {key}: no such graduates")
            continue
        print(f"  {key}: {100 * v.mean():.1f} % ({100 * v.min():.1f}-{100 * v.max():.1f})")


if __name__ == "__main__":
    main()
