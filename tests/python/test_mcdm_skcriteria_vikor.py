"""VIKOR's ranks as scikit-criteria gives them (`vikor_compromise(ranks=...)`).

Facts from scikit-criteria 0.9 (quatrope/scikit-criteria 35f17ee), tests/agg/test_vikor.py:
test_VIKOR, test_VIKOR_tied, test_VIKOR_opricovic2004compromise,
test_VIKOR_opricovic2007extended, test_VIKOR_acceptable_advantage_but_not_stability; and
skcriteria/agg/vikor.py (ranks = scipy's dense rankdata of Q; with use_compromise_set every rank up
to the compromise set's worst becomes 1, the others rank − that + 1)."""

from __future__ import annotations

import numpy as np
import pytest

import zhibiao as zb

C = zb.composite


def test_vikor_compromise_set_ranks_first():
    # test_VIKOR: benefit criteria, w = 0.3, 0.4, 0.3; Q = 0.75, 0.25, 0, 1; C1 fails, set {1, 2}.
    x = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]
    r = C.vikor_compromise(x, [0.3, 0.4, 0.3], ranks="compromise_first")
    np.testing.assert_allclose(r["S"], [0.6, 0.3, 0.15, 0.65], atol=1e-12)
    np.testing.assert_allclose(r["R"], [0.3, 0.2, 0.15, 0.4], atol=1e-12)
    np.testing.assert_allclose(r["Q"], [0.75, 0.25, 0.0, 1.0], atol=1e-12)
    assert r["ranking"].tolist() == [2, 1, 1, 3]
    assert sorted(r["compromise"]) == [1, 2] and not r["acceptable_advantage"] and r["acceptable_stability"]
    assert C.vikor_compromise(x, [0.3, 0.4, 0.3])["ranking"].tolist() == [3, 2, 1, 4]  # "min", the default


def test_vikor_tied_units_in_the_compromise_set():
    # test_VIKOR_tied: units 2 and 3 tie at Q = 0; the set {1, 2, 3} ranks 1, unit 0 is 2.
    x = [[4, 4, 4], [7, 6, 8], [8, 8, 6], [6, 8, 8]]
    r = C.vikor_compromise(x, [0.3, 0.4, 0.3], ranks="compromise_first")
    np.testing.assert_allclose(r["Q"], [1.0, 0.17352941, 0.0, 0.0], atol=1e-8)
    np.testing.assert_allclose(r["S"], [1.0, 0.275, 0.15, 0.15], atol=1e-12)
    assert r["ranking"].tolist() == [2, 1, 1, 1] and sorted(r["compromise"]) == [1, 2, 3]
    assert C.vikor_compromise(x, [0.3, 0.4, 0.3], ranks="dense")["ranking"].tolist() == [3, 2, 1, 1]


def test_vikor_acceptable_advantage_without_stability():
    # test_VIKOR_acceptable_advantage_but_not_stability: five cost criteria, equal weights;
    # set {3, 4}; use_compromise_set=True → 3 4 2 1 1, False → 4 5 3 1 2.
    x = [
        [1.0, 101.0, 1.0, 101.0, 1.0],
        [101.0, 1.0, 101.0, 1.0, 101.0],
        [1.0, 1.0, 1.0, 1.0, 101.0],
        [11.0, 11.0, 11.0, 16.0, 61.0],
        [56.0, 56.0, 56.0, 56.0, 56.0],
    ]
    w, types = [0.2] * 5, [-1] * 5
    r = C.vikor_compromise(x, w, types, ranks="compromise_first")
    np.testing.assert_allclose(r["Q"], [0.75, 1, 0.5, 0.068, 0.4375], atol=1e-3)
    np.testing.assert_allclose(r["S"], [0.4, 0.6, 0.2, 0.21, 0.55], atol=1e-3)
    np.testing.assert_allclose(r["R"], [0.2, 0.2, 0.2, 0.12, 0.11], atol=1e-3)
    assert r["acceptable_advantage"] and not r["acceptable_stability"] and r["compromise"] == [3, 4]
    assert r["ranking"].tolist() == [3, 4, 2, 1, 1]
    assert C.vikor_compromise(x, w, types, ranks="dense")["ranking"].tolist() == [4, 5, 3, 1, 2]


def test_vikor_one_unit_set_changes_nothing():
    # test_VIKOR_opricovic2004compromise: Q = 1, 0, 1 → dense ranks 2, 1, 2 either way.
    for ranks in ("dense", "compromise_first", "min"):
        r = C.vikor_compromise([[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], [-1, 1], ranks=ranks)
        assert r["ranking"].tolist() == [2, 1, 2]


# test_VIKOR_opricovic2007extended: six dams, criteria max min max max min min min max, weights
# W1-W4 (scikit-criteria divides them by their sum; zhibiao's Q does not depend on their scale,
# S and R do, so the weights are given as shares here), tolerance 1e-3 as there.
DAMS = [
    [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
    [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
    [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
    [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
    [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
    [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
]
DAM_TYPES = [1, -1, 1, 1, -1, -1, -1, 1]
DAM_CASES = [
    (
        [1] * 8,
        [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
        [0.692, 0.7, 0.29, 0.423, 0.28, 0.346],
        [0.991, 1.0, 0.473, 0.670, 0.0, 0.578],
        [5, 6, 2, 4, 1, 3],
        [4],
    ),
    (
        [2, 2, 2, 2, 1, 1, 1, 1],
        [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
        [0.701, 0.6, 0.386, 0.365, 0.317, 0.459],
        [1.0, 0.533, 0.552, 0.563, 0.0, 0.686],
        [6, 2, 3, 4, 1, 5],
        [4],
    ),
    (
        [1, 1, 1, 1, 2, 2, 2, 2],
        [0.113, 0.167, 0.08, 0.122, 0.044, 0.083],
        [0.683, 0.8, 0.193, 0.48, 0.243, 0.232],
        [0.684, 1.0, 0.147, 0.554, 0.041, 0.191],
        [5, 6, 2, 4, 1, 3],
        [2, 4, 5],
    ),
    (
        [1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2],
        [0.129, 0.190, 0.057, 0.139, 0.042, 0.060],
        [0.678, 0.857, 0.138, 0.513, 0.222, 0.167],
        [0.668, 1.0, 0.051, 0.588, 0.058, 0.078],
        [5, 6, 1, 4, 2, 3],
        [2, 4, 5],
    ),
]


@pytest.mark.parametrize(("weights", "regret", "utility", "q", "dense", "compromise"), DAM_CASES)
def test_vikor_of_opricovic_and_tzeng_2007(weights, regret, utility, q, dense, compromise):
    w = np.asarray(weights, float) / np.sum(weights)
    r = C.vikor_compromise(DAMS, w, DAM_TYPES, ranks="dense")
    np.testing.assert_allclose(r["R"], regret, atol=1e-3)
    np.testing.assert_allclose(r["S"], utility, atol=1e-3)
    np.testing.assert_allclose(r["Q"], q, atol=1e-3)
    assert r["ranking"].tolist() == dense and sorted(r["compromise"]) == compromise
    # Scaling the weights changes S and R, not Q nor the set (docs/composite.md, Conventions).
    raw = C.vikor_compromise(DAMS, weights, DAM_TYPES, ranks="dense")
    np.testing.assert_allclose(raw["Q"], r["Q"], atol=1e-12)
    assert raw["compromise"] == r["compromise"]


def test_vikor_ranks_spellings():
    with pytest.raises(ValueError, match="did you mean 'ranks'.*compromise_first"):
        C.vikor_compromise([[1, 2], [2, 1]], [0.5, 0.5], use_compromise_set=True)
    with pytest.raises(ValueError, match="did you mean 'dense'"):
        C.vikor_compromise([[1, 2], [2, 1]], [0.5, 0.5], ranks="Dense!")


def test_vikor_with_every_regret_equal():
    # test_VIKOR_warn_zerodiv "regret_all_equals": [[1, 0, 3], [0, 5, 6]], weights 1. By hand
    # d = (0, 1, 1) and (1, 0, 0): S = 2, 1 and R = 1, 1. The R term is 0 for all (scikit-criteria
    # warns and ignores it), Q = ½·(S − 1)/(2 − 1) = ½, 0; DQ = 1, so C1 fails and both units are
    # the compromise set, ranked [1, 1] as the test expects.
    r = C.vikor_compromise([[1, 0, 3], [0, 5, 6]], [1, 1, 1], ranks="compromise_first")
    np.testing.assert_array_equal(r["S"], [2, 1])
    np.testing.assert_array_equal(r["Q"], [0.5, 0])
    assert r["ranking"].tolist() == [1, 1] and r["compromise"] == [1, 0]


def test_vikor_units_tied_for_the_least_q_read_c1_literally():
    # (1, 0), (0, 1), (0, 0), weights ½, by hand: S = ½, ½, 1; R = ½ for all (term 0);
    # Q = 0, 0, ½; DQ = ½. a(2) is the second unit of the tie: Q(a(2)) − Q(a(1)) = 0 < DQ, so
    # C1 fails and the set is the units within DQ, {0, 1}. scikit-criteria (vikor.py) takes the
    # tie together as a(1) and reports acceptable_advantage True with the same set and ranks
    # (docs/composite.md, Conventions).
    r = C.vikor_compromise([[1, 0], [0, 1], [0, 0]], [0.5, 0.5], ranks="compromise_first")
    np.testing.assert_array_equal(r["Q"], [0, 0, 0.5])
    assert not r["acceptable_advantage"] and r["acceptable_stability"] and r["compromise"] == [0, 1]
    assert r["ranking"].tolist() == [1, 1, 2]


def test_vikor_constant_criterion_refused_where_scikit_criteria_leaves_it_out():
    # test_VIKOR_warn_zerodiv "criterion_all_equals": [[1, 0, 3], [5, 0, 6]]; scikit-criteria sets
    # the constant criterion's distances to 0. zhibiao refuses it (as pymcdm); without the column,
    # by hand: d = (1, 1) and (0, 0), S = 2, 0, R = 1, 0, Q = 1, 0 — scikit-criteria's numbers.
    with pytest.raises(zb.Error, match="criterion 1 is constant"):
        C.vikor_compromise([[1, 0, 3], [5, 0, 6]], [1, 1, 1])
    r = C.vikor_compromise([[1, 3], [5, 6]], [1, 1], ranks="compromise_first")
    np.testing.assert_array_equal(r["S"], [2, 0])
    np.testing.assert_array_equal(r["R"], [1, 0])
    np.testing.assert_array_equal(r["Q"], [1, 0])
    assert r["ranking"].tolist() == [2, 1] and r["compromise"] == [1]
