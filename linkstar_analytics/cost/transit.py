"""Stock in transit: does each shipment arrive in time for the campaign, and how much stock does it cover?

Rule (decided and applied everywhere): a shipment counts for the campaign only when its
**effective ETA <= inbound_cutoff - buffer_days**. The buffer applies to shipments exactly as it
applies to new POs: an ETA is an estimate of the same chain (congested lanes, customs exams, peak
receiving; defaults.md §1.4-1.6), and the buffer is what absorbs its slip. Using the bare cutoff
would count stock the plan itself would not dare to schedule.

``effective_eta = max(eta_date, today)`` -- a shipment whose ETA has passed without it being
received is "overdue" and cannot arrive before today.

Status per shipment line:

=============  ================================================================================
on_time        effective ETA <= cutoff - buffer: covered stock.
at_risk        cutoff - buffer < effective ETA <= cutoff: inside the buffer; NOT covered (late units).
late           effective ETA > cutoff: misses the campaign; NOT covered (late units).
=============  ================================================================================

``overdue`` (ETA before today) is a separate flag shown in the alert text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkstar_analytics.cost.landed import _require
from linkstar_analytics.cost.schedule import campaign_dict

STATUS_COLUMNS: tuple[str, ...] = (
    "shipment_id", "sku", "warehouse_id", "freight_mode", "units", "departure_date", "eta_date", "effective_eta",
    "available_by", "inbound_cutoff", "days_margin", "overdue", "status", "arrives_in_time", "alert",
)
COVERED_COLUMNS: tuple[str, ...] = (
    "sku", "warehouse_id", "in_transit_units", "in_transit_covered_units", "in_transit_at_risk_units",
    "in_transit_late_units", "in_transit_late_only_units",
)


def shipment_status(shipments: pd.DataFrame, campaign_row, *, buffer_days: float, today) -> pd.DataFrame:
    """Status of each shipment line against the campaign's cutoff (vectorised).

    Parameters
    ----------
    shipments : DataFrame
        SHIPMENTS table (``shipment_id, sku, warehouse_id, units, freight_mode, departure_date, eta_date``).
    campaign_row : Series, mapping or one-row frame
        The campaign (needs ``inbound_cutoff``, ``declaration_deadline``, ``start_date``).
    buffer_days : float
        Days before the cutoff a shipment must arrive to count (>= 0; see the module docstring).
    today : date-like
        Planning day.

    Returns
    -------
    DataFrame with ``STATUS_COLUMNS``: ``days_margin`` = available_by - effective_eta (negative =
    days too late), ``status`` on_time / at_risk / late, ``arrives_in_time`` (status == on_time),
    ``alert`` text ("" when on time and not overdue).
    """
    _require(shipments, ("shipment_id", "sku", "warehouse_id", "units", "eta_date"), "shipments")
    if not float(buffer_days) >= 0:
        raise ValueError(f"buffer_days must be >= 0 (got {buffer_days}); 7-10 days is the usual range (workflow.md).")
    camp = campaign_dict(campaign_row)
    today_ts = pd.Timestamp(today).normalize()
    cutoff = camp["inbound_cutoff"]
    available = cutoff - pd.Timedelta(days=int(np.ceil(float(buffer_days))))

    eta = pd.to_datetime(shipments["eta_date"]).dt.normalize()
    overdue = (eta < today_ts).to_numpy()
    eff = eta.where(~overdue, today_ts)
    margin = (available - eff).dt.days.to_numpy(dtype=float)
    late = (eff > cutoff).to_numpy()
    status = np.where(margin >= 0, "on_time", np.where(late, "late", "at_risk"))
    status = np.where(eta.isna().to_numpy(), "late", status)

    sku = shipments["sku"].astype(str).to_numpy()
    wh = shipments["warehouse_id"].astype(str).to_numpy()
    sid = shipments["shipment_id"].astype(str).to_numpy()
    units = pd.to_numeric(shipments["units"], errors="coerce").to_numpy(dtype=float)
    eta_s = eta.dt.strftime("%Y-%m-%d").fillna("unknown").to_numpy(dtype=object)
    avail_s = available.strftime("%Y-%m-%d")
    cut_s = cutoff.strftime("%Y-%m-%d")
    head = pd.Series(sid, dtype=object) + " (" + pd.Series(sku, dtype=object) + " -> " + pd.Series(wh, dtype=object) \
        + ", " + pd.Series(units).map("{:g}".format) + " units)"
    msg_late = head + ": ETA " + eta_s + " is after the inbound cutoff " + cut_s + "; these units miss the campaign. " \
        + "Expedite the remainder by air/express or move the units to the post-campaign plan."
    msg_risk = head + ": ETA " + eta_s + " is inside the " + f"{float(buffer_days):g}" + "-day buffer (plan-by " + avail_s \
        + ", cutoff " + cut_s + "); not counted as covered. Confirm the ETA with the forwarder."
    msg_over = head + ": ETA " + eta_s + " has passed and the shipment is not received; update the ETA."
    alert = np.where(status == "late", msg_late, np.where(status == "at_risk", msg_risk, ""))
    alert = np.where(overdue & (status == "on_time"), msg_over, np.where(overdue, alert + " ETA passed: update it.", alert))

    out = pd.DataFrame({
        "shipment_id": sid, "sku": sku, "warehouse_id": wh,
        "freight_mode": shipments["freight_mode"].to_numpy() if "freight_mode" in shipments.columns else None,
        "units": units,
        "departure_date": pd.to_datetime(shipments["departure_date"]).to_numpy() if "departure_date" in shipments.columns else pd.NaT,
        "eta_date": eta.to_numpy(), "effective_eta": eff.to_numpy(),
        "available_by": available, "inbound_cutoff": cutoff, "days_margin": margin, "overdue": overdue,
        "status": status, "arrives_in_time": status == "on_time", "alert": alert,
    })
    return out[list(STATUS_COLUMNS)]


def covered_stock(shipments: pd.DataFrame, campaign_row, *, buffer_days: float, today) -> pd.DataFrame:
    """Units in transit per SKU x warehouse that count for the campaign, and those that do not.

    Late and at-risk shipments drop out of covered stock (module docstring). Columns
    ``COVERED_COLUMNS``: ``in_transit_covered_units`` (on time), ``in_transit_late_units``
    (at risk + late: everything not covered), with the split in ``in_transit_at_risk_units`` and
    ``in_transit_late_only_units``; ``in_transit_units`` is the total.
    """
    st = shipment_status(shipments, campaign_row, buffer_days=buffer_days, today=today)
    u = st["units"].fillna(0.0)
    frame = pd.DataFrame({
        "sku": st["sku"], "warehouse_id": st["warehouse_id"],
        "in_transit_units": u,
        "in_transit_covered_units": u.where(st["status"] == "on_time", 0.0),
        "in_transit_at_risk_units": u.where(st["status"] == "at_risk", 0.0),
        "in_transit_late_only_units": u.where(st["status"] == "late", 0.0),
    })
    g = frame.groupby(["sku", "warehouse_id"], as_index=False, sort=True).sum()
    g["in_transit_late_units"] = g["in_transit_at_risk_units"] + g["in_transit_late_only_units"]
    return g[list(COVERED_COLUMNS)]


__all__ = ["COVERED_COLUMNS", "STATUS_COLUMNS", "covered_stock", "shipment_status"]
