"""The core is safe to call from several Python threads (the bindings release the GIL), and its
results do not depend on how many threads run: bit for bit."""

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

import zhibiao as zb


def test_concurrent_calls_match_the_sequential_result(sample_dir):
    panel = zb.read_csv(sample_dir / "counties_synthetic.csv")
    firms = pd.DataFrame(
        {
            "employees": np.arange(1, 2001) % 600 + 1,
            "st_staff": np.arange(2000) % 50,
            "sales": np.linspace(0, 30000, 2000),
            "assets": np.linspace(30000, 0, 2000),
            "rd_expense": np.linspace(0, 900, 2000),
            "total_cost": np.linspace(10, 20000, 2000),
            "ip_class1": np.arange(2000) % 2,
            "ip_class2": np.arange(2000) % 6,
        }
    )

    year = panel.compute().xs("2024", level="period").drop(columns=["reward_payout_rate"], errors="ignore")
    year = year[[c for c in year.columns if year[c].notna().sum() > 200 and year[c].std() > 0]]
    C = zb.composite

    def work(_):
        values = panel.compute()
        csv = zb.read_csv(sample_dir / "counties_synthetic.csv", threads=2)
        rolled = panel.rollup("admin").compute("invention_patents_per_10k")
        scored = zb.scorecards.evaluate(firms, "tech-sme-2017", explain=False)
        index = C.build(
            year, None, [C.Impute("regression"), C.Treat(), C.Normalise(), C.Weigh("critic"), C.Aggregate()]
        )
        return values, csv.to_pandas(), rolled, scored, index.scores, index.ranks

    sequential = work(0)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(work, range(8)))
    for result in results:
        for got, expected in zip(result, sequential):
            pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_thread_counts_do_not_change_results(sample_dir):
    one = zb.read_csv(sample_dir / "counties_synthetic.csv", threads=1).to_pandas()
    many = zb.read_csv(sample_dir / "counties_synthetic.csv", threads=4).to_pandas()
    pd.testing.assert_frame_equal(one, many, check_exact=True)
    from zhibiao import _core

    card = _core.Scorecard.builtin("hnte-2016")
    rng = np.random.default_rng(1)
    columns = [rng.uniform(0, 2000, 50_000) for _ in card.inputs]
    a = _core.scorecard_evaluate(card, columns, threads=1).arrays()
    b = _core.scorecard_evaluate(card, columns, threads=2).arrays()
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])
    records = pd.DataFrame(
        {
            "region": rng.integers(0, 20, 300_000).astype(str),
            "kind": "invention",
            "filing_date": np.datetime64("2000-01-01") + rng.integers(0, 7000, 300_000).astype("timedelta64[D]"),
        }
    )
    records["grant_date"] = records["filing_date"] + pd.to_timedelta(rng.integers(-30, 1500, 300_000), unit="D")
    records["end_date"] = pd.NaT
    x, fx = zb.patents_in_force(records, ["2015-12-31", "2020-12-31"], findings=True, threads=1)
    y, fy = zb.patents_in_force(records, ["2015-12-31", "2020-12-31"], findings=True, threads=2)
    pd.testing.assert_frame_equal(x, y)
    # No silent loss: every record is counted, not selected, or excluded for a stated problem.
    assert fx.attrs["counted"] + fx.attrs["not_selected"] + int(fx["records"].sum()) == fx.attrs["records"] == 300_000
    assert fx.set_index("problem").loc["grant_before_filing", "records"] > 0
