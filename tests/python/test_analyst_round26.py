"""Round 26's analyst day (helper an26): a county table from Excel with a name column, an
uncertainty analysis read as a table (names beside codes), and the figures an analyst looks at."""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import cli

C = zb.composite


def coded_counties():
    """Six made-up counties 9101xx with Chinese names, two pillars of two indicators."""
    rng = np.random.default_rng(26)
    codes = [f"9101{i:02d}" for i in range(1, 7)]
    names = ["东山县", "西河县", "南湖县", "北海县", "中山县", "上河县"]
    inds = ["指标甲", "指标乙", "指标丙", "指标丁"]
    df = pd.DataFrame(rng.uniform(1, 10, (6, 4)), columns=inds, index=pd.Index(codes, name="region"))
    meta = pd.DataFrame(
        [("创新指数", "", 1, 1, 3), ("创新投入", "创新指数", 1, 1, 2), ("创新产出", "创新指数", 1, 1, 2)]
        + [(i, "创新投入" if k < 2 else "创新产出", 1, 1, 1) for k, i in enumerate(inds)],
        columns=["code", "parent", "weight", "direction", "level"],
    )
    steps = [C.Normalise("minmax", range=(1, 100)), C.Aggregate()]
    return df, dict(zip(codes, names)), C.Framework.from_pandas(meta), steps


def test_the_rank_tables_of_an_uncertainty_analysis_name_the_regions():
    df, names, fw, steps = coded_counties()
    df.attrs["names"] = names  # as a table of Panel.compute() carries them
    u = C.uncertainty(df, fw, steps, n=40, weights_noise={1: 0.3})
    # Before: the names reached the plot only; the tables an analyst reads held bare codes
    r = u.node_ranks()
    assert r.index.name == "region" and list(r.index) == list(names)  # still indexed by code
    assert r.columns[0] == "name" and r["name"].to_dict() == names
    assert r.loc["910103", "name"] == "南湖县"
    ranks = u.ranks
    assert list(ranks.columns[:3]) == ["region", "node", "name"]
    assert (ranks["name"] == ranks["region"].map(names)).all()
    assert len(ranks) == len(names) * 3  # every aggregate node, the names repeated per node


def test_an_analysis_without_names_keeps_its_columns():
    df, _, fw, steps = coded_counties()
    u = C.uncertainty(df, fw, steps, n=10, weights_noise={1: 0.3})
    assert "name" not in u.ranks.columns and "name" not in u.node_ranks().columns


def test_the_cli_rank_table_of_a_panel_names_its_counties(sample_dir, tmp_path):
    """`zhibiao uncertainty --period` of a panel CSV writes the counties' names after their codes,
    as `zhibiao composite --period` does (it wrote the codes alone)."""
    model = tmp_path / "m.toml"
    model.write_text(
        (sample_dir / "county_index.toml").read_text(encoding="utf-8")
        + "\n[uncertainty]\nreplications = 16\nweights_noise = { 1 = 0.25 }\n",
        encoding="utf-8",
    )
    data, out = sample_dir / "counties_synthetic.csv", tmp_path / "r.csv"
    assert cli.main(["uncertainty", str(model), str(data), "--period", "2024", "--out", str(out), "-q"]) == 0
    table = pd.read_csv(out, index_col=0, dtype={0: str})
    names = zb.read_csv(data).entities.set_index("code")["name"]
    assert table.columns[0] == "name"
    assert (table["name"] == names.reindex(table.index)).all()
