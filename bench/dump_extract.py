"""Every field the extractor returns, for a before/after comparison of a change to it.

Runs `_core.extract` (with and without guess=) on the sample reports, every string literal of the
extraction tests (one by one and all joined by line breaks), damaged and re-encoded copies of the
benchmark text, and the benchmark text itself, and prints one SHA-256 per input over every
column and finding. Run it with main's build and a branch's build and compare the outputs:

    .venv/bin/python bench/dump_extract.py > after.txt
    /work/main/.venv/bin/python bench/dump_extract.py > before.txt   # the same script
    diff before.txt after.txt

`--megabytes N` sizes the benchmark text (8 by default); `--write DIR` also writes each dump."""

from __future__ import annotations

import argparse
import ast
import hashlib
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from workload_extract import report_text  # noqa: E402


def _rows(columns: dict) -> list[str]:
    lines = []
    for name in sorted(columns):
        column = columns[name]
        if isinstance(column, tuple):  # (codes, categories): the texts row by row
            codes, categories = column
            values = [categories[c] for c in codes]
        else:
            values = list(column)
        lines.append(f"{name}: {values!r}")
    return lines


def dump(text: str | bytes, guess: bool) -> str:
    from zhibiao import _core

    try:
        columns, info = _core.extract(text, None, guess=guess)
    except Exception as e:  # an input the extractor refuses: the error is the answer
        return f"{type(e).__name__}: {e}"
    lines = _rows(columns)
    lines += _rows(info["findings"])
    for key in ("invalid_bytes", "invalid_byte_offsets", "encoding", "text"):
        lines.append(f"{key}: {info.get(key)!r}")
    return "\n".join(lines)


def test_literals() -> list[str]:
    found = []
    for path in sorted((ROOT / "tests" / "python").glob("test_extract*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) >= 2:
                found.append(node.value)
    return found


def damaged(text: str, seed: int = 3) -> str:
    """Digits dropped after a point, runs zeroed, digits deleted, line breaks and 、 moved."""
    rng = random.Random(seed)
    out = []
    for c in text:
        r = rng.random()
        if c.isdigit() and r < 0.05:
            continue
        if c.isdigit() and r < 0.10:
            out.append("0")
            continue
        if c == "。" and r < 0.05:
            out.append("\n、")
            continue
        if c == "\n" and r < 0.1:
            out.append("\r\n")
            continue
        out.append(c)
    return "".join(out)


def inputs(megabytes: float) -> list[tuple[str, str | bytes]]:
    found: list[tuple[str, str | bytes]] = []
    for path in sorted((ROOT / "tests" / "data" / "reports").glob("*.txt")) + [
        ROOT / "data" / "sample" / "city_report_h1.txt"
    ]:
        raw = path.read_bytes()
        found += [(path.name, raw.decode("utf-8")), (path.name + " bytes", raw)]
        found.append((path.name + " gb18030", raw.decode("utf-8").encode("gb18030")))
        found.append((path.name + " utf-16", raw.decode("utf-8").encode("utf-16")))
        broken = bytearray(raw)
        for at in range(17, len(broken), 997):
            broken[at] = 0xFF
        found.append((path.name + " invalid bytes", bytes(broken)))
    literals = test_literals()
    found += [(f"literal {k}", s) for k, s in enumerate(literals)]
    found.append(("literals joined", "\n".join(literals)))
    found.append(("literals joined by 。", "。".join(literals)))
    one_mb = report_text(1)
    found.append(("bench 1 MB damaged", damaged(one_mb)))
    found.append(("bench 1 MB one line", one_mb.replace("\n", "")))
    found.append(("bench 1 MB CRLF", one_mb.replace("\n", "\r\n")))
    found.append(("bench 1 MB CR", one_mb.replace("\n", "\r")))
    found.append(("bench 1 MB no 。", one_mb.replace("。", "；")))
    found.append((f"bench {megabytes} MB", report_text(megabytes)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=float, default=8)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    for name, text in inputs(args.megabytes):
        for guess in (False, True):
            d = dump(text, guess)
            digest = hashlib.sha256(d.encode("utf-8", "surrogatepass")).hexdigest()[:16]
            print(f"{digest} {len(d):>11} guess={guess!s:5} {name}")
            if args.write:
                args.write.mkdir(parents=True, exist_ok=True)
                (args.write / f"{hashlib.md5(name.encode()).hexdigest()[:8]}-{guess}.txt").write_text(d)


if __name__ == "__main__":
    main()
