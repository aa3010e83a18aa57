"""Round-20 trial (trial20a) findings on the composite: regression imputation past the observed
range, the command line's directions, aggregation without or before a normalisation, one region,
argument types, a mean above its range, dense percentiles, what duplicate positions count."""

from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import composite as C

REGIONS = [f"R{i}" for i in range(8)]


def regions() -> pd.DataFrame:
    """Eight regions: R&D %, invention patents per 10k, high-tech %, energy per GDP (lower is better)."""
    return pd.DataFrame(
        {
            "rd": [2.1, 3.4, 1.2, 5.6, 2.8, 0.9, 4.1, 3.0],
            "pat": [12.0, 25.0, 3.5, 40.0, 18.0, 2.0, 30.0, 22.0],
            "hitech": [35.0, 48.0, 20.0, 62.0, 41.0, 15.0, 55.0, 44.0],
            "energy": [0.55, 0.42, 0.80, 0.31, 0.50, 0.95, 0.38, 0.47],
        },
        index=REGIONS,
    )


def framework() -> C.Framework:
    return C.Framework.flat(["rd", "pat", "hitech", "energy"], {"energy": -1})


# --- 3. regression imputation past the observed range ---------------------------------------


def with_low_patents_missing() -> pd.DataFrame:
    x = regions()
    x.loc["R2", "pat"] = np.nan
    x.loc["R5", ["rd", "pat"]] = np.nan
    return x


def test_regression_predictions_outside_the_observed_range_are_clipped_and_named():
    x = with_low_patents_missing()
    present = x["pat"].dropna()
    with pytest.warns(C.ImputedOutsideRangeWarning) as caught:
        r = C.build(x, framework(), [C.Impute("regression"), C.Normalise("minmax"), C.Aggregate("arithmetic")])
    imputed = r.layer("imputed")["pat"]
    # The line on hitech runs below the least patents observed (−2.77 and −7.73 before): both held
    # at the least observed value, never a negative count per head.
    assert imputed["R2"] == present.min() and imputed["R5"] == present.min()
    said = str(caught[0].message)
    assert "region 'R2' pat" in said and "region 'R5' pat" in said and "clipped" in said
    assert any("outside the indicator's observed range" in line for line in r.summary().splitlines())
    # Every imputed cell within the range of its column's observed values.
    for column in x.columns:
        seen = x[column].dropna()
        assert r.layer("imputed")[column].between(seen.min(), seen.max()).all()


def test_unclipped_regression_keeps_the_prediction_and_still_warns():
    x = with_low_patents_missing()
    with pytest.warns(C.ImputedOutsideRangeWarning, match="kept as predicted"):
        r = C.build(
            x, framework(), [C.Impute("regression", clip=False), C.Normalise("minmax"), C.Aggregate("arithmetic")]
        )
    # By hand: least squares of pat on hitech over the six regions with both.
    both = x[["hitech", "pat"]].dropna()
    slope, intercept = np.polyfit(both["hitech"], both["pat"], 1)
    assert r.layer("imputed").loc["R2", "pat"] == pytest.approx(intercept + slope * 20.0, abs=1e-9)
    assert r.layer("imputed").loc["R2", "pat"] < 0


def test_regression_within_the_range_warns_of_nothing():
    x = regions()
    x.loc["R4", "pat"] = np.nan  # a middle region: the line stays among the data
    with warnings.catch_warnings():
        warnings.simplefilter("error", C.ImputedOutsideRangeWarning)
        r = C.build(x, framework(), [C.Impute("regression"), C.Normalise("minmax"), C.Aggregate("arithmetic")])
    assert not any("observed range" in line for line in r.summary().splitlines())


def test_clip_is_an_option_of_regression_only():
    with pytest.raises(zb.ArgumentError, match="clip"):
        C.Impute("mean", clip=False)


# --- 6. aggregation without a normalisation, or before it --------------------------------------


def test_topsis_without_normalise_says_why():
    with pytest.raises(zb.Error, match="turns lower-is-better"):
        C.build(regions(), framework(), [C.Aggregate("topsis")])


def test_normalise_after_aggregate_is_said_as_the_order():
    with pytest.raises(zb.Error, match=r"Aggregate step \(step 0, counting from 0\) comes before the Normalise"):
        C.build(regions(), framework(), [C.Aggregate(), C.Normalise()])


# --- 8. one region -------------------------------------------------------------------------------


def test_one_region_is_said_as_such():
    with pytest.raises(zb.MethodError, match="only one region has a value"):
        C.build(regions().iloc[:1], framework(), [C.Normalise("minmax"), C.Aggregate()])
    # two equal regions: constant, as before
    two = regions().iloc[:2].copy()
    two.iloc[1] = two.iloc[0]
    with pytest.raises(zb.MethodError, match="constant"):
        C.build(two, framework(), [C.Normalise("minmax"), C.Aggregate()])


# --- 7. argument types ---------------------------------------------------------------------------


def test_one_step_not_in_a_list_is_an_argument_error():
    with pytest.raises(zb.ArgumentError, match="list of steps"):
        C.build(regions(), framework(), C.Normalise())


@pytest.mark.parametrize(
    "call",
    [
        lambda: C.weights([["a", "b"], ["c", "d"]], "entropy"),
        lambda: C.topsis([["a", "b"], ["c", "d"]], [0.5, 0.5]),
        lambda: C.vikor([[1.0, 2.0], [3.0, 4.0]], ["x", "y"]),
        lambda: C.normalise([["a", 1.0]], "minmax"),
    ],
)
def test_text_for_numbers_is_an_argument_error(call):
    with pytest.raises(zb.ArgumentError, match="must be numbers"):
        call()


# --- 12. a mean above its range ------------------------------------------------------------------


@pytest.mark.parametrize("method", ["geometric", "harmonic"])
def test_a_mean_of_equal_scores_is_that_score(method):
    x = regions()
    r = C.build(
        x, framework(), [C.Normalise("minmax", range=(1, 100)), C.Aggregate(method)]
    )  # R3 is best on all four: every score 100
    assert r.scores.loc["R3", "Index"] == 100.0
    assert (r.scores["Index"] <= 100).all() and (r.scores["Index"] >= 1).all()


def test_the_uncertainty_replications_hold_their_means_alike():
    # The replications' own path holds its means alike: with nothing uncertain the exact score
    # percentiles equal the build's scores, R3's 100 included (it was 100.00000000000004).
    steps = [C.Normalise("minmax", (1, 100)), C.Aggregate("geometric")]
    nominal = C.build(regions(), framework(), steps)
    u = C.uncertainty(regions(), framework(), steps, n=20, weights_noise={1: 0.0}, keep=True, score_percentiles=True)
    table = u.node_ranks("Index")
    high = [c for c in table.columns if "score" in c and "95" in c]
    assert high, list(table.columns)
    np.testing.assert_array_equal(table[high[0]], nominal.scores["Index"])
    assert table[high[0]].max() == 100.0


# --- 13. dense percentiles ------------------------------------------------------------------------


def test_dense_percentiles_span_zero_to_one():
    x = regions()
    x["pat"] = [12.0, 25.0, 12.0, 40.0, 18.0, 2.0, 25.0, 22.0]  # two pairs of ties: 6 distinct values
    r = C.build(x, framework(), [C.Normalise("percentile", ties="dense"), C.Aggregate()])
    pat = r.layer("normalised")["pat"]
    dense = x["pat"].rank(method="dense")
    assert pat.max() == 1.0 and pat.min() == 0.0
    assert np.allclose(pat, (dense - 1) / (dense.max() - 1))
    # "min" keeps COINr's n_prank: (rank − 1)/(n − 1) over the values present
    r = C.build(x, framework(), [C.Normalise("percentile"), C.Aggregate()])
    assert np.allclose(r.layer("normalised")["pat"], (x["pat"].rank(method="min") - 1) / 7)


# --- 5. what duplicate positions count -------------------------------------------------------------


def test_duplicate_regions_are_named_by_positions_from_zero():
    x = regions()
    x.index = ["R0", "R0", *REGIONS[2:]]
    with pytest.raises(zb.DuplicateRowError, match=r"rows 0 and 1 of the table, counting from 0"):
        C.build(x, framework(), [C.Normalise(), C.Aggregate()])


# --- 10, 11. the command line ----------------------------------------------------------------------


def run_composite(tmp_path, *args, lang="C.UTF-8"):
    (tmp_path / "regions.csv").write_text(
        "region,"
        + ",".join(regions().columns)
        + "\n"
        + "\n".join(f"{k}," + ",".join(map(str, row)) for k, row in regions().iterrows())
        + "\n"
    )
    out = tmp_path / "scores.csv"
    env = {"LANG": lang, "LC_ALL": lang, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "zhibiao", "composite", str(tmp_path / "regions.csv"), "--out", str(out), *args],
        capture_output=True,
        env=env,
    )
    return done, (pd.read_csv(out, index_col=0) if done.returncode == 0 else None)


def test_the_command_line_names_columns_taken_as_higher_is_better(tmp_path):
    done, _ = run_composite(tmp_path, "--model", "entropy-topsis")
    assert done.returncode == 0, done.stderr
    said = done.stderr.decode()
    assert "4 of 4 indicators taken as higher-is-better" in said and "energy" in said and "--lower" in said


def test_lower_marks_a_column_lower_is_better(tmp_path):
    done, scores = run_composite(tmp_path, "--model", "entropy-topsis", "--lower", "energy")
    assert done.returncode == 0, done.stderr
    # R5 is worst on all four indicators once energy counts as a cost: last.
    assert scores["rank"].idxmax() == "R5" and scores.loc["R5", "rank"] == 8
    assert "3 of 4 indicators taken as higher-is-better" in done.stderr.decode()
    done, _ = run_composite(tmp_path, "--lower", "enrgy")
    assert done.returncode == 2 and b"did you mean 'energy'" in done.stderr


def test_the_command_line_advice_for_a_text_cell_is_drop(tmp_path):
    # an infinity below a NaN: the column is read as text among numbers (the trial's naninf.csv)
    (tmp_path / "t.csv").write_text("region,rd,pat\nR0,NaN,2\nR1,inf,3\nR2,1,1\nR3,2,5\n")
    done = subprocess.run(
        [sys.executable, "-m", "zhibiao", "composite", str(tmp_path / "t.csv")],
        capture_output=True,
        env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"},
    )
    said = done.stderr.decode()
    assert done.returncode != 0
    assert "pd.to_numeric" not in said and "--drop COLUMN" in said and "correct the cell" in said, said
