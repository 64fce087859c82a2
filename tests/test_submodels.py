"""Small submodels against hand-computed answers."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose

from sim import Params
from sim.core.codes import APPLIED, CORE, SEEKING, SENIOR, STUDENT_ABROAD, US
from sim.core.outputs import _order_stats
from sim.core.submodels import demand, matching, pay, pipeline, policy, retention

from .conftest import small


def test_contact_probability_hand_computed():
    p = Params(match_efficiency=0.5, match_elasticity=0.5)
    # V=400, S=100: m = 0.5*sqrt(400*100) = 100 -> min(100, 400, 100) = 100 -> 1.0
    # V=100, S=400: m = 0.5*200 = 100 -> 100/400 = 0.25 ; V=0 -> 0 ; S=0 -> 0
    got = matching.contact_probability(p, np.array([400, 100, 0, 50]), np.array([100, 400, 10, 0]))
    assert_allclose(got, [1.0, 0.25, 0.0, 0.0])


def test_salary_matching_entitlement():
    p = Params(sm_share=0.5, sm_tiers="core", sm_passthrough=1.0)
    own = np.array([100.0, 100.0, 300.0])
    tier = np.array([CORE, SENIOR, CORE])
    # state pays half the gross: E = s/(1-s) * own = own at s = 0.5
    assert_allclose(policy.entitlement(p, own, tier), [100.0, 0.0, 300.0])
    p2 = Params(sm_share=0.5, sm_tiers="core+senior", sm_cap=150.0, sm_passthrough=1.0)
    assert_allclose(policy.entitlement(p2, own, tier), [100.0, 100.0, 150.0])
    p3 = Params(sm_share=0.25, sm_tiers="all", sm_passthrough=1.0)
    assert_allclose(policy.entitlement(p3, own, np.array([APPLIED] * 3)), own / 3.0)


def test_foreign_gap_hits_documented_ratios():
    m = small(gap_median=2.25, gap_top=10.0, skill_sigma=0.8)
    tier = np.array([APPLIED, APPLIED])
    s99 = math.exp(2.3263478740408408 * 0.8)
    skill = np.array([1.0, s99])
    ratio = pay.foreign_offer(m, tier, skill, np.array([US, US])) / pay.market_pay(m, tier, skill)
    assert_allclose(ratio, [2.25, 10.0], rtol=1e-9)


def test_market_pay_formula():
    m = small(pay_applied=50.0, pay_core=110.0, pay_skill_elasticity_kr=0.5)
    got = pay.market_pay(m, np.array([APPLIED, CORE]), np.array([4.0, 1.0]))
    assert_allclose(got, [50.0 * 2.0, 110.0])  # at t = 0 the wage index is 1


def test_ration_takes_at_most_rounded_vacancies(rng):
    m = small()
    nf = m.firms.n
    vac = np.zeros((nf, 3))
    vac[5, CORE] = 2.4  # rounds to 2
    vac[6, APPLIED] = 0.6  # rounds to 1
    firm = np.array([5, 5, 5, 6, 6, 7])
    tier = np.array([CORE, CORE, CORE, APPLIED, APPLIED, APPLIED])
    ok = matching._ration(m, firm, tier, vac)
    assert ok[:3].sum() == 2 and ok[3:5].sum() == 1 and not ok[5]


def test_morale_multiplier_hand_computed():
    m = small(morale_sensitivity=2.0)
    pop, f = m.pop, m.firms
    i = m.staff[:2]
    firm = pop.employer[i]
    f.hire_pay[:] = 0.0
    pop.salary[i] = [50.0, 100.0]
    pop.subsidy[i] = 0.0
    pop.tier[i] = APPLIED
    key = firm.astype(np.int64) * 3 + APPLIED
    f.hire_pay.reshape(-1)[key] = 75.0
    got = retention.morale_multiplier(m, i, key)
    # hire pay 75 vs own 50: gap 0.5 -> 1 + 2*0.5 = 2 ; vs own 100: no gap -> 1
    assert_allclose(got, [2.0, 1.0])


def test_record_hires_smooths():
    m = small()
    f = m.firms
    f.hire_pay[:] = 0.0
    retention.record_hires(m, np.array([3, 3]), np.array([CORE, CORE]), np.array([100.0, 200.0]))
    assert f.hire_pay[3, CORE] == 150.0
    retention.record_hires(m, np.array([3]), np.array([CORE]), np.array([50.0]))
    assert f.hire_pay[3, CORE] == 100.0  # (150 + 50) / 2


def test_targets_follow_demand_and_cost():
    """T = B (D / D_entry)^alpha c^(-eta), by hand for one firm."""
    m = small(demand_sales_elasticity=0.7, demand_wage_elasticity=0.3, bachelor_cohort=9000, cohort_growth=0.0)
    f = m.firms
    i = int(np.flatnonzero(f.is_kr)[0])
    base = f.base[i].copy()
    m.demand_index = f.d_entry[i] * 2.0
    f.pay_mult[i] = 1.25
    m.wage_index_kr, m.wage_trend_kr = 1.1, 1.0
    demand.update_targets(m)
    assert_allclose(f.target[i], base * 2.0**0.7 * (1.1 * 1.25) ** -0.3)
    assert pipeline.cohort_size(m) == round(0.05 * 9000)


def test_sales_index_data_and_paths():
    from sim.core import market

    assert market.sales_index(2022.5, 0.0) == pytest.approx(4.3)
    assert market.sales_index(2023.0, 0.0) == pytest.approx((4.3 * 5.6) ** 0.5)  # geometric midpoint
    assert demand.index_at(Params(demand_path="boom"), 2026.5) == pytest.approx(6.3 * 1.2**2)
    assert demand.index_at(Params(demand_path="downturn"), 2025.5) == pytest.approx(6.3 * 0.95)


def test_income_tax_schedule():
    from sim.core import market

    # 14 M at 6 % = 0.84; 50 M: 0.84 + 36 * 0.15 = 6.24; 100 M: 6.24 + 38 * 0.24 + 12 * 0.35 = 19.56; +10 % local
    assert_allclose(market.income_tax(np.array([0.0, 14.0, 50.0, 100.0])), np.array([0, 0.84, 6.24, 19.56]) * 1.1)


def test_subsidy_incidence():
    """S = s w / (1 - pi s): the state pays the share s of the gross w + pi S; the firm pays w - (1 - pi) S."""
    w = np.array([100.0])
    for pi in (0.0, 0.5, 1.0):
        p = Params(sm_share=0.5, sm_passthrough=pi)
        s_ = policy.full_subsidy(p, w)
        gross = w + pi * s_
        assert_allclose(s_ / gross, 0.5)
        firm = gross - s_
        assert_allclose(firm, w - (1 - pi) * s_)
    assert_allclose(policy.full_subsidy(Params(sm_share=0.5, sm_passthrough=1.0), w), 100.0)  # v0.1: doubles
    p = Params(sm_share=0.5, sm_basis="salary", sm_min_salary=120.0)
    assert policy.eligible(p, np.array([100.0, 130.0]), np.array([CORE, APPLIED])).tolist() == [False, True]


@pytest.mark.parametrize("n", [1, 2, 10, 1001, 4096, 50_000, 123_457])
def test_order_stats_matches_numpy(rng, n):
    qs = (0.0, 0.45, 0.5, 0.55, 0.99, 1.0)
    x = rng.lognormal(0, 1, n)
    assert_allclose(_order_stats(x, qs), np.quantile(x, qs), rtol=1e-13)
    ties = rng.integers(0, 5, n).astype(float)  # heavy ties
    assert_allclose(_order_stats(ties, qs), np.quantile(ties, qs), rtol=1e-13)
    sorted_x = np.sort(x)  # adversarial order for the sample
    assert_allclose(_order_stats(sorted_x[::-1].copy(), qs), np.quantile(sorted_x, qs), rtol=1e-13)
    # brackets guessed from a previous quarter: right, slightly off, far off, unusable
    exact = np.quantile(x, qs)
    for guess in (list(exact), list(exact * 1.02), list(exact * 0.5 + 3.0), [np.nan] * len(qs), [1.0]):
        assert_allclose(_order_stats(x, qs, guess), exact, rtol=1e-13)


def test_sample_has_binomial_law():
    m = small()
    idx = np.arange(10000)
    sizes = [len(m.sample(idx, 0.1)) for _ in range(200)]
    assert abs(np.mean(sizes) - 1000) < 10  # sd of the mean = 30 / sqrt(200) ~ 2.1
    s = m.sample(idx, 0.1)
    assert len(np.unique(s)) == len(s)
    assert len(m.sample(idx, 0.0)) == 0 and len(m.sample(idx, 1.0)) == 10000
    assert len(m.sample(idx, 5e-324)) == 0  # subnormal: no overflow
    big = [len(m.sample(idx, 0.9)) for _ in range(200)]  # sd of the mean = 30 / sqrt(200)
    assert abs(np.mean(big) - 9000) < 10
    assert (np.diff(m.sample(idx, 0.5)) > 0).all()  # in order, no repeats


def test_logit_choice_frequencies(rng):
    u = np.log(np.array([[1.0, 2.0, 1.0], [1.0, 3.0, 1.0]]))  # probs (1/4, 1/2, 1/4) and (1/4, 3/4, 0)
    u[1, 2] = -np.inf
    picks = np.array([matching.logit_choice(rng, u) for _ in range(4000)])
    assert abs((picks[:, 0] == 1).mean() - 0.5) < 0.03 and abs((picks[:, 0] == 0).mean() - 0.25) < 0.03
    assert abs((picks[:, 1] == 1).mean() - 0.75) < 0.03 and (picks[:, 1] != 2).all()


def test_policy_active_timing():
    m = small()
    assert (m.year, m.quarter, m.time) == (2020, 2, 2020.5)
    assert not m.policy_active(2020.5) and m.policy_active(2020.25)
    m.step()
    assert (m.year, m.quarter) == (2020, 3) and m.policy_active(2020.5)


def test_migration_index_counts_job_moves_of_workers_only():
    """The index as LinkedIn measures it: students leaving to study and graduates coming back
    are their own flows; the index is 79 x (immigration + returns - emigration) / AI workers."""
    m = small(study_abroad_rate=0.5)
    for _ in range(8):  # two cohorts (Q1) and some graduations abroad
        m.step()
    df = m.results()
    assert df["study_abroad"].sum() > 0 and df["graduate_returns"].sum() > 0
    last = df.iloc[-1]
    assert last["migration_index"] == pytest.approx(
        79.0 * (last["immigration"] + last["returns"] - last["emigration"]) / last["ai_workers_kr"], rel=1e-12
    )
    assert last["ai_talent_kr"] == last["ai_workers_kr"] + last["n_student_kr"]
    # a cohort's students abroad are not emigrants; graduates who return are not `returns`
    flows_before = dict(m.flows)
    pop = m.pop
    n0 = pop.n
    pipeline.admit_cohort(m)
    left = int(np.count_nonzero(pop.state[n0:] == STUDENT_ABROAD))
    assert left > 0 and m.flows["study_abroad"] - flows_before.get("study_abroad", 0) == left
    assert m.flows["emigration"] == flows_before.get("emigration", 0)
    away = np.flatnonzero(pop.state == STUDENT_ABROAD)[:200]
    before = dict(m.flows)
    pipeline.return_choice(m, away)
    back = int(np.count_nonzero(pop.state[away] == SEEKING))
    assert m.flows["graduate_returns"] - before.get("graduate_returns", 0) == back > 0
    assert m.flows["returns"] == before.get("returns", 0) and m.flows["immigration"] == before.get("immigration", 0)


def test_med_pull_policy():
    m = small(med_pull=0.4, med_pull_cut=0.5, med_pull_start=2021.0)
    assert policy.med_pull(m) == 0.4
    m.time = 2021.25
    assert policy.med_pull(m) == pytest.approx(0.2)


@given(
    weights=hnp.arrays(
        np.float64, st.integers(0, 400), elements=st.one_of(st.just(0.0), st.floats(1e-6, 50.0), st.floats(1e-12, 1e-9))
    ),
    u=hnp.arrays(np.float64, st.integers(0, 300), elements=st.floats(0.0, 1.0, exclude_max=True)),
    extra=st.lists(st.sampled_from(["zero", "top", "above", "exact"]), max_size=5),
)
def test_search_right_equals_searchsorted(weights, u, extra):
    """The guide-table search gives exactly np.searchsorted(side='right'), zero weights, ties
    at the cumulative values, tiny weights (long forward steps) and queries at/after the end included."""
    cum = np.cumsum(weights)
    top = cum[-1] if len(cum) else 0.0
    q = [u * top]
    for e in extra:
        q.append(
            {
                "zero": np.zeros(2),
                "top": np.full(1, top),
                "above": np.full(1, top + 1.0),
                "exact": cum[:: max(1, len(cum) // 7)],
            }[e]
        )
    q = np.concatenate(q)
    np.testing.assert_array_equal(matching.search_right(cum, q, max_steps=2), np.searchsorted(cum, q, side="right"))
    np.testing.assert_array_equal(matching.search_right(cum, q), np.searchsorted(cum, q, side="right"))


@settings(max_examples=12, deadline=None)
@given(
    rate=st.sampled_from([0.0012, 0.01, 0.05, 1.0]),
    elasticity=st.sampled_from([0.0, 0.5, 1.2, 3.0]),
    seed=st.integers(0, 2**32 - 1),
)
def test_foreign_offers_have_the_offer_probability_of_each_candidate(rate, elasticity, seed):
    """Drawn by thinning within skill strata, each candidate gets an offer with probability
    min(1, r s^e), whatever stratum its skill falls in (skills on and beside the strata edges,
    the largest skill of anyone): offer counts over repeated draws within 4.5 standard
    deviations of the binomial mean in every skill class. Ids come back unique, in `cand`
    order."""
    m = small(rng=seed, foreign_offer_rate=rate, foreign_offer_elasticity=elasticity)
    m.step()
    cand = np.flatnonzero(np.isin(m.pop.state, [0, 1, 5]))  # AI firm, other AI work, seeking
    classes = np.array([0.3, 1.0, 2.0, 2.0 + 1e-9, 5.9, 6.0, 14.0, 30.0])  # 30: the largest skill
    m.pop.skill[:] = 0.1
    m.pop.skill[cand] = classes[np.arange(len(cand)) % len(classes)]
    cls = np.arange(len(cand)) % len(classes)
    reps = 60
    counts = np.zeros(len(classes))
    for _ in range(reps):
        got = matching._foreign_offers(m, cand)
        assert np.isin(got, cand).all() and (np.diff(np.searchsorted(cand, got)) > 0).all()
        counts += np.bincount(cls[np.searchsorted(cand, got)], minlength=len(classes))
    p_i = np.minimum(1.0, rate * classes**elasticity)
    n = reps * np.bincount(cls, minlength=len(classes))
    sd = np.sqrt(n * p_i * (1.0 - p_i))
    assert (np.abs(counts - n * p_i) <= 4.5 * sd + 1e-9).all(), (counts, n * p_i)


def test_foreign_hiring_path_is_one_until_its_start_then_compounds():
    from sim import TalentMarket
    from sim.core import market

    p = Params(foreign_hiring_growth=0.2, foreign_hiring_start=2026.0)
    assert market.foreign_hiring(p, 2025.75) == 1.0 and market.foreign_hiring(p, 2026.0) == 1.0
    assert market.foreign_hiring(p, 2028.5) == pytest.approx(1.2**2.5)
    assert market.foreign_hiring(Params(), 2035.0) == 1.0  # default: flat after the data
    m = TalentMarket(params=p, scale=0.1, end_year=2027, rng=3)
    m.run()
    assert m.time == 2028.0 and m.foreign_hiring == pytest.approx(1.2**2)  # 2027Q4 ends at 2028.0
    assert m.foreign_index == pytest.approx((1 + p.wage_growth_foreign) ** (m.t / 4) * 1.2 ** (2 * 0.5))


@settings(max_examples=6, deadline=None)
@given(boom=st.sampled_from([0.0, 0.5, 3.0]), freeze=st.sampled_from([0.0, 0.34]), seed=st.integers(0, 2**32 - 1))
def test_foreign_bids_come_from_each_bidder_at_its_own_rate(boom, freeze, seed):
    """An offer from foreign firm j reaches a candidate with probability r s^e d_l / n_l k_l g_j:
    in 2023 (inside the US hiring freeze and the frontier-lab boom) the offers by bidder kind over
    repeated draws are within 4.5 standard deviations of that, for the frontier labs (growth
    1 + boom, cut by the freeze), US big tech (cut only) and the other locations (neither)."""
    from sim.core.codes import CN_FIRM, EU_LAB, FRONTIER_LAB, KIND_NAMES, OTHER_FOREIGN, US_BIGTECH

    m = small(rng=seed, frontier_boom=boom, us_freeze_cut=freeze)
    m.step()
    m.time = 2023.5  # 2023Q2: both events active, the pandemic over
    cand = np.flatnonzero(np.isin(m.pop.state, [0, 1, 5]))
    m.pop.skill[cand] = 1.0  # r s^e = r: no candidate near the cap
    f, r, reps = m.firms, m.p.foreign_offer_rate, 400
    counts = np.zeros(len(KIND_NAMES))
    for _ in range(reps):
        idx, dest, firm = matching.foreign_bids(m, cand)
        assert (f.loc[firm] == dest).all() and np.isin(idx, cand).all()
        counts += np.bincount(f.kind[firm], minlength=len(KIND_NAMES))
    foreign = ~f.is_kr
    for kind, share, factor in (
        (FRONTIER_LAB, m.p.dest_us, (1 - freeze) * (1 + boom)),
        (US_BIGTECH, m.p.dest_us, 1 - freeze),
        (CN_FIRM, m.p.dest_cn, 1.0),
        (EU_LAB, m.p.dest_eu, 1.0),
        (OTHER_FOREIGN, 1 - m.p.dest_us - m.p.dest_cn - m.p.dest_eu, 1.0),
    ):
        in_loc = foreign & (f.loc == f.loc[np.flatnonzero(foreign & (f.kind == kind))[0]])
        q = r * share * factor * np.count_nonzero(foreign & (f.kind == kind)) / np.count_nonzero(in_loc)
        n = reps * len(cand)
        sd = np.sqrt(n * q * (1 - q))
        assert abs(counts[kind] - n * q) <= 4.5 * sd + 1e-9, (KIND_NAMES[kind], counts[kind], n * q)


@settings(max_examples=40, deadline=None)
@given(
    pursuit=st.sampled_from([0.0, 0.3, 0.5, 1.0]),
    ref=hnp.arrays(np.float64, 3, elements=st.sampled_from([np.nan, 0.0, 0.05, 0.3, 0.6, 1.0])),
    now=hnp.arrays(np.float64, 3, elements=st.sampled_from([np.nan, 0.0, 0.05, 0.3, 0.6, 1.0])),
)
def test_pursuit_multiplier_is_the_acceptance_ratio_to_the_pursuit_within_its_cap(pursuit, ref, now):
    """m_k = (ref_k / now_k)^pursuit within [1/4, 4]: 1 at pursuit 0, where a share is unknown
    (nan) or both are 0; the cap where no offer is accepted now; the floor where none was then.
    It rises as the acceptance falls (more offers to make up for more refusals)."""
    m = matching.pursuit_multiplier(pursuit, ref, now)
    cap = matching.PURSUIT_CAP
    for k in range(3):
        r, n = ref[k], now[k]
        if pursuit == 0 or np.isnan(r) or np.isnan(n) or (r == 0 and n == 0):
            want = 1.0
        elif n == 0:
            want = cap
        elif r == 0:
            want = 1 / cap
        else:
            want = min(cap, max(1 / cap, (r / n) ** pursuit))
        assert m[k] == pytest.approx(want, rel=1e-12), (k, r, n)
    if pursuit > 0:
        lower = matching.pursuit_multiplier(pursuit, np.full(3, 0.5), np.array([0.2, 0.4, 0.6]))
        assert lower[0] > lower[1] > 1.0 > lower[2]


def test_acceptance_is_taken_over_the_last_four_quarters_by_tier():
    hist = [np.array([[10, 0, 4], [10, 0, 0]])] + [np.array([[4, 0, 2], [1, 0, 1]])] * 4
    assert_allclose(matching.acceptance(hist), [4 / 16, np.nan, 4 / 8])  # the first quarter left out
    assert np.isnan(matching.acceptance([])).all()


@settings(max_examples=4, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_foreign_offers_follow_the_pursuit_multiplier_of_each_tier(seed):
    """With the bidders' pursuit m_k (here 2, 1 and 0.5 for core, senior and applied) a
    candidate in tier k gets an offer with probability r s^e m_k: in 2024 (no documented shock
    active) offers by tier over repeated draws are within 4.5 standard deviations of that."""
    m = small(rng=seed)
    m.step()
    m.time = 2024.5
    m.pursuit = np.array([2.0, 1.0, 0.5])
    cand = np.flatnonzero(np.isin(m.pop.state, [0, 1, 5]))
    m.pop.skill[cand] = 1.0
    tier = m.pop.tier[cand]
    r, reps = m.p.foreign_offer_rate, 300
    counts = np.zeros(3)
    for _ in range(reps):
        idx, _, _ = matching.foreign_bids(m, cand)
        counts += np.bincount(m.pop.tier[idx], minlength=3)
    for k in range(3):
        q, n = r * m.pursuit[k], reps * np.count_nonzero(tier == k)
        assert n > 0 and abs(counts[k] - n * q) <= 4.5 * np.sqrt(n * q * (1 - q)) + 1e-9, (k, counts[k], n * q)


def test_pursuit_acts_from_the_foreign_hiring_start_against_the_year_before():
    """Before `foreign_hiring_start` the multiplier is 1; in the first quarter after it the
    reference is the acceptance of the four quarters before (so m = 1 then) and stays fixed; at
    pursuit 0 no reference is taken."""
    m = small(end_year=2023, foreign_target_pursuit=1.0, foreign_hiring_start=2022.0)
    while m.time < 2022.0 - 1e-9:
        m.step()
        assert (m.pursuit == 1.0).all() and m.foreign_accept_ref is None
    before = matching.acceptance(m.foreign_offer_history)
    m.step()
    assert_allclose(m.foreign_accept_ref, before)
    assert_allclose(m.pursuit, matching.pursuit_multiplier(1.0, before, before))
    ref = m.foreign_accept_ref.copy()
    m.run()
    assert_allclose(m.foreign_accept_ref, ref)
    assert_allclose(m.pursuit, matching.pursuit_multiplier(1.0, ref, matching.acceptance(m.foreign_offer_history[:-1])))
    off = small(end_year=2023, foreign_hiring_start=2022.0)
    off.run()
    assert off.foreign_accept_ref is None and (off.pursuit == 1.0).all()


def test_offer_growth_acts_from_2023_without_end():
    from sim.core import market
    from sim.core.codes import FRONTIER_LAB, US_BIGTECH

    p = Params(frontier_boom=1.5)
    assert (market.offer_growth(p, 2023.0) == 1.0).all()  # 2022Q4 ends at 2023.0: before the boom
    g = market.offer_growth(p, 2023.25)
    assert g[FRONTIER_LAB] == 2.5 and g[US_BIGTECH] == 1.0 and (np.delete(g, FRONTIER_LAB) == 1.0).all()
    assert market.offer_growth(p, 2060.0)[FRONTIER_LAB] == 2.5  # no end
    assert (market.offer_growth(Params(), 2030.0) == 1.0).all()  # off by default


def test_the_frontier_lab_boom_raises_the_labs_pay_and_the_raise_of_their_staff():
    """Pay follows a bidder's hiring (d ln w = epsilon d ln H): with the boom b the frontier labs'
    offers are (1 + b)^epsilon times the formula's (premium included) from 2023Q1, no other
    bidder's; in the Q1 raise their staff abroad get (1 + g_F)(1 + b)^epsilon, everyone else
    abroad 1 + g_F; with the boom off both are exactly the formula's."""
    from sim.core import market
    from sim.core.codes import ABROAD, FRONTIER_LAB

    eps = 0.5
    p = Params(frontier_boom=3.0, foreign_pay_response=eps)
    assert (market.kind_pay(p, 2023.0) == 1.0).all()
    kp = market.kind_pay(p, 2023.25)
    assert kp[FRONTIER_LAB] == pytest.approx(4.0**eps) and (np.delete(kp, FRONTIER_LAB) == 1.0).all()
    assert (market.kind_pay(Params(), 2030.0) == 1.0).all()
    assert (market.kind_pay(Params(frontier_boom=3.0, foreign_pay_response=0.0), 2030.0) == 1.0).all()

    m = small(rng=5, frontier_boom=3.0, foreign_pay_response=eps)
    m.step()
    m.time = 2023.25  # 2023Q1: the boom's first quarter
    m.kind_pay = market.kind_pay(m.p, m.time)
    f, pop = m.firms, m.pop
    abroad = np.flatnonzero(pop.state == ABROAD)
    lab = f.kind[pop.employer[abroad]] == FRONTIER_LAB
    assert lab.any() and (~lab).any()
    ids = abroad[:50]
    firm = pop.employer[ids]
    offer = pay.foreign_firm_offer(m, pop.tier[ids], pop.skill[ids], pop.loc[ids], firm)
    formula = pay.foreign_offer(m, pop.tier[ids], pop.skill[ids], pop.loc[ids]) * f.premium[firm]
    boost = np.where(f.kind[firm] == FRONTIER_LAB, 4.0**eps, 1.0)
    assert_allclose(offer, formula * boost, rtol=1e-12)
    before = pop.salary[abroad].copy()
    pay.annual_raise(m)
    g_f = m.p.wage_growth_foreign
    assert_allclose(pop.salary[abroad][lab] / before[lab], (1 + g_f) * 4.0**eps, rtol=1e-12)
    assert_allclose(pop.salary[abroad][~lab] / before[~lab], 1 + g_f, rtol=1e-12)


def test_the_raise_abroad_follows_the_foreign_hiring_path():
    """After the data, foreign pay follows H_t^epsilon for people already abroad too: the Q1 raise
    abroad is (1 + g_F)(H_t / H_{t-1})^epsilon (exactly 1 + g_F when H is flat)."""
    from sim.core.codes import ABROAD

    m = small(rng=6, foreign_hiring_growth=0.2, foreign_hiring_start=2024.0, foreign_pay_response=0.5)
    m.step()
    abroad = np.flatnonzero(m.pop.state == ABROAD)
    for time, ratio in ((2024.0, 1.0), (2025.0, 1.2**0.5), (2026.25, 1.2**0.5)):
        m.time = time
        before = m.pop.salary[abroad].copy()
        pay.annual_raise(m)
        assert_allclose(m.pop.salary[abroad] / before, (1 + m.p.wage_growth_foreign) * ratio, rtol=1e-12)
