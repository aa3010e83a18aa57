"""Round 32 (helper fixC32), from a new user's trial: a scorecard heading in capitals, MPI's own
standardising, ratio_to_mean on a lower-is-better indicator, the PCA note's indicator names."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import composite as C


def _firms(**renamed: str) -> pd.DataFrame:
    firms = pd.DataFrame(
        {
            "employees": [40, 70],
            "st_staff": [12, 21],
            "sales": [1000, 1000],
            "assets": [500, 500],
            "rd_expense": [45, 19],
            "total_cost": [204.5, 63.3],
            "ip_class1": [0, 0],
            "ip_class2": [2, 0],
        }
    )
    return firms.rename(columns=renamed)


# ------------------------------------------------------------ 1. a heading in capitals, full width, blanks
@pytest.mark.parametrize("heading", ["IP_CLASS2", "Ip_Class2", "ｉｐ＿ｃｌａｓｓ２"])
def test_an_optional_input_headed_in_capitals_or_full_width_is_named_not_dropped(heading):
    # Was: the column dropped, every firm "invalid input: ip_class2 left blank" with the figures there.
    with pytest.raises(zb.MissingVariableError, match=r"rename it 'ip_class2': headings are read as written"):
        zb.scorecards.evaluate(_firms(ip_class2=heading), "tech-sme-2017")


def test_a_required_input_headed_in_capitals_is_named_with_did_you_mean():
    with pytest.raises(zb.MissingVariableError, match=r"column 'SALES' is no input.*did you mean 'sales'\?"):
        zb.scorecards.evaluate(_firms(sales="SALES"), "tech-sme-2017")


def test_a_heading_in_capitals_of_one_input_is_never_offered_as_another_s_misspelling():
    # ip_class1 missing, IP_CLASS2 beside: IP_CLASS2 is ip_class2's heading, not a misspelt ip_class1.
    firms = _firms(ip_class2="IP_CLASS2").drop(columns=["ip_class1"])
    with pytest.raises(zb.MissingVariableError) as caught:
        zb.scorecards.evaluate(firms, "tech-sme-2017")
    assert "rename it 'ip_class1'" not in str(caught.value)
    assert "rename it 'ip_class2'" in str(caught.value)


def test_a_panel_read_from_csv_with_a_heading_in_capitals_is_named_too():
    text = _firms(ip_class2="IP_CLASS2").assign(region=["f1", "f2"], period=2024).to_csv(index=False)
    panel = zb.read_csv(io.StringIO(text), lenient=True)
    with pytest.raises(zb.MissingVariableError, match=r"'IP_CLASS2'.*rename it 'ip_class2'"):
        zb.scorecards.evaluate(panel, "tech-sme-2017")


def test_the_headings_as_written_still_score_a_blank_at_the_end_trimmed():
    for firms in (_firms(), _firms(ip_class2="ip_class2 ")):
        scored = zb.scorecards.evaluate(firms, "tech-sme-2017")
        assert scored.status.iloc[0] != "invalid input"


# ------------------------------------------------------------------------------------ 2. MPI standardises
def _three() -> tuple[pd.DataFrame, C.Framework]:
    x = pd.DataFrame({"a": [1.0, 2, 3, 4, 6], "b": [2.0, 1, 4, 3, 5], "c": [5.0, 3, 4, 1, 2]}, index=list("PQRST"))
    fw = C.Framework.from_pandas(
        pd.DataFrame(
            {
                "code": ["a", "b", "c", "I"],
                "parent": ["I", "I", "I", ""],
                "weight": 1,
                "direction": 1,
                "level": [1, 1, 1, 2],
            }
        )
    )
    return x, fw


def _mpi(normalise: C.Normalise) -> C.CompositeResult:
    x, fw = _three()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", C.NormalisationUndoneWarning)
        return C.build(x, fw, [normalise, C.Weigh("equal"), C.Aggregate("mpi")])


def test_a_rescaling_before_mpi_warns_that_it_has_no_effect_and_the_summary_says_so():
    x, fw = _three()
    with pytest.warns(C.NormalisationUndoneWarning, match=r"mpi standardises .* no effect on the scores"):
        minmax = C.build(x, fw, [C.Normalise("minmax"), C.Weigh("equal"), C.Aggregate("mpi")])
    aggregation = minmax.summary().split("Aggregation")[1]
    assert "standardises the indicators it aggregates itself" in aggregation
    assert "does not change the scores" in aggregation
    # what the note and warning claim: min-max and z-score give the same MPI
    zscore = _mpi(C.Normalise("zscore", m_sd=(100, 10)))
    np.testing.assert_allclose(minmax.scores["I"], zscore.scores["I"], rtol=1e-12)


def test_mpi_after_its_own_z_score_is_noted_without_a_warning():
    x, fw = _three()
    with warnings.catch_warnings():
        warnings.simplefilter("error", C.NormalisationUndoneWarning)
        result = C.build(x, fw, [C.Normalise("zscore"), C.Weigh("equal"), C.Aggregate("mpi")])
    assert "standardises the indicators it aggregates itself" in result.summary()


def test_ranks_before_mpi_count_and_are_not_warned_of():
    x, fw = _three()
    with warnings.catch_warnings():
        warnings.simplefilter("error", C.NormalisationUndoneWarning)
        ranked = C.build(x, fw, [C.Normalise("rank"), C.Weigh("equal"), C.Aggregate("mpi")])
    assert "counts only where it is not a rescaling" in ranked.summary()
    assert not np.allclose(ranked.scores["I"], _mpi(C.Normalise("minmax")).scores["I"])


def test_an_arithmetic_mean_has_no_mpi_note():
    x, fw = _three()
    result = C.build(x, fw, [C.Normalise("minmax"), C.Weigh("equal"), C.Aggregate("arithmetic")])
    assert "standardises" not in result.summary()


# ------------------------------------------------------------- 3. ratio_to_mean and a lower-is-better one
def test_ratio_to_mean_on_a_lower_is_better_indicator_names_the_direction_and_the_way_out():
    x = pd.DataFrame({"patents": [2.0, 4, 6], "energy_per_gdp": [1.0, 2, 3]}, index=["A", "B", "C"])
    fw = C.Framework.from_pandas(
        pd.DataFrame(
            {
                "code": ["patents", "energy_per_gdp", "I"],
                "parent": ["I", "I", ""],
                "weight": 1,
                "direction": [1, -1, 1],
                "level": [1, 1, 2],
            }
        )
    )
    steps = [C.Normalise("ratio_to_mean"), C.Weigh("equal"), C.Aggregate("arithmetic")]
    with pytest.raises(
        zb.Error,
        match=r"lower-is-better indicator 'energy_per_gdp'.*negated values.*methods=\{'energy_per_gdp': 'minmax'\}",
    ):
        C.build(x, fw, steps)
    # the way out the message names works
    fixed = C.build(x, fw, [C.Normalise("ratio_to_mean", methods={"energy_per_gdp": "minmax"}), *steps[1:]])
    energy = fixed.layer("normalised")["energy_per_gdp"].to_numpy()
    assert energy[0] > energy[1] > energy[2]  # the lowest use scores best


def test_ratio_to_mean_on_a_higher_is_better_indicator_with_a_negative_mean_blames_the_data():
    x = pd.DataFrame({"growth": [-2.0, -4, 1], "patents": [1.0, 2, 3]}, index=["A", "B", "C"])
    fw = C.Framework.from_pandas(
        pd.DataFrame(
            {
                "code": ["growth", "patents", "I"],
                "parent": ["I", "I", ""],
                "weight": 1,
                "direction": 1,
                "level": [1, 1, 2],
            }
        )
    )
    with pytest.raises(zb.Error, match=r"indicator 'growth' by its mean: the mean is not positive") as caught:
        C.build(x, fw, [C.Normalise("ratio_to_mean"), C.Weigh("equal"), C.Aggregate("arithmetic")])
    assert "lower-is-better" not in str(caught.value)


# -------------------------------------------------------------------------- 4. PCA note names indicators
def test_the_pca_note_names_the_indicator_loading_against_the_others_by_its_code():
    rng = np.random.default_rng(3)
    a = rng.normal(size=12)
    x = pd.DataFrame(
        {
            "patents": a + rng.normal(0, 0.3, 12),
            "rd": a + rng.normal(0, 0.3, 12),
            "energy_use": -a + rng.normal(0, 0.3, 12),
        },
        index=[f"R{i}" for i in range(12)],
    )
    fw = C.Framework.from_pandas(
        pd.DataFrame(
            {
                "code": ["patents", "rd", "energy_use", "P"],
                "parent": ["P", "P", "P", ""],
                "weight": 1,
                "direction": 1,
                "level": [1, 1, 1, 2],
            }
        )
    )
    summary = C.build(x, fw, [C.Normalise("minmax"), C.Weigh("pca"), C.Aggregate("arithmetic")]).summary()
    note = next(line for line in summary.splitlines() if "PCA" in line and "against" in line)
    assert note.endswith("(weighted by |loading|): 'energy_use'."), note
