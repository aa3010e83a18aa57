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


def test_composite_ranks_are_competition_ranks_as_nullable_integers():
    # COINr's rank_df and Compind rank ties "min": scores 9, 8, 8, 7 rank 1, 2, 2, 4; no score, no rank.
    C = zb.composite
    data = pd.DataFrame({"x": [9.0, 8.0, 8.0, 7.0, np.nan]}, index=list("abcde"))
    result = C.build(data, C.Framework.flat(["x"]), [C.Normalise("minmax"), C.Aggregate()])
    ranks = result.ranks["Index"]
    assert str(ranks.dtype) == "Int64"
    assert ranks.iloc[:4].tolist() == [1, 2, 2, 4] and ranks["e"] is pd.NA
    dense = result.rank("dense")["Index"]
    assert str(dense.dtype) == "Int64" and dense.iloc[:4].tolist() == [1, 2, 2, 3]
    average = result.rank("average")["Index"]  # halves: floats, NaN where missing
    assert average.dtype == np.float64 and average.iloc[:4].tolist() == [1, 2.5, 2.5, 4] and np.isnan(average["e"])
    two = C.build(
        data.assign(y=[1.0, 2.0, 3.0, 4.0, 5.0]), C.Framework.flat(["x", "y"]), [C.Normalise(), C.Aggregate()]
    )
    change = two.what_if("x")
    assert str(change["nominal_rank"].dtype) == str(change["rank_without"].dtype) == "Int64"
    assert callable(change.rank)  # the pandas method, not shadowed by a column


def test_every_rank_column_of_the_library_is_whole(sample_dir):
    C = zb.composite
    vikor = C.vikor_compromise([[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], [-1, 1])
    assert vikor["ranking"].dtype == np.int64 and vikor["ranking"].tolist() == [2, 1, 2]  # ties share the best
    data = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [4.0, 1.0, 2.0, 3.0]}, index=list("pqrs"))
    u = C.uncertainty(data, C.Framework.flat(["a", "b"]), [C.Normalise(), C.Aggregate()], n=20, weights_noise={1: 0.2})
    assert str(u.node_ranks()["nominal_rank"].dtype) == "Int64"


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


def test_units_survive_merge_and_concat_through_the_helpers(sample_dir):
    values, _ = _values(sample_dir)
    extra = pd.DataFrame({"gdp_growth": [7.5]}, index=values.index[:1])
    extra.attrs["units"] = {"gdp_growth": "%"}
    # pandas 1.5 (Debian's) drops attrs in merge, join and concat; zb.merge / zb.concat keep them
    merged = zb.merge(values, extra, left_index=True, right_index=True, how="left")
    assert zb.units(merged) == {"rd_intensity": "%", "invention_patents_per_10k": "件/万人", "gdp_growth": "%"}
    assert merged.attrs["names"]["900101"] == "甲省1市1县"
    assert "件/万人" in _repr.table_html(merged.head())
    flat = values.reset_index()
    clash = zb.merge(flat, flat[["entity", "period", "rd_intensity"]], on=["entity", "period"])
    assert zb.units(clash)["rd_intensity_x"] == zb.units(clash)["rd_intensity_y"] == "%"
    stacked = zb.concat([values.head(2), values.tail(2)])
    assert zb.units(stacked) == zb.units(values) and len(stacked) == 4
    side = zb.concat([values[["rd_intensity"]], extra], axis=1)
    assert zb.units(side) == {"rd_intensity": "%", "gdp_growth": "%"}


def test_units_of_a_table_and_setting_them():
    table = pd.DataFrame({"a": [1.0], "b": [2.0]})
    assert zb.units(table) == {}
    marked = zb.with_units(table, {"a": "万元", "zzz": "件"}, b="%")
    assert zb.units(marked) == {"a": "万元", "b": "%"} and zb.units(table) == {}  # a copy; unknown columns left out
    assert zb.units(zb.with_units(marked, b="")) == {"a": "万元"}  # an empty unit removes one
    assert zb.units(marked[["a"]]) == {"a": "万元"}  # only the columns it has


def test_csv_with_units_in_the_header_reads_back_with_them(sample_dir, tmp_path):
    values, _ = _values(sample_dir)
    path = tmp_path / "with_units.csv"
    zb.write_csv(values, path, unit_header=True, names=False)
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header == "entity,period,rd_intensity[%],invention_patents_per_10k[件/万人]"
    again = zb.read_csv(path)
    assert again.units["rd_intensity"] == "%" and again.units["invention_patents_per_10k"] == "件/万人"


def test_the_library_keeps_units_through_rollup_and_compute(sample_dir):
    panel = zb.read_csv(sample_dir / "counties_synthetic.csv")
    rolled = panel.rollup("admin")
    assert rolled.units["population"] == panel.units["population"]
    table = rolled.to_pandas()
    assert zb.units(table)["population"] == panel.units["population"]
    assert zb.units(rolled.compute(["rd_intensity"])) == {"rd_intensity": "%"}


def test_tables_round_halves_away_from_zero_as_statistical_tables_print():
    """四舍五入 as Excel's ROUND: 1 of 8 projects approved is 12.5 %, printed 13 with no decimal
    (pandas' round gives 12); 1 of 400 is 0.25 % → 0.3 (project_approval_rate has 1 decimal);
    107 / 40 = 2.675 is held as 2.67499… and still printed 2.68."""
    from zhibiao._tables import round_half_away

    panel = zb.read_csv(
        io.StringIO("region,period,projects_applied[项],projects_approved[项]\nA,2023,400,1\nB,2023,16,1\nC,2023,3,2\n")
    )
    buffer = io.StringIO()
    zb.write_csv(panel.compute(["project_approval_rate"]), buffer)
    assert [line.split(",")[-1] for line in buffer.getvalue().splitlines()[1:]] == ["0.3", "6.3", "66.7"]
    got = round_half_away(np.array([12.5, -12.5, 107 / 40, 1.005, 0.49999, -0.004, np.nan, 1e300]), 0)
    np.testing.assert_array_equal(got[:6], [13.0, -13.0, 3.0, 1.0, 0.0, 0.0])
    assert np.isnan(got[6]) and got[7] == 1e300 and not np.signbit(got[5])
    np.testing.assert_array_equal(round_half_away(np.array([107 / 40, 1.005, -2.675]), 2), [2.68, 1.01, -2.68])


def test_rounding_keeps_large_values_and_nullable_floats():
    """Review of the half-away rounding: the allowance for a binary hair below a half never moves
    a large value's whole part (1e13 at 2 decimals stayed 1e13.07), and pandas' Float64 works."""
    from zhibiao._tables import round_half_away, rounded

    np.testing.assert_array_equal(
        round_half_away(np.array([1e13, 3.6e12, 10000000000.00493, 0.285, 1.15]), 2),
        [1e13, 3.6e12, 1e10, 0.29, 1.15],
    )
    np.testing.assert_array_equal(round_half_away(np.array([3e14, 4e15]), 0), [3e14, 4e15])
    frame = pd.DataFrame({"rd_intensity": pd.array([1.255, None], dtype="Float64")})
    out = rounded(frame, {"rd_intensity": 2})
    assert str(out["rd_intensity"].dtype) == "Float64"
    assert out["rd_intensity"].iloc[0] == 1.26 and out["rd_intensity"].isna().iloc[1]


def test_written_halves_round_away_from_zero_alike_for_plus_and_minus(tmp_path):
    # progress_vs_time of 50.05 % and 49.95 % of target at mid-year: ±0.05 points by hand, computed
    # as 0.04999999999999449 and -0.050000000000000044 (50.05 - 50 loses the last digits). Written
    # with 1 decimal, 四舍五入 on the decimal value meant: +0.1 and -0.1 (it wrote 0.0 and -0.1).
    from zhibiao._tables import round_half_away

    q = zb.read_csv(io.StringIO("region,period,target,actual\nC,2024H1,10000,4995\nD,2024H1,10000,5005\n"))
    values = q.compute(["progress_vs_time"])
    path = tmp_path / "progress.csv"
    zb.write_csv(values, path)
    written = pd.read_csv(path).set_index("entity")["progress_vs_time"]
    assert written.to_dict() == {"C": -0.1, "D": 0.1}
    # The same decimal value either side of zero rounds to mirrored figures; a hair from a half stays.
    cases = np.array([0.05, -0.05, 0.04999999999999449, -0.04999999999999449, 2.675, -2.675, 0.0499, -0.0499])
    assert round_half_away(cases, 1).tolist() == [0.1, -0.1, 0.1, -0.1, 2.7, -2.7, 0.0, -0.0]
    assert round_half_away(np.array([107 / 40, -107 / 40, 1e13 + 0.5, np.nan]), 2)[:3].tolist() == [
        2.68,
        -2.68,
        1e13 + 0.5,
    ]
