"""The built-in packs against a second implementation of the rules, written from
/work/shared/spec/indicators.md §6a (HNTE 2016) and §6b (tech-SME 2017) alone, in exact fractions:
made-up firms at each threshold and one unit either side (5000 / 20000 万元, 60 %, 10 %, 71 and
60 points), firms younger than three years, zero and negative revenue, blanks and text. Every firm
must get the reference's status and points; its gap must be the smallest change the reference
passes. The round-26 batch trial ran this on 3,000 firms (0 disagreements after reading "暂无" as
text, which the library refuses as invalid input)."""

import random
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb

BLANKS = {"", "—"}


class Invalid(Exception):
    pass


def number(cell):
    text = str(cell).strip()
    if text in BLANKS:
        return None
    try:
        return Fraction(text)
    except ValueError:
        raise Invalid(text) from None


def band(x, edges):
    """edges: (bound, inclusive, points) from the top band down; the last is the bottom band."""
    for bound, inclusive, points in edges[:-1]:
        if x >= bound if inclusive else x > bound:
            return points
    return edges[-1][2]


# ------------------------------------------------------------------------------ §6b tech-SME
SME_COUNTS = ("employees", "st_staff", "ip_class1", "ip_class2")
SME_FLAGS = ("hnte_certified", "national_award_top3", "provincial_rd_institution", "led_standard", "compliant")
SME_STAFF = [(30, 1, 20), (25, 1, 16), (20, 1, 12), (15, 1, 8), (10, 1, 4), (None, 1, 0)]
SME_RD_SALES = [(6, 1, 50), (5, 1, 40), (4, 1, 30), (3, 1, 20), (2, 1, 10), (None, 1, 0)]
SME_RD_COST = [(30, 1, 50), (25, 1, 40), (20, 1, 30), (15, 1, 20), (10, 1, 10), (None, 1, 0)]
SME_IP2 = [(4, 1, 24), (3, 1, 18), (2, 1, 12), (1, 1, 6), (None, 1, 0)]


def sme_reference(row):
    """(status, total) by §6b 第六–八条."""
    try:
        v = {k: number(row[k]) for k in ("sales", "assets", "rd_expense", "total_cost", *SME_COUNTS, *SME_FLAGS)}
    except Invalid:
        return "invalid input", None
    if any(v[k] is None for k in ("employees", "sales", "assets")):
        return "invalid input", None
    for k, x in v.items():
        whole = k in SME_COUNTS or k in SME_FLAGS
        if x is not None and (x < 0 or (whole and x.denominator != 1) or (k in SME_FLAGS and x > 1)):
            return "invalid input", None
    if v["employees"] < 1 or (v["st_staff"] is not None and v["st_staff"] > v["employees"]):
        return "invalid input", None
    if v["rd_expense"] is not None and v["total_cost"] is not None and v["rd_expense"] > v["total_cost"]:
        return "invalid input", None
    direct = any(v[k] == 1 for k in SME_FLAGS[:4])
    if not direct and any(v[k] is None for k in ("st_staff", "rd_expense", "ip_class1", "ip_class2")):
        return "invalid input", None
    if v["employees"] > 500 or v["sales"] > 20000 or v["assets"] > 20000 or v["compliant"] not in (None, 1):
        return "ineligible", None
    if direct:
        return "direct", None
    staff = band(v["st_staff"] / v["employees"] * 100, SME_STAFF)
    by_sales = band(v["rd_expense"] / v["sales"] * 100, SME_RD_SALES) if v["sales"] else 0
    by_cost = band(v["rd_expense"] / v["total_cost"] * 100, SME_RD_COST) if v["total_cost"] else 0
    ip = 30 if v["ip_class1"] >= 1 else band(v["ip_class2"], SME_IP2)
    total = staff + max(by_sales, by_cost) + ip
    return ("passed" if total >= 60 and staff > 0 else "failed"), total


# ------------------------------------------------------------------------------ §6a HNTE 2016
H_COUNTS = ("registered_days", "in_supported_field", "employees", "st_staff", "ip_class1", "ip_class2")
H_COUNTS += ("conversions_3y", "years_operating", "compliant")
H_EXPERT = dict(tech_advancement=8, core_support=8, ip_acquisition=6, standards_bonus=2)
H_EXPERT.update(rd_organisation=6, rd_platform=6, transfer_system=4, talent_system=4)
H_YEARLY = ("sales", "rd", "net_assets")
H_AMOUNTS = ("rd_domestic", "hitech_income", "total_income")
H_OPTIONAL = {
    "sales_y1",
    "sales_y2",
    "rd_y1",
    "rd_y2",
    "net_assets_y1",
    "net_assets_y2",
    "standards_bonus",
    "compliant",
}
GROWTH = [(35, 1, (9, 10)), (25, 1, (7, 8)), (15, 1, (5, 6)), (5, 1, (3, 4)), (0, 0, (1, 2)), (None, 1, (0, 0))]
TRANSFER = [(5, 1, (25, 30)), (4, 1, (19, 24)), (3, 1, (13, 18)), (2, 1, (7, 12)), (0, 0, (1, 6)), (None, 1, (0, 0))]
IP2 = [(5, 1, (5, 6)), (3, 1, (3, 4)), (1, 1, (1, 2)), (None, 1, (0, 0))]


def growth(x1, x2, x3, years):
    """½(x2/x1 + x3/x2) − 1; first year ≤ 0 (a deficit as 0): the last two; second ≤ 0: none."""
    if years < 2 or x2 <= 0:
        return None
    return x3 / x2 - 1 if years == 2 or x1 <= 0 else (x2 / x1 + x3 / x2) / 2 - 1


def hnte_inputs(row):
    names = [*H_COUNTS, *H_EXPERT, *H_AMOUNTS, *(f"{y}_y{i}" for y in H_YEARLY for i in (1, 2, 3))]
    v = {k: number(row[k]) for k in names}
    for k, x in v.items():
        if x is None:
            if k not in H_OPTIONAL:
                raise Invalid(k)
            continue
        whole = k in H_COUNTS or k in H_EXPERT
        if (x < 0 and not k.startswith("net_assets")) or (whole and x.denominator != 1):
            raise Invalid(k)
        if k in ("in_supported_field", "compliant") and x > 1:
            raise Invalid(k)
    if v["employees"] < 1 or v["years_operating"] < 1 or v["st_staff"] > v["employees"]:
        raise Invalid("staff or years")
    if v["hitech_income"] > v["total_income"]:
        raise Invalid("hitech_income")
    return v


def hnte_reference(row):
    """(status, (total_lo, total_hi)) by §6a 第十一条 and the Guideline's 100 points."""
    try:
        v = hnte_inputs(row)
    except Invalid:
        return "invalid input", None
    years = min(int(v["years_operating"]), 3)
    counted = range(4 - years, 4)  # the years operated of the last three
    if any(v[f"{y}_y{i}"] is None for y in H_YEARLY for i in counted):
        return "invalid input", None
    rd = sum(v[f"rd_y{i}"] for i in counted)
    sales = sum(v[f"sales_y{i}"] for i in counted)
    if v["rd_domestic"] > rd:
        return "invalid input", None
    required = 5 if v["sales_y3"] <= 5000 else 4 if v["sales_y3"] <= 20000 else 3
    gates = [
        v["registered_days"] >= 365,
        v["ip_class1"] + v["ip_class2"] >= 1,
        v["in_supported_field"] == 1,
        v["st_staff"] * 10 >= v["employees"],
        sales > 0 and rd * 100 >= required * sales,
        rd > 0 and v["rd_domestic"] * 10 >= 6 * rd,
        v["total_income"] > 0 and v["hitech_income"] * 10 >= 6 * v["total_income"],
        v["compliant"] in (None, 1),
    ]
    e = {k: min(int(v[k] or 0), top) for k, top in H_EXPERT.items()}
    quantity = (7, 8) if v["ip_class1"] >= 1 else band(v["ip_class2"], IP2)
    experts_ip = e["tech_advancement"] + e["core_support"] + e["ip_acquisition"] + e["standards_bonus"]
    transfer = band(v["conversions_3y"] / years, TRANSFER)
    management = e["rd_organisation"] + e["rd_platform"] + e["transfer_system"] + e["talent_system"]
    growths = []
    for y in ("net_assets", "sales"):
        g = growth(*(v[f"{y}_y{i}"] if i in counted else None for i in (1, 2, 3)), years)
        growths.append(band(g * 100, GROWTH) if g is not None else (0, 0))
    totals = tuple(
        min(30, experts_ip + quantity[h]) + transfer[h] + management + growths[0][h] + growths[1][h] for h in (0, 1)
    )
    if not all(gates):
        return "ineligible", totals
    return ("passed" if totals[0] >= 71 else "failed"), totals


# ------------------------------------------------------------------------------ made-up firms
def money(rnd, lo, hi):
    return str(Decimal(rnd.randint(round(lo * 100), round(hi * 100))) / 100)


def sme_firms(n, seed):
    rnd = random.Random(seed)
    rows = []
    for _ in range(n):
        staff = rnd.randint(5, 505)
        sales = money(rnd, 0, 21000)
        rd = money(rnd, 0, float(sales) * 0.09 + 1)
        row = dict(
            employees=str(staff),
            st_staff=str(rnd.randint(0, staff)),
            sales=sales,
            assets=money(rnd, 0, 21000),
            rd_expense=rd,
            total_cost=str(Decimal(rd) + Decimal(money(rnd, 0, 9000))),
            ip_class1=rnd.choice("00012"),
            ip_class2=str(rnd.randint(0, 6)),
            compliant=rnd.choice(["", "", "1", "0"]),
        )
        row.update({k: "" for k in SME_FLAGS[:4]})
        if rnd.random() < 0.08:
            row[rnd.choice(SME_FLAGS[:4])] = rnd.choice("10")
        rows.append(row)
    base = dict(
        employees="200",
        st_staff="60",
        sales="10000",
        assets="10000",
        rd_expense="600",
        total_cost="100000",
        ip_class1="1",
        ip_class2="0",
        compliant="",
        **{k: "" for k in SME_FLAGS[:4]},
    )
    edges = [dict(employees=v) for v in ("499", "500", "501")]
    edges += [{k: v} for k in ("sales", "assets") for v in ("19999.99", "20000", "20000.01")]
    edges += [dict(st_staff=str(2 * p + d)) for p in (10, 15, 20, 25, 30) for d in (-1, 0, 1)]
    edges += [dict(rd_expense=str(100 * p + d)) for p in (2, 3, 4, 5, 6) for d in (-0.01, 0, 0.01)]
    edges += [
        dict(sales="19000", total_cost="1000", rd_expense=str(10 * p + d))
        for p in (10, 15, 20, 25, 30)
        for d in (-0.01, 0, 0.01)
    ]
    edges += [dict(sales="0", total_cost=t) for t in ("", "100", "600")] + [dict(sales="-5"), dict(sales="暂无")]
    edges += [dict(st_staff="20", rd_expense=x, ip_class1="0", ip_class2=c) for x in ("499.99", "500") for c in "01"]
    return rows + [{**base, **change} for change in edges]


def hnte_firms(n, seed):
    rnd = random.Random(seed)
    rows = []
    for _ in range(n):
        years, staff = rnd.choice([1, 2, 3, 3, 3]), rnd.randint(5, 800)
        sales = [money(rnd, 0, 40000) for _ in range(3)]
        rd = [money(rnd, float(s) * 0.02, float(s) * 0.08 + 1) for s in sales]
        rd_counted = sum(Decimal(x) for x in rd[3 - years :])
        income = money(rnd, 1, 50000)
        row = dict(
            registered_days=str(rnd.choice([364, 365, 800, 3000])),
            in_supported_field=rnd.choice("1111110"),
            employees=str(staff),
            st_staff=str(rnd.randint(0, staff // 3)),
            years_operating=str(years),
            rd_domestic=str((rd_counted * rnd.choice([50, 60, 90, 100]) / 100).quantize(Decimal("0.01"), "ROUND_DOWN")),
            total_income=income,
            hitech_income=str((Decimal(income) * rnd.randint(55, 100) / 100).quantize(Decimal("0.01"), "ROUND_DOWN")),
            ip_class1=rnd.choice("0013"),
            ip_class2=str(rnd.randint(0, 7)),
            conversions_3y=str(rnd.randint(0, 20)),
            standards_bonus=rnd.choice(["", "0", "2"]),
            compliant=rnd.choice(["", "1", "1", "0"]),
        )
        for i in range(3):
            row.update(
                {f"sales_y{i + 1}": sales[i], f"rd_y{i + 1}": rd[i], f"net_assets_y{i + 1}": money(rnd, -200, 30000)}
            )
        row.update({k: str(rnd.randint(0, top)) for k, top in H_EXPERT.items() if k != "standards_bonus"})
        if years < 3 and rnd.random() < 0.5:  # the years before the firm existed left blank
            row.update({f"{y}_y{i}": "" for y in H_YEARLY for i in range(1, 4 - years)})
        rows.append(row)
    base = dict(
        rows[0],
        registered_days="800",
        in_supported_field="1",
        employees="100",
        st_staff="20",
        years_operating="3",
        rd_y1="300",
        rd_y2="300",
        rd_domestic="900",
        hitech_income="700",
        total_income="1000",
        compliant="",
        **{f"net_assets_y{i}": x for i, x in enumerate(("1000", "1300", "1800"), 1)},
    )
    edges = [
        dict(
            sales_y1=s,
            sales_y2=s,
            sales_y3=s,
            rd_y3=str(Decimal(s) * 3 * p / 100 - 600 + d),
            rd_domestic=str(Decimal(s) * 3 * p / 100 + d),
        )
        for s, p in (("4800", 5), ("5000", 5), ("5000.01", 4), ("20000", 4), ("20000.01", 3))
        for d in (-1, 0, 1)
    ]
    edges += [dict(rd_domestic=str(540 + d)) for d in (-1, 0, 1)] + [
        dict(hitech_income=str(600 + d)) for d in (-1, 0, 1)
    ]
    edges += [dict(st_staff=v) for v in ("9", "10", "11")] + [dict(registered_days=v) for v in ("364", "365")]
    edges += [dict(sales_y1="0", sales_y2="0", sales_y3="0"), dict(total_income="0", hitech_income="0")]
    edges += [dict(sales_y3="-5"), dict(sales_y3="暂无"), dict(sales_y1=""), dict(net_assets_y1="-200")]
    edges += [dict(years_operating="2", sales_y1="1", rd_y1="1000", rd_domestic="600")]  # year 1 not counted
    edges += [
        dict(years_operating="1", sales_y1="", sales_y2="", rd_y1="", rd_y2="", rd_domestic="300", conversions_3y="5")
    ]
    edges += [dict(ip_class1="0", ip_class2="0"), dict(tech_advancement="5.5"), dict(rd_domestic="2000")]
    return rows + [
        {**base, "sales_y1": "5000", "sales_y2": "5000", "sales_y3": "5000", "rd_y3": "300", **e} for e in edges
    ]


def table(rows):
    return pd.DataFrame(rows, index=[f"F{k:04d}" for k in range(len(rows))]).replace({"": np.nan})


@pytest.fixture(scope="module")
def sme_table():
    return table(sme_firms(400, 26))


@pytest.fixture(scope="module")
def hnte_table():
    return table(hnte_firms(400, 2026))


def disagreements(scored, firms, reference):
    out = []
    for firm, row in firms.fillna("").iterrows():
        status, total = reference(row)
        got = scored.loc[firm]
        lo, hi = got.get("total_lo", got["total"]), got.get("total_hi", got["total"])
        want = total if isinstance(total, tuple) else (total, total)
        if got["status"] != status or (status in ("passed", "failed") and (lo, hi) != tuple(map(float, want))):
            out.append((firm, status, total, got["status"], lo, hi, got["explanation_en"]))
    return out


def test_tech_sme_matches_the_reference(sme_table):
    scored = zb.scorecards.evaluate(sme_table, "tech-sme-2017")
    assert disagreements(scored, sme_table, sme_reference) == []
    assert set(scored["status"]) == {"passed", "failed", "ineligible", "direct", "invalid input"}


def test_hnte_matches_the_reference(hnte_table):
    scored = zb.scorecards.evaluate(hnte_table, "hnte-2016")
    assert disagreements(scored, hnte_table, hnte_reference) == []
    assert {"passed", "failed", "ineligible", "invalid input"} <= set(scored["status"])


def test_the_unit_of_a_column_changes_nothing(sme_table, hnte_table):
    def scaled(firms, columns, factor, heading):
        out = firms.copy()
        for c in columns:
            out[c] = [
                str(Decimal(x) * Decimal(factor)) if isinstance(x, str) and x[-1].isdigit() else x for x in out[c]
            ]
        return out.rename(columns={c: heading(c) for c in columns})

    for firms, pack, columns in (
        (sme_table, "tech-sme-2017", ["sales", "assets", "rd_expense", "total_cost"]),
        (hnte_table, "hnte-2016", ["sales_y1", "sales_y2", "sales_y3", "rd_y3", "rd_domestic", "net_assets_y3"]),
    ):
        plain = zb.scorecards.evaluate(firms, pack, explain=False)
        for factor, unit in (("10000", "元"), ("0.0001", "亿元")):
            other = zb.scorecards.evaluate(
                scaled(firms, columns, factor, lambda c: f"{c}[{unit}]"), pack, explain=False
            )
            assert other["status"].tolist() == plain["status"].tolist(), unit
            assert np.array_equal(other["total"].to_numpy(), plain["total"].to_numpy(), equal_nan=True), unit


def test_one_and_two_threads_give_the_same_bits(hnte_table):
    many = pd.concat([hnte_table.set_axis(hnte_table.index + f"_{k}") for k in range(8)])
    one = zb.scorecards.evaluate(many, "hnte-2016", threads=1)
    two = zb.scorecards.evaluate(many, "hnte-2016", threads=2)
    pd.testing.assert_frame_equal(one, two)
    numbers = one.select_dtypes("number").columns
    assert all(np.array_equal(one[c].to_numpy().view(np.uint64), two[c].to_numpy().view(np.uint64)) for c in numbers)


def smallest(passes, most):
    """The smallest k in 1..most with passes(k), by bisection (passing grows with k), or None."""
    if not passes(most):
        return None
    lo, hi = 0, most
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if passes(mid) else (mid, hi)
    return hi


def test_the_gap_is_the_smallest_change_the_reference_passes(sme_table):
    # More R&D (0.01 万元 steps) adds to the total cost; more S&T staff to the staff (the pack's
    # also_adds). R&D only helps (both ratios grow with it); staff may break the 500 limit, so
    # every count is tried.
    failing = [f for f, row in sme_table.fillna("").iterrows() if sme_reference(row)[0] == "failed"][:40]
    gaps = zb.scorecards.gap(sme_table.loc[failing], "tech-sme-2017")

    def passes(row, **more):
        changed = dict(row)
        for k, x in more.items():
            if changed[k] != "":
                changed[k] = str(Fraction(changed[k]) + x)
        return sme_reference(changed)[0] == "passed"

    for firm in failing:
        row = sme_table.loc[firm].fillna("").to_dict()
        rd = smallest(lambda c: passes(row, rd_expense=Fraction(c, 100), total_cost=Fraction(c, 100)), 10**10)
        staff = next((k for k in range(1, 700) if passes(row, st_staff=k, employees=k)), None)
        ip2 = next((k for k in range(1, 10) if passes(row, ip_class2=k)), None)
        for column, want in (
            ("more_rd_expense", None if rd is None else rd / 100),
            ("more_st_staff", staff),
            ("more_ip_class2", ip2),
        ):
            got = gaps.loc[firm, column]
            # exact: a gap on the 0.01 grid is the decimal a reader writes (k / 100, sc26)
            assert np.isnan(got) if want is None else got == float(want), (firm, column)
