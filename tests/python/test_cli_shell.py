"""The command line in a shell: '-' for stdin/stdout, results on stdout, messages on stderr,
exit codes 0 / 1 (findings) / 2 (bad input), no tracebacks for expected errors or a closed pipe."""

import argparse
import io
import subprocess
import sys

import pandas as pd
import pytest

from zhibiao import __version__
from zhibiao.cli import build_parser

ZHIBIAO = [sys.executable, "-m", "zhibiao"]
SUBCOMMANDS = ["compute", "validate", "rollup", "composite", "scorecard", "extract", "catalogue", "demo"]
PANEL = (
    "entity,period,valid_invention_patents[件],population[万人],projects_applied[项],projects_approved[项]\n"
    "110101,2024,50,100,10,4\n110102,2024,30,60,5,7\n110101,2023,40,100,8,2\n"
)


def run(*args, stdin=None, cwd=None):
    return subprocess.run(
        [*ZHIBIAO, *map(str, args)], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=300
    )


def test_compute_reads_stdin_and_writes_a_csv_to_stdout_through_head(sample_dir):
    with open(sample_dir / "counties_synthetic.csv", "rb") as panel, subprocess.Popen(
        [*ZHIBIAO, "compute", "-"], stdin=panel, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as zhibiao:
        head = subprocess.run(["head", "-3"], stdin=zhibiao.stdout, capture_output=True, text=True)
        zhibiao.stdout.close()  # head exits after 3 lines: zhibiao then writes into a closed pipe
        stderr = zhibiao.stderr.read().decode()
        assert zhibiao.wait(timeout=300) == 0, stderr
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr and "Exception ignored" not in stderr
    lines = head.stdout.splitlines()
    assert len(lines) == 3 and lines[0].startswith(
        "entity,period,name,invention_patents_per_10k,invention_patents_per_10k_reason"
    )


def test_compute_results_go_to_stdout_and_messages_to_stderr(tmp_path):
    panel = tmp_path / "panel.csv"
    panel.write_text(PANEL, encoding="utf-8")
    result = run("compute", panel, "--ids", "invention_patents_per_10k", "project_approval_rate")
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout), dtype={"entity": str, "period": str}).set_index(
        ["entity", "period"]
    )
    assert table.loc[("110101", "2024"), "invention_patents_per_10k"] == 0.5  # 50 件 / (1 000 000 people / 10 000)
    assert table.loc[("110101", "2024"), "project_approval_rate"] == 40.0
    assert "rows loaded" in result.stderr and "rows loaded" not in result.stdout
    assert not any(p.name != "panel.csv" for p in tmp_path.iterdir())  # nothing written beside the input
    # --out - is standard output, not a file named '-'
    dash = run("compute", "-", "--out", "-", "--no-reasons", stdin=PANEL, cwd=tmp_path)
    assert dash.returncode == 0 and dash.stdout.startswith("entity,period,invention_patents_per_10k,hitech")
    assert not (tmp_path / "-").exists() and not (tmp_path / "-_reasons.csv").exists()


def test_compute_reasons_are_columns_or_a_file_of_their_own(tmp_path):
    result = run("compute", "-", "--ids", "project_approval_rate", stdin=PANEL + "110103,2024,1,1,0,0\n")
    table = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
    assert list(table.columns) == ["entity", "period", "project_approval_rate", "project_approval_rate_reason"]
    why = table.set_index(["entity", "period"])["project_approval_rate_reason"]
    assert why[("110101", "2024")] == "" and why[("110102", "2024")] == "out_of_range"  # 7 of 5 approved: 140 %
    assert why[("110103", "2024")] == "zero_denominator"
    reasons = tmp_path / "why.csv"
    out = tmp_path / "values.csv"
    run(
        "compute",
        "-",
        "--ids",
        "project_approval_rate",
        "--reasons",
        reasons,
        "--out",
        out,
        stdin=PANEL + "110103,2024,1,1,0,0\n",
    ).check_returncode()
    assert list(pd.read_csv(out).columns) == ["entity", "period", "project_approval_rate"]
    assert (
        pd.read_csv(reasons, dtype=str).set_index("entity").loc["110103", "project_approval_rate"] == "zero_denominator"
    )


def test_bad_input_exits_2_naming_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("entity,period,x\nA,2020,1\nB,2020,13.%\n", encoding="utf-8")
    for command in ["compute", "validate", "rollup"]:
        result = run(command, bad)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert f"{bad}:3:3" in result.stderr and "13.%" in result.stderr
    piped = run("compute", "-", stdin=bad.read_text(encoding="utf-8"))
    assert piped.returncode == 2 and "<stdin>:3:3" in piped.stderr and "Traceback" not in piped.stderr


@pytest.mark.parametrize("command", SUBCOMMANDS[:-2])
def test_a_missing_file_exits_2_without_traceback(tmp_path, command):
    result = run(command, tmp_path / "nope.csv")
    assert result.returncode == 2
    assert "nope.csv" in result.stderr and "no such file" in result.stderr.lower()
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_validate_exits_1_with_findings_and_0_without():
    findings = run("validate", "-", stdin=PANEL)
    assert findings.returncode == 1, findings.stderr
    table = pd.read_csv(io.StringIO(findings.stdout), dtype=str)
    assert table[["entity", "rule"]].values.tolist() == [["110102", "approved_not_above_applied"]]
    assert "1 finding;" in findings.stderr
    clean = run("validate", "-", stdin=PANEL.replace("5,7\n", "7,5\n"))
    assert clean.returncode == 0 and clean.stdout.strip() == "entity,period,variable,rule,severity,message"


def test_rollup_sums_to_parents_and_compute_reads_the_result():
    rolled = run("rollup", "-", "--to", "prefecture", stdin=PANEL)
    assert rolled.returncode == 0, rolled.stderr
    assert (
        rolled.stdout.splitlines()[0]
        == "entity,period,valid_invention_patents[件],valid_invention_patents_reason,population[万人],population_reason,"
        "projects_applied[项],projects_applied_reason,projects_approved[项],projects_approved_reason"
    )  # 110102 has no 2023 row: the parent's 2023 cells are incomplete_rollup, said in <variable>_reason
    computed = run("compute", "-", "--ids", "invention_patents_per_10k", "--no-reasons", stdin=rolled.stdout)
    table = pd.read_csv(io.StringIO(computed.stdout), dtype={"entity": str, "period": str}).set_index(
        ["entity", "period"]
    )
    assert table.loc[("110100", "2024"), "invention_patents_per_10k"] == 0.5  # (50+30) 件 / (1 600 000 people / 10 000)


def test_composite_scores_one_period_of_a_panel():
    panel = "entity,period,a,b\nu1,2024,1,4\nu2,2024,2,3\nu3,2024,3,1\nu1,2023,9,9\nu2,2023,0,0\nu3,2023,5,5\n"
    result = run("composite", "-", "--period", "2024", "--model", "entropy-topsis", stdin=panel)
    assert result.returncode == 0, result.stderr
    scores = pd.read_csv(io.StringIO(result.stdout), index_col=0)
    assert sorted(scores.index) == ["u1", "u2", "u3"] and sorted(scores["rank"]) == [1, 2, 3]
    unknown = run("composite", "-", "--model", "entropytopsis", stdin=panel)
    assert unknown.returncode == 2 and "did you mean 'entropy-topsis'" in unknown.stderr


def test_catalogue_lists_and_describes_in_either_language():
    zh = run("catalogue")
    en = run("catalogue", "--lang", "en")
    assert "每万人口发明专利拥有量" in zh.stdout and "Valid invention patents per 10,000 people" in en.stdout
    described = run("catalogue", "rd_intensity", "--lang", "en")
    assert described.returncode == 0 and "rd_expenditure / gdp" in described.stdout
    assert described.stdout.splitlines()[0].startswith("name_en:")
    unknown = run("catalogue", "rd_intensty")
    assert unknown.returncode == 2 and "rd_intensity" in unknown.stderr and "Traceback" not in unknown.stderr


def test_extract_reads_stdin(sample_dir):
    text = (sample_dir / "city_report_h1.txt").read_text(encoding="utf-8")
    result = run("extract", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    facts = pd.read_csv(io.StringIO(result.stdout))
    assert facts.set_index("variable").loc["projects_applied", "value"] == 28
    assert "<stdin>: encoding utf-8" in result.stderr


def test_scorecard_reads_stdin_and_quiet_silences_messages():
    firms = (
        "employees,st_staff,sales,assets,rd_expense,total_cost,ip_class1,ip_class2\n"
        "40,12,1000,500,45,204.5,0,2\n40,3,1000,500,45,204.5,0,2\n"
    )
    loud = run("scorecard", "-", stdin=firms)
    assert loud.returncode == 0 and "passed 1" in loud.stderr
    assert pd.read_csv(io.StringIO(loud.stdout))["status"].tolist() == ["passed", "failed"]
    quiet = run("scorecard", "-", "--quiet", stdin=firms)
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == loud.stdout
    assert run("compute", "-", "-q", stdin=PANEL).stderr == ""


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"zhibiao {__version__}"


def _options(parser: argparse.ArgumentParser):
    return [a for a in parser._actions if not isinstance(a, argparse._SubParsersAction)]


def test_every_subcommand_exists_and_describes_every_option():
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    # their own tests: test_uncertainty.py, test_explain.py
    assert sorted(sub.choices) == sorted([*SUBCOMMANDS, "uncertainty", "explain"])
    for name, command in sub.choices.items():
        help_text = run(name, "--help")
        assert help_text.returncode == 0 and command.description
        for action in _options(command):
            assert action.help and action.help != argparse.SUPPRESS, f"{name} {action.dest} has no description"
            shown = action.option_strings[-1] if action.option_strings else action.metavar
            assert shown in help_text.stdout, f"{name}: {shown} not in --help"


def test_usage_errors_exit_2_without_traceback():
    for args in (["compute"], ["nonsense"], ["compute", "-", "--reasons", "a", "--no-reasons"]):
        result = run(*args, stdin="")
        assert result.returncode == 2 and "Traceback" not in result.stderr and "usage:" in result.stderr


def test_rollup_with_a_parents_file(tmp_path):
    parents = tmp_path / "parents.csv"
    parents.write_text("child,parent\n110101,X\n110102,X\n", encoding="utf-8")
    rolled = run("rollup", "-", "--parents", parents, stdin=PANEL)
    assert rolled.returncode == 0, rolled.stderr
    table = pd.read_csv(io.StringIO(rolled.stdout), dtype={"period": str}).set_index(["entity", "period"])
    assert table.loc[("X", "2024"), "population[万人]"] == 160.0
    wrong = run("rollup", "-", "--parents", parents, "--to", "province", stdin=PANEL)
    assert wrong.returncode == 2 and "--to goes with --parents admin" in wrong.stderr
