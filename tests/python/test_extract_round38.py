"""Round 38 (ext38): what round 37 noticed and left in the report reader — a change left out of a panel
without the not_a_level finding the docs promise; one rank or unitless column of a table by area refusing the
whole row; a firm's 营业收入 bound on a zone's 合计 row; a bare 入驻企业 with no variable. Texts made up for
the rules, the tables in the shapes of tests/python/test_extract_area_tables.py."""

from __future__ import annotations

import pytest

import zhibiao as zb

TITLE = "青山市2024年国民经济和社会发展统计公报\n"


def _findings(facts, kind):
    found = facts.attrs["findings"]
    return found[found.kind == kind]


def _cell(facts, figure):
    rows = facts[facts.text == figure]
    assert len(rows) == 1, figure
    return rows.iloc[0]


# ---- 1. a change left out of a panel says so (not_a_level) -----------------------------------------------

CHANGES = "2025年上半年，全市研发经费投入12亿元，同比增长8.5%，研发投入强度提高1.2个百分点。"


def test_each_change_left_out_of_the_panel_is_a_not_a_level_finding():
    # main: panel.findings was empty, the 8.5% and the 1.2个百分点 left out without a word
    panel = zb.extract(CHANGES).to_panel("青山市", period="2025H1")
    found = panel.findings[panel.findings.kind == "not_a_level"]
    assert sorted(found.text) == ["1.2个百分点", "8.5%"]
    assert any(m.startswith("rd_intensity:") and "change" in m for m in found.message)
    assert panel.to_pandas().loc[("青山市", "2025H1"), "rd_expenditure"] == 120000.0  # the level still enters (万元)


def test_read_reports_says_each_reports_changes():
    panel = zb.read_reports({"青山市": CHANGES, "白水市": "2025年上半年，全市研发经费投入8亿元。"}, period="2025H1")
    found = panel.findings[panel.findings.kind == "not_a_level"]
    assert sorted(found.text) == ["1.2个百分点", "8.5%"] and set(found.entity) == {"青山市"}


def test_a_change_without_a_variable_is_no_panel_finding():
    # figures with no variable are never the panel's findings (docs/reports.md)
    panel = zb.extract("2025年上半年，全市研发经费投入12亿元。出口额同比增长6%。").to_panel("青山市", period="2025H1")
    assert "6%" not in set(panel.findings.text)


# ---- 2. a rank or unitless column of a table by area is left, the row read ------------------------------

RANKED = TITLE + ("地区  研发投入（万元）  排名\n" "青山县  386  2\n" "白水县  1,205  1\n" "全市合计  1,591  -\n")

UNITLESS = TITLE + (
    "县（市、区）  专利授权量（件）  高新技术企业\n"  # 高新技术企业: no unit, nor a caption's
    "青山县        386              23\n"
    "白水县        1,205            41\n"
)


def test_a_rank_column_is_left_and_the_rows_other_cells_read():
    # main: each area's row was refused (table_row), 386 and 1,205 with no variable nor area
    facts = zb.extract(RANKED)
    assert (_cell(facts, "1,205").variable, _cell(facts, "1,205").entity) == ("rd_expenditure", "白水县")
    assert (_cell(facts, "386").variable, _cell(facts, "386").entity) == ("rd_expenditure", "青山县")
    assert _cell(facts, "2").variable == "" and _cell(facts, "1").variable == ""
    assert len(_findings(facts, "table_row")) == 0
    left = _findings(facts, "table_column")
    assert len(left) == 1 and "排名" in left.message.iloc[0]


def test_a_unitless_column_is_left_with_a_finding_naming_it():
    facts = zb.extract(UNITLESS)
    assert (_cell(facts, "1,205").variable, _cell(facts, "1,205").entity) == ("patents_granted", "白水县")
    assert _cell(facts, "41").variable == ""
    left = _findings(facts, "table_column")
    assert len(left) == 1 and "高新技术企业" in left.message.iloc[0]
    assert len(_findings(facts, "table_row")) == 0


def test_the_panel_says_the_column_left():
    panel = zb.extract(RANKED).to_panel("青山市")
    assert "table_column" in set(panel.findings.kind)
    assert panel.to_pandas().loc[("白水县", "2024"), "rd_expenditure"] == 1205.0


def test_a_row_whose_every_figure_is_unitless_is_still_refused():
    # no unit anywhere: no column is read, the rows stay table_row findings (as before)
    facts = zb.extract(TITLE + "地区  专利授权量  高新技术企业\n青山县  386  23\n白水县  1,205  41\n")
    assert (facts.variable == "").all()
    assert len(_findings(facts, "table_row")) == 2 and len(_findings(facts, "table_column")) == 0


# ---- 3. a firm's quantity on a table by area (a zone's 合计 row) -------------------------------------------

ZONES = "青山高新区2024年经济运行情况\n" + (
    "园区  营业收入（亿元）  研发投入（亿元）\n" "青山工业园  38.6  1.2\n" "白水产业园  12.05  0.4\n" "合计  50.65  1.6\n"
)


def test_operating_revenue_binds_no_area_nor_a_zones_total():
    # main: operating_revenue 38.6 (青山工业园), 12.05 (白水产业园) and 50.65 (the zone's own 合计 row)
    facts = zb.extract(ZONES)
    assert [_cell(facts, t).variable for t in ("38.6", "12.05", "50.65")] == ["", "", ""]
    assert _cell(facts, "1.6").variable == "rd_expenditure"  # the row's other cells read
    said = _findings(facts, "table_heading")
    assert len(said) == 1 and "operating_revenue" in said.message.iloc[0] and "firm" in said.message.iloc[0]


def test_a_firms_report_still_binds_its_operating_revenue():
    facts = zb.extract("2025年，实现营业收入12.6亿元，研发投入2.36亿元，占营业收入的比例为6.8%。")
    assert _cell(facts, "12.6亿元").variable == "operating_revenue"
    assert _cell(facts, "6.8%").variable == "enterprise_rd_intensity"


def test_the_firm_key_is_read_and_checked(tmp_path):
    toml = '[[variable]]\nid = "sales"\nphrases = ["销售收入"]\nunit = "万元"\nfirm = "yes"\n'
    with pytest.raises(ValueError, match="firm"):
        zb.extract("销售收入120万元。", lexicon=_write(tmp_path, toml))
    ok = toml.replace('"yes"', "true")
    assert _cell(zb.extract("2025年，销售收入120万元。", lexicon=_write(tmp_path, ok)), "120万元").variable == "sales"


def _write(tmp_path, text):
    path = tmp_path / "lexicon.toml"
    path.write_text(text, encoding="utf-8")
    return path


# ---- 4. a bare 入驻企业: tenant_firms, the stock and the new ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "figure", "variable"),
    [
        ("截至6月底，入驻企业120家，新增入驻企业15家。", "120家", "tenant_firms"),
        ("截至6月底，入驻企业120家，新增入驻企业15家。", "15家", "tenant_firms_new"),
        ("2025年，全区孵化器内入驻企业120家。", "120家", "tenant_firms"),  # never incubators (round 13)
        ("2025年，累计入驻科技型企业86家。", "86家", "tenant_firms"),
        ("2025年，园区入驻企业86家。", "86家", "park_firms"),  # a park's, named: as before
        ("2025年，在孵企业62家。", "62家", "incubated_firms"),
    ],
)
def test_bare_tenant_firms_bind_tenant_firms(text, figure, variable):
    # main: 120家, 15家 and 86家 (入驻科技型企业) had no variable
    facts = zb.extract(text)
    assert (_cell(facts, figure).variable, _cell(facts, figure).unit) == (variable, "家")
