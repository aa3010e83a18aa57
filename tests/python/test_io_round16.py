"""Seams in reading and writing tables (round 16): ±inf never written as a number, Chinese
entity headings, codes in full-width digits, and what the header's misspellings are told."""

import io

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import _core

INVALID_INPUT = list(_core.reason_names).index("invalid_input")


def _table_with_infinities():
    index = pd.MultiIndex.from_tuples(
        [("A", "2024"), ("B", "2024"), ("C", "2024"), ("D", "2024")], names=["entity", "period"]
    )
    table = pd.DataFrame({"rd_intensity": [1.5, np.inf, -np.inf, np.nan], "gdp": [1.0, 2.0, 3.0, 4.0]}, index=index)
    table.attrs["units"] = {"rd_intensity": "%", "gdp": "亿元"}
    return table


# ------------------------------------------------------------------ ±inf in what is written


def test_write_csv_writes_an_infinity_as_an_empty_cell_with_its_reason(tmp_path):
    # Before: "inf" and "-inf" in the cells, which read_csv refuses as unparseable and Excel reads
    # as text; -inf and a NaN could not be told apart once an editor blanked them.
    path = tmp_path / "out.csv"
    zb.write_csv(_table_with_infinities(), path, names=False)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "entity,period,rd_intensity,rd_intensity_reason,gdp"
    assert lines[2:4] == ["B,2024,,invalid_input,2.0", "C,2024,,invalid_input,3.0"]
    assert lines[4] == "D,2024,,,4.0"  # a plain NaN has no reason here
    assert "inf" not in path.read_text(encoding="utf-8").replace("invalid_input", "")


@pytest.mark.parametrize("unit_header", [False, True])
def test_an_infinity_written_by_write_csv_reads_back_as_missing_with_invalid_input(tmp_path, unit_header):
    path = tmp_path / "out.csv"
    zb.write_csv(_table_with_infinities(), path, unit_header=unit_header, full_precision=True)
    panel = zb.read_csv(path)
    values = panel.values("rd_intensity")
    assert values[0] == 1.5 and np.isnan(values[1:]).all()
    reasons = list(panel._core.reasons("rd_intensity"))
    assert reasons[1] == reasons[2] == INVALID_INPUT and reasons[3] != INVALID_INPUT
    assert list(panel.values("gdp")) == [1.0, 2.0, 3.0, 4.0] and "rd_intensity_reason" not in panel.variables


def test_write_csv_adds_the_reason_of_an_infinity_to_a_reason_column_already_there():
    table = _table_with_infinities()
    table.insert(1, "rd_intensity_reason", ["", "", "", "missing_input"])
    out = io.StringIO()
    zb.write_csv(table, out, names=False)
    rows = [line.split(",") for line in out.getvalue().splitlines()]
    assert rows[0].count("rd_intensity_reason") == 1
    assert [r[3] for r in rows[1:]] == ["", "invalid_input", "invalid_input", "missing_input"]


def test_to_excel_writes_an_infinity_as_an_empty_cell_with_its_reason(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    # Before: the cells held the texts 'inf' and '-inf', and no reasons sheet said why.
    path = tmp_path / "out.xlsx"
    zb.to_excel(_table_with_infinities(), path)
    book = openpyxl.load_workbook(path)
    values = [[c.value for c in row] for row in book["values"].iter_rows()]
    column = values[0].index("rd_intensity")
    assert [row[column] for row in values[1:]] == [1.5, None, None, None]
    reasons = [[c.value for c in row] for row in book["reasons"].iter_rows()]
    column = reasons[0].index("rd_intensity")
    assert [row[column] for row in reasons[1:]] == [None, "invalid_input", "invalid_input", None]


# ------------------------------------------------------------------ the entity heading


@pytest.mark.parametrize("heading", ["企业", "企业名称", "单位", "单位名称", "地区", "区划代码", "统一社会信用代码", "省份"])
def test_a_chinese_entity_heading_is_the_entity_column(tmp_path, heading):
    # Before: 企业 and 单位 (a firm table's usual headings) were "no entity column".
    path = tmp_path / "firms.csv"
    path.write_text(f"{heading},年份,rd_expenditure[万元]\n甲公司,2024,5\n乙公司,2024,7\n", encoding="utf-8")
    panel = zb.read_csv(path)
    assert list(panel.entities["code"]) == ["甲公司", "乙公司"] and panel.variables == ["rd_expenditure"]


def test_a_code_heading_wins_over_a_name_heading_whatever_their_order(tmp_path):
    # Before: 地区 (listed before 区划代码) was taken as the entity and the codes became a variable.
    path = tmp_path / "counties.csv"
    for header, row in (("地区,区划代码", "玄武区,320102"), ("区划代码,地区", "320102,玄武区")):
        path.write_text(f"{header},年份,gdp\n{row},2024,1\n", encoding="utf-8")
        panel = zb.read_csv(path)
        assert list(panel.entities["code"]) == ["320102"] and list(panel.entities["name"]) == ["玄武区"]
        assert panel.variables == ["gdp"]


def test_english_headings_are_found_in_any_case(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("Region,YEAR,gdp\nA,2024,1\n", encoding="utf-8")
    panel = zb.read_csv(path)
    assert list(panel.entities["code"]) == ["A"] and panel.periods == ["2024"] and panel.variables == ["gdp"]


def test_a_long_files_unit_column_is_never_its_entity(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("企业,年份,指标,数值,单位\n甲公司,2024,rd_expenditure,5,万元\n", encoding="utf-8")
    panel = zb.read_csv(path)
    assert list(panel.entities["code"]) == ["甲公司"] and panel.units["rd_expenditure"] == "万元"


@pytest.mark.parametrize(
    "header, close, heading",
    [("regoin,period,gdp", "regoin", "region"), ("企业名,年份,gdp", "企业名", "企业名称"), ("entity,yaer,gdp", "yaer", "year")],
)
def test_a_misspelt_heading_is_named_with_the_heading_it_is_close_to(tmp_path, header, close, heading):
    path = tmp_path / "p.csv"
    path.write_text(header + "\nA,2024,1\n", encoding="utf-8")
    with pytest.raises(zb.ParseError) as info:
        zb.read_csv(path)
    message = str(info.value)
    assert f"is the header's '{close}' the" in message and f"close to '{heading}'" in message
    assert "looked for" in message


def test_a_short_variable_is_not_taken_for_a_misspelt_heading(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("rd,period,gdp\nA,2024,1\n", encoding="utf-8")  # rd is one edit from id
    with pytest.raises(zb.ParseError) as info:
        zb.read_csv(path)
    assert "close to" not in str(info.value)


# ------------------------------------------------------------------ full-width digits in codes


def test_a_code_in_full_width_digits_is_refused_at_its_line_and_column(tmp_path):
    # Before: '３２０１０２' was loaded as an entity of its own beside 320102 and rolled up nowhere.
    path = tmp_path / "counties.csv"
    path.write_text("year,region,gdp\n2024,320102,1\n2024,３２０１０２,2\n", encoding="utf-8")
    with pytest.raises(zb.ParseError) as info:
        zb.read_csv(path)
    assert (info.value.line, info.value.column) == (3, 2)
    assert "'３２０１０２'" in str(info.value) and "'320102'" in str(info.value)


def test_a_parent_code_in_full_width_digits_is_refused(tmp_path):
    path = tmp_path / "counties.csv"
    path.write_text("region,parent,year,gdp\n320102,３２０１００,2024,1\n", encoding="utf-8")
    with pytest.raises(zb.ParseError, match="parent code '３２０１００'.*'320100'") as info:
        zb.read_csv(path)
    assert (info.value.line, info.value.column) == (2, 2)


def test_from_pandas_refuses_a_code_in_full_width_digits_naming_its_row():
    df = pd.DataFrame({"entity": ["320102", "３２０１０３"], "period": ["2024", "2024"], "gdp": [1.0, 2.0]})
    with pytest.raises(zb.ParseError, match=r"entity code '３２０１０３' in column 'entity', row 1,.*'320103'"):
        zb.Panel.from_pandas(df)
    df["parent"] = ["320100", "３２０１００"]
    df["entity"] = ["320102", "320103"]
    with pytest.raises(zb.ParseError, match=r"parent code '３２０１００' in column 'parent', row 1"):
        zb.Panel.from_pandas(df, parent="parent")


def test_a_full_width_space_around_a_code_is_trimmed_as_an_ascii_one(tmp_path):
    path = tmp_path / "counties.csv"
    path.write_text("region,year,gdp\n320102\u3000,2024,1\n\u3000320103,2024,2\n", encoding="utf-8")
    assert list(zb.read_csv(path).entities["code"]) == ["320102", "320103"]


def test_a_firms_name_standing_as_its_code_keeps_its_full_width_forms(tmp_path):
    path = tmp_path / "firms.csv"
    path.write_text("企业,年份,gdp\n甲公司（南京）,2024,1\n第３分公司,2024,2\n", encoding="utf-8")
    assert list(zb.read_csv(path).entities["code"]) == ["甲公司（南京）", "第３分公司"]
    df = pd.DataFrame({"entity": ["甲公司（南京）", "第３分公司"], "period": ["2024", "2024"], "gdp": [1.0, 2.0]})
    assert list(zb.Panel.from_pandas(df).entities["code"]) == ["甲公司（南京）", "第３分公司"]


# ------------------------------------------------------------------ other seams


def test_a_header_ending_with_a_separator_says_so(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("region,period,gdp,\nA,2024,1,\n", encoding="utf-8")
    with pytest.raises(zb.ParseError, match="the header ends with a separator.*ignore=") as info:
        zb.read_csv(path)
    assert (info.value.line, info.value.column) == (1, 4)


@pytest.mark.parametrize(
    "data",
    [
        # a quoted heading with spaces, and a padded code: read_csv trims both, the reasons' reader did not
        'region,period,gdp," gdp_reason "\nA,2024,,invalid_child\n'.encode("utf-8"),
        "region,period,gdp,gdp_reason\n A ,2024,,invalid_child\n".encode("utf-8"),
        # a BOM before a quoted heading, CRLF in GB18030
        '\ufeff"region","period","gdp","gdp_reason"\r\nA,2024,,invalid_child\r\n'.encode("utf-8"),
        "地区,年份,gdp[亿元],gdp_reason\r\nA,2024,,invalid_child\r\n".encode("gb18030"),
    ],
)
def test_reason_columns_are_read_as_read_csv_reads_the_header_and_the_cells(tmp_path, data):
    # Before (the first two): ParseError "not a number: 'invalid_child'" and "its _reason columns
    # do not match the rows read".
    path = tmp_path / "p.csv"
    path.write_bytes(data)
    panel = zb.read_csv(path)
    assert panel.variables == ["gdp"] and list(panel.entities["code"]) == ["A"]
    assert list(panel._core.reasons("gdp")) == [list(_core.reason_names).index("invalid_child")]


def test_reason_columns_are_carried_from_a_pipe(tmp_path):
    # Before: the reasons' reader did not look at a pipe's header, so gdp_reason was read as a
    # variable: ParseError "not a number: 'invalid_child'" for `compute <(zhibiao rollup …)`.
    import os
    import threading

    fifo = tmp_path / "rolled.csv"
    os.mkfifo(fifo)

    def write():
        with open(fifo, "wb") as f:
            f.write(b"region,period,gdp,gdp_reason\nA,2024,,invalid_child\nB,2024,3,\n")

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    panel = zb.read_csv(fifo)
    writer.join(5)
    assert panel.variables == ["gdp"] and panel.report["source"] == str(fifo)
    assert list(panel._core.reasons("gdp")) == [list(_core.reason_names).index("invalid_child"), 0]


def test_to_excel_says_why_an_infinity_is_blank_when_the_reasons_given_lack_its_column(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    table = _table_with_infinities()
    reasons = pd.DataFrame({"gdp": ["", "", "", ""]}, index=table.index)  # no rd_intensity column
    zb.to_excel(table, tmp_path / "out.xlsx", reasons=reasons)
    sheet = [[c.value for c in row] for row in openpyxl.load_workbook(tmp_path / "out.xlsx")["reasons"].iter_rows()]
    column = sheet[0].index("rd_intensity")
    assert [row[column] for row in sheet[1:]] == [None, "invalid_input", "invalid_input", None]


def test_a_no_break_space_around_a_heading_or_a_code_is_trimmed(tmp_path):
    # Before: '地区\xa0' was no heading, and '320102\xa0' an entity of its own beside 320102 (from
    # Excel or a web page); from_pandas already trimmed it (str.strip).
    path = tmp_path / "p.csv"
    path.write_text("地区\u00a0,年份,gdp\n320102\u00a0,2024,1\n320102,2025,2\n", encoding="utf-8")
    panel = zb.read_csv(path)
    assert list(panel.entities["code"]) == ["320102"] and panel.periods == ["2024", "2025"]


def test_a_header_separated_by_full_width_commas_says_so(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("地区，年份，gdp\n玄武区，2024，1\n", encoding="utf-8")
    with pytest.raises(zb.ParseError, match="full-width commas"):
        zb.read_csv(path)
