"""What zb.composite.build hands to the core from a DataFrame: float64 columns as views (no
copy per column: issue 16's Python overhead), other numeric dtypes as float64 with NaN for
missing, label columns as text with "" for missing."""

import numpy as np
import pandas as pd

import zhibiao as zb

C = zb.composite


def test_float_columns_go_without_a_copy_and_others_as_before():
    df = pd.DataFrame(
        {
            "a": [1.0, np.nan, 3.0],
            "b": pd.array([1, None, 3], dtype="Int64"),
            "c": np.array([4, 5, 6], dtype=np.int32),
            "group": ["x", None, "y"],
            "kind": ["p", "q", "r"],
            "code": np.array([10, 20, 30], dtype=object),
        },
        index=["r1", "r2", "r3"],
    )
    fw = C.Framework.flat(["a", "b", "c"])
    numbers, labels, previous = C._frame_inputs(df, fw, C._numeric_columns(df), None)
    assert np.shares_memory(numbers["a"], df["a"].to_numpy())
    np.testing.assert_array_equal(numbers["b"], [1.0, np.nan, 3.0])
    assert numbers["c"].dtype == np.float64 and list(numbers["c"]) == [4.0, 5.0, 6.0]
    assert labels == {"group": ["x", "", "y"], "kind": ["p", "q", "r"], "code": ["10", "20", "30"]}
    assert previous == {}
    built = C.build(df, fw, [C.Normalise(), C.Aggregate()])
    assert df["a"].isna().sum() == 1  # the caller's frame untouched
    assert list(built.scores.index) == ["r1", "r2", "r3"]
