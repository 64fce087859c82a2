"""`talentsim` command line: thin over the study layer (scenarios, batch, runner, calibrate,
sensitivity, golden).

Exit status: 0 done; 1 some runs failed (the others are kept; the same command retries them);
2 bad input (a clear message, no traceback, no results folder);
130 interrupted (finished runs are kept; the same command resumes).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from ..core.model import START_YEAR
from ..core.outputs import HEADLINE
from ..core.params import Params
from . import batch, calibrate, design, memo, scenarios, stats, uncertainty
from . import executor as X
from . import sensitivity as sa
from .executor import ExecutorError, RunsFailedError
from .labels import QUANTITIES, headline_interval_table
from .provenance import package_version
from .runner import replicate, summarize

__version__ = package_version()

EXIT_RUN_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


MAX_WORKERS = 64


def _whole_number(minimum: int, maximum: int):
    """An argparse type: a whole number from minimum to maximum, with a clear message otherwise."""

    def parse(text: str) -> int:
        shown = text if len(text) <= 40 else text[:40] + "…"
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{shown!r} is not a whole number; allowed: {minimum} to {maximum}"
            ) from None
        if not minimum <= v <= maximum:
            raise argparse.ArgumentTypeError(f"{shown} is outside the allowed range {minimum} to {maximum}")
        return v

    return parse


_positive = _whole_number(1, scenarios.MAX_REPLICATIONS)  # replications, evaluations
_seed = _whole_number(0, scenarios.MAX_SEED)
_workers = _whole_number(1, MAX_WORKERS)


def _baseline(args: argparse.Namespace) -> int:
    first, last = START_YEAR, Params().end_year  # the baseline's horizon
    bad = [y for y in args.years if not first <= y <= last]
    if bad:  # before any run (the years were dropped silently and every year printed)
        raise batch.BatchError(
            f"--years {' '.join(map(str, bad))}: allowed: years from {first} to {last} (the horizon)"
        )
    df = replicate(
        None,
        replications=args.replications,
        seed=args.seed,
        workers=args.workers,
        progress=args.progress,
        uncertainty=args.uncertainty,
    )
    summary = summarize(df, [c for c in HEADLINE if c in QUANTITIES])
    years = [y for y in args.years if y in set(summary.year)] or sorted(set(summary.year))
    table = headline_interval_table(summary, args.lang).loc[years]
    if args.lang == "ko":
        print(
            f"talentsim {__version__} 기준 시나리오: 반복 실행 {args.replications}회, 시드 {args.seed} "
            f"(SeedSequence spawn), 1:1 규모. 평균 [90% 구간], 4분기 값; 흐름은 그해 합계. "
            + uncertainty.describe(args.uncertainty, "ko")
        )
    else:
        print(
            f"talentsim {__version__} baseline: {args.replications} replication{'s' if args.replications != 1 else ''} "
            f"from seed {args.seed} "
            f"(SeedSequence spawn), 1:1 scale. Mean [90% interval] at Q4; flows over the year. "
            + uncertainty.describe(args.uncertainty)
        )
    # Korean text is two columns wide in a terminal: pandas pads it so the columns line up
    with pd.option_context(
        "display.max_columns", None, "display.width", 250, "display.unicode.east_asian_width", args.lang == "ko"
    ):
        print(table.T.to_string())
    return 0


def _batch(args: argparse.Namespace, command: str, files: list[str]) -> int:
    scns = [scenarios.load(f) for f in files]
    if command == "sweep" and not scns[0].sweep:
        raise scenarios.ScenarioError(
            f"{files[0]}: sweep: missing; `talentsim sweep` needs a 'sweep' section "
            f"(use `talentsim run` for a single point)"
        )
    plan = batch.make_plan(command, scns, args.replications, args.seed, args.uncertainty)
    for note in batch.shared_seed_notes(plan, scns, args.replications is None, args.seed is None):
        print(f"talentsim: note: {note}", file=sys.stderr)
    return _execute(args, plan)


def _execute(args: argparse.Namespace, plan) -> int:
    first, last = START_YEAR, min(s.end_year for s in plan.scenarios)
    if args.memo_years:
        bad = [y for y in args.memo_years if not first <= y <= last]
        if bad:
            raise batch.BatchError(
                f"--memo-years {' '.join(map(str, bad))}: allowed: years from {first} to {last} (the horizon)"
            )
    if args.year is not None and not first <= args.year <= last:
        raise batch.BatchError(f"--year {args.year}: allowed: a year from {first} to {last} (the horizon)")
    out = batch.results_path(args.out) if args.out else batch.default_out(plan)
    batch.prepare(plan, out)  # bad --out fails here, before any run
    n = len(plan.tasks)
    print(
        f"talentsim {__version__}: {plan.command} of {', '.join(s.name for s in plan.scenarios)}: "
        f"{n} runs ({plan.replications} replications, seed {plan.seed}), executor {args.executor}, "
        f"{args.workers} worker(s) -> {out}",
        file=sys.stderr,
    )
    try:
        batch.run_command(
            plan,
            out,
            executor=args.executor,
            workers=args.workers,
            scheduler=args.scheduler,
            progress=None if args.progress is None else args.progress,
            argv=sys.argv,
            memo_years=args.memo_years,
            lang=args.lang,
            headline_year=args.year,
        )
    except KeyboardInterrupt:
        done = len(list((batch.staging_dir(out) / "runs").glob("*.csv")))
        print(
            f"\ninterrupted: {done} of {n} runs are saved in {batch.staging_dir(out)}; "
            f"run the same command again to resume",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    print(f"written {out}")
    if plan.command == "compare":  # the policies side by side, as the memo shows them
        effects = pd.read_csv(out / "policies.csv")
        year = args.year if args.year is not None else stats.headline_year(last)
        note = memo.reference_note(plan, args.lang)
        print("\n".join(["", *([note, ""] if note else []), *memo.effects_table(plan, effects, year, args.lang)]))
    else:  # run, sweep: each scenario's results as the memo shows them
        summ = pd.read_csv(out / "summary.csv")
        years = args.memo_years or list(batch.MEMO_YEARS)
        eff = out / "sweep_effects.csv"  # a sweep with points that run the policies off
        sweep_comp = pd.read_csv(eff) if eff.exists() else None
        print("\n".join(memo.scenario_results(plan, summ, years, args.lang, args.year, sweep_comp)))
    return 0


def _run(args):
    return _batch(args, "run", args.files)


def _compare(args):
    return _batch(args, "compare", [args.baseline] + args.scenarios)


def _sweep(args):
    return _batch(args, "sweep", [args.file])


def recorded_memo_options(argv: Any) -> dict[str, Any]:
    """The memo options (`--lang`, `--year`, `--memo-years`) of the command a manifest records in
    `argv` (its command line), those with valid values; anything else in it is ignored."""
    if not isinstance(argv, list) or not all(isinstance(a, str) for a in argv):
        return {}
    toks: list[str] = []
    for a in argv:  # --lang=ko is --lang ko
        toks.extend(a.split("=", 1) if a.startswith("--") and "=" in a else [a])
    out: dict[str, Any] = {}
    for i, a in enumerate(toks):
        rest = toks[i + 1 :]
        if a == "--lang" and rest and rest[0] in ("en", "ko"):
            out["lang"] = rest[0]
        elif a == "--year" and rest and rest[0].isdigit():
            out["year"] = int(rest[0])
        elif a == "--memo-years":
            years = list(itertools.takewhile(str.isdigit, rest))
            if years:
                out["memo_years"] = [int(y) for y in years]
    return out


def _rerun(args: argparse.Namespace) -> int:
    path = Path(args.manifest)
    # the memo as the recorded command wrote it (its language, headline year and years), unless
    # given again here; the numbers come from the manifest whatever these say
    try:
        doc = batch.manifest_document(path)
    except scenarios.ScenarioError:
        doc = {}  # an unreadable manifest: the readers below refuse it and say why
    recorded = recorded_memo_options(doc.get("argv"))
    for key in ("lang", "year", "memo_years"):
        if getattr(args, key) is None:
            setattr(args, key, recorded.get(key))
    args.lang = args.lang or "en"
    if doc.get("command") == "design":
        return _run_design(args, design.read_manifest(path))
    command, reps, seed, scns, mode = batch.read_manifest(path)  # verified, or refused
    plan = batch.make_plan(command, scns, reps, seed, mode)
    return _execute(args, plan)


def _design(args: argparse.Namespace) -> int:
    d = design.load(args.file).with_options(evaluations=args.evaluations, draws=args.draws, seed=args.seed)
    return _run_design(args, d)


def _run_design(args: argparse.Namespace, d: design.Design) -> int:
    out = (
        batch.results_path(args.out)
        if args.out
        else batch.results_path(Path("results") / f"design-{d.name}-{d.digest[:8]}")
    )
    batch.prepare(batch.RunSet("design", d.digest, ()), out)  # a bad --out fails here, before any run
    print(
        f"talentsim {__version__}: design {d.name}: {d.evaluations} candidates x {d.draws} draws "
        f"(seed {d.seed}), {len(d.levers)} levers, executor {args.executor}, {args.workers} worker(s) -> {out}",
        file=sys.stderr,
    )
    with X.make_executor(args.executor, args.workers, args.scheduler) as ex:
        result = design.search(d, ex, progress=args.progress, stage=batch.staging_dir(out))  # resumable
    design.write(result, out, sys.argv, args.executor, args.workers, args.lang)
    print(design.memo_text(result, args.lang))
    print(f"written {out}")
    if result.recommended is None:
        what = (
            f"no mix of the levers held the goal within the budget on fresh draws ({len(result.verified)} "
            f"re-checked of {len(result.candidates)} candidates)"
            if result.none_held
            else f"no mix of the levers met the goal within the budget ({len(result.candidates)} candidates)"
        )
        over = design.over_budget(result)
        if over is not None:
            cost = over["cost_bn_per_year"]
            what += f"; met only above the budget (the cheapest that met it: {cost:,.0f} bn KRW a year)"
        print(f"talentsim: error: design {d.name}: {what}; the closest is in {out / 'memo.md'}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def _posterior(args: argparse.Namespace) -> int:
    from . import posterior  # sbi and torch: only when asked for

    settings = posterior.Settings(
        rounds=tuple(args.rounds),
        held_out=args.held_out,
        draws=args.draws,
        predictive=args.predictive,
        seed=args.seed,
        workers=args.workers,
        progress=not args.no_progress,
    )
    out = Path(args.out) if args.out else None
    if args.refresh_predictive:  # the stored draws' predictive table with the current targets; no inference
        doc = posterior.refresh_predictive(workers=args.workers, progress=not args.no_progress, out=out)
    else:
        doc = posterior.run(settings, out=out)
    if not args.no_docs and out is None:
        from . import posterior_report

        posterior_report.write_report(doc, Path("docs"))
    prov = doc["provenance"]
    if args.refresh_predictive:
        print(f"predictive table rerun from the first {prov.get('predictive', 200)} stored draws; no inference")
    else:
        print(f"{prov['simulations']} simulations, {prov['wall_seconds']:.0f} s; {len(doc['draws'])} draws written")
    for r in doc["predictive"]:
        print(
            f"  {r['id']:24s} {r['target']:>22s}  predictive {r['mean']:12.5g} [{r['lo']:.5g}, {r['hi']:.5g}]  "
            f"{'ok' if r['inside'] else 'MISS'}{'' if r['conditioned'] else ' (not conditioned on)'}"
        )
    return 0


def _calibrate(args: argparse.Namespace) -> int:
    if args.refresh_check:  # the stored point's check with the current targets; nothing is refitted
        doc = calibrate.refresh_check(docs=None if args.no_docs else Path("docs"), workers=args.workers)
        _print_check(doc)
        return 0
    if args.out:  # checked before the fit (~6 minutes), not after it
        target = batch.results_path(args.out)
        if target.is_dir() or not target.parent.is_dir():
            raise batch.BatchError(f"{target}: --out must be a file in an existing folder")
        existed = target.exists()
        try:
            with target.open("a", encoding="utf-8"):
                pass
        except OSError as e:
            raise batch.BatchError(f"{target}: cannot write there ({e.strerror}); choose another --out") from None
        if not existed:
            target.unlink()
    doc = calibrate.run(
        replications=args.replications,
        max_evals=args.max_evals,
        workers=args.workers,
        seed=args.seed,
        check_replications=args.check_replications,
        out=Path(args.out) if args.out else None,
        docs=None if args.no_docs or args.out else Path("docs"),  # --out: a trial, the docs stay as they are
        progress=not args.no_progress,
    )
    print(f"loss {doc['loss']:.4f} after {doc['evaluations']} evaluations; {doc['wall_seconds']:.0f} s")
    for name, p in doc["parameters"].items():
        print(f"  {name:22s} {p['value']:.5g}   (start {p['start']:.5g}; pinned by {p['pinned_by']})")
    _print_check(doc)
    return 0


def _print_check(doc: dict) -> None:
    for r in doc["check"]["targets"] + doc["check"]["out_of_sample"]:
        print(
            f"  {r['id']:24s} target {r['target']:>22s}  simulated {r['simulated_mean']:12.5g} "
            f"[{r['simulated_lo']:.5g}, {r['simulated_hi']:.5g}]  {'ok' if r['within'] else 'MISS'}"
        )


def _sensitivity(args: argparse.Namespace) -> int:
    scn = scenarios.load(args.file)
    names = args.params.split(",") if args.params else [u.name for u in sa.UNCERTAIN]
    known = {u.name: u for u in sa.UNCERTAIN}
    bad = [n for n in names if n not in known]
    if bad:
        raise scenarios.ScenarioError(
            f"--params: {[scenarios.shown(n) for n in bad][:5]} are not uncertain parameters; "
            f"allowed: {', '.join(known)}"
        )
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise scenarios.ScenarioError(f"--params: {', '.join(twice)} given more than once; allowed: each once")
    last_year = scenarios.PARAM_FIELDS["end_year"].metadata["hi"]
    if not 2021 <= args.year <= last_year:
        raise scenarios.ScenarioError(f"--year {args.year}: allowed: a year from 2021 to {last_year}")
    params = tuple(known[n] for n in names)
    # every argument and the results folder are checked before the runs: nothing is computed for
    # results that could not be written
    out = (
        batch.results_path(args.out)
        if args.out
        else batch.results_path(Path("results") / f"sensitivity-{scn.name}-{args.method}-{args.n}")
    )
    X = sa.sample(args.method, params, args.n, args.seed)
    plan = sa.plan_points(scn, params, X, args.year, args.seed, args.method)
    stage = batch.prepare(plan, out)  # a results folder that exists or cannot be made: refused here
    with batch.locked(stage):
        saved = sum((stage / "runs" / f"{t.key}.csv").exists() for t in plan.tasks)
        print(
            f"talentsim {__version__}: {args.method} sensitivity of {scn.name} ({len(X)} points x 2 runs, "
            f"{len(params)} parameters, outputs at {args.year}Q4) -> {out}"
            + (f"; resuming: {saved} of {len(plan.tasks)} runs saved" if saved else ""),
            file=sys.stderr,
        )
        runs = batch.run_staged(plan, stage, args.executor, args.workers, args.scheduler, args.progress)
        table = sa.table_of_runs(params, X, args.year, runs)
        result = sa.analyze(args.method, params, X, table, args.seed)
        with batch.result_folder(stage, out, len(runs)) as tmp:
            table.to_csv(tmp / "points.csv", index=False)
            result.to_csv(tmp / "indices.csv", index=False)
            sa.chart(result, args.method, tmp / "indices.png", f"{args.method} sensitivity: {scn.name}, {args.year}Q4")
            (tmp / "manifest.json").write_text(
                json.dumps(
                    {
                        "talentsim_version": __version__,
                        "command": sys.argv,
                        "scenario": scn.resolved(),
                        "scenario_sha256": scn.files[0].sha256 if scn.files else scn.resolved_sha256,
                        "method": args.method,
                        "n": args.n,
                        "points": len(X),
                        "seed": args.seed,
                        "year": args.year,
                        "parameters": [{"name": u.name, "lo": u.lo, "hi": u.hi, "why": u.why} for u in params],
                    },
                    indent=2,
                )
            )
    # the same tables as docs/sensitivity.md (the full indices are in indices.csv)
    if args.method == "morris":
        lines = sa.morris_table(result, {c: float(table[c].mean()) for c in sa.OUTPUT_LABELS})
    else:
        lines = sa.sobol_table(result, [u.name for u in params])
    print("\n".join(lines))
    print(f"written {out}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    text = json.dumps(design.json_schema() if args.design else scenarios.json_schema(), indent=2)
    if args.out:
        try:
            Path(args.out).write_text(text + "\n", encoding="utf-8")
        except OSError as e:
            raise batch.BatchError(
                f"{args.out}: cannot write the schema ({e.strerror}); choose another --out"
            ) from None
        print(f"written {args.out}")
    else:
        print(text)
    return 0


def _batch_options(p: argparse.ArgumentParser, rerun: bool = False) -> None:
    """The options of run, compare and sweep (and rerun: `rerun`, whose memo options default to
    the recorded command's)."""
    recorded = " (rerun: default the recorded command's)" if rerun else ""
    p.add_argument(
        "--replications",
        type=_positive,
        default=None,
        help="independent runs per scenario (default: the scenario file's, else 30)",
    )
    p.add_argument(
        "--seed",
        type=_seed,
        default=None,
        help="root seed; replication i uses SeedSequence(seed).spawn(n)[i] in every scenario "
        "(default: the first scenario's, else 20200601)",
    )
    p.add_argument("--workers", type=_workers, default=2, help="worker processes (default %(default)s)")
    p.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="local: processes on this machine (default); dask: a Dask distributed cluster",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="Dask scheduler address (tcp://host:port); without it --executor dask starts a "
        "LocalCluster with --workers workers",
    )
    p.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help="results folder (must not exist; default results/<command>-<names>-<plan hash>); "
        "an interrupted command resumes from DIR.partial",
    )
    p.add_argument(
        "--memo-years",
        type=int,
        nargs="+",
        default=None,
        help="years in memo.md, within the horizon (default: 2025, 2030, 2035, those within the horizon)" + recorded,
    )
    p.add_argument(
        "--lang",
        choices=("en", "ko"),
        default="en",
        help="language of memo.md and results.xlsx: en (default) or ko (Korean; money in 억원/조원)" + recorded,
    )
    p.add_argument(
        "--year",
        type=int,
        default=None,
        help="year of the memo's headline and of the policy table a comparison prints "
        f"(default {stats.HEADLINE_YEAR}, or the last year of a shorter horizon)" + recorded,
    )
    g = p.add_mutually_exclusive_group()
    g.add_argument(
        "--progress",
        dest="progress",
        action="store_true",
        default=None,
        help="always show the progress bar (default: when writing to a terminal)",
    )
    g.add_argument("--no-progress", dest="progress", action="store_false", help="never show it")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="talentsim", description="Agent-based model of Korea's AI talent market.")
    ap.add_argument("--version", action="version", version=f"talentsim {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    r = sub.add_parser("run", help="run scenario files; results folder with timeseries, summary, figures, memo")
    r.add_argument("files", nargs="+", metavar="FILE", help="scenario YAML files")
    _batch_options(r)
    r.set_defaults(func=_run)

    c = sub.add_parser("compare", help="run a baseline and scenarios with paired seeds; adds comparison.csv")
    c.add_argument("baseline", metavar="BASELINE", help="the baseline scenario file")
    c.add_argument("scenarios", nargs="+", metavar="SCENARIO", help="scenario files to compare with it")
    _batch_options(c)
    c.set_defaults(func=_compare)

    s = sub.add_parser("sweep", help="run every point of a scenario file's sweep grid")
    s.add_argument("file", metavar="FILE", help="a scenario file with a 'sweep' section")
    _batch_options(s)
    s.set_defaults(func=_sweep)

    for sp in (r, c, s):
        sp.add_argument(
            "--uncertainty",
            choices=uncertainty.MODES,
            default=uncertainty.DEFAULT,
            help="monte-carlo: intervals from the model's randomness at the calibrated parameters; posterior: "
            "each replication also takes a posterior draw of the parameters (default %(default)s)",
        )

    m = sub.add_parser("rerun", help="rerun the command a manifest.json records (identical numbers)")
    m.add_argument("manifest", metavar="MANIFEST", help="a results folder's manifest.json")
    _batch_options(m, rerun=True)
    m.set_defaults(func=_rerun, replications=None, seed=None, lang=None)  # lang: the recorded command's

    k = sub.add_parser(
        "calibrate",
        help="fit the free parameters to the documented figures (SMM); "
        "writes sim/data/calibration.yaml and docs/calibration-results.md",
    )
    k.add_argument(
        "--replications", type=_positive, default=6, help="replications per evaluation (default %(default)s)"
    )
    k.add_argument("--max-evals", type=_positive, default=500, help="optimizer evaluations (default %(default)s)")
    k.add_argument("--workers", type=_workers, default=2, help="worker processes (default %(default)s)")
    k.add_argument("--seed", type=_seed, default=2023, help="seed of the common random numbers (default %(default)s)")
    k.add_argument(
        "--check-replications",
        type=_positive,
        default=20,
        help="fresh replications for the final check (default %(default)s)",
    )
    k.add_argument(
        "--out",
        metavar="FILE",
        default=None,
        help="write here instead of sim/data/calibration.yaml (a trial run: docs/ is not written)",
    )
    k.add_argument("--no-docs", action="store_true", help="do not write docs/calibration-results.md and figures")
    k.add_argument("--no-progress", action="store_true", help="no progress bar")
    k.add_argument(
        "--refresh-check",
        action="store_true",
        help="no fit: rerun the stored calibration's check (its values, seed and replications) with the "
        "current targets, for a target added after the fit (a minute)",
    )
    k.set_defaults(func=_calibrate)

    q = sub.add_parser(
        "posterior",
        help="a posterior over the uncertain parameters (TSNPE with sbi; needs the [posterior] extra); "
        "writes sim/data/posterior.json and the posterior part of docs/calibration-results.md",
    )
    q.add_argument(
        "--rounds",
        type=_positive,
        nargs="+",
        default=[1200, 1200, 1200],
        help="simulations per round (default %(default)s)",
    )
    q.add_argument(
        "--held-out", type=_positive, default=200, help="held-out simulations for coverage (default %(default)s)"
    )
    q.add_argument("--draws", type=_positive, default=1000, help="posterior draws stored (default %(default)s)")
    q.add_argument("--predictive", type=_positive, default=200, help="posterior-predictive runs (default %(default)s)")
    q.add_argument("--workers", type=_workers, default=2, help="worker processes (default %(default)s)")
    q.add_argument("--seed", type=_seed, default=2024, help="seed (default %(default)s)")
    q.add_argument(
        "--out", metavar="FILE", default=None, help="write here instead of sim/data/posterior.json (a trial)"
    )
    q.add_argument("--no-docs", action="store_true", help="do not write the report")
    q.add_argument("--no-progress", action="store_true", help="no progress bar")
    q.add_argument(
        "--refresh-predictive",
        action="store_true",
        help="no inference: rerun the posterior-predictive table from the stored draws and seed with the "
        "current targets, for a target added after the fit (a minute; without the [posterior] extra)",
    )
    q.set_defaults(func=_posterior)

    v = sub.add_parser(
        "sensitivity", help="global sensitivity (Morris or Sobol) of a policy's effects to the uncertain parameters"
    )
    v.add_argument("file", metavar="FILE", help="the policy scenario (compared with itself, all policies off)")
    v.add_argument(
        "--method",
        choices=("morris", "sobol"),
        default="morris",
        help="morris: screening, cheap (points = n x (k+1)); sobol: variance shares with confidence "
        "intervals (points = n x (k+2)); default %(default)s",
    )
    v.add_argument(
        "--n", type=_positive, default=10, help="Morris trajectories or Sobol base points (default %(default)s)"
    )
    v.add_argument("--params", default=None, help="comma-separated subset of the uncertain parameters (default: all)")
    v.add_argument("--year", type=int, default=2030, help="year whose Q4 values are analysed (default %(default)s)")
    v.add_argument("--seed", type=_seed, default=7, help="seed of the sampling and of the runs (default %(default)s)")
    v.add_argument("--workers", type=_workers, default=2, help="worker processes (default %(default)s)")
    v.add_argument("--executor", choices=("local", "dask"), default="local", help="local (default) or dask")
    v.add_argument("--scheduler", metavar="ADDRESS", default=None, help="Dask scheduler address")
    v.add_argument("--out", metavar="DIR", default=None, help="results folder (must not exist)")
    v.add_argument("--no-progress", dest="progress", action="store_false", default=None, help="no progress bar")
    v.set_defaults(func=_sensitivity)

    g = sub.add_parser(
        "design",
        help="search for the cheapest mix of policy levers that meets a goal (a design file); "
        "results folder with the candidates, the Pareto front, the recommended mix and a memo",
    )
    g.add_argument("file", metavar="FILE", help="a design file (scenarios/design-*.yaml)")
    g.add_argument("--evaluations", type=_positive, default=None, help="candidates to evaluate (default: the file's)")
    g.add_argument("--draws", type=_whole_number(2, design.MAX_DRAWS), default=None, help="draws per candidate")
    g.add_argument("--seed", type=_whole_number(0, scenarios.MAX_SEED - 1), default=None, help="seed of the search")
    g.add_argument("--workers", type=_workers, default=2, help="worker processes (default %(default)s)")
    g.add_argument("--executor", choices=("local", "dask"), default="local", help="local (default) or dask")
    g.add_argument("--scheduler", metavar="ADDRESS", default=None, help="Dask scheduler address")
    g.add_argument("--out", metavar="DIR", default=None, help="results folder (must not exist)")
    g.add_argument("--lang", choices=("en", "ko"), default="en", help="language of memo.md (default en)")
    g.add_argument("--no-progress", dest="progress", action="store_false", default=None, help="no progress bar")
    g.set_defaults(func=_design)

    j = sub.add_parser("schema", help="print (or write) the JSON Schema of scenario files (or design files)")
    j.add_argument("--out", metavar="FILE", default=None, help="write to FILE instead of printing")
    j.add_argument("--design", action="store_true", help="the schema of design files instead")
    j.set_defaults(func=_schema)

    b = sub.add_parser("baseline", help="run the baseline and print headline results by year with 90%% intervals")
    b.add_argument("--seed", type=_seed, default=20200601, help="root random seed (default %(default)s)")
    b.add_argument("--replications", type=_positive, default=10, help="independent runs (default %(default)s)")
    b.add_argument("--workers", type=_workers, default=2, help="worker processes (default %(default)s)")
    b.add_argument(
        "--uncertainty",
        choices=uncertainty.MODES,
        default=uncertainty.DEFAULT,
        help="posterior: each replication also draws the uncertain parameters (default %(default)s)",
    )
    b.add_argument(
        "--years",
        type=int,
        nargs="*",
        default=[2020, 2023, 2025, 2030, 2035],
        help="years to show (default %(default)s)",
    )
    b.add_argument("--progress", action="store_true", help="show a progress bar")
    b.add_argument("--lang", choices=("en", "ko"), default="en", help="language of the table (default en)")
    b.set_defaults(func=_baseline)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:  # argparse: exit 2 on bad arguments, 0 on --help
        return int(e.code or 0)
    if getattr(args, "command", None) == "rerun" and (args.replications or args.seed is not None):
        print("talentsim: error: rerun takes replications and seed from the manifest", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (scenarios.ScenarioError, batch.BatchError, ExecutorError, uncertainty.UncertaintyError) as e:
        print(f"talentsim: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RunsFailedError as e:
        print(f"talentsim: error: {e}", file=sys.stderr)
        return EXIT_RUN_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
