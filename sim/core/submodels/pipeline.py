"""Pipeline: the yearly bachelor cohort, the medical-school pull, graduate admissions,
study abroad, graduation, return on graduation, and new foreign talent.

The Korean academic year starts in March, so cohorts arrive in Q1.
"""

from __future__ import annotations

import numpy as np

from ..codes import (
    ABROAD,
    APPLIED,
    BACHELOR,
    KR_CAPITAL,
    KR_REGION,
    MASTER,
    NONE,
    PHD,
    SEEKING,
    STUDENT_ABROAD,
    STUDENT_KR,
)
from . import matching, pay, policy, training

_NORMAL_90 = 1.2815515655446004  # standard normal 90th percentile


def cohort_size(model) -> int:
    """Bachelor cohort this year: round(scale * C_0 * (1 + g_C)^(years since 2020)).

    Parameters: bachelor_cohort (C_0, persons/yr; assumption anchored on 64 % of
    AI staff holding a bachelor's, KISTEP), cohort_growth (g_C, 1/yr).
    """
    p = model.p
    return int(round(p.scale * p.bachelor_cohort * (1.0 + p.cohort_growth) ** (model.t / 4.0)))


def admit_cohort(model) -> None:
    """A new cohort of AI-capable bachelor's graduates arrives (Q1 only).

    1. Skill ~ LogNormal(0, skill_sigma).
    2. Medical-school pull: each member of the top decile (skill above
       exp(z_0.90 sigma)) is lost to medicine with probability med_pull
       (x (1 - med_pull_cut) under that policy); they never enter the model
       (counted in the flow med_diverted). Source: DATA.md pipeline (2025: SNU
       overtook KAIST as first choice; KAIST 130 dropouts).
    3. Study abroad: P = min(1, study_abroad_rate * skill^study_abroad_elasticity)
       (IIE Open Doors: ~729 Korean S&E US doctorates a year); they start a PhD
       abroad (US/CN/EU/other by dest shares) - most emigration happens here.
    4. Graduate school in Korea: a share grad_apply_share applies; the most
       skilled are admitted up to the seats (sum of universities' intake, seats
       limited by faculty); the top phd_share of those admitted start a PhD,
       the rest a master's; universities are drawn in proportion to their seats.
    5. Everyone else looks for work in Korea (state seeking).
    """
    p, rng, pop = model.p, model.rng, model.pop
    n = cohort_size(model)
    if n == 0:
        return
    skill = rng.lognormal(0.0, p.skill_sigma, n)
    top = skill > np.exp(_NORMAL_90 * p.skill_sigma)
    lost = top & (rng.random(n) < policy.med_pull(model))
    model.flows["med_diverted"] += int(lost.sum())
    skill = skill[~lost]
    n = len(skill)
    korean = np.ones(n, bool)
    loc_home = np.where(rng.random(n) < p.init_capital_share, KR_CAPITAL, KR_REGION).astype(np.int8)

    abroad = rng.random(n) < np.minimum(1.0, p.study_abroad_rate * np.power(skill, p.study_abroad_elasticity))
    rest = np.flatnonzero(~abroad)
    applicants = rest[rng.random(len(rest)) < p.grad_apply_share]
    seats = model.grad_seats()
    n_admit = int(min(len(applicants), np.floor(seats.sum())))
    admitted = applicants[np.argsort(-skill[applicants], kind="stable")[:n_admit]]
    phd = np.zeros(n, bool)
    phd[admitted[: int(round(n_admit * p.phd_share))]] = True
    in_school = np.zeros(n, bool)
    in_school[admitted] = True

    # abroad students
    ia = np.flatnonzero(abroad)
    dest = model.draw_destination(len(ia))
    ids = pop.add(
        len(ia),
        state=STUDENT_ABROAD,
        loc=dest,
        degree=BACHELOR,
        korean=True,
        skill=skill[ia],
        study_left=p.phd_quarters,
        program=PHD,
        univ=model.foreign_univ_index(dest),
    )
    model.flows["study_abroad"] += len(ids)  # not emigration: LinkedIn counts job moves, not students
    # Korean graduate students
    ik = np.flatnonzero(in_school)
    prog = np.where(phd[ik], PHD, MASTER)
    univ = rng.choice(len(seats), size=len(ik), p=seats / seats.sum()) if len(ik) else np.zeros(0, int)
    pop.add(
        len(ik),
        state=STUDENT_KR,
        loc=loc_home[ik],
        degree=BACHELOR,
        korean=True,
        skill=skill[ik],
        study_left=np.where(phd[ik], p.phd_quarters, p.master_quarters),
        program=prog,
        univ=model.kr_univ_index[univ],
    )
    # job-seekers
    iw = np.flatnonzero(~abroad & ~in_school)
    new = pop.add(len(iw), state=SEEKING, loc=loc_home[iw], degree=BACHELOR, korean=korean[iw], skill=skill[iw])
    model.flows["cohort"] += n
    model.flows["grad_intake"] += len(ik)
    for ids_ in (ids, new):
        training.assign_tiers(model, ids_)


def foreign_entrants(model) -> None:
    """New foreign AI talent that Korean firms can reach (Q1): keeps the foreign pool
    renewed at the rate people leave the field (leave_field_rate) and grows it with
    cohort_growth. Count = scale * init_foreign_pool * (leave_field_rate + cohort_growth)^+."""
    p, pop = model.p, model.pop
    n = int(round(p.scale * p.init_foreign_pool * max(p.leave_field_rate + p.cohort_growth, 0.0)))
    if n == 0:
        return
    dest = model.draw_destination(n)
    skill = model.rng.lognormal(0.0, p.skill_sigma, n)
    firm = model.draw_foreign_firm(dest)
    tier = np.full(n, APPLIED)
    sal = pay.foreign_firm_offer(model, tier, skill, dest, firm)
    ids = pop.add(n, state=ABROAD, loc=dest, degree=MASTER, korean=False, skill=skill, employer=firm, salary=sal)
    training.assign_tiers(model, ids)


def progress_studies(model) -> None:
    """Students advance a quarter; some drop out; those who finish graduate.

    Dropout: P = student_dropout / 4 per quarter (-> exited; they leave AI).
    Graduation: degree <- programme, skill *= skill_gain_master / skill_gain_phd.
    Korean graduates are mismatched with their university's mismatch share
    (univ_mismatch x (1 - alliance_mismatch_cut) if allied; seed 004) and look
    for work in Korea. Graduates abroad choose between a foreign job and
    returning to look for work in Korea, by the logit rule of the matching
    submodel (`return_choice`).
    """
    p, rng, pop = model.p, model.rng, model.pop
    st = pop.state
    studs = np.flatnonzero((st == STUDENT_KR) | (st == STUDENT_ABROAD))
    if len(studs) == 0:
        return
    dropping = rng.random(len(studs)) < p.student_dropout / 4.0
    drop = studs[dropping]
    if len(drop):
        model.retire(drop)
    studs = studs[~dropping]
    pop.study_left[studs] -= 1
    done = studs[pop.study_left[studs] <= 0]
    if len(done) == 0:
        return
    prog = pop.program[done]
    pop.degree[done] = prog
    pop.skill[done] *= np.where(prog == PHD, p.skill_gain_phd, p.skill_gain_master)
    pop.study_left[done] = 0
    pop.program[done] = NONE
    home = done[pop.state[done] == STUDENT_KR]
    mis = model.univ_mismatch[pop.univ[home]]
    pop.mismatch[home] = rng.random(len(home)) < mis
    pop.univ[done] = NONE
    pop.move(home, SEEKING)
    away = done[pop.state[done] == STUDENT_ABROAD]
    pop.grad_q[away] = model.t  # for the return hazard and the cohorts' stay rates
    model.flows["graduates"] += len(done)
    model.flows["graduates_kr"] += len(home)
    model.flows["phd_graduates_kr"] += int(np.count_nonzero(pop.degree[home] == PHD))
    training.assign_tiers(model, done)
    if len(away):
        return_choice(model, away)


def return_choice(model, idx: np.ndarray) -> None:
    """Graduates abroad: stay for a foreign job or return to Korea to look for work.

    U_stay = b ln(w_F) + eco[dest] + home_tie_foreign 1[not Korean-born]
    U_back = b ln(w_KR) + eco[KR capital] + home_tie 1[Korean-born] - move_cost,
    each + Gumbel noise (McFadden 1974), b the weight of pay (`matching.pay_weight`); w_F from
    `pay.foreign_firm_offer`, w_KR the Korean market pay plus the worker's part pi S of any salary
    matching they would qualify for (`policy.subsidy`). Returners count as `graduate_returns`, not as
    `returns`: a student's first job is not a LinkedIn job move (outputs module).
    """
    p, rng, pop = model.p, model.rng, model.pop
    tier, skill, loc, kor = pop.tier[idx], pop.skill[idx], pop.loc[idx], pop.korean[idx]
    firm = model.draw_foreign_firm(loc)
    w_f = pay.foreign_firm_offer(model, tier, skill, loc, firm)
    w_k = pay.market_pay(model, tier, skill)
    w_k = w_k + p.sm_passthrough * policy.subsidy(model, w_k, tier)  # the worker's part of salary matching
    beta = matching.pay_weight(p, kor)
    u_stay = beta * np.log(w_f) + matching.amenity(model, loc, kor) + rng.gumbel(size=len(idx))
    home = np.full(len(idx), KR_CAPITAL, np.int8)
    u_back = beta * np.log(w_k) + matching.amenity(model, home, kor) - p.move_cost + rng.gumbel(size=len(idx))
    back = u_back > u_stay
    b, s = idx[back], idx[~back]
    _home_to_seek(model, b)
    model.flows["graduate_returns"] += int(back.sum())
    pop.move(s, ABROAD)
    pop.employer[s] = firm[~back]
    pop.salary[s] = w_f[~back]
    pop.hired_q[s] = model.t


def return_home(model) -> None:
    """Korean-born PhD graduates abroad who are working abroad go home to look for work at a
    hazard that fades with the years since the degree:

        h(k) = return_hazard * exp(-k / return_decay_years)  (per year, k years after the degree),

    each quarter with probability 1 - exp(-h(k) / 4); they move to Korea as job-seekers (capital
    region with probability init_capital_share) and count as `returns` (a job move of a worker).
    Returns that need no Korean offer first: family, military service, the end of a temporary
    visa (not told apart). The form gives the shape of Finn's (ORISE) tax-record profile of
    Korean US S&E PhDs (57, 51, 46, 43, 42 % still in the US 1-5 years after the degree, then
    flat: most returns in years 1-3); the two parameters are calibrated to it. Returns through a
    Korean job offer (matching) come on top.
    """
    p, pop = model.p, model.pop
    if p.return_hazard <= 0:
        return
    abroad = model.groups[ABROAD]  # last census; some may have moved since (e.g. a lab acquisition)
    abroad = abroad[pop.state[abroad] == ABROAD]
    grad = pop.grad_q[abroad]
    cand = abroad[grad >= 0]  # graduated abroad during the run (so Korean-born)
    if len(cand) == 0:
        return
    years = (model.t - pop.grad_q[cand]) / 4.0
    prob = -np.expm1(-p.return_hazard * np.exp(-years / p.return_decay_years) / 4.0)
    back = cand[model.rng.random(len(cand)) < prob]
    if len(back) == 0:
        return
    _home_to_seek(model, back)
    model.flows["returns"] += len(back)


def _home_to_seek(model, ids: np.ndarray) -> None:
    """People abroad who come back to Korea to look for work: job-seekers, no job or pay, in the
    capital region with probability init_capital_share."""
    pop = model.pop
    pop.move(ids, SEEKING)
    pop.employer[ids] = NONE
    pop.salary[ids] = 0.0
    pop.subsidy[ids] = 0.0
    pop.hired_q[ids] = model.t
    pop.loc[ids] = np.where(model.rng.random(len(ids)) < model.p.init_capital_share, KR_CAPITAL, KR_REGION)
