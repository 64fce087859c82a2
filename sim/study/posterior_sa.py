"""Sensitivity on the posterior: how much of a policy effect's variance is parameter uncertainty
and how much the model's randomness, and which parameters drive it.

Design: K posterior draws (the first K of `uncertainty.draw_indices(seed, K, ...)`), each run
with two seeds; for every (draw, seed) the policy scenario and its baseline share the draw and
the seed (a paired effect). By the law of total variance,
Var(effect) = Var_theta(E[effect | theta]) + E_theta[Var(effect | theta)]; the within-draw
variance is estimated without bias from the two seeds, (e1 - e2)^2 / 2 averaged over draws, and
the parameter share is 1 - within / total. The drivers are the standardised regression
coefficients of the per-draw mean effect on the draws' parameter values (log for log-uniform
priors): SRC_j^2 is parameter j's share of the explained variance when the effect is close to
linear in the parameters (the adjusted R^2 near 1; it is reported), Saltelli et al. 2008, ch. 1.2.
"""

from __future__ import annotations

import concurrent.futures as cf
from typing import Any

import numpy as np

from . import batch, i18n
from . import executor as X
from . import scenarios as S
from . import uncertainty as U
from .posterior import PRIORS

OUTPUTS = ("core_talent_kr", "shortage", "fiscal_cost_krw")


def split_variance(eff: np.ndarray) -> tuple[float, float, float]:
    """(total variance, mean within-draw variance, share from the parameters) of effects shaped
    (draws, 2): two seeds per draw; (e1 - e2)^2 / 2 estimates a draw's within variance without bias."""
    total = float(np.var(eff.ravel(), ddof=1))
    within = float(np.mean((eff[:, 0] - eff[:, 1]) ** 2) / 2)
    return total, within, (max(0.0, 1.0 - within / total) if total > 0 else 0.0)


def tasks(scn: S.Scenario, post: Any, idx: list[int], seed: int, year: int) -> list[tuple[Any, tuple]]:
    """Policy and baseline runs of posterior draws `idx`, two seeds each, paired on draw and seed."""
    base = S.baseline_of(scn)
    draws = len(idx)
    spawned = np.random.SeedSequence(seed).spawn(2 * draws)
    out = []
    for k, d in enumerate(idx):
        for s in range(2):
            ss = spawned[2 * k + s]
            for which, sc in (("policy", scn), ("baseline", base)):
                values = U.with_draw({**sc.params.to_dict(), "end_year": year}, post.values(d), set(sc.overrides))
                out.append(((k, s, which), (tuple(values.items()), int(ss.entropy), tuple(ss.spawn_key))))
    return out


def decompose(
    scn: S.Scenario,
    year: int = 2030,
    draws: int = 40,
    seed: int = 20260601,
    executor: cf.Executor | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """The variance decomposition and drivers of `scn`'s effects at `year` Q4 (runs on `executor`;
    None: in this process)."""
    post = U.load()
    idx = U.draw_indices(seed, draws, len(post.draws))
    todo = tasks(scn, post, idx, seed, year)
    res = X.collect(X.run_tasks(batch.execute, todo, executor, progress=progress, desc="posterior sensitivity"))
    theta = post.draws[idx][:, [post.names.index(p.name) for p in PRIORS]].copy()
    for j, p in enumerate(PRIORS):
        if p.log:
            theta[:, j] = np.log(theta[:, j])
    # a parameter the scenario sets is not uncertain in it
    free = [j for j, p in enumerate(PRIORS) if p.name not in scn.overrides and np.std(theta[:, j]) > 0]
    out: dict[str, Any] = {"scenario": scn.name, "year": year, "draws": draws, "seed": seed, "outputs": {}}
    for col in OUTPUTS:
        eff = np.zeros((draws, 2))
        for (k, s, which), df in res.items():
            if which == "policy":
                row = (df["year"] == year) & (df["quarter"] == 4)
                b = res[(k, s, "baseline")]
                brow = (b["year"] == year) & (b["quarter"] == 4)
                eff[k, s] = float(df.loc[row, col].iloc[0]) - float(b.loc[brow, col].iloc[0])
        total, within, share = split_variance(eff)
        m = eff.mean(axis=1)
        X_ = theta[:, free]
        Z = (X_ - X_.mean(axis=0)) / X_.std(axis=0)
        y = (m - m.mean()) / (m.std() if m.std() > 0 else 1.0)
        coef, *_ = np.linalg.lstsq(np.column_stack([np.ones(draws), Z]), y, rcond=None)
        src = coef[1:]
        r2 = float(1 - np.sum((y - np.column_stack([np.ones(draws), Z]) @ coef) ** 2) / np.sum(y**2))
        k = Z.shape[1]
        r2 = 1 - (1 - r2) * (draws - 1) / max(draws - k - 1, 1)  # adjusted: k regressors on `draws` points
        order = np.argsort(-np.abs(src))
        out["outputs"][col] = {
            "mean": float(eff.mean()),
            "lo": float(np.quantile(eff.ravel(), 0.05)),
            "hi": float(np.quantile(eff.ravel(), 0.95)),
            "total_var": total,
            "within_var": within,
            "parameter_share": share,
            "r2": r2,
            "drivers": [(PRIORS[free[i]].name, float(src[i])) for i in order[:6]],
            "src": {PRIORS[free[i]].name: float(src[i]) for i in order},
        }
    return out


def table(res: dict[str, Any]) -> list[str]:
    lines = [
        (
            "| effect | mean [90 %] | share of variance from parameters | adjusted R² of the linear fit "
            "| main drivers (SRC) |"
        ),
        "|---|---|---|---|---|",
    ]
    for col, r in res["outputs"].items():
        drivers = ", ".join(f"`{n}` {i18n.num(v, '+.2f')}" for n, v in r["drivers"][:4])
        lines.append(
            f"| {col} | {r['mean']:,.4g} [{r['lo']:,.4g}, {r['hi']:,.4g}] | {r['parameter_share']:.0%} | "
            f"{r['r2']:.2f} | {drivers} |"
        )
    return lines
