"""Training: experience and learning on the job, in-house academies, and tiers.

Tiers: core if skill >= the core threshold (the core_quantile of skill in the
initial Korean AI population, fixed for the run); otherwise senior with at least
senior_years of experience; otherwise applied.
"""

from __future__ import annotations

import numpy as np

from ..population import ABROAD, AI_FIRM, APPLIED, CORE, KR_OTHER, SENIOR


def assign_tiers(model, idx: np.ndarray | None = None) -> None:
    """tier = core if skill >= s*; senior if experience >= senior_years; else applied."""
    pop, p = model.pop, model.p
    if idx is None:
        skill, exp = pop.skill, pop.exp_q
        pop.tier[:] = np.where(skill >= model.core_threshold, CORE,
                               np.where(exp >= p.senior_years * 4, SENIOR, APPLIED))
        return
    skill, exp = pop.skill[idx], pop.exp_q[idx]
    pop.tier[idx] = np.where(skill >= model.core_threshold, CORE,
                             np.where(exp >= p.senior_years * 4, SENIOR, APPLIED))


def learn(model) -> None:
    """Working people gain a quarter of experience and tenure; skill grows by learning.

    Equation: skill <- skill * (1 + lambda / 4) for the employed (AI firms, other
    AI work in Korea, abroad); exp_q += 1, tenure_q += 1. Parameter:
    learning_rate (lambda, 1/yr; assumption).
    """
    pop = model.pop
    st = pop.state
    work = (st == AI_FIRM) | (st == KR_OTHER) | (st == ABROAD)
    pop.skill[work] *= 1.0 + model.p.learning_rate / 4.0
    pop.exp_q[work] += 1
    pop.tenure_q[work] += 1


def academy(model) -> int:
    """In-house AI academies (LG AI graduate school, 2022; 2023 law; seed 004).

    Applied-tier staff of firms running an academy are trained with probability
    academy_rate per quarter: skill *= academy_gain and their skills mismatch is
    cured. Returns the number trained.
    """
    pop, p = model.pop, model.p
    staff = np.flatnonzero((pop.state == AI_FIRM) & (pop.tier == APPLIED))
    staff = staff[model.firms.academy[pop.employer[staff]]]
    t = staff[model.rng.random(len(staff)) < p.academy_rate]
    pop.skill[t] *= p.academy_gain
    pop.mismatch[t] = False
    model.flows["trained"] += len(t)
    return len(t)
