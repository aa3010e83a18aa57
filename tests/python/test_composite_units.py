"""Units in the layers of a composite result: "raw" (and "imputed" when nothing was divided by a
denominator) in the input's units, attrs["units"] as the rest of the library; the normalised and
aggregated layers are unitless scores and carry none."""

import io

import numpy as np
import pandas as pd

import zhibiao as zb

C = zb.composite


def frame():
    df = pd.DataFrame(
        {"patents": [5.0, np.nan, 9.0, 2.0], "rd": [1.2, 2.5, 3.1, 0.4], "pop": [10.0, 20.0, 30.0, 40.0]},
        index=pd.Index(["a", "b", "c", "d"], name="region"),
    )
    df.attrs["units"] = {"patents": "件/万人", "rd": "%", "pop": "万人"}
    return df


def test_raw_and_imputed_layers_carry_the_input_units():
    r = C.build(frame(), C.Framework.flat(["patents", "rd"]), [C.Impute("mean"), C.Normalise(), C.Aggregate()])
    assert r.layer("raw").attrs["units"] == {"patents": "件/万人", "rd": "%"}  # pop is no indicator
    imputed = r.layer("imputed")
    assert imputed.loc["b", "patents"] == 16.0 / 3 and imputed.attrs["units"] == {"patents": "件/万人", "rd": "%"}
    assert "units" not in r.layer("normalised").attrs and "units" not in r.layer("aggregated").attrs


def test_after_a_denominator_the_imputed_layer_claims_no_units():
    steps = [C.Denominate({"patents": "pop"}), C.Impute("mean"), C.Normalise(), C.Aggregate()]
    r = C.build(frame(), C.Framework.flat(["patents", "rd"]), steps)
    assert r.layer("raw").attrs["units"] == {"patents": "件/万人", "rd": "%"}
    assert "units" not in r.layer("denominated").attrs and "units" not in r.layer("imputed").attrs


def test_without_units_the_layers_say_none_and_a_panel_gives_its_own():
    plain = frame()
    plain.attrs = {}
    assert C.build(plain, C.Framework.flat(["patents", "rd"])).layer("raw").attrs["units"] == {}
    panel = zb.read_csv(io.StringIO("entity,period,patents[件],rd[%]\nx,2024,3,1.5\ny,2024,4,2.5\n"))
    r = C.build(panel, C.Framework.flat(["patents", "rd"]))
    raw = r.layer("raw")
    assert raw.attrs["units"] == {"patents": "件", "rd": "%"} and raw.loc["y", "patents"] == 4.0
