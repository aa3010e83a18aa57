"""Composite workload from a Panel (issue #12.2, #16's composite row): zb.composite.build on a
zhibiao Panel takes the period's table in C++, so the Python part is the framework, the model and
the result's DataFrames. Timed end to end (with ranks) against the same pandas pipeline as the
DataFrame workload in run.py, and against the C++ call alone: the difference is Python's share."""

from __future__ import annotations

from typing import Any


from baselines import pandas_composite
from generate import generate_regions
from harness import Record, assert_close_eps, measure

FULL_SIZE = {"composite_panel": 3_000}
SCALED_WORKLOADS = ("composite_panel",)


def bench_composite_panel(regions: int, threads: list[int], repeat: int) -> list[Record]:
    import zhibiao as zb
    from zhibiao import _core

    indicators = 60
    print(f"\n== composite from a Panel: {indicators} indicators × {regions:,} regions, COINr's pipeline ==")
    df, meta, denominators = generate_regions(regions, indicators)
    C = zb.composite
    fw = C.Framework.from_pandas(meta)
    frame = df.rename(columns={"prefecture": "parent"}).assign(period=2024).rename_axis("entity").reset_index()
    panel = zb.Panel.from_pandas(frame, parent="parent")
    steps = [
        C.Denominate(denominators),
        C.Impute("group_mean", group="parent"),
        C.Treat("coinr"),
        C.Normalise("minmax", (0, 100)),
        C.Aggregate(),
    ]
    model = C.Model.from_steps(steps, fw)
    t_pd, (expected, _), m_pd = measure(lambda: pandas_composite(df, meta, denominators, "prefecture"), repeat)
    t_core, _, _ = measure(lambda: _core.composite_build_panel(fw._core, model._core, panel._core, ""), repeat * 3)

    def build_and_rank() -> Any:
        built = C.build(panel, fw, steps)
        _ = built.ranks
        return built

    t_zb, result, m_zb = measure(build_and_rank, repeat * 3)
    got = result.scores[expected.columns]
    worst = assert_close_eps(
        got.to_numpy(), expected.loc[got.index].to_numpy(), 100.0, 1e6, "composite scores from a Panel"
    )
    check = f"scores equal the pandas pipeline's within 1e6 EPS × 100 (worst {worst:.1f}); Python's share {1e3 * (t_zb - t_core):.2f} ms"
    common = dict(
        workload="composite_panel",
        size=regions,
        size_unit="regions",
        threads=1,
        baseline="pandas by hand",
        baseline_s=t_pd,
        baseline_peak_mb=m_pd,
        unit="k regions/s",
        check=check,
    )
    return [
        Record(
            variant="composite.build from a Panel, with ranks",
            zhibiao_s=t_zb,
            target_ratio=30,
            unit_throughput=regions / t_zb / 1e3,
            zhibiao_peak_mb=m_zb,
            **common,
        ),
        Record(
            variant="C++ path alone (_core.composite_build_panel)",
            zhibiao_s=t_core,
            unit_throughput=regions / t_core / 1e3,
            **common,
        ),
    ]


WORKLOADS = {"composite_panel": bench_composite_panel}
