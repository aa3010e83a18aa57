"""Writes data/sample/firms_synthetic.csv: 200 SYNTHETIC firms of an invented county with the
inputs of the tech-SME (tech-sme-2017) and HNTE (hnte-2016) rule packs, for the reserve-pool
screening notebook. Seeded: rerunning it writes the same bytes."""

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parents[1] / "data" / "sample" / "firms_synthetic.csv"


def firms(n: int = 200, seed: int = 20261201) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    employees = rng.integers(8, 400, n)
    sales = np.round(rng.lognormal(np.log(4000), 0.9, n), 1)  # 万元
    rd_share = rng.uniform(0.03, 0.09, n)
    table = pd.DataFrame(
        {
            "firm": [f"F{k:04d}" for k in range(1, n + 1)],
            "name": [f"示例科技{k}号有限公司" for k in range(1, n + 1)],
            "registered_days": rng.integers(200, 6000, n),
            "in_supported_field": (rng.random(n) < 0.85).astype(int),
            "employees": employees,
            "st_staff": np.floor(employees * rng.uniform(0.05, 0.4, n)).astype(int),
            "sales": sales,
            "sales_y1": np.round(sales * rng.uniform(0.6, 1.0, n), 1),
            "sales_y2": np.round(sales * rng.uniform(0.75, 1.05, n), 1),
            "sales_y3": sales,
            "assets": np.round(sales * rng.uniform(0.5, 2.0, n), 1),
            "rd_expense": np.round(sales * rd_share, 1),
            "rd_y1": np.round(sales * rd_share * rng.uniform(0.6, 1.0, n), 1),
            "rd_y2": np.round(sales * rd_share * rng.uniform(0.8, 1.1, n), 1),
            "rd_y3": np.round(sales * rd_share, 1),
            "total_cost": np.round(sales * rng.uniform(0.7, 0.95, n), 1),
            "ip_class1": rng.poisson(0.8, n),
            "ip_class2": rng.poisson(3.0, n),
            "conversions_3y": rng.poisson(3.0, n),
            "years_operating": np.minimum(3, rng.integers(1, 12, n)),
            "net_assets_y1": np.round(sales * rng.uniform(0.2, 0.6, n), 1),
            "net_assets_y2": np.round(sales * rng.uniform(0.25, 0.7, n), 1),
            "net_assets_y3": np.round(sales * rng.uniform(0.3, 0.8, n), 1),
            "tech_advancement": rng.integers(4, 9, n),
            "core_support": rng.integers(4, 9, n),
            "ip_acquisition": rng.integers(3, 7, n),
            "rd_organisation": rng.integers(3, 7, n),
            "rd_platform": rng.integers(3, 7, n),
            "transfer_system": rng.integers(2, 5, n),
            "talent_system": rng.integers(2, 5, n),
            "hnte_certified": (rng.random(n) < 0.08).astype(int),
        }
    )
    # R&D in China is part of the R&D of the years the firm has existed, up to 3 (indicators.md §6a,
    # condition 5): a firm 2 years old has no rd_y1 to count (hnte-2016 checks rd_domestic against it).
    years = table.years_operating
    rd_existed = table.rd_y3 + np.where(years >= 2, table.rd_y2, 0) + np.where(years >= 3, table.rd_y1, 0)
    table["rd_domestic"] = np.round(rd_existed * rng.uniform(0.85, 1.0, n), 1)
    table["total_income"] = np.round(table.sales_y3 * rng.uniform(1.0, 1.1, n), 1)
    table["hitech_income"] = np.round(table.total_income * rng.uniform(0.45, 0.95, n), 1)
    return table


if __name__ == "__main__":
    firms().to_csv(OUT, index=False)
    print(f"wrote {OUT}")
