"""Scorecard fixes of round 11, a city S&T bureau's batch (/work/shared/spec/indicators.md §6a):
a firm listed twice with different figures, a percentage in an amount column of a CSV."""

import io
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from test_scorecard_years_and_inputs import hnte


def test_a_firm_listed_twice_with_different_figures_is_refused_naming_the_rows():
    # Two sheets pasted together, firm "a" in both, its latest R&D revised 225 → 200. It scored
    # both rows: "a" passed once and was ineligible once (R&D ratio (150+180+200)/(3000+3600+4500)
    # = 530/11100 = 4.77% < 5%, 第十一条 5), and summary() counted 3 firms, one of them twice.
    firms = pd.concat([hnte(a={}, b={}), hnte(a=dict(rd_y3=200.0))])
    for run in (zb.scorecards.evaluate, zb.scorecards.gap):
        with pytest.raises(
            zb.DuplicateRowError, match=r"firm 'a' is listed twice .* rows 0 and 2 .* rd_y3 \(225.0 and 200.0\)"
        ):
            run(firms, "hnte-2016")
    # blank in both rows is the same figure, not a difference; identical copies are scored row by row
    same = pd.concat([hnte(a=dict(standards_bonus=np.nan))] * 2)
    assert zb.scorecards.evaluate(same, "hnte-2016")["status"].tolist() == ["passed"] * 2


def _cli(*args, stdin):
    return subprocess.run([sys.executable, "-m", "zhibiao", *args], input=stdin, capture_output=True, text=True)


def _hnte_csv(**cells):
    """One HNTE firm per keyword, a CSV of the passing firm of test_scorecard_years_and_inputs
    with the given cells (texts) replaced."""
    base = hnte(x={}).drop(columns="rd_staff")
    header = "firm," + ",".join(base.columns)
    lines = [header]
    for firm, changes in cells.items():
        row = {c: repr(float(v)) if pd.notna(v) else "" for c, v in base.iloc[0].items()}
        row.update(changes)
        lines.append(firm + "," + ",".join(row[c] for c in base.columns))
    return "\n".join(lines) + "\n"


def test_the_cli_refuses_a_percentage_in_an_amount_column_whose_header_has_no_unit(tmp_path):
    # "60%" typed in 高新技术产品收入 (an amount in 万元; the share is what it should make) by
    # every firm of the file: read as 0.6 万元, share 0.6/4500 = 0.013% < 60% (第十一条 6), each
    # firm "ineligible" for a cell the DataFrame path refuses as text (a column mixing "60%" and
    # plain numbers was refused already). Now each such cell is unreadable: the firm invalid
    # input, the cell named on stderr.
    text = _hnte_csv(a={"hitech_income": "60%"}, b={"hitech_income": "75%"})
    result = _cli("scorecard", "-", "--pack", "hnte-2016", "--gap", stdin=text)
    assert result.returncode == 0, result.stderr
    out = pd.read_csv(io.StringIO(result.stdout), index_col="firm")
    assert out["status"].tolist() == ["invalid input", "invalid input"]
    assert "'60%'" in result.stderr and "'75%'" in result.stderr and "hitech_income" in result.stderr
    # the full-width ％ of a GB18030 file (as Excel saves it in a Chinese locale), read from a path
    wide = tmp_path / "wide.csv"
    wide.write_bytes(_hnte_csv(a={"hitech_income": "60％"}).encode("gb18030"))
    result = _cli("scorecard", str(wide), "--pack", "hnte-2016", stdin="")
    assert result.returncode == 0, result.stderr
    assert pd.read_csv(io.StringIO(result.stdout), index_col="firm").loc["a", "status"] == "invalid input"
    assert "60％" in result.stderr
    # a file with a percentage elsewhere (a firm's name) and amounts in the column: read as before,
    # "3,000" of 5000 = 60% exactly passes (不低于60%)
    text = _hnte_csv(b={"hitech_income": '"3,000"', "total_income": "5000"}).replace("firm,", "firm,name,")
    text = text.replace("\nb,", "\nb,百分百科技（100%）,")
    result = _cli("scorecard", "-", "--pack", "hnte-2016", stdin=text)
    assert result.returncode == 0, result.stderr
    assert pd.read_csv(io.StringIO(result.stdout), index_col="firm").loc["b", "status"] == "passed"
    # a unit in the header is the file's word: hitech_income[%] cannot be 万元 (an error, as before)
    stated = _cli("scorecard", "-", "--pack", "hnte-2016", stdin=text.replace("hitech_income", "hitech_income[%]"))
    assert stated.returncode != 0 and "hitech_income" in stated.stderr


def test_a_panel_of_two_years_scores_each_firm_once_a_year_and_says_which_year(tmp_path):
    # A panel with the firms of 2023 and 2024: each firm scored once a year. The rows were
    # indexed by firm alone — "a" twice, "a passed" and "a ineligible" with no year to tell them
    # apart, on the command line too (no year column written). 2023: R&D ratio (150+180+200)/
    # (3000+3600+4500) = 530/11100 = 4.77% < 5% (第十一条 5) → ineligible; 2024: 555/11100 = 5% → passed.
    text = _hnte_csv(a={}, b={}).splitlines()
    header = text[0].replace("firm,", "firm,year,")
    rows = [line.replace("a,", "a,2024,", 1).replace("b,", "b,2024,", 1) for line in text[1:]]
    rd = list(hnte(x={}).drop(columns="rd_staff").columns).index("rd_y3") + 2  # after firm, year
    y2023 = []
    for line in rows:
        cells = line.split(",")
        cells[1], cells[rd] = "2023", "200.0"
        y2023.append(",".join(cells))
    path = tmp_path / "two_years.csv"
    path.write_text("\n".join([header, *y2023, *rows]) + "\n", encoding="utf-8")
    result = zb.scorecards.evaluate(zb.read_csv(path), "hnte-2016")
    assert list(result.index.names) == ["firm", "period"]
    assert result.loc[("a", "2023"), "status"] == "ineligible"
    assert result.loc[("a", "2024"), "status"] == "passed"
    assert zb.scorecards.gap(zb.read_csv(path), "hnte-2016").index.equals(result.index)
    cli = _cli("scorecard", str(path), "--pack", "hnte-2016", "--gap", stdin="")
    assert cli.returncode == 0, cli.stderr
    out = pd.read_csv(io.StringIO(cli.stdout), dtype={"period": str}).set_index(["firm", "period"])
    assert out.loc[("a", "2023"), "status"] == "ineligible" and out.loc[("a", "2024"), "status"] == "passed"


def test_a_column_headed_with_an_inputs_chinese_name_is_not_left_blank():
    # 第八条: a firm holding a valid HNTE certificate is confirmed directly. The certificate column
    # headed 有效期内高新技术企业资格 (the pack's Chinese name of hnte_certified) was ignored: the
    # firm scored, "failed" with 0 points. Round 11 refused it; since round 13 it is read as the
    # input (test_scorecard_round13.py), on a DataFrame and on the command line alike.
    header = "firm,employees,st_staff,sales,assets,rd_expense,ip_class1,ip_class2,有效期内高新技术企业资格\n"
    text = header + "A,10,0,1000,100,0,0,0,1\n"
    cli = _cli("scorecard", "-", stdin=text)
    assert cli.returncode == 0, cli.stderr
    assert pd.read_csv(io.StringIO(cli.stdout))["status"].tolist() == ["direct"]
    firms = pd.read_csv(io.StringIO(text), index_col="firm")
    assert zb.scorecards.evaluate(firms, "tech-sme-2017")["status"].tolist() == ["direct"]
