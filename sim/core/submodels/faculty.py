"""Faculty: university AI faculty are people, and graduate seats follow them.

A faculty member is a person in the state `kr_other` (AI work in Korea outside AI firms) who
holds a post at a Korean university (population column `post`, the university's index; -1:
none). Universities have a number of posts (`University.faculty`: faculty_ai_school at each
of the 10 designated AI graduate schools, faculty_other at the rest); their graduate intake
each March is the faculty *in post* times intake_per_faculty (`University.intake`).

Faculty search and get offers like everyone else outside AI firms (matching: search_other,
Korean firms' domestic contacts, foreign offers); in the choice an academic post adds
`faculty_tie` to the utility of staying (tenure, the pension, academic freedom, the
students; utility units, as home_tie). A faculty member who takes a firm's job, a job
abroad, or leaves the field leaves the post (`release`, every quarter after the moves).

Open posts are filled once a year (Q1, after admissions): university u hires
faculty_fill_rate x open_u people (rounded at random: down, or up with probability the
fraction), the most skilled PhD holders in Korea who are job-seekers or in other AI work and
hold no post (Korean-born or not). Academic hiring runs on a yearly cycle and a search usually
takes a year or more, so a post lost to industry lowers intake the next March, and is refilled
for the March after that with probability faculty_fill_rate (else it stays open another year):
poaching faculty lowers graduate intake with a lag (seed 004: the faculty shortage limits
seats; CSET, "AI Faculty Shortage"). New faculty are paid as other AI work (other_pay_ratio x
market pay).
"""

from __future__ import annotations

import numpy as np

from ..codes import KR_OTHER, NONE, PHD, SEEKING
from . import matching


def counts(model) -> np.ndarray:
    """Faculty in post at each university (indexed like `model.universities`)."""
    held = model.pop.post[model.faculty_ids]
    return np.bincount(held, minlength=len(model.universities)).astype(np.float64)


def posts(model) -> np.ndarray:
    """Faculty posts at each university (persons, scaled; 0 for foreign and programme seats)."""
    p = model.p
    out = np.zeros(len(model.universities))
    for u in model.universities:
        if u.is_korean and not u.extra_seats:
            out[u.index] = np.round(u.faculty * p.scale)
    return out


def appoint(model, ids: np.ndarray, univ: np.ndarray) -> None:
    """Give people `ids` (in Korea) posts at universities `univ`: they move to other AI work
    (if job-seekers), paid as other AI work."""
    if len(ids) == 0:
        return
    pop = model.pop
    seekers = ids[pop.state[ids] == SEEKING]
    pop.move(seekers, KR_OTHER)
    pop.post[ids] = univ
    model.faculty_ids = np.union1d(model.faculty_ids, ids)  # the post holders (a few hundred)
    matching.start_other_work(model, ids)
    model.faculty_count = counts(model)


def release(model) -> None:
    """Faculty who are no longer in other AI work in Korea (hired by a firm, gone abroad,
    exited) leave their posts; counted in the flow `faculty_departures`."""
    pop = model.pop
    held = model.faculty_ids
    left = pop.state[held] != KR_OTHER
    if left.any():
        pop.post[held[left]] = NONE
        model.faculty_ids = held[~left]
        model.flows["faculty_departures"] += int(left.sum())
    model.faculty_count = counts(model)


def fill_posts(model) -> None:
    """Yearly hiring round (Q1): each university fills open posts (module docstring)."""
    release(model)  # posts left since the last count (e.g. staff for a new firm)
    p, pop, rng = model.p, model.pop, model.rng
    open_ = np.maximum(posts(model) - model.faculty_count, 0.0) * p.faculty_fill_rate
    want = np.floor(open_).astype(np.int64)
    want += rng.random(len(want)) < open_ - want  # unbiased rounding
    total = int(want.sum())
    if total == 0:
        return
    g = model.groups
    pool = np.concatenate([g[SEEKING], g[KR_OTHER]])
    st = pop.state[pool]  # the census is from the end of last quarter: some have moved since
    pool = pool[(pop.degree[pool] == PHD) & (pop.post[pool] < 0) & ((st == SEEKING) | (st == KR_OTHER))]
    if len(pool) == 0:
        return
    best = pool[np.argsort(-pop.skill[pool], kind="stable")[:total]]
    univ = np.repeat(np.arange(len(want)), want)[: len(best)]
    appoint(model, best, univ)
    model.flows["faculty_hires"] += len(best)
