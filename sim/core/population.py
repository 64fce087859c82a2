"""Researchers as columns: one row per real person, numpy arrays, no scaling factor.

A person is one row; its row index is its permanent id (rows are never reused or
compacted, so an id stays valid for the whole run). Every state change goes
through `Population.move`, which also counts the transition, so that the
accounting identity stock_t = stock_{t-1} + entrants + inflows - outflows can be
checked against an independent recount of the columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .codes import (
    ABROAD,
    AI_FIRM,
    DEGREE_NAMES,
    EXITED,
    KR_OTHER,
    LOC_NAMES,
    N_STATES,
    NONE,
    STAGE_EXITED,
    STAGE_JUNIOR,
    STAGE_MID,
    STAGE_NAMES,
    STAGE_SENIOR,
    STAGE_STUDENT,
    STATE_NAMES,
    STUDENT_ABROAD,
    STUDENT_KR,
    TIER_NAMES,
)

# column name -> dtype; `employer` is a firm index (-1: none), `univ` a university index
COLUMNS: dict[str, Any] = {
    "state": np.int8,
    "loc": np.int8,
    "tier": np.int8,
    "degree": np.int8,
    "korean": np.bool_,
    "skill": np.float64,
    "exp_q": np.int16,  # quarters of work experience
    "employer": np.int32,
    "salary": np.float64,  # M KRW / yr, gross, incl. any state subsidy
    "subsidy": np.float64,  # M KRW / yr paid by the state (salary matching)
    "hired_q": np.int16,  # step (quarter index) the current job began; tenure = t - hired_q
    "study_left": np.int16,  # quarters left in a study programme
    "program": np.int8,  # degree being studied for (-1: none)
    "univ": np.int16,  # university index while studying (-1: none)
    "mismatch": np.bool_,  # skills miss what firms need (seed 004)
    "grad_q": np.int16,  # step (quarter index) of graduating abroad (-1: did not, or before the run)
    "post": np.int16,  # university index of a faculty post held (-1: none; faculty submodel)
}
_FILL = {"employer": NONE, "univ": NONE, "program": NONE, "grad_q": NONE, "post": NONE}


class Population:
    """Columns of person attributes with amortised growth.

    Attributes are length-`n` views: ``pop.state``, ``pop.skill`` …; write through
    them (``pop.salary[idx] = x``) but change ``state`` only with `move`.
    """

    def __init__(self, capacity: int) -> None:
        self.n = 0
        self._cap = max(int(capacity), 16)
        self._data = {k: np.full(self._cap, _FILL.get(k, 0), dtype=dt) for k, dt in COLUMNS.items()}
        self.transitions = np.zeros((N_STATES, N_STATES), dtype=np.int64)  # [from, to], this step
        self.entrants = np.zeros(N_STATES, dtype=np.int64)  # new rows by state, this step
        self.n_by_state = np.zeros(N_STATES, dtype=np.int64)  # head-count by state, kept current

    def __len__(self) -> int:
        return self.n

    def __getstate__(self) -> dict:
        # pickle the first n rows only (the spare capacity is fill values): a run's state
        # sent to a worker process (the app's forked runs) is about half the size
        d = dict(self.__dict__)
        d["_data"] = {k: v[: self.n] for k, v in self._data.items()}
        return d

    def __setstate__(self, d: dict) -> None:
        n, cap = d["n"], d["_cap"]
        data = {}
        for k, v in d["_data"].items():
            col = np.full(cap, _FILL.get(k, 0), dtype=v.dtype)
            col[:n] = v
            data[k] = col
        self.__dict__.update(d, _data=data)

    def add(self, count: int, **cols: Any) -> np.ndarray:
        """Append `count` people; unspecified columns take their fill value. Returns their ids."""
        count = int(count)
        if count <= 0:
            return np.empty(0, dtype=np.int64)
        unknown = set(cols) - set(COLUMNS)
        if unknown:
            raise KeyError(f"unknown population columns {sorted(unknown)}")
        if "state" not in cols:
            raise KeyError("new people need a 'state'")
        if self.n + count > self._cap:
            new_cap = max(self._cap * 2, self.n + count)
            for k, arr in self._data.items():
                grown = np.full(new_cap, _FILL.get(k, 0), dtype=arr.dtype)
                grown[: self.n] = arr[: self.n]
                self._data[k] = grown
            self._cap = new_cap
        sl = slice(self.n, self.n + count)
        for k, v in cols.items():
            self._data[k][sl] = v
        self.n += count
        new = np.bincount(self._data["state"][sl], minlength=N_STATES)
        self.entrants += new
        self.n_by_state += new
        return np.arange(sl.start, sl.stop)

    def move(self, idx: np.ndarray, new_state: int | np.ndarray) -> None:
        """Change the state of people `idx` (unique ids) and count the transitions."""
        if len(idx) == 0:
            return
        st = self._data["state"]
        if np.ndim(new_state) == 0:  # the usual case: everyone to one state
            s = int(new_state)
            out = np.bincount(st[idx], minlength=N_STATES)
            self.transitions[:, s] += out
            self.n_by_state -= out
            self.n_by_state[s] += len(idx)
            st[idx] = s
            return
        old = st[idx].astype(np.int64)
        new = np.asarray(new_state, dtype=np.int64)
        flat = np.bincount(old * N_STATES + new, minlength=N_STATES * N_STATES).reshape(N_STATES, N_STATES)
        self.transitions += flat
        self.n_by_state += flat.sum(axis=0) - flat.sum(axis=1)
        st[idx] = new

    def reset_counters(self) -> None:
        self.transitions[:] = 0
        self.entrants[:] = 0

    def counts(self) -> np.ndarray:
        """Head-count by state, recounted from the column (`n_by_state` is the running count)."""
        return np.bincount(self.state, minlength=N_STATES)

    def stage(self) -> np.ndarray:
        """Career stage, derived: student, junior (<3 yr), mid (3-10 yr), senior (>=10 yr), exited."""
        s = np.where(self.exp_q < 12, STAGE_JUNIOR, np.where(self.exp_q < 40, STAGE_MID, STAGE_SENIOR))
        s = np.where((self.state == STUDENT_KR) | (self.state == STUDENT_ABROAD), STAGE_STUDENT, s)
        return np.where(self.state == EXITED, STAGE_EXITED, s)


def _column(name: str) -> property:
    """Read-only attribute for a column: its first `n` entries, a view (write through it)."""

    def get(self: Population) -> np.ndarray:
        return self._data[name][: self.n]

    return property(get, doc=f"column {name!r} ({np.dtype(COLUMNS[name]).name}), length n")


# real attributes rather than __getattr__: a failed normal lookup before __getattr__ cost ~2 %
# of a run (the columns are read a few hundred times per quarter)
for _name in COLUMNS:
    setattr(Population, _name, _column(_name))


@dataclass(frozen=True)
class Researcher:
    """A read-only view of one person (for inspection and tests)."""

    id: int
    state: str
    location: str
    tier: str
    degree: str
    korean_born: bool
    skill: float
    experience_years: float
    career_stage: str
    employer: int
    salary_mkrw: float
    subsidy_mkrw: float
    hired_step: int
    tenure_quarters: int
    mismatch: bool

    @classmethod
    def from_population(cls, pop: Population, i: int, t: int = 0) -> Researcher:
        """View of person `i` at step `t` (tenure = t - hired step while employed)."""
        if not 0 <= i < pop.n:
            raise IndexError(f"researcher id {i} out of range [0, {pop.n})")
        d = pop._data
        stage = pop.stage()[i]
        return cls(
            id=int(i),
            state=STATE_NAMES[d["state"][i]],
            location=LOC_NAMES[d["loc"][i]],
            tier=TIER_NAMES[d["tier"][i]],
            degree=DEGREE_NAMES[d["degree"][i]],
            korean_born=bool(d["korean"][i]),
            skill=float(d["skill"][i]),
            experience_years=float(d["exp_q"][i]) / 4.0,
            career_stage=STAGE_NAMES[stage],
            employer=int(d["employer"][i]),
            salary_mkrw=float(d["salary"][i]),
            subsidy_mkrw=float(d["subsidy"][i]),
            hired_step=int(d["hired_q"][i]),
            tenure_quarters=int(t - d["hired_q"][i]) if d["state"][i] in (AI_FIRM, KR_OTHER, ABROAD) else 0,
            mismatch=bool(d["mismatch"][i]),
        )
