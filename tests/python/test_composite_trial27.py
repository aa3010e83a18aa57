"""Trial 27: a new user builds an index from a TOML model on real data — 31 provinces in 2023,
../shared/data/china-provincial-sti/panel.csv (PROVENANCE.md: NBS bulletins and S&T yearbook via
huhuaping/techme; population and GDP via PyPSA-China-PIK) — and makes the usual mistakes. Each
is refused naming the file and the line (or said in the summary), never built silently."""

import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite

MODEL = """name = "provincial-sti-2023"
[[node]]
code = "sti"
level = 3
[[node]]
code = "input"
parent = "sti"
level = 2
[[node]]
code = "output"
parent = "sti"
level = 2
[[node]]
code = "rd_intensity_pct_published"
parent = "input"
[[node]]
code = "rd_basic_research_10k_yuan"
parent = "input"
denominator = "rd_internal_exp_10k_yuan"
scale = 100
[[node]]
code = "valid_invention_patents"
parent = "output"
denominator = "population_10k_yearend"
[[node]]
code = "tech_contracts_outflow_10k_yuan"
parent = "output"
denominator = "gdp_100m_yuan"
[[step]]
kind = "denominate"
[[step]]
kind = "normalise"
method = "minmax"
range = [1, 100]
methods = { rd_intensity_pct_published = "goalposts" }
goalposts = { rd_intensity_pct_published = [0, 5] }
goal_scales = { rd_intensity_pct_published = 100 }
[[step]]
kind = "aggregate"
method = "arithmetic"
levels = [2]
[[step]]
kind = "aggregate"
method = "waspas"
levels = [3]
"""


@pytest.fixture(scope="module")
def provinces(shared):
    p = pd.read_csv(shared / "data" / "china-provincial-sti" / "panel.csv", dtype={"adcode": str})
    year = p[(p.year == 2023) & (p.adcode != "100000")].set_index("adcode")
    return year.drop(columns=["province_zh", "province_en", "year"])


def _build(tmp_path, text, data):
    path = tmp_path / "sti.toml"
    path.write_text(text)
    return C.build(data, None, C.Model.from_toml(path))


def _line(text, needle):
    return text[: text.index(needle)].count("\n") + 1


def test_the_model_builds_with_per_indicator_goalposts_and_waspas_on_top(tmp_path, provinces):
    r = _build(tmp_path, MODEL, provinces)
    assert len(r.scores) == 31 and r.scores["sti"].notna().all()
    # Beijing's published 2023 R&D intensity is 6.73 % (NBS bulletin): above the upper post 5, so
    # its goalpost score is clipped to the scale, 100.
    assert provinces.loc["110000", "rd_intensity_pct_published"] > 5
    assert r.layer("normalised").loc["110000", "rd_intensity_pct_published"] == 100
    assert r.ranks.loc["110000", "sti"] == 1
    assert "'rd_intensity_pct_published': goalposts scaled to 100" in r.summary()
    assert "waspas (λ = 0.5" in r.summary()


@pytest.mark.parametrize(
    "wrong, right, match",
    [
        ("methods = {", "method_s = {", r"key 'method_s' is not a parameter.*did you mean 'methods'"),
        ('method = "waspas"', 'method = "wapsas"', r"'wapsas' is not one of.*did you mean 'waspas'"),
        ('= "goalposts" }', '= "goalpost" }', r"'goalpost' is not one of.*did you mean 'goalposts'"),
        ("methods =", "indiv_specs =", r"'indiv_specs'.*did you mean 'methods'\? .*COINr"),
        ('method = "waspas"', 'method = "waspas"\nalpha = 0.5', r"'alpha' is read by method = 'mean_min' only"),
        ("[0, 5]", "[5, 5]", r"goalposts.*low < high"),
    ],
)
def test_a_mistake_in_a_step_names_the_line(tmp_path, provinces, wrong, right, match):
    text = MODEL.replace(wrong, right, 1)
    line = _line(text, right.split("\n")[-1])
    with pytest.raises(zb.ParseError, match=rf"sti\.toml:{line}: .*" + match):
        _build(tmp_path, text, provinces)


def test_a_misspelt_indicator_in_methods_is_pointed_at(tmp_path, provinces):
    # The goal_scales entry is the first found unused, since methods no longer names its
    # indicator: the message says which methods entry is the likely misspelling.
    text = MODEL.replace("methods = { rd_intensity_pct_published", "methods = { rd_intensity_pct_publishd")
    with pytest.raises(zb.ParseError, match=r"is methods' 'rd_intensity_pct_publishd' a misspelling of it\?"):
        _build(tmp_path, text, provinces)


def test_data_without_a_variable_the_model_needs(tmp_path, provinces):
    with pytest.raises(zb.MissingVariableError, match=r"denominator column 'gdp_100m_yuan'"):
        _build(tmp_path, MODEL, provinces.drop(columns=["gdp_100m_yuan"]))
    with pytest.raises(zb.MissingVariableError, match=r"did you mean 'rd_intensity_pct_yearbook'"):
        _build(tmp_path, MODEL, provinces.drop(columns=["rd_intensity_pct_published"]))


def test_a_negative_weight_and_an_empty_group_name_their_node_s_line(tmp_path, provinces):
    node = 'code = "output"\nparent = "sti"\nlevel = 2'
    text = MODEL.replace(node, node + "\nweight = -1")
    at = _line(text, 'code = "output"') - 1  # its [[node]] header
    with pytest.raises(zb.ParseError, match=rf"sti\.toml:{at}: .*'output' has a negative"):
        _build(tmp_path, text, provinces)
    text = MODEL + '[[node]]\ncode = "env"\nparent = "sti"\nlevel = 2\n'
    at = _line(text, 'code = "env"') - 1
    with pytest.raises(zb.ParseError, match=rf"sti\.toml:{at}: .*'env' has no children"):
        _build(tmp_path, text, provinces)


def test_a_weight_of_zero_is_said_in_the_summary(tmp_path, provinces):
    # COINr's way to leave a node out of its group's score is a weight of 0; it is kept, and said.
    node = 'code = "output"\nparent = "sti"\nlevel = 2'
    r = _build(tmp_path, MODEL.replace(node, node + "\nweight = 0"), provinces)
    assert (
        "Framework weight 0, so left out of their group's score where the framework's weights are used: 'output'"
        in r.summary()
    )
    both = MODEL.replace(node, node + "\nweight = 0").replace(
        'code = "input"\nparent = "sti"\nlevel = 2', 'code = "input"\nparent = "sti"\nlevel = 2\nweight = 0'
    )
    with pytest.raises(zb.ParseError, match=r"children of 'sti' sum to zero"):
        _build(tmp_path, both, provinces)
