"""Landed cost: chargeable weight, a hand-worked breakdown, bad input, and the fast path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkstar_analytics.cost.defaults import default_fx_rates
from linkstar_analytics.cost.fx import UnknownCurrencyError
from linkstar_analytics.cost.landed import (
    COMPONENTS,
    chargeable_weight_kg,
    landed_cost_table,
    landed_from_arrays,
    prepare_landed_arrays,
    rush_surcharge_pct,
    sea_freight_cbm,
)

USD, GBP = 7.10, 9.35  # default CNY per unit


# ---------------------------------------------------------------- chargeable weight (defaults.md §2)

def test_light_bulky_parcel_by_air_express_and_sea():
    # pillow: 1 kg in 50 x 40 x 30 cm = 60,000 cm3
    #   air     60,000 / 6000 = 10 kg  > 1 kg  -> 10 kg
    #   express 60,000 / 5000 = 12 kg          -> 12 kg
    #   sea     0.06 CBM vs 1 kg / 1000 = 0.001 t -> 0.06 freight tons
    assert chargeable_weight_kg(1.0, 50, 40, 30, 6000) == pytest.approx(10.0)
    assert chargeable_weight_kg(1.0, 50, 40, 30, 5000) == pytest.approx(12.0)
    assert sea_freight_cbm(1.0, 50, 40, 30) == pytest.approx(0.06)


def test_heavy_small_parcel_by_air_and_sea():
    # dumbbell: 30 kg in 20 x 20 x 20 cm = 8,000 cm3
    #   air  8,000 / 6000 = 1.33 kg < 30 kg -> 30 kg (actual weight)
    #   sea  0.008 CBM vs 30 / 1000 = 0.030 t -> 0.030 freight tons (weight)
    assert chargeable_weight_kg(30.0, 20, 20, 20, 6000) == pytest.approx(30.0)
    assert sea_freight_cbm(30.0, 20, 20, 20) == pytest.approx(0.030)


def test_sea_minimum_applies_per_shipment_not_per_unit():
    # 100 units of 0.006 CBM = 0.6 CBM, billed at the 1 CBM LCL minimum
    assert sea_freight_cbm(1.2, 30, 20, 10, units=100) == pytest.approx(1.0)
    assert sea_freight_cbm(1.2, 30, 20, 10, units=1000) == pytest.approx(6.0)


def test_vectorised_and_validated():
    out = chargeable_weight_kg(np.array([1.0, 30.0]), np.array([50, 20]), np.array([40, 20]), np.array([30, 20]))
    np.testing.assert_allclose(out, [10.0, 30.0])
    with pytest.raises(ValueError, match="length_cm must be >= 0"):
        chargeable_weight_kg(1.0, -5, 10, 10)
    with pytest.raises(ValueError, match="divisor must be > 0"):
        chargeable_weight_kg(1.0, 5, 10, 10, 0)


dims = st.floats(0, 200, allow_nan=False)


@settings(deadline=None)  # a busy CI machine must not fail a math property on time
@given(st.floats(0, 500, allow_nan=False), dims, dims, dims, st.sampled_from([5000.0, 6000.0]))
def test_chargeable_never_below_actual_or_volumetric(w, l_, wd, h, div):
    c = chargeable_weight_kg(w, l_, wd, h, div)
    assert c >= w and c >= l_ * wd * h / div - 1e-9


@settings(deadline=None)  # a busy CI machine must not fail a math property on time
@given(st.floats(0, 500, allow_nan=False), dims, dims, dims)
def test_sea_wm_never_below_volume_or_weight_tons(w, l_, wd, h):
    c = sea_freight_cbm(w, l_, wd, h)
    assert c >= w / 1000 - 1e-12 and c >= l_ * wd * h / 1e6 - 1e-12


# ---------------------------------------------------------------- rush curve

def test_rush_curve_points_and_interpolation():
    assert rush_surcharge_pct(90) == 0.0
    assert rush_surcharge_pct(30) == pytest.approx(25.0)
    assert rush_surcharge_pct(22) == pytest.approx(37.5)  # halfway between (14, 50%) and (30, 25%)
    assert rush_surcharge_pct(0) == pytest.approx(100.0)
    assert rush_surcharge_pct(np.nan) == 0.0


@settings(deadline=None)  # a busy CI machine must not fail a math property on time
@given(st.floats(-10, 200, allow_nan=False), st.floats(0, 50, allow_nan=False))
def test_rush_never_rises_with_more_days(d, extra):
    assert rush_surcharge_pct(d + extra) <= rush_surcharge_pct(d)


# ---------------------------------------------------------------- the table

def _row(t, sku, wh, mode):
    r = t[(t.sku == sku) & (t.warehouse_id == wh) & (t.freight_mode == mode)]
    assert len(r) == 1
    return r.iloc[0]


def test_components_sum_exactly_to_total(skus, warehouses, lanes, last_mile):
    res = landed_cost_table(skus, warehouses, lanes, last_mile, display_currency="USD",
                            days_before_departure_to_campaign=20)
    t = res.table
    assert res.problems == []
    assert len(t) == len(skus) * len(lanes)   # every sku x existing lane
    np.testing.assert_allclose(t[list(COMPONENTS)].sum(axis=1), t["total_landed"], rtol=1e-12)
    np.testing.assert_allclose(t["price"] - t["output_vat"], t["price_net"], rtol=1e-12)
    np.testing.assert_allclose(t["price_net"] - t["total_landed"] + t["vat_credit"], t["margin_per_unit"], rtol=1e-12)
    us = t["region"] == "US"  # no VAT: margin = price - landed
    np.testing.assert_allclose((t["price"] - t["total_landed"])[us], t["margin_per_unit"][us], rtol=1e-12)
    assert (t["rush_surcharge"] > 0).all()


def test_hand_worked_breakdown_us_sea_fob(skus, warehouses, lanes, last_mile):
    t = landed_cost_table(skus, warehouses, lanes, last_mile, display_currency="USD").table
    r = _row(t, "PILLOW", "US-LA", "sea")
    purchase = 20 / USD                                 # 20 CNY
    first_leg = 0.06 * 120.0                            # 0.06 CBM W/M x $120/CBM
    duty = 0.275 * purchase                             # US duty on transaction value (FOB), 27.5%
    storage = 0.06 * 20.0 * 30 / 30 * 1.5               # $20/CBM-month, 30 days, +50% peak
    last_mile_fee = 20.0                                # 10 kg chargeable (60,000/6000) -> band <= 30 kg
    commission = 0.06 * 19.99
    returns = 0.10 * (0.5 * last_mile_fee + 0.30 + 0.2 * purchase)   # home 10% (defaults.md §6)
    expected = {"purchase": purchase, "first_leg": first_leg, "rush_surcharge": 0.0, "duty": duty, "vat": 0.0,
                "inbound": 0.30, "storage": storage, "last_mile": last_mile_fee, "fulfilment": 3.0,
                "commission": commission, "returns": returns}
    for k, v in expected.items():
        assert r[k] == pytest.approx(v, rel=1e-12, abs=1e-12), k
    assert r["total_landed"] == pytest.approx(sum(expected.values()), rel=1e-12)
    assert r["margin_pct"] == pytest.approx((19.99 - sum(expected.values())) / 19.99 * 100)


def test_hand_worked_uk_duty_and_vat_on_cif(skus, warehouses, lanes, last_mile):
    t = landed_cost_table(skus, warehouses, lanes, last_mile, display_currency="GBP").table
    r = _row(t, "LAMP", "UK-LON", "sea")
    purchase = 60 / GBP
    first_leg = 0.006 * 110.0                           # 30x20x10 cm = 0.006 CBM > 1.2 kg / 1000
    duty = 0.04 * (purchase + first_leg)                # CIF customs value
    vat = 0.20 * (purchase + first_leg + duty)          # value + duty + freight (defaults.md §3.2)
    assert (r["purchase"], r["first_leg"], r["duty"], r["vat"]) == pytest.approx((purchase, first_leg, duty, vat))


def test_hand_worked_uk_margin_net_of_output_vat_with_market_price(skus, warehouses, lanes, last_mile):
    """A UK shelf price of GBP 24.00 includes 20 % VAT: the seller keeps 24 / 1.2 = 20.00 (output VAT 4.00). The
    import VAT paid at the border is reclaimed as input tax (the seller is VAT-registered), so it comes back as a
    credit: margin = 20.00 - total landed + import VAT. Without a prices row the SKU master price (USD 29.00,
    converted) would be used, and US rows keep margin = price - landed."""
    prices = pd.DataFrame({"sku": ["LAMP"], "region": ["UK"], "price": [24.0], "currency": ["GBP"]})
    t = landed_cost_table(skus, warehouses, lanes, last_mile, display_currency="GBP", prices=prices).table
    r = _row(t, "LAMP", "UK-LON", "sea")
    assert r["price"] == pytest.approx(24.0)
    assert r["output_vat"] == pytest.approx(24.0 * 0.20 / 1.20) == pytest.approx(4.0)
    assert r["price_net"] == pytest.approx(20.0)
    assert r["vat_credit"] == pytest.approx(r["vat"])
    assert r["margin_per_unit"] == pytest.approx(20.0 - r["total_landed"] + r["vat"])
    assert r["commission"] == pytest.approx(0.09 * 24.0)   # commission on the VAT-inclusive payment
    # the US row of the same SKU keeps the master price (USD 29 in GBP) and has no VAT
    us = _row(landed_cost_table(skus, warehouses, lanes, last_mile, display_currency="USD", prices=prices).table,
              "LAMP", "US-LA", "sea")
    assert us["price"] == pytest.approx(29.0) and us["output_vat"] == 0 and us["vat_credit"] == 0
    # a prices row that says the price excludes VAT is not netted
    ex = prices.assign(price_includes_vat=[False])
    r2 = _row(landed_cost_table(skus, warehouses, lanes, last_mile, display_currency="GBP", prices=ex).table,
              "LAMP", "UK-LON", "sea")
    assert r2["output_vat"] == 0 and r2["price_net"] == pytest.approx(24.0) and r2["vat_credit"] == 0


def test_no_last_mile_bands_cost_zero_with_a_warning(skus, warehouses, lanes, last_mile):
    """A warehouse without last-mile bands is costed with a last mile of 0 and a warning (never NaN here and
    numbers in the plan): the table and the plan read the same arrays."""
    lm = last_mile[last_mile.warehouse_id != "UK-LON"]
    res = landed_cost_table(skus, warehouses, lanes, lm, display_currency="GBP")
    uk = res.table[res.table.warehouse_id == "UK-LON"]
    assert (uk["last_mile"] == 0).all() and uk["total_landed"].notna().all()
    assert any(p.severity == "warning" and "UK-LON" in p.message for p in res.problems)


def test_leftover_costs(skus, warehouses, lanes, last_mile):
    t = landed_cost_table(skus, warehouses, lanes, last_mile, display_currency="USD").table
    r = _row(t, "DRESS", "US-LA", "air")
    assert r["disposal_cost_per_unit_destroy"] == pytest.approx(1.46)          # 0.4 kg: 0.5-1 lb band
    assert r["disposal_cost_per_unit_liquidate"] == pytest.approx(1.46 - 0.075 * 25.0)
    assert r["disposal_cost_per_unit_liquidate"] < 0                           # liquidation recovers money
    # return to origin: removal + cheapest first leg (sea 0.003 CBM x $120) + $2 paperwork
    assert r["disposal_cost_per_unit_return_to_origin"] == pytest.approx(1.46 + 0.36 + 2.0)
    assert r["storage_per_unit_month"] == pytest.approx(0.003 * 20 * 1.5)
    off = landed_cost_table(skus, warehouses, lanes, last_mile, display_currency="USD", peak=False).table
    assert _row(off, "DRESS", "US-LA", "air")["storage_per_unit_month"] == pytest.approx(0.003 * 20)


def test_return_rate_override_by_region(skus, warehouses, lanes, last_mile):
    from linkstar_analytics.cost.defaults import default_return_rates
    rr = pd.concat([default_return_rates(), pd.DataFrame({"category": ["apparel"], "region": ["TH"],
                                                          "return_rate_pct": [5.0], "label": ["[E]"], "source": ["x"]})])
    base = landed_cost_table(skus, warehouses, lanes, last_mile).table
    low = landed_cost_table(skus, warehouses, lanes, last_mile, return_rates_pct=rr).table
    assert _row(low, "DRESS", "TH-BKK", "sea")["returns"] == pytest.approx(_row(base, "DRESS", "TH-BKK", "sea")["returns"] / 5)
    assert _row(low, "DRESS", "US-LA", "sea")["returns"] == pytest.approx(_row(base, "DRESS", "US-LA", "sea")["returns"])


# ---------------------------------------------------------------- bad input

def test_bad_input_gives_messages_and_the_rest_computes(skus, warehouses, lanes, last_mile):
    skus = skus.copy()
    skus.loc[skus.sku == "MOTOR", "length_cm"] = -30.0           # negative dimension
    skus.loc[skus.sku == "DRESS", "cost_currency"] = "XYZ"       # unknown currency
    lanes = lanes.copy()
    lanes.loc[(lanes.warehouse_id == "UK-LON") & (lanes.freight_mode == "air"), "rate_per_kg"] = np.nan  # no rate
    before = skus.copy()
    res = landed_cost_table(skus, warehouses, lanes, last_mile, display_currency="USD", freight_modes=["sea", "air"])
    pd.testing.assert_frame_equal(skus, before)                  # inputs untouched
    t = res.table
    bad = (t.sku.isin(["MOTOR", "DRESS"])) | ((t.warehouse_id == "UK-LON") & (t.freight_mode == "air")) \
        | ((t.warehouse_id == "TH-BKK") & (t.freight_mode == "air"))
    assert t.loc[bad, "total_landed"].isna().all() and not t.loc[bad, "ok"].any()
    assert t.loc[~bad, "total_landed"].notna().all() and len(t[~bad]) == 2 * 4  # PILLOW, LAMP x (US sea, US air, UK sea, TH sea)
    msgs = {(p.sku, p.warehouse_id, p.freight_mode, p.field): p for p in res.problems}
    assert ("MOTOR", None, None, "length_cm") in msgs
    assert "length_cm must be a number >= 0 (got -30.0)" in msgs[("MOTOR", None, None, "length_cm")].message
    p = msgs[("DRESS", None, None, "cost_currency")]
    assert "'XYZ'" in p.message and "USD" in p.message and "FX table" in p.fix
    assert "neither rate_per_kg nor rate_per_cbm" in msgs[(None, "UK-LON", "air", "rate_per_kg/rate_per_cbm")].message
    assert "has no air lane" in msgs[(None, "TH-BKK", "air", "freight_mode")].message
    assert set(res.problems_frame.columns) >= {"sku", "warehouse_id", "field", "message", "fix"}


def test_unknown_warehouse_currency_only_blanks_that_warehouse(skus, warehouses, lanes, last_mile):
    wh = warehouses.copy()
    wh.loc[wh.warehouse_id == "TH-BKK", "currency"] = "BAHT"
    res = landed_cost_table(skus, wh, lanes, last_mile)
    t = res.table
    assert t.loc[t.warehouse_id == "TH-BKK", "total_landed"].isna().all()
    assert t.loc[t.warehouse_id != "TH-BKK", "total_landed"].notna().all()
    assert any(p.field == "currency" and p.warehouse_id == "TH-BKK" and "'BAHT'" in p.message for p in res.problems)


def test_unknown_display_currency_raises_naming_known(skus, warehouses, lanes, last_mile):
    with pytest.raises(UnknownCurrencyError, match="'JPY'.*known: .*USD"):
        landed_cost_table(skus, warehouses, lanes, last_mile, display_currency="JPY")


def test_parcel_heavier_than_last_mile_bands(skus, warehouses, lanes, last_mile):
    lm = last_mile[~((last_mile.warehouse_id == "US-LA") & (last_mile.max_weight_kg == 30.0))]
    res = landed_cost_table(skus, warehouses, lanes, lm)
    t = res.table
    assert t.loc[(t.warehouse_id == "US-LA") & t.sku.isin(["PILLOW", "MOTOR"]), "total_landed"].isna().all()
    assert t.loc[(t.warehouse_id == "US-LA") & t.sku.isin(["LAMP", "DRESS"]), "total_landed"].notna().all()
    assert any(p.sku == "MOTOR" and "heaviest last-mile band" in p.message for p in res.problems)


def test_missing_columns_raise_with_table_name(skus, warehouses, lanes, last_mile):
    with pytest.raises(ValueError, match="table skus is missing column.*weight_kg"):
        landed_cost_table(skus.drop(columns="weight_kg"), warehouses, lanes, last_mile)


# ---------------------------------------------------------------- fast path

def test_fast_path_matches_table(skus, warehouses, lanes, last_mile):
    arrays = prepare_landed_arrays(skus, warehouses, lanes, last_mile)
    mi = arrays.mode_index({"US-LA": "air", "UK-LON": "sea", "TH-BKK": "express"})
    sel = landed_from_arrays(arrays, mi, arrays.fx_vector(), display_currency="USD", dwell_days=45,
                             days_before_departure_to_campaign=np.full((4, 3), 20.0))
    t = landed_cost_table(skus, warehouses, lanes, last_mile, display_currency="USD", dwell_days=45,
                          days_before_departure_to_campaign=20).table
    for j, (w, m) in enumerate([("US-LA", "air"), ("UK-LON", "sea"), ("TH-BKK", "express")]):
        for i, s in enumerate(arrays.skus):
            r = _row(t, s, w, m)
            assert sel.total_landed[i, j] == pytest.approx(r["total_landed"], rel=1e-12)
            assert sel.components["duty"][i, j] == pytest.approx(r["duty"], rel=1e-12)


def test_fx_lever_on_the_fast_path(skus, warehouses, lanes, last_mile):
    arrays = prepare_landed_arrays(skus, warehouses, lanes, last_mile)
    v = arrays.fx_vector()
    v2 = v.copy()
    v2[arrays.currency_index("USD")] *= 1.10            # USD 10% stronger against CNY
    a = landed_from_arrays(arrays, arrays.mode_index("sea"), v, display_currency="USD")
    b = landed_from_arrays(arrays, arrays.mode_index("sea"), v2, display_currency="USD")
    np.testing.assert_allclose(b.components["purchase"], a.components["purchase"] / 1.10)  # CNY cost in USD falls
    np.testing.assert_allclose(b.components["first_leg"][:, 0], a.components["first_leg"][:, 0])  # US lane is in USD
    fx2 = default_fx_rates()
    fx2.loc[fx2.currency == "USD", "cny_per_unit"] *= 1.10
    t = landed_cost_table(skus, warehouses, lanes, last_mile, fx=fx2, display_currency="USD", freight_modes="sea").table
    np.testing.assert_allclose(t["total_landed"].to_numpy().reshape(4, 3), b.total_landed, rtol=1e-12)


def test_fast_path_rejects_misaligned_fx_vector(skus, warehouses, lanes, last_mile):
    arrays = prepare_landed_arrays(skus, warehouses, lanes, last_mile)
    with pytest.raises(ValueError, match="fx_vector must have"):
        landed_from_arrays(arrays, None, np.ones(3))
    with pytest.raises(ValueError, match="no mode for warehouse"):
        arrays.mode_index({"US-LA": "sea"})


def test_duplicate_ids_and_negative_dwell(skus, warehouses, lanes, last_mile):
    dup = pd.concat([skus, skus.iloc[[0]]], ignore_index=True)
    res = landed_cost_table(dup, warehouses, lanes, last_mile)
    assert any(p.field == "sku" and p.severity == "warning" and "more than once" in p.message for p in res.problems)
    with pytest.raises(ValueError, match="dwell_days must be >= 0"):
        landed_cost_table(skus, warehouses, lanes, last_mile, dwell_days=-1)


def test_default_mode_by_warehouse(lanes):
    from linkstar_analytics.cost.landed import default_mode_by_warehouse

    no_sea = lanes[~((lanes.warehouse_id == "TH-BKK") & (lanes.freight_mode == "sea"))]
    assert default_mode_by_warehouse(no_sea) == {"TH-BKK": "express", "UK-LON": "sea", "US-LA": "sea"}
    assert default_mode_by_warehouse(no_sea, ["US-LA", "XX"]) == {"US-LA": "sea", "XX": "sea"}
