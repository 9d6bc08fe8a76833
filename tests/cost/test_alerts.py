"""Alerts: one list sorted by severity then due date."""

from __future__ import annotations

import pandas as pd

from linkstar_analytics.cost.alerts import SEVERITY_ORDER, alerts
from linkstar_analytics.cost.readiness import readiness_checklist
from linkstar_analytics.cost.schedule import backward_schedule
from linkstar_analytics.cost.transit import shipment_status


def test_sorted_alerts_from_every_source(skus, warehouses, lanes, campaign):
    today = "2026-09-26"
    sch = backward_schedule(skus, warehouses, lanes, campaign, buffer_days=7, freight_mode_by_warehouse="sea", today=today)
    ships = pd.DataFrame({"shipment_id": ["S1"], "sku": ["PILLOW"], "warehouse_id": ["US-LA"], "units": [10.0],
                          "freight_mode": ["sea"], "departure_date": pd.to_datetime(["2026-09-01"]),
                          "eta_date": pd.to_datetime(["2026-11-20"])})
    al = alerts(sch, shipment_status(ships, campaign, buffer_days=7, today=today), readiness_checklist(skus, warehouses),
                campaign, today)
    rank = al["severity"].map(SEVERITY_ORDER.index)
    assert rank.is_monotonic_increasing
    for sev in SEVERITY_ORDER:
        d = al.loc[al.severity == sev, "due_date"]
        assert d.is_monotonic_increasing
    kinds = set(al.kind)
    assert {"declaration_deadline", "late_po", "shipment_late", "readiness_blocking"} <= kinds
    # PILLOW -> US-LA: late by sea, express still makes it (latest PO 09-27): high, with the switch advice
    p = al[(al.kind == "late_po") & (al.sku == "PILLOW") & (al.warehouse_id == "US-LA")].iloc[0]
    assert p.severity == "high" and "Switch to express" in p.message
    # UK-LON sea is 30 days late and air's latest PO passed: no rescue -> critical
    c = al[(al.kind == "late_po") & (al.sku == "MOTOR") & (al.warehouse_id == "UK-LON")].iloc[0]
    assert c.severity == "critical" and "No faster mode" in c.message


def test_deadline_countdown_severity(campaign):
    def sev(today):
        return alerts(None, None, None, campaign, today).iloc[0]["severity"]
    assert sev("2026-10-31") == "critical"    # passed
    assert sev("2026-10-30") == "critical"    # today
    assert sev("2026-10-25") == "high"        # 5 days
    assert sev("2026-10-20") == "medium"      # 10 days
    assert sev("2026-09-01") == "info"
