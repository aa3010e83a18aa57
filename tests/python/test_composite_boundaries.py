"""zb.composite at its boundary (issues #11.4 and #17): every option checked against the one C++
vocabulary where it is given, every shape checked with a named error, no infinity out, spreads of
huge and tiny data, and the clear errors of build()."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite

X = np.array([[1.0, 2, 3], [4, 1, 2], [3, 4, 1], [2, 3, 5]])
W = np.array([0.5, 0.3, 0.2])


def small_data():
    return pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [4.0, 1, 3, 2], "c": [2.0, 2, 5, 1]}, index=list("pqrs"))


# --------------------------------------------------------------------------- options (#11.4)


@pytest.mark.parametrize("inner, suggestion", [("identity", None), ("Vector", "vector"), ("vectr", "vector")])
def test_topsis_inner_is_checked(inner, suggestion):
    with pytest.raises(zb.ArgumentError, match="topsis: inner = '" + inner) as e:
        C.topsis(X, W, inner=inner)
    assert (f"did you mean '{suggestion}'" in str(e.value)) == (suggestion is not None)
    assert e.value.variable is None  # a parameter is no variable of the data (round 18): named in the message


def test_weights_zeros_and_ahp_ri_are_checked():
    with pytest.raises(zb.ArgumentError, match="weights: zeros = 'PyMCDM'.*did you mean 'pymcdm'"):
        C.weights(X, "entropy", zeros="PyMCDM")
    with pytest.raises(zb.ArgumentError, match="weights: method = 'entorpy'.*did you mean 'entropy'"):
        C.weights(X, "entorpy")
    with pytest.raises(zb.ArgumentError, match="ahp: ri = 'Saaty'.*did you mean 'saaty'"):
        C.ahp(np.ones((3, 3)), ri="Saaty")
    # The right names still work and give different numbers (Saaty's RI for n = 3 is 0.58).
    m = np.array([[1, 2, 4], [0.5, 1, 3], [0.25, 1 / 3, 1]])
    assert C.ahp(m, ri="saaty")["cr"] != C.ahp(m)["cr"]


def test_step_constructors_check_their_options_where_they_are_made():
    with pytest.raises(zb.ArgumentError, match=r"Normalise: parameter 'method' = 'min-max'.*did you mean 'minmax'"):
        C.Normalise("min-max")
    with pytest.raises(zb.ArgumentError, match=r"Weigh: parameter 'method' = 'entorpy'.*did you mean 'entropy'"):
        C.Weigh("entorpy")
    with pytest.raises(zb.ArgumentError, match=r"Aggregate: parameter 'inner' = 'Vector'"):
        C.Aggregate("topsis", inner="Vector")
    with pytest.raises(zb.ArgumentError, match=r"Normalise: parameter 'range'") as e:
        C.Normalise(range=(5, 1))
    assert "<steps>" not in str(e.value)


def test_defaults_come_from_the_cpp_vocabulary():
    assert C.OPTIONS[("normalise", "method")][1] == C.Normalise().method == "minmax"
    assert C.OPTIONS[("aggregate", "inner")] == (("minmax", "vector", "none"), "minmax")
    assert C.Weigh().zeros == C.OPTIONS[("weigh", "zeros")][1]


def test_levels_beyond_the_framework_are_refused():
    with pytest.raises(zb.ArgumentError, match="levels holds 7, but the framework's aggregation levels are 2 to 2"):
        C.build(small_data(), steps=[C.Normalise(), C.Weigh("entropy", levels=[7]), C.Aggregate()])
    with pytest.raises(zb.ArgumentError, match="aggregation levels start at 2"):
        C.Weigh("entropy", levels=[1])


def test_rank_ties_is_checked():
    r = C.build(small_data())
    with pytest.raises(zb.ArgumentError, match="did you mean 'dense'"):
        r.rank(ties="Dense")


# --------------------------------------------------------------------------- shapes (#17)


@pytest.mark.parametrize(
    "call",
    [
        lambda: C.topsis(np.zeros((0, 3)), W),
        lambda: C.vikor(np.zeros((0, 3)), W),
        lambda: C.mazziotta_pareto(np.zeros((0, 3))),
        lambda: C.weights(np.zeros((3, 0)), "pca"),
        lambda: C.weights(np.zeros((3, 0)), "equal"),
        lambda: C.vikor(X, np.array([1.0])),
        lambda: C.outranking(X[:, :3], np.ones(7)),
        lambda: C.copeland(X, np.ones(2)),
        lambda: C.topsis(X, W, types=[1]),
        lambda: C.topsis(X, W, types=[1, 2, 1]),
        lambda: C.benefit_of_the_doubt(np.zeros((0, 2))),
    ],
    ids=[
        "topsis-0-rows",
        "vikor-0-rows",
        "mpi-0-rows",
        "pca-0-cols",
        "equal-0-cols",
        "vikor-1-weight",
        "outranking-7-weights",
        "copeland-2-weights",
        "topsis-1-type",
        "topsis-type-2",
        "bod-0-rows",
    ],
)
def test_shapes_are_checked_with_a_named_error(call):
    with pytest.raises(zb.ArgumentError):
        call()


def test_rank_within_labels_of_the_wrong_length():
    r = C.build(small_data())
    with pytest.raises(zb.ArgumentError, match="2 group labels for 4 scores"):
        r.rank(within=["x", "y"])


# --------------------------------------------------------------------------- infinities (#17)


def test_parameters_that_make_infinities():
    with pytest.raises(zb.ArgumentError, match="range"):
        C.Normalise(range=(0, np.inf))
    with pytest.raises(zb.ArgumentError, match="power"):
        C.Aggregate("generalised", power=np.inf)
    df = small_data()
    # p = 1000 on scores of up to 100 overflowed x^p: now the mean is close to the maximum.
    # Each unit's largest normalised score m is unique, so M = m·(⅓)^(1/1000) to rounding.
    r = C.build(df, steps=[C.Normalise(range=(1, 100)), C.Aggregate("generalised", power=1000)])
    top = r.layer("normalised").max(axis=1)
    np.testing.assert_allclose(r.scores["Index"], top * (1 / 3) ** (1 / 1000), rtol=1e-12)
    with pytest.raises(zb.MethodError, match="overflows to infinity"):
        C.build(
            df.assign(pop=1.0),
            C.Framework.flat(["a", "b", "c"]),
            [C.Denominate({"a": "pop"}, scale=1e308), C.Normalise(), C.Aggregate()],
        )
    prev = pd.DataFrame({"a": [np.inf] * 4}, index=df.index)
    with pytest.raises(zb.Error, match="infinite"):
        C.build(
            df.assign(a=[1.0, np.nan, 3, 4]), steps=[C.Impute("latest"), C.Normalise(), C.Aggregate()], previous=prev
        )


def test_topsis_huge_weights_and_vikor_infinities():
    np.testing.assert_allclose(C.topsis(X, W * 1e300), C.topsis(X, W), rtol=1e-14)
    with pytest.raises(zb.ArgumentError, match="infinite"):
        C.vikor(np.where(X == 5, -np.inf, X), W)
    with pytest.raises(zb.ArgumentError, match="weight 1"):
        C.vikor(X, np.array([1, -np.inf, 1]))


# --------------------------------------------------------------------------- spreads (#17)


def test_zscores_of_huge_and_denormal_data():
    plain = pd.DataFrame({"a": [1.0, 2, 4, 8], "b": [3.0, 1, 2, 5]}, index=list("pqrs"))
    steps = [C.Normalise("zscore"), C.Aggregate()]
    want = C.build(plain, steps=steps).scores
    for factor in (1e160, 1e-310):
        got = C.build(plain * factor, steps=steps).scores
        np.testing.assert_allclose(got.to_numpy(), want.to_numpy(), rtol=1e-6, atol=1e-9)
    assert C.build(plain * 1e160, steps=steps).ranks["Index"].nunique() > 1


# --------------------------------------------------------------------------- build errors (#17)


def test_nullable_int_columns_with_na_are_missing_values():
    df = small_data().astype("Int64")
    df.loc["q", "a"] = pd.NA
    r = C.build(df, steps=[C.Impute("mean"), C.Normalise(), C.Aggregate()])
    assert r.layer("raw").loc["q", "a"] != r.layer("raw").loc["q", "a"]  # NaN
    assert r.marks("imputed").loc["q", "a"] == "imputed_mean"


def test_numbers_stored_as_text_are_named():
    df = small_data().astype(object)
    with pytest.raises(zb.Error, match=r"a, b, c hold numbers stored as text \(object dtype\)"):
        C.build(df)
    with pytest.raises(zb.Error, match=r"a holds numbers stored as text"):
        C.build(df, C.Framework.flat(["a"]))


def test_a_nan_framework_weight_is_not_called_negative():
    meta = pd.DataFrame(
        {
            "code": ["Index", "a"],
            "parent": [None, "Index"],
            "weight": [1.0, np.nan],
            "direction": [1, 1],
            "level": [2, 1],
        }
    )
    with pytest.raises(zb.Error, match=r"missing \(NaN\) weight"):
        C.Framework.from_pandas(meta)


# --------------------------------------------------------------------------- one vocabulary (#12.3)


def test_every_step_default_is_the_cpp_default():
    # Walked from the C++ vocabulary: a default changed in C++ (the step's struct) changes here.
    for (kind, name), option_type in C.OPTION_TYPES.items():
        cls = next(c for c in C._STEP_CLASSES if c._kind == kind)
        field = {f.name: f for f in dataclasses.fields(cls)}[name]
        if field.default is dataclasses.MISSING:  # a required parameter (Denominate's by)
            assert C.OPTIONS[(kind, name)][1] is None
            continue
        assert field.default == C.OPTIONS[(kind, name)][1], (kind, name)
    treat = {f.name: f.default for f in dataclasses.fields(C.Treat)}
    assert treat["winmax"] == 5 and treat["kurt_limit"] == 3.5 and C.OPTION_TYPES[("treat", "winmax")] == "whole"
    assert C.Normalise().range == (0.0, 100.0) and C.Screen().max_zero_share == 1.0


def test_steps_reach_cpp_without_a_toml_writer():
    assert not hasattr(C, "_toml_value") and not hasattr(C, "_toml_table")
    model = C.Model.from_steps([C.Treat("coinr", winmax=3), C.Normalise("minmax", range=(1, 10)), C.Aggregate()])
    text = model.toml  # written by the C++ core
    assert "method = 'coinr'" in text and "winmax = 3" in text
    again = C.Model(text)
    assert again._core.step_count == 3
    with pytest.raises(zb.ArgumentError, match=r"Treat: parameter 'winmax' must be a whole number"):
        C.Treat(winmax=2.5)
    with pytest.raises(zb.ArgumentError, match=r"Treat: parameter 'winmax' must not be negative"):
        C.Treat(winmax=-1)
    with pytest.raises(zb.ArgumentError, match=r"Impute: parameter 'group' is needed by a group imputation"):
        C.Impute("group_mean")


# --------------------------------------------------------------------------- the panel in C++ (#12.2)


def test_build_from_a_panel_carries_reasons_to_the_imputation_marks(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("entity,period,x,y\na,2024,1,5\nb,2024,abc,6\nc,2024,3,\nd,2024,4,8\n", encoding="utf-8")
    panel = zb.read_csv(path, lenient=True)
    r = C.build(panel, C.Framework.flat(["x", "y"]), [C.Impute("mean"), C.Normalise(), C.Aggregate()])
    assert list(r.scores.index) == ["a", "b", "c", "d"]
    reasons = r.reasons()
    assert (
        reasons.loc["b", "x"] == "unparseable"
        and reasons.loc["c", "y"] == "missing_input"
        and reasons.loc["a", "x"] == ""
    )
    cells = r.changed_cells("imputed")
    assert list(cells.columns) == ["region", "indicator", "mark", "reason"]
    assert set(zip(cells["region"], cells["reason"])) == {("b", "unparseable"), ("c", "missing_input")}
    assert r.layer("imputed").loc["b", "x"] == pytest.approx((1 + 3 + 4) / 3)
    assert r._core.units == r._core.regions  # the old name still answers
    with pytest.raises(zb.Error, match="previous= is for a DataFrame"):
        C.build(panel, C.Framework.flat(["x", "y"]), previous=pd.DataFrame())
