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


# ---- 3. a multiple (是…的1.6倍) is no level of the variable -----------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "全市专利授权量达到2023年的1.6倍",  # the year is the base compared with, not the period
        "专利授权量是2023年同期的1.6倍",
        "专利授权量是去年同期的1.6倍",
        "专利授权量为上年的1.6倍",
    ],
)
def test_a_multiple_is_no_count_and_keeps_the_period(sentence):
    # An analyst reads "是去年同期的1.6倍" as a ratio to the base, not a count of patents and not a
    # change (同比增长1.6倍 is +160 %, 是…的1.6倍 is +60 %): no variable, unit 倍, of the period in
    # force (2024H1; "达到2023年的1.6倍" set the period to 2023).
    rows = _rows(f"2024年上半年，{sentence}，新增高新技术企业12家。", "text", "variable", "unit", "period")
    assert rows == [("1.6倍", "", "倍", "2024H1"), ("12家", "hnte_recognised", "家", "2024H1")]
    panel = zb.extract(f"2024年上半年，{sentence}。").to_panel("县")
    assert "patents_granted" not in panel.to_pandas().columns


def test_growth_by_a_multiple_is_a_change_of_the_variable():
    rows = _rows("2024年上半年，技术合同成交额达5.8亿元，同比增长1.6倍。", "text", "variable", "flag_change")
    assert rows == [("5.8亿元", "tech_contract_value", False), ("1.6倍", "tech_contract_value", True)]


# ---- 4. technology contracts by type are not the total ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2024年，技术合同成交额5.8亿元，其中技术开发合同3.2亿元、技术转让合同0.5亿元，技术服务合同1.1亿元。",
        "2024年，技术合同成交额5.8亿元，技术开发类合同成交额3.2亿元，技术服务类合同交易额0.5亿元，技术咨询合同成交金额1.1亿元。",
        "2024年，技术合同成交额5.8亿元，其中技术开发合同成交额3.2亿元，技术转让合同成交额0.5亿元，技术服务合同成交额1.1亿元。",
    ],
)
def test_contracts_by_type_never_bind_the_total(text):
    rows = _rows(text, "text", "variable")
    assert rows == [("5.8亿元", "tech_contract_value"), ("3.2亿元", ""), ("0.5亿元", ""), ("1.1亿元", "")]


def test_contract_counts_by_type_never_bind_the_total():
    text = "2024年，登记技术合同312项，其中技术开发合同121项，技术转让合同20项，技术咨询合同8项，技术服务合同163项。"
    assert _rows(text, "text", "variable") == [
        ("312项", "tech_contract_count"),
        ("121项", ""),
        ("20项", ""),
        ("8项", ""),
        ("163项", ""),
    ]


# ---- 5. 研发费用 (enterprise R&D expenses) is not 研发经费 (R&D expenditure) -----------------------


def test_rd_expenses_rd_expenditure_and_the_deduction_are_separate():
    # 企业研发费用20亿元 had no variable; 研发费用加计扣除15亿元 (without 额) none either, and
    # 加计扣除减免税额 (the tax saved: indicators.md's county indicator) none.
    text = "2024年，全市研发经费投入30亿元，企业研发费用20亿元，企业享受研发费用加计扣除15亿元，" "享受研发费用加计扣除减免税额3000万元，研发费用加计扣除金额12亿元。"
    assert _rows(text, "text", "variable") == [
        ("30亿元", "rd_expenditure"),
        ("20亿元", "enterprise_rd_expenses"),
        ("15亿元", "rd_super_deduction"),
        ("3000万元", "rd_deduction_tax_relief"),
        ("12亿元", "rd_super_deduction"),
    ]


# ---- 6. 科普活动 in 场次 -------------------------------------------------------------------------


def test_science_popularisation_events_in_changci():
    # 120场次 was unit_mismatch / no variable (the variable is in 次); 场次 and 场 count events.
    text = "2024年，开展科普活动120场次，举办科普讲座30场，参与群众2.3万人次。"
    assert _rows(text, "text", "variable") == [
        ("120场次", "science_popularisation_events"),
        ("30场", "science_popularisation_events"),
        ("2.3万人次", ""),
    ]
    panel = zb.extract("2024年，开展科普活动120场次。").to_panel("县")
    assert panel.to_pandas()["science_popularisation_events"].tolist() == [120.0]
    # Not people: 培训23场次 is no count of people trained (人次).
    assert _rows("2024年，开展科技培训23场次。", "variable", "flag_unit_mismatch") == [("", True)]


def test_industrial_firms_rd_expenses_are_a_subset():
    # tests/data/reports/city_h1_yoy_parts.txt: "规模以上工业企业研发费用投入23.5亿元，同比增长16.8%" had no
    # variable; the subset of firms above designated size, never the whole's enterprise_rd_expenses.
    rows = _rows("2026年上半年，规模以上工业企业研发费用投入23.5亿元，同比增长16.8%。", "text", "variable")
    assert rows == [("23.5亿元", "enterprise_rd_expenses_industrial"), ("16.8%", "enterprise_rd_expenses_industrial")]


# ---- 7. plan headings: 今后 / 下一步 / 明年, and two years joined ---------------------------------


@pytest.mark.parametrize(
    ("heading", "period"),
    [
        ("二、2025年及2026年工作计划", "2026"),  # was no plan at all: 20家 a done figure of 2025
        ("二、2025年和2026年工作打算", "2026"),
        ("二、明年工作计划", "2025"),  # was a plan of 2024 (the title's year)
        ("二、明年重点工作", "2025"),  # was no plan
        ("二、今后工作", "2024"),  # was no plan; no period of its own: the one in force
        ("二、今后工作打算", "2024"),
        ("二、下一步工作打算", "2024"),
    ],
)
def test_a_heading_of_plans_ahead(heading, period):
    # Lines of prose as a report has them (a short text of short lines reads as wrapped prose).
    text = (
        "某县科技局2024年科技工作总结\n一、2024年工作开展情况\n"
        "全年专利授权量326件，科技创新工作取得新的成效，各项重点任务有序推进，服务企业能力不断提升。\n"
        f"{heading}\n"
        "新增高新技术企业20家，持续优化创新生态，强化企业创新主体地位，推动科技成果转化落地见效。\n"
        "三、存在的问题\n"
        "专利授权量下降5%，创新投入总体不足，高层次人才引进仍然较难，科技服务体系还不够完善。\n"
    )
    assert _rows(text, "text", "period", "flag_target") == [
        ("326件", "2024", False),
        ("20家", period, True),
        ("5%", "2024", False),
    ]


def test_next_year_in_a_plan_is_the_year_after_the_report():
    # 明年 under a heading of 2026's plans is still the year after the report's (2025), not 2027.
    text = "某县科技局2024年科技工作总结\n一、工作开展情况\n专利授权量326件。\n二、明年工作计划\n明年力争技术合同成交额达到3亿元。"
    assert _rows(text, "text", "period", "flag_target") == [("326件", "2024", False), ("3亿元", "2025", True)]


# ---- a month's paragraph in a brief of January to the month ---------------------------------


def test_a_month_in_a_brief_holds_for_its_paragraph_only():
    # tests/data/reports/city_monthly_brief_2026_10.txt: "10月，新增…2家" is October's; the next
    # section's figures (规上工业企业研发费用投入86.4亿元…) were 2026-10 to the end of the brief, they are
    # of January to October again.
    text = (
        "东江市科学技术局科技工作简报（2026年第10期）\n"
        "1-10月，全市专利授权量6512件，同比增长18.6%。\n"
        "10月，新增省级科技企业孵化器2家。\n"
        "（一）企业研发投入。全市规上工业企业研发费用投入86.4亿元，同比增长12.8%。\n"
    )
    assert _rows(text, "text", "period") == [
        ("6512件", "2026YTD10"),
        ("18.6%", "2026YTD10"),
        ("2家", "2026-10"),
        ("86.4亿元", "2026YTD10"),
        ("12.8%", "2026YTD10"),
    ]


def test_the_first_year_of_a_span_is_no_figure():
    # "2025—2026年", "2023-2025年", "2023至2025年": the first year was a confident figure 2025/2023
    # without a unit (no variable); it is a date.
    for span in ["2025—2026年", "2023-2025年", "2023至2025年"]:
        text = f"2024年，完成{span}规划编制，专利授权量326件。"
        assert [r[0] for r in _rows(text, "text")] == ["326件"], span


def test_a_target_word_ending_a_quoted_name_sets_no_target():
    # "坚持“两个确保”" is a slogan: its 确保 made 326件 after it in the sentence a target.
    rows = _rows("2024年上半年，我局坚持“两个确保”，专利授权量326件。", "text", "flag_target")
    assert rows == [("326件", False)]
