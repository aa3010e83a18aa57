"""Round 23: a quotient's power of ten rounded once, one code with two names refused by every
loading path, the missing variable named by the core, and a blank first name or parent."""

import io
import math
import random
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb


# ---------------------------------------------------------------- a per-capita quotient, rounded once
def per_capita(numerators, denominators, units, unit):
    df = pd.DataFrame(
        {
            "entity": [f"e{k}" for k in range(len(numerators))],
            "period": 2023,
            "a": numerators,
            "b": denominators,
        }
    )
    panel = zb.Panel.from_pandas(df, units={"a": units[0], "b": units[1]})
    return panel.compute([zb.Indicator("q", "a / b", unit=unit)])["q"].to_numpy()


def test_45_patents_over_500_thousand_people_is_0_9_per_10k():
    # the analyst's hand figure: 45 件 / (500 千人 = 50 万人) = 0.9 件/万人; dividing first and
    # scaling after gave 0.8999999999999999
    assert per_capita([45.0], [500.0], ("件", "千人"), "件/万人")[0] == 0.9


# (numerator unit, denominator unit, indicator unit, the power of ten from the quotient's unit
# to the indicator's)
SCALES = [
    ("件", "千人", "件/万人", 1),
    ("件", "人", "件/万人", 4),
    ("万元", "元", "%", 6),
    ("元", "亿元", "%", -6),
    ("件", "千人", "件/人", -3),
    ("亿元", "万人", "元/人", 4),
]


def decimal_text(rng):
    """A decimal as a statistical table writes it: up to 9 digits, up to 4 of them decimals."""
    return f"{rng.randint(1, 10 ** rng.randint(1, 9))}e-{rng.randint(0, 4)}"


@pytest.mark.parametrize("units", SCALES, ids=[f"{s[0]}/{s[1]}→{s[2]}" for s in SCALES])
def test_a_scaled_quotient_is_the_double_nearest_the_exact_one(units):
    """For random decimal inputs: every result is the double nearest x · 10^k / z for the doubles
    read (Fraction is exact); and the result equals the correctly rounded decimal quotient (what a
    careful hand computation gives) at least as often as dividing and then scaling did."""
    rng = random.Random(23)
    a_text = [decimal_text(rng) for _ in range(3000)]
    b_text = [decimal_text(rng) for _ in range(3000)]
    a = [float(t) for t in a_text]
    b = [float(t) for t in b_text]
    k = units[3]
    got = per_capita(a, b, units[:2], units[2])
    scale = Fraction(10) ** k
    exact_doubles = [float(Fraction(x) * scale / Fraction(z)) for x, z in zip(a, b)]
    assert got.tolist() == exact_doubles
    hand = [float(Fraction(x) * scale / Fraction(z)) for x, z in zip(a_text, b_text)]
    two_steps = [(x / z) * 10**k if k > 0 else (x / z) / 10**-k for x, z in zip(a, b)]
    now = sum(g == h for g, h in zip(got.tolist(), hand))
    before = sum(t == h for t, h in zip(two_steps, hand))
    assert now >= before
    # where dividing then scaling was already the nearest double, the bits are the same
    assert all(g == t for g, t, e in zip(got.tolist(), two_steps, exact_doubles) if t == e)


def test_a_quotient_without_scale_and_the_gaps_are_unchanged():
    got = per_capita([45.0, 1.0, 3.0, np.nan], [500.0, 0.0, -1.0, 2.0], ("件", "千人"), "件/千人")
    assert got[0] == 45.0 / 500.0
    assert np.isnan(got[1:]).all()


# ---------------------------------------------------------------- one code, two names
def two_names_frame():
    return pd.DataFrame(
        {
            "entity": ["360102", "360103", "360102"],
            "period": [2022, 2022, 2023],
            "name": ["东湖区", "西湖区", "西湖区"],
            "x": [1.0, 2.0, 3.0],
        }
    )


@pytest.mark.parametrize("lenient", [False, True])
def test_from_pandas_refuses_one_code_with_two_names_as_read_csv_does(tmp_path, lenient):
    df = two_names_frame()
    path = tmp_path / "two_names.csv"
    df.to_csv(path, index=False)
    with pytest.raises(zb.ParseError, match="named '西湖区' here and '东湖区' on line 2"):
        zb.read_csv(path, lenient=lenient)
    with pytest.raises(zb.ParseError, match=r"'360102' is named '西湖区' in row 2 and '东湖区' in row 0"):
        zb.Panel.from_pandas(df, name="name", lenient=lenient)


def test_from_pandas_blank_names_never_conflict_and_names_left_out_are_not_read():
    df = two_names_frame()
    df["name"] = [None, "西湖区", "东湖区"]  # 360102 blank on its first row: named on its second
    panel = zb.Panel.from_pandas(df, name="name")
    assert panel.entities.set_index("code")["name"].to_dict() == {"360102": "东湖区", "360103": "西湖区"}
    df["name"] = [np.nan, "  ", pd.NA]
    assert zb.Panel.from_pandas(df, name="name").entities["name"].tolist() == ["", ""]
    # without name= the name column is not read (read_csv's ignore=["name"])
    assert zb.Panel.from_pandas(two_names_frame(), variables=["x"]).entities["name"].tolist() == ["", ""]


def test_from_pandas_parent_is_the_first_given():
    df = pd.DataFrame(
        {"entity": ["3201", "3201", "32"], "period": [2022, 2023, 2022], "up": [np.nan, 32.0, None], "x": [1.0, 2, 3]}
    )
    panel = zb.Panel.from_pandas(df, parent="up")
    assert panel.entities.set_index("code")["parent"].to_dict() == {"3201": "32", "32": ""}


# ---------------------------------------------------------------- the missing variable, from the core
def test_the_core_names_the_missing_variable():
    panel = zb.Panel.from_pandas(pd.DataFrame({"entity": ["a"], "period": [2023], "gdp": [1.0]}), units={"gdp": "亿元"})
    results = zb._core.compute(panel._core, ["rd_intensity", "invention_patents_per_10k"], strict=False)
    assert [r[5] for r in results] == ["rd_expenditure", "valid_invention_patents"]
    with pytest.raises(
        zb.MissingVariableError,
        match=r"rd_intensity \(rd_expenditure\), invention_patents_per_10k \(valid_invention_patents\)",
    ):
        panel.compute(["rd_intensity", "invention_patents_per_10k"])


# ---------------------------------------------------------------- a blank first name or parent
WIDE = "entity,period,name,parent,x\n3201,2021,,,1\n3201,2022,南京,32,2\n3201,2023,,32,3\n32,2021,江苏,,5\n"
LONG = (
    "entity,period,name,parent,variable,value\n3201,2021,,,x,1\n3201,2022,南京,32,x,2\n3201,2023,,32,x,3\n"
    "32,2021,江苏,,x,5\n"
)


def test_wide_and_long_agree_on_a_blank_first_name_and_parent(tmp_path):
    (tmp_path / "wide.csv").write_text(WIDE, encoding="utf-8")
    (tmp_path / "long.csv").write_text(LONG, encoding="utf-8")
    wide, long = zb.read_csv(tmp_path / "wide.csv"), zb.read_csv(tmp_path / "long.csv")
    expected = [
        {"code": "3201", "name": "南京", "parent": "32"},
        {"code": "32", "name": "江苏", "parent": ""},
    ]
    assert wide.entities.to_dict("records") == expected
    assert long.entities.to_dict("records") == expected
    frame = pd.read_csv(tmp_path / "wide.csv", dtype={"entity": str, "parent": str})
    assert zb.Panel.from_pandas(frame, name="name", parent="parent").entities.to_dict("records") == expected


@pytest.mark.parametrize("layout", ["wide", "long"])
def test_a_second_parent_after_a_blank_first_is_refused_in_both_layouts(tmp_path, layout):
    text = (WIDE if layout == "wide" else LONG).replace("3201,2023,,32,", "3201,2023,,33,")
    (tmp_path / "f.csv").write_text(text, encoding="utf-8")
    with pytest.raises(zb.ParseError, match="gives 3201 the parent 33 here and 32"):
        zb.read_csv(tmp_path / "f.csv")


@pytest.mark.parametrize("layout", ["wide", "long"])
def test_two_names_after_a_blank_first_are_refused_in_both_layouts(tmp_path, layout):
    text = (WIDE if layout == "wide" else LONG).replace("3201,2023,,32,", "3201,2023,金陵,32,")
    (tmp_path / "f.csv").write_text(text, encoding="utf-8")
    with pytest.raises(zb.ParseError, match="named '金陵' here and '南京' on line 3"):
        zb.read_csv(tmp_path / "f.csv")


def test_a_name_given_late_in_a_big_file_read_in_chunks(tmp_path):
    # many chunks (threads): the code's first row, blank, in the first chunk; its name far later
    rows = ["entity,period,name,parent,x"] + [f"c{k},2023,,,{k}" for k in range(200_000)]
    rows += ["c7,2024,七号,c0,1", "c9,2024,,c0,1"]
    (tmp_path / "big.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    entities = zb.read_csv(tmp_path / "big.csv").entities.set_index("code")
    assert entities.loc["c7", "name"] == "七号" and entities.loc["c7", "parent"] == "c0"
    assert entities.loc["c9", "parent"] == "c0" and entities.loc["c9", "name"] == ""
    rows[-1] = "c7,2025,八号,c0,1"
    (tmp_path / "big.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(zb.ParseError, match="named '八号' here and '七号'"):
        zb.read_csv(tmp_path / "big.csv")


# ---------------------------------------------------------------- hostile CSVs
@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"], ids=["space", "no-break", "narrow no-break"])
def test_a_decimal_comma_file_grouping_thousands_by_spaces(tmp_path, space):
    # Excel in French (and other decimal-comma locales) writes 1 234,5 with a (no-break) space
    path = tmp_path / "fr.csv"
    path.write_text(f"entity;period;x\na;2023;1{space}234,5\nb;2023;2,5\nc;2023;12{space}345{space}678\n", "utf-8")
    assert zb.read_csv(path, sep=";", decimal=",").to_pandas()["x"].tolist() == [1234.5, 2.5, 12345678.0]
    path.write_text(f"entity;period;x\na;2023;1{space}23,5\n", "utf-8")  # not groups of three: no number
    with pytest.raises(zb.ParseError, match="not a number"):
        zb.read_csv(path, sep=";", decimal=",")


@pytest.mark.parametrize("layout", ["wide", "long"])
@pytest.mark.parametrize("lenient", [False, True])
def test_a_header_repeated_mid_file_is_said_to_be_one(tmp_path, layout, lenient):
    header = "entity,period,x" if layout == "wide" else "entity,period,variable,value"
    rows = ["a,2023,1", "b,2023,2"] if layout == "wide" else ["a,2023,x,1", "b,2023,x,2"]
    (tmp_path / "joined.csv").write_text("\n".join([header, rows[0], header, rows[1]]) + "\n", encoding="utf-8")
    with pytest.raises(zb.ParseError, match="line 3 repeats the header"):
        zb.read_csv(tmp_path / "joined.csv", lenient=lenient)


def test_a_utf8_bom_then_gb18030_rows_is_said_to_be_two_encodings(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes("\ufeffentity,period,x\n".encode("utf-8") + "南京,2023,1\n".encode("gb18030"))
    with pytest.raises(zb.ParseError, match=r"mixed.csv:2.*a file in two encodings"):
        zb.read_csv(path)


def test_from_pandas_refuses_two_parents_of_one_code_as_read_csv_does():
    # review23b F4: the second parent was dropped silently; 3601 and 360100 are one parent
    def frame(parents):
        return pd.DataFrame(
            {"code": ["360102", "360102", "360103"], "period": ["2023", "2024", "2024"], "parent": parents, "gdp": 1.0}
        )

    same = zb.Panel.from_pandas(frame(["3601", "360100", "3601"]), entity="code", period="period", parent="parent")
    assert same.entities["parent"].tolist() == ["3601", "3601"]
    with pytest.raises(
        zb.ParseError, match=r"gives entity '360102' the parent '360200' in row 1 and '360100' in row 0"
    ):
        zb.Panel.from_pandas(frame(["360100", "360200", "360100"]), entity="code", period="period", parent="parent")


def test_evaluate_rounds_a_scaled_quotient_once_as_compute_does():
    # review23b F5: compute() gave 0.9 and Panel.evaluate("p / h", unit="件/万人") 0.8999999999999999
    panel = zb.read_csv(io.BytesIO("code,period,p[件],h[千人]\n1,2024,45,500\n2,2024,1,0\n3,2024,-45,500\n".encode()))
    per_10k = panel.evaluate("p / h", unit="件/万人")
    assert per_10k.tolist()[0] == 0.9 and per_10k.tolist()[2] == -0.9 and math.isnan(per_10k.tolist()[1])
    assert panel.evaluate("p / h").tolist()[0] == 0.09


def test_a_repeated_header_is_said_so_without_a_period_column():
    # review23b F6: with period_value= (no period column) it was "not a number: 'gdp[亿元]'"
    text = "code,gdp[亿元]\n1,3\ncode,gdp[亿元]\n2,4\n"
    with pytest.raises(zb.ParseError, match="line 3 repeats the header"):
        zb.read_csv(io.BytesIO(text.encode()), period_value="2024")
