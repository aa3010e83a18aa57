"""A report in UTF-8 with one line pasted from a GB18030 file (round 35, a new user's trial).

Before: the line's 14 invalid bytes were counted as noise, 14 of 102 bytes passed the 10 % of "no text",
and the whole report was dropped — the valid 研发经费 figure on the UTF-8 lines with it.
"""

import warnings

import zhibiao as zb

UTF8 = "某县2025年上半年科技工作总结\n全县研发经费投入2.1亿元。\n".encode()
PASTED = "全县技术合同成交额2.5亿元。\n".encode("gb18030")


def test_the_utf8_lines_of_a_report_with_a_pasted_gb18030_line_are_read():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        facts = zb.extract(UTF8 + PASTED)
    assert list(facts.loc[facts["variable"] != "", ["variable", "value"]].itertuples(index=False, name=None)) == [
        ("rd_expenditure", 2.1)
    ]
    assert "not_text" not in set(facts.attrs["findings"]["kind"])
    message = " ".join(str(w.message) for w in caught if issubclass(w.category, zb.InvalidBytesWarning))
    assert "line 3 decodes as GB18030" in message


def test_random_bytes_are_still_no_text():
    noise = bytes(range(128, 256)) * 4
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        facts = zb.extract(noise)
    assert facts.empty
    assert list(facts.attrs["findings"]["kind"]) == ["not_text"]
