#!/usr/bin/env python3
"""The reliability figures: runs every libFuzzer target for a while over its seed corpus and the
regression inputs, walks the bad-input corpus, reads the sanitizer run's log, and prints one
table. Exits non-zero on any crash, any sanitizer finding or any bad input without its
documented outcome.

    python tests/fuzz/report.py --quick                     # what `make test` runs
    python tests/fuzz/report.py --seconds 300 --keep-crashes  # `make fuzz`: new crashes become regressions
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FUZZ = ROOT / "tests" / "fuzz"
# `--quick` (what `make test` runs): a fixed seed and a fixed number of runs per target, so that
# CI is deterministic — it re-checks the corpus and regressions and explores a little, the same
# way every time. Open-ended exploration is `make fuzz`.
QUICK_RUNS = {
    "fuzz_csv": 20_000,
    "fuzz_number": 200_000,
    "fuzz_units_periods": 100_000,
    "fuzz_formula": 20_000,
    "fuzz_toml": 2_000,
    "fuzz_composite": 3_000,
    "fuzz_extract": 50_000,
    "fuzz_composite_methods": 20_000,
}
TARGETS = {
    # target: (seed directories, dictionary)
    "fuzz_csv": ([FUZZ / "corpus" / "csv", ROOT / "data" / "sample"], "csv.dict"),
    "fuzz_number": ([FUZZ / "corpus" / "number"], "number.dict"),
    "fuzz_units_periods": ([FUZZ / "corpus" / "units_periods"], "units_periods.dict"),
    "fuzz_formula": ([FUZZ / "corpus" / "formula"], "formula.dict"),
    "fuzz_toml": ([ROOT / "data", ROOT / "data" / "scorecards"], "toml.dict"),
    "fuzz_composite": ([FUZZ / "corpus" / "composite", ROOT / "data" / "composite"], "composite.dict"),
    "fuzz_extract": ([FUZZ / "corpus" / "report"], "report.dict"),
    "fuzz_composite_methods": ([FUZZ / "corpus" / "composite_methods"], None),
}


def run_target(binary: Path, name: str, seconds: int, keep_crashes: bool, quick: bool) -> tuple[int, int]:
    seeds, dictionary = TARGETS[name]
    regressions = FUZZ / "regressions" / name
    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work) / "corpus"
        corpus.mkdir()
        for seed_dir in seeds:  # only small text files: the fuzzer reads them as inputs
            for f in seed_dir.glob("*"):
                if f.is_file() and f.stat().st_size < 200_000:
                    shutil.copy(f, corpus / f.name)
        budget = [f"-runs={QUICK_RUNS[name]}", "-seed=1"] if quick else [f"-max_total_time={seconds}"]
        args = [
            str(binary),
            *budget,
            "-timeout=20",
            "-rss_limit_mb=2048",
            "-max_len=65536",
            f"-artifact_prefix={work}/",
            "-print_final_stats=1",
            str(corpus),
        ]
        if regressions.is_dir():
            args.append(str(regressions))
        if dictionary:
            args.insert(1, f"-dict={FUZZ / 'dict' / dictionary}")
        proc = subprocess.run(args, capture_output=True, text=True, errors="replace")
        runs = re.search(r"stat::number_of_executed_units:\s*(\d+)", proc.stderr)
        crashed = proc.returncode != 0
        if crashed:
            sys.stderr.write(proc.stderr[-4000:])
            if keep_crashes:
                regressions.mkdir(parents=True, exist_ok=True)
                for artifact in Path(work).glob("crash-*"):
                    shutil.copy(artifact, regressions / artifact.name)
                    print(f"  kept {artifact.name} in {regressions}")
        return (int(runs.group(1)) if runs else 0), int(crashed)


def sanitizer_findings(*logs: Path) -> int | None:
    """Findings in the sanitizer runs' logs (the C++ suite; the Python suite on an instrumented
    module); None when the C++ run is missing."""
    if not logs[0].exists():
        return None
    text = "".join(log.read_text(errors="replace") for log in logs if log.exists())
    return len(re.findall(r"ERROR: (Address|Leak)Sanitizer|runtime error:", text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=4, help="per fuzz target")
    parser.add_argument("--build", type=Path, default=ROOT / "build" / "fuzz" / "tests" / "fuzz")
    parser.add_argument(
        "--sanitizer-log", type=Path, default=ROOT / "build" / "asan" / "Testing" / "Temporary" / "LastTest.log"
    )
    parser.add_argument("--keep-crashes", action="store_true")
    parser.add_argument("--quick", action="store_true", help="fixed runs and seed per target (CI)")
    args = parser.parse_args()

    print(f"{'fuzz target':<22}{'executions':>12}{'crashes':>9}")
    total_runs = total_crashes = 0
    for name in TARGETS:
        binary = args.build / name
        if not binary.exists():
            print(f"{name:<22}{'not built':>12}")
            total_crashes += 1
            continue
        runs, crashes = run_target(binary, name, args.seconds, args.keep_crashes, args.quick)
        total_runs += runs
        total_crashes += crashes
        print(f"{name:<22}{runs:>12,}{crashes:>9}")

    sys.path.insert(0, str(ROOT / "tests" / "python"))
    from bad_inputs import run_all  # noqa: E402

    cases = run_all()
    documented = sum(1 for c in cases if c.ok)
    for c in cases:
        if not c.ok:
            print(f"  bad input {c.name}: expected {c.expected}, got {c.got}")
    python_log = ROOT / "build" / "asan-py" / "pytest.log"
    findings = sanitizer_findings(args.sanitizer_log, python_log)

    print()
    print(f"fuzz targets:            {len(TARGETS)}")
    budget = "fixed runs, seed 1" if args.quick else f"{args.seconds} s per target"
    print(f"executions:              {total_runs:,} ({budget})")
    print(f"crashes:                 {total_crashes}")
    runs = "C++ suite" + (" and Python suite" if python_log.exists() else "")
    print(f"sanitizer findings:      {'no sanitizer run found' if findings is None else findings} (ASan+UBSan: {runs})")
    print(f"bad-input cases:         {len(cases)}, with the documented outcome: {documented}")
    # The test command runs the sanitizer suites first, so there a missing log is a failure;
    # `make fuzz` runs the fuzz targets alone and reports the logs only when present.
    missing_log = findings is None and args.quick
    failed = total_crashes + (len(cases) - documented) + (findings or 0) + (1 if missing_log else 0)
    checks = len(TARGETS) + len(cases) + 1
    print(f"reliability: {checks - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
