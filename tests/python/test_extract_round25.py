"""Round 25: known misreadings of the report reader, each with the sentence that showed it."""

from __future__ import annotations

import pytest

import zhibiao as zb

TITLE = "某市2025年科技工作总结\n"


# ---- A count of years written with 余/多, with 的, or closed by 间 opens a `since` span ----


@pytest.mark.parametrize(
    "sentence",
    [
        "十余年来，全市技术合同成交额累计318.5亿元。",  # was 2025's level: 余 was no count character
        "过去的五年，全市技术合同成交额累计318.5亿元。",  # 的 between 过去 and the count
        "五年间，全市技术合同成交额累计318.5亿元。",  # 间 closes the span as 来 does
        "近十余年，全市技术合同成交额累计318.5亿元。",
    ],
)
def test_more_ways_of_writing_a_count_of_years_are_a_span(sentence):
    facts = zb.extract(TITLE + sentence + "2025年，全市技术合同成交额82.1亿元。")
    assert facts["flag_since"].tolist() == [True, False]


def test_a_figure_in_chinese_numerals_keeps_the_count_of_years_to_its_clause():
    # 五年累计新增一千二百家 has its own figure: the span ends with its clause, as for 1200家
    # (before, only ASCII digits counted, so 1500家 in the next clause was flagged too).
    facts = zb.extract(TITLE + "全市五年累计新增一千二百家高新技术企业，科技型中小企业1500家。")
    assert facts["flag_since"].tolist() == [True, False]


def test_a_word_with_a_numeral_is_no_figure_that_ends_the_span():
    # 一批 is no figure: the clause is the time alone and the span reaches the sentence's end
    facts = zb.extract(TITLE + "五年来，全市培育一批创新平台，技术合同成交额累计318.5亿元。")
    assert facts["flag_since"].tolist() == [True]


# ---- The words around a figure before its noun say its scope (the verb after the noun too) ----


@pytest.mark.parametrize(
    "sentence, variable",
    [
        ("今年共有12个众创空间获批备案。", "makerspaces_new"),  # was makerspaces: 共有 read as the stock
        ("全市新增12个众创空间。", "makerspaces_new"),  # was makerspaces: 新增 before the figure unseen
        ("全市3个孵化器通过认定。", "incubators_new"),
        ("全市共有30个众创空间。", "makerspaces"),  # no verb after: how many there are
        ("全区共有436家企业通过科技型中小企业评价入库。", "tech_sme_registered"),  # 入库: the year's
    ],
)
def test_a_count_before_its_noun_takes_the_scope_of_the_words_around_it(sentence, variable):
    assert zb.extract(TITLE + sentence)["variable"].tolist() == [variable]


def test_a_person_time_is_no_head_count_of_commissioners():
    # 人次 counts services (the same commissioner selected in several years counts again), 名/人
    # count people: 536人次 stays without a variable (no_variable), 128名 is science_commissioners.
    facts = zb.extract(TITLE + "全年选派科技特派员128名，累计选派科技特派员536人次。")
    assert facts["variable"].tolist() == ["science_commissioners", ""]
    assert facts["flag_no_variable"].tolist() == [False, True]


# ---- Bounds in a magnitude alone, parts after a share, a phrase split by a modifier ----


@pytest.mark.parametrize(
    "words, value, unit, qualifier",
    [
        ("技术合同成交额近亿元", 1.0, "亿元", "upper_bound"),  # was 1e8 元: the unit as written
        ("高新技术产业产值突破千亿元", 1000.0, "亿元", "lower_bound"),  # was no figure: 突破 no bound word
        ("技术合同成交额超过亿元", 1.0, "亿元", "lower_bound"),
        ("技术合同成交额超亿元", 1.0, "亿元", "lower_bound"),
        ("引进人才逾万人", 1.0, "万人", "lower_bound"),
        ("争取资金近千万元", 1000.0, "万元", "upper_bound"),  # 千 is the numeral, 万元 the unit
        ("新增高新技术企业近百家", 100.0, "家", "upper_bound"),
    ],
)
def test_a_bound_of_a_magnitude_alone_keeps_its_unit_as_written(words, value, unit, qualifier):
    facts = zb.extract(TITLE + "全市" + words + "。")
    assert facts[["value", "unit", "qualifier"]].values.tolist() == [[value, unit, qualifier]]


def test_a_part_after_a_share_of_its_total_is_the_totals():
    # 其中市本级4.85亿元 took the share (3.2%) as its total and had no variable
    facts = zb.extract(TITLE + "全市财政科技支出12.6亿元，占一般公共预算支出的比重为3.2%，其中市本级4.85亿元。")
    assert facts["variable"].tolist() == ["fiscal_st_expenditure", "fiscal_st_share", "fiscal_st_expenditure"]
    assert facts["flag_part"].tolist() == [False, False, True]


@pytest.mark.parametrize("verb", ["", "达", "共计"])
def test_a_phrase_split_by_a_modifier_names_the_amount(verb):
    # 争取…项目资金: 科技特派员 (people) is closest before 95万元 but names no amount
    facts = zb.extract(TITLE + f"争取省级科技特派员项目资金{verb}95万元。")
    assert facts["variable"].tolist() == ["funds_secured"]


def test_a_modifier_never_joins_words_of_two_clauses():
    facts = zb.extract(TITLE + "争取省级支持，科技特派员项目资金95万元。")
    assert facts["variable"].tolist() == [""]


# ---- Titles: a plan's span of years, a title over two lines, a work report dated by its speech ----


@pytest.mark.parametrize("span", ["（2026—2030年）", "（2026年—2030年）", "（2026-2030年）"])
def test_a_plans_span_in_its_title_dates_its_next_five_years(span):
    # was 2035 (the span's last year + 5) with 力争, 2026 with 2026年—2030年, 2025 after a 2025年 sentence
    head = "某市“十五五”科技创新规划\n" + span + "\n\n"
    facts = zb.extract(head + "2025年全市研发经费投入强度达到2.6%。今后五年，力争全市研发经费投入强度达到3.2%。")
    assert facts[["period", "flag_target"]].values.tolist() == [["2025", False], ["2030", True]]


def test_a_title_split_over_two_lines_gives_the_title_year():
    # 明年 is the year after the title's (2027), not after the last year named (2025 + 1)
    text = "某市2026年政府\n工作报告\n\n2025年，全市新增高新技术企业150家。明年，力争新增高新技术企业100家。"
    assert zb.extract(text)["period"].tolist() == ["2025", "2027"]


def test_a_title_split_over_two_lines_names_a_work_report():
    # a government work report looks ahead from its own year: 今后五年 is 2026-2030, not 2027-2031
    text = "某市2026年政府\n工作报告\n\n今后五年，力争全市研发经费投入强度达到3.5%。"
    assert zb.extract(text)["period"].tolist() == ["2030"]


def test_a_work_report_dated_by_the_day_it_was_given_has_that_year():
    # the header "——2026年1月12日在…会议上" was an event's date: no figure had any period
    text = "政府工作报告\n——2026年1月12日在某市第十七届人民代表大会第五次会议上\n\n" "全市新增高新技术企业150家。今后五年，力争全市研发经费投入强度达到3.5%。"
    assert zb.extract(text)["period"].tolist() == ["2026", "2030"]


def test_a_date_under_another_title_stays_an_event():
    text = "某市科技局召开工作会议\n——2026年1月12日\n\n全市新增高新技术企业150家。"
    assert zb.extract(text)["period"].tolist() == [""]


def test_a_bulletins_issue_date_under_its_title_dates_its_months():
    # 1-4月 had no year at all (every period empty): the issue's date on the issuer's line gives it
    text = "科技工作简报\n第4期\n临江市科学技术局    2026年5月8日\n\n1-4月，全市登记技术合同316项。\n"
    assert zb.extract(text)["period"].tolist() == ["2026YTD04"]


def test_a_damaged_threshold_names_no_variable():
    # 研发投入00万元以上企业38家: the lost threshold qualifies 企业, it is no level of R&D spending
    facts = zb.extract(TITLE + "规上工业企业研发经费支出00万元以上企业38家。")
    assert facts[["damage", "variable"]].values.tolist()[0] == ["threshold", ""]
