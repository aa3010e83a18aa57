"""Round 31 (issue 13): tables and periods as a PDF or Word conversion leaves them — a 序号 column,
a unit stated in the caption or the header, a thousands group split by a blank inside a cell, a blank
inside a period phrase. Each rule with the layouts it must read and those that must read as before.
The tables are made up for the rules, not the trial's texts."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb


def _rows(text, **options):
    f = zb.extract(text, **options)
    return list(zip(f.variable, f.value, f.unit, f.period))


# ---- 1. a 序号 column: the row number is no figure, the rows read as without it ----------------

_REFERENCE = "2026年1-6月主要指标\n指标名称 单位 全年目标 1-6月完成 完成率\n高新技术企业 家 30 18 60.0%\n"


@pytest.mark.parametrize(
    "text",
    [
        "2026年1-6月主要指标\n序号 指标名称 单位 全年目标 1-6月完成 完成率\n1 高新技术企业 家 30 18 60.0%\n",
        "2026年1-6月主要指标\n序号 | 指标名称 | 单位 | 全年目标 | 1-6月完成 | 完成率\n" "12 | 高新技术企业 | 家 | 30 | 18 | 60.0%\n",
        "2026年1-6月主要指标\n编号 指标名称 单位 全年目标 1-6月完成 完成率\n3 高新技术企业 家 30 18 60.0%\n",
    ],
)
def test_numbered_table_reads_as_the_reference_layout(text):
    assert _rows(text) == _rows(_REFERENCE)
    assert _rows(_REFERENCE)[:2] == [("hnte_total", 30.0, "家", "2026"), ("hnte_total", 18.0, "家", "2026H1")]


def test_numbered_table_of_several_rows_reads_every_row_and_no_row_number():
    text = "2025年全区科技指标\n序号 指标名称 单位 2024年 2025年\n" "1 研发经费投入 万元 29000 32000\n2 技术合同成交额 万元 5000 6000\n"
    assert _rows(text) == [
        ("rd_expenditure", 29000.0, "万元", "2024"),
        ("rd_expenditure", 32000.0, "万元", "2025"),
        ("tech_contract_value", 5000.0, "万元", "2024"),
        ("tech_contract_value", 6000.0, "万元", "2025"),
    ]


# ---- 2. the unit stated in a caption or a header: the unit of the cells that state none ---------


@pytest.mark.parametrize(
    "caption",
    ["表1 2026年上半年主要科技指标（单位：万元）", "2026年上半年主要科技指标\n（单位：万元）", "2026年上半年主要科技指标\n单位：万元"],
)
def test_unit_in_caption_is_the_unit_of_the_cells(caption):
    text = caption + "\n指标名称 1-6月 上年同期 增幅(%)\n研发经费投入 32000 29000 10.3\n"
    f = zb.extract(text)
    assert list(zip(f.variable, f.value, f.unit, f.period)) == [
        ("rd_expenditure", 32000.0, "万元", "2026H1"),
        ("rd_expenditure", 29000.0, "万元", "2025H1"),
        ("rd_expenditure", 10.3, "%", "2026H1"),
    ]
    assert list(f.flag_change) == [False, False, True]


def test_bare_unit_line_of_a_count():
    text = "2026年上半年主要指标\n单位：家\n指标名称 上年同期 1-6月完成\n科技型中小企业 100 120\n"
    assert _rows(text) == [("tech_sme_registered", 100.0, "家", "2025H1"), ("tech_sme_registered", 120.0, "家", "2026H1")]


def test_a_cells_own_unit_wins_over_the_caption():
    text = "2026年科技指标（单位：万元）\n指标名称 2025年 2026年\n研发经费投入 2.9亿元 3.2亿元\n"
    assert [(v, u) for _, v, u, _ in _rows(text)] == [(2.9, "亿元"), (3.2, "亿元")]


@pytest.mark.parametrize(
    "header",
    ["指标名称 金额（万元） 同比增长(%)", "指标名称 1-6月（万元） 同比增长(%)"],
)
def test_unit_in_a_column_label(header):
    text = "2026年上半年科技指标\n" + header + "\n财政科技支出 800 12.5\n"
    assert _rows(text) == [
        ("fiscal_st_expenditure", 800.0, "万元", "2026H1"),
        ("fiscal_st_expenditure", 12.5, "%", "2026H1"),
    ]


def test_year_columns_with_units():
    text = "全区科技指标\n指标名称 2025年（万元） 2026年（万元）\n研发经费投入 29000 32000\n"
    assert _rows(text) == [("rd_expenditure", 29000.0, "万元", "2025"), ("rd_expenditure", 32000.0, "万元", "2026")]


def test_table_without_any_unit_still_has_no_variable():
    text = "2026年上半年主要科技指标\n指标名称 1-6月 上年同期 增幅(%)\n研发经费投入 32000 29000 10.3\n"
    f = zb.extract(text)
    assert list(f.value) == [32000.0, 29000.0, 10.3]
    assert all(f.flag_no_variable)


@pytest.mark.parametrize(
    "text",
    [
        "2026年上半年科技指标（单位：万元）\n指标名称 2026年上半年\n完成 同比增长\n研发经费投入 32000 10.3\n",
        "2026年科技指标（单位：万元）\n指标名称 2026年 \n 目标 完成\n研发经费投入 35000 32000\n",
        "（单位：万元）\n序号 指标名称 2025年\n2026年\n1 研发经费投入 29000 32000\n",
    ],
)
def test_merged_header_rows_invent_no_number(text):
    f = zb.extract(text)
    cells = {float(w) for w in text.replace("\n", " ").split() if w.replace(".", "").isdigit()}
    # every value is a number the table prints, never a year of its header nor two cells joined
    assert set(f.value) <= cells - {2025.0, 2026.0}
    # a row number read (its header not understood) is a figure of nothing
    assert all(var == "" for var, value in zip(f.variable, f.value) if value == 1.0)


# ---- 3. a thousands group split by a blank in a cell: one damaged figure, guessed ---------------

_SPLIT = "2026年上半年主要指标\n指标名称 单位 上年同期 1-6月完成 同比增长\n有效发明专利 件 1 020 1 135 11.3%\n"


def test_split_cells_are_one_damaged_figure_each_with_a_guess():
    f = zb.extract(_SPLIT, guess=True)
    assert list(f.variable) == ["valid_invention_patents"] * 3
    assert list(f.damage) == ["split_digits", "split_digits", ""]
    assert math.isnan(f.value[0]) and math.isnan(f.value[1])
    assert list(f.guess[:2]) == [1020.0, 1135.0]
    assert list(f.flag_guess) == [True, True, False]
    assert list(f.period) == ["2025H1", "2026H1", "2026H1"]


def test_split_cells_without_guess_have_none():
    f = zb.extract(_SPLIT)
    assert list(f.damage[:2]) == ["split_digits", "split_digits"]
    assert all(math.isnan(g) for g in f.guess) and not any(f.flag_guess)


def test_split_cell_in_a_table_with_year_columns():
    text = "全区科技指标\n指标名称 单位 2025年 2026年\n技术合同成交额 万元 4 560 5 200\n"
    f = zb.extract(text, guess=True)
    assert list(zip(f.variable, f.period, f.damage, f.guess)) == [
        ("tech_contract_value", "2025", "split_digits", 4560.0),
        ("tech_contract_value", "2026", "split_digits", 5200.0),
    ]


def test_cells_that_fit_their_columns_are_never_joined():
    text = "全区科技指标\n指标名称 2025年 2026年 2027年\n研发经费投入（万元） 12 345 678\n"
    assert [v for _, v, _, _ in _rows(text)] == [12.0, 345.0, 678.0]


def test_ambiguous_split_is_not_joined():
    # two cells too many, one pair that could be a split figure: which cells belong together is unknown
    text = "全区科技指标\n指标名称 单位 2025年 2026年\n研发经费投入 万元 12 345 678 9\n"
    f = zb.extract(text, guess=True)
    assert not any(f.flag_guess)
    assert all(f.flag_no_variable)


# ---- 4. a blank a conversion left inside a period phrase keeps the period -----------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("202 6年上半年，申报项目32项。", "2026H1"),
        ("202 6年，申报项目32项。", "2026"),
        ("2026年1- 6月，申报项目32项。", "2026H1"),
        ("2026年上 半年，申报项目32项。", "2026H1"),
        ("截至202 6年6月底，申报项目32项。", "2026H1"),
        # the ones read before this round
        ("2026年上半年，申报项目32项。", "2026H1"),
        ("2026年上半 年，申报项目32项。", "2026H1"),
        ("2026年 上半年，申报项目32项。", "2026H1"),
        ("2026 年上半年，申报项目32项。", "2026H1"),
        ("2026年1 -6月，申报项目32项。", "2026H1"),
        ("2026年1-6 月，申报项目32项。", "2026H1"),
        ("2026年下 半年，申报项目32项。", "2026H2"),
    ],
)
def test_blank_inside_a_period_keeps_it(text, period):
    assert _rows(text) == [("projects_applied", 32.0, "项", period)]


def test_blank_split_number_that_is_no_year_stays_a_figure():
    # 1208 is no year: the blank is no lost digit of one
    f = zb.extract("2026年，全区申报项目120 8年累计。")
    assert 2026.0 not in set(f.value) and 1208.0 not in set(f.value)


def test_name_split_by_a_blank_leaves_its_cells_apart():
    # one token too many, from the name: the cells 30 and 180 are two figures, never 30180
    text = "2026年主要指标\n指标名称 单位 2025年 2026年\n高新技术 企业 家 30 180\n"
    f = zb.extract(text, guess=True)
    assert list(f.value) == [30.0, 180.0]
    assert not any(f.flag_guess) and set(f.damage) == {""}
