"""Round 33 (issue 13, trial33: 05, 06, 12, 14, 16): spoken and approximate figures never become exact
numbers — a spoken range of two neighbouring numerals (三四十家), a range whose ends each state their
magnitude (8000万-1.2亿元), qualifiers after or before a figure (上下, 出头, 不到), a qualifier before a
分别 list, and spoken shares (三成来自, 二十来家, 三分之一). Sentences of our own."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb


def _first(sentence):
    frame = zb.extract(sentence)
    assert len(frame), sentence
    return frame.iloc[0]


def _panel(text):
    return zb.read_report(text, entity="青石市", period="2025").to_pandas()


@pytest.mark.parametrize(
    "written, low, high",
    [("四五十家", 40, 50), ("十七八家", 17, 18), ("七八百件", 700, 800), ("两千三四百家", 2300, 2400), ("一万二三千人", 12000, 13000)],
)
def test_a_spoken_range_of_two_numerals_is_a_range(written, low, high):
    row = _first(f"2025年，青石市孵化企业{written}。")
    assert (row.value, row.high, bool(row.flag_range)) == (low, high, True)


def test_a_spoken_range_stays_out_of_the_panel():
    assert "hnte_total" not in _panel("2025年，青石市高新技术企业两千三四百家。").columns


@pytest.mark.parametrize("written, value", [("三十四家", 34), ("一千二百三十家", 1230), ("十二家", 12), ("五百六十件", 560)])
def test_real_numerals_keep_their_value(written, value):
    row = _first(f"2025年，青石市孵化企业{written}。")
    assert (row.value, bool(row.flag_range), row.qualifier) == (value, False, "exact")


def test_parse_chinese_number_refuses_a_spoken_range():
    with pytest.raises(zb.ParseError, match="spoken range"):
        zb.parse_chinese_number("六七十")
    assert zb.parse_chinese_number("六十七") == 67
    assert zb.parse_chinese_number("二十三万") == 230000


@pytest.mark.parametrize(
    "written, low, high, unit",
    [("6000万-1.5亿元", 0.6, 1.5, "亿元"), ("9000万元至1.1亿元", 0.9, 1.1, "亿元"), ("2.1万-2.4万亿元", 2.1, 2.4, "万亿元")],
)
def test_a_range_with_a_magnitude_on_both_ends_is_one_range(written, low, high, unit):
    frame = zb.extract(f"2025年，青石市技术合同成交额{written}。")
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row.value, row.high, row.unit, bool(row.flag_range)) == (pytest.approx(low), high, unit, True)
    assert row.damage == ""


def test_a_range_with_a_magnitude_on_both_ends_stays_out_of_the_panel():
    panel = zb.read_report("2025年，青石市技术合同成交额6000万-1.5亿元。", entity="青石市", period="2025")
    assert "tech_contract_value" not in panel.to_pandas().columns
    assert "minus_sign" not in set(panel.findings.kind)


def test_a_range_of_one_magnitude_keeps_its_reading():
    row = _first("2025年，青石市技术合同成交额3-5亿元。")
    assert (row.value, row.high, row.unit) == (3, 5, "亿元")


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("研发投入强度3.1%上下", "approximate"),
        ("孵化企业860家上下", "approximate"),
        ("孵化企业八百六十家出头", "lower_bound"),
        ("孵化企业不到860家", "upper_bound"),
        ("孵化企业约为860家", "approximate"),
        ("孵化企业860家左右", "approximate"),
    ],
)
def test_spoken_qualifiers(text, qualifier):
    assert _first(f"2025年，青石市{text}。").qualifier == qualifier


def test_upstream_and_downstream_is_no_qualifier():
    assert _first("2025年，青石市引进企业86家上下游配套。").qualifier == "exact"


@pytest.mark.parametrize(
    "listed, qualifier",
    [
        ("分别约为320家和540家", "approximate"),
        ("分别超过320家、540家", "lower_bound"),
        ("分别近320家与540家", "upper_bound"),
        ("分别约320家和540家", "approximate"),
    ],
)
def test_a_qualifier_before_a_list_reaches_every_figure(listed, qualifier):
    frame = zb.extract(f"2025年，青石市孵化器和众创空间{listed}。")
    assert frame.qualifier.astype(str).tolist() == [qualifier, qualifier]


def test_a_list_without_a_qualifier_stays_exact():
    frame = zb.extract("2025年，青石市孵化器和众创空间分别为320家和540家。")
    assert frame.qualifier.astype(str).tolist() == ["exact", "exact"]


def test_about_twenty_is_approximate():
    row = _first("2025年，青石市新型研发机构三十来家。")
    assert (row.value, row.qualifier) == (30, "approximate")


def test_a_share_in_tenths_before_laizi():
    row = _first("2025年，青石市技术合同成交额近四成来自高校。")
    assert (row.value, row.unit, row.qualifier) == (40, "%", "upper_bound")


@pytest.mark.parametrize("text, share, qualifier", [("超过三分之一", 100 / 3, "lower_bound"), ("四分之一", 25, "exact")])
def test_a_fraction_is_a_share(text, share, qualifier):
    row = _first(f"2025年，青石市高新技术产业增加值占规模以上工业增加值的比重{text}。")
    assert row.unit == "%" and math.isclose(row.value, share) and row.qualifier == qualifier
