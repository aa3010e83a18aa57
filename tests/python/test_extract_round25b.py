"""Round 25b: a part after 其中 with no scope word of its own takes its total's scope.

(rd25b's period rules for dated reports — 过去一年 / 去年 in work reports, meetings and press
releases — were reverted after review 25c found them firing too broadly: 在去年基础上, 将…纳入, a
year after a lead-in overriding 上半年. The press release stays a known misreading.)"""

from __future__ import annotations

import pytest

import zhibiao as zb


def _rows(text: str, *columns: str) -> list[tuple]:
    facts = zb.extract(text)
    return [tuple(row) for row in facts[list(columns)].itertuples(index=False)]


@pytest.mark.parametrize(
    ("total", "part"),
    [
        ("全年新建市级以上创新平台三十二个", "key_laboratories_new"),  # the total's 新建: the five are new
        ("累计建成创新平台三十二个", "key_laboratories"),
        ("全区共有创新平台三十二个", "key_laboratories"),  # no scope stated: the stock, as before
    ],
)
def test_a_part_with_no_scope_word_takes_its_totals(total, part):
    text = f"某高新区2025年工作总结\n{total}，其中省级重点实验室五个。"
    assert _rows(text, "text", "variable")[-1] == ("五个", part)
