"""Uncertainty and sensitivity analysis of a composite index (``zb.composite.uncertainty``).

>>> u = zb.composite.uncertainty(data, fw, steps, n=10_000,
...         weights_noise={2: 0.25, 3: 0.25},                    # ±25% around nominal, COINr's noise
...         normalisation=[zb.composite.Normalise("minmax", range=(1, 100)), zb.composite.Normalise("zscore")],
...         aggregation=[zb.composite.Aggregate("arithmetic"), zb.composite.Aggregate("geometric")],
...         winmax=(1, 5), sobol=1000)
>>> u.ranks                  # per region and node: nominal, mean, median, 5th/95th percentile, P(top k)
>>> u.parameters             # what each replication drew, one row per replication
>>> u.replication(17)        # replication 17 rebuilt alone, every layer (a CompositeResult)
>>> u.sobol                  # first-order and total Sobol indices of each assumption, with intervals
>>> u.plot_ranks(); u.plot_sobol()

Every normalised layer an imputation × winmax × normalisation choice can give is computed once;
a replication is then a weighting, an aggregation and a ranking in C++ without the GIL. Random
streams are keyed by (seed, replication): the same seed gives the same bits for any ``threads``
and on Dask (:func:`zhibiao.dask.uncertainty`).
"""

from __future__ import annotations

import numbers
import re
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from . import _core, _progress
from . import composite as _composite
from ._lang import counted
from ._suggest import absent_names, checked_keywords, checked_keywords_with_aliases, refuse_direct_construction


_STEP_OF_CHOICE = {
    "weighting": "Weigh",
    "aggregation": "Aggregate",
    "normalisation": "Normalise",
    "imputation": "Impute",
}


def _choice(name: str, options: Any, probabilities: Sequence[float] | None, framework: Any) -> dict[str, Any] | None:
    """{model, labels, probabilities} of a list (or {label: step}) of alternative steps."""
    if options is None:
        return None
    if isinstance(options, Mapping):
        labels, steps = [str(k) for k in options], list(options.values())
    else:
        steps = list(options)
        labels = [getattr(s, "method", str(i + 1)) for i, s in enumerate(steps)]
        if len(set(labels)) < len(labels):
            labels = [f"{label} #{i + 1}" for i, label in enumerate(labels)]
    if not steps:
        raise _core.ArgumentError(f"uncertainty: {name} needs at least one alternative")
    for step in steps:
        if isinstance(step, str):
            # A method's name where a step belongs (normalisation=["minmax", "zscore"]): say which
            # step to write; a misspelt name raises here with "did you mean", from the step itself.
            kind = getattr(_composite, _STEP_OF_CHOICE[name])
            kind(step)
            raise _core.ArgumentError(
                f"uncertainty: the {name} alternative {step!r} is a method's name, not a step: "
                f"write {kind.__name__}({step!r})"
            )
    # alternatives, not a model: two Aggregate steps without levels are two choices here
    out: dict[str, Any] = {"model": _composite.Model._of_steps(steps, None, "", False)._core, "labels": labels}
    if probabilities is not None:
        out["probabilities"] = [float(p) for p in probabilities]
    return out


def _spec(
    weights_noise: Mapping[int, float] | None,
    weights_dirichlet: Mapping[int, float] | None,
    weighting: Any,
    aggregation: Any,
    normalisation: Any,
    imputation: Any,
    winmax: tuple[int, int] | None,
    exclude_indicator: bool,
    probabilities: Mapping[str, Sequence[float]],
    framework: Any,
) -> dict[str, Any]:
    choices = ["weighting", "aggregation", "normalisation", "imputation"]
    unknown = set(probabilities) - set(choices)
    if unknown:  # a misspelt choice ("aggregaton") said nothing of the one meant
        raise _core.ArgumentError(
            absent_names("uncertainty: probabilities= names no choice", sorted(map(str, unknown)), choices)
            + "; only weighting, aggregation, normalisation and imputation are choices with probabilities"
        )
    given = {
        "weighting": weighting,
        "aggregation": aggregation,
        "normalisation": normalisation,
        "imputation": imputation,
    }
    orphan = sorted(name for name in probabilities if given[name] is None)
    if orphan:
        raise _core.ArgumentError(
            f"uncertainty: probabilities for {', '.join(orphan)}, which {'has' if len(orphan) == 1 else 'have'} "
            f"no alternatives: give {orphan[0]}=[...] too, or drop its probabilities"
        )
    spec: dict[str, Any] = {"exclude_indicator": bool(exclude_indicator)}
    if weights_noise:
        spec["noise"] = {int(k): float(v) for k, v in weights_noise.items()}
    if weights_dirichlet:
        spec["dirichlet"] = {int(k): float(v) for k, v in weights_dirichlet.items()}
    for name, options in (
        ("weighting", weighting),
        ("aggregation", aggregation),
        ("normalisation", normalisation),
        ("imputation", imputation),
    ):
        c = _choice(name, options, probabilities.get(name), framework)
        if c is not None:
            spec[name] = c
    if winmax is not None:
        pair = (
            None if isinstance(winmax, (str, bytes, Mapping)) else list(winmax) if hasattr(winmax, "__iter__") else None
        )
        if (
            pair is None
            or len(pair) != 2
            or any(isinstance(x, bool) or not isinstance(x, numbers.Integral) for x in pair)
        ):
            raise _core.ArgumentError(f"uncertainty: winmax must be (low, high), two whole numbers, not {winmax!r}")
        spec["winmax"] = (int(pair[0]), int(pair[1]))
    return spec


def _as_frame(data: Any, period: str | None, indicators: Sequence[str]) -> tuple[Any, Any]:
    """One row per region: a DataFrame as given, or one period of a zhibiao Panel as
    :func:`zhibiao.composite.build` takes it: its variables, the catalogue ``indicators`` it lacks
    computed from it, and the entities' parents and names as the labels "parent" and "name"; and
    for a Panel its regions' latest earlier values (else None), which build gives Impute("latest")."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return data, None
    if not (hasattr(data, "to_pandas") and hasattr(data, "periods")):  # a zhibiao Panel
        raise TypeError("uncertainty needs a pandas DataFrame (one row per region) or a zhibiao Panel")
    periods = [str(p) for p in data.periods]
    if period is None:
        if len(periods) != 1:
            raise _core.ArgumentError(f"the panel has periods {', '.join(periods)}: choose one with period=")
        period = periods[0]
    period = _period_of(str(period), periods)
    frame = data.to_pandas()
    variables, builtin = set(data._core.variables), set(_core.Catalogue.builtin().ids)
    computed = [i for i in indicators if i not in variables and i in builtin]
    units = {str(v): str(u) for v, u in data.units.items() if u}
    if computed:
        indicator_frame = data.compute(computed)
        units.update(indicator_frame.attrs.get("units", {}))
        frame = frame.join(indicator_frame[computed])
    earlier = _latest_earlier(frame, str(period))
    frame = frame.xs(str(period), level=1)
    frame.attrs["units"] = units
    entities = data.entities.set_index("code").reindex(frame.index)
    for label in ("parent", "name"):
        # As build's C++ reader (composite/input.cpp, add_labels): a label only when some entity
        # has one. A column of blanks was a "parent" group of nothing, so Impute("group_mean",
        # group="parent") imputed nothing where build refuses the missing group column.
        if label in entities and label not in frame and (entities[label].fillna("").astype(str) != "").any():
            frame[label] = entities[label]
    return frame, None if earlier is None else earlier.reindex(frame.index)


def _period_of(period: str, periods: Sequence[str]) -> str:
    """``period`` as the panel spells it (2024年 and 2024年上半年 are 2024 and 2024H1, as read_csv
    reads them and build() takes them: they were refused here), or the error of build()'s C++
    reader (composite/input.cpp), word for word, with the periods nearest in time it suggests."""
    try:
        canonical, readable = str(_core.Period(period)), True
    except _core.Error:
        canonical, readable = period, False
    if canonical in periods:
        return canonical
    quoted = [f"'{p}'" for p in (_core.nearest_periods(canonical, list(periods)) if readable else [])]
    said = f" (did you mean {' or '.join([', '.join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)}?)"
    raise _core.ArgumentError(
        f"the panel has no period {canonical}{said if quoted else ''} (periods: {', '.join(periods) or 'none'})"
    )


def _latest_earlier(frame: Any, period: str) -> Any:
    """Each region's latest value before ``period`` of each numeric column (NaN when none), as
    build's C++ reader gives a Panel's earlier periods to Impute("latest"); None when there are none."""
    import pandas as pd

    when = _core.Period(period)
    periods = [str(p) for p in frame.index.get_level_values(1).unique()]
    before = sorted((p for p in periods if _core.Period(p) < when), key=_core.Period)
    columns = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
    if not before or not columns:
        return None
    rank = {p: k for k, p in enumerate(before)}
    rows = frame[columns][frame.index.get_level_values(1).isin(before)]
    rows = rows.assign(_order=[rank[str(p)] for p in rows.index.get_level_values(1)]).sort_values("_order")
    return rows.drop(columns="_order").groupby(level=0, sort=False).last()  # the last non-NaN per column


def _prepare(data: Any, framework: Any, steps: Any, previous: Any, period: str | None) -> tuple[Any, ...]:
    """What :func:`zhibiao.composite.build` passes to the core, checked the same way."""
    import pandas as pd

    framework, steps = _composite._framework_and_steps(framework, steps)
    if steps is None:
        steps = [_composite.Normalise(), _composite.Aggregate()]
    model = (
        _composite.Model.preset(steps)
        if isinstance(steps, str)
        else steps
        if isinstance(steps, _composite.Model)
        else None
    )
    if framework is None and model is not None:
        framework = model.framework
    df, earlier = _as_frame(data, period, framework.indicators if framework is not None else [])
    if not isinstance(data, pd.DataFrame):
        if previous is not None:  # build's words (composite._build_panel)
            raise _core.Error(
                "previous= is for a DataFrame: a Panel's earlier periods give each region's latest values"
            )
        previous = earlier
    _composite._check_rows(df)  # build()'s words for an empty table and one without numbers
    numeric = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]
    if framework is None:
        _composite._check_numeric(df, numeric)
        _composite._refuse_padded_columns(numeric)
        _composite._check_numbers_as_text(df)  # build's refusal of numbers stored as text
        framework = _composite.Framework.flat([str(c) for c in numeric])
    if model is None:
        model = _composite.Model.from_steps(steps, framework)
    absent = [c for c in framework.indicators if c not in df.columns]
    if absent:
        raise _core.MissingVariableError(absent_names("the data lack indicators", absent, df.columns))
    bad = [c for c in framework.indicators if c not in numeric]
    if bad:  # build()'s words (composite._frame_inputs)
        raise _core.Error(
            f"indicator columns must be numeric: {', '.join(bad)} (convert units and text first)"
            + _composite._numbers_as_text(df[bad])
        )
    names = df["name"].tolist() if "name" in df.columns else None
    _composite._warn_of_nested_regions([str(u) for u in df.index], names, stacklevel=6)  # as build warns
    numbers = {str(c): df[c].to_numpy(dtype=np.float64, na_value=np.nan) for c in numeric}
    labels = {str(c): df[c].astype(str).where(df[c].notna(), "").tolist() for c in df.columns if c not in numeric}
    prev: dict[str, np.ndarray] = {}
    if previous is not None:
        aligned = previous.reindex(df.index)
        prev = {
            str(c): aligned[c].to_numpy(dtype=np.float64, na_value=np.nan)
            for c in aligned.columns
            if c in framework.indicators
        }
    return df, framework, model, [str(u) for u in df.index], numbers, labels, prev


#: The most each count can be: the range of the C++ type it goes into (a seed is 64 bits, a
#: thread count 32), so that a larger one is said here, not as pybind11's list of signatures.
_MOST_64, _MOST_32, _MOST_INT = 2**64 - 1, 2**32 - 1, 2**31 - 1


def _check_counts(**counts: tuple[Any, int, int]) -> None:
    """Each keyword's value a whole number from its least (threads=0: every core) to its most."""
    for name, (value, least, most) in counts.items():
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < least:
            raise _core.ArgumentError(f"{name} must be a whole number ≥ {least}, not {value!r}")
        if int(value) > most:
            most_said = {_MOST_64: "2**64 - 1", _MOST_32: "2**32 - 1", _MOST_INT: "2**31 - 1"}[most]
            raise _core.ArgumentError(
                f"{name} must be a whole number from {least} to {most_said} ({most}), not {value}"
            )


def _sobol_reason(variance: float) -> str | None:
    """Why a Sobol output's indices are NaN (None, missing, when they are not, as a Panel's reason
    columns leave a value without a reason): its variance says it."""
    if variance == 0:
        return "constant_output"
    return None if variance > 0 else "missing_output"


def _sobol_region_notes(table: Any, node: str) -> list[str]:
    """The regions whose indices are NaN, by reason, for the summary (the mean rank shift has its own note)."""
    lines = []
    regions = table[table["output"] != "mean_abs_rank_shift"].drop_duplicates("output")
    for reason, said in (
        ("constant_output", "never moved in the Sobol design (variance 0): no input changes it"),
        ("missing_output", "had no rank in some runs of the Sobol design"),
    ):
        which = regions.loc[regions["reason"] == reason, "output"].astype(str).tolist()
        if which:
            shown = ", ".join(which[:8]) + (f" and {len(which) - 8} more" if len(which) > 8 else "")
            lines.append(
                f"Note: {counted(len(which), 'region')} ({shown}): the rank in '{node}' {said}; the Sobol "
                f"indices are NaN, with the reason {reason} in .sobol."
            )
    return lines


_SCORE_PERCENTILES_NOTE = "not computed: run with score_percentiles=True (or keep=True) to fill score_p05, score_p95"


def _negative_first_order_note(table: Any) -> list[str]:
    """A first-order index below zero, said: it is the estimator's noise (Saltelli/Jansen, as
    SALib), not a negative share of the variance; the raw value is kept, not clipped."""
    below = table[table["S"] < 0]
    if not len(below):
        return []
    worst = below.loc[below["S"].idxmin()]
    return [
        f"Note: {counted(len(below), 'first-order index/indices')} below zero (lowest "
        f"S={worst['S']:.3f}, {worst['input']} for {worst['output']}): estimator noise (as SALib's), not a "
        "negative effect; the raw values are kept; read them as about 0, or raise sobol= to shrink the noise."
    ]


#: The inputs of an analysis (the C++ core's names) in Chinese, for plot_sobol's axis.
_INPUT_WORDS_ZH = {
    "weights noise": "权重扰动",
    "weights Dirichlet": "权重 Dirichlet 抽样",
    "weighting": "赋权方法",
    "aggregation": "加总方法",
    "normalisation": "标准化方法",
    "imputation": "插补方法",
    "winmax": "异常值处理 (winmax)",
    "exclusion": "剔除一个指标",
}


def _input_label(name: str, lang: str) -> str:
    """An input of the analysis as the axis shows it: "weights noise level 1" is "权重扰动（第 1 层）"
    in Chinese; English keeps the core's words; a name not known is shown as it is."""
    if lang != "zh":
        return name
    m = re.match(r"^(weights noise|weights Dirichlet) level (\d+)$", name)
    if m:
        return f"{_INPUT_WORDS_ZH[m.group(1)]}（第 {m.group(2)} 层）"
    return _INPUT_WORDS_ZH.get(name, name)


def _output_title(output: str, node: str, names: Mapping[str, str], lang: str) -> str:
    """plot_sobol's title: the mean rank shift in words, a region by its name and code."""
    if output == "mean_abs_rank_shift":
        return f"{node} 平均绝对排名变动" if lang == "zh" else f"mean absolute rank shift of {node}"
    name = names.get(str(output))
    region = f"{name} ({output})" if name and name != str(output) else str(output)
    return f"{region} 的 {node} 排名" if lang == "zh" else f"rank of {region} in {node}"


def _codes_of(regions: Sequence[Any], known: Sequence[str], names: Mapping[Any, Any]) -> list[str]:
    """plot_ranks' regions as codes: a code of the analysis, or a name the data gave one region
    ("东湖区" is 330201); a name several regions carry, or anything else, an ArgumentError saying
    which codes (or "did you mean")."""
    from ._suggest import closest_name

    codes_of: dict[str, list[str]] = {}
    for code, name in names.items():
        if str(code) in known:
            codes_of.setdefault(str(name), []).append(str(code))
    chosen, unknown, shared = [], [], []
    for region in map(str, regions):
        if region in known:
            chosen.append(region)
        elif len(codes_of.get(region, [])) == 1:
            chosen.append(codes_of[region][0])
        elif region in codes_of:
            shared.append(f"{region!r} is the name of {', '.join(codes_of[region])}: give the code")
        else:
            unknown.append(region)
    if shared or unknown:  # they left the plot empty, or without the regions asked for, silently
        said = "; ".join(shared)
        if unknown:
            hint = closest_name(unknown[0], known) or closest_name(unknown[0], list(codes_of))
            if hint in codes_of and len(codes_of[hint]) == 1:
                hint = f"'{codes_of[hint][0]}' ({hint})"
            elif hint:
                hint = f"'{hint}'" + (f" ({names[hint]})" if names.get(hint) and names[hint] != hint else "")
            said = f"regions not in the analysis: {', '.join(unknown)}" + (f" (did you mean {hint}?)" if hint else "")
            said += f"; {'; '.join(shared)}" if shared else ""
        raise _core.ArgumentError(f"plot_ranks: {said}")
    return chosen


def _check_run(n: Any, seed: Any, top_k: Any, sobol: Any = 0, threads: Any = 0, bootstrap: Any = 0) -> None:
    """The checks of the run's numbers, the same for the in-process and the Dask analysis."""
    _check_counts(
        n=(n, 0, _MOST_64),
        seed=(seed, 0, _MOST_64),
        threads=(threads, 0, _MOST_32),
        top_k=(top_k, 1, _MOST_INT),
        sobol=(sobol, 0, _MOST_64),
        bootstrap=(bootstrap, 0, _MOST_64),
    )
    if sobol == 1:  # the core's "sobol_estimate: n must be at least 2" named no keyword of the caller
        raise _core.ArgumentError("sobol = 1: the Sobol indices need sobol ≥ 2 rows of Saltelli's design (0: none)")
    if n == 0 and sobol == 0:  # n = 0 with sobol = N: the Sobol indices alone
        raise _core.ArgumentError("n = 0 and sobol = 0 ask for nothing: give n replications, sobol = N, or both")


def _aggregates(framework: Any) -> list[str]:
    """The nodes an analysis ranks: the framework's aggregates, in its order."""
    fw = framework._core
    parents = {str(p) for p in fw.parents if p}
    return [str(c) for c in fw.codes if str(c) in parents]


def _unknown_node(name: Any, nodes: Sequence[str], framework: Any, what: str = "node") -> Exception:
    """UnknownIndicatorError for a node (or Sobol output) the analysis does not have."""
    from ._suggest import closest_name

    listed = ", ".join(nodes)
    if framework is not None and str(name) in framework.indicators and what == "node":
        return _core.UnknownIndicatorError(
            f"'{name}' is an indicator: the uncertainty analysis ranks the aggregates ({listed})"
        )
    hint = closest_name(str(name), nodes)
    return _core.UnknownIndicatorError(
        f"no {what} '{name}' in the uncertainty analysis"
        + (f" (did you mean '{hint}'?)" if hint else "")
        + f"; its {what}s: {listed}"
    )


def _check_node(node: Any, framework: Any) -> None:
    if node is None:
        return
    nodes = _aggregates(framework)
    if not isinstance(node, str) or node not in nodes:
        raise _unknown_node(node, nodes, framework)


#: The Sobol intervals' defaults: `bootstrap` resamples at level `confidence` (the CLI's too).
SOBOL_BOOTSTRAP, SOBOL_CONFIDENCE = 1000, 0.95


def _sobol_intervals(sobol: Any, bootstrap: Any, confidence: Any) -> tuple[int, float]:
    """bootstrap= and confidence= with their defaults; given without sobol= they would set nothing, so
    they are refused as the CLI refuses --bootstrap without --sobol (review23 F5)."""
    for name, given in (("bootstrap", bootstrap), ("confidence", confidence)):
        if given is not None and not sobol:
            raise _core.ArgumentError(f"{name}= sets the intervals of the Sobol indices: it needs sobol=N")
    return (
        SOBOL_BOOTSTRAP if bootstrap is None else bootstrap,
        SOBOL_CONFIDENCE if confidence is None else confidence,
    )


def _check_confidence(confidence: Any) -> None:
    """The confidence level of the Sobol intervals: a number strictly between 0 and 1."""
    number = isinstance(confidence, numbers.Real) and not isinstance(confidence, bool)
    if number and 0 < confidence < 1:
        return
    percent = number and 1 < confidence < 100
    raise _core.ArgumentError(
        f"confidence must be a number between 0 and 1 (exclusive), not {confidence!r}"
        + (f" (a percentage? write {confidence / 100:g})" if percent else "")
    )


@checked_keywords_with_aliases("uncertainty()")
def uncertainty(
    data: Any,
    framework: Any = None,
    steps: Any = None,
    *,
    n: int = 1000,
    seed: int = 1,
    threads: int = 0,
    top_k: int | None = None,
    keep: bool = False,
    score_percentiles: bool = False,
    weights_noise: Mapping[int, float] | None = None,
    weights_dirichlet: Mapping[int, float] | None = None,
    weighting: Any = None,
    aggregation: Any = None,
    normalisation: Any = None,
    imputation: Any = None,
    winmax: tuple[int, int] | None = None,
    exclude_indicator: bool = False,
    probabilities: Mapping[str, Sequence[float]] | None = None,
    sobol: int = 0,
    sobol_random: bool = False,
    bootstrap: int | None = None,
    confidence: float | None = None,
    node: str | None = None,
    progress: bool | Callable[[int, int], None] = False,
    previous: Any = None,
    period: str | None = None,
) -> "UncertaintyResult":
    """Monte Carlo uncertainty analysis of the index ``build(data, framework, steps)`` would make.

    Assumptions: ``weights_noise`` {level: x} multiplies the weights of the nodes at that level
    (1 = indicators) by 1 + U(−x, x); ``weights_dirichlet`` {level: concentration} draws them
    around the nominal shares; ``weighting`` (Weigh steps), ``aggregation`` (Aggregate steps),
    ``normalisation`` (Normalise steps), ``imputation`` (Impute steps) are choices — lists, or
    {label: step} — with ``probabilities`` {name: [...]} (default equal); ``winmax`` (low, high)
    the outlier rule's range; ``exclude_indicator`` leaves out none or one indicator.
    ``keep`` keeps every replication's ranks and scores (float32) and gives the exact score
    percentiles (from the float64 scores, as ``score_percentiles``);
    ``score_percentiles`` computes the exact 5th/95th score percentiles without keeping the
    matrices (the ⌊0.05·(n − 1)⌋ + 2 smallest and largest scores of each region and node, per
    thread: slower and memory-hungry on large indices; not on Dask);
    ``sobol`` = N also computes Sobol indices from Saltelli's design (N·(inputs + 2) runs), with
    intervals at the level ``confidence`` (default 0.95: the 2.5th and 97.5th percentiles) of
    ``bootstrap`` resamples of its rows (default 1000; 0: no intervals, NaN); COINr's Nboot gives the
    5th–95th (confidence=0.9). Both need ``sobol``: given without it they are an error, not ignored.
    ``top_k`` (``p_top{k}``: P(rank ≤ k)): 1 to the number of regions (more: ArgumentError); default 10.
    ``progress``: True for a tqdm bar, or a function (done, total). ``node`` (the Sobol
    indices' node, default the index) must be an aggregate of the framework.
    """
    assumptions = dict(
        weights_noise=weights_noise,
        weights_dirichlet=weights_dirichlet,
        weighting=weighting,
        aggregation=aggregation,
        normalisation=normalisation,
        imputation=imputation,
        winmax=winmax,
        exclude_indicator=exclude_indicator,
        probabilities=probabilities or {},
    )
    resamples, level = _sobol_intervals(sobol, bootstrap, confidence)
    _check_run(n, seed, 10 if top_k is None else top_k, sobol, threads, resamples)
    _check_confidence(level)
    df, framework, model, core_model = _setup(data, framework, steps, previous, period, assumptions)
    _check_node(node, framework)
    report, close = _progress.callback(progress, "uncertainty", "rep")
    try:
        # keep=True: the score percentiles from the float64 scores (the kept matrix is float32)
        exact = bool(score_percentiles) or bool(keep)
        core = core_model.run(int(n), int(seed), int(threads), int(top_k or 0), bool(keep), report, exact)
        sobol_raw = (
            core_model.sensitivity(
                int(sobol),
                bool(sobol_random),
                int(seed),
                int(threads),
                int(resamples),
                float(level),
                node or "",
                report,
            )
            if sobol
            else None
        )
    finally:
        close()
    result = UncertaintyResult(
        core,
        df.index,
        framework,
        model,
        core_model,
        sobol_raw,
        node=node,
        without_data=_without_data(df, framework),
        names=_region_names(df),
    )
    result._sobol_intervals = (resamples, level)
    return result


def _region_names(df: Any) -> dict[str, str]:
    """Region code → name, for the plots (as a build's result keeps them)."""
    return _composite.display_names(df)


def _without_data(df: Any, framework: Any) -> list[Any]:
    """The regions of ``df`` with no value of any of the framework's indicators."""
    return _composite._regions_without_data(df[list(framework.indicators)])


def _setup(
    data: Any, framework: Any, steps: Any, previous: Any, period: str | None, assumptions: Mapping[str, Any]
) -> tuple[Any, ...]:
    """The data frame, framework, model and the core's model of the assumptions (layers precomputed)."""
    spec = _spec(framework=framework, **assumptions)
    df, framework, model, units, numbers, labels, prev = _prepare(data, framework, steps, previous, period)
    core_model = _core.composite_uncertainty_model(
        framework._core, model._core, units, numbers, labels, prev, spec, _composite._given_units(df.attrs.get("units"))
    )
    return df, framework, model, core_model


class UncertaintyResult:
    """Rank and score statistics per region and node, the parameters of every replication, and
    (when asked) Sobol indices."""

    def __init__(
        self,
        core: Any = None,
        index: Any = None,
        framework: Any = None,
        model: Any = None,
        core_model: Any = None,
        sobol_raw: Any = None,
        node: str | None = None,
        without_data: Sequence[Any] = (),
        names: Mapping[str, str] | None = None,
    ) -> None:
        refuse_direct_construction(
            "zhibiao.uncertainty.UncertaintyResult",
            core,
            _core.UncertaintyResult,
            "zhibiao.uncertainty.uncertainty(data, ...) gives one",
        )
        self._names = dict(names or {})  # region code → name, the plots' labels
        self._core = core
        self._without_data = list(without_data)  # regions with no indicator value (summary note)
        self._index = index
        self.framework = framework
        self.model = model
        self._core_model = core_model
        self._sobol_raw = sobol_raw
        # the Sobol intervals' resamples and level, said with the indices (a 90 % and a 95 % interval
        # look alike: review23 F3)
        self._sobol_intervals: tuple[int, float] = (SOBOL_BOOTSTRAP, SOBOL_CONFIDENCE)
        self._node = node  # the node= of the call (None: the index), which the summary describes
        self.n = int(core.replications)
        self.top_k = int(core.top_k)

    @property
    def ranks(self) -> Any:
        """One row per (region, node): nominal rank and score, mean / median / 5th / 95th
        percentile rank (type 7 as COINr's RankStats: 5.95 lies between ranks 5 and 6),
        P(rank ≤ top_k), ``no_score`` (replications that left the node without a score, e.g. its
        only indicator left out), mean score and its percentiles ``score_p05``/``score_p95``:
        computed only with ``keep=True`` or ``score_percentiles=True`` (they cost memory and time),
        otherwise NaN — the columns stay, so that a table's columns do not depend on the options,
        and ``attrs["score_percentiles"]`` and the summary say which option fills them. Every statistic is over the replications that gave a score. When
        the data named their regions (a table of ``compute()``, a Panel, a ``name`` column) a
        column ``name`` follows ``node``: a rank table is read by name, the code stays the key."""
        import pandas as pd

        c = self._core
        frames = []
        for k, node in enumerate(c.nodes):
            frames.append(
                pd.DataFrame(
                    {
                        "region": self._index,
                        "node": node,
                        "nominal_rank": pd.array(_int_or_na(c.nominal_rank[:, k]), dtype="Int64"),
                        "median_rank": c.median_rank[:, k],
                        "mean_rank": c.mean_rank[:, k],
                        "rank_p05": c.rank_p05[:, k],
                        "rank_p95": c.rank_p95[:, k],
                        f"p_top{self.top_k}": c.top_k_share[:, k],
                        "no_score": c.no_score[:, k].astype(np.int64),
                        "nominal_score": c.nominal_score[:, k],
                        "mean_score": c.mean_score[:, k],
                        "score_p05": c.score_p05[:, k],
                        "score_p95": c.score_p95[:, k],
                    }
                )
            )
        table = pd.concat(frames, ignore_index=True)
        if table["score_p05"].isna().all() and len(table):  # kept (one schema for the CSV), said
            table.attrs["score_percentiles"] = _SCORE_PERCENTILES_NOTE
        if self._names:
            table.insert(2, "name", [self._names.get(str(u), "") for u in table["region"]])
        return table

    @checked_keywords
    def node_ranks(self, node: str | None = None) -> Any:
        """The rows of :attr:`ranks` for one node (default the index), indexed by region (the
        code; the regions' names, when known, in the first column ``name``); a node the analysis
        does not rank is an UnknownIndicatorError (with "did you mean")."""
        node = self.root if node is None else node
        if not isinstance(node, str) or node not in self._core.nodes:
            raise _unknown_node(node, list(self._core.nodes), self.framework)
        r = self.ranks
        return r[r["node"] == node].set_index("region").drop(columns="node")

    @property
    def root(self) -> str:
        fw = self.framework._core
        return next(c for c, p in zip(fw.codes, fw.parents) if not p)

    @property
    def parameters(self) -> Any:
        """What each replication drew: choices by label, winmax, the excluded indicator ("" for
        none), and each perturbed weight."""
        import pandas as pd

        values = np.asarray(self._core.parameters())
        columns: dict[str, Any] = {}
        for j, (name, labels) in enumerate(zip(self._core.parameter_names, self._core.parameter_labels)):
            col = values[:, j]
            if labels:
                names = np.asarray([*labels, ""], dtype=object)  # −1 (none excluded) → ""
                columns[name] = names[np.where(col < 0, len(labels), col).astype(np.int64)]
            elif name == "winmax":
                columns[name] = col.astype(np.int64)
            else:
                columns[name] = col
        return pd.DataFrame(columns, index=pd.RangeIndex(self.n, name="replication"))

    @property
    def replication_matrix(self) -> Any:
        """Every replication's ranks, replications × nodes × regions (only with ``keep=True``)."""
        ranks = np.asarray(self._core.ranks)
        if ranks.size == 0:
            raise _core.Error("the replication matrix was not kept: run with keep=True")
        return ranks.reshape(self.n, len(self._core.nodes), len(self._index))

    @checked_keywords
    def replication(self, k: int) -> Any:
        """Replication ``k`` rebuilt alone, with every layer, as a CompositeResult. Replications
        count from 0 to ``n − 1``; a negative ``k`` is an ArgumentError (no Python-style indexing
        from the end)."""
        if isinstance(k, bool) or not isinstance(k, numbers.Integral):
            raise _core.ArgumentError(
                f"replication takes a whole number from 0 to {self.n - 1}, not {k!r} ({type(k).__name__})"
            )
        k = int(k)
        if k < 0:
            raise _core.ArgumentError(
                f"replication {k} does not exist ({counted(self.n, 'replication')}, counted from 0; "
                f"a negative number does not count from the end: the last is {self.n - 1})"
            )
        return _ReplicationResult(self, k)

    @property
    def sobol(self) -> Any:
        """First-order (S) and total (ST) Sobol indices of each input, with bootstrap intervals
        at the analysis's ``confidence`` (95 % by default), for each region's rank and the mean
        absolute rank shift (``output``). ``reason`` says why an output's indices are NaN:
        ``constant_output`` (its rank never moved in the design: variance 0, so no input explains
        any of it), ``missing_output`` (some runs gave it no rank, e.g. its only indicator left
        out); missing (None) where they are defined. A first-order S slightly below zero is the
        estimator's noise (as SALib gives it; more runs, a larger ``sobol=``, shrink it): the raw
        value is kept, not clipped, and the summary says so; read it as 0."""
        import pandas as pd

        if self._sobol_raw is None:
            raise _core.Error("no sensitivity analysis: run with sobol=N (e.g. 1000)")
        inputs, outputs, indices, node, _runs = self._sobol_raw
        rows = []
        for output, (s, st, s_lo, s_hi, st_lo, st_hi, var) in zip(outputs, indices):
            for i, name in enumerate(inputs):
                rows.append(
                    {
                        "output": output,
                        "input": name,
                        "S": s[i],
                        "S_low": s_lo[i],
                        "S_high": s_hi[i],
                        "ST": st[i],
                        "ST_low": st_lo[i],
                        "ST_high": st_hi[i],
                        "variance": var,
                        "reason": _sobol_reason(var),
                    }
                )
        table = pd.DataFrame(rows)
        table.attrs.update(bootstrap=self._sobol_intervals[0], confidence=self._sobol_intervals[1])
        return table

    def summary(self) -> str:
        return self._summary(_PYTHON_OPTIONS)

    def _summary(self, options: Mapping[str, str]) -> str:
        """The summary, naming the options of the caller (Python keywords or command-line flags)
        where a note of the core names a C++ option."""
        node = self._node or self.root
        lines = [
            f"Uncertainty analysis of '{node}': {counted(self.n, 'replication')}, {counted(len(self._index), 'region')}, "
            "inputs: "
            f"{', '.join(self._core_model.inputs) or 'none'}."
        ]
        if not self._core_model.inputs:  # weights_noise= forgotten, or misplaced: ranks that cannot move
            lines.append(
                "Note: no assumption varies (give weights_noise, weights_dirichlet, weighting, aggregation, "
                "normalisation, imputation, winmax or exclude_indicator): every replication is the nominal index."
            )
        if self.n:  # n = 0: the Sobol indices alone, no rank intervals to describe
            r = self.node_ranks(node)
            width = (r["rank_p95"] - r["rank_p05"]).dropna()
            lines.append(
                f"Rank interval (5th–95th percentile) width: median "
                f"{np.median(width) if len(width) else float('nan'):g}, largest {width.max() if len(width) else float('nan'):g}."
            )
            nominal = r["nominal_rank"]
            blank = [u for u in self._without_data if u in nominal.index and not _composite._is_na(nominal[u])]
            if blank:  # mean imputation ranked a county without a single figure 8th of 40, unremarked
                lines.append(_composite._imputed_alone_note(blank, nominal, self._names))
            ranks = self.ranks
            unscored = ranks[ranks["no_score"] > 0].groupby("node", sort=False)["no_score"].max()
            for name, count in unscored.items():
                lines.append(
                    f"Note: '{name}' has no score in up to {count} of {counted(self.n, 'replication')} (e.g. its only "
                    "indicator left out); its statistics are over the replications that gave one."
                )
        lines += [f"Note: {n}." for n in self._core.notes if self.n or "score percentiles" not in n]
        if self._sobol_raw is not None:
            s = self.sobol
            shift = s[s["output"] == "mean_abs_rank_shift"]
            flat = shift[~(shift["variance"] > 0)]
            if len(flat):
                lines.append(
                    f"Note: the ranks of '{node}' did not move in the Sobol design (variance 0): its Sobol "
                    "indices are undefined (NaN); no input changes them."
                )
            lines += _sobol_region_notes(s, node)
            lines += _negative_first_order_note(s)
            resamples, level = self._sobol_intervals
            lines.append(
                f"Sobol indices of the mean absolute rank shift of '{node}': "
                + ", ".join(f"{row.input} S={row.S:.2f} ST={row.ST:.2f}" for row in shift.itertuples())
                + (
                    f"; intervals at {100 * level:g} % of {resamples} bootstrap resamples."
                    if resamples
                    else "; no intervals."
                )
            )
        return "\n".join(_caller_note(line, options) for line in lines)

    def _repr_html_(self) -> str:
        from ._repr import uncertainty_html

        return uncertainty_html(self)

    def __repr__(self) -> str:
        from ._repr import uncertainty_text

        return uncertainty_text(self)

    # Plots -------------------------------------------------------------------------------
    @checked_keywords
    def plot_ranks(
        self,
        node: str | None = None,
        ax: Any = None,
        top: int | None = None,
        regions: Sequence[str] | None = None,
        names: Mapping[str, str] | None = None,
        lang: str = "zh",
    ) -> Any:
        """Median rank and 5–95% interval per region, sorted by median, nominal rank marked;
        ``top`` keeps the best ``top`` by median rank, ``regions`` chosen regions (as the data's
        index, or by name when the data named them: "东湖区" is 330201). Regions are labelled by
        name: ``names`` (code → name), else the names the data carried (a table of ``compute()``, a Panel's entities), else their codes. Axis and legend
        in ``lang``, "zh" or "en", as :mod:`zhibiao.plot` labels."""
        import matplotlib.pyplot as plt
        from matplotlib.ticker import MaxNLocator

        from .plot import MAX_BARS, _check_bars, _finish_bars, _word, cjk_font, region_labels

        _word("median", lang)  # an unknown lang refused before the work
        cjk_font()  # region and node names in Chinese drew as boxes before any zb.plot call
        if self.n == 0:  # an empty plot and "converting a masked element to nan" before
            raise _core.ArgumentError(
                "plot_ranks: the analysis ran no replications (n = 0, the Sobol indices alone): there are no rank "
                "intervals to draw; run with n ≥ 1, or draw the indices with plot_sobol()"
            )
        r = self.node_ranks(node).sort_values(["median_rank", "nominal_rank"])
        if regions is not None:
            known = [str(u) for u in r.index]
            regions = [regions] if isinstance(regions, str) else list(regions)
            chosen = _codes_of(regions, known, self._names if names is None else names)
            r = r[r.index.astype(str).isin(chosen)]
        ranked = len(r)
        if top is not None:
            _check_counts(top=(top, 1, _MOST_INT))
            r = r.head(int(top))
        _check_bars(
            len(r), "plot_ranks", f"pass top=N (at most {MAX_BARS}) for the N best by median rank, or regions=[...]"
        )
        created = ax is None
        if ax is None:
            _, ax = plt.subplots(figsize=(7, max(3, 0.18 * len(r))))
        y = np.arange(len(r))
        ax.hlines(y, r["rank_p05"], r["rank_p95"], color="0.6", lw=2, label=_word("rank_interval", lang))
        ax.plot(r["median_rank"], y, "o", color="C0", label=_word("median", lang))
        ax.plot(r["nominal_rank"].astype(float), y, "x", color="C3", label=_word("nominal", lang))
        label = self._names if names is None else {str(k): str(v) for k, v in names.items()}
        ax.set_yticks(y, region_labels([str(u) for u in r.index], label))
        _finish_bars(ax, len(r))  # best at the top, no empty rows, the rank axis at the top too when tall
        ax.set_xlabel(_word("rank_of", lang).format(node=node or self.root))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # ranks are whole: no tick at 2.5
        if top is not None and len(r) < ranked:  # 30 of 300 drawn looked like all of them
            ax.set_title(_word("top_of_regions", lang).format(top=len(r), of=ranked))
        # Outside the axes, right of them: inside, a corner hides the widest 5–95% bars.
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0, fontsize="small")
        if created:
            ax.figure.tight_layout()  # room for the legend in a saved figure
        return ax

    @checked_keywords
    def plot_sobol(self, output: str = "mean_abs_rank_shift", ax: Any = None, lang: str = "zh") -> Any:
        """First-order and total Sobol indices of each input, with their intervals; axis, legend,
        the inputs ("权重扰动（第 1 层）") and the title (the output: "平均绝对排名变动", or a region by
        its name, "东湖区 (330201) 的 idx 排名") in ``lang``, "zh" or "en"."""
        import matplotlib.pyplot as plt

        from .plot import _word, cjk_font

        _word("sobol_index", lang)  # an unknown lang refused before the work
        cjk_font()  # a region's name as the output, Chinese input labels
        s = self.sobol
        if output not in set(s["output"]):
            raise _unknown_node(output, list(dict.fromkeys(s["output"])), None, what="output")
        s = s[s["output"] == output]
        created = ax is None
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 3))
        x = np.arange(len(s))
        for shift, kind, color, word in ((-0.2, "S", "C0", "first_order"), (0.2, "ST", "C1", "total_order")):
            lo, hi = s[kind] - s[f"{kind}_low"], s[f"{kind}_high"] - s[kind]
            # bootstrap=0 leaves the intervals NaN: bars without error bars (matplotlib warned)
            bounds = np.vstack([lo.clip(lower=0), hi.clip(lower=0)])
            ax.bar(
                x + shift,
                s[kind],
                width=0.4,
                color=color,
                label=_word(word, lang),
                yerr=None if np.isnan(bounds).all() else np.nan_to_num(bounds),
                capsize=3,
            )
        ax.set_xticks(x, [_input_label(str(i), lang) for i in s["input"]], rotation=30, ha="right")
        # The output in the title: beside the axis, "Sobol index (mean_abs_rank_shift)" ran past
        # the top of the 3-inch figure and was clipped in a saved PNG.
        ax.set_ylabel(_word("sobol_index", lang))
        ax.set_title(_output_title(output, self._node or self.root, self._names, lang), fontsize="medium")
        ax.legend()
        if created:
            ax.figure.tight_layout()  # the rotated input names inside a saved figure
        return ax


def _int_or_na(v: np.ndarray) -> list[Any]:
    return [None if np.isnan(x) else int(x) for x in v]


#: The C++ options a note of the core names → what a Python caller passes instead.
_PYTHON_OPTIONS = {
    "need keep_scores (the full matrix)": "need keep=True (every replication kept) or score_percentiles=True",
}


#: The same for the ``zhibiao uncertainty`` command, which keeps no matrices.
_CLI_OPTIONS = {
    "need keep_scores (the full matrix)": "need --score-percentiles",
    # the Python summary's own words (round 37: the command line said .sobol and sobol=)
    "in .sobol.": "in the column reason of --sobol-out FILE.",
    "raise sobol= to shrink": "raise --sobol N to shrink",
    **_composite.CLI_WORDS,
}


def _caller_note(note: str, options: Mapping[str, str]) -> str:
    """A note of the C++ run, naming the caller's options where it names a C++ option."""
    for cpp, caller in options.items():
        note = note.replace(cpp, caller)
    return note


class _ReplicationResult(_composite.CompositeResult):
    """One replication as an ordinary composite result: its layers, weights and method."""

    def __init__(self, parent: UncertaintyResult, k: int) -> None:
        layers, weights, effective, method = parent._core.replication_layers(k)
        core = _ReplicationCore(layers, weights, effective, method)
        super().__init__(core, parent.framework, parent.model, parent._index)
        self.replication_number = k


class _ReplicationCore(_composite._CoreView):
    """The part of the build core a CompositeResult reads for layers, scores and the method."""

    def __init__(self, layers: list[tuple[str, Any, Any]], weights: Any, effective: Any, method: list[str]) -> None:
        self._layers = {name: (rows, values) for name, rows, values in layers}
        self.layer_names = [name for name, _, _ in layers]
        self.weights = weights
        self.effective_weights = effective
        self.method = method
        self.scores = np.asarray(self._layers["aggregated"][1])

    def layer_rows(self, name: str) -> Any:
        return self._layers[name][0]

    def layer_values(self, name: str) -> Any:
        return self._layers[name][1]


_STEP_CLASS = {"weigh": "Weigh", "aggregate": "Aggregate", "normalise": "Normalise", "impute": "Impute"}


@checked_keywords
def assumptions_from_toml(text: str, source: str = "<model>") -> tuple[dict[str, Any], dict[str, Any]]:
    """The ``[uncertainty]`` section of a model TOML as (settings, assumptions for
    :func:`uncertainty`), read by the C++ reader (``zhibiao/composite/uncertainty_config.hpp``,
    errors naming line, column and key, with "did you mean")::

        [uncertainty]
        replications = 10000              # settings: replications, seed
        seed = 1
        winmax = [1, 5]
        weights_noise = { 2 = 0.25, 3 = 0.25 }
        exclude_indicator = false
        [[uncertainty.normalisation]]     # also weighting, aggregation, imputation: one table per
        method = "minmax"                 # alternative, the step's parameters plus optional
        range = [1, 100]                  # label and probability
        [[uncertainty.normalisation]]
        method = "zscore"
    """
    c = _core.composite_uncertainty_config(text, source)
    settings = {k: int(c[k]) for k in ("replications", "seed")} if c["present"] else {}
    assumptions: dict[str, Any] = {"exclude_indicator": bool(c["exclude_indicator"])}
    for key in ("weights_noise", "weights_dirichlet", "winmax"):
        if c[key]:
            assumptions[key] = c[key]
    for key in ("weighting", "aggregation", "normalisation", "imputation"):
        if c[key]:
            assumptions[key] = {label: _step_of(kind, parameters) for label, kind, parameters in c[key]}
    if c["probabilities"]:
        assumptions["probabilities"] = dict(c["probabilities"])
    return settings, assumptions


def _step_of(kind: str, parameters: Mapping[str, Any]) -> Any:
    """The Python step class of ``kind`` holding the parameters the C++ reader read."""
    cls = getattr(_composite, _STEP_CLASS[kind])
    # Only the options that differ from the default: every option of the step comes back, and one
    # its method does not read, passed at its default, would be refused as if the caller wrote it.
    values = {k: _composite._python_default(v) for k, v in parameters.items()}
    return cls(**{k: v for k, v in values.items() if v != _composite._default(kind, k)})


# ------------------------------------------------------------------ Sobol indices of any model


def _check_bounds(bounds: Any) -> list[tuple[str, float, float]]:
    """``bounds`` {input: (low, high)} as (name, low, high), each finite with low < high."""
    if not isinstance(bounds, Mapping) or not bounds:
        raise _core.ArgumentError(f"sobol_indices: bounds must be {{input: (low, high)}} with an input, not {bounds!r}")
    out: list[tuple[str, float, float]] = []
    for name, pair in bounds.items():
        try:
            low, high = (float(v) for v in pair)
        except (TypeError, ValueError):
            raise _core.ArgumentError(f"sobol_indices: bounds of '{name}' must be (low, high), not {pair!r}") from None
        if not (np.isfinite(low) and np.isfinite(high) and low < high):
            raise _core.ArgumentError(
                f"sobol_indices: bounds of '{name}' must be finite with low < high, not ({low:g}, {high:g})"
            )
        if str(name) in (seen[0] for seen in out):  # {1: …, "1": …}: two inputs one table row
            raise _core.ArgumentError(f"sobol_indices: two inputs are named '{name}': name each once")
        out.append((str(name), low, high))
    return out


def _model_outputs(model: Callable[[np.ndarray], Any], x: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """The model's outputs at the rows of ``x`` (columns ``names``), checked: one finite real number per row."""
    raw = np.asarray(model(x))
    if not (np.issubdtype(raw.dtype, np.number) or raw.dtype == bool) or np.iscomplexobj(raw):
        raise _core.ArgumentError(
            f"sobol_indices: the model must return real numbers, not an array of {raw.dtype} " f"(e.g. {raw.flat[0]!r})"
            if raw.size
            else "sobol_indices: the model returned nothing"
        )
    y = raw.astype(np.float64)
    if y.shape != (x.shape[0],):
        raise _core.ArgumentError(
            f"sobol_indices: the model must return one number per row of its {x.shape[0]} × {x.shape[1]} input "
            f"matrix, not an array of shape {y.shape}"
        )
    bad = np.flatnonzero(~np.isfinite(y))
    if len(bad):
        rows = ", ".join(str(r) for r in bad[:5]) + (", …" if len(bad) > 5 else "")
        raise _core.ArgumentError(
            f"sobol_indices: the model returned {len(bad)} values that are not finite numbers (rows {rows}, counting "
            f"from 0; e.g. {y[bad[0]]!r} at {dict(zip(names, x[bad[0]].tolist()))}): the indices would be NaN"
        )
    return y


def _check_groups(groups: Any, names: Sequence[str]) -> list[str]:
    """Each input's group: ``groups`` {input: group} naming every input, or SALib's list of group
    names in the order of the bounds; None: each input its own group."""
    if groups is None:
        return list(names)
    if isinstance(groups, Mapping):
        unknown = [str(k) for k in groups if str(k) not in names]
        if unknown:
            raise _core.ArgumentError(
                absent_names("sobol_indices: groups name inputs the bounds lack", unknown, list(names))
            )
        missing = [name for name in names if name not in {str(k) for k in groups}]
        if missing:
            raise _core.ArgumentError(
                f"sobol_indices: groups give no group to {', '.join(missing)}: name every input's group "
                "(an input alone may be its own group)"
            )
        by_name = {str(k): v for k, v in groups.items()}
        out = [by_name[name] for name in names]
    elif isinstance(groups, (str, bytes)) or not isinstance(groups, (Sequence, np.ndarray)):
        raise _core.ArgumentError(
            f"sobol_indices: groups must be {{input: group}} or a list of group names, not {groups!r}"
        )
    else:
        out = list(groups)
        if len(out) != len(names):
            raise _core.ArgumentError(
                f"sobol_indices: groups has {len(out)} names for {len(names)} inputs ({', '.join(names)})"
            )
    if not all(isinstance(g, str) and g for g in out):
        raise _core.ArgumentError(f"sobol_indices: each group name must be a non-empty text, not {out!r}")
    return out


@checked_keywords_with_aliases("sobol_indices()")
def sobol_indices(
    model: Callable[[np.ndarray], Any],
    bounds: Mapping[str, tuple[float, float]],
    *,
    n: int = 1024,
    seed: int = 1,
    random: bool = False,
    bootstrap: int = 1000,
    confidence: float = 0.95,
    groups: Mapping[str, str] | Sequence[str] | None = None,
) -> Any:
    """First-order (S) and total (ST) Sobol indices of a model of independent inputs, each uniform
    on its ``bounds`` {name: (low, high)}: the estimators of the composite analysis (Saltelli
    2010, Jansen; variance of the 2n A and B runs with divisor 2n − 1, as COINr) on Saltelli's
    design of n·(inputs + 2) rows (Sobol points; ``random``: pseudo-random ones keyed by ``seed``).

    ``model`` is called once with the whole design, a rows × inputs float64 array (columns in the
    order of ``bounds``), and returns one finite number per row — SALib's ``Y = f(X)`` after
    ``saltelli.sample``. Intervals: the (1 − confidence)/2 and (1 + confidence)/2 percentiles of
    ``bootstrap`` resamples of the n base rows (0: none, NaN). One row per input with S, S_low,
    S_high, ST, ST_low, ST_high; ``attrs["variance"]`` the output variance, ``attrs["runs"]`` the
    model's rows, ``attrs["bootstrap"]`` and ``attrs["confidence"]`` the intervals'. Same seed, same bits.

    ``groups`` (SALib's ``problem["groups"]``): {input: group} or a list of group names in the order
    of ``bounds``; the inputs of a group move together in the design and get one row, indexed by
    group in the order groups first appear (``attrs["groups"]``: group → its inputs)."""
    if not callable(model):
        raise _core.ArgumentError(f"sobol_indices: model must be a function of the input matrix, not {model!r}")
    inputs = _check_bounds(bounds)
    _check_counts(n=(n, 2, _MOST_64), seed=(seed, 0, _MOST_64), bootstrap=(bootstrap, 0, _MOST_64))
    _check_confidence(confidence)
    d = len(inputs)
    names = [name for name, _, _ in inputs]
    group_of = _check_groups(groups, names)
    members = {g: [name for name, of in zip(names, group_of) if of == g] for g in dict.fromkeys(group_of)}
    # The design wants each group's columns side by side: its columns in group order, put back in
    # the order of the bounds for the model.
    order = [names.index(name) for inputs_of in members.values() for name in inputs_of]
    starts = list(np.cumsum([0, *(len(v) for v in members.values())])[:-1])
    try:
        unit = np.asarray(_core.composite_saltelli_design(int(n), d, [int(k) for k in starts], bool(random), int(seed)))
    except _core.Error as e:  # the core's advice names its C++ option
        e.args = (str(e).replace("use random = true", "use random=True"), *e.args[1:])
        raise
    unit = unit[:, np.argsort(order)]
    low = np.array([lo for _, lo, _ in inputs])
    x = low + unit * (np.array([hi for _, _, hi in inputs]) - low)
    y = _model_outputs(model, x, names)
    s, st, s_lo, s_hi, st_lo, st_hi, var = _core.composite_sobol_estimate(
        y, int(n), len(members), int(bootstrap), float(confidence), int(seed)
    )
    import pandas as pd

    out = pd.DataFrame(
        {"S": s, "S_low": s_lo, "S_high": s_hi, "ST": st, "ST_low": st_lo, "ST_high": st_hi},
        index=pd.Index(list(members), name="input" if groups is None else "group"),
    )
    out.attrs.update(variance=float(var), runs=int(x.shape[0]), bootstrap=int(bootstrap), confidence=float(confidence))
    if groups is not None:
        out.attrs["groups"] = members
    if not var > 0:  # a constant output: 0/0 indices, said rather than left as bare NaN
        import warnings

        warnings.warn(
            "sobol_indices: the model's output did not vary over the design (variance 0): its Sobol indices are "
            "undefined (NaN); no input changes it",
            RuntimeWarning,
            stacklevel=3,
        )
    return out


__all__ = ["UncertaintyResult", "assumptions_from_toml", "sobol_indices", "uncertainty"]
