"""Straightforward pandas implementations of zhibiao's computations: what an analyst writes by
hand. The benchmarks time them next to zhibiao and check that both give the same answers."""

from __future__ import annotations

import numpy as np
import pandas as pd

SCALE = {"件": 0, "项": 0, "万人": 4, "万元": 4, "亿元": 8}

# id: (numerator, denominator, output exponent, valid max, numerator min, denominator min)
CATALOGUE = {
    "invention_patents_per_10k": ("valid_invention_patents", "population", -4, np.inf),
    "hitech_va_share_gdp": ("hitech_value_added", "gdp", -2, 100),
    "hitech_va_share_industry": ("hitech_value_added", "industrial_value_added", -2, 100),
    "rd_intensity": ("rd_expenditure", "gdp", -2, 100),
    "tech_contract_share_gdp": ("tech_contract_value", "gdp", -2, np.inf),
    "tech_contract_per_10k": ("tech_contract_value", "population", 0, np.inf),
    "tech_contract_avg_value": ("tech_contract_value", "tech_contract_count", 4, np.inf),
    "project_approval_rate": ("projects_approved", "projects_applied", -2, 100),
    "funds_in_place_rate": ("funds_in_place", "funds_planned", -2, np.inf),
    "budget_execution_rate": ("funds_spent", "funds_in_place", -2, 100),
    "reward_payout_rate": ("reward_paid", "reward_due", -2, 100),
    "funds_secured_rate": ("funds_secured", "funds_applied", -2, 100),
    "target_completion_rate": ("actual", "target", -2, np.inf),
}


def pandas_catalogue(df: pd.DataFrame, units: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every indicator of the catalogue, annual periods (elapsed = 1), with reasons as strings."""
    values, reasons = {}, {}
    for id_, (num, den, out_exp, vmax) in CATALOGUE.items():
        x, d = df[num], df[den]
        exponent = SCALE[units[num]] - SCALE[units[den]] - out_exp
        v = (x / d) * 10.0**exponent if exponent >= 0 else (x / d) / 10.0 ** (-exponent)
        why = np.select(
            [x.isna(), d.isna(), (x < 0) | (d < 0), d == 0, (v < 0) | (v > vmax)],
            ["missing_input", "missing_input", "negative_input", "zero_denominator", "out_of_range"],
            default="",
        )
        values[id_] = v.where(why == "")
        reasons[id_] = why
    completion = values["target_completion_rate"]
    values["progress_vs_time"] = completion - 100.0
    reasons["progress_vs_time"] = reasons["target_completion_rate"]
    return pd.DataFrame(values), pd.DataFrame(reasons)


def pandas_patents_in_force(records: pd.DataFrame, dates: pd.DatetimeIndex) -> pd.DataFrame:
    """Valid invention patents per region at each date, the way an analyst writes it in pandas:
    a validity mask per date, then a group-by count."""
    inventions = records[records["kind"] == "invention"]
    expiry = inventions["filing_date"] + pd.DateOffset(years=20)
    end = inventions["end_date"]
    stop = expiry.where(end.isna() | (expiry < end), end)
    ok = (inventions["grant_date"] >= inventions["filing_date"]) & (end.isna() | (end >= inventions["grant_date"]))
    counts = {}
    for date in dates:
        valid = ok & (inventions["grant_date"] <= date) & (date < stop)
        counts[date] = valid.groupby(inventions["region"]).sum()
    return pd.DataFrame(counts).fillna(0).astype(np.int64)


def numpy_tech_sme(c: dict) -> tuple[np.ndarray, np.ndarray]:
    """tech-sme-2017 the vectorised numpy way: np.select over the bands (total, passed)."""
    share = c["st_staff"] / c["employees"]
    st_points = np.select(
        [share >= 0.30, share >= 0.25, share >= 0.20, share >= 0.15, share >= 0.10], [20, 16, 12, 8, 4], 0
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        by_sales = np.where(c["sales"] > 0, c["rd_expense"] / c["sales"], np.nan)
        by_cost = np.where(c["total_cost"] > 0, c["rd_expense"] / c["total_cost"], np.nan)
    rd1 = np.select(
        [by_sales >= 0.06, by_sales >= 0.05, by_sales >= 0.04, by_sales >= 0.03, by_sales >= 0.02],
        [50, 40, 30, 20, 10],
        0,
    )
    rd2 = np.select(
        [by_cost >= 0.30, by_cost >= 0.25, by_cost >= 0.20, by_cost >= 0.15, by_cost >= 0.10], [50, 40, 30, 20, 10], 0
    )
    ip = np.maximum(
        np.where(c["ip_class1"] >= 1, 30, 0),
        np.select(
            [c["ip_class2"] >= 4, c["ip_class2"] >= 3, c["ip_class2"] >= 2, c["ip_class2"] >= 1], [24, 18, 12, 6], 0
        ),
    )
    total = st_points + np.maximum(rd1, rd2) + ip
    eligible = (c["employees"] <= 500) & (c["sales"] <= 20000) & (c["assets"] <= 20000)
    direct = eligible & (c["hnte_certified"] == 1)
    passed = direct | (eligible & (total >= 60) & (st_points > 0))
    # a firm confirmed directly is not scored (第八条): no total, as zhibiao gives it
    return np.where(direct, np.nan, total.astype(np.float64)), passed


def _skew_kurt(v: np.ndarray) -> tuple[float, float]:
    v = v[~np.isnan(v)]
    n = len(v)
    d = v - v.mean()
    m2, m3, m4 = (d**2).mean(), (d**3).mean(), (d**4).mean()
    if m2 == 0:
        return np.nan, np.nan
    skew = np.sqrt(n * (n - 1)) / (n - 2) * m3 / m2**1.5
    kurt = ((n + 1) * (m4 / m2**2 - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return skew, kurt


def pandas_composite(
    df: pd.DataFrame, meta: pd.DataFrame, denominators: dict[str, str], group: str, winmax: int = 5
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """COINr's pipeline by hand: denominate, group-mean imputation, the skew/kurtosis outlier rule
    with winsorisation (log fallback), min-max to [0, 100] with directions, weighted arithmetic
    means level by level (missing children left out), ranks of every node (ties "min")."""
    leaves = meta[meta["level"] == 1]
    ind = leaves["code"].tolist()
    x = df[ind].copy()
    for i, d in denominators.items():
        x[i] = x[i] / df[d].where(df[d] != 0)
    x = x.fillna(x.groupby(df[group]).transform("mean"))
    for c in ind:
        v = x[c].to_numpy(copy=True)
        skew, kurt = _skew_kurt(v)
        if abs(skew) < 2 or kurt < 3.5:
            continue
        w, changed = v.copy(), np.zeros(len(v), bool)
        while changed.sum() < winmax:
            high = _skew_kurt(w)[0] >= 0
            extreme = np.nanmax(w) if high else np.nanmin(w)
            at = w == extreme
            rest = w[~at & ~np.isnan(w)]
            if not len(rest):
                break
            w[at] = rest.max() if high else rest.min()
            changed |= at
            s, k = _skew_kurt(w)
            if abs(s) < 2 or k < 3.5:
                break
        s, k = _skew_kurt(w)
        if abs(s) < 2 or k < 3.5:
            x[c] = w
        else:
            lo, hi = np.nanmin(v), np.nanmax(v)
            x[c] = np.log(v - lo + 0.01 * (hi - lo))
    x = x * leaves.set_index("code")["direction"]
    scores = (x - x.min()) / (x.max() - x.min()) * 100
    weights = meta.set_index("code")["weight"]
    for level in range(2, int(meta["level"].max()) + 1):
        for node in meta.loc[meta["level"] == level, "code"]:
            children = meta.loc[meta["parent"] == node, "code"].tolist()
            sub, w = scores[children], weights[children]
            scores[node] = (sub * w).sum(axis=1, min_count=1) / (sub.notna() * w).sum(axis=1)
    return scores, scores.rank(ascending=False, method="min")


class ColumnRead:
    """The least work that looks at every input once: a numpy sum of each column, the firms split
    into `threads` contiguous ranges (as the scorecard kernels split them), one thread a range.
    A kernel that scores from these columns cannot run faster than this read of them, so its
    time over this one says how far it is from the memory's speed on this machine. numpy's sum
    is vectorised and releases the GIL, so two threads read two ranges at once."""

    def __init__(self, columns: list[np.ndarray | None], threads: int) -> None:
        self.columns = [np.ascontiguousarray(c, dtype=np.float64) for c in columns if c is not None]
        n = len(self.columns[0]) if self.columns else 0
        self.bounds = np.linspace(0, n, max(1, threads) + 1).astype(np.int64)
        self.nbytes = sum(c.nbytes for c in self.columns)
        self._pool = None
        if threads > 1:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(threads)

    def _part(self, i: int) -> float:
        lo, hi = int(self.bounds[i]), int(self.bounds[i + 1])
        return sum(float(np.add.reduce(c[lo:hi])) for c in self.columns)

    def __call__(self) -> float:
        if self._pool is None:
            return self._part(0)
        return sum(self._pool.map(self._part, range(len(self.bounds) - 1)))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
