"""Round 12: every entry a step keys by an indicator or node code (denominators, scale factors,
goalposts, standard values, fixed weights, AHP groups) and every direction of Framework.flat is
checked against the framework, from Python, from a model file (file and line) and from the CLI.
Before, an entry for a misspelt code was silently unused: the index came out as if it were not
there (goalposts for 'rd_intesity' with method "minmax", a scale for 'aa', a direction for 'bb')."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

C = zb.composite


def _data() -> pd.DataFrame:
    return pd.DataFrame(
        {"a": [1.0, 2, 3, 4], "b": [4.0, 3, 2, 1], "c": [1.0, 5, 2, 8], "pop": [10.0, 10, 30, 20]},
        index=list("wxyz"),
    )


FW = C.Framework.flat(["a", "b", "c"])


@pytest.mark.parametrize(
    "steps, pattern",
    [
        ([C.Denominate(by={"aa": "pop"})], r"Denominate: by: 'aa' is not an indicator.*did you mean 'a'"),
        ([C.Denominate(by={"a": "pop"}, scale={"aa": 10})], r"Denominate: scale: 'aa'.*did you mean 'a'"),
        # (with another method, goalposts and standard values are refused as unused: test_composite_unused_options.py)
        ([C.Normalise("goalposts", goalposts={"cc": (0, 1)})], r"Normalise: goalposts: 'cc'.*did you mean 'c'"),
        ([C.Normalise("standard", standard={"bb": 1})], r"Normalise: standard: 'bb'.*did you mean 'b'"),
        ([C.Normalise(), C.Weigh("fixed", fixed={"aa": 2})], r"Weigh: fixed: 'aa' is not a node.*did you mean 'a'"),
        (
            [C.Normalise(), C.Weigh("ahp", pairwise={"Index": np.ones((3, 3)), "Indx": [[1]]})],
            r"Weigh: pairwise: 'Indx' is not a group.*did you mean 'Index'",
        ),
    ],
)
def test_an_entry_for_a_name_the_framework_lacks_is_refused_with_the_closest(steps, pattern):
    with pytest.raises(zb.UnknownIndicatorError, match=pattern):
        C.build(_data(), FW, [*steps, C.Aggregate()] if not isinstance(steps[-1], C.Aggregate) else steps)
    with pytest.raises(zb.UnknownIndicatorError, match=pattern):
        C.Model.from_steps(steps, FW)


def test_a_scale_factor_for_an_indicator_without_a_denominator_is_refused():
    # Before: scale={"b": 10} with by={"a": "pop"} left b as it was, without a word.
    with pytest.raises(zb.ArgumentError, match=r"scale: 'b' has no denominator in 'by'"):
        C.build(_data(), FW, [C.Denominate(by={"a": "pop"}, scale={"b": 10}), C.Normalise(), C.Aggregate()])
    # With its denominator it is used: a/pop × 10 for w = 1/10 × 10 = 1, z = 4/20 × 10 = 2.
    r = C.build(_data(), FW, [C.Denominate(by={"a": "pop"}, scale={"a": 10}), C.Normalise(), C.Aggregate()])
    assert r.layer("denominated")["a"].tolist() == pytest.approx([1.0, 2.0, 1.0, 2.0])


def test_a_model_without_nodes_is_checked_against_the_framework_it_is_built_with():
    model = C.Model.from_steps(
        [C.Normalise("goalposts", goalposts={"a": (0, 5), "b": (0, 5), "c": (0, 9), "cc": (0, 1)}), C.Aggregate()],
        name="mine",
    )
    with pytest.raises(zb.UnknownIndicatorError, match=r"model 'mine', step 1 \(normalise\): goalposts: 'cc'"):
        C.build(_data(), FW, model)
    # The same model on a framework that has 'cc' builds: a = 1 with posts (0, 5) scores 20.
    data = _data().assign(cc=[0.5, 0.5, 0.5, 0.5])
    r = C.build(data, C.Framework.flat(["a", "b", "c", "cc"]), model)
    assert r.layer("normalised").loc["w", "a"] == pytest.approx(20)


def test_a_model_file_names_the_line_of_the_unknown_entry(tmp_path):
    nodes = "".join(f'[[node]]\ncode = "{c}"\nparent = "idx"\n' for c in "abc")
    path = tmp_path / "m.toml"
    path.write_text(
        'name = "m"\n[[node]]\ncode = "idx"\nlevel = 2\n'  # lines 1-4
        + nodes  # lines 5-13
        + '[[step]]\nkind = "normalise"\nmethod = "goalposts"\n'  # lines 14-16
        + "[step.goalposts]\na = [0, 5]\nb = [0, 5]\nc = [0, 9]\ncc = [0, 1]\n"  # 'cc' on line 21
        + '[[step]]\nkind = "aggregate"\n'
    )
    with pytest.raises(zb.ParseError, match=r"m\.toml:21: .*goalposts: key 'cc' is not an indicator.*'c'"):
        C.Model.from_toml(path)
    inline = tmp_path / "inline.toml"
    inline.write_text(
        'name = "m"\n[[node]]\ncode = "idx"\nlevel = 2\n' + nodes + '[[step]]\nkind = "weigh"\nmethod = "fixed"\n'
        "fixed = { ab = 2 }\n"  # line 17
    )
    with pytest.raises(zb.ParseError, match=r"inline\.toml:17: .*fixed: key 'ab' is not a node.*did you mean"):
        C.Model.from_toml(inline)


def test_a_preset_s_own_node_values_still_serve_a_framework_of_some_of_its_indicators():
    # most-monitoring keys its standard values by its 17 indicators (node attributes, checked
    # against its own nodes when the preset is read); a framework of five of them still builds.
    preset = C.Model.preset("most-monitoring")
    five = preset.framework.indicators[:5]
    data = pd.DataFrame(np.full((3, 5), 50.0), columns=five, index=list("xyz"))
    assert C.build(data, C.Framework.flat(five, root="idx"), preset).scores["idx"].notna().all()


def test_flat_framework_directions_for_an_unknown_indicator_are_refused():
    with pytest.raises(zb.UnknownIndicatorError, match=r"directions: 'bb' is not one of the indicators.*'b'"):
        C.Framework.flat(["a", "b"], directions={"bb": -1})
    assert C.Framework.flat(["a", "b"], directions={"b": -1}).to_pandas()["direction"].tolist() == [1, 1, -1]


def test_the_cli_refuses_a_model_file_entry_the_data_lack(tmp_path):
    _data().to_csv(tmp_path / "d.csv", index_label="region")
    model = tmp_path / "m.toml"
    model.write_text(
        'name = "m"\n[[step]]\nkind = "normalise"\nmethod = "goalposts"\ngoalposts = { aa = [0, 1] }\n'
        '[[step]]\nkind = "aggregate"\n'
    )
    run = subprocess.run(
        [sys.executable, "-m", "zhibiao", "composite", str(tmp_path / "d.csv"), "--model", str(model)],
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    assert "goalposts: 'aa' is not an indicator of the framework (did you mean 'a'?)" in run.stderr


def test_a_node_denominator_in_a_model_without_a_denominate_step_is_refused(tmp_path):
    # Before: the build ran on a's raw values, as if the node said nothing.
    path = tmp_path / "n.toml"
    head = 'name = "n"\n[[node]]\ncode = "idx"\nlevel = 2\n[[node]]\ncode = "a"\nparent = "idx"\ndenominator = "pop"\n'
    path.write_text(head + '[[step]]\nkind = "normalise"\n')
    with pytest.raises(zb.ParseError, match=r"n\.toml:8: node 'a': key 'denominator' is unused: .*no denominate step"):
        C.Model.from_toml(path)
    # With the step it is used (w: 1/10, z: 4/20).
    path.write_text(head + '[[step]]\nkind = "denominate"\n[[step]]\nkind = "normalise"\n')
    r = C.build(_data(), None, C.Model.from_toml(path))
    assert r.layer("denominated")["a"].tolist() == pytest.approx([0.1, 0.2, 0.1, 0.2])
    # A file of nodes alone is a framework, which keeps no denominator, scale, standard or
    # goalposts: they were dropped, and Normalise("standard") then said "no standard value for
    # 'a'" although the file gave one. Refused at the node; without them the file is a framework.
    for key, value in (("denominator", '"pop"'), ("standard", "50"), ("goalposts", "[0, 100]"), ("scale", "2")):
        path.write_text(head.replace('denominator = "pop"', f"{key} = {value}"))
        with pytest.raises(zb.ParseError, match=rf"node 'a': key '{key}' is unused: a file of nodes alone"):
            C.Framework.from_toml(str(path))
    path.write_text(head.replace('denominator = "pop"\n', ""))
    assert C.Framework.from_toml(str(path)).indicators == ["a"]


def test_a_misspelt_layer_or_group_column_gets_the_closest_name():
    r = C.build(_data(), FW, [C.Normalise(), C.Aggregate()])
    with pytest.raises(zb.UnknownNameError, match=r"no layer 'normalized' \(did you mean 'normalised'\?\)"):
        r.layer("normalized")
    data = _data().assign(prefecture=["p", "p", "q", "q"])
    with pytest.raises(zb.MissingVariableError, match=r"group column 'prefecture_' \(did you mean 'prefecture'\?\)"):
        C.build(data, FW, [C.Impute("group_mean", group="prefecture_"), C.Normalise(), C.Aggregate()])
    with pytest.raises(zb.MissingVariableError, match=r"denominator column 'popp' \(did you mean 'pop'\?\)"):
        C.build(_data(), FW, [C.Denominate(by={"a": "popp"}), C.Normalise(), C.Aggregate()])
    with pytest.raises(zb.Error, match=r"not 'imputd' \(did you mean 'imputed'\?\)"):
        r.marks("imputd")


def test_a_framework_table_with_a_misspelt_column_suggests_it():
    meta = pd.DataFrame({"code": ["i", "a"], "parent": [None, "i"], "weight": 1.0, "directon": 1, "level": [2, 1]})
    with pytest.raises(zb.MissingVariableError, match=r"lacks columns: direction \(did you mean 'directon' for"):
        C.Framework.from_pandas(meta)
