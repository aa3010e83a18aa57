"""Round 29: misreadings of published S&T texts (bureau summaries, work reports, bulletins, news) —
masks written with stars, decimals a rewriter spelt out after the point, 人民币 after 亿, a blank
before 年, 项数 as a noun, a plenum's ordinal, new lexicon entries and a web page's own data. Each
case is a sentence made for the test in the pattern found, with the cases a rule must not fire on."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb
from report_facts import rows_of


def _findings(text: str) -> list[str]:
    return list(zb.extract(text).attrs["findings"]["kind"])


# ---- masks written with stars: a masked figure, as xx家 ---------------------------------------


@pytest.mark.parametrize(
    "sentence, figures",
    [
        ("2023年，全区申报高新技术企业**家（其中新认定**家，复审*家）。", ["**家", "**家", "*家"]),
        ("2023年，高新技术产业产值占比为**%，同比提高*个百分点。", ["**%", "*个百分点"]),
        ("2023年，全区技术合同成交额12.**亿元。", ["12.**亿元"]),
        ("2023年，全区召开培训会议＊次。", ["＊次"]),
    ],
)
def test_stars_mask_a_figure(sentence, figures):
    facts = zb.extract(sentence)
    assert list(facts["text"]) == figures
    assert facts["flag_masked"].all()
    assert facts["value"].isna().all()


@pytest.mark.parametrize(
    "sentence, figure, value",
    [
        ("2023年，全区技术合同成交额*12亿元。", "12亿元", 12.0),  # a footnote's mark before the figure
        ("2023年，全区新认定高新技术企业**120家**。", "120家", 120.0),  # emphasis around it
    ],
)
def test_stars_before_digits_mask_nothing(sentence, figure, value):
    facts = zb.extract(sentence)
    assert list(facts["text"]) == [figure]
    assert facts["value"].iloc[0] == value and not facts["flag_masked"].iloc[0]


def test_stars_with_no_unit_are_no_figure():
    # a masked name (**区, 齐*检测, ***省): no measure word after the stars, no figure
    assert len(zb.extract("2023年，**区与齐*检测公司、***省财政厅签订协议。")) == 0


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("2023年，全区新增高新技术企业**120**家。", 120.0, "家"),
        ("2023年，全区研发投入**12.5**亿元。", 12.5, "亿元"),
    ],
)
def test_emphasis_closed_after_the_digits_masks_nothing(sentence, value, unit):
    facts = zb.extract(sentence)
    assert list(facts["value"]) == [value] and list(facts["unit"]) == [unit]
    assert not facts["flag_masked"].any()


@pytest.mark.parametrize(
    "sentence, figures",
    [
        ("2023年，**项目管理**取得成效。", []),
        ("2023年，**人才引进**成效明显。", []),
        ("2023年，重点抓好*万人计划*。", []),
        ("2023年，*项目*数量达15个。", ["15个"]),
    ],
)
def test_emphasis_on_a_word_is_no_mask(sentence, figures):
    assert list(zb.extract(sentence)["text"]) == figures


def test_a_star_between_digits_is_no_mask():
    facts = zb.extract("2023年，共3*4个项目。")
    assert "4个" in list(facts["text"]) and not facts["flag_masked"].any()


# ---- decimals spelt out after a dangling point: one damaged figure ------------------------------


@pytest.mark.parametrize(
    "sentence, figure, unit, guess",
    [
        ("截至2023年底，全市有效发明专利达1219.三万件。", "1219.三万件", "万件", 1219.0),
        ("2023年，全市技术合同成交额达576.一八亿元。", "576.一八亿元", "亿元", 576.0),
        ("2023年，全市新认定高新技术企业35.五家。", "35.五家", "家", 35.0),
    ],
)
def test_chinese_digits_after_a_dangling_point_are_the_same_damaged_figure(sentence, figure, unit, guess):
    facts = zb.extract(sentence, guess=True)
    assert list(facts["text"]) == [figure]
    row = facts.iloc[0]
    assert row["damage"] == "dangling_point" and row["flag_damaged"] and math.isnan(row["value"])
    assert row["unit"] == unit and row["guess"] == guess


def test_a_numeral_after_a_sentence_ending_in_a_point_is_its_own():
    # "12." then a list's 三是: no unit right after the numerals, so they are not the figure's decimals
    facts = zb.extract("全年新建平台12.三是加强人才引进。")
    assert list(facts["text"]) == ["12."]


# ---- 人民币 after 亿/万: money --------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, figure, unit",
    [
        ("2023年，全国技术合同成交额61376亿人民币。", "61376亿人民币", "亿元"),
        ("2023年，全市财政科技支出5400万人民币。", "5400万人民币", "万元"),
        ("2023年，全市财政科技支出5400万元人民币。", "5400万元", "万元"),
    ],
)
def test_renminbi_after_a_multiplier_is_money(sentence, figure, unit):
    facts = zb.extract(sentence)
    assert list(facts["text"]) == [figure] and facts["unit"].iloc[0] == unit


def test_people_are_still_people():
    facts = zb.extract("2023年，全市科技人员达到12万人。")
    assert list(facts["unit"]) == ["万人"]


# ---- a blank before 年, 月, 季度 (text taken out of a PDF) ---------------------------------------


@pytest.mark.parametrize(
    "sentence, period",
    [
        ("2022 年，全市研究与试验发展经费投入强度为3.02%。", "2022"),
        ("2022\u3000年全市研发投入强度为3.02%。", "2022"),
        ("2024年 3 季度，全市研发投入强度为3.02%。", "2024Q3"),
        ("2024年 6 月，全市研发投入强度为3.02%。", "2024-06"),
    ],
)
def test_a_year_with_a_blank_before_its_word_is_a_period(sentence, period):
    facts = zb.extract(sentence)
    assert list(facts["text"]) == ["3.02%"]
    assert facts["period"].iloc[0] == period


def test_a_month_range_with_blanks_before_its_words_is_a_period():
    facts = zb.extract("2023 年 1—9 月，全市专利授权1200件。")
    assert list(facts["text"]) == ["1200件"]
    assert facts["period"].iloc[0] == "2023YTD09"


def test_a_figure_before_a_blank_and_a_noun_stays_a_figure():
    facts = zb.extract("2023年，全市新增研发机构 12 家。")
    assert list(facts["value"]) == [12.0]


# ---- 项数, 件数, 家数: nouns, no empty slot --------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年，技术合同成交额、登记项数分别为120亿元、3000项。",
        "2023年，全市专利授权件数增长12%。",
        "2023年，入库企业家数达到历史新高。",
    ],
)
def test_a_count_noun_is_no_empty_slot(sentence):
    assert "empty_slot" not in _findings(sentence)
    assert not zb.extract(sentence)["flag_damaged"].any()


def test_a_lost_count_is_still_an_empty_slot():
    assert "empty_slot" in _findings("2023年，全市共收集企业难题项，均已解决。")


# ---- a plenum's or a congress's session: an ordinal, no count of 次 ------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "认真贯彻省委十三届三次、四次全会精神。",
        "市十七届人大三次会议审议通过了政府工作报告。",
        "深入学习党的二十届二次全体会议精神。",
    ],
)
def test_a_session_ordinal_is_no_figure(sentence):
    assert len(zb.extract(sentence)) == 0


def test_meetings_held_are_counted():
    facts = zb.extract("2023年，全市召开三次会议，部署科技创新工作。")
    assert list(facts["text"]) == ["三次"] and facts["value"].iloc[0] == 3.0


@pytest.mark.parametrize("sentence", ["本届以来共召开三次会议。", "连续举办两届，每届三次培训。"])
def test_counts_near_a_term_stay(sentence):
    assert list(zb.extract(sentence)["text"]) == ["三次"]


# ---- lexicon: engineering laboratories, 创客空间 --------------------------------------------------


@pytest.mark.parametrize(
    "sentence, figure, variable",
    [
        ("2023年，全国共有国家工程实验室194个。", "194个", "engineering_laboratories"),
        ("2023年，全省新建工程实验室3家。", "3家", "engineering_laboratories_new"),
        ("2023年，全省拥有国家重点实验室28个。", "28个", "key_laboratories"),
        ("2023年，全省拥有创客空间238家。", "238家", "makerspaces"),
    ],
)
def test_platforms_bind_to_their_own_variable(sentence, figure, variable):
    assert (figure, variable) in rows_of(sentence, "text", "variable")


# ---- what a web page prints around a report ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "发布时间：2023-03-20 15:19",
        "发布日期：2023/3/8",
        "浏览量:1",
        "阅读次数： 356",
    ],
)
def test_page_data_is_no_figure(text):
    assert len(zb.extract(text)) == 0


def test_a_footnote_number_is_no_figure():
    facts = zb.extract("2023年，全市技术合同成交额120亿元[49]，同比增长12%。")
    assert list(facts["text"]) == ["120亿元", "12%"]


def test_a_span_of_years_and_a_count_after_a_colon_stay():
    facts = zb.extract("2021-2023年，全市累计新增高新技术企业：356家。")
    assert list(facts["text"]) == ["356家"]


@pytest.mark.parametrize(
    "sentence, figure",
    [
        ("全年网站浏览量：35万人次。", "35万人次"),
        ("平台累计浏览量 120万次。", "120万次"),
        ("全年科普文章阅读量 3000万次。", "3000万次"),
    ],
)
def test_a_count_of_views_with_its_unit_is_a_figure(sentence, figure):
    assert list(zb.extract(sentence)["text"]) == [figure]
