"""Uncertainty-analysis workloads (issue 14), found by bench/run.py:

- uncertainty_asem: COINr's sensitivity vignette design on the ASEM index (../shared/data/coinr-asem;
  benchmarks may read it, the product does not contain it): winmax 1–5, two normalisations,
  weights ±25% noise at the two upper weight levels, arithmetic vs geometric mean; N replications
  (target 0.2 s for 10,000 on 2 cores; COINr needs ~100 ms per replication). COINr's second
  normalisation is z-score to mean 10, sd 2 (`m_sd`), as here.
- uncertainty_sobol_asem: Saltelli's design for 4 inputs with N = 1,000 rows (6,000 runs; target 0.2 s).
- uncertainty_large: 3,000 regions × 50 indicators, 3 levels, weights noise at both weight levels
  and min-max vs z-score, against a straightforward numpy implementation of the same
  replications (precomputed layers, one matrix product per level, argsort ranks) timed in the
  same run (target ≥ 20×). Memory of both is printed.

Times are CPU seconds of the process per run (all threads added up; `time.process_time`): the
shared 2-core machine is loaded by other work, so wall times mostly measure the queue. On an
idle machine the wall time with 2 threads is about half the CPU time. Wall times are in the
check text.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from harness import Record, measure


def measure_cpu(fn: Any, repeat: int) -> tuple[float, Any, float, float]:
    """CPU seconds per run (the process's, every thread), the last result, the peak memory
    (MB) and the best wall time."""
    start = time.process_time()
    wall, result, peak = measure(fn, repeat)
    return (time.process_time() - start) / max(1, repeat), result, peak, wall


ASEM = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "coinr-asem"


def _asem() -> tuple[Any, Any, list[Any]]:
    import zhibiao as zb

    C = zb.composite
    meta = pd.read_csv(ASEM / "ASEM_iMeta.csv")
    raw = pd.read_csv(ASEM / "ASEM_iData.csv").set_index("uCode")
    ind = meta[meta.Type == "Indicator"]
    den = {r.iCode: r.Denominator for r in ind.itertuples() if isinstance(r.Denominator, str)}
    steps = [
        C.Denominate(den),
        C.Impute("group_mean", group="EurAsia_group"),
        C.Screen(0.9),
        C.Treat("coinr", winmax=5),
        C.Normalise("minmax", (1, 100)),
        C.Aggregate(),
    ]
    return raw, C.Framework.from_pandas(meta), steps


def _vignette() -> dict[str, Any]:
    import zhibiao as zb

    C = zb.composite
    return dict(
        winmax=(1, 5),
        weights_noise={2: 0.25, 3: 0.25},
        normalisation={
            "minmax [1, 100]": C.Normalise("minmax", (1, 100)),
            "zscore (10, 2)": C.Normalise("zscore", m_sd=(10, 2)),
        },
        aggregation=[C.Aggregate("arithmetic"), C.Aggregate("geometric")],
    )


def bench_asem(n: int, threads: list[int], repeat: int) -> list[Record]:
    import zhibiao as zb

    raw, fw, steps = _asem()
    print(f"\n== uncertainty: COINr's vignette design on ASEM (51 countries, 49 indicators), {n:,} replications ==")
    out = []
    for t in threads:
        seconds, result, peak, wall = measure_cpu(
            lambda: zb.composite.uncertainty(raw, fw, steps, n=n, threads=t, **_vignette()), repeat
        )
        r = result.node_ranks()
        width = float(np.median(r["rank_p95"] - r["rank_p05"]))
        check = (
            f"CPU {seconds:.3f} s, wall {wall:.3f} s; median 5–95% rank interval of the index {width:g} places;"
            " COINr ~100 ms per replication"
        )
        out.append(
            Record(
                workload="uncertainty_asem",
                variant="composite.uncertainty (vignette design)",
                size=n,
                size_unit="reps",
                threads=t,
                zhibiao_s=seconds,
                target_s=0.2 * n / 10_000,
                unit="k reps/s",
                unit_throughput=n / seconds / 1e3,
                zhibiao_peak_mb=peak,
                baseline="COINr (0.1 s per replication, measured)",
                baseline_s=0.1 * n,
                ratio=0.1 * n / seconds,
                check=check,
            )
        )
    return out


def bench_sobol(n: int, threads: list[int], repeat: int) -> list[Record]:
    import zhibiao as zb

    raw, fw, steps = _asem()
    print(f"\n== uncertainty: Sobol indices on ASEM, 4 inputs, N = {n:,} ({6 * n:,} runs) ==")
    out = []
    for t in threads:
        seconds, result, peak, wall = measure_cpu(
            lambda: zb.composite.uncertainty(raw, fw, steps, n=0, sobol=n, bootstrap=0, threads=t, **_vignette()),
            repeat,
        )
        s = result.sobol
        shift = s[s["output"] == "mean_abs_rank_shift"].set_index("input")["ST"].round(2).to_dict()
        out.append(
            Record(
                workload="uncertainty_sobol_asem",
                variant="Saltelli design + estimators (no bootstrap)",
                size=n,
                size_unit="rows",
                threads=t,
                zhibiao_s=seconds,
                target_s=0.2 * n / 1000,
                zhibiao_peak_mb=peak,
                baseline="COINr (68 s for N = 100)",
                baseline_s=0.68 * n,
                ratio=0.68 * n / seconds,
                check=f"CPU {seconds:.3f} s, wall {wall:.3f} s; total indices of the mean absolute rank shift: {shift}",
            )
        )
    return out


def _large(regions: int, indicators: int = 50, pillars: int = 10, seed: int = 3) -> tuple[Any, Any]:
    import zhibiao as zb

    rng = np.random.default_rng(seed)
    data = pd.DataFrame(
        rng.lognormal(0, 0.6, (regions, indicators)),
        columns=[f"i{j}" for j in range(indicators)],
        index=[f"r{k}" for k in range(regions)],
    )
    codes = ["Index", *[f"P{p}" for p in range(pillars)], *data.columns]
    parents = ["", *["Index"] * pillars, *[f"P{j % pillars}" for j in range(indicators)]]
    levels = [3, *[2] * pillars, *[1] * indicators]
    weights = [1.0, *rng.uniform(0.5, 1.5, pillars), *rng.uniform(0.5, 1.5, indicators)]
    meta = pd.DataFrame({"code": codes, "parent": parents, "weight": weights, "direction": 1, "level": levels})
    return data, zb.composite.Framework.from_pandas(meta), meta


def numpy_uncertainty(layers: list[np.ndarray], meta: pd.DataFrame, n: int, fraction: float, seed: int) -> np.ndarray:
    """The same replications by hand: a normalised layer drawn, weights noised at both levels and
    normalised within groups, one matrix product a level, ranks by argsort; returns mean ranks."""
    rng = np.random.default_rng(seed)
    ind = meta[meta.level == 1]
    pil = meta[meta.level == 2]
    group = ind["parent"].map({c: k for k, c in enumerate(pil["code"])}).to_numpy()
    w1, w2 = ind["weight"].to_numpy(), pil["weight"].to_numpy()
    units = layers[0].shape[0]
    rank_sum = np.zeros((units, 1 + len(w2)))
    for _ in range(n):
        x = layers[rng.integers(len(layers))]
        a = w1 * (1 + fraction * rng.uniform(-1, 1, w1.size))
        b = w2 * (1 + fraction * rng.uniform(-1, 1, w2.size))
        m = np.zeros((w1.size, w2.size))
        m[np.arange(w1.size), group] = a
        m /= m.sum(axis=0)
        p = x @ m
        scores = np.column_stack([p @ (b / b.sum()), p])
        order = np.argsort(-scores, axis=0, kind="stable")
        ranks = np.empty_like(order)
        np.put_along_axis(ranks, order, np.arange(1, units + 1)[:, None], axis=0)
        rank_sum += ranks
    return rank_sum / n


def bench_large(n: int, threads: list[int], repeat: int) -> list[Record]:
    import zhibiao as zb

    C = zb.composite
    data, fw, meta = _large(3000)
    print(
        f"\n== uncertainty: 3,000 regions × 50 indicators, 3 levels, {n:,} replications, weights noise and min-max vs z-score =="
    )
    steps = [C.Normalise("minmax", (0, 100)), C.Aggregate()]
    norms = [C.Normalise("minmax", (0, 100)), C.Normalise("zscore")]
    layers = [C.build(data, fw, [s, C.Aggregate()]).layer("normalised").to_numpy() for s in norms]
    t_np, mean_np, m_np, wall_np = measure_cpu(lambda: numpy_uncertainty(layers, meta, n, 0.25, 1), 1)
    out = []
    for t in threads:
        seconds, result, peak, wall = measure_cpu(
            lambda: C.uncertainty(
                data, fw, steps, n=n, threads=t, weights_noise={1: 0.25, 2: 0.25}, normalisation=norms
            ),
            repeat,
        )
        mean_zb = result.node_ranks("Index")["mean_rank"].to_numpy()
        gap = float(np.abs(mean_zb - mean_np[:, 0]).max())
        out.append(
            Record(
                workload="uncertainty_large",
                variant="composite.uncertainty",
                size=n,
                size_unit="reps",
                threads=t,
                zhibiao_s=seconds,
                baseline="numpy by hand (vectorised per replication)",
                baseline_s=t_np,
                ratio=t_np / seconds,
                target_ratio=20,
                zhibiao_peak_mb=peak,
                baseline_peak_mb=m_np,
                unit="reps/s",
                unit_throughput=n / seconds,
                check=(
                    f"CPU {seconds:.2f} s (wall {wall:.2f} s) vs numpy CPU {t_np:.2f} s (wall {wall_np:.2f} s); mean"
                    f" index ranks of the two (different random streams) differ by at most {gap:.1f} places"
                ),
            )
        )
    return out


WORKLOADS = {"uncertainty_asem": bench_asem, "uncertainty_sobol_asem": bench_sobol, "uncertainty_large": bench_large}
FULL_SIZE = {"uncertainty_asem": 10_000, "uncertainty_sobol_asem": 1_000, "uncertainty_large": 10_000}
SCALED_WORKLOADS = ("uncertainty_asem", "uncertainty_sobol_asem", "uncertainty_large")
