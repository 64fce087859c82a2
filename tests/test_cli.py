import re
import subprocess
import sys

from sim.study.cli import main
from sim.study.labels import headline_table


def test_help_and_bad_arguments():
    r = subprocess.run([sys.executable, "-m", "sim", "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "baseline" in r.stdout
    r = subprocess.run([sys.executable, "-m", "sim", "baseline", "--seed", "x"], capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "--seed" in r.stderr
    assert main(["nonsense"]) == 2


def test_headline_table_one_row_per_year(baseline_full):
    _, df = baseline_full
    t = headline_table(df)
    assert list(t.index) == list(range(2020, 2036))
    assert t.loc[2020, "shortage"] == f"{df[(df.year == 2020) & (df.quarter == 4)].shortage.iloc[0]:,.0f}"


def test_baseline_years_outside_the_horizon_are_refused_before_any_run(capsys):
    """`talentsim baseline --years 2019 2040` dropped both years and printed every year."""
    r = subprocess.run(
        [sys.executable, "-m", "sim", "baseline", "--years", "2019", "2030", "2040"], capture_output=True, text=True
    )
    assert r.returncode == 2 and r.stdout == "" and "Traceback" not in r.stderr
    assert "--years 2019 2040: allowed: years from 2020 to 2035" in r.stderr


def test_one_replication_prints_no_interval(capsys):
    """One replication has no interval: the table printed 'x [x, x]'."""
    assert main(["baseline", "--replications", "1", "--years", "2021", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "[—]" in out and "2021" in out and not re.search(r"\[[^\]]*, ", out)  # no 'x [lo, hi]'
    assert "1 replication from seed" in out


def test_baseline_table_in_korean(capsys):
    """`talentsim baseline --lang ko`: Korean labels, money in 억원/조원, ratios in 배 (the table was
    English only, though every other command writes Korean)."""
    import pandas as pd

    from sim.study.labels import headline_interval_table

    summ = pd.DataFrame(
        [
            {"year": 2030, "output": "fiscal_cost_krw", "mean": 5.0e11, "lo": 4.0e11, "hi": 6.0e11, "replications": 3},
            {"year": 2030, "output": "salary_gap_top", "mean": 10.0, "lo": 9.0, "hi": 11.0, "replications": 3},
        ]
    )
    ko = headline_interval_table(summ, "ko")
    assert ko.loc[2030, "재정 비용 (연간)"] == "5,000억원 [4,000억원, 6,000억원]"
    assert ko.loc[2030, "미국/한국 연봉 배수 (상위 1%)"] == "10.00배 [9.00배, 11.00배]"
    en = headline_interval_table(summ)
    assert en.loc[2030, "fiscal cost (bn KRW/yr)"] == "500.0 [400.0, 600.0]" and "US/KR pay, top 1%" in en.columns
    assert main(["baseline", "--replications", "1", "--years", "2021", "--workers", "1", "--lang", "ko"]) == 0
    out = capsys.readouterr().out
    assert "기준 시나리오: 반복 실행 1회" in out and "국내 핵심 AI 인재" in out and "core talent" not in out
