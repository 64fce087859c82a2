"""Model description page: the documentation in docs/ (the same files as the repository's), in the
page's language where a translation exists (the plain-language overview), with links between the
pages kept inside the app (?doc=PAGE) and the figures shown."""

import streamlit as st

from app_pages.common import DOCS, lang, t
from sim.app import docs as A
from sim.study import i18n

L = lang()
st.title(t("page_model"))
# a link ?doc=design opens that page (the docs' own links are such links); the page chosen here is
# put in the address (st.query_params, not the widget's `bind`, which would write the translated title)
if st.query_params.get("doc") in A.PAGES:
    st.session_state["doc"] = st.query_params["doc"]


def _to_address() -> None:
    st.query_params["doc"] = st.session_state["doc"]


page = st.selectbox(
    t("doc_pick"), A.PAGES, key="doc", on_change=_to_address, format_func=lambda p: i18n.t(f"doc_title_{p}", L)
)
if L == "ko" and A.file_of(page, L) == f"{page}.md":
    st.caption(t("doc_english_only"))
for kind, body in A.blocks((DOCS / A.file_of(page, L)).read_text(encoding="utf-8"), L, DOCS):
    if kind == "image":
        st.image(body)
    else:
        st.markdown(body)
