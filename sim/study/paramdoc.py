"""Write docs/parameters.md from the parameter definitions (so code and docs cannot drift).

Run: python -m sim.study.paramdoc [PATH]   (default docs/parameters.md; also refreshes the
per-submodel tables between `<!-- params:GROUP -->` markers in docs/model.md)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..core.params import PARAM_GROUPS, param_table
from ..core.policies import POLICIES

HEADER = """# Parameters

Generated from `sim/core/params.py` by `python -m sim.study.paramdoc`; do not edit by hand
(a test fails when this file and the code disagree). Until calibration lands,
behavioural values marked "assumption" or "first guess" are documented guesses.
Source short names are explained in [sources.md](sources.md).
"""


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def render() -> str:
    rows = param_table()
    out = [HEADER]
    for g in PARAM_GROUPS:
        out.append(f"\n## {g}\n")
        out.append("| name | meaning | default | allowed | unit | source |")
        out.append("|---|---|---|---|---|---|")
        for r in rows:
            if r["group"] != g:
                continue
            allowed = " / ".join(map(str, r["choices"])) if r["choices"] else f"{_fmt(r['lo'])} – {_fmt(r['hi'])}"
            out.append(
                f"| `{r['name']}` | {r['doc']} | {_fmt(r['default'])} | {allowed} | {r['unit']} | {r['source']} |"
            )
    out += ["", *prior_table()]
    return "\n".join(out) + "\n"


def prior_table() -> list[str]:
    """The priors of the posterior calibration (sim/study/posterior.py) with the stored posterior's
    median and 90 % interval (sim/data/posterior.json)."""
    import numpy as np

    from ..core.params import posterior_draws
    from .posterior import POLICY_ONLY, PRIORS

    try:
        post = posterior_draws()
    except FileNotFoundError:
        post = None
    out = [
        "## Priors of the posterior calibration",
        "",
        (
            "The uncertain behavioural parameters: their prior (the range the posterior calibration, `talentsim "
            "posterior`, starts from, with its source or the judgement behind it) and the stored posterior's median "
            "and 90 % interval (sim/data/posterior.json; see [calibration-results.md](calibration-results.md)). "
            "Batch runs with `--uncertainty posterior` draw every replication's values of these parameters from it."
        ),
        "",
        "| name | prior | posterior median [90 %] | source of the range |",
        "|---|---|---|---|",
    ]
    for p in PRIORS:
        kind = "log-uniform" if p.log else "uniform"
        cell = "—"
        if post is not None and p.name in post.names:
            col = post.draws[:, post.names.index(p.name)]
            q05, q50, q95 = np.quantile(col, [0.05, 0.5, 0.95])
            cell = f"{q50:.4g} [{q05:.4g}, {q95:.4g}]"
            if p.name in POLICY_ONLY:
                cell += " (the prior: acts only under a policy)"
        out.append(f"| `{p.name}` | {kind} [{p.lo:g}, {p.hi:g}] | {cell} | {p.source} |")
    return out


def group_table(group: str) -> str:
    """The parameter table of one submodel (group), as in parameters.md."""
    out = ["| name | meaning | default | allowed | unit | source |", "|---|---|---|---|---|---|"]
    for r in param_table():
        if r["group"] == group:
            allowed = " / ".join(map(str, r["choices"])) if r["choices"] else f"{_fmt(r['lo'])} – {_fmt(r['hi'])}"
            out.append(
                f"| `{r['name']}` | {r['doc']} | {_fmt(r['default'])} | {allowed} | {r['unit']} | {r['source']} |"
            )
    return "\n".join(out)


_BLOCK = re.compile(r"(<!-- params:(\w+) -->\n)(.*?)(<!-- /params -->)", re.S)


_POLICY_BLOCK = re.compile(r"(<!-- policies -->\n)(.*?)(<!-- /policies -->)", re.S)


def policy_table() -> str:
    """The policy registry (sim/core/policies.py) as a table."""
    out = [
        "| policy (scenario key) | keys -> parameters | on when | starts | fiscal instrument | what it is |",
        "|---|---|---|---|---|---|",
    ]
    for pol in POLICIES:
        keys = ", ".join(f"`{k}` -> `{f}`" for k, f in pol.fields)
        fiscal = f"`fiscal_{pol.instrument}_krw`" if pol.instrument else "none (no public cost)"
        out.append(f"| `{pol.name}` | {keys} | `{pol.switch}` ≠ 0 | `{pol.start}` | {fiscal} | {pol.description} |")
    return "\n".join(out)


def fill_blocks(text: str) -> str:
    """Replace every `<!-- params:GROUP -->...<!-- /params -->` block with the group's table, and
    the `<!-- policies -->...<!-- /policies -->` block with the policy registry."""
    text = _BLOCK.sub(lambda m: m.group(1) + group_table(m.group(2)) + "\n" + m.group(4), text)
    return _POLICY_BLOCK.sub(lambda m: m.group(1) + policy_table() + "\n" + m.group(3), text)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0]) if argv else Path("docs/parameters.md")
    path.write_text(render(), encoding="utf-8")
    print(f"written {path}")
    model = path.with_name("model.md")
    if model.exists():
        model.write_text(fill_blocks(model.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"updated the parameter tables in {model}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
