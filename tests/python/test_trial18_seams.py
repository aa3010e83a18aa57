"""trial18's unclear errors (F12–F16): a wrong type names the parameter and what it takes, never
pybind11's C++ signature or type names; a scorecard explanation quotes the cell as written and
says why it is unreadable; parameters are no variables; numbers in messages in their shortest
form."""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite

SME = dict(
    employees=40, st_staff=12, sales=1000.0, assets=500.0, rd_expense=45.0, total_cost=np.nan, ip_class1=0, ip_class2=2
)


def sme(n=1, **changes):
    return pd.DataFrame([{**SME, **changes}] * n, index=[f"F{i}" for i in range(n)])


def assert_python_words(error):
    text = str(error.value)
    assert "std::" not in text and "incompatible function arguments" not in text and "C++" not in text, text


# F12: each call, the parameter its message must name and the words of what it takes
WRONG_TYPES = [
    (lambda: zb.extract(None), "extract: text must be a str or bytes (or a list, a dict {name: text}"),
    (lambda: zb.extract(None), "pandas Series of them), not None"),
    (lambda: zb.extract(123), "pandas Series of them), not 123"),
    (lambda: zb.extract(["a", None]), "extract: report 1 must be a str or bytes, not None"),
    (lambda: zb.extract("x", guess="yes"), "extract: guess must be True or False, not 'yes'"),
    (lambda: zb.parse_chinese_number(123), "parse_chinese_number: text must be a str, not 123"),
    (
        lambda: zb.scorecards.gap(sme(), "tech-sme-2017", costs={"rd_expense": "1"}),
        "gap: costs: the value of 'rd_expense' must be a number, not '1'",
    ),
    (lambda: zb.scorecards.gap(sme(), "tech-sme-2017", costs={1: 2.0}), "gap: costs: its key 1 must be a str"),
    (lambda: zb.read_csv("x.csv", period_value=2024), "read_csv: period_value must be a str or None, not 2024"),
]


@pytest.mark.parametrize("call, words", WRONG_TYPES)
def test_a_wrong_type_names_the_parameter_and_what_it_takes(call, words):
    with pytest.raises(zb.ArgumentTypeError) as error:
        call()
    assert words in str(error.value)
    assert isinstance(error.value, TypeError) and isinstance(error.value, zb.ArgumentError)
    assert_python_words(error)


def test_a_value_of_the_right_type_still_passes():
    # numpy scalars and paths are what users pass: the checks take them
    assert zb.parse_chinese_number("二十八") == 28.0
    facts = zb.extract(b"2026\xe5\xb9\xb4", guess=np.bool_(False))
    assert len(facts) >= 0
    gaps = zb.scorecards.gap(sme(), "tech-sme-2017", costs={"st_staff": np.float32(1)})
    assert len(gaps) == 1


def test_a_pack_that_is_no_text_path_or_scorecard_is_a_type_error():
    with pytest.raises(
        zb.ArgumentTypeError, match=r"pack must be a built-in id or a TOML file \(built in: 'tech-sme-2017'"
    ) as error:
        zb.scorecards.evaluate(sme(), 123)
    assert_python_words(error)
    with pytest.raises(zb.ArgumentTypeError, match="built-in id or a TOML file"):
        zb.scorecards.load(2017)


def test_a_seed_beyond_64_bits_is_a_value_error_naming_it():
    data = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [3.0, 1.0, 2.0]}, index=["x", "y", "z"])
    steps = [C.Normalise("minmax"), C.Aggregate("arithmetic")]
    with pytest.raises(zb.ArgumentError, match=r"seed must be a whole number from 0 to 2\*\*64 - 1") as error:
        C.uncertainty(data, None, steps, n=10, seed=2**70)
    assert isinstance(error.value, ValueError)
    assert_python_words(error)
    with pytest.raises(zb.ArgumentError, match=r"threads must be a whole number from 0 to 2\*\*32 - 1"):
        C.uncertainty(data, None, steps, n=10, threads=2**40)


def test_plot_scorecard_refuses_the_firms_instead_of_the_result():
    pytest.importorskip("matplotlib")
    firms = sme(2)
    result = zb.scorecards.evaluate(firms, "tech-sme-2017")
    gaps = zb.scorecards.gap(firms, "tech-sme-2017")
    with pytest.raises(
        zb.ArgumentTypeError, match=r"result must be the DataFrame zhibiao.scorecards.evaluate\(\) returns.*'status'"
    ):
        zb.plot.scorecard(firms, gaps)
    with pytest.raises(
        zb.ArgumentTypeError, match=r"gaps must be the DataFrame zhibiao.scorecards.gap\(\) returns.*'blocked_by'"
    ):
        zb.plot.scorecard(result, firms)
    with pytest.raises(zb.ArgumentTypeError, match="not 'passed'"):
        zb.plot.scorecard("passed")


def test_a_value_the_binding_cannot_convert_is_a_type_error_in_python_words():
    # the net under the Python checks: a binding reached with a wrong type directly
    with pytest.raises(TypeError) as error:
        zb._core.extract(None)
    assert "NoneType" in str(error.value) and "a str" in str(error.value)
    assert_python_words(error)


# F13: the cell quoted as written, with the CSV reader's reason
def test_the_english_explanation_quotes_a_text_cell_as_written_with_the_readers_reason():
    firms = sme(3).astype({"sales": object})
    firms.loc["F0", "sales"] = "1000万元"
    firms.loc["F1", "sales"] = "3亿元"
    firms.loc["F2", "sales"] = "abc"
    result = zb.scorecards.evaluate(firms, "tech-sme-2017")
    en, zh = result["explanation_en"], result["explanation_zh"]
    assert "sales: '1000万元' (a number with its unit '万元' in the cell: put the unit in the header" in en["F0"]
    assert "sales: '3亿元' (a number with its unit '亿元' in the cell" in en["F1"]
    assert "sales: 'abc' (not a number)" in en["F2"]
    assert "million" not in "".join(en)
    assert "sales: '1000万元'" in zh["F0"]


def test_a_panel_cell_explanation_says_the_reason_not_only_see_the_load_report(tmp_path):
    path = tmp_path / "firms.csv"
    path.write_text(
        "firm,employees,st_staff,sales,assets,rd_expense,ip_class1,ip_class2\n"
        "A,40,12,1000万元,500,45,0,2\n"
        "B,40,12,1000,1e400,45,0,2\n"
        "C,40,12,1000,500,abc,0,2\n"
        "D,40,12,1000,500,x,0,2\n",
        encoding="utf-8",
    )
    panel = zb.read_csv(path, period_value="2024", lenient=True)
    result = zb.scorecards.evaluate(panel, "tech-sme-2017")
    en = result["explanation_en"].tolist()
    assert "'1000万元' (a number with its unit '万元' in the cell" in en[0], en[0]
    assert "see the load report" not in en[0]
    assert "assets: '1e400' (a number beyond the range of a double" in en[1], en[1]
    # two firms unreadable in one column: the report's issues name their firm (round 26), so each
    # explanation quotes its own cell
    assert "rd_expense: 'abc' (not a number)" in en[2] and "see the load report" not in en[2], en[2]
    assert "rd_expense: 'x' (not a number)" in en[3], en[3]


# F14: an overflow in a conversion is no infinity the user typed
@pytest.mark.parametrize("unit, target", [("亿元", "万元")])
def test_an_overflowing_conversion_is_said_as_beyond_the_range_of_the_unit(unit, target):
    firms = sme(2)
    firms.loc["F0", "sales"] = 1e305
    result = zb.scorecards.evaluate(firms, "tech-sme-2017", units={"sales": unit})
    en = result["explanation_en"]["F0"]
    assert result["status"]["F0"] == "invalid input"
    assert f"sales: 1e+305 {unit} is beyond the range of numbers in {target}" in en, en
    assert "inf" not in en
    assert result["status"]["F1"] != "invalid input"


# F16 (through Python): invalid costs are ArgumentErrors, NaN said as NaN
@pytest.mark.parametrize("cost, said", [(-1.0, "not -1"), (float("nan"), "not NaN"), (float("inf"), "not inf")])
def test_an_invalid_gap_cost_is_an_argument_error(cost, said):
    with pytest.raises(zb.ArgumentError, match="must be a finite number ≥ 0, " + said) as error:
        zb.scorecards.gap(sme(), "tech-sme-2017", costs={"st_staff": cost})
    assert "—" not in str(error.value)


# F15
def test_a_negative_fixed_weight_is_refused_when_the_step_is_made_in_its_shortest_form():
    with pytest.raises(zb.ArgumentError, match=r"'fixed' of 'rd_int' is -1; a weight must be finite and ≥ 0") as error:
        C.Weigh("fixed", fixed={"rd_int": -1})
    assert "1.000000" not in str(error.value)
    with pytest.raises(zb.ArgumentError, match="is NaN"):
        C.Weigh("fixed", fixed={"rd_int": float("nan")})


def test_a_huge_min_max_range_is_said_in_its_shortest_form():
    data = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [3.0, 1.0, 2.0]}, index=["x", "y", "z"])
    with pytest.raises(zb.ArgumentError) as error:
        C.build(data, None, [C.Normalise("minmax", range=(-1e308, 1e308)), C.Aggregate("arithmetic")])
    assert "[-1e+308, 1e+308]" in str(error.value)
    assert len(str(error.value)) < 300


def test_a_step_parameter_is_no_variable():
    with pytest.raises(zb.ArgumentError) as error:
        C.Impute("groupmean")
    assert str(error.value).startswith("Impute: parameter 'method'")
    assert error.value.variable is None


def test_a_framework_node_without_a_code_is_refused_naming_its_row():
    meta = pd.DataFrame(
        {
            "code": ["a", "", "Index"],
            "parent": ["Index", "Index", None],
            "weight": [1.0, 1.0, 1.0],
            "direction": [1, 1, 1],
            "level": [1, 1, 2],
        }
    )
    with pytest.raises(zb.ArgumentError, match=r"row 1 .*has no code"):
        C.Framework.from_pandas(meta)
    meta.loc[1, "code"] = None
    with pytest.raises(zb.ArgumentError, match=r"row 1 .*has no code"):
        C.Framework.from_pandas(meta)


def test_the_summary_of_the_standard_method_describes_its_flip():
    data = pd.DataFrame({"a": [1.0, 2.0, 4.0], "b": [3.0, 1.0, 2.0]}, index=["x", "y", "z"])
    fw = C.Framework.flat(["a", "b"], directions={"b": -1})
    r = C.build(data, fw, [C.Normalise("standard", standard={"a": 2, "b": 2}), C.Aggregate("arithmetic")])
    text = r.summary()
    assert "s/x · 100" in text and "flipped first" not in text
    r = C.build(data, fw, [C.Normalise("minmax"), C.Aggregate("arithmetic")])
    assert "flipped first" in r.summary()


def test_an_invalid_input_is_said_without_the_validity_checks_it_alone_breaks():
    # years_operating = 0 leaves R&D of no year counted: "R&D in China exceeds the R&D total of
    # the years counted" follows from the 0 alone, and only the cause is said.
    from test_hnte_rules import firms

    result = zb.scorecards.evaluate(firms(zero=dict(years_operating=0), good=dict()), "hnte-2016")
    en = result["explanation_en"]["zero"]
    assert result["status"]["zero"] == "invalid input"
    assert "years_operating" in en, en
    assert "R&D in China" not in en, en
    # a validity check on inputs that are all valid is still said
    bad = zb.scorecards.evaluate(firms(over=dict(rd_domestic=10000)), "hnte-2016")["explanation_en"]["over"]
    assert "R&D in China" in bad, bad
