"""Round 15 analyst's trial: what an analyst's hostile inputs showed (each test failed before its fix)."""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

UNITS = {
    "rd_expenditure": "万元",
    "gdp": "亿元",
    "population": "万人",
    "tech_contract_value": "万元",
    "hitech_value_added": "亿元",
}


def _findings(df):
    p = zb.Panel.from_pandas(df, entity="region", period="period", units=UNITS)
    f = p.validate()
    return {(e, v, r) for e, v, r in f[["entity", "variable", "rule"]].itertuples(index=False)}


def test_validate_reports_infinite_and_negative_amounts():
    # Before: validate() returned only the four findings of the rules that read published(gdp),
    # published(population) and the patent count; an infinite GDP (A) and a negative R&D
    # expenditure (B: −5 万元), negative contract value (A: −200 万元) and high-tech value added
    # (B: −3 亿元) passed as clean, though compute() refuses every one of them (indicators.md
    # §7.1: "Amounts ≥ 0").
    df = pd.DataFrame(
        {
            "region": ["A", "B", "C"],
            "period": ["2024"] * 3,
            "rd_expenditure": [np.inf, -5.0, 1.0],
            "gdp": [np.inf, -1.0, 2.0],
            "population": [50.0, -10.0, 5.0],
            "valid_invention_patents": [45.0, -3.0, 2.5],
            "tech_contract_value": [-200.0, 1.0, 1.0],
            "hitech_value_added": [-np.inf, -3.0, 1.0],
        }
    )
    found = _findings(df)
    for cell in [
        ("A", "rd_expenditure"),
        ("A", "gdp"),
        ("A", "hitech_value_added"),
        ("A", "tech_contract_value"),
        ("B", "rd_expenditure"),
        ("B", "hitech_value_added"),
    ]:
        assert (*cell, "invalid_value") in found, cell
    # A cell a built-in hard rule already names is not reported twice.
    assert ("B", "gdp", "amounts_non_negative") in found and ("B", "gdp", "invalid_value") not in found
    assert ("B", "population", "invalid_value") not in found
    assert ("C", "valid_invention_patents", "invalid_value") not in found
    # Clean rows give no such finding.
    assert not any(e == "C" and r == "invalid_value" for e, _, r in found)


def test_validate_invalid_value_message_names_the_value():
    df = pd.DataFrame({"region": ["A"], "period": ["2024"], "rd_expenditure": [-5.0], "gdp": [1.0]})
    p = zb.Panel.from_pandas(df, entity="region", period="period", units={"rd_expenditure": "万元", "gdp": "亿元"})
    f = p.validate()
    row = f[f.rule == "invalid_value"].iloc[0]
    assert (row.entity, row.period, row.variable, row.severity) == ("A", "2024", "rd_expenditure", "hard")
    assert "-5" in row.message and "minimum of 0" in row.message


def test_validate_invalid_value_with_own_rules(tmp_path):
    # Like 'unparseable', whatever rules are passed: a rules file that checks something else.
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nid = "gdp_small"\nvariable = "gdp"\ncheck = "gdp < 100[亿元]"\n', encoding="utf-8")
    df = pd.DataFrame({"region": ["A"], "period": ["2024"], "rd_expenditure": [-5.0], "gdp": [1.0]})
    p = zb.Panel.from_pandas(df, entity="region", period="period", units={"rd_expenditure": "万元", "gdp": "亿元"})
    assert list(p.validate(rules).rule) == ["invalid_value"]


def _framework():
    meta = pd.DataFrame(
        {
            "code": ["idx", "a", "b", "c"],
            "parent": ["", "idx", "idx", "idx"],
            "weight": 1,
            "direction": 1,
            "level": [2, 1, 1, 1],
        }
    )
    return zb.composite.Framework.from_pandas(meta)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        # Before: zhibiao.Error "unknown step 'minmax' (Denominate, Screen, …)", naming neither the
        # argument nor the step to write, and never the misspelling.
        (dict(normalisation=["minmax", "zscore"]), r"normalisation alternative 'minmax'.*write Normalise\('minmax'\)"),
        (
            dict(aggregation={"a": "arithmetic"}),
            r"aggregation alternative 'arithmetic'.*write Aggregate\('arithmetic'\)",
        ),
        (dict(normalisation=["zscroe"]), r"did you mean 'zscore'"),
    ],
)
def test_uncertainty_alternatives_given_as_names_say_which_step(kwargs, message):
    C = zb.composite
    rng = np.random.default_rng(1)
    x = pd.DataFrame(rng.lognormal(size=(12, 3)), columns=list("abc"), index=[f"r{i}" for i in range(12)])
    steps = [C.Normalise("minmax", range=(1, 100)), C.Aggregate("arithmetic")]
    with pytest.raises(zb.ArgumentError, match=message):
        C.uncertainty(x, _framework(), steps, n=10, **kwargs)


def test_a_period_the_panel_lacks_is_an_argument_error():
    # Before: the untyped zb.Error (C++ lookup_error has no Python class of its own) from build(),
    # and from uncertainty() on a Panel; period= is an argument outside its allowed values.
    C = zb.composite
    panel = zb.read_csv(
        __import__("io").StringIO(
            "region,period,gdp[亿元],rd_expenditure[万元]\nA,2023,10,100\nB,2023,20,300\nA,2024,11,90\n"
        )
    )
    meta = pd.DataFrame(
        {"code": ["sti", "rd_intensity"], "parent": ["", "sti"], "weight": 1, "direction": 1, "level": [2, 1]}
    )
    fw = C.Framework.from_pandas(meta)
    steps = [C.Normalise("minmax"), C.Aggregate("arithmetic")]
    with pytest.raises(
        zb.ArgumentError, match=r"^the panel has no period 2042 \(did you mean '2024'\?\) \(periods: 2023, 2024\)"
    ):
        C.build(panel, fw, steps, period="2042")
    with pytest.raises(zb.ArgumentError, match="choose one with period="):
        C.build(panel, fw, steps)
    with pytest.raises(zb.ArgumentError, match=r"^the panel has no period 2042"):
        C.uncertainty(panel, fw, steps, n=5, period="2042")


def test_a_wrong_parent_map_is_an_argument_error():
    # Before: the untyped zb.Error for each (a bad `parents`, `to` without "admin", a child the
    # map lacks, a cycle): they are arguments that do not fit the panel.
    import io

    p = zb.read_csv(io.StringIO("region,period,gdp[亿元]\n320601,2023,1\n320602,2023,2\n"))
    with pytest.raises(zb.ArgumentError, match="did you mean 'admin'"):
        p.rollup("amdin")
    with pytest.raises(zb.ArgumentError, match="'to' goes with parents='admin'"):
        p.rollup({"320601": "320600", "320602": "320600"}, to="province")
    with pytest.raises(zb.ArgumentError, match="1 entity has no parent in the map: 320602"):
        p.rollup({"320601": "320600"})
    with pytest.raises(zb.ArgumentError, match="cycle: 320601 → 320602 → 320601"):
        p.rollup({"320601": "320602", "320602": "320601"})


def test_two_definitions_under_one_id_are_refused():
    # Before: one column "x" came back, silently the second definition's (20000 万元, not 2 亿元);
    # ["rd_intensity", Indicator("rd_intensity", ...)] silently computed only the Indicator.
    import io

    p = zb.read_csv(io.StringIO("region,period,rd_expenditure[万元],gdp[亿元]\nA,2024,120,2\n"))
    in_yi = zb.Indicator("x", "gdp", unit="亿元")
    with pytest.raises(zb.ArgumentError, match="two different indicators are named 'x'"):
        p.compute([in_yi, zb.Indicator("x", "gdp", unit="万元")])
    mine = zb.Indicator("rd_intensity", "rd_expenditure / gdp", unit="‰")
    with pytest.raises(zb.ArgumentError, match="both as the catalogue's indicator and as an Indicator"):
        p.compute(["rd_intensity", mine])
    # The same definition twice, or an Indicator replacing a catalogue id alone, is fine.
    assert p.compute([in_yi, zb.Indicator("x", "gdp", unit="亿元")])["x"].tolist() == [2.0]
    assert p.compute([mine])["rd_intensity"].tolist() == pytest.approx([6.0])  # 120万 / 2亿 = 0.6 % = 6 ‰


def test_indicator_id_and_formula_are_checked_where_given():
    # Before: Indicator("", ...) was accepted (a column with no name), and a formula that is not a
    # text raised pybind11's "check_formula(): incompatible function arguments".
    with pytest.raises(zb.ArgumentError, match="id must be a non-empty text"):
        zb.Indicator("", "gdp", unit="亿元")
    with pytest.raises(TypeError, match="Indicator 'x': formula must be a text"):
        zb.Indicator("x", 5, unit="亿元")


FRAME = pd.DataFrame(
    {"region": ["A", "B"], "period": ["2024", "2024"], "gdp": [np.nan, 2.0], "rd_expenditure": [5.0, 5.0]}
)
FRAME_UNITS = {"gdp": "亿元", "rd_expenditure": "万元"}


def test_from_pandas_reasons_for_a_column_not_loaded_are_refused():
    # Before: reasons={"gpd": [...]} was ignored without a word, so gdp's gap had no reason.
    with pytest.raises(zb.MissingVariableError, match=r"'gpd' \(no such column\) \(did you mean 'gdp'\?\)"):
        zb.Panel.from_pandas(
            FRAME, entity="region", period="period", units=FRAME_UNITS, reasons={"gpd": ["damaged_source", ""]}
        )
    # A column renamed to its variable (地区生产总值 → gdp) takes reasons under either name.
    renamed = FRAME.rename(columns={"gdp": "地区生产总值"})
    for key in ("地区生产总值", "gdp"):
        p = zb.Panel.from_pandas(
            renamed,
            entity="region",
            period="period",
            units={"gdp": "亿元", "rd_expenditure": "万元"},
            reasons={key: ["damaged_source", ""]},
        )
        assert p.compute("rd_intensity", reasons=True)[1].iloc[0, 0] == "damaged_source"


def test_a_misspelt_reason_name_gets_did_you_mean():
    import io

    with pytest.raises(zb.ParseError, match=r"no reason 'damged_source' \(did you mean 'damaged_source'\?\)"):
        zb.Panel.from_pandas(
            FRAME, entity="region", period="period", units=FRAME_UNITS, reasons={"gdp": ["damged_source", ""]}
        )
    with pytest.raises(zb.ParseError, match=r"no reason 'missing_inptu' \(did you mean 'missing_input'\?"):
        zb.read_csv(io.StringIO("region,period,gdp[亿元],gdp_reason\nA,2024,,missing_inptu\n"))


def test_a_csv_value_beside_a_reason_that_is_no_partial_sum_is_refused():
    # Before: gdp 3 with gdp_reason "missing_input" was taken for a partial roll-up sum and dropped,
    # so rd_intensity came back missing_input though the file states GDP.
    import io

    text = "region,period,gdp[亿元],gdp_reason,rd_expenditure[万元]\nA,2024,,missing_input,5\nB,2024,3,missing_input,5\n"
    with pytest.raises(zb.ParseError, match=r"row 2 \(entity B, period 2024\), column 'gdp_reason'.*'missing_input'"):
        zb.read_csv(io.StringIO(text))
    # A partial sum keeps its value beside its reason, as `zhibiao rollup --partial-sums` writes it.
    ok = zb.read_csv(io.StringIO("region,period,gdp[亿元],gdp_reason\nA,2024,3,incomplete_rollup\n"))
    assert ok.to_pandas()["gdp"].tolist() == [3.0]


def test_wrong_types_say_what_was_given_where():
    # Before: TypeError "'int' object is not iterable", pybind11's "compute(): incompatible function
    # arguments" and AttributeError "'str' object has no attribute 'get'".
    frame = pd.DataFrame({"region": ["A"], "period": ["2023"], "gdp": [1.0], "rd_expenditure": [1.0]})
    p = zb.Panel.from_pandas(frame, entity="region", period="period", units={"gdp": "亿元", "rd_expenditure": "万元"})
    with pytest.raises(
        TypeError, match="compute: ids must be an indicator id, an Indicator or a list of them, not int"
    ):
        p.compute(5)
    with pytest.raises(TypeError, match=r"compute: ids\[1\] is 5 \(int\)"):
        p.compute(["rd_intensity", 5])
    with pytest.raises(TypeError, match="units must be a mapping of column → unit .* not str"):
        zb.Panel.from_pandas(frame, entity="region", period="period", units="亿元")
    assert p.compute(("rd_intensity",))["rd_intensity"].tolist() == [0.01]  # a tuple is a list of ids


def test_over_time_regions_one_code_and_did_you_mean():
    # Before: regions="A1" was read character by character ("regions not in the table: A, 1"), and
    # a mistyped code (letter O for zero) got no suggestion.
    import io

    import matplotlib

    matplotlib.use("Agg")
    import zhibiao.plot

    p = zb.read_csv(io.StringIO("region,period,gdp[亿元],rd_expenditure[万元]\n900101,2023,1,100\n900101,2024,2,300\n"))
    v = p.compute("rd_intensity")
    assert zhibiao.plot.over_time(v, "rd_intensity", regions="900101") is not None
    with pytest.raises(zb.ArgumentError, match=r"regions not in the table: 9001O1 \(did you mean '900101'\?\)"):
        zhibiao.plot.over_time(v, "rd_intensity", regions=["9001O1"])


def test_rank_within_a_column_the_data_lack_names_the_nearest():
    # Before: "pass the data that has that column", though the data were passed.
    C = zb.composite
    x = pd.DataFrame(
        {"pat": [10.0, 20, 30, 40], "rd": [1.0, 2, 3, 8], "grp": ["a", "a", "b", "b"]}, index=["r1", "r2", "r3", "r4"]
    )
    meta = pd.DataFrame(
        {"code": ["idx", "pat", "rd"], "parent": ["", "idx", "idx"], "weight": 1, "direction": 1, "level": [2, 1, 1]}
    )
    r = C.build(x, C.Framework.from_pandas(meta), [C.Normalise("minmax"), C.Aggregate("arithmetic")])
    with pytest.raises(
        zb.MissingVariableError, match=r"rank within 'gpr': the data have no such column \(did you mean 'grp'\?\)"
    ):
        r.rank(within="gpr", data=x)
    # idx = (pat + rd) / 2 after min-max: r1 0, r2 (33.3 + 14.3) / 2, r3 (66.7 + 28.6) / 2, r4 100.
    assert r.rank(within="grp", data=x)["idx"].tolist() == [2, 1, 2, 1]


def test_validate_reports_damaged_and_suspect_source_cells():
    # Before: a panel whose figures were damaged in the report (read_report: NaN with reason
    # damaged_source) or suspect validated with no finding, as if clean.
    frame = pd.DataFrame({"region": ["A", "B", "C"], "period": ["2024"] * 3, "gdp": [np.nan, np.nan, 2.0]})
    p = zb.Panel.from_pandas(
        frame,
        entity="region",
        period="period",
        units={"gdp": "亿元"},
        reasons={"gdp": ["damaged_source", "suspect_source", ""]},
    )
    f = p.validate()
    assert f[["entity", "variable", "rule", "severity"]].values.tolist() == [
        ["A", "gdp", "damaged_source", "hard"],
        ["B", "gdp", "suspect_source", "soft"],
    ]


def test_compute_basis_and_catalogue_arguments_are_typed():
    # Before: basis="days" raised the untyped zb.Error, catalogue="mine.toml" an AttributeError
    # ("'str' object has no attribute '_core'").
    import io

    p = zb.read_csv(io.StringIO("region,period,gdp[亿元],rd_expenditure[万元]\nA,2024H1,1,100\n"))
    with pytest.raises(
        zb.ArgumentError, match="basis must be 'month', 'day' or 'quarter', not 'days' .*did you mean 'day'"
    ):
        p.compute(["rd_intensity"], basis="days")
    for call in (lambda: p.compute(["rd_intensity"], catalogue="mine.toml"), lambda: p.validate(catalogue="mine.toml")):
        with pytest.raises(TypeError, match="catalogue must be a zb.Catalogue .* not str"):
            call()
