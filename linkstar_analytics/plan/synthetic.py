"""A small seeded synthetic dataset + baseline forecast for plan tests and the plan benchmark.

Not sample data for users (that is ``io.sample_data``): it only has the columns the plan reads, with
figures in the ranges of defaults.md (sea 25-35 days, air 5-10, FBT inbound, duty/VAT by market).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

__all__ = ["synthetic_plan_data"]

_WAREHOUSES = (
    # id, region, mode, currency, storage/cbm/month, duty %, vat %, commission %
    ("FBT-US", "US", "FBT", "USD", 28.0, 27.5, 0.0, 6.0),
    ("3PL-US-LA", "US", "3PL", "USD", 18.0, 27.5, 0.0, 6.0),
    ("3PL-US-NJ", "US", "3PL", "USD", 20.0, 27.5, 0.0, 6.0),
    ("SELF-US", "US", "SELF", "USD", 15.0, 27.5, 0.0, 6.0),
    ("FBT-UK", "UK", "FBT", "GBP", 22.0, 4.0, 20.0, 9.0),
    ("3PL-UK", "UK", "3PL", "GBP", 17.0, 4.0, 20.0, 9.0),
    ("FBT-TH", "TH", "FBT", "THB", 350.0, 5.0, 7.0, 12.0),
    ("3PL-TH", "TH", "3PL", "THB", 300.0, 5.0, 7.0, 12.0),
)


def synthetic_plan_data(n_skus: int = 50, *, seed: int = 7, as_of: str = "2026-10-01",
                        regions: tuple[str, ...] = ("US", "UK", "TH"), horizon_days: int = 150,
                        n_warehouses: int = 8) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, pd.DataFrame]:
    """``(tables, forecast, uplift)`` for ``n_skus`` SKUs selling in ``regions``.

    The campaign ``MEGA-2026`` runs 2026-11-20 .. 2026-11-30 (inbound cutoff 2026-11-06) in every region.
    """
    rng = np.random.default_rng(seed)
    as_of_ts = pd.Timestamp(as_of)
    skus = [f"SKU{i:05d}" for i in range(n_skus)]
    cost = rng.uniform(8, 120, n_skus).round(2)
    sku_t = pd.DataFrame({
        "sku": skus, "name": [f"商品 {i}" for i in range(n_skus)],
        "category": rng.choice(["home", "beauty", "apparel", "appliances", "phone_accessories"], n_skus),
        "unit_cost": cost, "cost_currency": "CNY",
        "price": (cost / 7.1 * rng.uniform(2.5, 4.0, n_skus)).round(2), "price_currency": "USD",
        "weight_kg": rng.uniform(0.1, 2.5, n_skus).round(3),
        "length_cm": rng.uniform(5, 40, n_skus).round(1), "width_cm": rng.uniform(5, 30, n_skus).round(1),
        "height_cm": rng.uniform(2, 20, n_skus).round(1),
        "moq_units": rng.choice([0, 50, 100, 300], n_skus), "case_pack_units": rng.choice([1, 6, 12, 24], n_skus),
        "production_days": rng.integers(7, 25, n_skus),
    })
    wh = [w for w in _WAREHOUSES if w[1] in regions][:n_warehouses]
    wh_t = pd.DataFrame({
        "warehouse_id": [w[0] for w in wh], "name": [w[0] for w in wh], "region": [w[1] for w in wh],
        "country": [{"UK": "GB"}.get(w[1], w[1]) for w in wh], "fulfilment_mode": [w[2] for w in wh],
        "currency": [w[3] for w in wh],
        "consolidation_days_min": 2, "consolidation_days_typ": 4, "consolidation_days_max": 7,
        "customs_days_min": 1, "customs_days_typ": 3, "customs_days_max": 10,
        "receiving_days_min": 2, "receiving_days_typ": 7, "receiving_days_max": 14,
        "storage_per_cbm_month": [w[4] for w in wh], "storage_peak_surcharge_pct": 50.0,
        "inbound_per_unit": [0.31 if w[3] == "USD" else (0.3 if w[3] == "GBP" else 8.0) for w in wh],
        "fulfilment_per_unit": [3.58 if w[3] == "USD" else (3.0 if w[3] == "GBP" else 40.0) for w in wh],
        "duty_rate_pct": [w[5] for w in wh], "vat_rate_pct": [w[6] for w in wh],
        "commission_rate_pct": [w[7] for w in wh],
    })
    lanes = []
    for w in wh:
        fxr = {"USD": 1.0, "GBP": 0.76, "THB": 32.5}[w[3]]
        lanes += [
            (w[0], "sea", 20, 28, 40, np.nan, 120.0 * fxr, 1000.0),
            (w[0], "air", 4, 7, 12, 6.0 * fxr, np.nan, 6000.0),
            (w[0], "express", 3, 5, 8, 10.0 * fxr, np.nan, 5000.0),
        ]
    lane_t = pd.DataFrame(lanes, columns=["warehouse_id", "freight_mode", "transit_days_min", "transit_days_typ",
                                          "transit_days_max", "rate_per_kg", "rate_per_cbm", "volumetric_divisor"])
    camp_t = pd.DataFrame({
        "campaign_id": ["MEGA-2026"], "name": ["Mega sale"], "regions": [";".join(regions)],
        "start_date": ["2026-11-20"], "end_date": ["2026-11-30"], "declaration_deadline": ["2026-10-20"],
        "inbound_cutoff": ["2026-11-06"], "default_uplift": [2.5],
    })
    # stock: most SKUs in one or two warehouses of each market
    wids = np.array([w[0] for w in wh])
    stock_rows = rng.random((n_skus, len(wh))) < 0.35
    si, wi = np.nonzero(stock_rows)
    stock_t = pd.DataFrame({"sku": np.array(skus)[si], "warehouse_id": wids[wi],
                            "on_hand_units": rng.integers(0, 200, si.size).astype(float)})
    n_ship = max(n_skus // 2, 1)
    ship_wh = rng.integers(0, len(wh), n_ship)
    ship_t = pd.DataFrame({
        "shipment_id": [f"S{i}" for i in range(n_ship)], "sku": np.array(skus)[rng.integers(0, n_skus, n_ship)],
        "warehouse_id": wids[ship_wh], "units": rng.integers(20, 300, n_ship).astype(float),
        "freight_mode": "sea", "departure_date": as_of_ts - pd.Timedelta(days=5),
        "eta_date": as_of_ts + pd.to_timedelta(rng.integers(10, 60, n_ship), unit="D"),
    }).drop_duplicates(["shipment_id", "sku"])
    pre_rows = rng.random((n_skus, len(regions))) < 0.3
    pi, ri = np.nonzero(pre_rows)
    presale_t = pd.DataFrame({"sku": np.array(skus)[pi], "campaign_id": "MEGA-2026", "region": np.array(regions)[ri],
                              "presale_units": rng.integers(10, 400, pi.size).astype(float),
                              "deposit_paid": rng.random(pi.size) < 0.4})
    n_cr = max(n_skus // 5, 1)
    creators_t = pd.DataFrame({
        "date": pd.Timestamp("2026-11-22") + pd.to_timedelta(rng.integers(0, 8, n_cr), unit="D"),
        "sku": np.array(skus)[rng.integers(0, n_skus, n_cr)], "creator": [f"c{i}" for i in range(n_cr)],
        "region": np.array(regions)[rng.integers(0, len(regions), n_cr)],
        "expected_units": rng.integers(20, 500, n_cr).astype(float),
    })
    lm = pd.DataFrame({
        "warehouse_id": np.repeat(wh_t["warehouse_id"].to_numpy(), 3),
        "max_weight_kg": np.tile([0.5, 2.0, 30.0], len(wh)),
        "fee_per_parcel": np.concatenate([np.array([3.2, 5.5, 9.0]) * {"USD": 1.0, "GBP": 0.8, "THB": 12.0}[w[3]]
                                          for w in wh]),
    })
    tables = {"skus": sku_t, "warehouses": wh_t, "freight_lanes": lane_t, "last_mile": lm, "campaigns": camp_t,
              "stock": stock_t,
              "shipments": ship_t, "presale": presale_t, "creators": creators_t}
    # baseline forecast: level x weekly pattern, quasi-Poisson sd
    level = rng.gamma(1.2, 6.0, (n_skus, len(regions)))
    dates = pd.date_range(as_of_ts, periods=horizon_days, freq="D")
    weekly = 1.0 + 0.15 * np.sin(2 * np.pi * dates.dayofweek.to_numpy() / 7.0)
    mean = level.reshape(-1, 1) * weekly[None, :]
    phi = rng.uniform(1.2, 4.0, mean.shape[0])
    sigma = np.sqrt(mean * phi[:, None])
    n_series = mean.shape[0]
    fc = pd.DataFrame({
        "sku": np.repeat(np.repeat(skus, len(regions)), horizon_days),
        "region": np.repeat(np.tile(regions, n_skus), horizon_days),
        "date": np.tile(dates.to_numpy(), n_series),
        "model": "ets", "mean": mean.ravel(),
        **{f"p{int(p * 100)}": stats.gamma.ppf(p, (mean / sigma).ravel() ** 2, scale=(sigma ** 2 / mean).ravel())
           for p in (0.1, 0.5, 0.9)},
        "sigma": sigma.ravel(),
        "rho": np.repeat(rng.uniform(0.05, 0.4, n_series), horizon_days),
    })
    uplift = pd.DataFrame({"sku": np.repeat(skus, len(regions)), "region": np.tile(regions, n_skus),
                           "campaign_id": "MEGA-2026", "uplift": rng.uniform(1.5, 4.0, n_series), "source": "history"})
    return tables, fc, uplift
