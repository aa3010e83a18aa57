"""Round 13 trial of the report reader (3 December 2026): what six reports written for the project
(tests/data/reports, round 13) found wrong, each fix checked on sentences of other phrasings than
the reports'. Every expected figure is checked by hand against the sentence beside it."""

from __future__ import annotations

import pytest

import zhibiao as zb


def _rows(text: str, *columns: str) -> list[tuple]:
    facts = zb.extract(text)
    return [tuple(getattr(r, c) for c in columns) for r in facts.itertuples()]


# ---- 重点工作 heads what was done as often as what is planned ----------------------------------


@pytest.mark.parametrize("heading", ["二、重点工作进展", "二、重点工作", "（二）重点工作开展情况", "三、工作计划执行情况"])
def test_a_heading_of_key_work_done_is_no_heading_of_plans(heading):
    # every figure under "二、重点工作进展" was flagged target (a plan word with ≤4 characters after it)
    text = f"某市2026年上半年科技工作总结\n一、主要指标\n专利授权量286件。\n{heading}\n获批立项41项，新增研发平台14个。"
    assert _rows(text, "text", "period", "flag_target") == [
        ("286件", "2026H1", False),
        ("41项", "2026H1", False),
        ("14个", "2026H1", False),
    ]


@pytest.mark.parametrize("heading", ["三、2027年重点工作", "三、下半年工作重点", "（三）下一步重点工作", "三、下半年工作打算"])
def test_a_heading_of_key_work_ahead_is_still_one_of_plans(heading):
    text = f"某市2026年上半年科技工作总结\n一、主要指标\n专利授权量286件。\n{heading}\n新增高新技术企业20家。"
    rows = _rows(text, "text", "flag_target")
    assert rows == [("286件", False), ("20家", True)]


# ---- a paragraph about an earlier year than the report's ---------------------------------------


def test_an_earlier_year_in_a_paragraph_holds_for_that_paragraph_only():
    # R&D figures come a year late: "2024年全市R&D经费投入…" in a 2025 summary. Every figure after it
    # was 2024 to the end of the report (the next items report 2025).
    text = "某市科技局2025年工作总结\n" "1.研发投入。2024年全社会研发经费投入28.6亿元，增长11.2%。\n" "2.企业培育。新认定高新技术企业136家，技术合同成交额72.4亿元。\n"
    assert _rows(text, "text", "period") == [
        ("28.6亿元", "2024"),
        ("11.2%", "2024"),
        ("136家", "2025"),
        ("72.4亿元", "2025"),
    ]


def test_an_earlier_year_of_a_half_year_report_ends_with_its_paragraph():
    text = "某县2026年上半年科技工作总结\n据统计，2025年全县研发经费投入1.2亿元。\n上半年专利授权量30件，获批立项8项。"
    assert _rows(text, "text", "period") == [("1.2亿元", "2025"), ("30件", "2026H1"), ("8项", "2026H1")]


def test_an_earlier_year_in_a_heading_still_governs_what_follows():
    # a heading has no clause mark: "一、2025年工作回顾" in a 2026 report is the period of its section
    text = "某市2026年政府工作报告\n一、2025年工作回顾\n新认定高新技术企业218家。\n专利授权量3120件。"
    assert _rows(text, "text", "period") == [("218家", "2025"), ("3120件", "2025")]


# ---- platforms counted in 家, not the firms in them --------------------------------------------


def test_incubators_makerspaces_and_workstations_are_counted_in_jia_too():
    text = "2025年，新增省级院士工作站3家、市级众创空间6家，全市孵化器达到312家，其中国家级孵化器58家。"
    assert _rows(text, "text", "variable") == [
        ("3家", "academician_workstations_new"),  # 新增: the number added (round 22), not the stock
        ("6家", "makerspaces_new"),
        ("312家", "incubators"),
        ("58家", "incubators"),
    ]


@pytest.mark.parametrize(
    ("text", "variable"),
    [("2025年，全区孵化器内入驻企业120家。", "tenant_firms"), ("2025年，新认定省级工程技术研究中心依托单位8家。", "")],
)
def test_firms_named_between_a_platform_and_its_count_in_jia_are_no_platforms(text, variable):
    # 120家 was read as 120 incubators, 8家 as 8 engineering centres; round 38: 入驻企业 names tenant_firms
    assert _rows(text, "variable", "flag_no_variable") == [(variable, not variable)]


# ---- the lexicon: words of the round 13 reports ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "variable", "value"),
    [
        ("全县规上工业企业研发机构覆盖率达到42.6%。", "rd_institution_coverage_industrial", 42.6),
        ("规模以上工业企业研发机构覆盖率为38%。", "rd_institution_coverage_industrial", 38.0),
        ("市本级财政科技支出4.3亿元。", "fiscal_st_expenditure", 4.3),
        ("全年财政科学技术支出12.6亿元。", "fiscal_st_expenditure", 12.6),
        ("新增国家级专精特新“小巨人”企业12家。", "specialised_smes_new", 12.0),
        ("培育“小巨人”企业5家。", "specialised_smes", 5.0),
    ],
)
def test_round13_lexicon_entries(text, variable, value):
    assert _rows(text, "variable", "value") == [(variable, value)]


def test_the_intensity_after_rd_expenditure_is_rd_intensity():
    # "投入强度" after the expenditure names its intensity (it was unit_mismatch of 研发经费投入)
    rows = _rows("全社会研发经费投入增长15.3%，投入强度提高到2.45%。", "text", "variable", "flag_no_variable")
    assert rows == [("15.3%", "rd_expenditure", False), ("2.45%", "rd_intensity", False)]
    rows = _rows("研发经费投入25.1亿元，投入强度2.3%。", "text", "variable")
    assert rows == [("25.1亿元", "rd_expenditure"), ("2.3%", "rd_intensity")]
    # after another figure, 投入强度 names nothing
    assert _rows("技术合同成交额8亿元，投入强度2.3%。", "variable")[1] == ("",)


# ---- a change is no part of a total -------------------------------------------------------------


def test_a_change_after_a_part_is_not_compared_with_the_totals_change():
    # 12.1% was flagged suspect: "a part (其中 12.1%) larger than its total (8.2%)"
    text = "全市专利授权量2135件，同比下降8.2%，其中发明专利授权量356件，同比增长12.1%。"
    facts = zb.extract(text)
    assert not facts.flag_suspect.any()
    assert facts.attrs["findings"].empty
    # a part larger than its total is still suspect
    facts = zb.extract("全市专利授权量213件，同比下降8.2%，其中发明专利授权量356件，同比增长12.1%。")
    assert facts.loc[facts.flag_suspect, "text"].tolist() == ["356件"]


# ---- an empty slot where a PDF's line wrapped ----------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_measure_word_opening_a_line_after_a_count_verb_is_an_empty_slot(newline):
    text = f"开展技术培训18场次，引进新品种、新技术{newline}项，带动农户增收。"
    rows = _rows(text, "text", "damage", "flag_damaged")
    assert rows[-1] == ("项", "empty_slot", True)


@pytest.mark.parametrize("text", ["一、科技项目\n项目申报工作有序推进。", "全年共举办\n名优产品展会3场。", "二、引进人才\n名单已公示。"])
def test_a_word_opening_a_line_is_no_empty_slot(text):
    assert (_rows(text, "damage") or [("",)])[0] != ("empty_slot",)


def test_a_line_break_inside_r_and_d_is_read_as_if_it_were_not_there():
    # an unwrapped report broken inside a phrase with Latin letters: the phrase was lost
    text = "某市2025年科技工作总结\n一、主要指标\n全市R&\nD经费投入28.6亿元，增长11.2%。\n专利授权量300件。"
    assert _rows(text, "text", "variable")[:2] == [("28.6亿元", "rd_expenditure"), ("11.2%", "rd_expenditure")]


def test_a_year_of_a_paragraph_broken_inside_a_sentence_holds_to_its_end():
    # a line broken inside a sentence (R&⏎D) is no end of the paragraph; a line without a clause mark
    # after the year still is prose when the line has one before it
    text = "某市2025年科技工作总结\n1.投入。2024年全市研发\n经费投入28.6亿元，增长11.2%。\n2.企业。新认定高新技术企业136家。"
    assert _rows(text, "text", "period") == [("28.6亿元", "2024"), ("11.2%", "2024"), ("136家", "2025")]


@pytest.mark.parametrize("title", ["东湖区科学技术局2025年度科技工作总结及2026年工作思路", "某市2025年工作总结和2026年工作计划"])
def test_an_estimate_in_a_summary_titled_with_next_years_plan_is_an_estimate(title):
    # the title's last period (2026, the plan's) was taken as the report's: 预计 of 2025 was a target
    text = f"{title}\n一、2025年工作完成情况\n全区研发经费支出预计达到9.8亿元。"
    assert _rows(text, "text", "period", "flag_estimate", "flag_target") == [("9.8亿元", "2025", True, False)]


@pytest.mark.parametrize(
    "text",
    ["全区共有436家企业通过科技型中小企业评价入库，较上年增加58家。", "22家企业申报高新技术企业，同比增加5家。"],
)
def test_a_change_after_a_figure_named_by_a_phrase_after_it_is_that_figures(text):
    # the phrase after the first figure (which names it) counted as a phrase between: no variable
    rows = _rows(text, "variable", "flag_change")
    assert rows[1] == (rows[0][0], True) and rows[0][0] != ""


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("全区共登记技术合同4\n16份，成交额11.36亿元。", "4\n16份"),
        ("开展技术培训1\n26场次。", "1\n26场次"),
        ("全区共登记技术合同4 16份。", "4 16份"),
        ("选派科技特派员2\n6名。", "2\n6名"),
    ],
)
def test_a_figure_split_before_a_measure_word_is_damaged_not_two_numbers(text, figure):
    # "4" was a confident 4 contracts (and 16份 a second figure): the split was only seen before 项,
    # 件, 万元… — not before the measure words the unit algebra does not know (份, 场次, 名…)
    facts = zb.extract(text)
    assert facts.text.iloc[0] == figure
    assert facts.damage.iloc[0] == "split_digits" and facts.value.isna().iloc[0]
