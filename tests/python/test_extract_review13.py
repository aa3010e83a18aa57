"""A review of round 13's reader changes: platforms in 家 that count firms, targets across ；,
a second 其中 list in one sentence, combined review-and-plan titles, and levels with 以上.
Sentences written for the project in several bureaus' styles; every expected figure is checked by
hand against the sentence beside it."""

from __future__ import annotations

import pytest

import zhibiao as zb

SUMMARY = "某县2024年科技工作总结\n"


def _rows(text: str, *columns: str) -> list[tuple]:
    facts = zb.extract(text)
    return [tuple(getattr(r, c) for c in columns) for r in facts.itertuples()]


# ---- levels with 以上 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "levels"),
    [
        # 省级以上 was 省级 and 3 + 8 > 10 made the 8个 suspect
        ("新增科技创新平台10个，其中国家级3个、省级以上8个。", ["国家级", "省级以上"]),
        ("获批科技项目30项，其中市级及以上项目18项、国家级项目2项。", ["市级及以上", "国家级"]),
        ("新认定研发机构12家，其中省级及以上5家，市级9家。", ["省级及以上", "市级"]),
    ],
)
def test_a_level_and_up_is_kept_and_left_out_of_the_level_sum(sentence, levels):
    facts = zb.extract(SUMMARY + sentence)
    assert list(facts["level"])[1:] == levels
    assert not facts["flag_suspect"].any(), facts[["text", "level", "flag_suspect"]]
    assert facts["flag_part"].tolist()[1:] == [True] * len(levels)


def test_single_levels_beside_a_level_and_up_are_still_summed():
    # 国家级6 + 市级7 = 13 > 12: the single levels still add up to more than the total
    facts = zb.extract(SUMMARY + "新认定研发机构12家，其中国家级6家，省级以上9家，市级7家。")
    assert list(facts["flag_suspect"]) == [False, False, False, True]
