"""Round 12: two COINr options that change numbers, implemented in the C++ core.

* ``Aggregate(min_availability=)`` is COINr's ``dat_thresh`` of ``Aggregate`` (COINr 1.1.14,
  R/aggregate.R, Aggregate.data.frame): per unit and group, if sum(!is.na(x))/length(x) <
  dat_thresh the group's score is NA; one number applies to every level.
* ``Normalise(ties=)`` is the ``ties.method`` of COINr's n_rank, n_borda and n_prank (R/normalise.R:
  rank(x, ties.method = ties.method, na.last = "keep"), default "min"; n_prank divides rank − 1 by
  the number of values present − 1).
"""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite
nan = np.nan


def _two_pillars() -> tuple[pd.DataFrame, C.Framework]:
    data = pd.DataFrame(
        {"a": [0, 50, 100.0], "b": [0, nan, 100.0], "c": [100, nan, 0.0], "d": [0, 100, 50.0]}, index=list("xyz")
    )
    meta = pd.DataFrame(
        {
            "code": ["idx", "P1", "P2", "a", "b", "c", "d"],
            "parent": [None, "idx", "idx", "P1", "P1", "P1", "P2"],
            "weight": 1.0,
            "direction": 1,
            "level": [3, 2, 2, 1, 1, 1, 1],
        }
    )
    return data, C.Framework.from_pandas(meta)


@pytest.mark.parametrize(
    "threshold, p1_y, idx_y",
    [
        # y has 1 of P1's 3 children (a = 50) and P2's only child (d = 100), by hand:
        (0.0, 50.0, 75.0),  # no threshold: P1 = 50, idx = (50 + 100)/2
        (1 / 3, 50.0, 75.0),  # 1/3 is not below 1/3 (COINr's test is strict: <)
        (0.5, nan, 100.0),  # 1/3 < 0.5: P1 missing; idx from P2 alone (1 of 2 children = 0.5, kept)
        (2 / 3, nan, nan),  # and at the index 1/2 < 2/3: missing too
    ],
)
def test_min_availability_is_coinr_dat_thresh(threshold, p1_y, idx_y):
    data, fw = _two_pillars()
    r = C.build(data, fw, [C.Normalise(), C.Aggregate(min_availability=threshold)])
    np.testing.assert_allclose([r.scores.loc["y", "P1"], r.scores.loc["y", "idx"]], [p1_y, idx_y])
    # x and z have every value: P1 = (0 + 0 + 100)/3 and (100 + 100 + 0)/3, idx = (P1 + P2)/2.
    np.testing.assert_allclose(r.scores.loc[["x", "z"], "idx"], [(100 / 3 + 0) / 2, (200 / 3 + 50) / 2])


def test_min_availability_per_level_and_in_the_method_text():
    data, fw = _two_pillars()
    # COINr's per-level dat_thresh = c(0.5, 0): the threshold on level 2 only.
    r = C.build(data, fw, [C.Normalise(), C.Aggregate(levels=[2], min_availability=0.5), C.Aggregate(levels=[3])])
    assert np.isnan(r.scores.loc["y", "P1"]) and r.scores.loc["y", "idx"] == 100
    assert "less than 50 % of a group's children present" in r.summary()
    with pytest.raises(zb.ArgumentError, match="min_availability.*between 0 and 1"):
        C.Aggregate(min_availability=1.5)
    with pytest.raises(zb.UnknownKeywordError, match="did you mean 'min_availability'.*COINr"):
        C.Aggregate(dat_thresh=0.5)


def test_min_availability_counts_zero_weight_children_as_coinr_does():
    # COINr's length(x) is the number of children, whatever their weights: with b weighted 0 and
    # missing, a alone present is 1 of 2 = 0.5 < 0.6, so P is missing (not 1 of 1).
    data = pd.DataFrame({"a": [0, 10, 20.0], "b": [1, nan, 3.0]}, index=list("xyz"))
    meta = pd.DataFrame(
        {"code": ["P", "a", "b"], "parent": [None, "P", "P"], "weight": [1, 1, 0.0], "direction": 1, "level": [2, 1, 1]}
    )
    r = C.build(data, C.Framework.from_pandas(meta), [C.Normalise(), C.Aggregate(min_availability=0.6)])
    assert np.isnan(r.scores.loc["y", "P"]) and r.scores.loc["x", "P"] == 0


def test_min_availability_on_asem_against_coinr_rule(asem):
    # COINr's ASEM indicators before imputation (Denominated stage, 129 missing values), min-max to
    # [0, 100] and aggregated with dat_thresh = 0.8; the expected scores are COINr's rule written
    # out here in pandas over the same normalised layer.
    d, meta, _ = asem
    data = pd.read_csv(d / "stage_denominated.csv", index_col="uCode")
    fw = C.Framework.from_pandas(meta)
    r = C.build(data, fw, [C.Normalise("minmax", (0, 100)), C.Aggregate(min_availability=0.8)])
    nodes = fw.to_pandas().set_index("code")
    scores = r.layer("normalised").copy()
    for level in (2, 3, 4):
        for group in nodes.index[nodes["level"] == level]:
            kids = nodes.index[nodes["parent"] == group]
            x, w = scores[kids], nodes.loc[kids, "weight"].to_numpy()
            present = x.notna()
            mean = (x.fillna(0) * w).sum(axis=1) / (present * w).sum(axis=1)
            scores[group] = mean.where(present.sum(axis=1) / len(kids) >= 0.8)
    got = r.scores[scores.columns]
    assert got.isna().equals(scores.isna())
    # Without the threshold no aggregate is missing; with it 25 are (6 of them the Index).
    assert int(got.drop(columns=r.layer("normalised").columns).isna().to_numpy().sum()) == 25
    np.testing.assert_allclose(got.to_numpy(), scores.to_numpy(), rtol=1e-12)


@pytest.mark.parametrize(
    "method, ties, want",
    [
        # x = 3, 1, 3, 2, 4; R: rank(x, ties.method = "min") = 3 1 3 2 5, "average" = 3.5 1 3.5 2 5
        ("rank", "min", [3, 1, 3, 2, 5]),
        ("rank", "average", [3.5, 1, 3.5, 2, 5]),
        ("rank", "dense", [3, 1, 3, 2, 4]),
        ("borda", "average", [2.5, 0, 2.5, 1, 4]),  # rank − 1
        ("percentile", "average", [2.5 / 4, 0, 2.5 / 4, 1 / 4, 1]),  # (rank − 1)/(5 − 1)
    ],
)
def test_rank_normalisation_ties(method, ties, want):
    x = pd.DataFrame({"a": [3.0, 1, 3, 2, 4]}, index=list("pqrst"))
    r = C.build(x, None, [C.Normalise(method, ties=ties), C.Aggregate()])
    np.testing.assert_allclose(r.layer("normalised")["a"], want)


def test_ties_is_refused_where_unused_and_kept_in_the_model_file():
    with pytest.raises(zb.ArgumentError, match="ties.*applies to rank, borda and percentile only"):
        C.Normalise("minmax", ties="average")
    with pytest.raises(zb.ArgumentError, match="'Average' is not one of: min, dense, average.*'average'"):
        C.Normalise("rank", ties="Average")
    model = C.Model.from_steps([C.Normalise("rank", ties="average"), C.Aggregate(min_availability=0.5)])
    again = C.Model(model.toml)
    assert "ties = 'average'" in again.toml and "min_availability = 0.5" in again.toml


def test_average_ties_on_asem_treated(asem):
    # COINr's Treated ASEM set has ties (e.g. zeros in Bord, Elec, TIRcon); Normalise(rank,
    # ties = "average") is R's rank(direction · x, ties.method = "average") column by column.
    d, meta, _ = asem
    treated = pd.read_csv(d / "stage_treated.csv", index_col="uCode")
    r = C.build(treated, C.Framework.from_pandas(meta), [C.Normalise("rank", ties="average"), C.Aggregate()])
    got = r.layer("normalised")
    ind = meta[meta.Type == "Indicator"].set_index("iCode")
    want = (treated[got.columns] * ind.loc[got.columns, "Direction"]).rank(method="average")
    assert (want != want.round()).to_numpy().any()  # some ties are shared: the option matters here
    np.testing.assert_allclose(got.to_numpy(), want.loc[got.index].to_numpy())


@pytest.mark.parametrize("method", ["arithmetic", "geometric"])
def test_the_uncertainty_analysis_applies_min_availability(method):
    # The fast replications ignored the threshold (review of round 12): a region build() leaves
    # without an index score got a nominal rank and a mean score in the analysis.
    rng = np.random.default_rng(0)
    x = rng.uniform(1, 100, (30, 4))
    x[rng.uniform(size=(30, 4)) < 0.3] = np.nan
    data = pd.DataFrame(x, columns=list("abcd"), index=[f"r{i}" for i in range(30)])
    fw = _two_pillars()[1]  # P1 over a, b, c; P2 over d
    steps = [C.Normalise("minmax", (1, 100)), C.Aggregate(method, min_availability=2 / 3)]
    built = C.build(data, fw, steps)
    u = C.uncertainty(data, fw, steps, n=20, weights_noise={2: 0.2}, seed=1)
    ranks = u.node_ranks("idx")
    missing = built.scores["idx"].isna()
    assert missing.any() and not missing.all()
    assert ranks["nominal_rank"].isna().reindex(built.scores.index).equals(missing)
    assert ranks["mean_score"].isna().reindex(built.scores.index).equals(missing)
