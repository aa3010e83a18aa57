"""Scorecard fixes of the sixth trial (/work/shared/spec/indicators.md §6a, §6b): HNTE growth over
the firm's years of operation only, a 1-year firm scored, whole expert scores, the unit of gap
figures, tech-SME inputs the firm's path does not need, and explanations that show the value
compared."""

import io
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

# Meets every HNTE gate. Expert and transfer points: IP 6 + 6 + 7 (one class I, low) + 5 + 0 = 24,
# transfer 25 (15 conversions a year or more: A), management 5 + 4 + 3 + 3 = 15.
HNTE = dict(
    registered_days=400,
    in_supported_field=1,
    employees=100,
    st_staff=10,
    rd_staff=10,  # hnte-2008 only
    sales_y1=3000.0,
    sales_y2=3600.0,
    sales_y3=4500.0,
    rd_y1=150.0,
    rd_y2=180.0,
    rd_y3=225.0,
    rd_domestic=333.0,
    hitech_income=2700.0,
    total_income=4500.0,
    ip_class1=1,
    ip_class2=0,
    conversions_3y=45,
    years_operating=3,
    net_assets_y1=1000.0,
    net_assets_y2=1300.0,
    net_assets_y3=1800.0,
    tech_advancement=6,
    core_support=6,
    ip_acquisition=5,
    standards_bonus=0,
    rd_organisation=5,
    rd_platform=4,
    transfer_system=3,
    talent_system=3,
)


def hnte(**rows):
    return pd.DataFrame([{**HNTE, **changes} for changes in rows.values()], index=list(rows))


def both_engines(table, pack):
    """One firm at a time (vector machine) and 40 copies (whole vectors: the fused kernel) agree."""
    alone = zb.scorecards.evaluate(table, pack)
    many = zb.scorecards.evaluate(pd.concat([table] * 40), pack, explain=False)
    assert many["status"].tolist() == alone["status"].tolist() * 40
    assert np.array_equal(many["total"].to_numpy(), np.tile(alone["total"].to_numpy(), 40), equal_nan=True)
    return alone


@pytest.mark.parametrize("pack", ["hnte-2016", "hnte-2008"])
def test_growth_of_a_two_year_firm_leaves_out_year_one_whatever_its_column_says(pack):
    # §6a "按实际经营时间", 2 years: g = last ÷ previous − 1. Sales 4500/3600 − 1 = 25% → B (7, low);
    # net assets 1800/1300 − 1 = 38.5% → A (9). The old formulas used year 1 when filled:
    # sales ½(3600/100 + 4500/3600) − 1 → A (9), net assets ½(1.3 + 1.385) − 1 = 34.2% → B (7).
    table = hnte(
        y1_filled=dict(years_operating=2, sales_y1=100.0),
        y1_blank=dict(years_operating=2, sales_y1=None, rd_y1=None, net_assets_y1=None),
        three_years=dict(),
    )
    result = both_engines(table, pack)
    assert result["sales_growth_points"].tolist() == [7, 7, 5]  # 3 years: ½(1.2 + 1.25) − 1 = 22.5% → C
    assert result["net_asset_growth_points"].tolist() == [9, 9, 7]  # 3 years: 34.2% → B
    assert result.loc["y1_filled", "total"] == result.loc["y1_blank", "total"]


@pytest.mark.parametrize("pack", ["hnte-2016", "hnte-2008"])
def test_a_one_year_firm_is_scored_with_no_growth_points(pack):
    # 1 year: y1 and y2 blank, as the pack says. R&D 225/4500 = 5% ≥ 5%; no growth to measure,
    # 0 growth points: 24 + 25 + 15 + 0 = 64. It was "invalid input: net_assets_y2 missing".
    table = hnte(
        one_year=dict(
            years_operating=1,
            **{f"{x}_{y}": None for x in ("sales", "rd", "net_assets") for y in ("y1", "y2")},
            rd_domestic=200.0,
            conversions_3y=15,
        )
    )
    result = both_engines(table, pack)
    row = result.loc["one_year"]
    assert row["total"] == 64
    if pack == "hnte-2016":  # the 2008 rules' 30% S&T staff and 6% R&D make it ineligible
        assert row["status"] == "failed"
    assert row["status"] != "invalid input"
    assert row["net_asset_growth_points"] == row["sales_growth_points"] == 0
    assert row["total_hi"] == 64 + 1 + 5  # only the ranges of IP quantity (7–8) and transfer (25–30) remain


@pytest.mark.parametrize("pack", ["hnte-2016", "hnte-2008"])
def test_net_assets_left_blank_within_the_years_of_operation_are_invalid_input(pack):
    table = hnte(three_years=dict(net_assets_y1=None), two_years=dict(years_operating=2, net_assets_y2=None))
    result = both_engines(table, pack)
    assert result["status"].tolist() == ["invalid input"] * 2
    # The message names the year-end left blank, and only it (both years were named, one blank).
    three, two = result["explanation_en"]
    assert "net assets at the first year-end left blank within the firm's 3 years" in three
    assert "net_assets_y1" in three and "net_assets_y2" not in three
    assert "net assets at the second year-end left blank within the firm's 2 years" in two
    assert "net_assets_y2" in two and "net_assets_y1" not in two
    zh_three, zh_two = result["explanation_zh"]
    assert "第一年末的净资产空缺（net_assets_y1）" in zh_three and "net_assets_y2" not in zh_three
    assert "第二年末的净资产空缺（net_assets_y2）" in zh_two and "net_assets_y1" not in zh_two


@pytest.mark.parametrize("score", [0.5, 0.4, 4.5, 7.999])
def test_a_fractional_expert_score_is_invalid_input_naming_it(score):
    # 工作指引: each sub-item is scored in integers (§6a). 0.5 was rounded to 1 (total 71, passed)
    # and 0.4 to 0 (70, failed), silently.
    table = hnte(fraction=dict(tech_advancement=score), management=dict(rd_platform=score), whole=dict())
    result = both_engines(table, "hnte-2016")
    assert result["status"].tolist()[:2] == ["invalid input"] * 2
    assert result.loc["whole", "status"] == "passed"
    shown = zb.scorecards.evaluate(table.iloc[:1], "hnte-2016")  # alone: the text, not the grid's
    text = shown["explanation_en"].iloc[0]
    assert f"input tech_advancement invalid ({score:g}, not a whole number)" in text
    assert "须为整数" in shown["explanation_zh"].iloc[0]
    assert "rd_platform invalid" in result.loc["management", "explanation_en"]
    described = zb.scorecards.describe("hnte-2016").set_index("id")
    assert described.loc[["tech_advancement", "rd_platform", "standards_bonus"], "integer"].all()


def test_an_expert_score_above_its_maximum_is_still_clipped():
    result = both_engines(hnte(over=dict(tech_advancement=9)), "hnte-2016")
    assert result["tech_advancement_points"].iloc[0] == 8 and result["status"].iloc[0] == "passed"


SME_IN_YUAN = pd.DataFrame(
    {
        "employees": [40],
        "st_staff": [12],
        "sales": [1e7],
        "assets": [5e6],
        "rd_expense": [2e5],
        "total_cost": [5e6],
        "ip_class1": [0],
        "ip_class2": [2],
    }
)
YUAN = {"sales": "元", "assets": "元", "rd_expense": "元", "total_cost": "元"}


def test_gap_figures_say_their_unit():
    # R&D 20万 of sales 1000万 = 2% → 10; 20 + 10 + 12 = 42. 20万元 more → 4% → 30: 62 passes.
    g = zb.scorecards.gap(SME_IN_YUAN, "tech-sme-2017", units=YUAN)
    assert g.loc[0, "more_rd_expense"] == 20 and g.loc[0, "cost_rd_expense"] == 20  # 1 万元 per 万元
    units = g.attrs["units"]
    assert units["more_rd_expense"] == "万元" and units["more_st_staff"] == "人" and units["more_ip_class2"] == "件"
    assert units["cost_rd_expense"] == units["cheapest_cost"] == "万元"
    assert set(units) == {c for c in g.columns if c.startswith(("more_", "cost_"))} | {"cheapest_cost"}


def test_cli_gap_header_names_the_unit(tmp_path):
    path = tmp_path / "firms_yuan.csv"
    path.write_text(
        "firm,employees,st_staff,sales[元],assets[万元],rd_expense[元],total_cost[万元],ip_class1,ip_class2\n"
        "gapA,40,12,10000000,500,200000,500,0,2\n",
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, "-m", "zhibiao", "scorecard", str(path), "--gap", "-q"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    scored = pd.read_csv(io.StringIO(out))
    header = list(scored.columns)
    assert "gap_more_rd_expense[万元]" in header and "gap_more_st_staff[人]" in header
    assert "gap_cheapest_cost[万元]" in header and "gap_cheapest" in header and "gap_more_rd_expense" not in header
    assert scored.loc[0, "gap_more_rd_expense[万元]"] == 20


SME = dict(
    employees=40, st_staff=12, sales=1000.0, assets=500.0, rd_expense=60.0, total_cost=500.0, ip_class1=0, ip_class2=2
)


def sme(**rows):
    return pd.DataFrame([{**SME, **changes} for changes in rows.values()], index=list(rows))


def test_tech_sme_a_firm_gives_the_one_rd_measure_it_chose():
    # 第七条: the firm chooses one measure. R&D/sales 60/1000 = 6% → 50: 20 + 50 + 12 = 82.
    # R&D/cost 150/500 = 30% → 50 where R&D/sales 150/10000 = 1.5% gives 0 (sales is given anyway:
    # condition 2 reads it).
    table = sme(
        sales_measure=dict(total_cost=None),
        cost_measure=dict(rd_expense=150.0, sales=10000.0),
        both=dict(),
    )
    result = both_engines(table, "tech-sme-2017")
    assert result["status"].tolist() == ["passed"] * 3
    assert result["rd_points"].tolist() == [50, 50, 50]
    assert result.loc["sales_measure", "total"] == 82
    assert result.loc["sales_measure", "rd_points_by"] == "rd_sales_ratio"
    assert result.loc["cost_measure", "rd_points_by"] == "rd_cost_ratio"


def test_tech_sme_a_direct_firm_need_not_give_what_only_scoring_reads():
    # 第八条: an HNTE certificate (or another route) confirms the firm without scoring; only the
    # inputs of conditions 1–4 (staff, sales, assets) are needed.
    blank = dict(st_staff=None, rd_expense=None, total_cost=None, ip_class1=None, ip_class2=None)
    table = sme(
        certified=dict(hnte_certified=1, rd_expense=None),
        certified_bare=dict(hnte_certified=1, **blank),
        standard=dict(led_standard=1, **blank),
        not_certified=dict(hnte_certified=0, rd_expense=None),
        nothing_said=dict(rd_expense=None),
        no_staff=dict(st_staff=None),
    )
    result = both_engines(table, "tech-sme-2017")
    assert result["status"].tolist() == ["direct"] * 3 + ["invalid input"] * 3
    for row in ("not_certified", "nothing_said"):
        assert "R&D expenses (rd_expense) left blank" in result.loc[row, "explanation_en"]
        assert "研发费用（rd_expense）空缺" in result.loc[row, "explanation_zh"]
    assert "S&T staff (st_staff) left blank" in result.loc["no_staff", "explanation_en"]
    # a conditions-1–4 input stays required: the direct route needs it
    assert both_engines(sme(x=dict(hnte_certified=1, sales=None)), "tech-sme-2017")["status"].iloc[0] == "invalid input"


def test_explanations_show_the_digits_that_decide():
    # 554.9999 / 11100 = 4.999999099…% < 5%: it read "R&D ratio 5% < 5% required".
    table = hnte(close=dict(rd_y3=224.9999, rd_domestic=332.9999))
    text = zb.scorecards.evaluate(table, "hnte-2016")["explanation_en"].iloc[0]
    assert "R&D ratio 4.999999% < 5% required" in text
    assert "R&D incurred in China 59.99999% below 60%" in text  # 332.9999 / 554.9999 = 59.999989…%
    over = zb.scorecards.evaluate(sme(x=dict(sales=20000.0001, rd_expense=1200.0, total_cost=6000.0)), "tech-sme-2017")
    assert "sales 20000.0001 10k yuan above 20000 10k yuan (200 million yuan)" in over["explanation_en"].iloc[0]
    assert "年销售收入20000.0001万元超过20000万元（2亿元）" in over["explanation_zh"].iloc[0]
    # a figure the rounding does not bring onto a round one keeps two decimals: 4.6875% → 4.69%
    low = hnte(low=dict(years_operating=2, rd_y1=None, sales_y1=None, rd_y2=200.0, rd_y3=250.0, sales_y2=4600.0))
    low = low.assign(sales_y3=5000.0, rd_domestic=400.0, hitech_income=3000.0, total_income=5000.0)
    assert "R&D ratio 4.69% < 5% required" in zb.scorecards.evaluate(low, "hnte-2016")["explanation_en"].iloc[0]


@pytest.mark.parametrize("misspelt", ["rd_expens", "totl_cost", "st_staf"])
def test_a_misspelt_header_of_an_optional_input_is_refused_on_every_path(misspelt, tmp_path):
    # Since rd_expense, total_cost and st_staff may be left blank (§6b 第七条, 第八条), a misspelt
    # header would leave the input blank for every firm: every firm invalid, or scored on the
    # other R&D measure. The near-miss column is named instead.
    right = {"rd_expens": "rd_expense", "totl_cost": "total_cost", "st_staf": "st_staff"}[misspelt]
    table = sme(a=dict()).rename(columns={right: misspelt})
    with pytest.raises(zb.MissingVariableError, match=f"'{right}'.*'{misspelt}'"):
        zb.scorecards.evaluate(table, "tech-sme-2017")
    path = tmp_path / "firms.csv"
    table.rename_axis("firm").to_csv(path)
    with pytest.raises(zb.MissingVariableError, match=f"'{right}'.*'{misspelt}'"):
        zb.scorecards.evaluate(zb.read_csv(path, period_value="2024"), "tech-sme-2017")


@pytest.mark.parametrize(
    "right, misspelt, said",
    [
        # round 14: 营业收人 (人 for 入) was "needs column 'sales' (销售收入, 万元)" and nothing of the
        # column beside it; 研发费 (用 left out) left rd_expense blank for every firm, unnamed
        (
            "sales",
            "营业收人",
            r"needs column 'sales' \(销售收入, 万元\); column '营业收人' is no input of the pack: "
            r"a misspelt header\? \(did you mean '营业收入'\?\)",
        ),
        (
            "rd_expense",
            "研发费",
            r"input 'rd_expense' \(研发费用\) is not in the data, but column '研发费' is: "
            r"a misspelt header\? \(rename it '研发费用'\)",
        ),
        ("sales", "sale", r"needs column 'sales' .*column 'sale' is no input of the pack: .*did you mean 'sales'"),
    ],
)
def test_a_misspelt_chinese_heading_is_named_on_every_path(right, misspelt, said, tmp_path):
    table = sme(a=dict()).rename(columns={right: misspelt})
    with pytest.raises(zb.MissingVariableError, match=said):
        zb.scorecards.evaluate(table, "tech-sme-2017")
    path = tmp_path / "firms.csv"
    table.rename_axis("firm").to_csv(path)
    with pytest.raises(zb.MissingVariableError, match=said):
        zb.scorecards.evaluate(zb.read_csv(path, period_value="2024"), "tech-sme-2017")
    # a heading with its unit is the same heading: 营业收人（万元）
    with pytest.raises(zb.MissingVariableError, match=said):
        zb.scorecards.evaluate(table.rename(columns={misspelt: misspelt + "（万元）"}), "tech-sme-2017")


def test_an_unrelated_extra_column_is_no_misspelt_header():
    # "sales" beside the HNTE pack's sales_y1 (3 letters away), or a note column: left alone.
    table = hnte(one=dict(years_operating=2, sales_y1=None, rd_y1=None, net_assets_y1=None))
    table = table.drop(columns=["sales_y1"]).assign(sales=4500.0, note="x")
    assert zb.scorecards.evaluate(table, "hnte-2016")["status"].tolist() == ["passed"]


@pytest.mark.parametrize("pack", ["hnte-2016", "hnte-2008"])
def test_a_negative_net_asset_base_is_taken_as_zero_and_said_in_the_explanation(pack):
    # indicators.md §6a leaves a negative first-year net asset undefined and recommends treating a
    # non-positive base like 0 and flagging it: growth over the last two years, 1800 / 1300 - 1 =
    # 38.5 % (≥ 35 %: band A), the same points as with a first year of 0.
    negative = pd.DataFrame([{**HNTE, "net_assets_y1": -200.0}])
    zero = pd.DataFrame([{**HNTE, "net_assets_y1": 0.0}])
    scored, base = zb.scorecards.evaluate(negative, pack), zb.scorecards.evaluate(zero, pack)
    assert scored["total"].tolist() == base["total"].tolist()
    assert "first-year net assets -200" in scored["explanation_en"].iloc[0]
    assert "第一年末净资产-200万元为负" in scored["explanation_zh"].iloc[0]
    assert "net assets" not in base["explanation_en"].iloc[0]
    # a negative second year: no net-asset growth points, said too
    second = pd.DataFrame([{**HNTE, "net_assets_y2": -50.0}])
    text = zb.scorecards.evaluate(second, pack)["explanation_en"].iloc[0]
    assert "second-year net assets -50" in text and "first-year" not in text
