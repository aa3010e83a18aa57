import numpy as np
import pandas as pd
import pytest

import zhibiao as zb


def frame():
    return pd.DataFrame(
        {
            "region": ["320602", "320602", "320612", "320612"],
            "period": [2022, 2023, 2022, 2023],
            "gdp": [1000.0, 1100.0, 800.0, 850.0],
            "rd_expenditure": [20.0, 23.0, 12.0, 14.0],
            "valid_invention_patents": [40, 45, 20, 22],
            "population": [50.0, 50.5, 60.0, 60.2],
            "note": ["a", "b", "c", "d"],
        }
    )


def test_from_pandas_copies_float_columns():
    df = frame()
    panel = zb.Panel.from_pandas(
        df, entity="region", period="period", units={"gdp": "亿元", "rd_expenditure": "亿元", "population": "万人"}
    )
    # round 35: a copy, so a later change to the frame cannot put an unchecked value (inf, a negative) into the
    # panel behind its load checks (it was a view)
    assert not np.shares_memory(panel.values("gdp"), df["gdp"].to_numpy())
    assert not panel.values("gdp").flags.writeable
    # Integer columns are converted (a copy), text columns are reported, not dropped silently.
    assert panel.values("valid_invention_patents").dtype == np.float64
    assert panel.report["ignored_columns"] == ["note"]


def test_views_outlive_the_dataframe():
    df = frame()
    panel = zb.Panel.from_pandas(df, entity="region", units={"gdp": "亿元"})
    view = panel.values("gdp")
    del df, panel
    assert view.tolist() == [1000.0, 1100.0, 800.0, 850.0]


def test_round_trip_keeps_units_and_index():
    panel = zb.Panel.from_pandas(frame(), entity="region", units={"gdp": "亿元", "population": "万人"})
    df = panel.to_pandas()
    assert list(df.index.names) == ["entity", "period"]
    assert df.attrs["units"] == {"gdp": "亿元", "population": "万人"}
    again = zb.Panel.from_pandas(df)  # entity and period from the index, units from attrs
    assert again.units["gdp"] == "亿元"
    pd.testing.assert_frame_equal(again.to_pandas(), df)


def test_compute_returns_frames_indexed_like_the_panel():
    panel = zb.Panel.from_pandas(
        frame(), entity="region", units={"gdp": "亿元", "rd_expenditure": "亿元", "population": "万人"}
    )
    values, reasons = panel.compute(["rd_intensity", "invention_patents_per_10k"], reasons=True)
    assert values.loc[("320602", "2022"), "rd_intensity"] == pytest.approx(2.0)
    assert values.loc[("320612", "2023"), "invention_patents_per_10k"] == pytest.approx(22 / 60.2)
    assert values.attrs["units"] == {"rd_intensity": "%", "invention_patents_per_10k": "件/万人"}
    assert reasons.isna().all().all()


def test_bad_frames():
    with pytest.raises(zb.ParseError):
        zb.Panel.from_pandas(frame(), entity="nope")
    df = frame()
    df.loc[3, "period"] = 2022
    with pytest.raises(zb.DuplicateRowError):
        zb.Panel.from_pandas(df, entity="region")
    with pytest.raises(zb.UnknownUnitError):
        zb.Panel.from_pandas(frame(), entity="region", units={"gdp": "美元"})
    with pytest.raises(zb.MissingVariableError):
        zb.Panel.from_pandas(frame(), entity="region", units={"gpd": "亿元"})


def test_integral_float_codes_and_years_read_as_integers():
    df = pd.DataFrame({"entity": [320602.0, 320612.0], "period": [2023.0, 2023.0], "x": [1.0, 2.0]})
    panel = zb.Panel.from_pandas(df)
    assert panel.entities["code"].tolist() == ["320602", "320612"] and panel.periods == ["2023"]
    df.loc[1, "period"] = np.nan
    with pytest.raises(zb.ParseError, match="missing entity code or period"):
        zb.Panel.from_pandas(df)


def test_mixed_label_types_meaning_the_same_code_are_one_entity():
    df = pd.DataFrame({"entity": [1, "1", None], "period": [2020, 2021, 2020], "x": [1.0, 2.0, 3.0]}, dtype=object)
    df["x"] = df["x"].astype(float)
    with pytest.raises(zb.ParseError):
        zb.Panel.from_pandas(df)  # the None code
    panel = zb.Panel.from_pandas(df.iloc[:2])
    assert panel.entities["code"].tolist() == ["1"] and len(panel) == 2
