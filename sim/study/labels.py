"""One table of the quantities the project presents: name, unit, scale, format, labels.

The CLI tables, the memo, the app (cards, charts, table) and the figures all read their
labels, units, scales and formats from `QUANTITIES`; the raw units of every output are the
engine's (`sim.core.outputs.UNITS`). A value is shown as `fmt.format(value / scale)` in
`unit`; money in Korean text is written in 만원/억원/조원 instead (`i18n.money`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from ..core.codes import TIER_NAMES
from ..core.outputs import UNITS
from . import i18n


@dataclass(frozen=True)
class Quantity:
    name: str  # the output's name in the results tables
    short: str  # English label in terminal tables and the English memo
    en: str  # English label (app, figures)
    ko: str  # Korean label (app, Korean memo)
    scale: float  # shown value = value / scale
    unit: str  # unit of the shown value (English)
    fmt: str  # format of the shown value
    money: bool = False  # KRW: Korean text writes it in 만원/억원/조원

    def label(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en

    def unit_in(self, lang: str) -> str:
        """The unit as a table header states it in `lang` (money in Korean: KRW per year)."""
        if lang != "ko":
            return self.unit
        if self.money:
            return "원/년" if self.unit.endswith("/yr") else "원"
        return i18n.UNITS_KO.get(self.unit, self.unit)

    def scaled(self, v: float) -> float:
        return v / self.scale

    def format(self, v: float, signed: bool = False) -> str:
        fmt = self.fmt
        if signed and not fmt.startswith("{:+"):
            fmt = fmt.replace("{:", "{:+", 1)
        head, _, tail = fmt.partition("}")  # "{:spec}suffix"
        return i18n.num(self.scaled(v), head[2:]) + tail  # no "-0"

    def text(self, v: float, lang: str = "en", signed: bool = False) -> str:
        """`format` in `lang`: in Korean, money in 만원/억원/조원 and ratios as 배."""
        if self.money and lang == "ko":
            return i18n.money(v, lang, signed=signed, usd=False)
        s = self.format(v, signed)
        return s[:-1] + "배" if lang == "ko" and self.unit == "x" and s.endswith("x") else s


def _q(name, short, en, ko, fmt, scale=1.0, unit=None, money=False) -> Quantity:
    return Quantity(name, short, en, ko, scale, unit if unit is not None else UNITS[name], fmt, money)


QUANTITIES: dict[str, Quantity] = {
    q.name: q
    for q in (
        _q("shortage", "shortage", "AI staff shortage", "AI 인력 부족 인원", "{:,.0f}"),
        _q("shortage_rate", "shortage rate", "Shortage rate", "인력 부족률", "{:.1%}"),
        _q("workforce_kr", "AI staff (KR firms)", "AI staff of Korean AI firms", "국내 AI 기업 인력", "{:,.0f}"),
        _q("core_talent_kr", "core talent in KR", "Core AI talent in Korea", "국내 핵심 AI 인재", "{:,.0f}"),
        _q("kr_abroad", "Korean-born abroad", "Korean-born AI people abroad", "해외 한국인 AI 인력", "{:,.0f}"),
        _q("net_migration", "net migration /yr", "Net migration (per year)", "순이동 (연간)", "{:+,.0f}"),
        _q(
            "migration_index",
            "migration index",
            "Migration index (per 10,000 LinkedIn members)",
            "순이동 지수 (링크드인 회원 1만 명당)",
            "{:+.2f}",
        ),
        _q(
            "median_salary_kr",
            "median pay (M KRW)",
            "Median pay, AI staff",
            "AI 인력 중위 연봉",
            "{:,.1f}",
            scale=1e6,
            unit="M KRW/yr",
            money=True,
        ),
        _q("salary_gap_median", "US/KR pay, median", "US/Korean pay, median", "미국/한국 연봉 배수 (중위)", "{:.2f}x"),
        _q("salary_gap_top", "US/KR pay, top 1%", "US/Korean pay, top 1%", "미국/한국 연봉 배수 (상위 1%)", "{:.2f}x"),
        _q(
            "fiscal_cost_krw",
            "fiscal cost (bn KRW/yr)",
            "Fiscal cost (per year)",
            "재정 비용 (연간)",
            "{:,.1f}",
            scale=1e9,
            unit="bn KRW/yr",
            money=True,
        ),
        _q(
            "net_fiscal_cost_krw",
            "net fiscal cost (bn KRW/yr)",
            "Fiscal cost net of income tax recouped (per year)",
            "소득세 환수 후 순 재정 비용 (연간)",
            "{:,.1f}",
            scale=1e9,
            unit="bn KRW/yr",
            money=True,
        ),
        _q(
            "sm_recipients",
            "SM recipients",
            "Salary-matching recipients",
            "연봉 매칭 수혜자",
            "{:,.0f}",
            unit="persons",
        ),
    )
}


# a policy's effect (`stats.policy_effects`): differences from the baseline and derived costs
EFFECTS: dict[str, Quantity] = {
    q.name: q
    for q in (
        _q(
            "core_talent_kr",
            "core talent in KR",
            "Additional core AI talent in Korea",
            "국내 핵심 AI 인재 증가",
            "{:+,.0f}",
        ),
        _q("shortage", "shortage", "Change in the AI staff shortage", "AI 인력 부족 변화", "{:+,.0f}"),
        _q(
            "net_migration", "net migration /yr", "Change in net migration (per year)", "순이동 변화 (연간)", "{:+,.0f}"
        ),
        _q(
            "fiscal_cost_krw",
            "gross cost /yr",
            "Gross fiscal cost (per year)",
            "총 재정 비용 (연간)",
            "{:,.1f}",
            scale=1e9,
            unit="bn KRW/yr",
            money=True,
        ),
        dataclasses.replace(QUANTITIES["net_fiscal_cost_krw"], short="net cost /yr"),
        _q(
            "cost_per_additional_krw",
            "gross cost per extra researcher /yr",
            "Gross cost per additional core researcher (per year)",
            "추가 핵심 인재 1인당 총비용 (연간)",
            "{:,.2f}",
            scale=1e9,
            unit="bn KRW/yr",
            money=True,
        ),
        _q(
            "net_cost_per_additional_krw",
            "net cost per extra researcher /yr",
            "Net cost per additional core researcher (per year)",
            "추가 핵심 인재 1인당 순비용 (연간)",
            "{:,.2f}",
            scale=1e9,
            unit="bn KRW/yr",
            money=True,
        ),
        _q(
            "cumulative_cost_krw",
            "cumulative gross cost",
            "Cumulative gross fiscal cost to the end of the year",
            "연말까지 누적 총 재정 비용",
            "{:,.0f}",
            scale=1e9,
            unit="bn KRW",
            money=True,
        ),
        _q(
            "cumulative_net_cost_krw",
            "cumulative net cost",
            "Cumulative net fiscal cost to the end of the year",
            "연말까지 누적 순 재정 비용",
            "{:,.0f}",
            scale=1e9,
            unit="bn KRW",
            money=True,
        ),
    )
}


# outputs that are not presented quantities (no card, chart or table column) but are shown by name
# on the calibration page: their display labels
_TIER_KO = dict(zip(TIER_NAMES, ("핵심", "시니어", "응용"), strict=True))  # as the parameter labels name them
OTHER_LABELS: dict[str, dict[str, str]] = {
    "ai_workers_kr": {"en": "AI workers in Korea", "ko": "국내 AI 종사자"},
    "faculty": {"en": "AI faculty in post at Korean universities", "ko": "국내 대학 AI 교수 (재직)"},
    "foreign_share_workforce": {"en": "Foreign share of AI staff", "ko": "AI 인력 중 외국인 비율"},
    "foreign_staff_kr": {"en": "Foreign-born AI staff in Korea", "ko": "국내 외국 출신 AI 인력"},
    "workforce_outside_capital": {
        "en": "AI staff working outside the capital region",
        "ko": "수도권 밖에서 일하는 AI 인력",
    },
    "grad_seats": {"en": "Graduate places at the next intake", "ko": "다음 학기 대학원 정원"},
    "job_changers_abroad_share": {
        "en": "Share of job changers moving abroad",
        "ko": "이직자 중 해외로 옮긴 비율",
    },
    "job_change_rate": {
        "en": "Share of AI staff who changed employer in the year",
        "ko": "한 해 동안 직장을 옮긴 AI 인력 비율",
    },
    "kr_workers_abroad": {"en": "Korean-born AI workers abroad", "ko": "해외에서 일하는 한국 출신 AI 인력"},
    **{
        f"kr_workers_abroad_{t}": {
            "en": f"Korean-born AI workers abroad, {t} tier",
            "ko": f"해외에서 일하는 한국 출신 AI 인력, {ko} 등급",
        }
        for t, ko in _TIER_KO.items()
    },
    **{
        f"foreign_share_{t}": {"en": f"Foreign share of AI staff, {t} tier", "ko": f"AI 인력 중 외국인 비율, {ko} 등급"}
        for t, ko in _TIER_KO.items()
    },
    "mean_salary_conglomerate": {"en": "Mean AI pay at conglomerates", "ko": "대기업 AI 인력 평균 연봉"},
    "n_firms_kr": {"en": "Korean AI firms", "ko": "국내 AI 기업 수"},
    "graduates_kr": {
        "en": "AI master's and PhD graduates of Korean universities",
        "ko": "국내 대학 AI 석·박사 졸업생",
    },
    "phd_graduates_kr": {"en": "New AI PhDs from Korean universities", "ko": "국내 대학 AI 박사 배출"},
    "scarcity_pay": {"en": "AI market pay over its trend", "ko": "추세 대비 AI 시장 임금"},
    "share_master_workforce": {"en": "Master's share of AI staff", "ko": "AI 인력 중 석사 비율"},
    "share_phd_workforce": {"en": "PhD share of AI staff", "ko": "AI 인력 중 박사 비율"},
    **{
        f"stay_rate_{k}y": {
            "en": f"Korean PhDs abroad still abroad after {k} year{'s' if k > 1 else ''}",
            "ko": f"해외 한국인 박사 {k}년 후 해외 체류율",
        }
        for k in range(1, 6)
    },
}


def quantity(name: str) -> Quantity:
    return QUANTITIES[name]


def label(name: str, lang: str) -> str:
    """The display label of an output in `lang` (its name if it is not a presented quantity)."""
    q = QUANTITIES.get(name)
    return q.label(lang) if q else OTHER_LABELS.get(name, {}).get(lang, name)


def headline_interval_table(summary: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """From `runner.summarize`: one row per year, 'mean [lo, hi]' per presented quantity (Korean
    labels, and money in 만원/억원/조원, with `lang` "ko")."""
    out: dict[int, dict[str, str]] = {}
    name = (lambda q: q.short) if lang == "en" else (lambda q: q.ko)
    for (year, col), r in summary.set_index(["year", "output"]).iterrows():
        q = QUANTITIES.get(col)
        if q is None:
            continue
        m, lo, hi = (q.text(r[k], lang) for k in ("mean", "lo", "hi"))
        # one replication has no interval (its 'interval' is the value twice)
        out.setdefault(year, {})[name(q)] = f"{m} [{lo}, {hi}]" if r.get("replications", 2) >= 2 else f"{m} [—]"
    t = pd.DataFrame.from_dict(out, orient="index")
    t.index.name = "year" if lang == "en" else "연도"
    return t[[name(q) for q in QUANTITIES.values() if name(q) in t.columns]]


def headline_table(df: pd.DataFrame) -> pd.DataFrame:
    """One row per year of one run (the Q4 row; flows are trailing 12 months), formatted for printing."""
    q4 = df[df["quarter"] == 4].set_index("year")
    out = pd.DataFrame(index=q4.index)
    for q in QUANTITIES.values():
        out[q.short] = [q.format(v) for v in q4[q.name]]
    return out
