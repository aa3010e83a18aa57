"""Round 21: a change word and its figure split by a page break (trial 20b F9), and a figure a
year earlier after ；上年同期为 (F11's last line)."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb
from report_facts import the_fact

LEAD = "2025年，评价入库科技型中小企业213家，"


# ---- F9: the link between a change word and its figure runs past a page's header and footer -------


@pytest.mark.parametrize(
    "between",
    [
        "\n南坪县科学技术局\n— 2 —\n",  # the trial's own: running header, then the page number
        "\n— 2 —\n南坪县科学技术局\n",  # the footer of one page, the header of the next
        "\n",  # a plain line break
        "\n\n",
        "\n第4页 共5页\n",
        "\r\n- 12 -\r\n\r\n",
        "\n  第 3 页  \n南坪县科技工作总结\n",
        "\n7\n",  # a page number alone
    ],
)
@pytest.mark.parametrize("word", ["同比增长", "增长", "比上年增长", "同比增长了"])
def test_a_change_split_by_a_page_break_is_the_change_of_the_figure_before(between, word):
    text = LEAD + word + between + "21.1%。"
    fact = the_fact(text, "21.1%")
    assert fact.variable == "tech_sme_registered"
    assert fact.flag_change and fact.value == 21.1 and fact.period == "2025"
    # offsets are the text's as given, the page's lines not counted in the figure
    assert text[fact.begin : fact.end] == "21.1%"


def test_a_decline_split_by_a_page_break_is_negative():
    fact = the_fact("2025年，全年专利授权量326件，同比下降\n— 3 —\n8.2%。", "8.2%")
    assert fact.variable == "patents_granted" and fact.flag_change and fact.value == -8.2


def test_full_width_digits_after_the_page_break():
    fact = the_fact(LEAD + "同比增长\n南坪县科学技术局\n— 2 —\n２１．１％。", "２１．１％")
    assert fact.variable == "tech_sme_registered" and fact.flag_change


def test_the_trial_report_reads_the_change():
    """The break in a wrapped report (trial 20b's r5, its lines wrapped at a fixed width)."""
    body = (
        "    （二）创新主体。全县新认定高新技术企业17家，累计\n"
        "达到126家；评价入库科技型中小企业213家，同比增长\n"
        "南坪县科学技术局\n"
        "— 2 —\n"
        "21.1%。新增省级专精特新中小企业8家，培育创新型企业\n"
        "24家。全年专利申请量2,846件，专利授权量1,512件，技\n"
        "术合同成交额8.75亿元，有效发明专利拥有量达到4.27件\n"
        "，转化科技成果45项，登记技术合同312项，同比增长\n"
        "8.9%。\n"
    )
    text = "南坪县2025年科技工作总结\n" + body
    fact = the_fact(text, "21.1%")
    assert fact.variable == "tech_sme_registered" and fact.flag_change
    assert the_fact(text, "8.9%").variable == "tech_contract_count"


@pytest.mark.parametrize(
    "between",
    [
        "\n南坪县科学技术局\n",  # a line of its own, no page number beside it: not a page's header
        "\n另一段文字，说明情况。\n",  # a sentence between
        "\n（三）知识产权。\n",
    ],
)
def test_no_link_past_a_line_that_is_no_page_header(between):
    fact = the_fact(LEAD + "同比增长" + between + "21.1%。", "21.1%")
    assert not fact.flag_change and fact.variable == ""


def test_a_list_item_after_a_change_word_is_no_figure_of_it():
    facts = zb.extract(LEAD + "同比增长\n2.人才工作。引进人才35名。")
    assert not facts["flag_change"].any()


def test_a_table_row_after_a_header_ending_with_a_change_word_is_read_as_a_row():
    facts = zb.extract("主要指标 单位 2025年 2024年 同比增长\n高新技术企业 家 126 109 15.6\n")
    rows = [tuple(r) for r in facts[["variable", "text", "flag_change", "period"]].itertuples(index=False)]
    assert rows == [
        ("hnte_total", "126", False, "2025"),
        ("hnte_total", "109", False, "2024"),
        ("hnte_total", "15.6", True, "2025"),
    ]


# ---- ；上年同期为: the figure a year earlier, as after ，------------------------------------------


@pytest.mark.parametrize("lead", ["上年同期为", "去年同期为", "上年为"])
@pytest.mark.parametrize("mark", ["；", ";", "，"])
def test_the_comparison_after_a_semicolon_is_the_figure_a_year_earlier(lead, mark):
    fact = the_fact(f"2025年，全市企业研发费用2.3亿元{mark}{lead}1.9亿元。", "1.9亿元")
    assert fact.variable == "enterprise_rd_expenses"
    assert fact.period == "2024" and fact.flag_prior_year and fact.flag_phrase_shared


def test_the_comparison_after_a_semicolon_enters_the_panel_a_year_earlier():
    panel = zb.read_report("某市2025年科技工作总结\n全市企业研发费用2.3亿元；上年同期为1.9亿元。", entity="x")
    values = panel.to_pandas()["enterprise_rd_expenses"]
    assert values.loc[("x", "2025")] == 2.3e4 and values.loc[("x", "2024")] == 1.9e4


@pytest.mark.parametrize("stop", ["。", "！", "\n"])
def test_a_sentence_end_still_ends_the_comparison(stop):
    fact = the_fact(f"2025年，全市企业研发费用2.3亿元{stop}上年同期为1.9亿元。", "1.9亿元")
    assert fact.variable == ""


def test_a_semicolon_joins_only_the_comparison():
    """；before a figure of another kind, or a change, still ends the previous figure's sentence."""
    fact = the_fact("2025年，全市企业研发费用2.3亿元；上年同期为56家。", "56家")
    assert fact.variable == ""
    assert the_fact("2025年，全市企业研发费用2.3亿元；同比增长21%。", "21%").variable == ""


@pytest.mark.parametrize(
    "text",
    [
        "全县科技投入稳步增长\n2025年，全县专利授权量326件，同比增长5%。",
        "一、科技投入稳步增长\n12月，全县专利授权量326件。",
        "全年高新技术企业数量增长\n２０２５年，全县专利授权量326件。",
    ],
)
def test_a_date_or_a_heading_is_no_figure_of_a_change_word(text):
    """A line ending with a change word before a line opening with a date (2025年, 12月), or a
    heading ending with one, links nothing: the figure after it is no change."""
    fact = the_fact(text, "326件")
    assert fact.variable == "patents_granted" and not fact.flag_change
    assert text[fact.begin : fact.end] == "326件"


@pytest.mark.parametrize(
    "text",
    [
        "2025年，全县专利授权量2\n南坪县科学技术局\n— 5 —\n41件。",
        "2025年，全县专利授权量2\n— 5 —\n南坪县科学技术局\n41件。",
        "2025年，全县专利授权量2\n\n南坪县科学技术局\n\n第 5 页 共 12 页\n41件。",
    ],
)
def test_a_running_header_beside_a_page_number_inside_a_figure_is_skipped(text):
    """A page's running header (the bureau's name) beside its page number between a figure's parts:
    the 2 was a confident bare figure and 41件 one without a variable. Now one split figure, never a
    number, its guess the fragments joined."""
    facts = zb.extract(text, guess=True)
    assert len(facts) == 1
    fact = facts.iloc[0]
    assert fact.variable == "patents_granted" and fact.damage == "split_digits" and math.isnan(fact.value)
    assert fact.guess == 241
