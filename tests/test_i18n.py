import re

import pytest

from sim.app.explorer import ASSUMPTION_LEVERS, CARDS, CHARTS, POLICY_LEVERS, policy_groups
from sim.core.params import param_table
from sim.core.policies import POLICIES
from sim.study import i18n
from sim.study.labels import QUANTITIES


def test_every_label_exists_in_both_languages():
    for table in (i18n.T, i18n.LEVER_LABELS, i18n.LEVER_HELP, i18n.POLICY_LABELS):
        for key, texts in table.items():
            assert set(texts) == set(i18n.LANGS) and all(texts.values()), key
    for q in QUANTITIES.values():
        assert q.en and q.ko and q.short and q.unit, q.name
    for col in set(CARDS) | set(CHARTS):
        assert col in QUANTITIES
    for lv in POLICY_LEVERS + ASSUMPTION_LEVERS:
        assert lv.name in i18n.LEVER_LABELS and lv.name in i18n.LEVER_HELP
    for policy, _ in policy_groups():
        assert policy in i18n.POLICY_LABELS
    for pol in POLICIES:  # every policy of the registry has its labels (memo, app)
        assert pol.name in i18n.POLICY_LABELS, pol.name
        assert all(f in i18n.LEVER_LABELS for f in pol.params), pol.name
    for row in param_table():  # every parameter a memo may list has a Korean description
        assert row["group"] == "policy" or i18n.PARAM_DOC_KO.get(row["name"]), row["name"]
        assert row["group"] != "policy" or row["name"] in i18n.LEVER_LABELS, row["name"]


@pytest.mark.parametrize(
    "krw, lang, expected",
    [
        (1.5e12, "ko", "1.50조원"),
        (3.2e9, "ko", "32.0억원"),
        (1.02e8, "ko", "1.02억원"),  # three significant digits (2035 median pay read "1억원 [1억원, 1억원]")
        (4.3e10, "ko", "430억원"),
        (7.37e7, "ko", "7,370만원"),
        (0.0, "ko", "0원"),
        (5.0e6, "ko", "500만원"),
        (-2.0e12, "ko", "-2.00조원"),
        (2.5e9, "en", "2.5 bn KRW ($1.9 M)"),
        (2.7e12, "en", "2.70 tn KRW ($2.00 bn)"),
        (9.0e7, "en", "90 M KRW ($67k)"),
    ],
)
def test_money_units(krw, lang, expected):
    assert i18n.money(krw, lang) == expected


def test_money_sign_and_krw_only():
    assert i18n.money(3.2e9, "ko", signed=True) == "+32.0억원"
    assert i18n.money(6.5e11, "en", usd=False) == "650 bn KRW"  # three significant digits: fits a card
    assert i18n.money(6.54e10, "en", usd=False) == "65.4 bn KRW"


def test_the_korean_object_particle_follows_the_last_syllable():
    """을 after a final consonant, 를 after a vowel: the design question read '인재을(를)'."""
    from pathlib import Path

    from sim.study import design

    assert i18n.object_particle("국내 핵심 AI 인재") == "를"
    assert i18n.object_particle("AI 인력 부족 인원") == "을"
    assert i18n.object_particle("net migration") == "을(를)" and i18n.object_particle("") == "을(를)"
    d = design.load(Path(__file__).resolve().parents[1] / "scenarios" / "design-core-researchers.yaml")
    ko = design.question_text(d, "ko")
    assert "인재를 " in ko and "을(를)" not in ko
    assert "{obj}" not in design.question_text(d, "en")


def test_a_choice_lever_help_names_the_options_as_the_menu_shows_them():
    """The Korean help of the tier and basis menus explained the raw codes ('core: 핵심 인재만,
    core+senior: …') while the menu shows '핵심', '핵심+시니어', …: each option's shown label is in
    the help, in both languages."""
    choices = {"sm_tiers": ("core", "core+senior", "all"), "sm_basis": ("tier", "salary")}
    for name, options in choices.items():
        for lang in i18n.LANGS:
            text = i18n.lever_help(name, lang)
            for opt in options:
                assert f"{i18n.choice_label(opt, lang)}:" in text, (name, lang, opt, text)
            if lang == "ko":
                assert not re.search(r"[A-Za-z]{3,}", text), text


def test_no_negative_zero_in_written_numbers():
    """ "+21 [-0, +56]" in the 'why' panel: a bound that rounds to zero is written +0 (or 0)."""
    from sim.study import memo
    from sim.study.labels import QUANTITIES

    assert i18n.num(-0.3, "+,.0f") == "+0" and i18n.num(-0.03, ",.1f") == "0.0" and i18n.num(-0.6, "+,.0f") == "-1"
    assert QUANTITIES["net_migration"].format(-0.4) == "+0" and QUANTITIES["shortage"].format(-0.2, True) == "+0"
    assert memo.fmt("shortage_rate", -0.00001, True) == "+0.0%"
