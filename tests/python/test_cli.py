import io
import subprocess
import sys

import pandas as pd


def test_demo_prints_the_table_and_writes_csv(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "zhibiao", "demo", "--out", str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert "每万人口发明专利拥有量" in result.stdout and "Valid invention patents per 10,000 people" in result.stdout
    assert "39.3" in result.stdout and "6.0" in result.stdout
    assert "Mean of empty slice" not in result.stderr  # all-missing columns have no statistics, no numpy warning
    city = pd.read_csv(tmp_path / "city_indicators.csv")
    assert city.loc[0, "invention_patents_per_10k"] == 0.9
    counties = pd.read_csv(tmp_path / "counties_indicators.csv")
    assert len(counties) == 3000
    facts = pd.read_csv(tmp_path / "city_report_facts.csv")
    assert facts.set_index("variable").loc["projects_applied", "value"] == 28
    index = pd.read_csv(tmp_path / "county_index_scores.csv", dtype={"entity": str})
    assert len(index) == 300 and sorted(index["rank"]) == list(range(1, 301))
    assert "Composite index" in result.stdout


def test_compute_command_reports_bad_input(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("entity,period,x\nA,2020,13.%\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "zhibiao", "compute", str(bad)], capture_output=True, text=True)
    assert result.returncode == 2 and "13.%" in result.stderr and "bad.csv:2:3" in result.stderr
    ok = subprocess.run(
        [sys.executable, "-m", "zhibiao", "compute", str(bad), "--lenient"], capture_output=True, text=True, check=True
    )
    assert "1 unparseable" in ok.stderr


def test_extract_and_composite_commands(tmp_path, sample_dir):
    out = subprocess.run(
        [sys.executable, "-m", "zhibiao", "extract", str(sample_dir / "city_report_h1.txt")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "funds_secured" in out and "227.4" in out and "masked" in out
    table = tmp_path / "regions.csv"
    pd.DataFrame({"region": ["a", "b", "c", "d"], "x": [1.0, 2.0, 3.0, 4.0], "y": [4.0, 1.0, 3.0, 2.0]}).to_csv(
        table, index=False
    )
    run = subprocess.run(
        [sys.executable, "-m", "zhibiao", "composite", str(table), "--model", "entropy-topsis"],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = pd.read_csv(io.StringIO(run.stdout), index_col="region")
    assert "topsis" in run.stderr.lower()
    assert sorted(scores["rank"]) == [1, 2, 3, 4]
