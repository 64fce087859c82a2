"""Pay: Korean market pay, foreign offers, firms' posted-pay adjustment, annual raises.

Units: M KRW per year, nominal. Time index t = quarters since 2020Q2.
"""

from __future__ import annotations

import numpy as np

from ..codes import ABROAD, AI_FIRM, CN, CONGLOMERATE, EU, KR_OTHER, N_LOCS, OTHER, PLATFORM, STARTUP, US

Z99 = 2.3263478740408408  # standard normal 99th percentile


def market_pay(model, tier: np.ndarray, skill: np.ndarray) -> np.ndarray:
    """Korean market pay for a person of `tier` and `skill`.

    Equation: w_KR = w_tier * (1 + g_KR)^(t/4) * skill^eta_KR.

    Parameters: pay_applied / pay_senior / pay_core (w_tier, M KRW/yr at median
    skill in 2020; Rora 2024, BoK 2025), wage_growth_kr (g_KR, 1/yr),
    pay_skill_elasticity_kr (eta_KR; compressed: BoK 2025 finds a 6 % AI wage
    premium in Korea vs 25 % in the US).
    """
    return model.base_pay[tier] * model.wage_index_kr * np.power(skill, model.p.pay_skill_elasticity_kr)


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


def adjust_posted_pay(model, vacancies: np.ndarray) -> None:
    """Firms raise posted pay while vacancies stay unfilled, within budget.

    Equation: m_{f,t+1} = clip(m_f + kappa * v_f - rho * (m_f - 1), 0.8, cap_f),
    v_f = vacancies_f / target_f (all tiers). Parameters: pay_adjust_speed
    (kappa, 1/quarter per unit vacancy rate), pay_relax (rho, 1/quarter),
    budget caps from `budget_cap`. Source: assumption (a standard wage-posting
    response to unfilled vacancies); calibrated in issue 3.
    """
    f = model.firms
    kr = f.is_kr
    tot = f.target.sum(axis=1)
    vrate = np.divide(vacancies.sum(axis=1), tot, out=np.zeros_like(tot), where=tot > 0)
    m = f.pay_mult + model.p.pay_adjust_speed * vrate - model.p.pay_relax * (f.pay_mult - 1.0)
    f.pay_mult = np.where(kr, np.clip(m, 0.8, f.pay_cap), f.pay_mult)


def annual_raise(model) -> None:
    """Each Q1 the employed get the year's market pay growth.

    Equation: w_i <- w_i * (1 + g), g = wage_growth_kr in Korea (AI firms and
    elsewhere), wage_growth_foreign abroad. State subsidies are reset by the
    salary-matching rule every quarter, so only the firm-paid part matters here.
    """
    pop, p = model.pop, model.p
    st = pop.state
    # g per person, 0 for those not employed; branch-free over contiguous arrays
    g = ((st == AI_FIRM) | (st == KR_OTHER)).astype(np.float64)
    g *= p.wage_growth_kr
    g += (st == ABROAD) * p.wage_growth_foreign
    # own part grows, subsidy unchanged: salary <- (salary - subsidy) * (1 + g) + subsidy
    # = salary * (1 + g) - g * subsidy (exactly the salary when g = 0)
    raised = pop.salary * (1.0 + g)
    raised += -g * pop.subsidy
    pop.salary[:] = raised
