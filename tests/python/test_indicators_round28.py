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
    # The catalogue's measure words (项 projects, 件 patents) do not refuse a sum: the panel's do
    # (review 28b: both loaded in 件, they add; 3件 + 4件 = 7件).
    both = zb.Indicator("x", "projects_approved + valid_invention_patents", unit="件")
    catalogue = zb.Catalogue.builtin().add(both)
    counted = "region,period,projects_approved[{}],valid_invention_patents[件]\nA,2024,3,4\n"
    assert _panel(counted.format("件")).compute(["x"], catalogue=catalogue).loc[("A", "2024"), "x"] == 7
    with pytest.raises(zb.IncompatibleUnitsError, match="count different things"):
        _panel(counted.format("项")).compute(["x"], catalogue=catalogue)


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
    assert panel.periods == ["2023-01", "2024-01", "2024YTD02", "2024YTD09", "2024"]
    # 1-1月 starts the cumulative column: lead() is 1-2月 (15), single_month() January itself (8);
    # its yoy() is January a year earlier, written 1月份 there (6): growth 8 / 6 − 1.
    assert panel.evaluate("lead(x)").loc[("A", "2024-01")] == 15
    assert panel.evaluate("single_month(x)").loc[("A", "2024YTD02")] == 7  # 15 − 8
    assert panel.evaluate("yoy(x)").loc[("A", "2024-01")] == 6
    assert panel.evaluate("growth(x)", unit="1").loc[("A", "2024-01")] == pytest.approx(8 / 6 - 1, rel=1e-15)
    value = panel.evaluate("lag(x)").loc[("A", "2024-01")]
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


def test_the_code_change_warning_points_at_the_callers_line():
    # it pointed into _suggest.py's keyword check (stacklevel 3), as NestedRegionsWarning once did
    with pytest.warns(zb.RegionCodeChangeWarning) as said:
        _panel(CODES).compute([GROWTH])
    assert said[0].filename == __file__


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


# ------------------------------------------------------------------ review 28b
# 1月 and 1-1月 are one figure: counties writing January each way roll up together (10 + 20 = 30 in
# January; February single months 25 − 10 and 45 − 20: 40), as before round 28.
JANUARY_BOTH_WAYS = (
    "code,name,parent,period,valid_invention_patents[件]\n330101,甲区,330100,2024年1月,10\n"
    "330102,乙区,330100,2024年1-1月,20\n330101,甲区,330100,2024年1-2月,25\n330102,乙区,330100,2024年1-2月,45\n"
)


def test_january_written_two_ways_is_one_period_in_a_rollup():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rolled = _panel(JANUARY_BOTH_WAYS).rollup()
    assert rolled.periods == ["2024-01", "2024YTD02"]
    assert rolled.to_pandas().loc[("330100", "2024-01"), "valid_invention_patents"] == 30
    single = rolled.compute([zb.Indicator("sm", "single_month(valid_invention_patents)", unit="件")])
    assert single.loc[("330100", "2024YTD02"), "sm"] == 40  # (25 + 45) − 30


def test_january_written_two_ways_in_one_entity_is_a_duplicate_row():
    with pytest.raises(zb.DuplicateRowError, match="2024-01"):
        _panel("region,period,x[件]\nA,2024年1月,1\nA,2024年1-1月,2\n")


def test_lag_at_the_second_span_reads_january_however_written():
    # 2024YTD01 and 2024年1月 are one row: lag() at 1-2月 reads it (11), single_month() 15 − 11.
    panel = _panel("region,period,x[件]\nA,2024YTD01,11\nA,2024年1-2月,15\n")
    assert panel.evaluate("lag(x)").loc[("A", "2024YTD02")] == 11
    assert panel.evaluate("single_month(x)").loc[("A", "2024YTD02")] == 4


# Counts are checked in the units the panel loaded them in, not the catalogue's: a table counting
# contracts in 件 adds them to patents (10件 + 20件 = 30件), as before round 28.
LOADED_IN_JIAN = "region,period,valid_invention_patents[件],tech_contract_count[件]\nA,2024,10,20\n"


def test_two_columns_loaded_in_one_measure_word_add():
    panel = _panel(LOADED_IN_JIAN)
    both = zb.Indicator("s", "valid_invention_patents + tech_contract_count", unit="件")
    assert panel.compute([both]).loc[("A", "2024"), "s"] == 30
    more = zb.Indicator("m", "valid_invention_patents > tech_contract_count", unit="1")
    assert panel.compute([more]).loc[("A", "2024"), "m"] == 0
    # Loaded in 件 and 项 they are refused on the panel's units, with the factor that declares one as the other.
    other = _panel("region,period,valid_invention_patents[件],tech_contract_count[项]\nA,2024,10,20\n")
    with pytest.raises(zb.IncompatibleUnitsError, match=r"件 and 项 count different things.*1\[件/项\]"):
        other.compute([both], strict=True)
    declared = zb.Indicator("d", "valid_invention_patents + tech_contract_count * 1[件/项]", unit="件")
    assert other.compute([declared]).loc[("A", "2024"), "d"] == 30  # 项 · 件/项 is 件


def test_an_indicator_unit_counting_other_things_than_its_formula_is_refused():
    panel = _panel("region,period,a[件]\nA,2024,120\n")
    with pytest.raises(zb.IncompatibleUnitsError, match=r"counting 件, but the unit '项' counts 项.*1\[项/件\]"):
        panel.compute([zb.Indicator("i", "a", unit="项")], strict=True)
    with pytest.raises(zb.IncompatibleUnitsError, match="give the unit '件'"):
        panel.evaluate("a", unit="项")
    values, why = panel.compute([zb.Indicator("i", "a", unit="项")], strict=False, reasons=True)
    assert math.isnan(values.loc[("A", "2024"), "i"]) and why.loc[("A", "2024"), "i"] == "unit_mismatch"


def test_per_unit_counts_offer_the_factor_that_says_one_is_the_other():
    panel = _panel("region,period,c[万元],a[件],b[项]\nA,2024,60,3,4\n")
    with pytest.raises(zb.IncompatibleUnitsError, match=r"per 件 and per 项 count different things.*1\[项/件\]"):
        panel.evaluate("c / a - c / b", unit="万元/件")
    # 60/3 − 60/4 × 1[项/件] = 20 − 15 = 5 万元/件
    assert panel.evaluate("c / a - c / b * 1[项/件]", unit="万元/件").tolist() == [5]


# recode(): chains, circles, codes to themselves, blanks, float codes; names and parents kept.
def test_recode_follows_a_chain_to_its_last_code():
    panel = _panel("code,name,period,x[件]\n1,甲县,2013,100\n2,甲市,2014,110\n3,甲区,2015,121\n")
    for changes in ({"1": "2", "2": "3"}, {"2": "3", "1": "2"}):
        recoded = panel.recode(changes)
        assert recoded.entities["code"].tolist() == ["3"] and recoded.entities["name"].tolist() == ["甲区"]
        assert recoded.evaluate("growth(x)", unit="%").loc[("3", "2014")] == pytest.approx(10.0, rel=1e-12)


def test_recode_refuses_a_circle_and_blank_codes():
    panel = _panel("code,name,period,x[件]\n1,甲县,2014,100\n2,乙县,2014,50\n1,甲县,2015,110\n2,乙县,2015,55\n")
    with pytest.raises(zb.ArgumentError, match=r"circle \(1 → 2 → 1\)"):
        panel.recode({"1": "2", "2": "1"})
    for blank in (None, float("nan"), ""):
        with pytest.raises(zb.ArgumentError, match="blank"):
            panel.recode({"1": blank})
    with pytest.raises(zb.ArgumentError, match="blank"):
        panel.recode({None: "1"})


def test_recode_of_a_code_to_itself_keeps_it_and_its_name():
    recoded = _panel(CODES).recode({"330183": "330183"})
    assert recoded.entities["name"].tolist() == _panel(CODES).entities["name"].tolist()


def test_recode_reads_float_codes_as_parent_maps_do():
    recoded = _panel(CODES).recode({330183.0: 330111.0})
    assert recoded.entities["code"].tolist() == ["330111", "330106"]


def test_recode_keeps_parents_so_a_rollup_works():
    # Patents of 杭州 (A) summed over its districts: 1000 + 5000 in 2014, 1100 + 5500 in 2015.
    text = (
        "code,name,parent,period,valid_invention_patents[件]\n1,富阳市,A,2014,1000\n2,富阳区,A,2015,1100\n"
        "3,西湖区,A,2014,5000\n3,西湖区,A,2015,5500\n"
    )
    recoded = _panel(text).recode({"1": "2"})
    assert recoded.entities["parent"].tolist() == ["A", "A"]
    rolled = recoded.rollup(recoded.entities.set_index("code")["parent"]).to_pandas()
    assert rolled.loc[("A", "2014"), "valid_invention_patents"] == 6000
    assert rolled.loc[("A", "2015"), "valid_invention_patents"] == 6600


# RegionCodeChangeWarning: every member of a name stem compared, direction from the months.
def _code_change_warnings(csv: str) -> list[str]:
    panel = _panel("code,name,period,x[件]\n" + csv)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        panel.compute([zb.Indicator("g", "x", unit="件")])
    return [str(w.message) for w in seen if w.category is zb.RegionCodeChangeWarning]


def test_code_change_warning_compares_every_member_of_a_stem():
    said = _code_change_warnings("1,甲乙县,2013,1\n1,甲乙县,2014,1\n2,甲乙区,2015,1\n2,甲乙区,2016,1\n3,甲乙市,2013,1\n3,甲乙市,2016,1\n")
    assert len(said) == 1 and "1 (甲乙县) → 2 (甲乙区)" in said[0] and "3 (" not in said[0]
    assert "1 (沛县) → 2 (沛区)" in _code_change_warnings("1,沛县,2014,1\n2,沛区,2015,1\n")[0]
    # Three codes in turn: each to the next, a mapping recode() follows to the last (no key twice).
    said = _code_change_warnings("1,富阳市,2014,1\n2,富阳区,2016,1\n3,富阳县,2018,1\n")[0]
    assert "panel.recode({'1': '2', '2': '3'})" in said


def test_code_change_warning_never_for_periods_that_overlap_or_new_areas():
    assert _code_change_warnings("1,富阳市,2014,1\n2,富阳区,2014-06,1\n") == []  # June is in 2014
    assert _code_change_warnings("1,浦东新区,2014,1\n2,浦东新县,2015,1\n") == []
    said = _code_change_warnings("2,富阳区,2015-06,1\n1,富阳市,2014,1\n")
    assert "1 (富阳市) → 2 (富阳区)" in said[0]  # the earlier months are the old code, whatever the row order


def test_code_change_warning_is_linear_in_entities():
    # 40,000 entities of one period each: a stem of their own each, so no pairs, and no comparison
    # of every row per entity (the review measured 64,000 entities at 2.97 s). Counted, not timed.
    import zhibiao._panel as panel_module

    calls = []
    original = panel_module._months_of

    def counted_months(period):
        calls.append(period)
        return original(period)

    n = 40_000
    frame = pd.DataFrame({"entity": [f"E{k}" for k in range(n)], "period": ["2024"] * n, "x": [1.0] * n})
    frame.attrs["names"] = {f"E{k}": f"地{k}县" for k in range(n)}
    panel = zb.Panel.from_pandas(frame, units={"x": "件"})
    panel_module._months_of = counted_months
    try:
        panel._warn_of_code_changes("compute")
    finally:
        panel_module._months_of = original
    assert len(calls) == 1  # once per distinct period, not per row or per entity


# The registered population is offered only for a column of people whose name says so, beside the
# nearest name.
def test_registered_population_hint_only_for_a_population_column():
    per_10k = "invention_patents_per_10k"
    text = "region,period,valid_invention_patents[件],registered_capital[万元],populaton[万人]\nA,2024,10,5,2\n"
    with pytest.raises(zb.MissingVariableError) as caught:
        _panel(text).compute([per_10k], strict=True)
    assert "did you mean 'populaton'" in str(caught.value) and "registered population" not in str(caught.value)
    text = "region,period,valid_invention_patents[件],户籍人口数[万人],populaton[万人]\nA,2024,10,5,2\n"
    with pytest.raises(zb.MissingVariableError) as caught:
        _panel(text).compute([per_10k], strict=True)
    said = str(caught.value)
    assert "did you mean 'populaton'" in said and "is the registered population" in said
    for other in ("registered_firms[家]", "农业户籍人口[万人]", "non_registered_population[万人]", "户籍人口[户]"):
        text = f"region,period,valid_invention_patents[件],{other}\nA,2024,10,5\n"
        with pytest.raises(zb.MissingVariableError) as caught:
            _panel(text).compute([per_10k], strict=True)
        assert "registered population" not in str(caught.value), other


@pytest.mark.parametrize(
    "text, said",
    [
        ("2024年1-3季度末", "'末' after 1-3季度"),
        ("2024年1-3季度度", "'度' after 1-3季度"),
        ("2024年1-5季度", "1-5季度: a year has quarters 1 to 4"),
        ("2024年2-3季度", "2-3季度: a span of quarters starts in the first"),
    ],
)
def test_quarter_span_errors_say_what_is_wrong(text, said):
    with pytest.raises(zb.ParseError, match=said):
        _panel(f"region,period,x[件]\nA,{text},1\n")


def test_lag_of_january_in_a_column_of_single_months_is_said_as_an_absent_row():
    # the final review of round 28: months without their December were explained as "a span from
    # January has none before it", a note for cumulative columns (1-1月, 1-2月…) only
    text = "region,period,x\nA,2024-01,8\nA,2024-02,7\n"
    explained = _panel(text).explain(zb.Indicator("before", "lag(x)", unit="1"), "A", "2024-01")
    assert "no_such_period" in str(explained)
    assert "a span from January" not in explained.text("en")
    cumulative = "region,period,x\nA,2024年1-1月,8\nA,2024年1-4月,30\n"  # any span from January
    explained = _panel(cumulative).explain(zb.Indicator("before", "lag(x)", unit="1"), "A", "2024-01")
    assert "a span from January has none before it in its year" in explained.text("en")
