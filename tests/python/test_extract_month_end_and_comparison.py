"""Two leftovers of the analyst trial in report extraction: a figure "to the end of month N"
(截至6月底, 6月末) is of the period January to N, as 1-6月 is (the half-year's in a half-year
report), and a comparison figure "…1.2亿元，上年同期为1.5亿元" is the same variable a year earlier."""

from __future__ import annotations

import pytest

import zhibiao as zb


def _row(facts, text):
    rows = facts[facts.text == text]
    assert len(rows) == 1, (text, facts[["text", "variable", "value"]])
    return rows.iloc[0]


@pytest.mark.parametrize(
    "lead, period",
    [
        ("截至6月底，", "2024H1"),
        ("截至6月末，", "2024H1"),
        ("截止6月底，", "2024H1"),
        ("截至2024年6月底，", "2024H1"),
        ("截至六月底，", "2024H1"),
        ("6月末，", "2024H1"),
        ("1-6月，", "2024H1"),
        ("截至3月底，", "2024Q1"),
        ("截至9月底，", "2024YTD09"),
        ("前三季度，", "2024YTD09"),
        ("截至10月，", "2024YTD10"),
        ("截至12月底，", "2024"),
        ("6月，", "2024-06"),  # a figure of June alone stays the month's
    ],
)
def test_a_figure_to_the_end_of_a_month_is_of_january_to_that_month(lead, period):
    facts = zb.extract(f"2024年上半年科技工作总结\n{lead}全市专利授权量120件。")
    assert _row(facts, "120件").period == period


def test_a_half_year_report_stating_figures_to_the_end_of_june_has_one_period():
    text = "2024年上半年，全市专利申请量300件。截至6月底，全市有效发明专利2,345件。截至6月末，登记技术合同80项。"
    facts = zb.extract(text)
    assert list(facts.period) == ["2024H1"] * 3
    panel = facts.to_panel("city")
    assert panel.periods == ["2024H1"]


@pytest.mark.parametrize("lead", ["上年同期为", "去年同期为", "上年为", "去年为"])
def test_a_comparison_figure_after_a_figure_takes_its_variable_for_the_year_before(lead):
    facts = zb.extract(f"2024年上半年，全市技术合同成交额1.2亿元，{lead}1.5亿元。专利授权量80件。")
    prior = _row(facts, "1.5亿元")
    assert prior.variable == "tech_contract_value"
    assert prior.flag_prior_year and prior.flag_phrase_shared and not prior.flag_no_variable
    assert prior.period in ("2023H1", "2023")  # 上年同期: the half-year before; 上年: the year state
    assert _row(facts, "80件").period == "2024H1" and not _row(facts, "80件").flag_prior_year


def test_the_comparison_figure_lands_in_the_prior_period_of_the_panel():
    facts = zb.extract("2024年上半年，全市技术合同成交额1.2亿元，上年同期为1.5亿元。")
    wide = facts.to_panel("city").to_pandas()
    assert wide.loc[("city", "2024H1"), "tech_contract_value"] == 12000.0  # 1.2亿元 in 万元
    assert wide.loc[("city", "2023H1"), "tech_contract_value"] == 15000.0


@pytest.mark.parametrize(
    "text, figure",
    [
        ("2024年上半年，全市专利授权量120件，上年同期为15%。", "15%"),  # a unit of another kind
        ("2024年上半年，全市专利授权量120件，上年同期为15。", "15"),  # no unit to check
        ("2024年上半年，专利授权量同比增长12%，上年同期为8%。", "8%"),  # after a change: no level
        ("2024年上半年，全市专利授权量120件。上年同期为100件。", "100件"),  # another sentence
    ],
)
def test_a_comparison_figure_of_another_kind_or_sentence_takes_no_variable(text, figure):
    assert _row(zb.extract(text), figure).variable == ""
