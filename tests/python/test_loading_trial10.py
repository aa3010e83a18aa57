"""Round 10, a new user's trial of loading, validation and roll-ups: each case here gave a wrong
number or checked nothing without saying so (or an error that hid its cause) before its fix."""

import io
import subprocess
import sys

import pytest

import zhibiao as zb


def _panel(text: str) -> zb.Panel:
    return zb.read_csv(io.StringIO(text))


# A bureau's sheet: 南通市's total beside its districts, and 苏州市's total. Rolled up to the
# province the districts were counted twice: 100 + 200 + 5000 + 9000 = 14300 亿元 for a province
# whose prefectures add up to 5000 + 9000 = 14000.
CITY_AND_DISTRICTS = (
    "region,name,period,gdp[亿元]\n"
    "320601,崇川区,2023,100\n320602,港闸区,2023,200\n320600,南通市,2023,5000\n320500,苏州市,2023,9000\n"
)


@pytest.mark.parametrize("to", [None, "province"])
def test_rollup_refuses_a_total_beside_its_parts(to):
    with pytest.raises(zb.Error, match=r"320601 \(崇川区\) in 320600 \(南通市\).*twice"):
        _panel(CITY_AND_DISTRICTS).rollup("admin", to=to)


def test_rollup_refuses_a_nested_map_of_ones_own():
    p = _panel("region,period,gdp[亿元]\na,2023,1\nc,2023,2\n")
    with pytest.raises(zb.Error, match=r"\(a in c\)"):
        p.rollup({"a": "b", "b": "c", "c": "z"})


def test_rollup_of_one_level_sums_as_before():
    parts = _panel("region,period,gdp[亿元]\n320601,2023,100\n320602,2023,200\n320500,2023,9000\n")
    assert parts.rollup("admin", to="province").to_pandas()["gdp"].tolist() == [9300.0]
    totals = _panel("region,period,gdp[亿元]\n320600,2023,5000\n320500,2023,9000\n")
    assert totals.rollup("admin", to="province").to_pandas()["gdp"].tolist() == [14000.0]


def test_cli_rollup_refuses_a_total_beside_its_parts():
    run = subprocess.run(
        [sys.executable, "-m", "zhibiao", "rollup", "-", "--to", "province", "-q"],
        input=CITY_AND_DISTRICTS.encode(),
        capture_output=True,
    )
    assert run.returncode == 2
    assert "count the inner ones twice" in run.stderr.decode()
    assert run.stdout == b""


def _rules(tmp_path, text: str) -> str:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


GOOD_RULE = 'id = "big"\nseverity = "hard"\nvariable = "gdp"\ncheck = "gdp <= 50[亿元]"\nmessage = "m"\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A misspelt table: no rules, no findings — read as clean data.
        ("[[rules]]\n" + GOOD_RULE, r"'rules' is not a key \(did you mean 'rule'\?\)"),
        ("", r"no \[\[rule\]\] tables"),
        # A misspelt key: the rule ran without its message.
        (
            "[[rule]]\n" + GOOD_RULE + 'mesage = "x"\n',
            r"rules.toml:7: rule 'big': 'mesage' is not a key \(did you mean 'message'\?\)",
        ),
        ("[[rule]]\n" + GOOD_RULE + "[[rule]]\n" + GOOD_RULE, r"key 'id' is used twice \(first on line 1\)"),
        # A number, not a condition: true wherever not 0, so B's gdp of 100 passed "gdp - 50".
        ('[[rule]]\nid = "x"\ncheck = "gdp - 50[亿元]"\n', r"must be a condition"),
        ('[[rule]]\nid = "x"\nvariable = "gdpp"\ncheck = "gdp <= 50[亿元]"\n', r"did you mean 'gdp'"),
    ],
)
def test_rules_files_refuse_what_would_check_nothing_or_the_wrong_cell(tmp_path, text, expected):
    p = _panel("region,period,gdp[亿元]\nA,2023,10\nB,2023,100\n")
    with pytest.raises(zb.ParseError, match=expected):
        p.validate(rules=_rules(tmp_path, text))


def test_a_good_rules_file_still_finds(tmp_path):
    p = _panel("region,period,gdp[亿元]\nA,2023,10\nB,2023,100\n")
    findings = p.validate(rules=_rules(tmp_path, "[[rule]]\n" + GOOD_RULE))
    # the message, then the numbers the check read (round 19)
    assert findings[["entity", "rule", "message"]].values.tolist() == [["B", "big", "m: gdp 100 亿元"]]


def test_cli_validate_with_a_misspelt_rules_table_is_an_error(tmp_path):
    rules = _rules(tmp_path, "[[rules]]\n" + GOOD_RULE)
    run = subprocess.run(
        [sys.executable, "-m", "zhibiao", "validate", "-", "--rules", rules, "-q"],
        input=b"region,period,gdp[\xe4\xba\xbf\xe5\x85\x83]\nB,2023,100\n",
        capture_output=True,
    )
    assert run.returncode == 2, run.stderr.decode()
    assert "did you mean 'rule'" in run.stderr.decode()


@pytest.mark.parametrize(("sep", "shown"), [(";", ";"), ("\t", "\\t")])
def test_a_file_with_another_separator_names_it(sep, shown):
    text = sep.join(["region", "period", "gdp[亿元]"]) + "\n" + sep.join(["A", "2023", "1"]) + "\n"
    with pytest.raises(zb.ParseError, match="read it with sep='" + shown.replace("\\", "\\\\") + "'"):
        zb.read_csv(io.StringIO(text))
    assert zb.read_csv(io.StringIO(text), sep=sep).to_pandas()["gdp"].tolist() == [1.0]


@pytest.mark.parametrize(
    ("text", "period"), [("2024年第2季度", "2024Q2"), ("2024年3季度", "2024Q3"), ("2024年前3季度", "2024YTD09")]
)
def test_quarters_in_arabic_digits(text, period):
    assert _panel(f"region,period,gdp[亿元]\nA,{text},1\n").periods == [period]


def test_from_pandas_names_the_rows_without_a_key():
    # The message was "missing entity code or period in the DataFrame", with no row.
    import numpy as np
    import pandas as pd

    df = pd.DataFrame(
        {"region": ["A", "B", "C"], "period": ["2023", np.nan, "2023"], "gdp": [1.0, 2.0, 3.0]}, index=[10, 20, 30]
    )
    with pytest.raises(zb.ParseError, match=r"no period in column 'period', 1 row \(index 20\)"):
        zb.Panel.from_pandas(df, "region", "period", units={"gdp": "亿元"})
    df = pd.DataFrame({"region": [None, "B"], "period": ["2023", "2023"], "gdp": [1.0, 2.0]})
    with pytest.raises(zb.ParseError, match=r"no entity code in column 'region', 1 row \(index 0\)"):
        zb.Panel.from_pandas(df, "region", "period", units={"gdp": "亿元"})


@pytest.mark.parametrize("header", ["gdp[万人]", "population[亿元]", "rd_intensity[万元]"])
def test_validate_refuses_a_catalogue_variable_in_a_unit_of_another_quantity(header):
    # gdp[万人] validated clean (the rules read published(gdp) >= 0, any unit passes).
    p = _panel(f"region,period,{header}\nA,2023,1\n")
    with pytest.raises(zb.IncompatibleUnitsError, match="is the unit in the header right"):
        p.validate()
    run = subprocess.run(
        [sys.executable, "-m", "zhibiao", "validate", "-", "-q"],
        input=f"region,period,{header}\nA,2023,1\n".encode(),
        capture_output=True,
    )
    assert run.returncode == 2 and "is the unit in the header right" in run.stderr.decode()
