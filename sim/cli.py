"""`talentsim` command line (thin over the library). `run` prints headline results by year."""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from . import __version__
from .outputs import HEADLINE
from .report import COLUMNS, headline_interval_table
from .runner import replicate, summarize


def _run(args: argparse.Namespace) -> int:
    df = replicate(None, replications=args.replications, seed=args.seed, workers=args.workers,
                   progress=args.progress)
    summary = summarize(df, [c for c in HEADLINE if c in COLUMNS])
    years = [y for y in args.years if y in set(summary.year)] or sorted(set(summary.year))
    table = headline_interval_table(summary).loc[years]
    print(f"talentsim {__version__} baseline: {args.replications} replications from seed {args.seed} "
          f"(SeedSequence spawn), 1:1 scale. Mean [90% interval] at Q4; flows over the year.")
    with pd.option_context("display.max_columns", None, "display.width", 250):
        print(table.T.to_string())
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="talentsim", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("baseline", help="run the baseline and print headline results by year with 90%% intervals")
    r.add_argument("--seed", type=int, default=20200601, help="root random seed (default %(default)s)")
    r.add_argument("--replications", type=int, default=10, help="independent runs (default %(default)s)")
    r.add_argument("--workers", type=int, default=2, help="worker processes (default %(default)s)")
    r.add_argument("--years", type=int, nargs="*", default=[2020, 2023, 2025, 2030, 2035],
                   help="years to show (default %(default)s)")
    r.add_argument("--progress", action="store_true", help="show a progress bar")
    r.set_defaults(func=_run)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on bad arguments
        return int(e.code or 0)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
