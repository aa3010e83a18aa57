"""Round 33's review (rv33a): four rules of the round read where they must not.

Sentences of our own: a by-area table's heading states its distinctions as prose does (f2); bare
公司/集团 is the report's own only in a firm's report (f1); 到<year>年 is a plan only against the
title's year (f4); the bureau's own budget rule leaves the region's fiscal figures alone (f5)."""

import math

import pytest

import zhibiao as zb


def _rows(text: str) -> list[tuple[str, float, str, str, bool]]:
    facts = zb.extract(text)
    return [
        (str(r.variable), r.value, str(r.entity), str(r.period), bool(r.flag_target))
        for r in facts.itertuples(index=False)
    ]


def _variable_of(text: str, figure: str) -> str:
    facts = zb.extract(text)
    found = facts[facts.text == figure]
    assert len(found) == 1, (figure, facts[["variable", "text"]].to_string())
    return str(found.variable.iloc[0])


# f2: a heading reads as the same words in prose

AREA_TABLE = "2025年全市科技统计公报\n\n表1 2025年各县（市、区）主要科技指标\n县（市、区） {heading} 有效发明专利（件）\n东湖区 17 430\n西岭县 9 215\n合计 26 645\n"


@pytest.mark.parametrize(
    ("heading", "prose"),
    [
        ("新增高新技术企业（家）", "全市新增高新技术企业17家。"),
        ("新认定高新技术企业（家）", "全市新认定高新技术企业17家。"),
        ("累计高新技术企业（家）", "全市累计高新技术企业17家。"),
        ("高新技术企业（家）", "全市高新技术企业17家。"),
        ("高新技术企业总数（家）", "全市高新技术企业总数17家。"),
        ("专利授权量（件）", "全市专利授权量17件。"),
    ],
)
def test_a_headings_words_choose_as_in_prose(heading: str, prose: str) -> None:
    from_prose = _variable_of(prose, prose[-4:-1])
    assert from_prose
    rows = _rows(AREA_TABLE.format(heading=heading))
    column = [row for row in rows if row[1] in (17.0, 9.0, 26.0)]
    assert len(column) == 3 and all(row[0] == from_prose for row in column), (from_prose, rows)


def test_new_firms_by_area_are_no_stock_beside_the_total_column() -> None:
    text = AREA_TABLE.format(heading="新增高新技术企业（家） 高新技术企业总数（家）").replace("有效发明专利（件）", "")
    text = text.replace("东湖区 17 430", "东湖区 17 120").replace("西岭县 9 215", "西岭县 9 85")
    text = text.replace("合计 26 645", "合计 26 205")
    panel = zb.read_report(text, entity="南江市", period="2025")
    table = panel.to_pandas()
    assert table.loc[("南江市", "2025"), "hnte_recognised"] == 26
    assert table.loc[("南江市", "2025"), "hnte_total"] == 205
    assert table.loc[("东湖区", "2025"), "hnte_total"] == 120
    assert "duplicate_figure" not in panel.findings.kind.tolist()


# f1: bare 公司/集团 in a region's report is the firm just named


@pytest.mark.parametrize(
    "text",
    [
        "2025年，全县规上工业企业研发投入12亿元。青山科技集团是全县龙头企业，集团研发投入5亿元。",
        "红岭县科技局2025年工作总结\n红岭精工公司加快发展，公司拥有有效发明专利320件。",
        "南湖科技集团是全区唯一的上市企业，集团研发投入5亿元。",
    ],
)
def test_bare_company_in_a_regions_report_is_another_firm(text: str) -> None:
    rows = _rows(text)
    assert all(not row[0] for row in rows if row[1] in (5.0, 320.0)), rows
    panel = zb.read_report(text, entity="红岭县", period="2025").to_pandas()
    assert "rd_expenditure" not in panel.columns and "valid_invention_patents" not in panel.columns


@pytest.mark.parametrize(
    ("text", "variable", "value"),
    [
        ("青山科技集团2025年科技创新报告\n2025年，集团研发投入5亿元。", "rd_expenditure", 5.0),
        ("2025年度科技创新工作报告\n江南精密机械股份有限公司\n公司拥有有效发明专利320件。", "valid_invention_patents", 320.0),
        # 本公司/我集团 are the report's own whatever its head says
        ("青山科技集团是全县龙头企业，本集团研发投入5亿元。", "rd_expenditure", 5.0),
        ("2025年，我公司拥有有效发明专利320件。", "valid_invention_patents", 320.0),
    ],
)
def test_the_firms_own_report_keeps_its_figures(text: str, variable: str, value: float) -> None:
    assert (variable, value) in [(row[0], row[1]) for row in _rows(text)], _rows(text)


# f4: 到<year>年 is a plan only against the title's year


def test_a_later_year_in_an_untitled_retrospective_is_what_was_reached() -> None:
    text = "2020年，全市高新技术企业800家。到2025年，全市高新技术企业达到1500家，研发投入强度达到2.8%。"
    rows = _rows(text)
    assert [(row[0], row[3], row[4]) for row in rows if row[3] == "2025"] == [
        ("hnte_total", "2025", False),
        ("rd_intensity", "2025", False),
    ], rows
    panel = zb.read_report(text, entity="南江市").to_pandas()
    assert panel.loc[("南江市", "2025"), "hnte_total"] == 1500


def test_a_titled_reports_year_ahead_stays_a_plan() -> None:
    text = "2020年全市科技工作总结\n2020年，全市高新技术企业800家。到2025年，全市高新技术企业达到1500家。"
    assert [row[4] for row in _rows(text)] == [False, True]


# f5: the region's fiscal S&T figures beside a budget word of the bureau's


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("我县财政科技支出3.2亿元，占一般公共预算支出的3.5%，三公经费下降10%。", ["3.2亿元"]),
        ("2025年全市财政科技支出12亿元，同比增长15%，局部门预算执行率达98%。", ["12亿元", "15%"]),
        ("县财政科技支出3.2亿元，比上年增长8%；科技局本部门支出850万元。", ["3.2亿元", "8%"]),
        ("本市财政科技支出9亿元，增长12%，三公经费下降10%。", ["9亿元", "12%"]),
        ("市本级财政科技支出4亿元，较上年增长6%，基本支出另列。", ["4亿元", "6%"]),
    ],
)
def test_the_regions_fiscal_figures_stand_beside_budget_words(text: str, kept: list[str]) -> None:
    facts = zb.extract(text)
    for figure in kept:
        row = facts[facts.text == figure]
        assert row.variable.iloc[0] == "fiscal_st_expenditure", (figure, facts[["variable", "text"]].to_string())
        assert not math.isnan(row.value.iloc[0])


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("县财政科技支出3.2亿元，比上年增长8%；科技局本部门支出850万元。", "850万元"),
        ("本市财政科技支出9亿元，增长12%，三公经费下降10%。", "10%"),
        ("全县财政科技支出3.2亿元；部门预算收入合计900万元，其中财政科技支出850万元。", "850万元"),
        ("2024年部门预算收入合计3250万元，其中财政科技支出2800万元，基本支出1200万元。", "2800万元"),
    ],
)
def test_the_bureaus_own_budget_lines_stay_out(text: str, own: str) -> None:
    facts = zb.extract(text)
    assert facts[facts.text == own].variable.iloc[0] == "", facts[["variable", "text"]].to_string()
