"""TalentMarket: the Mesa model that builds the world and schedules the submodels each quarter."""

from __future__ import annotations

import dataclasses
from typing import Any

import mesa
import numpy as np
import pandas as pd

from . import _alloc, initial_state, market, outputs
from .agents import Firm, Government, University
from .codes import (
    ABROAD,
    AI_FIRM,
    APPLIED,
    CN,
    CORE,
    EU,
    EXITED,
    FOREIGN_LOCS,
    KIND_NAMES,
    KR_OTHER,
    KR_REGION,
    N_LOCS,
    N_STATES,
    N_TIERS,
    NONE,
    OTHER,
    SEEKING,
    SENIOR,
    US,
)
from .firms import FirmTable
from .params import Params
from .policies import non_policy_differences
from .population import Population, Researcher
from .submodels import demand, exits, faculty, matching, pay, pipeline, policy, training

START_YEAR, START_QUARTER = 2020, 2  # the first survey's reference date, June 2020
START_TIME = 2020.5  # decimal time at the end of 2020Q2
CENSUS_STATES = (AI_FIRM, KR_OTHER, ABROAD, SEEKING)
_DEST_CODES = np.array(FOREIGN_LOCS, np.int8)  # foreign locations in dest_p order


def first_active_step(start: float) -> int:
    """The first step whose quarter ends after `start` (decimal year; 2026.0 = from 2026Q1)."""
    return int(np.floor((start - START_TIME) * 4 + 1e-9)) + 1


class TalentMarket(mesa.Model):
    """Korea's AI talent market, one agent per person; one step is one quarter.

    Every argument is a keyword with a default: any field of `sim.params.Params`
    (e.g. ``TalentMarket(sm_share=0.5, rng=7)``), or ``params=Params(...)`` with
    optional field overrides. ``rng`` seeds the model's only random generator.

    Schedule of a step (ODD 3): indices (AI sales index, Korean market pay index from
    last quarter's tightness) -> demand (targets from demand and cost, layoffs above
    target, firm exit and entry) -> policy events (lab acquisition) -> pipeline (Q1:
    cohort, faculty hiring round, foreign entrants, annual raises; every quarter: studies, graduation, graduates
    abroad going home) -> pay
    (posted-pay adjustment) -> salary matching -> search, matching and counter-offers ->
    training (experience, academies, tiers) -> exits -> faculty posts left -> fiscal books
    -> outputs.
    """

    def __init__(self, *, params: Params | None = None, rng: Any = None, **overrides: Any) -> None:
        _alloc.tune()
        super().__init__(rng=rng)
        base = params.to_dict() if params is not None else {}
        self.p = Params.from_dict({**base, **overrides})
        p = self.p
        self.seed = rng if isinstance(rng, (int, np.integer)) else None
        self.t = 0
        self._set_clock()
        self.n_steps = int(round((p.end_year + 1 - START_TIME) * 4))

        # derived constants used by the rules
        self.base_pay = np.zeros(N_TIERS)  # Korean market pay at median skill, 2020, by tier code
        self.base_pay[[CORE, SENIOR, APPLIED]] = (p.pay_core, p.pay_senior, p.pay_applied)
        self.gap_eta = pay.gap_exponent(p)
        self.dest_factor = pay.dest_factor(p)
        self.eco = np.zeros(N_LOCS)  # ecosystem value by location code (the capital region = 0)
        self.eco[[KR_REGION, US, CN, EU, OTHER]] = (p.eco_kr_region, p.eco_us, p.eco_cn, p.eco_eu, p.eco_other)
        self.dest_p = np.array([p.dest_us, p.dest_cn, p.dest_eu, max(0.0, 1 - p.dest_us - p.dest_cn - p.dest_eu)])
        self.dest_cdf = self.dest_p.cumsum() / self.dest_p.sum()
        self.search_by_state = np.zeros(N_STATES)
        # demand and pay indices (demand.index_at, pay.update_market_index)
        self.demand_index = demand.index_at(p, self.time)  # AI sales index D_t (tn KRW/yr)
        self.demand_growth_quarter = 0.0  # ln(D_t / D_{t-1})
        self.demand_growth_year = 0.0  # ln(D_t / D_{t-4})
        self.wage_index_kr = 1.0  # Korean AI market pay index W_t (2020Q2 = 1)
        self.wage_trend_kr = 1.0  # its trend (1 + wage_growth_kr)^(t/4)
        self.wage_index_history = [1.0]  # W at each step so far
        self.share_at_cap = 0.0  # share of Korean firms whose posted pay is at their budget cap
        self.search_by_state[[AI_FIRM, KR_OTHER, ABROAD, SEEKING]] = (
            p.search_otj,
            p.search_other,
            p.search_abroad_foreign,
            1.0,
        )
        self.foreign_index = 1.0
        self.foreign_hiring = 1.0
        self.kind_pay = np.ones(len(KIND_NAMES))  # foreign pay by bidder kind (market.kind_pay)
        # foreign bidders' head-count pursuit (matching.update_pursuit): offers made to people in
        # Korea and accepted, by tier, each quarter; the acceptance of the year before
        # foreign_hiring_start; the offer multiplier by tier
        self.foreign_offer_history: list[np.ndarray] = []
        self.foreign_accept_ref: np.ndarray | None = None
        self.pursuit = np.ones(N_TIERS)
        self._update_indices()

        cap = int(
            (
                p.init_workforce
                + p.init_kr_other
                + p.init_students_kr
                + p.init_kr_abroad
                + p.init_students_abroad
                + p.init_foreign_pool
            )
            * p.scale
            * 1.1
            + (p.bachelor_cohort + 0.1 * p.init_foreign_pool) * p.scale * (self.n_steps / 4 + 1) * 1.3
        )
        self.pop = Population(cap)
        self.firms = FirmTable()
        self.firm_agents: list[Firm] = []
        self.government = Government(self)
        self.flows = dict.fromkeys(outputs.FLOW_KEYS, 0)
        self.lab_bought = False  # some AI-firm staff work abroad (lab acquisition)
        self.quantile_guess: dict[str, list[float]] = {}  # last quarter's output quantiles (search brackets)
        self.flow_history: list[dict[str, int]] = []
        self.spend_history: list[dict[str, float]] = []
        # set by initial_state.build: universities (Mesa agents, index = position) and their tables
        self.universities: list[University] = []
        self.expansion_univ: University | None = None  # the graduate-seat expansion programme (policy)
        self.kr_univ_index = np.zeros(0, np.int64)  # indices of the Korean universities
        self.univ_mismatch = np.zeros(0)  # skills-mismatch share of each university's graduates
        self.univ_by_loc = np.full(N_LOCS, NONE)  # the university of each foreign location
        self.faculty_count = np.zeros(0)  # faculty in post at each university (faculty submodel)
        self.faculty_ids = np.zeros(0, np.int64)  # the people holding faculty posts (sorted ids)
        self.core_threshold = float("nan")  # skill that marks the core tier (fixed for the run)
        # set by census(): people by state and Korean firms' staff (valid until the next move)
        self.groups: list[np.ndarray | None] = []
        self.staff = np.zeros(0, np.int64)  # ids of AI-firm staff
        self.staff_key = np.zeros(0, np.int32)  # their employer * N_TIERS + tier
        self.staff_kr = self.staff  # those working in Korea
        self.staff_kr_key = self.staff_key
        self.current_outputs: dict[str, float] = {}
        self._core_prev = None  # the core talent in Korea a quarter earlier (outputs.core_moves)
        initial_state.build(self)
        self.pop.reset_counters()

        self.census()
        outputs.core_moves(self)  # remembers the core talent in Korea at the start
        self.current_outputs = outputs.compute(self)
        # The DataCollector records the state after each step (mesa.batch_run reads row
        # steps - 1 as the final state); the initial state is kept as its own row.
        self.initial_outputs = {"year": self.year, "quarter": self.quarter, **self.current_outputs}
        self.datacollector = mesa.DataCollector(model_reporters=outputs.reporters())

    # --- clock ---------------------------------------------------------------
    def _set_clock(self) -> None:
        qi = START_YEAR * 4 + (START_QUARTER - 1) + self.t
        self.year, self.quarter = qi // 4, qi % 4 + 1
        self.time = START_TIME + self.t / 4.0  # decimal year at the end of the current quarter

    def _update_indices(self) -> None:
        """Foreign pay trend (and its part by bidder kind), the AI sales index and its growth, and
        (after step 0) the Korean market pay index (which reads the previous quarter's shortage rate)."""
        p = self.p
        self.foreign_hiring = market.foreign_hiring(p, self.time)  # scenario path H_t (1 in the data)
        trend = (1.0 + p.wage_growth_foreign) ** (self.t / 4.0)
        self.foreign_index = trend * self.foreign_hiring**p.foreign_pay_response
        self.kind_pay = market.kind_pay(p, self.time)  # the frontier-lab boom's pay, by bidder kind
        d = demand.index_at(p, self.time)
        self.demand_growth_quarter = float(np.log(d / demand.index_at(p, self.time - 0.25)))
        self.demand_growth_year = float(np.log(d / demand.index_at(p, self.time - 1.0)))
        self.demand_index = d
        if self.t > 0:
            pay.update_market_index(self)

    def first_active_step(self, start: float) -> int:
        """The first step whose quarter ends after `start` (see `policy_active`)."""
        return first_active_step(start)

    def policy_active(self, start: float) -> bool:
        """True in quarters that end after `start` (decimal year; 2026.0 = from 2026Q1)."""
        return self.time > start + 1e-9

    # --- helpers used by the submodels ---------------------------------------
    def draw_destination(self, n: int) -> np.ndarray:
        """Foreign location codes drawn with the dest_us / dest_cn / dest_eu / rest shares.

        Inverse-CDF draw with one uniform each: the same draws as `rng.choice(4, size=n,
        p=dest_p)` (which does exactly this) without its per-call validation of p."""
        if not n:
            return np.zeros(0, np.int8)
        return _DEST_CODES[np.searchsorted(self.dest_cdf, self.rng.random(n), side="right")]

    def draw_foreign_firm(self, dest: np.ndarray) -> np.ndarray:
        """A foreign firm in each location of `dest`, uniformly among that location's firms."""
        f = self.firms
        out = np.full(len(dest), NONE, np.int64)
        if len(dest) == 0:
            return out
        counts = np.bincount(dest, minlength=N_LOCS)
        for loc in np.flatnonzero(counts):  # ascending, as np.unique(dest) gave
            cand = f.foreign_at(int(loc))
            sel = np.flatnonzero(dest == loc)
            out[sel] = cand[self.rng.integers(0, len(cand), len(sel))]
        return out

    def foreign_univ_index(self, dest: np.ndarray) -> np.ndarray:
        return self.univ_by_loc[dest]

    def grad_seats(self) -> np.ndarray:
        """Graduate places this year at each Korean university (aligned with kr_univ_index)."""
        return np.array([self.universities[i].intake() for i in self.kr_univ_index])

    def register_firms(self, ids: np.ndarray) -> None:
        """Create the Mesa agents for new firm rows."""
        for i in ids:
            self.firm_agents.append(Firm(self, int(i)))

    def census(self) -> None:
        """Index the people working or looking for work by state (`groups[s]`: sorted ids in
        state s, for s in AI_FIRM, KR_OTHER, ABROAD, SEEKING; None for the others) and recount
        firms' head-counts. Valid until the next move."""
        st = self.pop.state
        self.groups = [np.flatnonzero(st == s) if s in CENSUS_STATES else None for s in range(EXITED)]
        self.update_headcount()

    def update_headcount(self) -> None:
        """Recount Korean firms' staff by tier from the census (foreign firms' head-counts are
        not needed by any rule: `Firm.headcount` counts them on demand); caches `staff`,
        `staff_key` (employer * 3 + tier) and `staff_kr` / `staff_kr_key` (those working in
        Korea) for the rules that follow."""
        pop, f = self.pop, self.firms
        emp, tier = pop.employer, pop.tier
        self.staff = self.groups[AI_FIRM]
        # key over everyone (contiguous, int32) and then gathered: ~2x faster than gathering twice
        full = emp * np.int32(N_TIERS)
        full += tier
        self.staff_key = np.take(full, self.staff)
        f.headcount = np.bincount(self.staff_key, minlength=f.n * N_TIERS).reshape(f.n, N_TIERS)
        # staff working in Korea (all of them unless a Korean firm bought a lab abroad) and their keys
        if self.lab_bought:
            in_kr = pop.loc[self.staff] <= KR_REGION
            self.staff_kr, self.staff_kr_key = self.staff[in_kr], self.staff_key[in_kr]
        else:
            self.staff_kr, self.staff_kr_key = self.staff, self.staff_key

    def active(self) -> np.ndarray:
        """Ids of people working or looking for work (census groups; unchanged by matching)."""
        g = self.groups
        return np.concatenate([g[AI_FIRM], g[KR_OTHER], g[SEEKING], g[ABROAD]])

    def sample(self, idx: np.ndarray, prob: float) -> np.ndarray:
        """Each of `idx` independently with probability `prob` (a Bernoulli process), in order.

        The gaps between successes of Bernoulli(p) trials are Geometric(p), so the chosen
        positions are cumulative sums of geometric draws: the same law as one uniform draw
        per person, at a cost proportional to the number chosen.
        """
        n = len(idx)
        if n == 0 or prob <= 0:
            return idx[:0]
        if prob >= 1:
            return idx
        if prob < 1e-9:  # geometric gaps could overflow int64: draw the (tiny) count directly
            k = self.rng.binomial(n, prob)
            return idx[np.sort(self.rng.choice(n, size=k, replace=False))]
        mean = n * prob
        m = int(mean + 6.0 * np.sqrt(mean * (1.0 - prob)) + 16)
        pos = np.cumsum(self.rng.geometric(prob, m)) - 1
        while pos[-1] < n:  # rare: the first batch did not reach the end
            pos = np.concatenate([pos, pos[-1] + np.cumsum(self.rng.geometric(prob, m))])
        return idx[pos[: np.searchsorted(pos, n)]]

    def retire(self, idx: np.ndarray) -> None:
        """Move people to `exited` and clear their job and study attributes."""
        if len(idx) == 0:
            return
        pop = self.pop
        pop.move(idx, EXITED)
        pop.employer[idx] = NONE
        pop.salary[idx] = 0.0
        pop.subsidy[idx] = 0.0
        pop.univ[idx] = NONE
        pop.program[idx] = NONE
        pop.study_left[idx] = 0
        self.flows["exits"] += len(idx)

    def researcher(self, i: int) -> Researcher:
        """A read-only view of person `i`."""
        return Researcher.from_population(self.pop, i, self.t)

    # --- the schedule ----------------------------------------------------------
    def step(self) -> None:
        self.t += 1
        self._set_clock()
        self._update_indices()
        self.pop.reset_counters()
        self.government.new_quarter()
        self.flows = dict.fromkeys(outputs.FLOW_KEYS, 0)

        demand.update_targets(self)
        demand.shed_excess(self)
        demand.exit_firms(self)
        demand.enter_firms(self)
        policy.lab_acquisition(self)
        if self.quarter == 1:
            pipeline.admit_cohort(self)
            faculty.fill_posts(self)  # after admissions: a new hire teaches from next March
            pipeline.foreign_entrants(self)
            pay.annual_raise(self)
        pipeline.progress_studies(self)
        pipeline.return_home(self)
        self.census()
        pay.adjust_posted_pay(self, self.firms.vacancies())
        policy.update_salary_matching(self)
        matching.run(self)
        active = self.active()  # matching moves people only among these states
        training.learn(self)
        training.academy(self)
        training.assign_tiers(self)
        exits.run(self, active)
        faculty.release(self)
        policy.book_costs(self)

        self.census()
        outputs.core_moves(self)
        self.flow_history.append(self.flows)
        self.spend_history.append({**self.government.spend, **self.government.extra})
        self.current_outputs = outputs.compute(self)
        self.datacollector.collect(self)
        if self.t >= self.n_steps:
            self.running = False

    # --- forking a run at a policy start ----------------------------------------------
    def with_policies(self, params: Params) -> TalentMarket:
        """Switch to `params`, which may differ from the current ones only in policy parameters.

        Used to continue a baseline run as a policy run from the quarter before the policies
        start: no policy acts before its start and the random stream is shared, so the result
        equals a fresh run of the policy scenario with the same seed (tested).
        """
        diff = non_policy_differences(self.p, params)
        if diff:
            raise ValueError(f"with_policies: non-policy parameters differ: {diff}")
        self.p = params
        return self

    # --- results -----------------------------------------------------------------
    def results(self) -> pd.DataFrame:
        """The tidy output table: one row per quarter from the initial state (step 0, 2020Q2),
        columns `step`, `year`, `quarter`, then every output."""
        rows = pd.DataFrame([self.initial_outputs])
        if self.datacollector.model_vars:
            rows = pd.concat([rows, self.datacollector.get_model_vars_dataframe()], ignore_index=True)
        # one block per dtype first: the rows and the DataCollector's frame come as ~130 column blocks,
        # and inserting columns into such a frame (here `step`; the runner's replication, seed and
        # posterior draw) makes pandas warn
        rows = rows.copy()
        rows.insert(0, "step", np.arange(len(rows)))
        return rows

    def run(self) -> pd.DataFrame:
        """Run to the end of the horizon and return `results()`."""
        self.run_model()
        return self.results()

    def release(self) -> None:
        """Drop Mesa 3.3's class-level reference to this model, so that it can be garbage-collected
        when the caller lets go of it. `mesa.Agent._ids` maps every model ever built to its agent-id
        counter and so keeps them all alive (mesa issue #3179, fixed upstream in PR #3180 after the
        3.3 line this project pins): a worker process running hundreds of models (a calibration)
        grew by ~14 MB a run until it swapped. Call it when a run is finished for good: the model
        must not create agents afterwards."""
        mesa.Agent._ids.pop(self, None)

    @property
    def params(self) -> dict[str, Any]:
        return dataclasses.asdict(self.p)


__all__ = ["TalentMarket"]
