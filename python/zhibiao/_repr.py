"""HTML representations for notebooks."""

from __future__ import annotations

import html
from typing import Any

import numpy as np


def panel_html(panel: Any) -> str:
    rows = []
    for variable, unit in panel.units.items():
        values = panel.values(variable)
        missing = int(np.isnan(values).sum())
        rows.append(
            f"<tr><td>{html.escape(variable)}</td><td>{html.escape(unit or '—')}</td>"
            f"<td style='text-align:right'>{len(values) - missing}</td><td style='text-align:right'>{missing}</td></tr>"
        )
    entities = len(panel.entities)
    periods = ", ".join(panel.periods[:8]) + (" …" if len(panel.periods) > 8 else "")
    return (
        f"<div><b>zhibiao.Panel</b>: {len(panel)} rows, {entities} entities, periods {html.escape(periods)}"
        "<table><thead><tr><th>variable</th><th>unit</th><th>present</th><th>missing</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
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
