"""zh/en: English explanations and labels carry no Chinese units; the language is a parameter."""

import re
import subprocess
import sys

import pandas as pd

from zhibiao import _lang, scorecards

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def test_english_explanations_have_no_chinese_units(sample_dir):
    firms = pd.read_csv(sample_dir / "firms_synthetic.csv", index_col="firm").drop(columns="name")
    for pack in ("tech-sme-2017", "hnte-2016"):
        result = scorecards.evaluate(firms, pack)
        assert not result["explanation_en"].str.contains(CHINESE).any(), pack
        assert result["explanation_zh"].str.contains("万元|人|件|%").any()  # the Chinese ones keep theirs


def test_amounts_in_english_read_in_millions_and_counts_in_words():
    assert _lang.english_units("assets 23996.5万元 above 2亿元") == "assets 239.965 million yuan above 200 million yuan"
    assert _lang.english_units("35人 of 1,200人") == "35 persons of 1,200 persons"
    assert _lang.english_units("3.62% < 5%") == "3.62% < 5%"


def test_the_catalogue_command_speaks_either_language():
    run = lambda *a: subprocess.run(
        [sys.executable, "-m", "zhibiao", "catalogue", *a], capture_output=True, text=True, check=True  # noqa: E731
    ).stdout
    english = run("invention_patents_per_10k", "--lang", "en")
    assert english.splitlines()[0].startswith("name_en:") and "per 10,000" in english
    assert "unit:           items/10k persons" in english
    listing = run("--lang", "en")
    assert "items/10k persons" in listing and "件/万人" not in listing
    chinese = run("invention_patents_per_10k", "--lang", "zh")
    assert chinese.splitlines()[0].startswith("name_zh:") and "每万人口发明专利拥有量" in chinese
