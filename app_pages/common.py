"""Shared pieces of the app's pages: language, cached resources, paths. Thin over sim/."""

from __future__ import annotations

import concurrent.futures as cf
import os
from pathlib import Path

import streamlit as st

from sim.app import explorer as E
from sim.app.explorer import RunCache
from sim.app.warm import shared_cache, shared_pool, shared_states
from sim.study import i18n
from sim.study import scenarios as S

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
DOCS = ROOT / "docs"


APP_REPLICATIONS = int(os.environ.get("TALENTSIM_APP_REPLICATIONS", "10"))  # default replications of a page
APP_WORKERS = int(os.environ.get("TALENTSIM_APP_WORKERS", "2"))  # worker processes (0: runs in the page's process)


def lang() -> str:
    return st.session_state.get("lang", "ko")


def t(key: str, **kw) -> str:
    return i18n.t(key, lang(), **kw)


def executor() -> cf.Executor | None:
    """One process pool for the app's lifetime (TALENTSIM_APP_WORKERS, default 2; 0 = in-process),
    started with the server by `make app` (`app_pages.serve`)."""
    return shared_pool(APP_WORKERS)


def run_cache() -> RunCache:
    """Finished replications, keyed by parameters and seed, shared by every session; backed by the
    results store on disk (TALENTSIM_APP_STORE, default .cache/app-runs; 'off': memory only),
    which `make app` fills with the shipped scenarios before the app starts."""
    return shared_cache()


def run_states() -> RunCache:
    """Pickled baseline states at a policy start (≈ 10 MB each at 1:1), for continuing runs; shared
    by every session, those of the landing page's first slider move computed when the server
    starts (`sim.app.warm.prefetch_states`)."""
    return shared_states()


def scenario_files() -> list[Path]:
    return S.library_files(SCENARIOS)


def scenario_titles(lang: str) -> dict[str, str]:
    """Display name of each shipped scenario file in `lang` ('title (file name)'), for the picker."""
    return E.scenario_titles(SCENARIOS, lang)
