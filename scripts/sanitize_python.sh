#!/usr/bin/env bash
# The Python test suite against a zhibiao._core built with AddressSanitizer and
# UndefinedBehaviorSanitizer: the instrumented module goes into a throw-away copy of the package
# that PYTHONPATH puts first, and the sanitizer runtimes are preloaded into the interpreter.
# Leak checking is off (CPython itself keeps memory until exit). Log: build/asan-py/pytest.log.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/asan-py
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DZHIBIAO_SANITIZE=ON -DZHIBIAO_PYTHON=ON -DZHIBIAO_TESTS=OFF \
  -DZHIBIAO_INSTALL=OFF -DPython_EXECUTABLE=/usr/bin/python3 -DZHIBIAO_PYTHON_OUTPUT_DIR="$PWD/$build/module" > /dev/null
cmake --build "$build" --target _core --parallel "$(nproc)"
package="$build/package/zhibiao"
rm -rf "$build/package" && mkdir -p "$package/data"
cp python/zhibiao/*.py python/zhibiao/py.typed "$package/"
cp data/sample/* "$package/data/"
cp "$build"/module/_core*.so "$package/"
status=0
LD_PRELOAD="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)" \
  ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 PYTHONPATH="$PWD/$build/package" \
  .venv/bin/python -m pytest tests/python -q -p no:cacheprovider > "$build/pytest.log" 2>&1 || status=$?
tail -n 3 "$build/pytest.log"
if grep -qE "ERROR: AddressSanitizer|runtime error:" "$build/pytest.log"; then
  echo "sanitizer findings in the Python tests: see $build/pytest.log"
  exit 1
fi
exit "$status"
