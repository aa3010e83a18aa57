"""Patents in force per region at given dates, from patent-level records."""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from ._suggest import checked_keywords, closest_name
from . import _core

_NO_DATE = np.iinfo(np.int32).min
_INVENTION = ("invention", "发明", "发明专利")


# datetime64 units finer than a day, as ticks per day (coarser ones — weeks, months — go through numpy).
_TICKS_PER_DAY = {
    "D": 1,
    "h": 24,
    "m": 1440,
    "s": 86_400,
    "ms": 86_400_000,
    "us": 86_400_000_000,
    "ns": 86_400_000_000_000,
}


def _days(values: Any, column: str, threads: int = 0) -> np.ndarray:
    """Dates → int32 days since 1970-01-01; empty → "no date"; text that is not a date → ParseError."""
    import pandas as pd

    array = np.asarray(values)
    if array.dtype.kind == "M":  # already dates: integer arithmetic in C++, no parsing
        unit, count = np.datetime_data(array.dtype)
        if unit in _TICKS_PER_DAY and _TICKS_PER_DAY[unit] % count == 0:
            return _core.days_from_ticks(array.view(np.int64), _TICKS_PER_DAY[unit] // count, threads)
        days = array.astype("datetime64[D]").astype(np.int64)
        days[np.isnat(array)] = _NO_DATE
        return days.astype(np.int32)
    parsed = pd.to_datetime(array, errors="coerce")
    unread = np.flatnonzero(pd.isna(parsed))
    for row in unread:  # only the cells that did not read as dates
        cell = array[row]
        if not (cell is None or (isinstance(cell, float) and np.isnan(cell)) or str(cell).strip() == ""):
            raise _core.ParseError(f"column '{column}', record {int(row)}: cannot read {cell!r} as a date")
    days = np.asarray(parsed.to_numpy(dtype="datetime64[D]")).astype(np.int64)
    days[unread] = _NO_DATE
    return days.astype(np.int32)


def _ticks(values: Any) -> tuple[np.ndarray, int] | None:
    """A datetime64 column whose unit divides a day as (int64 ticks, ticks per day), else None
    (text dates, weeks, months: read by _days)."""
    array = np.asarray(values)
    if array.dtype.kind != "M":
        return None
    unit, count = np.datetime_data(array.dtype)
    if unit not in _TICKS_PER_DAY or _TICKS_PER_DAY[unit] % count:
        return None
    return np.ascontiguousarray(array).view(np.int64), _TICKS_PER_DAY[unit] // count


def _column(records: Any, name: str, role: str) -> Any:
    """The column ``name`` of the records, or MissingVariableError naming the role and the closest
    column (a misspelt ``end=`` must not count lapsed patents as in force)."""
    if name in records:
        return records[name]
    guess = closest_name(str(name), [str(c) for c in records.columns])
    hint = f"; did you mean {guess!r}?" if guess else f"; the columns are {', '.join(map(str, records.columns))}"
    raise _core.MissingVariableError(f"patents_in_force: no {role} column {name!r} in the records{hint}")


def _query_dates(dates: Any) -> Any:
    """The dates to count at: a list of dates, or one date alone (a str is one date, not its characters)."""
    import pandas as pd

    if isinstance(dates, (str, bytes, pd.Timestamp, np.datetime64)) or not np.iterable(dates):
        dates = [dates]
    query = pd.to_datetime(list(dates), errors="coerce")
    bad = [d for d, q in zip(dates, query) if pd.isna(q)]
    if bad:
        raise _core.ParseError(f"patents_in_force: cannot read {bad[0]!r} as a date to count at")
    return query


def _text_codes(column: Any, threads: int) -> tuple[np.ndarray, list[str]]:
    """A column as (int32 codes, sorted distinct texts), -1 for a missing cell, without a Python
    object per row: a Categorical's own codes, else the texts hashed in C++ (object, str and
    bytes arrays). Numbers and other values are read as their str(), as astype(str) would."""
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = np.asarray(column.cat.categories.astype(str), dtype=object)
        category_codes, texts = _core.factorize_texts(categories, 1)
        rank = np.append(category_codes, np.int32(-1))  # the last slot: code -1, a missing cell
        return rank[column.cat.codes.to_numpy()], texts
    array = column.to_numpy()
    if array.dtype.kind not in "OUS":
        array = column.astype(str).to_numpy(dtype=object)
    codes, texts = _core.factorize_texts(np.ascontiguousarray(array), threads)
    return codes, texts


def _selection(column: Any, threads: int) -> np.ndarray:
    """uint8 per record: 1 where the kind is one of the invention names, 0 elsewhere (a missing
    kind too). A column of str objects goes straight to the selection (no int32 codes, no sorted
    texts, no comparison pass: the kinds' texts are never shown); any other column through its codes."""
    import pandas as pd

    if not isinstance(column.dtype, pd.CategoricalDtype):
        array = column.to_numpy()
        if array.dtype.kind == "O":
            selected = _core.select_texts(np.ascontiguousarray(array), list(_INVENTION), threads)
            if isinstance(selected, np.ndarray):  # None: a cell neither a str nor missing (read as its str())
                return selected
    kind_codes, kinds = _text_codes(column, threads)
    accepted = np.isin(np.asarray(kinds, dtype=object), list(_INVENTION))
    invention_codes = np.flatnonzero(accepted)
    if len(invention_codes) == 1:  # one name for inventions (the usual case): a compare, not a gather
        return (kind_codes == invention_codes[0]).view(np.uint8)  # code -1 (missing): never equal
    return np.append(accepted, False)[kind_codes].view(np.uint8)  # -1 → the appended False


def _end_column(records: Any, end: str | None, threads: int) -> tuple[Any, Any, Any]:
    """(values, datetime64 ticks or None, days of text dates or None) of the end-date column;
    all None without one. The default end column may be absent (no lapses recorded); one the
    caller named may not."""
    end_values, end_ticks, end_days = None, None, None
    if end is not None and (end in records or end != "end_date"):
        end_values = _column(records, end, "end date").to_numpy()
        end_ticks = _ticks(end_values)
        if end_ticks is None:  # text dates: read (and refused) before the other columns are looked at
            end_days = _days(end_values, end, threads)
    return end_values, end_ticks, end_days


def _findings_table(tally: Any) -> Any:
    """The findings of a count: records per problem, with the totals and examples as attrs."""
    import pandas as pd

    problems = ["missing_date", "grant_before_filing", "end_before_grant", "in_the_future", "bad_region"]
    found = pd.DataFrame({"problem": problems, "records": [tally[p] for p in problems]})
    found.attrs.update(
        records=tally["records"],
        counted=tally["counted"],
        not_selected=tally["not_selected"],
        examples=list(tally["excluded_examples"]),
    )
    return found


@checked_keywords
def patents_in_force(
    records: Any,
    dates: Iterable[Any],
    region: str = "region",
    kind: str | None = "kind",
    filing: str = "filing_date",
    grant: str = "grant_date",
    end: str | None = "end_date",
    *,
    extension: str | None = None,
    as_of: Any = None,
    findings: bool = False,
    threads: int = 0,
) -> Any:
    """Valid invention patents per region at each date (indicators.md §1.3).

    A patent counts on date D when grant ≤ D < min(filing + 20 years + extension, end), where
    ``end`` is the lapse, surrender or invalidation date (empty when none). Records with
    impossible dates (no filing or grant date, grant before filing, end before grant, a date
    after ``as_of``) are excluded and counted in the findings, never kept.

    Parameters
    ----------
    records
        A DataFrame with one row per patent.
    dates
        The dates to count at (e.g. year ends, June 30), or one date.
    region, kind, filing, grant, end, extension
        Column names; a column named that the records lack is a MissingVariableError (KeyError)
        with the closest name — except the default ``end="end_date"``, which may be absent (no
        lapse recorded: pass ``end=`` when the column has another name). Rows whose ``kind`` is
        "invention" (or 发明) are counted; ``kind=None`` counts every row. ``extension`` is a term extension in days. A record without a
        region is excluded (``bad_region``). **Categorical** region and kind columns are the
        fast path: their codes are used as they are, and only the categories are read as text
        (``records.astype({"region": "category"})``, or ``dtype={"region": "category"}`` in
        ``pd.read_csv``). Columns of str objects work too, at the cost of reading one Python
        object per record (most of the time of a call on millions of records); NumPy ``U``/``S``
        arrays are hashed as they are. Date columns are fastest as ``datetime64``.
    as_of
        Record dates after it are impossible; default today.
    findings
        Also return the findings table (problem → records).

    Returns
    -------
    DataFrame
        Regions × dates of counts (``attrs["findings"]`` holds the findings too).
    """
    import pandas as pd

    query = _query_dates(dates)
    region_index, regions = _text_codes(_column(records, region, "region"), threads)
    selected = None
    if kind is not None:
        selected = _selection(_column(records, kind, "kind (kind=None counts every row)"), threads)
    as_of_days = _days([as_of if as_of is not None else pd.Timestamp.today().normalize()], "as_of")[0]
    end_values, end_ticks, end_days = _end_column(records, end, threads)
    filing_values = _column(records, filing, "filing date").to_numpy()
    filing_ticks = _ticks(filing_values)
    grant_values = _column(records, grant, "grant date").to_numpy()
    grant_ticks = _ticks(grant_values)
    extension_days = (
        _column(records, extension, "extension").fillna(0).to_numpy(dtype=np.int32) if extension is not None else None
    )
    day_list = _days(query, "dates").tolist()
    if filing_ticks and grant_ticks and (end_values is None or end_ticks) and len(region_index):
        # datetime64 dates (the usual case): read as days a block at a time inside the count
        counts, tally = _core.patents_in_force_ticks(
            region_index,
            len(regions),
            *filing_ticks,
            *grant_ticks,
            *(end_ticks or (None, 1)),
            extension_days,
            selected,
            day_list,
            int(as_of_days),
            threads,
        )
    else:
        if end_ticks is not None:
            end_days = _days(end_values, str(end), threads)
        counts, tally = _core.patents_in_force(
            region_index,
            len(regions),
            _days(filing_values, filing, threads),
            _days(grant_values, grant, threads),
            end_days,
            extension_days,
            selected,
            day_list,
            int(as_of_days),
            threads,
        )
    table = pd.DataFrame(counts, index=pd.Index(regions, name=region), columns=query)
    found = _findings_table(tally)
    table.attrs["findings"] = found
    return (table, found) if findings else table
