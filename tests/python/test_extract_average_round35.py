"""年平均递增 and the other change words after an average (round 35).

Before round 35 two rules disagreed on which change words make 年平均/平均每年 an average change: the one that
keeps 平均 from narrowing a figure accepted 增长/增速/提高/下降/增幅 only, the one that sets the scope
`annual_average` also 递增/增加/减少/复合 — so "年平均递增12%" lost its variable (a narrowed figure) while
"年均递增12%" was an annual average. One list now serves both.
"""

import pytest

import zhibiao as zb


def _only_change(text):
    facts = zb.extract(text)
    rows = facts[facts["unit"] == "%"]
    assert len(rows) == 1, rows
    return rows.iloc[0]


@pytest.mark.parametrize("words", ["年平均增加", "年平均减少", "平均每年增加", "平均每年减少", "年均增加", "年平均递增", "年均递增", "平均每年递增"])
def test_annual_average_keeps_its_variable(words):
    row = _only_change(f"2025年全市科技工作总结\n近三年，全市研发经费投入{words}12%。")
    assert row["variable"] == "rd_expenditure"
    assert row["scope"] == "annual_average"


def test_a_yearly_decrease_is_a_decline():
    # 年均递减: a change, and a fall (before round 35 递增/递减 were no change words: the 8% had no variable)
    row = _only_change("2025年全市科技工作总结\n近三年，全市研发经费投入年均递减8%。")
    assert (row["variable"], row["value"], row["scope"]) == ("rd_expenditure", -8, "annual_average")


def test_bare_average_increase_is_one_items():
    # 平均增加收入3000元: each household's increase on average, not the whole's change
    facts = zb.extract("2025年全市科技工作总结\n科技特派员服务农户，户均平均增加收入3000元。")
    assert (facts["variable"].fillna("") == "").all() or facts.empty
