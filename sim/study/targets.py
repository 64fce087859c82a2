"""The documented figures the model is fitted to and checked against (sim/data/targets.yaml).

The file is the single source of every documented target: the calibration's fitted targets
and out-of-sample checks, and the survey points the charts draw (`survey_points`).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

SURVEY_SOURCE = "MSIT/SPRi AI industry survey"  # the survey series drawn on the charts


@dataclass(frozen=True)
class Target:
    id: str
    output: str
    year: int
    quarter: int
    value: float | None
    rel: float | None
    abs: float | None
    range: tuple[float, float] | None
    definition: str
    source: str
    level: str
    posterior: bool = True  # conditioned on by the posterior calibration (false: a documented misfit)
    posterior_note: str = ""

    def error(self, sim: float) -> float:
        """Scaled error (|e| <= 1 means within tolerance; 0 inside a range)."""
        if not math.isfinite(sim):
            return 1e3
        if self.range is not None:
            lo, hi = self.range  # outside: the distance over the tolerance (default 10 % of the bound)
            if sim < lo:
                return (sim - lo) / (self.abs if self.abs is not None else 0.1 * abs(lo))
            if sim > hi:
                return (sim - hi) / (self.abs if self.abs is not None else 0.1 * abs(hi))
            return 0.0
        if self.rel is not None:
            return (sim - self.value) / (abs(self.value) * self.rel)
        return (sim - self.value) / self.abs

    def within(self, sim: float) -> bool:
        return abs(self.error(sim)) <= 1.0 + 1e-12

    def identity(self) -> dict[str, Any]:
        """The columns that name a target in the result tables (id, output, year, quarter, target)."""
        return {
            "id": self.id,
            "output": self.output,
            "year": self.year,
            "quarter": self.quarter,
            "target": self.describe(),
        }

    def describe(self) -> str:
        if self.range is not None:
            return f"[{self.range[0]:g}, {self.range[1]:g}]" + (f" ±{self.abs:g}" if self.abs is not None else "")
        tol = f"±{self.rel:.0%}" if self.rel is not None else f"±{self.abs:g}"
        return f"{self.value:g} {tol}"


def data_path(name: str) -> Path:
    """A file of the package's data folder (sim/data/)."""
    return Path(str(resources.files("sim") / "data" / name))


def load_targets(path: Path | None = None) -> tuple[list[Target], list[Target]]:
    """(fitted targets, out-of-sample checks) from sim/data/targets.yaml."""
    doc = yaml.safe_load((path or data_path("targets.yaml")).read_text(encoding="utf-8"))

    def one(d: dict[str, Any]) -> Target:
        tol = d.get("tolerance") or {}
        rng = tuple(float(x) for x in d["range"]) if "range" in d else None
        return Target(
            id=d["id"],
            output=d["output"],
            year=int(d["year"]),
            quarter=int(d["quarter"]),
            value=float(d["value"]) if "value" in d else None,
            rel=tol.get("relative"),
            abs=tol.get("absolute"),
            range=rng,
            definition=d["definition"],
            source=d["source"],
            level=str(d["level"]),
            posterior=bool(d.get("posterior", True)),
            posterior_note=str(d.get("posterior_note", "")),
        )

    return [one(d) for d in doc["fitted"]], [one(d) for d in doc.get("out_of_sample", [])]


def read_at(df, t: Target) -> float:
    row = df[(df["year"] == t.year) & (df["quarter"] == t.quarter)]
    return float(row[t.output].iloc[0]) if len(row) else float("nan")


def survey_points(path: Path | None = None) -> dict[str, tuple[tuple[float, float], ...]]:
    """The survey values drawn on the charts, by output: (time, value) pairs, time = year +
    quarter / 4 as on the charts' axis (2020Q2 -> 2020.5; 2023Q4 -> 2024.0). All documented
    MSIT/SPRi survey figures of the targets file: the starting state (section `start`), the
    fitted targets and the checks. The file is read once per version of it (every chart of the
    app's pages asks: parsing it each time took ~0.1 s of a page's first drawing)."""
    path = path or data_path("targets.yaml")
    return dict(_survey_points(str(path), path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=4)
def _survey_points(path: str, _version: int) -> dict[str, tuple[tuple[float, float], ...]]:
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    out: dict[str, list[tuple[float, float]]] = {}
    for section in ("start", "fitted", "out_of_sample"):
        for d in doc.get(section) or []:
            if str(d["source"]).startswith(SURVEY_SOURCE) and "value" in d:
                out.setdefault(d["output"], []).append((int(d["year"]) + int(d["quarter"]) / 4.0, float(d["value"])))
    return {k: tuple(sorted(v)) for k, v in out.items()}
