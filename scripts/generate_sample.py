#!/usr/bin/env python3
"""Generates data/sample/counties_synthetic.csv: a SYNTHETIC panel of 300 counties, 2015–2024.

Nothing in it is real. It exists so the demo, the examples and the benchmarks have a panel of
realistic shape and ranges (see data/sample/README.md for the ranges and where they come from).
Deterministic: the same seed writes the same bytes.

    python3 scripts/generate_sample.py [--seed 20261128] [--out data/sample/counties_synthetic.csv]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

YEARS = range(2015, 2025)
PROVINCES = {"90": "甲省", "91": "乙省", "92": "丙省"}  # codes 90–92 are unassigned in GB/T 2260


def generate(seed: int) -> list[dict[str, object]]:
    rng = np.random.default_rng(seed)
    rows: list[dict[str, object]] = []
    county_number = 0
    for province_code, province_name in PROVINCES.items():
        for prefecture in range(1, 11):
            prefecture_code = f"{province_code}{prefecture:02d}"
            for county in range(1, 11):
                county_number += 1
                code = f"{prefecture_code}{county:02d}"
                name = f"{province_name}{prefecture}市{county}县"
                population = float(rng.lognormal(np.log(45), 0.6))  # 万人: most counties 15–150万
                gdp_per_capita = float(rng.lognormal(np.log(6.5), 0.45))  # 万元 per person
                patents_per_10k = float(rng.lognormal(np.log(4.0), 1.0))
                rd_intensity = float(np.clip(rng.lognormal(np.log(1.4), 0.6), 0.1, 6.5))  # %
                hitech_share = float(np.clip(rng.normal(18, 8), 3, 55))  # % of GDP
                contracts_per_10k = float(rng.lognormal(np.log(3.0), 0.8))
                contract_value = float(rng.lognormal(np.log(40), 1.0))  # 万元 per contract
                growth = float(rng.normal(0.07, 0.025))
                for year in YEARS:
                    t = year - 2015
                    pop = population * (1 + rng.normal(0.002, 0.004)) ** t
                    gdp = pop * gdp_per_capita * (1 + growth) ** t * rng.normal(1, 0.01)  # 亿元
                    patents = max(0, round(pop * patents_per_10k * (1.12**t) * rng.normal(1, 0.03)))
                    contracts = max(0, round(pop * contracts_per_10k * rng.normal(1, 0.1)))
                    applied = int(rng.integers(8, 60))
                    approved = int(rng.binomial(applied, float(rng.uniform(0.2, 0.6))))
                    planned = float(rng.uniform(500, 6000))  # 万元
                    in_place = planned * float(rng.uniform(0.6, 1.05))
                    due = float(rng.uniform(50, 800))
                    row: dict[str, object] = {
                        "region": code,
                        "name": name,
                        "parent": prefecture_code + "00",
                        "year": year,
                        "population": round(pop, 2),
                        "gdp": round(gdp, 2),
                        "rd_expenditure": round(gdp * 1e4 * rd_intensity / 100 * rng.normal(1, 0.05), 1),
                        "hitech_value_added": round(gdp * hitech_share / 100 * rng.normal(1, 0.04), 2),
                        "valid_invention_patents": patents,
                        "tech_contract_count": contracts,
                        "tech_contract_value": round(contracts * contract_value * rng.normal(1, 0.2), 1),
                        "projects_applied": applied,
                        "projects_approved": approved,
                        "funds_planned": round(planned, 1),
                        "funds_in_place": round(in_place, 1),
                        "funds_spent": round(in_place * float(rng.uniform(0.5, 1.0)), 1),
                        "reward_due": round(due, 1),
                        "reward_paid": round(due * float(rng.choice([0.0, 0.5, 1.0], p=[0.15, 0.25, 0.6])), 1),
                    }
                    rows.append(row)
    # Gaps of the kind real county data have: a few unreported cells, a batch with no projects.
    for k in rng.choice(len(rows), size=40, replace=False):
        rows[int(k)][str(rng.choice(["rd_expenditure", "hitech_value_added", "tech_contract_value"]))] = ""
    for k in rng.choice(len(rows), size=5, replace=False):
        rows[int(k)]["projects_applied"] = 0
        rows[int(k)]["projects_approved"] = 0
    return rows


UNITS = {
    "population": "万人",
    "gdp": "亿元",
    "rd_expenditure": "万元",
    "hitech_value_added": "亿元",
    "valid_invention_patents": "件",
    "tech_contract_count": "项",
    "tech_contract_value": "万元",
    "projects_applied": "项",
    "projects_approved": "项",
    "funds_planned": "万元",
    "funds_in_place": "万元",
    "funds_spent": "万元",
    "reward_due": "万元",
    "reward_paid": "万元",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "data/sample/counties_synthetic.csv"
    )
    args = parser.parse_args()
    rows = generate(args.seed)
    header = [f"{c}[{UNITS[c]}]" if c in UNITS else c for c in rows[0]]
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row.values())
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
