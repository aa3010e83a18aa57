"""Round 21 of the report reader (issue #13, speed): an Arabic figure's digits are read once into
an integer and a count of decimals (no text, no parser call a figure). The value must stay the
correctly rounded double of the written digits, as float() reads them, at every edge of that
shortcut: 15 significant digits (more are out of range: NaN), zeros before the first digit, a
thousands comma, and more than 22 decimals (where 10^d is no exact double and the text is read)."""

from __future__ import annotations

import math
import random

import pytest

import zhibiao as zb


def _value(figure: str) -> float:
    facts = zb.extract(f"2024年，研发经费支出{figure}万元。")
    assert len(facts) == 1, facts[["text", "value"]]
    return float(facts.iloc[0]["value"])


@pytest.mark.parametrize(
    "digits",
    [
        "0.1",
        "0.3",
        "2.675",
        "1.005",
        "9007199254740.99",  # 15 significant digits: still read
        "999999999999999",
        "123456789012.345",
        "0.000000000000000000001234",  # 21 decimals
        "0.0000000000000000000001234",  # 25 decimals: read from the text
        "0.00000000000000000000000000000012",
        "00.5",
        "0.0",
        "1,234,567.891",
    ],
)
def test_a_figure_is_the_correctly_rounded_double_of_its_digits(digits):
    value = _value(digits)
    expected = float(digits.replace(",", ""))
    if digits.startswith("00"):  # zeros before the digits: damaged, the value unknown
        assert math.isnan(value)
    else:
        assert value == expected and math.copysign(1, value) == math.copysign(1, expected)


def test_random_figures_read_as_float_reads_them():
    rng = random.Random(21)
    for _ in range(300):
        whole = str(rng.randint(1, 10 ** rng.randint(1, 9)))
        decimals = "".join(rng.choice("0123456789") for _ in range(rng.choice([1, 2, 3, 5])))
        digits = f"{whole}.{decimals}"
        assert _value(digits) == float(digits), digits


def test_more_than_fifteen_significant_digits_are_out_of_range():
    assert math.isnan(_value("1234567890123456"))
    assert math.isnan(_value("1.234567890123456"))
    assert _value("0.00123456789012345") == float("0.00123456789012345")
