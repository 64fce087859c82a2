"""Calibration page: documented targets beside the model (the posterior predictive check, then the
point calibration), with display labels in the page's language, and the figures."""

import json

import streamlit as st

from app_pages.common import DOCS, lang, t
from sim.app import explorer as E
from sim.core import params
from sim.study.calibrate import load_calibration

L = lang()
st.title(t("page_calibration"))
st.write(t("calibration_intro"))
if params.POSTERIOR_FILE.exists():
    post = json.loads(params.POSTERIOR_FILE.read_text(encoding="utf-8"))
    st.subheader(t("cal_posterior"))
    st.caption(t("cal_posterior_note"))
    st.dataframe(E.calibration_table(post["predictive"], L), hide_index=True, width="stretch")
    for name in ("posterior_coverage.png", "posterior_marginals.png"):
        path = DOCS / "figures" / name
        if path.exists():
            st.image(str(path))
cal = load_calibration()
if not cal:
    st.warning(t("cal_none"))
else:
    st.subheader(t("cal_point"))
    st.dataframe(E.calibration_table(cal["check"]["targets"], L), hide_index=True, width="stretch")
    st.subheader(t("out_of_sample"))
    st.dataframe(E.calibration_table(cal["check"]["out_of_sample"], L), hide_index=True, width="stretch")
    run = cal["check"]
    st.caption(
        t(
            "cal_point_run",
            loss=f"{cal['loss']:.3f}",
            evaluations=cal["evaluations"],
            replications=run["replications"],
            seed=run["seed"],
            date=cal["date_utc"],
        )
    )
    for name in ("calibration_fit.png", "calibration_profiles.png"):
        path = DOCS / "figures" / name
        if path.exists():
            st.image(str(path))
