"""Policy instruments (all off by default) and their fiscal cost, booked by the Government agent.

Fiscal cost is in M KRW per quarter in the books; outputs report KRW over the
trailing 12 months.
"""

from __future__ import annotations

import numpy as np

from .. import market
from ..codes import ABROAD, AI_FIRM, APPLIED, CONGLOMERATE, EU, KR_REGION, LAST_TIER, N_TIERS
from . import demand  # demand reads marginal_capture from here: both import the other's module


def eligible_tier(p, tier: np.ndarray) -> np.ndarray:
    return tier <= LAST_TIER[p.sm_tiers]


def eligible(p, contract: np.ndarray, tier: np.ndarray) -> np.ndarray:
    """Who qualifies, on what a ministry can check: the tier (sm_basis = tier), or a contract
    salary `contract` (M KRW/yr, the pay the firm posts before the state's share) at or above
    sm_min_salary (sm_basis = salary; Korea's tax cut for foreign engineers uses such a rule)."""
    if p.sm_basis == "salary":
        return contract >= p.sm_min_salary
    return eligible_tier(p, tier)


def full_subsidy(p, contract: np.ndarray) -> np.ndarray:
    """The state's payment S (M KRW/yr) for an eligible person whose pay without the programme
    would be `contract` = w, before any budget rationing.

    The state pays the share s of the gross salary G; a share pi of S reaches the worker
    (G = w + pi S) and the rest lowers the firm's own pay (firm pays w - (1 - pi) S). From
    S = s G: S = s w / (1 - pi s), capped at sm_cap (M KRW/yr; 0 = no cap). pi =
    sm_passthrough (incidence: Lokshin & Mohnen 2012, Kleven et al. 2014, Goolsbee 1998).
    At pi = 1 this is the top-up of v0.1 (the worker's gross doubles at s = 0.5); at pi = 0
    the worker's pay is unchanged and the firm's cost falls by the share s.
    """
    s, pi = p.sm_share, p.sm_passthrough
    e = s * contract / (1.0 - pi * s)
    if p.sm_cap > 0:
        e = np.minimum(e, p.sm_cap)
    return e


def entitlement(p, contract: np.ndarray, tier: np.ndarray) -> np.ndarray:
    """`full_subsidy` for the eligible, 0 for the others."""
    return np.where(eligible(p, contract, tier), full_subsidy(p, contract), 0.0)


def sm_active(model) -> bool:
    return model.p.sm_share > 0 and model.policy_active(model.p.sm_start)


def subsidy(model, contract: np.ndarray, tier: np.ndarray) -> np.ndarray:
    """State payment S attached to a new offer of pay `contract`: budget share phi times the
    entitlement (0 when inactive). The worker's gross is contract + pi S."""
    if not sm_active(model):
        return np.zeros(len(contract))
    return model.government.sm_scale * entitlement(model.p, contract, tier)


def marginal_capture(model) -> np.ndarray:
    """kappa_k: the share of a marginal tier-k hire's pay that the firm saves through salary
    matching, (1 - pi) phi S / w at the tier's market pay at median skill, times the share of
    the tier's staff who qualify (all or none on the tier basis). Zero when inactive."""
    p = model.p
    out = np.zeros(N_TIERS)
    if not sm_active(model) or p.sm_passthrough >= 1.0:
        return out
    w = model.base_pay * model.wage_index_kr
    if p.sm_basis == "salary":
        staff, tier = model.staff_kr, model.pop.tier[model.staff_kr]
        contract = model.pop.salary[staff] - p.sm_passthrough * model.pop.subsidy[staff]
        n = np.bincount(tier, minlength=N_TIERS)
        ok = np.bincount(tier, weights=contract >= p.sm_min_salary, minlength=N_TIERS)
        share = np.divide(ok, n, out=np.zeros(N_TIERS), where=n > 0)
    else:
        share = eligible_tier(p, np.arange(N_TIERS)).astype(float)
    return (1.0 - p.sm_passthrough) * model.government.sm_scale * full_subsidy(p, w) / w * share


def update_salary_matching(model) -> None:
    """Reset every eligible AI-firm salary's state part for this quarter and book its cost.

    Eligible (`eligible`): AI-firm staff located in Korea; if sm_incumbents is false only those
    hired since the start. Each quarter the previous subsidy is taken back (the pay without
    the programme is w = salary - pi S), then S is recomputed on w: the gross becomes
    w + pi S. Budget: with B = sm_budget (bn KRW/yr), phi = min(1, (B * 1000 / 4) / sum_i S_i / 4),
    and every subsidy is phi * S_i (pro-rata rationing). Books, M KRW per quarter: the
    gross cost sum phi S / 4; the income tax (national + local) recouped on it,
    sum tax(w + pi S) - tax(w) (the worker's extra taxable pay; the firm's saving (1 - pi) S
    raises its profit, whose corporate tax is not counted); and the firm-side capture
    sum (1 - pi) S / 4.
    """
    pop, p, gov = model.pop, model.p, model.government
    if p.sm_share <= 0:
        return  # never active: no subsidy can exist
    pi = p.sm_passthrough
    # take back last quarter's subsidies (only the people concerned), then pay this quarter's
    paid = np.flatnonzero(pop.subsidy > 0)
    if len(paid):
        pop.salary[paid] -= pi * pop.subsidy[paid]
        pop.subsidy[paid] = 0.0
    if not sm_active(model):
        return
    emp = model.staff_kr
    if p.sm_basis == "tier" and LAST_TIER[p.sm_tiers] < APPLIED:  # only the eligible tiers have one
        emp = emp[eligible_tier(p, np.take(pop.tier, emp))]
    if not p.sm_incumbents:
        first = model.first_active_step(p.sm_start)
        emp = emp[pop.hired_q[emp] >= first]
    contract = pop.salary[emp]
    ent = entitlement(p, contract, pop.tier[emp])
    total = ent.sum() / 4.0
    gov.sm_scale = 1.0 if p.sm_budget <= 0 or total <= 0 else min(1.0, p.sm_budget * 1000.0 / 4.0 / total)
    new = gov.sm_scale * ent
    pop.salary[emp] += pi * new
    pop.subsidy[emp] = new
    gov.book("salary_matching", new.sum() / 4.0)
    got = new > 0
    gross, base = contract[got] + pi * new[got], contract[got]
    gov.extra["tax_recouped"] += float((market.income_tax(gross) - market.income_tax(base)).sum()) / 4.0
    gov.extra["firm_capture"] += float((1.0 - pi) * new.sum()) / 4.0


def settlement_bonus(model, loc: np.ndarray, at_ai_firm) -> np.ndarray | float:
    """Settlement package (M KRW/yr) for AI-firm staff outside the capital region while active (seed 002)."""
    p = model.p
    if p.settle_amount <= 0 or not model.policy_active(p.settle_start):
        return 0.0
    return p.settle_amount * ((loc == KR_REGION) & at_ai_firm)


def foreign_tax_bonus(model, pay: np.ndarray, korean: np.ndarray, kr_ai_job) -> np.ndarray | float:
    """Foreign tax relief as a pay equivalent (M KRW/yr) for choosing among jobs: for the foreign-born
    in a job at an AI firm in Korea (`kr_ai_job`) while the policy is active, 0 otherwise.

    Equation: with T(w) the income tax (`market.income_tax`) and s = ftax_share, take-home pay rises
    from w - T to w - (1 - s) T. Choices compare log gross pay, so the relief enters as the gross
    equivalent b = w s T / (w - T), for which ln(w + b) - ln(w) = ln(1 + s T / (w - T)): the
    relative rise in take-home pay. The worker keeps the whole relief (no employer capture; Kleven
    et al. 2014 found some in Denmark, so this is the upper end of the effect).
    """
    p = model.p
    if p.ftax_share <= 0 or not model.policy_active(p.ftax_start):
        return 0.0
    w = np.maximum(pay, 1e-6)
    tax = market.income_tax(w)
    bonus = w * p.ftax_share * tax / np.maximum(w - tax, 1e-6)
    return np.where(~korean & kr_ai_job, bonus, 0.0)


def book_costs(model) -> None:
    """Book this quarter's cost of settlement packages, seat expansion, recruiting drives and the
    foreign tax relief (M KRW): the relief's cost is the tax waived, s T(w) / 4 a quarter for each
    foreign-born member of staff working in Korea at the end of the quarter."""
    pop, p, gov = model.pop, model.p, model.government
    if p.ftax_share > 0 and model.policy_active(p.ftax_start):
        staff = np.flatnonzero((pop.state == AI_FIRM) & ~pop.korean & (pop.loc <= KR_REGION))  # after the moves
        gov.book("foreign_tax_relief", float(p.ftax_share * market.income_tax(pop.salary[staff]).sum()) / 4.0)
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
    congl = np.flatnonzero((f.kind == CONGLOMERATE) & f.alive)
    buyer = int(congl[np.argmax(f.target[congl].sum(axis=1))])
    pop.move(idx, AI_FIRM)
    pop.employer[idx] = buyer
    pop.hired_q[idx] = model.t
    demand.add_to_target(model, buyer, np.bincount(pop.tier[idx], minlength=N_TIERS).astype(float))
    model.flows["lab_acquired"] += size
    model.lab_bought = True
    return size


def med_pull(model) -> float:
    """Effective medical-school pull: med_pull * (1 - med_pull_cut once the policy starts)."""
    p = model.p
    cut = p.med_pull_cut if model.policy_active(p.med_pull_start) else 0.0
    return p.med_pull * (1.0 - cut)
