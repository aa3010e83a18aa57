"""The command line for analysts: did-you-mean for misspelled options, --lang, output formats."""

import subprocess
import sys


def _run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "zhibiao", *args], capture_output=True, text=True, **kw)


def test_a_misspelled_option_suggests_the_right_one(sample_dir):
    result = _run("compute", str(sample_dir / "city_report.csv"), "--reasns", "r.csv")
    assert result.returncode == 2
    assert "--reasns: did you mean --reasons?" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_misspelled_option_of_another_subcommand_is_matched_within_it(sample_dir):
    result = _run("scorecard", "-", "--pak", "hnte-2016", input="")
    assert result.returncode == 2 and "--pak: did you mean --pack?" in result.stderr
    unknown = _run("catalogue", "--zzzzzz")
    assert unknown.returncode == 2 and "did you mean" not in unknown.stderr and "unrecognized" in unknown.stderr


def test_the_scorecard_summary_names_the_pack_also_with_gap(sample_dir):
    for extra in ([], ["--gap"]):
        result = _run("scorecard", str(sample_dir / "firms_synthetic.csv"), "--pack", "hnte-2016", *extra, check=True)
        assert "Summary(hnte-2016: 200 firms" in result.stderr, extra
