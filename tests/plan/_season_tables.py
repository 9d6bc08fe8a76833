"""Hand-built season: one SKU, one 3PL warehouse in the US priced in CNY, a planned campaign and a later one.

Costs are purchase + first leg + inbound + storage (no duty, VAT, commission, fulfilment, last mile, returns, rush),
so every figure of tests/plan/test_season.py is arithmetic you can do by hand (written out there).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

AS_OF = pd.Timestamp("2026-10-01")
PLANNED = "SEA-A"
LATER = "SEA-B"
COST_TABLES = {
    "rush_curve": pd.DataFrame({"days_departure_to_campaign": [0.0, 100.0], "surcharge_pct": [0.0, 0.0]}),
    "return_rates": pd.DataFrame({"category": ["*"], "return_rate_pct": [0.0]}),
}


def season_tables(*, air_rate_per_kg: float = 10.0, storage_per_cbm_month: float = 6000.0, sigma: float = 0.0,
                  rho: float = 0.0) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    """Daily baseline 10 units (sd ``sigma``, correlation ``rho``); SEA-A (2026-11-20..29, uplift 2) is planned,
    SEA-B (2026-12-20..26, uplift 3) follows it. A unit weighs 0.5 kg in 10 x 10 x 10 cm (0.001 CBM): sea 800 CNY
    per CBM = 0.80 a unit, air ``air_rate_per_kg`` x 0.5 kg; storage ``storage_per_cbm_month`` x 0.001 a unit-month."""
    skus = pd.DataFrame([{
        "sku": "K1", "name": "K1", "category": "home", "unit_cost": 40.0, "cost_currency": "CNY", "price": 120.0,
        "price_currency": "CNY", "weight_kg": 0.5, "length_cm": 10.0, "width_cm": 10.0, "height_cm": 10.0,
        "moq_units": 0, "case_pack_units": 1, "production_days": 2,
    }])
    warehouses = pd.DataFrame([{
        "warehouse_id": "WH-US", "name": "3PL US", "region": "US", "country": "US", "fulfilment_mode": "3PL",
        "currency": "CNY", "consolidation_days_typ": 2, "consolidation_days_max": 2, "customs_days_typ": 2,
        "customs_days_max": 2, "receiving_days_typ": 3, "receiving_days_max": 3,
        "storage_per_cbm_month": storage_per_cbm_month, "storage_peak_surcharge_pct": 0.0, "inbound_per_unit": 0.3,
        "fulfilment_per_unit": 0.0, "duty_rate_pct": 0.0, "vat_rate_pct": 0.0, "commission_rate_pct": 0.0,
    }])
    lanes = pd.DataFrame([
        {"warehouse_id": "WH-US", "freight_mode": "sea", "transit_days_typ": 20, "transit_days_max": 20,
         "rate_per_kg": np.nan, "rate_per_cbm": 800.0, "volumetric_divisor": 1000.0},
        {"warehouse_id": "WH-US", "freight_mode": "air", "transit_days_typ": 5, "transit_days_max": 5,
         "rate_per_kg": air_rate_per_kg, "rate_per_cbm": np.nan, "volumetric_divisor": 6000.0},
    ])
    last_mile = pd.DataFrame({"warehouse_id": ["WH-US"], "max_weight_kg": [30.0], "fee_per_parcel": [0.0]})
    campaigns = pd.DataFrame([
        {"campaign_id": PLANNED, "name": "Campaign A", "regions": "US", "start_date": "2026-11-20",
         "end_date": "2026-11-29", "declaration_deadline": "2026-10-20", "inbound_cutoff": "2026-11-06",
         "default_uplift": 2.0},
        {"campaign_id": LATER, "name": "Campaign B", "regions": "US", "start_date": "2026-12-20",
         "end_date": "2026-12-26", "declaration_deadline": "2026-11-25", "inbound_cutoff": "2026-12-10",
         "default_uplift": 3.0},
    ])
    stock = pd.DataFrame({"sku": ["K1"], "warehouse_id": ["WH-US"], "on_hand_units": [0.0]})
    tables = {"skus": skus, "warehouses": warehouses, "freight_lanes": lanes, "last_mile": last_mile,
              "campaigns": campaigns, "stock": stock}
    dates = pd.date_range(AS_OF, periods=150, freq="D")
    forecast = pd.DataFrame({"sku": "K1", "region": "US", "date": dates, "mean": 10.0, "sigma": sigma, "rho": rho})
    uplift = pd.DataFrame({"sku": ["K1", "K1"], "region": "US", "campaign_id": [PLANNED, LATER],
                           "uplift": [2.0, 3.0], "cv": 0.0})
    return tables, forecast, uplift
