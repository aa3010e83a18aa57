"""HNTE (indicators.md §6a): the R&D ratio sums R&D and sales over the same years, and expert
scores above their maximum are clipped to it, with a note in the explanation."""

import pandas as pd
import pytest

import zhibiao as zb

# A firm that meets every condition: R&D (200 + 230 + 250) / sales (4000 + 4600 + 5000) = 5.0%,
# the 5% its latest-year sales of 5,000万 require.
FIRM = dict(
    registered_days=400,
    in_supported_field=1,
    employees=100,
    st_staff=10,
    sales_y1=4000,
    sales_y2=4600,
    sales_y3=5000,
    rd_y1=200,
    rd_y2=230,
    rd_y3=250,
    rd_domestic=408,
    hitech_income=6000,
    total_income=10000,
    ip_class1=1,
    ip_class2=0,
    conversions_3y=9,
    years_operating=3,
    net_assets_y1=1000,
    net_assets_y2=1300,
    net_assets_y3=1800,
    tech_advancement=7,
    core_support=7,
    ip_acquisition=6,
    rd_organisation=5,
    rd_platform=5,
    transfer_system=3,
    talent_system=3,
)


def firms(**rows):
    return pd.DataFrame([{**FIRM, **changes} for changes in rows.values()], index=list(rows))


@pytest.mark.parametrize("pack", ["hnte-2016", "hnte-2008"])
def test_a_year_with_rd_or_sales_blank_makes_the_ratio_missing_not_a_number(pack):
    # Sales of year 1 blank with R&D 300: the old sums gave (300 + 230 + 250) / (4600 + 5000)
    # = 8.1% and passed a firm whose three years give (300 + 230 + 250) / 13600 at most.
    table = firms(
        sales_blank=dict(sales_y1=None, rd_y1=300),
        rd_blank=dict(rd_y1=None),
        both_blank=dict(rd_y2=None, sales_y2=None),
    )
    if pack == "hnte-2008":
        table = table.assign(rd_staff=10)
    result = zb.scorecards.evaluate(table, pack)
    assert result["status"].tolist() == ["invalid input"] * 3
    assert result["total"].isna().all()
    # Each message names the year left blank (both years were named whichever was blank).
    first, first_too, second = result["explanation_en"]
    for text in (first, first_too):
        assert "R&D expenses or sales of the first year left blank within the firm's 3 years of operation" in text
        assert "rd_y2" not in text
    assert "R&D expenses or sales of the second year left blank within the firm's 3 years" in second
    assert "rd_y1" not in second
    gap = zb.scorecards.gap(table, pack)
    assert gap["status"].tolist() == ["invalid input"] * 3
    assert gap["cheapest"].isna().all()


def test_years_before_the_firm_existed_are_left_out_of_both_sums():
    # Two years of operation: (230 + 250) / (4600 + 5000) = 5.0%, whatever year 1 says; with
    # rd_y2 = 200 instead: 450 / 9600 = 4.6875% < 5%.
    table = firms(
        two_years=dict(years_operating=2, rd_y1=None, sales_y1=None),
        stray_year1=dict(years_operating=2, rd_y1=5000, sales_y1=None),
        two_years_low=dict(years_operating=2, rd_y1=None, sales_y1=None, rd_y2=200, rd_domestic=400),
    )
    result = zb.scorecards.evaluate(table, "hnte-2016")
    assert result["gate_rd_ratio"].tolist() == [True, True, False]
    assert result["status"].tolist()[:2] == ["passed", "passed"]
    assert "R&D ratio 4.69% < 5% required" in result["explanation_en"].iloc[2]


def test_complete_three_years_is_unchanged():
    # (100 + 130 + 150) / 13600 = 2.794% < 5%: ineligible, as before.
    result = zb.scorecards.evaluate(firms(low=dict(rd_y1=100, rd_y2=130, rd_y3=150, rd_domestic=380)), "hnte-2016")
    assert result["status"].tolist() == ["ineligible"]
    assert "R&D ratio 2.79" in result["explanation_en"].iloc[0]


def test_an_expert_score_above_its_maximum_is_clipped_and_said():
    # tech_advancement 9 of 8 counts 8: the same 67 points (8 + 7 + 7 + 6 + 13 + 5 + 5 + 3 + 3 + 7 + 3)
    # as a firm scored 8; before, the 9 made the firm "invalid input".
    table = firms(base=dict(tech_advancement=8), over=dict(tech_advancement=9), negative=dict(tech_advancement=-1))
    result = zb.scorecards.evaluate(table, "hnte-2016")
    assert result["status"].tolist() == ["failed", "failed", "invalid input"]  # a negative score stays invalid
    assert result.loc["over", "total"] == result.loc["base", "total"] == 67
    assert result.loc["over", "tech_advancement_points"] == 8
    assert "expert score tech_advancement 9 is above its maximum, counted as 8" in result.loc["over", "explanation_en"]
    assert "专家评分tech_advancement为9，超过上限，按8分计" in result.loc["over", "explanation_zh"]
    assert "above its maximum" not in result.loc["base", "explanation_en"]
    fused = zb.scorecards.evaluate(pd.concat([table] * 40), "hnte-2016")  # whole vectors: the fused kernel
    assert fused["status"].tolist() == result["status"].tolist() * 40
