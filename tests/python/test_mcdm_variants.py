"""Issue #14 item 8: the MCDM variants from Python — the step classes (through the model TOML)
and the matrix functions — against pymcdm's documented cases (../shared/data/mcdm, from pymcdm
1.4.0's test suite), akestoridis/mcdm's published test vectors (@ cd75823,
mcdm/tests/helper_testing.py) and hand computations."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


@pytest.fixture(scope="module")
def cases(shared):
    return json.loads((shared / "data" / "mcdm" / "pymcdm_cases.json").read_text())["cases"]


def case(cases, kind, method):
    return next(c for c in cases if c["kind"] == kind and c["method"] == method)


@pytest.mark.parametrize(
    "method, ours, cost",
    [("vector", "vector", "complement"), ("sum", "sum", "inverse"), ("max", "frac_of_max", "complement")],
)
def test_normalisations_match_pymcdm(cases, method, ours, cost):
    c = case(cases, "normalisation", method)
    x, types = np.array(c["inputs"]["matrix"], dtype=float), c["inputs"]["types"]
    want = np.array(c["expected_row_major_flattened"]).reshape(x.shape)
    np.testing.assert_allclose(C.normalise(x, ours, types, cost=cost), want, atol=1e-8)
    # The same through a model: the Normalise step, its TOML, the framework's directions.
    df = pd.DataFrame(x, columns=["a", "b", "c"])
    fw = C.Framework.flat(["a", "b", "c"], directions=dict(zip("abc", types)))
    r = C.build(df, fw, [C.Normalise(ours, cost=cost), C.Aggregate()])
    np.testing.assert_allclose(r.layer("normalised").to_numpy(), want, atol=1e-8)


def test_min_over_x_and_zscore_target_by_hand():
    np.testing.assert_allclose(
        C.normalise([[2.0], [4.0], [8.0]], "frac_of_max", [-1], cost="inverse").ravel(), [1.0, 0.5, 0.25]
    )
    s = np.sqrt(2.5)  # sample sd of 1 … 5
    want = 10 + 2 * (np.arange(1, 6) - 3) / s
    np.testing.assert_allclose(
        C.normalise(np.arange(1, 6.0)[:, None], "zscore", m_sd=(10, 2)).ravel(), want, rtol=1e-14
    )
    df = pd.DataFrame({"a": np.arange(1, 6.0), "b": np.arange(1, 6.0) ** 2})
    r = C.build(df, C.Framework.flat(["a", "b"]), [C.Normalise("zscore", m_sd=(10, 2)), C.Aggregate()])
    np.testing.assert_allclose(r.layer("normalised")["a"].to_numpy(), want, rtol=1e-14)
    assert "mean 10 and sd 2" in r.summary()


def test_typos_are_refused_with_a_suggestion():
    with pytest.raises(ValueError, match="did you mean 'inverse'"):
        C.Normalise("sum", cost="Inverse")
    with pytest.raises(ValueError, match="did you mean 'absolute'"):
        C.Weigh("critic", correlation="absolut")
    with pytest.raises(ValueError, match="did you mean 'none'"):
        C.Aggregate("topsis", inner="nome")
    with pytest.raises(ValueError, match="did you mean 'merec'"):
        C.weights(np.ones((3, 2)), "merek")
    with pytest.raises(ValueError, match="applies to frac_of_max, vector and sum"):
        C.Normalise("minmax", cost="inverse")
    with pytest.raises(ValueError, match="'distance' or 'absolute' for VIC"):
        C.Weigh("vic", correlation="pearson")


def test_weights_match_published_cases(cases):
    m = case(cases, "weighting", "merec_weights")
    np.testing.assert_allclose(
        C.weights(m["inputs"]["matrix"], "merec", types=m["inputs"]["types"]),
        m["full_precision_from_pymcdm"],
        rtol=1e-10,
    )
    g = case(cases, "weighting", "gini_weights")
    np.testing.assert_allclose(C.weights(g["inputs"]["matrix"], "gini"), g["full_precision_from_pymcdm"], rtol=1e-10)
    # akestoridis/mcdm matrix 01 with its test vectors 22 (CRITIC.AbsPearson) and 24 (VIC.dCor).
    m01 = [
        [0.0, 0.0, 1.0],
        [0.1, 0.2, 0.8],
        [0.2, 0.4, 0.6],
        [0.3, 0.7, 0.3],
        [0.6, 0.8, 0.2],
        [0.8, 0.9, 0.1],
        [1.0, 1.0, 0.0],
    ]
    np.testing.assert_allclose(C.weights(m01, "critic", correlation="absolute"), [0.5, 0.25, 0.25], atol=1e-8)
    np.testing.assert_allclose(
        C.weights(m01, "vic", correlation="distance"), [0.33817571, 0.33091215, 0.33091215], atol=1e-8
    )
    # The default correlation ("auto") is each method's own (trial22b F12: VIC refused its default):
    # VIC the distance correlation (test vector 24 again), CRITIC Pearson's r.
    np.testing.assert_array_equal(C.weights(m01, "vic"), C.weights(m01, "vic", correlation="distance"))
    np.testing.assert_array_equal(C.weights(m01, "critic"), C.weights(m01, "critic", correlation="pearson"))
    assert not np.array_equal(C.weights(m01, "critic"), C.weights(m01, "critic", correlation="distance"))
    with pytest.raises(ValueError, match="'pearson' is refused"):
        C.weights(m01, "vic", correlation="pearson")
    with pytest.raises(ValueError, match="MEREC only"):
        C.weights(m01, "gini", types=[1, 1, 1])


def test_weigh_steps_in_a_model():
    df = pd.DataFrame({"a": [1.0, 2.0, 4.0, 8.0], "b": [3.0, 1.0, 2.0, 5.0], "c": [2.0, 2.5, 1.0, 4.0]})
    fw = C.Framework.flat(["a", "b", "c"])
    for step in (
        C.Weigh("vic"),
        C.Weigh("vic", correlation="absolute"),
        C.Weigh("merec"),
        C.Weigh("gini"),
        C.Weigh("critic", correlation="absolute"),
    ):
        r = C.build(df, fw, [C.Normalise("minmax", (1, 100)), step, C.Aggregate()])
        w = r.weights.loc[["a", "b", "c"], "weight"].to_numpy()
        assert np.isfinite(w).all() and abs(w.sum() - 1) < 1e-12
    # MEREC's logarithms need positive scores: [0, 100] has a zero, a typed error names it.
    with pytest.raises(zb.MethodError, match="positive values"):
        C.build(df, fw, [C.Normalise("minmax", (0, 100)), C.Weigh("merec"), C.Aggregate()])


def test_topsis_none_after_our_own_normalisation(cases):
    c = case(cases, "scoring", "TOPSIS")
    x, w, types = c["inputs"]["matrix"], c["inputs"]["weights"], c["inputs"]["types"]
    n = C.normalise(x, "vector", types, cost="complement")
    np.testing.assert_allclose(
        C.topsis(n, w, inner="none"), c["variant_vector_normalisation_computed_with_pymcdm"], rtol=1e-12
    )


def test_vikor_compromise():
    # Opricovic & Tzeng (2004), pymcdm's case: unit 1 alone (C1 and C2 hold).
    r = C.vikor_compromise([[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], [-1, 1])
    np.testing.assert_allclose(r["Q"], [1, 0, 1])
    assert r["compromise"] == [1] and r["acceptable_advantage"] and r["acceptable_stability"] and r["dq"] == 0.5
    np.testing.assert_array_equal(r["ranking"], [2, 1, 2])
    # C2 fails (hand-checked in tests/cpp/mcdm_test.cpp): the two best by Q.
    r = C.vikor_compromise([[2, 6, 9], [2, 9, 3], [1, 3, 8], [3, 6, 4], [8, 3, 7]], [1, 1, 1])
    assert r["compromise"] == [0, 3] and r["acceptable_advantage"] and not r["acceptable_stability"]


def test_a_missing_value_under_topsis_names_the_region_and_indicator():
    # Found trying the C++ API as a user: the preset said "unit 4, criterion 0 is missing".
    data = pd.DataFrame(
        {"rd": [1.0, 2.0, 3.0, 4.0, np.nan], "patents": [5.0, 3.0, 4.0, 1.0, 2.0]},
        index=["A", "B", "C", "D", "E"],
    )
    with pytest.raises(zb.Error, match="'rd' is missing for region 'E'") as caught:
        zb.composite.score(data, "entropy-topsis")
    assert caught.value.entity == "E" and caught.value.variable == "rd"
