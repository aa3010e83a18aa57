#!/usr/bin/env bash
# Makes this checkout ready to build, test and run zhibiao on Debian 12:
#  1. installs the Debian packages it needs (through sudo when not root), skipping those present;
#  2. makes the virtual environment .venv from /usr/bin/python3 with the system site packages
#     (numpy, pandas, pytest come from Debian: PyPI need not be reachable);
#  3. builds and installs zhibiao into it (pip --no-build-isolation; the CMake build is kept in
#     build/python, so a second run recompiles only what changed).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ make pkg-config clang libclang-rt-14-dev
  libeigen3-dev libfast-float-dev libtomlplusplus-dev libboost-test-dev pybind11-dev
  python3 python3-dev python3-venv python3-pip python3-setuptools python3-wheel python3-pybind11
  python3-numpy python3-pandas python3-pytest python3-hypothesis python3-dask python3-distributed
  clang-format black python3-pyflakes mypy
  python3-matplotlib fonts-noto-cjk python3-nbclient python3-nbformat python3-ipykernel python3-openpyxl python3-tqdm
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import numpy, pandas" 2>/dev/null; then
  rm -rf .venv
  /usr/bin/python3 -m venv --system-site-packages .venv
fi

ZHIBIAO_BUILD_DIR="$PWD/build/python" .venv/bin/python -m pip install --no-build-isolation --no-deps --no-index \
  --disable-pip-version-check -q .
.venv/bin/python -c "import zhibiao; print('bootstrap: zhibiao', zhibiao.__version__, 'ready in .venv')"
