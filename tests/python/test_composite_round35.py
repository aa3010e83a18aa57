"""Round 35: the seams a trial against COINr, pymcdm and SALib found in the composite (trialA35).

Each test fails on the code before round 35; figures are by hand (minmax to [1, 100] of 1..4 is
1, 34, 67, 100; an AHP matrix whose row c is 4 times rows a and b gives c 4/6 and a, b 1/6 each,
a consistent matrix's principal eigenvector).
"""

import math

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import _core

C = zb.composite

DATA = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [4.0, 1, 3, 2], "c": [2.0, 3, 1, 9]}, index=list("WXYZ"))
FLAT = C.Framework.flat(list("abc"), root="I")
# I (level 3) → P1 (a, b), P2 (c)
TREE = C.Framework.from_pandas(
    pd.DataFrame(
        {
            "code": ["I", "P1", "P2", "a", "b", "c"],
            "parent": [None, "I", "I", "P1", "P1", "P2"],
            "weight": [1.0] * 6,
            "direction": [1] * 6,
            "level": [3, 2, 2, 1, 1, 1],
        }
    )
)


# 1. Directions once; Denominate once ------------------------------------------------------------
def test_two_normalise_steps_flip_a_lower_is_better_indicator_once():
    df = pd.DataFrame({"a": [1.0, 2, 3, 4], "energy": [1.0, 2, 3, 4]}, index=list("WXYZ"))
    fw = C.Framework.flat(["a", "energy"], root="I", directions={"energy": -1})
    r = C.build(df, fw, [C.Normalise("minmax"), C.Normalise("rank"), C.Aggregate()])
    # energy 1 is the best (lower is better): W first, as one Normalise step ranks it
    assert r.ranks["energy"].tolist() == [1, 2, 3, 4]
    one = C.build(df, fw, [C.Normalise("rank"), C.Aggregate()])
    assert r.ranks["energy"].tolist() == one.ranks["energy"].tolist()
    assert "Directions were applied by the Normalise step before" in r.summary()


def test_a_second_denominate_step_is_refused_naming_both():
    df = DATA.assign(pop=[1.0, 2, 4, 8])
    steps = [C.Denominate(by={"a": "pop"}), C.Denominate(by={"b": "pop"}), C.Normalise(), C.Aggregate()]
    with pytest.raises(_core.ArgumentError, match=r"step 1 \(Denominate\) and step 2 \(Denominate\)"):
        C.build(df, FLAT, steps)
    with pytest.raises(_core.ArgumentError, match="divide the indicators again"):
        C.build(df, FLAT, C.Model.from_steps(steps))


# 2. Overlapping Weigh/Aggregate steps -----------------------------------------------------------
def test_a_trailing_aggregate_without_levels_sets_the_levels_left():
    steps = [C.Normalise("minmax", range=(1, 100)), C.Aggregate("geometric", levels=[2]), C.Aggregate()]
    r = C.build(DATA, TREE, steps)
    # P1 of W: geometric mean of a = 1 and b = 100 (not 50.5, the arithmetic mean)
    assert r.scores.loc["W", "P1"] == pytest.approx(10.0)
    c = (2 - 1) / 8 * 99 + 1  # c of W on [1, 100]
    assert r.scores.loc["W", "I"] == pytest.approx((10.0 + c) / 2)  # level 3 arithmetic
    assert "level 2: geometric" in r.summary() and "level 3: arithmetic" in r.summary()


def test_weigh_or_aggregate_steps_setting_one_level_twice_are_refused():
    with pytest.raises(_core.ArgumentError, match=r"step 2 \(Weigh\) and step 3 \(Weigh\) have no levels"):
        C.build(DATA, FLAT, [C.Normalise(), C.Weigh("entropy"), C.Weigh("equal"), C.Aggregate()])
    with pytest.raises(_core.ArgumentError, match=r"step 2 \(Aggregate\) lists level 2 twice"):
        C.build(DATA, TREE, [C.Normalise(), C.Aggregate("geometric", levels=[2, 2])])
    with pytest.raises(_core.ArgumentError, match=r"step 2 \(Aggregate\) and step 3 \(Aggregate\) both set .* level 2"):
        C.build(
            DATA,
            TREE,
            [C.Normalise(), C.Aggregate("geometric", levels=[2]), C.Aggregate("harmonic", levels=[2, 3])],
        )
    with pytest.raises(_core.ArgumentError, match="it would set nothing"):
        C.build(DATA, FLAT, [C.Normalise(), C.Aggregate("geometric", levels=[2]), C.Aggregate()])
    # a model file (the CLI's path) when it is read
    text = '[[step]]\nkind = "weigh"\nmethod = "entropy"\n[[step]]\nkind = "weigh"\nmethod = "equal"\n'
    with pytest.raises(_core.ArgumentError, match=r"step 1 \(Weigh\) and step 2 \(Weigh\) have no levels"):
        C.Model(text)


def test_a_default_step_before_its_override_sets_the_levels_left():
    # review 35: a default (no levels) followed by an override for one level is not ambiguous, wherever the
    # default stands: as the trailing form, the default sets the levels the override leaves
    first = C.build(
        DATA, TREE, [C.Normalise("minmax", range=(1, 100)), C.Aggregate(), C.Aggregate("geometric", levels=[2])]
    )
    last = C.build(
        DATA, TREE, [C.Normalise("minmax", range=(1, 100)), C.Aggregate("geometric", levels=[2]), C.Aggregate()]
    )
    assert first.scores.loc["W", "P1"] == pytest.approx(10.0)
    pd.testing.assert_frame_equal(first.scores, last.scores)


# 3. AHP matrices read by label --------------------------------------------------------------------
def test_a_labelled_ahp_matrix_is_read_by_its_labels():
    m = pd.DataFrame([[1, 4, 4], [0.25, 1, 1], [0.25, 1, 1]], index=list("cab"), columns=list("cab"))
    r = C.build(DATA, FLAT, [C.Normalise("minmax"), C.Weigh("ahp", pairwise={"I": m}), C.Aggregate()])
    w = r.weights["weight"]
    assert w[["a", "b", "c"]].tolist() == pytest.approx([1 / 6, 1 / 6, 2 / 3])


def test_ahp_labels_naming_no_child_are_refused():
    m = pd.DataFrame([[1, 4, 4], [0.25, 1, 1], [0.25, 1, 1]], index=list("cxb"), columns=list("cab"))
    with pytest.raises(_core.ArgumentError, match=r"'x' is no child of 'I' \(did you mean 'a'\?\).*no label for 'a'"):
        C.build(DATA, FLAT, [C.Normalise("minmax"), C.Weigh("ahp", pairwise={"I": m}), C.Aggregate()])


# 4. Winsorising into a constant -------------------------------------------------------------------
def test_winsorising_an_indicator_into_a_constant_is_refused():
    d4 = pd.DataFrame({"a": [0, 0, 0, 0, 0, 0, 0, 50.0], "b": np.arange(8.0)}, index=[f"R{i}" for i in range(8)])
    fw = C.Framework.flat(["a", "b"], root="I")
    with pytest.raises(
        _core.MethodError,
        match=r"indicator 'a': the outlier treatment \(Treat step\) made it constant .* winsorised 1 point;",
    ):
        C.build(d4, fw, [C.Treat("coinr"), C.Normalise("rank"), C.Aggregate()])
    d5 = pd.DataFrame({"a": [1, 1, 1, 1, 5, 5, 9, 29.0], "b": np.arange(8.0)}, index=[f"R{i}" for i in range(8)])
    with pytest.raises(_core.MethodError, match="made it constant .* winsorised 4 points;"):
        C.build(d5, fw, [C.Treat("coinr", winmax=3, force_win=True), C.Normalise("rank"), C.Aggregate()])


# 5, 6. Framework tables ---------------------------------------------------------------------------
def _table(**change):
    t = {"code": ["I", "a", "b"], "parent": [None, "I", "I"], "weight": [1.0, 1, 1], "direction": [1, 1, 1]}
    t["level"] = [2, 1, 1]
    t.update(change)
    return pd.DataFrame(t)


def test_a_node_without_level_but_with_a_parent_is_refused():
    with pytest.raises(_core.ArgumentError, match=r"node 'b' \(row 2\) has no level but a parent 'I'"):
        C.Framework.from_pandas(_table(level=[2, 1, np.nan]))
    # COINr's denominators and groups (no parent, no level) are still left out
    t = pd.concat([_table(), pd.DataFrame({"code": ["pop"], "parent": [None], "weight": [np.nan]})])
    t["direction"] = t["direction"].fillna(1)
    assert C.Framework.from_pandas(t).indicators == ["a", "b"]


@pytest.mark.parametrize(
    "change, said",
    [
        ({"direction": [1, 1.9, 1]}, r"node 'a': direction 1.9 must be 1 \(higher is better\) or -1"),
        ({"direction": [1, -1.5, 1]}, r"node 'a': direction -1.5"),
        ({"direction": [1, -0.5, 1]}, r"node 'a': direction -0.5"),
        ({"direction": [1, 1, np.nan]}, r"node 'b': direction nan"),
        ({"level": [2, 1.5, 1]}, r"node 'a': level 1.5 must be a whole number"),
        ({"weight": [1, "1,5", 1]}, r"node 'a': weight '1,5' must be a number"),
    ],
)
def test_framework_numbers_are_checked_not_truncated(change, said):
    with pytest.raises(_core.ArgumentError, match=said):
        C.Framework.from_pandas(_table(**change))


def test_flat_directions_are_checked_not_truncated():
    with pytest.raises(_core.ArgumentError, match=r"Framework.flat: node 'a': direction 1.9"):
        C.Framework.flat(["a", "b"], directions={"a": 1.9})


# 7. Did you mean ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "make, said",
    [
        (lambda: C.Weigh("bod"), r"Aggregate\('bod'\)"),
        (lambda: C.Weigh("factor"), r"did you mean 'pca'\?"),
        (lambda: C.Normalise("rank", ties="minimum"), r"did you mean 'min'\?"),
        (lambda: C.Weigh("ahp", ri="tumala", pairwise={"I": np.eye(2)}), r"did you mean 'tummala_ling'\?"),
        (lambda: C.Aggregate("promethee"), "not offered"),
        (lambda: C.Normalise("boxcox"), "Treat"),
        (lambda: C.Normalise("log"), r"Treat\('coinr', fallback='log'\)"),
        (lambda: C.Impute("em"), "expectation-maximisation imputation is not offered"),
    ],
)
def test_other_tools_names_get_a_suggestion(make, said):
    with pytest.raises(_core.ArgumentError, match=said) as e:
        make()
    assert "'sd'" not in str(e.value)


# 8. Uncertainty replications name the region -------------------------------------------------------
def test_a_failing_replication_names_the_region():
    df = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [4.0, 1, 3, 2]}, index=["AUS", "BEL", "CAN", "DEN"])
    fw = C.Framework.flat(["a", "b"], root="I")
    with pytest.raises(_core.MethodError, match="region 'AUS'") as e:
        C.uncertainty(
            df, fw, [C.Normalise("zscore"), C.Aggregate()], n=20, aggregation=[C.Aggregate(), C.Aggregate("geometric")]
        )
    assert "unit 0" not in str(e.value)


# 9. PCA's note -------------------------------------------------------------------------------------
def test_pca_note_counts_the_regions_left_out():
    rng = np.random.default_rng(5)
    df = pd.DataFrame(rng.normal(size=(10, 3)) + [[0, 0, 0]], columns=list("abc"), index=[f"R{i}" for i in range(10)])
    df["b"] += df["a"]
    df.loc["R1", "a"] = np.nan
    df.loc["R4", "c"] = np.nan
    r = C.build(df, FLAT, [C.Normalise("minmax"), C.Weigh("pca"), C.Aggregate()])
    assert "2 regions of 10 left out for 2 missing cells" in r.summary()
    assert "complete cases" in r.summary()


# 10. CRITIC's errors -------------------------------------------------------------------------------
def test_critic_names_a_constant_or_empty_column():
    x = pd.DataFrame({"a": [1.0, 2, 3], "b": [2.0, 2, 2]}, index=list("PQR"))
    with pytest.raises(_core.MethodError, match=r"columns 0 = a, 1 = b\): CRITIC weights: column 1 is constant"):
        C.build(x, C.Framework.flat(["a", "b"], root="I"), [C.Normalise("rank"), C.Weigh("critic"), C.Aggregate()])
    y = np.array([[1.0, np.nan], [2.0, np.nan], [3.0, np.nan]])
    with pytest.raises(_core.MethodError, match="column 1 has no values") as e:
        C.weights(y, "critic")
    assert "constant" not in str(e.value)


# 11. Regions without a label -----------------------------------------------------------------------
@pytest.mark.parametrize("label", [np.nan, "", None])
def test_a_row_without_a_region_is_refused(label):
    df = pd.DataFrame({"a": [1.0, 2, 3]}, index=pd.Index(["A", label, "C"], dtype=object))
    with pytest.raises(_core.ArgumentError, match=r"row 1 \(counting from 0\) has no region"):
        C.build(df, C.Framework.flat(["a"], root="I"), [C.Normalise("minmax"), C.Aggregate()])


# 12. Bands --------------------------------------------------------------------------------------------
def test_equal_band_edges_are_refused():
    with pytest.raises(_core.ArgumentError, match="strictly ascend"):
        C.Normalise("bands", band_edges=[3, 3], band_scores=[0, 50, 100])
    assert not math.isnan(C.Normalise("bands", band_edges=[3, 4], band_scores=[0, 50, 100]).band_edges[0])


def test_an_ahp_dataframe_without_labels_is_read_by_position():
    m = pd.DataFrame([[1, 4, 4], [0.25, 1, 1], [0.25, 1, 1]])  # pandas' default 0, 1, 2: the framework's order
    r = C.build(DATA, FLAT, [C.Normalise("minmax"), C.Weigh("ahp", pairwise={"I": m}), C.Aggregate()])
    assert r.weights["weight"][["a", "b", "c"]].tolist() == pytest.approx([2 / 3, 1 / 6, 1 / 6])
