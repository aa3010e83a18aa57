import io

import numpy as np
import pytest

import zhibiao as zb

WIDE = 'region,period,gdp[亿元],population[万人],valid_invention_patents\n320602,2023,1000.5,50.0,45\n320612,2023,"1,200",60,—\n'


def test_wide_layout(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(WIDE, encoding="utf-8")
    panel = zb.read_csv(path)
    assert len(panel) == 2
    assert panel.units == {"gdp": "亿元", "population": "万人", "valid_invention_patents": None}
    df = panel.to_pandas()
    assert df.loc[("320612", "2023"), "gdp"] == 1200.0
    assert np.isnan(df.loc[("320612", "2023"), "valid_invention_patents"])
    assert panel.report["rows_loaded"] == 2 and panel.report["cells_missing"] == 1


def test_long_layout_and_file_objects():
    text = "entity,period,variable,value,unit\nA,2023年上半年,gdp,1.5,亿元\nA,2023年上半年,rd_expenditure,300,万元\n"
    panel = zb.read_csv(io.BytesIO(text.encode()))
    assert panel.periods == ["2023H1"]
    assert panel.report["layout"] == "long"
    assert panel.compute("rd_intensity").iloc[0, 0] == pytest.approx(2.0)  # 300万元 / 1.5亿元 = 2%


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_encodings_excel_writes(tmp_path, encoding):
    path = tmp_path / "data.csv"
    path.write_bytes("地区,年份,人口[万人]\r\n南通市,2023,773.34\r\n".encode(encoding))
    panel = zb.read_csv(path)
    assert panel.entities["code"].tolist() == ["南通市"]
    assert panel.values("人口")[0] == 773.34
    assert panel.report["encoding"] == {"utf-8": "utf-8", "utf-8-sig": "utf-8-bom", "gb18030": "gb18030"}[encoding]


def test_gb18030_byte_order_mark_is_stripped(tmp_path):
    # U+FEFF in GB18030 is the four bytes 84 31 95 33 (iconv -f utf-8 -t gb18030 of a UTF-8-BOM file).
    path = tmp_path / "gb_bom.csv"
    path.write_bytes("\ufeff地区,年份,人口[万人]\r\n南通市,2023,773.34\r\n".encode("gb18030"))
    assert path.read_bytes()[:4] == b"\x84\x31\x95\x33"
    panel = zb.read_csv(path)
    assert panel.entities["code"].tolist() == ["南通市"]
    assert panel.report["encoding"] == "gb18030-bom"


def test_full_width_digits_and_missing_markers(tmp_path):
    path = tmp_path / "fw.csv"
    path.write_text("entity,period,x,y\nA,２０２３,１２３．５,-\nB,2023,NA,－３\n", encoding="utf-8")
    panel = zb.read_csv(path)
    assert panel.values("x")[0] == 123.5
    assert np.isnan(panel.values("y")[0]) and panel.values("y")[1] == -3.0


@pytest.mark.parametrize("bad", ["13.%", "1,2,3", "abc"])
def test_malformed_numbers_name_the_cell(tmp_path, bad):
    path = tmp_path / "bad.csv"
    path.write_text(f'entity,period,x\nA,2020,1\nB,2020,"{bad}"\n', encoding="utf-8")
    with pytest.raises(zb.ParseError) as info:
        zb.read_csv(path)
    e = info.value
    assert (e.file, e.line, e.column, e.variable) == (str(path), 3, 3, "x")
    assert bad in str(e) and str(path) in str(e)


def test_lenient_loading_accounts_for_every_line():
    text = "entity,period,x\nA,2020,1\nB,2020,abc\n\nC,2020\nD,2020,4\n"
    panel = zb.read_csv(io.BytesIO(text.encode()), lenient=True)
    r = panel.report
    assert r["data_lines"] == r["rows_loaded"] + r["blank_lines"] + r["rows_skipped"] == 5
    assert r["cells_unparseable"] == 1 and r["issues"][0]["text"] == "abc"
    values, reasons = panel.compute([], reasons=True)
    assert values.shape == (3, 0)


def test_errors_have_their_own_types(tmp_path):
    cases = {
        "entity,period,x[美元]\nA,2020,1\n": zb.UnknownUnitError,
        "entity,period,x\nA,2020,1\nA,2020,2\n": zb.DuplicateRowError,
        "entity,period,x,x\nA,2020,1,2\n": zb.ParseError,
        "entity,period,variable,value,unit\nA,2020,gdp,1,亿元\nB,2020,gdp,1,人\n": zb.IncompatibleUnitsError,
    }
    for text, error in cases.items():
        path = tmp_path / "e.csv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(error):
            zb.read_csv(path)
    with pytest.raises(zb.DuplicateRowError) as info:
        zb.read_csv(io.BytesIO(b"entity,period,x\nA,2020,1\nA,2020,2\n"))
    assert info.value.entity == "A" and info.value.period == "2020"


def test_provincial_panel_from_the_yearbook(shared):
    # 635 rows: 31 provinces × 2005–2024 plus national rows (china-provincial-sti/PROVENANCE.md).
    panel = zb.read_csv(
        shared / "data/china-provincial-sti/panel.csv", entity="adcode", name="province_zh", ignore=["province_en"]
    )
    assert len(panel) == 635
    assert panel.report["ignored_columns"] == ["province_en"]
    assert panel.entities.set_index("code").loc["110000", "name"] == "北京"


UTF16_TEXT = "地区,时期,gdp[亿元],population[万人]\n320101,2024,1234.5,50\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_detected_by_its_nul_bytes(tmp_path, encoding):
    path = tmp_path / "t.csv"
    path.write_bytes(UTF16_TEXT.encode(encoding))
    panel = zb.read_csv(path)
    assert panel.to_pandas().iloc[0].tolist() == [1234.5, 50.0]
    assert panel.report["encoding"] == encoding
    assert zb.read_csv(io.BytesIO(UTF16_TEXT.encode(encoding))).units["gdp"] == "亿元"


def test_workbooks_and_binary_files_are_named_not_read_as_gb18030(tmp_path):
    import zipfile

    xlsx = tmp_path / "x.xlsx"
    with zipfile.ZipFile(xlsx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(zb.ParseError, match="zip archive.*read_excel") as info:
        zb.read_csv(xlsx)
    assert "GB18030" not in str(info.value) and "x.xlsx" in str(info.value)
    xls = tmp_path / "x.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(zb.ParseError, match=r"\.xls\) workbook.*read_excel"):
        zb.read_csv(xls)
    blob = tmp_path / "b.bin"
    blob.write_bytes(b"\x00\x00\x89PNG\x00\x01" * 300)  # NULs on both sides of the code units
    with pytest.raises(zb.ParseError, match="not a text file"):
        zb.read_csv(blob)


def test_extract_reads_utf16_without_a_bom_as_with_one(sample_dir):
    report = (sample_dir / "city_report_h1.txt").read_text(encoding="utf-8")
    want = zb.extract(report)
    for encoding in ("utf-16-le", "utf-16-be"):
        got = zb.extract(report.encode(encoding))
        assert got["variable"].astype(str).tolist() == want["variable"].astype(str).tolist()
        np.testing.assert_array_equal(got["value"].to_numpy(), want["value"].to_numpy())
    with pytest.raises(zb.ParseError, match="zip archive"):
        zb.extract(b"PK\x03\x04" + b"\x00" * 60)


def test_missing_key_columns_are_named_in_python_words():
    # The C++ message names csv_options::period_value; a Python user reads the keyword.
    with pytest.raises(zb.ParseError) as info:
        zb.read_csv(io.BytesIO(b"entity,x\nA,1\n"))
    assert "name it with period=..." in str(info.value)
    assert "give every row one with period_value=..." in str(info.value)
    assert "csv_options" not in str(info.value)
    with pytest.raises(zb.ParseError, match=r"name it with entity=\.\.\. \(looked for"):
        zb.read_csv(io.BytesIO(b"foo,period,x\nA,2020,1\n"))
