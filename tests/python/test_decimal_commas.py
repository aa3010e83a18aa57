"""Decimal commas (round 12). Excel saves "CSV" separated by ';' where the comma is the decimal mark
(1,5 for 1.5). zhibiao read "1,500" there as 1500 — grouped thousands — and refused "1,5" as "not a
number" without saying why. In a ';' file a number with a comma is now refused as ambiguous until
the mark is given; ``decimal=","`` (``--decimal ,``) reads such files."""

import io
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

# GDP 1.234,5 亿元 and R&D 2.500,75 万元: R&D intensity = 2500.75 万元 / 1234.5 亿元 = 0.2026 % (hand check:
# 2500.75 / 12,345,000 = 2.0257e-4); population 90,1 万人.
SEMICOLON = (
    "region;year;gdp[亿元];rd_expenditure[万元];population[万人]\nA;2023;1.234,5;2.500,75;90,1\nB;2023;800;1.200;60,5\n"
)


def _cli(*args, stdin):
    return subprocess.run([sys.executable, "-m", "zhibiao", *args], input=stdin, capture_output=True, text=True)


def test_read_csv_reads_decimal_commas_when_told():
    panel = zb.read_csv(io.StringIO(SEMICOLON), sep=";", decimal=",")
    assert panel.values("gdp").tolist() == [1234.5, 800.0]
    assert panel.values("rd_expenditure").tolist() == [2500.75, 1200.0]
    assert panel.values("population").tolist() == [90.1, 60.5]
    rd = panel.compute(["rd_intensity"])["rd_intensity"]
    assert rd.iloc[0] == pytest.approx(2500.75 / 12_345_000 * 100)


@pytest.mark.parametrize("cell", ["1,500", "1,5", "1.234,5", "12,5%", "1.500", "12.345.678"])
def test_a_comma_in_a_number_of_a_semicolon_file_is_refused_until_the_mark_is_given(cell):
    text = f"region;year;x\nA;2023;{cell}\n"
    with pytest.raises(zb.ParseError, match="decimal=','") as info:
        zb.read_csv(io.StringIO(text), sep=";")
    assert (info.value.line, info.value.column) == (2, 3)
    lenient = zb.read_csv(io.StringIO(text), sep=";", lenient=True)
    assert np.isnan(lenient.values("x")[0]) and lenient.report["cells_unparseable"] == 1


def test_points_no_grouping_reads_are_plain_decimals_in_a_semicolon_file():
    # "1.5" and "0.125" cannot be points grouping thousands: read as before, without decimal=.
    panel = zb.read_csv(io.StringIO("region;year;x;y\nA;2023;1.5;0.125\n"), sep=";")
    assert panel.values("x")[0] == 1.5 and panel.values("y")[0] == 0.125


def test_the_mark_given_decides():
    text = "region;year;x\nA;2023;1,500\n"
    assert zb.read_csv(io.StringIO(text), sep=";", decimal=".").values("x")[0] == 1500.0
    assert zb.read_csv(io.StringIO(text), sep=";", decimal=",").values("x")[0] == 1.5
    # With decimal commas a point groups thousands: "1.5" is no number.
    with pytest.raises(zb.ParseError, match="not a number: '1.5'"):
        zb.read_csv(io.StringIO("region;year;x\nA;2023;1.5\n"), sep=";", decimal=",")
    # A ',' file is as before: a quoted "1,500" is 1500.
    assert zb.read_csv(io.StringIO('region,year,x\nA,2023,"1,500"\n')).values("x")[0] == 1500.0


@pytest.mark.parametrize(("options", "message"), [({"decimal": ","}, "another separator"), ({"decimal": "x"}, "'x'")])
def test_impossible_marks_are_argument_errors(options, message):
    with pytest.raises(zb.ArgumentError, match=message):
        zb.read_csv(io.StringIO(SEMICOLON), **options)


def test_the_cli_compute_says_give_decimal_and_reads_with_it():
    refused = _cli("compute", "-", "--sep", ";", "--ids", "rd_intensity", stdin=SEMICOLON)
    assert refused.returncode != 0
    assert "--decimal ','" in refused.stderr and "'1.234,5'" in refused.stderr
    read = _cli(
        "compute", "-", "--sep", ";", "--decimal", ",", "--ids", "rd_intensity", "--full-precision", stdin=SEMICOLON
    )
    assert read.returncode == 0, read.stderr
    out = pd.read_csv(io.StringIO(read.stdout))
    assert out["rd_intensity"].iloc[0] == pytest.approx(2500.75 / 12_345_000 * 100)


def test_the_cli_composite_table_reads_decimal_commas():
    table = "unit;a;b\nX;1,5;2\nY;2,5;3\nZ;3,5;1\n"
    refused = _cli("composite", "-", "--sep", ";", stdin=table)
    assert refused.returncode != 0 and "--decimal ','" in refused.stderr
    read = _cli("composite", "-", "--sep", ";", "--decimal", ",", stdin=table)
    assert read.returncode == 0, read.stderr
    out = pd.read_csv(io.StringIO(read.stdout), index_col="unit")
    # min-max of a = (1.5, 2.5, 3.5) → 0, 0.5, 1: the commas read as decimal marks, not as labels
    assert out.loc[["X", "Y", "Z"], "a"].tolist() == [0.0, 0.5, 1.0]


def test_the_cli_scorecard_reads_decimal_commas(sample_dir):
    firms = pd.read_csv(sample_dir / "firms_synthetic.csv", dtype=str).head(3)
    points = firms.to_csv(sep=";", index=False)
    commas = points.replace(".", ",")
    expected = _cli("scorecard", "-", "--sep", ";", "--pack", "tech-sme-2017", stdin=points)
    read = _cli("scorecard", "-", "--sep", ";", "--decimal", ",", "--pack", "tech-sme-2017", stdin=commas)
    assert expected.returncode == 0 and read.returncode == 0, read.stderr
    assert read.stdout == expected.stdout
    refused = _cli("scorecard", "-", "--sep", ";", "--pack", "tech-sme-2017", stdin=commas)
    assert "invalid input" in refused.stdout and "--decimal ','" in refused.stderr
