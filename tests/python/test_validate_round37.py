"""Round 37 (methodology trial): whole counts in 万件, every published share checked against its
parts, and the scorecards' "mid" policy in whole points."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pandas as pd
import pytest

import zhibiao as zb

ROOT = Path(__file__).resolve().parents[2]


def R(text: str) -> zb.Panel:
    return zb.read_csv(io.StringIO(text))


def rules_of(findings: pd.DataFrame) -> list[str]:
    return sorted(findings.rule)


# ---------------------------------------------------------------- 1. counts judged in their base unit
def test_a_count_in_wan_jian_is_judged_in_jian() -> None:
    # indicators.md §1.5: 221.3万件 valid invention patents in 2020 = 2,213,000 件, a whole number.
    # Before: patents_whole_and_non_negative (hard) on 221.3, and `zhibiao validate` exited 1.
    f = R("region,period,population[万人],valid_invention_patents[万件]\nCN,2020,140005,221.3\n").validate()
    assert "patents_whole_and_non_negative" not in set(f.rule)
    assert "invalid_value" not in set(f.rule)


def test_contracts_in_wan_xiang_are_judged_in_xiang() -> None:
    # indicators.md §3.2: 29.5万项 technology contracts (2013) = 295,000 项.
    f = R("region,period,tech_contract_count[万项]\nCN,2013,29.5\n").validate()
    assert "contracts_whole_and_non_negative" not in set(f.rule)


def test_a_count_that_is_not_whole_in_its_base_unit_is_still_a_finding() -> None:
    # 221.12345万件 = 2,211,234.5 件; 3.5 件 is half a patent; 0.35万件 = 3,500 件 is whole.
    f = R(
        "region,period,valid_invention_patents[万件],projects_applied\n"
        "A,2020,221.12345,3\nB,2020,0.35,3.5\nC,2020,0.35,3\n"
    ).validate()
    whole = f[f.rule.str.endswith("_whole_and_non_negative")]
    assert sorted(zip(whole.entity, whole.rule)) == [
        ("A", "patents_whole_and_non_negative"),
        ("B", "projects_whole_and_non_negative"),
    ]
    # the finding states the cell as published, in its own unit
    assert "221.12345 万件" in whole[whole.entity == "A"].message.iloc[0]


def test_a_count_written_with_trailing_zeros_keeps_its_written_precision() -> None:
    # "221.3000" is written with 4 decimals of 万: 2,213,000 件, whole; "221.30005" is 2,213,000.5 件.
    f = R("region,period,valid_invention_patents[万件]\nA,2020,221.3000\nB,2020,221.30005\n").validate()
    whole = f[f.rule == "patents_whole_and_non_negative"]
    assert list(whole.entity) == ["B"]


def test_comparisons_read_the_same_values_in_the_base_unit() -> None:
    # 2 万件 valid > 1.5 万件 granted ever: the rule still fires, across the units (件 vs 万件).
    f = R(
        "region,period,valid_invention_patents[万件],invention_grants_cumulative[件]\nA,2020,2,15000\nB,2020,1,15000\n"
    ).validate()
    assert list(f[f.rule == "valid_patents_not_above_grants"].entity) == ["A"]


# ---------------------------------------------------------------- 3. published shares against their parts
@pytest.mark.parametrize(
    ("text", "rule", "flagged"),
    [
        # indicators.md §4.1: 11 of 28 approved = 39.3 %; a published 45.0 is wrong.
        (
            "region,period,projects_applied,projects_approved,project_approval_rate[%]\nA,2024,28,11,45.0\n"
            "B,2024,28,11,39.3\n",
            "published_project_approval_rate_matches",
            ["A"],
        ),
        # indicators.md §3.2: 7469.1亿元 ÷ 568845亿元 (2013 GDP) = 1.31 % of GDP.
        (
            "region,period,tech_contract_value[亿元],gdp[亿元],tech_contract_share_gdp[%]\n"
            "A,2013,7469.1,568845,2.50\nB,2013,7469.1,568845,1.31\n",
            "published_tech_contract_share_gdp_matches",
            ["A"],
        ),
        # indicators.md §3.2: 7469.1亿元 ÷ 29.5万项 = 253.2万元 a contract.
        (
            "region,period,tech_contract_value[亿元],tech_contract_count[万项],tech_contract_avg_value[万元/项]\n"
            "A,2013,7469.1,29.5,235.2\nB,2013,7469.1,29.5,253.2\n",
            "published_tech_contract_avg_value_matches",
            ["A"],
        ),
        # 已兑付 30 of 应兑现 40 = 75.0 %.
        (
            "region,period,reward_due[万元],reward_paid[万元],reward_payout_rate[%]\nA,2024,40,30,57.0\n"
            "B,2024,40,30,75.0\n",
            "published_reward_payout_rate_matches",
            ["A"],
        ),
        # 到位 80 of 计划 100 = 80.0 %.
        (
            "region,period,funds_planned[万元],funds_in_place[万元],funds_in_place_rate[%]\nA,2024,100,80,90.0\n"
            "B,2024,100,80,80.0\n",
            "published_funds_in_place_rate_matches",
            ["A"],
        ),
    ],
)
def test_every_published_indicator_is_checked_against_its_parts(text: str, rule: str, flagged: list[str]) -> None:
    f = R(text).validate()
    assert list(f[f.rule == rule].entity) == flagged
    assert f[f.rule == rule].severity.tolist() == ["hard"] * len(flagged)


def test_every_catalogue_indicator_has_a_printed_precision_rule() -> None:
    ids = {ind["id"] for ind in zb._core.Catalogue.builtin().indicators()}
    checked = {r.variable for r in zb._core.builtin_rules() if "printed_round(" in r.check}
    assert ids <= checked


def test_the_three_written_rules_keep_their_ids() -> None:
    f = R("region,period,rd_expenditure[亿元],gdp[亿元],rd_intensity[%]\nA,2023,33357.1,1260582,2.9\n").validate()
    # indicators.md §3.1: 33357.1 ÷ 1260582 = 2.65 %, not 2.9
    assert list(f.rule) == ["published_rd_intensity_matches"]
    assert "published_rd_intensity_matches_matches" not in " ".join(f.attrs["skipped"])


# ---------------------------------------------------------------- 5. "mid" in whole points
def _firms() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data/sample/firms_synthetic.csv", index_col="firm").drop(columns="name")


@pytest.mark.parametrize("pack", ["hnte-2016"])
def test_mid_gives_whole_points_between_low_and_high(pack: str) -> None:
    firms = _firms()
    low = zb.scorecards.evaluate(firms, pack, policy="low")
    high = zb.scorecards.evaluate(firms, pack, policy="high")
    mid = zb.scorecards.evaluate(firms, pack, policy="mid")
    items = [it["id"] for it in zb.scorecards.load(pack).items]
    assert items
    halves = 0
    for item in items + ["total"]:
        for lo, hi, m in zip(low[item], high[item], mid[item]):
            if math.isnan(m):
                continue
            assert m == math.floor(m), (item, lo, hi, m)  # spec §6a: each sub-item in whole points
            assert lo <= m <= hi
            if item != "total":
                # the middle of the band, 四舍五入: 9–10 → 10, 19–24 → 22
                assert m == lo + math.floor((hi - lo) / 2 + 0.5)
                halves += (hi - lo) % 2 == 1
    assert halves > 0  # some band of an odd width was met: before, its mid was x.5
