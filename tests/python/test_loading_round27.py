"""Round 27 (helper io27): the seams an27 found between the two loaders — one rule for a name with
and without 市/县/区/旗 (read_csv's, which from_pandas asks), the doubled ellipsis …… as missing,
validate's one_region_two_names for names used as the entity, and what compute and rollup say of a
totals row loaded as an entity."""

import io
import warnings

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import _core
from zhibiao.composite import NestedRegionsWarning

# ---------------------------------------------------------------- one rule for 西湖 and 西湖区


def test_read_csv_takes_a_name_with_and_without_its_suffix_as_one_region_named_in_full(tmp_path):
    # Before: ParseError "entity '360103' is named '西湖区' here and '西湖' on line 2"
    path = tmp_path / "x.csv"
    path.write_text("region,name,year,gdp[亿元]\n360103,西湖,2024,1\n360103,西湖区,2025,2\n", encoding="utf-8")
    panel = zb.read_csv(path)
    assert panel.entities["name"].tolist() == ["西湖区"]
    assert panel.to_pandas()["gdp"].tolist() == [1.0, 2.0]


@pytest.mark.parametrize("layout", ["wide", "long"])
def test_the_full_name_is_kept_whichever_row_comes_first_in_both_layouts(tmp_path, layout):
    path = tmp_path / "x.csv"
    if layout == "wide":
        path.write_text("region,name,year,gdp[亿元]\n360103,西湖区,2024,1\n360103,西湖,2025,2\n", encoding="utf-8")
    else:
        path.write_text(
            "region,name,year,variable,value\n360103,西湖,2024,gdp,1\n360103,西湖区,2025,gdp,2\n", encoding="utf-8"
        )
    assert zb.read_csv(path, units={"gdp": "亿元"} if layout == "long" else None).entities["name"].tolist() == ["西湖区"]


def test_read_csv_takes_the_full_name_across_threads(tmp_path):
    # A file cut into chunks: the short name in the first rows, the full one in the last; the
    # result is the same for 1 and 4 threads (the names are settled in file order).
    # 4000 codes × 100 years: ~10 MB, cut into chunks of 4 MB (csv_options::min_chunk_bytes)
    rows = [f"{360000 + k % 4000},区{k % 4000},{1950 + k // 4000},{k}" for k in range(400_000)]
    rows.append("360003,区3区,2050,1")
    path = tmp_path / "big.csv"
    path.write_text("region,name,year,gdp[亿元]\n" + "\n".join(rows) + "\n", encoding="utf-8")
    one = zb.read_csv(path, threads=1).entities
    four = zb.read_csv(path, threads=4).entities
    assert one.equals(four)
    assert one.set_index("code").loc["360003", "name"] == "区3区"


def test_read_csv_still_refuses_two_places_under_one_code(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("region,name,year,gdp[亿元]\n360121,南昌县,2024,1\n360121,南昌市,2025,2\n", encoding="utf-8")
    with pytest.raises(zb.ParseError, match="'360121' is named '南昌市' here and '南昌县' on line 2"):
        zb.read_csv(path)
    # 西湖 and 西湖区 are one, but 西湖市 is a third place: refused, naming the full name's line
    path.write_text(
        "region,name,year,gdp[亿元]\n360103,西湖,2023,1\n360103,西湖区,2024,1\n360103,西湖市,2025,2\n", encoding="utf-8"
    )
    with pytest.raises(zb.ParseError, match="named '西湖市' here and '西湖区' on line 3"):
        zb.read_csv(path)


def test_one_rule_is_exposed_and_is_the_one_from_pandas_uses():
    assert _core.region_name("西湖", "西湖区") == "西湖区"
    assert _core.region_name("西湖区", "西湖") == "西湖区"
    assert _core.region_name("西湖区", "西湖区") == "西湖区"
    assert _core.region_name("", "西湖区") == "西湖区"
    assert _core.region_name("鄂托克", "鄂托克旗") == "鄂托克旗"
    assert _core.region_name("南昌县", "南昌市") is None
    assert _core.region_name("西湖", "西湖区区") is None  # more than one suffix: no longer the same name
    import zhibiao._panel as panel_module

    assert not hasattr(panel_module, "_ADMIN_SUFFIXES")  # the Python copy of the rule is gone
    df = pd.DataFrame({"code": ["360103", "360103"], "name": ["西湖", "西湖区"], "period": [2024, 2025], "gdp": [1.0, 2.0]})
    assert zb.Panel.from_pandas(df, entity="code", period="period", name="name").entities["name"].tolist() == ["西湖区"]


# ---------------------------------------------------------------- …… is missing, as … is


def test_the_doubled_ellipsis_is_missing_in_parse_text_cells_read_csv_and_from_pandas(tmp_path):
    # Before: '……' was unparseable while '…' was missing
    values, reasons, first_bad, _, _ = _core.parse_text_cells(["…", "……", "⋯⋯", "......", "１"], "1")
    assert first_bad is None
    assert np.isnan(values[:4]).all() and values[4] == 1.0
    path = tmp_path / "x.csv"
    path.write_text("region,year,gdp[亿元]\n360102,2024,1\n360103,2024,……\n", encoding="utf-8")
    panel = zb.read_csv(path)
    assert panel.report["cells_missing"] == 1
    df = pd.DataFrame({"code": ["360102", "360103"], "period": [2024, 2024], "gdp": ["1", "……"]})
    loaded = zb.Panel.from_pandas(df, entity="code", period="period").to_pandas()
    assert np.isnan(loaded["gdp"].iloc[1])


def test_the_doubled_ellipsis_is_missing_in_the_cli(tmp_path):
    # Before: "not a number: '……'" and exit status 2
    import subprocess
    import sys

    path = tmp_path / "x.csv"
    path.write_text(
        "region,year,gdp[亿元],rd_expenditure[万元]\n360102,2024,100,20000\n360103,2024,……,30000\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "zhibiao", "compute", str(path), "--ids", "rd_intensity"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(__import__("io").StringIO(done.stdout), dtype={"entity": str})
    assert table["rd_intensity_reason"].fillna("").tolist() == ["", "missing_input"]


# ---------------------------------------------------------------- validate: names used as the entity


def test_validate_warns_of_two_name_entities_differing_only_by_a_suffix():
    # Before: no finding; 西湖 (2024) and 西湖区 (2025) were two entities of one year each
    df = pd.DataFrame(
        {"地区": ["东湖区", "西湖", "东湖区", "西湖区"], "year": [2024, 2024, 2025, 2025], "gdp": [1.0, 2.0, 3.0, 4.0]}
    )
    panel = zb.Panel.from_pandas(df, entity="地区", period="year")
    findings = panel.validate()
    said = findings[findings["rule"] == "one_region_two_names"]
    assert said["entity"].tolist() == ["西湖区"]
    assert said["severity"].tolist() == ["soft"]
    assert "'西湖' and '西湖区'" in said["message"].iloc[0]


def test_validate_does_not_compare_codes_nor_two_places():
    df = pd.DataFrame({"code": ["360103", "3601031"], "year": [2024, 2024], "gdp": [1.0, 2.0]})
    assert "one_region_two_names" not in set(zb.Panel.from_pandas(df, entity="code", period="year").validate()["rule"])
    df = pd.DataFrame({"地区": ["南昌县", "南昌市"], "year": [2024, 2024], "gdp": [1.0, 2.0]})
    assert "one_region_two_names" not in set(zb.Panel.from_pandas(df, entity="地区", period="year").validate()["rule"])


# ---------------------------------------------------------------- a totals row as an entity


def totals_panel():
    df = pd.DataFrame(
        {
            "code": ["360102", "360103", "合计"],
            "year": [2024, 2024, 2024],
            "gdp": [100.0, 200.0, 300.0],
            "rd_expenditure": [20000.0, 30000.0, 50000.0],
        }
    )
    return zb.Panel.from_pandas(df, entity="code", period="year", units={"gdp": "亿元", "rd_expenditure": "万元"})


def test_compute_says_a_totals_row_by_a_warning_naming_it():
    # Before: compute gave 合计 its R&D intensity beside the districts' without a word
    with pytest.warns(NestedRegionsWarning, match="compute: entity 合计 looks like a totals row"):
        values = totals_panel().compute(["rd_intensity"])
    assert values.loc[("合计", "2024"), "rd_intensity"] == pytest.approx(50000 / 1e4 / 300 * 100)  # 5e4 万元 / 300 亿元


def test_compute_of_a_panel_without_totals_rows_warns_of_nothing():
    df = pd.DataFrame({"code": ["360102"], "year": [2024], "gdp": [100.0], "rd_expenditure": [2.0]})
    panel = zb.Panel.from_pandas(df, entity="code", period="year", units={"gdp": "亿元", "rd_expenditure": "万元"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        panel.compute(["rd_intensity"])


def test_rollup_refuses_a_totals_row_naming_it():
    with pytest.raises(zb.Error, match=r"totals row \(合计"):
        totals_panel().rollup({"360102": "360100", "360103": "360100", "合计": "360100"})


def test_a_bad_cell_beside_a_quoted_field_with_doubled_quotes_is_a_parse_error():
    # fuzz_csv in round 27's CI: the row was tokenized again to ask whether it is a row of units,
    # and its fields (a quoted field with doubled quotes is a view into the tokenizer's buffer)
    # were read after the tokenizer was gone — a heap-use-after-free the sanitizer run catches.
    text = 'entity,period,x[万元],y\nA,2020,1l234.20,"a ""quoted"" note"\n'
    with pytest.raises(zb.ParseError, match=r"2:3 \(variable x\): not a number: '1l234.20'"):
        zb.read_csv(io.StringIO(text))
