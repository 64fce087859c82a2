"""Exits: retirement and leaving the AI field (absorbing state `exited`)."""

from __future__ import annotations

import numpy as np


def run(model, active: np.ndarray) -> int:
    """People not studying leave for good.

    Retirement: experience >= career_years. Leaving the field: probability
    leave_field_rate / 4 per quarter. Parameters: career_years (years),
    leave_field_rate (1/yr); both assumptions. `active`: ids working or seeking.
    Returns the number who exit.
    """
    pop, p = model.pop, model.p
    old = pop.exp_q[active] >= p.career_years * 4
    retire = active[old]
    leave = model.sample(active[~old], p.leave_field_rate / 4.0)
    out = np.concatenate([retire, leave])
    model.retire(out)
    return len(out)
