"""Round 27: each indicator its own normalisation, as COINr's ``Normalise(indiv_specs = …)`` and its
iMeta columns (minmax_lower/upper, zscore_mean/sd, goalpost_lower/upper/scale, trunc2posts).

Figures are COINr's own test expectations (bluefoxr/COINr b968203, tests/testthat/test-normalise.R:
"norm_df", "n_funcs", "iMeta_norm_paras") and the examples of R/normalise.R's n_goalposts, worked
by hand below: n_goalposts(x, c(l, u, a)) = clip((x − l)/(u − l), 0, 1)·a, and for direction −1
(x − u)/(l − u).
"""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


def _normalised(data: pd.DataFrame, step: "C.Normalise", directions: dict[str, int] | None = None) -> pd.DataFrame:
    fw = C.Framework.flat(list(data.columns), root="idx", directions=directions or {})
    return C.build(data, fw, [step, C.Aggregate("arithmetic")]).layer("normalised")


def _ten() -> pd.DataFrame:
    # Ten distinct values per column (COINr's test draws runif(10); any distinct values serve).
    v1 = [0.31, 0.77, 0.05, 0.92, 0.48, 0.13, 0.66, 0.59, 0.24, 0.85]
    v2 = [0.44, 0.02, 0.97, 0.35, 0.71, 0.18, 0.56, 0.89, 0.27, 0.63]
    return pd.DataFrame({"v1": v1, "v2": v2}, index=[f"R{i}" for i in range(10)])


def test_coinr_norm_df_individual_specs():
    # test-normalise.R "norm_df": indiv_specs = list(v1 = n_minmax l_u c(1, 10), v2 = n_borda):
    # min(v1) = 1, max(v1) = 10, v2 the set 0:9.
    n = _normalised(_ten(), C.Normalise("minmax", methods={"v2": "borda"}, ranges={"v1": (1, 10)}))
    assert n["v1"].min() == 1 and n["v1"].max() == 10
    assert sorted(n["v2"]) == list(range(10))
    # v2 = 0.97 is the largest: Borda 9; 0.02 the least: 0.
    assert n.loc["R2", "v2"] == 9 and n.loc["R1", "v2"] == 0


def test_an_indicator_without_its_own_entry_takes_the_step_s_method():
    n = _normalised(_ten(), C.Normalise("minmax", methods={"v2": "borda"}))
    assert n["v1"].min() == 0 and n["v1"].max() == 100  # COINr's default l_u = c(0, 100)
    whole = _normalised(_ten(), C.Normalise("minmax"))
    pd.testing.assert_series_equal(n["v1"], whole["v1"])


@pytest.mark.parametrize(
    "direction, expected",
    [
        # n_goalposts(1, c(0, 10, 1)) = 0.1; 11 → 1 (above the upper post); -1 → 0 (below the lower).
        (1, [0.1, 1.0, 0.0]),
        # direction = -1: 0.9, 0, 1 (test-normalise.R "n_funcs", the three last expectations).
        (-1, [0.9, 0.0, 1.0]),
    ],
)
def test_coinr_goalpost_cases_with_a_scale_of_their_own(direction, expected):
    data = pd.DataFrame({"g": [1.0, 11, -1], "m": [1.0, 2, 3]}, index=list("abc"))
    step = C.Normalise("minmax", methods={"g": "goalposts"}, goalposts={"g": (0, 10)}, goal_scales={"g": 1})
    n = _normalised(data, step, {"g": direction})
    np.testing.assert_allclose(n["g"], expected, rtol=0, atol=1e-15)
    np.testing.assert_allclose(n["m"], [0, 50, 100])


def test_coinr_goalposts_with_scale_ten():
    # test-normalise.R "n_funcs": n_goalposts(x, c(0.2, 0.8, 10)) = clip((x − 0.2)/0.6, 0, 1)·10.
    x = np.array([0.1, 0.2, 0.35, 0.5, 0.8, 0.95])
    data = pd.DataFrame({"g": x, "m": np.arange(6.0)}, index=list("abcdef"))
    n = _normalised(
        data, C.Normalise("minmax", methods={"g": "goalposts"}, goalposts={"g": (0.2, 0.8)}, goal_scales={"g": 10})
    )
    np.testing.assert_allclose(n["g"], np.clip((x - 0.2) / 0.6, 0, 1) * 10, rtol=1e-15)
    assert list(n["g"].round(12)) == [0, 0, 2.5, 5, 10, 10]


def test_trunc2posts_false_keeps_scores_beyond_the_posts():
    # n_goalposts(c(11, -1, 5), c(0, 10, 1), trunc2posts = FALSE) = 1.1, -0.1, 0.5.
    data = pd.DataFrame({"g": [11.0, -1, 5]}, index=list("abc"))
    n = _normalised(data, C.Normalise("goalposts", goalposts={"g": (0, 10)}, goal_scale=1, truncate=False))
    np.testing.assert_allclose(n["g"], [1.1, -0.1, 0.5], rtol=1e-15)
    clipped = _normalised(data, C.Normalise("goalposts", goalposts={"g": (0, 10)}, goal_scale=1))
    np.testing.assert_allclose(clipped["g"], [1, 0, 0.5])


def _asem_indicators(asem):
    _, meta, raw = asem
    ind = meta[meta.Type == "Indicator"]
    data = raw[list(ind.iCode)].astype(float)
    directions = {r.iCode: int(r.Direction) for r in ind.itertuples()}
    return data, directions


def test_coinr_imeta_minmax_and_zscore_groups(asem):
    # test-normalise.R "iMeta_norm_paras": LPI and CO2 to [5, 50], every other indicator to [1, 100];
    # z-scores of LPI and CO2 to mean 100, sd 10, the others to 10 and 1.
    data, directions = _asem_indicators(asem)
    two = {"LPI": (5, 50), "CO2": (5, 50)}
    n = _normalised(data, C.Normalise("minmax", range=(1, 100), ranges=two), directions)
    for code in ("LPI", "CO2"):
        assert n[code].min() == pytest.approx(5, abs=1e-12) and n[code].max() == pytest.approx(50, abs=1e-12)
    assert n["Flights"].min() == pytest.approx(1, abs=1e-12) and n["Flights"].max() == pytest.approx(100, abs=1e-12)
    z = _normalised(data, C.Normalise("zscore", m_sd=(10, 1), m_sds={"LPI": (100, 10), "CO2": (100, 10)}), directions)
    for code in ("LPI", "CO2"):
        assert z[code].mean() == pytest.approx(100, abs=1e-9) and z[code].std() == pytest.approx(10, abs=1e-9)
    assert z["Flights"].mean() == pytest.approx(10, abs=1e-9) and z["Flights"].std() == pytest.approx(1, abs=1e-9)


def test_coinr_imeta_goalposts_per_indicator(asem):
    # "iMeta_norm_paras", goalposts: posts 5 % inside each indicator's range, scale 1, Flights
    # scale 10; LPI (direction 1) and Tariff (direction −1) equal n_goalposts on the raw values.
    data, directions = _asem_indicators(asem)
    lo = data.min() + 0.05 * (data.max() - data.min())
    hi = data.max() - 0.05 * (data.max() - data.min())
    posts = {c: (lo[c], hi[c]) for c in data.columns}
    n = _normalised(
        data, C.Normalise("goalposts", goalposts=posts, goal_scale=1, goal_scales={"Flights": 10}), directions
    )
    assert directions["Tariff"] == -1
    np.testing.assert_allclose(n["LPI"], np.clip((data["LPI"] - lo["LPI"]) / (hi["LPI"] - lo["LPI"]), 0, 1), rtol=1e-14)
    tariff = np.clip((data["Tariff"] - hi["Tariff"]) / (lo["Tariff"] - hi["Tariff"]), 0, 1)
    np.testing.assert_allclose(n["Tariff"], tariff, rtol=1e-14)
    assert n["Flights"].max() == 10 and n["LPI"].max() == 1


def test_a_model_file_gives_each_indicator_its_own_normalisation(tmp_path):
    path = tmp_path / "m.toml"
    path.write_text(
        'name = "m"\n[[node]]\ncode = "idx"\nlevel = 2\n'
        '[[node]]\ncode = "v1"\nparent = "idx"\n[[node]]\ncode = "v2"\nparent = "idx"\n'
        '[[step]]\nkind = "normalise"\nmethod = "minmax"\n'
        'methods = { v2 = "borda" }\nranges = { v1 = [1, 10] }\n'
        '[[step]]\nkind = "aggregate"\n'
    )
    r = C.build(_ten(), None, C.Model.from_toml(path))
    n = r.layer("normalised")
    assert n["v1"].min() == 1 and n["v1"].max() == 10 and sorted(n["v2"]) == list(range(10))
    assert "'v2': Borda" in r.summary() and "'v1': min-max to [1, 10]" in r.summary()
    # The model writes itself back as it was read.
    assert 'v2 = "borda"' in r.model_toml


def _refused(step, error, match, data=None):
    """`step` (keywords of a Normalise) refused when it is made or when it is built on `data`."""
    with pytest.raises(error, match=match):
        _normalised(_ten() if data is None else data, C.Normalise(*step[0], **step[1]))


def N(*args, **kwargs):
    return args, kwargs


def test_an_unknown_method_gets_did_you_mean():
    _refused(N("minmax", methods={"v2": "bord"}), zb.ArgumentError, r"methods.*'v2'.*did you mean 'borda'")
    _refused(N("minmax", methods={"v2": "n_borda"}), zb.ArgumentError, r"did you mean 'borda'\? .*COINr")


def test_an_entry_for_an_indicator_the_framework_lacks_gets_did_you_mean():
    _refused(
        N("minmax", methods={"vv2": "borda"}),
        zb.UnknownIndicatorError,
        r"methods: 'vv2' is not an indicator.*did you mean 'v2'",
    )
    _refused(N("minmax", ranges={"v3": (0, 1)}), zb.UnknownIndicatorError, r"ranges: 'v3'")


def test_bad_per_indicator_parameters_are_refused_with_the_indicator():
    _refused(N("minmax", ranges={"v1": (1, 1)}), zb.ArgumentError, r"ranges.*'v1'.*low < high")
    _refused(N("zscore", m_sds={"v1": (0, 0)}), zb.ArgumentError, r"m_sds.*'v1'.*sd > 0")
    _refused(N("minmax", methods={"v1": "goalposts"}, goalposts={"v1": (3, 3)}), zb.ArgumentError, r"goalposts.*'v1'")
    _refused(N("minmax", methods={"v1": "goalposts"}), zb.MissingVariableError, r"goalposts.*'v1'")


def test_a_per_indicator_entry_its_indicator_s_method_does_not_read_is_refused():
    # A range for an indicator normalised by Borda would be silently unused.
    _refused(
        N("minmax", methods={"v1": "borda"}, ranges={"v1": (1, 10)}),
        zb.ArgumentError,
        r"ranges.*'v1' is unused: 'v1' is normalised by method 'borda'",
    )
    _refused(N("minmax", goal_scales={"v1": 2.0}), zb.ArgumentError, r"goal_scales.*goalposts")
    _refused(
        N("minmax", methods={"v1": "goalposts", "v2": "borda"}, goalposts={"v1": (0, 1), "v2": (0, 1)}),
        zb.ArgumentError,
        r"goalposts.*'v2' is unused",
    )
    # An option of a method only an indicator uses is read: ties of v2's Borda ranks.
    n = _normalised(_ten(), C.Normalise("minmax", methods={"v2": "borda"}, ties="average"))
    assert sorted(n["v2"]) == list(range(10))


def test_a_constant_column_under_its_own_min_max_is_refused_by_name():
    data = _ten().assign(v2=5.0)
    _refused(N("borda", methods={"v2": "minmax"}), zb.MethodError, r"v2", data)
    # Under goalposts a constant column has no spread to divide by and scores where it stands.
    n = _normalised(data, C.Normalise("borda", methods={"v2": "goalposts"}, goalposts={"v2": (0, 10)}))
    assert (n["v2"] == 50).all()


def test_missing_values_stay_missing_in_an_indicator_of_its_own():
    data = _ten()
    data.loc["R3", "v1"] = np.nan
    n = _normalised(data, C.Normalise("borda", methods={"v1": "minmax"}, ranges={"v1": (1, 10)}))
    assert np.isnan(n.loc["R3", "v1"]) and n["v1"].min() == 1 and n["v1"].max() == 10


def test_a_node_s_goalposts_serve_an_indicator_whose_own_method_is_goalposts(tmp_path):
    # The node's goalposts reach the data through the step's methods entry; before round 27 the
    # reader refused them ("the model's normalise step has method = 'minmax'").
    path = tmp_path / "m.toml"
    path.write_text(
        'name = "m"\n[[node]]\ncode = "idx"\nlevel = 2\n'
        '[[node]]\ncode = "v1"\nparent = "idx"\ngoalposts = [0, 1]\n[[node]]\ncode = "v2"\nparent = "idx"\n'
        '[[step]]\nkind = "normalise"\nmethod = "minmax"\nmethods = { v1 = "goalposts" }\n'
        'goal_scales = { v1 = 1 }\n[[step]]\nkind = "aggregate"\n'
    )
    n = C.build(_ten(), None, C.Model.from_toml(path)).layer("normalised")
    np.testing.assert_allclose(n["v1"], _ten()["v1"], rtol=1e-15)  # (x − 0)/(1 − 0)·1
    assert n["v2"].min() == 0 and n["v2"].max() == 100


def test_goalposts_or_a_standard_for_an_indicator_of_another_method_are_refused():
    # review27d #1: with goalposts in play for v1, v2's goalposts (or standard value) were silently
    # unused and v2 plain min-max.
    _refused(
        N("minmax", methods={"v1": "goalposts"}, goalposts={"v1": (0, 1), "v2": (0, 1)}),
        zb.ArgumentError,
        r"goalposts.*'v2' is unused: 'v2' is normalised by method 'minmax'",
    )
    _refused(
        N("minmax", methods={"v1": "standard"}, standard={"v1": 0.5, "v2": 0.5}),
        zb.ArgumentError,
        r"standard.*'v2' is unused: 'v2' is normalised by method 'minmax'",
    )


_HEAD = 'name = "m"\n[[node]]\ncode = "idx"\nlevel = 2\n'


def _model(tmp_path, text):
    path = tmp_path / "m.toml"
    path.write_text(text)
    return C.Model.from_toml(path)


def test_a_node_s_goalposts_its_indicator_s_method_does_not_read_are_refused_at_the_node(tmp_path):
    text = (
        _HEAD + '[[node]]\ncode = "v1"\nparent = "idx"\n'
        '[[node]]\ncode = "v2"\nparent = "idx"\ngoalposts = [0, 1]\n'
        '[[step]]\nkind = "normalise"\nmethod = "minmax"\nmethods = { v1 = "goalposts" }\n'
        'goalposts = { v1 = [0, 1] }\n[[step]]\nkind = "aggregate"\n'
    )
    with pytest.raises(zb.ParseError, match=r":11: node 'v2'.*goalposts.*unused.*'v2' method = 'minmax'"):
        _model(tmp_path, text)


def test_goalposts_given_by_the_node_and_by_the_step_are_refused_naming_both(tmp_path):
    # review27d #9: node [0, 1] and step [0, 10] for v1: the step's won silently.
    text = (
        _HEAD + '[[node]]\ncode = "v1"\nparent = "idx"\ngoalposts = [0, 1]\n'
        '[[node]]\ncode = "v2"\nparent = "idx"\n'
        '[[step]]\nkind = "normalise"\nmethod = "minmax"\nmethods = { v1 = "goalposts" }\n'
        'goalposts = { v1 = [0, 10] }\n[[step]]\nkind = "aggregate"\n'
    )
    with pytest.raises(zb.ParseError, match=r"goalposts.*'v1' is given twice: here and in node 'v1' \(line 5\)"):
        _model(tmp_path, text)


def test_a_methods_entry_that_is_no_name_says_methods(tmp_path):
    # review27d #3: it said "must map indicators to denominator column names".
    text = (
        _HEAD + '[[node]]\ncode = "v1"\nparent = "idx"\n[[node]]\ncode = "v2"\nparent = "idx"\n'
        '[[step]]\nkind = "normalise"\nmethod = "minmax"\nmethods = { v1 = 3 }\n'
    )
    with pytest.raises(zb.ParseError, match=r"methods.*must map indicators to method names"):
        _model(tmp_path, text)


def test_the_cost_form_is_read_by_the_indicators_whose_method_reads_it():
    # review27d #2: cost = "complement" for frac_of_max v2 was refused at build for min-max v1.
    # v1 (direction −1) min-max of −x: (max − x)/(max − min)·100, max 0.92, min 0.05;
    # v2 (direction −1) pymcdm's max form: 1 − x/max, max 0.97.
    data = _ten()
    n = _normalised(data, C.Normalise("minmax", cost="complement", methods={"v2": "frac_of_max"}), {"v1": -1, "v2": -1})
    np.testing.assert_allclose(n["v1"], (0.92 - data["v1"]) / (0.92 - 0.05) * 100, rtol=1e-13)
    np.testing.assert_allclose(n["v2"], 1 - data["v2"] / 0.97, rtol=1e-13)
    # No lower-is-better indicator: the same step builds (v1 plain min-max).
    n = _normalised(data, C.Normalise("minmax", cost="complement", methods={"v2": "frac_of_max"}))
    np.testing.assert_allclose(n["v2"], data["v2"] / 0.97, rtol=1e-13)
    # A form no method in play reads is still refused at the step.
    with pytest.raises(zb.ArgumentError, match=r"cost.*other than 'negate'"):
        C.Normalise("minmax", cost="complement", methods={"v2": "borda"})
