"""End to end in a real headless Chromium (Debian's package, driven by Playwright): start the app
on a free local port, move a slider, see the metrics and charts change, download the YAML, and
save a screenshot to test-artifacts/."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

if CHROMIUM is None:
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed in CI; `make test` installs Debian's chromium", pytrace=False)
    pytest.skip("chromium not installed (Debian package 'chromium')", allow_module_level=True)
playwright = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    env = dict(os.environ, TALENTSIM_APP_REPLICATIONS="2", TALENTSIM_APP_WORKERS="2", TALENTSIM_APP_STORE="off")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("the app did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def wait_idle(page, downloads: str = "Downloads") -> None:
    """Wait until the app has finished its run (Streamlit's status widget is gone)."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=300_000)
    page.get_by_text(downloads, exact=True).wait_for(timeout=300_000)


def wait_charts(page, n: int = 5, differ_from: str | None = None) -> str:
    """Wait until n Vega-Lite charts are drawn (Streamlit loads the chart code lazily, so the charts
    can appear after the run has finished) and, if given, until the third differs from
    `differ_from`; return the third chart's HTML."""
    page.wait_for_function(
        "([n, prev]) => { const c = document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]');"
        " return c.length >= n && [...c].every(e => e.querySelector('canvas, svg'))"
        " && (prev === null || c[2].innerHTML !== prev); }",
        arg=[n, differ_from],
        timeout=300_000,
    )
    return page.locator("[data-testid='stVegaLiteChart']").nth(2).inner_html()


def metric_values(page) -> list[str]:
    return page.get_by_test_id("stMetricValue").all_inner_texts()


def settled_values(page, quiet_ms: int = 2000, tries: int = 30, downloads: str = "Downloads") -> list[str]:
    """The metric values once the page is idle and they no longer change: several key presses
    start several reruns, and between two of them the page can look idle with the cards of a
    value in between."""
    wait_idle(page, downloads)
    values = metric_values(page)
    for _ in range(tries):
        page.wait_for_timeout(quiet_ms)
        wait_idle(page, downloads)
        again = metric_values(page)
        if again == values:
            return values
        values = again
    return values


# the uploader's button and size line: the font size of Streamlit's text and the text drawn after it
UPLOADER_WORDS = """() => [
    "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p",
    "[data-testid='stFileUploaderDropzoneInstructions'] span",
].map(q => { const e = document.querySelector(q);
  return [getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content]; })"""


def card_label(page, text: str):
    """The metric card labelled `text` (the yearly table below has a column of the same name)."""
    return page.get_by_test_id("stMetricLabel").filter(has_text=text).first


def test_slider_changes_metrics_and_yaml_downloads(server, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1100}, accept_downloads=True)
        page.goto(server, timeout=120_000)
        page.get_by_test_id("stMetricValue").first.wait_for(timeout=300_000)
        page.get_by_text("English", exact=True).click()  # the language switch
        card_label(page, "Core AI talent in Korea").wait_for(timeout=300_000)
        wait_idle(page)  # all replications done
        # choice widgets send back the label they show: without app.py's _keep_widgets the switch
        # to English reset the starting scenario to 'baseline' (AppTest sends values: only a
        # browser sees this)
        assert "scenario=salary-matching-50" in page.url
        before = metric_values(page)
        assert len(before) == 5
        chart_before = wait_charts(page)

        # move the salary-matching share slider with the keyboard: 0.50 -> 0.75
        thumb = page.get_by_role("slider", name="Salary matching: share paid by the state")
        thumb.focus()
        for _ in range(5):
            thumb.press("ArrowRight")
        # the run for 0.75 has started once the address bar carries it (earlier key presses may
        # start runs for values in between)
        page.wait_for_function("() => location.search.includes('sm_share=0.75')", timeout=300_000)
        page.wait_for_function(
            "prev => { const v = [...document.querySelectorAll('[data-testid=\"stMetricValue\"]')]"
            ".map(e => e.innerText); return v.length === 5 && JSON.stringify(v) !== JSON.stringify(prev); }",
            arg=before,
            timeout=300_000,
        )
        after = settled_values(page)
        assert after != before
        assert wait_charts(page, differ_from=chart_before) != chart_before

        # the address bar now carries the change: the same link in a new tab shows the same numbers
        assert "sm_share=0.75" in page.url and "scenario=salary-matching-50" in page.url
        shared = browser.new_page(viewport={"width": 1500, "height": 1100})
        shared.goto(page.url, timeout=120_000)
        card_label(shared, "Core AI talent in Korea").wait_for(timeout=300_000)
        assert settled_values(shared) == settled_values(page) == after
        shared.close()

        with page.expect_download(timeout=120_000) as dl:
            page.get_by_role("button", name="Settings as scenario YAML").click()
        text = Path(dl.value.path()).read_text()
        assert "salary_matching" in text and "share: 0.75" in text
        page.screenshot(path=str(ARTIFACTS / "app.png"), full_page=True)
        browser.close()
    assert (ARTIFACTS / "app.png").stat().st_size > 10_000


def cut_texts(page) -> list[str]:
    """Card values and labels whose text is wider than their box (cut off or hidden by an ellipsis)."""
    return page.evaluate(
        '() => [...document.querySelectorAll(\'[data-testid="stMetricValue"], [data-testid="stMetricLabel"]\')]'
        ".flatMap(e => [e, ...e.querySelectorAll('*')]).filter(e => e.scrollWidth > e.clientWidth + 1)"
        ".map(e => e.innerText)"
    )


def test_korean_laptop_page_memo_matches_cards_never_stale_and_compare_page(server, tmp_path):
    """On a 1366x768 laptop in Korean: the cards say their year and no card text is cut; the memo
    download is Korean and carries the card's number; during a recompute the downloads are
    disabled (never the previous setting's files) and afterwards give the new setting's memo; the
    comparison page shows three policies in its table and chart."""
    from tests.test_memo import _latin_words

    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
        page.goto(server + "/?lang=ko", timeout=120_000)
        card_label(page, "국내 핵심 AI 인재").wait_for(timeout=300_000)
        settled_values(page, downloads="내려받기")
        assert page.get_by_text("2030년 4분기 (흐름·비용: 2030년 한 해), 기준 대비").is_visible()
        assert cut_texts(page) == [], cut_texts(page)
        # the file uploader's own words (Streamlit writes them in English) are drawn in Korean
        shown = page.evaluate(UPLOADER_WORDS)
        assert shown == [["0px", '"파일 선택"'], ["0px", '"파일당 1MB 이하 • YAML, YML"']], shown
        card = page.get_by_test_id("stMetric").filter(has_text="국내 핵심 AI 인재").first
        core = card.get_by_test_id("stMetricValue").inner_text().split()[0]  # core talent in Korea, 2030
        with page.expect_download(timeout=120_000) as dl:
            page.get_by_role("button", name="메모 (마크다운)").click()
        memo = Path(dl.value.path()).read_text()
        assert not _latin_words(memo), _latin_words(memo)
        row = next(
            r for r in memo.split("## 연봉 매칭 50%")[1].splitlines() if r.startswith("| 국내 핵심 AI 인재 | 명 |")
        )
        assert f"| {core} [" in row, (core, row)  # the card's number is the memo's 2030 value

        # a recompute: the downloads are disabled until the new runs are in, then give the new memo
        thumb = page.get_by_role("slider", name="연봉 매칭: 정부 부담 비율")
        thumb.focus()
        thumb.press("ArrowRight")  # 0.50 -> 0.55: not in any cache
        page.wait_for_function("() => location.search.includes('sm_share=0.55')", timeout=300_000)
        # the buttons turn disabled for the recompute (polled: the rerun's first messages, the
        # address and then the disabled buttons, arrive a few ms apart, and the two runs at 1:1 take
        # about a second, so a single look right after the address changed could fall either side)
        playwright.expect(page.get_by_role("button", name="메모 (마크다운)").first).to_be_disabled(timeout=10_000)
        settled_values(page, downloads="내려받기")
        with page.expect_download(timeout=120_000) as dl:
            page.get_by_role("button", name="메모 (마크다운)").click()
        assert "정부 부담 비율: 55%" in Path(dl.value.path()).read_text()
        page.screenshot(path=str(ARTIFACTS / "app-ko-1366.png"), full_page=True)
        page.get_by_text("English", exact=True).click()  # the same check in English
        card_label(page, "Core AI talent in Korea").wait_for(timeout=300_000)
        settled_values(page)
        assert cut_texts(page) == [], cut_texts(page)
        assert page.evaluate(UPLOADER_WORDS) == [["14px", "none"], ["14px", "none"]]  # Streamlit's own

        # the comparison page: three policies side by side
        page.goto(server + "/compare?lang=ko", timeout=120_000)
        page.get_by_text("2030년, 기준 대비").wait_for(timeout=300_000)
        header = page.locator("th", has_text="2030년, 기준 대비").locator("xpath=..").inner_text()
        for title in ("연봉 매칭 50%", "대학원 정원 확대", "해외 인재 유치 활동"):
            assert title in header
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
            ".some(e => e.querySelector('canvas, svg'))",
            timeout=300_000,
        )
        page.screenshot(path=str(ARTIFACTS / "compare-ko-1366.png"), full_page=True)
        browser.close()
