"""Calibration page: documented targets vs simulated values, out-of-sample checks, figures."""

import pandas as pd
import streamlit as st

from app_pages.common import DOCS, t
from sim.study.calibrate import load_calibration

st.title(t("page_calibration"))
st.write(t("calibration_intro"))
cal = load_calibration()
if not cal:
    st.warning("No stored calibration (sim/data/calibration.yaml).")
else:
    cols = ["id", "output", "year", "target", "simulated_mean", "simulated_lo", "simulated_hi", "within", "source"]
    st.subheader(t("fitted"))
    st.dataframe(pd.DataFrame(cal["check"]["targets"])[cols], hide_index=True, width="stretch")
    st.subheader(t("out_of_sample"))
    st.dataframe(pd.DataFrame(cal["check"]["out_of_sample"])[cols], hide_index=True, width="stretch")
    st.caption(
        f"loss {cal['loss']:.3f}; {cal['evaluations']} evaluations; {cal['check']['replications']} "
        f"replications; seed {cal['check']['seed']}; {cal['date_utc']}"
    )
    for name in ("calibration_fit.png", "calibration_profiles.png"):
        path = DOCS / "figures" / name
        if path.exists():
            st.image(str(path))
