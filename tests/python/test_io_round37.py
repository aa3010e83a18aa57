"""Round 37 (task io37): a column's written decimals survive write_csv (read_csv → write_csv →
read_csv keeps them), and a figure's decimals come from the C++ extraction (zb.extract's
``decimals`` column), the function read_csv's cells use. Each test fails on main."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhibiao as zb

# data/indicators.toml: rd_intensity has 2 decimals, hitech_va_share_gdp 1.
FILE = "entity,period,rd_intensity[%],hitech_va_share_gdp[%],gdp[亿元]\n320100,2024,1.7,13.25,2\n320200,2024,2.00,8.0,\n"


def _written(panel, **options) -> str:
    out = io.StringIO()
    zb.write_csv(panel, out, **options)
    return out.getvalue()


def test_write_csv_writes_a_panel_read_from_text_as_it_was_written(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(FILE, encoding="utf-8")
    panel = zb.read_csv(path)
    text = _written(panel, unit_header=False)
    # 1.7, not 1.70 (rd_intensity's 2 decimals); 13.25, not 13.3 (hitech_va_share_gdp's 1)
    assert text.splitlines()[1:] == ["320100,2024,1.7,13.25,2,", "320200,2024,2.00,8.0,,missing_input"]
    # the C++ writer writes the same cells
    panel._core.write_csv(str(tmp_path / "cpp.csv"))
    assert (tmp_path / "cpp.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "320100,2024,1.7,13.25,2",
        "320200,2024,2.00,8.0,",
    ]


def test_a_round_trip_makes_no_false_finding(tmp_path: Path) -> None:
    # 1.74亿元 ÷ 100亿元 = 1.74 %, published "1.7" (±0.05): no finding; written back as "1.70" it was
    # read at 2 decimals (±0.005), a finding (spec/rd_intensity.md: R&D expenditure ÷ GDP × 100).
    path = tmp_path / "in.csv"
    path.write_text("entity,period,rd_expenditure[亿元],gdp[亿元],rd_intensity[%]\n320100,2024,1.74,100,1.7\n")
    panel = zb.read_csv(path)
    zb.write_csv(panel, tmp_path / "out.csv")
    again = zb.read_csv(tmp_path / "out.csv")
    for p in (panel, again):
        found = p.validate()
        assert found[found.rule == "published_rd_intensity_matches"].empty


def test_a_column_not_read_from_text_keeps_the_catalogues_decimals() -> None:
    import pandas as pd

    frame = pd.DataFrame({"entity": ["320100"], "period": ["2024"], "rd_intensity": [1.7]})
    panel = zb.Panel.from_pandas(frame, "entity", "period", units={"rd_intensity": "%"})
    assert panel._core.written_texts("rd_intensity") is None
    assert _written(panel).splitlines()[1] == "320100,2024,1.70"


# Cells: (kind, digits, decimals) — kind 0 a gap, 1 a gap with a reason, 2 a number written with
# `decimals` decimals (its digits an integer: 170 with 3 is "0.170").
_CELL = st.tuples(st.integers(0, 5), st.integers(0, 10**7), st.integers(0, 4))
_COLUMNS = (("rd_intensity", "%"), ("hitech_va_share_gdp", "%"), ("gdp", "亿元"), ("patents_granted", "件"), ("x", "万元"))


def _cell(kind: int, digits: int, decimals: int, counted: bool) -> tuple[str, str]:
    if kind == 0:
        return "", ""
    if kind == 1:
        return "", "damaged_source"
    text = str(digits)
    if counted:
        return text + ("." + "0" * decimals if decimals else ""), ""
    if decimals:
        text = text.rjust(decimals + 1, "0")
        text = text[:-decimals] + "." + text[-decimals:]
    return text, ""


def _read(path: Path):
    """read_csv's C++ reader, which reads the <variable>_reason columns itself (zb.read_csv carries
    them in Python: test_zb_read_csv_with_reason_columns_keeps_the_written_decimals)."""
    from zhibiao._panel import Panel

    return Panel(zb._core.read_csv(str(path)))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=len(_COLUMNS), max_size=len(_COLUMNS)), min_size=1, max_size=6))
def test_read_csv_write_csv_read_csv_keeps_values_units_reasons_and_written_decimals(tmp_path_factory, rows) -> None:
    tmp = tmp_path_factory.mktemp("trip")
    header = ["entity", "period"] + [f"{n}[{u}],{n}_reason" for n, u in _COLUMNS]
    lines = [",".join(header)]
    for r, cells in enumerate(rows):
        fields = [f"3201{10 + r}", "2024"]
        for (name, _), (kind, digits, decimals) in zip(_COLUMNS, cells):
            fields.extend(_cell(kind, digits, decimals, name == "patents_granted"))
        lines.append(",".join(fields))
    (tmp / "in.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = _read(tmp / "in.csv")
    zb.write_csv(first, tmp / "py.csv")
    first._core.write_csv(str(tmp / "cpp.csv"), unit_header=True, reasons=True)
    for out in ("py.csv", "cpp.csv"):
        again = _read(tmp / out)
        for name, unit in _COLUMNS:
            a, b = first._core, again._core
            assert b.unit(name).symbol == a.unit(name).symbol == unit
            np.testing.assert_array_equal(b.values(name), a.values(name))
            np.testing.assert_array_equal(b.reasons(name), a.reasons(name))
            np.testing.assert_array_equal(b.written_decimals(name), a.written_decimals(name))
            assert b.written_texts(name) == a.written_texts(name)


def test_extract_gives_each_figures_written_decimals() -> None:
    facts = zb.extract("2025年研发投入强度2.00%，地区生产总值1.20万亿元，专利授权量一千二百件，高新技术企业1.2万家，约13.50亿元，13.x亿元。")
    assert facts["decimals"].dtype == np.uint8
    assert dict(zip(facts.text, facts.decimals.tolist())) == {
        "2.00%": 2,
        "1.20万亿元": 2,  # of the value in its unit: 1.2 万亿元
        "一千二百件": 0,  # a Chinese numeral
        "1.2万家": 0,
        "约13.50亿元": 2,
        "13.x亿元": 0,  # masked
    }
    many = zb.extract(["研发投入强度2.00%。", "研发投入强度2.0%。"])
    assert many["decimals"].tolist() == [2, 1]


@pytest.mark.parametrize("figure, decimals", [("2.00%", [2]), ("2%", [0]), ("1.7%", [0])])
def test_a_report_panel_is_written_as_its_figures(figure: str, decimals: list[int]) -> None:
    panel = zb.read_report(f"2024年，全县研发经费投入强度{figure}。", entity="青山县")
    assert panel._core.written_decimals("rd_intensity").tolist() == decimals
    assert _written(panel, unit_header=False).splitlines()[1].endswith("," + figure.rstrip("%"))


def test_zb_read_csv_with_reason_columns_keeps_the_written_decimals(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "entity,period,rd_intensity[%],rd_intensity_reason\n320100,2024,1.7,\n320200,2024,,damaged_source\n"
    )
    assert zb.read_csv(path)._core.written_texts("rd_intensity") == ["1.7", ""]


# tests/python/test_write_csv_round28.py's files: zb.write_csv of a Panel writes the C++ writer's bytes
# (reasons=True: a Panel writes the reasons of its cells), its cells as they were read.
_CASES = {
    "loaded": "entity,name,period,rd_expenditure[万元],gdp[亿元],patents_granted[件]\n"
    '320100,南京,2022,2.4,1.25,139\n320100,南京,2023,,0,140\n320200,无锡,2022,3,"1,234.5",7\n',
    "quoted_names_and_digits": "entity,name,period,x,y[万人]\n"
    '1,"全国,合计",2023,0.0001,2.5\n1,"全国,合计",2024,0.00015,1e16\n2,"A ""B""",2023,1e16,3\n'
    '2,"A ""B""",2024,0.30000000000000004,\n',
    "indicator_columns": "entity,period,rd_intensity[%],hitech_va_share_gdp[%]\n"
    "1,2023,2.675,1.005\n1,2024,2.40,-0.04\n2,2023,,12.0\n",
    "negative_zero": "entity,period,x,rd_intensity[%]\n1,2023,-0,-0\n1,2024,-0.0,2.5\n",
}


@pytest.mark.parametrize("case", sorted(_CASES))
@pytest.mark.parametrize("unit_header", [False, True])
@pytest.mark.parametrize("full_precision", [False, True])
def test_zb_write_csv_of_a_panel_writes_the_cpp_writers_bytes(tmp_path, case, unit_header, full_precision) -> None:
    (tmp_path / "in.csv").write_text(_CASES[case], encoding="utf-8")
    panel = zb.read_csv(tmp_path / "in.csv")
    zb.write_csv(panel, tmp_path / "py.csv", unit_header=unit_header, full_precision=full_precision)
    panel._core.write_csv(
        str(tmp_path / "cpp.csv"), unit_header=unit_header, full_precision=full_precision, reasons=True
    )
    assert (tmp_path / "cpp.csv").read_bytes() == (tmp_path / "py.csv").read_bytes()
    if case == "indicator_columns":  # as written: 2.675 not rounded to 2.68, 1.005 not to 1.0, 2.40 and 12.0 kept
        rows = (tmp_path / "py.csv").read_text(encoding="utf-8").splitlines()[1:]
        assert rows == ["1,2023,2.675,,1.005", "1,2024,2.40,,-0.04", "2,2023,,missing_input,12.0"]
