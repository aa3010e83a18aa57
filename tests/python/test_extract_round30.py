"""Round 30: figures a new user's trial read from report text as confident wrong numbers (issue 13:
a figure is never a confident wrong number) — each rule with the cases it must fire on and those it
must not. The sentences are made up for the rules, not the trial's texts."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb


def _facts(text):
    return zb.extract(text)


# ---- 1. a Chinese-numeral amount with 亿 and 万: read in 万, never 10^4 too large ---------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2025年，全区研发经费投入四亿六千万元。", 46000.0),
        ("2025年，全区财政科技支出一亿二千五百万元。", 12500.0),
        ("2025年，全区技术合同成交额两亿零三百万元。", 20300.0),
    ],
)
def test_chinese_amount_with_yi_and_wan_is_read_in_wan(text, value):
    f = _facts(text)
    assert list(f.unit) == ["万元"]
    assert f.value[0] == value
    panel = zb.read_report(text, entity="x").to_pandas()
    assert panel.iloc[0, 0] == value  # the panel's 万元, as the mixed form 4亿6千万元 gives


def test_chinese_amount_and_mixed_form_agree_in_the_panel():
    chinese = zb.read_report("2025年，全区研发经费投入四亿六千万元。", entity="x").to_pandas()
    mixed = zb.read_report("2025年，全区研发经费投入4亿6千万元。", entity="x").to_pandas()
    assert chinese.iloc[0, 0] == mixed.iloc[0, 0]


# ---- 2. negation and lapse: no variable, the figure kept ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2025年，全区尚未拨付科技补助资金62万元。",
        "2025年，全区应拨未拨科技补助资金62万元。",
        "2025年，全区暂未兑现奖励资金62万元。",
        "2025年，全区未支出资金48万元。",
        "2025年，全区尚未到位资金75万元。",
        "2025年，全区未登记技术合同5项。",
        "2025年，全区有效发明专利注销9件。",
    ],
)
def test_a_negated_or_lapsed_figure_gets_no_variable(text):
    f = _facts(text)
    assert f.variable.iloc[-1] == ""
    assert bool(f.flag_no_variable.iloc[-1])
    assert not math.isnan(f.value.iloc[-1])


def test_rejected_projects_do_not_make_the_approval_rate():
    text = "2025年，全区申报项目25项，未获批项目10项。"
    f = _facts(text)
    assert list(f.variable) == ["projects_applied", ""]
    with pytest.raises(zb.MissingVariableError):  # never 10/25: the approved are not stated
        zb.read_report(text, entity="x").compute(["project_approval_rate"])


def test_unpaid_amount_leaves_the_paid_one_alone():
    text = "2025年，全区已拨付科技奖补资金120万元，应拨未拨科技奖补资金80万元。"
    assert list(_facts(text).variable) == ["reward_paid", ""]
    with pytest.raises(zb.MissingVariableError):  # never 120/(120+80) read as paid/due
        zb.read_report(text, entity="x").compute(["reward_payout_rate"])


@pytest.mark.parametrize(
    ("text", "variable"),
    [
        ("未来三年，全区技术合同成交额6.2亿元。", "tech_contract_value"),
        ("2025年，全区有效发明专利1350件。", "valid_invention_patents"),
    ],
)
def test_words_opening_with_wei_or_holding_you_xiao_still_bind(text, variable):
    assert _facts(text).variable.iloc[-1] == variable


# ---- 3. another currency: the unit as written, no variable ---------------------------------------


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("2025年，全区技术合同成交额0.8亿美元。", "亿美元"),
        ("2025年，全区研发经费投入450万港元。", "万港元"),
        ("2025年，全区技术合同成交额2.1亿欧元。", "亿欧元"),
    ],
)
def test_amount_in_another_currency_keeps_its_unit(text, unit):
    f = _facts(text)
    assert list(f.unit) == [unit]
    assert f.variable.iloc[0] == ""
    assert bool(f.flag_unit_mismatch.iloc[0])
    assert zb.read_report(text, entity="x").to_pandas().empty


# ---- 4. an average or one firm's figure is not the total -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2025年，全区平均每项技术合同成交额88万元。",
        "2025年，全区研发经费投入最多的企业达0.6亿元。",
        "2025年，全区每家企业研发经费投入35万元。",
    ],
)
def test_average_or_one_firm_is_not_the_total(text):
    f = _facts(text)
    assert f.variable.iloc[-1] == ""


# ---- 5. a PDF blank inside the period phrase ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2025年上半 年，全区申报项目27项。", "2025H1"),
        ("2025年下半 年，全区申报项目27项。", "2025H2"),
        ("2025年1 -9月，全区申报项目27项。", "2025YTD09"),
    ],
)
def test_blank_inside_period_phrase_keeps_the_period(text, period):
    f = _facts(text)
    assert list(f.text) == ["27项"]
    assert f.period.iloc[0] == period


# ---- 6. a table cell split by a blank before a zero ----------------------------------------------


def test_table_cell_split_before_a_zero_is_flagged_never_lost():
    t = "2025年主要指标\n指标名称 单位 上年同期 本期完成\n专利授权量 件 3 060 870\n"
    f = _facts(t)
    split = f[f.damage == "split_digits"]
    assert list(split.text) == ["3 060"]
    assert "3" not in list(f.text)
