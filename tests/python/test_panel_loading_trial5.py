"""Loading fixes of analyst trial 5: from_pandas and read_csv give the same answer for the same
cells (a text in a column of numbers, padded codes, percentages mixed with plain numbers), and
read_csv reads a pipe as it reads a file."""

import io

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb


def _frame(**columns):
    return pd.DataFrame({"region": ["A01", "A02", "A03"], "period": ["2024"] * 3, **columns})


@pytest.mark.parametrize("header", ["valid_invention_patents", "有效发明专利拥有量"])
def test_a_text_in_a_catalogue_variable_column_raises_as_read_csv_does(header):
    df = _frame(**{header: ["5", "6", "x"]}, population=[50.0, 51.0, 50.0])
    # Before: the whole column was dropped into report["ignored_columns"], without a word.
    with pytest.raises(zb.ParseError, match=r"row 3 \(entity A03, period 2024\): not a number: 'x'") as info:
        zb.Panel.from_pandas(df, "region", "period")
    assert (info.value.entity, info.value.period, info.value.variable) == ("A03", "2024", "valid_invention_patents")
    with pytest.raises(zb.ParseError):
        zb.read_csv(io.StringIO(df.to_csv(index=False)))


def test_a_text_in_a_column_of_mostly_numbers_raises():
    df = _frame(output=["1.5", "2,000", "n/a?"])  # not a catalogue variable, but two numbers of three
    with pytest.raises(zb.ParseError, match=r"column 'output', row 3 \(entity A03, period 2024\)"):
        zb.Panel.from_pandas(df, "region", "period")


def test_text_columns_stay_ignored_with_their_reason():
    df = _frame(x=[1.0, 2.0, 3.0], label=["north", "2023", "south"], name_zh=["甲", "乙", "丙"])
    panel = zb.Panel.from_pandas(df, "region", "period")
    assert panel.variables == ["x"]
    assert panel.report["ignored_columns"] == ["label", "name_zh"]
    assert panel.report["ignored_reasons"]["label"] == "holds texts that are not numbers (row 1)"


def test_codes_and_periods_are_trimmed_as_read_csv_trims_them():
    growth = zb.Indicator("g", "growth(gdp)", unit="%")
    df = pd.DataFrame(
        {"region": ["A01", "A01 ", "\u3000A01"], "period": ["2023", " 2024", "2025\t"], "gdp": [100.0, 110.0, 121.0]}
    )
    csv = zb.read_csv(io.StringIO("region,period,gdp[亿元]\nA01,2023,100\nA01 , 2024,110\n\u3000A01,2025\t,121\n"))
    panel = zb.Panel.from_pandas(df, "region", "period", units={"gdp": "亿元"})
    assert list(panel.entities["code"]) == list(csv.entities["code"]) == ["A01"]
    assert panel.periods == csv.periods == ["2023", "2024", "2025"]
    assert panel.compute([growth])["g"].tolist() == pytest.approx([np.nan, 10.0, 10.0], nan_ok=True)


def test_one_entity_under_two_spellings_in_one_period_is_a_duplicate_row():
    df = pd.DataFrame({"region": ["A01", "A01 "], "period": ["2024", "2024"], "gdp": [100.0, 110.0]})
    with pytest.raises(zb.DuplicateRowError):
        zb.Panel.from_pandas(df, "region", "period")


def test_a_code_of_white_space_only_is_refused():
    df = pd.DataFrame({"region": ["A01", "  "], "period": ["2024", "2024"], "gdp": [100.0, 110.0]})
    with pytest.raises(zb.ParseError, match="empty entity code"):
        zb.Panel.from_pandas(df, "region", "period")


def _mixed_csv(rows):
    return "region,period,share,x\n" + "".join(f"A{i:03d},2024,{cell},{i}\n" for i, cell in enumerate(rows))


def test_percentages_and_plain_numbers_in_a_column_of_no_stated_unit_are_refused():
    # Before: 0.125 and 12.5, 100× apart, without a note.
    with pytest.raises(zb.ParseError, match=r"column 'share', whose header states no unit, while line 2 has") as info:
        zb.read_csv(io.StringIO(_mixed_csv(["12.5", "13.0", "12.5%"])))
    assert info.value.line == 4 and info.value.variable == "share"
    with pytest.raises(zb.ParseError, match=r"while line 3 has a plain number") as info:  # percentage first
        zb.read_csv(io.StringIO(_mixed_csv(["12.5%", "13.0", '"1,250"'])))
    assert info.value.line == 2


def test_mixed_percentages_are_found_across_parallel_chunks():
    # About 20 MB: four chunks of at least 4 MiB (csv_options::min_chunk_bytes) with 4 threads. The
    # plain numbers are all on the fast path, in other chunks than the one percentage.
    rows = 1_200_000
    body = "".join(f"E{i},2024,{'12.5%' if i == 900_000 else '1.5'},1\n" for i in range(rows))
    text = "region,period,share,x\n" + body
    assert len(text) > 16 << 20
    for threads in (1, 4):
        with pytest.raises(zb.ParseError, match=r"while line 2 has a plain number") as info:
            zb.read_csv(io.BytesIO(text.encode()), threads=threads)
        assert info.value.line == 900_002


def test_lenient_makes_the_percentage_cells_unparseable():
    panel = zb.read_csv(io.StringIO(_mixed_csv(["12.5", "12.5%", "-"])), lenient=True)
    assert panel.values("share")[0] == 12.5 and np.isnan(panel.values("share")[1:]).all()
    report = panel.report
    assert report["cells_unparseable"] == 1
    assert [(i["line"], i["text"]) for i in report["issues"]] == [(3, "12.5%")]


@pytest.mark.parametrize("header", ["share[%]", "share[1]"])
def test_a_stated_unit_reads_both_kinds_as_before(header):
    panel = zb.read_csv(io.StringIO(_mixed_csv(["12.5", "12.5%"]).replace("share", header, 1)))
    expected = [12.5, 12.5] if header == "share[%]" else [12.5, 0.125]
    assert panel.values("share").tolist() == pytest.approx(expected)


def test_from_pandas_refuses_the_same_mix():
    df = _frame(share=["12.5", "13", "12.5%"])
    with pytest.raises(zb.ParseError, match=r"row 3 \(entity A03, period 2024\): a percentage .* row 1 has a plain"):
        zb.Panel.from_pandas(df, "region", "period")
    assert zb.Panel.from_pandas(df, "region", "period", units={"share": "%"}).values("share").tolist() == [
        pytest.approx(12.5),
        pytest.approx(13.0),
        pytest.approx(12.5),
    ]
    # Percentages only, no unit given: a column in % (round 12; it was 0.125 with no unit).
    only = zb.Panel.from_pandas(_frame(share=["12.5%", "13%", "-"]), "region", "period")
    assert only.values("share")[0] == 12.5 and only.units["share"] == "%"


def test_a_long_file_cannot_mix_percentages_and_plain_numbers_either():
    # The wide check did not cover the long layout (review): A read 0.125, B 12.5.
    text = b"entity,period,variable,value\nA,2020,share,12.5%\nB,2020,share,12.5\n"
    with pytest.raises(zb.ParseError, match="line 2 gives a percentage"):
        zb.read_csv(io.BytesIO(text))
    lenient = zb.read_csv(io.BytesIO(text), lenient=True)
    # The first kind is kept: the percentage, so the variable is one in % (round 12; it was 0.125).
    assert lenient.values("share")[0] == 12.5 and np.isnan(lenient.values("share")[1])
    assert lenient.units["share"] == "%"


def test_a_column_of_percentages_only_is_a_column_in_percent(sample_dir):
    # Round 12: "60%" in every filled cell of a column without a unit was read as 0.6 with no unit;
    # a scorecard reading it as an amount then took 0.6 万元 (a firm scored with its share typed where
    # its R&D expense belongs). The column is in %: read_csv, a pipe and from_pandas agree.
    text = "region,period,share,rd_expense\nA01,2024,13.5%,60%\nA02,2024,5‰,NA\nA03,2024,,7.5%\n"
    for panel in (
        zb.read_csv(io.StringIO(text)),
        zb.Panel.from_pandas(pd.read_csv(io.StringIO(text), dtype=str), "region", "period"),
    ):
        assert panel.units == {"share": "%", "rd_expense": "%"}
        assert panel.report["percent_columns"] == ["share", "rd_expense"]
        assert panel.values("share")[:2].tolist() == [13.5, 0.5]  # 5‰ = 0.5 %
        assert panel.values("rd_expense")[[0, 2]].tolist() == [60.0, 7.5]
    firms = pd.read_csv(sample_dir / "firms_synthetic.csv", dtype=str).head(3).assign(rd_expense="60%")
    panel = zb.read_csv(io.StringIO(firms.to_csv(index=False)), entity="firm", period_value="2024")
    with pytest.raises(zb.IncompatibleUnitsError, match="rd_expense.*'%'.*万元"):
        zb.scorecards.evaluate(panel, "tech-sme-2017")
