"""The results folder: summary, paired comparison, manifest and memo.

Intervals are central 90 % intervals across replications (5th-95th percentiles).
Comparisons are paired: replication i of a scenario and of the baseline share a
seed, and the interval is that of the per-replication differences.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pandas as pd

from . import i18n
from .outputs import HEADLINE, OUTPUT_NAMES
from .params import POLICY_FIELDS, POLICY_START_FIELDS, Params
from .scenarios import POLICIES, active_policies
from .report import COLUMNS, _scaled, display_unit

LEVEL = 0.90
KEYS = ("scenario", "point")
LIBRARIES = ("mesa", "numpy", "pandas", "scipy", "pyyaml", "pydantic", "matplotlib", "tqdm")


def _outputs(df: pd.DataFrame) -> list[str]:
    return [c for c in OUTPUT_NAMES if c in df.columns and c not in ("flow_quarters",)]


def summary(ts: pd.DataFrame, level: float = LEVEL) -> pd.DataFrame:
    """Mean and central `level` interval per scenario, sweep point, year (Q4) and output (long table)."""
    q4 = ts[ts["quarter"] == 4]
    outs = _outputs(ts)
    keys = [k for k in KEYS if k in ts.columns] + ["year"]
    g = q4.groupby(keys, sort=True)[outs]
    a = (1 - level) / 2
    parts = {"mean": g.mean(), "lo": g.quantile(a), "hi": g.quantile(1 - a)}
    long = pd.concat({k: v.stack() for k, v in parts.items()}, axis=1)
    long.index = long.index.set_names(keys + ["output"])
    long["replications"] = g.size().reindex(long.index.droplevel("output")).to_numpy()
    return long.reset_index()


def comparison(ts: pd.DataFrame, baseline: str, level: float = LEVEL) -> pd.DataFrame:
    """Scenario - baseline per output and year, paired by replication (same seeds)."""
    q4 = ts[ts["quarter"] == 4]
    outs = _outputs(ts)
    base = q4[(q4["scenario"] == baseline) & (q4["point"] == 0)].set_index(["replication", "year"])[outs]
    a = (1 - level) / 2
    rows = []
    for (scn, pt), g in q4[q4["scenario"] != baseline].groupby(["scenario", "point"], sort=False):
        s = g.set_index(["replication", "year"])[outs]
        common = s.index.intersection(base.index)
        diff = (s.loc[common] - base.loc[common]).groupby(level="year")
        m, lo, hi = diff.mean(), diff.quantile(a), diff.quantile(1 - a)
        bm = base.loc[common].groupby(level="year").mean()
        sm = s.loc[common].groupby(level="year").mean()
        for year in m.index:
            for c in outs:
                rows.append({"scenario": scn, "point": pt, "year": int(year), "output": c,
                             "baseline_mean": bm.at[year, c], "scenario_mean": sm.at[year, c],
                             "diff_mean": m.at[year, c], "diff_lo": lo.at[year, c], "diff_hi": hi.at[year, c],
                             "pairs": int(diff.size().at[year])})
    return pd.DataFrame(rows)


def git_commit() -> dict[str, Any]:
    """The git commit of the code (and whether the tree had uncommitted changes), if known."""
    here = Path(__file__).resolve().parent
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=here, capture_output=True, text=True,
                              timeout=10, check=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=here,
                                    capture_output=True, text=True, timeout=10).stdout.strip())
        return {"commit": head, "dirty": dirty}
    except (OSError, subprocess.SubprocessError):
        return {"commit": "unknown", "dirty": None}


def _lib_versions() -> dict[str, str]:
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
        "utc_time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "replications": plan.replications,
        "seed": plan.seed,
        "seeds": plan.seeds(),
        "executor": executor,
        "workers": workers,
        "scenarios": [{
            "name": s.name,
            "description": s.description,
            "resolved_sha256": s.resolved_sha256,
            "resolved": s.resolved(),
            "files": [{"path": f.path, "sha256": f.sha256, "content": f.content} for f in s.files],
            "parameters": [dict(p.to_dict(), **{"_sweep": labels}) for labels, p in s.points()],
        } for s in plan.scenarios],
        "files": files_written,
        "libraries": _lib_versions(),
        "platform": platform.platform(),
        "cite": "see CITATION.cff; citation lines in memo.md",
    }


def citation(plan, scn) -> str:
    """One line to paste under a number in a memo."""
    top = scn.files[0] if scn.files else None
    h = (top.sha256 if top else scn.resolved_sha256)[:12]
    g = git_commit()
    commit = g["commit"][:10] + ("+dirty" if g.get("dirty") else "")
    return (f"Source: talentsim {package_version()} (git {commit}), scenario '{scn.name}' "
            f"(sha256 {h}), {plan.replications} replications, seed {plan.seed}, "
            f"mean [90% interval]; {dt.date.today().isoformat()}.")


MONEY = ("fiscal_cost_krw", "median_salary_kr")


def _fmt(col: str, v: float, signed: bool = False, lang: str = "en") -> str:
    if lang == "ko" and col in MONEY:
        return i18n.money(v, "ko", signed=signed)
    fmt = COLUMNS.get(col, (col, "{:,.3g}"))[1]
    if signed and not fmt.startswith("{:+"):
        fmt = fmt.replace("{:", "{:+", 1)
    return fmt.format(_scaled(col, v))


def _setting(name: str, v: Any, lang: str, short: bool = False) -> str:
    """`label: value` of one parameter for the memo (start dates as year and quarter; `short`:
    without the policy's name before the label's first colon)."""
    f = Params.__dataclass_fields__[name]
    if name in i18n.LEVER_LABELS:
        label = i18n.lever_label(name, lang)
    elif lang == "ko":
        unit = f.metadata["unit"]
        label = f"{name} ({i18n.PARAM_DOC_KO.get(name, f.metadata['doc'])}, {i18n.UNITS_KO.get(unit, unit)})"
    else:
        label = f"{name} ({f.metadata['doc']}, {f.metadata['unit']})"
    if short:
        label = label.split(": ", 1)[-1]
    if isinstance(v, bool):
        text = i18n.t("yes" if v else "no", lang)
    elif name in POLICY_START_FIELDS:
        on_grid = abs(v * 4 - round(v * 4)) < 1e-9
        text = i18n.t("quarter", lang, y=int(v // 1), q=int(round((v % 1) * 4)) + 1) if on_grid else f"{v:g}"
    elif isinstance(v, float):
        text = f"{v:,.6g}"
    else:
        text = str(v)
    return f"{label}: {text}"


def settings_lines(scn, lang: str = "en") -> list[str]:
    """What a scenario sets, for the memo: each active policy's fields (a policy whose first
    field is zero does nothing and is not listed), then the parameters it sets differently
    from the defaults."""
    p, default = scn.params, Params()
    active = active_policies(p)
    out = []
    if not active:
        out.append(i18n.t("memo_no_policy", lang))
    else:
        out.append(i18n.t("memo_policies", lang))
        for pol in active:
            fields = "; ".join(_setting(k, getattr(p, k), lang, short=True) for k in POLICIES[pol].values())
            out.append(f"- **{i18n.policy_label(pol, lang)}**: {fields}")
    changed = [k for k, v in p.to_dict().items()
               if k not in POLICY_FIELDS and k != "end_year" and v != getattr(default, k)]
    if changed:
        out += ["", i18n.t("memo_params", lang)] + [f"- {_setting(k, getattr(p, k), lang)}" for k in changed]
    return out


def memo(plan, summ: pd.DataFrame, comp: pd.DataFrame | None, years: list[int], lang: str = "en") -> str:
    """A short markdown memo: headline results with intervals for chosen years, and citation lines.

    `lang` 'en' or 'ko' (Korean labels; money in 억원/조원)."""
    def label(c):
        return COLUMNS[c][0] if lang == "en" else i18n.output_label(c, "ko")

    def unit(c):
        if lang == "en":
            return display_unit(c)
        return "원/년" if c in MONEY else i18n.UNITS_KO.get(display_unit(c), display_unit(c))

    cols = [c for c in HEADLINE if c in COLUMNS]
    yrs = [y for y in years if y in set(summ["year"])] or sorted(set(summ["year"]))[-1:]
    lines = [f"# {i18n.t('memo_title', lang)}: {plan.command} {' vs '.join(s.name for s in plan.scenarios)}", ""]
    header = f"| {i18n.t('memo_output', lang)} | {i18n.t('memo_unit', lang)} | " + " | ".join(str(y) for y in yrs) + " |"
    def table(frame: pd.DataFrame, keys: tuple[str, str, str], signed: bool) -> list[str]:
        """Header and one row per headline output: 'mean [lo, hi]' per year."""
        rows = [header, "|---|---|" + "---|" * len(yrs)]
        for c in cols:
            cells = []
            for y in yrs:
                m, lo, hi = (_fmt(c, frame.loc[(y, c)][k], signed, lang) for k in keys)
                cells.append(f"{m} [{lo}, {hi}]")
            rows.append(f"| {label(c)} | {unit(c)} | " + " | ".join(cells) + " |")
        return rows

    for scn in plan.scenarios:
        lines += [f"## {scn.name}", "", scn.description.strip(), ""] + settings_lines(scn, lang) + [""]
        s = summ[(summ["scenario"] == scn.name) & (summ["point"] == 0)].set_index(["year", "output"])
        lines += table(s, ("mean", "lo", "hi"), False)
        if len(scn.points()) > 1:
            lines += ["", i18n.t("memo_sweep", lang, n=len(scn.points()))]
        if comp is not None and len(comp) and scn.name in set(comp["scenario"]):
            d = comp[(comp["scenario"] == scn.name) & (comp["point"] == 0)].set_index(["year", "output"])
            lines += ["", i18n.t("memo_diff", lang, base=plan.scenarios[0].name), ""]
            lines += table(d, ("diff_mean", "diff_lo", "diff_hi"), True)
        lines += ["", citation(plan, scn), ""]
    lines += [i18n.t("memo_foot", lang), ""]
    return "\n".join(lines)


def write_json(path: Path, doc: dict[str, Any]) -> None:
    path.write_text(json.dumps(doc, indent=2, default=str), encoding="utf-8")


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


__all__ = ["summary", "comparison", "manifest", "memo", "citation", "write_json"]
