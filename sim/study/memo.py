"""The memo: what each scenario sets, headline results with intervals, and a citation line."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ..core import policies
from ..core.outputs import HEADLINE
from ..core.params import Params
from . import i18n, stats
from .labels import QUANTITIES
from .provenance import git_commit, package_version


def citation(plan, scn) -> str:
    """One line to paste under a number in a memo."""
    top = scn.files[0] if scn.files else None
    h = (top.sha256 if top else scn.resolved_sha256)[:12]
    g = git_commit()
    commit = g["commit"][:10] + ("+dirty" if g.get("dirty") else "")
    return (
        f"Source: talentsim {package_version()} (git {commit}), scenario '{scn.name}' "
        f"(sha256 {h}), {plan.replications} replications, seed {plan.seed}, "
        f"mean [90% interval]; {dt.datetime.now(dt.UTC).date().isoformat()}."
    )


def fmt(col: str, v: float, signed: bool = False, lang: str = "en") -> str:
    """A value of a presented quantity as the memo writes it (money in 억원/조원 in Korean)."""
    q = QUANTITIES.get(col)
    if q is None:
        return f"{v:+,.3g}" if signed else f"{v:,.3g}"
    if lang == "ko" and q.money:
        return i18n.money(v, "ko", signed=signed)
    return q.format(v, signed)


def _setting(name: str, v: Any, lang: str, short: bool = False) -> str:
    """`label: value` of one parameter for the memo (start dates as year and quarter; `short`:
    without the policy's name before the label's first colon)."""
    f = Params.__dataclass_fields__[name]
    if name in i18n.LEVER_LABELS:
        label = i18n.lever_label(name, lang)
    elif lang == "ko":
        unit = f.metadata["unit"]
        label = f"{name} ({i18n.PARAM_DOC_KO.get(name, f.metadata['doc'])}, {i18n.UNITS_KO.get(unit, unit)})"
    else:
        label = f"{name} ({f.metadata['doc']}, {f.metadata['unit']})"
    if short:
        label = label.split(": ", 1)[-1]
    if isinstance(v, bool):
        text = i18n.t("yes" if v else "no", lang)
    elif name in policies.START_FIELDS:
        on_grid = abs(v * 4 - round(v * 4)) < 1e-9
        text = i18n.t("quarter", lang, y=int(v // 1), q=int(round((v % 1) * 4)) + 1) if on_grid else f"{v:g}"
    elif isinstance(v, float):
        text = f"{v:,.6g}"
    else:
        text = str(v)
    return f"{label}: {text}"


def settings_lines(scn, lang: str = "en") -> list[str]:
    """What a scenario sets, for the memo: each active policy's fields (a policy whose switch
    is zero does nothing and is not listed), then the parameters it sets differently from the
    defaults."""
    p, default = scn.params, Params()
    active = policies.active(p)
    out = []
    if not active:
        out.append(i18n.t("memo_no_policy", lang))
    else:
        out.append(i18n.t("memo_policies", lang))
        for pol in active:
            fields = "; ".join(_setting(k, getattr(p, k), lang, short=True) for k in pol.params)
            out.append(f"- **{i18n.policy_label(pol.name, lang)}**: {fields}")
    changed = [
        k
        for k, v in p.to_dict().items()
        if k not in policies.POLICY_FIELDS and k != "end_year" and v != getattr(default, k)
    ]
    if changed:
        out += ["", i18n.t("memo_params", lang)] + [f"- {_setting(k, getattr(p, k), lang)}" for k in changed]
    return out


def _salary_matching_lines(comp: pd.DataFrame, scenario: str, year: int, lang: str) -> list[str]:
    """The memo's salary-matching sentence (`stats.salary_matching_summary`), or nothing."""
    sm = stats.salary_matching_summary(comp, scenario, year)
    if sm is None:
        return []
    kw = {"year": year, "paid": f"{sm['recipients']:,.0f}", "extra": f"{sm['additional']:+,.0f}"}
    if sm["additional"] <= 0:
        return ["", i18n.t("memo_sm_none", lang, **kw)]
    money = lambda v: i18n.money(v, lang, usd=False)  # noqa: E731
    kw |= {
        "dw": f"{sm['deadweight']:.0%}",
        "gross": money(sm["gross_per_additional"]),
        "net": money(sm["net_per_additional"]),
        "cap": money(sm["firm_capture"]),
    }
    return ["", i18n.t("memo_sm", lang, **kw)]


def memo(plan, summ: pd.DataFrame, comp: pd.DataFrame | None, years: list[int], lang: str = "en") -> str:
    """A short markdown memo: headline results with intervals for chosen years, and citation lines.

    `lang` 'en' or 'ko' (Korean labels; money in 억원/조원)."""

    def label(c):
        return QUANTITIES[c].short if lang == "en" else QUANTITIES[c].ko

    cols = [c for c in HEADLINE if c in QUANTITIES]
    yrs = [y for y in years if y in set(summ["year"])] or sorted(set(summ["year"]))[-1:]
    lines = [f"# {i18n.t('memo_title', lang)}: {plan.command} {' vs '.join(s.name for s in plan.scenarios)}", ""]
    header = (
        f"| {i18n.t('memo_output', lang)} | {i18n.t('memo_unit', lang)} | " + " | ".join(str(y) for y in yrs) + " |"
    )

    def table(frame: pd.DataFrame, keys: tuple[str, str, str], signed: bool) -> list[str]:
        """Header and one row per headline output: 'mean [lo, hi]' per year."""
        rows = [header, "|---|---|" + "---|" * len(yrs)]
        for c in cols:
            cells = []
            for y in yrs:
                m, lo, hi = (fmt(c, frame.loc[(y, c)][k], signed, lang) for k in keys)
                cells.append(f"{m} [{lo}, {hi}]")
            rows.append(f"| {label(c)} | {QUANTITIES[c].unit_in(lang)} | " + " | ".join(cells) + " |")
        return rows

    for scn in plan.scenarios:
        lines += [f"## {scn.name}", "", scn.description.strip(), ""] + settings_lines(scn, lang) + [""]
        s = summ[(summ["scenario"] == scn.name) & (summ["point"] == 0)].set_index(["year", "output"])
        lines += table(s, ("mean", "lo", "hi"), False)
        if len(scn.points()) > 1:
            lines += ["", i18n.t("memo_sweep", lang, n=len(scn.points()))]
        if comp is not None and len(comp) and scn.name in set(comp["scenario"]):
            d = comp[(comp["scenario"] == scn.name) & (comp["point"] == 0)].set_index(["year", "output"])
            lines += ["", i18n.t("memo_diff", lang, base=plan.scenarios[0].name), ""]
            lines += table(d, ("diff_mean", "diff_lo", "diff_hi"), True)
            lines += _salary_matching_lines(comp, scn.name, yrs[-1], lang)
        lines += ["", citation(plan, scn), ""]
    lines += [i18n.t("memo_foot", lang), ""]
    return "\n".join(lines)
