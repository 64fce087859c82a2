"""Shared helpers for the benchmark scripts (timing medians, peak memory, plain-Mesa reference)."""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import mesa

OUT = Path(__file__).resolve().parent / "out"


class PlainAgent(mesa.Agent):
    """The reference: a Mesa agent with a trivial step, stepped one by one."""

    def __init__(self, model):
        super().__init__(model)
        self.x = 0

    def step(self):
        self.x += 1


class PlainModel(mesa.Model):
    """Steps every agent once per step, in random order (`shuffle_do`, Mesa's usual random
    activation) or in a fixed order (`do`)."""

    def __init__(self, n: int, rng=None, order: str = "shuffle_do"):
        super().__init__(rng=rng)
        PlainAgent.create_agents(self, n)
        self.order = order

    def step(self):
        getattr(self.agents, self.order)("step")


def time_plain(n_agents: int, n_steps: int, order: str = "shuffle_do") -> float:
    m = PlainModel(n_agents, rng=0, order=order)
    t = time.perf_counter()
    for _ in range(n_steps):
        m.step()
    return time.perf_counter() - t


def peak_rss_mb() -> float:
    """Peak resident memory of this process (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def in_subprocess(code: str) -> dict:
    """Run `code` (which prints one JSON line) in a fresh interpreter; return the JSON."""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def machine() -> dict:
    """The machine, and its load when the results are saved: the 1/5/15-minute load averages
    (the machine is shared, and a benchmark's medians move with what else runs on it)."""
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "mesa": mesa.__version__,
        "load_average_1_5_15min": [round(x, 2) for x in os.getloadavg()],
    }


def save(name: str, data: dict) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"{name}.json"
    path.write_text(json.dumps({**data, "machine": machine()}, indent=2))
    return path
