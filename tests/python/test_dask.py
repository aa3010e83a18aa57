"""zhibiao.dask: scoring a Dask DataFrame partition by partition gives the pandas result."""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

dd = pytest.importorskip("dask.dataframe", reason="python3-dask is installed by scripts/bootstrap.sh")
import zhibiao.dask  # noqa: E402


def firms(n: int = 2_001) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    employees = rng.integers(1, 600, n).astype(float)
    sales = np.round(rng.uniform(0, 30000, n), 2)
    table = pd.DataFrame(
        {
            "employees": employees,
            "st_staff": np.floor(employees * rng.uniform(0, 0.6, n)),
            "sales": sales,
            "assets": np.round(rng.uniform(0, 30000, n), 2),
            "rd_expense": np.round(sales * rng.uniform(0, 0.1, n), 2),
            "total_cost": np.round(sales * 0.8 + 1, 2),
            "ip_class1": rng.integers(0, 2, n).astype(float),
            "ip_class2": rng.integers(0, 6, n).astype(float),
            "hnte_certified": (rng.random(n) < 0.05).astype(float),
        },
        index=pd.Index([f"F{k:05d}" for k in range(n)], name="firm"),
    )
    table.loc["F00007", "employees"] = -3  # invalid input stays a row of its own
    return table


def test_partitions_give_the_pandas_result():
    table = firms()
    lazy = zb.dask.evaluate_scorecards(dd.from_pandas(table, npartitions=5), "tech-sme-2017", explain=True)
    expected = zb.scorecards.evaluate(table, "tech-sme-2017", explain=True)
    pd.testing.assert_frame_equal(lazy.compute(), expected)
    assert expected.loc["F00007", "status"] == "invalid input"


def test_gap_and_summary_over_partitions():
    table = firms(600)
    parts = dd.from_pandas(table, npartitions=3)
    pd.testing.assert_frame_equal(
        zb.dask.gap_scorecards(parts, "tech-sme-2017").compute(), zb.scorecards.gap(table, "tech-sme-2017")
    )
    over_parts = zb.dask.scorecard_summary(zb.dask.evaluate_scorecards(parts, "tech-sme-2017"))
    whole = zb.scorecards.summary(zb.scorecards.evaluate(table, "tech-sme-2017"))
    assert over_parts.firms == whole.firms == 600
    pd.testing.assert_series_equal(over_parts.counts, whole.counts, check_names=False)
    pd.testing.assert_series_equal(over_parts.failing.sort_index(), whole.failing.sort_index(), check_names=False)
    assert over_parts.mean_total == pytest.approx(whole.mean_total)


def test_wrong_input_and_unknown_pack_fail_at_once():
    with pytest.raises(TypeError, match="dask DataFrame"):
        zb.dask.evaluate_scorecards(firms(10), "tech-sme-2017")
    with pytest.raises(zb.UnknownIndicatorError, match="no scorecard"):
        zb.dask.evaluate_scorecards(dd.from_pandas(firms(10), npartitions=2), "tech-sme-2099")
