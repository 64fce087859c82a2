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
