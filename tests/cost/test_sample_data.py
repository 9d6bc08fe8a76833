"""The cost functions on the committed sample dataset, typed by the importer (end to end)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkstar_analytics.cost.alerts import SEVERITY_ORDER, alerts
from linkstar_analytics.cost.landed import COMPONENTS, landed_cost_table, landed_from_arrays, prepare_landed_arrays
from linkstar_analytics.cost.readiness import readiness_checklist, readiness_summary
from linkstar_analytics.cost.schedule import backward_schedule
from linkstar_analytics.cost.transit import covered_stock, shipment_status


def test_sample_end_to_end(sample_tables):
    T = sample_tables
    skus, wh, lanes, lm = T["skus"], T["warehouses"], T["freight_lanes"], T["last_mile"]
    res = landed_cost_table(skus, wh, lanes, lm, display_currency="USD")
    t = res.table
    assert t["ok"].all(), res.problems[:3]
    np.testing.assert_allclose(t[list(COMPONENTS)].sum(axis=1), t["total_landed"], rtol=1e-12)

    arrays = prepare_landed_arrays(skus, wh, lanes, lm)
    modes = {w: ("air" if w == "SELF-CN" else "sea") for w in arrays.warehouse_ids}
    sel = landed_from_arrays(arrays, arrays.mode_index(modes), display_currency="USD")
    assert sel.total_landed.shape == (len(skus), len(wh)) and np.isfinite(sel.total_landed).all()

    camp = T["campaigns"].set_index("campaign_id").loc["BFCM-2026"].rename("BFCM-2026")
    camp["campaign_id"] = "BFCM-2026"
    today = "2026-09-15"
    sch = backward_schedule(skus, wh, lanes, camp, buffer_days=7, freight_mode_by_warehouse=modes, today=today)
    assert (sch["problem"] == "").all() and sch["latest_po_date"].notna().all()
    st = shipment_status(T["shipments"], camp, buffer_days=7, today=today)
    cov = covered_stock(T["shipments"], camp, buffer_days=7, today=today)
    assert cov["in_transit_units"].sum() == T["shipments"]["units"].sum()
    ck = readiness_checklist(skus, wh, pairs=T["stock"])
    summary = readiness_summary(ck)
    assert len(summary) > 0 and summary["ready"].dtype == bool
    al = alerts(sch, st, ck, camp, today)
    assert al["severity"].map(SEVERITY_ORDER.index).is_monotonic_increasing
    assert pd.api.types.is_datetime64_any_dtype(al["due_date"])
