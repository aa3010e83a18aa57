"""User-defined indicators: a formula in the indicator language, checked as soon as it is made."""

from __future__ import annotations

import numbers
from typing import Any

from ._suggest import checked_keywords
from . import _core


def _is_whole(x: object) -> bool:
    """An integer, not a bool (True == 1) nor a float (1.0 == 1)."""
    return isinstance(x, numbers.Integral) and not isinstance(x, bool)


class Indicator:
    """An indicator defined by a formula, used like a catalogue id in ``panel.compute``.

    >>> rd_staff = Indicator("rd_per_10k_employed", "rd_personnel / employed", unit="人/万人")

    Parameters
    ----------
    id
        A name for the result column; other formulas may use it.
    formula
        An expression over panel variables and catalogue indicators, e.g. ``"a / b"``,
        ``"growth(gdp)"``, ``"valid_invention_patents / last_year_end(population)"``. Syntax
        errors raise ParseError at once, with a caret under the problem.
    unit
        The output unit ("%", "人/万人", "万元"); inputs convert into it through their own units,
        so ``employed`` may come in 万人 or in 人.
    direction
        1 if higher is better, -1 if lower is better, 0 for a benchmark.
    name_zh, name_en
        Display names.
    valid_min, valid_max
        Results outside become missing with reason ``out_of_range``.
    decimals
        Printed precision.
    source
        Where the definition comes from.
    """

    @checked_keywords
    def __init__(
        self,
        id: str,
        formula: str,
        unit: str,
        direction: int = 1,
        name_zh: str | None = None,
        name_en: str | None = None,
        *,
        valid_min: float | None = None,
        valid_max: float | None = None,
        decimals: int = 2,
        source: str = "",
    ) -> None:
        if not isinstance(id, str) or not id.strip():
            raise _core.ArgumentError(f"Indicator: id must be a non-empty text (the result's column), not {id!r}")
        if not isinstance(formula, str):
            raise TypeError(f"Indicator {id!r}: formula must be a text such as 'a / b', not {type(formula).__name__}")
        self.inputs = list(_core.check_formula(formula))
        _core.Unit(unit)  # an unknown unit fails here, not at compute time
        # bool and float are refused too: True == 1 and 1.0 == 1 would otherwise pass unseen.
        if not _is_whole(direction) or direction not in (1, -1, 0):
            raise _core.Error(f"direction must be 1, -1 or 0, not {direction!r}")
        if not _is_whole(decimals) or not 0 <= decimals <= 15:
            raise _core.Error(f"decimals must be a whole number 0..15, not {decimals!r}")
        for name, bound in (("valid_min", valid_min), ("valid_max", valid_max)):
            if bound is not None and (isinstance(bound, bool) or not isinstance(bound, numbers.Real) or bound != bound):
                raise _core.Error(f"{name} must be a number or None, not {bound!r}")
        if valid_min is not None and valid_max is not None and valid_min > valid_max:
            raise _core.Error(f"valid_max ({valid_max!r}) is below valid_min ({valid_min!r})")
        self.id = id
        self.formula = formula
        self.unit = unit
        self.direction = direction
        self.name_zh = name_zh or ""
        self.name_en = name_en or ""
        self.valid_min = valid_min
        self.valid_max = valid_max
        self.decimals = decimals
        self.source = source

    def _definition(self) -> tuple[Any, Any, Any, Any, Any, Any, Any, Any]:
        """Everything that makes the indicator's column: two Indicators with one id and different
        definitions cannot both be computed under that id."""
        return (
            self.formula,
            self.unit,
            self.direction,
            self.name_zh,
            self.name_en,
            self.valid_min,
            self.valid_max,
            self.decimals,
        )

    def _add_to(self, core_catalogue: Any) -> None:
        _core.add_indicator(core_catalogue, self.id, *self._definition(), self.source)

    def __repr__(self) -> str:
        from ._repr import indicator_text

        return indicator_text(self)
