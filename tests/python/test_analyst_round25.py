"""Round 25's analyst trial and known items: one footnote rule for read_csv and from_pandas, whole
counts written without ".0", explain's nearest periods, a repeated header read leniently without a
period column, and a number grouped by both a space and a point in a decimal-comma file."""

import io

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import _core


# ----------------------------------------------------------------- one footnote rule (csv.cpp)
@pytest.mark.parametrize(
    "cell",
    ["注：2024年为快报数", "  数据来源：统计局", "说明:单位万元", "注 ：空格在冒号前", "注释：不是脚注", "注意事项", "320601"],
)
def test_from_pandas_tells_a_footnote_by_the_rule_read_csv_uses(cell, tmp_path):
    # The C++ rule is the one home: a first cell starting 注：, 说明：, 备注：, 资料来源：, 数据来源：
    # (or ':'), white space around it aside. "注 ：" (a space before the colon) was a footnote to
    # from_pandas' own regex and not to read_csv.
    path = tmp_path / "t.csv"
    path.write_text(f"region,period,gdp[亿元]\n320601,2024,1\n{cell},,\n", encoding="utf-8")
    try:
        by_csv = zb.read_csv(path, entity="region", lenient=True).report["issues"]
    except zb.ParseError as refused:  # no footnote: a row without a period, which read_csv refuses
        assert "period" in str(refused)
        by_csv = []
    said_by_csv = any(i["problem"].startswith("line 3 is a footnote") for i in by_csv)
    df = pd.DataFrame({"region": ["320601", cell], "period": ["2024", None], "gdp": [1.0, np.nan]})
    skipped = zb.Panel.from_pandas(df, entity="region", units={"gdp": "亿元"}, lenient=True).report["issues"]
    said_by_pandas = any(i["problem"] == "footnote" for i in skipped)
    assert said_by_pandas == said_by_csv == _core.looks_like_footnote(cell)


# ------------------------------------------------------------- whole counts without ".0"
def _counts_table():
    df = pd.DataFrame(
        {
            "valid_invention_patents": [139.0, np.nan, 2.5, -0.0],
            "population": [65.0, 66.5, 1e20, 3.0],
            "gdp": [12.0, 13.5, 1.0, 2.0],
        },
        index=pd.MultiIndex.from_tuples(
            [("320601", "2024"), ("320602", "2024"), ("320603", "2024"), ("320604", "2024")],
            names=["entity", "period"],
        ),
    )
    df.attrs["units"] = {"valid_invention_patents": "件", "population": "万人", "gdp": "亿元"}
    return df


@pytest.mark.parametrize("full_precision", [True, False])
def test_write_csv_writes_a_whole_count_without_point_zero(full_precision):
    buffer = io.StringIO()
    zb.write_csv(_counts_table(), buffer, full_precision=full_precision)
    lines = buffer.getvalue().splitlines()
    # counts (件, 万人): whole → integer text (-0 as 0), others every digit, and from 1e16 on as
    # Python's repr writes it (1e+20: its units are no longer exact); a currency (亿元) is no
    # count: as pandas writes a float
    assert lines[1] == "320601,2024,139,65,12.0"
    assert lines[2] == "320602,2024,,66.5,13.5"
    assert lines[3] == "320603,2024,2.5,1e+20,1.0"
    assert lines[4] == "320604,2024,0,3,2.0"


def test_counts_written_whole_read_back_equal(tmp_path):
    path = tmp_path / "out.csv"
    table = _counts_table()
    zb.write_csv(table, path, full_precision=True, unit_header=True)
    again = zb.read_csv(path).to_pandas()
    for column in table.columns:
        np.testing.assert_array_equal(again[column].to_numpy(), table[column].to_numpy() + 0.0)


# ------------------------------------------------------------- explain: nearest periods in time
@pytest.fixture(scope="module")
def years_panel():
    rows = [("320601", str(y), 100.0 + y - 2015, 5.0) for y in (2015, 2016, 2017, 2018, 2020, 2021, 2022, 2023, 2024)]
    df = pd.DataFrame(rows, columns=["entity", "period", "gdp", "hitech_value_added"])
    return zb.Panel.from_pandas(df, units={"gdp": "亿元", "hitech_value_added": "亿元"})


@pytest.mark.parametrize(
    "asked, meant",
    [
        ("2205", "(did you mean '2024'?)"),  # by spelling it was 2015, two centuries away
        ("2030", "(did you mean '2024'?)"),  # by spelling 2020
        ("2024H1", "(did you mean '2024'?)"),  # the year it is in; by spelling 2021
        ("2019", "(did you mean '2018' or '2020'?)"),  # a year between two: both
        ("2014Q4", "(did you mean '2015'?)"),
    ],
)
def test_explain_suggests_the_periods_nearest_in_time(years_panel, asked, meant):
    with pytest.raises(zb.ArgumentError) as caught:
        years_panel.explain("hitech_va_share_gdp", "320601", asked)
    assert meant in str(caught.value)


# ----------------------------------- a repeated header read leniently without a period column
@pytest.mark.parametrize(
    "repeat",
    ["region,name,gdp[亿元],population[万人]", "region,name,gdp,population", "地区代码,name,地区生产总值,population"],
)
@pytest.mark.parametrize("lenient", [False, True])
def test_a_repeated_header_without_a_period_column_is_refused(tmp_path, repeat, lenient):
    # As with a period column since round 23 (test_round23_loading): the rows after it are another
    # table's, its units maybe others (gdp under gdp[亿元]). Before: a lenient read loaded an entity
    # named 'region' with two unparseable cells.
    header = "region,name,gdp[亿元],population[万人]" if "地区" not in repeat else "地区代码,name,gdp[亿元],population[万人]"
    path = tmp_path / "joined.csv"
    path.write_text(f"{header}\n320601,崇川区,100,50\n{repeat}\n320602,港闸区,200,60\n", encoding="utf-8")
    entity = "region" if "地区" not in repeat else "地区代码"
    with pytest.raises(zb.ParseError, match=r"joined\.csv:3:1: line 3 repeats the header"):
        zb.read_csv(path, entity=entity, period_value="2024", lenient=lenient)


# ------------------------------------- a space and a point grouping in a decimal-comma file
def test_decimal_comma_file_refuses_a_number_grouped_by_space_and_point(tmp_path):
    path = tmp_path / "dc.csv"
    path.write_text("region;period;gdp[亿元]\n320601;2024;1 234.567\n320602;2024;1 234,5\n", encoding="utf-8")
    # before: 1234567 (the space read as a grouping point, then the point too), silently
    with pytest.raises(zb.ParseError) as caught:
        zb.read_csv(path, sep=";", entity="region", decimal=",")
    assert "dc.csv:2:3" in str(caught.value)
    assert "both a space and a point" in str(caught.value)
    # each reading with its own fix (review 25b: the two were paired the wrong way round)
    assert "write 1 234 567 if it is 1234567, 1 234,567 if it is 1234.567" in str(caught.value)
    panel = zb.read_csv(path, sep=";", entity="region", decimal=",", lenient=True)
    values = panel.to_pandas()["gdp"].tolist()
    assert np.isnan(values[0]) and values[1] == 1234.5
    assert panel.report["cells_unparseable"] == 1


@pytest.mark.parametrize(
    "text, value",
    [("1 234,5", 1234.5), ("1 234 567", 1234567.0), ("1.234,5", 1234.5), ("1\u00a0234,5", 1234.5), ("12,5", 12.5)],
)
def test_decimal_comma_number_forms_still_read(text, value):
    values, _, first_bad, _, _ = _core.parse_text_cells([text], "亿元", decimal=",")
    assert first_bad is None and values[0] == value


@pytest.mark.parametrize("text", ["1 234.567", "1 234.5", "1\u00a0234.567,5", "1 234．5"])
def test_decimal_comma_number_with_space_and_point_is_refused(text):
    values, _, first_bad, problem, _ = _core.parse_text_cells([text], "亿元", decimal=",")
    assert first_bad == 0 and np.isnan(values[0])


# ------------------------------------------- a footnote as wide as the table (Excel's 注：…,,)
@pytest.mark.parametrize(
    "row", ["注：2024年为快报数,,", "注：2024年为快报数,2024,3", "数据来源：统计局,2024,", " 注：x,2024,3", "\t注：x,2024,3"]
)
def test_a_footnote_as_wide_as_the_table_is_no_row(tmp_path, row):
    # before: lenient refused '注：…,,' (its empty period) and both modes loaded '注：…,2024,3'
    # as an entity named 注：2024年为快报数
    path = tmp_path / "t.csv"
    path.write_text(f"region,period,gdp[亿元]\n320601,2024,1\n{row}\n", encoding="utf-8")
    panel = zb.read_csv(path, entity="region", lenient=True)
    assert list(panel.to_pandas().index.get_level_values(0)) == ["320601"]
    assert panel.report["rows_skipped"] == 1
    assert "line 3 is a footnote" in panel.report["issues"][0]["problem"]
    with pytest.raises(zb.ParseError, match=r"t\.csv:3:1: line 3 is a footnote"):
        zb.read_csv(path, entity="region")


def test_explain_suggests_the_nearest_period_of_its_kind_first():
    df = pd.DataFrame(
        {
            "entity": ["360203"] * 3,
            "period": ["2023", "2024H1", "2024"],
            "gdp": [1.0, 2.0, 3.0],
            "hitech_value_added": [0.1, 0.2, 0.3],
        }
    )
    panel = zb.Panel.from_pandas(df, units={"gdp": "亿元", "hitech_value_added": "亿元"})
    with pytest.raises(zb.ArgumentError, match=r"\(did you mean '2024H1' or '2023'\?\)"):
        panel.explain("hitech_va_share_gdp", "360203", "2023H1")


# ---------------------------------------------------- a roll-up's repr says what it left out
def test_a_rollups_repr_names_the_variables_not_summed():
    df = pd.DataFrame(
        {
            "entity": ["320602", "320611"],
            "period": ["2024", "2024"],
            "gdp": [800.0, 900.0],
            "高新技术产业产值": [300.0, 310.0],
        }
    )
    city = zb.Panel.from_pandas(df, units={"gdp": "亿元", "高新技术产业产值": "亿元"}).rollup("admin")
    assert city.not_summed == ["高新技术产业产值"]
    # before: 'Panel(1 row: …; 1 variable: gdp[亿元])', the column gone without a word
    assert "not summed: 高新技术产业产值" in repr(city)
    assert "not summed: 高新技术产业产值" in city._repr_html_()
    assert "not summed" not in repr(zb.Panel.from_pandas(df, units={"gdp": "亿元", "高新技术产业产值": "亿元"}))


# ------------------------------------------------- --period is --period-column, not --version
def test_cli_suggests_the_option_a_short_flag_begins():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "zhibiao", "compute", "-", "--period", "年份"],
        input="region,年份,gdp\n",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "--period: did you mean --period-column?" in result.stderr, result.stderr


# ------------------------------------------------ a year column pandas saved as 2023.0
def test_a_year_written_as_a_float_is_said_to_be_one(tmp_path):
    path = tmp_path / "years.csv"
    path.write_text("region,年份,gdp[亿元]\n320602,2023.0,800\n320602,2024.0,850\n", encoding="utf-8")
    # before: "a month after a point takes two digits (a number 2024.1 may have been 2024.10)"
    with pytest.raises(zb.ParseError, match=r"years\.csv:2:2: period '2023\.0' is a year as a spreadsheet") as caught:
        zb.read_csv(path, entity="region", period="年份")
    assert "write the year alone, 2023" in str(caught.value)


# ------------------------------------------ from_pandas' report counts its rows and cells
def test_from_pandas_report_counts_rows_and_missing_cells():
    df = pd.DataFrame(
        {
            "region": ["320602", "320611", "320623", None],
            "period": ["2024", "2024", "2024", None],
            "gdp": [800.0, np.nan, 1000.0, np.nan],
            "hitech_value_added": ["300", "—", "x", None],
        }
    )
    panel = zb.Panel.from_pandas(df, entity="region", units={"gdp": "亿元", "hitech_value_added": "亿元"}, lenient=True)
    report = panel.report
    # before: rows_loaded 0, cells 0, cells_missing 0 for a frame of three rows with two blanks
    assert report["rows_loaded"] == 3 and report["rows_skipped"] == 1 and report["data_lines"] == 4
    assert report["cells"] == 6
    assert report["cells_unparseable"] == 1  # 'x'
    assert report["cells_missing"] == 2  # gdp NaN, '—'


def test_from_pandas_names_a_footnote_below_a_totals_row():
    # pd.read_excel of a county sheet: 合计 without a code, then 注：… without a period. Before: only
    # "no entity code …, 1 row (index 2)", the footnote unsaid.
    df = pd.DataFrame(
        {
            "地区代码": ["320602", "320611", None, "注：2024年为快报数"],
            "年份": [2024.0, 2024.0, 2024.0, np.nan],
            "gdp": [800.0, 900.0, np.nan, np.nan],
        }
    )
    with pytest.raises(zb.ParseError) as caught:
        zb.Panel.from_pandas(df, entity="地区代码", period="年份", units={"gdp": "亿元"})
    said = str(caught.value)
    assert "no entity code in column '地区代码', 1 row (index 2)" in said
    assert "no period in column '年份', 1 row (index 3)" in said
    assert "index 3 is a footnote ('注：2024年为快报数')" in said


def test_a_count_beyond_exact_integers_is_written_as_pandas_writes_it(tmp_path):
    # review 25b: fixed_texts(x, 0) wrote 1e300 as its 301 digits, a precision the double lacks;
    # below 1e16 (where repr turns to an exponent) a whole count keeps its digits
    import io

    df = pd.DataFrame({"patents": [139.0, 1e300, 2.0**53]}, index=pd.Index(["a", "b", "c"], name="region"))
    df.attrs["units"] = {"patents": "件"}
    out = io.StringIO()
    zb.write_csv(df, out)
    assert out.getvalue().splitlines()[1:] == ["a,139", "b,1e+300", "c,9007199254740992"]
