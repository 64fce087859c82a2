"""Exogenous market data the rules read: the AI sales index, the income-tax schedule and the
documented shocks to foreign demand.

Read once from `sim/data/market.yaml` and `sim/data/foreign_demand.yaml` (each figure and
event there carries its source and level).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml

from .codes import KIND_NAMES, LOC_NAMES

MARKET_FILE = Path(__file__).resolve().parents[1] / "data" / "market.yaml"  # sim/data/
FOREIGN_FILE = MARKET_FILE.with_name("foreign_demand.yaml")


def _load() -> dict:
    return yaml.safe_load(MARKET_FILE.read_text(encoding="utf-8"))


_DOC = _load()

# AI sales of the surveyed firms (tn KRW) at mid-year: decimal times and values
SALES_YEARS = np.array(sorted(_DOC["ai_sales_tn_krw"]), float)
SALES_TIMES = SALES_YEARS + 0.5
SALES = np.array([_DOC["ai_sales_tn_krw"][int(y)]["value"] for y in SALES_YEARS], float)
LAST_DATA_TIME = float(SALES_TIMES[-1])


def sales_index(time: float, growth_after: float) -> float:
    """AI sales index at decimal time `time` (tn KRW): the data, geometrically interpolated
    between mid-year points (held at the first point before it), then growing at
    `growth_after` a year (continuous: D = D_last * (1 + g)^(time - last))."""
    if time >= LAST_DATA_TIME:
        return float(SALES[-1] * (1.0 + growth_after) ** (time - LAST_DATA_TIME))
    return float(np.exp(np.interp(time, SALES_TIMES, np.log(SALES))))


# income tax: cumulative national tax (M KRW) at each bracket's upper bound, for np.interp
_TAX = _DOC["income_tax"]
LOCAL_SURCHARGE = float(_TAX["local_surcharge"])
_BOUNDS = [0.0]
_CUM = [0.0]
for upper, rate in _TAX["brackets"]:
    top = float(upper) if upper is not None else 1e7  # 10 tn KRW a year: above any salary
    _CUM.append(_CUM[-1] + (top - _BOUNDS[-1]) * float(rate))
    _BOUNDS.append(top)
TAX_BOUNDS = np.array(_BOUNDS)
TAX_CUM = np.array(_CUM)


def income_tax(pay_mkrw: np.ndarray) -> np.ndarray:
    """National + local income tax (M KRW/yr) on yearly pay `pay_mkrw` (M KRW), applied to the
    gross salary (deductions ignored: the employment-income deduction is at most 20 M KRW and
    shifts the brackets a little)."""
    return np.interp(np.maximum(pay_mkrw, 0.0), TAX_BOUNDS, TAX_CUM) * (1.0 + LOCAL_SURCHARGE)


# documented shocks to foreign demand (sim/data/foreign_demand.yaml): dates from the file, sizes
# from the parameters the file names
FOREIGN_EVENTS: tuple[dict, ...] = tuple(yaml.safe_load(FOREIGN_FILE.read_text(encoding="utf-8"))["events"])


def _active(event: dict, time: float) -> bool:
    """An event acts in the quarters ending at `time` with start < time <= end (decimal years); an
    event without an end (`end: null`) acts to the end of every run."""
    end = event.get("end")
    return float(event["start"]) + 1e-9 < time and (end is None or time <= float(end) + 1e-9)


def _by_name(params, time: float, what: str, names: tuple[str, ...], key: str, factor) -> np.ndarray:
    """By code (the position in `names`): the product of factor(size) over the active events of
    kind `what` whose list `key` names the code (1 where none does)."""
    out = np.ones(len(names))
    for e in FOREIGN_EVENTS:
        if e["what"] == what and _active(e, time):
            f = factor(float(getattr(params, e["parameter"])))
            for name in e[key]:
                out[names.index(name)] *= f
    return out


def offer_keep(params, time: float) -> np.ndarray:
    """Probability that a foreign offer made to a person in Korea in the quarter ending at `time`
    goes ahead, by the bidder's location code: the product of (1 - cut) over the active `offers`
    events that name the location (1 everywhere when none is active)."""
    return _by_name(params, time, "offers", LOC_NAMES, "locations", lambda cut: 1.0 - cut)


def offer_growth(params, time: float) -> np.ndarray:
    """Multiplier on the foreign offers made to people in Korea, by the bidder's kind code: the
    product of (1 + size) over the active `offer_growth` events that name the kind (1 for every
    kind when none is active)."""
    return _by_name(params, time, "offer_growth", KIND_NAMES, "kinds", lambda size: 1.0 + size)


def return_search_factor(params, time: float) -> float:
    """Multiplier on the search for Korean jobs of the Korean-born working abroad: the product
    of (1 + boost) over the active `return_search` events."""
    f = 1.0
    for e in FOREIGN_EVENTS:
        if e["what"] == "return_search" and _active(e, time):
            f *= 1.0 + float(getattr(params, e["parameter"]))
    return f


def foreign_hiring(params, time: float) -> float:
    """Foreign hiring index H_t after the data (1 before `foreign_hiring_start`): a scenario path
    H_t = (1 + foreign_hiring_growth)^(time - foreign_hiring_start) for time after the start.
    Foreign offers to people in Korea scale with H_t, foreign pay with H_t^foreign_pay_response."""
    g = float(params.foreign_hiring_growth)
    dt = time - float(params.foreign_hiring_start)
    if g == 0.0 or dt <= 0.0:
        return 1.0
    return float((1.0 + g) ** dt)


def kind_pay(params, time: float) -> np.ndarray:
    """Foreign pay by bidder kind code relative to the pay formula (`pay.foreign_offer`, which
    carries the scenario path H_t^epsilon): the documented growth of the kind's offers
    (`offer_growth`, the frontier-lab boom) raised to epsilon = `foreign_pay_response`, the
    same response of pay to hiring as after the data. 1 for every kind when no growth acts."""
    return np.power(offer_growth(params, time), float(params.foreign_pay_response))


def foreign_pay_level(params, time: float) -> np.ndarray:
    """Foreign pay by bidder kind code relative to its trend (1 + wage_growth_foreign)^t:
    H_t^epsilon times `kind_pay`. The annual raise abroad follows its growth over the year."""
    return foreign_hiring(params, time) ** float(params.foreign_pay_response) * kind_pay(params, time)


__all__ = [
    "FOREIGN_EVENTS",
    "LAST_DATA_TIME",
    "SALES",
    "SALES_TIMES",
    "foreign_hiring",
    "foreign_pay_level",
    "income_tax",
    "kind_pay",
    "offer_growth",
    "offer_keep",
    "return_search_factor",
    "sales_index",
]
