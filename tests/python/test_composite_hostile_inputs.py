"""Round-10 trial of zb.composite with hostile inputs: bad goalposts and standard values, regions
without a group label, numeric group codes, negative denominators, regression imputation from
two points. Each expected figure is worked by hand next to it."""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


def _data() -> pd.DataFrame:
    return pd.DataFrame(
        {"a": [1.0, 2, 4, 5, 5], "b": [10.0, 0, 3, 7, 2], "c": [0.5, 0.1, 0.9, 0.3, 0.7]}, index=list("pqrst")
    )


def test_nan_or_reversed_goalposts_are_refused_not_an_emptied_or_flipped_column():
    posts = {"a": (0, 10), "b": (0, 10), "c": (0, 1)}
    # Before: (nan, 10) made 'a' missing everywhere and the index the mean of b and c; (10, 0)
    # scored a as 100 − 10x, against its direction +1.
    for bad in [(np.nan, 10), (10, 0), (0, np.inf)]:
        with pytest.raises(zb.ArgumentError, match=r"goalposts.*'a'"):
            C.Normalise("goalposts", goalposts={**posts, "a": bad})
    with pytest.raises(zb.ArgumentError, match=r"standard.*'b'.*finite positive"):
        C.Normalise("standard", standard={"a": 1, "b": np.inf, "c": 1})
    with pytest.raises(zb.ArgumentError, match="band_scores"):
        C.Normalise("bands", band_edges=[3], band_scores=[0, np.nan])
    # In order they score by hand: b = 10 with posts (0, 10), direction −1: (10 − 10)/(0 − 10) = +0.
    r = C.build(
        _data(),
        C.Framework.flat(["a", "b", "c"], {"b": -1}, root="idx"),
        [C.Normalise("goalposts", goalposts=posts), C.Aggregate("arithmetic")],
    )
    n = r.layer("normalised")
    assert n.loc["p", "b"] == 0 and not np.signbit(n.loc["p", "b"])
    assert n.loc["q", "b"] == 100 and n.loc["r", "a"] == 40 and n.loc["r", "c"] == 90
    assert r.scores.loc["r", "idx"] == pytest.approx((40 + 70 + 90) / 3)


def test_goalposts_or_standard_values_for_no_indicator_are_refused_with_the_closest_name():
    # Before: an extra entry for a name the framework lacks ("cc", meant "c") was ignored; with
    # every indicator also given, the build ran and the misspelt entry's figures were never used.
    fw = C.Framework.flat(["a", "b", "c"], root="idx")
    posts = {"a": (0, 10), "b": (0, 10), "c": (0, 1)}
    with pytest.raises(zb.UnknownIndicatorError, match=r"goalposts: 'cc' is not an indicator.*did you mean 'c'"):
        C.build(_data(), fw, [C.Normalise("goalposts", goalposts={**posts, "cc": (0, 2)}), C.Aggregate()])
    with pytest.raises(zb.UnknownIndicatorError, match=r"standard: 'bb' is not an indicator.*did you mean 'b'"):
        C.build(_data(), fw, [C.Normalise("standard", standard={"a": 1, "b": 2, "c": 1, "bb": 2}), C.Aggregate()])
    with pytest.raises(zb.UnknownIndicatorError, match=r"goalposts: 'cc'"):
        C.Model.from_steps([C.Normalise("goalposts", goalposts={**posts, "cc": (0, 2)})], fw)
    # Without the extra entry the build runs: a = 4 with posts (0, 10) scores 40 (by hand).
    r = C.build(_data(), fw, [C.Normalise("goalposts", goalposts=posts), C.Aggregate()])
    assert r.layer("normalised").loc["r", "a"] == 40
    # A preset's own standard values, keyed by its 17 indicators, still serve a framework of five
    # of them (only the values you give a step are checked).
    preset = C.Model.preset("most-monitoring")
    five = preset.framework.indicators[:5]
    data = pd.DataFrame(np.full((3, 5), 50.0), columns=five, index=list("xyz"))
    r = C.build(data, C.Framework.flat(five, root="idx"), preset="most-monitoring")
    assert r.scores["idx"].notna().all()


def test_nan_goalposts_in_a_model_file_name_the_line(tmp_path):
    model = tmp_path / "m.toml"
    model.write_text(
        'name = "m"\n[[node]]\ncode = "idx"\nlevel = 2\n[[node]]\ncode = "a"\nparent = "idx"\n'
        'goalposts = [nan, 10]\n[[step]]\nkind = "normalise"\nmethod = "goalposts"\n'
    )
    with pytest.raises(zb.ParseError, match=r"m\.toml:8.*goalposts.*finite"):
        C.Model.from_toml(model)


def test_regions_without_a_group_are_not_filled_from_each_other():
    x = _data()
    x.loc[["q", "t"], "a"] = np.nan
    # r and t have no group: t's a was filled with r's 4 before (one group ""), now it is left
    # missing; q is in X with p only, so its a is 1.
    x["g"] = ["X", "X", None, "Y", np.nan]
    fw = C.Framework.flat(["a", "b", "c"], root="idx")
    r = C.build(x, fw, [C.Impute("group_mean", group="g"), C.Normalise("minmax"), C.Aggregate("arithmetic")])
    imputed = r.layer("imputed")
    assert imputed.loc["q", "a"] == 1.0 and np.isnan(imputed.loc["t", "a"])
    assert r.marks().loc["t", "a"] == "not_imputable"
    assert "1 cell imputed, 1 left missing" in r.summary()
    # Numeric group codes (11, 32) group as text ones do; a missing code is no group.
    x["code"] = [11, 11, 32, 32, np.nan]
    r = C.build(x, fw, [C.Impute("group_mean", group="code"), C.Normalise("minmax"), C.Aggregate("arithmetic")])
    assert r.layer("imputed").loc["q", "a"] == 1.0 and np.isnan(r.layer("imputed").loc["t", "a"])


def test_a_negative_denominator_gives_a_missing_value_with_its_reason():
    x = _data()
    x["pop"] = [10.0, 0, -5, 2, 4]
    fw = C.Framework.flat(["a", "b", "c"], root="idx")
    r = C.build(
        x,
        fw,
        [C.Denominate(by={"a": "pop"}, scale=10), C.Impute("none"), C.Normalise("minmax"), C.Aggregate("arithmetic")],
    )
    d = r.layer("denominated")["a"]
    assert d["p"] == 1.0 and d["s"] == 25.0 and d["t"] == 12.5  # 1/10·10, 5/2·10, 5/4·10
    assert np.isnan(d["r"]) and r.reasons().loc["r", "a"] == "negative_denominator"
    assert r.reasons().loc["q", "a"] == "zero_denominator"


def test_regression_imputation_needs_three_shared_regions():
    # b shares only p and t with c: a line through two points (|r| = 1) filled q's b with 26, far
    # outside b's 0…10. Now q's b is left missing; s's b comes from a over p, r, t, u:
    # least squares of b on a through (1, 10), (4, 3), (5, 2), (2, 0) gives 1.15 at a = 5.
    nan = np.nan
    x = pd.DataFrame(
        {"a": [1.0, nan, 4, 5, 5, 2], "b": [10.0, nan, 3, nan, 2, 0], "c": [0.5, 0.1, nan, 0.3, 0.7, nan]},
        index=list("pqrstu"),
    )
    r = C.build(
        x, C.Framework.flat(["a", "b", "c"]), [C.Impute("regression"), C.Normalise("minmax"), C.Aggregate("arithmetic")]
    )
    imputed = r.layer("imputed")
    assert np.isnan(imputed.loc["q", "b"]) and r.marks().loc["q", "b"] == "not_imputable"
    assert imputed.loc["s", "b"] == pytest.approx(1.15)


def test_the_composite_command_counts_a_region_without_a_score_apart(tmp_path):
    import subprocess
    import sys

    table = tmp_path / "regions.csv"
    table.write_text("code,a,b\np,1,10\nq,,\nr,4,3\ns,5,7\n", encoding="utf-8")
    model = tmp_path / "m.toml"
    model.write_text(
        'name = "m"\n[[node]]\ncode = "idx"\nlevel = 2\n[[node]]\ncode = "a"\nparent = "idx"\n'
        '[[node]]\ncode = "b"\nparent = "idx"\n[[step]]\nkind = "normalise"\nmethod = "minmax"\n'
    )
    run = subprocess.run(
        [sys.executable, "-m", "zhibiao", "--lang", "en", "composite", str(table), "--model", str(model)],
        capture_output=True,
        text=True,
        check=True,
    )
    # q has no indicator: a row without score or rank, and "3 units scored", not 4.
    assert "3 units scored, 1 without a score (no indicator present: q)" in run.stderr
    scores = pd.read_csv(__import__("io").StringIO(run.stdout), index_col="code")
    # r: a = 4 over 1…5 is 75, b = 3 over 3…10 is 0: (75 + 0)/2.
    assert np.isnan(scores.loc["q", "idx"]) and scores.loc["r", "idx"] == pytest.approx(37.5)


def test_a_refused_value_in_a_build_names_its_region_not_its_position():
    # b = 0 for q cannot be inverted (cost = "inverse", 1/x): the message said "unit 1".
    fw = C.Framework.flat(["a", "b", "c"], {"b": -1}, root="idx")
    with pytest.raises(zb.MethodError, match=r"region 'q' has 0") as e:
        C.build(_data(), fw, [C.Normalise("sum", cost="inverse"), C.Aggregate("arithmetic")])
    assert "entity q" in str(e.value) and "variable b" in str(e.value)


def test_a_mean_that_needs_positive_scores_names_the_value_as_written():
    # min-max gives 0 to the lowest region: "a geometric mean (p = 0.000000) ... has 0.000000" read
    # as if a power had been set; the power is named only for the generalised mean
    C = zb.composite
    df = pd.DataFrame({"a": [1, 2, 3.0], "b": [3, 1, 2.0]}, index=pd.Index(["r1", "r2", "r3"], name="region"))
    with pytest.raises(zb.MethodError, match=r"a geometric mean needs positive scores, and 'a' has 0 \(normalise"):
        C.build(df, None, [C.Normalise("minmax"), C.Aggregate("geometric")])
    with pytest.raises(zb.MethodError, match=r"generalised mean \(p = -0.5\) needs positive"):
        C.build(df, None, [C.Normalise("minmax"), C.Aggregate("generalised", power=-0.5)])
    with pytest.raises(zb.UnknownKeywordError, match="did you mean 'power'.*COINr"):  # COINr's a_genmean(x, w, p)
        C.Aggregate("generalised", p=-0.5)
