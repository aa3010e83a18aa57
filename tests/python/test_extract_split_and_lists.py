"""Figures that conversion split or cut (3 26件, 1,45项, .35亿元, 00.5亿元, 立项项), list numbers
(3.1-9月), numbers that are no figures (telephone and document numbers, ranks), a Chinese zero
for an activity, and suspect figures in a panel. Sentences of our own, not the trial's."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb


@pytest.mark.parametrize(
    "text, figure, unit, kind",
    [
        ("本季度共受理专利申请2 48件，同比持平。", "2 48件", "件", "split_digits"),
        ("全年落实研发补助资金35 70万元。", "35 70万元", "万元", "split_digits"),
        ("累计培育科技型企业2 315家。", "2 315家", "家", "split_digits"),
        ("实现技术交易额47. 3亿元。", "47. 3亿元", "亿元", "split_digits"),
        ("实现技术交易额47 .3亿元。", "47 .3亿元", "亿元", "split_digits"),
        ("新登记技术合同2,6项。", "2,6项", "项", "bad_grouping"),
        ("授权发明专利4,5678件。", "4,5678件", "件", "bad_grouping"),
        ("全区R&D经费支出.72亿元。", ".72亿元", "亿元", "leading_point"),
        ("每万人发明专利拥有量达到.6件。", ".6件", "件", "leading_point"),
        ("研发投入强度达到.93%。", ".93%", "%", "leading_point"),
        ("实现技术交易额05.8亿元。", "05.8亿元", "亿元", "leading_zeros"),
        ("新增科技型企业007家。", "007家", "家", "leading_zeros"),
    ],
)
def test_a_split_or_cut_figure_is_one_damaged_figure_over_its_whole_span(text, figure, unit, kind):
    facts = zb.extract(text)
    assert len(facts) == 1, facts[["text", "value"]]  # no fragment as a figure of its own
    fact = facts.iloc[0]
    assert math.isnan(fact.value) and fact.flag_damaged and fact.damage == kind
    assert (fact.text, fact.unit) == (figure, unit) and text[fact.begin : fact.end] == figure
    assert list(facts.attrs["findings"]["kind"]) == [kind]


def test_the_guess_of_a_split_figure_joins_its_fragments_never_in_value():
    facts = zb.extract("受理专利申请2 48件，落实资金35 70万元，交易额47. 3亿元。", guess=True)
    assert facts["guess"].tolist() == [248, 3570, 47.3]
    assert facts["value"].isna().all()
    cut = zb.extract("经费支出.72亿元。", guess=True)
    assert math.isnan(cut.loc[0, "guess"])  # how many digits were lost is unknown


def test_a_split_figure_enters_a_panel_missing_as_damaged_not_as_its_first_fragment():
    panel = zb.extract("2024年，全市专利授权量2 48件。").to_panel("x")
    assert math.isnan(panel.to_pandas()["patents_granted"].iloc[0])
    assert zb.REASONS[panel._core.reasons("patents_granted")[0] - 1] == "damaged_source"


@pytest.mark.parametrize(
    "text, values",
    [
        # a table turned into lines: cells after blanks, a unit column, a header 增幅%
        ("指标 单位 本年 上年 增幅%\n技术交易额 亿元 96.4 80.2 20.2\n授权专利 件 4215 3980 5.9\n", [96.4, 80.2, 20.2, 4215, 3980, 5.9]),
        ("2023年 新增企业15家。", [15]),
        ("专利授权量1,234件，申报项目12，获批8项。", [1234, 12, 8]),  # "，" ends a clause
        ("序号 1 2 3", [1, 2, 3]),
        ("比上年提高3 个百分点。", [3]),
    ],
)
def test_numbers_with_blanks_between_them_that_are_sound(text, values):
    facts = zb.extract(text)
    assert facts["value"].tolist() == values
    assert not facts.flag_damaged.any() and facts.attrs["findings"].empty


def test_list_numbers_are_no_figures_and_move_no_period():
    text = "城南区2024年前三季度工作总结。\n5.1-9月，登记技术合同86项。\n7.人才引进：引进博士12人。推进平台建设。8. 成果转化：转化成果9项。\n6、1-9月，新增企业4家。\n2.2023年以来，累计培育企业30家。"
    facts = zb.extract(text)
    assert facts["text"].tolist() == ["86项", "12人", "9项", "4家", "30家"]
    assert facts["period"].tolist()[:4] == ["2024YTD09"] * 4
    assert facts.attrs["findings"].empty  # 7.人 is no dangling point


def test_a_point_after_a_number_mid_sentence_or_before_an_amount_is_still_damage():
    facts = zb.extract("研发占比达到17.%，奖补资金42.万元。\n3.5亿元的技术合同已登记。")
    assert facts["damage"].tolist() == ["dangling_point", "dangling_point", ""]
    assert facts.loc[2, "value"] == 3.5  # a figure at a line's start keeps its decimals


@pytest.mark.parametrize(
    "text, figure",
    [
        ("全年通过评审立项项，", "项"),
        ("新增授权专利 件，", "件"),
        ("研发投入强度提升个百分点。", "个百分点"),
        ("实现技术合同成交额万元。", "万元"),
        ("筹集专项经费亿元，", "亿元"),
        ("利润同比增长%，", "%"),
    ],
)
def test_empty_slots(text, figure):
    facts = zb.extract(text)
    assert facts["text"].tolist() == [figure] and facts.loc[0, "damage"] == "empty_slot"


def test_words_that_look_like_empty_slots_are_not():
    facts = zb.extract("超亿元企业12家，产值近亿元，上亿元项目3个，提高一个百分点，几个百分点，立项项目5个。")
    assert not facts.flag_damaged.any() and facts.attrs["findings"].empty


def test_telephone_and_document_numbers_and_ranks_are_no_figures():
    facts = zb.extract(
        "咨询电话：0579-82345678，服务热线 13905711234。依据浙科发（2022）7号和(2021)33号文件，" "兑现资金80万元，增速位列全省第3位，排名第1-3名，第十二批。"
    )
    assert facts["text"].tolist() == ["80万元"]
    assert facts.attrs["findings"].empty


def test_a_lost_sub_item_number_is_a_finding():
    findings = zb.extract("一、主要成效\n（）企业培育。新增企业5家。").attrs["findings"]
    assert findings["kind"].tolist() == ["lost_list_number"] and findings.loc[0, "text"] == "（）"


def test_a_chinese_zero_for_an_activity_is_suspect_as_a_zero_digit_is():
    facts = zb.extract("帮助企业解决难题零项，新增企业〇家。")
    assert facts["value"].tolist() == [0, 0] and facts.flag_suspect.all()
    assert facts.attrs["findings"]["kind"].tolist() == ["implausible_zero"] * 2
    assert not zb.extract("研发经费零增长，利润增长0%。").flag_suspect.any()


def test_a_suspect_figure_enters_a_panel_missing_unless_kept():
    facts = zb.extract("2024年，向乡镇选派科技特派员0名，上门走访企业零家，获批立项11项。")
    panel = facts.to_panel("x")
    values = panel.to_pandas().iloc[0]
    assert values["projects_approved"] == 11
    suspect = [v for v in panel.variables if v != "projects_approved"]
    assert suspect and all(math.isnan(values[v]) for v in suspect)
    for v in suspect:
        assert zb.REASONS[panel._core.reasons(v)[0] - 1] == "suspect_source"
    assert (panel.findings["kind"] == "suspect_figure").sum() == len(suspect)
    kept = facts.to_panel("x", keep_suspect=True)
    assert all(kept.to_pandas().iloc[0][v] == 0 for v in suspect)
    assert "keep_suspect=True" in kept.findings.loc[kept.findings.kind == "suspect_figure", "message"].iloc[0]
    assert zb.read_report("2024年，向乡镇选派科技特派员0名。", entity="x", keep_suspect=True).findings.shape[0] >= 1


def test_a_misspelt_to_panel_keyword_names_to_panel():
    with pytest.raises(TypeError) as caught:
        zb.extract("2024年，获批立项11项。").to_panel("x", keep_suspects=True)
    message = str(caught.value)
    assert "Facts.to_panel" in message and "<locals>" not in message and "keep_suspect" in message


def test_people_counted_in_ming_and_wei_bind_to_a_variable_in_ren():
    facts = zb.extract("2024年，选派科技特派员35名，引进高层次人才12位。")
    assert facts["variable"].tolist()[0] == "science_commissioners" and not facts["flag_unit_mismatch"].any()
    assert zb.read_report("2024年，选派科技特派员35名。", entity="x").to_pandas().iloc[0]["science_commissioners"] == 35
