"""The indicator catalogue as pandas sees it."""

from __future__ import annotations

import os
from typing import Any

from ._suggest import checked_keywords, refuse_direct_construction
from . import _core

_DIRECTIONS = {1: "higher", -1: "lower", 0: "benchmark"}


class Catalogue:
    """Indicator definitions: the built-in ones, or those of a TOML file of the same shape.

    Parameters
    ----------
    core : zhibiao._core.Catalogue
        The C++ catalogue this object wraps (use :func:`load_catalogue` or :func:`catalogue`).
    """

    def __init__(self, core: Any = None) -> None:
        refuse_direct_construction(
            "zhibiao.Catalogue",
            core,
            _core.Catalogue,
            "zb.Catalogue.builtin() is the built-in one, zb.load_catalogue(path) reads a TOML file",
        )
        self._core = core

    @classmethod
    def builtin(cls) -> "Catalogue":
        """The catalogue the library embeds: its indicators and its variables (with the other
        column headings read as each, ``variables()["other_names"]``)."""
        return cls(_core.Catalogue.builtin())

    @property
    def ids(self) -> list[str]:
        """Indicator ids in catalogue order."""
        return list(self._core.ids)

    @checked_keywords
    def indicator(self, id: str) -> dict[str, Any]:
        """One indicator's definition as a dict; raises UnknownIndicatorError."""
        return dict(self._core.indicator(id))

    def to_pandas(self) -> Any:
        """One row per indicator: id, name_zh, name_en, formula, unit, direction, source, ..."""
        import pandas as pd

        rows = self._core.indicators()
        for row in rows:
            row["direction"] = _DIRECTIONS[row["direction"]]
            row["inputs"] = ", ".join(row["inputs"])
        columns = [
            "id",
            "name_zh",
            "name_en",
            "other_names",
            "formula",
            "unit",
            "direction",
            "source",
            "scope",
            "decimals",
            "valid_min",
            "valid_max",
            "inputs",
        ]
        return pd.DataFrame(rows, columns=columns)

    def variables(self) -> Any:
        """One row per input variable: id, names (``other_names``: the other column headings read
        as it), dimension, default unit, minimum, ``positive`` (0 is no value it can take: a roll-up
        does not sum a 0 there), aggregation, ``cumulative`` (every row holds the figure from January:
        single_quarter() subtracts the row a quarter earlier)."""
        import pandas as pd

        columns = [
            "id",
            "name_zh",
            "name_en",
            "other_names",
            "dimension",
            "unit",
            "min",
            "positive",
            "aggregation",
            "cumulative",
        ]
        return pd.DataFrame(self._core.variables(), columns=columns)

    def add(self, *indicators: Any) -> "Catalogue":
        """A copy of this catalogue with :class:`Indicator` objects added (or replacing by id)."""
        core = self._core.copy()
        for indicator in indicators:
            indicator._add_to(core)
        return Catalogue(core)

    def __len__(self) -> int:
        return len(self._core.ids)

    def __contains__(self, id: object) -> bool:
        return id in self._core.ids

    def __repr__(self) -> str:
        from ._repr import catalogue_text

        return catalogue_text(self)

    def _repr_html_(self) -> str:
        from ._repr import catalogue_html

        return catalogue_html(self)


def catalogue() -> Any:
    """The built-in indicator catalogue as a DataFrame (one row per indicator).

    Columns: id, name_zh, name_en, other_names (other headings read as it), formula, unit,
    direction, source, scope, decimals, valid_min, valid_max, inputs.
    """
    return Catalogue(_core.Catalogue.builtin()).to_pandas()


@checked_keywords
def load_catalogue(path: str | os.PathLike[str], *, include_builtin: bool = True) -> Catalogue:
    """Reads a TOML file of indicators (the shape of data/indicators.toml).

    Parameters
    ----------
    path
        The TOML file.
    include_builtin
        Start from the built-in catalogue, so the file's indicators may use its variables and
        replace its indicators by id (default), or use the file alone.
    """
    if not isinstance(include_builtin, bool):  # "no" or 0 would silently mean something
        raise _core.Error(f"include_builtin must be True or False, not {include_builtin!r}")
    loaded = _core.Catalogue.load(os.fsencode(path))
    if not include_builtin:
        return Catalogue(loaded)
    merged = _core.Catalogue.builtin().copy()
    merged.merge(loaded)
    return Catalogue(merged)
