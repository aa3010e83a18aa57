"""Round 28 (helper cx28): Compind's geometric and generalised means, per-indicator outlier
treatment (COINr's Treat indiv_specs), normalise() with per-column entries, the goalpost scale,
"did you mean" among a framework's codes, and MCDM refusals naming the unit.

Sources: Compind 3.4 (cran/Compind 6417088) R/ci_geom_gen.R (meth = "EQUAL":
rowProds(x_num ^ (1/n_indic))), R/ci_generalized_mean.R, R/normalise_ci.R (method 1:
z.mean + (x − mean)/sd·z.std, R's sample sd); COINr 1.1.14 (bluefoxr/COINr b968203)
R/treat.R (Treat.data.frame: indiv_specs, `x1 = "none"`), vignettes/treat.Rmd (Flights with
f1_para winmax = 0; Flights and LPI "none"), R/normalise.R (n_goalposts); ASEM stages in
../shared/data/coinr-asem.
"""

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


def _three() -> pd.DataFrame:
    # a = 1, 2, 3 and b = 3, 1, 2: mean 2 and sample sd 1 each, so Compind's
    # normalise_ci(method = 1, z.mean = 100, z.std = 10) gives a = 90, 100, 110 and b = 110, 90, 100.
    return pd.DataFrame({"a": [1.0, 2, 3], "b": [3.0, 1, 2]}, index=["R1", "R2", "R3"])


def _flat(data: pd.DataFrame, **directions: int) -> "C.Framework":
    return C.Framework.flat(list(data.columns), root="idx", directions=directions)


# ---------------------------------------------------------------- 1. Compind's geometric / generalised means


def test_compind_geometric_mean_of_z_scores_shifted_to_100():
    # ci_geom_gen(meth = "EQUAL") on normalise_ci(z.mean = 100, z.std = 10): Π x^(1/2) per unit,
    # by hand √(90·110) = 99.49874…, √(100·90) = 94.86833…, √(110·100) = 104.88088…
    data = _three()
    r = C.build(data, _flat(data), [C.Normalise("zscore", m_sd=(100, 10)), C.Aggregate("geometric")])
    np.testing.assert_allclose(r.layer("normalised")["a"], [90, 100, 110], rtol=1e-15)
    np.testing.assert_allclose(r.layer("normalised")["b"], [110, 90, 100], rtol=1e-15)
    np.testing.assert_allclose(r.scores["idx"], [math.sqrt(9900), math.sqrt(9000), math.sqrt(11000)], rtol=1e-14)


def test_a_zero_under_the_geometric_mean_is_refused_where_compind_gives_zero():
    # Compind's rowProds(x ^ (1/n)) of min-max scores in [0, 1] is 0 for every unit worst on any
    # indicator (R1 on a, R2 on b), whatever its other scores: refused here, naming the child.
    data = _three()
    with pytest.raises(zb.MethodError, match=r"geometric mean needs positive scores, and 'a' has 0 .*\[1, 100\]"):
        C.build(data, _flat(data), [C.Normalise("minmax", range=(0, 1)), C.Aggregate("geometric")])


def test_compind_s_names_suggest_the_methods_with_what_differs():
    with pytest.raises(
        zb.ArgumentError, match=r"did you mean 'geometric'\? 'ci_geom_gen' is its name in Compind; .*EQUAL"
    ):
        C.Aggregate("ci_geom_gen")
    with pytest.raises(zb.ArgumentError, match=r"did you mean 'generalised'\?.*Compind.*na.rm = TRUE"):
        C.Aggregate("ci_generalized_mean")


def test_generalised_mean_is_the_power_mean_of_compind_s_help():
    # Compind's help: M_p = ((1/n) Σ I^p)^(1/p); p = 2 on 90 and 110: √((8100 + 12100)/2) = √10100.
    # (Compind 3.4's code returns 1 with na.rm = TRUE and mean(x^p)/p = 5050 with na.rm = FALSE.)
    data = _three()
    r = C.build(data, _flat(data), [C.Normalise("zscore", m_sd=(100, 10)), C.Aggregate("generalised", power=2)])
    assert r.scores.loc["R1", "idx"] == pytest.approx(math.sqrt(10100), rel=1e-14)


# ---------------------------------------------------------------- 2. per-indicator treatment (COINr indiv_specs)


def _asem_treated(asem, treat: "C.Treat") -> "C.CompositeResult":
    _, meta, raw = asem
    ind = meta[meta.Type == "Indicator"]
    den = {r.iCode: r.Denominator for r in ind.itertuples() if isinstance(r.Denominator, str)}
    steps = [C.Denominate(den), C.Impute("group_mean", group="EurAsia_group"), C.Screen(0.9), treat]
    return C.build(raw, C.Framework.from_pandas(meta), [*steps, C.Normalise("minmax"), C.Aggregate()])


def test_coinr_indiv_specs_winmax_none_and_fallback(asem):
    d = asem[0]
    r = _asem_treated(
        asem,
        C.Treat(
            "coinr",
            winmax=5,
            methods={"Gas": "none"},
            winmaxes={"Flights": 0},
            fallbacks={"Services": "log"},
        ),
    )
    screened, treated = r.layer("screened"), r.layer("treated")
    # vignettes/treat.Rmd: Flights with f1_para winmax = 0 fails (skew 2.24, kurt 6.30) and goes
    # straight to log_CT on the values: log(x − min + 0.01·(max − min)).
    x = screened["Flights"]
    np.testing.assert_allclose(treated["Flights"], np.log(x - x.min() + 0.01 * (x.max() - x.min())), rtol=1e-14)
    # "none": Gas (winsorised 3 points by default) is left as it was.
    pd.testing.assert_series_equal(treated["Gas"], screened["Gas"])
    # Services needs 4 points; with winmax 5 it passes winsorised, as in COINr's treated set.
    want = pd.read_csv(d / "stage_treated.csv", index_col="uCode")
    others = [c for c in treated.columns if c not in ("Flights", "Gas")]
    np.testing.assert_allclose(
        treated[others].to_numpy(), want.loc[treated.index, others].to_numpy(dtype=float), rtol=1e-9, atol=1e-12
    )
    t = r.treatment
    assert t.loc["Flights", "action"] == "log_CT" and t.loc["Flights", "winsorised"] == 0
    assert t.loc["Gas", "action"] == "" and t.loc["Gas", "winsorised"] == 0
    said = r.summary()
    assert "treated their own way: " in said and "'Flights' winmax 0" in said and "'Gas' none" in said


def test_an_indicator_s_own_fallback_is_used_when_winsorising_fails(asem):
    # Services needs 4 points (treat_log.csv): with its own winmax 1 it still fails, and its own
    # fallback "log" (COINr's f2 = "log") is the plain log of the values before winsorising.
    r = _asem_treated(asem, C.Treat("coinr", winmaxes={"Services": 1}, fallbacks={"Services": "log"}))
    x = r.layer("screened")["Services"]
    np.testing.assert_allclose(r.layer("treated")["Services"], np.log(x), rtol=1e-14)
    assert r.treatment.loc["Services", "action"] == "log"


def test_per_indicator_treatment_is_checked_and_kept_in_the_model_file(tmp_path):
    data = _three().assign(c=[5.0, 1, 2])
    with pytest.raises(zb.ArgumentError, match=r"winmaxes.*'a' is unused: 'a' is treated by method 'none'"):
        C.Treat("coinr", methods={"a": "none"}, winmaxes={"a": 2})
    with pytest.raises(zb.ArgumentError, match=r"winmaxes.*whole number"):
        C.Treat("coinr", winmaxes={"a": 1.5})
    with pytest.raises(zb.ArgumentError, match=r"methods.*'a'.*did you mean 'none'"):
        C.Treat("coinr", methods={"a": "nnoe"})
    with pytest.raises(
        zb.UnknownIndicatorError, match=r"'aa' is not an indicator of the framework \(did you mean 'a'\?\)"
    ):
        C.build(data, _flat(data), [C.Treat("coinr", methods={"aa": "none"}), C.Normalise(), C.Aggregate()])
    model = C.Model.from_steps(
        [C.Treat("coinr", methods={"a": "none"}, winmaxes={"b": 0}), C.Normalise(), C.Aggregate()]
    )
    again = C.Model(model.toml)
    assert "winmaxes" in again.toml and "methods" in again.toml
    path = tmp_path / "m.toml"
    path.write_text('name = "m"\n[[step]]\nkind = "treat"\nmethod = "coinr"\nfallbacks = { a = "logg" }\n')
    with pytest.raises(zb.Error, match=r"m.toml:5.*fallbacks.*did you mean 'log'"):
        C.Model.from_toml(path)


def test_coinr_s_treat_keywords_suggest_zhibiao_s():
    # COINr's Treat(indiv_specs = …, global_specs = list(f1_para = list(winmax = …))): the names a
    # COINr user types say where they went (hints only: each stays an error).
    with pytest.raises(
        TypeError, match=r"did you mean 'methods'\? 'indiv_specs' is its name in COINr \(Treat\).*winmaxes"
    ):
        C.Treat("coinr", indiv_specs={"Flights": "none"})
    with pytest.raises(TypeError, match=r"did you mean 'winmax'\? 'f1_para' is its name in COINr"):
        C.Treat("coinr", f1_para={"winmax": 1})
    with pytest.raises(TypeError, match=r"'global_specs' is the name in COINr \(Treat\): .*fallback"):
        C.Treat("coinr", global_specs={})


# ---------------------------------------------------------------- 3. normalise() takes per-column entries


def _ten() -> pd.DataFrame:
    v1 = [0.31, 0.77, 0.05, 0.92, 0.48, 0.13, 0.66, 0.59, 0.24, 0.85]
    v2 = [0.44, 0.02, 0.97, 0.35, 0.71, 0.18, 0.56, 0.89, 0.27, 0.63]
    return pd.DataFrame({"v1": v1, "v2": v2}, index=[f"R{i}" for i in range(10)])


def test_normalise_function_takes_coinr_indiv_specs_as_the_build_does():
    # COINr tests/testthat/test-normalise.R "norm_df": v1 min-max to [1, 10], v2 Borda 0:9.
    data = _ten()
    got = C.normalise(data, "minmax", methods={"v2": "borda"}, ranges={"v1": (1, 10)})
    assert got[:, 0].min() == 1 and got[:, 0].max() == 10 and sorted(got[:, 1]) == list(range(10))
    step = C.Normalise("minmax", methods={"v2": "borda"}, ranges={"v1": (1, 10)})
    built = C.build(data, _flat(data), [step, C.Aggregate()]).layer("normalised")
    np.testing.assert_array_equal(got, built[["v1", "v2"]].to_numpy())
    # An array's columns are named by position.
    np.testing.assert_array_equal(
        C.normalise(data.to_numpy(), "minmax", methods={1: "borda"}, ranges={0: (1, 10)}), got
    )


def test_normalise_function_goalposts_and_refusals():
    # n_goalposts(x, c(0, 10, 1)) = clip(x/10, 0, 1): 1 → 0.1, 11 → 1, -1 → 0 (R/normalise.R).
    x = pd.DataFrame({"g": [1.0, 11, -1], "m": [1.0, 2, 3]})
    got = C.normalise(x, "minmax", methods={"g": "goalposts"}, goalposts={"g": (0, 10)}, goal_scales={"g": 1})
    np.testing.assert_allclose(got[:, 0], [0.1, 1, 0])
    np.testing.assert_allclose(got[:, 1], [0, 50, 100])
    with pytest.raises(
        zb.UnknownIndicatorError, match=r"normalise\(\): methods: 'gg' is not a column of x \(did you mean 'g'\?\)"
    ):
        C.normalise(x, "minmax", methods={"gg": "borda"})
    # the final review: the framework's one rule of suggestion (the code the name is closest to with
    # the longest shared start: 'b' for 'bb'), and the column in the error's variable
    ab = pd.DataFrame({"ab": [1.0, 2, 3], "b": [1.0, 2, 3]})
    with pytest.raises(zb.UnknownIndicatorError, match=r"did you mean 'b'\?") as refused:
        C.normalise(ab, "minmax", ranges={"bb": (0, 1)})
    assert refused.value.variable == "bb"
    with pytest.raises(zb.ArgumentError, match=r"ranges.*'g' is unused: 'g' is normalised by method 'borda'"):
        C.normalise(x, "minmax", methods={"g": "borda"}, ranges={"g": (1, 10)})
    with pytest.raises(zb.ArgumentError, match=r"goal_scale.*read by method = 'goalposts' only"):
        C.normalise(x, "minmax", goal_scale=10)
    # One type per column, as without entries: m was taken for a benefit.
    with pytest.raises(zb.ArgumentError, match=r"normalise: 1 direction for 2 indicators"):
        C.normalise(x, "minmax", types=[1], methods={"g": "borda"})


# ---------------------------------------------------------------- 4. the goalpost scale


@pytest.mark.parametrize("scale", [0.0, -100.0, math.nan, math.inf])
def test_a_goalpost_scale_that_is_no_scale_is_refused(scale, tmp_path):
    # COINr's n_goalposts multiplies by it unchecked: 0 scores every unit 0, -100 turns the
    # indicator round. Both refused, as NaN and inf are, wherever it is given.
    posts = {"a": (0, 10), "b": (0, 10)}
    with pytest.raises(zb.ArgumentError, match=r"Normalise: parameter 'goal_scale' must be a finite positive number"):
        C.Normalise("goalposts", goalposts=posts, goal_scale=scale)
    with pytest.raises(zb.ArgumentError, match=r"goal_scales' of 'a' must be a finite positive number"):
        C.Normalise("goalposts", goalposts=posts, goal_scales={"a": scale})
    with pytest.raises(zb.ArgumentError, match=r"goal_scale.*finite positive"):
        C.normalise(_three(), "goalposts", goalposts=posts, goal_scale=scale)
    text = "nan" if math.isnan(scale) else ("inf" if math.isinf(scale) else repr(scale))
    path = tmp_path / "m.toml"
    path.write_text(
        'name = "m"\n[[step]]\nkind = "normalise"\nmethod = "goalposts"\n'
        f"goalposts = {{ a = [0, 10] }}\ngoal_scale = {text}\n"
    )
    with pytest.raises(zb.Error, match=r"m.toml:6.*goal_scale.*finite positive"):
        C.Model.from_toml(path)


# ---------------------------------------------------------------- 5. "did you mean" among a framework's codes


@pytest.mark.parametrize(
    "wrong, meant",
    [
        # Equally close (3 edits) to 'Sust' and to 'SusEcFin' of another group; 'Sust' is what
        # "Sustain" shortens. Likewise 'Conn' and the indicator 'Forest' for "Conect".
        ("Sustain", "Sust"),
        ("Conect", "Conn"),
        ("Flight", "Flights"),
    ],
)
def test_a_misspelt_code_suggests_the_code_it_shortens_not_another_group_s(asem, wrong, meant):
    _, meta, raw = asem
    fw = C.Framework.from_pandas(meta)
    ind = meta[meta.Type == "Indicator"].iCode.tolist()
    with pytest.raises(
        zb.UnknownIndicatorError, match=rf"'{wrong}' is not a node of the framework \(did you mean '{meant}'\?\)"
    ):
        C.build(raw[ind], fw, [C.Normalise(), C.Weigh("fixed", fixed={wrong: 1.0}), C.Aggregate()])


# ---------------------------------------------------------------- 6. MCDM refusals name the unit


def test_waspas_in_a_build_names_the_region_not_its_row():
    data = _three()
    with pytest.raises(zb.MethodError, match=r"aggregating 'idx': WASPAS: child 'a', region 'R1' is 0") as e:
        C.build(data, _flat(data), [C.Normalise("minmax"), C.Aggregate("waspas")])
    assert e.value.entity == "R1" and e.value.variable == "a"


def test_mcdm_functions_name_a_data_frame_s_rows_and_columns():
    x = pd.DataFrame({"a": [1.0, 2, 3], "b": [0.0, 5, 6]}, index=["R1", "R2", "R3"])
    with pytest.raises(zb.MethodError, match=r"WASPAS: criterion 'b', unit 'R1' is 0") as e:
        C.waspas(x, [0.5, 0.5])
    assert e.value.entity == "R1" and e.value.variable == "b"
    # An array has no labels: positions, as before.
    with pytest.raises(zb.MethodError, match=r"WASPAS: criterion 1, unit 0 is 0"):
        C.waspas(x.to_numpy(), [0.5, 0.5])
    with pytest.raises(zb.MethodError, match=r"VIKOR: criterion 'c' is constant"):
        C.vikor(x.assign(c=1.0), [1, 1, 1])


# ---------------------------------------------------------------- review 28c (helper cx28b)


def _unchanged(data: pd.DataFrame) -> "C.Normalise":
    # goalposts (0, 1) with scale 1 and no truncation hand the values on as they are
    return C.Normalise("goalposts", goalposts={c: (0.0, 1.0) for c in data.columns}, goal_scale=1, truncate=False)


@pytest.mark.parametrize("p", [1e-16, np.arange(-1, 1.01, 0.1)[10], 1e-14, 1e-12, 1e-10, 1e-8, -1e-8])
def test_a_generalised_mean_of_power_near_0_is_the_geometric_mean(p):
    # Review 28c: ref·pow(Σw(x/ref)^p/Σw, 1/p) gave [3, 2, 3, 60] at p = 1e-16 and was 7e-9 off
    # at 1e-8. M_p = G·exp(p/2·Var(log x) + O(p²)) (G the geometric mean), so within
    # |p|·log(max/min)²/8 of G; np.arange's p = −2.2e-16 must give √(a·b) too.
    data = pd.DataFrame({"a": [1.0, 2, 3, 50], "b": [3.0, 1, 2, 60]}, index=["R1", "R2", "R3", "R4"])
    steps = [_unchanged(data), C.Aggregate("generalised", power=float(p))]
    got = C.build(data, _flat(data), steps).scores["idx"].to_numpy()
    want = np.sqrt(data["a"] * data["b"]).to_numpy()
    spread = np.log(np.maximum(data["a"], data["b"]) / np.minimum(data["a"], data["b"])).to_numpy()
    np.testing.assert_allclose(got, want, rtol=abs(p) * spread.max() ** 2 / 8 + 4e-16, atol=0)


@pytest.mark.parametrize(
    "p, want",
    [
        # ((1 + 4^p)/2)^(1/p) by mpmath at 40 digits; by the series 2·exp(p·(ln 4 / 2)²/2):
        # 2.0000000048045301 at p = 1e-8, 2.00048 at 1e-3.
        (1e-8, 2.000000004804530144952891677),
        (1e-3, 2.000480510688832429123845121),
        (-1e-3, 1.999519604728698933),  # 1·4 / 2.000480510688832… (M_−p(a, b) = a·b / M_p(a, b))
    ],
)
def test_generalised_mean_near_0_hand_checked(p, want):
    data = pd.DataFrame({"a": [1.0], "b": [4.0]}, index=["R1"])
    r = C.build(data, _flat(data), [_unchanged(data), C.Aggregate("generalised", power=p)])
    assert r.scores.loc["R1", "idx"] == pytest.approx(want, rel=4e-15)


def test_normalise_checks_range_and_m_sd_against_each_column_s_method():
    # Review 28c: "rank" overall with methods={"a": "minmax"} reads range for 'a' (the Normalise
    # step accepts it); normalise() refused it against the overall method.
    x = pd.DataFrame({"a": [1.0, 2, 3, 5], "b": [4.0, 1, 2, 3]})
    got = C.normalise(x, "rank", range=(0, 1), methods={"a": "minmax"})
    np.testing.assert_allclose(got[:, 0], [0, 0.25, 0.5, 1], rtol=1e-15)
    np.testing.assert_array_equal(got[:, 1], [4, 1, 2, 3])
    got = C.normalise(x, "rank", m_sd=(10, 2), methods={"a": "zscore"})
    # a: mean 2.75, sample sd √(8.75/3) = 1.7078…; 10 + 2·(1 − 2.75)/1.7078 = 7.95059…
    assert got[0, 0] == pytest.approx(10 + 2 * (1 - 2.75) / math.sqrt(8.75 / 3), rel=1e-14)
    with pytest.raises(zb.ArgumentError, match="range"):
        C.normalise(x, "rank", range=(0, 1), methods={"a": "zscore"})


@pytest.mark.parametrize(
    "codes, wrong, meant",
    [
        # full-width ＡＢＣ is read as abc: 'zbc' and 'abd' both 1 edit, 'abd' shares "ab"
        (["zbc", "abd"], "ＡＢＣ", "abd"),
        # É is not lowered (ASCII only): both 2 edits as written and compared; framework order
        (["Zbcé", "ébcz"], "ÉBCY", "Zbcé"),
    ],
)
def test_python_and_cpp_suggest_the_same_code(codes, wrong, meant):
    with pytest.raises(zb.UnknownIndicatorError, match=rf"did you mean '{meant}'") as py_side:
        C.Framework.flat(codes, directions={wrong: 1})
    data = pd.DataFrame({c: [1.0, 2, 3] for c in codes})
    with pytest.raises(zb.UnknownIndicatorError, match=rf"did you mean '{meant}'"):
        C.build(data, C.Framework.flat(codes), [C.Normalise("goalposts", goalposts={wrong: (0, 1)})])
    assert "did you mean" in str(py_side.value)


@pytest.mark.parametrize("wrong, meant", [("Soc", "Social"), ("Pol", "Political")])
def test_the_only_code_a_name_begins_is_suggested(asem, wrong, meant):
    # Review 28c: "Soc" got 'CO2' (2 edits) though 'Social' is the only code starting with Soc.
    _, meta, raw = asem
    ind = meta[meta.Type == "Indicator"].iCode.tolist()
    with pytest.raises(zb.UnknownIndicatorError, match=rf"did you mean '{meant}'\?"):
        C.build(raw[ind], C.Framework.from_pandas(meta), [C.Weigh("fixed", fixed={wrong: 1.0}), C.Aggregate()])


def test_an_aggregate_where_an_indicator_is_wanted_is_called_one(asem):
    _, meta, raw = asem
    ind = meta[meta.Type == "Indicator"].iCode.tolist()
    with pytest.raises(zb.UnknownIndicatorError, match=r"'Conn' is an aggregate \(a node with children\)") as e:
        C.build(raw[ind], C.Framework.from_pandas(meta), [C.Treat("coinr", methods={"Conn": "none"})])
    assert "did you mean" not in str(e.value)


@pytest.mark.parametrize(
    "make",
    [
        lambda: C.Treat("coinr", winmaxes={"a": True}),
        lambda: C.Normalise("goalposts", goalposts={"a": (0, 1)}, goal_scale=True),
        lambda: C.Normalise("goalposts", goalposts={"a": (0, 1)}, goal_scales={"a": True}),
        lambda: C.Normalise("goalposts", goalposts={"a": (0, 1)}, goal_scales={"a": np.bool_(True)}),
        lambda: C.Treat("coinr", winmax=True),
    ],
)
def test_booleans_are_no_numbers(make):
    # Review 28c: winmaxes={"Flights": True} winsorised 1 point; goal_scale=True scaled by 1.
    data = _three()
    with pytest.raises(zb.ArgumentError, match=r"must be a .*not .*(True|np.True_)"):
        C.build(data, _flat(data), [make(), C.Aggregate()])


def test_booleans_are_no_numbers_in_normalise():
    with pytest.raises(zb.ArgumentError, match="not True"):
        C.normalise(_three(), "goalposts", goalposts={"a": (0, 1), "b": (0, 1)}, goal_scale=True)


def test_uncertainty_varies_the_winmax_of_an_indicator_treated_by_the_coinr_rule(asem, asem_steps):
    # Review 28c: Treat("none", methods={"Flights": "coinr"}) with winmax varied was refused. The
    # step's winmax is Flights' (it has none of its own): 0 sends it to log_CT, 5 winsorises.
    _, meta, raw = asem
    fw = C.Framework.from_pandas(meta)
    head = asem_steps[:3]

    def steps(**treat: Any) -> list:
        return [*head, C.Treat("none", methods={"Flights": "coinr"}, **treat), C.Normalise("minmax"), C.Aggregate()]

    u = C.uncertainty(raw, fw, steps(), n=12, winmax=(0, 5), keep=True, seed=3)
    winmaxes = u.parameters["winmax"]
    assert {0, 5} <= set(winmaxes)
    for k in (int((winmaxes == 0).idxmax()), int((winmaxes == 5).idxmax())):
        want = C.build(raw, fw, steps(winmax=int(winmaxes[k]))).scores
        pd.testing.assert_frame_equal(u.replication(k).scores, want, check_exact=True)
    with pytest.raises(ValueError, match="no treat step .* coinr rule"):
        C.uncertainty(raw, fw, steps(winmaxes={"Flights": 2}), n=4, winmax=(0, 5))


def test_normalise_weights_and_outranking_name_a_data_frame_s_labels():
    x = pd.DataFrame({"a": [1.0, 2, 3], "b": [-1.0, -2, -3]}, index=["R1", "R2", "R3"])
    with pytest.raises(zb.MethodError, match=r"cannot normalise indicator 'b' by its maximum") as e:
        C.normalise(x, "frac_of_max")
    assert e.value.variable == "b"
    with pytest.raises(zb.MethodError, match=r"column 'b'"):
        C.weights(x, "entropy")
    with pytest.raises(zb.Error, match=r"unit 'R2'.*criterion 'a'|criterion 'a'.*unit 'R2'"):
        C.outranking(x.assign(a=[1.0, math.nan, 3]), [0.5, 0.5])


def test_a_repeated_or_missing_unit_label_says_its_row():
    x = pd.DataFrame({"a": [1.0, 2, 3], "b": [5.0, 0, 6]}, index=["R1", "R1", "R3"])
    with pytest.raises(zb.MethodError, match=r"unit 'R1' \(row 1, counting from 0\)"):
        C.waspas(x, [0.5, 0.5])
    with pytest.raises(zb.MethodError, match=r"unit 'nan' \(row 1, counting from 0\)"):
        C.waspas(x.set_axis(["R1", math.nan, "R3"]), [0.5, 0.5])


def test_treat_and_power_mean_refusals_name_the_region():
    data = pd.DataFrame({"a": [1.0, 2, 3, 4, 0, 400], "b": [1.0, 2, 3, 4, 5, 6]}, index=list("PQRSTU"))
    with pytest.raises(zb.MethodError, match=r"indicator 'a' has 0 for region 'T'") as e:
        C.build(data, _flat(data), [C.Treat("coinr", winmax=0, fallbacks={"a": "log"}), C.Normalise(), C.Aggregate()])
    assert e.value.entity == "T" and e.value.variable == "a"
    with pytest.raises(zb.MethodError, match=r"aggregating 'idx' for region 'P': a geometric mean") as e:
        C.build(data, _flat(data), [C.Normalise("minmax"), C.Aggregate("geometric")])
    assert e.value.entity == "P"
