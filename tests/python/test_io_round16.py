"""Seams in reading and writing tables (round 16): ±inf never written as a number, Chinese
entity headings, codes in full-width digits, and what the header's misspellings are told."""

import io

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import _core

INVALID_INPUT = list(_core.reason_names).index("invalid_input")


def _table_with_infinities():
    index = pd.MultiIndex.from_tuples(
        [("A", "2024"), ("B", "2024"), ("C", "2024"), ("D", "2024")], names=["entity", "period"]
    )
    table = pd.DataFrame({"rd_intensity": [1.5, np.inf, -np.inf, np.nan], "gdp": [1.0, 2.0, 3.0, 4.0]}, index=index)
    table.attrs["units"] = {"rd_intensity": "%", "gdp": "亿元"}
    return table


# ------------------------------------------------------------------ ±inf in what is written


def test_write_csv_writes_an_infinity_as_an_empty_cell_with_its_reason(tmp_path):
    # Before: "inf" and "-inf" in the cells, which read_csv refuses as unparseable and Excel reads
    # as text; -inf and a NaN could not be told apart once an editor blanked them.
    path = tmp_path / "out.csv"
    zb.write_csv(_table_with_infinities(), path, names=False)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "entity,period,rd_intensity,rd_intensity_reason,gdp"
    assert lines[2:4] == ["B,2024,,invalid_input,2.0", "C,2024,,invalid_input,3.0"]
    assert lines[4] == "D,2024,,,4.0"  # a plain NaN has no reason here
    assert "inf" not in path.read_text(encoding="utf-8").replace("invalid_input", "")


@pytest.mark.parametrize("unit_header", [False, True])
def test_an_infinity_written_by_write_csv_reads_back_as_missing_with_invalid_input(tmp_path, unit_header):
    path = tmp_path / "out.csv"
    zb.write_csv(_table_with_infinities(), path, unit_header=unit_header, full_precision=True)
    panel = zb.read_csv(path)
    values = panel.values("rd_intensity")
    assert values[0] == 1.5 and np.isnan(values[1:]).all()
    reasons = list(panel._core.reasons("rd_intensity"))
    assert reasons[1] == reasons[2] == INVALID_INPUT and reasons[3] != INVALID_INPUT
    assert list(panel.values("gdp")) == [1.0, 2.0, 3.0, 4.0] and "rd_intensity_reason" not in panel.variables


def test_write_csv_adds_the_reason_of_an_infinity_to_a_reason_column_already_there():
    table = _table_with_infinities()
    table.insert(1, "rd_intensity_reason", ["", "", "", "missing_input"])
    out = io.StringIO()
    zb.write_csv(table, out, names=False)
    rows = [line.split(",") for line in out.getvalue().splitlines()]
    assert rows[0].count("rd_intensity_reason") == 1
    assert [r[3] for r in rows[1:]] == ["", "invalid_input", "invalid_input", "missing_input"]


def test_to_excel_writes_an_infinity_as_an_empty_cell_with_its_reason(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    # Before: the cells held the texts 'inf' and '-inf', and no reasons sheet said why.
    path = tmp_path / "out.xlsx"
    zb.to_excel(_table_with_infinities(), path)
    book = openpyxl.load_workbook(path)
    values = [[c.value for c in row] for row in book["values"].iter_rows()]
    column = values[0].index("rd_intensity")
    assert [row[column] for row in values[1:]] == [1.5, None, None, None]
    reasons = [[c.value for c in row] for row in book["reasons"].iter_rows()]
    column = reasons[0].index("rd_intensity")
    assert [row[column] for row in reasons[1:]] == [None, "invalid_input", "invalid_input", None]
