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
from . import batch, calibrate, i18n, sensitivity, stats
from . import executor as X
from . import uncertainty as U
from .labels import headline_interval_table
from .runner import replicate, summarize
from .scenarios import load
from .targets import load_targets

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
    render: Callable[[Any], dict[tuple[str, str | None], str]]  # data -> {(file, block id or None): text}
    replications: int
    ci: bool = True  # recomputed by the CI check; False: only by `make golden` (too slow for CI)


# --------------------------------------------------------------------------- baseline (make run)
BASELINE_SEED, BASELINE_REPS = 20200601, 10
BASELINE_YEARS = (2020, 2023, 2030)
BASELINE_ROWS = ("shortage", "shortage_rate", "workforce_kr", "core_talent_kr", "migration_index", "salary_gap_top")


def _baseline(root: Path, ex: cf.Executor | None, reps: int, over: dict[str, Any]) -> tuple[Values, Any]:
    df = replicate(over, replications=reps, seed=BASELINE_SEED, executor=ex)
    full = summarize(df, BASELINE_ROWS)
    s = full[full["year"].isin(BASELINE_YEARS)]
    series = full[full["output"] == "migration_index"]
    values = {
        f"{r.output}/{r.year}/{k}": float(getattr(r, k))
        for r in pd.concat([s, series]).itertuples()
        for k in ("mean", "lo", "hi")
    }
    return values, (s, series)


def _render_baseline(data: tuple[pd.DataFrame, pd.DataFrame]) -> dict[tuple[str, str], str]:
    s, series = data
    table = headline_interval_table(s).loc[list(BASELINE_YEARS)]
    with pd.option_context("display.max_columns", None, "display.width", 250):
        text = table.T.to_string()
    return {
        ("README.md", "baseline"): f"```\n{text}\n```",
        ("docs/model.md", "migration-index-series"): _index_series(series),
    }


def _index_series(series: pd.DataFrame) -> str:
    """The baseline's migration index by year (Q4: the trailing 12 months) beside the documented
    values (sim/data/targets.yaml: fitted targets and checks of this output at Q4)."""
    fitted, checks = load_targets()
    documented = {t.year: (t, "fitted") for t in fitted if t.output == "migration_index" and t.quarter == 4}
    documented |= {t.year: (t, "check") for t in checks if t.output == "migration_index" and t.quarter == 4}
    lines = ["| year | model (baseline, mean [90 % interval]) | documented | role |", "|---|---|---|---|"]
    for r in series.sort_values("year").itertuples():
        t, role = documented.get(r.year, (None, ""))
        doc = f"{t.describe()} ({t.source})" if t else ""
        lines.append(f"| {r.year} | {r.mean:+.2f} [{r.lo:+.2f}, {r.hi:+.2f}] | {doc} | {role} |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- the headline comparison
HEADLINE_SEED, HEADLINE_REPS = 20200601, 30
HEADLINE_YEARS = (2030, 2035)
HEADLINE_ROWS = ("core_talent_kr", "kr_abroad", "shortage", "sm_recipients", "fiscal_cost_krw", "net_fiscal_cost_krw")
HEADLINE_FILES = ("scenarios/baseline.yaml", "scenarios/salary-matching-50.yaml")


def _headline_comparison(root: Path, ex: cf.Executor | None, reps: int, over: dict[str, Any], mode: str):
    scns = [load(root / f) for f in HEADLINE_FILES]
    scns = [dataclasses.replace(scn, overrides={**scn.overrides, **over}) for scn in scns]
    plan = batch.make_plan("compare", scns, reps, HEADLINE_SEED, mode)
    runs = X.collect(
        X.run_tasks(
            batch.execute,
            [(t.key, (t.params, t.entropy, t.spawn_key)) for t in plan.tasks],
            ex,
            desc=f"golden: headline ({mode})",
        )
    )
    comp = stats.comparison(batch.timeseries(plan, runs), plan.scenarios[0].name)
    return comp, stats.salary_matching_summary(comp, plan.scenarios[1].name, 2030)


def _headline(root: Path, ex: cf.Executor | None, reps: int, over: dict[str, Any]) -> tuple[Values, Any]:
    comp, sm = _headline_comparison(root, ex, reps, over, U.DEFAULT)
    comp = comp[comp["year"].isin(HEADLINE_YEARS) & comp["output"].isin(HEADLINE_ROWS)]
    values = {
        f"{r.output}/{r.year}/{k}": float(getattr(r, k))
        for r in comp.itertuples()
        for k in ("diff_mean", "diff_lo", "diff_hi")
    }
    values["cost_per_core/2030"] = sm["gross_per_additional"]
    values["net_cost_per_core/2030"] = sm["net_per_additional"]
    values["deadweight/2030"] = sm["deadweight"]
    other = "monte-carlo" if U.DEFAULT == "posterior" else "posterior"  # the other interval, for comparison
    oc, _ = _headline_comparison(root, ex, reps, over, other)
    for r in oc[(oc["year"] == 2030) & oc["output"].isin(("core_talent_kr", "fiscal_cost_krw"))].itertuples():
        for k in ("diff_mean", "diff_lo", "diff_hi"):
            values[f"{other}:{r.output}/{r.year}/{k}"] = float(getattr(r, k))
    return values, (comp, values, reps)


def _signed(v: float, fmt: str) -> str:
    return i18n.num(v, fmt[2:-1]).replace("-", "−")


def _render_headline(data) -> dict[tuple[str, str], str]:
    comp, values, reps = data
    c = comp.set_index(["year", "output"])
    label = {
        "core_talent_kr": "core AI talent in Korea",
        "kr_abroad": "Korean-born AI people abroad",
        "shortage": "AI staff shortage",
        "sm_recipients": "salary-matching recipients",
        "fiscal_cost_krw": "fiscal cost, gross",
        "net_fiscal_cost_krw": "fiscal cost, net of income tax recouped",
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
            if col in ("fiscal_cost_krw", "net_fiscal_cost_krw"):
                mean = i18n.money(r.diff_mean, "en", signed=True, usd=False)  # e.g. +2.01 tn KRW
                unit = 1e12 if abs(r.diff_mean) >= 1e12 else 1e9  # the bounds in the mean's unit
                d = 2 if unit == 1e12 else 0
                cells.append(f"{mean}/yr [{r.diff_lo / unit:,.{d}f}, {r.diff_hi / unit:,.{d}f}]")
            else:
                cells.append(
                    f"{_signed(r.diff_mean, '{:+,.0f}')} [{_signed(r.diff_lo, '{:+,.0f}')}, "
                    f"{_signed(r.diff_hi, '{:+,.0f}')}]"
                )
        lines.append(f"| {label[col]} | " + " | ".join(cells) + " |")
    paid = c.loc[(2030, "sm_recipients")].diff_mean
    lines += [
        "",
        "So about "
        + i18n.money(values["cost_per_core/2030"], "en", usd=False)
        + " a year per extra core researcher in 2030",
        (
            f"({i18n.money(values['net_cost_per_core/2030'], 'en', usd=False)} net of the income tax recouped on the "
            "subsidy; the mean cost over the mean gain)."
        ),
        f"Of the {paid:,.0f} people paid in 2030, {values['deadweight/2030']:.0%} are not additional",
        "(deadweight = 1 − extra core researchers / recipients): most of the money goes to people who",
        (
            "would be in Korea anyway. The state pays half the gross salary; a share "
            f"{Params().sm_passthrough:g} of the subsidy"
        ),
        "reaches the worker (the pass-through; evidence 0.2–1) and the rest lowers the firm's own pay.",
        "",
        _mode_line(values),
    ]
    return {("README.md", "headline"): "\n".join(lines)}


# ---------------------------------------------------------- the headline if foreign bidders pursue
PURSUIT = {"foreign_target_pursuit": 1.0}  # the other reading of foreign demand (ODD 7.3)


def _headline_pursuit(root: Path, ex: cf.Executor | None, reps: int, over: dict[str, Any]) -> tuple[Values, Any]:
    """The headline comparison (same seeds and posterior draws) with foreign bidders keeping a
    head-count of hires from Korea: the sweep-foreign-pursuit.yaml points at pursuit 1."""
    comp, _ = _headline_comparison(root, ex, reps, {**over, **PURSUIT}, U.DEFAULT)
    comp = comp[comp["year"].isin(HEADLINE_YEARS) & (comp["output"] == "core_talent_kr")]
    values = {
        f"{r.output}/{r.year}/{k}": float(getattr(r, k))
        for r in comp.itertuples()
        for k in ("diff_mean", "diff_lo", "diff_hi")
    }
    return values, values


def _render_headline_pursuit(values: Values) -> dict[tuple[str, str], str]:
    def cell(y: int) -> str:
        m, lo, hi = (
            _signed(values[f"core_talent_kr/{y}/{k}"], "{:+,.0f}") for k in ("diff_mean", "diff_lo", "diff_hi")
        )
        return f"{m} [{lo}, {hi}]"

    y0, y1 = HEADLINE_YEARS
    text = (
        "One assumption outside\n"
        "the intervals moves the headline more than their width: whether foreign employers make up for\n"
        "refusals from Korea with more offers. The model's default is that they do not (Korea supplies\n"
        "~2 % of new US H-1B workers: a refusal is replaced elsewhere); if they keep a head-count of hires\n"
        f"from Korea, the {y0} effect is {cell(y0)} and the {y1} one {cell(y1)}\n"
        "(`talentsim sweep scenarios/sweep-foreign-pursuit.yaml --replications 30`; ODD 7.3), since the\n"
        'policy\'s "fewer leaving" is undone within a year.'
    )
    return {("README.md", "headline-pursuit"): text}


def _mode_line(values: Values) -> str:
    """What the table's intervals carry, and the 2030 core-talent effect with the other kind."""
    other = "monte-carlo" if U.DEFAULT == "posterior" else "posterior"

    def cell(prefix: str) -> str:
        v = [values[f"{prefix}core_talent_kr/2030/{k}"] for k in ("diff_mean", "diff_lo", "diff_hi")]
        return f"{_signed(v[0], '{:+,.0f}')} [{_signed(v[1], '{:+,.0f}')}, {_signed(v[2], '{:+,.0f}')}]"

    if U.DEFAULT == "posterior":
        return (
            "The intervals include parameter uncertainty: each replication takes its own draw from the posterior "
            "(sim/data/posterior.json, [docs/calibration-results.md](docs/calibration-results.md#posterior-parameter-"
            f"uncertainty)) and its own seed. With the model's randomness only (`--uncertainty {other}`, every "
            f"replication at the calibrated point) the 2030 core-talent effect reads {cell(other + ':')}: the "
            "difference is what the data leave unknown about the parameters."
        )
    return (
        "The intervals are the model's randomness at the calibrated parameters. With parameter uncertainty "
        f"(`--uncertainty {other}`) the 2030 core-talent effect reads {cell(other + ':')}."
    )


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


# --------------------------------------------------------------------------- the sensitivity analysis
SENS_FILE, SENS_YEAR, SENS_SEED = "scenarios/salary-matching-50.yaml", 2030, 7
SENS_RUNS = {  # method -> (n, parameters; None: all uncertain ones): the two published analyses
    "morris": (10, None),
    "sobol": (32, ("core_quantile", "beta_pay", "sm_passthrough", "learning_rate", "morale_sensitivity")),
}
SENS_COLUMNS = {"morris": ("mu_star", "mu_star_conf", "sigma", "mu"), "sobol": ("S1", "S1_conf", "ST", "ST_conf")}
SENS_LABELS = sensitivity.OUTPUT_LABELS  # output -> (label, unit) in the Morris table


def sensitivity_csv(method: str) -> str:
    return f"docs/sensitivity/{method}-{Path(SENS_FILE).stem}.csv"


def _sensitivity(root: Path, ex: cf.Executor | None, reps: int, over: dict[str, Any]) -> tuple[Values, Any]:
    scn = load(root / SENS_FILE)
    scn = dataclasses.replace(scn, overrides={**scn.overrides, **over})
    known = {u.name: u for u in sensitivity.UNCERTAIN}
    tables = {}
    for method, (n, names) in SENS_RUNS.items():
        params = tuple(known[k] for k in names) if names else sensitivity.UNCERTAIN
        x = sensitivity.sample(method, params, n, SENS_SEED)
        points = sensitivity.evaluate_points(scn, params, x, SENS_YEAR, SENS_SEED, ex)
        tables[method] = sensitivity.analyze(method, params, x, points, SENS_SEED)
        if method == "morris":
            means = {col: float(points[col].mean()) for col in SENS_LABELS}
    data = {"indices": tables, "means": means}
    return sensitivity_values(data), data


def sensitivity_values(data: dict[str, Any]) -> Values:
    """Golden values of the sensitivity set: every index of both tables (`sensitivity.analyze`) and
    the mean of each output over the Morris points."""
    out = {
        f"{m}/{r['output']}/{r['parameter']}/{c}": float(r[c])
        for m, t in data["indices"].items()
        for _, r in t.iterrows()
        for c in SENS_COLUMNS[m]
    }
    out.update({f"morris/mean/{col}": v for col, v in data["means"].items()})
    return out


def sensitivity_from_files(root: Path, values: Values) -> dict[str, Any]:
    """The sensitivity set's data as published: the indices CSVs and the point means of the golden
    file (what the CI check compares the docs with, without rerunning the analysis)."""
    return {
        "indices": {m: pd.read_csv(Path(root) / sensitivity_csv(m)) for m in SENS_RUNS},
        "means": {col: values[f"morris/mean/{col}"] for col in SENS_LABELS},
    }


def _render_sensitivity(data: dict[str, Any]) -> dict[tuple[str, str | None], str]:
    morris, sobol = data["indices"]["morris"], data["indices"]["sobol"]
    out: dict[tuple[str, str | None], str] = {}
    for method, t in data["indices"].items():  # the published CSV files, whole
        out[(sensitivity_csv(method), None)] = t.to_csv(index=False)
    out[("docs/sensitivity.md", "sensitivity-morris")] = "\n".join(sensitivity.morris_table(morris, data["means"]))
    # the effect on the shortage is left out of the published Sobol table (noise dominates it: docs)
    shown = ("effect_core_talent_kr", "effect_fiscal_cost_krw", "baseline_shortage")
    out[("docs/sensitivity.md", "sensitivity-sobol")] = "\n".join(
        sensitivity.sobol_table(sobol, SENS_RUNS["sobol"][1], shown)
    )
    return out


# --------------------------------------------------------------------------- sensitivity on the posterior
POST_SA_DRAWS, POST_SA_SEED = 80, 20260601


def _posterior_sa(root: Path, ex: cf.Executor | None, reps: int, over: dict[str, Any]) -> tuple[Values, Any]:
    from . import posterior_sa

    scn = load(root / SENS_FILE)
    scn = dataclasses.replace(scn, overrides={**scn.overrides, **over})
    res = posterior_sa.decompose(scn, SENS_YEAR, reps, POST_SA_SEED, executor=ex)
    values = {
        f"{col}/{k}": float(r[k])
        for col, r in res["outputs"].items()
        for k in ("mean", "lo", "hi", "total_var", "within_var", "parameter_share", "r2")
    }
    values.update({f"{col}/src/{n}": v for col, r in res["outputs"].items() for n, v in r["src"].items()})
    return values, values


def _render_posterior_sa(values: Values) -> dict[tuple[str, str | None], str]:
    """The published table, from the golden values alone (so CI checks it without rerunning)."""
    from . import posterior_sa

    outputs: dict[str, dict[str, Any]] = {}
    for key, v in values.items():
        col, rest = key.split("/", 1)
        o = outputs.setdefault(col, {"drivers": []})
        if rest.startswith("src/"):
            o["drivers"].append((rest[4:], v))
        else:
            o[rest] = v
    for o in outputs.values():
        o["drivers"] = sorted(o["drivers"], key=lambda d: -abs(d[1]))
    order = [c for c in posterior_sa.OUTPUTS if c in outputs]
    return {
        ("docs/sensitivity.md", "sensitivity-posterior"): "\n".join(
            posterior_sa.table({"outputs": {c: outputs[c] for c in order}})
        )
    }


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
        "headline-pursuit",
        f"talentsim compare {' '.join(HEADLINE_FILES)} --replications {HEADLINE_REPS} --seed {HEADLINE_SEED} "
        "with foreign_target_pursuit = 1 in both (talentsim sweep scenarios/sweep-foreign-pursuit.yaml)",
        "README.md: Headline result (the one assumption outside the intervals)",
        _headline_pursuit,
        _render_headline_pursuit,
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
    GoldenSet(
        "sensitivity",
        f"talentsim sensitivity {SENS_FILE} --method morris --n 10; the same with --method sobol --n 32 "
        f"--params {','.join(SENS_RUNS['sobol'][1])} (seed {SENS_SEED}, outputs at {SENS_YEAR}Q4)",
        "docs/sensitivity.md: Morris and Sobol tables; docs/sensitivity/*.csv",
        _sensitivity,
        _render_sensitivity,
        1,
        ci=False,
    ),
    GoldenSet(
        "posterior-sensitivity",
        f"python -c 'sim.study.posterior_sa.decompose' on {SENS_FILE}: {POST_SA_DRAWS} posterior draws x 2 seeds, "
        f"paired with the baseline (seed {POST_SA_SEED}, outputs at {SENS_YEAR}Q4)",
        "docs/sensitivity.md: the share of each effect's variance from the parameters, and its drivers",
        _posterior_sa,
        _render_posterior_sa,
        POST_SA_DRAWS,
        ci=False,
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


def document(
    results: dict[str, tuple[Values, Any]], replications: int | None = None, keep: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The golden file's content for recomputed `results` (the sets of `keep`, a golden file's
    content, that were not recomputed are kept as they are)."""
    out = {
        "about": "Every number the README and docs publish; written by `make golden` (python -m sim.study."
        "golden --write), checked by tests/test_golden.py. Same seeds give the same numbers: the "
        "tolerance absorbs only floating-point noise.",
        "tolerance": {"relative": RELATIVE_TOLERANCE},
        "sets": {},
    }
    for s in SETS:  # in the order of SETS, recomputed or kept
        if s.id not in results and keep and s.id in keep.get("sets", {}):
            out["sets"][s.id] = keep["sets"][s.id]
    for sid, (values, _) in results.items():
        s = BY_ID[sid]
        out["sets"][sid] = {
            "call": s.call,
            "published": s.published,
            "replications": replications or s.replications,
            "values": {k: float(v) for k, v in sorted(values.items())},
        }
    out["sets"] = {s.id: out["sets"][s.id] for s in SETS if s.id in out["sets"]}
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


def stale_blocks(root: Path, results: dict[str, tuple[Values, Any]], whole_files: bool = True) -> list[str]:
    """The published blocks (file: block, or the whole file) whose text is not what the recomputed
    results give (`whole_files`: also the files published whole, such as CSVs)."""
    out = []
    for f, blocks in rendered(results).items():
        if not whole_files:
            blocks = {k: v for k, v in blocks.items() if k is not None}
        path = Path(root) / f
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        for bid, body in blocks.items():
            if (body if bid is None else fill(text, {bid: body}, str(path))) != text:
                out.append(f"{f}: {bid or 'the whole file'}")
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
            whole = blocks.pop(None, None)  # a whole published file (e.g. a CSV of indices)
            new_texts[path] = whole if whole is not None else fill(path.read_text(encoding="utf-8"), blocks, str(path))
    golden.parent.mkdir(parents=True, exist_ok=True)
    keep = read(golden) if golden.exists() else None
    golden.write_text(
        yaml.safe_dump(document(results, keep=keep), sort_keys=False, allow_unicode=True, width=120), encoding="utf-8"
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


CI_SETS = tuple(s for s in SETS if s.ci)


def check_published(root: Path, results: dict[str, tuple[Values, Any]], doc: dict[str, Any]) -> list[str]:
    """The published blocks that do not show what the golden file holds: for the recomputed sets,
    their rendering from `results`; for the sets too slow for CI (the sensitivity analysis), the
    golden values must be those of the published CSVs and the tables their rendering."""
    stale = stale_blocks(root, results)
    if "posterior-sensitivity" not in results and "posterior-sensitivity" in doc["sets"]:
        values = doc["sets"]["posterior-sensitivity"]["values"]
        stale += stale_blocks(root, {"posterior-sensitivity": (values, values)}, whole_files=False)
    if "sensitivity" not in results and "sensitivity" in doc["sets"]:
        values = doc["sets"]["sensitivity"]["values"]
        data = sensitivity_from_files(root, values)
        drift = moved({"sets": {"sensitivity": {"values": values}}}, {"sensitivity": (sensitivity_values(data), None)})
        stale += [f"{sensitivity_csv(r['number'].split('/')[0])}: {r['number']}" for _, r in drift.iterrows()]
        stale += stale_blocks(root, {"sensitivity": (values, data)}, whole_files=False)
    return stale


def main(argv: list[str] | None = None) -> int:
    """python -m sim.study.golden [--write] [--all] [--workers N] [--root DIR]: check or regenerate."""
    ap = argparse.ArgumentParser(prog="python -m sim.study.golden", description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="regenerate tests/golden.yaml and the published tables")
    ap.add_argument(
        "--all",
        action="store_true",
        help="also the sets too slow for CI (the sensitivity analysis: ~4 more minutes on 2 workers)",
    )
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--root", default=".", help="the repository (default: the current folder)")
    args = ap.parse_args(argv)
    root = Path(args.root)
    with X.make_executor("local", args.workers) as ex:
        results = compute(root, ex, SETS if args.all else CI_SETS)
    if args.write:
        for p in write(root, results):
            print(f"written {p}")
        return 0
    doc = read(root / GOLDEN_FILE)
    table = moved(doc, results)
    stale = check_published(root, results, doc)
    print(report(table), file=sys.stderr if len(table) else sys.stdout)
    if stale:
        print("published tables not regenerated (run `make golden`): " + ", ".join(stale), file=sys.stderr)
    return 1 if len(table) or stale else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


__all__ = ["SETS", "GoldenError", "compute", "moved", "read", "report", "write"]
