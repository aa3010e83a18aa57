"""`zhibiao composite FILE` and `zhibiao uncertainty MODEL FILE` without --period read a table of
one row per unit with read_csv's decoding and cell grammar, not pandas' guesses (analyst trial,
2 December 2026: codes 0101 came out as 101, GB18030 files failed with a codec message, a unit
named twice was scored twice)."""

import io
import subprocess
import sys

import pandas as pd

MODEL = """
[[node]]
code = "idx"
level = 2
[[node]]
code = "a"
parent = "idx"
[[node]]
code = "b"
parent = "idx"
[[step]]
kind = "normalise"
method = "minmax"
range = [0, 100]
[[step]]
kind = "aggregate"
method = "arithmetic"
"""


def run(tmp_path, command, data: bytes, *extra):
    model = tmp_path / "model.toml"
    model.write_text(MODEL, encoding="utf-8")
    args = [sys.executable, "-m", "zhibiao", command]
    args += [str(model), "-"] if command == "uncertainty" else ["-", "--model", str(model)]
    return subprocess.run(args + ["-q", *extra], input=data, capture_output=True)


def scores(result):
    assert result.returncode == 0, result.stderr.decode()
    return pd.read_csv(io.BytesIO(result.stdout), dtype={0: str}, index_col=0)


def test_codes_keep_their_leading_zeros_in_both_commands(tmp_path):
    data = b"region,a,b\n0101,1,3\n0102,1000,2\n0103,5,5\n"
    assert sorted(scores(run(tmp_path, "composite", data)).index) == ["0101", "0102", "0103"]
    assert sorted(scores(run(tmp_path, "uncertainty", data, "-n", "10")).index) == ["0101", "0102", "0103"]


def test_gb18030_and_utf16_files_read_as_read_csv_reads_them(tmp_path):
    text = "地区,a,b\n甲,1,3\n乙,3,1\n"
    for encoding in ("gb18030", "utf-16"):
        table = scores(run(tmp_path, "composite", text.encode(encoding)))
        # min-max to 0–100, equal weights: 甲 (0 + 100)/2, 乙 (100 + 0)/2
        assert sorted(table.index) == ["乙", "甲"] and list(table["idx"]) == [50.0, 50.0]


def test_number_forms_read_by_the_cell_grammar(tmp_path):
    table = scores(run(tmp_path, "composite", 'region,a,b\nx,"1,234",3\ny,1000,2\nz,５００,1\n'.encode()))
    # a: 1234, 1000, 500 → min-max (x − 500)/734; b: 3, 2, 1 → (x − 1)/2
    assert abs(table.loc["y", "a"] - 100 * 500 / 734) < 1e-9 and table.loc["z", "b"] == 0.0


def test_a_unit_named_twice_is_refused_with_its_rows(tmp_path):
    result = run(tmp_path, "composite", b"region,a,b\nx,1,3\nx,2,2\ny,3,1\n")
    assert result.returncode == 2 and b"rows 1 and 2" in result.stderr and b"'x'" in result.stderr


def test_a_text_among_numbers_is_an_error_and_a_text_column_a_label(tmp_path):
    result = run(tmp_path, "composite", b"region,a,b\nx,1,3\ny,oops,2\nz,3,1\n")
    assert result.returncode == 2 and b"data row 2" in result.stderr and b"oops" in result.stderr
    table = scores(run(tmp_path, "composite", "region,省,a,b\nx,甲,1,3\ny,乙,2,2\nz,甲,3,1\n".encode()))
    assert list(table.sort_index()["idx"]) == [50.0, 50.0, 50.0]


def test_empty_and_header_only_inputs_say_so(tmp_path):
    empty = run(tmp_path, "composite", b"")
    assert empty.returncode == 2 and b"<stdin>: empty" in empty.stderr
    header = run(tmp_path, "composite", b"region,a,b\n")
    assert header.returncode == 2 and b"no unit to score" in header.stderr


def test_a_negative_thread_count_is_one_line_and_exit_2(tmp_path):
    # It was a pybind11 TypeError traceback with exit 1 (analyst trial, 2 December 2026).
    result = run(tmp_path, "uncertainty", b"region,a,b\nu1,1,2\nu2,2,1\nu3,3,3\n", "-n", "20", "--threads", "-3")
    assert result.returncode == 2 and result.stderr.count(b"\n") == 1 and b"threads" in result.stderr


def test_python_uncertainty_refuses_counts_that_are_not_whole_numbers():
    import pytest
    import zhibiao as zb

    data = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [2.0, 1.0, 3.0]}, index=["u1", "u2", "u3"])
    C = zb.composite
    for bad in (dict(threads=-1), dict(n=-1), dict(n=2.5), dict(seed=-4), dict(sobol=True)):
        with pytest.raises(zb.ArgumentError, match=next(iter(bad))):
            C.uncertainty(data, None, [C.Normalise("minmax"), C.Aggregate()], **bad)


def test_the_rows_named_are_those_of_the_unit_given_twice(tmp_path):
    result = run(tmp_path, "composite", b"region,a,b\nA,1,3\nB,2,2\nC,3,1\nB,4,4\nA,5,5\n")
    assert result.returncode == 2 and b"rows 1 and 5 are both unit 'A'" in result.stderr


def test_percentages_mixed_with_a_plain_number_are_an_error_with_its_row(tmp_path):
    result = run(tmp_path, "composite", b"region,a,b\nx,12.5%,3\ny,20%,2\nz,30,1\n")
    assert result.returncode == 2 and b"column a" in result.stderr and b"data row" in result.stderr


def test_n_zero_is_the_sobol_indices_alone_and_nothing_at_all_is_refused():
    import pytest
    import zhibiao as zb

    data = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [2.0, 1.0, 3.0, 4.0]}, index=["u1", "u2", "u3", "u4"])
    C = zb.composite
    steps = [C.Normalise("minmax"), C.Aggregate()]
    with pytest.raises(zb.ArgumentError, match="ask for nothing"):
        C.uncertainty(data, None, steps, n=0, weights_noise={1: 0.2})
    sobol = C.uncertainty(data, None, steps, n=0, sobol=8, bootstrap=0, weights_noise={1: 0.2})
    assert sobol.sobol is not None


def test_the_units_names_are_written_beside_their_scores(tmp_path):
    # trial23a F21: the ranking came out as codes only, where the input named each unit (compute
    # writes names beside codes); a panel read with --period writes its entities' names.
    table = scores(run(tmp_path, "composite", "地区代码,地区,a,b\n01,甲县,1,3\n02,乙县,3,1\n03,丙县,2,2\n".encode()))
    assert list(table.columns[:2]) == ["地区", "idx"]
    assert table.loc["03", "地区"] == "丙县" and table.loc["03", "idx"] == 50.0
    panel = "code,name,period,a,b\n01,甲县,2024,1,3\n02,乙县,2024,3,1\n".encode()
    table = scores(run(tmp_path, "composite", panel, "--period", "2024"))
    assert table.loc["01", "name"] == "甲县" and list(table["rank"]) == [1, 1]


def test_a_label_named_as_an_output_column_is_kept_under_another_name(tmp_path):
    # review23 F9: a text column headed "rank" was dropped for the output's own rank
    table = scores(run(tmp_path, "composite", b"region,rank,a,b\nx,first,1,3\ny,second,3,1\n"))
    assert table.loc["x", "rank (input)"] == "first" and list(table["rank"]) == [1, 1]
