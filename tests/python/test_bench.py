"""The benchmark harness (bench/): its answer checks accept what the arithmetic allows and reject
more, each workload runs at a small size, and the results file has the fields it promises.
No timing is asserted."""

from __future__ import annotations

import ctypes
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

BENCH = Path(__file__).resolve().parents[2] / "bench"


sys.path.insert(0, str(BENCH))
run = importlib.import_module("run")  # bench/run.py, which imports bench/harness.py as `harness`
harness = importlib.import_module("harness")
EPS = np.finfo(np.float64).eps


def _panel_with_targets_almost_met() -> pd.DataFrame:
    """Completion rates a hair above and below 100%: progress_vs_time cancels to a tiny number."""
    df = run.generate_panel(2_000)
    df["target"] = 100.0 + np.arange(len(df)) % 7
    df["actual"] = df["target"] * (1.0 + np.linspace(-3e-9, 3e-9, len(df)))
    return df


def test_catalogue_check_allows_the_rounding_of_a_cancelling_difference():
    df = _panel_with_targets_almost_met()
    values, reasons = zb.Panel.from_pandas(df, units=run.UNITS).compute(reasons=True)
    expected, expected_reasons = run.pandas_catalogue(df, run.UNITS)
    progress = values["progress_vs_time"].to_numpy()
    relative = np.abs(progress - expected["progress_vs_time"].to_numpy()) / np.abs(progress)
    # A relative tolerance on the tiny result would reject these correct values: the differences are
    # rounding of the completion rate (≈ 100), not of the difference.
    assert np.nanmax(relative) > 1e-12
    worst = run.check_catalogue(values, reasons, expected, expected_reasons)
    assert 0 <= worst <= 5


def test_catalogue_check_rejects_more_than_the_arithmetic_allows():
    df = run.generate_panel(400)
    values, reasons = zb.Panel.from_pandas(df, units=run.UNITS).compute(reasons=True)
    expected, expected_reasons = run.pandas_catalogue(df, run.UNITS)
    run.check_catalogue(values, reasons, expected, expected_reasons)

    row = int(np.flatnonzero(expected["rd_intensity"].notna().to_numpy())[0])
    off = values.copy()
    off.iloc[row, off.columns.get_loc("rd_intensity")] *= 1 + 8 * EPS  # 8 EPS: beyond the 3 a ratio allows
    with pytest.raises(AssertionError, match="rd_intensity"):
        run.check_catalogue(off, reasons, expected, expected_reasons)
    gap = values.copy()
    gap.iloc[row, gap.columns.get_loc("rd_intensity")] = np.nan
    with pytest.raises(AssertionError, match="missing in one"):
        run.check_catalogue(gap, reasons, expected, expected_reasons)
    why = reasons.copy()
    why["rd_intensity"] = why["rd_intensity"].astype(object)
    why.iloc[row, why.columns.get_loc("rd_intensity")] = "zero_denominator"
    with pytest.raises(AssertionError, match="reasons differ"):
        run.check_catalogue(values, why, expected, expected_reasons)


def test_close_eps_measures_error_on_the_given_scale():
    expected = np.array([1.0, 1e-6, np.nan])
    got = np.array([1.0 + 2 * EPS, 1e-6 + 2 * EPS, np.nan])
    # On the scale of the operand (1), 1e-6 + 2 EPS is within 2 EPS; on its own scale it is not.
    assert harness.assert_close_eps(got, expected, np.array([1.0, 1.0, 1.0]), 2, "x") == pytest.approx(2.0)
    with pytest.raises(AssertionError, match="1 of 2 values"):
        harness.assert_close_eps(got, expected, expected, 2, "x")
    with pytest.raises(AssertionError, match="missing in one"):
        harness.assert_close_eps(np.array([1.0, 2.0]), np.array([1.0, np.nan]), 1.0, 2, "x")


def test_close_eps_refuses_infinities_on_either_side():
    # inf - inf is NaN, and NaN > allowed is False: equal infinities used to pass the check.
    for got, expected in (([np.inf], [np.inf]), ([1.0], [np.inf]), ([-np.inf], [1.0])):
        with pytest.raises(AssertionError, match="infinite"):
            harness.assert_close_eps(got, expected, 1.0, 4, "x")


def test_peak_memory_gives_no_figure_when_the_peak_cannot_be_reset(monkeypatch):
    monkeypatch.setattr(harness, "_reset_peak", lambda: False)
    with harness.PeakMemory() as memory:
        pass
    assert memory.mb is None  # not the process's lifetime peak, labelled as the block's


def test_same_bits_tells_signed_zeros_apart():
    harness.assert_same_bits(np.array([0.0, np.nan]), np.array([0.0, np.nan]), "same")
    with pytest.raises(AssertionError, match="not bit-identical"):
        harness.assert_same_bits(np.array([0.0]), np.array([-0.0]), "zeros")


def test_patents_workload_checks_every_region_against_its_baseline():
    # The baseline returns one table; unpacking it as two stopped `make bench` here.
    records = run.bench_patents(3_000, [1, 2], 1)
    assert {(r.variant, r.threads) for r in records} == {
        ("patents_in_force from a DataFrame", 1),
        ("patents_in_force, Categorical region and kind", 1),
        ("core count, columns already coded", 1),
        ("patents_in_force from a DataFrame", 2),
        ("patents_in_force, Categorical region and kind", 2),
        ("core count, columns already coded", 2),
    }
    assert all(r.baseline_s > 0 and r.ratio == pytest.approx(r.baseline_s / r.zhibiao_s) for r in records)


def test_patents_check_rejects_one_wrong_count():
    dates = pd.to_datetime(["2020-12-31", "2024-12-31"])
    df = run.generate_patents(2_000, regions=50)
    counts = zb.patents_in_force(df, dates, as_of="2025-12-31")
    expected = run.pandas_patents_in_force(df, dates)
    run.check_patents(counts, expected, dates)
    wrong = counts.copy()
    wrong.iloc[3, 1] += 1
    with pytest.raises(AssertionError, match="1 counts differ"):
        run.check_patents(wrong, expected, dates)


def test_peak_memory_sees_an_allocation_in_the_block():
    with harness.PeakMemory() as memory:
        block = np.ones(40_000_000 // 8)
        del block
    assert memory.mb >= 35


@pytest.mark.skipif(
    bool(os.environ.get("LD_PRELOAD")), reason="glibc's heap layout is the premise; a preloaded runtime changes it"
)
def test_peak_memory_counts_memory_reused_from_an_earlier_block():
    # glibc keeps freed heap blocks resident; a block that reuses them adds nothing to the RSS and
    # would seem to need no memory unless the free pages are returned first.
    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    libc.memset.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]
    size, count = 256 * 1024, 160

    def fill() -> list[int]:
        blocks = [libc.malloc(size) for _ in range(count)]
        for b in blocks:
            libc.memset(b, 1, size)
        return blocks

    libc.free(libc.malloc(4 << 20))  # a freed mmapped block raises the mmap threshold: blocks below go to the heap
    earlier = fill()
    pin = fill()  # the heap's top stays in use, so freeing `earlier` cannot shrink the heap
    for b in earlier:
        libc.free(b)
    with harness.PeakMemory() as memory:
        for b in fill():
            libc.free(b)
    for b in pin:
        libc.free(b)
    assert memory.mb >= 0.8 * size * count / 2**20


def test_every_timed_call_starts_after_the_same_settling(monkeypatch):
    # Round 19: the first timed call of a measurement used to follow whatever ran before it (pandas
    # freeing ~1 GB, answer checks): with a warm-up it follows a call of its own kind, as every later
    # one does, and a pause is slept before each timed call, after the previous result is freed.
    events: list[str] = []
    monkeypatch.setattr(harness.time, "sleep", lambda s: events.append(f"sleep {s:g}"))

    def call() -> int:
        events.append("call")
        return len(events)

    _, result, _ = harness.measure(call, 2, warmup=True)
    assert events == ["call", "call", "call"] and result == 3
    events.clear()
    harness.measure(call, 2, pause=2.5)
    assert events == ["sleep 2.5", "call", "sleep 2.5", "call"]
    assert "warm-up" in harness.settling(True) and "2.5 s" in harness.settling(False, 2.5)
    assert "back to back" in harness.settling(False)
    assert "warm-up" in run.ZB_SETTLING  # the csv workload says how its calls are settled


def test_record_ratio_and_targets():
    r = harness.Record(
        workload="w",
        variant="v",
        size=10,
        size_unit="rows",
        threads=1,
        zhibiao_s=0.5,
        baseline="b",
        baseline_s=2.0,
        target_ratio=5,
    )
    assert r.ratio == 4.0 and r.met is False
    assert (
        harness.Record(workload="w", variant="v", size=1, size_unit="file", threads=1, zhibiao_s=1.5, target_s=2.0).met
        is True
    )
    assert harness.Record(workload="w", variant="v", size=1, size_unit="file", threads=1, zhibiao_s=1.5).met is None


def test_compile_time_of_a_header_and_a_broken_one():
    seconds, peak = run.compile_seconds("cstddef", [], 1)
    assert seconds > 0 and peak > 1
    with pytest.raises(AssertionError, match="no_such_header"):
        run.compile_seconds("no_such_header.hpp", [], 1)


def test_small_run_writes_every_field(tmp_path):
    out = tmp_path / "bench.json"
    assert run.main(["--size", "small", "--only", "composite", "--only", "catalogue", "--out", str(out)]) == 0
    records = json.loads(out.read_text())
    assert isinstance(records, list) and {r["workload"] for r in records} == {"composite", "catalogue"}
    for r in records:
        for key in (
            "workload",
            "size",
            "threads",
            "zhibiao_s",
            "baseline",
            "baseline_s",
            "ratio",
            "target_ratio",
            "unit_throughput",
            "zhibiao_peak_mb",
            "machine",
        ):
            assert key in r, key
    assert any(r["target_ratio"] == 30 and r["ratio"] > 0 for r in records)
    table = out.with_suffix(".md").read_text(encoding="utf-8")
    assert "| composite |" in table and "| catalogue |" in table and "cores" in table


def test_a_failing_workload_fails_the_run(tmp_path, monkeypatch, capsys):
    # A worker that stops (a failed check, a crash) makes the whole run exit non-zero, naming it.
    monkeypatch.setattr(run.subprocess, "call", lambda command: 1)
    assert run.main(["--size", "small", "--only", "csv", "--out", str(tmp_path / "b.json")]) == 1
    assert "csv at 10,000" in capsys.readouterr().err


def test_scorecard_results_compared_by_digest():
    from zhibiao import _core

    card = _core.Scorecard.builtin("tech-sme-2017")
    firms = run.generate_firms(1_000)
    columns = [firms.get(spec["id"]) for spec in card.inputs]
    one = run._result_digest(_core.scorecard_evaluate(card, columns, threads=1))
    run._assert_same_result(run._result_digest(_core.scorecard_evaluate(card, columns, threads=2)), one, "threads")
    firms["st_staff"] = firms["st_staff"] * 0
    other = run._result_digest(_core.scorecard_evaluate(card, [firms.get(s["id"]) for s in card.inputs], threads=1))
    with pytest.raises(AssertionError, match="not bit-identical"):
        run._assert_same_result(other, one, "changed input")


def test_tech_sme_check_accepts_only_disagreements_on_a_band_edge():
    from zhibiao import _core

    card = _core.Scorecard.builtin("tech-sme-2017")
    firms = run.generate_firms(200)
    # R&D exactly 5% of sales in decimal (0.08 / 1.6), which numpy's float division puts below 0.05.
    firms["sales"][0], firms["rd_expense"][0], firms["total_cost"][0] = 1.6, 0.08, 1000.0
    arrays = _core.scorecard_evaluate(card, [firms.get(s["id"]) for s in card.inputs]).arrays()
    total, passed = run.numpy_tech_sme(firms)
    assert total[0] != arrays["total"][0]
    assert run.check_tech_sme(arrays, total, passed, firms) == 1
    total[5] += 4  # a disagreement off any edge
    with pytest.raises(AssertionError, match="not an exact band edge"):
        run.check_tech_sme(arrays, total, passed, firms)


def test_compile_workload_writes_the_version_header_the_umbrella_header_needs(tmp_path):
    """The source tree has only cmake/version.hpp.in; the compile workload writes the header CMake
    would, so `#include <zhibiao/zhibiao.hpp>` compiles (it failed with 'version.hpp: No such file')."""
    run.write_version_header(BENCH.parent, tmp_path)
    text = (tmp_path / "zhibiao" / "version.hpp").read_text()
    assert f'version = "{zb.__version__}"' in text and "@" not in text
    eigen = next(d for d in ("/usr/include/eigen3", "/usr/local/include/eigen3") if Path(d, "Eigen").is_dir())
    source = tmp_path / "one.cpp"
    source.write_text("#include <zhibiao/zhibiao.hpp>\nstatic_assert(ZHIBIAO_VERSION_MAJOR >= 0);\n")
    command = [os.environ.get("CXX", "g++"), "-std=c++17", "-fsyntax-only", f"-I{BENCH.parent / 'include'}"]
    result = subprocess.run([*command, f"-I{tmp_path}", f"-I{eigen}", str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_column_read_reads_every_present_column_once_over_the_threads_ranges(threads):
    baselines = importlib.import_module("baselines")
    rng = np.random.default_rng(7)
    columns = [rng.random(1_001), None, rng.random(1_001), rng.random(1_001)]
    read = baselines.ColumnRead(columns, threads)
    try:
        assert read.nbytes == 3 * 1_001 * 8  # the absent column is not read
        assert read.bounds[0] == 0 and read.bounds[-1] == 1_001 and len(read.bounds) == threads + 1
        np.testing.assert_allclose(read(), sum(c.sum() for c in columns if c is not None), rtol=1e-12)
    finally:
        read.close()


def test_scorecards_workload_gives_the_reused_results_a_read_of_their_inputs(tmp_path):
    out = tmp_path / "bench.json"
    assert run.main(["--size", "small", "--only", "scorecards", "--threads", "1", "--out", str(out)]) == 0
    records = {r["variant"]: r for r in json.loads(out.read_text())}
    hnte = next(r for v, r in records.items() if v.startswith("hnte-2016"))
    tech = records["tech-sme-2017 into a reused result vs a read of its inputs"]
    for r in (hnte, tech):
        assert r["baseline"].startswith("a read of its") and r["baseline_s"] > 0 and r["ratio"] > 0
    assert "28 input columns" in hnte["baseline"]  # every HNTE column the bench generates
