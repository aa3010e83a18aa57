"""Round 22: Panel.explain, the audit trail of one value (trial 21a F9): what a value was computed
from — the formula, the (entity, period) each input was read at, the value as stored and in the
unit the formula uses it in, the conversion and the reason — equal to compute() bit for bit."""

from __future__ import annotations

import io
import math
import struct
import subprocess
import sys

import numpy as np
import pytest

import zhibiao as zb

# Half-years and years with gaps: a blank population, a county without 2023H1, a GDP of 0, inputs
# in units other than the indicators' (人 under 件/万人, 亿元 under %).
HALVES = (
    "entity,period,valid_invention_patents,population[人],gdp[亿元],rd_expenditure[万元],projects_applied,"
    "projects_approved,target,actual,tech_contract_value[万元],tech_contract_count\n"
    "360202,2023,100,500000,300,60000,20,8,100,100,500,10\n"
    "360202,2023H1,90,,140,25000,10,3,100,40,200,4\n"
    "360202,2024H1,120,510000,150,30000,12,5,100,55,300,0\n"
    "360202,2024,130,520000,320,70000,24,10,100,,700,12\n"
    "360203,2023,50,,200,10000,5,6,80,70,100,2\n"
    "360203,2024H1,60,300000,110,5000,0,0,80,30,50,1\n"
    "360203,2024,70,310000,0,12000,6,3,80,90,150,3\n"
)

EXTRA = [
    zb.Indicator("patents_yoy", "valid_invention_patents - yoy(valid_invention_patents)", unit="件"),
    zb.Indicator("patents_growth", "growth(valid_invention_patents)", unit="%"),
    zb.Indicator("gdp_gap", "gdp - lag(gdp, 1) + rd_expenditure", unit="万元"),
]


def _panel() -> zb.Panel:
    return zb.read_csv(io.StringIO(HALVES))


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)


def test_the_value_explained_is_the_one_compute_gives_bit_for_bit_for_every_indicator():
    p = _panel()
    values, reasons = p.compute(reasons=True)
    extra, extra_reasons = p.compute(EXTRA, reasons=True)
    compared = 0
    for table, why, indicators in ((values, reasons, list(values.columns)), (extra, extra_reasons, EXTRA)):
        for indicator in indicators:
            column = indicator if isinstance(indicator, str) else indicator.id
            for (entity, period), value in table[column].items():
                e = p.explain(indicator, entity, period, strict=False)
                assert _bits(e.value) == _bits(float(value)), (column, entity, period, e)
                expected = why[column][(entity, period)]
                assert e.reason == (None if isinstance(expected, float) else expected), (column, entity, period)
                compared += 1
    assert compared == (len(values.columns) + len(EXTRA)) * len(p)


def test_a_per_10k_value_says_which_population_it_divided_by_and_the_conversion():
    e = _panel().explain("invention_patents_per_10k", "360202", "2024H1")
    assert e.value == pytest.approx(120 / 50)  # 120 件 over 2023's 50万人, not 2024H1's 51万
    assert e.formula == "valid_invention_patents / year_end(population)"
    frame = e.to_frame().set_index("name")
    assert frame.loc["population", "period"] == "2023"
    assert frame.loc["population", "through"] == "year_end"
    assert frame.loc["population", "stored"] == 500000 and frame.loc["population", "stored_unit"] == "人"
    assert frame.loc["valid_invention_patents", "period"] == "2024H1"
    assert e.raw_unit == "件/人" and e.factor == 10000
    text = repr(e)
    assert "population (year_end) [360202 2023] 500000 人" in text
    assert "件/万人" in text and "formula" in text
    assert "<table" in e._repr_html_()
    # A range open above reads "≥ 0", never "0 … inf" (no inf in a reader's text).
    assert "≥ 0" in text and "inf" not in text


def test_yoy_reads_the_same_half_a_year_earlier_or_says_it_lacks_it():
    p = _panel()
    e = p.explain(EXTRA[0], "360202", "2024H1")
    assert e.value == 30
    assert [(t["period"], t["through"]) for t in e.terms] == [("2024H1", ""), ("2023H1", "yoy")]
    lacked = p.explain(EXTRA[0], "360203", "2024H1")
    assert math.isnan(lacked.value) and lacked.reason == "no_such_period"
    assert lacked.terms[-1]["row_found"] is False and lacked.terms[-1]["period"] == "2023H1"


def test_a_missing_value_names_the_input_and_its_reason():
    p = _panel()
    e = p.explain("rd_intensity", "360203", "2024")
    assert e.reason == "zero_denominator"
    assert e.to_frame().set_index("name").loc["gdp", "stored"] == 0
    blank = p.explain("invention_patents_per_10k", "360203", "2024H1")
    assert blank.to_frame().set_index("name").loc["population", "reason"] == "missing_input"
    added = p.explain(EXTRA[2], "360202", "2024").to_frame().set_index("name")
    assert added.loc["rd_expenditure", "used_unit"] == "亿元" and added.loc["rd_expenditure", "used"] == 7


def test_unknown_names_say_the_closest():
    p = _panel()
    with pytest.raises(zb.UnknownIndicatorError, match="did you mean 'rd_intensity'"):
        p.explain("rd_intensty", "360202", "2024")
    with pytest.raises(zb.ArgumentError, match="did you mean '360202'"):
        p.explain("rd_intensity", "360201", "2024")
    with pytest.raises(zb.ArgumentError, match="did you mean '2024H1'"):
        p.explain("rd_intensity", "360203", "2023H1")
    with pytest.raises(zb.ArgumentTypeError, match="entity"):
        p.explain("rd_intensity", 3.5, "2024")
    with pytest.raises(zb.MissingVariableError):
        p.explain("funds_in_place_rate", "360202", "2024")
    lenient = p.explain("funds_in_place_rate", "360202", "2024", strict=False)
    assert lenient.reason == "missing_variable" and "funds" in lenient.problem
    assert p.explain("rd_intensity", 360202, 2024).value == pytest.approx(70000 / 320 / 100)


def test_a_roll_up_says_how_many_children_were_summed_into_each_input():
    counties = _panel()
    rolled = counties.rollup({"360202": "360200", "360203": "360200"})
    e = rolled.explain("invention_patents_per_10k", "360200", "2024H1")
    row = e.to_frame().set_index("name").loc["population"]
    assert row["period"] == "2023" and row["children"] == 2 and row["valid"] == 1  # 360203's 2023 is blank
    assert "1 of 2 children summed" in repr(e)
    assert _bits(e.value) == _bits(float(rolled.compute("invention_patents_per_10k").loc[("360200", "2024H1")].iloc[0]))


def test_a_partial_roll_up_explains_the_value_compute_gives_and_the_children_with_data():
    rolled = _panel().rollup({"360202": "360200", "360203": "360200"}, partial_sums=True)
    values, reasons = rolled.compute("tech_contract_avg_value", reasons=True)
    for period in ("2023", "2023H1", "2024H1", "2024"):
        e = rolled.explain("tech_contract_avg_value", "360200", period)
        assert _bits(e.value) == _bits(float(values.loc[("360200", period)].iloc[0]))
        assert e.children == ["360202", "360203"]
    e = rolled.explain("invention_patents_per_10k", "360200", "2024H1")
    assert e.to_frame().set_index("name").loc["population", "children_with_data"] == "360202"


def test_the_command_line_prints_the_account(tmp_path):
    data = tmp_path / "halves.csv"
    data.write_text(HALVES, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "zhibiao", "explain", str(data), "invention_patents_per_10k", "360202", "2024H1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "population (year_end) [360202 2023] 500000 人" in run.stdout
    zh = subprocess.run(
        [sys.executable, "-m", "zhibiao", "--lang", "zh", "explain", str(data), "rd_intensity", "360203", "2024"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert zh.returncode == 0, zh.stderr
    assert "公式" in zh.stdout and "zero_denominator" in zh.stdout
    wrong = subprocess.run(
        [sys.executable, "-m", "zhibiao", "explain", str(data), "rd_intensity", "360209", "2024"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert wrong.returncode == 2 and "did you mean" in wrong.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "zhibiao", "explain", str(tmp_path / "nope.csv"), "rd_intensity", "360202", "2024"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert missing.returncode == 2 and "nope.csv" in missing.stderr and "Traceback" not in missing.stderr


def test_explain_takes_no_array_of_entities():
    with pytest.raises(zb.ArgumentTypeError):
        _panel().explain("rd_intensity", np.array(["360202"]), "2024")
