"""Scenario explorer: policy sliders, baseline vs scenario with 90 % bands, downloads."""

from __future__ import annotations

import copy
import time

import pandas as pd
import streamlit as st

from app_pages.common import (
    APP_REPLICATIONS,
    APP_WORKERS,
    SCENARIOS,
    executor,
    lang,
    run_cache,
    run_states,
    scenario_files,
    scenario_titles,
    t,
)
from sim.app import charts
from sim.app import explorer as E
from sim.core import policies
from sim.study import i18n, memo
from sim.study import scenarios as S
from sim.study import uncertainty as U
from sim.study.labels import label

L = lang()
st.title(t("app_title"))

# ---------------------------------------------------------------- starting scenario
files = scenario_files()
names = [p.stem for p in files if "sweep" not in p.stem]


def _load_named(name: str) -> S.Scenario:
    return S.load(next(p for p in files if p.stem == name))


MAX_REPS = APP_REPLICATIONS  # first replications shown


def _reset_widgets(scn: S.Scenario) -> None:
    for k, v in E.widget_values(scn, MAX_REPS).items():
        st.session_state[f"w_{k}"] = v


def _on_pick() -> None:
    scn = _load_named(st.session_state["w_scenario"])
    st.session_state["start"] = scn
    st.session_state["start_uploaded"] = False
    st.session_state.pop("url_errors", None)
    st.session_state.pop("upload_error", None)
    _reset_widgets(scn)


def _on_upload() -> None:
    up = st.session_state.get("w_upload")
    if up is None:
        return
    try:
        scn = S.from_upload(up.getvalue(), up.name, library=SCENARIOS)
        why = E.unshowable(scn)
        if why:
            raise S.ScenarioError("\n".join(f"{up.name}: {m}" for m in why))
    except S.ScenarioError as e:
        st.session_state["upload_error"] = str(e)
        return
    st.session_state.pop("upload_error", None)
    st.session_state["start"] = scn
    st.session_state["start_uploaded"] = True  # a link cannot carry an uploaded file
    st.session_state.pop("url_errors", None)
    _reset_widgets(scn)


if "start" not in st.session_state:
    # a shared link: ?scenario=...&sm_share=...: the starting scenario, then the values that differ
    query = st.query_params.to_dict()
    pick = query.get("scenario")
    st.session_state["w_scenario"] = pick if pick in names else E.LANDING if E.LANDING in names else names[0]
    _on_pick()
    first = st.session_state["start"]
    from_url, bad_url = E.parse_query(query, E.widget_values(first, MAX_REPS), first.end_year)
    for k, v in from_url.items():
        st.session_state[f"w_{k}"] = v
    if pick is not None and pick not in names:
        bad_url.insert(0, f"scenario={S.shown(pick)}: allowed: {', '.join(names)}")
    st.session_state["url_errors"] = bad_url

with st.sidebar:
    titles = scenario_titles(L)
    st.selectbox(
        t("start_scenario"),
        names,
        key="w_scenario",
        on_change=_on_pick,
        help=t("start_scenario_help"),
        format_func=lambda n: titles.get(n, n),
    )
    st.file_uploader(t("upload"), type=["yaml", "yml"], key="w_upload", on_change=_on_upload, help=t("upload_help"))

# messages quote text from the link or the file: shown as plain text (st.code), never as Markdown,
# so a link cannot put links, images or formatting into the page
if st.session_state.get("url_errors"):
    st.warning(t("bad_link"))
    st.code("\n".join(st.session_state["url_errors"]), language=None, wrap_lines=True)
if st.session_state.get("upload_error"):
    st.error(t("bad_upload"))
    st.code(st.session_state["upload_error"], language=None, wrap_lines=True)

start: S.Scenario = st.session_state["start"]


# ---------------------------------------------------------------- levers
start_values = E.widget_values(start, MAX_REPS)


def _lever(lv: E.Lever) -> None:
    key = f"w_{lv.name}"
    label, hlp = i18n.lever_label(lv.name, L), i18n.lever_help(lv.name, L)
    # a lever that acts only under another's value (salary matching's tiers or threshold, by the
    # eligibility basis) is greyed out otherwise, and its help says when it acts
    off = not E.lever_acts(lv.name, {k[2:]: v for k, v in st.session_state.items() if str(k).startswith("w_")})
    hlp = " ".join(x for x in (hlp, i18n.lever_condition_note(lv.name, L)) if x)
    kw = {"key": key, "help": hlp, "disabled": off}
    if lv.kind == "toggle":
        st.toggle(label, **kw)
        return
    if lv.kind == "select":
        st.selectbox(label, lv.options(), format_func=lambda v: i18n.choice_label(str(v), L), **kw)
        return
    lo, hi = E.widget_range(lv.name, start_values, start.end_year)  # takes in the scenario's value
    unit = E.widget_unit(lv.name)
    if unit == "money":  # in 만원/억원/조원 (M/bn/tn KRW): the values are the parameter's, shown as amounts
        opts = E.slider_options(lv, lo, hi, st.session_state.get(key))
        st.select_slider(label, opts, format_func=lambda v: E.amount_text(lv.name, v, L), **kw)
    elif isinstance(lv.lo, int) and isinstance(lv.step, int):
        st.slider(label, int(lo), int(hi), step=int(lv.step), **kw)
    else:
        fmt = "percent" if unit == "percent" else None
        st.slider(label, float(lo), float(hi), step=float(lv.step), format=fmt, **kw)


with st.sidebar:
    st.header(t("policies"))
    active = policies.active_names(start.params)
    for policy, levers in E.policy_groups():
        with st.expander(i18n.policy_label(policy, L), expanded=policy == "salary_matching" or policy in active):
            for lv in levers:
                _lever(lv)
    st.header(t("assumptions"))
    for lv in E.ASSUMPTION_LEVERS:
        _lever(lv)
    st.header(t("run_settings"))
    st.slider(
        t("replications"), *E.RUN_SETTINGS["replications"], step=1, key="w_replications", help=t("replications_help")
    )
    lo, hi = E.widget_range("seed", start_values, start.end_year)
    st.number_input(t("seed"), min_value=lo, max_value=hi, step=1, key="w_seed", help=t("seed_help"))
    st.slider(t("year"), *E.widget_range("year", start_values, start.end_year), key="w_year")
    st.selectbox(
        t("uncertainty"),
        U.MODES,
        key="w_uncertainty",
        help=t("uncertainty_help"),
        format_func=lambda m: i18n.t(f"uncertainty_choice_{m}", L),
    )

current = {k: st.session_state[f"w_{k}"] for k in E.URL_KEYS}  # every widget's value
try:
    scn = E.apply_settings(start, current)
    st.session_state["last_good"] = scn
except ValueError as e:
    st.error(f"{t('bad_settings')}\n\n{e}")
    scn = st.session_state.get("last_good", start)

reps, seed, year = int(current["replications"]), int(current["seed"]), current["year"]
plan = E.make_plan(scn, reps, seed, current[E.UNCERTAINTY])
scn = plan.scenarios[1]  # as run: a scenario called "baseline" runs as "baseline-scenario"

# the address bar carries the starting scenario and every widget value that differs from it,
# so the link reproduces this page (not for an uploaded scenario: the file is not in the link)
# an uploaded scenario is not put in the link (the file is not in it)
wanted = {} if st.session_state.get("start_uploaded") else {"scenario": start.name, **E.query_of(start_values, current)}
for k in ("scenario",) + E.URL_KEYS:
    if k in wanted:
        if st.query_params.get(k) != wanted[k]:
            st.query_params[k] = wanted[k]
    elif k in st.query_params:
        del st.query_params[k]


# ---------------------------------------------------------------- rendering
def fmt(col: str, v: float, signed: bool = False, usd: bool = True) -> str:
    if col == "fiscal_cost_krw":
        return i18n.money(v, L, signed=signed, usd=usd)
    s = i18n.num(v, "+,.0f" if signed else ",.0f")
    return s + (" 명" if L == "ko" and col != "net_migration" else "")


def render_cards(ts: pd.DataFrame) -> None:
    cols = st.columns(len(E.CARDS) + 1)
    for c, col in zip(cols, E.CARDS):
        m = E.card(ts, col, year)
        c.metric(
            label(col, L),
            fmt(col, m["value"], usd=False),
            fmt(col, m["diff"], True, usd=False),
            delta_color="inverse" if col in ("shortage", "fiscal_cost_krw") else "normal",
            help=t("vs_baseline"),
        )
        c.caption(
            t("interval", lo=fmt(col, m["lo"], True), hi=fmt(col, m["hi"], True)) if "lo" in m else t("interval_na")
        )
    cpc = E.cost_per_core(ts, year)
    c = cols[-1]
    if cpc is None:
        c.metric(t("cost_per_core"), "—", help=t("cost_per_core_help") + " " + t("not_defined"))
        c.caption(t("not_defined"))
    else:
        c.metric(t("cost_per_core"), i18n.money(cpc["value"], L, usd=False), help=t("cost_per_core_help"))
        c.caption(E.cost_per_core_caption(cpc, L))


# What the page derives from a finished plan's runs, kept for every session (st.cache_resource: one
# object, shared, never copied; the page only reads them). A finished plan's runs are fixed by its
# digest (the scenarios as resolved, incl. their titles, the replications, the seed, the interval
# mode and the posterior file) within one server process (one code version), so a second visitor
# with the same settings, a language switch, a year move or a chart-view switch takes them from
# here: measured with py-spy over six first loads of the landing page, the paired table, the
# 'why' panel and the six charts took ~0.16, ~0.5 and ~0.3 s of the server's time per visit.
@st.cache_resource(max_entries=32, show_spinner=False)
def _finished_table(digest: str, _plan, _runs: dict) -> pd.DataFrame:
    return E.paired(_runs, _plan)


@st.cache_resource(max_entries=64, show_spinner=False)
def _why_panel(digest: str, year: int, lang: str, _plan, _ts: pd.DataFrame) -> dict | None:
    return E.why(_plan, _ts, year, lang)


@st.cache_resource(max_entries=64, show_spinner=False)
def _chart_specs(digest: str, view: str, lang: str, _ts: pd.DataFrame, _name: str) -> list:
    draw = charts.difference_chart if view == "difference" else charts.fan_chart
    return [draw(_ts, col, lang, _name) for col in E.CHARTS]


@st.cache_resource(max_entries=32, show_spinner=False)
def _yearly_table(digest: str, lang: str, _ts: pd.DataFrame) -> tuple:
    return E.yearly_table(_ts, lang)


def render_charts(ts: pd.DataFrame) -> None:
    view = st.session_state.get("w_chart_view", E.CHART_VIEWS[0])
    grid = st.columns(2)
    for i, (data, spec) in enumerate(_chart_specs(plan.digest, view, L, ts, scn.display_name(L))):
        # Streamlit adjusts the spec it is given (null legend titles): a copy keeps the shared one as made
        grid[i % 2].vega_lite_chart(data, copy.deepcopy(spec), width="stretch")
    st.subheader(t("table_title"))
    table, formats = _yearly_table(plan.digest, L, ts)
    st.dataframe(table.style.format(formats), width="stretch")


with st.expander(t("scenario_sets", name=scn.display_name(L))):  # what is compared, as the memo states it
    st.markdown("\n".join(memo.settings_lines(scn, L)))
st.markdown(f"**{t('cards_when', year=year)}**")  # which year and quarter the cards show
st.caption(U.describe(plan.uncertainty, L))  # what the intervals carry
cards_area = st.empty()
progress = st.empty()
# the downloads sit above the charts, in a placeholder that holds disabled buttons while runs are in
# flight: a button left from the previous setting would otherwise give that setting's files
downloads_area = st.empty()
DOWNLOADS = (  # (key, label, file name suffix, MIME type)
    ("yaml", "dl_yaml", ".yaml", "text/yaml"),
    ("csv", "dl_csv", "-timeseries.csv", "text/csv"),
    ("memo", "dl_memo", "-memo.md", "text/markdown"),
    ("xlsx", "dl_xlsx", "-results.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("manifest", "dl_manifest", "-manifest.json", "application/json"),
)


def render_downloads(files_out: dict | None) -> None:
    """The download buttons: disabled (`files_out` None) while runs are in flight, else each making
    its file from the numbers on the screen when clicked."""
    st.subheader(t("downloads"))
    cols = st.columns(len(DOWNLOADS))
    for c, (name, lab, suffix, mime) in zip(cols, DOWNLOADS):
        c.download_button(
            t(lab),
            files_out[name] if files_out else b"",
            file_name=f"{scn.name}{suffix}",
            mime=mime,
            key=f"dl_{name}" if files_out else f"dl_{name}_wait",
            help=t("yaml_roundtrip") if name == "yaml" else None,
            on_click="ignore",
            disabled=files_out is None,
        )
    st.caption(t("yaml_roundtrip") if files_out else t("downloads_wait"))


with downloads_area.container():
    render_downloads(None)
ts = pd.DataFrame()
total = len(plan.tasks)
drawn, last_note = False, 0.0
for runs in E.stream(plan, run_cache(), executor(), run_states(), workers=APP_WORKERS):
    complete = len(runs) == total
    if not complete and time.perf_counter() - last_note > 1.0:  # each update re-renders the page
        progress.progress(len(runs) / total, text=t("running", done=len(runs), total=total))
        last_note = time.perf_counter()
    # the cards show the first paired result at once; cards, charts and table are drawn again
    # when all runs are in. On 2 cores every intermediate redraw (and even pairing the runs,
    # ~40 ms) takes CPU from the runs: bands took 9.3 s with redraws every 1.5 s, and drawing
    # the charts twice costs the browser ~1 CPU-s per slider change
    if not (complete or not drawn):
        continue
    part = _finished_table(plan.digest, plan, runs) if complete else E.paired(runs, plan)
    if part.empty:
        continue
    ts = part
    with cards_area.container():
        render_cards(ts)
    drawn = True
progress.progress(1.0, text=t("done", total=total, reps=reps))
st.session_state["last_ts"] = ts

# ---------------------------------------------------------------- downloads, then the charts
# (created only now: until the new charts are drawn the previous ones stay on the page, dimmed
# by Streamlit as stale, instead of vanishing during a recompute)
if not ts.empty:
    files_out = E.downloads(plan, ts, L, year)
    st.session_state["downloads"] = files_out  # the functions that make the files offered (tests call them)
    with downloads_area.container():
        render_downloads(files_out)
    panel = _why_panel(plan.digest, year, L, plan, ts)
    if panel is not None:
        with st.expander(t("why_title")):
            st.markdown(panel["reading"])
            for line in panel["policy"]:
                st.markdown(line)
            if panel["sources"] is not None:
                st.markdown(t("why_sources", first=panel["first"], last=year))
                st.markdown("\n".join(panel["source_lines"]))
    with st.container():
        st.radio(
            t("chart_view"),
            E.CHART_VIEWS,
            key="w_chart_view",
            horizontal=True,
            help=t("chart_view_help"),
            format_func=lambda v: i18n.t(f"chart_view_{v}", L),
        )
        render_charts(ts)
