"""Round 34, the analyst's seams: a DataFrame's reason columns kept by composite.build, top_k
beyond the regions, the reason of a NaN Sobol index, typed framework errors, a partial roll-up
sum said as partial by explain(), and misspelt names in what_if/marks."""

import io
import math
import warnings

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import _core
from zhibiao import composite as C

STEPS = [C.Impute("mean"), C.Normalise("minmax"), C.Aggregate("arithmetic")]


def _panel_with_reasons():
    df = pd.DataFrame(
        {"x": [1.0, 2, 3, 4, 5], "y": [2.0, 1, 0, np.nan, 4], "b": [2.0, 1, 3, np.nan, 4]}, index=list("pqrst")
    )
    return zb.Panel.from_pandas(
        df.assign(period="2023").reset_index(names="entity"),
        entity="entity",
        period="period",
        reasons={"y": ["", "", "", "zero_denominator", ""]},
    )


# ------------------------------------------------------------------ 1. a DataFrame keeps its reasons


def test_a_dataframe_s_reason_columns_reach_the_imputation_marks_as_a_panel_s_do():
    panel = _panel_with_reasons()
    frame = panel.to_pandas(reasons=True).droplevel("period")
    assert "y_reason" in frame.columns
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from_panel = C.build(panel, steps=STEPS)
        from_frame = C.build(frame, steps=STEPS)
    # main: 's' of y was missing_input from the DataFrame (the zero_denominator lost)
    assert from_frame.reasons().loc["s", "y"] == "zero_denominator"
    pd.testing.assert_frame_equal(from_frame.reasons(), from_panel.reasons(), check_names=False)
    # the reason columns are neither indicators nor group labels
    assert from_frame.framework.indicators == ["x", "y", "b"]
    cells = from_frame.changed_cells()
    assert set(cells.loc[cells["indicator"] == "y", "reason"]) == {"zero_denominator"}


def test_a_reason_column_read_back_from_csv_blank_is_no_indicator_and_a_value_keeps_no_reason():
    frame = pd.DataFrame(
        {
            "x": [1.0, 2, 3, 4],
            "x_reason": [np.nan] * 4,  # a CSV's blank reason column reads as float
            "y": [1.0, np.nan, 3, 4],
            "y_reason": ["", "zero_denominator", "incomplete_rollup", ""],  # c: a partial roll-up sum
        },
        index=list("abcd"),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = C.build(frame, steps=STEPS)
    assert r.framework.indicators == ["x", "y"]
    reasons = r.reasons()
    # review 34: a partial sum is the gap it stands for, as compute() reads it (it was scored as a total)
    assert reasons.loc["b", "y"] == "zero_denominator" and reasons.loc["c", "y"] == "incomplete_rollup"


def test_a_partial_roll_up_sum_in_a_panel_is_no_complete_total_in_the_composite():
    text = (
        "region,period,gdp[亿元],rd_expenditure[万元]\n"
        "320601,2023,100,3000\n320602,2023,100,\n320603,2023,100,xyz\n320604,2023,100,5000\n"
        "320701,2023,100,4000\n320702,2023,100,4000\n320801,2023,100,1000\n320802,2023,100,2000\n"
    )
    rolled = zb.read_csv(io.StringIO(text), lenient=True).rollup("admin", partial_sums=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        steps = [C.Normalise("minmax"), C.Aggregate("arithmetic")]
        frame = rolled.to_pandas(reasons=True).reset_index(level="period", drop=True)
        for r in (C.build(rolled, None, steps, period="2023"), C.build(frame, None, steps)):
            # was scored as a complete total: 8000 of two counties of four, minmax 100 (review 34)
            assert math.isnan(r.scores.loc["320600", "rd_expenditure"])


def test_a_misspelt_reason_in_a_reason_column_is_refused_with_did_you_mean():
    frame = pd.DataFrame({"x": [1.0, np.nan, 3], "x_reason": ["", "zero_denominatr", ""]}, index=list("abc"))
    with pytest.raises(zb.Error, match="did you mean 'zero_denominator'"):
        C.build(frame, steps=STEPS)


def test_the_binding_refuses_a_reason_code_that_names_none():
    fw = C.Framework.flat(["x"])
    model = C.Model.from_steps(STEPS, fw)
    with pytest.raises(zb.ArgumentError, match="code 17, which names no reason"):
        _core.composite_build(
            fw._core, model._core, ["a", "b"], {"x": np.array([1.0, np.nan])}, {}, {}, {}, {"x": [0, 17]}
        )


# ------------------------------------------------------------------ 2. top_k beyond the regions

SIX = pd.DataFrame(
    {"a": [1.0, 2, 3, 4, 5, 6], "b": [2.0, 1, 3, 5, 4, 6], "c": [6.0, 5, 4, 3, 2, 1]}, index=list("pqrstu")
)
PLAIN = [C.Normalise("minmax"), C.Aggregate("arithmetic")]


def test_top_k_beyond_the_regions_is_an_argument_error_naming_both():
    # main: accepted, p_top7 = 1 for all six regions, as if certain
    with pytest.raises(
        zb.ArgumentError, match=r"top_k = 7 is more than the 6 regions ranked \(top_k must be from 1 to 6\)"
    ):
        C.uncertainty(SIX, None, PLAIN, n=10, top_k=7, weights_noise={1: 0.2})
    assert "p_top6" in C.uncertainty(SIX, None, PLAIN, n=10, top_k=6, weights_noise={1: 0.2}).ranks.columns
    # the default stays 10, whatever the number of regions
    assert "p_top10" in C.uncertainty(SIX, None, PLAIN, n=10, weights_noise={1: 0.2}).ranks.columns


# ------------------------------------------------------------------ 3. a NaN Sobol index has its reason


def test_a_region_whose_rank_never_moves_has_nan_sobol_indices_with_a_reason():
    # 'u' is best on every indicator: weights cannot move it from rank 1 (variance 0)
    data = SIX.copy()
    data.loc["u"] = [10.0, 10.0, 10.0]
    u = C.uncertainty(data, None, PLAIN, n=0, sobol=16, bootstrap=0, weights_noise={1: 0.3})
    s = u.sobol
    fixed = s[s["output"] == "u"]
    assert (fixed["variance"] == 0).all() and fixed["S"].isna().all()
    assert set(fixed["reason"]) == {"constant_output"}
    moving = s[(s["output"] != "u") & (s["variance"] > 0)]
    assert len(moving) and moving["reason"].isna().all()
    # q, r, s too: 16 rows of noise of ±30 % move no rank of theirs
    assert "4 regions (q, r, s, u): the rank in 'Index' never moved in the Sobol design (variance 0)" in u.summary()


# ------------------------------------------------------------------ 4. framework errors are typed


def _meta(parents, levels):
    return pd.DataFrame(
        {"code": ["idx", "a", "b"], "parent": parents, "level": levels, "weight": [1] * 3, "direction": [1] * 3}
    )


def test_framework_errors_are_the_typed_errors_naming_the_node():
    # main: each a bare zb.Error
    with pytest.raises(zb.UnknownNameError, match="unknown parent 'idxx' \\(did you mean 'idx'\\?\\)") as e:
        C.Framework.from_pandas(_meta(["", "idx", "idxx"], [2, 1, 1]))
    assert isinstance(e.value, KeyError) and e.value.variable == "b"
    with pytest.raises(zb.ArgumentError, match=r"the parents form a cycle \(idx → b → a → idx\)"):
        C.Framework.from_pandas(_meta(["b", "idx", "a"], [2, 1, 1]))
    with pytest.raises(zb.ArgumentError, match="node 'a' is its own parent"):
        C.Framework.from_pandas(_meta(["", "a", "idx"], [2, 1, 1]))
    with pytest.raises(zb.ArgumentError, match="node 'a' has level 0") as e:
        C.Framework.from_pandas(_meta(["", "idx", "idx"], [2, 0, 1]))
    assert e.value.variable == "a"


def test_a_model_file_s_cycle_is_a_parse_error_at_its_line_saying_cycle(tmp_path):
    # main: "parent 'a' of 'idx' must be at a higher level", no cycle said
    path = tmp_path / "m.toml"
    path.write_text(
        '[[node]]\ncode = "idx"\nlevel = 2\nparent = "a"\n\n[[node]]\ncode = "a"\nparent = "idx"\nlevel = 1\n'
    )
    for read in (C.Framework.from_toml, C.Model.from_toml):
        with pytest.raises(zb.ParseError, match=r"m\.toml:1: framework: the parents form a cycle \(idx → a → idx\)"):
            read(str(path))


# ------------------------------------------------------------------ 6. explain of a partial roll-up sum


def test_explain_of_a_partial_sum_names_the_parts_it_lacks_and_its_reason():
    trial = zb.read_csv(
        io.StringIO(
            "region,period,gdp[亿元],rd_expenditure[万元]\n"
            "320601,2023,100,3000\n320602,2023,100,\n320603,2023,100,xyz\n320604,2023,100,5000\n"
        ),
        lenient=True,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        e = trial.rollup("admin", partial_sums=True).explain("rd_intensity", "320600", "2023")
    terms = e.to_frame().set_index("name")
    # main: the partial sum 8000 had no reason and its missing children went unnamed
    assert terms.loc["rd_expenditure", "reason"] == "invalid_child"
    assert terms.loc["rd_expenditure", "children_missing"] == "320602 (missing_input), 320603 (unparseable)"
    assert terms.loc["gdp", "children_missing"] == ""  # complete: nothing missing
    text = e.text()
    assert "(with a value: 320601, 320604; missing: 320602 (missing_input), 320603 (unparseable))" in text
    assert "缺失：320602 (missing_input)" in e.text(lang="zh")


# ------------------------------------------------------------------ 7. misspelt names


def test_what_if_and_marks_misspelt_say_did_you_mean():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = C.build(SIX, steps=PLAIN)
    # main: KeyError: 'Indx', from the column lookup
    with pytest.raises(
        zb.UnknownIndicatorError, match="what_if: no node 'Indx' in the framework \\(did you mean 'Index'\\?\\)"
    ):
        r.what_if("a", node="Indx")
    with pytest.raises(zb.ArgumentError, match="did you mean 'imputed'"):
        r.marks("imputd")


def test_a_misspelt_choice_in_probabilities_says_did_you_mean():
    # main: "probabilities for aggregaton: only weighting, aggregation, …", no suggestion
    with pytest.raises(
        zb.ArgumentError, match="probabilities= names no choice: 'aggregaton' \\(did you mean 'aggregation'\\?\\)"
    ):
        C.uncertainty(
            SIX,
            None,
            PLAIN,
            n=10,
            aggregation=[C.Aggregate("arithmetic"), C.Aggregate("geometric")],
            probabilities={"aggregaton": [0.5, 0.5]},
        )
