"""Scenario files: the library loads, bases and sweeps resolve, and every kind of mistake in the
broken corpus gives a clear error naming the file, the key, the value and what is allowed."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sim import Params
from sim.study import batch, provenance
from sim.study import scenarios as S

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = S.library_files(ROOT / "scenarios")
BROKEN = sorted((Path(__file__).parent / "broken_scenarios").glob("*.yaml"))


def expected(path: Path) -> list[str]:
    """The message fragments a broken file's '# expect:' comment lines promise."""
    return [e.decode().strip() for e in re.findall(rb"^# expect: (.*)$", path.read_bytes(), re.M)]


def test_corpus_is_large_enough():
    assert len(BROKEN) >= 20


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_file_gives_clear_error(path):
    with pytest.raises(S.ScenarioError) as e:
        S.load(path)
    msg = str(e.value)
    assert "Traceback" not in msg
    assert path.name in msg or "helpers/" in msg, msg
    for frag in expected(path):
        assert frag in msg, f"{frag!r} not in: {msg}"


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_library_scenario_loads_and_describes_itself(path):
    s = S.load(path)
    assert s.name == path.stem
    assert len(s.description) > 40
    s.params.validate()
    assert s.files[0].path.endswith(path.name) and len(s.files[0].sha256) == 64


def test_base_chain_is_a_diff():
    s75 = S.load(ROOT / "scenarios" / "salary-matching-75.yaml")
    assert s75.overrides["sm_share"] == 0.75  # its own change
    assert s75.overrides["sm_start"] == 2026.0  # inherited from salary-matching-50
    assert [Path(f.path).name for f in s75.files] == [
        "salary-matching-75.yaml",
        "salary-matching-50.yaml",
        "baseline.yaml",
    ]
    base = S.load(ROOT / "scenarios" / "baseline.yaml")
    assert base.overrides == {} and base.params == Params(end_year=2035)


def test_sweep_grid():
    s = S.load(ROOT / "scenarios" / "sweep-salary-matching.yaml")
    pts = s.points()
    assert len(pts) == 12
    shares = sorted({p.sm_share for _, p in pts})
    paths = sorted({p.demand_path for _, p in pts})
    assert shares == [0.0, 0.25, 0.5, 0.75] and paths == ["baseline", "boom", "downturn"]
    assert s.replications == 10
    # each point with salary matching has the no-policy point on its demand path as reference
    refs = s.references()
    assert sorted(refs) == list(range(3, 12)) and all(
        pts[refs[i]][1].demand_path == pts[i][1].demand_path for i in refs
    )
    assert all(pts[j][1].sm_share == 0.0 for j in refs.values())
    # without the share 0 points there is no reference
    import dataclasses

    no_off = dataclasses.replace(s, sweep={**s.sweep, "policies.salary_matching.share": [0.25, 0.5]})
    assert no_off.references() == {}


def test_resolved_document_round_trips(tmp_path):
    s = S.load(ROOT / "scenarios" / "combined-package.yaml")
    f = tmp_path / "resolved.yaml"
    f.write_text(S.to_yaml(s))
    again = S.load(f)
    assert again.overrides == s.overrides and again.sweep == s.sweep and again.resolved() == s.resolved()
    assert again.resolved_sha256 == s.resolved_sha256


def test_json_schema_is_generated_and_current():
    schema = json.loads((ROOT / "scenarios" / "schema.json").read_text())
    assert schema == json.loads(json.dumps(S.json_schema())), "run: talentsim schema --out scenarios/schema.json"
    props = schema["properties"]
    assert {"name", "description", "base", "policies", "parameters", "sweep"} <= set(props)
    assert schema["additionalProperties"] is False


def test_schema_bounds_come_from_params():
    schema = S.json_schema()
    share = schema["$defs"]["Policy_salary_matching"]["properties"]["share"]
    text = json.dumps(share)
    assert '"maximum": 0.9' in text and '"minimum": 0.0' in text


def test_safe_load_only_nothing_executed(tmp_path):
    marker = tmp_path / "owned"
    f = tmp_path / "evil.yaml"
    f.write_text(f'name: evil\ndescription: !!python/object/apply:os.system ["touch {marker}"]\n')
    with pytest.raises(S.ScenarioError):
        S.load(f)
    assert not marker.exists()


@pytest.mark.parametrize("name", ["05-share-out-of-range", "16-duplicate-key", "19-empty-file"])
def test_cli_exits_2_without_traceback_or_folder(tmp_path, name):
    out = tmp_path / "res"
    path = Path(__file__).parent / "broken_scenarios" / f"{name}.yaml"
    r = subprocess.run(
        [sys.executable, "-m", "sim", "run", str(path), "--out", str(out)], capture_output=True, text=True, cwd=tmp_path
    )
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and "talentsim: error:" in r.stderr and name in r.stderr
    assert not out.exists() and not (tmp_path / "res.partial").exists()
    assert not (tmp_path / "results").exists()


def test_cli_missing_file_and_bad_options(tmp_path):
    r = subprocess.run([sys.executable, "-m", "sim", "run", "nope.yaml"], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 2 and "no such scenario file" in r.stderr and "Traceback" not in r.stderr
    good = str(ROOT / "scenarios" / "baseline.yaml")
    for bad in (
        ["--replications", "0"],
        ["--workers", "x"],
        ["--executor", "spark"],
        ["--seed", "-1"],
        ["--scheduler", "tcp://127.0.0.1:1"],
    ):
        r = subprocess.run(
            [sys.executable, "-m", "sim", "run", good, "--out", str(tmp_path / "o"), *bad],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert r.returncode == 2, (bad, r.stderr)
        assert "Traceback" not in r.stderr and not (tmp_path / "o").exists()


def test_an_upload_may_build_on_a_shipped_scenario_and_nothing_else(tmp_path):
    """An upload's base names a file of the shipped library (a bare name): the result equals the
    same file loaded next to the library, with the base chain recorded; a path, a missing file or
    a name outside the library is refused naming the allowed files; a rerun of its manifest is
    verified (the chain is applied the same way)."""
    raw = b"name: up\ndescription: from an upload\nbase: salary-matching-50.yaml\n"
    raw += b"policies:\n  salary_matching: {share: 0.3}\n"
    lib = ROOT / "scenarios"
    up = S.from_upload(raw, "up.yaml", library=lib)
    (tmp_path / "up.yaml").write_bytes(raw)
    for f in ("salary-matching-50.yaml", "baseline.yaml"):
        (tmp_path / f).write_bytes((lib / f).read_bytes())
    here = S.load(tmp_path / "up.yaml")
    assert up.resolved() == here.resolved() and up.params.sm_share == 0.3 and up.params.sm_tiers == "core"
    assert [f.path.rsplit("/", 1)[-1] for f in up.files] == ["up.yaml", "salary-matching-50.yaml", "baseline.yaml"]
    assert up.title == "" and up.display_name("ko") == "up"  # the base's titles are not inherited
    for bad in ("../secrets.yaml", "/etc/passwd", "sub/baseline.yaml", "nothere.yaml"):
        with pytest.raises(S.ScenarioError, match=r"base: .* is not a shipped scenario.*baseline.yaml"):
            S.from_upload(raw.replace(b"salary-matching-50.yaml", bad.encode()), "up.yaml", library=lib)
    # the manifest of a run of it reruns: its chain is verified like a file's
    plan = batch.make_plan("run", [up], 1, 3)
    path = tmp_path / "manifest.json"
    provenance.write_json(path, provenance.manifest(plan, [], "local", 1, []))
    assert batch.read_manifest(path)[3][0].resolved() == up.with_options(1, 3).resolved()
    # a user file based on the shipped baseline (which has titles) also reruns from its manifest
    (tmp_path / "mine.yaml").write_text("name: mine\ndescription: mine\nbase: baseline.yaml\n")
    mine = S.load(tmp_path / "mine.yaml")
    assert mine.title == ""
    provenance.write_json(path, provenance.manifest(batch.make_plan("run", [mine], 1, 3), [], "local", 1, []))
    assert batch.read_manifest(path)[3][0].resolved() == mine.with_options(1, 3).resolved()


def test_yaml_library_files_are_plain_yaml():
    for p in LIBRARY:
        assert isinstance(yaml.safe_load(p.read_text()), dict)


def test_from_upload_records_the_bytes_and_refuses_bases_and_non_utf8():
    import hashlib

    raw = "name: up\ndescription: 업로드 test\npolicies:\n  salary_matching: {share: 0.4}\n".encode()
    scn = S.from_upload(raw, "up.yaml")
    assert scn.params.sm_share == 0.4
    assert scn.files == (S.SourceFile("up.yaml", hashlib.sha256(raw).hexdigest(), raw.decode()),)
    with pytest.raises(S.ScenarioError, match=r"^up.yaml: base: 'baseline.yaml' is not a shipped scenario.*no base"):
        S.from_upload(b"name: up\ndescription: t\nbase: baseline.yaml\n", "up.yaml")  # no library given
    with pytest.raises(S.ScenarioError, match=r"^bin.yaml: not UTF-8 text"):
        S.from_upload(b"\xff\xfe\x00", "bin.yaml")
