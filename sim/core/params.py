"""Every model parameter in one place: default, bounds, unit, source, meaning.

`Params` is a frozen dataclass; each field's metadata carries its bounds
(``lo``, ``hi``), ``unit``, ``source`` and a one-line ``doc``, and the
``group`` (the submodel that reads it). `Params.validate()` checks every value
and raises ``ValueError`` naming the parameter, the value and the allowed range.

Source abbreviations (full references in docs/sources.md):
  SPRi2020 / SPRi2023  MSIT/SPRi AI industry survey (V2)
  BoK2025              Bank of Korea issue note, Dec 2025 (Revelio/LinkedIn, V2)
  AIIndex2024          Stanford HAI AI Index 2024 (LinkedIn measures, V2)
  seed000..seed004     the project's source articles (see docs/sources.md)
  DATA-pay             pay table in docs/sources.md (Rora, Wanted, BLS, levels.fyi)
  PP2001               Petrongolo & Pissarides (2001), J. Econ. Lit. 39(2):390-431,
                       doi:10.1257/jel.39.2.390 (matching-function elasticity ~0.5)
  McFadden1974         conditional logit choice, in Zarembka (ed.) Frontiers in Econometrics
  assumption           a documented first guess, to be replaced by calibration (issue 3)
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["PARAM_GROUPS", "Params", "param_table"]

PARAM_GROUPS = (
    "scale",
    "initial",
    "demand",
    "pay",
    "matching",
    "pipeline",
    "retention",
    "training",
    "exits",
    "policy",
)


def _p(
    default: Any, lo: Any, hi: Any, unit: str, source: str, doc: str, group: str, choices: tuple | None = None
) -> Any:
    return field(
        default=default,
        metadata={"lo": lo, "hi": hi, "unit": unit, "source": source, "doc": doc, "group": group, "choices": choices},
    )


def _pc(name: str, first_guess: Any, source: str, lo: Any, hi: Any, unit: str, doc: str, group: str) -> Any:
    """A calibrated parameter's field: default and source from the stored calibration."""
    default, src = _cal(name, first_guess, source)
    return _p(default, lo, hi, unit, src, doc, group)


TIER_SETS = ("core", "core+senior", "all")
CALIBRATION_FILE = Path(__file__).resolve().parents[1] / "data" / "calibration.yaml"  # sim/data/
POSTERIOR_FILE = Path(__file__).resolve().parents[1] / "data" / "posterior.json"  # written by `talentsim posterior`


def _calibrated_values() -> dict[str, float]:
    """Values of the calibrated parameters from sim/data/calibration.yaml (written by
    `talentsim calibrate`); empty when there is no calibration yet."""
    try:
        doc = yaml.safe_load(CALIBRATION_FILE.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return {}
    return {k: float(v["value"]) for k, v in (doc.get("parameters") or {}).items()}


CALIBRATED = _calibrated_values()


def _cal(name: str, first_guess: float, source: str) -> tuple[float, str]:
    """(default, source) of a calibrated parameter: the stored calibration, else the first guess."""
    if name in CALIBRATED:
        return CALIBRATED[name], f"calibrated (sim/data/calibration.yaml; first guess {first_guess:g}: {source})"
    return first_guess, source


@dataclass(frozen=True, slots=True)
class Params:
    """All parameters of `TalentMarket`. Construct with keywords; call `validate()`."""

    # --- scale and horizon -------------------------------------------------
    scale: float = _p(
        1.0, 0.01, 64.0, "x", "design", "population and firm-count multiplier; 1 = one agent per real person", "scale"
    )
    end_year: int = _p(
        2035, 2021, 2060, "year", "issue 2", "last simulated year (runs to its Q4); the run starts at 2020Q2", "scale"
    )

    # --- initial state (mid-2020) -------------------------------------------
    init_workforce: int = _p(
        14736, 1000, 100000, "persons", "SPRi2020 (V2)", "AI staff of Korean AI firms, June 2020", "initial"
    )
    init_shortage: int = _p(
        1609, 0, 50000, "persons", "SPRi2020 (V2)", "AI staff shortage reported by firms, 2020", "initial"
    )
    init_firms: int = _p(933, 10, 10000, "firms", "SPRi2020 (V2)", "AI-supplying firms surveyed in 2020", "initial")
    init_kr_other: int = _p(
        45000,
        0,
        300000,
        "persons",
        "assumption; BoK2025 (57k AI-skilled, 2024, lower bound)",
        "AI-skilled people in Korea outside the surveyed AI firms",
        "initial",
    )
    init_students_kr: int = _p(
        7000,
        0,
        100000,
        "persons",
        "assumption; DATA pipeline (10 AI grad schools, 386-618 AI PhDs/yr)",
        "students in Korean AI master's/PhD programmes",
        "initial",
    )
    init_kr_abroad: int = _p(
        11000,
        0,
        100000,
        "persons",
        "BoK2025: ~11,000 Korean AI workers abroad in 2024 (LinkedIn/Revelio: workers); held at the 2024 level "
        "for 2020 as LinkedIn's net flows 2020-23 roughly balance (+0.30, ~0, ~0, -0.30 per 10,000 members)",
        "Korean-born AI workers located abroad (not students)",
        "initial",
    )
    init_students_abroad: int = _p(
        2400,
        0,
        100000,
        "persons",
        "assumption: a quarter of the Korean-born AI people abroad; IIE Open Doors (14,930 Korean "
        "graduate students in the US, 2022/23, all fields)",
        "Korean-born students abroad in AI PhD programmes",
        "initial",
    )
    init_abroad_skill: float = _p(
        1.3,
        1.0,
        5.0,
        "x",
        "assumption: the Korean-born abroad are selected on skill (study abroad and foreign offers rise "
        "with skill; seeds 001, 002); no count of Korea's top-tier AI researchers abroad is documented. "
        "It sets how thick the top of the diaspora starts: 31 % of the top 1 % by skill abroad in 2021 at "
        "1.3, against 47 % in 2024 and 64 % in 2030 as the run's own selection acts (tools/diaspora.py, "
        "ODD 5). Uncertain: the posterior draws it from 1.1-2.5 (23-75 % of the top 1 % abroad in 2021)",
        "median skill of the Korean-born AI people abroad at the start (workers and students), relative to "
        "the median AI worker in Korea (1)",
        "initial",
    )
    init_foreign_pool: int = _p(
        30000, 0, 1000000, "persons", "assumption", "foreign AI talent abroad that Korean firms can reach", "initial"
    )
    init_foreign_staff_share: float = _p(
        0.011,
        0.0,
        0.2,
        "share",
        "KOITA 2024 via Yonhap (V3): 604 foreign nationals, 1.1%",
        "foreign nationals among AI firm staff",
        "initial",
    )
    init_capital_share: float = _p(
        0.85,
        0.0,
        1.0,
        "share",
        "assumption; seed 002 (infrastructure outside the capital lacks amenities)",
        "share of Korean AI firms located in the capital region",
        "initial",
    )
    share_master: float = _p(
        0.234, 0.0, 1.0, "share", "KISTEP via Chosun 2024-08-18 (V3)", "master's share of AI firm staff", "initial"
    )
    share_phd: float = _p(
        0.08, 0.0, 1.0, "share", "KISTEP via Chosun 2024-08-18 (V3)", "PhD share of AI firm staff", "initial"
    )
    skill_sigma: float = _p(
        0.8,
        0.2,
        2.0,
        "log-units",
        "assumption; seed 002 (skill is heavy-tailed)",
        "sd of log skill (lognormal, median 1)",
        "initial",
    )
    vacancy_share_core: float = _p(
        0.25,
        0.0,
        1.0,
        "share",
        "assumption; seed 000 (shortage is of high-end people)",
        "share of shortage in the core tier",
        "initial",
    )
    vacancy_share_senior: float = _p(
        0.35, 0.0, 1.0, "share", "assumption; seed 000", "share of shortage in the senior tier", "initial"
    )

    # --- demand ------------------------------------------------------------
    demand_sales_elasticity: float = _pc(
        "demand_sales_elasticity",
        0.8,
        "SPRi 2020-24: staff 14.7k -> 54k while AI sales 1.9 -> 6.3 tn KRW (part is coverage, carried by entry)",
        0.1,
        1.5,
        "-",
        "elasticity alpha of a firm's AI head-count target to the AI sales index D_t",
        "demand",
    )
    demand_wage_elasticity: float = _p(
        0.3,
        0.0,
        0.8,
        "-",
        "Hamermesh (1993) Labor Demand: constant-output own-wage elasticity ~0.3 (range 0.15-0.75)",
        "own-wage elasticity eta of the target to the firm's own cost per worker",
        "demand",
    )
    demand_path: str = _p(
        "baseline",
        None,
        None,
        "-",
        "design (DATA demand drivers: 2023-24 AI investment downturn)",
        "AI sales path after the data (2024): baseline, boom or downturn",
        "demand",
        choices=("baseline", "boom", "downturn"),
    )
    demand_growth_baseline: float = _p(
        0.08,
        -0.3,
        0.6,
        "1/yr",
        "assumption: SPRi sales growth fell every year (+72 %, +30 %, +12.5 % in 2022-24)",
        "AI sales growth after 2024 on the baseline path",
        "demand",
    )
    demand_growth_boom: float = _p(
        0.20, -0.3, 0.6, "1/yr", "assumption: 2023's +30 % (SPRi) for a new boom", "same, boom path", "demand"
    )
    demand_growth_downturn: float = _p(
        -0.05,
        -0.3,
        0.6,
        "1/yr",
        "assumption: a fall in sales (AI Index: private AI investment in Korea 3.1 -> 1.3 bn USD, 2022-24)",
        "same, downturn path",
        "demand",
    )
    firm_entry_per_growth: float = _pc(
        "firm_entry_per_growth",
        1400.0,
        "SPRi 2020-24: +432, +550, +439, +163 firms a year for sales log-growth 0.27, 0.54, 0.26, 0.12",
        0.0,
        10000.0,
        "firms per unit log growth",
        "AI firms entering per unit growth of ln D_t (mostly survey coverage growth)",
        "demand",
    )
    firm_exit_rate: float = _p(
        0.05,
        0.0,
        0.5,
        "1/yr",
        "assumption (startups fail when funding dries up: SPRi 2024, investment the top difficulty)",
        "exit hazard of a startup when AI sales do not grow",
        "demand",
    )
    firm_exit_elasticity: float = _p(
        3.0, 0.0, 20.0, "-", "assumption", "fall of the exit hazard per unit yearly log growth of D_t", "demand"
    )
    layoff_rate: float = _p(
        0.15,
        0.0,
        1.0,
        "1/quarter",
        "assumption; directed separations as in del Rio-Chanona et al. (2021), doi:10.1098/rsif.2020.0898",
        "share of the staff above a firm's target laid off each quarter",
        "demand",
    )
    entry_size_median: float = _pc(
        "entry_size_median",
        12.0,
        "SPRi2023: 51,425 staff / 2,354 firms = 21.8 mean",
        1.0,
        500.0,
        "persons",
        "median AI head-count target of an entering firm (lognormal)",
        "demand",
    )
    firm_size_sigma: float = _p(
        1.1, 0.1, 3.0, "log-units", "assumption (heavy-tailed firm sizes)", "sd of log firm size", "demand"
    )
    entry_staffed_share: float = _p(
        0.85,
        0.0,
        1.0,
        "share",
        "assumption: an entering firm's AI division already exists",
        "share of an entering firm's target staffed from AI people already in Korea",
        "demand",
    )
    target_share_core: float = _p(
        0.10, 0.0, 1.0, "share", "assumption", "core-tier share of a new firm's head-count target", "demand"
    )
    target_share_senior: float = _p(
        0.30, 0.0, 1.0, "share", "assumption", "senior-tier share of a new firm's head-count target", "demand"
    )

    # --- pay ---------------------------------------------------------------
    pay_applied: float = _p(
        50.0,
        10.0,
        500.0,
        "M KRW/yr",
        "DATA-pay: juniors 45-60 M KRW (Rora 2024)",
        "Korean market pay, applied tier, median skill, 2020",
        "pay",
    )
    pay_senior: float = _p(
        85.0,
        10.0,
        800.0,
        "M KRW/yr",
        "DATA-pay: large-firm AI average 90.1 M (BoK2025)",
        "Korean market pay, senior tier, median skill, 2020",
        "pay",
    )
    pay_core: float = _p(
        110.0,
        10.0,
        2000.0,
        "M KRW/yr",
        "DATA-pay: seniors up to 150 M (Rora 2024)",
        "Korean market pay, core tier, median skill, 2020",
        "pay",
    )
    pay_skill_elasticity_kr: float = _p(
        0.15,
        0.0,
        2.0,
        "d log pay / d log skill",
        "BoK2025: AI wage premium 6% (KR) vs 25% (US)",
        "returns to skill in Korean pay",
        "pay",
    )
    gap_median: float = _pc(
        "gap_median",
        2.25,
        "DATA-pay: 2-2.5x at the median (BLS vs Korean surveys)",
        1.0,
        6.0,
        "x",
        "US offer / Korean pay at median skill",
        "pay",
    )
    gap_top: float = _pc(
        "gap_top",
        10.0,
        "seed 002 (Upstage CEO, ~10x, ~2 bn KRW)",
        2.0,
        30.0,
        "x",
        "US offer / Korean pay at the 99th skill percentile",
        "pay",
    )
    foreign_pay_cn: float = _p(0.6, 0.1, 2.0, "x US", "assumption", "Chinese offers relative to US offers", "pay")
    foreign_pay_eu: float = _p(
        0.5,
        0.1,
        2.0,
        "x US",
        "assumption; seed 001 (Europe cheaper than the US)",
        "European offers relative to US offers",
        "pay",
    )
    foreign_pay_other: float = _p(0.4, 0.1, 2.0, "x US", "assumption", "other countries' offers relative to US", "pay")
    wage_growth_kr: float = _p(0.03, -0.05, 0.2, "1/yr", "assumption (nominal)", "growth of Korean market pay", "pay")
    wage_growth_foreign: float = _p(
        0.04, -0.05, 0.2, "1/yr", "assumption (nominal, KRW)", "growth of foreign pay", "pay"
    )
    pay_adjust_speed: float = _p(
        0.08,
        0.0,
        1.0,
        "1/quarter per vacancy rate",
        "assumption",
        "rise of a firm's posted-pay multiplier per unit vacancy rate",
        "pay",
    )
    pay_relax: float = _p(
        0.02, 0.0, 0.5, "1/quarter", "assumption", "quarterly pull of the pay multiplier back towards 1", "pay"
    )
    wage_curve: float = _p(
        0.5,
        0.0,
        3.0,
        "1/yr per unit vacancy rate",
        "assumption; wage-curve form of Blanchflower & Oswald (1994), on the vacancy rate",
        "extra yearly growth of Korean AI market pay per unit of the shortage rate above its norm",
        "pay",
    )
    wage_curve_norm: float = _p(
        0.098,
        0.0,
        0.5,
        "share",
        "SPRi2020: shortage rate 9.8 % (assumed the rate at which pay grows at trend)",
        "shortage rate at which Korean AI market pay grows at wage_growth_kr",
        "pay",
    )
    sm_passthrough: float = _p(
        0.5,
        0.0,
        1.0,
        "share",
        "Lokshin & Mohnen 2012 (WBSO wage elasticity 0.2-0.24); Kleven et al. 2014 (partial capture); "
        "Goolsbee 1998 (mostly wages)",
        "salary matching: share of the subsidy that reaches the worker (the rest lowers the firm's own pay)",
        "pay",
    )
    budget_slack_conglomerate: float = _p(
        0.6,
        0.0,
        5.0,
        "share",
        "assumption; seed 003 (Samsung AGI lab 500 M base)",
        "max pay premium a conglomerate's AI budget allows",
        "pay",
    )
    budget_slack_platform: float = _p(0.4, 0.0, 5.0, "share", "assumption", "same, platforms/telecoms", "pay")
    budget_slack_startup: float = _p(0.15, 0.0, 5.0, "share", "assumption", "same, startups/SMEs", "pay")
    other_pay_ratio: float = _p(
        0.85, 0.2, 2.0, "x", "assumption", "pay outside AI firms relative to AI-firm market pay", "pay"
    )

    # --- matching ----------------------------------------------------------
    match_efficiency: float = _p(
        0.5,
        0.0,
        5.0,
        "contacts/quarter",
        "assumption; form from PP2001",
        "scale A of contacts m = A V^a S^(1-a)",
        "matching",
    )
    match_elasticity: float = _p(
        0.5, 0.05, 0.95, "-", "PP2001 (0.5 typical)", "vacancy elasticity a of the matching function", "matching"
    )
    counter_tiers: str = _p(
        "core",
        None,
        None,
        "-",
        "Postel-Vinay & Robin (2002), Econometrica 70(6); assumption: firms counter for their best people",
        "tiers whose employer answers an outside offer with a counter-offer (none, core, core+senior, all)",
        "matching",
        choices=("none", *TIER_SETS),
    )
    search_otj: float = _pc(
        "search_otj",
        0.2,
        "first guess: the job-to-job rate of Korean employees, 15 % a year (Statistics Korea, Job-to-Job Flows 2023)",
        0.0,
        1.0,
        "1/quarter",
        "on-the-job search, AI-firm staff",
        "matching",
    )
    search_other: float = _p(
        0.10, 0.0, 1.0, "1/quarter", "assumption", "search by AI-skilled people outside AI firms", "matching"
    )
    search_abroad_kr: float = _p(
        0.06,
        0.0,
        1.0,
        "1/quarter",
        "first guess (with foreign_offer_rate, home_tie: 2023 migration index near -0.3)",
        "search by Korean-born abroad",
        "matching",
    )
    search_abroad_foreign: float = _pc(
        "search_abroad_foreign",
        0.14,
        "first guess: the 2024 foreign share of AI staff, 1.1 % (KOITA 2024 via Yonhap, V3)",
        0.0,
        1.0,
        "1/quarter",
        "search for Korean jobs by the foreign AI talent Korean firms can reach",
        "matching",
    )
    foreign_offer_rate: float = _pc(
        "foreign_offer_rate",
        0.0012,
        "first guess: AIIndex2024 net outflow -0.3 per 10k members (2023)",
        0.0,
        1.0,
        "1/quarter",
        "chance a median-skill person in Korea gets a foreign offer",
        "matching",
    )
    foreign_offer_elasticity: float = _p(
        1.2,
        0.0,
        4.0,
        "d log rate / d log skill",
        "assumption; seed 001 (bidders target the best)",
        "how much more often the skilled get foreign offers",
        "matching",
    )
    return_hazard: float = _pc(
        "return_hazard",
        0.3,
        "first guess: Finn (ORISE) stay profile of Korean US S&E PhDs, most returns in years 1-3",
        0.0,
        5.0,
        "1/yr",
        "rate at which Korean-born graduates abroad go home to look for work, just after the degree",
        "pipeline",
    )
    return_decay_years: float = _pc(
        "return_decay_years",
        1.5,
        "first guess: Finn (ORISE) stay profile flat after year 5",
        0.25,
        10.0,
        "years",
        "time scale over which graduates' return hazard fades",
        "pipeline",
    )
    foreign_suspension_cut: float = _p(
        0.9,
        0.0,
        1.0,
        "share",
        "judgement: Proclamation 10052 (24 Jun 2020 - 31 Mar 2021, V1) barred new H-1B, L-1, some J "
        "entries; exceptions (national interest, O-1) remained",
        "share of US offers to people in Korea blocked by the 2020-21 US entry suspension",
        "matching",
    )
    us_freeze_cut: float = _p(
        0.0,
        0.0,
        0.9,
        "share",
        "off by default (ODD 7.3): the documented size is ~0.34 = 1 - 0.80 x 0.83 (US AI postings 2.0 % -> "
        "1.6 % of all postings 2022 -> 2023, Lightcast in the AI Index 2024, V2; all US postings -17 % "
        "Jul 2022 - Jul 2023, Indeed Hiring Lab, V1); the calibrated foreign_offer_rate is fitted to 2023",
        "share of US offers to people in Korea lost to the US tech hiring freeze of 2022Q4-2023Q4",
        "matching",
    )
    frontier_boom: float = _p(
        0.0,
        0.0,
        10.0,
        "x",
        "off by default (ODD 7.3): frontier labs roughly doubled their staff every year from 2023 (OpenAI "
        "~400 early 2023, 770 Nov 2023, 4,500-5,300 by 2025-26; V2-V3), so their hiring flow rose "
        "several-fold; no source says how many of the hires came from Korea, and the calibrated "
        "foreign_offer_rate is fitted to 2023",
        "frontier labs' extra offers from 2023, as a multiple of their 2020-22 offers (1: twice as many); "
        "their pay rises with them (foreign_pay_response)",
        "matching",
    )
    foreign_hiring_growth: float = _p(
        0.0,
        -0.5,
        1.0,
        "1/yr",
        "scenario assumption (0: foreign hiring stays at its 2025 level; no forecast is documented)",
        "growth of foreign hiring of AI talent from Korea after foreign_hiring_start (offers scale with it)",
        "matching",
    )
    foreign_hiring_start: float = _p(
        2026.0, 2020.5, 2060.0, "year", "scenario assumption", "start of the foreign hiring path", "matching"
    )
    foreign_pay_response: float = _p(
        0.5,
        0.0,
        1.0,
        "d log pay / d log hiring",
        "judgement: competitive market, d ln w = d ln D / (e_S + e_D) with supply and demand elasticities "
        "near 1 (Hamermesh 1993 for demand); range 0 (pay fixed) to 1 (all in pay); direction of the "
        "frontier labs' pay since 2023: Reuters 2025-05-21, Wired 2025-06 (V2)",
        "how much foreign pay rises with foreign hiring (the hiring path after the data and the frontier-lab "
        "boom), for new offers and the pay of those already abroad",
        "matching",
    )
    foreign_target_pursuit: float = _p(
        0.0,
        0.0,
        1.0,
        "-",
        "judgement: 0 = Korea a small supplier whose refusals foreign bidders replace from elsewhere (the "
        "Korean-born were 1.6 % of new US H-1B workers in FY2014, 2,012 of 124,326; USCIS via Infoplease, "
        "V3); 1 = a fixed head-count of hires from Korea. Varied in scenarios/sweep-foreign-pursuit.yaml",
        "how far foreign bidders make up for a fall in the share of their offers people in Korea accept "
        "(by tier, against the year before foreign_hiring_start) with more offers: offers x "
        "(accepted then / accepted now)^pursuit, within 1/4 and 4",
        "matching",
    )
    pandemic_offer_cut: float = _pc(
        "pandemic_offer_cut",
        0.5,
        "first guess: pandemic border rules to 8 Jun 2022 (Yonhap 2022-06-03)",
        0.0,
        0.95,
        "share",
        "share of foreign offers to people in Korea that do not go ahead during the pandemic (2020Q3-2022Q2)",
        "matching",
    )
    pandemic_return_boost: float = _pc(
        "pandemic_return_boost",
        1.0,
        "first guess: 2020 net inflow +0.30 (AIIndex2024)",
        0.0,
        10.0,
        "x",
        "extra search for Korean jobs by the Korean-born abroad during the pandemic (2020Q3-2022Q2)",
        "matching",
    )
    dest_us: float = _p(
        0.6,
        0.0,
        1.0,
        "share",
        "BoK2025 (6,300 of 11,000 abroad in US)",
        "share of foreign offers from the US",
        "matching",
    )
    dest_cn: float = _p(0.1, 0.0, 1.0, "share", "assumption", "share of foreign offers from China", "matching")
    dest_eu: float = _p(0.15, 0.0, 1.0, "share", "assumption", "share of foreign offers from Europe", "matching")
    beta_pay: float = _p(
        2.0,
        0.0,
        20.0,
        "utility / log KRW",
        "assumption; McFadden1974 logit",
        "weight of log pay in job choice",
        "matching",
    )
    eco_us: float = _p(
        1.0, -5.0, 5.0, "utility", "seed 002 (dense ecosystems attract)", "ecosystem value, US", "matching"
    )
    eco_cn: float = _p(0.2, -5.0, 5.0, "utility", "seed 002", "ecosystem value, China", "matching")
    eco_eu: float = _p(0.3, -5.0, 5.0, "utility", "assumption", "ecosystem value, Europe", "matching")
    eco_other: float = _p(-0.5, -5.0, 5.0, "utility", "assumption", "ecosystem value, other abroad", "matching")
    eco_kr_region: float = _p(
        -0.6,
        -5.0,
        5.0,
        "utility",
        "seed 002 (outside the capital lacks living conditions)",
        "ecosystem value of Korea outside the capital region (capital = 0)",
        "matching",
    )
    home_tie: float = _p(
        2.0,
        0.0,
        10.0,
        "utility",
        "seed 000 (returnees); first guess",
        "value of living in Korea to the Korean-born",
        "matching",
    )
    home_tie_foreign: float = _p(
        2.0,
        0.0,
        10.0,
        "utility",
        "assumption: as home_tie (no evidence that the foreign-born's tie differs; varied in the sensitivity analysis)",
        "value of living outside Korea to the foreign-born (their tie to the places they came from)",
        "matching",
    )
    foreign_pay_weight: float = _p(
        1.0,
        0.25,
        5.0,
        "x beta_pay",
        "assumption: 1 = the Korean-born's weight (the calibration's); Kleven et al. 2014 (V1): Denmark's foreign "
        "high earners respond with an elasticity of 1.5-2, above what 1 gives; Kleven, Landais & Saez 2013 (V1): "
        "foreign footballers ~1 against ~0.15 for domestic ones (ODD 7.8). Uncertain: the posterior draws it "
        "from 1-3",
        "weight of log pay in the job choices of the foreign-born, relative to beta_pay",
        "matching",
    )
    move_cost: float = _p(1.5, 0.0, 10.0, "utility", "assumption", "cost of an international move", "matching")
    mismatch_reject: float = _p(
        0.5,
        0.0,
        1.0,
        "probability",
        "seed 004 (skills mismatch)",
        "chance a firm turns down a mismatched candidate",
        "matching",
    )
    seeker_to_other: float = _p(
        0.25,
        0.0,
        1.0,
        "1/quarter",
        "assumption",
        "chance an unplaced job-seeker takes a job outside AI firms",
        "matching",
    )

    # --- pipeline ----------------------------------------------------------
    bachelor_cohort: float = _p(
        9000.0,
        0.0,
        100000.0,
        "persons/yr",
        "assumption; 64% of AI staff hold a bachelor's (KISTEP)",
        "new AI-capable bachelor's graduates per year, 2020",
        "pipeline",
    )
    cohort_growth: float = _p(0.02, -0.1, 0.3, "1/yr", "assumption", "growth of the bachelor cohort", "pipeline")
    med_pull: float = _p(
        0.3,
        0.0,
        1.0,
        "share",
        "assumption; DATA pipeline (SNU overtook KAIST, 2025)",
        "share of the cohort's top decile drawn into medical school",
        "pipeline",
    )
    study_abroad_rate: float = _pc(
        "study_abroad_rate",
        0.02,
        "IIE Open Doors; ~729 KR S&E US doctorates/yr",
        0.0,
        0.5,
        "share",
        "chance a median-skill graduate studies abroad",
        "pipeline",
    )
    study_abroad_elasticity: float = _p(
        1.0, 0.0, 4.0, "d log p / d log skill", "assumption", "how much more the skilled study abroad", "pipeline"
    )
    faculty_ai_school: float = _p(
        10.0,
        1.0,
        200.0,
        "faculty/school",
        "ZDNet 2021-04-21 (>=7 per AI grad school)",
        "AI faculty per AI graduate school (10 schools)",
        "pipeline",
    )
    faculty_other: float = _p(
        500.0,
        0.0,
        20000.0,
        "faculty",
        "assumption; CSET (faculty shortage, seed 004)",
        "AI faculty in other Korean universities",
        "pipeline",
    )
    faculty_tie: float = _p(
        2.0,
        0.0,
        5.0,
        "utility",
        "judgement (tenure, pension, academic freedom); Gofman & Jin, J. Finance 2024 (AI faculty leave for industry)",
        "non-pay value of a faculty post to its holder (as home_tie; 2 = pay 2.7x at beta_pay 2)",
        "pipeline",
    )
    faculty_fill_rate: float = _p(
        0.5,
        0.0,
        1.0,
        "1/yr",
        "judgement (yearly academic hiring cycle; searches often take over a year)",
        "share of open faculty posts filled in each yearly hiring round",
        "pipeline",
    )
    intake_per_faculty: float = _p(
        4.5,
        0.5,
        30.0,
        "students/faculty/yr",
        "ZDNet 2021 (>=40 students / >=7 faculty)",
        "graduate intake per faculty member per year",
        "pipeline",
    )
    grad_apply_share: float = _p(
        0.5, 0.0, 1.0, "share", "assumption", "share of the cohort applying to graduate school", "pipeline"
    )
    phd_share: float = _p(
        0.25, 0.0, 1.0, "share", "assumption; 386-618 new AI PhDs/yr", "PhD share of graduate intake", "pipeline"
    )
    master_quarters: int = _p(8, 2, 20, "quarters", "programme length", "length of a master's", "pipeline")
    phd_quarters: int = _p(20, 8, 40, "quarters", "programme length", "length of a PhD", "pipeline")
    skill_gain_master: float = _p(1.15, 1.0, 3.0, "x", "assumption", "skill multiplier on a master's", "pipeline")
    skill_gain_phd: float = _p(1.45, 1.0, 5.0, "x", "assumption", "skill multiplier on a PhD", "pipeline")
    univ_mismatch: float = _p(
        0.35,
        0.0,
        1.0,
        "share",
        "seed 004 (curricula lag); assumption",
        "share of Korean graduates whose skills miss firms' needs",
        "pipeline",
    )
    student_dropout: float = _p(
        0.03, 0.0, 0.5, "1/yr", "DATA pipeline (KAIST 130 dropouts 2025)", "graduate-student dropout rate", "pipeline"
    )

    # --- retention ---------------------------------------------------------
    morale_sensitivity: float = _p(
        2.0,
        0.0,
        20.0,
        "x per unit pay gap",
        "seed 001 (new-hire pay hurts morale)",
        "rise of incumbents' search rate per unit relative pay gap to new hires",
        "retention",
    )

    # --- training ----------------------------------------------------------
    learning_rate: float = _p(0.02, 0.0, 0.2, "1/yr", "assumption", "skill growth of employed AI people", "training")
    core_quantile: float = _p(
        0.93,
        0.5,
        0.999,
        "quantile",
        "assumption",
        "skill quantile (initial population) that marks core talent",
        "training",
    )
    senior_years: float = _p(
        7.0, 1.0, 30.0, "years", "assumption", "experience that makes a non-core person senior", "training"
    )
    academy_share: float = _p(
        0.3,
        0.0,
        1.0,
        "share",
        "seed 004 (LG AI graduate school, 2022)",
        "share of conglomerates running an in-house AI academy",
        "training",
    )
    academy_rate: float = _p(
        0.03, 0.0, 1.0, "1/quarter", "assumption", "chance applied staff at an academy firm are trained", "training"
    )
    academy_gain: float = _p(1.15, 1.0, 3.0, "x", "assumption", "skill multiplier of academy training", "training")
    alliance_share: float = _p(
        0.2,
        0.0,
        1.0,
        "share",
        "seed 004 (SNU-Naver 2021; LG-Yonsei/Sogang)",
        "share of Korean graduate seats in firm-university alliances",
        "training",
    )
    alliance_mismatch_cut: float = _p(
        0.5, 0.0, 1.0, "share", "assumption", "cut in mismatch for allied programmes", "training"
    )

    # --- exits -------------------------------------------------------------
    leave_field_rate: float = _p(0.02, 0.0, 0.5, "1/yr", "assumption", "rate of leaving AI work for good", "exits")
    career_years: float = _p(35.0, 10.0, 50.0, "years", "assumption", "experience at retirement", "exits")

    # --- policy (all off by default) ---------------------------------------
    sm_share: float = _p(
        0.0,
        0.0,
        0.9,
        "share of salary",
        "seed 002 (Upstage CEO: state pays ~half)",
        "salary matching: share of eligible salaries paid by the state",
        "policy",
    )
    sm_tiers: str = _p(
        "core",
        None,
        None,
        "-",
        "seed 002 (core AI talent)",
        "salary matching: eligible tiers",
        "policy",
        choices=TIER_SETS,
    )
    sm_cap: float = _p(
        0.0, 0.0, 5000.0, "M KRW/yr/person", "design", "salary matching: cap per person (0 = none)", "policy"
    )
    sm_budget: float = _p(
        0.0, 0.0, 10000.0, "bn KRW/yr", "design", "salary matching: annual budget (0 = unlimited)", "policy"
    )
    sm_basis: str = _p(
        "tier",
        None,
        None,
        "-",
        "design; Restriction of Special Taxation Act art. 18 (a salary-based rule for foreign engineers)",
        "salary matching: eligibility by tier, or by contract salary at or above sm_min_salary",
        "policy",
        choices=("tier", "salary"),
    )
    sm_min_salary: float = _p(
        100.0,
        0.0,
        5000.0,
        "M KRW/yr",
        "design",
        "salary matching: contract salary threshold when eligibility is by salary",
        "policy",
    )
    sm_start: float = _p(2026.0, 2020.5, 2060.0, "year", "design", "salary matching: start (decimal year)", "policy")
    sm_incumbents: bool = _p(
        True,
        None,
        None,
        "-",
        "design",
        "salary matching: also pays for eligible staff already employed",
        "policy",
        choices=(True, False),
    )
    grad_seats_extra: float = _p(
        0.0,
        0.0,
        20000.0,
        "seats/yr",
        "DATA policies (AI grad schools)",
        "graduate-seat expansion: extra intake per year",
        "policy",
    )
    grad_seat_cost: float = _p(
        40.0,
        0.0,
        500.0,
        "M KRW/student-yr",
        "assumption; ZDNet 2021 (19 bn KRW/school/10 yr)",
        "graduate-seat expansion: state cost per student-year",
        "policy",
    )
    grad_seats_start: float = _p(2026.0, 2020.5, 2060.0, "year", "design", "graduate-seat expansion: start", "policy")
    settle_amount: float = _p(
        0.0,
        0.0,
        300.0,
        "M KRW/yr/person",
        "seed 002 (settlement conditions)",
        "settlement package paid to AI staff outside the capital region",
        "policy",
    )
    settle_start: float = _p(2026.0, 2020.5, 2060.0, "year", "design", "settlement package: start", "policy")
    drive_rate: float = _p(
        0.0,
        0.0,
        1.0,
        "1/quarter",
        "seeds 000, 003 (recruiting fairs, CEO visits)",
        "recruiting drives: extra search rate of Korean-born abroad",
        "policy",
    )
    drive_cost: float = _p(
        0.0, 0.0, 1000.0, "bn KRW/yr", "design", "recruiting drives: state cost while active", "policy"
    )
    drive_start: float = _p(2026.0, 2020.5, 2060.0, "year", "design", "recruiting drives: start", "policy")
    ftax_share: float = _p(
        0.0,
        0.0,
        1.0,
        "share",
        "design; Restriction of Special Taxation Act art. 18 (50 % income-tax cut for foreign engineers, "
        "V2); Kleven, Landais, Saez & Schultz, QJE 2014 (Denmark's scheme for foreign high earners, V1)",
        "foreign tax relief: share of their income tax (national + local) waived for foreign-born AI-firm "
        "staff working in Korea",
        "policy",
    )
    ftax_start: float = _p(2026.0, 2020.5, 2060.0, "year", "design", "foreign tax relief: start", "policy")
    lab_acq_size: int = _p(
        0,
        0,
        5000,
        "persons",
        "seed 001 (Naver bought Xerox Research Centre Europe)",
        "lab acquisition: staff of a European lab bought whole by a Korean firm",
        "policy",
    )
    lab_acq_year: float = _p(2026.0, 2020.5, 2060.0, "year", "design", "lab acquisition: date", "policy")
    med_pull_cut: float = _p(
        0.0,
        0.0,
        1.0,
        "share",
        "seed 002 (medical-school pull)",
        "weaker medical-school pull: relative cut in med_pull",
        "policy",
    )
    med_pull_start: float = _p(2026.0, 2020.5, 2060.0, "year", "design", "weaker medical-school pull: start", "policy")

    def validate(self) -> Params:
        """Check every value against its bounds or choices.

        Raises:
            ValueError: naming the parameter, the bad value and what is allowed.
        """
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            m = f.metadata
            if m["choices"] is not None:
                if v not in m["choices"] or type(v) is not type(m["choices"][0]):
                    raise ValueError(f"parameter '{f.name}' = {v!r} is not allowed; choose one of {list(m['choices'])}")
                continue
            if isinstance(v, bool) or not isinstance(v, numbers.Real):
                raise ValueError(
                    f"parameter '{f.name}' = {v!r} must be a number in [{m['lo']}, {m['hi']}] ({m['unit']})"
                )
            if f.type == "int" and not (isinstance(v, numbers.Integral) or float(v).is_integer()):
                raise ValueError(f"parameter '{f.name}' = {v!r} must be a whole number in [{m['lo']}, {m['hi']}]")
            if not math.isfinite(v) or not (m["lo"] <= v <= m["hi"]):
                raise ValueError(
                    f"parameter '{f.name}' = {v!r} is out of range; allowed [{m['lo']}, {m['hi']}] ({m['unit']})"
                )
        shares = (
            self.dest_us + self.dest_cn + self.dest_eu,
            self.vacancy_share_core + self.vacancy_share_senior,
            self.target_share_core + self.target_share_senior,
            self.share_master + self.share_phd,
        )
        names = (
            "dest_us + dest_cn + dest_eu",
            "vacancy_share_core + vacancy_share_senior",
            "target_share_core + target_share_senior",
            "share_master + share_phd",
        )
        for n, s in zip(names, shares):
            if s > 1.0 + 1e-12:
                raise ValueError(f"parameters {n} = {s:.4g} must not exceed 1")
        return self

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Params:
        """Build and validate from a mapping; unknown names are an error."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown parameter(s) {unknown}; see sim.params.param_table() for the allowed names")
        return cls(**values).validate()

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def replace(self, **changes: Any) -> Params:
        return Params.from_dict({**self.to_dict(), **changes})


def param_table() -> list[dict[str, Any]]:
    """One row per parameter: name, group, default, lo, hi, unit, source, doc (for docs and the app)."""
    rows = []
    for f in dataclasses.fields(Params):
        m = f.metadata
        rows.append(
            {
                "name": f.name,
                "group": m["group"],
                "default": f.default,
                "lo": m["lo"],
                "hi": m["hi"],
                "choices": m["choices"],
                "unit": m["unit"],
                "source": m["source"],
                "doc": m["doc"],
            }
        )
    return rows


@dataclass(frozen=True)
class Posterior:
    """The stored posterior (sim/data/posterior.json, written by `talentsim posterior`): `draws`
    (one row a parameter vector, columns `names`), the priors they were drawn under, and the
    provenance (code version, targets hash, seed, date, wall time)."""

    names: tuple[str, ...]
    draws: Any  # numpy array (draws x names)
    priors: tuple[dict[str, Any], ...]
    provenance: dict[str, Any]
    doc: dict[str, Any]

    def values(self, i: int) -> dict[str, float]:
        """Draw i (modulo the number of draws) as parameter values."""
        row = self.draws[i % len(self.draws)]
        return {n: float(v) for n, v in zip(self.names, row)}


_POSTERIOR: dict[Path, Posterior] = {}


def posterior_draws(path: Path | None = None) -> Posterior:
    """The stored posterior; read once per process. Raises FileNotFoundError when there is none and
    ValueError when it is malformed or a draw lies outside a parameter's bounds."""
    import json

    import numpy as np

    path = path or POSTERIOR_FILE
    if path in _POSTERIOR:
        return _POSTERIOR[path]
    doc = json.loads(path.read_text(encoding="utf-8"))
    try:
        names = tuple(str(n) for n in doc["names"])
        draws = np.asarray(doc["draws"], dtype=float)
        priors = tuple(doc["priors"])
        prov = dict(doc["provenance"])
    except (KeyError, TypeError, ValueError) as e:
        raise ValueError(f"{path}: not a posterior file ({type(e).__name__}: {e})") from None
    fields = {f.name: f for f in dataclasses.fields(Params)}
    if draws.ndim != 2 or draws.shape[1] != len(names) or not len(draws) or not np.all(np.isfinite(draws)):
        raise ValueError(f"{path}: draws must be a non-empty finite table with one column per name")
    for j, n in enumerate(names):
        if n not in fields:
            raise ValueError(f"{path}: {n!r} is not a parameter")
        lo, hi = fields[n].metadata["lo"], fields[n].metadata["hi"]
        if draws[:, j].min() < lo or draws[:, j].max() > hi:
            raise ValueError(f"{path}: draws of {n} leave the parameter's bounds [{lo}, {hi}]")
    post = Posterior(names, draws, priors, prov, doc)
    _POSTERIOR[path] = post
    return post
