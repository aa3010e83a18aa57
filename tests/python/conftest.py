from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Public reference data beside the project (../shared/data, see each PROVENANCE.md). Tests may
# read it; the product never does.
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"reference data not found at {SHARED}")
    return SHARED


@pytest.fixture
def sample_dir() -> Path:
    return ROOT / "data" / "sample"


@pytest.fixture(scope="session")
def small_composite():
    """(data, framework, steps) of a small composite index: 8 regions, 4 indicators in 2 pillars
    (weights 1 and 3) under one index, one indicator lower-is-better, one outlier (a = 30).
    The uncertainty tests (in-process and on Dask) share it."""
    import pandas as pd

    import zhibiao as zb

    C = zb.composite
    fw = C.Framework.from_pandas(
        pd.DataFrame(
            {
                "code": ["Index", "P1", "P2", "a", "b", "c", "d"],
                "parent": ["", "Index", "Index", "P1", "P1", "P2", "P2"],
                "weight": [1, 1, 3, 1, 2, 1, 1],
                "direction": [1, 1, 1, 1, 1, -1, 1],
                "level": [3, 2, 2, 1, 1, 1, 1],
            }
        )
    )
    data = pd.DataFrame(
        {
            "a": [1, 2, 3, 4, 5, 6, 7, 30],
            "b": [8, 3, 5, 1, 9, 2, 4, 6],
            "c": [2, 7, 1, 8, 3, 6, 4, 5],
            "d": [5, 5, 2, 9, 1, 7, 3, 8],
        },
        index=[f"u{i}" for i in range(8)],
        dtype=float,
    )
    steps = [C.Treat("coinr"), C.Normalise("minmax", (1, 100)), C.Aggregate()]
    return data, fw, steps


@pytest.fixture(scope="session")
def asem(shared):
    """COINr's ASEM example as ../shared/data/coinr-asem holds it: (folder, iMeta, iData by uCode)."""
    import pandas as pd

    d = shared / "data" / "coinr-asem"
    meta = pd.read_csv(d / "ASEM_iMeta.csv")
    raw = pd.read_csv(d / "ASEM_iData.csv").set_index("uCode")
    return d, meta, raw


@pytest.fixture(scope="session")
def asem_steps(asem):
    """COINr's build_example_coin(): Denominate → Impute(i_mean_grp, EurAsia_group) →
    Screen(0.9, byNA) → Treat(winmax 5) → Normalise(minmax 0–100) → Aggregate(a_amean)."""
    import zhibiao as zb

    C = zb.composite
    meta = asem[1]
    ind = meta[meta.Type == "Indicator"]
    den = {r.iCode: r.Denominator for r in ind.itertuples() if isinstance(r.Denominator, str)}
    return [
        C.Denominate(den),
        C.Impute("group_mean", group="EurAsia_group"),
        C.Screen(0.9),
        C.Treat("coinr", winmax=5),
        C.Normalise("minmax", (0, 100)),
        C.Aggregate(),
    ]


SMALL_MODEL_TOML = """
name = "small"
[[node]]
code = "Index"
level = 3
[[node]]
code = "P1"
parent = "Index"
level = 2
[[node]]
code = "P2"
parent = "Index"
level = 2
weight = 3
[[node]]
code = "a"
parent = "P1"
[[node]]
code = "b"
parent = "P1"
weight = 2
[[node]]
code = "c"
parent = "P2"
direction = -1
[[node]]
code = "d"
parent = "P2"
[[step]]
kind = "normalise"
method = "minmax"
range = [1, 100]
[[step]]
kind = "aggregate"

[uncertainty]
replications = {replications}
seed = 4
weights_noise = { 2 = 0.25 }
"""


def small_model_files(small_composite, folder, replications):
    """The small composite as the command line reads it: (model TOML, data CSV, an output path) in
    ``folder`` — the framework of ``small_composite``, min-max to [1, 100], an [uncertainty] table
    of ``replications`` with weights noise on the pillars."""
    data, _, _ = small_composite
    (folder / "m.toml").write_text(SMALL_MODEL_TOML.replace("{replications}", str(replications)), encoding="utf-8")
    data.rename_axis("unit").to_csv(folder / "d.csv")
    return folder / "m.toml", folder / "d.csv", folder / "ranks.csv"
