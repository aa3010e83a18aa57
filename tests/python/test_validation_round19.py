"""Validation, roll-up and Panel.from_pandas, round 19 (trial19 F4, F5, F10, F12, F14)."""

import subprocess
import sys
import warnings

import pandas as pd
import pytest

import zhibiao as zb

RAGGED = "region,year,gdp[亿元],rd_expenditure[万元]\n320601,2023,100,3000\n320602,2023,100\n320603,2023,100,3000,,\n"


def _run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "zhibiao", *args], capture_output=True, text=True, **kw)


def test_validate_lenient_reports_each_skipped_line_and_exits_1(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text(RAGGED, encoding="utf-8")
    result = _run("validate", str(path), "--lenient")
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stdout.splitlines() if "skipped_row" in line]
    assert len(lines) == 2
    assert "ragged.csv:3: the line was skipped (row has 3 fields" in lines[0]
    assert "ragged.csv:4: the line was skipped (row has 6 fields" in lines[1]


def test_compute_lenient_names_the_skipped_lines(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text(RAGGED, encoding="utf-8")
    result = _run("compute", str(path), "--lenient", "--ids", "rd_intensity")
    assert result.returncode == 0, result.stderr
    assert "line 3, row has 3 fields" in result.stderr and "line 4, row has 6 fields" in result.stderr


def test_python_validate_finds_a_city_beside_its_districts_and_a_totals_row():
    frame = pd.DataFrame(
        {
            "entity": ["320600", "320601", "320602", "全市合计"],
            "period": ["2023"] * 4,
            "gdp": [300.0, 100, 200, 600],
        }
    )
    findings = zb.Panel.from_pandas(frame, units={"gdp": "亿元"}).validate()
    nested = findings[findings["rule"] == "nested_region"]
    assert set(nested["entity"]) == {"320600"} and len(nested) == 2
    assert list(findings.loc[findings["rule"] == "totals_row", "entity"]) == ["全市合计"]
    assert (findings["severity"] == "hard").all()
    clean = zb.Panel.from_pandas(frame.iloc[1:3], units={"gdp": "亿元"}).validate()
    assert clean.empty


def test_a_published_ratio_finding_states_both_numbers():
    frame = pd.DataFrame(
        {
            "entity": ["a"],
            "period": ["2023"],
            "valid_invention_patents": [161.5 * 2],
            "population": [100.0],
            "invention_patents_per_10k": [3.24],
        }
    )
    panel = zb.Panel.from_pandas(frame, units={"population": "万人", "invention_patents_per_10k": "件/万人"})
    findings = panel.validate()
    [message] = findings.loc[findings["rule"] == "published_patents_per_10k_matches", "message"]
    assert "published 3.24 件/万人, recomputed 3.23 件/万人" in message


@pytest.mark.parametrize("given", [{"entity": ["a"], "period": ["2023"], "gdp": [1.0]}, pd.Series([1.0])])
def test_from_pandas_of_no_dataframe_names_the_parameter(given):
    with pytest.raises(zb.ArgumentTypeError, match=r"df must be a pandas DataFrame .*not (dict|Series)"):
        zb.Panel.from_pandas(given)


def test_from_pandas_suggests_the_columns_read_csv_would_take_as_entity_and_period():
    frame = pd.DataFrame({"region": ["a"], "year": ["2023"], "gdp": [1.0]})
    with pytest.raises(zb.ParseError, match=r"pass entity='region', period='year'"):
        zb.Panel.from_pandas(frame)
    with pytest.raises(zb.ParseError, match=r"pass period='year'"):
        zb.Panel.from_pandas(frame, entity="region")
    assert len(zb.Panel.from_pandas(frame, entity="region", period="year")) == 1


def test_compute_refuses_reasons_that_are_not_a_bool():
    panel = zb.Panel.from_pandas(pd.DataFrame({"entity": ["a"], "period": ["2023"], "gdp": [1.0]}), units={"gdp": "亿元"})
    with pytest.raises(zb.ArgumentTypeError, match="reasons must be True or False, not 'no'"):
        panel.compute("gdp", reasons="no")


def test_integer_entity_codes_of_different_lengths_get_a_note_about_leading_zeros():
    frame = pd.DataFrame({"entity": [123, 1234], "period": ["2023"] * 2, "gdp": [1.0, 2.0]})
    with pytest.warns(UserWarning, match="leading zeros"):
        zb.Panel.from_pandas(frame)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        zb.Panel.from_pandas(frame.assign(entity=[320601, 320602]))  # codes of one length: no note
        zb.Panel.from_pandas(frame.assign(entity=["000123", "001234"]))


def test_rollup_names_a_code_whose_province_does_not_exist():
    frame = pd.DataFrame({"entity": ["320601", "032060"], "period": ["2023"] * 2, "gdp": [1.0, 2.0]})
    panel = zb.Panel.from_pandas(frame, units={"gdp": "亿元"})
    with pytest.warns(UserWarning, match="032060 → 032000"):
        panel.rollup("admin")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        zb.Panel.from_pandas(frame.iloc[:1], units={"gdp": "亿元"}).rollup("admin")


def test_a_totals_row_without_a_code_is_said_to_be_one_and_skipped_leniently(tmp_path):
    # trial19 F5: ",合计,2023,300" stopped the load ("empty entity code") even with --lenient
    path = tmp_path / "tot.csv"
    path.write_text("区划代码,地区,年份,地区生产总值[亿元]\n320601,崇川区,2023,100\n320602,港闸区,2023,200\n,合计,2023,300\n")
    with pytest.raises(zb.ParseError, match="empty entity code in a row that reads '合计': a totals row"):
        zb.read_csv(path)
    panel = zb.read_csv(path, lenient=True)
    assert list(panel.entities["code"]) == ["320601", "320602"]
    findings = panel.validate()
    assert "skipped_row" in set(findings["rule"])
