"""An item a firm was allowed to leave blank, and did, is not scored (trial finding F4 of round 19;
docs/scorecards.md, "An item left blank"). A tech-SME firm with a direct route (第八条) need not
give R&D, S&T staff or IP; when it fails a gate it is ineligible, and was "scored" 0 on the
inputs it never gave, with a measure named as the one that scored."""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from test_scorecard_years_and_inputs import both_engines, hnte

PACK = "tech-sme-2017"
BLANK = dict(st_staff=np.nan, rd_expense=np.nan, total_cost=np.nan, ip_class1=np.nan, ip_class2=np.nan)
# Above the 500-staff gate, with an HNTE certificate: a direct route, so the scoring inputs may be blank.
ROUTED = dict(employees=600, sales=10.0, assets=1.0, hnte_certified=1, **BLANK)


def firms(**rows):
    return pd.DataFrame([{**ROUTED, **changes} for changes in rows.values()], index=list(rows))


def test_the_trial_firm_has_no_points_and_no_measure():
    result = both_engines(firms(trial=dict()), PACK)
    row = result.loc["trial"]
    assert row["status"] == "ineligible"
    for column in ("total", "st_staff_points", "rd_points", "ip_points"):
        assert np.isnan(row[column]), column
    assert pd.isna(row["rd_points_by"]) and pd.isna(row["ip_points_by"])


def test_partly_blank_inputs_score_the_items_given_and_leave_the_total_missing():
    # By hand (第七条): 300/600 S&T staff = 50% → 20; R&D 1 ÷ sales 10 = 10% → 50 (R&D ÷ total cost
    # not given: the measure given scores, as a blank total_cost does for a scored firm); one class
    # I IP → 30; two class II → 12.
    table = firms(
        staff=dict(st_staff=300),
        rd=dict(rd_expense=1.0),
        rd_and_cost=dict(rd_expense=1.0, total_cost=2.0),  # 50% of total cost → 50 too, first measure kept
        ip1=dict(ip_class1=1),
        ip2=dict(ip_class2=2),
        everything=dict(st_staff=300, rd_expense=1.0, total_cost=2.0, ip_class1=1, ip_class2=2),
    )
    result = both_engines(table, PACK)
    assert (result["status"] == "ineligible").all()
    assert result.loc["staff", "st_staff_points"] == 20 and np.isnan(result.loc["rd", "st_staff_points"])
    assert result.loc["rd", "rd_points"] == 50 and result.loc["rd", "rd_points_by"] == "rd_sales_ratio"
    assert result.loc["rd_and_cost", "rd_points"] == 50
    assert result.loc["ip1", "ip_points"] == 30 and result.loc["ip1", "ip_points_by"] == "ip_class1"
    assert result.loc["ip2", "ip_points"] == 12 and result.loc["ip2", "ip_points_by"] == "ip_class2"
    for firm in ("staff", "rd", "rd_and_cost", "ip1", "ip2"):  # an item left blank: no total
        assert np.isnan(result.loc[firm, "total"]), firm
    assert np.isnan(result.loc["staff", "rd_points"]) and pd.isna(result.loc["staff", "rd_points_by"])
    assert np.isnan(result.loc["rd", "ip_points"]) and pd.isna(result.loc["rd", "ip_points_by"])
    assert result.loc["everything", "total"] == 100


def test_a_measure_missing_on_inputs_given_still_scores_its_bottom_band():
    # R&D 0 over a total cost of 0 is a share with a zero base (missing), not a blank: the firm gave
    # both, so R&D ÷ sales (0%) scores 0 and the firm has a total.
    result = both_engines(
        firms(zero=dict(st_staff=300, rd_expense=0.0, total_cost=0.0, ip_class1=0, ip_class2=0)), PACK
    )
    assert result.loc["zero", "rd_points"] == 0 and result.loc["zero", "rd_points_by"] == "rd_sales_ratio"
    assert result.loc["zero", "total"] == 20


# A firm that gives every scoring input it needs: scored, beside the unscored ones.
SCORED = dict(
    employees=10,
    st_staff=3,
    sales=10000.0,
    assets=100.0,
    rd_expense=200.0,
    total_cost=np.nan,
    ip_class1=0,
    ip_class2=0,
    hnte_certified=0,
)


def test_an_unscored_firm_enters_no_average_and_is_not_blocked_by_the_pass_rule():
    table = pd.concat([firms(routed=dict()), pd.DataFrame([SCORED], index=["scored"])])
    result = zb.scorecards.evaluate(table, PACK)
    assert result.loc["scored", "total"] == 30  # 30% staff → 20, 2% R&D/sales → 10
    assert zb.scorecards.summary(result).mean_total == 30
    # Its certificate confirms it without scoring once it meets the gates: only the gate blocks it.
    gaps = zb.scorecards.gap(table, PACK)
    assert gaps.loc["routed", "blocked_by"] == "staff_limit"


def test_hnte_blanks_the_pack_reads_are_scored_as_before():
    # HNTE has no direct route: a 1-year firm leaves the years it did not operate blank and its
    # measures read them as the pack says (growth 0 points, §6a), and a blank standards bonus is
    # no bonus (0); neither is an item left blank.
    table = hnte(
        one_year=dict(
            years_operating=1,
            sales_y1=None,
            sales_y2=None,
            rd_y1=None,
            rd_y2=None,
            net_assets_y1=None,
            net_assets_y2=None,
            standards_bonus=None,
            rd_domestic=200.0,
        ),
    )
    result = both_engines(table, "hnte-2016")
    assert result.loc["one_year", "sales_growth_points"] == 0
    assert result.loc["one_year", "standards_bonus_points"] == 0
    assert not np.isnan(result.loc["one_year", "total"])


def test_dask_partitions_leave_the_unscored_firm_out_of_the_mean_too():
    dd = pytest.importorskip("dask.dataframe")
    import zhibiao.dask as zdask  # a submodule zhibiao does not import

    table = pd.concat([firms(routed=dict(), staff=dict(st_staff=300)), pd.DataFrame([SCORED], index=["scored"])])
    lazy = zdask.evaluate_scorecards(dd.from_pandas(table, npartitions=2), PACK)
    assert zdask.scorecard_summary(lazy).mean_total == 30
    assert np.isnan(lazy.compute().loc["staff", "total"])
