"""Small hand-sized tables for the cost tests (typed as the schemas say)."""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture
def skus() -> pd.DataFrame:
    return pd.DataFrame({
        "sku": ["PILLOW", "MOTOR", "LAMP", "DRESS"],
        "name": ["Pillow", "Motor", "Desk lamp", "Dress"],
        "category": ["home", "appliances", "appliances", "apparel"],
        "unit_cost": [20.0, 150.0, 60.0, 40.0],
        "cost_currency": ["CNY", "CNY", "CNY", "CNY"],
        "price": [19.99, 89.0, 29.0, 25.0],
        "price_currency": ["USD", "USD", "USD", "USD"],
        "weight_kg": [1.0, 20.0, 1.2, 0.4],
        "length_cm": [50.0, 30.0, 30.0, 30.0],
        "width_cm": [40.0, 30.0, 20.0, 25.0],
        "height_cm": [30.0, 30.0, 10.0, 4.0],
        "moq_units": [100, 50, 100, 200],
        "case_pack_units": [10, 1, 20, 50],
        "production_days": [15, 20, 10, 12],
        "hs_code": ["940490", "850110", "940520", None],
        "has_battery": [False, False, True, False],
        "certificates": [None, "CE;FCC", "UKCA;UN38.3;MSDS", None],
        "barcode": ["4006381333931", "036000291452", "4006381333932", None],
    })


@pytest.fixture
def warehouses() -> pd.DataFrame:
    return pd.DataFrame({
        "warehouse_id": ["US-LA", "UK-LON", "TH-BKK"],
        "name": ["LA 3PL", "London FBT", "Bangkok 3PL"],
        "region": ["US", "UK", "TH"],
        "country": ["US", "GB", "TH"],
        "fulfilment_mode": ["3PL", "FBT", "3PL"],
        "currency": ["USD", "GBP", "THB"],
        "consolidation_days_min": [2, 2, 1], "consolidation_days_typ": [3, 3, 2], "consolidation_days_max": [5, 5, 4],
        "customs_days_min": [1, 1, 1], "customs_days_typ": [3, 2, 1], "customs_days_max": [10, 5, 3],
        "receiving_days_min": [2, 2, 1], "receiving_days_typ": [7, 7, 3], "receiving_days_max": [14, 14, 5],
        "storage_per_cbm_month": [20.0, 18.0, 400.0],
        "storage_peak_surcharge_pct": [50.0, 50.0, 0.0],
        "inbound_per_unit": [0.30, 0.25, 5.0],
        "fulfilment_per_unit": [3.0, 2.5, 30.0],
        "duty_rate_pct": [27.5, 4.0, 5.0],
        "vat_rate_pct": [0.0, 20.0, 7.0],
        "commission_rate_pct": [6.0, 9.0, 14.0],
    })


@pytest.fixture
def lanes() -> pd.DataFrame:
    rows = [
        ("US-LA", "sea", 20, 25, 35, None, 120.0, 1000.0),
        ("US-LA", "air", 5, 7, 10, 6.0, None, 6000.0),
        ("US-LA", "express", 3, 5, 7, 10.0, None, 5000.0),
        ("UK-LON", "sea", 30, 38, 45, None, 110.0, 1000.0),
        ("UK-LON", "air", 5, 7, 10, 4.5, None, 6000.0),
        ("TH-BKK", "sea", 15, 20, 25, None, 5200.0, 1000.0),
        ("TH-BKK", "express", 3, 5, 7, 45.0, None, 5000.0),
    ]
    return pd.DataFrame(rows, columns=["warehouse_id", "freight_mode", "transit_days_min", "transit_days_typ",
                                       "transit_days_max", "rate_per_kg", "rate_per_cbm", "volumetric_divisor"])


@pytest.fixture
def last_mile() -> pd.DataFrame:
    rows = [("US-LA", 1.0, 4.0), ("US-LA", 5.0, 8.0), ("US-LA", 30.0, 20.0),
            ("UK-LON", 2.0, 3.0), ("UK-LON", 30.0, 9.0),
            ("TH-BKK", 1.0, 35.0), ("TH-BKK", 30.0, 120.0)]
    return pd.DataFrame(rows, columns=["warehouse_id", "max_weight_kg", "fee_per_parcel"])


@pytest.fixture
def campaign() -> pd.Series:
    return pd.Series({
        "campaign_id": "BFCM-2026", "name": "Black Friday / Cyber Monday 2026", "regions": "US;UK",
        "start_date": pd.Timestamp("2026-11-27"), "end_date": pd.Timestamp("2026-11-30"),
        "declaration_deadline": pd.Timestamp("2026-10-30"), "inbound_cutoff": pd.Timestamp("2026-11-06"),
        "default_uplift": 3.0,
    })


@pytest.fixture(scope="session")
def sample_tables() -> dict[str, pd.DataFrame]:
    """The committed sample dataset, typed by the same loader the app uses (read once per session)."""
    from pathlib import Path

    from linkstar_analytics.io.validation import load_folder

    res = load_folder(Path(__file__).resolve().parents[2] / "sample_data")
    assert res.ok, res.summary()
    return res.tables
