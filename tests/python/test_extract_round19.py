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


@pytest.mark.parametrize(
    "text",
    [
        "全市技术合同成交额比上年翻一番，达到2.4亿元。",  # trial19 F8
        "全市技术合同成交额比上年大幅增长，达到2.4亿元。",
        "全市技术合同成交额大幅提升，达2.4亿元。",
    ],
)
def test_the_level_after_a_clause_stating_a_change_without_a_figure(text):
    facts = zb.extract("2024年，" + text)
    (row,) = facts.itertuples(index=False)
    assert (row.variable, row.value, row.unit) == ("tech_contract_value", 2.4, "亿元")
    assert not row.flag_change
    assert "tech_contract_value" in facts.to_panel(entity="A").variables


@pytest.mark.parametrize(
    "text",
    [
        "全市加大研发投入，达到2.4亿元。",  # no phrase of the lexicon before
        "专利申请、授权量大幅增长，达到500件。",  # an enumeration of phrases
        "技术合同成交额增长20%，达到2.4亿元。",  # the clause before has a figure: level_after_change
    ],
)
def test_the_level_after_a_change_is_not_guessed_across_an_enumeration(text):
    facts = zb.extract("2024年，" + text)
    last = facts.iloc[-1]
    if "技术合同成交额" in text:
        assert last["variable"] == "tech_contract_value"
    else:
        assert last["variable"] == ""


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("全区净增高新技术企业15家。", [("hnte_total", 15.0, True)]),
        ("高新技术企业较上年末净增7家。", [("hnte_total", 7.0, True)]),
        ("高新技术企业净增218家、总数突破1500家。", [("hnte_total", 218.0, True), ("hnte_total", 1500.0, False)]),
        ("全区新增高新技术企业15家。", [("hnte_recognised", 15.0, False)]),
        ("全区增加高新技术企业15家。", [("hnte_total", 15.0, True)]),  # 增加 before the phrase: a change too
        ("全区减少高新技术企业3家。", [("hnte_total", -3.0, True)]),
        ("增加财政科技投入2000万元。", [("fiscal_st_expenditure", 2000.0, True)]),  # never the level
    ],
)
def test_a_net_increase_is_a_change_of_the_stock_not_the_new_ones(text, rows):
    # 净增 = the new less those that left (trial19 F8): never the number newly recognised
    facts = zb.extract("2024年，" + text)
    assert [(r.variable, r.value, r.flag_change) for r in facts.itertuples(index=False)] == rows
