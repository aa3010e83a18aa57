"""Round 24 (issue #13, speed): in_lexicon_units decides one factor per distinct (variable, unit,
flag_change, flag_unit_implied) instead of one per row, and read_reports hands _chosen_values only
the rows it can use. These tests hold the vectorised code to the row-by-row rules it replaced."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import _extract

ROOT = Path(__file__).resolve().parents[2]
REPORTS = sorted((ROOT / "tests" / "data" / "reports").glob("*.txt"))


def _row_by_row(facts: pd.DataFrame) -> tuple[list[float], list[float], list[str]]:
    """in_lexicon_units as the loop of round 23 computed it, a row at a time (its docstring's rules)."""
    units = facts.attrs.get("lexicon_units", {})
    value, high, unit = [], [], []
    for row in facts.itertuples():
        target = units.get(row.variable, "")
        factor = (
            _extract._factor(row.unit, target)
            if row.variable and not row.flag_change and not row.flag_unit_implied
            else None
        )
        if row.variable and not row.flag_change and (row.flag_unit_implied or not row.unit or not target):
            factor = None if not row.unit and _extract._scaled_unit(target) and not row.flag_unit_implied else 1.0
        # a power of ten as the written decimal gives it (1.36亿元 = 13600万元, round 30): _times_exactly
        value.append(_exactly(row.value, factor) if factor is not None else float("nan"))
        high.append(_exactly(row.high, factor) if factor is not None else float("nan"))
        unit.append(target if factor is not None and target else (row.unit if factor is not None else ""))
    return value, high, unit


def _exactly(value: float, factor: float) -> float:
    return float(_extract._times_exactly(np.array([value]), np.array([factor]))[0])


def _check_converted(facts: pd.DataFrame) -> None:
    got = facts.in_lexicon_units()
    value, high, unit = _row_by_row(facts)
    np.testing.assert_array_equal(got["value_converted"].to_numpy(), np.array(value, dtype=np.float64))
    np.testing.assert_array_equal(got["high_converted"].to_numpy(), np.array(high, dtype=np.float64))
    assert got["unit_converted"].tolist() == unit
    assert got["value_converted"].dtype == np.float64 and got["unit_converted"].dtype == object


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_in_lexicon_units_is_the_row_by_row_rule_on_every_sample_report(path):
    _check_converted(zb.extract(path.read_text(encoding="utf-8")))


def test_one_unit_of_one_variable_converts_differently_by_its_flags():
    # 专利授权量1.2万件 converts (12000 件); 同比增长12% of the same variable is a change: NaN and no
    # unit; 研发经费8600 (no unit, an amount) is NaN; the same combination twice shares its factor.
    text = "专利授权量1.2万件，同比增长12%。专利授权量1.5万件。研发经费投入8600。研发经费投入8600万元。"
    facts = zb.extract(text)
    _check_converted(facts)
    converted = facts.in_lexicon_units()
    patents = converted[converted.variable == "patents_granted"]
    assert patents["value_converted"].tolist()[::2] == [12000.0, 15000.0]
    assert patents["unit_converted"].tolist() == ["件", "", "件"] and np.isnan(patents["value_converted"].iloc[1])
    amounts = converted[converted.variable == "rd_expenditure"]
    assert np.isnan(amounts["value_converted"].iloc[0]) and amounts["value_converted"].iloc[1] == 8600.0


def test_in_lexicon_units_of_plain_string_columns_and_of_an_empty_table():
    facts = zb.extract((ROOT / "data" / "sample" / "city_report_h1.txt").read_text(encoding="utf-8"))
    plain = facts.astype({"variable": str, "unit": str})
    _check_converted(plain)
    empty = zb.extract("没有数字。").in_lexicon_units()
    assert len(empty) == 0 and list(empty.columns)[-3:] == ["value_converted", "high_converted", "unit_converted"]


def test_read_reports_is_read_report_of_each_sample_report():
    texts = {path.stem: path.read_text(encoding="utf-8") for path in REPORTS}
    panel = zb.read_reports(texts, period="2025H1", threads=1)
    wide, findings = panel.to_pandas(reasons=True), panel.findings
    for entity, text in texts.items():
        alone = zb.read_report(text, entity, period="2025H1")
        expected = alone.to_pandas(reasons=True)
        if expected.empty:
            continue
        got = wide.loc[expected.index, list(expected.columns)]
        pd.testing.assert_frame_equal(got, expected, check_names=False)
        mine = findings[findings.entity == entity].drop(columns="entity").reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, alone.findings.reset_index(drop=True), check_dtype=False)


def test_a_column_outlives_its_table_and_the_block_it_views():
    # The numeric columns are views of one block of memory (register_extract.cpp's column_block),
    # freed with the last view: a column kept after the table is gone still reads the figures.
    import gc

    text = (ROOT / "data" / "sample" / "city_report_h1.txt").read_text(encoding="utf-8") * 3
    facts = zb.extract(text)
    expected = facts[["value", "begin", "flag_damaged"]].copy()
    value, begin = facts["value"].to_numpy(), facts["begin"].to_numpy()
    codes = facts["unit"].cat.codes.to_numpy()
    del facts
    gc.collect()
    zb.extract(text)  # memory freed too early would be reused here
    np.testing.assert_array_equal(value, expected["value"].to_numpy())
    np.testing.assert_array_equal(begin, expected["begin"].to_numpy())
    assert len(codes) == len(value) and begin.dtype == np.int64


def test_a_report_reads_the_same_after_any_other_on_its_thread():
    # Each thread keeps the built-in lexicon's indexes from one call to the next: nothing of a
    # report read before may reach the next one's facts.
    texts = [p.read_text(encoding="utf-8") for p in REPORTS]
    first = [zb.extract(t) for t in texts]
    for t, expected in zip(reversed(texts), reversed(first)):
        pd.testing.assert_frame_equal(zb.extract(t), expected, check_exact=True)


def test_values_handed_over_by_the_reader_outlive_the_table_alone_and_of_many_reports():
    # value, high and guess are the reader's own vectors, owned by the arrays (register_extract.cpp's
    # handed_over), not views of the block: each must outlive the frame, read the figures of its own
    # table after more calls, and be writable without touching the other two.
    import gc

    text = (ROOT / "data" / "sample" / "city_report_h1.txt").read_text(encoding="utf-8")
    for facts in (zb.extract(text, guess=True), zb.extract([text, "获批立项11项，争取资金227.4万元。"])):
        expected = facts[["value", "high", "guess"]].copy()
        value, high, guess = (facts[c].to_numpy() for c in ("value", "high", "guess"))
        del facts
        gc.collect()
        zb.extract(text * 2)  # memory freed too early would be reused here
        np.testing.assert_array_equal(value, expected["value"].to_numpy())
        np.testing.assert_array_equal(guess, expected["guess"].to_numpy())
        value[:] = -1.0
        np.testing.assert_array_equal(high, expected["high"].to_numpy())
        assert value.dtype == high.dtype == guess.dtype == np.float64
    empty = zb.extract("没有数字。")
    assert len(empty) == 0 and empty["value"].dtype == np.float64 and empty["guess"].dtype == np.float64
