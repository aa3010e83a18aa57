"""Damaged figures (issue #13 item 1): a figure whose digits were lost in a conversion keeps its
text and position, is missing with a `damaged` flag and its kind, and is never a confident number."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhibiao as zb


def _one(text):
    facts = zb.extract(text)
    assert len(facts) == 1, facts[["text", "value"]]
    return facts.iloc[0], facts.attrs["findings"]


@pytest.mark.parametrize(
    "text, figure, unit, kind",
    [
        ("占比达到21.%", "21.%", "%", "dangling_point"),
        ("应拨付资金35.万元", "35.万元", "万元", "dangling_point"),
        ("申请量000件", "000件", "件", "zero_digits"),
        ("设立00万元风险补偿资金", "00万元", "万元", "zero_digits"),
        ("共收集企业难题项，", "项", "项", "empty_slot"),
        ("推荐名候选人", "名", "名", "empty_slot"),
        ("占比达到%", "%", "%", "empty_slot"),
    ],
)
def test_a_damaged_figure_is_missing_with_its_kind(text, figure, unit, kind):
    fact, findings = _one(text)
    assert math.isnan(fact.value) and math.isnan(fact.high)
    assert fact.flag_damaged and fact.damage == kind
    assert (fact.text, fact.unit) == (figure, unit)  # the unit is kept
    assert text[fact.begin : fact.end] == figure  # and the position
    assert list(findings["kind"]) == [kind] and findings.loc[0, "begin"] == fact.begin


def test_a_threshold_that_lost_its_digits_is_damaged_and_the_figure_after_it_is_read():
    facts = zb.extract("00万元以上企业完成产值3250万元。")
    assert list(facts["damage"]) == ["threshold", ""]
    assert math.isnan(facts.loc[0, "value"]) and facts.loc[1, "value"] == 3250
    assert list(facts.attrs["findings"]["kind"]) == ["threshold"]


def test_an_implausible_zero_is_kept_and_flagged_suspect():
    fact, findings = _one("派出0名专家到各村")
    assert fact.value == 0 and fact.flag_suspect and not fact.flag_damaged
    assert list(findings["kind"]) == ["implausible_zero"]
    fact, findings = _one("研发经费同比增长0%")  # a zero rate is a plausible figure
    assert fact.value == 0 and not fact.flag_suspect and findings.empty


def test_document_numbers_are_references_and_a_hole_in_one_is_a_finding():
    facts = zb.extract("根据科发〔20〕19号、[201]9号和〔2019〕19号文件，获批立项11项。")
    assert list(facts["value"]) == [11]  # never 201, 20 or 2019
    findings = facts.attrs["findings"]
    assert list(findings["kind"]) == ["damaged_reference", "damaged_reference"]
    assert list(findings["text"]) == ["〔20〕19号", "[201]9号"]


def test_a_line_that_starts_with_a_list_comma_lost_its_number():
    text = "一、工作成效\n、强化企业创新主体地位\n3、其他"
    findings = zb.extract(text).attrs["findings"]
    assert list(findings["kind"]) == ["lost_list_number"]
    assert text[findings.loc[0, "begin"]] == "、" and findings.loc[0, "begin"] == 7


def test_a_part_larger_than_its_total_is_a_finding():
    facts = zb.extract("全市专利申请量1200件，其中发明专利1500件、实用新型300件。专利授权量800件，其中发明专利0.12万件。")
    assert list(facts["flag_suspect"]) == [False, True, False, False, True]  # 0.12万件 = 1200 > 800
    assert list(facts.attrs["findings"]["kind"]) == ["inconsistent_parts"] * 2
    assert not zb.extract("专利申请量1200件，其中发明专利500件。").attrs["findings"].shape[0]


def test_clean_reports_have_no_damage():
    text = "2025年上半年，共组织申报科技项目28项，获批立项11项，新增高新技术企业22家，国家科技专家5名，" "专利申请量1,200件，研发投入强度2.5%，产值亿元以上企业13家，达到0.5%。"
    facts = zb.extract(text)
    assert not facts["flag_damaged"].any() and not facts["flag_suspect"].any()
    assert facts.attrs["findings"].empty


# ---- Property: damage a clean figure in a generated sentence; it never comes back confident ----

VERBS = ["收集", "征集", "推荐", "完成", "签订", "落实", "培育", "认定", "争取", "拨付"]
NOUNS = ["企业难题", "技术需求", "科技成果", "合作协议", "服务活动", "项目资金"]
COUNT_UNITS = ["项", "件", "家", "万元", "亿元"]
RATE_UNITS = ["%", "万元", "亿元"]


@st.composite
def damaged_sentence(draw):
    verb, noun = draw(st.sampled_from(VERBS)), draw(st.sampled_from(NOUNS))
    how = draw(st.sampled_from(["drop_decimals", "zeros", "delete"]))
    if how == "drop_decimals":
        unit = draw(st.sampled_from(RATE_UNITS))
        whole, decimals = draw(st.integers(0, 99_999)), draw(st.integers(1, 99))
        clean, damaged = f"{whole}.{decimals}", f"{whole}."
    elif how == "zeros":
        unit = draw(st.sampled_from(COUNT_UNITS + RATE_UNITS))
        clean = str(draw(st.integers(10, 9_999_999)))
        damaged = "0" * len(clean)
    else:
        unit = draw(st.sampled_from(COUNT_UNITS + ["%"]))
        clean, damaged = str(draw(st.integers(1, 99_999))), ""
    lead = draw(st.sampled_from(["", "2025年上半年，", "全年共", "截至6月底，累计"]))
    tail = draw(st.sampled_from(["。", "，同比增长12%。", "，其中发明专利5件。", ""]))
    prefix = lead + verb + noun
    return prefix + clean + unit + tail, prefix + damaged + unit + tail, len(prefix), len(damaged + unit)


@settings(max_examples=300, deadline=None)
@given(damaged_sentence())
def test_a_damaged_figure_never_comes_back_as_a_confident_number(case):
    clean, damaged, at, length = case
    sound = zb.extract(clean)
    assert sound["value"].notna().all() and not sound["flag_damaged"].any()
    facts = zb.extract(damaged)
    spot = facts[(facts["begin"] < at + length) & (facts["end"] > at)]
    assert len(spot) == 1, (damaged, facts[["text", "value"]])
    fact = spot.iloc[0]
    assert math.isnan(fact.value) and fact.flag_damaged, (damaged, fact.text, fact.value)
    assert fact.unit in damaged[at : at + length]


# ---- A best guess only on request (issue #13 item 1) ----


def test_a_guess_is_given_only_when_asked_and_never_as_the_value():
    text = "占比达到21.%，应拨付资金35.万元，申请量000件，共收集企业难题项，获批立项11项。"
    plain = zb.extract(text)
    assert plain["guess"].isna().all() and not plain["flag_guess"].any()
    facts = zb.extract(text, guess=True)
    assert list(facts["text"]) == ["21.%", "35.万元", "000件", "项", "11项"]
    assert facts["value"].isna().tolist() == [True, True, True, True, False]  # the value never changes
    assert facts["guess"].tolist()[:2] == [21, 35]  # the digits before the lost decimals
    assert facts["guess"][2:].isna().all()  # zeros, an empty slot, a sound figure: nothing to guess
    assert facts["flag_guess"].tolist() == [True, True, False, False, False]
    assert (facts["unit"][:2] == ["%", "万元"]).all()


def test_a_guess_never_reaches_a_panel():
    facts = zb.extract("2025年上半年，应拨付资金35.万元，获批立项11项。", guess=True)
    assert facts.loc[0, "guess"] == 35
    panel = facts.to_panel("甲县")
    assert math.isnan(panel.values("reward_due")[0])


@settings(max_examples=100, deadline=None)
@given(damaged_sentence())
def test_a_guess_leaves_every_damaged_value_missing(case):
    _, damaged, _, _ = case
    facts = zb.extract(damaged, guess=True)
    assert facts.loc[facts.flag_damaged, "value"].isna().all()
    assert not facts.loc[~facts.flag_damaged, "flag_guess"].any()  # a guess only for a damaged figure
