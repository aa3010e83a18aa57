"""Report extraction after the ninth trial (a new user's): an amount without a unit kept out of
panels, table cells with thousands separators and damage, table headers read by what each
column holds, letters and invalid bytes inside a digit run, and periods that govern only their
own clause."""

import math

import zhibiao as zb


def _facts(text):
    facts = zb.extract(text)
    return facts


# ---- #1: an amount with no unit never enters a panel ----------------------------------------


def test_an_amount_without_a_unit_is_left_out_of_the_panel_with_a_finding():
    # README "What it guarantees": an amount without a unit is refused. 5300 could be 元, 万元
    # or 亿元; a count (件) without its measure word is taken in its usual unit.
    panel = zb.extract("2025年一季度，全区争取上级资金5300，发明专利授权量41。").to_panel("丙区")
    assert "funds_secured" not in panel.variables
    assert panel.values("invention_patents_granted")[0] == 41
    findings = panel.findings
    assert list(findings["kind"]) == ["no_unit"]
    assert findings.loc[0, "text"] == "5300" and "no unit" in findings.loc[0, "message"]
    converted = zb.extract("2025年一季度，全区争取上级资金5300。").in_lexicon_units()
    assert math.isnan(converted["value_converted"][0])


def test_an_amount_with_its_unit_still_enters():
    panel = zb.extract("2025年一季度，全区争取上级资金5300万元。").to_panel("丙区")
    assert panel.values("funds_secured")[0] == 5300 and len(panel.findings) == 0
