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

The steps are small frozen dataclasses; together they form a model, which is written as TOML and
parsed by the C++ core — the same file format as ``Framework.from_toml`` / ``Model.from_toml``,
so ``result.model_toml`` re-runs the exact method. The whole pipeline runs in C++ without the GIL.
"""

from __future__ import annotations

import dataclasses
import html
import json
import math
import os
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from . import _core

# ------------------------------------------------------------------------------------- TOML


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return "nan" if math.isnan(f) else ("inf" if f > 0 else "-inf") if math.isinf(f) else repr(f)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, Mapping):
        return "{ " + ", ".join(f"{_toml_value(str(k))} = {_toml_value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, (list, tuple, np.ndarray)):
        return "[" + ", ".join(_toml_value(x) for x in (v.tolist() if isinstance(v, np.ndarray) else v)) + "]"
    raise TypeError(f"cannot write {v!r} to a composite model")


def _toml_table(header: str, fields: Mapping[str, Any]) -> str:
    lines = [f"[[{header}]]"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in fields.items() if value is not None]
    return "\n".join(lines)


# ------------------------------------------------------------------------------------- steps

#: (step, parameter) → (allowed values, default): the C++ vocabulary (zhibiao/composite/options.hpp),
#: the one list the TOML reader, the functions below and the step classes check against.
OPTIONS: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    (step, parameter): (tuple(values), default) for step, parameter, values, default in _core.composite_option_vocabularies()}


def _default(step: str, parameter: str) -> str:
    return OPTIONS[(step, parameter)][1]


class _Step:
    """Checks the step where it is made: every option against the vocabulary, every parameter
    as the TOML reader would, with errors that name the class and the parameter."""

    def __post_init__(self) -> None:
        _core.composite_check_step(_toml_table("step", self._fields()), type(self).__name__)  # type: ignore[attr-defined]


@dataclasses.dataclass(frozen=True)
class Denominate(_Step):
    """Divide indicators by a size column: ``by={"patents": "population"}``, ``scale`` a number
    for all or {indicator: factor} (10_000 for "per 10k people")."""

    by: Mapping[str, str]
    scale: float | Mapping[str, float] | None = None

    def _fields(self) -> dict[str, Any]:
        scale = self.scale if isinstance(self.scale, Mapping) or self.scale is None else {k: self.scale for k in self.by}
        return {"kind": "denominate", "by": dict(self.by), "scale": dict(scale) if scale else None}


@dataclasses.dataclass(frozen=True)
class Screen(_Step):
    """Drop units with less than ``min_availability`` of their indicators present (or more than
    ``max_zero_share`` zeros); the result lists them."""

    min_availability: float = 0.0
    max_zero_share: float = 1.0

    def _fields(self) -> dict[str, Any]:
        return {"kind": "screen", "min_availability": float(self.min_availability), "max_zero_share": float(self.max_zero_share)}


@dataclasses.dataclass(frozen=True)
class Impute(_Step):
    """Fill missing values: "mean", "median", "group_mean", "group_median" (``group`` = a label
    column), "latest" (earlier values passed to build as ``previous``), "regression" (on the most
    correlated indicator present), or "none". Each filled cell is marked."""

    method: str = _default("impute", "method")
    group: str | None = None

    def _fields(self) -> dict[str, Any]:
        return {"kind": "impute", "method": self.method, "group": self.group}


@dataclasses.dataclass(frozen=True)
class Treat(_Step):
    """Outlier treatment: "coinr" (|skew| ≥ 2 and kurtosis ≥ 3.5 → winsorise up to ``winmax``
    points, else log), "eis" (mean ± 2 sd outliers replaced, square root when skew > 1), "none"."""

    method: str = _default("treat", "method")
    winmax: int = 5
    skew_limit: float = 2.0
    kurt_limit: float = 3.5
    eis_sd: float = 2.0
    eis_skew: float = 1.0
    eis_outliers: bool = True

    def _fields(self) -> dict[str, Any]:
        return {"kind": "treat", "method": self.method, "winmax": int(self.winmax), "skew_limit": float(self.skew_limit),
                "kurt_limit": float(self.kurt_limit), "eis_sd": float(self.eis_sd), "eis_skew": float(self.eis_skew),
                "eis_outliers": bool(self.eis_outliers)}


@dataclasses.dataclass(frozen=True)
class Normalise(_Step):
    """Normalisation: "minmax" (to ``range``), "zscore", "rank", "borda", "percentile",
    "dist_to_max", "frac_of_max", "goalposts" ({indicator: (low, high)}, × ``goal_scale``),
    "standard" ({indicator: value}, × 100 capped at ``cap``), "ratio_to_mean", "dist_to_ref"
    (``reference`` unit), "bands" (``band_edges``, ``band_scores``). Lower-is-better indicators
    are flipped once, first."""

    method: str = _default("normalise", "method")
    range: tuple[float, float] = (0.0, 100.0)
    goalposts: Mapping[str, tuple[float, float]] | None = None
    standard: Mapping[str, float] | None = None
    cap: float = 100.0
    goal_scale: float = 100.0
    reference: str | None = None
    cap_at_reference: bool = False
    band_edges: Sequence[float] | None = None
    band_scores: Sequence[float] | None = None

    def _fields(self) -> dict[str, Any]:
        return {"kind": "normalise", "method": self.method, "range": [float(self.range[0]), float(self.range[1])],
                "cap": float(self.cap), "goal_scale": float(self.goal_scale), "reference": self.reference,
                "cap_at_reference": bool(self.cap_at_reference),
                "band_edges": [float(e) for e in self.band_edges] if self.band_edges is not None else None,
                "band_scores": [float(e) for e in self.band_scores] if self.band_scores is not None else None,
                "standard": {k: float(v) for k, v in self.standard.items()} if self.standard else None,
                "goalposts": {k: [float(v[0]), float(v[1])] for k, v in self.goalposts.items()} if self.goalposts else None}


@dataclasses.dataclass(frozen=True)
class Weigh(_Step):
    """Weights of the children in each group of ``levels`` (None: all): "framework", "equal",
    "fixed" ({node: weight}), "entropy" (``zeros`` "skip" = 0·ln0 = 0, or "pymcdm"), "critic",
    "sd", "variance" (``ddof``), "pca" (first component of the correlation matrix), "ahp"
    ({group: comparison matrix}, ``ri`` "tummala_ling" or "saaty", CR above ``max_cr`` refused
    unless ``accept_inconsistent``)."""

    method: str = _default("weigh", "method")
    levels: Sequence[int] | None = None
    ddof: int = 1
    zeros: str = _default("weigh", "zeros")
    ri: str = _default("weigh", "ri")
    max_cr: float = 0.1
    accept_inconsistent: bool = False
    pairwise: Mapping[str, Any] | None = None
    fixed: Mapping[str, float] | None = None

    def _fields(self) -> dict[str, Any]:
        return {"kind": "weigh", "method": self.method, "levels": list(self.levels) if self.levels is not None else None,
                "ddof": int(self.ddof), "zeros": self.zeros, "ri": self.ri, "max_cr": float(self.max_cr),
                "accept_inconsistent": bool(self.accept_inconsistent),
                "pairwise": {k: np.asarray(v, dtype=float) for k, v in self.pairwise.items()} if self.pairwise else None,
                "fixed": {k: float(v) for k, v in self.fixed.items()} if self.fixed else None}


@dataclasses.dataclass(frozen=True)
class Aggregate(_Step):
    """Aggregation of ``levels`` (None: all): "arithmetic", "geometric", "harmonic",
    "generalised" (``power``), "mpi" (Mazziotta–Pareto, ``penalty`` ±1), "bod" (benefit of the
    doubt), "copeland", "topsis" (``inner`` "minmax" or "vector"), "vikor" (score 1 − Q, ``v``)."""

    method: str = _default("aggregate", "method")
    levels: Sequence[int] | None = None
    power: float = 1.0
    penalty: int = 1
    inner: str = _default("aggregate", "inner")
    v: float = 0.5

    def _fields(self) -> dict[str, Any]:
        return {"kind": "aggregate", "method": self.method, "levels": list(self.levels) if self.levels is not None else None,
                "power": float(self.power), "penalty": int(self.penalty), "inner": self.inner, "v": float(self.v)}


Step = Denominate | Screen | Impute | Treat | Normalise | Weigh | Aggregate

# ------------------------------------------------------------------------------------- framework


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

    @classmethod
    def from_toml(cls, path: str) -> "Framework":
        """The [[node]] tables of a composite model file (see ``Model``)."""
        model = _core.composite_read_model(os.fsencode(path))
        if not model.has_framework:
            raise _core.Error(f"{path}: the model has no [[node]] tables")
        return cls(model.framework())

    @classmethod
    def flat(cls, indicators: Iterable[str], directions: Mapping[str, int] | None = None, root: str = "Index") -> "Framework":
        """One root over the indicators, equal weights (directions +1 unless given)."""
        codes = list(indicators)
        directions = directions or {}
        return cls(_core.Framework([root, *codes], ["", *([root] * len(codes))], [1.0] * (len(codes) + 1),
                                   [1, *(int(directions.get(c, 1)) for c in codes)], [2, *([1] * len(codes))]))

    @property
    def indicators(self) -> list[str]:
        return list(self._core.indicators)

    @property
    def codes(self) -> list[str]:
        return list(self._core.codes)

    def to_pandas(self) -> Any:
        """The nodes as a table: code, parent, weight, direction, level."""
        import pandas as pd

        c = self._core
        return pd.DataFrame({"code": c.codes, "parent": c.parents, "weight": c.weights, "direction": c.node_directions, "level": c.levels})

    def effective_weights(self) -> Any:
        """Each node's weight in the whole index (the product of normalised weights down the tree)."""
        import pandas as pd

        return pd.Series(self._core.effective_weights(), index=self.codes, name="effective_weight")

    def _toml(self) -> str:
        c = self._core
        return "\n\n".join(_toml_table("node", {"code": code, "parent": parent or None, "level": level, "weight": weight,
                                                "direction": direction})
                           for code, parent, weight, direction, level in zip(c.codes, c.parents, c.weights, c.node_directions, c.levels))

    def __repr__(self) -> str:
        return f"Framework({len(self.indicators)} indicators, {len(self.codes) - len(self.indicators)} aggregates)"

    def _repr_html_(self) -> str:
        return "<div><b>zhibiao.composite.Framework</b>" + self.to_pandas().to_html(index=False) + "</div>"


# ------------------------------------------------------------------------------------- models


class Model:
    """A method (the steps) and optionally its framework, as in a TOML model file or a preset."""

    def __init__(self, toml_text: str, source: str = "<model>") -> None:
        self.toml = toml_text
        self._core = _core.composite_parse_model(toml_text, source)

    @classmethod
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
    def from_steps(cls, steps: Sequence[Step], framework: Framework | None = None, name: str = "") -> "Model":
        parts = [f"name = {_toml_value(name)}"] if name else []
        if framework is not None:
            parts.append(framework._toml())
        for step in steps:
            if not hasattr(step, "_fields"):
                raise _core.Error(f"unknown step {step!r} (Denominate, Screen, Impute, Treat, Normalise, Weigh, Aggregate)")
            parts.append(_toml_table("step", step._fields()))
        return cls("\n\n".join(parts) + "\n", "<steps>")

    @classmethod
    def preset(cls, name: str) -> "Model":
        """A built-in model: "most-monitoring", "eis", "entropy-topsis"."""
        return cls(_core.composite_preset_text(name), f"data/composite/{name}.toml (built in)")

    @property
    def name(self) -> str:
        return str(self._core.name)

    @property
    def framework(self) -> Framework | None:
        return Framework(self._core.framework()) if self._core.has_framework else None

    def __repr__(self) -> str:
        return f"Model({self.name or 'unnamed'!r}, {self._core.step_count} steps{', with framework' if self._core.has_framework else ''})"


PRESETS = tuple(_core.composite_preset_names())

# ------------------------------------------------------------------------------------- result


class CompositeResult:
    """Scores and ranks at every level, every intermediate layer, marks, weights and the audit."""

    def __init__(self, core: Any, framework: Framework, model: Model, unit_index: Any) -> None:
        import pandas as pd

        self._core = core
        self.framework = framework
        self.model = model
        self._index = unit_index
        rows = np.asarray(core.layer_rows("aggregated"), dtype=np.int64)
        self._rows = rows
        self.scores = pd.DataFrame(core.scores, index=unit_index[rows], columns=framework.codes)
        self._ranks: Any = None

    @property
    def ranks(self) -> Any:
        """Ranks of every node, 1 = best, ties sharing the best rank (see ``rank``)."""
        if self._ranks is None:
            self._ranks = self.rank()
        return self._ranks

    # Layers ------------------------------------------------------------------------------
    @property
    def layers(self) -> list[str]:
        return list(self._core.layer_names)

    def layer(self, name: str) -> Any:
        """An intermediate as a DataFrame: "raw", "denominated", "imputed", "screened",
        "treated", "normalised" (units × indicators), "aggregated" (units × nodes)."""
        import pandas as pd

        if name not in self.layers:
            raise _core.UnknownIndicatorError(f"no layer '{name}' (layers: {', '.join(self.layers)})")
        rows = np.asarray(self._core.layer_rows(name), dtype=np.int64)
        columns = self.framework.codes if name == "aggregated" else self.framework.indicators
        return pd.DataFrame(self._core.layer_values(name), index=self._index[rows], columns=columns)

    def marks(self, step: str = "imputed") -> Any:
        """What the "imputed" or "treated" step did to each cell ("" where nothing)."""
        import pandas as pd

        codes = self._core.imputed_marks if step == "imputed" else self._core.treated_marks if step == "treated" else None
        if codes is None:
            raise _core.Error(f"marks are kept for the 'imputed' and 'treated' steps, not '{step}'")
        if step not in self.layers:
            return pd.DataFrame(index=self._index[:0], columns=self.framework.indicators)
        names = np.asarray(_core.composite_mark_names, dtype=object)
        rows = np.asarray(self._core.layer_rows(step), dtype=np.int64)
        return pd.DataFrame(names[np.asarray(codes)], index=self._index[rows], columns=self.framework.indicators)

    def changed_cells(self, step: str = "imputed") -> Any:
        """The marked cells as a long table: unit, indicator, mark."""
        m = self.marks(step)
        long = m.stack()
        long = long[long != ""]
        long.index.names = ["unit", "indicator"]  # whatever the data's index was called
        return long.rename("mark").reset_index()

    @property
    def treatment(self) -> Any:
        """Per indicator: skewness and kurtosis before/after, pass flags, points winsorised, action."""
        import pandas as pd

        return pd.DataFrame(self._core.treatment, index=self.framework.indicators if self._core.treatment else None)

    @property
    def screening(self) -> Any:
        """Per unit: data availability, share of zeros, kept or dropped."""
        import pandas as pd

        s = self._core.screening
        if not len(s["availability"]):
            return pd.DataFrame(columns=["availability", "zero_share", "kept"])
        kept = np.zeros(len(self._index), dtype=bool)
        kept[np.asarray(s["kept"], dtype=np.int64)] = True
        return pd.DataFrame({"availability": s["availability"], "zero_share": s["zero_share"]}, index=self._index).assign(kept=kept)

    # Weights -----------------------------------------------------------------------------
    @property
    def weights(self) -> Any:
        """Per node: parent, level, the weight used within its group, and its effective weight
        in the index."""
        import pandas as pd

        fw = self.framework._core
        return pd.DataFrame({"parent": fw.parents, "level": fw.levels, "weight": self._core.weights,
                             "effective": self._core.effective_weights}, index=self.framework.codes)

    @property
    def ahp(self) -> dict[str, dict[str, Any]]:
        """For each AHP group: weights, lambda_max, CI, CR."""
        return dict(self._core.ahp)

    # Ranks -------------------------------------------------------------------------------
    def rank(self, ties: str = _default("rank", "ties"), within: str | Sequence[str] | None = None, data: Any = None) -> Any:
        """Ranks of every node (1 = best); ``ties`` "min", "dense" or "average"; ``within`` a
        label column of the data (or labels per unit) to rank inside groups."""
        import pandas as pd

        groups: list[str] = []
        if within is not None:
            if isinstance(within, str):
                if data is None or within not in getattr(data, "columns", ()):
                    raise _core.MissingVariableError(f"rank within '{within}': pass the data that has that column")
                groups = data.loc[self.scores.index, within].astype(str).tolist()
            else:
                groups = [str(g) for g in within]
        return pd.DataFrame(_core.composite_rank_columns(self.scores.to_numpy(), ties, groups), index=self.scores.index,
                            columns=self.scores.columns)

    # Audit -------------------------------------------------------------------------------
    @property
    def root(self) -> str:
        fw = self.framework._core
        return next(c for c, p in zip(fw.codes, fw.parents) if not p)

    @property
    def contributions(self) -> Any:
        """How much each indicator adds to each unit's index score (arithmetic aggregation);
        rows sum to the score."""
        return self.contributions_to(self.root)

    def contributions_to(self, node: str) -> Any:
        import pandas as pd

        return pd.DataFrame(self._core.contributions(node), index=self.scores.index, columns=self.framework.indicators)

    def what_if(self, remove: str | Sequence[str], node: str | None = None) -> Any:
        """The index recomputed without the elements ``remove`` (their groups' other weights
        renormalised): score, rank and rank change of ``node`` (default the root) per unit;
        a positive rank change means the unit moves up without them."""
        import pandas as pd

        codes = [remove] if isinstance(remove, str) else list(remove)
        node = node or self.root
        alt = pd.DataFrame(self._core.what_if(codes), index=self.scores.index, columns=self.framework.codes)[node]
        rank_before = self.ranks[node]
        rank_after = pd.Series(_core.composite_rank(alt.to_numpy()), index=alt.index)
        return pd.DataFrame({"score": self.scores[node], "score_without": alt, "rank": rank_before, "rank_without": rank_after,
                             "rank_change": rank_before - rank_after})

    def audit(self) -> Any:
        """Per node: correlation with its parent, Cronbach's alpha of its children (aggregates),
        and the mean / largest rank shift of the index when the node alone is removed."""
        import pandas as pd

        mean_shift, max_shift = self._core.removal_impacts("")
        return pd.DataFrame({"level": self.framework._core.levels, "corr_with_parent": self._core.parent_correlations(),
                             "cronbach_alpha": self._core.cronbach_alpha(), "mean_rank_shift_if_removed": mean_shift,
                             "max_rank_shift_if_removed": max_shift}, index=self.framework.codes)

    # Reports -----------------------------------------------------------------------------
    def summary(self) -> str:
        """The method in words, for a methodology annex."""
        n = len(self.scores)
        head = f"Composite index '{self.root}': {n} units, {len(self.framework.indicators)} indicators, " \
               f"{len(self.framework.codes) - len(self.framework.indicators)} aggregates."
        return "\n".join([head, *self._core.method])

    @property
    def model_toml(self) -> str:
        """The model (framework and steps) as TOML: ``Model(result.model_toml)`` re-runs it."""
        if self.model._core.has_framework:
            return self.model.toml
        return self.model.toml + "\n\n" + self.framework._toml() + "\n"  # top-level keys first, then [[node]]

    def __repr__(self) -> str:
        return f"CompositeResult({len(self.scores)} units × {self.scores.shape[1]} nodes; layers {', '.join(self.layers)})"

    def _repr_html_(self) -> str:
        root = self.root
        top = self.scores[[root]].assign(rank=self.ranks[root]).sort_values("rank").head(10)
        method = "".join(f"<li>{html.escape(line)}</li>" for line in self._core.method)
        return (f"<div><b>zhibiao.composite.CompositeResult</b>: {len(self.scores)} units, layers "
                f"{html.escape(', '.join(self.layers))}<br><i>top 10 by {html.escape(root)}</i>{top.to_html()}"
                f"<ul>{method}</ul></div>")


# ------------------------------------------------------------------------------------- build


def _as_frame(data: Any, period: str | None) -> Any:
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return data
    if hasattr(data, "to_pandas") and hasattr(data, "periods"):  # a zhibiao Panel
        df = data.to_pandas()
        periods = list(data.periods)
        if period is None:
            if len(periods) != 1:
                raise _core.Error(f"the panel has periods {', '.join(periods)}: choose one with period=")
            period = periods[0]
        return df.xs(str(period), level=1)
    raise TypeError("build needs a pandas DataFrame (one row per unit) or a zhibiao Panel")


def _numbers_as_text(df: Any) -> str:
    """"; columns a, b hold numbers stored as text (object dtype): pd.to_numeric them first" for
    the text columns whose every present value reads as a number, else ""."""
    import pandas as pd

    text = [c for c in df.columns if not pd.api.types.is_numeric_dtype(df[c]) and df[c].notna().any()
            and pd.to_numeric(df[c].dropna(), errors="coerce").notna().all()]
    if not text:
        return ""
    return f"; {', '.join(map(str, text))} hold{'s' if len(text) == 1 else ''} numbers stored as text (object dtype): " \
           "convert with pd.to_numeric first"


def build(data: Any, framework: Framework | None = None, steps: Sequence[Step] | Model | str | None = None, *,
          preset: str | None = None, previous: Any = None, period: str | None = None) -> CompositeResult:
    """Builds the index for a DataFrame with one row per unit (the index names the units) and a
    column per indicator; other numeric columns serve as denominators, text columns as groups.

    ``steps``: a list of steps, a ``Model``, or a preset name (also as ``preset=``). Without a
    framework the model's own is used, else a flat one over every numeric column.
    ``previous``: a DataFrame of each unit's latest earlier values, for ``Impute("latest")``.
    """
    import pandas as pd

    df = _as_frame(data, period)
    if preset is not None:
        if steps is not None:
            raise _core.Error("give steps or preset=, not both")
        steps = preset
    if steps is None:
        steps = [Normalise(), Aggregate()]
    model = Model.preset(steps) if isinstance(steps, str) else steps if isinstance(steps, Model) else None
    if framework is None:
        framework = model.framework if model is not None else None
    numeric = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]
    if framework is None:
        if not numeric:
            raise _core.Error("build without a framework uses the numeric columns as indicators, and the data have none" +
                              _numbers_as_text(df))
        framework = Framework.flat([str(c) for c in numeric])
    if model is None:
        model = Model.from_steps(steps, framework)  # type: ignore[arg-type]
    absent = [c for c in framework.indicators if c not in df.columns]
    if absent:
        raise _core.MissingVariableError(f"the data lack indicators: {', '.join(absent)}")
    bad = [c for c in framework.indicators if c not in numeric]
    if bad:
        raise _core.Error(f"indicator columns must be numeric: {', '.join(bad)} (convert units and text first)" + _numbers_as_text(df[bad]))
    # Nullable columns (Int64, Float64) hold pd.NA for a missing value: it becomes NaN, missing.
    numbers = {str(c): df[c].to_numpy(dtype=np.float64, na_value=np.nan) for c in numeric}
    for name, values in numbers.items():
        if np.isinf(values).any():
            unit = df.index[np.isinf(values)][0]
            raise _core.Error(f"column '{name}' has an infinite value (unit {unit}): infinities are not data")
    labels = {str(c): df[c].astype(str).where(df[c].notna(), "").tolist() for c in df.columns if c not in numeric}
    prev: dict[str, np.ndarray] = {}
    if previous is not None:
        aligned = previous.reindex(df.index)
        prev = {str(c): aligned[c].to_numpy(dtype=np.float64, na_value=np.nan) for c in aligned.columns if c in framework.indicators}
    units = [str(u) for u in df.index]
    core = _core.composite_build(framework._core, model._core, units, numbers, labels, prev)
    return CompositeResult(core, framework, model, df.index)


def score(data: Any, preset: str, framework: Framework | None = None, **kwargs: Any) -> CompositeResult:
    """One call with a built-in method: ``score(df, "eis")``, ``"entropy-topsis"``,
    ``"most-monitoring"`` (whose framework names the indicators it needs)."""
    return build(data, framework, preset=preset, **kwargs)


# ------------------------------------------------------------------------------------- methods


def weights(x: Any, method: str, ddof: int = 1, zeros: str = _default("weights", "zeros")) -> np.ndarray:
    """Weights of the columns of a units × criteria matrix: "entropy", "critic", "sd",
    "variance", "pca", "equal" (see ``Weigh`` for the variants)."""
    return np.asarray(_core.composite_weights(np.asarray(x, dtype=np.float64), method, ddof, zeros))


def ahp(matrix: Any, ri: str = _default("ahp", "ri"), max_cr: float = 0.1, accept_inconsistent: bool = False) -> dict[str, Any]:
    """AHP priority vector of a pairwise comparison matrix, with λmax, CI and CR."""
    w, lam, ci, cr = _core.composite_ahp(np.asarray(matrix, dtype=np.float64), ri, max_cr, accept_inconsistent)
    return {"weights": np.asarray(w), "lambda_max": lam, "ci": ci, "cr": cr}


def topsis(x: Any, w: Any, types: Sequence[int] = (), inner: str = _default("topsis", "inner")) -> np.ndarray:
    """TOPSIS closeness (higher is better); ``inner`` normalisation "minmax" (pymcdm) or "vector"."""
    return np.asarray(_core.composite_topsis(np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64), list(types), inner))


def vikor(x: Any, w: Any, types: Sequence[int] = (), v: float = 0.5) -> dict[str, np.ndarray]:
    """VIKOR S, R and Q (lower Q is better)."""
    s, r, q = _core.composite_vikor(np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64), list(types), v)
    return {"S": np.asarray(s), "R": np.asarray(r), "Q": np.asarray(q)}


def copeland(x: Any, w: Any) -> np.ndarray:
    """Copeland scores from COINr's weighted outranking matrix."""
    return np.asarray(_core.composite_copeland(np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)))


def outranking(x: Any, w: Any) -> np.ndarray:
    return np.asarray(_core.composite_outranking(np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)))


def mazziotta_pareto(x: Any, penalty: int = 1) -> np.ndarray:
    return np.asarray(_core.composite_mpi(np.asarray(x, dtype=np.float64), penalty))


def benefit_of_the_doubt(x: Any) -> tuple[np.ndarray, np.ndarray]:
    """Scores in [0, 1] and each unit's own weights."""
    s, w = _core.composite_bod(np.asarray(x, dtype=np.float64))
    return np.asarray(s), np.asarray(w)


__all__ = ["Aggregate", "CompositeResult", "Denominate", "Framework", "Impute", "Model", "Normalise", "OPTIONS", "PRESETS", "Screen",
           "Treat", "Weigh", "ahp", "benefit_of_the_doubt", "build", "copeland", "mazziotta_pareto", "outranking", "score",
           "topsis", "vikor", "weights"]
from .uncertainty import uncertainty  # noqa: E402  (zb.composite.uncertainty; imports this module)
