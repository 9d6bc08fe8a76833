"""Backward schedule: exact hand-worked dates, the late flag, the sea -> air rescue."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkstar_analytics.cost.schedule import SCHEDULE_COLUMNS, backward_schedule

D = pd.Timestamp


def _row(df, sku="PILLOW", wh="US-LA"):
    r = df[(df.sku == sku) & (df.warehouse_id == wh)]
    assert len(r) == 1
    return r.iloc[0]


def test_schedule_lands_exactly_on_cutoff_minus_buffer(skus, warehouses, lanes, campaign):
    # PILLOW -> US-LA by sea, typical: production 15, consolidation 3, transit 25, customs 3, receiving 7 = 53 days.
    # cutoff 2026-11-06, buffer 7 -> available_by 2026-10-30; receiving from 10-23, customs from 10-20,
    # departure 09-25, consolidation from 09-22, latest PO 09-07 (= 10-30 minus 53 days).
    df = backward_schedule(skus, warehouses, lanes, campaign, buffer_days=7, freight_mode_by_warehouse="sea",
                           today="2026-09-07")
    assert list(df.columns) == list(SCHEDULE_COLUMNS)
    r = _row(df)
    assert r.available_by == D("2026-10-30")
    assert r.receiving_start == D("2026-10-23")
    assert r.customs_start == r.arrival_port == D("2026-10-20")
    assert r.ship_by == D("2026-09-25")
    assert r.consolidation_start == D("2026-09-22")
    assert r.latest_po_date == D("2026-09-07")
    assert r.total_lead_days == 53
    # ordered on the latest PO date, it is sellable exactly on cutoff - buffer
    assert r.expected_arrival == r.available_by
    assert not r.is_late and r.days_late == 0 and r.slack_days == 0
    assert r.days_departure_to_campaign == (D("2026-11-27") - D("2026-09-25")).days
    assert r.days_to_deadline == (D("2026-10-30") - D("2026-09-07")).days


def test_late_flag_turns_on_one_day_past(skus, warehouses, lanes, campaign):
    df = backward_schedule(skus, warehouses, lanes, campaign, buffer_days=7, freight_mode_by_warehouse="sea",
                           today="2026-09-08")
    r = _row(df)
    assert r.is_late and r.days_late == 1
    assert r.expected_arrival == D("2026-10-31")          # one day after available_by


def test_pessimistic_uses_max_components(skus, warehouses, lanes, campaign):
    # max: 15 + 5 + 35 + 10 + 14 = 79 days before 2026-10-30 -> 2026-08-12
    df = backward_schedule(skus, warehouses, lanes, campaign, buffer_days=7, freight_mode_by_warehouse="sea",
                           pessimistic=True, today="2026-08-01")
    r = _row(df)
    assert r.total_lead_days == 79 and r.latest_po_date == D("2026-08-12")


def test_mode_switch_sea_to_air_rescues_a_late_sku(skus, warehouses, lanes, campaign):
    # one day late by sea; air (transit 7: 15+3+7+3+7 = 35 days -> latest PO 09-25) still makes it and
    # is cheaper than express. Extra cost: first leg air 10 kg x $6 = $60 vs sea $7.20; US duty is FOB
    # (not on freight) and US has no import VAT -> +$52.80 per unit.
    df = backward_schedule(skus, warehouses, lanes, campaign, buffer_days=7, freight_mode_by_warehouse="sea",
                           today="2026-09-08", display_currency="USD")
    r = _row(df)
    assert r.rescue_mode == "air"
    assert r.rescue_latest_po_date == D("2026-09-25")
    assert r.rescue_expected_arrival <= r.available_by
    assert r.rescue_extra_cost_per_unit == pytest.approx(60.0 - 7.2)
    assert r.rescue_cost_currency == "USD"


def test_only_express_is_fast_enough(skus, warehouses, lanes, campaign):
    # express: 15+3+5+3+7 = 33 days -> latest PO 09-27; air's 09-25 has passed on 09-26
    df = backward_schedule(skus, warehouses, lanes, campaign, buffer_days=7, freight_mode_by_warehouse="sea",
                           today="2026-09-26", display_currency="USD")
    r = _row(df)
    assert r.rescue_mode == "express" and r.rescue_extra_cost_per_unit == pytest.approx(12 * 10.0 - 7.2)
    late = backward_schedule(skus, warehouses, lanes, campaign, buffer_days=7, freight_mode_by_warehouse="sea",
                             today="2026-09-28")
    assert _row(late).rescue_mode is None and np.isnan(_row(late).rescue_extra_cost_per_unit)


def test_uk_rescue_cost_grossed_up_by_cif_duty_and_vat(skus, warehouses, lanes, campaign):
    df = backward_schedule(skus, warehouses, lanes, campaign, buffer_days=7, freight_mode_by_warehouse="sea",
                           today="2026-09-20")
    r = _row(df, "PILLOW", "UK-LON")
    # air 10 kg x GBP 4.5 = 45 vs sea 0.06 CBM x GBP 110 = 6.6; x (1 + 4% duty) x (1 + 20% VAT), in GBP
    assert r.rescue_mode == "air" and r.rescue_cost_currency == "GBP"
    assert r.rescue_extra_cost_per_unit == pytest.approx((45.0 - 6.6) * 1.04 * 1.2)


def test_mode_per_warehouse_dict_and_missing_lane(skus, warehouses, lanes, campaign):
    df = backward_schedule(skus, warehouses, lanes, campaign, buffer_days=7,
                           freight_mode_by_warehouse={"US-LA": "air", "UK-LON": "sea", "TH-BKK": "air"}, today="2026-09-01")
    th = df[df.warehouse_id == "TH-BKK"]
    assert th["latest_po_date"].isna().all() and th["problem"].str.contains("no air lane").all()
    assert not th["is_late"].any()
    assert df.loc[df.warehouse_id == "US-LA", "freight_mode"].eq("air").all()
    assert df.loc[df.warehouse_id != "TH-BKK", "problem"].eq("").all()
    assert df.loc[df.warehouse_id == "TH-BKK", "in_campaign_region"].eq(False).all()   # campaign is US;UK


def test_bad_arguments_name_the_field(skus, warehouses, lanes, campaign):
    with pytest.raises(ValueError, match="buffer_days must be >= 0"):
        backward_schedule(skus, warehouses, lanes, campaign, buffer_days=-1, freight_mode_by_warehouse="sea", today="2026-09-01")
    with pytest.raises(ValueError, match="'rail' is not one of sea, air, express"):
        backward_schedule(skus, warehouses, lanes, campaign, buffer_days=7, freight_mode_by_warehouse="rail", today="2026-09-01")
    with pytest.raises(ValueError, match="no mode for warehouse"):
        backward_schedule(skus, warehouses, lanes, campaign, buffer_days=7, freight_mode_by_warehouse={"US-LA": "sea"},
                          today="2026-09-01")
    bad = campaign.copy()
    bad["inbound_cutoff"] = None
    with pytest.raises(ValueError, match="inbound_cutoff"):
        backward_schedule(skus, warehouses, lanes, bad, buffer_days=7, freight_mode_by_warehouse="sea", today="2026-09-01")


# the fixtures are read-only here, so sharing them across generated examples is safe
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(b1=st.integers(0, 40), extra=st.integers(0, 40), pessimistic=st.booleans())
def test_more_buffer_never_makes_the_po_date_later(skus, warehouses, lanes, campaign, b1, extra, pessimistic):
    args = (skus, warehouses, lanes, campaign)
    a = backward_schedule(*args, buffer_days=b1, freight_mode_by_warehouse="sea", pessimistic=pessimistic, today="2026-09-01")
    b = backward_schedule(*args, buffer_days=b1 + extra, freight_mode_by_warehouse="sea", pessimistic=pessimistic,
                          today="2026-09-01")
    assert (b["latest_po_date"] <= a["latest_po_date"]).all()
    assert (b["latest_po_date"] == a["latest_po_date"] - pd.Timedelta(days=extra)).all()
    assert (b["is_late"] >= a["is_late"]).all()


def test_fast_path_matches_the_table(skus, warehouses, lanes, campaign):
    from linkstar_analytics.cost.schedule import prepare_schedule_arrays, schedule_from_arrays

    sa = prepare_schedule_arrays(skus, warehouses, lanes)
    modes = {"US-LA": "air", "UK-LON": "sea", "TH-BKK": "express"}
    for pessimistic in (False, True):
        sel = schedule_from_arrays(sa, sa.mode_index(modes), inbound_cutoff=campaign["inbound_cutoff"],
                                   campaign_start=campaign["start_date"], buffer_days=9, pessimistic=pessimistic,
                                   today="2026-09-20")
        df = backward_schedule(skus, warehouses, lanes, campaign, buffer_days=9, freight_mode_by_warehouse=modes,
                               pessimistic=pessimistic, today="2026-09-20")
        S, W = len(skus), len(warehouses)
        for col in ("latest_po_date", "ship_by", "expected_arrival", "available_by"):
            np.testing.assert_array_equal(getattr(sel, col).reshape(-1), df[col].to_numpy().astype("datetime64[D]"))
        np.testing.assert_array_equal(sel.is_late.reshape(-1), df["is_late"].to_numpy())
        np.testing.assert_allclose(sel.days_departure_to_campaign.reshape(-1), df["days_departure_to_campaign"])
        assert sel.latest_po_date.shape == (S, W)


def test_rescue_reuses_landed_arrays(skus, warehouses, lanes, last_mile, campaign):
    from linkstar_analytics.cost.landed import prepare_landed_arrays

    a = prepare_landed_arrays(skus, warehouses, lanes, last_mile)
    x = backward_schedule(skus, warehouses, lanes, campaign, buffer_days=7, freight_mode_by_warehouse="sea",
                          today="2026-09-08", landed=a)
    y = backward_schedule(skus, warehouses, lanes, campaign, buffer_days=7, freight_mode_by_warehouse="sea",
                          today="2026-09-08")
    pd.testing.assert_frame_equal(x, y)
    with pytest.raises(ValueError, match="landed arrays were prepared for other skus"):
        backward_schedule(skus.iloc[:2], warehouses, lanes, campaign, buffer_days=7, freight_mode_by_warehouse="sea",
                          today="2026-09-08", landed=a)
