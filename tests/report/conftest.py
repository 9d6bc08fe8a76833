"""Shared frames for the report tests: plan lines and schedule with hostile and Chinese text."""

from __future__ import annotations

import pandas as pd
import pytest

HOSTILE_SKU = '=HYPERLINK("http://x","y")'
HOSTILE_NAME = "@SUM(A1)"


@pytest.fixture
def lines() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sku": ["MUG-01", HOSTILE_SKU, "00123", "LAMP-9"],
            "name": ["保温杯 350ml", HOSTILE_NAME, "-2+3+cmd|' /C calc'!A0", "Desk lamp"],
            "category": ["home", "home", "beauty", "home"],
            "region": ["US", "US", "UK", "TH"],
            "warehouse_id": ["US-FBT-1", "US-3PL-2", "UK-FBT-1", "TH-SELF"],
            "fulfilment_mode": ["FBT", "3PL", "FBT", "SELF"],
            "freight_mode": ["sea", "air", "express", "sea"],
            "demand_mean": [100.4, 50.5, 3.2, 0.0],
            "demand_p10": [80.0, 40.0, 1.0, 0.0],
            "demand_p50": [98.0, 50.0, 3.0, 0.0],
            "demand_p90": [150.0, 70.0, 5.4, 0.0],
            "presale_units": [10.0, 0.0, None, 2.0],
            "service_level_pct": [95.0, 95.0, 90.0, 90.0],
            "qty_before_rounding": [117.3, 60.2, 4.0, 0.0],
            "qty_after_rounding": [120.0, 60.0, 12.0, 0.0],
            "rounding_surplus": [2.7, 0.0, 8.0, 0.0],
            "moq_units": [100, 50, 12, 0],
            "case_pack_units": [24, 10, 12, 1],
            "stockout_prob": [0.05, 0.2, 0.01, 0.0],
            "expected_lost_units": [1.0, 3.0, 0.0, 0.0],
            "expected_leftover_units": [20.0, 5.0, 8.0, 0.0],
            "landed_cost_per_unit": [3.456, 4.1, 2.0, 1.25],
            "total_landed_cost": [414.72, 246.0, 24.0, 0.0],
            "currency": ["USD", "USD", "USD", "USD"],
            "flags": ["", "<b>late</b>", None, "=1+1"],
        }
    )


@pytest.fixture
def schedule() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "warehouse_id": ["UK-FBT-1", "US-FBT-1", "TH-SELF"],
            "sku": ["00123", "MUG-01", "LAMP-9"],
            "latest_po_date": pd.to_datetime(["2026-10-03", "2026-10-01", "2026-10-05"]),
            "consolidation_start": pd.to_datetime(["2026-10-15", "2026-10-12", "2026-10-18"]),
            "ship_by": pd.to_datetime(["2026-10-21", "2026-10-20", "2026-10-25"]),
            "arrival_port": pd.to_datetime(["2026-10-28", "2026-11-10", "2026-11-05"]),
            "available_by": pd.to_datetime(["2026-11-02", "2026-11-15", "2026-11-08"]),
            "is_late": [True, False, False],
            "days_late": [3, 0, 0],
        }
    )
