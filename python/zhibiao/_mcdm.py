"""The MCDM variants on a units × criteria matrix, beside the step classes of
``zhibiao.composite`` (re-exported there): the normalisations with the cost forms of the MCDM
libraries and COINr's z-score target, VIKOR's compromise solution, WASPAS and the mean-min
function."""

from __future__ import annotations

import builtins
import contextlib
from typing import Any, Iterator, Mapping, Sequence

import numpy as np

from ._suggest import absent_names, checked_keywords_with_aliases
from . import _core


def _numbers(value: Any, name: str, function: str) -> np.ndarray:
    """``value`` as float64, or an ArgumentError naming the argument (numpy's ValueError "could not
    convert string to float" named neither the function nor the argument)."""
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise _core.ArgumentError(f"{function}: {name} must be numbers, not {value!r} ({e})") from None


def matrix(value: Any, function: str) -> np.ndarray:
    """``x`` as float64 with at most two axes (a list of values is one criterion): a third axis
    reached pybind11, whose TypeError listed C++ signatures."""
    m = _numbers(value, "x", function)
    if m.ndim > 2:
        raise _core.ArgumentError(f"{function}: x must be a units × criteria matrix, not {m.ndim}-dimensional")
    return m


def weight_vector(value: Any, x: Any, function: str) -> np.ndarray:
    """``w`` in the order of x's columns (``per_criterion``), as a flat float64 vector."""
    w = _numbers(per_criterion(value, x, "w", function), "w", function)
    if w.ndim != 1:
        raise _core.ArgumentError(f"{function}: w must be one weight per criterion (a flat list), not shape {w.shape}")
    return w


def _labelled(text: str, labels: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """``text`` with its first "unit N" and first "criterion N" (or "column N") named by their
    labels, and the labels used: the C++ rule the composite pipeline names regions and children by
    (src/composite/position_labels.hpp). A label that repeats, or a missing one ('nan'), does not
    say which row: its number follows it."""
    import pandas as pd  # here, not at the top: import zhibiao must not load pandas (a DataFrame did)

    def kind(names: Any) -> tuple[list[str], list[bool]]:
        if names is None:
            return [], []
        missing = [
            pd.api.types.is_scalar(label) and not isinstance(label, str) and bool(pd.isna(label)) for label in names
        ]
        return [str(label) for label in names], missing

    units, criteria = kind(labels["unit"]), kind(labels["criterion"])
    said, unit, criterion = _core.composite_label_positions(text, *units, *criteria)
    used = {name: label for name, label in (("unit", unit), ("criterion", criterion)) if label is not None}
    return said, used


@contextlib.contextmanager
def naming_labels(x: Any) -> Iterator[None]:
    """A refusal of the C++ side naming a row or column of ``x`` by its position ("unit 2",
    "criterion 1", counting from 0) names it by its label when ``x`` is a DataFrame: "unit 'R3'",
    "criterion 'b'", the row as the error's ``entity`` and the column as its ``variable``. An array
    has no labels; its message stays as it is."""
    # A DataFrame's labels; a list's .index is a method, not labels.
    framed = hasattr(x, "columns") and hasattr(x, "index") and not callable(x.index)
    labels = {"unit": x.index if framed else None, "criterion": x.columns if framed else None}
    try:
        yield
    except _core.Error as e:
        if not framed:
            raise
        text, used = _labelled(str(e), labels)
        e.args = (text, *e.args[1:])
        if isinstance(getattr(e, "message", None), str):
            e.message = _labelled(e.message, labels)[0]  # type: ignore[attr-defined]
        if "unit" in used:
            e.entity = used["unit"]  # type: ignore[attr-defined]
        if "criterion" in used:
            e.variable = used["criterion"]  # type: ignore[attr-defined]
        raise


def refuse_unread_keywords(kind: str, label: str, method: str, given: dict[str, Any]) -> None:
    """A keyword written (not None) for a method of the ``kind`` step that does not read it is
    refused, naming the methods that do, as the step classes refuse it: it would be unused.
    An unknown method is left to the C++ call, whose message names it."""
    written = [name for name, value in given.items() if value is not None]
    methods = {
        str(v)
        for step, name, _, values, _ in _core.composite_step_options()
        if (step, name) == (kind, "method")
        for v in values
    }
    if written and method in methods:
        _core.composite_check_step(kind, label, {"method": method}, written)


def _column_labels(x: Any) -> list[Any] | None:
    """The column labels of a DataFrame ``x``; None for an array or a list, which have none."""
    framed = hasattr(x, "columns") and hasattr(x, "index") and not callable(x.index)
    return list(x.columns) if framed else None


def per_criterion(value: Any, x: Any, name: str, function: str) -> Any:
    """``value`` (weights or types) in the order of the columns of ``x``. A dict or a Series keyed
    by name is taken by those names beside a DataFrame — main read a Series keyed c, b, a by
    position, giving c's weight to column a — each column named exactly once. A Series on a
    RangeIndex names positions, not columns, and keeps its order, as does any Series beside an
    array; a dict beside an array is refused: there are no names to match."""
    import pandas as pd  # here, not at the top: import zhibiao must not load pandas

    is_series = isinstance(value, pd.Series)
    if not (isinstance(value, Mapping) or is_series):
        return value
    if is_series and isinstance(value.index, pd.RangeIndex):
        return value.to_numpy()
    columns = _column_labels(x)
    if columns is None:
        if is_series:
            return value.to_numpy()
        raise _core.ArgumentError(
            f"{function}: {name} is keyed by name, but x has no column names (a DataFrame has them): "
            f"give {name} as a list in the order of x's columns"
        )
    keys = list(value.index) if is_series else list(value.keys())
    for labels, whose in ((columns, "a column"), (keys, f"a key of {name}")):
        twice = [k for k in dict.fromkeys(labels) if labels.count(k) > 1]
        if twice:
            raise _core.ArgumentError(f"{function}: {twice[0]!r} is {whose} twice, so {name} cannot be matched by name")
    unknown = [k for k in keys if k not in columns]
    if unknown:
        raise _core.ArgumentError(absent_names(f"{function}: {name} names columns x does not have", unknown, columns))
    absent = [c for c in columns if c not in keys]
    if absent:
        raise _core.ArgumentError(f"{function}: no {name} for the columns " + ", ".join(repr(c) for c in absent))
    return [value[c] for c in columns]


def _criterion_types(types: Any, function: str, x: Any = None) -> list[int]:
    """``types`` as the C++ side takes them, one +1 (benefit) or −1 (cost) per criterion, in the
    order of the columns of ``x`` when given (``per_criterion``: a dict or Series by name). pymcdm's
    users write them as floats (its tests pass ``np.ones(3)``; its ``normalize_matrix`` casts them
    to int) or None for every criterion a benefit: those are taken, where pybind11 refused a float
    with its C++ signature. Other values (2, 0) go on to the C++ check, which names the criterion."""
    if types is None:
        return []
    if x is not None:
        types = per_criterion(types, x, "types", function)
    try:
        t = np.asarray(types, dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise _core.ArgumentError(f"{function}: types must be +1 or -1 per criterion, not {types!r} ({e})") from None
    if t.ndim != 1 or not np.all(np.isfinite(t)) or not np.all(t == np.trunc(t)):
        raise _core.ArgumentError(
            f"{function}: types must be a list of whole numbers, +1 (benefit) or -1 (cost) per criterion, "
            f"not {types!r}"
        )
    return [int(v) for v in t]


@checked_keywords_with_aliases("normalise()")
def normalise(
    x: Any,
    method: str,
    types: Sequence[float] | Mapping[Any, float] | np.ndarray | None = (),
    cost: str = "negate",
    range: tuple[float, float] | None = None,
    m_sd: tuple[float, float] | None = None,
    *,
    methods: Mapping[Any, str] | None = None,
    ranges: Mapping[Any, tuple[float, float]] | None = None,
    m_sds: Mapping[Any, tuple[float, float]] | None = None,
    goalposts: Mapping[Any, tuple[float, float]] | None = None,
    goal_scale: float | None = None,
    goal_scales: Mapping[Any, float] | None = None,
    truncate: bool | None = None,
) -> np.ndarray:
    """Each column of ``x`` normalised by ``method`` ("minmax" to ``range``, "zscore" to mean and
    sd ``m_sd``, "rank", "borda", "percentile", "dist_to_max", "frac_of_max", "ratio_to_mean",
    "vector", "sum", "goalposts"). ``types``: +1 benefit / −1 cost per column (empty or None: all
    benefits). A cost column is negated (``cost="negate"``) or, for frac_of_max, vector and sum,
    taken as 1/x (``"inverse"``: min/x, (1/x)/Σ(1/x)) or 1 − the result (``"complement"``:
    1 − x/max, 1 − x/‖x‖). ``range`` (default (0, 100)) and ``m_sd`` (default (0, 1)) given to a
    method that does not read them are refused, as by the ``Normalise`` step.

    Per column, as the ``Normalise`` step takes them per indicator (COINr's ``indiv_specs``):
    ``methods`` {column: method}, ``ranges`` {column: (low, high)}, ``m_sds`` {column: (mean,
    sd)}, ``goalposts`` {column: (low, high)} with ``goal_scale`` (default 100) or ``goal_scales``
    {column: scale}, and ``truncate``. A column is named by its label in a DataFrame, by its
    position (0, 1, …) in an array; each column is normalised as a build normalises the indicator
    of that name, and the same entries are refused (an unknown column, a range for a Borda column)."""
    matrix = _numbers(x, "x", "normalise")
    types = per_criterion(types, x, "types", "normalise")
    if matrix.ndim != 2:
        raise _core.ArgumentError(f"normalise: x must be a units × criteria matrix, not {matrix.ndim}-dimensional")
    own = {
        "methods": methods,
        "ranges": ranges,
        "m_sds": m_sds,
        "goalposts": goalposts,
        "goal_scale": goal_scale,
        "goal_scales": goal_scales,
        "truncate": truncate,
    }
    if method == "goalposts" or any(value is not None for value in own.values()):
        # The step checks range/m_sd against each column's own method (review 28c: "rank" overall
        # with methods={"a": "minmax"} reads range for 'a').
        return _normalised_by_step(x, matrix, method, types, cost, range, m_sd, own)
    refuse_unread_keywords("normalise", "normalise()", method, {"range": range, "m_sd": m_sd})
    range = (0.0, 100.0) if range is None else range
    m_sd = (0.0, 1.0) if m_sd is None else m_sd
    labels = getattr(x, "columns", None)
    with naming_labels(x):
        return np.asarray(
            _core.composite_normalise(
                matrix,
                _criterion_types(types, "normalise"),
                method,
                cost,
                float(range[0]),
                float(range[1]),
                float(m_sd[0]),
                float(m_sd[1]),
                [str(c) for c in labels] if labels is not None else [],
            )
        )


def _normalised_by_step(
    x: Any,
    matrix: np.ndarray,
    method: str,
    types: Any,
    cost: str,
    range: Any,
    m_sd: Any,
    own: dict[str, Any],
) -> np.ndarray:
    """normalise() with entries per column: the columns as the indicators of a ``Normalise`` step
    with these parameters, so the function and a build agree (review of round 28)."""
    labels = getattr(x, "columns", None)
    names = [str(c) for c in labels] if labels is not None else [str(j) for j in builtins.range(matrix.shape[1])]
    given = {"method": method, "cost": cost, "range": range, "m_sd": m_sd, **own}
    keyed = {
        key: ({str(k): v for k, v in value.items()} if isinstance(value, Mapping) else value)
        for key, value in given.items()
        if value is not None
    }
    # Checked as the Normalise step checks its parameters (each one's rule, the entries a
    # column's method does not read), then each column normalised with its own options.
    _core.composite_check_step("normalise", "normalise()", keyed, [k for k in keyed if k not in ("method", "cost")])
    with naming_labels(x):
        return np.asarray(
            _core.composite_normalise_by_step(matrix, _criterion_types(types, "normalise"), names, "normalise()", keyed)
        )


@checked_keywords_with_aliases("vikor_compromise()")
def vikor_compromise(
    x: Any,
    w: Any,
    types: Sequence[float] | Mapping[Any, float] | np.ndarray | None = (),
    v: float = 0.5,
    ranks: str = "min",
    best_tie: str = "literal",
) -> dict[str, Any]:
    """VIKOR with Opricovic & Tzeng's (2004) compromise solution: S, R, Q (lower is better),
    ``ranking`` (1 = best), ``acceptable_advantage`` (C1: Q(a2) − Q(a1) ≥ DQ = 1/(m − 1)),
    ``acceptable_stability`` (C2: a1 also best by S or R), ``dq`` and ``compromise``: the rows
    of the compromise set, best first ({a1} when both hold; {a1, a2} when only C2 fails; every
    unit with Q − Q(a1) < DQ when C1 fails). ``ranks``: "min" ranks by Q, ties sharing the
    best; "dense" the dense ranks of Q (scikit-criteria's ``use_compromise_set=False``);
    "compromise_first" ranks the whole compromise set 1 and the others densely after it
    (scikit-criteria's default); "average" gives tied units the mean of their ranks (pymcdm's
    ``VIKOR.rank``). ``best_tie``: units tied for the least Q are read as Opricovic & Tzeng
    write C1 ("literal": a(2) is the second of the tie, so C1 fails and the set is every unit
    within DQ) or together as a(1) ("grouped", scikit-criteria 0.9); without a tie both agree."""
    with naming_labels(x):
        d = _core.composite_vikor_compromise(
            matrix(x, "vikor_compromise"),
            weight_vector(w, x, "vikor_compromise"),
            _criterion_types(types, "vikor_compromise", x),
            v,
            ranks,
            best_tie,
        )
    out: dict[str, Any] = {k: np.asarray(d[k]) for k in ("S", "R", "Q", "ranking")}
    if ranks != "average" and np.all(np.isfinite(out["ranking"])):
        out["ranking"] = out["ranking"].astype(np.int64)  # whole ranks, ties sharing the best ("min")
    out.update(
        compromise=[int(k) for k in d["compromise"]],
        acceptable_advantage=bool(d["acceptable_advantage"]),
        acceptable_stability=bool(d["acceptable_stability"]),
        dq=float(d["dq"]),
    )
    return out


@checked_keywords_with_aliases("waspas()")
def waspas(
    x: Any,
    w: Any,
    types: Sequence[float] | Mapping[Any, float] | np.ndarray | None = (),
    wsm_share: float = 0.5,
    inner: str = "linear",
) -> dict[str, np.ndarray]:
    """WASPAS (Zavadskas et al. 2012): ``score`` = λ·``wsm`` + (1 − λ)·``wpm``, higher is better,
    λ = ``wsm_share`` (pymcdm's ``l``, pyDecision's ``lambda_value``); WSM = Σ w·n, WPM = Π n^w
    with the weights as given (as both tools use them). ``inner``: "linear" x/max, cost min/x
    (pymcdm's default; positive values), "shifted_minmax" 1 + (x − min)/(max − min) (pyDecision's
    ``waspas_method``) or "none" (your values, positive, every criterion a benefit)."""
    with naming_labels(x):
        d = _core.composite_waspas(
            matrix(x, "waspas"),
            weight_vector(w, x, "waspas"),
            _criterion_types(types, "waspas", x),
            wsm_share,
            inner,
        )
    return {k: np.asarray(d[k]) for k in ("score", "wsm", "wpm")}


@checked_keywords_with_aliases("mean_min()")
def mean_min(x: Any, alpha: float, beta: float, standardise: bool = False) -> np.ndarray:
    """The mean-min function (Casadio Tarabusi & Guarini 2013): per unit M − α·(√((M − m)² + β²) − β),
    M the mean and m the least of its values; 0 ≤ α ≤ 1 penalises unbalance, β ≥ 0 is the
    complementarity. ``standardise=True`` first takes each column to 100 + 10·(x − mean)/sd
    (sample sd), the standardisation Compind's ``ci_mean_min`` means to do: Compind 3.4 subtracts
    the column means from a data.frame as one vector, which R recycles down the columns, so its
    scores agree with these only where the columns share one mean and sd (not copied)."""
    if not isinstance(standardise, (bool, np.bool_)):
        raise _core.ArgumentError(f"mean_min: standardise must be True or False, not {standardise!r}")
    with naming_labels(x):
        return np.asarray(_core.composite_mean_min(matrix(x, "mean_min"), alpha, beta, bool(standardise)))
