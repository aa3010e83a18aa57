"""Round 13: R's tie rules for rank normalisations and result ranks.

R's rank(x, ties.method = …) (base R documentation, ?rank): "first" gives a permutation with
increasing values at each set of ties (order of appearance), "last" decreasing values, "max" and
"min" the largest and smallest rank of the set, "average" their mean; "random" orders ties at
random from R's RNG, which cannot be reproduced here, so it is refused with the reason.
Figures worked by hand for x = 3, 1, 3, 2, 4 (sorted 1, 2, 3, 3, 4; the 3s hold places 3 and 4):
min 3 1 3 2 5, max 4 1 4 2 5, first 3 1 4 2 5, last 4 1 3 2 5, average 3.5 1 3.5 2 5, dense 3 1 3 2 4.
"""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite
X = pd.DataFrame({"a": [3.0, 1, 3, 2, 4]}, index=list("pqrst"))


@pytest.mark.parametrize(
    "method, ties, want",
    [
        ("rank", "max", [4, 1, 4, 2, 5]),
        ("rank", "first", [3, 1, 4, 2, 5]),
        ("rank", "last", [4, 1, 3, 2, 5]),
        ("borda", "first", [2, 0, 3, 1, 4]),  # rank − 1
        ("percentile", "max", [3 / 4, 0, 3 / 4, 1 / 4, 1]),  # (rank − 1)/(5 − 1)
    ],
)
def test_r_tie_rules_in_rank_normalisations(method, ties, want):
    r = C.build(X, None, [C.Normalise(method, ties=ties), C.Aggregate()])
    np.testing.assert_allclose(r.layer("normalised")["a"], want)


def test_first_follows_the_order_of_appearance_after_the_direction_flip():
    # A lower-is-better indicator is negated first: −3, −1, −3, −2, −4 → the 3s hold places 2 and
    # 3 (sorted −4, −3, −3, −2, −1), the first 3 (p) before the second (r).
    fw = C.Framework.flat(["a"], directions={"a": -1})
    r = C.build(X, fw, [C.Normalise("rank", ties="first"), C.Aggregate()])
    assert r.layer("normalised")["a"].tolist() == [2, 5, 3, 4, 1]


def test_result_ranks_take_the_r_tie_rules():
    # Scores 3, 3, 1, 2 (p, q, r, s) ranked from the best: the 3s share places 1 and 2.
    data = pd.DataFrame({"a": [3.0, 3.0, 1.0, 2.0], "region": ["x", "y", "x", "y"]}, index=list("pqrs"))
    r = C.build(data, C.Framework.flat(["a"]), [C.Normalise(), C.Aggregate()])
    assert r.rank("max")["Index"].tolist() == [2, 2, 4, 3]
    assert r.rank("first")["Index"].tolist() == [1, 2, 4, 3]
    assert r.rank("last")["Index"].tolist() == [2, 1, 4, 3]
    assert str(r.rank("first")["Index"].dtype) == "Int64"
    # Within groups, the order of appearance inside each: g holds p and q (3, 3), h r and s (1, 2).
    assert r.rank("first", within=["g", "g", "h", "h"])["Index"].tolist() == [1, 2, 2, 1]


def test_random_is_refused_with_the_reason_and_other_names_get_a_suggestion():
    with pytest.raises(zb.ArgumentError, match="'random' is the name in R.*cannot reproduce.*'first'"):
        C.Normalise("rank", ties="random")
    r = C.build(X, None, [C.Normalise(), C.Aggregate()])
    with pytest.raises(zb.ArgumentError, match="'random' is the name in R.*set.seed"):
        r.rank(ties="random")
    with pytest.raises(zb.ArgumentError, match="did you mean 'first'\\? 'row_number' is its name in dplyr"):
        C.Normalise("rank", ties="row_number")
    with pytest.raises(zb.ArgumentError, match="did you mean 'first'"):
        r.rank(ties="frist")
    with pytest.raises(zb.ArgumentError, match="did you mean 'max'"):
        C.Normalise("rank", ties="Max")


def test_new_ties_in_a_model_file_and_the_method_text():
    model = C.Model.from_steps([C.Normalise("rank", ties="first"), C.Aggregate()])
    again = C.Model(model.toml)
    assert "ties = 'first'" in again.toml
    r = C.build(X, None, [C.Normalise("rank", ties="first"), C.Aggregate()])
    assert "equal values ranked in their order of appearance" in r.summary()
