"""Round 24: last round's leftovers of the report reader (issue 13) — 近亿元 and its family (a bound
of a magnitude before 元, flagged empty_slot as if its digits were lost), flows of platforms told by
their verb without 新 (获批/认定/组建…3家 were the stocks), and a monthly table's 上年同月 / 增减%
columns (the table was refused: its cells had no variable or period)."""

from __future__ import annotations

import pytest

import zhibiao as zb

TITLE = "某县科技局2025年工作总结\n一、工作开展情况\n"

# ---- 近亿元, 上亿元, 超亿元, 逾亿元, 近万元: a magnitude after a bound word is the figure, a bound ----


@pytest.mark.parametrize(
    "sentence, text, variable, bound",
    [
        ("全县技术合同成交额近亿元。", "近亿元", "tech_contract_value", "upper"),
        ("争取上级资金上亿元，", "上亿元", "funds_secured", "lower"),
        ("全社会研发经费投入超亿元。", "超亿元", "rd_expenditure", "lower"),
        ("兑现奖补资金逾亿元。", "逾亿元", "reward_paid", "lower"),
        ("今年争取资金近万元。", "近万元", "funds_secured", "upper"),
        ("技术合同成交额首次突破近亿元大关。", "近亿元", "tech_contract_value", "upper"),
    ],
)
def test_a_bound_magnitude_before_yuan_is_a_bound_not_a_lost_number(sentence, text, variable, bound):
    # each was flag_damaged (empty_slot) or read nothing: 近亿元 is "nearly 1 亿元", as 近百家 is
    # nearly 100 家 (round 25: the unit as written, 亿元 or 万元, not 10^8 元)
    facts = zb.extract(TITLE + sentence)
    row = facts.iloc[0]
    unit = "亿元" if "亿" in text else "万元"
    assert (row.text, row.variable, row.value, row.unit, row.damage) == (text, variable, 1.0, unit, "")
    assert (row.flag_upper_bound, row.flag_lower_bound) == (bound == "upper", bound == "lower")
    assert not facts.attrs["findings"].kind.eq("empty_slot").any()


@pytest.mark.parametrize(
    "sentence",
    [
        "全县技术合同成交额亿元，",  # no bound word: the digits were lost
        "争取上级资金 亿元，",
        "研发经费投入近 亿元，",  # a blank where the number stood after 近
    ],
)
def test_a_magnitude_with_no_bound_word_is_still_a_lost_number(sentence):
    facts = zb.extract(TITLE + sentence)
    assert list(facts.damage) == ["empty_slot"] and facts.value.isna().all()


# ---- flows and stocks of platforms told by their verb -------------------------------------------


@pytest.mark.parametrize(
    "sentence, variable",
    [
        ("获批省级工程技术研究中心3家。", "engineering_centres_new"),
        ("全年获批市级工程技术研究中心3个。", "engineering_centres_new"),
        ("组建省级重点实验室2家。", "key_laboratories_new"),
        ("联合高校组建市级重点实验室2个。", "key_laboratories_new"),
        ("认定市级企业技术中心3个。", "enterprise_tech_centres_new"),
        ("新认定市级企业技术中心3个。", "enterprise_tech_centres_new"),
        ("备案市级众创空间4家。", "makerspaces_new"),
        ("获评国家级科技企业孵化器1家。", "incubators_new"),
        ("全年认定高新技术企业达到35家。", "hnte_recognised"),  # the verb of a flow outweighs 达到
        # stocks: 累计, 共有, 总数, 达到 and no verb of a flow
        ("累计建成省级工程技术研究中心45家。", "engineering_centres"),
        ("累计获批省级重点实验室12家。", "key_laboratories"),  # 累计 outweighs the verb
        ("全县共有市级企业技术中心41个。", "enterprise_tech_centres"),
        ("全县省级重点实验室达到30家。", "key_laboratories"),
        ("全县众创空间总数达到15家。", "makerspaces"),
        ("全县拥有省级工程技术研究中心18家。", "engineering_centres"),
        # a verb after a level is a kind of platform, not this year's (国家备案众创空间: registered)
        ("年末有国家级科技企业孵化器14家，国家备案众创空间23家。", "makerspaces"),
        ("全市国家认定企业技术中心12家。", "enterprise_tech_centres"),
        ("全市省级认定企业技术中心12家。", "enterprise_tech_centres"),
        ("全市认定企业技术中心12家。", "enterprise_tech_centres_new"),  # 全市: a verb
        # review24 F2: a stock stated beside the verb, a level 以上, a verb qualifying with 的
        ("全市现有经认定的高新技术企业350家。", "hnte_total"),
        ("全市拥有省级以上认定企业技术中心45家。", "enterprise_tech_centres"),
        ("全市挂牌运营的众创空间12家。", "makerspaces"),
        ("全市有效期内认定的高新技术企业350家。", "hnte_total"),
        ("全市获评省级科技企业孵化器的共有12家。", "incubators"),
        ("全市经认定的企业技术中心共45家。", "enterprise_tech_centres"),
        # review24b G3: a word of this period keeps the flow whatever 的 or 共有 says
        ("全年认定的高新技术企业120家。", "hnte_recognised"),
        ("当年获批组建的省级重点实验室5家。", "key_laboratories_new"),
        ("本年度经认定的高新技术企业120家。", "hnte_recognised"),
    ],
)
def test_a_platforms_flow_or_stock_is_told_by_its_verb(sentence, variable):
    # 获批/组建/认定…3家 were the stocks (engineering_centres 3): the panel's stock took the flow
    assert zb.extract(TITLE + sentence).variable.iloc[-1] == variable, sentence


def test_a_flow_and_a_stock_in_one_sentence_bind_apart():
    facts = zb.extract(TITLE + "获批省级工程技术研究中心3家，累计达到27家；组建重点实验室2个，全县重点实验室达到11个。")
    assert list(zip(facts.variable, facts.value)) == [
        ("engineering_centres_new", 3),
        ("engineering_centres", 27),
        ("key_laboratories_new", 2),
        ("key_laboratories", 11),
    ]


# ---- a monthly table's 上年同月 / 去年同月 and 增减% columns ---------------------------------------

MONTHLY = "临江区2026年10月科技统计月报\n"


@pytest.mark.parametrize(
    "header, row",
    [
        ("指标名称\t单位\t本月\t上年同月\t同比增长%", "专利授权量\t件\t186\t170\t9.4"),
        ("指标名称\t单位\t本月\t去年同月\t增减%", "专利授权量\t件\t186\t170\t9.4"),
        ("指标名称\t单位\t本月\t上年同月\t比上年同月增长（%）", "专利授权量\t件\t186\t170\t9.4"),
        ("指标\t本月\t去年同月\t增减（%）", "专利授权量（件）\t186\t170\t9.4"),
        ("指标名称  单位  本月  上年同月  增减%", "专利授权量  件  186  170  9.4"),
    ],
)
def test_a_monthly_tables_same_month_a_year_before_and_its_change(header, row):
    # 上年同月 was an unknown column: the table was refused (table_row) and its cells had no variable
    facts = zb.extract(f"{MONTHLY}{header}\n{row}\n")
    got = list(zip(facts.variable, facts.value, facts.unit, facts.period, facts.flag_change))
    assert got == [
        ("patents_granted", 186, "件", "2026-10", False),
        ("patents_granted", 170, "件", "2025-10", False),
        ("patents_granted", 9.4, "%", "2026-10", True),
    ]
    assert facts.attrs["findings"].empty


def test_a_cumulative_column_and_last_years_same_span():
    facts = zb.extract(f"{MONTHLY}指标名称\t计量单位\t1-10月\t去年同期\t比去年同期增减（%）\n专利授权量\t件\t1642\t1498\t9.6\n")
    assert list(zip(facts.value, facts.period, facts.flag_change)) == [
        (1642, "2026YTD10", False),
        (1498, "2025YTD10", False),
        (9.6, "2026YTD10", True),
    ]


# ---- Part 2, new report styles: a bulletin dated by a line of its own in brackets ---------------


@pytest.mark.parametrize(
    "dated, sentence, period",
    [
        ("（2026年第三季度）", "今年1-9月，全市质押融资金额达到28.65亿元。", "2026YTD09"),
        ("（2026年第三季度）", "三季度当季，新增质押融资金额9.42亿元。", "2026Q3"),
        ("（2026年第三季度）", "全市质押融资金额达到28.65亿元。", "2026Q3"),
        ("（2026年1-9月）", "全市质押融资金额达到28.65亿元。", "2026YTD09"),
        ("（ 2026年上半年 ）", "全市质押融资金额达到18.65亿元。", "2026H1"),
        ("(2026年第二季度)", "全市质押融资金额达到8.65亿元。", "2026Q2"),
        ("（2026年第3期）", "全市质押融资金额达到28.65亿元。", "2026"),  # an issue: the year only, as before
    ],
)
def test_a_period_on_a_line_of_its_own_in_brackets_dates_the_report(dated, sentence, period):
    # a period in brackets under the title held only to its bracket: every figure had no period
    facts = zb.extract(f"江州市知识产权质押融资工作通报\n{dated}\n\n一、总体情况\n{sentence}")
    assert list(facts.period) == [period]


def test_a_bracketed_date_of_writing_is_not_the_reports_period():
    facts = zb.extract("江州市科技局2025年工作总结\n（2026年1月）\n全市质押融资金额达到28.65亿元。")
    assert list(facts.period) == ["2025"]


# ---- the parts of pledge financing, the share of fiscal S&T spending, high-tech output ------------


def test_pledge_financing_by_the_right_pledged_is_a_part_not_the_total():
    # 专利权/商标权质押融资 were pledge_financing: three levels of the total in one sentence
    facts = zb.extract(TITLE + "办理知识产权质押登记156件，质押融资金额28.65亿元，其中专利权质押融资金额21.3亿元、商标权质押融资金额6.85亿元。")
    assert list(zip(facts.text, facts.variable)) == [
        ("156件", "ip_pledge_registrations"),
        ("28.65亿元", "pledge_financing"),
        ("21.3亿元", "patent_pledge_financing"),
        ("6.85亿元", "trademark_pledge_financing"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "全市财政科技支出12.6亿元，比上年增长9.1%，占一般公共预算支出的比重为3.2%。",
        "全市财政科技投入4.2亿元，占财政支出的比重为3.2%。",
        "全省地方财政科技支出298.4亿元，占地方一般公共预算支出的比重为3.2%。",
        "本级财政科技支出1.2亿元，占地方财政支出比重3.2%。",
        "财政科技支出占一般公共预算支出的比重达到3.2%。",
    ],
)
def test_the_share_of_fiscal_st_spending_binds(sentence):
    # the monitoring's fiscal_st_share: the % had no variable
    facts = zb.extract(TITLE + sentence)
    assert facts.loc[facts.text == "3.2%", "variable"].tolist() == ["fiscal_st_share"]


@pytest.mark.parametrize("phrase", ["高新技术产业产值", "高新技术产业总产值", "高新技术产业实现产值"])
def test_the_output_of_hitech_industry_binds(phrase):
    facts = zb.extract(f"{TITLE}全区{phrase}286.4亿元，同比增长11.3%；高新技术产业增加值98.1亿元。")
    assert list(facts.variable) == ["hitech_industry_output", "hitech_industry_output", "hitech_value_added"]


@pytest.mark.parametrize(
    "sentence, text",
    [
        ("全市人均财政科技支出达到312元。", "312元"),
        ("规上工业企业户均研发投入86万元。", "86万元"),
        ("人均研发经费投入1.2万元。", "1.2万元"),
        ("规上企业家均研发经费投入320万元。", "320万元"),
        # review24 F5: the per-head word after the phrase (0.0312 万元 was the city's spending)
        ("全市财政科技支出人均312元。", "312元"),
        ("规上工业企业研发投入户均86万元。", "86万元"),
        ("全市财政科技支出达到人均312元。", "312元"),
        # review24b G6: after a change of the whole, a per-head level is not the whole's level
        ("全市研发经费支出同比增长12%，人均研发经费支出达到1500元。", "1500元"),
    ],
)
def test_a_figure_per_head_is_no_amount_of_the_whole(sentence, text):
    # 人均财政科技支出312元 was fiscal_st_expenditure 312 元: the panel's spending of the city
    facts = zb.extract(TITLE + sentence)
    row = facts.loc[facts.text == text].iloc[0]
    assert row.variable == "" and row.flag_no_variable


@pytest.mark.parametrize("level", ["市本级", "县本级", "区本级"])
def test_the_own_budget_after_qizhong_is_a_part(level):
    # 其中市本级财政科技支出4.85亿元 was a second level of fiscal_st_expenditure beside the 12.6亿元
    facts = zb.extract(f"{TITLE}全市财政科技支出12.6亿元，比上年增长9.1%，其中{level}财政科技支出4.85亿元。")
    assert list(zip(facts.variable, facts.flag_part)) == [
        ("fiscal_st_expenditure", False),
        ("fiscal_st_expenditure", False),
        ("fiscal_st_expenditure", True),
    ]


# ---- a government work report: the next five-year plan's targets and a heading of targets and work


@pytest.mark.parametrize(
    "title, sentence, period",
    [
        ("丰江市2026年政府工作报告", "今后五年，力争全社会研发投入强度达到3%。", "2030"),
        ("丰江市2026年政府工作报告", "未来五年，力争高新技术企业突破2000家。", "2030"),
        ("丰江市科技局2025年工作总结", "今后五年，力争全社会研发投入强度达到3%。", "2030"),
        # review24 F4: a government work report looks ahead from its own year (its term's five
        # years), a summary from the year after it — not the next multiple of five (2022 gave 2025)
        ("丰江市2030年政府工作报告", "今后五年，力争全社会研发投入强度达到3.5%。", "2034"),
        ("丰江市2022年政府工作报告", "今后五年，力争全社会研发投入强度达到3%。", "2026"),
        ("丰江市2027年政府工作报告", "今后五年，力争全社会研发投入强度达到3%。", "2031"),
        ("丰江市科技局2022年工作总结", "今后五年，力争全社会研发投入强度达到3%。", "2027"),
        # review24b G4: the words of a government work report anywhere in the report's head
        ("丰江市政府工作报告（2026年）", "今后五年，力争全社会研发投入强度达到3%。", "2030"),
        ("丰江市政府工作报告\n（2026年）", "今后五年，力争全社会研发投入强度达到3%。", "2030"),
    ],
)
def test_the_next_five_years_targets_are_of_the_plans_last_year(title, sentence, period):
    # they were targets of the year in force (2025): a panel of 2025's targets
    facts = zb.extract(f"{title}\n一、2025年工作回顾\n2025年，技术合同成交额86.3亿元。\n{sentence}")
    assert list(zip(facts.period, facts.flag_target))[-1] == (period, True)


@pytest.mark.parametrize(
    "heading",
    ["二、“十五五”时期目标和2026年重点工作", "二、主要目标和2026年重点任务", "（二）2026年目标及重点工作"],
)
def test_a_heading_of_targets_and_work_planned_makes_targets(heading):
    # 2026年，…增长12%以上，技术合同成交额突破100亿元，新增高新技术企业200家 under it were 2026's levels
    text = f"丰江市2026年政府工作报告\n一、2025年工作回顾\n2025年，技术合同成交额86.3亿元。\n{heading}\n2026年，技术合同成交额突破100亿元，新增高新技术企业200家。"
    facts = zb.extract(text)
    assert list(zip(facts.period, facts.flag_target)) == [("2025", False), ("2026", True), ("2026", True)]


@pytest.mark.parametrize("heading", ["二、目标任务完成情况", "二、主要目标完成情况"])
def test_a_heading_of_targets_met_makes_no_targets(heading):
    facts = zb.extract(f"丰江市2026年政府工作报告\n{heading}\n2025年，技术合同成交额86.3亿元。")
    assert not facts.flag_target.any()
