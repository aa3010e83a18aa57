"""Round 36 (task fix36): the seams round 35 left outside the reader's core. Each test fails on main."""

from __future__ import annotations

import numpy as np
import pytest

import zhibiao as zb

# 1.74亿元 ÷ 100.00亿元 = 1.74 % (hand-checked): a published "2.00%" is 2.00 at 2 decimals (±0.005), a
# disagreement; a published "2%" is 2 at 0 decimals (±0.5), 1.74 rounds to it (spec/rd_intensity.md:
# R&D expenditure ÷ GDP × 100).
REPORT = "2024年，全县研究与试验发展经费投入1.74亿元，地区生产总值100.00亿元，研发经费投入强度{}。"


def _intensity_findings(panel):
    found = panel.validate()
    return found[found.rule == "published_rd_intensity_matches"]


def test_read_report_validates_a_written_2_00_percent_at_2_decimals():
    found = _intensity_findings(zb.read_report(REPORT.format("2.00%"), entity="青山县"))
    assert len(found) == 1
    # the finding says the cell as written (2.00), not its shortest form (2)
    assert "published 2.00 %, recomputed 1.74 %" in found.message.iloc[0]


def test_read_report_validates_a_written_2_percent_at_0_decimals():
    assert _intensity_findings(zb.read_report(REPORT.format("2%"), entity="青山县")).empty


def test_read_reports_keeps_each_reports_written_decimals():
    panel = zb.read_reports({"青山县": REPORT.format("2.00%"), "白水县": REPORT.format("2%")})
    found = _intensity_findings(panel)
    assert list(found.entity) == ["青山县"]


def test_report_panel_written_decimals_per_cell_and_none_for_a_converted_figure():
    # 1.20万件 is 12000 件: the value is not the number written, it has no written decimals
    text = "2024年，全县研发经费投入强度1.70%，专利授权量1.20万件，地区生产总值100.0亿元。"
    core = zb.read_report(text, entity="青山县")._core
    assert core.written_decimals("rd_intensity").tolist() == [2]
    assert core.written_decimals("gdp").tolist() == [1]
    assert core.written_decimals("patents_granted").tolist() == [0]


def test_set_written_decimals_refuses_a_length_that_is_not_the_panels():
    core = zb.read_report(REPORT.format("2.00%"), entity="青山县")._core
    with pytest.raises(zb.Error, match="rd_intensity"):
        core.set_written_decimals("rd_intensity", np.array([2, 2], dtype=np.uint8))


@pytest.mark.parametrize("bad", [np.array([-1]), np.array([2.7]), np.array([256])])
def test_set_written_decimals_refuses_what_no_cell_was_written_with(bad):
    # review 36: a cast made -1 into 255 decimals and 2.7 into 2
    core = zb.read_report(REPORT.format("2.00%"), entity="青山县")._core
    with pytest.raises(zb.Error, match="rd_intensity"):
        core.set_written_decimals("rd_intensity", bad)


@pytest.mark.parametrize(
    "text",
    [
        "2024年，全县研发经费投入强度13.x%。",
        "2024年科技统计表\n| 指标 | 单位 | 2024年 |\n| 专利授权量 | 件 | 1X3 |\n| 高新技术企业数量 | 家 | 21 |\n",
    ],
)
def test_read_report_says_a_masked_figure_it_leaves_missing(text):
    panel = zb.read_report(text, entity="青山县")
    masked = panel.findings[panel.findings.kind == "masked_figure"]
    assert len(masked) == 1
    assert "damaged_source" in masked.message.iloc[0]
    variable = "rd_intensity" if "13.x" in text else "patents_granted"
    assert masked.message.iloc[0].startswith(f"{variable} 2024:")


# --- printed precision across units (task item 3) ---------------------------------------------------
# 1.74亿元 ÷ 100亿元 = 1.74 % = 17.4 ‰ (hand-checked): a published "17.4‰" agrees at its printed
# precision (0.1 ‰ = 0.01 %); a published "17.0‰" does not (1.74 % is 17.4 ‰, not 17.0).
# printed_round(x, p) rounded x, recomputed in %, to p's decimals counted in ‰: 1.74 % to 1 decimal is
# 1.7 % = 17 ‰, a false finding for "a" (round 36: x is rounded in p's unit).
def test_published_intensity_in_permille_is_checked_in_its_own_unit(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "region,period,rd_expenditure[亿元],gdp[亿元],rd_intensity[‰]\na,2023,1.74,100,17.4\nb,2023,1.74,100,17.0\n",
        encoding="utf-8",
    )
    found = zb.read_csv(path).validate()
    assert list(found[found.rule == "published_rd_intensity_matches"].entity) == ["b"]


# --- composite steps and uncertainty (task item 5) ---------------------------------------------------
def _data_and_framework():
    import pandas as pd

    from zhibiao import composite as C

    rng = np.random.default_rng(36)
    data = pd.DataFrame(rng.uniform(1, 100, (12, 4)), columns=list("abcd"), index=[f"r{i}" for i in range(12)])
    meta = pd.DataFrame(
        {
            "code": ["a", "b", "c", "d", "P1", "P2", "Index"],
            "parent": ["P1", "P1", "P2", "P2", "Index", "Index", ""],
            "level": [1, 1, 1, 1, 2, 2, 3],
            "weight": [1] * 7,
            "direction": [1] * 7,
        }
    )
    return C, data, C.Framework.from_pandas(meta)


@pytest.mark.parametrize(
    "steps, said",
    [
        (
            lambda C: [C.Normalise("minmax"), C.Weigh("equal"), C.Weigh("entropy"), C.Aggregate("arithmetic")],
            "step 2 (Weigh) and step 3 (Weigh) have no levels",
        ),
        (
            lambda C: [
                C.Normalise("minmax"),
                C.Weigh("equal", levels=[2]),
                C.Weigh("entropy", levels=[2]),
                C.Aggregate("arithmetic"),
            ],
            "step 2 (Weigh) and step 3 (Weigh) both set the weights of level 2",
        ),
        (
            lambda C: [C.Normalise("minmax"), C.Weigh("equal"), C.Aggregate("arithmetic"), C.Aggregate("geometric")],
            "step 3 (Aggregate) and step 4 (Aggregate) have no levels",
        ),
    ],
)
def test_model_from_steps_refuses_overlapping_steps_as_build_does(steps, said):
    C, data, fw = _data_and_framework()
    with pytest.raises(zb.ArgumentError) as at_build:
        C.build(data, fw, steps(C))
    with pytest.raises(zb.ArgumentError) as at_model:
        C.Model.from_steps(steps(C), fw)
    for e in (at_build, at_model):
        assert said in str(e.value)
        assert not str(e.value).startswith("(variable")  # about steps, not a variable named "levels"


def test_uncertainty_refuses_normalisation_alternatives_for_a_model_with_two_normalise_steps():
    C, data, fw = _data_and_framework()
    steps = [
        C.Normalise("minmax"),
        C.Normalise("rank", methods={"a": "rank"}),
        C.Weigh("equal"),
        C.Aggregate("arithmetic"),
    ]
    with pytest.raises(zb.ArgumentError, match=r"2 Normalise steps \(steps 1 and 2\).*one Normalise step"):
        C.uncertainty(data, fw, steps, n=20, normalisation=[C.Normalise("zscore"), C.Normalise("minmax")])
    # one Normalise step: the alternatives replace it
    C.uncertainty(data, fw, steps[1:], n=20, normalisation=[C.Normalise("zscore"), C.Normalise("minmax")])


# --- docs/composite.md "AHP priority vectors" (task item 6) ------------------------------------------
def test_weigh_ahp_takes_the_priority_the_doc_says_and_result_ahp_has_its_fields():
    import pandas as pd

    C, data, _ = _data_and_framework()
    fw = C.Framework.flat(list("abcd"))
    # an inconsistent 4×4 matrix (CR ≈ 0.04 < 0.1): the eigenvector and the row means differ
    m = np.array([[1, 3, 5, 7], [1 / 3, 1, 3, 5], [1 / 5, 1 / 3, 1, 2], [1 / 7, 1 / 5, 1 / 2, 1]])
    got = {}
    for priority in ("eigenvector", "mean"):
        r = C.build(
            data,
            fw,
            [
                C.Normalise("minmax"),
                C.Weigh("ahp", pairwise={"Index": m}, priority=priority),
                C.Aggregate("arithmetic"),
            ],
        )
        entry = r.ahp["Index"]
        assert set(entry) == {"weights", "lambda_max", "ci", "cr"}
        got[priority] = np.asarray(entry["weights"])
        np.testing.assert_allclose(got[priority], C.ahp(m, priority=priority)["weights"], rtol=1e-12)
    assert not np.allclose(got["eigenvector"], got["mean"])
    assert isinstance(pd.Series(got["mean"]), pd.Series)


# --- a new user's uncertainty run (task: 15 minutes as a new user) ----------------------------------
def test_uncertainty_summary_says_normalisation_alternatives_mix_score_scales():
    C, data, fw = _data_and_framework()
    steps = [C.Normalise("minmax"), C.Weigh("equal"), C.Aggregate("arithmetic")]
    mixed = C.uncertainty(data, fw, steps, n=20, normalisation=[C.Normalise("zscore"), C.Normalise("minmax")])
    assert "mean_score and the score percentiles mix them" in mixed.summary()
    same = C.uncertainty(data, fw, steps, n=20, normalisation=[C.Normalise("minmax"), C.Normalise("minmax")])
    assert "mix them" not in same.summary()
    # review 36: alternatives alike among themselves but not the model's own (zscore beside a minmax model)
    other = C.uncertainty(data, fw, steps, n=20, normalisation=[C.Normalise("zscore"), C.Normalise("zscore")])
    assert "mean_score and the score percentiles mix them" in other.summary()


# --- the CLI's report panel in a pipe keeps the written decimals (round 36, lead) ----------------------
# 18,500 万元 / 96.2 亿元 = 1.923 % (hand-checked): a published "2.00%" disagrees at 2 decimals; the panel
# `zhibiao extract --panel` wrote said "2" (pandas' %.15g), and `validate -` checked it as 2 ±0.5: no finding.
def test_extract_panel_writes_a_figure_as_written_and_validate_reads_it(tmp_path):
    import subprocess
    import sys

    report = tmp_path / "report.txt"
    report.write_text(
        "湖东区2025年科技工作总结\n全区研发经费投入18,500万元，地区生产总值96.2亿元，研发经费投入强度为2.00%。\n",
        encoding="utf-8",
    )
    run = [sys.executable, "-m", "zhibiao"]
    panel = subprocess.run([*run, "extract", "--panel", "--entity", "湖东区", str(report)], capture_output=True, text=True)
    assert panel.returncode == 0, panel.stderr
    header, row = panel.stdout.splitlines()[:2]
    assert dict(zip(header.split(","), row.split(",")))["rd_intensity[%]"] == "2.00"
    found = subprocess.run([*run, "validate", "-"], input=panel.stdout, capture_output=True, text=True)
    assert found.returncode == 1, found.stderr
    assert "published_rd_intensity_matches" in found.stdout and "published 2.00 %" in found.stdout


def test_read_csv_with_reason_columns_keeps_the_written_decimals(tmp_path):
    # main: a file with <variable>_reason columns (what compute, rollup and extract --panel write) was
    # read into a copy of the panel that carried its reasons but not its cells' written decimals
    path = tmp_path / "p.csv"
    path.write_text(
        "entity,period,rd_intensity[%],rd_intensity_reason\na,2025,,missing_input\na,2026,2.00,\n", encoding="utf-8"
    )
    assert list(zb.read_csv(path)._core.written_decimals("rd_intensity")) == [0, 2]
