"""Round 34 (issue 13): seams earlier rounds left open in the report reader, and a trial of report
styles not in tests/data/reports (a park's 招商 report, a university's research summary, an
enterprise's annual report). Every expected figure is checked by hand against the sentence beside it."""

from __future__ import annotations

import pytest

import zhibiao as zb


def _rows(text: str, *columns: str) -> list[tuple]:
    facts = zb.extract(text)
    return [tuple(getattr(r, c) for c in columns) for r in facts.itertuples()]


def _findings(text: str, kind: str) -> list:
    found = zb.extract(text).attrs["findings"]
    return [f for f in found.itertuples() if f.kind == kind]


# ---- 翻一番: a doubling stated with no figure is a finding, never silently nothing ----------------


@pytest.mark.parametrize(
    ("text", "times", "quoted"),
    [
        ("2025年，研发经费投入比2020年翻一番。", "×2", "研发经费投入比2020年翻一番"),
        ("2025年，全市技术合同成交额比2020年翻两番。", "×4", "全市技术合同成交额比2020年翻两番"),
        ("2025年，高新技术企业数量比“十三五”末翻了一番。", "×2", "高新技术企业数量比“十三五”末翻了一番"),
        ("2025年，专利授权量实现翻倍。", "×2", "专利授权量实现翻倍"),
    ],
)
def test_a_doubling_without_a_figure_is_a_finding(text, times, quoted):
    # main gave no row and no finding: the doubling was silently lost
    assert len(zb.extract(text)) == 0
    (finding,) = _findings(text, "doubling")
    assert times in finding.message and finding.text == quoted
    assert text[finding.begin : finding.end] == quoted


def test_a_doubling_before_the_level_reached_keeps_the_level_as_the_one_row():
    # round 19's sentence: the level 2.4亿元 is the row; the doubling a finding beside it
    text = "2024年，全市技术合同成交额比上年翻一番，达到2.4亿元。"
    assert _rows(text, "variable", "value", "flag_change") == [("tech_contract_value", 2.4, False)]
    (finding,) = _findings(text, "doubling")
    assert finding.text == "全市技术合同成交额比上年翻一番"


def test_a_doubling_after_the_last_figure_of_the_text_is_found_too():
    text = "2025年，专利授权量326件。研发经费投入比2020年翻一番。"
    assert len(_findings(text, "doubling")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "2025年，翻译服务企业12家。",
        "2025年，翻新厂房3.2万平方米。",
        "全市推动翻番计划的实施，开展“翻番行动”。",  # review 34: the name of a plan
        "2025年，推翻倍数假设。",  # 推翻 then 倍数
    ],
)
def test_other_words_with_fan_are_no_doubling(text):
    assert _findings(text, "doubling") == []


# ---- 年均增长: an average over a span is marked apart from the year's change ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "2025年，近三年研发经费投入年均增长12%。",
        "2025年，研发经费投入18.6亿元，“十四五”期间年均增长12%。",
        "2025年，研发经费投入年平均增长12%。",
        "2025年，研发经费投入平均每年增长12%。",
    ],
)
def test_an_average_annual_growth_is_scoped_annual_average(text):
    (row,) = [r for r in zb.extract(text).itertuples() if r.text == "12%"]
    assert row.flag_change and row.variable == "rd_expenditure"
    assert row.scope == "annual_average"


def test_more_than_a_doubling_and_a_doubling_aimed_at_say_so():
    # review 34: 翻了一番多 was "×2", a target's doubling was told as done
    (more,) = _findings("全市高新技术企业由186家增加到412家，翻了一番多。", "doubling")
    assert "more than ×2" in more.message
    (aim,) = _findings("力争到2027年全市研发经费投入翻一番。", "doubling")
    assert "a target" in aim.message


def test_an_average_level_compared_with_is_no_annual_average():
    # review 34: 年均水平 is the base of the change, the change itself the year's
    (row,) = [r for r in zb.extract("2025年研发经费投入比“十三五”时期年均水平增长35%。").itertuples() if r.text == "35%"]
    assert row.scope != "annual_average"


def test_a_years_growth_is_no_annual_average():
    (row,) = zb.extract("2025年，研发经费投入增长12%。").itertuples()
    assert row.flag_change and row.scope != "annual_average"


# ---- a table by area: a row's name wrapped onto two lines ----------------------------------------

_HEADER = "2025年统计公报\n县（市、区） 专利授权量（件） 高新技术企业（家）\n青山县 326 45\n"


def test_a_rows_name_wrapped_before_its_cells_joins_the_next_line():
    # main: the name's first part ended the table, and the rows after it were read as prose
    text = _HEADER + "锡林郭勒盟东乌珠穆沁\n旗 120 30\n白石县 80 12\n合计 526 87\n"
    rows = _rows(text, "text", "variable", "entity")
    assert ("120", "patents_granted", "锡林郭勒盟东乌珠穆沁旗") in rows
    assert ("30", "hnte_total", "锡林郭勒盟东乌珠穆沁旗") in rows
    assert ("80", "patents_granted", "白石县") in rows
    assert ("526", "patents_granted", "") in rows
    assert _findings(text, "table_row") == []


def test_a_line_of_prose_after_a_table_still_ends_it():
    # a sentence ends the table; the row of its shape after it is not read as the table's, and says so (round 35:
    # it was lost without a finding). A note line (注：数据来源于统计局) lets the table go on: test_extract_round35b.
    text = _HEADER + "其中，青山县增长较快。\n白石县 80 12\n"
    rows = _rows(text, "text", "entity")
    assert ("80", "白石县") not in rows
    assert len(_findings(text, "table_row")) == 1


# ---- a table by area: administrative units of the report are areas --------------------------------


@pytest.mark.parametrize(
    ("label", "entity"),
    [("市本级", "市本级"), ("县本级", "县本级"), ("高新区管委会", "高新区"), ("经开区管理委员会", "经开区"), ("滨江工业园", "滨江工业园")],
)
def test_an_administrative_unit_row_is_an_area(label, entity):
    # main refused 市本级 and 高新区管委会 as rows that name no area (table_row)
    text = _HEADER + f"{label} 120 30\n合计 446 75\n"
    rows = _rows(text, "text", "variable", "entity")
    assert ("120", "patents_granted", entity) in rows
    assert _findings(text, "table_row") == []


def test_a_firm_row_is_still_no_area():
    text = _HEADER + "华芯公司 120 30\n"
    assert len(_findings(text, "table_row")) == 1


@pytest.mark.parametrize("label", ["阳光幼儿园", "红星家园", "北京百草园"])
def test_a_name_ending_in_a_bare_yuan_is_no_area(label):
    # review 34: "园" alone made a kindergarten or a housing estate an area; only a park's words are
    text = _HEADER + f"{label} 40 5\n"
    assert len(_findings(text, "table_row")) == 1
    assert (label,) not in _rows(text, "entity")


# ---- the lexicon: words of a park's, a university's and a firm's reports ---------------------------


@pytest.mark.parametrize(
    ("text", "figure", "variable"),
    [
        ("全年实现规模以上工业总产值128.6亿元。", "128.6亿元", "industrial_output"),
        ("规上工业总产值同比增长12.3%。", "12.3%", "industrial_output"),
        ("全年新增入园企业45家。", "45家", "park_firms_new"),
        ("园区累计入驻园区企业312家。", "312家", "park_firms"),
        ("全年到账科研经费1.2亿元。", "1.2亿元", "research_funds"),
        ("纵向科研经费8000万元，横向科研经费4000万元。", "8000万元", "research_funds_vertical"),
        ("纵向科研经费8000万元，横向科研经费4000万元。", "4000万元", "research_funds_horizontal"),
        ("全年发表论文356篇。", "356篇", "papers_published"),
        ("研发投入占营业收入的比例为6.8%。", "6.8%", "enterprise_rd_intensity"),
        ("研发投入2.36亿元，占营业收入的比例为6.8%。", "6.8%", "enterprise_rd_intensity"),
        ("实现营业收入12.5亿元。", "12.5亿元", "operating_revenue"),
        ("全市公民具备科学素质比例达到14.8%。", "14.8%", "science_literacy_rate"),
        ("新建科普教育基地8个，累计达到56个。", "8个", "science_education_bases_new"),
        ("新建科普教育基地8个，累计达到56个。", "56个", "science_education_bases"),
        ("全年招商签约项目48个，总投资326亿元。", "48个", "projects_signed"),
    ],
)
def test_lexicon_round34(text, figure, variable):
    # main: each had no variable
    rows = dict(_rows("2025年，" + text, "text", "variable"))
    assert rows[figure] == variable


def test_incubators_firms_stay_no_park_firms():
    # round 38: a bare 入驻企业 is tenant_firms (whoever's tenants), never park_firms
    assert _rows("2025年，全区孵化器内入驻企业120家。", "variable") == [("tenant_firms",)]


# ---- the bureau's own budget: 三公经费 borrows no phrase of an earlier clause ----------------------


def test_a_change_of_the_bureaus_own_budget_is_no_change_of_the_share_before():
    # main: the 10% was a change of fiscal_st_share
    text = "2025年，财政科技支出占一般公共预算支出的比重为3.5%，三公经费下降10%。"
    assert _rows(text, "text", "variable") == [("3.5%", "fiscal_st_share"), ("10%", "")]


def test_a_change_after_a_level_still_borrows_its_phrase():
    text = "2025年，财政科技支出占一般公共预算支出的比重为3.5%，比上年提高0.2个百分点。"
    assert _rows(text, "variable") == [("fiscal_st_share",), ("fiscal_st_share",)]


def test_an_enterprise_reports_rd_share_of_revenue_is_its_rd_intensity():
    # the firm's report: its 研发投入 is the report's own, the share of revenue is no rd_intensity (R&D/GDP)
    text = "江南精密机械股份有限公司2025年度报告\n报告期内，公司研发投入2.36亿元，占营业收入的比例为6.8%。"
    assert dict(_rows(text, "text", "variable"))["6.8%"] == "enterprise_rd_intensity"


@pytest.mark.parametrize("text", ["2025年，全区研发投入不到位资金200万元。", "2025年，上级下达资金中不到位资金120万元。"])
def test_funds_not_in_place_are_no_funds_in_place(text):
    # main: 200万元 was funds_in_place, the opposite; a negated figure has no variable (round 30's 尚未到位资金)
    assert _rows(text, "variable", "flag_no_variable") == [("", True)]


def test_funds_in_place_stay_funds_in_place():
    assert _rows("2025年，全区到位资金200万元。", "variable") == [("funds_in_place",)]
