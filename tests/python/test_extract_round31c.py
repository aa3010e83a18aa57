"""Round 31 (rd31c): damaged and mis-signed figures a new analyst's trial of provincial summaries met
(issue 13: a figure is never a confident wrong number). Each rule with the phrasings it must read and
those that worked before and must keep working. The sentences are made up for the rules."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb


def _last(text):
    return zb.extract(text).iloc[-1]


# ---- 1. a dangling point before a blank: damaged, the unit kept -------------------------------


@pytest.mark.parametrize(
    ("text", "variable", "unit"),
    [
        ("2025年，全省有效发明专利21. 万件。", "valid_invention_patents", "万件"),
        ("2025年，全省R&D经费投入强度2. %。", "rd_intensity", "%"),
        ("2025年，全省新认定高新技术企业21. 家。", "hnte_recognised", "家"),
        ("2025年，全省技术合同成交额21. 亿元。", "tech_contract_value", "亿元"),
        ("2025年，全省技术合同成交额21.\t亿元。", "tech_contract_value", "亿元"),
    ],
)
def test_a_point_then_a_blank_before_the_unit_is_a_dangling_point(text, variable, unit):
    f = zb.extract(text)
    assert len(f) == 1
    row = f.iloc[0]
    assert (row.variable, row.unit, row.damage) == (variable, unit, "dangling_point")
    assert math.isnan(row.value)
    assert "dangling_point" in list(f.attrs["findings"].kind)


def test_a_dangling_point_before_a_blank_is_damaged_source_in_the_panel():
    text = "2024年，全市地区生产总值1,250亿元，R&D经费支出28. 亿元，常住人口310万人。"
    values, why = zb.read_report(text, entity="临川市").compute(["rd_intensity"], reasons=True)
    assert math.isnan(values["rd_intensity"].iloc[0])
    assert why["rd_intensity"].iloc[0] == "damaged_source"


def test_a_table_cell_ending_in_a_point_before_the_next_cell_is_damaged():
    f = zb.extract("南州市 21. 980")
    assert list(f.damage) == ["dangling_point", ""]
    assert math.isnan(f.value[0]) and f.value[1] == 980


@pytest.mark.parametrize(
    ("text", "value", "unit", "damage"),
    [
        ("2025年，全省技术合同成交额21.5 亿元。", 21.5, "亿元", ""),
        ("2025年，全省技术合同成交额21.亿元。", None, "亿元", "dangling_point"),
        ("2025年，全省技术合同成交额21. 5亿元。", None, "亿元", "split_digits"),
        ("2025年，全省有效发明专利21 万件。", 21.0, "万件", ""),
        ("一、总体情况\n1. 加强科技创新，全省有效发明专利21万件。", 21.0, "万件", ""),
    ],
)
def test_points_and_blanks_read_before_stay_so(text, value, unit, damage):
    row = _last(text)
    assert (row.unit, row.damage) == (unit, damage)
    assert math.isnan(row.value) if value is None else row.value == value


# ---- 2. a blank before % keeps the unit -----------------------------------------------------------


@pytest.mark.parametrize("blank", [" ", "\u3000"])
def test_a_blank_before_percent_keeps_the_share(blank):
    f = zb.extract(f"2025年，全省R&D经费支出1286.4亿元，占GDP的2.31{blank}%。")
    assert f[["variable", "value", "unit"]].values.tolist() == [
        ["rd_expenditure", 1286.4, "亿元"],
        ["rd_intensity", 2.31, "%"],
    ]
    panel = zb.read_report(f"2025年，全省R&D经费支出1286.4亿元，占GDP的2.31{blank}%。", entity="甲省").to_pandas()
    assert panel["rd_intensity"].iloc[0] == 2.31


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("2025年，全省技术合同成交额同比增长21.3 %。", 21.3, "%"),
        ("2025年，全省R&D经费投入强度2.31 %。", 2.31, "%"),
        ("2025年，全省万人发明专利拥有量增长1.5 ‰。", 1.5, "‰"),
        ("2025年，全省R&D经费投入强度提高0.12 个百分点。", 0.12, "个百分点"),
    ],
)
def test_a_blank_before_a_rate_unit_keeps_it(text, value, unit):
    row = _last(text)
    assert (row.value, row.unit) == (value, unit)


# ---- 3. the sign of 负增长 and of a narrowing fall -------------------------------------------------

_LEVEL = "2025年，全省技术合同成交额1520.7亿元，"


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("同比负增长2.3%", -2.3),
        ("较上年负增长2.3%", -2.3),
        ("出现负增长，降幅2.3%", -2.3),
        ("同比下降2.3%", -2.3),
        ("同比增长-2.3%", -2.3),
        ("同比增长2.3%", 2.3),
        ("降幅收窄2.3个百分点", 2.3),  # the fall narrowed: the rate rose
        ("降幅缩小2.3个百分点", 2.3),
        ("增幅收窄2.3个百分点", -2.3),  # the growth slowed: the rate fell
        ("降幅收窄至1.2%", -1.2),  # the narrowed fall itself
        ("增幅回落2.3个百分点", -2.3),
        ("降幅扩大2.3个百分点", -2.3),
    ],
)
def test_the_sign_of_a_change_follows_its_words(change, value):
    row = _last(f"{_LEVEL}{change}。")
    assert row.flag_change
    assert row.value == value


# ---- 4. a level after its change, introduced by 为/是/共/计 -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2025年，全省技术合同成交额较上年下降2.3%，为1520.7亿元。",
        "2025年，全省技术合同成交额同比增长21.3%，是1520.7亿元。",
        "2025年，全省技术合同成交额同比增长21.3%，达到1520.7亿元。",
        "2025年，全省技术合同成交额1520.7亿元，较上年下降2.3%。",
    ],
)
def test_a_level_after_its_change_binds_to_the_same_phrase(text):
    f = zb.extract(text)
    level = f[~f.flag_change]
    assert level[["variable", "value", "unit"]].values.tolist() == [["tech_contract_value", 1520.7, "亿元"]]
    panel = zb.read_report(text, entity="甲省").to_pandas()
    assert panel["tech_contract_value"].iloc[0] == 15207000.0


@pytest.mark.parametrize(
    "text",
    [
        "2025年，全省技术合同成交额同比增长21.3%，为近五年最高，登记合同1200项。",
        "2025年，全省技术合同成交额同比增长21.3%，为全省平均的2倍。",
        "2025年，全省技术合同成交额同比增长21.3%，为1200项。",
    ],
)
def test_a_figure_after_a_change_in_another_unit_is_not_its_level(text):
    f = zb.extract(text)
    assert "tech_contract_value" not in list(f[~f.flag_change].variable)


# ---- 5. next year's plans in a summary of the year are targets, not actuals ------------------------

_SUMMARY = "甲省科技厅2025年工作总结\n2025年，全省R&D经费支出1286.4亿元，R&D经费投入强度2.31%。\n"


@pytest.mark.parametrize(
    ("plan", "period"),
    [
        ("明年，全省R&D经费投入强度达到2.45%。", "2026"),
        ("明年全省R&D经费投入强度要达到2.45%。", "2026"),
        ("2026年，全省R&D经费投入强度要达到2.45%。", "2026"),
        ("2026年，全省R&D经费投入强度要突破2.45%。", "2026"),
        ("2026年全省科技工作要点：R&D经费投入强度达到2.45%。", "2026"),
        ("2026年，力争全省R&D经费投入强度达到2.45%。", "2026"),
        ("2026年主要目标：全省R&D经费投入强度达到2.45%。", "2026"),
    ],
)
def test_next_years_plan_is_a_target_kept_out_of_the_panel(plan, period):
    row = _last(_SUMMARY + plan)
    assert (row.variable, row.value, row.period) == ("rd_intensity", 2.45, period)
    assert row.flag_target
    report = zb.read_report(_SUMMARY + plan, entity="甲省")
    assert report.to_pandas()["rd_intensity"].to_dict() == {("甲省", "2025"): 2.31}
    assert "target" in list(report.findings.kind)


def test_next_years_plan_never_stands_for_this_year():
    text = "甲省科技厅2025年工作总结\n2025年，全省R&D经费支出1286.4亿元。\n明年，全省R&D经费投入强度达到2.45%。"
    assert "rd_intensity" not in zb.read_report(text, entity="甲省").to_pandas()


@pytest.mark.parametrize(
    "text",
    [
        "2025年，全省R&D经费投入强度达到2.31%，主要是企业研发投入增长12.5%。",
        "2025年，全省R&D经费投入强度达到2.31%，重要指标实现1.5倍增长。",
        "2025年，全省落实科技工作要点，R&D经费投入强度达到2.31%。",
    ],
)
def test_this_years_figures_near_plan_words_stay_actuals(text):
    f = zb.extract(text)
    assert not f.flag_target.any()
    assert set(f.period) == {"2025"}
