"""Findings of trial 24a (an analyst's day: an Excel workbook of 150 counties, plots, the CLI),
each with the case that showed it."""

import io
import subprocess
import sys
import warnings

import pandas as pd
import pytest

import zhibiao as zb


def test_a_misspelt_heading_is_named_for_every_missing_variable():
    # T9: 地区生产总直 (值 typed 直) and 常驻人口 (住 typed 驻, a heading of population is 常住人口):
    # the hint came for gdp, the first variable missing, and not for population.
    panel = zb.read_csv(
        io.BytesIO(
            "code,period,rd_expenditure[万元],地区生产总直[亿元],常驻人口[万人],valid_invention_patents[件]\n"
            "1,2024,3,100,50,10\n".encode()
        )
    )
    with pytest.raises(zb.MissingVariableError) as raised:
        panel.compute(["rd_intensity", "invention_patents_per_10k"])
    said = str(raised.value)
    assert "column '地区生产总直' differs by 1 character from '地区生产总值', a heading of gdp" in said
    assert "column '常驻人口' differs by 1 character from '常住人口', a heading of population" in said
    assert said.count("differs by") == 2
    assert raised.value.variable == "gdp"  # the first's attributes, as before


def test_the_admin_code_rule_is_the_cpp_one():
    # T13: _panel._admin_code restated entity.hpp's admin_code; the binding gives the C++ rule,
    # which from_pandas uses to compare parents (3601 is 360100).
    from zhibiao import _core

    expected = {
        "32": "320000",
        "3206": "320600",
        "320602": "320602",
        "110101001000": "110101001000",
        "３２０６": "３２０６",
        "32a": "32a",
        "": "",
        "3": "3",
        "32060": "32060",
    }
    assert {code: _core.admin_code(code) for code in expected} == expected
    frame = pd.DataFrame(
        {"entity": ["320601", "320601"], "period": ["2023", "2024"], "gdp": [1.0, 2.0], "parent": ["3206", "320600"]}
    )
    assert zb.Panel.from_pandas(frame, parent="parent").entities["parent"].tolist() == [
        "3206"
    ]  # one parent, as written first


def test_to_pandas_and_back_keeps_the_names():
    # T4: from_pandas(p.to_pandas()) lost the entity names (README: "and in again").
    panel = zb.read_csv(io.StringIO("区划代码,地区,年份,gdp[亿元]\n430121,甲县,2024,1\n430122,乙县,2024,2\n"))
    frame = panel.to_pandas()
    assert frame.attrs["names"] == {"430121": "甲县", "430122": "乙县"}
    again = zb.Panel.from_pandas(frame)
    assert again.entities["name"].tolist() == ["甲县", "乙县"]
    # a name column given wins over the names carried
    named = frame.reset_index().assign(县=["丙县", "丁县"])
    assert zb.Panel.from_pandas(named, name="县").entities["name"].tolist() == ["丙县", "丁县"]


def test_validate_into_a_pipe_closed_early_still_exits_1(tmp_path):
    # T3: `zhibiao validate x.csv | head -1` exited 0 although there were findings: the closed pipe
    # ended the run as "done"; the findings were known before the first line was written.
    # 3000 findings (approved > applied), about 400 KB: more than the pipe holds when head exits
    rows = "".join(f"9{k:05d},2024,{10 + k},{5 + k}\n" for k in range(1, 3001))
    path = tmp_path / "projects.csv"
    path.write_text("region,period,projects_approved[项],projects_applied[项]\n" + rows, encoding="utf-8")
    run = subprocess.run(
        f"{sys.executable} -m zhibiao validate {path} -q | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.strip() == "1"
    alone = subprocess.run([sys.executable, "-m", "zhibiao", "validate", str(path), "-q"], capture_output=True)
    assert alone.returncode == 1


def _with_province_total():
    # a bureau's sheet: the province's 合计 under its code 43 beside its counties (43 = 1 + 2 + 3)
    from zhibiao.composite import NestedRegionsWarning

    panel = zb.read_csv(
        io.StringIO(
            "区划代码,地区,年份,hitech_value_added[亿元],gdp[亿元]\n"
            "43,合计,2024,6,60\n430121,甲县,2024,1,10\n430122,乙县,2024,2,20\n430123,丙县,2024,3,30\n"
        )
    )
    with pytest.warns(NestedRegionsWarning, match=r"compute: entity 43 \(合计\) looks like a totals row"):
        return panel.compute(["hitech_va_share_gdp"])  # round 27: compute says it too


def test_by_region_says_a_totals_row_is_drawn_among_its_parts():
    # T2: the 合计 row was one of "4 地区", its bar drawn and its value in the median, without a word
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    from zhibiao.composite import NestedRegionsWarning

    with pytest.warns(
        NestedRegionsWarning, match=r"by_region: a total drawn among its parts: 43 \(合计\) looks like"
    ) as said:
        zb.plot.by_region(_with_province_total(), "hitech_va_share_gdp", period="2024")
    assert said[0].filename == __file__  # the caller's line, not zhibiao's
    counties = _with_province_total().drop(index="43", level="entity")
    with warnings.catch_warnings():
        warnings.simplefilter("error", NestedRegionsWarning)
        ax = zb.plot.by_region(counties, "hitech_va_share_gdp", period="2024")
    assert ax.get_title() == "高新技术产业增加值占GDP比重, 2024 (3 地区)"


def test_by_region_title_says_the_bars_are_the_first_of_the_regions():
    # T12: top=2 of 3 regions was titled "(3 地区)" over 2 bars
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    counties = _with_province_total().drop(index="43", level="entity")
    assert (
        zb.plot.by_region(counties, "hitech_va_share_gdp", period="2024", top=2).get_title().endswith("(3 个地区中的前 2 个)")
    )
    english = zb.plot.by_region(counties, "hitech_va_share_gdp", period="2024", top=2, lang="en")
    assert english.get_title().endswith("(top 2 of 3 regions)")


def test_plots_take_the_period_forms_read_csv_reads_and_say_a_name_is_no_code():
    # T6: period="2024年上半年" was "no period '2024年上半年' in the table (periods: …, 2024H1, …)";
    # regions=["乙县"] was "regions not in the table: 乙县" with no word of its code
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    values = zb.read_csv(
        io.StringIO(
            "区划代码,地区,年份,rd_expenditure[万元],gdp[亿元]\n430121,甲县,2024年上半年,10,10\n"
            "430122,乙县,2024年上半年,30,10\n430121,甲县,2024,25,21\n430122,乙县,2024,60,22\n"
        )
    ).compute(["rd_intensity"])
    for given in ["2024年上半年", "2024年1-6月", "2024H1"]:
        ax = zb.plot.by_region(values, "rd_intensity", period=given)
        assert ", 2024H1 (2 地区)" in ax.get_title()
        assert [round(b.get_width(), 4) for b in ax.patches] == [0.03, 0.01]  # 30 万元 / 10 亿元 = 3e5 / 1e9 = 0.03 %
    with pytest.raises(zb.ArgumentError, match="no period '2023年上半年'"):
        zb.plot.by_region(values, "rd_intensity", period="2023年上半年")
    with pytest.raises(zb.ArgumentError, match=r"regions are given by their codes: '乙县' is the name of 430122"):
        zb.plot.over_time(values, "rd_intensity", regions=["乙县"])


def _sheet_with_footnotes():
    # what pd.read_excel keeps of a bureau's sheet: the table, then 注：… and 数据来源：… rows whose
    # first cell is the note and whose period is blank
    return pd.DataFrame(
        {
            "区划代码": ["430121", "430122", "注：本表数据为初步统计数，2025年上半年为快报数。", "数据来源：各县统计局。"],
            "时期": ["2025年上半年", "2025年上半年", None, None],
            "地区生产总值": [10.0, 20.0, None, None],
        }
    )


def test_from_pandas_names_a_footnote_and_lenient_skips_it():
    # T5: "missing entity code or period in the DataFrame: no period in column '时期', 2 rows (index
    # 2, 3)" also with lenient=True, which read_csv's lenient reading skips, naming a footnote one
    sheet = _sheet_with_footnotes()
    with pytest.raises(zb.ParseError, match=r"index 2 is a footnote \('注：本表数据为初步统计数，2025年上半…' and 1 more\)"):
        zb.Panel.from_pandas(sheet, entity="区划代码", period="时期", units={"地区生产总值": "亿元"})
    panel = zb.Panel.from_pandas(sheet, entity="区划代码", period="时期", units={"地区生产总值": "亿元"}, lenient=True)
    assert panel.entities["code"].tolist() == ["430121", "430122"] and panel.periods == ["2025H1"]
    assert panel.report["rows_skipped"] == 2
    assert [(i["row"], i["problem"]) for i in panel.report["issues"]] == [(2, "footnote"), (3, "footnote")]
    assert panel.report["cells_unparseable"] == 0
    blank = pd.DataFrame({"entity": ["430121", None], "period": ["2024", "2024"], "gdp": [1.0, 2.0]})
    with pytest.raises(
        zb.ParseError, match=r"no entity code in column 'entity', 1 row \(index 1\); lenient=True skips"
    ):
        zb.Panel.from_pandas(blank)
    assert zb.Panel.from_pandas(blank, lenient=True).report["rows_skipped"] == 1
    # review24 F7: reasons= has one per row of the frame given; the skipped rows' went on to the
    # next rows ("4 given for 3 rows")
    noted = pd.DataFrame(
        {"code": ["320100", "320200", "注：数据来源于统计年鉴", "320300"], "year": ["2024", "2024", None, "2024"]}
    ).assign(gdp=[1.0, float("nan"), float("nan"), 3.0])
    given = zb.Panel.from_pandas(
        noted, "code", "year", lenient=True, units={"gdp": "亿元"}, reasons={"gdp": ["", "unparseable", "", ""]}
    )
    assert given.to_pandas(reasons=True)["gdp_reason"].astype(object).fillna("").tolist() == ["", "unparseable", ""]


def test_write_csv_cells_are_formatted_as_python_formats_them():
    # T10: write_csv formatted every cell with a Python f-string (2.3 s of 6.9 s on 231,000 rows ×
    # 14 indicators); the C++ formatter must write the same text for every double.
    import numpy as np

    from zhibiao import _core

    rng = np.random.default_rng(24)
    values = np.concatenate(
        [
            rng.uniform(-1000, 1000, 2000),
            rng.standard_normal(500) * 10.0 ** rng.integers(-12, 15, 500),
            [0.125, 2.675, -0.0, 0.0, 1e300, -1e-300, 5e-324, 1.7976931348623157e308, 0.5, 1.5, 2.5, 12345678.9],
        ]
    )
    for decimals in range(0, 7):
        assert _core.fixed_texts(values, decimals) == [f"{v + 0.0:.{decimals}f}" for v in values]
    assert _core.fixed_texts(np.array([np.nan, -0.0, 2.4]), 2) == ["", "0.00", "2.40"]
    with pytest.raises(zb.ArgumentError):
        _core.fixed_texts(np.array([1.0]), -1)
    table = pd.DataFrame({"rd_intensity": [2.4, np.nan, -0.0]}, index=pd.Index(["A", "B", "C"], name="entity"))
    table.attrs["names"] = {"A": "甲", "C": "丙"}
    out = io.StringIO()
    zb.write_csv(table, out)
    assert out.getvalue().splitlines() == ["entity,name,rd_intensity", "A,甲,2.40", "B,,", "C,丙,0.00"]


def test_write_csv_takes_any_count_of_decimals_it_took_before():
    # review24 F6: beyond the C++ formatter's 30 decimals, write_csv stopped with "fixed_texts:
    # decimals must be 0 to 30" (Python's formatting wrote them before); a negative count names
    # its column.
    table = pd.DataFrame({"x": [1.23456, 2.5]}, index=pd.Index(["320100", "320200"], name="entity"))
    table.attrs["decimals"] = {"x": 35}
    out = io.StringIO()
    zb.write_csv(table, out)
    assert out.getvalue().splitlines()[1:] == [f"320100,{1.23456:.35f}", f"320200,{2.5:.35f}"]
    table.attrs["decimals"] = {"x": -1}
    with pytest.raises(zb.ArgumentError, match="column 'x': -1 decimals"):
        zb.write_csv(table, io.StringIO())


def test_a_merged_header_gets_a_hint_that_gives_headings_zhibiao_reads():
    # T7: the hint '_'.join(...) made 区划代码_Unnamed: 0_level_1 and 经济_地区生产总值 of a sheet read
    # with header=[1, 2]: no entity found and no variable recognised
    sheet = pd.DataFrame(
        [["430121", "2024", 10.0], ["430122", "2024", 20.0]],
        columns=pd.MultiIndex.from_tuples(
            [("区划代码", "Unnamed: 0_level_1"), ("年份", "Unnamed: 1_level_1"), ("经济", "地区生产总值")]
        ),
    )
    with pytest.raises(zb.ParseError) as raised:
        zb.Panel.from_pandas(sheet)
    hint = str(raised.value).split("df.columns = ", 1)[1]
    df = sheet
    df.columns = eval(hint)  # the line the message gives, as a user would paste it
    panel = zb.Panel.from_pandas(df, entity="区划代码", period="年份", units={"地区生产总值": "亿元"})
    assert panel.variables == ["gdp"] and panel.entities["code"].tolist() == ["430121", "430122"]
    pivot = pd.DataFrame([[1.0]], columns=pd.MultiIndex.from_tuples([("gdp", "2024")]))
    with pytest.raises(zb.ParseError, match=r"'_'\.join"):
        zb.Panel.from_pandas(pivot)


def test_index_levels_named_otherwise_get_the_keys_to_pass():
    # T8: a frame indexed by (区划代码, 时期) got "no column or index level 'entity'" with no hint,
    # where the same frame with those columns gets "pass entity='区划代码', period='时期'"
    frame = pd.DataFrame({"区划代码": ["430121"], "时期": ["2024"], "gdp": [1.0]})
    for given in (frame, frame.set_index(["区划代码", "时期"])):
        with pytest.raises(zb.ParseError, match=r"pass entity='区划代码', period='时期'"):
            zb.Panel.from_pandas(given)
    assert zb.Panel.from_pandas(frame.set_index(["区划代码", "时期"]), entity="区划代码", period="时期").periods == ["2024"]
