"""Key columns on the command line (round 12). A file whose entity or period heading read_csv does
not know stopped with "name it with entity=...", a Python keyword the shell user cannot give; the
commands that read a panel now take --entity and --period-column, and yearbook headings (区县,
县（市、区）, 年度) are known."""

import io
import subprocess
import sys

import pandas as pd


def _cli(*args, stdin):
    return subprocess.run([sys.executable, "-m", "zhibiao", *args], input=stdin, capture_output=True, text=True)


# R&D 2,500 万元 over GDP 100 亿元: 100 亿元 = 1,000,000 万元, so 2500 / 1,000,000 = 0.25 %.
ODD = "区县编码,期,gdp[亿元],rd_expenditure[万元]\nA01,2023,100,2500\n"


def test_unknown_key_headings_are_named_with_flags():
    refused = _cli("compute", "-", "--ids", "rd_intensity", stdin=ODD)
    assert refused.returncode != 0 and "--entity COLUMN" in refused.stderr and "entity=" not in refused.stderr
    no_period = _cli("compute", "-", "--entity", "区县编码", "--ids", "rd_intensity", stdin=ODD)
    assert "--period-column COLUMN" in no_period.stderr and "period_value" not in no_period.stderr
    read = _cli("compute", "-", "--entity", "区县编码", "--period-column", "期", "--ids", "rd_intensity", stdin=ODD)
    assert read.returncode == 0, read.stderr
    out = pd.read_csv(io.StringIO(read.stdout), dtype={"entity": str})
    assert out.loc[0, "entity"] == "A01" and out.loc[0, "rd_intensity"] == 0.25


def test_a_misspelt_key_column_gets_did_you_mean():
    result = _cli("validate", "-", "--entity", "区县编", "--period-column", "期", stdin=ODD)
    assert result.returncode == 2 and "did you mean '区县编码'?" in result.stderr


def test_yearbook_headings_are_known():
    text = "县（市、区）,年度,gdp[亿元],rd_expenditure[万元]\n崇川区,2023,100,2500\n"
    result = _cli("compute", "-", "--ids", "rd_intensity", stdin=text)
    assert result.returncode == 0, result.stderr
    assert "崇川区,2023,0.25" in result.stdout


def test_a_second_names_column_is_named_with_what_a_shell_user_can_do():
    text = "区划代码,城市,区县,年份,地区生产总值\n430102,长沙市,芙蓉区,2024,100\n"
    result = _cli("validate", "-", stdin=text)
    # round 29: the command line has --ignore and --name, as read_csv has ignore= and name=
    said = "leave it out with --ignore 城市, or read it as the names with --name 城市"
    assert result.returncode == 2 and said in result.stderr
    assert "ignore=" not in result.stderr
    taken = _cli("validate", "-", "--ignore", "城市", stdin=text)  # 1: a finding (地区生产总值 has no unit)
    assert taken.returncode == 1 and "rules applied" in taken.stderr, taken.stderr
