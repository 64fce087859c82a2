"""Mesa agents for the few: firms (views over `FirmTable` columns), universities, the government."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

from .codes import ABROAD, CHANNEL_NAMES, CHANNELS, KIND_NAMES, KR_REGION, LOC_NAMES, TIER_NAMES
from .policies import INSTRUMENTS
from .submodels.pay import market_pay

if TYPE_CHECKING:  # pragma: no cover
    from .model import TalentMarket


class Firm(mesa.Agent):
    """A firm. Its state lives in ``model.firms`` (row ``idx``) so that rules run vectorized."""

    def __init__(self, model: TalentMarket, idx: int) -> None:
        super().__init__(model)
        self.idx = int(idx)

    @property
    def kind(self) -> str:
        return KIND_NAMES[self.model.firms.kind[self.idx]]

    @property
    def location(self) -> str:
        return LOC_NAMES[self.model.firms.loc[self.idx]]

    @property
    def is_korean(self) -> bool:
        return bool(self.model.firms.is_kr[self.idx])

    @property
    def target(self) -> dict[str, float]:
        return dict(zip(TIER_NAMES, self.model.firms.target[self.idx].tolist()))

    @property
    def headcount(self) -> dict[str, int]:
        if self.is_korean:
            return dict(zip(TIER_NAMES, self.model.firms.headcount[self.idx].tolist()))
        pop = self.model.pop
        mine = (pop.employer == self.idx) & (pop.state == ABROAD)
        return dict(zip(TIER_NAMES, np.bincount(pop.tier[mine], minlength=len(TIER_NAMES)).tolist()))

    @property
    def vacancies(self) -> dict[str, float]:
        return dict(zip(TIER_NAMES, self.model.firms.vacancies()[self.idx].tolist()))

    @property
    def posted_pay(self) -> dict[str, float]:
        """Posted pay by tier at median skill, M KRW/yr."""

        tiers = np.arange(len(TIER_NAMES))
        pay = market_pay(self.model, tiers, np.ones(len(tiers))) * self.model.firms.pay_mult[self.idx]
        return dict(zip(TIER_NAMES, pay.tolist()))

    @property
    def budget(self) -> float:
        """AI payroll budget, M KRW/yr: the target head-count paid at the largest multiplier it allows."""

        tiers = np.arange(len(TIER_NAMES))
        base = market_pay(self.model, tiers, np.ones(len(tiers)))
        f = self.model.firms
        return float(f.pay_cap[self.idx] * np.dot(base, f.target[self.idx]))

    @property
    def channels(self) -> list[str]:
        c = int(self.model.firms.channels[self.idx])
        return [n for n, bit in zip(CHANNEL_NAMES, CHANNELS) if c & bit]

    @property
    def academy(self) -> bool:
        return bool(self.model.firms.academy[self.idx])


class University(mesa.Agent):
    """A university: graduate intake limited by faculty; a skills-mismatch share lowered by alliances.

    intake (students/yr) = faculty in post x intake_per_faculty (ZDNet 2021: >= 40 students,
    >= 7 faculty); `faculty` is the number of posts (persons before `scale`), the faculty in post
    are people (faculty submodel, `model.faculty_count`);
    mismatch share = univ_mismatch x (1 - alliance_mismatch_cut x allied), `allied` being the
    share of its graduate seats in firm-university alliances (seed 004).
    """

    def __init__(
        self,
        model: TalentMarket,
        name: str,
        country: int,
        faculty: float,
        allied: float = 0.0,
        extra_seats: bool = False,
    ) -> None:
        super().__init__(model)
        self.name = name
        self.country = country
        self.faculty = float(faculty)
        self.allied = allied
        self.extra_seats = extra_seats  # the seat-expansion programme (policy), paid by the state

    @property
    def is_korean(self) -> bool:
        return self.country <= KR_REGION

    def intake(self) -> float:
        """Graduate places offered this year (students)."""
        p = self.model.p
        if self.extra_seats:
            return p.grad_seats_extra * p.scale if self.model.policy_active(p.grad_seats_start) else 0.0
        return self.model.faculty_count[self.index] * p.intake_per_faculty if self.is_korean else 0.0

    def mismatch_share(self) -> float:
        p = self.model.p
        return p.univ_mismatch * (1.0 - p.alliance_mismatch_cut * self.allied)


class Government(mesa.Agent):
    """The state: runs the policy instruments and books their cost (M KRW per quarter)."""

    INSTRUMENTS = INSTRUMENTS  # from the policy registry

    def __init__(self, model: TalentMarket) -> None:
        super().__init__(model)
        self.spend = dict.fromkeys(self.INSTRUMENTS, 0.0)  # this quarter, M KRW
        self.cumulative = dict.fromkeys(self.INSTRUMENTS, 0.0)  # since start, M KRW
        self.sm_scale = 1.0  # share of entitlements the salary-matching budget can pay
        # this quarter, M KRW: income tax recouped on salary matching; its part kept by firms
        self.extra = {"tax_recouped": 0.0, "firm_capture": 0.0}

    def book(self, instrument: str, amount_mkrw: float) -> None:
        self.spend[instrument] += float(amount_mkrw)
        self.cumulative[instrument] += float(amount_mkrw)

    def new_quarter(self) -> None:
        for k in self.spend:
            self.spend[k] = 0.0
        for k in self.extra:
            self.extra[k] = 0.0
