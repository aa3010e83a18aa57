"""Round 33's analyst day (an33): 30 counties × 5 years read from a workbook, validated, computed,
rolled up, ranked with an uncertainty analysis, and 200 firms screened. What broke or misled,
each a failing test before its fix."""

from __future__ import annotations

import pandas as pd
import pytest

import zhibiao as zb


@pytest.fixture
def counties() -> zb.Panel:
    frame = pd.DataFrame(
        {
            "code": ["930101", "930101", "930105", "930105"],
            "year": [2023, 2024, 2023, 2024],
            "gdp": [500.0, 530.0, 300.0, 320.0],
            "rd_expenditure": [90000.0, 99000.0, 30000.0, 33000.0],
            "population": [100.0, 101.0, 0.0, 0.0],  # 930105: a county with no population entered
        }
    )
    return zb.Panel.from_pandas(
        frame, entity="code", period="year", units={"gdp": "亿元", "rd_expenditure": "万元", "population": "万人"}
    )


def test_validate_takes_built_in_rules_by_the_ids_its_findings_name(counties: zb.Panel) -> None:
    # The findings' rule column names a rule by its id; asking for that rule alone by the same id
    # was a pybind11 TypeError listing C++ types ("incompatible function arguments").
    everything = counties.validate()
    assert "population_positive" in set(everything["rule"])
    alone = counties.validate(["population_positive"])
    assert alone.attrs["rules_applied"] == 1
    assert set(alone["rule"]) == {"population_positive"}
    assert alone[["entity", "period"]].values.tolist() == [["930105", "2023"], ["930105", "2024"]]


def test_validate_mixes_rules_from_a_file_and_built_in_ids(counties: zb.Panel, tmp_path) -> None:
    rules_file = tmp_path / "mine.toml"
    rules_file.write_text(
        '[[rule]]\nid = "gdp_small"\nseverity = "soft"\nvariable = "gdp"\ncheck = "gdp < 400[亿元]"\n'
        'message = "gdp of 400 亿元 or more"\n',
        encoding="utf-8",
    )
    findings = counties.validate([*zb.load_rules(rules_file), "population_positive"])
    assert findings.attrs["rules_applied"] == 2
    assert set(findings["rule"]) == {"gdp_small", "population_positive"}


def test_a_misspelt_rule_id_is_an_error_with_did_you_mean(counties: zb.Panel) -> None:
    with pytest.raises(
        zb.ArgumentError, match=r"no built-in rule 'population_positve' \(did you mean 'population_positive'\?\)"
    ):
        counties.validate(["population_positve"])


def test_a_rule_list_of_something_else_names_what_it_got(counties: zb.Panel) -> None:
    with pytest.raises(TypeError, match=r"ids of built-in rules, not .*3") as caught:
        counties.validate([3])
    assert "incompatible function arguments" not in str(caught.value)


def test_a_rule_id_given_as_the_rules_path_says_to_give_a_list(counties: zb.Panel, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # no file of that name here
    with pytest.raises(zb.ArgumentError, match=r"rules=\['population_positive'\]"):
        counties.validate("population_positive")
    with pytest.raises(zb.ArgumentError, match=r"rules=\['population_positive'\]"):
        counties.validate("population_positiv")
    # A file's name stays a path: its error is the missing file's.
    with pytest.raises(FileNotFoundError):
        counties.validate("population_positive.toml")


@pytest.fixture
def headless() -> None:
    import matplotlib

    matplotlib.use("Agg")


def test_a_bar_chart_refuses_an_infinite_value_rather_than_rank_an_empty_bar_first(headless: None) -> None:
    # Before: the infinite region came first, best, with a bar matplotlib leaves empty (x axis 0 … 4.2).
    values = pd.Series({"930101": 1.0, "930102": 2.0, "930103": float("inf"), "930104": 4.0})
    with pytest.raises(zb.ArgumentError, match=r"'rd_intensity' holds an infinite value \(930103\)"):
        zb.plot.by_region(values, "rd_intensity")
    table = pd.DataFrame(
        {"rd_intensity": [1.0, -float("inf")]},
        index=pd.MultiIndex.from_tuples([("930101", "2024"), ("930102", "2024")], names=["entity", "period"]),
    )
    with pytest.raises(zb.ArgumentError, match=r"infinite value \(930102, 2024\)"):
        zb.plot.by_region(table, "rd_intensity", period="2024")
    with pytest.raises(zb.ArgumentError, match="infinite value"):
        zb.plot.over_time(table, "rd_intensity", regions=["930101", "930102"])


def test_a_bar_chart_of_finite_values_with_missing_ones_still_draws(headless: None) -> None:
    values = pd.Series({"930101": 1.0, "930102": float("nan"), "930104": 4.0})
    ax = zb.plot.by_region(values, "rd_intensity", lang="en")
    assert [bar.get_width() for bar in ax.patches] == [4.0, 1.0]
    assert "1 missing" in ax.get_title()
