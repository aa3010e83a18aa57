"""Round 30b (issue 13: a figure is never a confident wrong number): whose figure a duplicate is
(the whole's over a part's, the report's own over another whole), 一倍半 and 1倍多, and a total
after an enumeration. The sentences are made up for the rules, not the trial's texts."""

from __future__ import annotations

import pytest

import zhibiao as zb


def _panel(text, entity="青石县"):
    panel = zb.read_report(text, entity=entity)
    return panel.to_pandas().iloc[0].to_dict(), list(panel.findings["message"])


@pytest.mark.parametrize(
    "text",
    [
        "2025年，东坪镇新增高新技术企业2家；全县新增高新技术企业11家。",
        "2025年，全县新认定高新技术企业11家；经济开发区新认定高新技术企业2家。",
        "2025年，全市新认定高新技术企业95家，我县新认定高新技术企业11家。",
        "2025年，本县新认定高新技术企业11家，全市新认定高新技术企业95家。",
    ],
)
def test_the_whole_or_own_figure_wins_over_a_part_or_another_area(text):
    values, messages = _panel(text)
    assert values["hnte_recognised"] == 11.0
    # round 33: another area's figure is set aside (other_area) before duplicates are chosen
    (message,) = messages
    assert "kept '11家'" in message or ("'11家'" not in message and message.endswith("left out"))
    assert "first sound" not in message


def test_a_county_report_takes_its_own_level_word_over_the_city():
    values, _ = _panel("2025年，全市新认定高新技术企业95家，全县新认定高新技术企业11家。")
    assert values["hnte_recognised"] == 11.0
    # a city's report: 全市 is its own
    values, _ = _panel("2025年，全县新认定高新技术企业11家，全市新认定高新技术企业95家。", entity="白河市")
    assert values["hnte_recognised"] == 95.0


def test_duplicates_that_say_nothing_of_whose_keep_the_first_sound_figure():
    values, messages = _panel("2025年，新认定高新技术企业11家；新认定高新技术企业2家。")
    assert values["hnte_recognised"] == 11.0
    assert "first sound" in messages[0]
    # 各乡镇 and 城乡 name no part
    values, _ = _panel("2025年，各乡镇新认定高新技术企业11家；城乡新认定高新技术企业2家。")
    assert values["hnte_recognised"] == 11.0


def test_read_reports_applies_the_same_rule_per_report():
    panel = (
        zb.read_reports(
            {
                "青石县": "2025年，东坪镇新增高新技术企业2家；全县新增高新技术企业11家。",
                "白河市": "2025年，全市新认定高新技术企业95家。",
            }
        )
        .to_pandas()
        .reset_index()
    )
    assert dict(zip(panel["entity"], panel["hnte_recognised"])) == {"青石县": 11.0, "白河市": 95.0}


@pytest.mark.parametrize(
    ("text", "value", "lower_bound"),
    [
        ("2025年，技术合同成交额增长一倍半。", 1.5, False),
        ("2025年，技术合同成交额增长了2倍多。", 2.0, True),
        ("2025年，技术合同成交额增长2倍。", 2.0, False),
    ],
)
def test_half_and_more_after_times(text, value, lower_bound):
    f = zb.extract(text)
    assert list(f.unit) == ["倍"]
    assert f.value[0] == value
    assert bool(f.flag_lower_bound[0]) is lower_bound


def test_a_total_after_an_enumeration_has_no_variable():
    f = zb.extract("2025年，全区科技型中小企业、高新技术企业总数达到58家。")
    assert list(f.variable) == [""] and bool(f.flag_no_variable[0])
    assert "hnte_total" not in zb.read_report("2025年，全区科技型中小企业、高新技术企业总数达到58家。", entity="x").to_pandas()


@pytest.mark.parametrize(
    "text",
    ["2025年，全区科技型中小企业和高新技术企业共58家。", "2025年，全区高新技术企业与科技型中小企业合计达到58家。"],
)
def test_a_count_after_phrases_joined_by_he_or_yu_has_no_variable(text):
    f = zb.extract(text)
    assert list(f.variable) == [""] and bool(f.flag_no_variable[0])
