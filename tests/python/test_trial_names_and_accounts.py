"""Fixes from an analyst's trial: periods written two ways in a DataFrame are one period, a fixed
weight for no node is refused, a rebuilt replication says which aggregation it drew, notes name
the Python options, and misspelt keywords and TOML keys get "did you mean"."""

import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


@pytest.fixture
def small(small_composite):
    return small_composite


# ------------------------------------------------------------------ Panel.from_pandas periods


def test_from_pandas_period_written_two_ways_is_one_duplicate_row():
    df = pd.DataFrame(
        {"region": ["320601", "320601", "320602"], "period": ["2023", "2023年", "2023"], "gdp": [100.0, 110.0, 50.0]}
    )
    with pytest.raises(zb.DuplicateRowError) as raised:
        zb.Panel.from_pandas(df, "region", "period", units={"gdp": "亿元"})
    assert raised.value.entity == "320601" and raised.value.period == "2023"
    assert "320601" in str(raised.value) and "2023" in str(raised.value)


def test_from_pandas_equal_periods_of_different_entities_merge():
    df = pd.DataFrame(
        {
            "region": ["320601", "320602", "320601", "320602"],
            "period": ["2023", "2023年", "2022年", "2022"],
            "gdp": [100.0, 50.0, 80.0, 40.0],
        }
    )
    p = zb.Panel.from_pandas(df, "region", "period", units={"gdp": "亿元"})
    assert sorted(p.periods) == ["2022", "2023"]
    growth = p.compute([zb.Indicator("g", "growth(gdp)", unit="%")])
    assert len(growth) == 4
    assert growth.loc[("320601", "2023"), "g"] == pytest.approx(25.0)
    assert growth.loc[("320602", "2023"), "g"] == pytest.approx(25.0)


# ------------------------------------------------------------------ fixed weights


def test_fixed_weight_for_no_node_is_refused_with_the_nearest(small):
    data, fw, _ = small
    for fixed, meant in [({"a": 5, "bb": 3}, "b"), ({"p1": 2}, "P1")]:
        steps = [C.Normalise("minmax", (1, 100)), C.Weigh("fixed", fixed=fixed), C.Aggregate()]
        with pytest.raises(zb.UnknownIndicatorError, match=f"did you mean '{meant}'"):
            C.build(data, fw, steps)


def test_fixed_weight_for_a_node_still_applies(small):
    data, fw, _ = small
    steps = [C.Normalise("minmax", (1, 100)), C.Weigh("fixed", fixed={"a": 3}), C.Aggregate()]
    w = C.build(data, fw, steps).weights["weight"]
    assert w["a"] == pytest.approx(0.6) and w["b"] == pytest.approx(0.4)  # 3 : 2 (b's framework weight)


# ------------------------------------------------------------------ uncertainty accounts


def test_rebuilt_replication_says_the_aggregation_it_drew(small):
    data, fw, steps = small
    u = C.uncertainty(data, fw, steps, n=40, seed=3, aggregation=[C.Aggregate("arithmetic"), C.Aggregate("geometric")])
    p = u.parameters
    for method in ("arithmetic", "geometric"):
        k = int(p.index[p["aggregation"] == method][0])
        one = u.replication(k)
        alone = C.build(data, fw, steps[:-1] + [C.Aggregate(method)])
        pd.testing.assert_frame_equal(one.scores, alone.scores)
        lines = one.summary().splitlines()
        assert [line for line in lines if line.startswith("Aggregation")] == [
            line for line in alone.summary().splitlines() if line.startswith("Aggregation")
        ]
        assert any(line.startswith(f"Aggregation, level 2: {method},") for line in lines)
        assert lines.count("Ranks: 1 = best.") == 1


def test_uncertainty_summary_names_the_python_options(small):
    data, fw, steps = small
    text = C.uncertainty(data, fw, steps, n=20, weights_noise={2: 0.2}).summary()
    assert "keep_scores" not in text
    assert "keep=True" in text and "score_percentiles=True" in text
    kept = C.uncertainty(data, fw, steps, n=20, weights_noise={2: 0.2}, keep=True).summary()
    assert "score percentiles need" not in kept


# ------------------------------------------------------------------ misspelt keywords


def test_misspelt_keywords_suggest_the_parameter(small):
    data, fw, steps = small
    with pytest.raises(zb.UnknownKeywordError, match=r"build: no parameter 'perod' \(did you mean 'period'\?\)"):
        C.build(data, fw, steps, perod="2024")
    with pytest.raises(TypeError, match="did you mean 'weights_noise'"):
        C.uncertainty(data, fw, steps, n=10, weight_noise={2: 0.1})
    with pytest.raises(zb.ArgumentError, match="its parameters: .*score_percentiles"):
        C.uncertainty(data, fw, steps, n=10, keep_scores=True)
    with pytest.raises(zb.UnknownKeywordError, match="did you mean 'ddof'"):
        C.weights(data.to_numpy(), "critic", dof=0)
    with pytest.raises(zb.UnknownKeywordError, match="Normalise: no parameter 'rnage'"):
        C.Normalise("minmax", rnage=(1, 100))


def test_keyword_check_keeps_the_signature():
    import inspect

    assert list(inspect.signature(C.build).parameters)[:3] == ["data", "framework", "steps"]
    assert C.uncertainty.__doc__.startswith("Monte Carlo")


MODEL = """
name = "m"
[[node]]
code = "idx"
level = 2
[[node]]
code = "a"
parent = "idx"
{node_extra}
[[node]]
code = "b"
parent = "idx"
[[step]]
kind = "normalise"
method = "minmax"
{step_extra}
"""


def test_misspelt_model_keys_name_node_or_step_and_suggest(tmp_path):
    cases = [
        ("directon = -1", "", r"node 'a': key 'directon' is not a key of a node \(did you mean 'direction'\?\)"),
        ("", "rnage = [1, 100]", r"'rnage' is not a parameter of this step \(did you mean 'range'\?\)"),
        ("colour = 1", "", r"'colour' is not a key of a node \(its keys: code, parent, level"),
    ]
    for node_extra, step_extra, message in cases:
        path = tmp_path / "model.toml"
        path.write_text(MODEL.format(node_extra=node_extra, step_extra=step_extra), encoding="utf-8")
        with pytest.raises(zb.ParseError, match=message):
            C.Model.from_toml(str(path))
