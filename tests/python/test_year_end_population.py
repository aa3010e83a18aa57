"""Per-10,000-people indicators in intra-year reports divide by the previous year-end population
(indicators.md §1.4): year_end(x)."""

import io

import numpy as np
import pytest

import zhibiao as zb


def panel(text):
    return zb.read_csv(io.StringIO(text))


def test_half_year_divides_by_last_year_end_population():
    # 2023H1: 44 patents / 50.0万 (2022 year end) = 0.88, not 44 / 52.0; 2022: 40 / 50 = 0.8.
    p = panel("region,period,population[万人],valid_invention_patents[件]\nA,2022,50.0,40\nA,2023H1,52.0,44\n")
    values = p.compute(["invention_patents_per_10k"])["invention_patents_per_10k"]
    assert values.loc[("A", "2022")] == pytest.approx(0.8)
    assert values.loc[("A", "2023H1")] == pytest.approx(0.88)


def test_without_last_year_the_row_states_its_own_denominator():
    # Only the H1 row: its own population, 44 / 52.0; tech contracts 260万元 / 52.0万人 = 5.0.
    p = panel("region,period,population[万人],valid_invention_patents[件],tech_contract_value[万元]\nA,2023H1,52.0,44,260\n")
    values = p.compute(["invention_patents_per_10k", "tech_contract_per_10k"])
    assert values.iloc[0, 0] == pytest.approx(44 / 52)
    assert values.iloc[0, 1] == pytest.approx(5.0)


def test_year_end_in_a_formula_of_ones_own():
    # A quarter 4 ends the year: its own value; a month of 2023 with a 2022 December row: that row.
    p = panel("region,period,population[万人]\nA,2022-12,50.0\nA,2023-03,51.0\nA,2023Q4,53.0\n")
    values = p.compute([zb.Indicator("pop", "year_end(population)", unit="万人")])["pop"]
    assert values.tolist() == [50.0, 50.0, 53.0]


# A year-end row that is there with its cell blank is no licence to fall back to the row's own
# figure (indicators.md §1.4: intra-year reports divide by the previous year-end population; the
# fallback is for a panel without that year end). Before: 66 / 70 = 0.94 with no reason.
TRIAL = (
    "region,period,population[万人],valid_invention_patents[件]\n"
    "320601,2023,50,40\n320602,2023,,60\n320601,2024H1,52,44\n320602,2024H1,70,66\n"
)


def test_a_blank_year_end_population_is_a_missing_denominator():
    values, reasons = panel(TRIAL).compute("invention_patents_per_10k", reasons=True)
    assert values.loc[("320601", "2024H1"), "invention_patents_per_10k"] == pytest.approx(44 / 50)
    assert np.isnan(values.loc[("320602", "2024H1"), "invention_patents_per_10k"])
    assert reasons.loc[("320602", "2024H1"), "invention_patents_per_10k"] == "missing_input"
    # An unparseable year-end cell (lenient) passes its own reason on.
    bad = zb.read_csv(io.StringIO(TRIAL.replace("320602,2023,,60", "320602,2023,x,60")), lenient=True)
    assert bad.compute("invention_patents_per_10k", reasons=True)[1].iloc[3, 0] == "unparseable"


def test_a_partial_rollup_reason_reaches_the_half_year_per_10k():
    # rollup(partial_sums=True): the 2023 population of 320600 sums one child of two
    # (incomplete_rollup); the 2024H1 value divides by it, so it carries that reason. Before: 2.2
    # (110 / 50) with no reason, as the complete roll-up fell back to the 2024H1 population.
    values, reasons = panel(TRIAL).rollup("admin", partial_sums=True).compute("invention_patents_per_10k", reasons=True)
    assert reasons["invention_patents_per_10k"].tolist() == ["incomplete_rollup", "incomplete_rollup"]
