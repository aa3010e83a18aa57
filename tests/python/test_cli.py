import subprocess
import sys

import pandas as pd


def test_demo_prints_the_table_and_writes_csv(tmp_path):
    result = subprocess.run([sys.executable, "-m", "zhibiao", "demo", "--out", str(tmp_path)],
                            capture_output=True, text=True, check=True)
    assert "每万人口发明专利拥有量" in result.stdout and "Valid invention patents per 10,000 people" in result.stdout
    assert "39.3" in result.stdout and "6.0" in result.stdout
    city = pd.read_csv(tmp_path / "city_indicators.csv")
    assert city.loc[0, "invention_patents_per_10k"] == 0.9
    counties = pd.read_csv(tmp_path / "counties_indicators.csv")
    assert len(counties) == 3000


def test_compute_command_reports_bad_input(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("entity,period,x\nA,2020,13.%\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "zhibiao", "compute", str(bad)], capture_output=True, text=True)
    assert result.returncode == 2 and "13.%" in result.stderr and "bad.csv:2:3" in result.stderr
    ok = subprocess.run([sys.executable, "-m", "zhibiao", "compute", str(bad), "--lenient"],
                        capture_output=True, text=True, check=True)
    assert "1 unparseable" in ok.stdout
