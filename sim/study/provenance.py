"""Provenance: the code version and git commit, library versions, and the manifest that
lets `talentsim rerun` give identical numbers."""

from __future__ import annotations

import datetime as dt
import json
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

LIBRARIES = ("mesa", "numpy", "pandas", "scipy", "pyyaml", "pydantic", "matplotlib", "tqdm")


def git_commit() -> dict[str, Any]:
    """The git commit of the code (and whether the tree had uncommitted changes), if known."""
    here = Path(__file__).resolve().parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=here, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "status", "--porcelain", "--untracked-files=no"],
                cwd=here,
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout.strip()
        )
        return {"commit": head, "dirty": dirty}
    except (OSError, subprocess.SubprocessError):
        return {"commit": "unknown", "dirty": None}


def lib_versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for lib in LIBRARIES:
        try:
            out[lib] = version(lib)
        except PackageNotFoundError:
            out[lib] = "not installed"
    return out


def package_version() -> str:
    try:
        return version("talentsim")
    except PackageNotFoundError:
        return "0.0.0+unknown"


def manifest(plan, argv: list[str], executor: str, workers: int, files_written: list[str]) -> dict[str, Any]:
    """Everything needed to rerun the command and get identical numbers."""
    return {
        "talentsim_version": package_version(),
        "git": git_commit(),
        "command": plan.command,
        "argv": list(argv),
        "utc_time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "replications": plan.replications,
        "seed": plan.seed,
        "seeds": plan.seeds(),
        "uncertainty": plan.uncertainty,
        **(
            {"posterior": {"file": "sim/data/posterior.json", "sha256": plan.posterior_sha256, "draws": plan.draws()}}
            if plan.uncertainty == "posterior"
            else {}
        ),
        "executor": executor,
        "workers": workers,
        "scenarios": [
            {
                "name": s.name,
                "description": s.description,
                "resolved_sha256": s.resolved_sha256,
                "resolved": s.resolved(),
                "files": [{"path": f.path, "sha256": f.sha256, "content": f.content} for f in s.files],
                "parameters": [dict(p.to_dict(), _sweep=labels) for labels, p in s.points()],
            }
            for s in plan.scenarios
        ],
        "files": files_written,
        "libraries": lib_versions(),
        "platform": platform.platform(),
        "cite": "see CITATION.cff; citation lines in memo.md",
    }


def write_json(path: Path, doc: dict[str, Any]) -> None:
    path.write_text(json.dumps(doc, indent=2, default=str), encoding="utf-8")
