"""A two-row header (a row naming groups of columns, Excel's merged cells, above the column
names; trial19 F10) is said to be one, with the line to delete, in both languages of the CLI."""

import io
import subprocess
import sys

import pytest

import zhibiao as zb

LINES = ["基本情况,,,科技投入,", "地区代码,年份,地区生产总值[亿元],R&D经费支出[万元],年末常住人口[万人]", "320601,2023,100,3000,50"]
TWO_ROW_HEADER = "\n".join(LINES) + "\n"


def test_a_two_row_header_is_said_to_be_one():
    with pytest.raises(zb.ParseError, match="line 2 looks like the header.*delete line 1"):
        zb.read_csv(io.BytesIO(TWO_ROW_HEADER.encode()))
    for lang in ("en", "zh"):
        command = [sys.executable, "-m", "zhibiao", "compute", "-", "--lang", lang]
        result = subprocess.run(command, capture_output=True, text=True, input=TWO_ROW_HEADER)
        assert result.returncode == 2
        assert "line 2 looks like the header" in result.stderr and "delete line 1" in result.stderr, result.stderr
