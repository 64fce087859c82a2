"""Global sensitivity of policy results to the uncertain parameters (Morris screening, Sobol indices).

For each sample point theta (values of the uncertain parameters) the policy scenario and its
baseline (the same scenario with every policy off) run with the same fixed seed (common random
numbers), so each output is a deterministic function of theta. Outputs are read at Q4 of `year`:
the policy effects (scenario - baseline) on core talent in Korea, the shortage and the fiscal
cost, and the baseline shortage itself.

Methods (SALib, Herman & Usher 2017, doi:10.21105/joss.00097):
- Morris elementary effects (Morris 1991, doi:10.1080/00401706.1991.10484804; mu* of Campolongo
  et al. 2007): cheap screening of many parameters; mu* ranks influence, sigma flags
  non-linearity or interactions; bootstrap confidence interval on mu*.
- Sobol indices with Saltelli sampling (Saltelli 2002, doi:10.1016/S0010-4655(02)00280-1;
  Saltelli et al. 2010, doi:10.1016/j.cpc.2009.09.018): first-order S1 and total ST shares of
  the output variance, with bootstrap confidence intervals.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..core.params import Params
from . import batch, i18n
from .executor import collect, run_tasks
from .scenarios import Scenario, baseline_of


@dataclass(frozen=True)
class Uncertain:
    name: str
    lo: float
    hi: float
    why: str


# Parameters that are first guesses (not calibrated) and could move policy results; ranges are
# judgement: roughly half to double the first guess where that stays plausible.
UNCERTAIN: tuple[Uncertain, ...] = (
    Uncertain("beta_pay", 1.0, 4.0, "weight of pay in job choice"),
    Uncertain("home_tie", 1.0, 3.0, "pull of Korea for the Korean-born"),
    Uncertain("home_tie_foreign", 1.0, 3.0, "pull of places outside Korea for the foreign-born"),
    Uncertain("move_cost", 0.75, 2.5, "cost of an international move"),
    Uncertain("eco_us", 0.5, 1.5, "pull of the US ecosystem"),
    Uncertain("morale_sensitivity", 0.0, 5.0, "incumbents' reaction to new-hire pay"),
    Uncertain("demand_wage_elasticity", 0.15, 0.75, "own-wage elasticity of labour demand (Hamermesh 1993)"),
    Uncertain("sm_passthrough", 0.2, 1.0, "share of the subsidy that reaches the worker"),
    Uncertain("wage_curve", 0.0, 1.5, "response of market pay to the shortage rate"),
    Uncertain("match_efficiency", 0.3, 1.0, "search frictions (contacts per quarter)"),
    Uncertain("learning_rate", 0.01, 0.03, "skill growth on the job"),
    Uncertain("core_quantile", 0.90, 0.96, "where the core tier begins"),
    # the top of the diaspora at the start: 23 % (1.1) to 75 % (2.5) of the top 1 % by skill abroad
    # in 2021, around the global 53 % of top-tier AI researchers abroad (MacroPolo 2020; ODD 5)
    Uncertain("init_abroad_skill", 1.1, 2.5, "how skilled the Korean-born abroad start"),
    # the foreign-born respond more to pay than natives (footballers: elasticity ~1 vs ~0.15, Kleven,
    # Landais & Saez 2013; Denmark's foreign high earners 1.5-2, Kleven et al. 2014): 1 (no more than
    # the Korean-born) to 3 (Denmark's size by ~2045 at the calibrated point; ODD 7.8)
    Uncertain("foreign_pay_weight", 1.0, 3.0, "the foreign-born's own weight of pay (x beta_pay)"),
)
OUTPUTS = ("effect_core_talent_kr", "effect_shortage", "effect_fiscal_cost_krw", "baseline_shortage")


def problem(params: tuple[Uncertain, ...]) -> dict[str, Any]:
    return {"num_vars": len(params), "names": [u.name for u in params], "bounds": [[u.lo, u.hi] for u in params]}


def sample(method: str, params: tuple[Uncertain, ...], n: int, seed: int) -> np.ndarray:
    """Sample points (rows) for `method`: Morris trajectories (n of them) or Saltelli (n base points)."""
    from SALib.sample import morris as ms
    from SALib.sample import sobol as ss

    prob = problem(params)
    if method == "morris":
        return ms.sample(prob, n, num_levels=4, seed=seed)
    if method == "sobol":
        return ss.sample(prob, n, calc_second_order=False, seed=seed)
    raise ValueError(f"method {method!r}: allowed: morris, sobol")


def indices(method: str, params: tuple[Uncertain, ...], X: np.ndarray, Y: np.ndarray, seed: int) -> pd.DataFrame:
    """Sensitivity indices of one output Y at points X, with 90 % bootstrap confidence half-widths."""
    from SALib.analyze import morris as ma
    from SALib.analyze import sobol as sa

    prob = problem(params)
    if method == "morris":
        r = ma.analyze(prob, X, Y, num_levels=4, conf_level=0.90, num_resamples=500, seed=seed)
        return pd.DataFrame(
            {
                "parameter": r["names"],
                "mu_star": r["mu_star"],
                "mu_star_conf": r["mu_star_conf"],
                "sigma": r["sigma"],
                "mu": r["mu"],
            }
        )
    # a Generator, not the int: SALib's Sobol analysis tests `if seed:` and takes seed 0 for "no
    # seed" (intervals from the global random state, different at every run). For any other
    # seed s, default_rng(default_rng(s)) is default_rng(s): the same intervals as passing s.
    r = sa.analyze(
        prob, Y, calc_second_order=False, conf_level=0.90, num_resamples=500, seed=np.random.default_rng(seed)
    )
    return pd.DataFrame(
        {"parameter": prob["names"], "S1": r["S1"], "S1_conf": r["S1_conf"], "ST": r["ST"], "ST_conf": r["ST_conf"]}
    )


def plan_points(
    scn: Scenario, params: tuple[Uncertain, ...], X: np.ndarray, year: int, seed: int, method: str = ""
) -> batch.RunSet:
    """The runs behind `evaluate_points`: at each sample point the policy scenario and its
    baseline, one fixed seed (common random numbers), up to `year`. Keys `x00000-policy`,
    `x00000-baseline`, ...; the digest names the scenario, the method, the points and the year."""
    ss = np.random.SeedSequence(seed).spawn(1)[0]
    policy = dataclasses.replace(scn, end_year=max(year, 2021))
    base = baseline_of(policy)
    entropy, key = int(ss.entropy), tuple(ss.spawn_key)
    tasks = []
    for i, x in enumerate(X):
        over = {u.name: float(v) for u, v in zip(params, x)}
        for kind, s in (("policy", policy), ("baseline", base)):
            p = Params.from_dict({**s.overrides, **over, "end_year": s.end_year}).to_dict()
            tasks.append(batch.Task(f"x{i:05d}-{kind}", scn.name, i, (), tuple(p.items()), 0, entropy, key))
    doc = {
        "command": "sensitivity",
        "method": method,
        "scenario": scn.resolved_sha256,
        "seed": seed,
        "year": year,
        "parameters": [[u.name, u.lo, u.hi] for u in params],
        "points": np.asarray(X, float).tolist(),
    }
    digest = hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()
    return batch.RunSet("sensitivity", digest, tuple(tasks))


def table_of_runs(
    params: tuple[Uncertain, ...], X: np.ndarray, year: int, runs: dict[str, pd.DataFrame]
) -> pd.DataFrame:
    """Outputs (OUTPUTS) at every sample point from its policy and baseline runs (keys of `plan_points`)."""

    def at(df, col):
        row = df[(df["year"] == year) & (df["quarter"] == 4)]
        return float(row[col].iloc[0])

    rows = []
    for i in range(len(X)):
        pol, bas = runs[f"x{i:05d}-policy"], runs[f"x{i:05d}-baseline"]
        rows.append(
            {
                "point": i,
                **{u.name: float(v) for u, v in zip(params, X[i])},
                "effect_core_talent_kr": at(pol, "core_talent_kr") - at(bas, "core_talent_kr"),
                "effect_shortage": at(pol, "shortage") - at(bas, "shortage"),
                "effect_fiscal_cost_krw": at(pol, "fiscal_cost_krw") - at(bas, "fiscal_cost_krw"),
                "baseline_shortage": at(bas, "shortage"),
            }
        )
    return pd.DataFrame(rows)


def evaluate_points(
    scn: Scenario,
    params: tuple[Uncertain, ...],
    X: np.ndarray,
    year: int,
    seed: int,
    executor: cf.Executor | None = None,
    progress: bool = False,
    timeout: float | None = None,
) -> pd.DataFrame:
    """Outputs (OUTPUTS) at every sample point, the runs kept in memory (the CLI stages them on
    disk instead: `plan_points`, `batch.run_staged`, `table_of_runs`)."""
    plan = plan_points(scn, params, X, year, seed)
    runs = collect(
        run_tasks(
            batch.execute,
            [(t.key, (t.params, t.entropy, t.spawn_key)) for t in plan.tasks],
            executor,
            progress=progress,
            desc="sensitivity",
            timeout=timeout,
        ),
        "sensitivity runs",
    )
    return table_of_runs(params, X, year, runs)


def analyze(method: str, params: tuple[Uncertain, ...], X: np.ndarray, table: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Indices for every output: one long table (output, parameter, indices...)."""
    out = []
    for col in OUTPUTS:
        df = indices(method, params, X, table[col].to_numpy(float), seed)
        df.insert(0, "output", col)
        out.append(df)
    return pd.concat(out, ignore_index=True)


OUTPUT_LABELS = {  # output -> (label, unit) in the Morris table
    "effect_core_talent_kr": ("effect on core talent in Korea", "persons"),
    "effect_fiscal_cost_krw": ("effect on fiscal cost", "bn KRW/yr"),
    "baseline_shortage": ("baseline shortage", "persons"),
    "effect_shortage": ("effect on the shortage", "persons"),
}
SOBOL_HEADS = {  # output -> its column heading in the Sobol table
    "effect_core_talent_kr": "core-talent effect",
    "effect_fiscal_cost_krw": "fiscal-cost effect",
    "baseline_shortage": "baseline shortage",
    "effect_shortage": "shortage effect",
}


def morris_table(result: pd.DataFrame, means: dict[str, float]) -> list[str]:
    """Morris indices (`analyze`) as a Markdown table: one row per output (its unit and its mean
    over the sample points, `means`) listing the parameters by mu*: 'mu* ± 90 % interval (sigma)'
    (fiscal cost in bn KRW). The docs' table (`make golden`) and the terminal's."""
    rows = [
        "| output (unit; its mean over the sample points) | parameters by mu*: mu* ± 90 % interval (sigma) |",
        "|---|---|",
    ]
    for col, (label, unit) in OUTPUT_LABELS.items():
        d = result[result["output"] == col].sort_values("mu_star", ascending=False)
        scale = 1e9 if col == "effect_fiscal_cost_krw" else 1.0
        cells = [
            f"{r.parameter} {r.mu_star / scale:,.0f} ± {r.mu_star_conf / scale:,.0f} ({r.sigma / scale:,.0f})"
            for r in d.itertuples()
        ]
        mean = i18n.num(means[col] / scale, "+,.0f").replace("-", "−")
        rows.append(f"| {label} ({unit}; {mean}) | " + "; ".join(cells) + " |")
    return rows


def _sobol_cell(d: pd.Series, k: str) -> str:
    """'S ± half-width'; bold when the whole 90 % interval lies at or above 0.3."""
    text = f"{d[k]:.2f} ± {d[f'{k}_conf']:.2f}".replace("-", "−")
    return f"**{text}**" if d[k] - d[f"{k}_conf"] >= 0.3 else text


def sobol_table(result: pd.DataFrame, parameters, outputs=tuple(SOBOL_HEADS)) -> list[str]:
    """Sobol indices (`analyze`) as a Markdown table: one row per parameter, 'S1 / ST' (each ± its
    90 % bootstrap half-width, bold when the interval lies at or above 0.3) per output."""
    rows = [
        "| parameter | " + " | ".join(f"{SOBOL_HEADS[c]} S1 / ST" for c in outputs) + " |",
        "|---|" + "---|" * len(outputs),
    ]
    for p in parameters:
        cells = []
        for col in outputs:
            d = result[(result["output"] == col) & (result["parameter"] == p)].iloc[0]
            cells.append(f"{_sobol_cell(d, 'S1')} / {_sobol_cell(d, 'ST')}")
        rows.append(f"| `{p}` | " + " | ".join(cells) + " |")
    return rows


def analyze_function(
    f: Callable[[np.ndarray], np.ndarray], method: str, params: tuple[Uncertain, ...], n: int, seed: int = 1
) -> pd.DataFrame:
    """Indices of a plain function f(X) -> Y (rows of X are points); used to test the method."""
    X = sample(method, params, n, seed)
    return indices(method, params, X, np.asarray(f(X), float), seed)


def chart(result: pd.DataFrame, method: str, path_png, title: str) -> None:
    """Bars per output: Sobol ST (and S1) with confidence intervals, or Morris mu* with its interval."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    outs = list(dict.fromkeys(result["output"]))
    fig, axes = plt.subplots(1, len(outs), figsize=(4.2 * len(outs), 4.2), dpi=110, sharey=True)
    for ax, col in zip(np.atleast_1d(axes), outs):
        d = result[result["output"] == col]
        y = np.arange(len(d))
        if method == "sobol":
            ax.barh(y + 0.2, d["ST"], 0.4, xerr=d["ST_conf"], label="total (ST)")
            ax.barh(y - 0.2, d["S1"], 0.4, xerr=d["S1_conf"], label="first order (S1)")
            ax.set_xlim(left=min(0, float(d[["S1", "ST"]].min().min())))
        else:
            norm = d["mu_star"].max() or 1.0
            ax.barh(y, d["mu_star"] / norm, xerr=d["mu_star_conf"] / norm, label="mu* (scaled to max)")
        ax.set_yticks(y, d["parameter"], fontsize=8)
        ax.set_title(col, fontsize=9)
        ax.grid(axis="x", alpha=0.3)
    np.atleast_1d(axes)[0].legend(fontsize=7)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path_png)
    plt.close(fig)
