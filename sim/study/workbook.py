"""The Excel workbook of a results folder (and of the app's download): the yearly summary, the
comparison with the baseline and the policy effects, with labelled headers in English or Korean.

Values are in the units the headers state (the label table's scale: M KRW, bn KRW, persons,
shares as fractions); every sheet names the scenarios by display name and file name.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from . import i18n, memo
from . import scenarios as S
from .labels import EFFECTS, QUANTITIES, Quantity

SHEETS = {
    "summary": {"en": "Summary", "ko": "요약"},
    "comparison": {"en": "Difference from baseline", "ko": "기준 대비 차이"},
    "effects": {"en": "Policy effects", "ko": "정책 효과"},
    "about": {"en": "About", "ko": "정보"},
}
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


def _unit(q: Quantity, lang: str) -> str:
    if q.money and lang == "ko":  # the scaled value's unit (M KRW, bn KRW) in Korean
        return i18n.UNITS_KO.get(q.unit, q.unit.replace("bn KRW", "십억원").replace("M KRW", "백만원"))
    return q.unit_in(lang)


def _header(q: Quantity, stat: str, lang: str) -> str:
    return f"{q.label(lang)} ({_unit(q, lang)}), {WORDS[stat][lang]}"


def _sweep_columns(plan, lang: str) -> tuple[list[str], dict[tuple[str, int], list[Any]]]:
    """Headers of the swept settings (the memo's labels) and each (scenario, point)'s values: numbers
    as numbers (shares as fractions), choices by their label; empty without a sweep."""
    keys = sorted({k for s in plan.scenarios for k in s.sweep})
    if not keys:
        return [], {}
    header = [memo.setting_label(S.param_of(k), lang).replace("`", "") for k in keys]  # no Markdown in a cell
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
                    row.append(None if v is None or v != v else float(v) / q.scale)
        rows.append(row)
    return header, rows, 4 + len(swept)


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list], frozen: int = 4) -> None:
    ws = wb.create_sheet(title)
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in rows:
        ws.append(r)
    # the identifying columns (scenario, file name, point, the swept settings, year) stay in view
    ws.freeze_panes = f"{get_column_letter(frozen + 1)}2" if len(header) > frozen else "A2"
    for i, h in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(12, len(str(h)) * 0.9), 48)


def workbook_bytes(
    plan, summ: pd.DataFrame, comp: pd.DataFrame | None, effects: pd.DataFrame | None, lang: str = "en"
) -> bytes:
    """The workbook as .xlsx bytes: the yearly summary of every presented quantity per scenario,
    and for a comparison the paired differences and the policy effects; an 'About' sheet with
    the citation line of each scenario."""
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, SHEETS["summary"][lang], *_wide(summ, plan, QUANTITIES, "output", ("mean", "lo", "hi"), lang))
    if comp is not None and len(comp):
        stats = ("diff_mean", "diff_lo", "diff_hi")
        _sheet(wb, SHEETS["comparison"][lang], *_wide(comp, plan, QUANTITIES, "output", stats, lang))
    if effects is not None and len(effects):
        _sheet(wb, SHEETS["effects"][lang], *_wide(effects, plan, EFFECTS, "measure", ("mean", "lo", "hi"), lang))
    about = [[memo.citation(plan, s, lang)] for s in plan.scenarios] + [[memo.footer(plan, lang)]]
    note = memo.reference_note(plan, lang).replace("**", "") if comp is not None else ""
    if note:  # the differences are against a first scenario with policies of its own
        about.append([note])
    _sheet(wb, SHEETS["about"][lang], [i18n.t("cite", lang)], about)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
