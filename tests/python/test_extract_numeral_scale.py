"""One amount, one scale however its digits are written: 二十八亿元 is 28 亿元 as 28亿元 is, so a
variable's value column does not mix 28 and 2.8e9 (second analyst trial, 2 December 2026)."""

import pytest

import zhibiao as zb

CASES = [
    ("技术合同成交额28亿元", 28.0, "亿元"),
    ("技术合同成交额二十八亿元", 28.0, "亿元"),
    ("技术合同成交额两亿元", 2.0, "亿元"),
    ("技术合同成交额一千二百万元", 1200.0, "万元"),
    ("技术合同成交额十万亿元", 100000.0, "亿元"),  # 十万 × 亿元: 10 万亿元
    ("技术合同成交额二十八亿余元", 28.0, "亿元"),
    ("技术合同成交额1.2万亿元", 1.2, "万亿元"),
]


@pytest.mark.parametrize("text, value, unit", CASES)
def test_the_multiplier_before_a_unit_stays_with_the_unit(text, value, unit):
    facts = zb.extract(text)
    assert len(facts) == 1
    assert (facts["value"].iloc[0], facts["unit"].iloc[0]) == (value, unit)


def test_a_numeral_ending_in_a_multiplier_with_no_unit_after_it_is_unchanged():
    # 新认定高新技术企业二十八家: no 万/亿 at the end; 三万: a numeral with no unit is no figure
    assert zb.extract("新认定高新技术企业二十八家")["value"].tolist() == [28.0]
