"""zhibiao.dask.compute: indicators over a Dask DataFrame partitioned by entity equal the
in-memory result, also with time operators and on a distributed cluster (issue 16)."""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

dd = pytest.importorskip("dask.dataframe", reason="python3-dask is installed by scripts/bootstrap.sh")
import zhibiao.dask  # noqa: E402

UNITS = {"gdp": "亿元", "rd_expenditure": "万元", "population": "万人", "valid_invention_patents": "件"}
GROWTH = zb.Indicator("gdp_growth", "growth(gdp)", unit="%")  # needs the entity's previous year
IDS = ["rd_intensity", "invention_patents_per_10k", GROWTH]


def regions(n: int = 60, years: range = range(2015, 2024)) -> pd.DataFrame:
    rng = np.random.default_rng(8)
    rows = [(f"R{e:03d}", y) for e in range(n) for y in years]
    table = pd.DataFrame(rows, columns=["region", "year"])
    k = len(table)
    table["gdp"] = np.round(rng.uniform(50, 900, k), 2)
    table["rd_expenditure"] = np.round(rng.uniform(0, 90000, k), 1)
    table["population"] = np.round(rng.uniform(10, 300, k), 2)
    table["valid_invention_patents"] = rng.integers(0, 5000, k).astype(float)
    table.loc[7, "gdp"] = np.nan  # a missing input stays missing, with its growth next year
    return table


def in_memory(table: pd.DataFrame) -> pd.DataFrame:
    panel = zb.Panel.from_pandas(table, "region", "year", UNITS)
    return panel.compute(IDS).reset_index()


def by_key(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["entity", "period"]).reset_index(drop=True)


def test_partitions_by_entity_give_the_in_memory_result():
    table = regions()
    parts = dd.from_pandas(table.set_index("region"), npartitions=4)  # sorted index: known divisions
    assert parts.known_divisions
    lazy = zb.dask.compute(parts, IDS, entity="region", period="year", units=UNITS)
    result = by_key(lazy.compute())
    expected = by_key(in_memory(table))
    pd.testing.assert_frame_equal(result, expected)
    # Every region's first year has no growth; the rest do (not one partition's first row only).
    assert result["gdp_growth"].notna().sum() == 60 * 8 - 2


def test_an_entity_across_partitions_is_refused_or_shuffled():
    table = regions(6).sample(frac=1.0, random_state=1)  # every region's years scattered
    parts = dd.from_pandas(table, npartitions=3, sort=False)
    with pytest.raises(ValueError, match=r"entity 'R\d{3}' has rows in partitions \[.*\].*repartition=True"):
        zb.dask.compute(parts, IDS, entity="region", period="year", units=UNITS)
    shuffled = zb.dask.compute(parts, IDS, entity="region", period="year", units=UNITS, repartition=True)
    pd.testing.assert_frame_equal(by_key(shuffled.compute()), by_key(in_memory(table)))


# distributed 2022.12 with the tornado of Debian 12 warns that make_current is deprecated.
@pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")
def test_on_a_local_cluster_of_two_workers():
    distributed = pytest.importorskip("distributed", reason="Debian python3-distributed")
    table = regions(40)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster, distributed.Client(cluster):
        parts = dd.from_pandas(table.set_index("region"), npartitions=4)
        result = zb.dask.compute(parts, IDS, entity="region", period="year", units=UNITS).compute()
    pd.testing.assert_frame_equal(by_key(result), by_key(in_memory(table)))


# Round 15: a misspelt indicator id, an unknown unit or a missing column came back as a lazy frame
# (with a column named after the misspelt id) and raised only at .compute() — after the pass over
# the entity column or the shuffle, or not at all until the result was used. They raise at once.
@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(ids=["invention_patent_per_10k"]), zb.UnknownIndicatorError, "did you mean 'invention_patents_per_10k'"),
        (dict(units={**UNITS, "gdp": "亿园"}), zb.UnknownUnitError, "亿园"),
        (dict(entity="regoin"), zb.ParseError, "did you mean 'region'"),
        (dict(ids=[zb.Indicator("bad", "gdp / population", unit="%")]), zb.IncompatibleUnitsError, "bad"),
    ],
)
def test_bad_arguments_raise_when_the_graph_is_built(kwargs, error, message):
    table = regions(6).sample(frac=1.0, random_state=1)
    parts = dd.from_pandas(table, npartitions=3, sort=False)  # an entity across partitions, too
    arguments = dict(ids=IDS, entity="region", period="year", units=UNITS, repartition=True)
    arguments.update(kwargs)
    with pytest.raises(error, match=message):
        zb.dask.compute(parts, **arguments)


# Round 15: the Dask layer had no reasons (compute(..., reasons=True) was an unknown keyword), so a
# missing value over a Dask DataFrame could not say why, as the in-memory result and the CLI do.
def test_reasons_follow_each_indicator():
    table = regions(6)
    table.loc[3, "population"] = 0.0  # invention_patents_per_10k: zero_denominator in that row
    parts = dd.from_pandas(table.set_index("region"), npartitions=2)
    lazy = zb.dask.compute(parts, IDS, entity="region", period="year", units=UNITS, reasons=True)
    assert list(lazy.columns) == [
        "entity",
        "period",
        "rd_intensity",
        "rd_intensity_reason",
        "invention_patents_per_10k",
        "invention_patents_per_10k_reason",
        "gdp_growth",
        "gdp_growth_reason",
    ]
    result = by_key(lazy.compute())
    values, why = zb.Panel.from_pandas(table, "region", "year", UNITS).compute(IDS, reasons=True)
    expected_values = by_key(values.reset_index())
    for column in ["rd_intensity", "invention_patents_per_10k", "gdp_growth"]:
        np.testing.assert_array_equal(result[column].to_numpy(), expected_values[column].to_numpy())
        expected = by_key(why.reset_index())[column].astype(object).where(lambda s: s.notna(), None)
        got = result[column + "_reason"].astype(object).where(lambda s: s.notna(), None)
        assert got.tolist() == expected.tolist()
    assert "zero_denominator" in set(result["invention_patents_per_10k_reason"].dropna())
    assert "no_such_period" in set(result["gdp_growth_reason"].dropna())
    assert str(result["gdp_growth_reason"].dtype) == "category"
