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
