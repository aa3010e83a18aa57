"""What zb.composite.build hands to the core from a DataFrame: float64 columns as views (no
copy per column: issue 16's Python overhead), other numeric dtypes as float64 with NaN for
missing, label columns as text with "" for missing."""

import numpy as np
import pandas as pd
import pytest

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


def _frames() -> dict[str, pd.DataFrame]:
    """Frames pandas holds in blocks of every kind: one float block, several blocks out of column
    order (columns inserted, deleted, moved), extension arrays, a slice, repeated and non-text names."""
    rng = np.random.default_rng(16)
    n = 7
    index = [f"r{k}" for k in range(n)]
    mixed = pd.DataFrame(
        {
            "a": rng.normal(size=n),
            "b": pd.array([1, None, 3, 4, 5, 6, 7], dtype="Int64"),
            "c": rng.integers(0, 9, n).astype(np.int32),
            "d": rng.random(n).astype(np.float32),
            "e": pd.array([1.5, None, 2.5, 3.0, 1.0, 0.5, 2.0], dtype="Float64"),
            "f": ["x", None, "y", "x", "y", "x", "y"],
            "g": pd.Categorical(list("pqpqpqp")),
            "h": pd.array(["u", None, "v", "u", "v", "u", "v"], dtype="string"),
            "i": [True, False] * 3 + [True],
            "j": pd.date_range("2024-01-01", periods=n, tz="Asia/Shanghai"),
            "k": np.array([10, 20, 30, 40, 50, 60, 70], dtype=object),
            "m": rng.normal(size=n).astype(">f8"),
        },
        index=index,
    )
    built = pd.DataFrame(index=index)
    for c in "zyx":  # one block a column, inserted in turn
        built[c] = rng.normal(size=n)
    built.insert(1, "w", ["s"] * n)
    built["z"] = np.arange(n, dtype=np.int64)  # replaced with another dtype
    moved = pd.DataFrame(rng.normal(size=(n, 6)), columns=list("pqrstu"), index=index)
    del moved["r"]
    moved = moved[["u", "p", "t", "q", "s"]]
    repeated = pd.DataFrame(rng.normal(size=(n, 3)), columns=["a", "b", "a"], index=index)
    repeated["b2"] = ["t"] * n
    named = pd.DataFrame(rng.normal(size=(n, 3)), columns=[1, "1", 2.5], index=index)
    fortran = pd.DataFrame(np.asfortranarray(rng.normal(size=(n, 4))), columns=list("abcd"), index=index)
    return {
        "mixed": mixed,
        "built column by column": built,
        "moved": moved,
        "repeated names": repeated,
        "non-text names": named,
        "from a Fortran-ordered array": fortran,
        "a slice of columns": mixed.iloc[:, ::2],
        "transposed": pd.DataFrame(rng.normal(size=(3, n)), index=list("abc"), columns=index).T,
        "no columns": pd.DataFrame(index=index),
    }


def _by_series(df: pd.DataFrame, numeric: list) -> tuple[dict, dict]:
    """The columns read one Series at a time, as the public API gives them."""
    numbers = {str(c): C._float_column(v) for c, v in df.items() if c in set(numeric)}
    labels = {str(c): C._label_column(v) for c, v in df.items() if c not in set(numeric)}
    return numbers, labels


def test_columns_read_from_pandas_blocks_are_the_columns_read_one_series_at_a_time():
    for name, df in _frames().items():
        names, dtypes, arrays = C._frame_columns(df)
        assert names == df.columns.tolist() and dtypes == df.dtypes.tolist(), name
        for k, values in enumerate(arrays):
            if values is not None:
                assert np.shares_memory(values, df.iloc[:, k].to_numpy()), (name, k)
                np.testing.assert_array_equal(values, df.iloc[:, k].to_numpy())
        numeric = C._numeric_columns(df)
        types = pd.api.types
        dtype = [df.iloc[:, k].dtype for k in range(df.shape[1])]
        assert numeric == [
            c for c, t in zip(df.columns, dtype) if types.is_numeric_dtype(t) and not types.is_bool_dtype(t)
        ]
        indicators = [c for c in dict.fromkeys(numeric) if isinstance(c, str)]
        if not indicators:
            continue
        numbers, labels, _ = C._frame_inputs(df, C.Framework.flat(indicators), numeric, None)
        want_numbers, want_labels = _by_series(df, numeric)
        assert labels == want_labels, name
        assert numbers.keys() == want_numbers.keys(), name
        for c, values in numbers.items():
            assert values.dtype == np.float64 and values.ndim == 1, (name, c)
            np.testing.assert_array_equal(values.view(np.uint64), want_numbers[c].view(np.uint64))


@pytest.mark.skipif(not hasattr(pd.DataFrame, "_as_manager"), reason="pandas without its array manager")
def test_a_frame_pandas_holds_otherwise_is_read_column_by_column():
    for name, df in _frames().items():
        held = df._as_manager("array")  # pandas' other manager: no blocks
        names, dtypes, arrays = C._frame_columns(held)
        assert names == df.columns.tolist() and dtypes == df.dtypes.tolist(), name
        assert arrays == [None] * len(names), name
        numeric = C._numeric_columns(held)
        indicators = [c for c in dict.fromkeys(numeric) if isinstance(c, str)]
        if indicators:
            numbers, labels, _ = C._frame_inputs(held, C.Framework.flat(indicators), numeric, None)
            want_numbers, want_labels = _by_series(df, numeric)
            assert labels == want_labels and numbers.keys() == want_numbers.keys(), name
            for c, values in numbers.items():
                np.testing.assert_array_equal(values.view(np.uint64), want_numbers[c].view(np.uint64))


def test_columns_named_by_numbers_are_indicators_named_by_their_text():
    # pd.read_excel(header=None) names columns 0, 1, …: a build without a framework said "the data
    # lack indicators: '1' (did you mean '1'?)" (round 20); with a framework of '1', '2' too.
    C = zb.composite
    steps = [C.Normalise("minmax"), C.Aggregate("arithmetic")]
    numbers = pd.DataFrame({1: [1.0, 2.0, 3.0], 2: [3.0, 1.0, 2.0]}, index=["a", "b", "c"])
    texts = numbers.rename(columns=str)
    expected = C.build(texts, steps=steps).scores
    assert C.build(numbers, steps=steps).scores.equals(expected)
    assert C.build(numbers, C.Framework.flat(["1", "2"]), steps).scores.equals(expected)
    assert list(numbers.columns) == [1, 2]  # the caller's frame untouched
    clash = pd.DataFrame([[1.0, 2.0], [2.0, 1.0]], columns=pd.Index([1, "1"], dtype=object), index=["a", "b"])
    with pytest.raises(zb.ArgumentError, match="read the same as text: '1'"):
        C.build(clash, steps=steps)
