"""_core.composite_rank_columns reads a column-major score matrix in place (an Eigen::Ref): the
ranks must not depend on how the array is laid out in memory."""

import numpy as np

from zhibiao import _core


def test_rank_columns_the_same_for_every_memory_layout():
    scores = np.array([[9.0, 1.0], [8.0, np.nan], [8.0, 3.0], [7.0, 2.0]])
    expected = [[1, 3], [2, np.nan], [2, 1], [4, 2]]  # by hand: competition ranking, 1 = best
    wide = np.hstack([scores, np.zeros((4, 1))])
    layouts = {
        "C order": np.ascontiguousarray(scores),
        "Fortran order": np.asfortranarray(scores),
        "strided columns": np.asfortranarray(wide)[:, :2],
        "every other row": np.repeat(scores, 2, axis=0)[::2],
    }
    for name, array in layouts.items():
        got = _core.composite_rank_columns(array, "min")
        np.testing.assert_array_equal(got, expected, err_msg=name)
        assert array.flags.writeable and np.array_equal(array, scores, equal_nan=True), name


def test_rank_columns_wants_a_matrix():
    import pytest

    with pytest.raises(ValueError, match="two-dimensional"):
        _core.composite_rank_columns(np.arange(3.0))


def test_rank_frame_is_what_astype_int64_gave():
    # CompositeResult.rank builds its "Int64" columns from one integer matrix and one mask
    # (_core.composite_rank_integers) instead of DataFrame.astype("Int64") (26 ms for 73 nodes ×
    # 3,000 regions): the same frame, <NA> where a score is missing, each column its own.
    import pandas as pd
    import pytest

    from zhibiao.composite import _nullable_integer_frame

    scores = pd.DataFrame(
        {"Index": [9.0, 8.0, 8.0, np.nan], "P1": [1.0, np.nan, 3.0, 2.0]}, index=pd.Index(list("abcd"), name="region")
    )
    whole, missing = _core.composite_rank_integers(scores.to_numpy(), "min")
    assert whole.dtype == np.int64 and missing.dtype == bool and whole.flags.writeable
    np.testing.assert_array_equal(missing, np.isnan(scores.to_numpy()))
    got = _nullable_integer_frame(whole, missing, scores.index, scores.columns)
    by_hand = pd.DataFrame(
        {"Index": pd.array([1, 2, 2, None], dtype="Int64"), "P1": pd.array([3, None, 1, 2], dtype="Int64")},
        index=scores.index,
    )
    pd.testing.assert_frame_equal(got, by_hand)
    assert np.shares_memory(got["P1"].array._data, whole)  # the columns are views: pandas copied each twice
    floats = _core.composite_rank_columns(scores.to_numpy(), "min")
    pd.testing.assert_frame_equal(got, pd.DataFrame(floats, index=scores.index, columns=scores.columns).astype("Int64"))
    dense, _ = _core.composite_rank_integers(scores.to_numpy(), "dense", ["g", "g", "h", "h"])
    np.testing.assert_array_equal(dense, [[1, 1], [2, 0], [1, 1], [0, 2]])  # by hand, within g and h
    got.loc["a", "Index"] = 7
    assert got["P1"].tolist() == [3, pd.NA, 1, 2] and got["Index"].tolist() == [7, 2, 2, pd.NA]
    empty = _nullable_integer_frame(*_core.composite_rank_integers(np.zeros((0, 2))), pd.Index([]), ["x", "y"])
    assert list(empty.dtypes) == ["Int64", "Int64"] and empty.shape == (0, 2)
    with pytest.raises(ValueError, match="whole numbers"):
        _core.composite_rank_integers(scores.to_numpy(), "average")


def test_build_ranks_every_node_as_rank_does():
    # build() ranks the nodes with the aggregation (the indicators on a second thread for a large
    # matrix); `.ranks` takes those: the frame rank() gives, ties sharing the best rank, <NA> where
    # a score is missing.
    import pandas as pd

    import zhibiao as zb

    C = zb.composite
    small = pd.DataFrame({"x": [1.0, 2.0, 2.0, np.nan], "y": [10.0, 30.0, 30.0, 40.0]}, index=list("abcd"))
    built = C.build(small, steps=[C.Normalise(), C.Aggregate()])
    by_hand = pd.DataFrame(  # x: min-max 0, 100, 100, -; the index: mean of x and y present
        {"Index": [4, 2, 2, 1], "x": [3, 1, 1, None], "y": [4, 2, 2, 1]}, index=small.index, dtype="Int64"
    )
    pd.testing.assert_frame_equal(built.ranks[["Index", "x", "y"]], by_hand)
    rng = np.random.default_rng(7)
    large = pd.DataFrame(rng.integers(0, 40, (300, 80)).astype(float), columns=[f"i{j}" for j in range(80)])
    large = large.mask(rng.random(large.shape) < 0.02)  # missing scores: no imputation step
    built = C.build(large, steps=[C.Normalise(), C.Aggregate()])
    whole, missing = built._core.rank_integers()
    expected_whole, expected_missing = _core.composite_rank_integers(built.scores.to_numpy(), "min")
    np.testing.assert_array_equal(whole, expected_whole)
    np.testing.assert_array_equal(missing, expected_missing)
    assert missing.any() and not missing[:, list(built.scores.columns).index("Index")].any()
    pd.testing.assert_frame_equal(built.ranks, built.rank())


def test_arrays_of_a_build_reuse_freed_pages_never_held_ones():
    # The scores, ranks and layers go to NumPy in blocks of 2 MiB pages; a block NumPy lets go
    # serves a later array (no fresh pages to zero), one still held never does.
    import pandas as pd

    import zhibiao as zb

    C = zb.composite
    rng = np.random.default_rng(3)
    data = pd.DataFrame(rng.random((2000, 70)), columns=[f"i{j}" for j in range(70)])  # scores: 1.1 MB
    built = C.build(data, steps=[C.Normalise(), C.Aggregate()])
    core = built._core
    expected = core.scores.copy()
    held = [core.scores for _ in range(3)] + [core.rank_integers()[0]]
    for _ in range(12):  # taken and freed again and again
        a, b = core.scores, core.layer_values("normalised")
        whole, missing = core.rank_integers()
        for x in (a, b, whole, missing):
            assert not any(np.shares_memory(x, h) for h in held)
        np.testing.assert_array_equal(a, expected)
        np.testing.assert_array_equal(whole, held[3])
        assert not missing.any()
        a[:] = -1.0  # a freed block's old values never show through
    assert all(np.array_equal(h, expected) for h in held[:3])


def test_rank_frame_from_pandas_blocks_is_the_public_paths(monkeypatch):
    # `.ranks` builds its "Int64" frame from pandas' blocks directly (_integer_blocks_frame: 0.04
    # against 0.3 ms for 73 nodes × 3,000 regions), checked once per process against the public
    # path; the public path is taken when that check fails. Both give the same frame: values, <NA>
    # where a score is missing, dtypes, index (name kept) and columns, each column a view.
    import pandas as pd

    import zhibiao.composite as C

    assert C._integer_blocks_work()  # the pandas the tests run under takes the fast path
    scores = pd.DataFrame(
        {"Index": [9.0, 8.0, 8.0, np.nan], "P1": [1.0, np.nan, 3.0, 2.0], "P2": [0.0, -0.0, 5.0, 5.0]},
        index=pd.Index(list("abcd"), name="region"),
    )
    whole, missing = _core.composite_rank_integers(scores.to_numpy(), "min")
    fast = C._integer_blocks_frame(np.asfortranarray(whole), np.asfortranarray(missing), scores.index, scores.columns)
    by_hand = pd.DataFrame(  # ranks by hand: 9 > 8 = 8; 3 > 2 > 1; 5 = 5 > 0 = -0
        {
            "Index": pd.array([1, 2, 2, None], dtype="Int64"),
            "P1": pd.array([3, None, 1, 2], dtype="Int64"),
            "P2": pd.array([3, 3, 1, 1], dtype="Int64"),
        },
        index=scores.index,
    )
    pd.testing.assert_frame_equal(fast, by_hand)
    assert np.shares_memory(fast["P1"].array._data, whole)
    monkeypatch.setattr(C, "_INTEGER_BLOCKS", [False])
    pd.testing.assert_frame_equal(C._nullable_integer_frame(whole, missing, scores.index, scores.columns), by_hand)
    # pandas internals that do not work as expected: the check says so and the public path is used.
    monkeypatch.setattr(C, "_INTEGER_BLOCKS", [])

    def broken(*args):
        raise AttributeError("no such internal")

    monkeypatch.setattr(C, "_integer_blocks_frame", broken)
    assert not C._integer_blocks_work()
    pd.testing.assert_frame_equal(C._nullable_integer_frame(whole, missing, scores.index, scores.columns), by_hand)
