"""Pay: Korean market pay, foreign offers, firms' posted-pay adjustment, annual raises.

Units: M KRW per year, nominal. Time index t = quarters since 2020Q2.
"""

from __future__ import annotations

import numpy as np

from .. import market
from ..codes import ABROAD, AI_FIRM, CN, CONGLOMERATE, EU, KR_OTHER, N_LOCS, OTHER, PLATFORM, STARTUP, US

Z99 = 2.3263478740408408  # standard normal 99th percentile


def market_pay(model, tier: np.ndarray, skill: np.ndarray) -> np.ndarray:
    """Korean market pay for a person of `tier` and `skill`.

    Equation: w_KR = w_tier * W_t * skill^eta_KR, W_t the market pay index (`update_market_index`).

    Parameters: pay_applied / pay_senior / pay_core (w_tier, M KRW/yr at median
    skill in 2020; Rora 2024, BoK 2025), wage_growth_kr (g_KR, 1/yr),
    pay_skill_elasticity_kr (eta_KR; compressed: BoK 2025 finds a 6 % AI wage
    premium in Korea vs 25 % in the US).
    """
    return model.base_pay[tier] * model.wage_index_kr * np.power(skill, model.p.pay_skill_elasticity_kr)


def update_market_index(model) -> None:
    """The Korean AI market pay index moves with the tightness of the market (a wage curve).

    Equation: ln W_t = ln W_{t-1} + ln(1 + g_KR) / 4 + phi * (v_{t-1} - v_bar) / 4, W_0 = 1,
    v the published shortage rate of the previous quarter (vacancies / (staff + vacancies)),
    phi = wage_curve (1/yr per unit vacancy rate), v_bar = wage_curve_norm (the rate at which
    pay grows at its trend g_KR = wage_growth_kr). The form is a wage curve (Blanchflower &
    Oswald 1994) on the vacancy rate instead of unemployment; phi is an assumption (0 turns the
    response off). The trend Wbar_t = (1 + g_KR)^(t/4) is what firms' revenue per worker keeps
    up with; W_t / Wbar_t > 1 is scarcity pay, which lowers demand (`demand.cost_index`).
    """
    p = model.p
    v = model.current_outputs.get("shortage_rate", p.wage_curve_norm)
    model.wage_index_kr *= (1.0 + p.wage_growth_kr) ** 0.25 * np.exp(p.wage_curve * (v - p.wage_curve_norm) / 4.0)
    model.wage_trend_kr = (1.0 + p.wage_growth_kr) ** (model.t / 4.0)
    model.wage_index_history.append(model.wage_index_kr)


def gap_exponent(p) -> float:
    """eta_gap = ln(gap_top / gap_median) / (z_0.99 * sigma_skill).

    Chosen so the foreign/Korean pay ratio is `gap_median` at median skill and
    `gap_top` at the 99th skill percentile of the lognormal skill distribution
    (DATA.md: ~2-2.5x at the median, ~10x at the very top, seed 002).
    """
    return float(np.log(p.gap_top / p.gap_median) / (Z99 * p.skill_sigma))


def foreign_offer(model, tier: np.ndarray, skill: np.ndarray, dest: np.ndarray) -> np.ndarray:
    """Offer of a foreign bidder in country `dest` to a person.

    Equation: w_F = w_KR(tier, skill) * gap_median * skill^eta_gap * d_dest
                    * ((1 + g_F) / (1 + g_KR))^(t/4).

    Parameters: gap_median, gap_top (x; DATA.md pay table, seed 002),
    foreign_pay_cn / _eu / _other (d_dest, relative to the US = 1; assumption),
    wage_growth_foreign (g_F, 1/yr). The ratio rising with skill is the
    superstar pattern the sources describe (3-4x typical, ~10x top).
    """
    # w_KR * (1+g_F)^(t/4) / (1+g_KR)^(t/4) = w_tier * (1+g_F)^(t/4) * skill^eta_KR: one power
    p = model.p
    return (
        model.base_pay[tier]
        * (model.foreign_index * p.gap_median)
        * model.dest_factor[dest]
        * np.power(skill, p.pay_skill_elasticity_kr + model.gap_eta)
    )


def foreign_firm_offer(model, tier: np.ndarray, skill: np.ndarray, dest: np.ndarray, firm: np.ndarray) -> np.ndarray:
    """Offer of foreign firm `firm` (in `dest`) to a person: `foreign_offer` times the firm's
    premium (frontier labs 1.3) times its kind's pay growth (`market.kind_pay`: the
    frontier-lab boom raises the labs' pay by (1 + b_F)^epsilon; 1 when off).

    Equation: w_j = w_F(tier, skill, dest) * premium_j * (1 + b_kind(j))^epsilon."""
    f = model.firms
    return foreign_offer(model, tier, skill, dest) * (f.premium[firm] * model.kind_pay[f.kind[firm]])


def dest_factor(p) -> np.ndarray:
    """Pay level by location code relative to the US (Korea entries unused, set to 1)."""
    f = np.ones(N_LOCS)
    f[US], f[CN], f[EU], f[OTHER] = 1.0, p.foreign_pay_cn, p.foreign_pay_eu, p.foreign_pay_other
    return f


def budget_cap(p, kind: np.ndarray) -> np.ndarray:
    """Largest posted-pay multiplier a firm's AI budget allows: 1 + slack(kind).

    Parameters: budget_slack_conglomerate / _platform / _startup (share).
    Foreign firms are not budget-limited here (their pay is set by `foreign_offer`).
    """
    slack = np.zeros(len(kind))
    slack[kind == CONGLOMERATE] = p.budget_slack_conglomerate
    slack[kind == PLATFORM] = p.budget_slack_platform
    slack[kind == STARTUP] = p.budget_slack_startup
    return 1.0 + slack


def current_cap(model) -> np.ndarray:
    """Largest posted-pay multiplier each firm's AI budget allows this quarter.

    Equation: cap_{f,t} = (1 + slack_kind) * (D_t / D_entry,f)^(1 - alpha) * Wbar_t / W_t:
    the budget per worker follows revenue per worker (targets grow as D^alpha, so revenue
    per worker as D^(1-alpha), both relative to the pay trend), and is spent against the
    market pay index, so scarcity pay above trend leaves less room for a premium.
    """
    p, f = model.p, model.firms
    rev = np.power(model.demand_index / f.d_entry, 1.0 - p.demand_sales_elasticity)
    return f.pay_cap * rev * (model.wage_trend_kr / model.wage_index_kr)


def adjust_posted_pay(model, vacancies: np.ndarray) -> None:
    """Firms raise posted pay while vacancies stay unfilled, within budget.

    Equation: m_{f,t+1} = clip(m_f + kappa * v_f - rho * (m_f - 1), 0.8, cap_{f,t}),
    v_f = vacancies_f / target_f (all tiers). Parameters: pay_adjust_speed
    (kappa, 1/quarter per unit vacancy rate), pay_relax (rho, 1/quarter),
    budget caps from `current_cap`. Source: assumption (a standard wage-posting
    response to unfilled vacancies). Records the share of Korean firms at their cap.
    """
    f = model.firms
    kr = f.is_kr_alive
    tot = f.target.sum(axis=1)
    vrate = np.divide(vacancies.sum(axis=1), tot, out=np.zeros_like(tot), where=tot > 0)
    m = f.pay_mult + model.p.pay_adjust_speed * vrate - model.p.pay_relax * (f.pay_mult - 1.0)
    cap = np.maximum(current_cap(model), 0.8)
    f.pay_mult = np.where(kr, np.clip(m, 0.8, cap), f.pay_mult)
    model.share_at_cap = float((f.pay_mult[kr] >= cap[kr] - 1e-9).mean()) if kr.any() else 0.0


def annual_raise(model) -> None:
    """Each Q1 the employed get the year's market pay growth.

    Equation: w_i <- w_i * (1 + g), g = W_t / W_{t-4} - 1 in Korea (AI firms and elsewhere:
    the market index over the last four quarters, scarcity included); abroad, the growth of
    the employer's pay over the year: g_j = (1 + g_F) L_k(t) / L_k(t - 1) - 1, g_F =
    wage_growth_foreign and L_k the pay level of the employer's kind k relative to trend
    (`market.foreign_pay_level`: the hiring path H^epsilon and the frontier-lab boom;
    g_j = g_F when neither moves). Only the pay the worker would have without salary
    matching grows (the state's part is reset by the salary-matching rule every quarter):
    with pass-through pi, the subsidy's part of the salary is pi * subsidy.
    """
    pop, p = model.pop, model.p
    st = pop.state
    hist = model.wage_index_history
    g_kr = hist[-1] / hist[-5] - 1.0 if len(hist) >= 5 else (1.0 + p.wage_growth_kr) - 1.0
    level = market.foreign_pay_level(p, model.time) / market.foreign_pay_level(p, model.time - 1.0)
    g_kind = (1.0 + p.wage_growth_foreign) * level - 1.0  # by kind code
    # g per person, 0 for those not employed; branch-free over contiguous arrays
    g = ((st == AI_FIRM) | (st == KR_OTHER)).astype(np.float64)
    g *= g_kr
    abroad = np.flatnonzero(st == ABROAD)
    g[abroad] = g_kind[model.firms.kind[pop.employer[abroad]]]
    # salary <- (salary - pi s) * (1 + g) + pi s = salary * (1 + g) - g pi s (exact when g = 0)
    raised = pop.salary * (1.0 + g)
    raised += -g * p.sm_passthrough * pop.subsidy
    pop.salary[:] = raised
