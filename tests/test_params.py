import dataclasses

import pytest

from sim import Params, TalentMarket, param_table


def numeric_fields():
    return [f for f in dataclasses.fields(Params) if f.metadata["choices"] is None]


def test_defaults_are_valid_and_documented():
    Params().validate()
    for row in param_table():
        assert row["unit"] and row["source"] and row["doc"], row["name"]
        assert row["group"] in {
            "scale",
            "initial",
            "demand",
            "pay",
            "matching",
            "pipeline",
            "retention",
            "training",
            "exits",
            "policy",
        }
        if row["choices"] is None:
            assert row["lo"] <= row["default"] <= row["hi"], row["name"]


@pytest.mark.parametrize("f", numeric_fields(), ids=lambda f: f.name)
def test_out_of_range_names_parameter_value_and_range(f):
    bad = f.metadata["hi"] + (1 if isinstance(f.metadata["hi"], int) else abs(f.metadata["hi"]) + 1.0)
    with pytest.raises(ValueError) as e:
        Params(**{f.name: bad}).validate()
    msg = str(e.value)
    assert f.name in msg and repr(bad) in msg and str(f.metadata["lo"]) in msg and str(f.metadata["hi"]) in msg


def test_wrong_type_and_choices_rejected():
    with pytest.raises(ValueError, match="demand_wage_elasticity"):
        Params(demand_wage_elasticity="fast").validate()
    with pytest.raises(ValueError, match=r"sm_tiers.*core"):
        Params(sm_tiers="everyone").validate()
    with pytest.raises(ValueError, match="sm_incumbents"):
        Params(sm_incumbents=1).validate()
    with pytest.raises(ValueError, match="whole number"):
        Params(end_year=2030.5).validate()
    with pytest.raises(ValueError, match="nan"):
        Params(demand_wage_elasticity=float("nan")).validate()


def test_numpy_numbers_accepted():
    import numpy as np

    p = Params(end_year=np.int64(2030), demand_wage_elasticity=np.float64(0.1), init_firms=np.int32(900)).validate()
    assert p.end_year == 2030


def test_share_sums_checked():
    with pytest.raises(ValueError, match="dest_us"):
        Params(dest_us=0.7, dest_cn=0.3, dest_eu=0.2).validate()


def test_model_rejects_unknown_and_bad_parameters():
    with pytest.raises(ValueError, match=r"unknown parameter.*demand_wage_elastcity"):
        TalentMarket(demand_wage_elastcity=0.1)
    with pytest.raises(ValueError, match="sm_share"):
        TalentMarket(sm_share=0.95)


def test_replace_validates():
    p = Params().replace(sm_share=0.5)
    assert p.sm_share == 0.5
    with pytest.raises(ValueError):
        p.replace(sm_share=-0.1)


def test_parameter_doc_is_current():
    from pathlib import Path

    from sim.study import paramdoc

    doc = Path(__file__).resolve().parents[1] / "docs" / "parameters.md"
    assert doc.read_text(encoding="utf-8") == paramdoc.render(), "run: python -m sim.study.paramdoc"
    for row in param_table():
        assert f"`{row['name']}`" in doc.read_text(encoding="utf-8")


def test_model_doc_has_a_current_parameter_table_per_submodel():
    """docs/model.md (ODD section 7) embeds each submodel's table generated from the code."""
    from pathlib import Path

    from sim.study import paramdoc

    text = (Path(__file__).resolve().parents[1] / "docs" / "model.md").read_text(encoding="utf-8")
    assert text == paramdoc.fill_blocks(text), "run: python -m sim.study.paramdoc"
    for g in ("demand", "pay", "matching", "pipeline", "retention", "training", "exits", "policy"):
        assert f"<!-- params:{g} -->" in text, g
    for row in param_table():
        if row["group"] not in ("scale", "initial"):
            assert f"`{row['name']}`" in text, row["name"]
