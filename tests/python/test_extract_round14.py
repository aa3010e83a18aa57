"""Round 14 of the report reader (issue #13: a damaged figure is never a confident number, a figure
binds to the right quantity): points whose decimals were lost before punctuation, numerals inside
set phrases, multiples (倍), contracts by type, 研发费用 vs 研发经费, 科普活动 in 场次, plan headings.
Sentences written for the project; every expected figure is checked by hand against its sentence."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb


def _rows(text: str, *columns: str) -> list[tuple]:
    facts = zb.extract(text)
    return [tuple(getattr(r, c) for c in columns) for r in facts.itertuples()]


# ---- 1. a point whose decimals were lost before punctuation, an ideograph or a line's end -----------


@pytest.mark.parametrize(
    "after",
    ["。", "，", "、", "；", "：", "）", "”", "！", "？", "用于平台建设。", "\n下一行", ""],
)
@pytest.mark.parametrize("point", [".", "．"])
def test_a_point_before_punctuation_lost_its_decimals(point, after):
    # "落实资金12.。" was a confident 12 with no unit: the point is a decimal point (a Chinese
    # sentence ends with 。), its digits lost — damaged like "21.%", value missing, guess 12.
    facts = zb.extract(f"2024年上半年，落实配套资金12{point}{after}专利授权量326件。")
    first = facts.iloc[0]
    assert first.text == f"12{point}"
    assert math.isnan(first.value) and first.flag_damaged and first.damage == "dangling_point"
    assert facts.iloc[1].text == "326件" and facts.iloc[1].value == 326
    assert list(facts.attrs["findings"]["kind"]) == ["dangling_point"]


def test_a_list_number_after_a_colon_is_no_damaged_figure():
    # "以下工作：1.加强…；2.推进…": list numbers after ：, not figures that lost their decimals.
    assert _rows("2024年上半年，重点做好以下工作：1.加强平台建设；2.推进成果转化。", "text") == []


def test_a_sound_decimal_and_a_list_number_opening_a_line_stay():
    text = "2024年上半年工作总结\n3.人才工作\n引进人才12.5万人次，专利授权量326件."
    assert _rows(text, "text", "value") == [("12.5万人次", 12.5), ("326件", 326.0)]


# ---- 2. a Chinese numeral that is part of a word is no figure --------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "一个时期以来",  # 一 + 个 before a word, no count verb: the indefinite article
        "一项重要举措",
        "一个重要抓手",
        "一次性奖励",  # 一次 + 性: an adjective
        "一家一策",  # slogans of numbered items
        "一件事一次办",
        "三个一批",
        "人才“两个确保”",  # a name in quotation marks
        "《三年行动》",
        "一段时间，一批项目，一是加强，第一，一线科研人员，一体化，一站式，统一，进一步，一流，之一",
        "十四五，两新，三农，双创，一系列政策，一大批成果，一年来，一方面",
    ],
)
def test_a_numeral_inside_a_set_phrase_is_no_figure(phrase):
    # "一个时期以来" was a figure 1 个 (no variable); 一家一策 1 家, 一次性 1 次, 三个一批 3 个.
    assert _rows(f"2024年上半年，{phrase}，专利授权量326件。", "text") == [("326件",)]


def test_a_numeral_that_counts_stays_a_figure():
    # A count verb before 一 (新增一家…), or the numeral after its phrase at the clause's end.
    text = "2024年上半年，新增一家国家级孵化器，建成省级研发平台两个，新增三个省级工程技术研究中心，新增国家级孵化器一家。"
    assert _rows(text, "text", "value") == [("一家", 1.0), ("两个", 2.0), ("三个", 3.0), ("一家", 1.0)]
