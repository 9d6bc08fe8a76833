"""Hand-built tables for the worked plan lines (tests/plan/test_plan_handworked.py, test_plan_inputs.py).

One market (US), one 3PL warehouse priced in CNY, costs kept to purchase + first leg + inbound (see the handworked
tests' module docstring for the arithmetic conventions).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

AS_OF = pd.Timestamp("2026-10-01")
CAMPAIGN = "HW-2026"
# The worked lines sell the order from the day it is sellable at the warehouse (no campaign reservation);
# tests/plan/test_reserved_stock.py works the same lines with the order reserved for the campaign.
BASE = dict(cover_days=0, buffer_days=7, service_level_pct=95.0, moq_policy="up", campaign_id=CAMPAIGN,
            reserved_stock="off")
CAPITAL_MONTH = 0.10 / 12  # cost.defaults: capital 10 % a year


def gamma_loss(a: float, theta: float, t: float) -> float:
    """E[(G - t)+] for G ~ Gamma(a, theta), t >= 0."""
    x = t / theta
    return a * theta * special.gammaincc(a + 1, x) - t * special.gammaincc(a, x)


def gamma_params(mean: float, var: float) -> tuple[float, float]:
    return mean * mean / var, var / mean


#: sku: (daily mean b, daily sd s, rho, campaign uplift, production days, unit cost, price, on hand today, MOQ)
SKUS = {
    "FAST": (50.0, 10.0, 0.2, 3.0, 2, 40.0, 120.0, 2000.0, 100),
    "SLOW": (0.5, np.sqrt(1.5), 0.0, 1.0, 2, 40.0, 120.0, 0.0, 300),
    "LOSS": (20.0, 6.0, 0.0, 2.0, 2, 40.0, 50.0, 0.0, 0),
    "LATE": (20.0, 6.0, 0.0, 2.0, 20, 40.0, 120.0, 0.0, 0),
    "SHIP": (20.0, 6.0, 0.0, 2.0, 300, 40.0, 120.0, 0.0, 0),
}


def hand_tables(*, slow_discontinued: bool = False) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    names = list(SKUS)
    skus = pd.DataFrame({
        "sku": names, "name": names, "category": "home",
        "unit_cost": [SKUS[k][5] for k in names], "cost_currency": "CNY",
        "price": [SKUS[k][6] for k in names], "price_currency": "CNY",
        "weight_kg": 0.5, "length_cm": 10.0, "width_cm": 10.0, "height_cm": 10.0,
        "moq_units": [SKUS[k][8] for k in names], "case_pack_units": 10,
        "production_days": [SKUS[k][4] for k in names],
    })
    warehouses = pd.DataFrame([{
        "warehouse_id": "WH-US", "name": "3PL US", "region": "US", "country": "US", "fulfilment_mode": "3PL",
        "currency": "CNY", "consolidation_days_typ": 2, "consolidation_days_max": 2, "customs_days_typ": 2,
        "customs_days_max": 2, "receiving_days_typ": 3, "receiving_days_max": 3, "storage_per_cbm_month": 0.0,
        "storage_peak_surcharge_pct": 0.0, "inbound_per_unit": 0.3, "fulfilment_per_unit": 0.0, "duty_rate_pct": 0.0,
        "vat_rate_pct": 0.0, "commission_rate_pct": 0.0,
    }])
    # sea: 0.001 CBM x 800 CNY = 0.80 a unit; air: 0.5 kg x 30 CNY = 15.00 a unit (10 x 10 x 10 cm is 0.17 kg by volume)
    lanes = pd.DataFrame([
        {"warehouse_id": "WH-US", "freight_mode": "sea", "transit_days_typ": 20, "transit_days_max": 20,
         "rate_per_kg": np.nan, "rate_per_cbm": 800.0, "volumetric_divisor": 1000.0},
        {"warehouse_id": "WH-US", "freight_mode": "air", "transit_days_typ": 5, "transit_days_max": 5,
         "rate_per_kg": 30.0, "rate_per_cbm": np.nan, "volumetric_divisor": 6000.0},
    ])
    last_mile = pd.DataFrame({"warehouse_id": ["WH-US"], "max_weight_kg": [30.0], "fee_per_parcel": [0.0]})
    campaigns = pd.DataFrame([
        {"campaign_id": "HW-2025", "name": "Hand 2025", "regions": "US", "start_date": "2025-11-20",
         "end_date": "2025-11-29", "declaration_deadline": "2025-10-20", "inbound_cutoff": "2025-11-06",
         "default_uplift": 1.0},
        {"campaign_id": CAMPAIGN, "name": "Hand 2026", "regions": "US", "start_date": "2026-11-20",
         "end_date": "2026-11-29", "declaration_deadline": "2026-10-20", "inbound_cutoff": "2026-11-06",
         "default_uplift": 1.0},
    ])
    stock = pd.DataFrame({"sku": names, "warehouse_id": "WH-US", "on_hand_units": [SKUS[k][7] for k in names]})
    # SHIP: 300 units land on 2026-11-16, window day 10
    shipments = pd.DataFrame([{"shipment_id": "S1", "sku": "SHIP", "warehouse_id": "WH-US", "units": 300.0,
                               "freight_mode": "sea", "departure_date": "2026-10-20", "eta_date": "2026-11-16"}])
    presale = pd.DataFrame([{"sku": "FAST", "campaign_id": CAMPAIGN, "region": "US", "presale_units": 400.0,
                             "deposit_paid": False}])
    creators = pd.DataFrame([{"date": "2026-11-20", "sku": "FAST", "creator": "c1", "region": "US",
                              "expected_units": 300.0}])
    # last year's campaign days: 90 units through the shop and 10 through live streams a day (creator share 10 %)
    days = pd.date_range("2025-11-20", "2025-11-29")
    sales = pd.concat([
        pd.DataFrame({"date": days, "sku": "FAST", "units": 90.0, "region": "US", "channel": "shop"}),
        pd.DataFrame({"date": days, "sku": "FAST", "units": 10.0, "region": "US", "channel": "live"}),
    ], ignore_index=True)
    tables = {"skus": skus, "warehouses": warehouses, "freight_lanes": lanes, "last_mile": last_mile,
              "campaigns": campaigns, "stock": stock, "shipments": shipments, "presale": presale,
              "creators": creators, "sales": sales}
    dates = pd.date_range(AS_OF, periods=150, freq="D")
    rows = []
    for k in names:
        b, s, rho = SKUS[k][:3]
        mean = np.full(dates.size, b)
        if k == "SLOW" and slow_discontinued:
            mean = np.where(dates > pd.Timestamp("2026-11-29"), 0.0, mean)
        rows.append(pd.DataFrame({"sku": k, "region": "US", "date": dates, "mean": mean,
                                  "sigma": np.where(mean > 0, s, 0.0), "rho": rho}))
    forecast = pd.concat(rows, ignore_index=True)
    uplift = pd.DataFrame({"sku": names, "region": "US", "campaign_id": CAMPAIGN,
                           "uplift": [SKUS[k][3] for k in names], "cv": 0.0})
    return tables, forecast, uplift


COST_TABLES = {
    "rush_curve": pd.DataFrame({"days_departure_to_campaign": [0.0, 100.0], "surcharge_pct": [0.0, 0.0]}),
    "return_rates": pd.DataFrame({"category": ["*"], "return_rate_pct": [0.0]}),
}


