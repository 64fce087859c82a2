"""Exits: retirement and leaving the AI field (absorbing state `exited`)."""

from __future__ import annotations

import numpy as np

from ..population import ABROAD, AI_FIRM, KR_OTHER, SEEKING


def run(model) -> int:
    """People not studying leave for good.

    Retirement: experience >= career_years. Leaving the field: probability
    leave_field_rate / 4 per quarter. Parameters: career_years (years),
    leave_field_rate (1/yr); both assumptions. Returns the number who exit.
    """
    pop, p = model.pop, model.p
    st = pop.state
    active = np.flatnonzero((st == AI_FIRM) | (st == KR_OTHER) | (st == SEEKING) | (st == ABROAD))
    retire = pop.exp_q[active] >= p.career_years * 4
    leave = model.rng.random(len(active)) < p.leave_field_rate / 4.0
    out = active[retire | leave]
    model.retire(out)
    return len(out)
