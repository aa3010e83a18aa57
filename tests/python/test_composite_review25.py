"""Round 25's review of the COINr Treat options and scikit-criteria's VIKOR ranks: the cases it
found, each failing before its fix."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


def test_vikor_a2_is_every_unit_tied_at_the_second_lowest_q_whatever_the_row_order():
    # Q = .5, .5, .1714, .5, .7857 (by hand: S = .5, .5, .3, .5, .75 … and R): C1 holds
    # (.5 − .1714 ≥ DQ = .25), C2 fails (unit 2 is best by neither S nor R), so the set is a(1)
    # and a(2) — and a(2) is units 0, 1 and 3 together, not the first of them by row.
    x = np.array([[1, 2], [0, 5], [3, 1], [4, 0], [0, 4]], dtype=float)
    r = C.vikor_compromise(x, [0.5, 0.5], ranks="compromise_first")
    assert r["acceptable_advantage"] and not r["acceptable_stability"]
    assert sorted(r["compromise"]) == [0, 1, 2, 3]
    assert r["ranking"].tolist() == [1, 1, 1, 1, 2]
    swapped = C.vikor_compromise(x[[3, 1, 2, 0, 4]], [0.5, 0.5], ranks="compromise_first")
    assert sorted(swapped["compromise"]) == [0, 1, 2, 3]


def test_fallback_none_is_refused_not_read_as_the_default():
    # None means "the default" for the other options; as COINr's f2 = NULL it meant the opposite
    with pytest.raises(zb.ArgumentError, match=r"fallback='none'"):
        C.Treat("coinr", fallback=None)  # type: ignore[arg-type]
    assert C.Treat("coinr").fallback == "log_CT"


def test_the_older_treat_options_keep_their_positions():
    step = C.Treat("coinr", 3, 2.5, 4.0)
    assert (step.winmax, step.skew_limit, step.kurt_limit) == (3, 2.5, 4.0)


@pytest.mark.parametrize(
    "given, hint",
    [({"skew_thresh": 2.0}, "skew_limit"), ({"kurt_thresh": 3.0}, "kurt_limit")],
)
def test_coinr_names_of_the_limits_are_suggested(given, hint):
    with pytest.raises(zb.Error, match=rf"did you mean '{hint}'"):
        C.Treat("coinr", **given)


@pytest.mark.parametrize("name, words", [("log_GII", "returns its input unchanged"), ("boxcox", "lambda")])
def test_coinr_fallbacks_not_offered_say_why(name, words):
    with pytest.raises(zb.Error, match=words) as caught:
        C.Treat("coinr", fallback=name)
    assert "did you mean 'log_CT'" not in str(caught.value)


def test_a_sensitivity_run_of_one_row_is_refused_before_the_design_runs():
    data = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [4.0, 1, 3, 2]}, index=list("wxyz"))
    with pytest.raises(zb.ArgumentError, match="sobol"):
        C.uncertainty(data, sobol=1, replications=0)
