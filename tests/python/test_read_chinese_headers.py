"""A bureau's own table, headed in Chinese, loads as its English twin does: names, long layout
columns and the headings statistical tables use for the catalogue's variables."""

import io

import pytest

import zhibiao as zb


def _read(text: str) -> zb.Panel:
    return zb.read_csv(io.BytesIO(text.encode("gb18030")))


def test_a_long_table_in_chinese_computes_the_hand_checked_figures():
    # 崇川区: 3100 件 over the 2023 year-end population 90.1 万人 = 34.41 per 10k;
    # R&D 15.3 亿元 / GDP 601.2 亿元 = 2.545 %. 通州区: 18,500 万元 / 750,000 万元 = 2.467 %.
    panel = _read(
        "地区代码,地区,时期,指标,数值,单位\n"
        "320601,崇川区,2024H1,有效发明专利,3100,件\n"
        "320601,崇川区,2023,常住人口,90.1,万人\n"
        "320601,崇川区,2024H1,地区生产总值,601.2,亿元\n"
        "320601,崇川区,2024H1,R&D经费内部支出,15.3,亿元\n"
        "320612,通州区,2024H1,GDP,750000,万元\n"
        '320612,通州区,2024H1,R&D经费内部支出,"18,500",万元\n'
    )
    assert panel.report["layout"] == "long"
    assert list(panel.entities["name"]) == ["崇川区", "通州区"]
    values = panel.compute(["invention_patents_per_10k", "rd_intensity"])
    assert values.loc[("320601", "2024H1"), "invention_patents_per_10k"] == pytest.approx(3100 / 90.1)
    assert values.loc[("320601", "2024H1"), "rd_intensity"] == pytest.approx(100 * 15.3 / 601.2)
    assert values.loc[("320612", "2024H1"), "rd_intensity"] == pytest.approx(100 * 18500 / 750000)


def test_other_headings_are_renamed_and_listed_in_the_catalogue():
    panel = _read("地区代码,地区名称,年份,地区生产总值（GDP）[亿元],技术合同成交金额[万元]\n1,甲县,2023,100,2500\n")
    assert set(panel.units) == {"gdp", "tech_contract_value"}
    assert panel.report["renamed_columns"] == {"地区生产总值（GDP）": "gdp", "技术合同成交金额": "tech_contract_value"}
    assert panel.entities["name"].tolist() == ["甲县"]
    variables = zb.Catalogue.builtin().variables().set_index("id")
    assert "R&D经费内部支出" in variables.loc["rd_expenditure", "other_names"]
    with pytest.raises(zb.ParseError, match="duplicate column 'gdp'"):
        _read("地区代码,年份,GDP[亿元],地区生产总值[亿元]\n1,2023,100,100\n")


def test_the_project_headings_of_a_bureaus_own_sheet_are_the_catalogue_counts():
    # trial23a F17: a bureau's project sheet heads its columns 申报项目数 / 立项项目数 (28 applied,
    # 11 approved: the half-year report's 39.3 %, indicators.md §4.1), not the catalogue's
    # 组织申报项目数 / 获批立项项目数.
    panel = _read("地区代码,地区,年份,申报项目数[项],立项项目数[项]\n1,甲县,2025,28,11\n")
    assert panel.report["renamed_columns"] == {"申报项目数": "projects_applied", "立项项目数": "projects_approved"}
    rate = panel.compute(["project_approval_rate"])
    assert rate.loc[("1", "2025"), "project_approval_rate"] == pytest.approx(100 * 11 / 28)


def test_a_name_given_to_two_variables_is_refused(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[variable]]\nid = "a"\nname_zh = "甲"\ndimension = "count"\n'
        '[[variable]]\nid = "b"\nother_names = ["甲"]\ndimension = "count"\n',
        encoding="utf-8",
    )
    with pytest.raises(zb.ParseError, match="'甲' already names variable 'a'"):
        zb.load_catalogue(path)


@pytest.mark.parametrize("heading", ["县（市、区）", "县(市、区)", "区县", "县区", "县市区", "城市", "地市", "省份", "省（区、市）"])
def test_a_yearbooks_name_column_beside_the_codes_is_the_units_names(heading):
    # Statistical yearbooks head the names column of a county, city or province table so; beside a
    # code column it is the name, not a variable ("not a number: '甲县'" before).
    panel = _read(f"区划代码,{heading},年份,地区生产总值\n430102,甲县,2024,100\n430103,乙县,2024,120\n")
    assert panel.entities["name"].tolist() == ["甲县", "乙县"]
    assert list(panel.variables) == ["gdp"]


@pytest.mark.parametrize(
    "header, row, name, other",
    [
        ("区划代码,城市,区县,年份,地区生产总值", "430102,长沙市,芙蓉区,2024,100", "芙蓉区", "城市"),
        ("区划代码,省份,城市,年份,地区生产总值", "430100,湖南省,长沙市,2024,100", "长沙市", "省份"),
        ("区划代码,区域,地区,年份,地区生产总值", "430100,华中,长沙市,2024,100", "长沙市", "区域"),
    ],
)
def test_a_second_names_column_says_how_to_leave_it_out(header, row, name, other):
    # review24 F8: the county table's column of its cities' names stopped the read with "not a
    # number: '长沙市'" alone; the error now says how to leave it out (never left out unasked:
    # review24b G5, a column of numbers headed 企业 is a variable).
    with pytest.raises(zb.ParseError, match=rf"the column '{other}' is headed as names are: leave it out with ignore="):
        _read(f"{header}\n{row}\n")
    panel = zb.read_csv(io.BytesIO(f"{header}\n{row}\n".encode("gb18030")), ignore=[other])
    assert panel.entities["name"].tolist() == [name]
    assert list(panel.variables) == ["gdp"] and panel.report["ignored_columns"] == [other]


def test_a_column_of_numbers_headed_as_names_are_is_still_read():
    panel = _read("企业代码,企业名称,企业,年份,地区生产总值\n91A,甲公司,1200,2024,1\n")
    assert list(panel.variables) == ["企业", "gdp"] and panel.report["ignored_columns"] == []
