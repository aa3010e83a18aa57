"""A unit of two stacked multipliers in report text (亿万元, 万万元) is a slip, never a figure (round 35).

Spec §7.2 (/work/shared/spec/indicators.md) lists 万亿 = 10¹² but no 亿万: before round 35 the reader took
241.8亿万元 as 241.8 × 10¹² 元 (read_report put 2.418e10 万元 into the panel); once the core parser refused
亿万元 the reader cut it to its 亿 and read 241.8 亿元 with no flag. Both are a number nobody wrote.
"""

import pytest

import zhibiao as zb

TEXT = "2025年上半年，全县技术合同成交额241.8{}，地区生产总值120亿元。"


@pytest.mark.parametrize("unit", ["亿万元", "万万元"])
def test_a_stacked_multiplier_keeps_its_unit_and_no_variable(unit):
    row = zb.extract(TEXT.format(unit)).iloc[0]
    assert (row["text"], row["unit"], row["variable"]) == (f"241.8{unit}", unit, "")
    assert row["flag_unit_mismatch"] and row["flag_no_variable"]


def test_a_stacked_multiplier_never_enters_the_panel():
    panel = zb.read_report(TEXT.format("亿万元"), entity="X")
    assert "tech_contract_value" not in panel.to_pandas().columns
    assert panel.to_pandas()["gdp"].tolist() == [120.0]


def test_ten_thousand_hundred_millions_is_still_a_unit():
    # 万亿元 is a unit (10¹² 元), as the spec says
    row = zb.extract(TEXT.format("万亿元")).iloc[0]
    assert (row["unit"], row["variable"]) == ("万亿元", "tech_contract_value")
