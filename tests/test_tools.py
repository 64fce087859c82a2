"""The measurement tools under tools/: their arithmetic on tables with known answers."""

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.core import market

ROOT = Path(__file__).resolve().parents[1]


def _tool(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_foreign_response_elasticity_from_staff_and_tax_waived():
    """Two replications: 500 -> 550 and 400 -> 420 foreign-born staff; the tax waived is half the
    income tax on a gross pay of 100 M KRW each, so take-home rises from w - T to w - T / 2 and the
    elasticity is ln(n1 / n0) / ln((w - T / 2) / (w - T)) per replication."""
    fr = _tool("foreign_response")
    w = 100.0
    tax = float(market.income_tax(np.array([w]))[0])
    rows = []
    for rep, (n0, n1) in enumerate(((500, 550), (400, 420))):
        for year in (2024, 2027):
            key = {"replication": rep, "year": year, "quarter": 4}
            rows.append(key | {"scenario": "baseline", "foreign_staff_kr": n0, "foreign_share_workforce": 0.01})
            rows[-1]["fiscal_foreign_tax_relief_krw"] = 0.0
            rows.append(key | {"scenario": "relief", "foreign_staff_kr": n1, "foreign_share_workforce": 0.02})
            rows[-1]["fiscal_foreign_tax_relief_krw"] = 0.5 * tax * n1 * 1e6
    ts = pd.DataFrame(rows)
    out = fr.response(ts, 0.5, (2027,))
    dl = np.log((w - tax / 2) / (w - tax))
    want = [np.log(550 / 500) / dl, np.log(420 / 400) / dl]
    assert out[2027]["elasticity"][0] == pytest.approx(np.mean(want), rel=1e-4)
    assert out[2027]["take_home"] == pytest.approx(np.exp(dl) - 1, rel=1e-4)
    assert out[2027]["staff"] == 450 and out[2027]["change"] == pytest.approx((0.1 + 0.05) / 2)
    assert out["foreign_share_2024"] == 0.01
    assert fr.years_to(2050) == (2027, 2030, 2035, 2040, 2045, 2050) and fr.years_to(2030) == (2027, 2030)
    assert fr._weight("drawn") is None and fr._weight("2.5") == 2.5  # `drawn`: the weight left to each draw


def test_foreign_shocks_settings_and_paired_differences():
    """`default` is no override; `a=x,b=y` overrides two parameters; a name that is not a parameter
    stops with the setting named; the paired difference is the mean and standard error of b - a."""
    fs = _tool("foreign_shocks")
    assert fs.parse_setting("default") == {}
    assert fs.parse_setting("us_freeze_cut=0.34,frontier_boom=1") == {"us_freeze_cut": 0.34, "frontier_boom": 1.0}
    with pytest.raises(SystemExit, match="not a setting: 'frontier=1'"):
        fs.parse_setting("frontier=1")
    a = np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])
    b = a + np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])
    mean, se = fs.paired(a, b)
    assert mean.tolist() == [2.0, 0.0] and se[0] == pytest.approx(1.0 / np.sqrt(3)) and se[1] == 0.0
    runs = [
        pd.DataFrame({"year": [2021, 2021], "quarter": [3, 4]} | {o: [9.0, float(i)] for o in fs.OUTPUTS})
        for i in range(2)
    ]
    assert fs.q4_table(runs, (2021,))["migration_index"].tolist() == [[0.0], [1.0]]


def test_foreign_shocks_policy_effects_are_paired_differences_in_differences(capsys):
    """With `--policy`, the effect in each setting is on - off by seed, and the difference between
    settings is (on_k - off_k) - (on_0 - off_0) by seed: two replications whose effects are 10 and
    20 in the first setting and 40 and 40 in the second give +15 +- 5, +40 +- 0 and +25 +- 5."""
    fs = _tool("foreign_shocks")

    def table(values):
        return {o: np.array(values, float).reshape(-1, 1) for o in fs.OUTPUTS}

    off = [table([100, 200]), table([50, 60])]
    on = [table([110, 220]), table([90, 100])]
    fs.effects("sm_share=0.5", ["default", "frontier_boom=1"], off, on, (2030,))
    out = capsys.readouterr().out.splitlines()
    core = [line for line in out if line.strip().startswith("core_talent_kr")]
    assert core == [
        "  core_talent_kr: 2030 +15 +- 5",
        "  core_talent_kr: 2030 +40 +- 0",
        "  core_talent_kr: 2030 +25 +- 5",
    ]


def test_diaspora_shares_by_skill_and_tier():
    """1,000 Korean-born workers with skills 1..1000: the 10 most skilled abroad (core tier) and the
    90 least skilled, so 10 % abroad in all and in the top 10 %, 100 % of the top 1 % and 0.1 % and
    of the core tier, 90 / 990 of the applied tier; students, the foreign-born and those who left the
    field are not counted."""
    from sim.core.codes import ABROAD, AI_FIRM, APPLIED, CORE, EXITED, STUDENT_ABROAD

    dia = _tool("diaspora")
    n = 1000
    skill = np.arange(1.0, n + 1)
    state = np.full(n, AI_FIRM, np.int8)
    state[-10:] = ABROAD
    state[:90] = ABROAD
    tier = np.full(n, APPLIED, np.int8)
    tier[-10:] = CORE
    korean = np.ones(n, bool)
    extra = 5  # not counted: a student abroad, a foreign-born abroad, people who left the field
    state = np.concatenate([state, [STUDENT_ABROAD, ABROAD, EXITED, EXITED, EXITED]]).astype(np.int8)
    korean = np.concatenate([korean, [True, False, True, True, True]])
    skill = np.concatenate([skill, np.full(extra, 5000.0)])
    tier = np.concatenate([tier, np.full(extra, CORE)]).astype(np.int8)
    out = dia.shares(state, korean, skill, tier)
    assert out["all"] == pytest.approx(0.10)
    assert out["top 1 %"] == 1.0 and out["top 0.1 %"] == 1.0
    assert out["top 10 %"] == pytest.approx(10 / 100)  # the top 100: 10 abroad
    assert out["core"] == 1.0 and out["applied"] == pytest.approx(90 / 990) and np.isnan(out["senior"])


def test_a_more_skilled_diaspora_at_the_start_is_thicker_at_the_top():
    """init_abroad_skill shifts the skill of the Korean-born abroad at the start: the same share of
    Korean-born workers abroad, a larger share of the top 1 % by skill (measured as tools/diaspora.py
    does, at 1/5 scale at the start)."""
    from sim import TalentMarket

    dia = _tool("diaspora")
    out = {}
    for v in (1.3, 2.0):
        m = TalentMarket(scale=0.2, end_year=2021, rng=3, init_abroad_skill=v)
        n = m.pop.n
        out[v] = dia.shares(m.pop.state[:n], m.pop.korean[:n], m.pop.skill[:n], m.pop.tier[:n])
    assert out[2.0]["all"] == pytest.approx(out[1.3]["all"], abs=1e-9)
    assert out[2.0]["top 1 %"] > out[1.3]["top 1 %"] + 0.15, out
