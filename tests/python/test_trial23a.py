"""Findings of trial 23a (an analyst's first day with zhibiao), each with the case that showed it."""

import io
import math
import re

import pandas as pd
import pytest

import zhibiao as zb


def _partial_rollup():
    # 320602 has R&D but no GDP: the partial sums are R&D over three counties (3000 + 4000 + 5000
    # = 12000 万元) and GDP over two (100 + 100 = 200 亿元); rd_intensity of 320600 is computed over
    # the two matched counties, (3000 + 5000) 万元 / 200 亿元 = 40 万元/亿元 = 0.4 % (by hand:
    # 8e7 元 / 2e10 元 = 0.004), not 12000 / 200 = 0.6 %.
    counties = zb.read_csv(
        io.StringIO(
            "region,period,gdp[亿元],rd_expenditure[万元]\n"
            "320601,2023,100,3000\n320602,2023,,4000\n320603,2023,100,5000\n"
        )
    )
    return counties.rollup("admin", partial_sums=True)


def test_explain_of_a_partial_rollup_computes_the_value_it_shows():
    e = _partial_rollup().explain("rd_intensity", "320600", "2023")
    assert e.value == pytest.approx(0.4, rel=1e-12)
    assert e.raw == pytest.approx(40.0, rel=1e-12)  # was 60.0: the ratio of the partial sums
    line = next(x for x in e.text().splitlines() if x.strip().startswith("computed"))
    raw, factor, value = (float(n) for n in re.findall(r"\d+(?:\.\d+)?(?:e-?\d+)?", line)[:3])
    assert raw * factor == pytest.approx(value, rel=1e-12), line


def test_explain_of_a_partial_rollup_missing_value_has_no_computed_line():
    # 320602 has neither: no child is matched for 2023's rd_intensity of the parent of 320602 alone.
    panel = zb.read_csv(io.StringIO("region,period,gdp[亿元],rd_expenditure[万元]\n320601,2023,100,\n320602,2023,,4000\n"))
    e = panel.rollup("admin", partial_sums=True).explain("rd_intensity", "320600", "2023")
    assert math.isnan(e.value)
    assert not any(x.strip().startswith("computed") for x in e.text().splitlines())


@pytest.fixture
def values():
    frame = pd.DataFrame({"rd_intensity": [1.5, 2.25]}, index=pd.Index(["A", "B"], name="entity"))
    return zb.with_units(frame, rd_intensity="%")


@pytest.mark.parametrize("name", ["out.xlsx", "out.XLSX", "out.xls", "out.xlsm"])
def test_write_csv_refuses_a_workbook_name(values, tmp_path, name):
    # Before: CSV text in a file named .xlsx, which Excel refuses to open.
    with pytest.raises(zb.ArgumentError, match="to_excel"):
        zb.write_csv(values, tmp_path / name)
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("name", ["out.csv", "out.txt", "out"])
def test_to_excel_refuses_a_name_it_cannot_write(values, tmp_path, name):
    # Before: pandas' "Invalid extension for engine '<property object at 0x…>': 'csv'".
    with pytest.raises(zb.ArgumentError, match="write_csv|.xlsx"):
        zb.to_excel(values, tmp_path / name)
    assert not (tmp_path / name).exists()


def test_to_excel_and_write_csv_still_write_their_own_files(values, tmp_path):
    zb.write_csv(values, tmp_path / "out.csv")
    zb.to_excel(values, str(tmp_path / "out.xlsx"))
    assert pd.read_excel(tmp_path / "out.xlsx", sheet_name="values")["rd_intensity"].tolist() == [1.5, 2.25]
