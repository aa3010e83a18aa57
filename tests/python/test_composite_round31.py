"""Round 31: an analyst's trial of the MCDM functions and the build at their seams. Each test
was written failing against main 135418c; the comment says what main did."""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


@pytest.fixture
def table():
    rng = np.random.default_rng(31)
    return pd.DataFrame(rng.uniform(1, 10, (8, 3)), columns=["a", "b", "c"], index=[f"r{i}" for i in range(8)])


W = {"a": 0.2, "b": 0.3, "c": 0.5}
FUNCTIONS = {
    "topsis": lambda x, w, t: C.topsis(x, w, t),
    "vikor": lambda x, w, t: C.vikor(x, w, t)["Q"],
    "vikor_compromise": lambda x, w, t: C.vikor_compromise(x, w, t)["Q"],
    "waspas": lambda x, w, t: C.waspas(x, w, t)["score"],
    "copeland": lambda x, w, t: C.copeland(x, w),
    "outranking": lambda x, w, t: C.outranking(x, w),
}


@pytest.mark.parametrize("name", FUNCTIONS)
def test_weights_keyed_by_name_follow_the_columns_not_their_own_order(table, name):
    # main read a Series keyed c, b, a by position: c's weight went to column a
    f = FUNCTIONS[name]
    expected = f(table, [0.2, 0.3, 0.5], [1, 1, 1])
    reordered = pd.Series({"c": 0.5, "a": 0.2, "b": 0.3})
    np.testing.assert_array_equal(f(table, reordered, [1, 1, 1]), expected)
    np.testing.assert_array_equal(f(table, dict(W), [1, 1, 1]), expected)  # main refused a dict


@pytest.mark.parametrize("name", ["topsis", "vikor", "vikor_compromise", "waspas"])
def test_types_keyed_by_name_follow_the_columns(table, name):
    f = FUNCTIONS[name]
    expected = f(table, [0.2, 0.3, 0.5], [1, -1, 1])
    np.testing.assert_array_equal(f(table, [0.2, 0.3, 0.5], pd.Series({"b": -1, "c": 1, "a": 1})), expected)
    np.testing.assert_array_equal(f(table, [0.2, 0.3, 0.5], {"c": 1, "b": -1, "a": 1}), expected)


def test_types_keyed_by_name_in_weights_and_normalise(table):
    keyed = {"c": 1, "b": -1, "a": 1}
    np.testing.assert_array_equal(C.weights(table, "merec", types=keyed), C.weights(table, "merec", types=[1, -1, 1]))
    np.testing.assert_array_equal(
        C.normalise(table, "minmax", types=pd.Series(keyed)), C.normalise(table, "minmax", types=[1, -1, 1])
    )


def test_a_weight_for_an_unknown_or_absent_column_is_refused_with_a_suggestion(table):
    with pytest.raises(zb.ArgumentError, match=r"'bb'.*did you mean 'b'"):
        C.topsis(table, {"a": 0.2, "bb": 0.3, "c": 0.5})
    with pytest.raises(zb.ArgumentError, match=r"no w for.*'c'"):
        C.topsis(table, pd.Series({"a": 0.2, "b": 0.3}))


def test_weights_keyed_by_name_need_named_columns(table):
    with pytest.raises(zb.ArgumentError, match="no column names"):
        C.topsis(table.to_numpy(), dict(W))
    twice = table.set_axis(["a", "a", "c"], axis=1)
    with pytest.raises(zb.ArgumentError, match="'a' is a column twice"):
        C.topsis(twice, {"a": 0.5, "c": 0.5})


def test_a_series_without_names_keeps_its_order(table):
    w = pd.Series([0.2, 0.3, 0.5])  # a RangeIndex names positions, not columns
    np.testing.assert_array_equal(C.topsis(table, w), C.topsis(table, [0.2, 0.3, 0.5]))
    np.testing.assert_array_equal(C.topsis(table.to_numpy(), pd.Series(W)), C.topsis(table, [0.2, 0.3, 0.5]))


@pytest.mark.parametrize("method", ["minmax", "rank", "borda", "percentile", "dist_to_max", "vector", "sum"])
@pytest.mark.parametrize("infinity", [np.inf, -np.inf])
def test_normalise_refuses_an_infinity_naming_it(table, method, infinity):
    # main: minmax made the column 0 but the infinity's NaN; rank ranked it first
    x = table.copy()
    x.iloc[2, 1] = infinity
    with pytest.raises(zb.Error, match="infinite") as e:
        C.normalise(x, method)
    assert e.value.entity == "r2" and e.value.variable == "b"


def test_build_refuses_a_column_given_twice(table):
    # main: pandas' "The truth value of a Series is ambiguous" (ValueError)
    twice = table.set_axis(["a", "b", "a"], axis=1)
    with pytest.raises(zb.Error, match="'a'.*twice"):
        C.build(twice)


INCONSISTENT = [[1, 9, 9], [1 / 9, 1, 9], [1 / 9, 1 / 9, 1]]  # CR ≈ 0.48


@pytest.mark.parametrize("max_cr", [np.nan, -0.1, np.inf])
def test_ahp_refuses_a_consistency_limit_that_is_no_limit(max_cr):
    # main: max_cr = NaN let CR 0.48 through (CR > NaN is false); −0.1 refused a consistent matrix
    with pytest.raises(zb.ArgumentError, match="max_cr"):
        C.ahp(INCONSISTENT, max_cr=max_cr)
    with pytest.raises(zb.ArgumentError, match="max_cr"):
        C.Weigh(method="ahp", pairwise={"Index": INCONSISTENT}, max_cr=max_cr)


@pytest.mark.parametrize(
    "limits",
    [
        {"skew_limit": np.nan},
        {"kurt_limit": np.nan},
        {"skew_limit": np.inf},
        {"method": "eis", "eis_sd": np.nan},
        {"method": "eis", "eis_sd": 0.0},
        {"method": "eis", "eis_sd": -2.0},
        {"method": "eis", "eis_skew": np.nan},
    ],
)
def test_treat_refuses_a_limit_that_is_not_a_number(limits):
    # main: a NaN limit passed every indicator untreated (|skew| ≥ NaN is false), silently
    name = next(k for k in limits if k != "method")
    with pytest.raises(zb.ArgumentError, match=name):
        C.Treat(**limits)


@pytest.mark.parametrize("name", ["topsis", "vikor", "waspas", "copeland", "outranking"])
def test_a_matrix_of_the_wrong_shape_is_a_typed_error(table, name):
    # main: pybind11's TypeError "incompatible function arguments" listing C++ signatures
    f = FUNCTIONS[name]
    with pytest.raises(zb.ArgumentError, match="x must be a units × criteria matrix"):
        f(np.ones((2, 2, 2)), [0.5, 0.5], [1, 1])
    with pytest.raises(zb.ArgumentError, match="w must be one weight per criterion"):
        f(table, [[0.2, 0.3, 0.5]], [1, 1, 1])


def test_mazziotta_pareto_and_bod_refuse_a_matrix_of_the_wrong_shape():
    with pytest.raises(zb.ArgumentError, match="x must be a units × criteria matrix"):
        C.mazziotta_pareto(np.ones((2, 2, 2)))
    with pytest.raises(zb.ArgumentError, match="x must be a units × criteria matrix"):
        C.benefit_of_the_doubt(np.ones((2, 2, 2)))
