#!/usr/bin/env bash
# The tree's layout and size rules, as `make test` checks them:
#  - C++ laid out by .clang-format (clang-format 14 from Debian);
#  - Python laid out by black (line length 120, [tool.black] in pyproject.toml) and free of
#    pyflakes findings; ruff users get the same settings from [tool.ruff];
#  - no function over 100 lines in src/, python/ (bindings and package), include/ (scripts/check_function_length.py).
# `scripts/check_style.sh --fix` rewrites the files instead of checking them.
set -euo pipefail
cd "$(dirname "$0")/.."
python=/usr/bin/python3
cpp_files=$(git ls-files '*.cpp' '*.hpp' '*.inc' | grep -v '^tests/data/')
py_files=$(git ls-files '*.py' | grep -v '^tests/data/')
status=0
if [ "${1:-}" = "--fix" ]; then
  clang-format -i $cpp_files
  $python -m black -q $py_files
  exit 0
fi
clang-format --dry-run --Werror $cpp_files || { echo "style: C++ not laid out by .clang-format (scripts/check_style.sh --fix)"; status=1; }
$python -m black -q --check $py_files || { echo "style: Python not laid out by black (scripts/check_style.sh --fix)"; status=1; }
$python -m pyflakes $py_files || status=1
$python scripts/check_function_length.py --max 100 src python include || status=1
exit $status
