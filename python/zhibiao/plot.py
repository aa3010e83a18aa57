"""Plots of zhibiao results (matplotlib, imported on first use). Every function draws on ``ax``
(a new figure when None) and returns that Axes; labels are Chinese (``lang="zh"``, default) or
English (``lang="en"``).

>>> values = panel.compute(["invention_patents_per_10k"])
>>> zb.plot.by_region(values, "invention_patents_per_10k", period="2024", top=20)
>>> zb.plot.over_time(values, "invention_patents_per_10k", regions=["900101", "900102"])
>>> zb.plot.contributions(composite_result, top=15)
>>> zb.plot.scorecard(scorecards.evaluate(firms, "hnte-2016"))
>>> zb.plot.progress(city.compute(["target_completion_rate"]), period="2025H1")

Chinese text needs a CJK font: the first one installed among the usual families (Noto Sans CJK,
Source Han Sans, WenQuanYi, SimHei, ...) is put first in matplotlib's sans-serif list on first
use; when there is none, a :class:`CJKFontWarning` says what to install (Debian:
``fonts-noto-cjk``) and the English labels (``lang="en"``) still read well.
"""

from __future__ import annotations

import re
import warnings
from typing import Any, Mapping, Sequence

import numbers

from ._suggest import ArgumentTypeError, checked_keywords, closest_name, index_level, shown
from . import _core

LANGUAGES = ("zh", "en")

#: CJK families tried in this order (Debian's fonts-noto-cjk provides the first two).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
)

_WORDS = {
    "median": ("中位数", "median"),
    "missing": ("缺失", "missing"),
    "regions": ("地区", "regions"),
    "score": ("得分", "score"),
    "firms": ("企业数", "firms"),
    "status": ("评价结果", "status"),
    "failing": ("未满足条件", "condition not met"),
    "blocked": ("阻碍达标", "blocked by"),
    "cheapest": ("最省改进", "cheapest fix"),
    "completion": ("完成率", "completion"),
    "elapsed": ("序时进度", "time elapsed"),
    "ahead": ("超序时进度", "ahead of time"),
    "behind": ("欠序时进度", "behind time"),
    "top": ("前", "top"),
    "period": ("时期", "period"),
    "span_year": ("年度", "annual"),
    "span_half": ("半年", "half-year"),
    "span_quarter": ("季度", "quarterly"),
    "span_month": ("月度", "monthly"),
    "span_ytd": ("1月至当月累计", "year to date"),
    "contribution": ("对总指数的贡献", "contribution to the index"),
    "imputed": ("插补", "imputed"),
    "no_data": ("无数据", "no data"),
    "imputed_values": ("个插补值", "imputed values"),
    "top_of": ("{of} 个中的前 {top} 个", "top {top} of {of}"),
    "top_of_regions": ("{of} 个地区中的前 {top} 个", "top {top} of {of} regions"),
    "nominal": ("名义排名", "nominal"),
    "rank_interval": ("5%–95% 区间", "5–95%"),
    "rank_of": ("{node} 排名", "rank of {node}"),
    "sobol_index": ("Sobol 指数", "Sobol index"),
    "first_order": ("一阶 S", "S"),
    "total_order": ("总效应 ST", "ST"),
}

_STATUS_WORDS = {"passed": "通过", "direct": "直接认定", "failed": "未通过", "ineligible": "不符合申报条件", "invalid input": "输入无效"}

_STATUS_COLOURS = {
    "passed": "#4c9a2a",
    "direct": "#7cc46a",
    "failed": "#d9534f",
    "ineligible": "#f0ad4e",
    "invalid input": "#999999",
}


class CJKFontWarning(UserWarning):
    """No font able to draw Chinese characters is installed: Chinese labels would show as boxes."""


_font_checked: list[str | None] = []  # [family or None] once looked for


def cjk_font() -> str | None:
    """The CJK font family matplotlib will use (found once, then put first in its sans-serif
    list), or None with a :class:`CJKFontWarning` when none is installed."""
    if _font_checked:
        return _font_checked[0]
    import matplotlib
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    family = next((name for name in CJK_FAMILIES if name in installed), None)
    if family is None:
        warnings.warn(
            "zhibiao.plot: no CJK font found, Chinese labels will show as empty boxes; install one "
            "(Debian/Ubuntu: apt-get install fonts-noto-cjk, then delete ~/.cache/matplotlib) or plot "
            "with lang='en'",
            CJKFontWarning,
            stacklevel=3,
        )
    else:
        matplotlib.rcParams["font.sans-serif"] = [family, *matplotlib.rcParams["font.sans-serif"]]
        matplotlib.rcParams["font.family"] = "sans-serif"
        matplotlib.rcParams["axes.unicode_minus"] = False  # CJK fonts often lack U+2212
    _font_checked.append(family)
    return family


def _check_lang(lang: str) -> int:
    from ._lang import check_lang

    return LANGUAGES.index(check_lang(lang))


def _word(key: str, lang: str) -> str:
    return _WORDS[key][_check_lang(lang)]


def _axes(ax: Any, size: tuple[float, float]) -> Any:
    cjk_font()
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _meta(indicator: str) -> Mapping[str, Any]:
    builtin = _core.Catalogue.builtin()
    return dict(builtin.indicator(indicator)) if indicator in builtin.ids else {}


@checked_keywords
def indicator_label(indicator: str, unit: str | None = None, lang: str = "zh") -> str:
    """ "Name (unit)" in the chosen language, from the catalogue (the id when it is not there)."""
    from ._lang import unit_text

    meta = _meta(indicator)
    name = meta.get(f"name_{lang}") or meta.get("name_zh") or indicator
    unit = unit if unit is not None else meta.get("unit")
    shown = unit_text(unit, lang) if unit else ""
    return f"{name} ({shown})" if shown else name


def _unit_of(values: Any, column: str) -> str | None:
    units = getattr(values, "attrs", {}).get("units", {})
    if isinstance(units, Mapping) and column in units:
        return units[column]
    unit = getattr(values, "attrs", {}).get("unit")
    return unit if isinstance(unit, str) else None


def _names(values: Any, names: Mapping[str, str] | None) -> Mapping[str, str]:
    if names is not None:
        return names
    carried = getattr(values, "attrs", {}).get("names")
    return carried if isinstance(carried, Mapping) else {}


def region_labels(codes: Sequence[Any], label_of: Mapping[Any, Any]) -> list[str]:
    """Each region's label: its name (``label_of``: code → name), else its code; a name that
    several regions of the table carry (鼓楼区 in 南京, 徐州, 福州 and 开封) with the code, "鼓楼区
    (320106)": two bars or lines of one name could not be told apart."""
    import collections

    shared = {name for name, count in collections.Counter(map(str, label_of.values())).items() if count > 1}
    labels = []
    for code in codes:
        label = str(label_of.get(code, code))
        labels.append(f"{label} ({code})" if label in shared and label != str(code) else label)
    return labels


def _column(values: Any, indicator: str) -> Any:
    import pandas as pd

    if isinstance(values, pd.Series):
        return _refuse_infinities(values, indicator)
    if indicator not in values.columns:
        from ._suggest import closest_name

        hint = closest_name(str(indicator), [str(c) for c in values.columns])
        raise _core.MissingVariableError(
            f"no column '{indicator}' in the table"
            + (f" (did you mean '{hint}'?)" if hint else "")
            + f"; columns: {', '.join(map(str, values.columns[:12]))}"
            + (", …" if len(values.columns) > 12 else "")
        )
    return _refuse_infinities(values[indicator], indicator)


def _refuse_infinities(series: Any, indicator: str) -> Any:
    """An infinite value drew a bar matplotlib leaves empty at the top of the ranking (and a line
    off the axes), the region looking best with nothing to show: refused, as composite.build does.
    compute() never gives one (its infinities are missing, with a reason)."""
    import numpy as np
    import pandas as pd

    if not pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_bool_dtype(series.dtype):
        return series
    infinite = np.isinf(series.to_numpy(dtype=float, na_value=np.nan))
    if infinite.any():
        where = [", ".join(map(str, i)) if isinstance(i, tuple) else str(i) for i in series.index[infinite][:5]]
        raise _core.ArgumentError(
            f"'{indicator}' holds an infinite value ({'; '.join(where)}"
            + (", …" if infinite.sum() > 5 else "")
            + "): infinities are not data; make them missing (NaN) and keep the reason"
        )
    return series


def _one_period(series: Any, given: str | int | None) -> tuple[Any, str | None]:
    """A Series indexed by entity: the given period's rows (the latest period when None), with a
    NaN for each entity of the table that has no row in that period (a county whose 2023 row is
    absent was left out of the 2023 bars and of the title's count of missing regions)."""
    import pandas as pd

    period: str | None
    if isinstance(given, numbers.Integral) and not isinstance(given, bool):
        period = str(given)  # period=2024: the year, as the table spells it
    elif given is None or isinstance(given, str):
        period = given
    else:
        raise ArgumentTypeError(f"period must be a period such as '2024' or '2024H1', not {shown(given)}")
    if not isinstance(series.index, pd.MultiIndex):
        return series, period
    periods = list(dict.fromkeys(index_level(series.index, "period", "the table")))
    if period is None:
        period = sorted(periods, key=period_position)[-1]
    if period not in periods:
        period = _canonical_period(period, periods)
    if period not in periods:
        try:  # in time order, as a Panel lists them (the rows list them as they came)
            periods = sorted(periods, key=_core.Period)
        except _core.Error:  # a period that is none (a pandas table of the caller's): as they came
            pass
        raise _core.ArgumentError(f"no period '{period}' in the table (periods: {', '.join(periods[:12])})")
    rows = series.xs(period, level="period")
    if rows.index.nlevels == 1:
        entities = list(dict.fromkeys(series.index.droplevel("period")))
        present = set(rows.index)  # once: a set per entity made 11,000 counties take 6 s (review 26b)
        rows = rows.reindex([*rows.index, *(e for e in entities if e not in present)])
    return rows, period


def _canonical_period(period: str, periods: Sequence[str]) -> str:
    """``period`` as the table spells it when it is another form of one of its periods, as read_csv
    reads them (2024年上半年 and 2024年1-6月 are 2024H1): the table holds what read_csv made of the
    text; else ``period`` as given."""
    try:
        canonical = str(_core.Period(str(period)))
    except _core.Error:
        return period
    return canonical if canonical in periods else period


def _warn_of_totals(codes: Sequence[str], label_of: Mapping[str, str], where: str) -> None:
    """A totals row (合计, 全市…, by code or name) or a region beside regions inside it (43 beside
    430121: by administrative codes) drawn as one of the regions: its bar is no region's, and its
    value moves the median. Said as composite.build says it (NestedRegionsWarning)."""
    from .composite import NestedRegionsWarning, _nested_text

    labels = [str(label_of.get(c, "")) for c in codes]
    totals, pairs = _core.region_notes(list(codes), labels)
    said = [f"{codes[k]}" + (f" ({labels[k]})" if labels[k] and labels[k] != codes[k] else "") for k in totals]
    parts = [
        f"{', '.join(said[:5])}{' …' if len(said) > 5 else ''} look{'s' if len(said) == 1 else ''} like a totals row"
    ]
    parts = (parts if said else []) + (
        [f"regions beside regions inside them ({_nested_text(pairs, codes, labels)})"] if pairs else []
    )
    if parts:
        warnings.warn(
            f"{where}: a total drawn among its parts: " + "; ".join(parts) + " — leave out the totals' rows (or "
            "their parts') so that the bars and the median compare regions of one level",
            NestedRegionsWarning,
            stacklevel=4,  # the caller of by_region: past this function, by_region and checked_keywords' wrapper
        )


# A bar is about 0.3 inch high: beyond this many the figure is taller than matplotlib can save at
# print resolution (2^16 pixels at 300 dpi is 218 inches, ~780 bars) and slower than a reader waits
# (11,000 bars took 23 s to draw, then could not be saved at all).
MAX_BARS = 500


def _check_bars(count: int, function: str, advice: str) -> None:
    """Refuses a bar chart no figure can show, saying how to choose fewer bars."""
    if count > MAX_BARS:
        raise _core.ArgumentError(
            f"{function}: {count} bars, more than a figure can show (at most {MAX_BARS}): {advice}"
        )


def _check_something_to_draw(count: int, function: str, what: str) -> None:
    """An empty axes under a title reads as a chart of nothing wrong: say there is nothing to draw."""
    if count == 0:
        raise _core.ArgumentError(
            f"{function}: {what} has no value to draw (every cell is missing; "
            "compute(..., reasons=True) says why each one is)"
        )


@checked_keywords
def by_region(
    values: Any,
    indicator: str,
    *,
    period: str | int | None = None,
    names: Mapping[str, str] | None = None,
    top: int | None = None,
    lang: str = "zh",
    ax: Any = None,
) -> Any:
    """One indicator across regions: bars sorted best first (by the catalogue's direction),
    the median of all regions as a line, regions named (``names`` code → name, or the names the
    table carries in ``attrs["names"]``); ``top`` shows only the first ``top`` bars. Regions
    with no value are counted in the title (named when at most five). ``values`` is a table
    from ``Panel.compute`` (one period is taken: ``period`` in any form read_csv reads,
    2024年上半年 for 2024H1, else the latest) or a Series indexed by region. A totals row (合计) or a region drawn beside regions
    inside it gives a NestedRegionsWarning: its bar is no region's and it moves the median."""
    _check_lang(lang)
    series, period = _one_period(_column(values, indicator), period)
    present = series.dropna()
    ascending = _meta(indicator).get("direction", 1) == -1
    shown = present.sort_values(ascending=ascending)
    if top is not None:
        _check_top(top)
        shown = shown.head(top)
    _check_bars(len(shown), "by_region", f"pass top=N (at most {MAX_BARS}) for the first N regions")
    label_of = _names(values, names)
    _warn_of_totals([str(c) for c in present.index], label_of, "by_region")
    ax = _axes(ax, (8, max(3.0, 0.28 * len(shown) + 1.2)))
    labels = region_labels(list(shown.index), label_of)
    positions = range(len(shown))
    ax.barh(list(positions), shown.to_numpy(), color="#4878a8")
    ax.set_yticks(list(positions), labels)
    _finish_bars(ax, len(shown))  # best at the top
    if len(present):
        median = float(present.median())
        ax.axvline(
            median,
            color="#c0392b",
            linestyle="--",
            linewidth=1.2,
            label=f"{_word('median', lang)} {median:.{_meta(indicator).get('decimals', 2)}f}",
        )
        ax.legend(loc="lower right")
    ax.set_xlabel(indicator_label(indicator, _unit_of(values, indicator), lang))
    missing = region_labels([c for c in series.index if c not in set(present.index)], label_of)
    title = indicator_label(indicator, None, lang).split(" (")[0] + (f", {period}" if period else "")
    ax.set_title(f"{title} ({_counted(len(shown), len(present), missing, lang)})")
    return ax


_PERIOD = re.compile(r"^(\d{4})(?:H([12])|Q([1-4])|-(\d{2})|YTD(\d{1,2}))?$")


@checked_keywords
def period_position(period: str) -> float:
    """Where a period sits on a time axis in years: the middle of its span (2024 → 2024.5,
    2024H1 → 2024.25, 2024Q4 → 2024.875, 2024-03 → 2024.208); a year-to-date period at its end
    month's middle. Years and half-years thus share one axis."""
    m = _PERIOD.match(str(period))
    if m is None:
        raise _core.ParseError(f"period '{period}': not a canonical period (2024, 2024H1, 2024Q2, 2024-06, 2024YTD10)")
    year, half, quarter, month, ytd = m.groups()
    if half:
        return int(year) + (int(half) - 0.5) / 2
    if quarter:
        return int(year) + (int(quarter) - 0.5) / 4
    if month or ytd:
        return int(year) + (int(month or ytd) - 0.5) / 12
    return int(year) + 0.5


# Marker and line style of each kind of period in over_time, longest span first.
_SPAN_STYLES = {"year": ("o", "-"), "half": ("s", "--"), "quarter": ("^", "-."), "month": (".", ":"), "ytd": ("D", ":")}


# The distance between consecutive periods of each kind on the axis, in years: a larger one is
# a period absent from the table (2021, 2023 without 2022). Year-to-date periods run through a
# year (YTD3, YTD6…) or repeat a month each year: only a missing year is a gap.
_SPAN_STEPS = {"year": 1.0, "half": 0.5, "quarter": 0.25, "month": 1 / 12, "ytd": 1.0}


def _broken_at_gaps(points: Sequence[tuple[float, Any]], step: float) -> tuple[list[float], list[Any]]:
    """The points of one line with a NaN between two that are more than a period apart, where
    matplotlib breaks the line: a missing period is not drawn as if its value lay on the line
    between its neighbours (as a missing value, NaN, already was not)."""
    xs: list[float] = []
    ys: list[Any] = []
    for x, y in points:
        if xs and x - xs[-1] > step * 1.001:
            xs.append((x + xs[-1]) / 2)
            ys.append(float("nan"))
        xs.append(x)
        ys.append(y)
    return xs, ys


def _span_kind(period: str) -> str:
    m = _PERIOD.match(period)
    if m is None:
        return "year"  # period_position refuses it with its message
    _, half, quarter, month, ytd = m.groups()
    return "half" if half else "quarter" if quarter else "month" if month else "ytd" if ytd else "year"


def _year_axis(ax: Any, years: Sequence[int], parts: Sequence[str]) -> None:
    """Years as labels at their middles; half-years and quarters drawn (``parts``, canonical
    periods) also get their own labels, H1 or Q3, above the year's, and the years are parted by
    faint lines: an H1 point left of "2024" read as 2023's."""
    ax.set_xticks([y + 0.5 for y in years], [str(y) for y in years])
    labels = {period_position(p): _part_label(p) for p in parts}
    if not labels or len(labels) > 24:  # more labels than fit: the years alone
        return
    positions = sorted(labels)
    ax.set_xticks(positions, [labels[x] for x in positions], minor=True)
    ax.tick_params(axis="x", which="major", pad=14, length=0)
    # one collection, not a line per year: ax.get_lines() stays the data's
    ax.vlines(years[1:], 0, 1, transform=ax.get_xaxis_transform(), colors="0.85", linewidth=0.8, zorder=0)


def _part_label(period: str) -> str:
    """ "H1" of 2024H1, "Q3" of 2024Q3 (a canonical half-year or quarter)."""
    return period[4:]


@checked_keywords
def over_time(
    values: Any,
    indicator: str,
    regions: Sequence[str] | None = None,
    *,
    names: Mapping[str, str] | None = None,
    lang: str = "zh",
    ax: Any = None,
) -> Any:
    """One indicator over time, a line per region (``regions``: codes; all when the table has
    at most 10). Each value is drawn at the middle of its period, so annual and half-year
    figures share one axis (years as ticks); a gap in the data is a gap in the line. Periods of
    different lengths are separate series (a line per region and kind of period — annual,
    half-year, quarterly, monthly, year to date — in the region's colour, each kind with its own
    marker and dash, labelled "region · kind"): a year's value is not joined to an H1 value. A region
    without any value is in the legend as "南城区: 无数据" (no line to look for)."""
    import pandas as pd

    _check_lang(lang)
    series = _column(values, indicator)
    if not isinstance(series.index, pd.MultiIndex):
        raise _core.ArgumentError("over_time needs a table indexed by (entity, period), as Panel.compute returns")
    entities = list(dict.fromkeys(index_level(series.index, "entity", "over_time")))
    if regions is None:
        if len(entities) > 10:
            raise _core.ArgumentError(f"{len(entities)} regions: choose at most a few with regions=[...]")
        regions = entities
    if isinstance(regions, str):  # one region: not its characters, one by one
        regions = [regions]
    known = set(entities)
    # a code given as a number (360101, as pd.read_excel reads a column of codes) is that code, as
    # Panel.explain takes it; refused, it read "not in the table: 360101 (did you mean '360101'?)"
    regions = [str(r) if r not in known and str(r) in known else r for r in regions]
    unknown = [r for r in regions if r not in known]
    if unknown:
        codes_of: dict[str, list[str]] = {}
        for code, name in _names(values, names).items():
            codes_of.setdefault(str(name), []).append(str(code))
        named = [f"{r!r} is the name of {', '.join(codes_of[str(r)])}" for r in unknown if str(r) in codes_of]
        close = closest_name(str(unknown[0]), [str(e) for e in entities])
        hint = f" (did you mean {close!r}?)" if close else ""
        if named:  # regions are given by code: names repeat (两个新区) and are spelt several ways
            hint = f" (regions are given by their codes: {'; '.join(named)})"
        raise _core.ArgumentError(f"regions not in the table: {', '.join(map(str, unknown))}{hint}")
    drawn = series[index_level(series.index, "entity", "over_time").isin(list(regions))].notna().sum()
    _check_something_to_draw(int(drawn), "over_time", f"{indicator} of {', '.join(map(str, regions))}")
    label_of = _names(values, names)
    ax = _axes(ax, (8, 4.5))
    years: set[int] = set()
    kinds_of = {str(p): _span_kind(str(p)) for p in index_level(series.index, "period", "over_time").unique()}
    kinds = [k for k in _SPAN_STYLES if k in set(kinds_of.values())]
    for number, region in enumerate(regions):
        one = series.xs(region, level="entity")
        colour = f"C{number % 10}"
        if not one.notna().any():  # a legend entry without a line read as a line hidden behind another
            label = f"{region_labels([region], label_of)[0]}: {_word('no_data', lang)}"
            ax.plot([], [], linestyle="none", color=colour, label=label)
            continue
        for kind in kinds:
            points = sorted((period_position(p), v) for p, v in one.items() if kinds_of[str(p)] == kind)
            if not points:
                continue
            years.update(int(x) for x, _ in points)
            xs, ys = _broken_at_gaps(points, _SPAN_STEPS[kind])
            label = region_labels([region], label_of)[0]
            if len(kinds) > 1:
                label += " · " + _word("span_" + kind, lang)
            marker, dashes = _SPAN_STYLES[kind]
            ax.plot(xs, ys, marker=marker, linestyle=dashes, color=colour, label=label)
    _year_axis(ax, sorted(years), [str(p) for p, kind in kinds_of.items() if kind in ("half", "quarter")])
    ax.set_xlabel(_word("period", lang))
    ax.set_ylabel(indicator_label(indicator, _unit_of(values, indicator), lang))
    ax.set_title(indicator_label(indicator, None, lang).split(" (")[0])
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize="small")
    return ax


def _pillars(result: Any) -> dict[str, list[str]]:
    """The root's children and the indicators under each."""
    fw = result.framework._core
    parent = dict(zip(fw.codes, fw.parents))
    root = result.root
    pillars: dict[str, list[str]] = {c: [] for c, p in parent.items() if p == root}
    for indicator in result.framework.indicators:
        node = indicator
        while parent.get(node) and parent[node] != root:
            node = parent[node]
        pillars.setdefault(node, []).append(indicator)
    return pillars


@checked_keywords
def contributions(
    result: Any, *, top: int | None = 20, names: Mapping[str, str] | None = None, lang: str = "zh", ax: Any = None
) -> Any:
    """A composite index as stacked bars, one segment per pillar (the root's children): how
    much each pillar's indicators add to each unit's score (``result.contributions``, summed
    by pillar), units sorted by score, the first ``top`` (all when None). The part of a segment
    that comes from imputed values (``result.marks()``) is hatched and lighter, with a legend
    entry "插补" and their count in the title; units without a score are counted (named when
    few) in the title, as by_region counts regions without a value."""
    _check_lang(lang)
    parts = _contributions_of(result)
    pillars = _pillars(result)
    root = result.root
    scores = result.scores[root]
    order = scores.dropna().sort_values(ascending=False).index
    scored = len(order)
    if top is not None:
        _check_top(top)
        order = order[:top]
    _check_bars(len(order), "contributions", f"pass top=N (at most {MAX_BARS}) for the best N units")
    label_of = names if names is not None else getattr(result, "_names", {})  # as by_region names regions
    imputed = _imputed_cells(result, order, parts.columns)
    ax = _axes(ax, (8, max(3.0, 0.3 * len(order) + 1.2)))
    left = [0.0] * len(order)
    positions = list(range(len(order)))
    for number, (pillar, members) in enumerate(pillars.items()):
        cells = parts.loc[order, members]
        guessed = imputed.loc[order, members].to_numpy()
        colour = f"C{number % 10}"
        # a catalogue indicator by its name in `lang`, as by_region's title; a node of yours by its code
        name = indicator_label(pillar, None, lang).split(" (")[0]
        for part, faint in ((cells.where(~guessed, 0.0), False), (cells.where(guessed, 0.0), True)):
            widths = part.sum(axis=1).to_numpy()
            if faint and not guessed.any():
                continue
            ax.barh(
                positions,
                widths,
                left=left,
                color=colour,
                alpha=0.45 if faint else 1.0,
                hatch="//" if faint else None,
                edgecolor="white" if faint else None,
                label=None if faint else name,
            )
            left = [a + b for a, b in zip(left, widths)]
    ax.set_yticks(positions, region_labels(list(order), label_of))
    _finish_bars(ax, len(order))
    ax.set_xlabel(f"{root} {_word('score', lang)}")
    missing = [str(c) for c in scores.index[scores.isna().to_numpy()]]
    guessed_count = int(imputed.loc[order].to_numpy().sum())
    said = []  # the cut, the units without a score and the imputed values said, not silent
    if len(order) < scored or missing:
        said.append(_counted(len(order), scored, region_labels(missing, label_of), lang, "top_of"))
    if guessed_count:
        said.append(f"{guessed_count} {_word('imputed_values', lang)}")
    ax.set_title(f"{root}: {_word('contribution', lang)}" + (f" ({', '.join(said)})" if said else ""))
    handles, labels = ax.get_legend_handles_labels()
    if guessed_count:
        from matplotlib.patches import Patch

        handles.append(Patch(facecolor="#dddddd", hatch="//", edgecolor="#666666"))
        labels.append(_word("imputed", lang))
    ax.legend(handles, labels, loc="lower right")
    return ax


def _contributions_of(result: Any) -> Any:
    """``result.contributions``; on an index not aggregated arithmetically (a geometric mean has no
    parts that add up to it) the MethodError says what to do instead."""
    try:
        return result.contributions
    except _core.MethodError as error:
        if "what_if" in str(error):  # composite.py said what to do already
            raise
        raise _core.MethodError(f"{error}; {CONTRIBUTIONS_ADVICE}") from None


#: What to do when an index has no additive contributions (its aggregation is not arithmetic).
CONTRIBUTIONS_ADVICE = (
    "a geometric (or harmonic) mean has no parts that add up to the score: see what an indicator does "
    "with result.what_if('<indicator>') (the index without it, and each region's rank change), or rebuild "
    "with Aggregate('arithmetic') to draw the contributions"
)


def _imputed_cells(result: Any, order: Any, columns: Any) -> Any:
    """True where the cell of a unit was filled in by the Impute step (False without one). A cell
    marked ``not_imputed`` (Impute("none")) or ``not_imputable`` stayed missing: it adds nothing
    to the bar, and was counted and hatched as imputed before round 37."""
    import pandas as pd

    marks = result.marks("imputed")
    filled = pd.DataFrame(False, index=order, columns=columns)
    if len(marks):
        known = marks.reindex(index=order, columns=columns).fillna("")
        filled = known.astype(str).apply(lambda column: column.str.startswith("imputed_"))
    return filled


def _counted(shown: int, present: int, missing: Sequence[str], lang: str, cut: str = "top_of_regions") -> str:
    """The title's count: "12 地区, 3 缺失" ("12 个地区中的前 5 个" with top=, in the words ``cut``),
    the missing ones named when few (at most MAX_NAMED_MISSING)."""
    counted = f"{present} {_word('regions', lang)}"
    if shown < present:  # top=: the bars are the first of them
        counted = _word(cut, lang).format(top=shown, of=present)
    if missing:
        counted += f", {len(missing)} {_word('missing', lang)}"
        if len(missing) <= MAX_NAMED_MISSING:
            counted += ("：" if lang == "zh" else ": ") + ("、" if lang == "zh" else ", ").join(missing)
    return counted


#: At most this many regions without a value are named in a title; more are only counted.
MAX_NAMED_MISSING = 5

#: From this many bars on, the value axis is drawn at the top too: a reader of row 80 is far from
#: the bottom scale.
TALL_BARS = 40


def _finish_bars(ax: Any, count: int) -> None:
    """Best at the top, no empty rows above the first bar or below the last (matplotlib's 5 %
    margin was ~15 empty rows for 300 bars), and the value axis at the top too for tall figures."""
    if count == 0:  # nothing drawn (the title says why): matplotlib's axes as they are
        ax.invert_yaxis()
        return
    ax.set_ylim(count - 0.5, -0.5)
    if count >= TALL_BARS:
        ax.tick_params(axis="x", top=True, labeltop=True)


def _check_top(top: Any) -> None:
    """top=0 drew an empty plot, top=-3 all but the last three: a whole number ≥ 1, or None."""
    from .uncertainty import _MOST_INT, _check_counts

    _check_counts(top=(top, 1, _MOST_INT))


@checked_keywords
def scorecard(result: Any, gaps: Any = None, *, lang: str = "zh", ax: Any = None) -> Any:
    """A rule pack's outcome: firms per status (passed, direct, failed, ineligible, invalid
    input), then for the firms that did not pass the conditions they fail (``gate_*``, by the
    pack's words for them) and, with ``gaps`` (from :func:`zhibiao.scorecards.gap`), the cheapest
    fix of the firms one input can make pass ("最省: 科技人员数 +13人 (乙公司)") and the rules that
    still block them when no single input can. The firm counts are whole numbers on the axis."""
    from matplotlib.ticker import MaxNLocator

    i = _check_lang(lang)
    _check_table(result, "result", "zhibiao.scorecards.evaluate()", ("status", "valid", "passed"))
    if gaps is not None:
        _check_table(gaps, "gaps", "zhibiao.scorecards.gap()", ("blocked_by",))
    statuses = result["status"].value_counts().reindex(result["status"].cat.categories, fill_value=0)
    valid = result["valid"] & ~result["passed"]
    gates = [c for c in result.columns if c.startswith("gate_")]
    failing = (~result.loc[valid, gates]).sum().rename(lambda c: c[5:])
    failing = failing[failing > 0].sort_values(ascending=False)
    blocked = _blocked_counts(gaps)
    pack = result.attrs.get("pack", "")
    words = _pack_words(pack, lang)
    fixes = _cheapest_fixes(gaps, words, lang)
    labels = [s if i else _STATUS_WORDS.get(s, s) for s in statuses.index]
    labels += [f"{_word('failing', lang)}: {words.get(g, g)}" for g in failing.index]
    labels += [f"{_word('cheapest', lang)}: {label}" for label, _ in fixes]
    labels += [f"{_word('blocked', lang)}: {_blocker_label(b, lang, words)}" for b in blocked.index]
    counts = [*statuses.to_numpy(), *failing.to_numpy(), *(len(firms) for _, firms in fixes), *blocked.to_numpy()]
    notes = [""] * (len(statuses) + len(failing)) + [_firm_list(firms) for _, firms in fixes] + [""] * len(blocked)
    colours = [_STATUS_COLOURS.get(s, "#4878a8") for s in statuses.index]
    colours += ["#e08a3c"] * len(failing) + ["#3c8dbc"] * len(fixes) + ["#8e44ad"] * len(blocked)
    ax = _axes(ax, (8, max(3.0, 0.35 * len(counts) + 1.2)))
    positions = list(range(len(counts)))
    ax.barh(positions, counts, color=colours)
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    for y, n, note in zip(positions, counts, notes):
        ax.text(n, y, f" {int(n)}{note}", va="center")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # firms are counted whole: no tick at 0.25
    ax.set_xlabel(_word("firms", lang))
    count = f"{len(result)} 家企业" if lang == "zh" else f"{len(result)} firms"  # "2 企业数" read as no Chinese
    ax.set_title(f"{pack}{'：' if lang == 'zh' else ': '}{count}" if pack else count)
    return ax


def _pack_words(pack: Any, lang: str) -> dict[str, Any]:
    """A pack's words: each gate by its message without the figures ("职工总数超过500人" for
    staff_limit), each input as {"name", "unit"} under "input:<id>"; {} when the pack cannot be
    loaded (a TOML file moved since): the ids are shown then."""
    from . import scorecards

    try:
        card = scorecards.load(pack) if pack else None
    except (_core.Error, OSError, TypeError, ValueError):
        card = None
    if card is None:
        return {}
    words: dict[str, Any] = {}
    for gate in card.gates:
        message = str(gate.get(f"message_{lang}") or gate.get("message_zh") or gate["id"])
        message = re.sub(r"[（(][^（()）]*\{[^}]*\}[^（()）]*[)）]", "", message)  # an aside of figures
        message = re.sub(r"\s*\{[^}]*\}\s*", " " if lang == "en" else "", message).strip()
        words[gate["id"]] = re.sub(r"的$", "", message)
    for spec in card.inputs:
        words["input:" + spec["id"]] = {"name": spec.get(f"name_{lang}") or spec["id"], "unit": spec.get("unit") or ""}
    return words


def _cheapest_fixes(gaps: Any, words: Mapping[str, Any], lang: str) -> list[tuple[str, list[tuple[str, float]]]]:
    """The firms one input can make pass, grouped by that input (gap's ``cheapest``): the label
    "科技人员数 +13人" when every firm of the group needs the same amount, with (firm, amount)."""
    import pandas as pd

    from ._lang import unit_text

    if gaps is None or "cheapest" not in getattr(gaps, "columns", ()):
        return []
    groups: dict[str, list[tuple[str, float]]] = {}
    for firm, name in gaps["cheapest"].items():
        if isinstance(name, str) and name:
            amount = gaps.get(f"more_{name}", pd.Series(dtype=float)).get(firm, float("nan"))
            groups.setdefault(name, []).append((str(firm), float(amount)))
    fixes = []
    for name, firms in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        spec = words.get("input:" + name, {"name": name, "unit": ""})
        amounts = {a for _, a in firms}
        label = str(spec["name"])
        if len(amounts) == 1 and firms[0][1] == firms[0][1]:  # one amount, not NaN
            unit = unit_text(str(spec["unit"]), lang) if spec["unit"] else ""
            label += f" +{firms[0][1]:g}{unit if lang == 'zh' else ' ' + unit}".rstrip()
        fixes.append((label, firms))
    return fixes


def _firm_list(firms: Sequence[tuple[str, float]]) -> str:
    """The firms beside a fix's bar when few: " (乙公司)"; more are only counted."""
    shown = [f for f, _ in firms[:3]]
    return f" ({', '.join(shown)}{', …' if len(firms) > 3 else ''})"


def _check_table(table: Any, name: str, maker: str, needed: Sequence[str]) -> None:
    """``table`` is the DataFrame ``maker`` returns: the firms themselves (a common slip) or a
    table of another function failed later with a bare KeyError ('status')."""
    from ._suggest import ArgumentTypeError, shown

    columns = getattr(table, "columns", None)
    if columns is None or not hasattr(table, "loc"):
        raise ArgumentTypeError(f"scorecard: {name} must be the DataFrame {maker} returns, not {shown(table)}")
    lacking = [c for c in needed if c not in columns]
    if lacking:
        raise ArgumentTypeError(
            f"scorecard: {name} must be the DataFrame {maker} returns; this one has no column "
            f"{', '.join(repr(c) for c in lacking)} (the firms themselves? give {maker}'s result)"
        )


def _blocked_counts(gaps: Any) -> Any:
    import pandas as pd

    if gaps is None or "blocked_by" not in getattr(gaps, "columns", ()):
        return pd.Series(dtype="int64")
    names = gaps["blocked_by"].dropna().str.split(", ").explode()
    return names.value_counts()


def _blocker_label(name: str, lang: str, words: Mapping[str, Any]) -> str:
    """'pass' is the pack's final rule (the total score's pass mark), not a gate; a gate by the
    pack's words for it."""
    if name == "pass":
        return "总分未达标" if lang == "zh" else "total below the pass mark"
    return str(words.get(name, name))


@checked_keywords
def elapsed_share(period: str, basis: str = "month") -> float:
    """序时进度 in %: the share of the year gone at the end of ``period``, as ``elapsed()`` in a
    formula measures it (the core's Period.fraction_elapsed, one home): month basis June = 50,
    day basis days gone ÷ days of the year, quarter basis the whole quarters over (1-5月 = 25)."""
    return 100.0 * _core.Period(str(period)).fraction_elapsed(basis)


@checked_keywords
def progress(
    values: Any,
    *,
    period: str | int | None = None,
    column: str = "target_completion_rate",
    names: Mapping[str, str] | None = None,
    basis: str = "month",
    lang: str = "zh",
    ax: Any = None,
) -> Any:
    """Target completion against the time-elapsed line (序时进度): a bar per region with its
    completion rate (%), green when ahead of the share of the year gone, red when behind, and
    that share as a vertical line (June: 50% on the month basis)."""
    _check_lang(lang)
    series, period = _one_period(_column(values, column), period)
    if period is None:
        raise _core.ArgumentError("progress needs the period (e.g. period='2025H1') when the table has no period level")
    line = elapsed_share(period, basis)
    label_of = _names(values, names)
    shown = series.dropna().sort_values(ascending=False)
    _check_something_to_draw(len(shown), "progress", f"{column} at {period}")
    _check_bars(len(shown), "progress", "select the regions to show (values.loc[[...]])")
    ax = _axes(ax, (8, max(2.5, 0.35 * len(shown) + 1.4)))
    positions = list(range(len(shown)))
    colours = ["#4c9a2a" if v >= line else "#d9534f" for v in shown.to_numpy()]
    ax.barh(positions, shown.to_numpy(), color=colours)
    ax.set_yticks(positions, region_labels(list(shown.index), label_of))
    ax.invert_yaxis()
    ax.axvline(line, color="black", linestyle="--", label=f"{_word('elapsed', lang)} {line:.1f}%")
    for y, v in zip(positions, shown.to_numpy()):
        gap = v - line
        ax.text(v, y, f" {v:.1f}% ({'+' if gap >= 0 else ''}{gap:.1f})", va="center")
    ax.set_xlim(0, max(110.0, *(shown.to_numpy() * 1.25 if len(shown) else [0.0])))
    ax.set_xlabel(f"{_word('completion', lang)} (%)")
    missing = len(series) - len(shown)  # regions without a rate: said, not left out unremarked
    ax.set_title(
        f"{_word('completion', lang)} — {_word('elapsed', lang)}, {period}"
        + (f" ({missing} {_word('regions', lang)} {_word('missing', lang)})" if missing else "")
    )
    ax.legend(loc="lower right")
    return ax


__all__ = [
    "CJKFontWarning",
    "MAX_BARS",
    "by_region",
    "cjk_font",
    "contributions",
    "elapsed_share",
    "indicator_label",
    "over_time",
    "period_position",
    "progress",
    "scorecard",
]
