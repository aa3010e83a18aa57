"""Findings of the analyst's trial of the uncertainty analysis (3 December 2026, /work/trial9unc):
node names checked with "did you mean", a period the panel lacks, the Dask entry point checked as
the in-process one, exact score percentiles with keep=True, one count for every statistic of a
node that some replications leave without a score, the Sobol table of the command line in a file,
plot layout, and the smaller refusals."""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


@pytest.fixture
def small(small_composite):
    return small_composite


def flat():
    rng = np.random.default_rng(0)
    df = pd.DataFrame(rng.uniform(1, 10, (8, 3)), columns=list("abc"), index=[f"r{i}" for i in range(8)])
    return df, C.Framework.flat(list("abc"), root="idx"), [C.Normalise("minmax", range=(1, 100)), C.Aggregate()]


# --- 2. node names -----------------------------------------------------------------------------


def test_an_unknown_node_is_an_unknown_indicator_error_with_a_suggestion():
    df, fw, steps = flat()
    u = C.uncertainty(df, fw, steps, n=30, weights_noise={1: 0.3})
    # node_ranks("idxx") was an empty frame and plot_ranks(node="idxx") empty axes
    with pytest.raises(zb.UnknownIndicatorError, match=r"no node 'idxx'.*did you mean 'idx'\?"):
        u.node_ranks("idxx")
    with pytest.raises(zb.UnknownIndicatorError, match=r"did you mean 'idx'\?"):
        u.plot_ranks(node="idxx")
    with pytest.raises(zb.UnknownIndicatorError, match=r"'a' is an indicator: .*aggregates \(idx\)"):
        u.node_ranks("a")
    # node= was accepted (and ignored) without sobol=
    with pytest.raises(zb.UnknownIndicatorError, match=r"no node 'zzz'"):
        C.uncertainty(df, fw, steps, n=10, node="zzz")
    # with sobol= the C++ core refuses it too, with the suggestion and the aggregates
    with pytest.raises(zb.UnknownIndicatorError, match=r"did you mean 'idx'\?"):
        C.uncertainty(df, fw, steps, n=0, sobol=8, node="idxx", weights_noise={1: 0.3})


def test_plot_sobol_of_an_unknown_output_is_refused_and_its_labels_fit_a_saved_figure(small, tmp_path):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    data, fw, steps = small
    u = C.uncertainty(data, fw, steps, n=0, sobol=32, bootstrap=0, weights_noise={2: 0.25}, winmax=(0, 2))
    with pytest.raises(zb.UnknownIndicatorError, match=r"no output 'bogus'"):
        u.plot_sobol(output="bogus")
    with pytest.raises(zb.UnknownIndicatorError, match=r"did you mean 'mean_abs_rank_shift'\?"):
        u.plot_sobol(output="mean_abs_rank_shif")
    ax = u.plot_sobol()
    fig = ax.figure
    fig.canvas.draw()
    # The rotated x labels lay below the figure's bottom edge before tight_layout: clipped in a PNG.
    renderer = fig.canvas.get_renderer()
    for label in ax.get_xticklabels():
        assert label.get_window_extent(renderer).y0 >= 0


# --- 3. a period the panel lacks -----------------------------------------------------------------


def test_a_period_the_panel_lacks_is_build_s_error(sample_dir):
    counties = zb.read_csv(sample_dir / "counties_synthetic.csv")
    model = C.Model.from_toml(str(sample_dir / "county_index.toml"))
    with pytest.raises(zb.Error) as built:
        C.build(counties, model, period="2031")
    with pytest.raises(zb.Error) as analysed:  # a raw KeyError('2031') before
        C.uncertainty(counties, None, model, n=10, period="2031")
    assert str(analysed.value) == str(built.value)
    assert str(analysed.value).startswith("the panel has no period 2031 (did you mean '2024'?) (periods: 2015, ")


# --- 4. the Dask entry point checks its arguments as the in-process one --------------------------


@pytest.mark.parametrize(
    "kw, error, words",
    [
        (dict(top_k=0), zb.ArgumentError, "top_k must be a whole number ≥ 1, not 0"),
        (dict(top_k=-3), zb.ArgumentError, "top_k must be a whole number ≥ 1, not -3"),
        (dict(seed=-1), zb.ArgumentError, "seed must be a whole number ≥ 0, not -1"),
        (dict(n=2.5), zb.ArgumentError, "n must be a whole number ≥ 1, not 2.5"),
        (dict(n=-5), zb.ArgumentError, "n must be a whole number ≥ 1, not -5"),
        (dict(n=0), zb.ArgumentError, "n must be a whole number ≥ 1, not 0"),
        (dict(weight_noise={1: 0.2}), zb.UnknownKeywordError, "did you mean 'weights_noise'?"),
        (dict(sobol=10), zb.ArgumentError, "no sobol= on Dask"),
        (dict(threads=2), zb.ArgumentError, "no threads= on Dask"),
    ],
)
def test_dask_refuses_what_the_in_process_analysis_refuses(kw, error, words):
    dask = pytest.importorskip("dask")
    import zhibiao.dask as zd

    df, fw, steps = flat()
    with dask.config.set(scheduler="sync"), pytest.raises(error) as e:
        zd.uncertainty(df, fw, steps, **{"n": 50, "weights_noise": {1: 0.3}, **kw})
    assert words in str(e.value)


# --- 5. keep=True: exact score percentiles ----------------------------------------------------


def test_keep_gives_the_exact_score_percentiles(small):
    data, fw, steps = small
    nominal = C.build(data, fw, steps)
    # Nothing uncertain: every replication is the nominal index, so are its percentiles, exactly
    # (they came from the float32 kept scores: off by ~2e-6).
    u = C.uncertainty(data, fw, steps, n=20, normalisation=[C.Normalise("minmax", (1, 100))], keep=True)
    r = u.ranks
    expected = np.array([nominal.scores.loc[reg, node] for reg, node in zip(r["region"], r["node"])])
    assert np.array_equal(r["score_p05"].to_numpy(), expected)
    assert np.array_equal(r["score_p95"].to_numpy(), expected)
    # With noise: numpy's percentiles (type 7) of the replications rebuilt alone, in float64
    u = C.uncertainty(data, fw, steps, n=40, seed=3, weights_noise={2: 0.3}, keep=True)
    scores = np.array([u.replication(k).scores["Index"].to_numpy() for k in range(40)])
    r = u.node_ranks()
    np.testing.assert_allclose(r["score_p05"], np.percentile(scores, 5, axis=0), rtol=1e-13)
    np.testing.assert_allclose(r["score_p95"], np.percentile(scores, 95, axis=0), rtol=1e-13)


# --- 6. a node without a score in some replications -----------------------------------------------


def test_a_node_left_without_a_score_counts_the_same_replications_in_every_statistic():
    rng = np.random.default_rng(2)
    df = pd.DataFrame(rng.uniform(1, 10, (8, 3)), columns=list("abc"), index=[f"r{i}" for i in range(8)])
    fw = C.Framework.from_pandas(
        pd.DataFrame(
            {
                "code": ["idx", "p1", "p2", "a", "b", "c"],
                "parent": ["", "idx", "idx", "p1", "p1", "p2"],
                "weight": [1] * 6,
                "direction": [1] * 6,
                "level": [3, 2, 2, 1, 1, 1],
            }
        )
    )
    steps = [C.Normalise("minmax", range=(0, 100)), C.Aggregate("arithmetic")]
    u = C.uncertainty(df, fw, steps, n=40, seed=1, exclude_indicator=True, keep=True)
    dropped = int((u.parameters["exclusion"] == "c").sum())  # p2's only indicator left out
    assert dropped > 0
    m = u.replication_matrix[:, 2, :]  # p2
    scored = ~np.isnan(m)
    r = u.node_ranks("p2")
    assert (r["no_score"] == dropped).all() and (u.node_ranks()["no_score"] == 0).all()
    # P(top 10) of 8 regions is 1 over the replications that rank p2 (it was (40 − dropped)/40)
    assert (r["p_top10"] == 1.0).all()
    np.testing.assert_array_equal(r["median_rank"], [np.median(m[scored[:, i], i]) for i in range(8)])
    assert f"'p2' has no score in up to {dropped} of 40 replications" in u.summary()


# --- 1. the command line writes the Sobol indices to a file --------------------------------------

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
[[node]]
code = "a"
parent = "P1"
[[node]]
code = "b"
parent = "P1"
[[node]]
code = "c"
parent = "P2"
[[node]]
code = "d"
parent = "P2"
[[step]]
kind = "normalise"
method = "minmax"
range = [1, 100]
[[step]]
kind = "aggregate"

[uncertainty]
replications = 32
weights_noise = { 2 = 0.25 }
"""


@pytest.fixture
def files(small, tmp_path):
    data, _, _ = small
    (tmp_path / "m.toml").write_text(MODEL, encoding="utf-8")
    data.rename_axis("unit").to_csv(tmp_path / "d.csv")
    return str(tmp_path / "m.toml"), str(tmp_path / "d.csv"), tmp_path


def test_cli_writes_the_sobol_indices_to_sobol_out_even_when_quiet(files, capsys):
    from zhibiao import cli

    model, data, tmp = files
    args = ["uncertainty", model, data, "--sobol", "16", "-q", "--out", str(tmp / "r.csv")]
    # -q lost the table (it went to standard error only) and --out never had it
    assert cli.main([*args, "--sobol-out", str(tmp / "s.csv")]) == 0
    s = pd.read_csv(tmp / "s.csv")
    assert list(s.columns[:3]) == ["output", "input", "S"]
    assert "mean_abs_rank_shift" in set(s["output"]) and "u0" in set(s["output"])
    assert capsys.readouterr().err == ""
    # --sobol with nowhere to write its table: refused before anything is computed
    assert cli.main(args) == 2
    assert "--sobol N needs --sobol-out FILE" in capsys.readouterr().err
    assert cli.main(["uncertainty", model, data, "--sobol-out", str(tmp / "x.csv")]) == 2
    assert "--sobol-out needs --sobol N" in capsys.readouterr().err


def test_cli_unknown_node_and_absent_period_exit_2_with_the_message(files, sample_dir, tmp_path, capsys):
    from zhibiao import cli

    model, data, tmp = files
    assert cli.main(["uncertainty", model, data, "--node", "Indx", "--out", str(tmp / "r.csv")]) == 2
    assert "did you mean 'Index'?" in capsys.readouterr().err
    (tmp / "c.toml").write_text(
        (sample_dir / "county_index.toml").read_text(encoding="utf-8")
        + "\n[uncertainty]\nreplications = 10\nweights_noise = { 1 = 0.25 }\n",
        encoding="utf-8",
    )
    status = cli.main(
        ["uncertainty", str(tmp / "c.toml"), str(sample_dir / "counties_synthetic.csv"), "--period", "2031", "-q"]
    )
    err = capsys.readouterr().err
    assert status == 2 and "the panel has no period 2031" in err and "Traceback" not in err


# --- 8. smaller refusals -------------------------------------------------------------------------


def test_smaller_refusals():
    df, fw, steps = flat()
    u = C.uncertainty(df, fw, steps, n=10, weights_noise={1: 0.3})
    for k in (2.7, "3", True):  # were taken as 2, 3 and 1
        with pytest.raises(zb.ArgumentError, match="replication takes a whole number from 0 to 9"):
            u.replication(k)
    assert u.replication(np.int64(3)).replication_number == 3
    with pytest.raises(zb.ArgumentError, match="bootstrap must be a whole number ≥ 0, not -1"):
        C.uncertainty(df, fw, steps, n=0, sobol=8, bootstrap=-1, weights_noise={1: 0.3})
    treat = [C.Treat("coinr"), *steps]
    for bad in [(1, 2, 3), 5, (1.5, 3), "15"]:  # (1, 2, 3): a bare "too many values to unpack"
        with pytest.raises(zb.ArgumentError, match=r"winmax must be \(low, high\), two whole numbers"):
            C.uncertainty(df, fw, treat, n=10, winmax=bad)
    with pytest.raises(zb.ArgumentError, match="probabilities for aggregation, which has no alternatives"):
        C.uncertainty(df, fw, steps, n=10, weights_noise={1: 0.3}, probabilities={"aggregation": [0.5, 0.5]})
    # noise with a data-driven weighting alternative: refused as for a data-driven nominal one
    with pytest.raises(zb.ArgumentError, match="alternative 'entropy' computes these weights from the data"):
        C.uncertainty(df, fw, steps, n=10, weighting=[C.Weigh("equal"), C.Weigh("entropy")], weights_noise={1: 0.2})
    with pytest.raises(zb.Error, match=r"no composite preset 'entropy_topsis' \(did you mean 'entropy-topsis'\?\)"):
        C.uncertainty(df, None, "entropy_topsis", n=10)
    text = df.copy()
    text["a"] = text["a"].astype(str)
    with pytest.raises(zb.Error, match=r"indicator columns must be numeric: a .*numbers stored as text"):
        C.uncertainty(text, fw, steps, n=10, weights_noise={1: 0.3})


def test_summary_of_a_sobol_only_run_names_the_node_and_notes_a_flat_output(small):
    data, fw, steps = small
    u = C.uncertainty(data, fw, steps, n=0, sobol=16, bootstrap=0, node="P2", weights_noise={2: 0.25})
    text = u.summary()
    assert text.startswith("Uncertainty analysis of 'P2': 0 replications")  # it said 'Index'
    assert "width: median nan" not in text and "score percentiles" not in text
    # P2's weights (level 2 noise) move nothing inside P2: its ranks never change, variance 0
    assert "did not move in the Sobol design (variance 0)" in text
