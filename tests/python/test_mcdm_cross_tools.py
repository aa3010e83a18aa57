"""Weights and normalisations against other tools' test suites (cx24): parameters a method does
not read, constant columns, one unit, and the variants scikit-criteria and pyDecision users need."""

import numpy as np
import pandas as pd
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


def test_an_unread_keyword_is_said_before_the_data_are_read():
    # review24 F10: weights() weighed first, so a data error hid the keyword the method never reads
    with pytest.raises(zb.ArgumentError, match="'ddof' is read by method"):
        C.weights([[1.0, 2.0], [1.0, float("inf")]], "entropy", ddof=0)


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


DIAKOULAKI = [
    [61, 1.08, 4.33],
    [20.7, 0.26, 4.34],
    [16.3, 1.98, 2.53],
    [9.0, 3.29, 1.65],
    [5.4, 2.77, 2.33],
    [4.0, 4.12, 1.21],
    [-6.1, 3.52, 2.10],
    [-34.6, 3.31, 0.98],
]


@pytest.mark.parametrize(
    "correlation, expected",
    [("pearson", [0.20222554, 0.48090173, 0.31687273]), ("spearman", [0.21454645, 0.4898563, 0.29559726])],
)
def test_critic_weights_of_diakoulaki_1995_as_scikit_criteria(correlation, expected):
    """scikit-criteria 35f17ee tests/preprocessing/test_weighters.py
    test_critic_weight_weights_diakoulaki1995determining (scale=True): Diakoulaki, Mavrotas &
    Papayannakis (1995). "spearman" was refused as not offered (cx24 F3)."""
    np.testing.assert_allclose(C.weights(DIAKOULAKI, "critic", correlation=correlation), expected, rtol=0, atol=1e-8)


def test_spearman_critic_with_ties_and_missing_values_as_pandas_pairwise_ranks():
    """Ties take the mean of their positions and each pair of columns uses the units both have, as
    pandas' DataFrame.corr(method="spearman") (which scikit-criteria's critic_weights calls)."""
    import pandas as pd

    x = np.array([[1, 5, 2, 9], [2, 5, 2, 1], [2, 3, np.nan, 4], [4, 1, 7, 4], [5, 2, 3, 3], [3, 4, 1, 8.0]])
    y = (x - np.nanmin(x, 0)) / (np.nanmax(x, 0) - np.nanmin(x, 0))
    rho = pd.DataFrame(y).corr(method="spearman").to_numpy()
    c = pd.DataFrame(y).std(ddof=1).to_numpy() * (1 - rho).sum(0)
    np.testing.assert_allclose(C.weights(x, "critic", correlation="spearman"), c / c.sum(), rtol=1e-12)


def test_spearman_is_refused_for_vic_as_pearson_is_and_named_in_a_builds_method_text():
    with pytest.raises(zb.ArgumentError, match="correlation = 'spearman' is refused"):
        C.weights(DIAKOULAKI, "vic", correlation="spearman")
    with pytest.raises(zb.ArgumentError, match="must be 'distance' or 'absolute' for VIC"):
        C.Weigh("vic", correlation="spearman")
    import pandas as pd

    data = pd.DataFrame(DIAKOULAKI, columns=list("abc"), index=[f"R{i}" for i in range(8)])
    fw = C.Framework.flat(list("abc"), root="idx")
    r = C.build(data, fw, [C.Normalise("minmax"), C.Weigh("critic", correlation="spearman"), C.Aggregate()])
    assert "Spearman's ρ" in r.summary()
    np.testing.assert_allclose(r.weights.loc[list("abc"), "weight"], [0.21454645, 0.4898563, 0.29559726], atol=1e-8)


# pymcdm 76e7735 test/test_weights.py TestAHPWeights matrix (Wang & Chin 2011), as in
# ../shared/data/mcdm/pymcdm_cases.json; inconsistent (CR ≈ 0.23), so the methods differ.
AHP6 = [
    [1, 4, 3, 1, 3, 4],
    [1 / 4, 1, 7, 3, 1 / 5, 1],
    [1 / 3, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 6],
    [1, 1 / 3, 5, 1, 1, 1 / 3],
    [1 / 3, 5, 5, 1, 1, 3],
    [1 / 4, 1, 6, 3, 1 / 3, 1],
]


@pytest.mark.parametrize(
    "priority, weights, cr",
    [
        # Valdecy/pyDecision 56cd81d algorithm/ahp.py ahp_method(AHP6, wd='m') and wd='g', run
        (
            "mean",
            [0.3047420667, 0.1485962321, 0.0381525065, 0.1413703797, 0.2208394535, 0.1462993616],
            0.23301846286846722,
        ),
        (
            "geometric",
            [0.3159859664, 0.1391464923, 0.0360486458, 0.1251397536, 0.2360101683, 0.1476689736],
            0.2270603657120262,
        ),
        # wd='me' and pymcdm's eigenvector: the same weights, CR with Saaty's 1.24
        (
            "eigenvector",
            [0.3207701833, 0.1395027454, 0.0347683077, 0.1284860185, 0.2373899947, 0.1390827504],
            0.22901130676149503,
        ),
    ],
)
def test_ahp_priority_methods_of_pydecision(priority, weights, cr):
    """pyDecision's default priority vector is the mean of the column-normalised rows, not the
    eigenvector: a user of it could not reproduce its weights (cx24 F2)."""
    d = C.ahp(AHP6, ri="saaty", accept_inconsistent=True, priority=priority)
    np.testing.assert_allclose(d["weights"], weights, atol=1e-10)
    assert d["cr"] == pytest.approx(cr, rel=1e-9)


def test_ahp_mean_priority_by_hand():
    """[[1, 2, 5], [1/2, 1, 3], [1/5, 1/3, 1]]: column sums 1.7, 10/3, 9; row means of the
    normalised matrix (1/1.7 + 0.6 + 5/9)/3 = 0.58126…, (0.5/1.7 + 0.3 + 1/3)/3 = 0.30915…,
    (0.2/1.7 + 0.1 + 1/9)/3 = 0.10959…; geometric: ∛10, ∛1.5, ∛(1/15) normalised."""
    a = [[1, 2, 5], [1 / 2, 1, 3], [1 / 5, 1 / 3, 1]]
    mean = np.array([1 / 1.7 + 0.6 + 5 / 9, 0.5 / 1.7 + 0.3 + 1 / 3, 0.2 / 1.7 + 0.1 + 1 / 9]) / 3
    np.testing.assert_allclose(C.ahp(a, priority="mean")["weights"], mean, rtol=1e-12)
    g = np.cbrt([10, 1.5, 1 / 15])
    np.testing.assert_allclose(C.ahp(a, priority="geometric")["weights"], g / g.sum(), rtol=1e-12)
    with pytest.raises(zb.ArgumentError, match="priority"):
        C.ahp(a, priority="max_eigen")


def test_the_weigh_steps_ahp_takes_the_priority_methods_too():
    """Weigh("ahp", priority=) gives a build the weights ahp() gives: the column-normalised row
    means of [[1, 2, 5], [1/2, 1, 3], [1/5, 1/3, 1]] (0.58126…, 0.30915…, 0.10959…, by hand above)."""
    a = [[1, 2, 5], [1 / 2, 1, 3], [1 / 5, 1 / 3, 1]]
    data = pd.DataFrame({"a": [1.0, 2.0, 4.0], "b": [3.0, 1.0, 2.0], "c": [2.0, 5.0, 1.0]}, index=list("pqr"))
    fw = C.Framework.flat(["a", "b", "c"])
    for priority in ("mean", "geometric"):
        built = C.build(
            data, fw, [C.Normalise(), C.Weigh("ahp", pairwise={"Index": a}, priority=priority), C.Aggregate()]
        )
        np.testing.assert_allclose(
            built.weights.loc[["a", "b", "c"], "weight"].to_numpy(dtype=float),
            C.ahp(a, priority=priority)["weights"],
            rtol=1e-12,
        )
        assert ("row means" if priority == "mean" else "geometric means") in built.summary()
    with pytest.raises(zb.ArgumentError, match="did you mean 'geometric'"):
        C.Weigh("ahp", pairwise={"Index": a}, priority="geometrc")
    with pytest.raises(zb.ArgumentError, match="priority"):
        C.build(data, fw, [C.Normalise(), C.Weigh("entropy", priority="mean"), C.Aggregate()])
