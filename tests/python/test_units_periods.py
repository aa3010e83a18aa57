import numpy as np
import pytest

import zhibiao as zb


def test_units_scale_and_convert_exactly():
    assert zb.Unit("亿元").convert(np.array([1.0, 2.5]), zb.Unit("万元")).tolist() == [1e4, 2.5e4]
    assert zb.Unit("%").convert(np.array([13.5]), zb.Unit("1"))[0] == 0.135
    assert zb.Unit("件/万人").exponent == -4
    assert zb.Unit("百分点") == zb.Unit("%")
    assert zb.Unit("万元/万人").dimension == "currency/person"


def test_unit_errors_are_typed():
    with pytest.raises(zb.UnknownUnitError) as info:
        zb.Unit("万美元")
    assert info.value.unit == "万美元"
    assert isinstance(info.value, zb.UnitError) and isinstance(info.value, ValueError)
    with pytest.raises(zb.IncompatibleUnitsError, match="万元.*人"):
        zb.Unit("万元").convert(np.array([1.0]), zb.Unit("人"))


def test_periods():
    assert str(zb.Period("2018年1-6月")) == "2018H1"
    assert zb.Period("2018年上半年") == zb.Period("2018H1")
    assert zb.Period("2018H1").fraction_elapsed() == 0.5
    assert zb.Period("2018H1").fraction_elapsed("day") == 181 / 365
    assert str(zb.Period("2018Q2").prior_year()) == "2017Q2"
    assert zb.Period("2018Q2").year == 2018
    assert sorted([zb.Period("2019"), zb.Period("2018H1"), zb.Period("2018")]) == [
        zb.Period("2018H1"),
        zb.Period("2018"),
        zb.Period("2019"),
    ]
    with pytest.raises(zb.ParseError, match="2018H3"):
        zb.Period("2018H3")


@pytest.mark.parametrize(
    "text, period",
    [
        ("2024年前三季度", "2024YTD09"),
        ("2024年前两季度", "2024H1"),
        ("2024年前二季度", "2024H1"),
        ("2024/06", "2024-06"),
        ("2024.06", "2024-06"),
        ("2024-06", "2024-06"),
        ("2024-06-30", "2024H1"),
        ("截至2024年6月底", "2024H1"),
        ("2024年6月底", "2024H1"),
        ("2024-09-30", "2024YTD09"),
        ("2024-12-31", "2024"),
    ],
)
def test_period_forms_of_bureau_spreadsheets(text, period):
    import io

    assert zb.read_csv(io.StringIO(f"region,period,gdp[亿元]\nA,{text},1\n")).periods == [period]


def test_a_day_not_at_a_month_end_is_refused_with_the_accepted_forms():
    import io

    with pytest.raises(zb.ParseError, match=r"2024-06-15.*month's end.*2024-06-30.*2024年前三季度"):
        zb.read_csv(io.StringIO("region,period,gdp[亿元]\nA,2024-06-15,1\n"))
    with pytest.raises(zb.ParseError, match="2024.10"):
        zb.read_csv(io.StringIO("region,period,gdp[亿元]\nA,2024.1,1\n"))
