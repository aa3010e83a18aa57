"""A long file's record without a unit, beside records of the same variable with one: which unit it
meant would depend on the order of the rows (found by a trial: after a 万元 record it was read as
万元 without a word; before a 亿元 record it made the 亿元 record fail as 'cannot convert')."""

import io

import numpy as np
import pytest

import zhibiao as zb

HEADER = "entity,period,variable,value,unit\n"


def read(rows, **options):
    return zb.read_csv(io.StringIO(HEADER + rows), **options)


@pytest.mark.parametrize(
    "rows, line, wording",
    [
        ("A,2023,rd_expenditure,20000,万元\nC,2023,rd_expenditure,10000,\n", 3, "first record"),
        ("C,2023,rd_expenditure,10000,\nA,2023,rd_expenditure,2,亿元\n", 3, "at line 2 has no unit"),
    ],
    ids=["unit_then_blank", "blank_then_unit"],
)
def test_a_record_without_a_unit_beside_records_with_one_is_refused_in_either_order(rows, line, wording):
    with pytest.raises(ValueError) as caught:
        read(rows)
    message = str(caught.value)
    assert f":{line}:5" in message and "rd_expenditure" in message and wording in message


def test_lenient_reading_makes_the_unitless_record_missing_and_says_why():
    panel = read("A,2023,rd_expenditure,20000,万元\nC,2023,rd_expenditure,10000,\n", lenient=True)
    values = dict(zip(panel.entities["code"], panel.values("rd_expenditure")))
    assert values["A"] == 20000 and np.isnan(values["C"])
    assert any("no unit" in issue["problem"] for issue in panel.report["issues"])


def test_records_all_without_a_unit_or_all_with_one_still_read():
    assert list(read("A,2023,projects_applied,28,\nB,2023,projects_applied,30,\n").values("projects_applied")) == [
        28,
        30,
    ]
    both = read("A,2023,gdp,100,亿元\nB,2023,gdp,2000000,万元\n")
    assert list(both.values("gdp")) == [100, 200]  # 200万万元 = 200亿元, in the first record's unit
    override = read("A,2023,gdp,100,\nB,2023,gdp,200,\n", units={"gdp": "亿元"})
    assert list(override.values("gdp")) == [100, 200]
