"""Golden results: every number the README and docs publish is what the code gives.

The check recomputes exactly what is published (same seeds and replications: 90 runs, about
45 s on two workers); `make golden` regenerates tests/golden.yaml and the tables together.
"""

import re
from pathlib import Path

import pytest

from sim.core.params import Params
from sim.study import calibrate, golden
from sim.study.executor import process_pool

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pool():
    with process_pool(2) as ex:
        yield ex


def test_published_numbers_have_not_moved(pool):
    """The sets cheap enough for CI are recomputed exactly as published; the sensitivity analysis
    (~5 minutes) is recomputed only by `make golden`, so here its golden values must be those of
    the published CSVs and its tables in docs/sensitivity.md their rendering."""
    doc = golden.read(ROOT / golden.GOLDEN_FILE)
    assert list(doc["sets"]) == [s.id for s in golden.SETS]
    results = golden.compute(ROOT, pool, golden.CI_SETS)
    table = golden.moved(doc, results)
    assert table.empty, golden.report(table)
    # and the README / docs show exactly these numbers (regenerated from the same run)
    assert golden.check_published(ROOT, results, doc) == [], "run `make golden`"


def test_a_drifted_sensitivity_csv_is_caught(tmp_path):
    """A published sensitivity CSV edited by hand (or left from another run) no longer matches."""
    import shutil

    for rel in ("docs/sensitivity", "docs/sensitivity.md"):
        src = ROOT / rel
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / rel)
    doc = golden.read(ROOT / golden.GOLDEN_FILE)
    assert golden.check_published(tmp_path, {}, doc) == []
    csv = tmp_path / golden.sensitivity_csv("morris")
    head, body = csv.read_text().split("\n", 1)
    # raise the first number with a decimal point in the data by one unit
    body = re.sub(r"(\d+)\.", lambda m: f"{int(m.group(1)) + 1}.", body, count=1)
    csv.write_text(head + "\n" + body)
    assert any("morris-salary-matching-50.csv: morris/" in s for s in golden.check_published(tmp_path, {}, doc))


@pytest.fixture(scope="module")
def small_golden(pool):
    """The machinery on the baseline set at 2 replications: a golden file written from one run."""
    sets = (golden.BY_ID["baseline"],)
    doc = golden.document(golden.compute(ROOT, pool, sets, replications=2), replications=2)
    return sets, doc


def test_a_rerun_with_the_same_seeds_passes(pool, small_golden):
    sets, doc = small_golden
    assert golden.moved(doc, golden.compute(ROOT, pool, sets, replications=2)).empty


@pytest.mark.parametrize("name", [f.name for f in calibrate.FREE])
def test_a_changed_calibrated_parameter_fails_with_a_readable_table(pool, small_golden, name):
    """Each calibrated parameter moved by 5 %: the check fails, naming old value, new value and
    where the numbers are published."""
    sets, doc = small_golden
    changed = {name: getattr(Params(), name) * 1.05}
    table = golden.moved(doc, golden.compute(ROOT, pool, sets, replications=2, overrides=changed))
    assert len(table) > 0 and set(table["set"]) == {"baseline"}
    text = golden.report(table)
    for part in ("old", "new", "published in", "README.md", table["number"].iloc[0], "make golden"):
        assert part in text


def test_blocks_are_replaced_and_a_missing_block_is_named(tmp_path):
    text = "a\n<!-- golden:x -->\nold\n<!-- /golden:x -->\nb\n"
    assert golden.fill(text, {"x": "new"}, "f.md") == "a\n<!-- golden:x -->\nnew\n<!-- /golden:x -->\nb\n"
    with pytest.raises(golden.GoldenError, match=r"f\.md: no block <!-- golden:y -->"):
        golden.fill(text, {"y": "new"}, "f.md")
    with pytest.raises(golden.GoldenError, match="no golden file"):
        golden.read(tmp_path / "missing.yaml")
