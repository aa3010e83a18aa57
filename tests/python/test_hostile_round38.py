"""Round 38: characters that print as nothing never make a silent number or a phantom entity.

Word and PDF copies leave zero-width spaces, soft hyphens and word joiners in a text; two UTF-8 files
with a byte order mark joined with ``cat`` leave a U+FEFF at a line's start. Before round 38
"12.\\u200b5亿元" was a bare 12 and a confident 5亿元, and a code "360102\\u200b" a second entity.
"""

import io
import math

import pytest

import zhibiao as zb
from zhibiao import cli

INVISIBLE = ["\u200b", "\u00ad", "\ufeff", "\u2060", "\x00", "\x0b", "\x0c", "\x7f"]


@pytest.mark.parametrize("ch", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_an_invisible_character_inside_a_figure_is_split_digits(ch):
    # as a blank there is (docs/reports.md, split_digits): the value unknown, the digits joined as the guess
    for text, guess in [(f"研发经费支出12.{ch}5亿元", 12.5), (f"地区生产总值1{ch}234.5亿元", 1234.5)]:
        facts = zb.extract(text, guess=True)
        assert len(facts) == 1, text
        assert math.isnan(facts["value"][0])
        assert facts["damage"][0] == "split_digits"
        assert facts["guess"][0] == pytest.approx(guess)


def test_read_report_keeps_no_fragment_of_a_figure_split_by_a_zero_width_space():
    report = "2024年，全市研发经费支出12.\u200b5亿元，地区生产总值1\u200b234.5亿元。"
    frame = zb.read_report(report, entity="甲市").to_pandas()
    # main read gdp 234.5 and rd_expenditure 5 亿元: both are damaged figures, neither a value
    for column in ("gdp", "rd_expenditure"):
        if column in frame.columns:
            assert frame[column].isna().all(), frame


@pytest.mark.parametrize(
    "text, name, line",
    [
        ("region,year,gdp[亿元]\n360102\u200b,2024,1\n360102,2024,2\n", "U+200B ZERO WIDTH SPACE", 2),
        ("region,year,gdp[亿元]\n360102,2024,1\n\ufeff360103,2024,2\n", "U+FEFF", 3),
        ("region,year,gdp[亿元]\n360102,2024,1\n3601\u00ad03,2024,2\n", "U+00AD SOFT HYPHEN", 3),
        ("region,year,gdp[亿元]\n360102,2024,1\n360103\x00,2024,2\n", "U+0000 NUL", 3),
    ],
)
def test_an_invisible_character_in_a_code_is_refused_at_its_cell(text, name, line):
    with pytest.raises(zb.ParseError) as e:
        zb.read_csv(io.StringIO(text))
    assert name in str(e.value)
    assert f":{line}:1" in str(e.value)


def test_an_invisible_character_in_a_name_is_refused():
    with pytest.raises(zb.ParseError, match="U\\+0000 NUL"):
        zb.read_csv(io.StringIO("region,name,year,gdp[亿元]\n360102,东\x00湖区,2024,1\n"))


def test_two_files_with_a_byte_order_mark_joined_with_cat(tmp_path, capsys, monkeypatch):
    one = "\ufeffregion,name,year,gdp[亿元]\n360102,东湖区,2024,1\n".encode("utf-8")
    joined = tmp_path / "ab.csv"
    joined.write_bytes(one + one)
    assert cli.main(["compute", str(joined), "--ids", "rd_intensity"]) != 0
    err = capsys.readouterr().err
    assert "line 3 repeats the header" in err, err
    assert "--ignore gdp" not in err


def test_a_long_files_unknown_unit_is_reported_at_its_record(tmp_path):
    table = tmp_path / "l.csv"
    table.write_text(
        "entity,period,variable,value,unit\nA,2024,gdp,1,亿元\nB,2024,gdp,1,亿元\nA,2024,rd_expenditure,5,万园\n",
        encoding="utf-8",
    )
    with pytest.raises(zb.UnknownUnitError) as e:
        zb.read_csv(table)
    assert "l.csv:4:5" in str(e.value)
