"""Labour demand: head-count targets from AI sales and the cost of labour; entry, exit, layoffs.

Each Korean firm f wants, in tier k,

    T_{f,k,t} = B_{f,k} * (D_t / D_{entry,f})^alpha * c_{f,k,t}^(-eta)

where D_t is the AI sales index (`sim.core.market.sales_index`: the MSIT/SPRi survey's AI
sales to 2024, then the scenario's demand path), B_{f,k} the firm's target when it entered
(at unit cost), alpha = demand_sales_elasticity and eta = demand_wage_elasticity (an
own-wage elasticity at constant output; Hamermesh 1993). The cost index of a marginal hire
relative to the trend of market pay is

    c_{f,k,t} = (W_t / Wbar_t) * m_{f,t} * (1 - kappa_{k,t})

with W_t the Korean AI market pay index (the wage curve in `pay`), Wbar_t its trend at
wage_growth_kr, m_f the firm's posted-pay multiplier and kappa_k the share of a tier-k
hire's pay the firm saves through salary matching (`policy.marginal_capture`; zero when the
programme is off or the whole subsidy reaches the worker). Vacancies are the unfilled part
of the target, max(T - H, 0), so they are posted and withdrawn as T moves; staff above the
target are laid off at layoff_rate a quarter (directed separations, del Rio-Chanona et al.
2021). Firms enter in proportion to the growth of D_t and startups exit at a hazard that
falls with it.

Shortage is measured as the survey measures it: the unfilled planned hiring (vacancies) of
Korean AI firms, with the published rate shortage / (staff + shortage) (SPRi/MSIT AI
industry survey).
"""

from __future__ import annotations

import numpy as np

from .. import market
from ..codes import AI_FIRM, CH_DOMESTIC, CH_POACH, KR_CAPITAL, KR_OTHER, KR_REGION, N_TIERS, NONE, SEEKING, STARTUP
from . import pay, policy


def growth_after(p) -> float:
    """Yearly growth of the AI sales index after the data, on the scenario's demand path."""
    return {
        "baseline": p.demand_growth_baseline,
        "boom": p.demand_growth_boom,
        "downturn": p.demand_growth_downturn,
    }[p.demand_path]


def index_at(p, time: float) -> float:
    """D at decimal time `time` (tn KRW of AI sales a year)."""
    return market.sales_index(time, growth_after(p))


def cost_index(model) -> np.ndarray:
    """c_{f,k}: a marginal hire's cost to firm f in tier k relative to trend market pay (firms x tiers)."""
    f = model.firms
    rel = model.wage_index_kr / model.wage_trend_kr
    return (rel * f.pay_mult)[:, None] * (1.0 - policy.marginal_capture(model))[None, :]


def target_factor(model, ids: np.ndarray) -> np.ndarray:
    """(D_t / D_entry)^alpha * c^(-eta) for firms `ids` (rows x tiers): T = B * factor."""
    p, f = model.p, model.firms
    growth = np.power(model.demand_index / f.d_entry[ids], p.demand_sales_elasticity)
    return growth[:, None] * np.power(cost_index(model)[ids], -p.demand_wage_elasticity)


def update_targets(model) -> None:
    """Targets of the Korean firms still in business follow demand and cost (module docstring)."""
    f = model.firms
    ids = np.flatnonzero(f.is_kr_alive)
    f.target[ids] = f.base[ids] * target_factor(model, ids)


def add_to_target(model, firm: int, counts: np.ndarray) -> None:
    """Raise firm `firm`'s target by `counts` (by tier) now, and its base so it stays raised."""
    f = model.firms
    factor = target_factor(model, np.array([firm]))[0]
    f.base[firm] += counts / factor
    f.target[firm] += counts


def _separate(model, idx: np.ndarray) -> None:
    """Staff `idx` lose their job and look for work in Korea."""
    pop = model.pop
    pop.move(idx, SEEKING)
    pop.employer[idx] = NONE
    pop.salary[idx] = 0.0
    pop.subsidy[idx] = 0.0


def shed_excess(model) -> int:
    """Firms with staff above target lay off part of the excess: each member of a firm-tier with
    excess e >= 1 (at most the firm's total excess) and head-count H is laid off with probability
    min(1, layoff_rate * e / H), so a firm sheds layoff_rate of its excess a quarter on average.
    Uses the census of the previous step (nobody has joined or left AI firms since). Returns the
    number laid off."""
    p, f, rng = model.p, model.firms, model.rng
    if p.layoff_rate <= 0:
        return 0
    # per firm and tier, but never more than the firm's total excess: a promotion that leaves a
    # tier above its target while another has vacancies is not a reason to lay anyone off
    total = np.floor(f.headcount.sum(axis=1) - f.target.sum(axis=1) + 1e-9)
    excess = np.floor(np.minimum(f.headcount - f.target, total[:, None]) + 1e-9).reshape(-1)
    over = np.flatnonzero(excess >= 1)
    if len(over) == 0:
        return 0
    prob = np.zeros(len(excess))
    prob[over] = np.minimum(1.0, p.layoff_rate * excess[over] / f.headcount.reshape(-1)[over])
    key = model.staff_kr_key
    pk = prob[key]
    sel = np.flatnonzero(pk > 0)
    gone = model.staff_kr[sel[rng.random(len(sel)) < pk[sel]]]
    _separate(model, gone)
    model.flows["layoffs"] += len(gone)
    return len(gone)


def exit_firms(model) -> int:
    """Startups exit with quarterly probability 1 - exp(-h/4), h = firm_exit_rate * exp(-psi g),
    g = ln(D_t / D_{t-1 yr}) (psi = firm_exit_elasticity); their staff look for work. Firms in
    their first year do not exit. Returns the number of exits."""
    p, f, rng = model.p, model.firms, model.rng
    if p.firm_exit_rate <= 0:
        return 0
    cand = np.flatnonzero(f.alive & (f.kind == STARTUP) & (f.entry_q <= model.t - 4))
    h = p.firm_exit_rate * np.exp(-p.firm_exit_elasticity * model.demand_growth_year)
    out = cand[rng.random(len(cand)) < -np.expm1(-h / 4.0)]
    if len(out) == 0:
        return 0
    f.alive[out] = False
    f.target[out] = 0.0
    f.base[out] = 0.0
    f.channels[out] = 0
    dead = np.zeros(f.n, bool)
    dead[out] = True
    staff = model.staff_kr  # the census's: those laid off this quarter have employer -1, and are dropped next
    staff = staff[dead[model.pop.employer[staff]]]
    _separate(model, staff[model.pop.state[staff] == AI_FIRM])
    model.flows["firm_exits"] += len(out)
    return len(out)


def entry_count(model) -> int:
    """Number of firms entering this quarter.

    Equation: N ~ Poisson(scale * E * max(ln(D_t / D_{t-1}), 0)), E = firm_entry_per_growth
    (firms per unit log growth of AI sales; SPRi 2020-24: the firm count rose by 1,000-1,700
    per unit of log sales growth, mostly wider coverage of firms whose AI work already existed).
    """
    p = model.p
    lam = p.scale * p.firm_entry_per_growth * max(model.demand_growth_quarter, 0.0)
    return int(model.rng.poisson(lam))


def enter_firms(model) -> int:
    """New Korean AI firms enter, staffed in part by AI people already working in Korea.

    Sizes: S ~ LogNormal(ln entry_size_median, firm_size_sigma) (persons). A share
    `entry_staffed_share` of S is staffed at entry by people drawn at random from
    the AI-skilled outside AI firms (state kr_other): the survey starts counting
    an AI division that already existed (coverage growth, SPRi 933 -> 2,517 firms).
    The rest is vacancies split by tier with target_share_core/_senior. The entrant's
    base target B is set so that its target now is S at today's demand and cost.
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
    pool = pool[pop.post[pool] < 0]  # an existing AI division's staff are not university faculty
    if staffed.sum() > len(pool):  # not enough people: staff as many as there are, in order
        staffed = np.diff(np.minimum(np.concatenate([[0], np.cumsum(staffed)]), len(pool)))
    ids = f.add(
        kind=np.full(k, STARTUP),
        loc=loc,
        channels=CH_DOMESTIC | CH_POACH,
        target=np.zeros((k, N_TIERS)),
        pay_cap=pay.budget_cap(p, np.full(k, STARTUP)),
        entry_q=model.t,
        d_entry=model.demand_index,
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
    f.base[ids] = f.target[ids] / target_factor(model, ids)
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
