"""Initialization (ODD 5): the world as of the June 2020 survey.

Builds the foreign bidders, 933 Korean AI firms with heavy-tailed sizes, the
universities, and one row per person: 14,736 AI staff of Korean AI firms with
1,609 unfilled places (SPRi 2020), other AI-skilled people in Korea, graduate
students, Korean-born people abroad and the foreign talent Korean firms can reach.
All counts are multiplied by `scale` (1 = one agent per person).
"""

from __future__ import annotations

import numpy as np

from .agents import University
from .codes import (
    ABROAD,
    AI_FIRM,
    BACHELOR,
    CN,
    CONGLOMERATE,
    EU,
    KR_CAPITAL,
    KR_OTHER,
    KR_REGION,
    MASTER,
    N_LOCS,
    N_TIERS,
    NONE,
    OTHER,
    PHD,
    PLATFORM,
    STARTUP,
    STUDENT_ABROAD,
    STUDENT_KR,
    US,
)
from .firms import FOREIGN_FIRMS, KIND_CHANNELS
from .submodels import faculty, pay, training

# Korean firm kinds at start: count (before scale) and median AI head-count (persons).
# Assumption: ~10 conglomerates' AI units (Samsung, LG, SK ...) and ~20 platforms and
# telecoms (Naver, Kakao, SKT, KT ...) hold a large share of AI staff; the rest are
# startups and SMEs (SPRi: 933 firms, mean 15.8 staff).
KR_KIND_START = ((CONGLOMERATE, 10, 300.0), (PLATFORM, 20, 100.0))
STARTUP_MEDIAN = 8.0

AI_GRAD_SCHOOLS = (
    "KAIST",
    "Korea University",
    "Sungkyunkwan University",
    "GIST",
    "POSTECH",
    "Yonsei University",
    "UNIST",
    "Hanyang University",
    "Seoul National University",
    "Chung-Ang University",
)  # government-designated, 2019-21 (ZDNet 2021-04-21)


def _count(x: float, scale: float) -> int:
    return int(round(x * scale))


def build_firms(model) -> np.ndarray:
    """Foreign bidders, then Korean firms; returns the Korean firms' size weights."""
    p, rng, f = model.p, model.rng, model.firms
    for kind, loc, count, premium in FOREIGN_FIRMS:
        f.add(
            kind=np.full(count, kind),
            loc=loc,
            channels=0,
            target=np.zeros((count, N_TIERS)),
            pay_cap=1.0,
            premium=premium,
        )
    n_kr = max(_count(p.init_firms, p.scale), 3)
    kinds, medians = [], []
    for kind, count, med in KR_KIND_START:
        c = max(1, _count(count, p.scale))
        kinds += [kind] * c
        medians += [med] * c
    kinds += [STARTUP] * max(1, n_kr - len(kinds))
    medians += [STARTUP_MEDIAN] * (len(kinds) - len(medians))
    kinds = np.asarray(kinds)
    weight = rng.lognormal(np.log(medians), p.firm_size_sigma)
    loc = np.where((kinds != STARTUP) | (rng.random(len(kinds)) < p.init_capital_share), KR_CAPITAL, KR_REGION)
    channels = np.array([KIND_CHANNELS[k] for k in kinds])
    academy = (kinds == CONGLOMERATE) & (rng.random(len(kinds)) < p.academy_share)
    f.add(
        kind=kinds,
        loc=loc,
        channels=channels,
        target=np.zeros((len(kinds), N_TIERS)),
        pay_cap=pay.budget_cap(p, kinds),
        academy=academy,
    )
    return weight


def build_universities(model) -> None:
    p = model.p
    unis = []
    for name in AI_GRAD_SCHOOLS:
        unis.append(University(model, name, KR_CAPITAL, p.faculty_ai_school, allied=p.alliance_share))
    unis.append(University(model, "Other Korean universities", KR_CAPITAL, p.faculty_other, allied=p.alliance_share))
    unis.append(
        University(
            model, "Graduate-seat expansion programme", KR_CAPITAL, 0.0, allied=p.alliance_share, extra_seats=True
        )
    )
    for name, loc in (
        ("US universities", US),
        ("Chinese universities", CN),
        ("European universities", EU),
        ("Other universities abroad", OTHER),
    ):
        unis.append(University(model, name, loc, 0.0))
    for i, u in enumerate(unis):
        u.index = i
    model.universities = unis
    model.expansion_univ = unis[len(AI_GRAD_SCHOOLS) + 1]
    model.kr_univ_index = np.array([u.index for u in unis if u.is_korean])
    model.univ_mismatch = np.array([u.mismatch_share() for u in unis])
    model.univ_by_loc = np.full(N_LOCS, NONE)
    for u in unis:
        if not u.is_korean:
            model.univ_by_loc[u.country] = u.index


def _experience(model, n: int) -> np.ndarray:
    """Years of experience ~ Gamma(2, 3.5) (mean 7 yr; assumption), below retirement."""
    yrs = model.rng.gamma(2.0, 3.5, n)
    return np.minimum(yrs * 4, model.p.career_years * 4 - 1).astype(np.int16)


def _degrees(model, skill: np.ndarray, phd: float, master: float) -> np.ndarray:
    """Degrees rise with skill: rank skill x noise, top `phd` share PhD, next `master` share master's."""
    n = len(skill)
    order = np.argsort(-(np.log(skill) + model.rng.normal(0, 0.5, n)), kind="stable")
    deg = np.full(n, BACHELOR, np.int8)
    n_phd, n_ma = int(round(n * phd)), int(round(n * master))
    deg[order[:n_phd]] = PHD
    deg[order[n_phd : n_phd + n_ma]] = MASTER
    return deg


def build_population(model, firm_weight: np.ndarray) -> None:
    p, rng, pop, f = model.p, model.rng, model.pop, model.firms
    s, sig = p.scale, p.skill_sigma
    kr_firms = np.flatnonzero(f.is_kr)

    # 1. AI staff of Korean AI firms
    n_w = _count(p.init_workforce, s)
    sizes = rng.multinomial(n_w, firm_weight / firm_weight.sum())
    emp = np.repeat(kr_firms, sizes)
    skill = rng.lognormal(0.0, sig, n_w)
    exp = _experience(model, n_w)
    staff = pop.add(
        n_w,
        state=AI_FIRM,
        loc=f.loc[emp],
        employer=emp,
        skill=skill,
        exp_q=exp,
        degree=_degrees(model, skill, p.share_phd, p.share_master),
        korean=rng.random(n_w) >= p.init_foreign_staff_share,
        hired_q=-(rng.random(n_w) * exp).astype(np.int16),
    )
    # 2. AI-skilled people elsewhere in Korea
    n_o = _count(p.init_kr_other, s)
    skill = rng.lognormal(0.0, sig, n_o)
    other = pop.add(
        n_o,
        state=KR_OTHER,
        skill=skill,
        exp_q=_experience(model, n_o),
        loc=np.where(rng.random(n_o) < p.init_capital_share, KR_CAPITAL, KR_REGION),
        degree=_degrees(model, skill, p.share_phd / 2, p.share_master),
        korean=True,
    )
    model.core_threshold = float(np.quantile(pop.skill, p.core_quantile))
    # 2a. the universities' AI faculty: the most skilled PhD holders among them fill the posts
    # (the hiring rule of the faculty submodel; seats follow the faculty in post)
    posts = faculty.posts(model).astype(np.int64)
    phds = other[pop.degree[other] == PHD]
    best = phds[np.argsort(-pop.skill[phds], kind="stable")[: int(posts.sum())]]
    model.faculty_count = np.zeros(len(model.universities))
    faculty.appoint(model, best, np.repeat(np.arange(len(posts)), posts)[: len(best)])
    # 3. graduate students in Korea
    n_s = _count(p.init_students_kr, s)
    seats = model.grad_seats()
    is_phd, left = _student_stock(model, n_s, p.phd_share)
    n_s = len(left)  # 0 if no programme can be under way (see _student_stock)
    pop.add(
        n_s,
        state=STUDENT_KR,
        skill=rng.lognormal(0.2, sig, n_s),
        degree=BACHELOR,
        korean=True,
        loc=np.where(rng.random(n_s) < p.init_capital_share, KR_CAPITAL, KR_REGION),
        program=np.where(is_phd, PHD, MASTER),
        study_left=left,
        # by seats (uniformly if no university has faculty: no PhD holders to fill the posts)
        univ=model.kr_univ_index[rng.choice(len(seats), size=n_s, p=seats / seats.sum() if seats.sum() > 0 else None)],
    )
    # 4. Korean-born abroad (selected: higher skill; median init_abroad_skill, an assumption)
    n_w, ns = _count(p.init_kr_abroad, s), _count(p.init_students_abroad, s)
    n_a = n_w + ns
    stud = np.arange(n_a) < ns
    dest = model.draw_destination(n_a)
    skill = rng.lognormal(np.log(p.init_abroad_skill), sig, n_a)
    pop.add(
        ns,
        state=STUDENT_ABROAD,
        loc=dest[stud],
        skill=skill[stud],
        degree=BACHELOR,
        korean=True,
        program=PHD,
        study_left=_student_stock(model, ns, 1.0)[1],
        univ=model.univ_by_loc[dest[stud]],
    )
    na = n_a - ns
    abroad_kr = pop.add(
        na,
        state=ABROAD,
        loc=dest[~stud],
        skill=skill[~stud],
        korean=True,
        degree=_degrees(model, skill[~stud], 0.5, 0.3),
        exp_q=_experience(model, na),
        employer=model.draw_foreign_firm(dest[~stud]),
    )
    # 5. foreign talent Korean firms can reach
    n_f = _count(p.init_foreign_pool, s)
    dest = model.draw_destination(n_f)
    skill = rng.lognormal(0.0, sig, n_f)
    foreign = pop.add(
        n_f,
        state=ABROAD,
        loc=dest,
        skill=skill,
        korean=False,
        degree=_degrees(model, skill, 0.3, 0.4),
        exp_q=_experience(model, n_f),
        employer=model.draw_foreign_firm(dest),
    )

    training.assign_tiers(model)
    noise = rng.lognormal(0.0, 0.1, pop.n)
    pop.salary[staff] = pay.market_pay(model, pop.tier[staff], pop.skill[staff]) * noise[staff]
    pop.salary[other] = p.other_pay_ratio * pay.market_pay(model, pop.tier[other], pop.skill[other]) * noise[other]
    for ids in (abroad_kr, foreign):
        e = pop.employer[ids]
        pop.salary[ids] = pay.foreign_firm_offer(model, pop.tier[ids], pop.skill[ids], pop.loc[ids], e) * noise[ids]

    # targets = staff by tier + the reported shortage, spread over firms by size and over tiers
    model.census()
    n_v = _count(p.init_shortage, s)
    tier_share = np.array(
        [p.vacancy_share_core, p.vacancy_share_senior, 1.0 - p.vacancy_share_core - p.vacancy_share_senior]
    )
    prob = (firm_weight / firm_weight.sum())[:, None] * tier_share[None, :]
    vac = rng.multinomial(n_v, prob.reshape(-1)).reshape(len(kr_firms), N_TIERS)
    f.target[kr_firms] = f.headcount[kr_firms] + vac
    f.base[kr_firms] = f.target[kr_firms]  # at the initial demand (d_entry) and unit cost
    f.d_entry[:] = model.demand_index


def cohorts_in_programme(quarter: int, length: int, dropout: float) -> tuple[np.ndarray, np.ndarray]:
    """The yearly cohorts still in a programme of `length` quarters at the start (step 0, in
    `quarter`): the quarters each has left, and its share of the students admitted a year.

    Programmes start in March (Q1), as the model's own cohorts do (`pipeline.admit_cohort`). A cohort
    admitted at step a <= 0 has been counted down at steps a..0, so it has length + a - 1 quarters
    left and graduates at step a + length - 1, in the quarter the model's later cohorts graduate.
    Cohorts are equal at admission and thinned by dropout (`student_dropout` / 4 a quarter), so a
    cohort's share is (1 - dropout/4)^(quarters since admission)."""
    first = (1 - quarter) % 4 or 4  # the first step in a Q1 (the first admission of the run)
    admitted = first - 4 * np.arange(1, length // 4 + 2)  # steps of earlier admissions, <= 0
    left = length + admitted - 1
    left = left[left >= 1]
    return left.astype(np.int16), (1.0 - dropout / 4.0) ** (length - left)


def _student_stock(model, n: int, phd_share: float) -> tuple[np.ndarray, np.ndarray]:
    """Programme (True: PhD) and quarters left of `n` graduate students at the start, as the stock
    that yearly intakes with a PhD share `phd_share` of those admitted leave behind: each cohort
    still in a programme (`cohorts_in_programme`) in proportion to its share, so PhD students,
    who study 2.5 times as long, are more of the stock (~45 % at phd_share 0.25) than of the
    intake. Both programmes absent from the stock (possible only with programmes shorter than a
    year and phd_share 0): no students."""
    p, rng = model.p, model.rng
    left_p, w_p = cohorts_in_programme(model.quarter, p.phd_quarters, p.student_dropout)
    left_m, w_m = cohorts_in_programme(model.quarter, p.master_quarters, p.student_dropout)
    weight = np.concatenate([phd_share * w_p, (1.0 - phd_share) * w_m])
    if n == 0 or weight.sum() <= 0:
        return np.zeros(0, bool), np.zeros(0, np.int16)
    pick = rng.choice(len(weight), size=n, p=weight / weight.sum())
    return pick < len(left_p), np.concatenate([left_p, left_m])[pick]


def build(model) -> None:
    """Build the whole initial state (firms, universities, people)."""
    weight = build_firms(model)
    build_universities(model)
    build_population(model, weight)
    model.register_firms(np.arange(model.firms.n))
