"""zhibiao.dask, round 19: a firm repeated across partitions; zhibiao.dask as an attribute."""

import subprocess
import sys

import pandas as pd
import pytest

import zhibiao as zb

dd = pytest.importorskip("dask.dataframe", reason="python3-dask is installed by scripts/bootstrap.sh")

from test_dask import firms  # noqa: E402


def test_zhibiao_dask_is_an_attribute_after_import_zhibiao_without_importing_dask_first():
    code = (
        "import sys, zhibiao as zb\n"
        "assert 'dask' not in sys.modules and 'zhibiao.dask' not in sys.modules\n"
        "assert callable(zb.dask.compute) and zb.dask is sys.modules['zhibiao.dask']\n"
        "try:\n    zb.no_such_thing\nexcept AttributeError as e:\n    assert 'no_such_thing' in str(e)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def repeated(table: pd.DataFrame, **changes: float) -> pd.DataFrame:
    """The table with its first firm listed again at the end (its inputs changed by `changes`)."""
    return pd.concat([table, table.iloc[[0]].assign(**changes)])


@pytest.mark.parametrize("run", ["evaluate", "gap"])
def test_a_firm_in_two_partitions_with_different_inputs_is_refused_as_pandas_refuses_it(run):
    table = repeated(firms(30), st_staff=2.0)
    pandas_run = zb.scorecards.evaluate if run == "evaluate" else zb.scorecards.gap
    dask_run = zb.dask.evaluate_scorecards if run == "evaluate" else zb.dask.gap_scorecards
    with pytest.raises(zb.DuplicateRowError):
        pandas_run(table, "tech-sme-2017")
    lazy = dd.from_pandas(table, npartitions=3, sort=False)
    assert lazy.npartitions > 1
    with pytest.raises(zb.DuplicateRowError, match=r"'F00000'.*partition 0.*partition 2.*st_staff"):
        dask_run(lazy, "tech-sme-2017")


def test_identical_repeats_across_partitions_are_scored_as_pandas_scores_them():
    table = repeated(firms(30))
    lazy = dd.from_pandas(table, npartitions=3, sort=False)
    pd.testing.assert_frame_equal(
        zb.dask.evaluate_scorecards(lazy, "tech-sme-2017").compute(),
        zb.scorecards.evaluate(table, "tech-sme-2017", explain=False),
    )
