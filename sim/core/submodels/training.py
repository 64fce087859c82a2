"""Training: experience and learning on the job, in-house academies, and tiers.

Tiers: core if skill >= the core threshold (the core_quantile of skill in the
initial Korean AI population, fixed for the run); otherwise senior with at least
senior_years of experience; otherwise applied.
"""

from __future__ import annotations

import numpy as np

from ..codes import ABROAD, AI_FIRM, APPLIED, CORE, KR_OTHER, SENIOR


def assign_tiers(model, idx: np.ndarray | None = None) -> None:
    """tier = core if skill >= s*; senior if experience >= senior_years; else applied."""
    pop, p = model.pop, model.p
    if idx is None:
        # branch-free: APPLIED=2, SENIOR=1, CORE=0 -> (2 - senior) * (not core)
        senior = pop.exp_q >= p.senior_years * 4
        not_core = pop.skill < model.core_threshold
        np.multiply(np.subtract(APPLIED, senior, dtype=np.int8), not_core, out=pop.tier, casting="unsafe")
        return
    skill, exp = pop.skill[idx], pop.exp_q[idx]
    pop.tier[idx] = np.where(skill >= model.core_threshold, CORE, np.where(exp >= p.senior_years * 4, SENIOR, APPLIED))


def learn(model) -> None:
    """Working people gain a quarter of experience; skill grows by learning.

    Equation: skill <- skill * (1 + lambda / 4) and exp_q += 1 for the employed
    (AI firms, other AI work in Korea, abroad). Parameter: learning_rate
    (lambda, 1/yr; assumption). Branch-free over contiguous arrays: the working
    mask becomes a factor (1 + lambda / 4 or 1) and an increment (1 or 0).
    """
    pop = model.pop
    st = pop.state
    w = (st == AI_FIRM) | (st == KR_OTHER) | (st == ABROAD)  # comparisons: ~10x faster than a lookup table
    factor = w.astype(np.float64)
    factor *= model.p.learning_rate / 4.0
    factor += 1.0
    pop.skill[:] *= factor
    np.add(pop.exp_q, w, out=pop.exp_q, casting="unsafe")


def academy(model) -> int:
    """In-house AI academies (LG AI graduate school, 2022; 2023 law; seed 004).

    Applied-tier staff of firms running an academy are trained with probability
    academy_rate per quarter: skill *= academy_gain and their skills mismatch is
    cured. Returns the number trained.
    """
    pop, p = model.pop, model.p
    f = model.firms
    if not f.academy.any() or p.academy_rate <= 0:
        return 0
    staff = np.flatnonzero((pop.state == AI_FIRM) & (pop.tier == APPLIED))
    staff = staff[f.academy[pop.employer[staff]]]
    t = model.sample(staff, p.academy_rate)
    pop.skill[t] *= p.academy_gain
    pop.mismatch[t] = False
    model.flows["trained"] += len(t)
    return len(t)
