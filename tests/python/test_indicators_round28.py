"""Round 28: indicators over panels at the seams left from round 27 (spec: indicators.md).

Each figure below is worked by hand from a made-up panel; the source of each rule is in a comment.
"""

import io
import math
import warnings

import pandas as pd
import pytest

import zhibiao as zb


def _panel(text: str) -> zb.Panel:
    return zb.read_csv(io.StringIO(text))


# ------------------------------------------------------------------ counts of different things
# 件 counts patents, 项 projects, 家 firms, 个 anything the table names: one dimension (count) to the
# unit algebra, so 120件 + 30项 was 150 of nothing, silently.
COUNTS = "region,period,patents[件],projects[项],firms[家],spaces[个],more[万件]\nA,2024,120,30,12,5,0.01\n"


def test_counts_in_different_measure_words_are_no_sum():
    panel = _panel(COUNTS)
    with pytest.raises(zb.IncompatibleUnitsError, match=r"件 and 项 count different things.*1\[件/项\]"):
        panel.evaluate("patents + projects", unit="件")
    with pytest.raises(zb.IncompatibleUnitsError, match="家 and 个 count different things"):
        panel.evaluate("firms + spaces", unit="家")
    with pytest.raises(zb.IncompatibleUnitsError, match="cannot compare"):
        panel.evaluate("patents > projects")
    with pytest.raises(zb.IncompatibleUnitsError, match="maximum"):
        panel.evaluate("max(patents, projects)", unit="件")
    with pytest.raises(zb.IncompatibleUnitsError, match="count different things"):
        panel.compute([zb.Indicator("x", "patents + projects", unit="件")])
    values, why = panel.compute([zb.Indicator("x", "patents + projects", unit="件")], strict=False, reasons=True)
    assert math.isnan(values.loc[("A", "2024"), "x"]) and why.loc[("A", "2024"), "x"] == "unit_mismatch"


def test_counts_in_one_measure_word_or_declared_add_up():
    panel = _panel(COUNTS)
    assert panel.evaluate("patents + more", unit="件").tolist() == [220]  # 120件 + 0.01万件 = 220件
    # Declared: one project taken as one item, 120 + 30 × 1 = 150件.
    assert panel.evaluate("patents + projects * 1[件/项]", unit="件").tolist() == [150]
    assert panel.evaluate("patents / projects", unit="件/项").tolist() == [4]  # a quotient is no sum


def test_a_variable_counted_in_another_measure_word_is_still_itself():
    # A table may count contracts in 件 where the catalogue says 项: the column is the catalogue's
    # tech_contract_count whatever its measure word, so 技术合同平均每项成交额 is computed
    # (2,350万元 / 47件 = 50万元 per contract). Only two counts brought together are refused.
    text = "region,period,tech_contract_value[万元],tech_contract_count[件]\nA,2024,2350,47\n"
    assert _panel(text).compute(["tech_contract_avg_value"]).loc[("A", "2024"), "tech_contract_avg_value"] == 50
    with pytest.raises(zb.IncompatibleUnitsError, match="count different things"):
        zb.Catalogue.builtin().add(zb.Indicator("x", "projects_approved + valid_invention_patents", unit="件"))


# ------------------------------------------------------------------ registered population
# spec/indicators.md §1.4: per-10,000-people indicators divide by 年末常住人口 (resident); 户籍人口
# (registered) is another series. "did you mean 'registered_population'?" sent the analyst there.
def test_registered_population_is_not_offered_as_the_resident_one():
    text = "region,period,valid_invention_patents[件],registered_population[万人]\nA,2024,5600,82\n"
    with pytest.raises(zb.MissingVariableError) as e:
        _panel(text).compute(["invention_patents_per_10k"])
    said = str(e.value)
    assert "did you mean" not in said and "registered population, 户籍人口, not the resident population" in said
    # 户籍人口 is read as the catalogue's registered_population, never as population.
    panel = _panel(text.replace("registered_population", "户籍人口"))
    assert panel.variables == ["valid_invention_patents", "registered_population"]
    with pytest.raises(zb.MissingVariableError, match="'registered_population' is the registered population"):
        panel.compute(["invention_patents_per_10k"])
    # A name the catalogue does not know, still with 户籍 in it, is told the same.
    with pytest.raises(zb.MissingVariableError, match="'年末户籍人口总数' is the registered population"):
        _panel(text.replace("registered_population", "年末户籍人口总数")).compute(["invention_patents_per_10k"])
    # On purpose, in an indicator of one's own: 5600件 / 82万人 = 68.29件/万人 (a year's row: its own year end).
    text = "region,period,valid_invention_patents[件],户籍人口[万人]\nA,2023,5000,80\nA,2024,5600,82\n"
    own = zb.Indicator("per_10k_registered", "valid_invention_patents / year_end(registered_population)", unit="件/万人")
    assert _panel(text).compute([own]).loc[("A", "2024"), "per_10k_registered"] == pytest.approx(5600 / 82, rel=1e-15)


# ------------------------------------------------------------------ periods written as tables write them
def test_month_and_quarter_spans_in_cells():
    text = "region,period,x[项]\nA,2024年1-1月,8\nA,2024年1-2月份,15\nA,2024年1-3季度,60\nA,2024年1-12月份,90\n" "A,2023年1月份,6\n"
    panel = _panel(text)
    assert panel.periods == ["2023-01", "2024YTD01", "2024YTD02", "2024YTD09", "2024"]
    # 1-1月 starts the cumulative column: lead() is 1-2月 (15), single_month() January itself (8);
    # its yoy() is January a year earlier, written 1月份 there (6): growth 8 / 6 − 1.
    assert panel.evaluate("lead(x)").loc[("A", "2024YTD01")] == 15
    assert panel.evaluate("single_month(x)").loc[("A", "2024YTD02")] == 7  # 15 − 8
    assert panel.evaluate("yoy(x)").loc[("A", "2024YTD01")] == 6
    assert panel.evaluate("growth(x)", unit="1").loc[("A", "2024YTD01")] == pytest.approx(8 / 6 - 1, rel=1e-15)
    value = panel.evaluate("lag(x)").loc[("A", "2024YTD01")]
    assert math.isnan(value)  # the sum starts again in January


# ------------------------------------------------------------------ explain's notes in both languages
def test_explain_notes_follow_the_language_and_reach_the_frame():
    text = "region,period,x\nA,2024年1-1月,8\nA,2024年1-2月,15\n"
    explained = _panel(text).explain(zb.Indicator("before", "lag(x)", unit="1"), "A", "2024YTD01")
    assert "a span from January has none before it in its year" in explained.text("en")
    assert "自1月起的累计期在当年没有更早的一期" in explained.text("zh")
    frame = explained.to_frame()
    assert frame["note"].tolist() == [
        "a span from January has none before it in its year; yoy() reads it a year earlier"
    ]
    assert explained.to_frame(lang="zh")["note"].tolist() == ["自1月起的累计期在当年没有更早的一期；yoy() 读取上年同期"]
    with pytest.raises(zb.ArgumentError):
        explained.to_frame(lang="fr")


# ------------------------------------------------------------------ region codes that change
# 富阳市 (330183) became 富阳区 (330111) in 2015 (国函〔2014〕173号): over 2013–2016 one place is two
# entities, and growth() in 2015 is missing unsaid. Patents 1000 in 2014, 1100 in 2015: +10%.
CODES = (
    "code,name,period,patents[件]\n330183,富阳市,2013,900\n330183,富阳市,2014,1000\n330111,富阳区,2015,1100\n"
    "330111,富阳区,2016,1210\n330106,西湖区,2014,5000\n330106,西湖区,2015,5500\n"
)
GROWTH = zb.Indicator("g", "growth(patents)", unit="%")


def test_one_place_under_two_codes_is_warned_of():
    with pytest.warns(zb.RegionCodeChangeWarning, match=r"330183 \(富阳市\) → 330111 \(富阳区\).*recode"):
        values = _panel(CODES).compute([GROWTH])
    assert math.isnan(values.loc[("330111", "2015"), "g"])


def test_places_side_by_side_are_no_code_change():
    # 南昌县 and 南昌市 are two places, with rows in the same years.
    text = "code,name,period,patents[件]\n360121,南昌县,2014,10\n360121,南昌县,2015,11\n360100,南昌市,2014,90\n"
    text += "360100,南昌市,2015,99\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error", zb.RegionCodeChangeWarning)
        _panel(text).compute([GROWTH])


@pytest.mark.parametrize(
    "changes", [{"330183": "330111"}, pd.Series({"330183": "330111"}), pd.DataFrame({"old": [330183], "new": [330111]})]
)
def test_recode_makes_one_entity_over_the_years(changes):
    panel = _panel(CODES).recode(changes)
    assert panel.entities["code"].tolist() == ["330111", "330106"]
    assert panel.entities["name"].tolist() == ["富阳区", "西湖区"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", zb.RegionCodeChangeWarning)
        values = panel.compute([GROWTH])
    assert values.loc[("330111", "2015"), "g"] == pytest.approx(10.0, rel=1e-12)  # 1100 / 1000 − 1
    assert values.loc[("330111", "2014"), "g"] == pytest.approx(100 / 9, rel=1e-12)  # 1000 / 900 − 1
    assert panel.units == {"patents": "件"}


def test_recode_refuses_what_is_no_code_change():
    panel = _panel(CODES)
    with pytest.raises(zb.ArgumentError, match=r"no entity '330184' \(did you mean '330183'\?\)"):
        panel.recode({"330184": "330111"})
    with pytest.raises(zb.ArgumentError, match="2 rows in period 2015.*rollup"):
        panel.recode({"330106": "330111"})  # a merger: both have rows in 2015
    with pytest.raises(zb.ArgumentError, match="columns 'old' and 'new'"):
        panel.recode(pd.DataFrame({"from": ["330183"], "new": ["330111"]}))
