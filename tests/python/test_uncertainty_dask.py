"""zhibiao.dask.uncertainty on a LocalCluster with 2 workers: the same bits as in-process."""

import pandas as pd
import pytest

import zhibiao as zb

distributed = pytest.importorskip("distributed")
pytest.importorskip("zhibiao.dask")

C = zb.composite


# Debian's distributed 2022.12 on Python 3.11 warns about its own event-loop use.
@pytest.mark.filterwarnings(
    "ignore::DeprecationWarning", "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)
def test_dask_blocks_equal_the_in_process_result(small_composite):
    import zhibiao.dask

    data, fw, steps = small_composite
    assumptions = dict(
        weights_noise={2: 0.25},
        winmax=(0, 2),
        aggregation=[C.Aggregate("arithmetic"), C.Aggregate("geometric")],
        exclude_indicator=True,
    )
    local = C.uncertainty(data, fw, steps, n=1300, seed=9, **assumptions)
    # Score tails: blocks of 512 carry the extremes for the whole run's 1,300, merged exactly.
    tails = C.uncertainty(data, fw, steps, n=1300, seed=9, threads=2, score_percentiles=True, **assumptions)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster, distributed.Client(cluster):
        remote = zhibiao.dask.uncertainty(data, fw, steps, n=1300, block=512, seed=9, **assumptions)
        remote_tails = zhibiao.dask.uncertainty(
            data, fw, steps, n=1300, block=512, seed=9, score_percentiles=True, **assumptions
        )
    pd.testing.assert_frame_equal(local.ranks, remote.ranks, check_exact=True)
    pd.testing.assert_frame_equal(local.parameters, remote.parameters, check_exact=True)
    assert not tails.ranks["score_p05"].isna().all()
    pd.testing.assert_frame_equal(tails.ranks, remote_tails.ranks, check_exact=True)
    with pytest.raises(ValueError, match="multiple of 256"):
        zhibiao.dask.uncertainty(data, fw, steps, n=10, block=100, **assumptions)
