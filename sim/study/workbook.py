"""The Excel workbook of a results folder (and of the app's download): the yearly summary, the
comparison with the baseline and the policy effects, with labelled headers in English or Korean.

Values are in the units the headers state (the label table's scale: M KRW, bn KRW, persons,
shares as fractions; in Korean, money in 만원 for pay and 억원 for fiscal amounts) and keep their full
precision; each column's number format shows them as the memo does (8,369; 9.4%; +248); every
sheet names the scenarios by display name and file name.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from . import i18n, memo
from .labels import EFFECTS, QUANTITIES, Quantity

SHEETS = {
    "summary": {"en": "Summary", "ko": "요약"},
    "comparison": {"en": "Difference from baseline", "ko": "기준 대비 차이"},
    "effects": {"en": "Policy effects", "ko": "정책 효과"},
    "sweep": {"en": "Sweep effects", "ko": "격자 지점별 효과"},
    "about": {"en": "About", "ko": "정보"},
}
DIFFS = ("diff_mean", "diff_lo", "diff_hi")  # the statistics of a sheet of differences
WORDS = {
    "scenario": {"en": "Scenario", "ko": "시나리오"},
    "file": {"en": "Scenario file name", "ko": "시나리오 파일 이름"},
    "point": {"en": "Sweep point", "ko": "격자 지점"},
    "year": {"en": "Year (Q4)", "ko": "연도 (4분기)"},
    "mean": {"en": "mean", "ko": "평균"},
    "lo": {"en": "5th percentile", "ko": "5 백분위"},
    "hi": {"en": "95th percentile", "ko": "95 백분위"},
    "pairs": {"en": "Paired replications", "ko": "짝지은 반복 실행 수"},
    "replications": {"en": "Replications", "ko": "반복 실행 수"},
}


# Korean money columns in the units of Korean policy writing (and of the Korean memo): pay in 만원,
# fiscal amounts in 억원, each column in one unit (the memo's 조원 is 10,000억원); English keeps
# the label table's M KRW and bn KRW
KO_MONEY = {"M KRW": (1e4, "만원", 0), "bn KRW": (1e8, "억원", 1)}  # unit -> (scale, Korean unit, decimals)


def _money_ko(q: Quantity) -> tuple[float, str, int]:
    base, _, per = q.unit.partition("/")
    scale, unit, decimals = KO_MONEY[base]
    return scale, unit + ("/년" if per == "yr" else ""), decimals


def _scale(q: Quantity, lang: str) -> float:
    return _money_ko(q)[0] if q.money and lang == "ko" else q.scale


def _unit(q: Quantity, lang: str) -> str:
    return _money_ko(q)[1] if q.money and lang == "ko" else q.unit_in(lang)


def number_format(q: Quantity, lang: str, signed: bool = False) -> str:
    """The Excel number format of `q`'s column, from its display format in the label table (so a
    cell shows 8,369 or 9.4% while it holds the full value): thousands separators, the decimals,
    percentages, and a sign for a difference (`signed`, or a format that is signed already); the
    unit stays in the header. Korean money: whole 만원, 억원 to one decimal."""
    spec = re.search(r"\{:([+]?)(,?)\.(\d+)([f%])\}", q.fmt)
    if spec is None:
        raise ValueError(f"{q.name}: display format {q.fmt!r} has no Excel equivalent")
    sign, comma, decimals, kind = spec.groups()
    if q.money and lang == "ko":
        comma, decimals = ",", str(_money_ko(q)[2])
    body = ("#,##0" if comma else "0") + ("." + "0" * int(decimals) if int(decimals) else "")
    body += "%" if kind == "%" else ""
    if sign or signed:
        return f"+{body};-{body};{body}"
    return body


def _header(q: Quantity, stat: str, lang: str) -> str:
    return f"{q.label(lang)} ({_unit(q, lang)}), {WORDS[stat][lang]}"


def _sweep_columns(plan, lang: str) -> tuple[list[str], dict[tuple[str, int], list[Any]]]:
    """Headers of the swept settings (the memo's labels, in the order the sweep file and the memo's
    table give them; the CSV files sort them by key) and each (scenario, point)'s values: numbers as
    numbers (shares as fractions), choices by their label; empty without a sweep."""
    keys = list(dict.fromkeys(k for s in plan.scenarios for k in s.sweep))
    if not keys:
        return [], {}
    header = [memo.sweep_header(k, lang).replace("`", "") for k in keys]  # no Markdown in a cell
    values = {}
    for s in plan.scenarios:
        for i, labels in enumerate(s.grid()):  # the settings alone: no run's parameters are built
            row = [labels.get(k) for k in keys]
            values[(s.name, i)] = [i18n.choice_label(v, lang) if isinstance(v, str) else v for v in row]
    return header, values


def _wide(frame: pd.DataFrame, plan, table: dict[str, Quantity], key: str, stats: tuple[str, ...], lang: str):
    """Rows (scenario, point, year) x columns (quantity, statistic), values scaled for display; a
    sweep's rows also carry their point's settings."""
    names = {s.name: s.display_name(lang) for s in plan.scenarios}
    swept, settings = _sweep_columns(plan, lang)
    header = [WORDS["scenario"][lang], WORDS["file"][lang], WORDS["point"][lang], *swept, WORDS["year"][lang]]
    shown = [q for q in table.values() if q.name in set(frame[key])]
    header += [_header(q, st.removeprefix("diff_"), lang) for q in shown for st in stats]
    signed = stats == DIFFS
    formats = [number_format(q, lang, signed) for q in shown for _ in stats]
    rows = []
    idx = frame.set_index(["scenario", "point", "year", key])
    for (scn, pt, year), _ in frame.groupby(["scenario", "point", "year"], sort=False):
        blank = [None] * len(swept)
        row = [names.get(scn, scn), scn, int(pt), *settings.get((scn, int(pt)), blank), int(year)]
        for q in shown:
            for st in stats:
                v = idx.at[(scn, pt, year, q.name), st] if (scn, pt, year, q.name) in idx.index else None
                if v is not None and v == float("inf"):  # a cost per researcher's open interval
                    row.append(i18n.t("no_upper_bound", lang))
                else:
                    row.append(None if v is None or v != v else float(v) / _scale(q, lang))
        rows.append(row)
    return header, rows, 4 + len(swept), formats


def _sheet(
    wb: Workbook, title: str, header: list[str], rows: list[list], frozen: int = 4, formats: list[str] = ()
) -> None:
    """A sheet: bold header, the rows, the identifying columns frozen; `formats`: the number
    formats of the last len(formats) columns (the values)."""
    ws = wb.create_sheet(title)
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True)
    first = len(header) - len(formats)
    for r in rows:
        ws.append(r)
        for cell, f in zip(ws[ws.max_row][first:], formats):
            cell.number_format = f
    # the identifying columns (scenario, file name, point, the swept settings, year) stay in view
    ws.freeze_panes = f"{get_column_letter(frozen + 1)}2" if len(header) > frozen else "A2"
    for i, h in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(12, len(str(h)) * 0.9), 48)


def workbook_bytes(
    plan,
    summ: pd.DataFrame,
    comp: pd.DataFrame | None,
    effects: pd.DataFrame | None,
    lang: str = "en",
    sweep_comp: pd.DataFrame | None = None,
) -> bytes:
    """The workbook as .xlsx bytes: the yearly summary of every presented quantity per scenario,
    for a comparison the paired differences and the policy effects, for a sweep that runs its
    policies off at some points each other point's difference from that point on the same other
    settings (`sweep_comp`: `stats.sweep_comparison`); an 'About' sheet with the citation line
    of each scenario."""
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, SHEETS["summary"][lang], *_wide(summ, plan, QUANTITIES, "output", ("mean", "lo", "hi"), lang))
    if comp is not None and len(comp):
        _sheet(wb, SHEETS["comparison"][lang], *_wide(comp, plan, QUANTITIES, "output", DIFFS, lang))
    if effects is not None and len(effects):
        _sheet(wb, SHEETS["effects"][lang], *_wide(effects, plan, EFFECTS, "measure", ("mean", "lo", "hi"), lang))
    if sweep_comp is not None and len(sweep_comp):
        _sheet(wb, SHEETS["sweep"][lang], *_wide(sweep_comp, plan, QUANTITIES, "output", DIFFS, lang))
    about = [[memo.citation(plan, s, lang)] for s in plan.scenarios] + [[memo.footer(plan, lang, workbook=True)]]
    note = memo.reference_note(plan, lang).replace("**", "") if comp is not None else ""
    if note:  # the differences are against a first scenario with policies of its own
        about.append([note])
    if sweep_comp is not None and len(sweep_comp):  # what the sweep sheet's differences are against
        about.append([i18n.t("workbook_sweep_note", lang)])
    _sheet(wb, SHEETS["about"][lang], [i18n.t("cite", lang)], about)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
