"""Report extraction after the ninth trial (a new user's): an amount without a unit kept out of
panels, table cells with thousands separators and damage, table headers read by what each
column holds, letters and invalid bytes inside a digit run, and periods that govern only their
own clause."""

import math

import pytest

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


# ---- #2: table cells with thousands separators, and damaged cells ---------------------------


def test_a_table_cell_with_a_thousands_separator_is_one_figure_in_the_unit_column():
    # 2,345.6 亿元 = 23,456,000 万元 (1 亿元 = 10^4 万元); the row was prose before (the comma).
    text = "2024年工作总结\n指标名称 单位 2024年 2023年 增长%\n高新技术产业增加值 亿元 2,345.6 2,101.0 11.6\n"
    facts = zb.extract(text)
    rows = list(
        zip(
            facts["text"],
            facts["variable"].astype(str),
            facts["value"],
            facts["unit"].astype(str),
            facts["period"].astype(str),
            facts["flag_change"],
        )
    )
    assert rows == [
        ("2,345.6", "hitech_value_added", 2345.6, "亿元", "2024", False),
        ("2,101.0", "hitech_value_added", 2101.0, "亿元", "2023", False),
        ("11.6", "hitech_value_added", 11.6, "%", "2024", True),
    ]
    assert facts["flag_thousands_comma"][0]


def test_damaged_table_cells_keep_their_damage_and_enter_the_panel_missing():
    text = "2024年工作总结\n指标名称 单位 2024年 2023年 增长%\n技术合同成交额 万元 3,41 2,950 9.5\n专利授权量 件 47. .6 1x.2\n"
    facts = zb.extract(text)
    by_text = {
        t: (v, d, m)
        for t, v, d, m in zip(
            facts["text"], facts["variable"].astype(str), facts["damage"].astype(str), facts["flag_masked"]
        )
    }
    assert by_text["3,41"] == ("tech_contract_value", "bad_grouping", False)
    assert by_text["47."] == ("patents_granted", "dangling_point", False)
    assert by_text[".6"] == ("patents_granted", "leading_point", False)
    assert by_text["1x.2"] == ("patents_granted", "", True)
    assert all(math.isnan(facts["value"][i]) for i in (0, 3, 4, 5))
    kinds = list(facts.attrs["findings"]["kind"])
    assert kinds == ["bad_grouping", "dangling_point", "leading_point"]
    frame = facts.to_panel("丁市").to_pandas()
    assert frame.loc[("丁市", "2023"), "tech_contract_value"] == 2950
    assert math.isnan(frame.loc[("丁市", "2024"), "tech_contract_value"])


# ---- #3: table headers read by what each column holds --------------------------------------


def _cells(text):
    facts = zb.extract(text)
    return facts, list(
        zip(
            facts["text"],
            facts["variable"].astype(str),
            facts["period"].astype(str),
            facts["flag_target"],
            facts["flag_prior_year"],
            facts["flag_change"],
        )
    )


def test_a_target_column_is_a_target_and_the_done_column_the_report_period():
    # 全年目标 is the plan for the year, 1-9月完成 what was done January to September (2024YTD09),
    # 完成率% = 372/600 = 62% a rate of the row, never its count.
    facts, cells = _cells("2024年前三季度\n指标名称 单位 全年目标 1-9月完成 完成率%\n技术合同登记数 项 600 372 62.0\n")
    assert cells == [
        ("600", "tech_contract_count", "2024", True, False, False),
        ("372", "tech_contract_count", "2024YTD09", False, False, False),
        ("62.0", "", "2024YTD09", False, False, False),  # of the done column (round 12; it had none)
    ]
    frame = facts.to_panel("戊县").to_pandas()
    assert frame["tech_contract_count"].to_dict() == {("戊县", "2024YTD09"): 372}
    assert list(facts.to_panel("戊县").findings["kind"]) == ["target"]


def test_month_span_columns_take_their_own_year():
    _, cells = _cells("2025年一季度\n指标 单位 2025年1-3月 2024年1-3月 同比%\n发明专利授权量 件 57 49 16.3\n")
    assert cells == [
        ("57", "invention_patents_granted", "2025Q1", False, False, False),
        ("49", "invention_patents_granted", "2024Q1", False, False, False),
        ("16.3", "invention_patents_granted", "2025Q1", False, False, True),
    ]


def test_this_period_and_the_same_period_last_year():
    _, cells = _cells("2025年上半年\n指标 单位 本期 上年同期 增长%\n新认定高新技术企业 家 23 18 27.8\n")
    assert cells == [
        ("23", "hnte_recognised", "2025H1", False, False, False),
        ("18", "hnte_recognised", "2024H1", False, True, False),
        ("27.8", "hnte_recognised", "2025H1", False, False, True),
    ]


def test_a_header_with_columns_not_understood_refuses_its_rows():
    facts, cells = _cells("2025年上半年\n指标 单位 甲方案 乙方案\n专利授权量 件 120 95\n")
    assert [c[1] for c in cells] == ["", ""]
    assert list(facts.attrs["findings"]["kind"]) == ["table_row"]


# ---- #4: a letter or an invalid byte inside a digit run -------------------------------------


def test_letters_read_for_digits_make_the_figure_damaged():
    facts = zb.extract("2025年上半年，落实资金4,5OO万元，受理专利申请2l8件，签订合同1I6项，建成5G基站30个。")
    assert facts["text"].tolist() == ["4,5OO万元", "2l8件", "1I6项", "30个"]
    assert facts["damage"].astype(str).tolist() == ["stray_character"] * 3 + [""]
    assert facts["value"][:3].isna().all() and facts["value"][3] == 30  # 5G is a name, as before
    assert list(facts.attrs["findings"]["kind"]) == ["stray_character"] * 3


def test_an_invalid_byte_inside_the_digits_makes_the_figure_damaged():
    data = "2025年上半年，发明专利授权量5".encode() + b"\xfe" + "7件，争取资金2".encode() + b"\x81" + ".4亿元。".encode()
    with pytest.warns(zb.InvalidBytesWarning, match="byte offsets 41, 62"):
        facts = zb.extract(data)
    assert facts["damage"].astype(str).tolist() == ["stray_character", "stray_character"]
    assert facts["variable"].astype(str).tolist() == ["invention_patents_granted", "funds_secured"]
    assert facts["value"].isna().all()
    frame = facts.to_panel("己县").to_pandas()
    assert frame.isna().all().all()  # in the panel as missing (damaged_source), never 5 or 2


# ---- #5: a prior-year statement governs its clause or parenthesis only -----------------------


def _periods(text):
    facts = zb.extract(text)
    return list(zip(facts["text"], facts["period"].astype(str), facts["flag_prior_year"]))


def test_a_prior_year_clause_inside_a_sentence_does_not_reach_the_next_clause():
    assert _periods("2025年一季度，争取上级资金3200万元，上年同期为2800万元，新增科技型中小企业41家。") == [
        ("3200万元", "2025Q1", False),
        ("2800万元", "2024Q1", True),
        ("41家", "2025Q1", False),
    ]


def test_a_year_same_span_in_a_parenthesis_is_that_span_and_ends_with_it():
    assert _periods("2025年一季度，争取上级资金3200万元（2024年同期2800万元），新增科技型中小企业41家。") == [
        ("3200万元", "2025Q1", False),
        ("2800万元", "2024Q1", True),
        ("41家", "2025Q1", False),
    ]


def test_a_sentence_opening_with_the_same_period_last_year_is_still_governed_whole():
    assert _periods("2025年一季度。上年同期，争取上级资金2800万元，新增科技型中小企业35家。") == [
        ("2800万元", "2024Q1", True),
        ("35家", "2024Q1", True),
    ]


# ---- spans since a past start, plans opening a sentence, subsets, 户, UTF-16 without ASCII ---


def test_a_total_since_a_past_year_is_a_span_not_the_period_in_force():
    text = "2025年上半年科技工作总结\n“十三五”以来累计培育科技型中小企业410家。2022年以来累计争取上级资金2.3亿元，" "上半年新认定高新技术企业9家。今年以来新增科技型中小企业35家，4月以来走访企业60家。"
    facts = zb.extract(text)
    rows = list(zip(facts["text"], facts["period"].astype(str), facts["flag_since"]))
    assert rows == [
        ("410家", "2025H1", True),
        ("2.3亿元", "2025H1", True),  # 2022年 does not become the period in force
        ("9家", "2025H1", False),  # 上半年 ends the span
        ("35家", "2025H1", False),  # since the start of this year: the half-year itself
        ("60家", "2025H1", False),  # since April: still this half-year, not April
    ]
    panel = facts.to_panel("庚县")
    assert "funds_secured" not in panel.to_pandas().columns
    assert sorted(panel.findings.loc[panel.findings["kind"] == "since", "text"]) == ["2.3亿元", "410家"]


def test_a_plan_word_opening_a_clause_governs_the_rest_of_its_sentence():
    facts = zb.extract("2025年10月，计划组织申报省级科技项目15项，走访服务企业40家。10月，走访服务企业38家。")
    assert list(facts["flag_target"]) == [True, True, False]
    facts = zb.extract("2025年，拟新增高新技术企业6家，培育科技型中小企业20家。")
    assert list(facts["flag_target"]) == [True, True]
    # 计划 naming a programme is not a plan
    facts = zb.extract("2025年上半年，入选省级人才计划5人，走访服务企业40家。")
    assert not facts["flag_target"].any()


def test_the_rd_of_industrial_firms_is_not_the_whole_rd_expenditure():
    facts = zb.extract("2024年，全省研究与试验发展（R&D）经费842.5亿元，其中规模以上工业企业R&D经费支出611.2亿元。")
    assert list(facts["variable"]) == ["rd_expenditure", "rd_expenditure_industrial"]


def test_firms_counted_in_hu_bind_as_firms():
    frame = zb.read_report("2025年上半年，新认定高新技术企业7户。", entity="辛县").to_pandas()
    assert frame["hnte_recognised"].tolist() == [7]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_or_any_ascii_is_detected(codec):
    text = "上半年，新认定高新技术企业拾贰家，专利授权量叁佰零伍件。"
    facts = zb.extract(text.encode(codec))
    assert list(zip(facts["variable"], facts["value"])) == [("hnte_recognised", 12), ("patents_granted", 305)]


def test_a_start_within_the_year_before_yilai_is_no_span():
    text = (
        "2025年上半年，一季度以来新认定高新技术企业6家，3月份以来走访服务企业45家，上半年以来新增科技型中小企业11家，"
        "2025年初以来新增孵化器2个。近五年以来累计培育高新技术企业88家，党的十八大以来争取上级资金3.2亿元。"
    )
    facts = zb.extract(text)
    assert list(facts["period"].astype(str)) == ["2025H1"] * 6
    assert list(facts["flag_since"]) == [False, False, False, False, True, True]
