"""Round 33 (issue 13, "into a panel"): a table with a row per area and a column per indicator — a
city's 统计公报, a provincial report — gives a fact a cell: its variable from its column's heading,
its area (the ``entity`` column) from its row's label; to_panel an entity a row, the 合计/全市 row
the report's own. Tables made up for the rules, in the styles PDF converters leave."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

import zhibiao as zb

TITLE = "青山市2024年国民经济和社会发展统计公报\n"

UNITS_IN_HEADINGS = TITLE + (
    "县（市、区）  专利授权量（件）  高新技术企业（家）  技术合同成交额（亿元）\n"
    "青山县        386              23                  2.15\n"
    "白水县        1,205            41                  5.3\n"
    "全市合计      1,591            64                  7.45\n"
)

UNIT_CAPTION = TITLE + (
    "表5 各县（市、区）专利授权情况\n（单位：件）\n" "地区 专利授权量 发明专利授权量\n" "青山县 386 52\n" "白水县 1205 117\n" "合计 1591 169\n"
)

FULL_WIDTH_AND_RULES = TITLE + (
    "县（市、区）｜专利授权量（件）｜高新技术企业（家）\n" "青山县　　　｜386　　　　　　　｜23\n" "白水县 | 1,205 | 41\n" "全　市 | 1,591 | 64\n"
)


def _cell(facts, figure):
    rows = facts[facts.text == figure]
    assert len(rows) == 1, figure
    return rows.iloc[0]


@pytest.mark.parametrize("text", [UNITS_IN_HEADINGS, FULL_WIDTH_AND_RULES])
def test_each_cell_has_its_columns_variable_and_its_rows_area(text):
    facts = zb.extract(text)
    assert "table_row" not in set(facts.attrs["findings"].kind)
    cell = _cell(facts, "1,205")
    assert (cell.variable, cell.entity, cell.value, cell.unit, cell.period) == (
        "patents_granted",
        "白水县",
        1205.0,
        "件",
        "2024",
    )
    assert _cell(facts, "23").entity == "青山县" and _cell(facts, "23").unit == "家"
    total = _cell(facts, "1,591")
    assert total.variable == "patents_granted" and total.entity == ""  # the report's own, no area "全市合计"


def test_the_caption_states_the_unit():
    facts = zb.extract(UNIT_CAPTION)
    assert (_cell(facts, "117").variable, _cell(facts, "117").unit, _cell(facts, "117").entity) == (
        "invention_patents_granted",
        "件",
        "白水县",
    )
    assert _cell(facts, "1591").entity == ""


def test_a_panel_has_an_entity_a_row_and_the_total_is_the_reports_own():
    panel = zb.read_report(UNITS_IN_HEADINGS, entity="青山市")
    table = panel.to_pandas()
    assert table.loc[("白水县", "2024"), "patents_granted"] == 1205.0
    assert table.loc[("青山县", "2024"), "tech_contract_value"] == pytest.approx(2.15 * 1e4)  # in 万元
    assert table.loc[("青山市", "2024"), "patents_granted"] == 1591.0
    assert "全市合计" not in set(table.index.get_level_values(0))


def test_a_heading_with_no_variable_gives_no_variable_and_a_finding():
    facts = zb.extract(TITLE + "地区 专利授权量（件） 科普场馆（个）\n青山县 386 5200\n白水县 1205 8100\n")
    cell = _cell(facts, "5200")
    assert cell.variable == "" and cell.flag_no_variable and cell.entity == "青山县"
    found = facts.attrs["findings"]
    assert list(found.kind) == ["table_heading"] and "科普场馆" in found.message.iloc[0]
    assert _cell(facts, "1205").variable == "patents_granted"


def test_a_row_of_other_cells_is_refused():
    facts = zb.extract(TITLE + "县区 专利授权量（件） 高新技术企业（家）\n青山县 386 23\n白水县 1205 41 17\n")
    refused = facts.attrs["findings"]
    assert list(refused.kind) == ["table_row"] and "白水县" in refused.text.iloc[0]
    assert _cell(facts, "1205").variable == "" and _cell(facts, "1205").entity == ""
    assert _cell(facts, "386").entity == "青山县"


def test_a_damaged_cell_stays_damaged():
    facts = zb.extract(TITLE + "县（市、区） 专利授权量（件） 高新技术企业（家）\n青山县 3,86 23\n白水县 1205 41\n")
    cell = _cell(facts, "3,86")
    assert cell.flag_damaged and cell.damage == "bad_grouping" and math.isnan(cell.value)
    assert cell.variable == "patents_granted" and cell.entity == "青山县"
    panel = zb.read_report(TITLE + "县（市、区） 专利授权量（件） 高新技术企业（家）\n青山县 3,86 23\n白水县 1205 41\n", entity="青山市")
    assert math.isnan(panel.to_pandas().loc[("青山县", "2024"), "patents_granted"])


def test_a_part_row_after_qizhong_is_an_area_of_its_own():
    facts = zb.extract(TITLE + "县（市、区） 专利授权量（件） 高新技术企业（家）\n青山县 386 23\n其中 青山高新区 120 9\n白水县 1205 41\n")
    assert _cell(facts, "120").entity == "青山高新区" and _cell(facts, "120").variable == "patents_granted"
    assert _cell(facts, "386").entity == "青山县"


NOT_AREAS = TITLE + (
    "表3 各区县研发投入\n"
    "地区 研发经费（亿元） 高新技术企业（家）\n"
    "东湖区 4.2 31\n"
    "西岭区 1.9 12\n"
    "城区小计 6.1 43\n"
    "南屏县 0.8 6\n"
    "远航科技有限公司 0.6 1\n"
    "研发人员 3200 15\n"
    "各县平均 2.3 14\n"
    "全市 6.9 49\n"
)


def test_rows_that_are_no_area_are_refused_saying_which():
    facts = zb.extract(NOT_AREAS)
    found = facts.attrs["findings"]
    refused = found[found.kind == "table_row"]
    said = dict(zip(refused.text.str.split().str[0], refused.message))
    assert set(said) == {"城区小计", "远航科技有限公司", "研发人员", "各县平均"}
    assert "subtotal" in said["城区小计"] and "average" in said["各县平均"]
    assert "names no area" in said["远航科技有限公司"] and "names no area" in said["研发人员"]
    for figure in ("6.1", "0.6", "3200", "2.3"):
        assert _cell(facts, figure).entity == "" and _cell(facts, figure).variable == ""
    assert _cell(facts, "0.8").entity == "南屏县"
    assert _cell(facts, "6.9").entity == "" and _cell(facts, "6.9").variable == "rd_expenditure"


def test_a_panel_has_no_entity_of_a_row_that_is_no_area():
    panel = zb.read_report(NOT_AREAS, entity="青山市")
    table = panel.to_pandas()
    assert set(table.index.get_level_values(0)) == {"东湖区", "西岭区", "南屏县", "青山市"}
    assert table.loc[("青山市", "2024"), "rd_expenditure"] == pytest.approx(6.9 * 1e4)  # in 万元
    assert (panel.findings.kind == "table_row").sum() == 4


def test_a_sub_row_with_a_colon_is_an_area_and_the_total_after_it_is_read():
    facts = zb.extract(TITLE + "县（市、区） 专利授权量（件） 高新技术企业（家）\n青山县 386 23\n其中：青山高新区 120 9\n" "白水县 1205 41\n合计 1711 73\n")
    assert _cell(facts, "120").entity == "青山高新区" and _cell(facts, "120").variable == "patents_granted"
    assert _cell(facts, "1205").entity == "白水县"
    total = _cell(facts, "1711")
    assert total.entity == "" and total.variable == "patents_granted"
    assert "table_row" not in set(facts.attrs["findings"].kind)


def test_a_sub_row_with_a_colon_keeps_a_table_of_indicators_going():
    # before, the 其中： line was prose: its figures and the rows after it lost their columns' periods and units
    facts = zb.extract(TITLE + "指标 单位 2023年 2024年\n专利授权量 件 1000 1200\n其中：发明专利授权量 件 200 260\n高新技术企业 家 50 60\n")
    part, firms = _cell(facts, "200"), _cell(facts, "50")
    assert (part.variable, part.period, part.unit) == ("invention_patents_granted", "2023", "件")
    assert (firms.variable, firms.period, firms.unit) == ("hnte_total", "2023", "家")


def test_a_table_of_years_by_area_reads_as_before():
    text = TITLE + "（单位：件）\n地区 2023年 2024年\n青山县 386 412\n"
    facts = zb.extract(text)
    assert set(facts.entity) == {""}  # no area: the row's name is the variable's, as before
    assert sorted(facts.period) == ["2023", "2024"] and set(facts.unit) == {"件"}
    assert "table_heading" not in set(facts.attrs["findings"].kind)


def test_prose_has_no_entity_and_read_reports_gives_each_area_once():
    facts = zb.extract("2024年，全市专利授权量1591件。")
    assert list(facts.entity) == [""]
    panel = zb.read_reports({"青山市": UNITS_IN_HEADINGS, "白水县": "2024年，全县专利授权量1205件。"})
    table = panel.to_pandas()
    assert table.loc[("青山市", "2024"), "patents_granted"] == 1591.0
    assert table.loc[("青山县", "2024"), "patents_granted"] == 386.0
    # 白水县 is a report of the batch: the city's table row for it is left out, never mixed in
    assert table.loc[("白水县", "2024"), "patents_granted"] == 1205.0
    left_out = panel.findings[panel.findings.kind == "area_row"]
    assert len(left_out) == 3 and set(left_out.entity) == {"青山市"}


def test_cli_panel_gives_an_entity_a_row(tmp_path):
    path = tmp_path / "gb.txt"
    path.write_text(UNITS_IN_HEADINGS, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "zhibiao", "extract", "--panel", "--entity", "青山市", str(path)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "白水县" in run.stdout and "青山县" in run.stdout and "青山市" in run.stdout
