"""Panel: the (entity, period) × variable table, with pandas in and out."""

from __future__ import annotations

import contextlib
import decimal
import functools
import numbers
import os
import re
from typing import Any, Iterable, Iterator, Mapping, Sequence

import numpy as np

from . import _reason_columns
from ._lang import counted
from ._percent_cells import caller_stacklevel, warn_fractions_in_file, warn_possible_fractions
from ._suggest import (
    ArgumentTypeError,
    absent_names,
    checked_keywords,
    closest_name,
    edit_distance,
    refuse_direct_construction,
    shown,
)
from . import _core
from ._catalogue import Catalogue
from ._indicator import Indicator

_REASON_CATEGORIES = list(_core.reason_names[1:])


def _parse_error(message: str, **where: Any) -> Exception:
    """A ParseError raised from Python, with the location attributes the C++ ones carry."""
    error = _core.ParseError(message)
    error.message = message  # type: ignore[attr-defined]  # as the C++ errors carry it
    for key in ("file", "line", "column", "entity", "period", "variable"):
        setattr(error, key, where.get(key))
    return error


def _refuse_fullwidth_codes(codes: Sequence[str], first_rows: Sequence[Any], column: Any, role: str) -> None:
    """A code written with full-width digits (３２０１０２) is another entity than 320102, which rolls
    up nowhere and matches no other table: refused naming its row, as read_csv names its line."""
    import re
    import unicodedata

    for code, row in zip(codes, first_rows):
        wide = re.search("[\uff01-\uff5e]", code)
        if not wide:
            continue
        ascii_code = re.sub("[\uff01-\uff5e]", lambda m: unicodedata.normalize("NFKC", m.group()), code)
        # Only a code all ASCII once its full-width forms are: a firm's name standing as its code
        # (甲公司（南京）, 第３分公司) is text, not a misspelt code.
        if ascii_code.isascii() and ascii_code.isprintable() and " " not in ascii_code:
            raise _parse_error(
                f"{role} {code!r} in column {column!r}, row {row!r}, is written with full-width characters "
                f"({wide.group()!r}): it is not the code {ascii_code!r} and would match and roll up with nothing; "
                "write it in ASCII",
                variable=str(column),
            )


def _factorize_labels(series: Any, role: str = "code") -> tuple[np.ndarray, list[str]]:
    """Row codes and distinct labels as text, converting only the distinct values: a float
    2018.0 (an int column that met a NaN, or a float cell among texts in an object column) reads
    as "2018". A float that is not an exact integer code (1e20 is beyond 2**53: the digits were
    lost; 320602.5 has a fraction) is refused, naming its row, rather than mangled."""
    import pandas as pd

    codes, uniques = pd.factorize(series.to_numpy(), sort=False)  # an ndarray: no Index inference
    values = np.asarray(uniques)

    def refuse(k: int, why: str) -> None:
        row = series.index[int(np.flatnonzero(codes == k)[0])]
        raise _parse_error(
            f"{role} {values[k]!r} is a float {why} (row {row!r}): read the column as text (dtype=str)",
            variable=str(series.name),
        )

    if values.dtype.kind == "f":
        whole = values == np.round(values)
        if not whole.all():
            refuse(int(np.flatnonzero(~whole)[0]), "with a fraction, not a code")
        too_large = ~(np.abs(values) < 2.0**53)
        if too_large.any():
            refuse(int(np.flatnonzero(too_large)[0]), "beyond 2**53, not an exact code (its last digits are lost)")
        labels = [str(v) for v in values.astype(np.int64).tolist()]
    else:
        texts = []
        for k, v in enumerate(values.tolist()):
            if isinstance(v, (float, np.floating)):  # a float cell among texts: as a float column reads it
                number = float(v)
                if not number.is_integer():
                    refuse(k, "with a fraction, not a code")
                if not abs(number) < 2.0**53:
                    refuse(k, "beyond 2**53, not an exact code (its last digits are lost)")
                texts.append(str(int(number)))
            else:
                texts.append(str(v))
        labels = _core.trim_keys(texts)  # as read_csv: "A01 " is "A01"
    if "" in labels:
        raise _parse_error(f"empty {role} (only white space) in the DataFrame", variable=str(series.name))
    if len(set(labels)) != len(labels):  # e.g. 1 and "1", or "A01" and "A01 ", in one object column: merge them
        per_row = np.asarray(labels, dtype=object)[codes]
        per_row[codes < 0] = None  # keep missing values missing
        codes, merged = pd.factorize(per_row, sort=False)
        labels = [str(v) for v in merged]
    return np.asarray(codes), labels


_PERIOD_FREQS = {"A-DEC": "year", "Y-DEC": "year", "Q-DEC": "quarter", "M": "month"}  # pandas → zhibiao

_FREQ_NAMES = {
    "year": "year",
    "y": "year",
    "a": "year",
    "half": "half",
    "h": "half",
    "quarter": "quarter",
    "q": "quarter",
    "month": "month",
    "m": "month",
}


def _date_period(year: int, month: int, freq: str) -> str:
    if freq == "year":
        return str(year)
    if freq == "half":
        return f"{year}H{1 if month <= 6 else 2}"
    if freq == "quarter":
        return f"{year}Q{(month - 1) // 3 + 1}"
    return f"{year}-{month:02d}"


def _factorize_periods(series: Any, freq: str | None) -> tuple[np.ndarray, list[str]]:
    """Period labels of a period column: texts and ints as they are; pandas periods by their
    frequency; dates by ``freq``, or — without it — only when every date is a year's last or
    first day (then the year), since a date such as 2023-06-30 could end a half-year, a
    quarter or a month."""
    import pandas as pd

    dtype = series.dtype
    if freq is not None:
        wanted = _FREQ_NAMES.get(str(freq).lower())
        if wanted is None:
            close = closest_name(str(freq), _FREQ_NAMES)
            hint = f" (did you mean {_FREQ_NAMES[close]!r}?)" if close else ""
            raise _core.ArgumentError(f"freq must be 'year', 'half', 'quarter' or 'month', not {freq!r}{hint}")
        freq = wanted
    if isinstance(dtype, pd.PeriodDtype):
        name = dtype.freq.name
        own = _PERIOD_FREQS.get(name)
        if own is None:
            raise _parse_error(
                f"period column '{series.name}' has frequency {name}: zhibiao's periods are years, "
                f"halves, quarters (Q-DEC) and months",
                variable=str(series.name),
            )
        if freq is not None and freq != own:  # never silently ignored: the periods already have a length
            raise _core.Error(
                f"freq={freq!r} does not agree with period column '{series.name}', whose pandas "
                f"periods are {own}s ({name}): leave freq out, or give freq={own!r}"
            )
        codes, uniques = pd.factorize(series, sort=False)
        return np.asarray(codes), [str(p) for p in uniques]
    if not pd.api.types.is_datetime64_any_dtype(dtype):
        if freq is not None:
            raise _core.Error(f"freq applies to a period column of dates; '{series.name}' holds {dtype}")
        return _factorize_labels(series, "period")
    codes, uniques = pd.factorize(series, sort=False)
    dates = pd.DatetimeIndex(uniques)
    if freq is None:
        year_end = (dates.month == 12) & (dates.day == 31)
        year_start = (dates.month == 1) & (dates.day == 1)
        if year_end.all() or year_start.all():
            freq = "year"
        else:
            example = dates[~year_end][0].date() if year_end.any() else dates[0].date()
            raise _parse_error(
                f"period column '{series.name}' holds dates, and {example} does not name one period (it may end a "
                f"half-year, a quarter or a month, or fall inside one): give freq='year', 'half', 'quarter' or "
                f"'month' to read each date as the period of that length that contains it",
                variable=str(series.name),
            )
    # Labels first, then codes of the labels: two dates of one quarter are one period, so that two
    # rows of one entity in it are a duplicate row (the core refuses them), not two periods.
    labels = np.asarray([_date_period(int(y), int(m), freq) for y, m in zip(dates.year, dates.month)], dtype=object)
    per_row = np.full(len(codes), None, dtype=object)
    present = codes >= 0
    per_row[present] = labels[codes[present]]
    period_codes, periods = pd.factorize(per_row, sort=False)
    return np.asarray(period_codes), [str(p) for p in periods]


def _check_units_loaded(
    units: Mapping[str, str], seen: Mapping[str, Any], special: Mapping[Any, str], ignored: Mapping[Any, str]
) -> None:
    """A unit given for a column that was not loaded is an error saying why it was not."""
    loaded = set(seen.values()) | set(seen)
    unknown = [u for u in units if u not in loaded]
    if unknown:
        why = [f"{u!r} ({special.get(u) or ignored.get(u) or 'no such column'})" for u in unknown]
        raise _core.MissingVariableError(f"units given for columns not loaded: {', '.join(why)}")


def _refuse_two_units_given(variable: str, given: Mapping[str, str]) -> None:
    """units= naming one column twice (rd_expenditure and its heading 研发经费内部支出) with two
    units: one of them is wrong, and which one won was silent (read_csv refuses it the same way)."""
    if len(set(given.values())) > 1:
        said = ", ".join(f"by {k!r} {u}" for k, u in sorted(given.items()))
        raise _core.ArgumentError(f"units= gives '{variable}' two units: {said}; give it one")


def _refuse_relabelled(column: Any, header_unit: str, carried: str) -> None:
    """A unit in ``attrs`` that is not the one in the column's name: one of them is wrong."""
    from ._tables import _same_unit

    if not _same_unit(header_unit, carried):
        raise _core.UnitError(
            f"column {str(column)!r}: its name says {header_unit} but df.attrs['units'] says {carried}; give the "
            f"right one with units={{{str(column)!r}: ...}}"
        )


def _core_of(catalogue: Any) -> Any:
    """The core of a ``catalogue=`` argument, which must be a Catalogue (an AttributeError on
    ``'str' object has no attribute '_core'`` said nothing of the argument)."""
    if not isinstance(catalogue, Catalogue):
        raise TypeError(
            f"catalogue must be a zb.Catalogue (zb.load_catalogue(path) reads a file), not {type(catalogue).__name__}"
        )
    return catalogue._core


def _id_list(ids: Any) -> list[Any]:
    """compute()'s ``ids`` as a list, each an id or an Indicator: anything else is a TypeError
    saying what was given where (pybind11's "incompatible function arguments" named neither)."""
    try:
        wanted = list(ids)
    except TypeError:
        raise ArgumentTypeError(
            f"Panel.compute: ids must be an indicator id, an Indicator or a list of them, not {type(ids).__name__}"
        ) from None
    for k, item in enumerate(wanted):
        if not isinstance(item, (str, Indicator)):
            raise ArgumentTypeError(
                f"Panel.compute: ids[{k}] is {item!r} ({type(item).__name__}): an indicator id or an Indicator"
            )
    return wanted


def _reasons_by_variable(
    reasons: Mapping[str, Sequence[str]],
    seen: Mapping[str, Any],
    special: Mapping[Any, str],
    ignored: Mapping[Any, str],
) -> dict[str, Sequence[str]]:
    """``from_pandas(reasons=)`` keyed by variable, as a column or its variable names it; reasons
    for a column not loaded are an error saying why (they were ignored, a misspelt 'gpd' too)."""
    column_of = {str(column): variable for variable, column in seen.items()}
    out: dict[str, Sequence[str]] = {}
    for key, given in reasons.items():
        variable = key if key in seen else column_of.get(str(key))
        if variable is None:
            why = special.get(key) or ignored.get(key) or "no such column"
            close = closest_name(str(key), [*seen, *column_of])
            hint = f" (did you mean {close!r}?)" if close and why == "no such column" else ""
            raise _core.MissingVariableError(f"reasons given for a column not loaded: {key!r} ({why}){hint}")
        out[variable] = given
    return out


def _check_one_definition_per_id(wanted: Sequence[Any], core_catalogue: Any) -> None:
    """Two definitions under one id in a compute() list — two Indicators that differ, or an
    Indicator named as a catalogue indicator also asked for by its id — would give one column,
    silently the last definition's: refused, naming the id."""
    defined: dict[str, Any] = {}
    by_id = {i for i in wanted if isinstance(i, str)}
    for item in wanted:
        if not isinstance(item, Indicator):
            continue
        earlier = defined.setdefault(item.id, item)
        if earlier is not item and earlier._definition() != item._definition():
            raise _core.ArgumentError(
                f"compute: two different indicators are named {item.id!r} "
                f"({earlier.formula!r} in {earlier.unit!r}, {item.formula!r} in {item.unit!r}): "
                "their results would share one column; give them different ids"
            )
        if item.id in by_id and item.id in core_catalogue.ids:
            raise _core.ArgumentError(
                f"compute: {item.id!r} is asked for both as the catalogue's indicator and as an Indicator "
                f"of that id ({item.formula!r}): one column cannot hold both; give the Indicator another id"
            )


_UNPARSEABLE = _core.reason_names.index("unparseable")
_INVALID_INPUT = _core.reason_names.index("invalid_input")


def _finite_only(values: np.ndarray) -> tuple[np.ndarray, Any]:
    """A float column and its reasons: ±inf is never a measured value, so it becomes NaN with
    reason ``invalid_input`` — a number that is there but not finite, the reason compute gives
    ±inf (not ``unparseable``: the cell was a number, not a text). Without ±inf the values are
    returned as they are (no copy) and no reasons."""
    infinite = np.isinf(values)
    if not infinite.any():
        return values, None
    values = np.where(infinite, np.nan, values)
    reasons = np.zeros(len(values), dtype=np.uint8)
    reasons[infinite] = _INVALID_INPUT
    return values, reasons


def _cell_problem(text: str, unit: str | None) -> str:
    """What read_csv says of a cell's text that is no number ("a number beyond the range of a
    double…" for 1e400, "an infinity…" for inf), without the text quoted after it."""
    problem = str(_core.parse_text_cells([text], unit)[3]) or "not a number"
    quoted = f": '{text}'"
    return problem[: -len(quoted)] if problem.endswith(quoted) else problem


_INFINITY_PROBLEM = _cell_problem("inf", None)  # read_csv's words for an infinity


def _infinity_issues(df: Any, seen: Mapping[str, Any], core: Any) -> list[dict[str, Any]]:
    """An issue per ±inf cell of the frame's numeric columns (NaN with reason invalid_input), in
    read_csv's words: an infinity is no figure, and the report says where it was."""
    issues = []
    entities, periods = core.row_entity_codes(), core.periods
    for variable, column in seen.items():
        if variable not in core.variables or not (np.array(core.reasons(variable)) == _INVALID_INPUT).any():
            continue
        raw = df[column]
        if not _pd_numeric(raw):
            continue
        x = raw.to_numpy(dtype=np.float64, na_value=np.nan)
        for row in np.flatnonzero(np.isinf(x)):
            issues.append(
                {
                    "row": df.index[row],
                    "column": str(column),
                    "variable": variable,
                    "text": repr(float(x[row])),
                    "problem": _INFINITY_PROBLEM,
                    "entity": str(entities[row]),
                    "period": str(periods[int(core.period_index[row])]),
                }
            )
    return issues


def _pd_numeric(series: Any) -> bool:
    import pandas as pd

    return bool(pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype))


def _source_reasons(variable: str, values: np.ndarray, loaded: Any, given: Sequence[str] | None) -> Any:
    """The reason codes of a column: those of its loading, with the reasons the source gave
    (``from_pandas(reasons=)``) on cells that must be missing."""
    if given is None:
        return loaded
    if len(given) != len(values):
        raise _parse_error(
            f"reasons for '{variable}': {len(given)} given for {counted(len(values), 'row')}", variable=variable
        )
    codes = np.zeros(len(values), dtype=np.uint8) if loaded is None else np.array(loaded, dtype=np.uint8)
    for row, name in enumerate(given):
        if not name:
            continue
        if name not in _REASON_CATEGORIES:
            close = closest_name(str(name), _REASON_CATEGORIES)
            hint = f" (did you mean {close!r}?)" if close else f" (reasons: {', '.join(_REASON_CATEGORIES)})"
            raise _parse_error(f"reasons for '{variable}': no reason {name!r}{hint}", variable=variable)
        if values[row] == values[row]:
            raise _parse_error(
                f"reasons for '{variable}': row {row} has a value and a reason '{name}'", variable=variable
            )
        codes[row] = _REASON_CATEGORIES.index(name) + 1
    return codes


@functools.lru_cache(maxsize=1)
def _catalogue_variables() -> frozenset[str]:
    """The built-in catalogue's variable ids: a column of one of them is meant as numbers."""
    return frozenset(v["id"] for v in _core.Catalogue.builtin().variables())


def _cell_texts(series: Any) -> list[str | None]:
    """An object column's cells as texts for the CSV cell grammar (None where missing)."""
    import pandas as pd

    out: list[str | None] = []
    for cell in series.tolist():
        if cell is None or cell is pd.NA or cell is pd.NaT or (isinstance(cell, float) and cell != cell):
            out.append(None)
        elif isinstance(cell, str):
            out.append(cell)
        elif isinstance(cell, (int, float, np.integer, np.floating)) and not isinstance(cell, (bool, np.bool_)):
            out.append(repr(float(cell)) if isinstance(cell, (float, np.floating)) else str(cell))
        else:
            out.append(str(cell))
    return out


_PERCENT_MARKS = ("%", "％", "‰")


def _on_percent_scale(unit: str) -> bool:
    """Whether ``unit`` is % or ‰: the scale on which a number beside "9.7%" may be Excel's fraction."""
    try:
        u = _core.Unit(unit)
        return bool(u.dimensionless) and str(u) not in ("1", "")
    except _core.Error:
        return False


def _fractions_beside_percentages(series: Any, texts: Sequence[str | None], unit: str | None) -> list[int]:
    """The rows of number cells (0.2) that may be Excel's fraction of a percentage, in a column in %
    or ‰ that also holds texts "9.7%": Excel keeps a cell formatted as a percentage as its fraction
    (20% is 0.2), so 0.2 there is 20% or 0.2% and cannot be told. Numbers above 1 (8.9) are read in
    the column's unit, as are all under the unit 1 (9.7% is 0.097 beside 0.2); a column without a
    unit is parse_text_cells' (read_csv's rule for percentages among plain numbers)."""
    if not unit or not _on_percent_scale(unit):
        return []
    if not any(t and t.rstrip().endswith(_PERCENT_MARKS) for t in texts):
        return []
    return [
        k
        for k, v in enumerate(series.tolist())
        if isinstance(v, (numbers.Real, decimal.Decimal))
        and not isinstance(v, (bool, np.bool_))
        and 0 < abs(float(v)) <= 1  # NaN compares false: a missing cell is none
    ]


def _fractions_problem(cell: Any, texts: Sequence[str | None], unit: str) -> str:
    written = next(t for t in texts if t and t.rstrip().endswith(_PERCENT_MARKS))
    return (
        f"the number {cell} beside texts such as {written!r} in a column in {unit}: Excel keeps a cell formatted as a "
        f"percentage as its fraction (20% is 0.2), so it may be {cell}{unit} or {float(cell) * 100:g}%; write the "
        "column one way (all numbers, with the unit '1' for fractions or '%' for percents)"
    )


def _is_nation(shown: str) -> bool:
    """Whether an entity shown as "code (name)" is the nation (全国, 全国平均, 中国…): in a city's
    panel no sum of its districts (a benchmark row), in a panel of provinces their sum."""
    code, _, name = shown.partition(" (")
    parts = [code, name[:-1] if name.endswith(")") else name]
    return any(_core.is_nation(p) for p in parts if p)


def totals_row_message(what: str, shown: Sequence[str]) -> str:
    """The NestedRegionsWarning of entities that look like totals rows, each shown as "code (name)";
    全国 is said apart, as the nation: its figures are the others' sum only in a panel of provinces."""
    totals = [t for t in shown if not _is_nation(t)]
    said = []
    if totals:
        n = len(totals)
        said.append(
            f"{what}: entit{'y' if n == 1 else 'ies'} {', '.join(totals[:5])}"
            f"{f' and {n - 5} more' if n > 5 else ''} look{'s' if n == 1 else ''} like "
            "a totals row (合计/总计/小计/全市…), not a region: its figures are the others' sum, so a ranking or a "
            "sum over the entities counts them twice; leave the row out of the file (validate: totals_row)"
        )
    for nation in [t for t in shown if _is_nation(t)][:1]:
        said.append(
            f"{what}: entity {nation} is the nation, a row to compare with, not a region of the panel: no sum of the "
            "others unless they are the provinces, but a ranking or a sum over the entities takes it as one of them; "
            "compare with it outside the panel (validate: totals_row)"
        )
    return "\n".join(said)


def _reason_dtype() -> Any:
    import pandas as pd

    return pd.CategoricalDtype(_REASON_CATEGORIES)


def _refuse_joined_ids(wanted: Sequence[Any], core_catalogue: Any) -> None:
    """An id that is several ids in one string ("rd_intensity,invention_patents_per_10k", as the
    command line's --ids takes them): refused saying so, not "unknown indicator" with the closest of
    the second id as if it were a misspelling of the whole."""
    known = set(core_catalogue.ids)
    for given in (i for i in wanted if isinstance(i, str) and i not in known):
        parts = [p for p in re.split(r"[,，;；\s]+", given) if p]
        if len(parts) > 1 and all(p in known for p in parts):
            raise _core.UnknownIndicatorError(
                f"unknown indicator {given!r}: it is {len(parts)} ids in one string; give them as a list, {parts!r}"
            )


def _left_out(results: list) -> dict[str, str]:
    """Indicator id → the variable it needs that the panel lacks, for every indicator of
    ``results`` (lenient) that the panel cannot give for that reason (NaN in every row, or a
    panel of no rows): the core names the variable (the sixth field of its result)."""
    code = _core.reason_names.index("missing_variable")
    left = {}
    for r in results:
        if r[5] is not None and (np.asarray(r[3]).view(np.int8) == code).all():
            left[r[0]] = r[5]
    return left


def _indicators_left_out(left: Mapping[str, str], asked: int, what: str) -> str:
    listed = ", ".join(f"{i} ({v})" for i, v in left.items())
    return f"{len(left)} of the {asked} indicators {what}, the panel lacks a variable each needs: {listed}"


def _misspelt_heading_hint(wanted: str, columns: Sequence[str], core_catalogue: Any) -> str:
    """The panel's column whose heading is a character or two off one of variable ``wanted``'s
    headings (地区生产总直 for 地区生产总值), as a line to add to its error; "" when none is:
    read_csv renames the headings it knows to ids, so the core's "did you mean", over ids
    (gpd → gdp), never sees such a one (trial23a F11)."""
    variables = [v for v in core_catalogue.variables() if v["id"] == wanted]
    headings = [h for v in variables for h in (v["name_zh"], *v["other_names"]) if h]
    for column in columns:
        slips, near = min(((edit_distance(column, h), h) for h in headings), default=(0, ""))
        if 0 < slips <= (1 if len(near) <= 8 else 2):
            return (
                f"\nthe panel's column '{column}' differs by {slips} character{'s' if slips > 1 else ''} from "
                f"'{near}', a heading of {wanted}: correct the heading"
            )
    return _heading_alike_hint(wanted, [c for c in columns if c not in _catalogue_variables()], headings)


def _heading_key(text: str) -> str:
    """A heading's characters in order, without its unit, brackets and blanks, read by read_csv's
    meaning_key (研发 and 研究与试验发展 as R&D, full-width Ｒ＆Ｄ as ASCII), R&D one character."""
    name, _, written = _core.parse_column_header(str(text))
    text = _core.meaning_key(written or name)
    return "".join(c for c in text.replace("R&D", "\0") if not c.isspace() and c not in "()（）[]［］")


def _heading_alike_hint(wanted: str, columns: Sequence[str], headings: Sequence[str]) -> str:
    """The panel's column written with exactly the characters of one of ``wanted``'s headings in
    another order (R&D内部经费支出 for R&D经费内部支出: the same words swapped), as a line of its
    error. A heading of other or further characters (研发经费外部支出, …增速, …占比) is another
    variable, never hinted."""
    for c in columns:
        a = _heading_key(c)
        for h in headings:
            b = _heading_key(h)
            if a != b and sorted(a) == sorted(b):
                return f"\nthe panel's column '{c}' may be {wanted} ('{h}'): if it is, head it '{h}' or '{wanted}'"
    return ""


def _indicator_as_column_hint(ids: Sequence[Any], columns: Sequence[str], core_catalogue: Any) -> str:
    """The panel's column headed with the name of an indicator asked for (R&D经费投入强度[%], as a
    bureau's table publishes the ratio beside, or instead of, its inputs), as a line of the error
    that compute() lacks the inputs: the figure is in the panel, as a variable, not computed."""
    keys = {_heading_key(c): c for c in columns}
    known = set(core_catalogue.ids)
    for wanted in (i for i in ids if isinstance(i, str) and i in known):
        spec = core_catalogue.indicator(wanted)
        for name in (spec["name_zh"], spec["name_en"], wanted):
            column = keys.get(_heading_key(name)) if name else None
            if column is not None:
                return (
                    f"\nthe panel's column '{column}' is the indicator {wanted} itself, as published: "
                    f"read it with panel.values('{column}'); compute() derives it from its inputs ({spec['formula']})"
                )
    return ""


def _say_indicator_as_column(error: Any, ids: Sequence[Any], columns: Sequence[str], core_catalogue: Any) -> None:
    """Adds :func:`_indicator_as_column_hint` to a missing variable's error."""
    _add_to_error(error, _indicator_as_column_hint(ids, columns, core_catalogue))


def _say_misspelt_heading(error: Any, columns: Sequence[str], core_catalogue: Any, wanted: str | None = None) -> None:
    """Adds to a missing variable's error the :func:`_misspelt_heading_hint` of ``wanted`` (by
    default the error's own variable)."""
    _add_to_error(error, _misspelt_heading_hint(str(wanted or getattr(error, "variable", "")), columns, core_catalogue))


def _add_to_error(error: Any, said: str) -> None:
    """``said`` after the error's text and its ``message`` (as the C++ errors carry it)."""
    if said:
        message = getattr(error, "message", None)
        error.args = (str(error) + said, *error.args[1:])
        if message is not None:
            error.message = message + said


def _every_missing_variable(first: Exception, left: Mapping[str, str], asked: int) -> Exception:
    """The strict error for the first indicator, saying every other one asked for that cannot be
    computed too, and how to get the rest; its attributes (variable …) are the first's."""
    if len(left) < 2:
        return first
    message = getattr(first, "message", str(first))
    said = (
        f"{_indicators_left_out(left, asked, 'asked for cannot be computed')}; strict=False computes the "
        f"others and gives these NaN with reason missing_variable. The first: {message}"
    )
    error = _core.MissingVariableError(str(first).replace(message, said, 1) if message in str(first) else said)
    for key, value in vars(first).items():
        setattr(error, key, value)
    setattr(error, "message", said)
    return error


def _flag_partial_sums(results: list, complete: list) -> list:
    """A roll-up read back from CSV (``zhibiao rollup --partial-sums … | zhibiao compute -``)
    without its children: a value computed from a partial sum carries the reason the complete
    roll-up gives it there (``incomplete_rollup``, ``invalid_child``) and is missing, as there are
    no children to match. With the children at hand, ``_core.compute_rolled_up`` (C++) computes
    it over the matched children instead."""
    flagged = []
    for mine, full in zip(results, complete):
        values, codes = mine[2], mine[3]
        partial = ~np.isnan(values) & np.isnan(full[2])
        if partial.any():
            codes = codes.copy()
            codes[partial] = full[3][partial]
            values = values.copy()
            values[partial] = np.nan
        flagged.append((mine[0], mine[1], values, codes, *mine[4:]))
    return flagged


def _map_code(value: Any) -> str | None:
    """A code of a parent map as text: a spreadsheet's float 320600.0 is 320600, spaces around a
    code are none of it, and a blank (NaN, None, pd.NA, "") is no code (None)."""
    if value is None or value is getattr(__import__("pandas"), "NA", None):
        return None
    if isinstance(value, (bool, np.bool_)):
        raise _core.Error(f"parents: {value!r} is no region code")
    if isinstance(value, (float, np.floating)):
        if value != value:
            return None
        if not float(value).is_integer():
            raise _core.Error(f"parents: {value!r} is no region code (a code has no fraction)")
        return str(int(value))
    text = str(value).strip()
    return text or None


def _name_text(value: Any) -> str | None:
    """A cell of a name column as text; a blank (NaN, None, pd.NA, "", spaces) is none."""
    if value is None or value is getattr(__import__("pandas"), "NA", None):
        return None
    if isinstance(value, (float, np.floating)) and value != value:
        return None
    return str(value).strip() or None


def _is_footnote(cell: Any) -> bool:
    """Whether a first cell is a footnote's (注：…, 数据来源：…), by read_csv's own rule."""
    return isinstance(cell, str) and _core.looks_like_footnote(cell)


def _footnotes_said(df: Any, entity: str, rows: np.ndarray) -> str:
    """For rows without a code or period: which of them are a sheet's footnotes (their first cell
    注：…, as pd.read_excel keeps them under the table), and the way out."""
    notes = [k for k in rows if _is_footnote(df[entity].iloc[k])]
    if not notes:
        return "; lenient=True skips such rows (report['rows_skipped'])"
    text = str(df[entity].iloc[notes[0]])
    first = text if len(text) <= 20 else text[:20] + "…"
    return (
        f"; index {df.index[notes[0]]!r} is a footnote ({first!r}"
        f"{f' and {len(notes) - 1} more' if len(notes) > 1 else ''}): drop such rows, or lenient=True skips them"
    )


def _totals_said(df: Any, rows: np.ndarray) -> str:
    """For rows without a code or period: the first that is a sheet's totals row (a text cell 合计,
    总计, 全市… as validate.hpp's looks_like_totals_row tells it), whose sums are no region's."""
    for k in rows:
        texts = [(c, v.strip()) for c, v in df.iloc[k].items() if isinstance(v, str) and v.strip()]
        found = _core.totals_rows([t for _, t in texts])
        if found:
            column, text = texts[found[0]]
            more = len(rows) - 1
            return (
                f"; index {df.index[k]!r} is a totals row ({text!r} in column {str(column)!r}"
                f"{f'; {more} more row' + ('s' if more > 1 else '') + ' without a key' if more else ''}): its sums are no "
                "region's, and roll-ups make them again"
            )
    return ""


def _without_keyless_rows(df: Any, entity: str, period: str, keyless: np.ndarray) -> tuple[Any, list[dict[str, Any]]]:
    """``df`` without the rows that have no entity code or no period, and an issue for each (the
    report's, as read_csv lists a skipped line): lenient reading skips them, saying so."""
    skipped = []
    for k in np.flatnonzero(keyless):
        first = df[entity].iloc[k]
        footnote = _is_footnote(first)
        row_texts = [v.strip() for v in df.iloc[k].tolist() if isinstance(v, str) and v.strip()]
        totals = not footnote and bool(_core.totals_rows(row_texts))  # 合计 in the code or the name column
        skipped.append(
            {
                "row": df.index[k],
                "column": str(entity),
                "variable": "",
                "text": "" if first is None or first != first else str(first),
                "problem": "footnote"
                if footnote
                else "totals row"
                if totals
                else f"no entity code or period (columns {entity!r}, {period!r})",
                "entity": "",
                "period": "",
            }
        )
    return df[~keyless], skipped


def _footnotes_keyless(entity_index: np.ndarray, entity_codes: Sequence[str], period_index: np.ndarray) -> np.ndarray:
    """``entity_index`` with the rows whose "code" is a sheet's footnote (注：…, 数据来源：…) as rows
    without a code: with the year assigned to every row of a sheet they have a period, and were
    loaded as regions (an analyst's day, round 27). A footnote without a period is said as before."""
    # a footnote starts with a Chinese word (注, 数据来源…): ASCII codes, most of a large table's, are none
    notes = [k for k, code in enumerate(entity_codes) if not code[:1].isascii() and _core.looks_like_footnote(code)]
    if not notes:
        return entity_index
    return np.where(np.isin(entity_index, notes) & (period_index >= 0), -1, entity_index)


def _refuse_units_row(df: Any, entity: str, variables: Sequence[Any], entity_index: np.ndarray) -> None:
    """A row without a code whose cells are all units (亿元, 万元, %: a sheet's second header row
    read as data, pd.read_excel(path, header=1)) is refused in both modes, as read_csv refuses one:
    skipped, it would take every column's unit with it."""
    columns = [c for c in variables if c in df.columns]
    for k in np.flatnonzero(entity_index < 0)[:20]:
        cells = [df[c].iloc[k] for c in columns]
        given = [str(v).strip() for v in cells if isinstance(v, str) and v.strip()]
        figures = [v for v in cells if not isinstance(v, str) and v is not None and v == v]
        said = [_unit_of(t) for t in given]
        if given and not figures and all(said):
            shown = ", ".join(dict.fromkeys(str(u) for u in said[:4]))
            raise _parse_error(
                f"row {df.index[k]!r} looks like a row of units ({shown}), not a row of data: read the sheet with both "
                "header rows, pd.read_excel(path, header=[1, 2]) (names over units: the units are read), or drop "
                "the row and give them as units={...}"
            )


def _carried_names(df: Any, entity_codes: Sequence[str]) -> list[str]:
    """Each entity's name from ``df.attrs["names"]`` (code → name, as :meth:`Panel.to_pandas` and
    ``compute()`` carry them), "" where it has none: a panel taken to pandas and back keeps its
    names without a name column."""
    carried = getattr(df, "attrs", {}).get("names")
    if not isinstance(carried, Mapping):
        return [""] * len(entity_codes)
    return [str(carried.get(code) or "") for code in entity_codes]


def _full_names(texts: Any, entity_index: Any, entities: int) -> tuple[Any, Any]:
    """(each entity's name, each row's name as compared): a sheet writes 西湖 on one year's rows
    and 西湖区 on another's, one region named the longer way. The rule is read_csv's
    (_core.region_name), so both loaders settle a name alike; two places under one code (南昌县
    and 南昌市) keep their own names here, and the caller refuses them."""
    import pandas as pd

    given = texts.notna().to_numpy()
    if not given.any():
        return texts.groupby(entity_index).first().reindex(range(entities)), texts
    lengths = texts[given].map(len)
    longest = lengths.groupby(entity_index[given]).idxmax()
    full = pd.Series(texts.to_numpy()[longest.to_numpy()], index=longest.index).reindex(range(entities))
    full_of_row = pd.Series(full.to_numpy()[entity_index], index=texts.index)
    other = np.flatnonzero(given & (texts != full_of_row).to_numpy())
    pairs = {(texts.iat[k], full_of_row.iat[k]) for k in other}
    same_region = {pair for pair in pairs if _core.region_name(*pair) == pair[1]}
    short = np.zeros(len(texts), dtype=bool)
    short[other] = [(texts.iat[k], full_of_row.iat[k]) in same_region for k in other]
    return full, texts.where(~short, full_of_row)


def _first_given(df: Any, column: str, entity_index: Any, entity_codes: Sequence[str], role: str) -> list[str]:
    """Per entity, the first cell of the name or parent ``column`` that is not blank, as read_csv
    takes it: a blank states nothing (a sheet with merged cells names a region on one row of it).
    One code given two names, or two parents (3601 and 360100 are one), is refused as read_csv
    refuses it: a ParseError naming both rows (review23b F4: a second parent was dropped silently,
    and the parent column is the roll-up's and the imputation's group)."""
    import pandas as pd

    texts = pd.Series([(_map_code if role == "parent" else _name_text)(v) for v in df[column].tolist()], dtype=object)
    by_entity = texts.groupby(entity_index)
    first = by_entity.first().reindex(range(len(entity_codes)))
    same = texts.map(_core.admin_code, na_action="ignore") if role == "parent" else texts  # 3601 is 360100
    differs = (same.notna() & (same != same.groupby(entity_index).transform("first"))).to_numpy()
    if role == "name" and differs.any():  # 西湖 and 西湖区: compared again, each as its full name
        first, same = _full_names(texts, entity_index, len(entity_codes))
        differs = (same.notna() & (same != same.groupby(entity_index).transform("first"))).to_numpy()
    if differs.any():
        row = int(np.argmax(differs))
        code = entity_index[row]
        given = int(np.flatnonzero((entity_index == code) & texts.notna().to_numpy())[0])
        here, there = f"{texts[row]!r} in row {df.index[row]!r}", f"{texts[given]!r} in row {df.index[given]!r}"
        raise _core.ParseError(
            f"entity {entity_codes[code]!r} is named {here} and {there} of column {column!r}: one code is one "
            "region (a row shifted, or a code mistyped?); if the region was renamed, write one name on all its "
            "rows, or leave the names out (no name=)"
            if role == "name"
            else f"column {column!r} gives entity {entity_codes[code]!r} the parent {here} and {there}: a region "
            "sums into one parent; if it moved between periods, build each period's panel (or pass rollup a map "
            "per period) separately"
        )
    return ["" if v is None or v != v else str(v) for v in first.tolist()]


def _parent_map(parents: Any) -> dict[str, str]:
    """Child code → parent code from a mapping or a pandas Series, every pair read (a Series may
    list a child twice). A child with a blank parent is left out (the roll-up then names it among
    the entities without a parent); a child given two different parents is refused."""
    pairs: Iterable[tuple[Any, Any]]
    if hasattr(parents, "index") and hasattr(parents, "tolist") and not isinstance(parents, Mapping):
        pairs = zip(parents.index.tolist(), parents.tolist())  # a Series: every row, duplicates too
    else:
        pairs = dict(parents).items()
    mapping: dict[str, str] = {}
    for child, parent in pairs:
        child_code, parent_code = _map_code(child), _map_code(parent)
        if child_code is None or parent_code is None:
            continue
        known = mapping.setdefault(child_code, parent_code)
        if known != parent_code:
            raise _core.Error(
                f"parents: {child_code} is given two parents, {known!r} and {parent_code!r}; a region "
                "sums into one parent (roll up each period's map separately if it moved)"
            )
    return mapping


def _reasons_attr_codes(core: Any, carried: Any, taken: set) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """(variable → reason codes, variable → where they came from) of the reasons a DataFrame's
    ``attrs["reasons"]`` carries (what ``to_pandas()`` writes) for the variables of ``core`` (the
    panel loaded from it) not in ``taken`` (given reasons otherwise), on the rows the frame still
    holds: a missing cell's reason if the cell is still missing (a value put there since is the
    user's), a partial roll-up sum's whatever its value (scaled, it is still a partial sum)."""
    if not carried:
        return {}, {}
    shape = "variable → reason → {'missing': cells, 'partial': cells}, each cell an 'entity<TAB>period' line"
    if not isinstance(carried, Mapping):
        raise _core.ArgumentError(
            f"Panel.from_pandas: df.attrs['reasons'] must map {shape} (what Panel.to_pandas() writes), "
            f"not {type(carried).__name__}"
        )
    keys = {
        f"{e}\t{core.periods[int(p)]}": row
        for row, (e, p) in enumerate(zip(core.row_entity_codes(), core.period_index))
    }
    given, columns = {}, {}
    for variable in [v for v in core.variables if v in carried and v not in taken]:
        missing = np.isnan(np.array(core.values(variable)))
        cells = [""] * core.rows
        column = f"df.attrs['reasons']['{variable}']"
        try:
            for reason, kinds in carried[variable].items():
                for kind, text in kinds.items():
                    if kind not in ("missing", "partial") or not isinstance(text, str):
                        raise TypeError
                    for line in text.split("\n"):
                        row = keys.get(line)
                        if row is not None and (kind == "partial" or missing[row]):
                            cells[row] = reason
        except (AttributeError, TypeError):
            raise _core.ArgumentError(
                f"Panel.from_pandas: {column} is not {shape} (what Panel.to_pandas() writes)"
            ) from None
        given[variable], columns[variable] = _reason_columns.codes_of_cells(cells, column), column
    given = {v: c for v, c in given.items() if c.any()}
    return given, {v: columns[v] for v in given}


def _reason_frame_column(codes: np.ndarray) -> Any:
    import pandas as pd

    # Code 0 (present) becomes a missing category value: reasons.notna() marks the gaps.
    return pd.Categorical.from_codes(codes.view(np.int8) - 1, dtype=_reason_dtype())


_UNIT_COLUMNS = ("单位", "计量单位")


def _is_year_heading(text: str) -> bool:
    """Whether a column heading is a period a bureau writes as one (2024年, 2024, 2024H1): a
    period with 年, or of a year 1949 to 2100 — region codes as headings (1101, 1102) are none."""
    if not _is_period_text(text):
        return False
    return "年" in text or 1949 <= int(text[:4]) <= 2100


def _periods_as_columns_hint(df: Any) -> str:
    """For a frame whose column headings are periods (2024年, 2025年: a bureau's table of a row per
    indicator, or per region, and a column per year): that zhibiao reads a row per region and
    period, with the pandas lines that turn it (docs/loading.md, 'A sheet from Excel')."""
    years = [str(c) for c in df.columns if _is_year_heading(str(c).strip())]
    if len(years) < 2:
        return ""
    said = f" (the periods are columns here: {', '.join(years[:3])}{'…' if len(years) > 3 else ''}; zhibiao reads a row per region and period"
    columns = list(df.columns)
    unit = next((c for c in columns if str(c).strip() in _UNIT_COLUMNS), None)
    at = -1 if unit is None else columns.index(unit)
    names = [columns[k] for k in (at - 1, at + 1) if at >= 0 and 0 <= k < len(columns) and str(columns[k]) not in years]
    if unit is not None and names:
        # a row per indicator (its name left of its unit, or right of it), after the key columns if any
        name = names[0]
        keys = [c for c in columns if str(c) not in years and c not in (name, unit)]
        region = "" if keys else "; long['地区'] = 'the region'"
        index = [*keys, "年份"] if keys else ["地区", "年份"]
        return (
            f"{said}; a row per indicator with its unit: "
            f"long = df.dropna(subset=[{unit!r}]).melt(id_vars={[*keys, name, unit]!r}, var_name='年份'){region}; "
            f"long['column'] = long[{name!r}] + '[' + long[{unit!r}] + ']'; "
            f"wide = long.pivot(index={index!r}, columns='column', values='value').reset_index(); "
            f"then Panel.from_pandas(wide, entity={index[0]!r}, period='年份'))"
        )
    keys = [str(c) for c in columns if str(c) not in years]
    return (
        f"{said}; a row per region and one variable: long = df.melt(id_vars={keys!r}, "
        "var_name='年份', value_name='VARIABLE[UNIT]') (its name and unit), then "
        "Panel.from_pandas(long, entity=..., period='年份'))"
    )


def _as_read_csv_would_read(df: Any, entity: str, period: str) -> str:
    """For the default key names (entity, period) the frame lacks: the columns read_csv would take
    as those keys (region, year, 地区, 年份 …; its headings, searched by the loader itself on a
    header of the frame's column names), as "; read_csv would read 'region' as the entity: pass
    entity='region'"; "" when it would read none of them."""
    import csv
    import io

    names = [c for c in df.columns if isinstance(c, str)]
    keys = [k for k, given in (("entity", entity), ("period", period)) if given == k and k not in df.columns]
    if not keys or not names:
        return ""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(names)
    writer.writerow([str(2001 + k) for k in range(len(names))])  # each column's cell tells it apart
    try:
        core = _core.parse_csv(text.getvalue().encode(), lenient=True)
        cells = {"entity": core.row_entity_codes()[0], "period": str(core.periods[0])}
    except (_core.Error, IndexError):
        return ""
    found = {
        k: names[int(cells[k]) - 2001] for k in keys if cells[k].isdigit() and 0 <= int(cells[k]) - 2001 < len(names)
    }
    if not found:
        return ""
    read = " and ".join(f"{c!r} as the {k}" for k, c in found.items())
    return f"; read_csv would read {read}: pass {', '.join(f'{k}={c!r}' for k, c in found.items())}"


def _name_column_read_csv_would_take(df: Any, entity: str, period: str, parent: str | None) -> str | None:
    """The column of texts read_csv would take as the entities' names (name, 名称, 地区名称, 地区
    beside a code … as data/headings.toml lists them; found by the loader itself on a header of
    the frame's column names), or None. A sheet from pd.read_excel with 地区名称 beside 地区代码 lost
    its names, which the plots and rank tables then showed as codes."""
    import csv
    import io

    import pandas as pd

    names = [c for c in df.columns if isinstance(c, str)]
    if not isinstance(entity, str) or not isinstance(period, str) or entity not in names or period not in names:
        return None
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(names)
    cells = {entity: "A", period: "2001"}
    writer.writerow([cells.get(c, f"n{k}") for k, c in enumerate(names)])  # each column's cell tells it apart
    try:
        core = _core.parse_csv(
            text.getvalue().encode(), entity=entity, period=period, parent=parent or "", lenient=True
        )
        found = str(core.entity_names[0])
    except (_core.Error, IndexError):
        return None
    if not (found.startswith("n") and found[1:].isdigit()) or int(found[1:]) >= len(names):
        return None
    column = names[int(found[1:])]
    return None if pd.api.types.is_numeric_dtype(df[column]) else column


def _names_given(df: Any, name: str | None, guessed: bool, entities: tuple[Any, Any], ignored: dict[Any, str]) -> Any:
    """The entities' names: from the column ``name`` (as given, or as read_csv's headings found it),
    else as ``df.attrs`` carries them. A found column that gives a code two names is not read (and
    said in the report): an unasked name column never stopped a load, where name= given does."""
    entity_index, entity_codes = entities
    if not name:
        return _carried_names(df, entity_codes)
    try:
        return _first_given(df, name, entity_index, entity_codes, "name")
    except _core.ParseError as error:
        if not guessed:
            raise
        ignored[name] = f"not taken as the names: {error}"
        return _carried_names(df, entity_codes)


def _heading_parts(column: tuple) -> list[str]:
    """The headings of a MultiIndex column that are not blank (pd.read_excel names a blank merged
    cell 'Unnamed: 0_level_1')."""
    texts = [str(n).strip() for n in column if n is not None and n == n]
    return [t for t in texts if t and not t.startswith("Unnamed:")]


def _unit_of(text: str) -> str | None:
    """The unit a header or units-row cell states (亿元 of （亿元）), None for a number, a blank or a
    text that is no unit: read_csv's rule for its row of units (src/io/unit_cell.hpp), bound."""
    return _core.unit_cell(text.strip())


def _is_period_text(text: str) -> bool:
    """Whether ``text`` is a period as read_csv reads one (2024, 2024H1, 2024年), not a code or a
    name: it starts with its year."""
    if not re.match(r"^\d{4}", text):
        return False
    try:
        _core.Period(text)
    except _core.Error:
        return False
    return True


def _with_unit_level_read(df: Any) -> Any:
    """``df`` with one name per column, where its MultiIndex columns are a bureau sheet's header of
    names over units (pd.read_excel(path, header=[1, 2]) of 地区生产总值 over 亿元): each variable
    column becomes ``地区生产总值[亿元]``, read as a CSV header is, and each key column (区划代码 over
    a blank) its name. A header that cannot be read so with certainty is refused with the lines
    that name its columns: periods in a level (they are rows), headings over the names that may
    be the indicator whose parts they are (R&D人员 over 男, 女), anything else."""
    parts = [_heading_parts(c) for c in df.columns]
    _refuse_periods_in_header(df, parts)
    with_unit = [p for p in parts if len(p) >= 2 and _unit_of(p[-1]) and not _unit_of(p[-2])]
    if with_unit and all(len(p) == 1 or p in with_unit for p in parts):
        _refuse_headings_over_names(df, with_unit)
        flat = df.copy(deep=False)
        flat.columns = [p[0] if len(p) == 1 else f"{p[-2]}[{_unit_of(p[-1])}]" for p in parts]
        return flat
    blank = any(str(n).startswith("Unnamed:") for c in df.columns for n in c)
    raise _parse_error(
        f"the DataFrame has MultiIndex columns ({df.columns.nlevels} levels): give each column one name "
        + (
            # pd.read_excel(header=[1, 2]) of merged header cells: a group (经济) over its columns
            # (地区生产总值), blank cells read 'Unnamed: …'; joined, no heading would be recognised
            "first, its lowest heading that is not blank (a merged group's, 经济, stands over them): "
            "df.columns = [[str(n) for n in c if not str(n).startswith('Unnamed:')][-1] for c in df.columns]"
            if blank
            else "first, e.g. df.columns = ['_'.join(map(str, c)) for c in df.columns]"
        )
    )


def _refuse_periods_in_header(df: Any, parts: Sequence[list[str]]) -> None:
    """Refuses a header with a level of periods (2024年 over, between or under the names and units):
    read as names, each year would be a variable of every row's one period. zhibiao reads a row
    per region and period, so the message gives the lines that make the periods rows."""
    # only beside units (a names-over-units header): gdp over 2024 alone is some other layout
    with_units = [k for k, p in enumerate(parts) if len(p) >= 2 and any(_unit_of(h) for h in p)]
    found = next(
        ((k, level) for k in with_units for level, n in enumerate(df.columns[k]) if _is_period_text(str(n).strip())),
        None,
    )
    if found is None:
        return
    k, level = found
    shown = " over ".join(repr(h) for h in parts[k])
    others = df.columns.nlevels - 1  # the levels left once the periods' is stacked
    if others >= 2:
        rename = "long.columns = [f'{c[-2]}[{c[-1]}]' if isinstance(c, tuple) else c for c in long.columns]"
    else:
        rename = "long.columns = [f'VARIABLE[{u}]' for u in long.columns] (VARIABLE: the indicator's name)"
    raise _parse_error(
        f"the DataFrame has a header of {df.columns.nlevels} rows, one of which holds periods ({shown}): "
        "zhibiao reads a row per region and period, so make the periods rows first (docs/loading.md, "
        "'A sheet from Excel'): "
        "keys = [c for c in df.columns if all(str(n).startswith('Unnamed') for n in c[1:])]; "
        f"long = df.set_index(keys).stack(level={level}); {rename}; "
        "long.index.names = [k[0] for k in keys] + ['年份']; long = long.reset_index()"
    )


def _two_tables_hint(df: Any, first: Any, second: Any) -> str:
    """What to do when two columns of one variable never hold a value in the same row: the rows of
    two tables put together (pd.concat of a sheet in 亿元 and one in 万元)."""
    both = df[first].notna() & df[second].notna()
    if both.any():
        return ": keep one"
    return (
        ": their values never share a row, as when tables with different units are put together by"
        " pd.concat: read each table on its own (read_csv, Panel.from_pandas) and join their"
        " to_pandas() frames with zb.concat, which converts the units"
    )


def _carried_by_header(df: Any) -> dict[str, str]:
    """The units of ``df.attrs["units"]`` keyed by the name a column's header reads as (强度 of
    强度[%], rd_expenditure or its heading as written): the frame's own, never questioned."""
    carried = df.attrs.get("units") or {}
    if not carried:
        return {}
    names = {n for c in df.columns for n in _core.parse_column_header(str(c))[::2] if n}
    return {str(k): u for k, u in carried.items() if str(k) in names and u}


def _headers_read(columns: Sequence[Any]) -> list[tuple[str, str, str]]:
    """(variable, unit, heading as written when renamed) of each column, as parse_column_header
    reads it, except that a heading read as a variable by its meaning (研发经费内部支出 as
    R&D经费内部支出) stays as written when another column is that variable too, as read_csv keeps it."""
    read = [tuple(_core.parse_column_header(str(c))) for c in columns]
    exact = _catalogue_names()
    kept = []
    for k, (variable, unit, written) in enumerate(read):
        meant = bool(written) and written not in exact
        if meant and any(j != k and other[0] == variable for j, other in enumerate(read)):
            kept.append((written, unit, ""))
        else:
            kept.append((variable, unit, written))
    return kept


def _catalogue_names() -> frozenset[str]:
    """Every id, Chinese name and other name of the built-in catalogue's variables."""
    variables = _core.Catalogue.builtin().variables()
    return frozenset(n for v in variables for n in (v["id"], v["name_zh"], *v["other_names"]) if n)


def _refuse_headings_over_names(df: Any, with_unit: Sequence[list[str]]) -> None:
    """Refuses names over units with headings above the names, unless those are one group over
    all of them (经济) and every name is a catalogue variable's: 男, 女 under R&D人员, or 计划, 实际
    under 地区生产总值, are the parts of the indicator above them, not variables, and nothing in the
    header tells a group from an indicator."""
    above = {tuple(p[:-2]) for p in with_unit}
    if above == {()}:
        return
    known = _catalogue_names()
    if len(above) == 1 and all(p[-2] in known for p in with_unit):
        return
    odd = next(p for p in with_unit if len(p) > 2 and (len(above) > 1 or p[-2] not in known))
    raise _parse_error(
        f"the DataFrame's header has headings over the names ({' over '.join(repr(h) for h in odd)}): "
        f"{odd[-2]!r} may be a variable under a group or a part of the indicator {odd[-3]!r}, which the "
        "header cannot tell; name each column: df.columns = [c[0] if len(c) == 1 else "
        "f\"{'·'.join(c[:-1])}[{c[-1]}]\" for c in ([str(n) for n in c if not str(n).startswith('Unnamed:')] "
        "for c in df.columns)]"
    )


def _warn_no_province(mapping: Mapping[str, str]) -> None:
    """A note naming the codes rolled up by parents='admin' that begin with 0 (032060: a firm code,
    or a code whose digits moved, read as a county of a province 03 that does not exist; every
    province's code is 11 to 82), which would roll up to parents no one publishes. Made-up
    provinces (90xxxx, as examples use) are left alone."""
    import warnings

    odd = sorted(child for child, parent in mapping.items() if parent.startswith("0"))
    if odd:
        shown = ", ".join(f"{c} → {mapping[c]}" for c in odd[:5]) + (
            f" and {len(odd) - 5} more" if len(odd) > 5 else ""
        )
        warnings.warn(
            f"rollup: {len(odd)} code(s) begin with 0, a province that does not exist (GB/T 2260's are 11 to "
            f"82): {shown}; are they administrative codes?",
            UserWarning,
            stacklevel=3,
        )


def _warn_integer_codes(column: Any, name: str) -> None:
    """A note when entity codes came as integers of different lengths (pd.read_excel of 000123,
    001234 gives 123, 1234): any leading zeros are lost, and 000123 in another table no longer
    matches."""
    import warnings

    import pandas as pd

    if not pd.api.types.is_integer_dtype(column.dtype) or not len(column):
        return
    digits = np.char.str_len(np.abs(column.to_numpy(dtype=np.int64)).astype(str))
    if digits.max() >= 4 and digits.min() < digits.max():
        warnings.warn(
            f"Panel.from_pandas: the entity codes in column {name!r} are integers of {digits.min()} to "
            f"{digits.max()} digits: leading zeros (000123) may have been lost; read the column as text "
            f"(dtype={{{name!r}: str}} in pd.read_excel / pd.read_csv) if the codes have them",
            UserWarning,
            stacklevel=3,
        )


def _unnamed_levels_hint(index: Any, wanted: str, entity: str, period: str) -> str:
    """For a (MultiIndex) index with levels of no name, where the entity and period may be: how
    to name them; "" for an index without such levels (a RangeIndex of row numbers)."""
    unnamed = sum(name is None for name in index.names)
    if not unnamed or (index.nlevels == 1 and type(index).__name__ == "RangeIndex"):
        return ""
    if index.nlevels == 1:
        levels = "its level has no name"
    elif unnamed == index.nlevels:
        levels = f"none of its {index.nlevels} levels has a name"
    else:
        levels = f"{unnamed} of its {index.nlevels} levels {'has' if unnamed == 1 else 'have'} no name"
    example = repr(wanted) if index.nlevels == 1 else repr([entity, period]) if index.nlevels == 2 else "[...]"
    return f"; the index may hold them, but {levels}: df.rename_axis({example}) names them"


def _refuse_no_frame(df: Any) -> None:
    if not hasattr(df, "columns") or not hasattr(df, "index"):  # a dict, a Series, an array
        raise ArgumentTypeError(
            f"Panel.from_pandas: df must be a pandas DataFrame with a row per (entity, period), not "
            f"{type(df).__name__}"
            + (": pd.DataFrame(df) makes one of a dict of columns" if isinstance(df, dict) else "")
        )


class _FrameLoad:
    """Panel.from_pandas's steps over one DataFrame (its keys and columns already named): what the
    arguments ask, the rows' keys, the core panel; each step a method, the state between them here."""

    def __init__(self, df: Any, entity: str, period: str) -> None:
        self.df, self.entity, self.period = df, entity, period
        self.reason_columns = _reason_columns.in_frame(list(df.columns))  # column → its variable
        self.ignored: dict[Any, str] = {}  # column → why it was not loaded
        self.skipped: list[dict[str, Any]] = []
        self.variables: Sequence[Any] = []
        self.explicit = False

    def read_arguments(self, units: Any, reasons: Any, name: str | None, parent: str | None) -> None:
        """units, reasons, the name column (given, carried in attrs, or as read_csv finds one) and the
        columns that are no variable (keys, names, parents, reasons)."""
        for argument, given in (("units", units), ("reasons", reasons)):
            if given is not None and not isinstance(given, Mapping):
                raise TypeError(
                    f"Panel.from_pandas: {argument} must be a mapping of column → "
                    f"{'unit' if argument == 'units' else 'reasons'} "
                    f"(such as {{'gdp': '亿元'}}), not {type(given).__name__}"
                )
        from ._tables import units as carried_units

        df, entity, period = self.df, self.entity, self.period
        self.given_units = dict(units or {})
        # a slice's attrs keep every column's: only its own, by its name or its header's (强度 of 强度[%])
        self.units = {**carried_units(df), **_carried_by_header(df), **self.given_units}
        self.reasons = reasons
        self.guessed_name = name is None and not df.attrs.get("names")
        self.name = _name_column_read_csv_would_take(df, entity, period, parent) if self.guessed_name else name
        self.parent = parent
        special = {entity: "the entity column", period: "the period column"}
        special.update({c: f"the {role} column" for c, role in ((self.name, "name"), (parent, "parent")) if c})
        special.update({c: f"the reasons of '{v}'" for c, v in self.reason_columns.items() if c not in special})
        self.special = special

    def keys(self, freq: str | None, lenient: bool) -> tuple:
        """(entity codes, each row's entity, period values, each row's period): a row without a code
        or period skipped (lenient, listed) or refused naming it; a units row refused in both modes."""
        df, entity, period = self.df, self.entity, self.period
        _warn_integer_codes(df[entity], entity)
        entity_index, entity_codes = _factorize_labels(df[entity], "entity code")
        period_index, period_values = _factorize_periods(df[period], freq)
        entity_index = _footnotes_keyless(entity_index, entity_codes, period_index)
        _refuse_units_row(df, entity, self.variables, entity_index)
        if lenient and ((entity_index < 0).any() or (period_index < 0).any()):
            # as read_csv skips a row without its code or period (a footnote, a blank line of the sheet)
            keyless = (entity_index < 0) | (period_index < 0)
            self.df, self.skipped = _without_keyless_rows(df, entity, period, keyless)
            if self.reasons:  # a reason per row of the frame given: the skipped rows' go with them
                self.reasons = {
                    k: [r for r, gone in zip(v, keyless) if not gone] if len(v) == len(keyless) else v
                    for k, v in self.reasons.items()
                }
            df = self.df
            entity_index, entity_codes = _factorize_labels(df[entity], "entity code")
            period_index, period_values = _factorize_periods(df[period], freq)
        if (entity_index < 0).any() or (period_index < 0).any():
            _refuse_keyless_rows(df, entity, period, entity_index, period_index)
        return (entity_codes, entity_index, period_values, period_index)

    def core(self, keys: tuple, columns: list) -> Any:
        """The core panel of the rows' keys, the entities' names and parents, and the columns."""
        entity_codes, entity_index, period_values, period_index = keys
        df, parent = self.df, self.parent
        first_row = np.unique(entity_index, return_index=True)[1]
        names = _names_given(df, self.name, self.guessed_name, (entity_index, entity_codes), self.ignored)
        parents = _first_given(df, parent, entity_index, entity_codes, "parent") if parent else [""] * len(entity_codes)
        first_labels = [df.index[k] for k in first_row]
        _refuse_fullwidth_codes(entity_codes, first_labels, self.entity, "entity code")
        if parent:
            _refuse_fullwidth_codes(parents, first_labels, parent, "parent code")
        core = _core.Panel(
            entity_codes,
            names,
            parents,
            period_values,
            entity_index.astype(np.int32),
            period_index.astype(np.int32),
        )
        for variable, values, column_reasons, unit in columns:
            # The panel's own copy of a column that views the frame's memory: the frame changed after
            # (df.loc[0, "gdp"] = inf) no longer changes the panel, whose cells were checked when read.
            if isinstance(values, np.ndarray) and not values.flags.owndata:
                values = np.array(values, dtype=float, copy=True)
            core.add_column(
                variable, values, unit, _source_reasons(variable, values, column_reasons, self.reasons.get(variable))
            )
        return core


def _refuse_keyless_rows(df: Any, entity: str, period: str, entity_index: Any, period_index: Any) -> None:
    """Says which rows lack their code or period, as read_csv says which line: "missing … in the
    DataFrame" left the user to search a sheet of thousands of rows. Both kinds are said, and a
    footnote among either (注：… has a "code" but no period; the 合计 row above it, no code)."""
    said = []
    for label, column, codes in (("entity code", entity, entity_index), ("period", period, period_index)):
        bad = np.flatnonzero(codes < 0)
        if bad.size:
            shown = ", ".join(repr(df.index[k]) for k in bad[:5])
            more = f" and {bad.size - 5} more" if bad.size > 5 else ""
            rows = "row" if bad.size == 1 else "rows"
            said.append(f"no {label} in column {column!r}, {bad.size} {rows} (index {shown}{more})")
    keyless_rows = np.flatnonzero((entity_index < 0) | (period_index < 0))
    raise _core.ParseError(
        f"missing entity code or period in the DataFrame: {'; '.join(said)}{_totals_said(df, keyless_rows)}"
        f"{_footnotes_said(df, entity, keyless_rows)}"
    )


class Float32Warning(UserWarning):
    """A float32 column taken by :meth:`Panel.from_pandas`: its values hold about 7 significant
    digits and are widened to float64 as stored (282.14 is read as 282.1400146484375), so the
    indicators computed from it differ from the published figures' in the 7th digit."""


def _warn_float32(series: Any, column: Any) -> None:
    """A Float32Warning naming the column, with one of its values as stored, when ``series`` is
    float32 or float16 (a Float32 extension column too) and holds a value its widening changes."""
    import warnings

    kind = str(series.dtype).lower()
    if kind not in ("float32", "float16"):
        return
    x = series.to_numpy(dtype=np.float16 if kind == "float16" else np.float32, na_value=np.nan)
    # a value whose float32 digits (282.14) are not the double it widens to (a whole number below
    # 2**24 is exact, as is 0.5): the first among the first 1000 fractions, none when all are exact
    fractions = x[np.isfinite(x) & (x != np.floor(x))][:1000]
    shown = next((v for v in fractions if float(str(v)) != float(v)), None)
    if shown is None:
        return
    warnings.warn(
        f"Panel.from_pandas: column {str(column)!r} is {kind}, about {3 if kind == 'float16' else 7} significant "
        "digits; its values are "
        f"widened to float64 as stored ({str(shown)} is {float(shown)!r}), so indicators computed from it may differ from the "
        "published figures' digits: read the source with float64 columns (pandas' default)",
        Float32Warning,
        stacklevel=caller_stacklevel(),
    )


class RegionCodeChangeWarning(UserWarning):
    """Two entities of a panel look like one place under two codes (a county turned district:
    330183 富阳市 until 2014, 330111 富阳区 from 2015): yoy(), growth() and lag() do not reach across
    the change. :meth:`Panel.recode` gives the change as data."""


def _name_stem(name: str) -> str:
    """富阳市 and 富阳区 → 富阳, 沛县 → 沛: the name without its administrative suffix, by the one rule
    of read_csv (C++ region_name: 市, 县, 区 or 旗). 新区 is a suffix of its own (浦东新区 → 浦东, so
    浦东县 and 浦东新区 share a stem, and 浦东新县 is no 浦东新区)."""
    if len(name) > 2 and name.endswith("新区"):
        return name[:-2]
    # The last character first: most names (firms, 公司1) end in none of the suffixes.
    if len(name) >= 2 and name[-1] in "市县区旗" and _core.region_name(name[:-1], name) == name:
        return name[:-1]
    return name


def _months_of(period: str) -> tuple[int, int]:
    """The first and last month a period covers, counted from year 0 (2024Q2: April to June of
    2024; 2024YTD05: January to May), by the C++ period's own months."""
    p = _core.Period(period)
    return 12 * p.year + p.first_month, 12 * p.year + p.last_month


def _code_changes_seen(
    entity_codes: Sequence[str], entity_names: Sequence[str], first: Sequence[int], last: Sequence[int]
) -> list:
    """(earlier code, later code) pairs of one place under two codes: names with one stem (富阳市,
    富阳区) in a group of their own (one pass, a dict), every member compared with the others, the
    one whose months all come before the other's the old code. Two places whose months overlap (南昌县 and
    南昌市 side by side; 富阳市 2014 and 富阳区 2014-06) are no pair. `first`/`last`: each entity's
    first and last month (_months_of), first > last for an entity without rows."""
    import collections

    named = [k for k, name in enumerate(entity_names) if name and name != entity_codes[k] and first[k] <= last[k]]
    stems = [_name_stem(entity_names[k]) for k in named]
    shared = {stem for stem, count in collections.Counter(stems).items() if count > 1}
    by_stem: dict[str, list[int]] = {}
    for k, stem in zip(named, stems):
        if stem in shared:
            by_stem.setdefault(stem, []).append(k)
    pairs = []
    for ks in by_stem.values():
        ks.sort(key=lambda k: (first[k], last[k]))
        for i, a in enumerate(ks):
            # The code that follows a's: the first to begin after a's months end (1 → 2 → 3 is said
            # 1 → 2, 2 → 3, which recode() follows to 3; never also 1 → 3).
            following = next((b for b in ks[i + 1 :] if last[a] < first[b]), None)
            if following is not None:
                pairs.append((entity_codes[a], entity_codes[following]))
    return pairs


def code_spans(panel: "Panel") -> list[tuple[str, str, int, int]]:
    """Each named entity's code, name and first and last month (_months_of) in one pass over the
    rows (linear in rows and entities): what :func:`warn_of_code_changes` compares."""
    codes, names = panel._core.entity_codes, panel._core.entity_names
    if not any(names):
        return []
    months = np.array([_months_of(p) for p in panel._core.periods], dtype=np.int64).reshape(-1, 2)
    entity_of_row = np.asarray(panel._core.entity_index, dtype=np.int64)
    period_of_row = np.asarray(panel._core.period_index, dtype=np.int64)
    first = np.full(len(codes), np.iinfo(np.int64).max)
    last = np.full(len(codes), np.iinfo(np.int64).min)
    np.minimum.at(first, entity_of_row, months[period_of_row, 0])
    np.maximum.at(last, entity_of_row, months[period_of_row, 1])
    return [(c, n, int(f), int(la)) for c, n, f, la in zip(codes, names, first, last) if n and f <= la]


def warn_of_code_changes(what: str, spans: Sequence[tuple[str, str, int, int]]) -> None:
    """A RegionCodeChangeWarning at the caller's line for the places among ``spans`` (code, name,
    first and last month) that look like one place under two codes."""
    import warnings

    codes, names, first, last = (list(column) for column in zip(*spans)) if spans else ([], [], [], [])
    pairs = _code_changes_seen(codes, names, first, last)
    if not pairs:
        return
    label = dict(zip(codes, names))
    shown = ", ".join(f"{a} ({label[a]}) → {b} ({label[b]})" for a, b in pairs[:5])
    mapping = ", ".join(f"'{a}': '{b}'" for a, b in pairs[:5])
    warnings.warn(
        f"{what}: {shown}{f' and {len(pairs) - 5} more' if len(pairs) > 5 else ''} look like one place under "
        "two codes (one code's rows end before the other's begin): yoy(), growth() and lag() do not reach "
        f"across the change; give it as data, panel.recode({{{mapping}}}), or keep them apart on purpose",
        RegionCodeChangeWarning,
        stacklevel=caller_stacklevel(),  # past compute and the keyword check around it
    )


def _recoded_code(value: Any, role: str) -> str:
    """A code of Panel.recode as parent maps read one (_map_code: 330111.0 is 330111); a blank is
    refused: a code changed to nothing is no change of code."""
    try:
        code = _map_code(value)
    except _core.Error as e:
        raise _core.ArgumentError(f"Panel.recode: {str(e).removeprefix('parents: ')}") from None
    if code is None:
        raise _core.ArgumentError(
            f"Panel.recode: {role} code {value!r} is blank: every change needs an old and a new code "
            "(to leave an entity out, select the rows of the others)"
        )
    return code


def _followed_chains(mapping: dict[str, str]) -> dict[str, list[str]]:
    """Each old code → the codes it passes through to its last one (A → B, B → C: A → [B, C]; A's
    rows are C's, as B's are). A chain coming back to a code it left (a swap, A → B and B → A) is
    refused: its rows could not be told from rows that kept their codes."""
    chains: dict[str, list[str]] = {}
    for old, new in mapping.items():
        path = [old, new]
        while path[-1] in mapping:
            if mapping[path[-1]] in path:
                circle = " → ".join(path + [mapping[path[-1]]])
                raise _core.ArgumentError(
                    f"Panel.recode: the changes go round in a circle ({circle}): a swap of codes is no code "
                    "change; give each place the code it ends with"
                )
            path.append(mapping[path[-1]])
        chains[old] = path[1:]
    return chains


def _code_change_mapping(changes: Any, codes: Sequence[str]) -> dict[str, list[str]]:
    """Panel.recode's old code → the codes it becomes, the last one its code (_followed_chains),
    from a dict, a Series or a DataFrame (old, new); checked. A code changed to itself is no change."""
    import pandas as pd

    if isinstance(changes, pd.DataFrame):
        missing = [c for c in ("old", "new") if c not in changes.columns]
        if missing:
            near = closest_name(missing[0], [str(c) for c in changes.columns])
            raise _core.ArgumentError(
                f"Panel.recode: the table of code changes has no column {missing[0]!r}"
                f"{f' (did you mean {near!r}?)' if near else ''}: it needs columns 'old' and 'new'"
            )
        pairs = list(zip(changes["old"], changes["new"]))
    elif isinstance(changes, (Mapping, pd.Series)):
        pairs = list(changes.items())
    else:
        raise TypeError(f"Panel.recode: changes must be a dict, a Series or a DataFrame (old, new), not {changes!r}")
    mapping: dict[str, str] = {}
    known = set(codes)
    for old_value, new_value in pairs:
        old, new = _recoded_code(old_value, "old"), _recoded_code(new_value, "new")
        if old in mapping and mapping[old] != new:
            raise _core.ArgumentError(f"Panel.recode: code {old} is changed twice, to {mapping[old]} and to {new}")
        if old not in known:
            near = closest_name(old, list(codes))
            raise _core.ArgumentError(
                f"Panel.recode: the panel has no entity {old!r}{f' (did you mean {near!r}?)' if near else ''}"
            )
        if old != new:
            mapping[old] = new
    return _followed_chains(mapping)


class Panel:
    """Rows are (entity, period) pairs; each variable is a float64 column with a unit.

    Build one with :func:`read_csv` or :meth:`Panel.from_pandas`. Missing values are NaN; a
    loader may record why a cell is missing (``reasons``). Columns built from pandas view the
    caller's memory when it is already contiguous float64.
    """

    # Set by the loaders and roll-up when they apply (inspectable results of those steps).
    _ignored: list[str]
    _ignored_reasons: dict[str, str]
    _renamed: dict[str, str]
    _percent_columns: list[str]
    coverage: Any
    not_summed: Any
    findings: Any
    # rollup(partial_sums=True): the same roll-up without partial sums, to flag what they reach.
    _complete_rollup: Any = None
    # rollup(partial_sums=True): (children's core, child → parent map, also_sum, catalogue), to
    # compute an indicator over the matched children.
    _rollup_source: Any = None
    # read_csv with <variable>_reason columns: the report of the load (the core is a copy with them).
    _loaded_report: Any = None
    # from_pandas(lenient=True): the cells that were no number, as read_csv's report lists them.
    _lenient_issues: list = []
    _skipped_rows: list = []  # from_pandas(lenient=True): the rows without a code or period
    _from_frame = False  # built by from_pandas: its report counts its rows and cells

    _totals_said = False  # True: a totals row was said by the caller (zhibiao.dask, for every partition)
    _code_changes_said = False  # True: a change of code was looked for by the caller (zhibiao.dask), as totals

    def __init__(self, core: Any = None) -> None:
        refuse_direct_construction(
            "zhibiao.Panel",
            core,
            _core.Panel,
            "zb.read_csv(path) reads one, zb.Panel.from_pandas(df) makes one from a DataFrame",
        )
        self._core = core

    # ------------------------------------------------------------------ construction
    @classmethod
    @checked_keywords
    def from_pandas(
        cls,
        df: Any,
        entity: str = "entity",
        period: str = "period",
        units: Mapping[str, str] | None = None,
        *,
        name: str | None = None,
        parent: str | None = None,
        variables: Sequence[str] | None = None,
        freq: str | None = None,
        reasons: Mapping[str, Sequence[str]] | None = None,
        lenient: bool = False,
    ) -> "Panel":
        """A panel from a DataFrame with one row per (entity, period) and a column per variable.

        Parameters
        ----------
        df
            The data. ``entity`` and ``period`` may be columns or index levels (an unnamed
            DatetimeIndex or PeriodIndex is taken as the periods).
        entity, period
            Names of the entity-code and period columns. Periods may be ints (2018), texts
            ("2018H1", "2023-H1", "2018年上半年"), pandas periods (year, Q-DEC quarter, month) or
            dates (see ``freq``).
        units
            Variable → unit text ("亿元", "万人", "%"), merged over ``df.attrs["units"]`` (what
            :meth:`to_pandas` and :func:`zb.concat` write; the units given win), so fixing one
            column's unit keeps the others'. A unit given here overrides a unit in the column
            name, which is read as :func:`read_csv` reads a header: ``gdp[亿元]``, ``gdp（亿元）``,
            ``gdp(亿元)``; a unit from ``attrs`` that differs from the column name's is refused
            (the numbers are in one of them, zhibiao cannot tell which). Variables without a unit are dimensionless, except catalogue counts
            (件, 项), which take their usual unit.
        name, parent
            Optional columns with the entity's display name and parent code. An entity's name
            and parent are its first cell that is not blank (NaN, None, "": a blank states
            nothing); one code given two names raises ParseError naming both rows, as
            :func:`read_csv` does (also with ``lenient``); without ``name`` the names are those
            ``df.attrs["names"]`` carries (code → name, as :meth:`to_pandas` and ``compute()``
            write them), else a column of texts headed as :func:`read_csv` finds one (name,
            名称, 地区名称, 地区 beside a code…; one that names a code twice is left out, said in
            ``report["ignored_reasons"]``), else none.
        variables
            The variable columns; by default every numeric column and every column of texts
            whose cells are all numbers ("13.5%", "1,234", read by the CSV cell grammar) or
            missing-value markers ("-", "—"), at least one a number. Others are listed in
            ``panel.report["ignored_columns"]``, why in ``report["ignored_reasons"]``. A named
            column, one with a unit in its name, one named as a catalogue variable
            (``valid_invention_patents``, ``有效发明专利拥有量``) or one whose cells are mostly
            numbers, that holds a text which is not a number raises ParseError, as
            :func:`read_csv` does. ±inf is never a value: it becomes NaN with reason
            ``invalid_input`` (a number, not finite). A column named with a catalogue
            variable's or indicator's Chinese name (``地区生产总值``, ``R&D经费投入强度``) is it
            (``gdp``, ``rd_intensity``), in ``report["renamed_columns"]``. A column of texts with no unit given whose
            numbers are all percentages ("13.5%") is a column in % (13.5), listed in
            ``panel.report["percent_columns"]``.
        freq
            How a period column of dates is read: "year", "half", "quarter" or "month", each
            date becoming the period of that length that contains it. Without it, dates are
            accepted only when all are 31 December (or all 1 January): the year. Any other date
            is ambiguous (2023-06-30 ends a half-year, a quarter and a month) and raises
            ParseError. On a column of pandas periods, freq must agree with their frequency.
        reasons
            Variable → a reason name per row of ``df`` ("" where the value is present): why the
            source left a cell missing, as :meth:`Facts.to_panel` marks a damaged figure
            ``damaged_source``. The cell must be NaN; compute() then never takes it as merely
            absent. A column ``<variable>_reason`` beside a variable's column (what
            :meth:`to_pandas` writes with ``reasons=True``, as ``zhibiao rollup`` writes them in
            CSV) gives the same, a reason name per row, blank where there is none; it is read as
            reasons, never as a variable.
        lenient
            As in :func:`read_csv`: a cell of a column of numbers that is no number (``约30``,
            ``/``) becomes NaN with reason ``unparseable``, counted in
            ``panel.report["cells_unparseable"]`` and listed in ``report["issues"]`` (with its
            ``row``: the DataFrame's index label), instead of raising ParseError.
        """
        _refuse_no_frame(df)
        load = _FrameLoad(cls._with_keys_as_columns(df, entity, period), entity, period)
        load.read_arguments(units, reasons, name, parent)
        load.explicit = variables is not None
        load.variables = (
            variables if variables is not None else cls._guess_variables(load.df, load.special, load.ignored)
        )
        keys = load.keys(freq, lenient)
        issues: list | None = [] if lenient else None
        columns, renamed, seen, percent = cls._load_columns(
            load.df, load.variables, (load.units, set(load.given_units)), keys, load.explicit, load.ignored, issues
        )
        written = {w: v for v, _, w in _headers_read(load.variables) if w and w not in _catalogue_names()}
        _check_units_loaded(load.given_units, {**seen, **written}, load.special, load.ignored)
        load.reasons = _reasons_by_variable(load.reasons or {}, seen, load.special, load.ignored)
        panel = cls._with_reason_columns(cls(load.core(keys, columns)), load.df, load.reason_columns, load.reasons)
        panel._ignored = [str(c) for c in load.ignored]
        panel._ignored_reasons = {str(c): why for c, why in load.ignored.items()}
        panel._renamed = renamed
        panel._percent_columns = percent
        panel._lenient_issues = (issues or []) + _infinity_issues(load.df, seen, panel._core)
        panel._skipped_rows = load.skipped
        panel._from_frame = True
        return panel

    @staticmethod
    def _with_reason_columns(
        panel: "Panel", df: Any, reason_columns: Mapping[Any, str], given: Mapping[str, Any]
    ) -> "Panel":
        """``panel`` with the reasons of the DataFrame's ``<variable>_reason`` columns, for the
        variables loaded; a variable given reasons both there and by ``reasons=`` is refused. The
        variables with neither take those ``df.attrs["reasons"]`` carries (``to_pandas()``'s)."""
        loaded = set(panel._core.variables)
        columns = {v: str(c) for c, v in reason_columns.items() if v in loaded}
        codes, places = _reasons_attr_codes(panel._core, df.attrs.get("reasons"), {*reason_columns.values(), *given})
        if not columns and not codes:
            return panel
        twice = sorted(set(columns) & set(given))
        if twice:
            raise _core.ArgumentError(
                f"Panel.from_pandas: reasons for '{twice[0]}' are given twice, by reasons= and by the column "
                f"'{columns[twice[0]]}'; give them one way"
            )
        codes.update({v: _reason_columns.codes_of_cells(df[c].tolist(), c) for v, c in columns.items()})
        return _reason_columns.with_given_reasons(panel, codes, {**places, **columns}, "Panel.from_pandas")

    @staticmethod
    def _with_keys_as_columns(df: Any, entity: str, period: str) -> Any:
        """The DataFrame with one name per column and the entity and period as columns (index
        levels, or an unnamed DatetimeIndex / PeriodIndex as the periods, are reset)."""
        import pandas as pd

        if isinstance(df.columns, pd.MultiIndex):
            df = _with_unit_level_read(df)
        if df.columns.has_duplicates:
            duplicated = list(dict.fromkeys(df.columns[df.columns.duplicated()]))
            raise _parse_error(
                f"duplicate column names in the DataFrame: {', '.join(map(repr, duplicated))}",
                variable=str(duplicated[0]),
            )
        given_index = df.index  # before reset_index: the levels the caller's frame has
        if entity not in df.columns or period not in df.columns:
            index_names = [n for n in df.index.names if n is not None]
            if (
                period not in df.columns
                and period not in index_names
                and df.index.name is None
                and isinstance(df.index, (pd.DatetimeIndex, pd.PeriodIndex))
            ):
                df = df.rename_axis(period).reset_index()
            elif entity in index_names or period in index_names:
                df = df.reset_index()
        for wanted in (entity, period):
            if wanted not in df.columns:
                # As read_csv names a misspelt entity column: the closest column or index level.
                names = [str(c) for c in df.columns] + [str(n) for n in df.index.names if n is not None]
                close = closest_name(str(wanted), names)
                # index levels too: a frame indexed by (区划代码, 时期) is read as its columns would be
                named_levels = any(n is not None for n in df.index.names)
                # the keys read_csv would take (for the default names), then a close name: a slip
                # (区划代吗) is the likelier mistake than a layout, which is said last
                hint = (
                    _as_read_csv_would_read(df.reset_index() if named_levels else df, entity, period)
                    or (f" (did you mean {close!r}?)" if close else "")
                    or _periods_as_columns_hint(df)
                    or _unnamed_levels_hint(given_index, str(wanted), entity, period)
                )
                raise _core.ParseError(f"no column or index level '{wanted}' in the DataFrame{hint}")
        return df

    @staticmethod
    def _guess_variables(df: Any, special: Mapping[Any, str], ignored: dict[Any, str]) -> list[Any]:
        """The columns that may hold numbers (numeric, object, string); others go to ``ignored``."""
        import pandas as pd

        variables = []
        for column in df.columns:
            if column in special:
                continue
            dtype = df[column].dtype
            if (
                (pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype))
                or pd.api.types.is_object_dtype(dtype)
                or pd.api.types.is_string_dtype(dtype)
            ):
                variables.append(column)
            else:
                ignored[column] = f"holds {dtype} values, not numbers"
        return variables

    @classmethod
    def _load_columns(
        cls,
        df: Any,
        variables: Sequence[Any],
        units_given: tuple[Mapping[str, str], set[str]],
        keys: tuple,
        explicit: bool,
        ignored: dict[Any, str],
        issues: list | None = None,
    ) -> tuple[list, dict[str, str], dict[str, Any], list[str]]:
        """(columns as (variable, values, reasons, unit), renamed columns, variable → column,
        columns read in % because their texts were all percentages) of the variable columns; a
        text column that is not one of numbers goes to ``ignored``. ``units_given`` is (column →
        unit, the columns whose unit the caller gave rather than ``attrs``); ``issues`` (lenient)
        collects the cells that are no number instead of raising."""
        units, given_by_caller = units_given
        entity_codes, entity_index, period_values, period_index = keys
        columns = []
        renamed: dict[str, str] = {}
        seen: dict[str, Any] = {}
        percent: list[str] = []
        missing = [c for c in variables if c not in df.columns]
        if missing:
            raise _core.MissingVariableError(absent_names("no column in the DataFrame", missing[:1], df.columns))
        for column, (variable, header_unit, renamed_from) in zip(variables, _headers_read(variables)):
            if variable in seen:
                raise _parse_error(
                    f"columns {seen[variable]!r} and {column!r} are both variable '{variable}'"
                    + _two_tables_hint(df, seen[variable], column),
                    variable=variable,
                )
            # units= by the heading as written, for one read by its meaning (研发经费内部支出, the variable
            # before round 28) or as an indicator by its official name (R&D经费投入强度 → rd_intensity)
            by_meaning = renamed_from if renamed_from not in _catalogue_names() else ""
            unit = units.get(column, units.get(variable, units.get(by_meaning, header_unit or None)))
            named = {column, variable, by_meaning} - {""}
            _refuse_two_units_given(variable, {str(k): units[k] for k in named & given_by_caller})
            if header_unit and unit and not (named & given_by_caller):
                _refuse_relabelled(column, header_unit, unit)
            given = unit
            values, reasons, unit = cls._column_values(
                df,
                column,
                variable,
                unit,
                entity_codes,
                entity_index,
                period_values,
                period_index,
                explicit,
                bool(header_unit),
                issues,
            )
            if values is None:
                ignored[column] = reasons  # why it is not a column of numbers
                continue
            if header_unit and not (named & set(units)):  # the sheet's %, not the caller's nor attrs'
                warn_possible_fractions(
                    df[column],
                    column,
                    variable,
                    unit,
                    lambda k: f"entity {entity_codes[entity_index[k]]}, period {period_values[period_index[k]]}",
                    renamed_from,
                    by_meaning or variable,  # a key units= takes: the heading as written (R&D经费投入强度) or the id
                )
            seen[variable] = column
            if renamed_from:
                renamed[str(column)] = variable
            if unit and not given:
                percent.append(variable)  # texts that were all percentages: a column in %
            columns.append((variable, values, reasons, unit))
        return columns, renamed, seen, percent

    @staticmethod
    def _column_values(
        df: Any,
        column: Any,
        variable: str,
        unit: str | None,
        entity_codes: list[str],
        entity_index: np.ndarray,
        period_values: list[str],
        period_index: np.ndarray,
        explicit: bool,
        header_unit: bool = False,
        issues: list | None = None,
    ) -> tuple[Any, Any, str | None]:
        """(values, reasons or None, unit) of one column — the unit given, or "%" for texts that
        were all percentages with none given; (None, why, None) for a column of texts that is not
        one of numbers (left out unless named in ``variables`` or given a unit in its header)."""
        import pandas as pd

        series = df[column]
        if series.dtype == np.float64:
            return (*_finite_only(series.to_numpy()), unit)  # a view of the DataFrame's block unless it holds ±inf
        if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
            _warn_float32(series, column)
            return (*_finite_only(series.to_numpy(dtype=np.float64, na_value=np.nan)), unit)
        if not (pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype)):
            raise _parse_error(f"column {column!r} holds {series.dtype} values, not numbers", variable=variable)
        texts = _cell_texts(series)  # a Python loop over the cells: once
        fractions = _fractions_beside_percentages(series, texts, unit)
        if fractions and issues is None:
            cell = series.iloc[fractions[0]]
            raise _parse_error(
                f"column {column!r}, row {series.index[fractions[0]]!r}: {_fractions_problem(cell, texts, str(unit))}",
                variable=variable,
            )
        values, reasons, first_bad, problem, percent = _core.parse_text_cells(texts, unit)
        if fractions:  # lenient: each such cell is no number, as a cell of text that is none
            values[fractions], reasons[fractions] = np.nan, _UNPARSEABLE
            first_bad = fractions[0] if first_bad is None else min(int(first_bad), fractions[0])
        unit = unit or percent
        # Guessing (no `variables`, no unit in the header): a column of texts is numbers only when
        # every cell is a number or a missing-value marker and at least one is a number. A column
        # named as a catalogue variable, or whose cells are mostly numbers, is meant as numbers:
        # its one bad cell is an error, as in read_csv, never a reason to drop the whole column.
        number_cells = int(np.count_nonzero(reasons == 0))
        not_numbers = int(np.count_nonzero(reasons == _UNPARSEABLE))
        meant_as_numbers = explicit or header_unit or variable in _catalogue_variables() or number_cells > not_numbers
        if first_bad is None:
            if meant_as_numbers or (reasons == 0).any():
                return values, reasons, unit
            return None, "holds only missing-value markers, no number", None
        if not meant_as_numbers:
            return None, f"holds texts that are not numbers (row {int(first_bad) + 1})", None
        if issues is not None:
            for bad in np.flatnonzero(reasons == _UNPARSEABLE):
                issues.append(
                    {
                        "row": df.index[bad],
                        "column": str(column),
                        "variable": variable,
                        "text": texts[bad],
                        "problem": _fractions_problem(series.iloc[bad], texts, str(unit))
                        if bad in fractions
                        else _cell_problem(texts[bad], unit),
                        "entity": entity_codes[entity_index[bad]],
                        "period": period_values[period_index[bad]],
                    }
                )
            return values, reasons, unit
        row = int(first_bad)
        # A guess from mostly numbers may meet a column of codes (industry 3511, C13): say how to leave it out.
        hint = "" if explicit or header_unit else "; a column of codes or labels is left out with variables=[...]"
        raise _parse_error(
            f"column {column!r}, row {row + 1} (entity {entity_codes[entity_index[row]]}, period "
            f"{period_values[period_index[row]]}): {problem}{hint}",
            entity=entity_codes[entity_index[row]],
            period=period_values[period_index[row]],
            variable=variable,
        )

    # ------------------------------------------------------------------ inspection
    @property
    def variables(self) -> list[str]:
        """Variable names in column order."""
        return list(self._core.variables)

    @property
    def units(self) -> dict[str, str | None]:
        """Variable → unit symbol, or None where the source gave no unit."""
        core = self._core
        return {v: core.unit(v).symbol if core.unit_given(v) else None for v in core.variables}

    @property
    def entities(self) -> Any:
        """The entities as a DataFrame: code, name, parent."""
        import pandas as pd

        return pd.DataFrame(
            {"code": self._core.entity_codes, "name": self._core.entity_names, "parent": self._core.entity_parents}
        )

    def _warn_of_totals_rows(self, what: str) -> None:
        """A totals row loaded as an entity (合计, 全市 in the entity column: validate's hard
        ``totals_row``) gets indicators of its own, the whole's beside its parts': said by a
        NestedRegionsWarning naming it, as composite.build says it (docs/loading.md)."""
        import warnings

        from .composite import NestedRegionsWarning

        if self._totals_said:  # zhibiao.dask said it once, for every partition
            return
        totals = _core.totals_entities(self._core)
        if not totals:
            return
        codes, names = self._core.entity_codes, self._core.entity_names
        shown = [codes[k] + (f" ({names[k]})" if names[k] and names[k] != codes[k] else "") for k in totals]
        # past compute and the keyword check around it: the caller's line
        warnings.warn(totals_row_message(what, shown), NestedRegionsWarning, stacklevel=4)

    def _warn_of_code_changes(self, what: str) -> None:
        """One place under two codes over the years (RegionCodeChangeWarning): its yoy() and
        growth() at the change are missing, said rather than left to be found."""
        if self._code_changes_said:  # zhibiao.dask said it once, over every partition
            return
        warn_of_code_changes(what, code_spans(self))

    @checked_keywords
    def recode(self, changes: Mapping[str, str] | Any) -> "Panel":
        """The panel with entity codes changed: old code → new code (a county turned district,
        330183 富阳市 → 330111 富阳区 in 2015), so that one place is one entity over the years.

        ``changes`` is a dict or Series (old → new), or a DataFrame with columns ``old`` and
        ``new`` (a code-change table kept as data). Codes are read as parent maps read them
        (330111.0 is 330111); a code changed to itself is no change. A chain is followed: with
        1 → 2 and 2 → 3, the rows of 1 and of 2 are 3's. A circle (a swap, 1 → 2 and 2 → 1) is
        refused, as is a blank code, an old code the panel lacks (with the nearest code) and an
        old code given two new ones. The entity keeps the name and parent of its last code where
        the panel has them, else those of the code nearest it in the chain (a parent code that
        changes is changed too), so that rollup() works after recode(). A period in which two of
        the codes have a row is refused (a merger or a split: its figures over the new boundary
        are a sum, :meth:`rollup`'s work)."""
        chains = _code_change_mapping(changes, self._core.entity_codes)
        frame = self.to_pandas(reasons=True)
        attrs = dict(frame.attrs)
        codes = list(self._core.entity_codes)
        names = dict(zip(codes, self._core.entity_names))
        parents = dict(zip(codes, self._core.entity_parents))
        frame = frame.reset_index()
        frame["entity"] = frame["entity"].map(lambda c: chains[c][-1] if c in chains else c)
        clashing = frame[frame.duplicated(["entity", "period"], keep=False)]
        if len(clashing):
            code, period = clashing.iloc[0]["entity"], clashing.iloc[0]["period"]
            olds = sorted(old for old, path in chains.items() if path[-1] == code)
            raise _core.ArgumentError(
                f"Panel.recode: entity {code} would have {int((clashing['entity'] == code).sum())} rows in "
                f"period {period} (from {', '.join(olds + ([code] if code not in olds else []))}): "
                "a code change joins rows of different periods; a merger of places holding rows in one "
                "period is a sum over the new boundary: panel.rollup({old: new, …}) gives it"
            )
        for old, path in chains.items():
            for label in (names, parents):
                # The last code's own, else the nearest before it in the chain (3, then 2, then 1).
                label[path[-1]] = next((label[c] for c in reversed([old, *path]) if label.get(c)), "")
        renamed = {old: path[-1] for old, path in chains.items()}
        parent_column = "\x00parent"  # no variable's name
        frame[parent_column] = frame["entity"].map(lambda c: renamed.get(parents.get(c, ""), parents.get(c, "")))
        frame = frame.set_index(["entity", "period"])
        attrs["names"] = {c: n for c, n in names.items() if n and c not in renamed}
        frame.attrs = attrs
        units = attrs.get("units", {})
        return Panel.from_pandas(
            frame, units={v: u for v, u in units.items() if v in frame.columns}, parent=parent_column
        )

    def _reasons_attr(self) -> dict[str, dict[str, dict[str, str]]]:
        """What ``to_pandas()`` carries in ``attrs["reasons"]``: variable → reason → the cells with
        it, ``"missing"`` (a missing cell) and ``"partial"`` (a partial roll-up sum, which keeps its
        value), each a text of ``entity<TAB>period`` lines. A few texts, not an object per cell:
        pandas (2.1 on) deep-copies attrs in every operation, and writes them into Parquet as JSON."""
        names = list(_core.reason_names)
        periods = [str(p) for p in self._core.periods]
        keys: list[str] | None = None
        out: dict[str, dict[str, dict[str, str]]] = {}
        for v in self._core.variables:
            codes = _reason_columns.reason_codes(self, v)
            if not codes.any():
                continue
            if keys is None:  # a cell's key, made once for all variables
                keys = [
                    f"{e}\t{periods[int(p)]}" for e, p in zip(self._core.row_entity_codes(), self._core.period_index)
                ]
            present = ~np.isnan(np.array(self._core.values(v)))
            by_reason: dict[str, dict[str, str]] = {}
            for code in np.unique(codes[codes > 0]):
                cells = {}
                for kind, rows in (("missing", (codes == code) & ~present), ("partial", (codes == code) & present)):
                    if rows.any():
                        cells[kind] = "\n".join(keys[r] for r in np.flatnonzero(rows))
                by_reason[names[code]] = cells
            out[v] = by_reason
        return out

    def _entity_names(self) -> dict[str, str]:
        """Entity code → name where the source gave names (empty when it gave none)."""
        names = dict(zip(self._core.entity_codes, self._core.entity_names))
        return names if any(names.values()) else {}

    @property
    def periods(self) -> list[str]:
        """Distinct periods in canonical form (2018, 2018H1, 2018Q2, 2018-06), in time order (by
        the end of the period, the longer span first: 2023, 2023Q4, 2024H1, 2024) whatever order
        the rows came in."""
        return list(self._core.periods)

    @property
    def report(self) -> dict[str, Any]:
        """What loading did with every input line and cell (counts and the first issues)."""
        report = dict(self._loaded_report or self._core.report)
        if getattr(self, "_ignored", None):
            report["ignored_columns"] = list(report["ignored_columns"]) + self._ignored
            report["ignored_reasons"] = dict(self._ignored_reasons)  # column → why it was not loaded
        if getattr(self, "_renamed", None):
            report["renamed_columns"] = {**report["renamed_columns"], **self._renamed}
        if getattr(self, "_percent_columns", None):
            report["percent_columns"] = list(report["percent_columns"]) + self._percent_columns
        if self._lenient_issues:
            report["cells_unparseable"] = report.get("cells_unparseable", 0) + len(self._lenient_issues)
            report["issues"] = list(report.get("issues", [])) + self._lenient_issues
        if self._from_frame:
            report.update(self._frame_counts())
        skipped = self._skipped_rows
        if skipped:  # from_pandas(lenient=True): rows without a code or period, as read_csv skips them
            report["rows_skipped"] = report.get("rows_skipped", 0) + len(skipped)
            report["issues"] = list(report.get("issues", [])) + skipped
        return report

    def _frame_counts(self) -> dict[str, int]:
        """from_pandas' rows and cells, counted as read_csv counts a file's (its report said 0 rows
        loaded and 0 cells missing of a frame with blanks): a cell that was no number is unparseable,
        not missing too."""
        cells = len(self) * len(self.variables)
        blank = sum(int(np.count_nonzero(np.isnan(self._core.values(v)))) for v in self.variables)
        return {
            "data_lines": len(self) + len(self._skipped_rows),
            "rows_loaded": len(self),
            "cells": cells,
            "cells_missing": blank - len(self._lenient_issues),
        }

    @checked_keywords
    def values(self, variable: str) -> np.ndarray:
        """A read-only NumPy view of one variable (no copy)."""
        return self._core.values(variable)

    def __len__(self) -> int:
        return int(self._core.rows)

    def __contains__(self, variable: object) -> bool:
        return variable in self._core.variables

    # ------------------------------------------------------------------ pandas out
    def index(self) -> Any:
        """The (entity, period) MultiIndex of the rows, built from codes without per-row strings."""
        import pandas as pd

        return pd.MultiIndex(
            levels=[pd.Index(self._core.entity_codes, dtype=object), pd.Index(self._core.periods, dtype=object)],
            codes=[self._core.entity_index, self._core.period_index],
            names=["entity", "period"],
            verify_integrity=False,
        )

    @checked_keywords
    def to_pandas(self, *, reasons: bool = False) -> Any:
        """A DataFrame indexed by (entity, period) with a column per variable.

        Units are kept in ``df.attrs["units"]`` (variable → unit symbol) and the entity names in
        ``df.attrs["names"]`` (code → name, when the panel has names), which :meth:`from_pandas`
        reads back. Values are copies; the panel is unchanged.

        With ``reasons=True``, each variable with a reason on any row (a missing cell's
        ``unparseable``, ``incomplete_rollup``… — or a partial roll-up sum's) is followed by a
        column ``<variable>_reason``: the reason's name, missing where there is none (a
        categorical of the reason names, as ``compute(..., reasons=True)`` gives). That is the
        convention of ``zhibiao rollup``'s CSV, so :meth:`from_pandas` and, through
        ``df.to_csv``, :func:`read_csv` read them back as reasons: the panel round-trips. Without
        it (the default) the DataFrame holds only numbers, and the reasons travel in
        ``df.attrs["reasons"]`` instead (variable → reason → ``{"missing": cells, "partial": cells}``,
        each cell an ``entity<TAB>period`` line; a partial roll-up sum keeps its value), which
        :meth:`from_pandas` reads back for the rows it is given: a partial sum taken through pandas
        is never read as a complete total (docs/loading.md).
        """
        import pandas as pd

        if not isinstance(reasons, bool):
            raise TypeError(f"Panel.to_pandas: reasons must be True or False, not {reasons!r}")
        data = {}
        for v in self._core.variables:
            data[v] = np.array(self._core.values(v))
            codes = _reason_columns.reason_codes(self, v) if reasons else None
            if codes is not None and codes.any():
                data[v + _reason_columns.SUFFIX] = _reason_frame_column(codes)
        df = pd.DataFrame(data, index=self.index())
        df.attrs["units"] = {v: u for v, u in self.units.items() if u is not None}
        carried = {} if reasons else self._reasons_attr()
        if carried:  # a number per cell in the frame, its reason beside it in attrs: from_pandas reads them
            df.attrs["reasons"] = carried
        names = self._entity_names()
        if names:  # entity code → name, as compute() carries them: from_pandas reads them back
            df.attrs["names"] = names
        return df

    # ------------------------------------------------------------------ computation
    @checked_keywords
    def compute(
        self,
        ids: Iterable[str | Indicator] | str | Indicator | None = None,
        *,
        reasons: bool = False,
        strict: bool | None = None,
        basis: str = "month",
        catalogue: Catalogue | None = None,
    ) -> Any:
        """Computes catalogue indicators.

        Parameters
        ----------
        ids
            Catalogue ids and :class:`Indicator` objects; ``None`` computes the whole catalogue.
        reasons
            Also return a DataFrame of the same shape giving, for every missing value, why
            (``missing_input``, ``zero_denominator``, ``negative_denominator``,
            ``negative_input``, ``out_of_range``, ``unit_mismatch``, ``missing_variable``,
            ``unparseable``); present values have a missing reason, except values computed from
            a partial roll-up sum (``rollup(partial_sums=True)``): ``incomplete_rollup`` or
            ``invalid_child``, and a value over the matched children (docs/rollup.md).
        strict
            Raise MissingVariableError / IncompatibleUnitsError (default when ``ids`` are
            given; the error names every indicator asked for whose variables the panel lacks),
            or turn such an indicator into a column of NaN with its reason (default for the
            whole catalogue).
        basis
            How ``elapsed()`` measures time progress: "month" (June = 50%), "day", or
            "quarter" (whole quarters over: June = 50%, 1-5月 = 25%).
        catalogue
            A catalogue from :func:`load_catalogue`; the built-in one by default.

        Returns
        -------
        DataFrame, or (DataFrame, DataFrame) with ``reasons=True``
            Indexed by (entity, period), one column per indicator in its unit
            (``attrs["units"]``). The columns of one call are views of one block of memory
            (no copy): keeping any one of them keeps the whole block; ``.copy()`` a column to
            keep it alone.
        """
        import pandas as pd

        if not isinstance(reasons, (bool, np.bool_)):  # 'no' is truthy: it gave the (values, reasons) pair
            raise ArgumentTypeError(f"Panel.compute: reasons must be True or False, not {reasons!r}")
        if strict is not None and not isinstance(strict, (bool, np.bool_)):  # as reasons: 'no' is truthy
            raise ArgumentTypeError(f"Panel.compute: strict must be True, False or None, not {shown(strict)}")
        core_catalogue = _core_of(catalogue) if catalogue is not None else _core.Catalogue.builtin()
        if ids is None:
            id_list = list(core_catalogue.ids)
            strict = False if strict is None else strict
        else:
            wanted = [ids] if isinstance(ids, (str, Indicator)) else _id_list(ids)
            _refuse_joined_ids(wanted, core_catalogue)
            extra = [i for i in wanted if isinstance(i, Indicator)]
            _check_one_definition_per_id(wanted, core_catalogue)
            if extra:
                core_catalogue = core_catalogue.copy()
                for indicator in extra:
                    indicator._add_to(core_catalogue)
            id_list = [i.id if isinstance(i, Indicator) else i for i in wanted]
            strict = True if strict is None else strict
        try:
            results = self._computed(id_list, bool(strict), basis, core_catalogue)
        except _core.MissingVariableError as e:
            _say_misspelt_heading(e, list(self.units), core_catalogue)
            if len(id_list) < 2:
                _say_indicator_as_column(e, id_list, list(self.units), core_catalogue)
                raise
            # one error for every indicator asked for that the panel cannot give, not the first alone
            lenient = self._computed(id_list, False, basis, core_catalogue)
            left = _left_out(lenient)
            error = _every_missing_variable(e, left, len(id_list))
            for other in dict.fromkeys(left.values()):  # each variable's misspelt heading, not the first's alone
                if other != getattr(e, "variable", ""):
                    _say_misspelt_heading(error, list(self.units), core_catalogue, other)
            _say_indicator_as_column(error, list(left), list(self.units), core_catalogue)
            raise error from None
        index = self.index()
        # A dict in id order and no `columns=`: pandas then neither copies through object arrays
        # nor reorders (ids are unique: the catalogue's are). copy=False: the arrays are fresh
        # from _core and ours alone; pandas would otherwise copy them all into one block.
        values = pd.DataFrame({r[0]: r[2] for r in results}, index=index, copy=False)
        values.attrs["units"] = {r[0]: r[1] for r in results}
        # A custom Indicator's decimals, which write_csv and to_excel print it with (the built-in
        # catalogue's alone would leave growth(gdp) as 5.000000000000004).
        values.attrs["decimals"] = {r[0]: int(core_catalogue.indicator(r[0])["decimals"]) for r in results}
        names = self._entity_names()
        if names:
            values.attrs["names"] = names  # entity code → name, for plots and written tables
        problems = {r[0]: r[4] for r in results if r[4]}
        if problems:
            values.attrs["problems"] = problems
        self._warn_of_totals_rows("compute")
        self._warn_of_code_changes("compute")
        if not reasons:
            return values
        why = pd.DataFrame({r[0]: _reason_frame_column(r[3]) for r in results}, index=index, copy=False)
        return values, why

    def _computed(self, id_list: list[str], strict: bool, basis: str, core_catalogue: Any) -> list:
        """The C++ core's results for ``id_list`` (a tuple per indicator: id, unit, values, reason
        codes, problem)."""
        if self._rollup_source is not None:
            # A partial roll-up: the C++ core computes it from the children (zhibiao/rollup.hpp's
            # compute_rolled_up), in this panel's rows, over the matched children where a value
            # draws on a partial sum.
            children, mapping, also_sum, rollup_catalogue = self._rollup_source
            return _core.compute_rolled_up(
                children,
                mapping,
                id_list,
                True,
                also_sum,
                strict=strict,
                basis=basis,
                rollup_catalogue=rollup_catalogue,
                catalogue=core_catalogue,
            )
        results = _core.compute(self._core, id_list, strict=strict, basis=basis, catalogue=core_catalogue)
        if self._complete_rollup is not None:
            complete = _core.compute(
                self._complete_rollup, id_list, strict=strict, basis=basis, catalogue=core_catalogue
            )
            results = _flag_partial_sums(results, complete)
        return results

    @checked_keywords
    def evaluate(
        self, formula: str, unit: str | None = None, *, basis: str = "month", catalogue: Catalogue | None = None
    ) -> Any:
        """Any formula over the panel as a Series indexed like the panel (unit in ``attrs``)."""
        import pandas as pd

        core_catalogue = _core_of(catalogue) if catalogue is not None else _core.Catalogue.builtin()
        unit_symbol, values, _ = _core.evaluate(self._core, formula, unit, basis=basis, catalogue=core_catalogue)
        series = pd.Series(values, index=self.index(), name=formula)
        series.attrs["unit"] = unit_symbol
        return series

    @checked_keywords
    def explain(
        self,
        indicator: str | Indicator,
        entity: str | int,
        period: str | int,
        *,
        strict: bool = True,
        basis: str = "month",
        catalogue: Catalogue | None = None,
    ) -> Any:
        """Where one value comes from: the audit trail of ``indicator`` for ``entity`` at ``period``.

        Returns an ``Explanation``: the formula, the value (``compute()``'s, bit for bit) and why
        it is missing if it is, the formula's result in its own unit and the factor into the
        indicator's, the catalogue's valid range, and the values read (``.terms``,
        ``.to_frame()``): for each variable and each indicator the formula uses (and, one level
        deeper, what those read) the entity and period actually read — ``year_end()`` taking the
        previous year end's population, ``yoy()`` the same half a year earlier —, the value as
        stored and its unit, the value in the unit the formula uses it in, and its reason when
        it has none. On a roll-up each variable read says how many children were summed into it
        (``.coverage``). Printed, it is a readable account; in a notebook, a table.

        An unknown indicator, entity or period is an error naming the closest. ``strict=False``
        explains a value whose variables the panel lacks (NaN, ``problem`` says which).
        """
        from . import _explain

        if not isinstance(indicator, (str, Indicator)):
            raise ArgumentTypeError(f"Panel.explain: indicator must be an id or an Indicator, not {shown(indicator)}")
        for name, given in (("entity", entity), ("period", period)):
            if isinstance(given, bool) or not isinstance(given, (str, int, np.integer)):
                raise ArgumentTypeError(f"Panel.explain: {name} must be a str, not {shown(given)}")
        if not isinstance(strict, (bool, np.bool_)):
            raise ArgumentTypeError(f"Panel.explain: strict must be True or False, not {shown(strict)}")
        core_catalogue = _core_of(catalogue) if catalogue is not None else _core.Catalogue.builtin()
        if isinstance(indicator, Indicator):
            _check_one_definition_per_id([indicator], core_catalogue)
            core_catalogue = core_catalogue.copy()
            indicator._add_to(core_catalogue)
            indicator = indicator.id
        self._refuse_entity_by_name(str(entity), "explain")
        return _explain.explain(self, indicator, str(entity), str(period), bool(strict), basis, core_catalogue)

    def _refuse_entity_by_name(self, entity: str, where: str) -> None:
        """An entity given by its name, not its code (门头沟区 for 110109): refused naming the code,
        or the codes of every entity of that name (鼓楼区 is a district of four cities), not merely
        "no entity" with a code that is near in spelling only."""
        codes, names = self._core.entity_codes, self._core.entity_names
        if entity in codes or entity not in names:
            return
        named = [code for code, name in zip(codes, names) if name == entity]
        error = _core.ArgumentError(
            f"{where}: the panel has no entity {entity!r}: entities are given by their codes, and {entity!r} is "
            f"the name of {', '.join(named[:10])}{f' and {len(named) - 10} more' if len(named) > 10 else ''}"
        )
        error.entity = entity  # type: ignore[attr-defined]  # as the core's errors carry the bad input
        raise error

    # ------------------------------------------------------------------ roll-up and checks
    @checked_keywords
    def rollup(
        self,
        parents: Mapping[str, str] | Any = "admin",
        *,
        to: str | None = None,
        partial_sums: bool = False,
        also_sum: Sequence[str] = (),
        catalogue: Catalogue | None = None,
    ) -> "Panel":
        """The panel of the parents: extensive variables summed, ready for ``compute``.

        Indicators computed on the result are ratios of sums — never means of the children's
        ratios. Variables the catalogue declares as rates (or does not know) are left out
        (``.not_summed``) unless listed in ``also_sum`` (a name there that is no variable of the
        panel is a MissingVariableError with the closest one; a ratio column, in %, ‰ or a
        per-something unit, is an ArgumentError: its children's values do not add up).

        Parameters
        ----------
        parents
            Child code → parent code (a dict or Series), or ``"admin"`` to read the parents
            from 6-digit administrative codes (a 12-digit township code: its county, the first 6
            digits). Float codes (320600.0) are codes, spaces around a code are dropped, a blank
            parent is none; a child given two parents is an Error.
        to
            With ``"admin"``: roll up to "prefecture" or "province" instead of the immediate parent.
        partial_sums
            Keep the sum over the children with a valid value instead of marking the parent
            missing (reason ``incomplete_rollup`` when children have no value, ``invalid_child``
            when a child's value is invalid); the coverage table shows it either way. An
            indicator that draws on such a sum is computed over the matched children — those
            with every input of the indicator valid, so numerator and denominator cover the same
            children — and carries that reason in ``compute(..., reasons=True)``.

        A child value invalid for computing is never summed: below the catalogue variable's
        ``min`` (a negative count or amount), a count that is not a whole number, an unparseable
        cell, or a parent that is itself ``invalid_child``. Without ``partial_sums`` the parent is
        NaN with reason ``invalid_child``; with it, the sum over the valid children only.

        Returns
        -------
        Panel
            With ``.coverage``: a DataFrame (parent, period, variable, children, with_data — of
            them with a value —, valid — of them with a value that could be summed —, complete:
            valid == children) and ``.not_summed``.

        Ctrl-C interrupts a long roll-up (KeyboardInterrupt).
        """
        import pandas as pd

        if not isinstance(parents, (str, Mapping)) and not (hasattr(parents, "index") and hasattr(parents, "tolist")):
            raise ArgumentTypeError(
                f"Panel.rollup: parents must be a mapping (child → parent), a Series or 'admin', not {shown(parents)}"
            )
        also_sum = [also_sum] if isinstance(also_sum, str) else also_sum  # one name, not its letters
        also_sum = list(also_sum) if isinstance(also_sum, Iterable) else also_sum
        if not isinstance(also_sum, list) or any(not isinstance(n, str) for n in also_sum):
            raise ArgumentTypeError(
                f"Panel.rollup: also_sum must be a variable name or a list of them, not {shown(also_sum)}"
            )
        if isinstance(parents, str):
            if parents != "admin":
                close = " (did you mean 'admin'?)" if closest_name(parents, ["admin"]) else ""
                raise _core.ArgumentError(f"parents must be a mapping or 'admin', not {parents!r}{close}")
            if to == "":  # "" would read as "not given" (the immediate parent): say so instead
                raise _core.ArgumentError(
                    "to must be 'province' or 'prefecture', not '' (leave it out for the immediate parent)"
                )
            mapping = _core.admin_parents(self._core, to or "")
            _warn_no_province(mapping)
        else:
            if to is not None:
                raise _core.ArgumentError("'to' goes with parents='admin'")
            mapping = _parent_map(parents)
        core_catalogue = _core_of(catalogue) if catalogue is not None else None
        core, coverage, not_summed = _core.rollup(self._core, mapping, partial_sums, list(also_sum), core_catalogue)
        if self._rollup_source is not None:
            # This panel is a partial roll-up: its partial sums are no complete figures. Roll its
            # children up at once instead (child → this panel's entity → its parent), as if they
            # had been rolled up to the new parents directly; the roll-up above checked the map.
            children, first, _, _ = self._rollup_source
            composed = {child: mapping[parent] for child, parent in first.items() if parent in mapping}
            return Panel(children).rollup(composed, partial_sums=partial_sums, also_sum=also_sum, catalogue=catalogue)
        if self._complete_rollup is not None:
            # A partial roll-up read back from CSV, without its children: its partial sums roll up
            # as the gaps they are (with their reasons), never as complete figures.
            return Panel(self._complete_rollup).rollup(
                mapping, partial_sums=partial_sums, also_sum=also_sum, catalogue=catalogue
            )
        result = Panel(core)
        table = pd.DataFrame(coverage)
        table["complete"] = table["children"] == table["valid"]
        result.coverage = table
        result.not_summed = list(not_summed)
        if partial_sums and not table["complete"].all():
            result._complete_rollup = _core.rollup(self._core, mapping, False, list(also_sum), core_catalogue)[0]
            result._rollup_source = (self._core, mapping, list(also_sum), core_catalogue)
        return result

    @checked_keywords
    def validate(
        self, rules: str | os.PathLike[str] | Sequence[Any] | None = None, *, catalogue: Catalogue | None = None
    ) -> Any:
        """Data-quality findings, one row each: entity, period, variable, rule, severity, message.

        Parameters
        ----------
        rules
            None for the built-in rules (data/rules.toml), a path to a TOML file of
            ``[[rule]]`` tables, or a list of rules from :func:`load_rules` and ids of built-in
            rules (``["population_positive", "rd_not_above_gdp"]``: those alone).

        The result's ``attrs`` hold ``skipped`` (rules whose inputs the panel lacks) and
        ``rules_applied``.
        """
        import pandas as pd

        if rules is None:
            rule_list = _core.builtin_rules()
        elif isinstance(rules, (str, os.PathLike)):
            _refuse_rule_id_as_path(rules)
            rule_list = load_rules(rules)
        elif not isinstance(rules, Iterable):
            raise ArgumentTypeError(
                f"Panel.validate: rules must be None, a path to a rules file or a list of rules, not {shown(rules)}"
            )
        else:
            rule_list = _rules_listed(rules)
        core_catalogue = _core_of(catalogue) if catalogue is not None else None
        findings, skipped, applied = _core.validate(self._core, rule_list, core_catalogue)
        table = pd.DataFrame(
            {
                name: column if name == "message" else np.asarray(column["labels"], dtype=object)[column["codes"]]
                for name, column in findings.items()
            },
            columns=["entity", "period", "variable", "rule", "severity", "message"],
        )
        table.attrs["skipped"] = list(skipped)
        table.attrs["rules_applied"] = applied
        return table

    # ------------------------------------------------------------------ display
    def __repr__(self) -> str:
        from ._repr import panel_text

        return panel_text(self)

    def _repr_html_(self) -> str:
        from ._repr import panel_html

        return panel_html(self)


def _rules_listed(rules: Iterable[Any]) -> list[Any]:
    """validate()'s list of rules: rules as load_rules gives them, and built-in rules by id (the
    ``rule`` column of the findings names them so). Anything else was a raw pybind11 TypeError
    naming C++ types; a misspelt id is an error with "did you mean", never a rule skipped."""
    builtin = {rule.id: rule for rule in _core.builtin_rules()}
    chosen = []
    for item in rules:
        if isinstance(item, _core.Rule):
            chosen.append(item)
        elif isinstance(item, str) and item in builtin:
            chosen.append(builtin[item])
        elif isinstance(item, str):
            guess = closest_name(item, builtin)
            raise _core.ArgumentError(
                f"Panel.validate: no built-in rule '{item}'"
                + (f" (did you mean '{guess}'?)" if guess else "")
                + f"; the built-in rules: {', '.join(sorted(builtin))}"
            )
        else:
            raise ArgumentTypeError(
                f"Panel.validate: rules lists rules (from load_rules) or ids of built-in rules, not {shown(item)}"
            )
    return chosen


def _refuse_rule_id_as_path(rules: str | os.PathLike[str]) -> None:
    """validate("population_positive") meant the rule, not a file of that name: say so rather than
    "no such file" (a file that is there is read as the path it is)."""
    if not isinstance(rules, str) or os.path.exists(rules) or any(c in rules for c in "./\\"):
        return  # a path, or a file's name: its MissingFileError says which
    ids = [rule.id for rule in _core.builtin_rules()]
    guess = rules if rules in ids else closest_name(rules, ids)
    if guess is not None:
        raise _core.ArgumentError(
            f"Panel.validate: rules='{rules}' is no file; for the built-in rule give a list: rules=['{guess}']"
        )


@checked_keywords
def load_rules(path: str | os.PathLike[str]) -> list[Any]:
    """Data-quality rules from a TOML file of ``[[rule]]`` tables (id, severity, variable, check,
    message), in the shape of the built-in data/rules.toml."""
    # Read by the C++ reader of definition files: a missing file is a MissingFileError (a
    # FileNotFoundError), a directory or device a FileError, and the size is capped.
    return list(_core.rules_from_toml(_core.read_text_file(path), os.fsencode(path)))


# The C++ loader names its options as C++ spells them; a Python user reads read_csv's keywords.
_CPP_OPTIONS = {
    "name it with csv_options::entity": "name it with entity=...",
    "name it with csv_options::period ": "name it with period=... ",
    "give every row one with csv_options::period_value": "give every row one with period_value=...",
    "leave it out with csv_options::ignore": "leave it out with ignore=[...]",
    "leave one out with csv_options::ignore": "leave one out with ignore=[...]",
    "csv_options::units gives": "units= gives",
    "give them with csv_options::units": "pass them as units={...}",
    # trial23a F10: options a Python user writes as keywords, or has none of (the limits)
    "csv_options::units names": "units= names",
    "csv_options::ignore names": "ignore= names",
    "csv_options::separator '": "sep='",
    "csv_options::decimal ','": "decimal=','",
    "csv_options::decimal must": "decimal= must",
    " (csv_options::separator)": "",
    " (csv_options::decimal)": "",
    " (csv_options::max_columns)": "",
    " (csv_options::max_long_cells, max_long_fill)": "",
}


@contextlib.contextmanager
def _in_python_words() -> Iterator[None]:
    """Errors of the C++ loader re-raised (same type, same attributes) with read_csv's keywords."""
    try:
        yield
    except _core.Error as e:
        if e.args and isinstance(e.args[0], str) and "csv_options::" in e.args[0]:
            message = e.args[0]
            for cpp, python in _CPP_OPTIONS.items():
                message = message.replace(cpp, python)
            e.args = (message, *e.args[1:])
        raise


def _is_pipe(path: Any) -> bool:
    """Whether ``path`` names a pipe or FIFO (False for anything else, or a path that cannot be
    looked at: read_csv then says why)."""
    import stat

    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except (OSError, TypeError, ValueError):
        return False


# The encodings read_csv takes, by the name Python's codecs give them: each as the reader's own
# choice. GBK and GB2312 are subsets of GB18030; UTF-16 is recognised in every mode (its BOM or its
# zero bytes), so asking for it is "auto".
_READ_ENCODINGS = {
    "auto": "auto",
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8",
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "utf-16": "auto",
    "utf-16-le": "auto",
    "utf-16-be": "auto",
}


def _read_encoding(encoding: Any) -> str:
    """read_csv's ``encoding`` as the reader's choice ("auto", "utf-8", "gb18030"), the names a
    pandas user types ("utf8", "GBK", "cp936", "utf-16le") mapped as Python's codecs name them;
    an encoding it cannot read is an ArgumentError listing those it can, with "did you mean"."""
    import codecs

    if not isinstance(encoding, str):
        raise TypeError(f"read_csv: encoding must be a text such as 'utf-8', not {type(encoding).__name__}")
    wanted = encoding.strip().lower()
    if wanted == "auto":
        return "auto"
    try:
        canonical: str | None = codecs.lookup(wanted).name
    except LookupError:
        canonical = None
    if canonical in _READ_ENCODINGS:
        return _READ_ENCODINGS[canonical]
    accepted = [*_READ_ENCODINGS, "cp936"]
    close = None if canonical else closest_name(wanted, accepted)
    hint = f" (did you mean {close!r}?)" if close else ""
    known = f" ({canonical}, which it does not read: convert the file to UTF-8 first)" if canonical else ""
    raise _core.ArgumentError(
        f"read_csv: encoding {encoding!r}{known}{hint}; read_csv reads {', '.join(accepted)}, "
        "and names Python gives them ('utf8', 'GBK')"
    )


@checked_keywords
def read_csv(
    path: str | os.PathLike[str] | Any,
    *,
    entity: str | None = None,
    period: str | None = None,
    name: str | None = None,
    parent: str | None = None,
    units: Mapping[str, str] | None = None,
    ignore: Sequence[str] | str | None = (),
    sep: str = ",",
    decimal: str | None = None,
    encoding: str = "auto",
    layout: str = "auto",
    na_values: Sequence[str] | None = None,
    lenient: bool = False,
    threads: int = 0,
    period_value: str | None = None,
    progress: Any = False,
) -> Panel:
    """Loads a panel from CSV (wide or long layout; UTF-8, UTF-8 with BOM, GB18030).

    Parameters
    ----------
    path
        A file path (str, bytes or os.PathLike; any file name the OS allows), or a file object
        opened in binary mode. A missing file raises MissingFileError (a FileNotFoundError); a
        directory or device FileError.
    entity, period, name, parent
        Column names; detected when omitted by the headings of data/headings.toml, ASCII in any
        case (entity: entity, region, code, adcode, 地区代码, 区划代码, 统一社会信用代码, then names:
        地区, 区县, 县（市、区）, 省份, 企业名称, 企业, 单位…; period: period, year, 年份, 时期, 年度,
        报告期…; name: name, 名称, 地区名称, 企业名称, 单位名称, or 地区 beside a code; parent:
        parent, 上级代码). A long file's columns: variable or 指标, value or 数值, unit or 单位. An
        entity or parent code in full-width digits (３２０１０２) is a ParseError at its cell.
    units
        Variable → unit text; overrides units in the header (``gdp[亿元]``). A name that is no
        variable of the file is a MissingVariableError with the closest one (it did nothing); a column
        read as an indicator (R&D经费投入强度 as rd_intensity) takes either name. Under a header saying %
        and none given here, numbers that may be fractions (0.023) give a PercentFractionWarning.
    ignore
        Columns to leave out (e.g. text columns), by the name they are read as or their heading
        as written (a str is one name; None is none); listed in the load report, and never
        taken as the entity, period, name or parent column. A name that is
        no column of the file is a MissingVariableError. Of two headings read as one variable,
        ignore= leaves one out before they are refused as a duplicate.
    sep
        The field separator (one character).
    decimal
        The decimal mark, "." or ",". With "," (Excel's CSV where the comma is the decimal mark,
        separated by ";"), "1,5" is 1.5 and points group thousands ("1.234,5"). By default ".",
        except that in a file separated by ";" a number with a comma ("1,500": 1.5 or 1500?) is
        refused as ambiguous (ParseError naming the cell) until ``decimal`` is given.
    encoding
        "auto" (UTF-8 when valid, else GB18030), "utf-8" or "gb18030", or a name Python gives
        them, in any case: "utf8", "utf_8", "utf-8-sig" (a byte order mark is read in every
        mode) are "utf-8"; "gbk", "gb2312", "cp936" are "gb18030", which holds them; "utf-16",
        "utf-16-le", "utf-16-be" are "auto", which recognises UTF-16 by its byte order mark or
        its zero bytes. Any other is an ArgumentError listing these.
    layout
        "auto", "wide" (a column per variable) or "long" (entity, period, variable, value, unit).
    na_values
        Texts read as missing; by default "", "-", "—", "NA", "N/A", "NaN", "null", ...
    lenient
        Turn unparseable cells into NaN with reason "unparseable" and skip rows with the wrong
        number of fields, all counted in ``panel.report``, instead of raising ParseError.
    threads
        Threads for large files (0: one per core); the result is the same for any count.
    period_value
        The period of every row when the file has no period column (e.g. a table of firms for
        one year: ``period_value="2024"``).
    progress
        True: a bar that advances as the file is parsed (block by block); or a function
        ``(bytes_done, bytes_total)``, told at most every 0.1 s and at the end (with several
        threads, of this thread's share of the file, which the others parse alongside).

    Notes
    -----
    The whole file is read into memory once (a GB18030 or UTF-16 file also gets a UTF-8 copy),
    not memory-mapped (a file truncated by another program while mapped would kill this one with
    SIGBUS): a load needs about the file's size on top of the panel. A file that changes size
    while it is read raises ParseError.
    """
    _check_path_and_sep(path, sep)
    options: dict[str, Any] = dict(
        separator=sep,
        decimal=decimal or "",
        encoding=_read_encoding(encoding),
        layout=layout,
        entity=entity or "",
        period=period or "",
        name=name or "",
        parent=parent or "",
        units=list((units or {}).items()),
        ignore=[ignore] if isinstance(ignore, str) else list(ignore or ()),
        na_values=None if na_values is None else list(na_values),
        lenient=lenient,
        threads=threads,
        period_value=period_value or "",
    )
    return _read_csv_panel(path, options, sep, progress)


def _check_path_and_sep(path: Any, sep: Any) -> None:
    """read_csv's checks of ``path`` and ``sep`` before a byte is read."""
    if not isinstance(path, (str, bytes, os.PathLike)) and not hasattr(path, "read"):
        raise ArgumentTypeError(
            f"read_csv: path must be a file path (str, bytes or os.PathLike) or a file object, not {shown(path)}"
        )
    if len(sep) != 1:
        raise _core.ParseError(f"sep must be one character, not {sep!r}")
    if ord(sep) > 0x7F:  # a full-width '，' would reach the loader as one byte of a character
        raise _core.ArgumentError(f"sep must be an ASCII mark (',', ';', '\\t', '|'...), not {sep!r}")


def _read_csv_panel(path: Any, options: dict[str, Any], sep: str, progress: Any) -> Panel:
    """read_csv's load of ``path`` (a file, a pipe or a file object) with the core's ``options``,
    and the reasons of its ``<variable>_reason`` columns."""
    from ._progress import parsing

    with parsing(progress), _in_python_words():
        if hasattr(path, "read") or _is_pipe(path):
            if hasattr(path, "read"):
                data, name = path.read(), str(getattr(path, "name", "<stream>"))
            else:
                # A pipe (`<(zhibiao rollup …)`, a FIFO) is read once, here: its header tells the
                # <variable>_reason columns, and it cannot be read again for them.
                with open(path, "rb") as pipe:
                    data, name = pipe.read(), os.fsdecode(path)
            if isinstance(data, str):
                data = data.encode("utf-8")
            source = data
            reasons = _reason_columns.in_header(data[: _reason_columns.HEAD_BYTES], sep)
            options["ignore"] += [r.strip() for r in reasons]  # as read_csv trims the header
            panel = Panel(_core.parse_csv(data, source=name, **options))
            head = data[: _reason_columns.HEAD_BYTES]
        else:
            source, name = path, os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else str(path)
            head = _reason_columns.first_line(path)
            reasons = _reason_columns.in_header(head, sep)
            options["ignore"] += [r.strip() for r in reasons]  # as read_csv trims the header
            panel = Panel(_core.read_csv(path, **options))  # str, bytes or PathLike: the C++ side os.fsencode()s it
    warn_fractions_in_file(panel, head, source, sep, {variable for variable, _ in options["units"]})
    # <variable>_reason columns (what `zhibiao rollup` writes): the reasons of the cells
    return _reason_columns.carried(panel, source, name, reasons, sep) if reasons else panel
