"""HTML representations for notebooks."""

from __future__ import annotations

import html
from typing import Any

import numpy as np

from . import _core
from ._lang import counted


def partial_sums(panel: Any) -> dict[str, dict[str, int]]:
    """Per variable, the values that are partial sums of a roll-up (a value kept beside the reason
    incomplete_rollup or invalid_child, rollup(partial_sums=True)), counted by reason; only the
    variables that have some. A partial sum is no complete figure: the displays say so."""
    from ._reason_columns import PARTIAL_SUM_REASONS, reason_codes

    names = _core.reason_names
    wanted = {names.index(r): r for r in PARTIAL_SUM_REASONS}
    out: dict[str, dict[str, int]] = {}
    for variable in panel.variables:
        codes = reason_codes(panel, variable)  # a partial sum read back from CSV keeps its reason there
        if not codes.size:
            continue
        present = ~np.isnan(panel.values(variable))
        counts = {r: int(np.count_nonzero(present & (codes == k))) for k, r in wanted.items()}
        if any(counts.values()):
            out[variable] = counts
    return out


def partial_note(partial: dict[str, dict[str, int]]) -> str:
    """ "partial roll-up: 3 values are partial sums (incomplete_rollup 2, invalid_child 1)", or ""."""
    if not partial:
        return ""
    total = {r: sum(c[r] for c in partial.values()) for r in next(iter(partial.values()))}
    why = ", ".join(f"{r} {n}" for r, n in total.items() if n)
    return f"partial roll-up: {counted(sum(total.values()), 'value is a partial sum/values are partial sums')} ({why})"


def not_summed_note(panel: Any) -> str:
    """ "not summed: rd_intensity, 高新技术产业产值" for a roll-up that left variables out (rates, or
    unknown to the catalogue), else "": a column gone from the parents is said where one looks."""
    left_out = list(getattr(panel, "not_summed", None) or [])
    if not left_out:
        return ""
    shown = ", ".join(left_out[:4]) + (f" and {len(left_out) - 4} more" if len(left_out) > 4 else "")
    return f"not summed: {shown} (.not_summed; also_sum=[...] sums one)"


def missing_reasons(panel: Any, variable: str) -> dict[str, int]:
    """The missing cells of ``variable`` counted by reason (damaged_source 1, zero_denominator 3),
    most first; a missing cell without one is not counted."""
    from ._reason_columns import reason_codes

    codes = reason_codes(panel, variable)
    if not codes.size:
        return {}
    names = _core.reason_names
    missing = np.isnan(panel.values(variable))
    kinds, counts = np.unique(codes[missing & (codes != 0)], return_counts=True)
    return {names[int(k)]: int(n) for k, n in sorted(zip(kinds, counts), key=lambda kn: -kn[1])}


def panel_html(panel: Any) -> str:
    rows = []
    partial = partial_sums(panel)
    reasons = {variable: missing_reasons(panel, variable) for variable in panel.variables}
    said = any(reasons.values())  # why a figure is missing, seen where its count is
    for variable, unit in panel.units.items():
        values = panel.values(variable)
        missing = int(np.isnan(values).sum())
        part = sum(partial.get(variable, {}).values())
        cells = [len(values) - missing - part, missing] + ([part] if partial else [])
        why = ", ".join(f"{r} {n}" for r, n in reasons.get(variable, {}).items())
        rows.append(
            f"<tr><td>{html.escape(variable)}</td><td>{html.escape(unit or '—')}</td>"
            + "".join(f"<td style='text-align:right'>{n}</td>" for n in cells)
            + (f"<td>{html.escape(why)}</td>" if said else "")
            + "</tr>"
        )
    entities = len(panel.entities)
    periods = ", ".join(panel.periods[:8]) + (" …" if len(panel.periods) > 8 else "")
    note = "; ".join(n for n in (partial_note(partial), not_summed_note(panel)) if n)
    return (
        f"<div><b>zhibiao.Panel</b>: {counted(len(panel), 'row')}, {counted(entities, 'entity/entities')}, "
        f"periods {html.escape(periods)}"
        + (f"<br><i>{html.escape(note)}</i>" if note else "")
        + "<table><thead><tr><th>variable</th><th>unit</th><th>present</th><th>missing</th>"
        + ("<th>partial sum</th>" if partial else "")
        + ("<th>why missing</th>" if said else "")
        + f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def table_html(table: Any) -> str | None:
    """A DataFrame that carries units (``attrs["units"]``, as compute returns it) shown with a
    second header row of units, so a notebook shows what the numbers are in; None (pandas' own
    view) for any other DataFrame."""
    units = table.attrs.get("units") if hasattr(table, "attrs") else None
    if not isinstance(units, dict) or not units or getattr(table.columns, "nlevels", 1) != 1:
        return None
    import pandas as pd

    shown = table.copy(deep=False)
    shown.columns = pd.MultiIndex.from_arrays([list(table.columns), [units.get(c, "") or "" for c in table.columns]])
    return str(shown._repr_html_())


def register_notebook_display() -> None:
    """In IPython/Jupyter, DataFrames with units show them (table_html); elsewhere nothing."""
    import sys

    ipython_module = sys.modules.get("IPython")
    shell = ipython_module.get_ipython() if ipython_module is not None else None
    if shell is None:
        return
    import pandas as pd

    formatter = shell.display_formatter.formatters["text/html"]

    def show(table: Any) -> str | None:
        return table_html(table) or table._repr_html_()

    formatter.for_type(pd.DataFrame, show)


# Reprs of the package's types: each class's __repr__ / _repr_html_ calls one of these.


def catalogue_text(obj: Any) -> str:
    ids = obj.ids
    shown = ", ".join(ids[:4]) + (", ..." if len(ids) > 4 else "")
    return f"Catalogue({counted(len(ids), 'indicator')}: {shown})"


def catalogue_html(obj: Any) -> str:
    return str(obj.to_pandas()[["id", "name_zh", "name_en", "formula", "unit", "direction"]].to_html(index=False))


def indicator_text(obj: Any) -> str:
    return f"Indicator({obj.id!r}, {obj.formula!r}, unit={obj.unit!r})"


def panel_text(obj: Any) -> str:
    variables = ", ".join(f"{v}[{u}]" if u else v for v, u in list(obj.units.items())[:6])
    more = ", ..." if len(obj.variables) > 6 else ""
    return (
        f"Panel({counted(len(obj), 'row')}: {counted(len(obj._core.entity_codes), 'entity/entities')} × "
        f"{counted(len(obj.periods), 'period')}; {counted(len(obj.variables), 'variable')}: {variables}{more}"
        + (f"; {note}" if (note := partial_note(partial_sums(obj))) else "")
        + (f"; {left_out}" if (left_out := not_summed_note(obj)) else "")
        + ")"
    )


def framework_text(obj: Any) -> str:
    indicators, aggregates = len(obj.indicators), len(obj.codes) - len(obj.indicators)
    return f"Framework({counted(indicators, 'indicator')}, {counted(aggregates, 'aggregate')})"


def framework_html(obj: Any) -> str:
    return "<div><b>zhibiao.composite.Framework</b>" + obj.to_pandas().to_html(index=False) + "</div>"


def model_text(obj: Any) -> str:
    return f"Model({obj.name or 'unnamed'!r}, {counted(obj._core.step_count, 'step')}{', with framework' if obj._core.has_framework else ''})"


def composite_text(obj: Any) -> str:
    return (
        f"CompositeResult({counted(len(obj.scores), 'region')} × {counted(obj.scores.shape[1], 'node')}; "
        f"layers {', '.join(obj.layers)})"
    )


def composite_html(obj: Any) -> str:
    root = obj.root
    top = obj.scores[[root]].assign(rank=obj.ranks[root]).sort_values("rank").head(10)
    method = "".join(f"<li>{html.escape(line)}</li>" for line in obj._core.method)
    return (
        f"<div><b>zhibiao.composite.CompositeResult</b>: {counted(len(obj.scores), 'region')}, layers "
        f"{html.escape(', '.join(obj.layers))}<br><i>top 10 by {html.escape(root)}</i>{top.to_html()}"
        f"<ul>{method}</ul></div>"
    )


def scorecard_text(obj: Any) -> str:
    c = obj._core
    return (
        f"Scorecard({c.id!r}: {c.name_en or c.name_zh}; {counted(len(c.inputs), 'input')}, "
        f"{counted(len(c.gates), 'gate')}, {counted(len(c.items), 'item')}; {c.engine})"
    )


def summary_text(obj: Any) -> str:
    counts = ", ".join(f"{k} {v}" for k, v in obj.counts.items())
    failing = ", ".join(f"{k} {v}" for k, v in obj.failing.items() if v)
    return f"Summary({obj.pack}: {counted(obj.firms, 'firm')} — {counts}; failing conditions: {failing or 'none'})"


def summary_html(obj: Any) -> str:
    bar = (
        lambda v: f"<span style='display:inline-block;background:#69c;height:0.8em;width:{int(200 * v / max(1, obj.firms))}px'></span>"
    )  # noqa: E731
    counts = "".join(
        f"<tr><td>{html.escape(str(k))}</td><td style='text-align:right'>{v}</td><td>{bar(v)}</td></tr>"
        for k, v in obj.counts.items()
    )
    failing = "".join(
        f"<tr><td>{html.escape(str(k))}</td><td style='text-align:right'>{v}</td><td>{bar(v)}</td></tr>"
        for k, v in obj.failing.items()
    )
    return (
        f"<div><b>{html.escape(obj.pack)}</b>: {counted(obj.firms, 'firm')}, mean score {obj.mean_total:.1f}"
        f"<table><tr><th>status</th><th>firms</th><th></th></tr>{counts}</table>"
        f"<table><tr><th>failing condition</th><th>firms</th><th></th></tr>{failing}</table></div>"
    )


def uncertainty_html(obj: Any) -> str:
    summary = f"<p>{html.escape(obj.summary()).replace(chr(10), '<br>')}</p>"
    if obj.n == 0:  # the Sobol indices alone: a table of NaN statistics said nothing
        return summary
    top = obj.node_ranks().sort_values("nominal_rank").head(20)
    columns = ["nominal_rank", "median_rank", "rank_p05", "rank_p95", f"p_top{obj.top_k}"]
    if "name" in top.columns:  # the regions' names beside their codes, as the plots show them
        columns.insert(0, "name")
    table = top[columns].to_html(float_format=lambda v: f"{v:g}")
    return f"{summary}<p><i>the {len(top)} best by nominal rank</i></p>{table}"


def uncertainty_text(obj: Any) -> str:
    inputs = ", ".join(obj._core_model.inputs) or "none"
    return f"UncertaintyResult({counted(obj.n, 'replication')}, {counted(len(obj._index), 'region')}, inputs: {inputs})"
