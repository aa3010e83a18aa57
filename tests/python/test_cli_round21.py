"""Round 21: the command line's aligned tables measure cells as a terminal shows them (trial 20b
F14), and scorecard --cost speaks the language of the help (trial 20a F11)."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest

import zhibiao as zb
from zhibiao import cli


def _run(*args, env=None, stdin=None):
    import os

    environ = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "ZHIBIAO_LANG")}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "zhibiao", *args], capture_output=True, text=True, env=environ, input=stdin, timeout=300
    )


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _from_column(line: str, column: int) -> str | None:
    """What ``line`` shows from terminal column ``column`` on; None when a wide character or the
    line's end straddles it."""
    used = 0
    for k, c in enumerate(line):
        if used == column:
            return line[k:]
        if used > column:
            return None
        used += _columns(c)
    return "" if used == column else None


# ---- F14: --table pads by display width and cuts what is too wide -----------------------------------

REPORT = (
    "2025年，全县R&D经费投入５．６８亿元，同比增长１２．４％；研发投入强度1.86%，比上年提高０．０９个百分点。"
    "全年专利授权量123456789012345678901234567890件。评价入库科技型中小企业213家。\n"
)


def test_extract_table_columns_start_where_the_header_says():
    out = _run("extract", "-", "--table", "-q", stdin=REPORT)
    assert out.returncode == 0, out.stderr
    header, *rows = out.stdout.splitlines()
    facts = zb.extract(REPORT)
    assert len(rows) == len(facts)
    for name, column in [("unit", "unit"), ("period", "period"), ("text", "text")]:
        start = header.index(name)  # the header is ASCII: its index is its terminal column
        for line, cell in zip(rows, facts[column]):
            shown = _from_column(line, start)
            assert shown is not None and _columns(line[: len(line) - len(shown)]) == start, (name, line)
            assert line[: len(line) - len(shown)].endswith("  ")  # two blanks before every column
            fitted = str(cell).replace("\n", "⏎")
            assert shown.startswith(fitted) or (
                shown.split("  ")[0].endswith("…") and fitted.startswith(shown.split("  ")[0][:-1])
            )


def test_a_cell_wider_than_its_column_is_cut_not_run_into_the_next():
    out = _run("extract", "-", "--table", "-q", stdin=REPORT)
    header = out.stdout.splitlines()[0]
    long_row = next(line for line in out.stdout.splitlines() if "12345678901234567" in line)
    text_start, flags_start = header.index("text"), header.index("flags")
    text_cell = _from_column(long_row, text_start)
    assert text_cell is not None
    shown = long_row[len(long_row) - len(text_cell) :]
    cut = shown[: shown.index("…") + 1]
    assert _columns(cut) <= flags_start - text_start - 2  # within its column, two blanks before flags
    assert _from_column(long_row, flags_start) is not None


def test_aligned_measures_wide_and_full_width_characters():
    rows = [["甲乙丙", "１２．５％", "x"], ["a", "12.5%", "y"], ["很长很长很长很长很长很长的一格", "1", "z"]]
    table = cli._aligned(["name", "value", "last"], rows, most=[10, None, None], right=[1])
    lines = table.splitlines()
    starts = [_columns(lines[0][: lines[0].index("last")])]
    for line in lines[1:]:
        last = line.rstrip()[-1]
        starts.append(_columns(line[: line.rindex(last)]))
    assert len(set(starts)) == 1, table  # the last column starts at one terminal column on every line
    assert "很长很长…" in lines[3] and _columns(lines[3].split("  ")[0]) <= 10
    assert _from_column(lines[1], starts[0] - 2 - _columns("１２．５％")).startswith("１２．５％")  # right-aligned


def test_catalogue_list_aligns_chinese_names():
    out = _run("catalogue", "--lang", "zh")
    assert out.returncode == 0, out.stderr
    header, *rows = out.stdout.splitlines()
    start = header.index("unit")
    units = list(zb.catalogue()["unit"])
    assert len(rows) == len(units)
    for line, unit in zip(rows, units):
        shown = _from_column(line, start)
        assert shown is not None and shown.startswith(unit), line


# ---- trial 20a F11: scorecard --cost in the language of the help ------------------------------------

FIRMS = "firm,employees,st_staff,sales,assets,rd_expense,total_cost,ip_class1,ip_class2\nA,40,3,500,500,10,200,0,1\n"


@pytest.mark.parametrize(
    "args, english, chinese",
    [
        (["--gap", "--cost", "st_staff=abc"], "is not INPUT=WANYUAN", "不是 输入=万元 的形式"),
        (["--cost", "st_staff=3"], "--cost prices the gap: give it with --gap", "请与 --gap 一起使用"),
        (["--gap", "--cost", "st_staf=3"], "no controllable input of tech-sme-2017", "不是 tech-sme-2017 的可调整输入"),
    ],
)
def test_scorecard_cost_messages_follow_the_language(tmp_path, args, english, chinese):
    firms = tmp_path / "firms.csv"
    firms.write_text(FIRMS, encoding="utf-8")
    said_en = _run("scorecard", str(firms), *args)
    said_zh = _run("scorecard", str(firms), *args, env={"LANG": "zh_CN.UTF-8"})
    assert said_en.returncode == said_zh.returncode == 2
    assert english in said_en.stderr
    assert chinese in said_zh.stderr and english not in said_zh.stderr
