"""Why a cell is missing, across a CSV file: ``zhibiao rollup … | zhibiao compute -``. A CSV cell
holds a number, not its reason, so ``rollup`` writes a ``<variable>_reason`` column after each
variable that has reasons (the convention of ``compute``'s own ``<id>_reason`` columns), and
read_csv reads them back as the reasons of the cells, not as variables: a missing cell keeps its
reason (``incomplete_rollup``, ``invalid_child``…), and a partial sum (``rollup --partial-sums``)
keeps its value with the reason of the complete roll-up, which ``Panel.compute`` then gives the
indicators computed from it, as in Python."""

from __future__ import annotations

import os
from typing import Any, Sequence

import numpy as np

from . import _core

SUFFIX = "_reason"


def reason_codes(panel: Any, variable: str) -> np.ndarray:
    """The reason code of each row of a Panel's variable: a partial roll-up sum's is the one the
    complete roll-up gives its cell."""
    codes = np.array(panel._core.reasons(variable), dtype=np.uint8)
    if panel._complete_rollup is not None:
        codes = np.where(codes == 0, np.array(panel._complete_rollup.reasons(variable)), codes).astype(np.uint8)
    return codes


def rollup_reasons(rolled: Any) -> dict[str, list[str]]:
    """Variable → a reason name per row ("" where none) of a rolled-up Panel, for the variables
    with any: a partial sum's reason is the one the complete roll-up gives its cell."""
    names = list(_core.reason_names)
    out = {}
    for variable in rolled._core.variables:
        codes = reason_codes(rolled, variable)
        if codes.any():
            out[variable] = [names[c] for c in codes]
    return out


def with_reason_columns(table: Any, reasons: dict[str, list[str]]) -> Any:
    """``table`` (a column per variable) with ``<variable>_reason`` after each variable that has reasons."""
    out = table.copy()
    for variable, column in reasons.items():
        out.insert(out.columns.get_loc(variable) + 1, variable + SUFFIX, column)
    return out


def _stem(column: str) -> str:
    """A header's variable as read_csv names it: without its unit, a catalogue name renamed to its
    id (gdp[亿元], gdp（亿元）, 地区生产总值 → gdp), so 地区生产总值_reason is gdp's reasons."""
    try:
        return str(_core.parse_column_header(column.strip())[0])
    except _core.Error:  # not a header read_csv would take: compared as written, without a unit
        for bracket in ("[", "（", "("):
            column = column.split(bracket, 1)[0]
        return column.strip()


def header_of(head: bytes, sep: str) -> list[str]:
    """The names of the header line at the start of ``head`` (a file's first bytes), decoded as
    read_csv decodes them (UTF-8, GB18030, UTF-16)."""
    import csv

    try:
        text = _core.decode_text(bytes(head))[0].split("\n", 1)[0].rstrip("\r")
    except _core.ParseError:  # a workbook, binary bytes, a UTF-16 head cut mid-character: read_csv says
        return []
    try:
        return next(csv.reader([text], delimiter=sep), [])
    except csv.Error:  # a field beyond csv's limit: no header of names (read_csv says what it is)
        return []


def in_header(head: bytes, sep: str) -> list[str]:
    """The ``<variable>_reason`` columns of the header at the start of ``head`` whose variable is
    a column of it too."""
    header = [c.strip() for c in header_of(head, sep)]  # as read_csv trims a heading, quoted too
    stems = {_stem(c) for c in header if not c.endswith(SUFFIX)}
    return [c for c in header if c.endswith(SUFFIX) and _stem(c[: -len(SUFFIX)]) in stems]


HEAD_BYTES = 1 << 16


def first_line(path: Any) -> bytes:
    """The first bytes of a regular file, enough for its header line (b"" for anything else:
    read_csv then says why; a device such as /dev/zero or a pipe is never read here)."""
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return b""
        with open(path, "rb") as f:
            return f.read(HEAD_BYTES)
    except (OSError, TypeError, ValueError):
        return b""


def _reason_table(source: Any, sep: str, name: str) -> Any:
    """The file's cells as texts, decoded as read_csv decodes them."""
    import io
    from pathlib import Path

    import pandas as pd

    data = source if isinstance(source, bytes) else Path(os.fsdecode(source)).read_bytes()
    try:
        table = pd.read_csv(io.StringIO(_core.decode_text(data)[0]), sep=sep, dtype=str, keep_default_na=False)
        # Headings and cells trimmed as read_csv trims them (" A " is entity A, " gdp_reason " a heading)
        table.columns = [str(c).strip() for c in table.columns]
        return table.apply(lambda column: column.str.strip())
    except pd.errors.ParserError as e:  # a row read_csv skipped (lenient) or could not split
        raise _core.ParseError(
            f"{name}: its {SUFFIX} columns cannot be matched to the rows read ({e}); "
            f"drop the {SUFFIX} columns to read it without them"
        ) from None


# A value and a reason on one cell: a partial roll-up sum, which keeps the value with the reason
# of the complete roll-up. Any other reason beside a value contradicts it (missing_input, 3).
PARTIAL_SUM_REASONS = ("incomplete_rollup", "invalid_child")


def _codes(texts: Sequence[str], column: str) -> np.ndarray:
    from ._suggest import closest_name

    names = list(_core.reason_names)
    unknown = sorted({t for t in texts if t not in names})
    if unknown:
        close = closest_name(unknown[0], names[1:])
        hint = f"did you mean {close!r}? " if close else ""
        raise _core.ParseError(f"column '{column}': no reason '{unknown[0]}' ({hint}reasons: {', '.join(names[1:])})")
    return np.array([names.index(t) for t in texts], dtype=np.uint8)


def _check_values_with_reasons(core: Any, given: dict[str, np.ndarray], columns: dict[str, str], name: str) -> None:
    """A cell with a value and a reason other than a partial sum's is refused, naming its line:
    the value was dropped as if it were a partial sum, silently (gdp 3 with missing_input)."""
    names = list(_core.reason_names)
    allowed = [names.index(r) for r in PARTIAL_SUM_REASONS]
    for variable, codes in given.items():
        present = ~np.isnan(np.array(core.values(variable)))
        bad = np.flatnonzero(present & (codes > 0) & ~np.isin(codes, allowed))
        if bad.size:
            row = int(bad[0])
            where = f"entity {core.row_entity_codes()[row]}, period {core.periods[int(core.period_index[row])]}"
            raise _core.ParseError(
                f"{name}: row {row + 1} ({where}), column '{columns[variable]}': '{variable}' has a value and the "
                f"reason '{names[codes[row]]}': only a partial roll-up sum ({', '.join(PARTIAL_SUM_REASONS)}) keeps "
                "a value beside its reason; blank the value or the reason"
            )


def _copy_with(core: Any, given: dict[str, np.ndarray], partial_missing: bool) -> Any:
    """A core panel like ``core`` with the reasons ``given`` on its missing cells; with
    ``partial_missing`` also a cell with a value and a reason (a partial sum) made missing."""
    out = _core.Panel(
        core.entity_codes, core.entity_names, core.entity_parents, core.periods, core.entity_index, core.period_index
    )
    for variable in core.variables:
        values, codes = np.array(core.values(variable)), np.array(core.reasons(variable))
        if variable in given:
            reason = given[variable]
            if partial_missing:
                values = np.where(reason > 0, np.nan, values)
            codes = np.where(np.isnan(values) & (reason > 0), reason, codes).astype(np.uint8)
        out.add_column(variable, values, core.unit(variable).symbol if core.unit_given(variable) else None, codes)
        if core.written_texts(variable) is not None:  # read from text, its 0s too (round 37): a published
            out.set_written_decimals(variable, core.written_decimals(variable))  # "2.00" stays 2.00, "1.7" 1.7
    return out


def carried(panel: Any, source: Any, name: str, columns: Sequence[str], sep: str = ",") -> Any:
    """``panel`` (read from ``source``, a path or the bytes read, without its ``<variable>_reason``
    columns) with those reasons."""
    table = _reason_table(source, sep, name)
    core = panel._core
    wanted = [c for c in columns if _stem(c[: -len(SUFFIX)]) in set(core.variables)]
    if not wanted:
        return panel
    entities = [str(x) for x in core.row_entity_codes()]
    if len(table) != core.rows or not any(list(table[c]) == entities for c in table.columns[:3]):
        raise _core.ParseError(
            f"{name}: its {SUFFIX} columns do not match the rows read (a row left "
            f"out?), so the reasons cannot be carried; drop the {SUFFIX} columns to compute without them"
        )
    given = {_stem(c[: -len(SUFFIX)]): _codes(list(table[c]), c) for c in wanted}
    return with_given_reasons(panel, given, {_stem(c[: -len(SUFFIX)]): c for c in wanted}, name)


def with_given_reasons(panel: Any, given: dict[str, np.ndarray], columns: dict[str, str], name: str) -> Any:
    """A Panel like ``panel`` with the reason codes ``given`` (variable → a code per row, read from
    the column ``columns[variable]`` of ``name``) on its cells: a missing cell keeps its reason, a
    partial roll-up sum its value and the reason of the complete roll-up."""
    from ._panel import Panel

    core = panel._core
    _check_values_with_reasons(core, given, columns, name)
    out = Panel(_copy_with(core, given, partial_missing=False))
    out._loaded_report = panel._loaded_report or core.report
    if any((~np.isnan(np.array(core.values(v))) & (r > 0)).any() for v, r in given.items()):
        out._complete_rollup = _copy_with(core, given, partial_missing=True)
    return out


def in_frame(columns: Sequence[Any]) -> dict[Any, str]:
    """The ``<variable>_reason`` columns of a DataFrame (what ``Panel.to_pandas(reasons=True)``
    writes) whose variable is a column of it too, as their variable: as ``in_header`` finds them
    in a CSV header."""
    names = [c for c in columns if isinstance(c, str)]
    stems = {_stem(c): c for c in names if not c.endswith(SUFFIX)}
    return {c: _stem(c[: -len(SUFFIX)]) for c in names if c.endswith(SUFFIX) and _stem(c[: -len(SUFFIX)]) in stems}


def codes_of_cells(cells: Sequence[Any], column: str) -> np.ndarray:
    """The reason codes of a DataFrame's reason column: a name per cell, a blank (NaN, None, "")
    where there is none."""
    import pandas as pd

    blank = [cell is None or cell is pd.NA or (isinstance(cell, float) and cell != cell) for cell in cells]
    return _codes(["" if b else str(cell).strip() for b, cell in zip(blank, cells)], column)
