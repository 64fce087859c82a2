"""Scenario discovery: under which assumptions does a policy mix fail its goal?

Given draws of the uncertain parameters (the posterior draws a design evaluated a mix on) and
whether the mix met the goal in each, a shallow classification tree (CART, Breiman et al. 1984;
scikit-learn's `DecisionTreeClassifier`) splits the parameter space into a few boxes, each a
conjunction of thresholds on the parameters, and reports for each box the draws inside it and the
share of them that fail. This is the tree variant of scenario discovery (Lempert, Bryant & Bankes
2008; Bryant & Lempert 2010 use PRIM; EMA Workbench offers both); its boxes are read with PRIM's
two measures:

    density  = failures in the box / draws in the box      (how sure failure is inside it)
    coverage = failures in the box / all failures          (how much of the failure it explains)

Settings, stated and fixed (not tuned): depth 2 (boxes of at most two conditions, readable in a
memo), at least max(3, 10 %) of the draws per box, classes weighted inversely to their frequency
(failures are the rare class when a mix meets its goal with probability 0.8), `random_state=0`
(the tree is then a deterministic function of the draws). Parameters that do not vary across the
draws are left out. A split whose two sides predict the same outcome is read as one box (it only
sharpens the purity inside a side), and two bounds on the same side of one parameter keep the
tighter one, so every box reads as at most one interval per parameter.

What it cannot say: a draw is a parameter vector *and* a seed, so part of the failures are
Monte-Carlo luck no parameter explains; the tree is fitted in-sample on a few dozen draws, so its
thresholds are rough locations, not estimates with intervals. `accuracy` beside `base_rate` (the
accuracy of always predicting the majority outcome) says how much the parameters explain.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

MAX_DEPTH = 2
MIN_LEAF_SHARE = 0.10
MIN_LEAF = 3


@dataclass(frozen=True)
class Rule:
    name: str  # the parameter
    op: str  # "<=" or ">"
    threshold: float

    def text(self) -> str:
        return f"{self.name} {self.op} {self.threshold:.3g}"


@dataclass(frozen=True)
class Box:
    rules: tuple[Rule, ...]  # all must hold (an empty tuple: every draw)
    draws: int
    failures: int
    total_failures: int

    @property
    def density(self) -> float:
        return self.failures / self.draws if self.draws else 0.0

    @property
    def coverage(self) -> float:
        return self.failures / self.total_failures if self.total_failures else 0.0

    def contains(self, x: pd.DataFrame) -> np.ndarray:
        inside = np.ones(len(x), bool)
        for r in self.rules:
            v = x[r.name].to_numpy(float)
            inside &= v <= r.threshold if r.op == "<=" else v > r.threshold
        return inside


@dataclass
class Discovery:
    draws: int
    failures: int
    boxes: list[Box]  # the tree's leaves, highest failure density first
    importance: dict[str, float]  # the tree's impurity decrease per parameter (sums to 1 if any split)
    accuracy: float  # in-sample: the share of draws whose outcome the boxes' majority predicts
    base_rate: float  # the accuracy of always predicting the more frequent outcome
    parameters: list[str] = field(default_factory=list)  # those that varied (the tree's inputs)

    @property
    def failing(self) -> list[Box]:
        """The boxes where failure is likelier than overall (density above failures / draws): those
        the class-weighted tree labels as failure, highest density first."""
        if self.failures == 0 or len(self.boxes) < 2:
            return []
        return [b for b in self.boxes if b.density > self.failures / self.draws]

    @property
    def worst(self) -> Box | None:
        """The box where failure is most likely (None if no draw failed or the tree did not split)."""
        if self.failures == 0 or len(self.boxes) < 2:
            return None
        return self.boxes[0]

    def rows(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "box": " and ".join(r.text() for r in b.rules) or "(all draws)",
                    "draws": b.draws,
                    "failures": b.failures,
                    "density": b.density,
                    "coverage": b.coverage,
                }
                for b in self.boxes
            ]
        )


def _tighten(rules: tuple[Rule, ...], new: Rule) -> tuple[Rule, ...]:
    """`rules` and `new`, keeping only the tighter of two bounds on the same side of a parameter."""
    for i, r in enumerate(rules):
        if r.name == new.name and r.op == new.op:
            keep = min(r, new, key=lambda q: q.threshold) if new.op == "<=" else max(r, new, key=lambda q: q.threshold)
            return (*rules[:i], keep, *rules[i + 1 :])
    return (*rules, new)


def discover(x: pd.DataFrame, fail: np.ndarray) -> Discovery:
    """Boxes of the parameter space `x` (one row per draw, one column per parameter) where the
    outcome `fail` (True: the draw failed the goal) concentrates (module docstring)."""
    from sklearn.tree import DecisionTreeClassifier

    fail = np.asarray(fail, bool)
    n, k = len(fail), int(fail.sum())
    if len(x) != n:
        raise ValueError(f"{len(x)} parameter rows for {n} outcomes")
    varied = [c for c in x.columns if np.ptp(x[c].to_numpy(float)) > 0]
    base = max(k, n - k) / n if n else 0.0
    whole = Box((), n, k, k)
    if k in (0, n) or not varied or n < 2 * MIN_LEAF:
        return Discovery(n, k, [whole], {}, base, base, varied)
    xs = x[varied].to_numpy(float)
    tree = DecisionTreeClassifier(
        max_depth=MAX_DEPTH,
        min_samples_leaf=max(MIN_LEAF, math.ceil(MIN_LEAF_SHARE * n)),
        class_weight="balanced",
        random_state=0,
    ).fit(xs, fail)
    t = tree.tree_
    left, right = t.children_left, t.children_right
    label = t.value[:, 0, :].argmax(axis=1)  # each node's (weighted) majority: 1 = failure

    def same(node: int) -> int | None:
        """The class every leaf under `node` predicts, or None if they differ."""
        if left[node] == -1:
            return int(label[node])
        a, b = same(left[node]), same(right[node])
        return a if a is not None and a == b else None

    boxes: list[Box] = []

    def walk(node: int, rules: tuple[Rule, ...]) -> None:
        # a split whose sides predict the same outcome says nothing about failure: read it as one box
        if left[node] == -1 or same(node) is not None:
            inside = Box(rules, 0, 0, k).contains(x)
            boxes.append(Box(rules, int(inside.sum()), int(fail[inside].sum()), k))
            return
        name, thr = varied[t.feature[node]], float(t.threshold[node])
        walk(left[node], _tighten(rules, Rule(name, "<=", thr)))
        walk(right[node], _tighten(rules, Rule(name, ">", thr)))

    walk(0, ())
    boxes.sort(key=lambda b: (-b.density, -b.failures, [r.text() for r in b.rules]))
    # in-sample accuracy of predicting each box's majority outcome (unweighted)
    correct = sum(max(b.failures, b.draws - b.failures) for b in boxes)
    imp = {name: float(v) for name, v in zip(varied, tree.feature_importances_) if v > 0}
    imp = dict(sorted(imp.items(), key=lambda kv: -kv[1]))
    return Discovery(n, k, boxes, imp, correct / n, base, varied)
