"""A model's node units (``unit = "%"`` beside ``standard = 2.5``) govern the numbers the model writes:
data in another unit of the same dimension are converted before the steps, data of another dimension
are refused, and a build without a framework warns when it scores amounts (万元, 人, 项) as indicators.
Found by an analyst's trial: the node unit was read and ignored, so 0.025 (unit "1") scored 1 against
a standard of 2.5 % instead of 100."""

import io
import warnings

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite

# MOST monitoring method (spec indicators.md §3.3 (a)): x / standard × 100, capped at 100.
MODEL = """
[[node]]
code = "idx"
level = 2
[[node]]
code = "rd_intensity"
parent = "idx"
unit = "%"
standard = 2.5
[[step]]
kind = "normalise"
method = "standard"
[[step]]
kind = "aggregate"
method = "arithmetic"
"""


def test_a_fraction_is_converted_to_the_percent_the_standard_is_written_in():
    df = zb.with_units(pd.DataFrame({"rd_intensity": [0.025, 0.0125]}, index=["A", "B"]), rd_intensity="1")
    r = C.build(df, C.Model(MODEL))
    # 0.025 = 2.5 % → 2.5 / 2.5 × 100 = 100; 1.25 % → 50 (by hand)
    assert r.scores["idx"].tolist() == [100.0, 50.0]
    assert r.layer("raw")["rd_intensity"].tolist() == [2.5, 1.25]
    assert r.layer("raw").attrs["units"]["rd_intensity"] == "%"


def test_a_panel_column_in_another_unit_is_converted_too():
    p = zb.read_csv(io.StringIO("region,period,rd_intensity[1]\nA,2024,0.025\nB,2024,0.0125\n"))
    assert C.build(p, C.Model(MODEL), period="2024").scores["idx"].tolist() == [100.0, 50.0]


def test_data_in_the_models_unit_or_without_a_unit_are_taken_as_they_are():
    plain = pd.DataFrame({"rd_intensity": [2.5, 1.25]}, index=["A", "B"])
    assert C.build(plain, C.Model(MODEL)).scores["idx"].tolist() == [100.0, 50.0]
    percent = zb.with_units(plain, rd_intensity="%")
    assert C.build(percent, C.Model(MODEL)).scores["idx"].tolist() == [100.0, 50.0]


def test_data_of_another_dimension_are_refused_naming_the_indicator():
    df = zb.with_units(pd.DataFrame({"rd_intensity": [2.5, 1.25]}, index=["A", "B"]), rd_intensity="万元")
    with pytest.raises(zb.UnitError, match="rd_intensity.*万元.*%"):
        C.build(df, C.Model(MODEL))


def test_uncertainty_converts_as_build_does():
    df = zb.with_units(
        pd.DataFrame({"rd_intensity": [0.025, 0.0125, 0.02], "b": [1.0, 2.0, 3.0]}, index=["A", "B", "C"]),
        rd_intensity="1",
    )
    model = C.Model(
        MODEL.replace(
            'level = 2\n[[node]]\ncode = "rd_intensity"',
            'level = 2\n[[node]]\ncode = "b"\nparent = "idx"\n' 'standard = 3\n[[node]]\ncode = "rd_intensity"',
        )
    )
    nominal = C.build(df, model).scores["idx"]
    u = C.uncertainty(df, model, n=4, weights_noise={1: 0.0}, seed=1)
    assert np.allclose(u.replication(0).scores["idx"], nominal)


def test_the_node_unit_survives_the_toml_round_trip():
    model = C.Model(MODEL)
    assert model._core.units == {"rd_intensity": "%"}
    assert C.Model(zb._core.composite_model_toml(model._core))._core.units == {"rd_intensity": "%"}


def test_an_unknown_node_unit_is_a_parse_error():
    with pytest.raises(zb.ParseError, match="unit"):
        C.Model(MODEL.replace('unit = "%"', 'unit = "furlongs"'))


def test_a_build_without_a_framework_warns_when_it_scores_amounts():
    p = zb.read_csv(io.StringIO("region,period,gdp[亿元],patents_per_10k[件/万人]\nA,2024,10,1\nB,2024,20,3\nC,2024,5,2\n"))
    with pytest.warns(C.AmountsAsIndicatorsWarning, match=r"gdp\[亿元\]"):
        C.build(p, preset="eis", period="2024")
    ratios = zb.with_units(pd.DataFrame({"share": [1.0, 2.0, 3.0]}, index=list("ABC")), share="%")
    with warnings.catch_warnings():
        warnings.simplefilter("error", C.AmountsAsIndicatorsWarning)
        C.build(ratios, preset="eis")
