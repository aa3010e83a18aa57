"""Tables as analysts keep them: names beside codes, integer ranks, units in the notebook view,
the catalogue's decimals in CSV (every digit on request), a BOM for Excel, xlsx with units and
reasons on their own sheets."""

import io
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import _repr


def _values(sample_dir):
    panel = zb.read_csv(sample_dir / "counties_synthetic.csv")
    return panel.compute(["rd_intensity", "invention_patents_per_10k"], reasons=True)


def test_results_carry_entity_names_and_csv_has_them_beside_the_codes(sample_dir):
    values, _ = _values(sample_dir)
    assert values.attrs["names"]["900101"] == "甲省1市1县"
    buffer = io.StringIO()
    zb.write_csv(values, buffer)
    lines = buffer.getvalue().splitlines()
    assert lines[0] == "entity,period,name,rd_intensity,invention_patents_per_10k"
    # 900101, 2015: R&D 55 936.8 万元 over GDP 343.4 亿元 = 1.6289…%, written with the catalogue's 2 decimals
    assert lines[1].startswith("900101,2015,甲省1市1县,1.63,")


def test_full_precision_on_request_and_a_bom_for_excel(sample_dir, tmp_path):
    values, _ = _values(sample_dir)
    buffer = io.StringIO()
    zb.write_csv(values, buffer, full_precision=True)
    assert buffer.getvalue().splitlines()[1].startswith("900101,2015,甲省1市1县,1.6289")
    path = tmp_path / "excel.csv"
    zb.write_csv(values, path, encoding="utf-8-sig")
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf" and "甲省1市1县" in path.read_text(encoding="utf-8-sig")
    with pytest.raises(zb.ArgumentError, match="encoding"):
        zb.write_csv(values, path, encoding="latin-1")


def test_ranks_are_integers_nullable_where_missing_and_average_ties_stay_floats():
    ranks = pd.Series([1.0, 3.0, np.nan, 2.0])
    whole = zb.whole_ranks(ranks)
    assert (
        str(whole.dtype) == "Int64"
        and whole.tolist()[:2] == [1, 3]
        and whole.isna().tolist() == [False, False, True, False]
    )
    assert zb.whole_ranks(pd.Series([1.5, 1.5, 3.0])).dtype == np.float64


def test_units_show_under_the_column_names_in_a_notebook(sample_dir):
    values, _ = _values(sample_dir)
    html = _repr.table_html(values.head())
    assert "件/万人" in html and "%" in html and "rd_intensity" in html
    assert _repr.table_html(pd.DataFrame({"x": [1]})) is None  # other frames keep pandas' view


def test_excel_has_values_units_and_reasons_sheets(sample_dir, tmp_path):
    values, reasons = _values(sample_dir)
    path = tmp_path / "indicators.xlsx"
    zb.to_excel(values, path, reasons=reasons, lang="en")
    sheets = pd.read_excel(path, sheet_name=None, dtype={"entity": str, "period": str})
    assert list(sheets) == ["values", "units", "reasons"]
    first = sheets["values"].iloc[0]
    assert (first["entity"], first["period"], first["name"], first["rd_intensity"]) == (
        "900101",
        "2015",
        "甲省1市1县",
        1.63,
    )
    units = sheets["units"].set_index("column")["unit"]
    assert units["invention_patents_per_10k"] == "items/10k persons" and units["rd_intensity"] == "%"
    assert len(sheets["reasons"]) == len(values)


def _cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "zhibiao", *map(str, args)], capture_output=True, text=True, **kw)


def test_cli_xlsx_needs_a_file_and_composite_ranks_are_integers(sample_dir, tmp_path):
    panel = sample_dir / "counties_synthetic.csv"
    refused = _cli("compute", panel, "--format", "xlsx")
    assert refused.returncode == 2 and "--out FILE.xlsx" in refused.stderr and "Traceback" not in refused.stderr
    _cli("compute", panel, "--ids", "rd_intensity", "--format", "xlsx", "--out", tmp_path / "r.xlsx", check=True)
    assert set(pd.read_excel(tmp_path / "r.xlsx", sheet_name=None)) == {"values", "units", "reasons"}
    table = "region,a,b\nu1,1,4\nu2,2,3\nu3,3,1\n"
    scored = _cli("composite", "-", "--model", "entropy-topsis", input=table, check=True)
    ranks = pd.read_csv(io.StringIO(scored.stdout), dtype=str)["rank"].tolist()
    assert sorted(ranks) == ["1", "2", "3"]


def test_cli_bom_and_full_precision(sample_dir):
    panel = sample_dir / "counties_synthetic.csv"
    bom = subprocess.run(
        [sys.executable, "-m", "zhibiao", "compute", str(panel), "--ids", "rd_intensity", "--bom", "-q"],
        capture_output=True,
        check=True,
    )
    assert bom.stdout.startswith("\ufeff".encode())
    full = _cli("compute", panel, "--ids", "rd_intensity", "--full-precision", "--no-reasons", "-q", check=True)
    assert full.stdout.splitlines()[1].startswith("900101,2015,甲省1市1县,1.6289")
