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
