"""Round 35: what a new user's trial (trialB35) found in loading, indicators, validation and the CLI."""

import io
import math
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import cli

ROOT = Path(__file__).resolve().parents[2]


# 1. 亿万元 / 万万元: prefixes stacked out of order are a slip, never 10¹² / 10⁸ yuan (spec §7.2 lists
# 万亿 = 10¹², no 亿万).
@pytest.mark.parametrize("header,meant", [("亿万元", ["亿元", "万元"]), ("万万元", ["万元", "亿元"])])
def test_a_stacked_multiplier_in_a_header_is_refused_with_the_units_meant(header, meant):
    text = f"region,period,tech_contract_value[{header}],gdp[亿元]\nA,2024,241.8,120\n"
    with pytest.raises(zb.UnitError) as caught:
        zb.read_csv(io.StringIO(text))
    message = str(caught.value)
    assert "tech_contract_value" in message and header in message
    assert all(f"'{m}'" in message for m in meant), message


def test_prefixes_in_the_order_numerals_take_still_read():
    text = "region,period,a[百万元],b[万亿元],c[千万元],d[十万人],e[千亿元]\nA,2024,1,1,1,1,1\n"
    units = zb.read_csv(io.StringIO(text)).units
    assert units == {"a": "百万元", "b": "万亿元", "c": "千万元", "d": "十万人", "e": "千亿元"}
    with pytest.raises(zb.UnitError):  # 百 after 千: no numeral is written so
        zb.read_csv(io.StringIO("region,period,a[千百元]\nA,2024,1\n"))


def test_the_report_reader_never_reads_a_stacked_multiplier_as_ten_to_the_twelfth():
    facts = zb.extract("2024年，全县技术合同成交额241.8亿万元。")
    values = [v for v in facts["value"] if not math.isnan(v)]
    assert all(v < 1e12 for v in values), facts[["text", "value", "unit"]]


# 2. every 比重/占比/率 of the catalogue is bounded 0..100 (spec §7.1), but a 完成率 and 资金到位率.
def test_every_share_and_rate_of_the_catalogue_is_bounded_by_100():
    with open(ROOT / "data" / "indicators.toml", "rb") as f:
        indicators = tomllib.load(f)["indicator"]
    shares = [i for i in indicators if i["unit"] == "%" and re.search("比重|占比|率", i["name_zh"])]
    assert len(shares) >= 8
    exempt = [i["id"] for i in shares if i["name_zh"].endswith("完成率") or i["name_zh"] == "资金到位率"]
    assert sorted(exempt) == ["funds_in_place_rate", "target_completion_rate"]
    for i in shares:
        if i["id"] not in exempt:
            assert i.get("valid_min") == 0 and i.get("valid_max") == 100, i["id"]


def test_a_contract_share_above_100_is_no_value_and_a_hard_finding():
    text = "region,period,tech_contract_value[万元],gdp[万元]\nA,2024,2418000,1200\n"
    panel = zb.read_csv(io.StringIO(text))
    values, reasons = panel.compute(["tech_contract_share_gdp"], reasons=True)
    assert math.isnan(values["tech_contract_share_gdp"].iloc[0])
    assert reasons["tech_contract_share_gdp"].iloc[0] == "out_of_range"
    findings = panel.validate()
    hard = findings[(findings["rule"] == "tech_contract_not_above_gdp") & (findings["severity"] == "hard")]
    assert len(hard) == 1 and "2418000 万元" in hard["message"].iloc[0]


def test_funds_secured_above_funds_applied_is_a_hard_finding():
    panel = zb.read_csv(io.StringIO("region,period,funds_secured[万元],funds_applied[万元]\nA,2024,300,200\n"))
    assert list(panel.validate()["rule"]) == ["secured_not_above_applied"]


# 4. compute never shows a value that is not 0 as 0.00 without a word
def test_compute_says_when_a_value_not_zero_is_written_as_zero(tmp_path, capsys):
    table = tmp_path / "tiny.csv"
    table.write_text("region,period,rd_expenditure[万元],gdp[亿元]\nA,2024,4,100\nB,2024,2000,100\n", encoding="utf-8")
    assert cli.main(["compute", str(table), "--ids", "rd_intensity"]) == 0
    captured = capsys.readouterr()
    assert "0.00" in captured.out  # as the catalogue prints it, with the note on stderr
    # 4万元 ÷ 100亿元 = 4e-6 = 0.0004 %
    assert "rd_intensity: 1 value(s) not 0 written as 0 at its 2 decimals (A 2024: 0.0004 %)" in captured.err
    assert cli.main(["compute", str(table), "--ids", "rd_intensity", "--full-precision"]) == 0
    assert "not 0 written as 0" not in capsys.readouterr().err


# 5. a UTF-8 file with a GB18030 line: the line that breaks UTF-8 is named, and the encoding detected
def test_a_gb18030_line_in_a_utf8_file_is_named_by_its_line(tmp_path):
    mixed = tmp_path / "m.csv"
    mixed.write_bytes(
        "region,period,rd_expenditure[万元],gdp[亿元]\n青石县,2024,500,10\n".encode() + "白水县,2024,600,20\n".encode("gb18030")
    )
    with pytest.raises(zb.ParseError) as caught:
        zb.read_csv(mixed)
    message = str(caught.value)
    assert f"{mixed}:3:" in message and "detected as UTF-8" in message and "lines 1-2 are UTF-8" in message
    assert "line 1 has characters beyond ASCII" in message  # 万元 in the header


def test_a_file_neither_utf8_nor_gb18030_still_names_the_gb18030_line(tmp_path):
    bad = tmp_path / "b.csv"
    bad.write_bytes(b"region,period,gdp[\xd2\xda\xd4\xaa]\nA,2024,\xff\xff\n")  # 亿元 in GB18030, then no text
    with pytest.raises(zb.ParseError, match=r":2: invalid GB18030 byte sequence"):
        zb.read_csv(bad)


# 6. compute --basis day, as Panel.compute(basis="day")
def test_compute_takes_the_basis_of_time_progress(tmp_path, capsys):
    table = tmp_path / "p.csv"
    table.write_text("region,period,target[项],actual[项]\nA,2024-06,100,50\n", encoding="utf-8")
    wanted = zb.read_csv(table).compute(["progress_vs_time"], basis="day")
    assert cli.main(["compute", str(table), "--ids", "progress_vs_time", "--basis", "day", "--full-precision"]) == 0
    out = capsys.readouterr().out.splitlines()
    row = out[1].split(",")
    assert float(row[out[0].split(",").index("progress_vs_time")]) == pytest.approx(wanted["progress_vs_time"].iloc[0])
    assert wanted["progress_vs_time"].iloc[0] != pytest.approx(0.0)  # 50% done at 182/366 of the year
    with pytest.raises(SystemExit):
        cli.main(["compute", str(table), "--basis", "dya"])
    assert "dya: did you mean day?" in capsys.readouterr().err


# 7. a text column whose heading is no name heading: the way out is named
def test_a_column_of_names_under_an_unknown_heading_names_name_and_ignore(tmp_path, capsys):
    text = "adcode,province_zh,year,gdp_100m_yuan\n110000,北京,2005,7149.8\n120000,天津,2005,\n"
    with pytest.raises(zb.ParseError) as caught:
        zb.read_csv(io.StringIO(text))
    assert "ignore=['province_zh']" in str(caught.value) and "name='province_zh'" in str(caught.value)
    table = tmp_path / "panel.csv"
    table.write_text(text, encoding="utf-8")
    assert cli.main(["compute", str(table)]) == 2
    err = capsys.readouterr().err
    assert "--ignore province_zh" in err and "--name province_zh" in err
    assert cli.main(["compute", str(table), "--name", "province_zh", "-q"]) == 0


# 8. the panel keeps its own values: a frame changed afterwards does not change it
def test_a_frame_changed_after_from_pandas_leaves_the_panel_as_read():
    df = pd.DataFrame({"entity": ["A", "B"], "period": ["2024", "2024"], "gdp": [100.0, 200.0]})
    panel = zb.Panel.from_pandas(df, units={"gdp": "亿元"})
    df.loc[0, "gdp"] = np.inf
    df["gdp"].to_numpy()[1] = -5.0  # in place, whatever pandas' copy-on-write mode
    assert list(panel.values("gdp")) == [100.0, 200.0]
    assert panel.report["issues"] == []


# 9. the examples of the guide run in a fresh clone, which has no out/
def test_every_page_makes_out_before_it_writes_there():
    for page in sorted((ROOT / "docs").glob("*.md")):
        blocks = "\n".join(re.findall(r"^```(?:python|sh)\n(.*?)^```", page.read_text(encoding="utf-8"), re.S | re.M))
        first_use = blocks.find('"out/') if '"out/' in blocks else blocks.find(" out/")
        if first_use < 0:
            continue
        made = min((i for i in (blocks.find('Path("out").mkdir'), blocks.find("mkdir -p out")) if i >= 0), default=-1)
        assert 0 <= made < first_use, page.name


@pytest.mark.parametrize("page", ["indicators", "loading", "plots"])
def test_a_page_runs_where_there_is_no_out(page, tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    (tmp_path / "data").symlink_to(ROOT / "data")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": f"docs.{page}"}
    text = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
    for code in re.findall(r"^```python\n(.*?)^```", text, re.S | re.M):
        exec(compile(code, page, "exec"), namespace)
    assert (tmp_path / "out").is_dir()
    import matplotlib.pyplot as plt

    plt.close("all")


# 10. the scorecard's --cost is said as the option; a jump states the value a year before
def test_a_negative_cost_is_the_options_error(capsys):
    sample = ROOT / "data" / "sample" / "firms_synthetic.csv"
    with pytest.raises(SystemExit):
        cli.main(["scorecard", str(sample), "--gap", "--cost", "rd_y3=-1"])
    err = capsys.readouterr().err
    assert "argument --cost" in err and "rd_y3=-1" in err and "must be ≥ 0" in err
    assert "firms_synthetic.csv" not in err


def test_the_patents_jump_finding_states_the_value_a_year_before():
    text = "region,period,valid_invention_patents[件],population[万人]\n" "A,2023,100,50\n" "A,2024,300,50\n"
    findings = zb.read_csv(io.StringIO(text)).validate()
    jump = findings[findings["rule"] == "patents_per_10k_jump"]
    assert len(jump) == 1
    message = jump["message"].iloc[0]
    assert "invention_patents_per_10k 6 件/万人, a year earlier 2 件/万人" in message, message
    assert "population 50 万人, a year earlier 50 万人" in message, message


def test_the_cli_runs_as_a_module_with_basis():  # the trial's spelling: python -m zhibiao
    result = subprocess.run(
        [sys.executable, "-m", "zhibiao", "compute", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert result.returncode == 0 and "--basis {month,day,quarter}" in result.stdout


def test_a_stacked_multiplier_in_round_brackets_is_refused_too(tmp_path):
    # review 35: gdp（亿万元） became a column named "gdp（亿万元）" with no unit (missing_variable, no issue)
    path = tmp_path / "h.csv"
    path.write_text("region,period,gdp（亿万元）\nA,2024,1\n", encoding="utf-8")
    with pytest.raises(zb.UnitError, match="亿万元"):
        zb.read_csv(path)
