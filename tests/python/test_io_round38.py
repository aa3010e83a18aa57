"""Round 38: a published indicator under its official Chinese heading (R&D经费投入强度[%],
每万人口发明专利拥有量, 高新技术产业增加值占GDP比重) is read as the indicator, so validate checks it
(read_csv skipped it as no variable, and nothing was checked); the rename is said in the load report,
units= keys it by the heading as written or by the id, and PercentFractionWarning names the heading
as written (and the id)."""

from __future__ import annotations

import io
import warnings

import pandas as pd
import pytest

import zhibiao as zb

# indicators.md §3.1: 33357.1 亿元 / 1260582 亿元 = 2.646 %, so a published 2.9 disagrees
RD = "region,period,rd_expenditure[亿元],gdp[亿元],{}[%]\nA,2023,33357.1,1260582,{}\n"


def R(text: str, **options) -> zb.Panel:
    return zb.read_csv(io.StringIO(text), **options)


def rules_of(findings: pd.DataFrame) -> list[str]:
    return sorted(findings.rule)


@pytest.mark.parametrize("heading", ["R&D经费投入强度", "研究与试验发展经费投入强度", "研发经费投入强度"])
def test_a_published_intensity_under_its_official_name_is_the_indicator_and_is_checked(heading: str) -> None:
    panel = R(RD.format(heading, 2.9))
    assert "rd_intensity" in panel.variables and heading not in panel.variables
    assert panel.report["renamed_columns"] == {heading: "rd_intensity"}  # said, not silent
    findings = panel.validate()
    assert rules_of(findings) == ["published_rd_intensity_matches"]
    assert "skipped" not in findings.attrs or "rd_intensity" not in str(findings.attrs["skipped"])
    assert rules_of(R(RD.format(heading, 2.65)).validate()) == []  # 2.646 printed at 2 decimals: 2.65


def test_every_published_share_under_its_official_name_is_checked() -> None:
    # indicators.md §1.5 and §2 by hand: 1000 件 over 10 万人 = 100 件/万人, not 12.5;
    # 50 亿元 of 1000 亿元 = 5 %, not 9.7
    text = (
        "region,period,valid_invention_patents[件],population[万人],每万人口发明专利拥有量[件/万人],"
        "hitech_value_added[亿元],gdp[亿元],高新技术产业增加值占GDP比重[%]\nA,2023,1000,10,12.5,50,1000,9.7\n"
    )
    panel = R(text)
    assert {"invention_patents_per_10k", "hitech_va_share_gdp"} <= set(panel.variables)
    assert panel.report["renamed_columns"] == {
        "每万人口发明专利拥有量": "invention_patents_per_10k",
        "高新技术产业增加值占GDP比重": "hitech_va_share_gdp",
    }
    assert rules_of(panel.validate()) == [
        "published_hitech_share_matches",
        "published_patents_per_10k_matches",
    ]


@pytest.mark.parametrize("key", ["R&D经费投入强度", "rd_intensity"])
def test_units_keys_the_renamed_column_by_its_heading_as_written_or_by_its_id(key: str) -> None:
    text = "region,period,rd_expenditure[亿元],gdp[亿元],R&D经费投入强度\nA,2023,33357.1,1260582,0.029\n"
    panel = R(text, units={key: "1"})  # a fraction: 0.029 is 2.9 %
    assert panel.units["rd_intensity"] == "1"
    assert rules_of(panel.validate()) == ["published_rd_intensity_matches"]
    frame = pd.DataFrame(
        {
            "region": ["A"],
            "period": [2023],
            "rd_expenditure[亿元]": [33357.1],
            "gdp[亿元]": [1260582.0],
            "R&D经费投入强度": [0.029],
        }
    )
    loaded = zb.Panel.from_pandas(frame, entity="region", period="period", units={key: "1"})
    assert loaded.units["rd_intensity"] == "1"
    assert loaded.report["renamed_columns"] == {"R&D经费投入强度": "rd_intensity"}
    assert rules_of(loaded.validate()) == ["published_rd_intensity_matches"]


def test_a_unit_given_twice_by_heading_and_id_is_refused_when_they_differ() -> None:
    text = "region,period,R&D经费投入强度\nA,2023,2.9\n"
    with pytest.raises(zb.Error, match="two units"):
        R(text, units={"R&D经费投入强度": "%", "rd_intensity": "1"})


def test_the_fraction_warning_names_the_heading_as_written_and_the_id() -> None:
    frame = pd.DataFrame({"region": ["A", "B"], "period": [2023, 2023], "R&D经费投入强度[%]": [0.027, 0.031]})
    with pytest.warns(zb.PercentFractionWarning) as said:
        panel = zb.Panel.from_pandas(frame, entity="region", period="period")
    message = str(said[0].message)
    assert "column 'R&D经费投入强度[%]' (read as rd_intensity)" in message
    assert "units={'R&D经费投入强度': '1'}" in message  # a key the caller can give back
    assert panel.values("rd_intensity").tolist() == [0.027, 0.031]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the caller's word by the heading as written is certain
        zb.Panel.from_pandas(frame, entity="region", period="period", units={"R&D经费投入强度": "1"})
    text = "region,period,R&D经费投入强度[%]\nA,2023,0.027\nB,2023,0.031\n"
    with pytest.warns(zb.PercentFractionWarning, match=r"'R&D经费投入强度\[%\]' \(read as rd_intensity\)"):
        R(text)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        R(text, units={"R&D经费投入强度": "1"})


def test_a_heading_beside_its_id_stays_as_written() -> None:
    # the file meant two columns (the published figure and another): neither is renamed into the other
    panel = R("region,period,rd_intensity[%],R&D经费投入强度[%]\nA,2023,2.6,2.9\n")
    assert set(panel.variables) == {"rd_intensity", "R&D经费投入强度"}
    assert "renamed_columns" not in panel.report or panel.report["renamed_columns"] == {}
