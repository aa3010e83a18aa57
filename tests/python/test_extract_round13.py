"""Round 13 of the report reader: estimates in a report of the year, target sentences across ；,
plans under a plan's title or heading, 其中 parts by level. Sentences written for the project in
several bureaus' styles; every expected figure is checked by hand against the sentence beside it."""

from __future__ import annotations

import pytest

import zhibiao as zb


def _rows(text: str, *columns: str) -> list[tuple]:
    facts = zb.extract(text)
    return [tuple(getattr(r, c) for c in columns) for r in facts.itertuples()]


# ---- 预计 in a report of the year: an estimate of what was done, not a target -----------------


@pytest.mark.parametrize(
    "title",
    ["某县科学技术局2024年科技工作总结", "东江市2024年度科技创新工作总结", "2024年科技工作情况报告"],
)
def test_an_estimate_of_the_year_in_an_annual_report_is_no_target(title):
    # "预计全年完成技术合同成交额5.2亿元" in a year-end summary estimates the year's actual figure:
    # flag_estimate, not flag_target (both were target); the change after it is estimated too.
    text = f"{title}\n一、主要成效\n预计全年完成技术合同成交额5.2亿元，同比增长15%。专利授权量326件。"
    rows = _rows(text, "text", "period", "flag_target", "flag_estimate")
    assert rows == [
        ("5.2亿元", "2024", False, True),
        ("15%", "2024", False, True),
        ("326件", "2024", False, False),
    ]
    panel = zb.extract(text).to_panel("县")
    assert "estimate" in set(panel.findings["kind"])
    assert "tech_contract_value" not in panel.to_pandas().columns


@pytest.mark.parametrize(
    "text",
    [
        # a half-year report: 预计全年 forecasts the year ahead, a target as before
        "某县2024年上半年科技工作总结\n预计全年技术合同成交额5.2亿元。",
        # 预计 with 力争 in its sentence: a target
        "某县2024年科技工作总结\n预计全年力争新增高新技术企业12家。",
        # under a heading of plans in an annual report: a plan
        "某县2024年科技工作总结\n二、2025年工作计划\n预计全年新增高新技术企业12家。",
        # of another year than the report's: a plan
        "某县2024年科技工作总结\n预计2025年技术合同成交额达到6亿元。",
        # no title: a sentence opening the text is no report's title
        "2024年，全区登记技术合同52项。预计全年专利授权量达到1500件。",
    ],
)
def test_an_expected_figure_elsewhere_stays_a_target(text):
    facts = zb.extract(text)
    last = facts.iloc[-1]
    assert last.flag_target and not last.flag_estimate, facts[["text", "period", "flag_target"]]


# ---- a target's sentence goes on across ；-------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 2亿元 was a 2024H1 figure done (no target): the ；only splits what 力争 lists
        (
            "2024年上半年科技工作总结\n下半年，力争新增科技型中小企业30家；研发经费投入达到2亿元。已登记技术合同12项。",
            [("30家", "2024H2", True), ("2亿元", "2024H2", True), ("12项", "2024H1", False)],
        ),
        (
            "2025年，全县确保专利授权量达到300件;技术合同成交额突破3亿元。全县有效发明专利310件。",
            # the target's 2025 holds to its 。 (then no period stated: "")
            [("300件", "2025", True), ("突破3亿元", "2025", True), ("310件", "", False)],
        ),
    ],
)
def test_a_target_holds_across_a_semicolon_not_a_full_stop(text, expected):
    assert _rows(text, "text", "period", "flag_target") == expected


# ---- a report that is a plan, and plans under a 全年 sentence ---------------------------------


@pytest.mark.parametrize(
    "head",
    ["2025年工作计划", "某县科学技术局2025年科技工作计划", "某县科学技术局\n2025年科技工作计划"],
)
def test_a_report_titled_as_a_plan_is_a_plan_of_its_period_throughout(head):
    # the figures had no period (the title's 2025 held for its line only) and, after 一、, no target
    # flag (the list marker ended the "section" the title opened)
    text = f"{head}\n一、主要目标\n新认定高新技术企业20家，技术合同成交额达到8亿元。\n二、重点工作\n新建研发平台3个。"
    assert _rows(text, "text", "period", "flag_target") == [
        ("20家", "2025", True),
        ("8亿元", "2025", True),
        ("3个", "2025", True),
    ]


def test_a_year_stated_under_a_heading_of_plans_holds_for_its_sentence():
    # "全年…" under 二、下半年工作计划: the year for its sentence; 20家 after it is a plan of the
    # heading's half-year again (it was 2024, the 全年 kept); 三、 ends the plans
    text = "某市2024年上半年科技工作总结\n二、下半年工作计划\n全年力争技术合同成交额10亿元。新增高新技术企业20家。\n" "三、存在问题\n专利授权量3件。"
    assert _rows(text, "text", "period", "flag_target") == [
        ("10亿元", "2024", True),
        ("20家", "2024H2", True),
        ("3件", "2024H1", False),
    ]


# ---- 其中 parts by level of government ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a county's half-year summary: 9项 had no variable; 获批 carries to the next part of the list
        (
            "2024年上半年，全县申报科技项目28项，其中获批省级项目6项、市级项目9项。",
            [
                ("28项", "projects_applied", "", False),
                ("6项", "projects_approved", "省级", True),
                ("9项", "projects_approved", "市级", True),
            ],
        ),
        # a district's style: the parts name only 项目 (each had no variable)
        (
            "2024年，全区组织申报各级科技项目45项，其中国家级项目3项、省级项目12项、市级项目30项。",
            [
                ("45项", "projects_applied", "", False),
                ("3项", "projects_applied", "国家级", True),
                ("12项", "projects_applied", "省级", True),
                ("30项", "projects_applied", "市级", True),
            ],
        ),
        # a city's style: levels alone after 其中, parts split at ，
        (
            "2025年上半年，全市新认定研发机构共12家，其中国家级2家，省级5家，市级4家。",
            [
                ("12家", "rd_institutions", "", False),
                ("2家", "rd_institutions", "国家级", True),
                ("5家", "rd_institutions", "省级", True),
                ("4家", "rd_institutions", "市级", True),
            ],
        ),
    ],
)
def test_parts_by_level_after_qizhong_bind_to_their_total(text, expected):
    facts = zb.extract(text)
    assert [(r.text, r.variable, r.level, r.flag_part) for r in facts.itertuples()] == expected
    assert not facts["flag_suspect"].any()
    panel = facts.to_panel("县")
    # the parts are no totals of their variable: left out with a `part` finding, the total kept
    assert sorted(panel.findings.loc[panel.findings["kind"] == "part", "text"]) == sorted(
        t for t, _, _, part in expected if part
    )
    assert list(panel.values(expected[0][1])) == [float(expected[0][0][:-1])]


def test_parts_by_level_larger_than_their_total_are_suspect():
    # one part above the total (15 > 12), and parts that add up to more than it (13 + 12 + 30 = 55 > 45)
    facts = zb.extract("2024年，全市新认定研发机构共12家，其中国家级2家，省级5家，市级15家。")
    assert list(facts["flag_suspect"]) == [False, False, False, True]
    facts = zb.extract("2024年，全区申报科技项目45项，其中国家级项目13项、省级项目12项、市级项目30项。")
    assert list(facts["flag_suspect"]) == [False, False, False, True]
    findings = facts.attrs["findings"]
    assert list(findings["kind"]) == ["inconsistent_parts"] and list(findings["text"]) == ["30项"]
    # levels that add up to the total are consistent (3 + 12 + 30 = 45)
    facts = zb.extract("2024年，全区申报科技项目45项，其中国家级项目3项、省级项目12项、市级项目30项。")
    assert not facts["flag_suspect"].any()


@pytest.mark.parametrize(
    "text",
    [
        "2024年，全区申报科技项目45项，新增省级企业研发中心8家。",  # a level without 其中: no part
        "2024年，全区专利授权量326件，其中发明专利授权量52件。",  # a part without a level: its own variable
    ],
)
def test_only_a_level_after_qizhong_in_the_sentence_makes_a_part(text):
    assert not zb.extract(text)["flag_part"].any()


# ---- platforms counted in 家 or 个 ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "variable"),
    [
        ("省级企业研发中心", "enterprise_rd_centres_new"),  # 新认定: the flow (round 23), as for laboratories
        ("市级企业技术中心", "enterprise_tech_centres_new"),  # 新认定: the flow (round 24)
        ("省级工程技术研究中心", "engineering_centres_new"),
        ("市级重点实验室", "key_laboratories_new"),  # 新认定: the flow (key_laboratories is the stock)
        ("省级科技创新平台", "innovation_platforms"),
        ("企业研发机构", "rd_institutions"),
    ],
)
@pytest.mark.parametrize("measure", ["家", "个"])
def test_platforms_counted_in_jia_or_ge_bind(phrase, variable, measure):
    # 工程技术研究中心2家, 研发机构12家 were unit_mismatch (counted in 个); 研发中心 and 企业技术中心
    # were not in the lexicon
    facts = zb.extract(f"2024年上半年，新认定{phrase}7{measure}。")
    row = facts.iloc[0]
    assert (row.variable, row.value, row.unit, row.flag_unit_mismatch) == (variable, 7, measure, False)


def test_counted_in_adds_only_the_words_it_lists():
    # engineering_centres lists 家 besides 个: a count of people or of items is still no count of centres
    for figure in ("7人", "7项"):
        facts = zb.extract(f"2024年，新认定省级工程技术研究中心{figure}。")
        assert facts.loc[0, "flag_unit_mismatch"] and not facts.loc[0, "variable"], figure


def test_counted_in_must_list_count_words(tmp_path):
    bad = tmp_path / "lexicon.toml"
    bad.write_text('[[variable]]\nid = "x"\nphrases = ["中心"]\nunit = "个"\ncounted_in = ["万元"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="counted_in"):
        zb.extract("中心5个", lexicon=bad)


# ---- a figure split by the wrap of a report converted from PDF ---------------------------------

# A city's annual summary as a PDF converter lays it out: every line cut at a fixed width (a CJK
# character 2 columns, ASCII 1), inside phrases and inside figures.
ANNUAL = (
    "一、主要工作成效\n"
    "全年全市新认定高新技术企业128家，累计达到1046家；登记技术合同2315项，技术合同成交额达到"
    "128.6亿元，同比增长23.4%；专利授权量12386件，其中发明专利授权量2147件；争取上级科技资金"
    "18650万元，兑现科技奖补资金9326万元；新增省级以上研发平台46个，引进高层次人才312名，"
    "全市研发经费投入强度达到2.86%，高新技术产业增加值占规上工业增加值比重达到47.3%。\n"
)


def _wrap_columns(text, width):
    out = []
    for line in text.split("\n"):
        cur, w = "", 0
        for ch in line:
            cw = 1 if ord(ch) < 128 else 2
            if w + cw > width and cur:
                out.append(cur)
                cur, w = "", 0
            cur, w = cur + ch, w + cw
        out.append(cur)
    return "\n".join(out)


@pytest.mark.parametrize("width", [30, 34, 38, 42])
def test_figures_split_by_a_tight_wrap_are_rejoined_to_their_values(width):
    # Before: each figure the wrap split between two digits (12⏎386件, 2.⏎86%) was split_digits
    # with no value. In a tight wrap (the breaks between words all at one width) a break at the end
    # of a full line is the converter's: the figure is read whole, with the value of the unwrapped text.
    text = "某市2024年科技工作总结\n" + ANNUAL
    wrapped = "某市2024年科技工作总结\n" + _wrap_columns(ANNUAL, width)
    split = [ln for ln in wrapped.split("\n")[:-1] if ln and ln[-1].isdigit()]
    want = [(r.variable, r.value, r.unit) for r in zb.extract(text).itertuples()]
    got = zb.extract(wrapped)
    assert not got["flag_damaged"].any(), got[got.flag_damaged].text
    assert [(r.variable, r.value, r.unit) for r in got.itertuples()] == want, (width, split)


def test_a_figure_split_at_a_short_line_stays_damaged():
    # the same tight wrap, but the line ending in "12" is shorter than the others: digits may have
    # been lost at its end — never a confident 123
    lines = _wrap_columns(ANNUAL, 36).split("\n")
    lines.insert(3, "全县专利授权量12")
    lines.insert(4, "3件，同比增长8.2%。")
    facts = zb.extract("某市2024年科技工作总结\n" + "\n".join(lines))
    row = facts[facts.text == "12\n3件"].iloc[0]
    assert row.flag_damaged and row.damage == "split_digits"


# ---- a change after a count no phrase binds ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2024年上半年，全县实施各类项目共15项，同比增长20%。",
        "2024年，专利授权量326件，实施各类项目共15项，同比增长20%。",  # not the 326's change
        "2024年，技术合同成交额5亿元，开展培训23场次，同比增长20%。",  # 23场次: unit_mismatch
        "2024年，登记技术合同312项，增长12%，共15项，同比下降20%。",
    ],
)
def test_a_change_after_an_unbound_count_has_no_variable_either(text):
    # Found sound in round 13 (kept as a guard): the change refers to the count before it, which has
    # no variable; it is a change with no variable — never the variable of a figure further back —
    # and a decline is negative all the same.
    facts = zb.extract(text)
    count, change = facts.iloc[-2], facts.iloc[-1]
    assert count.flag_no_variable and not count.variable
    assert change.flag_change and change.flag_no_variable and not change.variable
    assert (change.value < 0) == ("下降" in text)


# ---- a phrase broken by a line break in a report that is not wrapped ---------------------------


@pytest.mark.parametrize(
    ("text", "variable"),
    [
        ("2024年上半年科技工作总结\n全县研发\n费用加计扣除金额2.3亿元。", "rd_super_deduction"),
        ("某市2024年科技工作总结\n全市技术合同\n成交额达到18.6亿元。", "tech_contract_value"),
        ("2025年上半年，全区新认定高新技术\n企业12家。", "hnte_recognised"),
    ],
)
def test_a_phrase_broken_by_a_line_break_still_names_its_figure(text, variable):
    # A report with one stray break (not wrapped: too few breaks inside sentences) lost the phrase
    # across it: the figure had no variable. The break inside a phrase of the lexicon is read as
    # if it were not there; the figure keeps its offsets in the text given.
    facts = zb.extract(text)
    row = facts.iloc[-1]
    assert row.variable == variable
    assert text[row.begin : row.end] == row.text


def test_a_line_break_between_two_phrases_stays_a_break():
    # "…工作打算⏎按照…", a heading and a sentence: no phrase runs across, nothing joined
    text = "二、下半年工作打算\n专利授权量300件。"
    assert _rows(text, "text", "variable") == [("300件", "patents_granted")]
