"""Policy instruments (all off by default) and their fiscal cost, booked by the Government agent.

Fiscal cost is in M KRW per quarter in the books; outputs report KRW over the
trailing 12 months.
"""

from __future__ import annotations

import numpy as np

from ..codes import ABROAD, AI_FIRM, APPLIED, CONGLOMERATE, CORE, EU, KR_REGION, N_TIERS, SENIOR

# tier codes run CORE < SENIOR < APPLIED, so each eligible set is "tier <= its last tier"
_LAST_TIER = {"core": CORE, "core+senior": SENIOR, "all": APPLIED}


def eligible_tier(p, tier: np.ndarray) -> np.ndarray:
    return tier <= _LAST_TIER[p.sm_tiers]


def entitlement(p, own: np.ndarray, tier: np.ndarray) -> np.ndarray:
    """Full salary-matching entitlement on top of the firm-paid salary `own` (M KRW/yr).

    Equation: E = min(s / (1 - s) * own, cap) for eligible tiers, else 0, so that
    the state pays the share s of the gross salary own + E (seed 002: the state
    pays about half the salary of core AI talent, s = 0.5). cap = sm_cap
    (M KRW/yr per person; 0 = no cap).
    """
    e = p.sm_share / (1.0 - p.sm_share) * own
    if p.sm_cap > 0:
        e = np.minimum(e, p.sm_cap)
    return np.where(eligible_tier(p, tier), e, 0.0)


def sm_active(model) -> bool:
    return model.p.sm_share > 0 and model.policy_active(model.p.sm_start)


def subsidy(model, own: np.ndarray, tier: np.ndarray) -> np.ndarray:
    """Subsidy attached to a new offer: budget share phi times the entitlement (0 when inactive)."""
    if not sm_active(model):
        return np.zeros(len(own))
    return model.government.sm_scale * entitlement(model.p, own, tier)


def update_salary_matching(model) -> None:
    """Reset every eligible AI-firm salary's state part for this quarter and book its cost.

    Eligible: AI-firm staff in the eligible tiers, located in Korea; if
    sm_incumbents is false only those hired since the start. Budget: with
    B = sm_budget (bn KRW/yr), phi = min(1, (B * 1000 / 4) / sum_i E_i / 4), and
    every subsidy is phi * E_i (pro-rata rationing). Cost = sum_i phi E_i / 4 M KRW.
    """
    pop, p, gov = model.pop, model.p, model.government
    if p.sm_share <= 0:
        return  # never active: no subsidy can exist
    # take back last quarter's subsidies (only the people concerned), then pay this quarter's
    paid = np.flatnonzero(pop.subsidy > 0)
    if len(paid):
        pop.salary[paid] -= pop.subsidy[paid]
        pop.subsidy[paid] = 0.0
    if not sm_active(model):
        return
    emp = model.staff_kr
    if _LAST_TIER[p.sm_tiers] < APPLIED:  # only the eligible tiers have an entitlement
        emp = emp[eligible_tier(p, np.take(pop.tier, emp))]
    if not p.sm_incumbents:
        first = model.first_active_step(p.sm_start)
        emp = emp[pop.hired_q[emp] >= first]
    ent = entitlement(p, pop.salary[emp], pop.tier[emp])
    total = ent.sum() / 4.0
    gov.sm_scale = 1.0 if p.sm_budget <= 0 or total <= 0 else min(1.0, p.sm_budget * 1000.0 / 4.0 / total)
    new = gov.sm_scale * ent
    pop.salary[emp] += new
    pop.subsidy[emp] = new
    gov.book("salary_matching", new.sum() / 4.0)


def settlement_bonus(model, loc: np.ndarray, at_ai_firm) -> np.ndarray | float:
    """Settlement package (M KRW/yr) for AI-firm staff outside the capital region while active (seed 002)."""
    p = model.p
    if p.settle_amount <= 0 or not model.policy_active(p.settle_start):
        return 0.0
    return p.settle_amount * ((loc == KR_REGION) & at_ai_firm)


def book_costs(model) -> None:
    """Book this quarter's cost of settlement packages, seat expansion and recruiting drives (M KRW)."""
    pop, p, gov = model.pop, model.p, model.government
    if p.settle_amount > 0 and model.policy_active(p.settle_start):
        n = int(((pop.state == AI_FIRM) & (pop.loc == KR_REGION)).sum())
        gov.book("settlement_package", n * p.settle_amount / 4.0)
    if p.grad_seats_extra > 0 and model.expansion_univ is not None:
        n = int((pop.univ == model.expansion_univ.index).sum())
        gov.book("grad_seats", n * p.grad_seat_cost / 4.0)
    if p.drive_rate > 0 and p.drive_cost > 0 and model.policy_active(p.drive_start):
        gov.book("recruiting_drive", p.drive_cost * 1000.0 / 4.0)


def lab_acquisition(model) -> int:
    """In the quarter of lab_acq_year, a Korean conglomerate buys a European lab whole.

    lab_acq_size people employed in Europe (any origin) become staff of the
    largest Korean conglomerate; they stay in Europe (seed 001: Naver bought
    Xerox's European research centre, cheaper than the US). The firm's target
    rises by the same head-count, so no vacancy is created or filled. Private
    money: no fiscal cost. Returns the number acquired.
    """
    p, pop, f = model.p, model.pop, model.firms
    if p.lab_acq_size <= 0 or not (model.time - 0.25 <= p.lab_acq_year < model.time):
        return 0
    pool = np.flatnonzero((pop.state == ABROAD) & (pop.loc == EU))
    size = min(int(round(p.lab_acq_size * p.scale)), len(pool))
    if size == 0:
        return 0
    idx = model.rng.choice(pool, size=size, replace=False)
    congl = np.flatnonzero(f.kind == CONGLOMERATE)
    buyer = int(congl[np.argmax(f.target[congl].sum(axis=1))])
    pop.move(idx, AI_FIRM)
    pop.employer[idx] = buyer
    pop.hired_q[idx] = model.t
    f.target[buyer] += np.bincount(pop.tier[idx], minlength=N_TIERS)
    model.flows["lab_acquired"] += size
    model.lab_bought = True
    return size


def med_pull(model) -> float:
    """Effective medical-school pull: med_pull * (1 - med_pull_cut once the policy starts)."""
    p = model.p
    cut = p.med_pull_cut if model.policy_active(p.med_pull_start) else 0.0
    return p.med_pull * (1.0 - cut)
