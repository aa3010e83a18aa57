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

from collections.abc import Mapping
from typing import Any

import numpy as np

from . import scorecards


def _check(firms: Any) -> None:
    import dask.dataframe as dd

    if not isinstance(firms, dd.DataFrame):
        raise TypeError(f"expected a dask DataFrame, not {type(firms).__name__} (use zhibiao.scorecards for pandas)")


def evaluate_scorecards(firms: Any, pack: Any, *, policy: str = "low", units: Mapping[str, str] | None = None,
                        explain: bool = False) -> Any:
    """:func:`zhibiao.scorecards.evaluate` over every partition of a Dask DataFrame (lazy).

    The columns, their types and the index are those of the pandas version; explanations are off
    by default (a second pass per partition when asked for).
    """
    _check(firms)
    scorecards._pack(pack)  # an unknown pack fails here, not in a worker
    meta = scorecards.evaluate(firms._meta, pack, policy=policy, units=units, explain=explain, threads=1)
    return firms.map_partitions(scorecards.evaluate, pack, policy=policy, units=units, explain=explain, threads=1,
                                meta=meta)


def gap_scorecards(firms: Any, pack: Any, *, costs: Mapping[str, float] | None = None, policy: str = "low",
                   units: Mapping[str, str] | None = None) -> Any:
    """:func:`zhibiao.scorecards.gap` over every partition of a Dask DataFrame (lazy)."""
    _check(firms)
    scorecards._pack(pack)
    meta = scorecards.gap(firms._meta, pack, costs=costs, policy=policy, units=units)
    return firms.map_partitions(scorecards.gap, pack, costs=costs, policy=policy, units=units, meta=meta)


def scorecard_summary(result: Any) -> scorecards.Summary:
    """Pass counts, failing conditions and the mean score of :func:`evaluate_scorecards`'s
    result, computed partition by partition (only the counts come back)."""
    import dask

    gates = [c for c in result.columns if c.startswith("gate_")]
    valid = result["valid"]
    counts, failing, total, scored, firms = dask.compute(
        result["status"].value_counts(), (~result[valid][gates]).sum(), result[valid]["total"].sum(),
        valid.sum(), result.shape[0])
    categories = result["status"].dtype.categories
    return scorecards.Summary.from_counts(
        pack=result._meta.attrs.get("pack", ""), firms=int(firms), counts=counts.reindex(categories, fill_value=0),
        failing=failing.rename(lambda c: c[5:]).sort_values(ascending=False),
        mean_total=float(total / scored) if scored else float(np.nan))


__all__ = ["evaluate_scorecards", "gap_scorecards", "scorecard_summary"]


_UNCERTAINTY_MODELS: dict[str, Any] = {}  # per worker process: recipe token → the core's model (layers precomputed once)


def _uncertainty_block(token: str, recipe: tuple[Any, ...], first: int, count: int, seed: int, keep: bool) -> Any:
    from . import composite, uncertainty as _u

    core_model = _UNCERTAINTY_MODELS.get(token)
    if core_model is None:
        data, framework_toml, model_toml, previous, period, assumptions = recipe
        framework = composite.Model(framework_toml).framework
        core_model = _u._setup(data, framework, composite.Model(model_toml), previous, period, assumptions)[3]
        _UNCERTAINTY_MODELS.clear()
        _UNCERTAINTY_MODELS[token] = core_model
    return core_model.run_block(first, count, seed, keep)


def uncertainty(data: Any, framework: Any = None, steps: Any = None, *, n: int = 1000, block: int = 2560, seed: int = 1, top_k: int = 10,
                keep: bool = False, previous: Any = None, period: str | None = None, **assumptions: Any) -> Any:
    """:func:`zhibiao.composite.uncertainty` with the replications in blocks of ``block`` (a
    multiple of 256) run as Dask tasks on the current scheduler (a ``distributed.Client`` when
    one is active), the rank histograms and score sums merged exactly: the result is the
    in-process one for the same seed, bit for bit. ``assumptions`` as in the in-process call
    (no Sobol indices here)."""
    import uuid

    import dask

    from . import _core, uncertainty as _u

    if block <= 0 or block % 256:
        raise _core.ArgumentError(f"zhibiao.dask.uncertainty: block must be a positive multiple of 256, not {block}")
    full = dict(weights_noise=None, weights_dirichlet=None, weighting=None, aggregation=None, normalisation=None, imputation=None,
                winmax=None, exclude_indicator=False, probabilities={})
    unknown = set(assumptions) - set(full)
    if unknown:
        raise TypeError(f"zhibiao.dask.uncertainty: unknown assumption {', '.join(sorted(unknown))} (one of {', '.join(full)})")
    full.update(assumptions)
    df, framework, model, core_model = _u._setup(data, framework, steps, previous, period, full)
    recipe = (df, framework._toml(), model.toml, previous, period, full)
    token = uuid.uuid4().hex
    tasks = [dask.delayed(_uncertainty_block)(token, recipe, first, min(block, n - first), seed, keep) for first in range(0, n, block)]
    blocks = list(dask.compute(*tasks))
    core = core_model.merge(blocks, top_k, keep)
    return _u.UncertaintyResult(core, df.index, framework, model, core_model)


__all__.append("uncertainty")
