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


def test_the_previous_period_of_a_cumulative_span_is_the_span_a_month_shorter():
    # `x - lag(x)` on 1-5月 gave 1-5月 2024 − 1-5月 2023 (the year-on-year difference) as if it
    # were May alone. lag() of 1-5月 is 1-4月 of the same year: x - lag(x) is May, 41 − 30 = 11.
    text = "region,period,x\nA,2023年1-4月,28\nA,2023年1-5月,38\nA,2024年1-4月,30\nA,2024年1-5月,41\n"
    value, _ = _one(_panel(text), zb.Indicator("since", "x - lag(x, 1)", unit="1"), "2024YTD05")
    assert value == 11
    value, why = _one(_panel(text), zb.Indicator("before", "lag(x, 1)", unit="1"), "2024YTD04")
    assert math.isnan(value) and why == "no_such_period"  # 1-3月 is not in the panel
    value, _ = _one(_panel(text), zb.Indicator("month", "single_month(x)", unit="1"), "2024YTD05")
    assert value == 11  # 41 − 30
    value, _ = _one(_panel(text), zb.Indicator("same_span", "yoy(x)", unit="1"), "2024YTD05")
    assert value == 38  # the same span a year earlier is yoy()


def test_month_on_month_change_of_single_months():
    # 当月环比: May 11 (41 − 30) over April 6 (30 − 24) − 1 = 5 / 6 = 83.33 %.
    value, _ = _one(
        _panel(CUMULATIVE_MONTHS),
        zb.Indicator("mom", "single_month(tech_contract_count) / lag(single_month(tech_contract_count)) - 1", unit="%"),
        "2024YTD05",
    )
    assert value == pytest.approx(500 / 6, abs=1e-12)


def test_a_span_from_january_has_no_lag_before_january():
    # 1-1月 (YTD01): the sum starts again in January; lead() of 1-12月 would be next year's.
    text = "region,period,x\nA,2023年1-12月,90\nA,2024YTD01,8\nA,2024年1-2月,15\n"
    value, why = _one(_panel(text), zb.Indicator("before", "lag(x)", unit="1"), "2024-01")
    assert math.isnan(value) and why == "no_such_period"
    value, _ = _one(_panel(text), zb.Indicator("after", "lead(x)", unit="1"), "2024-01")
    assert value == 15


def test_month_end_stocks_lag_to_the_previous_month_end():
    # 截至2024年5月底 is read as the span to May (YTD05): lag() is 4月底, 60 − 52 = 8 firms added.
    text = "region,period,firms[家]\nA,截至2023年5月底,40\nA,截至2024年4月底,52\nA,截至2024年5月底,60\n"
    value, _ = _one(_panel(text), zb.Indicator("added", "firms - lag(firms)", unit="家"), "2024YTD05")
    assert value == 8


@pytest.mark.parametrize(
    ("rows", "period", "before"),
    [
        ("A,2024Q1,20\nA,2024Q2,50\n", "2024Q2", 20),
        ("A,2024H1,20\nA,2024H2,50\n", "2024H2", 20),
        ("A,2023,20\nA,2024,50\n", "2024", 20),
        ("A,2024-04,20\nA,2024-05,50\n", "2024-05", 20),
    ],
)
def test_quarters_halves_years_and_months_keep_their_lag(rows, period, before):
    value, _ = _one(_panel("region,period,x\n" + rows), zb.Indicator("before", "lag(x)", unit="1"), period)
    assert value == before


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
    with pytest.raises(zb.IncompatibleUnitsError, match="gives a rate of change, which is in %, not in '百分点'"):
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


# A cumulative variable (catalogue `cumulative = true`): `actual` on a 2024Q2 row holds January to
# June (data/indicators.toml, target_completion_rate's source). Quarters by hand: 20, 50 − 20 = 30,
# 70 − 50 = 20.
def test_single_quarter_of_a_variable_cumulative_in_every_row():
    text = "region,period,target,actual\nA,2024Q1,100,20\nA,2024Q2,100,50\nA,2024Q3,100,70\n"
    values = _panel(text).compute(
        [
            "target_completion_rate",
            zb.Indicator("q", "single_quarter(actual)", unit="1"),
            zb.Indicator("d", "actual - lag(actual)", unit="1"),
            zb.Indicator("so_far", "ytd(actual)", unit="1"),
        ]
    )
    assert values["q"].tolist() == [20, 30, 20]
    assert values["d"].tolist()[1:] == [30, 20]
    assert values["so_far"].tolist() == [20, 50, 70]  # already from January: no sum of the quarters
    assert values["target_completion_rate"].tolist() == pytest.approx([20, 50, 70], abs=1e-12)
    variables = zb.Catalogue.builtin().variables().set_index("id")
    assert variables.loc["actual", "cumulative"] and not variables.loc["gdp", "cumulative"]


@pytest.mark.parametrize("formula", ["single_month(rd_intensity)", "single_quarter(g)", "single_month(x / y)"])
def test_single_month_of_a_rate_is_refused_with_the_way_out(formula):
    # 1-5月 R&D intensity less 1-4月 is no May intensity (0.08 % from 2.65 % and 2.57 %).
    text = (
        "region,period,rd_expenditure[亿元],gdp[亿元],g[%],x[项],y[项]\n"
        "A,2024年1-4月,2.57,100,5.0,3,10\nA,2024年1-5月,2.65,100,5.2,4,12\n"
    )
    with pytest.raises(zb.IncompatibleUnitsError, match=r"numerator and of the denominator"):
        _panel(text).compute([zb.Indicator("m", formula, unit="%")])


def test_explain_and_evaluate_refuse_what_compute_refuses():
    text = "region,period,a[%],b[%]\nA,2024,12,25\n"
    wrong = zb.Indicator("t", "a - b", unit="%")
    with pytest.raises(zb.IncompatibleUnitsError, match="百分点"):
        _panel(text).explain(wrong, "A", "2024")
    lenient = _panel(text).explain(wrong, "A", "2024", strict=False)
    assert math.isnan(lenient.value) and lenient.reason == "unit_mismatch"
    with pytest.raises(zb.IncompatibleUnitsError, match="百分点"):
        _panel(SHARES).evaluate("rd_intensity - yoy(rd_intensity)", unit="%")
    assert _panel(SHARES).evaluate("rd_intensity - yoy(rd_intensity)", unit="百分点").tolist()[1] == pytest.approx(
        0.09, abs=1e-12
    )


def test_explain_of_lag_and_single_month_on_spans_from_january():
    text = "region,period,x\nA,2024YTD01,8\nA,2024年1-4月,30\nA,2024年1-5月,41\n"
    said = str(_panel(text).explain(zb.Indicator("since", "x - lag(x)", unit="1"), "A", "2024YTD05"))
    assert "2024YTD04] 30" in said and "2024YTD05] 41" in said
    said = str(_panel(text).explain(zb.Indicator("before", "lag(x)", unit="1"), "A", "2024YTD01"))
    assert "no_such_period" in said and "a span from January has none before it in its year" in said
    said = str(_panel(text).explain(zb.Indicator("may", "single_month(x)", unit="1"), "A", "2024YTD05"))
    assert "2024YTD04] 30" in said and "2024YTD05] 41" in said and "= 11" in said
    quarters = "region,period,target,actual\nA,2024Q1,100,20\nA,2024Q2,100,50\n"
    said = str(_panel(quarters).explain(zb.Indicator("q", "single_quarter(actual)", unit="1"), "A", "2024Q2"))
    assert "2024Q1] 20" in said and "2024Q2] 50" in said and "= 30" in said


# Legitimate formulas the 百分点 check must let through (review 27a finding 4), with the values
# by hand: a = 12 %, b = 25 %, c = 5 %, cpi = 102.3 %, u and v unit-less 2.65 and 2.56, n a count.
LEGIT = "region,period,a[%],b[%],c[%],cpi[%],u,v,n\nA,2023,12,25,5,101,2.56,2.50,3\nA,2024,12,25,5,102.3,2.65,2.56,7\n"


@pytest.mark.parametrize(
    ("formula", "unit", "expected"),
    [
        ("100[%] - a", "%", 88),  # the complement of a share
        ("1[1] - a", "%", 88),
        ("1000[‰] - a", "%", 88),  # the value, not the spelling: 1000 ‰ is one
        ("1[1] - a - b", "%", 63),  # what remains
        ("100[%] - a - b", "%", 63),
        ("a + b - c", "%", 32),  # shares summed less an overlap
        ("cpi - 100[%]", "%", 2.3),  # an index less 100
        ("n - lag(n)", "%", 400),  # a unit-less count: not known to be a rate
        ("u - v", "%", 9),  # unit-less: the check cannot tell; no advice that makes it 100× wrong
        ("a - b", "‰", -130),  # ‰ is no label the check reads
        ("a - b", "百分点", -13),
        ("growth(n)", "%", 133.33333333333334),
    ],
)
def test_legitimate_formulas_are_not_refused(formula, unit, expected):
    value, why = _one(_panel(LEGIT), zb.Indicator("t", formula, unit=unit), "2024")
    assert not isinstance(why, str), why  # a reason is text; a value's is NaN
    assert value == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    "formula",
    [
        "abs(a - b)",
        "-(a - b)",
        "round(a - b, 2)",
        "if(a > b, a - b, b - a)",
        "(a - b) * 1",
        "a - b - 0",
        "a + (-b)",
        "growth(a) - growth(b)",
        "max(a - b, 0)",
    ],
)
def test_a_change_of_rates_under_a_wrapper_labelled_percent_is_refused(formula):
    with pytest.raises(zb.IncompatibleUnitsError, match="subtracts one rate from another"):
        _panel(LEGIT).compute([zb.Indicator("t", formula, unit="%")])


@pytest.mark.parametrize(
    "formula",
    [
        "(n - yoy(n)) / yoy(n)",
        "n / yoy(n) - 100[%]",
        "n / yoy(n) - 1000[‰]",
        "growth(n) * 1",
        "max(growth(n), 0)",
        "if(n > 0, growth(n), 0)",
        "-growth(n)",
        "round(growth(n), 3)",
        "growth(n) / 2",
    ],
)
def test_a_rate_of_change_under_a_wrapper_labelled_points_is_refused(formula):
    with pytest.raises(zb.IncompatibleUnitsError, match="gives a rate of change"):
        _panel(LEGIT).compute([zb.Indicator("t", formula, unit="百分点")])


def test_a_catalogue_definition_is_refused_when_defined_even_when_not_strict():
    # rd_intensity's unit is the catalogue's: the swap is seen when the indicator is added, as a unit
    # clash between catalogue variables is (strict=False makes NaN columns of what the panel decides).
    wrong = zb.Indicator("rd_change", "rd_intensity - yoy(rd_intensity)", unit="%")
    with pytest.raises(zb.IncompatibleUnitsError, match="百分点"):
        _panel(SHARES).compute([wrong], strict=False)
