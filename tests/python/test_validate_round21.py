"""Round 21 (trial 21a): loading and validation say exactly what is wrong (F10, F13, F21)."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

import zhibiao as zb

HEADER = "region,period,gdp[亿元],rd_expenditure[万元],rd_intensity{ri},population[万人],valid_invention_patents,invention_patents_per_10k{pp}\n"
ROWS = "A,2023,100,12500,1.25,50,45,0.90\nB,2023,100,12449,1.25,50,47,0.95\n"


def _panel(ri: str = "", pp: str = "") -> zb.Panel:
    return zb.read_csv(io.StringIO(HEADER.format(ri=ri, pp=pp) + ROWS))


# ---------------------------------------------------------------- F21: published ratios without a unit
def test_published_ratios_without_unit_are_read_in_the_catalogues_unit() -> None:
    # Before: IncompatibleUnitsError from inside published_patents_per_10k_matches (件/万人 vs 1),
    # and every row flagged "published 1.25 1, recomputed 1.25 %".
    unitless = _panel().validate()
    stated = _panel("[%]", "[件/万人]").validate()
    keep = ["entity", "rule"]
    assert unitless[keep].values.tolist() == stated[keep].values.tolist()
    ratio_rules = {"published_rd_intensity_matches", "published_patents_per_10k_matches"}
    # B: 1.2449 is not 1.25, 0.94 is not 0.95; A is right in both
    flagged = unitless[unitless.rule.isin(ratio_rules)]
    assert sorted(flagged.entity) == ["B", "B"]
    assert not unitless.message.str.contains("published 1.25 1,").any()


def test_a_rule_that_cannot_run_on_a_unitless_column_is_one_finding_and_the_others_run() -> None:
    text = "region,period,gdp,rd_expenditure[万元],population[万人],valid_invention_patents\nA,2023,100,125,0,4.5\n"
    f = zb.read_csv(io.StringIO(text)).validate()  # before: IncompatibleUnitsError, no findings at all
    missing = f[f.rule == "unit_missing"]
    assert missing.variable.tolist() == ["gdp"]
    message = missing.message.iloc[0]
    assert "gdp[万元]" in message and "rd_not_above_gdp" in message
    # the rules that do not read gdp still ran
    assert {"population_positive", "patents_whole_and_non_negative"} <= set(f.rule)
    assert any("no unit" in s for s in f.attrs["skipped"])


def test_a_rules_own_unit_mistake_is_still_an_error() -> None:
    rule = zb.load_rules  # rules from TOML: a rule comparing 亿元 with 万人 is the rule's bug
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "r.toml")
        with open(path, "w", encoding="utf-8") as out:
            out.write('[[rule]]\nid = "bad"\ncheck = "gdp > population"\n')
        with pytest.raises(zb.IncompatibleUnitsError, match="rule 'bad'"):
            _panel("[%]", "[件/万人]").validate(rule(path))


# ---------------------------------------------------------------- F10: argument types
@pytest.fixture(scope="module")
def panel() -> zb.Panel:
    return zb.read_csv(
        io.StringIO("region,period,projects_applied,projects_approved\n360102,2024,10,4\n360103,2024,8,3\n")
    )


@pytest.mark.parametrize(
    "call, parameter",
    [
        (lambda p: p.rollup(5), "parents"),
        (lambda p: p.validate(5), "rules"),
        (lambda p: zb.read_csv(123), "path"),
        (lambda p: p.compute(42), "ids"),
        (lambda p: p.compute("project_approval_rate", strict="no"), "strict"),
        (lambda p: p.rollup(also_sum=5), "also_sum"),
    ],
)
def test_wrong_argument_types_are_argument_type_errors_naming_the_parameter(panel, call, parameter) -> None:
    with pytest.raises(zb.ArgumentTypeError, match=parameter):
        call(panel)


def test_also_sum_takes_one_name_as_one_name() -> None:
    text = "region,period,projects_applied,projects_approved,extra[件]\n360102,2024,10,4,1\n360103,2024,8,3,2\n"
    p = zb.read_csv(io.StringIO(text))
    assert p.rollup(also_sum="extra").to_pandas().loc[("360100", "2024"), "extra"] == 3


def test_plot_period_takes_a_year_as_int(panel) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    values = panel.compute("project_approval_rate")
    ax = zb.plot.by_region(values, "project_approval_rate", period=2024)
    assert "2024" in ax.get_title()
    with pytest.raises(zb.ArgumentTypeError, match="period"):
        zb.plot.by_region(values, "project_approval_rate", period=2024.0)


# ---------------------------------------------------------------- F13: CLI --parents admn
@pytest.mark.parametrize("lang, said", [("C.UTF-8", "did you mean 'admin'"), ("zh_CN.UTF-8", "admin")])
def test_cli_parents_misspelt_admin_says_did_you_mean(tmp_path, lang, said) -> None:
    data = tmp_path / "d.csv"
    data.write_text("region,period,gdp[亿元]\n360102,2024,1\n", encoding="utf-8")
    import os

    env = dict(os.environ, LANG=lang, LC_ALL=lang)
    run = subprocess.run(
        [sys.executable, "-m", "zhibiao", "rollup", str(data), "--parents", "admn"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode != 0
    assert said in run.stderr and "No such file" not in run.stderr


# ---------------------------------------------------------------- F14: an unreadable cell's finding
def test_unparseable_finding_names_the_cells_text_line_and_column(tmp_path) -> None:
    path = tmp_path / "county.csv"
    path.write_text(
        "region,period,gdp[亿元],valid_invention_patents\n360102,2023,100,45\n360103,2024年,90,约30\n", encoding="utf-8"
    )
    f = zb.read_csv(path, lenient=True).validate()
    row = f[f.rule == "unparseable"]
    assert row[["entity", "period", "variable"]].values.tolist() == [["360103", "2024", "valid_invention_patents"]]
    message = row.message.iloc[0]
    assert "line 3, column 4" in message and "'约30'" in message and "county.csv" in message


def test_unparseable_finding_in_a_long_file() -> None:
    text = "region,period,variable,value\nA,2023,gdp[亿元],100\nA,2024,gdp[亿元],1.2.3\n"
    f = zb.read_csv(io.StringIO(text), lenient=True).validate()
    message = f[f.rule == "unparseable"].message.iloc[0]
    assert "line 3, column 4" in message and "'1.2.3'" in message


# ---------------------------------------------------------------- F23: a row of units, a footnote
@pytest.mark.parametrize("lenient", [False, True])
@pytest.mark.parametrize("key", ["", "单位"])
def test_a_row_of_units_under_the_header_is_named(key, lenient) -> None:
    text = f"地区代码,年份,地区生产总值,R&D经费内部支出\n{key},,亿元,万元\n360102,2024,100,3000\n"
    with pytest.raises(zb.ParseError) as caught:
        zb.read_csv(io.StringIO(text), lenient=lenient)
    message = str(caught.value)
    assert "line 2 looks like a row of units (亿元, 万元)" in message
    assert "地区生产总值[亿元]" in message and "units={" in message


def test_a_data_row_with_words_is_not_a_units_row() -> None:
    text = "region,period,gdp[亿元]\n,2024,n/a\n"
    with pytest.raises(zb.ParseError, match="empty entity code") as caught:
        zb.read_csv(io.StringIO(text))
    assert "units" not in str(caught.value)


def test_a_footnote_row_is_named_as_one() -> None:
    body = "region,period,gdp[亿元],population[万人]\n360102,2024,100,50\n"
    for note in ("注：2024年上半年数据为快报数。,,,\n", "注：2024年上半年数据为快报数。\n"):
        with pytest.raises(zb.ParseError, match="line 3 is a footnote"):
            zb.read_csv(io.StringIO(body + note))
    p = zb.read_csv(io.StringIO(body + "资料来源：统计局\n"), lenient=True)
    assert len(p) == 1 and "footnote" in p.report["issues"][0]["problem"]


# ---------------------------------------------------------------- F25: codes in scientific notation
@pytest.mark.parametrize("column", ["region", "parent"])
def test_a_code_in_scientific_notation_is_refused_at_its_cell(column) -> None:
    rows = {"region": "3.60102E+11,360100", "parent": "360102001000,3.601E+5"}[column]
    text = f"region,parent,period,gdp[亿元]\n360103001000,360100,2024,2\n{rows},2024,1\n"
    with pytest.raises(zb.ParseError, match="scientific notation") as caught:
        zb.read_csv(io.StringIO(text), parent="parent")
    assert ":3:" in str(caught.value)


def test_a_code_with_an_e_is_still_a_code() -> None:
    p = zb.read_csv(io.StringIO("region,period,gdp[亿元]\n12E3,2024,1\nAB-1E5,2024,2\n"))
    assert sorted(p.entities.code) == ["12E3", "AB-1E5"]
