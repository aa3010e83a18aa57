"""Numbers in a column headed % that may be Excel's fractions of percentages (Panel.from_pandas).

Excel keeps a cell formatted as a percentage as its fraction (2.7% is 0.027) and pd.read_excel
gives the fraction, so under a header that says % (``强度[%]``, or 强度 over % read with
``header=[1, 2]``) a number between −1 and 1 may be 2.7 % or 0.027 %. Small percents are real
too (a county's R&D intensity of 0.6 %, a growth of −0.4 %), so the column loads as written, with
a PercentFractionWarning where the numbers make a fraction likely: all of them within [−1, 1], or
one among larger ones that, times 100, lies among them (0.027 beside 2.5 and 3.1). A unit the
caller or ``df.attrs`` gives is never questioned, and integers are no fractions Excel kept.
"""

from __future__ import annotations

import decimal
import numbers
import os
import sys
import warnings
from typing import Any, Callable

import numpy as np

from . import _core

_PERCENT_MARKS = ("%", "％", "‰")
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


class PercentFractionWarning(UserWarning):
    """Numbers under a % header that may be Excel's fractions of percentages (0.027 for 2.7 %):
    say which with ``units=`` ("1": fractions, "%": percents as written) or rewrite the cells."""


def caller_stacklevel() -> int:
    """The stacklevel of the first frame outside the zhibiao package, for warnings.warn called
    from the frame that calls this: a warning points at the caller's line however deep it is."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and os.path.dirname(os.path.abspath(frame.f_code.co_filename)) == _PACKAGE_DIR:
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level


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


def warn_possible_fractions(
    series: Any,
    column: Any,
    variable: str,
    unit: str | None,
    where: Callable[[int], str],
    written: str = "",
    key: str = "",
) -> None:
    """PercentFractionWarning when the number cells of a column whose header says % may be
    Excel's fractions: all non-zero ones within [−1, 1], or one (the first) among larger ones
    that is below a tenth of their smallest magnitude and, times 100, within their range. A
    column of integers, or beside texts "9.7%" (Panel._column_values' rule), is left alone;
    ``where`` names a row by position (its entity and period). ``written`` is the heading as
    written when it was read as ``variable`` (R&D经费投入强度 as rd_intensity): the message names
    both; ``key`` is the units= key it offers (by default ``variable``)."""
    if not _is_percent(unit) or series.dtype.kind in "iub" or _texts_say_percent(series):
        return
    label = f"column {column!r}" + (f" (read as {variable})" if written and written != variable else "")
    key = key or variable
    positions, values = _number_cells(series)
    nonzero = np.isfinite(values) & (values != 0)
    small = nonzero & (np.abs(values) <= 1)
    if not small.any():
        return
    large = nonzero & ~small
    if not large.any():
        shown = ", ".join(_shown(v) for v in values[small][:3]) + ("…" if small.sum() > 3 else "")
        first = float(values[small][0])
        _warn(
            f"{label}: its header says %, and its numbers are all between -1 and 1 ({shown}): "
            f"{_excel_note(first)}; loaded as written ({_shown(first)}%)",
            key,
            first,
        )
        return
    others = values[large]
    lone = small & (np.abs(values) < 0.1 * np.abs(others).min())
    lone &= (values * 100 >= others.min()) & (values * 100 <= others.max())
    if lone.any():
        k = int(np.flatnonzero(lone)[0])
        value, row = float(values[k]), int(positions[k])
        _warn(
            f"{label}, row {series.index[row]!r} ({where(row)}): the number {_shown(value)} among "
            f"{', '.join(_shown(v) for v in others[:2])}… in a column whose header says %: {_excel_note(value)}; "
            f"loaded as written ({_shown(value)}%)",
            key,
            value,
        )


def _excel_note(value: float) -> str:
    return (
        f"a cell Excel formats as a percentage holds its fraction (2.7% is 0.027, as pd.read_excel gives it), "
        f"so {_shown(value)} may be {_shown(value * 100)}% or {_shown(value)}%"
    )


def _warn(message: str, key: str, value: float) -> None:
    warnings.warn(
        f"{message}; say which: units={{{key!r}: '1'}} reads the numbers as fractions "
        f"({_shown(value)} is {_shown(value * 100)}%), units={{{key!r}: '%'}} as percents as written, "
        f"or rewrite the cells as percents ({_shown(value * 100)})",
        PercentFractionWarning,
        stacklevel=caller_stacklevel(),
    )


def _texts_say_percent(series: Any) -> bool:
    """Whether a cell of text is written as a percentage ("9.7%"): round 27's rule then applies."""
    if series.dtype.kind in "iuf":
        return False
    return any(isinstance(t, str) and t.rstrip().endswith(_PERCENT_MARKS) for t in series.tolist())


def warn_fractions_in_file(panel: Any, head: bytes, source: Any, sep: str, units_given: Any) -> None:
    """read_csv's PercentFractionWarning, by from_pandas' rule: a column whose header says %
    (``强度[%]``) and whose numbers may be fractions (0.023 for 2.3 %). A unit given by ``units=``
    is never questioned, a column of integers is left alone, and so is one whose cells are
    written as percentages ("0.5%": the file's texts are read only then)."""
    import pandas as pd

    from ._reason_columns import header_of

    variables = set(panel.variables)
    from ._panel import _catalogue_names  # here: _panel imports this module

    exact = _catalogue_names()
    for heading in (h.strip() for h in header_of(head, sep)):
        name, unit, written = _core.parse_column_header(heading)
        if name not in variables and written in variables:  # kept as written beside its id (read_csv)
            name, written = written, ""
        if name not in variables or {name, written} & set(units_given) or not _is_percent(unit):
            continue
        values = np.asarray(panel.values(name), dtype=np.float64)
        finite = values[np.isfinite(values)]
        if finite.size == 0 or bool(np.all(finite == np.round(finite))):
            continue  # integers: no fractions
        rows = panel.index()
        series = pd.Series(values, index=rows.get_level_values(0))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            warn_possible_fractions(
                series,
                heading,
                name,
                unit,
                lambda k: f"entity {rows[k][0]}, period {rows[k][1]}",
                written,
                written if written and written not in exact else name,  # units= by a catalogue name: "use that name"
            )
        if caught and not _cells_say_percent(source, sep, heading):
            warnings.warn(str(caught[0].message), PercentFractionWarning, stacklevel=caller_stacklevel())


def _cells_say_percent(source: Any, sep: str, heading: str) -> bool:
    """Whether the file's cells under ``heading`` are written as percentages ("0.5%")."""
    from ._reason_columns import _reason_table

    try:
        table = _reason_table(source, sep, str(source))
    except (_core.Error, OSError, ValueError):
        return False  # cells the loader read and pandas cannot split: the numbers decide
    return heading in table.columns and _texts_say_percent(table[heading])
