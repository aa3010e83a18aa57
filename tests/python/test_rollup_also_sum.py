"""also_sum must not sum ratios (round 13, roll-ups): shares of 3% and 5% gave a parent 8%."""

import io

import pytest

import zhibiao as zb


def test_also_sum_refuses_a_percent_and_a_per_head_column():
    p = zb.read_csv(
        io.StringIO("region,period,gdp[亿元],share[%],rd_per_head[万元/万人]\n320601,2023,100,3,2\n320602,2023,200,5,4\n")
    )
    for name in ("share", "rd_per_head"):
        with pytest.raises(zb.ArgumentError, match=rf"'{name}'.*a ratio"):
            p.rollup(also_sum=[name])
    # Left out by default, as before: listed in not_summed.
    assert p.rollup().not_summed == ["share", "rd_per_head"]
