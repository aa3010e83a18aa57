"""Round 28: the misreadings left from round 27 (a region's figure inside a report of a larger one,
the execution after a budget, rates under 其中, new ones compared with last year's, the spending
named inside the budget, 其中 after 较…新增, new projects with no stage) and the misreadings of
round 28's trial texts — each rule with the cases it must fire on and those it must not."""

from __future__ import annotations


import pytest

import zhibiao as zb
from report_facts import rows_of


_rows = rows_of  # the shared helper (report_facts.py)


# ---- a named region heading the phrase: that region's figure, not the report's ----------------

PROVINCE_HEAD = "某省科学技术厅2025年工作总结\n\n2025年，全省科技创新各项工作取得新成效。\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "从高新技术企业培育看，南江市新认定高新技术企业318家。",
        "南江市新认定高新技术企业318家，同比增长12%。",
        "东州市：技术合同成交额612.4亿元。",
        "西岭县累计认定高新技术企业318家。",
        "（二）北江市专利授权量318件。",
        "各地成效明显，青州市全年新认定高新技术企业318家。",
    ],
)
def test_a_figure_headed_by_a_named_region_is_not_the_reports(sentence):
    # was hnte_recognised (…) of the province: a city's or a county's figure read as the whole's
    rows = _rows(PROVINCE_HEAD + sentence, "variable", "flag_no_variable")
    assert all(variable == "" and unbound for variable, unbound in rows)


COUNTY_HEAD = "关于2025年度全县乡镇（街道）科技创新工作考核结果的通报\n\n青川县科学技术局\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "城关镇新认定高新技术企业8家，新增入库科技型中小企业41家；",  # the sentence's next phrase too
        "白石镇技术合同成交额0.86亿元，同比增长32.1%；",
        "龙泉街道规上工业企业研发费用投入1.42亿元，专利授权量56件。",
        "马鞍乡：新认定高新技术企业8家，专利授权量56件。",
    ],
)
def test_a_towns_figures_in_a_countys_report_are_the_towns(sentence):
    # round 28's trial (county_town_st_assessment_notice_2025.txt): they were the county's
    rows = _rows(COUNTY_HEAD + "二、各乡镇考核情况\n" + sentence, "variable")
    assert rows and all(variable == "" for (variable,) in rows)


@pytest.mark.parametrize(
    ("text", "variable"),
    [
        # a ； or a sentence's end closes the region's stretch
        (COUNTY_HEAD + "白石镇技术合同成交额0.86亿元；全县专利授权量1,204件。", "patents_granted"),
        (COUNTY_HEAD + "白石镇技术合同成交额0.86亿元。全县专利授权量1,204件。", "patents_granted"),
        # a level before a noun, a verb before a level: no names
        ("按照县科〔2025〕5号文件要求，力争全年技术合同成交额达到3000万元。", "tech_contract_value"),
        ("建议市政府加快资金拨付进度，力争2026年预算执行率达到95%以上。", "budget_execution_rate"),
        ("2025年，城乡居民科学素质比例达到12.5%，全县新认定高新技术企业8家。", "hnte_recognised"),
    ],
)
def test_a_region_named_elsewhere_in_the_sentence_heads_nothing(text, variable):
    assert _rows(text, "variable")[-1] == (variable,)


@pytest.mark.parametrize(
    ("text", "variable"),
    [
        ("2025年，全市新认定高新技术企业318家。", "hnte_recognised"),  # the report's own: 全市
        ("2025年，我县新认定高新技术企业318家。", "hnte_recognised"),
        ("2025年，本区新认定高新技术企业318家。", "hnte_recognised"),
        ("2025年，高新区新认定高新技术企业318家。", "hnte_recognised"),  # a zone: a zone report's subject
        ("2025年，开发区新认定高新技术企业318家。", "hnte_recognised"),
        ("南江市科学技术局2025年工作总结\n南江市新认定高新技术企业318家。", "hnte_recognised"),  # its head
        ("2025年。今年市本级财政科技支出6.8亿元。", "fiscal_st_expenditure"),  # 市本级 is the report's
        ("2025年。新建省重点实验室12家。", "key_laboratories_new"),  # a verb and a level, no name
        ("2025年。新建市重点实验室12家。", "key_laboratories_new"),
        ("2026年工作打算。力争全市新认定高新技术企业300家。", "hnte_recognised"),
        ("2025年，与南江市开展合作，全市新认定高新技术企业318家。", "hnte_recognised"),  # named in passing
    ],
)
def test_the_reports_own_region_a_zone_or_a_level_heads_nothing(text, variable):
    assert _rows(text, "variable")[-1] == (variable,)


# ---- the execution after a budget: the quantity spent --------------------------------------------


@pytest.mark.parametrize(
    "clauses",
    [
        "年初预算数为38,600万元，调整预算数为41,250万元，执行数为36,480万元",
        "年初预算38,600万元，执行金额36,480万元",
        "预算数38,600万元，实际支出36,480万元",
        "年初预算数38,600万元，决算数36,480万元",
    ],
)
def test_the_execution_after_a_budget_is_the_spending(clauses):
    # was no variable: the budget unbinds the phrase (round 27) and the execution had none either
    rows = _rows(f"2025年，市本级财政科技支出{clauses}。", "text", "variable")
    assert rows[0][1] == "" and rows[-1] == ("36,480万元", "fiscal_st_expenditure")


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # an item's under 其中 (a ； goes on with the list): a part whose variable nothing names
        (
            "2025年，财政科技支出年初预算数为38,600万元，执行数为36,480万元。其中，科技创新券预算数2,000万元，" "执行数1,320万元；研发奖补资金预算数3,500万元，执行数3,500万元。",
            ["1,320万元", "3,500万元"],
        ),
        # another sentence: the budget's phrase is not the execution's
        ("2025年，财政科技支出年初预算数为38,600万元。执行数为36,480万元。", ["36,480万元"]),
        # no budget before it
        ("2025年，全市共组织项目验收45项，执行数为36,480万元。", ["36,480万元"]),
    ],
)
def test_an_execution_without_the_phrases_budget_in_its_sentence_has_no_variable(text, figures):
    rows = _rows(text, "text", "variable")
    assert {t: v for t, v in rows if t in figures} == {f: "" for f in figures}


# ---- a rate is no part that adds up --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2025年，预算执行率为88.4%。其中，研发奖补资金执行率100%。",
        "2025年，规上工业企业研发机构覆盖率为45.2%，其中高新技术企业覆盖率92%。",
        "2025年，科技项目立项率为34.3%，其中重点项目立项率61.5%。",
    ],
)
def test_a_rate_under_its_totals_rate_is_no_part_larger_than_its_total(text):
    # was inconsistent_parts and suspect: 100% compared with 88.4% as a part with its total
    facts = zb.extract(text)
    assert not facts["flag_suspect"].any() and len(facts.attrs["findings"]) == 0


@pytest.mark.parametrize(
    "text",
    [
        # shares add up: a part's share larger than its total's is inconsistent
        "2025年，高新技术产业增加值占比为40.2%，其中电子信息产业占比52.1%。",
        # amounts as before
        "2025年，专利授权量241件，其中发明专利授权量519件。",
    ],
)
def test_a_share_or_an_amount_larger_than_its_total_is_still_suspect(text):
    facts = zb.extract(text)
    assert list(facts.attrs["findings"]["kind"]) == ["inconsistent_parts"]


# ---- 比上年多新增 after the new ones: the change of the flow --------------------------------------


@pytest.mark.parametrize("comparison", ["比上年多新增5家", "较上年多新增5家", "比2024年多新增5家", "比上年多增5家"])
@pytest.mark.parametrize("flow", ["新认定高新技术企业20家", "新增高新技术企业20家", "认定高新技术企业20家"])
def test_more_new_ones_than_last_year_after_the_flow_change_the_flow(flow, comparison):
    # was no variable: the clause names nothing and has no 同比/增长
    rows = _rows(f"2025年，全县{flow}，{comparison}。", "variable", "flag_change", "value")
    assert rows == [("hnte_recognised", False, 20.0), ("hnte_recognised", True, 5.0)]


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("2025年，全县高新技术企业达到86家，比上年多新增5家。", ("hnte_recognised", True)),  # after the stock
        ("2025年，全县高新技术企业达到86家，比上年多增5家。", ("hnte_total", True)),  # 5 more of the stock
        ("2025年，全县新认定高新技术企业20家。比上年多新增5家。", ("", False)),  # another sentence
        ("2025年，全县新认定高新技术企业20家，评比新增5家。", ("", False)),  # 评比 compares nothing
    ],
)
def test_more_new_ones_elsewhere_reads_as_before(text, last):
    assert _rows(text, "variable", "flag_change")[-1] == last


# ---- the spending inside the budget -------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    ["一般公共预算安排科技支出", "财政安排科技支出", "一般公共预算支出中科技支出", "一般公共预算支出中的科技支出", "一般公共预算科技支出"],
)
def test_the_st_spending_named_inside_the_budget(phrase):
    # was no variable (安排科技支出) or the whole budget (一般公共预算支出中科技支出 read general_budget_expenditure)
    assert _rows(f"2025年，全市{phrase}3.2亿元。", "variable") == [("fiscal_st_expenditure",)]


@pytest.mark.parametrize(
    ("text", "variable"),
    [
        ("2025年，全市一般公共预算支出320亿元。", "general_budget_expenditure"),
        ("2025年，全市安排科技专项资金3.2亿元。", ""),
        ("2025年，全市企业科技支出3.2亿元。", ""),
    ],
)
def test_other_budget_lines_are_not_the_st_spending(text, variable):
    assert _rows(text, "variable") == [(variable,)]


# ---- 其中 after 较…新增: a part of the change ---------------------------------------------------


@pytest.mark.parametrize("comparison", ["较上年新增6家", "比上年新增6家", "同比新增6家", "比去年多增6家"])
def test_a_part_after_new_ones_compared_is_a_part_of_the_change(comparison):
    # was makerspaces, part, no change: 2 national makerspaces in stock, though they are among the 6 more
    text = f"2025年，全市众创空间达到45家，{comparison}，其中国家级2家、省级3家。"
    rows = _rows(text, "text", "variable", "flag_change", "flag_part")
    assert rows[-2:] == [("2家", "makerspaces", True, True), ("3家", "makerspaces", True, True)]


@pytest.mark.parametrize(
    "text",
    [
        "2025年，全市众创空间达到45家，其中国家级2家。",  # after the stock: the stock's part
        "2025年，全市众创空间达到45家，较上年新增6家。全市孵化器20家，其中国家级2家。",  # a total since
        "2025年，全市众创空间达到45家，同比增长15%，其中国家级2家。",  # after a rate of change
        "2025年，全县众创空间总数达到9个，比去年新增2个，其中，国家级众创空间3个。",  # more than the 2: the stock's
    ],
)
def test_a_part_after_a_stock_stays_a_part_of_the_stock(text):
    assert _rows(text, "flag_change", "flag_part")[-1] == (False, True)


# ---- new projects: 立项/获批 decide, 新增 alone is no application ----------------------------------


@pytest.mark.parametrize("text", ["2025年，新增12个省级科技计划项目。", "2025年，全县新增省级科技计划项目12项。"])
def test_new_projects_with_no_stage_have_no_variable(text):
    # was projects_applied: the first entry of 科技计划项目 though nothing says they were applied for
    assert _rows(text, "variable") == [("",)]


@pytest.mark.parametrize(
    ("text", "variable"),
    [
        ("2025年，全县获批立项新增12个省级科技计划项目。", "projects_approved"),
        ("2025年，全县新增立项省级科技计划项目12项。", "projects_approved"),
        ("2025年，全县申报新增省级科技计划项目12项。", "projects_applied"),
        ("2025年，全县组织申报科技计划项目12项。", "projects_applied"),
        ("2025年，全县科技计划项目12项。", "projects_applied"),  # no 新增: as before
        ("2025年，全市新增高新技术企业12家。", "hnte_recognised"),  # no stages to tell apart
    ],
)
def test_a_stage_stated_still_decides(text, variable):
    assert _rows(text, "variable") == [(variable,)]


# ---- a bound after a change: the level passed it --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "variable"),
    [
        ("2025年，研发经费投入强度达到3.02%，比上年提高0.18个百分点，首次突破3%。", "rd_intensity"),
        ("2025年，全市高新技术企业达到1,062家，净增137家，突破1000家。", "hnte_total"),
        ("2025年，技术合同成交额98.7亿元，同比增长15.2%，超过90亿元。", "tech_contract_value"),
    ],
)
def test_a_bound_after_a_change_is_the_levels(text, variable):
    # round 28's trial (city_st_news_report_2026_02.txt): no variable
    assert _rows(text, "variable")[-1] == (variable,)


@pytest.mark.parametrize(
    ("text", "not_read_as"),
    [
        # points: how far above the province's average, no level of the intensity
        ("2025年，研发经费投入强度达到3.02%，比上年提高0.18个百分点，超过全省平均水平0.5个百分点。", "rd_intensity"),
        # a bound of the change (增幅超过10%), in % of an amount in 亿元
        ("2025年，技术合同成交额98.7亿元，同比增长15.2%，增幅超过10%。", "tech_contract_value"),
        # another sentence
        ("2025年，技术合同成交额98.7亿元，同比增长15.2%。全省超过90亿元。", "tech_contract_value"),
    ],
)
def test_a_bound_of_something_else_after_a_change_is_not_the_levels(text, not_read_as):
    assert _rows(text, "variable", "flag_change")[-1] != (not_read_as, False)


# ---- review 28d: the rules narrowed to what they can tell -----------------------------------------


@pytest.mark.parametrize(
    ("text", "figure", "variable"),
    [
        # the whole takes over the sentence: 全县/全省/全市 end the region's stretch
        ("某县科技局2025年工作总结\n\n2025年，全县科技工作取得新成效。城关镇新认定高新技术企业8家，全县共新认定高新技术企业36家。", 36, "hnte_recognised"),
        ("某县科技局2025年工作总结\n\n2025年，全县科技工作取得新成效。城关镇新认定高新技术企业8家，占全县的22%，全县新认定高新技术企业36家。", 36, "hnte_recognised"),
        ("某省科技厅2025年工作总结\n\n2025年，全省科技工作取得新成效。南江市研发投入强度达3.5%，全省技术合同成交额达到1530亿元。", 1530, "tech_contract_value"),
        ("某省科技厅2025年工作总结\n\n2025年，全省科技工作取得新成效。郑州市技术合同成交额612亿元，全省专利授权量1204件。", 1204, "patents_granted"),
        ("某市科技局2025年工作总结\n\n2025年，全市科技工作取得新成效。南江区新认定高新技术企业30家，全市新认定高新技术企业300家。", 300, "hnte_recognised"),
        # the report's own subject stated in its first sentences, its issuer speaking as the city
        ("本报讯（记者 王芳）记者从市科技局获悉，2025年，南江市技术合同成交额达到126亿元。", 126, "tech_contract_value"),
        ("南江日报讯 2025年，南江市技术合同成交额达到126亿元，同比增长15%。", 126, "tech_contract_value"),  # its stem
        ("2025年科技工作总结\n\n2025年，在市委、市政府的坚强领导下，我局各项工作取得新成效。南江市新认定高新技术企业318家。", 318, "hnte_recognised"),
        # a zone's abbreviation in its own report
        ("南江经济技术开发区2025年科技创新工作总结\n\n2025年，全区科技工作取得新成效。经开区新认定高新技术企业45家。", 45, "hnte_recognised"),
    ],
)
def test_the_whole_or_the_reports_own_subject_after_a_region_is_the_reports(text, figure, variable):
    # review 28d: no variable (rd28's region rule took the whole's figure or the report's own name)
    assert (figure, variable) in [(value, var) for value, var in _rows(text, "value", "variable")]


@pytest.mark.parametrize(
    "text",
    [
        # the region keeps its stretch when nothing of the whole opens a clause
        "某县科技局2025年工作总结\n\n2025年，全县科技工作取得新成效。城关镇新认定高新技术企业8家，新增入库科技型中小企业41家。",
        # the issuer named (某市科技局): another city of the same level is another
        "某市科技局2025年工作总结\n\n2025年，全市科技工作取得新成效。北江市新认定高新技术企业318家。",
        # another level than the issuer's (全省 … 南江市)
        "某省科技厅2025年工作总结\n\n2025年，全省科技工作取得新成效。南江市新认定高新技术企业318家。",
        # a district in a city's report, its stem in the head as the city's
        "某市科技局2025年工作总结\n\n2025年，全市科技工作取得新成效。南江区新认定高新技术企业120家。",
        "南江市科技局2025年工作总结\n\n2025年，全市科技工作取得新成效。南江区新认定高新技术企业120家。",
    ],
)
def test_a_regions_figure_stays_the_regions(text):
    assert _rows(text, "variable")[-1] == ("",)


@pytest.mark.parametrize("zone", ["自贸区", "核心区", "经开区"])
def test_a_zone_is_no_region(zone):
    text = f"某市科技局2025年工作总结\n\n2025年，全市科技工作取得新成效。{zone}新认定高新技术企业120家。"
    assert _rows(text, "variable") == [("hnte_recognised",)]


@pytest.mark.parametrize(
    "text",
    [
        "2026年，市本级预算安排科技支出3.5亿元。",  # a budget draft: no level
        "2026年预算科技支出4亿元，比上年预算增长10%。",
        "全市争取上级安排科技支出专项资金2000万元。",  # money secured from above
    ],
)
def test_a_budgeted_or_secured_st_spending_is_no_spending(text):
    # review 28d: fiscal_st_expenditure (rd28's bare 安排科技支出 / 预算科技支出); no variable before rd28
    assert "fiscal_st_expenditure" not in [variable for (variable,) in _rows(text, "variable")]


def test_a_budget_line_under_qizhong_is_no_second_level():
    rows = _rows("2025年，财政科技支出12.6亿元，其中预算安排科技支出10亿元。", "value", "variable", "flag_part")
    assert [row for row in rows if row[1] == "fiscal_st_expenditure" and not row[2]] == [
        (12.6, "fiscal_st_expenditure", False)
    ]


def test_an_item_of_the_execution_is_no_total():
    # review 28d: fiscal_st_expenditure 12000 (实际支出 opened the clause, 中 not looked at)
    rows = _rows("财政科技支出年初预算数为38,600万元，实际支出中人员经费12,000万元。", "value", "variable")
    assert (12000, "fiscal_st_expenditure") not in rows


@pytest.mark.parametrize(
    ("text", "threshold", "variable"),
    [
        ("2025年，技术合同成交额612亿元，增长15%，超过100亿元的合同3项。", 100, "tech_contract_value"),
        ("2025年，技术合同成交额612亿元，增长15%，其中超过1亿元的合同32项。", 1, "tech_contract_value"),
        ("2025年，高新技术企业达到1200家，净增218家，其中超过100家集中在高新区。", 100, "hnte_total"),
        ("2025年，高新技术企业达到1200家，净增218家，数量超过1000家的县区有2个。", 1000, "hnte_total"),
        ("2025年，技术合同成交额612亿元，增长15%，超过1亿元合同32项。", 1, "tech_contract_value"),
    ],
)
def test_a_threshold_of_other_things_after_a_change_is_no_level(text, threshold, variable):
    # review 28d: rd28's bound rule read the threshold as the level
    assert (threshold, variable, False) not in _rows(text, "value", "variable", "flag_change")


@pytest.mark.parametrize(
    "text",
    ["2025年，技术合同成交额612亿元，增速比上年多增3.2个百分点。", "2025年，技术合同成交额612亿元，比上年多增长3.2%。"],
)
def test_a_rate_growing_faster_is_no_more_new_ones(text):
    # review 28d: scope "new" from 多增 inside 多增长 / 多增N个百分点
    assert "new" not in [scope for (scope,) in _rows(text, "scope")]


# ---- rdz28: the report's head is read from the text, whatever chunk the figure falls in -------

# ~76 bytes a line, no figure: 400 lines put the figure near the end of the first 32 KB chunk
# (extract_options::chunk_bytes), 460 just past it, 1200 far into the third.
FILLER_LINE = "今年以来，全市科技工作稳步推进，各项任务有序开展。\n"


@pytest.mark.parametrize("filler_lines", [0, 400, 460, 1200])
@pytest.mark.parametrize(
    ("head", "figure_line", "variable"),
    [
        # the issuer named (南江市科技局) before 北江市 in the first sentences: another city's
        ("南江市科技局2025年工作总结\n全市科技工作取得新进展。与北江市开展合作。\n", "北江市新认定高新技术企业318家。\n", ""),
        # the head names the stem as a word of its own (南江日报): the report's own city
        ("南江日报讯 全市科技工作取得新进展。\n", "南江市新认定高新技术企业318家。\n", "hnte_recognised"),
        # an issuer speaking as the city, 南江市 in its first sentences: the report's own
        (
            "2025年科技工作总结\n\n2025年，在市委、市政府的坚强领导下，我局各项工作取得新成效。南江市科技创新能力持续提升。\n",
            "南江市新认定高新技术企业318家。\n",
            "hnte_recognised",
        ),
    ],
)
def test_the_heads_reading_of_a_region_does_not_depend_on_where_the_figure_is(
    head, figure_line, variable, filler_lines
):
    # review 28z: the head's byte offsets were mapped into the current chunk's characters; at 460
    # filler lines 北江市's 318 was read as the report's hnte_recognised and 南江日报's 南江市 as a region
    text = head + FILLER_LINE * filler_lines + figure_line
    assert _rows(text, "value", "variable")[-1] == (318, variable)


# ---- rdz28: a list item or a paragraph ends a named region's stretch ----------------------------


@pytest.mark.parametrize(
    "items",
    [
        "1.南江市新认定高新技术企业318家\n\n2.全省技术合同成交额612.4亿元。",  # a blank line and a marker
        "1.南江市新认定高新技术企业318家\n2.全省技术合同成交额612.4亿元。",  # the next item's marker
        "（一）南江市新认定高新技术企业318家\r\n（二）全省技术合同成交额612.4亿元。",
        "南江市新认定高新技术企业318家\n\n全省技术合同成交额612.4亿元。",  # a blank line alone
        "南江市新认定高新技术企业318家\n   \n技术合同成交额612.4亿元。",
    ],
)
def test_a_regions_stretch_ends_with_its_list_item_or_paragraph(items):
    # review 28z: the province's 612.4 had no variable (the stretch ran on to the next 。)
    rows = _rows(PROVINCE_HEAD + items, "value", "variable")
    assert rows == [(318, ""), (612.4, "tech_contract_value")]


@pytest.mark.parametrize(
    "items",
    [
        # a PDF's wrap inside the sentence: the region's still
        "南江市新认定高新技术企业318家，技术合同成交额\n612.4亿元。",
        "南江市新认定高新技术企业318家，技术合\n同成交额612.4亿元。",
        "1.南江市新认定高新技术企业318家，技术合同成交额\n612.4亿元。\n2.全省专利授权量1204件。",
    ],
)
def test_a_wrapped_line_keeps_the_regions_stretch(items):
    rows = _rows(PROVINCE_HEAD + items, "value", "variable")
    assert rows[:2] == [(318, ""), (612.4, "")]
