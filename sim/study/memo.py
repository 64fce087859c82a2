"""The memo, in English or Korean: a headline sentence per policy first, a plain-language reading,
then what each scenario sets, its results with intervals, and a citation line."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import numpy as np
import pandas as pd

from ..core import policies
from ..core.outputs import HEADLINE
from ..core.params import Params
from . import i18n, stats
from . import scenarios as S
from . import uncertainty as U
from .labels import EFFECTS, QUANTITIES
from .provenance import git_commit, package_version

SHARE_UNITS = i18n.SHARE_UNITS


def citation(plan, scn, lang: str = "en") -> str:
    """One line to paste under a number in a memo, in `lang`."""
    top = scn.files[0] if scn.files else None
    h = (top.sha256 if top else scn.resolved_sha256)[:12]
    g = git_commit()
    commit = g["commit"][:10] + ("+dirty" if g.get("dirty") else "")
    return i18n.t(
        "memo_cite",
        lang,
        version=package_version(),
        commit=commit,
        name=scn.name,
        sha=h,
        reps=plan.replications,
        runs="replication" if plan.replications == 1 else "replications",  # the English text's noun
        seed=plan.seed,
        date=dt.datetime.now(dt.UTC).date().isoformat(),
    )


def fmt(col: str, v: float, signed: bool = False, lang: str = "en") -> str:
    """A value of a presented quantity as the memo writes it (money in 만원/억원/조원 in Korean,
    ratios as 배)."""
    if v != v:  # NaN: not defined (e.g. a cost per researcher without a gain)
        return "—"
    q = QUANTITIES.get(col) or EFFECTS.get(col)
    if q is None:
        return f"{v:+,.3g}" if signed else f"{v:,.3g}"
    return q.text(v, lang, signed)


def money(v: float, lang: str, signed: bool = False) -> str:
    """Money in running text: 억원/조원 in Korean, M/bn/tn KRW in English (no dollars)."""
    return "—" if v != v else i18n.money(v, lang, signed=signed, usd=False)


def value_text(name: str, v: Any, lang: str) -> str:
    """A parameter's value as the memo writes it: shares as percentages, money in 만원/억원/조원
    (M/bn/tn KRW; a zero that switches a limit off as its word), choices by their label, yes/no,
    start dates as year and quarter."""
    f = Params.__dataclass_fields__[name]
    if isinstance(v, bool):
        return i18n.t("yes" if v else "no", lang)
    if name in policies.START_FIELDS:
        on_grid = abs(v * 4 - round(v * 4)) < 1e-9
        return i18n.t("quarter", lang, y=int(v // 1), q=int(round((v % 1) * 4)) + 1) if on_grid else f"{v:g}"
    if isinstance(v, str):
        return i18n.choice_label(v, lang)
    if f.metadata.get("unit") in SHARE_UNITS:
        return f"{v * 100:,.4g}%"
    if f.metadata.get("unit") in i18n.MONEY_UNITS:
        if v == 0 and name in i18n.ZERO_MEANS:  # a zero that switches a limit off
            return i18n.ZERO_MEANS[name][lang]
        return i18n.amount(v * i18n.MONEY_UNITS[f.metadata["unit"]], lang)
    if isinstance(v, float):
        return f"{v:,.6g}"
    return str(v)


def _setting(name: str, v: Any, lang: str, short: bool = False) -> str:
    """`label: value` of one parameter for the memo (`short`: `setting_label`)."""
    return f"{setting_label(name, lang, short)}: {value_text(name, v, lang)}"


def setting_label(name: str, lang: str, short: bool = True) -> str:
    """The label of a parameter as the memo's settings list shows it (`short`: without its policy's name)."""
    f = Params.__dataclass_fields__[name]
    if name in i18n.LEVER_LABELS:
        label = i18n.lever_label(name, lang)
        if short:  # "Salary matching: share paid by the state" -> "share paid by the state"
            label = label.split(": ", 1)[-1]
    elif lang == "ko":
        unit = f.metadata["unit"]
        label = f"`{name}` ({i18n.PARAM_DOC_KO.get(name, f.metadata['doc'])}, {i18n.UNITS_KO.get(unit, unit)})"
    else:  # a parameter's own description may hold a colon ("1: twice as many")
        label = f"`{name}` ({f.metadata['doc']}, {f.metadata['unit']})"
    return label


def _changed(scn) -> list[str]:
    """Parameters (not policy fields) a scenario sets differently from the defaults."""
    p, default = scn.params, Params()
    return [
        k
        for k, v in p.to_dict().items()
        if k not in policies.POLICY_FIELDS and k != "end_year" and v != getattr(default, k)
    ]


def sweep_header(key: str, lang: str) -> str:
    """The head of a swept setting's column (`key` as the sweep file writes it), in the memo's table
    and the workbook's sheets: its short label, capitalised."""
    return _capital(setting_label(S.param_of(key), lang))


def _swept(scn) -> dict[str, list[Any]]:
    """The parameters a scenario's sweep varies, with their values in the file's order."""
    return {S.param_of(k): list(v) for k, v in (scn.sweep or {}).items()}


def _setting_text(name: str, p: Params, swept: dict[str, list[Any]], lang: str, short: bool = False) -> str:
    """`label: value`, or for a swept parameter `label: v1 · v2 · v3 (sweep)`."""
    if name not in swept:
        return _setting(name, getattr(p, name), lang, short)
    label = setting_label(name, lang, short)
    values = " · ".join(value_text(name, v, lang) for v in swept[name])
    return f"{label}: {values} ({i18n.t('memo_swept', lang)})"


def settings_lines(scn, lang: str = "en") -> list[str]:
    """What a scenario sets, for the memo: each active policy's fields (a policy whose switch
    is zero does nothing and is not listed), then the parameters it sets differently from the
    defaults. A swept field or parameter is shown with the values its sweep runs (a policy is
    listed when it acts at any point of the sweep)."""
    p = scn.params
    swept = _swept(scn)
    active = policies.active(p)
    for _, q in scn.points() if swept else ():
        active += [pol for pol in policies.active(q) if pol not in active]
    out = []
    if not active:
        out.append(i18n.t("memo_no_policy", lang))
    else:
        out.append(i18n.t("memo_policies", lang))
        for pol in sorted(active, key=policies.POLICIES.index):
            shown = [k for k in pol.params if k in swept or pol.acts(k, p)]  # not a threshold the basis ignores
            fields = "; ".join(_setting_text(k, p, swept, lang, short=True) for k in shown)
            out.append(f"- **{i18n.policy_label(pol.name, lang)}**: {fields}")
    changed = _changed(scn)
    changed += [k for k in swept if k not in policies.POLICY_FIELDS and k not in changed]
    if changed:
        out += ["", i18n.t("memo_params", lang)] + [f"- {_setting_text(k, p, swept, lang)}" for k in changed]
    return out


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def first_point_settings(scn, lang: str) -> str:
    """The settings of a sweep's point 0 as the memo writes them: `label: value; label: value`."""
    labels, _ = scn.first_point()
    return "; ".join(_setting(S.param_of(k), v, lang, short=True) for k, v in labels.items())


# the outputs the memo's table of sweep points shows (the app's four cards; every output of every
# point and year is in summary.csv)
SWEEP_COLUMNS = ("shortage", "core_talent_kr", "net_migration", "fiscal_cost_krw")
MAX_SWEEP_ROWS = 60  # a larger grid's first points; all of them are in summary.csv
# replications below which the reading calls a 90 % interval rough (memo_read_one's "about 10")
ENOUGH_REPLICATIONS = 10
SWEEP_EFFECT = "core_talent_kr"  # the effect the table of sweep points gives against a point without policies


def sweep_lines(scn, summ: pd.DataFrame, year: int, lang: str, sweep_comp: pd.DataFrame | None = None) -> list[str]:
    """For a scenario with a sweep: which point the yearly table shows, then one row per point with
    its settings and the headline outputs in `year` (mean [90 % interval]); with `sweep_comp`
    (`stats.sweep_comparison`) rows for this scenario, a last column: the change in core talent
    against the point with the policies off on the same other settings (paired), and a note."""
    keys = list(scn.sweep)
    n = scn.n_points
    lines = [i18n.t("memo_sweep", lang, n=n, first=first_point_settings(scn, lang), year=year), ""]
    cols = list(SWEEP_COLUMNS)
    own = summ[(summ["scenario"] == scn.name) & (summ["year"] == year)].set_index(["point", "output"])
    eff = pd.DataFrame()
    if sweep_comp is not None and len(sweep_comp):
        sel = (sweep_comp["scenario"] == scn.name) & (sweep_comp["year"] == year)
        eff = sweep_comp[sel & (sweep_comp["output"] == SWEEP_EFFECT)].set_index("point")
        eff = eff.rename(columns={"diff_mean": "mean", "diff_lo": "lo", "diff_hi": "hi"})  # as `_interval` reads
    names = [sweep_header(k, lang) for k in keys]
    heads = []
    for c in cols:
        q = QUANTITIES[c]
        name, unit = (q.short if lang == "en" else q.ko), q.unit_in(lang)
        heads.append(_capital(name if unit in name else f"{name} ({unit})"))
    if len(eff):
        heads.append(i18n.t("memo_sweep_effect_head", lang))
    lines.append(f"| {i18n.t('memo_point', lang)} | " + " | ".join(names + heads) + " |")
    lines.append("|---|" + "---|" * (len(names) + len(heads)))
    for i, labels in enumerate(itertools.islice(scn.grid(), MAX_SWEEP_ROWS)):
        cells = [value_text(S.param_of(k), labels[k], lang) for k in keys]
        for c in cols:
            if (i, c) in own.index:
                cells.append(_interval(c, own.loc[(i, c)], lang, False))
            else:
                cells.append("—")
        if len(eff):
            if i in eff.index:
                vs = i18n.t("memo_sweep_vs", lang, ref=int(eff.loc[i, "reference_point"]))
                cells.append(f"{_interval(SWEEP_EFFECT, eff.loc[i], lang, True)} {vs}")
            else:
                cells.append("—")
        lines.append(f"| {i} | " + " | ".join(cells) + " |")
    if len(eff):
        lines += ["", i18n.t("memo_sweep_effect_note", lang, year=year)]
    if n > MAX_SWEEP_ROWS:
        lines += ["", i18n.t("memo_sweep_more", lang, shown=MAX_SWEEP_ROWS, n=f"{n:,}")]
    return lines


def describe(scn, lang: str = "en") -> str:
    """A description generated from the settings (for a scenario adjusted in the app, whose
    starting file no longer describes it): the active policies with their fields, and how many
    parameters differ from the defaults."""
    p = scn.params
    active = policies.active(p)
    parts = [
        f"{i18n.policy_label(pol.name, lang)} ("
        + "; ".join(_setting(k, getattr(p, k), lang, short=True) for k in pol.params if pol.acts(k, p))
        + ")"
        for pol in active
    ]
    text = i18n.t("memo_describe", lang, what="; ".join(parts)) if parts else i18n.t("memo_no_policy", lang)
    n = len(_changed(scn))
    if n:
        text += " " + i18n.t("memo_describe_params", lang, n=n)
    return text


def description(scn, lang: str) -> str:
    """The scenario's description in `lang`: generated from its settings when it was adjusted in
    the app or has none in that language, else the file's."""
    if scn.adjusted_from:
        return i18n.t("memo_adjusted", lang, start=scn.adjusted_from) + " " + describe(scn, lang)
    return scn.description_in(lang) or describe(scn, lang)


def _single(row) -> bool:
    """True for a row of one replication (or one pair): it has no interval, its 'interval' being
    the value twice."""
    return row.get("pairs", row.get("replications", 2)) < 2


def _bracket(row, lang: str, show) -> str:
    """'mean [lo, hi]' of a row (`show` writes a value): the mean alone without an interval (no
    mean gain for a cost per researcher), and a cost per researcher's open or missing interval in
    words."""
    m = show(row["mean"])
    if row["lo"] != row["lo"]:
        return m
    if _single(row):
        return f"{m} [—]"
    if row["lo"] == float("inf"):  # most replications gain nothing
        return f"{m} [{i18n.t('mostly_no_gain', lang)}]"
    hi = i18n.t("no_upper_bound", lang) if row["hi"] == float("inf") else show(row["hi"])
    return f"{m} [{show(row['lo'])}, {hi}]"


def _interval(col: str, row, lang: str, signed: bool) -> str:
    return _bracket(row, lang, lambda v: fmt(col, v, signed, lang))


def _money_interval(row, lang: str) -> str:
    """A cost per researcher in running text, with its unit (`money`)."""
    return _bracket(row, lang, lambda v: money(v, lang))


def shown_name(scn, lang: str) -> str:
    """A scenario's display name where the memo quotes one number for it: with a sweep, the point
    those numbers are for (point 0) and its settings."""
    name = scn.display_name(lang)
    if scn.n_points > 1:
        name += " (" + i18n.t("memo_point_of", lang, settings=first_point_settings(scn, lang)) + ")"
    return name


def not_started(scn, year: int, lang: str) -> str:
    """A sentence for a policy scenario whose active policies all start after `year` ends: its
    numbers in `year` are the baseline's ('' otherwise)."""
    p = scn.first_point()[1]
    if not policies.active(p):
        return ""
    start = policies.earliest_start(p)
    if start < year + 1:
        return ""
    when = value_text(policies.active(p)[0].start, start, lang)
    return i18n.t("memo_not_started", lang, start=when, year=year)


def _reference_active(plan) -> list:
    """The policies the first scenario of a comparison (the reference every difference is taken
    against; its point 0) has switched on."""
    return policies.active(plan.scenarios[0].first_point()[1])


def reference_policies(plan, lang: str) -> str:
    """`_reference_active` as a list of names in `lang` ('' for a baseline without policies)."""
    return ", ".join(i18n.policy_label(pol.name, lang) for pol in _reference_active(plan))


def joint_effect(plan, scn) -> bool:
    """Whether `scn`'s difference from the baseline (its point 0) has more than one cause: more than
    one active policy, or policies with settings outside them (`assumption_note`), or a reference
    (the first scenario) with policies of its own, whose recipients and costs are subtracted. Then no
    single policy's deadweight or cost per additional person can be read from it."""
    if _reference_active(plan):
        return True
    own = scn.first_point()[1]
    active = policies.active(own)
    if len(active) > 1:
        return True
    base = plan.scenarios[0].first_point()[1]
    return bool(active) and any(k != "end_year" for k in policies.non_policy_differences(base, own))


def assumption_note(plan, scn, lang: str) -> str:
    """For a comparison: a sentence saying that `scn` (its point 0), a policy scenario, also differs from
    the baseline in parameters outside the policies, so its difference from the baseline is not the
    policies' effect alone ('' if it differs in policies only, or sets no policy; the horizon does
    not count)."""
    base = plan.scenarios[0].first_point()[1]
    own = scn.first_point()[1]
    names = [k for k in policies.non_policy_differences(base, own) if k != "end_year"]
    if not names or not policies.active(own):  # a scenario of other settings alone: the difference is theirs
        return ""
    what = "; ".join(_setting(k, getattr(own, k), lang, short=True) for k in names)
    return i18n.t("memo_read_assumptions", lang, what=what)


def headline_lines(plan, effects: pd.DataFrame, year: int, lang: str) -> list[str]:
    """One headline sentence per policy scenario of a comparison (point 0): its effect on core AI
    talent in Korea in `year` with the interval, the gross (and net) fiscal cost of that year, the
    cost per additional researcher per year, and the cumulative cost to `year` and over the
    horizon (`stats.policy_effects`)."""
    out = []
    for scn in plan.scenarios[1:]:
        e = effects[(effects["scenario"] == scn.name) & (effects["point"] == 0)]
        if e.empty or year not in set(e["year"]):
            continue
        at = e[e["year"] == year].set_index("measure")
        last = e[e["year"] == e["year"].max()].set_index("measure")
        kw = {
            "name": shown_name(scn, lang),
            "year": year,
            "effect": _interval("core_talent_kr", at.loc["core_talent_kr"], lang, True),
            "cost": money(at.loc["fiscal_cost_krw"]["mean"], lang),
            "net": money(at.loc["net_fiscal_cost_krw"]["mean"], lang),
            "cum": money(at.loc["cumulative_cost_krw"]["mean"], lang),
            "end": int(e["year"].max()),
            "cum_end": money(last.loc["cumulative_cost_krw"]["mean"], lang),
        }
        # the cumulative cost over the horizon too, unless it ends with the headline year
        kw["tail"] = "" if kw["end"] == year else i18n.t("memo_cum_tail", lang, **kw)
        if at.loc["fiscal_cost_krw"]["mean"] <= 0:
            out.append("- " + i18n.t("memo_head_free", lang, **kw))
        elif at.loc["core_talent_kr"]["mean"] <= 0:
            out.append("- " + i18n.t("memo_head_nogain", lang, **kw))
        else:
            kw["per"] = _money_interval(at.loc["cost_per_additional_krw"], lang)  # the unit in the sentence
            out.append("- " + i18n.t("memo_head", lang, **kw))
        for extra in (assumption_note(plan, scn, lang), not_started(scn, year, lang)):
            if extra:
                out[-1] += " " + extra
    return out


def effects_table(plan, effects: pd.DataFrame, year: int, lang: str) -> list[str]:
    """The policies side by side in `year` (markdown): one row per measure of `stats.policy_effects`
    (effect on core talent, shortage and net migration; gross and net cost per year; cost per
    additional researcher per year; cumulative cost), one column per policy scenario (point 0),
    each 'mean [lo, hi]'. The CLI prints it and the memo shows it."""
    scns = [s for s in plan.scenarios[1:] if s.name in set(effects["scenario"])]
    if not scns:
        return []
    e = effects[(effects["point"] == 0) & (effects["year"] == year)].set_index(["scenario", "measure"])
    head = f"| {i18n.t('memo_measure', lang, year=year)} | {i18n.t('memo_unit', lang)} | "
    rows = [head + " | ".join(shown_name(s, lang) for s in scns) + " |", "|---|---|" + "---|" * len(scns)]
    for m, q in EFFECTS.items():
        signed = not q.money
        cells = [_interval(m, e.loc[(s.name, m)], lang, signed) if (s.name, m) in e.index else "—" for s in scns]
        rows.append(f"| {q.label(lang)} | {q.unit_in(lang)} | " + " | ".join(cells) + " |")
    return rows


def reading(plan, effects: pd.DataFrame, comp: pd.DataFrame, year: int, lang: str) -> list[str]:
    """The plain-language reading: what the numbers mean, per policy scenario, and for salary
    matching who receives it, the pay change it implies and where the money goes."""
    out = []
    ref = plan.scenarios[0]
    against = (
        i18n.t("memo_against_ref", lang, ref=shown_name(ref, lang))
        if reference_policies(plan, lang)
        else i18n.t("memo_against_none", lang)
    )
    for scn in plan.scenarios[1:]:
        e = effects[(effects["scenario"] == scn.name) & (effects["point"] == 0) & (effects["year"] == year)]
        if e.empty:
            continue
        at = e.set_index("measure")
        g = at.loc["core_talent_kr"]
        text = i18n.t(
            "memo_read_one" if _single(g) else "memo_read",
            lang,
            name=shown_name(scn, lang),
            year=year,
            mean=i18n.num(g["mean"], "+,.0f"),
            lo=i18n.num(g["lo"], "+,.0f"),
            hi=i18n.num(g["hi"], "+,.0f"),
            reps=plan.replications,
            against=against,
        )
        later = not_started(scn, year, lang)
        if not later and not _single(g) and g["lo"] <= 0 <= g["hi"]:  # (before the start it is 0 [0, 0])
            text += " " + i18n.t("memo_read_zero", lang, reps=plan.replications)
        if not _single(g) and plan.replications < ENOUGH_REPLICATIONS:
            text += " " + i18n.t("memo_read_few", lang, reps=plan.replications, enough=ENOUGH_REPLICATIONS)
        note = assumption_note(plan, scn, lang)
        if note:
            text += " " + note
        if later:
            text += " " + later
        joint = joint_effect(plan, scn)
        p = scn.first_point()[1]  # the settings of the point the numbers are for
        sm = stats.salary_matching_summary(comp, scn.name, year) if comp is not None else None
        if p.sm_share > 0 and sm is not None:
            # S = phi s w / (1 - pi s) of the pay w without the programme (policy.full_subsidy), phi the
            # budget's pro-rata share (1 unless the budget binds)
            s, pi, phi = p.sm_share, p.sm_passthrough, min(sm["paid_share"], 1.0)
            binds = phi < 0.999
            lead = i18n.t(
                "memo_read_sm_lead_budget" if binds else "memo_read_sm_lead",
                lang,
                share=f"{s:.0%}",
                paid=f"{phi:.0%}",
                year=year,
                cap=i18n.t("memo_read_sm_cap", lang, cap=value_text("sm_cap", p.sm_cap, lang)) if p.sm_cap > 0 else "",
            )
            text += " " + i18n.t(
                "memo_read_sm",
                lang,
                lead=lead,
                rise=f"{pi * phi * s / (1 - pi * s):.0%}",
                firm=f"{(1 - pi) * phi * s / (1 - pi * s):.0%}",
                pi=f"{pi:.0%}",
            )
            pursuit = p.foreign_target_pursuit  # foreign bidders' pursuit of their hires (ODD 7.3)
            text += " " + (
                i18n.t("memo_read_sm_pursuit_on", lang, phi=f"{pursuit:g}")
                if pursuit > 0
                else i18n.t("memo_read_sm_pursuit_off", lang)
            )
            if not joint:  # with other changes the gain is not salary matching's: no deadweight from it
                dw = share_text(sm["deadweight"])
                text += " " + i18n.t("memo_read_sm_dw", lang, paid=f"{sm['recipients']:,.0f}", dw=dw)
        if joint and not note and not reference_policies(plan, lang):  # (else said above and in `against`)
            text += " " + i18n.t("memo_read_joint", lang)

        out.append(text)
    return out


def share_text(x: float) -> str:
    """A share as a whole percentage, except just below 1, where "100%" would say that none of the
    recipients is additional: there it keeps one decimal, rounded down (0.9996 -> "99.9%")."""
    if 0.995 <= x < 1.0:
        return f"{np.floor(x * 1000) / 10:.1f}%"
    return f"{x:.0%}"


def policy_lines(
    comp: pd.DataFrame, scenario: str, year: int, lang: str, joint: bool = False, reference: str = ""
) -> list[str]:
    """The memo's sentences on whom each paying policy pays and what it buys in `year` (salary
    matching, then `stats.POLICY_GAINS`), each after an empty line; nothing for a policy that
    costs nothing. `joint` (`joint_effect`): the differences have other causes too, so each
    sentence gives what the policy pays and the joint change, with no deadweight or cost per
    additional person, and a last sentence says why (`reference`: the name of a first scenario
    with policies of its own, when that is the reason)."""
    out = _salary_matching_lines(comp, scenario, year, lang, joint)
    for policy in stats.POLICY_GAINS:
        out += _gain_lines(comp, scenario, year, policy, lang, joint)
    if joint and out:
        why = i18n.t("memo_joint_ref", lang, ref=reference) if reference else i18n.t("memo_read_joint", lang)
        out += ["", why]
    return out


def _gain_lines(comp: pd.DataFrame, scenario: str, year: int, policy: str, lang: str, joint: bool = False) -> list[str]:
    """One policy's sentence (`stats.policy_gain_summary`; labels `memo_gain_<policy>`, `..._joint`
    when the difference has other causes too), or nothing."""
    g = stats.policy_gain_summary(comp, scenario, year, policy)
    if g is None:
        return []
    kw = {
        "year": year,
        "cost": money(g["cost"], lang),
        "paid": f"{g['recipients']:,.0f}",
        "each": money(g["per_recipient"], lang),
        "extra": i18n.num(g["additional"], "+,.0f"),
        "interval": f"[{i18n.num(g['additional_lo'], '+,.0f')}, {i18n.num(g['additional_hi'], '+,.0f')}]",
    }
    if joint:
        return ["", i18n.t(f"memo_gain_{policy}_joint", lang, **kw)]
    if g["additional"] <= 0:
        return ["", i18n.t(f"memo_gain_{policy}_none", lang, **kw)]
    kw |= {"dw": share_text(g["deadweight"]), "per": money(g["cost_per_additional"], lang)}
    return ["", i18n.t(f"memo_gain_{policy}", lang, **kw)]


def _salary_matching_lines(comp: pd.DataFrame, scenario: str, year: int, lang: str, joint: bool = False) -> list[str]:
    """The memo's salary-matching sentence (`stats.salary_matching_summary`; when `joint`, what it
    pays without attributing the joint gain to it), or nothing."""
    sm = stats.salary_matching_summary(comp, scenario, year)
    if sm is None:
        return []
    kw = {"year": year, "paid": f"{sm['recipients']:,.0f}", "extra": i18n.num(sm["additional"], "+,.0f")}
    if joint:  # what the scenario itself pays (its levels), no attribution of the difference
        key = "memo_sm_joint"
        kw |= {
            "paid": f"{sm['paid_level']:,.0f}",
            "cost": money(sm["gross_level"], lang),
            "cap": money(sm["capture_level"], lang),
        }
    elif sm["additional"] <= 0:  # no gain on average: still say what it pays and whether the budget binds
        key = "memo_sm_none"
    else:
        key = "memo_sm"
        kw |= {
            "dw": share_text(sm["deadweight"]),
            "gross": money(sm["gross_per_additional"], lang),
            "net": money(sm["net_per_additional"], lang),
            "cap": money(sm["firm_capture"], lang),
        }
    text = i18n.t(key, lang, **kw)
    if sm["paid_share"] < 0.999:
        text += " " + i18n.t("memo_sm_budget", lang, year=year, paid=f"{sm['paid_share']:.0%}")
    return ["", text]


def reference_note(plan, lang: str) -> str:
    """For a comparison whose first scenario has policies of its own: the note that every difference
    is against it ('' when it is a baseline without policies)."""
    pols = reference_policies(plan, lang)
    if not pols:
        return ""
    return i18n.t("memo_reference_note", lang, ref=shown_name(plan.scenarios[0], lang), policies=pols)


def results_table(
    frame: pd.DataFrame, cols: list[str], yrs: list[int], keys: tuple[str, str, str], signed: bool, lang: str
) -> list[str]:
    """A Markdown table: header and one row per output of `cols`, 'mean [lo, hi]' per year of
    `yrs` from `frame` (indexed by year and output; `keys`: the mean, lo and hi columns)."""
    header = f"| {i18n.t('memo_output', lang)} | {i18n.t('memo_unit', lang)} | " + " | ".join(map(str, yrs)) + " |"
    rows = [header, "|---|---|" + "---|" * len(yrs)]
    for c in cols:
        cells = []
        for y in yrs:
            if (y, c) not in frame.index:  # past this scenario's horizon (scenarios may end earlier)
                cells.append("—")
                continue
            r = frame.loc[(y, c)]
            m, lo, hi = (fmt(c, r[k], signed, lang) for k in keys)
            cells.append(f"{m} [—]" if _single(r) else f"{m} [{lo}, {hi}]")
        name = QUANTITIES[c].short if lang == "en" else QUANTITIES[c].ko
        rows.append(f"| {name} | {QUANTITIES[c].unit_in(lang)} | " + " | ".join(cells) + " |")
    return rows


def _table_years(summ: pd.DataFrame, years: list[int], year: int | None) -> tuple[list[str], list[int], int]:
    """The outputs of the memo's tables, the years of `years` the results have (else their last
    year), and the headline year: `year`, else `stats.headline_year` of a year every scenario
    reaches (the CLI's policy table uses the same year)."""
    cols = [c for c in HEADLINE if c in QUANTITIES]
    all_years = sorted(set(summ["year"]))
    yrs = [y for y in years if y in set(all_years)] or all_years[-1:]
    year = year if year is not None else stats.headline_year(int(summ.groupby("scenario")["year"].max().min()))
    return cols, yrs, year


def scenario_results(
    plan,
    summ: pd.DataFrame,
    years: list[int],
    lang: str,
    year: int | None = None,
    sweep_comp: pd.DataFrame | None = None,
) -> list[str]:
    """Each scenario's results as the memo shows them, for the terminal after `talentsim run` or
    `sweep`: its name, the headline outputs with intervals for `years` (point 0) and, for a sweep,
    the table of every point in the headline `year` (default `stats.headline_year`; `sweep_comp`:
    `sweep_lines`)."""
    cols, yrs, year = _table_years(summ, years, year)
    out = []
    for scn in plan.scenarios:
        s = summ[(summ["scenario"] == scn.name) & (summ["point"] == 0)].set_index(["year", "output"])
        out += ["", f"## {shown_name(scn, lang)}", "", *results_table(s, cols, yrs, ("mean", "lo", "hi"), False, lang)]
        if scn.n_points > 1:
            out += ["", *sweep_lines(scn, summ, year, lang, sweep_comp)]
    return out


def memo(
    plan,
    summ: pd.DataFrame,
    comp: pd.DataFrame | None,
    years: list[int],
    lang: str = "en",
    effects: pd.DataFrame | None = None,
    year: int | None = None,
    reproduce: list[str] | None = None,
    sweep_comp: pd.DataFrame | None = None,
) -> str:
    """A markdown memo entirely in `lang` ('en' or 'ko'): for a comparison, a headline sentence per
    policy (`effects`: `stats.policy_effects`; `year`: the headline year, default
    `stats.headline_year`) and a plain-language reading first; then, per scenario, its description
    and settings, its results with intervals for `years` (and the difference from the baseline),
    and a citation line; last, the commands that `reproduce` the numbers (`sweep_comp`:
    `sweep_lines`)."""
    cols, yrs, year = _table_years(summ, years, year)
    names = [s.display_name(lang) for s in plan.scenarios]
    title = i18n.t("memo_title_compare" if comp is not None else "memo_title", lang, names=" · ".join(names))
    lines = [f"# {title}", "", f"*{U.describe(_mode(plan), lang)}*", ""]
    note = reference_note(plan, lang) if comp is not None else ""
    if note:
        lines += [note, ""]
    if comp is not None and effects is not None:
        head = headline_lines(plan, effects, year, lang)
        if head:
            lines += [f"## {i18n.t('memo_headline', lang, year=year)}", "", *head, ""]
            lines += [f"**{i18n.t('memo_reading', lang)}** " + " ".join(reading(plan, effects, comp, year, lang)), ""]
            lines += [*effects_table(plan, effects, year, lang), ""]

    def table(frame: pd.DataFrame, keys: tuple[str, str, str], signed: bool) -> list[str]:
        return results_table(frame, cols, yrs, keys, signed, lang)

    for scn in plan.scenarios:
        head = scn.display_name(lang)
        if head != scn.name:
            head += f" (`{scn.name}`)"
        lines += [f"## {head}", "", description(scn, lang), ""] + settings_lines(scn, lang) + [""]
        s = summ[(summ["scenario"] == scn.name) & (summ["point"] == 0)].set_index(["year", "output"])
        lines += table(s, ("mean", "lo", "hi"), False)
        if scn.n_points > 1:
            lines += ["", *sweep_lines(scn, summ, year, lang, sweep_comp)]
        if comp is not None and len(comp) and scn.name in set(comp["scenario"]):
            d = comp[(comp["scenario"] == scn.name) & (comp["point"] == 0)].set_index(["year", "output"])
            lines += ["", i18n.t("memo_diff", lang, base=shown_name(plan.scenarios[0], lang)), ""]
            lines += table(d, ("diff_mean", "diff_lo", "diff_hi"), True)
            # the last table year the scenario reaches (a shorter horizon has no later years)
            last = max([y for y in yrs if y <= scn.end_year], default=scn.end_year)
            ref = shown_name(plan.scenarios[0], lang) if reference_policies(plan, lang) else ""
            lines += policy_lines(comp, scn.name, last, lang, joint_effect(plan, scn), ref)
        lines += ["", citation(plan, scn, lang), ""]
    if reproduce:
        lines += [i18n.t("memo_reproduce", lang), ""] + [f"    {c}" for c in reproduce] + [""]
    lines += [footer(plan, lang), ""]
    return "\n".join(lines)


def footer(plan, lang: str, workbook: bool = False) -> str:
    """The memo's closing line: what the values are, the money units and what the intervals carry
    (`workbook`: the workbook's, whose money columns each have one unit, named in the header)."""
    return i18n.t("workbook_foot" if workbook else "memo_foot", lang, intervals=U.describe(_mode(plan), lang))


def _mode(plan) -> str:
    """What the plan's intervals carry (`uncertainty.MODES`; the default for a plan without one)."""
    return getattr(plan, "uncertainty", U.DEFAULT)
