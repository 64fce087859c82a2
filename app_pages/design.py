"""Policy design: the cheapest mix of levers that meets a goal, searched on the app's workers with
the same library calls as `talentsim design` (sim.study.design)."""

import streamlit as st

from app_pages.common import SCENARIOS, executor, lang, t
from sim.app import charts
from sim.app import explorer as E
from sim.study import design as D
from sim.study import i18n, labels
from sim.study import scenarios as S

L = lang()
st.title(t("page_design"))
st.caption(t("design_intro"))

files = sorted(SCENARIOS.glob(f"{S.DESIGN_PREFIX}*.yaml"))
designs = {p.stem: D.load(p) for p in files}
with st.sidebar:
    pick = st.selectbox(t("design_pick"), list(designs), key="d_pick", format_func=lambda n: designs[n].display_name(L))
base = designs[pick]
lever_names = {lv.path: i18n.LEVER_LABELS.get(lv.field, {}).get(L, lv.path) for lv in base.levers}
with st.sidebar:
    # the goal is a change from the baseline: at least a rise, or at most a fall (0 is met by doing nothing)
    up = base.sense == "at_least"
    thr = st.number_input(
        t(
            "design_threshold" if up else "design_threshold_at_most",
            output=labels.label(base.output, L),
            year=base.year,
        ),
        value=float(base.threshold),
        min_value=1.0 if up else None,
        max_value=None if up else -1.0,
        step=50.0,
        key=f"d_thr_{pick}",
    )
    prob = st.slider(t("design_probability"), 0.5, 1.0, float(base.probability), 0.05, key=f"d_prob_{pick}")
    budget = st.number_input(
        t("design_budget_widget"), 0.0, 100000.0, float(base.budget_bn or 0.0), 50.0, key=f"d_budget_{pick}"
    )
    chosen = st.multiselect(
        t("design_levers_widget"),
        list(lever_names),
        default=list(lever_names),
        key=f"d_levers_{pick}",
        format_func=lever_names.get,
    )
    evals = st.slider(t("design_evals"), 4, 200, min(base.evaluations, 40), 4, key="d_evals")
    draws = st.slider(t("design_draws"), 2, 40, min(base.draws, 10), 1, key="d_draws")
if not chosen:
    st.info(t("design_need_levers"))
    st.stop()

d = E.adjusted_design(base, thr, prob, budget, chosen, evals, draws)
st.markdown(D.question_text(d, L))
c1, c2 = st.columns(2)
go = c1.button(t("design_run"), type="primary", key="design_go")
# any click reruns the page, which stops a running search (its pending runs are cancelled)
c2.button(t("design_stop"), key="design_stop", help=t("design_stop_help"))

done = st.session_state.get("design_result")
if go:
    bar = st.progress(0.0, text=t("design_running", done=0, total=d.evaluations))

    def on_round(n, total):
        bar.progress(n / total, text=t("design_running", done=n, total=total))

    done = D.search(d, executor(), progress=False, on_round=on_round)
    bar.empty()
    st.session_state["design_result"] = done
if done is None or done.design.digest != d.digest:
    st.info(t("design_press_run"))
    st.stop()

st.markdown(D.answer_text(done, L))
data, spec = charts.design_front_chart(done, L)
st.vega_lite_chart(data, spec, width="stretch")
found = D.discovery_text(done, L)
if found:
    st.markdown(found)
with st.expander(t("design_details")):
    st.markdown(D.memo_text(done, L))
link = E.design_link(d, done.recommended) if done.recommended is not None else None
if link is not None:

    def _open():
        for k in [k for k in st.session_state if str(k).startswith("w_")] + ["start"]:
            st.session_state.pop(k, None)

    if st.button(t("design_open"), key="design_open", on_click=_open):
        st.switch_page("app_pages/explorer.py", query_params=link)
dl = E.design_downloads(done, L)
st.session_state["design_downloads"] = dl
cols = st.columns(len(dl))
for col, (name, (data_, mime)) in zip(cols, dl.items()):
    col.download_button(name, data_, file_name=name, mime=mime, on_click="ignore", key=f"design_dl_{name}")
st.caption(t("reproduce"))
st.code(E.design_command(d), language="bash")
