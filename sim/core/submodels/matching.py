"""Search and matching: who searches, who gets offers, whom they choose, who is hired.

Each quarter:
1. Search: person i searches with probability s_i, by state (search_otj,
   search_other, search_abroad_kr (+ drive_rate while recruiting drives run),
   search_abroad_foreign; job-seekers always), times the morale multiplier for
   AI-firm staff (retention submodel).
2. Contacts with Korean firms, per tier k: m_k = min(A V_k^a S_k^(1-a), V_k, S_k)
   (Cobb-Douglas matching function, Petrongolo & Pissarides 2001,
   doi:10.1257/jel.39.2.390); a searcher is contacted with probability m_k/S_k by
   a firm drawn in proportion to its tier-k vacancies among the firms that use
   the searcher's channel: job-seekers and people outside AI firms -> domestic
   market; AI-firm staff -> poaching; Korean-born abroad -> recruiting drives;
   foreign talent -> foreign hiring (seeds 000, 001, 003). Firms turn down a
   mismatched candidate with probability mismatch_reject (seed 004).
3. Foreign offers: anyone working or seeking in Korea gets one with probability
   foreign_offer_rate * H_t * skill^foreign_offer_elasticity per quarter (bidders
   target the best, seed 001; H_t the foreign hiring path after the data,
   `market.foreign_hiring`, 1 by default); the bidder's country is drawn with dest_us /
   dest_cn / dest_eu / rest; its pay is `pay.foreign_firm_offer`. While a documented
   shock is active (sim/data/foreign_demand.yaml: the US entry suspension of
   2020-21, the pandemic's mobility restrictions to June 2022) an offer from an
   affected country goes ahead with probability 1 - cut (`market.offer_keep`),
   and the Korean-born abroad search home (1 + pandemic_return_boost) times as often.
   A documented growth of some bidders' hiring (the frontier-lab boom from 2023, off by
   default) makes their offers (1 + size) times as frequent (`market.offer_growth`) and
   their pay (1 + size)^foreign_pay_response times as high (`market.kind_pay`): offers
   are drawn at the largest multiplier G and kept with probability g_kind / G once the
   bidder is drawn (exact while r G s^e <= 1).
4. Choice (random utility, McFadden 1974): among staying, the Korean offer and the
   foreign offer, i takes the largest of
       U = b ln(pay + settlement + tax relief) + eco[loc] + home_tie 1[Korean-born and in Korea]
           + home_tie_foreign 1[foreign-born and abroad] - move_cost 1[international move]
           + faculty_tie 1[staying, and holding a faculty post] + Gumbel noise.
   with b = beta_pay for the Korean-born and beta_pay * foreign_pay_weight for the
   foreign-born (`pay_weight`; the same by default). The outside option of a job-seeker
   is a job outside AI firms at other_pay_ratio x market pay. Settlement package and foreign tax relief: policies
   (`policy.settlement_bonus`, `policy.foreign_tax_bonus`; 0 unless active).
5. Hiring: a firm takes acceptances up to its rounded tier vacancies, in random
   order; the rest stay where they were. Unplaced job-seekers take a job outside
   AI firms with probability seeker_to_other.
"""

from __future__ import annotations

import numpy as np

from .. import market
from ..codes import (
    ABROAD,
    AI_FIRM,
    CH_DOMESTIC,
    CH_DRIVE,
    CH_FOREIGN,
    CH_POACH,
    CHANNELS,
    KR_OTHER,
    KR_REGION,
    LAST_TIER,
    N_TIERS,
    NONE,
    SEEKING,
)
from . import pay, policy, retention

STAY, KR_OFFER, FOREIGN_OFFER = 0, 1, 2


def pay_weight(p, korean: np.ndarray) -> np.ndarray:
    """The weight of log pay in each chooser's utility: beta_pay for the Korean-born and
    beta_pay * foreign_pay_weight for the foreign-born (1 by default: the same weight)."""
    return np.where(korean, p.beta_pay, p.beta_pay * p.foreign_pay_weight)


def amenity(model, loc: np.ndarray, korean: np.ndarray) -> np.ndarray:
    """Non-pay utility of a location: eco[loc] + tie * 1[korean == (loc in Korea)], where the
    tie is home_tie for the Korean-born (to Korea) and home_tie_foreign for the foreign-born
    (to anywhere outside Korea)."""
    p = model.p
    tie = np.where(korean, p.home_tie, p.home_tie_foreign)
    return model.eco[loc] + tie * (korean == (loc <= KR_REGION))


def searchers(model) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ids of the people who search this quarter (module docstring, step 1), the channel
    each searches through, and the ids of everyone working or seeking in Korea (who can
    get foreign offers).

    AI-firm staff: probability search_otj * morale multiplier (one uniform each);
    other groups have one rate each and are sampled as a binomial count.
    Uses `model.staff` from the head-count recount just before.
    """
    pop, p, rng = model.pop, model.p, model.rng
    staff = model.staff
    rate = retention.morale_multiplier(model, staff, model.staff_key)
    rate *= p.search_otj
    parts = [staff[rng.random(len(staff)) < rate]]
    seek = model.groups[SEEKING]
    other = model.groups[KR_OTHER]
    parts.append(seek)
    parts.append(model.sample(other, p.search_other))
    abroad = model.groups[ABROAD]
    kor = pop.korean[abroad]
    drive = p.drive_rate if model.policy_active(p.drive_start) else 0.0
    home_search = p.search_abroad_kr * market.return_search_factor(p, model.time)  # pandemic returns
    parts.append(model.sample(abroad[kor], min(1.0, home_search + drive)))
    parts.append(model.sample(abroad[~kor], p.search_abroad_foreign))
    # staff of a Korean firm's lab abroad are not in Korea; all others here are
    in_kr = np.concatenate([model.staff_kr, other, seek])
    # channel by group: staff -> poaching; seekers, other AI work -> domestic market;
    # Korean-born abroad -> recruiting drives; foreign talent abroad -> foreign hiring
    channel = np.repeat(np.array([CH_POACH, CH_DOMESTIC, CH_DOMESTIC, CH_DRIVE, CH_FOREIGN]), [len(x) for x in parts])
    return np.concatenate(parts), channel, in_kr


def contact_probability(p, vacancies: np.ndarray, searchers: np.ndarray) -> np.ndarray:
    """Per-tier chance a searcher meets a firm: min(A V^a S^(1-a), V, S) / S (0 when S or V is 0)."""
    v = np.asarray(vacancies, float)
    s = np.asarray(searchers, float)
    m = p.match_efficiency * np.power(v, p.match_elasticity) * np.power(s, 1.0 - p.match_elasticity)
    m = np.minimum(np.minimum(m, v), s)
    return np.divide(m, s, out=np.zeros_like(m), where=s > 0)


def _draw_firms(model, vac: np.ndarray, channel: np.ndarray, tier: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Firm for each contact, drawn in proportion to tier vacancies among firms using the channel (-1: none).

    All (channel, tier) groups share one search: group g's cumulative vacancies are laid
    end to end, and a draw u in [0, 1) becomes offset_g + u * total_g.
    """
    f = model.firms
    nf = f.n
    chans = np.array(CHANNELS)  # ascending bit values
    uses = (f.channels[None, :] & chans[:, None]) != 0  # (4, nf)
    w = (uses[:, None, :] * vac.T[None, :, :]).reshape(-1, nf)  # (4*3, nf)
    totals = w.sum(axis=1)
    cum = np.cumsum(w.reshape(-1))
    offsets = np.concatenate([[0.0], np.cumsum(totals)[:-1]])
    g = np.searchsorted(chans, channel) * N_TIERS + tier
    pos = search_right(cum, offsets[g] + u * totals[g])
    firm = pos - g * nf
    ok = (totals[g] > 0) & (firm >= 0) & (firm < nf)
    return np.where(ok, firm, NONE)


def search_right(cum: np.ndarray, q: np.ndarray, max_steps: int = 6) -> np.ndarray:
    """`np.searchsorted(cum, q, side="right")` for a nondecreasing `cum` >= 0, by a guide table.

    Only the entries where `cum` rises can be the first entry > q, so the search runs
    over those (strictly increasing `vals`). A guide table over [0, max) in 4 k buckets
    gives each query a start at or before its answer (guide[j] = number of vals in
    buckets below j; the query starts one bucket early so rounding cannot overshoot);
    queries then step forward while vals[pos] <= q, and the few still unplaced after
    `max_steps` steps are finished by a binary search. Same result as searchsorted;
    ~3x faster here, where binary searches of unsorted queries miss the cache.
    """
    inc = np.flatnonzero(np.diff(cum, prepend=0.0) > 0)
    if len(inc) == 0 or len(q) == 0:
        return np.full(len(q), len(cum), np.int64)
    vals = cum[inc]
    n_buckets = 4 * len(vals)
    scale = n_buckets / vals[-1]
    bucket = np.minimum((vals * scale).astype(np.int64), n_buckets - 1)
    guide = np.concatenate([[0], np.cumsum(np.bincount(bucket, minlength=n_buckets))])
    pos = guide[np.clip((q * scale).astype(np.int64) - 1, 0, n_buckets - 1)]
    ext = np.append(vals, np.inf)
    act = np.flatnonzero(ext[pos] <= q)
    for _ in range(max_steps):
        if len(act) == 0:
            break
        pos[act] += 1
        act = act[ext[pos[act]] <= q[act]]
    if len(act):
        pos[act] = np.searchsorted(vals, q[act], side="right")
    return np.append(inc, len(cum))[pos]


# upper skill edges of the strata in which foreign offers are drawn by thinning (the top stratum
# ends at the largest skill); an implementation detail: any edges give the same law
_OFFER_STRATA = (2.0, 6.0)


def _foreign_offers(model, cand: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """Who among `cand` (working or seeking in Korea) gets a foreign offer this quarter.

    P_i = min(1, r s_i^e), r = foreign_offer_rate * H_t * scale (`scale`: the largest multiplier
    of the bidders' offers, thinned again by bidder in `foreign_bids`). Drawn by thinning within
    skill strata: in the stratum of skills in (lo, hi] (the top one ends at s_max, the largest
    skill of anyone), each candidate is a trial with the stratum's bound P_hi = min(1, r hi^e)
    >= P_i and a trial is kept with probability P_i / P_hi. Each candidate thus gets an offer
    with probability exactly P_i, independently; the strata keep the trials near the offers made
    (one bound at s_max drew ~80 trials for each offer, since P_i rises steeply with skill).
    Returns ids in the order of `cand`.
    """
    p, pop = model.p, model.pop
    r, e = p.foreign_offer_rate * model.foreign_hiring * scale, p.foreign_offer_elasticity
    if r <= 0 or len(cand) == 0:
        return cand[:0]
    s_max = float(pop.skill.max())
    sk_all = np.take(pop.skill, cand)
    edges = [b for b in _OFFER_STRATA if b < s_max] + [s_max]
    kept, lo = [], None
    for hi in edges:
        if lo is None:
            pos = np.flatnonzero(sk_all <= hi)
        elif hi == edges[-1]:
            pos = np.flatnonzero(sk_all > lo)
        else:
            pos = np.flatnonzero((sk_all > lo) & (sk_all <= hi))
        lo = hi
        p_hi = min(1.0, r * hi**e)
        trial = model.sample(pos, p_hi)
        sk = sk_all[trial]
        u = model.rng.random(len(trial))
        p_i = np.minimum(1.0, r * np.power(sk, e))
        kept.append(trial[u * p_hi < p_i])
    return cand[np.sort(np.concatenate(kept))]


PURSUIT_CAP = 4.0  # the pursuit multiplier stays within 1/4 and 4 (foreign_target_pursuit)
PURSUIT_WINDOW = 4  # quarters over which the acceptance of foreign offers is measured


def acceptance(history: list[np.ndarray], quarters: int = PURSUIT_WINDOW) -> np.ndarray:
    """Share of the foreign offers to people in Korea that were accepted, by tier, over the last
    `quarters` quarters of `history` (rows: offers made, offers accepted; nan where none made)."""
    if not history:
        return np.full(N_TIERS, np.nan)
    made, taken = np.sum(history[-quarters:], axis=0)
    return np.where(made > 0, taken / np.maximum(made, 1), np.nan)


def pursuit_multiplier(pursuit: float, ref: np.ndarray, now: np.ndarray) -> np.ndarray:
    """Foreign bidders' offers to tier k as a multiple of their base rate:
    m_k = (ref_k / now_k)^pursuit within [1/PURSUIT_CAP, PURSUIT_CAP]; 1 where either share is
    unknown (nan) or both are 0, and everywhere at pursuit 0."""
    m = np.ones(N_TIERS)
    if pursuit <= 0:
        return m
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = ref / now  # inf where no offer is accepted now (the cap); nan where unknown or 0 / 0
    known = np.isfinite(ref) & np.isfinite(now) & ~np.isnan(ratio)
    m[known] = np.clip(ratio[known] ** pursuit, 1.0 / PURSUIT_CAP, PURSUIT_CAP)
    return m


def update_pursuit(model) -> None:
    """The bidders' head-count targets (`foreign_target_pursuit`, ODD 7.3): from the first quarter
    after `foreign_hiring_start` their offers to tier k are m_k times the base rate, m_k from the
    acceptance of their offers in the year before the start (fixed then) against the last year's
    (`pursuit_multiplier`). 1 before the start and at pursuit 0."""
    p = model.p
    if p.foreign_target_pursuit <= 0 or not model.policy_active(p.foreign_hiring_start):
        model.pursuit = np.ones(N_TIERS)
        return
    if model.foreign_accept_ref is None:
        model.foreign_accept_ref = acceptance(model.foreign_offer_history)
    now = acceptance(model.foreign_offer_history)
    model.pursuit = pursuit_multiplier(p.foreign_target_pursuit, model.foreign_accept_ref, now)


def _record_foreign_offers(model, offered: np.ndarray, taken: np.ndarray) -> None:
    """Foreign offers made to people in Korea this quarter and those accepted, by tier (ids)."""
    tier = model.pop.tier
    model.foreign_offer_history.append(
        np.array(
            [
                np.bincount(np.take(tier, offered), minlength=N_TIERS),
                np.bincount(np.take(tier, taken), minlength=N_TIERS),
            ]
        )
    )


def foreign_bids(model, cand: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The foreign offers of the quarter to `cand`: who gets one, the bidder's location and firm.

    An offer from foreign firm j reaches candidate i with probability r s_i^e d_l / n_l k_l g_j m_k
    (d_l the destination share of j's location l, n_l its number of firms, k_l the share kept by
    the documented cuts at l, `market.offer_keep`; g_j the documented growth of j's kind,
    `market.offer_growth`; m_k the bidders' pursuit of their head-count in i's tier k,
    `model.pursuit`): offers are drawn at the largest G M (G the largest growth, M the largest
    m_k), thinned by location, the firm drawn uniformly in its location, then kept with
    probability g_j m_k / (G M) (exact while r G M s_i^e <= 1). Without growth or pursuit
    (G M = 1) no draw is spent on the last step."""
    p, rng, f = model.p, model.rng, model.firms
    grow = market.offer_growth(p, model.time)  # documented growth of some bidders: frontier labs
    mult = model.pursuit  # head-count pursuit by tier (1 unless foreign_target_pursuit > 0)
    top, mtop = float(grow.max()), float(mult.max())
    fo_idx = _foreign_offers(model, cand, top * mtop)
    fo_dest = model.draw_destination(len(fo_idx))
    keep = market.offer_keep(p, model.time)  # documented shocks: entry suspension, pandemic
    if keep.min() < 1.0 and len(fo_idx):
        go = rng.random(len(fo_idx)) < keep[fo_dest]
        fo_idx, fo_dest = fo_idx[go], fo_dest[go]
    fo_firm = model.draw_foreign_firm(fo_dest)
    if (top > 1.0 or mult.min() < mtop) and len(fo_idx):
        weight = grow[f.kind[fo_firm]] * mult[np.take(model.pop.tier, fo_idx)]
        go = rng.random(len(fo_idx)) * (top * mtop) < weight
        fo_idx, fo_dest, fo_firm = fo_idx[go], fo_dest[go], fo_firm[go]
    return fo_idx, fo_dest, fo_firm


def logit_choice(rng, util: np.ndarray) -> np.ndarray:
    """Index of the option each row picks with logit probabilities exp(U_j) / sum_k exp(U_k)
    (-inf: not available). Same law as argmax(U + Gumbel noise), with one uniform per row."""
    # column by column: numpy's axis=1 reductions over 3 columns are ~5x slower here
    cols = [util[:, j] for j in range(util.shape[1])]
    top = cols[0]
    for c in cols[1:]:
        top = np.maximum(top, c)
    cum = np.exp(cols[0] - top)
    bounds = [cum]
    for c in cols[1:]:
        cum = cum + np.exp(c - top)
        bounds.append(cum)
    u = rng.random(len(util)) * cum
    pick = np.zeros(len(util), np.int64)
    for b in bounds[:-1]:
        pick += u >= b
    return pick


def run(model) -> None:
    """One quarter of search, offers, choice and hiring (module docstring)."""
    pop, p, rng, f = model.pop, model.p, model.rng, model.firms
    vac = f.vacancies()  # head-counts as recounted by the model just before
    st = pop.state

    # 1-2. searchers and Korean offers
    searching, channel, cand = searchers(model)
    s_tier = pop.tier[searching].astype(np.int64)
    pc = contact_probability(p, vac.sum(axis=0), np.bincount(s_tier, minlength=N_TIERS))
    contacted = np.flatnonzero(rng.random(len(searching)) < pc[s_tier])
    firm = np.full(len(searching), NONE, np.int64)
    firm[contacted] = _draw_firms(model, vac, channel[contacted], s_tier[contacted], rng.random(len(contacted)))
    poach = channel == CH_POACH  # only staff could be offered a job by their own employer
    firm[poach] = np.where(firm[poach] == pop.employer[searching[poach]], NONE, firm[poach])
    firm[pop.mismatch[searching] & (rng.random(len(searching)) < p.mismatch_reject)] = NONE
    has_kr = firm >= 0
    kr_idx, kr_firm = searching[has_kr], firm[has_kr]

    # 3. foreign offers to people working or seeking in Korea
    update_pursuit(model)
    fo_idx, fo_dest, fo_firm = foreign_bids(model, cand)

    # 4. choice among stay / Korean offer / foreign offer
    mark = np.zeros(pop.n, bool)
    mark[kr_idx] = True
    mark[fo_idx] = True
    choosers = np.flatnonzero(mark)
    if len(choosers) == 0:
        _record_foreign_offers(model, fo_idx, fo_idx[:0])
        _seekers_settle(model)
        return
    m = len(choosers)
    kor = pop.korean[choosers]
    tier = pop.tier[choosers]
    skill = pop.skill[choosers]
    cur_loc = pop.loc[choosers]
    cur_state = st[choosers]
    reservation = p.other_pay_ratio * pay.market_pay(model, tier, skill)
    cur_pay = np.where(cur_state == SEEKING, reservation, np.maximum(pop.salary[choosers], 1e-6))
    at_firm = cur_state == AI_FIRM
    cur_pay = (
        cur_pay
        + policy.settlement_bonus(model, cur_loc, at_firm)
        + policy.foreign_tax_bonus(model, cur_pay, kor, at_firm & (cur_loc <= KR_REGION))
    )
    util = np.full((m, 3), -np.inf)
    beta = pay_weight(p, kor)
    util[:, STAY] = beta * np.log(cur_pay) + amenity(model, cur_loc, kor)
    util[:, STAY] += p.faculty_tie * (pop.post[choosers] >= 0)  # an academic post (faculty submodel)
    abroad_now = cur_loc > KR_REGION

    where = np.empty(pop.n, np.int64)  # position of each chooser in `choosers`
    where[choosers] = np.arange(m)
    pos_kr = where[kr_idx]
    k_firm = np.full(m, NONE, np.int64)
    k_firm[pos_kr] = kr_firm
    ok = k_firm >= 0
    k_loc = f.loc[np.maximum(k_firm, 0)]
    k_own = pay.market_pay(model, tier, skill) * f.pay_mult[np.maximum(k_firm, 0)]
    k_sub = policy.subsidy(model, k_own, tier)
    k_pay = k_own + p.sm_passthrough * k_sub
    util[ok, KR_OFFER] = (
        beta[ok]
        * np.log(
            k_pay[ok]
            + policy.settlement_bonus(model, k_loc[ok], True)
            + policy.foreign_tax_bonus(model, k_pay[ok], kor[ok], k_loc[ok] <= KR_REGION)
        )
        + amenity(model, k_loc[ok], kor[ok])
        - p.move_cost * abroad_now[ok]
    )

    pos_fo = where[fo_idx]
    f_dest = np.zeros(m, np.int8)
    f_dest[pos_fo] = fo_dest
    f_firm = np.full(m, NONE, np.int64)
    f_firm[pos_fo] = fo_firm
    okf = f_firm >= 0
    f_pay = np.zeros(m)
    f_pay[okf] = pay.foreign_firm_offer(model, tier[okf], skill[okf], f_dest[okf], f_firm[okf])
    util[okf, FOREIGN_OFFER] = (
        beta[okf] * np.log(f_pay[okf]) + amenity(model, f_dest[okf], kor[okf]) - p.move_cost * (~abroad_now[okf])
    )

    countered, counter_pay = _counter_offers(model, choosers, cur_state, tier, skill, cur_pay, ok, k_pay, okf, f_pay)
    if len(countered):
        util[countered, STAY] = beta[countered] * np.log(counter_pay) + amenity(
            model, cur_loc[countered], kor[countered]
        )

    choice = logit_choice(rng, util)
    if len(countered):  # those who stay on a counter-offer get its pay
        kept = choice[countered] == STAY
        idx = choosers[countered[kept]]
        pop.salary[idx] += counter_pay[kept] - cur_pay[countered[kept]]
        model.flows["counter_offers"] += int(kept.sum())

    # 5. hiring with capacity; then moves
    want = np.flatnonzero(choice == KR_OFFER)
    hired = want[_ration(model, k_firm[want], tier[want], vac)]
    _hire_korean(model, choosers[hired], k_firm[hired], k_own[hired], k_sub[hired])
    gone = np.flatnonzero(choice == FOREIGN_OFFER)
    _record_foreign_offers(model, fo_idx, choosers[gone])
    _go_abroad(model, choosers[gone], f_firm[gone], f_dest[gone], f_pay[gone])
    _seekers_settle(model)


def _counter_offers(model, choosers, cur_state, tier, skill, cur_pay, ok, k_pay, okf, f_pay):
    """Counter-offers (Postel-Vinay & Robin 2002): an AI-firm employer whose employee in a
    counter tier (counter_tiers) holds an outside offer bids to keep them, matching the best
    outside pay up to what the person is worth to the firm, taken as the most its budget
    allows: cap_f,t * market pay (`pay.current_cap`). Returns the positions (in `choosers`)
    of those countered and their new stay pay (gross, incl. any settlement package and their
    worker-side subsidy, which the counter leaves as it is). Only offers above the current
    pay are countered; the employer's counter is never below the current pay."""
    p, pop = model.p, model.pop
    if p.counter_tiers == "none":
        return np.zeros(0, np.int64), np.zeros(0)
    outside = np.where(ok, k_pay, 0.0)
    outside = np.maximum(outside, np.where(okf, f_pay, 0.0))
    emp = pop.employer[choosers]
    pos = np.flatnonzero(
        (cur_state == AI_FIRM) & (tier <= LAST_TIER[p.counter_tiers]) & (outside > cur_pay) & (emp >= 0)
    )
    if len(pos) == 0:
        return pos, np.zeros(0)
    e = emp[pos]
    ceiling = pay.current_cap(model)[e] * pay.market_pay(model, tier[pos], skill[pos])
    extra = cur_pay[pos] - pop.salary[choosers[pos]]  # settlement package etc. in the stay pay
    counter = np.maximum(
        cur_pay[pos], np.minimum(outside[pos], ceiling + extra + p.sm_passthrough * pop.subsidy[choosers[pos]])
    )
    better = counter > cur_pay[pos]
    return pos[better], counter[better]


def _ration(model, firm: np.ndarray, tier: np.ndarray, vac: np.ndarray) -> np.ndarray:
    """Mask of acceptances a firm can take: at most round(vacancy) per firm and tier, random order."""
    if len(firm) == 0:
        return np.zeros(0, bool)
    key = (firm * N_TIERS + tier).astype(np.int64)
    u = model.rng.random(len(key))
    cap_by_key = np.floor(vac.reshape(-1) + 0.5)
    over = np.bincount(key, minlength=len(cap_by_key)) > cap_by_key
    ok = np.ones(len(key), bool)
    sub = np.flatnonzero(over[key])  # only over-subscribed firm-tiers need a random order
    if len(sub) == 0:
        return ok
    k = key[sub]
    # by key, random order within a key: key + u/2 < key + 1 keeps keys apart (faster than lexsort)
    order = np.argsort(k + 0.5 * u[sub], kind="stable")
    sk = k[order]
    starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(sk)]))
    rank = np.arange(len(sk)) - group_start
    ok[sub[order]] = rank < cap_by_key[sk]
    return ok


def _hire_korean(model, idx, firm, own, sub) -> None:
    pop, f, fl = model.pop, model.firms, model.flows
    if len(idx) == 0:
        return
    prev_state = pop.state[idx]
    abroad = pop.loc[idx] > KR_REGION
    kor = pop.korean[idx]
    fl["returns"] += int((abroad & kor).sum())
    fl["immigration"] += int((abroad & ~kor).sum())
    fl["poached"] += int((prev_state == AI_FIRM).sum())
    fl["hired_from_other"] += int((prev_state == KR_OTHER).sum())
    fl["hires"] += len(idx)
    pop.move(idx, AI_FIRM)
    pop.employer[idx] = firm
    pop.loc[idx] = f.loc[firm]
    pop.salary[idx] = own + model.p.sm_passthrough * sub
    pop.subsidy[idx] = sub
    pop.hired_q[idx] = model.t
    retention.record_hires(model, firm, pop.tier[idx].astype(np.int64), own)


def _go_abroad(model, idx, firm, dest, offer) -> None:
    pop = model.pop
    if len(idx) == 0:
        return
    model.flows["emigration"] += len(idx)
    prev = pop.state[idx]
    model.flows["emigration_employed"] += int(np.count_nonzero((prev == AI_FIRM) | (prev == KR_OTHER)))
    pop.move(idx, ABROAD)
    pop.employer[idx] = firm
    pop.loc[idx] = dest
    pop.salary[idx] = offer
    pop.subsidy[idx] = 0.0
    pop.hired_q[idx] = model.t


def _seekers_settle(model) -> None:
    """Unplaced job-seekers take a job outside AI firms with probability seeker_to_other."""
    pop = model.pop
    seek = model.groups[SEEKING]  # census before matching; matching only moves people out of seeking
    seek = seek[pop.state[seek] == SEEKING]
    go = seek[model.rng.random(len(seek)) < model.p.seeker_to_other]
    if len(go) == 0:
        return
    pop.move(go, KR_OTHER)
    start_other_work(model, go)


def start_other_work(model, ids: np.ndarray) -> None:
    """People `ids` (in `kr_other`) start a job outside AI firms now: no firm, paid
    other_pay_ratio x market pay, no subsidy."""
    pop = model.pop
    pop.employer[ids] = NONE
    pop.salary[ids] = model.p.other_pay_ratio * pay.market_pay(model, pop.tier[ids], pop.skill[ids])
    pop.subsidy[ids] = 0.0
    pop.hired_q[ids] = model.t
