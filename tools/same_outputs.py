"""Same seed => identical tables: dump or compare the full timeseries of every shipped scenario.

    python tools/same_outputs.py dump DIR      # one CSV per scenario (every point of a sweep,
                                               # 2 replications, every quarter, every output)
    python tools/same_outputs.py compare A B   # cell by cell; exit 1 on any difference

Used to prove that a refactor changes no result (issue 11): dump with the code before the
change (e.g. from a `git worktree` of the old commit), dump with the code after, compare.
Values are written with 17 significant digits, so equal text means bit-identical floats.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
REPLICATIONS = 2
SEED = 20200601


def _load(path: Path):
    try:  # the layered tree (issue 11) and the flat one before it
        from sim.study import scenarios
    except ImportError:  # pragma: no cover - the code before the change
        from sim import scenarios
    return scenarios.load(path)


def dump(out: Path, root: Path = ROOT) -> None:
    from sim import TalentMarket

    out.mkdir(parents=True, exist_ok=True)
    seeds = np.random.SeedSequence(SEED).spawn(REPLICATIONS)
    for path in sorted((root / "scenarios").glob("*.yaml")):
        if path.name.startswith("design-"):  # design files, not scenarios
            continue
        scn = _load(path)
        frames = []
        for pi, (_, params) in enumerate(scn.points()):
            for r, ss in enumerate(seeds):
                df = TalentMarket(params=params, rng=ss).run()
                df.insert(0, "replication", r)
                df.insert(0, "point", pi)
                frames.append(df)
        text = pd.concat(frames, ignore_index=True).to_csv(index=False, float_format="%.17g")
        (out / f"{path.stem}.csv").write_text(text)
        print(f"{path.stem:32s} {len(frames):3d} runs  sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]}")


def compare(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.glob("*.csv")} | {p.name for p in b.glob("*.csv")})
    bad = 0
    for name in names:
        pa, pb = a / name, b / name
        if not (pa.exists() and pb.exists()):
            print(f"{name}: only in {'the first' if pa.exists() else 'the second'} folder")
            bad += 1
            continue
        ta, tb = pa.read_text(), pb.read_text()
        if ta == tb:
            print(f"{name:36s} identical ({ta.count(chr(10)) - 1} rows)")
            continue
        bad += 1
        da, db = pd.read_csv(pa), pd.read_csv(pb)
        if list(da.columns) != list(db.columns) or da.shape != db.shape:
            print(f"{name}: columns or shape differ ({da.shape} vs {db.shape})")
            continue
        diff = ~((da == db) | (da.isna() & db.isna()))
        cols = [c for c in da.columns if diff[c].any()]
        print(f"{name}: {int(diff.to_numpy().sum())} cells differ, in {cols[:8]}")
    print("all identical" if not bad else f"{bad} file(s) differ")
    return 1 if bad else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "dump":
        dump(Path(argv[1]))
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
