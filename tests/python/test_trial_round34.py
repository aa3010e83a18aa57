"""Findings of the round-34 trial (a new user's first day, read-only on main): the Python layer
and the command line, each with the case that showed it."""

import io
import json
import os
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

# Four counties of 320600, R&D missing in one and unparseable in another; GDP in all four.
_COUNTIES = (
    "region,period,gdp[亿元],rd_expenditure[万元]\n320601,2023,100,3000\n320602,2023,100,\n"
    "320603,2023,100,xyz\n320604,2023,100,5000\n"
)


def _partial_rollup() -> zb.Panel:
    return zb.read_csv(io.StringIO(_COUNTIES), lenient=True).rollup("admin", partial_sums=True)


def test_a_partial_rollup_through_pandas_keeps_its_reason():
    # The partial sum of R&D (3000 + 5000 万元, 2 of 4 counties) read back from to_pandas() was a
    # complete total: 8000 万元 / 400 亿元 = 0.2 %, with no reason. It must never be a number
    # without its reason: the complete roll-up's NaN with invalid_child, as to_pandas(reasons=True)
    # and the CSV written by zhibiao rollup give.
    frame = _partial_rollup().to_pandas()
    assert list(frame.columns) == ["gdp", "rd_expenditure"]  # still numbers only
    assert frame.attrs["reasons"] == {"rd_expenditure": {"invalid_child": {"partial": "320600\t2023"}}}
    values, reasons = zb.Panel.from_pandas(frame).compute("rd_intensity", reasons=True)
    assert np.isnan(values.iloc[0, 0])
    assert reasons.iloc[0, 0] == "invalid_child"


def test_reasons_in_attrs_follow_the_rows_kept_and_survive_json():
    frame = zb.read_csv(io.StringIO(_COUNTIES), lenient=True).to_pandas()
    json.dumps(frame.attrs)  # pandas writes attrs into Parquet as JSON
    kept = frame.iloc[[2, 3]]  # 320603 (unparseable) and 320604
    _, reasons = zb.Panel.from_pandas(kept).compute("rd_intensity", reasons=True)
    assert list(reasons["rd_intensity"].astype(object).fillna("")) == ["unparseable", ""]
    # A value put in a missing cell since is the user's: the missing cell's reason does not stay.
    filled = frame.copy()
    filled.loc[("320602", "2023"), "rd_expenditure"] = 4000.0
    values = zb.Panel.from_pandas(filled).compute("rd_intensity")
    assert values.loc[("320602", "2023"), "rd_intensity"] == pytest.approx(0.4)  # 4000/1e4/100*100


def test_a_partial_sum_scaled_in_pandas_is_still_a_partial_sum():
    frame = _partial_rollup().to_pandas()
    frame["rd_expenditure"] = frame["rd_expenditure"] * 1.0 + 0.0  # a user's arithmetic on the column
    _, reasons = zb.Panel.from_pandas(frame).compute("rd_intensity", reasons=True)
    assert reasons.iloc[0, 0] == "invalid_child"


def test_write_csv_writes_a_panel_that_read_csv_reads_back_whole(tmp_path):
    # zb.write_csv(panel, path) raised AttributeError: 'Panel' object has no attribute 'copy'.
    path = tmp_path / "rolled.csv"
    zb.write_csv(_partial_rollup(), path)
    text = path.read_text()
    assert text.splitlines()[0] == "entity,period,gdp[亿元],rd_expenditure[万元],rd_expenditure_reason"
    values, reasons = zb.read_csv(path).compute("rd_intensity", reasons=True)
    assert np.isnan(values.iloc[0, 0]) and reasons.iloc[0, 0] == "invalid_child"
    counties = tmp_path / "counties.csv"
    zb.write_csv(zb.read_csv(io.StringIO(_COUNTIES), lenient=True), counties)
    again = zb.read_csv(counties).compute("rd_intensity")
    assert again.loc[("320604", "2023"), "rd_intensity"] == pytest.approx(0.5)  # 5000/1e4/100*100
    with pytest.raises(zb.ArgumentTypeError, match="reasons="):
        zb.write_csv(_partial_rollup(), path, reasons=pd.DataFrame())


def test_an_infinity_from_pandas_is_reported_in_read_csvs_words():
    df = pd.DataFrame(
        {"region": ["320100", "320200"], "period": ["2024"] * 2, "gdp": [np.inf, 5.0], "rd_expenditure": [1.0, -np.inf]}
    )
    panel = zb.Panel.from_pandas(df, "region", "period", units={"gdp": "亿元", "rd_expenditure": "万元"})
    report = panel.report
    said = zb.read_csv(io.StringIO("region,period,gdp[亿元]\n320100,2024,inf\n"), lenient=True).report["issues"]
    assert [i["text"] for i in report["issues"]] == ["inf", "-inf"]
    assert {i["problem"] for i in report["issues"]} == {said[0]["problem"]}
    assert [(i["entity"], i["variable"]) for i in report["issues"]] == [("320100", "gdp"), ("320200", "rd_expenditure")]
    assert report["cells_unparseable"] == 2 and report["cells_missing"] == 0


def test_a_text_beyond_a_double_from_pandas_says_so_as_read_csv_does():
    df = pd.DataFrame({"region": ["320100", "320200"], "period": ["2024"] * 2, "gdp": ["1e400", "x1"]})
    issues = zb.Panel.from_pandas(df, "region", "period", units={"gdp": "亿元"}, lenient=True).report["issues"]
    said = zb.read_csv(io.StringIO("region,period,gdp[亿元]\n320100,2024,1e400\n"), lenient=True).report["issues"]
    assert issues[0]["problem"] == said[0]["problem"]
    assert "beyond the range of a double" in issues[0]["problem"]
    assert issues[1]["problem"] == "not a number"


def test_a_float32_column_is_warned_of_by_name():
    # 282.14 as float32 is 282.1400146484375: invention patents per 10k people differ in the 7th digit.
    df = pd.DataFrame(
        {
            "region": ["320100"],
            "year": [2023],
            "population": np.array([282.14], dtype="float32"),
            "valid_invention_patents": [97797.0],
        }
    )
    with pytest.warns(zb.Float32Warning, match="'population'.*282.14 is 282.1400146484375"):
        zb.Panel.from_pandas(df, "region", "year", units={"population": "万人"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        zb.Panel.from_pandas(df.astype({"population": "float64"}), "region", "year", units={"population": "万人"})


def _cli(*argv: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhibiao", *argv], capture_output=True, text=True, **kw)


# hnte-2016 firms: A complete; B's row has an unquoted 1,203 (a field too many), so the load skips
# it and scorecard lists it as invalid input and exits 1 (the inputs of /tmp/trial34/firms.csv).
_HNTE_HEADER = (
    "firm,registered_days,in_supported_field,employees,st_staff,sales_y1,sales_y2,sales_y3,rd_y1,rd_y2,rd_y3,"
    "rd_domestic,hitech_income,total_income,ip_class1,ip_class2,conversions_3y,years_operating,net_assets_y1,"
    "net_assets_y2,net_assets_y3,tech_advancement,core_support,ip_acquisition,standards_bonus,rd_organisation,"
    "rd_platform,transfer_system,talent_system,compliant\n"
)
_HNTE_ROW = "2000,1,100,10,4000,4600,5000,200,230,250,408,3000,5000,1,0,15,3,1000,1300,1800,7,7,6,0,6,6,4,4,1\n"


def test_scorecard_keeps_its_exit_status_when_the_reader_stops_early(tmp_path):
    firms = tmp_path / "firms.csv"
    firms.write_text(_HNTE_HEADER + "A," + _HNTE_ROW + "B," + _HNTE_ROW.replace("100,10", "1,203,10", 1))
    assert _cli("scorecard", str(firms), "--pack", "hnte-2016", "-q").returncode == 1
    # | head -1: the reader gone before anything is written (its end of the pipe closed first)
    read, write = os.pipe()
    os.close(read)
    try:
        closed = subprocess.run(
            [sys.executable, "-m", "zhibiao", "scorecard", str(firms), "--pack", "hnte-2016", "-q"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        os.close(write)
    assert closed.returncode == 1, closed.stderr  # was 0: BrokenPipeError taken as success
    assert closed.stderr == ""


def test_compute_format_xlsx_with_a_csv_name_says_the_cli_options(tmp_path):
    panel = tmp_path / "panel.csv"
    panel.write_text("region,period,gdp[亿元],rd_expenditure[万元]\n320100,2024,100,3000\n")
    said = _cli("compute", str(panel), "--ids", "rd_intensity", "--format", "xlsx", "--out", str(tmp_path / "x.csv"))
    assert said.returncode == 2
    assert "--out FILE.xlsx" in said.stderr and "drop --format" in said.stderr
    assert "zb.write_csv" not in said.stderr and "to_excel" not in said.stderr
    assert not (tmp_path / "x.csv").exists()
    upper = tmp_path / "x.XLSX"  # a workbook's name in capitals: written (pandas refused the ending)
    assert _cli("compute", str(panel), "--format", "xlsx", "--out", str(upper), "-q").returncode == 0
    assert upper.read_bytes()[:2] == b"PK"


def test_scorecard_keeps_the_firms_names_beside_their_codes(tmp_path):
    # /tmp/trial34/sme.csv: 企业名称 and 统一社会信用代码 in, only the codes out.
    firms = tmp_path / "sme.csv"
    firms.write_text(
        "企业名称,统一社会信用代码,employees,st_staff,sales[万元],assets[万元],rd_expense[万元],total_cost[万元],"
        "ip_class1,ip_class2,hnte_certified\n"
        "甲,91320100MA1AAAAA1X,100,30,20000,5000,1200,20000,0,4,0\n"
        "乙,91320100MA1AAAAA2X,100,9.99,20000,5000,1199.99,20000,0,4,0\n"
    )
    out = _cli("scorecard", str(firms), "--pack", "tech-sme-2017", "-q")
    table = pd.read_csv(io.StringIO(out.stdout), dtype=str)
    assert list(table.columns[:3]) == ["firm", "name", "status"]
    assert list(zip(table["firm"], table["name"])) == [("91320100MA1AAAAA1X", "甲"), ("91320100MA1AAAAA2X", "乙")]


@pytest.mark.parametrize(
    "given, meant",
    [
        ("mazziotta_pareto", "mpi"),
        ("Mazziotta-Pareto", "mpi"),
        ("Mazziotta–Pareto", "mpi"),  # the README's en dash
        ("geomean", "geometric"),
        ("gmean", "geometric"),
        ("harmean", "harmonic"),
        ("power_mean", "generalised"),
    ],
)
def test_the_usual_names_of_aggregations_get_a_did_you_mean(given, meant):
    with pytest.raises(zb.ArgumentError, match=f"did you mean '{meant}'\\? '{given}' is its name in"):
        zb.composite.Aggregate(given)


def test_zb_concat_keeps_the_reasons_of_the_frames_it_joins():
    # pandas 1.5 drops attrs in concat; zb.concat keeps units and names, and now the reasons: two
    # years of a partial roll-up joined are still partial sums.
    rolled = _partial_rollup().to_pandas()
    later = rolled.rename(index={"2023": "2024"}, level="period")
    later.attrs = {**rolled.attrs, "reasons": {"rd_expenditure": {"invalid_child": {"partial": "320600\t2024"}}}}
    joined = zb.concat([rolled, later])
    _, reasons = zb.Panel.from_pandas(joined).compute("rd_intensity", reasons=True)
    assert list(reasons["rd_intensity"]) == ["invalid_child", "invalid_child"]


def test_reasons_in_attrs_of_another_shape_are_refused_naming_them():
    frame = _partial_rollup().to_pandas()
    frame.attrs["reasons"] = {"rd_expenditure": [["320600", "2023", "invalid_child", True]]}
    with pytest.raises(zb.ArgumentError, match=r"df.attrs\['reasons'\]\['rd_expenditure'\] is not"):
        zb.Panel.from_pandas(frame)
    frame.attrs["reasons"] = {"rd_expenditure": {"invalid_chld": {"partial": "320600\t2023"}}}
    with pytest.raises(zb.ParseError, match="did you mean 'invalid_child'"):
        zb.Panel.from_pandas(frame)


def test_a_float16_column_is_widened_with_a_warning_too():
    # review 34: float16 (0.1 is 0.0999755859375) was widened silently, only float32 warned
    import warnings as _w

    import numpy as _np
    import pandas as _pd

    df = _pd.DataFrame({"region": ["320100"], "period": ["2024"], "gdp": _np.array([0.1], dtype=_np.float16)})
    with _w.catch_warnings(record=True) as seen:
        _w.simplefilter("always")
        zb.Panel.from_pandas(df, "region", "period", units={"gdp": "亿元"})
    assert any(issubclass(w.category, zb.Float32Warning) and "float16" in str(w.message) for w in seen)
