"""A panel's periods in time order whatever order its rows came in (trial19 F13: a file of 2021,
2023, 2024H1 for one county and 2022 for the next listed 2021, 2023, 2024H1, 2022): Panel.periods,
to_pandas' index levels, a roll-up's rows, the command line's roll-up and the periods an error
names. The rows keep their order and their values; only lists of periods are reordered."""

import io
import subprocess
import sys

import matplotlib
import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

matplotlib.use("Agg")

# One county lacks 2022 and the next has it: first met, 2022 came after 2024H1.
GAP_FIRST = (
    "region,period,gdp[亿元],population[万人]\n"
    "320601,2021,500,80\n"
    "320601,2023,600,82\n"
    "320601,2024H1,310,83\n"
    "320602,2021,100,20\n"
    "320602,2022,110,21\n"
    "320602,2023,120,21.5\n"
    "320602,2024H1,60,22\n"
)


def _panel(text):
    return zb.read_csv(io.BytesIO(text.encode()))


def _run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "zhibiao", *args], capture_output=True, text=True, **kw)


def test_periods_of_a_file_whose_rows_are_not_in_time_order():
    p = _panel("region,period,gdp[亿元]\n320602,2023,3\n320602,2021,1\n320602,2022,2\n")
    assert p.periods == ["2021", "2022", "2023"]
    df = p.to_pandas()
    # the rows as they came, each with its own period and value
    assert list(df.index) == [("320602", "2023"), ("320602", "2021"), ("320602", "2022")]
    assert df["gdp"].tolist() == [3, 1, 2]
    assert list(df.index.levels[1]) == ["2021", "2022", "2023"]
    assert list(df["gdp"].unstack("period").columns) == ["2021", "2022", "2023"]
    assert _panel(GAP_FIRST).periods == ["2021", "2022", "2023", "2024H1"]


def test_half_years_quarters_and_years_in_time_order():
    text = "region,period,gdp[亿元]\n320602,2024H1,1\n320602,2024,2\n320602,2023Q4,3\n320602,2023,4\n320602,2024Q1,5\n"
    p = _panel(text)
    # a year ends after its half-years and quarters, and comes before a quarter that ends with it
    assert p.periods == ["2023", "2023Q4", "2024Q1", "2024H1", "2024"]
    assert p.to_pandas()["gdp"].tolist() == [1, 2, 3, 4, 5]


def test_from_pandas_with_periods_out_of_order():
    df = pd.DataFrame(
        {
            "entity": ["A", "A", "B", "B", "B"],
            "period": ["2024H1", "2022", "2023", "2022", "2024H1"],
            "x": [1.0, 2.0, 3.0, 4.0, 5.0],
        }
    )
    p = zb.Panel.from_pandas(df, units={"x": "万元"})
    assert p.periods == ["2022", "2023", "2024H1"]
    back = p.to_pandas()
    assert list(back.index) == list(zip(df["entity"], df["period"]))
    np.testing.assert_array_equal(back["x"].to_numpy(), df["x"].to_numpy())
    # ints and pandas periods too
    years = zb.Panel.from_pandas(df.assign(period=[2024, 2022, 2023, 2022, 2024]), units={"x": "万元"})
    assert years.periods == ["2022", "2023", "2024"]
    quarters = pd.PeriodIndex(["2024Q2", "2023Q1", "2023Q3", "2023Q1", "2024Q2"], freq="Q")
    assert zb.Panel.from_pandas(df.assign(period=quarters), units={"x": "万元"}).periods == [
        "2023Q1",
        "2023Q3",
        "2024Q2",
    ]


def test_the_same_panel_whatever_the_row_order():
    lines = GAP_FIRST.splitlines()
    shuffled = "\n".join([lines[0], *reversed(lines[1:])]) + "\n"
    a, b = _panel(GAP_FIRST), _panel(shuffled)
    assert a.periods == b.periods
    pd.testing.assert_frame_equal(a.to_pandas().sort_index(), b.to_pandas().sort_index())
    # the previous period and the same period a year earlier: the same rows read, the same values
    ids = [zb.Indicator("since_last", "gdp - lag(gdp)", unit="亿元"), zb.Indicator("yearly", "yoy(gdp)", unit="亿元")]
    got, other = a.compute(ids), b.compute(ids)
    pd.testing.assert_frame_equal(got.sort_index(), other.sort_index())
    assert got.loc[("320602", "2023"), "since_last"] == 10
    assert got.loc[("320602", "2024H1"), "yearly"] is not None


def test_a_rollup_lists_each_parent_s_periods_in_time_order():
    up = _panel(GAP_FIRST).rollup("admin", partial_sums=True).to_pandas()
    assert list(up.index) == [("320600", p) for p in ["2021", "2022", "2023", "2024H1"]]
    assert up["population"].tolist() == [100, 21, 103.5, 105]


def test_the_command_line_rollup_prints_periods_in_time_order():
    result = _run("rollup", "-", "-q", input=GAP_FIRST)
    assert result.returncode == 0, result.stderr
    periods = [line.split(",")[1] for line in result.stdout.splitlines()[1:]]
    assert periods == ["2021", "2022", "2023", "2024H1"]


def test_an_error_lists_the_periods_in_time_order():
    values = _panel(GAP_FIRST).to_pandas()
    with pytest.raises(zb.ArgumentError, match=r"\(periods: 2021, 2022, 2023, 2024H1\)"):
        zb.plot.by_region(values, "gdp", period="2031")
    with pytest.raises(zb.ArgumentError, match=r"periods 2021, 2022, 2023, 2024H1"):
        zb.uncertainty.uncertainty(_panel(GAP_FIRST), n=2)
