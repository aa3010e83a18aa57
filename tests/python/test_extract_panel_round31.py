"""Round 31, trial 31b (a city analyst's county reports into one panel): whose figure to_panel keeps
(a zone's or a sub-district's never the whole's), the extraction's findings that cost the panel a
variable, and the command line's words for a report with no period. Sentences made up for the rules."""

from __future__ import annotations

import subprocess
import sys

import pytest

import zhibiao as zb


def _panel(text, entity):
    panel = zb.read_report(text, entity=entity)
    table = panel.to_pandas()
    values = table.iloc[0].to_dict() if len(table) else {}
    return values, panel.findings


# ---- 1. a zone of the area is a part: its figure never beats the whole's --------------------


@pytest.mark.parametrize(
    "text",
    [
        "2025年，青山经开区新认定高新技术企业7家，全县新认定高新技术企业23家。",
        "2025年，高新区新认定高新技术企业7家；全县新认定高新技术企业23家。",
        "2025年，青山工业园新认定高新技术企业7家，我县新认定高新技术企业23家。",
        "2025年，农业科技示范区新认定高新技术企业7家，本县新认定高新技术企业23家。",
        "2025年，全县新认定高新技术企业23家，东片区新认定高新技术企业7家。",
        "2025年，青山产业园管委会新认定高新技术企业7家，全县新认定高新技术企业23家。",
    ],
)
def test_a_zone_figure_gives_way_to_the_county_total(text):
    values, findings = _panel(text, "青山县")
    assert values["hnte_recognised"] == 23.0
    assert list(findings.kind) == ["duplicate_figure"] and "left out '7家'" in findings.message[0]


def test_a_zone_figure_alone_stays_as_before():
    # docs/reports.md: a zone is no region of its own (a report may speak of its zone as itself)
    values, findings = _panel("2025年，青山经开区新认定高新技术企业7家。", "青山县")
    assert values["hnte_recognised"] == 7.0 and findings.empty


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("2025年，青山经开区新认定高新技术企业7家，全县新认定高新技术企业23家。", "青山经开区"),
        ("2025年，全县新认定高新技术企业23家，经开区新认定高新技术企业7家。", "青山经开区"),
        ("2025年，东湖高新区新认定高新技术企业7家，全市新认定高新技术企业23家。", "东湖高新区"),
    ],
)
def test_a_report_of_the_zone_itself_keeps_the_zone_figure(text, entity):
    values, findings = _panel(text, entity)
    assert values["hnte_recognised"] == 7.0
    # round 33: the whole's figure is set aside (other_area) before duplicates are chosen
    assert findings.kind[0] == "other_area" and "'23家'" in findings.message[0]


# ---- 2. a town or sub-district, even of the entity's own stem, is a part ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2025年，龙湖街道新增科技型中小企业21家，湖滨街道新增科技型中小企业18家。",
        "2025年，龙湖镇新增科技型中小企业21家。",
        "2025年，湖滨乡新增科技型中小企业21家。",
    ],
)
def test_a_sub_district_figure_is_not_the_district_value(text):
    values, findings = _panel(text, "龙湖区")
    assert "tech_sme_registered" not in values
    other = findings[findings.kind == "other_area"]
    # round 33: each town's figure is set aside before duplicates are chosen, each with its finding
    assert len(other) >= 1 and all("a part of 龙湖区" in m for m in other.message)


def test_the_district_total_wins_over_its_sub_district():
    text = "2025年，龙湖街道新增科技型中小企业21家，全区新增科技型中小企业63家。"
    values, findings = _panel(text, "龙湖区")
    assert values["tech_sme_registered"] == 63.0
    assert list(findings.kind) == ["other_area"]  # round 33: set aside before duplicates are chosen


def test_own_town_and_unnamed_towns_keep_their_figure():
    values, _ = _panel("2025年，东坪镇新增科技型中小企业21家。", "东坪镇")  # the town's own report
    assert values["tech_sme_registered"] == 21.0
    values, _ = _panel("2025年，东坪镇新增科技型中小企业21家。", "x")  # no level word: whose cannot be told
    assert values["tech_sme_registered"] == 21.0
    values, _ = _panel("2025年，新增乡镇科技型中小企业21家。", "青山县")  # towns in general, none named
    assert values["tech_sme_registered"] == 21.0


# ---- 3. extraction findings about would-be panel values reach the panel ------------------------

TABLE = (
    "河东区2025年科技创新主要指标完成情况\n表1 主要科技指标（单位：万元）\n序号 指标名称 2025年 2024年 增长%\n"
    "1 研发经费投入 38600 33200 16.3\n2 专利授权量（件） 1 0 26 965 6.3\n"
)


def test_a_table_row_not_read_is_a_panel_finding():
    panel = zb.read_report(TABLE, entity="河东区")
    rows = panel.findings[panel.findings.kind == "table_row"]
    assert len(rows) == 1 and "专利授权量" in rows.text.iloc[0] and "enters the panel" in rows.message.iloc[0]
    assert list(panel.to_pandas().columns) == ["rd_expenditure"]  # the row's figures are still no value


def test_read_reports_forwards_each_report_findings_with_its_entity():
    panel = zb.read_reports({"河东区": TABLE, "河西区": "2025年，新认定高新技术企业1 2家。"})
    found = panel.findings.set_index("kind")
    assert found.loc["table_row", "entity"] == "河东区"
    assert found.loc["split_digits", "entity"] == "河西区"
    assert "hnte_recognised" in found.loc["split_digits", "message"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("2025年，新认定高新技术企业1 2家。", "split_digits"),
        ("2025年，专利授权量1,2 34件。", "split_digits"),
        ("2025年，技术合同成交额12.3.4亿元。", "extra_point"),
    ],
)
def test_the_damage_of_a_figure_with_a_variable_is_a_panel_finding(text, kind):
    panel = zb.read_report(text, entity="河东区")
    assert list(panel.findings.kind) == [kind]
    assert "damaged_source" in panel.findings.message[0]


def test_findings_about_no_panel_value_stay_out():
    # damage of a figure with no variable, a lost list number: no panel value was lost
    text = "2025年，召开座谈会1 2次。\n、新认定高新技术企业12家\n"
    extracted = zb.extract(text).attrs["findings"]
    assert {"split_digits", "lost_list_number"} <= set(extracted.kind)
    assert zb.read_report(text, entity="河东区").findings.empty


def _zhibiao(*args):
    return subprocess.run([sys.executable, "-m", "zhibiao", *map(str, args)], capture_output=True, text=True)


def test_cli_panel_says_the_table_row_on_stderr(tmp_path):
    path = tmp_path / "hd.txt"
    path.write_text(TABLE, encoding="utf-8")
    run = _zhibiao("extract", "--panel", "--entity", "河东区", path)
    assert run.returncode == 0, run.stderr  # documented: 1 only for bytes that were not text
    assert "table_row" in run.stderr and "专利授权量" in run.stderr
    out = tmp_path / "found.csv"
    run = _zhibiao("extract", "--panel", "--entity", "河东区", "--findings", out, path)
    assert "table_row" in out.read_text(encoding="utf-8") and "table_row" not in run.stderr


# ---- 4. the command line names its own option --------------------------------------------------


def test_cli_asks_for_period_as_an_option(tmp_path):
    path = tmp_path / "sm.txt"
    path.write_text("记者从石门县科技局获悉，今年上半年，全县技术合同成交额0.93亿元。\n", encoding="utf-8")
    run = _zhibiao("extract", "--panel", "--entity", "石门县", path)
    assert run.returncode == 2
    assert "give --period P" in run.stderr and "period=" not in run.stderr
    with pytest.raises(zb.ParseError, match="pass period="):  # the library keeps its keyword
        zb.read_report(path.read_text(encoding="utf-8"), entity="石门县")
