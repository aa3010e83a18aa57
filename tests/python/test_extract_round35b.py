"""Round 35b (issue 13): a note between the rows of a table (注：…, 资料来源…, 单位：件, （下转第2页）, a
page's number, the title repeated) no longer ends it silently; after 分别 every figure of its list
takes the phrase before it; a ratio to GDP stated as 与地区生产总值之比 or 相当于GDP的 after a quantity is
the lexicon's share of it. The sentences are our own; each expected figure is read off the line."""

from __future__ import annotations

import pytest

import zhibiao as zb

TITLE = "某市2025年科技工作总结\n"
HEADER = "县（市、区） 专利授权量（件） 发明专利授权量（件）\n"


def _row(text: str, value: float) -> tuple:
    facts = zb.extract(text)
    rows = [r for r in facts.itertuples() if r.value == value]
    assert len(rows) == 1, rows
    r = rows[0]
    return r.variable, r.entity, r.unit, r.period


def _findings(text: str, kind: str) -> list:
    return [f for f in zb.extract(text).attrs["findings"].itertuples() if f.kind == kind]


@pytest.mark.parametrize(
    "note",
    ["注：含外观设计专利", "资料来源：市统计局", "（下转第2页）", "单位：件", "数据来源于市统计局", "第 3 页", "- 3 -", "某市2025年科技工作总结", "说明：2025年为快报数"],
)
def test_a_note_between_rows_keeps_the_table(note: str) -> None:
    text = TITLE + HEADER + "青山县 320 45\n" + note + "\n红旗区 410 60\n龙湖区 280 30\n"
    # int35: 410 and 60 had no variable, no area and no finding
    assert _row(text, 410.0) == ("patents_granted", "红旗区", "件", "2025")
    assert _row(text, 30.0) == ("invention_patents_granted", "龙湖区", "件", "2025")
    assert _findings(text, "table_row") == []


def test_rows_after_a_sentence_that_ended_the_table_are_flagged() -> None:
    text = TITLE + HEADER + "青山县 320 45\n其中，青山县增长较快。\n红旗区 410 60\n龙湖区 280 30\n"
    flagged = _findings(text, "table_row")
    assert [f.text for f in flagged] == ["红旗区 410 60", "龙湖区 280 30"]


@pytest.mark.parametrize(
    ("sentence", "second"),
    [
        ("2023年和2024年全市发明专利授权量分别达到1200件、1500件。", (1500.0, "invention_patents_granted", "2024")),
        ("2023年、2024年全市知识产权质押融资额分别为18.6亿元、23.4亿元。", (23.4, "pledge_financing", "2024")),
    ],
)
def test_after_respectively_each_figure_takes_the_phrase(sentence: str, second: tuple) -> None:
    value, variable, period = second
    got = _row(TITLE + sentence, value)
    assert (got[0], got[3]) == (variable, period)


@pytest.mark.parametrize(
    ("sentence", "value", "variable"),
    [
        ("全市研究与试验发展经费支出1286.5亿元，比上年增长9.2%，与地区生产总值之比为2.35%。", 2.35, "rd_intensity"),
        ("全社会研发投入1286.5亿元，相当于GDP的2.35%。", 2.35, "rd_intensity"),
        ("全市高新技术产业增加值860亿元，与地区生产总值之比为21.5%。", 21.5, "hitech_va_share_gdp"),
    ],
)
def test_a_ratio_to_gdp_is_the_share_of_the_quantity_before(sentence: str, value: float, variable: str) -> None:
    got = _row(TITLE + sentence, value)
    assert (got[0], got[2]) == (variable, "%")
