"""Golden results: every number the README and the docs publish, recomputed and compared.

`tests/golden.yaml` lists each published number with the call that produces it (seeds,
replications), where it is published and a tolerance. `check` recomputes them all and
returns the ones that moved; the test in CI fails with a table of old value, new value and
where the number is published. `write` recomputes them, writes the file and rewrites the
published tables between `<!-- golden:ID -->` and `<!-- /golden:ID -->` in the README and the
docs from the same run, so a deliberate model change updates both together
(`make golden`; the CHANGELOG then says what moved and why).

The sets recompute exactly what is published (same seeds, same replications: 10 + 60 + 20
runs, about a minute on two workers), so the check needs no reduced version of its own. Same
seeds give the same numbers, so the tolerance (relative 1e-6) only absorbs floating-point
noise; anything larger is a changed model.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import dataclasses
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from ..core.params import Params
from . import batch, calibrate, i18n, stats
from . import executor as X
from .labels import headline_interval_table
from .runner import replicate, summarize
from .scenarios import load

GOLDEN_FILE = Path("tests") / "golden.yaml"
RELATIVE_TOLERANCE = 1e-6
Values = dict[str, float]


class GoldenError(ValueError):
    """The golden file or a marked block is missing or malformed; the message says which."""


@dataclass(frozen=True)
class GoldenSet:
    """A group of published numbers made by one call."""

    id: str
    call: str  # the command a reader runs to reproduce the numbers
    published: str  # where they are published (file and table)
    compute: Callable[..., tuple[Values, Any]]  # (root, executor, replications, overrides) -> values, data
    render: Callable[[Any], dict[tuple[str, str], str]]  # data -> {(file, block id): text}
    replications: int


# --------------------------------------------------------------------------- baseline (make run)
BASELINE_SEED, BASELINE_REPS = 20200601, 10
BASELINE_YEARS = (2020, 2023, 2030)
BASELINE_ROWS = ("shortage", "shortage_rate", "workforce_kr", "core_talent_kr", "migration_index", "salary_gap_top")


def _baseline(root: Path, ex: cf.Executor | None, reps: int, over: dict[str, Any]) -> tuple[Values, Any]:
    df = replicate(over, replications=reps, seed=BASELINE_SEED, executor=ex)
    s = summarize(df, BASELINE_ROWS)
    s = s[s["year"].isin(BASELINE_YEARS)]
    values = {f"{r.output}/{r.year}/{k}": float(getattr(r, k)) for r in s.itertuples() for k in ("mean", "lo", "hi")}
    return values, s


def _render_baseline(s: pd.DataFrame) -> dict[tuple[str, str], str]:
    table = headline_interval_table(s).loc[list(BASELINE_YEARS)]
    with pd.option_context("display.max_columns", None, "display.width", 250):
        text = table.T.to_string()
    return {("README.md", "baseline"): f"```\n{text}\n```"}


# --------------------------------------------------------------------------- the headline comparison
HEADLINE_SEED, HEADLINE_REPS = 20200601, 30
HEADLINE_YEARS = (2030, 2035)
HEADLINE_ROWS = ("core_talent_kr", "kr_abroad", "shortage", "fiscal_cost_krw")
HEADLINE_FILES = ("scenarios/baseline.yaml", "scenarios/salary-matching-50.yaml")


def _headline(root: Path, ex: cf.Executor | None, reps: int, over: dict[str, Any]) -> tuple[Values, Any]:
    scns = [load(root / f) for f in HEADLINE_FILES]
    scns = [dataclasses.replace(scn, overrides={**scn.overrides, **over}) for scn in scns]
    plan = batch.make_plan("compare", scns, reps, HEADLINE_SEED)
    runs = X.collect(
        X.run_tasks(
            batch.execute,
            [(t.key, (t.params, t.entropy, t.spawn_key)) for t in plan.tasks],
            ex,
            desc="golden: headline",
        )
    )
    comp = stats.comparison(batch.timeseries(plan, runs), plan.scenarios[0].name)
    comp = comp[comp["year"].isin(HEADLINE_YEARS) & comp["output"].isin(HEADLINE_ROWS)]
    values = {
        f"{r.output}/{r.year}/{k}": float(getattr(r, k))
        for r in comp.itertuples()
        for k in ("diff_mean", "diff_lo", "diff_hi")
    }
    d = comp.set_index(["year", "output"])["diff_mean"]
    values["cost_per_core/2030"] = float(d[(2030, "fiscal_cost_krw")] / d[(2030, "core_talent_kr")])
    return values, (comp, values, reps)


def _signed(v: float, fmt: str) -> str:
    return fmt.format(v).replace("-", "−")


def _render_headline(data) -> dict[tuple[str, str], str]:
    comp, values, reps = data
    c = comp.set_index(["year", "output"])
    label = {
        "core_talent_kr": "core AI talent in Korea",
        "kr_abroad": "Korean-born AI people abroad",
        "shortage": "AI staff shortage",
        "fiscal_cost_krw": "fiscal cost",
    }
    lines = [
        f"`talentsim compare {' '.join(HEADLINE_FILES)}` ({reps} paired",
        f"replications, seed {HEADLINE_SEED}): difference from the baseline, mean [90 % interval]:",
        "",
        "| | " + " | ".join(str(y) for y in HEADLINE_YEARS) + " |",
        "|---|---|---|",
    ]
    for col in HEADLINE_ROWS:
        cells = []
        for y in HEADLINE_YEARS:
            r = c.loc[(y, col)]
            if col == "fiscal_cost_krw":
                mean = i18n.money(r.diff_mean, "en", signed=True, usd=False)  # e.g. +2.01 tn KRW
                unit = 1e12 if abs(r.diff_mean) >= 1e12 else 1e9  # the bounds in the mean's unit
                cells.append(f"{mean}/yr [{r.diff_lo / unit:.2f}, {r.diff_hi / unit:.2f}]")
            else:
                cells.append(
                    f"{_signed(r.diff_mean, '{:+,.0f}')} [{_signed(r.diff_lo, '{:+,.0f}')}, "
                    f"{_signed(r.diff_hi, '{:+,.0f}')}]"
                )
        lines.append(f"| {label[col]} | " + " | ".join(cells) + " |")
    lines += [
        "",
        (
            f"So about {i18n.money(values['cost_per_core/2030'], 'en', usd=False)} a year per extra core researcher "
            f"in 2030 (the mean fiscal cost over the mean gain)."
        ),
    ]
    return {("README.md", "headline"): "\n".join(lines)}


# --------------------------------------------------------------------------- the calibration check
def _calibration(root: Path, ex: cf.Executor | None, reps: int, over: dict[str, Any]) -> tuple[Values, Any]:
    cal = calibrate.load_calibration()
    if not cal:
        raise GoldenError("sim/data/calibration.yaml: no stored calibration to check")
    theta = np.array([cal["parameters"][f.name]["value"] for f in calibrate.FREE], float)
    fitted, oos = calibrate.load_targets()
    df, _ = calibrate.check(
        theta, fitted + oos, replications=reps, seed=int(cal["check"]["seed"]), executor=ex, base=Params.from_dict(over)
    )
    check = {
        "replications": reps,
        "seed": int(cal["check"]["seed"]),
        "targets": calibrate.summarize_targets(df, fitted),
        "out_of_sample": calibrate.summarize_targets(df, oos),
    }
    values = {
        f"{r['id']}/{k}": float(r[f"simulated_{k}"])
        for part in ("targets", "out_of_sample")
        for r in check[part]
        for k in ("mean", "lo", "hi")
    }
    return values, check


def _render_calibration(check: dict[str, Any]) -> dict[tuple[str, str], str]:
    lines = calibrate.check_tables(check)
    return {("docs/calibration-results.md", calibrate.CHECK_BLOCK): "\n".join(lines[1:-1])}


SETS: tuple[GoldenSet, ...] = (
    GoldenSet(
        "baseline",
        f"talentsim baseline --replications {BASELINE_REPS} --seed {BASELINE_SEED} (make run)",
        "README.md: Quick start (headline results by year)",
        _baseline,
        _render_baseline,
        BASELINE_REPS,
    ),
    GoldenSet(
        "headline",
        f"talentsim compare {' '.join(HEADLINE_FILES)} --replications {HEADLINE_REPS} --seed {HEADLINE_SEED}",
        "README.md: Headline result (salary matching at 50 %)",
        _headline,
        _render_headline,
        HEADLINE_REPS,
    ),
    GoldenSet(
        "calibration",
        "the check of `talentsim calibrate` at the stored parameters (sim/data/calibration.yaml)",
        "docs/calibration-results.md: fitted targets and out-of-sample checks; app calibration page",
        _calibration,
        _render_calibration,
        20,
    ),
)
BY_ID = {s.id: s for s in SETS}


# --------------------------------------------------------------------------- compute, compare, write
def compute(
    root: Path,
    executor: cf.Executor | None = None,
    sets: tuple[GoldenSet, ...] = SETS,
    replications: int | None = None,
    overrides: dict[str, Any] | None = None,
) -> dict[str, tuple[Values, Any]]:
    """Recompute every set. For tests of the machinery only: `replications` replaces each set's own
    and `overrides` (parameter values) are applied on top of the defaults in every run."""
    return {s.id: s.compute(Path(root), executor, replications or s.replications, dict(overrides or {})) for s in sets}


def document(results: dict[str, tuple[Values, Any]], replications: int | None = None) -> dict[str, Any]:
    """The golden file's content for recomputed `results`."""
    out = {
        "about": "Every number the README and docs publish; written by `make golden` (python -m sim.study."
        "golden --write), checked by tests/test_golden.py. Same seeds give the same numbers: the "
        "tolerance absorbs only floating-point noise.",
        "tolerance": {"relative": RELATIVE_TOLERANCE},
        "sets": {},
    }
    for sid, (values, _) in results.items():
        s = BY_ID[sid]
        out["sets"][sid] = {
            "call": s.call,
            "published": s.published,
            "replications": replications or s.replications,
            "values": {k: float(v) for k, v in sorted(values.items())},
        }
    return out


def read(path: Path) -> dict[str, Any]:
    try:
        doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldenError(f"{path}: no golden file; run `make golden` to write it") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("sets"), dict):
        raise GoldenError(f"{path}: not a golden file (no 'sets' mapping)")
    return doc


def moved(doc: dict[str, Any], results: dict[str, tuple[Values, Any]]) -> pd.DataFrame:
    """The published numbers that moved: set, number, old value, new value, where published."""
    rel = float(doc.get("tolerance", {}).get("relative", RELATIVE_TOLERANCE))
    rows = []
    for sid, (values, _) in results.items():
        old = (doc["sets"].get(sid) or {}).get("values", {})
        where = BY_ID[sid].published
        for k in sorted(set(old) | set(values)):
            a, b = old.get(k), values.get(k)
            same = (
                a is not None
                and b is not None
                and ((np.isnan(a) and np.isnan(b)) or abs(b - a) <= rel * max(abs(a), abs(b)) + 1e-12)
            )
            if not same:
                rows.append({"set": sid, "number": k, "old": a, "new": b, "published in": where})
    return pd.DataFrame(rows, columns=["set", "number", "old", "new", "published in"])


def report(table: pd.DataFrame) -> str:
    """A readable table of moved numbers (for the failing test and the CLI)."""
    if table.empty:
        return "no published number moved"
    with pd.option_context(
        "display.max_rows",
        200,
        "display.width",
        200,
        "display.max_colwidth",
        60,
        "display.float_format",
        "{:,.6g}".format,
    ):
        return (
            f"{len(table)} published number(s) moved; if the change is deliberate run `make golden` and say "
            f"in CHANGELOG.md what moved and why:\n" + table.to_string(index=False)
        )


_BLOCK = re.compile(r"(<!-- golden:(?P<id>[\w-]+) -->\n)(?P<body>.*?)(\n<!-- /golden:(?P=id) -->)", re.S)


def fill(text: str, blocks: dict[str, str], path: str) -> str:
    """Replace the body of each marked block `id` of `text` with `blocks[id]`."""
    found = set()

    def one(m: re.Match) -> str:
        bid = m.group("id")
        if bid not in blocks:
            return m.group(0)
        found.add(bid)
        return m.group(1) + blocks[bid] + m.group(4)

    out = _BLOCK.sub(one, text)
    missing = sorted(set(blocks) - found)
    if missing:
        raise GoldenError(f"{path}: no block <!-- golden:{missing[0]} --> ... <!-- /golden:{missing[0]} -->")
    return out


def rendered(results: dict[str, tuple[Values, Any]]) -> dict[str, dict[str, str]]:
    """The published blocks the recomputed results give: file -> block id -> text."""
    by_file: dict[str, dict[str, str]] = {}
    for sid, (_, data) in results.items():
        for (f, bid), text in BY_ID[sid].render(data).items():
            by_file.setdefault(f, {})[bid] = text
    return by_file


def stale_blocks(root: Path, results: dict[str, tuple[Values, Any]]) -> list[str]:
    """The published blocks (file: block) whose text is not what the recomputed results give."""
    out = []
    for f, blocks in rendered(results).items():
        path = Path(root) / f
        text = path.read_text(encoding="utf-8")
        for bid, body in blocks.items():
            if fill(text, {bid: body}, str(path)) != text:
                out.append(f"{f}: {bid}")
    return out


def write(
    root: Path, results: dict[str, tuple[Values, Any]], golden: Path | None = None, docs: bool = True
) -> list[Path]:
    """Write the golden file and (with `docs`) the published blocks; returns the files written."""
    root = Path(root)
    golden = golden or root / GOLDEN_FILE
    by_file = rendered(results)
    new_texts = {}
    if docs:  # check every block exists before writing anything
        for f, blocks in by_file.items():
            path = root / f
            new_texts[path] = fill(path.read_text(encoding="utf-8"), blocks, str(path))
    golden.parent.mkdir(parents=True, exist_ok=True)
    golden.write_text(
        yaml.safe_dump(document(results), sort_keys=False, allow_unicode=True, width=120), encoding="utf-8"
    )
    written = [golden]
    for path, text in new_texts.items():
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if docs and "calibration" in results:
        written.append(_refresh_calibration_check(results["calibration"][1]))
    return written


def _refresh_calibration_check(check: dict[str, Any]) -> Path:
    """Store the recomputed check in sim/data/calibration.yaml (the app's calibration page reads it);
    the fitted parameters are left as they are."""
    path = calibrate.data_path("calibration.yaml")
    text = path.read_text(encoding="utf-8")
    head = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    doc = yaml.safe_load(text)
    doc["check"] = {**doc.get("check", {}), **check}
    path.write_text(head + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """python -m sim.study.golden [--write] [--workers N] [--root DIR]: check (default) or regenerate."""
    ap = argparse.ArgumentParser(prog="python -m sim.study.golden", description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="regenerate tests/golden.yaml and the published tables")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--root", default=".", help="the repository (default: the current folder)")
    args = ap.parse_args(argv)
    root = Path(args.root)
    with X.make_executor("local", args.workers) as ex:
        results = compute(root, ex)
    if args.write:
        for p in write(root, results):
            print(f"written {p}")
        return 0
    table = moved(read(root / GOLDEN_FILE), results)
    stale = stale_blocks(root, results)
    print(report(table), file=sys.stderr if len(table) else sys.stdout)
    if stale:
        print("published tables not regenerated (run `make golden`): " + ", ".join(stale), file=sys.stderr)
    return 1 if len(table) or stale else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


__all__ = ["SETS", "GoldenError", "compute", "moved", "read", "report", "write"]
