"""Batch runs: plan the tasks, run them on any executor, resume after an interruption.

A plan is a list of tasks, one per (scenario, sweep point, replication). The
seeds come from `numpy.random.SeedSequence(seed).spawn(replications)`; every
scenario and sweep point of one command uses the same list, so replication i of
a policy scenario and of its baseline share their random numbers (common random
numbers: differences between them have tight intervals).

Each finished run is written at once to `<out>.partial/runs/<task>.csv`
(atomically), so an interrupted batch loses nothing finished and the same
command resumes where it stopped. When every run is done the results folder is
assembled inside the staging folder and moved into place in one rename: a
results folder either is complete or does not exist.
"""

from __future__ import annotations

import concurrent.futures as cf
import fcntl
import hashlib
import json
import os
import pickle
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core import _alloc, policies
from ..core.model import START_TIME, TalentMarket, first_active_step
from ..core.outputs import OUTPUT_NAMES
from ..core.params import Params
from . import executor as X
from . import i18n, memo, provenance, stats, workbook
from . import scenarios as S
from . import uncertainty as U
from .figures import fan_charts
from .scenarios import MAX_REPLICATIONS, MAX_SEED, Scenario

COMMANDS = ("run", "compare", "sweep")  # the batch commands (also the first part of a results folder's name)
MAX_RUNS = 100_000  # runs in one command (a 10,000-point sweep at 10 replications)


class BatchError(ValueError):
    """A batch cannot start (e.g. its results folder exists); the message says why and what to do."""


@dataclass(frozen=True)
class Task:
    key: str
    scenario: str
    point: int
    labels: tuple[tuple[str, Any], ...]
    params: tuple[tuple[str, Any], ...]
    replication: int
    entropy: int
    spawn_key: tuple[int, ...]
    draw: int = -1  # the posterior draw (uncertainty "posterior"), else -1


@dataclass(frozen=True)
class Plan:
    command: str
    scenarios: tuple[Scenario, ...]
    replications: int
    seed: int
    tasks: tuple[Task, ...]
    uncertainty: str = U.DEFAULT
    posterior_sha256: str = ""  # of sim/data/posterior.json, when uncertainty is "posterior"

    @property
    def digest(self) -> str:
        doc = {
            "command": self.command,
            "replications": self.replications,
            "seed": self.seed,
            "scenarios": [s.resolved_sha256 for s in self.scenarios],
        }
        if self.uncertainty != "monte-carlo":  # Monte-Carlo plans keep the digests (folder names) they had
            doc["uncertainty"] = [self.uncertainty, self.posterior_sha256]
        return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()

    def draws(self) -> list[int]:
        """The posterior draw of each replication ([] for Monte-Carlo plans)."""
        if self.uncertainty != "posterior":
            return []
        by_rep = {t.replication: t.draw for t in self.tasks}
        return [by_rep[r] for r in range(self.replications)]

    def seeds(self) -> list[dict[str, Any]]:
        ss = np.random.SeedSequence(self.seed).spawn(self.replications)
        return [{"replication": i, "entropy": str(s.entropy), "spawn_key": list(s.spawn_key)} for i, s in enumerate(ss)]


@dataclass(frozen=True)
class RunSet:
    """Runs of a command that is not a batch (e.g. `sensitivity`), staged like a batch's: saved
    one by one under `<out>.partial/runs` (`prepare`, `run_plan`) so an interruption resumes.
    `digest` names everything the runs depend on: a staging folder of another digest is refused."""

    command: str
    digest: str
    tasks: tuple[Task, ...]


def shared_seed_notes(
    plan: Plan, loaded: list[Scenario], replications_from_files: bool = True, seed_from_files: bool = True
) -> list[str]:
    """What a command of several files does not take from the later files: one list of seeds
    serves every scenario (paired runs), so replications and seed come from the first file unless
    given on the command line. One note per later file (`loaded`: the scenarios as loaded, before
    the plan gave them its replications and seed) whose own value(s) differ from those used."""
    out = []
    for scn in loaded[1:]:
        own = []
        if replications_from_files and scn.replications != plan.replications:
            own.append(f"{scn.replications} replications")
        if seed_from_files and scn.seed != plan.seed:
            own.append(f"seed {scn.seed}")
        if own:
            out.append(
                f"{scn.name} alone would run {' and '.join(own)}; {plan.command} runs every scenario with "
                f"the first file's ({plan.replications} replications, seed {plan.seed}): one list of seeds "
                f"serves all, so the runs are paired (--replications and --seed choose them)"
            )
    return out


def make_plan(
    command: str,
    scenarios: list[Scenario],
    replications: int | None = None,
    seed: int | None = None,
    uncertainty: str = U.DEFAULT,
) -> Plan:
    """Tasks for `command` ('run', 'compare', 'sweep'); replications and seed default to the
    first scenario's (for compare: the baseline's), and one seed list serves every scenario.
    `uncertainty` "posterior": replication i also takes posterior draw i of `uncertainty.draw_indices`
    (the same in every scenario) for the parameters the scenario does not set itself."""
    U.check_mode(uncertainty)
    if command not in COMMANDS:
        raise BatchError(f"command {S.shown(command)}: allowed: {', '.join(COMMANDS)}")
    if not scenarios:
        raise BatchError("no scenario given")
    first = scenarios[0]
    reps = replications if replications is not None else first.replications
    root = seed if seed is not None else first.seed
    if not 1 <= reps <= MAX_REPLICATIONS:
        raise BatchError(f"--replications = {reps}: allowed: a whole number from 1 to {MAX_REPLICATIONS}")
    if not 0 <= root <= MAX_SEED:
        raise BatchError(f"--seed = {root}: allowed: a whole number from 0 to {MAX_SEED}")
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise BatchError(f"scenario names must differ within one command; got {names}")
    runs = reps * sum(s.n_points for s in scenarios)
    if runs > MAX_RUNS:
        raise BatchError(
            f"{runs:,} runs ({len(scenarios)} scenario(s), {sum(s.n_points for s in scenarios):,} point(s), "
            f"{reps} replication(s)); allowed: at most {MAX_RUNS:,} runs in one command"
        )
    spawned = np.random.SeedSequence(root).spawn(reps)
    post, sha, drawn = None, "", [-1] * reps
    if uncertainty == "posterior":
        post, sha = U.load(), U.posterior_sha256()
        drawn = U.draw_indices(root, reps, len(post.draws))
    tasks = []
    for si, scn in enumerate(scenarios):
        for pi, (labels, params) in enumerate(scn.points()):
            explicit = set(scn.overrides) | {S.param_of(k) for k in labels}
            for r, ss in enumerate(spawned):
                values = params.to_dict()
                if post is not None:
                    values = U.with_draw(values, post.values(drawn[r]), explicit)
                tasks.append(
                    Task(
                        key=f"s{si:02d}-p{pi:04d}-r{r:04d}",
                        scenario=scn.name,
                        point=pi,
                        labels=tuple(labels.items()),
                        params=tuple(values.items()),
                        replication=r,
                        entropy=int(ss.entropy),
                        spawn_key=tuple(ss.spawn_key),
                        draw=drawn[r],
                    )
                )
    fixed = tuple(s.with_options(reps, root) for s in scenarios)
    return Plan(command, fixed, reps, root, tuple(tasks), uncertainty, sha)


def _model(params: tuple[tuple[str, Any], ...], entropy: int, spawn_key: tuple[int, ...]) -> TalentMarket:
    """A task's model: its parameters and its own random stream."""
    return TalentMarket(params=Params.from_dict(dict(params)), rng=np.random.SeedSequence(entropy, spawn_key=spawn_key))


def execute(params: tuple[tuple[str, Any], ...], entropy: int, spawn_key: tuple[int, ...]) -> pd.DataFrame:
    """Run one task (a module-level function, so it pickles to any worker)."""
    model = _model(params, entropy, spawn_key)
    df = model.run()
    model.release()  # else Mesa 3.3 keeps every model of a worker alive
    return df


def policy_start_step(params: Params) -> int:
    """The first step at which a policy of `params` can act: the earliest start date of its
    active policies (`policies.active`; a policy whose switch is zero does nothing whatever its
    start), or of all policies if none is active."""
    return first_active_step(policies.earliest_start(params))


def execute_checkpoint(
    params: tuple[tuple[str, Any], ...], entropy: int, spawn_key: tuple[int, ...], stop: int
) -> tuple[pd.DataFrame, bytes | None]:
    """Run one task and also return the pickled model state after step `stop` (None if stop < 1)."""
    model = _model(params, entropy, spawn_key)
    state = None
    while model.running:
        if model.t == stop:
            state = pickle.dumps(model, protocol=5)
        model.step()
    df = model.results()
    model.release()
    return df, state


def execute_state(params: tuple[tuple[str, Any], ...], entropy: int, spawn_key: tuple[int, ...], stop: int) -> bytes:
    """The pickled model state after step `stop` of one task, as `execute_checkpoint` gives it, without
    running the quarters after it (for a run whose table is already stored)."""
    if stop < 1:
        raise ValueError(f"stop must be a step >= 1, not {stop}")
    model = _model(params, entropy, spawn_key)
    while model.running and model.t < stop:
        model.step()
    if model.t != stop:
        raise ValueError(f"the run ended at step {model.t}, before step {stop}")
    state = pickle.dumps(model, protocol=5)
    model.release()
    return state


def execute_resume(state: bytes, params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    """Continue a pickled run with the policy parameters of `params` (see TalentMarket.with_policies)."""
    _alloc.tune()  # unpickling skips TalentMarket.__init__, which tunes the allocator
    model = pickle.loads(state).with_policies(Params.from_dict(dict(params)))
    model.run_model()
    df = model.results()
    model.release()
    return df


def _write_atomic(df: pd.DataFrame, path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    df.to_csv(tmp, index=False, float_format="%.17g")
    os.replace(tmp, path)


RUN_COLUMNS = frozenset(("step", "year", "quarter", *OUTPUT_NAMES))  # a run's table (TalentMarket.results)


def _read_run(path: Path, task: Task) -> pd.DataFrame:
    """A staged run, checked: a CSV with exactly the run table's columns and one row per quarter of
    the task's horizon (a damaged or foreign file is refused, never used)."""
    try:
        df = pd.read_csv(path)
    except (OSError, ValueError, pd.errors.ParserError) as e:  # EmptyDataError is a ValueError
        raise BatchError(_damaged(path, f"not a readable table: {e}")) from None
    end_year = dict(task.params).get("end_year")
    rows = int(round((int(end_year) + 1 - START_TIME) * 4)) + 1 if end_year is not None else None
    if set(df.columns) != RUN_COLUMNS or len(df.columns) != len(RUN_COLUMNS):
        odd = sorted(set(df.columns) ^ RUN_COLUMNS)[:5]
        raise BatchError(_damaged(path, f"its columns are not a run's (differing: {odd})"))
    if rows is not None and (len(df) != rows or not df["step"].tolist() == list(range(rows))):
        raise BatchError(_damaged(path, f"{len(df)} rows; a run of this task has {rows} (one per quarter)"))
    return df


def _damaged(path: Path, why: str) -> str:
    return (
        f"{path}: a damaged staged run ({why}); remove this file and run the same command again: "
        f"only the missing runs are computed"
    )


def staging_dir(out: Path) -> Path:
    out = results_path(out)
    return out.with_name(out.name + ".partial")


def results_path(out: str | Path) -> Path:
    """The results folder as an absolute, normalized path (`x/../dd` is `dd`: no stray `x/`)."""
    return Path(os.path.abspath(os.fspath(out)))


def make_folder(path: Path, what: str) -> None:
    """Create `path` and any missing parents; on failure remove what was created and raise a
    BatchError naming the path and why (under a file, read-only, /proc, a full disk ...)."""
    missing = []
    p = path
    while not p.exists() and not p.is_symlink():
        missing.append(p)
        p = p.parent
    if p.is_symlink() and not p.exists():
        raise BatchError(f"{p}: a link to nothing; allowed: a folder that can be created for the {what}")
    if not p.is_dir():
        raise BatchError(f"{path}: cannot create the {what} under {p}, which is not a folder; choose another --out")
    created = []
    try:
        for q in reversed(missing):
            q.mkdir()
            created.append(q)
    except OSError as e:
        for q in reversed(created):
            shutil.rmtree(q, ignore_errors=True)
        raise BatchError(f"{path}: cannot create the {what} ({e.strerror}); choose another --out") from None


def prepare(plan: Plan | RunSet, out: Path) -> Path:
    """Check the results folder is free and open (or resume) its staging folder, before any run:
    a results folder that exists (or is a link, even to nothing), or one that cannot be created
    there, is refused with a BatchError."""
    out = results_path(out)
    if out.exists() or out.is_symlink():
        raise BatchError(f"{out}: the results folder exists; choose another --out or remove it")
    stage = staging_dir(out)
    marker = stage / "plan.json"
    if stage.exists():
        try:
            old = json.loads(marker.read_text())
        except (OSError, ValueError):
            old = None  # missing or damaged (e.g. left empty by a full disk)
        runs = list((stage / "runs").glob("*.csv")) if (stage / "runs").is_dir() else []
        if old is None and runs:
            raise BatchError(
                f"{marker}: missing or damaged, so the {len(runs)} saved runs cannot be matched to "
                f"this batch; remove {stage} to start again, or choose another --out"
            )
        if old is not None and (not isinstance(old, dict) or old.get("digest") != plan.digest):
            raise BatchError(f"{stage}: holds runs of a different batch; remove it or choose another --out")
    make_folder(stage / "runs", "results folder")
    try:
        write_text_atomic(
            marker, json.dumps({"digest": plan.digest, "command": plan.command, "tasks": len(plan.tasks)}, indent=2)
        )
    except OSError as e:
        raise BatchError(f"{marker}: cannot write ({e.strerror}); free some space or choose another --out") from None
    return stage


def write_text_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def run_plan(
    plan: Plan | RunSet,
    stage: Path,
    executor: cf.Executor | None = None,
    progress: bool | None = None,
    on_done=None,
    timeout: float | None = None,
) -> dict[str, pd.DataFrame]:
    """Run every task not yet saved in `stage/runs`; returns all runs by task key.

    Each finished run is saved at once. A run that raises does not stop the others: when all
    have finished, its error is written to `stage/failed/<task>.txt` and `executor.RunsFailedError`
    names the failed tasks (the same command retries them; the saved runs are kept).
    `timeout` (seconds, executors only) bounds the wait for the whole batch: a worker that
    dies or hangs raises TimeoutError instead of waiting for ever."""
    runs_dir = stage / "runs"
    todo = [t for t in plan.tasks if not (runs_dir / f"{t.key}.csv").exists()]
    by_key = {t.key: t for t in todo}
    failed = []
    for o in X.run_tasks(
        execute,
        [(t.key, (t.params, t.entropy, t.spawn_key)) for t in todo],
        executor,
        progress=progress,
        desc=plan.command,
        total=len(plan.tasks),
        initial=len(plan.tasks) - len(todo),
        timeout=timeout,
    ):
        if not o.ok:
            failed.append(o)
            continue
        try:
            _write_atomic(o.value, runs_dir / f"{o.key}.csv")
        except OSError as e:
            raise BatchError(
                f"{runs_dir}: cannot save a run ({e.strerror}); the runs saved so far are kept: "
                f"fix that and run the same command again"
            ) from None
        if on_done:
            on_done(by_key[o.key])
    if failed:
        (stage / "failed").mkdir(exist_ok=True)
        for o in failed:
            (stage / "failed" / f"{o.key}.txt").write_text(o.error or "", encoding="utf-8")
        X.raise_failures(failed, f"of {len(plan.tasks)} runs")
    return {t.key: _read_run(runs_dir / f"{t.key}.csv", t) for t in plan.tasks}


def point_labels(plan: Plan) -> pd.DataFrame:
    """The settings of each (scenario, sweep point): one column per swept key (sorted), named as in
    the scenario files' sweep sections and in timeseries.csv (empty without a sweep)."""
    keys = sorted({k for s in plan.scenarios for k in s.sweep})
    rows = [
        {"scenario": s.name, "point": i, **{k: labels.get(k) for k in keys}}
        for s in plan.scenarios
        for i, labels in enumerate(s.grid())
    ]
    return pd.DataFrame(rows, columns=["scenario", "point", *keys])


def with_point_labels(plan: Plan, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (with scenario and point columns) with each point's sweep settings after `point`, so a
    table of a sweep says which settings each of its rows is for; unchanged without a sweep."""
    lab = point_labels(plan)
    keys = [c for c in lab.columns if c not in ("scenario", "point")]
    if not keys or frame.empty:
        return frame
    cols = list(frame.columns)
    at = cols.index("point") + 1
    return frame.merge(lab, on=["scenario", "point"], how="left")[cols[:at] + keys + cols[at:]]


def timeseries(plan: Plan, runs: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every replication, every quarter, every output, with scenario, point, sweep labels and seeds."""
    frames = []
    label_keys = sorted({k for t in plan.tasks for k, _ in t.labels})
    for t in plan.tasks:
        df = runs[t.key].copy()
        head = {"scenario": t.scenario, "point": t.point}
        labels = dict(t.labels)
        for k in label_keys:
            head[k] = labels.get(k)
        head.update(
            {
                "replication": t.replication,
                "seed_entropy": str(t.entropy),
                "seed_spawn_key": "/".join(map(str, t.spawn_key)),
            }
        )
        if plan.uncertainty == "posterior":
            head["posterior_draw"] = t.draw
        for i, (k, v) in enumerate(head.items()):
            df.insert(i, k, v)
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def finalize(stage: Path, out: Path) -> None:
    """Move the assembled results into place in one rename, then drop the staging folder."""
    result = stage / "result"
    os.replace(result, out)
    shutil.rmtree(stage, ignore_errors=True)


def default_out(plan: Plan, root: Path = Path("results")) -> Path:
    """A folder name fixed by the plan, so that rerunning an interrupted command resumes it."""
    names = "-".join(s.name for s in plan.scenarios)[:60]
    return root / f"{plan.command}-{names}-{plan.digest[:8]}"


def run_command(
    plan: Plan,
    out: Path,
    *,
    executor: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    progress: bool | None = None,
    argv: list[str] | None = None,
    memo_years: list[int] | None = None,
    figures: bool = True,
    lang: str = "en",
    headline_year: int | None = None,
) -> Path:
    """Run a plan and write its results folder (timeseries, summary, comparison, policy effects,
    figures, workbook, manifest, memo). The memo and workbook are in `lang`; `headline_year` is the
    year of the memo's headline and the policy table (default `stats.headline_year`). Returns the
    folder. Resumes from `<out>.partial` if present."""
    out = results_path(out)
    stage = prepare(plan, out)
    report = Report(memo_years, figures, lang, headline_year)
    with locked(stage):
        return _run_locked(plan, stage, out, executor, workers, scheduler, progress, argv, report)


@dataclass(frozen=True)
class Report:
    """How a results folder presents its numbers (none of it changes a number)."""

    memo_years: list[int] | None = None
    figures: bool = True
    lang: str = "en"
    headline_year: int | None = None


def run_staged(
    plan: Plan | RunSet,
    stage: Path,
    executor: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    progress: bool | None = None,
) -> dict[str, pd.DataFrame]:
    """`run_plan` on an executor started for the runs still missing (no idle workers); if the
    executor cannot start (e.g. no Dask scheduler at that address) a staging folder with no
    saved run is removed, so nothing is left behind."""
    todo = sum(not (stage / "runs" / f"{t.key}.csv").exists() for t in plan.tasks)
    try:
        with X.make_executor(executor, min(workers, max(todo, 1)), scheduler) as ex:
            return run_plan(plan, stage, ex, progress)
    except X.ExecutorError:
        if not any((stage / "runs").glob("*.csv")):
            shutil.rmtree(stage, ignore_errors=True)
        raise


@contextmanager
def locked(stage: Path) -> Iterator[None]:
    """Hold an exclusive lock on the staging folder: a second command writing the same results
    folder at the same time is refused at once instead of corrupting it."""
    try:
        fh = (stage / ".lock").open("a")
    except OSError as e:
        raise BatchError(f"{stage}: cannot lock ({e.strerror})") from None
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BatchError(
                f"{stage}: another talentsim command is writing these results; wait for it to end, "
                f"or choose another --out"
            ) from None
        yield
    finally:
        fh.close()


def _run_locked(
    plan: Plan,
    stage: Path,
    out: Path,
    executor: str,
    workers: int,
    scheduler: str | None,
    progress: bool | None,
    argv: list[str] | None,
    report: Report,
) -> Path:
    runs = run_staged(plan, stage, executor, workers, scheduler, progress)
    with result_folder(stage, out, len(runs)) as result:
        _assemble(plan, runs, result, executor, workers, argv, report)
    return out


@contextmanager
def result_folder(stage: Path, out: Path, saved: int) -> Iterator[Path]:
    """A fresh `stage/result` to write a command's results in; when the block ends they move to
    `out` in one rename (`finalize`). A write that fails (a full disk, a folder removed meanwhile
    ...) is a BatchError that says the `saved` runs are kept."""
    result = stage / "result"
    try:
        if result.exists():
            shutil.rmtree(result)
        result.mkdir()
        yield result
        finalize(stage, out)
    except OSError as e:
        raise BatchError(
            f"{stage}: cannot write the results ({e.strerror}); the {saved} runs are saved: "
            f"fix that and run the same command again"
        ) from None


def _assemble(
    plan: Plan,
    runs: dict[str, pd.DataFrame],
    result: Path,
    executor: str,
    workers: int,
    argv: list[str] | None,
    report: Report,
) -> None:
    """Write the results folder's files in `result` (a `result_folder`)."""
    ts = timeseries(plan, runs)
    written = []
    version = provenance.package_version()

    def stamped(df: pd.DataFrame) -> pd.DataFrame:  # every table names the version that made it
        return df.assign(talentsim_version=version)[["talentsim_version", *df.columns]]

    stamped(ts).to_csv(result / "timeseries.csv", index=False, float_format="%.17g")
    written.append("timeseries.csv")
    summ = stats.summary(ts)
    stamped(with_point_labels(plan, summ)).to_csv(result / "summary.csv", index=False, float_format="%.10g")
    written.append("summary.csv")
    comp = effects = None
    if plan.command == "compare":
        comp = stats.comparison(ts, plan.scenarios[0].name)
        stamped(with_point_labels(plan, comp)).to_csv(result / "comparison.csv", index=False, float_format="%.10g")
        written.append("comparison.csv")
        effects = stats.policy_effects(ts, plan.scenarios[0].name)
        # at full precision: the CLI prints the policies table from this file, and an interval end
        # at a rounding tie (-8.5 from 4 replications) must round as in the memo (made in memory)
        stamped(with_point_labels(plan, effects)).to_csv(result / "policies.csv", index=False, float_format="%.17g")
        written.append("policies.csv")
    refs = {s.name: r for s in plan.scenarios if (r := s.references())}
    sweep_comp = None
    if refs:  # a sweep that runs its policies off at some points: each point's effect on its settings
        sweep_comp = stats.sweep_comparison(ts, refs)
        stamped(with_point_labels(plan, sweep_comp)).to_csv(
            result / "sweep_effects.csv", index=False, float_format="%.17g"
        )
        written.append("sweep_effects.csv")
    if report.figures:
        (result / "figures").mkdir()
        written += [f"figures/{n}" for n in fan_charts(ts, result / "figures", footer=f"talentsim {version}")]
    (result / "results.xlsx").write_bytes(workbook.workbook_bytes(plan, summ, comp, effects, report.lang, sweep_comp))
    written.append("results.xlsx")
    years = report.memo_years or list(MEMO_YEARS)
    again = [f"talentsim rerun manifest.json --out check/  {i18n.t('rerun_here', report.lang)}"]
    text = memo.memo(
        plan,
        summ,
        comp,
        years,
        lang=report.lang,
        effects=effects,
        year=report.headline_year,
        reproduce=again,
        sweep_comp=sweep_comp,
    )
    (result / "memo.md").write_text(text, encoding="utf-8")
    written.append("memo.md")
    provenance.write_json(result / "manifest.json", provenance.manifest(plan, argv or [], executor, workers, written))


MEMO_YEARS = (2025, 2030, 2035)  # the years of the memo's tables (and the terminal's) unless --memo-years

MAX_MANIFEST_BYTES = 64 * 1024 * 1024  # a 10,000-point sweep's manifest is ~30 MB


def manifest_document(path: Path) -> dict[str, Any]:
    """A manifest's JSON mapping, read within the size limit; anything else (not a regular file,
    too large, not UTF-8 JSON, nested too deeply, not a mapping) is refused with `ScenarioError`."""
    raw = S.read_limited(path, "manifest", MAX_MANIFEST_BYTES)

    def bad(why: str) -> S.ScenarioError:
        return S.ScenarioError(f"{path}: not a verified talentsim manifest: {why}")

    try:
        man = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise bad("nested too deeply") from None
    except (UnicodeDecodeError, ValueError) as e:
        raise bad(f"not JSON ({S.shown(str(e))})") from None
    if not isinstance(man, dict):
        raise bad(f"a {type(man).__name__}, not a mapping")
    return man


def read_manifest(path: Path) -> tuple[str, int, int, list, str]:
    """(command, replications, seed, scenarios, uncertainty) of a manifest, verified before it is used.

    Refused with `ScenarioError` (naming the manifest and the entry) when: it is not a regular JSON
    file within the size limit; a required entry is missing or of the wrong type; a source file's
    content does not match its recorded SHA-256; a scenario's resolved document does not match
    its recorded hash, or does not follow from its source files (bases applied in order); or the
    seeds listed are not those of the root seed. So an edited manifest (a share changed from 0.5
    to 0.9) cannot rerun as if it were the original, nor be cited with the original file's hash.
    A scenario recorded without source files is checked against its own hash only.
    """
    path = Path(path)
    man = manifest_document(path)

    def bad(why: str) -> S.ScenarioError:
        return S.ScenarioError(f"{path}: not a verified talentsim manifest: {why}")

    for key, kind in (("command", str), ("replications", int), ("seed", int), ("scenarios", list), ("seeds", list)):
        if not isinstance(man.get(key), kind) or isinstance(man.get(key), bool):
            raise bad(f"'{key}' is missing or not a {kind.__name__}")
    scns = []
    for i, s in enumerate(man["scenarios"]):
        where = f"scenarios[{i}]"
        if (
            not isinstance(s, dict)
            or not isinstance(s.get("resolved"), dict)
            or not isinstance(s.get("files", []), list)
        ):
            raise bad(f"{where}: needs a 'resolved' mapping and a 'files' list")
        files = []
        for j, f in enumerate(s.get("files", [])):
            if not (isinstance(f, dict) and all(isinstance(f.get(k), str) for k in ("path", "sha256", "content"))):
                raise bad(f"{where}.files[{j}]: needs 'path', 'sha256' and 'content' texts")
            if hashlib.sha256(f["content"].encode("utf-8")).hexdigest() != f["sha256"]:
                raise bad(
                    f"{where}.files[{j}] ({S.shown(f['path'])}): its content does not match its SHA-256 "
                    f"(the manifest was edited)"
                )
            files.append(S.SourceFile(f["path"], f["sha256"], f["content"]))
        resolved = s["resolved"]
        if hashlib.sha256(json.dumps(resolved, sort_keys=True).encode()).hexdigest() != s.get("resolved_sha256"):
            raise bad(f"{where}.resolved: does not match its resolved_sha256 (the manifest was edited)")
        scn = S.from_document(resolved, tuple(files), path)
        if files:
            docs = [S.parse_text(f.content, f.path) for f in files]
            if any(not d.get("base") for d in docs[:-1]) or docs[-1].get("base"):
                raise bad(f"{where}.files: not a chain of bases (each file but the last names a base)")
            from_files = S.from_document(S.merge_chain(docs), tuple(files), path).with_options(
                scn.replications, scn.seed
            )
            if from_files.resolved() != scn.resolved():
                raise bad(f"{where}.resolved: does not follow from its source files (the manifest was edited)")
        scns.append(scn)
    command, reps, seed = man["command"], man["replications"], man["seed"]
    if command not in COMMANDS:
        raise bad(f"'command' {S.shown(command)}: allowed: {', '.join(COMMANDS)}")
    mode = man.get("uncertainty", "monte-carlo")  # manifests before posterior draws: Monte-Carlo
    if mode not in U.MODES:
        raise bad(f"'uncertainty' {S.shown(mode)}: allowed: {', '.join(U.MODES)}")
    if mode == "posterior":
        rec = man.get("posterior")
        if not isinstance(rec, dict) or not isinstance(rec.get("sha256"), str):
            raise bad("'posterior' is missing or has no 'sha256'")
        if rec["sha256"] != U.posterior_sha256():
            raise S.ScenarioError(
                f"{path}: made with another posterior (sha256 {rec['sha256'][:12]}...; this installation's "
                f"sim/data/posterior.json is {U.posterior_sha256()[:12]}...): its numbers can only be repeated "
                f"with the talentsim version it names ({S.shown(man.get('talentsim_version'))})"
            )
    plan = make_plan(command, scns, reps, seed, mode)  # validates command, replications and seed
    if plan.seeds() != man["seeds"]:
        raise bad("'seeds' are not those of its root seed and replications (the manifest was edited)")
    if mode == "posterior" and plan.draws() != man["posterior"].get("draws"):
        raise bad("'posterior.draws' are not those of its root seed (the manifest was edited)")
    return command, reps, seed, scns, mode
