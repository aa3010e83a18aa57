"""Round 22: one code with two names refused, issues with their row, dask results' decimals,
Excel number formats, CLI messages on one line."""

import io

import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import cli

# ---------------------------------------------------------------- one code, two names (trial21a F15)

COUNTIES = "region,name,period,gdp[亿元]\n360102,东湖区,2023,1\n360103,西湖区,2023,2\n360102,东湖区,2024,3\n"


def test_a_code_named_two_ways_is_refused_naming_both_lines():
    text = COUNTIES + "360102,西湖区,2025,4\n"
    with pytest.raises(zb.ParseError, match=r"'360102' is named '西湖区' here and '东湖区' on line 2") as e:
        zb.read_csv(io.StringIO(text))
    assert e.value.line == 5
    with pytest.raises(zb.ParseError, match="named '西湖区' here"):
        zb.read_csv(io.StringIO(text), lenient=True)  # a name is no cell to leave blank


def test_one_name_a_code_and_the_names_left_out_load():
    assert zb.read_csv(io.StringIO(COUNTIES)).entities["name"].tolist() == ["东湖区", "西湖区"]
    renamed = COUNTIES + "360102,珠山区,2025,4\n"
    p = zb.read_csv(io.StringIO(renamed), ignore=["name"])
    assert p.entities["name"].tolist() == ["", ""]
    assert p.report["ignored_columns"] == ["name"]


# ---------------------------------------------------------------- the row of a load issue


def test_load_issues_name_the_entity_and_period_of_their_cell():
    p = zb.read_csv(io.StringIO("region,period,gdp[亿元]\nA,2023,1\nB,2024H1,约30\n"), lenient=True)
    (issue,) = p.report["issues"]
    assert (issue["entity"], issue["period"], issue["line"], issue["text"]) == ("B", "2024H1", 3, "约30")
    df = pd.DataFrame({"entity": ["A", "B"], "period": ["2023", "2024"], "gdp[亿元]": ["1", "约30"]})
    (issue,) = zb.Panel.from_pandas(df, lenient=True).report["issues"]
    assert (issue["entity"], issue["period"]) == ("B", "2024")


# ---------------------------------------------------------------- dask results carry decimals


def test_dask_results_carry_units_and_decimals_also_with_an_empty_partition():
    dd = pytest.importorskip("dask.dataframe")
    p = zb.read_csv(io.StringIO("region,period,rd_expenditure[万元],gdp[亿元]\nA,2023,24000,100\nA,2024,26000,110\n"))
    df = p.to_pandas().reset_index()
    ids = ["rd_intensity", zb.Indicator("g", "growth(gdp)", unit="%", decimals=1)]
    expected = p.compute(ids).attrs
    empty = df.iloc[:0]
    ddf = dd.from_pandas(pd.concat([df, empty]), npartitions=1)
    ddf = dd.concat([ddf, dd.from_pandas(empty, npartitions=1)])  # a partition without rows
    result = zb.dask.compute(ddf, ids)
    assert result._meta.attrs == {"units": expected["units"], "decimals": expected["decimals"]}
    out = result.compute()
    assert out.attrs["decimals"] == {"rd_intensity": 2, "g": 1}
    assert out.attrs["units"] == {"rd_intensity": "%", "g": "%"}


# ---------------------------------------------------------------- Excel shows every declared decimal


def test_to_excel_formats_cells_with_their_decimals(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    p = zb.read_csv(io.StringIO("region,period,rd_expenditure[万元],gdp[亿元]\nA,2024,24000,100\n"))
    v = p.compute(["rd_intensity", zb.Indicator("g", "gdp * 1", unit="亿元", decimals=0)])
    zb.to_excel(v, tmp_path / "v.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "v.xlsx")["values"]
    header = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(header, sheet[2])}
    assert row["rd_intensity"].value == 2.4 and row["rd_intensity"].number_format == "0.00"
    assert row["g"].number_format == "0"
    zb.to_excel(v, tmp_path / "full.xlsx", full_precision=True)
    full = openpyxl.load_workbook(tmp_path / "full.xlsx")["values"]
    assert {c.number_format for c in full[2]} == {"General"}


# ---------------------------------------------------------------- CLI messages on one line


def test_a_figure_split_across_lines_is_printed_on_one_line(tmp_path, capsys):
    report = tmp_path / "r.txt"
    report.write_text("全市研发经费投入12\n.5亿元，同比增长8.1%。\n", encoding="utf-8")
    assert cli.main(["extract", str(report), "--out", str(tmp_path / "f.csv")]) in (0, 1)
    err = capsys.readouterr().err
    (line,) = [x for x in err.splitlines() if "split_digits" in x]
    assert line.endswith("(12⏎.5亿元)")  # the figure's text, its line break shown as ⏎ (as --table does)
    assert not [x for x in err.splitlines() if x.startswith(".5亿元")]
    with open(tmp_path / "f.csv", encoding="utf-8") as f:
        assert "12" in f.read()  # the data as read, not escaped
