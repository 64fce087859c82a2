import numpy as np
import pytest

from sim.core.codes import ABROAD, AI_FIRM, EXITED, KR_OTHER, N_STATES, SEEKING
from sim.core.population import Population, Researcher


def test_add_grows_and_counts_entrants():
    pop = Population(4)
    ids = pop.add(10, state=KR_OTHER, skill=np.arange(10.0))
    assert list(ids) == list(range(10)) and pop.n == 10
    assert pop.entrants[KR_OTHER] == 10 and pop.entrants.sum() == 10
    more = pop.add(3, state=AI_FIRM, employer=5)
    assert list(more) == [10, 11, 12]
    assert pop.skill[:10].tolist() == list(range(10))  # survives reallocation
    assert (pop.employer[:10] == -1).all() and (pop.employer[10:] == 5).all()


def test_move_counts_transitions():
    pop = Population(8)
    pop.add(5, state=KR_OTHER)
    pop.move(np.array([0, 2]), AI_FIRM)
    pop.move(np.array([2]), ABROAD)
    t = pop.transitions
    assert t[KR_OTHER, AI_FIRM] == 2 and t[AI_FIRM, ABROAD] == 1 and t.sum() == 3
    assert pop.counts().tolist() == [1, 3, 0, 0, 1, 0, 0]
    assert pop.n_by_state.tolist() == [1, 3, 0, 0, 1, 0, 0]
    # a vector of new states (the general path) counts the same way as one state for all
    pop.move(np.array([0, 1, 3]), np.array([SEEKING, SEEKING, AI_FIRM]))
    assert t[AI_FIRM, SEEKING] == 1 and t[KR_OTHER, SEEKING] == 1 and t[KR_OTHER, AI_FIRM] == 3
    assert pop.n_by_state.tolist() == pop.counts().tolist() == [1, 1, 0, 0, 1, 2, 0]
    pop.reset_counters()
    assert pop.transitions.sum() == 0 and pop.entrants.sum() == 0


def test_add_requires_state_and_known_columns():
    pop = Population(4)
    with pytest.raises(KeyError):
        pop.add(1, skill=1.0)
    with pytest.raises(KeyError):
        pop.add(1, state=0, height=2)


def test_researcher_view():
    pop = Population(4)
    pop.add(1, state=AI_FIRM, exp_q=14, salary=70.0, korean=True, employer=3)
    r = Researcher.from_population(pop, 0)
    assert r.state == "ai_firm" and r.career_stage == "mid" and r.experience_years == 3.5
    assert r.salary_mkrw == 70.0 and r.korean_born and r.employer == 3
    with pytest.raises(IndexError):
        Researcher.from_population(pop, 1)
    assert N_STATES == EXITED + 1


def test_pickle_keeps_rows_capacity_and_fill_values():
    import pickle

    pop = Population(1000)
    pop.add(5, state=AI_FIRM, employer=np.arange(5), skill=np.linspace(1, 2, 5))
    pop.move(np.array([1, 3]), ABROAD)
    blob = pickle.dumps(pop)
    assert len(blob) < 2000  # the 995 spare rows are not pickled
    back = pickle.loads(blob)
    assert back.n == 5 and back._cap == pop._cap
    for k in ("state", "employer", "skill", "univ"):
        assert np.array_equal(getattr(back, k), getattr(pop, k))
        assert np.array_equal(back._data[k], pop._data[k])  # spare rows hold the fill values
    assert back.n_by_state.tolist() == pop.n_by_state.tolist()
    more = back.add(2, state=SEEKING)  # unspecified columns: fill values
    assert (back.employer[more] == -1).all() and (back.univ[more] == -1).all()


def test_columns_are_read_only_views():
    pop = Population(8)
    pop.add(3, state=KR_OTHER)
    pop.salary[[0, 2]] = 7.0  # writes go through the view
    assert pop._data["salary"][:3].tolist() == [7.0, 0.0, 7.0]
    assert len(pop.salary) == 3
    with pytest.raises(AttributeError):
        pop.salary = np.zeros(3)  # no rebinding a column
    with pytest.raises(AttributeError):
        pop.no_such_column  # noqa: B018 - the attribute access must raise
