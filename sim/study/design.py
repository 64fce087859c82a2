"""Policy design (`talentsim design FILE.yaml`): the cheapest mix of policy levers that meets a goal.

A design file names a goal (an output, a year, a threshold and the probability with which the
policy mix must reach it, e.g. `core_talent_kr` effect >= +1,000 in 2030 with probability >= 0.8),
an optional yearly budget (gross or net of the income tax recouped), the levers and their ranges
(any field of the policy registry; every policy starts at the design's `start` unless its start
date is itself a lever, on quarters from `start` to the goal year), the scenario whose assumptions
it is evaluated under, and the search settings.

Evaluation. A candidate mix is run under `draws` random draws (by default each a posterior draw of
the uncertain parameters with its own seed, as replication i of `talentsim compare --seed S`;
with `uncertainty: monte-carlo` seeds at the calibrated parameters),
each paired with the baseline of the same draw (the scenario with every policy off): the same
seed, so the quarters before the start are identical, and the candidate continues the baseline's
pickled state from the quarter before `start` (`batch.execute_checkpoint` / `execute_resume`,
tested to equal a fresh run). Every candidate uses the same draws (common random numbers), so
candidates are compared on the same luck. For each draw d:

    effect_d = y_d(candidate) - y_d(baseline)    (the goal output at the goal year's Q4)
    cost_d   = mean over the years start..goal year of the yearly state cost (Q4, trailing
               12 months; gross, or net of the income tax recouped), candidate minus baseline

and the candidate's record is P(meet) = share of draws with effect_d >= threshold (<= for an
`at_most` goal), the mean effect and its 5-95 % range, the mean cost and its range.

Search. Optuna's TPE sampler (Watanabe et al.; `TPESampler(multivariate=True,
seeded; constraints set with `Trial.set_constraint`) minimises the mean cost subject to two constraints, each <= 0
when met: (threshold - q) / scale with q the ceil(n p)-th largest effect (so q >= threshold
exactly when P(meet) >= p), and (cost - budget) / budget. Candidates are asked in batches of
`batch` and their draws run in parallel on the project's executor (local processes or Dask); the
sampler sees the results in the order asked, so the search does not depend on the executor. No
emulator: every reported number comes from full simulations.

Verification (the winner's curse: the cheapest of many noisy estimates is optimistic): the
`verify` cheapest candidates that meet the goal are run again on fresh draws (seed + 1, the seeds
`talentsim compare` uses with `--seed seed+1`); the recommendation is the cheapest that still
meets the goal on them, reported with the fresh draws' numbers. If no candidate meets the goal,
the design is unreachable: the results folder says so and names the closest point (the
highest P(meet) within the budget), and the command exits with status 2. If some met it on the
search's draws but none holds on the fresh draws, the answer says that (how many were re-checked)
and names the closest on the fresh draws; the command exits with status 2 too.

Scenario discovery (which assumptions make the recommended mix fail): the recommended mix is run
on `discovery` further posterior draws (seed + 2; default 60, 0 = none; only with posterior draws,
since seeds alone carry no assumption to discover), and a depth-2 classification tree on the draws'
parameter values locates the box where its failures concentrate (sim.study.discovery: density,
coverage, and the in-sample accuracy against the base rate). discovery.csv holds every draw
(posterior draw, parameter values, effect, cost, met), discovery-boxes.csv the boxes.

Outputs: candidates.csv (every candidate), front.csv and front.png (the Pareto front of mean cost
vs P(meet) vs mean effect), recommended.yaml and baseline.yaml (scenario files: `talentsim compare
baseline.yaml recommended.yaml --replications K --seed S+1` gives the verified numbers), memo.md
(English or Korean), manifest.json (`talentsim rerun manifest.json` repeats the search exactly).
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import hashlib
import json
import math
import os
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
import pandas as pd
import yaml
from pydantic import BaseModel, Field, StrictBool, StrictFloat, StrictInt, StrictStr, ValidationError

from ..core import policies
from ..core.model import first_active_step
from ..core.outputs import OUTPUT_NAMES
from ..core.params import Params
from . import batch, i18n, labels, provenance
from . import discovery as SD
from . import executor as X
from . import scenarios as S
from . import uncertainty as U

MAX_DRAWS = 500
MAX_EVALUATIONS = 5000
MAX_BATCH = 64
DEFAULT = {"draws": 20, "evaluations": 120, "batch": 4, "seed": 2026, "verify": 3, "discovery": 60}
BASES = ("gross", "net")
COST_COLUMN = {"gross": "fiscal_cost_krw", "net": "net_fiscal_cost_krw"}


class DesignError(S.ScenarioError):
    """A design file is missing, malformed or invalid (the message names the file, the key, the
    bad value and what is allowed)."""


# --------------------------------------------------------------------------- schema
Number = StrictInt | Annotated[StrictFloat, Field(allow_inf_nan=False)]


class GoalModel(BaseModel):
    model_config = S._strict(title="goal")
    output: Literal[tuple(OUTPUT_NAMES)] = Field(description="the output whose effect is the goal")  # type: ignore[valid-type]
    year: Annotated[StrictInt, Field(ge=2021, le=2060, description="the goal year (its Q4)")]
    at_least: Number | None = Field(None, description="the effect must be at least this (persons, KRW ...)")
    at_most: Number | None = Field(None, description="or at most this (e.g. a shortage effect of -2000)")
    probability: Annotated[StrictFloat, Field(gt=0.0, le=1.0, description="share of draws that must meet it")]


class BudgetModel(BaseModel):
    model_config = S._strict(title="budget")
    bn_krw_per_year: Annotated[Number, Field(gt=0, le=1e6, description="mean yearly state cost allowed, bn KRW")]
    basis: Literal[BASES] = Field("gross", description="gross, or net of the income tax recouped")  # type: ignore[valid-type]


class RangeModel(BaseModel):
    model_config = S._strict(title="range", populate_by_name=True)
    from_: Number = Field(alias="from")
    to: Number
    step: Annotated[Number, Field(gt=0)] | None = None


class DesignFile(BaseModel):
    """One design file as written."""

    model_config = S._strict(title="talentsim design")
    name: Annotated[StrictStr, Field(pattern=S._NAME, max_length=80, description="short identifier")]
    description: Annotated[StrictStr, Field(min_length=1, description="the question the design answers")]
    title: Annotated[StrictStr, Field(min_length=1, max_length=80)] | None = None
    title_ko: Annotated[StrictStr, Field(min_length=1, max_length=80)] | None = None
    description_ko: Annotated[StrictStr, Field(min_length=1)] | None = None
    scenario: StrictStr = Field(description="the scenario file whose assumptions apply, relative to this file")
    start: Annotated[
        Number, Field(ge=2020.5, le=2060, description="start of every policy (decimal year) whose start is not a lever")
    ]
    goal: GoalModel
    budget: BudgetModel | None = None
    levers: Annotated[
        dict[StrictStr, RangeModel | Annotated[list[StrictStr | StrictBool | Number], Field(min_length=1)]],
        Field(min_length=1, description="'policies.POLICY.FIELD' -> {from, to, step} or a list of values"),
    ]
    fixed: dict[StrictStr, StrictStr | StrictBool | Number] | None = Field(
        None, description="'policies.POLICY.FIELD' -> a value every candidate uses (e.g. a drive's yearly cost)"
    )
    draws: Annotated[StrictInt, Field(ge=2, le=MAX_DRAWS)] | None = None
    evaluations: Annotated[StrictInt, Field(ge=1, le=MAX_EVALUATIONS)] | None = None
    batch: Annotated[StrictInt, Field(ge=1, le=MAX_BATCH)] | None = None
    seed: Annotated[StrictInt, Field(ge=0, le=S.MAX_SEED - 1)] | None = None
    verify: Annotated[StrictInt, Field(ge=1, le=20)] | None = None
    uncertainty: Literal["monte-carlo", "posterior"] | None = Field(
        None, description="posterior: each draw also takes a posterior draw of the uncertain parameters"
    )
    discovery: Annotated[StrictInt, Field(ge=0, le=MAX_DRAWS)] | None = Field(
        None, description="further posterior draws of the recommended mix for scenario discovery (0: none)"
    )


def json_schema() -> dict[str, Any]:
    s = DesignFile.model_json_schema(by_alias=True)
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return s


_ALLOWED = {
    "name": "a short identifier (letters, digits, _ . + -)",
    "description": "a non-empty text",
    "title": "a display name of 1 to 80 characters",
    "title_ko": "a Korean display name of 1 to 80 characters",
    "description_ko": "a non-empty text",
    "scenario": "a path to a scenario file, relative to the design file",
    "start": "a decimal year from 2020.5 to 2060 (2026.0 = from 2026 Q1)",
    "goal": "a mapping {output, year, at_least or at_most, probability}",
    "goal.output": "one of the model outputs (docs/model.md), e.g. core_talent_kr, shortage",
    "goal.year": "a whole number from 2021 to 2060 within the scenario's horizon",
    "goal.at_least": "a number (the effect the mix must reach)",
    "goal.at_most": "a number (the effect the mix must stay below)",
    "goal.probability": "a number above 0 and at most 1",
    "budget": "a mapping {bn_krw_per_year, basis}",
    "budget.bn_krw_per_year": "a number above 0 (bn KRW a year)",
    "budget.basis": "gross or net",
    "levers": "a mapping of 'policies.POLICY.FIELD' to {from, to, step} or a list of values",
    "fixed": "a mapping of 'policies.POLICY.FIELD' to one value (not a lever, not a start date)",
    "draws": f"a whole number from 2 to {MAX_DRAWS}",
    "evaluations": f"a whole number from 1 to {MAX_EVALUATIONS}",
    "batch": f"a whole number from 1 to {MAX_BATCH}",
    "seed": f"a whole number from 0 to {S.MAX_SEED - 1}",
    "verify": "a whole number from 1 to 20",
    "uncertainty": "monte-carlo or posterior",
    "discovery": f"a whole number from 0 to {MAX_DRAWS} (0: no scenario discovery)",
}


def _allowed(loc: tuple[str, ...]) -> str:
    if loc and loc[0] in ("levers", "fixed"):
        return _ALLOWED[loc[0]]
    return _ALLOWED.get(".".join(loc[:2]), _ALLOWED.get(loc[0] if loc else "", "the keys: " + ", ".join(_ALLOWED)))


def _format(path: Path, err: ValidationError) -> str:
    lines, said = [], set()
    tags = {"int", "float", "str", "bool", "RangeModel", "function-after[...]"}
    for e in err.errors(include_url=False):
        loc = tuple(str(x) for x in e["loc"] if not (isinstance(x, str) and (x in tags or x.startswith("list["))))
        key = ".".join(loc) or "(top level)"
        if e["type"] == "extra_forbidden":
            parent = loc[:-1]
            fields = {
                (): DesignFile.model_fields,
                ("goal",): GoalModel.model_fields,
                ("budget",): BudgetModel.model_fields,
            }.get(parent, {})
            names = [f.alias or n for n, f in fields.items()] if fields else ["from", "to", "step"]
            lines.append(
                f"{path}: {key}: unknown key {S.shown(loc[-1])}{S._suggest(loc[-1], names)}; "
                f"allowed: {', '.join(names)}"
            )
        elif e["type"] == "missing":
            lines.append(f"{path}: {key}: missing; required: {_allowed(loc)}")
        elif key not in said:  # a number field is int | float: one line, not one per member
            said.add(key)
            v = e.get("input")
            lines.append(
                f"{path}: {key}: {S.shown(v)} is not allowed ({e['msg']}); allowed: {_allowed(loc)}{S.number_hint(v)}"
            )
    return "\n".join(dict.fromkeys(lines))


# --------------------------------------------------------------------------- the design
@dataclass(frozen=True)
class Lever:
    path: str  # policies.POLICY.FIELD
    field: str  # the Params field
    lo: float | None = None
    hi: float | None = None
    step: float | None = None
    choices: tuple | None = None

    @property
    def is_int(self) -> bool:
        return S.PARAM_FIELDS[self.field].type == "int"

    def distribution(self):
        import optuna

        if self.choices is not None:
            return optuna.distributions.CategoricalDistribution(self.choices)
        if self.is_int:
            return optuna.distributions.IntDistribution(int(self.lo), int(self.hi), step=int(self.step or 1))
        return optuna.distributions.FloatDistribution(float(self.lo), float(self.hi), step=self.step)

    def spec(self) -> Any:
        if self.choices is not None:
            return list(self.choices)
        out: dict[str, Any] = {"from": self.lo, "to": self.hi}
        if self.step is not None:
            out["step"] = self.step
        return out


@dataclass(frozen=True)
class Design:
    name: str
    description: str
    scenario: S.Scenario
    start: float
    output: str
    year: int
    sense: str  # at_least | at_most
    threshold: float
    probability: float
    budget_bn: float | None
    basis: str
    levers: tuple[Lever, ...]
    fixed: tuple[tuple[str, Any], ...]  # (path, value): policy settings every candidate uses
    draws: int
    evaluations: int
    batch: int
    seed: int
    verify: int
    title: str = ""
    title_ko: str = ""
    description_ko: str = ""
    files: tuple[S.SourceFile, ...] = ()
    uncertainty: str = U.DEFAULT
    discovery: int = DEFAULT["discovery"]

    def display_name(self, lang: str) -> str:
        return (self.title_ko if lang == "ko" and self.title_ko else self.title) or self.name

    def resolved(self) -> dict[str, Any]:
        """The design as one self-contained document (its scenario resolved): what a manifest stores."""
        goal: dict[str, Any] = {"output": self.output, "year": self.year, self.sense: self.threshold}
        goal["probability"] = self.probability
        doc: dict[str, Any] = {"name": self.name, "description": self.description}
        doc.update({k: getattr(self, k) for k in S.UNINHERITED if getattr(self, k)})
        doc.update(
            {
                "scenario": self.scenario.resolved(),
                "start": self.start,
                "goal": goal,
                "levers": {lv.path: lv.spec() for lv in self.levers},
                **({"fixed": dict(self.fixed)} if self.fixed else {}),
                "draws": self.draws,
                "evaluations": self.evaluations,
                "batch": self.batch,
                "seed": self.seed,
                "verify": self.verify,
                "uncertainty": self.uncertainty,
                "discovery": self.discovery,
            }
        )
        if self.budget_bn is not None:
            doc["budget"] = {"bn_krw_per_year": self.budget_bn, "basis": self.basis}
        return doc

    @property
    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.resolved(), sort_keys=True).encode()).hexdigest()

    @property
    def sign(self) -> float:
        """+1 when a larger effect is better (`at_least`), -1 when a smaller one is (`at_most`)."""
        return 1.0 if self.sense == "at_least" else -1.0

    def meets(self, effect: np.ndarray) -> np.ndarray:
        return effect >= self.threshold if self.sense == "at_least" else effect <= self.threshold

    def with_options(self, **kw: Any) -> Design:
        return dataclasses.replace(self, **{k: v for k, v in kw.items() if v is not None})

    # parameters of a run
    def _common(self) -> dict[str, Any]:
        over = dict(self.scenario.overrides)
        over.update({S.param_of(k): v for k, v in self.fixed})
        over.update(dict.fromkeys(policies.START_FIELDS, float(self.start)))
        over["end_year"] = self.year  # the goal year's Q4 is the last quarter any number reads
        return over

    def baseline_params(self) -> tuple[tuple[str, Any], ...]:
        over = {
            k: v for k, v in self._common().items() if k not in policies.POLICY_FIELDS or k in policies.START_FIELDS
        }
        return tuple(Params.from_dict(over).to_dict().items())

    def candidate_params(self, values: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
        over = self._common()
        over.update({lv.field: _cast(lv, values[lv.path]) for lv in self.levers})
        return tuple(Params.from_dict(over).to_dict().items())

    @property
    def fork_step(self) -> int:
        return max(first_active_step(self.start) - 1, 0)

    @property
    def cost_years(self) -> list[int]:
        return list(range(int(math.floor(self.start + 1e-9)), self.year + 1))


def _cast(lv: Lever, v: Any) -> Any:
    """A lever's value as the parameter takes it: whole numbers for whole-number fields, and floats
    on a step's grid without binary noise (0.35, not 0.35000000000000003)."""
    if lv.choices is not None:
        return v
    if lv.is_int:
        return int(round(v))
    return round(float(v), 10) if lv.step is not None else float(v)


def load(path: str | Path) -> Design:
    """Read and validate a design file (and its scenario).

    Raises:
        DesignError: naming the file, the key, the bad value and what is allowed.
    """
    path = Path(path)
    raw = S.read_limited(path, "design file")
    text = S._decode(raw, path)
    S._check_shape(path, text)
    S._check_duplicates(path, text)
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise DesignError(f"{path}: not valid YAML: {S._yaml_problem(e)}") from None
    if not isinstance(doc, dict):
        raise DesignError(f"{path}: (top level): a design is a mapping with keys such as name, goal, levers")
    _validate(path, doc)
    target = path.parent / str(doc["scenario"])
    if not target.is_file():
        raise DesignError(
            f"{path}: scenario: {S.shown(doc['scenario'])} is not a file (looked for {target}); "
            f"allowed: {_ALLOWED['scenario']}"
        )
    scn = S.load(target)
    own = S.SourceFile(str(path), hashlib.sha256(raw).hexdigest(), text)
    return _build(path, doc, scn, (own, *scn.files))


def from_resolved(doc: dict[str, Any], where: str = "<manifest>") -> Design:
    """A design from its resolved document (a manifest's), validated again."""
    if not isinstance(doc, dict) or not isinstance(doc.get("scenario"), dict):
        raise DesignError(f"{where}: design: not a resolved design document")
    scn_doc = doc["scenario"]
    scn = S.from_document(scn_doc, (), where)
    doc = {"uncertainty": "monte-carlo", "discovery": 0, **doc}  # manifests from before these keys
    _validate(Path(where), {**doc, "scenario": "resolved"})
    return _build(Path(where), doc, scn, ())


def _validate(path: Path, doc: dict[str, Any]) -> None:
    try:
        DesignFile.model_validate(doc)
    except ValidationError as e:
        raise DesignError(_format(path, e)) from None


def trivial_goal(sense: str, threshold: float) -> bool:
    """Whether a goal is met with no policy at all: the goal is on the effect, the change from the
    baseline, which is 0 for a run without policies (an `at_least` of 0 or less, an `at_most` of 0
    or more). Such a goal is almost always a level written where a change was meant."""
    return threshold <= 0 if sense == "at_least" else threshold >= 0


def trivial_goal_message(sense: str, threshold: float) -> str:
    allowed = "a number above 0" if sense == "at_least" else "a number below 0 (a fall, e.g. -2000)"
    return (
        f"goal.{sense}: {threshold:g} is met with no policy at all: the goal is a change from the baseline, "
        f"and a run without policies changes nothing (0); allowed: {allowed}"
    )


def _build(path: Path, doc: dict[str, Any], scn: S.Scenario, files: tuple) -> Design:
    goal = doc["goal"]
    senses = [k for k in ("at_least", "at_most") if goal.get(k) is not None]
    if len(senses) != 1:
        raise DesignError(
            f"{path}: goal: {' and '.join(senses) or 'neither at_least nor at_most'} given; "
            f"allowed: exactly one of at_least (the effect must reach it) or at_most"
        )
    if trivial_goal(senses[0], float(goal[senses[0]])):
        raise DesignError(f"{path}: {trivial_goal_message(senses[0], float(goal[senses[0]]))}")
    start = float(doc["start"])
    if abs(start * 4 - round(start * 4)) > 1e-9:
        raise DesignError(f"{path}: start: {start!r} is not a quarter; allowed: {_ALLOWED['start']}")
    year = int(goal["year"])
    if not start < year + 1 <= scn.end_year + 1:
        raise DesignError(
            f"{path}: goal.year: {year} is not after the start ({start:g}) and within the scenario's horizon "
            f"(it ends with {scn.end_year}); allowed: a year from {int(math.floor(start))} to {scn.end_year}"
        )
    levers = tuple(_lever(path, k, v) for k, v in doc["levers"].items())
    for lv in levers:
        if lv.field in policies.START_FIELDS:
            _check_start_lever(path, lv, start, year)
    fixed = tuple((k, _fixed(path, k, v, levers)) for k, v in (doc.get("fixed") or {}).items())
    budget = doc.get("budget") or {}
    d = Design(
        name=doc["name"],
        description=doc["description"],
        scenario=scn,
        start=start,
        output=goal["output"],
        year=year,
        sense=senses[0],
        threshold=float(goal[senses[0]]),
        probability=float(goal["probability"]),
        budget_bn=float(budget["bn_krw_per_year"]) if budget else None,
        basis=budget.get("basis", "gross") if budget else "gross",
        levers=levers,
        fixed=fixed,
        draws=int(doc.get("draws") or DEFAULT["draws"]),
        evaluations=int(doc.get("evaluations") or DEFAULT["evaluations"]),
        batch=int(doc.get("batch") or DEFAULT["batch"]),
        seed=int(doc["seed"]) if doc.get("seed") is not None else DEFAULT["seed"],
        verify=int(doc.get("verify") or DEFAULT["verify"]),
        files=files,
        uncertainty=doc.get("uncertainty") or U.DEFAULT,
        discovery=int(doc["discovery"]) if doc.get("discovery") is not None else DEFAULT["discovery"],
        **{k: doc[k] for k in S.UNINHERITED if doc.get(k)},
    )
    try:  # every corner of the lever box is a valid parameter set (cross-field checks)
        d.candidate_params({lv.path: (lv.choices[0] if lv.choices else lv.lo) for lv in levers})
    except ValueError as e:
        raise DesignError(f"{path}: levers: {e}") from None
    return d


def _lever(path: Path, key: str, spec: Any) -> Lever:
    try:
        name = S.param_of(key)
    except KeyError:
        name = None
    if name is None or policies.owner(name) is None:
        raise DesignError(
            f"{path}: levers.{S._cut(key)}: unknown lever{S._suggest(key, S.POLICY_PATHS)}; allowed: "
            f"'policies.POLICY.FIELD' with POLICY one of {', '.join(policies.BY_NAME)}"
        )
    meta = S.PARAM_FIELDS[name].metadata
    if isinstance(spec, list):
        if meta["choices"] is None:
            for v in spec:
                S.check_value(path, f"levers.{key}", name, v)
        elif any(v not in meta["choices"] or type(v) is not type(meta["choices"][0]) for v in spec):
            bad = next(v for v in spec if v not in meta["choices"] or type(v) is not type(meta["choices"][0]))
            raise DesignError(f"{path}: levers.{key}: {S.shown(bad)} is not allowed; allowed: {S._allowed_for(name)}")
        if len(set(map(repr, spec))) != len(spec):
            raise DesignError(f"{path}: levers.{key}: a value is listed twice; allowed: each value once")
        return Lever(key, name, choices=tuple(spec))
    if meta["choices"] is not None:
        raise DesignError(
            f"{path}: levers.{key}: a range is not allowed for a choice; allowed: a list of {S._allowed_for(name)}"
        )
    lo, hi = spec["from"], spec["to"]
    for v in (lo, hi):
        S.check_value(path, f"levers.{key}", name, v)
    if not lo < hi:
        raise DesignError(f"{path}: levers.{key}: from {lo!r} is not below to {hi!r}; allowed: from < to")
    step = spec.get("step")
    if step is not None and (step > hi - lo or abs((hi - lo) / step - round((hi - lo) / step)) > 1e-9):
        raise DesignError(
            f"{path}: levers.{key}: step {step!r} does not divide the range {lo!r} to {hi!r}; "
            f"allowed: a step that fits a whole number of times"
        )
    if S.PARAM_FIELDS[name].type == "int" and any(float(v) != int(v) for v in (lo, hi, step or 1)):
        raise DesignError(f"{path}: levers.{key}: {name} is a whole number; allowed: whole from, to and step")
    return Lever(key, name, lo, hi, step)  # as written (a whole number stays one in the manifest)


def _check_start_lever(path: Path, lv: Lever, start: float, year: int) -> None:
    """A start date as a lever: quarters from the design's `start` (the baselines fork there) to
    the goal year (a later start could not act by its Q4)."""
    values = list(lv.choices) if lv.choices is not None else [lv.lo, lv.hi]
    if lv.choices is None and lv.step is None:
        values.append(None)  # a continuous range is not on quarters
    bad = next(
        (
            v
            for v in values
            if v is None or isinstance(v, bool) or not isinstance(v, int | float) or abs(v * 4 - round(v * 4)) > 1e-9
        ),
        "none",
    )
    if bad == "none" and lv.step is not None and abs(lv.step * 4 - round(lv.step * 4)) > 1e-9:
        bad = lv.step
    if bad != "none":
        raise DesignError(
            f"{path}: levers.{lv.path}: {S.shown(bad) if bad is not None else 'a range without a step'} is not "
            f"on quarters; allowed: decimal years on quarters (2027.25 = from 2027 Q2), a range with a step of "
            f"0.25, 0.5 or 1, or a list"
        )
    lo, hi = min(values), max(values)
    if lo < start - 1e-9 or hi > year + 1e-9:
        raise DesignError(
            f"{path}: levers.{lv.path}: {S.shown(lo if lo < start - 1e-9 else hi)} is outside the design's "
            f"window; allowed: start dates from the design's start ({start:g}, where every candidate leaves its "
            f"baseline) to the goal year ({year})"
        )


def _fixed(path: Path, key: str, v: Any, levers: tuple[Lever, ...]) -> Any:
    try:
        name = S.param_of(key)
    except KeyError:
        name = None
    if name is None or policies.owner(name) is None or name in policies.START_FIELDS:
        raise DesignError(
            f"{path}: fixed.{S._cut(key)}: unknown setting{S._suggest(key, S.POLICY_PATHS)}; allowed: "
            f"'policies.POLICY.FIELD' (not a start date: every policy starts at `start`)"
        )
    if any(lv.field == name for lv in levers):
        raise DesignError(f"{path}: fixed.{key}: also a lever; allowed: a field that is not among the levers")
    S.check_value(path, f"fixed.{key}", name, v)
    return v


# --------------------------------------------------------------------------- runs
def _metrics(df: pd.DataFrame, output: str, years: list[int]) -> dict[str, Any]:
    q4 = df[df["quarter"] == 4].set_index("year")
    return {
        "value": float(q4.loc[max(years), output]),
        "gross": [float(q4.loc[y, COST_COLUMN["gross"]]) for y in years],
        "net": [float(q4.loc[y, COST_COLUMN["net"]]) for y in years],
    }


def baseline_task(params, entropy: int, spawn_key: tuple, stop: int, output: str, years: list[int]):
    """A baseline run of one draw: its metrics and its pickled state after step `stop`."""
    df, state = batch.execute_checkpoint(params, entropy, spawn_key, stop)
    return _metrics(df, output, years), state


def candidate_task(state: bytes | None, params, entropy: int, spawn_key: tuple, output: str, years: list[int]):
    """A candidate's run of one draw: from the baseline's state (or from the start without one)."""
    df = batch.execute_resume(state, params) if state is not None else batch.execute(params, entropy, spawn_key)
    return _metrics(df, output, years)


class Evaluator:
    """Runs candidates on a fixed set of draws, each paired with its baseline (module docstring)."""

    def __init__(self, design: Design, seed: int, executor: cf.Executor | None, progress=None) -> None:
        self.d = design
        self.seeds = [(int(s.entropy), tuple(s.spawn_key)) for s in np.random.SeedSequence(seed).spawn(design.draws)]
        self.executor = executor
        self.progress = progress
        # draw i's parameter values (posterior: posterior draw uncertainty.draw_indices(seed)[i], as
        # `talentsim compare --seed seed --uncertainty posterior` gives replication i)
        self.draw_values: list[dict[str, float]] = [{} for _ in self.seeds]
        self.draw_index: list[int | None] = [None for _ in self.seeds]
        if design.uncertainty == "posterior":
            post = U.load()
            self.draw_index = U.draw_indices(seed, design.draws, len(post.draws))
            self.draw_values = [post.values(j) for j in self.draw_index]
        years = design.cost_years
        stop = design.fork_step
        tasks = [
            (i, (self._with_draw(design.baseline_params(), i), e, k, stop, design.output, years))
            for i, (e, k) in enumerate(self.seeds)
        ]
        got = X.collect(X.run_tasks(baseline_task, tasks, executor, progress=progress, desc="baselines"), "baselines")
        self.base = [got[i][0] for i in range(len(self.seeds))]
        self.states = [got[i][1] for i in range(len(self.seeds))]
        self.runs = len(self.seeds)  # the baselines

    def _run(self, candidates: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        """Each candidate's runs, one per draw (in draw order)."""
        d, years = self.d, self.d.cost_years
        tasks = []
        for c, values in enumerate(candidates):
            params = d.candidate_params(values)
            for i, (e, k) in enumerate(self.seeds):
                tasks.append(((c, i), (self.states[i], self._with_draw(params, i), e, k, d.output, years)))
        got = X.collect(X.run_tasks(candidate_task, tasks, self.executor), "design runs")
        self.runs += len(tasks)
        return [[got[(c, i)] for i in range(len(self.seeds))] for c in range(len(candidates))]

    def evaluate(self, candidates: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [self._record(values, runs) for values, runs in zip(candidates, self._run(candidates))]

    def per_draw(self, values: dict[str, Any]) -> pd.DataFrame:
        """One candidate on every draw: a row per draw with its posterior draw, its values of the
        uncertain parameters the scenario does not set, the effect, the cost and whether it met
        the goal (the input of scenario discovery)."""
        runs = self._run([values])[0]
        effect, cost, _ = self._arrays(runs)
        fixed = set(self.d.scenario.overrides)
        table = pd.DataFrame(
            [{k: v for k, v in dv.items() if k not in fixed} for dv in self.draw_values], index=range(len(runs))
        )
        table.insert(0, "draw", range(len(runs)))
        table.insert(1, "posterior_draw", self.draw_index)
        table.insert(2, "effect", effect)
        table.insert(3, "cost_bn_per_year", cost)
        table.insert(4, "met", self.d.meets(effect))
        return table

    def _with_draw(self, params: tuple[tuple[str, Any], ...], i: int) -> tuple[tuple[str, Any], ...]:
        """`params` with draw i's values for every parameter the design's scenario does not set."""
        if not self.draw_values[i]:
            return params
        return tuple(U.with_draw(dict(params), self.draw_values[i], set(self.d.scenario.overrides)).items())

    def _arrays(self, runs: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per draw: the effect, the mean yearly cost and the peak yearly cost (bn KRW), each
        against the baseline of the same draw."""
        b = self.d.basis
        effect = np.array([r["value"] - base["value"] for r, base in zip(runs, self.base)])
        cost = np.array([np.mean(np.subtract(r[b], base[b])) for r, base in zip(runs, self.base)]) / 1e9
        peak = np.array([np.max(np.subtract(r[b], base[b])) for r, base in zip(runs, self.base)]) / 1e9
        return effect, cost, peak

    def _record(self, values: dict[str, Any], runs: list[dict[str, Any]]) -> dict[str, Any]:
        d = self.d
        effect, cost, peak = self._arrays(runs)
        meet = d.meets(effect)
        n = len(effect)
        k = math.ceil(n * d.probability - 1e-9)  # draws that must meet the goal
        ordered = np.sort(effect)
        scale = max(abs(d.threshold), 1.0)
        if d.sense == "at_least":
            q = ordered[n - k]  # the k-th largest: >= threshold iff at least k draws meet it
            c_goal = (d.threshold - q) / scale
        else:
            q = ordered[k - 1]
            c_goal = (q - d.threshold) / scale
        mean_cost = float(cost.mean())
        c_budget = (mean_cost - d.budget_bn) / d.budget_bn if d.budget_bn else -1.0
        return {
            **values,
            "p_meet": float(meet.mean()),
            "effect_mean": float(effect.mean()),
            "effect_lo": float(np.quantile(effect, 0.05)),
            "effect_hi": float(np.quantile(effect, 0.95)),
            "cost_bn_per_year": mean_cost,
            "cost_lo": float(np.quantile(cost, 0.05)),
            "cost_hi": float(np.quantile(cost, 0.95)),
            "peak_cost_bn": float(peak.mean()),
            "c_goal": float(c_goal),
            "c_budget": float(c_budget),
            "feasible": bool(c_goal <= 0 and c_budget <= 0),
        }


# --------------------------------------------------------------------------- search
@dataclass
class Result:
    design: Design
    candidates: pd.DataFrame  # every candidate evaluated by the search, in the order asked
    verified: pd.DataFrame  # the cheapest feasible ones on fresh draws
    recommended: dict[str, Any] | None  # its lever values and fresh-draw numbers
    # when unreachable: the highest P(meet) within the budget (on the fresh draws when some
    # candidates met the goal on the search's draws but none held on the fresh ones)
    closest: dict[str, Any] | None
    runs: int
    wall_seconds: float
    # scenario discovery: the recommended mix on `discovery` further posterior draws (seed + 2)
    discovery_draws: pd.DataFrame | None = None
    discovery: SD.Discovery | None = None

    @property
    def none_held(self) -> bool:
        """No recommendation although some candidates met the goal on the search's draws: those
        re-checked on fresh draws all missed it there."""
        return self.recommended is None and not self.verified.empty

    @property
    def front(self) -> pd.DataFrame:
        return self.candidates[self.candidates["pareto"]].sort_values("cost_bn_per_year")


def pareto(df: pd.DataFrame) -> np.ndarray:
    """Mask of candidates no other candidate dominates (cost no higher, P(meet) and mean effect no
    lower, one of them strictly better; the effect's sign follows the goal's sense)."""
    c = df["cost_bn_per_year"].to_numpy()
    p = df["p_meet"].to_numpy()
    e = df["effect_mean"].to_numpy() * df.attrs.get("sign", 1.0)
    n = len(df)
    keep = np.ones(n, bool)
    for i in range(n):
        better_eq = (c <= c[i]) & (p >= p[i]) & (e >= e[i])
        strictly = (c < c[i]) | (p > p[i]) | (e > e[i])
        keep[i] = not np.any(better_eq & strictly)
    return keep


RECORDS = "design-records.jsonl"


class Staged:
    """An evaluator of one set of draws (`tag`: search, verify, discovery) whose records are saved
    as they finish, one JSON line per candidate in `path`, and read back when an interrupted
    search is run again: a saved candidate is not simulated again, and the evaluator (with its
    baseline runs) is made only when some candidate is not saved. The search asks the same
    candidates in the same order (a seeded sampler told the same records), and JSON keeps every
    float exactly, so a resumed search gives the same candidates as one that was never stopped.
    A line cut short by the interruption is ignored (it is simulated again)."""

    def __init__(self, make, design: Design, seed: int, executor, progress, path: Path | None, tag: str) -> None:
        self._make = lambda: make(design, seed, executor, progress)
        self._ev = None
        self.path, self.tag = path, tag
        self.done: dict[str, Any] = {}
        if path is not None and path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    row = json.loads(line)
                except ValueError:
                    continue
                if isinstance(row, dict) and row.get("tag") == tag:
                    self.done[row["key"]] = row["value"]

    @property
    def runs(self) -> int:
        return self._ev.runs if self._ev is not None else 0

    def _inner(self):
        if self._ev is None:
            self._ev = self._make()
        return self._ev

    def _save(self, items: list[tuple[str, Any]]) -> None:
        self.done.update(items)
        if self.path is None:
            return
        with self.path.open("a", encoding="utf-8") as fh:
            for key, value in items:
                fh.write(json.dumps({"tag": self.tag, "key": key, "value": value}) + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def evaluate(self, candidates: list[dict[str, Any]]) -> list[dict[str, Any]]:
        keys = [json.dumps(c, sort_keys=True) for c in candidates]
        todo = [(k, c) for k, c in zip(keys, candidates) if k not in self.done]
        if todo:
            self._save(list(zip([k for k, _ in todo], self._inner().evaluate([c for _, c in todo]))))
        return [self.done[k] for k in keys]

    def per_draw(self, values: dict[str, Any]) -> pd.DataFrame:
        key = "per_draw " + json.dumps(values, sort_keys=True)
        if key not in self.done:
            table = self._inner().per_draw(values)
            self._save([(key, {c: table[c].tolist() for c in table.columns})])
        return pd.DataFrame(self.done[key])


def search(
    design: Design,
    executor: cf.Executor | None = None,
    progress: bool | None = None,
    on_round=None,
    evaluator=None,
    stage: Path | None = None,
) -> Result:
    """Run the design's search (module docstring) on `executor` (None: in this process).

    `on_round(done, total)` is called after each batch (a progress bar; raising from it stops the
    search). `evaluator(design, seed, executor, progress)` makes the evaluator of a set of draws
    (default `Evaluator`; tests pass a synthetic one with a known optimum). With a staging folder
    `stage` every candidate's record is saved there as it finishes, and a search run again with the
    same folder resumes (`Staged`)."""
    inner = evaluator or Evaluator
    records = stage / RECORDS if stage is not None else None
    tags = {design.seed: "search", design.seed + 1: "verify", design.seed + 2: "discovery"}

    def make(des: Design, seed: int, executor, progress) -> Staged:
        return Staged(inner, des, seed, executor, progress, records, tags[seed])

    import optuna

    t0 = time.perf_counter()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        sampler = optuna.samplers.TPESampler(
            seed=design.seed,
            multivariate=True,
            constant_liar=True,
            n_startup_trials=max(4, min(20, design.evaluations // 5)),
        )
    study = optuna.create_study(direction="minimize", sampler=sampler)
    dists = {lv.path: lv.distribution() for lv in design.levers}
    ev = make(design, design.seed, executor, progress)
    rows: list[dict[str, Any]] = []
    seen: dict[str, dict[str, Any]] = {}
    while len(rows) < design.evaluations:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
            trials = [study.ask(dists) for _ in range(min(design.batch, design.evaluations - len(rows)))]
        values = [{lv.path: _cast(lv, t.params[lv.path]) for lv in design.levers} for t in trials]
        new = [v for v in dict.fromkeys(json.dumps(v, sort_keys=True) for v in values) if v not in seen]
        for key, rec in zip(new, ev.evaluate([json.loads(k) for k in new])):
            seen[key] = rec
        for t, v in zip(trials, values):
            rec = seen[json.dumps(v, sort_keys=True)]
            t.set_constraint("goal", rec["c_goal"])  # <= 0: met (TPE keeps feasible trials apart)
            t.set_constraint("budget", rec["c_budget"])
            study.tell(t, rec["cost_bn_per_year"])
            rows.append({"candidate": len(rows), **rec})
        if on_round:
            on_round(len(rows), design.evaluations)
    cand = pd.DataFrame(rows)
    cand.attrs["sign"] = design.sign
    cand["pareto"] = pareto(cand)
    first = ~cand.duplicated([lv.path for lv in design.levers])
    cand["pareto"] &= first
    fresh: list = []

    def verifier():  # made only when some candidate met the goal
        fresh.append(make(design, design.seed + 1, executor, progress))
        return fresh[0]

    verified, recommended, closest = _verify(design, cand, verifier)
    runs = ev.runs + sum(f.runs for f in fresh)
    table, found = None, None
    if recommended is not None and design.discovery and design.uncertainty == "posterior":
        dev = make(design.with_options(draws=design.discovery), design.seed + 2, executor, progress)
        table = dev.per_draw({lv.path: recommended[lv.path] for lv in design.levers})
        found = discover_failures(table)
        runs += dev.runs
    return Result(design, cand, verified, recommended, closest, runs, time.perf_counter() - t0, table, found)


DRAW_COLUMNS = ("draw", "posterior_draw", "effect", "cost_bn_per_year", "met")


def discover_failures(table: pd.DataFrame) -> SD.Discovery:
    """Scenario discovery (sim.study.discovery) on a `per_draw` table: where the mix fails."""
    params = table.drop(columns=list(DRAW_COLUMNS))
    return SD.discover(params, ~table["met"].to_numpy(bool))


def _verify(design: Design, cand: pd.DataFrame, verifier):
    paths = [lv.path for lv in design.levers]
    feas = cand[cand["feasible"]].drop_duplicates(paths).sort_values(["cost_bn_per_year", "candidate"])
    if feas.empty:
        return pd.DataFrame(), None, _closest(design, cand)
    top = feas.head(design.verify)
    fresh = verifier().evaluate([{p: row[p] for p in paths} for _, row in top.iterrows()])
    ver = pd.DataFrame(fresh)
    ver.insert(0, "candidate", top["candidate"].to_numpy())
    held = ver[ver["feasible"]]
    if held.empty:  # none held on the fresh draws: the closest among those re-checked, on them
        return ver, None, _closest(design, ver)
    return ver, held.sort_values(["cost_bn_per_year", "candidate"]).iloc[0].to_dict(), None


def _closest(design: Design, rows: pd.DataFrame) -> dict[str, Any]:
    """The closest point to an unmet goal among `rows`: the highest P(meet), then the mean effect
    furthest in the goal's direction (the largest for `at_least`, the most negative for
    `at_most`), then the lowest cost, among those within the budget (all of them if none is)."""
    ok = rows[rows["c_budget"] <= 0] if design.budget_bn else rows
    pool = ok if not ok.empty else rows
    toward = pool["effect_mean"] * design.sign
    order = pool.assign(_toward=toward).sort_values(
        ["p_meet", "_toward", "cost_bn_per_year"], ascending=[False, False, True]
    )
    return order.drop(columns="_toward").iloc[0].to_dict()


# --------------------------------------------------------------------------- results folder
def recommended_scenario(design: Design, values: dict[str, Any]) -> S.Scenario:
    """The recommended mix as a scenario: the design's scenario with the levers and start set."""
    over = dict(design.scenario.overrides)
    over.update({S.param_of(k): v for k, v in design.fixed})
    over.update(dict.fromkeys([pol.start for pol in policies.POLICIES], float(design.start)))
    over.update({lv.field: _cast(lv, values[lv.path]) for lv in design.levers})
    starts = {pol.start: over[pol.start] for pol in policies.POLICIES}  # the design's, or a lever's
    on = {f for pol in policies.active(Params.from_dict(over)) for f in pol.params}  # the others do nothing
    over = {k: v for k, v in over.items() if k not in policies.POLICY_FIELDS or (k in on and _differs(k, v))}
    over.update({pol.start: starts[pol.start] for pol in policies.active(Params.from_dict(over))})
    return dataclasses.replace(
        design.scenario,
        name=f"{design.name}-recommended",
        description=f"The mix recommended by the design {design.name}: {design.description.strip()}",
        title=f"{design.display_name('en')}: recommended mix",
        title_ko=f"{design.display_name('ko')}: 추천 조합",
        description_ko="",
        overrides=over,
        replications=design.draws,
        seed=design.seed + 1,
        sweep={},
        files=(),
    )


def _differs(field: str, v: Any) -> bool:
    return S.PARAM_FIELDS[field].default != v


def write(result: Result, out: Path, argv: list[str], executor: str, workers: int, lang: str = "en") -> Path:
    """The results folder (atomically: staged, then renamed into place)."""
    d = result.design
    plan = batch.RunSet("design", d.digest, ())
    stage = batch.prepare(plan, out)
    with batch.locked(stage), batch.result_folder(stage, out, 0) as tmp:
        version = provenance.package_version()
        written = []
        cand = result.candidates.assign(talentsim_version=version)
        cand.to_csv(tmp / "candidates.csv", index=False, float_format="%.10g")
        result.front.assign(talentsim_version=version).to_csv(tmp / "front.csv", index=False, float_format="%.10g")
        written += ["candidates.csv", "front.csv"]
        if not result.verified.empty:
            result.verified.to_csv(tmp / "verified.csv", index=False, float_format="%.10g")
            written.append("verified.csv")
        if result.discovery_draws is not None and result.discovery is not None:
            result.discovery_draws.to_csv(tmp / "discovery.csv", index=False, float_format="%.10g")
            result.discovery.rows().to_csv(tmp / "discovery-boxes.csv", index=False, float_format="%.6g")
            written += ["discovery.csv", "discovery-boxes.csv"]
        front_chart(result, tmp / "front.png")  # in English, as the fan charts (no Korean font is certain)
        written.append("front.png")
        base = S.baseline_of(d.scenario)
        (tmp / "baseline.yaml").write_text(S.to_yaml(base.with_options(d.draws, d.seed + 1)), encoding="utf-8")
        written.append("baseline.yaml")
        if result.recommended is not None:
            rec = recommended_scenario(d, result.recommended)
            (tmp / "recommended.yaml").write_text(S.to_yaml(rec), encoding="utf-8")
            written.append("recommended.yaml")
        (tmp / "memo.md").write_text(memo_text(result, lang), encoding="utf-8")
        written.append("memo.md")
        doc = {
            "talentsim_version": version,
            "git": provenance.git_commit(),
            "command": "design",
            "argv": list(argv),
            "design": d.resolved(),
            "design_sha256": d.digest,
            "files": [{"path": f.path, "sha256": f.sha256, "content": f.content} for f in d.files],
            "draws": {
                "kind": (
                    "a posterior draw and a seed each (sim/data/posterior.json)"
                    if d.uncertainty == "posterior"
                    else "seeds at the calibrated parameters"
                ),
                **(
                    {
                        "posterior_sha256": U.posterior_sha256(),
                        "posterior_draws": U.draw_indices(d.seed, d.draws, len(U.load().draws)),
                        "verify_posterior_draws": U.draw_indices(d.seed + 1, d.draws, len(U.load().draws)),
                        "discovery_posterior_draws": U.draw_indices(d.seed + 2, d.discovery, len(U.load().draws)),
                    }
                    if d.uncertainty == "posterior"
                    else {}
                ),
                "search_seed": d.seed,
                "verify_seed": d.seed + 1,
                "discovery_seed": d.seed + 2,
                "seeds": [
                    {"draw": i, "entropy": str(s.entropy), "spawn_key": list(s.spawn_key)}
                    for i, s in enumerate(np.random.SeedSequence(d.seed).spawn(d.draws))
                ],
            },
            "runs": result.runs,
            "wall_seconds": round(result.wall_seconds, 1),
            "executor": executor,
            "workers": workers,
            "written": written,
            "libraries": {**provenance.lib_versions(), "optuna": _optuna_version()},
        }
        provenance.write_json(tmp / "manifest.json", doc)
    return out


def _optuna_version() -> str:
    import optuna

    return optuna.__version__


def to_document(d: Design, scenario: str) -> dict[str, Any]:
    """The design as a design file (YAML-ready) whose scenario is the file `scenario` (relative)."""
    doc = {k: v for k, v in d.resolved().items() if k != "scenario"}
    return {"name": doc.pop("name"), "description": doc.pop("description"), "scenario": scenario, **doc}


def read_manifest(path: Path) -> Design:
    """The design a results folder's manifest records (validated again)."""
    doc = batch.manifest_document(path)
    if doc.get("command") != "design" or "design" not in doc:
        raise DesignError(f"{path}: not the manifest of a design")
    d = from_resolved(doc["design"], str(path))
    if d.digest != doc.get("design_sha256"):
        raise DesignError(f"{path}: design_sha256 does not match the design it records (edited?)")
    if d.uncertainty == "posterior":
        rec = (doc.get("draws") or {}).get("posterior_sha256")
        if rec != U.posterior_sha256():
            raise DesignError(
                f"{path}: made with another posterior (sha256 {str(rec)[:12]}...; this installation's "
                f"sim/data/posterior.json is {U.posterior_sha256()[:12]}...): rerun it with the talentsim "
                f"version it names"
            )
    return d


def front_chart(result: Result, path: Path, lang: str = "en") -> None:
    """Mean cost vs P(meet) of every candidate (grey), the front (coloured by mean effect), the
    recommendation (a star), the goal's probability and the budget (dashed lines)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    d, cand = result.design, result.candidates
    fig, ax = plt.subplots(figsize=(7.5, 4.6), dpi=120)
    ax.scatter(cand["cost_bn_per_year"], cand["p_meet"], s=12, color="0.75", label=i18n.t("design_all", lang))
    fr = result.front
    sc = ax.scatter(fr["cost_bn_per_year"], fr["p_meet"], c=fr["effect_mean"], cmap="viridis", s=36, zorder=3)
    fig.colorbar(sc, ax=ax, label=i18n.t("design_effect_axis", lang, output=labels.label(d.output, lang), year=d.year))
    ax.axhline(d.probability, ls="--", color="0.3", lw=0.8)
    if d.budget_bn:
        ax.axvline(d.budget_bn, ls="--", color="firebrick", lw=0.8)
    if result.recommended is not None:
        r = cand[cand["candidate"] == result.recommended["candidate"]].iloc[0]
        ax.scatter([r["cost_bn_per_year"]], [r["p_meet"]], marker="*", s=220, color="crimson", zorder=4)
    ax.set_xlabel(i18n.t("design_cost_axis", lang, basis=i18n.t(f"design_{d.basis}", lang)))
    ax.set_ylabel(i18n.t("design_p_axis", lang))
    ax.set_title(d.display_name(lang), fontsize=10)
    ax.set_ylim(-0.03, 1.03)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _mix_text(d: Design, values: dict[str, Any], lang: str) -> str:
    from .memo import value_text

    parts = []
    for lv in d.levers:
        pol, key = policies.owner(lv.field)
        label = i18n.LEVER_LABELS.get(lv.field, {}).get(lang, f"{pol.name}.{key}")
        parts.append(f"{label} {value_text(lv.field, _cast(lv, values[lv.path]), lang)}")
    return "; ".join(parts)


def question_text(d: Design, lang: str = "en") -> str:
    """The question a design asks, in `lang` (goal, probability, budget)."""
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    output = labels.label(d.output, lang)
    goal = t(
        f"design_goal_{d.sense}",
        output=output,
        obj=i18n.object_particle(output),  # Korean only: the English text has no {obj}
        year=d.year,
        thr=f"{d.threshold:+,g}",
        p=f"{d.probability:.0%}",
    )
    budget = (
        t("design_budget", money=i18n.money(d.budget_bn * 1e9, lang, usd=False), basis=t(f"design_{d.basis}"))
        if d.budget_bn
        else t("design_no_budget")
    )
    return f"**{t('design_question')}** {goal} {budget}"


def answer_text(result: Result, lang: str = "en") -> str:
    """The answer in `lang`: the recommended mix with its fresh-draw numbers, or that no mix met
    the goal and the closest point."""
    d = result.design
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    rec = result.recommended
    if rec is not None:
        return t(
            "design_answer",
            mix=_mix_text(d, rec, lang),
            effect=i18n.num(rec["effect_mean"], "+,.0f"),
            lo=i18n.num(rec["effect_lo"], "+,.0f"),
            hi=i18n.num(rec["effect_hi"], "+,.0f"),
            p=f"{rec['p_meet']:.0%}",
            cost=i18n.money(rec["cost_bn_per_year"] * 1e9, lang, usd=False),
            n=d.draws,
        )
    if result.none_held:
        lines = [t("design_not_held", k=len(result.verified), n=len(result.candidates), draws=d.draws)]
    else:
        lines = [t("design_unreachable", n=len(result.candidates))]
    c = result.closest or {}
    if c:
        lines.append(
            t(
                "design_closest_fresh" if result.none_held else "design_closest",
                mix=_mix_text(d, c, lang),
                p=f"{c['p_meet']:.0%}",
                effect=i18n.num(c["effect_mean"], "+,.0f"),
                cost=i18n.money(c["cost_bn_per_year"] * 1e9, lang, usd=False),
            )
        )
    over = over_budget(result)
    if over is not None:
        lines.append(
            t(
                "design_over_budget",
                mix=_mix_text(d, over, lang),
                cost=i18n.money(over["cost_bn_per_year"] * 1e9, lang, usd=False),
                over=f"{over['c_budget']:.0%}",
                p=f"{over['p_meet']:.0%}",
                effect=i18n.num(over["effect_mean"], "+,.0f"),
            )
        )
    return "\n".join(lines)


def over_budget(result: Result) -> dict[str, Any] | None:
    """When no candidate met the goal within the budget in the search: the cheapest that met the
    goal above it (search draws), so the analyst learns what the goal would cost; else None."""
    cand, d = result.candidates, result.design
    if result.recommended is not None or result.none_held or not d.budget_bn or cand.empty:
        return None
    met = cand[(cand["c_goal"] <= 0) & (cand["c_budget"] > 0)]
    if met.empty:
        return None
    return met.sort_values(["cost_bn_per_year", "candidate"]).iloc[0].to_dict()


def _box_text(box: SD.Box, lang: str) -> str:
    joint = " 이고 " if lang == "ko" else " and "
    return joint.join(f"`{r.text()}`" for r in box.rules) or ("모든 표본" if lang == "ko" else "all draws")


def discovery_text(result: Result, lang: str = "en") -> str:
    """The scenario-discovery section in `lang` (empty without one): how often the recommended mix
    met the goal on the discovery draws, the box where its failures concentrate, how much the
    parameters explain, the table of boxes and what each named parameter is."""
    found, d = result.discovery, result.design
    if found is None:
        return ""
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    pct = lambda v: f"{v:.0%}"  # noqa: E731
    met = found.draws - found.failures
    lines = [f"## {t('design_discovery')}", ""]
    text = [t("design_discovery_met", n=found.draws, seed=d.seed + 2, met=met, p=pct(met / found.draws))]
    worst = found.worst
    if found.failures == 0:
        text.append(t("design_discovery_none"))
    elif found.failures == found.draws:
        text.append(t("design_discovery_all"))
    elif worst is None:
        text.append(t("design_discovery_nosplit", m=max(SD.MIN_LEAF, math.ceil(SD.MIN_LEAF_SHARE * found.draws))))
    else:
        bad = found.failing
        f, n = sum(b.failures for b in bad), sum(b.draws for b in bad)
        each = [t("design_discovery_each", box=_box_text(b, lang), f=b.failures, d=b.draws) for b in bad]
        text.append(
            t(
                "design_discovery_box",
                boxes=t("design_discovery_or").join(each),
                f=f,
                k=found.failures,
                coverage=pct(f / found.failures),
                of=found.failures - f,
                od=found.draws - n,
            )
        )
        text.append(t("design_discovery_fit", acc=pct(found.accuracy), base=pct(found.base_rate)))
    lines += [" ".join(text), ""]
    if worst is not None:
        head = t("design_discovery_cols").split("|")
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for b in found.boxes:
            lines.append(f"| {_box_text(b, lang)} | {b.draws} | {b.failures} | {pct(b.density)} | {pct(b.coverage)} |")
        named = dict.fromkeys(r.name for b in found.boxes for r in b.rules)
        doc = lambda n: S.PARAM_FIELDS[n].metadata["doc"] if n in S.PARAM_FIELDS else n  # noqa: E731
        docs = [f"`{n}`: {i18n.PARAM_DOC_KO.get(n, doc(n)) if lang == 'ko' else doc(n)}" for n in named]
        lines += ["", f"{t('design_discovery_params')}: " + "; ".join(docs) + "."]
    return "\n".join(lines).rstrip()


def memo_text(result: Result, lang: str = "en") -> str:
    """The design's memo section in `lang`: the question, the answer (or that there is none), the
    next-best alternatives, what the numbers do not include, and how to reproduce them."""
    d = result.design
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    rec = result.recommended
    # the file's description in the memo's language; a Korean memo of a file without description_ko
    # leaves it out (its question, next, says in Korean what the design asks)
    text = (d.description_ko if lang == "ko" else d.description).strip()
    lines = [
        f"# {d.display_name(lang)}",
        "",
        *([text, ""] if text else []),
        question_text(d, lang),
        "",
        answer_text(result, lang),
    ]
    lines.append("")
    fr = result.front
    if len(fr):
        lines += [f"## {t('design_front')}", "", t("design_front_note"), ""]
        head = [t("design_col_mix"), t("design_col_p"), t("design_col_effect"), t("design_col_cost")]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for _, r in fr.head(8).iterrows():
            cost = i18n.money(r["cost_bn_per_year"] * 1e9, lang, usd=False)
            lines.append(
                f"| {_mix_text(d, r.to_dict(), lang)} | {r['p_meet']:.0%} | {i18n.num(r['effect_mean'], '+,.0f')} "
                f"[{i18n.num(r['effect_lo'], '+,.0f')}, {i18n.num(r['effect_hi'], '+,.0f')}] | {cost} |"
            )
        lines.append("")
    disc = discovery_text(result, lang)
    if disc:
        lines += [disc, ""]
    caveat = t(f"design_caveat_draws_{d.uncertainty}", n=d.draws)
    if disc:  # the sentence on the discovery points up to it (it said 'below', and stood without one)
        caveat += " " + t("design_caveat_discovery")
    lines += [f"## {t('design_caveats')}", "", caveat, ""]
    lines += [
        f"## {t('design_reproduce')}",
        "",
        "```",
        "talentsim rerun manifest.json --out check/  # " + t("design_rerun_note"),
    ]
    if rec is not None:
        lines.append(
            f"talentsim compare baseline.yaml recommended.yaml --replications {d.draws} --seed {d.seed + 1} "
            f"--uncertainty {d.uncertainty}"
        )
    lines += [
        "```",
        "",
        t(
            "design_stamp",
            version=provenance.package_version(),
            evals=len(result.candidates),
            runs=result.runs,
            secs=f"{result.wall_seconds:.0f}",
        ),
    ]
    return "\n".join(lines) + "\n"
