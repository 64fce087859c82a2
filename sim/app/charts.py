"""Chart specifications for the app (plain Vega-Lite: building them with Altair validated every
piece against the schema, ~0.1 s of CPU per chart taken from the runs)."""

from __future__ import annotations

import pandas as pd

from ..study import i18n
from ..study.labels import EFFECTS, QUANTITIES, label
from ..study.targets import survey_points
from .explorer import BASELINE, bands, diff_bands, scaled_label


def _time_axis(lang: str) -> dict:
    """The charts' x encoding: time in decimal years, labelled by whole years."""
    return {
        "field": "time",
        "type": "quantitative",
        "title": i18n.t("year_axis", lang),
        "scale": {"zero": False},
        "axis": {"format": "d"},
    }


def fan_chart(ts: pd.DataFrame, col: str, lang: str, scenario: str) -> tuple[pd.DataFrame, dict]:
    """Data and Vega-Lite spec of a fan chart: baseline and scenario (labelled `scenario`, its display
    name) means with 90 % bands, and the survey points where there are any (sim/data/targets.yaml)."""
    q = QUANTITIES[col]
    b = bands(ts, col)
    b[["mean", "lo", "hi"]] = b[["mean", "lo", "hi"]] / q.scale
    base = i18n.t("baseline", lang)
    b["series"] = b["scenario"].map(lambda s: base if s == BASELINE else scenario)
    title = i18n.t("chart_title", lang, what=scaled_label(q, lang))
    x = _time_axis(lang)
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


def difference_chart(ts: pd.DataFrame, col: str, lang: str, scenario: str) -> tuple[pd.DataFrame, dict]:
    """Data and Vega-Lite spec of the scenario's difference from the baseline (`explorer.diff_bands`:
    paired by replication) with its 90 % band and a line at zero."""
    q = QUANTITIES[col]
    b = diff_bands(ts, col)
    b[["mean", "lo", "hi"]] = b[["mean", "lo", "hi"]] / q.scale
    title = i18n.t("chart_diff_title", lang, what=scaled_label(q, lang), scenario=scenario)
    x = _time_axis(lang)
    layers = [
        {
            "mark": {"type": "area", "opacity": 0.25, "color": "#d62728"},
            "encoding": {"x": x, "y": {"field": "lo", "type": "quantitative", "title": None}, "y2": {"field": "hi"}},
        },
        {
            "mark": {"type": "line", "color": "#d62728"},
            "encoding": {
                "x": x,
                "y": {"field": "mean", "type": "quantitative", "title": None},
                "tooltip": [
                    {"field": "time", "type": "quantitative", "format": ".2f"},
                    {"field": "mean", "type": "quantitative", "format": ",.2f"},
                    {"field": "lo", "type": "quantitative", "format": ",.2f"},
                    {"field": "hi", "type": "quantitative", "format": ",.2f"},
                ],
            },
        },
        {
            "data": {"values": [{"zero": 0}]},
            "mark": {"type": "rule", "color": "#7f7f7f"},
            "encoding": {"y": {"field": "zero", "type": "quantitative"}},
        },
    ]
    return b[["time", "mean", "lo", "hi"]], {"title": title, "height": 260, "layer": layers}


def cost_effect_chart(plan, effects: pd.DataFrame, year: int, lang: str) -> tuple[pd.DataFrame, dict]:
    """Data and Vega-Lite spec of each policy's gross fiscal cost per year (x) against its effect on
    core AI talent in Korea (y) in `year`, with the 90 % intervals of both as whiskers
    (`stats.policy_effects`, point 0); labelled by display name."""
    e = effects[(effects["point"] == 0) & (effects["year"] == year)].set_index(["scenario", "measure"])
    cost_q, gain_q = EFFECTS["fiscal_cost_krw"], EFFECTS["core_talent_kr"]
    rows = []
    for scn in plan.scenarios[1:]:
        if (scn.name, "core_talent_kr") not in e.index:
            continue
        c, g = e.loc[(scn.name, "fiscal_cost_krw")], e.loc[(scn.name, "core_talent_kr")]
        rows.append(
            {
                "policy": scn.display_name(lang),
                **{f"cost_{k}": c[k] / cost_q.scale for k in ("mean", "lo", "hi")},
                **{f"gain_{k}": g[k] for k in ("mean", "lo", "hi")},
            }
        )
    data = pd.DataFrame(rows)
    cost_title = scaled_label(cost_q, lang)
    x = {"field": "cost_mean", "type": "quantitative", "title": cost_title}
    y = {"field": "gain_mean", "type": "quantitative", "title": f"{gain_q.label(lang)} ({gain_q.unit_in(lang)})"}
    color = {"field": "policy", "type": "nominal", "title": None}
    spec = {
        "title": i18n.t("cost_effect_title", lang, year=year),
        "height": 320,
        "layer": [
            {
                "mark": {"type": "rule"},
                "encoding": {"x": {**x, "field": "cost_lo"}, "x2": {"field": "cost_hi"}, "y": y, "color": color},
            },
            {
                "mark": {"type": "rule"},
                "encoding": {"x": x, "y": {**y, "field": "gain_lo"}, "y2": {"field": "gain_hi"}, "color": color},
            },
            {
                "mark": {"type": "point", "filled": True, "size": 80},
                "encoding": {
                    "x": x,
                    "y": y,
                    "color": color,
                    "tooltip": [
                        {"field": "policy", "type": "nominal"},
                        {"field": "cost_mean", "type": "quantitative", "format": ",.1f", "title": cost_title},
                        {"field": "gain_mean", "type": "quantitative", "format": "+,.0f", "title": gain_q.label(lang)},
                    ],
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 8, "dy": -8},
                "encoding": {"x": x, "y": y, "text": {"field": "policy"}, "color": color},
            },
        ],
    }
    return data, spec


def design_front_chart(result, lang: str) -> tuple[pd.DataFrame, dict]:
    """Data and Vega-Lite spec of a design's candidates: mean yearly cost (x) against the probability
    of meeting the goal (y); the Pareto front coloured by mean effect, the others grey, the
    recommendation larger; the goal's probability as a rule."""
    d = result.design
    df = result.candidates[["candidate", "cost_bn_per_year", "p_meet", "effect_mean", "pareto"]].copy()
    rec = result.recommended["candidate"] if result.recommended is not None else -1
    df["kind"] = [
        i18n.t("design_kind_rec", lang)
        if c == rec
        else i18n.t("design_kind_front", lang)
        if p
        else i18n.t("design_all", lang)
        for c, p in zip(df["candidate"], df["pareto"])
    ]
    x = {
        "field": "cost_bn_per_year",
        "type": "quantitative",
        "title": i18n.t("design_cost_axis", lang, basis=i18n.t(f"design_{d.basis}", lang)),
    }
    y = {"field": "p_meet", "type": "quantitative", "title": i18n.t("design_p_axis", lang), "scale": {"domain": [0, 1]}}
    effect_title = i18n.t("design_effect_axis", lang, output=label(d.output, lang), year=d.year)
    spec = {
        "title": d.display_name(lang),
        "height": 340,
        "layer": [
            {
                "mark": {"type": "point", "filled": True},
                "encoding": {
                    "x": x,
                    "y": y,
                    "shape": {"field": "kind", "type": "nominal", "title": None},
                    "size": {"condition": {"test": f"datum.candidate == {rec}", "value": 260}, "value": 50},
                    "color": {"field": "effect_mean", "type": "quantitative", "title": effect_title},
                    "opacity": {"condition": {"test": "datum.pareto", "value": 1.0}, "value": 0.25},
                    "tooltip": [
                        {"field": "candidate", "type": "quantitative"},
                        {"field": "cost_bn_per_year", "type": "quantitative", "format": ",.1f", "title": x["title"]},
                        {"field": "p_meet", "type": "quantitative", "format": ".0%", "title": y["title"]},
                        {"field": "effect_mean", "type": "quantitative", "format": "+,.0f", "title": effect_title},
                    ],
                },
            },
            {"mark": {"type": "rule", "strokeDash": [4, 4]}, "encoding": {"y": {"datum": d.probability}}},
        ],
    }
    return df, spec
