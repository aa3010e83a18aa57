"""User-defined indicators: a formula in the indicator language, checked as soon as it is made."""

from __future__ import annotations

from typing import Any

from . import _core


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
        self.inputs = list(_core.check_formula(formula))
        _core.Unit(unit)  # an unknown unit fails here, not at compute time
        if direction not in (1, -1, 0):
            raise _core.Error(f"direction must be 1, -1 or 0, not {direction!r}")
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

    def _add_to(self, core_catalogue: Any) -> None:
        _core.add_indicator(
            core_catalogue, self.id, self.formula, self.unit, self.direction, self.name_zh, self.name_en,
            self.valid_min, self.valid_max, self.decimals, self.source,
        )

    def __repr__(self) -> str:
        return f"Indicator({self.id!r}, {self.formula!r}, unit={self.unit!r})"
