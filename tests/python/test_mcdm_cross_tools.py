"""Weights and normalisations against other tools' test suites (cx24): parameters a method does
not read, constant columns, one unit, and the variants scikit-criteria and pyDecision users need."""

import numpy as np
import pytest

import zhibiao as zb

C = zb.composite
X = [[1.0, 2.0, 3.0], [2.0, 3.0, 1.0], [3.0, 1.0, 2.5]]


@pytest.mark.parametrize(
    "call, parameter",
    [
        (lambda: C.normalise(X, "zscore", range=(1, 10)), "range"),
        (lambda: C.normalise(X, "minmax", m_sd=(5, 2)), "m_sd"),
        (lambda: C.normalise(X, "zscore", range=(0, 100)), "range"),
        (lambda: C.weights(X, "entropy", ddof=0), "ddof"),
        (lambda: C.weights(X, "sd", zeros="pymcdm"), "zeros"),
        (lambda: C.weights(X, "sd", correlation="absolute"), "correlation"),
        (lambda: C.weights(X, "entropy", ddof=1), "ddof"),
    ],
)
def test_a_parameter_the_method_does_not_read_is_refused(call, parameter):
    """The rule the steps keep (Normalise("zscore", range=...) is refused), for the functions too:
    all were silently unused (cx24 F11), also when equal to the default."""
    with pytest.raises(zb.ArgumentError, match=f"'{parameter}' is read by method"):
        call()


def test_parameters_the_method_reads_and_none_still_pass():
    assert C.normalise(X, "minmax", range=(2, 7))[:, 0].tolist() == [2.0, 4.5, 7.0]
    z = C.normalise([[1.0], [2.0], [3.0], [6.0]], "zscore", m_sd=(5, 2))[:, 0]
    assert z.mean() == pytest.approx(5) and z.std(ddof=1) == pytest.approx(2)  # COINr test-normalise.R
    np.testing.assert_allclose(C.weights(X, "critic", ddof=0, correlation="absolute").sum(), 1)
    np.testing.assert_allclose(C.weights(X, "entropy", zeros="pymcdm", ddof=None), C.weights(X, "entropy"))


def test_variance_weights_give_a_constant_column_weight_zero_as_sd_weights_do():
    """pymcdm 1.4.0 weights.py variance_weights: min-max makes a constant column ones, variance 0,
    weight 0; our sd, Gini and MEREC weights give it 0, variance refused it (cx24 F5)."""
    x = [[1.0, 2.0, 3.0], [1.0, 3.0, 1.0], [1.0, 1.0, 2.0]]
    w = C.weights(x, "variance")
    assert w[0] == 0.0
    # the others as pymcdm: min-max then sample variance, shares
    y = np.asarray(x)[:, 1:]
    v = ((y - y.min(0)) / (y.max(0) - y.min(0))).var(0, ddof=1)
    np.testing.assert_allclose(w[1:], v / v.sum(), rtol=1e-12)
    with pytest.raises(zb.MethodError, match="every column is constant"):
        C.weights([[1.0, 2.0], [1.0, 2.0]], "variance")
    with pytest.raises(zb.MethodError, match="column 0 has 0 values"):
        C.weights([[np.nan, 2.0], [np.nan, 3.0]], "variance")


def test_sd_weights_of_one_unit_say_why():
    """pymcdm and scikit-criteria (ddof = 1) give NaN; ours said 'the weights sum to nan' (cx24 F6)."""
    with pytest.raises(zb.MethodError, match="column 0 has 1 value"):
        C.weights([[1.0, 2.0]], "sd")
