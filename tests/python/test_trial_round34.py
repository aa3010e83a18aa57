"""Findings of the round-34 trial (a new user's first day, read-only on main): the Python layer
and the command line, each with the case that showed it."""

import io
import json
import os
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

# Four counties of 320600, R&D missing in one and unparseable in another; GDP in all four.
_COUNTIES = (
    "region,period,gdp[亿元],rd_expenditure[万元]\n320601,2023,100,3000\n320602,2023,100,\n"
    "320603,2023,100,xyz\n320604,2023,100,5000\n"
)


def _partial_rollup() -> zb.Panel:
    return zb.read_csv(io.StringIO(_COUNTIES), lenient=True).rollup("admin", partial_sums=True)


def test_a_partial_rollup_through_pandas_keeps_its_reason():
    # The partial sum of R&D (3000 + 5000 万元, 2 of 4 counties) read back from to_pandas() was a
    # complete total: 8000 万元 / 400 亿元 = 0.2 %, with no reason. It must never be a number
    # without its reason: the complete roll-up's NaN with invalid_child, as to_pandas(reasons=True)
    # and the CSV written by zhibiao rollup give.
    frame = _partial_rollup().to_pandas()
    assert list(frame.columns) == ["gdp", "rd_expenditure"]  # still numbers only
    values, reasons = zb.Panel.from_pandas(frame).compute("rd_intensity", reasons=True)
    assert np.isnan(values.iloc[0, 0])
    assert reasons.iloc[0, 0] == "invalid_child"


def test_reasons_in_attrs_follow_the_rows_kept_and_survive_json():
    frame = zb.read_csv(io.StringIO(_COUNTIES), lenient=True).to_pandas()
    json.dumps(frame.attrs)  # pandas writes attrs into Parquet as JSON
    kept = frame.iloc[[2, 3]]  # 320603 (unparseable) and 320604
    _, reasons = zb.Panel.from_pandas(kept).compute("rd_intensity", reasons=True)
    assert list(reasons["rd_intensity"].astype(object).fillna("")) == ["unparseable", ""]
    # A value put in a missing cell since is the user's: the missing cell's reason does not stay.
    filled = frame.copy()
    filled.loc[("320602", "2023"), "rd_expenditure"] = 4000.0
    values = zb.Panel.from_pandas(filled).compute("rd_intensity")
    assert values.loc[("320602", "2023"), "rd_intensity"] == pytest.approx(0.4)  # 4000/1e4/100*100


def test_a_partial_sum_scaled_in_pandas_is_still_a_partial_sum():
    frame = _partial_rollup().to_pandas()
    frame["rd_expenditure"] = frame["rd_expenditure"] * 1.0 + 0.0  # a user's arithmetic on the column
    _, reasons = zb.Panel.from_pandas(frame).compute("rd_intensity", reasons=True)
    assert reasons.iloc[0, 0] == "invalid_child"


def test_write_csv_writes_a_panel_that_read_csv_reads_back_whole(tmp_path):
    # zb.write_csv(panel, path) raised AttributeError: 'Panel' object has no attribute 'copy'.
    path = tmp_path / "rolled.csv"
    zb.write_csv(_partial_rollup(), path)
    text = path.read_text()
    assert text.splitlines()[0] == "entity,period,gdp[亿元],rd_expenditure[万元],rd_expenditure_reason"
    values, reasons = zb.read_csv(path).compute("rd_intensity", reasons=True)
    assert np.isnan(values.iloc[0, 0]) and reasons.iloc[0, 0] == "invalid_child"
    counties = tmp_path / "counties.csv"
    zb.write_csv(zb.read_csv(io.StringIO(_COUNTIES), lenient=True), counties)
    again = zb.read_csv(counties).compute("rd_intensity")
    assert again.loc[("320604", "2023"), "rd_intensity"] == pytest.approx(0.5)  # 5000/1e4/100*100
    with pytest.raises(zb.ArgumentTypeError, match="reasons="):
        zb.write_csv(_partial_rollup(), path, reasons=pd.DataFrame())


def test_an_infinity_from_pandas_is_reported_in_read_csvs_words():
    df = pd.DataFrame(
        {"region": ["320100", "320200"], "period": ["2024"] * 2, "gdp": [np.inf, 5.0], "rd_expenditure": [1.0, -np.inf]}
    )
    panel = zb.Panel.from_pandas(df, "region", "period", units={"gdp": "亿元", "rd_expenditure": "万元"})
    report = panel.report
    said = zb.read_csv(io.StringIO("region,period,gdp[亿元]\n320100,2024,inf\n"), lenient=True).report["issues"]
    assert [i["text"] for i in report["issues"]] == ["inf", "-inf"]
    assert {i["problem"] for i in report["issues"]} == {said[0]["problem"]}
    assert [(i["entity"], i["variable"]) for i in report["issues"]] == [("320100", "gdp"), ("320200", "rd_expenditure")]
    assert report["cells_unparseable"] == 2 and report["cells_missing"] == 0


def test_a_text_beyond_a_double_from_pandas_says_so_as_read_csv_does():
    df = pd.DataFrame({"region": ["320100", "320200"], "period": ["2024"] * 2, "gdp": ["1e400", "x1"]})
    issues = zb.Panel.from_pandas(df, "region", "period", units={"gdp": "亿元"}, lenient=True).report["issues"]
    said = zb.read_csv(io.StringIO("region,period,gdp[亿元]\n320100,2024,1e400\n"), lenient=True).report["issues"]
    assert issues[0]["problem"] == said[0]["problem"]
    assert "beyond the range of a double" in issues[0]["problem"]
    assert issues[1]["problem"] == "not a number"


def test_a_float32_column_is_warned_of_by_name():
    # 282.14 as float32 is 282.1400146484375: invention patents per 10k people differ in the 7th digit.
    df = pd.DataFrame(
        {
            "region": ["320100"],
            "year": [2023],
            "population": np.array([282.14], dtype="float32"),
            "valid_invention_patents": [97797.0],
        }
    )
    with pytest.warns(zb.Float32Warning, match="'population'.*282.14 is 282.1400146484375"):
        zb.Panel.from_pandas(df, "region", "year", units={"population": "万人"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        zb.Panel.from_pandas(df.astype({"population": "float64"}), "region", "year", units={"population": "万人"})
