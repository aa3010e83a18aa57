# The two commands of the README, and a few for developers.
#   make demo   the catalogue on the bundled sample data (installs what it needs)
#   make test   the whole test suite: C++ (Boost.Test, CTest, installed consumer) and Python
#   make bench  benchmarks against pandas/numpy in the same run
PYTHON := .venv/bin/python
BUILD := build/test
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: demo test bench bootstrap test-cpp test-python clean

demo: bootstrap
	$(PYTHON) -m zhibiao demo --out out

test: bootstrap test-cpp test-python

bootstrap:
	@bash scripts/bootstrap.sh

test-cpp:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DZHIBIAO_WERROR=ON
	cmake --build $(BUILD) --parallel $(JOBS)
	cd $(BUILD) && ctest --output-on-failure --parallel $(JOBS)

test-python:
	$(PYTHON) -m pytest -q

bench: bootstrap
	$(PYTHON) bench/run.py

clean:
	rm -rf build out .venv python/zhibiao.egg-info
