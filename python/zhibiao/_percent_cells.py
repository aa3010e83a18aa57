"""Numbers in a column headed % that may be Excel's fractions of percentages (Panel.from_pandas).

Excel keeps a cell formatted as a percentage as its fraction (2.7% is 0.027) and pd.read_excel
gives the fraction, so under a header that says % (``强度[%]``, or 强度 over % read with
``header=[1, 2]``) a number between −1 and 1 may be 2.7 % or 0.027 %: neither is certain from the
numbers alone (a county's R&D intensity of 0.6 % is a real percent). Only the caller can say, by
``units=``; until then such a column is refused, naming the cells and both ways to say it.
"""

from __future__ import annotations

import decimal
import numbers
from typing import Any, Callable

import numpy as np

from . import _core

_PERCENT_MARKS = ("%", "％", "‰")


def _is_percent(unit: str | None) -> bool:
    """Whether ``unit`` is % (Excel formats percentages, never per mille)."""
    try:
        return bool(unit) and str(_core.Unit(str(unit))) == "%"
    except _core.Error:
        return False


def _number_cells(series: Any) -> tuple[np.ndarray, np.ndarray]:
    """(positions, values) of the cells that are numbers, not texts: only a number cell can be a
    fraction Excel kept (a cell of text, "2.5", was typed as written)."""
    if series.dtype.kind in "iuf":
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        return np.arange(len(values)), values
    cells = series.tolist()
    positions = [
        k
        for k, v in enumerate(cells)
        if isinstance(v, (numbers.Real, decimal.Decimal)) and not isinstance(v, (bool, np.bool_))
    ]
    return np.asarray(positions, dtype=np.intp), np.asarray([float(cells[k]) for k in positions], dtype=np.float64)


def _shown(value: float) -> str:
    return f"{value:.6g}"


def refuse_possible_fractions(
    series: Any, column: Any, variable: str, unit: str | None, where: Callable[[int], str]
) -> None:
    """ParseError when the number cells of a column whose header says % hold a number between −1
    and 1 (not 0): all of them such (the column may be Excel's fractions), or some beside numbers
    above 1 (a lone cell formatted as a percentage among percents typed as numbers). A column
    beside texts "9.7%" is the texts' rule (Panel._column_values); ``where`` names a row by
    position (its entity and period)."""
    if not _is_percent(unit) or _texts_say_percent(series):
        return
    positions, values = _number_cells(series)
    finite = np.isfinite(values)
    small = finite & (values != 0) & (np.abs(values) <= 1)
    if not small.any():
        return
    first = int(positions[np.flatnonzero(small)[0]])
    value = float(series.iloc[first])
    maybe = (
        f"a cell Excel formats as a percentage holds its fraction (2.7% is 0.027, as pd.read_excel gives it), "
        f"so {_shown(value)} may be {_shown(value * 100)}% or {_shown(value)}%"
    )
    large = finite & (np.abs(values) > 1)
    if not large.any():
        raise _core.ParseError(
            f"column {column!r}: its header says %, and its numbers are all between -1 and 1 "
            f"({', '.join(_shown(v) for v in values[small][:3])}{'…' if small.sum() > 3 else ''}): {maybe}; say which: "
            f"units={{{variable!r}: '1'}} reads them as fractions ({_shown(value)} is {_shown(value * 100)}%), "
            f"units={{{variable!r}: '%'}} as percents ({_shown(value)}%)"
        )
    above = ", ".join(_shown(v) for v in values[large][:2])
    raise _core.ParseError(
        f"column {column!r}, row {series.index[first]!r} ({where(first)}): the number {_shown(value)} beside numbers "
        f"above 1 ({above}) in a column whose header says %: {maybe}; write the cell as a percent "
        f"({_shown(value * 100)} or {_shown(value)}), or say the numbers are percents as written: "
        f"units={{{variable!r}: '%'}}"
    )


def _texts_say_percent(series: Any) -> bool:
    """Whether a cell of text is written as a percentage ("9.7%"): round 27's rule then applies."""
    if series.dtype.kind in "iuf":
        return False
    return any(isinstance(t, str) and t.rstrip().endswith(_PERCENT_MARKS) for t in series.tolist())
