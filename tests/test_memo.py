"""The memo states what each scenario sets: its active policies with every field, start dates
as year and quarter, and the parameters set differently from the defaults."""

import dataclasses
from pathlib import Path

import pandas as pd

from sim.app import explorer as E
from sim.study import memo as R
from sim.study import scenarios as S

ROOT = Path(__file__).resolve().parents[1]


def test_settings_lines_list_active_policies_and_changed_parameters():
    scn = S.load(ROOT / "scenarios" / "salary-matching-50-capped.yaml")
    st = dict(E.settings_of(scn), sm_share=0.75, sm_start=2027.5, beta_pay=3.0)
    custom = E.apply_settings(scn, st)
    en = "\n".join(R.settings_lines(custom, "en"))
    assert "- **Salary matching**: share paid by the state: 0.75;" in en
    assert "cap per person (M KRW/yr, 0 = none): 150;" in en and "start (year): 2027 Q3;" in en
    assert "also for staff already employed: yes" in en
    assert "Graduate seats" not in en  # inactive policies are not listed
    assert "- Pay sensitivity of job choice: 3\n" in en + "\n"
    ko = "\n".join(R.settings_lines(custom, "ko"))
    assert "**연봉 매칭**: 정부 부담 비율: 0.75;" in ko and "2027년 3분기" in ko
    academy = S.load(ROOT / "scenarios" / "corporate-grad-schools.yaml")
    assert "- academy_share (사내 AI 아카데미를 운영하는 대기업 비율, 비율): 1" in R.settings_lines(academy, "ko")
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
    assert "수혜자 7,000명" in ko and "사중손실" in ko and "71억원" in ko
    none = "\n".join(R._salary_matching_lines(_comparison(-5.0), "sm", 2030, "en"))
    assert "no more core researchers" in none and "per additional" not in none
    assert stats.salary_matching_summary(_comparison(140.0), "other", 2030) is None  # nobody paid
