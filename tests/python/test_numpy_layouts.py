"""Every array-taking entry point gets C-order, sliced, reversed, non-float and empty input."""

import numpy as np
import pytest

import zhibiao as zb
from zhibiao import _core

BASE = np.arange(12, dtype=np.float64) * 1.5


@pytest.mark.parametrize(
    "make",
    [
        lambda: BASE[:6].copy(),
        lambda: BASE[::2],
        lambda: BASE[::-2],
        lambda: np.asfortranarray(BASE[:6]),
        lambda: BASE[:6].astype(np.float32),
        lambda: np.arange(6),
        lambda: BASE.reshape(2, 6)[1],
    ],
)
def test_add_column_reads_every_layout_correctly(make):
    values = make()
    core = _core.Panel([str(i) for i in range(6)], [""] * 6, [""] * 6, ["2020"], np.arange(6), np.zeros(6))
    core.add_column("x", values, None)
    np.testing.assert_array_equal(core.values("x"), np.asarray(values, dtype=np.float64))


def test_empty_and_two_dimensional():
    core = _core.Panel([], [], [], [], np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32))
    core.add_column("x", np.zeros(0), None)
    assert core.values("x").shape == (0,)
    core2 = _core.Panel(["a"], [""], [""], ["2020"], np.zeros(1), np.zeros(1))
    with pytest.raises(zb.Error):
        core2.add_column("x", np.zeros((1, 1)), None)
    with pytest.raises(zb.Error):
        core2.add_column("x", np.zeros(2), None)


def test_unit_convert_layouts():
    for values in (BASE[::3], BASE[::-1], BASE.reshape(3, 4)):
        np.testing.assert_array_equal(zb.Unit("亿元").convert(values, zb.Unit("万元")), np.asarray(values) * 1e4)
