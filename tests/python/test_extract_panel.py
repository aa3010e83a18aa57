"""Facts into a panel (issue #13 items 5 and 3): values in the lexicon's unit, a Panel that
compute() reads, stated rules for duplicates, damaged figures missing with damaged_source."""

from __future__ import annotations

import math

import pytest

import zhibiao as zb


def test_values_in_the_lexicon_unit_keep_the_figure_as_written():
    facts = zb.extract("全省登记技术合同1.2万项，技术合同成交额386.5亿元，同比增长12.4%。").in_lexicon_units()
    assert isinstance(facts, zb._extract.Facts) and type(facts).__name__ == "Facts"
    assert list(facts["text"]) == ["1.2万项", "386.5亿元", "12.4%"]
    assert list(facts["value"][:2]) == [1.2, 386.5]  # as written
    assert list(facts["value_converted"][:2]) == [12_000, 3_865_000]  # 项 and 万元 (the lexicon's units)
    assert list(facts["unit_converted"][:2]) == ["项", "万元"]
    assert math.isnan(facts.loc[2, "value_converted"])  # a change is not converted to a level's unit


def test_a_decimal_in_a_larger_unit_converts_to_the_figure_it_writes():
    # 1.36亿元 is 13600万元 exactly; a binary multiply gives 13600.000000000002 (1.36 is held as
    # 1.3600000000000001), which validate() read as more paid than due and the payout rate as
    # 100.00000000000001 %, out of range (round 30's new-user trial).
    amounts = [k / 100 for k in range(1, 1000)]
    text = "".join(f"全县技术合同成交额{a:.2f}亿元。" for a in amounts)
    converted = zb.extract(text).in_lexicon_units()["value_converted"]
    assert list(converted) == [k * 100 for k in range(1, 1000)]
    panel = zb.read_report("2026年上半年，应拨付奖补资金13600万元，已拨付奖补资金1.36亿元。", entity="x")
    assert panel.values("reward_paid")[0] == 13_600 == panel.values("reward_due")[0]
    assert len(panel.validate()) == 0
    values, reasons = panel.compute(["reward_payout_rate"], reasons=True)
    assert values["reward_payout_rate"].iloc[0] == 100 and reasons["reward_payout_rate"].isna().all()
    facts = zb.extract("技术合同成交额0.0001万元，科技特派员120名。").in_lexicon_units()
    assert list(facts["value_converted"]) == [0.0001, 120]  # no conversion (万元 is the lexicon's), 名 as 人


def test_a_report_becomes_a_panel_that_compute_reads():
    panel = zb.read_report("2024年，全市地区生产总值1,250亿元，R&D经费支出28.5亿元，常住人口310万人。", entity="临川市")
    assert panel.units["rd_expenditure"] == "万元" and panel.values("rd_expenditure")[0] == 285_000
    values = panel.compute(["rd_intensity"])
    assert values["rd_intensity"].iloc[0] == pytest.approx(2.28)  # 28.5 亿 / 1250 亿


def test_two_figures_for_one_variable_and_period_follow_the_stated_rule():
    facts = zb.extract("2024年，专利申请量000件。专利申请量1200件，专利申请量1300件。")
    panel = facts.to_panel("甲县")
    assert panel.values("patent_applications")[0] == 1200  # the first sound figure, not the damaged one
    findings = panel.findings
    assert list(findings["kind"]) == ["duplicate_figure", "duplicate_figure"]
    assert "kept '1200件'" in findings.loc[1, "message"] and findings.loc[1, "text"] == "1300件"


def test_damaged_figures_arrive_missing_with_their_reason():
    panel = zb.read_report("2025年上半年，获批立项11项，应拨付资金35.万元，技术合同交易额241.8万元，同比增长12.5%。", entity="乙县")
    assert math.isnan(panel.values("reward_due")[0])
    assert not hasattr(panel, "source_reasons")  # the reason is the core's, on the panel's cell
    assert zb.REASONS[panel._core.reasons("reward_due")[0] - 1] == "damaged_source"
    assert panel._core.reasons("projects_approved")[0] == 0
    assert panel.values("tech_contract_value")[0] == 241.8  # the growth rate is not the level
    assert panel.values("projects_approved")[0] == 11


def test_a_damaged_figure_that_reaches_compute_is_never_computed_with():
    text = "2024年，全市地区生产总值1,250亿元，R&D经费支出28.亿元，常住人口310万人。"
    panel = zb.read_report(text, entity="临川市")
    values, why = panel.compute(["rd_intensity"], reasons=True)
    assert math.isnan(values["rd_intensity"].iloc[0])
    assert why["rd_intensity"].iloc[0] == "damaged_source"  # invalid input, not a merely missing one
    assert "damaged_source" in zb.REASONS
    # the same report with the figure simply absent: missing, not damaged
    values, why = zb.read_report(text.replace("R&D经费支出28.亿元，", ""), entity="临川市").compute(
        ["rd_intensity"], reasons=True, strict=False
    )
    assert why["rd_intensity"].iloc[0] != "damaged_source"


def test_a_damaged_period_of_two_is_invalid_where_the_other_is_sound():
    panel = zb.read_report("2023年，专利申请量000件。2024年，专利申请量1200件。", entity="甲县")
    assert panel.periods == ["2023", "2024"]
    why = panel.evaluate("patent_applications")
    assert math.isnan(why.iloc[0]) and why.iloc[1] == 1200
    values, reasons = panel.compute([zb.Indicator("apps", "patent_applications * 2", unit="件")], reasons=True)
    assert reasons["apps"].tolist()[0] == "damaged_source" and values["apps"].iloc[1] == 2400


def test_from_pandas_checks_the_reasons_it_is_given():
    import pandas as pd

    df = pd.DataFrame({"entity": ["a", "a"], "period": ["2023", "2024"], "x": [float("nan"), 2.0]})
    with pytest.raises(zb.ParseError, match="has a value and a reason"):
        zb.Panel.from_pandas(df, reasons={"x": ["", "damaged_source"]})
    with pytest.raises(zb.ParseError, match="no reason 'broken'"):
        zb.Panel.from_pandas(df, reasons={"x": ["broken", ""]})
    with pytest.raises(zb.ParseError, match="2 rows"):
        zb.Panel.from_pandas(df, reasons={"x": ["damaged_source"]})


def test_a_figure_without_a_period_needs_one():
    with pytest.raises(zb.ParseError, match="no period"):
        zb.read_report("获批立项11项。", entity="丙县")
    assert zb.read_report("获批立项11项。", entity="丙县", period="2024").periods == ["2024"]


def test_a_clause_that_names_another_year_does_not_carry_it_on():
    text = "临川市科技局2024年工作总结\n兑现2017年度奖补资金50万元，获批立项11项。" "2023年度研发费用加计扣除额3.2亿元。全年共申报项目30项。"
    facts = zb.extract(text)
    assert list(zip(facts["text"], facts["period"])) == [
        ("50万元", "2017"),
        ("11项", "2024"),
        ("3.2亿元", "2023"),
        ("30项", "2024"),
    ]


def test_the_facts_type_does_not_make_import_zhibiao_load_pandas():
    import subprocess
    import sys

    code = "import sys, zhibiao; assert 'pandas' not in sys.modules; zhibiao.extract('获批11项'); assert 'pandas' in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_damaged_figure_is_an_invalid_child_of_a_roll_up_not_an_absent_one():
    import pandas as pd

    df = pd.DataFrame(
        {"region": ["320602", "320612"], "period": [2025, 2025], "projects_approved": [float("nan"), 4.0]}
    )
    panel = zb.Panel.from_pandas(df, entity="region", reasons={"projects_approved": ["damaged_source", ""]})
    city = panel.rollup("admin")
    assert math.isnan(city.values("projects_approved")[0])
    assert zb.REASONS[city._core.reasons("projects_approved")[0] - 1] == "invalid_child"
    # a merely missing child is absent: the roll-up is incomplete, not invalid
    absent = zb.Panel.from_pandas(df, entity="region").rollup("admin")
    assert zb.REASONS[absent._core.reasons("projects_approved")[0] - 1] == "incomplete_rollup"
