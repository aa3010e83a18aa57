"""Round 36 (issue 13): seams round 35 left in the report reader — a note between the rows of a table with a
序号 column, a 单位 line inside a table or listing two units above it, 年初以来 after an earlier year, a caption's
label on a header's line, lexicon entries — and a trial of report styles not in tests/data/reports. Every
expected figure is checked by hand against the sentence or row beside it (the texts are our own)."""

from __future__ import annotations

import pytest

from report_facts import findings_of, rows_of

BULLETIN = "某市2025年科技统计公报\n"
PATENTS = [
    ("patents_granted", 1200.0, "件", "甲县"),
    ("invention_patents_granted", 300.0, "件", "甲县"),
    ("patents_granted", 800.0, "件", "乙县"),
    ("invention_patents_granted", 100.0, "件", "乙县"),
    ("patents_granted", 600.0, "件", "丙县"),
    ("invention_patents_granted", 90.0, "件", "丙县"),
]

# ---- a table with a 序号 column goes on past a note between its rows --------------------------------


@pytest.mark.parametrize(
    "note",
    [
        "注：含外观设计专利。",
        "资料来源：市知识产权局。",
        "（下转第2页）\n— 2 —\n某市2025年科技统计公报",  # a page's turn, its number and the running title
        "",  # a blank line
    ],
)
def test_a_note_between_the_rows_of_a_numbered_table_does_not_end_it(note):
    # main: the rows after the note had no variable nor area, and no finding said so (the table ended
    # because the row after the note, opening with its number 2, was not taken for a row of its shape)
    text = (
        BULLETIN + "表1 各县专利授权情况\n序号 县（市、区） 专利授权量（件） 发明专利授权量（件）\n"
        "1 甲县 1200 300\n" + note + "\n2 乙县 800 100\n3 丙县 600 90\n"
    )
    assert rows_of(text, "variable", "value", "unit", "entity") == PATENTS
    assert not findings_of(text, "table_row")


def test_rows_of_a_numbered_table_after_prose_are_flagged():
    # prose ends the table; a row of its shape after it (its number first) gets a table_row finding
    text = BULLETIN + "表1 各县专利授权情况\n序号 县（市、区） 专利授权量（件） 发明专利授权量（件）\n" "1 甲县 1200 300\n全市专利授权量稳步增长。\n2 乙县 800 100\n"
    (flagged,) = findings_of(text, "table_row")
    assert flagged.text == "2 乙县 800 100"


# ---- 单位：X inside a table, 单位：亿元、% above one -------------------------------------------------

RD = [
    ("rd_expenditure", 1200.0, "万元", "甲县"),
    ("tech_contract_value", 300.0, "万元", "甲县"),
    ("rd_expenditure", 800.0, "万元", "乙县"),
    ("tech_contract_value", 100.0, "万元", "乙县"),
]


@pytest.mark.parametrize(
    "table",
    [
        # between the header and the rows (main: both rows refused, table_row)
        "县（市、区） 研发经费支出 技术合同成交额\n单位：万元\n甲县 1200 300\n乙县 800 100\n",
        "县（市、区） 研发经费支出 技术合同成交额\n（单位：万元）\n甲县 1200 300\n乙县 800 100\n",
        # above the header (read before: the line right above states the unit)
        "单位：万元\n县（市、区） 研发经费支出 技术合同成交额\n甲县 1200 300\n乙县 800 100\n",
    ],
)
def test_a_units_line_inside_a_table_sets_the_unit_of_its_rows(table):
    text = BULLETIN + "表2 各县研发经费情况\n" + table
    assert rows_of(text, "variable", "value", "unit", "entity") == RD
    assert not findings_of(text, "table_row")


@pytest.mark.parametrize("caption", ["表3 各县研发投入情况\n", ""])
def test_a_units_line_of_an_amount_and_percent_gives_the_share_columns_percent(caption):
    # main: both rows refused (no unit); now 研发投入强度 (a share) in %, the other column in 亿元
    text = BULLETIN + caption + "单位：亿元、%\n县（市、区） 研发经费支出 研发投入强度\n甲县 12 2.5\n乙县 8 1.9\n"
    assert rows_of(text, "variable", "value", "unit", "entity") == [
        ("rd_expenditure", 12.0, "亿元", "甲县"),
        ("rd_intensity", 2.5, "%", "甲县"),
        ("rd_expenditure", 8.0, "亿元", "乙县"),
        ("rd_intensity", 1.9, "%", "乙县"),
    ]


def test_a_productivity_column_is_no_share_under_a_units_line_with_percent():
    # review 36: 劳动生产率 (万元/人) ends in 率 and took %; 比上年增长 is a rate, 研发经费支出 the amount
    text = BULLETIN + "单位：万元、%\n县（市、区） 研发经费支出 比上年增长 劳动生产率\n甲县 1200 12.5 30\n"
    units = {value: unit for value, unit in rows_of(text, "value", "unit")}
    assert units.get(30.0) != "%"
    assert units[12.5] == "%" and units[1200.0] == "万元"


def test_a_units_line_of_two_amounts_sets_no_column_s_unit():
    # 万元、亿元: whose is whose is unknown — the rows stay refused, never read in a guessed unit
    text = BULLETIN + "单位：万元、亿元\n县（市、区） 研发经费支出 技术合同成交额\n甲县 1200 3\n"
    assert all(unit == "" for (unit,) in rows_of(text, "unit"))
    assert findings_of(text, "table_row")


def test_a_units_line_does_not_override_a_column_s_own_unit():
    text = BULLETIN + "县（市、区） 研发经费支出（亿元） 技术合同成交额（亿元）\n单位：万元\n甲县 12 3\n"
    assert [unit for (unit,) in rows_of(text, "unit")] == ["亿元", "亿元"]


# ---- a caption's label on the header's line ----------------------------------------------------------


@pytest.mark.parametrize("label", ["表1", "表 1", "表2-1", "续表1"])
def test_a_caption_label_on_the_header_s_line_is_looked_past(label):
    # main: the header was not taken (its first label 表1 is no area's), the rows had no variable nor area
    text = BULLETIN + label + " 县（市、区） 专利授权量（件）\n发明专利授权量（件）\n" "甲县 1200 300\n乙县 800 100\n丙县 600 90\n"
    assert rows_of(text, "variable", "value", "unit", "entity") == PATENTS


@pytest.mark.parametrize("caption", ["表 1 各县专利授权情况", "图 2 各县专利授权情况"])
def test_a_caption_with_a_blank_before_its_number_is_no_figure(caption):
    # main: "表 1" (a PDF's blank between the label and its number) read 1 as a figure before the table
    text = BULLETIN + caption + "\n县（市、区） 专利授权量（件） 发明专利授权量（件）\n甲县 1200 300\n乙县 800 100\n丙县 600 90\n"
    assert [value for (value,) in rows_of(text, "value")] == [row[1] for row in PATENTS]


# ---- 年初以来 / 年初至今 after a sentence about an earlier year ------------------------------------------

HALF_YEAR = "某市2026年上半年科技工作总结\n2023年，全市技术合同成交额80亿元。"


@pytest.mark.parametrize("since", ["年初以来", "年初至今", "自年初以来"])
def test_since_the_year_s_start_is_the_title_s_period_not_an_earlier_year_s(since):
    # main: 2023 (the year of the sentence before); 今年以来 has been the title's period since round 35
    text = HALF_YEAR + since + "，全市新增高新技术企业120家。"
    assert rows_of(text, "value", "period") == [(80.0, "2023"), (120.0, "2026H1")]


def test_the_start_of_a_named_year_stays_that_year_s():
    # 2025年年初以来: the span from that year's start, not the title's period
    text = "某市2026年上半年科技工作总结\n2025年年初以来，全市新增高新技术企业120家。"
    assert rows_of(text, "value", "period") == [(120.0, "2025")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # inside a sentence about an earlier year: the start of that year (review 36: these were 2026H1 / 2025)
        ("某市2026年上半年科技工作总结\n2025年上半年，年初以来全市新增高新技术企业100家。", [(100.0, "2025H1")]),
        ("某市2025年科技工作总结\n2024年，全市新增高新技术企业80家，年初以来新增科技型中小企业300家。", [(80.0, "2024"), (300.0, "2024")]),
        # a review of 2025 dated 2026: 年初 is 2025's (今年 would be the date's year)
        (
            "2025年全市科技创新工作新闻发布会\n发布时间：2026年1月15日\n2025年，全市技术合同成交额80亿元。" "年初以来，全市新增高新技术企业120家。",
            [(80.0, "2025"), (120.0, "2025")],
        ),
    ],
)
def test_the_start_of_the_year_inside_a_sentence_or_under_a_dated_head_is_the_year_in_force(text, expected):
    assert rows_of(text, "value", "period") == expected


# ---- lexicon -------------------------------------------------------------------------------------------

TITLE = "某市2025年科技工作总结\n"


@pytest.mark.parametrize(
    ("sentence", "variable", "unit"),
    [
        # with universities or institutes: cooperation agreements (main: projects_signed, the investors')
        ("全年与高校签约项目32个。", "cooperation_agreements", "个"),
        ("与科研院所签约项目12项。", "cooperation_agreements", "项"),
        ("与院所签约项目5项。", "cooperation_agreements", "项"),
        ("全年签约项目15项。", "projects_signed", "项"),  # a bare 签约项目 stays the investors'
        # a company's own R&D intensity (main: no variable), a region's stays rd_intensity
        ("某公司研发投入强度达到5.2%。", "enterprise_rd_intensity", "%"),
        ("全市研发投入强度2.6%。", "rd_intensity", "%"),
        # parts of R&D expenditure (main: both rd_expenditure, the whole)
        ("其中费用化研发投入1.9亿元。", "rd_expenditure_expensed", "亿元"),
        ("资本化研发投入0.46亿元。", "rd_expenditure_capitalised", "亿元"),
        # unbound on main
        ("全市研发人员数量达到3.2万人。", "rd_personnel", "万人"),
        ("园区入驻企业86家。", "park_firms", "家"),  # a park's, named (a bare 入驻企业: see the report)
        # candidates for high-tech recognition, no recognised firms (trial: a city's monthly bulletin)
        ("全市新增高新技术企业培育库入库企业45家。", "hnte_candidates", "家"),
    ],
)
def test_lexicon_round36(sentence, variable, unit):
    assert rows_of(TITLE + sentence, "variable", "unit") == [(variable, unit)]


def test_rd_personnel_full_time_equivalent_is_no_head_count():
    # 全时当量 in 人年 is no number of people: never rd_personnel's figure
    rows = rows_of(TITLE + "R&D人员全时当量2.1万人年。", "variable", "unit")
    assert rows == [("", "万人年")]


def test_parts_of_r_and_d_beside_the_whole_keep_the_whole():
    text = "某公司2025年年度报告\n研发投入2.36亿元，其中费用化研发投入1.9亿元，资本化研发投入0.46亿元。"
    assert rows_of(text, "variable", "value") == [
        ("rd_expenditure", 2.36),
        ("rd_expenditure_expensed", 1.9),
        ("rd_expenditure_capitalised", 0.46),
    ]


# ---- trial: a city's monthly bulletin with its issue line, a province's communiqué with a table by city -----


@pytest.mark.parametrize("issue", ["（2026年第3期）\n", "（2026年）\n", ""])
def test_an_issue_line_under_a_month_s_title_keeps_the_title_s_period(issue):
    # main: 本月… under （2026年第3期） was of 2026 (the issue's year put the whole year in force)
    text = "某市科技局2026年3月工作动态\n" + issue + "本月新增科技型中小企业入库128家。一季度全市技术合同成交额21.4亿元。"
    assert rows_of(text, "value", "period") == [(128.0, "2026-03"), (21.4, "2026Q1")]


def test_an_issue_line_under_a_year_s_title_is_that_year():
    text = "某市科技局2025年科技工作简报\n（2025年第12期）\n全市新增科技型中小企业入库128家。"
    assert rows_of(text, "value", "period") == [(128.0, "2025")]


def test_trial_province_communique_with_units_listed_above_a_table_by_city():
    # every figure checked by hand against its sentence or row (our own text)
    text = (
        "某省2025年国民经济和社会发展统计公报\n十、科学技术和教育\n"
        "全年全省研究与试验发展（R&D）经费支出1250.6亿元，占地区生产总值的比重为2.45%。"
        "年末全省共有高新技术企业2.35万家。国家级科技企业孵化器62家，在孵企业1.2万家。\n"
        "表8 2025年各市研究与试验发展经费情况\n单位：亿元、%\n市 R&D经费支出 研发投入强度\n甲市 512.3 3.12\n乙市 208.6 2.05\n"
    )
    assert rows_of(text, "variable", "value", "unit", "period", "entity") == [
        ("rd_expenditure", 1250.6, "亿元", "2025", ""),
        ("rd_intensity", 2.45, "%", "2025", ""),
        ("hnte_total", 2.35, "万家", "2025", ""),
        ("incubators", 62.0, "家", "2025", ""),
        ("incubated_firms", 1.2, "万家", "2025", ""),
        ("rd_expenditure", 512.3, "亿元", "2025", "甲市"),
        ("rd_intensity", 3.12, "%", "2025", "甲市"),
        ("rd_expenditure", 208.6, "亿元", "2025", "乙市"),
        ("rd_intensity", 2.05, "%", "2025", "乙市"),
    ]
    assert not findings_of(text, "table_row")


# ---- area headers of a district's, a city's and a national table (lead, a new user's bulletin) -----------
@pytest.mark.parametrize("label", ["街道", "镇街", "区", "各县", "开发区", "园区", "省份", "省（区、市）"])
def test_a_table_by_street_zone_or_province_binds_its_rows(label):
    # main: "街道 专利授权量（件） …" was no header (街道 no area label): the rows had no variable nor area
    text = BULLETIN + label + " 专利授权量（件） 发明专利授权量（件）\n甲县 1200 300\n乙县 800 100\n丙县 600 90\n"
    assert rows_of(text, "variable", "value", "unit", "entity") == PATENTS
