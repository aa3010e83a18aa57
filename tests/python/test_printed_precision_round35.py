"""Round 35 (fixE35): a published ratio is checked at the precision it was printed with (spec §7.1).

21000 万元 ÷ 120.5 亿元 = 2.1 / 120.5 × 100 = 1.742739… % (by hand). A published "2.00" is 2 written
with 2 decimals: off by 0.26 pp at 2 decimals (before: checked as 2, ±0.5, and passed); "1.70" is
off by 0.04 at 2 decimals (before: checked as 1.7, and passed); "1.7" and "2" are right at the
decimals they show.
"""

from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd

import zhibiao as zb

HEADER = "region,period,gdp[亿元],rd_expenditure[万元],rd_intensity{unit}\n"
RULE = "published_rd_intensity_matches"


def _flagged(text: str) -> list[str]:
    findings = zb.read_csv(io.StringIO(text)).validate()
    return sorted(findings[findings.rule == RULE].entity)


def test_a_published_ratio_is_checked_at_its_written_decimals() -> None:
    rows = "A,2024,120.5,21000,2.00\nD,2024,120.5,21000,1.70\nE,2024,120.5,21000,1.7\nF,2024,120.5,21000,2\n"
    assert _flagged(HEADER.format(unit="[%]") + rows) == ["A", "D"]
    # A header without the unit reads the column in the catalogue's % (validate rebuilds it): the same.
    assert _flagged(HEADER.format(unit="") + rows) == ["A", "D"]


def test_the_command_line_finds_both() -> None:
    text = HEADER.format(unit="[%]") + "A,2024,120.5,21000,2.00\nD,2024,120.5,21000,1.70\n"
    done = subprocess.run(
        [sys.executable, "-m", "zhibiao", "validate", "-"], input=text.encode(), capture_output=True, check=False
    )
    out = pd.read_csv(io.StringIO(done.stdout.decode()))
    assert done.returncode == 1, done.stderr.decode()
    assert sorted(out[out.rule == RULE].entity) == ["A", "D"]


def test_a_data_frame_has_no_printed_decimals() -> None:
    # from_pandas keeps the behaviour of before: a float 2.0 is checked as 2 (±0.5).
    df = pd.DataFrame(
        {"region": ["A"], "period": ["2024"], "gdp": [120.5], "rd_expenditure": [21000.0], "rd_intensity": [2.0]}
    )
    panel = zb.Panel.from_pandas(df, entity="region", units={"gdp": "亿元", "rd_expenditure": "万元", "rd_intensity": "%"})
    findings = panel.validate()
    assert RULE not in set(findings.rule)
