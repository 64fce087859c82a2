"""The memo states what each scenario sets: its active policies with every field, start dates
as year and quarter, and the parameters set differently from the defaults."""

import dataclasses
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import openpyxl
import pandas as pd
import pytest
import yaml

from sim.app import explorer as E
from sim.study import i18n
from sim.study import memo as R
from sim.study import scenarios as S
from sim.study import uncertainty as U

ROOT = Path(__file__).resolve().parents[1]


def test_settings_lines_list_active_policies_and_changed_parameters():
    scn = S.load(ROOT / "scenarios" / "salary-matching-50-capped.yaml")
    st = dict(E.settings_of(scn), sm_share=0.75, sm_start=2027.5, beta_pay=3.0)
    custom = E.apply_settings(scn, st)
    en = "\n".join(R.settings_lines(custom, "en"))
    assert "- **Salary matching**: share paid by the state: 75%;" in en
    assert "cap per person a year (0 = none): 150 M KRW;" in en and "start (year): 2027 Q3;" in en
    assert "also for staff already employed: yes" in en
    assert "Graduate seats" not in en  # inactive policies are not listed
    assert "- Pay sensitivity of job choice: 3\n" in en + "\n"
    ko = "\n".join(R.settings_lines(custom, "ko"))
    assert "1인당 연간 상한 (0 = 없음): 1.5억원;" in ko
    assert "**연봉 매칭**: 정부 부담 비율: 75%;" in ko and "지원 대상 등급: 핵심;" in ko and "2027년 3분기" in ko
    academy = S.load(ROOT / "scenarios" / "corporate-grad-schools.yaml")
    assert "- `academy_share` (사내 AI 아카데미를 운영하는 대기업 비율, 비율): 100%" in R.settings_lines(academy, "ko")
    base = "\n".join(R.settings_lines(S.baseline_of(custom), "en"))
    assert base.startswith("Policies: none") and "Pay sensitivity of job choice: 3" in base
    odd = dataclasses.replace(custom, overrides={**custom.overrides, "sm_start": 2027.1})
    assert "start (year): 2027.1;" in "\n".join(R.settings_lines(odd, "en"))  # off the quarter grid


def _comparison(extra: float) -> pd.DataFrame:
    diffs = {
        "sm_recipients": 7000.0,
        "core_talent_kr": extra,
        "fiscal_cost_krw": 1.0e12,
        "net_fiscal_cost_krw": 0.8e12,
        "fiscal_salary_matching_krw": 1.0e12,
        "tax_recouped_krw": 0.2e12,
        "sm_firm_capture_krw": 0.4e12,
    }
    return pd.DataFrame(
        [{"scenario": "sm", "point": 0, "year": 2030, "output": k, "diff_mean": v} for k, v in diffs.items()]
    )


def test_salary_matching_summary_and_its_memo_sentence():
    from sim.study import stats

    sm = stats.salary_matching_summary(_comparison(140.0), "sm", 2030)
    assert sm["deadweight"] == 1 - 140 / 7000 and sm["gross_per_additional"] == 1.0e12 / 140
    assert sm["net_per_additional"] == 0.8e12 / 140 and sm["firm_capture"] == 0.4e12
    en = "\n".join(R._salary_matching_lines(_comparison(140.0), "sm", 2030, "en"))
    assert "7,000 people paid and +140 core researchers" in en and "98% of the recipients are not additional" in en
    assert "7.1 bn KRW a year per additional researcher (5.7 bn KRW net" in en
    ko = "\n".join(R._salary_matching_lines(_comparison(140.0), "sm", 2030, "ko"))
    assert "수혜자 7,000명" in ko and "사중손실" in ko and "71.4억원" in ko
    none = "\n".join(R._salary_matching_lines(_comparison(-5.0), "sm", 2030, "en"))
    assert "no more core researchers" in none and "per additional" not in none
    assert stats.salary_matching_summary(_comparison(140.0), "other", 2030) is None  # nobody paid


def _gain_comparison(cost: str, gain: str, extra: float, level: float = 600.0) -> pd.DataFrame:
    """A paying policy's rows of a comparison: it costs 6 bn KRW a year; the gain output is at `level`
    in the scenario and `extra` above the baseline ([extra - 20, extra + 30])."""
    rows = {cost: (6.0e9, 6.0e9, 5.5e9, 6.5e9), gain: (level, extra, extra - 20.0, extra + 30.0)}
    return pd.DataFrame(
        [
            {"scenario": "p", "point": 0, "year": 2030, "output": k, "scenario_mean": m, "diff_mean": d}
            | {"diff_lo": lo, "diff_hi": hi}
            for k, (m, d, lo, hi) in rows.items()
        ]
    )


def test_foreign_tax_relief_summary_and_its_memo_sentence():
    """Who the relief pays (foreign-born AI staff in Korea), the tax waived each, how many of them are
    additional, and the cost per additional one; the sentence in both languages; nothing without it."""
    from sim.study import stats

    comp = _gain_comparison("fiscal_foreign_tax_relief_krw", "foreign_staff_kr", 40.0)
    ft = stats.policy_gain_summary(comp, "p", 2030, "foreign_tax_relief")
    assert ft["recipients"] == 600 and ft["per_recipient"] == 1.0e7 and ft["additional"] == 40
    assert ft["deadweight"] == pytest.approx(1 - 40 / 600) and ft["cost_per_additional"] == 6.0e9 / 40
    assert (ft["additional_lo"], ft["additional_hi"]) == (20, 70)
    en = "\n".join(R.policy_lines(comp, "p", 2030, "en"))
    assert "6.0 bn KRW of income tax waived for 600 foreign-born AI staff in Korea (about 10 M KRW a year each)" in en
    assert "+40 [+20, +70] more of them" in en and "93% of the recipients are not additional" in en
    assert "150 M KRW a year per additional foreign-born member of staff" in en and "Salary matching" not in en
    ko = "\n".join(R.policy_lines(comp, "p", 2030, "ko"))
    assert "외국 출신 AI 인력 600명의 소득세 60.0억원 감면" in ko and "연 1.50억원" in ko
    assert "+40명 [+20, +70]" in ko and "사중손실" in ko
    none = "\n".join(
        R.policy_lines(_gain_comparison("fiscal_foreign_tax_relief_krw", "foreign_staff_kr", -3.0), "p", 2030, "en")
    )
    assert "no more of them than in the baseline" in none and "per additional" not in none
    assert stats.policy_gain_summary(_comparison(140.0), "sm", 2030, "foreign_tax_relief") is None  # not in it
    comp.loc[comp.output == "fiscal_foreign_tax_relief_krw", "scenario_mean"] = 0.0
    assert stats.policy_gain_summary(comp, "p", 2030, "foreign_tax_relief") is None  # nothing waived
    assert R.policy_lines(comp, "p", 2030, "en") == []


def test_settlement_and_recruiting_drive_sentences_say_what_the_money_buys():
    """The settlement package pays the AI staff outside the capital region (recipients and deadweight);
    a recruiting drive has no recipients to count: its sentence gives the additional returns and the
    cost per additional return."""
    from sim.study import stats

    settle = _gain_comparison("fiscal_settlement_package_krw", "workforce_outside_capital", 300.0, level=3000.0)
    en = "\n".join(R.policy_lines(settle, "p", 2030, "en"))
    assert "6.0 bn KRW paid to 3,000 AI staff working outside the capital region (about 2 M KRW a year each)" in en
    assert "+300 [+280, +330] more of them" in en and "90% of the recipients are not additional" in en
    assert "20 M KRW a year per additional member of staff there" in en
    assert "수도권 밖에서 일하는 AI 인력 3,000명에게 60.0억원 지급" in "\n".join(
        R.policy_lines(settle, "p", 2030, "ko")
    )
    drive = _gain_comparison("fiscal_recruiting_drive_krw", "returns", 50.0)
    g = stats.policy_gain_summary(drive, "p", 2030, "recruiting_drive")
    assert np.isnan(g["recipients"]) and np.isnan(g["deadweight"]) and g["cost_per_additional"] == 6.0e9 / 50
    en = "\n".join(R.policy_lines(drive, "p", 2030, "en"))
    assert "Recruiting drives in 2030: 6.0 bn KRW a year; +50 [+30, +80] more Korean-born workers" in en
    assert "120 M KRW per additional return" in en and "deadweight" not in en
    ko = "\n".join(R.policy_lines(drive, "p", 2030, "ko"))
    assert "2030년 해외 인재 유치: 연 60.0억원" in ko and "+50명 [+30, +80]" in ko
    seats = _gain_comparison("fiscal_grad_seats_krw", "graduates_kr", 120.0)
    en = "\n".join(R.policy_lines(seats, "p", 2030, "en"))
    assert "Graduate seats in 2030: 6.0 bn KRW a year; +120 [+100, +150] more master's and PhD graduates" in en
    assert "50 M KRW per additional graduate" in en
    assert "국내 대학 AI 석·박사 졸업생은 기준 대비 +120명" in "\n".join(R.policy_lines(seats, "p", 2030, "ko"))


def _ts(gains: list[float], cost: float = 1.0e12) -> pd.DataFrame:
    """A tiny timeseries: baseline and 'pol', replications 0..n-1, Q4 of 2026-2027 (and a Q2 row
    that must be ignored); the policy adds `gains[r]` core talent and costs `cost` (x year index)."""
    rows = []
    for r, g in enumerate(gains):
        for year in (2026, 2027):
            k = year - 2025
            for scn in ("base", "pol"):
                on = scn == "pol"
                for quarter in (2, 4):
                    rows.append(
                        {
                            "scenario": scn,
                            "point": 0,
                            "replication": r,
                            "year": year,
                            "quarter": quarter,
                            "core_talent_kr": 1000.0 + (g * k if on else 0.0) + (99.0 if quarter == 2 else 0.0),
                            "shortage": 500.0 - (10.0 * k if on else 0.0),
                            "net_migration": -100.0 + (5.0 if on else 0.0),
                            "fiscal_cost_krw": cost * k if on else 0.0,
                            "net_fiscal_cost_krw": 0.8 * cost * k if on else 0.0,
                        }
                    )
    return pd.DataFrame(rows)


def test_policy_effects_are_paired_differences_with_costs_per_researcher_and_cumulative_costs():
    from sim.study import stats

    e = stats.policy_effects(_ts([100.0, 200.0, 300.0]), "base").set_index(["year", "measure"])
    assert set(e.index.get_level_values("measure")) == set(stats.EFFECT_MEASURES)
    assert e.loc[(2027, "core_talent_kr"), "mean"] == 400.0  # gains x 2 in the second year; Q2 ignored
    assert e.loc[(2026, "shortage"), "mean"] == -10.0 and e.loc[(2026, "net_migration"), "mean"] == 5.0
    # cost per additional researcher: mean cost over mean gain; interval from per-replication ratios
    assert e.loc[(2026, "cost_per_additional_krw"), "mean"] == 1.0e12 / 200.0
    assert e.loc[(2026, "cost_per_additional_krw"), "hi"] <= 1.0e12 / 100.0
    assert e.loc[(2026, "cost_per_additional_krw"), "lo"] >= 1.0e12 / 300.0
    assert e.loc[(2027, "net_cost_per_additional_krw"), "mean"] == 0.8 * 2.0e12 / 400.0
    # cumulative cost to the end of each year: 1 tn, then 1 + 2 tn
    assert e.loc[(2026, "cumulative_cost_krw"), "mean"] == 1.0e12
    assert e.loc[(2027, "cumulative_cost_krw"), "mean"] == 3.0e12
    assert e.loc[(2027, "cumulative_net_cost_krw"), "mean"] == pytest.approx(2.4e12)
    assert (e["pairs"] == 3).all()
    # a replication without a gain counts as infinitely expensive: the interval stays, open above
    # (it was dropped, and the app then said an interval "needs 2 replications" with 10 of them)
    mixed = stats.policy_effects(_ts([-50.0, 200.0, 300.0]), "base").set_index(["year", "measure"])
    row = mixed.loc[(2026, "cost_per_additional_krw")]
    assert row["mean"] == pytest.approx(1.0e12 / 150.0)
    assert 1.0e12 / 300.0 <= row["lo"] < 1.0e12 / 200.0 and row["hi"] == np.inf
    assert R._interval("cost_per_additional_krw", row, "en", False).endswith(", no upper bound]")
    assert R._interval("cost_per_additional_krw", row, "ko", False).endswith(", 상한 없음]")
    # most replications without a gain (the mean still positive): no interval, said as such
    most = stats.policy_effects(_ts([-50.0, -20.0, -10.0, 400.0]), "base").set_index(["year", "measure"])
    row = most.loc[(2026, "cost_per_additional_krw")]
    assert row["mean"] > 0 and row["lo"] == row["hi"] == np.inf
    assert R._interval("cost_per_additional_krw", row, "en", False).endswith(
        " [no interval: most replications add no core researcher]"
    )
    # with 21 replications, one without a gain leaves the 95th percentile (the 20th of 21) finite
    gains = [-10.0] + [100.0 + i for i in range(20)]
    many = stats.policy_effects(_ts(gains), "base").set_index(["year", "measure"])
    assert np.isfinite(many.loc[(2026, "cost_per_additional_krw"), "hi"])
    assert many.loc[(2026, "cost_per_additional_krw"), "hi"] <= 1.0e12 / 100.0
    none = stats.policy_effects(_ts([-50.0, -20.0, 10.0]), "base").set_index(["year", "measure"])
    assert np.isnan(none.loc[(2026, "cost_per_additional_krw"), "mean"])
    # a free policy has no cost per researcher (it read "0 [0, no upper bound]")
    free = stats.policy_effects(_ts([-50.0, 200.0, 300.0], cost=0.0), "base").set_index(["year", "measure"])
    assert free.loc[(2026, "cost_per_additional_krw"), ["mean", "lo", "hi"]].isna().all()


def test_adjusted_scenario_is_described_by_its_settings():
    """A scenario adjusted in the app no longer carries its starting file's description ("half of
    the salary" when the slider says 30 %): the description and titles are generated."""
    scn = S.load(ROOT / "scenarios" / "salary-matching-50.yaml")
    custom = E.apply_settings(scn, dict(E.settings_of(scn), sm_share=0.3))
    assert "half" not in custom.description and "share paid by the state: 30%" in custom.description
    assert custom.description.startswith("Adjusted in the explorer app from the scenario 'salary-matching-50'.")
    assert custom.display_name("en") == "Salary matching 50 % (adjusted)"
    assert custom.display_name("ko") == "연봉 매칭 50% (조정)"
    ko = R.description(custom, "ko")
    assert "절반" not in ko and "정부 부담 비율: 30%" in ko and "'salary-matching-50'" in ko
    again = E.apply_settings(custom, dict(E.settings_of(custom), sm_share=0.4))  # adjusted twice
    assert again.adjusted_from == "salary-matching-50" and again.display_name("en").count("adjusted") == 1
    # the YAML the app offers keeps the generated text and titles; a rerun of it describes itself
    back = S.from_document(yaml.safe_load(E.scenario_yaml(custom, 2, 1)))
    assert back.description == custom.description and back.title == custom.title


# words allowed in a Korean memo: the tool, hashes and commits, file names and paths
_LATIN_OK = {"talentsim", "git", "sha", "dirty", "docs", "model", "md", "parameters", "csv", "summary", "AI"}
_LATIN_OK |= {"LG", "SK", "ZDNet", "KAIST"}  # proper names in the Korean descriptions


def _latin_words(text: str) -> set[str]:
    text = re.sub(r"^    .*$", " ", text, flags=re.M)  # indented code: the commands that reproduce the numbers
    text = re.sub(r"`[^`]*`|'[^']*'|\([0-9a-f]{6,}[^)]*\)", " ", text)  # names in quotes and backticks, hashes
    return {w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in _LATIN_OK and not re.fullmatch(r"[0-9a-f]+", w)}


def test_a_korean_comparison_is_korean_throughout(tmp_path):
    """`talentsim compare --lang ko` of three policies: the memo has the headline first and no
    English words (labels, descriptions, settings, citation, footer); the terminal prints the
    policies side by side; the workbook's sheets and headers are Korean and its numbers are the
    CSV's."""
    small = "horizon: {end_year: 2022}\nreplications: 2\nseed: 5\nparameters: {scale: 0.03}\n"
    (tmp_path / "b.yaml").write_text(
        "name: b\ndescription: small baseline\ntitle: Base\ntitle_ko: 기준\ndescription_ko: 작은 기준 시나리오\n"
        + small
    )
    pols = {
        "sm": "salary_matching: {share: 0.5, tiers: all, start: 2021.0}",
        "seats": "grad_seats: {extra_seats: 500.0, start: 2021.0}",
        "drive": "recruiting_drive: {rate: 0.1, cost_bn_krw: 5.0, start: 2021.0}",
    }
    for name, pol in pols.items():
        (tmp_path / f"{name}.yaml").write_text(
            f"name: {name}\ndescription: {name} for tests\nbase: b.yaml\npolicies:\n  {pol}\n"
        )
    r = subprocess.run(
        [sys.executable, "-m", "sim", "compare", "b.yaml", "sm.yaml", "seats.yaml", "drive.yaml", "--lang", "ko"]
        + ["--out", "res", "--workers", "1", "--year", "2022", "--no-progress"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    assert "| 2022년, 기준 대비 |" in r.stdout and "추가 핵심 인재 1인당 총비용 (연간)" in r.stdout
    memo = (tmp_path / "res" / "memo.md").read_text()
    assert memo.index("## 핵심 결과 (2022년)") < memo.index("## 기준 (`b`)")
    assert "- **연봉 매칭**: 정부 부담 비율: 50%; 지원 대상 등급: 전체 AI 인력;" in memo
    assert "출처: talentsim" in memo and "반복 실행 2회" in memo and "쉽게 말하면." in memo
    assert _latin_words(memo) <= set(pols), _latin_words(memo)  # the scenarios without a Korean title
    assert "talentsim rerun manifest.json --out check/  # 이 폴더에서" in memo  # the command's comment too
    # the terminal's table (read back from policies.csv) is the memo's, to the last digit
    printed = [line for line in r.stdout.splitlines() if line.startswith("|")]
    assert len(printed) >= 3 and all(line in memo.splitlines() for line in printed)
    # the footer says what the intervals carry, as the top does (posterior draws by default)
    carry = U.describe("posterior", "ko")
    assert memo.count(carry) == 2 and memo.rstrip().splitlines()[-1].count(carry) == 1
    eff = pd.read_csv(tmp_path / "res" / "policies.csv")
    assert set(eff.scenario) == {"sm", "seats", "drive"}
    wb = openpyxl.load_workbook(tmp_path / "res" / "results.xlsx", read_only=True)
    assert wb.sheetnames == ["요약", "기준 대비 차이", "정책 효과", "정보"]
    rows = list(wb["정책 효과"].iter_rows(values_only=True))
    head = rows[0]
    assert head[:4] == ("시나리오", "시나리오 파일 이름", "격자 지점", "연도 (4분기)")
    col = head.index("국내 핵심 AI 인재 증가 (명), 평균")
    got = {(r[1], r[3]): r[col] for r in rows[1:]}
    want = eff[eff.measure == "core_talent_kr"].set_index(["scenario", "year"])["mean"]
    assert got == pytest.approx(want.to_dict())
    assert all(not _latin_words(str(h)) for h in head)
    # money in the units of Korean policy writing, one per column, shown as the memo shows numbers:
    # the workbook held 78.44999999999996 and 0.09358540634844781 in "General" cells, its money in
    # 십억원 and 백만원 while its About sheet said "금액은 억원·조원 단위입니다"
    cost = head.index("총 재정 비용 (연간) (억원/년), 평균")
    want = eff[(eff.measure == "fiscal_cost_krw") & (eff.scenario == "sm")].set_index("year")["mean"] / 1e8
    assert {r[3]: r[cost] for r in rows[1:] if r[1] == "sm"} == pytest.approx(want.to_dict())
    full = openpyxl.load_workbook(tmp_path / "res" / "results.xlsx")
    fmt = {c.value: full["정책 효과"].cell(row=2, column=c.column).number_format for c in full["정책 효과"][1]}
    assert (
        fmt["국내 핵심 AI 인재 증가 (명), 평균"] == "+#,##0;-#,##0;#,##0"
        and fmt["총 재정 비용 (연간) (억원/년), 평균"] == "#,##0.0"
    )
    summ = {c.value: full["요약"].cell(row=2, column=c.column).number_format for c in full["요약"][1]}
    assert summ["인력 부족률 (비율), 평균"] == "0.0%" and summ["AI 인력 중위 연봉 (만원/년), 평균"] == "#,##0"
    diff = {
        c.value: full["기준 대비 차이"].cell(row=2, column=c.column).number_format for c in full["기준 대비 차이"][1]
    }
    assert diff["AI 인력 부족 인원 (명), 평균"].startswith("+#,##0;-#,##0")  # a difference carries its sign
    about = [r[0] for r in full["정보"].iter_rows(values_only=True)]
    assert about[-1] == R.footer(SimpleNamespace(uncertainty="posterior"), "ko", workbook=True)
    assert "연봉은 만원, 재정 금액은 억원" in about[-1] and "조원" not in about[-1]


def test_the_footer_says_what_the_intervals_carry_in_each_mode():
    """The memo's (and the workbook's) closing line names the interval of the memo's mode: a
    posterior memo's footer once said its intervals left out parameter uncertainty."""
    for mode in U.MODES:
        for lang in i18n.LANGS:
            foot = R.footer(SimpleNamespace(uncertainty=mode), lang)
            assert U.describe(mode, lang) in foot
            others = [U.describe(m, lang) for m in U.MODES if m != mode]
            assert not any(o in foot for o in others)


def test_a_binding_budget_is_reported_with_the_share_paid():
    comp = _comparison(140.0)
    comp["scenario_mean"] = comp["diff_mean"]  # against a baseline without the programme, level = difference
    comp = pd.concat(
        [
            comp,
            pd.DataFrame(
                [
                    {
                        "scenario": "sm",
                        "point": 0,
                        "year": 2030,
                        "output": "sm_paid_share",
                        "diff_mean": 0.0,
                        "scenario_mean": 0.6,
                    }
                ]
            ),
        ]
    )
    en = "\n".join(R._salary_matching_lines(comp, "sm", 2030, "en"))
    assert "The budget binds: in 2030 it pays 60% of what the recipients are entitled to" in en
    assert "예산 한도에 걸립니다" in "\n".join(R._salary_matching_lines(comp, "sm", 2030, "ko"))
    assert "budget binds" not in "\n".join(R._salary_matching_lines(_comparison(140.0), "sm", 2030, "en"))


def test_the_budget_share_paid_is_an_output():
    """sm_paid_share: 1 without a budget; below 1 when the budget binds, and then the gross cost
    of salary matching is the budget."""
    from tests.conftest import small

    free = small(sm_share=0.5, sm_start=2021.0, sm_tiers="all").run()
    assert (free["sm_paid_share"] == 1.0).all()
    capped = small(sm_share=0.5, sm_start=2021.0, sm_tiers="all", sm_budget=5.0).run()
    last = capped.iloc[-1]
    assert last["sm_paid_share"] < 1.0
    assert last["fiscal_salary_matching_krw"] == pytest.approx(5.0e9, rel=1e-6)


def test_app_cost_per_researcher_card_gives_an_open_interval_when_some_replication_gains_nothing():
    """The card under "cost per extra researcher" (same numbers as the memo's `policy_effects`):
    with a replication that gains nothing its interval is open above, and it no longer claims
    that an interval "needs 2 replications" when there are 10."""
    from sim.study import stats

    ts = _ts([-50.0, 200.0, 300.0]).replace({"scenario": {"base": E.BASELINE}})
    cpc = E.cost_per_core(ts, 2026)
    eff = stats.policy_effects(ts, E.BASELINE).set_index(["year", "measure"]).loc[(2026, "cost_per_additional_krw")]
    assert (cpc["value"], cpc["lo"], cpc["hi"]) == (eff["mean"], eff["lo"], eff["hi"]) and cpc["hi"] == np.inf
    en, ko = E.cost_per_core_caption(cpc, "en"), E.cost_per_core_caption(cpc, "ko")
    assert en.startswith("per year; 90% interval: from ") and "no upper bound" in en and "2 replications" not in en
    assert "상한 없음" in ko
    full = E.cost_per_core(_ts([100.0, 200.0, 300.0]).replace({"scenario": {"base": E.BASELINE}}), 2026)
    assert E.cost_per_core_caption(full, "en").startswith("per year; 90% interval: ") and np.isfinite(full["hi"])
    most = E.cost_per_core(_ts([-50.0, -20.0, -10.0, 400.0]).replace({"scenario": {"base": E.BASELINE}}), 2026)
    assert E.cost_per_core_caption(most, "ko") == "연간 비용, 구간 없음: 대부분의 반복 실행에서 핵심 인재가 늘지 않음"
    one = E.cost_per_core(_ts([100.0]).replace({"scenario": {"base": E.BASELINE}}), 2026)
    assert E.cost_per_core_caption(one, "en") == "per year (an interval needs 2 replications)"


def test_headline_sentence_gives_the_cost_per_researcher_with_its_unit_and_open_interval():
    """The memo's headline sentence states the cost per additional researcher with its unit in both
    languages (it read "i.e. 10.29 [5.48, …] a year" in English, without "bn KRW")."""
    from types import SimpleNamespace

    from sim.core.params import Params
    from sim.study import stats

    scn = [
        SimpleNamespace(
            name=n, display_name=lambda lang, n=n: n.upper(), n_points=1, first_point=lambda: ({}, Params())
        )
        for n in ("base", "pol")
    ]
    plan = SimpleNamespace(scenarios=scn)
    eff = stats.policy_effects(_ts([-50.0, 200.0, 300.0]), "base")
    (en,) = R.headline_lines(plan, eff, 2026, "en")
    assert "i.e. 6.7 bn KRW [3.5 bn KRW, no upper bound] a year per additional researcher" in en, en
    (ko,) = R.headline_lines(plan, eff, 2026, "ko")
    assert "추가 인재 1인당 연 66.7억원 [35.0억원, 상한 없음]" in ko, ko


def test_every_policy_gain_names_outputs_the_runs_have():
    """Each paying policy's sentence reads its instrument's fiscal output and its gain output: both
    are outputs of a run, and every policy with a cost but salary matching has an entry."""
    from sim.core import policies
    from sim.core.outputs import OUTPUT_NAMES
    from sim.study import stats

    for g in stats.POLICY_GAINS.values():
        assert g.cost in OUTPUT_NAMES and g.gain in OUTPUT_NAMES, g
    paying = {p.name for p in policies.POLICIES if p.instrument and p.name != "salary_matching"}
    assert set(stats.POLICY_GAINS) == paying


def test_a_large_sweep_lists_its_first_points_and_says_so():
    """The memo's table of sweep points stops at MAX_SWEEP_ROWS (a 10,000-point grid would have made
    a memo of 10,000 rows) and says where the others are; point 0's settings are named."""
    import dataclasses

    scn = S.load(ROOT / "scenarios" / "sweep-salary-matching.yaml")
    big = dataclasses.replace(scn, sweep={"policies.salary_matching.share": [round(0.01 * i, 2) for i in range(71)]})
    summ = pd.DataFrame(columns=["scenario", "point", "year", "output", "mean", "lo", "hi", "replications"])
    lines = R.sweep_lines(big, summ, 2030, "en")
    rows = [ln for ln in lines if re.match(r"^\| \d+ \| ", ln)]
    assert len(rows) == R.MAX_SWEEP_ROWS == 60 and rows[-1].startswith("| 59 | 59% |")
    assert lines[-1] == "The table shows the first 60 of the 71 points; every point is in summary.csv."
    assert "point 0 (share paid by the state: 0%)" in lines[0]


def test_a_deadweight_just_below_one_is_not_shown_as_100_percent():
    """+17 additional of 44,358 recipients: "100% are not additional" said that none is."""
    assert R.share_text(1 - 17 / 44358) == "99.9%" and R.share_text(0.98) == "98%" and R.share_text(1.0) == "100%"
    assert R.share_text(0.9949) == "99%" and R.share_text(0.995) == "99.5%"
    comp = _comparison(1.0)  # 1 additional of 7,000 paid
    assert "99.9% of the recipients are not additional" in "\n".join(R._salary_matching_lines(comp, "sm", 2030, "en"))


def test_a_package_does_not_credit_its_joint_gain_to_one_policy():
    """Found comparing the shipped combined package: "Salary matching in 2035: 6,996 people paid and
    +1,735 core researchers more than in the baseline, so 75% are not additional; 593 M KRW a year
    per additional researcher", the package's joint gain (seats, medical-school pull, drives…) put on
    salary matching (alone: +244, 2.0 bn KRW). With more than one cause, each policy's sentence
    says what it pays and the joint change, with no deadweight or cost per additional person."""
    plan = SimpleNamespace(scenarios=[S.load(ROOT / "scenarios" / "baseline.yaml")])
    load = lambda n: S.load(ROOT / "scenarios" / f"{n}.yaml")  # noqa: E731
    assert R.joint_effect(plan, load("combined-package"))  # five policies
    assert not R.joint_effect(plan, load("salary-matching-50-capped"))  # one policy, capped
    assert not R.joint_effect(plan, load("corporate-grad-schools"))  # a setting alone, no policy
    shipped = load("sweep-salary-matching")  # its point 0 runs no policy; from 25 %: on another path
    sweep = dataclasses.replace(shipped, sweep={**shipped.sweep, "policies.salary_matching.share": [0.25, 0.5]})
    assert R.joint_effect(plan, sweep) and R.assumption_note(plan, sweep, "en")
    comp = _comparison(140.0)
    for lang, paid in (("en", "7,000 people paid, 1.00 tn KRW a year"), ("ko", "수혜자 7,000명, 연 1.00조원")):
        alone = "\n".join(R.policy_lines(comp, "sm", 2030, lang))
        both = "\n".join(R.policy_lines(comp, "sm", 2030, lang, joint=True))
        assert paid in both and i18n.t("memo_read_joint", lang) in both
        assert ("deadweight" if lang == "en" else "사중손실") in alone
        assert "98%" in alone and "98%" not in both and "7.1" not in both  # deadweight, cost per additional


def test_settings_leave_out_what_the_eligibility_basis_ignores():
    """The memo listed "eligibility by: tier; salary threshold (a year): 100 M KRW" though the tier
    basis ignores the threshold (and the salary basis ignores the tiers): an analyst read a
    threshold that does nothing."""
    scn = S.load(ROOT / "scenarios" / "salary-matching-50.yaml")
    tier = "\n".join(R.settings_lines(scn, "en")) + R.describe(scn, "en")
    assert "eligibility by: tier" in tier and "salary threshold" not in tier and "eligible tiers: core" in tier
    by_pay = E.apply_settings(scn, dict(E.settings_of(scn), sm_basis="salary", sm_min_salary=120.0))
    pay = "\n".join(R.settings_lines(by_pay, "en")) + R.describe(by_pay, "en")
    assert "salary threshold (a year): 120 M KRW" in pay and "eligible tiers" not in pay
    ko = "\n".join(R.settings_lines(scn, "ko"))
    assert "연봉 기준선" not in ko and "지원 대상 등급: 핵심" in ko


def test_a_headline_year_before_the_policies_start_says_so():
    """`compare … --year 2024` with salary matching from 2026 read "+0 core AI researchers in 2024,
    at no fiscal cost" with no word that the policy had not started."""
    scn = S.load(ROOT / "scenarios" / "salary-matching-50.yaml")
    assert R.not_started(scn, 2024, "en") == i18n.t("memo_not_started", "en", start="2026 Q1", year=2024)
    assert "2026년 1분기에 시작하므로 2025년까지는" in R.not_started(scn, 2025, "ko")
    assert (
        R.not_started(scn, 2026, "en") == ""
        and R.not_started(S.load(ROOT / "scenarios" / "baseline.yaml"), 2024, "en") == ""
    )


def test_a_difference_whose_interval_includes_zero_is_read_as_no_clear_effect():
    """`compare baseline lab-acquisition-europe weaker-med-school-pull --lang ko` read "약 -7명 차이가
    납니다 … -82명에서 +78명 사이": an analyst could cite a loss of 7 that the runs cannot tell from
    none. The reading now says so when the 90% interval includes zero (and only then)."""
    load = lambda n: S.load(ROOT / "scenarios" / f"{n}.yaml")  # noqa: E731
    plan = SimpleNamespace(scenarios=[load("baseline"), load("lab-acquisition-europe"), load("weaker-med-school-pull")])
    plan.replications = 4
    rows = [
        ("lab-acquisition-europe", 2030, -7.0, -82.0, 78.0),
        ("weaker-med-school-pull", 2030, 248.0, 223.0, 275.0),
        ("lab-acquisition-europe", 2025, 0.0, 0.0, 0.0),  # before the start: said otherwise
        ("weaker-med-school-pull", 2025, 0.0, 0.0, 0.0),
    ]
    effects = pd.DataFrame(
        [
            {"scenario": n, "point": 0, "year": y, "measure": "core_talent_kr", "mean": m, "lo": lo, "hi": hi}
            | {"pairs": 4}
            for n, y, m, lo, hi in rows
        ]
    )
    for lang in ("en", "ko"):
        zero = i18n.t("memo_read_zero", lang, reps=4)
        lab, med = R.reading(plan, effects, None, 2030, lang)
        assert zero in lab and zero not in med
        assert ("-82" in lab and "+78" in lab) and "+223" in med
        # 4 replications: the interval is called rough (the 5th-95th percentile of 4 values ~ their range)
        few = i18n.t("memo_read_few", lang, reps=4, enough=R.ENOUGH_REPLICATIONS)
        assert few in lab and few in med
        before = R.reading(plan, effects, None, 2025, lang)
        assert all(
            zero not in text and R.not_started(s, 2025, lang) in text for text, s in zip(before, plan.scenarios[1:])
        )
    plan.replications = 10  # enough: no such clause
    assert not any("rough" in x for x in R.reading(plan, effects, None, 2030, "en"))
    assert not any("대략적" in x for x in R.reading(plan, effects, None, 2030, "ko"))


def test_a_parameters_label_keeps_a_colon_of_its_own_description(monkeypatch):
    """Found running the shipped sweep-foreign-history: its table headed a column "Twice as many),
    x)", since the short label dropped everything before the first colon, meant for a policy's name
    ("Salary matching: share paid by the state") but applied to a parameter's own description
    ("... (1: twice as many)"). frontier_boom has since got an app label (the lever's, used as
    is); without one its description is kept whole."""
    scn = S.load(ROOT / "scenarios" / "sweep-foreign-history.yaml")
    for lang in ("en", "ko"):
        assert R.setting_label("frontier_boom", lang) == i18n.lever_label("frontier_boom", lang)
    line = next(x for x in R.settings_lines(scn) if i18n.lever_label("frontier_boom", "en") in x)
    assert line.endswith("(extra offers, × 2020–22): 0 · 1 (sweep)"), line
    monkeypatch.delitem(i18n.LEVER_LABELS, "frontier_boom")
    for lang, doc in (("en", "(1: twice as many)"), ("ko", "(1: 두 배)")):
        label = R.setting_label("frontier_boom", lang)
        assert label.startswith("`frontier_boom` (") and doc in label, label
        assert R.setting_label("sm_share", lang) == i18n.lever_label("sm_share", lang).split(": ", 1)[-1]
    line = next(x for x in R.settings_lines(scn) if "frontier_boom" in x)
    assert "(1: twice as many); their pay rises with them (foreign_pay_response), x): 0 · 1 (sweep)" in line, line


def test_a_budget_that_binds_is_said_even_when_salary_matching_gains_no_one(monkeypatch):
    """Found when the posterior was rerun: a salary-matching scenario on a small budget whose 2021
    gain came out at or below zero lost the sentence that the budget binds (the no-gain sentence
    returned early), so the memo no longer said the state paid 27 % of the entitlement."""
    from sim.study import stats

    sm = {"recipients": 120.0, "additional": -3.0, "paid_share": 0.27}
    monkeypatch.setattr(stats, "salary_matching_summary", lambda comp, scenario, year: sm)
    for lang, said in (
        ("en", "The budget binds: in 2021 it pays 27%"),
        ("ko", "2021년 예산은 수혜자 지원 자격액의 27%만"),
    ):
        text = " ".join(R._salary_matching_lines(pd.DataFrame(), "tight", 2021, lang))
        assert said in text and ("no more core researchers" in text or "늘지 않음" in text), text


def test_the_salary_matching_reading_names_the_foreign_employers_assumption(monkeypatch):
    """The gain from fewer people leaving holds only if foreign employers replace a refusal from
    Korea elsewhere (foreign_target_pursuit 0, the default; ODD 7.3): the reading says so, and
    says that part of the gain is undone when the scenario sets a pursuit."""
    from sim.study import stats

    monkeypatch.setattr(
        stats,
        "salary_matching_summary",
        lambda comp, scenario, year: {"recipients": 6000.0, "deadweight": 0.96, "paid_share": 1.0, "additional": 220.0},
    )
    base = S.load(ROOT / "scenarios" / "baseline.yaml")
    sm = S.load(ROOT / "scenarios" / "salary-matching-50.yaml")
    chased = dataclasses.replace(sm, name="chased", overrides={**sm.overrides, "foreign_target_pursuit": 0.5})
    effects = pd.DataFrame(
        [
            {"scenario": n, "point": 0, "year": 2030, "measure": "core_talent_kr", "mean": 220.0}
            | {"lo": 30.0, "hi": 457.0, "pairs": 30}
            for n in ("salary-matching-50", "chased")
        ]
    )
    plan = SimpleNamespace(scenarios=[base, sm, chased], replications=30)
    for lang in ("en", "ko"):
        off, on = R.reading(plan, effects, pd.DataFrame(), 2030, lang)
        assert i18n.t("memo_read_sm_pursuit_off", lang) in off and "sweep-foreign-pursuit" in off
        assert i18n.t("memo_read_sm_pursuit_on", lang, phi="0.5") in on
        assert i18n.t("memo_read_sm_pursuit_off", lang) not in on
