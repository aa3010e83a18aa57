"""Round 37 (issue 13): seams round 36 left in the report reader — a column of a table by area that is neither an
amount nor a share under 单位：万元、%, a growth column of a table by area, 基础研究经费, a cumulative 累计入库 after a
figure of its own entry — and two report styles of our own. Every expected figure is checked by hand against the
sentence or row beside it (the texts are our own)."""

from __future__ import annotations

import pytest

from report_facts import findings_of, rows_of

BULLETIN = "某市2025年科技统计公报\n"

# ---- 1. under 单位：万元、%, a column of neither an amount nor a share takes no unit -------------------------


@pytest.mark.parametrize("label", ["劳动生产率", "人均研发经费", "专利授权量"])
def test_a_column_of_neither_an_amount_nor_a_share_takes_no_unit_from_the_line(label):
    # main: 劳动生产率 (万元/人), 人均研发经费 and a count took 万元, the amount's unit; now none, and a finding
    text = BULLETIN + f"单位：万元、%\n县（市、区） 研发经费支出 {label}\n甲县 1200 30\n乙县 800 25\n"
    units = {value: unit for value, unit in rows_of(text, "value", "unit")}
    assert units == {1200.0: "万元", 30.0: "", 800.0: "万元", 25.0: ""}
    (told,) = findings_of(text, "table_unit")
    assert label in told.message


def test_a_per_head_column_names_no_variable():
    # main: 人均研发经费 was rd_expenditure (3.5 万元 of R&D expenditure in 甲县); per head, as 人均… in prose
    text = BULLETIN + "县（市、区） 研发经费支出（万元） 人均研发经费（元）\n甲县 1200 350\n"
    assert rows_of(text, "variable", "value", "unit") == [("rd_expenditure", 1200.0, "万元"), ("", 350.0, "元")]


def test_a_header_ending_with_its_last_column_s_unit_states_no_unit_for_the_others():
    # main: 专利授权量（件） at the header's end was taken for a heading's unit: 1200 read in 件, no variable, no finding
    text = BULLETIN + "县（市、区） 研发经费支出 专利授权量（件）\n甲县 1200 30\n"
    assert "件" not in [unit for value, unit in rows_of(text, "value", "unit") if value == 1200.0]
    # round 38: the unitless column is left (table_column; it refused the row, table_row), the row's 30件 read
    assert findings_of(text, "table_column") and not findings_of(text, "table_row")
    assert ("patents_granted", 30.0) in rows_of(text, "variable", "value")


def test_a_column_with_its_own_unit_leaves_the_others_to_the_units_line():
    # main: 劳动生产率（万元/人） naming its unit kept 单位：万元、% from every column; 1200 was read in 万元/人
    text = BULLETIN + "单位：万元、%\n县（市、区） 研发经费支出 劳动生产率（万元/人）\n甲县 1200 30\n"
    assert rows_of(text, "variable", "value", "unit") == [("rd_expenditure", 1200.0, "万元"), ("", 30.0, "万元/人")]


# ---- 2. a growth column of a table by area is the change of the column before it ---------------------------


@pytest.mark.parametrize(
    "header",
    [
        "区县 研发经费(亿元) 比上年增长(%)",
        "县（市、区） 研发经费支出（亿元） 增长%",
        "县（市、区） 研发经费支出（亿元） 同比增长（%）",
        "县（市、区） 研发经费支出（亿元） 增速",
    ],
)
def test_a_growth_column_by_area_is_the_change_of_the_column_before(header):
    # main: the % had no variable (table_heading), or (增长%, 增速: no unit) the rows were refused
    text = BULLETIN + header + "\n甲县 12 8.5\n乙县 9 -2.1\n"
    assert rows_of(text, "variable", "value", "unit", "entity", "flag_change") == [
        ("rd_expenditure", 12.0, "亿元", "甲县", False),
        ("rd_expenditure", 8.5, "%", "甲县", True),
        ("rd_expenditure", 9.0, "亿元", "乙县", False),
        ("rd_expenditure", -2.1, "%", "乙县", True),
    ]
    assert not findings_of(text, "table_row") and not findings_of(text, "table_heading")


def test_growth_columns_after_each_quantity_and_under_a_units_line():
    text = BULLETIN + ("单位：万元、%\n县（市、区） 研发经费支出 比上年增长 技术合同成交额 比上年增长\n甲县 1200 12.5 300 -4.0\n")
    assert rows_of(text, "variable", "value", "unit", "flag_change") == [
        ("rd_expenditure", 1200.0, "万元", False),
        ("rd_expenditure", 12.5, "%", True),
        ("tech_contract_value", 300.0, "万元", False),
        ("tech_contract_value", -4.0, "%", True),
    ]


def test_a_change_in_a_count_s_own_unit_and_an_amount_of_growth():
    # 比上年增加（家）: a change in 家 of the firms; 增长额 is an amount of its own, never a change in %
    text = BULLETIN + "县（市、区） 高新技术企业（家） 比上年增加（家） 增长额（万元）\n甲县 120 15 300\n"
    rows = rows_of(text, "variable", "value", "unit", "flag_change")
    assert rows[1] == ("hnte_total", 15.0, "家", True)
    assert rows[2][2:] == ("万元", False)


def test_the_changes_of_a_table_by_area_enter_no_panel_as_levels():
    import zhibiao as zb

    facts = zb.extract(BULLETIN + "区县 研发经费(亿元) 比上年增长(%)\n甲县 12 8.5\n")
    frame = facts.to_panel("某市", period="2025").to_pandas()
    assert list(frame["rd_expenditure"]) == [120000.0]  # 12 亿元 in 万元; the 8.5 % change is no level


# ---- 3. 基础研究经费 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence", ["全省基础研究经费82.6亿元，比上年增长14.2%。", "全市基础研究投入3.2亿元，增长10.1%。"])
def test_basic_research_expenditure_has_a_variable_of_its_own(sentence):
    # main: no variable; never rd_expenditure (a part of it, by type of activity)
    assert [v for (v,) in rows_of(BULLETIN + sentence, "variable")] == ["basic_research_expenditure"] * 2


# ---- 4. 累计入库 after a figure of its own entry -----------------------------------------------------------

MONTH = "某市科技局2026年3月工作动态\n"


@pytest.mark.parametrize(
    "cumulative, scope", [("1-3月累计入库356家", "cumulative"), ("1-3月累计新增入库356家", "new"), ("累计入库356家", "cumulative")]
)
def test_a_cumulative_follow_phrase_after_its_own_entry_s_figure(cumulative, scope):
    # main: 356家 had no variable (入库 follows only tech_sme_applied); the span 1-3月 is Q1
    text = MONTH + "本月新增科技型中小企业入库128家，" + cumulative + "。"
    period = "2026Q1" if cumulative.startswith("1-3月") else "2026-03"
    assert rows_of(text, "variable", "value", "period", "scope") == [
        ("tech_sme_registered", 128.0, "2026-03", "new"),
        ("tech_sme_registered", 356.0, period, scope),
    ]


def test_a_follow_phrase_after_a_kind_is_no_total_s_even_after_its_entry():
    # 其中技术开发合同成交额: a kind's value, never the total's (no scope word before 成交额); 累计成交额 is the total's
    text = "2025年，全市技术合同成交额18.6亿元，其中技术开发合同成交额7.2亿元。"
    assert rows_of(text, "text", "variable") == [("18.6亿元", "tech_contract_value"), ("7.2亿元", "")]
    text = "2026年1-5月，登记技术合同312项，成交额5.8亿元，今年以来累计成交额6亿元。"
    assert rows_of(text, "text", "variable") == [
        ("312项", "tech_contract_count"),
        ("5.8亿元", "tech_contract_value"),
        ("6亿元", "tech_contract_value"),
    ]


# ---- 5. a bare 入驻企业 is no park's nor an incubator's -------------------------------------------------------


def test_bare_tenant_firms_are_neither_park_nor_incubated_firms():
    # whose tenants (a park's: park_firms; an incubator's: incubated_firms) the phrase does not say: round 38's
    # tenant_firms_new (it was unbound)
    assert rows_of("2025年，全市新增入驻企业86家。", "variable") == [("tenant_firms_new",)]


# ---- a new user's reports (tests/data/reports/county_st_bureau_annual_summary_2025, hitech_zone_monthly_economy_2026_04)


@pytest.mark.parametrize("sentence", ["研发投入强度低于全市平均水平0.4个百分点。", "研发投入强度高于全省平均0.3个百分点。"])
def test_points_that_are_no_change_are_no_level_of_a_rate(sentence):
    # main: rd_intensity 0.4 (a gap to the city's average read as the county's intensity, and so in its panel)
    assert rows_of("2025年，" + sentence, "variable", "flag_unit_mismatch") == [("", True)]


def test_a_table_by_industry_refuses_its_industries_and_reads_its_total():
    # main: every cell a bare figure with no variable and no finding (行业 opened no table)
    text = "某区2026年4月经济运行情况\n1-4月主要指标\n行业 营业收入（亿元） 同比增长（%）\n电子信息 151.3 10.8\n合计 339.8 8.9\n"
    assert rows_of(text, "variable", "value", "unit", "flag_change") == [
        ("", 151.3, "", False),
        ("", 10.8, "", False),
        ("", 339.8, "亿元", False),  # round 38: a zone's total is no firm's operating_revenue (table_heading)
        ("", 8.9, "%", True),
    ]
    (refused,) = findings_of(text, "table_row")
    assert refused.text == "电子信息 151.3 10.8" and "industry" in refused.message


# A hi-tech zone's monthly 经济运行 bulletin with a table by industry: a new user's report, read by hand. (Not in
# tests/data/reports: test_extract_round11's wrap test takes a table that opens with 行业 for prose.)
ZONE_MONTHLY = """南湖高新区2026年4月经济运行情况
南湖高新区管委会经济发展局    2026年5月12日

一、总体情况
1-4月，全区实现规上工业总产值326.8亿元，同比增长9.6%；规上工业增加值78.4亿元，增长8.1%。4月当月，规上工业总产值89.2亿元，同比增长11.3%。

二、分行业情况
表1 1-4月规上工业分行业主要指标
行业 工业总产值（亿元） 同比增长（%） 营业收入（亿元） 同比增长（%）
电子信息 142.6 12.4 151.3 10.8
生物医药 68.5 7.2 70.1 6.9
高端装备 115.7 8.0 118.4 7.6
合计 326.8 9.6 339.8 8.9

三、科技创新
1-4月，全区新增科技型中小企业入库96家，累计入库412家；技术合同成交额18.6亿元，同比增长15.2%。规上工业企业研发费用12.4亿元，同比增长13.5%。
"""


def test_a_zone_s_monthly_bulletin_with_a_table_by_industry():
    ytd = "2026YTD04"
    industries = [(v, "", "", ytd) for v in (142.6, 12.4, 151.3, 10.8, 68.5, 7.2, 70.1, 6.9, 115.7, 8.0, 118.4, 7.6)]
    assert rows_of(ZONE_MONTHLY, "value", "variable", "unit", "period") == [
        (326.8, "industrial_output", "亿元", ytd),
        (9.6, "industrial_output", "%", ytd),
        (78.4, "industrial_value_added", "亿元", ytd),
        (8.1, "industrial_value_added", "%", ytd),
        (89.2, "industrial_output", "亿元", "2026-04"),  # 4月当月
        (11.3, "industrial_output", "%", "2026-04"),
        *industries,  # each industry's row refused (table_row): a part of the zone, no area
        (326.8, "", "亿元", ytd),  # 合计: 工业总产值 names no variable (table_heading), 规上 is the caption's
        (9.6, "", "%", ytd),
        (339.8, "", "亿元", ytd),  # round 38: the zone's 营业收入, no firm's operating_revenue (table_heading)
        (8.9, "", "%", ytd),
        (96.0, "tech_sme_registered", "家", ytd),
        (412.0, "tech_sme_registered", "家", ytd),  # 累计入库 (main: no variable)
        (18.6, "tech_contract_value", "亿元", ytd),
        (15.2, "tech_contract_value", "%", ytd),
        (12.4, "enterprise_rd_expenses_industrial", "亿元", ytd),
        (13.5, "enterprise_rd_expenses_industrial", "%", ytd),
    ]
    assert [f.text for f in findings_of(ZONE_MONTHLY, "table_row")] == [
        "电子信息 142.6 12.4 151.3 10.8",
        "生物医药 68.5 7.2 70.1 6.9",
        "高端装备 115.7 8.0 118.4 7.6",
    ]


# ---- the place a spoken numeral leaves off (the lead, from a methodology trial) -----------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        # A lone digit after a multiplier takes the place below it, as spoken Chinese says it (一千二 = 一千二百):
        # main read 一万二 as 10002 and 三千五 as 3005.
        ("一万二", 12_000),
        ("三千五", 3_500),
        ("一百二", 120),
        ("两万三", 23_000),
        ("一亿二", 120_000_000),
        ("三千五万", 35_000_000),  # 三千五 of 万, as 三千五百万
        # the place is named, or a 零 or a second digit stands between: as before
        ("一千零五", 1_005),
        ("十二", 12),
        ("一万二千", 12_000),
        ("一万零二十", 10_020),
        ("三点五万", 35_000),
        ("二〇二四", 2_024),
    ],
)
def test_a_lone_digit_after_a_multiplier_takes_the_place_below(numeral, value):
    import zhibiao as zb

    assert zb.parse_chinese_number(numeral) == value


def test_a_spoken_amount_before_its_unit_reads_the_elided_place():
    # 三千五万元 = 3,500 万元 (main: 3,005 万元); 一万二千元 and 二十八亿元 as before
    assert rows_of("技术合同成交额三千五万元。", "value", "unit") == [(3500.0, "万元")]
    assert rows_of("技术合同成交额二十八亿元。", "value", "unit") == [(28.0, "亿元")]
