"""COINr's Treat beyond its defaults: the second treatment f2 (`fallback`) and force_win.

Facts from COINr 1.1.14 (bluefoxr/COINr b968203): tests/testthat/test-treat.R "treat_num"
(lines 1-40) and R/treat.R (Treat.numeric: f2 runs on the ORIGINAL values unless combine_treat;
f2 = NULL keeps the winsorised vector; winsorise(): `while ((!passing | force_win) & nwin <
winmax)`; log_CT_orig, log_CT_plus at lines 1019-1075)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite

# test-treat.R: two outliers, so one winsorised point (winmax = 1) is not enough.
TWO_OUTLIERS = np.r_[np.arange(1.0, 21), 100, 200]


def _treated(x: np.ndarray, **options: object) -> tuple[np.ndarray, dict]:
    df = pd.DataFrame({"x": x})
    framework = C.Framework.flat(["x"], root="idx")
    r = C.build(df, framework, [C.Treat("coinr", **options), C.Normalise(), C.Aggregate()])
    return r.layer("treated")["x"].to_numpy(), r.treatment.loc["x"].to_dict()


def test_f2_log_takes_the_plain_log_of_the_original_values():
    # test-treat.R: Treat(x, f1 = "winsorise", f1_para = list(winmax = 1), f2 = "log") == log(x).
    values, record = _treated(TWO_OUTLIERS, winmax=1, fallback="log")
    np.testing.assert_allclose(values, np.log(TWO_OUTLIERS), rtol=1e-15)
    assert record["action"] == "log"


def test_without_f2_the_winsorised_values_stay_although_they_still_fail():
    # test-treat.R: f2 not given, winmax 1 → check_SkewKurt(lt$x)$Pass is FALSE; the one
    # winsorised point is 200 → 100 (R/treat.R winsorise: x[imax] <- max(x[-imax])).
    values, record = _treated(TWO_OUTLIERS, winmax=1, fallback="none")
    assert values.tolist() == [*range(1, 21), 100, 100]
    assert record["action"] == "winsorised" and record["winsorised"] == 1 and not record["passed_after"]


def test_force_win_winsorises_exactly_winmax_points():
    # test-treat.R: f1_para = list(winmax = 3, force_win = TRUE) → 3 treated points. By hand
    # (R/treat.R winsorise: the high end while skew ≥ 0, else the low end): 200 → 100 (1 point),
    # both 100s → 20 (2); 1..20 with three 20s has a negative skew, so then 1 → 2 (3).
    values, record = _treated(TWO_OUTLIERS, winmax=3, force_win=True)
    assert values.tolist() == [2, *range(2, 21), 20, 20]
    assert record["winsorised"] == 3 and record["action"] == "winsorised"
    # Without force_win the rule stops once the indicator passes: after one point here.
    one = np.r_[np.arange(1.0, 11), 100]
    assert _treated(one, winmax=3)[1]["winsorised"] == 1


def test_force_win_leaves_an_indicator_that_passes_untouched():
    # Treat.numeric checks f_pass first and calls f1 only on a failing indicator.
    x = np.arange(1.0, 12)
    values, record = _treated(x, winmax=3, force_win=True)
    assert values.tolist() == x.tolist() and record["action"] == ""


def test_log_ct_orig_and_log_ct_plus():
    # R/treat.R log_CT_orig: log(x − min + 1); log_CT_plus: log_CT when skew(x) > 0, else
    # −log(max + 0.01·(max − min) − x) (a long low tail, recorded as "log_CT_neg").
    values, record = _treated(TWO_OUTLIERS, winmax=1, fallback="log_CT_orig")
    np.testing.assert_allclose(values, np.log(TWO_OUTLIERS - 1 + 1), rtol=1e-15)
    assert record["action"] == "log_CT_orig"
    values, record = _treated(TWO_OUTLIERS, winmax=1, fallback="log_CT_plus")
    np.testing.assert_allclose(values, np.log(TWO_OUTLIERS - 1 + 0.01 * 199), rtol=1e-15)
    assert record["action"] == "log_CT"
    low = -TWO_OUTLIERS  # -1..-20, -100, -200: min -200, max -1, margin 1.99
    values, record = _treated(low, winmax=1, fallback="log_CT_plus")
    np.testing.assert_allclose(values, -np.log(-1 + 1.99 - low), rtol=1e-15)
    assert values[-1] == pytest.approx(-np.log(200.99), rel=1e-15) and record["action"] == "log_CT_neg"


def test_the_default_fallback_is_still_log_ct():
    values, record = _treated(TWO_OUTLIERS, winmax=1)
    np.testing.assert_allclose(values, np.log(TWO_OUTLIERS - 1 + 1.99), rtol=1e-15)
    assert record["action"] == "log_CT"


def test_f2_log_of_a_non_positive_value_is_refused_naming_the_indicator():
    # R gives -Inf for 0 (the check is then NA and COINr returns the values untreated) and NaN
    # below 0; zhibiao refuses.
    x = np.r_[0.0, np.arange(1.0, 20), 100, 200]
    with pytest.raises(zb.Error, match=r"fallback 'log'.*indicator 'x' has 0 for region '0'") as caught:
        _treated(x, winmax=1, fallback="log")
    assert caught.value.variable == "x" and caught.value.entity == "0"  # the region, not "row 0" (review 28c)


def test_coinr_spellings_get_did_you_mean():
    with pytest.raises(ValueError, match=r"did you mean 'fallback'\?.*COINr"):
        C.Treat("coinr", f2="log")
    with pytest.raises(ValueError, match="did you mean 'log_CT'"):
        C.Treat("coinr", fallback="logct")
    with pytest.raises(ValueError, match="coinr"):
        C.Treat("eis", force_win=True)


def test_qtreat_example_of_coinr_reference(asem):
    # COINr's documented example (R/qfuncs.R qTreat.data.frame, output in
    # docs/reference/qTreat.data.frame.html): qTreat(ASEM_iData[c("Flights", "Goods",
    # "Services")], winmax = 1, skew_thresh = 1.5, kurt_thresh = 3). Flights and Goods fail, one
    # point each does not help, so f2 = log_CT; Services passes (kurtosis 2.38 < 3).
    raw = asem[2][["Flights", "Goods", "Services"]]
    framework = C.Framework.flat(list(raw.columns), root="idx")
    for fallback in ("log_CT", "log_CT_plus"):  # both skews positive: log_CT_plus is log_CT
        r = C.build(
            raw,
            framework,
            [C.Treat("coinr", winmax=1, skew_limit=1.5, kurt_limit=3, fallback=fallback), C.Normalise(), C.Aggregate()],
        )
        t = r.treatment
        np.testing.assert_allclose(t["skew_before"], [2.103287, 2.649973, 1.701085], atol=1e-6)
        np.testing.assert_allclose(t["kurt_before"], [4.508879, 8.266610, 2.375656], atol=1e-6)
        assert t["action"].tolist() == ["log_CT", "log_CT", ""]
        np.testing.assert_allclose(t["skew_after"][:2], [-0.09502644, 0.03104001], atol=1e-8)
        np.testing.assert_allclose(t["kurt_after"][:2], [-0.8305217, -0.8888965], atol=1e-7)
    # With f2 = NULL the one winsorised point stays: COINr's check_SkewKurt1 columns.
    r = C.build(
        raw,
        framework,
        [C.Treat("coinr", winmax=1, skew_limit=1.5, kurt_limit=3, fallback="none"), C.Normalise(), C.Aggregate()],
    )
    t = r.treatment
    assert t["winsorised"].tolist()[:2] == [1, 1] and not t["passed_after"][:2].any()
    np.testing.assert_allclose(t["skew_after"][:2], [1.900658, 2.469910], atol=1e-6)
    np.testing.assert_allclose(t["kurt_after"][:2], [3.336065, 7.087309], atol=1e-6)
