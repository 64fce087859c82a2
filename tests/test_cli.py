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
