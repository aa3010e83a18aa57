"""Generated inputs for the benchmarks: deterministic (fixed seeds), any size."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pathlib import Path


UNITS = {
    "valid_invention_patents": "件",
    "population": "万人",
    "gdp": "亿元",
    "industrial_value_added": "亿元",
    "hitech_value_added": "亿元",
    "rd_expenditure": "万元",
    "tech_contract_value": "万元",
    "tech_contract_count": "项",
    "projects_applied": "项",
    "projects_approved": "项",
    "funds_planned": "万元",
    "funds_in_place": "万元",
    "funds_spent": "万元",
    "reward_due": "万元",
    "reward_paid": "万元",
    "funds_applied": "万元",
    "funds_secured": "万元",
    "target": "项",
    "actual": "项",
}


def generate_panel(rows: int, seed: int = 1) -> pd.DataFrame:
    """Entities × 20 years (rows rounded to whole entities, at least one)."""
    rng = np.random.default_rng(seed)
    years = 20
    entities = max(1, rows // years)
    rows = entities * years
    data: dict[str, object] = {
        "entity": np.repeat(np.arange(entities), years).astype(str),
        "period": np.tile(np.arange(2005, 2005 + years), entities),
    }
    population = rng.lognormal(np.log(45), 0.6, rows)
    gdp = population * rng.lognormal(np.log(6.5), 0.45, rows)
    data.update(
        population=population,
        gdp=gdp,
        industrial_value_added=gdp * rng.uniform(0.2, 0.5, rows),
        hitech_value_added=gdp * rng.uniform(0.03, 0.5, rows),
        rd_expenditure=gdp * 1e4 * rng.uniform(0.001, 0.05, rows),
        valid_invention_patents=np.round(population * rng.lognormal(np.log(4), 1.0, rows)),
        tech_contract_count=np.round(population * rng.lognormal(np.log(3), 0.8, rows)),
        tech_contract_value=population * rng.lognormal(np.log(100), 1.0, rows),
        projects_applied=rng.integers(0, 60, rows).astype(float),
        funds_planned=rng.uniform(0, 6000, rows),
        reward_due=rng.uniform(0, 800, rows),
        funds_applied=rng.uniform(0, 3000, rows),
        target=rng.uniform(0, 200, rows),
    )
    data["projects_approved"] = np.floor(data["projects_applied"] * rng.uniform(0.1, 1.1, rows))  # some > applied
    data["funds_in_place"] = data["funds_planned"] * rng.uniform(0.5, 1.1, rows)
    data["funds_spent"] = data["funds_in_place"] * rng.uniform(0.3, 1.05, rows)
    data["reward_paid"] = data["reward_due"] * rng.choice([0.0, 0.5, 1.0], rows)
    data["funds_secured"] = data["funds_applied"] * rng.uniform(0, 1, rows)
    data["actual"] = data["target"] * rng.uniform(0, 1.2, rows)
    df = pd.DataFrame(data)
    gaps = rng.choice(rows, size=rows // 100, replace=False)
    df.loc[gaps, "rd_expenditure"] = np.nan
    return df


def write_wide_csv(path: Path, rows: int, columns: int, seed: int = 2) -> None:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(rng.lognormal(5, 2, size=(rows, columns)).round(4), columns=[f"x{i}" for i in range(columns)])
    df.insert(0, "period", np.tile(np.arange(2000, 2020), rows // 20 + 1)[:rows])
    df.insert(0, "entity", np.repeat(np.arange(rows // 20 + 1), 20)[:rows])
    df.to_csv(path, index=False)


def generate_patents(n: int, regions: int = 2000, seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    filing = np.datetime64("1995-01-01") + rng.integers(0, 10000, n).astype("timedelta64[D]")
    grant = filing + rng.integers(200, 1800, n).astype("timedelta64[D]")
    lapse = grant + rng.integers(0, 6000, n).astype("timedelta64[D]")
    lapse = np.where((rng.random(n) < 0.35) & (lapse < np.datetime64("2025-06-30")), lapse, np.datetime64("NaT"))
    return pd.DataFrame(
        {
            "region": (100000 + rng.integers(0, regions, n)).astype(str),
            "kind": np.where(rng.random(n) < 0.7, "invention", "utility"),
            "filing_date": filing,
            "grant_date": grant,
            "end_date": lapse,
        }
    )


def generate_firms(n: int, seed: int = 9) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    employees = rng.integers(5, 600, n).astype(np.float64)
    sales = np.round(rng.uniform(0, 30000, n), 2)
    return {
        "employees": employees,
        "st_staff": np.floor(employees * rng.uniform(0, 0.6, n)),
        "sales": sales,
        "assets": np.round(rng.uniform(0, 30000, n), 2),
        "rd_expense": np.round(sales * rng.uniform(0, 0.1, n), 2),
        "total_cost": np.round(sales * 0.8 + 1, 2),
        "ip_class1": rng.integers(0, 2, n).astype(np.float64),
        "ip_class2": rng.integers(0, 6, n).astype(np.float64),
        "hnte_certified": (rng.random(n) < 0.05).astype(np.float64),
    }


def generate_hnte_firms(n: int, seed: int = 10) -> dict[str, np.ndarray]:
    """HNTE applicants about a qualifying firm (indicators.md §6a), each input scaled at random.

    The inputs one of the pack's validity checks bounds by another stay within it: S&T staff within
    the staff, high-tech income within the total income, R&D in China a share (55–99 %) of the R&D
    of the years the firm operated. Then ~1 % of the firms each break one of the three, as reported
    data do: ~3 % invalid input, the rest scored (scaled independently, R&D in China exceeded the R&D
    total for 60 % of the firms, and the benchmark timed mostly invalid firms)."""
    rng = np.random.default_rng(seed)
    typical = {
        "registered_days": 800,
        "in_supported_field": 1,
        "employees": 100,
        "st_staff": 20,
        "sales_y1": 4000,
        "sales_y2": 4500,
        "sales_y3": 5000,
        "rd_y1": 200,
        "rd_y2": 225,
        "rd_y3": 250,
        "rd_domestic": 675,
        "hitech_income": 4000,
        "total_income": 5000,
        "ip_class1": 0,
        "ip_class2": 3,
        "conversions_3y": 12,
        "years_operating": 3,
        "net_assets_y1": 1000,
        "net_assets_y2": 1300,
        "net_assets_y3": 1800,
        "tech_advancement": 7,
        "core_support": 6,
        "ip_acquisition": 3,
        "standards_bonus": 0,
        "rd_organisation": 5,
        "rd_platform": 4,
        "transfer_system": 3,
        "talent_system": 2,
    }
    caps = {
        "tech_advancement": 8,
        "core_support": 8,
        "ip_acquisition": 6,
        "standards_bonus": 2,
        "rd_organisation": 6,
        "rd_platform": 6,
        "transfer_system": 4,
        "talent_system": 4,
        "in_supported_field": 1,
    }
    out = {}
    for name, v in typical.items():
        x = v * rng.uniform(0.5, 1.5, n)
        whole = name in caps or name in (
            "registered_days",
            "employees",
            "st_staff",
            "ip_class1",
            "ip_class2",
            "conversions_3y",
            "years_operating",
        )
        out[name] = np.minimum(np.round(x), caps.get(name, np.inf)) if whole else np.round(x, 2)
    out["st_staff"] = np.minimum(out["st_staff"], out["employees"])
    out["hitech_income"] = np.minimum(out["hitech_income"], out["total_income"])
    years = out["years_operating"]
    rd_sum = np.where(years >= 3, out["rd_y1"], 0) + np.where(years >= 2, out["rd_y2"], 0) + out["rd_y3"]
    out["rd_domestic"] = np.round(rd_sum * rng.uniform(0.55, 0.99, n), 2)
    broken = rng.integers(0, 100, n)  # 0, 1, 2: the firm breaks one check; the rest none
    out["st_staff"] = np.where(broken == 0, out["employees"] + 1, out["st_staff"])
    out["hitech_income"] = np.where(broken == 1, np.round(out["total_income"] * 1.05, 2), out["hitech_income"])
    out["rd_domestic"] = np.where(broken == 2, np.round(rd_sum * 1.1, 2), out["rd_domestic"])
    return out


def generate_regions(
    regions: int, indicators: int, seed: int = 11
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """Regions × indicators with skewed, missing and lower-is-better columns; a framework of
    indicators → pillars (6 each) → 2 sub-indices → index; a sixth of the indicators per capita."""
    rng = np.random.default_rng(seed)
    codes = [f"x{k:02d}" for k in range(indicators)]
    df = pd.DataFrame(
        {c: rng.lognormal(2, 0.3 + 0.9 * (k % 4 == 0), regions) for k, c in enumerate(codes)},
        index=[f"r{i:05d}" for i in range(regions)],
    )
    df = df.mask(rng.random(df.shape) < 0.03)
    df["population"] = rng.lognormal(3, 0.5, regions)
    df["prefecture"] = (np.arange(regions) % max(1, regions // 30)).astype(str)
    pillars = [f"P{p}" for p in range((indicators + 5) // 6)]
    rows = [("Index", "", 1.0, 1, 4), ("In", "Index", 1.0, 1, 3), ("Out", "Index", 1.0, 1, 3)]
    rows += [(p, "In" if k % 2 == 0 else "Out", 1.0 + k % 3, 1, 2) for k, p in enumerate(pillars)]
    meta = pd.DataFrame(rows, columns=["code", "parent", "weight", "direction", "level"])
    leaves = pd.DataFrame(
        {
            "code": codes,
            "parent": [pillars[k // 6] for k in range(indicators)],
            "weight": 1.0,
            "direction": [-1 if k % 7 == 3 else 1 for k in range(indicators)],
            "level": 1,
        }
    )
    meta = pd.concat([meta, leaves], ignore_index=True)
    denominators = {c: "population" for k, c in enumerate(codes) if k % 6 == 5}
    return df, meta, denominators
