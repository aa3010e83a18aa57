"""Report extraction, round 12: the texts are our own, in the style of county, city and province S&T
bureau work reports (工作总结, 上半年工作情况及下半年工作计划); every expected figure is checked by
hand against the sentence quoted beside it."""

import zhibiao as zb


def _row(facts, text):
    rows = facts[facts.text == text]
    assert len(rows) == 1, (text, list(facts.text))
    return rows.iloc[0]


# ---- a title that reports one half-year and plans the next ---------------------------------


def test_a_title_reporting_the_first_half_and_planning_the_second_gives_the_first_half():
    # "2026年上半年工作情况及下半年工作计划": the report is of 2026H1; the plan word belongs to the
    # later 下半年, so the title's period is no plan's period (it was: no period at all). 83家 and
    # 312家 are stated under it, 1-6月 and 截至6月底 both 2026H1.
    for title in (
        "东江市科技局2026年上半年工作情况及下半年工作计划",
        "东江市科技局2026年上半年工作总结暨下半年工作打算",
        "东江市科技局2026年上半年工作情况和下半年工作思路",
        "东江市科技局2026年上半年工作总结和下半年工作安排",
    ):
        text = title + "\n一、上半年工作情况\n全市共有83家企业申报国家高新技术企业。截至6月底，科技型中小企业评价入库312家。\n"
        facts = zb.extract(text)
        assert _row(facts, "83家").period == "2026H1", title
        assert _row(facts, "312家").period == "2026H1", title
        assert not facts.flag_target.any(), title


def test_a_period_with_a_plan_word_after_it_is_still_a_plans_period():
    # unchanged: "2025年，力争…" and "下半年工作打算" state a plan's period for their sentence only
    facts = zb.extract("2024年上半年工作总结\n专利授权量326件。2025年，力争新增高新技术企业20家。\n二、下半年工作打算\n")
    assert _row(facts, "326件").period == "2024H1"
    row = _row(facts, "20家")
    assert row.period == "2025" and row.flag_target


# ---- measure words the unit algebra does not know: 笔, 份, 位, 条 … ---------------------------


def test_a_count_of_deals_is_no_amount_and_the_amount_after_it_takes_the_phrase():
    # "办理知识产权质押融资4笔，融资金额2150万元": 4 deals (笔), 2150万元 financed. Before: "4" with no
    # unit bound to pledge_financing (an amount in 万元) and 2150万元 had no variable.
    facts = zb.extract("2025年工作总结\n全年办理知识产权质押融资4笔，融资金额2150万元。发放科技贷款35笔。")
    deals = _row(facts, "4笔")
    assert deals.unit == "笔" and deals.value == 4 and deals.flag_no_variable
    money = _row(facts, "2150万元")
    assert money.variable == "pledge_financing" and money.value == 2150
    assert _row(facts, "35笔").unit == "笔"
    panel = facts.to_panel("柳河县")
    assert list(panel.values("pledge_financing")) == [2150]


def test_contracts_counted_in_fen_are_contracts_counted_in_xiang():
    # "登记技术合同46份": 46 contracts, as 46项 (the variable's unit); into a panel as 46.
    facts = zb.extract("2025年工作总结\n全年登记技术合同46份，技术合同成交额1.32亿元。邀请12位专家参加评审。")
    row = _row(facts, "46份")
    assert row.variable == "tech_contract_count" and row.value == 46 and row.unit == "份"
    assert not row.flag_unit_mismatch
    assert _row(facts, "1.32亿元").variable == "tech_contract_value"
    assert _row(facts, "12位").unit == "位"  # people, the measure word kept (was a bare 12)
    assert list(facts.to_panel("柳河县").values("tech_contract_count")) == [46]
    # 份 is no count of firms or people
    assert _row(zb.extract("新增高新技术企业5份。"), "5份").flag_unit_mismatch


# ---- a list of levels of government before one noun -----------------------------------------


def test_a_count_after_a_list_of_levels_binds_to_the_noun_they_modify():
    # "组织申报国家、省、市科技项目28项": 28 projects applied for at three levels; the list of
    # levels is no enumeration of nouns (it was: no variable).
    facts = zb.extract("柳河县科学技术局2025年工作总结\n全年组织申报国家、省、市科技项目28项。" "组织企业申报省级、市级科技计划项目17项，获批立项9项。")
    row = _row(facts, "28项")
    assert row.variable == "projects_applied" and row.stage == "applied" and row.period == "2025"
    assert _row(facts, "17项").variable == "projects_applied"
    assert _row(facts, "9项").variable == "projects_approved"


def test_a_list_of_nouns_is_still_an_enumeration():
    # unchanged: items that are no levels of government are what the figure counts
    facts = zb.extract("2025年，新培育科技型中小企业、高新技术企业共15家。组织申报市场、县域项目8项。")
    assert _row(facts, "15家").flag_no_variable  # neither kind of firm
    assert _row(facts, "8项").flag_no_variable  # 市场 is no level: 申报 lies across the list


# ---- how much of a target was done is done, of the period of what was done -------------------


def test_a_completion_rate_in_prose_is_no_target_and_of_the_period_done():
    # "入库312家，完成全年目标的78%": 78% is what the half-year did of the year's target: not a
    # target (it was flagged one) and of 2026H1 (it was 2026, the 全年 of the target).
    facts = zb.extract(
        "2026年上半年工作总结\n科技型中小企业评价入库312家，完成全年目标的78%。年度目标任务完成率56.8%。" "专利授权量210件，完成全年目标任务500件的42%。力争完成全年目标的100%。"
    )
    for text in ("78%", "56.8%", "42%"):
        row = _row(facts, text)
        assert not row.flag_target and row.period == "2026H1", text
    target = _row(facts, "500件")  # the year's target itself
    assert target.flag_target and target.period == "2026"
    assert _row(facts, "100%").flag_target  # 力争: a target of the whole sentence
    annual = zb.extract("柳河县2025年工作总结\n入库科技型中小企业65家，完成年度目标任务的130%。")
    row = _row(annual, "130%")
    assert not row.flag_target and row.period == "2025"


def test_a_completion_rate_column_is_of_the_done_column():
    # 表1: 56.8 in 完成率% is of 1-6月 (2026H1), the first period column; it had no period.
    facts = zb.extract("2026年上半年工作总结\n指标名称 单位 1-6月 上年同期 增长% 完成率%\n技术合同成交额 亿元 1136.8 956.1 18.9 56.8\n")
    assert [(r.text, r.variable, r.period) for r in facts.itertuples()] == [
        ("1136.8", "tech_contract_value", "2026H1"),
        ("956.1", "tech_contract_value", "2025H1"),
        ("18.9", "tech_contract_value", "2026H1"),
        ("56.8", "", "2026H1"),
    ]


# ---- the number of a table, a figure or an attachment ----------------------------------------


def test_the_label_of_a_table_or_figure_is_no_figure():
    # "表1 上半年主要科技指标完成情况" gave a figure 1; "如图3所示" a figure 3所 (所: institutions).
    text = (
        "2026年上半年工作总结\n表1 上半年主要科技指标完成情况\n指标名称 单位 1-6月 上年同期\n"
        "技术合同成交额 亿元 1136.8 956.1\n\n详见附件2。如图3所示，见表2。附表4-1：代表12名，发表论文3篇。\n"
    )
    facts = zb.extract(text)
    assert list(facts.text) == ["1136.8", "956.1", "12名", "3篇"]
    assert _row(facts, "1136.8").variable == "tech_contract_value"


# ---- per 10,000 people ------------------------------------------------------------------------


def test_high_value_patents_per_ten_thousand_are_no_count_of_valid_patents():
    # "每万人口高价值发明专利拥有量达到9.8件" was valid_invention_patents (a count of 9.8 patents).
    facts = zb.extract("2026年上半年工作总结\n每万人口高价值发明专利拥有量达到9.8件，有效发明专利拥有量1.2万件；" "每万人口技术合同成交额0.5亿元。")
    assert _row(facts, "9.8件").variable == "high_value_invention_patents_per_10k"
    assert _row(facts, "1.2万件").variable == "valid_invention_patents"
    # a count or an amount per 10,000 people the lexicon does not know: no variable, not the total
    assert _row(facts, "0.5亿元").flag_no_variable


# ---- a section of plans ----------------------------------------------------------------------


def test_figures_under_a_heading_of_plans_are_plans_of_its_period():
    # "二、2026年工作打算" in a 2025 annual report: 10家 and 2个 are plans for 2026 (they were 2025
    # achievements: no target flag, and 10家 and 7家 both hnte_recognised of 2025); "三、存在问题"
    # ends the plans: 310件 is a 2025 figure again.
    text = (
        "柳河县科学技术局2025年工作总结\n一、主要工作完成情况\n全年新认定高新技术企业7家。\n"
        "二、2026年工作打算\n（一）新认定高新技术企业10家。\n（二）新建省级以上创新平台2个。\n"
        "三、存在的问题\n全县有效发明专利仅310件。\n"
    )
    rows = [(r.text, r.period, r.flag_target) for r in zb.extract(text).itertuples()]
    assert rows == [("7家", "2025", False), ("10家", "2026", True), ("2个", "2026", True), ("310件", "2025", False)]
    panel = zb.extract(text).to_panel("柳河县")
    assert list(panel.values("hnte_recognised")) == [7]


def test_a_half_year_reports_plans_for_the_second_half_under_its_heading():
    text = "东江市科技局2026年上半年工作总结\n一、上半年工作情况\n1.专利授权量326件。\n" "二、下半年工作计划\n1.新增高新技术企业20家；\n2.技术合同成交额达到5亿元。\n"
    rows = [(r.text, r.period, r.flag_target) for r in zb.extract(text).itertuples()]
    assert rows == [("326件", "2026H1", False), ("20家", "2026H2", True), ("5亿元", "2026H2", True)]


def test_a_heading_word_inside_prose_starts_no_plans():
    # 工作计划 in a sentence, or in the title after the report's period, is no heading of plans
    text = "2026年上半年工作情况及下半年工作计划\n一、上半年工作情况\n按照年度工作计划，新增高新技术企业20家。\n" "专利授权量326件。\n"
    rows = [(r.text, r.period, r.flag_target) for r in zb.extract(text).itertuples()]
    assert rows == [("20家", "2026H1", False), ("326件", "2026H1", False)]


def test_a_measure_word_after_a_multiplier_stays_with_the_figure():
    # "在岗科技特派员1.2万名" was the figure "1.2万" (its 名 dropped, 万人 made up); "登记技术合同3万份"
    # the figure "3万". Both keep their words and convert: 12,000 people, 30,000 contracts.
    facts = zb.extract("2026年，全省在岗科技特派员1.2万名，登记技术合同3万份。")
    people = _row(facts, "1.2万名")
    assert people.variable == "science_commissioners" and people.unit == "万名" and not people.flag_unit_mismatch
    assert _row(facts, "3万份").variable == "tech_contract_count"
    converted = facts.in_lexicon_units()
    assert list(converted.value_converted) == [12000, 30000]
    assert list(converted.unit_converted) == ["人", "项"]


def test_talents_introduced_with_the_usual_qualifiers():
    # "引进各类高层次人才12人", "引进急需紧缺人才8名": talents introduced (both were no_variable)
    facts = zb.extract("2025年，引进各类高层次人才12人，引进急需紧缺人才8名。")
    assert _row(facts, "12人").variable == "talents_introduced"
    assert _row(facts, "8名").variable == "talents_introduced"
    assert list(facts.to_panel("柳河县").values("talents_introduced")) == [12]  # the first: a stated rule
