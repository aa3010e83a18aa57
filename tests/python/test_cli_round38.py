"""Round 38: the command line in scripts and pipes (a read-only trial's findings)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from zhibiao import cli

ROOT = Path(__file__).resolve().parents[2]
COUNTIES = ROOT / "data" / "sample" / "counties_synthetic.csv"
CITY = ROOT / "data" / "sample" / "city_report.csv"


def _zhibiao(*args, **kwargs):
    """The command as a script runs it: its own process, its own standard streams."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-m", "zhibiao", *args], env=env, cwd=ROOT, **kwargs)


# 1. a number column with typing slips in half its cells is no label column


def test_composite_column_of_misgrouped_numbers_is_an_error_naming_the_cell(tmp_path, capsys):
    # two of four cells read ("1,234", "2,345"), two are grouping slips: before, the column was
    # read as labels and left out without a word ("1 of 1 indicators")
    table = tmp_path / "c.csv"
    table.write_text('region,rd_share,pat\n1,2.5,"1,234"\n2,3.1,"12,34"\n3,1.2,"2,345"\n4,2.2,"1,2345"\n')
    assert cli.main(["composite", str(table), "--model", "eis"]) == 2
    err = capsys.readouterr().err
    assert "data row 2 (unit 2, column pat)" in err and "'12,34'" in err


def test_composite_label_column_with_a_number_among_its_texts_is_said(tmp_path, capsys):
    table = tmp_path / "c.csv"
    table.write_text("region,grp,pat\n1,a,1\n2,b,2\n3,7,3\n4,c,4\n")
    assert cli.main(["composite", str(table), "--model", "eis"]) == 0
    err = capsys.readouterr().err
    assert "column grp read as labels" in err and "3 of its 4" in err


# 2. a full disk, an unwritable standard error


@pytest.mark.parametrize("argv", [["catalogue", "--help"], ["--version"], ["demo", "--out", "DIR"]])
def test_full_standard_output_is_said_with_status_2(argv, tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    argv = [str(tmp_path / "demo") if a == "DIR" else a for a in argv]
    with open("/dev/full", "w") as full:
        run = _zhibiao(*argv, stdout=full, stderr=subprocess.PIPE, text=True)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == ["zhibiao: standard output: No space left on device"]


def test_unwritable_standard_error_leaves_the_status_of_the_work():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        done = _zhibiao("compute", str(COUNTIES), "--ids", "rd_intensity", stdout=subprocess.PIPE, stderr=full)
        failed = _zhibiao("compute", "no-such.csv", stdout=subprocess.PIPE, stderr=full)
    assert done.returncode == 0 and done.stdout.count(b"\n") == 3001  # the header and every row
    assert failed.returncode == 2


# 3. option dashes as editors and input methods type them


@pytest.mark.parametrize("flag", ["-ids", "—ids", "–ids", "－－ids", "－－ｉｄｓ"])
def test_option_with_its_dashes_mistyped_is_suggested(flag, capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["compute", str(COUNTIES), flag, "rd_intensity"])
    assert e.value.code == 2
    assert f"{flag}: did you mean --ids?" in capsys.readouterr().err


def test_misspelt_option_before_the_command_is_the_error_not_its_value(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--lnag", "en", "catalogue"])
    err = capsys.readouterr().err
    assert "invalid choice" not in err
    assert "unrecognized option --lnag" in err and "--lnag: did you mean --lang?" in err


# 4. empty values


@pytest.mark.parametrize(
    "options",
    [["--ids", ""], ["--entity", ""], ["--entity="], ["--ids", "rd_intensity", ""]],
)
def test_empty_option_value_is_refused(options, capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["compute", str(COUNTIES), *options])
    assert e.value.code == 2
    flag = options[0].rstrip("=")
    assert f"argument {flag}: an empty value" in capsys.readouterr().err


def test_bom_with_a_workbook_is_refused(tmp_path, capsys):
    pytest.importorskip("openpyxl")
    out = tmp_path / "x.xlsx"
    assert cli.main(["compute", str(COUNTIES), "--format", "xlsx", "--out", str(out), "--bom"]) == 2
    assert "--bom" in capsys.readouterr().err and not out.exists()


# 5. standard input twice


def test_standard_input_given_twice_is_refused():
    with open(COUNTIES, "rb") as data:
        run = _zhibiao("rollup", "-", "--parents", "-", stdin=data, capture_output=True, text=True)
    assert run.returncode == 2
    assert "standard input given twice" in run.stderr and "No columns" not in run.stderr


# 6. standard output by its other names


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_two_tables_to_standard_output_by_another_name_are_refused(name, capsys):
    assert cli.main(["compute", str(CITY), "--ids", "project_approval_rate", "--reasons", name, "-q"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "both write to standard output" in captured.err
