"""Round 13 (analyst seams): what a demanding analyst met outside scorecards — a did-you-mean
that skipped input variables."""

import io
import subprocess
import sys

import pytest

import zhibiao as zb

PANEL = "region,period,tech_contract_value[万元],tech_contract_count[项]\n320601,2024,5000,10\n"


def test_a_misspelt_id_nearest_an_input_variable_says_it_is_one():
    # "tech_contract_valu": one letter from the variable tech_contract_value, five from the
    # indicator tech_contract_avg_value, which alone was suggested.
    panel = zb.read_csv(io.StringIO(PANEL))
    with pytest.raises(zb.UnknownIndicatorError) as caught:
        panel.compute(["tech_contract_valu"])
    message = str(caught.value)
    assert "did you mean the input variable 'tech_contract_value'? It is no indicator" in message
    assert "indicators that read it: " in message and "tech_contract_avg_value" in message
    run = subprocess.run(
        [sys.executable, "-m", "zhibiao", "compute", "-", "--ids", "tech_contract_valu"],
        input=PANEL,
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0 and "the input variable 'tech_contract_value'" in run.stderr
    # the closest being an indicator: as before
    with pytest.raises(zb.UnknownIndicatorError, match=r"did you mean 'tech_contract_avg_value'\?"):
        panel.compute(["tech_contract_avg_valu"])


DAMAGED = "region,period,gdp[亿元],population[万人]\n320601,2023,100,50\n320602,2023,1.2.3,60\n"


def test_a_cell_a_lenient_load_could_not_read_is_a_validation_finding():
    # "1.2.3" is missing to every rule, so none could check row 320602: validate said 0 findings
    # and `zhibiao validate --lenient` exited 0, the damaged file passed as clean.
    panel = zb.read_csv(io.StringIO(DAMAGED), lenient=True)
    findings = panel.validate()
    unread = findings[findings["rule"] == "unparseable"]
    assert unread[["entity", "period", "variable", "severity"]].values.tolist() == [["320602", "2023", "gdp", "hard"]]
    run = subprocess.run(
        [sys.executable, "-m", "zhibiao", "validate", "-", "--lenient"], input=DAMAGED, capture_output=True, text=True
    )
    assert run.returncode == 1, run.stderr
    assert "unparseable" in run.stdout
    # the finding says the load report names the cell: the command line shows where and what
    assert "column 3 (gdp): '1.2.3': not a number" in run.stderr, run.stderr


def test_misspelt_option_values_get_did_you_mean():
    panel = zb.read_csv(io.StringIO(DAMAGED), lenient=True)
    with pytest.raises(
        zb.Error, match=r"to must be 'province' or 'prefecture', not 'provence' \(did you mean 'province'\?\)"
    ):
        panel.rollup("admin", to="provence")
    with pytest.raises(zb.Error, match=r"not 'admn' \(did you mean 'admin'\?\)"):
        panel.rollup("admn")
    values = panel.compute(["invention_patents_per_10k"], strict=False)
    pytest.importorskip("matplotlib")
    with pytest.raises(zb.ArgumentError, match=r"not 'eng' \(did you mean 'en'\?\)"):
        zb.plot.by_region(values, "invention_patents_per_10k", lang="eng")
