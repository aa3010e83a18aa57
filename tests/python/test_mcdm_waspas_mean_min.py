"""WASPAS and the mean-min function (`composite.waspas`, `composite.mean_min`), and VIKOR with units
tied for the least Q (`vikor_compromise(best_tie=..., ranks="average")`).

Facts, not code, from: pymcdm 1.4.0 (kotbaton/pymcdm 76e7735) test/test_mcdm.py TestWASPAS
(lines 777–798), pymcdm/methods/waspas.py (λ `l` = 0.5, linear_normalization), pymcdm/helpers.py
rankdata (ties share the average rank); pyDecision (Valdecy/pyDecision 56cd81d)
pyDecision/algorithm/waspas.py (1 + min-max normalisation, `lambda_value`); Compind 3.4
(cran/Compind 6417088) R/ci_mean_min.R (z = 100 + 10·(x − mean)/sd with R's sample var, then
M − α(√((M − min)² + β²) − β); its `x_num - Ma` recycles the means down the columns, not copied); scikit-criteria 0.9 (quatrope/scikit-criteria 35f17ee)
skcriteria/agg/vikor.py lines 168–194 (units tied for the least Q taken together)."""

from __future__ import annotations

import numpy as np
import pytest

import zhibiao as zb

C = zb.composite

CHAKRABORTY = np.array(
    [
        [30, 23, 5, 0.745, 0.745, 1500, 5000],
        [18, 13, 15, 0.745, 0.745, 1300, 6000],
        [15, 12, 10, 0.500, 0.500, 950, 7000],
        [25, 20, 13, 0.745, 0.745, 1200, 4000],
        [14, 18, 14, 0.255, 0.745, 950, 3500],
        [17, 15, 9, 0.745, 0.500, 1250, 5250],
        [23, 18, 20, 0.500, 0.745, 1100, 3000],
        [16, 8, 14, 0.255, 0.500, 1500, 3000],
    ]
)
CHAKRABORTY_W = [0.1181, 0.1181, 0.0445, 0.1181, 0.2861, 0.2861, 0.0445]  # sum 1.0155, used as given
CHAKRABORTY_TYPES = [1, 1, 1, 1, 1, -1, -1]


def test_waspas_as_pymcdm_tests_it():
    # pymcdm TestWASPAS: [0.8329, 0.7884, 0.6987, 0.8831, 0.7971, 0.7036, 0.8728, 0.5749] (4 decimals).
    r = C.waspas(CHAKRABORTY, CHAKRABORTY_W, CHAKRABORTY_TYPES)
    assert np.round(r["score"], 4).tolist() == [0.8329, 0.7884, 0.6987, 0.8831, 0.7971, 0.7036, 0.8728, 0.5749]
    np.testing.assert_allclose(r["score"], 0.5 * r["wsm"] + 0.5 * r["wpm"], rtol=1e-15)
    # λ = 1 and 0 are the weighted sum and product on the same normalised matrix
    np.testing.assert_array_equal(C.waspas(CHAKRABORTY, CHAKRABORTY_W, CHAKRABORTY_TYPES, 1.0)["score"], r["wsm"])
    np.testing.assert_array_equal(C.waspas(CHAKRABORTY, CHAKRABORTY_W, CHAKRABORTY_TYPES, 0.0)["score"], r["wpm"])


def test_waspas_with_pydecisions_normalisation_by_hand():
    # 1 + min-max: (1, 3, 2) → 1, 2, 1.5; cost (10, 20, 30) → 2, 1.5, 1; w = ½, ½; λ = 0.3:
    # WSM 1.5, 1.75, 1.25; WPM √2, √3, √1.5; score 0.3·WSM + 0.7·WPM.
    r = C.waspas([[1, 10], [3, 20], [2, 30]], [0.5, 0.5], [1, -1], 0.3, "shifted_minmax")
    wsm = np.array([1.5, 1.75, 1.25])
    wpm = np.sqrt([2.0, 3.0, 1.5])
    np.testing.assert_allclose(r["wsm"], wsm, rtol=1e-15)
    np.testing.assert_allclose(r["wpm"], wpm, rtol=1e-15)
    np.testing.assert_allclose(r["score"], 0.3 * wsm + 0.7 * wpm, rtol=1e-15)


def test_mean_min_standardised_does_not_depend_on_the_unit():
    # Review 26b: the standardisation squared raw deviations, so 1e160 times the values "spread
    # beyond the range of doubles"; z has no unit.
    x = np.array([[1.0, 4], [2, 6], [3, 5]])
    np.testing.assert_allclose(
        C.mean_min(x * 1e160, 0.5, 10, standardise=True), C.mean_min(x, 0.5, 10, standardise=True)
    )


@pytest.mark.parametrize(
    "call, error, said",
    [
        (lambda: C.waspas([[1, 0], [2, 3]], [0.5, 0.5]), zb.MethodError, "criterion 1, unit 0 is 0"),
        (lambda: C.waspas([[1, -2], [2, 3]], [0.5, 0.5], inner="none"), zb.MethodError, "unit 0 is -2"),
        (lambda: C.waspas([[1, 2], [2, 3]], [0.5, 0.5], [1, -1], inner="none"), ValueError, "criterion 1 is a cost"),
        (lambda: C.waspas([[1, 2], [1, 3]], [1, 1], inner="shifted_minmax"), zb.MethodError, "criterion 0 is constant"),
        (lambda: C.waspas([[1, np.nan], [2, 3]], [1, 1]), zb.MethodError, "criterion 1 is missing"),
        (lambda: C.waspas([[1, 2], [2, 3]], [1, -1]), ValueError, "weight 1 is -1"),
        (lambda: C.waspas([[1, 2], [2, 3]], [1, 1], wsm_share=2), ValueError, "wsm_share is 2"),
        (lambda: C.waspas([[1, 2], [2, 3]], [1, 1], inner="minmax"), ValueError, "did you mean"),
        (lambda: C.waspas([[1, 2], [2, 3]], [1, 1], l=0.5), TypeError, "did you mean 'wsm_share'"),
        (lambda: C.waspas([[1, 2], [2, 3]], [1, 1], lambda_value=0.5), TypeError, "did you mean 'wsm_share'"),
        (lambda: C.waspas(matrix=[[1, 2], [2, 3]], w=[1, 1]), TypeError, "did you mean 'x'"),
    ],
)
def test_waspas_refuses_with_the_place(call, error, said):
    with pytest.raises(error, match=said):
        call()


def test_mean_min_by_hand_and_its_limits():
    # Casadio Tarabusi & Guarini 2013: (10, 20): M = 15, m = 10; α = ½, β = 5: 15 − ½(√50 − 5).
    x = [[10, 20], [30, 30]]
    np.testing.assert_allclose(C.mean_min(x, 0.5, 5), [15 - 0.5 * (50**0.5 - 5), 30], rtol=1e-15)
    assert C.mean_min(x, 0, 7).tolist() == [15, 30]  # α = 0: the mean
    assert C.mean_min(x, 1, 0).tolist() == [10, 30]  # α = 1, β = 0: the least value


def test_mean_min_standardised_column_by_column():
    # z per column: (1, 2, 3) → 90, 100, 110; (4, 6, 5) → 90, 110, 100 (sample sd 1 each). Compind
    # 3.4 gives 90, 91.80, 104.41 (its column means recycled down the columns: not copied). Rows
    # (90, 90), (100, 110), (110, 100); α = ½, β = 10: 90 and 105 − ½(√125 − 10) twice.
    got = C.mean_min([[1, 4], [2, 6], [3, 5]], 0.5, 10, standardise=True)
    want = 105 - 0.5 * (125**0.5 - 10)
    np.testing.assert_allclose(got, [90, want, want], rtol=1e-13)


@pytest.mark.parametrize(
    "call, error, said",
    [
        (lambda: C.mean_min([[1, 4], [1, 6]], 0.5, 1, standardise=True), zb.MethodError, "criterion 0 is constant"),
        (lambda: C.mean_min([[1, 4]], 1.5, 1), ValueError, "alpha is 1.5"),
        (lambda: C.mean_min([[1, 4]], 0.5, -1), ValueError, "beta is -1"),
        (lambda: C.mean_min([[1, np.nan]], 0.5, 1), zb.MethodError, "criterion 1 is missing"),
        (lambda: C.mean_min([[1, 4]], 0.5, 1, standardise="yes"), ValueError, "True or False"),
        (lambda: C.mean_min([[1, 4]], 0.5, 1, indic_col=[0, 1]), TypeError, "did you mean 'x'"),
    ],
)
def test_mean_min_refuses_with_the_place(call, error, said):
    with pytest.raises(error, match=said):
        call()


SPLIT = [[2, 2, 4], [4, 1, 3], [0, 4, 4], [1, 4, 2], [4, 2, 0]]


def test_vikor_tie_for_the_least_q_literal_against_scikit_criterias_grouped():
    # By hand, w = 3, 3, 2: S = 3.5, 3.5, 3, 3.25, 4; R = 2, 3, 3, 2.25, 2; Q = ¼, ¾, ½, ¼, ½;
    # DQ = ¼. Units 0 and 3 tie; 3 is best by neither S nor R. Literal (the default): a(2) is unit
    # 3, Q(a2) − Q(a1) = 0 < DQ, C1 fails, the set is {0, 3}. scikit-criteria takes {0, 3} as a(1):
    # C1 holds (½ − ¼ = DQ), C2 fails, and the units at the next Q (2 and 4, 4 with the worst S)
    # join the set; its ranks with use_compromise_set give all four rank 1.
    lit = C.vikor_compromise(SPLIT, [3, 3, 2])
    assert lit["Q"].tolist() == [0.25, 0.75, 0.5, 0.25, 0.5]
    assert lit["compromise"] == [0, 3] and not lit["acceptable_advantage"] and not lit["acceptable_stability"]
    grp = C.vikor_compromise(SPLIT, [3, 3, 2], best_tie="grouped", ranks="compromise_first")
    assert grp["compromise"] == [0, 3, 2, 4] and grp["acceptable_advantage"] and not grp["acceptable_stability"]
    assert grp["ranking"].tolist() == [1, 2, 1, 1, 1]


def test_vikor_ranks_averaged_over_ties_as_pymcdm():
    # pymcdm's rankdata([¼, ¾, ½, ¼, ½]) = 1.5, 5, 3.5, 1.5, 3.5; "min" gives 1, 5, 3, 1, 3.
    r = C.vikor_compromise(SPLIT, [3, 3, 2], ranks="average")
    assert r["ranking"].tolist() == [1.5, 5, 3.5, 1.5, 3.5]
    assert C.vikor_compromise(SPLIT, [3, 3, 2])["ranking"].tolist() == [1, 5, 3, 1, 3]
    with pytest.raises(ValueError, match="did you mean 'grouped'"):
        C.vikor_compromise(SPLIT, [3, 3, 2], best_tie="group")


@pytest.mark.parametrize(
    "name, said",
    [
        # Round 27: waspas and mean_min are aggregations of a build (they were refused, naming the
        # matrix functions); other spellings are pointed at them.
        ("ci_mean_min", r"did you mean 'mean_min'\? 'ci_mean_min' is its name in Compind"),
        ("mean-min", r"did you mean 'mean_min'\?"),
        ("WASPAS", r"did you mean 'waspas'\?"),
    ],
)
def test_aggregate_names_the_matrix_functions(name, said):
    with pytest.raises(ValueError, match=said):
        C.Aggregate(name)
    assert C.Aggregate("waspas").method == "waspas" and C.Aggregate("mean_min").method == "mean_min"
