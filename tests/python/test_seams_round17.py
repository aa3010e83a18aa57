"""Round 17: seams a new user meets in the Python layer and the composite — reasons through
to_pandas/from_pandas, a padded node code, "did you mean" for units and full-width names, the
encodings read_csv takes, classes users do not construct, and counts in messages."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
import zhibiao.composite as zc
from zhibiao import _core
from zhibiao._suggest import closest_name

CSV = "entity,period,gdp[亿元],rd[万元]\nA,2023,1.5,x\nB,2023,,20\nC,2023,3,30\n"


def _panel_with_reasons() -> zb.Panel:
    return zb.read_csv(io.BytesIO(CSV.encode()), lenient=True)


def _reasons(panel: zb.Panel) -> dict[str, list[int]]:
    return {v: list(np.array(panel._core.reasons(v))) for v in panel.variables}


# ------------------------------------------------------------------ 1. reasons through pandas


def test_to_pandas_keeps_reasons_only_when_asked():
    panel = _panel_with_reasons()
    plain = panel.to_pandas()
    assert list(plain.columns) == ["gdp", "rd"]  # the default is unchanged: numbers only
    df = panel.to_pandas(reasons=True)
    assert list(df.columns) == ["gdp", "gdp_reason", "rd", "rd_reason"]
    assert df["rd_reason"].tolist()[0] == "unparseable"
    assert df["gdp_reason"].tolist()[1] == "missing_input"
    assert df["rd_reason"].isna().tolist() == [False, True, True]  # no reason where the value is there
    assert df.attrs["units"] == {"gdp": "亿元", "rd": "万元"}


def test_a_panel_round_trips_through_pandas_with_its_reasons():
    panel = _panel_with_reasons()
    back = zb.Panel.from_pandas(panel.to_pandas(reasons=True))
    assert back.variables == ["gdp", "rd"]
    assert back.units == panel.units
    assert _reasons(back) == _reasons(panel)
    np.testing.assert_array_equal(back.values("rd"), panel.values("rd"))
    assert "gdp_reason" not in back.report.get("ignored_columns", [])


def test_the_reasons_round_trip_through_a_csv_file_too(tmp_path):
    panel = _panel_with_reasons()
    path = tmp_path / "p.csv"
    panel.to_pandas(reasons=True).to_csv(path)
    assert _reasons(zb.read_csv(path)) == _reasons(panel)


def test_reason_columns_of_a_dataframe_are_checked_and_given_once():
    df = pd.DataFrame({"entity": ["A", "B"], "period": [2023, 2023], "gdp": [np.nan, 2.0]})
    bad = df.assign(gdp_reason=["unparsable", None])
    with pytest.raises(_core.ParseError, match="did you mean 'unparseable'"):
        zb.Panel.from_pandas(bad)
    valued = df.assign(gdp_reason=[None, "missing_input"])  # a value beside a reason
    with pytest.raises(_core.ParseError, match="has a value and the reason 'missing_input'"):
        zb.Panel.from_pandas(valued)
    good = df.assign(gdp_reason=["damaged_source", ""])
    with pytest.raises(_core.ArgumentError, match="given twice"):
        zb.Panel.from_pandas(good, reasons={"gdp": ["damaged_source", ""]})
    assert _reasons(zb.Panel.from_pandas(good))["gdp"][0] == _core.reason_names.index("damaged_source")


def test_a_partial_rollup_sum_keeps_its_reason_through_pandas():
    counties = pd.DataFrame({"entity": ["a1", "a2", "b1"], "period": [2023] * 3, "x": [1.0, np.nan, 2.0]})
    panel = zb.Panel.from_pandas(counties)
    rolled = panel.rollup({"a1": "A", "a2": "A", "b1": "B"}, partial_sums=True, also_sum=["x"])
    df = rolled.to_pandas(reasons=True)
    assert df["x_reason"].tolist()[0] == "incomplete_rollup" and df["x"].tolist() == [1.0, 2.0]
    back = zb.Panel.from_pandas(df)
    assert back.values("x").tolist() == [1.0, 2.0]
    assert back._complete_rollup is not None  # the partial sum is known as one again
    complete = panel.rollup({"a1": "A", "a2": "A", "b1": "B"}, also_sum=["x"])
    assert _reasons(zb.Panel.from_pandas(complete.to_pandas(reasons=True))) == _reasons(complete)


def test_to_pandas_refuses_a_reasons_that_is_no_bool():
    with pytest.raises(TypeError, match="True or False"):
        _panel_with_reasons().to_pandas(reasons="yes")


# ------------------------------------------------------------------ 2. a padded node code


@pytest.mark.parametrize("codes", [[" a", "b"], ["a", "b\t"]])
def test_a_flat_framework_refuses_a_code_with_white_space_at_an_end(codes):
    with pytest.raises(_core.ArgumentError, match="white space at an end.*note: '"):
        zc.Framework.flat(codes)


def test_a_framework_table_refuses_a_padded_code_as_flat_does():
    meta = pd.DataFrame(
        {"code": ["Index", "a "], "parent": [None, "Index"], "weight": [1, 1], "direction": [1, 1], "level": [2, 1]}
    )
    with pytest.raises(_core.ArgumentError, match="'a ' ends with white space"):
        zc.Framework.from_pandas(meta)


def test_build_without_a_framework_says_how_to_strip_a_padded_column():
    df = pd.DataFrame({"gdp ": [1.0, 2.0, 3.0], "rd": [3.0, 1.0, 2.0]}, index=pd.Index(["A", "B", "C"], name="entity"))
    with pytest.raises(_core.ArgumentError, match=r"column 'gdp '.*str\.strip"):
        zc.build(df)
    df.columns = df.columns.str.strip()
    assert "Index" in zc.build(df).scores.columns


# ------------------------------------------------------------------ 3. and 4. did you mean


@pytest.mark.parametrize(
    "text, meant", [("万圆元", "万元"), ("亿无", "亿元"), ("万 元", "万元"), ("件/万 人", "件/万人"), ("ｙａｕｎ", "yuan")]
)
def test_an_unknown_unit_names_the_unit_it_most_likely_is(text, meant):
    with pytest.raises(_core.UnknownUnitError, match=f"did you mean '{meant}'"):
        zb.Unit(text)


@pytest.mark.parametrize("text", ["kwh", "万美元", "斤"])
def test_a_unit_far_from_any_lists_the_units_there_are(text):
    with pytest.raises(_core.UnknownUnitError) as caught:
        zb.Unit(text)
    assert "did you mean" not in str(caught.value) and "units are 元, 人, 件" in str(caught.value)


def test_read_csv_names_the_unit_a_header_most_likely_means():
    with pytest.raises(_core.UnknownUnitError, match="did you mean '亿元'"):
        zb.read_csv(io.BytesIO("entity,period,gdp[亿无]\nA,2023,1\n".encode()))


def test_full_width_letters_get_the_suggestion_of_their_ascii_letters():
    assert closest_name("ｍｅａｎ", ["mean", "median"]) == "mean"
    assert closest_name("ＭＥＤＩＡ", ["mean", "median"]) == "median"
    with pytest.raises(_core.ArgumentError, match="did you mean 'wide'"):  # a C++ vocabulary
        zb.read_csv(io.BytesIO(CSV.encode()), layout="ｗｉｄｅ")


# ------------------------------------------------------------------ 5. encodings


@pytest.mark.parametrize("name", ["GBK", "gbk", "cp936", "GB2312", "gb18030", "auto"])
def test_the_names_of_gbk_read_a_gbk_file(name):
    data = "地区代码,年份,gdp\n320102,2023,1.5\n".encode("gbk")
    assert zb.read_csv(io.BytesIO(data), encoding=name).values("gdp").tolist() == [1.5]


@pytest.mark.parametrize("name", ["utf8", "UTF-8", "utf_8", "utf-8-sig", "U8"])
def test_the_names_of_utf8_read_a_utf8_file(name):
    data = "\ufeff地区代码,年份,gdp\n320102,2023,1.5\n".encode("utf-8")
    assert zb.read_csv(io.BytesIO(data), encoding=name).values("gdp").tolist() == [1.5]


@pytest.mark.parametrize("name", ["utf-16", "utf-16le", "UTF-16-LE"])
def test_the_names_of_utf16_read_a_utf16_file(name):
    data = "\ufeff地区代码,年份,gdp\n320102,2023,1.5\n".encode("utf-16-le")
    panel = zb.read_csv(io.BytesIO(data), encoding=name)
    assert panel.values("gdp").tolist() == [1.5] and panel.report["encoding"].startswith("utf-16")


def test_an_encoding_read_csv_does_not_read_lists_those_it_does():
    with pytest.raises(_core.ArgumentError, match=r"did you mean 'utf-8'\?.*reads auto, utf-8"):
        zb.read_csv(io.BytesIO(CSV.encode()), encoding="utf-9")
    with pytest.raises(_core.ArgumentError, match=r"'latin1' \(iso8859-1, which it does not read") as caught:
        zb.read_csv(io.BytesIO(CSV.encode()), encoding="latin1")
    assert "gb18030" in str(caught.value) and "did you mean" not in str(caught.value)


# ------------------------------------------------------------------ 6. classes users do not construct


@pytest.mark.parametrize(
    "make, how",
    [
        (lambda: zb.Panel(), "zb.read_csv"),
        (lambda: zb.Panel(pd.DataFrame({"a": [1]})), r"given DataFrame.*Panel\.from_pandas"),
        (lambda: zb.Catalogue(), "Catalogue.builtin"),
        (lambda: zc.Framework(["a", "b"]), r"given list.*Framework\.flat"),
        (lambda: zc.CompositeResult(), r"composite\.build"),
        (lambda: zb.uncertainty.UncertaintyResult(), r"uncertainty\.uncertainty"),
    ],
)
def test_a_class_users_do_not_construct_says_how_to_get_one(make, how):
    with pytest.raises(TypeError, match=how):
        make()


# ------------------------------------------------------------------ 7. counts in messages


def test_counts_in_messages_agree_with_their_noun():
    df = pd.DataFrame({"entity": ["A"], "period": [2023], "gdp": [np.nan]})
    with pytest.raises(_core.ParseError, match=r"2 given for 1 row\b"):
        zb.Panel.from_pandas(df, reasons={"gdp": ["missing_input", ""]})
    from zhibiao._repr import summary_html

    class One:
        pack, firms, mean_total, counts, failing = "p", 1, 50.0, {}, {}

    assert "1 firm," in summary_html(One())


def test_an_uncertainty_option_out_of_range_is_named_without_a_data_variable_and_shown_shortest():
    # "(variable fraction)" read as a column of the data, and 1.5 was printed 1.500000
    import pandas as pd

    data = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [3.0, 1.0, 2.0]}, index=["A", "B", "C"])
    steps = [zb.composite.Normalise("minmax"), zb.composite.Aggregate("arithmetic")]
    with pytest.raises(zb.ArgumentError) as caught:
        zb.composite.uncertainty(data, None, steps, n=10, weights_noise={1: 1.5})
    message = str(caught.value)
    assert "not 1.5" in message and "1.500000" not in message and "(variable" not in message, message
