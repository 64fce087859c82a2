"""Start the app with the library already imported: `python -m app_pages.serve [streamlit options]`
(what `make app` runs; `streamlit run app.py` works too).

Streamlit imports a page's modules when the first visitor's page runs, so the first page load
waited for the library's imports (sim, Mesa, pandas, pyarrow: ~1.3 s of the ~3 s the server spent
on a first page, measured with py-spy). Here they are imported once, before the server starts
listening; the pages then find them in `sys.modules`. Nothing else differs from `streamlit run
app.py`: the same script, options and configuration (.streamlit/config.toml).

The app's worker processes are started with 'spawn', which imports the parent's main module in
each worker (as `__mp_main__`): this module therefore does nothing at import but define `main`.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app.py"
# what the pages import before their first number (the explorer, its charts, memo and workbook,
# the results store's Parquet reader)
PRELOAD = (
    "sim.app.explorer",
    "sim.app.charts",
    "sim.app.docs",
    "sim.study.memo",
    "pyarrow.parquet",
    "openpyxl",
    "pandas.io.formats.style",  # the yearly table's Styler (its Jinja templates compile at import)
    "streamlit.emojis",  # the page icon's check imports it
)


def preload() -> None:
    """Import the pages' modules, read the landing page's stored runs into the app's shared cache
    (`sim.app.warm.prefetch`), start the worker processes (`sim.app.warm.start_workers`) and compute
    the baseline states the first slider move continues from (`sim.app.warm.prefetch_states`)."""
    import gc
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    from streamlit import delta_generator

    from app_pages.common import APP_REPLICATIONS, APP_WORKERS
    from sim.app import warm

    # Streamlit's once-per-process check that it is not run from a REPL walks the whole call stack
    # with `inspect.stack()` (~0.3 s, reading source files) at the first element of the first page;
    # under `streamlit run` it never warns, so it is marked done here (a no-op if the name changes)
    if hasattr(delta_generator, "_use_warning_has_been_displayed"):
        delta_generator._use_warning_has_been_displayed = True
    warm.prefetch(APP_REPLICATIONS)
    warm.start_workers(APP_WORKERS)  # the first slider move needs them
    warm.prefetch_states(APP_REPLICATIONS, APP_WORKERS)  # and the baseline states it continues from
    # Streamlit collects all garbage after every script run (`gc.collect(2)`: runner.postScriptGC),
    # holding the interpreter lock: with the ~140,000 objects loaded here that took ~70 ms per run
    # (py-spy: ~0.17 s per first page on the busy machine), for objects that live as long as the
    # server. They are collected once and then frozen (never scanned again): the collection after a
    # run then scans only what the pages made (0.0 ms for these)
    gc.collect()
    gc.freeze()


def main(argv: list[str] | None = None) -> None:
    preload()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
