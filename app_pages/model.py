"""Model description page: rendered from docs/ (the same text as the repository's docs)."""

import streamlit as st

from app_pages.common import DOCS, t

st.title(t("page_model"))
tab_model, tab_params, tab_sources = st.tabs(["docs/model.md", "docs/parameters.md", "docs/sources.md"])
for tab, name in ((tab_model, "model.md"), (tab_params, "parameters.md"), (tab_sources, "sources.md")):
    with tab:
        st.markdown((DOCS / name).read_text(encoding="utf-8"))
