"""Composite indices: a framework tree, then normalisation and aggregation, every layer kept.

This is the first part of the composite engine: normalisation (min-max, z-score, rank, Borda,
percentile rank, distance to the maximum, fraction of the maximum, goalposts, ratio to a
standard value capped at 100) and weighted arithmetic / geometric / harmonic aggregation level by
level, with ranks and effective weights. Imputation, outlier treatment, data-driven weights and
the other aggregations are still to come.

>>> fw = zb.composite.Framework.from_pandas(meta)          # code, parent, weight, direction, level
>>> result = zb.composite.build(data, fw, [zb.composite.Normalise("minmax", range=(0, 100)),
...                                        zb.composite.Aggregate("arithmetic")])
>>> result.scores["Index"], result.ranks["Index"], result.layer("normalised")
"""

from __future__ import annotations

import dataclasses
from typing import Any, Sequence

import numpy as np

from . import _core


class Framework:
    """The tree index → pillars → indicators, with a weight and a direction at every node.

    Weights are relative within a group; a negative weight, a group whose weights sum to zero, an
    unknown parent or a node at the wrong level is an error naming the node.
    """

    def __init__(self, core: Any) -> None:
        self._core = core

    @classmethod
    def from_pandas(cls, meta: Any) -> "Framework":
        """From a table with columns code, parent, weight, direction, level (COINr's iMeta
        names — iCode, Parent, Weight, Direction, Level — are accepted too). Rows without a level
        (COINr's groups and denominators) are left out."""
        names = {"iCode": "code", "Parent": "parent", "Weight": "weight", "Direction": "direction", "Level": "level"}
        meta = meta.rename(columns={k: v for k, v in names.items() if k in meta.columns})
        missing = [c for c in ("code", "parent", "weight", "direction", "level") if c not in meta.columns]
        if missing:
            raise _core.MissingVariableError(f"framework table lacks columns: {', '.join(missing)}")
        meta = meta[meta["level"].notna()]
        parent = meta["parent"].where(meta["parent"].notna(), "").astype(str)
        return cls(_core.Framework(meta["code"].astype(str).tolist(), parent.tolist(), meta["weight"].astype(float).tolist(),
                                   meta["direction"].astype(int).tolist(), meta["level"].astype(int).tolist()))

    @property
    def indicators(self) -> list[str]:
        return list(self._core.indicators)

    @property
    def codes(self) -> list[str]:
        return list(self._core.codes)

    def effective_weights(self) -> Any:
        """Each node's weight in the whole index (the product of normalised weights down the tree)."""
        import pandas as pd

        return pd.Series(self._core.effective_weights(), index=self.codes, name="effective_weight")

    def __repr__(self) -> str:
        return f"Framework({len(self.indicators)} indicators, {len(self.codes) - len(self.indicators)} aggregates)"


@dataclasses.dataclass(frozen=True)
class Normalise:
    """A normalisation step: method and its parameters (``range`` for min-max, ``goalposts`` as
    {indicator: (low, high)}, ``standard`` as {indicator: value})."""

    method: str = "minmax"
    range: tuple[float, float] = (0.0, 100.0)
    goalposts: dict[str, tuple[float, float]] | None = None
    standard: dict[str, float] | None = None


@dataclasses.dataclass(frozen=True)
class Aggregate:
    """An aggregation step: "arithmetic", "geometric" or "harmonic" weighted means, level by level."""

    method: str = "arithmetic"


class CompositeResult:
    """Scores and ranks at every level, every intermediate layer, and the weights used."""

    def __init__(self, layers: dict[str, Any], scores: Any, framework: Framework, steps: Sequence[Any]) -> None:
        import pandas as pd

        self._layers = layers
        self.scores = scores
        self.ranks = scores.apply(lambda c: pd.Series(_core.composite_rank(c.to_numpy()), index=c.index))
        self.weights = framework.effective_weights()
        self.steps = list(steps)

    def layer(self, name: str) -> Any:
        """An intermediate: "raw", "normalised", "aggregated"."""
        try:
            return self._layers[name]
        except KeyError:
            raise _core.UnknownIndicatorError(f"no layer '{name}' (layers: {', '.join(self._layers)})") from None

    def summary(self) -> str:
        """The method in words, for a methodology annex."""
        lines = []
        for step in self.steps:
            if isinstance(step, Normalise):
                extra = f" to [{step.range[0]:g}, {step.range[1]:g}]" if step.method == "minmax" else ""
                lines.append(f"Normalisation: {step.method}{extra}; lower-is-better indicators flipped first.")
            else:
                lines.append(f"Aggregation: weighted {step.method} mean level by level; missing children left out "
                             "and the remaining weights renormalised.")
        lines.append("Ranks: 1 = best; ties share the best rank.")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"CompositeResult({len(self.scores)} units × {self.scores.shape[1]} nodes; layers {', '.join(self._layers)})"


def build(data: Any, framework: Framework, steps: Sequence[Any] = (Normalise(), Aggregate())) -> CompositeResult:
    """Builds the index for a DataFrame with one row per unit and a column per indicator.

    Steps run in order; a Normalise step must come before the Aggregate step.
    """
    import pandas as pd

    indicators = framework.indicators
    absent = [c for c in indicators if c not in data.columns]
    if absent:
        raise _core.MissingVariableError(f"the data lack indicators: {', '.join(absent)}")
    x = data[indicators].to_numpy(dtype=np.float64)
    layers: dict[str, Any] = {"raw": data[indicators].copy()}
    scores = None
    for step in steps:
        if isinstance(step, Normalise):
            low = [step.goalposts[c][0] for c in indicators] if step.goalposts else []
            high = [step.goalposts[c][1] for c in indicators] if step.goalposts else []
            standard = [step.standard[c] for c in indicators] if step.standard else []
            x = _core.composite_normalise(x, list(framework._core.directions), step.method, step.range[0], step.range[1],
                                          low, high, standard, indicators)
            layers["normalised"] = pd.DataFrame(x, index=data.index, columns=indicators)
        elif isinstance(step, Aggregate):
            if "normalised" not in layers:
                raise _core.Error("aggregate after a normalisation step")
            all_scores = _core.composite_aggregate(framework._core, x, step.method)
            scores = pd.DataFrame(all_scores, index=data.index, columns=framework.codes)
            layers["aggregated"] = scores
        else:
            raise _core.Error(f"unknown step {step!r}")
    if scores is None:
        raise _core.Error("the steps need an Aggregate step")
    aggregates = [c for c, level in zip(framework.codes, framework._core.levels) if level > 1]
    return CompositeResult(layers, scores[aggregates], framework, steps)


__all__ = ["Aggregate", "CompositeResult", "Framework", "Normalise", "build"]
