"""Round 32 (issue 13, trial32a): the standard table of a 统计公报 whose header names a level column
and a change column but no year ("指标 绝对数 比上年增长（%）" under 单位：件), and a table with a row
per area. The tables are made up for the rules in the layouts a converter leaves (blanks, bars,
tabs, full-width blanks), not the trial's texts."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb

GAPS = ["    ", " | ", "\t", "\u3000\u3000"]


def _table(gap, header, row, unit="单位：件", name="专利授权量"):
    return f"表5  2024年知识产权情况\n{unit}\n指标{gap}{gap.join(header)}\n{name}{gap}{gap.join(row)}\n"


def _panel(text):
    panel = zb.read_report(text, entity="青石市", period="2024")
    frame = panel.to_pandas()
    return frame.iloc[0].to_dict() if len(frame) else {}


@pytest.mark.parametrize("gap", GAPS)
@pytest.mark.parametrize("level_first", [True, False])
def test_the_level_column_is_the_panel_value_and_the_growth_a_change(gap, level_first):
    header = ["绝对数", "比上年增长（%）"] if level_first else ["比上年增长（%）", "绝对数"]
    row = ["12845", "3.2"] if level_first else ["3.2", "12845"]
    text = _table(gap, header, row)
    assert _panel(text).get("patents_granted") == 12845
    f = zb.extract(text)
    growth = f[f.value == 3.2]
    assert len(growth) == 1 and growth.flag_change.iloc[0] and growth.unit.iloc[0] == "%"


@pytest.mark.parametrize("gap", GAPS)
def test_an_unavailable_level_leaves_the_variable_out_not_the_growth_in(gap):
    value = _panel(_table(gap, ["绝对数", "比上年增长（%）"], ["—", "3.2"])).get("patents_granted")
    assert value is None or math.isnan(value)


@pytest.mark.parametrize("gap", GAPS)
@pytest.mark.parametrize(("cell", "damage"), [("12 845", "split_digits"), ("12,84", "bad_grouping")])
def test_a_damaged_level_cell_is_damaged_never_a_confident_12(gap, cell, damage):
    text = _table(gap, ["绝对数", "比上年增长（%）"], [cell, "3.2"])
    f = zb.extract(text)
    assert list(f[f.flag_damaged].damage) == [damage]
    value = _panel(text).get("patents_granted")
    assert value is None or math.isnan(value)


@pytest.mark.parametrize("level", ["数量", "数值", "总量"])
def test_a_decline_in_the_change_column_keeps_its_minus(level):
    text = _table("    ", [level, "增长%"], ["12845", "-3.2"])
    f = zb.extract(text)
    decline = f[f.begin == text.index("-3.2")]
    assert len(decline) == 1 and decline.value.iloc[0] == -3.2 and decline.flag_change.iloc[0]


@pytest.mark.parametrize("gap", GAPS)
def test_a_table_with_a_row_per_county_is_refused_row_by_row(gap):
    header = gap.join(["县（市、区）", "专利授权量", "高新技术企业", "技术合同成交额"])
    rows = [gap.join(["青石区", "3256", "512", "48.6"]), gap.join(["白沙县", "2871", "436", "39.2"])]
    text = "表9  2024年各县（市、区）科技主要指标\n单位：件、家、亿元\n" + header + "\n" + "\n".join(rows) + "\n"
    f = zb.extract(text)
    assert len(f) == 6 and (f.variable == "").all()
    findings = f.attrs["findings"]
    assert list(findings["kind"]) == ["table_row", "table_row"]
    assert all("a row per area" in m for m in findings["message"])
    assert "patents_granted" not in _panel(text)


def test_a_year_table_is_read_as_before():
    text = "指标 | 2023年 | 2024年 | 增长%\n专利授权量（件） | 11200 | 12845 | 14.7\n"
    f = zb.extract(text)
    assert list(f.period) == ["2023", "2024", "2024"]
    assert list(f.flag_change) == [False, False, True]
