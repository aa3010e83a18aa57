"""Firm scorecards: HNTE (高新技术企业) and tech-SME (科技型中小企业) qualification in batch.

>>> import zhibiao as zb
>>> result = zb.scorecards.evaluate(firms, "tech-sme-2017")     # one row per firm
>>> zb.scorecards.summary(result)                                # pass counts, failing conditions
>>> zb.scorecards.gap(firms, "tech-sme-2017")                    # how far each failing firm is
>>> card = zb.scorecards.load("hnte-2016")                       # a Scorecard: the same as methods
>>> card.evaluate(firms); card.explain(firms, [0]); card.describe()

The rules are data (data/scorecards/*.toml, built into the library): a pack's inputs, gates,
band tables and pass rule are listed by :func:`describe`.
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Sequence

import numpy as np

from ._suggest import ArgumentTypeError, checked_keywords, shown, stray_space_note
from . import _core
from ._lang import english_units
from ._suggest import closest_name

BUILTIN = tuple(_core.Scorecard.builtin_ids())
#: A firm's outcome, in evaluate() and gap() alike: the C++ firm_status, by code.
STATUSES = tuple(_core.scorecard_statuses)
_INVALID, _INELIGIBLE = STATUSES.index("invalid input"), STATUSES.index("ineligible")
_REASON_UNPARSEABLE = list(_core.reason_names).index("unparseable")


def _pack(pack: Any) -> Any:
    """The C++ rule pack of a Scorecard, a core pack, a built-in id or a TOML file."""
    if isinstance(pack, Scorecard):
        return pack._core
    if isinstance(pack, _core.Scorecard):
        return pack
    if not isinstance(pack, (str, bytes, os.PathLike)):
        raise ArgumentTypeError(
            f"pack must be a built-in id or a TOML file (built in: {', '.join(repr(b) for b in BUILTIN)}), or a "
            f"loaded Scorecard, not {shown(pack)}"
        )
    if isinstance(pack, (str, os.PathLike)) and str(pack) in BUILTIN:
        return _core.Scorecard.builtin(str(pack))
    if isinstance(pack, (str, bytes, os.PathLike)) and (os.path.lexists(pack) or _names_a_file(pack)):
        return _core.Scorecard.load(os.fsencode(pack))  # a missing file: MissingFileError naming it
    raise _core.UnknownIndicatorError(
        f"no scorecard {pack!r}{_did_you_mean(str(pack), BUILTIN)}{stray_space_note(os.fsdecode(pack))}: "
        f"built in are {', '.join(BUILTIN)}, or give a TOML file"
    )


def _check_cost_names(card: Any, costs: Mapping[str, Any]) -> None:
    """A key of gap()'s ``costs`` that is no controllable input of the pack: an ArgumentError (an
    unknown option name) with "did you mean", its ``variable`` the key. The core's refusal reached
    Python as the bare Error, no subclass an analyst would catch."""
    inputs = [c["input"] for c in card.controllables]
    for name in costs:
        if isinstance(name, str) and name not in inputs:  # a key of another type: the core's type error
            error = _core.ArgumentError(
                f"costs: {name!r} is no controllable input of scorecard '{card.id}'{_did_you_mean(str(name), inputs)}"
                f" (its controllable inputs: {', '.join(inputs)})"
            )
            error.variable = name  # type: ignore[attr-defined]  # as the core's errors carry it
            raise error


def _names_a_file(pack: Any) -> bool:
    """Whether a pack that is neither a built-in id nor an existing path reads as a file's name
    (a folder or a .toml ending): then the file is missing, rather than a built-in id misspelt."""
    text = os.fsdecode(pack)
    return text.lower().endswith(".toml") or os.sep in text or (os.altsep or os.sep) in text


class Scorecard:
    """A qualification rule pack: what it needs (:meth:`describe`), and scoring, explaining and
    the gap to qualify as methods. From :func:`load` (a built-in id or a TOML file)."""

    def __init__(self, core: Any) -> None:
        if not isinstance(core, _core.Scorecard):
            raise TypeError(
                f"Scorecard wraps a loaded rule pack, not {type(core).__name__}: use zhibiao.scorecards.load"
            )
        self._core = core

    id = property(lambda self: self._core.id, doc="The pack's id, e.g. 'hnte-2016'.")
    name_zh = property(lambda self: self._core.name_zh)
    name_en = property(lambda self: self._core.name_en)
    source = property(lambda self: self._core.source, doc="The rules it transcribes.")
    inputs = property(
        lambda self: self._core.inputs, doc="The inputs, as dicts (id, names, unit, bounds, integer, optional)."
    )
    items = property(lambda self: self._core.items)
    gates = property(lambda self: self._core.gates)
    routes = property(lambda self: self._core.routes)
    controllables = property(lambda self: self._core.controllables)
    has_ranges = property(lambda self: self._core.has_ranges, doc="Some band gives a range of points (9–10).")
    engine = property(lambda self: self._core.engine, doc="How it is scored: a fused kernel or the vector machine.")

    @checked_keywords
    def evaluate(
        self,
        firms: Any,
        *,
        policy: str = "low",
        units: Mapping[str, str] | None = None,
        explain: bool = True,
        threads: int = 0,
    ) -> Any:
        """:func:`evaluate` with this pack."""
        return evaluate(firms, self, policy=policy, units=units, explain=explain, threads=threads)

    @checked_keywords
    def explain(
        self,
        firms: Any,
        rows: Sequence[int] | None = None,
        *,
        language: str = "en",
        units: Mapping[str, str] | None = None,
    ) -> list[str]:
        """One line per firm of ``rows`` (every firm when None) on why it passes or fails, in "en" or "zh"."""
        language = _language(language)
        table = evaluate(firms, self, units=units, explain=True)
        column = table["explanation_" + language]
        if rows is None:
            return column.tolist()
        # positions, as C++'s explain() takes them: one out of range is an error naming it, never
        # pandas' IndexError nor a negative position counted from the end (-1: the last firm)
        out = []
        for r in rows:
            if isinstance(r, (bool, np.bool_)) or not isinstance(r, (int, np.integer)):
                raise _core.ArgumentError(f"explain: rows are positions 0, 1, …, not {r!r}")
            if not 0 <= r < len(column):
                n = len(column)
                raise _core.ArgumentError(f"explain: row {r} out of range (the table has {n} firm{'s' * (n != 1)})")
            out.append(column.iloc[int(r)])
        return out

    @checked_keywords
    def gap(
        self,
        firms: Any,
        *,
        costs: Mapping[str, float] | None = None,
        policy: str = "low",
        units: Mapping[str, str] | None = None,
    ) -> Any:
        """:func:`gap` with this pack."""
        return gap(firms, self, costs=costs, policy=policy, units=units)

    @checked_keywords
    def describe(self) -> Any:
        """:func:`describe` of this pack."""
        return describe(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scorecard) and other._core is self._core

    def __hash__(self) -> int:
        return id(self._core)

    def __repr__(self) -> str:
        from ._repr import scorecard_text

        return scorecard_text(self)


def _language(language: str) -> str:
    if language not in ("en", "zh"):
        from ._lang import closest_lang

        close = closest_lang(language) if isinstance(language, str) else None  # "cn" → 'zh', not 'en'
        raise _core.ArgumentError(
            f"language must be 'en' or 'zh', not {language!r}{f' (did you mean {close!r}?)' if close else ''}"
        )
    return language


@checked_keywords
def load(pack: str | bytes | os.PathLike[str]) -> Scorecard:
    """A rule pack: a built-in id ("tech-sme-2017", "hnte-2016", "hnte-2008") or a TOML file
    (the shape of data/scorecards/*.toml); another type is an ArgumentTypeError (a TypeError)."""
    return Scorecard(_pack(pack))  # a misspelt built-in id: "did you mean", as evaluate() says


@checked_keywords
def describe(pack: Any) -> Any:
    """The inputs a pack needs: id, names, unit, bounds, whether optional, and the other headings
    read as the input (``other_names``: 营业收入 for sales)."""
    import pandas as pd

    return pd.DataFrame(
        _pack(pack).inputs,
        columns=["id", "name_zh", "name_en", "unit", "min", "max", "integer", "optional", "other_names"],
    )


def _panel_columns(
    card: Any, panel: Any, units: Mapping[str, str] | None
) -> tuple[list[Any], np.ndarray, dict[int, list[tuple[str, str]]], dict[str, str]]:
    """Input columns of a Panel, found by name (the id or a Chinese heading) and converted from
    the panel's units by the C++ core (scorecard::inputs_from, the one home of that mapping), the
    firms with cells invalid for computing (unreadable text, a negative count, an invalid part of
    a roll-up), and the columns read under a Chinese heading (heading → input id)."""
    inputs = _core.scorecard_panel_inputs(card, panel._core, list((units or {}).items()))
    columns = inputs.columns()
    unreadable = inputs.unreadable()
    bad = np.zeros(len(panel), dtype=bool)
    problems: dict[int, list[tuple[str, str]]] = {}
    if len(unreadable):
        bad = unreadable != 0
        names = [spec["id"] for spec in card.inputs]
        issues = _issues_by_variable(panel, names, unreadable)
        of_cell = _issues_by_cell(panel, dict(inputs.renamed()))
        keys = panel.index() if of_cell else None
        for row in np.flatnonzero(bad):
            bits = int(unreadable[row])
            for k, name in enumerate(names):
                if bits >> k & 1:
                    reason = _core.reason_names[inputs.invalid_reason(int(row), k)]
                    firm, period = (str(part) for part in keys[row]) if keys is not None else ("", "")
                    issue = of_cell.get((firm, period, name))
                    problems.setdefault(int(row), []).append(_panel_problem(name, reason, issue or issues.get(name)))
    return columns, bad, problems, dict(inputs.renamed())


def _issues_by_variable(panel: Any, names: Sequence[str], unreadable: np.ndarray) -> dict[str, Mapping[str, Any]]:
    """The load report's issue of each input that has exactly one firm with an unreadable cell and
    exactly one issue: then that issue is the firm's cell, and its explanation can quote the cell
    and say why (the load report is not shown by ``zhibiao scorecard -q``, nor kept beside a
    DataFrame). With several, which issue is whose cannot be told from the report."""
    report = panel.report
    if report.get("issues_not_listed"):
        return {}
    listed: dict[str, list[Mapping[str, Any]]] = {}
    for issue in report.get("issues", []):
        listed.setdefault(str(issue.get("variable") or ""), []).append(issue)
    out = {}
    for k, name in enumerate(names):
        firms = int(np.count_nonzero(unreadable.astype(np.uint64) >> np.uint64(k) & np.uint64(1)))
        if firms == 1 and len(listed.get(name, [])) == 1:
            out[name] = listed[name][0]
    return out


def _issues_by_cell(panel: Any, renamed: Mapping[str, str]) -> dict[tuple[str, str, str], Mapping[str, Any]]:
    """The load report's issues by (firm, period, input id): the cell an explanation quotes, also
    where several firms have an unreadable cell in one column ('暂无' in one, 'abc' in another) or
    the column is headed in Chinese (营业收入 for sales)."""
    out = {}
    for issue in panel.report.get("issues", []):
        variable = str(issue.get("variable") or "")
        key = (str(issue.get("entity", "")), str(issue.get("period", "")), renamed.get(variable, variable))
        out[key] = issue
    return out


def _panel_problem(name: str, reason: str, issue: Mapping[str, Any] | None) -> tuple[str, str]:
    """(zh, en) of an input invalid for computing in a Panel: the cell and the reader's reason when
    the load report tells them apart, else the reason's name and where to look."""
    if issue is not None and reason == "unparseable":
        cell = f"{name}: {issue.get('text', '')!r}"
        return f"值不能用于计算：{cell}", f"value invalid for computing in {cell} ({issue.get('problem', '')})"
    return f"值不能用于计算（见加载报告）：{name}: {reason}", f"value invalid for computing (see the load report) in {name}: {reason}"


def _cell_reason(cell: Any, unit: str) -> str:
    """Why the CSV cell grammar does not read ``cell`` as a number, in the CSV reader's words ("a
    number with its unit '万元' in the cell: put the unit in the header …")."""
    import pandas as pd

    from ._panel import _cell_texts

    try:
        problem = _core.parse_text_cells(_cell_texts(pd.Series([cell], dtype=object)), unit)[3]
    except _core.Error:
        return ""
    return str(problem).rpartition(": ")[0] if str(problem).endswith("'") else str(problem)


def _check_arguments(policy: Any, units: Any, costs: Any = None) -> None:
    """The shapes of evaluate()'s and gap()'s options, said in their words (pybind11 would list its
    overloads): policy a text, units and costs mappings, units' values texts."""
    if not isinstance(policy, str):
        raise _core.ArgumentError(f"policy must be 'low', 'high' or 'mid', not {policy!r}")
    for name, given in (("units", units), ("costs", costs)):
        if given is not None and not isinstance(given, Mapping):
            raise _core.ArgumentError(f"{name} must be a mapping (input id → value), not {type(given).__name__}")
    for key, unit in (units or {}).items():
        if not isinstance(unit, str):
            raise _core.ArgumentError(f"units: the unit of {key!r} must be a text such as '元', not {unit!r}")


def _check_units(card: Any, units: Mapping[str, str] | None) -> None:
    """Every key of ``units`` names an input of the pack: the C++ check (scorecard::check_units,
    which inputs_from makes for a Panel), so both paths raise the same error class."""
    if units:
        _core.scorecard_check_units(card, [(str(k), str(v)) for k, v in units.items()])


def _did_you_mean(name: str, choices: Sequence[str]) -> str:
    """The suggestion the command line and the C++ core make (edit distance, else a unique prefix
    or part: "sme" → 'tech-sme-2017'); nothing when several fit as well ("hnte")."""
    close = closest_name(str(name), choices)
    return f" (did you mean {close!r}?)" if close else ""


def _numbers(card: Any, spec: Mapping[str, Any], raw: Any) -> Any | None:
    """The column as float64 when its dtype says numbers; None for text to parse; a named error
    for dtypes that are no number of the input's unit (dates, durations, complex), and for
    True/False unless the input is declared a 0/1 flag."""
    import pandas as pd

    name, dtype = spec["id"], raw.dtype
    flag = (
        spec["integer"]
        and spec["min"] is not None
        and spec["min"] >= 0
        and spec["max"] is not None
        and spec["max"] <= 1
    )
    kind = pd.api.types.infer_dtype(raw, skipna=True) if dtype == object else ""
    if (
        pd.api.types.is_bool_dtype(dtype)
        or kind == "boolean"
        or (kind.startswith("mixed") and any(isinstance(v, (bool, np.bool_)) for v in raw))
    ):
        if flag:  # a declared 0/1 flag: True is 1
            return raw.to_numpy(dtype=np.float64, na_value=np.nan) if pd.api.types.is_bool_dtype(dtype) else None
        raise _core.Error(
            f"column '{name}' holds True/False ({dtype}), but scorecard '{card.id}' reads it as a number in "
            f"{spec['unit']} ({spec['name_zh']}): give numbers"
        )
    if (
        pd.api.types.is_datetime64_any_dtype(dtype)
        or pd.api.types.is_timedelta64_dtype(dtype)
        or isinstance(dtype, pd.PeriodDtype)
        or pd.api.types.is_complex_dtype(dtype)
        or kind in ("datetime", "datetime64", "date", "time", "timedelta", "timedelta64", "period", "complex")
    ):
        raise _core.Error(
            f"column '{name}' has dtype {kind or dtype}, not numbers: scorecard '{card.id}' reads it as "
            f"{spec['unit']} ({spec['name_zh']}); convert it first (e.g. days as a number)"
        )
    if dtype == np.float64:
        return raw.to_numpy(copy=False)  # the column itself: NaN is already the missing value
    if pd.api.types.is_numeric_dtype(dtype):
        return raw.to_numpy(dtype=np.float64, na_value=np.nan)  # no text possible: no checks
    return None


def _text_numbers(raw: Any, unit: str) -> tuple[np.ndarray, np.ndarray]:
    """(values, unreadable) of a column of texts read by the CSV cell grammar, as
    Panel.from_pandas and read_csv read them ('5,000' is 5000, '12%' a share), so one cell reads
    the same on every path; True/False (only in a declared 0/1 flag) are 1/0."""
    import pandas as pd

    from ._panel import _cell_texts

    cells = pd.Series([int(v) if isinstance(v, (bool, np.bool_)) else v for v in raw.tolist()], dtype=object)
    values, reasons, _, _, _ = _core.parse_text_cells(_cell_texts(cells), unit)
    return np.asarray(values, dtype=np.float64), np.asarray(reasons) == _REASON_UNPARSEABLE


def _heading_of(card: Any, firms: Any) -> tuple[list[Any], dict[str, str], list[str]]:
    """The column of the DataFrame that holds each input (None: none), and the unit its heading
    states, or else the frame's ``attrs["units"]`` (input id → unit). A heading is read as read_csv
    reads it, its unit apart (营业收入（万元）, sales[元]); the name is the input's id or a Chinese heading of it (研发费用 for rd_expense, an
    other name such as 营业收入 for sales), chosen by the C++ core (scorecard::input_columns) as for
    a Panel; two columns for one input, or a heading several inputs share the short form of, are
    an Error. Also the names of the headings (their units apart), as input_columns read them."""
    text, names, stated_units = [], [], []
    carried = getattr(firms, "attrs", {}).get("units") or {}  # zb.with_units, Panel.to_pandas()
    for column in firms.columns:
        if not isinstance(column, str):
            continue
        try:
            name, unit, _ = _core.parse_column_header(column)
        except _core.Error:  # a bracket that is no unit: the heading as written
            name, unit = column, ""
        text.append(column)
        names.append(name)
        stated_units.append(unit or carried.get(column, ""))  # a unit in the heading wins
    found = _core.scorecard_input_columns(card, list(dict.fromkeys(names)))
    headings: list[Any] = []
    stated: dict[str, str] = {}
    for spec, name in zip(card.inputs, found):
        same = [column for column, n in zip(text, names) if name and n == name]
        if len(same) > 1:  # "sales" beside "sales[元]": one input, two columns
            listed = ", ".join(repr(c) for c in same)
            raise _core.Error(
                f"scorecard '{card.id}' input '{spec['id']}' ({spec['name_zh']}) is given by {len(same)} columns, "
                f"{listed}: which is meant cannot be told (keep one)"
            )
        k = names.index(name) if name else -1
        headings.append(text[k] if k >= 0 else None)
        if k >= 0 and stated_units[k]:
            stated[spec["id"]] = stated_units[k]
    return headings, stated, names


def _input_named(card: Any, heading: str) -> str:
    """The id of the input a Chinese heading names (checked by _check_units to name one)."""
    found = _core.scorecard_input_columns(card, [heading])
    return next(spec["id"] for spec, h in zip(card.inputs, found) if h)


def _columns(
    card: Any, firms: Any, units: Mapping[str, str] | None
) -> tuple[list[Any], np.ndarray, dict[int, list[tuple[str, str]]], dict[str, str]]:
    """Input columns in the pack's units, per-firm notes on text found in numeric columns, and
    the columns read under a Chinese heading (heading → input id)."""
    from ._panel import Panel

    if isinstance(firms, Panel):
        return _panel_columns(card, firms, units)
    if not hasattr(firms, "columns") or not hasattr(firms, "index"):  # a Series, a dict, an array
        raise TypeError(
            f"firms must be a DataFrame with a row per firm (or a zhibiao Panel), not {type(firms).__name__}"
            + (": one firm is pd.DataFrame([series])" if type(firms).__name__ == "Series" else "")
        )
    headings, stated, names = _heading_of(card, firms)
    _refuse_repeated_firms(card, firms, headings)
    _firm_column(card, firms, headings)
    _check_units(card, units)
    if units:  # keyed by input id, whatever the key named: an id or a Chinese heading (营业收入 → sales)
        ids = [spec["id"] for spec in card.inputs]
        units = {k if k in ids else _input_named(card, str(k)): v for k, v in units.items()}
    units = {**stated, **(units or {})}  # a unit in the heading, unless units= says otherwise
    n = len(firms)
    columns: list[Any] = []
    text_problems: dict[int, list[tuple[str, str]]] = {}  # row → (zh, en) of its text cells and overflows
    bad = np.zeros(n, dtype=bool)
    renamed: dict[str, str] = {}
    for k, (spec, heading) in enumerate(zip(card.inputs, headings)):
        name = spec["id"]
        if heading is None:
            # A required input missing, or a heading misspelling an input (营业收人, 研发费, rd_expens):
            # the C++ core's one test and message (scorecard::absent_input_problem), as for a Panel.
            problem = _core.scorecard_absent_input_problem(card, names, k)
            if problem:
                raise _core.MissingVariableError(problem)
            columns.append(None)
            continue
        if heading != name:
            renamed[heading] = name
        raw = firms[heading]
        values = _numbers(card, spec, raw)
        if values is None:
            values, unreadable = _text_numbers(raw, (units or {}).get(name, spec["unit"]))
            unit = (units or {}).get(name, spec["unit"])
            for row in np.flatnonzero(unreadable):
                cell = f"{name}: {raw.iloc[row]!r}"  # as written: the user's text, never translated
                reason = _cell_reason(raw.iloc[row], unit)
                # an infinity among texts is no text: said as what it is, not "text"
                text = isinstance(raw.iloc[row], str)
                said = (
                    ("text" if text else "no figure")
                    + f" in a numeric column {cell}"
                    + (f" ({reason})" if reason else "")
                )
                text_problems.setdefault(int(row), []).append((f"数值列中有{'文字' if text else '非数值'} {cell}", said))
                bad[row] = True
        if units and name in units:
            given = np.asarray(values, dtype=np.float64)
            values = _converted(card, values, units[name], spec, heading)
            # 1e305 亿元 is no infinity the user typed: its conversion is beyond a double
            for row in np.flatnonzero(np.isfinite(given) & ~np.isfinite(np.asarray(values, dtype=np.float64))):
                number, source, target = repr(float(given[row])), units[name], spec["unit"]
                text_problems.setdefault(int(row), []).append(
                    (
                        f"{name}: {number} {source} 超出以{target}计的数值范围",
                        f"{name}: {number} {source} is beyond the range of numbers in {target}",
                    )
                )
                bad[row] = True
        columns.append(np.ascontiguousarray(values))
    return columns, bad, text_problems, renamed


def _converted(card: Any, values: Any, source: str, spec: Mapping[str, Any], heading: str) -> Any:
    """``values`` from ``source`` into the pack's unit; a unit that cannot convert is an error
    naming the column and its input, as the Panel path's (scorecard::inputs_from) is."""
    try:
        k = [s["id"] for s in card.inputs].index(spec["id"])
        return _core.scorecard_convert_input(card, k, _core.Unit(source), values)
    except _core.IncompatibleUnitsError as e:
        named = f"column '{heading}'" + ("" if heading == spec["id"] else f" (input '{spec['id']}')")
        raise _core.IncompatibleUnitsError(f"{named}: {e}, the pack's unit of '{spec['id']}'") from e


def _refuse_repeated_firms(card: Any, firms: Any, headings: Sequence[Any], index: Any = None, said: str = "") -> None:
    """A firm listed twice with different inputs (an index label on two rows that disagree, as
    when two sheets are pasted together, one with revised figures) is refused, naming it, its
    rows and an input that differs: both rows would be scored, the firm given two statuses, and
    which figures are the firm's cannot be told. Identical repeats (copies stacked on purpose)
    are scored row by row. ``index``: the firms' labels when not the index (a firm column, ``said``)."""
    index = firms.index if index is None else index
    if index.is_unique:
        return
    import pandas as pd

    names = [heading for heading in headings if heading is not None]
    rows = np.flatnonzero(index.duplicated(keep=False))
    codes, _ = pd.factorize(index[rows])
    _, first = np.unique(codes, return_index=True)  # per firm: its first repeated row
    values = firms.iloc[rows][names].to_numpy(dtype=object)
    firsts = values[first[codes]]
    with np.errstate(invalid="ignore"):
        differ = ~((values == firsts) | (pd.isna(values) & pd.isna(firsts)))
    bad = np.flatnonzero(differ.any(axis=1))
    if len(bad):
        k = int(bad[0])
        columns = np.flatnonzero(differ[k])
        n, one, other = names[columns[0]], firsts[k, columns[0]], values[k, columns[0]]
        more = f" and {len(columns) - 1} more input(s)" if len(columns) > 1 else ""
        raise _core.DuplicateRowError(
            f"firm {index[rows[k]]!r}{said} is listed twice with different inputs: rows {int(rows[first[codes[k]]])} "
            f"and {int(rows[k])} of the table (positions, counting from 0) differ in {n} ({one!r} and {other!r})"
            f"{more}: give the firm one row"
        )


#: Headings of a column of firm codes or names. Not read_csv's entity headings (data/headings.toml):
#: those name regions too, and a firm table's region column is no firm's label.
_FIRM_HEADINGS = frozenset(
    [
        "firm",
        "firm_id",
        "firm_code",
        "firm_name",
        "company",
        "entity",
        "id",
        "code",
        "name",
        "企业",
        "企业名称",
        "企业代码",
        "单位名称",
        "统一社会信用代码",
        "纳税人识别号",
        "名称",
        "公司名称",
    ]
)


class FirmColumnWarning(UserWarning):
    """A column names the firms but the table is indexed by row position: the result is too."""


def _firm_column(card: Any, firms: Any, headings: Sequence[Any]) -> None:
    """A table read without index_col keeps its firm codes in a column and is indexed 0, 1, …:
    the result was indexed by position and the column left out without a word, so a firm listed
    twice with different inputs was scored twice. The column is said (a warning: set it as the
    index), and a firm it lists twice with different inputs refused as for an index."""
    import pandas as pd

    index = firms.index
    if not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1 and index.name is None):
        return
    used = {h for h in headings if h is not None}
    found = [c for c in firms.columns if c not in used and str(c).strip().lower() in _FIRM_HEADINGS]
    if not found:
        return
    column = found[0]
    _refuse_repeated_firms(card, firms, headings, pd.Index(firms[column]), f" (column {column!r})")
    import warnings

    warnings.warn(
        f"column {column!r} names the firms but is not the index: the result is indexed by row position "
        f"(0, 1, …); firms.set_index({column!r}) scores them by firm",
        FirmColumnWarning,
        stacklevel=4,
    )


def _firm_index(firms: Any) -> Any:
    """The result's index: the DataFrame's; a Panel's firm codes, with the period beside them
    (firm, period) when the panel holds several periods — a firm is then scored once a period,
    and its rows must say which year each is."""
    from ._panel import Panel

    if isinstance(firms, Panel):
        import pandas as pd

        if len(firms._core.periods) > 1:
            return firms.index().set_names(["firm", "period"])
        return pd.Index(firms._core.row_entity_codes(), name="firm", copy=False)
    return firms.index


@checked_keywords
def evaluate(
    firms: Any,
    pack: Any,
    *,
    policy: str = "low",
    units: Mapping[str, str] | None = None,
    explain: bool = True,
    threads: int = 0,
) -> Any:
    """Scores every firm against a rule pack.

    Parameters
    ----------
    firms
        A DataFrame with a row per firm and a column per input (see :func:`describe`), or a
        Panel (``zb.read_csv(path, period_value="2024", lenient=True)``), whose columns are
        read without copying and converted from their units. A column may be headed with the
        input's id or a Chinese heading of it: its ``name_zh`` (研发费用), the short form before
        a bracket when no other input shares it, or one of its ``other_names`` (营业收入 for
        ``sales``); ``attrs["renamed_columns"]`` of the result maps each such heading to its id.
        Two columns for one input, or a heading that could be several inputs (销售收入 in an HNTE
        pack of three years' sales), are a LookupError.
    pack
        "tech-sme-2017", "hnte-2016", "hnte-2008", a TOML file, or a loaded pack.
    policy
        For bands that give a range of points (HNTE's 9–10): "low", "high" or "mid" (the
        band's middle in whole points, rounded half up: 9–10 → 10, 19–24 → 22, as each
        sub-item is scored in whole points); ``total_lo``/``total_hi`` keep the range.
    units
        Input id (or the heading of its column) → unit where a column is not in the pack's unit
        (e.g. ``{"sales": "元"}``, ``{"营业收入": "元"}``).
    explain
        Add ``explanation_zh`` and ``explanation_en`` (a second pass after scoring).

    Returns
    -------
    DataFrame
        Indexed like ``firms``: ``status`` (passed, direct, failed, ineligible, invalid input),
        ``valid``, ``eligible``, ``passed``, ``route``, ``total``, a column per item's points,
        ``<item>_by`` for items scored by the better of several measures, ``gate_<id>`` per
        condition, and the explanations.
    """
    card = _pack(pack)
    _check_arguments(policy, units)
    if not isinstance(explain, (bool, np.bool_)):
        raise _core.ArgumentError(f"explain must be True or False, not {explain!r}")
    if isinstance(threads, (bool, np.bool_)) or not isinstance(threads, (int, np.integer)) or threads < 0:
        raise _core.ArgumentError(f"threads must be a whole number ≥ 0 (0: every core), not {threads!r}")
    columns, text_bad, text_problems, renamed = _columns(card, firms, units)
    result = _core.scorecard_evaluate(card, columns, policy=policy, threads=threads)
    table = _result_table(card, result.arrays(), columns, text_bad, _firm_index(firms))  # type: ignore[attr-defined]
    if explain:
        _add_explanations(table, card, columns, result, text_bad, text_problems)
    table.attrs["pack"] = card.id
    table.attrs["pass_rule"] = card.pass_rule
    table.attrs["renamed_columns"] = renamed
    return table


def _result_table(
    card: Any, arrays: Mapping[str, np.ndarray], columns: Sequence[Any], text_bad: np.ndarray, index: Any
) -> Any:
    """evaluate()'s table from the scorer's arrays. The status, and from it valid, eligible and
    passed, are the scorer's (which already gives NaN points and no route to invalid firms);
    only text found in a numeric column (a check made here, not in C++) makes more firms
    invalid. Points and totals, float32 in the result where that is exact, are float64 here."""
    import pandas as pd

    text_found = bool(text_bad.any())
    status = arrays["status"].astype(np.int8)
    if text_found:
        status[text_bad] = _INVALID
    valid = status != _INVALID

    def unless_text(values: np.ndarray, missing: Any) -> np.ndarray:
        return np.where(valid, values, missing) if text_found else values

    def points(values: np.ndarray) -> np.ndarray:
        return unless_text(np.asarray(values, dtype=np.float64), np.nan)

    out: dict[str, Any] = {}
    out["status"] = pd.Categorical.from_codes(status, categories=list(STATUSES))
    out["valid"], out["eligible"], out["passed"] = valid, status < _INELIGIBLE, status < STATUSES.index("failed")
    out["route"] = pd.Categorical.from_codes(
        unless_text(arrays["route"], -1).astype(np.int8, copy=False), categories=list(card.routes)
    )
    out["total"] = points(arrays["total"])
    if card.has_ranges:
        out["total_lo"] = points(arrays["total_lo"])
        out["total_hi"] = points(arrays["total_hi"])
    for k, item in enumerate(card.items):
        out[item["id"]] = points(arrays["points"][:, k])
        if len(item["measures"]) > 1:
            which = unless_text(arrays["alternative"][:, k], -1).astype(np.int8, copy=False)
            out[item["id"] + "_by"] = pd.Categorical.from_codes(which, categories=list(item["measures"]))
    unjudged = _unreadable_inputs(card, arrays, columns, text_bad)
    position = {spec["id"]: k for k, spec in enumerate(card.inputs)}
    for g, gate in enumerate(card.gates):
        holds = arrays["gates"][:, g].view(bool)
        reads = np.uint64(sum(1 << position[i] for i in gate["reads"] if position[i] < 64))
        # A gate that reads an invalid input of the firm was not judged: NA, not False (nor True).
        out["gate_" + gate["id"]] = pd.arrays.BooleanArray(holds.copy(), ~valid & ((unjudged & reads) != 0))
    return pd.DataFrame(out, index=index)


def _unreadable_inputs(
    card: Any, arrays: Mapping[str, np.ndarray], columns: Sequence[Any], text_bad: np.ndarray
) -> Any:
    """Per firm, bit k: input k is invalid (the scorer's problems) or text where a number was
    expected (a cell read as missing, found here)."""
    n = min(len(card.inputs), 64)
    bits = np.asarray(arrays["problems"], dtype=np.uint64) & np.uint64((1 << n) - 1 if n < 64 else 2**64 - 1)
    if text_bad.any():
        bits = bits.copy()
        for k, column in enumerate(columns[:n]):
            if column is not None:
                bits[text_bad & np.isnan(np.asarray(column, dtype=np.float64))] |= np.uint64(1 << k)
    return bits


def _add_explanations(
    table: Any,
    card: Any,
    columns: list[Any],
    result: Any,
    text_bad: np.ndarray,
    text_problems: Mapping[int, list[tuple[str, str]]],
) -> None:
    """explanation_zh and explanation_en: the scorer's, or for a firm made invalid here (text in a
    numeric column, a unit conversion beyond a double, a panel cell invalid for computing) what
    was found there, the cell quoted as written."""
    rows = list(range(len(table)))
    for k, language in enumerate(("zh", "en")):
        lines = _core.scorecard_explain(card, columns, result, rows, language)
        if language == "en":  # the pack's unit symbols are Chinese: English words instead
            lines = [english_units(line) for line in lines]
        prefix = "输入无效：" if language == "zh" else "invalid input: "
        for row in np.flatnonzero(text_bad):  # after the translation: a user's cell is not rewritten
            lines[row] = prefix + "; ".join(problem[k] for problem in text_problems[row])
        table["explanation_" + language] = lines


@checked_keywords
def gap(
    firms: Any,
    pack: Any,
    *,
    costs: Mapping[str, float] | None = None,
    policy: str = "low",
    units: Mapping[str, str] | None = None,
) -> Any:
    """How far each firm is from qualifying: per controllable input (extra R&D in 万元, extra S&T
    staff, extra IP items) the smallest change that makes it pass on its own, its cost, and the
    cheapest single route. ``status`` uses :func:`evaluate`'s words (:data:`STATUSES`); where no
    single input suffices, ``blocked_by`` names the rules (gate ids, validity checks, "pass")
    still failing with each controllable input raised to the end of the search.

    ``costs`` gives 万元 per unit (the packs' defaults are planning assumptions); a key that is
    no controllable input of the pack is an error.

    The figures are in the pack's units whatever the input's unit (``units=`` or a panel's): a
    ``more_<input>`` column in that input's unit in the pack, a cost in 万元. ``attrs["units"]``
    maps each of these columns to its unit, as a Panel's does.
    """
    import pandas as pd

    card = _pack(pack)
    _check_arguments(policy, units, costs)
    _check_cost_names(card, costs or {})
    columns, text_bad, _, _ = _columns(card, firms, units)
    found = _core.scorecard_gap(card, columns, list(range(len(firms))), list((costs or {}).items()), policy)
    controllables = [c["input"] for c in card.controllables]
    rows = []
    for k, g in enumerate(found):
        row: dict[str, Any] = {"status": "invalid input" if text_bad[k] else g["status"]}
        routes = g["routes"] if not text_bad[k] else []
        for c, route in zip(controllables, routes or [{} for _ in controllables]):
            row[f"more_{c}"] = route.get("change", np.nan)
            row[f"cost_{c}"] = route.get("cost", np.nan)
        cheapest = g["cheapest"] if routes else -1
        row["cheapest"] = routes[cheapest]["input"] if cheapest >= 0 else None
        row["cheapest_cost"] = routes[cheapest]["cost"] if cheapest >= 0 else np.nan
        # C++ names the blockers of a failing firm no single input lifts, also when the pack
        # has no controllable input at all (no routes)
        row["blocked_by"] = ", ".join(g["blocked_by"]) if g["blocked_by"] and not text_bad[k] else None
        rows.append(row)
    names = [
        "status",
        *(f"{kind}_{c}" for c in controllables for kind in ("more", "cost")),
        "cheapest",
        "cheapest_cost",
        "blocked_by",
    ]
    dtypes = {n: object if n in ("cheapest", "blocked_by") else np.float64 for n in names if n != "status"}
    table = pd.DataFrame(rows, index=_firm_index(firms), columns=names).astype(dtypes)  # typed when empty too
    table["status"] = pd.Categorical(table["status"], categories=STATUSES)
    table.attrs["units"] = _gap_units(card, controllables)
    return table


def _gap_units(card: Any, controllables: list[str]) -> dict[str, str]:
    """The unit of each figure of a gap table: a change in the pack's unit of its input, a cost in 万元."""
    unit_of = {spec["id"]: spec["unit"] for spec in card.inputs}
    units = {}
    for c in controllables:
        units[f"more_{c}"] = unit_of[c]
        units[f"cost_{c}"] = "万元"
    units["cheapest_cost"] = "万元"
    return units


def _pass_rule_of(attrs: Mapping[str, Any]) -> str:
    """The pack's pass rule as an evaluate result's attrs give it ("total >= 60")."""
    return str(attrs.get("pass_rule") or "total")


def _pass_rule_entry(rule: str) -> str:
    """The key of the pass rule's count among a summary's failing conditions."""
    return f"pass rule ({rule})"


def _with_pass_rule(failing: Any, below_rule: int, attrs: Mapping[str, Any]) -> Any:
    """The gates' failure counts and the firms that passed every gate but not the pack's pass rule
    (a total below the threshold): those failed on no gate, and a summary saying "failing
    conditions: none" beside them would hide why."""
    import pandas as pd

    failing = pd.concat([failing, pd.Series({_pass_rule_entry(_pass_rule_of(attrs)): below_rule})])
    return failing.sort_values(ascending=False, kind="stable")


class Summary:
    """Pass counts and the conditions firms fail on, for a notebook.

    ``failing`` counts the firms failing each gate (by its id) and, under the key
    ``pass_rule_key`` ("pass rule (total >= 60)"), those that passed every gate but not the pack's
    pass rule, whose text is ``pass_rule`` (None: not known, in a summary from counts without it).
    """

    pass_rule: str | None = None

    def __init__(self, result: Any) -> None:
        if not hasattr(result, "columns") or not {"status", "valid", "total"} <= set(result.columns):
            raise _core.ArgumentError(
                "summary takes the table evaluate() returns (status, valid, total, gate_* columns), "
                f"not {type(result).__name__}" + (" without them" if hasattr(result, "columns") else "")
            )
        self.firms = len(result)
        self.counts = result["status"].value_counts().reindex(result["status"].cat.categories, fill_value=0)
        gates = [c for c in result.columns if c.startswith("gate_")]
        valid = result["valid"]
        failing = (~result.loc[valid, gates]).sum().rename(lambda c: c[5:])
        self.failing = _with_pass_rule(failing, int((result["status"] == "failed").sum()), result.attrs)
        self.pass_rule = _pass_rule_of(result.attrs)
        self.mean_total = float(result.loc[valid, "total"].mean()) if valid.any() else float("nan")
        self.pack = result.attrs.get("pack", "")

    @property
    def pass_rule_key(self) -> str | None:
        """The key of the pass rule's entry in ``failing`` (None when ``pass_rule`` is)."""
        return None if self.pass_rule is None else _pass_rule_entry(self.pass_rule)

    @classmethod
    @checked_keywords
    def from_counts(
        cls, *, pack: str, firms: int, counts: Any, failing: Any, mean_total: float, pass_rule: str | None = None
    ) -> Summary:
        """A summary from counts already made (zhibiao.dask adds them up over partitions);
        ``pass_rule``, the rule's text, when ``failing`` holds its entry."""
        self = cls.__new__(cls)
        self.pack, self.firms, self.counts, self.failing, self.mean_total = pack, firms, counts, failing, mean_total
        self.pass_rule = pass_rule
        return self

    def __repr__(self) -> str:
        from ._repr import summary_text

        return summary_text(self)

    def _repr_html_(self) -> str:
        from ._repr import summary_html

        return summary_html(self)


@checked_keywords
def summary(result: Any) -> Summary:
    """A summary of :func:`evaluate`'s result, with an HTML view for notebooks."""
    return Summary(result)


__all__ = [
    "BUILTIN",
    "STATUSES",
    "FirmColumnWarning",
    "Scorecard",
    "Summary",
    "describe",
    "evaluate",
    "gap",
    "load",
    "summary",
]
