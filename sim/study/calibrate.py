"""Calibration by the simulated method of moments (SMM).

Loss(theta) = sum_k e_k(theta)^2, with e_k the error of target k scaled by its
tolerance: (sim - value) / (value * rel_tol), (sim - value) / abs_tol, or for a
documented range the distance outside it over 10 % of the nearest bound (0
inside). `sim` is the mean over R replications that use the same seeds at every
evaluation (common random numbers), so the loss surface is not re-drawn between
candidates. Nelder-Mead (scipy.optimize.minimize) searches the free parameters in
an unbounded transform of their bounds, theta = lo + (hi - lo) / (1 + exp(-x)).
Each evaluation's replications run in parallel on a process pool.

Identification: each free parameter is pinned mainly by one target (`FREE`);
`profiles()` shows it: the loss along each parameter with the others at the
optimum. The result is written to sim/data/calibration.yaml, which
`sim.params` reads for the defaults of the free parameters.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import datetime as dt
import hashlib
import json
import math
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from tqdm import tqdm

from ..core.model import TalentMarket
from ..core.params import Params
from . import batch, provenance
from . import executor as X
from .figures import bands
from .runner import replicate
from .targets import Target, data_path, load_targets, read_at, survey_points


@dataclass(frozen=True)
class FreeParam:
    name: str
    lo: float
    hi: float
    pinned_by: str
    meaning: str


# The free behavioural parameters, their search bounds, the target that pins each, and what they mean.
FREE: tuple[FreeParam, ...] = (
    FreeParam(
        "demand_sales_elasticity",
        0.2,
        1.5,
        "shortage_2023",
        "elasticity of firms' AI head-count targets to AI sales: sets how far hiring falls behind demand",
    ),
    FreeParam(
        "firm_entry_per_growth",
        300.0,
        4000.0,
        "firms_2023",
        "AI firms entering per unit log growth of AI sales (mostly survey coverage growth): sets the firm counts",
    ),
    FreeParam(
        "entry_size_median",
        3.0,
        40.0,
        "workforce_2023",
        "median AI head-count of an entering firm: with entry, sets the 2023 workforce",
    ),
    FreeParam(
        "foreign_offer_rate",
        0.0002,
        0.01,
        "migration_index_2023",
        "quarterly chance of a foreign offer at median skill: sets the outflow, hence the migration index",
    ),
    FreeParam(
        "pandemic_return_boost",
        0.0,
        10.0,
        "migration_index_2020",
        "extra search for Korean jobs by the Korean-born abroad in the pandemic: sets the 2020 net inflow",
    ),
    FreeParam(
        "pandemic_offer_cut",
        0.0,
        0.95,
        "migration_index_2021",
        "share of foreign offers lost to the pandemic's mobility rules: with the return boost, sets 2021-22",
    ),
    FreeParam(
        "return_hazard",
        0.0,
        5.0,
        "stay_rate_1y",
        "rate at which graduates abroad go home just after the degree: sets the stay rate a year on",
    ),
    FreeParam(
        "return_decay_years",
        0.25,
        10.0,
        "stay_rate_5y",
        "how fast that return hazard fades: with the rate, sets the stay rate five years on",
    ),
    FreeParam(
        "study_abroad_rate",
        0.002,
        0.10,
        "kr_abroad_2024",
        "chance a median-skill graduate studies abroad: with the outflow, sets the Korean-born stock abroad",
    ),
    FreeParam(
        "search_abroad_foreign",
        0.005,
        0.5,
        "foreign_share_2024",
        "how often the foreign AI talent Korean firms can reach looks for a Korean job: sets the foreign share",
    ),
    FreeParam(
        "search_otj",
        0.02,
        0.8,
        "job_change_rate_2023",
        "quarterly chance that AI-firm staff look at other jobs: sets the job-to-job rate",
    ),
    FreeParam("gap_median", 1.2, 4.0, "pay_gap_median", "US/Korean pay at median skill"),
    FreeParam("gap_top", 4.0, 20.0, "pay_gap_top", "US/Korean pay at the 99th skill percentile"),
)


def run_values(
    params: dict[str, Any], entropy: int, spawn_key: tuple[int, ...], wanted: tuple[tuple[str, int, int], ...]
) -> list[float]:
    """One run; the outputs `wanted` as (output, year, quarter). Module level: picklable."""
    m = TalentMarket(params=Params.from_dict(params), rng=np.random.SeedSequence(entropy, spawn_key=spawn_key))
    df = m.run()
    m.release()  # else Mesa 3.3 keeps every model of a worker alive (~14 MB a run)
    out = []
    for col, y, q in wanted:
        row = df[(df["year"] == y) & (df["quarter"] == q)]
        out.append(float(row[col].iloc[0]) if len(row) else float("nan"))
    return out


def to_theta(x: np.ndarray) -> np.ndarray:
    lo = np.array([f.lo for f in FREE])
    hi = np.array([f.hi for f in FREE])
    return lo + (hi - lo) / (1.0 + np.exp(-np.clip(x, -30, 30)))


def to_x(theta: np.ndarray) -> np.ndarray:
    lo = np.array([f.lo for f in FREE])
    hi = np.array([f.hi for f in FREE])
    u = np.clip((np.asarray(theta, float) - lo) / (hi - lo), 1e-6, 1 - 1e-6)
    return np.log(u / (1 - u))


class Journal:
    """Evaluations saved as they finish (`<out>.partial/evaluations.jsonl`), so an interrupted
    calibration resumes: the optimiser is deterministic given the losses, so the same command
    replays the same path and takes each saved evaluation instead of recomputing it.

    Line 1 is a header with the digest of everything an evaluation depends on (targets,
    replications, seed, the other parameters, the free parameters' bounds, the code version); a
    journal of another digest is refused. Each further line is one evaluation, {"theta": [...],
    "sims": [[...]]} (replication x target). A last line cut short by a kill is dropped; any other
    unreadable line is refused with its number, never used."""

    def __init__(self, path: Path, digest: str) -> None:
        self.path = path
        self.saved: dict[str, list[list[float]]] = {}
        if path.exists():
            self._read(digest)
        else:
            batch.write_text_atomic(path, json.dumps({"digest": digest}) + "\n")

    def _read(self, digest: str) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise batch.BatchError(f"{self.path}: cannot read the saved evaluations ({e}); remove it") from None
        lines = text.split("\n")
        complete = text.endswith("\n")
        rows = lines[:-1] if complete else lines  # the part after the last newline was cut short
        try:
            head = json.loads(rows[0]) if rows else None
        except ValueError:
            head = None
        if not isinstance(head, dict) or head.get("digest") != digest:
            raise batch.BatchError(
                f"{self.path}: holds evaluations of a different calibration (other targets, settings or "
                f"code); remove its folder to start again, or choose another --out"
            )
        keep = len(rows)
        for n, line in enumerate(rows[1:], start=2):
            try:
                row = json.loads(line)
                key, sims = json.dumps([float(v) for v in row["theta"]]), [[float(v) for v in r] for r in row["sims"]]
            except (ValueError, KeyError, TypeError) as e:
                if n == len(rows) and not complete:
                    keep = n - 1  # cut short by a kill: recomputed
                    break
                raise batch.BatchError(
                    f"{self.path}: line {n} is not a saved evaluation ({type(e).__name__}); remove the "
                    f"file to start again"
                ) from None
            self.saved[key] = sims
        if not complete:  # drop the cut line so appends start on a fresh line
            batch.write_text_atomic(self.path, "\n".join(rows[:keep]) + "\n")

    @staticmethod
    def key(theta: np.ndarray) -> str:
        return json.dumps([float(v) for v in theta])  # repr of a float round-trips exactly

    def add(self, theta: np.ndarray, sims: np.ndarray) -> None:
        k = self.key(theta)
        self.saved[k] = sims.tolist()
        line = json.dumps({"theta": json.loads(k), "sims": sims.tolist()})
        try:
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as e:
            raise batch.BatchError(
                f"{self.path}: cannot save an evaluation ({e.strerror}); the saved ones are kept: fix that "
                f"and run the same command again"
            ) from None


class Evaluator:
    """Loss of a parameter vector: R replications with fixed seeds (common random numbers).
    With a `journal`, evaluations already saved there are taken, not recomputed."""

    def __init__(
        self,
        targets: list[Target],
        replications: int = 6,
        seed: int = 2023,
        workers: int = 2,
        base: Params | None = None,
        executor: cf.Executor | None = None,
        journal: Path | None = None,
    ) -> None:
        self.targets = targets
        self.base = (base or Params()).to_dict()
        self.end_year = max(t.year for t in targets)
        self.seeds = [(int(s.entropy), tuple(s.spawn_key)) for s in np.random.SeedSequence(seed).spawn(replications)]
        self.wanted = tuple((t.output, t.year, t.quarter) for t in targets)
        self.history: list[dict[str, Any]] = []
        self._own = None
        if executor is None and workers > 1:
            executor = self._own = X.process_pool(workers)
        self.executor = executor
        self.journal = Journal(journal, self.digest()) if journal is not None else None

    def digest(self) -> str:
        """What an evaluation depends on (see `Journal`)."""
        doc = {
            "targets": [dataclasses.asdict(t) for t in self.targets],
            "base": self.base,
            "seeds": self.seeds,
            "free": [[f.name, f.lo, f.hi] for f in FREE],
            "code": [provenance.package_version(), provenance.git_commit()],  # not uncommitted edits
        }
        return hashlib.sha256(json.dumps(doc, sort_keys=True, default=str).encode()).hexdigest()

    def close(self) -> None:
        if self._own is not None:
            self._own.shutdown(cancel_futures=True)

    def params_for(self, theta: np.ndarray) -> dict[str, Any]:
        p = dict(self.base)
        for f, v in zip(FREE, theta):
            p[f.name] = float(v)
        p["end_year"] = self.end_year
        return p

    def simulate(self, theta: np.ndarray) -> np.ndarray:
        """Replication x target matrix of simulated values."""
        if self.journal is not None and (got := self.journal.saved.get(Journal.key(theta))) is not None:
            return np.array(got)
        p = self.params_for(theta)
        tasks = [(i, (p, e, k, self.wanted)) for i, (e, k) in enumerate(self.seeds)]
        values = X.collect(X.run_tasks(run_values, tasks, self.executor, timeout=600), "calibration runs")
        sims = np.array([values[i] for i in range(len(self.seeds))])
        if self.journal is not None:
            self.journal.add(theta, sims)
        return sims

    def loss(self, theta: np.ndarray) -> float:
        sims = self.simulate(theta).mean(axis=0)
        errs = np.array([t.error(s) for t, s in zip(self.targets, sims)])
        loss = float(np.sum(errs**2))
        self.history.append({"theta": [float(v) for v in theta], "loss": loss, "sim": sims.tolist()})
        return loss


def fit(ev: Evaluator, start: np.ndarray, max_evals: int = 500, progress: bool = True) -> tuple[np.ndarray, float]:
    """Nelder-Mead on the transformed parameters; returns (theta, loss)."""
    from scipy.optimize import minimize  # scipy.optimize is slow to import: only when fitting

    bar = tqdm(total=max_evals, desc="calibration", unit="eval", disable=not progress)

    def f(x):
        v = ev.loss(to_theta(x))
        bar.update()
        bar.set_postfix(loss=f"{v:.3f}", best=f"{min(h['loss'] for h in ev.history):.3f}")
        return v

    x0 = to_x(start)
    init = np.vstack([x0] + [x0 + 0.6 * np.eye(len(x0))[i] for i in range(len(x0))])
    minimize(
        f,
        x0,
        method="Nelder-Mead",
        options={"maxfev": max_evals, "xatol": 1e-3, "fatol": 1e-4, "initial_simplex": init},
    )
    bar.close()
    best = min(ev.history, key=lambda h: h["loss"])  # the best evaluation, whatever the simplex ended on
    return np.array(best["theta"]), best["loss"]


def profiles(ev: Evaluator, theta: np.ndarray, points: int = 7, span: float = 0.25) -> dict[str, dict[str, list]]:
    """Loss along each free parameter (others at the optimum): value x (1 - span ... 1 + span), clipped to bounds."""
    out = {}
    for i, f in enumerate(FREE):
        vals = np.clip(theta[i] * np.linspace(1 - span, 1 + span, points), f.lo, f.hi)
        losses, by_target = [], []
        for v in vals:
            th = theta.copy()
            th[i] = v
            losses.append(ev.loss(th))
            by_target.append(ev.history[-1]["sim"])
        out[f.name] = {"values": vals.tolist(), "loss": losses, "sim": by_target}
    return out


def check(
    theta: np.ndarray,
    targets: list[Target],
    replications: int = 20,
    seed: int = 99,
    end_year: int = 2030,
    workers: int = 2,
    base: Params | None = None,
    executor: cf.Executor | None = None,
):
    """Run `replications` full runs at theta (fresh seeds); returns (tidy table of runs, Params).

    The check is of the point: every parameter at theta or its default, the intervals Monte-Carlo
    noise only. Posterior draws would mix in the other parameters' uncertainty (and, while the model
    is being recalibrated, a posterior made for the previous model); the posterior-predictive
    check in docs/calibration-results.md is the one with parameter uncertainty."""
    p = dict((base or Params()).to_dict())
    for f, v in zip(FREE, theta):
        p[f.name] = float(v)
    p["end_year"] = max(end_year, *(t.year for t in targets))
    params = Params.from_dict(p)
    runs = replicate(
        params, replications=replications, seed=seed, workers=workers, executor=executor, uncertainty="monte-carlo"
    )
    return runs, params


def summarize_targets(df, targets: list[Target]) -> list[dict[str, Any]]:
    rows = []
    for t in targets:
        vals = np.array([read_at(g, t) for _, g in df.groupby("replication")])
        mean = float(np.mean(vals))
        rows.append(
            {
                **t.identity(),
                "simulated_mean": mean,
                "simulated_lo": float(np.quantile(vals, 0.05)),
                "simulated_hi": float(np.quantile(vals, 0.95)),
                "error": t.error(mean),
                "within": bool(t.within(mean)),
                "source": t.source,
                "level": t.level,
            }
        )
    return rows


def load_calibration(path: Path | None = None) -> dict[str, Any]:
    """The stored calibration (empty if none)."""
    path = path or data_path("calibration.yaml")
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def run(
    replications: int = 6,
    max_evals: int = 500,
    workers: int = 2,
    seed: int = 2023,
    check_replications: int = 20,
    out: Path | None = None,
    docs: Path | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """The whole calibration: fit, profiles, check, files. Returns the stored document."""
    t0 = time.perf_counter()
    targets, oos = load_targets()
    base = Params()
    start = np.array([getattr(base, f.name) for f in FREE], float)
    path = out or data_path("calibration.yaml")
    stage = batch.staging_dir(path)  # evaluations saved as they finish: an interruption resumes
    batch.make_folder(stage, "staging folder")
    with batch.locked(stage):
        journal = stage / "evaluations.jsonl"
        ev = Evaluator(targets, replications=replications, seed=seed, workers=workers, base=base, journal=journal)
        if ev.journal.saved:
            print(f"resuming: {len(ev.journal.saved)} evaluations saved in {journal}", file=sys.stderr)
        try:
            theta, loss = fit(ev, start, max_evals=max_evals, progress=progress)
            n_fit = len(ev.history)
            prof = profiles(ev, theta)
        finally:
            ev.close()
        df, params = check(
            theta, targets + oos, replications=check_replications, seed=seed + 1, workers=workers, base=base
        )
    fitted_rows = summarize_targets(df, targets)
    oos_rows = summarize_targets(df, oos)
    wall = time.perf_counter() - t0
    doc = {
        "version": 1,
        "date_utc": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "code": {"talentsim": provenance.package_version(), "git": provenance.git_commit()},
        "method": "SMM, Nelder-Mead on logit-transformed bounded parameters, common random numbers",
        "seed": seed,
        "replications_per_evaluation": replications,
        "evaluations": n_fit,
        "loss": loss,
        "wall_seconds": round(wall, 1),
        "workers": workers,
        "parameters": {
            f.name: {
                "value": float(v),
                "lo": f.lo,
                "hi": f.hi,
                "start": float(s),
                "pinned_by": f.pinned_by,
                "meaning": f.meaning,
            }
            for f, v, s in zip(FREE, theta, start)
        },
        "check": {
            "replications": check_replications,
            "seed": seed + 1,
            "targets": fitted_rows,
            "out_of_sample": oos_rows,
        },
        "profiles": {
            k: {"values": [round(x, 6) for x in v["values"]], "loss": [round(x, 4) for x in v["loss"]]}
            for k, v in prof.items()
        },
    }
    _write(path, doc)
    if docs is not None:
        write_report(doc, df, prof, params, docs)
    shutil.rmtree(stage, ignore_errors=True)
    return doc


def _write(path: Path, doc: dict[str, Any]) -> None:
    path.write_text(
        "# Written by `talentsim calibrate`; read by sim/params.py for the defaults of the\n"
        "# free parameters. Do not edit by hand: rerun the calibration.\n"
        + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )


def refresh_check(path: Path | None = None, docs: Path | None = None, workers: int = 2) -> dict[str, Any]:
    """Rerun the stored calibration's check at its own values, seed and number of replications
    with the current targets, and write it back (with the report when `docs` is given): for a
    target added or edited after the fit. No parameter moves; with the engine unchanged the rows
    of the targets already there come out the same (the same runs `run` made)."""
    path = path or data_path("calibration.yaml")
    doc = load_calibration(path)
    if not doc:
        raise FileNotFoundError(f"{path}: no stored calibration to refresh; run `talentsim calibrate`")
    targets, oos = load_targets()
    theta = np.array([doc["parameters"][f.name]["value"] for f in FREE], float)
    c = doc["check"]
    df, params = check(
        theta,
        targets + oos,
        replications=int(c["replications"]),
        seed=int(c["seed"]),
        workers=workers,
    )
    c["targets"], c["out_of_sample"] = summarize_targets(df, targets), summarize_targets(df, oos)
    c["refreshed_utc"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    _write(path, doc)
    if docs is not None:
        write_report(doc, df, doc["profiles"], params, docs)
    return doc


def write_report(doc: dict[str, Any], df, prof: dict[str, Any], params: Params, docs: Path) -> None:
    """docs/calibration-results.md and its figures (fit chart 2020-2030, loss profiles)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    points = survey_points()
    figs = docs / "figures"
    figs.mkdir(parents=True, exist_ok=True)
    d = df.assign(scenario="calibrated", point=0)
    d = d[d["year"] <= 2030]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4), dpi=110)
    for ax, col, title in (
        (axes[0], "shortage", "AI staff shortage"),
        (axes[1], "workforce_kr", "AI staff of Korean AI firms"),
    ):
        b = bands(d, col)
        ax.plot(b["time"], b["mean"], lw=1.8, label="model, mean")
        ax.fill_between(b["time"], b["lo"], b["hi"], alpha=0.25, lw=0, label="model, 90% band")
        xs, ys = zip(*points[col])
        ax.plot(xs, ys, "ko", ms=6, label="SPRi/MSIT survey (2020, 2023)")
        ax.set_title(title)
        ax.set_xlabel("year")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(figs / "calibration_fit.png")
    plt.close(fig)

    n = len(prof)
    fig, axes = plt.subplots(2, math.ceil(n / 2), figsize=(12, 5.5), dpi=110)
    for ax, (name, p) in zip(axes.flat, prof.items()):
        ax.plot(p["values"], p["loss"], "o-", ms=3)
        ax.axvline(doc["parameters"][name]["value"], color="k", lw=0.8, ls="--")
        ax.set_title(name, fontsize=9)
        ax.tick_params(labelsize=7)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    fig.suptitle("SMM loss along each free parameter (others at the optimum)", fontsize=10)
    fig.tight_layout()
    fig.savefig(figs / "calibration_profiles.png")
    plt.close(fig)

    lines = [
        "# Calibration results",
        "",
        (
            "Generated by `talentsim calibrate` (do not edit by hand). Method and caveats: "
            "[calibration.md](calibration.md)."
        ),
        "",
        (
            f"- date (UTC): {doc['date_utc']}; code: talentsim {doc['code']['talentsim']}, "
            f"git {str(doc['code']['git'].get('commit'))[:10]}"
        ),
        (
            f"- fit: {doc['evaluations']} evaluations x {doc['replications_per_evaluation']} replications "
            f"(seed {doc['seed']}), loss {doc['loss']:.4f}; wall time {doc['wall_seconds']:.0f} s on "
            f"{doc['workers']} workers"
        ),
        f"- check: {doc['check']['replications']} fresh replications (seed {doc['check']['seed']}), full runs to 2030",
        "",
        "## Free parameters",
        "",
        "| parameter | value | start | bounds | pinned by | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for name, p in doc["parameters"].items():
        lines.append(
            f"| `{name}` | {p['value']:.4g} | {p['start']:.4g} | [{p['lo']:g}, {p['hi']:g}] | "
            f"{p['pinned_by']} | {p['meaning']} |"
        )
    lines += ["", "## Fitted targets", ""] + check_tables(doc["check"])
    lines += [
        "",
        "## Figures",
        "",
        "![fit](figures/calibration_fit.png)",
        "",
        "![profiles](figures/calibration_profiles.png)",
        "",
    ]
    from .posterior_report import keep_block

    path = docs / "calibration-results.md"
    text = keep_block(path.read_text(encoding="utf-8") if path.exists() else "", "\n".join(lines))
    path.write_text(text, encoding="utf-8")  # the posterior section (talentsim posterior) is kept


def target_table(rows: list[dict[str, Any]]) -> list[str]:
    """Markdown table of target rows (`summarize_targets`)."""
    out = [
        "| target | output (year Q) | documented | simulated mean [90% interval] | within | source (level) |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['id']} | `{r['output']}` ({r['year']}Q{r['quarter']}) | {r['target']} | "
            f"{r['simulated_mean']:,.4g} [{r['simulated_lo']:,.4g}, {r['simulated_hi']:,.4g}] | "
            f"{'yes' if r['within'] else '**no**'} | {r['source']} ({r['level']}) |"
        )
    return out


CHECK_BLOCK = "calibration-check"  # the golden-results block of docs/calibration-results.md


def check_tables(check: dict[str, Any]) -> list[str]:
    """The fitted-target and out-of-sample tables of the calibration check, inside the markers that
    `sim.study.golden` regenerates."""
    return (
        [f"<!-- golden:{CHECK_BLOCK} -->"]
        + target_table(check["targets"])
        + ["", "## Out of sample (not fitted)", ""]
        + target_table(check["out_of_sample"])
        + [f"<!-- /golden:{CHECK_BLOCK} -->"]
    )
