"""Tables as analysts keep them: values rounded to the catalogue's decimals, entity names beside
the codes, ranks as integers, CSV that Excel opens (a BOM), and Excel workbooks with the units and
the reasons on sheets of their own."""

from __future__ import annotations

import importlib.util
import os
from typing import IO, Any, Mapping

from ._suggest import checked_keywords, closest_name, refuse_unknown_keywords
from . import _core
from ._lang import check_lang, unit_text

ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")


def catalogue_decimals() -> dict[str, int]:
    """Indicator id → the decimals the catalogue prints it with."""
    builtin = _core.Catalogue.builtin()
    return {i: int(builtin.indicator(i)["decimals"]) for i in builtin.ids}


@checked_keywords
def whole_ranks(ranks: Any) -> Any:
    """Ranks as nullable integers (Int64, <NA> where there is no rank) when every rank is whole;
    average ranks of ties (1.5) stay floats."""
    import numpy as np

    def one(column: Any) -> Any:
        present = column.dropna().to_numpy(dtype=float)
        return column.astype("Int64") if np.all(present == np.round(present)) else column

    return ranks.apply(one) if hasattr(ranks, "columns") else one(ranks)


def round_half_away(values: Any, decimals: int) -> Any:
    """Values rounded as statistical tables (四舍五入) and Excel's ROUND print them: halves away
    from zero (12.5 → 13, 0.25 → 0.3; pandas' round gives 12 and 0.2), and a half carried in
    binary as a hair below it (107 / 40 = 2.67499999… for 2.675) counted as the half it stands
    for. The half is decided on the decimal value a person means: the value taken to 12
    significant digits first, where those reach below the written decimals (50.05 - 50 =
    0.04999999999999449 is the 0.05 it stands for: 0.1 at 1 decimal, as -0.05 gives -0.1), so a
    value and its negative round to mirrored figures. NaN stays NaN; no -0.0."""
    import numpy as np

    x = np.asarray(values, dtype=float)
    scale = 10.0**decimals
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):  # NaN and inf pass through as they are
        magnitude = np.floor(np.log10(np.abs(x)))  # -inf for 0, NaN for NaN: never used
        step = 10.0 ** (11 - magnitude)
        meant = np.rint(x * step) / step  # 12 significant digits
        usable = np.isfinite(meant) & (magnitude - 11 <= -(decimals + 1))
        x = np.where(usable, meant, x)
        scaled = np.abs(x * scale)
        floor = np.floor(scaled)
        # A fraction within 8 ulps below a half is the half (a ratio of parsed decimals, ×100,
        # carries 1–2), never more than 2^-20 below it: only the half is decided so, and a large
        # value's whole part never moves (1e13 stays 1e13).
        up = (scaled - floor) >= 0.5 - np.minimum(scaled * 2.0**-49, 2.0**-20)
        out = np.where(scaled < 2.0**52, np.copysign(floor + up, x) / scale, x) + 0.0
    return out


def rounded(values: Any, decimals: Mapping[str, int] | None = None) -> Any:
    """A copy with each indicator column rounded to its decimals (the catalogue's by default),
    halves away from zero (:func:`round_half_away`); columns the catalogue does not know are
    left as they are. attrs are kept."""
    import pandas as pd

    known = catalogue_decimals() if decimals is None else dict(decimals)
    table = values.copy()
    for column in values.columns:
        if column in known and values[column].dtype.kind == "f":  # numpy float and pandas' Float64
            series = values[column]
            exact = round_half_away(series.to_numpy(dtype=float, na_value=float("nan")), known[column])
            table[column] = pd.Series(exact, index=series.index).astype(series.dtype)
    table.attrs = dict(values.attrs)
    return table


def with_names(table: Any, names: Mapping[str, str] | None = None) -> Any:
    """The table with a ``name`` column first, from ``names`` or the names it carries in
    ``attrs["names"]`` (entity code → name); unchanged when there are none."""
    names = names if names is not None else table.attrs.get("names")
    if not names or "name" in table.columns:
        return table
    codes = table.index.get_level_values(0) if table.index.nlevels > 1 else table.index
    out = table.copy()
    out.insert(0, "name", [names.get(c, "") for c in codes])
    out.attrs = dict(table.attrs)
    return out


INVALID_INPUT = "invalid_input"  # the reason from_pandas gives ±inf: a number there, but not finite


def infinite_cells(table: Any) -> dict[str, Any]:
    """Column → boolean mask of its ±inf cells, for the numeric columns that have any."""
    import numpy as np

    out = {}
    for column in table.columns:
        series = table[column]
        if series.dtype.kind in "fc":  # numpy floats and pandas' Float64
            mask = np.isinf(series.to_numpy(dtype=float, na_value=np.nan).real)
            if mask.any():
                out[column] = mask
    return out


def without_infinities(table: Any, reasons: Any = None) -> tuple[Any, Any]:
    """``table`` with every ±inf blanked (NaN) and ``reasons`` (a table of the same shape, or None)
    saying ``invalid_input`` there; both unchanged (no copy) without ±inf. An ``inf`` in a written
    table is no number a reader takes back (read_csv, Excel), and -inf and nan would read alike."""
    infinite = infinite_cells(table)
    if not infinite:
        return table, reasons
    table = table.copy()
    for column, mask in infinite.items():
        table.loc[mask, column] = float("nan")
    if reasons is not None:
        reasons = reasons.astype(object).copy()
        for column, mask in infinite.items():
            if column not in reasons.columns:  # reasons of other columns only: this one's is said too
                reasons[column] = ""
            reasons.loc[mask, column] = INVALID_INPUT
    return table, reasons


def with_infinity_reasons(table: Any) -> Any:
    """``table`` with its ±inf blanked and a ``<column>_reason`` column after each column that had
    one, saying ``invalid_input`` there (read_csv reads it back as the reason of the missing
    cell); an existing ``<column>_reason`` column gets the reason on those rows."""
    from ._reason_columns import SUFFIX

    infinite = infinite_cells(table)
    table, _ = without_infinities(table)
    for column, mask in infinite.items():
        reason_column = f"{column}{SUFFIX}"
        if reason_column not in table.columns:
            table.insert(table.columns.get_loc(column) + 1, reason_column, "")
        else:
            table[reason_column] = table[reason_column].astype(object).where(table[reason_column].notna(), "")
        table.loc[mask, reason_column] = INVALID_INPUT
    return table


@checked_keywords
def write_csv(
    values: Any,
    path_or_buf: str | os.PathLike[str] | IO[str],
    *,
    full_precision: bool = False,
    encoding: str = "utf-8",
    names: bool = True,
    unit_header: bool = False,
) -> None:
    """Writes an indicator table as CSV: values to the catalogue's decimals (``full_precision=True``
    writes every digit), the entity names beside the codes, and ``encoding="utf-8-sig"`` for a
    file Excel opens with its Chinese intact (a BOM first). ``unit_header=True`` writes each
    column's unit in its header (``rd_intensity[%]``), as read_csv reads units back. A ±inf is
    written as an empty cell with ``invalid_input`` in a ``<column>_reason`` column after its
    column, which read_csv reads back as the missing cell's reason (never as ``inf``)."""
    if encoding not in ENCODINGS:  # a typo would otherwise write a file Excel garbles
        close = closest_name(str(encoding), ENCODINGS) if isinstance(encoding, str) else None
        hint = f" (did you mean {close!r}?)" if close else ""
        raise _core.ArgumentError(f"encoding must be one of {', '.join(ENCODINGS)}, not {encoding!r}{hint}")
    table = with_infinity_reasons(values if full_precision else rounded(values))
    if names:
        table = with_names(table)
    if unit_header:
        table = table.rename(columns={c: f"{c}[{u}]" for c, u in units(table).items()})
    if hasattr(path_or_buf, "write"):
        if encoding == "utf-8-sig":
            path_or_buf.write("\ufeff")
        table.to_csv(path_or_buf)
    else:
        table.to_csv(path_or_buf, encoding=encoding)


def units_table(values: Any, lang: str = "zh") -> Any:
    """One row per column with a unit: column, unit (in ``lang``), and the catalogue's names."""
    import pandas as pd

    check_lang(lang)
    builtin = _core.Catalogue.builtin()
    rows = []
    for column, unit in values.attrs.get("units", {}).items():
        meta = dict(builtin.indicator(column)) if column in builtin.ids else {}
        rows.append(
            {
                "column": column,
                "unit": unit_text(unit, lang),
                "name_zh": meta.get("name_zh", ""),
                "name_en": meta.get("name_en", ""),
            }
        )
    return pd.DataFrame(rows, columns=["column", "unit", "name_zh", "name_en"])


@checked_keywords
def to_excel(
    values: Any, path: str | os.PathLike[str], *, reasons: Any = None, full_precision: bool = False, lang: str = "zh"
) -> None:
    """An Excel workbook (openpyxl): sheet ``values`` (names beside codes, the catalogue's decimals
    unless ``full_precision``), sheet ``units`` (a row per column: unit and names), and with
    ``reasons`` a sheet ``reasons`` of why each missing value is missing. A ±inf is an empty cell
    (openpyxl would write the text "inf"), with ``invalid_input`` on the reasons sheet, which is
    then written even when ``reasons`` is not given."""
    import pandas as pd

    check_lang(lang)
    if importlib.util.find_spec("openpyxl") is None:
        raise ImportError("Excel output needs openpyxl (Debian: apt-get install python3-openpyxl)")
    if reasons is None and infinite_cells(values):
        reasons = pd.DataFrame("", index=values.index, columns=values.columns)
    values, reasons = without_infinities(values, reasons)
    table = with_names(values if full_precision else rounded(values))
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        table.to_excel(writer, sheet_name="values", merge_cells=False)  # the code on every row
        units_table(values, lang).to_excel(writer, sheet_name="units", index=False)
        if reasons is not None:
            reasons.astype(object).where(reasons.notna(), "").to_excel(writer, sheet_name="reasons", merge_cells=False)


# ------------------------------------------------------------------ units through merges
# The library's tables carry their units in ``attrs["units"]`` (column → unit symbol). pandas
# keeps attrs through copies, slices, round and groupby, but pandas 1.5 drops them in merge,
# join and concat (pandas 2 keeps them only in some cases); these keep them.


@checked_keywords
def units(table: Any) -> dict[str, str]:
    """The units of a table's columns (``attrs["units"]``, column → unit symbol), for those of its
    columns that have one; {} when it carries none."""
    carried = getattr(table, "attrs", {}).get("units") or {}
    columns = set(map(str, getattr(table, "columns", [getattr(table, "name", None)])))
    return {str(c): u for c, u in carried.items() if str(c) in columns and u}


def with_units(table: Any, units: Mapping[str, str] | None = None, **more: str) -> Any:
    """A shallow copy of ``table`` whose ``attrs["units"]`` also holds ``units`` (and ``more``,
    as column=unit keywords); units of columns it does not have are left out, an empty unit
    removes a column's."""
    out = table.copy(deep=False)
    out.attrs = dict(table.attrs)
    columns = set(map(str, out.columns))
    merged = {**dict(out.attrs.get("units") or {}), **dict(units or {}), **more}
    out.attrs["units"] = {c: u for c, u in merged.items() if c in columns and u}
    return out


def _carried(tables: Any, result: Any, suffixes: Any = ()) -> Any:
    """``result`` with the units (and entity names) of ``tables``, the first table's winning; a
    column renamed with one of ``suffixes`` (a merge's x_x, x_y) keeps the unit of x."""
    found: dict[str, str] = {}
    names: dict[str, str] = {}
    for table in reversed(list(tables)):
        found.update(getattr(table, "attrs", {}).get("units") or {})
        names.update(getattr(table, "attrs", {}).get("names") or {})
    for column in map(str, result.columns):
        for suffix in (s for s in suffixes if s and column.endswith(s)):
            found.setdefault(column, found.get(column[: -len(suffix)], ""))
    out = with_units(result, found)
    if names:
        out.attrs["names"] = names
    return out


def _refuse_unknown_pandas_keywords(function: Any, options: Mapping[str, Any], owner: str) -> None:
    """The options of a pandas function it does not take, refused with "did you mean" (pandas
    would raise a bare TypeError)."""
    import inspect

    names = [p.name for p in inspect.signature(function).parameters.values() if p.kind is not p.VAR_KEYWORD]
    refuse_unknown_keywords(names, owner)(options)


def merge(left: Any, right: Any, **options: Any) -> Any:
    """``pandas.merge(left, right, **options)`` that keeps both tables' units (and entity names)
    in ``attrs``, so the merged table still shows them in a notebook and writes them out."""
    import pandas as pd

    _refuse_unknown_pandas_keywords(pd.merge, options, "merge")
    return _carried([left, right], pd.merge(left, right, **options), options.get("suffixes", ("_x", "_y")))


def concat(tables: Any, **options: Any) -> Any:
    """``pandas.concat(tables, **options)`` that keeps the tables' units (and entity names)."""
    import pandas as pd

    tables = list(tables)
    _refuse_unknown_pandas_keywords(pd.concat, options, "concat")
    return _carried(tables, pd.concat(tables, **options))
