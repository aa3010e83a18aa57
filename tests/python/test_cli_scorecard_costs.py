"""`zhibiao scorecard --gap --cost INPUT=万元`: the gap's cost assumptions on the command line, as
`costs=` in Python (the round-18 trial: the CLI had no way to price the gap)."""

import io
import subprocess
import sys

import pandas as pd

# F02 is the spec's failing example (indicators.md §6b): 3 S&T staff of 40 score 0, total 42.
FIRMS = (
    "firm,employees,st_staff,sales,assets,rd_expense,total_cost,ip_class1,ip_class2\n"
    "F01,40,12,1000,500,45,204.5,0,2\n"
    "F02,40,3,1000,500,45,204.5,0,2\n"
)


def _cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "zhibiao", "scorecard", "-", *args, "-q"], input=FIRMS, capture_output=True, text=True
    )


def _gap(result):
    assert result.returncode == 0, result.stderr
    return pd.read_csv(io.StringIO(result.stdout), index_col="firm").loc["F02"]


def test_a_cost_given_prices_the_gap_as_costs_does_in_python():
    default = _gap(_cli("--gap"))
    cheap = _gap(_cli("--gap", "--cost", "st_staff=1", "--cost", "rd_expense=1"))
    more = cheap["gap_more_st_staff[人]"]
    assert more == default["gap_more_st_staff[人]"] and more > 0  # the change needed does not depend on its price
    assert cheap["gap_cost_st_staff[万元]"] == more * 1
    assert default["gap_cost_st_staff[万元]"] == more * 20  # the pack's planning assumption: 20 万元 a person


def test_a_cost_misspelt_malformed_or_without_gap_is_refused():
    misspelt = _cli("--gap", "--cost", "st_staf=1")
    assert misspelt.returncode == 2
    assert "--cost st_staf: no controllable input of tech-sme-2017; did you mean 'st_staff'?" in misspelt.stderr
    malformed = _cli("--gap", "--cost", "st_staff")
    assert malformed.returncode == 2 and "'st_staff' is not INPUT=WANYUAN" in malformed.stderr
    assert _cli("--gap", "--cost", "st_staff=inf").returncode == 2
    alone = _cli("--cost", "st_staff=1")
    assert alone.returncode == 2 and "--cost prices the gap: give it with --gap" in alone.stderr
