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
    assert seen and seen[-1] == (2, 3) and all(total == 3 for _, total in seen)
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
    assert (199, 200) in explained  # explanations: zh then en, 200 firms each
    assert seen[-1] == (199, 200)


def test_a_callback_that_raises_stops_the_call_and_the_panel_still_works(sample_dir):
    panel = zb.read_csv(sample_dir / "counties_synthetic.csv")

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        with _progress.reporting(stop):
            panel.compute(["rd_intensity", "invention_patents_per_10k"])
    assert len(panel.compute(["rd_intensity"])) == len(panel)


def test_the_cli_bar_advances_to_the_end_on_a_terminal(sample_dir):
    pytest.importorskip("tqdm", reason="python3-tqdm is installed by scripts/bootstrap.sh")
    master, slave = pty.openpty()
    with open(os.devnull, "w") as devnull:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "zhibiao",
                "scorecard",
                str(sample_dir / "firms_synthetic.csv"),
                "--pack",
                "hnte-2016",
            ],
            stdout=devnull,
            stderr=slave,
        )
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
    assert process.wait(timeout=300) == 0
    os.close(master)
    text = b"".join(chunks).decode("utf-8", errors="replace")
    assert "hnte-2016: explanations" in text and "200/200" in text


def test_no_bar_when_stderr_is_not_a_terminal(sample_dir):
    result = subprocess.run(
        [sys.executable, "-m", "zhibiao", "scorecard", str(sample_dir / "firms_synthetic.csv")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "explanations" not in result.stderr and "it/s" not in result.stderr
