"""scikit-criteria's own test cases for TOPSIS, the weighted sum and the weighted product.

Facts from scikit-criteria 0.9 (quatrope/scikit-criteria 35f17ee): tests/agg/test_topsis.py
(test_TOPSIS, test_TOPSIS_tzeng2011multiple) and tests/agg/test_simple.py
(test_WeightedSumModel_kracka2010ranking, test_WeightedProductModel_enwiki_1015567716,
test_WeightedProductModel_with0_fail). scikit-criteria's WeightedProductModel score is
Σ w·log10(x) with the weights summed to 1 (SumScaler target "both"), i.e. log10 of zhibiao's
weighted geometric mean."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


def test_topsis_without_normalisation_and_weights_of_one():
    # test_TOPSIS: no weights given (each 1); ideal (1, 5, 6), anti-ideal (0, 0, 3). Unit 0 by
    # hand: d+ = √(0 + 25 + 9), d− = 1, C = 1/(1 + √34) = 0.14639248.
    c = C.topsis([[1, 0, 3], [0, 5, 6]], [1, 1, 1], inner="none")
    np.testing.assert_allclose(c, [0.14639248, 0.85360752], atol=1e-8)
    assert c[0] == pytest.approx(1 / (1 + np.sqrt(34)), rel=1e-14)


def test_topsis_of_tzeng_and_huang_2011_after_vector_scaling():
    # test_TOPSIS_tzeng2011multiple: VectorScaler on the matrix, weights 0.3 0.4 0.3.
    x = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]
    c = C.topsis(x, [0.3, 0.4, 0.3], inner="vector")
    np.testing.assert_allclose(c, [0.5037, 0.6581, 0.7482, 0.3340], atol=1e-4)
    np.testing.assert_allclose(C.topsis(C.normalise(x, "vector"), [0.3, 0.4, 0.3], inner="none"), c, rtol=1e-14)


def _build(df: pd.DataFrame, directions: dict[str, int], steps: list) -> pd.Series:
    framework = C.Framework.flat(list(df.columns), directions=directions, root="idx")
    return C.build(df, framework, steps).scores["idx"]


def test_weighted_sum_of_kracka_2010_after_inverting_costs_and_sum_scaling():
    # test_WeightedSumModel_kracka2010ranking: InvertMinimize (1/x for a cost) then SumScaler on
    # matrix and weights (equal: 1/7 each) = zhibiao's sum normalisation with cost "inverse" and
    # the arithmetic mean.
    x = np.array(
        [
            [33.95, 23.78, 11.45, 39.97, 29.44, 167.10, 3.852],
            [38.9, 4.17, 6.32, 0.01, 4.29, 132.52, 25.184],
            [37.59, 9.36, 8.23, 4.35, 10.22, 136.71, 10.845],
            [30.44, 37.59, 13.91, 74.08, 45.10, 198.34, 2.186],
            [36.21, 14.79, 9.17, 17.77, 17.06, 148.3, 6.610],
            [37.8, 8.55, 7.97, 2.35, 9.25, 134.83, 11.935],
        ]
    )
    names = [f"c{j}" for j in range(7)]
    df = pd.DataFrame(x, columns=names)
    directions = dict(zip(names, [-1, -1, -1, -1, 1, -1, 1]))
    score = _build(df, directions, [C.Normalise("sum", cost="inverse"), C.Aggregate("arithmetic")])
    expected = [0.12040426, 0.3458235, 0.13838192, 0.12841246, 0.12346084, 0.14351701]
    np.testing.assert_allclose(score, expected, rtol=1e-7)
    assert score.rank(ascending=False).astype(int).tolist() == [6, 1, 3, 4, 5, 2]


def test_weighted_product_of_the_wikipedia_example_is_log10_of_the_geometric_mean():
    # test_WeightedProductModel_enwiki_1015567716: SumScaler on matrix and weights 20 15 40 25.
    x = [[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]]
    names = ["a", "b", "c", "d"]
    df = pd.DataFrame(x, columns=names, dtype=float)
    weights = dict(zip(names, [20, 15, 40, 25]))
    steps = [C.Normalise("sum"), C.Weigh("fixed", fixed=weights), C.Aggregate("geometric")]
    score = _build(df, {}, steps)
    np.testing.assert_allclose(np.log10(score), [-0.50128589, -0.50448471, -0.52947246], rtol=1e-7)


def test_weighted_product_with_a_zero_is_refused_as_scikit_criteria():
    # test_WeightedProductModel_with0_fail: a 0 in the matrix is a ValueError there.
    df = pd.DataFrame({"a": [1.0, 4.0], "b": [2.0, 0.0], "c": [3.0, 6.0]})
    with pytest.raises(zb.Error, match="'b'"):
        _build(df, {}, [C.Normalise("frac_of_max"), C.Aggregate("geometric")])


def test_sd_and_entropy_weights_of_scikit_criteria_simple_matrix():
    # tests/preprocessing/test_weighters.py test_StdWeighter_simple_matrix and
    # test_EntropyWeighter_simple_matrix on [[1, 2], [4, 16]] (atol 1e-5 there). Entropy by hand:
    # p = (.2, .8) and (1/9, 8/9), H in base 2 (m = 2 units) = .72193, .50326; weights ∝ 1 − H.
    x = [[1, 2], [4, 16]]
    np.testing.assert_allclose(C.weights(x, "sd"), [0.176471, 0.82353], atol=1e-5)
    np.testing.assert_allclose(C.weights(x, "entropy"), [0.358889, 0.641111], atol=1e-6)
    h = [-(p * np.log2(p) + (1 - p) * np.log2(1 - p)) for p in (0.2, 1 / 9)]
    np.testing.assert_allclose(C.weights(x, "entropy"), np.subtract(1, h) / (2 - sum(h)), rtol=1e-14)


def test_entropy_gives_the_less_predictable_criterion_more_weight():
    # test_EntropyWeighter_less_predictable_more_weight: C0 constant < C1 < C2 (C0 exactly 0 here).
    x = [[1, 20, 300], [1, 20, 400], [1, 30, 500], [1, 30, 600], [1, 40, 700], [1, 40, 800]]
    w = C.weights(x, "entropy")
    assert w[0] == 0 and w[0] < w[1] < w[2]
