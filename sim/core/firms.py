"""Firms as columns (vectorized rules) with kinds, channels and head-count targets.

Firms number in the thousands (933 Korean AI firms in 2020, 2,354 in 2023), so
their quarterly rules run on arrays here; `sim.agents.Firm` is the Mesa agent
that gives each firm an identity and a per-object view of these columns.
"""

from __future__ import annotations

import numpy as np

from .codes import (
    CH_DOMESTIC,
    CH_DRIVE,
    CH_FOREIGN,
    CH_POACH,
    CN,
    CN_FIRM,
    CONGLOMERATE,
    EU,
    EU_LAB,
    FRONTIER_LAB,
    N_TIERS,
    OTHER,
    OTHER_FOREIGN,
    PLATFORM,
    STARTUP,
    US,
    US_BIGTECH,
)

# Which channels each Korean kind uses (seeds 000, 001, 003: conglomerates and
# platforms poach, hold overseas recruiting fairs and hire foreigners; Kakao's
# always-open hiring; startups mostly hire on the domestic market).
KIND_CHANNELS = {
    CONGLOMERATE: CH_DOMESTIC | CH_POACH | CH_DRIVE | CH_FOREIGN,
    PLATFORM: CH_DOMESTIC | CH_POACH | CH_DRIVE | CH_FOREIGN,
    STARTUP: CH_DOMESTIC | CH_POACH,
}

# Foreign bidders (a handful of named kinds; pay premium over the foreign pay formula)
FOREIGN_FIRMS = (  # kind, location code, count, pay premium
    (US_BIGTECH, US, 5, 1.0),
    (FRONTIER_LAB, US, 3, 1.3),
    (CN_FIRM, CN, 4, 1.0),
    (EU_LAB, EU, 3, 1.0),
    (OTHER_FOREIGN, OTHER, 1, 1.0),
)


class FirmTable:
    """Columns of firm state; row index = firm id. Grows as firms enter."""

    def __init__(self) -> None:
        self.n = 0
        self.kind = np.zeros(0, np.int8)
        self.loc = np.zeros(0, np.int8)
        self.channels = np.zeros(0, np.int8)
        self.academy = np.zeros(0, bool)
        self.target = np.zeros((0, N_TIERS))  # head-count target by tier (persons)
        self.base = np.zeros((0, N_TIERS))  # target at the entry demand and unit cost (demand submodel)
        self.d_entry = np.zeros(0)  # AI sales index when the firm entered
        self.alive = np.zeros(0, bool)  # False once the firm has exited (its row stays)
        self.pay_mult = np.zeros(0)  # posted pay / market pay
        self.pay_cap = np.zeros(0)  # largest pay_mult the AI budget allows
        self.premium = np.zeros(0)  # foreign firms' pay premium
        self.entry_q = np.zeros(0, np.int16)
        self.hire_pay = np.zeros((0, N_TIERS))  # smoothed pay of recent hires (M KRW/yr), 0 = none
        self.headcount = np.zeros((0, N_TIERS), np.int64)
        self._foreign_at: dict[int, np.ndarray] = {}  # location -> foreign firm ids (cache)

    def add(
        self, kind, loc, channels, target, pay_cap, premium=1.0, academy=False, entry_q=0, d_entry=1.0
    ) -> np.ndarray:
        kind = np.atleast_1d(np.asarray(kind, np.int8))
        m = len(kind)

        def b(x, dt=float):
            return np.broadcast_to(np.asarray(x, dt), (m,))

        self.kind = np.concatenate([self.kind, kind])
        self.loc = np.concatenate([self.loc, b(loc, np.int8)])
        self.channels = np.concatenate([self.channels, b(channels, np.int8)])
        self.academy = np.concatenate([self.academy, b(academy, bool)])
        self.target = np.concatenate([self.target, np.broadcast_to(np.asarray(target, float), (m, N_TIERS))])
        self.base = np.concatenate([self.base, self.target[-m:]])
        self.d_entry = np.concatenate([self.d_entry, b(d_entry)])
        self.alive = np.concatenate([self.alive, np.ones(m, bool)])
        self.pay_mult = np.concatenate([self.pay_mult, np.ones(m)])
        self.pay_cap = np.concatenate([self.pay_cap, b(pay_cap)])
        self.premium = np.concatenate([self.premium, b(premium)])
        self.entry_q = np.concatenate([self.entry_q, b(entry_q, np.int16)])
        self.hire_pay = np.concatenate([self.hire_pay, np.zeros((m, N_TIERS))])
        self.headcount = np.concatenate([self.headcount, np.zeros((m, N_TIERS), np.int64)])
        ids = np.arange(self.n, self.n + m)
        self.n += m
        if (kind > STARTUP).any():
            self._foreign_at = {}
        return ids

    def foreign_at(self, loc: int) -> np.ndarray:
        """Ids of the foreign firms in location `loc` (cached: firms never move or change kind)."""
        ids = self._foreign_at.get(loc)
        if ids is None:
            ids = self._foreign_at[loc] = np.flatnonzero((self.loc == loc) & ~self.is_kr)
        return ids

    @property
    def is_kr(self) -> np.ndarray:
        """Korean firms, including those that have exited (their targets and staff are zero)."""
        return self.kind <= STARTUP

    @property
    def is_kr_alive(self) -> np.ndarray:
        return (self.kind <= STARTUP) & self.alive

    def vacancies(self) -> np.ndarray:
        """Unfilled target by firm and tier, >= 0 (zero for foreign firms, whose demand is not modelled)."""
        v = np.maximum(self.target - self.headcount, 0.0)
        v[~self.is_kr] = 0.0
        return v
