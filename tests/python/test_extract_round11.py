"""Report extraction, round 11: R&D stated without 经费 (研发投入0.7亿元) binds to rd_expenditure; a
change whose number slot is empty before a blank and % (同比增长 %) is damaged; a count after an
enumeration (引进高层次人才、急需紧缺人才27名) is the enumerating noun's or no variable's; a report
broken into lines as a PDF converter breaks it reads as the unbroken one. The texts are our own, in
the style of a county or city S&T bureau's half-year work summary."""

import math

import zhibiao as zb


def _row(facts, text):
    rows = facts[facts.text == text]
    assert len(rows) == 1, (text, list(facts.text))
    return rows.iloc[0]


# ---- #1: R&D input without 经费 --------------------------------------------------------------


def test_rd_input_without_jingfei_binds_to_rd_expenditure_in_its_unit():
    text = (
        "2025年上半年，全县研发投入0.7亿元，同比增长12.5%。全社会R&D投入达到3.2亿元。"
        "规上工业企业研发投入2600万元。研发投入强度2.1%。"
    )
    facts = zb.extract(text)
    assert _row(facts, "0.7亿元").variable == "rd_expenditure"
    assert _row(facts, "0.7亿元").unit == "亿元"
    # the change after it is the change of that figure
    assert _row(facts, "12.5%").variable == "rd_expenditure" and _row(facts, "12.5%").flag_change
    assert _row(facts, "3.2亿元").variable == "rd_expenditure"
    # a subset and the intensity keep their own variables (their phrases end with the whole's)
    assert _row(facts, "2600万元").variable == "rd_expenditure_industrial"
    assert _row(facts, "2.1%").variable == "rd_intensity"
    # into a panel in the variable's unit: 0.7亿元 = 7000万元
    assert facts.to_panel("某县").values("rd_expenditure")[0] == 7000


# ---- #2: an empty number slot before a blank and % -------------------------------------------


def test_a_change_with_an_empty_slot_before_a_blank_and_percent_is_damaged():
    text = (
        "2025年上半年，技术合同成交额1846.3万元，同比增长 %，增幅居全市第2位。"
        "高新技术产业增加值12.6亿元，同比增长　%；专利授权量326件，同比下降 % 。"
    )
    facts = zb.extract(text)
    slots = facts[facts.damage == "empty_slot"]
    assert len(slots) == 3, list(facts.text)
    assert slots.value.isna().all() and slots.flag_damaged.all() and slots.flag_change.all()
    assert list(slots.variable) == ["tech_contract_value", "hitech_value_added", "patents_granted"]
    assert list(slots.unit) == ["%"] * 3
    for row in slots.itertuples():
        assert text[row.begin : row.end] == "%"
    findings = facts.attrs["findings"]
    assert list(findings.kind).count("empty_slot") == 3


def test_percent_after_a_blank_as_a_tables_label_is_no_slot():
    # "增长 %" ending a header line, or followed by another cell, labels a column
    for text in ("指标名称 单位 2024年 增长 %\n技术合同成交额 亿元 168.5 12.1\n", "指标 2024年 增长 % 占比 %\n"):
        facts = zb.extract(text)
        assert not (facts.damage == "empty_slot").any(), list(facts.text)


# ---- #3: a count after an enumeration --------------------------------------------------------


def test_a_count_after_an_enumeration_is_the_enumerating_nouns():
    # 27 counts both kinds of talent introduced: 引进 + the shared noun 人才 = 引进人才
    facts = zb.extract("2025年上半年，引进高层次人才、急需紧缺人才27名，其中博士5名。")
    assert _row(facts, "27名").variable == "talents_introduced"
    assert not _row(facts, "27名").flag_no_variable
    # the noun after 等 with the verb of the first item: 引进 + 各类人才
    facts = zb.extract("上半年，全县引进博士、硕士等各类人才31名。")
    assert _row(facts, "31名").variable == "talents_introduced"


def test_a_count_after_an_enumeration_of_different_variables_is_no_variable():
    # 15 is the sum of two kinds of firm: never the last item's (hnte_recognised)
    facts = zb.extract("上半年，新培育科技型中小企业、高新技术企业共15家。")
    row = _row(facts, "15家")
    assert row.variable == "" and row.flag_no_variable
    # figures inside a list keep their own phrases; a list before the phrase is no enumeration of it
    facts = zb.extract("新增高新技术企业12家、科技型中小企业30家。围绕新能源、新材料产业新增高新技术企业9家。")
    assert _row(facts, "12家").variable == "hnte_recognised"
    assert _row(facts, "30家").variable == "tech_sme_registered"
    assert _row(facts, "9家").variable == "hnte_recognised"
