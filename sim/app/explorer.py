"""What the scenario explorer (app.py) does, without Streamlit: levers, settings <-> scenarios,
replications with caching and streaming, paired metrics, downloads.

The app is a thin layer over these functions; the CLI uses the same scenario, batch and
results code, so a scenario downloaded from the app reproduces the app's numbers through
`talentsim run` with the same seed and replications.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import os
import tempfile
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..core import policies
from ..core.params import Params
from ..study import batch, figures, i18n, memo, provenance, stats, workbook
from ..study import design as D
from ..study import executor as X
from ..study import scenarios as S
from ..study import uncertainty as U
from ..study.i18n import MONEY_UNITS, SHARE_UNITS, UNITS_KO
from ..study.labels import QUANTITIES, Quantity, label


@dataclass(frozen=True)
class Lever:
    """A widget: a parameter, its range and step (bounds within the parameter's own)."""

    name: str
    lo: float
    hi: float
    step: float
    kind: str = "slider"  # slider | select | toggle (a yes/no parameter)

    def options(self) -> tuple:
        return Params.__dataclass_fields__[self.name].metadata["choices"]


# the policy fields shown as widgets, with their ranges; grouped and ordered by the policy
# registry (`policy_groups`): each policy's levers in its fields' order, its start date last
# (decimal year, by quarter: 2026.0 = from 2026Q1)
POLICY_LEVERS = (
    Lever("sm_share", 0.0, 0.9, 0.05),
    Lever("sm_tiers", 0, 0, 0, kind="select"),
    Lever("sm_cap", 0.0, 500.0, 10.0),
    Lever("sm_budget", 0.0, 5000.0, 50.0),
    Lever("sm_basis", 0, 0, 0, kind="select"),
    Lever("sm_min_salary", 0.0, 500.0, 10.0),
    Lever("sm_incumbents", 0, 0, 0, kind="toggle"),
    Lever("sm_start", 2021.0, 2035.75, 0.25),
    Lever("grad_seats_extra", 0.0, 10000.0, 250.0),
    Lever("grad_seats_start", 2021.0, 2035.75, 0.25),
    Lever("settle_amount", 0.0, 100.0, 5.0),
    Lever("settle_start", 2021.0, 2035.75, 0.25),
    Lever("drive_rate", 0.0, 0.5, 0.02),
    Lever("drive_cost", 0.0, 200.0, 5.0),
    Lever("drive_start", 2021.0, 2035.75, 0.25),
    Lever("ftax_share", 0.0, 1.0, 0.05),
    Lever("ftax_start", 2021.0, 2035.75, 0.25),
    Lever("lab_acq_size", 0, 1000, 50),
    Lever("lab_acq_year", 2021.0, 2035.75, 0.25),
    Lever("med_pull_cut", 0.0, 1.0, 0.1),
    Lever("med_pull_start", 2021.0, 2035.75, 0.25),
)
ASSUMPTION_LEVERS = (
    Lever("demand_path", 0, 0, 0, kind="select"),
    Lever("sm_passthrough", 0.0, 1.0, 0.05),
    Lever("beta_pay", 0.5, 6.0, 0.25),
    Lever("gap_top", 4.0, 20.0, 0.5),
    Lever("home_tie", 0.0, 5.0, 0.25),
    Lever("foreign_pay_weight", 0.5, 4.0, 0.25),
    Lever("foreign_hiring_growth", -0.2, 0.3, 0.05),
    Lever("us_freeze_cut", 0.0, 0.6, 0.02),
    Lever("frontier_boom", 0.0, 3.0, 0.25),
    Lever("foreign_target_pursuit", 0.0, 1.0, 0.25),
)
LEVERS = {lv.name: lv for lv in POLICY_LEVERS + ASSUMPTION_LEVERS}
LANDING = "salary-matching-50"  # the scenario the explorer opens on (app_pages/explorer.py; warm.prefetch)
CARDS = ("shortage", "core_talent_kr", "net_migration", "fiscal_cost_krw")
CHARTS = ("shortage", "workforce_kr", "core_talent_kr", "net_migration", "fiscal_cost_krw", "salary_gap_top")
CHART_VIEWS = ("levels", "difference")  # the charts show both series, or the scenario minus the baseline


def lever_acts(name: str, values: dict[str, Any]) -> bool:
    """Whether lever `name` acts under the widget values `values` (`policies.condition_of`: salary
    matching's tiers only under the tier basis, its salary threshold only under the salary basis);
    a value missing from `values` is the parameter's default."""
    cond = policies.condition_of(name)
    if cond is None:
        return True
    other, value = cond
    return values.get(other, Params.__dataclass_fields__[other].default) == value


def policy_groups() -> list[tuple[str, tuple[Lever, ...]]]:
    """The levers of each policy of the registry (by its scenario-file name), in registry order."""
    by_field = {lv.name: lv for lv in POLICY_LEVERS}
    groups = [(pol.name, tuple(by_field[f] for f in pol.params if f in by_field)) for pol in policies.POLICIES]
    return [(name, levers) for name, levers in groups if levers]


def settings_of(scn: S.Scenario) -> dict[str, Any]:
    """Widget values for a scenario: every lever's parameter."""
    p = scn.params
    return {name: getattr(p, name) for name in LEVERS}


# run settings shown as widgets next to the levers: (lowest, highest), whole numbers; a seed
# above 2**53 - 1 cannot be shown exactly in the browser (JavaScript numbers)
RUN_SETTINGS = {"replications": (1, 30), "seed": (0, 2**53 - 1)}
FIRST_YEAR = 2021  # first year the cards can show (the year slider's low end)
UNCERTAINTY = "uncertainty"  # the run setting choosing what the intervals carry (uncertainty.MODES)
URL_KEYS = tuple(LEVERS) + tuple(RUN_SETTINGS) + ("year", UNCERTAINTY)


def widget_values(scn: S.Scenario, max_replications: int = 10) -> dict[str, Any]:
    """Every widget's value when `scn` is chosen as the starting scenario (keys: URL_KEYS)."""
    return {
        **settings_of(scn),
        "replications": min(scn.replications, max_replications),
        "seed": scn.seed,
        "year": min(2030, scn.end_year),
        UNCERTAINTY: U.DEFAULT,
    }


def scenario_titles(folder: Path, lang: str) -> dict[str, str]:
    """Display name of each scenario file of the library `folder` in `lang` ('title (file name)'),
    for the scenario pickers. Read once per version of the files (their names and modification
    times): loading the whole library took ~0.5 s of the first page (`warm.prefetch` reads it
    when the server starts)."""
    files = tuple(S.library_files(folder))
    return dict(_titles(files, tuple(p.stat().st_mtime_ns for p in files), lang))


@functools.lru_cache(maxsize=8)
def _titles(files: tuple[Path, ...], _versions: tuple[int, ...], lang: str) -> dict[str, str]:
    out = {}
    for p in files:
        try:
            scn = S.load(p)
        except S.ScenarioError:
            continue
        title = scn.display_name(lang)
        out[p.stem] = title if title == p.stem else f"{title} ({p.stem})"
    return out


def widget_unit(name: str) -> str | None:
    """How a lever's slider shows its values: "money" (an amount in 만원/억원/조원 or M/bn/tn KRW),
    "percent" (a share or a yearly rate) or None (as the number it is)."""
    unit = Params.__dataclass_fields__[name].metadata.get("unit")
    return "money" if unit in MONEY_UNITS else "percent" if unit in SHARE_UNITS else None


def amount_text(name: str, v: float, lang: str) -> str:
    """A money lever's value as its slider shows it: as the memo writes it (`memo.value_text`)."""
    return memo.value_text(name, float(v), lang)


def slider_options(lv: Lever, lo: float, hi: float, value: Any = None) -> list[float]:
    """The values a money lever's slider offers: its steps from `lo` to `hi`, and `value` (a file's or
    a link's off the steps) in its place."""
    n = int(round((hi - lo) / lv.step))
    opts = {round(lo + i * lv.step, 10) for i in range(n + 1)} | {float(hi)}
    if isinstance(value, int | float) and not isinstance(value, bool):
        opts.add(float(value))
    return sorted(opts)


def widget_range(key: str, start: dict[str, Any], end_year: int) -> tuple[Any, Any]:
    """(lowest, highest) a widget offers: the lever's range (a policy may start up to the last
    quarter of the horizon, within the parameter's bounds), widened to take in the starting
    scenario's value `start[key]`, so every valid scenario file can be shown and changed."""
    lv = LEVERS.get(key)
    if lv is None:
        return {**RUN_SETTINGS, "year": (FIRST_YEAR, end_year)}[key]
    lo, hi = lv.lo, lv.hi
    if key in policies.START_FIELDS:
        hi = min(max(hi, end_year + 0.75), S.PARAM_FIELDS[key].metadata["hi"])
    v = start.get(key)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        lo, hi = min(lo, v), max(hi, v)
    return lo, hi


def unshowable(scn: S.Scenario) -> list[str]:
    """Why the app cannot show a (valid) scenario, if it cannot: an empty list if it can."""
    out = []
    if scn.seed > RUN_SETTINGS["seed"][1]:
        out.append(
            f"seed: {scn.seed} is above {RUN_SETTINGS['seed'][1]}, the largest seed a browser shows "
            f"exactly; use `talentsim run` for this file or choose a smaller seed"
        )
    if scn.end_year <= FIRST_YEAR:
        out.append(
            f"horizon.end_year: {scn.end_year}: the app needs at least {FIRST_YEAR + 1} (its cards "
            f"show {FIRST_YEAR} to the last year); use `talentsim run` for this file"
        )
    if scn.sweep:
        out.append(
            f"sweep: {', '.join(scn.sweep)}: the app shows one scenario, not a grid; use "
            f"`talentsim run` for sweeps, or upload one point of the grid"
        )
    return out


def query_of(start: dict[str, Any], current: dict[str, Any]) -> dict[str, str]:
    """URL query parameters for a shareable link: the widget values that differ from the starting
    scenario's (`start`, from `widget_values`), as text that `parse_query` reads back exactly."""
    return {
        k: repr(v) if isinstance(v, float) else str(v)
        for k, v in current.items()
        if k in URL_KEYS and v != start.get(k)
    }


def parse_query(query: dict[str, str], start: dict[str, Any], end_year: int) -> tuple[dict[str, Any], list[str]]:
    """Widget values from URL query parameters (other keys are ignored), and a message for each
    value that cannot be used: not a number, not one of the choices, or outside the widget's range
    (`widget_range` for the starting scenario's values `start`)."""
    out: dict[str, Any] = {}
    bad: list[str] = []
    for k in URL_KEYS:
        if k not in query:
            continue
        text = str(query[k])
        lv = LEVERS.get(k)
        if k == UNCERTAINTY:
            if text in U.MODES:
                out[k] = text
            else:
                bad.append(f"{k}={S.shown(text)}: allowed: {', '.join(U.MODES)}")
            continue
        if lv is not None and lv.kind in ("select", "toggle"):
            by_text = {str(o): o for o in lv.options()}
            if text in by_text:
                out[k] = by_text[text]
            else:
                bad.append(f"{k}={S.shown(text)}: allowed: {', '.join(by_text)}")
            continue
        is_int = lv is None or S.PARAM_FIELDS[k].type == "int"
        lo, hi = widget_range(k, start, end_year)
        try:
            v = int(text) if is_int else float(text)
        except ValueError:
            bad.append(f"{k}={S.shown(text)}: not {'a whole number' if is_int else 'a number'}; allowed: {lo} to {hi}")
            continue
        if not lo <= v <= hi:
            bad.append(f"{k}={S.shown(text)}: outside {lo} to {hi}")
            continue
        out[k] = v
    return out, bad


BASELINE = S.BASELINE  # the comparison run's name (the scenario's is never the same)


def apply_settings(scn: S.Scenario, settings: dict[str, Any]) -> S.Scenario:
    """The scenario with the widgets' values (validated; raises ValueError if impossible).

    A lever left at the scenario's own value is not written into the scenario's overrides: a
    parameter the scenario does not set keeps its posterior draw (with posterior intervals, each
    replication draws the uncertain parameters the scenario leaves open, `uncertainty.with_draw`),
    exactly as `talentsim compare` does with the file. Only a lever the user moves (or the file
    sets) pins its parameter."""
    over = dict(scn.overrides)
    for lv in POLICY_LEVERS + ASSUMPTION_LEVERS:
        if lv.name in settings:
            v = settings[lv.name]
            v = int(v) if S.PARAM_FIELDS[lv.name].type == "int" else v
            if lv.name in over or v != getattr(scn.params, lv.name):
                over[lv.name] = v
    new = Params.from_dict({**over, "end_year": scn.end_year})
    changed = new != scn.params
    if not changed:
        return dataclasses.replace(scn, overrides=over, sweep={})
    name = scn.name if scn.name.endswith("-custom") else f"{scn.name}-custom"
    # the starting file no longer describes it: the description is generated from the settings
    # (memo.description), the titles say it was adjusted, and make_plan records the YAML the app
    # offers instead of the file
    if scn.adjusted_from:
        start, title = scn.adjusted_from, {"en": scn.title, "ko": scn.title_ko}
    else:
        start = scn.name
        title = {lang: f"{scn.display_name(lang)} ({i18n.t('adjusted', lang)})" for lang in i18n.LANGS}
    new = dataclasses.replace(
        scn,
        name=name,
        overrides=over,
        sweep={},
        files=(),
        title=title["en"],
        title_ko=title["ko"],
        description_ko="",
        adjusted_from=start,
    )
    return dataclasses.replace(new, description=memo.description(new, "en"))


class RunCache:
    """Finished replications by (parameters, seed, replication): an LRU of small frames, backed by
    an optional on-disk `RunStore` (runs survive a restart of the app)."""

    def __init__(self, max_entries: int = 400, store: RunStore | None = None) -> None:
        self.max = max_entries
        self.store = store
        self._d: OrderedDict[tuple, pd.DataFrame] = OrderedDict()

    def get(self, key):
        if key in self._d:
            self._d.move_to_end(key)
            return self._d[key]
        if self.store is not None:
            df = self.store.get(key)
            if df is not None:
                self._remember(key, df)
            return df
        return None

    def put(self, key, df: pd.DataFrame) -> None:
        self._remember(key, df)
        if self.store is not None:
            self.store.put(key, df)

    def _remember(self, key, df: pd.DataFrame) -> None:
        self._d[key] = df
        self._d.move_to_end(key)
        while len(self._d) > self.max:
            self._d.popitem(last=False)


def code_version() -> str:
    """A hash of what a run's numbers depend on: the engine's sources and data files (sim/core,
    sim/data, sim/__init__.py) and the numpy, pandas and Mesa versions. Any change to them is
    another version, so a stored run is never reused by code that would compute it differently."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for p in sorted([root / "__init__.py", *(root / "core").rglob("*.py"), *(root / "data").glob("*.yaml")]):
        h.update(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes() + b"\0")
    for lib in ("numpy", "pandas", "mesa"):
        h.update(f"{lib}=={importlib.metadata.version(lib)}".encode())
    return h.hexdigest()[:16]


class RunStore:
    """Finished runs on disk (Parquet, one file per run), in `folder/<code version>/`: the app's
    results store. A shipped scenario computed once (`python -m sim.app.warm`, run by `make app`,
    or by any earlier visit) loads in well under a second after a restart. Files are written
    atomically (a temporary file renamed); an unreadable file counts as missing."""

    def __init__(self, folder, version: str | None = None) -> None:
        self.dir = Path(folder) / (version or code_version())

    def _path(self, key):
        return self.dir / (hashlib.sha256(json.dumps(key, default=str).encode()).hexdigest()[:32] + ".parquet")

    def get(self, key) -> pd.DataFrame | None:
        path = self._path(key)
        if not path.is_file():
            return None
        try:
            return pd.read_parquet(path)
        except Exception:  # a damaged or foreign file: compute the run again
            return None

    def put(self, key, df: pd.DataFrame) -> None:
        tmp = None
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.dir, suffix=".tmp")
            os.close(fd)
            df.to_parquet(tmp)
            os.replace(tmp, self._path(key))
        except OSError:  # a full or read-only disk: the store is an optimisation, the run stands
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)


def _key(task: batch.Task) -> tuple:
    return (json.dumps(dict(task.params), sort_keys=True), task.entropy, task.spawn_key)


def state_key(task: batch.Task, stop: int) -> tuple:
    """Key of a baseline task's pickled state after step `stop` in a states cache."""
    return (*_key(task), stop)


def _fork_step(plan: batch.Plan) -> int:
    """Step after which the scenario runs can start from the baseline's state (0: they cannot)."""
    base, scn = plan.scenarios
    if base.end_year != scn.end_year or policies.non_policy_differences(base.params, scn.params):
        return 0
    return max(batch.policy_start_step(scn.params) - 1, 0)


def stream(
    plan: batch.Plan,
    cache: RunCache,
    executor: cf.Executor | None,
    states: RunCache | None = None,
    workers: int | None = None,
) -> Iterator[dict[str, pd.DataFrame]]:
    """Yield the runs available so far (by task key), first from the cache, then as each finishes.

    With `states` (a cache of pickled baseline states), a scenario replication continues its
    baseline replication from the quarter before the policies start instead of running from
    2020: the quarters before are identical (same seed, no policy acting), so the result is
    the same as a fresh run (tested) at about a third less work for a 2026 start. When the
    baseline's run is already in the cache (e.g. from the results store) but its state is not,
    only the quarters up to the fork are run again for the state (`batch.execute_state`).

    Tasks are handed over replication by replication, and with `workers` (the executor's worker
    count) at most one more than that at a time, a scenario replication whose baseline state has
    just arrived going first: the first paired result then comes after about one baseline run
    (and one continuation) instead of after every baseline run (a new seed or an assumption
    changed in the app: nothing cached). Without `workers` every task is submitted at once. The
    runs and their results do not depend on the order.
    """
    done: dict[str, pd.DataFrame] = {}
    todo = []
    for t in plan.tasks:
        hit = cache.get(_key(t))
        if hit is not None:
            done[t.key] = hit
        else:
            todo.append(t)
    yield dict(done)
    if not todo:
        return
    stop = _fork_step(plan) if states is not None else 0
    base_name = plan.scenarios[0].name
    by_rep = {(t.scenario, t.replication): t for t in plan.tasks}
    # one more than the workers: a worker never waits for the page to hand over its next task
    limit = workers + 1 if workers else len(plan.tasks) + 1
    todo.sort(key=lambda t: t.replication)  # replication by replication: the first pair comes first

    pending: dict[cf.Future, tuple[str, batch.Task]] = {}
    backlog: list[tuple[str, batch.Task, Callable[..., Any], tuple]] = []  # handed over in this order
    waiting: list[batch.Task] = []  # scenario tasks waiting for their baseline's state

    def fill() -> None:
        while backlog and len(pending) < limit:
            kind, t, fn, args = backlog.pop(0)
            pending[X.submit(executor, fn, *args)] = (kind, t)

    def queued(b: batch.Task) -> bool:  # b's baseline run or state is handed over or will be
        handed = list(pending.values()) + [(kind, bt) for kind, bt, _, _ in backlog]
        return any(kind in ("base", "state") and bt is b for kind, bt in handed)

    for t in todo:
        if stop <= 0:
            backlog.append(("run", t, batch.execute, (t.params, t.entropy, t.spawn_key)))
        elif t.scenario == base_name:
            backlog.append(("base", t, batch.execute_checkpoint, (t.params, t.entropy, t.spawn_key, stop)))
        else:
            st = states.get(state_key(by_rep[(base_name, t.replication)], stop))
            if st is not None:
                backlog.append(("run", t, batch.execute_resume, (st, t.params)))
            else:
                b = by_rep[(base_name, t.replication)]
                if not queued(b):
                    if b.key in done:  # the baseline's run is stored: only its state at the fork is needed
                        backlog.append(("state", b, batch.execute_state, (b.params, b.entropy, b.spawn_key, stop)))
                    else:
                        backlog.append(("base", b, batch.execute_checkpoint, (b.params, b.entropy, b.spawn_key, stop)))
                waiting.append(t)
    fill()
    while pending:
        fut = next(cf.as_completed(list(pending), timeout=600))
        kind, t = pending.pop(fut)
        out = X.outcome_of(t.key, fut)
        if not out.ok:
            X.raise_failures([out], "app runs")
        if kind in ("base", "state"):
            df, st = out.value if kind == "base" else (None, out.value)
            if st is not None:
                states.put(state_key(t, stop), st)
            ready = [w for w in waiting if w.replication == t.replication]
            for w in ready:
                waiting.remove(w)
            backlog[:0] = [  # the scenario replications of this baseline go first
                ("run", w, batch.execute_resume, (st, w.params))
                if st is not None
                else ("run", w, batch.execute, (w.params, w.entropy, w.spawn_key))
                for w in ready
            ]
        else:
            df = out.value
        fill()
        if df is None:  # a state only: the baseline's run was already there
            continue
        cache.put(_key(t), df)
        done[t.key] = df
        yield dict(done)


def make_plan(scn: S.Scenario, replications: int, seed: int, uncertainty: str = U.DEFAULT) -> batch.Plan:
    """Baseline and scenario with paired seeds, as `talentsim compare` would run them. A scenario
    adjusted in the app (no source file) gets the YAML the app offers for download as its source
    file, so the memo's citation and the manifest name the file that reproduces the numbers.
    A scenario called "baseline" (the comparison run's name) runs as "baseline-scenario"."""
    if scn.name == BASELINE:
        scn = dataclasses.replace(
            scn,
            name=f"{BASELINE}-scenario",
            files=(),
            title=i18n.t("baseline_as_scenario", "en"),
            title_ko=i18n.t("baseline_as_scenario", "ko"),
        )
    if not scn.files:
        text = scenario_yaml(scn, replications, seed)
        scn = dataclasses.replace(
            scn, files=(S.SourceFile(f"{scn.name}.yaml", hashlib.sha256(text.encode("utf-8")).hexdigest(), text),)
        )
    return batch.make_plan("compare", [S.baseline_of(scn), scn], replications, seed, uncertainty)


def scenario_yaml(scn: S.Scenario, replications: int, seed: int) -> str:
    """The scenario as a self-contained YAML file with the app's replications and seed."""
    return S.to_yaml(dataclasses.replace(scn, replications=replications, seed=seed))


def paired(runs: dict[str, pd.DataFrame], plan: batch.Plan) -> pd.DataFrame:
    """Tidy table of the available runs (only replications finished for both scenarios)."""
    have = {}
    for t in plan.tasks:
        if t.key in runs:
            have.setdefault(t.replication, set()).add(t.scenario)
    both = {r for r, s in have.items() if len(s) == 2}
    keep = [t for t in plan.tasks if t.replication in both]
    if not keep:
        return pd.DataFrame()
    sub = dataclasses.replace(plan, tasks=tuple(keep))
    return batch.timeseries(sub, runs)


def card(ts: pd.DataFrame, col: str, year: int) -> dict[str, float]:
    """Scenario mean, and mean and 90 % interval of scenario - baseline (paired by replication)."""
    q = ts[(ts["year"] == year) & (ts["quarter"] == 4)]
    b = q[q["scenario"] == BASELINE].set_index("replication")[col]
    s = q[q["scenario"] != BASELINE].set_index("replication")[col]
    d = (s - b.reindex(s.index)).dropna()
    out = {"value": float(s.mean()), "diff": float(d.mean()), "n": len(d)}
    if len(d) >= 2:
        out["lo"], out["hi"] = float(d.quantile(0.05)), float(d.quantile(0.95))
    return out


def cost_per_core(ts: pd.DataFrame, year: int) -> dict[str, float] | None:
    """Extra fiscal cost per extra core researcher in Korea (KRW/yr per person) in Q4 of `year`, as
    the memo gives it (`stats.cost_per_gain`): the mean differences' ratio and the interval of the
    per-replication ratios ("hi" +inf: no upper bound). None when there is no gain or no cost."""
    q = ts[(ts["year"] == year) & (ts["quarter"] == 4)]
    b = q[q["scenario"] == BASELINE].set_index("replication")
    s = q[q["scenario"] != BASELINE].set_index("replication")
    dc = (s["core_talent_kr"] - b["core_talent_kr"]).dropna()
    if len(dc) == 0:
        return None
    df = (s["fiscal_cost_krw"] - b["fiscal_cost_krw"]).reindex(dc.index)
    idx = pd.MultiIndex.from_arrays([dc.index, [year] * len(dc)], names=["replication", "year"])
    mean, lo, hi = stats.cost_per_gain(df.set_axis(idx), dc.set_axis(idx), "year")
    if mean.isna().iloc[0]:  # no mean gain, or no mean cost
        return None
    out = {"value": float(mean.iloc[0]), "n": len(dc)}
    if len(dc) >= 2:
        out["lo"], out["hi"] = float(lo.iloc[0]), float(hi.iloc[0])
    return out


def cost_per_core_caption(cpc: dict[str, float], lang: str) -> str:
    """The line under the cost-per-researcher card: per year, and its 90 % interval (open above
    when some replication gains nothing; none with one replication, or when most gain nothing)."""
    if "lo" not in cpc:
        return i18n.t("per_year_only", lang)
    if cpc["lo"] == float("inf"):
        return i18n.t("per_year_mostly_no_gain", lang)
    lo = i18n.money(cpc["lo"], lang)
    if cpc["hi"] == float("inf"):
        return i18n.t("interval_per_year_open", lang, lo=lo)
    return i18n.t("interval_per_year", lang, lo=lo, hi=i18n.money(cpc["hi"], lang))


def bands(ts: pd.DataFrame, col: str) -> pd.DataFrame:
    """Per scenario and quarter: time, mean, lo, hi (90 %) — the fan charts' bands."""
    return figures.bands(ts, col).drop(columns="point")


def diff_bands(ts: pd.DataFrame, col: str, level: float = 0.90) -> pd.DataFrame:
    """Per quarter: time, mean, lo, hi of the scenario minus the baseline, paired by replication
    (the same seed and posterior draw), the band the central `level` of the replications' differences."""
    a = (1 - level) / 2
    t = ts.assign(time=ts["year"] + ts["quarter"] / 4.0, base=ts["scenario"] == BASELINE)
    wide = t.pivot_table(index=["replication", "time"], columns="base", values=col, aggfunc="first")
    diff = (wide[False] - wide[True]) if False in wide.columns else wide[True] * 0.0
    g = diff.groupby(level="time")
    return pd.DataFrame({"mean": g.mean(), "lo": g.quantile(a), "hi": g.quantile(1 - a)}).reset_index()


def scaled_label(q: Quantity, lang: str) -> str:
    """A quantity's label, with the unit of its scaled value (M KRW/yr, bn KRW/yr) where it is scaled."""
    if q.scale == 1:
        return q.label(lang)
    return f"{q.label(lang)} ({q.unit if lang != 'ko' else UNITS_KO.get(q.unit, q.unit)})"


def yearly_table(ts: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """Scenario means at Q4 by year, labelled in `lang` (pay in M KRW, fiscal cost in bn KRW),
    and a format string per column."""
    q = ts[(ts["quarter"] == 4) & (ts["scenario"] != BASELINE)]
    shown = [qu for qu in QUANTITIES.values() if qu.name in q.columns]
    t = q.groupby("year")[[qu.name for qu in shown]].mean()
    for qu in shown:
        t[qu.name] = t[qu.name] / qu.scale
    labels = {qu.name: scaled_label(qu, lang) for qu in shown}
    formats = {labels[qu.name]: qu.fmt for qu in shown}
    return t.rename(columns=labels), formats


def downloads(plan: batch.Plan, ts: pd.DataFrame, lang: str, year: int) -> dict[str, Callable[[], str]]:
    """The files the app offers, each as a function that makes it (run when the user asks:
    the CSV, memo and manifest take ~0.3 s together, which a slider change should not wait
    for): scenario YAML (reproduces the numbers), CSV, memo (its headline in `year`, the year
    the cards show), workbook, manifest."""
    names = ("yaml", "csv", "memo", "xlsx", "manifest")
    return {name: functools.partial(_download, name, plan, ts, lang, year) for name in names}


def _download(name: str, plan: batch.Plan, ts: pd.DataFrame, lang: str, year: int) -> str | bytes:
    if name == "yaml":
        return scenario_yaml(plan.scenarios[1], plan.replications, plan.seed)
    if name == "csv":
        return ts.to_csv(index=False)
    if name in ("memo", "xlsx"):
        summ, comp, eff = stats.summary(ts), stats.comparison(ts, BASELINE), stats.policy_effects(ts, BASELINE)
        if name == "xlsx":
            return workbook.workbook_bytes(plan, summ, comp, eff, lang)
        again = reproduce_commands(plan, lang, year)
        return memo.memo(plan, summ, comp, [2025, 2030, 2035], lang=lang, effects=eff, year=year, reproduce=again)
    return json.dumps(provenance.manifest(plan, ["streamlit app"], "app", 0, ["timeseries.csv"]), indent=2, default=str)


def reproduce_commands(plan: batch.Plan, lang: str, year: int) -> list[str]:
    """The commands that give the explorer's numbers from the command line, with the YAML the app
    offers for download (named `<scenario>.yaml`): `talentsim run` for the scenario's numbers and,
    when its assumptions are the shipped baseline's (model defaults, horizon 2035), `talentsim
    compare` for the differences; the memo's headline in `year` (the cards' year)."""
    base, scn = plan.scenarios
    opts = (
        f"--replications {plan.replications} --seed {plan.seed} --lang {lang} --uncertainty {plan.uncertainty} "
        f"--year {int(year)}"
    )
    out = [f"talentsim run {scn.name}.yaml {opts}"]
    if base.params == Params():  # the model's defaults, to 2035: what scenarios/baseline.yaml sets
        out.append(f"talentsim compare scenarios/baseline.yaml {scn.name}.yaml {opts}")
    return out


def compare_plan(
    baseline: S.Scenario, chosen: list[S.Scenario], replications: int, seed: int, uncertainty: str = U.DEFAULT
) -> batch.Plan:
    """The app's policy comparison: `baseline` and each chosen scenario with paired seeds, exactly
    as `talentsim compare BASELINE SCENARIO ...` runs them (`compare_command`)."""
    return batch.make_plan("compare", [baseline, *chosen], replications, seed, uncertainty)


def compare_files(plan: batch.Plan) -> list[str]:
    """The shipped files of a comparison the app's page made (`compare_plan`), as the command names them."""
    return ["scenarios/baseline.yaml", *(f"scenarios/{x.name}.yaml" for x in plan.scenarios[1:])]


def compare_command(
    files: list[str], replications: int, seed: int, lang: str, year: int, uncertainty: str = U.DEFAULT
) -> str:
    """The command line that writes the comparison the app shows (same numbers, memo in `lang`)."""
    opts = f"--replications {replications} --seed {seed} --lang {lang} --year {year} --uncertainty {uncertainty}"
    return f"talentsim compare {' '.join(files)} {opts}"


def compare_results(plan: batch.Plan, runs: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Timeseries and policy effects (`stats.policy_effects`) of a finished comparison."""
    ts = batch.timeseries(plan, runs)
    return ts, stats.policy_effects(ts, plan.scenarios[0].name)


def compare_downloads(plan: batch.Plan, ts: pd.DataFrame, effects: pd.DataFrame, year: int, lang: str) -> dict:
    """The comparison's files, made on click: memo (markdown), workbook (xlsx), policy table (CSV)."""

    def make(name: str) -> str | bytes:
        summ, comp = stats.summary(ts), stats.comparison(ts, plan.scenarios[0].name)
        if name == "memo":
            again = [compare_command(compare_files(plan), plan.replications, plan.seed, lang, year, plan.uncertainty)]
            return memo.memo(
                plan, summ, comp, [2025, 2030, 2035], lang=lang, effects=effects, year=year, reproduce=again
            )
        if name == "xlsx":
            return workbook.workbook_bytes(plan, summ, comp, effects, lang)
        return effects.to_csv(index=False)

    return {name: functools.partial(make, name) for name in ("memo", "xlsx", "csv")}


WHY_COLUMNS = ("core_talent_kr", "sm_recipients", "fiscal_cost_krw", "net_fiscal_cost_krw", "sm_paid_share")
WHY_COLUMNS += ("fiscal_salary_matching_krw", "tax_recouped_krw", "sm_firm_capture_krw", "shortage", "net_migration")
WHY_COLUMNS += tuple(c for g in stats.POLICY_GAINS.values() for c in (g.cost, g.gain))


def why(plan: batch.Plan, ts: pd.DataFrame, year: int, lang: str) -> dict[str, Any] | None:
    """The 'why this number' panel for `year`: the memo's plain-language reading and its sentences on
    whom each paying policy pays and what it buys (`memo.policy_lines`: the same
    library calls as the memo, on the columns they need), and where the
    difference comes from (`stats.flow_sources` from the first policy start to `year`, as a table and
    as the panel's lines). None without an active policy."""
    scn = plan.scenarios[1]
    active = policies.active(scn.params)
    if not active:
        return None
    keys = [c for c in ("scenario", "point", "replication", "year", "quarter") if c in ts.columns]
    flows = [c for c, _ in stats.SOURCE_FLOWS]
    sub = ts[keys + [c for c in WHY_COLUMNS if c in ts.columns]]
    comp = stats.comparison(sub, BASELINE)
    eff = stats.policy_effects(sub, BASELINE)
    first = int(min(getattr(scn.params, pol.start) for pol in active))
    text = " ".join(memo.reading(plan, eff, comp, year, lang))
    pol = memo.policy_lines(comp, scn.name, year, lang, memo.joint_effect(plan, scn))
    src = stats.flow_sources(ts[keys + flows], BASELINE, scn.name, first, year) if first <= year else None
    return {
        "reading": text,
        "policy": [x for x in pol if x and x not in text],  # not the reading's joint-effect sentence again
        "sources": src,
        "source_lines": None if src is None else _source_lines(src, year, plan.replications, lang),
        "first": first,
    }


def _source_lines(src: pd.DataFrame, year: int, replications: int, lang: str) -> list[str]:
    """The 'why' panel's list of where the difference comes from: one line per flow, then the total
    in bold, each 'mean [lo, hi]' (one replication has no interval: 'mean [—]')."""

    def shown(r) -> str:
        m = i18n.num(r["mean"], "+,.0f")
        return f"{m} [{i18n.num(r['lo'], '+,.0f')}, {i18n.num(r['hi'], '+,.0f')}]" if replications >= 2 else f"{m} [—]"

    rows = src.set_index("flow")
    lines = [f"- {i18n.t('flow_' + f, lang)}: {shown(r)}" for f, r in rows.drop("total").iterrows()]
    return lines + [f"- **{i18n.t('why_sources_total', lang, last=year)}: {shown(rows.loc['total'])}**"]


def design_link(design, values: dict[str, Any]) -> dict[str, str] | None:
    """The explorer's link query (`query_of`) that opens a design's mix in the scenario explorer:
    its scenario as the starting one, the levers and every policy's start set; None when the
    design's scenario is not a shipped file or a lever has no widget (the explorer could not
    show it exactly)."""
    files = design.scenario.files
    if not files or any(lv.field not in LEVERS for lv in design.levers):
        return None
    name = Path(files[0].path).stem
    start = widget_values(design.scenario)
    rec = D.recommended_scenario(design, values)
    current = {**start, **settings_of(rec)}
    return {"scenario": name, **query_of(start, current)}


def adjusted_design(
    base: D.Design,
    threshold: float,
    probability: float,
    budget_bn: float,
    levers: list[str],
    evaluations: int,
    draws: int,
) -> D.Design:
    """The design file `base` with the page's settings: goal threshold and probability, budget
    (0 = none), the levers kept (by path, in the file's order), evaluations and draws, and
    scenario-discovery draws tied to the draws (3 per draw, at most the file's). Named
    `<name>-app` when anything but the search size differs from the file."""
    d = dataclasses.replace(
        base,
        threshold=float(threshold),
        probability=float(probability),
        budget_bn=float(budget_bn) if budget_bn > 0 else None,
        levers=tuple(lv for lv in base.levers if lv.path in levers),
    )
    size = {"evaluations": base.evaluations, "draws": base.draws, "discovery": base.discovery}
    same = dataclasses.replace(d, **size).digest == base.digest
    d = dataclasses.replace(d, evaluations=int(evaluations), draws=int(draws), discovery=min(base.discovery, 3 * draws))
    return d if same else dataclasses.replace(d, name=f"{base.name}-app")


def design_command(d: D.Design) -> str:
    """The command that gives the page's numbers: `talentsim design` on the downloaded design file
    saved in scenarios/ (its scenario is named relative to that folder)."""
    return f"talentsim design scenarios/{d.name}.yaml --lang <en|ko>  # {d.name}.yaml downloaded from this page"


def design_downloads(result: D.Result, lang: str) -> dict[str, tuple[bytes, str]]:
    """The files the design page offers: the memo, every candidate (CSV), the design file that
    reruns the search, and the recommended mix as a scenario file (when there is one)."""
    import yaml

    d = result.design
    scenario = Path(d.scenario.files[0].path).name if d.scenario.files else "baseline.yaml"
    out = {
        f"{d.name}-memo.md": (D.memo_text(result, lang).encode(), "text/markdown"),
        f"{d.name}-candidates.csv": (result.candidates.to_csv(index=False).encode(), "text/csv"),
        f"{d.name}.yaml": (
            yaml.safe_dump(D.to_document(d, scenario), sort_keys=False, allow_unicode=True).encode(),
            "application/x-yaml",
        ),
    }
    if result.recommended is not None:
        rec = D.recommended_scenario(d, result.recommended)
        out[f"{rec.name}.yaml"] = (S.to_yaml(rec).encode(), "application/x-yaml")
    return out


def calibration_table(rows: list[dict[str, Any]], lang: str) -> pd.DataFrame:
    """Targets beside the model (the posterior predictive rows of sim/data/posterior.json, or the
    point calibration's check rows) with display labels and headers in `lang`."""
    t = lambda key: i18n.t(key, lang)  # noqa: E731
    out = []
    for r in rows:
        mean = r.get("mean", r.get("simulated_mean"))
        lo, hi = r.get("lo", r.get("simulated_lo")), r.get("hi", r.get("simulated_hi"))
        inside = r.get("inside", r.get("within"))
        row = {
            t("cal_col_what"): label(r["output"], lang),
            t("cal_col_when"): i18n.t("quarter", lang, y=r["year"], q=r.get("quarter", 4)),
            t("cal_col_documented"): r["target"],
            t("cal_col_model"): _num(mean),
            t("cal_col_interval"): f"[{_num(lo)}, {_num(hi)}]",
            t("cal_col_inside"): t("yes" if inside else "no"),
        }
        if "conditioned" in r:
            row[t("cal_col_used")] = t("yes" if r["conditioned"] else "no")
        row[t("cal_col_source")] = f"{r['source']} ({r.get('level', '')})"
        row[t("cal_col_id")] = r["id"]
        out.append(row)
    return pd.DataFrame(out)


def _num(x: float) -> str:
    """A model value for the calibration table: whole numbers with separators from 100, else three
    significant digits."""
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"
