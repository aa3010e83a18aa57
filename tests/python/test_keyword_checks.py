"""Every public function and method of zhibiao refuses a misspelt keyword with "did you mean"
(zb.UnknownKeywordError, a TypeError and an ArgumentError), never a bare TypeError nor a silent
default (helper-common: "an unknown option name is an error with did you mean"). The list is
found, not written: a new public function is checked as soon as it exists."""

from __future__ import annotations

import importlib
import inspect

import pandas as pd
import pytest

import zhibiao as zb
from zhibiao._suggest import UnknownKeywordError

MODULES = ["zhibiao", "zhibiao.composite", "zhibiao.uncertainty", "zhibiao.dask", "zhibiao.scorecards", "zhibiao.plot"]

# Classes users never construct (the library makes them from its core objects), and functions whose
# ** keywords are data, not options (with_units: a unit per column name). Checked otherwise below:
# merge/concat (pandas' keywords), composite.score and dask.uncertainty (build's and uncertainty's).
NOT_CALLED_WITH_OPTIONS = {
    "zhibiao.Panel()",
    "zhibiao.Catalogue()",
    "zhibiao.composite.Framework()",
    "zhibiao.composite.CompositeResult()",
    "zhibiao.uncertainty.UncertaintyResult()",
    "zhibiao.scorecards.Scorecard()",
    "zhibiao.scorecards.Summary()",
    "zhibiao.with_units",
}
FORWARDING = {"zhibiao.merge", "zhibiao.concat", "zhibiao.composite.score", "zhibiao.dask.uncertainty"}


def _keywords(function):
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):  # a C++ function: its own checks
        return []
    return [
        p.name
        for p in parameters
        if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name not in ("self", "cls")
    ]


def _public_callables():
    seen = set()
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", dir(module)):
            obj = getattr(module, name, None)
            if name.startswith("_") or obj is None or id(obj) in seen or not callable(obj):
                continue
            seen.add(id(obj))
            if getattr(obj, "__module__", "").startswith("zhibiao._core"):
                continue  # C++ classes and functions check their own keywords
            if inspect.isclass(obj):
                yield f"{module_name}.{name}()", obj
                for attribute, value in vars(obj).items():
                    if not attribute.startswith("_") and callable(getattr(obj, attribute, None)):
                        if not isinstance(value, property):
                            yield f"{module_name}.{name}.{attribute}", getattr(obj, attribute)
            else:
                yield f"{module_name}.{name}", obj
    facts = zb.extract("2024年上半年，专利授权量80件。")
    yield "Facts.to_panel", facts.to_panel
    yield "Facts.in_lexicon_units", facts.in_lexicon_units


CASES = [
    (name, f)
    for name, f in _public_callables()
    if name not in NOT_CALLED_WITH_OPTIONS | FORWARDING and _keywords(f.__init__ if inspect.isclass(f) else f)
]


def test_the_public_functions_with_keywords_are_found():
    names = {name for name, _ in CASES}
    for expected in (
        "zhibiao.read_csv",
        "zhibiao.extract",
        "zhibiao.Panel.compute",
        "zhibiao.Panel.rollup",
        "zhibiao.Panel.validate",
        "zhibiao.composite.Framework.flat",
        "zhibiao.composite.CompositeResult.what_if",
        "zhibiao.scorecards.Scorecard.evaluate",
        "Facts.to_panel",
    ):
        assert expected in names


@pytest.mark.parametrize("name, function", CASES, ids=[name for name, _ in CASES])
def test_a_misspelt_keyword_is_refused_with_did_you_mean(name, function):
    keyword = _keywords(function.__init__ if inspect.isclass(function) else function)[0]
    with pytest.raises(UnknownKeywordError, match="did you mean") as caught:
        function(**{keyword + keyword[-1]: 1})
    assert f"'{keyword + keyword[-1]}'" in str(caught.value) and keyword in str(caught.value)


def test_the_pandas_helpers_refuse_what_pandas_does_not_take():
    left = pd.DataFrame({"k": [1], "a": [2.0]})
    right = pd.DataFrame({"k": [1], "b": [3.0]})
    with pytest.raises(UnknownKeywordError, match="did you mean 'on'"):
        zb.merge(left, right, onn="k")
    with pytest.raises(UnknownKeywordError, match="did you mean 'axis'"):
        zb.concat([left, right], axs=1)
    assert list(zb.merge(left, right, on="k").columns) == ["k", "a", "b"]


def test_forwarded_keywords_are_checked_where_they_arrive(small_composite):
    data, fw, steps = small_composite
    with pytest.raises(UnknownKeywordError, match="did you mean 'period'"):
        zb.composite.score(data, "eis", perod="2024")
