"""Dask entry points: zhibiao's batch scoring run a partition at a time.

::

    import dask.dataframe as dd
    import zhibiao.dask

    firms = dd.read_csv("firms-*.csv")                                    # more firms than memory
    scored = zhibiao.dask.evaluate_scorecards(firms, "tech-sme-2017")     # lazy
    zhibiao.dask.scorecard_summary(scored)                                # pass counts over all partitions
    scored[scored.status == "failed"].to_parquet("failed/")

Each partition is scored by the same C++ code as :func:`zhibiao.scorecards.evaluate`, with one
thread (Dask runs the partitions in parallel). A firm's result depends on its own row alone, so
how the table is partitioned changes nothing. With a distributed cluster give the pack as its id
or a TOML path: the workers load it themselves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from . import _core, scorecards
from ._suggest import checked_keywords, index_level, refuse_unknown_keywords


def _check(firms: Any) -> None:
    import dask.dataframe as dd

    if not isinstance(firms, dd.DataFrame):
        raise TypeError(f"expected a dask DataFrame, not {type(firms).__name__} (use zhibiao.scorecards for pandas)")


def _labels_and_length(part: Any) -> tuple[np.ndarray, int]:
    import pandas as pd

    return pd.unique(np.asarray(part.index, dtype=object)), len(part)


def _rows_of(part: Any, labels: Any) -> tuple[Any, np.ndarray]:
    mask = np.asarray(part.index.isin(labels))
    return part[mask], np.flatnonzero(mask)


def _refuse_firms_repeated_across_partitions(card: Any, firms: Any) -> None:
    """A firm (index label) in two partitions with different inputs is refused as pandas refuses
    it within one table (DuplicateRowError naming the firm, both rows and an input): each
    partition is scored alone, so it would pass in one and fail in the other. A pass over the
    index, skipped when known divisions put every label in one partition; then only the rows of
    the firms found in several partitions are read. Repeats within a partition are the pandas
    version's to refuse."""
    import dask
    import pandas as pd

    if firms.known_divisions:
        return
    seen = dask.compute(*[dask.delayed(_labels_and_length)(part) for part in firms.to_delayed()])
    labels = pd.Series(np.concatenate([c for c, _ in seen]) if seen else [], dtype=object)
    repeated = pd.unique(labels[labels.duplicated()].to_numpy())
    if not len(repeated):
        return
    found = dask.compute(*[dask.delayed(_rows_of)(part, repeated) for part in firms.to_delayed()])
    partition = np.concatenate([np.full(len(at), k) for k, (_, at) in enumerate(found)])
    position = np.concatenate([at for _, at in found])
    rows = pd.concat([part for part, _ in found])
    names = [h for h in scorecards._heading_of(card, rows)[0] if h is not None]
    codes, _ = pd.factorize(rows.index)
    _, first = np.unique(codes, return_index=True)  # per firm: its first row
    values = rows[names].to_numpy(dtype=object)
    firsts = values[first[codes]]
    with np.errstate(invalid="ignore"):
        differ = ~((values == firsts) | (pd.isna(values) & pd.isna(firsts)))
    bad = np.flatnonzero(differ.any(axis=1))
    if not len(bad):
        return
    k = int(bad[0])
    j = int(first[codes[k]])
    columns = np.flatnonzero(differ[k])
    more = f" and {len(columns) - 1} more input(s)" if len(columns) > 1 else ""
    raise _core.DuplicateRowError(
        f"firm {rows.index[k]!r} is listed twice with different inputs: row {int(position[j])} of partition "
        f"{int(partition[j])} and row {int(position[k])} of partition {int(partition[k])} differ in "
        f"{names[columns[0]]} ({firsts[k, columns[0]]!r} and {values[k, columns[0]]!r}){more}: give the firm one row"
    )


@checked_keywords
def evaluate_scorecards(
    firms: Any, pack: Any, *, policy: str = "low", units: Mapping[str, str] | None = None, explain: bool = False
) -> Any:
    """:func:`zhibiao.scorecards.evaluate` over every partition of a Dask DataFrame (lazy).

    The columns, their types and the index are those of the pandas version; explanations are off
    by default (a second pass per partition when asked for).
    """
    _check(firms)
    card = scorecards._pack(pack)  # an unknown pack fails here, not in a worker
    meta = scorecards.evaluate(firms._meta, pack, policy=policy, units=units, explain=explain, threads=1)
    _refuse_firms_repeated_across_partitions(card, firms)
    return firms.map_partitions(
        scorecards.evaluate, pack, policy=policy, units=units, explain=explain, threads=1, meta=meta
    )


@checked_keywords
def gap_scorecards(
    firms: Any,
    pack: Any,
    *,
    costs: Mapping[str, float] | None = None,
    policy: str = "low",
    units: Mapping[str, str] | None = None,
) -> Any:
    """:func:`zhibiao.scorecards.gap` over every partition of a Dask DataFrame (lazy)."""
    _check(firms)
    card = scorecards._pack(pack)
    meta = scorecards.gap(firms._meta, pack, costs=costs, policy=policy, units=units)
    _refuse_firms_repeated_across_partitions(card, firms)
    return firms.map_partitions(scorecards.gap, pack, costs=costs, policy=policy, units=units, meta=meta)


@checked_keywords
def scorecard_summary(result: Any) -> scorecards.Summary:
    """Pass counts, failing conditions and the mean score of :func:`evaluate_scorecards`'s
    result, computed partition by partition (only the counts come back)."""
    import dask

    gates = [c for c in result.columns if c.startswith("gate_")]
    valid = result["valid"]
    counts, failing, below_rule, total, scored, firms = dask.compute(
        result["status"].value_counts(),
        (~result[valid][gates]).sum(),
        (result["status"] == "failed").sum(),
        result[valid]["total"].sum(),
        result[valid]["total"].count(),  # scored firms: a direct one has no total, as pandas' mean skips it
        result.shape[0],
    )
    categories = result["status"].dtype.categories
    return scorecards.Summary.from_counts(
        pack=result._meta.attrs.get("pack", ""),
        firms=int(firms),
        counts=counts.reindex(categories, fill_value=0),
        failing=scorecards._with_pass_rule(failing.rename(lambda c: c[5:]), int(below_rule), result._meta.attrs),
        mean_total=float(total / scored) if scored else float(np.nan),
        pass_rule=scorecards._pass_rule_of(result._meta.attrs),
    )


# ------------------------------------------------------------------------------------------------
# Indicators over a Dask DataFrame: a panel per partition.


def _entity_values(part: Any, entity: str) -> Any:
    """The entity codes of a pandas partition, from a column or an index level."""
    if entity in part.columns:
        return part[entity]
    return index_level(part.index, entity, f"no column {entity!r}")


def _entities_of(part: Any, entity: str) -> np.ndarray:
    import pandas as pd

    return pd.unique(np.asarray(_entity_values(part, entity), dtype=object))


def _totals_of(part: Any, entity: str, name: str | None) -> list[str]:
    """The entities of a pandas partition whose code or name is a totals row's (合计, 全市…), each
    as "code (name)", as Panel.compute's NestedRegionsWarning shows them."""
    import pandas as pd

    codes = np.asarray(_entity_values(part, entity), dtype=object)
    names = part[name].to_numpy(dtype=object) if name is not None and name in part.columns else None
    # trimmed as Panel.from_pandas trims them: "全国 " is the nation, said as such
    texts = [str(c).strip() for c in codes]
    texts += [] if names is None else [str(n).strip() if pd.notna(n) else "" for n in names]
    shown = []
    for k in dict.fromkeys(int(k) % len(codes) for k in _core.totals_rows(texts)) if len(codes) else ():
        code, label = texts[k], "" if names is None else texts[len(codes) + k]
        shown.append(code + (f" ({label})" if label and label != code else ""))
    return shown


def _code_spans_of(part: Any, entity: str, period: str, name: str | None) -> list[tuple[str, str, int, int]]:
    """Each named entity of a pandas partition: code, name, first and last month, with codes,
    names and periods read as Panel.from_pandas reads them (RegionCodeChangeWarning compares them
    over all partitions: a place's two codes may lie in two)."""
    from ._panel import Panel, code_spans

    if name is None or len(part) == 0:
        return []
    keys = part if entity in part.columns and period in part.columns else part.reset_index()
    return code_spans(Panel.from_pandas(keys[[entity, period, name]], entity, period, variables=[]))


def _warn_of_code_changes(spans: Sequence[list[tuple[str, str, int, int]]]) -> None:
    """compute()'s RegionCodeChangeWarning, once, in the caller's process, over every partition's
    entities (an entity with rows in two partitions spans the months of both)."""
    from ._panel import warn_of_code_changes

    merged: dict[str, tuple[str, int, int]] = {}
    for code, label, first, last in (span for found in spans for span in found):
        _, before, after = merged.get(code, (label, first, last))
        merged[code] = (label, min(first, before), max(last, after))
    warn_of_code_changes("compute", [(code, *rest) for code, rest in merged.items()])


def _entity_pass(
    frame: Any, entity: str, name: str | None, period: str | None = None
) -> tuple[tuple[Any, list[int]] | None, list[str]]:
    """One pass over the entity (and name) column: the first entity with rows in more than one
    partition and those partitions, or None when every entity lies in one partition; and the
    entities that look like a totals row, said by compute() before a partition is computed (a
    warning raised in a worker of a distributed cluster never reaches the caller). Known
    divisions of an entity index say every entity lies in one partition: there is no pass
    (compute() stays lazy) and each partition says its totals rows itself. With ``period``, the
    pass also says compute()'s RegionCodeChangeWarning over all partitions."""
    import dask
    import pandas as pd

    parts = frame.to_delayed()
    totals_tasks = [dask.delayed(_totals_of)(part, entity, name) for part in parts]
    spans_tasks = [dask.delayed(_code_spans_of)(part, entity, period, name) for part in parts] if period else []
    computed = dask.compute(*[dask.delayed(_entities_of)(part, entity) for part in parts], *totals_tasks, *spans_tasks)
    per_partition, totals = computed[: len(parts)], computed[len(parts) : 2 * len(parts)]
    _warn_of_code_changes(computed[2 * len(parts) :])
    said = list(dict.fromkeys(t for found in totals for t in found))
    codes = pd.Series(
        np.concatenate([np.asarray(c, dtype=object) for c in per_partition]) if per_partition else [], dtype=object
    )
    partition = np.repeat(np.arange(len(per_partition)), [len(c) for c in per_partition])
    spans = codes.duplicated(keep=False).to_numpy()
    if not spans.any():
        return None, said
    first = codes[spans].iloc[0]
    return (first, sorted(int(p) for p in partition[(codes == first).to_numpy()])), said


def _name_column(meta: Any, entity: str, period: str) -> str | None:
    """The column Panel.from_pandas takes as the entities' names in each partition, if any."""
    from ._panel import _name_column_read_csv_would_take

    columns = meta.reset_index() if entity not in meta.columns or period not in meta.columns else meta
    return _name_column_read_csv_would_take(columns, entity, period, None)


def _reason_dtype() -> Any:
    """The dtype of a ``<id>_reason`` column: a categorical of every reason name, the same in every
    partition (as ``Panel.compute(reasons=True)`` gives it), NaN where the value is present."""
    import pandas as pd

    from . import _core

    return pd.CategoricalDtype(list(_core.reason_names[1:]))


def _empty_result(names: list[str], reasons: bool = False, attrs: Mapping[str, Any] | None = None) -> Any:
    """The columns of a result without rows, with the ``attrs`` (units, decimals) every partition's
    result carries: pandas' concat keeps attrs only when all its frames have the same."""
    import pandas as pd

    columns: dict[str, Any] = {"entity": pd.Series(dtype=object), "period": pd.Series(dtype=object)}
    for n in names:
        columns[n] = pd.Series(dtype=np.float64)
        if reasons:
            columns[n + "_reason"] = pd.Series(dtype=_reason_dtype())
    out = pd.DataFrame(columns)
    out.attrs = {k: dict(v) for k, v in (attrs or {}).items()}
    return out


def _compute_partition(
    part: Any,
    ids: list[Any],
    entity: str,
    period: str,
    units: Mapping[str, str] | None,
    variables: list[str] | None,
    options: dict[str, Any],
) -> Any:
    """One partition's panel and its indicators, flat: entity, period, then one column per id."""
    from ._panel import Panel

    reasons = bool(options.get("reasons"))
    options = dict(options)  # the same dict reaches every partition
    attrs = options.pop("attrs")
    totals_said = options.pop("totals_said")
    if len(part) == 0:
        return _empty_result([i.id if hasattr(i, "id") else i for i in ids], reasons, attrs)
    panel = Panel.from_pandas(part, entity, period, units, variables=variables, freq=options.pop("freq"))
    panel._totals_said = totals_said  # by compute(), once for all partitions, where the caller sees it
    panel._code_changes_said = totals_said  # by the same pass
    if not reasons:
        return panel.compute(ids, **options).reset_index()
    values, why = panel.compute(ids, **options)
    out = values.copy()
    for k, column in enumerate(values.columns):
        out.insert(2 * k + 1, f"{column}_reason", why[column].astype(_reason_dtype()))
    return out.reset_index()


def _check_on_meta(
    meta: Any,
    ids: list[Any],
    entity: str,
    period: str,
    units: Mapping[str, str] | None,
    variables: list[str] | None,
    options: dict[str, Any],
) -> dict[str, Any]:
    """What every partition would raise, raised now, on the frame's empty meta: a missing entity
    or period column, an unknown unit, an unknown indicator id (with "did you mean"), a formula
    whose units do not agree — before a pass over the data or a shuffle, not at ``.compute()``.
    Returns the result's units and decimals (its attrs, as ``Panel.compute`` gives them)."""
    from ._panel import Panel

    options = dict(options)
    panel = Panel.from_pandas(meta, entity, period, units, variables=variables, freq=options.pop("freq"))
    values = panel.compute(ids, **options)
    values = values[0] if isinstance(values, tuple) else values
    return {k: dict(values.attrs[k]) for k in ("units", "decimals") if k in values.attrs}


def _indicator_ids(ids: Any, catalogue: Any) -> list[Any]:
    from . import _core
    from ._indicator import Indicator

    if ids is None:
        return list((catalogue._core if catalogue is not None else _core.Catalogue.builtin()).ids)
    return [ids] if isinstance(ids, (str, Indicator)) else list(ids)


@checked_keywords
def compute(
    frame: Any,
    ids: Any = None,
    *,
    entity: str = "entity",
    period: str = "period",
    units: Mapping[str, str] | None = None,
    variables: list[str] | None = None,
    strict: bool | None = None,
    basis: str = "month",
    catalogue: Any = None,
    freq: str | None = None,
    repartition: bool = False,
    reasons: bool = False,
) -> Any:
    """:meth:`zhibiao.Panel.compute` over a Dask DataFrame with one row per (entity, period), a
    partition at a time (lazy): the columns ``entity``, ``period`` and one per indicator, the rows
    of ``Panel.from_pandas(df, ...).compute(ids).reset_index()``.

    Time operators (``growth``, ``last_year_end``, ...) need an entity's whole history, so every
    entity must lie in one partition. That is checked first — a pass over the entity column
    (and the name column, if any), which the known divisions of an entity index make needless
    (``set_index(entity)``: no partition is read until ``.compute()``). An entity in several
    partitions raises ValueError naming it and its partitions, unless ``repartition=True``: then
    the rows are shuffled by entity first. The same pass finds the entities that look like a
    totals row (合计, 全市) or the nation (全国): a NestedRegionsWarning, as ``Panel.compute``
    gives, raised here, once, in the caller's process. With known divisions there is no pass:
    each partition's ``Panel.compute`` warns of its own totals rows when it is computed (in a
    worker, on a distributed cluster, where the caller may not see it).

    ``reasons=True`` puts after each indicator a column ``<id>_reason`` (why the value is missing,
    a categorical of the reason names, as ``compute(reasons=True)`` gives them; the convention
    of ``zhibiao compute``'s CSV).

    ``variables`` defaults to the numeric columns other than entity and period, decided once
    for all partitions. A ``catalogue`` or :class:`Indicator` in ``ids`` is sent to the
    workers with the task.
    """
    import pandas as pd

    _check(frame)
    id_list = _indicator_ids(ids, catalogue)
    if units is None:
        units = dict(frame._meta.attrs.get("units", {}))
    if variables is None:
        keys = {entity, period}
        variables = [
            str(c) for c, dtype in frame._meta.dtypes.items() if c not in keys and pd.api.types.is_numeric_dtype(dtype)
        ]
    options = dict(strict=strict, basis=basis, catalogue=catalogue, freq=freq, reasons=bool(reasons))
    attrs = _check_on_meta(frame._meta, id_list, entity, period, units, variables, options)
    divided = frame.index.name == entity and frame.known_divisions  # no pass: lazy, as before round 28
    name = _name_column(frame._meta, entity, period)
    spanning, totals = (None, []) if divided else _entity_pass(frame, entity, name, period)
    options["totals_said"] = not divided  # and the changes of code
    if totals:
        import warnings

        from ._panel import totals_row_message
        from ._percent_cells import caller_stacklevel
        from .composite import NestedRegionsWarning

        warnings.warn(totals_row_message("compute", totals), NestedRegionsWarning, stacklevel=caller_stacklevel())
    if spanning is not None:
        if not repartition:
            code, partitions = spanning
            raise ValueError(
                f"entity {code!r} has rows in partitions {partitions}: time operators need an entity's whole "
                f"history in one partition (set_index('{entity}') or shuffle(on='{entity}') first, or pass "
                "repartition=True)"
            )
        if entity not in frame.columns:
            frame = frame.reset_index()
        frame = frame.shuffle(on=entity)
    # The result's units and decimals on the lazy frame too (write_csv and to_excel of a computed
    # partition print with them), and on an empty partition's, so that concat keeps them.
    meta = _empty_result([i.id if hasattr(i, "id") else i for i in id_list], bool(reasons), attrs)
    options["attrs"] = attrs
    return frame.map_partitions(
        _compute_partition,
        id_list,
        entity,
        period,
        units,
        variables,
        options,
        meta=meta,
        enforce_metadata=False,
        align_dataframes=False,
    )


__all__ = ["compute", "evaluate_scorecards", "gap_scorecards", "scorecard_summary"]


_UNCERTAINTY_MODELS: dict[
    str, Any
] = {}  # per worker process: recipe token → the core's model (layers precomputed once)


def _uncertainty_block(
    token: str, recipe: tuple[Any, ...], first: int, count: int, seed: int, keep: bool, tails: bool, n: int
) -> Any:
    from . import composite, uncertainty as _u

    core_model = _UNCERTAINTY_MODELS.get(token)
    if core_model is None:
        data, framework_toml, model_toml, previous, period, assumptions = recipe
        framework = composite.Model(framework_toml).framework
        core_model = _u._setup(data, framework, composite.Model(model_toml), previous, period, assumptions)[3]
        _UNCERTAINTY_MODELS.clear()
        _UNCERTAINTY_MODELS[token] = core_model
    return core_model.run_block(first, count, seed, keep, score_percentiles=tails, replications=n)


#: Keywords of the in-process analysis that Dask does not take.
_IN_PROCESS_ONLY = ("threads", "sobol", "sobol_random", "bootstrap", "confidence", "node", "progress")
_DASK_KEYWORDS = ("n", "block", "seed", "top_k", "keep", "score_percentiles", "previous", "period")


@checked_keywords
def uncertainty(
    data: Any,
    framework: Any = None,
    steps: Any = None,
    *,
    n: int = 1000,
    block: int = 2560,
    seed: int = 1,
    top_k: int | None = None,
    keep: bool = False,
    score_percentiles: bool = False,
    previous: Any = None,
    period: str | None = None,
    **assumptions: Any,
) -> Any:
    """:func:`zhibiao.composite.uncertainty` with the replications in blocks of ``block`` (a
    multiple of 256) run as Dask tasks on the current scheduler (a ``distributed.Client`` when
    one is active), the rank histograms and score sums merged exactly: the result is the
    in-process one for the same seed, bit for bit. ``assumptions`` as in the in-process call (no
    Sobol indices here). With ``score_percentiles`` each block carries the smallest and largest
    ⌊0.05·(n − 1)⌋ + 2 scores of every (region, node) for the whole run's n, merged exactly: the
    score percentiles are the in-process ones, bit for bit (also with ``keep``, whose score
    percentiles come from the float64 scores). The numbers and keywords are checked as in process;
    ``n`` is at least 1."""
    import uuid

    import dask

    from . import _core, uncertainty as _u

    # The in-process checks (zhibiao.composite.uncertainty's), then what only Dask has.
    _u._check_counts(n=(n, 1, _u._MOST_64))  # no Sobol-only analysis here: n = 0 asks for nothing
    _u._check_run(n, seed, 10 if top_k is None else top_k)
    _u._check_counts(block=(block, 1, _u._MOST_64))
    if block % 256:
        raise _core.ArgumentError(f"zhibiao.dask.uncertainty: block must be a positive multiple of 256, not {block}")
    full: dict[str, Any] = dict(
        weights_noise=None,
        weights_dirichlet=None,
        weighting=None,
        aggregation=None,
        normalisation=None,
        imputation=None,
        winmax=None,
        exclude_indicator=False,
        probabilities={},
    )
    for key in assumptions:
        if key in full:
            continue
        if key in _IN_PROCESS_ONLY:
            raise _core.ArgumentError(
                f"zhibiao.dask.uncertainty: no {key}= on Dask (each task runs one thread; Sobol indices "
                "are computed in process): use zhibiao.composite.uncertainty for it"
            )
        refuse_unknown_keywords([*_DASK_KEYWORDS, *full], "zhibiao.dask.uncertainty")({key: None})
    full.update(assumptions)
    df, framework, model, core_model = _u._setup(data, framework, steps, previous, period, full)
    # The framework travels as a model file with its [[node]] tables (written by the C++ core).
    recipe = (df, _core.composite_model_toml(model._core, framework._core), model.toml, previous, period, full)
    token = uuid.uuid4().hex
    tasks = [
        # keep: score percentiles from the float64 scores, as in process (the kept matrix is float32)
        dask.delayed(_uncertainty_block)(
            token, recipe, first, min(block, n - first), seed, keep, bool(score_percentiles or keep), n
        )
        for first in range(0, n, block)
    ]
    blocks = list(dask.compute(*tasks))
    core = core_model.merge(blocks, int(top_k or 0), keep)
    return _u.UncertaintyResult(
        core,
        df.index,
        framework,
        model,
        core_model,
        without_data=_u._without_data(df, framework),
        names=_u._region_names(df),
    )


__all__.append("uncertainty")
