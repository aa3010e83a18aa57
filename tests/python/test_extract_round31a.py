"""Round 31a (issue 13: whose figure, which variable): a figure stated for another whole than the
report's entity stays out of its panel, a county's figure parallel to the city's binds by
ellipsis, 新增 before a 分别 list is its first member's, 各类 after an enumeration of kinds, the short
names 高企/科小/专精特新, and 个百分点 of an amount with no rate stated. The sentences are made up for
the rules, not the trial's texts."""

from __future__ import annotations

import pytest

import zhibiao as zb


def _facts(text):
    f = zb.extract(text)
    return [(v, x) for v, x in zip(f.variable, f.value)]


def _panel(text, entity="青石县"):
    panel = zb.read_report(text, entity=entity)
    frame = panel.to_pandas()
    values = frame.iloc[0].to_dict() if len(frame) else {}
    return {k: v for k, v in values.items() if v == v}, list(panel.findings["kind"]), list(panel.findings["message"])


@pytest.mark.parametrize(
    "text",
    [
        "2026年上半年，全市新增高新技术企业80家。",
        "2026年上半年，全省新认定高新技术企业950家。",
        "2026年，全市技术合同成交额42.5亿元。",
    ],
)
def test_another_wholes_figure_stays_out_of_a_county_panel(text):
    values, kinds, messages = _panel(text)
    assert values == {}
    assert kinds == ["other_area"]
    assert "青石县" in messages[0] and ("全市" in messages[0] or "全省" in messages[0])


def test_another_wholes_figure_in_a_report_without_a_level_word_keeps_todays_behaviour():
    for entity in ("x", "县"):  # no name, or a bare level word that names no area
        values, kinds, _ = _panel("2026年上半年，全市新增高新技术企业80家。", entity=entity)
        assert values == {"hnte_recognised": 80.0} and kinds == []
    # the entity's own level word: 全市 of a city is its own
    values, kinds, _ = _panel("2026年上半年，全市新增高新技术企业80家。", entity="白河市")
    assert values == {"hnte_recognised": 80.0} and kinds == []


@pytest.mark.parametrize(
    "text",
    [
        "2026年上半年，全市新增高新技术企业80家，我县新增8家。",
        "2026年上半年，全市新增高新技术企业80家，本县新增8家。",
        "2026年上半年，全市新增高新技术企业80家，其中我县8家。",
        "2026年上半年，全省新增高新技术企业950家；全县新增8家。",
    ],
)
def test_the_countys_figure_parallel_to_the_citys_binds_by_ellipsis(text):
    values, kinds, messages = _panel(text)
    assert values == {"hnte_recognised": 8.0}
    # the city's figure of the same variable: round 30b's rule keeps the report's own
    # (set aside as another whole's before duplicates are chosen: round 33)
    assert kinds == ["other_area"] and "'8家'" not in messages[0]


@pytest.mark.parametrize(
    "text",
    [
        "2026年上半年，全市新增高新技术企业80家，我县认定8家。",  # another verb
        "2026年上半年，全市新增高新技术企业80家，我县新增8项。",  # another measure word
        "2026年上半年，全市新增高新技术企业80家，我县8家。",  # no verb and no 其中
        "2026年上半年，全市新增高新技术企业80家。我县新增8家。",  # another sentence
    ],
)
def test_a_figure_without_parallel_structure_stays_without_variable(text):
    facts = _facts(text)
    assert facts[0] == ("hnte_recognised", 80.0) and facts[1] == ("", 8.0)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026年上半年，全县新增高新技术企业、科技型中小企业分别为8家、46家。", ["hnte_recognised", "tech_sme_registered"]),
        ("2026年上半年，全县新增高新技术企业和科技型中小企业分别为8家和46家。", ["hnte_recognised", "tech_sme_registered"]),
        ("2026年上半年，全县累计高新技术企业、科技型中小企业分别为58家、146家。", ["hnte_total", "tech_sme_total"]),
        ("2026年上半年，全县申报高新技术企业、科技型中小企业分别为12家、50家。", ["hnte_applied", "tech_sme_registered"]),
    ],
)
def test_the_words_before_a_respective_list_are_its_members(text, expected):
    assert [v for v, _ in _facts(text)] == expected


def test_a_respective_list_with_no_words_before_it_keeps_its_entries():
    assert _facts("2026年上半年，全县高新技术企业认定和科技型中小企业入库分别为8家和46家。") == [
        ("hnte_recognised", 8.0),
        ("tech_sme_registered", 46.0),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "组织申报农业、工业等各类科技项目32项。",
        "组织申报农业、工业、社会发展等各类科技项目32项。",
        "申报农业、工业等各类科技项目32项。",
        # the forms that held before
        "组织申报科技项目32项。",
        "组织申报各类科技项目32项。",
        "组织申报农业、工业等科技项目32项。",
    ],
)
def test_an_enumeration_of_kinds_closed_by_gelei_is_the_head_nouns(text):
    assert _facts(text) == [("projects_applied", 32.0)]


@pytest.mark.parametrize(
    "text, variable",
    [
        ("2026年上半年，新增高企8家。", "hnte_recognised"),
        ("2026年上半年，新认定高企8家。", "hnte_recognised"),
        ("2026年上半年，申报高企15家。", "hnte_applied"),
        ("截至6月底，高企总数达到58家。", "hnte_total"),
        ("截至6月底，累计高企58家。", "hnte_total"),
        ("2026年上半年，科小入库46家。", "tech_sme_registered"),
        ("2026年上半年，申报科小50家。", "tech_sme_applied"),
        ("截至6月底，科小总数达到146家。", "tech_sme_total"),
        ("截至6月底，累计专精特新12家。", "specialised_smes"),
        ("2026年上半年，新增专精特新3家。", "specialised_smes_new"),
    ],
)
def test_short_names_make_the_same_distinctions_as_the_full_phrase(text, variable):
    facts = _facts(text)
    assert len(facts) == 1 and facts[0][0] == variable


def test_a_short_name_inside_another_word_names_nothing():
    # 提高企业 holds 高企: the figure after it is no high-tech firm count
    facts = _facts("2026年上半年，帮助提高企业8家。")
    assert facts[0][0] != "hnte_recognised" and facts[0][0] != "hnte_total"


@pytest.mark.parametrize(
    "text",
    [
        "2026年上半年，全县研发经费增长1.5个百分点。",
        "2026年上半年，全县研发经费投入同比增长1.5个百分点。",
        "2026年上半年，全县财政科技支出增加0.8个百分点。",
    ],
)
def test_points_of_an_amount_with_no_rate_are_a_unit_mismatch(text):
    f = zb.extract(text)
    assert list(f.variable) == [""] and bool(f.flag_unit_mismatch[0])


@pytest.mark.parametrize(
    "text, variable",
    [
        ("2026年上半年，全县研发经费投入3.2亿元，增长1.5个百分点。", "rd_expenditure"),
        ("2026年上半年，全县研发经费投入3.2亿元，同比增长1.5个百分点。", "rd_expenditure"),
        ("2026年上半年，研发投入强度提高0.3个百分点。", "rd_intensity"),
        ("2026年上半年，全县研发经费增长15%。", "rd_expenditure"),
    ],
)
def test_points_after_the_amounts_level_or_of_a_rate_stay_a_change(text, variable):
    f = zb.extract(text)
    assert list(f.variable)[-1] == variable and list(f.flag_change)[-1] and not list(f.flag_unit_mismatch)[-1]
