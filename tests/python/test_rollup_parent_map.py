"""The child → parent map of Panel.rollup as analysts hand it over: a dict or a pandas Series read
from a spreadsheet (codes as floats, blank parents, a county listed twice, keys typed both as
int and text). Each of these used to give a parent that no one asked for (round 13, roll-ups)."""

import io

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb


def counties():
    # GDP 100, 200 and 50 亿元; 320602 has no R&D figure.
    return zb.read_csv(
        io.StringIO(
            "region,period,gdp[亿元],rd_expenditure[万元]\n320601,2023,100,3000\n320602,2023,200,\n320701,2023,50,1000\n"
        )
    )


def test_a_county_given_two_parents_in_a_series_is_refused():
    # A Series with 320601 twice (A, then B). dict(Series) looked 320601 up as a label and got a
    # Series of both parents, whose text "320601    A\n320601    B\ndtype: object" became a parent.
    parents = pd.Series(["A", "A", "B", "B"], index=["320601", "320602", "320701", "320601"])
    with pytest.raises(zb.Error, match=r"320601.*two parents.*'A'.*'B'"):
        counties().rollup(parents)


def test_the_same_code_as_int_and_as_text_with_different_parents_is_refused():
    # {320601: "A", "320601": "B"}: both keys are the code 320601; the last one silently won.
    with pytest.raises(zb.Error, match=r"320601.*two parents"):
        counties().rollup({320601: "A", "320601": "B", "320602": "A", "320701": "B"})


def test_a_county_listed_twice_with_the_same_parent_is_fine():
    parents = pd.Series(["A", "A", "B", "A"], index=["320601", "320602", "320701", "320601"])
    rolled = counties().rollup(parents)
    assert rolled.values("gdp").tolist() == [300.0, 50.0]


@pytest.mark.parametrize("blank", [np.nan, None, "", "  ", pd.NA])
def test_a_blank_parent_is_no_parent(blank):
    # A blank cell in the parent column became a parent named "nan", "None", "" or "<NA>", holding
    # 320602's 200亿 beside A's 100亿. Now 320602 has no parent: the orphan error names it.
    parents = pd.Series(["A", blank, "B"], index=["320601", "320602", "320701"], dtype=object)
    with pytest.raises(zb.Error, match=r"1 entity has no parent in the map: 320602"):
        counties().rollup(parents)


def test_codes_read_as_floats_are_codes():
    # Excel columns of codes come back as floats (320600.0, NaN where blank): the parent was the
    # text "320600.0", not 320600; keys as floats made every county an orphan.
    parents = pd.Series([320600.0, 320600.0, 320700.0], index=[320601.0, 320602.0, 320701.0])
    rolled = counties().rollup(parents)
    assert list(rolled.entities["code"]) == ["320600", "320700"]
    assert rolled.values("gdp").tolist() == [300.0, 50.0]


def test_a_code_with_a_fraction_is_refused():
    with pytest.raises(zb.Error, match=r"3206\.5"):
        counties().rollup({"320601": 3206.5, "320602": "A", "320701": "B"})


def test_spaces_around_a_parent_code_do_not_make_another_parent():
    # "A " and "A" were two parents, both printed as A: 100亿 and 200亿 on two rows.
    rolled = counties().rollup({"320601": "A ", "320602": "A", "320701": " B"})
    assert list(rolled.entities["code"]) == ["A", "B"]
    assert rolled.values("gdp").tolist() == [300.0, 50.0]


def test_admin_parents_at_different_levels_are_refused():
    # 320601 and 320602 are counties (parent: the prefecture 320600), 320700 a prefecture (parent:
    # the province 320000): the parents' table mixed a prefecture and a province.
    mixed = zb.read_csv(io.StringIO("region,period,gdp[亿元]\n320601,2023,1\n320602,2023,2\n320700,2023,5\n"))
    with pytest.raises(zb.Error, match=r"320601.*320700.*to='province'"):
        mixed.rollup("admin")
    assert mixed.rollup("admin", to="province").values("gdp").tolist() == [8.0]
