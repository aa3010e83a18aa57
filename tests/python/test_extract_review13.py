"""A review of round 13's reader changes: platforms in 家 that count firms, targets across ；,
a second 其中 list in one sentence, combined review-and-plan titles, and levels with 以上.
Sentences written for the project in several bureaus' styles; every expected figure is checked by
hand against the sentence beside it."""

from __future__ import annotations

import pytest

import zhibiao as zb

SUMMARY = "某县2024年科技工作总结\n"


def _rows(text: str, *columns: str) -> list[tuple]:
    facts = zb.extract(text)
    return [tuple(getattr(r, c) for c in columns) for r in facts.itertuples()]


# ---- 家 after a noun of firms counts the firms, not the platforms -------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # each was bound to the platform's variable (rd_institutions 120, enterprise_rd_centres 86,
        # enterprise_tech_centres 15): 家 counts the 企业 written after the phrase
        "全县规上工业企业中有研发机构的企业120家，占比45%。",
        "建有企业研发中心的企业达到86家。",
        "新认定市级企业技术中心企业15家。",
        "拥有省级重点实验室的单位共9家。",
        "建有工程技术研究中心的公司12家。",
    ],
)
def test_jia_after_a_noun_of_firms_is_no_count_of_platforms(sentence):
    first = zb.extract(SUMMARY + sentence).iloc[0]
    assert not first.variable and first.flag_unit_mismatch and first.flag_no_variable, sentence


@pytest.mark.parametrize(
    ("sentence", "variable"),
    [
        # 家 right after the platform (or after a verb of it) is still the platforms' count
        ("新认定省级企业研发中心8家。", "enterprise_rd_centres_new"),  # the flow (round 23)
        ("全县企业研发机构达到120家。", "rd_institutions"),
        ("企业新建市级企业技术中心15家。", "enterprise_tech_centres_new"),  # 新建: the flow (round 24)
    ],
)
def test_jia_after_the_platform_is_still_its_count(sentence, variable):
    first = zb.extract(SUMMARY + sentence).iloc[0]
    assert (first.variable, first.unit, first.flag_unit_mismatch) == (variable, "家", False)


# ---- a target across ；only after a target figure -----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # 确保/力争 with no figure before the ；: both figures after it were flag_target
        "加强科技项目管理，确保资金安全；全年新增高新技术企业12家，技术合同成交额5亿元。",
        "围绕力争进入全省前列的目标；全年新增高新技术企业12家，技术合同成交额5亿元。",
        "预计各项工作顺利推进；全年新增高新技术企业12家，技术合同成交额5亿元。",
    ],
)
def test_a_target_word_without_a_figure_names_no_target_across_a_semicolon(sentence):
    assert _rows(SUMMARY + sentence, "text", "period", "flag_target", "flag_estimate") == [
        ("12家", "2024", False, False),
        ("5亿元", "2024", False, False),
    ]


def test_a_target_figure_before_a_semicolon_still_carries_it():
    # the guard of round 13: 力争…30家 is a target, so what the sentence lists after ；is too
    text = SUMMARY + "二、2025年工作计划\n力争新增科技型中小企业30家；研发经费投入达到2亿元。"
    assert _rows(text, "text", "flag_target") == [("30家", True), ("2亿元", True)]
    text = "2024年上半年科技工作总结\n下半年，力争新增科技型中小企业30家；研发经费投入达到2亿元。"
    assert _rows(text, "text", "period", "flag_target") == [("30家", "2024H2", True), ("2亿元", "2024H2", True)]


# ---- a second 其中 list in one sentence ---------------------------------------------------------


def test_a_second_total_after_qizhong_takes_the_parts_of_its_own_qizhong():
    # 2个 was innovation_platforms/省级 (the first total's)
    text = SUMMARY + "新增科技创新平台10个，其中省级3个、市级5个，新增研发机构8个，其中省级2个。"
    assert _rows(text, "text", "variable", "level", "flag_part") == [
        ("10个", "innovation_platforms", "", False),
        ("3个", "innovation_platforms", "省级", True),
        ("5个", "innovation_platforms", "市级", True),
        ("8个", "rd_institutions", "", False),
        ("2个", "rd_institutions", "省级", True),
    ]


def test_a_part_in_another_unit_after_a_second_total_binds_to_that_total():
    # 1个 had no variable (the first total, projects_approved, is counted in 项)
    text = SUMMARY + "获批科技项目20项，其中省级5项，新认定工程技术研究中心4个，其中省级1个。"
    assert _rows(text, "text", "variable", "level") == [
        ("20项", "projects_approved", ""),
        ("5项", "projects_approved", "省级"),
        ("4个", "engineering_centres_new", ""),  # 新认定: the flow (round 23)
        ("1个", "engineering_centres_new", "省级"),
    ]


def test_the_level_sum_starts_again_at_a_second_total():
    # 18个 was read as a part of 10个 (a part larger than its total: suspect), and 12个 + the first
    # list's levels summed against 10个; each list adds up within its own total (3+6 <= 10, 12 <= 18)
    facts = zb.extract(SUMMARY + "新增科技创新平台10个，其中省级3个、市级6个，新增研发机构18个，其中省级12个。")
    assert not facts["flag_suspect"].any(), facts[["text", "variable", "flag_suspect"]]
    assert list(facts["variable"]) == ["innovation_platforms"] * 3 + ["rd_institutions"] * 2
    # parts over their own total are still found: 12 + 9 = 21 > 18
    facts = zb.extract(SUMMARY + "新增科技创新平台10个，其中省级3个，新增研发机构18个，其中省级12个、市级9个。")
    assert list(facts["flag_suspect"]) == [False, False, False, False, True]


def test_a_part_with_its_own_phrase_after_qizhong_is_still_a_part():
    # 其中 in the figure's own clause: a part of the total before it (not a new total)
    facts = zb.extract(SUMMARY + "专利授权量326件，其中发明专利授权量520件。")
    assert list(facts["flag_suspect"]) == [False, True]


# ---- a title that reviews a year and plans the next --------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "某县2024年科技工作回顾及2025年工作打算",
        "某县2024年工作开展和2025年工作安排",
        "某县科技局2024年工作成效暨2025年工作思路",
        "某县2024年科技创新工作与2025年工作计划",
    ],
)
def test_a_title_of_review_and_plan_is_no_plan_throughout(title):
    # the 2024 figures were flag_target (the title made the whole report a plan)
    text = f"{title}\n一、2024年工作成效\n新增高新技术企业12家，技术合同成交额5亿元。\n二、2025年工作打算\n新增高新技术企业15家。"
    assert _rows(text, "text", "period", "flag_target") == [
        ("12家", "2024", False),
        ("5亿元", "2024", False),
        ("15家", "2025", True),
    ]


@pytest.mark.parametrize(
    "title",
    ["2025年工作计划", "某县科学技术局2025年科技工作计划", "某县科技和工业信息化局2025年工作要点及工作计划"],
)
def test_a_title_of_one_plan_is_still_a_plan_throughout(title):
    text = f"{title}\n一、主要目标\n新认定高新技术企业20家。\n二、重点工作\n新建研发平台3个。"
    assert _rows(text, "text", "period", "flag_target") == [("20家", "2025", True), ("3个", "2025", True)]


def test_the_report_period_of_a_review_and_plan_title_is_the_reviewed_year():
    # 预计全年 in the 2024 section was a target (the report's period taken as 2025, the plans')
    text = "某县2024年工作总结和2025年工作计划\n一、2024年工作成效\n预计全年技术合同成交额5亿元。\n二、2025年工作计划\n新增高新技术企业15家。"
    assert _rows(text, "text", "period", "flag_target", "flag_estimate") == [
        ("5亿元", "2024", False, True),
        ("15家", "2025", True, False),
    ]


# ---- levels with 以上 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "levels"),
    [
        # 省级以上 was 省级 and 3 + 8 > 10 made the 8个 suspect
        ("新增科技创新平台10个，其中国家级3个、省级以上8个。", ["国家级", "省级以上"]),
        ("获批科技项目30项，其中市级及以上项目18项、国家级项目2项。", ["市级及以上", "国家级"]),
        ("新认定研发机构12家，其中省级及以上5家，市级9家。", ["省级及以上", "市级"]),
    ],
)
def test_a_level_and_up_is_kept_and_left_out_of_the_level_sum(sentence, levels):
    facts = zb.extract(SUMMARY + sentence)
    assert list(facts["level"])[1:] == levels
    assert not facts["flag_suspect"].any(), facts[["text", "level", "flag_suspect"]]
    assert facts["flag_part"].tolist()[1:] == [True] * len(levels)


def test_single_levels_beside_a_level_and_up_are_still_summed():
    # 国家级6 + 市级7 = 13 > 12: the single levels still add up to more than the total
    facts = zb.extract(SUMMARY + "新认定研发机构12家，其中国家级6家，省级以上9家，市级7家。")
    assert list(facts["flag_suspect"]) == [False, False, False, True]
