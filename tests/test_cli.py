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
