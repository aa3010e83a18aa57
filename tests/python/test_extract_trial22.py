"""Round 22: wrong figures and bindings a trial of the report reader on real-style reports found
(a county half-year summary, a report to the people's congress, a statistical bulletin, a
high-tech zone brief, a monthly brief, a government work report, a PDF conversion)."""

from __future__ import annotations

import pytest

import zhibiao as zb
from report_facts import the_fact


def _rows(text: str, *columns: str) -> list[tuple]:
    facts = zb.extract(text)
    return [tuple(row) for row in facts[list(columns)].itertuples(index=False)]


# ---- F1: 超 (超过 in short), 不少于 and 不低于 are lower bounds, never an exact level ---------------


@pytest.mark.parametrize(
    "lead, figure",
    [
        ("2025年，全市在孵企业", "超2,000家"),
        ("2025年，技术合同成交额", "超1亿元"),
        ("2025年，专利授权量", "超5000件"),
        ("2025年，全年开展科普活动", "不少于50场次"),
        ("2025年，培训农民", "不低于3000人次"),
        ("2025年，引进人才", "不少于20名"),
    ],
)
def test_a_lower_bound_word_before_a_figure_is_its_qualifier(lead, figure):
    fact = the_fact(lead + figure + "。", figure)
    assert fact.qualifier == "lower_bound" and fact.flag_lower_bound


def test_a_figure_over_a_bound_reaches_no_panel_as_a_level():
    panel = zb.read_report("某市2025年科技工作总结\n全市在孵企业超2,000家。", entity="x")
    assert "incubated_firms" not in panel.variables


@pytest.mark.parametrize("figure", ["不超过50万元", "不高于70%", "不多于5项", "不大于3亿元"])
def test_a_bound_turned_round_by_bu_is_an_upper_bound(figure):
    # 不超过 was the lower bound of the 超过 inside it
    fact = the_fact("2025年，单个项目补助" + figure + "。", figure)
    assert fact.qualifier == "upper_bound"


def test_chao_closing_a_word_is_no_bound():
    assert _rows("2025年，赶超3家。", "text", "qualifier") == [("3家", "exact")]


# ---- F2: the number added of a stock (incubators, makerspaces…) is no level of the stock --------


@pytest.mark.parametrize(
    "text, new, stock",
    [
        ("新增国家级科技企业孵化器2家，全市孵化器总数达到46家。", ("incubators_new", 2), ("incubators", 46)),
        ("新增省级众创空间3家，累计达到25家。", ("makerspaces_new", 3), ("makerspaces", 25)),
        ("新增国家级专精特新“小巨人”企业12家，累计达到58家。", ("specialised_smes_new", 12), ("specialised_smes", 58)),
        ("新建院士工作站2个，累计建成院士工作站15个。", ("academician_workstations_new", 2), ("academician_workstations", 15)),
    ],
)
def test_a_number_added_and_the_stock_are_two_variables(text, new, stock):
    facts = zb.extract("2025年，" + text)
    assert [(v, x) for v, x in zip(facts.variable, facts.value)] == [new, stock]
    panel = facts.to_panel("x")
    assert panel.values(stock[0])[0] == stock[1]  # the panel's stock, never the number added


def test_a_stock_without_a_scope_word_is_the_stock():
    facts = zb.extract("2025年，全省科技企业孵化器达到312家，众创空间486家。")
    assert list(facts.variable) == ["incubators", "makerspaces"]


# ---- F3: no year in the title: an earlier year named in a paragraph is that paragraph's only ----

NPC_REPORT = (
    "关于全市科技创新工作情况的报告\n"
    "——2025年12月24日在临江市第十七届人民代表大会常务委员会第三十一次会议上\n"
    "一、主要工作\n"
    "2025年，全市创新能力持续提升。\n"
    "（一）创新投入。2024年全市研发经费投入达到128.6亿元。今年市本级财政科技支出6.8亿元。\n"
    "（二）创新主体。全市有效高新技术企业达到1,286家。\n"
)


def test_an_earlier_year_without_a_title_year_holds_for_its_paragraph():
    assert _rows(NPC_REPORT, "text", "period") == [("128.6亿元", "2024"), ("6.8亿元", "2025"), ("1,286家", "2025")]


def test_a_later_year_without_a_title_year_still_carries():
    text = "关于全市科技创新工作情况的报告\n2024年，全市技术合同成交额5亿元。\n2025年，全市技术合同成交额6亿元。\n专利授权量300件。\n"
    assert [p for (p,) in _rows(text, "period")] == ["2024", "2025", "2025"]


# ---- F4: teams and projects in a makerspace are no makerspaces -----------------------------------


@pytest.mark.parametrize(
    "text, figure", [("众创空间新增入驻团队46个。", "46个"), ("孵化器内入驻项目52个。", "52个"), ("众创空间入驻创业团队30个。", "30个")]
)
def test_a_team_or_project_a_facility_hosts_is_not_the_facility(text, figure):
    fact = the_fact("2026年上半年，" + text, figure)
    assert fact.variable == "" and fact.flag_unit_mismatch and fact.flag_no_variable


# ---- F5: 申报<batch>高新技术企业 counts applications, in the period in force ----------------------


@pytest.mark.parametrize("text", ["组织申报2026年度第一批高新技术企业143家", "组织申报第一批高新技术企业143家", "申报2026年度高新技术企业143家"])
def test_a_batch_between_the_verb_and_the_noun_is_inside_the_phrase(text):
    fact = the_fact("2026年5月份，全市" + text + "。", "143家")
    assert fact.variable == "hnte_applied"


def test_the_year_of_a_batch_is_no_period():
    facts = zb.extract("2026年5月份，全市组织申报2026年度第一批高新技术企业143家，同比增加26家。")
    assert list(zip(facts.variable, facts.period)) == [("hnte_applied", "2026-05"), ("hnte_applied", "2026-05")]


# ---- F7: the statistical bulletin's R&D intensity ------------------------------------------------


def test_a_bulletins_rd_share_of_gdp_is_rd_intensity():
    text = "全年全市研究与试验发展（R&D）经费支出138.2亿元，比上年增长7.5%，占地区生产总值的比重为2.59%，" "比上年提高0.05个百分点。"
    assert _rows("2025年统计公报\n" + text, "variable", "value") == [
        ("rd_expenditure", 138.2),
        ("rd_expenditure", 7.5),
        ("rd_intensity", 2.59),
        ("rd_intensity", 0.05),
    ]


# ---- F9: a phrase ending a line and its figure opening the next ----------------------------------


def test_a_figure_opening_the_line_after_its_phrase_is_the_phrases():
    text = "2025年工作总结\n全县研发经费投入4.26亿元，全年新认定高新技术企业\n18家，有效高新技术企业总数达到60家。\n"
    assert _rows(text, "text", "variable") == [
        ("4.26亿元", "rd_expenditure"),
        ("18家", "hnte_recognised"),
        ("60家", "hnte_total"),
    ]


@pytest.mark.parametrize("next_line", ["2.人才工作开展情况", "2025年，全县专利授权量326件。", "168.5 131.0"])
def test_a_list_item_a_date_or_a_tables_cells_after_a_phrase_stay_apart(next_line):
    text = "2025年工作总结\n全年技术合同成交额稳步增长，新认定高新技术企业\n" + next_line + "\n"
    facts = zb.extract(text)
    assert "hnte_recognised" not in set(facts.variable)


# ---- F10, F13: vocabulary of real reports --------------------------------------------------------


@pytest.mark.parametrize(
    "text, variable",
    [
        ("争取省级科技资金约2800万元", "funds_secured"),
        ("争取中央和省级科技资金1500万元", "funds_secured"),
        ("引进高层次人才团队5个", "innovation_teams"),
    ],
)
def test_phrases_of_real_reports(text, variable):
    facts = zb.extract("2026年1-5月，" + text + "。")
    assert list(facts.variable) == [variable]


# ---- F17: changes listed with 分别 are the listed quantities', in their order -------------------


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "全市高新技术企业和科技型中小企业分别达到1286家和2130家，同比分别增长12.1%和18.4%。",
            [("hnte_total", 1286), ("tech_sme_registered", 2130), ("hnte_total", 12.1), ("tech_sme_registered", 18.4)],
        ),
        (
            "全年专利申请量和授权量分别为3.2万件和1.8万件，分别增长12.5%和8.3%。",
            [
                ("patent_applications", 3.2),
                ("patents_granted", 1.8),
                ("patent_applications", 12.5),
                ("patents_granted", 8.3),
            ],
        ),
        ("研发经费投入和财政科技支出分别增长10.2%、8.5%。", [("rd_expenditure", 10.2), ("fiscal_st_expenditure", 8.5)]),
    ],
)
def test_changes_listed_with_fenbie_follow_the_listed_quantities(text, want):
    facts = zb.extract("2025年，" + text)
    assert list(zip(facts.variable, facts.value)) == want
    assert facts.flag_change.tolist() == [v[1] in (12.1, 18.4, 12.5, 8.3, 10.2, 8.5) for v in want]


def test_a_change_after_a_list_in_the_next_sentence_is_no_listed_quantitys():
    facts = zb.extract("2025年，专利申请量和授权量分别为3.2万件和1.8万件。同比分别增长12.5%和8.3%。")
    assert list(facts.variable)[2:] == ["", ""]


def test_an_item_of_a_list_of_numbers_added_is_a_number_added_too():
    facts = zb.extract("2025年，新增省级院士工作站3家、市级众创空间6家，全市孵化器达到312家。")
    assert list(facts.variable) == ["academician_workstations_new", "makerspaces_new", "incubators"]


def test_a_figure_its_own_phrase_refused_after_a_list_of_parts_is_no_part():
    # 46个 was a part of the 9 platforms, larger than them: suspect, with an inconsistent_parts finding
    facts = zb.extract("2026年1-9月，新增市级以上研发平台9个，其中省级企业研究院2个；众创空间新增入驻团队46个。")
    assert not facts.flag_suspect.any() and len(facts.attrs["findings"]) == 0
