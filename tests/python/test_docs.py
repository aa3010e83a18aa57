"""Every example of the user guide runs as printed: the ```python blocks of each docs/*.md page in
order in one namespace, and the ```sh blocks with bash -e (the zhibiao command of this interpreter
first on the PATH), from the repository root. A page whose example fails fails here."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "docs").glob("*.md"))
BLOCK = re.compile(r"^```(python|sh)\n(.*?)^```", flags=re.S | re.M)


def test_the_guide_has_a_page_per_capability_and_the_readme_links_it():
    names = {p.stem for p in PAGES}
    assert {
        "loading",
        "indicators",
        "validation",
        "rollup",
        "composite",
        "scorecards",
        "reports",
        "cli",
        "cpp",
    } <= names
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/README.md" in readme
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    for page in names - {"README", "architecture"}:
        assert f"({page}.md)" in index, page


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_every_example_of_the_page_runs(page, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.chdir(ROOT)
    (ROOT / "out").mkdir(exist_ok=True)
    namespace: dict = {"__name__": f"docs.{page.stem}"}
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for language, code in BLOCK.findall(page.read_text(encoding="utf-8")):
        if language == "python":
            exec(compile(code, str(page), "exec"), namespace)
        else:
            result = subprocess.run(["bash", "-e", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
            assert result.returncode == 0, f"{page.name}:\n{code}\n{result.stderr}"
    import matplotlib.pyplot as plt

    plt.close("all")
