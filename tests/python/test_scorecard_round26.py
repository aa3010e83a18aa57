"""Scorecard fixes of the round-26 batch trial (a bureau scoring 3,000 made-up firms against
/work/shared/spec/indicators.md §6a, §6b): an explanation names each failing rule with the firm's
figure and the threshold in the same unit, the bound an invalid input breaks, why a ratio has no
value, and the cell a command-line batch could not read."""

import io
import subprocess
import sys

import pandas as pd

import zhibiao as zb

# §6b test case 1: staff 40, S&T 12 (30 %); R&D/sales 4.5 %; 2 class II → 20 + 30 + 12 = 62, pass.
SME = dict(
    employees=40, st_staff=12, sales=1000.0, assets=500.0, rd_expense=45.0, total_cost=204.5, ip_class1=0, ip_class2=2
)

# Meets every HNTE gate (§6a): R&D 675 / sales 13500 = 5 % at latest-year sales 5000 (5 % band).
HNTE = dict(
    registered_days=800,
    in_supported_field=1,
    employees=100,
    st_staff=20,
    sales_y1=4000.0,
    sales_y2=4500.0,
    sales_y3=5000.0,
    rd_y1=200.0,
    rd_y2=225.0,
    rd_y3=250.0,
    rd_domestic=675.0,
    hitech_income=4000.0,
    total_income=5000.0,
    ip_class1=0,
    ip_class2=3,
    conversions_3y=12,
    years_operating=3,
    net_assets_y1=1000.0,
    net_assets_y2=1300.0,
    net_assets_y3=1800.0,
    tech_advancement=7,
    core_support=6,
    ip_acquisition=3,
    standards_bonus=0,
    rd_organisation=5,
    rd_platform=4,
    transfer_system=3,
    talent_system=2,
)


def firms(base, **rows):
    return pd.DataFrame([{**base, **changes} for changes in rows.values()], index=list(rows))


def test_size_limits_state_the_threshold_in_the_unit_of_the_figure():
    # §6b 第六条: sales and assets ≤ 2亿元 = 20000万元. It read "sales 20000.01 10k yuan above 200
    # million yuan" (年销售收入20000.01万元超过2亿元): figure and threshold in two units.
    table = firms(SME, sales=dict(sales=20000.01), assets=dict(assets=20000.01), staff=dict(employees=501))
    scored = zb.scorecards.evaluate(table, "tech-sme-2017")
    assert scored["status"].tolist() == ["ineligible"] * 3
    assert (
        scored.loc["sales", "explanation_en"]
        == "not eligible: sales 20000.01 10k yuan above 20000 10k yuan (200 million yuan)"
    )
    assert scored.loc["sales", "explanation_zh"] == "不符合条件：年销售收入20000.01万元超过20000万元（2亿元）"
    assert scored.loc["assets", "explanation_zh"] == "不符合条件：资产总额20000.01万元超过20000万元（2亿元）"
    assert scored.loc["staff", "explanation_en"] == "not eligible: staff 501 persons above 500 persons"
    # a column in 元 is shown in the pack's unit beside the threshold: 200000100 元 = 20000.01 万元
    in_yuan = zb.scorecards.evaluate(firms(SME, one=dict(sales=200000100.0)), "tech-sme-2017", units={"sales": "元"})
    assert in_yuan.loc["one", "explanation_zh"] == "不符合条件：年销售收入20000.01万元超过20000万元（2亿元）"


def test_an_invalid_input_names_the_bound_it_breaks():
    # It read "input sales invalid (-5 10k yuan)": the figure, not the rule (sales ≥ 0, compliant 0 or 1).
    table = firms(SME, negative=dict(sales=-5.0), flag=dict(compliant=2), none=dict(employees=0, st_staff=0))
    scored = zb.scorecards.evaluate(table, "tech-sme-2017")
    assert scored["status"].tolist() == ["invalid input"] * 3
    assert scored.loc["negative", "explanation_en"] == (
        "invalid input: input sales invalid (-5 10k yuan, below the minimum 0 10k yuan)"
    )
    assert scored.loc["negative", "explanation_zh"] == "输入无效：输入sales无效（-5万元，低于下限0万元）"
    assert scored.loc["flag", "explanation_en"] == "invalid input: input compliant invalid (2, above the maximum 1)"
    assert scored.loc["none", "explanation_zh"] == "输入无效：输入employees无效（0人，低于下限1人）"


def test_a_ratio_without_value_names_its_zero_base():
    # §6a condition 5 and 6 over zero sales, zero total income: no ratio (and no inf), the firm is
    # ineligible. It read "R&D ratio — < 5% required", as if the ratio were merely low.
    table = firms(
        HNTE,
        no_sales=dict(sales_y1=0.0, sales_y2=0.0, sales_y3=0.0),
        no_income=dict(hitech_income=0.0, total_income=0.0),
    )
    scored = zb.scorecards.evaluate(table, "hnte-2016")
    assert scored["status"].tolist() == ["ineligible", "ineligible"]
    assert scored.loc["no_sales", "explanation_en"] == (
        "not eligible: R&D ratio — (rd_sum / sales_sum has no value: rd_sum 675 10k yuan, sales_sum 0 10k yuan)"
        " < 5% required for latest-year sales of 0 10k yuan"
    )
    assert scored.loc["no_income", "explanation_zh"] == (
        "不符合条件：高新技术产品（服务）收入占比—（hitech_income / total_income 无法计算：hitech_income为0万元，" "total_income为0万元）低于60%"
    )


def test_the_command_line_quotes_each_unreadable_cell_of_a_column_headed_in_chinese():
    # Two firms with text in one column (暂无, —— as typed), headed 营业收入: the explanation said
    # "值不能用于计算（见加载报告）：sales: unparseable" — which cell, it could not tell.
    csv = "企业名称,职工总数,科技人员数,营业收入,资产总额,研发费用,成本费用支出总额,ip_class1,ip_class2\n"
    csv += "F1,40,12,暂无,500,45,204.5,0,2\nF2,40,12,n.a.,500,45,204.5,0,2\nF3,40,12,1000,500,45,204.5,0,2\n"
    done = subprocess.run(
        [sys.executable, "-m", "zhibiao", "scorecard", "-", "-q"], input=csv, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    out = pd.read_csv(io.StringIO(done.stdout), index_col="firm")
    assert out["status"].tolist() == ["invalid input", "invalid input", "passed"]
    assert "sales: '暂无'" in out.loc["F1", "explanation_zh"], out.loc["F1", "explanation_zh"]
    assert "sales: 'n.a.'" in out.loc["F2", "explanation_en"], out.loc["F2", "explanation_en"]


def test_a_gap_on_the_grid_of_001_is_the_decimal_a_reader_writes():
    # R&D 149.49 of sales 20000 (万元) = 0.75 %: 2 % (10 points, §6b) needs 400, 250.51 more. The gap
    # was 25051 × 0.01 = 250.51000000000002, which `== 250.51` and the CSV's 250.51 are not.
    table = firms(
        SME,
        one=dict(
            employees=100, st_staff=30, sales=20000.0, rd_expense=149.49, total_cost=100000.0, ip_class1=1, ip_class2=0
        ),
    )
    assert zb.scorecards.evaluate(table, "tech-sme-2017").loc["one", "total"] == 50
    more = zb.scorecards.gap(table, "tech-sme-2017").loc["one", "more_rd_expense"]
    assert more == 250.51, repr(more)
    assert (
        zb.scorecards.evaluate(table.assign(rd_expense=149.49 + more, total_cost=100000.0 + more), "tech-sme-2017").loc[
            "one", "status"
        ]
        == "passed"
    )


def test_an_infinity_among_texts_is_not_called_text():
    # A column with text cells is read cell by cell; an infinity there was "text in a numeric
    # column sales: inf" (数值列中有文字), which it is not.
    table = firms(SME, text=dict(sales="暂无"), infinite=dict(sales=float("inf")))
    scored = zb.scorecards.evaluate(table, "tech-sme-2017")
    assert scored["status"].tolist() == ["invalid input", "invalid input"]
    assert scored.loc["text", "explanation_en"] == "invalid input: text in a numeric column sales: '暂无' (not a number)"
    assert scored.loc["infinite", "explanation_en"].startswith(
        "invalid input: no figure in a numeric column sales: inf ("
    )
    assert scored.loc["infinite", "explanation_zh"] == "输入无效：数值列中有非数值 sales: inf"
