"""Small synthetic series for the forecasting tests (the sample data is tested elsewhere)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from linkstar_analytics.forecast.holidays import campaign_mask

HISTORY_START = "2024-06-01"
N_DAYS = 560


def make_campaigns() -> pd.DataFrame:
    return pd.DataFrame({
        "campaign_id": ["BFCM-2024", "BFCM-2025", "11.11-2024", "11.11-2025"],
        "name": ["Black Friday Cyber Monday", "Black Friday Cyber Monday", "11.11 Mega Sale", "11.11 Mega Sale"],
        "regions": ["US;UK", "US;UK", "US;TH", "US;TH"],
        "start_date": ["2024-11-29", "2025-11-28", "2024-11-11", "2025-11-11"],
        "end_date": ["2024-12-02", "2025-12-01", "2024-11-11", "2025-11-11"],
        "declaration_deadline": ["2024-10-15", "2025-10-15", "2024-10-01", "2025-10-01"],
        "inbound_cutoff": ["2024-11-01", "2025-11-01", "2024-10-25", "2025-10-25"],
        "default_uplift": [2.5, 2.5, 2.0, 2.0],
    })


def make_sales(n_series: int = 24, seed: int = 0, lift: float = 3.0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Poisson daily sales with a weekly pattern; campaign days multiplied by ``lift``; zero days dropped."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range(HISTORY_START, periods=N_DAYS)
    level = rng.gamma(1.5, 4.0, size=n_series)
    level[: n_series // 4] = 0.3  # intermittent sellers
    weekly = 1 + 0.3 * np.sin(2 * np.pi * np.arange(N_DAYS) / 7)
    regions = np.array(["US", "UK", "TH"])[np.arange(n_series) % 3]
    lam = level[:, None] * weekly[None, :] * np.where(campaign_mask(make_campaigns(), regions, dates), lift, 1.0)
    y = rng.poisson(lam)
    skus = [f"SKU{i:03d}" for i in range(n_series)]
    sales = pd.DataFrame({"date": np.tile(dates, n_series), "sku": np.repeat(skus, N_DAYS),
                          "region": np.repeat(regions, N_DAYS), "channel": "shop", "units": y.ravel()})
    sales = sales[sales["units"] > 0].reset_index(drop=True)
    sku_tab = pd.DataFrame({"sku": skus, "category": np.where(np.arange(n_series) % 2 == 0, "home", "beauty")})
    return sales, sku_tab


def edge_sales() -> pd.DataFrame:
    """Short, intermittent, constant, all-zero and new (5-day) series ending on the same day."""
    end = pd.Timestamp("2025-06-30")
    rows = []
    for d in pd.date_range(end - pd.Timedelta(days=20), end):  # short: 21 days
        rows.append((d, "short", 3 + d.day % 4))
    for i, d in enumerate(pd.date_range(end - pd.Timedelta(days=200), end)):  # intermittent
        if i % 9 == 0:
            rows.append((d, "intermittent", 2))
    for d in pd.date_range(end - pd.Timedelta(days=120), end):  # constant
        rows.append((d, "constant", 5))
    for d in pd.date_range(end - pd.Timedelta(days=90), end):  # all zero (explicit zero rows)
        rows.append((d, "zero", 0))
    for d in pd.date_range(end - pd.Timedelta(days=4), end):  # new SKU, 5 days
        rows.append((d, "new", 4))
    df = pd.DataFrame(rows, columns=["date", "sku", "units"])
    df["region"] = "US"
    return df


@pytest.fixture(scope="session")
def synthetic():
    sales, skus = make_sales()
    return sales, skus, make_campaigns()
