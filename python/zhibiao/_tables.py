"""Tables as analysts keep them: values rounded to the catalogue's decimals, entity names beside
the codes, ranks as integers, CSV that Excel opens (a BOM), and Excel workbooks with the units and
the reasons on sheets of their own."""

from __future__ import annotations

import contextlib
import importlib.util
import os
from typing import IO, Any, Mapping

from ._suggest import ArgumentTypeError, checked_keywords, closest_name, refuse_unknown_keywords
from . import _core
from ._lang import check_lang, unit_text

ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
_GBK_NAMES = ("gbk", "gb2312", "cp936", "936", "ms936", "euccn")
# What openpyxl writes (pandas refuses any other name with a message about its engine object).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")


def _suffix(path: Any) -> str | None:
    """The lower-case file suffix of a path given by name, None for an open file."""
    if hasattr(path, "write") or not isinstance(path, (str, os.PathLike)):
        return None
    return os.path.splitext(os.fspath(path))[1].lower()


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


def decimals_of(values: Any) -> dict[str, int]:
    """Column → the decimals it is printed with: those ``compute`` wrote in ``attrs["decimals"]``
    (a custom Indicator's own), else the built-in catalogue's. None in ``attrs["decimals"]`` is a
    column printed as it is: a composite's normalised score under an indicator's id is no
    percentage to print with the indicator's decimals."""
    merged = {**catalogue_decimals(), **dict(getattr(values, "attrs", {}).get("decimals") or {})}
    return {column: d for column, d in merged.items() if d is not None}


def rounded(values: Any, decimals: Mapping[str, int] | None = None) -> Any:
    """A copy with each indicator column rounded to its decimals (:func:`decimals_of` by default),
    halves away from zero (:func:`round_half_away`); columns without decimals are left as they
    are. attrs are kept."""
    import pandas as pd

    known = decimals_of(values) if decimals is None else dict(decimals)
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
    import numpy as np
    import pandas as pd

    names = names if names is not None else table.attrs.get("names")
    if not names or "name" in table.columns:
        return table
    codes = table.index.get_level_values(0) if table.index.nlevels > 1 else table.index
    out = table.copy()
    # a name per distinct code, then spread (11,000 look-ups for 231,000 rows); a missing code,
    # position -1, takes the last "", as it took "" before
    position, distinct = pd.factorize(codes)
    looked_up = np.array([names.get(c, "") for c in distinct] + [""], dtype=object)
    out.insert(0, "name", looked_up[position])
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


def _panel_as_table(values: Any, reasons: Any, unit_header: bool | None) -> tuple[Any, Any, bool]:
    """write_csv's values, reasons and unit_header: a Panel's table of variables, with the reasons
    of its cells and its units in the header by default; any other values as given."""
    from ._panel import Panel

    if not isinstance(values, Panel):
        return values, reasons, bool(unit_header)
    if reasons is not None:
        raise ArgumentTypeError(
            "write_csv: reasons= goes with a table of compute(..., reasons=True); a Panel writes the "
            "reasons of its own cells (a <variable>_reason column after each variable with any)"
        )
    import pandas as pd

    from ._reason_columns import rollup_reasons

    table = values.to_pandas()
    table.attrs.pop("reasons", None)  # written as <variable>_reason columns
    why = rollup_reasons(values)
    reasons = pd.DataFrame(why, index=table.index, columns=list(why)) if why else None
    return table, reasons, True if unit_header is None else bool(unit_header)


def _written_texts(values: Any) -> dict[str, list[str]]:
    """For a Panel, the cells of each column read from text as write_csv writes them: as they were
    written (1.7 as 1.7, "2.00" as 2.00: column::written_decimals), not with the catalogue's
    decimals, the C++ writer's texts; {} for any other values."""
    from ._panel import Panel

    if not isinstance(values, Panel):
        return {}
    core = values._core
    return {v: texts for v in core.variables if (texts := core.written_texts(v)) is not None}


def _with_reasons(values: Any, reasons: Any) -> Any:
    """``values`` with ``<column>_reason`` after each column ``reasons`` has (the names of the
    reasons, blank where the value is present), as ``zhibiao compute`` and ``rollup`` write them."""
    from ._reason_columns import with_reason_columns

    if not hasattr(reasons, "columns"):
        raise ArgumentTypeError(
            f"write_csv: reasons must be the reasons table of compute(..., reasons=True), not {type(reasons).__name__}"
        )
    unknown = [str(c) for c in reasons.columns if c not in values.columns]
    if unknown:
        raise _core.ArgumentError(f"write_csv: reasons of columns the values do not have: {', '.join(unknown)}")
    if not reasons.index.equals(values.index):
        raise _core.ArgumentError("write_csv: reasons must have the rows of values, in the same order (same index)")
    blanked = {}
    for column in reasons.columns:
        why = reasons[column].astype(object)
        blanked[column] = why.where(why.notna(), "").to_numpy()
    table = with_reason_columns(values, blanked)
    table.attrs = dict(values.attrs)
    return table


def _as_printed(table: Any, decimals: Mapping[str, int]) -> Any:
    """``table`` (already rounded) with each column that has decimals as the texts a statistical
    table prints, every declared decimal written (2.40, not 2.4; 0 as 0.00, never -0.00); a
    missing value is an empty cell."""
    import numpy as np

    out = table.copy()
    for column in table.columns:
        if column in decimals and table[column].dtype.kind == "f":
            x = table[column].to_numpy(dtype=float, na_value=np.nan)
            d = int(decimals[column])
            if d < 0:
                raise _core.ArgumentError(f"column '{column}': {d} decimals; a column is written with 0 or more")
            out[column] = _core.fixed_texts(x, d)  # f"{v:.{d}f}", in C++; -0.0 as 0
    out.attrs = dict(table.attrs)
    return out


def _without_negative_zero(table: Any) -> Any:
    """Float columns with -0.0 as 0.0 (a -0 in a source is the 0 it means; "-0.0" is no figure)."""
    out = table.copy()
    for column in table.columns:
        if table[column].dtype.kind == "f":
            out[column] = table[column] + 0.0
    out.attrs = dict(table.attrs)
    return out


#: Dimensions of a unit whose figures are counted (件, 项, 家, 人, 万人): a whole one is no decimal.
_COUNTED = ("count", "person")


def _is_count_unit(symbol: str) -> bool:
    try:
        return _core.Unit(symbol).dimension in _COUNTED
    except _core.UnitError:  # a unit text the library does not know: written as pandas writes it
        return False


def _counts_as_integers(table: Any) -> Any:
    """``table`` with each float column in a counted unit (件, 人, 万人) as texts, a whole value
    without ".0" (139, not 139.0) and any other with every digit, as pandas writes it; a missing
    value is an empty cell. Columns already texts (the printed decimals) are left alone."""
    import numpy as np

    counted = [c for c, u in units(table).items() if table[c].dtype.kind == "f" and _is_count_unit(u)]
    if not counted:
        return table
    out = table.copy()
    for column in counted:
        x = table[column].to_numpy(dtype=float, na_value=np.nan)
        texts = _core.fixed_texts(x, 0)  # exact for a whole double
        # from 1e16 on, as repr writes it (1e+300, not 301 digits the double does not hold)
        for k in np.flatnonzero(np.isfinite(x) & ((x != np.floor(x)) | (np.abs(x) >= 1e16))):
            texts[k] = repr(float(x[k]))
        out[column] = texts
    out.attrs = dict(table.attrs)
    return out


@checked_keywords
def write_csv(
    values: Any,
    path_or_buf: str | os.PathLike[str] | IO[str],
    *,
    reasons: Any = None,
    full_precision: bool = False,
    encoding: str = "utf-8",
    names: bool = True,
    unit_header: bool | None = None,
) -> None:
    """Writes an indicator table as CSV: values with their decimals (a custom Indicator's, or the
    catalogue's), every decimal written as a published table prints them (2.40, not 2.4), or
    every digit with ``full_precision=True``; the entity names beside the codes, and
    ``encoding="utf-8-sig"`` for a file Excel opens with its Chinese intact (a BOM first).
    ``reasons`` (the reasons table of ``compute(..., reasons=True)``) writes ``<column>_reason``
    after each column, as ``zhibiao compute`` does, which read_csv reads back as the reasons of
    the missing cells. ``unit_header=True`` writes each column's unit in its header
    (``rd_intensity[%]``), as read_csv reads units back (the default for a Panel only). A ±inf is written as an empty cell with
    ``invalid_input`` in a ``<column>_reason`` column after its column (never as ``inf``).

    ``values`` may also be a :class:`Panel`: its variables are written as the C++
    ``write_csv(panel)`` and ``zhibiao rollup`` write them, each unit in its header (unless
    ``unit_header=False``) and a ``<variable>_reason`` column after each variable with a reason (a
    missing cell's, a partial roll-up sum's), so :func:`read_csv` reads the panel back whole. A
    variable read from text (read_csv, read_report) is written as it was written, each cell with its
    written decimals (1.7 as 1.7, "2.00" as 2.00), not the catalogue's: read back, it is checked at
    the same precision (docs/loading.md)."""
    written = _written_texts(values)
    values, reasons, unit_header = _panel_as_table(values, reasons, unit_header)
    if encoding not in ENCODINGS:  # a typo would otherwise write a file Excel garbles
        close = closest_name(str(encoding), ENCODINGS) if isinstance(encoding, str) else None
        hint = f" (did you mean {close!r}?)" if close else ""
        if isinstance(encoding, str) and encoding.lower().replace("-", "").replace("_", "") in _GBK_NAMES:
            # read_csv reads these names as GB18030, which holds GBK: writing needs the one name
            hint = " (did you mean 'gb18030'? It holds GBK, GB2312 and CP936, and writes them byte for byte)"
        raise _core.ArgumentError(f"encoding must be one of {', '.join(ENCODINGS)}, not {encoding!r}{hint}")
    if _suffix(path_or_buf) in WORKBOOK_SUFFIXES + (".xls",):  # CSV text Excel would refuse to open
        raise _core.ArgumentError(
            f"write_csv writes CSV text, and {str(path_or_buf)!r} names an Excel workbook: "
            "write a workbook with zb.to_excel(values, path), or give write_csv a name ending .csv"
        )
    decimals = {column: d for column, d in decimals_of(values).items() if column not in written}
    table = values if full_precision else rounded(values, decimals)
    table = with_infinity_reasons(table if reasons is None else _with_reasons(table, reasons))
    table = _without_negative_zero(table)  # a column without decimals too: "-0.0" is no figure
    if not full_precision:
        table = _as_printed(table, decimals)
    for column, texts in written.items():
        table[column] = texts
    table = _counts_as_integers(table)
    if names:
        table = with_names(table)
    if unit_header:
        table = table.rename(columns={c: f"{c}[{u}]" for c, u in units(table).items()})
    if hasattr(path_or_buf, "write"):
        if encoding == "utf-8-sig":
            path_or_buf.write("\ufeff")
        if not _write_csv_text(table, path_or_buf):
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
    if _suffix(path) not in (None, *WORKBOOK_SUFFIXES):
        raise _core.ArgumentError(
            f"to_excel writes an Excel workbook, whose name ends {', '.join(WORKBOOK_SUFFIXES)}, not "
            f"{os.fspath(path)!r}" + (": write CSV with zb.write_csv(values, path)" if _suffix(path) == ".csv" else "")
        )
    if importlib.util.find_spec("openpyxl") is None:
        raise ImportError("Excel output needs openpyxl (Debian: apt-get install python3-openpyxl)")
    if reasons is None and infinite_cells(values):
        reasons = pd.DataFrame("", index=values.index, columns=values.columns)
    values, reasons = without_infinities(values, reasons)
    decimals = decimals_of(values)
    table = with_names(values if full_precision else rounded(values, decimals))
    upper = _suffix(path) is not None and not os.fspath(path).endswith(str(_suffix(path)))
    # pandas checks a name's ending case by case (x.XLSX is "an invalid extension"): an open file it does not check
    with contextlib.ExitStack() as stack:
        target = stack.enter_context(open(path, "wb")) if upper else path
        with pd.ExcelWriter(target, engine="openpyxl") as writer:
            table.to_excel(writer, sheet_name="values", merge_cells=False)  # the code on every row
            if not full_precision:
                _number_formats(writer.sheets["values"], table, decimals)
            units_table(values, lang).to_excel(writer, sheet_name="units", index=False)
            if reasons is not None:
                why = reasons.astype(object).where(reasons.notna(), "")
                why.to_excel(writer, sheet_name="reasons", merge_cells=False)


def _number_formats(sheet: Any, table: Any, decimals: Mapping[str, int]) -> None:
    """Each column with decimals shown with all of them (2.40 as 2.40, not 2.4): the cells hold the
    rounded numbers, and Excel's General format drops trailing zeros as write_csv no longer does."""
    first = table.index.nlevels + 1  # the index columns come first
    for k, column in enumerate(table.columns):
        if column not in decimals or table[column].dtype.kind != "f":
            continue
        d = int(decimals[column])
        shown = "0." + "0" * d if d > 0 else "0"
        for (cell,) in sheet.iter_rows(min_row=2, min_col=first + k, max_col=first + k, max_row=len(table) + 1):
            cell.number_format = shown


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


def _same_unit(a: str, b: str) -> bool:
    """Whether two unit texts name one unit (亿元 and its spellings); texts zhibiao does not know
    as units are compared as written."""
    if a == b:
        return True
    try:
        return bool(_core.Unit(a) == _core.Unit(b))
    except _core.UnitError:
        return False


def _in_unit(table: Any, column: Any, unit: str, wanted: str, where: str) -> Any:
    """``table`` with ``column`` converted from ``unit`` into ``wanted``, exactly as read_csv
    converts a cell (one multiplication or division by a power of ten): 409亿元 from 4090000万元.
    Two units of different quantities (万元, 人) are refused naming the column and both units."""
    import numpy as np

    if not _core.Unit(unit).convertible_to(_core.Unit(wanted)):
        raise _core.IncompatibleUnitsError(
            f"{where}: column {str(column)!r} is in {unit} in one table and in {wanted} in another, which cannot "
            f"convert to each other; rename one of them"
        )
    series = table[column]
    converted = _core.Unit(unit).convert(series.to_numpy(dtype=float, na_value=np.nan), _core.Unit(wanted))
    out = table.copy()
    out[column] = type(series)(converted, index=series.index).astype(
        series.dtype if series.dtype.kind == "f" else float
    )
    return out


def _unit_of(table: Any, column: Any) -> str:
    return str((getattr(table, "attrs", {}).get("units") or {}).get(str(column)) or "")


def _refuse_unitless(column: Any, unit: str, k: int, where: str) -> None:
    raise _core.UnitError(
        f"{where}: column {str(column)!r} is in {unit} in one table but table {k + 1} gives it no unit; labelling "
        f"its numbers {unit} would be a guess: say its unit first with zb.with_units(table, {{{str(column)!r}: "
        f"'...'}})"
    )


def _in_first_units(tables: list, where: str) -> list:
    """The tables with each column in the unit the first table that has the column gives it
    (converted exactly, never relabelled); a column with a unit in one table and none in another
    is refused."""
    first: dict[str, tuple[str, int]] = {}  # column → (unit, table that set it)
    for k, table in enumerate(tables):
        for column in getattr(table, "columns", []):
            unit = _unit_of(table, column)
            if unit and str(column) not in first:
                first[str(column)] = (unit, k)
    out = []
    for k, table in enumerate(tables):
        for column in getattr(table, "columns", []):
            if str(column) not in first:
                continue
            wanted, _ = first[str(column)]
            unit = _unit_of(table, column)
            if not unit:
                _refuse_unitless(column, wanted, k, where)
            if not _same_unit(unit, wanted):
                table = _in_unit(table, column, unit, wanted, where)
                table.attrs["units"] = {**dict(table.attrs.get("units") or {}), str(column): wanted}
        out.append(table)
    return out


def _attr_of(tables: Any, key: str) -> dict[str, Any]:
    """``attrs[key]`` of the tables merged, the first table's winning."""
    found: dict[str, Any] = {}
    for table in reversed(list(tables)):
        found.update(getattr(table, "attrs", {}).get(key) or {})
    return found


def _carried(tables: Any, result: Any, found: Mapping[str, str]) -> Any:
    """``result`` with the units ``found`` (column → unit) and the entity names, decimals and
    reasons (``Panel.to_pandas()``'s ``attrs["reasons"]``) of ``tables``."""
    out = with_units(result, found)
    columns = set(map(str, out.columns))
    names = _attr_of(tables, "names")
    if names:
        out.attrs["names"] = names
    decimals = {c: d for c, d in _attr_of(tables, "decimals").items() if c in columns}
    if decimals:
        out.attrs["decimals"] = decimals
    # Panel.to_pandas()'s cells with a reason (variable → reason → kind → 'entity<TAB>period' lines)
    reasons: dict[str, dict[str, dict[str, str]]] = {}
    for table in tables:
        for variable, by_reason in (getattr(table, "attrs", {}).get("reasons") or {}).items():
            if variable not in columns or not isinstance(by_reason, Mapping):
                continue  # not what to_pandas() writes: from_pandas would say so of the table itself
            for reason, kinds in by_reason.items():
                into = reasons.setdefault(variable, {}).setdefault(reason, {})
                for kind, cells in kinds.items() if isinstance(kinds, Mapping) else []:
                    into[kind] = f"{into[kind]}\n{cells}" if kind in into else cells
    if reasons:
        out.attrs["reasons"] = reasons
    return out


def _refuse_unknown_pandas_keywords(function: Any, options: Mapping[str, Any], owner: str) -> None:
    """The options of a pandas function it does not take, refused with "did you mean" (pandas
    would raise a bare TypeError)."""
    import inspect

    names = [p.name for p in inspect.signature(function).parameters.values() if p.kind is not p.VAR_KEYWORD]
    refuse_unknown_keywords(names, owner)(options)


def _listed(keys: Any) -> list[str]:
    if keys is None:
        return []
    return [str(k) for k in ([keys] if isinstance(keys, (str, bytes)) or not hasattr(keys, "__iter__") else keys)]


def _merge_keys(left: Any, right: Any, options: Mapping[str, Any]) -> set[str]:
    """The columns pandas.merge matches rows on under one name (no suffix)."""
    if options.get("on") is not None:
        return set(_listed(options["on"]))
    given = ("left_on", "right_on", "left_index", "right_index")
    if not any(options.get(o) is not None and options.get(o) is not False for o in given):
        return set(map(str, left.columns)) & set(map(str, right.columns))
    pairs = zip(_listed(options.get("left_on")), _listed(options.get("right_on")))
    return {a for a, b in pairs if a == b}


def _merged_units(left: Any, right: Any, options: Mapping[str, Any]) -> dict[str, str]:
    """Column of the merged table → its unit: each table's own for its columns, ``x_x`` left's and
    ``x_y`` right's for a column both have; a key column in two different units is refused (its
    numbers were matched as they are)."""
    keys = _merge_keys(left, right, options)
    suffixes = options.get("suffixes", ("_x", "_y"))
    found: dict[str, str] = {}
    shared = set(map(str, left.columns)) & set(map(str, right.columns))
    for table, suffix in ((right, suffixes[1]), (left, suffixes[0])):  # left's written last: left's wins a name
        for column in map(str, table.columns):
            unit = _unit_of(table, column)
            name = f"{column}{suffix or ''}" if column in shared and column not in keys else column
            if unit:
                found[name] = unit
    for column in sorted(keys & shared):
        a, b = _unit_of(left, column), _unit_of(right, column)
        if a and b and not _same_unit(a, b):
            raise _core.IncompatibleUnitsError(
                f"merge: key column {column!r} is in {a} in the left table and in {b} in the right one: rows would "
                f"be matched on numbers in different units; convert one first"
            )
    return found


def merge(left: Any, right: Any, **options: Any) -> Any:
    """``pandas.merge(left, right, **options)`` that keeps both tables' units (and entity names)
    in ``attrs``, so the merged table still shows them in a notebook and writes them out: a column
    both tables have becomes ``x_x`` in the left's unit and ``x_y`` in the right's."""
    import pandas as pd

    _refuse_unknown_pandas_keywords(pd.merge, options, "merge")
    found = _merged_units(left, right, options)
    return _carried([left, right], pd.merge(left, right, **options), found)


def concat(tables: Any, **options: Any) -> Any:
    """``pandas.concat(tables, **options)`` that keeps the tables' units (and entity names). Rows
    stacked under one column are put in one unit, the first table's, converted exactly as read_csv
    converts (a table in 万元 under one in 亿元: ÷10⁴); a column in units of different quantities,
    or with a unit in one table and none in another, is refused."""
    import pandas as pd

    tables = list(tables)
    _refuse_unknown_pandas_keywords(pd.concat, options, "concat")
    if options.get("axis", 0) in (0, "index", "rows"):
        tables = _in_first_units(tables, "concat")
        found = _attr_of(tables, "units")
    else:
        found = _side_by_side_units(tables)
    return _carried(tables, pd.concat(tables, **options), found)


def _side_by_side_units(tables: list) -> dict[str, str]:
    """Units of tables set side by side (axis=1): a name two tables give in different units would
    carry two units under one name, refused."""
    found: dict[str, str] = {}
    for table in tables:
        for column in getattr(table, "columns", []):
            unit = _unit_of(table, column)
            if unit and str(column) in found and not _same_unit(found[str(column)], unit):
                raise _core.IncompatibleUnitsError(
                    f"concat: two columns named {str(column)!r}, in {found[str(column)]} and in {unit}: one name "
                    f"cannot carry two units; rename one first"
                )
            if unit:
                found.setdefault(str(column), unit)
    return found


def _write_csv_text(table: Any, out: Any) -> bool:
    """``table.to_csv(out)``'s text, byte for byte, written by the csv module from each column's
    cells as pandas makes them (a float as numpy's ``str``, a missing value empty, a category its
    text), without pandas' per-chunk conversions, which cost the CLI more than all its computing.
    False, with nothing written, for a table of cells it does not know (pandas writes those)."""
    import csv

    header = [*table.index.names, *table.columns]
    if not all(isinstance(h, str) for h in header):
        return False
    index = table.index
    columns = [_csv_cells(index.get_level_values(k)) for k in range(index.nlevels)]
    columns += [_csv_cells(table.iloc[:, k]) for k in range(table.shape[1])]
    if any(c is None for c in columns):
        return False
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(zip(*columns))
    return True


def _csv_cells(values: Any) -> Any:
    """The cells of one column (or index level) as pandas' to_csv writes them
    (internals.blocks.to_native_types with na_rep=''), or None when they are not floats, integers,
    texts or categories of texts."""
    import numpy as np
    import pandas as pd
    from pandas._libs import lib

    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        categories = np.asarray(dtype.categories, dtype=object)
        if not lib.is_string_array(categories, skipna=False):
            return None
        return np.append(categories, "")[np.asarray(values.cat.codes if hasattr(values, "cat") else values.codes)]
    if not isinstance(dtype, np.dtype):  # Int64, strings of pandas' own: as pandas writes them
        return None
    if dtype.kind == "f":
        x = np.asarray(values)
        texts = x.astype(str).astype(object)
        texts[np.isnan(x)] = ""
        return texts
    if dtype.kind in "iu":
        return np.asarray(values).astype(str).astype(object)
    if dtype.kind == "O":
        cells = np.asarray(values, dtype=object)
        if lib.is_string_array(cells, skipna=False):
            return cells
        missing = pd.isna(cells)
        if cells[~missing].size and not lib.is_string_array(cells[~missing], skipna=False):
            return None
        cells = cells.copy()
        cells[missing] = ""
        return cells
    return None
