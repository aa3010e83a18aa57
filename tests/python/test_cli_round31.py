"""Round 31, a new user's trial of the command line: a firm row that could not be read was dropped
from `zhibiao scorecard` without a word in its output, and a report could not go from the shell into
a panel that `zhibiao compute -` reads."""

import subprocess
import sys

import pandas as pd
import pytest

HEADER = "firm,employees,st_staff,sales,assets,rd_expense,total_cost,ip_class1,ip_class2\n"


def _zhibiao(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "zhibiao", *map(str, args)], input=stdin, capture_output=True, text=True
    )


def _scored(text):
    return pd.read_csv(pd.io.common.StringIO(text), dtype=str, keep_default_na=False)


# ---- 1. scorecard: a row that could not be read is a firm of the batch -----------------------


def test_scorecard_keeps_a_row_with_a_field_too_many_as_invalid_input(tmp_path):
    # before: B (an unquoted "1,2O3" makes one field too many) vanished from the output, the
    # summary counted 2 firms and the exit status was 0
    rows = ["A,40,12,1000,500,45,204.5,0,2", "B,40,12,1,2O3,500,45,204.5,0,2", "C,40,3,1000,500,45,204.5,0,2"]
    path = tmp_path / "firms.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    run = _zhibiao("scorecard", path)
    assert run.returncode == 1, run.stderr
    scored = _scored(run.stdout)
    assert scored["firm"].tolist() == ["A", "B", "C"]  # in the file's order
    b = scored.set_index("firm").loc["B"]
    assert b["status"] == "invalid input" and b["total"] == ""
    assert f"{path}:3" in b["explanation_en"] and "row has 10 fields, the header has 9" in b["explanation_en"]
    assert f"{path}:3" in b["explanation_zh"]
    assert "3 firms" in run.stderr and "invalid input 1" in run.stderr


def test_scorecard_places_unread_rows_after_blank_lines_and_quoted_line_breaks(tmp_path):
    text = (
        HEADER
        + "A,40,12,1000,500,45,204.5,0,2\n\n"
        + '"X\nY",40,12,1000\n'  # a quoted firm name over two lines, then too few fields
        + "C,40,3,1000,500,45,204.5,0,2\n"
        + ",40,3,1000,500,45,204.5,0,2,9\n"  # no firm name: named by its line
    )
    path = tmp_path / "firms.csv"
    path.write_text(text, encoding="utf-8")
    run = _zhibiao("scorecard", path, "--gap")
    assert run.returncode == 1, run.stderr
    scored = _scored(run.stdout)
    assert scored["firm"].tolist() == ["A", "X\nY", "C", "<line 7>"]
    assert scored["status"].tolist() == ["passed", "invalid input", "failed", "invalid input"]
    assert f"{path}:4:" in scored["explanation_en"][1]


def test_scorecard_of_a_sound_file_and_of_an_unreadable_cell_exits_0(tmp_path):
    # an invalid cell is a result of the scoring (the firm invalid input, named in its row), as before
    path = tmp_path / "firms.csv"
    path.write_text(HEADER + "A,40,12,1000,500,45,204.5,0,2\nB,40,x12,1000,500,45,204.5,0,2\n", encoding="utf-8")
    run = _zhibiao("scorecard", path)
    assert run.returncode == 0, run.stderr
    assert _scored(run.stdout)["status"].tolist() == ["passed", "invalid input"]


# ---- 3. extract --panel: a report into the panel compute reads ------------------------------


REPORT = "青石县2025年科技工作总结\n" "2025年，全县R&D经费支出3.2亿元，全县地区生产总值160亿元，同比增长5.1%。有效发明专利1x00件。" "力争2026年全县研发经费投入强度达到2.2%。\n"


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_extract_panel_pipes_into_compute(report):
    panel = _zhibiao("extract", "--panel", "--entity", "青石县", report)
    assert panel.returncode == 0, panel.stderr
    # units in the headers, the damaged figure missing with its reason: compute reads both
    assert panel.stdout.splitlines()[0].startswith("entity,period,gdp[亿元],rd_expenditure[万元]")
    assert "damaged_source" in panel.stdout
    # what was left out is said on stderr: the 2026 target
    assert "target" in panel.stderr and "2.2%" in panel.stderr
    computed = _zhibiao("compute", "-", "--ids", "rd_intensity", stdin=panel.stdout)
    assert computed.returncode == 0, computed.stderr
    row = _scored(computed.stdout).iloc[0]
    assert (row["entity"], row["period"], row["rd_intensity"]) == ("青石县", "2025", "2.00")  # 3.2 亿元 / 160 亿元


def test_extract_panel_is_the_panel_of_read_report(report):
    import zhibiao as zb

    run = _zhibiao("extract", "--panel", "--entity", "青石县", "--period", "2025", report, "--out", "-")
    expected = zb.read_report(REPORT, entity="青石县", period="2025")
    read = zb.read_csv(pd.io.common.StringIO(run.stdout))
    assert read.variables == expected.variables
    for variable in expected.variables:
        assert read.units[variable] == expected.units[variable]
        pd.testing.assert_series_equal(
            pd.Series(read.values(variable)), pd.Series(expected.values(variable)), check_names=False
        )


def test_extract_panel_findings_to_a_file(report, tmp_path):
    findings = tmp_path / "left_out.csv"
    run = _zhibiao("extract", "--panel", "--entity", "青石县", "--findings", findings, report)
    assert run.returncode == 0 and "zhibiao: finding" not in run.stderr
    # round 36: the masked 1x00件 left missing is said too (masked_figure); round 38: the change too (not_a_level)
    assert pd.read_csv(findings)["kind"].tolist() == ["target", "masked_figure", "not_a_level"]


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--entity", "青石县"], "--entity is an option of --panel"),
        (["--panel"], "--panel needs --entity"),
        (["--panel", "--entity", "青石县", "--table"], "without --table"),
        (["--panel", "--entity", "青石县", "--findings", "-"], "both write to standard output"),
    ],
)
def test_extract_panel_options_refused_before_reading(report, options, said):
    run = _zhibiao("extract", report, *options)
    assert run.returncode == 2 and said in run.stderr and run.stdout == ""


def test_extract_panel_reads_one_report(report):
    run = _zhibiao("extract", "--panel", "--entity", "青石县", report, report)
    assert run.returncode == 2 and "one report" in run.stderr


def test_extract_help_says_the_exit_status_of_a_binary_file(tmp_path):
    # before: help said "Exit 1 when bytes were not text", and a binary file exits 2
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x03\x00>\x00\x01\x00\x00\x00" * 50)  # an ELF header
    run = _zhibiao("extract", binary)
    assert run.returncode == 2 and "not a text file" in run.stderr
    half = tmp_path / "half.txt"
    half.write_bytes("2025年，全县R&D经费支出3.2亿元。".encode() + b"\xff\xfe" + "全县地区生产总值160亿元。".encode())
    assert _zhibiao("extract", half).returncode == 1
    said = " ".join(_zhibiao("extract", "--help").stdout.split())
    assert "Exit 1 when some bytes were not text (skipped, said on stderr); 2 when a file is not read" in said


def test_scorecard_names_an_unread_row_by_its_firm_column_wherever_it_is(tmp_path):
    # the firm column last, under a Chinese heading: the field too many shifts the columns, and
    # the last field is still the firm's
    path = tmp_path / "firms.csv"
    path.write_text(
        "employees,st_staff,sales,assets,rd_expense,total_cost,ip_class1,ip_class2,企业名称\n"
        "40,12,1000,500,45,204.5,0,2,甲公司\n40,12,1,2O3,500,45,204.5,0,2,乙公司\n",
        encoding="utf-8",
    )
    run = _zhibiao("scorecard", path)
    assert run.returncode == 1, run.stderr
    assert _scored(run.stdout)[["firm", "status"]].values.tolist() == [["甲公司", "passed"], ["乙公司", "invalid input"]]
