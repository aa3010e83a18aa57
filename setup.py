"""The setuptools → CMake bridge: all build logic lives in CMakeLists.txt.

It configures the project with ZHIBIAO_PYTHON=ON for this interpreter, builds the _core
target and copies the module where setuptools expects it. ZHIBIAO_BUILD_DIR keeps the CMake
build between installs (the Makefile sets it), so a reinstall recompiles only what changed.
The sample data in data/sample travel with the package for `zhibiao demo`.
"""

import glob
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def project_version() -> str:
    """The version written once, in CMakeLists.txt's project() (C++ and Python report the same)."""
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(zhibiao\s+VERSION\s+([0-9]+\.[0-9]+\.[0-9]+)", text)
    if match is None:
        raise RuntimeError("CMakeLists.txt: project(zhibiao VERSION x.y.z) not found")
    return match.group(1)


class CMakeExtension(Extension):
    def __init__(self, name: str) -> None:
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        build_dir = Path(os.environ.get("ZHIBIAO_BUILD_DIR") or Path(self.build_temp) / "cmake").resolve()
        output_dir = build_dir / "module"
        try:
            import pybind11

            pybind11_dir = ["-Dpybind11_DIR=" + pybind11.get_cmake_dir()]
        except ImportError:
            pybind11_dir = []
        generator = ["-G", "Ninja"] if shutil.which("ninja") and not (build_dir / "CMakeCache.txt").exists() else []
        subprocess.check_call(
            [
                "cmake",
                "-S",
                str(ROOT),
                "-B",
                str(build_dir),
                *generator,
                "-DCMAKE_BUILD_TYPE=Release",
                "-DZHIBIAO_PYTHON=ON",
                "-DZHIBIAO_TESTS=OFF",
                "-DZHIBIAO_INSTALL=OFF",
                "-DPython_EXECUTABLE=" + sys.executable,
                "-DZHIBIAO_PYTHON_OUTPUT_DIR=" + str(output_dir),
                *pybind11_dir,
            ]
        )
        subprocess.check_call(
            ["cmake", "--build", str(build_dir), "--target", "_core", "--parallel", str(os.cpu_count() or 2)]
        )
        built = glob.glob(str(output_dir / "_core*"))
        if len(built) != 1:
            raise RuntimeError(f"expected one built module in {output_dir}, found {built}")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], target)


class BuildPyWithSample(build_py):
    def run(self) -> None:
        super().run()
        destination = Path(self.build_lib) / "zhibiao" / "data"
        destination.mkdir(parents=True, exist_ok=True)
        for source in (ROOT / "data" / "sample").glob("*"):
            if source.suffix in (".csv", ".md", ".toml", ".txt"):
                shutil.copyfile(source, destination / source.name)


setup(
    version=project_version(),
    ext_modules=[CMakeExtension("zhibiao._core")],
    cmdclass={"build_ext": CMakeBuild, "build_py": BuildPyWithSample},
)
