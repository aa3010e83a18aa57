"""Trial 22b: cases from other tools' own test suites, written as a user of each tool would, with
the source of every expected value in a comment. COINr = bluefoxr/COINr b968203
(tests/testthat/), pymcdm = kotbaton/pymcdm 76e7735 (v1.4.0, test/), SALib = SALib/SALib
1c37548 (tests/test_sobol.py)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


def _flat(df: pd.DataFrame, directions: dict[str, int] | None = None) -> "C.Framework":
    return C.Framework.flat(list(df.columns), directions=directions or {}, root="idx")


def _normalised(df: pd.DataFrame, step: "C.Normalise", directions: dict[str, int] | None = None) -> pd.DataFrame:
    return C.build(df, _flat(df, directions), [step, C.Aggregate()]).layer("normalised")


# --- pymcdm -------------------------------------------------------------------------------


def test_topsis_and_vikor_of_opricovic_and_tzeng_as_pymcdm_tests_them():
    # pymcdm test/test_mcdm.py TestTOPSIS.test_output: [0.500, 0.617, 0.500] (3 decimals);
    # TestVIKOR.test_output_opricovic: Q = [1, 0, 1]; test_output_yang: [0.5679, 0.7667, 1, 0.7493, 0].
    m = np.array([[1, 2, 5], [3000, 3750, 4500]]).T
    assert np.round(C.topsis(m, [0.5, 0.5], [-1, 1]), 3).tolist() == [0.5, 0.617, 0.5]
    assert C.vikor(m, [0.5, 0.5], [-1, 1])["Q"].tolist() == [1, 0, 1]
    yang = np.array([[78, 56, 34, 6], [4, 45, 3, 97], [18, 2, 50, 63], [9, 14, 11, 92], [85, 9, 100, 29]])
    assert np.round(C.vikor(yang, [0.25] * 4, [1] * 4)["Q"], 4).tolist() == [0.5679, 0.7667, 1, 0.7493, 0]


def test_weighted_sum_and_product_with_weights_summing_to_two_as_pymcdm_tests_them():
    # pymcdm test/test_mcdm.py TestWSM / TestWPM (sum normalisation, the default; weights 8/13,
    # 5/13, 6/13, 7/13 sum to 2): [0.609, 0.313, 0.334, 0.265, 0.479] and [0.065, 0.017, 0.019,
    # 0.007, 0.052]. docs/composite.md: ours are WSM ÷ Σw and WPM^(1/Σw).
    x = np.array([[96, 83, 75, 7], [63, 5, 56, 9], [72, 30, 32, 48], [11, 4, 27, 9], [77, 21, 17, 11]], float)
    w = np.array([8, 5, 6, 7]) / 13
    df = pd.DataFrame(x, columns=list("abcd"))
    fw = _flat(df, {"c": -1, "d": -1})
    steps = [C.Normalise("sum", cost="inverse"), C.Weigh("fixed", fixed=dict(zip("abcd", w)))]
    wsm = C.build(df, fw, [*steps, C.Aggregate("arithmetic")]).scores["idx"].to_numpy() * w.sum()
    wpm = C.build(df, fw, [*steps, C.Aggregate("geometric")]).scores["idx"].to_numpy() ** w.sum()
    assert np.round(wsm, 3).tolist() == [0.609, 0.313, 0.334, 0.265, 0.479]
    assert np.round(wpm, 3).tolist() == [0.065, 0.017, 0.019, 0.007, 0.052]


def test_criterion_types_as_pymcdm_users_write_them():
    # pymcdm's tests pass types as float arrays (test_mcdm.py TestPROMETHEE_II: np.ones(3)) and
    # pymcdm.helpers.normalize_matrix casts them to int, None meaning every criterion a profit.
    m = np.array([[1, 2, 5], [3000, 3750, 4500]]).T
    expected = C.topsis(m, [0.5, 0.5], [-1, 1])
    np.testing.assert_array_equal(C.topsis(m, [0.5, 0.5], np.array([-1.0, 1.0])), expected)
    np.testing.assert_array_equal(C.vikor(m, [0.5, 0.5], [-1.0, 1.0])["Q"], [1, 0, 1])
    np.testing.assert_array_equal(C.topsis(m, [0.5, 0.5], None), C.topsis(m, [0.5, 0.5], np.ones(2)))
    np.testing.assert_array_equal(C.normalise(m, "minmax", np.array([-1.0, 1.0])), C.normalise(m, "minmax", [-1, 1]))
    np.testing.assert_array_equal(
        C.weights(m, "merec", types=np.array([-1.0, 1.0])), C.weights(m, "merec", types=[-1, 1])
    )
    np.testing.assert_array_equal(C.vikor_compromise(m, [0.5, 0.5], np.ones(2))["Q"], C.vikor(m, [0.5, 0.5])["Q"])


def test_topsis_leaves_out_a_constant_criterion_as_pymcdm():
    # pymcdm normalizations.py minmax_normalization: "If all values are equal" → ones, so the
    # criterion adds nothing to either distance: TOPSIS of [[1, 5], [2, 5], [3, 5]] is that of
    # [[1], [2], [3]], [0, 0.5, 1] (PIS = NIS on the constant column).
    x = np.array([[1.0, 5], [2, 5], [3, 5]])
    np.testing.assert_allclose(C.topsis(x, [0.5, 0.5], [1, -1]), [0, 0.5, 1], atol=1e-15)
    y = np.array([[4.0, 1, 7], [2, 1, 3], [9, 1, 5], [6, 1, 2]])
    np.testing.assert_allclose(
        C.topsis(y, [0.2, 0.5, 0.3], [1, 1, -1]), C.topsis(y[:, [0, 2]], [0.2, 0.3], [1, -1]), rtol=1e-14
    )
    with pytest.raises(zb.MethodError, match="every criterion constant"):  # a single unit: nothing to rank
        C.topsis(x[:1], [0.5, 0.5])


def test_sum_normalisation_refuses_negative_values_as_pymcdm():
    # pymcdm normalizations.py sum_normalization: "requires all positive values" (ValueError for
    # x ≤ 0). A positive sum over both signs gave a share of −50 % (−1, 1, 2 → −0.5, 0.5, 1).
    x = np.array([[-1.0, 5], [1, 3], [2, 2]])
    with pytest.raises(zb.MethodError, match="'0' by its sum: it has negative values"):
        C.normalise(x, "sum", [1, 1])
    df = pd.DataFrame(x, columns=["a", "b"])
    with pytest.raises(zb.MethodError, match="'a' by its sum: it has negative values"):
        C.build(df, _flat(df), [C.Normalise("sum"), C.Aggregate()])
    assert C.normalise(np.abs(x), "sum", [1, 1])[:, 0].tolist() == [0.25, 0.25, 0.5]  # zeros and positives stay


@pytest.mark.parametrize("types", [[1.5, 1.0], ["a", 1], [[1], [1]], [np.nan, 1.0]])
def test_criterion_types_that_are_not_whole_numbers_are_an_argument_error_naming_them(types):
    m = np.array([[1.0, 2], [2, 1], [3, 3]])
    with pytest.raises(zb.ArgumentError, match="types"):
        C.topsis(m, [0.5, 0.5], types)


# --- COINr --------------------------------------------------------------------------------


def test_goalposts_of_coinr_n_funcs():
    # COINr tests/testthat/test-normalise.R "n_funcs": n_goalposts(1, c(0, 10, 1)) = 0.1, 11 → 1,
    # −1 → 0; with direction = −1: 0.9, 0, 1.
    df = pd.DataFrame({"x": [1.0, 11, -1]}, index=list("abc"))
    step = C.Normalise("goalposts", goalposts={"x": (0, 10)}, goal_scale=1)
    assert _normalised(df, step)["x"].tolist() == [0.1, 1.0, 0.0]
    assert _normalised(df, step, {"x": -1})["x"].tolist() == [0.9, 0.0, 1.0]


def test_weighted_means_of_coinr_agg_functions():
    # COINr test-aggregate.R "agg_functions": a_gmean(1:3, c(1, 1, 2)) = (1·2·3²)^(1/4),
    # a_hmean(1:3, c(2, 1, 1)) = 4/(2/1 + 1/2 + 1/3) = a_genmean(p = −1). The region "top" makes
    # the maximum of every column 10, so frac_of_max scores u as x/10.
    df = pd.DataFrame({"a": [1.0, 10], "b": [2.0, 10], "c": [3.0, 10]}, index=["u", "top"])

    def score(weights, method, **kw):
        steps = [C.Normalise("frac_of_max"), C.Weigh("fixed", fixed=weights), C.Aggregate(method, **kw)]
        return C.build(df, _flat(df), steps).scores.loc["u", "idx"] * 10

    assert score({"a": 1, "b": 1, "c": 2}, "geometric") == pytest.approx((1 * 2 * 3**2) ** (1 / 4), rel=1e-15)
    assert score({"a": 2, "b": 1, "c": 1}, "harmonic") == pytest.approx(4 / (2 / 1 + 1 / 2 + 1 / 3), rel=1e-15)
    assert score({"a": 2, "b": 1, "c": 1}, "generalised", power=-1) == pytest.approx(4 / (2 + 1 / 2 + 1 / 3), rel=1e-15)


def test_winsorisation_and_log_of_coinr_treat_num():
    # COINr test-treat.R "treat_num": x = 1..10, 100 with winmax 5 → 100 becomes 10; x = 1..20,
    # 100, 200 with winmax 1 fails and takes f2 (COINr's default log_CT, R/treat.R:
    # log(x − min + 0.01·(max − min)) of the original values).
    one = pd.DataFrame({"x": np.r_[np.arange(1.0, 11), 100]})
    treated = C.build(one, _flat(one), [C.Treat("coinr", winmax=5), C.Normalise(), C.Aggregate()]).layer("treated")
    assert treated["x"].tolist() == [*range(1, 11), 10]
    x = np.r_[np.arange(1.0, 21), 100, 200]
    two = pd.DataFrame({"x": x})
    treated = C.build(two, _flat(two), [C.Treat("coinr", winmax=1), C.Normalise(), C.Aggregate()]).layer("treated")
    np.testing.assert_allclose(treated["x"], np.log(x - x.min() + 0.01 * (x.max() - x.min())), rtol=1e-15)


def _screen_data() -> pd.DataFrame:
    # COINr test-Screen.R "screendf": 10 units × 10 indicators; unit a 50 % available, b 90 %,
    # c 50 % zeros, d 90 % non-zero. Unit e is ours: 4 missing and 3 zeros among its 6 values.
    rng = np.random.default_rng(5)
    x = pd.DataFrame(rng.uniform(1, 2, size=(10, 10)), columns=[f"V{i}" for i in range(10)], index=list("abcdefghij"))
    x.iloc[0, 0:5] = np.nan
    x.iloc[1, 0] = np.nan
    x.iloc[2, 0:5] = 0
    x.iloc[3, 0] = 0
    x.iloc[4, 0:4] = np.nan
    x.iloc[4, 4:7] = 0
    return x


def _kept(screen: "C.Screen") -> list[str]:
    x = _screen_data()
    r = C.build(x, _flat(x), [screen, C.Impute("none"), C.Normalise(), C.Aggregate()])
    return sorted(r.scores.index[r.scores["idx"].notna()])


def test_screening_by_availability_as_coinr_screendf():
    # COINr "screendf": dat_thresh = 0.75 removes a only (and our e, 60 % available); 1 removes b too.
    assert _kept(C.Screen(0.75)) == list("bcdfghij")
    assert _kept(C.Screen(1.0)) == list("cdfghij")


def test_the_zero_share_of_the_screen_counts_the_values_present_as_coinr():
    # COINr R/screen_units.R get_data_avail: Prc_nonzero = 1 − zeros/(ncol − NAs); a unit is
    # screened when it is below nonzero_thresh. "screendf": nonzero_thresh = 0.75 removes c. Unit e
    # has 3 zeros among 6 values present: non-zero share 0.5, so nonzero_thresh = 0.6
    # (max_zero_share = 0.4) removes it too; over all ten indicators it would be 0.3 and kept.
    assert _kept(C.Screen(max_zero_share=0.25)) == list("abdfghij")
    assert _kept(C.Screen(max_zero_share=0.4)) == list("abdfghij")
    x = _screen_data()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = C.build(x, _flat(x), [C.Screen(max_zero_share=0.4), C.Impute("none"), C.Normalise(), C.Aggregate()])
    assert r.screening.loc["e", "zero_share"] == 0.5 and r.screening.loc["a", "zero_share"] == 0


def test_sensitivity_of_an_assumption_that_changes_nothing_is_zero_as_coinr(asem, asem_steps):
    # COINr test-sensitivity.R "sensitivity_works" (the example coin, ASEM): two identical
    # normalisation alternatives beside winmax 1:5 → Si and STi of the normalisation are 0
    # (expect_equal), while winmax moves the ranks. COINr's output is the mean absolute rank shift.
    _, meta, raw = asem
    same = [C.Normalise("minmax", (1, 100)), C.Normalise("minmax", (1, 100))]
    u = C.uncertainty(
        raw, C.Framework.from_pandas(meta), asem_steps, n=0, sobol=20, winmax=(1, 5), normalisation=same, bootstrap=10
    )
    s = u.sobol.set_index(["output", "input"])
    assert s.loc[("mean_abs_rank_shift", "normalisation"), ["S", "ST"]].tolist() == [0, 0]
    assert s.loc[("mean_abs_rank_shift", "winmax"), "ST"] > 0


def test_the_n_dist2targ_suggestion_gives_coinrs_numbers_for_a_lower_is_better_indicator():
    # COINr tests/testthat/test-normalise.R "dist2targ": x = (-1, 1, 10), targ = 0, direction = -1,
    # cap_max = TRUE gives (1, 0.9, 0) — R/normalise.R n_dist2targ: (max - x) / (max - targ).
    # The suggestion said "goalposts (min, target)", which gives (1, 0, 0) here (trial22b F11).
    with pytest.raises(ValueError) as caught:
        C.Normalise("n_dist2targ")
    assert "(target, max) where lower is better" in str(caught.value)
    frame = pd.DataFrame({"x": [-1.0, 1.0, 10.0]}, index=list("abc"))
    fw = C.Framework.flat(["x"], directions={"x": -1})
    r = C.build(frame, fw, [C.Normalise("goalposts", goalposts={"x": (0, 10)}, goal_scale=1), C.Aggregate()])
    np.testing.assert_allclose(r.layer("normalised")["x"].to_numpy(), [1.0, 0.9, 0.0], rtol=1e-15)


def test_pymcdm_names_get_their_suggestion_not_a_different_method():
    # trial22b F4, F5, F7: pymcdm's own tests write 'minmax_normalization' and 'entropy_weights'
    # (test/test_normalizations.py, test/test_weights.py); COPRAS and SPOTIS were pointed to
    # TOPSIS by edit distance alone.
    m, types = np.array([[1.0, 2, 3], [2, 3, 1], [3, 1, 2]]), [1, 1, -1]
    for call, said in (
        (lambda: C.Aggregate("copras"), "TOPSIS is another method, not COPRAS"),
        (lambda: C.Aggregate("moora"), "Normalise('vector', cost = 'complement')"),
        (lambda: C.normalise(m, "minmax_normalization", types), "did you mean 'minmax'?"),
        (lambda: C.normalise(m, "max", types), "cost = 'complement'"),
        (lambda: C.weights(m, "entropy_weights"), "did you mean 'entropy'?"),
        (lambda: C.Weigh("standard_deviation_weights"), "did you mean 'sd'?"),
    ):
        with pytest.raises(ValueError) as caught:
            call()
        assert said in str(caught.value)
        assert "did you mean 'topsis'" not in str(caught.value)


def test_coinr_keywords_get_their_suggestion():
    # trial22b F6: COINr's Screen(nonzero_thresh=), i_mean(impute_by=) and Normalise's f_n.
    for call, said in (
        (lambda: C.Screen(nonzero_thresh=0.5), "max_zero_share = 1 − nonzero_thresh"),
        (lambda: C.Impute("mean", impute_by="row"), "impute_by = 'row' has no equivalent"),
        (lambda: C.Normalise(f_n="n_minmax"), "did you mean 'method'?"),
    ):
        with pytest.raises(zb.UnknownKeywordError) as caught:
            call()
        assert said in str(caught.value)
