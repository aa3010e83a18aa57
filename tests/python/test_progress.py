"""Progress from C++ in blocks: compute reports indicator by indicator, scorecard explanations and
gaps firm by firm, to a Python callback (zhibiao._progress.reporting); the CLI's bar on a
terminal advances with it, and stays off when stderr is not a terminal."""

import os
import pty
import subprocess
import sys

import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import _progress, scorecards


def test_compute_reports_the_last_indicator_of_the_call(sample_dir):
    panel = zb.read_csv(sample_dir / "counties_synthetic.csv")
    seen = []
    with _progress.reporting(lambda done, total: seen.append((done, total))):
        panel.compute(["rd_intensity", "invention_patents_per_10k", "project_approval_rate"])
    assert seen and seen[-1] == (3, 3) and all(total == 3 for _, total in seen)  # ends full (c27)
    seen.clear()
    panel.compute(["rd_intensity"])  # outside the block: no callback
    assert seen == []


def test_scorecard_explanations_and_gap_report_firm_by_firm(sample_dir):
    firms = pd.read_csv(sample_dir / "firms_synthetic.csv", index_col="firm").drop(columns="name")
    seen = []
    with _progress.reporting(lambda done, total: seen.append((done, total))):
        scorecards.evaluate(firms, "tech-sme-2017")
        explained = list(seen)
        scorecards.gap(firms, "tech-sme-2017")
    assert (200, 200) in explained  # explanations: zh then en, 200 firms each, each ending full
    assert seen[-1] == (200, 200)


def test_a_callback_that_raises_stops_the_call_and_the_panel_still_works(sample_dir):
    panel = zb.read_csv(sample_dir / "counties_synthetic.csv")

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        with _progress.reporting(stop):
            panel.compute(["rd_intensity", "invention_patents_per_10k"])
    assert len(panel.compute(["rd_intensity"])) == len(panel)


def _stderr_on_a_terminal(*args):
    """Runs ``zhibiao ARGS`` with stderr on a pseudo-terminal (stdout discarded): its exit code
    and what it wrote there."""
    master, slave = pty.openpty()
    with open(os.devnull, "w") as devnull:
        process = subprocess.Popen([sys.executable, "-m", "zhibiao", *args], stdout=devnull, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed its side
            break
        if not chunk:
            break
        chunks.append(chunk)
    code = process.wait(timeout=300)
    os.close(master)
    return code, b"".join(chunks).decode("utf-8", errors="replace")


def test_the_cli_bar_advances_to_the_end_on_a_terminal(sample_dir):
    pytest.importorskip("tqdm", reason="python3-tqdm is installed by scripts/bootstrap.sh")
    code, text = _stderr_on_a_terminal("scorecard", str(sample_dir / "firms_synthetic.csv"), "--pack", "hnte-2016")
    assert code == 0
    assert "hnte-2016: explanations" in text and "200/200" in text


def test_no_bar_when_stderr_is_not_a_terminal(sample_dir):
    result = subprocess.run(
        [sys.executable, "-m", "zhibiao", "scorecard", str(sample_dir / "firms_synthetic.csv")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "explanations" not in result.stderr and "it/s" not in result.stderr


def _big_csv(path, rows=10000):
    body = "".join(f"{100000 + i},2024,1.5\n" for i in range(rows))  # 16 bytes a row
    path.write_text("entity,period,x\n" + body, encoding="utf-8")
    return len(body)


def test_read_csv_reports_the_bytes_parsed_and_the_end(tmp_path):
    body = _big_csv(tmp_path / "big.csv")
    assert body == 160000
    seen = []
    panel = zb.read_csv(tmp_path / "big.csv", threads=1, progress=lambda done, total: seen.append((done, total)))
    assert len(panel) == 10000
    assert seen[-1] == (160000, 160000) and all(total == 160000 for _, total in seen)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)  # it only moves forward
    seen.clear()
    with open(tmp_path / "big.csv", "rb") as stream:  # a file object: the same reports
        zb.read_csv(stream, threads=1, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (160000, 160000)


def test_progress_blocks_nest_and_a_bad_progress_is_refused(tmp_path, sample_dir):
    _big_csv(tmp_path / "big.csv", rows=100)
    outer, inner = [], []
    with _progress.reporting(lambda d, t: outer.append((d, t))):
        zb.read_csv(tmp_path / "big.csv", progress=lambda d, t: inner.append((d, t)))
        panel = zb.read_csv(sample_dir / "counties_synthetic.csv")  # progress=False: the outer block hears it
        panel.compute(["rd_intensity", "invention_patents_per_10k"])  # the outer block again after the inner one
    assert inner == [(1600, 1600)]
    assert outer[-1] == (2, 2) and any(d == t and t > 1600 for d, t in outer)
    with pytest.raises(zb.ArgumentError, match="progress must be True, False or a function"):
        zb.read_csv(tmp_path / "big.csv", progress="yes")


def test_uncertainty_uses_the_common_progress(monkeypatch):
    calls = []
    monkeypatch.setattr(
        _progress, "bar", lambda what, unit, **kw: (lambda d, t: calls.append((what, d, t)), lambda: None)
    )
    data = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [4.0, 1.0, 2.0, 3.0]}, index=list("pqrs"))
    C = zb.composite
    C.uncertainty(
        data, C.Framework.flat(["a", "b"]), [C.Normalise(), C.Aggregate()], n=50, weights_noise={1: 0.2}, progress=True
    )
    assert calls and calls[-1][0] == "uncertainty" and calls[-1][1:] in ((49, 50), (50, 50))


def test_the_cli_shows_reading_progress_on_a_terminal(tmp_path):
    pytest.importorskip("tqdm", reason="python3-tqdm is installed by scripts/bootstrap.sh")
    _big_csv(tmp_path / "big.csv")
    _, text = _stderr_on_a_terminal("compute", str(tmp_path / "big.csv"), "--ids", "rd_intensity")
    assert f"reading {tmp_path / 'big.csv'}" in text and "100/100" in text
