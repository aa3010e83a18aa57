"""Round 38, the lead's fixes from the analyst trial (tnb38)."""

import pandas as pd
import pytest

import zhibiao as zb

# tech-sme-2017 (spec §6b): 12 S&T staff of 40 = 30 % → 20 points; R&D 45 万元 of sales 1000 万元
# (0.1 亿元) = 4.5 % → 30 points; two class II IP items → 12 points: 62 in all, by hand.
FIRM = {
    "employees": [40],
    "st_staff": [12],
    "sales": [0.1],
    "assets": [0.05],
    "rd_expense": [45],
    "total_cost": [204.5],
    "ip_class1": [0],
    "ip_class2": [2],
}


def test_scorecard_reads_units_a_frame_carries():
    frame = zb.with_units(pd.DataFrame(FIRM), sales="亿元", assets="亿元")
    by_attrs = zb.scorecards.evaluate(frame, "tech-sme-2017").total.tolist()
    by_argument = zb.scorecards.evaluate(pd.DataFrame(FIRM), "tech-sme-2017", units={"sales": "亿元", "assets": "亿元"})
    assert by_attrs == [62.0] == by_argument.total.tolist()


def test_gap_reads_units_a_frame_carries():
    # 3 S&T staff of 40 is 7.5 %: 10 % needs 4, but the points lost need 13 more (30 % → 20 points at 20 万元 each)
    frame = zb.with_units(pd.DataFrame({**FIRM, "st_staff": [3]}), sales="亿元", assets="亿元")
    found = zb.scorecards.gap(frame, "tech-sme-2017")
    assert found.cost_st_staff.tolist() == [260.0]


def test_a_unit_in_the_heading_wins_over_attrs():
    frame = pd.DataFrame(FIRM).rename(columns={"sales": "sales[亿元]"})
    frame.attrs["units"] = {"sales[亿元]": "万元"}
    assert zb.scorecards.evaluate(frame, "tech-sme-2017", units={"assets": "亿元"}).total.tolist() == [62.0]


def test_panel_to_pandas_keeps_its_units_for_scoring():
    panel = zb.Panel.from_pandas(
        pd.DataFrame(FIRM).assign(firm="A", period="2024"), units={"sales": "亿元", "assets": "亿元"}, entity="firm"
    )
    assert zb.scorecards.evaluate(panel.to_pandas(), "tech-sme-2017").total.tolist() == [62.0]


def test_over_time_labels_the_halves_it_draws():
    import matplotlib

    matplotlib.use("Agg")
    index = pd.MultiIndex.from_product([["A"], ["2024H1", "2024H2", "2025H1"]], names=["entity", "period"])
    ax = zb.plot.over_time(pd.DataFrame({"rd_intensity": [1.0, 2.0, 3.0]}, index=index), "rd_intensity")
    # H1 sits at 2024.25, left of the year's label at 2024.5: it needs its own label
    minor = [
        (round(t, 3), label.get_text()) for t, label in zip(ax.get_xticks(minor=True), ax.get_xticklabels(minor=True))
    ]
    assert minor == [(2024.25, "H1"), (2024.75, "H2"), (2025.25, "H1")]
    assert [label.get_text() for label in ax.get_xticklabels()] == ["2024", "2025"]


def test_over_time_of_years_alone_has_no_part_labels():
    import matplotlib

    matplotlib.use("Agg")
    index = pd.MultiIndex.from_product([["A"], ["2023", "2024"]], names=["entity", "period"])
    ax = zb.plot.over_time(pd.DataFrame({"rd_intensity": [1.0, 2.0]}, index=index), "rd_intensity")
    assert [label.get_text() for label in ax.get_xticklabels(minor=True)] == []


def test_two_sheets_put_together_by_pandas_are_told_how_to_join():
    # the trial's two sheets: GDP in 亿元 in one, in 万元 in the other
    first = pd.DataFrame({"region": ["A"], "period": ["2024"], "地区生产总值[亿元]": [400.0]})
    second = pd.DataFrame({"region": ["B"], "period": ["2024"], "地区生产总值[万元]": [4000000.0]})
    with pytest.raises(zb.ParseError, match="zb.concat"):
        zb.Panel.from_pandas(pd.concat([first, second]), entity="region")
    joined = zb.concat([zb.Panel.from_pandas(t, entity="region").to_pandas() for t in (first, second)])
    assert joined["gdp"].tolist() == [400.0, 400.0]  # 4,000,000 万元 = 400 亿元


def test_two_columns_of_one_variable_in_one_row_are_not_sent_to_concat():
    both = pd.DataFrame({"region": ["A"], "period": ["2024"], "gdp[亿元]": [400.0], "地区生产总值[万元]": [4000000.0]})
    with pytest.raises(zb.ParseError, match="keep one") as caught:
        zb.Panel.from_pandas(both, entity="region")
    assert "concat" not in str(caught.value)


def test_to_panel_refuses_the_figures_of_several_reports():
    # 28 applied in 甲县 and 11 approved in 乙县 gave one entity an approval rate of 39.3 %, a rate of neither
    facts = zb.extract({"甲县": "2025年上半年，全县组织申报科技项目28项。", "乙县": "2025年上半年，获批立项11项。"})
    with pytest.raises(zb.ArgumentError, match="2 reports.*read_reports"):
        facts.to_panel("甲县", period="2025H1")
    one = facts[facts.report == "甲县"].to_panel("甲县", period="2025H1")
    assert one.to_pandas()["projects_applied"].tolist() == [28.0]
    assert "projects_approved" not in one.to_pandas().columns


def test_an_indicator_under_another_name_reports_print_is_read_and_checked():
    import io

    # spec §1 row 1: 每万人口发明专利拥有量 / 万人有效发明专利拥有量, one indicator. 1,800 patents over
    # 20 万人 = 90.0 件/万人 (by hand): a published 95.0 is flagged, as under its id
    text = "region,period,valid_invention_patents[件],population[万人],万人有效发明专利拥有量[件/万人]\nA,2023,1800,20,95.0\n"
    panel = zb.read_csv(io.StringIO(text))
    assert "invention_patents_per_10k" in panel.units
    found = panel.validate()
    assert "published_patents_per_10k_matches" in set(found["rule"])


def test_the_catalogue_lists_an_indicators_other_names():
    names = zb.catalogue().set_index("id")["other_names"]
    assert "万人有效发明专利拥有量" in names["invention_patents_per_10k"]
    assert "全社会R&D经费支出占GDP比重" in names["rd_intensity"]


def test_an_other_name_that_names_a_variable_is_refused(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[variable]]\nid = "gdp"\nname_zh = "地区生产总值"\nunit = "亿元"\n\n'
        '[[variable]]\nid = "rd"\nunit = "万元"\n\n'
        '[[indicator]]\nid = "rd_share"\nother_names = ["地区生产总值"]\nformula = "rd / gdp"\nunit = "%"\n',
        encoding="utf-8",
    )
    with pytest.raises(zb.ParseError, match="already names variable 'gdp'"):
        zb.load_catalogue(str(path))


def test_a_chinese_explanation_uses_the_full_width_semicolon():
    # 12 S&T staff of 40 (20 points) and nothing else scored: below tech-sme-2017's 60 (spec §6b)
    firm = pd.DataFrame({**FIRM, "rd_expense": [0.0], "ip_class2": [0]})
    result = zb.scorecards.evaluate(zb.with_units(firm, sales="亿元", assets="亿元"), "tech-sme-2017")
    said = result.explanation_zh.iloc[0]
    assert said.startswith("未通过：") and "；" in said and "; " not in said
