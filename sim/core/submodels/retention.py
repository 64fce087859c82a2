"""Retention and morale: new hires paid far above incumbents make incumbents search.

Seed 001: paying new AI hires far above existing staff hurts the morale and
retention of the existing staff.
"""

from __future__ import annotations

import numpy as np

from ..codes import N_TIERS


def morale_multiplier(model, idx: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Search-rate multiplier for AI-firm staff `idx`.

    Equation: M_i = 1 + mu * max(0, h_{f(i),k(i)} / w_i - 1), where h is the
    firm's smoothed pay of recent hires in i's tier (0 if none: M_i = 1) and
    w_i the firm-paid part of i's salary. Parameter: morale_sensitivity
    (mu, x per unit relative gap). Source: seed 001; mu is a first guess.
    `key` is employer * N_TIERS + tier of each person in `idx`.
    """
    pop = model.pop
    h = np.take(model.firms.hire_pay.reshape(-1), key)
    own = np.take(pop.salary, idx)
    if model.p.sm_share > 0:
        own -= np.take(pop.subsidy, idx)
    # in place, same operations: h / max(own, 1e-9) - 1, clipped at 0 (h == 0, no hires
    # yet, gives a negative gap: no effect), times mu, plus 1
    np.maximum(own, 1e-9, out=own)
    np.divide(h, own, out=h)
    h -= 1.0
    np.maximum(h, 0.0, out=h)
    h *= model.p.morale_sensitivity
    h += 1.0
    return h


def record_hires(model, firm: np.ndarray, tier: np.ndarray, own_pay: np.ndarray) -> None:
    """Update each firm's smoothed new-hire pay: h <- (h + mean pay of this quarter's hires) / 2.

    A firm-tier with no earlier hires takes the new mean directly; one with no
    hires this quarter keeps h (so the comparison lasts, as morale effects do).
    """
    f = model.firms
    if len(firm) == 0:
        return
    key = firm * N_TIERS + tier
    size = f.n * N_TIERS
    cnt = np.bincount(key, minlength=size)
    tot = np.bincount(key, weights=own_pay, minlength=size)
    hp = f.hire_pay.reshape(-1)
    has = cnt > 0
    mean = np.divide(tot, cnt, out=np.zeros(size), where=has)
    hp[:] = np.where(has, np.where(hp > 0, 0.5 * (hp + mean), mean), hp)
