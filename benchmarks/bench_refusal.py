"""Benchmark: what refusing a hostile or oversized scenario costs (issue 17: "under 5 s to refuse";
"a refused upload costs < 1 s of server CPU").

For every file of the hostile corpus (tests/hostile_scenarios/) and for uploads made here (a
200 MB file, a 256 kB file just under the limit made of 20,000 aliases' worth of values, a 1.2 kB
file nested 500 deep), reports:
- the CPU time of the library call the app makes for an upload (`scenarios.from_upload`),
  median of `--repeats` calls in this process;
- the wall time of `talentsim run FILE --out DIR` in a fresh process (interpreter start and
  imports included), median of `--cli-repeats`, and that it exited 2 and wrote nothing.
Writes benchmarks/out/bench_refusal.json.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import save

from sim.study import scenarios as S

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "tests" / "hostile_scenarios").glob("*.yaml"))


def made_here() -> dict[str, bytes]:
    deep = b"name: deep\ndescription: d\nparameters: " + b"[" * 500 + b"]" * 500 + b"\n"
    many = b"name: many\ndescription: m\nx:\n" + b"".join(b"  k%06d: 1\n" % i for i in range(21000))
    return {
        "upload-200MB.yaml": b"a: 1\n" * (40 * 1024 * 1024),
        "upload-many-keys.yaml": many[: S.MAX_FILE_BYTES],
        "upload-deep-1k.yaml": deep,
    }


def cpu_of_upload(raw: bytes, name: str, repeats: int) -> tuple[float, str]:
    times, msg = [], ""
    for _ in range(repeats):
        t = time.process_time()
        try:
            S.from_upload(raw, name)
            msg = "ACCEPTED"
        except S.ScenarioError as e:
            msg = str(e)
        times.append(time.process_time() - t)
    return statistics.median(times), msg


def cli_refusal(path: Path, repeats: int) -> tuple[float, int, bool]:
    times, code, clean = [], 0, True
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            r = subprocess.run(
                [sys.executable, "-m", "sim", "run", str(path), "--out", str(Path(tmp) / "out")],
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            times.append(time.perf_counter() - t)
            code = r.returncode
            clean = clean and not any(Path(tmp).iterdir()) and "Traceback" not in r.stderr
    return statistics.median(times), code, clean


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--cli-repeats", type=int, default=3)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        files = {p.name: p for p in CORPUS}
        for name, raw in made_here().items():
            files[name] = Path(tmp) / name
            files[name].write_bytes(raw)
        for name, path in files.items():
            raw = path.read_bytes()
            cpu, msg = cpu_of_upload(raw, name, args.repeats)
            wall, code, clean = cli_refusal(path, args.cli_repeats)
            rows.append(
                {
                    "file": name,
                    "bytes": len(raw),
                    "upload_cpu_seconds_median": cpu,
                    "cli_seconds_median": wall,
                    "cli_exit": code,
                    "cli_wrote_nothing_no_traceback": clean,
                    "message": msg[:160],
                }
            )
            print(
                f"{name:28s} {len(raw):>11,} B  upload CPU {cpu * 1e3:8.2f} ms  CLI {wall:5.2f} s exit {code}"
                f"{'' if clean else '  WROTE SOMETHING OR TRACEBACK'}  {msg[:70]!r}"
            )
    worst_cpu = max(r["upload_cpu_seconds_median"] for r in rows)
    worst_cli = max(r["cli_seconds_median"] for r in rows)
    print(f"worst upload CPU {worst_cpu:.3f} s (target < 1 s); worst CLI refusal {worst_cli:.2f} s (target < 5 s)")
    save(
        "bench_refusal",
        {"rows": rows, "worst_upload_cpu_seconds": worst_cpu, "worst_cli_seconds": worst_cli},
    )


if __name__ == "__main__":
    main()
