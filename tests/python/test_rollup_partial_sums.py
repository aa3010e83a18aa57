"""rollup(partial_sums=True): an indicator computed from a sum over only some children keeps its
value but says so in its reason (trial 4, r6)."""

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
    # 3.7亿 R&D over 510亿 GDP = 0.7255%: the figure stays, flagged as incomplete.
    assert values.iloc[0]["rd_intensity"] == pytest.approx(3.7 / 510 * 100)
    assert reasons.iloc[0]["rd_intensity"] == "incomplete_rollup"
    assert reasons.iloc[0]["hitech_va_share_gdp"] == "incomplete_rollup"
    # Complete on both sides: 227 / 151.0 with no reason.
    assert values.iloc[0]["invention_patents_per_10k"] == pytest.approx(227 / 151)
    assert reasons.isna().iloc[0]["invention_patents_per_10k"]


def test_without_partial_sums_the_parent_stays_missing():
    city = counties().rollup("admin")
    values, reasons = city.compute(["rd_intensity"], reasons=True)
    assert np.isnan(values.iloc[0, 0]) and reasons.iloc[0, 0] == "incomplete_rollup"
