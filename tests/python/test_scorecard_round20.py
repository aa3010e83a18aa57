"""Round 20, a new user's trial of the scorecards (trial20a): head counts in 万人 refused as no whole
number, a bare number beside a % measure read as a fraction, gates of unreadable inputs False,
explanations rounding away the digits that decide, HNTE validity naming both years, a firm
column ignored silently."""

import io
import warnings
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from sme_cases import sme_firms
from zhibiao import _core


SME = zb.scorecards.load("tech-sme-2017")
ST_STAFF = [s["id"] for s in SME.inputs].index("st_staff")
SALES = [s["id"] for s in SME.inputs].index("sales")


# ------------------------------------------------------------------ 1. whole numbers after a conversion


def written(n: int, exponent: int) -> float:
    """n persons written in a unit of 10^exponent persons, as a user types it (0.0012 for 12 in 万人)."""
    return float(str(Decimal(n).scaleb(-exponent)))


@pytest.mark.parametrize("unit, exponent", [("十人", 1), ("百人", 2), ("千人", 3), ("万人", 4), ("亿人", 8)])
def test_every_whole_number_of_persons_as_written_is_whole_after_conversion(unit, exponent):
    # 0.0012 万人 × 1e4 is 11.999999999999998 in doubles: refused as "not a whole number" before.
    counts = np.r_[np.arange(0, 3000), np.arange(10**6 - 500, 10**6 + 500), [123456789, 987654321012]]
    given = np.array([written(int(n), exponent) for n in counts])
    plain = zb.Unit(unit).convert(given, zb.Unit("人"))
    assert (plain != counts).any() or exponent == 1  # the product alone is not whole for some of them
    out = _core.scorecard_convert_input(SME._core, ST_STAFF, zb.Unit(unit), given)
    assert np.array_equal(out, counts.astype(np.float64))
    # a value that is no whole number as written stays what the product gives, never made whole
    halves = np.array([float(str((Decimal(int(n)) + Decimal("0.5")).scaleb(-exponent))) for n in counts[:1000]])
    out = _core.scorecard_convert_input(SME._core, ST_STAFF, zb.Unit(unit), halves)
    assert np.array_equal(out, zb.Unit(unit).convert(halves, zb.Unit("人")))
    assert not np.equal(np.mod(out, 1), 0).any()


def test_digits_beyond_a_whole_number_as_written_keep_the_value_refused():
    # 0.00120000000000001 万人 is 12.0000000000001 persons as written: no whole number.
    given = np.array([0.00120000000000001, 0.0011999999999999, 0.00115, -0.0012, np.nan, np.inf])
    out = _core.scorecard_convert_input(SME._core, ST_STAFF, zb.Unit("万人"), given)
    assert np.array_equal(out[:2], zb.Unit("万人").convert(given[:2], zb.Unit("人")))
    assert out[2] == 11.5 and out[3] == -12.0
    assert np.isnan(out[4]) and out[5] == np.inf


def test_an_input_that_is_no_count_converts_as_before():
    given = np.array([0.0012, 0.35, 1.1])
    out = _core.scorecard_convert_input(SME._core, SALES, zb.Unit("亿元"), given)
    assert np.array_equal(out, zb.Unit("亿元").convert(given, zb.Unit("万元")))


def test_head_counts_in_wanren_score_as_in_persons_through_every_path():
    # trial20a finding 1: A (12 of 40 staff, 0.0012 万人) passes with 62 as spec §6b's first case.
    wan = sme_firms(employees=[0.004, 0.004, 0.004], st_staff=[0.0012, 0.0029, 0.0007])
    persons = sme_firms(employees=[40, 40, 40], st_staff=[12, 29, 7])
    units = {"st_staff": "万人", "employees": "万人"}
    by_units = zb.scorecards.evaluate(wan, "tech-sme-2017", units=units)
    expected = zb.scorecards.evaluate(persons, "tech-sme-2017")
    assert by_units["status"].tolist() == expected["status"].tolist()
    assert by_units["total"].tolist() == expected["total"].tolist()
    assert by_units["total"].iloc[0] == 62
    headed = wan.rename(columns={"st_staff": "st_staff[万人]", "employees": "employees[万人]"})
    assert zb.scorecards.evaluate(headed, "tech-sme-2017")["total"].tolist() == expected["total"].tolist()
    # a CSV panel (the command line's path): scorecard::inputs_from converts with the same rule
    text = (
        "firm,employees[万人],st_staff[万人],sales,assets,rd_expense,total_cost,ip_class1,ip_class2\n"
        "A,0.004,0.0012,1000,500,45,204.5,0,2\nB,0.004,0.0029,1000,500,45,204.5,0,2\n"
    )
    panel = zb.read_csv(io.StringIO(text), period_value="2024")
    from_panel = zb.scorecards.evaluate(panel, "tech-sme-2017")
    assert from_panel["total"].tolist() == expected["total"].tolist()[:2]
    assert (from_panel["status"] != "invalid input").all()


def test_half_a_person_in_wanren_is_still_refused():
    firms = sme_firms(employees=[0.004], st_staff=[0.00115])
    result = zb.scorecards.evaluate(firms, "tech-sme-2017", units={"st_staff": "万人", "employees": "万人"})
    assert result["status"].tolist() == ["invalid input"]
    assert "11.5 persons, not a whole number" in result["explanation_en"].iloc[0]


# ------------------------------------------------------------------ 2. bare numbers beside a % measure


def pack_with(tmp_path, old, new, name="mine"):
    toml = _builtin_toml("tech-sme-2017").replace('id = "tech-sme-2017"', f'id = "{name}"', 1)
    assert old in toml
    path = tmp_path / f"{name}.toml"
    path.write_text(toml.replace(old, new, 1), encoding="utf-8")
    return path


def _builtin_toml(pack):
    import pathlib

    here = pathlib.Path(__file__).resolve().parents[2] / "data" / "scorecards" / f"{pack}.toml"
    return here.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "condition, number, fraction",
    [
        ("st_share >= 10", "10", "0.1"),
        ("st_share >= 0.1", "0.1", "0.001"),
        ("10 <= st_share", "10", "0.1"),
        ("st_share >= -5", "-5", "-0.05"),
        ("rd_sales_ratio + 1 >= 6[%]", "1", "0.01"),
        ("min(st_share, 50) >= 10[%]", "50", "0.5"),
        ("if(employees > 100[人], st_share, 20) >= 10[%]", "20", "0.2"),
    ],
)
def test_a_bare_number_beside_a_percent_measure_is_refused_saying_how_to_write_it(
    tmp_path, condition, number, fraction
):
    # trial20a finding 2: st_share >= 10 meant 1000 %, every firm ineligible, silently.
    path = pack_with(tmp_path, 'condition = "employees <= 500[人]"', f'condition = "{condition}"')
    with pytest.raises(zb.IncompatibleUnitsError) as e:
        zb.scorecards.load(str(path))
    said = str(e.value)
    assert f"the number {number} has no unit, beside a value in '%'" in said
    assert f"write {number}[%] for {number} %, or {fraction}[1] for the fraction {fraction}" in said


def test_a_number_with_its_unit_or_zero_is_read_as_written(tmp_path):
    firms = sme_firms(st_staff=[12, 3])  # 30 % and 7.5 %
    results = []
    for k, condition in enumerate(["st_share >= 10[%]", "st_share >= 0.1[1]", "st_share >= 100[‰]"]):
        path = pack_with(tmp_path, 'condition = "employees <= 500[人]"', f'condition = "{condition}"', f"m{k}")
        results.append(zb.scorecards.load(str(path)).evaluate(firms)["gate_staff_limit"].tolist())
    assert results == [[True, False]] * 3
    path = pack_with(tmp_path, 'condition = "employees <= 500[人]"', 'condition = "st_share > 0"', "zero")
    assert zb.scorecards.load(str(path)).evaluate(firms)["gate_staff_limit"].tolist() == [True, True]


def test_a_measure_in_percent_given_as_a_bare_number_is_refused(tmp_path):
    path = pack_with(tmp_path, 'formula = "st_staff / employees"', 'formula = "30"')
    with pytest.raises(zb.IncompatibleUnitsError, match=r"write 30\[%\] for 30 %, or 0.3\[1\]"):
        zb.scorecards.load(str(path))


def test_the_builtin_packs_still_load():
    for pack in zb.scorecards.BUILTIN:
        assert zb.scorecards.load(pack).id == pack


# ------------------------------------------------------------------ 4. gates of unreadable inputs


def test_a_gate_reading_an_unreadable_input_is_missing_not_false():
    firms = sme_firms(sales=[1000.0, "x", -5.0, 30000.0], st_staff=[12, 12, 12, 50])
    result = zb.scorecards.evaluate(firms, "tech-sme-2017")
    assert result["status"].tolist() == ["passed", "invalid input", "invalid input", "invalid input"]
    gate = result["gate_sales_limit"]
    assert gate.dtype == "boolean"
    # row 3: sales readable (above 2亿元: False), invalid for st_staff > employees only
    assert gate.isna().tolist() == [False, True, True, False]
    assert gate.iloc[0] and not gate.iloc[3]
    for other in ("gate_staff_limit", "gate_assets_limit"):
        assert result[other].isna().sum() == 0 and result[other].all()
    # filtering firms above 2亿元 no longer picks up firms whose sales could not be read
    assert result.index[result["gate_sales_limit"].eq(False).fillna(False)].tolist() == [3]
    summary = zb.scorecards.summary(result)
    assert summary.failing["sales_limit"] == 0  # invalid firms are not counted, as before


def test_a_gate_reading_an_invalid_input_through_a_measure_is_missing():
    from test_hnte_rules import FIRM

    card = zb.scorecards.load("hnte-2016")
    reads = {g["id"]: g["reads"] for g in card.gates}
    assert {"st_staff", "employees"} <= set(reads["st_staff_share"])  # through the measure st_share
    firms = pd.DataFrame([FIRM, {**FIRM, "st_staff": 10.5}, {**FIRM, "hitech_income": "n/a"}], index=["ok", "st", "hi"])
    result = card.evaluate(firms)
    assert result["status"].tolist()[1:] == ["invalid input"] * 2
    assert result["gate_st_staff_share"].isna().tolist() == [False, True, False]
    assert result["gate_hitech_income"].isna().tolist() == [False, False, True]
    assert result["gate_registered_one_year"].tolist() == [True] * 3


def test_a_gate_of_a_panel_cell_unreadable_is_missing():
    text = "firm,employees,st_staff,sales,assets,rd_expense,total_cost,ip_class1,ip_class2\nA,40,12,1000,500,45,204.5,0,2\nB,40,12,一千万,500,45,204.5,0,2\n"
    panel = zb.read_csv(io.StringIO(text), lenient=True, period_value="2024")
    result = zb.scorecards.evaluate(panel, "tech-sme-2017")
    assert result["status"].tolist() == ["passed", "invalid input"]
    assert result["gate_sales_limit"].isna().tolist() == [False, True]
    assert result["gate_staff_limit"].tolist() == [True, True]


# ------------------------------------------------------------------ 9. the digits that decide


@pytest.mark.parametrize("value, shown", [(12.000000001, "12.000000001"), (11.999999999999998, "11.999999999999998")])
def test_an_invalid_whole_number_is_shown_with_every_digit(value, shown):
    result = zb.scorecards.evaluate(sme_firms(st_staff=[value]), "tech-sme-2017")
    assert result["status"].iloc[0] == "invalid input"
    assert f"input st_staff invalid ({shown} persons, not a whole number)" in result["explanation_en"].iloc[0]
    assert f"输入st_staff无效（{shown}人，须为整数）" in result["explanation_zh"].iloc[0]


# ------------------------------------------------------------------ 5. positions in duplicate messages


def test_duplicate_firms_say_their_positions_count_from_zero():
    firms = sme_firms(st_staff=[12, 3])
    firms.index = ["D", "D"]
    with pytest.raises(zb.DuplicateRowError, match=r"rows 0 and 1 of the table \(positions, counting from 0\)"):
        zb.scorecards.evaluate(firms, "tech-sme-2017")


# ------------------------------------------------------------------ 16. a firm id in a column


def test_a_firm_column_is_said_and_a_firm_listed_twice_in_it_refused():
    firms = sme_firms(st_staff=[12, 3]).assign(firm=["A", "A"])
    with pytest.raises(zb.DuplicateRowError, match=r"firm 'A' \(column 'firm'\) is listed twice"):
        zb.scorecards.evaluate(firms, "tech-sme-2017")
    with pytest.raises(zb.DuplicateRowError, match=r"firm 'A' \(column '企业名称'\)"):
        zb.scorecards.gap(firms.rename(columns={"firm": "企业名称"}), "tech-sme-2017")
    ok = sme_firms(st_staff=[12, 3]).assign(firm=["A", "B"])
    with pytest.warns(zb.scorecards.FirmColumnWarning, match=r"column 'firm' names the firms.*set_index\('firm'\)"):
        result = zb.scorecards.evaluate(ok, "tech-sme-2017")
    assert result.index.tolist() == [0, 1]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        by_firm = zb.scorecards.evaluate(ok.set_index("firm"), "tech-sme-2017")
        zb.scorecards.evaluate(sme_firms(st_staff=[12, 3]), "tech-sme-2017")  # no firm column: nothing said
    assert by_firm.index.tolist() == ["A", "B"]
    assert by_firm["total"].tolist() == result["total"].tolist()


@pytest.mark.parametrize("arguments", [{"threads": "2"}, {"threads": -1}, {"threads": 2.5}, {"explain": "yes"}])
def test_a_wrong_threads_or_explain_is_an_argument_error(arguments):
    # Plain zb.Error before (trial20a finding 7, the scorecards' side): the composite's are ArgumentError.
    firms = pd.DataFrame({"employees": [100]}, index=["f"])
    with pytest.raises(zb.ArgumentError, match=f"{next(iter(arguments))} must be"):
        zb.scorecards.evaluate(firms, "tech-sme-2017", **arguments)
