"""One formula vocabulary (src/formula/functions.hpp): the functions scorecards have work in panel
formulas with the same meaning — missing(), division by zero missing with its reason, three-valued
and/or — and panel-only functions are refused in a scorecard by name."""

import io
import math

import pytest

import zhibiao as zb


def panel_from(text: str) -> zb.Panel:
    return zb.read_csv(io.BytesIO(text.encode()))


PANEL = "entity,period,a,b\nx,2023,,0\ny,2023,3,1\nz,2023,4,-2\n"


def test_missing_works_in_panel_formulas():
    p = panel_from(PANEL)
    filled = p.evaluate("if(missing(a), 0, a) + missing(a)")
    assert list(filled) == [1.0, 3.0, 4.0]


def names(why) -> list:
    return [w if isinstance(w, str) else "" for w in why]


def test_division_by_zero_is_missing_with_its_reason():
    p = panel_from(PANEL)
    ratio = zb.Indicator("ratio", "a / b", unit="1")
    values, why = p.compute([ratio], reasons=True)
    assert names(why["ratio"]) == ["missing_input", "", "negative_denominator"]
    p2 = panel_from("entity,period,a,b\nx,2023,1,0\n")
    assert names(p2.compute([ratio], reasons=True)[1]["ratio"]) == ["zero_denominator"]
    assert values["ratio"].tolist()[1] == 3.0


def test_and_or_are_three_valued():
    p = panel_from(PANEL)
    both = p.evaluate("a > 0 and b > 0")  # x: missing and false → 0 (b = 0 decides)
    assert both.tolist()[0] == 0.0 and both.tolist()[1] == 1.0
    either = p.evaluate("a > 0 or b > 0")  # x: missing or false → missing
    assert math.isnan(either.tolist()[0])


def test_round_takes_negative_digits_in_panel_formulas_as_in_scorecards():
    p = panel_from("entity,period,a\nx,2023,1234.5\n")
    assert p.evaluate("round(a, -2)").tolist() == [1200.0]
    with pytest.raises(zb.ParseError, match="number of digits"):
        p.evaluate("round(a, 16)")
