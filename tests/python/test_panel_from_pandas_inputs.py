"""Panel.from_pandas with the inputs of issues #11.6 and #17: dates as periods, units and
Chinese names in column names, numbers as text, bad codes and bad column sets."""
import io

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb


def test_year_end_dates_are_years():
    df = pd.DataFrame({"entity": ["A", "A"], "period": pd.to_datetime(["2021-12-31", "2022-12-31"]), "x": [1.0, 2.0]})
    assert zb.Panel.from_pandas(df).periods == ["2021", "2022"]
    starts = df.assign(period=pd.to_datetime(["2021", "2022"]))  # 1 January, as pd.to_datetime("2021") gives
    assert zb.Panel.from_pandas(starts).periods == ["2021", "2022"]
    indexed = df.set_index("period")
    assert zb.Panel.from_pandas(indexed.rename_axis(None)).periods == ["2021", "2022"]  # an unnamed DatetimeIndex


def test_other_dates_need_freq():
    df = pd.DataFrame({"entity": ["A", "A"], "period": pd.to_datetime(["2023-06-30", "2023-12-31"]), "x": [1.0, 2.0]})
    with pytest.raises(zb.ParseError, match="2023-06-30 does not name one period.*freq="):
        zb.Panel.from_pandas(df)
    assert zb.Panel.from_pandas(df, freq="half").periods == ["2023H1", "2023H2"]
    assert zb.Panel.from_pandas(df, freq="quarter").periods == ["2023Q2", "2023Q4"]
    assert zb.Panel.from_pandas(df, freq="month").periods == ["2023-06", "2023-12"]
    with pytest.raises(zb.Error, match="freq must be"):
        zb.Panel.from_pandas(df, freq="fortnight")


def test_pandas_periods_and_dashed_halves():
    df = pd.DataFrame({"entity": ["A", "A"], "period": pd.period_range("2023Q1", periods=2, freq="Q"), "x": [1.0, 2.0]})
    assert zb.Panel.from_pandas(df).periods == ["2023Q1", "2023Q2"]
    text = pd.DataFrame({"entity": ["A", "A"], "period": ["2023-H1", "2023-H2"], "x": [1.0, 2.0]})
    assert zb.Panel.from_pandas(text).periods == ["2023H1", "2023H2"]


@pytest.mark.parametrize("header", ["gdp[亿元]", "gdp（亿元）", "gdp(亿元)", "地区生产总值[亿元]", "地区生产总值（亿元）"])
def test_units_and_chinese_names_in_column_names(header):
    df = pd.DataFrame({"entity": ["A"], "period": [2023], header: [12.5]})
    panel = zb.Panel.from_pandas(df)
    assert panel.variables == ["gdp"] and panel.units == {"gdp": "亿元"}
    if header.startswith("地区"):
        assert panel.report["renamed_columns"] == {header: "gdp"}
    csv = zb.read_csv(io.BytesIO(f"entity,period,{header}\nA,2023,12.5\n".encode()))  # the same header parser
    assert csv.variables == ["gdp"] and csv.units == {"gdp": "亿元"}


def test_round_brackets_that_are_not_units_stay_in_the_name():
    df = pd.DataFrame({"entity": ["A"], "period": [2023], "R&D(内部)": [1.0]})
    assert zb.Panel.from_pandas(df).variables == ["R&D(内部)"]


def test_numbers_written_as_text_are_read_or_refused_by_name():
    df = pd.DataFrame({"entity": ["A", "B"], "period": [2023, 2023], "share": ["13.5%", "—"], "note": ["x", "y"]})
    panel = zb.Panel.from_pandas(df)
    assert panel.values("share")[0] == 13.5 and panel.units["share"] == "%"  # percentages only: in % (round 12)
    assert panel.report["percent_columns"] == ["share"]
    assert np.isnan(panel.values("share")[1])
    assert panel.report["ignored_columns"] == ["note"]
    df.loc[1, "share"] = "13.%"
    # Guessed columns are loaded only when every cell is a number or a gap (review item 4: a notes
    # column with one "2023" in it raised); a column the caller names, or gives a unit, raises.
    guessed = zb.Panel.from_pandas(df)
    assert "share" not in guessed and guessed.report["ignored_columns"] == ["share", "note"]
    assert guessed.report["ignored_reasons"]["share"] == "holds texts that are not numbers (row 2)"
    with pytest.raises(
        zb.ParseError,
        match=r"column 'share', row 2 \(entity B, period 2023\): a number ending in its decimal point.*: '13.%'",
    ) as info:
        zb.Panel.from_pandas(df, variables=["share"])
    assert info.value.entity == "B" and info.value.variable == "share"
    with pytest.raises(zb.ParseError, match=r"column 'share\[%\]', row 2"):
        zb.Panel.from_pandas(df.rename(columns={"share": "share[%]"}))


def test_units_for_columns_not_loaded_say_why():
    df = pd.DataFrame({"entity": ["A"], "period": [2023], "flag": [True], "x": [1.0]})
    with pytest.raises(zb.MissingVariableError, match=r"'flag' \(holds bool values, not numbers\)"):
        zb.Panel.from_pandas(df, units={"flag": "万元"})
    with pytest.raises(zb.MissingVariableError, match=r"'period' \(the period column\)"):
        zb.Panel.from_pandas(df, units={"period": "万元"})
    with pytest.raises(zb.MissingVariableError, match=r"'y' \(no such column\)"):
        zb.Panel.from_pandas(df, units={"y": "万元"})


def test_float_codes_beyond_exact_integers_are_refused():
    df = pd.DataFrame({"entity": [1e20, 2.0], "period": [2023, 2023], "x": [1.0, 2.0]})
    with pytest.raises(zb.ParseError, match=r"1e\+20 is a float beyond 2\*\*53.*dtype=str"):
        zb.Panel.from_pandas(df)
    df = pd.DataFrame({"entity": [1e20, 1e20 + 2**20], "period": [2023, 2023], "x": [1.0, 2.0]})
    with pytest.raises(zb.ParseError, match="beyond 2"):  # not a bogus DuplicateRowError
        zb.Panel.from_pandas(df)


def test_duplicate_and_multiindex_columns_are_named():
    df = pd.DataFrame([["A", 2023, 1.0, 2.0]], columns=["entity", "period", "x", "x"])
    with pytest.raises(zb.ParseError, match="duplicate column names in the DataFrame: 'x'"):
        zb.Panel.from_pandas(df)
    df = pd.DataFrame([["A", 2023, 1.0]], columns=["entity", "period", "gdp"]).assign(地区生产总值=2.0)
    with pytest.raises(zb.ParseError, match="'gdp' and '地区生产总值' are both variable 'gdp'"):
        zb.Panel.from_pandas(df)
    wide = pd.DataFrame({("entity", ""): ["A"], ("period", ""): [2023], ("gdp", "2023"): [1.0]})
    with pytest.raises(zb.ParseError, match="MultiIndex columns"):
        zb.Panel.from_pandas(wide)


def test_an_integer_float_in_an_object_column_is_its_integer_code():
    # Round 14 (trial F7): 320602.0 (a float cell) beside "320602" in one object column is one
    # county, as a float64 column reads 320602.0 as "320602": two rows of it in 2023 are a
    # duplicate row, not two entities "320602.0" and "320602".
    df = pd.DataFrame(
        {"region": pd.Series([320602.0, "320602"], dtype=object), "period": ["2023", "2023"], "gdp": [50.0, 50.0]}
    )
    with pytest.raises(zb.DuplicateRowError, match="320602"):
        zb.Panel.from_pandas(df, "region", "period", units={"gdp": "亿元"})
    single = df.assign(period=["2023", "2024"])
    assert zb.Panel.from_pandas(single, "region", "period", units={"gdp": "亿元"}).entities["code"].tolist() == ["320602"]


def test_a_float_code_with_a_fraction_is_refused_naming_its_row():
    for column in (
        pd.Series([320601, 320602.5], dtype=object, index=["a", "b"]),
        pd.Series([320601.0, 320602.5], index=["a", "b"]),
    ):
        df = pd.DataFrame({"region": column, "period": ["2023", "2023"], "gdp": [1.0, 2.0]}, index=["a", "b"])
        with pytest.raises(zb.ParseError, match=r"320602\.5.*'b'"):
            zb.Panel.from_pandas(df, "region", "period", units={"gdp": "亿元"})


def test_a_misspelt_key_column_gets_did_you_mean():
    # Round 14 (trial F5): read_csv(entity="regoinx") says "did you mean 'regionx'?"; so does from_pandas.
    df = pd.DataFrame({"region_code": ["A"], "period": ["2024"], "gdp": [1.0]})
    with pytest.raises(zb.ParseError, match=r"'region_cde'.*did you mean 'region_code'\?"):
        zb.Panel.from_pandas(df, "region_cde", "period", units={"gdp": "亿元"})
    with pytest.raises(zb.ParseError, match=r"'perod'.*did you mean 'period'\?"):
        zb.Panel.from_pandas(df, "region_code", "perod", units={"gdp": "亿元"})
    with pytest.raises(zb.ParseError) as nothing_close:
        zb.Panel.from_pandas(df, "zzzzzz", "period", units={"gdp": "亿元"})
    assert "did you mean" not in str(nothing_close.value)
