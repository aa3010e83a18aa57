"""What a figure means beyond its number (issue 13): the year it is about (a sentence opening with
上年同期 states the year before), which way a change goes (下降 is negative), and whether it is a
change at all (提高到 / 达到 state the level reached)."""

from __future__ import annotations

import math

import zhibiao as zb


def _row(facts, text):
    rows = facts[facts.text == text]
    assert len(rows) == 1, (text, facts[["text", "variable", "value"]])
    return rows.iloc[0]


# ---- 1. figures of the year before ----------------------------------------------------------


def test_a_prior_year_figure_is_not_taken_for_this_period():
    text = "上年同期，全市技术合同成交额为1.5亿元。2024年上半年，全市技术合同成交额1.2亿元，同比下降20.0%。"
    facts = zb.extract(text)
    prior = _row(facts, "1.5亿元")
    assert prior.flag_prior_year and prior.period == ""  # no period governs yet: never the one given
    assert not _row(facts, "1.2亿元").flag_prior_year
    panel = facts.to_panel("city", period="2024H1")
    wide = panel.to_pandas()
    assert wide.loc[("city", "2024H1"), "tech_contract_value"] == 12000.0  # 1.2亿元 in 万元
    assert wide.loc[("city", "2023H1"), "tech_contract_value"] == 15000.0
    assert "duplicate_figure" not in set(panel.findings["kind"])


def test_a_prior_year_sentence_takes_the_prior_year_of_the_governing_period_and_ends_with_it():
    text = "2024年上半年，全市技术合同成交额1.2亿元。上年同期技术合同成交额为1.5亿元，登记技术合同70项。登记技术合同80项。"
    facts = zb.extract(text)
    assert [(r.text, r.period, r.flag_prior_year) for r in facts.itertuples()] == [
        ("1.2亿元", "2024H1", False),
        ("1.5亿元", "2023H1", True),
        ("70项", "2023H1", True),
        ("80项", "2024H1", False),
    ]


def test_a_comparison_with_the_year_before_is_not_about_the_year_before():
    for text in (
        "2024年上半年，技术合同成交额1.2亿元，比上年同期增长20%。",
        "2024年上半年，技术合同成交额1.2亿元，较去年增长20%。",
        "2024年上半年，与上年同期相比，技术合同成交额1.2亿元。",
    ):
        facts = zb.extract(text)
        assert list(facts.period) == ["2024H1"] * len(facts), text
        assert not facts.flag_prior_year.any(), text


def test_the_year_before_named_inside_a_clause_or_compared_with_is_not_what_the_figures_are_about():
    facts = zb.extract("2024年上半年，受上年同期高基数影响，技术合同成交额1.2亿元。")
    assert (_row(facts, "1.2亿元").period, bool(_row(facts, "1.2亿元").flag_prior_year)) == ("2024H1", False)
    text = "2024年上半年，技术合同成交额1.2亿元，上年同期技术合同成交额为1.5亿元，同比下降20%。专利授权量80件。"
    facts = zb.extract(text)
    assert [(r.text, r.value, r.period, r.flag_prior_year) for r in facts.itertuples()] == [
        ("1.2亿元", 1.2, "2024H1", False),
        ("1.5亿元", 1.5, "2023H1", True),
        ("20%", -20.0, "2024H1", False),  # the change compares this period with the year before
        ("80件", 80.0, "2024H1", False),
    ]


def test_last_year_as_a_whole_and_at_its_end():
    facts = zb.extract("2025年上半年，技术合同成交额1.2亿元。去年全年，技术合同成交额2.6亿元。")
    assert _row(facts, "2.6亿元").period == "2024" and _row(facts, "2.6亿元").flag_prior_year
    facts = zb.extract("截至2024年6月底，全市有效发明专利2,345件。上年末，全市有效发明专利2,225件。")
    assert _row(facts, "2,345件").period == "2024H1"  # to the end of June: the half-year
    assert _row(facts, "2,225件").period == "2023" and _row(facts, "2,225件").flag_prior_year


# ---- 2. which way a change goes -------------------------------------------------------------


def test_a_decline_is_negative_and_a_growth_positive():
    down = zb.extract("2024年上半年，技术合同成交额1.2亿元，同比下降20.0%。")
    up = zb.extract("2024年上半年，技术合同成交额1.2亿元，同比增长20.0%。")
    assert _row(down, "20.0%").value == -20.0 and _row(down, "20.0%").high == -20.0
    assert _row(up, "20.0%").value == 20.0
    assert _row(down, "20.0%").flag_change and _row(up, "20.0%").flag_change
    assert _row(down, "1.2亿元").value == 1.2  # the level keeps its sign
    facts = zb.extract("登记技术合同比上年同期减少15项。专利授权量降低5%。")
    assert _row(facts, "15项").value == -15.0 and _row(facts, "15项").flag_change


def test_a_bound_on_the_size_of_a_decline_bounds_the_signed_value_from_above():
    row = _row(zb.extract("技术合同成交额同比下降超过20%"), "超过20%")
    assert row.value == -20.0 and row.qualifier == "upper_bound" and row.flag_upper_bound
    assert not row.flag_lower_bound


def test_growth_in_times_keeps_its_unit():
    row = _row(zb.extract("技术合同成交额增长1.5倍"), "1.5倍")
    assert (row.value, row.unit, bool(row.flag_change)) == (1.5, "倍", True)
    assert not row.flag_unit_mismatch  # a rate of change, not a level in the variable's unit
    assert math.isnan(zb.extract("技术合同成交额增长1.5倍").in_lexicon_units().value_converted.iloc[0])


# ---- 3. levels stated with a change verb ----------------------------------------------------


def test_a_verb_with_to_states_a_level():
    facts = zb.extract("高新技术产业增加值占GDP比重提高到三成左右，R&D经费投入强度下降到2.0%。")
    share, intensity = _row(facts, "三成左右"), _row(facts, "2.0%")
    assert (share.variable, share.value, bool(share.flag_change)) == ("hitech_va_share_gdp", 30.0, False)
    assert (intensity.variable, intensity.value, bool(intensity.flag_change)) == ("rd_intensity", 2.0, False)


def test_the_level_reached_after_a_change_takes_the_variable_of_the_change():
    text = "2024年上半年，R&D经费投入强度较上年提高0.3个百分点，达到2.1%。登记技术合同比上年同期减少15项，达到85项。"
    facts = zb.extract(text)
    change, level = _row(facts, "0.3个百分点"), _row(facts, "2.1%")
    assert (change.variable, change.value, bool(change.flag_change)) == ("rd_intensity", 0.3, True)
    assert (level.variable, level.value, bool(level.flag_change)) == ("rd_intensity", 2.1, False)
    count = _row(facts, "85项")
    assert (count.variable, count.value, bool(count.flag_change)) == ("tech_contract_count", 85.0, False)
    wide = facts.to_panel("city").to_pandas()
    assert wide.loc[("city", "2024H1"), "rd_intensity"] == 2.1
    assert wide.loc[("city", "2024H1"), "tech_contract_count"] == 85.0


def test_reaching_a_total_after_a_level_does_not_take_its_variable():
    # the total is the stock that shares the phrase (hnte_total), never the flow before it
    facts = zb.extract("新认定高新技术企业43家，累计达到186家。")
    assert list(facts["variable"]) == ["hnte_recognised", "hnte_total"]
    # a phrase with no stock beside it: no variable
    facts = zb.extract("登记技术合同145项，累计达到900项。")
    assert list(facts["variable"]) == ["tech_contract_count", ""]
