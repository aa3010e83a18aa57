"""Formulas from Python: hostile lengths are a LimitError (never a crash), one mistake is one
exception class on every path, option values are checked, and sums never take invalid values."""

import io

import numpy as np
import pytest

import zhibiao as zb

MAX_HEIGHT = 1000  # formula::max_height


def panel_from(text: str, **options) -> zb.Panel:
    return zb.read_csv(io.BytesIO(text.encode()), **options)


GDP = panel_from("entity,period,gdp[亿元],population[万人]\na,2023,1,2\n")


# ------------------------------------------------------------------ issue 17: long flat formulas
def test_a_long_sum_is_a_limit_error_not_a_crash():
    with pytest.raises(zb.LimitError, match=f"more than {MAX_HEIGHT} levels"):
        GDP.evaluate("+".join(["gdp"] * 7000))


def test_a_run_of_unary_plus_is_a_limit_error():
    with pytest.raises(zb.LimitError, match="200"):
        zb.Indicator("x", "+" * 50000 + "gdp", unit="亿元")


def test_the_longest_chain_allowed_evaluates():
    assert GDP.evaluate("+".join(["gdp"] * MAX_HEIGHT)).iloc[0] == MAX_HEIGHT
    with pytest.raises(zb.LimitError):
        GDP.evaluate("+".join(["gdp"] * (MAX_HEIGHT + 1)))


def test_long_chains_in_catalogue_rules_and_scorecard_files(tmp_path):
    chain = " and ".join(["a > 0"] * 20000)
    path = tmp_path / "long.toml"
    path.write_text(f'[[indicator]]\nid = "x"\nunit = "1"\nformula = "{" * ".join(["a"] * 20000)}"\n', encoding="utf-8")
    with pytest.raises(zb.LimitError) as info:
        zb.load_catalogue(path)
    assert info.value.file == str(path) and info.value.line == 4
    path.write_text(f'[[rule]]\nid = "long"\ncheck = "{chain}"\n', encoding="utf-8")
    with pytest.raises(zb.LimitError, match="rule 'long'"):
        zb.load_rules(path)


# ------------------------------------------------------------------ issue 11 item 5: one class per error
def test_a_unit_clash_is_an_incompatible_units_error_on_every_path(tmp_path):
    clash = zb.Indicator("x", "gdp + population", unit="亿元")
    with pytest.raises(zb.IncompatibleUnitsError):
        GDP.evaluate("gdp + population")
    with pytest.raises(zb.IncompatibleUnitsError, match="indicator 'x': cannot add"):
        GDP.compute([clash])
    with pytest.raises(zb.IncompatibleUnitsError):
        zb.Catalogue(zb._core.Catalogue.builtin()).add(clash)
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[variable]]\nid = "gdp"\ndimension = "currency"\n[[variable]]\nid = "population"\n'
        'dimension = "person"\n[[indicator]]\nid = "x"\nformula = "gdp + population"\nunit = "亿元"\n',
        encoding="utf-8",
    )
    with pytest.raises(zb.UnitError) as info:  # the base class catches it too
        zb.load_catalogue(path)
    assert isinstance(info.value, zb.IncompatibleUnitsError) and not isinstance(info.value, zb.ParseError)
    assert (info.value.file, info.value.line) == (str(path), 9)
    path.write_text('[[indicator]]\nid = "x"\nformula = "gdp"\nunit = "美元"\n', encoding="utf-8")
    with pytest.raises(zb.UnknownUnitError) as unknown:
        zb.load_catalogue(path)
    assert unknown.value.unit == "美元" and unknown.value.line == 4


# ------------------------------------------------------------------ issue 11 item 4: option values
@pytest.mark.parametrize(
    "call",
    [
        lambda: GDP.compute(["rd_intensity"], basis="monht"),
        lambda: GDP.evaluate("gdp", basis="monht"),
        lambda: zb._core.evaluate(GDP._core, "gdp", basis="monht"),
    ],
)
def test_an_unknown_basis_is_refused_with_a_suggestion(call):
    with pytest.raises(
        zb.Error, match=r"basis must be 'month', 'day' or 'quarter', not 'monht' \(did you mean 'month'\?\)"
    ):
        call()


@pytest.mark.parametrize("strict", ["no", None, 0, 1])
def test_strict_is_true_or_false(strict):
    with pytest.raises(zb.Error, match=f"strict must be True or False, not {strict!r}"):
        zb._core.compute(GDP._core, ["rd_intensity"], strict=strict)


def test_strict_accepts_bools_of_numpy():
    frame = GDP.compute(["rd_intensity"], strict=np.False_)
    assert frame.attrs["problems"]["rd_intensity"]


def test_include_builtin_is_true_or_false(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[[indicator]]\nid = "x"\nformula = "gdp"\nunit = "亿元"\n', encoding="utf-8")
    with pytest.raises(zb.Error, match="include_builtin must be True or False, not 'no'"):
        zb.load_catalogue(path, include_builtin="no")
    assert zb.load_catalogue(path, include_builtin=False).ids == ["x"]


def test_evaluate_honours_the_day_basis():
    half = panel_from("entity,period,x\na,2024H1,1\n")
    assert half.evaluate("elapsed()", basis="day").iloc[0] == pytest.approx(182 / 366)
    assert half.evaluate("elapsed()").iloc[0] == 0.5


@pytest.mark.parametrize(
    "options, message",
    [
        ({"direction": True}, "direction must be 1, -1 or 0, not True"),
        ({"direction": 1.0}, "direction must be 1, -1 or 0, not 1.0"),
        ({"decimals": -1}, "decimals must be a whole number 0..15, not -1"),
        ({"decimals": 2.5}, "decimals must be a whole number 0..15, not 2.5"),
        ({"valid_min": 10, "valid_max": 0}, "valid_max"),
        ({"valid_min": "0"}, "valid_min must be a number or None"),
        ({"valid_max": float("nan")}, "valid_max must be a number or None"),
    ],
)
def test_indicator_options_are_checked(options, message):
    with pytest.raises(zb.Error, match=message.replace("(", r"\(").replace(".", r"\.")):
        zb.Indicator("x", "gdp", unit="亿元", **options)


def test_indicator_options_of_numpy_types_are_fine():
    ind = zb.Indicator("x", "gdp", unit="亿元", direction=np.int64(-1), decimals=np.int32(1), valid_min=np.float64(0))
    assert GDP.compute([ind]).iloc[0, 0] == 1.0


# ------------------------------------------------------------------ issue 11 item 1: ytd over invalid inputs
def test_ytd_does_not_sum_a_count_the_catalogue_excludes():
    panel = panel_from(
        "entity,period,valid_invention_patents\n"
        "a,2024-01,1\na,2024-02,2.5\na,2024-03,3\n"
        "b,2024-01,1\nb,2024-02,-1\nb,2024-03,3\n"
        "c,2024-01,1\nc,2024-02,2\nc,2024-03,3\n"
    )
    ind = zb.Indicator("patents_ytd", "ytd(valid_invention_patents)", unit="件")
    values, why = panel.compute([ind], reasons=True)
    assert np.isnan(values.loc[("a", "2024-03"), "patents_ytd"])
    assert why.loc[("a", "2024-03"), "patents_ytd"] == "invalid_input"
    assert why.loc[("b", "2024-03"), "patents_ytd"] == "negative_input"
    assert values.loc[("c", "2024-03"), "patents_ytd"] == 6.0


def test_no_inf_from_a_sum_past_the_largest_double():
    panel = panel_from("entity,period,x[亿元]\na,2024-01,1e300\na,2024-02,1e300\n")
    values = panel.evaluate("ytd(x)", unit="元")
    assert not np.isinf(values).any()
    assert values.iloc[0] == 1e308  # 1e300 亿元 is 1e308 元; two of them are no finite number
    assert np.isnan(values.iloc[1])


# ------------------------------------------------------------------ round 21: a bare number beside a share in %
SHARES = panel_from("entity,period,share[%],rd_expenditure[亿元],gdp[亿元]\na,2024,12,3,100\nb,2024,8,1,100\n")


@pytest.mark.parametrize(
    "text", ["share >= 10", "share + 1", "if(share > 10[%], share, 5)", "max(share, 5)", "rd_intensity >= 2"]
)
def test_a_bare_number_beside_a_share_in_percent_says_how_to_write_it(text):
    # `share >= 10` compared with 10 = 1000 % and was False on every row; `share + 1` added 100 %.
    with pytest.raises(zb.IncompatibleUnitsError, match=r"has no unit, beside a value in '%': write \S+\[%\]"):
        SHARES.evaluate(text)
    with pytest.raises(zb.IncompatibleUnitsError, match="has no unit"):
        SHARES.compute(zb.Indicator("x", text, unit="1"))


def test_a_share_in_percent_compares_with_a_number_that_says_its_unit():
    assert SHARES.evaluate("share >= 10[%]").tolist() == [1.0, 0.0]
    assert SHARES.evaluate("share >= 0.1[1]").tolist() == [1.0, 0.0]
    assert SHARES.evaluate("rd_expenditure / gdp >= 0.02").tolist() == [1.0, 0.0]
    doubled = SHARES.evaluate("share * 2")
    assert doubled.attrs["unit"] == "%" and doubled.tolist() == pytest.approx([24.0, 16.0])
