"""Round 17 of the report reader (issue #13, reading quality): what three new sample reports
(tests/data/reports: a province department's annual summary in 万家/万件 with changes in points, a
county's first-three-quarters summary as a PDF converter leaves it, a development zone's review of
the 14th five-year plan with its plans for 2026) showed misread, and two known gaps (a part by sector
larger than its total, a blank where a thousands separator was). Sentences written for the
project; every expected figure is checked by hand against its sentence."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb


def _rows(text: str, *columns: str) -> list[tuple]:
    facts = zb.extract(text)
    return [tuple(getattr(r, c) for c in columns) for r in facts.itertuples()]


# ---- 1. a five-year plan's span is a period: its last year, a total over several years -----------


@pytest.mark.parametrize(
    ("span", "year"),
    [("“十四五”期间", "2025"), ("十四五时期", "2025"), ("“十三五”期间", "2020"), ('"十五五"期间', "2030")],
)
def test_a_total_over_a_five_year_plan_is_of_its_last_year_and_flagged_since(span, year):
    # "“十四五”期间累计入库科技型中小企业1860家" had no period at all when none was in force before it
    facts = zb.extract(f"某开发区科技创新工作总结\n{span}累计入库科技型中小企业1860家。")
    row = facts.iloc[0]
    assert (row.text, row.variable, row.period) == ("1860家", "tech_sme_registered", year)
    assert row.flag_since  # five years' total: no level of the last year
    assert "since" in set(facts.to_panel("zone").findings["kind"])


def test_the_end_of_a_plan_is_its_last_year_and_no_span():
    facts = zb.extract("某开发区科技创新工作总结\n到“十四五”末，全区高新技术企业总数达到420家。")
    row = facts.iloc[0]
    assert (row.period, bool(row.flag_since)) == ("2025", False)


def test_a_plan_named_without_its_span_states_no_period():
    # “十四五”以来 keeps the period in force (flag since); 十四五规划 names a document
    rows = _rows("2024年工作总结\n“十四五”以来，累计新增高新技术企业120家，完成十四五规划目标的80%。", "period")
    assert rows == [("2024",), ("2024",)]


# ---- 2. a figure broken at the end of a line wider than the wrap ----------------------------------

WIDE_LINE = (
    "某县科学技术局2026年前三季度科技工作总结\n"
    "2026年以来，在县委、县政府的坚强领导下，我局紧紧围绕\n"
    "全县中心工作，深入实施创新驱动发展战略，各项工作有序推\n"
    "进，登记技术合同２１４项，其中技术开发合同１２０项，技\n"
    "术合同成交额１．３６亿元，同比增长２１．４％，专利授权量6\n"  # 57 columns, the others 52-54
    "38件，其中发明专利授权量５２件，均较上年同期有所增长，\n"
    "各项工作取得新成效，为全年目标任务的完成打下了坚实基础\n"
    "，为全县经济社会高质量发展提供了有力的科技和人才支撑。\n"
)


def test_digits_broken_at_the_end_of_a_line_wider_than_the_wrap_are_one_figure():
    # the line ending "共计6" holds half-width digits: more columns than the wrap's width, no digit lost
    facts = zb.extract(WIDE_LINE)
    row = facts[facts.text == "6\n38件"].iloc[0]
    assert (row.variable, row.value, row.damage) == ("patents_granted", 638, "")


def test_digits_broken_at_the_end_of_a_short_line_stay_split():
    short = WIDE_LINE.replace("，同比增长２１．４％，专利授权量6\n", "，专利授权量6\n")  # 38 columns
    row = zb.extract(short).query("text == '6\\n38件'").iloc[0]
    assert math.isnan(row.value) and row.damage == "split_digits"


# ---- 3. a part by sector larger than its total --------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # after a share and a ；: the list of parts goes on
        "科技型中小企业评价入库612家，其中制造业企业395家，占64.5%；软件和信息服务业企业748家，占24.2%。",
        # 其中 opening the next sentence
        "科技型中小企业评价入库612家。其中制造业企业795家。",
        "科技型中小企业评价入库612家。\n其中，制造业企业795家。",
    ],
)
def test_a_part_by_sector_larger_than_its_total_is_inconsistent(sentence):
    facts = zb.extract("2025年，" + sentence)
    findings = facts.attrs["findings"]
    assert list(findings.kind) == ["inconsistent_parts"]
    part = findings.text.iloc[0]
    assert facts.loc[facts.text == part, "flag_suspect"].all()
    assert not facts.loc[facts.text == "612家", "flag_suspect"].any()


@pytest.mark.parametrize(
    "sentence",
    [
        "科技型中小企业评价入库612家，其中制造业企业395家，占64.5%；软件和信息服务业企业148家，占24.2%。",
        "科技型中小企业评价入库612家。其中制造业企业395家。",
        # a total of its own after ；(its own phrase, no 其中 in its clause) is no part
        "科技型中小企业评价入库612家，其中制造业企业395家；新建众创空间900家。",
        # a sentence between the total and the 其中: no part of it
        "科技型中小企业评价入库612家。全年工作扎实推进。其中制造业企业795家。",
    ],
)
def test_parts_within_their_total_and_other_totals_are_consistent(sentence):
    facts = zb.extract("2025年，" + sentence)
    assert list(facts.attrs["findings"].kind) == [] and not facts.flag_suspect.any()


# ---- 4. a blank where a thousands separator was -------------------------------------------------


@pytest.mark.parametrize(
    ("figure", "guess"),
    [("12,345 678万元", 12345678), ("1,234 567,890元", 1234567890), ("12,345  678.5万元", 12345678.5)],
)
def test_a_blank_for_a_thousands_separator_is_one_damaged_figure(figure, guess):
    # "12,345 678万元" was a bare 12,345 and a confident 678万元
    facts = zb.extract(f"2025年工作总结\n全年技术合同成交额{figure}，专利授权量326件。", guess=True)
    assert list(facts.text) == [figure, "326件"]
    first = facts.iloc[0]
    assert first.variable == "tech_contract_value" and math.isnan(first.value)
    assert first.damage == "split_digits" and first.guess == pytest.approx(guess)
    assert list(facts.attrs["findings"].text) == [figure]


@pytest.mark.parametrize(
    "text",
    [
        "2025年工作总结\n研发经费投入 万元 12,345 678 12.3\n",  # cells of a row after blanks
        "2025年工作总结\n分别为12,345 678。",  # no unit: two numbers
        "2025年工作总结\n技术合同成交额12,345 67万元。",  # two digits: no group
    ],
)
def test_grouped_figures_beside_other_numbers_are_no_lost_separator(text):
    assert "12,345 678" not in set(zb.extract(text).text)
    assert all(d != "split_digits" or "12,345" not in t for t, d in _rows(text, "text", "damage"))


# ---- 5. a year cut by a line break ---------------------------------------------------------------


@pytest.mark.parametrize("cut", ["203\n0年", "20\n30年", "2\n— 5 —\n030年"])
def test_a_year_cut_by_a_line_break_is_still_the_period(cut):
    # "到203⏎0年，…突破800家" (a report wrapped every 20 characters) was a bare 203 and the plan's 2026
    facts = zb.extract(f"2026年工作计划\n全年力争新认定高新技术企业60家。到{cut}，高新技术企业总数突破800家。")
    assert list(zip(facts.text, facts.period)) == [("60家", "2026"), ("突破800家", "2030")]


def test_digits_cut_by_a_line_break_before_another_word_are_no_year():
    facts = zb.extract("2025年工作总结\n专利授权量20\n30件。")
    assert list(facts.damage) == ["split_digits"] and list(facts.period) == ["2025"]
