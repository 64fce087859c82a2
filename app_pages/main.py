"""The app's main script, run by app.py (`make app`): page set-up, language switch, navigation.

It lives here, not in app.py, because the app's worker processes are started with 'spawn', which
re-runs the parent's main script in every worker (Streamlit makes app.py `__main__`): app.py calls
`main()` only when it is `__main__`, so a worker runs no Streamlit code (it printed ~50 "missing
ScriptRunContext" warnings in the app's terminal and ran the app's start-up in each worker).
"""

import streamlit as st

from app_pages.common import lang, t
from sim.study import i18n

# No CSS animations or transitions (stale-element fades, widget and status-icon motion): the
# browser repaints for each one while the runs it waits for use the same cores. Measured with
# benchmarks/bench_app.py, alternating with the page without this rule: 1.0-1.3 instead of
# 1.4-1.5 browser CPU-s per slider change
NO_MOTION_CSS = "*, *::before, *::after {animation: none !important; transition: none !important;} "
# Card values a little smaller than Streamlit's 2.25rem: six cards fit a 1366 px laptop without
# cutting "1.22 tn KRW" (the browser test checks that no card text is cut, in both languages)
CARD_CSS = "[data-testid='stMetricValue'] {font-size: 1.75rem;} "
# Printing (or "save as PDF") shows the results without the sidebar, toolbar and download buttons,
# and lets tables run over pages instead of cutting them.
PRINT_CSS = (
    "@media print { [data-testid='stSidebar'], [data-testid='stHeader'], [data-testid='stToolbar'], "
    "[data-testid='stDownloadButton'], [data-testid='stSidebarCollapsedControl'] {display: none !important;} "
    ".main .block-container, [data-testid='stMainBlockContainer'] {max-width: 100% !important; padding: 0 !important;} "
    "[data-testid='stDataFrame'], [data-testid='stTable'] {overflow: visible !important;} }"
)


def uploader_css(lang: str, max_mb: int) -> str:
    """The file uploader's button and size line in the page's language. Streamlit writes them in
    English whatever the page's language; on the Korean page the English text is set to size 0
    and the Korean text drawn after it (CSS ::after; 14 px as Streamlit draws them). Screen
    readers still read Streamlit's English words."""
    if lang == "en":
        return ""
    button = i18n.t("upload_button", lang).replace('"', "")
    limit = i18n.t("upload_limit", lang, mb=max_mb).replace('"', "")
    after = "font-size: 14px; line-height: 22.4px;"
    return (
        "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p {font-size: 0;} "
        f"[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p::after "
        f'{{content: "{button}"; {after}}} '
        "[data-testid='stFileUploaderDropzoneInstructions'] span {font-size: 0;} "
        f"[data-testid='stFileUploaderDropzoneInstructions'] span::after {{content: \"{limit}\"; {after}}} "
    )


# A choice widget sends back the label it shows; the labels are in the page's language, so after a
# language switch no option matches and Streamlit would fall back to the first one (the starting
# scenario became 'baseline', tiers 'core'). The widgets' values are kept across the switch.
KEEP = ("w_", "c_", "d_", "doc")  # the explorer's, comparison, design and model pages' widgets
NOT_SETTABLE = {"w_upload"}  # a file uploader's value cannot be set


def _keep_widgets() -> None:
    st.session_state["_kept_widgets"] = {
        k: st.session_state[k] for k in st.session_state if str(k).startswith(KEEP) and k not in NOT_SETTABLE
    }


def main() -> None:
    """Set up the page and run the chosen page (Streamlit runs this at every rerun)."""
    st.set_page_config(page_title="talentsim", page_icon="📈", layout="wide")
    # a shared link may carry ?lang=ko|en; take it before the widget exists
    if "lang" not in st.session_state and st.query_params.get("lang") in ("ko", "en"):
        st.session_state["lang"] = st.query_params["lang"]
    upload_css = uploader_css(lang(), int(st.get_option("server.maxUploadSize")))
    st.html("<style>" + NO_MOTION_CSS + CARD_CSS + PRINT_CSS + upload_css + "</style>")
    for k, v in st.session_state.pop("_kept_widgets", {}).items():
        st.session_state[k] = v

    with st.sidebar:
        st.radio(
            "Language / 언어",
            options=["ko", "en"],
            key="lang",
            horizontal=True,
            bind="query-params",
            format_func=lambda c: {"ko": "한국어", "en": "English"}[c],
            on_change=_keep_widgets,
        )

    pages = [
        st.Page("app_pages/explorer.py", title=t("page_explorer"), default=True, url_path="explorer"),
        st.Page("app_pages/compare.py", title=t("page_compare"), url_path="compare"),
        st.Page("app_pages/design.py", title=t("page_design"), url_path="design"),
        st.Page("app_pages/calibration.py", title=t("page_calibration"), url_path="calibration"),
        st.Page("app_pages/model.py", title=t("page_model"), url_path="model"),
        st.Page("app_pages/about.py", title=t("page_about"), url_path="about"),
    ]
    st.navigation(pages).run()
