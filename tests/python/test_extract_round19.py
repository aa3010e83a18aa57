"""Round 19: two of the commonest sentences of a bureau report lost their figure (trial finding F9)."""

from __future__ import annotations

import pytest

import zhibiao as zb


def _rows(text: str) -> list[tuple]:
    facts = zb.extract("2026年上半年，" + text)
    return [tuple(row) for row in facts[["text", "variable"]].itertuples(index=False)]


@pytest.mark.parametrize(
    "text",
    ["派出5名科技特派员到各村。", "选派5名科技特派员。", "选派5位科技特派员深入企业。", "派出5人科技特派员。"],
)
def test_a_count_of_people_before_its_phrase_names_them(text):
    # 5名科技特派员 names the people it counts, as 22家企业申报高新技术企业 names the firms
    (figure,) = _rows(text)
    assert figure[1] == "science_commissioners"


@pytest.mark.parametrize(
    "text",
    ["组织200人参加科普活动。", "带动就业1200人，科技特派员服务覆盖全县。"],  # people are no 科普活动 (次)
)
def test_a_count_of_people_binds_no_phrase_of_another_measure(text):
    assert _rows(text)[0][1] == ""


@pytest.mark.parametrize(
    ("text", "total", "part"),
    [
        ("专利授权量241件，其中发明专利19件。", "patents_granted", "invention_patents_granted"),
        ("专利申请量500件，其中发明专利120件。", "patent_applications", "invention_patent_applications"),
        ("专利申请量500件，其中发明专利为120件。", "patent_applications", "invention_patent_applications"),
    ],
)
def test_a_kind_after_qizhong_takes_the_totals_stage(text, total, part):
    rows = _rows(text)
    assert [r[1] for r in rows] == [total, part]
    facts = zb.extract("2026年上半年，" + text)
    assert not facts["flag_part"].any()  # the kind's own total, not a part by level
    panel = facts.to_panel(entity="某县")
    assert part in panel.variables


@pytest.mark.parametrize(
    "text",
    [
        "有效发明专利1200件，其中发明专利19件。",  # the total states no stage: which variable is not said
        "专利授权量241件，其中实用新型180件。",  # a kind the lexicon has no variable of
        "专利授权量241件，其中发明专利、实用新型共200件。",  # two kinds together
    ],
)
def test_a_kind_after_qizhong_is_never_guessed(text):
    assert _rows(text)[1][1] == ""


def test_a_figure_beyond_a_double_is_said_so_in_the_panel_findings():
    # trial19 F7: it was "亿元 does not convert to 万元" — 亿元 converts; the number does not fit
    panel = zb.read_report("2024年技术合同成交额" + "9" * 400 + "亿元。", entity="A")
    (finding,) = panel.findings.itertuples(index=False)
    assert finding.kind == "out_of_range"
    assert "beyond the range of a double" in finding.message
    assert "convert" not in finding.message
