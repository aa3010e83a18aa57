# The two commands of the README, and a few for developers.
#   make demo   the catalogue on the bundled sample data (installs what it needs)
#   make test   the whole test suite: C++ (Boost.Test, CTest, installed consumer) and Python
#   make bench  benchmarks against pandas/numpy in the same run (out/bench.json, out/bench.md)
#   make fuzz   the fuzz targets for longer; crashes become tests/fuzz/regressions
PYTHON := .venv/bin/python
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: demo test bench fuzz bootstrap notebook-kernel notebooks test-bench test-style test-types test-cpp test-sanitize test-python test-sanitize-python test-fuzz fuzz-build clean

demo: bootstrap
	$(PYTHON) -m zhibiao demo --out out

test: bootstrap test-style test-types test-cpp test-sanitize test-python test-sanitize-python test-fuzz test-bench

bootstrap:
	@bash scripts/bootstrap.sh

test-cpp:
	cmake --preset release
	cmake --build --preset release --parallel $(JOBS)
	ctest --preset release --parallel $(JOBS)

# The C++ suite again under AddressSanitizer and UndefinedBehaviorSanitizer (the consumer
# tests build against an installed, uninstrumented copy and are left out).
test-sanitize:
	cmake --preset asan
	cmake --build --preset asan --parallel $(JOBS)
	ctest --preset asan

# Layout (.clang-format, black, pyflakes) and no function over 100 lines (scripts/check_style.sh).
test-style: bootstrap
	bash scripts/check_style.sh

# The stubs of zhibiao._core match the bindings, and mypy accepts the package against them.
test-types: bootstrap
	$(PYTHON) scripts/write_stubs.py --check
	mypy --python-executable $(PYTHON)

test-python:
	$(PYTHON) -m pytest -q

# The kernel the notebooks of examples/notebooks ask for ("zhibiao"): this checkout's .venv.
notebook-kernel: bootstrap
	$(PYTHON) -m ipykernel install --user --name zhibiao --display-name "zhibiao (.venv)"

# Every notebook run top to bottom; their figures land in out/ (the same as in make test).
notebooks: bootstrap
	$(PYTHON) -m pytest -q tests/python/test_notebooks.py

# The Python suite again, against an instrumented zhibiao._core.
test-sanitize-python:
	bash scripts/sanitize_python.sh

# Assertions stay on (no NDEBUG): a failed assertion in a dependency is a finding too.
fuzz-build:
	cmake --preset fuzz
	cmake --build --preset fuzz --parallel $(JOBS)

# Each fuzz target briefly (fixed runs and seed: deterministic), the bad-input corpus and the
# sanitizer findings, in one report.
test-fuzz: fuzz-build
	$(PYTHON) tests/fuzz/report.py --quick

fuzz: bootstrap fuzz-build
	$(PYTHON) tests/fuzz/report.py --seconds $${FUZZ_SECONDS:-300} --keep-crashes

bench: bootstrap
	$(PYTHON) bench/run.py

# Every benchmark at 1/100 of its size with every answer check: a broken benchmark fails the tests
# (no timing is asserted).
test-bench: bootstrap
	$(PYTHON) bench/run.py --size small

clean:
	rm -rf build out .venv python/zhibiao.egg-info
