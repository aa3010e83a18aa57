"""Many reports at once (issue #13, round 22): zb.extract(list / dict / Series) is one Facts table
with a report column, each report read exactly as alone, for any thread count; zb.read_reports
makes one Panel of every entity; the command line reads many files."""

from __future__ import annotations

import io
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

ROOT = Path(__file__).resolve().parents[2]


def _reports() -> dict[str, str]:
    """The sample reports whole and cut at line ends: a few hundred short reports."""
    out: dict[str, str] = {}
    for path in sorted((ROOT / "tests" / "data" / "reports").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out[path.stem] = text
        for k, line in enumerate(text.splitlines(keepends=True)):
            out[f"{path.stem}#{k}"] = line
    out["empty"] = ""
    return out


def _same_as_alone(many: pd.DataFrame, keys: list, texts: list, guess: bool = False) -> None:
    assert list(many.columns)[0] == "report"
    parts = []
    for key, text in zip(keys, texts):
        alone = pd.DataFrame(zb.extract(text, guess=guess))
        alone.insert(0, "report", key)
        parts.append(alone)
    expected = pd.concat(parts, ignore_index=True)
    got = pd.DataFrame(many)
    assert list(got.columns) == list(expected.columns)
    for column in got.columns:  # categories differ (one table's texts), the values may not
        a = got[column].astype(object) if column != "report" else got[column].astype(str)
        b = expected[column].astype(object) if column != "report" else expected[column].astype(str)
        if got[column].dtype.kind == "f":
            assert np.array_equal(got[column].to_numpy(), expected[column].to_numpy(), equal_nan=True), column
        else:
            assert a.tolist() == b.tolist(), column


@pytest.mark.parametrize("threads", [1, 2, 5])
def test_a_dict_of_reports_reads_each_as_alone(threads):
    reports = _reports()
    many = zb.extract(reports, threads=threads, guess=True)
    assert type(many).__name__ == "Facts"
    _same_as_alone(many, list(reports), list(reports.values()), guess=True)
    assert list(many["report"].cat.categories) == list(reports)  # in the order given
    assert many.attrs["text"] == reports
    assert set(many.attrs["encoding"].values()) == {"str"}


def test_a_list_is_numbered_and_a_series_keeps_its_labels():
    texts = ["2025年上半年，全县组织申报科技项目28项。", "没有数字。", "新增高新技术企业5家，专利授权量1,234件。"]
    listed = zb.extract(texts)
    assert listed["report"].tolist() == [0, 2, 2]
    assert listed["report"].dtype == np.int64
    _same_as_alone(listed, [0, 1, 2], texts)
    series = zb.extract(pd.Series(texts, index=[320601, 320602, 320603]))
    assert series["report"].tolist() == [320601, 320603, 320603]
    assert zb.extract(tuple(texts))["report"].tolist() == [0, 2, 2]


def test_bytes_in_their_encodings_beside_str():
    reports = {
        "gb": "2025年上半年，全县组织申报科技项目28项。".encode("gb18030"),
        "u16": "新增高新技术企业5家。".encode("utf-16"),
        "str": "专利授权量1,234件。",
        "bad": "登记技术合同312项，".encode() + b"\xff" + "成交额5.8亿元。".encode(),
    }
    with pytest.warns(zb.InvalidBytesWarning, match="'bad'"):
        many = zb.extract(reports)
    assert many.attrs["encoding"] == {"gb": "gb18030", "u16": "utf-16", "str": "str", "bad": "utf-8"}
    assert many.attrs["invalid_bytes"] == {"gb": 0, "u16": 0, "str": 0, "bad": 1}
    for row in many.itertuples():  # offsets in each report's own text
        assert many.attrs["text"][row.report][row.begin : row.end] == row.text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", zb.InvalidBytesWarning)
        _same_as_alone(many, list(reports), list(reports.values()))


def test_findings_carry_their_report():
    many = zb.extract({"a": "占比达到21.%。", "b": "专利授权量12件。", "c": "派出0名专家，占比21.%。"})
    findings = many.attrs["findings"]
    assert list(findings.columns)[0] == "report"
    assert findings["report"].astype(str).tolist() == ["a", "c", "c"] or set(findings["report"].astype(str)) == {
        "a",
        "c",
    }
    assert (findings["report"].astype(str) == "b").sum() == 0


def test_a_report_of_noise_is_left_out_with_a_finding():
    rng = np.random.default_rng(1)
    noise = bytes(rng.integers(0, 256, 5000, dtype=np.uint8))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", zb.InvalidBytesWarning)
        many = zb.extract({"text": "专利授权量12件。", "noise": noise})
    assert many["report"].astype(str).tolist() == ["text"]
    findings = many.attrs["findings"]
    assert findings[findings.kind == "not_text"]["report"].tolist() == ["noise"]


@pytest.mark.parametrize(
    "texts, match",
    [
        ([], "extract: no reports to read: the list is empty"),
        ({}, "no reports to read: the dict is empty"),
        (["a", 3.5], "report 1 must be a str or bytes, not 3.5"),
        ({"甲县": "a", "乙县": None}, "report '乙县' must be a str or bytes, not None .*a missing report"),
        (pd.Series(["a", np.nan], index=["x", "y"]), "report 'y' must be a str or bytes, not nan .*a missing report"),
        (pd.Series(["a", "b"], index=["x", "x"]), "report 'x' is given twice"),
        (5, "a list, a dict"),
        ({"a", "b"}, "not a set"),
    ],
)
def test_bad_collections_say_which_report(texts, match):
    with pytest.raises(zb.ArgumentError, match=match):
        zb.extract(texts)


def test_keywords_and_threads_checked():
    with pytest.raises(zb.ArgumentError, match="did you mean 'threads'"):
        zb.extract(["a"], thread=2)
    with pytest.raises(zb.ArgumentError, match="did you mean 'threads'"):
        zb.read_reports({"a": "b"}, thread=2)
    for bad in (-1, 1.5, True):
        with pytest.raises(zb.ArgumentError, match="threads must be a whole number"):
            zb.extract(["a"], threads=bad)


def test_a_binary_report_is_named():
    with pytest.raises(zb.ParseError, match="report 'doc'"):
        zb.extract({"ok": "12项", "doc": b"PK\x03\x04" + bytes(100)})


def test_read_reports_is_one_panel_of_every_entity():
    reports = {
        "甲县": "2025年上半年，全县组织申报科技项目28项，获批立项11项。",
        "乙县": "上半年，新增高新技术企业5家，专利授权量1,234件，同比增长12.5%。",
        "丙县": "没有数字。",
    }
    panel = zb.read_reports(reports, period="2025H1", threads=2)
    wide = panel.to_pandas()
    for entity, text in reports.items():
        if entity == "丙县":
            continue
        alone = zb.read_report(text, entity, period="2025H1")
        expected = alone.to_pandas()
        got = wide.loc[expected.index, list(expected.columns)]
        pd.testing.assert_frame_equal(got, expected, check_names=False)
        other = [c for c in wide.columns if c not in expected.columns]
        assert wide.loc[expected.index, other].isna().all().all()
        assert (alone.findings.kind.tolist()) == panel.findings[panel.findings.entity == entity].kind.tolist()
    findings = panel.findings
    assert list(findings.columns)[:2] == ["entity", "kind"]
    assert findings[findings.kind == "no_figures"]["entity"].tolist() == ["丙县"]
    assert wide.loc[("丙县", "2025H1")].isna().all()


def test_read_reports_needs_entities_and_names_a_report_without_period():
    with pytest.raises(zb.ArgumentTypeError, match="read_reports: texts must name the entity"):
        zb.read_reports(["12项"])
    with pytest.raises(zb.ArgumentTypeError, match=r"for one: read_report\(text, entity\)"):
        zb.read_reports("专利授权量12件。")
    with pytest.raises(zb.ArgumentError, match="read_reports: no reports to read"):
        zb.read_reports({})
    with pytest.raises(zb.ParseError, match="report '乙县'.*pass period="):
        zb.read_reports({"甲县": "2025年上半年，专利授权量12件。", "乙县": "专利授权量12件。"})


def _run(*args):
    return subprocess.run([sys.executable, "-m", "zhibiao", *args], capture_output=True, text=True, timeout=300)


def test_cli_reads_many_files_into_one_table(tmp_path):
    (tmp_path / "a.txt").write_text("2025年上半年，全县组织申报科技项目28项。", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("新增高新技术企业5家，占比达到21.%。".encode("gb18030"))
    a, b = str(tmp_path / "a.txt"), str(tmp_path / "b.txt")
    done = _run("extract", a, b, "--threads", "2", "--lang", "en")
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(io.StringIO(done.stdout))
    assert list(table.columns)[0] == "report"
    assert table["report"].tolist() == [a, b, b]
    assert "gb18030" in done.stderr and "dangling_point" in done.stderr
    one = _run("extract", a)
    assert "report" not in pd.read_csv(io.StringIO(one.stdout)).columns
    twice = _run("extract", a, a)
    assert twice.returncode == 2 and "given twice" in twice.stderr


def test_bench_workload_cuts_at_line_ends_and_checks_its_answers(capsys):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import workload_extract as bench
    finally:
        sys.path.remove(str(ROOT / "bench"))
    text = bench.report_text(0.2)
    reports = bench.cut_into_reports(text, 50)
    assert "".join(reports) == text and 40 <= len(reports) <= 50
    assert all(r.endswith("\n") for r in reports[:-1])
    records = bench.bench_extract_many(1, [1, 2], 1)
    assert [r.threads for r in records] == [1, 2, 1] and all(r.workload == "extract_many" for r in records)
    assert all("facts of 2,000 reports" in r.check for r in records[:2])
    # every report its entity; the areas of its tables by area (round 33) besides, said apart
    assert "read_reports" in records[2].variant and records[2].check.startswith("2,000 entities ")
    assert " areas of tables by area × " in records[2].check or "2,000 entities × " in records[2].check


@pytest.mark.parametrize("threads", [1, 2])
def test_an_interrupt_stops_the_call_unchanged_and_the_next_call_works(threads):
    from zhibiao import _progress

    reports = list(_reports().values()) * 20
    told = []

    def stop(done, total):  # what Ctrl-C does between texts: an exception from the calling thread's check
        told.append((done, total))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        with _progress.reporting(stop):
            zb.extract(reports, threads=threads)
    assert told and told[0][1] == len(reports)
    assert len(zb.extract(reports[:3], threads=threads)) == sum(len(zb.extract(r)) for r in reports[:3])
