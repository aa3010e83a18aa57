"""Round 16 (options and messages): every misspelt option name or value is a typed error with
"did you mean" — a swap of two letters ("ir" for ri, "gpd" for gdp) and a difference of case
("HIGH" for high) included, by one rule in Python (zhibiao._suggest) and C++
(zhibiao/detail/edit_distance.hpp); counts in messages agree with their nouns ("1 firm"); a
name with a space at an end is shown with its space."""

import io
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import _suggest
from zhibiao._lang import cli_message, counted

C = zb.composite

# ------------------------------------------------------------------ the distance (item 4)


@pytest.mark.parametrize(
    "a, b, distance",
    [
        ("totla", "total", 1),  # one swap (Levenshtein: 2)
        ("gpd", "gdp", 1),
        ("ir", "ri", 1),
        ("abc", "ca", 3),  # OSA edits no character twice (unrestricted Damerau: 2)
        ("abs", "absolute", 5),
        ("研发经废", "研发经费", 1),  # characters, not UTF-8 bytes
        ("", "gdp", 3),
    ],
)
def test_the_distance_counts_a_swap_of_neighbours_as_one_edit(a, b, distance):
    assert _suggest.edit_distance(a, b) == distance
    assert _suggest.edit_distance(b, a) == distance


def test_a_swap_is_nearer_than_a_substitution_and_case_is_no_distance():
    # "gpd": gdp is one swap away, gpa one substitution; the first candidate listed used to win
    # the tie of Levenshtein 2 against 1 the other way round.
    assert _suggest.closest_name("gpd", ["gpa", "gdp"]) in ("gpa", "gdp")
    assert _suggest.closest_name("gpd", ["rd", "gdp"]) == "gdp"
    # "ri" has 2 characters: a typo may be 2 // 3 + 1 = 1 edit away, which only the swap is
    assert _suggest.closest_name("ir", ["ri", "levels"]) == "ri"
    assert _suggest.closest_name("HIGH", ["low", "high", "mid"]) == "high"  # 4 substitutions as written
    # case decides nothing when the name as written matches exactly
    assert _suggest.closest_name("Gdp", ["GDP", "Gdp"]) == "Gdp"
    assert _suggest.closest_name("gdP", ["GDP", "gdp"]) == "gdp"  # 1 edit as written, against 2


# ------------------------------------------------------------------ composite steps (item 1)


@pytest.mark.parametrize(
    "make, wanted",
    [
        (lambda: C.Weigh("ahp", ir="saaty"), "ri"),
        (lambda: C.Weigh("entropy", lveels=[2]), "levels"),
        (lambda: C.Weigh("critic", CORRELATION="absolute"), "correlation"),
        (lambda: C.Aggregate("vikor", V=0.3), "v"),
        (lambda: C.Aggregate("generalised", pwoer=2.0), "power"),
        (lambda: C.Aggregate("mpi", PENALTY=-1), "penalty"),
    ],
)
def test_a_misspelt_keyword_of_weigh_or_aggregate_names_the_parameter_meant(make, wanted):
    with pytest.raises(zb.ArgumentError, match=rf"no parameter .*\(did you mean '{wanted}'\?\)") as raised:
        make()
    assert isinstance(raised.value, TypeError)


def test_a_misspelt_key_of_a_model_file_is_suggested_the_same_way():
    toml = '[[step]]\nkind = "weigh"\nmethod = "ahp"\nir = "saaty"\n'
    with pytest.raises(zb.ParseError, match=r"'ir'.*did you mean 'ri'"):
        C.Model(toml)


@pytest.mark.parametrize(
    "make, wanted",
    [
        (lambda: C.Aggregate("ARITHMETIC"), "arithmetic"),
        (lambda: C.Aggregate("tospis"), "topsis"),
        (lambda: C.Weigh("ENTROPY"), "entropy"),
        (lambda: C.Weigh("critic", correlation="pearosn"), "pearson"),
    ],
)
def test_a_misspelt_or_capitalised_method_is_refused_with_the_name_meant(make, wanted):
    with pytest.raises(zb.ArgumentError, match=rf"did you mean '{wanted}'"):
        make()


# ------------------------------------------------------------------ scorecard policy (item 2)


def _firm() -> pd.DataFrame:
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    from test_hnte_rules import FIRM

    return pd.DataFrame([FIRM])


@pytest.mark.parametrize("policy", ["HIGH", "Low", "MID", "hgih"])
def test_a_policy_in_capitals_or_misspelt_is_refused_with_the_policy_meant(policy):
    # Refused, not accepted: the house suggests a case-only difference (composite methods,
    # lang=) and never takes a value other than as written.
    card = zb.scorecards.load("hnte-2016")
    with pytest.raises(zb.ArgumentError, match=rf"policy must be 'low', 'high' or 'mid', not '{policy}' "):
        card.evaluate(_firm(), policy=policy)
    with pytest.raises(zb.ArgumentError, match=rf"did you mean '{policy.lower().replace('hgih', 'high')}'"):
        card.evaluate(_firm(), policy=policy)


def test_the_other_choices_of_the_bindings_suggest_too():
    with pytest.raises(
        zb.ArgumentError, match=r"layout must be 'auto', 'wide' or 'long', not 'WIDE'.*did you mean 'wide'"
    ):
        zb.read_csv(io.StringIO("entity,period,x\n1,2024,1\n"), layout="WIDE")
    with pytest.raises(
        zb.ArgumentError, match=r"basis must be 'month', 'day' or 'quarter', not 'dya'.*did you mean 'day'"
    ):
        zb.Period("2024H1").fraction_elapsed("dya")


# ------------------------------------------------------------------ roll-up level (item 3)


def _counties():
    return zb.read_csv(io.StringIO("region,period,gdp[亿元]\n320601,2023,100\n320602,2023,200\n320701,2023,50\n"))


@pytest.mark.parametrize("to, meant", [("provice", "province"), ("Prefecture", "prefecture"), ("prefcetrue", None)])
def test_an_unknown_rollup_level_is_an_argument_error_naming_the_levels(to, meant):
    with pytest.raises(zb.ArgumentError, match=r"to must be 'province' or 'prefecture', not") as raised:
        _counties().rollup(to=to)
    assert isinstance(raised.value, ValueError)
    if meant:
        assert f"(did you mean '{meant}'?)" in str(raised.value)


def test_the_rollup_levels_that_exist_still_roll_up():
    rolled = _counties().rollup(to="province")
    assert rolled.to_pandas()["gdp"].tolist() == [350.0]  # 100 + 200 + 50, all of Jiangsu (32)


# ------------------------------------------------------------------ pandas index levels (item 5)


def _frame_with_levels(names):
    index = pd.MultiIndex.from_tuples([("320601", "2023"), ("320602", "2023")], names=names)
    return pd.DataFrame({"gdp": [100.0, 200.0]}, index=index)


def test_a_misspelt_entity_level_of_a_multiindex_is_suggested():
    with pytest.raises(zb.ParseError, match=r"no column or index level 'regoin'.*did you mean 'region'"):
        zb.Panel.from_pandas(_frame_with_levels(["region", "year"]), entity="regoin", period="year")
    with pytest.raises(zb.ParseError, match=r"no column or index level 'yaer'.*did you mean 'year'"):
        zb.Panel.from_pandas(_frame_with_levels(["region", "year"]), entity="region", period="yaer")


def test_unnamed_index_levels_are_said_with_how_to_name_them():
    with pytest.raises(
        zb.ParseError, match=r"none of its 2 levels has a name: df.rename_axis\(\['entity', 'period'\]\)"
    ):
        zb.Panel.from_pandas(_frame_with_levels([None, None]))
    with pytest.raises(zb.ParseError, match=r"1 of its 2 levels has no name"):
        zb.Panel.from_pandas(_frame_with_levels(["entity", None]))
    # an index of row numbers holds neither: nothing to say about it
    with pytest.raises(zb.ParseError) as raised:
        zb.Panel.from_pandas(pd.DataFrame({"gdp": [1.0]}))
    assert "rename_axis" not in str(raised.value)


def test_a_plot_of_a_table_whose_levels_are_named_otherwise_names_the_level_meant():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    table = _frame_with_levels(["entity", "Period"])
    with pytest.raises(
        zb.MissingVariableError, match=r"no level 'period' \(did you mean 'Period'\?\); its levels: entity, Period"
    ):
        zb.plot.by_region(table, "gdp")
    with pytest.raises(
        zb.MissingVariableError, match=r"over_time: the index has no level 'entity'.*its levels: region, period"
    ):
        zb.plot.over_time(_frame_with_levels(["region", "period"]), "gdp", regions=["320601"])


# ------------------------------------------------------------------ singular and plural (item 6)


def test_counted_agrees_with_one_and_with_many():
    assert counted(1, "firm") == "1 firm" and counted(0, "firm") == "0 firms" and counted(2, "firm") == "2 firms"
    assert counted(1, "entity/entities") == "1 entity" and counted(3, "entity/entities") == "3 entities"
    assert (
        counted(1, "parent value/values") == "1 parent value" and counted(2, "parent value/values") == "2 parent values"
    )


def test_command_line_messages_say_one_in_the_singular():
    said = cli_message("units_scored", "en", count=1, where="out.csv")
    assert said == "1 unit scored, written to out.csv"
    assert cli_message("units_scored", "en", count=2, where="out.csv").startswith("2 units scored")
    assert cli_message("units_scored", "zh", count=1, where="out.csv") == "已对 1 个单位评分，写入out.csv"
    more = cli_message("more_cell_issues", "en", count=1)
    assert more == "… and 1 more unparseable cell"


def test_the_compute_command_says_1_indicator_and_1_unparseable_cell():
    panel = "entity,period,valid_invention_patents[件],population[万人]\n110101,2024,50,100\n110103,2024,x,60\n"
    said = subprocess.run(
        [
            sys.executable,
            "-m",
            "zhibiao",
            "--lang",
            "en",
            "compute",
            "-",
            "--lenient",
            "--ids",
            "invention_patents_per_10k",
        ],
        input=panel,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert said.returncode == 0, said.stderr
    assert "2 rows loaded (0 blank, 0 skipped, 1 unparseable cell); 1 indicator written" in said.stderr, said.stderr


def test_reprs_and_summaries_say_one_in_the_singular():
    fw = C.Framework.flat(["a", "b"])  # two indicators under one aggregate, the index
    assert repr(fw) == "Framework(2 indicators, 1 aggregate)"
    data = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [3.0, 1.0, 2.0]}, index=["x", "y", "z"])
    result = C.build(data, fw, [C.Normalise("minmax"), C.Aggregate("arithmetic")])
    assert "3 regions, 2 indicators, 1 aggregate." in result.summary()
    one = zb.scorecards.evaluate(_firm(), "hnte-2016")
    assert "hnte-2016: 1 firm —" in repr(zb.scorecards.summary(one))


def test_cpp_messages_count_in_the_singular():
    # topsis of 3 criteria with 1 weight: the C++ check of weights (composite/mcdm.cpp)
    with pytest.raises(zb.ArgumentError, match=r"1 weight for 3 criteria"):
        C.topsis(np.ones((4, 3)), [1.0])
    with pytest.raises(zb.ArgumentError, match=r"2 weights for 1 criterion"):
        C.topsis(np.ones((4, 1)), [0.5, 0.5])


# ------------------------------------------------------------------ names with spaces (item 7)
# An id or variable given as an argument is taken as written: one with a space at an end is
# refused, the space shown (the quotes of a message hide it). A header of a file or a DataFrame
# is trimmed, as read_csv always has; a lookup of the untrimmed name then says so.


def _panel():
    return zb.read_csv(io.StringIO("entity,period,gdp[亿元],rd_expenditure[万元]\n320601,2023,100,3000\n"))


@pytest.mark.parametrize(
    "call, shown",
    [
        (lambda p: p.compute([" rd_intensity"]), "' rd_intensity' begins with white space"),
        (lambda p: p.compute("rd_intensity "), "'rd_intensity ' ends with white space"),
        (lambda p: p.values("gdp\t"), "'gdp\\t' ends with white space"),
        (lambda p: p.rollup({"320601": "A"}, also_sum=[" gdp "]), "' gdp ' begins and ends with white space"),
    ],
)
def test_an_id_with_white_space_at_an_end_is_refused_showing_it(call, shown):
    with pytest.raises(KeyError) as raised:
        call(_panel())
    assert isinstance(raised.value, zb.Error)
    assert shown in str(raised.value)


def test_an_id_without_stray_space_gets_no_note():
    with pytest.raises(zb.UnknownIndicatorError) as raised:
        _panel().compute("rd_intensty")
    assert "white space" not in str(raised.value) and "did you mean 'rd_intensity'" in str(raised.value)


def test_a_composite_indicator_whose_column_has_a_space_names_the_column():
    fw = C.Framework.flat(["a", "b"])
    data = pd.DataFrame({"a ": [1.0, 2, 3], "b": [3.0, 1, 2]}, index=list("xyz"))
    steps = [C.Normalise("minmax"), C.Aggregate("arithmetic")]
    pattern = r"the data lack indicators: 'a' \(did you mean 'a '\?; note: 'a ' ends with white space\)"
    with pytest.raises(zb.MissingVariableError, match=pattern):
        C.build(data, fw, steps)


def test_from_pandas_variables_naming_a_column_with_a_space_say_which():
    df = pd.DataFrame({"entity": ["320601"], "period": ["2023"], "gdp ": [1.0]})
    assert zb.Panel.from_pandas(df).variables == ["gdp"]  # the header trimmed, as read_csv does
    with pytest.raises(zb.MissingVariableError, match=r"no column in the DataFrame: 'gdp' \(did you mean 'gdp '\?"):
        zb.Panel.from_pandas(df, variables=["gdp"])


def test_from_pandas_freq_and_write_csv_encoding_suggest_the_value_meant(tmp_path):
    df = pd.DataFrame({"entity": ["320601"], "period": pd.to_datetime(["2023-06-30"]), "gdp": [1.0]})
    with pytest.raises(zb.ArgumentError, match=r"freq must be .* not 'hlaf' \(did you mean 'half'\?\)"):
        zb.Panel.from_pandas(df, freq="hlaf")
    assert zb.Panel.from_pandas(df, freq="half").periods == ["2023H1"]
    table = _panel().compute("rd_intensity")
    with pytest.raises(zb.ArgumentError, match=r"not 'utf8-sig' \(did you mean 'utf-8-sig'\?\)"):
        zb.write_csv(table, tmp_path / "out.csv", encoding="utf8-sig")


def test_an_empty_rollup_level_is_refused_not_read_as_the_immediate_parent():
    # Before: to="" was taken as "not given" and rolled up to the prefectures without a word.
    with pytest.raises(zb.ArgumentError, match=r"to must be 'province' or 'prefecture', not ''"):
        _counties().rollup(to="")


def test_a_scorecard_id_with_a_stray_space_says_so():
    with pytest.raises(zb.UnknownIndicatorError) as raised:
        zb.scorecards.load(" hnte-2016")
    assert "(did you mean 'hnte-2016'?)" in str(raised.value)
    assert "' hnte-2016' begins with white space" in str(raised.value)


def test_a_wrong_explanation_language_is_an_argument_error():
    with pytest.raises(zb.ArgumentError, match=r"language must be 'en' or 'zh', not 'ch'"):
        zb.scorecards.load("tech-sme-2017").explain(pd.DataFrame(), language="ch")


def test_yuan_in_its_formal_and_traditional_forms_is_a_unit():
    # 圆 is the formal character of the yuan, 萬/億/圓 the traditional forms; they were unknown units.
    panel = zb.read_csv(io.StringIO("region,period,funds[万圆],contracts[億元]\n320601,2023,35,1.2\n"))
    assert panel.units["funds"] == "万圆" and panel.units["contracts"] == "億元"
    facts = zb.extract("2025年上半年，全县争取上级科技项目资金35万圆。")
    assert list(facts["unit"]) == ["万圆"] and list(facts["value"]) == [35.0]
