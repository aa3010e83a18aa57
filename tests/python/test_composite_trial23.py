"""Round 23's trial against COINr, pymcdm 1.4.0 and SALib: the confidence level of the Sobol
intervals (F15), pymcdm's and SALib's keywords answered by "did you mean", AHP beyond the random
index table (F16), entropy weights of a constant column (F9)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from conftest import small_model_files
from zhibiao import cli

C = zb.composite


def busy(**kw):
    return dict(
        weights_noise={2: 0.25},
        aggregation=[C.Aggregate("arithmetic"), C.Aggregate("geometric")],
        exclude_indicator=True,
        **kw,
    )


# ---------------------------------------------------------------- F15: the Sobol intervals' level


def _sobol(small, **kw):
    data, fw, steps = small
    return C.uncertainty(data, fw, steps, n=0, sobol=64, bootstrap=200, **busy(**kw)).sobol


def test_the_default_confidence_is_the_95_percent_interval_bit_for_bit(small_composite):
    pd.testing.assert_frame_equal(_sobol(small_composite), _sobol(small_composite, confidence=0.95), check_exact=True)


def test_a_lower_confidence_narrows_the_same_resamples_interval(small_composite):
    """The bounds are the (1 − level)/2 and (1 + level)/2 percentiles of one set of bootstrap
    estimates (the seed fixes the resamples): at 0.9 they lie inside the 95 % bounds, and where
    the estimates spread, strictly; the indices themselves do not change. COINr's Nboot bounds are
    the 5th and 95th percentiles, i.e. confidence=0.9."""
    wide, narrow = _sobol(small_composite), _sobol(small_composite, confidence=0.9)
    pd.testing.assert_series_equal(wide["S"], narrow["S"], check_exact=True)
    pd.testing.assert_series_equal(wide["ST"], narrow["ST"], check_exact=True)
    defined = wide["S_low"].notna()
    assert defined.sum() > 10
    for low, high in (("S_low", "S_high"), ("ST_low", "ST_high")):
        assert (narrow.loc[defined, low] >= wide.loc[defined, low]).all()
        assert (narrow.loc[defined, high] <= wide.loc[defined, high]).all()
        assert (
            narrow.loc[defined, high] - narrow.loc[defined, low] < wide.loc[defined, high] - wide.loc[defined, low]
        ).any()


def test_the_confidence_level_gives_the_same_bits_for_a_seed_and_any_thread_count(small_composite):
    data, fw, steps = small_composite
    runs = [
        C.uncertainty(data, fw, steps, n=0, sobol=64, bootstrap=100, confidence=0.8, threads=t, **busy()).sobol
        for t in (1, 2, 2)
    ]
    pd.testing.assert_frame_equal(runs[0], runs[1], check_exact=True)
    pd.testing.assert_frame_equal(runs[1], runs[2], check_exact=True)


@pytest.mark.parametrize(
    "value, said",
    [
        (0, "not 0"),
        (1, "not 1"),
        (1.5, "not 1.5"),
        (95, "(a percentage? write 0.95)"),
        (-0.1, "not -0.1"),
        (float("nan"), "not nan"),
        (True, "not True"),
        ("0.9", "not '0.9'"),
    ],
)
def test_a_confidence_outside_0_1_is_refused_before_the_analysis(small_composite, value, said):
    data, fw, steps = small_composite
    with pytest.raises(zb.ArgumentError, match=re.escape("confidence must be a number between 0 and 1")) as e:
        C.uncertainty(data, fw, steps, n=0, sobol=8, confidence=value, **busy())
    assert said in str(e.value)


def test_the_intervals_level_and_resamples_are_said_with_the_indices(small_composite):
    # review23 F3: a 90 % and a 95 % interval looked alike: nothing said which was which
    data, fw, steps = small_composite
    result = C.uncertainty(data, fw, steps, n=0, sobol=16, bootstrap=50, confidence=0.9, **busy())
    assert result.sobol.attrs == {"bootstrap": 50, "confidence": 0.9}
    assert "intervals at 90 % of 50 bootstrap resamples" in result.summary()
    bare = C.sobol_indices(lambda x: x[:, 0] + 2 * x[:, 1], {"a": (0, 1), "b": (0, 1)}, n=64, bootstrap=20)
    assert (bare.attrs["bootstrap"], bare.attrs["confidence"]) == (20, 0.95)


@pytest.mark.parametrize("keyword", ["bootstrap", "confidence"])
def test_the_intervals_options_without_sobol_are_refused_not_ignored(small_composite, keyword):
    # review23 F5: confidence=0.9 without sobol= set nothing and said nothing (the CLI refused it)
    data, fw, steps = small_composite
    with pytest.raises(zb.ArgumentError, match=f"{keyword}= sets the intervals of the Sobol indices: it needs sobol=N"):
        C.uncertainty(data, fw, steps, n=10, **busy(**{keyword: {"bootstrap": 100, "confidence": 0.9}[keyword]}))


@pytest.mark.parametrize("bootstrap", [-1, 2.5, True])
def test_a_bootstrap_count_that_is_not_a_whole_number_is_refused(small_composite, bootstrap):
    data, fw, steps = small_composite
    with pytest.raises(zb.ArgumentError, match="bootstrap must be a whole number"):
        C.uncertainty(data, fw, steps, n=0, sobol=8, bootstrap=bootstrap, **busy())


@pytest.mark.parametrize(
    "keyword, ours, tool",
    [
        ("Nboot", "bootstrap", "COINr (get_sensitivity)"),
        ("num_resamples", "bootstrap", "SALib (sobol.analyze)"),
        ("conf_level", "confidence", "SALib (sobol.analyze)"),
    ],
)
def test_coinr_and_salib_names_of_the_interval_options_point_at_ours(small_composite, keyword, ours, tool):
    data, fw, steps = small_composite
    with pytest.raises(zb.ArgumentError, match=re.escape(f"did you mean '{ours}'? '{keyword}' is its name in {tool}")):
        C.uncertainty(data, fw, steps, n=0, sobol=8, **busy(**{keyword: 0.9}))


@pytest.fixture
def files(small_composite, tmp_path):
    return small_model_files(small_composite, tmp_path, replications=32)


def test_the_command_takes_bootstrap_and_confidence_as_python_does(files, small_composite, capsys):
    model, data, out = files
    sobol = out.with_name("sobol.csv")
    args = ["uncertainty", str(model), str(data), "--sobol", "16", "--sobol-out", str(sobol), "--out", str(out), "-q"]
    assert cli.main([*args, "--bootstrap", "60", "--confidence", "0.8"]) == 0
    frame, _, _ = small_composite
    m = C.Model.from_toml(str(model))
    want = C.uncertainty(frame, None, m, n=32, seed=4, sobol=16, bootstrap=60, confidence=0.8, weights_noise={2: 0.25})
    pd.testing.assert_frame_equal(pd.read_csv(sobol), want.sobol.reset_index(drop=True), check_dtype=False, rtol=1e-15)
    assert cli.main(args) == 0  # the defaults: 1000 resamples at 0.95, as Python's
    default = C.uncertainty(frame, None, m, n=32, seed=4, sobol=16, weights_noise={2: 0.25})
    pd.testing.assert_frame_equal(pd.read_csv(sobol), default.sobol, check_dtype=False, rtol=1e-15)


@pytest.mark.parametrize("flag, value", [("--confidence", "0.9"), ("--bootstrap", "10")])
def test_an_interval_flag_without_sobol_is_refused(files, capsys, flag, value):
    model, data, out = files
    assert cli.main(["uncertainty", str(model), str(data), flag, value, "--out", str(out)]) == 2
    assert f"{flag} sets the intervals of the Sobol indices: it needs --sobol N" in capsys.readouterr().err


def test_a_confidence_flag_outside_0_1_is_refused(files, capsys):
    model, data, out = files
    sobol = str(out.with_name("s.csv"))
    args = ["uncertainty", str(model), str(data), "--sobol", "8", "--sobol-out", sobol, "--confidence", "95"]
    assert cli.main([*args, "--out", str(out)]) == 2
    assert "(a percentage? write 0.95)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "flag, ours", [("--Nboot", "--bootstrap"), ("--num-resamples", "--bootstrap"), ("--conf-level", "--confidence")]
)
def test_coinr_and_salib_flags_get_ours_suggested(files, capsys, flag, ours):
    model, data, out = files
    with pytest.raises(SystemExit) as e:  # argparse's exit, as for any unknown option
        cli.main(["uncertainty", str(model), str(data), flag, "100", "--out", str(out)])
    assert e.value.code == 2
    assert f"{flag}: did you mean {ours}?" in capsys.readouterr().err


# ------------------------------------------------------------------- pymcdm's function keywords

X = np.array([[1.0, 5, 3], [2, 4, 8], [3, 9, 2], [5, 1, 6]])
W = np.array([0.5, 0.3, 0.2])


@pytest.mark.parametrize(
    "call, suggestion",
    [
        (lambda: C.topsis(matrix=X, w=W), "did you mean 'x'? 'matrix' is its name in pymcdm"),
        (lambda: C.topsis(X, weights=W), "did you mean 'w'? 'weights' is its name in pymcdm"),
        (lambda: C.vikor(X, weights=W), "did you mean 'w'? 'weights' is its name in pymcdm"),
        (lambda: C.vikor_compromise(X, weights=W), "did you mean 'w'?"),
        (lambda: C.copeland(X, weights=W), "did you mean 'w'?"),
        (
            lambda: C.topsis(X, W, normalization_function="minmax"),
            "did you mean 'inner'? 'normalization_function' is its name in pymcdm (TOPSIS(normalization_function=...))",
        ),
        (
            lambda: C.vikor(X, W, normalization_function=None),
            "'normalization_function' is the name in pymcdm (VIKOR(normalization_function=...)): vikor() takes",
        ),
        (lambda: C.normalise(X, normalization_function="minmax"), "did you mean 'method'?"),
        (lambda: C.normalise(X, "minmax", criteria_types=[1, 1, -1]), "did you mean 'types'?"),
        (lambda: C.weights(matrix=X, method="entropy"), "did you mean 'x'?"),
        (lambda: C.topsis(X, W, validation=False), "'validation' is the name in pymcdm: zhibiao always checks"),
    ],
)
def test_pymcdm_keywords_are_refused_with_ours(call, suggestion):
    with pytest.raises(zb.ArgumentError, match=re.escape(suggestion)):
        call()


def test_pymcdm_types_keyword_is_ours_already():
    """pymcdm's `types` is zhibiao's name too: taken, not refused."""
    assert C.topsis(X, W, types=[1, 1, -1]).shape == (4,)


# ------------------------------------------------------------------------------ F16: AHP, n > 15


def _consistent(n):
    w = np.arange(1.0, n + 1)
    return np.outer(w, 1 / w), w / w.sum()


@pytest.mark.parametrize("n", [16, 20, 30])
def test_a_consistent_comparison_of_more_than_15_elements_gives_its_weights(n):
    matrix, weights = _consistent(n)
    out = C.ahp(matrix)
    np.testing.assert_allclose(out["weights"], weights, rtol=1e-12)
    assert out["cr"] == 0.0
    assert abs(out["ci"]) < 1e-12 and abs(out["lambda_max"] - n) < 1e-10


def test_an_inconsistent_comparison_of_more_than_15_elements_is_refused_unless_accepted():
    """Both random-index tables (Tummala & Ling 1998, pymcdm's; Saaty's) stop at 15: the CR of
    16 elements is undefined. pymcdm 1.4.0 fails too (IndexError in AHP.get_cr)."""
    matrix, _ = _consistent(16)
    matrix[0, 5], matrix[5, 0] = 9.0, 1 / 9.0  # w_1/w_6 = 1/6 judged 9
    with pytest.raises(zb.MethodError, match=r"tabulated for 3 to 15 elements .* of 16 elements is undefined"):
        C.ahp(matrix)
    with pytest.raises(zb.MethodError, match="not consistent"):
        C.ahp(matrix, ri="saaty")
    accepted = C.ahp(matrix, accept_inconsistent=True)
    assert np.isnan(accepted["cr"]) and accepted["ci"] > 0.01
    assert accepted["weights"].sum() == pytest.approx(1.0)


def test_fifteen_elements_still_use_the_table():
    matrix, _ = _consistent(15)
    matrix[0, 5], matrix[5, 0] = 9.0, 1 / 9.0
    out = C.ahp(matrix, accept_inconsistent=True)
    assert out["cr"] == pytest.approx(out["ci"] / 1.5831, rel=1e-15)  # Tummala & Ling's RI(15)


# -------------------------------------------------------------- F9: entropy of a constant column


def test_a_constant_column_has_entropy_weight_exactly_zero():
    # p = 1/3 each: e = ln 3 / ln 3 = 1, d = 0; the other column takes the whole weight
    x = np.array([[1.0, 0.7], [2, 0.7], [3, 0.7]])
    assert C.weights(x, "entropy").tolist() == [1.0, 0.0]
    assert C.weights(x, "entropy", zeros="pymcdm").tolist() == [1.0, 0.0]
    with_missing = np.array([[1.0, 0.7], [2, np.nan], [3, 0.7], [4, 0.7]])
    assert C.weights(with_missing, "entropy")[1] == 0.0


def test_every_column_constant_is_refused_not_weighed_by_rounding():
    with pytest.raises(zb.MethodError, match="every column is spread evenly"):
        C.weights(np.array([[0.7, 2.0], [0.7, 2.0], [0.7, 2.0]]), "entropy")


def _pymcdm_entropy(matrix):
    """pymcdm 1.4.0's entropy_weights (pymcdm/weights/weights.py): p = x / Σx per column, e = −Σ p
    ln p / ln m, weights (1 − e) / Σ(1 − e); written out here, not imported."""
    p = matrix / matrix.sum(axis=0)
    e = -(p * np.log(p)).sum(axis=0) / np.log(matrix.shape[0])
    return (1 - e) / (1 - e).sum()


def test_entropy_weights_match_pymcdm_s_formula_on_random_matrices():
    # 1 − e is a difference of numbers near 1: rounding of the sums (ours over scaled columns)
    # is relative to 1 − e, up to ~1e-11 for nearly even columns (5e-12 in 2,000 random cases)
    rng = np.random.default_rng(23)
    for _ in range(200):
        m, n = rng.integers(3, 40), rng.integers(2, 8)
        x = rng.uniform(0.01, 100, size=(m, n))
        np.testing.assert_allclose(C.weights(x, "entropy"), _pymcdm_entropy(x), rtol=1e-9, atol=1e-15)
    # with a constant column: pymcdm's weight there is rounding (≈1e-15), ours 0; the others agree
    x = rng.uniform(0.01, 100, size=(30, 4))
    x[:, 2] = 7.25
    ours, theirs = C.weights(x, "entropy"), _pymcdm_entropy(x)
    assert ours[2] == 0.0 and abs(theirs[2]) < 1e-12
    np.testing.assert_allclose(np.delete(ours, 2), np.delete(theirs, 2), rtol=1e-9)


# ------------------------------------------------------------- Sobol indices of the user's model


def test_sobol_indices_of_a_linear_model_are_its_squared_coefficient_shares():
    """y = x1 + 2 x2 + 3 x3, each uniform on [0, 1]: S_i = ST_i = a_i² / Σa² = 1/14, 4/14, 9/14
    (no interactions), the variance Σ a_i²/12 = 14/12."""
    out = C.sobol_indices(
        lambda x: x[:, 0] + 2 * x[:, 1] + 3 * x[:, 2], {"x1": (0, 1), "x2": (0, 1), "x3": (0, 1)}, n=4096
    )
    exact = np.array([1, 4, 9]) / 14
    assert list(out.index) == ["x1", "x2", "x3"] and out.attrs["runs"] == 4096 * 5
    np.testing.assert_allclose(out["S"], exact, atol=0.01)
    np.testing.assert_allclose(out["ST"], exact, atol=0.01)
    assert (out["S_low"] <= exact).all() and (exact <= out["S_high"]).all()
    assert abs(out.attrs["variance"] - 14 / 12) < 0.01


def test_sobol_indices_of_the_ishigami_function_with_scaled_bounds():
    """Ishigami (a = 7, b = 0.1) on [−π, π]³ (Ishigami & Homma 1990; closed forms as in the C++
    test): S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437)."""

    def ishigami(x):
        return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])

    pi = np.pi
    out = C.sobol_indices(ishigami, {"x1": (-pi, pi), "x2": (-pi, pi), "x3": (-pi, pi)}, n=8192, bootstrap=300)
    v1, v2, v13 = 0.5 * (1 + 0.1 * pi**4 / 5) ** 2, 49 / 8, 0.1**2 * pi**8 * 8 / 225
    var = v1 + v2 + v13
    np.testing.assert_allclose(out["S"], [v1 / var, v2 / var, 0], atol=0.02)
    np.testing.assert_allclose(out["ST"], [(v1 + v13) / var, v2 / var, v13 / var], atol=0.02)
    again = C.sobol_indices(ishigami, {"x1": (-pi, pi), "x2": (-pi, pi), "x3": (-pi, pi)}, n=8192, bootstrap=300)
    pd.testing.assert_frame_equal(out, again, check_exact=True)


def test_sobol_indices_refuse_what_would_be_nan_or_misread():
    f = lambda x: x[:, 0]  # noqa: E731
    with pytest.raises(zb.ArgumentError, match="one number per row"):
        C.sobol_indices(lambda x: x, {"a": (0, 1), "b": (0, 1)}, n=8)
    with pytest.raises(zb.ArgumentError, match=r"not finite numbers \(rows "):
        C.sobol_indices(lambda x: np.where(x[:, 0] < 0.5, np.nan, x[:, 0]), {"a": (0, 1)}, n=8)
    with pytest.raises(zb.ArgumentError, match="low < high"):
        C.sobol_indices(f, {"a": (1, 1)})
    with pytest.raises(zb.ArgumentError, match="bounds must be"):
        C.sobol_indices(f, {})
    with pytest.raises(zb.ArgumentError, match="confidence must be"):
        C.sobol_indices(f, {"a": (0, 1)}, confidence=95)
    with pytest.raises(zb.ArgumentError, match="n must be a whole number ≥ 2"):
        C.sobol_indices(f, {"a": (0, 1)}, n=1)
    with pytest.raises(zb.ArgumentError, match="did you mean 'bounds'\\? 'problem' is its name in SALib"):
        C.sobol_indices(f, problem={"names": ["a"], "bounds": [[0, 1]]})
    with pytest.raises(zb.ArgumentError, match="did you mean 'confidence'"):
        C.sobol_indices(f, {"a": (0, 1)}, conf_level=0.9)
    with pytest.warns(RuntimeWarning, match="did not vary"):
        out = C.sobol_indices(lambda x: np.ones(len(x)), {"a": (0, 1)}, n=8, bootstrap=0)
    assert out["S"].isna().all()


def test_bootstrap_resamples_beyond_memory_are_refused_before_the_run():
    # review23 F4: bootstrap=2**62 ran with no end, its memory growing until the process was killed
    with pytest.raises(zb.LimitError, match="bootstrap resamples need .* ask for fewer resamples"):
        C.sobol_indices(lambda x: x[:, 0], {"a": (0, 1), "b": (0, 1)}, n=8, bootstrap=2**62)


@pytest.mark.parametrize(
    "model, said",
    [
        (lambda x: np.array(["a"] * len(x)), "must return real numbers, not an array of <U1"),
        (lambda x: x[:, 0] + 1j, "must return real numbers, not an array of complex128"),
        (lambda x: np.where(x[:, 0] > 0.5, np.nan, 1.0), r"e\.g\. nan at \{'a': "),
    ],
)
def test_a_models_output_that_is_no_real_number_is_refused_naming_the_inputs(model, said):
    # review23 F6: text output raised numpy's bare ValueError, complex output was cast with a warning,
    # and a NaN's inputs were numbered, not named
    with pytest.raises(zb.ArgumentError, match=said):
        C.sobol_indices(model, {"a": (0, 1), "b": (0, 1)}, n=8)


def test_two_inputs_of_one_name_and_the_designs_advice_in_python_words():
    with pytest.raises(zb.ArgumentError, match="two inputs are named '1'"):
        C.sobol_indices(lambda x: x[:, 0], {1: (0, 1), "1": (0, 1)}, n=8)
    with pytest.raises(zb.ArgumentError, match=r"use random=True$"):
        C.sobol_indices(lambda x: x[:, 0], {f"x{i}": (0, 1) for i in range(1900)}, n=2)
