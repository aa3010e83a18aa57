"""Where one value comes from: :meth:`Panel.explain` and the object it returns.

The C++ core runs compute()'s own column evaluator over the entity's rows with every step
recorded (zhibiao/explain.hpp), so the value explained is compute()'s, bit for bit; this module
gives the record a readable form and adds what only the Python panel knows: the roll-up
coverage of each input (which children were summed into it).
"""

from __future__ import annotations

import html
import math
from typing import Any, Mapping

from . import _core
from ._lang import explain_word
from ._suggest import checked_keywords

# The columns of Explanation.to_frame(), in order (coverage columns follow on a roll-up).
TERM_COLUMNS = [
    "depth",
    "read_by",
    "name",
    "indicator",
    "through",
    "entity",
    "period",
    "row_found",
    "stored",
    "stored_unit",
    "used",
    "used_unit",
    "reason",
    "note",
]
COVERAGE_COLUMNS = ["children", "with_data", "valid", "complete", "children_with_data", "children_missing"]


def _number(x: float) -> str:
    return "NaN" if x is None or (isinstance(x, float) and math.isnan(x)) else repr(float(x)).removesuffix(".0")


def _with_unit(x: float, unit: str) -> str:
    return _number(x) + ("" if unit in ("", "1") else " " + unit)


class Explanation:
    """The audit trail of one indicator value (:meth:`Panel.explain`).

    Attributes: ``indicator``, ``formula``, ``entity``, ``period``, ``value`` (compute()'s, bit for
    bit; NaN when missing), ``unit``, ``reason`` (why it is missing, else None), ``raw`` and
    ``raw_unit`` (the formula's result before conversion), ``factor`` (raw → unit), ``valid_min``,
    ``valid_max``, ``problem`` (lenient: why the whole column is missing), ``note`` (a partial
    roll-up: how the value was computed), ``children`` (a roll-up: the children of the entity,
    where the panel knows them) and ``terms`` (a dict per value read; :meth:`to_frame`).
    """

    @checked_keywords
    def __init__(self, record: Mapping[str, Any], coverage: Any = None, children: list[str] | None = None) -> None:
        self.indicator: str = record["indicator"]
        self.formula: str = record["formula"]
        self.entity: str = record["entity"]
        self.period: str = record["period"]
        self.value: float = record["value"]
        self.unit: str = record["unit"]
        self.reason: str | None = record["reason"]
        self.raw: float = record["raw"]
        self.raw_unit: str = record["raw_unit"]
        self.factor: float = record["factor"]
        self.valid_min: float | None = record["valid_min"]
        self.valid_max: float | None = record["valid_max"]
        self.problem: str = record["problem"]
        self.note: str = ""
        self.children: list[str] = list(children or [])
        self.terms: list[dict[str, Any]] = [dict(t) for t in record["terms"]]
        if coverage is not None and len(coverage):
            self._add_coverage(coverage)

    def _add_coverage(self, coverage: Any) -> None:
        """Each variable read: how many children the roll-up summed into it (coverage table)."""
        keyed = coverage.set_index(["parent", "period", "variable"])
        for t in self.terms:
            key = (t["entity"], t["period"], t["name"])
            if not t["indicator"] and key in keyed.index:
                row = keyed.loc[key]
                for c in COVERAGE_COLUMNS:
                    if c in keyed.columns:
                        t[c] = row[c].item() if hasattr(row[c], "item") else row[c]

    @checked_keywords
    def to_frame(self, lang: str = "en") -> Any:
        """The terms as a DataFrame, one row per value read (with the roll-up's coverage columns
        when the panel is a roll-up); a term's ``note`` (why a row read has none) in ``lang``
        ('en' or 'zh'), "" where there is none."""
        import pandas as pd

        columns = TERM_COLUMNS + [c for c in COVERAGE_COLUMNS if any(c in t for t in self.terms)]
        cells = [
            [_note_text(t.get("note", ""), lang) if c == "note" else t.get(c) for c in columns] for t in self.terms
        ]
        frame = pd.DataFrame(cells, columns=columns)
        frame.attrs["indicator"] = self.indicator
        return frame

    @checked_keywords
    def text(self, lang: str = "en") -> str:
        """The account as lines of text, its words in ``lang`` ('en' or 'zh')."""

        def w(key: str) -> str:
            return explain_word(key, lang)

        colon = w("colon")
        head = f"{self.indicator} {w('of')} {self.entity} {w('at')} {self.period} = {_with_unit(self.value, self.unit)}"
        if self.reason:
            head += f" ({w('missing' if math.isnan(self.value) else 'reason')}{colon}{self.reason})"
        lines = [head, f"  {w('formula')}{colon}{self.formula}"]
        if not math.isnan(self.raw) and self.factor != 1.0:
            lines.append(
                f"  {w('computed')}{colon}{_with_unit(self.raw, self.raw_unit)} × {_number(self.factor)}"
                f" = {_with_unit(self.value, self.unit)}"
            )
        if self.valid_min is not None or self.valid_max is not None:
            lines.append(f"  {w('valid_range')}{colon}{_range_text(self.valid_min, self.valid_max)}")
        for said in (self.problem, w("partial_note") if self.note else ""):
            if said:
                lines.append(f"  {w('note')}{colon}{said}")
        if self.children:
            lines.append(f"  {w('children')}{colon}{', '.join(self.children)}")
        if self.terms:
            lines.append(f"  {w('terms')}{colon.rstrip()}")
        for t in self.terms:
            lines.append("    " + "  " * t["depth"] + self._term_text(t, lang))
        return "\n".join(lines)

    @staticmethod
    def _term_text(t: Mapping[str, Any], lang: str) -> str:
        said = t["name"] + (f" ({t['through']})" if t["through"] else "")
        said += f" [{t['entity']} {t['period']}] "
        said += explain_word("no_row", lang) if not t["row_found"] else _with_unit(t["stored"], t["stored_unit"])
        partial = bool(t["reason"]) and t["row_found"] and not math.isnan(t["stored"])  # a partial sum's value
        if (not t["reason"] or partial) and t["used_unit"] != t["stored_unit"]:
            said += f" = {_with_unit(t['used'], t['used_unit'])}"
        if t["reason"]:
            said += f" ({t['reason']})"
        if t.get("note"):
            said += f"{explain_word('colon', lang)}{_note_text(t['note'], lang)}"
        if "children" in t:
            said += " — " + explain_word("summed", lang).format(valid=t["valid"], children=t["children"])
        colon = explain_word("colon", lang)
        parts = [
            f"{explain_word(key, lang)}{colon}{t[column]}"
            for key, column in (("with_data", "children_with_data"), ("missing", "children_missing"))
            if t.get(column)
        ]
        if parts:
            said += f" ({'; '.join(parts)})"
        return said

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        head = html.escape(self.text().split("\n", 1)[0])
        rest = html.escape("\n".join(line for line in self.text().split("\n")[1:] if not line.startswith("    ")))
        return f"<div><b>{head}</b><pre>{rest}</pre>{self.to_frame().to_html(index=False, na_rep='')}</div>"


def _note_text(note: str, lang: str) -> str:
    """A term's note (the core writes it in English) in ``lang``: the core's notes are known
    sentences, each under a key of EXPLAIN_WORDS; one not known yet stays as written."""
    for key in _TERM_NOTES:
        if note == explain_word(key, "en"):
            return explain_word(key, lang)
    return note


# The keys of EXPLAIN_WORDS for the notes the core gives a term (src/formula/evaluate.cpp).
_TERM_NOTES = ("span_none_before", "span_none_after")


def _children_of(panel: Any, entity: str) -> list[str]:
    """The children of `entity` where the panel keeps its roll-up's map (a partial roll-up)."""
    source = getattr(panel, "_rollup_source", None)
    if source is None or not isinstance(source[1], Mapping):
        return []
    return sorted(child for child, parent in source[1].items() if parent == entity)


def _add_children_with_data(result: Explanation, children_core: Any) -> None:
    """Each variable read from a partial sum: the children that had a value for it, and those that
    had none, each with its reason ("no row" where the child has no row for the period): a partial
    sum says which parts it lacks, not only which it holds."""
    import numpy as np

    codes = np.asarray(children_core.entity_codes, dtype=object)[np.asarray(children_core.entity_index)]
    periods = np.asarray(children_core.periods, dtype=object)[np.asarray(children_core.period_index)]
    wanted = np.isin(codes, result.children)
    names = list(_core.reason_names)
    for t in result.terms:
        if t["indicator"] or t["name"] not in children_core.variables:
            continue
        values = np.asarray(children_core.values(t["name"]))
        rows = wanted & (periods == t["period"])
        present = rows & ~np.isnan(values)
        t["children_with_data"] = ", ".join(sorted(codes[present]))
        reasons = np.asarray(children_core.reasons(t["name"]), dtype=np.uint8)
        why = {str(c): names[r] or names[1] for c, r in zip(codes[rows & ~present], reasons[rows & ~present])}
        missing = [f"{c} ({why.get(c, 'no row')})" for c in result.children if c not in set(codes[present])]
        t["children_missing"] = ", ".join(missing)


def _add_partial_reasons(result: Explanation, panel: Any) -> None:
    """A term read from a partial sum (its cell has a value) carries the reason the complete roll-up
    gives that cell (incomplete_rollup, invalid_child), as compute(reasons=True) does: the term
    said no reason, and read as a complete figure."""
    complete = panel._complete_rollup
    if complete is None:
        return
    names = list(_core.reason_names)
    index = panel.index()
    for t in result.terms:
        if t["indicator"] or t["reason"] or not t["row_found"] or t["name"] not in complete.variables:
            continue
        try:
            row = index.get_loc((t["entity"], t["period"]))
        except KeyError:
            continue
        code = int(complete.reasons(t["name"])[row])
        if code:
            t["reason"] = names[code]


def _range_text(lo: float | None, hi: float | None) -> str:
    """[0, ∞) as "≥ 0", (−∞, 1] as "≤ 1", [0, 100] as "0 … 100": no "inf" in a reader's text."""
    if lo is not None and hi is not None:
        return f"{_number(lo)} … {_number(hi)}"
    return f"≥ {_number(lo)}" if lo is not None else f"≤ {_number(hi)}" if hi is not None else ""


def _published(panel: Any, indicator_id: str, entity: str, period: str, core_catalogue: Any) -> Explanation:
    """The explanation of an indicator the panel holds as a column of its own (a figure read from a
    report), whose inputs it lacks: the stored value, its unit and its reason, the formula the
    catalogue would compute it by, and where the report said it when the panel kept that."""
    index = panel.index()
    try:
        row = index.get_loc((entity, period))
    except KeyError:
        raise _core.ArgumentError(
            f"Panel.explain: the panel has no row for entity {entity!r} at period {period!r}"
        ) from None
    value = float(panel._core.values(indicator_id)[row])
    code = int(panel._core.reasons(indicator_id)[row])
    reason = _core.reason_names[code] if code else None
    unit = str(panel.units.get(indicator_id) or "")
    meta = dict(core_catalogue.indicator(indicator_id)) if indicator_id in core_catalogue.ids else {}
    source = _source_of(panel, indicator_id)
    term = {
        "depth": 0, "read_by": indicator_id, "name": indicator_id, "indicator": False, "through": "",
        "entity": entity, "period": period, "row_found": True, "stored": value, "stored_unit": unit,
        "used": value, "used_unit": unit, "reason": reason or "", "note": source,
    }  # fmt: skip
    record = {
        "indicator": indicator_id, "formula": str(meta.get("formula", "")), "entity": entity, "period": period,
        "value": value, "unit": unit, "reason": reason, "raw": value, "raw_unit": unit, "factor": 1.0,
        "valid_min": meta.get("valid_min"), "valid_max": meta.get("valid_max"),
        "problem": f"the panel holds '{indicator_id}' as published (a column of its own), not the inputs of "
        "its formula: the value is that column's" + (f"; the source said: {source}" if source else ""),
        "terms": [term],
    }  # fmt: skip
    return Explanation(record)


def _source_of(panel: Any, variable: str) -> str:
    """Where a report's panel read ``variable``: the text of its finding (begin–end), when the panel
    kept the report's findings; "" otherwise."""
    findings = getattr(panel, "findings", None)
    if findings is None or not hasattr(findings, "columns") or not len(findings):
        return ""
    said = findings[findings["message"].astype(str).str.contains(variable, regex=False)]
    if not len(said):
        return ""
    first = said.iloc[0]
    return f"'{first['text']}' at {first['begin']}–{first['end']}"


def explain(
    panel: Any, indicator_id: str, entity: str, period: str, strict: bool, basis: str, core_catalogue: Any
) -> Explanation:
    """Panel.explain's work once its arguments are checked."""
    try:
        record = _core.explain(
            panel._core, indicator_id, entity, period, strict=strict, basis=basis, catalogue=core_catalogue
        )
    except _core.MissingVariableError:
        if indicator_id not in panel._core.variables:
            raise
        # A report's panel holds the indicator as published (高新技术产业增加值占GDP的比重 13.x%), not
        # its inputs: the figure itself, with its reason (damaged_source), is what there is to explain.
        return _published(panel, indicator_id, entity, period, core_catalogue)
    result = Explanation(record, getattr(panel, "coverage", None), _children_of(panel, record["entity"]))
    if panel._rollup_source is not None or panel._complete_rollup is not None:
        # A partial roll-up computes a value that draws on a partial sum over the matched children
        # (those with every input valid), not over the partial sums the terms show: its value
        # and reason are compute()'s.
        rows = panel._computed([indicator_id], strict, basis, core_catalogue)[0]
        index = panel.index().get_loc((record["entity"], record["period"]))
        value, code = float(rows[2][index]), int(rows[3][index])
        reason = _core.reason_names[code] if code else None
        if value != result.value and not (math.isnan(value) and math.isnan(result.value)) or reason != result.reason:
            result.note = explain_word("partial_note", "en")
            # The core's raw is the formula over the partial sums the terms show (the R&D of 12
            # children over the GDP of 11): "computed: raw × factor = value" would then be false
            # arithmetic. The raw that gives compute()'s value is the value in the formula's unit.
            result.raw = value / result.factor if result.factor and not math.isnan(value) else math.nan
        result.value, result.reason = value, reason
        _add_partial_reasons(result, panel)
        if panel._rollup_source is not None and result.children:
            _add_children_with_data(result, panel._rollup_source[0])
    return result
