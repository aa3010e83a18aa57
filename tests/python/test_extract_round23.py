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
        ("2025年，逾万人参加科普活动。", "逾万人", 1, "lower_bound"),  # 1 万人 (round 25: the unit as written)
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


# ---- F18: a monthly table's header 本月 / 1-10月累计: each column its own period ------------------

MONTHLY_TITLES = ["某市科技局2026年10月科技统计月报", "某开发区2026年1-10月科技创新统计表"]
MONTHLY_HEADERS = [
    ("指标名称\t单位\t本月\t1-10月累计\t同比增长%", "技术合同成交额\t亿元\t1.2\t10.5\t12.3"),
    ("指标名称 单位 当月 1-10月累计 同比增长%", "技术合同成交额 亿元 1.2 10.5 12.3"),
    ("| 指标 | 单位 | 本月 | 1-10月累计 | 同比增长% |", "| 技术合同成交额 | 亿元 | 1.2 | 10.5 | 12.3 |"),
]


@pytest.mark.parametrize("title", MONTHLY_TITLES)
@pytest.mark.parametrize("header, row", MONTHLY_HEADERS)
def test_a_month_column_and_a_cumulative_column_have_their_periods(title, header, row):
    facts = zb.extract(f"{title}\n{header}\n{row}\n")
    assert list(zip(facts.text, facts.variable, facts.period)) == [
        ("1.2", "tech_contract_value", "2026-10"),
        ("10.5", "tech_contract_value", "2026YTD10"),
        ("12.3", "tech_contract_value", "2026YTD10"),  # the growth of the column before it
    ]
    assert list(facts.unit) == ["亿元", "亿元", "%"]


def test_a_growth_column_after_each_period_column_is_of_that_column():
    text = "某市科技局2026年10月科技统计月报\n指标 单位 本月 同比% 1-10月累计 同比%\n专利授权量 件 320 5.1 2860 8.1\n"
    facts = zb.extract(text)
    assert list(zip(facts.text, facts.period)) == [
        ("320", "2026-10"),
        ("5.1", "2026-10"),
        ("2860", "2026YTD10"),
        ("8.1", "2026YTD10"),
    ]


@pytest.mark.parametrize(
    "header, growth_period",
    [
        ("指标 本期 上年同期 增长%", "2026-10"),  # the growth of 本期, never of 上年同期
        ("指标名称 单位 2026年 2025年 增长%", "2026"),  # between years, the latest
        ("指标名称 单位 2025年 2026年 增长%", "2026"),
    ],
)
def test_a_growth_column_after_the_prior_or_between_years_is_as_before(header, growth_period):
    cells = "技术合同成交额 亿元 1.2 1.0 20.0" if "单位" in header else "技术合同成交额（亿元） 1.2 1.0 20.0"
    facts = zb.extract(f"某市科技局2026年10月科技统计月报\n{header}\n{cells}\n")
    assert facts[facts.unit == "%"].period.tolist() == [growth_period]


# ---- Part 2 (new report styles): 近千万元, Chinese numerals counting people and events ------------


def test_nearly_ten_million_yuan_is_a_bound_in_wan_yuan():
    fact = the_fact("2025年，专利转让许可合同金额近千万元。", "近千万元")
    assert (fact.value, fact.unit, fact.qualifier) == (1000, "万元", "upper_bound")


@pytest.mark.parametrize(
    "sentence, figure, value, unit",
    [
        ("2025年，引进人才一百二十名。", "一百二十名", 120, "名"),
        ("2025年，选派科技特派员二十位。", "二十位", 20, "位"),
        ("2025年，举办培训班十二期。", "十二期", 12, "期"),
        ("2025年，开展科普活动三十余场。", "三十余场", 30, "场"),
        ("2025年，全县近千名科技特派员深入基层。", "近千名", 1000, "名"),
    ],
)
def test_a_chinese_numeral_counts_people_and_events(sentence, figure, value, unit):
    fact = the_fact(sentence, figure)
    assert (fact.value, fact.unit) == (value, unit)


@pytest.mark.parametrize(
    "sentence",
    ["2025年，推进一期工程建设。", "2025年，构建三位一体格局。", "2025年，打好一场硬仗。", "2025年，全省排名前十名。"],
)
def test_a_small_chinese_numeral_before_a_measure_word_is_a_word(sentence):
    assert len(zb.extract(sentence)) == 0


# ---- Part 2: the centres added are no level of the stock (devzone monthly sheet: the panel's
# engineering_centres was the 3 added, the 27 left out as a duplicate) -----------------------------


@pytest.mark.parametrize(
    "text, new, stock",
    [
        ("新认定省级工程技术研究中心3家，全区省级以上工程技术研究中心累计达到27家。", ("engineering_centres_new", 3), ("engineering_centres", 27)),
        ("新建市级企业研发中心6个，累计达到48个。", ("enterprise_rd_centres_new", 6), ("enterprise_rd_centres", 48)),
        ("新增省级企业研究院2家，全县企业研究院总数达到11家。", ("enterprise_rd_centres_new", 2), ("enterprise_rd_centres", 11)),
    ],
)
def test_centres_added_and_the_stock_are_two_variables(text, new, stock):
    facts = zb.extract("2025年，" + text)
    assert [(v, x) for v, x in zip(facts.variable, facts.value)] == [new, stock]
    assert facts.to_panel("x").values(stock[0])[0] == stock[1]


def test_centres_without_a_scope_word_are_the_stock():
    facts = zb.extract("2025年，全市工程技术研究中心达到120家，企业研发中心356家。")
    assert list(facts.variable) == ["engineering_centres", "enterprise_rd_centres"]


# ------------------------------------------------------------------ review23b: the round's own slips


@pytest.mark.parametrize("text", ["综合科技创新水平居全省十二位。", "创新指数排名全省十二位。", "位居全市十二名。", "稳居全省前列，跃居全省十二位。"])
def test_a_place_in_a_ranking_is_no_count_of_people(text):
    # F1: 居全省十二位 became science_commissioners = 12 (a Chinese numeral before 名/位 read as people)
    assert zb.extract(text).empty


def test_people_named_beside_a_ranking_are_still_counted():
    facts = zb.extract("累计引进高层次人才二十名，排名全市第三位。")
    assert [(r.variable, r.value) for r in facts.itertuples()] == [("talents_introduced", 20.0)]


@pytest.mark.parametrize("text", ["培训科技特派员数十名。", "几十位专家参加。", "服务企业数十家。", "带动就业数百人。", "投入数百万元。"])
def test_some_tens_or_hundreds_are_no_number(text):
    # F2: 数十名 and 几十位 were exactly 10 talents (数百 gave nothing: now the same for all)
    assert zb.extract(text).empty


def test_a_total_written_before_its_numeral_is_still_read():
    facts = zb.extract("高新技术企业总数十二家。")
    assert list(facts["value"]) == [12.0] and list(facts["text"]) == ["十二家"]


@pytest.mark.parametrize(
    "text, value, written",
    [
        ("差错率控制在百万分之三以内。", 3e-4, "百万分之三"),
        ("差错率十万分之五。", 5e-3, "十万分之五"),
        ("差错率千万分之二。", 2e-5, "千万分之二"),
        ("差错率万分之3.5。", 0.035, "万分之3.5"),
    ],
)
def test_per_hundred_thousand_and_per_million_are_their_own_fractions(text, value, written):
    # F3: 百万分之三, 十万分之五, 千万分之二 were read as 万分之 (10 to 1000 times too big), the prefix hidden
    facts = zb.extract(text)
    assert len(facts) == 1 and facts["unit"].iloc[0] == "%"
    assert facts["value"].iloc[0] == pytest.approx(value, rel=1e-15) and facts["text"].iloc[0].startswith(written)


@pytest.mark.parametrize("text", ["组织申报科技型中小企业1200家，入库1150家。", "科技型中小企业申报1200家，评价入库1150家。"])
def test_tech_smes_applied_and_registered_are_two_variables(text):
    # review23b F12: tech_sme_registered took the 1,200 applications; the 1,150 registered had none
    facts = zb.extract(text)
    assert [(r.variable, r.value) for r in facts.itertuples()] == [
        ("tech_sme_applied", 1200.0),
        ("tech_sme_registered", 1150.0),
    ]
