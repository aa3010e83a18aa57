"""Round 27: the reader tried on report styles it had not seen (tests/data/reports: a province summary
with its cities' figures, a high-tech zone's report listing firms' figures, a people's congress review
of the S&T budget's execution, a PDF-wrapped county summary), and the known misreadings of round 26's
trial — each rule with the cases it must fire on and those it must not."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb


def _rows(text: str, *columns: str) -> list[tuple]:
    facts = zb.extract(text)
    rows = []
    for row in facts[list(columns)].itertuples(index=False):
        rows.append(tuple("" if isinstance(v, float) and math.isnan(v) else v for v in row))
    return rows


# ---- 比去年新增: how many more than last year, a change of the stock ---------------------------


@pytest.mark.parametrize(
    "clause",
    ["比去年新增2个", "较上年新增2个", "比2024年新增2个", "同比新增2个", "众创空间较去年新增2个"],
)
def test_new_after_a_comparison_is_a_change_of_the_stock(clause):
    # was makerspaces_new: 2 new ones, though the sentence says there are 2 more than a year before
    text = f"2025年，全县众创空间总数达到9个，{clause}。"
    assert _rows(text, "text", "variable", "flag_change") == [
        ("9个", "makerspaces", False),
        ("2个", "makerspaces", True),
    ]


def test_a_part_after_that_change_is_a_part_of_the_stock():
    text = "2025年，全县众创空间总数达到9个，比去年新增2个，其中，国家级众创空间3个。"
    assert _rows(text, "text", "variable", "flag_part")[-1] == ("3个", "makerspaces", True)


@pytest.mark.parametrize(
    "text",
    [
        "2025年，全县新增众创空间2个。",  # no comparison
        "2025年，全县比较重视，新增众创空间2个。",  # 比较 is an adverb, not a comparison
        "2025年，比例合理，新增众创空间2个。",  # nor 比例 before a comma
    ],
)
def test_new_without_a_comparison_is_still_the_flow(text):
    assert _rows(text, "variable", "flag_change") == [("makerspaces_new", False)]
