"""Round 21 (trial21a F1, F5–F7, F11, F12, F18, F24): tables combined, loaded and written keep
their units and reasons. A table in 人/万元 concatenated or merged with one in 万人/亿元 is
converted into one unit or refused, never relabelled; write_csv writes reasons and every declared
decimal; from_pandas merges the units it is given over the frame's and loads leniently."""

import io

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

# Two prefectures' files as bureaus send them: one in 万人/亿元, the other in 人/万元 (trial21a).
IN_WAN = (
    "region,period,gdp[亿元],population[万人],rd_expenditure[万元],valid_invention_patents\n"
    "360102,2021,150.0,40.0,18000.0,30\n"
)
IN_REN = (
    "region,period,gdp[万元],population[人],rd_expenditure[万元],valid_invention_patents\n"
    "360302,2021,4090000,631000,77710.0,107\n"
)


def _frames():
    a = zb.read_csv(io.StringIO(IN_WAN)).to_pandas(reasons=True)
    b = zb.read_csv(io.StringIO(IN_REN)).to_pandas(reasons=True)
    return a, b


def test_concat_converts_each_column_into_the_first_tables_unit():
    a, b = _frames()
    both = zb.concat([a, b])
    assert zb.units(both)["population"] == "万人" and zb.units(both)["gdp"] == "亿元"
    assert both.loc[("360302", "2021"), "population"] == 63.1  # 631000 人 = 63.1 万人
    assert both.loc[("360302", "2021"), "gdp"] == 409.0  # 4090000 万元 = 409 亿元
    values = zb.Panel.from_pandas(both).compute(["invention_patents_per_10k", "rd_intensity"])
    # by hand: 107 件 / 63.1 万人 = 1.69572…; 77710 万元 / 409 亿元 = 77710 / 4090000 = 1.9 %
    assert values.loc[("360302", "2021"), "invention_patents_per_10k"] == pytest.approx(107 / 63.1, rel=1e-15)
    assert values.loc[("360302", "2021"), "rd_intensity"] == pytest.approx(1.9, rel=1e-15)
    assert values.loc[("360102", "2021"), "rd_intensity"] == pytest.approx(1.2, rel=1e-15)  # 18000/150/100
    assert b.loc[("360302", "2021"), "population"] == 631000  # the caller's table is left as it was


def test_concat_refuses_units_of_different_quantities_and_columns_without_a_unit():
    a, b = _frames()
    with pytest.raises(zb.IncompatibleUnitsError, match="'gdp'.*人.*亿元|'gdp'.*亿元.*人"):
        zb.concat([a, zb.with_units(b, gdp="人")])
    plain = pd.DataFrame({"gdp": [409.0]}, index=b.index)  # no units at all: which unit is it in?
    with pytest.raises(zb.UnitError, match="'gdp'.*亿元.*table 2"):
        zb.concat([a, plain])
    with pytest.raises(zb.IncompatibleUnitsError, match="two columns named 'gdp'"):
        zb.concat([a[["gdp"]], b[["gdp"]]], axis=1)


def test_merge_gives_each_suffixed_column_its_own_tables_unit():
    a, b = _frames()
    left = a[["gdp"]]
    right = b[["gdp"]].rename(index={"360302": "360102"})
    merged = zb.merge(left, right, left_index=True, right_index=True)
    assert zb.units(merged) == {"gdp_x": "亿元", "gdp_y": "万元"}
    assert merged["gdp_y"].iloc[0] == 4090000
    keyed = zb.merge(a.reset_index(), a.reset_index()[["period", "gdp"]], on="gdp")
    assert zb.units(keyed)["gdp"] == "亿元"  # a key column in one unit in both is fine
    with pytest.raises(zb.IncompatibleUnitsError, match="key column 'gdp'"):
        zb.merge(a.reset_index()[["gdp"]], b.reset_index()[["gdp", "population"]], on="gdp")


def test_from_pandas_merges_given_units_over_the_frames_and_refuses_a_relabelled_header():
    df = zb.read_csv(io.StringIO(IN_WAN)).to_pandas().reset_index()
    fixed = zb.Panel.from_pandas(df, units={"gdp": "万元"})
    assert fixed.units["gdp"] == "万元" and fixed.units["population"] == "万人"  # F11: the others kept
    sliced = zb.Panel.from_pandas(df[["entity", "period", "gdp"]])  # attrs of all columns, frame of one
    assert sliced.units == {"gdp": "亿元"}
    headed = pd.DataFrame({"entity": ["A"], "period": ["2024"], "gdp[万元]": [4090000.0]})
    headed.attrs["units"] = {"gdp[万元]": "亿元"}
    with pytest.raises(zb.UnitError, match="name says 万元 but df.attrs"):
        zb.Panel.from_pandas(headed)
    assert zb.Panel.from_pandas(headed, units={"gdp[万元]": "亿元"}).units["gdp"] == "亿元"  # given wins


def test_from_pandas_lenient_keeps_an_unreadable_cell_as_unparseable():
    sheet = pd.DataFrame({"区划代码": ["360102", "360103"], "年份": [2024, 2024], "有效发明专利[件]": ["约30", 12]})
    with pytest.raises(zb.ParseError, match="约30"):
        zb.Panel.from_pandas(sheet, entity="区划代码", period="年份")
    panel = zb.Panel.from_pandas(sheet, entity="区划代码", period="年份", lenient=True)
    frame = panel.to_pandas(reasons=True)
    assert np.isnan(frame.loc[("360102", "2024"), "valid_invention_patents"])
    assert frame.loc[("360102", "2024"), "valid_invention_patents_reason"] == "unparseable"
    assert frame.loc[("360103", "2024"), "valid_invention_patents"] == 12
    assert panel.report["cells_unparseable"] == 1
    assert panel.report["issues"][-1] == {
        "row": 0,
        "column": "有效发明专利[件]",
        "variable": "valid_invention_patents",
        "text": "约30",
        "problem": "not a number",
        "entity": "360102",
        "period": "2024",
    }


def _written(values, **options):
    buffer = io.StringIO()
    zb.write_csv(values, buffer, **options)
    return buffer.getvalue()


def test_write_csv_writes_reasons_that_read_csv_reads_back():
    panel = zb.read_csv(io.StringIO("region,period,gdp[亿元],rd_expenditure[万元]\nA,2023,100,\nA,2024,0,50\n"))
    growth = zb.Indicator("gdp_growth", "growth(gdp)", unit="%")
    values, reasons = panel.compute(["rd_intensity", growth], reasons=True)
    text = _written(values, reasons=reasons, unit_header=True)
    assert text.splitlines()[0] == "entity,period,rd_intensity[%],rd_intensity_reason,gdp_growth[%],gdp_growth_reason"
    back = zb.read_csv(io.StringIO(text))
    why = back.to_pandas(reasons=True)
    assert back.units == {"rd_intensity": "%", "gdp_growth": "%"}
    assert why.loc[("A", "2023"), "rd_intensity_reason"] == "missing_input"
    assert why.loc[("A", "2024"), "rd_intensity_reason"] == "zero_denominator"
    assert why.loc[("A", "2023"), "gdp_growth_reason"] == "no_such_period"
    with pytest.raises(zb.ArgumentError, match="same index"):
        zb.write_csv(values, io.StringIO(), reasons=reasons.iloc[::-1])


def test_write_csv_prints_a_custom_indicators_decimals_and_every_declared_decimal():
    panel = zb.read_csv(io.StringIO("region,period,gdp[亿元],rd_expenditure[万元]\nA,2023,150,36000\nA,2024,157.5,\n"))
    one = zb.Indicator("g", "growth(gdp)", unit="%", decimals=1)
    lines = _written(panel.compute([one, "rd_intensity"], strict=False)).splitlines()
    # growth 157.5/150 - 1 = 5 % (5.000000000000004 in binary) at 1 decimal; 36000/150/100 = 2.4 % at 2
    assert lines[1] == "A,2023,,2.40"
    assert lines[2] == "A,2024,5.0,"
    assert zb.read_csv(io.StringIO("\n".join(lines))).values("rd_intensity")[0] == 2.4


def test_write_csv_never_writes_negative_zero():
    panel = zb.read_csv(io.StringIO("region,period,gdp[亿元],rd_expenditure[万元]\nA,2024,100,-0\n"))
    values = panel.compute("rd_intensity")
    assert np.signbit(values["rd_intensity"].iloc[0])  # -0 / 100 is -0.0 in the table itself
    assert _written(values, full_precision=True).splitlines()[1] == "A,2024,0.0"
    assert _written(values).splitlines()[1] == "A,2024,0.00"
