"""Round 23: last round's leftovers of the report reader (issue 13) — 预计 of the report's own
period in a half-year report, 万分之 and bound magnitudes (近百家), the share of a target done
written with 占, and a wrapped report whose headings hid its wrap (a PDF-wrapped copy of a sentence
read otherwise than the sentence: 申报⏎2026年度第一批…, 力争全⏎年…)."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb
from report_facts import the_fact

# ---- F6: 预计 states the report's own period's figure at its end: an estimate, not a target ------


@pytest.mark.parametrize(
    "title, sentence, period",
    [
        ("某县科技局2025年上半年工作总结", "预计上半年完成技术合同成交额2.6亿元。", "2025H1"),
        ("某县2025年上半年科技工作总结", "上半年预计新增高新技术企业18家。", "2025H1"),
        ("某县2025年前三季度科技工作总结", "预计前三季度完成技术合同成交额4.1亿元。", "2025YTD09"),
        ("某县科技局2025年工作总结", "预计全年完成技术合同成交额5.2亿元。", "2025"),
    ],
)
def test_an_estimate_of_the_reports_own_period_is_an_estimate(title, sentence, period):
    facts = zb.extract(f"{title}\n一、工作开展情况\n{sentence}")
    assert list(zip(facts.period, facts.flag_estimate, facts.flag_target)) == [(period, True, False)]


@pytest.mark.parametrize(
    "sentence",
    ["预计全年完成技术合同成交额6亿元。", "预计2026年新增高新技术企业40家。", "预计下半年新增高新技术企业20家。"],
)
def test_an_estimate_of_another_period_than_the_reports_stays_a_target(sentence):
    # a half-year report forecasting the year, the next year or its second half
    facts = zb.extract(f"某县科技局2025年上半年工作总结\n一、工作开展情况\n{sentence}")
    assert list(zip(facts.flag_estimate, facts.flag_target)) == [(False, True)]


# ---- F11: 万分之N is N/100 %; 近百家 is a bound, never an exact 100 ---------------------------


@pytest.mark.parametrize(
    "sentence, figure, value, qualifier",
    [
        ("2025年，科技贷款不良率控制在万分之3.5以内。", "万分之3.5以内", 0.035, "upper_bound"),
        ("2025年，专利侵权纠纷发生率为万分之二。", "万分之二", 0.02, "exact"),
        ("2025年，全县万分之十五的企业开展研发。", "万分之十五", 0.15, "exact"),
        ("2025年，研发投入强度为百分之二点五。", "百分之二点五", 2.5, "exact"),  # as before
    ],
)
def test_wan_fen_zhi_is_a_hundredth_of_a_percent(sentence, figure, value, qualifier):
    fact = the_fact(sentence, figure)
    assert (fact.unit, fact.qualifier) == ("%", qualifier) and math.isclose(fact.value, value, rel_tol=1e-12)


@pytest.mark.parametrize(
    "sentence, figure, value, qualifier",
    [
        ("2025年，全县近百家企业开展研发活动。", "近百家", 100, "upper_bound"),
        ("2025年，新增高新技术企业近百家。", "近百家", 100, "upper_bound"),
        ("2025年，累计培育科技型中小企业近千家。", "近千家", 1000, "upper_bound"),
        ("2025年，培训科技人员上千人次。", "上千人次", 1000, "lower_bound"),
        ("2025年，逾万人参加科普活动。", "逾万人", 10000, "lower_bound"),
        ("2025年，组织超百家企业参加技术对接会。", "超百家", 100, "lower_bound"),
    ],
)
def test_a_bound_magnitude_is_a_bound(sentence, figure, value, qualifier):
    fact = the_fact(sentence, figure)
    assert (fact.value, fact.qualifier) == (value, qualifier)


@pytest.mark.parametrize("sentence", ["2025年，百家企业参加对接。", "2025年，实施千企技改工程。", "2025年，开展万人培训计划。"])
def test_a_magnitude_alone_without_a_bound_word_is_no_figure(sentence):
    assert len(zb.extract(sentence)) == 0


def test_a_bound_magnitude_reaches_no_panel_as_a_level():
    panel = zb.read_report("某县2025年科技工作总结\n全年新增高新技术企业近百家。", entity="x")
    assert "hnte_recognised" not in panel.variables


# ---- F12: 完成/占 全年目标任务120家的72.5%: the target and the share done, no level -----------------


@pytest.mark.parametrize("verb", ["完成", "占"])
@pytest.mark.parametrize("lead", ["2025年上半年，新增高新技术企业87家，", "2025年上半年，新增高新技术企业"])
def test_the_share_of_a_target_done_is_done_and_the_target_a_target(verb, lead):
    facts = zb.extract(f"{lead}{verb}全年目标任务120家的72.5%。")
    share = facts[facts.text == "72.5%"].iloc[0]
    target = facts[facts.text == "120家"].iloc[0]
    assert (share.flag_target, share.period, share.variable) == (False, "2025H1", "")
    assert (target.flag_target, target.period) == (True, "2025")
    panel = facts.to_panel("x")
    assert all(panel.values(v)[0] != 120 for v in panel.variables)  # neither is a level


# ---- F9, F19, F20: a wrapped report with headings is read as the unwrapped one ---------------------

HEADINGS = [
    ("一、上半年工作开展情况", "二、下半年工作打算"),
    ("一、上半年工作开展情况\n（一）高企培育", "（二）下一步打算"),
    ("一、主要工作", "二、下半年工作计划"),
]
# "|" is where a PDF converter broke the line (about 25 CJK characters a line)
DONE = [
    "上半年，全县新认定高新技术企业12家，技|术合同成交额达到2.3亿元，同比增长15%。本月组织申报|2026年度第一批高新技术企业43家，组织企业申报省级|科技计划项目26项，新增科技型中小企业入库150家，同比|增长20%。",
    "上半年，全县新认定高新技术企业12家，技|术合同成交额达到2.3亿元，同比增长15%。本月组织申|报2026年度第一批高新技术企业43家，组织企业申报省级|科技计划项目26项，新增科技型中小企业入库150家，同比|增长20%。",
]
PLANS = [
    "下半年，我局将继续加大工作力度，力争全|年新增高新技术企业30家，技术合同成交额达到5亿元，全|社会研发投入强度达到2.5%。",
    "下半年，我局将继续加大科技创新工作力度，力争|全年新增高新技术企业30家，技术合同成交额达到5亿元，|全社会研发投入强度达到2.5%。",
]


def _read(text: str) -> list[tuple]:
    facts = zb.extract(text)
    return [
        (t.replace("\n", ""), v, x, p, g)
        for t, v, x, p, g in zip(facts.text, facts.variable, facts.value, facts.period, facts.flag_target)
    ]


@pytest.mark.parametrize("done", DONE)
@pytest.mark.parametrize("plans", PLANS)
@pytest.mark.parametrize("first, second", HEADINGS)
def test_a_wrapped_report_with_headings_reads_as_unwrapped(first, second, done, plans):
    text = f"某县科技局2025年上半年工作总结\n{first}\n{done}\n{second}\n{plans}"
    wrapped, plain = _read(text.replace("|", "\n")), _read(text.replace("|", ""))
    assert wrapped == plain
    assert ("43家", "hnte_applied", 43.0, "2025H1", False) in wrapped  # 申报⏎2026年度第一批…
    assert ("30家", "hnte_recognised", 30.0, "2025", True) in wrapped  # 力争全⏎年…
    assert ("2.5%", "rd_intensity", 2.5, "2025", True) in wrapped
