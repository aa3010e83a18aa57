"""Composite indices: a framework tree, a pipeline of steps, every layer kept.

>>> fw = zb.composite.Framework.from_pandas(meta)           # code, parent, weight, direction, level
>>> result = zb.composite.build(data, fw, [
...     zb.composite.Impute("group_mean", group="prefecture"),
...     zb.composite.Treat("coinr"),
...     zb.composite.Normalise("minmax", range=(0, 100)),
...     zb.composite.Weigh("entropy", levels=[2]),
...     zb.composite.Aggregate("arithmetic")])
>>> result.scores["Index"], result.ranks["Index"], result.layer("treated"), result.weights
>>> zb.composite.build(data, preset="entropy-topsis")      # a built-in method, one call

The steps are small frozen dataclasses whose fields and defaults are the C++ option vocabulary
(zhibiao/composite/options.hpp); together they form a model, handed to the C++ core as it is.
The core writes it as TOML — the file format of ``Framework.from_toml`` / ``Model.from_toml`` —
so ``result.model_toml`` re-runs the exact method. The whole pipeline runs in C++ without the
GIL; for a zhibiao Panel the table itself is taken in C++ too.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from . import _core, _reason_columns
from ._lang import counted
from ._suggest import (
    absent_names,
    checked_keywords,
    checked_keywords_with_aliases,
    closest_name,
    refuse_direct_construction,
    refuse_unknown_keywords,
    stray_space_note,
)

# ------------------------------------------------------------------------------------- steps

#: (step, parameter) → (allowed values, default): the C++ vocabulary (zhibiao/composite/options.hpp),
#: the one list the TOML reader, the functions below and the step classes check against. Every
#: step option is here (allowed values () when it is not a choice of names), and the options of
#: the single-purpose functions (weights, ahp, topsis, rank).
OPTIONS: dict[tuple[str, str], tuple[tuple[str, ...], Any]] = {
    (step, parameter): (tuple(values), default)
    for step, parameter, values, default in _core.composite_option_vocabularies()
}
#: (step, parameter) → type ("flag", "whole", "number", "text", "choice", "numbers", …) of every step option.
OPTION_TYPES: dict[tuple[str, str], str] = {}


def _python_default(value: Any) -> Any:
    """A C++ default as a step class holds it: an empty text, list or mapping is None (absent)."""
    if isinstance(value, (str, list, dict)) and not value:
        return None
    return tuple(value) if isinstance(value, list) else value


for _step, _name, _type, _values, _value in _core.composite_step_options():
    OPTIONS[(_step, _name)] = (tuple(_values), _python_default(_value))
    OPTION_TYPES[(_step, _name)] = _type


def _default(step: str, parameter: str) -> Any:
    return OPTIONS[(step, parameter)][1]


class _Step:
    """Checks the step where it is made: every option against the C++ vocabulary, with errors
    that name the class and the parameter. The fields are the options of ``_kind``; their
    defaults are the C++ defaults (checked at import, below)."""

    _kind = ""

    def __post_init__(self) -> None:
        given = list(getattr(self, "_given", ()))
        _core.composite_check_step(self._kind, type(self).__name__, self._parameters(), given)

    def _parameters(self) -> dict[str, Any]:
        """The options as C++ reads them (None: the default)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


@dataclasses.dataclass(frozen=True)
class Denominate(_Step):
    """Divide indicators by a size column: ``by={"patents": "population"}``, ``scale`` a number
    for all or {indicator: factor} (10_000 for "per 10k people")."""

    _kind = "denominate"
    by: Mapping[str, str]
    scale: float | Mapping[str, float] | None = _default("denominate", "scale")

    def _parameters(self) -> dict[str, Any]:
        scale = (
            self.scale if isinstance(self.scale, Mapping) or self.scale is None else {k: self.scale for k in self.by}
        )
        return {"by": dict(self.by), "scale": dict(scale) if scale else None}


@dataclasses.dataclass(frozen=True)
class Screen(_Step):
    """Drop regions with less than ``min_availability`` of their indicators present (or more than
    ``max_zero_share`` zeros among the values they have, as COINr's ``nonzero_thresh`` = 1 − it);
    the result lists them."""

    _kind = "screen"
    min_availability: float = _default("screen", "min_availability")
    max_zero_share: float = _default("screen", "max_zero_share")


@dataclasses.dataclass(frozen=True)
class Impute(_Step):
    """Fill missing values: "mean", "median", "group_mean", "group_median" (``group`` = a label
    column, text or numeric codes; a region without a label is in no group and left missing),
    "latest" (earlier values passed to build as ``previous``, or a Panel's earlier periods),
    "regression" (on the most correlated indicator present, sharing at least three regions with
    it; a prediction outside the indicator's observed range is clipped to it unless ``clip=False``,
    and either way named in a warning), or "none". Each filled cell is marked, with the reason it
    was missing."""

    _kind = "impute"
    method: str = _default("impute", "method")
    group: str | None = _default("impute", "group")
    clip: bool = _default("impute", "clip")


@dataclasses.dataclass(frozen=True)
class Treat(_Step):
    """Outlier treatment: "coinr" (|skew| ≥ 2 and kurtosis ≥ 3.5 → winsorise up to ``winmax``
    points, else ``fallback`` on the original values: COINr's f2, "log_CT" by default, "log",
    "log_CT_orig", "log_CT_plus", or "none" to keep the winsorised values; ``force_win``
    winsorises a failing indicator up to ``winmax`` points even once it passes), "eis" (mean ±
    2 sd outliers replaced, square root when skew > 1), "none". Per indicator, as COINr's
    ``Treat(indiv_specs = …)``: ``methods`` {indicator: method} ("none" leaves it untreated,
    COINr's ``x1 = "none"``), ``winmaxes`` {indicator: points} (COINr's ``f1_para = list(winmax =
    …)``; 0 goes straight to the fallback) and ``fallbacks`` {indicator: fallback} (COINr's f2);
    the other indicators take the step's. See docs/composite.md."""

    _kind = "treat"
    method: str = _default("treat", "method")
    winmax: int = _default("treat", "winmax")
    skew_limit: float = _default("treat", "skew_limit")
    kurt_limit: float = _default("treat", "kurt_limit")
    eis_sd: float = _default("treat", "eis_sd")
    eis_skew: float = _default("treat", "eis_skew")
    eis_outliers: bool = _default("treat", "eis_outliers")
    # after the older options, so that Treat("coinr", 3, 2.5, 4.0) keeps its meaning
    fallback: str = _default("treat", "fallback")
    force_win: bool = _default("treat", "force_win")
    methods: Mapping[str, str] | None = _default("treat", "methods")
    winmaxes: Mapping[str, int] | None = _default("treat", "winmaxes")
    fallbacks: Mapping[str, str] | None = _default("treat", "fallbacks")

    def __post_init__(self) -> None:
        if self.fallback is None:
            # None means "the default" for the other options; here it would read as COINr's f2 = NULL
            raise _core.ArgumentError(
                "Treat: parameter 'fallback' = None is ambiguous: COINr's f2 = NULL (keep the winsorised"
                " values) is fallback='none'; leave fallback out for the default 'log_CT'"
            )
        super().__post_init__()


@dataclasses.dataclass(frozen=True)
class Normalise(_Step):
    """Normalisation: "minmax" (to ``range``), "zscore", "rank", "borda", "percentile",
    "dist_to_max", "frac_of_max", "goalposts" ({indicator: (low, high)}, × ``goal_scale``),
    "standard" ({indicator: value}, × 100 capped at ``cap``), "ratio_to_mean", "dist_to_ref"
    (``reference`` region: x/x_ref, or with ``reference_form`` "from_min" COINr's n_dist2ref
    1 − (x_ref − x)/(x_ref − min); ``cap_at_reference`` caps at 1), "bands" (``band_edges``, ``band_scores``), "vector" (x/‖x‖), "sum"
    (x/Σx). Lower-is-better indicators are flipped once, first (``cost`` "negate"); frac_of_max,
    vector and sum may use ``cost`` "inverse" (1/x: min/x, (1/x)/Σ(1/x)) or "complement"
    (1 − x/max, 1 − x/‖x‖), and dist_to_ref needs "inverse" (x_ref/x). Goalposts of a
    lower-is-better indicator score (high − x)/(high − low) (COINr); bands compare the raw value
    with ``band_edges`` and give ``band_scores`` as listed, whatever the direction. "zscore" goes
    to mean and sd ``m_sd`` (COINr's, e.g. (10, 2)). "rank", "borda" and "percentile" give equal
    values the rank ``ties`` says, as R's rank(ties.method = …): "min" (COINr's default), "average",
    "max", "first" (order of appearance), "last", or "dense" (dplyr's dense_rank); R's "random"
    is refused (its draws cannot be reproduced here). ``truncate=False`` keeps goalpost scores
    beyond the posts (COINr's trunc2posts). Per indicator, as COINr's ``indiv_specs`` and its iMeta
    columns: ``methods`` {indicator: method} (the others take ``method``), ``ranges`` {indicator:
    (low, high)} for min-max, ``m_sds`` {indicator: (mean, sd)} for z-scores, ``goal_scales``
    {indicator: scale} for goalposts. See docs/composite.md."""

    _kind = "normalise"
    method: str = _default("normalise", "method")
    range: tuple[float, float] = _default("normalise", "range")
    goalposts: Mapping[str, tuple[float, float]] | None = _default("normalise", "goalposts")
    standard: Mapping[str, float] | None = _default("normalise", "standard")
    cap: float = _default("normalise", "cap")
    goal_scale: float = _default("normalise", "goal_scale")
    reference: str | None = _default("normalise", "reference")
    cap_at_reference: bool = _default("normalise", "cap_at_reference")
    band_edges: Sequence[float] | None = _default("normalise", "band_edges")
    band_scores: Sequence[float] | None = _default("normalise", "band_scores")
    m_sd: tuple[float, float] = _default("normalise", "m_sd")
    cost: str = _default("normalise", "cost")
    reference_form: str = _default("normalise", "reference_form")
    ties: str = _default("normalise", "ties")
    truncate: bool = _default("normalise", "truncate")
    methods: Mapping[str, str] | None = _default("normalise", "methods")
    ranges: Mapping[str, tuple[float, float]] | None = _default("normalise", "ranges")
    m_sds: Mapping[str, tuple[float, float]] | None = _default("normalise", "m_sds")
    goal_scales: Mapping[str, float] | None = _default("normalise", "goal_scales")


@dataclasses.dataclass(frozen=True)
class Weigh(_Step):
    """Weights of the children in each group of ``levels`` (None: all): "framework", "equal",
    "fixed" ({node: weight}), "entropy" (``zeros`` "skip" = 0·ln0 = 0, or "pymcdm": a zero sets
    the column's entropy to 0, as pymcdm ≤ 1.3.1), "critic", "sd", "variance" (``ddof``), "pca"
    (first component of the correlation matrix), "ahp" ({group: comparison matrix}, ``ri``
    "tummala_ling" or "saaty", CR above ``max_cr`` refused unless ``accept_inconsistent``; over
    15 elements only a consistent matrix has a CR, 0; ``priority`` "eigenvector", or pyDecision's
    "mean" and "geometric", as :func:`ahp`), "vic" (``correlation`` "distance" or "absolute"), "merec"
    (positive scores), "gini"; CRITIC's ``correlation`` "pearson", "absolute", "distance" or
    "spearman" (ranks, ties averaged: scikit-criteria's);
    ``correlation="auto"`` (the default) is each method's own: Pearson for CRITIC, the distance
    correlation for VIC."""

    _kind = "weigh"
    method: str = _default("weigh", "method")
    levels: Sequence[int] | None = _default("weigh", "levels")
    ddof: int = _default("weigh", "ddof")
    zeros: str = _default("weigh", "zeros")
    ri: str = _default("weigh", "ri")
    max_cr: float = _default("weigh", "max_cr")
    accept_inconsistent: bool = _default("weigh", "accept_inconsistent")
    priority: str = _default("weigh", "priority")
    pairwise: Mapping[str, Any] | None = _default("weigh", "pairwise")
    fixed: Mapping[str, float] | None = _default("weigh", "fixed")
    correlation: str = _default("weigh", "correlation")

    def _parameters(self) -> dict[str, Any]:
        out = super()._parameters()
        if self.pairwise:
            out["pairwise"] = {k: np.asarray(v, dtype=float) for k, v in self.pairwise.items()}
        return out

    def _parameters_for(self, framework: "Framework | None") -> dict[str, Any]:
        """The options as C++ reads them, a labelled pairwise matrix (a DataFrame whose index and
        columns name the group's children) put in the order of the framework's children."""
        out = self._parameters()
        for group, matrix in (self.pairwise or {}).items():
            if _labelled(matrix):
                out["pairwise"][group] = _pairwise_in_order(str(group), matrix, framework)
        return out


def _labelled(matrix: Any) -> bool:
    """Whether ``matrix`` is a DataFrame with labels (not pandas' default 0, 1, 2 …)."""
    import pandas as pd

    if not isinstance(matrix, pd.DataFrame):
        return False
    return any(labels.tolist() != list(range(len(labels))) for labels in (matrix.index, matrix.columns))


def _pairwise_in_order(group: str, matrix: Any, framework: "Framework | None") -> np.ndarray:
    """A labelled AHP matrix of ``group`` with its rows and columns in the order of the group's
    children: read by label, never by position. A label naming no child, a child without a label
    or a label given twice is refused, naming them."""
    where = f"Weigh: pairwise: '{group}'"
    if framework is None:
        raise _core.ArgumentError(
            f"{where}: the matrix is a DataFrame with labels, which are read against the group's children: "
            "give the framework (Model.from_steps(steps, framework)), or a matrix without labels"
        )
    core = framework._core
    children = [c for c, p in zip(core.codes, core.parents) if p == group]
    if not children:  # not a group: C++ names the closest group (check_step_names)
        return np.asarray(matrix, dtype=float)
    orders = []
    for axis, labels in (("index", matrix.index), ("columns", matrix.columns)):
        names = [str(x) for x in labels]
        twice = sorted({n for n in names if names.count(n) > 1})
        unknown = [n for n in names if n not in children]
        absent = [c for c in children if c not in names]
        if twice or unknown or absent:
            said = []
            if unknown:
                guess = closest_name(unknown[0], absent or children)
                said.append(
                    f"{', '.join(map(repr, unknown))} {'is' if len(unknown) == 1 else 'are'} no child of '{group}'"
                    + (f" (did you mean '{guess}'?)" if guess else "")
                )
            if absent:
                said.append(f"no {'label' if len(absent) == 1 else 'labels'} for {', '.join(map(repr, absent))}")
            if twice:
                said.append(f"{', '.join(map(repr, twice))} given twice")
            raise _core.ArgumentError(
                f"{where}: the matrix's {axis} must name the group's children ({', '.join(children)}), once each: "
                + "; ".join(said)
            )
        orders.append([names.index(c) for c in children])
    values = np.asarray(matrix, dtype=float)
    return np.ascontiguousarray(values[np.ix_(orders[0], orders[1])])


@dataclasses.dataclass(frozen=True)
class Aggregate(_Step):
    """Aggregation of ``levels`` (None: all): "arithmetic", "geometric", "harmonic",
    "generalised" (``power``), "mpi" (Mazziotta–Pareto, ``penalty`` ±1), "bod" (benefit of the
    doubt), "copeland", "topsis" (``inner`` "minmax", "vector" or "none"), "vikor" (score 1 − Q, ``v``),
    "waspas" (λ = ``wsm_share`` of the weighted sum, the rest of the weighted product, the group's
    weights; ``waspas_inner`` "linear" (x/max, positive scores: normalise to [1, 100]),
    "shifted_minmax" or "none", as :func:`waspas`), "mean_min" (unweighted, ``alpha``, ``beta``:
    as :func:`mean_min`; 0.5 and 1 by default, Compind's documented example).
    ``min_availability`` (COINr's dat_thresh, 0 to 1): a region with a smaller share of a group's
    children present (counted over all of them, whatever their weight) gets no score for the group."""

    _kind = "aggregate"
    method: str = _default("aggregate", "method")
    levels: Sequence[int] | None = _default("aggregate", "levels")
    power: float = _default("aggregate", "power")
    penalty: int = _default("aggregate", "penalty")
    inner: str = _default("aggregate", "inner")
    v: float = _default("aggregate", "v")
    min_availability: float = _default("aggregate", "min_availability")
    wsm_share: float = _default("aggregate", "wsm_share")
    waspas_inner: str = _default("aggregate", "waspas_inner")
    alpha: float = _default("aggregate", "alpha")
    beta: float = _default("aggregate", "beta")


Step = Denominate | Screen | Impute | Treat | Normalise | Weigh | Aggregate
_STEP_CLASSES: tuple[type, ...] = (Denominate, Screen, Impute, Treat, Normalise, Weigh, Aggregate)


def _check_step_classes() -> None:
    """Each step class holds exactly the options of its kind, with the C++ defaults: a field the
    C++ vocabulary lacks (or the reverse) would be silently ignored (or unreachable)."""
    for cls in _STEP_CLASSES:
        kind = cls._kind  # type: ignore[attr-defined]
        fields = {f.name: f.default for f in dataclasses.fields(cls)}
        options = {name for step, name in OPTION_TYPES if step == kind}
        if set(fields) != options:
            raise RuntimeError(
                f"zhibiao.composite.{cls.__name__} has fields {sorted(fields)}, but the C++ step '{kind}' has "
                f"options {sorted(options)}"
            )
        for name, default in fields.items():
            if default is not dataclasses.MISSING and default != _default(kind, name):
                raise RuntimeError(
                    f"zhibiao.composite.{cls.__name__}.{name} defaults to {default!r}, C++ to {_default(kind, name)!r}"
                )


_check_step_classes()


def _refuse_unknown_options(cls: type) -> None:
    """``Normalise(rnage=...)``: an ArgumentError naming the class, the parameter and the one it
    most likely means, as for an unknown option value (dataclasses raise a bare TypeError)."""
    init = cls.__init__  # type: ignore[misc]
    names = [f.name for f in dataclasses.fields(cls)]
    kind = cls._kind  # type: ignore[attr-defined]
    check = refuse_unknown_keywords(
        names, cls.__name__, lambda key: str(_core.composite_parameter_hint(kind, key, names))
    )

    def checked(self: Any, *args: Any, **kwargs: Any) -> None:
        check(kwargs)
        # The options the caller wrote (positionally or by keyword): one its method does not read
        # is refused even at its default value, as a model file's key is (__post_init__). None is
        # no value (Impute(method, group=None if … else "g") gives none), as for every option.
        written = [*zip(names, args), *kwargs.items()]
        object.__setattr__(self, "_given", tuple(name for name, value in written if value is not None))
        init(self, *args, **kwargs)

    checked.__doc__, checked.__wrapped__ = init.__doc__, init  # type: ignore[attr-defined]
    cls.__init__ = checked  # type: ignore[misc]


for _cls in _STEP_CLASSES:
    _refuse_unknown_options(_cls)

# ------------------------------------------------------------------------------------- framework


def _closest_code(wanted: str, codes: Sequence[str]) -> str:
    """The code the C++ messages suggest for ``wanted`` (src/composite/code_suggestion.hpp, one rule
    for both languages: "Sustain" → 'Sust', "Soc" → 'Social'), or ""."""
    return str(_core.composite_closest_code(wanted, list(codes)))


def _refuse_blank_codes(meta: Any) -> None:
    """A node without a code (an empty or blank cell, a missing one) would be an indicator named ""
    (or "nan"): no column of the data can be it, and a child naming it as parent cannot be told
    from a top node. Refused, naming the row."""
    codes = meta["code"]
    blank = codes.isna().to_numpy() | np.array([isinstance(c, str) and not c.strip() for c in codes], dtype=bool)
    if blank.any():
        k = int(np.flatnonzero(blank)[0])
        raise _core.ArgumentError(
            f"framework table: the node in row {k} (index {meta.index[k]!r}) has no code ({codes.iloc[k]!r}); "
            "every node needs one"
        )


def _refuse_unlevelled_nodes(meta: Any) -> None:
    """A row without a level is left out as COINr's groups and denominators are (no parent, or a
    Type other than Indicator/Aggregate); one with a parent, or typed as a node, is a node whose
    level was lost: refused, naming it, rather than silently dropped from the index."""
    unlevelled = meta["level"].isna().to_numpy()
    if not unlevelled.any():
        return
    parent = meta["parent"]
    has_parent = parent.notna().to_numpy() & np.array([str(p).strip() != "" for p in parent], dtype=bool)
    typed = np.zeros(len(meta), dtype=bool)
    if "Type" in meta.columns:
        typed = meta["Type"].isin(["Indicator", "Aggregate"]).to_numpy()
    lost = np.flatnonzero(unlevelled & (has_parent | typed))
    if lost.size:
        k = int(lost[0])
        why = f"parent {parent.iloc[k]!r}" if has_parent[k] else f"Type {meta['Type'].iloc[k]!r}"
        raise _core.ArgumentError(
            f"framework table: node '{meta['code'].iloc[k]}' (row {k}) has no level but a {why}: give its "
            "level (1 for an indicator); only rows without a parent (COINr's groups and denominators) may lack one"
        )


_NODE_NUMBER_RULES = {
    "weight": "a number",
    "direction": "1 (higher is better) or -1 (lower is better)",
    "level": "a whole number (1 for an indicator)",
}


def _node_numbers(codes: Sequence[str], values: Iterable[Any], column: str, where: str = "framework table") -> list:
    """The weights (floats), directions or levels (ints) of the nodes, each checked as the TOML
    reader checks them: a value that is no number ("1,5"), or a direction or level that is NaN or
    not a whole number of the allowed ones, is refused naming its node, never cut to an int
    (1.9 → 1)."""
    out: list = []
    for code, value in zip(codes, values):
        try:
            number = float(value)
            # A NaN or infinite weight is refused by the C++ framework, naming the node.
            ok = column == "weight" or (
                bool(np.isfinite(number))
                and number == int(number)
                and abs(number) <= 1e6
                and (column != "direction" or number in (1, -1))
            )
        except (TypeError, ValueError):
            number, ok = 0.0, False
        if not ok:
            raise _core.ArgumentError(
                f"{where}: node '{code}': {column} {value!r} must be {_NODE_NUMBER_RULES[column]}"
            )
        out.append(number if column == "weight" else int(number))
    return out


class Framework:
    """The tree index → pillars → indicators, with a weight and a direction at every node.

    Weights are relative within a group; a negative weight, a group whose weights sum to zero, an
    unknown parent or a node at the wrong level is an error naming the node.
    """

    def __init__(self, core: Any = None) -> None:
        refuse_direct_construction(
            "zhibiao.composite.Framework",
            core,
            _core.Framework,
            "Framework.flat(indicators), Framework.from_pandas(table) or Framework.from_toml(path) makes one",
        )
        self._core = core

    @classmethod
    @checked_keywords
    def from_pandas(cls, meta: Any) -> "Framework":
        """From a table with columns code, parent, weight, direction, level (COINr's iMeta
        names — iCode, Parent, Weight, Direction, Level — are accepted too). Rows without a level
        (COINr's groups and denominators) are left out."""
        names = {"iCode": "code", "Parent": "parent", "Weight": "weight", "Direction": "direction", "Level": "level"}
        meta = meta.rename(columns={k: v for k, v in names.items() if k in meta.columns})
        missing = [c for c in ("code", "parent", "weight", "direction", "level") if c not in meta.columns]
        if missing:
            have = [str(c) for c in meta.columns]
            hints = [f"'{guess}' for '{m}'" for m in missing if (guess := closest_name(m, have, str.lower))]
            raise _core.MissingVariableError(
                f"framework table lacks columns: {', '.join(missing)}"
                + (f" (did you mean {', '.join(hints)}?)" if hints else "")
            )
        _refuse_unlevelled_nodes(meta)
        meta = meta[meta["level"].notna()]
        _refuse_blank_codes(meta)
        parent = meta["parent"].where(meta["parent"].notna(), "").astype(str)
        codes = meta["code"].astype(str).tolist()
        return cls(
            _core.Framework(
                codes,
                parent.tolist(),
                _node_numbers(codes, meta["weight"], "weight"),
                _node_numbers(codes, meta["direction"], "direction"),
                _node_numbers(codes, meta["level"], "level"),
            )
        )

    @classmethod
    @checked_keywords
    def from_toml(cls, path: str) -> "Framework":
        """The [[node]] tables of a composite model file (see ``Model``)."""
        model = _core.composite_read_model(os.fsencode(path))
        if not model.has_framework:
            raise _core.Error(f"{path}: the model has no [[node]] tables")
        return cls(model.framework())

    @classmethod
    @checked_keywords
    def flat(
        cls, indicators: Iterable[str], directions: Mapping[str, int] | None = None, root: str = "Index"
    ) -> "Framework":
        """One root over the indicators, equal weights (directions +1 unless given)."""
        codes = list(indicators)
        directions = directions or {}
        for code in directions:
            if code not in codes:  # a misspelt code's direction would be silently unused
                guess = _closest_code(str(code), [str(c) for c in codes])
                raise _core.UnknownIndicatorError(
                    f"Framework.flat: directions: '{code}' is not one of the indicators"
                    + (f" (did you mean '{guess}'?)" if guess else "")
                )
        return cls(
            _core.Framework(
                [root, *codes],
                ["", *([root] * len(codes))],
                [1.0] * (len(codes) + 1),
                [1, *_node_numbers(codes, [directions.get(c, 1) for c in codes], "direction", "Framework.flat")],
                [2, *([1] * len(codes))],
            )
        )

    @property
    def indicators(self) -> list[str]:
        return list(self._core.indicators)

    @property
    def codes(self) -> list[str]:
        return list(self._core.codes)

    def _codes_index(self) -> Any:
        """The node codes as a pandas Index, made once: a framework does not change, and a
        result's columns from a list cost pandas a conversion on every build."""
        index = self.__dict__.get("_codes_index_cache")
        if index is None:
            import pandas as pd

            index = self.__dict__["_codes_index_cache"] = pd.Index(self.codes)
        return index

    def to_pandas(self) -> Any:
        """The nodes as a table: code, parent, weight, direction, level."""
        import pandas as pd

        c = self._core
        return pd.DataFrame(
            {
                "code": c.codes,
                "parent": c.parents,
                "weight": c.weights,
                "direction": c.node_directions,
                "level": c.levels,
            }
        )

    def effective_weights(self) -> Any:
        """Each node's weight in the whole index (the product of normalised weights down the tree)."""
        import pandas as pd

        return pd.Series(self._core.effective_weights(), index=self.codes, name="effective_weight")

    def __repr__(self) -> str:
        from ._repr import framework_text

        return framework_text(self)

    def _repr_html_(self) -> str:
        from ._repr import framework_html

        return framework_html(self)


# ------------------------------------------------------------------------------------- models


class Model:
    """A method (the steps) and optionally its framework, as in a TOML model file or a preset."""

    @checked_keywords
    def __init__(self, toml_text: str, source: str = "<model>") -> None:
        self._toml: str | None = toml_text
        self._core = _core.composite_parse_model(toml_text, source)

    @classmethod
    def _of(cls, core: Any) -> "Model":
        model = cls.__new__(cls)
        model._toml, model._core = None, core
        return model

    @classmethod
    @checked_keywords
    def from_toml(cls, path: str | os.PathLike[str]) -> "Model":
        # Read as the C++ loaders read definition files: a missing file is a FileNotFoundError,
        # a device or directory a FileError, a huge file a LimitError (never read to the end).
        data = _core.read_text_file(path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise _core.ParseError(f"{os.fsdecode(path)}: byte {e.start}: not UTF-8 text") from None
        return cls(text, os.fsdecode(path))

    @classmethod
    @checked_keywords
    def from_steps(cls, steps: Sequence[Step], framework: Framework | None = None, name: str = "") -> "Model":
        """The steps (and the framework's nodes) handed to C++ as they are, checked there against
        the option vocabulary; ``toml`` writes them out. Weigh or Aggregate steps that set one level
        twice (two without levels, or a level shared) are refused here, as build() refuses them."""
        return cls._of_steps(steps, framework, name, True)

    @classmethod
    def _of_steps(cls, steps: Sequence[Step], framework: Framework | None, name: str, whole: bool) -> "Model":
        """from_steps; `whole` False for a list of alternatives (uncertainty's aggregation=[…]), no
        model of its own: its steps may set the same levels."""
        parts = []
        for step in steps:
            if not isinstance(step, _Step):
                raise _core.Error(
                    f"unknown step {step!r} (Denominate, Screen, Impute, Treat, Normalise, Weigh, Aggregate)"
                )
            parameters = step._parameters_for(framework) if isinstance(step, Weigh) else step._parameters()
            parts.append((step._kind, type(step).__name__, parameters))
        # With a framework, C++ refuses an entry (goalposts, standard values, denominators, fixed
        # weights, AHP groups) keyed by a name it lacks, naming the step class and the closest name.
        return cls._of(
            _core.composite_model_from_steps(
                name, parts, framework._core if framework is not None else None, check_steps=whole
            )
        )

    @classmethod
    @checked_keywords
    def preset(cls, name: str) -> "Model":
        """A built-in model: "most-monitoring", "eis", "entropy-topsis"."""
        return cls(_core.composite_preset_text(name), f"data/composite/{name}.toml (built in)")

    @property
    def toml(self) -> str:
        """The model as TOML text (as given, or written by the C++ core for a model made of steps)."""
        if self._toml is None:
            self._toml = _core.composite_model_toml(self._core)
        return self._toml

    @property
    def name(self) -> str:
        return str(self._core.name)

    @property
    def framework(self) -> Framework | None:
        return Framework(self._core.framework()) if self._core.has_framework else None

    def __repr__(self) -> str:
        from ._repr import model_text

        return model_text(self)


PRESETS = tuple(_core.composite_preset_names())

# ------------------------------------------------------------------------------------- result


def _nullable_integer_frame(whole: Any, missing: Any, index: Any, columns: Any) -> Any:
    """A DataFrame of pandas "Int64" columns from one int64 matrix and its missing mask (<NA> where
    True), each column a view of one column of them: ``astype("Int64")`` of a float frame checks
    and converts column by column, ~0.35 ms a column (26 ms for 73 nodes × 3,000 regions)."""
    import pandas as pd

    whole, missing = np.asfortranarray(whole), np.asfortranarray(missing)  # each column contiguous
    if _integer_blocks_work():
        return _integer_blocks_frame(whole, missing, index, columns)
    # Keyed by position, the columns set after: a `columns=` argument makes pandas look for missing
    # keys through object arrays of every column (three times the cost of the rest).
    arrays = [pd.arrays.IntegerArray(whole[:, j], missing[:, j]) for j in range(whole.shape[1])]
    from_arrays = getattr(pd.DataFrame, "_from_arrays", None)
    if from_arrays is not None:  # the arrays are made here, well formed: pandas' checks of each are skipped
        return from_arrays(arrays, columns=columns, index=index, verify_integrity=False)
    frame = pd.DataFrame(dict(enumerate(arrays)), index=index, copy=False)  # else pandas copies every array
    frame.columns = columns
    return frame


def _integer_blocks_frame(whole: Any, missing: Any, index: Any, columns: Any) -> Any:
    """The frame of _nullable_integer_frame made as pandas would store it, one block per column,
    without pandas' checks and grouping of the columns by dtype: 0.04 ms against 0.3 ms for 73
    columns × 3,000 regions (pandas 1.5). Uses pandas internals: _integer_blocks_work checks it
    against the public path once, and that path is taken when it fails."""
    import pandas as pd
    from pandas._libs.internals import BlockPlacement
    from pandas.core.internals import BlockManager
    from pandas.core.internals.blocks import ExtensionBlock

    integer = pd.arrays.IntegerArray
    simple = getattr(integer, "_simple_new", None)  # pandas >= 2.0

    def array(j: int) -> Any:
        if simple is not None:
            return simple(whole[:, j], missing[:, j])
        a = integer.__new__(integer)  # pandas 1.5: what IntegerArray.__init__ sets after its checks
        a._data, a._mask = whole[:, j], missing[:, j]
        return a

    blocks = tuple(
        ExtensionBlock(array(j), ndim=2, placement=BlockPlacement(slice(j, j + 1))) for j in range(whole.shape[1])
    )
    manager = BlockManager(blocks, [columns, index], verify_integrity=False)
    from_manager = getattr(pd.DataFrame, "_from_mgr", None)  # pandas >= 2.1 (DataFrame(manager) deprecated)
    return from_manager(manager, axes=manager.axes) if from_manager is not None else pd.DataFrame(manager)


_INTEGER_BLOCKS: list[bool] = []  # whether _integer_blocks_frame gives the public path's frame here


def _integer_blocks_work() -> bool:
    """Checked once per process on a small frame with a missing rank: same values, dtypes, index
    and columns as the public path, and the frame behaves (a sum, a set value, a copy)."""
    if not _INTEGER_BLOCKS:
        import warnings

        import pandas as pd

        whole = np.asfortranarray([[1, 2], [0, 1], [3, 0]], dtype=np.int64)
        missing = np.asfortranarray([[False, False], [True, False], [False, True]])
        index, columns = pd.Index(["a", "b", "c"], name="region"), pd.Index(["X", "Y"])
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                got = _integer_blocks_frame(whole, missing, index, columns)
                want = pd.DataFrame(
                    {"X": pd.array([1, None, 3], dtype="Int64"), "Y": pd.array([2, 1, None], dtype="Int64")},
                    index=index,
                )
                pd.testing.assert_frame_equal(got, want)
                works = bool(got.sum().tolist() == [4, 3] and got.copy().iloc[0].tolist() == [1, 2])
                got.iloc[0, 0] = 7
                works = works and int(got.iloc[0, 0]) == 7 and int(whole[0, 0]) == 7
        except Exception:  # noqa: BLE001 - any failure of the internals means: use the public path
            works = False
        _INTEGER_BLOCKS.append(works)
    return _INTEGER_BLOCKS[0]


class _CoreView:
    """What a CompositeResult may wrap besides the core's build: a replication of an uncertainty
    analysis rebuilt alone (zhibiao.uncertainty's _ReplicationCore)."""


def _as_scores(table: Any) -> Any:
    """A table of scores under the indicators' ids (normalised, aggregated, contributions): written
    by zb.write_csv / to_excel as they are (attrs decimals None), not rounded to the decimals the
    catalogue prints the indicator with (a score of 54.2 beside an index of 43.558…)."""
    table.attrs["decimals"] = {str(c): None for c in table.columns}
    return table


class CompositeResult:
    """Scores and ranks at every level, every intermediate layer, marks, weights and the audit."""

    def __init__(
        self,
        core: Any = None,
        framework: Any = None,
        model: Any = None,
        region_index: Any = None,
        units: Mapping[str, Any] | None = None,
    ) -> None:
        import pandas as pd

        refuse_direct_construction(
            "zhibiao.composite.CompositeResult",
            core,
            (_core.CompositeBuild, _CoreView),
            "zhibiao.composite.build(data, ...) gives one",
        )
        self._core = core
        self.framework: Framework = framework
        self.model: Model = model
        self._index = region_index
        scores = core.scores
        # The kept rows are a subsequence of the input's: all of them when as many (no screening),
        # each region in its place: a view of the index (its own name), not a copy taken row by row,
        # and no list of the kept rows asked for.
        if len(scores) == len(region_index):
            index = region_index.view()
        else:
            index = region_index[np.asarray(core.layer_rows("aggregated"), dtype=np.int64)]
        self.scores = _as_scores(pd.DataFrame(scores, index=index, columns=framework._codes_index()))
        self._ranks: Any = None
        indicators = set(framework.indicators) if units else set()  # the list once, not once per unit
        self._units = {c: str(u) for c, u in (units or {}).items() if c in indicators and u}
        self._names = {}  # region code → name, the plots' labels (set by build)

    @property
    def _names(self) -> dict[str, str]:
        return self._name_of

    @_names.setter
    def _names(self, names: Mapping[str, str]) -> None:
        """Region code → name (set by build): the plots' labels, also carried by ``scores`` in
        ``attrs["names"]`` as compute()'s tables carry them, so that ``zb.plot.by_region(result.scores,
        ...)`` names its bars (round 37: codes only) and ``zb.write_csv`` writes them beside the codes."""
        self._name_of = dict(names)
        if self._name_of:
            self.scores.attrs["names"] = dict(self._name_of)
        else:
            self.scores.attrs.pop("names", None)

    @property
    def ranks(self) -> Any:
        """Ranks of every node as the build made them with its scores, 1 = best, ties sharing the
        best rank; ``rank()`` ranks the scores again (other tie rules, or scores you edited)."""
        if self._ranks is None:
            made = getattr(self._core, "rank_integers", None)  # a build ranks with its scores (ties "min")
            if made is None:
                self._ranks = self.rank()
            else:
                whole, missing = made()
                self._ranks = _nullable_integer_frame(whole, missing, self.scores.index, self.scores.columns)
        return self._ranks

    # Layers ------------------------------------------------------------------------------
    @property
    def layers(self) -> list[str]:
        return list(self._core.layer_names)

    @checked_keywords
    def layer(self, name: str) -> Any:
        """An intermediate as a DataFrame: "raw", "denominated", "imputed", "screened",
        "treated", "normalised" (regions × indicators), "aggregated" (regions × nodes).
        "raw", and "imputed" when no Denominate step came before, are in the input's units:
        ``attrs["units"]`` (column → symbol) as the rest of the library. The other layers carry
        none: denominated values are per denominator, treated ones may be transformed, and
        normalised and aggregated ones are unitless scores."""
        import pandas as pd

        if name not in self.layers:
            # A layer is no indicator: UnknownNameError (a KeyError), not UnknownIndicatorError.
            guess = closest_name(str(name), self.layers)
            raise _core.UnknownNameError(
                f"no layer '{name}'"
                + (f" (did you mean '{guess}'?)" if guess else "")
                + f" (layers: {', '.join(self.layers)})"
            )
        rows = np.asarray(self._core.layer_rows(name), dtype=np.int64)
        columns = self.framework.codes if name == "aggregated" else self.framework.indicators
        table = pd.DataFrame(self._core.layer_values(name), index=self._index[rows], columns=columns)
        if name == "raw" or (name == "imputed" and "denominated" not in self.layers):
            table.attrs["units"] = dict(self._units)
            return table
        return _as_scores(table)

    @checked_keywords
    def marks(self, step: str = "imputed") -> Any:
        """What the "imputed" or "treated" step did to each cell ("" where nothing)."""
        import pandas as pd

        codes = (
            self._core.imputed_marks if step == "imputed" else self._core.treated_marks if step == "treated" else None
        )
        if codes is None:
            guess = closest_name(str(step), ["imputed", "treated"])
            raise _core.ArgumentError(
                f"marks are kept for the 'imputed' and 'treated' steps, not '{step}'"
                + (f" (did you mean '{guess}'?)" if guess else "")
            )
        if step not in self.layers:
            return pd.DataFrame(index=self._index[:0], columns=self.framework.indicators)
        names = np.asarray(_core.composite_mark_names, dtype=object)
        rows = np.asarray(self._core.layer_rows(step), dtype=np.int64)
        return pd.DataFrame(names[np.asarray(codes)], index=self._index[rows], columns=self.framework.indicators)

    def reasons(self) -> Any:
        """Why each cell the imputation step met missing was missing ("" where present): a
        computed indicator's ``zero_denominator``, ``negative_input``… or ``missing_input``.
        Those reasons come from a Panel (``build(panel, …, period=…)``); a DataFrame carries none,
        so each of its missing cells is ``missing_input``, also one compute() left missing for
        a zero denominator."""
        import pandas as pd

        if "imputed" not in self.layers:
            return pd.DataFrame(index=self._index[:0], columns=self.framework.indicators)
        names = np.asarray(_core.reason_names, dtype=object)
        rows = np.asarray(self._core.layer_rows("imputed"), dtype=np.int64)
        return pd.DataFrame(
            names[np.asarray(self._core.imputed_reasons)], index=self._index[rows], columns=self.framework.indicators
        )

    @checked_keywords
    def changed_cells(self, step: str = "imputed") -> Any:
        """The marked cells as a long table: region, indicator, mark (and, for "imputed", the
        reason the cell was missing)."""
        m = self.marks(step)
        long = m.stack()
        long = long[long != ""]
        long.index.names = ["region", "indicator"]  # whatever the data's index was called
        cells = long.rename("mark").reset_index()
        if step == "imputed" and len(cells):
            reasons = self.reasons().stack()
            reasons.index.names = ["region", "indicator"]
            cells["reason"] = reasons.loc[list(zip(cells["region"], cells["indicator"]))].to_numpy()
        elif step == "imputed":
            cells["reason"] = np.array([], dtype=object)
        return cells

    @property
    def treatment(self) -> Any:
        """Per indicator: skewness and kurtosis before/after, pass flags, points winsorised, action."""
        import pandas as pd

        return pd.DataFrame(self._core.treatment, index=self.framework.indicators if self._core.treatment else None)

    @property
    def screening(self) -> Any:
        """Per region: data availability, share of zeros, kept or dropped."""
        import pandas as pd

        s = self._core.screening
        if not len(s["availability"]):
            return pd.DataFrame(columns=["availability", "zero_share", "kept"])
        kept = np.zeros(len(self._index), dtype=bool)
        kept[np.asarray(s["kept"], dtype=np.int64)] = True
        return pd.DataFrame(
            {"availability": s["availability"], "zero_share": s["zero_share"]}, index=self._index
        ).assign(kept=kept)

    # Weights -----------------------------------------------------------------------------
    @property
    def weights(self) -> Any:
        """Per node: parent, level, the weight used within its group, and its effective weight
        in the index."""
        import pandas as pd

        fw = self.framework._core
        return pd.DataFrame(
            {
                "parent": fw.parents,
                "level": fw.levels,
                "weight": self._core.weights,
                "effective": self._core.effective_weights,
            },
            index=self.framework.codes,
        )

    @property
    def ahp(self) -> dict[str, dict[str, Any]]:
        """For each AHP group: a dict of weights, lambda_max, ci and cr (as its ``priority`` computes them)."""
        return dict(self._core.ahp)

    # Ranks -------------------------------------------------------------------------------
    @checked_keywords
    def rank(
        self, ties: str = _default("rank", "ties"), within: str | Sequence[str] | None = None, data: Any = None
    ) -> Any:
        """Ranks of every node (1 = best); ``within`` a label column of the data (or labels per
        region) to rank inside groups. ``ties``: "min" (the default, COINr's and Compind's
        competition ranking: scores 9, 8, 8, 7 rank 1, 2, 2, 4), "dense" (1, 2, 2, 3), "average"
        (1, 2.5, 2.5, 4), "max" (1, 3, 3, 4), "first" (1, 2, 3, 4: equal scores in the order of
        the regions) or "last" (1, 3, 2, 4), as R's rank(ties.method = …) gives them; R's
        "random" is refused (its draws cannot be reproduced here). Ranks are nullable integers
        (pandas "Int64", <NA> where the score is missing); "average" ranks, which can be halves,
        stay floats (NaN where missing)."""
        import pandas as pd

        groups: list[str] = []
        if within is not None:
            if isinstance(within, str):
                if data is None:
                    raise _core.MissingVariableError(f"rank within '{within}': pass the data that has that column")
                if within not in data.columns:
                    columns = [str(c) for c in data.columns]
                    close = closest_name(within, columns)
                    hint = f" (did you mean {close!r}?)" if close else f" (columns: {', '.join(columns)})"
                    raise _core.MissingVariableError(f"rank within '{within}': the data have no such column{hint}")
                groups = data.loc[self.scores.index, within].astype(str).tolist()
            else:
                groups = [str(g) for g in within]
        if ties == "average":
            values = _core.composite_rank_columns(self.scores.to_numpy(), ties, groups)
            return pd.DataFrame(values, index=self.scores.index, columns=self.scores.columns)
        whole, missing = _core.composite_rank_integers(self.scores.to_numpy(), ties, groups)
        return _nullable_integer_frame(whole, missing, self.scores.index, self.scores.columns)

    # Audit -------------------------------------------------------------------------------
    @property
    def root(self) -> str:
        fw = self.framework._core
        return next(c for c, p in zip(fw.codes, fw.parents) if not p)

    @property
    def contributions(self) -> Any:
        """How much each indicator adds to each region's index score (arithmetic aggregation);
        rows sum to the score (a region without a score gets a row of NaN)."""
        return self.contributions_to(self.root)

    @checked_keywords
    def contributions_to(self, node: str) -> Any:
        import pandas as pd

        parts = pd.DataFrame(self._core.contributions(node), index=self.scores.index, columns=self.framework.indicators)
        return _as_scores(parts)

    @checked_keywords
    def what_if(self, remove: str | Sequence[str], node: str | None = None) -> Any:
        """The index recomputed without the elements ``remove`` (their groups' other weights
        renormalised): score, rank and rank change of ``node`` (default the root) per region;
        a positive rank change means the region moves up without them. The rank with every element
        is ``nominal_rank`` (as in the uncertainty tables): a column ``rank`` would be shadowed by
        ``DataFrame.rank``."""
        import pandas as pd

        codes = [remove] if isinstance(remove, str) else list(remove)
        node = node or self.root
        if node not in self.framework.codes:  # it was a bare KeyError: 'Indx', from the column lookup
            guess = _closest_code(str(node), self.framework.codes)
            raise _core.UnknownIndicatorError(
                f"what_if: no node '{node}' in the framework" + (f" (did you mean '{guess}'?)" if guess else "")
            )
        alt = pd.DataFrame(self._core.what_if(codes), index=self.scores.index, columns=self.framework.codes)[node]
        rank_before = self.ranks[node]
        rank_after = pd.Series(_core.composite_rank(alt.to_numpy()), index=alt.index).astype("Int64")
        return pd.DataFrame(
            {
                "score": self.scores[node],
                "score_without": alt,
                "nominal_rank": rank_before,
                "rank_without": rank_after,
                "rank_change": rank_before - rank_after,
            }
        )

    def audit(self) -> Any:
        """Per node: correlation with its parent, Cronbach's alpha of its children (aggregates),
        and the mean / largest rank shift of the index when the node alone is removed."""
        import pandas as pd

        mean_shift, max_shift = self._core.removal_impacts("")
        return pd.DataFrame(
            {
                "level": self.framework._core.levels,
                "corr_with_parent": self._core.parent_correlations(),
                "cronbach_alpha": self._core.cronbach_alpha(),
                "mean_rank_shift_if_removed": mean_shift,
                "max_rank_shift_if_removed": max_shift,
            },
            index=self.framework.codes,
        )

    # Reports -----------------------------------------------------------------------------
    def summary(self) -> str:
        """The method in words, for a methodology annex."""
        n, indicators = len(self.scores), len(self.framework.indicators)
        head = (
            f"Composite index '{self.root}': {counted(n, 'region')}, {counted(indicators, 'indicator')}, "
            f"{counted(len(self.framework.codes) - indicators, 'aggregate')}."
        )
        lines = [head, *self._core.method]
        root = self.scores[self.root]
        empty = _regions_without_data(self.layer("raw")) if "raw" in self.layers else []
        if "raw" in self.layers:
            blank = [r for r in empty if not np.isnan(root.get(r, np.nan))]
            if blank:
                lines.append(_imputed_alone_note(blank, self.ranks[self.root], self._names))
            sparse = _sparse_regions(self.layer("raw"), root)
            if sparse:
                lines.append(_sparse_regions_note(sparse, self.layer("raw").shape[1], self.ranks[self.root]))
        unscored = list(root.index[root.isna().to_numpy()])
        if unscored:  # "25 regions" and nothing else said, with one of them ranked <NA> (round 37)
            lines.append(_unscored_note(unscored, set(empty), self.root, self._names))
        return "\n".join(lines)

    @property
    def model_toml(self) -> str:
        """The model (framework and steps) as TOML: ``Model(result.model_toml)`` re-runs it."""
        if self.model._core.has_framework:
            return self.model.toml
        return _core.composite_model_toml(self.model._core, self.framework._core)

    def __repr__(self) -> str:
        from ._repr import composite_text

        return composite_text(self)

    def _repr_html_(self) -> str:
        from ._repr import composite_html

        return composite_html(self)


# ------------------------------------------------------------------------------------- build


def _numbers_as_text(df: Any) -> str:
    """ "; columns a, b hold numbers stored as text (object dtype): pd.to_numeric them first" for
    the text columns whose every present value reads as a number, and the first cell that is no
    number in a column mostly of numbers ("column a, row 3 (region R): not a number: '21.%'",
    as without a framework), else ""."""
    import pandas as pd

    kinds = {
        c: _text_column_kind(df[c])
        for c in df.columns
        if not pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]) and df[c].notna().any()
    }
    text = [c for c, kind in kinds.items() if kind in ("decimals", "whole")]
    stray = [f"column {c}, {kind}" for c, kind in kinds.items() if kind.startswith("row ")]
    said = ""
    if text:
        said += (
            f"; {', '.join(map(str, text))} hold{'s' if len(text) == 1 else ''} numbers stored as text (object "
            "dtype): convert with pd.to_numeric first"
        )
    if stray:
        said += f"; {'; '.join(stray)} — correct the cell and convert with pd.to_numeric"
    return said


def _model_of(
    steps: Sequence[Step] | Model | str | None, preset: str | None
) -> tuple[Model | None, Sequence[Step] | None]:
    """The model named or given, or (None, the steps) when the steps still need the framework."""
    if preset is not None:
        if steps is not None:
            raise _core.Error("give steps or preset=, not both")
        steps = preset
    if steps is None:
        steps = [Normalise(), Aggregate()]
    if isinstance(steps, str):
        return Model.preset(steps), None
    return (steps, None) if isinstance(steps, Model) else (None, steps)


_Columns = tuple  # (names, dtypes, values or None), by position: _frame_columns


def _frame_columns(df: Any) -> _Columns:
    """The frame's column names, dtypes and, for each column NumPy holds, its values (a 1-D view of
    pandas' block; None for an extension array: Int64, string, category), by position. Read from
    the blocks: a Series per column (``df.items()``, ``df.dtypes``) cost 1-3 µs a column, the
    largest part of a build's Python time over 60 columns. A frame not held in blocks as pandas
    1.5 to 2.x hold it gets ``df.dtypes`` and no values: each column is then read as a Series."""
    names = df.columns.tolist()
    width, rows = len(names), len(df.index)
    dtypes: list[Any] = [None] * width
    arrays: list[Any] = [None] * width
    try:
        placed = 0
        for block in df._mgr.blocks:
            where = block.mgr_locs.as_array.tolist()
            values = block.values
            if type(values) is np.ndarray and values.shape == (len(where), rows):
                for k, column in zip(where, values):
                    arrays[k] = column
            for k in where:
                dtypes[k] = block.dtype
            placed += len(where)
        read = placed == width and all(t is not None for t in dtypes)
    except (AttributeError, TypeError, IndexError):
        read = False
    if not read:
        return names, df.dtypes.tolist(), [None] * width
    return names, dtypes, arrays


def _numeric_columns(df: Any, columns: _Columns | None = None) -> list[Any]:
    import pandas as pd

    types = pd.api.types
    names, dtypes, _ = columns or _frame_columns(df)
    numeric: dict[Any, bool] = {}  # by dtype: a frame's columns share a few
    for t in dtypes:
        if t not in numeric:
            numeric[t] = types.is_numeric_dtype(t) and not types.is_bool_dtype(t)
    return [c for c, t in zip(names, dtypes) if numeric[t]]


_FLOAT64 = np.dtype(np.float64)


def _float_column(v: Any) -> np.ndarray:
    """A numeric column as float64 with NaN for missing: a view when it already is float64."""
    if v.dtype is _FLOAT64 or v.dtype == _FLOAT64:  # the first test: the usual case, without a comparison's cost
        return v.to_numpy()
    return v.to_numpy(dtype=np.float64, na_value=np.nan)


def _label_column(v: Any) -> list[str]:
    """A label column as text, "" for missing; a column of strings as it is (no astype pass)."""
    if v.dtype == object:
        values = v.tolist()
        if set(map(type, values)) <= {str}:  # strings only: none missing (NaN and None are not str)
            return values
    return v.astype(str).where(v.notna(), "").tolist()


def _region_names(index: Any) -> list[str]:
    """The index as text; an index of strings as it is (no str() call per region). A region
    labelled NaN (or None) or "" would be scored and ranked as "nan" or nameless: refused, naming
    its row."""
    names = index.tolist()
    if index.dtype == object and set(map(type, names)) <= {str}:
        if "" in names or any(n.isspace() for n in names):
            _refuse_unnamed_region([not n.strip() for n in names], names)
        return names
    if getattr(index, "nlevels", 1) == 1:  # a MultiIndex has no isna(): its tuples are names
        missing = index.isna()
        if missing.any():
            _refuse_unnamed_region(list(missing), names)
    return [str(u) for u in names]


def _refuse_unnamed_region(unnamed: Sequence[bool], names: Sequence[Any]) -> None:
    k = list(unnamed).index(True)
    raise _core.ArgumentError(
        f"the data's row {k} (counting from 0) has no region: its index label is {names[k]!r}; "
        "every row needs a region code or name (drop the row, or set_index on a column without gaps)"
    )


def _frame_inputs(
    df: Any, framework: Framework, numeric: list[Any], previous: Any, columns: _Columns | None = None
) -> tuple[dict, dict, dict]:
    """The numeric columns, the label columns and the earlier values of a DataFrame, checked."""
    names, _, arrays = columns or _frame_columns(df)
    indicators = framework.indicators  # a list made from C++ each time it is asked for
    have = set(names)
    absent = [c for c in indicators if c not in have]
    if absent:
        raise _core.MissingVariableError(absent_names("the data lack indicators", absent, df.columns))
    numeric_set = set(numeric)
    bad = [c for c in indicators if c not in numeric_set]
    if bad:
        raise _core.Error(
            f"indicator columns must be numeric: {', '.join(bad)} (convert units and text first)"
            + _numbers_as_text(df[bad])
        )
    # One pass over the columns, each a view where it already is float64 (to_numpy with na_value
    # would copy every column); nullable columns (Int64, Float64) hold pd.NA for a missing value:
    # it becomes NaN, missing. An infinite indicator, denominator or earlier value is refused by
    # the build, naming the column and the region; a numeric column the model does not read is
    # not data of the index. A column whose values _frame_columns did not give is read as a Series.
    numbers: dict[str, np.ndarray] = {}
    labels: dict[str, list[str]] = {}
    for k, (c, values) in enumerate(zip(names, arrays)):
        if c in numeric_set:
            plain = values is not None and values.dtype is _FLOAT64
            numbers[str(c)] = values if plain else _float_column(df.iloc[:, k])
            continue
        if values is not None and values.dtype == object:
            texts = values.tolist()
            if set(map(type, texts)) <= {str}:  # strings only: none missing (NaN and None are not str)
                labels[str(c)] = texts
                continue
        labels[str(c)] = _label_column(df.iloc[:, k])
    prev: dict[str, np.ndarray] = {}
    if previous is not None:
        aligned = previous.reindex(df.index)
        prev = {
            str(c): aligned[c].to_numpy(dtype=np.float64, na_value=np.nan) for c in aligned.columns if c in indicators
        }
    return numbers, labels, prev


def _regions_without_data(raw: Any) -> list[Any]:
    """The regions (index labels) with no value of any indicator in ``raw`` (regions × indicators)."""
    if raw.shape[1] == 0:
        return []
    return list(raw.index[raw.isna().all(axis=1).to_numpy()])


def _imputed_alone_note(regions: Sequence[Any], ranks: Any = None, names: Mapping[str, str] | None = None) -> str:
    """The summary's note on regions scored although none of their indicators had a value: an
    imputation filled every cell, so their score is the imputation's, not the region's. Each
    region with its name when the data gave one (round 37: "360123 (rank 13)" alone)."""
    shown = []
    for r in regions[:10]:
        said = [(names or {}).get(str(r), "")]
        if ranks is not None and r in ranks.index and not _is_na(ranks[r]):
            said.append(f"rank {ranks[r]}")
        said = [part for part in said if part]
        shown.append(f"{r} ({', '.join(said)})" if said else str(r))
    more = f" and {len(regions) - 10} more" if len(regions) > 10 else ""
    return (
        f"Note: {len(regions)} region{'s' if len(regions) != 1 else ''} without a value of any indicator "
        f"{'are' if len(regions) != 1 else 'is'} scored from imputed values alone: {', '.join(shown)}{more}; "
        'leave such regions out, or use Impute("none") to leave them unscored.'
    )


#: The summaries' Python words as a command-line user acts on them: ``zhibiao composite`` and
#: ``uncertainty`` read a model file, so its keys, not the Python steps (round 37).
CLI_WORDS: dict[str, str] = {
    'use Impute("none") to leave them unscored': 'give the model\'s impute step method = "none" to leave them '
    "unscored",
    "Screen(min_availability=0.5) leaves such regions out": 'a [[step]] of kind = "screen" with '
    "min_availability = 0.5 leaves such regions out",
}


def in_cli_words(text: str, words: Mapping[str, str] = CLI_WORDS) -> str:
    """``text`` (a summary) with the Python words of ``words`` said as the command line's."""
    for python, cli in words.items():
        text = text.replace(python, cli)
    return text


def _unscored_note(regions: Sequence[Any], empty: set[Any], root: str, names: Mapping[str, str]) -> str:
    """The summary's note on the regions the index leaves without a score (rank <NA>): how many,
    which (with their names), and for a region without a value of any indicator, that cause."""
    shown = []
    for r in regions[:10]:
        said = [names[str(r)]] if names.get(str(r)) else []
        if r in empty:
            said.append("no value of any indicator")
        shown.append(f"{r} ({'; '.join(said)})" if said else str(r))
    more = f" and {len(regions) - 10} more" if len(regions) > 10 else ""
    return (
        f"Note: {counted(len(regions), 'region')} {'have' if len(regions) != 1 else 'has'} no score for '{root}' "
        f"and no rank: {', '.join(shown)}{more}."
    )


def _sparse_regions(raw: Any, root: Any) -> dict[Any, int]:
    """The regions scored although fewer than half of their indicators have a value (at least
    one: none at all is the imputation note's case), with how many they have."""
    present = raw.notna().sum(axis=1)
    half = raw.shape[1] / 2
    return {r: int(k) for r, k in present.items() if 0 < k < half and not np.isnan(root.get(r, np.nan))}


def _sparse_regions_note(sparse: dict[Any, int], indicators: int, ranks: Any) -> str:
    """The summary's note on regions whose score rests on few of the indicators (a region with 1
    of 6 can rank first on that one): how many, which, and the step that leaves them out."""
    shown = []
    for r, k in list(sparse.items())[:10]:
        rank = ranks.get(r) if ranks is not None else None
        shown.append(f"{r} ({k} of {indicators}" + ("" if rank is None or _is_na(rank) else f", rank {rank}") + ")")
    more = f" and {len(sparse) - 10} more" if len(sparse) > 10 else ""
    return (
        f"Note: {counted(len(sparse), 'region')} {'are' if len(sparse) != 1 else 'is'} scored from fewer than half "
        f"of the indicators: {', '.join(shown)}{more}; Screen(min_availability=0.5) leaves such regions out."
    )


def _is_na(value: Any) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def _check_rows(df: Any) -> None:
    """A frame without rows is refused as such: each indicator's normaliser said "it has no values
    (missing for every unit)", blaming the first column rather than the empty table."""
    if len(df.index) == 0:
        columns = ", ".join(map(str, df.columns[:5])) + (", …" if len(df.columns) > 5 else "")
        raise _core.Error(f"the data have no rows (regions): there is nothing to score (columns: {columns or 'none'})")


def _refuse_padded_columns(numeric: Sequence[Any]) -> None:
    """Without a framework the columns are the node codes, which are matched as written: a column
    with white space at an end (a heading padded in a spreadsheet) is refused here, saying how to
    strip it, rather than by the framework in words about nodes the caller never wrote."""
    padded = [str(c) for c in numeric if str(c) != str(c).strip()]
    if padded:
        raise _core.ArgumentError(
            f"build without a framework takes the numeric columns as indicators, and column {padded[0]!r} "
            f"has white space at an end{stray_space_note(padded[0])}: strip the names first "
            "(df.columns = df.columns.str.strip())"
        )


def _check_numeric(df: Any, numeric: Sequence[Any]) -> None:
    """Without a framework the numeric columns are the indicators: there must be some, each with a
    value. The whole catalogue computed on a panel (``compute()`` without ids) has columns missing
    for every region (``missing_variable``); the normalisation named them one per run, so ten of
    them took ten runs to clear: all of them at once, with the way out."""
    if not numeric:
        raise _core.Error(
            "build without a framework uses the numeric columns as indicators, and the data have none"
            + _numbers_as_text(df)
        )
    empty = [str(c) for c in numeric if df[c].isna().all()]
    if empty:
        raise _core.MethodError(
            f"without a framework every numeric column is an indicator, and {len(empty)} of the {len(numeric)} "
            f"have no value (missing for every region): {', '.join(empty)}; leave them out "
            "(data.dropna(axis=1, how='all')) or name the indicators in a framework"
        )


def _check_numbers_as_text(df: Any) -> None:
    """Without a framework a column of numbers stored as text (pd.read_csv(dtype=str), an Excel
    export) was left out of the index without a word, changing every rank. A text column is read
    cell by cell as Panel.from_pandas and the command line read it ('-' missing, '13.5%', '1,234'):
    decimals, percentages or grouped digits as text are an indicator the caller meant: refused; so
    is a column of numbers with a text among them (the command line's "not a number"). Digits of one
    width (510800, 0032) are codes, a label as before; other whole numbers as text (55, 120) and
    True/False columns are a label said so in a warning."""
    import pandas as pd

    decimals, whole, stray, flags = [], [], [], []
    for c in df.columns:
        v = df[c]
        if pd.api.types.is_bool_dtype(v):
            flags.append(str(c))
            continue
        if pd.api.types.is_numeric_dtype(v) or not v.notna().any():
            continue
        kind = _text_column_kind(v)
        if kind == "decimals":
            decimals.append(str(c))
        elif kind == "whole":
            whole.append(str(c))
        elif kind:
            stray.append(f"column {c}, {kind}")
    if decimals or stray:
        said = []
        if decimals:
            said.append(
                f"{', '.join(decimals)} hold{'s' if len(decimals) == 1 else ''} numbers stored as text (object "
                "dtype): convert with pd.to_numeric (after removing '%' and grouping commas; '-' is missing) to "
                "score them, or drop them"
            )
        if stray:
            said.append(
                f"{'; '.join(stray)} — a column of numbers with a text among them: correct the cell (a missing "
                "value is NaN or '-') and convert with pd.to_numeric, or drop the column"
            )
        raise _core.Error("build without a framework uses the numeric columns as indicators, and " + "; ".join(said))
    if whole:
        _warn_as_labels(
            f"{', '.join(whole)} hold{'s' if len(whole) == 1 else ''} whole numbers stored as text: read as "
            "labels (codes), not indicators; convert with pd.to_numeric to score them"
        )
    if flags:
        _warn_as_labels(
            f"{', '.join(flags)} hold{'s' if len(flags) == 1 else ''} True/False: read as labels, not "
            "indicators; convert with .astype(float) to score them"
        )


def _warn_as_labels(message: str) -> None:
    import warnings

    warnings.warn(
        message,
        TextNumbersAsLabelsWarning,
        stacklevel=6,  # build's caller: past this, the check, _build_*, build and its keyword check
    )


def _text_column_kind(v: Any) -> str:
    """How a text column reads: "decimals" (numbers, some not whole or written with %, grouping
    commas), "whole" (plain whole numbers that are not codes), "" (codes, or text: a label), or
    the first cell that is no number in a column mostly of numbers ("row 3 (region R): not a
    number: 'x'")."""
    import pandas as pd

    # astype(str) wrote a missing value as 'nan' or 'None': missing, as a blank cell
    cells = [None if _is_na(x) or str(x).strip() in _MISSING_TEXTS else str(x) for x in v.tolist()]
    values, _, first_bad, problem, _ = _core.parse_text_cells(cells, "%")
    read = ~np.isnan(values)
    filled = sum(1 for x in cells if x is not None)
    if not read.any():
        return ""
    if first_bad is not None:
        if 2 * int(read.sum()) <= filled:
            return ""  # mostly text: a label (names), as before
        row = int(first_bad)
        return f"row {row + 1} (region {v.index[row]}): {problem}"
    texts = pd.Series([str(x).strip() for x, ok in zip(cells, read) if ok])
    plain = bool(texts.str.fullmatch(r"[+-]?\d+").all())  # not 13%, 1,234 or 1e3: written as a quantity
    if not plain or not bool((values[read] == np.round(values[read])).all()):
        return "decimals"
    return "" if _code_like(texts) else "whole"


_MISSING_TEXTS = ("", "nan", "NaN", "None", "<NA>", "NA")


def _code_like(present: Any) -> bool:
    """Texts of digits alone, all of one width of at least 4: administrative or firm codes."""
    widths = present.str.len()
    return bool(present.str.fullmatch(r"\d+").all() and widths.min() == widths.max() and widths.min() >= 4)


class TextNumbersAsLabelsWarning(UserWarning):
    """A column of whole numbers stored as text, read as a label by a build without a framework."""


def _with_text_column_names(df: Any) -> Any:
    """The frame with its column names as text: indicators are named by text, so a column named 1
    (an int, as pd.read_excel(header=None) names them) is indicator '1'; two names that read the same
    as text are refused."""
    names = df.columns.tolist()
    texts = [str(name) for name in names]
    # A name given twice made df[name] a DataFrame, and pandas' "truth value of a Series is
    # ambiguous" the only message (round 31).
    same = next((name for k, name in enumerate(names) if name in names[:k]), None)
    if same is not None:
        at = [k for k, name in enumerate(names) if name == same]
        raise _core.ArgumentError(
            f"the column {same!r} is given twice (columns {at[0]} and {at[1]} of the table, counting from 0): "
            "an indicator is read once"
        )
    if all(isinstance(name, str) for name in names):
        return df
    twice = sorted({t for t in texts if texts.count(t) > 1})
    if twice:
        raise _core.ArgumentError(
            "columns whose names read the same as text: " + ", ".join(repr(t) for t in twice) + " (rename one of each)"
        )
    renamed = df.set_axis(texts, axis=1)
    renamed.attrs = dict(df.attrs)
    return renamed


def _build_frame(
    df: Any, framework: Framework | None, model: Model | None, steps: Sequence[Step] | None, previous: Any
) -> CompositeResult:
    _check_rows(df)
    df = _with_text_column_names(df)
    columns = _frame_columns(df)
    numeric = _numeric_columns(df, columns)
    reason_columns = _frame_reason_columns(columns[0], numeric)
    numeric = [c for c in numeric if c not in reason_columns]  # an all-blank reason column reads as float
    if framework is None:
        _check_numeric(df, numeric)
        _refuse_padded_columns(numeric)
        _check_numbers_as_text(df)
        framework = Framework.flat([str(c) for c in numeric])
        _warn_of_amounts(framework.indicators, df.attrs.get("units"))
    if model is None:
        model = Model.from_steps(steps or (), framework)
    numbers, labels, prev = _frame_inputs(df, framework, numeric, previous, columns)
    for c in reason_columns:  # reasons, not groups
        labels.pop(str(c), None)
    regions = _region_names(df.index)
    given = _given_units(df.attrs.get("units"))
    reasons = _frame_reasons(df, reason_columns, numbers)
    core = _core.composite_build(framework._core, model._core, regions, numbers, labels, prev, given, reasons)
    result = CompositeResult(core, framework, model, df.index, _in_model_units(given, model))
    result._names = display_names(df)
    return result


def _frame_reason_columns(names: Sequence[Any], numeric: Sequence[Any]) -> dict[Any, str]:
    """The ``<column>_reason`` columns of a DataFrame whose column is numeric (what
    ``Panel.to_pandas(reasons=True)`` and ``compute(..., reasons=True)`` write), as their column."""
    have = {c for c in numeric if isinstance(c, str)}
    suffix = _reason_columns.SUFFIX
    return {
        c: c[: -len(suffix)] for c in names if isinstance(c, str) and c.endswith(suffix) and c[: -len(suffix)] in have
    }


def _frame_reasons(df: Any, reason_columns: Mapping[Any, str], numbers: dict[str, Any]) -> dict[str, list[int]]:
    """The reason codes of the missing cells of each column with a ``<column>_reason`` column: a
    DataFrame keeps them, as a Panel does (a zero denominator stays zero_denominator in the marks,
    not missing_input). A reason beside a value (a partial roll-up sum) makes the value the gap it
    stands for, as compute() reads it: ``numbers`` loses that value (never scored as a total)."""
    out: dict[str, list[int]] = {}
    for c, column in reason_columns.items():
        if column not in numbers:
            continue
        codes = np.asarray(_reason_columns.codes_of_cells(df[c].tolist(), str(c)))
        values = np.array(numbers[column], dtype=np.float64)
        partial = ~np.isnan(values) & (codes != 0)
        if partial.any():
            values[partial] = np.nan
            numbers[column] = values
        codes = np.where(np.isnan(values), codes, 0)
        if codes.any():
            out[column] = codes.astype(int).tolist()
    return out


def display_names(df: Any) -> dict[str, str]:
    """Region code → name, for the plots: the names a table of ``compute()`` carries
    (``attrs["names"]``), else its ``name`` column (a Panel's entities), else none."""
    carried = df.attrs.get("names")
    if isinstance(carried, Mapping):
        return {str(k): str(v) for k, v in carried.items()}
    if "name" in df.columns:
        return {str(k): str(v) for k, v in zip(df.index, df["name"]) if isinstance(v, str) and v}
    return {}


def _build_panel(
    panel: Any,
    framework: Framework | None,
    model: Model | None,
    steps: Sequence[Step] | None,
    previous: Any,
    period: str | None,
) -> CompositeResult:
    """The C++ path: the panel's period taken as a composite table in C++, reasons and all; the
    framework's catalogue indicators the panel lacks as variables are computed from it first."""
    import pandas as pd

    if previous is not None:
        raise _core.Error("previous= is for a DataFrame: a Panel's earlier periods give each region's latest values")
    if framework is None:
        framework = Framework.flat(list(panel._core.variables))
        _warn_of_amounts(framework.indicators, panel.units)
    if model is None:
        model = Model.from_steps(steps or (), framework)
    variables = set(panel._core.variables)
    builtin = set(_core.Catalogue.builtin().ids)
    computed = [i for i in framework.indicators if i not in variables and i in builtin]
    core = _core.composite_build_panel(
        framework._core, model._core, panel._core, "" if period is None else str(period), computed
    )
    regions = list(core.regions)

    def names() -> list[Any] | None:
        entities = panel.entities.set_index("code").reindex(regions)
        return entities["name"].tolist() if "name" in entities else None

    result = CompositeResult(
        core, framework, model, pd.Index(regions, name="entity"), _in_model_units(panel.units, model)
    )
    given = names() or []
    result._names = {str(r): str(n) for r, n in zip(regions, given) if isinstance(n, str) and n}
    return result


class NestedRegionsWarning(UserWarning):
    """The regions ranked include a total beside its own parts: a city beside its districts (by
    their administrative codes, the roll-up's rule), or a totals row (合计, 总计, 全市…)."""


def _warn_of_nested_regions(codes: Sequence[Any], names: Sequence[Any] | None, stacklevel: int = 5) -> None:
    """A region ranked among the regions inside it is a total ranked among its own parts (it also
    carries their figures): warned, naming it. Nesting is the roll-up's rule (Panel.rollup refuses
    such a panel: admin_parents; nested_regions here). A build says it in its warnings (C++,
    composite::note_regions); for callers without a build (the uncertainty analysis) the same
    sentence, asked of C++ on the regions and their names as a build reads them."""
    import warnings

    entities = list(map(str, codes))
    said = _core.region_warning(entities, _name_labels(names, len(entities)))
    if said:
        warnings.warn(said, NestedRegionsWarning, stacklevel=stacklevel)


def _name_labels(names: Sequence[Any] | None, count: int) -> list[str]:
    """Each region's name as a build reads a label column: its text, "" where missing."""
    import pandas as pd

    if names is None:
        return [""] * count
    return [n if isinstance(n, str) else "" if n is None or pd.isna(n) else str(n) for n in names]


def _nested_text(pairs: Sequence[tuple[str, str]], entities: Sequence[str], names: Sequence[str]) -> str:
    """The regions inside others, as the roll-up's refusal lists them ("320601 (崇川区) in 320600
    (南通市), …")."""
    label = {e: n for e, n in zip(entities, names) if n and n != e}

    def said(code: str) -> str:
        return f"{code} ({label[code]})" if code in label else code

    listed = ", ".join(f"{said(inner)} in {said(outer)}" for inner, outer in pairs[:5])
    return listed + (f" and {len(pairs) - 5} more" if len(pairs) > 5 else "")


class AmountsAsIndicatorsWarning(UserWarning):
    """A build without a framework took columns holding amounts (万元, 人, 项…) as indicators."""


def _warn_of_amounts(columns: Sequence[str], units: Mapping[str, Any] | None) -> None:
    """Without a framework every numeric column is an indicator: amounts and counts (a unit of one
    quantity, not a ratio) then make the largest regions score highest, which is rarely meant."""
    import warnings

    given = _given_units(units)
    amounts = []
    for c in columns:
        try:
            dimension = _core.Unit(given[c]).dimension if c in given else "1"
        except _core.Error:
            continue
        if dimension != "1" and "/" not in dimension:
            amounts.append(f"{c}[{given[c]}]")
    if amounts:
        warnings.warn(
            f"scoring amounts, not ratios: {', '.join(amounts)} — without a framework every numeric column is an "
            "indicator, so the largest regions score highest; name the indicators in a framework (catalogue "
            "indicators are computed from a Panel), or add a Denominate step",
            AmountsAsIndicatorsWarning,
            stacklevel=5,  # build's caller: past _build_*, build and its keyword check
        )


def _given_units(units: Mapping[str, Any] | None) -> dict[str, str]:
    """Column → unit symbol where the data say it (``attrs["units"]``, a Panel's units)."""
    return {str(c): str(u) for c, u in (units or {}).items() if u}


def _in_model_units(units: Mapping[str, Any] | None, model: Model) -> dict[str, str]:
    """The units of the input's columns once the build converted them to the model's node units."""
    given = _given_units(units)
    return {**given, **{c: u for c, u in model._core.units.items() if c in given}}


@checked_keywords
def build(
    data: Any,
    framework: Framework | None = None,
    steps: Sequence[Step] | Model | str | None = None,
    *,
    preset: str | None = None,
    previous: Any = None,
    period: str | None = None,
) -> CompositeResult:
    """Builds the index for a DataFrame with one row per region (the index names the regions) and
    a column per indicator; other numeric columns serve as denominators, text columns as groups.
    For a zhibiao Panel, the rows of one ``period`` (its only one by default) are taken in C++:
    every variable is a column, entities' parents the label "parent", earlier periods the values
    for ``Impute("latest")``, and the reason of every missing cell goes to the imputation marks.

    ``steps``: a list of steps, a ``Model``, or a preset name (also as ``preset=``). Without a
    framework the model's own is used, else a flat one over every numeric column.
    ``previous``: a DataFrame of each region's latest earlier values, for ``Impute("latest")``.
    """
    import pandas as pd

    from ._panel import Panel

    framework, steps = _framework_and_steps(framework, steps)
    model, step_list = _model_of(steps, preset)
    if framework is None and model is not None:
        framework = model.framework
    if isinstance(data, Panel):
        return _warn_of_extrapolation(_build_panel(data, framework, model, step_list, previous, period))
    if not isinstance(data, pd.DataFrame):
        raise TypeError("build needs a pandas DataFrame (one row per region) or a zhibiao Panel")
    return _warn_of_extrapolation(_build_frame(data, framework, model, step_list, previous))


class ImputedOutsideRangeWarning(UserWarning):
    """A regression imputation predicted values outside the indicator's observed range."""


class NormalisationUndoneWarning(UserWarning):
    """Aggregate("mpi") standardises the indicators itself, undoing a Normalise step that only
    rescales them (min-max, ratio to the mean …): the step has no effect on the scores."""


def _warn_of_extrapolation(result: CompositeResult) -> CompositeResult:
    """The build's warnings (C++, result::warnings), each under its category: a totals row or a
    region beside its own parts among the regions (NestedRegionsWarning: the core's
    ``region_warning``); regression predictions outside the observed range (clipped or not), a
    value the data never showed moving every region's score; and a normalisation MPI undoes (the
    core's sentence for it begins "mpi standardises")."""
    import warnings

    regions = result._core.region_warning
    for said in result._core.warnings:
        kind: type[UserWarning] = ImputedOutsideRangeWarning
        if said == regions:
            kind = NestedRegionsWarning
        elif said.startswith("mpi standardises"):
            kind = NormalisationUndoneWarning
        warnings.warn(said, kind, stacklevel=4)
    return result


def _framework_and_steps(framework: Any, steps: Any) -> tuple[Framework | None, Any]:
    """``build(data, model)`` reads as the model's framework and steps; anything else in the
    framework's place is refused by name (rather than deep in the bindings)."""
    if isinstance(framework, Model) and steps is None:
        return None, framework
    if isinstance(steps, _Step):  # one step alone: "'Normalise' object is not iterable" said nothing
        raise _core.ArgumentError(
            f"steps must be a list of steps, a Model or a preset name, not one {type(steps).__name__} step "
            f"(write [{type(steps).__name__}(...), ...])"
        )
    if framework is not None and not isinstance(framework, Framework):
        raise TypeError(
            f"framework must be a zhibiao.composite.Framework or None, not {type(framework).__name__}"
            " (a Model or preset name goes as steps=)"
        )
    return framework, steps


@checked_keywords
def score(data: Any, preset: str, framework: Framework | None = None, **kwargs: Any) -> CompositeResult:
    """One call with a built-in method: ``score(df, "eis")``, ``"entropy-topsis"``,
    ``"most-monitoring"`` (whose framework names the indicators it needs)."""
    return build(data, framework, preset=preset, **kwargs)


# ------------------------------------------------------------------------------------- methods


@checked_keywords_with_aliases("weights()")
def weights(
    x: Any,
    method: str,
    ddof: int | None = None,
    zeros: str | None = None,
    correlation: str | None = None,
    types: Sequence[float] | Mapping[Any, float] | np.ndarray | None = (),
) -> np.ndarray:
    """Weights of the columns of a regions × criteria matrix: "entropy", "critic", "sd",
    "variance", "pca", "equal", "vic", "merec" (``types`` +1/−1), "gini" (see ``Weigh``).

    Missing values (NaN): entropy, CRITIC, sd, variance, PCA and Gini use the values present
    (each column over its own units, correlations over the units two columns share); MEREC and
    VIC need every value and refuse ("impute first"). In a build, a Weigh step that leaves cells
    out says how many in the method text (``summary()``). ``ddof`` (default 1; critic, sd,
    variance), ``zeros`` (default "skip"; entropy) and ``correlation`` (default "auto"; critic,
    vic) given to another method are refused, as by the ``Weigh`` step: they would be unused."""
    # before the data are read: a keyword the method does not read is the caller's first mistake
    refuse_unread_keywords("weigh", "weights()", method, {"ddof": ddof, "zeros": zeros, "correlation": correlation})
    with _naming_labels(x):  # "column 2" said as the DataFrame's label
        return np.asarray(
            _core.composite_weights(
                _matrix(x, "weights"),
                method,
                1 if ddof is None else ddof,
                _default("weights", "zeros") if zeros is None else zeros,
                _default("weights", "correlation") if correlation is None else correlation,
                _criterion_types(types, "weights", x),
            )
        )


@checked_keywords
def ahp(
    matrix: Any,
    ri: str = _default("ahp", "ri"),
    max_cr: float = 0.1,
    accept_inconsistent: bool = False,
    priority: str = "eigenvector",
) -> dict[str, Any]:
    """AHP priority vector of a pairwise comparison matrix, with λmax, CI and CR. The random index
    (``ri``) is tabulated for up to 15 elements: beyond, a consistent matrix has CR = 0 and any
    other is refused unless ``accept_inconsistent`` (CR then NaN). ``priority``: "eigenvector"
    (Saaty, pymcdm), "mean" (of the column-normalised rows: pyDecision's default ``wd='m'``) or
    "geometric" (row geometric means, ``wd='g'``); the last two take λmax = mean((A·w)_i / w_i),
    as pyDecision does (the ``Weigh("ahp")`` step takes the same ``priority``)."""
    w, lam, ci, cr = _core.composite_ahp(_numbers(matrix, "matrix", "ahp"), ri, max_cr, accept_inconsistent, priority)
    return {"weights": np.asarray(w), "lambda_max": lam, "ci": ci, "cr": cr}


@checked_keywords_with_aliases("topsis()")
def topsis(
    x: Any,
    w: Any,
    types: Sequence[float] | Mapping[Any, float] | np.ndarray | None = (),
    inner: str = _default("topsis", "inner"),
) -> np.ndarray:
    """TOPSIS closeness (higher is better); ``inner`` normalisation "minmax" (pymcdm), "vector" or
    "none" (the textbook form on a matrix you normalised)."""
    with _naming_labels(x):
        return np.asarray(
            _core.composite_topsis(
                _matrix(x, "topsis"),
                _weight_vector(w, x, "topsis"),
                _criterion_types(types, "topsis", x),
                inner,
            )
        )


@checked_keywords_with_aliases("vikor()")
def vikor(
    x: Any, w: Any, types: Sequence[float] | Mapping[Any, float] | np.ndarray | None = (), v: float = 0.5
) -> dict[str, np.ndarray]:
    """VIKOR S, R and Q (lower Q is better)."""
    with _naming_labels(x):
        s, r, q = _core.composite_vikor(
            _matrix(x, "vikor"),
            _weight_vector(w, x, "vikor"),
            _criterion_types(types, "vikor", x),
            v,
        )
    return {"S": np.asarray(s), "R": np.asarray(r), "Q": np.asarray(q)}


@checked_keywords_with_aliases("copeland()")
def copeland(x: Any, w: Any) -> np.ndarray:
    """Copeland scores from COINr's weighted outranking matrix."""
    with _naming_labels(x):
        return np.asarray(_core.composite_copeland(_matrix(x, "copeland"), _weight_vector(w, x, "copeland")))


@checked_keywords_with_aliases("outranking()")
def outranking(x: Any, w: Any) -> np.ndarray:
    with _naming_labels(x):
        return np.asarray(_core.composite_outranking(_matrix(x, "outranking"), _weight_vector(w, x, "outranking")))


@checked_keywords_with_aliases("mazziotta_pareto()")
def mazziotta_pareto(x: Any, penalty: int = 1) -> np.ndarray:
    with _naming_labels(x):
        return np.asarray(_core.composite_mpi(_matrix(x, "mazziotta_pareto"), penalty))


@checked_keywords_with_aliases("benefit_of_the_doubt()")
def benefit_of_the_doubt(x: Any) -> tuple[np.ndarray, np.ndarray]:
    """Scores in [0, 1] and each region's own weights."""
    with _naming_labels(x):
        s, w = _core.composite_bod(_matrix(x, "benefit_of_the_doubt"))
    return np.asarray(s), np.asarray(w)


from ._mcdm import (
    _criterion_types,
    _numbers,
    naming_labels as _naming_labels,
    mean_min,
    matrix as _matrix,
    weight_vector as _weight_vector,
    normalise,
    refuse_unread_keywords,
    vikor_compromise,
    waspas,
)  # noqa: E402  (the MCDM variants, zhibiao/_mcdm.py)

__all__ = [
    "Aggregate",
    "AmountsAsIndicatorsWarning",
    "ImputedOutsideRangeWarning",
    "NestedRegionsWarning",
    "NormalisationUndoneWarning",
    "TextNumbersAsLabelsWarning",
    "CompositeResult",
    "Denominate",
    "Framework",
    "Impute",
    "Model",
    "Normalise",
    "OPTIONS",
    "PRESETS",
    "Screen",
    "Treat",
    "Weigh",
    "ahp",
    "benefit_of_the_doubt",
    "build",
    "copeland",
    "mazziotta_pareto",
    "mean_min",
    "normalise",
    "outranking",
    "score",
    "topsis",
    "vikor",
    "vikor_compromise",
    "waspas",
    "weights",
]
from .uncertainty import sobol_indices, uncertainty  # noqa: E402  (zb.composite.uncertainty; imports this module)

__all__ += ["sobol_indices", "uncertainty"]
