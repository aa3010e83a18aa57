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
