"""The Scorecard class, the lean result layout seen from Python, and the English of the packs."""

import re

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import _core


def sme_firms(**overrides):
    base = {
        "employees": [40],
        "st_staff": [12],
        "sales": [1000.0],
        "assets": [500.0],
        "rd_expense": [45.0],
        "total_cost": [45 / 0.22],
        "ip_class1": [0],
        "ip_class2": [2],
    }
    base.update({k: [v] for k, v in overrides.items()})
    return pd.DataFrame(base)


CJK = re.compile(r"[\u4e00-\u9fff]")


def test_load_returns_a_scorecard_with_the_module_functions_as_methods():
    card = zb.scorecards.load("tech-sme-2017")
    assert isinstance(card, zb.scorecards.Scorecard)
    assert card.id == "tech-sme-2017" and card.name_en == "Technology-based SME evaluation (2017)"
    assert repr(card).startswith("Scorecard('tech-sme-2017': Technology-based SME evaluation (2017); 13 inputs")
    firms = pd.concat([sme_firms(), sme_firms(st_staff=3)], ignore_index=True)
    pd.testing.assert_frame_equal(card.evaluate(firms), zb.scorecards.evaluate(firms, "tech-sme-2017"))
    pd.testing.assert_frame_equal(card.gap(firms), zb.scorecards.gap(firms, "tech-sme-2017"))
    pd.testing.assert_frame_equal(card.describe(), zb.scorecards.describe("tech-sme-2017"))
    assert card.explain(firms, [1]) == [zb.scorecards.evaluate(firms, card).loc[1, "explanation_en"]]
    assert card.explain(firms, language="zh")[0].startswith("通过")
    with pytest.raises(zb.Error, match="'en' or 'zh', not 'zn'"):
        card.explain(firms, language="zn")
    assert card == zb.scorecards.load("tech-sme-2017") and card != zb.scorecards.load("hnte-2016")


def test_load_reads_a_file_into_a_scorecard(tmp_path):
    path = tmp_path / "pack.toml"
    path.write_text(
        'id = "mine"\n[[input]]\nid = "a"\n[[item]]\nid = "i"\nmax = 1\nmeasure = "a"\n'
        'bands = [{min = 1, points = 1}, {points = 0}]\n[pass]\nrule = "total >= 1"\n',
        encoding="utf-8",
    )
    card = zb.scorecards.load(path)
    assert card.id == "mine" and card.engine == "vector machine"
    assert card.evaluate(pd.DataFrame({"a": [1.0, 0.0]}))["status"].tolist() == ["passed", "failed"]
    with pytest.raises(TypeError, match="zhibiao.scorecards.load"):
        zb.scorecards.Scorecard("hnte-2016")


def test_status_is_the_scorers_and_its_names_come_from_cpp():
    assert zb.scorecards.STATUSES == ("passed", "direct", "failed", "ineligible", "invalid input")
    card = zb.scorecards.load("tech-sme-2017")
    firms = pd.concat(
        [
            sme_firms(),
            sme_firms(st_staff=0).assign(hnte_certified=1),
            sme_firms(st_staff=3),
            sme_firms(employees=510, st_staff=100),
            sme_firms(employees=-1),
        ],
        ignore_index=True,
    ).fillna({"hnte_certified": 0})
    columns = [firms[s["id"]].to_numpy(dtype=float) if s["id"] in firms else None for s in card.inputs]
    arrays = _core.scorecard_evaluate(card._core, columns).arrays()
    assert arrays["status"].dtype == np.uint8
    assert arrays["status"].tolist() == [0, 1, 2, 3, 4]
    assert arrays["valid"].tolist() == [1, 1, 1, 1, 0] and arrays["eligible"].tolist() == [1, 1, 1, 0, 0]
    assert arrays["passed"].tolist() == [1, 1, 0, 0, 0]
    table = card.evaluate(firms, explain=False)
    assert table["status"].tolist() == list(zb.scorecards.STATUSES)
    assert table["valid"].tolist() == [True] * 4 + [False] and table["passed"].tolist() == [
        True,
        True,
        False,
        False,
        False,
    ]


def test_points_are_float32_in_the_result_and_float64_in_the_table():
    card = zb.scorecards.load("hnte-2016")
    assert card._core.narrow_points and card._core.ranged_items == [2, 5, 10, 11]
    columns = [np.full(3, np.nan) for _ in card.inputs]
    arrays = _core.scorecard_evaluate(card._core, columns).arrays()
    assert arrays["points"].dtype == np.float32 and arrays["points"].shape == (3, 12)
    assert arrays["points_lo"].shape == (3, 4) and arrays["total"].dtype == np.float32
    table = zb.scorecards.evaluate(sme_firms(), "tech-sme-2017")
    assert table["total"].dtype == np.float64 and table["rd_points"].dtype == np.float64
    assert table["total"].tolist() == [62.0]


@pytest.mark.parametrize("pack", ["tech-sme-2017", "hnte-2016", "hnte-2008"])
def test_every_input_and_item_has_an_english_name(pack):
    d = zb.scorecards.describe(pack)
    assert (d["name_en"].str.len() > 0).all(), d.loc[d["name_en"] == "", "id"].tolist()
    assert not d["name_en"].str.contains(CJK).any()
    card = zb.scorecards.load(pack)
    assert all(item["name_en"] and not CJK.search(item["name_en"]) for item in card.items)
    assert all(not CJK.search(c["label_en"]) for c in card.controllables)


def test_english_explanations_have_no_chinese_units():
    firms = pd.concat(
        [sme_firms(employees=510, st_staff=100, sales=30000.0), sme_firms(employees=10, st_staff=12)], ignore_index=True
    )
    r = zb.scorecards.evaluate(firms, "tech-sme-2017")
    assert "staff 510 persons above 500" in r.loc[0, "explanation_en"]
    assert "S&T staff 12 persons exceed the total staff 10 persons" in r.loc[1, "explanation_en"]
    assert not r["explanation_en"].str.contains(CJK).any()
    assert "510人" in r.loc[0, "explanation_zh"]
