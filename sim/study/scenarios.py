"""Scenario files: YAML in, validated `Scenario` out. Strict: a typo never runs the baseline.

A scenario file is a diff against its `base` (another file, path relative to this
one) or, without a base, against the model defaults. Keys:

    name, description        required in every file
    base                     optional path of the scenario this one changes
    horizon: {end_year}      last simulated year
    replications, seed       default number of runs and root seed
    parameters: {...}        any model parameter outside the policy group
    policies: {...}          salary_matching, grad_seats, settlement_package,
                             recruiting_drive, lab_acquisition, med_school_pull
    sweep: {path: values}    a grid over any parameter or policy field; values
                             are a list or {from, to, steps}

The schema is generated from `sim.core.params.Params` (bounds, units, choices) and
the policy registry (`sim.core.policies`), so the validator, the JSON Schema for editors
(`json_schema()`) and the docs cannot drift. Files are read with
`yaml.safe_load` only (duplicate keys are found first with `yaml.compose`,
which builds no objects); nothing in a scenario file is executed.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import hashlib
import itertools
import json
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    create_model,
)

from ..core import policies
from ..core.params import Params
from ..core.policies import BY_NAME, POLICIES

PARAM_FIELDS = {f.name: f for f in dataclasses.fields(Params)}
# model parameters a scenario sets under `parameters` (policy fields go under `policies`;
# the horizon under `horizon`)
PARAMETER_NAMES = tuple(n for n, f in PARAM_FIELDS.items() if f.metadata["group"] != "policy" and n != "end_year")
POLICY_PATHS = tuple(f"policies.{pol.name}.{k}" for pol in POLICIES for k in pol.keys)  # sweep and design keys
DEFAULT_REPLICATIONS = 30
DEFAULT_SEED = 20200601
MAX_SEED = 2**63 - 1
MAX_REPLICATIONS = 10_000
MAX_SWEEP_POINTS = 10_000
# Input limits, checked before a file is parsed (a scenario file is a few hundred bytes; the
# shipped ones are under 1 kB): size, nesting depth, and YAML nodes counted with every alias
# expanded (so an alias or merge-key "bomb" is refused without being expanded).
MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 16
MAX_NODES = 20_000
_NAME = r"^[A-Za-z0-9][A-Za-z0-9_.+-]*$"


class ScenarioError(ValueError):
    """A scenario file is missing, malformed or invalid. The message names the file,
    the key path, the bad value and what is allowed."""


# --------------------------------------------------------------------------- schema
def _strict(**kw: Any) -> ConfigDict:
    return ConfigDict(extra="forbid", strict=True, **kw)


def _field_type(name: str) -> tuple[Any, Any]:
    """(annotation, Field) for a Params field, from its metadata."""
    f = PARAM_FIELDS[name]
    m = f.metadata
    desc = f"{m['doc']} [{m['unit']}] (source: {m['source']})"
    if m["choices"] is not None:
        if isinstance(m["choices"][0], bool):
            return StrictBool | None, Field(None, description=desc)
        return Literal[tuple(m["choices"])] | None, Field(None, description=desc)  # type: ignore[misc]
    if f.type == "int":
        return Annotated[StrictInt, Field(ge=m["lo"], le=m["hi"])] | None, Field(None, description=desc)
    # strict float accepts whole numbers too, but not bools or strings
    return (
        Annotated[StrictFloat, Field(ge=m["lo"], le=m["hi"], allow_inf_nan=False)] | None,
        Field(None, description=desc),
    )


ParametersModel = create_model(
    "Parameters", __config__=_strict(title="parameters"), **{n: _field_type(n) for n in PARAMETER_NAMES}
)

_policy_models = {
    pol.name: create_model(
        f"Policy_{pol.name}",
        __config__=_strict(title=pol.name),
        __doc__=pol.description,
        **{k: _field_type(v) for k, v in pol.fields},
    )
    for pol in POLICIES
}
PoliciesModel = create_model(
    "Policies",
    __config__=_strict(title="policies"),
    **{pol.name: (_policy_models[pol.name] | None, Field(None, description=pol.description)) for pol in POLICIES},
)


class Horizon(BaseModel):
    model_config = _strict()
    end_year: Annotated[
        StrictInt,
        Field(
            ge=PARAM_FIELDS["end_year"].metadata["lo"],
            le=PARAM_FIELDS["end_year"].metadata["hi"],
            description="last simulated year (runs to its Q4)",
        ),
    ]


class SweepRange(BaseModel):
    """An evenly spaced range: `steps` values from `from` to `to` inclusive."""

    model_config = _strict(populate_by_name=True)
    from_: StrictInt | Annotated[StrictFloat, Field(allow_inf_nan=False)] = Field(alias="from")
    to: StrictInt | Annotated[StrictFloat, Field(allow_inf_nan=False)]
    steps: Annotated[StrictInt, Field(ge=2, le=1000)]


SweepValues = Annotated[list[StrictInt | StrictFloat | StrictStr | StrictBool], Field(min_length=1)] | SweepRange


class ScenarioFile(BaseModel):
    """One scenario file as written (before its base is applied)."""

    model_config = _strict(title="talentsim scenario")
    name: Annotated[StrictStr, Field(pattern=_NAME, max_length=80, description="short identifier")]
    description: Annotated[
        StrictStr, Field(min_length=1, description="what the scenario represents, naming the real proposal")
    ]
    title: Annotated[StrictStr, Field(min_length=1, max_length=80)] | None = Field(
        None, description="display name in English (legends, memo headings; default: name); not inherited"
    )
    title_ko: Annotated[StrictStr, Field(min_length=1, max_length=80)] | None = Field(
        None, description="display name in Korean (default: title, then name); not inherited"
    )
    description_ko: Annotated[StrictStr, Field(min_length=1)] | None = Field(
        None, description="the description in Korean, for the Korean memo and app; not inherited"
    )
    base: StrictStr | None = Field(None, description="path of the scenario this one changes, relative to this file")
    horizon: Horizon | None = None
    replications: Annotated[StrictInt, Field(ge=1, le=MAX_REPLICATIONS)] | None = None
    seed: Annotated[StrictInt, Field(ge=0, le=MAX_SEED)] | None = None
    parameters: ParametersModel | None = None  # type: ignore[valid-type]
    policies: PoliciesModel | None = None  # type: ignore[valid-type]
    sweep: dict[StrictStr, SweepValues] | None = Field(
        None, description="grid: 'parameters.NAME' or 'policies.POLICY.FIELD' -> list, or {from, to, steps}"
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file (for editors), generated from the validator."""
    s = ScenarioFile.model_json_schema(by_alias=True)
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return s


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class SourceFile:
    path: str
    sha256: str
    content: str


@dataclass(frozen=True)
class Scenario:
    """A validated scenario with its base applied.

    `overrides` maps Params field names to values (the diff against the model
    defaults); `sweep` maps dotted paths to the list of values of each axis.
    """

    name: str
    description: str
    end_year: int
    replications: int
    seed: int
    overrides: dict[str, Any]
    sweep: dict[str, list[Any]] = field(default_factory=dict)
    files: tuple[SourceFile, ...] = ()
    title: str = ""  # display names and the Korean description (optional; never inherited from a base)
    title_ko: str = ""
    description_ko: str = ""
    adjusted_from: str = ""  # set by the app: the starting scenario whose settings were changed

    def display_name(self, lang: str = "en") -> str:
        """The name legends and memo headings show in `lang`: title_ko (Korean), title, then name."""
        if lang == "ko" and self.title_ko:
            return self.title_ko
        return self.title or self.name

    def description_in(self, lang: str = "en") -> str:
        """The description in `lang` ('' for Korean without a Korean description)."""
        return self.description_ko.strip() if lang == "ko" else self.description.strip()

    @property
    def params(self) -> Params:
        return Params.from_dict({**self.overrides, "end_year": self.end_year})

    @property
    def n_points(self) -> int:
        """Points of the sweep grid (1 without a sweep)."""
        return int(np.prod([len(v) for v in self.sweep.values()])) if self.sweep else 1

    def grid(self) -> Iterator[dict[str, Any]]:
        """The settings of each sweep point, in point order ({} once without a sweep)."""
        keys = list(self.sweep)
        return (dict(zip(keys, combo)) for combo in itertools.product(*(self.sweep[k] for k in keys)))

    def points(self) -> list[tuple[dict[str, Any], Params]]:
        """The sweep grid: (labels, parameters) per point; one point without a sweep."""
        if not self.sweep:
            return [({}, self.params)]
        return [self._point(labels) for labels in self.grid()]

    def references(self) -> dict[int, int]:
        """For a sweep that runs its policies off at some points (a share of 0): each point with a
        policy on -> the point with every policy off and the same values of every other swept
        setting (the same demand path, say), whose difference is the policies' effect on those
        settings; {} when no point has that reference (or without a sweep). Points share seeds
        and posterior draws (`batch.make_plan`), so the differences are paired."""
        if not self.sweep:
            return {}
        other = [k for k in self.sweep if not k.startswith("policies.")]
        # per point: its values of the other swept settings, and whether any policy is on
        pts = [(tuple(labels[k] for k in other), bool(policies.active(p))) for labels, p in self.points()]
        off: dict[tuple, list[int]] = {}
        for i, (rest, on) in enumerate(pts):
            if not on:
                off.setdefault(rest, []).append(i)
        return {i: off[rest][0] for i, (rest, on) in enumerate(pts) if on and len(off.get(rest, [])) == 1}

    def first_point(self) -> tuple[dict[str, Any], Params]:
        """Point 0 of the sweep grid (`points()[0]`, without building the others)."""
        return self._point(next(self.grid())) if self.sweep else ({}, self.params)

    def _point(self, labels: dict[str, Any]) -> tuple[dict[str, Any], Params]:
        over = dict(self.overrides)
        over.update({param_of(k): v for k, v in labels.items()})
        return labels, Params.from_dict({**over, "end_year": self.end_year})

    def resolved(self) -> dict[str, Any]:
        """The scenario as one self-contained document (no base): what a manifest stores."""
        params: dict[str, Any] = {}
        pols: dict[str, dict[str, Any]] = {}
        for k, v in sorted(self.overrides.items()):
            own = policies.owner(k)
            if own:
                pols.setdefault(own[0].name, {})[own[1]] = v
            else:
                params[k] = v
        doc: dict[str, Any] = {
            "name": self.name,
            "description": self.description,
            **{k: getattr(self, k) for k in UNINHERITED if getattr(self, k)},
            "horizon": {"end_year": self.end_year},
            "replications": self.replications,
            "seed": self.seed,
        }
        if params:
            doc["parameters"] = params
        if pols:
            doc["policies"] = pols
        if self.sweep:
            doc["sweep"] = {k: list(v) for k, v in self.sweep.items()}
        return doc

    @property
    def resolved_sha256(self) -> str:
        return hashlib.sha256(json.dumps(self.resolved(), sort_keys=True).encode()).hexdigest()

    def with_options(self, replications: int | None = None, seed: int | None = None) -> Scenario:
        return dataclasses.replace(
            self, replications=replications or self.replications, seed=self.seed if seed is None else seed
        )


BASELINE = "baseline"  # the name of a policy scenario's comparison run (`baseline_of`)
UNINHERITED = ("title", "title_ko", "description_ko")  # keys a file never takes from its base


def baseline_of(scn: Scenario, name: str = BASELINE) -> Scenario:
    """The comparison baseline of `scn`: the same assumptions and horizon, every policy off."""
    over = {k: v for k, v in scn.overrides.items() if k not in policies.POLICY_FIELDS}
    return dataclasses.replace(
        scn,
        name=name,
        description="No new policy (same assumptions).",
        title="Baseline (no new policy)",
        title_ko="기준 (신규 정책 없음)",
        description_ko="신규 정책 없음 (같은 가정).",
        adjusted_from="",
        overrides=over,
        sweep={},
        files=(),
    )


def param_of(path: str) -> str:
    parts = path.split(".")
    if len(parts) == 2 and parts[0] == "parameters":
        return parts[1]
    if len(parts) == 3 and parts[0] == "policies" and parts[1] in BY_NAME and parts[2] in BY_NAME[parts[1]].keys:
        return BY_NAME[parts[1]].field_of(parts[2])
    raise KeyError(path)


# --------------------------------------------------------------------------- loading
def _describe_allowed(loc: tuple) -> str:
    """What is allowed at a key path, from the parameter metadata."""
    if len(loc) >= 2 and loc[0] == "parameters":
        name = loc[1]
        if name not in PARAM_FIELDS or name not in PARAMETER_NAMES:
            return "one of the model parameters: " + ", ".join(PARAMETER_NAMES)
        return _allowed_for(name)
    if len(loc) >= 2 and loc[0] == "policies":
        pol = BY_NAME.get(loc[1])
        if pol is None:
            return "one of the policies: " + ", ".join(BY_NAME)
        if len(loc) >= 3:
            if loc[2] not in pol.keys:
                return f"one of the {pol.name} fields: " + ", ".join(pol.keys)
            return _allowed_for(pol.field_of(loc[2]))
        return f"a mapping with fields: {', '.join(pol.keys)}"
    top = {
        "name": "a short identifier (letters, digits, _ . + -)",
        "description": "a non-empty text",
        "title": "a display name of 1 to 80 characters",
        "title_ko": "a Korean display name of 1 to 80 characters",
        "description_ko": "a non-empty text (the description in Korean)",
        "base": "a path to another scenario file",
        "horizon": "a mapping {end_year: year}",
        "replications": f"a whole number from 1 to {MAX_REPLICATIONS}",
        "seed": f"a whole number from 0 to {MAX_SEED}",
        "parameters": "a mapping of model parameters",
        "policies": "a mapping of policies",
        "sweep": "a mapping of 'parameters.NAME' or 'policies.POLICY.FIELD' to a list or {from, to, steps}",
    }
    if loc and loc[0] == "horizon":
        lo, hi = PARAM_FIELDS["end_year"].metadata["lo"], PARAM_FIELDS["end_year"].metadata["hi"]
        return f"horizon: {{end_year: a whole number from {lo} to {hi}}}"
    if loc and loc[0] in top:
        return top[loc[0]]
    return "the top-level keys: " + ", ".join(top)


def _allowed_for(name: str) -> str:
    m = PARAM_FIELDS[name].metadata
    if m["choices"] is not None:
        if isinstance(m["choices"][0], bool):
            return "true or false"
        return "one of " + ", ".join(repr(c) for c in m["choices"])
    kind = "a whole number" if PARAM_FIELDS[name].type == "int" else "a number"
    return f"{kind} from {m['lo']} to {m['hi']} ({m['unit']})"


_UNION_TAGS = {"int", "float", "str", "bool", "list[union[int,float,str,bool]]", "SweepRange"}
_SWEEP_ALLOWED = (
    "a non-empty list of values, or {from: number, to: number, steps: whole number from 2 to 1000} (finite numbers)"
)
MAX_SHOWN = 80  # characters of a bad value a message repeats


def shown(value: Any) -> str:
    """A value as an error message shows it: repr, cut to MAX_SHOWN characters, with any non-ASCII
    or invisible character named (a Cyrillic 'е' in 'dеmand_growth' looks like the Latin one)."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    out = text if len(text) <= MAX_SHOWN else f"{text[:MAX_SHOWN]}… ({len(text):,} characters)"
    if isinstance(value, str):
        odd = list(dict.fromkeys(c for c in value[:1000] if ord(c) > 127 or not c.isprintable()))
        if odd:
            names = ", ".join(f"{c!r} U+{ord(c):04X} {unicodedata.name(c, 'a control character')}" for c in odd[:3])
            out += f" (contains {names}{' …' if len(odd) > 3 else ''})"
    return out


def value_hint(name: str | None, value: Any) -> str:
    """How to write a value the parameter `name` refuses when it is a percentage for a share or a
    quarter for a date (`share_hint`, `quarter_hint`); '' otherwise or without a parameter."""
    if name is None or name not in PARAM_FIELDS:
        return ""
    return share_hint(name, value) or quarter_hint(name, value)


def share_hint(name: str, value: Any) -> str:
    """For a share written as a percentage (`share: 50`, `share: "50%"`): how to write it, if the
    parameter `name` is a share ('' otherwise)."""
    if "share" not in str(PARAM_FIELDS[name].metadata.get("unit") or ""):
        return ""
    text = value.strip().removesuffix("%").strip() if isinstance(value, str) and len(value) <= 20 else value
    try:
        pct = float(text)
    except (TypeError, ValueError):
        return ""
    if isinstance(value, bool) or not 1 < pct <= 100:
        return ""
    return f" (a share is a fraction: {pct:g} % is {pct / 100:g})"


def _field_at(loc: tuple) -> str | None:
    """The parameter a key path sets (`param_of`), if it sets one."""
    try:
        return param_of(".".join(loc))
    except KeyError:
        return None


_QUARTER = re.compile(r"^\s*(\d{4})\s*[-_ ]?\s*[Qq]([1-4])\s*$")


def quarter_hint(name: str, value: Any) -> str:
    """For a date written as a quarter (`start: "2026Q2"`): how to write it, if the parameter
    `name` is a date in years ('' otherwise). Quarter q of year y is y + (q - 1) / 4, as the memo
    writes 2026.25 as 2026 Q2."""
    m = _QUARTER.match(value) if isinstance(value, str) and len(value) <= 20 else None
    if m is None or PARAM_FIELDS[name].metadata.get("unit") != "year":
        return ""
    y, q = int(m.group(1)), int(m.group(2))
    return f" (a date is a year with its quarter as a fraction: {y} Q{q} is {y + (q - 1) / 4:.2f})"


def number_hint(value: Any) -> str:
    """Why a number came in as text, if it did: YAML 1.1 reads 1e308 (no dot, no sign in the
    exponent) as text, and quotes make any number text."""
    if not isinstance(value, str) or len(value) > 100 or not _looks_numeric(value):
        return ""
    if "e" in value.lower():
        return f" (YAML reads {value!r} as text: write an exponent with a dot and a sign, e.g. 1.0e+308)"
    return f" ({value!r} is text: write the number without quotes)"


def _cut(text: str) -> str:
    """A key path cut to MAX_SHOWN characters for a message."""
    return text if len(text) <= MAX_SHOWN else f"{text[:MAX_SHOWN]}…"


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _suggest(word: str, options) -> str:
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _options_at(loc: tuple) -> list[str]:
    """The keys allowed in the mapping at `loc` (for suggestions)."""
    if not loc:
        return list(ScenarioFile.model_fields)
    if loc == ("parameters",):
        return list(PARAMETER_NAMES)
    if loc == ("policies",):
        return list(BY_NAME)
    if len(loc) == 2 and loc[0] == "policies" and loc[1] in BY_NAME:
        return list(BY_NAME[loc[1]].keys)
    if loc == ("horizon",):
        return ["end_year"]
    return []


def _format_errors(path: Path, err: ValidationError, doc: Any = None) -> str:
    doc_sweep = doc.get("sweep") if isinstance(doc, dict) else None
    by_key: dict[tuple, dict] = {}
    for e in err.errors(include_url=False):
        loc = tuple(str(x) for x in e["loc"] if not (isinstance(x, str) and x in _UNION_TAGS))
        # a number field is a union of int and float: pydantic reports each member; keep the last
        by_key[loc] = e
    lines = []
    for loc, e in by_key.items():
        key = ".".join(loc) or "(top level)"
        value = e.get("input")
        if len(loc) >= 2 and loc[0] == "sweep":  # list-or-range union: one line per axis
            axis = f"sweep.{loc[1]}"
            spec = doc_sweep.get(loc[1]) if isinstance(doc_sweep, dict) else None
            lines.append(f"{path}: {axis}: {_cut(repr(spec))} is not a valid sweep axis; allowed: {_SWEEP_ALLOWED}")
        elif e["type"] == "extra_forbidden":
            parent = loc[:-1]
            hint = _suggest(loc[-1], _options_at(parent))
            allowed = _describe_allowed(parent + ("?",)) if parent else _describe_allowed(())
            lines.append(f"{path}: {_cut(key)}: unknown key {shown(loc[-1])}{hint}; allowed: {allowed}")
        elif e["type"] == "missing":
            lines.append(f"{path}: {key}: missing; required: {_describe_allowed(loc)}")
        else:
            lines.append(
                f"{path}: {key}: {shown(value)} is not allowed ({e['msg']}); allowed: {_describe_allowed(loc)}"
                f"{value_hint(_field_at(loc), value) or number_hint(value)}"
            )
    return "\n".join(dict.fromkeys(lines))


def _check_shape(path: Path, text: str) -> None:
    """Refuse a document nested deeper than MAX_DEPTH or with more than MAX_NODES nodes once its
    aliases are expanded, from the event stream (the parser is not recursive, and nothing is
    expanded: each anchor's expanded size is counted once, when its node ends)."""
    sizes: dict[str, int] = {}  # anchor -> nodes of its node, aliases expanded
    stack: list[list[Any]] = []  # open collections: [anchor, nodes so far]
    total = 0  # nodes of the whole document, aliases expanded
    try:
        for ev in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(ev, yaml.CollectionEndEvent):
                anchor, n = stack.pop()
                if anchor:
                    sizes[anchor] = n
                if stack:
                    stack[-1][1] += n
                continue
            if isinstance(ev, yaml.CollectionStartEvent):
                n = 1
            elif isinstance(ev, yaml.ScalarEvent):
                n = 1
                if ev.anchor:
                    sizes[ev.anchor] = 1
            elif isinstance(ev, yaml.AliasEvent):
                n = sizes.get(ev.anchor, 1)
            else:
                continue
            total += n
            if total > MAX_NODES:
                raise ScenarioError(
                    f"{path}: more than {MAX_NODES:,} values once its aliases (*name) are expanded; "
                    f"allowed: at most {MAX_NODES:,} (a scenario needs a few dozen)"
                )
            if isinstance(ev, yaml.CollectionStartEvent):
                stack.append([ev.anchor, 1])
                if len(stack) > MAX_DEPTH:
                    raise ScenarioError(
                        f"{path}: line {ev.start_mark.line + 1}: nested more than {MAX_DEPTH} levels deep; "
                        f"allowed: at most {MAX_DEPTH} (a scenario needs 4)"
                    )
            elif stack:
                stack[-1][1] += n
    except yaml.YAMLError as e:
        raise ScenarioError(f"{path}: not valid YAML: {_yaml_problem(e)}") from None


def _check_duplicates(path: Path, text: str) -> None:
    """Duplicate keys anywhere in the document are an error (yaml.safe_load keeps the last)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        raise ScenarioError(f"{path}: not valid YAML: {_yaml_problem(e)}") from None

    def walk(node, where):
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else str(k)
                here = f"{where}.{key}" if where else key
                if key in seen:
                    raise ScenarioError(
                        f"{path}: line {k.start_mark.line + 1}: duplicate key {here!r}; each key may appear once"
                    )
                seen.add(key)
                walk(v, here)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, f"{where}[{i}]")

    if root is not None:
        walk(root, "")


def _yaml_problem(e: yaml.YAMLError) -> str:
    mark = getattr(e, "problem_mark", None)
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
    return f"{where}{getattr(e, 'problem', None) or e}"


def read_limited(path: str | Path, what: str = "scenario file", limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else (missing, a folder, a
    FIFO or device, too large, unreadable) is refused with a message before it is read."""
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ScenarioError(f"{path}: no such {what}") from None
    except OSError as e:
        raise ScenarioError(f"{path}: cannot read the {what} ({e.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file (a FIFO, device or socket)"
        raise ScenarioError(f"{path}: cannot read the {what}: {kind}; allowed: a regular file")
    if st.st_size > limit:
        raise ScenarioError(f"{path}: {st.st_size:,} bytes; allowed: a {what} of at most {limit:,} bytes")
    try:
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as e:
        raise ScenarioError(f"{path}: cannot read the {what} ({e.strerror})") from None
    if len(raw) > limit:  # it grew after the check
        raise ScenarioError(f"{path}: more than {limit:,} bytes; allowed: a {what} of at most {limit:,} bytes")
    return raw


def read_file(path: str | Path) -> tuple[dict[str, Any], SourceFile]:
    """Read and validate one scenario file (its base is not applied)."""
    path = Path(path)
    raw = read_limited(path)
    text = _decode(raw, path)
    return parse_text(text, path), SourceFile(str(path), hashlib.sha256(raw).hexdigest(), text)


def _decode(raw: bytes, path: str | Path) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(f"{path}: not UTF-8 text") from None


_LIBRARY_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+-]*\.ya?ml$")
DESIGN_PREFIX = "design-"  # design files (`talentsim design`) share the library folder


def library_files(folder: Path) -> list[Path]:
    """The scenario files of a library folder, sorted: its YAML files except the design files."""
    return sorted(p for p in Path(folder).glob("*.y*ml") if not p.name.startswith(DESIGN_PREFIX))


def from_upload(raw: bytes, name: str, library: Path | None = None) -> Scenario:
    """A scenario from the bytes of an uploaded file called `name` (the app's upload). A `base`
    may name a file of the shipped `library` folder only (a bare file name such as
    `salary-matching-50.yaml`; no paths: nothing outside the library is read); without a library
    the upload must be self-contained. Its source files (the upload: name, sha256 of the bytes,
    text; then the base chain) are recorded as for `load`."""
    if len(raw) > MAX_FILE_BYTES:
        raise ScenarioError(f"{name}: {len(raw):,} bytes; allowed: a scenario file of at most {MAX_FILE_BYTES:,} bytes")
    text = _decode(raw, name)
    doc = parse_text(text, name)
    own = SourceFile(name, hashlib.sha256(raw).hexdigest(), text)
    base = doc.get("base")
    if not base:
        return from_document(doc, (own,), name)
    shipped = [p.name for p in library_files(library)] if library is not None else []
    if library is None or not _LIBRARY_NAME.match(str(base)) or str(base) not in shipped:
        allowed = ("the name of a shipped scenario file: " + ", ".join(shipped)) if shipped else "no base"
        raise ScenarioError(
            f"{name}: base: {shown(str(base))} is not a shipped scenario; an uploaded scenario can only "
            f"build on the app's library (a bare file name, no path); allowed: {allowed}"
        )
    parent = load(library / str(base))
    docs = [doc, *(parse_text(f.content, f.path) for f in parent.files)]
    return from_document(merge_chain(docs), (own, *parent.files), name)


def parse_text(text: str, path: str | Path = "<scenario>") -> dict[str, Any]:
    """Validate the YAML text of one scenario; returns the document (defaults not filled)."""
    path = Path(path)
    if len(text) > MAX_FILE_BYTES:
        raise ScenarioError(f"{path}: {len(text):,} characters; allowed: at most {MAX_FILE_BYTES:,}")
    _check_shape(path, text)
    _check_duplicates(path, text)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ScenarioError(f"{path}: not valid YAML: {_yaml_problem(e)}") from None
    if data is None:
        raise ScenarioError(f"{path}: the file is empty; a scenario needs at least 'name' and 'description'")
    if not isinstance(data, dict):
        raise ScenarioError(
            f"{path}: (top level): a {type(data).__name__} is not allowed; "
            f"a scenario is a mapping with keys such as name, description, policies"
        )
    try:
        ScenarioFile.model_validate(data)
    except ValidationError as e:
        raise ScenarioError(_format_errors(path, e, data)) from None
    _check_sweep(path, data.get("sweep") or {})
    return data


def _check_sweep(path: Path, sweep: dict[str, Any]) -> None:
    npoints = 1
    for key, spec in sweep.items():
        try:
            name = param_of(key)
        except KeyError:
            name = None
        if name is None or (name not in PARAMETER_NAMES and policies.owner(name) is None):
            paths = [f"parameters.{n}" for n in PARAMETER_NAMES] + list(POLICY_PATHS)
            raise ScenarioError(
                f"{path}: sweep.{_cut(key)}: unknown sweep path{_suggest(key, paths)}; allowed: "
                f"'parameters.NAME' (NAME a model parameter) or 'policies.POLICY.FIELD' "
                f"(POLICY one of {', '.join(BY_NAME)})"
            )
        for v in _sweep_values(spec, name):
            check_value(path, f"sweep.{_cut(key)}", name, v)
        npoints *= len(_sweep_values(spec, name))
    if npoints > MAX_SWEEP_POINTS:
        raise ScenarioError(f"{path}: sweep: {npoints} grid points; allowed: at most {MAX_SWEEP_POINTS}")


def check_value(path: Path | str, where: str, name: str, v: Any) -> None:
    """Refuse a value the parameter `name` cannot take, naming the file, the key `where`, the value
    and what is allowed."""
    try:
        Params.from_dict({name: v})
    except (ValueError, TypeError) as e:
        allowed = _allowed_for(name) + value_hint(name, v)
        raise ScenarioError(f"{path}: {where}: {shown(v)} is not allowed ({e}); allowed: {allowed}") from None


def _check_grid_size(path: Path, sweep: dict[str, Any]) -> None:
    """At most MAX_SWEEP_POINTS points in the grid, counted before any value is expanded."""
    n = 1
    for spec in sweep.values():
        n *= len(spec) if isinstance(spec, list) else int(spec["steps"])
    if n > MAX_SWEEP_POINTS:
        raise ScenarioError(f"{path}: sweep: {n:,} grid points; allowed: at most {MAX_SWEEP_POINTS:,}")


def _sweep_values(spec: Any, name: str) -> list[Any]:
    if isinstance(spec, list):
        return list(spec)
    vals = np.linspace(spec["from"], spec["to"], spec["steps"]).tolist()
    if PARAM_FIELDS[name].type == "int":
        return [int(round(v)) for v in vals]
    return [float(v) for v in vals]


def merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """The document `child` applied on top of `base` (what a `base:` chain does)."""
    out = copy.deepcopy(base)
    for k, v in child.items():
        if k in ("parameters", "horizon") and isinstance(v, dict):
            out[k] = {**out.get(k, {}), **v}
        elif k == "policies" and isinstance(v, dict):
            pols = dict(out.get("policies", {}))
            for pol, fields in v.items():
                pols[pol] = {**pols.get(pol, {}), **fields}
            out["policies"] = pols
        elif k == "sweep":
            out["sweep"] = {**out.get("sweep", {}), **v}
        else:
            out[k] = copy.deepcopy(v)
    out.pop("base", None)
    return out


def load(path: str | Path) -> Scenario:
    """Load a scenario file, apply its chain of bases, validate everything.

    Raises:
        ScenarioError: naming the file, the key path, the bad value and what is allowed.
    """
    chain: list[tuple[dict[str, Any], SourceFile]] = []
    seen: list[Path] = []
    cur = Path(path)
    while True:
        real = cur.resolve()
        if real in seen:
            cycle = " -> ".join(str(p) for p in seen + [real])
            raise ScenarioError(f"{cur}: base: the chain of bases loops ({cycle}); allowed: a chain that ends")
        seen.append(real)
        doc, src = read_file(cur)
        chain.append((doc, src))
        if not doc.get("base"):
            break
        nxt = cur.parent / doc["base"]
        if not nxt.is_file():
            raise ScenarioError(
                f"{cur}: base: {doc['base']!r} is not a file (looked for {nxt}); "
                f"allowed: a path to another scenario file, relative to this one"
            )
        cur = nxt
    return from_document(merge_chain([doc for doc, _ in chain]), tuple(src for _, src in chain), Path(path))


def merge_chain(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """One document from a chain of files, the scenario's own first and its last base last: each
    applied on top of its base (`merge`); the display names and the Korean description are the
    first file's only (a base's describe the base)."""
    merged: dict[str, Any] = {}
    for doc in reversed(docs):
        merged = merge(merged, doc)
    for k in UNINHERITED:
        if k not in docs[0]:
            merged.pop(k, None)
    return merged


def from_document(doc: dict[str, Any], files: tuple[SourceFile, ...] = (), path: Path | str = "<scenario>") -> Scenario:
    """Build a `Scenario` from a validated, base-free document (e.g. a manifest's resolved copy)."""
    path = Path(path)
    if doc.get("base"):
        raise ScenarioError(f"{path}: base: a resolved document has no base")
    try:
        ScenarioFile.model_validate(doc)
    except ValidationError as e:
        raise ScenarioError(_format_errors(path, e, doc)) from None
    _check_grid_size(path, doc.get("sweep") or {})  # the whole grid: a file's, its bases' and a manifest's
    overrides: dict[str, Any] = dict(doc.get("parameters") or {})
    for pol, fields in (doc.get("policies") or {}).items():
        for k, v in fields.items():
            overrides[BY_NAME[pol].field_of(k)] = v
    end_year = (doc.get("horizon") or {}).get("end_year", PARAM_FIELDS["end_year"].default)
    sweep = {k: _sweep_values(v, param_of(k)) for k, v in (doc.get("sweep") or {}).items()}
    try:
        params = Params.from_dict({**overrides, "end_year": end_year})  # cross-field checks (share sums)
    except ValueError as e:
        raise ScenarioError(f"{path}: {e}") from None
    _check_policies_start_in_horizon(path, params)
    return Scenario(
        name=doc["name"],
        description=doc["description"],
        end_year=int(end_year),
        replications=int(doc.get("replications") or DEFAULT_REPLICATIONS),
        seed=int(doc.get("seed") if doc.get("seed") is not None else DEFAULT_SEED),
        overrides=overrides,
        sweep=sweep,
        files=files,
        **{k: doc[k] for k in UNINHERITED if doc.get(k)},
    )


def _check_policies_start_in_horizon(path: Path, p: Params) -> None:
    """A policy switched on must start before the horizon ends: one that starts later never acts,
    and its results would be the baseline's under the policy's name."""
    for pol in policies.active(p):
        start = getattr(p, pol.start)
        if start >= p.end_year + 1:
            key = next(k for k, f in pol.fields if f == pol.start)
            switch = next(k for k, f in pol.fields if f == pol.switch)
            raise ScenarioError(
                f"{path}: policies.{pol.name}.{key}: {start:g} is after the horizon (it ends with {p.end_year} Q4), "
                f"so the policy would never act; allowed: a start before {p.end_year + 1}, a later "
                f"horizon.end_year, or the policy off ({switch}: 0)"
            )


def to_yaml(scn: Scenario) -> str:
    """The scenario as a self-contained YAML document (loads back to the same scenario)."""
    return yaml.safe_dump(scn.resolved(), sort_keys=False, allow_unicode=True)
