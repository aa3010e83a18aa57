"""zb.composite.uncertainty: the nominal index when nothing varies, the same bits for any thread
count, replications rebuilt alone, the parameters table, refusals, Sobol indices, plots, the
[uncertainty] TOML section and the CLI (ASEM data from ../shared/data/coinr-asem)."""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


@pytest.fixture
def small(small_composite):
    return small_composite


def busy(**kw):
    return dict(
        weights_noise={2: 0.25},
        winmax=(0, 2),
        aggregation=[C.Aggregate("arithmetic"), C.Aggregate("geometric")],
        normalisation={
            "minmax 1-100": C.Normalise("minmax", (1, 100)),
            "minmax 2-100": C.Normalise("minmax", (2, 100)),
        },
        exclude_indicator=True,
        **kw,
    )


def test_nothing_uncertain_gives_the_nominal_ranks(small):
    data, fw, steps = small
    nominal = C.build(data, fw, steps)
    u = C.uncertainty(data, fw, steps, n=50, weights_noise={2: 0.0}, aggregation=[C.Aggregate("arithmetic")])
    r = u.node_ranks("Index")
    assert (r["nominal_rank"] == nominal.ranks["Index"]).all()
    assert (r["rank_p05"] == r["nominal_rank"]).all() and (r["rank_p95"] == r["nominal_rank"]).all()
    assert r["nominal_rank"].dtype == "Int64"
    one = u.replication(13)
    pd.testing.assert_frame_equal(one.scores, nominal.scores, check_exact=True)
    pd.testing.assert_frame_equal(one.layer("normalised"), nominal.layer("normalised"), check_exact=True)


def test_threads_do_not_change_a_bit(small):
    data, fw, steps = small
    one = C.uncertainty(data, fw, steps, n=600, threads=1, **busy())
    two = C.uncertainty(data, fw, steps, n=600, threads=2, **busy())
    pd.testing.assert_frame_equal(one.ranks, two.ranks, check_exact=True)
    pd.testing.assert_frame_equal(one.parameters, two.parameters, check_exact=True)
    assert (one.node_ranks()["rank_p95"] - one.node_ranks()["rank_p05"]).max() > 0


def test_a_treatment_after_the_normalisation_is_what_replications_aggregate(small):
    # The outlier a = 30 is winsorised after min-max here: build() aggregates the treated layer,
    # and so must every replication (they had aggregated the normalised one, untreated).
    data, fw, _ = small
    steps = [C.Normalise("minmax", (1, 100)), C.Treat("coinr"), C.Aggregate()]
    nominal = C.build(data, fw, steps)
    assert not nominal.layer("treated").equals(nominal.layer("normalised"))
    u = C.uncertainty(data, fw, steps, n=20, weights_noise={2: 0.0}, aggregation=[C.Aggregate("arithmetic")])
    pd.testing.assert_frame_equal(u.replication(3).scores, nominal.scores, check_exact=True)
    assert (u.node_ranks("Index")["nominal_rank"] == nominal.ranks["Index"]).all()
    np.testing.assert_array_equal(u.node_ranks("Index")["nominal_score"], nominal.scores["Index"])
    np.testing.assert_allclose(u.node_ranks("Index")["mean_score"], nominal.scores["Index"], rtol=1e-13)


def test_parameters_and_replications_rebuilt_alone(small):
    data, fw, steps = small
    u = C.uncertainty(data, fw, steps, n=300, keep=True, **busy())
    p = u.parameters
    assert len(p) == 300 and p.index.name == "replication"
    assert set(p["aggregation"]) == {"arithmetic", "geometric"}
    assert set(p["normalisation"]) == {"minmax 1-100", "minmax 2-100"}
    assert set(p["winmax"]) == {0, 1, 2}
    assert set(p["exclusion"]) <= {"", "a", "b", "c", "d"} and "" in set(p["exclusion"])
    assert {"weight:P1", "weight:P2"} <= set(p.columns)
    assert p["weight:P2"].between(3 * 0.75, 3 * 1.25).all()
    matrix = u.replication_matrix  # replications × nodes × units
    for k in (0, 11, 299):
        one = u.replication(k)
        np.testing.assert_array_equal(one.ranks["Index"].to_numpy(dtype=float), matrix[k, 0])
        assert "Uncertainty replication" in one.summary()
        assert f"aggregation = {p['aggregation'][k]}" in one.summary()
    assert not np.isnan(u.node_ranks()["score_p05"]).any()


def test_summary_html_and_plots(small):
    import matplotlib

    matplotlib.use("Agg")
    data, fw, steps = small
    u = C.uncertainty(data, fw, steps, n=256, sobol=64, bootstrap=50, **busy())
    assert "256 replications" in u.summary() and "Sobol" in u.summary()
    assert "<table" in u._repr_html_()
    s = u.sobol
    assert set(s["input"]) == {"weights noise level 2", "aggregation", "normalisation", "winmax", "exclusion"}
    assert set(s["output"]) == {*data.index, "mean_abs_rank_shift"}
    from matplotlib.axes import Axes

    ax = u.plot_ranks()
    assert isinstance(ax, Axes)
    # The legend sits right of the axes, where it hides no 5–95% bar.
    ax.figure.canvas.draw()
    legend, axes = ax.get_legend().get_window_extent(), ax.get_window_extent()
    assert legend.x0 >= axes.x1
    assert isinstance(u.plot_sobol(), Axes)


def test_assumption_on_an_absent_step_is_refused(small):
    data, fw, _ = small
    with pytest.raises(ValueError, match="no treat step"):
        C.uncertainty(data, fw, [C.Normalise(), C.Aggregate()], n=10, winmax=(1, 5))
    with pytest.raises(ValueError, match="no impute step"):
        C.uncertainty(data, fw, [C.Normalise(), C.Aggregate()], n=10, imputation=[C.Impute("mean")])
    with pytest.raises(ValueError, match="probabilities sum"):
        C.uncertainty(
            data,
            fw,
            [C.Normalise(), C.Aggregate()],
            n=10,
            aggregation=[C.Aggregate(), C.Aggregate("geometric")],
            probabilities={"aggregation": [0.5, 0.6]},
        )
    with pytest.raises(ValueError, match="levels 1 to 2"):
        C.uncertainty(data, fw, [C.Normalise(), C.Aggregate()], n=10, weights_noise={3: 0.1})


def test_sobol_estimator_on_a_linear_model():
    from zhibiao import _core

    n = 4096
    x = np.asarray(_core.composite_saltelli_design(n, 3, [0, 1, 2]))
    y = x[:, 0] + 2 * x[:, 1] + 3 * x[:, 2]
    s, st, s_lo, s_hi, st_lo, st_hi, var = _core.composite_sobol_estimate(y, n, 3, 300)
    exact = np.array([1, 4, 9]) / 14
    assert (s_lo <= exact).all() and (exact <= s_hi).all() and (st_lo <= exact).all() and (exact <= st_hi).all()
    assert var == pytest.approx(14 / 12, rel=0.01)


MODEL = """
name = "small"
[[node]]
code = "Index"
level = 3
[[node]]
code = "P1"
parent = "Index"
level = 2
[[node]]
code = "P2"
parent = "Index"
level = 2
weight = 3
[[node]]
code = "a"
parent = "P1"
[[node]]
code = "b"
parent = "P1"
weight = 2
[[node]]
code = "c"
parent = "P2"
direction = -1
[[node]]
code = "d"
parent = "P2"
[[step]]
kind = "treat"
method = "coinr"
[[step]]
kind = "normalise"
method = "minmax"
range = [1, 100]
[[step]]
kind = "aggregate"

[uncertainty]
replications = 300
seed = 4
winmax = [0, 2]
weights_noise = { 2 = 0.25 }
[[uncertainty.aggregation]]
method = "arithmetic"
probability = 0.25
[[uncertainty.aggregation]]
method = "geometric"
probability = 0.75
"""


def test_uncertainty_section_of_the_model_toml(small, tmp_path):
    data, fw, steps = small
    settings, assumptions = zb.uncertainty.assumptions_from_toml(MODEL)
    assert settings == {"replications": 300, "seed": 4}
    assert assumptions["probabilities"] == {"aggregation": [0.25, 0.75]}
    from_toml = C.uncertainty(data, None, C.Model(MODEL), n=300, seed=4, **assumptions)
    in_code = C.uncertainty(
        data,
        fw,
        steps,
        n=300,
        seed=4,
        winmax=(0, 2),
        weights_noise={2: 0.25},
        aggregation=[C.Aggregate("arithmetic"), C.Aggregate("geometric")],
        probabilities={"aggregation": [0.25, 0.75]},
    )
    pd.testing.assert_frame_equal(from_toml.ranks, in_code.ranks, check_exact=True)
    assert (from_toml.parameters["aggregation"] == "geometric").mean() > 0.6
    with pytest.raises(ValueError, match="not one of"):
        zb.uncertainty.assumptions_from_toml(MODEL + "\nwinmx = 3\n".replace("\nwinmx", "\n[uncertainty.x]\nwinmx"))


def test_uncertainty_section_errors_come_from_the_cpp_reader():
    """One vocabulary: the section is read in C++, and its errors name the line, the column and
    the key, with "did you mean" for a misspelt key, method or step parameter."""
    head = "[[step]]\nkind = 'normalise'\n[uncertainty]\n"
    cases = [
        (head + "winmx = [1, 5]\n", 4, 1, "winmx", "did you mean 'winmax'?"),
        (head + "[[uncertainty.aggregation]]\nmethod = 'geometrik'\n", 5, 10, "method", "did you mean 'geometric'?"),
        (
            head + "[[uncertainty.normalisation]]\nmethod = 'zscore'\nmsd = [10, 2]\n",
            6,
            1,
            "msd",
            "did you mean 'm_sd'?",
        ),
        (
            head + "[[uncertainty.weighting]]\nmethod = 'entropy'\nzeros = 'skipp'\n",
            6,
            9,
            "zeros",
            "did you mean 'skip'?",
        ),
        (head + "seed = -1\n", 4, 8, "seed", "whole number"),
        # the step kinds are too far from the choices' names for the edit distance
        (head + "[[uncertainty.normalise]]\nmethod = 'zscore'\n", 4, 15, "normalise", "did you mean 'normalisation'?"),
        (head + "[[uncertainty.weigh]]\nmethod = 'equal'\n", 4, 15, "weigh", "did you mean 'weighting'?"),
    ]
    for text, line, column, key, message in cases:
        with pytest.raises(zb.ParseError, match=message) as e:
            zb.uncertainty.assumptions_from_toml(text, "m.toml")
        assert (e.value.file, e.value.line, e.value.column, e.value.variable) == ("m.toml", line, column, key)
    settings, assumptions = zb.uncertainty.assumptions_from_toml(
        head + "[[uncertainty.normalisation]]\nmethod = 'zscore'\nm_sd = [10, 2]\n"
        "[[uncertainty.normalisation]]\nmethod = 'zscore'\n"
    )
    assert settings == {"replications": 1000, "seed": 1}
    assert assumptions["normalisation"] == {
        "zscore": C.Normalise("zscore", m_sd=(10.0, 2.0)),
        "zscore #2": C.Normalise("zscore"),
    }
    assert zb.uncertainty.assumptions_from_toml("name = 'no section'\n") == ({}, {"exclude_indicator": False})


def test_score_percentiles_without_the_matrix_are_numpy_percentiles_of_the_replications(small):
    # n = 103: the 5th/95th percentiles fall between order statistics (h = 5.1 and 96.9), so the
    # interpolation is tested too.
    data, fw, steps = small
    n = 103
    u = C.uncertainty(data, fw, steps, n=n, threads=2, score_percentiles=True, **busy())
    nodes = list(u.ranks["node"].unique())
    scores = np.stack([u.replication(k).scores[nodes].to_numpy(dtype=float) for k in range(n)])
    got = u.ranks
    for j, node in enumerate(nodes):
        rows = got[got["node"] == node]
        for column, q in (("score_p05", 5), ("score_p95", 95)):
            expected = np.nanpercentile(scores[:, :, j], q, axis=0)
            np.testing.assert_allclose(rows[column].to_numpy(), expected, rtol=1e-12, atol=1e-12)
    assert not got["score_p05"].isna().all() and (got["score_p95"] >= got["score_p05"]).all()
    one = C.uncertainty(data, fw, steps, n=n, threads=1, score_percentiles=True, **busy())
    pd.testing.assert_frame_equal(one.ranks, got, check_exact=True)
    plain = C.uncertainty(data, fw, steps, n=n, **busy())
    assert plain.ranks["score_p05"].isna().all()
    pd.testing.assert_frame_equal(
        plain.ranks.drop(columns=["score_p05", "score_p95"]),
        got.drop(columns=["score_p05", "score_p95"]),
        check_exact=True,
    )


def test_ranks_rows_are_regions(small):
    data, fw, steps = small
    u = C.uncertainty(data, fw, steps, n=20, weights_noise={2: 0.1})
    assert list(u.ranks.columns[:2]) == ["region", "node"]
    assert u.node_ranks().index.name == "region"
    assert list(u.node_ranks().index) == list(data.index)


def test_cli(small, tmp_path, capsys):
    from zhibiao import cli

    data, _, _ = small
    (tmp_path / "m.toml").write_text(MODEL, encoding="utf-8")
    data.rename_axis("unit").to_csv(tmp_path / "d.csv")
    out = tmp_path / "ranks.csv"
    assert (
        cli.main(["uncertainty", str(tmp_path / "m.toml"), str(tmp_path / "d.csv"), "-n", "256", "--out", str(out)])
        == 0
    )
    table = pd.read_csv(out, index_col=0)
    assert list(table.columns[:4]) == ["nominal_rank", "median_rank", "mean_rank", "rank_p05"]
    assert len(table) == 8
    err = capsys.readouterr().err
    assert "256 replications" in err
    assert "rep/s" not in err and "uncertainty:" not in err  # stderr is not a terminal: no bar


def test_a_panel_gives_the_index_build_gives(sample_dir):
    """From a Panel of raw variables, the uncertainty analysis starts from the index build()
    makes of it: the catalogue indicators computed, the entities' parents as the imputation group
    of the sample model; so its nominal scores are build()'s."""
    counties = zb.read_csv(sample_dir / "counties_synthetic.csv")
    model = C.Model.from_toml(str(sample_dir / "county_index.toml"))
    built = C.build(counties, model, period="2024")
    u = C.uncertainty(counties, model, period="2024", n=16, weights_noise={1: 0.1})
    top = built.root
    nominal = u.node_ranks(top)["nominal_score"]
    np.testing.assert_allclose(
        nominal.to_numpy(dtype=float), built.scores.loc[nominal.index, top].to_numpy(), rtol=1e-12
    )


def test_a_negative_replication_is_an_argument_error_like_one_past_the_end(small):
    # Replications count from 0 to n − 1; -1 raised pybind11's TypeError (k is unsigned in C++)
    # and is not taken as "the last one" either.
    data, fw, steps = small
    u = C.uncertainty(data, fw, steps, n=20, weights_noise={2: 0.25})
    with pytest.raises(zb.ArgumentError, match=r"replication 20 does not exist \(20 replications, from 0\)"):
        u.replication(20)
    with pytest.raises(zb.ArgumentError, match=r"replication -1 does not exist \(20 replications, counted from 0"):
        u.replication(-1)
    assert u.replication(19).replication_number == 19


def test_a_replication_that_cannot_be_computed_names_its_choices(small):
    # Round 12: a geometric mean drawn over z-scores (negative for units below the mean) failed
    # with the nominal model's words only ("a geometric mean needs positive scores") — which of
    # the drawn choices caused it, the analyst had to guess.
    data, fw, steps = small
    with pytest.raises(zb.MethodError, match=r"in a replication that drew .*aggregation = geometric.*zscore") as info:
        C.uncertainty(
            data,
            fw,
            steps,
            n=200,
            normalisation={"minmax": C.Normalise("minmax", (1, 100)), "zscore": C.Normalise("zscore")},
            aggregation=[C.Aggregate("arithmetic"), C.Aggregate("geometric")],
        )
    assert "needs positive scores" in str(info.value)


def test_a_replication_count_beyond_the_machine_s_memory_is_refused_before_allocating(small):
    # 10**15 replications (or a Sobol n of 2**45) was a MemoryError after a failed allocation,
    # and under AddressSanitizer an abort: now a LimitError naming the sizes, nothing allocated.
    data, fw, steps = small
    with pytest.raises(zb.LimitError, match=r"1000000000000000 replications of .* machine's memory"):
        C.uncertainty(data, fw, steps, n=10**15, **busy())
    with pytest.raises(zb.LimitError, match="ask for a smaller n"):
        C.uncertainty(data, fw, steps, n=0, sobol=2**45, **busy())
    assert issubclass(zb.LimitError, ValueError)
