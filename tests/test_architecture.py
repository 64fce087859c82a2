"""The architecture holds: one policy registry that everything derives from, one executor loop
that records a failed run as data, and every piece of model state declared in __init__."""

import ast
import concurrent.futures as cf
import dataclasses
import inspect
from pathlib import Path

import pandas as pd
import pytest

from sim.app import explorer as E
from sim.core import model, policies
from sim.core.agents import Government
from sim.core.outputs import OUTPUT_NAMES
from sim.core.params import Params
from sim.study import batch, i18n, memo
from sim.study import executor as X
from sim.study import scenarios as S

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- the policy registry
def test_the_registry_declares_the_policy_fields_of_params_once():
    group = {f.name for f in dataclasses.fields(Params) if f.metadata["group"] == "policy"}
    listed = [f for pol in policies.POLICIES for f in pol.params]
    assert sorted(listed) == sorted(group) and len(listed) == len(set(listed))
    for pol in policies.POLICIES:
        assert pol.switch in pol.params and pol.start in pol.params
        assert getattr(Params(), pol.switch) == 0, f"{pol.name} must be off by default"


def test_a_registry_that_misses_a_field_is_refused(monkeypatch):
    first = policies.POLICIES[0]
    short = (dataclasses.replace(first, fields=first.fields[:-1]), *policies.POLICIES[1:])
    monkeypatch.setattr(policies, "POLICIES", short)
    with pytest.raises(RuntimeError, match=first.fields[-1][1]):
        policies._check_registry()


def test_everything_policy_shaped_derives_from_the_registry():
    names = [pol.name for pol in policies.POLICIES]
    schema = S.json_schema()
    assert list(schema["$defs"]["Policies"]["properties"]) == names  # scenario schema
    for pol in policies.POLICIES:
        assert list(schema["$defs"][f"Policy_{pol.name}"]["properties"]) == list(pol.keys)
    assert [n for n, _ in E.policy_groups()] == names  # the app's lever groups
    assert Government.INSTRUMENTS == policies.INSTRUMENTS  # the fiscal books
    fiscal = [c for c in OUTPUT_NAMES if c.startswith("fiscal_") and c != "fiscal_cost_krw"]
    assert fiscal == [f"fiscal_{i}_krw" for i in policies.INSTRUMENTS]  # the fiscal outputs
    p = Params(sm_share=0.5, lab_acq_size=10)
    assert policies.active_names(p) == ["salary_matching", "lab_acquisition"]  # active policies
    scn = S.from_document(
        {
            "name": "x",
            "description": "y",
            "policies": {"salary_matching": {"share": 0.5}, "lab_acquisition": {"size": 10}},
        }
    )
    lines = "\n".join(memo.settings_lines(scn, "en"))  # memo lines
    for name in ("salary_matching", "lab_acquisition"):
        assert i18n.policy_label(name, "en") in lines
    assert i18n.policy_label("grad_seats", "en") not in lines


def test_policy_differences_and_the_earliest_start():
    a, b = Params(), Params(sm_share=0.5, sm_start=2028.0, demand_wage_elasticity=0.5)
    assert policies.non_policy_differences(a, b) == ["demand_wage_elasticity"]
    assert (
        policies.earliest_start(Params(sm_share=0.5, sm_start=2028.0, drive_rate=0.1, drive_start=2027.25)) == 2027.25
    )
    assert policies.earliest_start(Params()) == min(getattr(Params(), f) for f in policies.START_FIELDS)


# --------------------------------------------------------------------------- the executor loop
def _maybe_fail(x: int) -> int:
    if x == 2:
        raise ValueError("task two is broken")
    return x * 10


@pytest.mark.parametrize("pool", [False, True])
def test_a_failed_task_is_recorded_as_data_and_the_others_finish(pool):
    ex = cf.ThreadPoolExecutor(2) if pool else None
    try:
        outs = {o.key: o for o in X.run_tasks(_maybe_fail, [(i, (i,)) for i in range(5)], ex)}
    finally:
        if ex:
            ex.shutdown()
    assert sorted(outs) == [0, 1, 2, 3, 4]
    assert [outs[i].value for i in (0, 1, 3, 4)] == [0, 10, 30, 40]
    assert not outs[2].ok and outs[2].error_line == "ValueError: task two is broken" and "Traceback" in outs[2].error
    with pytest.raises(X.RunsFailedError, match=r"1 runs failed \(the others finished\):\n  2: ValueError"):
        X.collect(outs.values())


def test_a_batch_keeps_the_finished_runs_of_a_failed_task_and_retries_it(tmp_path, monkeypatch):
    (tmp_path / "s.yaml").write_text(
        "name: s\ndescription: small\nhorizon: {end_year: 2021}\nreplications: 3\nseed: 5\nparameters: {scale: 0.03}\n"
    )
    plan = batch.make_plan("run", [S.load(tmp_path / "s.yaml")])
    real = batch.execute
    broken = plan.tasks[1]

    def flaky(params, entropy, spawn_key):
        if tuple(spawn_key) == broken.spawn_key:
            raise RuntimeError("worker lost")
        return real(params, entropy, spawn_key)

    monkeypatch.setattr(batch, "execute", flaky)
    stage = batch.prepare(plan, tmp_path / "out")
    with pytest.raises(X.RunsFailedError, match=f"(?s)1 of 3 runs failed.*{broken.key}: RuntimeError: worker lost"):
        batch.run_plan(plan, stage, None, progress=False)
    assert sorted(p.stem for p in (stage / "runs").glob("*.csv")) == sorted(
        t.key for t in plan.tasks if t is not broken
    )
    assert "worker lost" in (stage / "failed" / f"{broken.key}.txt").read_text()
    monkeypatch.setattr(batch, "execute", real)  # the same command again: only the failed task runs
    ran = []
    runs = batch.run_plan(
        plan, batch.prepare(plan, tmp_path / "out"), None, progress=False, on_done=lambda t: ran.append(t.key)
    )
    assert ran == [broken.key] and len(runs) == 3
    pd.testing.assert_frame_equal(
        runs[broken.key], real(broken.params, broken.entropy, broken.spawn_key), check_dtype=False
    )  # read back from its CSV


def test_the_cli_reports_failed_runs_without_a_traceback(tmp_path, monkeypatch, capsys):
    from sim.study import cli

    (tmp_path / "s.yaml").write_text(
        "name: s\ndescription: small\nhorizon: {end_year: 2021}\nreplications: 2\nparameters: {scale: 0.03}\n"
    )

    def always(params, entropy, spawn_key):
        raise RuntimeError("out of memory")

    monkeypatch.setattr(batch, "execute", always)
    code = cli.main(["run", str(tmp_path / "s.yaml"), "--workers", "1", "--out", str(tmp_path / "o"), "--no-progress"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_RUN_FAILED == 1
    assert "2 of 2 runs failed" in err and "RuntimeError: out of memory" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


# --------------------------------------------------------------------------- model state
def _assigned_attributes(tree: ast.AST, owner: str) -> set[str]:
    return {
        t.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign)
        for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == owner
    }


def test_all_model_state_is_declared_in_init():
    """Every attribute the engine sets on the model (`model.x = ...` in initial_state and the
    submodels, `self.x = ...` in the model's methods) is first assigned in TalentMarket.__init__."""
    init_src = inspect.getsource(model.TalentMarket.__init__)
    declared = _assigned_attributes(ast.parse(inspect.cleandoc("\n" + init_src)), "self")
    declared |= {"year", "quarter", "time", "wage_index_kr", "foreign_index"}  # set by the clock helpers __init__ calls
    core = ROOT / "sim" / "core"
    written = set()
    for path in [core / "initial_state.py", *sorted((core / "submodels").glob("*.py"))]:
        written |= _assigned_attributes(ast.parse(path.read_text()), "model")
    written |= _assigned_attributes(ast.parse((core / "model.py").read_text()), "self") - {"running"}
    assert written - declared == set()
