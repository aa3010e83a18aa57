"""Report extraction after the sixth trial: approximate figures kept out of panels, the sign of a
decline whatever was bound before it, rates and shares never bound to a count or an amount, and
``zhibiao extract -q`` quiet."""

import math
import subprocess
import sys

import pytest

import zhibiao as zb


def _rows(text: str) -> list[tuple]:
    facts = zb.extract(text)
    return list(zip(facts["text"], facts["variable"].astype(str), facts["value"], facts["flag_change"]))


# ---- #6: 约/左右 are not exact values --------------------------------------------------------


@pytest.mark.parametrize("approx", ["约12项", "12项左右"])
def test_an_approximate_figure_is_left_out_of_the_panel_with_a_finding(approx):
    panel = zb.extract(f"2024年上半年，共组织申报科技项目30项，获批立项{approx}。").to_panel("乙县")
    assert "projects_approved" not in panel.variables
    assert panel.values("projects_applied")[0] == 30
    findings = panel.findings
    assert list(findings["kind"]) == ["approximate"]
    assert findings.loc[0, "text"] == approx and "not an exact value" in findings.loc[0, "message"]
    values, why = panel.compute(["project_approval_rate"], reasons=True, strict=False)
    assert math.isnan(values["project_approval_rate"].iloc[0])  # no confident 40 %


def test_bounds_left_out_as_before_and_exact_figures_kept():
    panel = zb.extract("2024年上半年，获批立项超过30项，争取资金227万余元，培训农民近50人次，专利申请量12件。").to_panel("乙县")
    assert list(panel.findings["kind"]) == ["not_a_level"] * 3
    assert panel.variables == ["patent_applications"]


# ---- #7: a decline keeps its sign and change flag after an unbound figure --------------------


@pytest.mark.parametrize("noun", ["争取科技项目资金", "完成某某专项工作"])  # bound / no lexicon phrase
def test_a_decline_is_negative_and_a_change_whatever_was_bound_before(noun):
    rows = _rows(f"2024年上半年，共{noun}1,260万元，同比下降8.5%，减少3项。")
    assert [r[2] for r in rows] == [1260.0, -8.5, -3.0]
    assert [bool(r[3]) for r in rows] == [False, True, True]


def test_an_unbound_change_is_still_no_variable():
    facts = zb.extract("2024年上半年，完成某某专项工作1260万元，同比下降8.5%。")
    assert facts["flag_no_variable"].tolist() == [True, True]
    assert facts["flag_change"].tolist() == [False, True]


# ---- #8: rates and shares after a count or an amount -----------------------------------------


def test_a_share_of_gdp_binds_to_the_share_never_to_the_denominator():
    facts = zb.extract("2024年上半年，高新技术产业增加值完成12.6亿元，占GDP的比重达到14.6%。")
    assert facts["variable"].astype(str).tolist() == ["hitech_value_added", "hitech_va_share_gdp"]
    assert facts["value"].tolist() == [12.6, 14.6]
    assert not facts["flag_unit_mismatch"].any()


def test_a_rate_after_a_count_binds_to_the_rate():
    facts = zb.extract("2024年上半年，共组织申报科技项目35项，获批立项12项，立项率34.3%。")
    assert facts["variable"].astype(str).tolist() == ["projects_applied", "projects_approved", "project_approval_rate"]
    assert not facts["flag_unit_mismatch"].any()


def test_rates_and_shares_the_lexicon_does_not_name_have_no_variable():
    facts = zb.extract("2024年，专利申请量1200件，占比30%，专利授权80件，授权率12%，高新技术产业增加值占比14.6%。")
    assert facts["variable"].astype(str).tolist() == ["patent_applications", "", "patents_granted", "", ""]
    assert facts["flag_no_variable"].tolist() == [False, True, False, True, True]
    assert not facts["flag_unit_mismatch"].any()


def test_a_growth_rate_after_a_count_is_still_its_change():
    facts = zb.extract("2024年，专利申请量1200件，增长率12%。")
    assert facts["variable"].astype(str).tolist() == ["patent_applications", "patent_applications"]
    assert facts["flag_change"].tolist() == [False, True]


def test_rd_expenditure_is_read():
    facts = zb.extract("2024年上半年，研发经费1.35亿元，研发经费投入强度2.1%。")
    assert facts["variable"].astype(str).tolist() == ["rd_expenditure", "rd_intensity"]


def test_a_payment_phrase_after_named_funds_is_about_those_funds():
    facts = zb.extract("2024年上半年，应拨付配套资金35.5万元，已拨付资金180万元。")
    assert facts["variable"].astype(str).tolist() == ["matching_funds_due", "matching_funds_paid"]
    assert facts["flag_phrase_shared"].tolist() == [False, True]
    rewards = zb.extract("2024年上半年，奖补资金50万元，已拨付资金30万元。应拨付资金20万元。")
    assert rewards["variable"].astype(str).tolist() == ["reward_due", "reward_paid", "reward_due"]


# ---- #11: -q silences the findings ------------------------------------------------------------


def test_cli_extract_quiet_prints_no_findings(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("2025年上半年，占比达到21.%，应拨付资金35.万元。\n", encoding="utf-8")
    run = [sys.executable, "-m", "zhibiao", "extract", str(report)]
    loud = subprocess.run(run, capture_output=True, text=True)
    assert loud.returncode == 0 and "21.%" in loud.stderr
    quiet = subprocess.run([*run, "-q"], capture_output=True, text=True)
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert quiet.stdout == loud.stdout


def test_a_payment_phrase_after_a_count_keeps_its_own_variable():
    facts = zb.extract("2025年上半年，获批立项11项，应拨付资金35万元，已拨付资金20万元。")
    assert facts["variable"].astype(str).tolist() == ["projects_approved", "reward_due", "reward_paid"]


# ---- found by the review of this round --------------------------------------------------------


@pytest.mark.parametrize("verb", ["签约", "履约", "预约"])
def test_yue_closing_a_word_is_no_approximation(verb):
    # 签约12项 is 12 contracts signed; the 约 of 签约 is not "about".
    facts = zb.extract(f"2024年上半年，技术合同{verb}12项，技术合同成交额3亿元。")
    assert facts["text"].tolist()[0] == "12项"
    assert not facts["flag_approximate"].any()
    assert zb.extract("2024年上半年，技术合同签约12项。").to_panel("乙县").findings.empty
    assert zb.extract("2024年上半年，技术合同约12项。")["flag_approximate"].tolist() == [True]


def test_a_share_after_a_change_is_still_the_share_of_the_figure_before():
    # The usual order in reports: level, change, share.
    facts = zb.extract("2024年上半年，高新技术产业增加值完成12.6亿元，同比增长10.2%，占GDP的比重达到14.6%。")
    assert facts["variable"].astype(str).tolist() == ["hitech_value_added"] * 2 + ["hitech_va_share_gdp"]
    assert facts["flag_change"].tolist() == [False, True, False]


def test_a_payout_rate_after_funds_is_the_rate():
    facts = zb.extract("2024年上半年，应兑现奖补资金200万元，兑现率90%。")
    assert facts["variable"].astype(str).tolist()[1] == "reward_payout_rate"
