"""The output contract: names the scenarios, the app and memos read; one row per quarter.

Stocks are end-of-quarter counts. Flows are trailing 12-month sums (the current
quarter and the three before it; `flow_quarters` says how many quarters a row's
window holds, fewer than 4 only in the first year).

Conversions (documented assumptions):
- migration_index = net_migration / (AI workers in Korea / 0.0079) * 10,000
  = 79 * net_migration / AI workers in Korea, per 10,000 LinkedIn members, as
  LinkedIn measures it: a migration is a member whose *job* location moves to
  another country, so the flows are job moves of workers (emigration: people
  working or looking for work in Korea who take a job abroad; returns and
  immigration: people working abroad hired in Korea) and the stock is the
  workers (`ai_workers_kr`: AI-firm staff in Korea, other AI work, job-seekers).
  Students are outside it: leaving to study abroad is `study_abroad`, a graduate
  abroad coming back to look for work is `graduate_returns`. AI talent is 0.79 %
  of LinkedIn members (AI Index 2024); LinkedIn's coverage of Korean AI workers
  (the Bank of Korea's LinkedIn-based ~57,000 in 2024, a lower bound) cancels out
  when it is the same for stocks and flows (assumed). `ai_talent_kr` adds the AI
  graduate students in Korea.
- salary_gap_median / salary_gap_top: a US big-tech offer over the actual pay
  (incl. any subsidy) of Korean AI-firm staff in Korea, at median skill (those
  between the 45th and 55th skill percentiles, median ratio) and at the top 1 %
  by skill (median ratio).
"""

from __future__ import annotations

from functools import partial

import numpy as np

from .codes import (
    ABROAD,
    AI_FIRM,
    CONGLOMERATE,
    CORE,
    EXITED,
    KIND_NAMES,
    KR_KINDS,
    KR_OTHER,
    KR_REGION,
    MASTER,
    N_TIERS,
    PHD,
    SEEKING,
    STATE_NAMES,
    STUDENT_ABROAD,
    STUDENT_KR,
    TIER_NAMES,
    US,
)
from .policies import INSTRUMENTS
from .submodels import demand, pay

LINKEDIN_AI_SHARE = 0.0079  # AI Index 2024: Korea's AI talent concentration
STAY_YEARS = (1, 2, 3, 4, 5)  # years after the degree of the cohorts' stay rates (Finn's profile)

# how the core talent in Korea (`core_talent_kr`) changes, each quarter, by channel (`core_moves`):
# who became core talent in Korea, by where they were a quarter earlier, and who stopped being it,
# by where they are now. In minus out equals the change of the stock, exactly (a tested identity).
CORE_IN = (
    "core_in_returns",  # Korean-born workers from abroad (hired from abroad, or come home to look)
    "core_in_immigration",  # foreign-born workers from abroad
    "core_in_graduate_returns",  # graduates abroad coming back to look for work
    "core_in_graduates_kr",  # graduates of Korean programmes
    "core_in_cohort",  # new bachelor's graduates looking for work
    "core_in_upgrades",  # people in Korea whose skill reached the core threshold
)
CORE_OUT = (
    "core_out_emigration",  # took a job abroad
    "core_out_exits",  # retired or left the field
    "core_out_other",  # anything else (none in the present rules; kept so the identity is exact)
)
CORE_MOVES = CORE_IN + CORE_OUT

FLOW_KEYS = (
    "emigration",
    "immigration",
    "returns",
    "hires",
    "poached",
    "study_abroad",
    "graduate_returns",
    "med_diverted",
    "cohort",
    "graduates",
    "graduates_kr",
    "phd_graduates_kr",
    "exits",
    "firm_entries",
    "entry_transfers",
    "lab_acquired",
    "trained",
    "layoffs",
    "firm_exits",
    "counter_offers",
    "hired_from_other",
    "emigration_employed",
    "faculty_hires",
    "faculty_departures",
    "grad_intake",
    *CORE_MOVES,
)

HEADLINE = (
    "shortage",
    "shortage_rate",
    "workforce_kr",
    "core_talent_kr",
    "kr_abroad",
    "emigration",
    "immigration",
    "returns",
    "net_migration",
    "migration_index",
    "median_salary_kr",
    "salary_gap_median",
    "salary_gap_top",
    "fiscal_cost_krw",
)


OUTPUT_NAMES = (
    HEADLINE
    + tuple(f"workforce_{t}" for t in TIER_NAMES)
    + tuple(f"shortage_{t}" for t in TIER_NAMES)
    + tuple(f"workforce_{KIND_NAMES[k]}" for k in KR_KINDS)
    + tuple(f"shortage_{KIND_NAMES[k]}" for k in KR_KINDS)
    + tuple(f"fiscal_{i}_krw" for i in INSTRUMENTS)
    + tuple(f"n_{s}" for s in STATE_NAMES)
    + tuple(k for k in FLOW_KEYS if k not in HEADLINE)
    + (
        "n_firms_kr",
        "ai_talent_kr",
        "ai_workers_kr",
        "kr_workers_abroad",
        *(f"kr_workers_abroad_{t}" for t in TIER_NAMES),
        "job_changers_abroad_share",
        "job_change_rate",
        "faculty",
        "grad_seats",
        *(f"stay_rate_{k}y" for k in STAY_YEARS),
        "share_master_workforce",
        "share_phd_workforce",
        "foreign_share_workforce",
        *(f"foreign_share_{t}" for t in TIER_NAMES),
        "foreign_staff_kr",
        "workforce_outside_capital",
        "mean_salary_conglomerate",
        "mean_pay_mult",
        "share_firms_at_cap",
        "demand_index",
        "market_pay_index",
        "scarcity_pay",
        "sm_recipients",
        "sm_paid_share",
        "tax_recouped_krw",
        "net_fiscal_cost_krw",
        "sm_firm_capture_krw",
        "flow_quarters",
        "population",
    )
)

# Units of each headline output (for tables, the app and memos)
UNITS = {
    "shortage": "persons",
    "shortage_rate": "share",
    "workforce_kr": "persons",
    "core_talent_kr": "persons",
    "kr_abroad": "persons",
    "emigration": "persons/yr",
    "immigration": "persons/yr",
    "returns": "persons/yr",
    "net_migration": "persons/yr",
    "migration_index": "per 10,000 LinkedIn members/yr",
    "median_salary_kr": "KRW/yr",
    "salary_gap_median": "x",
    "salary_gap_top": "x",
    "fiscal_cost_krw": "KRW/yr",
}


def _order_stats(x: np.ndarray, qs: tuple[float, ...], guess: list[float] | None = None) -> list[float]:
    """Exact quantiles with linear interpolation (numpy's default method), by selection.

    Floyd-Rivest style: brackets [lo, hi) of values around each wanted rank; the values
    inside a bracket are partitioned and the ranks read off after counting the values
    below `lo`. Brackets come first from `guess` (the same quantiles a quarter earlier,
    +-3 %: they move little between quarters, so the windows are small), then for ranks
    still missing from a systematic sample of ~1024 values (every k-th, no randomness;
    3 standard errors of the sample quantile on each side), and a full partition is the
    last resort. Overlapping brackets are merged. Same answer as np.quantile whatever
    the guess, several times faster than np.partition on this machine for ~100k values.
    """
    n = len(x)
    pos = [q * (n - 1) for q in qs]
    ranks = sorted({r for v in pos for r in (int(np.floor(v)), min(int(np.floor(v)) + 1, n - 1))})
    found: dict[int, float] = {}
    if n >= 4096:
        if guess is not None and len(guess) == len(qs) and np.all(np.isfinite(guess)):
            _select(x, ranks, [(g - 0.03 * abs(g), g + 0.03 * abs(g)) for g in sorted(guess)], found)
        if len(found) < len(ranks):
            _select(x, ranks, _sample_brackets(x, qs), found)
    missing = [r for r in ranks if r not in found]
    if missing:  # small input, or the brackets missed: exact fallback
        part = np.partition(x, missing)
        found.update((r, part[r]) for r in missing)
    out = []
    for v in pos:
        r = int(np.floor(v))
        a, b = found[r], found[min(r + 1, n - 1)]
        out.append(float(a + (b - a) * (v - r)))
    return out


def _sample_brackets(x: np.ndarray, qs: tuple[float, ...]) -> list[tuple[float, float]]:
    """Value brackets around each quantile from a sorted systematic sample of ~1024 values."""
    sample = np.sort(x[:: len(x) // 1024])
    m = len(sample)
    out = []
    for q in sorted(qs):
        c = q * (m - 1)
        h = 3.0 * np.sqrt(q * (1.0 - q) * m) + 2.0
        lo_i, hi_i = int(np.floor(c - h)), int(np.ceil(c + h))
        out.append((sample[lo_i] if lo_i >= 0 else -np.inf, sample[hi_i] if hi_i < m else np.inf))
    return out


def _select(x: np.ndarray, ranks: list[int], brackets: list[tuple[float, float]], found: dict) -> None:
    """Add to `found` the values of the wanted ranks of x that fall inside the brackets
    (sorted by lower end; overlapping ones are merged first)."""
    merged: list[list[float]] = []
    for lo, hi in brackets:
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    for lo, hi in merged:
        if all(r in found for r in ranks):
            return
        below_mask = x < lo
        below = int(np.count_nonzero(below_mask))
        window = np.compress((x < hi) & ~below_mask, x)
        want = [r for r in ranks if r not in found and below <= r < below + len(window)]
        if want:
            part = np.partition(window, [r - below for r in want])
            found.update((r, part[r - below]) for r in want)


def _gap(model, idx: np.ndarray, skill: np.ndarray, salary: np.ndarray) -> float:
    """Median of a US big-tech offer over the actual pay of people `idx` (their skill and salary given)."""
    if len(idx) == 0:
        return float("nan")
    offer = pay.foreign_offer(model, model.pop.tier[idx], skill, US)
    return float(np.median(offer / np.maximum(salary, 1e-9)))


def compute(model) -> dict[str, float]:
    """All outputs for the current quarter (flows from `model.flow_history`)."""
    pop, f = model.pop, model.firms
    tier = pop.tier
    out: dict[str, float] = {}

    short, staff, rate = demand.shortage(model)
    out["shortage"], out["workforce_kr"], out["shortage_rate"] = short, staff, rate
    vac = np.maximum(f.target - f.headcount, 0) * f.is_kr[:, None]
    for k, name in enumerate(TIER_NAMES):
        out[f"workforce_{name}"] = float(f.headcount[f.is_kr, k].sum())
        out[f"shortage_{name}"] = float(vac[:, k].sum())
    for kind in KR_KINDS:
        sel = f.kind == kind
        out[f"workforce_{KIND_NAMES[kind]}"] = float(f.headcount[sel].sum())
        out[f"shortage_{KIND_NAMES[kind]}"] = float(vac[sel].sum())

    g = model.groups  # census taken at the end of the step
    staff, staff_kr, key_kr = model.staff, model.staff_kr, model.staff_kr_key
    all_in_kr = len(staff_kr) == len(staff)  # else some staff work in a Korean firm's lab abroad
    n_state = pop.n_by_state.tolist()
    # core talent in Korea: staff in Korea, other AI work and job-seekers (both in Korea)
    core_staff = f.headcount[:, CORE].sum() if all_in_kr else np.count_nonzero(tier[staff_kr] == CORE)
    out["core_talent_kr"] = float(
        core_staff + np.count_nonzero(tier[g[KR_OTHER]] == CORE) + np.count_nonzero(tier[g[SEEKING]] == CORE)
    )
    kr_workers_abroad = float(
        np.count_nonzero((pop.state == ABROAD) & pop.korean)
        + (0 if all_in_kr else np.count_nonzero(pop.korean[staff]) - np.count_nonzero(pop.korean[staff_kr]))
    )
    out["kr_workers_abroad"] = kr_workers_abroad  # as the Bank of Korea counts them (LinkedIn: workers)
    abroad = g[ABROAD]  # the census group: gathers ~45k people, not masks over everyone
    abroad_by_tier = np.bincount(tier[abroad[pop.korean[abroad]]], minlength=N_TIERS)
    if not all_in_kr:  # staff of a Korean firm's lab abroad
        lab = staff[pop.loc[staff] > KR_REGION]
        abroad_by_tier += np.bincount(tier[lab[pop.korean[lab]]], minlength=N_TIERS)
    for k, name in enumerate(TIER_NAMES):
        out[f"kr_workers_abroad_{name}"] = float(abroad_by_tier[k])
    out["kr_abroad"] = kr_workers_abroad + n_state[STUDENT_ABROAD]
    # graduate students study in Korea
    workers_kr = float(len(staff_kr) + len(g[KR_OTHER]) + len(g[SEEKING]))
    out["ai_workers_kr"] = workers_kr
    out["ai_talent_kr"] = workers_kr + n_state[STUDENT_KR]

    hist = model.flow_history[-4:]
    for key_ in FLOW_KEYS:
        out[key_] = float(sum(h[key_] for h in hist))
    out["flow_quarters"] = float(len(hist))
    out["net_migration"] = out["immigration"] + out["returns"] - out["emigration"]
    out["migration_index"] = (out["net_migration"] / (workers_kr / LINKEDIN_AI_SHARE) * 1e4) if workers_kr else 0.0
    # Statistics Korea's job-to-job rate for AI-firm staff: of the staff at the quarter, those who
    # came from another employer in Korea in the last 12 months (poached from another AI firm or
    # hired from other AI work)
    moved_in = out["poached"] + out["hired_from_other"]
    rate = moved_in / len(staff_kr) if len(staff_kr) else 0.0
    out["job_change_rate"] = rate
    # the Bank of Korea's measure: of the AI workers in Korea who changed jobs in the year, the share
    # whose new job is abroad. Job changers: the moves above, the employed who took a job abroad, and
    # the moves between employers outside AI firms, which the model does not represent: people in
    # other AI work are taken to change employer at the staff's rate, those hired by an AI firm
    # already counted (docs/model.md, section 7)
    other_moves = max(0.0, rate * n_state[KR_OTHER] - out["hired_from_other"])
    changers = moved_in + out["emigration_employed"] + other_moves
    out["job_changers_abroad_share"] = out["emigration_employed"] / changers if changers else float("nan")

    n_staff = max(len(staff), 1)
    is_staff = pop.state == AI_FIRM  # contiguous masks over everyone: cheaper than gathering the staff's
    deg = pop.degree
    out["share_master_workforce"] = float(np.count_nonzero(is_staff & (deg == MASTER))) / n_staff
    out["share_phd_workforce"] = float(np.count_nonzero(is_staff & (deg == PHD))) / n_staff
    out["foreign_share_workforce"] = float(np.count_nonzero(is_staff & ~pop.korean)) / n_staff
    tier_kr = tier[staff_kr]  # the foreign-born share of each tier of the staff in Korea
    staff_by_tier = np.bincount(tier_kr, minlength=N_TIERS)
    foreign_by_tier = np.bincount(tier_kr[~pop.korean[staff_kr]], minlength=N_TIERS)
    for k, name in enumerate(TIER_NAMES):
        out[f"foreign_share_{name}"] = float(foreign_by_tier[k]) / max(int(staff_by_tier[k]), 1)
    # foreign-born AI-firm staff working in Korea (those the foreign tax relief pays)
    out["foreign_staff_kr"] = float(foreign_by_tier.sum())
    # AI-firm staff working in Korea outside the capital region (those the settlement package pays)
    out["workforce_outside_capital"] = float(np.count_nonzero(np.take(pop.loc, staff_kr) == KR_REGION))
    if len(staff_kr):
        sal = np.take(pop.salary, staff_kr)
        # mean pay at conglomerates: pay summed by firm and tier, then over conglomerates
        by_key = np.bincount(key_kr, weights=sal, minlength=f.n * N_TIERS).reshape(f.n, N_TIERS)
        n_by_key = f.headcount if all_in_kr else np.bincount(key_kr, minlength=f.n * N_TIERS).reshape(f.n, N_TIERS)
        congl = f.kind == CONGLOMERATE
        n_congl = int(n_by_key[congl].sum())
        out["mean_salary_conglomerate"] = float(by_key[congl].sum()) / n_congl * 1e6 if n_congl else float("nan")
        guess = model.quantile_guess
        med = _order_stats(sal, (0.5,), guess.get("salary"))
        out["median_salary_kr"] = med[0] * 1e6
        sk = np.take(pop.skill, staff_kr)
        q45, q55, q99 = _order_stats(sk, (0.45, 0.55, 0.99), guess.get("skill"))
        model.quantile_guess = {"salary": med, "skill": [q45, q55, q99]}  # next quarter's brackets
        band = np.flatnonzero((sk >= q45) & (sk <= q55))
        top = np.flatnonzero(sk >= q99)
        out["salary_gap_median"] = _gap(model, staff_kr[band], sk[band], sal[band])
        out["salary_gap_top"] = _gap(model, staff_kr[top], sk[top], sal[top])
    else:
        out["mean_salary_conglomerate"] = float("nan")
        out["median_salary_kr"] = out["salary_gap_median"] = out["salary_gap_top"] = float("nan")

    spend = model.spend_history[-4:]
    for ins in INSTRUMENTS:
        out[f"fiscal_{ins}_krw"] = float(sum(s[ins] for s in spend)) * 1e6
    out["fiscal_cost_krw"] = float(sum(out[f"fiscal_{i}_krw"] for i in INSTRUMENTS))
    out["tax_recouped_krw"] = float(sum(s.get("tax_recouped", 0.0) for s in spend)) * 1e6
    out["net_fiscal_cost_krw"] = out["fiscal_cost_krw"] - out["tax_recouped_krw"]
    out["sm_firm_capture_krw"] = float(sum(s.get("firm_capture", 0.0) for s in spend)) * 1e6
    # people paid by salary matching at the end of the quarter (incl. this quarter's new hires)
    out["sm_recipients"] = float(np.count_nonzero(pop.subsidy > 0)) if model.p.sm_share > 0 else 0.0
    out["sm_paid_share"] = float(model.government.sm_scale)  # < 1: the budget binds (pro rata)

    for i, s in enumerate(STATE_NAMES):
        out[f"n_{s}"] = float(n_state[i])
    kr = f.is_kr_alive
    out["n_firms_kr"] = float(kr.sum())
    out["mean_pay_mult"] = float(f.pay_mult[kr].mean()) if kr.any() else float("nan")
    out["share_firms_at_cap"] = model.share_at_cap
    out["demand_index"] = model.demand_index
    out["market_pay_index"] = model.wage_index_kr
    out["scarcity_pay"] = model.wage_index_kr / model.wage_trend_kr
    out["faculty"] = float(model.faculty_count.sum())  # AI faculty in post at Korean universities
    out["grad_seats"] = float(model.grad_seats().sum())  # graduate places at next March's intake
    out.update(stay_rates(model))
    out["population"] = float(pop.n)
    return out


def core_moves(model) -> None:
    """Count this quarter's entries into and exits from the core talent in Korea (CORE_MOVES) by
    comparing who is core talent in Korea now (core tier; AI-firm staff, other AI work or seeking;
    located in Korea) with who was a quarter earlier; remembers the people's states and locations
    for the next quarter. Call at the end of a quarter (and once at the start, where it only
    remembers)."""
    pop = model.pop
    ids = np.flatnonzero(pop.tier == CORE)  # sorted; ~10 % of everyone: filter these, not the census
    st = pop.state[ids]
    ids = ids[((st == AI_FIRM) | (st == KR_OTHER) | (st == SEEKING)) & (pop.loc[ids] <= KR_REGION)]
    prev = model._core_prev
    if prev is not None:
        prev_ids, state0, loc0 = prev
        n0 = len(state0)
        mark = np.zeros(pop.n, np.int8)  # 1: core in Korea a quarter ago, +2: now
        mark[prev_ids] = 1
        mark[ids] += 2
        fl = model.flows
        came = ids[mark[ids] == 2]
        new_rows = came >= n0
        fl["core_in_cohort"] += int(np.count_nonzero(new_rows))
        came = came[~new_rows]
        s0, l0 = state0[came], loc0[came]
        from_kr_study = s0 == STUDENT_KR
        from_abroad_study = s0 == STUDENT_ABROAD
        from_abroad = (l0 > KR_REGION) & ~from_abroad_study
        kor = pop.korean[came]
        fl["core_in_graduates_kr"] += int(np.count_nonzero(from_kr_study))
        fl["core_in_graduate_returns"] += int(np.count_nonzero(from_abroad_study))
        fl["core_in_returns"] += int(np.count_nonzero(from_abroad & kor))
        fl["core_in_immigration"] += int(np.count_nonzero(from_abroad & ~kor))
        fl["core_in_upgrades"] += int(np.count_nonzero(~from_kr_study & ~from_abroad_study & ~from_abroad))
        went = prev_ids[mark[prev_ids] == 1]
        out_exit = pop.state[went] == EXITED
        out_abroad = ~out_exit & (pop.loc[went] > KR_REGION)
        fl["core_out_exits"] += int(np.count_nonzero(out_exit))
        fl["core_out_emigration"] += int(np.count_nonzero(out_abroad))
        fl["core_out_other"] += int(np.count_nonzero(~out_exit & ~out_abroad))
    model._core_prev = (ids, pop.state.copy(), pop.loc.copy())


def stay_rates(model, among: np.ndarray | None = None) -> dict[str, float]:
    """stay_rate_<k>y: of the Korean-born who graduated abroad in the 4 quarters ending 4k
    quarters ago (a yearly cohort, k = 1..5), the share located abroad now, among those still
    in the population (not exited); NaN before the run has such a cohort. Finn's (ORISE)
    measure is the share still in the US by tax records k years after the degree. `among`: a
    mask over the population's rows restricting the cohorts (e.g. a tier; tools/diaspora.py)."""
    pop = model.pop
    ids = np.flatnonzero(pop.grad_q >= 0)
    if among is not None:
        ids = ids[among[ids]]
    since = model.t - pop.grad_q[ids].astype(np.int64)
    live = pop.state[ids] != EXITED
    away = pop.loc[ids] > KR_REGION
    out = {}
    for k in STAY_YEARS:
        c = live & (since >= 4 * k) & (since < 4 * k + 4)
        n = int(np.count_nonzero(c))
        out[f"stay_rate_{k}y"] = float(np.count_nonzero(c & away)) / n if n else float("nan")
    return out


def read_output(model, key: str) -> float:
    """DataCollector reporter: one named output of the current quarter."""
    return model.current_outputs[key]


def reporters() -> dict:
    """Model reporters for mesa.DataCollector (module-level partials: picklable)."""
    rep = {"year": "year", "quarter": "quarter"}
    rep.update({k: partial(read_output, key=k) for k in OUTPUT_NAMES})
    return rep


__all__ = ["FLOW_KEYS", "HEADLINE", "OUTPUT_NAMES", "UNITS", "compute", "reporters"]
