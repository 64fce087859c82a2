"""Compare policies: several scenario files side by side against the baseline (a table and a
cost-vs-effect chart with 90 % whiskers), the same library calls as `talentsim compare`."""

import streamlit as st

from app_pages.common import APP_REPLICATIONS, SCENARIOS, executor, lang, run_cache, scenario_files, scenario_titles, t
from sim.app import charts
from sim.app import explorer as E
from sim.study import i18n, memo, stats
from sim.study import scenarios as S
from sim.study import uncertainty as U

L = lang()
st.title(t("page_compare"))
st.caption(t("compare_intro"))

titles = scenario_titles(L)
names = [p.stem for p in scenario_files() if p.stem != "baseline" and "sweep" not in p.stem]
default = [n for n in ("salary-matching-50", "graduate-seats", "recruiting-drives") if n in names]
with st.sidebar:
    chosen = st.multiselect(t("compare_pick"), names, default=default, key="c_pick", format_func=titles.get)
    reps = st.slider(t("replications"), 2, 30, APP_REPLICATIONS, key="c_reps", help=t("replications_help"))
    seed = st.number_input(t("seed"), 0, 2**31 - 1, 20200601, key="c_seed", help=t("seed_help"))
    mode = st.selectbox(
        t("uncertainty"),
        U.MODES,
        index=U.MODES.index(U.DEFAULT),
        key="c_uncertainty",
        help=t("uncertainty_help"),
        format_func=lambda m: i18n.t(f"uncertainty_choice_{m}", L),
    )
if not chosen:
    st.info(t("compare_need"))
    st.stop()

baseline = S.load(SCENARIOS / "baseline.yaml")
plan = E.compare_plan(baseline, [S.load(SCENARIOS / f"{n}.yaml") for n in chosen], reps, int(seed), mode)
end = min(s.end_year for s in plan.scenarios)
year = st.select_slider(t("compare_year"), list(range(2021, end + 1)), value=stats.headline_year(end), key="c_year")

bar = st.progress(0.0, text=t("compare_running", done=0, total=len(plan.tasks)))
runs = {}
for runs in E.stream(plan, run_cache(), executor()):
    bar.progress(len(runs) / len(plan.tasks), text=t("compare_running", done=len(runs), total=len(plan.tasks)))
bar.empty()
ts, effects = E.compare_results(plan, runs)

st.markdown("\n".join(memo.effects_table(plan, effects, year, L)))
data, spec = charts.cost_effect_chart(plan, effects, year, L)
st.vega_lite_chart(data, spec, width="stretch")

files = E.compare_downloads(plan, ts, effects, year, L)
st.session_state["compare_downloads"] = files  # the functions that make the files offered (tests call them)
c1, c2, c3 = st.columns(3)
c1.download_button(t("dl_memo"), files["memo"], file_name="compare-memo.md", mime="text/markdown", on_click="ignore")
c2.download_button(
    t("dl_xlsx"),
    files["xlsx"],
    file_name="compare-results.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
)
c3.download_button(t("dl_csv"), files["csv"], file_name="compare-policies.csv", mime="text/csv", on_click="ignore")
st.caption(t("reproduce"))
st.code(E.compare_command(E.compare_files(plan), reps, int(seed), L, year, mode), language="bash")
