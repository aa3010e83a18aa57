"""`zhibiao rollup … | zhibiao compute -` keeps why a parent's cell is missing or partial (the
analyst trial lost `incomplete_rollup` there: a CSV cell has no place for it). rollup writes a
`<variable>_reason` column after each variable with reasons, the convention of compute's
`<id>_reason` columns, and read_csv reads them back as the cells' reasons."""

from __future__ import annotations

import io
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

PANEL = (
    "entity,period,gdp[亿元],rd_expenditure[万元]\n"
    "900101,2024,100,5000\n"
    "900102,2024,,3000\n"  # gdp missing: the parent's gdp is incomplete
    "900103,2024,200,2000\n"
    "900201,2024,50,1000\n"
)
PARENTS = "child,parent\n900101,900100\n900102,900100\n900103,900100\n900201,900200\n"


def run(*args, stdin):
    done = subprocess.run(
        [sys.executable, "-m", "zhibiao", *map(str, args)], input=stdin, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _table(text):
    return pd.read_csv(io.StringIO(text), dtype={"entity": str, "period": str}, keep_default_na=False).set_index(
        ["entity", "period"]
    )


@pytest.fixture
def parents(tmp_path):
    path = tmp_path / "parents.csv"
    path.write_text(PARENTS, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "partial, value",
    [
        ([], ""),  # the parent's gdp is missing: so is its R&D intensity, for the same reason
        # 10 000 万元 of three children over 300 亿元 of two was 0.33: a ratio over different
        # children. Read back from CSV the children are unknown, so no matched ratio: missing.
        (["--partial-sums"], ""),
    ],
)
def test_the_reason_of_a_rolled_up_cell_reaches_the_indicators_computed_from_it(parents, partial, value):
    rolled = run("rollup", "-", "--parents", parents, *partial, stdin=PANEL)
    assert rolled.splitlines()[0] == "entity,period,gdp[亿元],gdp_reason,rd_expenditure[万元]"
    computed = _table(run("compute", "-", "--ids", "rd_intensity", stdin=rolled))
    assert str(computed.loc[("900100", "2024"), "rd_intensity"]) == value
    assert computed.loc[("900100", "2024"), "rd_intensity_reason"] == "incomplete_rollup"
    assert str(computed.loc[("900200", "2024"), "rd_intensity"]) == "0.20"  # 1000 万元 / 50 亿元 = 0.2 %, 2 decimals
    assert computed.loc[("900200", "2024"), "rd_intensity_reason"] == ""


def test_read_csv_reads_reason_columns_as_the_reasons_of_the_cells(tmp_path):
    path = tmp_path / "rolled.csv"
    path.write_text(
        "entity,period,gdp[亿元],gdp_reason,rd_expenditure[万元]\n"
        "900100,2024,300,incomplete_rollup,10000\n"
        "900200,2024,,invalid_child,1000\n"
        "900300,2024,80,,2000\n",
        encoding="utf-8",
    )
    panel = zb.read_csv(path)
    assert panel.variables == ["gdp", "rd_expenditure"]
    assert panel.report["rows_loaded"] == 3
    values, reasons = panel.compute(["rd_intensity"], reasons=True)
    # A ratio with a partial sum read back from CSV: its children are unknown, so it cannot be
    # computed over the matched children; missing with the reason (was 10000 / 300 / 1e4 × 100).
    assert np.isnan(values["rd_intensity"].tolist()[0])
    assert reasons["rd_intensity"].astype(object).fillna("").tolist() == ["incomplete_rollup", "invalid_child", ""]
    with open(path, "rb") as f:  # a stream too (what `zhibiao compute -` reads)
        assert zb.read_csv(f).compute(["rd_intensity"], reasons=True)[1].equals(reasons)


def test_an_unknown_reason_is_an_error_naming_the_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("entity,period,gdp[亿元],gdp_reason\n900100,2024,,incomplet_rollup\n", encoding="utf-8")
    with pytest.raises(zb.ParseError, match="gdp_reason.*incomplet_rollup"):
        zb.read_csv(path)


def test_a_reason_column_named_after_a_catalogue_name_reaches_its_variable():
    # 地区生产总值 is read as gdp: its _reason column is gdp's reasons, not a column left aside.
    text = "entity,period,地区生产总值[亿元],地区生产总值_reason\nA,2024,,incomplete_rollup\nB,2024,80,\n"
    panel = zb.read_csv(io.StringIO(text))
    assert "gdp" in panel.variables and "地区生产总值_reason" not in panel.variables
    assert list(panel._core.reasons("gdp")) == [list(zb._core.reason_names).index("incomplete_rollup"), 0]


def test_reason_columns_of_a_gb18030_file_are_read_as_its_cells_are(tmp_path):
    # The header and the reason table were decoded as UTF-8 only (review): a ParseError on the
    # reason text, where the same file in UTF-8 worked.
    text = "地区,年份,地区生产总值[亿元],地区生产总值_reason\n甲,2024,,incomplete_rollup\n乙,2024,80,\n"
    path = tmp_path / "gb.csv"
    path.write_bytes(text.encode("gb18030"))
    panel = zb.read_csv(path)
    assert list(panel._core.reasons("gdp")) == [list(zb._core.reason_names).index("incomplete_rollup"), 0]


def test_a_row_read_csv_skips_leniently_is_a_parse_error_for_the_reason_columns():
    text = "entity,period,gdp[亿元],gdp_reason\nA,2024,,incomplete_rollup\nB,2024,80,,extra\n"
    with pytest.raises(zb.ParseError, match="_reason columns"):
        zb.read_csv(io.BytesIO(text.encode()), lenient=True)
