"""Chart specifications for the app (plain Vega-Lite: building them with Altair validated every
piece against the schema, ~0.1 s of CPU per chart taken from the runs)."""

from __future__ import annotations

import pandas as pd

from ..study import i18n
from ..study.labels import QUANTITIES
from ..study.targets import survey_points
from .explorer import BASELINE, bands, scaled_label


def fan_chart(ts: pd.DataFrame, col: str, lang: str, scenario: str) -> tuple[pd.DataFrame, dict]:
    """Data and Vega-Lite spec of a fan chart: baseline and scenario (labelled `scenario`, its display
    name) means with 90 % bands, and the survey points where there are any (sim/data/targets.yaml)."""
    q = QUANTITIES[col]
    b = bands(ts, col)
    b[["mean", "lo", "hi"]] = b[["mean", "lo", "hi"]] / q.scale
    base = i18n.t("baseline", lang)
    b["series"] = b["scenario"].map(lambda s: base if s == BASELINE else scenario)
    title = i18n.t("chart_title", lang, what=scaled_label(q, lang))
    x = {
        "field": "time",
        "type": "quantitative",
        "title": i18n.t("year_axis", lang),
        "scale": {"zero": False},
        "axis": {"format": "d"},
    }
    color = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "scale": {"domain": [base, scenario], "range": ["#7f7f7f", "#d62728"]},
    }
    layers = [
        {
            "mark": {"type": "area", "opacity": 0.2},
            "encoding": {
                "x": x,
                "color": color,
                "y": {"field": "lo", "type": "quantitative", "title": None},
                "y2": {"field": "hi"},
            },
        },
        {
            "mark": {"type": "line"},
            "encoding": {
                "x": x,
                "color": color,
                "y": {"field": "mean", "type": "quantitative", "title": None},
                "tooltip": [
                    {"field": "series", "type": "nominal"},
                    {"field": "time", "type": "quantitative", "format": ".2f"},
                    {"field": "mean", "type": "quantitative", "format": ",.0f"},
                ],
            },
        },
    ]
    points = survey_points().get(col)
    if points:
        survey = i18n.t("survey", lang)
        layers.append(
            {
                "data": {"values": [{"time": x_, "value": y_ / q.scale, "label": survey} for x_, y_ in points]},
                "mark": {"type": "point", "color": "black", "filled": True, "size": 60},
                "encoding": {
                    "x": {"field": "time", "type": "quantitative"},
                    "y": {"field": "value", "type": "quantitative"},
                    "shape": {"field": "label", "type": "nominal", "title": None},
                },
            }
        )
    return b[["time", "series", "mean", "lo", "hi"]], {"title": title, "height": 260, "layer": layers}
