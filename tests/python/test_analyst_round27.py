"""Round 27's analyst day (helper an27): the bureau's own Excel workbooks — a sheet per year, a
two-row merged header of names over units, a 合计 row, footnotes, codes typed as numbers, names
with and without 区, figures written as text — loaded with pd.read_excel and Panel.from_pandas,
then computed, rolled up, compared, ranked, plotted, exported and piped through the CLI."""

import io
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

openpyxl = pytest.importorskip("openpyxl")

# name, unit of each figure column, as the sheet's two header rows write them
HEAD = [
    ("地区生产总值", "亿元"),
    ("R&D经费内部支出", "万元"),
    ("常住人口", "万人"),
    ("有效发明专利", "件"),
    ("每万人有效发明专利", "件/万人"),
    ("高新技术产业增加值占GDP比重", "%"),
]
YEARS = {
    2024: [
        (360102, "东湖区", "1,234.5", 56000, 52.1, 830, 15.93, "9.7%"),
        (360103, "西湖", 1100.2, "—", 49.8, 640, 12.85, "8.9%"),
        (360111, "青山湖区", 980.0, 41000, "-", 510, "/", "12.3%"),
        (360121, "南昌县", "约300", 38000, 101.0, 470, 4.65, "2.0%"),
    ],
    2025: [
        (360102, "东湖区", "1,301.0", 60500, 52.6, 905, 17.2, "10.0%"),
        (360103, "西湖区", 1160.4, 47000, 50.0, 700, 14.0, "9.0%"),
        (360111, "青山湖区", 1040.0, 45500, 62.0, 560, 9.03, "10.6%"),
        (360121, "南昌县", 1300.0, 42000, 102.0, 520, 5.10, "5.1%"),
    ],
}


def bureau_workbook(path, years=YEARS, total="合计"):
    """A sheet per year as a bureau sends it: a title row, names over units (the key columns'
    cells merged over both rows), the counties, a blank row, a totals row and two footnotes."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for year, rows in years.items():
        sheet = book.create_sheet(f"{year}年")
        sheet.append([f"{year}年各县（区）科技主要指标"])
        sheet.append(["区划代码", "地区"] + [name for name, _ in HEAD])
        sheet.append([None, None] + [unit for _, unit in HEAD])
        sheet.merge_cells("A2:A3")
        sheet.merge_cells("B2:B3")
        for row in rows:
            sheet.append(list(row))
        sheet.append([])
        sheet.append([None, total] + ["/"] * len(HEAD))
        sheet.append(["注：本表数据为快报数。"])
        sheet.append(["数据来源：市统计局。"])
    book.save(path)
    return path


def sheets_as_one_frame(path, header=(1, 2)):
    """The lines docs/loading.md gives: every sheet, its year from its name, one frame."""
    sheets = pd.read_excel(path, sheet_name=None, header=list(header) if len(header) > 1 else header[0])
    return pd.concat([s.assign(年份=int(name[:4])) for name, s in sheets.items()], ignore_index=True)


@pytest.fixture
def workbook(tmp_path):
    return bureau_workbook(tmp_path / "counties.xlsx")


def test_names_over_units_are_read_as_the_columns_units(workbook):
    # Before: MultiIndex columns were refused, and the line the error gave named every column by
    # its lowest heading — 亿元, 万元 — so the units became the names and were lost
    df = sheets_as_one_frame(workbook)
    panel = zb.Panel.from_pandas(df, entity="区划代码", period="年份", lenient=True)
    assert panel.units["gdp"] == "亿元" and panel.units["rd_expenditure"] == "万元"
    assert panel.units["population"] == "万人" and panel.units["每万人有效发明专利"] == "件/万人"
    assert panel.units["hitech_va_share_gdp"] == "%"  # round 38: the indicator under its official name
    shares = panel.to_pandas()["hitech_va_share_gdp"]
    assert shares.loc[("360111", "2024")] == pytest.approx(12.3)  # "12.3%" in a % column: 12.3, not 0.123
    # R&D intensity, 东湖区 2024: 56000 万元 = 5.6 亿元 over 1234.5 亿元 = 0.45362 % (by hand)
    values = panel.compute("rd_intensity")
    assert values.loc[("360102", "2024"), "rd_intensity"] == pytest.approx(5.6 / 1234.5 * 100)


def test_a_header_of_names_units_and_years_is_refused_with_the_lines_that_reshape_it(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["区划代码", "地区", "地区生产总值", None, "R&D经费内部支出", None])
    sheet.append([None, None, "亿元", None, "万元", None])
    sheet.append([None, None, "2024年", "2025年", "2024年", "2025年"])
    for cells in ("A1:A3", "B1:B3", "C1:D1", "C2:D2", "E1:F1", "E2:F2"):
        sheet.merge_cells(cells)
    sheet.append([360102, "东湖区", "1,234.5", "1,301.0", 56000, 60500])
    sheet.append([360103, "西湖区", 1100.2, 1160.4, 51000, 47000])
    book.save(tmp_path / "years.xlsx")
    df = pd.read_excel(tmp_path / "years.xlsx", header=[0, 1, 2])
    with pytest.raises(zb.ParseError, match=r"holds periods \('地区生产总值' over '亿元' over '2024年'\)") as raised:
        zb.Panel.from_pandas(df)
    # the lines the message gives, pasted as an analyst would, make a panel with the units
    lines = str(raised.value).split("rows first (docs/loading.md, 'A sheet from Excel'): ", 1)[1]
    scope = {"df": df}
    exec(lines.replace("; ", "\n"), scope)
    panel = zb.Panel.from_pandas(scope["long"], entity="区划代码", period="年份")
    assert panel.units == {"gdp": "亿元", "rd_expenditure": "万元"}
    assert panel.to_pandas().loc[("360103", "2025"), "rd_expenditure"] == 47000


def test_a_row_of_units_read_as_data_is_refused_in_both_modes(workbook):
    # Before: with header=1 the units row had no code and lenient skipped it as a blank row: the
    # panel had no unit at all, and the % column (its "%" a text) was left out without an error
    df = pd.read_excel(workbook, sheet_name="2024年", header=1).assign(年份=2024)
    for lenient in (False, True):
        with pytest.raises(zb.ParseError, match=r"row 0 looks like a row of units \(亿元, 万元, 万人, 件\).*header=\[1, 2\]"):
            zb.Panel.from_pandas(df, entity="区划代码", period="年份", lenient=lenient)


def test_footnotes_under_a_sheet_given_its_year_are_no_regions(workbook):
    # Before: with the year assigned to every row, 注：… and 数据来源：… had a code and a period and
    # were loaded as two regions (lenient), with the strict error not naming them
    df = sheets_as_one_frame(workbook)
    panel = zb.Panel.from_pandas(df, entity="区划代码", period="年份", lenient=True)
    assert sorted(panel.entities["code"]) == ["360102", "360103", "360111", "360121"]
    problems = [(i["row"], i["problem"]) for i in panel.report["issues"] if not i["variable"]]
    assert (6, "footnote") in problems and (7, "footnote") in problems
    assert panel.report["rows_skipped"] == 8
    with pytest.raises(zb.ParseError, match=r"index 6 is a footnote \('注：本表数据为快报数。' and 3 more\)"):
        zb.Panel.from_pandas(df.drop(index=[4, 5, 12, 13]), entity="区划代码", period="年份")


def test_a_skipped_totals_row_is_said_to_be_one(workbook):
    # Before: the 合计 row (its code cell blank, 合计 in the name column) was listed as "no entity
    # code or period", like the blank spacer row above it
    panel = zb.Panel.from_pandas(sheets_as_one_frame(workbook), entity="区划代码", period="年份", lenient=True)
    problems = {i["row"]: i["problem"] for i in panel.report["issues"] if not i["variable"]}
    assert problems[5] == "totals row" and problems[13] == "totals row"
    assert problems[4].startswith("no entity code or period")  # the blank row is none


@pytest.mark.parametrize("total", ["合计", "全市", "总计"])
def test_a_totals_row_loaded_as_a_region_is_a_hard_finding(tmp_path, total):
    # A sheet without codes, read with entity='地区', loads 合计 as a region, as read_csv does with
    # such a line; validate() says so (the analyst's check before ranking), as a hard finding
    years = {2025: [(None, name, *rest) for _, name, *rest in YEARS[2025]]}
    df = sheets_as_one_frame(bureau_workbook(tmp_path / "names.xlsx", years, total=total))
    df = df[[c for c in df.columns if c[0] != "区划代码"]].iloc[:6]  # a sheet of names only, to the total
    df.loc[5, ("地区生产总值", "亿元")] = 4801.4  # the total given as a number: no cell tells it apart
    df.loc[5, [c for c in df.columns if c[1] != "亿元" and c[0] not in ("地区", "年份")]] = np.nan
    panel = zb.Panel.from_pandas(df, entity="地区", period="年份", lenient=True)
    findings = panel.validate()
    assert findings.loc[findings["rule"] == "totals_row", ["entity", "severity"]].values.tolist() == [[total, "hard"]]


def test_a_name_with_and_without_its_district_suffix_is_one_region(workbook):
    # Before: 西湖 (2024) and 西湖区 (2025) under 360103 made the whole name column be left out
    # (said only in report["ignored_reasons"]): every plot and rank table showed bare codes
    panel = zb.Panel.from_pandas(sheets_as_one_frame(workbook), entity="区划代码", period="年份", lenient=True)
    names = dict(zip(panel.entities["code"], panel.entities["name"]))
    assert names == {"360102": "东湖区", "360103": "西湖区", "360111": "青山湖区", "360121": "南昌县"}
    assert "地区" not in panel.report.get("ignored_reasons", {})


def test_two_names_that_differ_by_more_than_a_suffix_are_still_refused():
    df = pd.DataFrame({"code": ["360121", "360121"], "name": ["南昌县", "南昌市"], "period": [2024, 2025], "gdp": [1.0, 2.0]})
    with pytest.raises(zb.ParseError, match="named '南昌市' in row 1 and '南昌县' in row 0"):
        zb.Panel.from_pandas(df, entity="code", name="name")
    df["name"] = ["西湖区", "西湖"]  # the full name first, the short one after: one region too
    panel = zb.Panel.from_pandas(df, entity="code", name="name")
    assert panel.entities["name"].tolist() == ["西湖区"]


def test_fractions_beside_percentages_are_refused_in_a_percent_column():
    # Before: "9.7%" (text) beside 0.2 (a cell Excel formats as 20% holds 0.2) in a column headed
    # % read 0.2 as 0.2 %, a hundredth of what the sheet showed
    df = pd.DataFrame(
        {"code": ["360102", "360121"], "year": [2024, 2024], "share[%]": pd.Series(["9.7%", 0.2], dtype=object)}
    )
    with pytest.raises(zb.ParseError, match=r"row 1: the number 0.2 beside texts such as '9.7%'.*0.2% or 20%"):
        zb.Panel.from_pandas(df, entity="code", period="year")
    df["share[%]"] = ["9.7%", "0.2"]  # texts both: the unit says what a plain one means
    assert zb.Panel.from_pandas(df, entity="code", period="year").to_pandas()["share"].tolist() == [9.7, 0.2]


def _share(cells, header="share[%]", **options):
    df = pd.DataFrame({"code": ["360102", "360121"], "year": [2024, 2024], header: pd.Series(cells, dtype=object)})
    return zb.Panel.from_pandas(df, entity="code", period="year", **options)


def test_lenient_marks_a_fraction_beside_percentages_unparseable_and_lists_it():
    # review27b F6: lenient raised too; as any cell that is no number, it is missing and listed
    panel = _share(["9.7%", 0.2], lenient=True)
    got = panel.to_pandas(reasons=True)
    assert got["share"].tolist()[0] == 9.7 and np.isnan(got["share"].tolist()[1])
    assert got["share_reason"].tolist()[1] == "unparseable"
    assert [(i["row"], i["problem"][:14]) for i in panel.report["issues"]] == [(1, "the number 0.2")]


@pytest.mark.parametrize(
    ("cells", "header", "expected"),
    [
        (["9.7%", 0.2], "share[1]", [0.097, 0.2]),  # under 1 both are fractions: 9.7% is 0.097
        (["9.7%", 8.9], "share[%]", [9.7, 8.9]),  # 8.9 is no fraction: 8.9 %, as before round 27
    ],
)
def test_numbers_beside_percentages_that_cannot_be_fractions_of_them_are_read(cells, header, expected):
    # review27b F6: both were refused as "8.9 may be 8.9% or 890%" / told to use the unit 1 given
    assert _share(cells, header).to_pandas()["share"].tolist() == pytest.approx(expected)


@pytest.mark.parametrize("cells", [["9.7‰", 0.2], ["9.7%", __import__("decimal").Decimal("0.2")]])
def test_a_permille_text_or_a_decimal_cell_is_checked_as_well(cells):
    # review27b F6: a "9.7‰" text and a Decimal cell skipped the check and 0.2 was read as 0.2 %
    with pytest.raises(zb.ParseError, match="the number"):
        _share(cells)


def test_a_money_column_with_a_percentage_gets_no_excel_fraction_story():
    # review27b F6: gdp[亿元] holding "9.7%" was explained as Excel's fractions; it is a % in 亿元
    with pytest.raises(zb.ParseError) as raised:
        _share(["9.7%", 8.9], "gdp[亿元]")
    assert "Excel" not in str(raised.value)


def test_marks_of_no_figure_are_missing_never_zero_and_say_why(workbook):
    panel = zb.Panel.from_pandas(sheets_as_one_frame(workbook), entity="区划代码", period="年份", lenient=True)
    df = panel.to_pandas(reasons=True)
    assert np.isnan(df.loc[("360103", "2024"), "rd_expenditure"])  # "—"
    assert df.loc[("360103", "2024"), "rd_expenditure_reason"] == "missing_input"
    assert np.isnan(df.loc[("360111", "2024"), "population"])  # "-"
    assert df.loc[("360121", "2024"), "gdp_reason"] == "unparseable"  # 约300: never 300
    said = {(i["row"], i["text"]) for i in panel.report["issues"] if i["variable"]}
    assert said == {(3, "约300"), (2, "/")}
    assert set(panel.validate()["rule"]) == {"unparseable"}


def test_the_day_roll_up_compare_rank_export(workbook, tmp_path):
    panel = zb.Panel.from_pandas(sheets_as_one_frame(workbook), entity="区划代码", period="年份", lenient=True)
    city = panel.rollup("admin").to_pandas(reasons=True)
    # 2025: every county given, the city's GDP is their sum (1301.0 + 1160.4 + 1040.0 + 1300.0)
    assert city.loc[("360100", "2025"), "gdp"] == pytest.approx(4801.4)
    # 2024: 南昌县's 约300 is no number, so the city has no GDP rather than a sum short of it
    assert np.isnan(city.loc[("360100", "2024"), "gdp"])
    assert city.loc[("360100", "2024"), "gdp_reason"] == "invalid_child"
    growth = panel.compute(zb.Indicator("gdp_growth", "growth(gdp)", unit="%"))
    assert growth.loc[("360103", "2025"), "gdp_growth"] == pytest.approx((1160.4 / 1100.2 - 1) * 100)
    values, reasons = panel.compute(["rd_intensity", "invention_patents_per_10k"], reasons=True)
    ranks = zb.whole_ranks(values.xs("2025", level="period").rank(ascending=False))
    assert ranks.loc["360102", "invention_patents_per_10k"] == 1
    zb.to_excel(values, tmp_path / "boss.xlsx", reasons=reasons)
    sent = pd.read_excel(tmp_path / "boss.xlsx", sheet_name=None, dtype={"entity": str})
    assert sent["values"].loc[sent["values"]["entity"] == "360103", "name"].tolist() == ["西湖区", "西湖区"]
    assert dict(zip(sent["units"]["column"], sent["units"]["unit"])) == {
        "rd_intensity": "%",
        "invention_patents_per_10k": "件/万人",
    }


def test_the_bar_chart_names_the_counties(workbook):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    panel = zb.Panel.from_pandas(sheets_as_one_frame(workbook), entity="区划代码", period="年份", lenient=True)
    ax = zb.plot.by_region(panel.compute("rd_intensity"), "rd_intensity", period="2025")
    labels = {t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels()}
    assert {"东湖区", "西湖区", "青山湖区", "南昌县"} <= labels
    matplotlib.pyplot.close(ax.figure)


def _cli(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "zhibiao", *args], input=stdin, capture_output=True, text=True, encoding="utf-8"
    )


PIPE = (
    "区划代码,地区,年份,地区生产总值[亿元],R&D经费内部支出[万元],常住人口[万人],有效发明专利[件]\n"
    '360102,东湖区,2025,"1,301.0",60500,52.6,905\n'
    "360103,西湖区,2025,1160.4,—,50.0,700\n"
    "360111,青山湖区,2025,1O40,45500,62,560\n"
)


def test_the_pipe_names_a_damaged_number_and_lenient_goes_on():
    strict = _cli("compute", "-", "--ids", "rd_intensity", stdin=PIPE)
    assert strict.returncode == 2 and strict.stdout == ""
    assert "<stdin>:4:4 (variable gdp): not a number: '1O40'" in strict.stderr
    lenient = _cli("compute", "-", "--ids", "rd_intensity", "--lenient", stdin=PIPE)
    assert lenient.returncode == 0, lenient.stderr
    out = pd.read_csv(io.StringIO(lenient.stdout), dtype={"entity": str})
    assert out["rd_intensity_reason"].tolist() == [np.nan, "missing_input", "unparseable"]
    assert out.loc[0, "rd_intensity"] == pytest.approx(round(6.05 / 1301.0 * 100, 2))  # 60500 万元 = 6.05 亿元


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("--indicator", "--ids"), ("--indicators", "--ids"), ("--output", "--out"), ("--delimiter", "--sep")],
)
def test_an_option_named_by_its_meaning_gets_the_option_meant(typed, meant):
    # Before: --indicator rd_intensity (no edit away from --ids) got no "did you mean" at all
    result = _cli("compute", "-", typed, "x", stdin=PIPE)
    assert result.returncode == 2 and result.stdout == ""
    assert f"{typed}: did you mean {meant}?" in result.stderr


def _lines_of(error):
    """The pandas lines a ParseError gives for a table with periods as columns, as pasted."""
    lines = str(error).split("a row per indicator with its unit: ", 1)[1].split("; then ", 1)[0]
    return lines.replace("; ", "\n").replace("'the region'", "'360100'")


def test_a_table_of_indicators_by_year_gets_the_lines_that_turn_it(tmp_path):
    # Before: "no column or index level 'entity' in the DataFrame", nothing an analyst could act on
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (
        ["指标名称", "单位", "2024年", "2025年"],
        ["地区生产总值", "亿元", "4,614.7", "5,011.4"],
        ["R&D经费内部支出", "亿元", 17.6, 20.3],
        ["数据来源：市统计局"],
    ):
        sheet.append(row)
    book.save(tmp_path / "city.xlsx")
    df = pd.read_excel(tmp_path / "city.xlsx")
    with pytest.raises(zb.ParseError, match=r"the periods are columns here: 2024年, 2025年") as raised:
        zb.Panel.from_pandas(df)
    scope = {"df": df}
    exec(_lines_of(raised.value), scope)
    city = zb.Panel.from_pandas(scope["wide"], entity="地区", period="年份")
    # R&D intensity 2025: 20.3 亿元 over 5011.4 亿元 = 0.40508 % (by hand)
    assert city.compute("rd_intensity").loc[("360100", "2025"), "rd_intensity"] == pytest.approx(20.3 / 5011.4 * 100)


def test_a_table_of_regions_indicators_and_years_gets_lines_that_keep_the_regions():
    df = pd.DataFrame(
        {
            "区划代码": ["360102", "360102", "360103", "360103"],
            "指标名称": ["地区生产总值", "R&D经费内部支出"] * 2,
            "单位": ["亿元", "万元"] * 2,
            "2024年": ["1,234.5", 56000, 1100.2, "—"],
            "2025年": ["1,301.0", 60500, 1160.4, 47000],
        }
    )
    with pytest.raises(zb.ParseError, match="the periods are columns here") as raised:
        zb.Panel.from_pandas(df)
    scope = {"df": df}
    exec(_lines_of(raised.value), scope)
    panel = zb.Panel.from_pandas(scope["wide"], entity="区划代码", period="年份")
    assert panel.units == {"rd_expenditure": "万元", "gdp": "亿元"}
    got = panel.to_pandas(reasons=True)
    assert got.loc[("360103", "2024"), "rd_expenditure_reason"] == "missing_input"
    assert got.loc[("360102", "2024"), "gdp"] == 1234.5


SHEET_2024 = (  # a year's sheet saved from Excel as CSV UTF-8, its title row deleted: no period column
    "区划代码,地区,地区生产总值[亿元],R&D经费内部支出[万元]\n" '360102,东湖区,"1,234.5",56000\n' "360103,西湖,1100.2,—\n"
)


def test_the_command_line_takes_the_year_of_a_sheet_without_a_period_column():
    # Before: "no period column: name it with --period-column COLUMN" and nothing else — the year
    # is the sheet's name, no column, and the command line had no way to give it
    said = _cli("compute", "-", "--ids", "rd_intensity", stdin=SHEET_2024)
    assert said.returncode == 2 and "or give every row one with --period-value PERIOD" in said.stderr
    run = _cli("compute", "-", "--ids", "rd_intensity", "--period-value", "2024", stdin=SHEET_2024)
    assert run.returncode == 0, run.stderr
    out = pd.read_csv(io.StringIO(run.stdout), dtype={"entity": str, "period": str})
    assert out["period"].tolist() == ["2024", "2024"]
    assert out.loc[0, "rd_intensity"] == pytest.approx(round(5.6 / 1234.5 * 100, 2))  # 56000 万元 = 5.6 亿元
    assert out.loc[1, "rd_intensity_reason"] == "missing_input"  # "—": no figure, never 0


def test_the_command_line_says_how_to_fix_a_units_row_without_a_python_keyword():
    # Before: "... delete the line, or pass them as units={...}": no option of the command line does
    units_row = "区划代码,地区,年份,地区生产总值,R&D经费内部支出\n,,,亿元,万元\n360102,东湖区,2024,1234.5,56000\n"
    run = _cli("compute", "-", stdin=units_row)
    assert run.returncode == 2
    assert "put the units in the header as 地区生产总值[亿元] and delete the line" in run.stderr
    assert "units={" not in run.stderr and "csv_options" not in run.stderr


@pytest.mark.parametrize(("value", "meant"), [("2024", "--period-value"), ("年份", "--period-column")])
def test_a_short_period_flag_gets_the_option_its_value_belongs_to(value, meant):
    # --period now begins two options: its value tells which one was meant
    result = _cli("compute", "-", "--period", value, stdin=SHEET_2024)
    assert result.returncode == 2 and f"--period: did you mean {meant}?" in result.stderr


def test_a_keyless_row_of_numbers_written_as_text_is_no_row_of_units():
    # "1" is the unit of a ratio too: a row without a code holding "1", "1" is refused for its
    # missing code (as every such row is), never as a row of units
    df = pd.DataFrame({"code": ["360102", None], "year": [2024, 2024], "a": ["2", "1"], "b": ["3", "1"]}, dtype=object)
    with pytest.raises(zb.ParseError) as raised:
        zb.Panel.from_pandas(df, entity="code", period="year")
    assert "row of units" not in str(raised.value) and "no entity code in column 'code'" in str(raised.value)


# ---- review27b: headers read only where certain (F1, F7), hints (F9), the CLI's period options (F2-F5)
U0, U1, U2 = "Unnamed: 0_level_1", "Unnamed: 1_level_1", "Unnamed: 0_level_2"


def _headed(columns, rows):
    return pd.DataFrame(rows, columns=pd.MultiIndex.from_tuples(columns))


def test_a_group_of_parts_over_units_is_refused_not_read_as_variables(tmp_path):
    # review27b F1: R&D人员 over 男/女 over 人 loaded variables 男, 女 and 上半年 without an error
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["区划代码", "年份", "R&D人员", None, "地区生产总值"])
    sheet.append([None, None, "男", "女", "上半年"])
    sheet.append([None, None, "人", "人", "亿元"])
    for cells in ("A1:A3", "B1:B3", "C1:D1"):
        sheet.merge_cells(cells)
    sheet.append(["360102", 2024, 10, 20, 100.5])
    book.save(tmp_path / "sex.xlsx")
    df = pd.read_excel(tmp_path / "sex.xlsx", header=[0, 1, 2])
    with pytest.raises(zb.ParseError, match=r"headings over the names \('R&D人员' over '男' over '人'\)") as raised:
        zb.Panel.from_pandas(df, entity="区划代码", period="年份")
    scope = {"df": df}
    exec(str(raised.value).split("name each column: ", 1)[1], scope)  # the line it gives names each column
    panel = zb.Panel.from_pandas(scope["df"], entity="区划代码", period="年份")
    assert panel.units == {"R&D人员·男": "人", "R&D人员·女": "人", "地区生产总值·上半年": "亿元"}


@pytest.mark.parametrize("parts", [("计划", "实际"), ("男", "女")])
def test_one_heading_over_parts_that_are_no_variables_is_refused(parts):
    # review27b F1: 地区生产总值 over 计划/实际 over 亿元 loaded variables 计划 and 实际
    df = _headed(
        [("区划代码", U0, U2), ("年份", U1, U2), ("地区生产总值", parts[0], "亿元"), ("地区生产总值", parts[1], "亿元")],
        [["360102", 2024, 1.0, 2.0]],
    )
    with pytest.raises(zb.ParseError, match="may be a variable under a group or a part of the indicator '地区生产总值'"):
        zb.Panel.from_pandas(df, entity="区划代码", period="年份")


def test_a_group_over_catalogue_names_over_units_is_read():
    # a group heading (经济) over names the catalogue knows is certain: they are the variables
    df = _headed(
        [("区划代码", U0, U2), ("年份", U1, U2), ("经济", "地区生产总值", "亿元"), ("经济", "R&D经费内部支出", "（万元）")],
        [["360102", 2024, 1234.5, 56000]],
    )
    panel = zb.Panel.from_pandas(df, entity="区划代码", period="年份")
    assert panel.units == {"gdp": "亿元", "rd_expenditure": "万元"}


@pytest.mark.parametrize(
    ("columns", "shown"),
    [
        ([("2024年", "亿元"), ("2025年", "亿元")], "'2024年' over '亿元'"),
        ([("地区生产总值", "2024年", "亿元"), ("R&D经费内部支出", "2024年", "万元")], "'地区生产总值' over '2024年' over '亿元'"),
        ([("2024年", "地区生产总值", "亿元"), ("2025年", "地区生产总值", "亿元")], "'2024年' over '地区生产总值' over '亿元'"),
    ],
)
def test_years_anywhere_in_a_header_over_units_are_refused_as_periods(columns, shown):
    # review27b F1: years over units loaded variables 2024年, 2025年 under the period given, or
    # failed with "both variable" / "duplicate column names", nothing to act on
    keys = [("区划代码",) + (U0,) * (len(columns[0]) - 1), ("年份",) + (U1,) * (len(columns[0]) - 1)]
    df = _headed(keys + columns, [["360102", 2025, 1.0, 2.0]])
    with pytest.raises(zb.ParseError, match=f"one of which holds periods \\({shown}\\).*stack\\(level="):
        zb.Panel.from_pandas(df, entity="区划代码", period="年份")


def test_the_lines_for_years_over_units_make_a_panel(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["区划代码", "地区生产总值", None])
    sheet.append([None, "2024年", "2025年"])
    sheet.append([None, "亿元", "亿元"])
    sheet.merge_cells("A1:A3")
    sheet.merge_cells("B1:C1")
    sheet.append(["360102", 1.0, 2.0])
    sheet.append(["360103", 3.0, 4.0])
    book.save(tmp_path / "yrs.xlsx")
    df = pd.read_excel(tmp_path / "yrs.xlsx", header=[0, 1, 2])
    with pytest.raises(zb.ParseError) as raised:
        zb.Panel.from_pandas(df, entity="区划代码", period="年份")
    scope = {"df": df}
    exec(str(raised.value).split("'A sheet from Excel'): ", 1)[1].replace("; ", "\n"), scope)
    panel = zb.Panel.from_pandas(scope["long"], entity="区划代码", period="年份")
    assert panel.units == {"gdp": "亿元"}
    assert panel.to_pandas().loc[("360103", "2025"), "gdp"] == 4.0


def test_units_in_brackets_are_read_in_a_header_and_refused_as_a_row():
    # review27b F7: （亿元） under a name was refused with a line that made it the name; a keyless
    # row (亿元), （万元） was skipped by lenient and every unit lost (read_csv refused it)
    df = _headed([("区划代码", U0), ("年份", U1), ("地区生产总值", "（亿元）"), ("R&D经费内部支出", "(万元)")], [["360102", 2024, 1.0, 2.0]])
    assert zb.Panel.from_pandas(df, entity="区划代码", period="年份").units == {"gdp": "亿元", "rd_expenditure": "万元"}
    rows = pd.DataFrame(
        {
            "code": [None, "360102"],
            "year": [None, 2024],
            "gdp": pd.Series(["(亿元)", 1.0], dtype=object),
            "rd": pd.Series(["（万元）", 5.0], dtype=object),
        }
    )
    for lenient in (False, True):
        with pytest.raises(zb.ParseError, match=r"row 0 looks like a row of units \(亿元, 万元\)"):
            zb.Panel.from_pandas(rows, entity="code", period="year", lenient=lenient)
    with pytest.raises(zb.ParseError, match="looks like a row of units"):
        zb.read_csv(io.StringIO("code,year,gdp,rd\n,,(亿元),（万元）\n360102,2024,1.0,5.0\n"), lenient=True)


def test_region_codes_as_headings_are_no_periods():
    # review27b F9: columns 1101, 1102 were said to be "periods as columns"
    with pytest.raises(zb.ParseError) as raised:
        zb.Panel.from_pandas(pd.DataFrame({"指标": ["gdp"], "1101": [1.0], "1102": [2.0]}))
    assert "periods are columns" not in str(raised.value)


def test_a_misspelt_key_column_gets_did_you_mean_before_the_layout_hint():
    # review27b F9: only the melt hint was given, "did you mean '区划代码'" lost
    df = pd.DataFrame({"区划代码": ["360102"], "2024年": [1.0], "2025年": [2.0]})
    with pytest.raises(zb.ParseError, match=r"did you mean '区划代码'"):
        zb.Panel.from_pandas(df, entity="区划代吗")


def test_a_unit_column_first_gets_the_lines_of_a_row_per_indicator():
    # review27b F9: 单位 first fell to the one-variable lines, fixed to 地区生产总值[亿元]
    df = pd.DataFrame({"单位": ["亿元"], "指标名称": ["地区生产总值"], "2024年": [1.0], "2025年": [2.0]})
    with pytest.raises(zb.ParseError, match="a row per indicator with its unit") as raised:
        zb.Panel.from_pandas(df)
    assert "long['指标名称'] + '['" in str(raised.value)


TWO_YEARS = "区划代码,年份,地区生产总值[亿元]\n360102,2023,1234.5\n360102,2024,1300\n"


@pytest.mark.parametrize("extra", [(), ("--period-column", "年份")])
def test_period_value_is_refused_for_a_file_with_a_period_column(extra):
    # review27b F2: --period-value 2024 on a file of 2023 and 2024 gave both years back, exit 0
    run = _cli("compute", "-", "--ids", "gdp", "--period-value", "2024", *extra, stdin=TWO_YEARS)
    assert run.returncode == 2 and run.stdout == ""
    assert "--period-value" in run.stderr and ("has a period column" in run.stderr or "give one of them" in run.stderr)


def test_a_bad_period_value_is_the_options_error_not_the_files():
    # review27b F3: "<stdin>:2: cannot read period 'abc'", a fault of the file's line 2
    run = _cli("compute", "-", "--period-value", "abc", stdin=SHEET_2024)
    assert run.returncode == 2 and "argument --period-value" in run.stderr and "<stdin>:2" not in run.stderr


def test_composite_is_not_told_of_options_it_lacks():
    # review27b F4: composite was told "give every row one with --period-value PERIOD", which it has not
    run = _cli("composite", "-", "--period", "2024", stdin=SHEET_2024)
    assert run.returncode == 2
    assert "--period-value" not in run.stderr and "--period-column" not in run.stderr, run.stderr


@pytest.mark.parametrize(
    ("words", "meant"),
    [
        (("compute", "-", "--year", "2024"), "--period-value"),
        (("compute", "-", "--year", "年份"), "--period-column"),
        (("scorecard", "-", "--period-value", "2024"), "--year"),
        (("scorecard", "-", "--period", "2024"), "--year"),
    ],
)
def test_a_period_flag_by_its_meaning_gets_the_option_of_its_value(words, meant):
    # review27b F5: all of these were sent to --period-column
    result = _cli(*words, stdin=SHEET_2024)
    assert result.returncode == 2 and f"{words[2]}: did you mean {meant}?" in result.stderr
