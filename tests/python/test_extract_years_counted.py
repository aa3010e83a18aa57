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
