"""The benchmark harness: timing, peak memory, answer checks with tolerances derived from the
arithmetic, and the records written to out/bench.json and out/bench.md.

A record is one measurement: a workload (and variant) at a size and a thread count, zhibiao's
time next to its baseline's time in the same run. `ratio` is baseline_s / zhibiao_s (how many
times faster zhibiao is); `target_ratio` the least ratio aimed at, `target_throughput` the least
throughput and `target_s` the most seconds, each None where the workload has no such target.
"""

from __future__ import annotations

import ctypes
import gc
import os
import platform
import re
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

import numpy as np

EPS = float(np.finfo(np.float64).eps)  # 2^-52; a correctly rounded operation errs by at most EPS/2 relative


@dataclass
class Record:
    workload: str
    variant: str
    size: int
    size_unit: str
    threads: int
    zhibiao_s: float
    baseline: str | None = None
    baseline_s: float | None = None
    ratio: float | None = None
    target_ratio: float | None = None
    unit: str = ""
    unit_throughput: float | None = None
    target_throughput: float | None = None
    target_s: float | None = None
    zhibiao_peak_mb: float | None = None
    baseline_peak_mb: float | None = None
    check: str = ""
    fraction: float = 1.0
    met: bool | None = field(default=None)

    def __post_init__(self) -> None:
        if self.baseline_s is not None and self.zhibiao_s > 0:
            self.ratio = self.baseline_s / self.zhibiao_s
        verdicts = []
        if self.target_ratio is not None and self.ratio is not None:
            verdicts.append(self.ratio >= self.target_ratio)
        if self.target_throughput is not None and self.unit_throughput is not None:
            verdicts.append(self.unit_throughput >= self.target_throughput)
        if self.target_s is not None:
            verdicts.append(self.zhibiao_s <= self.target_s)
        self.met = all(verdicts) if verdicts else None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# ---------------------------------------------------------------------------------------------
# Peak memory. Linux lets a process reset its own high-water mark (writing 5 to
# /proc/self/clear_refs), so the peak of one call is VmHWM after it minus VmRSS before it: the
# memory the call itself added at its worst, C++ allocations included (tracemalloc sees only
# Python's). Where the reset is not permitted the process's whole peak (ru_maxrss) is reported.


def _status_kb(key: str) -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        found = re.search(rf"^{key}:\s+(\d+) kB", f.read(), re.M)
    return int(found.group(1)) if found else 0


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _release_free_memory() -> None:
    """Returns the allocator's free pages to the system (glibc's malloc_trim). Otherwise a block
    that reuses memory freed by an earlier one (still resident) would seem to need none."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class PeakMemory:
    """`with PeakMemory() as m: ...` then m.mb: the most memory the block added (MB), or None
    where the kernel's peak counter cannot be reset (then no honest figure exists)."""

    def __enter__(self) -> "PeakMemory":
        gc.collect()
        _release_free_memory()
        self.resettable = _reset_peak()
        self.before_kb = _status_kb("VmRSS") if self.resettable else 0
        self.mb: float | None = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        # Without a resettable high-water mark the process's lifetime peak says nothing about
        # this block: no figure (None) rather than a wrong one.
        self.mb = max(0, _status_kb("VmHWM") - self.before_kb) / 1024 if self.resettable else None


def measure(
    fn: Callable[[], Any], repeat: int, *, warmup: bool = False, pause: float = 0.0
) -> tuple[float, Any, float]:
    """Best wall time of `repeat` runs (the least disturbed by other work on the machine), the
    last result, and the peak memory the runs added (MB). The previous result is dropped before
    each run so the peak is that of one run.

    Settling (see `settling`): this VM hands freed memory back to the host about 2 s after it is
    freed, and touching such memory again costs a host fault a page, so a call's time depends on
    what ran before it and how long ago. `warmup` makes one untimed call first (its result
    dropped), so that every timed call follows a call of its own kind; `pause` sleeps that many
    seconds before every timed call, after the previous result is freed. Either way every timed
    call of one measurement starts after the same settling, whatever ran before the measurement."""
    if warmup:
        fn()
    best, result = float("inf"), None
    with PeakMemory() as memory:
        for _ in range(max(1, repeat)):
            result = None
            gc.collect()
            if pause > 0:
                _release_free_memory()
                time.sleep(pause)
            start = time.perf_counter()
            result = fn()
            best = min(best, time.perf_counter() - start)
    return best, result, memory.mb


def settling(warmup: bool, pause: float = 0.0) -> str:
    """How `measure(..., warmup=, pause=)` settles each timed call, said in the output."""
    parts = []
    if warmup:
        parts.append("one untimed warm-up call first, so every timed call follows one of its kind")
    if pause > 0:
        parts.append(f"{pause:g} s of rest before every timed call (freed memory handed back to the host)")
    if not parts:
        return "timed calls back to back, the first right after whatever ran before"
    return "; ".join(parts)


# ---------------------------------------------------------------------------------------------
# Answer checks. Two implementations of the same formula round differently; how far apart they
# may land follows from the arithmetic: each correctly rounded operation errs by at most u =
# EPS/2 relative to its result, so k operations on each side put the two within about k·EPS of
# the magnitude the error is carried by (the `scale`), which is the value itself for products
# and quotients but the larger operand for a difference that cancels. The bound is checked value
# by value, and the worst case found is reported in units of EPS·scale.


def cpu_seconds(fn: Callable[[], Any], repeat: int) -> float:
    """Best CPU time (time.process_time, every thread of the process) of `repeat` runs: on a
    machine shared with other work the wall time counts the waits for a core, the CPU time not."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def assert_close_eps(got: Any, expected: Any, scale: Any, eps_count: float, what: str) -> float:
    """|got - expected| ≤ eps_count · EPS · |scale| elementwise, NaN exactly where expected is NaN.
    Returns the worst difference seen, in units of EPS·|scale|."""
    got, expected = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    scale = np.broadcast_to(np.abs(np.asarray(scale, dtype=np.float64)), expected.shape)
    missing_got, missing_expected = np.isnan(got), np.isnan(expected)
    if (missing_got != missing_expected).any():
        where = np.flatnonzero((missing_got != missing_expected).ravel())[:5]
        raise AssertionError(f"{what}: missing in one result and not the other at positions {where.tolist()}")
    # Neither side may be infinite: inf - inf is NaN, which no comparison below would catch.
    infinite = np.isinf(got) | np.isinf(expected)
    if infinite.any():
        where = np.flatnonzero(infinite.ravel())[:5]
        raise AssertionError(f"{what}: infinite values at positions {where.tolist()}")
    both = ~missing_got
    error = np.abs(got[both] - expected[both])
    allowed = eps_count * EPS * scale[both]
    bad = error > allowed
    if bad.any():
        k = np.flatnonzero(bad)[0]
        raise AssertionError(
            f"{what}: {int(bad.sum())} of {bad.size} values differ by more than {eps_count} EPS × scale "
            f"(first: {got[both][k]!r} against {expected[both][k]!r}, scale {scale[both][k]!r})"
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        units = np.where(error > 0, error / (EPS * scale[both]), 0.0)
    return float(units.max()) if units.size else 0.0


def assert_same_bits(a: Any, b: Any, what: str) -> None:
    """Bit-identical arrays (NaN payloads and signed zeros included): results for any thread
    count must be the same bits."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype or a.tobytes() != b.tobytes():
        raise AssertionError(f"{what}: not bit-identical")


# ---------------------------------------------------------------------------------------------
# Output.


def machine() -> dict[str, Any]:
    model, flags = platform.processor() or platform.machine(), ""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            text = f.read()
        model = re.search(r"^model name\s*:\s*(.+)$", text, re.M).group(1).strip()
        flags = re.search(r"^flags\s*:\s*(.+)$", text, re.M).group(1)
    except (OSError, AttributeError):
        pass
    simd = [s for s in ("avx512f", "avx2", "sse4_2") if f" {s} " in f" {flags} "]
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "simd": simd,
        "memory_gb": round(memory_gb, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "system": platform.platform(),
        "python": platform.python_version(),
        "date_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
    }


def _seconds(s: float | None) -> str:
    if s is None:
        return ""
    return f"{s * 1e3:.3g} ms" if s < 1 else f"{s:.3g} s"


def _number(x: float | None, digits: int = 3) -> str:
    return "" if x is None else f"{x:.{digits}g}"


def _target(r: Record) -> str:
    parts = []
    if r.target_ratio is not None:
        parts.append(f"≥ {r.target_ratio:.3g}×")
    if r.target_throughput is not None:
        parts.append(f"≥ {r.target_throughput:.3g} {r.unit}")
    if r.target_s is not None:
        parts.append(f"≤ {_seconds(r.target_s)}")
    return ", ".join(parts)


def markdown(records: list[Record], about: dict[str, Any], versions: str) -> str:
    lines = [
        "# zhibiao benchmarks",
        "",
        f"{about['cpu']}, {about['cores']} cores ({', '.join(about['simd']) or 'no AVX'}), {about['memory_gb']} GB, "
        f"{about['system']}; load average {about['load_average']} at the start; {about['date_utc']} UTC; {versions}.",
        "",
        "ratio = baseline time / zhibiao time (both in the same run); peak = the most memory the call added.",
        "",
        "| workload | variant | size | threads | zhibiao | peak MB | baseline | baseline time | peak MB | ratio | throughput | target | met |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in records:
        met = {True: "yes", False: "no", None: ""}[r.met]
        lines.append(
            f"| {r.workload} | {r.variant} | {r.size:,} {r.size_unit} | {r.threads} | {_seconds(r.zhibiao_s)} | "
            f"{_number(r.zhibiao_peak_mb)} | {r.baseline or ''} | {_seconds(r.baseline_s)} | {_number(r.baseline_peak_mb)} | "
            f"{'' if r.ratio is None else f'{r.ratio:.3g}×'} | "
            f"{'' if r.unit_throughput is None else f'{r.unit_throughput:.3g} {r.unit}'} | {_target(r)} | {met} |"
        )
    checks = list(dict.fromkeys(f"- **{r.workload}**, {r.size:,} {r.size_unit}: {r.check}" for r in records if r.check))
    if checks:
        lines += ["", "Answer checks (every size ran them; each line covers the thread counts above):", "", *checks]
    return "\n".join(lines) + "\n"


def print_record(r: Record) -> None:
    base = f"   {r.baseline} {_seconds(r.baseline_s)} ({_number(r.baseline_peak_mb)} MB)" if r.baseline else ""
    ratio = f"   ratio {r.ratio:.3g}×" if r.ratio is not None else ""
    rate = f"   {r.unit_throughput:.3g} {r.unit}" if r.unit_throughput is not None else ""
    target = f"   target {_target(r)}: {'met' if r.met else 'not met'}" if r.met is not None else ""
    print(
        f"  {r.variant:<42} {r.size:>11,} {r.size_unit:<8} {r.threads}T  zhibiao {_seconds(r.zhibiao_s):>9} "
        f"({_number(r.zhibiao_peak_mb)} MB){base}{ratio}{rate}{target}",
        flush=True,
    )
