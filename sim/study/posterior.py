"""Calibration with parameter uncertainty: a posterior over the uncertain parameters.

Method (chosen in docs/calibration.md): truncated sequential neural posterior estimation, TSNPE
(Deistler, Goncalves & Macke 2022, "Truncated proposals for scalable and hassle-free
simulation-based inference", NeurIPS), with the `sbi` library (Tejero-Cantero et al. 2020,
doi:10.21105/joss.02505; optional extra `[posterior]`, CPU torch). Round 1 simulates parameter
vectors from the prior; a normalising flow q(theta | x) is trained on all simulations so far
(maximum likelihood, `force_first_round_loss`); the next round draws from the prior truncated to
the 1 - 1e-4 highest-density region of q(theta | x_obs). Because every round's proposal is the
prior restricted to a region, the flow stays amortised over that region: the coverage checks run
on held-out simulations of the last round, without rerunning the inference.

Observation model: each conditioning target's documented value is the simulated output (one run,
its own seed) plus measurement error, normal with the target's tolerance as standard deviation
(a documented range [lo, hi]: its midpoint with half its width). The simulations' outputs are
perturbed with that noise (from the calibration's seed) before training.

Priors (`PRIORS`): the SMM's free parameters over their search bounds, and the first-guess
behavioural parameters of the sensitivity analysis over their judgement ranges; rates whose range
spans more than a factor 10 are log-uniform, the rest uniform. Parameters that act only under a
policy (`POLICY_ONLY`) cannot be learnt from the baseline: their draws come from the prior.

The result is sim/data/posterior.json (`write_artefact`): draws with their provenance, read by
`sim.core.params.posterior_draws`.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import datetime as dt
import hashlib
import json
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..core.params import POSTERIOR_FILE, Params
from . import batch, provenance
from . import executor as X
from .calibrate import FREE, run_values
from .sensitivity import UNCERTAIN
from .targets import Target, load_targets


@dataclass(frozen=True)
class Prior:
    name: str
    lo: float
    hi: float
    log: bool
    source: str


# Parameters that act only while a policy runs: the baseline (all the data) says nothing about them.
POLICY_ONLY = ("sm_passthrough",)


def _priors() -> tuple[Prior, ...]:
    out = [
        Prior(f.name, f.lo, f.hi, f.lo > 0 and f.hi / f.lo > 10.0, f"judgement: the SMM search bounds ({f.meaning})")
        for f in FREE
    ]
    seen = {p.name for p in out}
    for u in UNCERTAIN:
        if u.name not in seen:
            out.append(Prior(u.name, u.lo, u.hi, u.lo > 0 and u.hi / u.lo > 10.0, f"judgement ({u.why})"))
    return tuple(out)


PRIORS: tuple[Prior, ...] = _priors()
LEARNT: tuple[Prior, ...] = tuple(p for p in PRIORS if p.name not in POLICY_ONLY)


def to_z(theta: np.ndarray, priors: tuple[Prior, ...] = LEARNT) -> np.ndarray:
    """Natural parameter values -> the inference space (log for log-uniform priors)."""
    theta = np.asarray(theta, float)
    return np.stack([np.log(theta[..., i]) if p.log else theta[..., i] for i, p in enumerate(priors)], axis=-1)


def from_z(z: np.ndarray, priors: tuple[Prior, ...] = LEARNT) -> np.ndarray:
    z = np.asarray(z, float)
    return np.stack([np.exp(z[..., i]) if p.log else z[..., i] for i, p in enumerate(priors)], axis=-1)


def z_bounds(priors: tuple[Prior, ...] = LEARNT) -> tuple[np.ndarray, np.ndarray]:
    lo = np.array([math.log(p.lo) if p.log else p.lo for p in priors])
    hi = np.array([math.log(p.hi) if p.log else p.hi for p in priors])
    return lo, hi


def sample_prior(n: int, rng: np.random.Generator, priors: tuple[Prior, ...] = PRIORS) -> np.ndarray:
    """n draws (rows) from the priors, natural units."""
    lo, hi = z_bounds(priors)
    return from_z(rng.uniform(lo, hi, size=(n, len(priors))), priors)


# --- observation model ---------------------------------------------------------------------


def conditioning_targets() -> tuple[list[Target], list[Target]]:
    """(targets the posterior is conditioned on, documented checks it is not), from
    sim/data/targets.yaml: every fitted target and every out-of-sample check with a two-sided
    value, except those marked `posterior: false` there (with the reason)."""
    fitted, oos = load_targets()
    use, rest = [], []
    for t in fitted + oos:
        one_sided = t.range is not None and t.range[1] >= 1e8
        (rest if (not t.posterior or one_sided) else use).append(t)
    return use, rest


def observation(t: Target) -> tuple[float, float]:
    """(observed value, measurement standard deviation) of a target."""
    if t.range is not None:
        lo, hi = t.range
        extra = t.abs if t.abs is not None else 0.0
        return 0.5 * (lo + hi), math.hypot(0.5 * (hi - lo), extra)
    if t.rel is not None:
        return float(t.value), abs(float(t.value)) * t.rel
    return float(t.value), float(t.abs)


def observed(targets: list[Target]) -> tuple[np.ndarray, np.ndarray]:
    obs = np.array([observation(t) for t in targets])
    return obs[:, 0], obs[:, 1]


# --- simulation ---------------------------------------------------------------------------


def params_for(values: dict[str, float], end_year: int, base: dict[str, Any] | None = None) -> dict[str, Any]:
    p = dict(base or Params().to_dict())
    p.update({k: float(v) for k, v in values.items()})
    p["end_year"] = end_year
    return p


def simulate(
    thetas: np.ndarray,
    priors: tuple[Prior, ...],
    targets: list[Target],
    seed: tuple[int, ...],
    executor: cf.Executor | None,
    progress: bool = True,
    desc: str = "simulations",
) -> np.ndarray:
    """One run per row of `thetas` (natural units), run i with SeedSequence(seed).spawn(n)[i],
    only as far as the last target's year; the targets' outputs (NaN for a run that failed)."""
    end = max(t.year for t in targets)
    base = Params().to_dict()
    wanted = tuple((t.output, t.year, t.quarter) for t in targets)
    seeds = np.random.SeedSequence(list(seed)).spawn(len(thetas))
    tasks = [
        (i, (params_for(dict(zip([p.name for p in priors], th)), end, base), s.entropy, tuple(s.spawn_key), wanted))
        for i, (th, s) in enumerate(zip(thetas, seeds))
    ]
    x = np.full((len(thetas), len(targets)), np.nan)
    for o in X.run_tasks(run_values, tasks, executor, progress=progress, desc=desc, timeout=24 * 3600):
        if o.error is None:
            x[o.key] = o.value
    return x


def noisy(x: np.ndarray, sd: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return x + rng.normal(0.0, 1.0, size=x.shape) * sd


# --- inference ----------------------------------------------------------------------------


@dataclass
class Settings:
    rounds: tuple[int, ...] = (1200, 1200, 1200)
    held_out: int = 200
    draws: int = 1000
    predictive: int = 200
    seed: int = 2024
    workers: int = 2
    progress: bool = True

    def digest(self, targets: list[Target]) -> str:
        doc = {
            "rounds": self.rounds,
            "held_out": self.held_out,
            "seed": self.seed,
            "priors": [dataclasses.asdict(p) for p in PRIORS],
            "targets": [dataclasses.asdict(t) for t in targets],
            "base": Params().to_dict(),
            "code": [provenance.package_version(), provenance.git_commit()],
        }
        return hashlib.sha256(json.dumps(doc, sort_keys=True, default=str).encode()).hexdigest()


def _need_sbi():
    try:
        import sbi  # noqa: F401
        import torch
    except ImportError:
        raise batch.BatchError(
            "the posterior calibration needs the optional extra: pip install -c constraints.txt -e '.[posterior]'"
        ) from None
    return torch


class _Round:
    """One round's simulations saved in the staging folder, so an interrupted run resumes."""

    def __init__(self, stage: Path, r: int, digest: str) -> None:
        self.path = stage / f"round{r}.npz"
        self.digest = digest

    def load(self) -> tuple[np.ndarray, np.ndarray] | None:
        if not self.path.exists():
            return None
        with np.load(self.path) as f:
            if str(f["digest"]) != self.digest:
                raise batch.BatchError(f"{self.path}: simulations of another posterior run; remove its folder")
            return f["theta"], f["x"]

    def save(self, theta: np.ndarray, x: np.ndarray) -> None:
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, theta=theta, x=x, digest=np.array(self.digest))
        tmp.replace(self.path)


def infer(settings: Settings, stage: Path, executor: cf.Executor | None) -> dict[str, Any]:
    """TSNPE rounds; returns the trained posterior and every simulation."""
    torch = _need_sbi()
    from sbi.inference import NPE
    from sbi.utils import BoxUniform, RestrictedPrior, get_density_thresholder

    torch.manual_seed(settings.seed)
    torch.set_num_threads(max(1, settings.workers))
    use, _ = conditioning_targets()
    obs, sd = observed(use)
    digest = settings.digest(use)
    zlo, zhi = z_bounds(LEARNT)
    prior = BoxUniform(low=torch.tensor(zlo, dtype=torch.float32), high=torch.tensor(zhi, dtype=torch.float32))
    inference = NPE(prior=prior, density_estimator="nsf", show_progress_bars=False)
    rng_noise = np.random.default_rng([settings.seed, 99])
    proposal = prior
    thetas, xs, rounds_info = [], [], []
    posterior = None
    for r, n in enumerate(settings.rounds):
        t0 = time.perf_counter()
        last = r == len(settings.rounds) - 1
        n_sim = n + (settings.held_out if last else 0)
        saved = _Round(stage, r, digest).load()
        if saved is None:
            z = proposal.sample((n_sim,)).numpy().astype(float)
            x = simulate(
                from_z(z), LEARNT, use, (settings.seed, r), executor, settings.progress, f"posterior round {r + 1}"
            )
            _Round(stage, r, digest).save(z, x)
        else:
            z, x = saved
            print(f"round {r + 1}: {len(z)} simulations taken from {stage}", file=sys.stderr)
        t_sim = time.perf_counter() - t0
        xn = noisy(x, sd, rng_noise)
        thetas.append(z)
        xs.append(xn)
        train_z, train_x = (z[:n], xn[:n]) if last else (z, xn)
        ok = np.all(np.isfinite(train_x), axis=1)
        inference.append_simulations(
            torch.tensor(train_z[ok], dtype=torch.float32), torch.tensor(train_x[ok], dtype=torch.float32)
        )
        t1 = time.perf_counter()
        inference.train(force_first_round_loss=True, show_train_summary=False)
        posterior = inference.build_posterior().set_default_x(torch.tensor(obs, dtype=torch.float32))
        rounds_info.append(
            {
                "round": r + 1,
                "simulations": int(n_sim),
                "failed": int((~ok).sum()),
                "simulate_seconds": round(t_sim, 1),
                "train_seconds": round(time.perf_counter() - t1, 1),
                "epochs": int(inference.summary["epochs_trained"][-1])
                if inference.summary.get("epochs_trained")
                else None,
            }
        )
        if settings.progress:
            print(f"round {r + 1}: {rounds_info[-1]}", file=sys.stderr)
        if not last:
            accept = get_density_thresholder(posterior, quantile=1e-4, num_samples_to_estimate_support=100_000)
            proposal = RestrictedPrior(prior, accept, posterior=posterior, sample_with="sir")
    n_last = settings.rounds[-1]
    return {
        "posterior": posterior,
        "targets": use,
        "obs": obs,
        "sd": sd,
        "rounds": rounds_info,
        "held_theta": thetas[-1][n_last:],
        "held_x": xs[-1][n_last:],
        "prior_x": xs[0][: settings.rounds[0]],
        "torch": torch,
    }


def sample(posterior, n: int, x: np.ndarray | None, torch) -> np.ndarray:
    """n posterior draws (inference space) given x (default: the observed data)."""
    kw = {} if x is None else {"x": torch.tensor(x, dtype=torch.float32)}
    return posterior.sample((n,), show_progress_bars=False, **kw).numpy().astype(float)


def coverage(posterior, theta: np.ndarray, x: np.ndarray, torch, n: int = 500, levels=None) -> dict[str, Any]:
    """Empirical coverage of central posterior intervals over held-out (truth, data) pairs, per
    parameter and level; and the SBC ranks."""
    levels = np.asarray(levels if levels is not None else np.linspace(0.05, 0.95, 19))
    ok = np.all(np.isfinite(x), axis=1)
    theta, x = theta[ok], x[ok]
    draws = (
        posterior.sample_batched((n,), x=torch.tensor(x, dtype=torch.float32), show_progress_bars=False)
        .numpy()
        .astype(float)
    )  # (n, truths, params)
    ranks = (draws < theta[None, :, :]).mean(axis=0)  # posterior CDF at the truth: uniform if calibrated
    cov = np.array([[np.mean(np.abs(ranks[:, j] - 0.5) <= lv / 2) for lv in levels] for j in range(theta.shape[1])])
    return {"levels": levels, "coverage": cov, "ranks": ranks, "truths": len(theta), "draws": draws}


def predictive(
    draws: np.ndarray,
    targets: list[Target],
    seed: int,
    executor: cf.Executor | None,
    progress: bool,
) -> np.ndarray:
    """Each posterior draw (natural units, all PRIORS) run once with its own seed."""
    return simulate(draws, PRIORS, targets, (seed, 777), executor, progress, "posterior predictive")


def refresh_predictive(
    path: Path | None = None, workers: int = 2, progress: bool = True, out: Path | None = None
) -> dict[str, Any]:
    """Recompute the stored posterior's predictive table from its own draws and seed with the current
    targets and write it back: for a target added after the fit, or a change of the table's columns.
    Not the same runs `run` made: the stored draws are rounded to 7 significant digits and the other
    parameters take today's defaults, so the rows move within Monte-Carlo noise (a new target's row
    is added; the draws, hence every posterior result, stay as they are)."""
    path = path or POSTERIOR_FILE
    doc = json.loads(path.read_text(encoding="utf-8"))
    use, rest = conditioning_targets()
    draws = np.asarray(doc["draws"], float)
    n = int(doc["provenance"].get("predictive", 200))
    seed = int(doc["provenance"]["seed"])
    with X.make_executor("local", workers) as ex:
        pp = predictive(draws[:n], use + rest, seed, ex, progress)
    doc["predictive"] = pp_rows(pp, use + rest, np.random.default_rng([seed, 6]))
    doc["provenance"]["predictive_refreshed_utc"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    write_artefact(doc, out or path)
    return doc


def _round_sig(v: float, sig: int = 7) -> float:
    return float(f"{v:.{sig}g}")


def run(settings: Settings, out: Path | None = None) -> dict[str, Any]:
    """The whole posterior calibration: inference, validation, artefact, report."""
    t0 = time.perf_counter()
    path = out or POSTERIOR_FILE
    stage = batch.staging_dir(path)
    batch.make_folder(stage, "staging folder")
    use, rest = conditioning_targets()
    with batch.locked(stage), X.make_executor("local", settings.workers) as ex:
        res = infer(settings, stage, ex)
        torch = res["torch"]
        post = res["posterior"]
        z = sample(post, settings.draws, None, torch)
        learnt = from_z(z)
        rng = np.random.default_rng([settings.seed, 5])
        idx = [i for i, p in enumerate(PRIORS) if p.name in POLICY_ONLY]
        draws = np.empty((settings.draws, len(PRIORS)))
        li = [i for i, p in enumerate(PRIORS) if p.name not in POLICY_ONLY]
        draws[:, li] = learnt
        if idx:
            draws[:, idx] = sample_prior(settings.draws, rng, tuple(PRIORS[i] for i in idx))
        draws = np.clip(draws, [p.lo for p in PRIORS], [p.hi for p in PRIORS])
        cov = coverage(post, res["held_theta"], res["held_x"], torch)
        pp_targets = use + rest
        pp = predictive(draws[: settings.predictive], pp_targets, settings.seed, ex, settings.progress)
    wall = time.perf_counter() - t0
    doc = artefact(settings, draws, res, cov, pp, pp_targets, wall)
    write_artefact(doc, path)
    import shutil

    keep = Path("results") / f"posterior-runs-{settings.seed}"  # the simulations, for more rounds later
    shutil.rmtree(keep, ignore_errors=True)
    keep.parent.mkdir(exist_ok=True)
    shutil.move(str(stage), str(keep))
    return doc


def pp_rows(pp: np.ndarray, targets: list[Target], rng: np.random.Generator) -> list[dict[str, Any]]:
    """Posterior-predictive table: per target, the predictive mean and 90 % interval of the
    simulated output plus measurement error, the documented value, and whether it falls inside."""
    rows = []
    for j, t in enumerate(targets):
        v = pp[:, j][np.isfinite(pp[:, j])]
        value, sd = observation(t)
        with_err = v + rng.normal(0.0, sd, size=v.shape) if t.range is None else v
        lo, hi = np.quantile(with_err, [0.05, 0.95])
        sim_lo, sim_hi = np.quantile(v, [0.05, 0.95])
        inside = bool(hi >= t.range[0] and lo <= t.range[1]) if t.range is not None else bool(lo <= value <= hi)
        rows.append(
            {
                **t.identity(),
                "mean": float(np.mean(v)),
                "lo": float(lo),
                "hi": float(hi),
                "sim_lo": float(sim_lo),
                "sim_hi": float(sim_hi),
                "inside": inside,
                "conditioned": t.posterior and not (t.range is not None and t.range[1] >= 1e8),
                "source": t.source,
                "level": t.level,
            }
        )
    return rows


def artefact(settings, draws, res, cov, pp, pp_targets, wall) -> dict[str, Any]:
    use = res["targets"]
    tdoc = json.dumps([dataclasses.asdict(t) for t in use], sort_keys=True, default=str)
    learnt_names = [p.name for p in LEARNT]
    return {
        "version": 1,
        "method": "TSNPE (sbi NPE, neural spline flow, truncated proposals); measurement error = target tolerance",
        "provenance": {
            "date_utc": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "code": {"talentsim": provenance.package_version(), "git": provenance.git_commit()},
            "sbi": _version("sbi"),
            "torch": _version("torch"),
            "targets_sha256": hashlib.sha256(tdoc.encode()).hexdigest(),
            "targets": [t.id for t in use],
            "seed": settings.seed,
            "rounds": res["rounds"],
            "simulations": int(sum(r["simulations"] for r in res["rounds"]) + len(pp)),
            "wall_seconds": round(wall, 1),
            "workers": settings.workers,
            "predictive": settings.predictive,
        },
        "priors": [dataclasses.asdict(p) for p in PRIORS],
        "policy_only": list(POLICY_ONLY),
        "validation": {
            "truths": int(cov["truths"]),
            "coverage_50": {n: float(_cov_at(cov, j, 0.5)) for j, n in enumerate(learnt_names)},
            "coverage_90": {n: float(_cov_at(cov, j, 0.9)) for j, n in enumerate(learnt_names)},
            "levels": [round(float(v), 4) for v in cov["levels"]],
            "coverage": {n: [round(float(v), 4) for v in cov["coverage"][j]] for j, n in enumerate(learnt_names)},
            "sbc_ks_p": {n: float(_ks_uniform(cov["ranks"][:, j])) for j, n in enumerate(learnt_names)},
            "recovery_90": _recovery(cov, learnt_names, 20),
        },
        "prior_predictive": {
            t.id: {
                "q05": float(np.nanquantile(res["prior_x"][:, j], 0.05)),
                "q95": float(np.nanquantile(res["prior_x"][:, j], 0.95)),
                "within_tolerance": float(np.nanmean(np.abs(res["prior_x"][:, j] - res["obs"][j]) <= res["sd"][j])),
            }
            for j, t in enumerate(use)
        },
        "predictive": pp_rows(pp, pp_targets, np.random.default_rng([settings.seed, 6])),
        "names": [p.name for p in PRIORS],
        "draws": [[_round_sig(v) for v in row] for row in draws],
    }


def _ks_uniform(u: np.ndarray) -> float:
    from scipy.stats import kstest

    return float(kstest(u, "uniform").pvalue)


def _recovery(cov: dict[str, Any], names: list[str], k: int) -> dict[str, Any]:
    """Recovery on the first k synthetic truths: per parameter, how many lie in their 90 % interval."""
    r = cov["ranks"][:k]
    inside = np.abs(r - 0.5) <= 0.45
    return {"truths": int(len(r)), "inside": {n: int(inside[:, j].sum()) for j, n in enumerate(names)}}


def _cov_at(cov: dict[str, Any], j: int, level: float) -> float:
    i = int(np.argmin(np.abs(cov["levels"] - level)))
    return float(cov["coverage"][j, i])


def _version(name: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:
        return None


def write_artefact(doc: dict[str, Any], path: Path) -> None:
    text = json.dumps(doc, indent=None, separators=(",", ":"), ensure_ascii=False)
    batch.write_text_atomic(path, text + "\n")
