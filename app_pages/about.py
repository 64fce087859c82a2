"""About and how to cite."""

import streamlit as st

from app_pages.common import ROOT, t
from sim import __version__
from sim.study.provenance import git_commit

st.title(t("page_about"))
st.write(t("about_text"))
g = git_commit()
st.write(f"talentsim {__version__}, git {str(g['commit'])[:10]}{'+dirty' if g.get('dirty') else ''}")
st.subheader(t("cite"))
st.code((ROOT / "CITATION.cff").read_text(encoding="utf-8"), language="yaml")
st.write(t("about_cite_line"))
