"""The test cases of SALib and COINr for Sobol indices and rank statistics, run through zhibiao.

Sources (public GitHub, read at these snapshots): SALib/SALib 1c37548 (tests/test_sobol.py,
tests/test_test_functions.py, tests/test_regression.py, src/SALib/test_functions/*.py);
bluefoxr/COINr b968203 (tests/testthat/test-sensitivity.R, R/sensitivity.R). The facts and the
stated tolerances are theirs; the estimators' error sets the rest (said at each test).
"""

import numpy as np
import pytest

import zhibiao as zb
from zhibiao import _core

C = zb.composite


def _sobol_g(x, a):
    """Sobol's G function, prod((|4x − 2| + a)/(1 + a)) (SALib src/SALib/test_functions/Sobol_G.py)."""
    return np.prod((np.abs(4 * x - 2) + a) / (1 + a), axis=1)


def test_sobol_g_first_order_and_total_indices_are_the_analytic_ones():
    """SALib tests/test_sobol.py test_Sobol_G_using_sobol (line 140): a = [78, 12, 0.5, 2, 97, 33],
    N = 4096, S1 within atol 1e-2 of the analytic indices. The analytic values are SALib's
    tests/test_test_functions.py test_sensitivity_index / test_total_sensitivity_index (lines 86,
    93) and test_total_variance (0.19347, line 69). SALib checks ST only of the analytic formula;
    ours is checked against it with the same tolerance, and the variance within 5 % (the relative
    error of a variance estimated from 8192 runs of this output is about 3 %)."""
    a = np.array([78, 12, 0.5, 2, 97, 33])
    bounds = {f"x{i + 1}": (0, 1) for i in range(6)}
    out = C.sobol_indices(lambda x: _sobol_g(x, a), bounds, n=4096, bootstrap=0)
    first = [0.000276, 0.010195, 0.765743, 0.191436, 0.000179, 0.001490]
    total = [3.294577e-04, 1.214324e-02, 7.959698e-01, 2.203131e-01, 2.140966e-04, 1.778255e-03]
    np.testing.assert_allclose(out["S"], first, atol=1e-2, rtol=0)
    np.testing.assert_allclose(out["ST"], total, atol=1e-2, rtol=0)
    assert out.attrs["variance"] == pytest.approx(0.19347, rel=0.05)


def test_ishigami_indices_within_salibs_tolerance():
    """SALib tests/test_sobol.py test_parallel_first_order (line 96, N = 8192) and
    tests/test_regression.py test_regression_sobol (line 213): Ishigami (a = 7, b = 0.1) on
    [−π, π]³, S1 ≈ (0.31, 0.44, 0.00), ST ≈ (0.55, 0.44, 0.24), atol 5e-2 and rtol 0.1. The
    95 % intervals must hold the exact values (Ishigami & Homma: S = 0.3139, 0.4424, 0;
    ST = 0.5576, 0.4424, 0.2437)."""

    def ishigami(x):
        return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])

    pi = np.pi
    out = C.sobol_indices(ishigami, {"x1": (-pi, pi), "x2": (-pi, pi), "x3": (-pi, pi)}, n=8192, bootstrap=200)
    np.testing.assert_allclose(out["S"], [0.31, 0.44, 0.00], atol=5e-2, rtol=1e-1)
    np.testing.assert_allclose(out["ST"], [0.55, 0.44, 0.24], atol=5e-2, rtol=1e-1)
    exact_s, exact_st = np.array([0.3139, 0.4424, 0]), np.array([0.5576, 0.4424, 0.2437])
    assert ((out["S_low"] <= exact_s + 1e-3) & (exact_s - 1e-3 <= out["S_high"])).all(), out
    assert ((out["ST_low"] <= exact_st + 1e-3) & (exact_st - 1e-3 <= out["ST_high"])).all(), out


@pytest.mark.parametrize(
    "coefficients",
    [
        [1, 1, 1, 1, 1],  # SALib src/SALib/test_functions/linear_model_1.py: y = x1 + … + x5
        [5, 4, 3, 2, 1],  # linear_model_2.py: y = 5x1 + 4x2 + 3x3 + 2x4 + x5 (Li et al. 2010)
    ],
)
def test_li_linear_models_have_the_squared_coefficient_shares(coefficients):
    """A linear model of independent uniforms has no interactions: S_i = ST_i = a_i²/Σa²
    (1/5 each; 25, 16, 9, 4, 1 over 55). The 95 % intervals of 500 resamples hold them, and the
    indices are within 0.02 of them at N = 4096 (the estimators' standard error here is < 0.01)."""
    a = np.array(coefficients, dtype=float)
    exact = a**2 / np.sum(a**2)
    bounds = {f"x{i + 1}": (0, 1) for i in range(5)}
    out = C.sobol_indices(lambda x: x @ a, bounds, n=4096, bootstrap=500)
    np.testing.assert_allclose(out["S"], exact, atol=0.02)
    np.testing.assert_allclose(out["ST"], exact, atol=0.02)
    assert ((out["S_low"] <= exact) & (exact <= out["S_high"])).all(), out
    assert ((out["ST_low"] <= exact) & (exact <= out["ST_high"])).all(), out


def test_the_quasi_random_design_is_joe_and_kuos_sobol_sequence_without_its_first_point():
    """SALib tests/test_sobol.py test_sobol_sequence (line 21): the first ten points of the
    three-dimensional Sobol sequence of Joe & Kuo (web.maths.unsw.edu.au/~fkuo/sobol). Our design
    (random=False) reads A from the sequence's first `dims` coordinates and B from the next
    `dims`, skipping the all-zero first point; SALib ≥ 1.5 scrambles it (Owen) instead
    (docs/composite.md, Conventions). With dims = 2: coordinates 1–3 are A's columns and B's first."""
    expected = np.array(
        [
            [0.5, 0.5, 0.5],
            [0.75, 0.25, 0.25],
            [0.25, 0.75, 0.75],
            [0.375, 0.375, 0.625],
            [0.875, 0.875, 0.125],
            [0.625, 0.125, 0.875],
            [0.125, 0.625, 0.375],
            [0.1875, 0.3125, 0.9375],
            [0.6875, 0.8125, 0.4375],
        ]
    )
    n = 9
    x = np.asarray(_core.composite_saltelli_design(n, 2, [0, 1], False, 1))
    a, b = x[:n], x[n : 2 * n]
    np.testing.assert_array_equal(np.c_[a, b[:, 0]], expected)
    np.testing.assert_array_equal(x[2 * n : 3 * n], np.c_[b[:, 0], a[:, 1]])  # AB_1: A with B's column 1
    np.testing.assert_array_equal(x[3 * n :], np.c_[a[:, 0], b[:, 1]])


def test_coinr_sampling_case_an_unused_input_has_indices_of_exactly_zero():
    """COINr tests/testthat/test-sensitivity.R "sampling_works" (line 60): SA_sample(100, 3) has
    N(d + 2) rows in [0, 1]; y = X1 + 10·X2 (X3 unused) gives Si[3] = STi[3] = 0 exactly.
    COINr's sample is plain runif: ours with random=True."""
    seen = {}

    def model(x):
        seen["x"] = x
        return x[:, 0] + 10 * x[:, 1]

    bounds = {"X1": (0, 1), "X2": (0, 1), "X3": (0, 1)}
    out = C.sobol_indices(model, bounds, n=100, random=True, seed=3, bootstrap=100)
    x = seen["x"]
    assert x.shape == (100 * 5, 3) and out.attrs["runs"] == 500
    assert (x >= 0).all() and (x <= 1).all()
    assert out.loc["X3", "S"] == 0 and out.loc["X3", "ST"] == 0
    assert out.loc["X3", ["S_low", "S_high", "ST_low", "ST_high"]].eq(0).all()
    # COINr: "can't really check the individual sensitivity indices due to estimation error" at
    # N = 100 (S of X2 is 100/101 exactly; the estimate here 0.83): only their order.
    assert out.loc["X2", "ST"] > out.loc["X1", "ST"] > 0


def test_coinr_sensitivity_case_identical_normalisations_have_indices_of_exactly_zero(asem, asem_steps):
    """COINr tests/testthat/test-sensitivity.R "sensitivity_works" (line 1): on the example coin,
    winmax drawn from 1:5 and two identical normalisations (min-max to [1, 100] twice), N = 20,
    Nboot = 100, target the Index's mean absolute rank change: N(d + 2) = 80 runs, and the
    normalisation's Si and STi are 0 exactly (expect_equal(SA_res$Sensitivity$Si[2], 0))."""
    _, meta, raw = asem
    result = C.uncertainty(
        raw,
        C.Framework.from_pandas(meta),
        asem_steps,
        n=0,
        seed=1,
        winmax=(1, 5),
        normalisation=[C.Normalise("minmax", (1, 100)), C.Normalise("minmax", (1, 100))],
        sobol=20,
        bootstrap=100,
    )
    table = result.sobol.set_index(["output", "input"])
    shift = table.loc["mean_abs_rank_shift"]
    assert shift.loc["normalisation", ["S", "ST"]].eq(0).all(), shift
    assert shift.loc["winmax", "ST"] > 0, shift
    assert result._sobol_raw[4] == 80


def test_rank_statistics_are_coinrs_type_7_quantiles_of_the_replications_ranks(small_composite):
    """COINr R/sensitivity.R get_sensitivity (lines 203–210): per unit the mean, median and the
    quantile(probs = 0.05 / 0.95) of its ranks over the replications, R's default type 7 (the
    vignette prints Q5 = 5.95). numpy's default percentile is type 7."""
    data, fw, steps = small_composite
    result = C.uncertainty(
        data,
        fw,
        steps,
        n=101,
        seed=5,
        keep=True,
        weights_noise={2: 0.5},
        aggregation=[C.Aggregate("arithmetic"), C.Aggregate("geometric")],
    )
    ranks = result.node_ranks()
    matrix = np.asarray(result.replication_matrix)  # replications × nodes × regions
    index_ranks = matrix[:, list(result._core.nodes).index(result.root), :]
    for j, region in enumerate(ranks.index):
        r = index_ranks[:, j].astype(np.float64)  # kept as float32: whole ranks, exact
        assert ranks.loc[region, "mean_rank"] == pytest.approx(r.mean(), abs=1e-12)
        assert ranks.loc[region, "median_rank"] == np.median(r)
        assert ranks.loc[region, "rank_p05"] == pytest.approx(np.percentile(r, 5), abs=1e-12)
        assert ranks.loc[region, "rank_p95"] == pytest.approx(np.percentile(r, 95), abs=1e-12)


@pytest.fixture(scope="module")
def twelve_regions():
    """Made-up data of an analyst's question, "how sure is the 10th place of 4303?": 12 regions,
    6 indicators (gamma-distributed, no ties) in an Input and an Output pillar, min-max 0–100."""
    import pandas as pd

    rng = np.random.default_rng(7)
    codes = [f"43{i:02d}" for i in range(1, 13)]
    ind = ["rd_share", "grads", "fund_use", "patents", "hitech_share", "tech_market"]
    data = pd.DataFrame(rng.gamma(3, 2, size=(12, 6)), index=codes, columns=ind)
    fw = C.Framework.from_pandas(
        pd.DataFrame(
            {
                "code": ["Index", "Input", "Output", *ind],
                "parent": ["", "Index", "Index", "Input", "Input", "Input", "Output", "Output", "Output"],
                "level": [3, 2, 2, 1, 1, 1, 1, 1, 1],
                "weight": [1] * 9,
                "direction": [1] * 9,
            }
        )
    )
    return data, fw, [C.Normalise("minmax", (0, 100)), C.Aggregate()]


ANALYST = dict(
    seed=11,
    top_k=3,
    weights_noise={1: 0.25, 2: 0.25},
    aggregation=[C.Aggregate("arithmetic"), C.Aggregate("geometric")],
    normalisation=[C.Normalise("minmax", (1, 100)), C.Normalise("zscore", m_sd=(10, 2))],
)


def test_how_sure_is_a_ranking_reads_the_same_at_one_and_two_threads(twelve_regions):
    """The rank table and the Sobol table, bit for bit at 1 and 2 threads (the design's 1280
    runs span several 256-run pieces, so two threads do split the work)."""
    data, fw, steps = twelve_regions
    one = C.uncertainty(data, fw, steps, n=500, threads=1, sobol=256, bootstrap=200, **ANALYST)
    two = C.uncertainty(data, fw, steps, n=500, threads=2, sobol=256, bootstrap=200, **ANALYST)
    pd = pytest.importorskip("pandas")
    pd.testing.assert_frame_equal(one.ranks, two.ranks, check_exact=True)
    pd.testing.assert_frame_equal(one.sobol, two.sobol, check_exact=True)
    assert one.summary() == two.summary()


def test_top_k_probabilities_are_the_replications_shares_and_sum_to_k(twelve_regions):
    """p_top3 of a region is the share of replications that ranked it 1st to 3rd; without ties
    exactly three regions are there in each replication, so the shares sum to 3. The 5th–95th
    interval holds the median."""
    data, fw, steps = twelve_regions
    result = C.uncertainty(data, fw, steps, n=400, keep=True, **ANALYST)
    ranks = result.node_ranks()
    matrix = np.asarray(result.replication_matrix)[:, list(result._core.nodes).index(result.root), :]
    np.testing.assert_allclose(ranks["p_top3"].to_numpy(dtype=float), (matrix <= 3).mean(axis=0), rtol=0, atol=1e-12)
    assert ranks["p_top3"].sum() == pytest.approx(3, abs=1e-12)
    assert (ranks["rank_p05"] <= ranks["median_rank"]).all() and (ranks["median_rank"] <= ranks["rank_p95"]).all()
    assert ranks.loc["4303", "nominal_rank"] == 10 and ranks.loc["4303", "p_top3"] == 0


def _ishigami(x):
    return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])


@pytest.mark.parametrize("groups", [["G1", "G2", "G1"], {"x1": "G1", "x2": "G2", "x3": "G1"}])
def test_grouped_ishigami_indices_are_salibs(groups):
    """SALib tests/test_regression.py test_regression_sobol_groups (line 262): Ishigami with
    groups G1 = {x1, x3}, G2 = {x2}, N = 10000: S1 ≈ ST ≈ (0.55, 0.44), atol 5e-2, rtol 0.1.
    Exactly: G1's first-order index is (V1 + V13)/V = 0.5576, and G2's 0.4424 (no interaction
    across the groups, so S = ST); the 95 % intervals hold them."""
    pi = np.pi
    bounds = {"x1": (-pi, pi), "x2": (-pi, pi), "x3": (-pi, pi)}
    out = C.sobol_indices(_ishigami, bounds, n=8192, bootstrap=200, groups=groups)
    assert list(out.index) == ["G1", "G2"] and out.index.name == "group"
    assert out.attrs["groups"] == {"G1": ["x1", "x3"], "G2": ["x2"]} and out.attrs["runs"] == 8192 * 4
    np.testing.assert_allclose(out["S"], [0.55, 0.44], atol=5e-2, rtol=1e-1)
    np.testing.assert_allclose(out["ST"], [0.55, 0.44], atol=5e-2, rtol=1e-1)
    exact = np.array([0.5576, 0.4424])
    for lo, hi in (("S_low", "S_high"), ("ST_low", "ST_high")):
        assert ((out[lo] <= exact + 1e-3) & (exact - 1e-3 <= out[hi])).all(), out


def test_groups_of_one_input_each_are_the_ungrouped_indices():
    """A group per input is the ungrouped analysis, bit for bit (same design, same estimator)."""
    bounds = {"x1": (-np.pi, np.pi), "x2": (-np.pi, np.pi), "x3": (-np.pi, np.pi)}
    plain = C.sobol_indices(_ishigami, bounds, n=256, bootstrap=50)
    alone = C.sobol_indices(_ishigami, bounds, n=256, bootstrap=50, groups=["x1", "x2", "x3"])
    np.testing.assert_array_equal(alone.to_numpy(), plain.to_numpy())


def test_a_group_is_one_input_of_the_design():
    """The inputs of a group take B's values together in their AB block: with x2 and x4 one group,
    that block's rows differ from A's in columns 2 and 4 only (columns counted from 1)."""
    seen = {}

    def model(x):
        seen["x"] = x
        return x.sum(axis=1)

    n = 16
    bounds = {f"x{i}": (0, 1) for i in range(1, 5)}
    C.sobol_indices(model, bounds, n=n, bootstrap=0, groups={"x1": "a", "x2": "b", "x3": "c", "x4": "b"})
    x = seen["x"]
    a, b, ab_b = x[:n], x[n : 2 * n], x[3 * n : 4 * n]
    np.testing.assert_array_equal(ab_b[:, [1, 3]], b[:, [1, 3]])
    np.testing.assert_array_equal(ab_b[:, [0, 2]], a[:, [0, 2]])


@pytest.mark.parametrize(
    "groups, words",
    [
        ({"x1": "G1", "x9": "G2"}, "lack: 'x9' (did you mean"),
        ({"x1": "G1"}, "no group to x2"),
        (["G1"], "1 names for 2 inputs"),
        ("G1", "must be {input: group} or a list"),
        (["G1", ""], "non-empty text"),
    ],
)
def test_groups_that_do_not_fit_the_bounds_are_refused(groups, words):
    with pytest.raises(zb.ArgumentError, match=words.replace("(", r"\(").replace("{", r"\{").replace("}", r"\}")):
        C.sobol_indices(lambda x: x[:, 0], {"x1": (0, 1), "x2": (0, 1)}, n=8, groups=groups)


def test_noisy_weights_are_coinrs_uniform_factor_around_each_weight(small_composite):
    """COINr R/sensitivity.R get_noisy_weights (line 949): w + (2·runif − 1)·NoiseFactor·w, at the
    levels asked only (tests/testthat/test-sensitivity.R "noisy_weights": the other levels'
    weights stay). Here level 2 (P1 weight 1, P2 weight 3) at 0.25: every draw within w·(1 ± 0.25),
    mean w and sd 0.25·w/√3 (within 5 standard errors of 2000 draws), no indicator weight drawn."""
    data, fw, steps = small_composite
    drawn = C.uncertainty(data, fw, steps, n=2000, weights_noise={2: 0.25}).parameters
    assert list(drawn.columns) == ["weight:P1", "weight:P2"]
    for column, w in (("weight:P1", 1.0), ("weight:P2", 3.0)):
        x = drawn[column].to_numpy()
        sd = 0.25 * w / np.sqrt(3)
        assert (x >= 0.75 * w).all() and (x <= 1.25 * w).all()
        assert abs(x.mean() - w) < 5 * sd / np.sqrt(len(x))
        assert abs(x.std(ddof=1) / sd - 1) < 0.05


def test_a_sobol_design_of_one_row_is_refused_naming_the_keyword(small_composite):
    """A variance needs two base rows (COINr's get_sensitivity asks N > 2). sobol=1 was refused
    by the core as "sobol_estimate: n must be at least 2", a name the caller never wrote."""
    data, fw, steps = small_composite
    with pytest.raises(zb.ArgumentError, match=r"sobol = 1: .* sobol ≥ 2 rows"):
        C.uncertainty(data, fw, steps, n=0, sobol=1, aggregation=[C.Aggregate("arithmetic"), C.Aggregate("geometric")])


def test_tied_regions_share_the_best_rank_in_every_replication_as_coinrs_rank_df(small_composite):
    """COINr ranks each replication with rank_df (R/sensitivity.R line 194), ties "min": two
    regions with the same values share the better rank and the next is skipped (5, 5, 7)."""
    data, fw, _ = small_composite
    twins = data.copy()
    twins.loc["u7"] = twins.loc["u6"]
    result = C.uncertainty(
        twins,
        fw,
        [C.Normalise("minmax", (1, 100)), C.Aggregate()],
        n=50,
        keep=True,
        weights_noise={2: 0.25},
        aggregation=[C.Aggregate("arithmetic"), C.Aggregate("geometric")],
    )
    ranks = np.asarray(result.replication_matrix)[:, list(result._core.nodes).index(result.root), :]
    np.testing.assert_array_equal(ranks[:, 6], ranks[:, 7])
    for row in ranks:
        tied = row[6]
        assert (row < tied).sum() == tied - 1 and tied + 1 not in row and (row == tied).sum() == 2
