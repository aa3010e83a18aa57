"""The README's Python example runs as printed (from the repository root)."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_python_example_runs(capsys):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks, "README has no Python example"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        namespace: dict = {}
        for block in blocks:  # later examples continue the first
            exec(compile(block, "README.md", "exec"), namespace)
    finally:
        os.chdir(cwd)
    assert "rd_intensity" in capsys.readouterr().out
