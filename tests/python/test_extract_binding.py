"""Figures bound to the right quantity (issue #13 item 2) and the grown lexicon."""

from __future__ import annotations

import tomllib
from pathlib import Path

import zhibiao as zb

LEXICON = Path(__file__).resolve().parents[2] / "data" / "extract.toml"


def test_an_enumeration_binds_its_count_to_the_enumerating_noun():
    facts = zb.extract("落实2023年度研发费用加计扣除、首台套奖励、人才引进等扶持政策15项。")
    assert list(zip(facts["variable"], facts["value"])) == [("support_policies", 15)]
    # an enumerating noun the lexicon does not know: no variable rather than the phrase before it
    facts = zb.extract("落实研发费用加计扣除、人才引进等措施15项。")
    assert list(facts["variable"]) == [""] and facts.loc[0, "flag_no_variable"]


def test_due_is_not_paid_and_applied_is_not_approved():
    facts = zb.extract("应拨付补助资金120万元，已拨付补助资金80万元，已立项12项，申报项目30项。")
    assert list(facts["variable"]) == ["reward_due", "reward_paid", "projects_approved", "projects_applied"]


def test_a_phrase_across_a_clause_boundary_does_not_name_a_figure():
    facts = zb.extract("新认定高新技术企业43家，累计达到186家。")
    assert list(facts["variable"]) == ["hnte_recognised", ""]


def test_a_change_after_a_level_refers_to_it():
    facts = zb.extract("研发经费投入强度达到2.31%，比上年提高0.18个百分点。")
    assert list(facts["variable"]) == ["rd_intensity", "rd_intensity"]
    assert list(facts["flag_change"]) == [False, True]


def test_the_lexicon_speaks_the_language_of_work_reports():
    entries = tomllib.loads(LEXICON.read_text(encoding="utf-8"))["variable"]
    ids = [e["id"] for e in entries]
    assert len(set(ids)) == len(ids) >= 60
    assert all(e.get("unit") for e in entries)
    text = ("选派科技特派员120人，知识产权质押融资5600万元，征集技术需求86项，新建创新平台7个，引进高层次人才45人，"
            "完成固定资产投资12.5亿元，转化科技成果33项，高新技术产品产值88.2亿元，发明专利授权量156件。")
    facts = zb.extract(text)
    assert list(facts["variable"]) == ["science_commissioners", "pledge_financing", "tech_demands", "innovation_platforms",
                                       "talents_introduced", "fixed_asset_investment", "achievements_transferred",
                                       "hitech_product_output", "invention_patents_granted"]
    assert not facts["flag_unit_mismatch"].any()
