"""The Streamlit app through AppTest: widgets change the numbers and charts as they should,
bad uploads show a message and keep the previous results, the downloaded YAML reproduces."""

import dataclasses
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml

os.environ.setdefault("TALENTSIM_APP_WORKERS", "0")  # runs in the test process
os.environ.setdefault("TALENTSIM_APP_REPLICATIONS", "2")  # small bands: fast tests
os.environ.setdefault("TALENTSIM_APP_STORE", "off")  # no results store on disk: every test computes its runs

from streamlit.testing.v1 import AppTest

from sim.app import explorer as E
from sim.study import i18n, stats
from sim.study import scenarios as S
from sim.study.labels import label
from tests.test_memo import _latin_words

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def app():
    import streamlit as st

    st.cache_data.clear()  # caches persist across AppTest instances in one process
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    assert not at.exception, at.exception
    return at


def messages(at):
    """The error boxes and the messages quoted under them (plain text, st.code)."""
    return " ".join(e.value for e in at.error) + " " + " ".join(c.value for c in at.code)


def cards(at):
    return {m.label: (m.value, m.delta) for m in at.metric}


def chart_specs(at):
    """Decoded Vega-Lite specs (titles, layers); the data travel separately in proto.datasets."""
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def chart(at, title_part: str):
    """The chart whose title contains `title_part` (the two-column grid changes element order)."""
    for c in at.get("vega_lite_chart"):
        if title_part in json.loads(c.proto.spec).get("title", ""):
            return c
    raise AssertionError(f"no chart titled {title_part!r}")


def has_points(spec) -> bool:
    return any((layer.get("mark") or {}).get("type") == "point" for layer in spec.get("layer", []))


def scenario_value(at, col, year=2030):
    return E.card(at.session_state["last_ts"], col, year)


def test_loads_in_korean_with_cards_charts_and_survey_points(app):
    labels = list(cards(app))
    assert "국내 핵심 AI 인재" in labels and "재정 비용 (연간)" in labels and "추가 인재 1인당 비용" in labels
    assert any(
        m.value == "**2030년 4분기 (흐름·비용: 2030년 한 해), 기준 대비**" for m in app.markdown
    )  # the year shown
    specs = chart_specs(app)
    assert len(specs) == len(E.CHARTS)
    spec = {k: json.loads(chart(app, label(k, "ko")).proto.spec) for k in E.CHARTS}
    assert has_points(spec["shortage"]) and has_points(spec["workforce_kr"])  # survey points drawn
    assert not has_points(spec["core_talent_kr"])
    assert all("평균과 90% 구간" in json.dumps(s, ensure_ascii=False) for s in specs)
    assert any("조원" in v or "억원" in v for v, _ in cards(app).values())  # Korean money units


def test_charts_show_the_difference_from_baseline_and_the_pay_gap(app):
    """The charts' second view: each scenario's difference from its paired baseline with a band,
    for every chart (the pay gap at the top among them); the view survives a language switch."""
    app.radio(key="w_chart_view").set_value("difference").run()
    assert not app.exception
    specs = chart_specs(app)
    assert len(specs) == len(E.CHARTS) and all(
        "− 기준, 평균과 90% 구간" in json.dumps(s, ensure_ascii=False) for s in specs
    )
    assert any(label("salary_gap_top", "ko") in json.dumps(s, ensure_ascii=False) for s in specs)
    app.radio(key="lang").set_value("en").run()
    assert app.radio(key="w_chart_view").value == "difference"
    assert all("minus baseline" in json.dumps(s) for s in chart_specs(app))
    app.radio(key="lang").set_value("ko").run()
    app.radio(key="w_chart_view").set_value("levels").run()


def test_language_switch(app):
    app.radio(key="lang").set_value("en").run()
    labels = list(cards(app))
    assert "Core AI talent in Korea" in labels and "Fiscal cost (per year)" in labels
    assert any("KRW" in v for v, _ in cards(app).values())
    assert all("mean and 90% band" in json.dumps(s) for s in chart_specs(app))


def test_a_second_visitor_gets_the_finished_views_from_the_shared_cache(app):
    """A finished plan's paired table, charts and 'why' panel are kept by the plan's digest for every
    session: a second visitor with the same settings gets the same objects (not recomputed) and the
    same page; a language switch or a change of title is another key, never a stale legend."""
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    again.run()
    assert not again.exception, again.exception
    assert again.session_state["last_ts"] is app.session_state["last_ts"]
    assert cards(again) == cards(app) and chart_specs(again) == chart_specs(app)
    assert [m.value for m in again.markdown] == [m.value for m in app.markdown]
    again.radio(key="lang").set_value("en").run()
    assert all("mean and 90% band" in json.dumps(s) for s in chart_specs(again))
    assert all("평균" in s["title"] for s in chart_specs(app))  # the first page keeps its language
    scn = S.load(ROOT / "scenarios" / f"{E.LANDING}.yaml")
    plan = E.make_plan(scn, 2, 1)
    assert E.make_plan(scn, 2, 1).digest == plan.digest
    renamed = E.make_plan(dataclasses.replace(scn, title="Another title"), 2, 1)
    assert renamed.digest != plan.digest


def test_raising_salary_matching_raises_core_talent_and_fiscal_cost(app):
    # at the calibrated point: with the page's 2 test replications, posterior draws can make the
    # small 25 % effect negative by chance (they did once faculty became people: -46)
    app.selectbox(key="w_uncertainty").set_value("monte-carlo").run()
    app.slider(key="w_sm_share").set_value(0.25).run()
    low_core, low_cost = scenario_value(app, "core_talent_kr"), scenario_value(app, "fiscal_cost_krw")
    shown_low = cards(app)
    core_title = label("core_talent_kr", "ko")
    chart_low = chart(app, core_title).proto.SerializeToString()  # spec and data
    app.slider(key="w_sm_share").set_value(0.75).run()
    high_core, high_cost = scenario_value(app, "core_talent_kr"), scenario_value(app, "fiscal_cost_krw")
    assert high_core["value"] > low_core["value"] and high_core["diff"] > low_core["diff"] > 0
    assert high_cost["value"] > 2 * low_cost["value"] > 0
    assert cards(app) != shown_low  # the cards changed
    assert chart(app, core_title).proto.SerializeToString() != chart_low  # the core-talent chart changed


def test_a_later_salary_matching_start_has_no_cost_before_it(app):
    assert scenario_value(app, "fiscal_cost_krw")["value"] > 0  # 2030, matching from 2026
    app.slider(key="w_sm_start").set_value(2031.0).run()
    assert not app.exception and app.slider(key="w_grad_seats_start").value == 2026.0  # others stay
    shown = " ".join(m.value for m in app.main.expander[0].markdown)  # what the page says it compares
    assert "2031년 1분기" in shown and "**연봉 매칭**" in shown
    cost, core = scenario_value(app, "fiscal_cost_krw"), scenario_value(app, "core_talent_kr")
    assert cost["value"] == 0 and core["diff"] == 0  # not started by 2030
    ts = app.session_state["last_ts"]
    late = ts[(ts.scenario != "baseline") & (ts.year == 2031) & (ts.quarter == 4)]
    assert (late.fiscal_cost_krw > 0).all()  # started in 2031


def test_invalid_upload_shows_message_and_keeps_results(app):
    before = cards(app)
    bad = b"name: x\ndescription: broken\npolicies:\n  salary_matching: {share: 1.5}\n"
    app.file_uploader(key="w_upload").set_value(("bad.yaml", bad, "text/yaml")).run()
    assert not app.exception
    msgs = messages(app)
    assert "policies.salary_matching.share" in msgs and "1.5" in msgs and "0.9" in msgs
    assert cards(app) == before


def test_valid_upload_is_used(app, tmp_path):
    good = b"name: up\ndescription: uploaded test scenario\npolicies:\n  salary_matching: {share: 0.0}\n"
    app.file_uploader(key="w_upload").set_value(("up.yaml", good, "text/yaml")).run()
    assert not app.error and app.slider(key="w_sm_share").value == 0.0
    memo = app.session_state["downloads"]["memo"]()  # cites the uploaded bytes
    assert f"시나리오 'up' (sha256 {hashlib.sha256(good).hexdigest()[:12]})" in memo  # the page is Korean
    assert scenario_value(app, "fiscal_cost_krw")["value"] == 0


def test_upload_with_own_start_dates_and_wide_values_is_used_unchanged(app):
    """Valid files whose values lie outside the sliders' usual ranges, and whose policies start
    at different dates, are shown and run exactly as written (no traceback, no silent change)."""
    good = (
        b"name: odd\ndescription: own start dates\npolicies:\n"
        b"  salary_matching: {share: 0.5, start: 2027.5, cap_mkrw: 1000.0}\n"
        b"  grad_seats: {extra_seats: 2000.0, start: 2024.25}\n"
    )
    app.file_uploader(key="w_upload").set_value(("odd.yaml", good, "text/yaml")).run()
    assert not app.exception and not app.error
    cap = app.select_slider(key="w_sm_cap")  # money in 억원/조원 (or M/bn KRW), the value in M KRW
    assert cap.value == 1000.0 and cap.options[-1] in ("10억원", "1,000 M KRW"), cap.options[-3:]
    assert app.slider(key="w_sm_start").value == 2027.5 and app.slider(key="w_grad_seats_start").value == 2024.25
    ts = app.session_state["last_ts"]
    assert set(ts.scenario) == {"baseline", "odd"}  # not "odd-custom": nothing was changed
    doc = yaml.safe_load(app.session_state["downloads"]["yaml"]())
    assert doc["policies"]["salary_matching"]["start"] == 2027.5 and doc["policies"]["grad_seats"]["start"] == 2024.25
    app.slider(key="w_grad_seats_start").set_value(2030.0).run()  # one policy's start moves, not the others
    doc = yaml.safe_load(app.session_state["downloads"]["yaml"]())
    assert doc["policies"]["grad_seats"]["start"] == 2030.0 and doc["policies"]["salary_matching"]["start"] == 2027.5


def test_baseline_as_starting_scenario_compares_with_itself_then_with_a_change(app):
    app.selectbox(key="w_scenario").set_value("baseline").run()
    assert not app.exception and not app.error
    assert set(app.session_state["last_ts"].scenario) == {"baseline", "baseline-scenario"}
    core = scenario_value(app, "core_talent_kr")
    assert core["diff"] == 0 and core["lo"] == 0 and core["hi"] == 0  # the same runs
    assert all("기준 (시나리오로 실행)" in json.dumps(spec, ensure_ascii=False) for spec in chart_specs(app))  # legend
    assert any("정책: 없음" in m.value for m in app.main.expander[0].markdown)  # the page says what it compares
    app.slider(key="w_sm_share").set_value(0.5).run()
    assert set(app.session_state["last_ts"].scenario) == {"baseline", "baseline-custom"}
    assert scenario_value(app, "fiscal_cost_krw")["diff"] > 0


def test_every_starting_scenario_shows_cards_and_charts_without_error(app):
    labels = app.selectbox(key="w_scenario").options  # display names with the file name
    names = [p.stem for p in S.library_files(Path(ROOT, "scenarios")) if "sweep" not in p.stem]
    assert len(names) >= 10 and "baseline" in names and len(labels) == len(names)
    assert labels[names.index("salary-matching-50")] == "연봉 매칭 50% (salary-matching-50)"
    for name in names:
        app.selectbox(key="w_scenario").set_value(name).run()
        assert not app.exception and not app.error, name
        assert len(app.metric) == 5 and len(app.get("vega_lite_chart")) == len(E.CHARTS), name
        assert app.session_state["last_ts"].scenario.nunique() == 2, name


def test_upload_the_app_cannot_show_is_refused_with_a_message(app):
    before = cards(app)
    big = f"name: big\ndescription: t\nseed: {2**60}\n".encode()
    app.file_uploader(key="w_upload").set_value(("big.yaml", big, "text/yaml")).run()
    assert not app.exception
    msgs = messages(app)
    assert "big.yaml: seed" in msgs and str(2**60) in msgs and str(2**53 - 1) in msgs
    assert cards(app) == before


@pytest.mark.parametrize("name", ["01-deep-nesting", "02-alias-bomb", "03-merge-key-bomb", "06-huge-value-echo"])
def test_hostile_upload_is_refused_in_the_page_without_a_traceback(app, name):
    """A 1 kB file nested 500 deep stopped the page with a RecursionError traceback; bombs kept
    the server busy. Each is refused with the message, before it is expanded."""
    before = cards(app)
    raw = (Path(__file__).parent / "hostile_scenarios" / f"{name}.yaml").read_bytes()
    app.file_uploader(key="w_upload").set_value((f"{name}.yaml", raw, "text/yaml")).run()
    assert not app.exception
    msgs = messages(app)
    assert f"{name}.yaml" in msgs and "allowed" in msgs and "Traceback" not in msgs
    assert len(msgs) < 3000 and cards(app) == before


def test_the_memo_headline_is_in_the_cards_year(app):
    """The cards show the year of the year slider; the memo's headline (and the command that
    reproduces it) must say the same year: it stayed at 2030 when the cards showed 2035."""
    app.slider(key="w_year").set_value(2035).run()
    assert not app.exception
    text = app.session_state["downloads"]["memo"]()
    lang = app.session_state["lang"]
    assert f"## {i18n.t('memo_headline', lang, year=2035)}" in text
    assert f"## {i18n.t('memo_headline', lang, year=2030)}" not in text
    assert "--year 2035" in text


def test_downloaded_yaml_reproduces_the_numbers_through_the_cli(app, tmp_path):
    app.slider(key="w_sm_share").set_value(0.3).run()
    files = {name: make() for name, make in app.session_state["downloads"].items()}
    path = tmp_path / "from-app.yaml"
    path.write_text(files["yaml"])
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "sim",
            "run",
            str(path),
            "--out",
            str(tmp_path / "res"),
            "--workers",
            "1",
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    cli = pd.read_csv(tmp_path / "res" / "timeseries.csv")
    ts = app.session_state["last_ts"]
    mine = ts[ts.scenario != "baseline"]
    for col in ("shortage", "core_talent_kr", "fiscal_cost_krw", "workforce_kr"):
        assert cli[col].tolist() == pytest.approx(mine[col].tolist(), rel=1e-12)
    man = json.loads(files["manifest"])
    assert man["replications"] == 2 and len(man["seeds"]) == 2
    # the memo cites the downloaded file (not the starting scenario's), as the CLI's memo of it does
    sha = hashlib.sha256(files["yaml"].encode("utf-8")).hexdigest()
    cite = re.search(r"시나리오 'salary-matching-50-custom' \(sha256 (\w+)\)", files["memo"])
    assert cite and sha.startswith(cite.group(1))
    # the Korean page's memo and workbook are Korean, describe the settings as adjusted, and
    # carry the numbers on the page
    assert not _latin_words(files["memo"]), _latin_words(files["memo"])
    # the memo gives the commands that reproduce the page (the YAML carries the same replications and seed)
    assert (
        f"talentsim run salary-matching-50-custom.yaml --replications 2 --seed {man['seed']} --lang ko" in files["memo"]
    )
    assert "talentsim compare scenarios/baseline.yaml salary-matching-50-custom.yaml" in files["memo"]
    assert "정부 부담 비율: 30%" in files["memo"] and "절반" not in files["memo"].split("## 연봉 매칭 50% (조정)")[1]
    wb = openpyxl.load_workbook(io.BytesIO(files["xlsx"]), read_only=True)
    rows = list(wb["정책 효과"].iter_rows(values_only=True))
    col = rows[0].index("국내 핵심 AI 인재 증가 (명), 평균")
    eff = stats.policy_effects(ts, "baseline")
    want = eff[eff.measure == "core_talent_kr"].set_index("year")["mean"]
    assert {r[3]: r[col] for r in rows[1:]} == pytest.approx(want.to_dict())
    assert f"(sha256 {cite.group(1)})" in (tmp_path / "res" / "memo.md").read_text()
    custom = next(s for s in man["scenarios"] if s["name"] == "salary-matching-50-custom")
    assert custom["files"][0]["sha256"] == sha and custom["files"][0]["content"] == files["yaml"]


def test_link_sets_the_widgets_and_follows_them():
    import streamlit as st

    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.query_params.update({"lang": "en", "scenario": "salary-matching-25", "sm_share": "0.3", "seed": "7"})
    at.run()
    assert not at.exception and not at.warning
    assert at.session_state["w_scenario"] == "salary-matching-25" and at.slider(key="w_sm_share").value == 0.3
    assert at.session_state["w_seed"] == 7
    ts = at.session_state["last_ts"]
    assert ts[ts.scenario != "baseline"]["scenario"].iloc[0] == "salary-matching-25-custom"
    doc = yaml.safe_load(at.session_state["downloads"]["yaml"]())  # the runs used the link's values
    assert doc["seed"] == 7 and doc["policies"]["salary_matching"]["share"] == 0.3
    at.slider(key="w_sm_share").set_value(0.4).run()
    assert at.query_params["sm_share"] == "0.4" and at.query_params["seed"] == "7"
    at.slider(key="w_sm_share").set_value(0.25).run()  # back to the scenario's own value: off the link
    assert "sm_share" not in at.query_params and at.query_params["scenario"] == "salary-matching-25"


def test_bad_link_values_warn_and_fall_back():
    import streamlit as st

    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.query_params.update({"lang": "en", "scenario": "no-such", "sm_share": "2", "year": "2031"})
    at.run()
    assert not at.exception
    msg = " ".join(w.value for w in at.warning) + " ".join(c.value for c in at.code)
    assert "scenario='no-such'" in msg and "sm_share='2'" in msg and "0.0 to 0.9" in msg
    assert at.slider(key="w_sm_share").value == 0.5 and at.slider(key="w_year").value == 2031
    assert "sm_share" not in at.query_params


def test_a_link_cannot_put_markdown_into_the_page():
    """Link values are quoted in the warning as plain text: no link, image or formatting from the
    address bar is rendered (was: a clickable link and an image in the warning box)."""
    import streamlit as st

    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    evil = "`[click](https://example.invalid) ![x](https://example.invalid/i.png) **bold**"
    at.query_params.update({"lang": "en", "scenario": evil, "sm_tiers": evil, "sm_share": "9" * 5000})
    at.run()
    assert not at.exception
    assert all("example.invalid" not in w.value for w in at.warning)  # the warning holds no quoted text
    quoted = "\n".join(c.value for c in at.code)
    assert "[click](https://example.invalid)" in quoted and "sm_tiers=" in quoted  # shown verbatim, as code
    assert "characters)" in quoted and len(quoted) < 3000  # the 5,000-digit value is cut
    assert all("example.invalid" not in m.value for m in at.markdown)


def test_other_pages_render(app):
    for page in ("app_pages/calibration.py", "app_pages/model.py", "app_pages/about.py"):
        at = AppTest.from_file(str(ROOT / page), default_timeout=120)
        at.run()
        assert not at.exception, (page, at.exception)


def test_the_about_and_calibration_pages_are_korean_in_the_korean_ui():
    """The about page's citation sentence was English and Korean side by side, and the calibration
    page's run line English ('loss …; 500 evaluations; …'), on the Korean page."""
    for page in ("app_pages/about.py", "app_pages/calibration.py"):
        at = AppTest.from_file(str(ROOT / page), default_timeout=120)
        at.run()
        assert not at.exception, (page, at.exception)
        text = "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])
        words = _latin_words(text) - {"Mesa", "SHA", "SMM"}  # names of a library, a hash, a method
        assert not words, (page, words)


def test_calibration_page_shows_the_posterior_check_with_display_names():
    """The calibration page: the posterior predictive table first, then the point calibration, with
    headers and figure names in the page's language, never the raw output names."""
    from sim.core.outputs import OUTPUT_NAMES
    from sim.study.targets import load_targets

    fitted, oos = load_targets()
    at = AppTest.from_file(str(ROOT / "app_pages" / "calibration.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    first = at.dataframe[0].value
    assert list(first.columns[:3]) == ["지표", "시점", "공식 수치"] and "보정에 사용" in first.columns
    assert len(first) == len(fitted) + len(oos) == 35 and "2023년 4분기" in set(first["시점"])  # every target
    for df in (d.value for d in at.dataframe):
        assert not set(df["지표"]) & set(OUTPUT_NAMES), set(df["지표"]) & set(OUTPUT_NAMES)


def test_model_page_opens_in_the_korean_overview_and_its_links_stay_in_the_app():
    """The model page starts with the plain-language overview in the page's language (with the
    worked salary-matching example computed by the model's rule), a link ?doc=PAGE opens that page,
    the docs' links between pages lead to the app's model page (not "Page not found") and figures
    are images."""
    from sim.app import docs as A
    from sim.study import overview

    at = AppTest.from_file(str(ROOT / "app_pages" / "model.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert text.startswith("# 모형 한눈에 보기") and overview.example("ko").splitlines()[2] in text
    assert "](/model?doc=calibration&lang=ko)" in text and "](calibration.md" not in text
    at.selectbox(key="doc").set_value("calibration-results").run()
    assert not at.exception and len(at.get("image")) >= 4  # the figures
    assert at.query_params["doc"] == "calibration-results"  # the address names the page
    assert any("영어로만" in c.value for c in at.caption)
    en = AppTest.from_file(str(ROOT / "app_pages" / "model.py"), default_timeout=120)
    en.session_state["lang"] = "en"
    en.query_params["doc"] = "design"
    en.run()
    assert not en.exception and en.selectbox(key="doc").value == "design"
    assert en.markdown[0].value.startswith("# Policy design")
    for page in A.PAGES:  # every link between docs pages names a page the app has
        for kind, body in A.blocks((ROOT / "docs" / A.file_of(page, "en")).read_text(), "en", ROOT / "docs"):
            assert kind == "image" or not re.search(r"\]\([^)]*\.md", body), page


def test_compare_page_shows_three_policies_side_by_side_with_the_cli_numbers():
    """The comparison page: the table of three policies (the memo's, from stats.policy_effects),
    the cost-vs-effect chart with whiskers, Korean downloads, and a command line that gives the
    same numbers."""
    at = AppTest.from_file(str(ROOT / "app_pages" / "compare.py"), default_timeout=600)
    at.run()
    assert not at.exception, at.exception
    table = "\n".join(m.value for m in at.markdown if m.value.startswith("| 2030년, 기준 대비 |"))
    for title in ("연봉 매칭 50%", "대학원 정원 확대", "해외 인재 유치 활동"):
        assert title in table.splitlines()[0]
    assert "추가 핵심 인재 1인당 총비용 (연간)" in table and "연말까지 누적 총 재정 비용" in table
    (spec,) = chart_specs(at)
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks.count("rule") == 2 and "point" in marks  # whiskers for cost and for effect
    files = {k: make() for k, make in at.session_state["compare_downloads"].items()}
    assert not _latin_words(files["memo"]), _latin_words(files["memo"])
    assert "## 핵심 결과 (2030년)" in files["memo"]
    assert openpyxl.load_workbook(io.BytesIO(files["xlsx"]), read_only=True).sheetnames[2] == "정책 효과"
    (cmd,) = [c.value for c in at.code]
    assert cmd.startswith("talentsim compare scenarios/baseline.yaml scenarios/salary-matching-50.yaml")
    assert "--replications 2 --seed 20200601 --lang ko --year 2030" in cmd


def test_new_hires_only_and_the_recruiting_drive_cost_are_levers(app):
    """Salary matching for new hires only pays fewer people than for all staff; the cost of the
    recruiting drives is a slider (it was fixed at the starting scenario's value, 0 for most)."""
    paid = scenario_value(app, "sm_recipients")["diff"]
    app.toggle(key="w_sm_incumbents").set_value(False).run()
    assert not app.exception
    assert 0 < scenario_value(app, "sm_recipients")["diff"] < paid
    assert "sm_incumbents=False" in "&".join(f"{k}={v}" for k, v in app.query_params.items())
    app.slider(key="w_drive_rate").set_value(0.1).run()
    before = scenario_value(app, "fiscal_cost_krw")["diff"]  # the drive on, at the file's cost (0)
    app.select_slider(key="w_drive_cost").set_value(50.0).run()  # the same runs, 50 bn KRW a year dearer
    assert scenario_value(app, "fiscal_cost_krw")["diff"] == pytest.approx(before + 50e9, rel=0.02)


def test_a_lever_the_eligibility_basis_ignores_is_greyed_out(app):
    """Salary matching's salary threshold acts only under the salary basis and its tiers only under
    the tier basis (`Policy.only_if`): the page greys out the one that does nothing and says when
    it acts."""
    assert app.select_slider(key="w_sm_min_salary").disabled and not app.selectbox(key="w_sm_tiers").disabled
    assert "'연봉'일 때만 적용됩니다" in app.select_slider(key="w_sm_min_salary").help
    assert E.lever_acts("sm_min_salary", {"sm_basis": "salary"}) and not E.lever_acts(
        "sm_tiers", {"sm_basis": "salary"}
    )
    assert E.lever_acts("sm_share", {}) and not E.lever_acts("sm_min_salary", {})  # the default basis: tier


def test_why_panel_explains_salary_matching(app):
    """The 'why this number' panel: the memo's reading (the pay change and who is paid) and where
    the additional core researchers come from, from the policy start to the year shown (paired
    flows of the core tier), adding up to the difference in core researchers the card shows."""
    (panel,) = [e for e in app.main.expander if e.label == "이 숫자가 나오는 이유"]
    text = "\n".join(m.value for m in panel.markdown)
    assert "총연봉은 33% 오르고" in text and "수혜자" in text
    assert "2026~2030년 합계" in text and "해외 취업으로 떠나는 인재 감소" in text
    assert "2030년 말 국내 핵심 AI 인재의 차이" in text
    src = E.why(app.session_state["downloads"]["yaml"].args[1], app.session_state["last_ts"], 2030, "ko")["sources"]
    src = src.set_index("flow")
    ts = app.session_state["last_ts"]
    q = ts[(ts.quarter == 4) & ts.year.between(2026, 2030)]
    emig = q.groupby(["scenario", "replication"]).core_out_emigration.sum().unstack(0)
    want = -(emig["salary-matching-50"] - emig["baseline"]).mean()
    assert src.loc["core_out_emigration", "mean"] == pytest.approx(want)
    # the channels add up to the card's effect: core researchers in Korea at the end of 2030, paired
    end = ts[(ts.year == 2030) & (ts.quarter == 4)].groupby(["scenario", "replication"]).core_talent_kr.sum().unstack(0)
    effect = (end["salary-matching-50"] - end["baseline"]).mean()
    assert src.loc["total", "mean"] == pytest.approx(effect)
    assert src.drop("total")["mean"].sum() == pytest.approx(effect)


def test_why_panel_of_a_package_credits_no_policy_with_the_joint_gain(app):
    """The combined package: the panel said "+21 [-0, +56]" and repeated the joint-effect sentence
    (reading, then the policies' lines); each policy's line gives what it pays and the joint change,
    with no deadweight or cost per additional person."""
    app.selectbox(key="w_scenario").set_value("combined-package").run()
    assert not app.exception
    (panel,) = [e for e in app.main.expander if e.label == "이 숫자가 나오는 이유"]
    text = "\n".join(m.value for m in panel.markdown)
    joint = i18n.t("memo_read_joint", "ko")
    assert text.count(joint) == 1 and "(시나리오의 모든 변화가 함께 낸 효과)" in text
    assert "2030년 연봉 매칭: 수혜자" in text and "추가 효과가 없음(사중손실)" not in text
    assert "[-0," not in text and " -0]" not in text


def test_one_replication_shows_no_interval_in_the_why_panel(app):
    """With one replication the panel said 'between +154 and +154' and listed 'x [x, x]'."""
    app.slider(key="w_replications").set_value(1).run()
    assert not app.exception, app.exception
    (panel,) = [e for e in app.main.expander if e.label == "이 숫자가 나오는 이유"]
    text = "\n".join(m.value for m in panel.markdown)
    assert "모의한 미래가 하나뿐이라 구간은 없습니다" in text and "[—]" in text
    assert not re.search(r"\[[-+]?[\d,]+, ", text)


def test_design_page_runs_a_search_and_offers_its_files(tmp_path):
    """The policy-design page: a small search of the shipped design (4 candidates x 2 draws) with a
    progress bar, the answer in Korean, the front chart, downloads (memo, candidates, the design
    file that reruns it, the recommended mix or none) and the command; the settings change the
    question the page asks."""
    at = AppTest.from_file(str(ROOT / "app_pages" / "design.py"), default_timeout=900)
    at.run()
    assert not at.exception, at.exception
    assert any("질문." in m.value for m in at.markdown)
    at.slider(key="d_evals").set_value(4)
    at.slider(key="d_draws").set_value(2)
    pick = at.selectbox(key="d_pick").value
    # the goal is a rise (at_least): the input stops at 1 (0 or less is met by doing nothing)
    assert at.number_input(key=f"d_thr_{pick}").min == 1.0
    at.number_input(key=f"d_thr_{pick}").set_value(50.0)  # a small goal: met with 4 candidates
    at.run()
    at.button(key="design_go").click()
    at.run()
    assert not at.exception, at.exception
    res = at.session_state["design_result"]
    assert len(res.candidates) == 4 and res.design.draws == 2 and res.design.threshold == 50.0
    if res.recommended is not None:  # scenario discovery on 3 draws per search draw, shown on the page
        assert res.design.discovery == 6 and len(res.discovery_draws) == 6
        assert any(m.value.startswith("## 추천 조합이 목표에 못 미치는 조건") for m in at.markdown)
    answers = ("목표를 달성한 정책 조합이 없습니다", "목표를 유지한 정책 조합이 없습니다")  # none met / none held
    assert any(m.value.startswith("**답.**") or any(a in m.value for a in answers) for m in at.markdown)
    (spec,) = chart_specs(at)
    assert spec["layer"][0]["mark"]["type"] == "point"
    files = at.session_state["design_downloads"]
    name = res.design.name
    assert name.endswith("-app") and {f"{name}-memo.md", f"{name}-candidates.csv", f"{name}.yaml"} <= set(files)
    doc = yaml.safe_load(files[f"{name}.yaml"][0])
    assert doc["goal"]["at_least"] == 50.0 and doc["scenario"] == "baseline.yaml" and doc["evaluations"] == 4
    (cmd,) = [c.value for c in at.code]
    assert cmd.startswith(f"talentsim design scenarios/{name}.yaml")
    # the downloaded design file, run by the command line, gives the page's candidates
    import shutil

    from sim.study.cli import main

    (tmp_path / "scenarios").mkdir()
    shutil.copy(ROOT / "scenarios" / "baseline.yaml", tmp_path / "scenarios")
    (tmp_path / "scenarios" / f"{name}.yaml").write_bytes(files[f"{name}.yaml"][0])
    out = tmp_path / "out"
    args = ["design", str(tmp_path / "scenarios" / f"{name}.yaml"), "--out", str(out), "--workers", "1"]
    assert main([*args, "--no-progress"]) in (0, 2)
    cli = pd.read_csv(out / "candidates.csv").drop(columns="talentsim_version")
    pd.testing.assert_frame_equal(cli, res.candidates, check_dtype=False)


def test_serve_imports_the_library_first_then_runs_the_same_app(monkeypatch):
    """`python -m app_pages.serve` (what `make app` runs) imports the pages' library modules, then
    hands Streamlit exactly `streamlit run app.py` with the options given; importing the module
    (as a 'spawn' worker does) starts nothing."""
    import importlib

    from streamlit.web import cli

    serve = importlib.import_module("app_pages.serve")
    seen = {}
    monkeypatch.setattr(cli, "main", lambda: seen.setdefault("argv", list(sys.argv)))
    monkeypatch.setattr(sys, "argv", ["serve", "--server.port", "1"])
    serve.main()
    assert seen["argv"] == ["streamlit", "run", str(ROOT / "app.py"), "--server.port", "1"]
    assert all(name in sys.modules for name in serve.PRELOAD)
