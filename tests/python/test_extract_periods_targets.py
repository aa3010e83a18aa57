"""Periods that comparisons, targets and event dates name; tables turned into lines; measure words;
targets and 突破; stock/flow binding; lexicon key typos (the trial of the report reader, round 8)."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb


def _rows(text: str, *columns: str, **kw):
    facts = zb.extract(text, **kw)
    return [tuple(r) for r in facts[list(columns)].itertuples(index=False)]


# ---- 1. Periods -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "comparison",
    ["比2022年同期增长9%", "较2022年末增加9%", "与2022年相比增长9%", "同2022年相比提高9%", "高于2022年9%"],
)
def test_a_compared_year_does_not_move_the_period_of_what_follows(comparison):
    text = f"2023年前三季度，全市发明专利授权量820件，{comparison}，技术合同成交额5.4亿元。登记技术合同310项。"
    periods = [p for (p,) in _rows(text, "period")]
    assert periods == ["2023YTD09"] * len(periods) and len(periods) >= 3, (text, periods)


def test_an_event_date_does_not_move_the_period():
    text = "2023年上半年工作情况。3月15日，举办创新大会，全区登记技术合同88项。2023年4月8日召开推进会，新增众创空间2个。"
    assert _rows(text, "text", "period") == [("88项", "2023H1"), ("2个", "2023H1")]
    # 截至 with a day is still the span to that month
    assert _rows("2023年，截至9月30日，全市有效发明专利5120件。", "period") == [("2023YTD09",)]


def test_a_target_year_holds_for_its_sentence_only():
    text = "2023年，全市高新技术企业总数412家。到2025年，力争高新技术企业达到600家。全市技术合同成交额9.6亿元。"
    rows = _rows(text, "text", "period", "flag_target")
    assert rows == [("412家", "2023", False), ("600家", "2025", True), ("9.6亿元", "2023", False)]
    text = "2023年，全区研发投入强度2.1%。2025年，力争研发投入强度达到2.5%。2023年下半年，新增众创空间3个。技术合同8项。"
    assert [p for (p,) in _rows(text, "period")] == ["2023", "2025", "2023H2", "2023H2"]


def test_a_year_target_and_a_plan_heading_leave_the_half_year():
    text = "2023年上半年，全区专利授权量210件，完成全年目标任务500件的42%。登记技术合同60项。\n" "下半年工作计划\n力争全年新增科技型中小企业120家。\n" "新建研发平台4个。"
    rows = _rows(text, "text", "period", "flag_target")
    assert rows[0] == ("210件", "2023H1", False)
    assert ("500件", "2023", True) in rows  # the year's target, not the half-year's figure
    assert ("60项", "2023H1", False) in rows
    assert ("120家", "2023", True) in rows
    # under the heading 下半年工作计划 a plan, not the half-year's (round 12; it was ("4个", "2023H1",
    # False)); of the heading's period: the 全年 of "力争全年…" holds to the end of its sentence only
    # (round 13; it was "2023", the 全年 kept for the plans after it)
    assert rows[-1] == ("4个", "2023H2", True)


@pytest.mark.parametrize("span", ["2023年1月至9月", "2023年1-9月", "2023年1—9月", "2023年1月—9月"])
def test_january_to_a_month_is_the_span_to_that_month(span):
    assert _rows(f"{span}，全市专利授权量1420件。", "period") == [("2023YTD09",)]
    assert _rows(f"{span.replace('9', '6')}，全市专利授权量1420件。", "period") == [("2023H1",)]


def test_a_year_of_its_own_clause_still_names_its_figure():
    text = "2024年上半年工作总结\n兑现2022年度奖补资金300万元，争取资金120万元。"
    assert _rows(text, "text", "period") == [("300万元", "2022"), ("120万元", "2024H1")]


def test_last_year_alone_is_the_whole_year_before():
    text = "2024年前三季度，全区登记技术合同96项。去年全区有效发明专利拥有量为610件。上年同期，登记技术合同80项。"
    assert _rows(text, "text", "period") == [("96项", "2024YTD09"), ("610件", "2023"), ("80项", "2023YTD09")]


# ---- 2. Tables turned into lines -----------------------------------------------------------------

TABLE = (
    "2024年，全区各项工作稳步推进。\n"
    "主要科技指标完成情况\n"
    "项目 单位 2024年 2023年 同比增长%\n"
    "技术合同成交额 万元 52000 41000 26.8\n"
    "专利授权量 件 980 870 12.6\n"
    "有效发明专利 件 3100 2800 -3.5\n"
    "\n"
    "全区新增众创空间2个。\n"
)


def test_a_table_is_read_by_its_columns():
    facts = zb.extract(TABLE)
    rows = [
        tuple(r) for r in facts[["text", "variable", "value", "unit", "period", "flag_change"]].itertuples(index=False)
    ]
    assert rows[:6] == [
        ("52000", "tech_contract_value", 52000, "万元", "2024", False),
        ("41000", "tech_contract_value", 41000, "万元", "2023", False),
        ("26.8", "tech_contract_value", 26.8, "%", "2024", True),
        ("980", "patents_granted", 980, "件", "2024", False),
        ("870", "patents_granted", 870, "件", "2023", False),
        ("12.6", "patents_granted", 12.6, "%", "2024", True),
    ]
    assert rows[8] == ("-3.5", "valid_invention_patents", -3.5, "%", "2024", True)
    # the header's years govern nothing after the table; its "增长%" is no damaged figure
    assert rows[-1] == ("2个", "makerspaces_new", 2, "个", "2024", False)
    assert facts.attrs["findings"].empty
    panel = facts.to_panel("区")
    got = panel.to_pandas().reset_index().set_index("period")
    assert got.loc["2023", "tech_contract_value"] == 41000 and got.loc["2024", "patents_granted"] == 980


@pytest.mark.parametrize(
    "header,row",
    [
        ("项目 2024年 2023年 备注", "专利授权量 980 870 较好"),  # a column it does not know
        ("项目 2024年 2023年", "专利授权量 980 870"),  # no unit column, no unit in the cells
        ("项目 单位 2024年 2023年", "专利授权量 件 980"),  # a cell short
    ],
)
def test_a_table_row_it_cannot_read_has_no_variable_and_a_finding(header, row):
    facts = zb.extract(f"2024年，全区工作情况。\n{header}\n{row}\n")
    assert (facts["variable"] == "").all() and facts["flag_no_variable"].all(), facts
    findings = facts.attrs["findings"]
    assert list(findings["kind"]) == ["table_row"] and findings.loc[0, "text"].startswith("专利授权量")


def test_a_table_spanning_chunks_reads_the_same():
    text = "2024年，全区工作。\n" + "说明文字。" * 40 + "\n" + TABLE.split("\n", 1)[1]
    whole = zb.extract(text)
    assert (whole["variable"] != "").sum() >= 9
    # the chunk size does not change the facts (extract_chunk_test checks this in C++ too)


# ---- 3. Measure words -----------------------------------------------------------------------------


def test_a_measure_word_is_kept_and_does_not_take_the_variable():
    rows = _rows("2024年，举办培训班8期，培训科技人员640人次。", "text", "variable", "unit", "flag_unit_mismatch")
    assert rows == [("8期", "", "期", True), ("640人次", "people_trained", "人次", False)]
    panel = zb.extract("2024年，举办培训班8期，培训科技人员640人次。").to_panel("区")
    assert panel.to_pandas()["people_trained"].tolist() == [640]
    rows = _rows("2024年，推荐申报项目3批次，合计29项。", "text", "variable")
    assert rows == [("3批次", ""), ("29项", "projects_applied")]
    assert _rows("2024年，企业新购检测设备12台套。", "text", "unit") == [("12台套", "台套")]


def test_counts_in_another_measure_word_do_not_convert():
    assert _rows("2024年，区内孵化器在孵企业45家，孵化器3个。", "variable") == [("incubated_firms",), ("incubators",)]
    # makerspaces are counted in 个 and 家 (round 13: 市级众创空间6家), never in 场次
    rows = _rows("2024年，全区众创空间开展路演5场次。", "variable", "unit", "flag_unit_mismatch", "flag_no_variable")
    assert rows == [("", "场次", True, True)]


def test_a_chinese_numeral_before_a_measure_word_is_no_figure():
    assert zb.extract("2024年，实施一批重点项目，建成一期工程。").empty


# ---- 4. Qualifiers and targets ---------------------------------------------------------------------


def test_breaking_through_is_a_lower_bound():
    facts = zb.extract("2024年，全市技术交易额突破8亿元。")
    assert (facts.loc[0, "qualifier"], facts.loc[0, "text"]) == ("lower_bound", "突破8亿元")
    assert list(facts.to_panel("市").findings["kind"]) == ["not_a_level"]


@pytest.mark.parametrize(
    "sentence",
    [
        "力争全年新增科技型中小企业120家",
        "全年计划争取上级资金900万元",
        "预计全年专利授权量达到1500件",
        "确保技术合同成交额达到6亿元",
        "年度目标为新建研发平台10个",
        "争取实现技术合同成交额7亿元",
    ],
)
def test_a_target_is_flagged_and_left_out_of_the_panel(sentence):
    facts = zb.extract(f"2024年，全区登记技术合同52项。{sentence}。")
    assert facts["flag_target"].tolist() == [False, True], facts[["text", "flag_target"]]
    panel = facts.to_panel("区")
    assert list(panel.to_pandas().columns) == ["tech_contract_count"]
    if facts.loc[1, "variable"]:
        assert "target" in set(panel.findings["kind"])


@pytest.mark.parametrize(
    "sentence",
    [
        "争取上级科技资金350万元",
        "实施科技计划项目12项",
        "计划总投资3000万元",
        "达到预期",
        "入选省级人才计划8人",
        "入选“双创计划”5人",
        "实施国家重点研发计划2项",
    ],
)
def test_words_that_look_like_targets_are_not(sentence):
    facts = zb.extract(f"2024年，{sentence}。")
    assert not facts["flag_target"].any(), facts[["text", "flag_target"]]


# ---- 5. Binding -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,variable",
    [
        ("2024年，全区有效高新技术企业达到73家。", "hnte_total"),
        ("2024年，全区高新技术企业数量152家。", "hnte_total"),
        ("2024年，全区高新技术企业总数为152家。", "hnte_total"),
        ("2024年，全区高新技术企业152家。", "hnte_total"),
        ("2024年，全区净增高新技术企业15家。", "hnte_total"),  # a change of the stock (flag_change)
        ("2024年，全区新认定高新技术企业达到21家。", "hnte_recognised"),
    ],
)
def test_the_stock_and_the_flow_of_a_shared_phrase(text, variable):
    assert _rows(text, "variable") == [(variable,)]


def test_respectively_binds_each_figure_to_its_listed_quantity():
    rows = _rows("2024年，全区发明专利申请量和授权量分别为210件和95件。", "variable", "value")
    assert rows == [("invention_patent_applications", 210), ("invention_patents_granted", 95)]
    rows = _rows("2024年，登记技术合同和技术合同成交额分别为88项、3.5亿元。", "variable")
    assert rows == [("tech_contract_count",), ("tech_contract_value",)]


def test_a_bare_multiplier_takes_the_currency_of_the_variable():
    for text in ["2024年，全区研发经费支出1.8亿。", "2024年，争取资金3.1亿 元。"]:
        facts = zb.extract(text)
        assert facts.loc[0, "unit"] == "亿元" and not facts.loc[0, "flag_unit_mismatch"], text
        assert facts.to_panel("区").to_pandas().iloc[0, 0] == pytest.approx(float(text.split("亿")[0][-3:]) * 1e4)


def test_a_change_whose_level_is_lost_does_not_take_the_previous_sentences_variable():
    rows = _rows("2024年，入库科技型中小企业80家。全区研发经费投入保持稳定，同比增长6%。", "variable", "flag_change")
    assert rows == [("tech_sme_registered", False), ("", True)]
    # in its own sentence, right after its level, it still does
    rows = _rows("2024年，全区研发经费支出1.2亿元，同比增长6%。", "variable")
    assert rows == [("rd_expenditure",), ("rd_expenditure",)]


# ---- 6. Lexicon errors -----------------------------------------------------------------------------


def test_a_misspelt_lexicon_key_names_the_key_the_file_and_the_line(tmp_path):
    path = tmp_path / "words.toml"
    path.write_text('[[variable]]\nid = "x"\nphrase = ["专利"]\nunit = "件"\n', encoding="utf-8")
    with pytest.raises(zb.ParseError, match=r"did you mean 'phrases'\?") as caught:
        zb.extract("2024年，专利12件。", lexicon=path)
    assert "words.toml" in str(caught.value) and ":3" in str(caught.value)
    path.write_text('variables = 1\n[[variable]]\nid = "x"\nphrases = ["专利"]\n', encoding="utf-8")
    with pytest.raises(zb.ParseError, match=r"did you mean 'variable'\?"):
        zb.extract("2024年，专利12件。", lexicon=path)


def test_the_flag_columns_include_target():
    facts = zb.extract("2024年，专利12件。")
    assert "flag_target" in facts.columns and not math.isnan(facts.loc[0, "value"])
