"""Golden results: every number the README and docs publish is what the code gives.

The check recomputes exactly what is published (same seeds and replications: 90 runs, about
45 s on two workers); `make golden` regenerates tests/golden.yaml and the tables together.
"""

from pathlib import Path

import pytest

from sim.core.params import Params
from sim.study import golden
from sim.study.executor import process_pool

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pool():
    with process_pool(2) as ex:
        yield ex


def test_published_numbers_have_not_moved(pool):
    doc = golden.read(ROOT / golden.GOLDEN_FILE)
    results = golden.compute(ROOT, pool)
    table = golden.moved(doc, results)
    assert table.empty, golden.report(table)
    assert set(doc["sets"]) == {s.id for s in golden.SETS}
    # and the README / docs show exactly these numbers (regenerated from the same run)
    assert golden.stale_blocks(ROOT, results) == [], "run `make golden`"


def test_a_changed_calibrated_parameter_fails_with_a_readable_table(pool, tmp_path):
    """The machinery on the baseline set at 2 replications: a golden file written from one run
    passes against a rerun, and fails - naming old value, new value and where it is published -
    once a calibrated parameter moves by 5 %."""
    sets = (golden.BY_ID["baseline"],)
    first = golden.compute(ROOT, pool, sets, replications=2)
    doc = golden.document(first, replications=2)
    assert golden.moved(doc, golden.compute(ROOT, pool, sets, replications=2)).empty  # same seeds: same numbers
    changed = {"demand_growth": Params().demand_growth * 1.05}
    table = golden.moved(doc, golden.compute(ROOT, pool, sets, replications=2, overrides=changed))
    assert len(table) > 0 and set(table["set"]) == {"baseline"}
    assert "shortage/2030/mean" in set(table["number"])
    text = golden.report(table)
    for part in ("old", "new", "published in", "README.md", "shortage/2030/mean", "make golden"):
        assert part in text


def test_blocks_are_replaced_and_a_missing_block_is_named(tmp_path):
    text = "a\n<!-- golden:x -->\nold\n<!-- /golden:x -->\nb\n"
    assert golden.fill(text, {"x": "new"}, "f.md") == "a\n<!-- golden:x -->\nnew\n<!-- /golden:x -->\nb\n"
    with pytest.raises(golden.GoldenError, match=r"f\.md: no block <!-- golden:y -->"):
        golden.fill(text, {"y": "new"}, "f.md")
    with pytest.raises(golden.GoldenError, match="no golden file"):
        golden.read(tmp_path / "missing.yaml")
