"""Round 21: compute() over a partial panel (a report's figures), trial 20b F13: the whole
catalogue (or strict=False) computes what it can, the rest NaN with reason missing_variable;
indicators the caller names stay strict, in one error naming every one the panel cannot give and
the variable it needs."""

from __future__ import annotations

import warnings

import pytest

import zhibiao as zb

REPORT = "某市2025年科技工作总结\n全市专利授权量326件，技术合同成交额5.8亿元，地区生产总值100亿元。"


def _panel():
    return zb.read_report(REPORT, entity="X")


def test_the_whole_catalogue_computes_what_it_can_each_gap_with_its_reason():
    """No warning: no panel has every variable (the sample counties lack four); the reasons say it."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values, reasons = _panel().compute(reasons=True)
    assert values.loc[("X", "2025"), "tech_contract_share_gdp"] == pytest.approx(5.8)
    assert reasons.loc[("X", "2025"), "rd_intensity"] == "missing_variable"
    assert "rd_expenditure" in values.attrs["problems"]["rd_intensity"]


def test_no_warning_when_every_indicator_asked_for_has_its_variables():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _panel().compute(["tech_contract_share_gdp"])
        _panel().compute(["tech_contract_share_gdp"], strict=False)


def test_a_blank_cell_is_no_indicator_left_out():
    """A variable present with a blank cell is missing_input in that row, not a variable lacking."""
    panel = zb.read_report(REPORT + "\n2024年，技术合同成交额4.1亿元。", entity="X")
    with pytest.raises(zb.MissingVariableError) as caught:
        panel.compute(["rd_intensity", "tech_contract_share_gdp", "tech_contract_per_10k"])
    assert "2 of the 3 indicators asked for" in str(caught.value)
    assert "tech_contract_share_gdp" not in str(caught.value)


def test_named_indicators_stay_strict_and_the_error_names_them_all():
    ids = list(zb.catalogue()["id"])
    with pytest.raises(zb.MissingVariableError) as caught:
        _panel().compute(ids)
    error = caught.value
    text = str(error)
    assert "indicators asked for cannot be computed" in text and "strict=False" in text
    for indicator, variable in [
        ("invention_patents_per_10k", "valid_invention_patents"),
        ("rd_intensity", "rd_expenditure"),
        ("project_approval_rate", "projects_approved"),
    ]:
        assert f"{indicator} ({variable})" in text
    assert "tech_contract_share_gdp" not in text
    assert error.variable == "valid_invention_patents"  # the first, as before
    assert isinstance(error, KeyError)


def test_one_named_indicator_keeps_its_own_error():
    with pytest.raises(zb.MissingVariableError, match="no variable 'rd_expenditure'") as caught:
        _panel().compute("rd_intensity")
    assert "asked for" not in str(caught.value)


def test_strict_false_with_named_indicators_computes_the_rest_quietly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values, reasons = _panel().compute(
            ["rd_intensity", "tech_contract_share_gdp", "tech_contract_per_10k"], reasons=True, strict=False
        )
    assert values.loc[("X", "2025"), "tech_contract_share_gdp"] == pytest.approx(5.8)
    assert reasons.loc[("X", "2025"), "rd_intensity"] == "missing_variable"
