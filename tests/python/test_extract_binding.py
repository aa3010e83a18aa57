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
    # 累计 names the stock of the phrase before (the flow's partner), not the flow itself
    facts = zb.extract("新认定高新技术企业43家，累计达到186家。")
    assert list(facts["variable"]) == ["hnte_recognised", "hnte_total"]
    facts = zb.extract("征集技术需求40项，累计达到300项。")
    assert list(facts["variable"]) == ["tech_demands", ""]


def test_a_change_after_a_level_refers_to_it():
    facts = zb.extract("研发经费投入强度达到2.31%，比上年提高0.18个百分点。")
    assert list(facts["variable"]) == ["rd_intensity", "rd_intensity"]
    assert list(facts["flag_change"]) == [False, True]


def test_the_lexicon_speaks_the_language_of_work_reports():
    entries = tomllib.loads(LEXICON.read_text(encoding="utf-8"))["variable"]
    ids = [e["id"] for e in entries]
    assert len(set(ids)) == len(ids) >= 60
    assert all(e.get("unit") for e in entries)
    text = (
        "选派科技特派员120人，知识产权质押融资5600万元，征集技术需求86项，新建创新平台7个，引进高层次人才45人，"
        "完成固定资产投资12.5亿元，转化科技成果33项，高新技术产品产值88.2亿元，发明专利授权量156件。"
    )
    facts = zb.extract(text)
    assert list(facts["variable"]) == [
        "science_commissioners",
        "pledge_financing",
        "tech_demands",
        "innovation_platforms",
        "talents_introduced",
        "fixed_asset_investment",
        "achievements_transferred",
        "hitech_product_output",
        "invention_patents_granted",
    ]
    assert not facts["flag_unit_mismatch"].any()


# ---- The deciding words are fields of the lexicon entries (status, stage, scope) ----


def _bound(text):
    facts = zb.extract(text)
    return list(zip(facts["text"], facts["variable"], facts["status"], facts["stage"], facts["scope"]))


def test_the_facts_table_has_the_deciding_words_as_columns():
    facts = zb.extract("应拨付补助资金120万元，已立项12项。")
    assert {"status", "stage", "scope"} <= set(facts.columns)
    assert _bound("应拨付补助资金120万元，已立项12项。") == [
        ("120万元", "reward_due", "due", "", ""),
        ("12项", "projects_approved", "done", "approved", ""),
    ]


def test_the_lexicon_lists_no_phrase_that_only_adds_a_deciding_word():
    entries = tomllib.loads(LEXICON.read_text(encoding="utf-8"))["variable"]
    deciding = ("应", "需", "须", "已", "累计", "新增", "新认定")
    assert [p for e in entries for p in e["phrases"] if p.startswith(deciding)] == []
    fields = {e["id"]: (e.get("status", ""), e.get("stage", ""), e.get("scope", "")) for e in entries}
    assert fields["reward_due"][0] == "due" and fields["reward_paid"][0] == "done"
    assert fields["projects_applied"][1] == "applied" and fields["projects_approved"][1] == "approved"
    assert fields["patents_granted"][1] == "granted"
    assert fields["hnte_total"][2] == "cumulative" and fields["hnte_recognised"][2] == "new"


def test_county_style_due_and_paid():
    # a county bureau's half-year summary: amounts due and paid in one sentence, and after the noun
    assert _bound("本年度需兑现奖补资金86万元，目前已兑现52万元。")[0][:3] == ("86万元", "reward_due", "due")
    assert [r[1] for r in _bound("县级科技奖补资金应兑付63万元；补助资金已拨付40万元。")] == ["reward_due", "reward_paid"]
    assert [r[1] for r in _bound("拨付科技特派员补助资金18万元。")] == ["reward_paid"]  # a payment verb says paid
    # 应 inside a word of another meaning (推广应用) is not "due": 已拨付 decides
    assert _bound("已拨付推广应用补助资金12万元。")[0][1:3] == ("reward_paid", "done")


def test_city_style_stages():
    rows = _bound("全市申报省级科技计划项目86项，获批省级科技计划项目31项。")
    assert [(r[1], r[3]) for r in rows] == [("projects_applied", "applied"), ("projects_approved", "approved")]
    rows = _bound("全年申请专利3210件，授权专利1876件，其中发明专利授权量402件。")
    assert [r[1] for r in rows] == ["patent_applications", "patents_granted", "invention_patents_granted"]


def test_province_style_scope():
    rows = _bound("全省新增高新技术企业1500家，高新技术企业总数达到1.2万家；有效期内高新技术企业累计9800家。")
    assert [(r[1], r[4]) for r in rows] == [
        ("hnte_recognised", "new"),
        ("hnte_total", "cumulative"),
        ("hnte_total", "cumulative"),
    ]
    assert _bound("新认定高新技术企业43家。")[0][1] == "hnte_recognised"


def test_a_deciding_word_that_contradicts_the_only_entry_is_no_variable():
    # 申请 (applied) then 授权 (granted): the phrase 专利申请 names applications, the figure counts grants
    facts = zb.extract("专利申请获得授权203件。")
    assert list(facts["variable"]) == [""] and facts.loc[0, "flag_no_variable"]


def test_a_phrase_across_a_clause_or_an_enumeration_is_never_guessed():
    for text in ("争取上级资金；共计312万元。", "高新技术企业培育工作扎实推进，达到43家。", "组织申报科技项目、人才项目等28项。", "引进人才、团队等共计56个。"):
        facts = zb.extract(text)
        assert list(facts["variable"]) == [""], (text, list(facts["variable"]))


def test_a_count_before_its_phrase_is_the_subject_of_that_phrase():
    # "22 firms applied as HNTE": the figure comes first, the phrase names it a few characters later
    facts = zb.extract("全县22家企业申报高新技术企业，5家企业通过高新技术企业认定。")
    assert list(zip(facts["variable"], facts["value"])) == [("hnte_applied", 22), ("hnte_recognised", 5)]
    assert list(facts["stage"]) == ["applied", ""]
    # never across another number, an enumeration, a clause end, too far, or into another measure word
    for text in (
        "邀请10名专家评审高新技术企业。",  # people, not firms (组织10名专家 is experts_dispatched: 组织专家)
        "帮助3家企业，申报高新技术企业。",  # the phrase is in the next clause
        "走访12家企业和科技园区、高新技术企业。",  # across an enumeration
        "3家企业于2024年申报高新技术企业。",  # another number between
        "共有8家规模以上工业企业在年内先后成功申报高新技术企业。",  # too far to be its subject
    ):
        facts = zb.extract(text)
        assert list(facts["variable"])[0] == "", (text, list(facts["variable"]))


def test_a_technology_contract_amount_registered_is_the_contract_value():
    facts = zb.extract("技术合同登记成交额1.2亿元，技术合同认定登记额3500万元。")
    assert list(facts["variable"]) == ["tech_contract_value", "tech_contract_value"]
    assert list(facts["flag_unit_mismatch"]) == [False, False]
