"""Round 35's period layer (task fixC35, trial B35): a paragraph or a sentence about an earlier year does not
capture 今年 / 本年 / 今年以来 or a period stated without its year after it. They are of the report's governing
period: the title's (docs/reports.md: "今年 and 本年 are the date's year, else the title's"), and with no year in
the title the period in force before the text went back to the earlier year (2025年上半年，…。2024年全年，…).
Before this round, each figure below was put silently in the earlier year (and read_report put it in that row)."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb


def _periods(text: str) -> list[tuple[str, str]]:
    facts = zb.extract(text)
    return [(r.text, "" if r.period is None else str(r.period)) for r in facts.itertuples()]


H1_TITLE = "某市2026年上半年科技工作总结\n"


@pytest.mark.parametrize("word", ["今年以来", "本年以来"])
def test_this_year_since_after_an_earlier_years_sentence_is_the_titles_period(word):
    # trial B35: 今年以来 was read as the start of a span within the period in force (2025), and left it there.
    # Hand-checked: a 2026 half-year summary; "since the start of this year" is its half-year, 2026H1.
    text = H1_TITLE + f"2025年全市R&D经费支出20亿元。{word}，全市新登记技术合同800项。"
    assert _periods(text) == [("20亿元", "2025"), ("800项", "2026H1")]


def test_this_year_since_in_a_whole_years_and_a_months_report():
    # a year's report: 2026; a month's bulletin: January to its month, as 本年 (2026YTD05)
    text = "某市2026年科技工作总结\n2025年全市R&D经费支出20亿元。今年以来，全市新登记技术合同800项。"
    assert _periods(text)[1] == ("800项", "2026")
    text = "2026年5月科技统计月报\n2025年全市R&D经费支出20亿元。今年以来，全市新登记技术合同800项。"
    assert _periods(text)[1] == ("800项", "2026YTD05")


def test_this_year_since_keeps_its_flag_and_a_later_since_still_starts_a_span():
    # no span is flagged for 今年以来 (a start within the year); 4月以来 still leaves the period in force
    text = H1_TITLE + "2025年全市R&D经费支出20亿元。今年以来，全市新登记技术合同800项，4月以来走访企业60家。"
    facts = zb.extract(text)
    assert [str(p) for p in facts["period"]] == ["2025", "2026H1", "2026H1"]
    assert not facts["flag_since"].any()


NO_TITLE = "2025年上半年，全市技术合同成交额12.5亿元。2024年全年，全市R&D经费支出20亿元"


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ("，今年新登记技术合同800项。", "2025H1"),  # trial B35's second repro: was 2024
        ("。今年新登记技术合同800项。", "2025H1"),
        ("。今年以来，新登记技术合同800项。", "2025H1"),
        ("，本年新登记技术合同800项。", "2025H1"),
        ("，今年上半年新登记技术合同800项。", "2025H1"),
    ],
)
def test_this_year_with_no_title_is_the_period_in_force_before_the_earlier_year(tail, expected):
    # docs/reports.md: with no year in the title, a year earlier than the one in force is that paragraph's and
    # 今年 there is the year in force before it again — also when the paragraph is the text's first line
    # (before: the whole one-line text was read as a title, no paragraph rule applied)
    assert _periods(NO_TITLE + tail) == [("12.5亿元", "2025H1"), ("20亿元", "2024"), ("800项", expected)]


def test_read_report_puts_this_years_figure_in_the_governing_row():
    text = NO_TITLE + "，今年新登记技术合同800项。"
    frame = zb.read_report(text, entity="X").to_pandas()
    assert frame.loc[("X", "2025H1"), "tech_contract_count"] == 800
    assert frame.loc[("X", "2024"), "rd_expenditure"] == 200000  # 20亿元 in 万元
    assert math.isnan(frame.loc[("X", "2024"), "tech_contract_count"])  # before: 800 sat in row 2024


@pytest.mark.parametrize(
    ("opening", "expected"),
    [("一季度，", "2025Q1"), ("上半年，", "2025H1"), ("前三季度，", "2025YTD09"), ("1-6月，", "2025H1")],
)
def test_a_period_without_its_year_opening_a_sentence_after_an_earlier_year_is_the_governing_years(opening, expected):
    # trial B35's third repro (一季度 → 2024Q1): as under a title (2025年全年…。上半年… in a 2026 report is 2026H1)
    text = NO_TITLE + f"。{opening}新增高新技术企业5家。"
    assert _periods(text)[2] == ("5家", expected)


def test_the_same_under_a_title_still_holds():
    # the title's rules, unchanged (guards: these passed before)
    text = H1_TITLE + "2025年全市R&D经费支出20亿元。上半年，全市新登记技术合同800项。今年，新增高新技术企业5家。"
    assert _periods(text) == [("20亿元", "2025"), ("800项", "2026H1"), ("5家", "2026H1")]


@pytest.mark.parametrize(
    "text",
    [
        # a paragraph opening with the earlier year is about that year: its month is that year's
        "2026年上半年，新增高新技术企业9家。\n2025年10月，走访服务企业40家。10月，走访服务企业38家。",
        # so is a clause going on with it (not a sentence opening)
        "2026年上半年，新增高新技术企业9家。2025年10月，走访服务企业40家，10月走访服务企业38家。",
    ],
)
def test_a_period_of_an_earlier_years_paragraph_or_clause_stays_that_years(text):
    assert _periods(text)[2] == ("38家", "2025-10")


def test_this_year_since_in_a_later_report_of_a_file_leaves_the_period_in_force():
    # two reports in one file: the first's title year (2024) is not the 今年以来 of the second's 2026 heading
    text = "某县2024年科技工作总结\n全县新增高新技术企业12家。\n\n" "江北高新区2026年前三季度科技创新工作简报\n今年以来，主要科技指标保持较快增长。1-9月，技术合同成交额42.8亿元。"
    assert _periods(text)[-1] == ("42.8亿元", "2026YTD09")


SHARE = "2026年上半年，全市高新技术产业增加值占GDP比重达到{}。"


@pytest.mark.parametrize(("share", "qualifier"), [("三成", "approximate"), ("两成", "approximate"), ("五成多", "lower_bound")])
def test_tenths_are_no_exact_share(share, qualifier):
    # spec §7.3 (/work/shared/spec/indicators.md): 成 (三成 = 30%) is among the approximate expressions that must not
    # become exact numbers. Before: 三成 was an exact 30 % and went into the panel, where 约30% is left out with an
    # `approximate` finding; 五成多 lost its 多.
    facts = zb.extract(SHARE.format(share))
    row = facts.iloc[0]
    assert (row["text"], row["unit"], row["qualifier"]) == (share, "%", qualifier)
    report = zb.read_report(SHARE.format(share), entity="X")
    assert "hitech_va_share_gdp" not in report.to_pandas().columns
    assert list(report.findings["text"]) == [share]


@pytest.mark.parametrize(("share", "qualifier"), [("近三成", "upper_bound"), ("三成左右", "approximate")])
def test_tenths_with_a_bound_word_keep_its_qualifier(share, qualifier):
    # guards for the numbers.hpp change: a bound word before or after 成 still decides the qualifier
    row = zb.extract(SHARE.format(share)).iloc[0]
    assert (row["value"], row["unit"], row["qualifier"]) == (30, "%", qualifier)
