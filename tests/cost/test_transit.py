"""Shipments in transit: the buffer applies; late and at-risk units drop out of covered stock."""

from __future__ import annotations

import pandas as pd
import pytest

from linkstar_analytics.cost.transit import COVERED_COLUMNS, covered_stock, shipment_status


@pytest.fixture
def shipments() -> pd.DataFrame:
    # campaign cutoff 2026-11-06, buffer 7 -> must arrive by 2026-10-30
    return pd.DataFrame({
        "shipment_id": ["S1", "S2", "S3", "S4", "S5"],
        "sku": ["PILLOW", "PILLOW", "PILLOW", "LAMP", "DRESS"],
        "warehouse_id": ["US-LA", "US-LA", "US-LA", "UK-LON", "US-LA"],
        "units": [100.0, 50.0, 30.0, 40.0, 20.0],
        "freight_mode": ["sea", "air", "sea", "sea", "sea"],
        "departure_date": pd.to_datetime(["2026-09-01"] * 5),
        "eta_date": pd.to_datetime(["2026-10-30", "2026-10-31", "2026-11-07", "2026-11-06", "2026-09-15"]),
    })


def test_status_boundaries(shipments, campaign):
    st = shipment_status(shipments, campaign, buffer_days=7, today="2026-09-20").set_index("shipment_id")
    assert st.loc["S1", "status"] == "on_time" and st.loc["S1", "days_margin"] == 0   # exactly cutoff - buffer
    assert st.loc["S2", "status"] == "at_risk" and st.loc["S2", "days_margin"] == -1  # one day into the buffer
    assert st.loc["S4", "status"] == "at_risk"                                         # on the cutoff itself
    assert st.loc["S3", "status"] == "late"                                            # after the cutoff
    assert st.loc["S5", "overdue"] and st.loc["S5", "status"] == "on_time"             # ETA passed, still in time
    assert st["arrives_in_time"].tolist() == [True, False, False, False, True]
    assert "after the inbound cutoff 2026-11-06" in st.loc["S3", "alert"]
    assert "inside the 7-day buffer" in st.loc["S2", "alert"]
    assert "update the ETA" in st.loc["S5", "alert"]
    assert st.loc["S1", "alert"] == ""


def test_zero_buffer_counts_up_to_the_cutoff(shipments, campaign):
    st = shipment_status(shipments, campaign, buffer_days=0, today="2026-09-20").set_index("shipment_id")
    assert st.loc["S4", "status"] == "on_time" and st.loc["S3", "status"] == "late"


def test_overdue_shipment_cannot_arrive_before_today(shipments, campaign):
    st = shipment_status(shipments, campaign, buffer_days=7, today="2026-11-01").set_index("shipment_id")
    assert st.loc["S5", "effective_eta"] == pd.Timestamp("2026-11-01") and st.loc["S5", "status"] == "at_risk"


def test_covered_stock_drops_late_units(shipments, campaign):
    cov = covered_stock(shipments, campaign, buffer_days=7, today="2026-09-20")
    assert list(cov.columns) == list(COVERED_COLUMNS)
    p = cov.set_index(["sku", "warehouse_id"]).loc[("PILLOW", "US-LA")]
    assert p.in_transit_units == 180 and p.in_transit_covered_units == 100
    assert p.in_transit_at_risk_units == 50 and p.in_transit_late_only_units == 30 and p.in_transit_late_units == 80
    assert (cov.in_transit_covered_units + cov.in_transit_late_units == cov.in_transit_units).all()


def test_empty_shipments(campaign):
    empty = pd.DataFrame({c: pd.Series(dtype=t) for c, t in [("shipment_id", str), ("sku", str), ("warehouse_id", str),
                          ("units", float), ("freight_mode", str), ("departure_date", "datetime64[ns]"),
                          ("eta_date", "datetime64[ns]")]})
    assert shipment_status(empty, campaign, buffer_days=7, today="2026-09-20").empty
    assert covered_stock(empty, campaign, buffer_days=7, today="2026-09-20").empty
