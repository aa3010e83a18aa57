"""Round 30: an unknown layer name of a composite result is no unknown indicator.

``CompositeResult.layer("normalized")`` raised UnknownIndicatorError, which tells a caller to
look for a misspelt indicator code; a layer is a step's output. It is an UnknownNameError (a
KeyError, round 29) with "did you mean" and the layers, as the C++ result::at says.
"""

import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


def _result() -> "C.CompositeResult":
    data = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [4.0, 3, 1, 2]}, index=["R1", "R2", "R3", "R4"])
    return C.build(data, C.Framework.flat(["a", "b"]), [C.Normalise(), C.Aggregate()])


def test_an_unknown_layer_is_an_unknown_name_not_an_unknown_indicator():
    r = _result()
    with pytest.raises(zb.UnknownNameError, match=r"no layer 'normalized' \(did you mean 'normalised'\?\)") as caught:
        r.layer("normalized")
    assert not isinstance(caught.value, zb.UnknownIndicatorError)
    assert isinstance(caught.value, KeyError)
    assert "layers: raw" in str(caught.value)


def test_a_name_far_from_every_layer_lists_them_without_a_guess():
    with pytest.raises(zb.UnknownNameError) as caught:
        _result().layer("scores")
    assert "did you mean" not in str(caught.value)
    assert not isinstance(caught.value, zb.UnknownIndicatorError)


def test_a_known_layer_still_comes_back():
    assert list(_result().layer("normalised").columns) == ["a", "b"]
