"""The report extractor's integrity issues (#11 items 6 and 8, #17): column names pandas does
not own, encodings of bytes and files, numerals beyond a double, memory linear in the text, files
that are not regular files."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

REPORT = "2025年上半年，共组织申报科技项目28项，获批立项11项，争取资金227.4万元，高新技术产业增加值占GDP的比重达到13.x%。"


def test_no_column_is_a_pandas_attribute_and_flags_filter_as_booleans():
    facts = zb.extract(REPORT)
    owned = [c for c in facts.columns if hasattr(pd.DataFrame, c)]
    assert owned == []  # facts.flags, facts.values, facts.size … would not be the column
    findings = facts.attrs["findings"]
    assert [c for c in findings.columns if hasattr(pd.DataFrame, c)] == []
    assert facts["flag_masked"].dtype == bool
    assert list(facts[facts.flag_masked]["variable"]) == ["hitech_va_share_gdp"]
    assert list(facts.loc[~facts.flag_no_variable, "value"][:3]) == [28, 11, 227.4]
    empty = zb.extract("没有数字")
    assert "flag_masked" in empty.columns and len(empty) == 0  # the same columns for an empty table


def test_offsets_are_characters_in_python_and_bytes_in_cpp():
    facts = zb.extract(REPORT)
    for row in facts.itertuples():
        assert REPORT[row.begin : row.end] == row.text
        assert REPORT.encode()[row.byte_begin : row.byte_end].decode() == row.text
        assert row.text in REPORT[row.clause_begin : row.clause_end]


def test_offsets_on_text_mixing_ascii_chinese_and_four_byte_characters():
    # a (1 byte), 😀 and 𠀀 (4 bytes, one character each in Python), 争取资金 (3 bytes each)
    text = "a😀争取资金12万元，𠀀获批立项3项；Ｘ共组织申报科技项目２８项"
    facts = zb.extract(text)
    assert list(facts["text"]) == ["12万元", "3项", "２８项"]
    assert list(facts["begin"]) == [6, 16, 29]  # a 😀 争取资金 | … ，𠀀获批立项 | … ；Ｘ共组织申报科技项目
    assert list(facts["byte_begin"]) == [17, 44, 81]  # 1 + 4 + 12 | 25 + 3 + 4 + 12 | 48 + 3 + 3 + 27
    for row in facts.itertuples():
        assert text[row.begin : row.end] == row.text
        assert text.encode()[row.byte_begin : row.byte_end].decode() == row.text
    assert list(facts["variable"]) == ["funds_secured", "projects_approved", "projects_applied"]


@pytest.mark.parametrize(
    "encoding, name", [("gb18030", "gb18030"), ("utf-8-sig", "utf-8-bom"), ("utf-16", "utf-16"), ("utf-8", "utf-8")]
)
def test_bytes_are_decoded_as_read_csv_decodes_them(encoding, name):
    facts = zb.extract(REPORT.encode(encoding))
    assert facts.attrs["encoding"] == name
    assert list(facts["variable"][:3]) == ["projects_applied", "projects_approved", "funds_secured"]
    assert list(facts["value"][:3]) == [28, 11, 227.4]
    assert facts.attrs["invalid_bytes"] == 0
    text = facts.attrs["text"]
    assert all(text[r.begin : r.end] == r.text for r in facts.itertuples())


def test_invalid_bytes_are_reported_with_their_offsets_and_a_warning():
    data = "获批立项11项，".encode() + b"\xff\xfe" + "争取资金5万元。".encode()
    with pytest.warns(zb.InvalidBytesWarning, match=r"2 bytes .*byte offsets 20, 21"):
        facts = zb.extract(data)
    assert facts.attrs["invalid_byte_offsets"] == [20, 21]
    assert list(facts["value"]) == [11, 5]
    text = facts.attrs["text"]
    assert text[facts.loc[1, "begin"] : facts.loc[1, "end"]] == "5万元"  # offsets count a bad byte as one character


def test_a_chinese_numeral_beyond_a_double_is_flagged_never_inf():
    with pytest.raises(zb.LimitError, match="beyond the range of a double"):
        zb.parse_chinese_number("一" + "亿" * 40)
    facts = zb.extract("争取资金一" + "亿" * 40 + "元")
    assert len(facts) == 1
    assert np.isnan(facts.loc[0, "value"]) and facts.loc[0, "flag_out_of_range"]
    assert not np.isinf(facts["value"]).any()


def test_memory_is_linear_in_a_long_clause_of_figures():
    # 40 KB without punctuation used to hold one copy of the whole clause per figure (1.3 GB).
    text = "1万" * 5_000
    tracemalloc.start()
    facts = zb.extract(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(facts) == 5_000
    assert peak < 40 * 2**20  # a few MB of columns; quadratic copies would be ~150 MB
    assert facts["text"].str.len().sum() == len(text)


def _cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "zhibiao", "extract", *map(str, args)], capture_output=True, text=True, cwd=cwd
    )


def test_cli_reads_gb18030_and_labels_its_output(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.encode("gb18030"))
    result = _cli(path)
    assert result.returncode == 0, result.stderr
    assert "encoding gb18030" in result.stderr  # messages on stderr, the CSV of figures on stdout
    assert "projects_applied" in result.stdout and "funds_secured" in result.stdout and "227.4" in result.stdout
    assert result.stdout.splitlines()[0].startswith("variable,value,")


def test_cli_warns_about_bytes_it_skipped(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes("获批立项11项，".encode() + b"\xff" + "争取资金5万元。".encode())
    result = _cli(path)
    assert result.returncode == 1
    assert "byte offsets 20" in result.stderr and "projects_approved" in result.stdout


@pytest.mark.parametrize("case", ["missing", "directory", "loop", "device", "lexicon_device"])
def test_cli_names_the_problem_of_a_file_it_cannot_read(tmp_path, case):
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    args = {
        "missing": [tmp_path / "nope.txt"],
        "directory": [tmp_path],
        "device": ["/dev/zero"],
        "lexicon_device": [report, "--lexicon", "/dev/zero"],
    }.get(case)
    if case == "loop":
        os.symlink(tmp_path / "b", tmp_path / "a")
        os.symlink(tmp_path / "a", tmp_path / "b")
        args = [tmp_path / "a"]
    result = _cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    problem = {
        "missing": "no such file",
        "directory": "is a directory",
        "loop": "symbolic links",
        "device": "not a regular file",
        "lexicon_device": "not a regular file",
    }[case]
    assert problem in result.stderr.lower()


def test_extract_refuses_a_lexicon_that_is_not_a_regular_file(tmp_path):
    with pytest.raises(OSError, match="not a regular file"):
        zb.extract("获批11项", lexicon="/dev/zero")
    big = tmp_path / "big.toml"
    with open(big, "wb") as f:
        f.truncate(zb._extract.MAX_LEXICON_BYTES + 1)
    with pytest.raises(zb.LimitError, match="bytes allowed"):
        zb.extract("获批11项", lexicon=big)
    with pytest.raises(FileNotFoundError, match="no such file"):
        zb.extract("获批11项", lexicon=tmp_path / "none.toml")


def test_label_columns_are_categoricals_that_compare_sort_and_filter_as_strings():
    facts = zb.extract(REPORT + "另有约5%为新增，其中已拨付补助资金3万元。")
    labels = [
        "variable",
        "unit",
        "qualifier",
        "period",
        "phrase",
        "damage",
        "status",
        "stage",
        "scope",
        "level",
        "entity",
    ]
    assert [c for c in facts.columns if isinstance(facts[c].dtype, pd.CategoricalDtype)] == labels
    assert facts["text"].dtype == object and isinstance(facts.loc[0, "text"], str)  # the figure: a str per row
    assert list(facts["unit"]) == ["项", "项", "万元", "%", "%", "万元"]
    assert list(facts["unit"] == "项") == [True, True, False, False, False, False]
    assert list(facts["qualifier"]) == ["exact"] * 4 + ["approximate", "exact"]
    assert list(facts.loc[facts.unit.isin(["万元"]), "value"]) == [227.4, 3]
    assert list(facts["period"].str.startswith("2025")) == [True] * 6
    assert list(facts["qualifier"].cat.categories) == ["approximate", "exact", "lower_bound", "upper_bound"]
    for name in labels[:2] + labels[3:]:  # categories: the texts the column holds, in str order
        assert list(facts[name].cat.categories) == sorted(set(facts[name].astype(str)))
    assert list(facts.sort_values("unit", kind="stable")["text"]) == list(
        facts.assign(unit=facts["unit"].astype(str)).sort_values("unit", kind="stable")["text"]
    )
    assert facts.astype({"variable": str})["variable"].dtype == object
    empty = zb.extract("没有数字")
    assert isinstance(empty["variable"].dtype, pd.CategoricalDtype) and len(empty) == 0


def test_a_str_that_is_not_unicode_text_is_a_value_error_naming_the_character():
    # A lone surrogate has no UTF-8 form: the str is read in place (no copy) and refused, as a
    # ValueError (UnicodeEncodeError), not a bare RuntimeError from a failed cast.
    with pytest.raises(ValueError, match="position 6"):
        zb.extract("获批立项11\ud800项")
    from zhibiao import _core

    assert _core.extract_core(REPORT) == _core.extract_core(REPORT.encode()) == (4, 0)
