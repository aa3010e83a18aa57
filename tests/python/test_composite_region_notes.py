"""The totals rows and nested regions a build warns of are found by the build itself (C++, on the
strings it already holds), by the same rules the uncertainty analysis asks for in Python."""

import warnings

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import _core

C = zb.composite
STEPS = [C.Normalise("minmax"), C.Aggregate("arithmetic")]

REGIONS = {
    "a city beside its districts": ["320600", "320601", "320602", "320685"],
    "a totals row by its code": ["320601", "320602", "合计"],
    "districts of two cities, no city": ["320601", "320602", "320701"],
    "townships beside their county": ["110101", "110101001000", "110101002000"],
    "one six-digit code and its prefecture in four digits: not looked at": ["320601", "3206", "x"],
    "provinces in two digits only: not looked at": ["32", "3206", "3207"],
    "firm codes": ["91320600", "91320601", "91320602"],
    "full-width digits are no administrative code": ["３２０６００", "３２０６０１", "320601"],
    "words": ["北京", "上海", "total", "Sum"],
}
NAMES = {
    "none": None,
    "a totals name": lambda n: ["a"] * (n - 1) + ["全 市"],
    "names that are not all text": lambda n: [np.nan, 5] + ["小计"] * (n - 2),
}


def _python_rule(regions, names):
    labels = [x if isinstance(x, str) else "" for x in names] if names else [""] * len(regions)
    totals = sorted(set(_core.totals_rows(regions)) | set(_core.totals_rows(labels)))
    admin = [r for r in regions if len(r) in (6, 9, 12) and r.isascii() and r.isdigit()]
    return totals, (_core.nested_regions(regions) if len(admin) >= 2 else [])


@pytest.mark.parametrize("case", sorted(REGIONS))
@pytest.mark.parametrize("named", sorted(NAMES))
def test_the_build_finds_the_totals_rows_and_nested_regions_the_python_rule_finds(case, named):
    regions = REGIONS[case]
    names = NAMES[named](len(regions)) if NAMES[named] else None
    df = pd.DataFrame({"x": np.arange(1.0, len(regions) + 1)}, index=regions)
    if names is not None:
        df["name"] = names
    fw = C.Framework.flat(["x"])
    model = C.Model.from_steps(STEPS, fw)
    labels = {"name": ["" if not isinstance(x, str) else x for x in names]} if names else {}
    core = _core.composite_build(fw._core, model._core, regions, {"x": df["x"].to_numpy()}, labels, {})
    totals, nested = core.region_notes
    assert (totals, nested) == _python_rule(regions, names)
    # and what the build warns of is what the uncertainty analysis warns of
    with warnings.catch_warnings(record=True) as built:
        warnings.simplefilter("always")
        C.build(df, None, STEPS)
    with warnings.catch_warnings(record=True) as asked:
        warnings.simplefilter("always")
        C._warn_of_nested_regions(regions, names)
    said = [str(w.message) for w in built if w.category is C.NestedRegionsWarning]
    assert said == [str(w.message) for w in asked if w.category is C.NestedRegionsWarning]
    assert bool(said) == bool(totals or nested)


def test_a_build_with_nothing_to_say_has_no_notes_and_the_warning_names_the_names_given():
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0], "name": ["南通市", "崇川区", "港闸区"]}, index=["320600", "320601", "320602"])
    with pytest.warns(C.NestedRegionsWarning, match=r"320601 \(崇川区\) in 320600 \(南通市\)") as caught:
        result = C.build(df, None, STEPS)
    assert len([w for w in caught if w.category is C.NestedRegionsWarning]) == 1  # once a build
    assert result._core.region_notes == ([], [("320601", "320600"), ("320602", "320600")])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert C.build(df.drop(index="320600"), None, STEPS)._core.region_notes == ([], [])
