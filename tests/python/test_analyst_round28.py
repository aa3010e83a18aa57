"""Round 28's analyst seams (helper an28): a column in % of Excel's fractions, the totals row over a
Dask frame, the CLI given the bureau's Chinese headings, and functions over 100 lines in python/."""

import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import zhibiao as zb
from zhibiao.composite import NestedRegionsWarning

ROOT = Path(__file__).resolve().parents[2]
openpyxl = pytest.importorskip("openpyxl")


def intensity_sheet(path: Path, cells: list, percent_format: bool) -> Path:
    """A bureau sheet: code, name over 区划代码/地区, R&D经费投入强度 over %, one row per district;
    ``percent_format`` formats the cells as Excel percentages (2.7% kept as 0.027)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["区划代码", "地区", "R&D经费投入强度"])
    sheet.append([None, None, "%"])
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:B2")
    for k, value in enumerate(cells):
        sheet.append([f"36010{k + 2}", f"区{k}", value])
        if percent_format:
            sheet.cell(row=sheet.max_row, column=3).number_format = "0.0%"
    book.save(path)
    return path


def read_sheet(path: Path) -> pd.DataFrame:
    df = pd.read_excel(path, header=[0, 1], dtype={("区划代码", "Unnamed: 0_level_1"): str})
    return df.assign(年份=2024)


# Seam 1. Before: 0.027 (shown as 2.7% in Excel) was loaded as 0.027 % without a word. Review 28a:
# refusing it refused genuine small percents too, so the lead's decision is a warning (an28b).
def test_a_column_in_percent_of_fractions_only_warns_and_says_the_three_ways(tmp_path):
    df = read_sheet(intensity_sheet(tmp_path / "a.xlsx", [0.027, 0.031, 0.012], percent_format=True))
    with pytest.warns(zb.PercentFractionWarning) as said:
        panel = zb.Panel.from_pandas(df, entity="区划代码", period="年份")
    assert said[0].filename == __file__  # the caller's line, not zhibiao's
    message = str(said[0].message)
    assert "all between -1 and 1" in message and "0.027 may be 2.7% or 0.027%" in message
    assert "units={'R&D经费投入强度': '1'}" in message and "units={'R&D经费投入强度': '%'}" in message
    assert "rewrite the cells as percents (2.7)" in message
    assert panel.values("rd_intensity").tolist() == [0.027, 0.031, 0.012]  # as written, in % (round 38: its id)
    assert panel.units["rd_intensity"] == "%"
    # the caller's word is certain: fractions in the unit 1 (0.027 is 2.7 %), or percents as written
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fractions = zb.Panel.from_pandas(df, entity="区划代码", period="年份", units={"R&D经费投入强度": "1"})
        percents = zb.Panel.from_pandas(df, entity="区划代码", period="年份", units={"R&D经费投入强度": "%"})
    assert fractions.values("rd_intensity").tolist() == [0.027, 0.031, 0.012]
    assert fractions.units["rd_intensity"] == "1" and percents.units["rd_intensity"] == "%"


def test_a_lone_fraction_among_percents_in_a_percent_column_warns_naming_its_row(tmp_path):
    path = tmp_path / "b.xlsx"
    intensity_sheet(path, [2.5, 3.1, 1.8], percent_format=False)
    book = openpyxl.load_workbook(path)
    # one cell typed as 2.7% in a column of percents typed as numbers: 2.7 lies in [2.5, 3.1]
    book.active["C5"] = 0.027
    book.active["C5"].number_format = "0.0%"
    book.save(path)
    df = read_sheet(path)
    with pytest.warns(zb.PercentFractionWarning) as said:
        zb.Panel.from_pandas(df, entity="区划代码", period="年份")
    message = str(said[0].message)
    assert "row 2 (entity 360104, period 2024): the number 0.027 among 2.5, 3.1" in message
    assert "units={'R&D经费投入强度': '%'}" in message and "units={'R&D经费投入强度': '1'}" in message


def one_column(heading: str, cells: list) -> pd.DataFrame:
    return pd.DataFrame({"entity": [f"E{k}" for k in range(len(cells))], "period": [2024] * len(cells), heading: cells})


# Review 28a: genuine small percents were refused. Hand-checked cases of the rule (a) and (b).
@pytest.mark.parametrize(
    "cells, warns",
    [
        ([0.3, 0.6, 0.9], True),  # a county's R&D intensity: may be fractions, loaded with a warning
        ([-0.4, -0.2, 0.0], True),  # growth: all non-zero ones within [-1, 1]
        ([0.027, 2.5, 3.1], True),  # 2.7 lies in [2.5, 3.1] and 0.027 < 0.25
        ([0.8, 2.5, 3.1], False),  # 80 lies outside [2.5, 3.1]
        ([1.0, 2.0], False),  # 100 lies outside [2.0, 2.0]
        ([-0.5, 0.0, 1.2], False),  # -50 lies outside [1.2, 1.2]
        ([0, 1, 0], False),  # integers are no fractions Excel kept
        ([0.0, 0.0], False),
    ],
)
def test_small_percents_load_as_written_and_warn_only_when_a_fraction_is_likely(cells, warns):
    df = one_column("增速[%]", cells)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        panel = zb.Panel.from_pandas(df)
    assert any(issubclass(w.category, zb.PercentFractionWarning) for w in said) == warns
    assert panel.values("增速").tolist() == [float(c) for c in cells] and panel.units["增速"] == "%"


def test_a_unit_from_attrs_is_not_questioned_when_the_header_has_a_bracket_too():
    df = one_column("强度[%]", [0.3, 0.6, 0.9])
    df.attrs["units"] = {"强度": "%"}  # review 28a: still refused
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert zb.Panel.from_pandas(df).units["强度"] == "%"


def test_percent_fraction_warning_is_a_user_warning_exported_from_zhibiao():
    assert issubclass(zb.PercentFractionWarning, UserWarning) and "PercentFractionWarning" in zb.__all__


def test_percents_above_one_and_columns_not_in_percent_read_as_before():
    plain = pd.DataFrame({"entity": ["A", "B"], "period": [2024, 2024], "share[%]": [2.5, 3.1], "x[1]": [0.2, 0.3]})
    panel = zb.Panel.from_pandas(plain)
    assert panel.values("share").tolist() == [2.5, 3.1] and panel.values("x").tolist() == [0.2, 0.3]
    carried = pd.DataFrame({"entity": ["A"], "period": [2024], "share": [0.5]})
    carried.attrs["units"] = {"share": "%"}  # zhibiao's own frame (to_pandas): its unit is no sheet's header
    assert zb.Panel.from_pandas(carried).values("share").tolist() == [0.5]


# Seam 2. Before: a warning raised in a worker of a distributed cluster never reached the caller.
@pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")
def test_dask_compute_warns_of_a_totals_row_where_the_caller_sees_it_once():
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    import zhibiao.dask

    df = pd.DataFrame(
        {
            "entity": ["360102", "360103", "360100"],
            "name": ["东湖区", "西湖区", "全市"],
            "period": [2024] * 3,
            "rd_expenditure[万元]": [10.0, 20.0, 30.0],
            "gdp[亿元]": [1.0, 2.0, 3.0],
        }
    )
    with pytest.warns(NestedRegionsWarning) as pandas_said:
        zb.Panel.from_pandas(df).compute(["rd_intensity"])
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster, distributed.Client(cluster):
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            zhibiao.dask.compute(dd.from_pandas(df, npartitions=2), ["rd_intensity"]).compute()
    nested = [str(w.message) for w in said if issubclass(w.category, NestedRegionsWarning)]
    assert nested == [str(pandas_said[0].message)]  # the pandas path's words: 360100 (全市)


# Kept as it was (the pass over the partitions now says it, not each partition): once, by name.
def test_dask_compute_over_partitions_of_an_entity_index_warns_once_of_each_totals_row():
    dd = pytest.importorskip("dask.dataframe")
    import zhibiao.dask

    df = pd.DataFrame(
        {
            "entity": ["A", "B", "合计", "C"],
            "period": [2024] * 4,
            "rd_expenditure[万元]": [1.0, 2.0, 3.0, 4.0],
            "gdp[亿元]": [1.0, 2.0, 3.0, 4.0],
        }
    ).set_index("entity")
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        zhibiao.dask.compute(dd.from_pandas(df, npartitions=2), ["rd_intensity"]).compute()
    nested = [str(w.message) for w in said if issubclass(w.category, NestedRegionsWarning)]
    assert len(nested) == 1 and "entity 合计 looks like a totals row" in nested[0]


# Seam 4. Before: 研发经费内部支出 stayed a variable of its own and the error suggested nothing.
def test_the_cli_reads_研发_as_rd_and_says_the_unit_it_needs(tmp_path):
    table = tmp_path / "zh.csv"
    table.write_text(
        "地区,年份,研发经费内部支出[万元],地区生产总值[亿元],常住人口[万人]\n" "360102,2024,12500,100.2,50\n360103,2024,8100,80.0,40\n",
        encoding="gb18030",
    )
    run = subprocess.run(
        [sys.executable, "-m", "zhibiao", "compute", str(table), "--ids", "rd_intensity", "-q"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    # rd_intensity = R&D expenditure / GDP: 1.25亿元 / 100.2亿元 = 1.2475 %, printed to 2 places;
    # 0.81亿元 / 80.0亿元 = 1.0125 % (indicators.md, rd_intensity)
    assert run.stdout.splitlines()[1:] == ["360102,2024,1.25,", "360103,2024,1.01,"]
    panel = zb.read_csv(table)
    assert panel.report["renamed_columns"]["研发经费内部支出"] == "rd_expenditure"


@pytest.mark.parametrize(
    "heading, variable",
    [("研发经费内部支出", "rd_expenditure"), ("研究与试验发展经费内部支出", "rd_expenditure"), ("研发经费", "rd_expenditure")],
)
def test_研发_and_研究与试验发展_are_rd_in_a_heading(heading, variable):
    assert zb._core.parse_column_header(f"{heading}[万元]")[0] == variable


def test_a_heading_the_catalogue_does_not_name_stays_as_written():
    assert zb._core.parse_column_header("研发投入强度[%]")[0] == "研发投入强度"


# Seam 5. Before: python/ was left out of the check, and three functions were over 100 lines.
def test_no_function_over_100_lines_in_python_and_the_style_check_runs_it():
    run = subprocess.run(
        [sys.executable, "scripts/check_function_length.py", "--max", "100", "python"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout
    assert "check_function_length.py --max 100 src python include" in (ROOT / "scripts/check_style.sh").read_text()


def test_the_cli_suggests_a_column_written_with_a_headings_words_in_another_order(tmp_path):
    table = tmp_path / "zh.csv"
    table.write_text("地区,年份,R&D内部经费支出[万元],地区生产总值[亿元]\n360102,2024,12500,100.2\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "zhibiao", "compute", str(table), "--ids", "rd_intensity", "-q"],
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    assert "the panel's column 'R&D内部经费支出' may be rd_expenditure ('R&D经费内部支出')" in run.stderr


# Seam 3. 全国 beside a city's districts is no sum of them (a row to compare with): the warning and
# validate said "its figures are the others' sum". It is still said (a ranking over the entities
# takes it as one), in true words; beside the provinces it is their sum, which the words allow.
def nation_beside(codes: list, names: list) -> pd.DataFrame:
    k = len(codes)
    return pd.DataFrame(
        {
            "entity": codes,
            "name": names,
            "period": [2024] * k,
            "rd_expenditure[万元]": [1.0] * k,
            "gdp[亿元]": [1.0] * k,
        }
    )


@pytest.mark.parametrize(
    "codes, names",
    [
        (["360102", "360103", "100000"], ["东湖区", "西湖区", "全国"]),  # a city's panel
        (["110000", "360000", "100000"], ["北京市", "江西省", "全国"]),  # the provinces: 全国 is their sum
    ],
)
def test_the_nation_beside_regions_is_said_as_the_nation_not_as_their_sum(codes, names):
    panel = zb.Panel.from_pandas(nation_beside(codes, names))
    with pytest.warns(NestedRegionsWarning) as said:
        panel.compute(["rd_intensity"])
    message = str(said[0].message)
    assert "entity 100000 (全国) is the nation, a row to compare with" in message
    assert "unless they are the provinces" in message and "others' sum" not in message
    finding = panel.validate().query("rule == 'totals_row'")
    assert finding["entity"].tolist() == ["100000"]
    assert "is the nation" in finding["message"].iloc[0] and "others' sum" not in finding["message"].iloc[0]


def test_a_totals_row_beside_the_nation_keeps_its_own_words():
    panel = zb.Panel.from_pandas(nation_beside(["360102", "360100", "100000"], ["东湖区", "全市", "全国"]))
    with pytest.warns(NestedRegionsWarning) as said:
        panel.compute(["rd_intensity"])
    first, second = str(said[0].message).split("\n")
    assert "entity 360100 (全市) looks like a totals row" in first and "others' sum" in first
    assert "entity 100000 (全国) is the nation" in second


def test_the_totals_warning_points_at_the_callers_line():
    # It pointed into zhibiao/_suggest.py (the keyword check around compute), where a notebook's
    # warning filter by module, or the line shown, told the analyst nothing.
    panel = zb.Panel.from_pandas(nation_beside(["360102", "360100"], ["东湖区", "全市"]))
    with pytest.warns(NestedRegionsWarning) as said:
        panel.compute(["rd_intensity"])
    assert said[0].filename == __file__
