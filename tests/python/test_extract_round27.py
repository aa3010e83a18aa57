"""Round 27: the reader tried on report styles it had not seen (tests/data/reports: a province summary
with its cities' figures, a high-tech zone's report listing firms' figures, a people's congress review
of the S&T budget's execution, a PDF-wrapped county summary), and the known misreadings of round 26's
trial — each rule with the cases it must fire on and those it must not."""

from __future__ import annotations


import pytest

from report_facts import rows_of


_rows = rows_of  # the shared helper (report_facts.py)


# ---- 比去年新增: how many more than last year, a change of the stock ---------------------------


@pytest.mark.parametrize(
    "clause",
    ["比去年新增2个", "较上年新增2个", "比2024年新增2个", "同比新增2个", "众创空间较去年新增2个"],
)
def test_new_after_a_comparison_is_a_change_of_the_stock(clause):
    # was makerspaces_new: 2 new ones, though the sentence says there are 2 more than a year before
    text = f"2025年，全县众创空间总数达到9个，{clause}。"
    assert _rows(text, "text", "variable", "flag_change") == [
        ("9个", "makerspaces", False),
        ("2个", "makerspaces", True),
    ]


def test_a_part_after_that_change_is_a_part_of_the_stock():
    text = "2025年，全县众创空间总数达到9个，比去年新增2个，其中，国家级众创空间3个。"
    assert _rows(text, "text", "variable", "flag_part")[-1] == ("3个", "makerspaces", True)


@pytest.mark.parametrize(
    "text",
    [
        "2025年，全县新增众创空间2个。",  # no comparison
        "2025年，全县比较重视，新增众创空间2个。",  # 比较 is an adverb, not a comparison
        "2025年，比例合理，新增众创空间2个。",  # nor 比例 before a comma
    ],
)
def test_new_without_a_comparison_is_still_the_flow(text):
    assert _rows(text, "variable", "flag_change") == [("makerspaces_new", False)]


# ---- projects counted in 个 --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "variable"),
    [
        ("2025年，截至目前，全县共有11个省级科技计划项目获批。", "projects_approved"),  # round 26's trial text
        ("2025年，全县申报11个科技计划项目。", "projects_applied"),
        ("2025年，获批项目3个。", "projects_approved"),
        ("2025年，组织申报项目12个。", "projects_applied"),
    ],
)
def test_projects_counted_in_ge(text, variable):
    # was no variable: 个 did not convert to 项
    assert _rows(text, "value", "unit", "variable")[0][2] == variable


@pytest.mark.parametrize(
    "text",
    [
        "2025年，申报项目覆盖全县12个乡镇。",  # the towns, not the projects
        "2025年，组织申报项目涉及12个乡镇。",
        "2025年，众创空间服务全县12家企业。",  # the same for a facility counted in 家 (was makerspaces)
        "2025年，孵化器内入驻项目52个。",  # projects an incubator hosts: no number of incubators
    ],
)
def test_a_count_of_the_noun_after_its_measure_word_is_no_count_of_the_phrase_before(text):
    assert _rows(text, "variable") == [("",)]


def test_projects_in_xiang_still_bind_with_their_parts_by_level():
    text = "2024年，全区组织申报各级科技项目45项，其中国家级项目3项、省级项目12项。"
    assert [r[0] for r in _rows(text, "variable")] == ["projects_applied"] * 3


def test_a_platform_counted_in_its_other_measure_word_before_its_noun():
    # counted_in (家) is honoured when the noun follows the figure too (was no variable)
    assert _rows("2025年，全县新认定11家省级众创空间。", "variable") == [("makerspaces_new",)]


# ---- 即将: not built yet ------------------------------------------------------------------------


def test_about_to_be_built_is_new_not_the_stock():
    # round 26's trial: 即将建成的2个孵化器 was read as the stock of incubators
    assert _rows("2025年，对即将建成的2个孵化器加快招商。", "variable") == [("incubators_new",)]


@pytest.mark.parametrize(
    ("text", "variable"),
    [
        ("2025年，建成的孵化器2个。", "incubators"),  # 建成的 qualifies a kind: the stock, as before
        ("2025年，立即将孵化器2个纳入管理。", "incubators"),  # 立即 + 将: no 即将
    ],
)
def test_without_about_to_the_stock_stays(text, variable):
    assert _rows(text, "variable") == [(variable,)]


# ---- 争取…项目资金 with no phrase before it -----------------------------------------------------


@pytest.mark.parametrize("level", ["上级", "省级以上", "中央和省级"])
def test_funds_secured_with_a_level_between_verb_and_noun(level):
    # was no variable: no phrase of the lexicon ended before the figure, so the split phrase was not tried
    assert _rows(f"2025年，争取{level}项目资金2,350万元。", "variable", "value") == [("funds_secured", 2350.0)]


@pytest.mark.parametrize(
    "text",
    [
        "2025年，争取上级部门支持，项目资金2,350万元。",  # a clause mark between verb and noun
        "2025年，争取到的项目资金2,350万元。",  # 的 between them
        "2026年，1-9月累计兑现贴息资金386.5万元。",  # interest subsidies between 兑现 and 资金: no 兑现资金
    ],
)
def test_funds_secured_not_across_a_clause_or_a_relative(text):
    assert _rows(text, "variable") == [("",)]


# ---- a ratio is no figure -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["2025年，产学研合作比例1:1。", "2025年，按1：0.5的比例配套。", "2025年，按3:2:1的比例分配。"],
)
def test_a_ratio_gives_no_figures(text):
    # was two (or three) bare figures, bound to the phrase before them
    assert _rows(text, "text") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年，按1:1比例配套资金200万元。", [("200万元", "matching_funds_due")]),
        ("2025年，专利授权量：326件。", [("326件", "patents_granted")]),  # a label's colon before a figure
        ("2025年，专利授权量326:技术合同12项。", [("326", "patents_granted"), ("12项", "tech_contract_count")]),
    ],
)
def test_figures_beside_a_ratio_or_a_colon_stay(text, expected):
    assert _rows(text, "text", "variable") == expected


# ---- a firm's figures ---------------------------------------------------------------------------


def test_a_firms_figures_after_its_name_are_no_totals():
    text = "2026年上半年，华芯微电子股份有限公司：研发费用投入1.36亿元，同比增长18.2%，发明专利授权23件。"
    assert _rows(text, "text", "variable") == [("1.36亿元", ""), ("18.2%", ""), ("23件", "")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # firms counted before a phrase: the phrase's figure is still the report's
        ("2026年上半年，引进上市公司3家，专利授权量326件。", [("3家", ""), ("326件", "patents_granted")]),
        # the next sentence is the report's again
        ("2026年，天启集团研发费用投入1.2亿元。全区研发费用投入12亿元。", [("1.2亿元", ""), ("12亿元", "enterprise_rd_expenses")]),
        ("2026年，公司化运营的孵化器3家。", [("3家", "incubators")]),
    ],
)
def test_a_firm_word_that_names_no_firm_before_the_phrase(text, expected):
    assert _rows(text, "text", "variable") == expected


def test_a_firms_name_holds_across_a_line_break_a_wrap_left():
    # a PDF's wrap breaks the sentence; it still is the firm's (the wrapped and unwrapped reads agree)
    text = "2026年上半年，华芯微电子股份有限公司：研发\n费用投入1.36亿元，发明专利授权23件。"
    assert _rows(text, "text", "variable") == [("1.36亿元", ""), ("23件", "")]


# ---- a budget is no level -----------------------------------------------------------------------


def test_a_budget_after_a_phrase_is_no_level_of_it():
    # was fiscal_st_expenditure 38600: the budget read as the spending
    text = "2025年，市本级财政科技支出年初预算数为38,600万元，调整预算数为41,250万元，预算执行率为88.4%。"
    assert _rows(text, "text", "variable") == [
        ("38,600万元", ""),
        ("41,250万元", ""),
        ("88.4%", "budget_execution_rate"),
    ]


def test_budget_words_inside_a_phrase_do_not_unbind_it():
    text = "2025年，全市一般公共预算支出320亿元，财政科技支出12.6亿元，预算执行率95.2%。"
    assert [r[0] for r in _rows(text, "variable")] == [
        "general_budget_expenditure",
        "fiscal_st_expenditure",
        "budget_execution_rate",
    ]


# ---- round 27b: review 27c's misfires of the rules above, each narrowed -----------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年，与中电科集团签约，全年技术合同成交额达到35.6亿元。", [("35.6亿元", "tech_contract_value")]),
        ("2025年，与华为技术有限公司签署战略合作协议，全市新增高新技术企业86家。", [("86家", "hnte_recognised")]),
        (
            "2025年，积极对接浙大、中科院等高校院所及海康威视公司，全年引进高层次人才团队15个。",
            [("15个", "innovation_teams")],
        ),
        (
            "今年以来，我局联合市投资集团设立科技成果转化基金，全市技术合同登记2,350项，成交额48.6亿元。",
            [("2,350项", "tech_contract_count"), ("48.6亿元", "tech_contract_value")],
        ),
        (
            "2025年，浙江大学、阿里巴巴集团、海康威视等单位参与，全市技术合同成交额35.6亿元。",
            [("35.6亿元", "tech_contract_value")],
        ),
        ("2025年，华芯公司入选，全市新增高新技术企业86家。", [("86家", "hnte_recognised")]),
    ],
)
def test_a_firm_named_in_passing_heads_no_phrase(text, expected):
    # review 27c: the region's figure was left without a variable (a firm anywhere back in the sentence)
    assert _rows(text, "text", "variable") == expected


@pytest.mark.parametrize(
    "text",
    [
        "2026年上半年，华芯微电子股份有限公司：研发费用投入1.36亿元。",
        "1.华芯微电子股份有限公司：研发费用投入1.36亿元。",
        "2026年上半年，华芯公司研发费用投入1.36亿元。",  # the name opens the phrase's clause
        "华芯微电子股份有限公司研发费用投入1.36亿元。",
    ],
)
def test_a_firm_heading_the_phrase_still_owns_it(text):
    assert _rows(text, "text", "variable") == [("1.36亿元", "")]


@pytest.mark.parametrize(
    "text",
    ["2025年，申报项目涉及12个产业。", "2025年，获批项目带动12个合作社增收。", "2025年，获批项目惠及12个社区。"],
)
def test_ge_counts_projects_only_when_nothing_else_follows(text):
    # review 27c: projects_applied / projects_approved 12 (a fixed list of nouns let 产业, 合作社, 社区 through)
    assert _rows(text, "variable") == [("",)]


@pytest.mark.parametrize(
    ("text", "variable"),
    [
        # levels, then the entry's own phrase (round 28: 新增 alone states no stage, 申报 does)
        ("2025年，全县组织申报12个省级科技计划项目。", "projects_applied"),
        ("2025年，获批项目3个，资助资金500万元。", "projects_approved"),  # 个 ends the figure
    ],
)
def test_ge_before_the_projects_own_phrase_or_at_the_end_counts_them(text, variable):
    assert _rows(text, "variable")[0] == (variable,)


@pytest.mark.parametrize(
    ("text", "variable"),
    [
        ("2025年，全市孵化器即将突破20个。", "incubators"),
        ("2025年，全市高新技术企业即将达到600家。", "hnte_total"),
    ],
)
def test_about_to_reach_forecasts_the_stock(text, variable):
    # review 27c: incubators_new / hnte_recognised — only a verb of making after 即将 says not built yet
    assert _rows(text, "variable") == [(variable,)]


@pytest.mark.parametrize("verb", ["建成", "投入使用", "落成"])
def test_about_to_be_made_is_still_new(verb):
    assert _rows(f"2025年，对即将{verb}的2个孵化器加快招商。", "variable") == [("incubators_new",)]


@pytest.mark.parametrize(
    ("text", "variable"),
    [
        ("2025年，财政科技支出（一般公共预算）3.2亿元。", "fiscal_st_expenditure"),
        ("2025年，研发经费投入（含预算外）3.2亿元。", "rd_expenditure"),
    ],
)
def test_what_a_budget_word_says_a_quantity_covers_is_no_budget(text, variable):
    # review 27c: no variable (any 预算 between the phrase and the figure unbound it)
    assert _rows(text, "variable") == [(variable,)]


def test_a_difference_from_the_budget_is_no_change_on_last_year():
    # review 27c: fiscal_st_expenditure 0.3 flagged as a change (on last year)
    text = "2025年，全年财政科技支出3.2亿元，比预算增加0.3亿元。"
    assert _rows(text, "text", "variable") == [("3.2亿元", "fiscal_st_expenditure"), ("0.3亿元", "")]


def test_a_change_on_last_year_after_a_budget_word_still_binds():
    text = "2025年，全年财政科技支出3.2亿元，比上年增加0.3亿元。"
    assert _rows(text, "variable", "flag_change")[-1] == ("fiscal_st_expenditure", True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("专利授权量（件）2024:326，2025:358", [("326", "patents_granted")]),
        ("2025年专利授权量 2024:326件", [("326件", "patents_granted")]),
    ],
)
def test_a_year_and_a_colon_or_a_unit_make_no_ratio(text, expected):
    # review 27c: nothing read; the year is a label of the figure after it, never a figure itself
    assert _rows(text, "text", "variable")[: len(expected)] == expected
    assert "2024" not in [r[0] for r in _rows(text, "text")]


def test_a_ranking_is_no_comparison_before_new():
    # review 27c: makerspaces with a change (评比上 read as 比上)
    text = "2025年，经全省评比上榜新增省级众创空间3家。"
    assert _rows(text, "variable", "flag_change") == [("makerspaces_new", False)]


@pytest.mark.parametrize(
    ("text", "variable"),
    [
        ("2025年，专利授权量比去年同期新增300件。", "patents_granted"),
        ("2025年，技术合同登记比上年新增120项。", "tech_contract_count"),
    ],
)
def test_new_after_a_comparison_changes_a_flow_with_no_stock(text, variable):
    # review 27c: the increase read as the year's level (no stock sibling to move it to)
    assert _rows(text, "variable", "flag_change") == [(variable, True)]


@pytest.mark.parametrize(
    "text",
    ["2025年，全市新增高新技术企业36家，同比多新增12家。", "2025年，全县新增高新技术企业36家，同比新增12家。"],
)
def test_new_ones_compared_with_last_years_new_ones_change_the_flow(text):
    # review 27c: hnte_total with a change — 多新增, or 新增 after the flow's own figure, compares the new ones
    assert _rows(text, "variable", "flag_change") == [("hnte_recognised", False), ("hnte_recognised", True)]


def test_new_after_a_comparison_following_another_groups_flow_is_still_the_stocks_change():
    text = "2025年，全县新增高新技术企业36家，众创空间比上年新增2个。"
    assert _rows(text, "variable", "flag_change")[-1] == ("makerspaces", True)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2025年，全年争取各类项目资金3,200万元。", 3200.0),
        ("2025年，争取中央和省级科技项目资金680万元。", 680.0),
        ("2025年，争取市级以上科技项目资金450万元。", 450.0),
        ("2025年，争取到上级项目资金960万元。", 960.0),
    ],
)
def test_funds_secured_with_kinds_science_or_dao_between_verb_and_noun(text, value):
    # review 27c's misses: no variable (各类, 科技 and 到 were no level of government)
    assert _rows(text, "variable", "value") == [("funds_secured", value)]
