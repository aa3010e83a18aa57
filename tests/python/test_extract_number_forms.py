"""Round 14 of the report reader (issue #13: a damaged figure never becomes a confident number):
number forms a new-user trial found read wrong — a second decimal point, a minus sign before a
level, doubled numerals (两两, 十十, 亿亿), Arabic digits with Chinese multipliers (1万2千),
scientific notation, a range with the multiplier on both sides, a full stop read for a decimal
point, 百分之 with a Chinese numeral. Sentences written for the project; every expected figure
is checked by hand against its sentence."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb


def _one(text: str):
    facts = zb.extract(text, guess=True)
    assert len(facts) == 1, facts[["text", "value"]]
    return facts.iloc[0], facts.attrs["findings"]


@pytest.mark.parametrize(
    ("text", "figure", "unit", "kind", "guess"),
    [
        # a doubled point: 12..5 is 12.5 with a point too many (guess), never the confident 12
        ("2024年，获批项目12..5项。", "12..5项", "项", "extra_point", 12.5),
        # two points: which is the decimal point is unknown, no guess (never 1.2 without unit)
        ("技术合同成交额1.2.3亿元。", "1.2.3亿元", "亿元", "extra_point", None),
        # a level with a minus sign: the sign kept in the guess, never a silent 5 / 3亿元
        ("2024年，获批项目-5项。", "-5项", "项", "minus_sign", -5.0),
        ("2024年，获批项目－5项。", "－5项", "项", "minus_sign", -5.0),
        ("2024年，研发经费支出-3亿元。", "-3亿元", "亿元", "minus_sign", -3.0),
        # a spreadsheet's notation: 1e3 = 1000 (guess), never dropped without a word
        ("2024年，高新技术企业数量1e3家。", "1e3家", "家", "scientific_notation", 1000.0),
        ("2024年，高新技术企业数量2.5E2家。", "2.5E2家", "家", "scientific_notation", 250.0),
        # 。 where the decimal point stands (OCR): 12。5亿元 is 12.5 亿元 at a guess, not 12 + 5亿元
        ("2024年，技术合同成交额12。5亿元。", "12。5亿元", "亿元", "stop_for_point", 12.5),
        # 亿亿: 9999 × 10^16 projects is no figure of a report
        ("2024年，获批项目九千九百九十九亿亿项。", "九千九百九十九亿亿项", "亿项", "doubled_magnitude", None),
    ],
)
def test_a_garbled_figure_is_damaged_and_kept_out_of_the_panel(text, figure, unit, kind, guess):
    fact, findings = _one(text)
    assert fact.text == figure and fact.unit == unit
    assert math.isnan(fact.value) and fact.flag_damaged and fact.damage == kind
    assert math.isnan(fact.guess) if guess is None else fact.guess == pytest.approx(guess)
    assert list(findings["kind"]) == [kind]
    panel = zb.read_report(text, entity="A", period="2024").to_pandas()
    assert panel.isna().all().all()  # no confident number reaches the panel


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("研发经费同比增长-3.2%。", -3.2),
        ("研发经费占比同比-0.5个百分点。", -0.5),
        ("研发经费同比下降-3.2%。", -3.2),  # a fall marked twice (下降 and the sign) is one fall
        ("最低气温-5。", -5),  # a bare number is no level: its sign is kept
    ],
)
def test_a_rate_keeps_its_minus_sign(text, value):
    # a change may be negative (增长-3.2% is a fall of 3.2 %): the sign was dropped before
    facts = zb.extract(text)
    assert facts.iloc[0].value == value and not facts.iloc[0].flag_damaged


def test_a_sign_between_figures_is_still_a_range():
    facts = zb.extract("技术合同成交额5-10亿元。")
    assert (facts.iloc[0].value, facts.iloc[0].high, facts.iloc[0].flag_range) == (5, 10, True)


@pytest.mark.parametrize("text", ["2024年，获批项目两两项。", "2024年，申报项目十十项。"])
def test_doubled_numerals_are_no_figure(text):
    facts = zb.extract(text)
    assert facts.empty  # 两两 (a word: "in pairs"), 十十: never 22 / 20


@pytest.mark.parametrize(
    ("numeral", "why"),
    [
        ("两两", "两 next to another digit"),
        ("一两", "两 next to another digit"),
        ("十十", "multiplier twice"),
        ("三百百", "multiplier twice"),
        ("五十百", "after a smaller one"),
    ],
)
def test_parse_chinese_number_refuses_doubled_numerals_saying_why(numeral, why):
    with pytest.raises(zb.ParseError, match=why) as caught:
        zb.parse_chinese_number(numeral)
    assert isinstance(caught.value, ValueError) and numeral in str(caught.value)


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("两万两千", 22000),
        ("一千二百三十四", 1234),
        ("二〇二四", 2024),
        ("廿三", 23),
        ("十万亿", 1e13),
        ("一亿二千万", 1.2e8),
        ("两百", 200),
        ("三百一十", 310),
    ],
)
def test_sound_numerals_still_parse(numeral, value):
    assert zb.parse_chinese_number(numeral) == value


@pytest.mark.parametrize(
    ("text", "value", "unit", "panel"),
    [
        # 1万2千件 = 12000 件 = 1.2 万件 (one figure, no duplicate_figure, no 10000)
        ("2024年，有效发明专利1万2千件。", 1.2, "万件", 12000.0),
        # 1亿2千万元 = 1.2 亿元 = 12000 万元 (the panel's unit for R&D expenditure)
        ("2024年，研发经费支出1亿2千万元。", 1.2, "亿元", 12000.0),
        ("2024年，有效发明专利3千5百件。", 3500.0, "件", 3500.0),
    ],
)
def test_arabic_digits_with_chinese_multipliers_are_one_figure(text, value, unit, panel):
    fact, findings = _one(text)
    assert fact.value == pytest.approx(value) and fact.unit == unit and not fact.flag_damaged
    assert findings.empty
    report = zb.read_report(text, entity="A")
    assert report.to_pandas().iloc[0, 0] == pytest.approx(panel) and report.findings.empty


def test_digits_after_a_multiplier_without_their_own_are_not_joined():
    # 1万2件: 2 of what is unknown, read as before (two figures); 1万12千 is no numeral form either
    assert len(zb.extract("专利1万2件。")) == 2
    assert len(zb.extract("投入1万12千元。")) == 2
    assert len(zb.extract("投入1万1万元。")) == 2  # a multiplier again: two figures, not 1e8


@pytest.mark.parametrize("text", ["2024年，技术合同成交额5亿—10亿元。", "2024年，技术合同成交额5万至10万元。", "2024年，技术合同成交额5—10亿元。"])
def test_a_range_with_its_multiplier_on_both_sides_is_a_range(text):
    facts = zb.extract(text)
    assert len(facts) == 1
    fact = facts.iloc[0]
    assert (fact.value, fact.high, fact.flag_range) == (5, 10, True)
    report = zb.read_report(text, entity="A")
    assert report.to_pandas().empty and list(report.findings["kind"]) == ["not_a_level"]


@pytest.mark.parametrize(
    ("words", "value", "unit"),
    [("百分之十二点五", 12.5, "%"), ("百分之五十", 50, "%"), ("百分之三点二", 3.2, "%"), ("千分之三", 3, "‰"), ("百分之12.5", 12.5, "%")],
)
def test_a_percentage_in_words_is_a_figure(words, value, unit):
    fact, findings = _one(f"2024年，高新技术产业增加值占GDP比重为{words}。")
    assert fact.text == words and fact.value == pytest.approx(value) and fact.unit == unit
    assert findings.empty


def test_the_examples_that_worked_still_work():
    assert _one("获批项目1,2345项。")[0].damage == "bad_grouping"
    assert _one("专利3O件。")[0].damage == "stray_character"
    assert _one("投入.5亿元。")[0].damage == "leading_point"
    assert _one("2024年，获批项目12.5项。")[0].value == 12.5
    # a sentence that ends in a figure with its unit, then one that opens with one: two figures
    facts = zb.extract("获批项目12项。5家企业入选。")
    assert list(facts["value"]) == [12, 5] and not facts["flag_damaged"].any()
