"""Round 38: what a user is told matches what was done. A totals row among the regions is found by
the core's build (result::warnings, so a C++ program is told too) and warned of from there; a
Weigh("fixed") level the framework weighs says so; ``result.scores`` carries the regions' names
for ``zb.plot.by_region``; a scorecard explanation quotes the score of the policy asked for."""

import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite
ROOT = Path(__file__).resolve().parents[2]
STEPS = [C.Normalise("minmax"), C.Aggregate("arithmetic")]


def _nested(caught):
    return [str(w.message) for w in caught if w.category is C.NestedRegionsWarning]


# ---------------------------------------------------------------- 1. totals rows, said by the core


def test_the_builds_warnings_hold_the_totals_row_sentence_that_python_warns_with():
    df = pd.DataFrame({"x": [1.0, 3.0, 2.0, 6.0]}, index=["320601", "320602", "320603", "合计"])
    with pytest.warns(C.NestedRegionsWarning) as caught:
        result = C.build(df, None, STEPS)
    said = _nested(caught)
    assert said == [
        "ranking a total among its parts: 合计 looks like a totals row — leave out the totals' rows (or "
        "their parts') before building, so that the index ranks regions of one level"
    ]
    assert list(result._core.warnings) == said  # the core's own words, as a C++ program reads them
    assert result._core.region_warning == said[0]
    assert caught[0].filename == __file__  # the caller's line, as before


def test_a_panel_build_says_the_totals_row_and_the_nation_once_each_in_the_cores_words():
    df = pd.DataFrame(
        {
            "entity": ["360102", "360100", "100000"],
            "name": ["东湖区", "全市", "全国"],
            "period": ["2024"] * 3,
            "x": [1.0, 2.0, 3.0],
        }
    )
    with pytest.warns(C.NestedRegionsWarning) as caught:
        result = C.build(zb.Panel.from_pandas(df), None, STEPS)
    said = _nested(caught)
    assert len(said) == 1 and list(result._core.warnings) == said
    first, second = said[0].split("\n")
    assert "360100 (全市) looks like a totals row" in first
    assert second.startswith("build: entity 100000 (全国) is the nation, a row to compare with")


def test_other_warnings_keep_their_categories_beside_the_totals_row():
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0, 6.0], "y": [2.0, 1.0, 4.0, 3.0]}, index=["p", "q", "r", "总计"])
    steps = [C.Normalise("minmax"), C.Aggregate("mpi")]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        C.build(df, None, steps)
    kinds = [w.category for w in caught if issubclass(w.category, UserWarning)]
    assert kinds.count(C.NestedRegionsWarning) == 1 and kinds.count(C.NormalisationUndoneWarning) == 1


def test_the_uncertainty_analysis_says_what_the_build_says():
    df = pd.DataFrame({"x": [1.0, 3.0, 2.0, 6.0], "name": ["a", 5, np.nan, "全 市"]}, index=["p", "q", "r", "s"])
    with pytest.warns(C.NestedRegionsWarning) as built:
        C.build(df, None, STEPS)
    with pytest.warns(C.NestedRegionsWarning) as asked:
        C._warn_of_nested_regions(list(df.index), df["name"].tolist())
    assert (
        _nested(built)
        == _nested(asked)
        == [
            "ranking a total among its parts: s (全 市) looks like a totals row — leave out the totals' rows (or their "
            "parts') before building, so that the index ranks regions of one level"
        ]
    )


# ---------------------------------------------------------------- 2. the weights each level got


@pytest.fixture
def two_levels(small_composite):
    """conftest's small index: a, b under P1 (weights 1, 2), c, d under P2, P1 : P2 = 1 : 3."""
    data, fw, _ = small_composite
    return data, fw


def test_a_fixed_weight_of_one_level_says_the_framework_weighs_the_other(two_levels):
    data, fw = two_levels
    result = C.build(data, fw, [C.Normalise("minmax", (1, 100)), C.Weigh("fixed", fixed={"a": 3}), C.Aggregate()])
    summary = result.summary()
    assert "level 2: arithmetic, fixed weights for 'a', the framework's for the other 3 nodes;" in summary
    assert "level 3: arithmetic, framework weights (the fixed weights name none of this level's nodes);" in summary
    w = result.weights["weight"]
    assert w["a"] == pytest.approx(0.6) and w["P2"] == pytest.approx(0.75)  # 3 : 2 fixed; 1 : 3 the framework's


def test_fixed_weights_for_every_node_of_a_level_are_said_as_fixed(two_levels):
    data, fw = two_levels
    steps = [C.Normalise("minmax", (1, 100)), C.Weigh("fixed", fixed={"P1": 1, "P2": 1}, levels=[3]), C.Aggregate()]
    summary = C.build(data, fw, steps).summary()
    assert "level 3: arithmetic, fixed weights;" in summary
    assert "level 2: arithmetic, framework weights;" in summary


# ---------------------------------------------------------------- 3. names for by_region


def test_the_scores_carry_the_region_names_by_region_draws():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    df = pd.DataFrame(
        {"x": [1.0, 3.0, 2.0], "y": [2.0, 1.0, 3.0], "name": ["崇川区", "港闸区", "通州区"]},
        index=["320602", "320611", "320612"],
    )
    result = C.build(df, None, STEPS)
    assert result.scores.attrs["names"] == {"320602": "崇川区", "320611": "港闸区", "320612": "通州区"}
    assert list(result.scores.columns) == ["Index", "x", "y"]  # no column added
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a CJK font may be missing here
        ax = zb.plot.by_region(result.scores, "Index")
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == sorted(["崇川区", "港闸区", "通州区"])


def test_a_panel_builds_scores_carry_the_entities_names():
    df = pd.DataFrame({"entity": ["360102", "360103"], "name": ["东湖区", "西湖区"], "period": ["2024"] * 2, "x": [1.0, 2.0]})
    result = C.build(zb.Panel.from_pandas(df), None, STEPS)
    assert result.scores.attrs["names"] == {"360102": "东湖区", "360103": "西湖区"}


# ---------------------------------------------------------------- 4. explanations under a policy


def _firms():
    return pd.read_csv(ROOT / "data/sample/firms_synthetic.csv", index_col="firm").drop(columns="name")


@pytest.mark.parametrize("policy", ["low", "mid", "high"])
def test_an_hnte_explanation_quotes_the_innovation_score_of_the_policy(policy):
    scored = zb.scorecards.evaluate(_firms(), "hnte-2016", policy=policy)
    failed = scored[scored["status"] == "failed"]
    assert len(failed) > 0
    for firm, row in failed.iterrows():
        total = f"{row['total']:g}"
        assert row["explanation_en"] == f"fails: total {total}; innovation-ability score {total}; 71 or more is needed"
        assert f"创新能力评价总分{total}，" in row["explanation_zh"], firm


def test_the_policy_option_says_what_low_mid_and_high_mean():
    def helped(lang):
        environ = {k: v for k, v in os.environ.items() if k not in ("ZHIBIAO_LANG", "LANG", "LC_ALL", "LANGUAGE")}
        environ["ZHIBIAO_LANG"] = lang
        run = [sys.executable, "-m", "zhibiao", "scorecard", "--help"]
        return "".join(subprocess.run(run, capture_output=True, text=True, env=environ, timeout=300).stdout.split())

    assert "low=itslowerend(default),high=itsupperend,mid=itsmiddleinwholepoints,roundedhalfup" in helped("en")
    assert "mid取区间中点并四舍五入为整分" in helped("zh")
