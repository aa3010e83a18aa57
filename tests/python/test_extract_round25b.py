"""Round 25b: the reader's periods in work reports and press releases (去年, 过去一年 are deictic)."""

from __future__ import annotations

import pytest

import zhibiao as zb


def _rows(text: str, *columns: str) -> list[tuple]:
    facts = zb.extract(text)
    return [tuple(row) for row in facts[list(columns)].itertuples(index=False)]


PAST_YEAR = "过去一年，全市新增高新技术企业150家，技术合同成交额120亿元。"
SPEECH_HEAD = "政府工作报告\n——2026年1月12日在某市第十七届人民代表大会第五次会议上\n\n"


# A report dated by its year (a 2026 work report, a 2026 meeting, a press release of 2026) looks
# back on 2025; a summary or a bulletin of 2025 accounts for 2025 itself.
@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("某市2026年政府工作报告", "2025"),
        ("某市2026年政府\n工作报告", "2025"),
        ("在2026年全市科技工作会议上的讲话", "2025"),
        ("某区召开2026年全区科技创新大会", "2025"),
        ("某市2025年科技工作总结", "2025"),
        ("某市2025年国民经济和社会发展统计公报", "2025"),
    ],
)
@pytest.mark.parametrize("words", ["过去一年", "过去的一年"])
def test_the_past_year_is_the_one_the_report_looks_back_on(title, year, words):
    text = title + "\n\n" + PAST_YEAR.replace("过去一年", words)
    assert _rows(text, "text", "period") == [("150家", year), ("120亿元", year)]


def test_the_past_year_governs_on_until_this_year_is_named():
    text = "某市2026年政府工作报告\n\n" + PAST_YEAR + "专利授权量3260件。\n今年，力争新增高新技术企业200家。"
    assert _rows(text, "text", "period", "flag_target") == [
        ("150家", "2025", False),
        ("120亿元", "2025", False),
        ("3260件", "2025", False),
        ("200家", "2026", True),
    ]


def test_a_comparison_with_the_past_year_names_no_period():
    text = "某市2026年政府工作报告\n\n今年一季度，技术合同成交额30亿元，比过去一年同期增长10%。"
    assert _rows(text, "text", "period")[0] == ("30亿元", "2026Q1")


def test_last_year_in_a_dated_work_report_is_the_year_before_its_date():
    # 去年 under 一、2025年工作回顾 of a report given on 12 January 2026: 2025, not 2024
    text = SPEECH_HEAD + "一、2025年工作回顾\n\n去年全市研发投入强度2.6%，新增高新技术企业150家。"
    rows = zb.extract(text)
    assert list(rows["period"]) == ["2025", "2025"]
    assert not rows["flag_prior_year"].any()


def test_last_year_after_this_years_figures_is_still_the_year_before():
    text = SPEECH_HEAD + "今年一季度，技术合同成交额30亿元。去年全年，技术合同成交额120亿元。"
    assert _rows(text, "text", "period") == [("30亿元", "2026Q1"), ("120亿元", "2025")]


@pytest.mark.parametrize("word", ["上年", "上年同期"])
def test_the_year_before_the_period_discussed_stays_relative_to_it(word):
    text = SPEECH_HEAD + f"一、2025年工作回顾\n\n全市研发投入强度2.6%，{word}为2.4%。"
    assert _rows(text, "text", "period") == [("2.6%", "2025"), ("2.4%", "2024")]


def test_last_year_in_a_summary_keeps_its_reading():
    # a summary of 2025 accounts for its year: 去年 there is read as the year before the one discussed
    text = "某市2025年科技工作总结\n\n一、2025年工作情况\n\n去年全市研发投入强度2.4%。"
    assert _rows(text, "text", "period") == [("2.4%", "2024")]


PRESS_HEAD = "新闻稿\n\n东湖区召开2026年全区科技创新大会\n\n"


def test_a_press_releases_headline_dates_it():
    text = PRESS_HEAD + "我们去年兑现科技奖补资金一千二百万元。"
    assert _rows(text, "text", "period") == [("一千二百万元", "2025")]


def test_last_year_compared_with_names_no_period_of_its_own():
    text = PRESS_HEAD + "今年一季度，全区技术合同成交额5亿元，比去年增长10%。"
    assert _rows(text, "text", "period")[0] == ("5亿元", "2026Q1")


def test_a_year_after_a_lead_in_without_figures_governs_its_sentence():
    # the ； splits what the sentence lists; the full stop ends it
    text = "某县2026年上半年科技工作总结\n记者从会上获悉，2025年全区研发经费投入18.6亿元，研发经费投入强度2.9%；" "专利授权量3260件。上半年技术合同成交额1.2亿元。"
    assert _rows(text, "text", "period") == [
        ("18.6亿元", "2025"),
        ("2.9%", "2025"),
        ("3260件", "2025"),
        ("1.2亿元", "2026H1"),
    ]


def test_a_year_after_a_clause_with_a_figure_still_holds_to_its_clause():
    text = "某县2026年上半年科技工作总结\n新增企业5家，2025年同期为3家，技术合同成交额1.2亿元。"
    assert _rows(text, "text", "period")[-1] == ("1.2亿元", "2026H1")


@pytest.mark.parametrize("verb", ["新增", "新建", "达到"])
def test_what_a_year_will_see_is_a_target(verb):
    text = PRESS_HEAD + f"会议提出，2026年全区将{verb}高新技术企业50家，新建众创空间3-5个。"
    assert _rows(text, "text", "period", "flag_target") == [("50家", "2026", True), ("3-5个", "2026", True)]


@pytest.mark.parametrize(
    ("total", "part"),
    [
        ("全年新建市级以上创新平台三十二个", "key_laboratories_new"),  # the total's 新建: the five are new
        ("累计建成创新平台三十二个", "key_laboratories"),
        ("全区共有创新平台三十二个", "key_laboratories"),  # no scope stated: the stock, as before
    ],
)
def test_a_part_with_no_scope_word_takes_its_totals(total, part):
    text = f"某高新区2025年工作总结\n{total}，其中省级重点实验室五个。"
    assert _rows(text, "text", "variable")[-1] == ("五个", part)
