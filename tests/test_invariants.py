"""Accounting invariants over random parameters and seeds (hypothesis)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim import TalentMarket
from sim.core.codes import (
    ABROAD,
    AI_FIRM,
    CONGLOMERATE,
    CORE,
    EXITED,
    KR_OTHER,
    KR_REGION,
    MASTER,
    N_STATES,
    PHD,
    SEEKING,
    STUDENT_ABROAD,
    STUDENT_KR,
    TIER_NAMES,
    US,
)
from sim.core.outputs import CORE_IN, CORE_OUT
from sim.core.submodels import faculty, pay

PARAMS = st.fixed_dictionaries(
    {
        "demand_sales_elasticity": st.floats(0.1, 1.5),
        "demand_wage_elasticity": st.floats(0.0, 0.8),
        "demand_path": st.sampled_from(["baseline", "boom", "downturn"]),
        "demand_growth_downturn": st.floats(-0.3, 0.0),
        "firm_entry_per_growth": st.floats(0.0, 4000.0),
        "firm_exit_rate": st.floats(0.0, 0.5),
        "layoff_rate": st.floats(0.0, 1.0),
        "wage_curve": st.floats(0.0, 3.0),
        "counter_tiers": st.sampled_from(["none", "core", "all"]),
        "sm_passthrough": st.floats(0.0, 1.0),
        "sm_basis": st.sampled_from(["tier", "salary"]),
        "sm_min_salary": st.floats(0.0, 200.0),
        "match_efficiency": st.floats(0.05, 3.0),
        "search_otj": st.floats(0.0, 0.5),
        "foreign_offer_rate": st.floats(0.0, 0.2),
        "pandemic_offer_cut": st.floats(0.0, 0.95),
        "pandemic_return_boost": st.floats(0.0, 10.0),
        "foreign_suspension_cut": st.floats(0.0, 1.0),
        "us_freeze_cut": st.floats(0.0, 0.9),
        "frontier_boom": st.floats(0.0, 10.0),
        "return_hazard": st.floats(0.0, 5.0),
        "return_decay_years": st.floats(0.25, 10.0),
        "beta_pay": st.floats(0.0, 6.0),
        "morale_sensitivity": st.floats(0.0, 10.0),
        "med_pull": st.floats(0.0, 1.0),
        "leave_field_rate": st.floats(0.0, 0.3),
        "sm_share": st.sampled_from([0.0, 0.25, 0.5, 0.75]),
        "sm_tiers": st.sampled_from(["core", "core+senior", "all"]),
        "sm_budget": st.sampled_from([0.0, 5.0, 500.0]),
        "sm_start": st.sampled_from([2020.5, 2021.0]),
        "grad_seats_extra": st.sampled_from([0.0, 2000.0]),
        "grad_seats_start": st.just(2020.5),
        "settle_amount": st.sampled_from([0.0, 30.0]),
        "settle_start": st.just(2020.5),
        "drive_rate": st.sampled_from([0.0, 0.2]),
        "drive_start": st.just(2020.5),
        "lab_acq_size": st.sampled_from([0, 300]),
        "lab_acq_year": st.just(2021.0),
        "faculty_tie": st.floats(0.0, 5.0),
        "faculty_fill_rate": st.floats(0.0, 1.0),
    }
)


def check_step(m: TalentMarket, prev_counts: np.ndarray) -> np.ndarray:
    pop, f = m.pop, m.firms
    stt = pop.state
    # every person in exactly one valid state
    assert stt.min() >= 0 and stt.max() < N_STATES
    counts = np.bincount(stt, minlength=N_STATES)
    assert counts.sum() == pop.n
    assert (pop.n_by_state == counts).all()  # the running count the outputs use
    # stocks = previous + entrants + inflows - outflows (flows counted as people moved)
    t = pop.transitions
    flow = pop.entrants + t.sum(axis=0) - t.sum(axis=1)
    assert (counts == prev_counts + flow).all(), (counts, prev_counts, flow)
    # no negative pay, head-count, vacancies, targets
    assert (pop.salary >= 0).all() and (pop.subsidy >= 0).all()
    assert (f.headcount >= 0).all() and (f.target >= 0).all() and (f.vacancies() >= 0).all()
    # attributes consistent with state
    emp = pop.employer
    staff = stt == AI_FIRM
    assert (emp[staff] >= 0).all() and f.is_kr[emp[staff]].all() and f.alive[emp[staff]].all()
    assert (f.target[~f.alive] == 0).all() and (f.headcount[~f.alive] == 0).all()  # exited firms are empty
    abroad = stt == ABROAD
    assert (emp[abroad] >= 0).all() and (~f.is_kr[emp[abroad]]).all()
    assert (pop.loc[abroad] > KR_REGION).all()
    assert (emp[(stt == KR_OTHER) | (stt == SEEKING) | (stt == EXITED)] == -1).all()
    assert (pop.loc[(stt == KR_OTHER) | (stt == SEEKING) | (stt == STUDENT_KR)] <= KR_REGION).all()
    studs = (stt == STUDENT_KR) | (stt == STUDENT_ABROAD)
    assert (pop.study_left[studs] > 0).all() and (pop.program[studs] >= 0).all() and (pop.univ[studs] >= 0).all()
    assert (pop.salary[studs | (stt == EXITED)] == 0).all()
    assert (pop.subsidy[~staff] == 0).all()
    grads = pop.grad_q >= 0  # graduated abroad during the run: Korean-born PhDs, in the past
    assert pop.korean[grads].all() and (pop.degree[grads] == PHD).all() and (pop.grad_q[grads] <= m.t).all()
    # faculty (faculty submodel): post holders do other AI work in Korea with a PhD; no university
    # has more in post than posts; seats are the faculty in post times intake per faculty
    held = pop.post >= 0
    assert (stt[held] == KR_OTHER).all() and (pop.degree[held] == PHD).all() and (pop.loc[held] <= KR_REGION).all()
    assert (m.faculty_ids == np.flatnonzero(held)).all()  # the holders the submodel keeps
    in_post = np.bincount(pop.post[held], minlength=len(m.universities))
    assert (in_post == m.faculty_count).all() and (in_post <= faculty.posts(m)).all()
    assert m.current_outputs["faculty"] == held.sum()
    assert m.current_outputs["grad_seats"] == pytest.approx(
        held.sum() * m.p.intake_per_faculty
        + (m.p.grad_seats_extra * m.p.scale if m.policy_active(m.p.grad_seats_start) else 0.0)
    )
    # outputs agree with the people
    out = m.current_outputs
    assert out["workforce_kr"] == counts[AI_FIRM]
    assert out["shortage"] >= 0 and 0 <= out["shortage_rate"] < 1
    assert out["fiscal_cost_krw"] >= 0
    # salary matching books: tax recouped and firm capture are parts of the gross cost
    assert 0 <= out["tax_recouped_krw"] <= out["fiscal_salary_matching_krw"] * (1 + 1e-12) + 1e-6
    assert 0 <= out["sm_firm_capture_krw"] <= out["fiscal_salary_matching_krw"] * (1 + 1e-12) + 1e-6
    assert out["net_fiscal_cost_krw"] == pytest.approx(out["fiscal_cost_krw"] - out["tax_recouped_krw"])
    assert out["sm_recipients"] == np.count_nonzero(pop.subsidy > 0)
    assert 0 <= out["emigration_employed"] <= out["emigration"] and 0 <= out["hired_from_other"] <= out["hires"]
    assert 0 <= out["phd_graduates_kr"] <= out["graduates_kr"] <= out["graduates"]  # Korean ones among all
    # job changes: the rate is the staff who came from another Korean employer; the share's
    # denominator adds the moves abroad and imputes the moves between employers outside AI firms
    moved_in = out["poached"] + out["hired_from_other"]
    staff_kr = np.count_nonzero((stt == AI_FIRM) & (pop.loc <= KR_REGION))  # staff working in Korea
    assert out["job_change_rate"] == pytest.approx(moved_in / staff_kr if staff_kr else 0.0)
    imputed = max(0.0, out["job_change_rate"] * counts[KR_OTHER] - out["hired_from_other"])
    changers = moved_in + out["emigration_employed"] + imputed
    if changers:
        assert out["job_changers_abroad_share"] == pytest.approx(out["emigration_employed"] / changers)
        assert 0 <= out["job_changers_abroad_share"] <= 1
    assert out["n_exited"] == counts[EXITED]
    # independent recounts of outputs computed from the census
    in_kr = pop.loc <= KR_REGION
    working = (stt == AI_FIRM) | (stt == KR_OTHER) | (stt == SEEKING)
    assert out["core_talent_kr"] == np.count_nonzero(working & in_kr & (pop.tier == CORE))
    assert out["kr_abroad"] == np.count_nonzero(pop.korean & ~in_kr & (stt != EXITED))
    assert out["kr_workers_abroad"] == np.count_nonzero(pop.korean & ~in_kr & (stt != EXITED) & (stt != STUDENT_ABROAD))
    assert out["ai_talent_kr"] == np.count_nonzero((working | (stt == STUDENT_KR)) & in_kr)
    abroad_workers = pop.korean & ~in_kr & (stt != EXITED) & (stt != STUDENT_ABROAD)
    for k, name in enumerate(TIER_NAMES):  # by tier: Korean-born workers abroad, foreign-born share of staff
        in_tier = pop.tier == k
        assert out[f"kr_workers_abroad_{name}"] == np.count_nonzero(abroad_workers & in_tier)
        tier_kr = staff & in_kr & in_tier
        assert out[f"foreign_share_{name}"] == pytest.approx(
            np.count_nonzero(tier_kr & ~pop.korean) / max(np.count_nonzero(tier_kr), 1), abs=1e-12
        )
    assert sum(out[f"kr_workers_abroad_{t}"] for t in TIER_NAMES) == out["kr_workers_abroad"]
    assert out["ai_workers_kr"] == np.count_nonzero(working & in_kr)  # the migration index's stock
    assert out["foreign_staff_kr"] == np.count_nonzero(staff & in_kr & ~pop.korean)  # the tax relief's recipients
    assert out["workforce_outside_capital"] == np.count_nonzero(staff & (pop.loc == KR_REGION))  # settlement's
    # distributional outputs against plain numpy on the people
    ids = np.flatnonzero(staff)
    if len(ids):
        assert out["share_master_workforce"] == pytest.approx(np.mean(pop.degree[ids] == MASTER), abs=1e-12)
        assert out["share_phd_workforce"] == pytest.approx(np.mean(pop.degree[ids] == PHD), abs=1e-12)
        assert out["foreign_share_workforce"] == pytest.approx(np.mean(~pop.korean[ids]), abs=1e-12)
    kr_ids = ids[in_kr[ids]]
    if len(kr_ids):
        sal, sk = pop.salary[kr_ids], pop.skill[kr_ids]
        assert out["median_salary_kr"] == pytest.approx(np.median(sal) * 1e6, rel=1e-12)
        congl = f.kind[emp[kr_ids]] == CONGLOMERATE
        if congl.any():
            assert out["mean_salary_conglomerate"] == pytest.approx(sal[congl].mean() * 1e6, rel=1e-9)
        q45, q55, q99 = np.quantile(sk, (0.45, 0.55, 0.99))
        for name, sel in (("salary_gap_median", (sk >= q45) & (sk <= q55)), ("salary_gap_top", sk >= q99)):
            offer = pay.foreign_offer(m, pop.tier[kr_ids[sel]], sk[sel], np.full(int(sel.sum()), US))
            assert out[name] == pytest.approx(np.median(offer / sal[sel]), rel=1e-12)
    return counts


@given(params=PARAMS, seed=st.integers(0, 2**32 - 1))
def test_accounting_invariants(params, seed):
    m = TalentMarket(scale=0.03, end_year=2023, rng=seed, **params)  # to 2023: the frontier-lab boom
    counts = np.bincount(m.pop.state, minlength=N_STATES)
    assert counts.sum() == m.pop.n
    core = m.current_outputs["core_talent_kr"]
    while m.running:
        m.step()
        counts = check_step(m, counts)
        # the core talent in Korea changes by exactly its counted entries minus exits
        moved = sum(m.flows[k] for k in CORE_IN) - sum(m.flows[k] for k in CORE_OUT)
        assert m.current_outputs["core_talent_kr"] - core == moved
        assert m.flows["core_out_other"] == 0  # no present rule moves core people otherwise
        core = m.current_outputs["core_talent_kr"]
    assert m.year == 2023 and m.quarter == 4


@given(seed=st.integers(0, 2**32 - 1), budget=st.floats(1.0, 100.0))
def test_salary_matching_budget_never_exceeded(seed, budget):
    m = TalentMarket(
        scale=0.05, end_year=2022, rng=seed, sm_share=0.5, sm_tiers="all", sm_budget=budget, sm_start=2020.5
    )
    while m.running:
        m.step()
        q = m.government.spend["salary_matching"]
        assert q <= budget * 1000.0 / 4.0 * (1 + 1e-9)


def test_stay_rates_recounted_and_split_by_tier():
    """stay_rate_<k>y recounted with plain numpy on the people (Korean-born graduates abroad, cohort
    of the 4 quarters ending 4k quarters ago, not exited, located abroad now); `among` restricts the
    cohorts to a mask (tools/diaspora.py's tiers), and the tiers' rates, weighted by their cohorts,
    give the overall rate back."""
    from sim.core.outputs import STAY_YEARS, stay_rates

    m = TalentMarket(scale=0.1, end_year=2027, rng=5)
    m.run()
    pop = m.pop
    since = m.t - pop.grad_q.astype(np.int64)
    graduated, live, away = pop.grad_q >= 0, pop.state != EXITED, pop.loc > KR_REGION
    overall = stay_rates(m)
    by_tier = [stay_rates(m, among=pop.tier == k) for k in range(len(TIER_NAMES))]
    for k in STAY_YEARS:
        cohort = graduated & live & (since >= 4 * k) & (since < 4 * k + 4)
        assert np.count_nonzero(cohort) > 0
        assert overall[f"stay_rate_{k}y"] == np.count_nonzero(cohort & away) / np.count_nonzero(cohort)
        n_t = [np.count_nonzero(cohort & (pop.tier == t)) for t in range(len(TIER_NAMES))]
        for t, n in enumerate(n_t):
            want = np.count_nonzero(cohort & away & (pop.tier == t)) / n if n else None
            got = by_tier[t][f"stay_rate_{k}y"]
            assert np.isnan(got) if want is None else got == want, (k, t)
        weighted = sum(n * by_tier[t][f"stay_rate_{k}y"] for t, n in enumerate(n_t) if n) / sum(n_t)
        assert weighted == pytest.approx(overall[f"stay_rate_{k}y"], abs=1e-12)


@given(seed=st.integers(0, 2**32 - 1), pursuit=st.sampled_from([0.0, 0.5, 1.0]))
def test_the_foreign_offer_tally_counts_every_move_abroad(seed, pursuit):
    """The bidders' tally (matching.update_pursuit reads it) records each quarter the foreign
    offers made to people in Korea and those accepted, by tier: the accepted are exactly the
    quarter's emigration, never more than the offers, and the multiplier is always within its
    cap (1 throughout at pursuit 0)."""
    from sim.core.submodels import matching

    m = TalentMarket(
        scale=0.05, end_year=2026, rng=seed, foreign_target_pursuit=pursuit, foreign_hiring_start=2023.0, sm_share=0.5
    )
    while m.running:
        m.step()
        made, taken = m.foreign_offer_history[-1]
        assert len(m.foreign_offer_history) == m.t
        assert taken.sum() == m.flows["emigration"] and (taken <= made).all()
        assert (m.pursuit >= 1 / matching.PURSUIT_CAP).all() and (m.pursuit <= matching.PURSUIT_CAP).all()
        assert pursuit > 0 or (m.pursuit == 1.0).all()
