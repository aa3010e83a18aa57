"""Round 35 (issue 13): seams earlier rounds left open in the report reader (periods listed before
分别, lines between the rows of a table by area, a cell or a heading wrapped onto the next line, lexicon
entries), and a trial of report styles not in tests/data/reports. Every expected figure is checked by
hand against the sentence beside it (the sentences are our own)."""

from __future__ import annotations

import pytest

import zhibiao as zb
from report_facts import findings_of, rows_of

TITLE = "某市2025年科技工作总结\n"

# ---- 分别: a list of periods pairs with the list of figures after it, in order ---------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # two years, 和 between the figures (main: both 2025)
        ("2024年、2025年本市技术合同成交额分别为120亿元和150亿元。", [(120.0, "2024"), (150.0, "2025")]),
        # 和 between the years, 、 between the figures
        ("2023年和2024年全市发明专利授权量分别达到1200件、1500件。", [(1200.0, "2023"), (1500.0, "2024")]),
        # the years in the other order: the order listed, not the order of time
        ("2025年、2024年全市高新技术企业分别为356家、320家。", [(356.0, "2025"), (320.0, "2024")]),
        # a second clause with 分别 pairs with the same years (the growth of each)
        (
            "2024年、2025年全市高新技术企业分别为320家、356家，分别增长8.2%和11.3%。",
            [(320.0, "2024"), (356.0, "2025"), (8.2, "2024"), (11.3, "2025")],
        ),
        # 年度 and three years
        (
            "2023年度、2024年度和2025年度研发经费投入分别为18亿元、20亿元和25亿元。",
            [(18.0, "2023"), (20.0, "2024"), (25.0, "2025")],
        ),
        # the years written with 年 once (2023、2024年): the scan asks period_at at "2023、" (scan.hpp may_open_period)
        (
            "2023、2024年技术合同成交额分别为90亿元和120亿元。",
            [(90.0, "2023"), (120.0, "2024")],
        ),
    ],
)
def test_periods_listed_before_respectively_pair_with_its_figures(sentence, expected):
    assert rows_of(TITLE + sentence, "value", "period") == expected
    assert not findings_of(TITLE + sentence, "respectively")


@pytest.mark.parametrize(
    "sentence",
    [
        # three years, two figures: no pairing can be right
        "2023年、2024年和2025年专利授权量分别为900件和1000件。",
        # 分别 pairs the figures with the two things enumerated, or with the years: unclear
        "2024年和2025年技术合同成交额和登记额分别为100亿元、120亿元。",
    ],
)
def test_periods_and_figures_of_different_counts_are_a_finding_never_a_pairing(sentence):
    rows = rows_of(TITLE + sentence, "value", "period")
    # main gave each figure the last year listed; now none takes a year it may not be of
    assert rows and all(period == "" for _, period in rows)
    (finding,) = findings_of(TITLE + sentence, "respectively")
    text = TITLE + sentence
    assert text[finding.begin : finding.end] == finding.text and finding.text.startswith("20")


def test_respectively_without_a_list_of_periods_changes_nothing():
    text = TITLE + "全市高新技术企业和科技型中小企业分别为356家和1200家。2024年技术合同成交额120亿元。"
    assert rows_of(text, "value", "period") == [(356.0, "2025"), (1200.0, "2025"), (120.0, "2024")]
    # a figure after the list's sentence has the period in force again
    text = TITLE + "2024年、2025年技术合同成交额分别为120亿元和150亿元。全市发明专利授权量1500件。"
    assert rows_of(text, "value", "period")[-1] == (1500.0, "2025")


# ---- a table by area that a PDF's converter wrapped: a row's last cells, a header's units -----------

BULLETIN = "某市2025年科技统计公报\n表1 各县（市、区）专利授权情况\n"
PATENTS = [
    ("patents_granted", 1200.0, "件", "甲县"),
    ("invention_patents_granted", 300.0, "件", "甲县"),
    ("patents_granted", 120.0, "件", "乙旗"),
    ("invention_patents_granted", 30.0, "件", "乙旗"),
]


def test_a_row_whose_last_cell_wrapped_onto_the_next_line_is_joined():
    # main refused "乙旗 120" (table_row) and read 30 as a row with no area
    text = BULLETIN + "县（市、区） 专利授权量（件） 发明专利授权量（件）\n甲县 1200 300\n乙旗 120\n30\n丙县 600 90\n"
    rows = rows_of(text, "variable", "value", "unit", "entity")
    assert rows[:4] == PATENTS and rows[4:] == [
        ("patents_granted", 600.0, "件", "丙县"),
        ("invention_patents_granted", 90.0, "件", "丙县"),
    ]
    assert not findings_of(text, "table_row")


@pytest.mark.parametrize(
    "next_line",
    [
        "30 12",  # two figures where one is missing: which is whose is unknown
        "丙县 600 90",  # the next row: the cell is missing, not wrapped
    ],
)
def test_a_row_missing_a_cell_is_still_refused_when_the_next_line_does_not_complete_it(next_line):
    text = BULLETIN + "县（市、区） 专利授权量（件） 发明专利授权量（件）\n甲县 1200 300\n乙旗 120\n" + next_line + "\n"
    (refused, *_) = findings_of(text, "table_row")
    assert refused.text == "乙旗 120"
    assert all(entity != "乙旗" for (entity,) in rows_of(text, "entity"))


@pytest.mark.parametrize(
    "header",
    [
        "县（市、区） 专利授权量（件） 发明专利授权量\n（件）",  # the last label's unit wrapped
        "县（市、区） 专利授权量 发明专利授权量\n（件） （件）",  # each label's unit on a line under it
    ],
)
def test_a_header_whose_units_wrapped_onto_the_next_line_reads_itsrows_of(header):
    # main: the rows were refused or read with no variable nor area
    text = BULLETIN + header + "\n甲县 1200 300\n乙旗 120\n30\n"
    assert rows_of(text, "variable", "value", "unit", "entity") == PATENTS


def test_a_units_line_with_more_units_than_columns_is_not_taken_as_the_headers():
    text = BULLETIN + "县（市、区） 专利授权量 发明专利授权量\n（件） （亿元） （件）\n甲县 1200 300\n"
    assert all(unit != "亿元" for (unit,) in rows_of(text, "unit"))


# ---- lexicon: 签约项目 are projects -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "figure", "unit"),
    [
        ("上半年，园区签约项目48个，总投资120亿元。", "48个", "个"),  # main: cooperation_agreements, unit_mismatch
        ("全年签约项目15项。", "15项", "项"),
    ],
)
def test_signed_projects_are_projects_signed_not_agreements(sentence, figure, unit):
    facts = zb.extract("某高新区2025年上半年招商工作总结\n" + sentence)
    (row,) = [r for r in facts.itertuples() if r.text == figure]
    assert (row.variable, row.unit, row.flag_unit_mismatch) == ("projects_signed", unit, False)
    # an agreement stays one
    facts = zb.extract("某高新区2025年上半年招商工作总结\n签订合作协议12项。")
    assert list(facts.variable) == ["cooperation_agreements"]


@pytest.mark.parametrize("phrase", ["PCT国际专利申请量", "PCT专利申请量", "PCT申请量"])
def test_pct_applications_with_their_measure_are_no_patent_applications(phrase):
    # main: 专利申请量, ending where the PCT phrase does, won (patent_applications)
    facts = zb.extract(f"某市知识产权局2025年工作报告\n全年{phrase}126件。")
    assert list(facts.variable) == ["pct_applications"]


# ---- trial: a province's 统计公报 with a by-city table as a PDF converts it --------------------------


def test_trial_province_bulletin_with_a_wrapped_table_by_city():
    # every figure checked by hand against its sentence or row (our own text)
    text = (
        "某省2025年国民经济和社会发展统计公报\n七、科学技术和教育\n"
        "全年专利授权量12.6万件，其中发明专利授权量2.8万件。年末有效发明专利16.3万件。\n"
        "表5 2025年各市专利授权情况\n市 专利授权量（件） 发明专利授权量（件）\n"
        "甲市 45210 12036\n乙市 20115\n5120\n— 12 —\n丙市 9830 1504\n"
    )
    assert rows_of(text, "variable", "value", "unit", "period", "entity") == [
        ("patents_granted", 12.6, "万件", "2025", ""),
        ("invention_patents_granted", 2.8, "万件", "2025", ""),
        ("valid_invention_patents", 16.3, "万件", "2025", ""),
        ("patents_granted", 45210.0, "件", "2025", "甲市"),
        ("invention_patents_granted", 12036.0, "件", "2025", "甲市"),
        ("patents_granted", 20115.0, "件", "2025", "乙市"),
        ("invention_patents_granted", 5120.0, "件", "2025", "乙市"),
        ("patents_granted", 9830.0, "件", "2025", "丙市"),
        ("invention_patents_granted", 1504.0, "件", "2025", "丙市"),
    ]
    assert not findings_of(text, "table_row")
