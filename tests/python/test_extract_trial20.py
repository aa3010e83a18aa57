"""Round 20: wrong figures and bindings a new user's trial of the report reader found (issue #13)."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb
from report_facts import the_fact


def _rows(text: str, *columns: str) -> list[tuple]:
    facts = zb.extract(text)
    return [tuple(row) for row in facts[list(columns)].itertuples(index=False)]


# ---- F1: a blank beside a thousands separator is a split figure, never a bare "1" -----------------


@pytest.mark.parametrize(
    "figure",
    ["1, 512件", "2 ,360万元", "3 ,260名", "12, 345项", "4 , 500家", "1,234, 567万元", "2 ,36万元", "7,  890人"],
)
@pytest.mark.parametrize("lead", ["2025年，全市专利授权量", "2025年，争取上级资金", "全年引进各类人才"])
def test_a_blank_beside_a_separator_is_split_digits(lead, figure):
    facts = zb.extract(lead + figure + "。")
    assert len(facts) == 1, facts[["text", "value"]]  # one figure, no bare head and no confident tail
    fact = facts.iloc[0]
    assert fact.text == figure and math.isnan(fact.value) and fact.flag_damaged
    assert fact.damage == "split_digits"


def test_a_blank_beside_a_separator_reaches_no_panel():
    panel = zb.read_report("某市2025年科技工作总结\n全市专利授权量1, 512件。", entity="x")
    assert math.isnan(panel.values("patents_granted")[0])


def test_a_sound_separator_and_a_list_of_numbers_stay_as_they_were():
    assert _rows("2025年，专利授权量1,512件。", "value") == [(1512,)]
    # a table's cells stand after blanks: no word before the first figure
    assert [v for (v,) in _rows("指标 1,234 567\n", "value")] != []
    assert not zb.extract("分别为1, 2, 3。")["flag_damaged"].any()  # no unit: an enumeration


# ---- F2: a third decimal point is extra_point too --------------------------------------------------


@pytest.mark.parametrize("figure", ["1.2.3.4项", "1.2.3.4亿元", "12.3.45.6万元", "1.2.3.4.5家"])
def test_more_than_two_points_before_a_unit_is_extra_point(figure):
    fact = the_fact("2025年，全市登记技术合同" + figure + "。", figure)
    assert math.isnan(fact.value) and fact.damage == "extra_point"


# ---- F3: more digits than a double keeps exactly, or than any report has -------------------------


@pytest.mark.parametrize("digits", [16, 17, 19, 40, 308])
def test_more_than_fifteen_significant_digits_is_out_of_range(digits):
    figure = "9" * digits + "件"
    fact = the_fact("2025年，专利授权量" + figure + "。", figure)
    assert math.isnan(fact.value) and fact.flag_out_of_range


@pytest.mark.parametrize("figure", ["9007199254740993万元", "1234567.123456789亿元", "12,345,678,901,234,567元"])
def test_a_figure_a_double_cannot_hold_exactly_is_out_of_range(figure):
    fact = the_fact("2025年，技术合同成交额" + figure + "。", figure)
    assert math.isnan(fact.value) and fact.flag_out_of_range


def test_fifteen_digits_and_leading_zeros_of_a_decimal_are_read():
    assert _rows("研发投入123456789012345元。", "value") == [(123456789012345.0,)]
    assert _rows("占比0.000001234%。", "value") == [(0.000001234,)]


def test_a_figure_of_too_many_digits_never_reaches_compute():
    panel = zb.read_report("某市2025年科技工作总结\n全市专利授权量12345678901234567890件。", entity="x")
    assert "patents_granted" not in panel.variables or math.isnan(panel.values("patents_granted")[0])
    assert "out_of_range" in set(panel.findings["kind"])


# ---- F4, F5: 分别 gives each figure the quantity listed in its place ------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("全市R&D经费投入和财政科技支出分别为86.4亿元和12.85亿元。", [("rd_expenditure", 86.4), ("fiscal_st_expenditure", 12.85)]),
        ("R&D经费投入和财政科技支出分别为1,286.5亿元和12.85亿元。", [("rd_expenditure", 1286.5), ("fiscal_st_expenditure", 12.85)]),
        ("专利申请量和授权量分别为18,620件和9,874件。", [("patent_applications", 18620), ("patents_granted", 9874)]),
        ("专利申请量、授权量分别为1,862件、9,874件。", [("patent_applications", 1862), ("patents_granted", 9874)]),
        ("全年专利申请量和授权量分别为18620件和9874件。", [("patent_applications", 18620), ("patents_granted", 9874)]),
    ],
)
def test_respectively_binds_each_figure_to_its_listed_quantity(sentence, expected):
    assert _rows("2025年，" + sentence, "variable", "value") == expected


def test_respectively_never_gives_the_first_figure_to_the_second_quantity():
    panel = zb.read_report("某市2025年科技工作总结\n全市R&D经费投入和财政科技支出分别为86.4亿元和12.85亿元。", entity="x")
    assert panel.values("fiscal_st_expenditure")[0] == pytest.approx(128500)  # 万元
    assert panel.values("rd_expenditure")[0] == pytest.approx(864000)


# ---- F6: 家次, 项次… count visits and services, not firms or projects ----------------------------


@pytest.mark.parametrize("unit", ["家次", "项次", "件次", "户次"])
def test_a_count_word_with_ci_is_its_own_measure_word(unit):
    facts = zb.extract(f"2025年，全年走访企业320{unit}，服务企业1,245{unit}，实施项目12{unit}。")
    assert list(facts["unit"]) == [unit] * 3
    assert not facts["variable"].astype(bool).any()  # no variable counted in 家 or 项 takes them
    assert facts["flag_no_variable"].all()


def test_people_visits_stay_people_trained():
    assert _rows("2025年，培训科技人员3200人次。", "variable", "unit") == [("people_trained", "人次")]
    assert _rows("2025年，走访企业320家。", "variable", "unit") == [("firms_visited", "家")]


# ---- F7: a 其中 that opens the next sentence lists parts ----------------------------------------


@pytest.mark.parametrize("stop", ["。", "！", "。\n", "。 "])
def test_a_part_word_opening_the_next_sentence_lists_parts(stop):
    text = f"2026年上半年，获批立项21项{stop}其中获批省级项目6项、市级项目9项。"
    assert _rows(text, "variable", "value", "flag_part", "level") == [
        ("projects_approved", 21, False, ""),
        ("projects_approved", 6, True, "省级"),
        ("projects_approved", 9, True, "市级"),
    ]


def test_a_part_by_level_in_the_next_sentence_is_a_part():
    rows = _rows("2024年，全区申报省级项目45项。其中国家级项目3项。", "flag_part", "level")
    assert rows == [(False, ""), (True, "国家级")]


def test_a_sentence_after_the_parts_is_no_part():
    text = "2026年上半年，获批立项21项。其中获批省级项目6项、市级项目9项。申报科技项目45项。"
    assert _rows(text, "variable", "flag_part")[-1] == ("projects_applied", False)


# ---- F8: a bulletin's issue line states its year ------------------------------------------------


@pytest.mark.parametrize("issue", ["（2026年第3期）", "(2026年第3期)", "（2026年第三期）", "  （2026年 第3期）", "（2026年）"])
def test_a_bulletin_issue_line_states_the_report_year(issue):
    text = f"云湖高新区科技创新工作简报\n{issue}\n【运行概况】1-9月，全区实现地区生产总值286.4亿元。截至9月底，有效高新技术企业326家。"
    assert _rows(text, "period") == [("2026YTD09",), ("2026YTD09",)]


@pytest.mark.parametrize(
    "passing",
    [
        "云湖高新区科技创新工作简报\n全区高新技术企业326家（2025年第3期）。\n1-9月，技术合同成交额8.6亿元。",
        "云湖高新区科技创新工作简报\n（详见2026年第3期）\n1-9月，技术合同成交额8.6亿元。",
        "云湖高新区科技创新工作简报\n（2026年第3期）一、运行概况\n1-9月，技术合同成交额8.6亿元。",
    ],
)
def test_a_year_in_passing_or_a_parenthesis_in_a_sentence_is_no_issue_line(passing):
    assert _rows(passing, "period")[-1] == ("",)


# ---- F10: 净增 after a stock's figure is a change of that stock --------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "全市有效高新技术企业达到1,436家，净增182家。",
        "全市高新技术企业达到1436家，比上年净增182家。",
        "全省高新技术企业总数达到2.12万家，比上年净增182家。",
    ],
)
def test_a_net_increase_after_a_stock_is_a_change_of_it(sentence):
    rows = _rows("2025年，" + sentence, "variable", "flag_change")
    assert rows == [("hnte_total", False), ("hnte_total", True)]


@pytest.mark.parametrize(
    "sentence, figures",
    [
        ("新增高新技术企业12家，净增8家，总数达到156家。", [("hnte_recognised", False), ("hnte_total", True), ("hnte_total", False)]),
        ("新认定高新技术企业30家，净增21家。", [("hnte_recognised", False), ("hnte_total", True)]),
        ("新增高新技术企业12家，净减3家。", [("hnte_recognised", False), ("hnte_total", True)]),
        # without 净 the change is the new ones' own (a growth of the flow)
        ("新增高新技术企业12家，增加3家。", [("hnte_recognised", False), ("hnte_recognised", True)]),
    ],
)
def test_a_net_increase_after_the_new_ones_is_a_change_of_their_stock(sentence, figures):
    # 净增 is the new less those that left: a change of the stock, never of the number newly
    # recognised (a session's own check after trial 20, 5 December 2026).
    assert _rows("2025年，" + sentence, "variable", "flag_change") == figures


# ---- F11: lexicon gaps ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, variable",
    [
        ("争取国家科技项目资金32.7亿元。", "funds_secured"),
        ("争取省级以上科技项目资金累计达3,600余万元。", "funds_secured"),
        ("引进海外高层次人才1,350名。", "talents_introduced"),
        ("累计认定高新技术企业312家。", "hnte_total"),
    ],
)
def test_phrases_the_trial_missed_name_their_variables(sentence, variable):
    assert _rows("2025年，" + sentence, "variable") == [(variable,)]


def test_a_stock_of_laboratories_after_those_added_is_the_stock():
    text = "2025年，全省新增国家重点实验室2个，累计达到28个；省级重点实验室新增17个。"
    assert _rows(text, "variable", "value") == [
        ("key_laboratories_new", 2),
        ("key_laboratories", 28),
        ("key_laboratories_new", 17),
    ]
    panel = zb.read_report("某省2025年科技工作总结\n" + text[6:], entity="x")
    assert panel.values("key_laboratories")[0] == 28  # never the 2 added


@pytest.mark.parametrize(
    "sentence, paid",
    [
        ("应拨付补助资金500万元，已拨付420万元。", 420),
        ("应兑现奖补资金80万元，已兑现60万元。", 60),
        ("应拨付配套资金35万元，实际已拨付30万元。", 30),
    ],
)
def test_already_paid_after_an_amount_due_is_the_paid_entry(sentence, paid):
    rows = _rows("2025年，" + sentence, "variable", "value")
    assert rows[1][1] == paid and rows[1][0].endswith("_paid"), rows
    assert rows[0][0].endswith("_due")


def test_paid_without_an_amount_due_before_stays_unbound():
    assert _rows("2025年，已拨付420万元。", "variable") == [("",)]


# ---- F13: random bytes are no text: one finding, no figures --------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_random_bytes_are_one_finding_and_no_figures(seed):
    import random
    import warnings

    data = random.Random(seed).randbytes(5000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        facts = zb.extract(data)
    assert len(facts) == 0
    assert list(facts.attrs["findings"]["kind"]) == ["not_text"]
    assert "no text" in facts.attrs["findings"].loc[0, "message"]


def test_a_report_with_a_few_bad_bytes_is_still_read():
    import warnings

    data = "2025年，专利授权量326件，获批立项11项。".encode() + b"\xff\xfe" + "技术合同成交额1.2亿元。".encode()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        facts = zb.extract(data)
    assert list(facts["value"]) == [326, 11, 1.2]
    assert "not_text" not in set(facts.attrs["findings"].get("kind", []))


def test_this_year_in_a_bulletin_goes_on_with_its_stated_span():
    text = "云湖高新区科技创新工作简报\n（2026年第3期）\n1-9月，全区技术合同成交额8.6亿元。今年申报高新技术企业126家。"
    assert _rows(text, "period") == [("2026YTD09",), ("2026YTD09",)]
    # a title's year and span: 今年 is the title's period, as before
    annual = "某县2026年上半年科技工作总结\n1-3月，技术合同成交额8.6亿元。今年申报高新技术企业126家。"
    assert _rows(annual, "period") == [("2026Q1",), ("2026H1",)]


@pytest.mark.parametrize(
    "sentence, variable",
    [
        ("派出0名专家到各村开展巡回服务。", "experts_dispatched"),
        ("选派12名专家赴企业开展服务。", "experts_dispatched"),
        ("组织10名专家评审高新技术企业。", "experts_dispatched"),
        ("设立500万元风险补偿资金。", "risk_compensation_fund"),
        ("设立1,200万元风险补偿基金，", "risk_compensation_fund"),
    ],
)
def test_a_figure_inside_or_before_its_phrase_names_it(sentence, variable):
    assert _rows("2025年，" + sentence, "variable")[0] == (variable,)


def test_an_amount_names_only_the_funds_right_after_it():
    # a count may name the noun a few characters after it (22家企业申报…); an amount never does
    assert _rows("2025年，投入500万元用于风险补偿资金。", "variable") == [("",)]
