"""The command line reads files as read_csv reads them (one decoder), and says what went wrong."""

import subprocess
import sys

import pytest

# A firm table of the tech-sme-2017 pack (hand-made; the same columns as data/sample's firm files).
FIRMS = (
    "employees,st_staff,sales[万元],assets[万元],rd_expense[万元],total_cost[万元],ip_class1,ip_class2\n"
    "40,12,1000,500,45,204.5,0,2\n"
)


def _run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "zhibiao", *args], capture_output=True, text=True, **kw)


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_scorecard_reads_a_gb18030_firm_table_without_an_id_column(tmp_path, bom):
    # Without an id column the firms are numbered by row; the table was decoded by pandas as UTF-8
    # ("'utf-8' codec can't decode byte 0x84"): it is decoded by the library's detector now.
    path = tmp_path / "firms.csv"
    path.write_bytes((bom + FIRMS).encode("gb18030"))
    result = _run("scorecard", str(path), "--pack", "tech-sme-2017", "-q")
    assert "codec" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 2  # the header and the one firm


def test_scorecard_reads_a_gb18030_bom_firm_table_with_ids(tmp_path):
    path = tmp_path / "firms.csv"
    path.write_bytes(("\ufefffirm," + FIRMS.replace("\n40", "\n甲公司,40")).encode("gb18030"))
    result = _run("scorecard", str(path), "--pack", "tech-sme-2017", "-q")
    assert result.returncode == 0, result.stderr
    assert "甲公司" in result.stdout


def _binary(tmp_path):
    # An ELF-like head: 4 magic bytes, then NULs among other bytes, as /bin/ls starts (not UTF-16's pattern:
    # NULs on both sides of the code units alike).
    path = tmp_path / "program.txt"
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8 + b"\x00" * 512 + "获批11项".encode())
    return path


def test_extract_refuses_a_binary_file_as_compute_does(tmp_path):
    path = _binary(tmp_path)
    compute = _run("compute", str(path), "-q")
    extract = _run("extract", str(path), "-q")
    assert compute.returncode == 2 and "not a text file" in compute.stderr
    assert extract.returncode == 2, extract.stdout
    assert extract.stdout == "" and f"{path}: not a text file" in extract.stderr, extract.stderr


def test_zb_extract_refuses_binary_bytes(tmp_path):
    import zhibiao as zb

    with pytest.raises(zb.ParseError, match="not a text file"):
        zb.extract(_binary(tmp_path).read_bytes())
    with pytest.raises(zb.ParseError, match="not a text file"):
        zb._core.decode_text(_binary(tmp_path).read_bytes())
    assert len(zb.extract("获批11项".encode())) == 1  # text bytes still read


def test_a_comma_file_read_with_semicolons_names_the_comma(tmp_path):
    # It blamed the entity column; the header holds no ';' but 3 ','s (region,period,gdp,rd).
    path = tmp_path / "comma.csv"
    path.write_text("region,period,gdp[亿元],rd_expenditure[万元]\n320601,2024,100,3000\n", encoding="utf-8")
    result = _run("compute", str(path), "--ids", "rd_intensity", "--sep", ";", "-q")
    assert result.returncode == 2
    assert "the header has no ';' but 3 ','s: is the separator ','? give --sep ','" in result.stderr, result.stderr
    assert "csv_options" not in result.stderr and "sep=" not in result.stderr


def test_library_warnings_are_one_line_and_quiet_silences_them(sample_dir):
    # --model eis without a framework scores amounts: zb.AmountsAsIndicatorsWarning. It was printed in
    # Python's format (the path of cli.py, the source line) even under -q.
    args = ("composite", str(sample_dir / "counties_synthetic.csv"), "--period", "2024", "--model", "eis")
    quiet = _run(*args, "-q")
    assert quiet.returncode == 0 and quiet.stderr == "", quiet.stderr
    said = _run(*args)
    assert said.returncode == 0
    lines = [line for line in said.stderr.splitlines() if "scoring amounts" in line]
    assert len(lines) == 1 and lines[0].startswith("zhibiao: warning: scoring amounts, not ratios"), said.stderr
    assert "AmountsAsIndicatorsWarning" not in said.stderr and ".py:" not in said.stderr
