"""Round 28's period layer (task rdp28): a news report's byline and dateline (本报讯（记者…）2月5日，…;
新华社…日电) — the parenthesis of a byline closed before the lead's year does not hold that year to
its close, and the year the lead states for the work is the report's (its 去年 and 今年 are of the
year after: a dateline with no year in the first half of a year that states a whole year's figures)."""

from __future__ import annotations

import zhibiao as zb


def _periods(text: str) -> dict[str, str]:
    facts = zb.extract(text)
    return {r.text: ("" if r.period is None else str(r.period)) for r in facts.itertuples()}


HEADLINE = "全区科技创新成效明显 技术合同成交额首次突破10亿元\n\n"


def test_a_year_after_a_bylines_parenthesis_governs_the_lead():
    # Before: 0 of 2 with a period — the year was read as inside （记者 王芳 通讯员 刘强） and ended at the
    # close of （R&D）. Hand-checked: the lead states 2025 for both figures.
    text = HEADLINE + ("本报讯（记者 王芳 通讯员 刘强）3月2日，记者从区科技局获悉，2025年全区研究与试验发展（R&D）" "经费投入达到12.5亿元，比上年增长8.1%。\n")
    got = _periods(text)
    assert got["12.5亿元"] == "2025" and got["8.1%"] == "2025"


def test_a_closed_parenthesis_before_an_earlier_year_is_not_one_the_year_is_in():
    # A 2025 summary's paragraph about 2024 after a closed bracket (全县（含开发区）2024年…): 2024 to the
    # paragraph's end, as without the bracket. Before: the year ended at （R&D）'s close, 5.2亿元 was 2025.
    text = "某县2025年科技工作总结\n\n" "全县（含开发区）2024年研究与试验发展（R&D）经费投入达到5.2亿元，比上年增长6.0%。\n"
    got = _periods(text)
    assert got["5.2亿元"] == "2024" and got["6.0%"] == "2024"
    plain = _periods(text.replace("（含开发区）", ""))
    assert plain["5.2亿元"] == "2024"


def test_last_year_of_a_news_report_is_the_year_its_lead_states():
    # 去年 in a report published 3月2日 about 2025's figures is 2025; before: 2024 (the year before the
    # one in force). 今年 is 2026 (a plan).
    text = "本报讯（记者 王芳）3月2日，记者从市科技局获悉，2025年全市技术合同成交额达到98.7亿元。\n" "去年，全市新认定高新技术企业215家。今年，全市力争新认定高新技术企业250家。\n"
    got = _periods(text)
    assert got["98.7亿元"] == "2025" and got["215家"] == "2025" and got["250家"] == "2026"


def test_a_news_agencys_dateline_dates_its_report_too():
    text = "新华社南京1月20日电（记者 张三）2025年，全市技术合同成交额达到98.7亿元。去年，全市新认定高新技术企业215家。\n"
    got = _periods(text)
    assert got["98.7亿元"] == "2025" and got["215家"] == "2025"


def test_a_dateline_in_the_second_half_or_without_a_byline_dates_nothing():
    # must not fire: a report of 9月 may be of its own year; a date with no byline is an event's
    body = "2025年，全市技术合同成交额达到98.7亿元。\n去年，全市新认定高新技术企业215家。\n"
    for head in ("本报讯（记者 王芳）9月5日，", "3月2日，全市召开科技工作会议。\n"):
        got = _periods(head + body)
        assert got["98.7亿元"] == "2025" and got["215家"] == "2024", head


def test_a_dateline_before_a_part_of_a_year_dates_nothing():
    # must not fire: 2026年1-5月 is no whole year's figures (the report may be of 2026)
    got = _periods("本报讯（记者 王芳）6月10日，2026年1-5月，全市技术合同成交额达到40.2亿元。\n")
    assert got["40.2亿元"] == "2026YTD05"


# A figure's digits split by a line break a PDF's wrap left (split_digits, no wrap the reader joins):
# the break is inside the target's sentence, so the next figure keeps the target's year. Before: 2025.
SPLIT = "某县2025年科技工作总结\n\n2026年，全县力争新认定高新技术企业3\n0家，技术合同成交额达到4.5亿元。\n"


def test_a_figure_split_by_a_line_break_is_damaged_never_a_confident_part():
    facts = zb.extract(SPLIT)
    split = facts[facts.text == "3\n0家"].iloc[0]
    assert split.damage == "split_digits" and split.value != split.value  # NaN: never 3 or 0
    assert not facts.value.isin([3.0, 0.0]).any()


def test_the_figure_after_a_split_one_keeps_the_targets_year():
    assert _periods(SPLIT)["4.5亿元"] == "2026"
    point = "某县2025年科技工作总结\n\n2026年，全县力争技术合同成交额达到4.\n5亿元，专利授权量1200件。\n"
    assert _periods(point)["1200件"] == "2026"


def test_a_line_break_after_a_word_still_ends_the_targets_sentence():
    # must not fire: a line ending with no digit, or the next opening with none, ends it as before
    text = "某县2025年科技工作总结\n\n2026年，全县力争新认定高新技术企业30家\n技术合同成交额4.5亿元。\n"
    assert _periods(text)["4.5亿元"] == "2025"
    text = "某县2025年科技工作总结\n\n2026年，全县力争新认定高新技术企业30\n家技术合同成交额4.5亿元。\n"
    assert _periods(text)["4.5亿元"] == "2025"
