"""Where the command line writes: never two tables to one place, never over an input; a column of
parent codes is no indicator; a request larger than memory is an error, not a traceback."""

import io
import subprocess
import sys

import pandas as pd

PANEL = (
    "region,period,gdp[亿元],rd_expenditure[万元],population[万人],valid_invention_patents[件]\n"
    "320102,2023,1000.11,300000.25,100.01,5000\n"
    "320104,2023,2000.12,400000.37,200.02,7000\n"
    "320111,2023,2781.72,798704.78,158.04,5279\n"
)


def _run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "zhibiao", *args], capture_output=True, text=True, **kw)


def test_reasons_and_values_both_on_standard_output_are_refused():
    # the reasons table, then a second header and the values: no CSV reader takes them apart
    result = _run("compute", "-", "--ids", "rd_intensity", "--reasons", "-", "-q", input=PANEL)
    assert result.returncode == 2 and result.stdout == ""
    assert "--out and --reasons both write to standard output" in result.stderr


def test_an_output_over_an_input_or_over_the_other_output_is_refused(tmp_path):
    data = tmp_path / "county.csv"
    data.write_text(PANEL, encoding="utf-8")
    for args in (
        ("rollup", str(data), "--out", str(data)),
        ("compute", str(data), "--out", str(tmp_path / "." / "county.csv")),  # another spelling, one file
    ):
        result = _run(*args, "-q")
        assert result.returncode == 2, result.stderr
        assert "is also an input (FILE): it would be overwritten" in result.stderr
        assert data.read_text(encoding="utf-8") == PANEL
    both = _run("compute", str(data), "--out", str(tmp_path / "o.csv"), "--reasons", str(tmp_path / "o.csv"), "-q")
    assert both.returncode == 2 and "--out and --reasons both write to" in both.stderr
    assert not (tmp_path / "o.csv").exists()  # refused before anything is written
    apart = _run("compute", str(data), "--out", str(tmp_path / "v.csv"), "--reasons", str(tmp_path / "r.csv"), "-q")
    assert apart.returncode == 0, apart.stderr


def test_rollup_prints_sums_as_excel_shows_them(tmp_path):
    # 1000.11 + 2000.12 + 2781.72 is 5781.950000000001 in binary; counts are whole numbers
    result = _run("rollup", "-", "-q", input=PANEL)
    assert result.returncode == 0, result.stderr
    line = result.stdout.splitlines()[1]
    assert line.startswith("320100,2023,5781.95,") and line.endswith(",17279"), line
    back = _run("compute", "-", "--ids", "rd_intensity", "-q", input=result.stdout)
    assert back.returncode == 0, back.stderr


def _regions(tmp_path, extra_column=True):
    rows = ["region,city,rd,patents"] if extra_column else ["region,rd,patents"]
    for i, (code, city) in enumerate([("440103", "440100"), ("440104", "440100"), ("440303", "440300")]):
        cells = [code, city, str(1.5 + i), str(10 - i)] if extra_column else [code, str(1.5 + i), str(10 - i)]
        rows.append(",".join(cells))
    rows.append("440304,440300,2.2,7" if extra_column else "440304,2.2,7")
    path = tmp_path / ("with_city.csv" if extra_column else "without.csv")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_column_of_parent_codes_is_a_label_not_an_indicator(tmp_path):
    # min-max of 440100/440300 would give every region of 440300 the same bonus in the index
    with_city = _run("composite", str(_regions(tmp_path)), "--model", "eis")
    without = _run("composite", str(_regions(tmp_path, extra_column=False)), "--model", "eis", "-q")
    assert with_city.returncode == 0 and without.returncode == 0, with_city.stderr
    assert "column city holds each unit's parent administrative code" in with_city.stderr
    scored = pd.read_csv(io.StringIO(with_city.stdout), index_col=0)
    plain = pd.read_csv(io.StringIO(without.stdout), index_col=0)
    # written beside the code as a label (trial23a F21), not scored: before the index, codes as read
    assert list(scored.columns[:2]) == ["city", "Index"]
    assert sorted(scored["city"].unique()) == [440100, 440300]
    pd.testing.assert_series_equal(scored["rank"], plain["rank"])


def test_drop_leaves_columns_out_and_names_a_misspelt_one(tmp_path):
    path = _regions(tmp_path)
    dropped = _run("composite", str(path), "--model", "eis", "--drop", "patents", "-q")
    assert dropped.returncode == 0, dropped.stderr
    assert "patents" not in dropped.stdout.splitlines()[0]
    misspelt = _run("composite", str(path), "--model", "eis", "--drop", "patens", "-q")
    assert misspelt.returncode == 2 and "did you mean 'patents'" in misspelt.stderr


def test_an_unknown_option_shows_the_usage_of_its_subcommand():
    result = _run("compute", "-", "--idz", "x", input="")
    assert result.returncode == 2
    assert result.stderr.startswith("usage: zhibiao compute"), result.stderr
    assert "--idz: did you mean --ids?" in result.stderr


def test_rollup_names_the_flag_not_the_python_keyword():
    mixed = "region,period,gdp[亿元]\n320102001000,2024,10\n320104,2024,5\n"
    result = _run("rollup", "-", "-q", input=mixed)
    assert result.returncode == 2 and "(--to prefecture)" in result.stderr and "to='" not in result.stderr


def test_a_request_larger_than_memory_is_an_error_not_a_traceback(tmp_path):
    model = tmp_path / "model.toml"
    model.write_text(
        '[[node]]\ncode = "idx"\nlevel = 2\n[[node]]\ncode = "rd"\nparent = "idx"\n'
        '[[node]]\ncode = "patents"\nparent = "idx"\n'
        '[[step]]\nkind = "normalise"\nmethod = "minmax"\n[[step]]\nkind = "aggregate"\nmethod = "arithmetic"\n'
        "[uncertainty]\nweights_noise = { 1 = 0.2 }\n",
        encoding="utf-8",
    )
    path = _regions(tmp_path, extra_column=False)
    result = _run("uncertainty", str(model), str(path), "-n", str(10**15), "-q")
    assert result.returncode == 2, result.stderr
    # refused before anything is allocated (so also under AddressSanitizer, which aborts on such
    # an allocation instead of raising bad_alloc)
    assert "Traceback" not in result.stderr and "more than half of this machine's memory" in result.stderr


def test_an_error_about_a_variable_of_the_input_names_the_file(tmp_path):
    # compute found the unit missing after loading: the message named the variable but no file
    data = tmp_path / "county.csv"
    data.write_text("region,period,gdp[亿元],rd_expenditure\n320102,2024,10,5\n", encoding="utf-8")
    result = _run("compute", str(data), "--ids", "rd_intensity", "-q")
    assert result.returncode == 2
    assert f"{data} (variable rd_expenditure): variable 'rd_expenditure' has no unit" in result.stderr
    piped = _run("compute", "-", "--ids", "rd_intensity", "-q", input=data.read_text(encoding="utf-8"))
    assert "<stdin> (variable rd_expenditure)" in piped.stderr
    unknown = _run("compute", str(data), "--ids", "rd_intensit", "-q")  # not about the file's data
    assert "zhibiao: unknown indicator 'rd_intensit' (did you mean 'rd_intensity'?)" in unknown.stderr
