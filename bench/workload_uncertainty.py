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
  same run, twice: computing the statistics zhibiao computes (every replication's ranks stacked,
  then mean, np.percentile for the median and 5th/95th percentiles, P(rank ≤ 10); target ≥ 20×)
  and computing mean ranks only (a running sum: less work, kept for comparison with earlier
  figures). Memory of each is printed. With no uncertainty, numpy's statistics and zhibiao's are
  checked equal (300 regions, 20 replications).

Times are CPU seconds of the process per run (all threads added up; `time.process_time`): the
shared 2-core machine is loaded by other work, so wall times mostly measure the queue. The same
CPU time on 1 and 2 threads therefore means the 2 threads share the work without overhead: on an
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


def _numpy_replications(layers: list[np.ndarray], meta: pd.DataFrame, n: int, fraction: float, seed: int) -> Any:
    """The replications by hand, one after the other: a normalised layer drawn, weights noised at
    both levels and normalised within groups, one matrix product a level; yields each one's ranks
    (units × (index, pillars…), 1 = best, by argsort)."""
    rng = np.random.default_rng(seed)
    ind = meta[meta.level == 1]
    pil = meta[meta.level == 2]
    group = ind["parent"].map({c: k for k, c in enumerate(pil["code"])}).to_numpy()
    w1, w2 = ind["weight"].to_numpy(), pil["weight"].to_numpy()
    units = layers[0].shape[0]
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
        yield ranks


def numpy_uncertainty(layers: list[np.ndarray], meta: pd.DataFrame, n: int, fraction: float, seed: int) -> np.ndarray:
    """Mean ranks only (a running sum): less than zhibiao computes."""
    rank_sum = np.zeros((layers[0].shape[0], 1 + int((meta.level == 2).sum())))
    for ranks in _numpy_replications(layers, meta, n, fraction, seed):
        rank_sum += ranks
    return rank_sum / n


def numpy_uncertainty_full(
    layers: list[np.ndarray], meta: pd.DataFrame, n: int, fraction: float, seed: int, top_k: int = 10
) -> dict[str, np.ndarray]:
    """What zhibiao computes, the straightforward numpy way: every replication's ranks stacked
    (int32, n × units × nodes), then mean, median, 5th/95th percentiles (np.percentile's linear
    method: type 7, as zhibiao) and P(rank ≤ top_k) over the replications."""
    units, nodes = layers[0].shape[0], 1 + int((meta.level == 2).sum())
    stacked = np.empty((n, units, nodes), dtype=np.int32)
    for r, ranks in enumerate(_numpy_replications(layers, meta, n, fraction, seed)):
        stacked[r] = ranks
    p05, median, p95 = np.percentile(stacked, [5, 50, 95], axis=0)
    return dict(
        mean_rank=stacked.mean(axis=0),
        median_rank=median,
        rank_p05=p05,
        rank_p95=p95,
        top=(stacked <= top_k).mean(axis=0),
        sd=stacked.std(axis=0),
    )


def _zhibiao_statistics(result: Any) -> dict[str, np.ndarray]:
    """zhibiao's rank statistics as units × nodes arrays in the numpy baseline's layout."""
    r = result.ranks
    nodes = list(dict.fromkeys(r["node"]))
    out = {}
    for name, column in [
        ("mean_rank", "mean_rank"),
        ("median_rank", "median_rank"),
        ("rank_p05", "rank_p05"),
        ("rank_p95", "rank_p95"),
        ("top", f"p_top{result.top_k}"),
    ]:
        out[name] = np.column_stack([r.loc[r["node"] == k, column].to_numpy(dtype=float) for k in nodes])
    return out


def check_without_uncertainty(regions: int = 300, n: int = 20) -> None:
    """With every assumption off, each replication is the nominal index: the numpy baseline's
    statistics and zhibiao's must be equal (they differ only in their random streams)."""
    import zhibiao as zb

    C = zb.composite
    data, fw, meta = _large(regions)
    norm = C.Normalise("minmax", (0, 100))
    layer = C.build(data, fw, [norm, C.Aggregate()]).layer("normalised").to_numpy()
    expected = numpy_uncertainty_full([layer], meta, n, 0.0, 1)
    got = _zhibiao_statistics(C.uncertainty(data, fw, [norm, C.Aggregate()], n=n, weights_noise={1: 0.0}))
    for name, value in expected.items():
        if name != "sd" and not np.array_equal(got[name], value):
            raise AssertionError(f"uncertainty_large: with no uncertainty, {name} of zhibiao and numpy differ")


def bench_large(n: int, threads: list[int], repeat: int) -> list[Record]:
    import zhibiao as zb

    C = zb.composite
    data, fw, meta = _large(3000)
    print(
        f"\n== uncertainty: 3,000 regions × 50 indicators, 3 levels, {n:,} replications, weights noise and min-max vs z-score =="
    )
    check_without_uncertainty()
    steps = [C.Normalise("minmax", (0, 100)), C.Aggregate()]
    norms = [C.Normalise("minmax", (0, 100)), C.Normalise("zscore")]
    layers = [C.build(data, fw, [s, C.Aggregate()]).layer("normalised").to_numpy() for s in norms]
    t_np, mean_np, m_np, wall_np = measure_cpu(lambda: numpy_uncertainty(layers, meta, n, 0.25, 1), 1)
    t_full, full_np, m_full, wall_full = measure_cpu(lambda: numpy_uncertainty_full(layers, meta, n, 0.25, 1), 1)
    gap = float(np.abs(full_np["mean_rank"] - mean_np).max())
    if gap > 0:
        raise AssertionError(f"uncertainty_large: the two numpy baselines' mean ranks differ by {gap}")
    out = []
    for t in threads:
        seconds, result, peak, wall = measure_cpu(
            lambda: C.uncertainty(
                data, fw, steps, n=n, threads=t, weights_noise={1: 0.25, 2: 0.25}, normalisation=norms
            ),
            repeat,
        )
        zb_stats = _zhibiao_statistics(result)
        # Different random streams: mean ranks agree within sampling noise (a region's rank sd /
        # √n, a few places at n = 100), and so do the percentiles.
        gaps = {k: float(np.abs(zb_stats[k] - full_np[k]).max()) for k in ("mean_rank", "median_rank", "rank_p95")}
        # Two independent means of n draws differ by sd·√(2/n) typically; 33,000 of them stay
        # within 6 of those (sd floored at half a place where a rank hardly moves).
        z = float((np.abs(zb_stats["mean_rank"] - full_np["mean_rank"]) / np.maximum(full_np["sd"], 0.5)).max())
        z *= np.sqrt(n / 2)
        if z > 6:
            raise AssertionError(
                f"uncertainty_large: mean ranks of zhibiao and numpy differ by {z:.1f} standard errors"
            )
        common = dict(
            workload="uncertainty_large",
            size=n,
            size_unit="reps",
            threads=t,
            zhibiao_s=seconds,
            zhibiao_peak_mb=peak,
            unit="reps/s",
            unit_throughput=n / seconds,
        )
        out.append(
            Record(
                variant="composite.uncertainty (all statistics)",
                baseline="numpy by hand, same statistics (ranks stacked, np.percentile)",
                baseline_s=t_full,
                target_ratio=20,
                baseline_peak_mb=m_full,
                check=(
                    f"CPU {seconds:.2f} s, every thread added up (wall {wall:.2f} s on {t} thread(s))"
                    f" vs numpy CPU {t_full:.2f} s (wall {wall_full:.2f} s);"
                    f" largest gaps to numpy (different random streams), in places: "
                    + ", ".join(f"{k} {v:.1f}" for k, v in gaps.items())
                    + f" (mean ranks: at most {z:.1f} standard errors)"
                ),
                **common,
            )
        )
        out.append(
            Record(
                variant="composite.uncertainty (vs mean ranks only)",
                baseline="numpy by hand, mean ranks only",
                baseline_s=t_np,
                baseline_peak_mb=m_np,
                check=f"numpy mean ranks only: CPU {t_np:.2f} s (wall {wall_np:.2f} s), less work than zhibiao does",
                **common,
            )
        )
    return out


WORKLOADS = {"uncertainty_asem": bench_asem, "uncertainty_sobol_asem": bench_sobol, "uncertainty_large": bench_large}
FULL_SIZE = {"uncertainty_asem": 10_000, "uncertainty_sobol_asem": 1_000, "uncertainty_large": 10_000}
SCALED_WORKLOADS = ("uncertainty_asem", "uncertainty_sobol_asem", "uncertainty_large")
