"""zb.composite against COINr's ASEM example at every stage (../shared/data/coinr-asem, COINr 1.1.14;
see its PROVENANCE.md for the exact calls) and against the pymcdm cases (../shared/data/mcdm)."""

import inspect
import json
import re

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


@pytest.fixture(scope="module")
def asem_result(asem, asem_steps):
    _, meta, raw = asem
    return C.build(raw, C.Framework.from_pandas(meta), asem_steps)


def assert_frame_close(got, want, rtol=1e-9):
    cols = [c for c in got.columns if c in want.columns]
    assert cols, "no common columns"
    np.testing.assert_allclose(
        got[cols].to_numpy(), want.loc[got.index, cols].to_numpy(dtype=float), rtol=rtol, atol=1e-12
    )


@pytest.mark.parametrize(
    "layer, file",
    [
        ("raw", "stage_raw.csv"),
        ("denominated", "stage_denominated.csv"),
        ("imputed", "stage_imputed.csv"),
        ("screened", "stage_screened.csv"),
        ("treated", "stage_treated.csv"),
        ("normalised", "stage_normalised.csv"),
        ("aggregated", "stage_aggregated.csv"),
    ],
)
def test_every_coinr_stage_from_the_raw_data(asem, asem_result, layer, file):
    d = asem[0]
    assert_frame_close(asem_result.layer(layer), pd.read_csv(d / file, index_col="uCode"))


def test_treatment_points_and_log_match_coinr(asem, asem_result):
    d = asem[0]
    points = pd.read_csv(d / "treat_points.csv").fillna("")
    points.index = pd.read_csv(d / "stage_treated.csv")["uCode"]  # rows in the coin's unit order
    names = {"winsorised_high": "winhi", "winsorised_low": "winlo", "log_transformed": "log_CT", "": ""}
    marks = asem_result.marks("treated").loc[points.index].apply(lambda c: c.map(names))
    assert (marks.to_numpy() == points[marks.columns].to_numpy()).all()
    assert (points != "").sum().sum() == 35
    log = pd.read_csv(d / "treat_log.csv", index_col="iCode")
    t = asem_result.treatment.loc[log.index]
    np.testing.assert_array_equal(t["winsorised"], log["winsorise.nwin"].fillna(0))
    np.testing.assert_array_equal(t["passed_before"], log["check_SkewKurt0.Pass"])
    np.testing.assert_allclose(t["skew_before"], log["check_SkewKurt0.Skew"], rtol=1e-9)
    np.testing.assert_allclose(t["kurt_before"], log["check_SkewKurt0.Kurt"], rtol=1e-9)
    treated = log["check_SkewKurt1.Skew"].notna()
    np.testing.assert_allclose(t.loc[treated, "skew_after"], log.loc[treated, "check_SkewKurt1.Skew"], rtol=1e-9)
    np.testing.assert_allclose(t.loc[treated, "kurt_after"], log.loc[treated, "check_SkewKurt1.Kurt"], rtol=1e-9)
    cells = asem_result.changed_cells("imputed")
    assert len(cells) == 65 and set(cells["mark"]) == {"imputed_group_mean"}
    assert list(cells.columns) == ["region", "indicator", "mark", "reason"]  # the data's index is called uCode
    assert set(cells["reason"]) == {"missing_input"}


def test_results_ranks_weights_and_correlations(asem, asem_result):
    d = asem[0]
    full = pd.read_csv(d / "results_full.csv", index_col="uCode")
    assert (asem_result.ranks.loc[full.index, "Index"] == full["Rank"]).all()
    eff = pd.read_csv(d / "effective_weights.csv", index_col="iCode")["EffWeight"]
    np.testing.assert_allclose(asem_result.weights.loc[eff.index, "effective"], eff, rtol=1e-12)
    corr = pd.read_csv(d / "corr_indicator_parent_pearson.csv")
    got = asem_result.audit()["corr_with_parent"]
    significant = corr["Correlation"].notna()
    np.testing.assert_allclose(
        got[corr["Var2"][significant]].to_numpy(), corr["Correlation"][significant].to_numpy(), rtol=1e-9
    )
    # get_corr blanks correlations that are not significant at p = 0.05 (|r| < 0.2761 for n = 51).
    assert (got[corr["Var2"][~significant]].abs() < 0.2761).all() and (~significant).sum() == 4
    assert asem_result.screening["kept"].all()
    text = asem_result.summary()
    assert "min-max to [0, 100]" in text and "EurAsia_group" in text and "65 cells imputed" in text


@pytest.mark.parametrize(
    "method, file",
    [
        ("zscore", "normalise_zscore.csv"),
        ("rank", "normalise_rank.csv"),
        ("borda", "normalise_borda.csv"),
        ("percentile", "normalise_prank.csv"),
        ("dist_to_max", "normalise_dist2max.csv"),
    ],
)
def test_alternative_normalisations(asem, method, file):
    d, meta, _ = asem
    treated = pd.read_csv(d / "stage_treated.csv", index_col="uCode")
    r = C.build(treated, C.Framework.from_pandas(meta), [C.Normalise(method), C.Aggregate()])
    got, want = r.layer("normalised"), pd.read_csv(d / file, index_col="uCode")
    if method in ("rank", "borda", "percentile"):
        # The CSV export keeps 15 digits, so a few values that were distinct in COINr read back
        # tied; compare only where the treated values are not tied in the export.
        ties = treated[got.columns].apply(lambda c: c.duplicated(keep=False))
        diff = ~np.isclose(got.to_numpy(), want.loc[got.index, got.columns].to_numpy(dtype=float), rtol=1e-9)
        assert not (diff & ~ties.loc[got.index].to_numpy()).any()
        assert (diff & ties.loc[got.index].to_numpy()).sum() <= 3
    else:
        assert_frame_close(got, want)


@pytest.mark.parametrize(
    "method, file",
    [
        ("arithmetic", "aggregate_a_amean_minmax1_100.csv"),
        ("geometric", "aggregate_a_gmean_minmax1_100.csv"),
        ("harmonic", "aggregate_a_hmean_minmax1_100.csv"),
    ],
)
def test_alternative_aggregations(asem, method, file):
    d, meta, _ = asem
    treated = pd.read_csv(d / "stage_treated.csv", index_col="uCode")
    r = C.build(treated, C.Framework.from_pandas(meta), [C.Normalise("minmax", (1, 100)), C.Aggregate(method)])
    assert_frame_close(r.scores, pd.read_csv(d / file, index_col="uCode"))


def test_geometric_mean_of_zero_is_a_named_error(asem):
    d, meta, _ = asem
    treated = pd.read_csv(d / "stage_treated.csv", index_col="uCode")
    with pytest.raises(zb.MethodError, match="positive scores"):
        C.build(treated, C.Framework.from_pandas(meta), [C.Normalise("minmax"), C.Aggregate("geometric")])


def test_pca_weights_by_pillar_match_coinr(asem, asem_result):
    d, meta, _ = asem
    want = pd.read_csv(d / "pca_weights_level1_bygroup.csv", index_col="iCode")["Weight"]
    normalised = asem_result.layer("normalised")
    for pillar, members in meta[meta.Level == 1].groupby("Parent")["iCode"]:
        loadings, w, explained, _ = zb._core.composite_pca(normalised[list(members)].to_numpy())
        np.testing.assert_allclose(np.abs(loadings), want[list(members)].abs().to_numpy(), rtol=1e-9)
        assert abs(w.sum() - 1) < 1e-12 and 0 < explained <= 1
    # As a pipeline step, the PCA weights replace the framework's at level 2.
    r = C.build(
        asem_result.layer("treated"),
        C.Framework.from_pandas(meta),
        [C.Normalise(), C.Weigh("pca", levels=[2]), C.Aggregate()],
    )
    conn = meta[(meta.Level == 1) & (meta.Parent == "ConEcFin")]["iCode"]
    w = want[list(conn)].abs()
    np.testing.assert_allclose(r.weights.loc[list(conn), "weight"], w / w.sum(), rtol=1e-9)


def test_copeland_matches_coinr(asem, asem_result):
    d, meta, _ = asem
    want = pd.read_csv(d / "aggregate_a_copeland_pillars_from_normalised.csv", index_col="uCode")
    normalised = asem_result.layer("normalised")
    for pillar in want.columns:
        members = list(meta[(meta.Level == 1) & (meta.Parent == pillar)]["iCode"])
        got = C.copeland(normalised[members].to_numpy(), np.ones(len(members)))
        np.testing.assert_array_equal(got, want.loc[normalised.index, pillar].to_numpy())
    small = json.loads((d / "copeland_outranking_small.json").read_text())
    x = np.array(small["X_rows_are_units"], dtype=float)
    np.testing.assert_allclose(C.outranking(x, np.ones(3)), small["OutRankMatrix"], atol=1e-12)
    np.testing.assert_array_equal(C.copeland(x, np.ones(3)), small["copeland"])
    tie = np.array(small["tie_case"]["X_rows_are_units"], dtype=float)
    np.testing.assert_array_equal(C.copeland(tie, np.ones(2)), small["tie_case"]["copeland"])


# -------------------------------------------------------------------------------- pymcdm cases


@pytest.fixture(scope="module")
def mcdm(shared):
    cases = json.loads((shared / "data" / "mcdm" / "pymcdm_cases.json").read_text())["cases"]
    return {(c["method"], i): c for i, c in enumerate(cases)}


def case(mcdm, method, n=0):
    return [c for (m, _), c in mcdm.items() if m == method][n]


@pytest.mark.parametrize(
    "method, ours, kwargs",
    [
        ("entropy_weights", "entropy", {"zeros": "pymcdm"}),
        ("standard_deviation_weights", "sd", {}),
        ("critic_weights", "critic", {}),
        ("variance_weights", "variance", {}),
    ],
)
def test_weights_match_pymcdm(mcdm, method, ours, kwargs):
    c = case(mcdm, method)
    got = C.weights(c["inputs"]["matrix"], ours, **kwargs)
    np.testing.assert_allclose(got, c["full_precision_from_pymcdm"], rtol=1e-9)
    np.testing.assert_allclose(got, c["expected"], atol=10 ** -c["expected_rounding_decimals"])


def test_entropy_zero_variants_differ_as_documented():
    x = np.array([[0.0, 1.0], [1.0, 2.0], [2.0, 4.0]])
    skip, pymcdm = C.weights(x, "entropy"), C.weights(x, "entropy", zeros="pymcdm")
    # Column 0 holds a zero: pymcdm sets its entropy to 0, so its weight is the largest possible.
    assert pymcdm[0] > skip[0]
    p = np.array([0, 1, 2]) / 3
    e0 = -(p[1:] * np.log(p[1:])).sum() / np.log(3)
    q = np.array([1, 2, 4]) / 7
    e1 = -(q * np.log(q)).sum() / np.log(3)
    np.testing.assert_allclose(skip, np.array([1 - e0, 1 - e1]) / (2 - e0 - e1), rtol=1e-12)


def test_ahp_matches_pymcdm_and_refuses_inconsistency(mcdm):
    c = case(mcdm, "AHP priority vector")
    with pytest.raises(zb.MethodError, match="consistency ratio 0.2297"):
        C.ahp(c["inputs"]["matrix"])
    got = C.ahp(c["inputs"]["matrix"], accept_inconsistent=True)
    np.testing.assert_allclose(got["weights"], c["full_precision_from_pymcdm"], rtol=1e-9)
    np.testing.assert_allclose(got["lambda_max"], c["consistency"]["lambda_max"], rtol=1e-9)
    np.testing.assert_allclose(got["cr"], c["consistency"]["CR"], rtol=1e-9)
    saaty = C.ahp(c["inputs"]["matrix"], ri="saaty", accept_inconsistent=True)
    np.testing.assert_allclose(saaty["cr"], c["consistency"]["CI"] / 1.24, rtol=1e-9)
    bad = np.array(c["inputs"]["matrix"])
    bad[0, 1] = 2.0
    with pytest.raises(zb.MethodError, match=r"not reciprocal at \(0, 1\) \(counting from 0\)"):
        C.ahp(bad)
    # A consistent matrix: weights in the ratio the judgements state, CR = 0.
    w = np.array([0.5, 0.3, 0.2])
    got = C.ahp(w[:, None] / w[None, :])
    np.testing.assert_allclose(got["weights"], w, rtol=1e-12)
    assert abs(got["cr"]) < 1e-12


def test_topsis_and_vikor_match_pymcdm(mcdm):
    c = case(mcdm, "TOPSIS")
    args = (c["inputs"]["matrix"], c["inputs"]["weights"], c["inputs"]["types"])
    np.testing.assert_allclose(C.topsis(*args), c["full_precision_from_pymcdm"], rtol=1e-9)
    np.testing.assert_allclose(
        C.topsis(*args, inner="vector"), c["variant_vector_normalisation_computed_with_pymcdm"], rtol=1e-9
    )
    for n in (0, 1):
        v = case(mcdm, "VIKOR (Q index, lower is better)", n)
        got = C.vikor(v["inputs"]["matrix"], v["inputs"]["weights"], v["inputs"]["types"])
        np.testing.assert_allclose(got["Q"], v["full_precision_from_pymcdm"], rtol=1e-9, atol=1e-12)


def test_minmax_with_cost_criteria_matches_pymcdm(mcdm):
    c = case(mcdm, "minmax")
    x = pd.DataFrame(c["inputs"]["matrix"], columns=["a", "b", "c"], dtype=float)
    fw = C.Framework.flat(["a", "b", "c"], directions=dict(zip("abc", c["inputs"]["types"])))
    r = C.build(x, fw, [C.Normalise("minmax", (0, 1)), C.Aggregate()])
    np.testing.assert_allclose(r.layer("normalised").to_numpy().ravel(), c["expected_row_major_flattened"], atol=1e-8)


# -------------------------------------------------------------------------------- hand-checked


def test_mazziotta_pareto_by_hand():
    x = np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 0.0]])
    # Column means 2 and 2, population sds sqrt(2/3) and sqrt(8/3); z = 100 + 10·(x − mean)/sd.
    z = 100 + 10 * (x - x.mean(0)) / x.std(0)
    m, s = z.mean(1), z.std(1)
    np.testing.assert_allclose(C.mazziotta_pareto(x), m - s * s / m, rtol=1e-12)
    np.testing.assert_allclose(C.mazziotta_pareto(x, penalty=-1), m + s * s / m, rtol=1e-12)


def test_benefit_of_the_doubt_by_hand():
    # Unit c is dominated by b; a and b are on the frontier. For c = (0.5, 0.5): its best weights
    # satisfy w·a ≤ 1, w·b ≤ 1 with a = (1, 0.2), b = (0.4, 1): the optimum is at the vertex
    # where both bind, w = (0.8/0.92, 0.6/0.92), score 0.5·1.4/0.92.
    x = np.array([[1.0, 0.2], [0.4, 1.0], [0.5, 0.5]])
    score, w = C.benefit_of_the_doubt(x)
    np.testing.assert_allclose(score, [1, 1, 0.7 / 0.92], rtol=1e-12)
    assert (w >= 0).all()
    np.testing.assert_allclose((w * x).sum(1), score, rtol=1e-12)


def test_contributions_what_if_and_audit(asem_result):
    r = asem_result
    contrib = r.contributions
    np.testing.assert_allclose(contrib.sum(axis=1), r.scores["Index"], rtol=1e-12)
    w = r.what_if("Conn")  # the Index is then the Sust sub-index alone
    np.testing.assert_allclose(w["score_without"], r.scores["Sust"], rtol=1e-12)
    assert set(w.columns) == {"score", "score_without", "nominal_rank", "rank_without", "rank_change"}
    audit = r.audit()
    assert audit.loc["Conn", "mean_rank_shift_if_removed"] > 0
    assert np.isnan(audit.loc["Index", "corr_with_parent"])
    assert 0 < audit.loc["Physical", "cronbach_alpha"] < 1


def test_ranks_ties_and_groups():
    data = pd.DataFrame({"a": [3.0, 3.0, 1.0, 2.0], "region": ["x", "y", "x", "y"]}, index=list("pqrs"))
    r = C.build(data, C.Framework.flat(["a"]), [C.Normalise(), C.Aggregate()])
    assert r.rank("min")["Index"].tolist() == [1, 1, 4, 3]
    assert r.rank("dense")["Index"].tolist() == [1, 1, 3, 2]
    assert r.rank("average")["Index"].tolist() == [1.5, 1.5, 4, 3]
    assert r.rank(within="region", data=data)["Index"].tolist() == [1, 1, 2, 2]


def test_imputation_methods():
    data = pd.DataFrame(
        {"a": [1.0, np.nan, 3.0, 10.0], "b": [2.0, 4.0, 6.0, 20.0], "g": ["x", "x", "x", "y"]}, index=list("pqrs")
    )
    fw = C.Framework.flat(["a", "b"])
    for method, expected in [("mean", 14 / 3), ("median", 3.0), ("group_mean", 2.0), ("regression", 2.0)]:
        r = C.build(
            data, fw, [C.Impute(method, group="g" if "group" in method else None), C.Normalise(), C.Aggregate()]
        )
        assert r.layer("imputed").loc["q", "a"] == pytest.approx(expected)
        assert r.marks("imputed").loc["q", "a"].startswith("imputed_")
    previous = pd.DataFrame({"a": [0.5, 7.0, 0.0, 0.0]}, index=list("pqrs"))
    r = C.build(data, fw, [C.Impute("latest"), C.Normalise(), C.Aggregate()], previous=previous)
    assert r.layer("imputed").loc["q", "a"] == 7.0
    lone = pd.DataFrame({"a": [1.0, np.nan], "b": [1.0, 2.0], "g": ["x", "y"]}, index=["p", "q"])
    r = C.build(lone, fw, [C.Impute("group_mean", group="g"), C.Normalise("rank"), C.Aggregate()])
    assert r.marks("imputed").loc["q", "a"] == "not_imputable"


def test_screening_names_the_dropped_units():
    data = pd.DataFrame({"a": [1.0, np.nan, 3.0], "b": [2.0, np.nan, 5.0], "c": [1.0, 2.0, 0.0]}, index=["p", "q", "r"])
    r = C.build(data, C.Framework.flat(["a", "b", "c"]), [C.Screen(0.5), C.Normalise(), C.Aggregate()])
    assert list(r.scores.index) == ["p", "r"]
    assert not r.screening.loc["q", "kept"]
    assert "1 dropped (q)" in r.summary()


def test_eis_treatment_and_preset():
    rng = np.random.default_rng(7)
    data = pd.DataFrame(
        {"skewed": rng.lognormal(0, 1.2, 40), "even": rng.normal(50, 5, 40)}, index=[f"u{i}" for i in range(40)]
    )
    r = C.score(data, "eis")
    t = r.treatment
    assert "sqrt" in t.loc["skewed", "action"] and t.loc["even", "action"] in ("", "outliers")
    assert r.scores["Index"].between(0, 1).all()
    again = C.build(data, None, C.Model(r.model_toml))  # a preset's build re-runs from its TOML
    pd.testing.assert_frame_equal(again.scores, r.scores)
    marks = r.marks("treated")
    assert (marks["skewed"] == "sqrt_transformed").sum() + (marks["skewed"] == "outlier_high").sum() >= 40


def test_entropy_topsis_preset_is_the_literature_recipe():
    rng = np.random.default_rng(3)
    x = pd.DataFrame(rng.uniform(1, 10, (30, 4)), columns=list("abcd"), index=[f"u{i}" for i in range(30)])
    r = C.score(x, "entropy-topsis")
    y = (x - x.min()) / (x.max() - x.min())
    w = C.weights(y.to_numpy(), "entropy")
    np.testing.assert_allclose(r.weights.loc[list("abcd"), "weight"], w, rtol=1e-12)
    np.testing.assert_allclose(r.scores["Index"], C.topsis(y.to_numpy(), w), rtol=1e-12)


def test_most_monitoring_preset():
    fw = C.Model.preset("most-monitoring").framework
    assert len(fw.indicators) == 17
    data = pd.DataFrame({c: [1.0, 1000.0] for c in fw.indicators}, index=["low", "high"])
    data.loc["low", "rd_intensity"] = 2.0  # standard 2.5 → 80
    r = C.score(data, "most-monitoring")
    assert r.layer("normalised").loc["low", "rd_intensity"] == pytest.approx(80.0)
    assert (r.scores.loc["high"] == 100).all()  # capped at 100 everywhere


def test_model_round_trip_and_toml_errors(tmp_path, asem, asem_result):
    _, meta, raw = asem
    text = asem_result.model_toml
    again = C.build(raw, None, C.Model(text))
    pd.testing.assert_frame_equal(again.scores, asem_result.scores)
    path = tmp_path / "model.toml"
    path.write_text(text, encoding="utf-8")
    assert C.Framework.from_toml(str(path)).codes == asem_result.framework.codes
    with pytest.raises(zb.ParseError, match="'winmx' is not a parameter"):
        C.Model('[[step]]\nkind = "treat"\nwinmx = 3\n')
    with pytest.raises(zb.ParseError, match="is not one of: arithmetic"):
        C.Model('[[step]]\nkind = "aggregate"\nmethod = "median"\n')
    with pytest.raises(zb.ParseError, match="unknown parent"):
        C.Model('[[node]]\ncode = "a"\nparent = "nowhere"\n')


def test_bad_input_gets_named_errors():
    fw = C.Framework.flat(["a", "b"])
    flat = pd.DataFrame({"a": [1.0, 1.0, 1.0], "b": [1.0, 2.0, 3.0]}, index=list("pqr"))
    for method in ("minmax", "zscore"):
        with pytest.raises(zb.MethodError, match="'a'.*constant"):
            C.build(flat, fw, [C.Normalise(method), C.Aggregate()])
    with pytest.raises(zb.MethodError, match="not unique|constant"):
        C.build(flat, fw, [C.Normalise("rank"), C.Weigh("pca"), C.Aggregate()])
    empty = pd.DataFrame({"a": [np.nan] * 3, "b": [1.0, 2.0, 3.0]}, index=list("pqr"))
    with pytest.raises(zb.MethodError, match="'a': it has no values"):
        C.build(empty, fw, [C.Normalise(), C.Aggregate()])
    with pytest.raises(
        zb.MethodError, match=r"children of 'Index' \(columns 0 = a, 1 = b\): entropy weights need non-negative"
    ):
        C.build(flat.assign(a=[1.0, 2.0, 4.0]), fw, [C.Normalise("zscore"), C.Weigh("entropy"), C.Aggregate()])
    missing = pd.DataFrame({"a": [1.0, np.nan, 3.0], "b": [1.0, 2.0, 4.0]}, index=list("pqr"))
    with pytest.raises(zb.MethodError, match="impute first"):
        C.build(missing, fw, [C.Normalise(), C.Aggregate("topsis")])
    allmissing = pd.DataFrame({"a": [1.0, np.nan, 3.0], "b": [1.0, np.nan, 4.0]}, index=list("pqr"))
    r = C.build(allmissing, fw, [C.Normalise(), C.Aggregate()])
    assert np.isnan(r.scores.loc["q", "Index"]) and r.ranks.loc["q", "Index"] is pd.NA
    with pytest.raises(zb.Error, match=r"entity 1, variable a\): the indicator column 'a' holds an infinite"):
        C.build(pd.DataFrame({"a": [1.0, np.inf], "b": [1.0, 2.0]}), fw)
    # a numeric column the model does not read is not data of the index: its infinity is no error
    unread = C.build(pd.DataFrame({"a": [1.0, 3.0], "b": [1.0, 2.0], "note": [np.inf, 0.0]}), fw)
    assert unread.scores["Index"].tolist() == [0.0, 100.0]
    with pytest.raises(zb.MissingVariableError):
        C.build(pd.DataFrame({"a": [1.0, 2.0]}), fw)
    with pytest.raises(zb.MethodError, match="not reciprocal"):
        C.build(
            flat.assign(a=[1.0, 2.0, 4.0]),
            fw,
            [C.Normalise(), C.Weigh("ahp", pairwise={"Index": [[1, 2], [2, 1]]}), C.Aggregate()],
        )


def test_framework_errors():
    meta = pd.DataFrame(
        {
            "code": ["Index", "a", "b"],
            "parent": [None, "Index", "Index"],
            "weight": [1, -1, 1],
            "direction": [1, 1, 1],
            "level": [2, 1, 1],
        }
    )
    with pytest.raises(zb.Error, match="'a' has a negative weight"):
        C.Framework.from_pandas(meta)
    meta.loc[1, "weight"] = 1
    meta.loc[2, "parent"] = "nowhere"
    with pytest.raises(zb.Error, match="unknown parent 'nowhere'"):
        C.Framework.from_pandas(meta)


def test_html_and_repr(asem_result):
    assert "CompositeResult" in asem_result._repr_html_() and "top 10" in asem_result._repr_html_()
    assert "Framework(49 indicators" in repr(asem_result.framework)


def test_build_from_a_panel_needs_one_period(sample_dir):
    panel = zb.read_csv(sample_dir / "counties_synthetic.csv")
    fw = C.Framework.flat(["rd_expenditure", "gdp"])
    with pytest.raises(zb.Error, match="choose one with period="):
        C.build(panel, fw)
    r = C.build(panel, fw, period="2024")
    assert len(r.scores) == 300 and r.ranks["Index"].min() == 1


def test_absurd_levels_are_refused():
    # Found by fuzz_composite: a level of 10^12 (the cast was undefined behaviour; a level of
    # 10^6 would plan a million aggregation levels).
    with pytest.raises(zb.ParseError, match="whole numbers between"):
        C.Model('[[node]]\ncode = "Index"\nlevel = 1111113686543\n')
    with pytest.raises(zb.ParseError, match="level 1000 \\(1 to 32"):
        C.Model('[[node]]\ncode = "Index"\nlevel = 1000\n[[node]]\ncode = "a"\nparent = "Index"\n')


def test_a_model_in_the_frameworks_place_is_the_model():
    """``build(data, model)`` is how users write it: the model's framework and steps, the same
    index as ``build(data, steps=model)``; anything else there is refused by name."""
    data = pd.DataFrame(
        {"a": [1.0, 2.0, 3.0, 4.0], "b": [4.0, 1.0, 3.0, 2.0]}, index=pd.Index(list("wxyz"), name="region")
    )
    fw = C.Framework.flat(["a", "b"])
    model = C.Model.from_steps([C.Normalise("minmax"), C.Aggregate()], fw)
    by_position = C.build(data, model)
    by_name = C.build(data, steps=model)
    pd.testing.assert_frame_equal(by_position.scores, by_name.scores)
    with pytest.raises(TypeError, match="framework must be a zhibiao.composite.Framework or None, not dict"):
        C.build(data, {"a": 1})
    u = C.uncertainty(data, model, n=8, weights_noise={1: 0.1})
    assert list(u.node_ranks().index) == list("wxyz")


def test_a_panel_of_raw_variables_builds_a_model_of_catalogue_indicators(sample_dir):
    """The sample model names catalogue indicators; the panel holds the raw variables. Built from
    the panel for 2024 (indicators computed in C++), the index equals the one built from the
    computed indicators by hand; the entities' parents are the model's imputation group."""
    counties = zb.read_csv(sample_dir / "counties_synthetic.csv")
    model = C.Model.from_toml(str(sample_dir / "county_index.toml"))
    year = counties.compute().xs("2024", level="period").copy()
    year["parent"] = counties.entities.set_index("code")["parent"].reindex(year.index).astype(str)
    by_hand = C.build(year, model)
    direct = C.build(counties, model, period="2024")
    np.testing.assert_allclose(
        direct.scores.to_numpy(dtype=float), by_hand.scores.loc[direct.scores.index].to_numpy(dtype=float), rtol=1e-12
    )
    assert direct.ranks.equals(by_hand.ranks.loc[direct.ranks.index])


def test_a_misspelt_step_parameter_is_refused_with_a_suggestion():
    """An unknown option name is an error with "did you mean", like an unknown option value."""
    with pytest.raises(zb.ArgumentError, match=r"Normalise: no parameter 'rnage' \(did you mean 'range'\?\)"):
        C.Normalise("minmax", rnage=(0, 1))
    with pytest.raises(zb.ArgumentError, match=r"Aggregate: no parameter 'colour'; its parameters: method"):
        C.Aggregate(colour="red")
    assert C.Normalise("minmax", range=(0, 1)).range == (0, 1)
    assert "range" in str(inspect.signature(C.Normalise))


def test_method_none_counts_and_marks_the_cells_it_leaves_missing():
    """Impute("none") once said "0 cells imputed, 0 left missing" with an empty mark for a missing
    cell (a trial against other tools' tests): the cell is counted and marked not_imputed."""
    data = pd.DataFrame([[1.0, 2, 3], [2, np.nan, 1], [3, 1, 2], [4, 3, 5]], columns=list("abc"), index=list("pqrs"))
    r = C.build(data, C.Framework.flat(list("abc")), [C.Impute("none"), C.Normalise("minmax"), C.Aggregate()])
    assert "No imputation: 1 cell left missing." in r.summary()
    assert r.marks("imputed").loc["q", "b"] == "not_imputed"
    assert r.marks("imputed").loc["p", "b"] == ""
    assert np.isnan(r.layer("imputed").loc["q", "b"])
    filled = C.build(data, C.Framework.flat(list("abc")), [C.Impute("mean"), C.Normalise("minmax"), C.Aggregate()])
    assert "1 cell imputed, 0 left missing" in filled.summary()


def test_dist_to_ref_from_min_is_coinr_n_dist2ref():
    """COINr's n_dist2ref (R/normalise.R; tests/testthat/test-normalise.R:109-113, bluefoxr/COINr
    b968203): 1 − (x_ref − x)/(x_ref − min). By hand, x = (1, 2, 4, 5) with reference b (2):
    x − 1 = (0, 1, 3, 4); cap_max caps at 1. The default stays the ratio x/x_ref."""
    df = pd.DataFrame({"v": [1.0, 2.0, 4.0, 5.0]}, index=list("abcd"))
    fw = C.Framework.flat(["v"])

    def normalised(**options):
        steps = [C.Normalise("dist_to_ref", reference="b", **options), C.Aggregate()]
        return C.build(df, fw, steps).layer("normalised")["v"].tolist()

    assert normalised() == [0.5, 1.0, 2.0, 2.5]
    assert normalised(reference_form="from_min") == [0.0, 1.0, 3.0, 4.0]
    assert normalised(reference_form="from_min", cap_at_reference=True) == [0.0, 1.0, 1.0, 1.0]
    with pytest.raises(zb.ArgumentError, match="did you mean 'from_min'"):
        C.Normalise("dist_to_ref", reference="b", reference_form="frommin")


@pytest.mark.parametrize(
    "call, suggestion",
    [
        (lambda: C.Normalise("n_prank"), "did you mean 'percentile'? 'n_prank' is its name in COINr"),
        (lambda: C.Normalise("n_dist2ref"), "did you mean 'dist_to_ref'? 'n_dist2ref' is its name in COINr; with"),
        (
            lambda: C.topsis(np.eye(2) + 1, [1, 1], inner="max"),
            "'max' is the name in pymcdm: x/max, which TOPSIS here lacks",
        ),
        (lambda: C.Aggregate("wpm"), "did you mean 'geometric'?"),
        (lambda: C.Aggregate("ampi"), "'ampi' is the name in Compind (ci_ampi): the adjusted MPI"),
        (lambda: C.weights(np.eye(3) + 1, "var"), "did you mean 'variance'?"),
        (lambda: C.Aggregate("a_amean"), "did you mean 'arithmetic'?"),
        (lambda: C.Impute("i_mean_grp"), "did you mean 'group_mean'?"),
        (lambda: C.Aggregate("mean"), "did you mean 'arithmetic'?"),
        (lambda: C.Normalise("dist_to_ref", iref="b"), "did you mean 'reference'? 'iref' is its name in COINr"),
        (lambda: C.Aggregate("arithmetic", w=[1, 1]), "'w' is the name in COINr (a_amean): weights are set"),
        (lambda: C.Normalise("rnak"), "did you mean 'rank'?"),  # no alias: the edit distance
    ],
)
def test_other_tools_names_are_refused_with_their_meaning(call, suggestion):
    """data/composite/aliases.toml improves the suggestion only: the name is still an error."""
    with pytest.raises(zb.ArgumentError, match=re.escape(suggestion)):
        call()


def test_objective_weights_over_missing_values_say_how_many_cells_they_left_out():
    """Entropy and the other objective weights use the values present (pymcdm returns NaN weights,
    MEREC refuses): a build says so, with the count, so the annex does not hide it."""
    data = pd.DataFrame([[1.0, 2, 3], [2, np.nan, 1], [3, 1, 2], [4, 3, 5]], columns=list("abc"), index=list("pqrs"))
    fw = C.Framework.flat(list("abc"), root="idx")
    steps = [C.Impute("none"), C.Normalise("minmax", range=(1, 100)), C.Weigh("entropy"), C.Aggregate()]
    r = C.build(data, fw, steps)
    assert "entropy weights of the children of 'idx' computed from the values present: 1 of 12 cells" in r.summary()
    full = C.build(data.fillna(2.0), fw, steps)
    assert "values present" not in full.summary()
    with pytest.raises(zb.MethodError, match="impute first"):
        C.build(data, fw, [C.Impute("none"), C.Normalise("minmax", range=(1, 100)), C.Weigh("merec"), C.Aggregate()])
