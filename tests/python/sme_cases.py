"""Firms for the tech-SME scorecard tests, shared by the test files that build them."""

import pandas as pd


def sme_firms(**columns):
    """tech-sme-2017 firms: indicators.md §6b's first case (40 staff, 12 S&T, 2 class II IP: 62
    points), changed by `columns` (lists, one value per firm)."""
    n = max((len(v) for v in columns.values()), default=1)
    base = {
        "employees": 40,
        "st_staff": 12,
        "sales": 1000.0,
        "assets": 500.0,
        "rd_expense": 45.0,
        "total_cost": 45 / 0.22,
        "ip_class1": 0,
        "ip_class2": 2,
    }
    return pd.DataFrame({k: columns.get(k, [v] * n) for k, v in base.items()})
