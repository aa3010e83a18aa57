"""Round 32 (issue 13, trial32a): figures that are no indicator — a subsidy named after R&D spending,
contact and identifier numbers — and periods and areas a bulletin states by reference (本月, 上月, the
entity's own name)."""

import pytest

import zhibiao as zb


def _variables(text):
    facts = zb.extract(text)
    return {(str(r.variable), r.value) for r in facts.itertuples(index=False)}


@pytest.mark.parametrize(
    "text, spending",
    [
        ("2024年，发放研发经费补助1200万元。", "rd_expenditure"),
        ("2024年，安排企业研发经费补助1200万元。", "rd_expenditure_enterprises"),
        ("2024年，兑现企业研发投入奖补1200万元。", "rd_expenditure_enterprises"),
        ("2024年，拨付规上工业企业研发经费奖励1200万元。", "rd_expenditure_industrial"),
        ("2024年，落实研发费用后补助1200万元。", "enterprise_rd_expenses"),
        ("2024年，下达研发经费资助1200万元。", "rd_expenditure"),
    ],
)
def test_a_subsidy_named_after_rd_spending_is_the_subsidy(text, spending):
    facts = zb.extract(text)
    (variable,) = facts.variable.astype(str).tolist()
    assert variable in ("reward_due", "reward_paid"), variable
    df = zb.read_report(text, entity="东城区", period="2024").to_pandas()
    assert spending not in df.columns


def test_rd_spending_itself_still_binds():
    assert ("rd_expenditure", 1200.0) in _variables("2024年，全社会研发经费投入1200万元。")
    assert ("rd_expenditure_enterprises", 800.0) in _variables("2024年，企业研发经费支出800万元。")


@pytest.mark.parametrize(
    "text",
    [
        "2024年，专利申请服务热线12330。",
        "2024年，科技特派员服务热线：12345。",
        "2024年，高新技术企业申报咨询热线 96310。",
        "2024年，高新技术企业申报交流QQ群：685123456。",
        "2024年，科技型中小企业评价QQ群685123456。",
        "2024年，高新技术企业认定邮编：310016。",
        "2024年，科技特派员管理系统邮政编码310016。",
        "2024年，科技型中小企业评价服务邮箱kjj2024@163.com。",
        "2024年，专利申请受理邮箱：12345678@qq.com。",
        "2024年，技术合同登记网址www.zj2024.gov.cn。",
        "2024年，技术合同登记（编号2024330100001234）。",
        "2024年，高新技术企业证书号GR202433001234。",
    ],
)
def test_a_contact_or_identifier_code_is_no_figure(text):
    facts = zb.extract(text)
    assert facts[facts.variable != ""].empty, facts[["variable", "value", "text"]].to_dict("records")
    df = zb.read_report(text, entity="东城区", period="2024").to_pandas()
    assert [c for c in df.columns if c not in ("entity", "period")] == []


@pytest.mark.parametrize(
    "text, variable, value",
    [
        ("2024年，服务热线受理咨询5000次，专利申请3200件。", "patent_applications", 3200.0),
        ("2024年，开通服务热线12条，科技特派员120名。", "science_commissioners", 120.0),
        ("2024年，专利申请12330件。", "patent_applications", 12330.0),
        ("2024年，技术合同登记312项，成交额12.5亿元。", "tech_contract_count", 312.0),
    ],
)
def test_counts_near_contact_words_still_count(text, variable, value):
    assert (variable, value) in _variables(text)


def test_sixteen_digits_are_not_said_to_be_beyond_a_double():
    panel = zb.read_report("2024年，技术合同成交额2024330100001234万元。", entity="东城区", period="2024")
    messages = panel.findings.message.tolist()
    assert messages and not any("1.8e308" in m for m in messages), messages
    assert any("15 significant digits" in m for m in messages), messages


@pytest.mark.parametrize(
    "text, variable, period",
    [
        ("2025年1—5月，全区登记技术合同40项。本月组织申报科技计划项目9项。", "projects_applied", "2025-05"),
        ("2025年1-8月，全区登记技术合同40项。本月新增专利授权量35件。", "patents_granted", "2025-08"),
        ("2025年5月，全区登记技术合同40项。上月技术合同成交额1.2亿元。", "tech_contract_value", "2025-04"),
        ("2025年1月，全区登记技术合同40项。上月专利授权量35件。", "patents_granted", "2024-12"),
        ("2025年5月，全区登记技术合同40项。上月专利授权量35件。本月专利授权量41件。", "patents_granted", "2025-05"),
        ("2025年5月，全区登记技术合同40项。本季度专利授权量35件。", "patents_granted", "2025Q2"),
        ("2025年1-5月，全区登记技术合同40项。上季度专利授权量35件。", "patents_granted", "2025Q1"),
    ],
)
def test_this_and_last_month_count_from_the_bulletins_own(text, variable, period):
    facts = zb.extract(text)
    periods = facts[facts.variable == variable].period.astype(str).tolist()
    assert periods[-1] == period, periods


def test_a_change_on_last_month_is_no_period():
    facts = zb.extract("2025年5月，专利授权量35件，比上月增长10%。")
    assert set(facts.period.astype(str)) == {"2025-05"}


@pytest.mark.parametrize(
    "text, entity, variable",
    [
        ("2024年，青山县专利授权量386件。", "青山县", "patents_granted"),
        ("青山县专利授权量386件。", "青山县", "patents_granted"),
        ("2024年，石门市技术合同登记312项。", "石门市", "tech_contract_count"),
        ("2024年，全县专利授权量386件；青山县技术合同登记312项。", "青山县", "tech_contract_count"),
    ],
)
def test_the_entitys_own_name_opening_a_clause_is_its_own(text, entity, variable):
    df = zb.read_report(text, entity=entity, period="2024").to_pandas()
    assert variable in df.columns, df.to_dict("records")


def test_another_areas_name_is_still_another_area():
    panel = zb.read_report("2024年，白水县专利授权量386件。", entity="青山县", period="2024")
    assert "patents_granted" not in panel.to_pandas().columns


def test_the_own_name_keeps_the_offsets_of_the_text():
    text = "2024年，青山县专利授权量386件。"
    panel = zb.read_report(text + "其中发明专利授权量9999999999999999件。", entity="青山县", period="2024")
    for f in panel.findings.itertuples(index=False):
        assert (text + "其中发明专利授权量9999999999999999件。")[f.begin : f.end] == f.text
