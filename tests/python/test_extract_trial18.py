"""Round 18: wrong answers a new user's trial found in report reading (issue #13)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

import zhibiao as zb
from zhibiao._lang import unit_text


def _rows(text: str, *columns: str) -> list[tuple]:
    facts = zb.extract(text)
    return [tuple(row) for row in facts[list(columns)].itertuples(index=False)]


H1 = "某县2026年上半年科技工作总结\n"


# ---- F1: a year named in passing is its own figures', the title's period governs ---------------


@pytest.mark.parametrize(
    "passing",
    [
        "全县共有高新技术企业45家（2025年底为40家）。",  # a parenthesis
        "2025年获批的12个项目已全部开工。",  # a relative clause
        "据统计，2025年全县研发经费投入1.2亿元。",  # inside a sentence
        "新认定高新技术企业5家，2024年同期为3家，",  # a clause inside a sentence
    ],
)
def test_a_year_named_in_passing_is_not_carried_to_the_figures_after_it(passing):
    rows = _rows(H1 + passing + "技术合同成交额1.2亿元。", "text", "period")
    assert rows[-1] == ("1.2亿元", "2026H1")


def test_a_year_in_a_parenthesis_still_names_its_own_figure():
    rows = _rows(H1 + "全县共有高新技术企业45家（2025年底为40家），专利授权量30件。", "text", "period")
    assert rows == [("45家", "2026H1"), ("40家", "2025"), ("30件", "2026H1")]


@pytest.mark.parametrize("word", ["今年", "本年"])
def test_this_year_is_the_reports_year(word):
    text = H1 + f"2025年，全县技术合同成交额2.5亿元。{word}上半年，技术合同成交额1.2亿元。"
    assert _rows(text, "text", "period") == [("2.5亿元", "2025"), ("1.2亿元", "2026H1")]
    # 今年 alone in a half-year report is its half (the title's period), not the whole year
    text = "某县2026年上半年科技工作总结\n" f"2025年，全县专利授权量60件。{word}，专利授权量35件。"
    assert _rows(text, "text", "period")[-1] == ("35件", "2026H1")


def test_a_period_without_its_year_after_an_earlier_years_sentence_is_the_reports():
    text = H1 + "2025年全年技术合同成交额2.5亿元。上半年技术合同成交额1.2亿元，专利授权量30件。"
    assert _rows(text, "text", "period") == [("2.5亿元", "2025"), ("1.2亿元", "2026H1"), ("30件", "2026H1")]
    panel = zb.read_report(text, entity="x").to_pandas()
    assert panel.loc[("x", "2026H1"), "tech_contract_value"] == 12000  # 万元


def test_a_sentence_opening_with_a_period_still_carries():
    text = H1 + "一季度，新增高新技术企业3家。专利授权量12件。\n二季度，新增高新技术企业4家。"
    assert _rows(text, "text", "period") == [("3家", "2026Q1"), ("12件", "2026Q1"), ("4家", "2026Q2")]


# ---- F2: 由A增加到B: B is the period's level, A the level before ----------------------------


@pytest.mark.parametrize(
    "change",
    ["技术合同成交额由1.0亿元增加到1.2亿元。", "技术合同成交额从1.0亿元增至1.2亿元。", "技术合同成交额由1.0亿元提高到1.2亿元。"],
)
def test_the_level_reached_enters_the_panel_not_the_start(change):
    facts = zb.extract(H1 + change)
    assert facts.flag_start.tolist() == [True, False]
    panel = zb.read_report(H1 + change, entity="x")
    assert panel.to_pandas().loc[("x", "2026H1"), "tech_contract_value"] == 12000  # 1.2亿元 in 万元
    findings = panel.findings
    assert findings.kind.tolist() == ["start_level"] and findings.text.tolist() == ["1.0亿元"]


def test_a_start_with_its_own_period_is_that_periods_level():
    facts = zb.extract("某区2025年科技工作总结\n高新技术企业由2024年的86家增加到104家。")
    assert facts.flag_start.tolist() == [False, False]
    assert facts.period.tolist() == ["2024", "2025"]


# ---- F3: the tax a super deduction saves is no deduction ---------------------------------------


def test_tax_relief_after_the_deductions_firms_is_the_tax_relief():
    rows = _rows("2026年上半年，全县落实研发费用加计扣除企业12家，减免税额860万元。", "text", "variable")
    assert rows == [("12家", ""), ("860万元", "rd_deduction_tax_relief")]
    rows = _rows("2026年上半年，研发费用加计扣除额3.2亿元，减免税额8000万元。", "text", "variable")
    assert rows == [("3.2亿元", "rd_super_deduction"), ("8000万元", "rd_deduction_tax_relief")]


# ---- F7: a blank between a figure and its unit ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure", "unit"),
    [("技术合同成交额 1.86 亿元。", "1.86 亿元", "亿元"), ("专利授权量 241 件。", "241 件", "件"), ("全县GDP 120.5 亿元，", "120.5 亿元", "亿元")],
)
def test_a_blank_between_a_figure_and_its_unit_keeps_the_unit(text, figure, unit):
    facts = zb.extract("2026年上半年，" + text)
    assert facts[["text", "unit"]].values.tolist()[0] == [figure, unit]
    assert facts.loc[0, "begin"] + len(figure) == facts.loc[0, "end"]


def test_a_blank_before_digits_or_two_blanks_are_still_no_unit():
    # a table's next cell or a split figure, not a unit
    assert _rows("技术合同成交额 1.86  亿元", "unit")[0] == ("",)
    assert _rows("专利授权量3 26件。", "damage")[0] == ("split_digits",)


# ---- F8: a title's year in Chinese numerals ------------------------------------------------------


@pytest.mark.parametrize("year", ["二〇二六年", "二零二六年"])
def test_a_title_year_in_chinese_numerals_gives_the_period(year):
    assert _rows(f"{year}上半年工作总结\n技术合同成交额1.2亿元。", "period") == [("2026H1",)]


# ---- F10: 亿亿 is read alike by both paths -------------------------------------------------------


@pytest.mark.parametrize("numeral", ["一亿亿", "九千九百九十九亿亿", "三亿亿五千万"])
def test_a_doubled_magnitude_is_no_figure_for_parse_chinese_number_either(numeral):
    with pytest.raises(zb.ParseError, match="亿亿"):
        zb.parse_chinese_number(numeral)
    facts = zb.extract(f"2026年上半年，技术合同成交额{numeral}元。")
    assert facts.damage.tolist() == ["doubled_magnitude"]
    # a single 亿 is a numeral on both paths
    assert zb.parse_chinese_number("一亿") == 1e8


# ---- F11, F15: zhibiao extract -----------------------------------------------------------------


def _cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhibiao", "extract", *args], capture_output=True, **kw)


def test_bytes_not_text_exit_1_even_when_the_reader_stops_early(tmp_path):
    # the output of | head closed: the broken pipe returned 0, although the help says exit 1
    report = tmp_path / "damaged.txt"
    report.write_bytes(("技术合同成交额12万元。".encode() + b"\xff\xfe\x80") * 20000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "zhibiao", "extract", str(report)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait(timeout=120) == 1


def test_the_table_keeps_a_figure_split_over_a_line_on_one_row(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("2026年上半年，专利授权量2\n41件，技术合同成交额1.2亿元。\n", encoding="utf-8")
    out = _cli(str(report), "--table", text=True).stdout.splitlines()
    assert len(out) == 3 and "2⏎41件" in out[1]


def test_lang_en_gives_units_in_words(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("2026年上半年，专利授权量241件，技术合同成交额1.2亿元。\n", encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(_cli(str(report), "--lang", "en", text=True).stdout)))
    assert [r["unit"] for r in rows] == [unit_text("件", "en"), unit_text("亿元", "en")]
    assert "亿" not in rows[1]["unit"]
    assert [r["text"] for r in rows] == ["241件", "1.2亿元"]  # as written
