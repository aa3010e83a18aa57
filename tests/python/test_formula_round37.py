"""Round 37: silent wrong answers a methodology trial found recomputing
/work/shared/spec/indicators.md — growth() over an invalid same-scope prior, and constants that
scale a ratio whose unit already scales it."""

import io
import math

import pytest

import zhibiao as zb


def R(text, **kw):
    return zb.read_csv(io.StringIO(text), **kw)


G = zb.Indicator("g", "growth(gdp)", unit="%")


# ------------------------------------------------------------ growth over a same-scope prior (spec §5)


def test_an_unparseable_prior_gives_no_growth_from_the_levels():
    # Spec §5 同口径: with 上年同期同口径 given, growth is not recomputed from the published levels.
    # 2024's prior "x" is no number: growth is missing (unparseable); it was 220 / 200 − 1 = 10.0 %.
    p = R("region,period,gdp[亿元],gdp_prior[亿元]\nA,2023,200,\nA,2024,220,x\n", lenient=True)
    values, reasons = p.compute([G], reasons=True)
    assert math.isnan(values.loc[("A", "2024"), "g"])
    assert reasons.loc[("A", "2024"), "g"] == "unparseable"


@pytest.mark.parametrize("partial_sums", [False, True])
def test_a_partial_prior_after_a_rollup_gives_no_growth_from_the_levels(partial_sums):
    # 320601 gives its prior (98), 320602 does not: 320600's prior is incomplete; growth was
    # 330 / 300 − 1 = 10.0 % from the levels, with no reason.
    p = R(
        "region,period,gdp[亿元],gdp_prior[亿元]\n320601,2023,100,\n320602,2023,200,\n"
        "320601,2024,110,98\n320602,2024,220,\n"
    )
    values, reasons = p.rollup("admin", partial_sums=partial_sums).compute([G], reasons=True)
    assert math.isnan(values.loc[("320600", "2024"), "g"])
    assert reasons.loc[("320600", "2024"), "g"] == "incomplete_rollup"


def test_a_blank_prior_reads_the_level_a_year_before_as_documented():
    # README: x_prior overrides the recomputed base where given; a blank cell gives none.
    p = R("region,period,gdp[亿元],gdp_prior[亿元]\nA,2022,100,\nA,2023,120,110\nA,2024,132,\n")
    g = p.compute([G])["g"]
    assert g.loc[("A", "2023")] == pytest.approx((120 / 110 - 1) * 100)
    assert g.loc[("A", "2024")] == pytest.approx((132 / 120 - 1) * 100)


def test_a_prior_follows_the_rules_of_its_variable():
    # A count of 2.5 patents is invalid as the level (invalid_input); as the same-scope prior it gave
    # 10 / 2.5 − 1 = 300 %. The roll-up already judges x_prior by x's rules.
    p = R("region,period,valid_invention_patents,valid_invention_patents_prior[件]\nA,2023,8,\nA,2024,10,2.5\n")
    values, reasons = p.compute([zb.Indicator("g", "growth(valid_invention_patents)", unit="%")], reasons=True)
    assert math.isnan(values.loc[("A", "2024"), "g"])
    assert reasons.loc[("A", "2024"), "g"] == "invalid_input"


def test_explain_shows_the_invalid_prior_not_the_level():
    p = R("region,period,gdp[亿元],gdp_prior[亿元]\nA,2023,200,\nA,2024,220,x\n", lenient=True)
    text = str(p.explain(G, "A", "2024"))
    assert "gdp_prior" in text and "unparseable" in text


# ------------------------------------------------------------ a constant that scales a ratio twice


@pytest.mark.parametrize(
    "formula, unit, words",
    [
        # 45 patents over 500000 人 = 50 万人 is 0.90 件/万人 (indicators.md §1.4); this gave 9000.
        (
            "valid_invention_patents / (population / 10000)",
            "件/万人",
            "divides the denominator by 10000, which multiplies the result by 10000",
        ),
        ("rd_expenditure / (gdp / 100)", "%", "divides the denominator by 100, which multiplies the result by 100"),
        ("x / y / 0.01", "%", "divides by 0.01, which multiplies the result by 100"),
        ("x / (y * 0.01)", "%", "multiplies the denominator by 0.01"),
        ("round(x / y * 100, 1)", "%", "multiplies by 100"),
    ],
)
def test_a_constant_the_unit_repeats_is_refused_wherever_it_scales_the_ratio(formula, unit, words):
    p = R(
        "region,period,population[人],valid_invention_patents,rd_expenditure[万元],gdp[亿元],x,y\nA,2023,500000,45,3000,120.5,1,4\n"
    )
    with pytest.raises(zb.IncompatibleUnitsError, match="already scales the result") as caught:
        p.compute([zb.Indicator("r", formula, unit=unit)])
    assert words in str(caught.value)
    assert "indicator 'r'" in str(caught.value)


@pytest.mark.parametrize(
    "formula, unit, expected",
    [
        ("valid_invention_patents / population", "件/万人", 0.9),  # 45 / 50 万人
        ("x / y / 2", "%", 12.5),  # an average of two: 0.25 / 2
        ("x * 0.5 / y", "%", 12.5),  # a weight
        ("1 - x / y", "%", 75.0),  # a complement
        ("x / y / 100", "%", 0.25),  # an index over its base 100
    ],
)
def test_legitimate_constants_still_work(formula, unit, expected):
    p = R("region,period,population[人],valid_invention_patents,x,y\nA,2023,500000,45,1,4\n")
    assert p.compute([zb.Indicator("r", formula, unit=unit)])["r"].iloc[0] == pytest.approx(expected)
