"""zhibiao::write_csv, the C++ writer (round 28), writes the bytes zb.write_csv writes of the same
panel: names, units in the header, counts as integers, the shortest digits of other values, the
catalogue's decimals of an indicator column, quoted fields (tests/cpp/test_write_csv_round28.cpp has the figures by hand)."""

import pytest

import zhibiao as zb

CASES = {
    "loaded": "entity,name,period,rd_expenditure[万元],gdp[亿元],patents_granted[件]\n"
    '320100,南京,2022,2.4,1.25,139\n320100,南京,2023,,0,140\n320200,无锡,2022,3,"1,234.5",7\n',
    "quoted_names_and_digits": "entity,name,period,x,y[万人]\n"
    '1,"全国,合计",2023,0.0001,2.5\n1,"全国,合计",2024,0.00015,1e16\n2,"A ""B""",2023,1e16,3\n'
    '2,"A ""B""",2024,0.30000000000000004,\n',
    "indicator_columns": "entity,period,rd_intensity[%],hitech_va_share_gdp[%]\n"
    "1,2023,2.675,1.005\n1,2024,2.4,-0.04\n2,2023,,12\n",
    "no_names": "entity,period,gdp[亿元]\n320100,2023,1260582\n320100,2024,1e-7\n",
    # a -0 in a source is the 0 it means: zb.write_csv wrote "-0.0" for a column without decimals
    "negative_zero": "entity,period,x,rd_intensity[%]\n1,2023,-0,-0\n1,2024,-0.0,2.5\n",
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("unit_header", [False, True])
@pytest.mark.parametrize("full_precision", [False, True])
def test_the_cpp_writer_writes_the_bytes_of_zb_write_csv(tmp_path, case, unit_header, full_precision):
    source = tmp_path / "in.csv"
    source.write_text(CASES[case], encoding="utf-8")
    panel = zb.read_csv(source)
    python_file, cpp_file = tmp_path / "python.csv", tmp_path / "cpp.csv"
    # the Panel, whose cells are written as read (round 37; to_pandas() drops their written decimals)
    zb.write_csv(panel, python_file, unit_header=unit_header, full_precision=full_precision)
    panel._core.write_csv(str(cpp_file), unit_header=unit_header, full_precision=full_precision, reasons=True)
    assert cpp_file.read_bytes() == python_file.read_bytes()


def test_a_negative_zero_is_written_as_the_zero_it_means(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(CASES["negative_zero"], encoding="utf-8")
    written = tmp_path / "out.csv"
    zb.write_csv(zb.read_csv(source).to_pandas(), written)
    assert "-0" not in written.read_text(encoding="utf-8")
