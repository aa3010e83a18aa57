"""Scorecard fixes of the ninth trial (/work/shared/spec/indicators.md §6a, §6b): the gap solved
with the R&D measure the firm gave, inputs that contradict each other refused, a firm confirmed
directly not scored, an explanation naming only the staff condition that failed, and a misspelt
direct-route flag refused."""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from test_scorecard_years_and_inputs import both_engines, hnte

SME = dict(employees=10, st_staff=3, sales=10000.0, assets=100.0, rd_expense=200.0, ip_class1=0, ip_class2=0)


def sme(**rows):
    return pd.DataFrame([{**SME, **changes} for changes in rows.values()], index=list(rows))


def test_the_gap_of_a_firm_without_total_cost_uses_rd_over_sales():
    # It said 0.01 more R&D: the solver filled the blank total_cost with the 0.01 added (R&D ÷ a
    # total cost of 0.01 = 20001%, 50 points), a ratio the firm never chose. By hand (第七条):
    # S&T staff 3/10 = 30% → 20; R&D/sales 200/10000 = 2% → 10; no IP → 0: total 30. R&D/sales 5%
    # (500, +300) → 40 gives 60, a pass; one class I IP (30 points) gives 60 too, at 5 < 300.
    firm = sme(x=dict(total_cost=np.nan))
    g = zb.scorecards.gap(firm, "tech-sme-2017")
    assert g.loc["x", "status"] == "failed"
    assert g.loc["x", "more_rd_expense"] == pytest.approx(300.0)
    assert g.loc["x", "more_ip_class1"] == 1 and g.loc["x", "cheapest"] == "ip_class1"
    applied = zb.scorecards.evaluate(firm.assign(rd_expense=200.0 + g.loc["x", "more_rd_expense"]), "tech-sme-2017")
    assert applied.loc["x", "status"] == "passed" and applied.loc["x", "total"] == 60
    assert applied.loc["x", "rd_points"] == 40 and applied.loc["x", "rd_points_by"] == "rd_sales_ratio"
    # 299.99 more is R&D/sales 4.9999% → 30 points: 50, a fail (the gap is the smallest)
    short = zb.scorecards.evaluate(firm.assign(rd_expense=499.99), "tech-sme-2017")
    assert short.loc["x", "status"] == "failed"


def test_a_zero_total_cost_below_the_rd_is_invalid_input_not_a_gap():
    # R&D 200 within total costs of 0 is impossible (R&D is part of 成本费用支出总额)
    firm = sme(x=dict(total_cost=0.0))
    assert zb.scorecards.gap(firm, "tech-sme-2017").loc["x", "status"] == "invalid input"
    text = zb.scorecards.evaluate(firm, "tech-sme-2017").loc["x", "explanation_en"]
    assert "R&D expenses 200" in text and "total costs and expenses 0" in text


def test_inputs_that_contradict_each_other_are_invalid_input_naming_both():
    # hnte-2016: R&D in China 900 > R&D of the three years 150 + 180 + 225 = 555 (162%)
    r = both_engines(hnte(over=dict(rd_domestic=900.0), equal=dict(rd_domestic=555.0)), "hnte-2016")
    assert r["status"].tolist() == ["invalid input", "passed"]
    assert (
        "R&D in China 900 10k yuan exceeds the R&D total of the years counted 555 10k yuan"
        in r.loc["over", "explanation_en"]
    )
    assert "境内研究开发费用900万元超过近三年研究开发费用合计555万元" in r.loc["over", "explanation_zh"]
    # a 2-year firm: its R&D is y2 + y3 = 180 + 225 = 405; 450 in China is more, whatever rd_y1 says
    two = hnte(two=dict(years_operating=2, rd_domestic=450.0))
    assert zb.scorecards.evaluate(two, "hnte-2016")["status"].tolist() == ["invalid input"]
    # hnte-2008: R&D staff 150 > staff 100
    r = both_engines(hnte(over=dict(st_staff=30, rd_staff=150)), "hnte-2008")
    assert r["status"].tolist() == ["invalid input"]
    assert "R&D staff 150 persons exceed the total staff 100 persons" in r.loc["over", "explanation_en"]
    # tech-SME: R&D 100 > total costs 50 (200%: it scored full marks)
    r = both_engines(
        sme(over=dict(rd_expense=100.0, total_cost=50.0), equal=dict(rd_expense=50.0, total_cost=50.0)), "tech-sme-2017"
    )
    assert r["status"].tolist() == ["invalid input", "passed"]  # 50 ÷ 50 = 100%: 20 + 50 = 70
    assert (
        "R&D expenses 100 10k yuan exceed the total costs and expenses 50 10k yuan" in r.loc["over", "explanation_en"]
    )


def test_a_firm_confirmed_directly_is_not_scored():
    # 第八条: confirmed "without scoring". It read total 12 with 0 points for blank inputs, and
    # rd_points_by rd_sales_ratio with no R&D given.
    blank = dict(st_staff=np.nan, rd_expense=np.nan, ip_class1=np.nan, ip_class2=np.nan)
    table = sme(bare=dict(hnte_certified=1, **blank), full=dict(hnte_certified=1), scored=dict(ip_class1=1))
    r = both_engines(table, "tech-sme-2017")
    assert r["status"].tolist() == ["direct", "direct", "passed"]
    for row in ("bare", "full"):
        assert np.isnan(r.loc[row, ["total", "st_staff_points", "rd_points", "ip_points"]].astype(float)).all()
        assert pd.isna(r.loc[row, "rd_points_by"]) and pd.isna(r.loc[row, "ip_points_by"])
    assert r.loc["scored", "total"] == 20 + 10 + 30 and r.loc["scored", "rd_points_by"] == "rd_sales_ratio"


@pytest.mark.parametrize("copies", [1, 40])  # the vector machine alone; whole vectors (the fused kernel)
def test_an_invalid_firm_has_no_measure_that_scored_whatever_the_batch(copies):
    table = pd.concat([sme(bad=dict(st_staff=20), good=dict())] * copies)
    r = zb.scorecards.evaluate(table, "tech-sme-2017", explain=False)
    bad = r["status"] == "invalid input"
    assert bad.sum() == copies
    assert r.loc[bad, "rd_points_by"].isna().all() and r.loc[bad, "ip_points_by"].isna().all()
    assert r.loc[~bad, "rd_points_by"].notna().all()


def test_the_2008_staff_explanation_names_only_the_condition_that_failed():
    # It read "college-educated S&T staff 29% below 30% or R&D staff 10% below 10%".
    r = zb.scorecards.evaluate(
        hnte(st=dict(st_staff=29, rd_staff=10), rd=dict(st_staff=30, rd_staff=9), both=dict(st_staff=29, rd_staff=9)),
        "hnte-2008",
    )
    assert r["status"].tolist() == ["ineligible"] * 3
    st, rd, both = r["explanation_en"].tolist()
    assert "college-educated S&T staff 29% below 30%" in st and "R&D staff" not in st
    assert "R&D staff 9% below 10%" in rd and "college-educated" not in rd
    assert "29% below 30%" in both and "9% below 10%" in both and "10% below 10%" not in both
    assert "研发人员占比9%低于10%" in r.loc["rd", "explanation_zh"] and "大专" not in r.loc["rd", "explanation_zh"]
    assert not r.loc["st", "gate_st_staff_share"] and r.loc["st", "gate_rd_staff_share"]


def test_a_misspelt_direct_route_flag_is_refused():
    # hnte_certificate for hnte_certified: 4 edits apart, it was ignored and the firm scored "failed"
    firm = sme(x=dict()).assign(hnte_certificate=1)
    with pytest.raises(
        zb.MissingVariableError,
        match=r"column 'hnte_certificate' is: a misspelt header\? \(rename it 'hnte_certified'\)",
    ):
        zb.scorecards.evaluate(firm, "tech-sme-2017")
    panel = zb.Panel.from_pandas(firm.assign(entity="f1", period=2024))
    with pytest.raises(zb.MissingVariableError, match=r"'hnte_certificate'.*rename it 'hnte_certified'"):
        zb.scorecards.evaluate(panel, "tech-sme-2017")
    # a name that extends an input is a related column, not a misspelling
    assert (
        zb.scorecards.evaluate(sme(x=dict()).assign(rd_expense_2023=1.0), "tech-sme-2017")["status"].iloc[0] == "failed"
    )
    assert (
        zb.scorecards.evaluate(sme(x=dict()).assign(provincial_rd_inst=1), "tech-sme-2017")["status"].iloc[0]
        == "failed"
    )


HEADER = "firm,employees,st_staff,sales,assets,rd_expense,total_cost,ip_class1,ip_class2\n"


def _cli(*args, stdin):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "zhibiao", *args], input=stdin, capture_output=True, text=True)


def test_the_cli_names_the_unparseable_cells_the_explanation_points_to():
    # it said "1 unparseable cells" only, while the firm's explanation said "see the load report"
    rows = "A,10,3,1000,100,abc,500,0,1\nB,10,3,1000,100,60,500,x,y\nC,10,3,z,100,60,500,0,1\n"
    result = _cli("scorecard", "-", stdin=HEADER + rows)
    assert result.returncode == 0, result.stderr
    assert "<stdin>:2: column 6 (rd_expense): 'abc': not a number" in result.stderr
    assert "<stdin>:3: column 8 (ip_class1): 'x': not a number" in result.stderr
    assert "… and 1 more unparseable cell\n" in result.stderr  # three shown, the fourth counted
    # round 18: the cell and the reader's reason in the explanation itself (-q hides the report)
    assert "value invalid for computing in rd_expense: 'abc' (not a number)" in result.stdout


def test_the_cli_says_a_duplicate_firms_period_is_the_year_option():
    rows = "A,10,3,1000,100,50,500,0,1\nA,10,3,1000,100,60,500,0,1\n"
    result = _cli("scorecard", "-", "--year", "2023", stdin=HEADER + rows)
    assert result.returncode != 0
    assert "period 2023" in result.stderr and "no period column: period 2023 is --year's" in result.stderr
    # a file with a period column: its own period, nothing said of --year
    result = _cli("scorecard", "-", stdin=HEADER.replace("firm,", "firm,year,") + rows.replace("A,", "A,2022,"))
    assert "period 2022" in result.stderr and "--year" not in result.stderr
