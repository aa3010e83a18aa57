"""Sobol indices against SALib's estimators (SALib/SALib 1c37548, src/SALib/analyze/sobol.py and
tests/test_sobol.py): the first-order index does not move with the output's offset, equals
SALib's × (2N − 1)/2N, and a constant output is said to be one whatever its value (cx24 F1, F9)."""

import warnings

import numpy as np
import pytest

import zhibiao as zb

C = zb.composite
UNIT_SQUARE = {"x1": (0, 1), "x2": (0, 1)}


@pytest.mark.parametrize("offset", [0.0, 100.0, 1e6])
def test_first_order_index_of_a_shifted_linear_model_does_not_move_with_the_shift(offset):
    """y = c + x1 + 2 x2 on [0, 1]²: S = ST = 1/5, 4/5 for any c. The uncentred Saltelli-2010
    numerator mean(yB·(yABi − yA)) carries c·mean(yABi − yA): at n = 1024 it gave S = 0.41, 0.91
    for c = 100 and 2094, 1036 for c = 10⁶ (cx24 F9)."""
    shifted = C.sobol_indices(lambda x: offset + x[:, 0] + 2 * x[:, 1], UNIT_SQUARE, n=1024, bootstrap=0)
    plain = C.sobol_indices(lambda x: x[:, 0] + 2 * x[:, 1], UNIT_SQUARE, n=1024, bootstrap=0)
    np.testing.assert_allclose(shifted["S"], [0.2, 0.8], atol=0.02)
    np.testing.assert_allclose(shifted["S"], plain["S"], rtol=0, atol=1e-6)
    np.testing.assert_allclose(shifted["ST"], plain["ST"], rtol=0, atol=1e-6)


def _salib_indices(y, n, d):
    """SALib's first_order and total_order (sobol.py) on the same runs: Y standardised over every
    run, S1 = mean(B·(AB − A))/var([A, B]), ST = ½·mean((A − AB)²)/var([A, B]) (numpy var, ddof 0).
    The blocks of our design: A = rows 0…n−1, B = n…2n−1, AB_i = (2 + i)·n … (3 + i)·n − 1."""
    ys = (y - y.mean()) / y.std()
    a, b = ys[:n], ys[n : 2 * n]
    v = np.var(np.r_[a, b])
    ab = [ys[(2 + i) * n : (3 + i) * n] for i in range(d)]
    return np.array([np.mean(b * (x - a)) / v for x in ab]), np.array([0.5 * np.mean((a - x) ** 2) / v for x in ab])


def test_indices_are_salibs_times_2n_minus_1_over_2n():
    """docs/composite.md: the variance divides by 2N − 1 where SALib's divides by 2N, so zhibiao's
    indices are SALib's × (2N − 1)/2N — for S this held only for an output of mean 0 (cx24 F10)."""
    runs = {}

    def model(x):
        y = 40 + np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])
        runs["y"] = y
        return y

    n, pi = 512, np.pi
    out = C.sobol_indices(model, {"x1": (-pi, pi), "x2": (-pi, pi), "x3": (-pi, pi)}, n=n, bootstrap=0)
    s1, st = _salib_indices(runs["y"], n, 3)
    factor = (2 * n - 1) / (2 * n)
    np.testing.assert_allclose(out["S"], s1 * factor, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(out["ST"], st * factor, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("value", [0.4, 0.1, 1 / 3, 0.5, 7.0])
def test_a_constant_output_has_no_indices_whatever_its_value(value):
    """SALib tests/test_sobol.py test_constant_output (0.4 everywhere, N = 256, three inputs). Ours
    (documented): variance 0, NaN indices and a RuntimeWarning. 0.4, 0.1 and 1/3 gave a variance
    of ~1e-30 from the rounding of their mean, indices 0 and no warning; 0.5 and 7.0 NaN (cx24 F1)."""
    bounds = {"x1": (0, 1), "x2": (0, 1), "x3": (0, 1)}
    with pytest.warns(RuntimeWarning, match="did not vary"):
        out = C.sobol_indices(lambda x: np.full(len(x), value), bounds, n=256, bootstrap=10)
    assert out.attrs["variance"] == 0
    assert out[["S", "ST", "S_low", "S_high", "ST_low", "ST_high"]].isna().all().all()


def test_an_input_the_model_ignores_has_indices_of_exactly_zero():
    """COINr tests/testthat/test-sensitivity.R: an input without effect has Si = STi = 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = C.sobol_indices(lambda x: 50 + x[:, 0] + 0 * x[:, 1], UNIT_SQUARE, n=256, bootstrap=0)
    assert out.loc["x2", "S"] == 0 and out.loc["x2", "ST"] == 0
