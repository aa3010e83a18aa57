"""The HNTE firms the benchmark scores (bench/generate.py) are mostly valid input, as reported
data are: the benchmark times the common path, not the invalid-input one."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import numpy as np

from zhibiao import _core

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
generate = importlib.import_module("generate")


def test_generated_hnte_firms_are_a_few_percent_invalid():
    firms = generate.generate_hnte_firms(20_000)
    card = _core.Scorecard.builtin("hnte-2016")
    result = _core.scorecard_evaluate(card, [firms.get(spec["id"]) for spec in card.inputs], threads=1)
    status = result.arrays()["status"]
    invalid = np.mean(status == 4)  # firm_status::invalid_input
    assert 0.01 <= invalid <= 0.06, f"{invalid:.1%} of the generated firms are invalid input"
    # …and the valid ones are scored both ways: some pass, some fail, some are ineligible.
    assert {0, 2, 3} <= set(np.unique(status).tolist())
