"""Demand and shortage: targets grow as AI enters every line of business; new AI firms enter.

Shortage is measured as the survey measures it: the unfilled part of firms'
head-count targets, with the published rate shortage / (staff + shortage)
(SPRi/MSIT AI industry survey).
"""

from __future__ import annotations

import numpy as np

from ..codes import AI_FIRM, CH_DOMESTIC, CH_POACH, KR_CAPITAL, KR_OTHER, KR_REGION, N_TIERS, STARTUP
from . import pay


def demand_growth_rate(model) -> float:
    """g_t = g_0 * exp(-delta * years since 2020Q2) (1/yr).

    Parameters: demand_growth (g_0; seed 000: AI now enters every line of
    business, shortage 1,609 -> 8,579 in three surveys), demand_growth_decay (delta).
    """
    p = model.p
    return p.demand_growth * np.exp(-p.demand_growth_decay * model.t / 4.0)


def grow_targets(model) -> None:
    """Incumbent Korean firms' targets grow: T_{f,k} <- T_{f,k} * (1 + g_t / 4)."""
    f = model.firms
    f.target[f.is_kr] *= 1.0 + demand_growth_rate(model) / 4.0


def entry_count(model) -> int:
    """Number of firms entering this quarter.

    Equation: N ~ Poisson(scale * E_0 * exp(-delta_E * years since 2020Q2) / 4).
    Parameters: firm_entry_per_year (E_0; SPRi: 933 firms in 2020, 2,354 in 2023,
    i.e. ~410/yr, mostly wider coverage of firms whose AI work already existed),
    firm_entry_decay (delta_E, 1/yr).
    """
    p = model.p
    lam = p.scale * p.firm_entry_per_year * np.exp(-p.firm_entry_decay * model.t / 4.0) / 4.0
    return int(model.rng.poisson(lam))


def enter_firms(model) -> int:
    """New Korean AI firms enter, staffed in part by AI people already working in Korea.

    Sizes: S ~ LogNormal(ln entry_size_median, firm_size_sigma) (persons). A share
    `entry_staffed_share` of S is staffed at entry by people drawn at random from
    the AI-skilled outside AI firms (state kr_other): the survey starts counting
    an AI division that already existed (coverage growth, SPRi 933 -> 2,354 firms).
    The rest is vacancies split by tier with target_share_core/_senior.
    Entrants are startups/SMEs. Returns the number of entrants.
    """
    k = entry_count(model)
    if k == 0:
        return 0
    p, rng, pop, f = model.p, model.rng, model.pop, model.firms
    size = np.maximum(1.0, rng.lognormal(np.log(p.entry_size_median), p.firm_size_sigma, k))
    loc = np.where(rng.random(k) < p.init_capital_share, KR_CAPITAL, KR_REGION)
    staffed = np.floor(size * p.entry_staffed_share).astype(np.int64)
    pool = model.groups[KR_OTHER]  # census of the previous step: nobody has left kr_other since
    if staffed.sum() > len(pool):  # not enough people: staff as many as there are, in order
        staffed = np.diff(np.minimum(np.concatenate([[0], np.cumsum(staffed)]), len(pool)))
    ids = f.add(
        kind=np.full(k, STARTUP),
        loc=loc,
        channels=CH_DOMESTIC | CH_POACH,
        target=np.zeros((k, N_TIERS)),
        pay_cap=pay.budget_cap(p, np.full(k, STARTUP)),
        entry_q=model.t,
    )
    model.register_firms(ids)
    people = rng.choice(pool, size=int(staffed.sum()), replace=False)
    emp = np.repeat(ids, staffed)
    pop.move(people, AI_FIRM)
    pop.employer[people] = emp
    pop.loc[people] = f.loc[emp]
    pop.hired_q[people] = model.t
    pop.salary[people] = pay.market_pay(model, pop.tier[people], pop.skill[people])
    pop.subsidy[people] = 0.0
    hc = np.zeros((k, N_TIERS))
    np.add.at(hc, (emp - ids[0], pop.tier[people]), 1)
    shares = np.array([p.target_share_core, p.target_share_senior, 1 - p.target_share_core - p.target_share_senior])
    f.target[ids] = hc + np.maximum(size - staffed, 0.0)[:, None] * shares[None, :]
    model.flows["firm_entries"] += k
    model.flows["entry_transfers"] += len(people)
    return k


def shortage(model) -> tuple[float, float, float]:
    """(shortage, staff, published rate) over Korean AI firms; rate = shortage / (staff + shortage)."""
    f = model.firms
    kr = f.is_kr
    short = float(np.maximum(f.target[kr] - f.headcount[kr], 0).sum())
    staff = float(f.headcount[kr].sum())
    rate = short / (staff + short) if staff + short > 0 else 0.0
    return short, staff, rate
