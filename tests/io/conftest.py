"""A tiny valid dataset (3 SKUs, 2 warehouses, 30 days of sales), independent of the sample generator."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

SKUS = ["SKU-A", "SKU-B", "SKU-C"]


def good_frames() -> dict[str, pd.DataFrame]:
    """Raw (as written to CSV) frames of a complete, valid dataset."""
    skus = pd.DataFrame({
        "sku": SKUS, "name": ["Desk lamp", "收纳盒 Storage box", "Phone case"],
        "category": ["home", "home", "phone_accessories"], "unit_cost": [35.0, 12.5, 4.2],
        "cost_currency": "CNY", "price": [29.99, 12.99, 9.99], "price_currency": "USD",
        "weight_kg": [0.9, 0.4, 0.05], "length_cm": [30, 20, 18], "width_cm": [15, 15, 9], "height_cm": [10, 8, 2],
        "moq_units": [300, 500, 1000], "case_pack_units": [20, 40, 200], "production_days": [15, 10, 7],
        "has_battery": ["true", "", "false"], "certificates": ["CE;FCC", "", "ce"],
    })
    warehouses = pd.DataFrame({
        "warehouse_id": ["US-FBT-1", "US-3PL-1"], "name": ["FBT US West", "3PL Ontario CA"], "region": "US",
        "country": "US", "fulfilment_mode": ["FBT", "3PL"], "currency": "USD",
        "consolidation_days_min": 2, "consolidation_days_typ": 3, "consolidation_days_max": 5,
        "customs_days_min": 1, "customs_days_typ": 3, "customs_days_max": 7,
        "receiving_days_min": 2, "receiving_days_typ": 5, "receiving_days_max": 10,
        "storage_per_cbm_month": [25.0, 18.0], "storage_peak_surcharge_pct": [100.0, 50.0],
        "inbound_per_unit": [0.3, 0.25], "fulfilment_per_unit": [3.2, 2.8],
        "duty_rate_pct": 7.5, "vat_rate_pct": 0.0, "commission_rate_pct": 6.0,
    })
    lanes = pd.DataFrame({
        "warehouse_id": ["US-FBT-1", "US-FBT-1", "US-3PL-1"], "freight_mode": ["sea", "air", "sea"],
        "transit_days_min": [18, 5, 20], "transit_days_typ": [25, 7, 28], "transit_days_max": [40, 12, 45],
        "rate_per_kg": ["", 6.5, ""], "rate_per_cbm": [120.0, "", 110.0], "volumetric_divisor": [1000, 6000, 1000],
    })
    last_mile = pd.DataFrame({"warehouse_id": ["US-FBT-1", "US-FBT-1", "US-3PL-1"], "max_weight_kg": [0.5, 2.0, 2.0],
                              "fee_per_parcel": [3.5, 5.0, 4.8]})
    stock = pd.DataFrame({"sku": ["SKU-A", "SKU-B", "SKU-C", "SKU-A"],
                          "warehouse_id": ["US-FBT-1", "US-FBT-1", "US-3PL-1", "US-3PL-1"],
                          "on_hand_units": [120, 40, 900, 10]})
    campaigns = pd.DataFrame({
        "campaign_id": ["BFCM-2026"], "name": ["Black Friday / Cyber Monday"], "regions": ["US;UK"],
        "start_date": ["2026-11-27"], "end_date": ["2026-11-30"], "declaration_deadline": ["2026-10-10"],
        "inbound_cutoff": ["2026-11-10"], "default_uplift": [3.0],
    })
    days = pd.date_range("2026-09-01", periods=30, freq="D")
    sales = pd.DataFrame({
        "date": [d.strftime("%Y-%m-%d") for d in days for _ in SKUS],
        "sku": SKUS * len(days),
        "units": [(i * 7) % 11 for i in range(len(days) * len(SKUS))],
        "region": "US", "channel": "shop",
    })
    return {"skus": skus, "warehouses": warehouses, "freight_lanes": lanes, "last_mile": last_mile,
            "stock": stock, "campaigns": campaigns, "sales": sales}


def write_good_dataset(folder: Path) -> Path:
    """Write the valid dataset as CSV (UTF-8) into ``folder``; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in good_frames().items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


@pytest.fixture
def good_dir(tmp_path: Path) -> Path:
    return write_good_dataset(tmp_path / "good")


@pytest.fixture
def make_good_dataset():
    """The function writing the valid dataset into a folder (for tests that alter it)."""
    return write_good_dataset


@pytest.fixture
def good_tables() -> dict[str, pd.DataFrame]:
    return good_frames()
