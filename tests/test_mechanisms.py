"""Each mechanism moves the outputs in the direction its rule says (paired seeds, averaged)."""

import numpy as np
import pytest

from sim import TalentMarket
from sim.core.codes import KR_REGION

SEEDS = (201, 202)


def runs(**kw):
    out = []
    for s in SEEDS:
        m = TalentMarket(scale=0.3, end_year=2028, rng=s, **kw)
        out.append((m.run(), m))
    return out


def total(rs, col, since=2023):
    return np.mean([df[df.year >= since][col].sum() for df, _ in rs])


def last(rs, col):
    return np.mean([df[col].iloc[-1] for df, _ in rs])


@pytest.fixture(scope="module")
def base():
    return runs()


def test_demand_growth_raises_shortage(base):
    assert last(runs(demand_growth=0.3), "shortage") > 1.3 * last(base, "shortage")


def test_morale_makes_incumbents_leave_more(base):
    calm, angry = runs(morale_sensitivity=0.0), runs(morale_sensitivity=15.0)
    assert total(angry, "poached") + total(angry, "emigration") > total(calm, "poached") + total(calm, "emigration")


def test_recruiting_drives_bring_people_back(base):
    assert total(runs(drive_rate=0.5, drive_start=2023.0), "returns") > 1.5 * total(base, "returns")


def test_settlement_package_helps_firms_outside_the_capital_fill_posts(base):
    def region_gap(rs):
        """Vacancy rate of firms outside the capital minus that of capital-region firms."""
        vals = []
        for _, m in rs:
            f = m.firms
            v = f.vacancies()
            reg, cap = f.is_kr & (f.loc == KR_REGION), f.is_kr & (f.loc != KR_REGION)
            vals.append(v[reg].sum() / f.target[reg].sum() - v[cap].sum() / f.target[cap].sum())
        return np.mean(vals)

    assert region_gap(runs(settle_amount=60.0, settle_start=2022.0)) < region_gap(base) - 0.02


def test_graduate_seats_raise_graduates(base):
    more = runs(grad_seats_extra=3000.0, grad_seats_start=2021.0)
    assert total(more, "graduates", since=2024) > total(base, "graduates", since=2024)


def test_bigger_foreign_gap_pulls_more_people_out(base):
    assert total(runs(gap_median=4.0, gap_top=20.0), "emigration") > total(base, "emigration")
