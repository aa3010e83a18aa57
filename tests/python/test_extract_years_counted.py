"""A total over several years written as their count (过去五年, 五年来, 五年累计, 近三年, 近10年) is no
level of the report's year: it carries the flag `since`, as “十四五”期间累计 and 2021年以来 do, and
`to_panel()` leaves it out. Before, "过去五年…成交额累计318.5亿元。2025年…82.1亿元" gave the panel
318.5 亿元 as 2025's value (a government work report's five-year review)."""

from __future__ import annotations

import pytest

import zhibiao as zb

TITLE = "某市2025年科技工作总结\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "过去五年，全市技术合同成交额累计318.5亿元。",
        "五年来，全市技术合同成交额累计318.5亿元。",
        "全市五年累计实现技术合同成交额318.5亿元。",
        "近三年全市技术合同成交额累计达到318.5亿元。",
        "近10年，全市技术合同成交额累计318.5亿元。",
        "三年来全市技术合同成交额318.5亿元。",
    ],
)
def test_a_total_over_a_count_of_years_is_since_and_stays_out_of_the_panel(sentence):
    text = TITLE + sentence + "2025年，全市技术合同成交额82.1亿元。"
    facts = zb.extract(text)
    assert facts["flag_since"].tolist() == [True, False]
    panel = zb.read_report(text, entity="320600")
    assert panel.to_pandas().loc[("320600", "2025"), "tech_contract_value"] == pytest.approx(821000)  # 万元


@pytest.mark.parametrize(
    "sentence",
    [
        "2025年累计新增高新技术企业260家。",  # a year, not a count of years
        "一年来，全市新增高新技术企业260家。",
        "过去一年，全市新增高新技术企业260家。",
        "近年来，全市新增高新技术企业260家。",  # no count
        "通过努力，全市新增高新技术企业260家。",
        "全年累计新增高新技术企业260家。",
    ],
)
def test_one_year_or_no_count_is_the_reports_year(sentence):
    facts = zb.extract(TITLE + sentence)
    assert facts["flag_since"].tolist() == [False]
    assert facts["period"].tolist() == ["2025"]


def test_a_year_stated_after_the_count_ends_the_span():
    facts = zb.extract(TITLE + "过去五年，高新技术企业由412家增加到1068家，2025年新增高新技术企业260家。")
    assert facts.loc[facts["text"] == "260家", "flag_since"].tolist() == [False]


@pytest.mark.parametrize(
    "sentence, since",
    [
        # Inside a sentence the span ends with its clause (review24 F1: 520 and 1200 were left out).
        ("全市高新技术企业五年累计新增1200家，2025年末达到1068家，科技型中小企业1500家。", [True, False, False]),
        # A comparison with the span, or a yearly average over it, opens none.
        ("全市技术合同成交额85亿元，近三年年均增长15%，高新技术企业达到520家，科技型中小企业1200家。", [False] * 4),
        ("全市新增高新技术企业120家，为近五年来最多，技术合同成交额85亿元。", [False, False]),
        ("技术合同成交额比过去五年平均水平高20%，达到120亿元。", [False, False]),
        ("技术合同成交额高于近三年水平，达到120亿元。", [False]),
        # Two-digit counts after 过去 as after 近 (F9).
        ("过去10年，全市技术合同成交额累计900亿元。", [True]),
        ("　　近五年来，全市累计新增高新技术企业1200家。", [True]),
    ],
)
def test_the_span_of_a_count_of_years_reaches_as_far_as_its_words(sentence, since):
    assert zb.extract(TITLE + sentence)["flag_since"].tolist() == since


@pytest.mark.parametrize(
    "sentence, since",
    [
        # review24b G1: a clause of the time alone opens the rest of the sentence, wherever it stands
        ("回顾过去五年，全市技术合同成交额累计318亿元，新增高新技术企业800家。", [True, True]),
        ("在过去五年里，全市技术合同成交额累计318亿元，新增高新技术企业800家。", [True, True]),
        ("本届政府五年来，全市技术合同成交额累计318亿元，新增高新技术企业800家。", [True, True]),
        ("全市技术合同成交额82亿元，近两年来，累计新增高新技术企业300家。", [False, True]),
        # G2: a count inside a clause does not end a 以来 or 十四五 span of the whole sentence
        ("“十四五”以来，全市累计新增高新技术企业800家，其中近三年新增500家，技术合同成交额累计318亿元。", [True] * 3),
        ("2021年以来，全市新增高新技术企业800家，近三年新增500家，新增科技型中小企业3000家。", [True] * 3),
    ],
)
def test_a_clause_of_the_time_alone_or_a_longer_span_reach_the_sentences_end(sentence, since):
    assert zb.extract(TITLE + sentence)["flag_since"].tolist() == since
