"""Round 27: indicators over panels at the seams where hand work goes wrong (spec: indicators.md).

Each figure below is worked by hand from a made-up panel; the source of the rule is in a comment.
"""

import io
import math

import pytest

import zhibiao as zb


def _panel(text: str) -> zb.Panel:
    return zb.read_csv(io.StringIO(text))


def _one(panel: zb.Panel, indicator: zb.Indicator, period: str, entity: str = "A") -> tuple[float, str]:
    values, reasons = panel.compute([indicator], reasons=True)
    return values.loc[(entity, period), indicator.id], reasons.loc[(entity, period), indicator.id]


# Monthly figures as a bureau publishes them: cumulative from January (1-2月, 1-3月 … 累计; spec
# §7.3 "1-10月" = cumulative to October). January alone is "1月". Single months by hand:
# 8, 15 − 8 = 7, 24 − 15 = 9, 30 − 24 = 6, 41 − 30 = 11, 50 − 41 = 9.
CUMULATIVE_MONTHS = (
    "region,period,tech_contract_count[项]\n"
    "A,2024年1月,8\nA,2024年1-2月,15\nA,2024年1-3月,24\nA,2024年1-4月,30\nA,2024年1-5月,41\nA,2024年1-6月,50\n"
)


def test_single_month_from_cumulative_figures():
    panel = _panel(CUMULATIVE_MONTHS)
    month = zb.Indicator("month", "single_month(tech_contract_count)", unit="项")
    values = panel.compute([month])["month"]
    assert values.tolist() == [8, 7, 9, 6, 11, 9]  # 2024-01, YTD02, Q1 (1-3月), YTD04, YTD05, H1 (1-6月)


def test_a_month_missing_in_the_middle_is_no_two_month_figure():
    # Without 1-4月, May alone cannot be had: 41 − 24 = 17 would be April and May together.
    panel = _panel(CUMULATIVE_MONTHS.replace("A,2024年1-4月,30\n", ""))
    value, why = _one(panel, zb.Indicator("month", "single_month(tech_contract_count)", unit="项"), "2024YTD05")
    assert math.isnan(value) and why == "no_such_period"
    value, why = _one(panel, zb.Indicator("month", "single_month(tech_contract_count)", unit="项"), "2024H1")
    assert value == 9  # June: 50 − 41, both there


def test_the_previous_period_of_a_cumulative_span_is_not_last_year():
    # `x - lag(x)` on 1-5月 gave 1-5月 2024 − 1-5月 2023 (the year-on-year difference) as if it
    # were May alone. A cumulative span has no previous span of its length: missing, with reason.
    text = "region,period,x\nA,2023年1-4月,28\nA,2023年1-5月,38\nA,2024年1-4月,30\nA,2024年1-5月,41\n"
    value, why = _one(_panel(text), zb.Indicator("since", "x - lag(x, 1)", unit="1"), "2024YTD05")
    assert math.isnan(value) and why == "no_such_period"
    value, _ = _one(_panel(text), zb.Indicator("month", "single_month(x)", unit="1"), "2024YTD05")
    assert value == 11  # 41 − 30
    value, _ = _one(_panel(text), zb.Indicator("same_span", "yoy(x)", unit="1"), "2024YTD05")
    assert value == 38  # the same span a year earlier is yoy()


def test_single_quarter_from_cumulative_quarters_and_the_year():
    # 1-3月 20, 1-6月 50, 1-9月 (前三季度) 70, 全年 95 → quarters 20, 30, 20, 25.
    text = "region,period,actual\nA,2024年1-3月,20\nA,2024年上半年,50\nA,2024年前三季度,70\nA,2024年,95\n"
    values = _panel(text).compute([zb.Indicator("quarter", "single_quarter(actual)", unit="1")])["quarter"]
    assert values.tolist() == [20, 30, 20, 25]


def test_single_quarter_of_a_month_span_is_missing():
    # 1-5月 ends inside a quarter: no quarter of its own.
    value, why = _one(
        _panel(CUMULATIVE_MONTHS), zb.Indicator("q", "single_quarter(tech_contract_count)", unit="项"), "2024YTD05"
    )
    assert math.isnan(value) and why == "no_such_period"


def test_own_quarters_and_months_are_already_single():
    # A row of one quarter (2024年第二季度) or one month (2024年5月) holds that span's own figure,
    # as ytd() reads it.
    text = "region,period,x\nA,2024年第二季度,30\nA,2024年5月,4\n"
    values = _panel(text).compute(
        [zb.Indicator("q", "single_quarter(x)", unit="1"), zb.Indicator("m", "single_month(x)", unit="1")]
    )
    assert values.loc[("A", "2024Q2"), "q"] == 30 and values.loc[("A", "2024-05"), "m"] == 4
    assert math.isnan(values.loc[("A", "2024Q2"), "m"])


def test_single_month_growth_on_the_same_month_a_year_earlier():
    # 当月同比: (May 2024 − May 2023) / May 2023 = (11 − 10) / 10 = 10.0 %  (spec §5 同比增长率)
    text = "region,period,x\nA,2023年1-4月,28\nA,2023年1-5月,38\nA,2024年1-4月,30\nA,2024年1-5月,41\n"
    value, _ = _one(_panel(text), zb.Indicator("g", "growth(single_month(x))", unit="%"), "2024YTD05")
    assert value == pytest.approx(10.0, abs=1e-12)
    # 累计增长: 1-5月 over 1-5月, 41 / 38 − 1 = 7.89 % (spec §5: cumulative Jan–N vs the same span)
    value, _ = _one(_panel(text), zb.Indicator("g", "growth(x)", unit="%"), "2024YTD05")
    assert value == pytest.approx(300 / 38, abs=1e-12)


# 百分点 vs %: spec §5 "Changes in a share are expressed in 百分点: 2.65% − 2.56% = 0.09个百分点";
# 同比增长率 = (本期 − 上年同期) ÷ 上年同期 × 100 is in %. The unit algebra holds both as 10⁻², so
# the label is the only place the two meanings differ.
SHARES = "region,period,rd_expenditure[亿元],gdp[亿元],x\nA,2023,2.56,100,64\nA,2024,2.65,100,80\n"


def test_a_change_of_a_share_is_in_percentage_points():
    pp = zb.Indicator("rd_change", "rd_intensity - yoy(rd_intensity)", unit="百分点")
    value, _ = _one(_panel(SHARES), pp, "2024")
    assert value == pytest.approx(0.09, abs=1e-12)


@pytest.mark.parametrize("unit", ["%", "pct"])
def test_a_change_of_a_share_labelled_percent_is_refused(unit):
    wrong = zb.Indicator("rd_change", "rd_intensity - yoy(rd_intensity)", unit=unit)
    with pytest.raises(zb.IncompatibleUnitsError, match="百分点"):
        _panel(SHARES).compute([wrong])


@pytest.mark.parametrize("formula", ["growth(x)", "x / yoy(x) - 1", "cagr(x, 1)"])
def test_a_rate_of_change_labelled_percentage_points_is_refused(formula):
    wrong = zb.Indicator("g", formula, unit="百分点")
    with pytest.raises(zb.IncompatibleUnitsError, match="%"):
        _panel(SHARES).compute([wrong])


def test_growth_in_percent_and_a_gap_to_a_standard_in_points():
    value, _ = _one(_panel(SHARES), zb.Indicator("g", "x / yoy(x) - 1", unit="%"), "2024")
    assert value == pytest.approx(25.0, abs=1e-12)  # spec §5: 本期 80 vs 上年同期 64 → +25.0%
    # the MOST standard for R&D intensity is 2.5 % (spec §3.3): 2.65 − 2.5 = 0.15 个百分点
    value, _ = _one(_panel(SHARES), zb.Indicator("gap", "rd_intensity - 2.5[%]", unit="个百分点"), "2024")
    assert value == pytest.approx(0.15, abs=1e-12)


def test_columns_in_percent_the_catalogue_does_not_know_are_typed_from_the_panel():
    # Two shares of your own, read with their units: their difference is in points too.
    text = "region,period,share_now[%],share_before[%]\nA,2024,2.65,2.56\n"
    wrong = zb.Indicator("change", "share_now - share_before", unit="%")
    with pytest.raises(zb.IncompatibleUnitsError, match="百分点"):
        _panel(text).compute([wrong])
    values, reasons = _panel(text).compute([wrong], reasons=True, strict=False)
    assert math.isnan(values.loc[("A", "2024"), "change"]) and reasons.loc[("A", "2024"), "change"] == "unit_mismatch"
    right = zb.Indicator("change", "share_now - share_before", unit="百分点")
    assert _one(_panel(text), right, "2024")[0] == pytest.approx(0.09, abs=1e-12)
