"""`talentsim` command line (thin over the library). `run` prints headline results by year."""

from __future__ import annotations

import argparse
import sys

from .model import TalentMarket
from .report import headline_table


def _run(args: argparse.Namespace) -> int:
    model = TalentMarket(rng=args.seed)
    df = model.run()
    print(f"talentsim baseline, seed {args.seed}, 1:1 scale, {model.year}Q{model.quarter} end "
          f"(one replication; intervals need replications: see README)")
    print(headline_table(df).to_string())
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="talentsim", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("baseline", help="run the baseline once and print headline results by year")
    r.add_argument("--seed", type=int, default=20200601, help="random seed (default %(default)s)")
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
