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
st.write(
    "Each memo.md (and the memo download) ends with a citation line per scenario: version, git commit, "
    "scenario SHA-256, replications and seed. / 메모 파일마다 시나리오별 인용 문구(버전, 커밋, 시나리오 해시, "
    "반복 수, 시드)가 있습니다."
)
