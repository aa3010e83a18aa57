"""zb.composite against COINr's ASEM example (../shared/data/coinr-asem, COINr 1.1.14)."""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb


@pytest.fixture
def asem(shared):
    d = shared / "data" / "coinr-asem"
    meta = pd.read_csv(d / "ASEM_iMeta.csv")
    treated = pd.read_csv(d / "stage_treated.csv", index_col="uCode")
    return d, meta, treated


def test_build_reproduces_coinr_stages(asem):
    d, meta, treated = asem
    fw = zb.composite.Framework.from_pandas(meta)
    result = zb.composite.build(treated, fw, [zb.composite.Normalise("minmax", range=(0, 100)), zb.composite.Aggregate()])
    normalised = pd.read_csv(d / "stage_normalised.csv", index_col="uCode")[fw.indicators]
    np.testing.assert_allclose(result.layer("normalised").to_numpy(), normalised.to_numpy(), rtol=1e-9, atol=1e-12)
    aggregated = pd.read_csv(d / "stage_aggregated.csv", index_col="uCode")[result.scores.columns]
    np.testing.assert_allclose(result.scores.to_numpy(), aggregated.to_numpy(), rtol=1e-9)
    full = pd.read_csv(d / "results_full.csv", index_col="uCode")
    assert (result.ranks.loc[full.index, "Index"] == full["Rank"]).all()
    eff = pd.read_csv(d / "effective_weights.csv", index_col="iCode")["EffWeight"]
    np.testing.assert_allclose(fw.effective_weights()[eff.index].to_numpy(), eff.to_numpy(), rtol=1e-12)
    assert "minmax to [0, 100]" in result.summary()


def test_geometric_mean_needs_positive_scores(asem):
    _, meta, treated = asem
    fw = zb.composite.Framework.from_pandas(meta)
    with pytest.raises(zb.Error, match="positive scores"):
        zb.composite.build(treated, fw, [zb.composite.Normalise("minmax"), zb.composite.Aggregate("geometric")])
    ok = zb.composite.build(treated, fw, [zb.composite.Normalise("minmax", range=(1, 100)), zb.composite.Aggregate("geometric")])
    expected = pd.read_csv(asem[0] / "aggregate_a_gmean_minmax1_100.csv", index_col="uCode")[ok.scores.columns]
    np.testing.assert_allclose(ok.scores.to_numpy(), expected.to_numpy(), rtol=1e-9)


def test_framework_errors():
    meta = pd.DataFrame({"code": ["Index", "a", "b"], "parent": [None, "Index", "Index"], "weight": [1, -1, 1],
                         "direction": [1, 1, 1], "level": [2, 1, 1]})
    with pytest.raises(zb.Error, match="'a' has a negative weight"):
        zb.composite.Framework.from_pandas(meta)
    meta.loc[1, "weight"] = 1
    meta.loc[2, "parent"] = "nowhere"
    with pytest.raises(zb.Error, match="unknown parent 'nowhere'"):
        zb.composite.Framework.from_pandas(meta)


def test_constant_indicator_is_refused_and_ranks_are_a_permutation():
    meta = pd.DataFrame({"code": ["Index", "a", "b"], "parent": [None, "Index", "Index"], "weight": [1, 1, 2],
                         "direction": [1, 1, -1], "level": [2, 1, 1]})
    fw = zb.composite.Framework.from_pandas(meta)
    with pytest.raises(zb.Error, match="'a'.*constant"):
        zb.composite.build(pd.DataFrame({"a": [1.0, 1.0], "b": [2.0, 3.0]}), fw)
    data = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [4.0, 3.0, 2.0, 1.0]}, index=list("wxyz"))
    r = zb.composite.build(data, fw)
    assert sorted(r.ranks["Index"]) == [1, 2, 3, 4]
    assert r.ranks.loc["z", "Index"] == 1  # best on a, and lowest (better) on the lower-is-better b
