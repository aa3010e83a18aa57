"""Scorecards after review: a panel cell invalid for computing is invalid input, one cell reads the
same through a DataFrame and a Panel, gap names blockers of a pack without controllable inputs,
one error for a units key that names no input."""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import _core


def sme_firms(**overrides):
    base = {
        "employees": 40,
        "st_staff": 12,
        "sales": 1000.0,
        "assets": 500.0,
        "rd_expense": 45.0,
        "total_cost": 45 / 0.22,
        "ip_class1": 0,
        "ip_class2": 2,
    }
    base.update(overrides)
    return pd.DataFrame({k: [v] for k, v in base.items()})


def sme_panel(df=None):
    df = (sme_firms() if df is None else df).assign(entity="f1", period=2024)
    return zb.Panel.from_pandas(
        df,
        units={
            "sales": "万元",
            "assets": "万元",
            "rd_expense": "万元",
            "total_cost": "万元",
            "employees": "人",
            "st_staff": "人",
        },
    )


ABSENT = ["missing_input", "missing_variable", "no_such_period", "incomplete_rollup"]
INVALID = ["invalid_child", "negative_input", "invalid_input", "unparseable"]


@pytest.mark.parametrize("why", ABSENT + INVALID)
def test_an_optional_panel_cell_invalid_for_computing_is_invalid_input_not_missing(why):
    # hnte_certified is optional: NaN with a reason meaning "no value" leaves the firm scored
    # (62, passed); NaN with an invalid part, a negative or not-whole count used to pass too.
    panel = sme_panel()
    code = list(_core.reason_names).index(why)
    panel._core.add_column("hnte_certified", np.array([np.nan]), None, np.array([code], dtype=np.uint8))
    r = zb.scorecards.evaluate(panel, "tech-sme-2017")
    g = zb.scorecards.gap(panel, "tech-sme-2017")
    if why in ABSENT:
        assert r["status"].tolist() == ["passed"] and r["total"].tolist() == [62.0]
        assert g["status"].tolist() == ["passed"]
    else:
        assert r["status"].tolist() == ["invalid input"] and np.isnan(r["total"].iloc[0])
        assert g["status"].tolist() == ["invalid input"]
        assert f"hnte_certified: {why}" in r["explanation_en"].iloc[0]


@pytest.mark.parametrize(
    "cell, reads", [("5,000", 5000.0), (" 1000 ", 1000.0), ("1,000.5", 1000.5), ("abc", None), ("5.000,0", None)]
)
def test_a_text_cell_reads_the_same_through_a_dataframe_and_a_panel(cell, reads):
    # '5,000' was "invalid input" through a DataFrame (pd.to_numeric) but 5000 through a Panel
    # (the CSV cell grammar): both paths now read text by the grammar.
    df = sme_firms(sales=cell, hnte_certified=1)
    frame, panel = zb.scorecards.evaluate(df, "tech-sme-2017"), zb.scorecards.evaluate(
        sme_panel(df) if reads else df, "tech-sme-2017"
    )
    if reads is None:
        assert frame["status"].tolist() == ["invalid input"]
        assert repr(cell) in frame["explanation_en"].iloc[0]
        return
    assert frame["status"].tolist() == panel["status"].tolist() == ["direct"]
    np.testing.assert_array_equal(frame["total"], panel["total"])  # NaN: a direct firm is not scored
    expected = zb.scorecards.evaluate(sme_firms(sales=reads, hnte_certified=1), "tech-sme-2017")
    np.testing.assert_array_equal(frame["total"], expected["total"])


def test_text_cells_in_a_unit_other_than_the_packs_are_converted_after_reading():
    # '1,000' 元 in a text column: read by the grammar, then 元 → 万元 (0.1), as numbers are.
    text = zb.scorecards.evaluate(sme_firms(sales="10,000,000"), "tech-sme-2017", units={"sales": "元"})
    numbers = zb.scorecards.evaluate(sme_firms(sales=1e7), "tech-sme-2017", units={"sales": "元"})
    assert text["total"].tolist() == numbers["total"].tolist() == [62.0]


PACK_WITHOUT_CONTROLLABLES = """
id = "no-controllables"
[[input]]
id = "a"
[[input]]
id = "b"
[[gate]]
id = "b_at_least_one"
condition = "b >= 1"
[[item]]
id = "i"
max = 10
measure = "a"
bands = [{min = 5, points = 10}, {points = 0}]
[pass]
rule = "total >= 5"
"""


def test_gap_names_what_blocks_when_the_pack_has_no_controllable_input(tmp_path):
    path = tmp_path / "pack.toml"
    path.write_text(PACK_WITHOUT_CONTROLLABLES, encoding="utf-8")
    g = zb.scorecards.gap(pd.DataFrame({"a": [10.0, 10.0], "b": [0.0, 1.0]}), path)
    assert g["status"].tolist() == ["ineligible", "passed"]
    assert g.loc[0, "blocked_by"] == "b_at_least_one"  # was None: no routes, so never looked at
    assert g.loc[1, "blocked_by"] is None


def test_a_units_key_naming_no_input_is_one_error_on_both_paths():
    # Python used to check first (zb.Error without the name); C++ (scorecard::check_units) now
    # checks for both, so both paths raise the same class, naming the key.
    raised = []
    for firms in (sme_firms(), sme_panel()):
        for call in (zb.scorecards.evaluate, zb.scorecards.gap):
            with pytest.raises(zb.Error, match="did you mean 'sales'") as info:
                call(firms, "tech-sme-2017", units={"sale": "亿元"})
            raised.append(info.value)
    assert {type(e) for e in raised} == {type(raised[-1])}
    assert all(e.name == "sale" for e in raised)
