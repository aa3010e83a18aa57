"""rollup(partial_sums=True): an indicator computed from a sum over only some children is
computed over the matched children (every input valid, the same children in numerator and
denominator) and says so in its reason (trial 4, r6; matched children: fixroll9)."""

import io

import numpy as np
import pytest

import zhibiao as zb


def counties():
    # 320602 has no R&D figure for 2023; 320603 no high-tech value added; 320601 everything.
    return zb.read_csv(
        io.StringIO(
            "region,period,gdp[亿元],rd_expenditure[万元],hitech_value_added[万元],population[万人],"
            "valid_invention_patents[件]\n"
            "320601,2023,120,30000,150000,50.0,45\n"
            "320602,2023,330,,420000,81.0,170\n"
            "320603,2023,60,7000,,20.0,12\n"
        )
    )


def test_a_ratio_over_a_partial_sum_carries_the_reason():
    city = counties().rollup("admin", partial_sums=True)
    assert city.values("rd_expenditure").tolist() == [37000.0]  # 30000 + 7000: two of three children
    values, reasons = city.compute(["rd_intensity", "hitech_va_share_gdp", "invention_patents_per_10k"], reasons=True)
    # The R&D of 320601 and 320603 over the GDP of the same two: 3.7亿 / (120 + 60)亿 = 2.0556%,
    # flagged as incomplete. Before: over the GDP of all three, 3.7 / 510 = 0.7255%, biased low.
    assert values.iloc[0]["rd_intensity"] == pytest.approx(3.7 / 180 * 100)
    assert reasons.iloc[0]["rd_intensity"] == "incomplete_rollup"
    # High-tech value added of 320601 and 320602: (15 + 42)亿 / (120 + 330)亿 = 12.667%.
    assert values.iloc[0]["hitech_va_share_gdp"] == pytest.approx(57 / 450 * 100)
    assert reasons.iloc[0]["hitech_va_share_gdp"] == "incomplete_rollup"
    # Complete on both sides: 227 / 151.0 with no reason.
    assert values.iloc[0]["invention_patents_per_10k"] == pytest.approx(227 / 151)
    assert reasons.isna().iloc[0]["invention_patents_per_10k"]


def test_without_partial_sums_the_parent_stays_missing():
    city = counties().rollup("admin")
    values, reasons = city.compute(["rd_intensity"], reasons=True)
    assert np.isnan(values.iloc[0, 0]) and reasons.iloc[0, 0] == "incomplete_rollup"


def test_a_ratio_never_mixes_children_blank_and_unparseable():
    # Trial (fixroll9): in 320600 one child's R&D is blank, another's "xyz" (lenient). The R&D of
    # the two valid children (3000 + 5000万元 = 0.8亿) over their own GDP (100 + 100亿) = 0.4%, not
    # over all four (0.2%), flagged invalid_child (an invalid child outranks a missing one).
    p = zb.read_csv(
        io.StringIO(
            "region,period,gdp[亿元],rd_expenditure[万元]\n"
            "320601,2023,100,3000\n320602,2023,100,\n320603,2023,100,xyz\n320604,2023,100,5000\n"
        ),
        lenient=True,
    )
    values, reasons = p.rollup("admin", partial_sums=True).compute("rd_intensity", reasons=True)
    assert values.iloc[0, 0] == pytest.approx(0.4)
    assert reasons.iloc[0, 0] == "invalid_child"


def test_a_half_year_per_10k_over_the_matched_children():
    # Trial (fixroll9): 320602's 2023 population is blank, so its 2024H1 value has no year-end
    # denominator; 320601 alone: 44 patents / its 2023 population 50 = 0.88 (before: 110 / 50 =
    # 2.2, the patents of two children over the population of one, with no reason). 2023: 40 / 50.
    p = zb.read_csv(
        io.StringIO(
            "region,period,population[万人],valid_invention_patents[件]\n"
            "320601,2023,50,40\n320602,2023,,60\n320601,2024H1,52,44\n320602,2024H1,70,66\n"
        )
    )
    values, reasons = p.rollup("admin", partial_sums=True).compute("invention_patents_per_10k", reasons=True)
    assert values["invention_patents_per_10k"].tolist() == pytest.approx([0.8, 0.88])
    assert reasons["invention_patents_per_10k"].tolist() == ["incomplete_rollup", "incomplete_rollup"]


def test_custom_indicator_with_a_rollup_catalogue_and_a_compute_catalogue(tmp_path):
    # The roll-up reads a catalogue declaring rd_staff as summed (the built-in one does not know
    # it); compute gets that catalogue plus an Indicator object. Matched children: 320601 and
    # 320603 (320602 has no rd_staff): (300 + 500) 人 / (10 + 30) 万人 = 20 人/万人, not 800 / 60.
    toml = tmp_path / "staff.toml"
    toml.write_text(
        '[[variable]]\nid = "rd_staff"\nname_zh = "R&D人员"\nname_en = "R&D staff"\n'
        'dimension = "person"\nunit = "人"\nmin = 0\naggregation = "sum"\n',
        encoding="utf-8",
    )
    cat = zb.load_catalogue(toml)
    p = zb.read_csv(
        io.StringIO(
            "region,period,rd_staff[人],population[万人]\n320601,2023,300,10\n320602,2023,,20\n320603,2023,500,30\n"
        )
    )
    city = p.rollup("admin", partial_sums=True, catalogue=cat)
    staff = zb.Indicator("staff_per_10k", "rd_staff / population", "人/万人")
    values, reasons = city.compute([staff], reasons=True, catalogue=cat)
    assert values.iloc[0]["staff_per_10k"] == pytest.approx(20.0)
    assert reasons.iloc[0]["staff_per_10k"] == "incomplete_rollup"
