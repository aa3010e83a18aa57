"""Rolling up a partial roll-up again (counties → prefectures with partial_sums → province): a
prefecture's partial sum was taken for a complete figure, and the province's indicators mixed
children silently (round 13, roll-ups)."""

import io
import math

import pytest

import zhibiao as zb
import zhibiao.cli


def counties():
    # 320602 has no R&D figure: 南通 (320600)'s R&D is a partial sum (3000万 of 320601 only).
    return zb.read_csv(
        io.StringIO(
            "region,period,gdp[亿元],rd_expenditure[万元]\n"
            "320601,2023,100,3000\n320602,2023,200,\n320701,2023,50,1000\n320702,2023,50,1000\n"
        )
    )


def test_a_partial_prefecture_rolled_up_without_partial_sums_leaves_the_province_missing():
    # Before: the province got R&D 3000 + 2000 = 5000万 over GDP 400亿 = 0.125 %, with no reason:
    # the R&D of three counties over the GDP of four. Rolling the counties up at once says the
    # province is incomplete; so must rolling up their partial prefectures.
    province = counties().rollup(partial_sums=True).rollup()
    values, reasons = province.compute("rd_intensity", reasons=True)
    assert math.isnan(values.iloc[0, 0])
    assert reasons.iloc[0, 0] == "incomplete_rollup"
    assert math.isnan(province.values("rd_expenditure")[0])


def test_a_partial_prefecture_rolled_up_with_partial_sums_matches_the_direct_roll_up():
    # Over the matched counties 320601, 320701, 320702: (3000 + 1000 + 1000)万 / (100 + 50 + 50)亿
    # = 5000 / 2 000 000 = 0.25 %, flagged incomplete_rollup, as counties.rollup(to="province").
    twice = counties().rollup(partial_sums=True).rollup(partial_sums=True)
    values, reasons = twice.compute("rd_intensity", reasons=True)
    assert values.iloc[0, 0] == pytest.approx(0.25)
    assert reasons.iloc[0, 0] == "incomplete_rollup"
    direct = counties().rollup(to="province", partial_sums=True).compute("rd_intensity", reasons=True)
    assert values.equals(direct[0]) and reasons.equals(direct[1])
    # The coverage counts the counties (four children, three with R&D).
    row = twice.coverage.set_index("variable").loc["rd_expenditure"]
    assert (row["children"], row["with_data"], row["complete"]) == (4, 3, False)


def test_the_second_map_is_checked_against_the_prefectures():
    with pytest.raises(zb.Error, match=r"no parent in the map: 320700"):
        counties().rollup(partial_sums=True).rollup({"320600": "east"})


def test_a_partial_roll_up_read_back_from_csv_rolls_up_with_its_gaps(tmp_path):
    # zhibiao rollup --partial-sums writes rd_expenditure_reason; read back, 320600's 3000 is a
    # partial sum. Rolled up again it is a gap, not a figure: the province is incomplete.
    out = tmp_path / "pref.csv"
    assert zb.cli.main(["rollup", str(_write(tmp_path)), "--partial-sums", "--out", str(out)]) == 0
    pref = zb.read_csv(out)
    province = pref.rollup()
    assert math.isnan(province.values("rd_expenditure")[0])
    assert province.compute("rd_intensity", reasons=True)[1].iloc[0, 0] == "incomplete_rollup"
    # With partial sums the R&D sum is over the complete prefecture 320700 only: 1000 + 1000 = 2000万.
    assert pref.rollup(partial_sums=True).values("rd_expenditure")[0] == 2000.0


def _write(tmp_path):
    path = tmp_path / "counties.csv"
    path.write_text(
        "region,period,gdp[亿元],rd_expenditure[万元]\n"
        "320601,2023,100,3000\n320602,2023,200,\n320701,2023,50,1000\n320702,2023,50,1000\n",
        encoding="utf-8",
    )
    return path
