"""what_if() on the index itself, or removing everything under it, is an error, not a table of
missing scores; a misspelt node gets a suggestion (second analyst trial, 2 December 2026)."""

import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


@pytest.fixture(scope="module")
def result():
    data = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [3.0, 2.0, 1.0, 5.0]}, index=["w", "x", "y", "z"])
    return C.build(data, C.Framework.flat(["a", "b"], root="I"), [C.Normalise("minmax"), C.Aggregate("arithmetic")])


def test_removing_the_index_is_refused(result):
    with pytest.raises(zb.ArgumentError, match="it is the index itself"):
        result.what_if("I")


def test_removing_every_indicator_is_refused(result):
    with pytest.raises(zb.ArgumentError, match="nothing to score"):
        result.what_if(["a", "b"])


def test_a_misspelt_node_is_suggested(result):
    with pytest.raises(zb.UnknownIndicatorError, match="did you mean 'a'"):
        result.what_if("A")


def test_removing_one_indicator_leaves_the_other(result):
    table = result.what_if("a")
    # b alone, min-max: (b − 1)/(5 − 1) × 100 (the default range) for w, x, y, z
    assert table["score_without"].round(9).tolist() == [50.0, 25.0, 0.0, 100.0]
    assert table["rank_without"].tolist() == [2, 3, 4, 1]


def test_a_region_given_twice_is_refused():
    # It was scored and ranked as two units (second analyst trial, 2 December 2026).
    data = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [3.0, 2.0, 1.0]}, index=["x", "x", "y"])
    with pytest.raises(zb.DuplicateRowError, match="region 'x' is given twice"):
        C.build(data, C.Framework.flat(["a", "b"], root="I"), [C.Normalise("minmax"), C.Aggregate("arithmetic")])


def test_a_region_written_with_a_trailing_space_is_the_same_region():
    # read_csv and from_pandas trim codes: "A01 " is "A01" here too (review).
    data = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [3.0, 2.0, 1.0]}, index=["A01", "B02", "A01 "])
    with pytest.raises(zb.DuplicateRowError, match=r"rows 0 and 2 of the table, counting from 0"):
        C.build(data, C.Framework.flat(["a", "b"], root="I"), [C.Normalise("minmax"), C.Aggregate("arithmetic")])
