"""One sorted alert list from the schedule, the shipments in transit and the readiness checklist.

Severity ranks (most urgent first): ``critical`` > ``high`` > ``medium`` > ``info``; within a
severity, the earliest ``due_date`` first. Thresholds are an overridable table
(:func:`default_alert_thresholds`) -- countdown windows follow workflow.md ("missing the
declaration deadline: no campaign traffic; show countdowns and alerts") and defaults.md §7 [E]
(register/declare 2-4 weeks before the event).

=====================  ==========  ==================================================================
kind                   severity    when
=====================  ==========  ==================================================================
declaration_deadline   critical    deadline passed or due today
                       high        due within ``deadline_high_days`` (7)
                       medium      due within ``deadline_medium_days`` (14)
                       info        later (a countdown)
late_po                critical    latest PO date passed and no faster mode makes it
                       high        latest PO date passed, a faster mode (rescue) still makes it
po_due_soon            medium      latest PO date within ``po_due_soon_days`` (7)
shipment_late          critical    ETA after the inbound cutoff
shipment_at_risk       medium      ETA inside the buffer (overdue shipments: high)
readiness_blocking     high        a blocking compliance item is missing (due: the ship-by date when
                                   the schedule has one, else the declaration deadline)
=====================  ==========  ==================================================================
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkstar_analytics.cost.schedule import campaign_dict

ALERT_COLUMNS: tuple[str, ...] = ("severity", "kind", "sku", "warehouse_id", "message", "due_date")
SEVERITY_ORDER: tuple[str, ...] = ("critical", "high", "medium", "info")


def default_alert_thresholds() -> pd.DataFrame:
    """Countdown windows in days (``parameter, value, source``); override by passing your own frame."""
    rows = [
        ("deadline_high_days", 7, "[E] one week before the declaration deadline; workflow.md: show countdowns and alerts"),
        ("deadline_medium_days", 14, "[E] defaults.md §7: declare 2-4 weeks before the event"),
        ("po_due_soon_days", 7, "[E] one week of notice to place a PO"),
    ]
    return pd.DataFrame(rows, columns=["parameter", "value", "source"])


def _fmt(d) -> str:
    return "" if pd.isna(d) else pd.Timestamp(d).strftime("%Y-%m-%d")


#: Freight modes in the messages' words (the alert table's ``message`` reads as English prose).
_MODE_WORDS = {"sea": "sea freight", "air": "air freight", "express": "express line"}


def _mode_words(modes: pd.Series) -> pd.Series:
    return modes.map(lambda m: _MODE_WORDS.get(str(m), str(m)))


def alerts(schedule_df: pd.DataFrame | None, shipment_status_df: pd.DataFrame | None, readiness_df: pd.DataFrame | None,
           campaign_row, today, *, thresholds: pd.DataFrame | None = None) -> pd.DataFrame:
    """Alerts (``ALERT_COLUMNS``) sorted by severity then due date; any input may be None.

    Parameters
    ----------
    schedule_df : DataFrame or None
        Output of ``schedule.backward_schedule``.
    shipment_status_df : DataFrame or None
        Output of ``transit.shipment_status``.
    readiness_df : DataFrame or None
        Output of ``readiness.readiness_checklist``.
    campaign_row : Series, mapping or one-row frame
        The campaign (declaration deadline countdown).
    today : date-like
        Planning day.
    thresholds : DataFrame or None
        ``default_alert_thresholds()`` when None.
    """
    camp = campaign_dict(campaign_row)
    today_ts = pd.Timestamp(today).normalize()
    th = default_alert_thresholds() if thresholds is None else thresholds
    tv = dict(zip(th["parameter"], th["value"].astype(float)))
    parts: list[pd.DataFrame] = []

    # declaration deadline countdown
    deadline = camp["declaration_deadline"]
    days = int((deadline - today_ts).days)
    name = str(camp.get("name") or camp.get("campaign_id") or "campaign")
    if days < 0:
        sev, msg = "critical", f"{name}: the declaration deadline {_fmt(deadline)} passed {-days} day(s) ago; the campaign gets no traffic without a declaration."
    elif days == 0:
        sev, msg = "critical", f"{name}: declare the stock-up plan today ({_fmt(deadline)})."
    elif days <= tv.get("deadline_high_days", 7):
        sev, msg = "high", f"{name}: {days} day(s) left to declare the stock-up plan (deadline {_fmt(deadline)})."
    elif days <= tv.get("deadline_medium_days", 14):
        sev, msg = "medium", f"{name}: {days} days left to declare the stock-up plan (deadline {_fmt(deadline)})."
    else:
        sev, msg = "info", f"{name}: {days} days to the declaration deadline ({_fmt(deadline)})."
    parts.append(pd.DataFrame({"severity": [sev], "kind": ["declaration_deadline"], "sku": [None], "warehouse_id": [None],
                               "message": [msg], "due_date": [deadline]}))

    if schedule_df is not None and len(schedule_df):
        s = schedule_df
        late = s[s["is_late"].astype(bool)]
        if len(late):
            has_rescue = late["rescue_mode"].notna().to_numpy()
            base = (late["sku"].astype(str) + " -> " + late["warehouse_id"].astype(str) + ": the latest PO date for "
                    + _mode_words(late["freight_mode"]) + " was " + late["latest_po_date"].dt.strftime("%Y-%m-%d")
                    + " (" + late["days_late"].map("{:g}".format) + " day(s) ago); ordered today it is sellable on "
                    + late["expected_arrival"].dt.strftime("%Y-%m-%d") + ", after the plan-by date "
                    + late["available_by"].dt.strftime("%Y-%m-%d") + ".")
            cost = late["rescue_extra_cost_per_unit"].map(lambda v: "" if pd.isna(v) else f" at +{v:.2f}")
            rescue = (" Switch to " + _mode_words(late["rescue_mode"]) + cost + " " + late["rescue_cost_currency"].astype(str)
                      + " per unit and order by " + late["rescue_latest_po_date"].dt.strftime("%Y-%m-%d") + ".")
            msg = np.where(has_rescue, base + rescue, base + " No faster mode makes it: cut the quantity or plan it for after the campaign.")
            parts.append(pd.DataFrame({
                "severity": np.where(has_rescue, "high", "critical"), "kind": "late_po",
                "sku": late["sku"].to_numpy(), "warehouse_id": late["warehouse_id"].to_numpy(), "message": msg,
                "due_date": np.where(has_rescue, late["rescue_latest_po_date"], late["available_by"]),
            }))
        soon = s[~s["is_late"].astype(bool) & s["slack_days"].notna() & (s["slack_days"] <= tv.get("po_due_soon_days", 7))]
        if len(soon):
            msg = (soon["sku"].astype(str) + " -> " + soon["warehouse_id"].astype(str) + ": place the PO by "
                   + soon["latest_po_date"].dt.strftime("%Y-%m-%d") + " (" + soon["slack_days"].map("{:g}".format)
                   + " day(s) left) to ship by " + soon["ship_by"].dt.strftime("%Y-%m-%d") + " via " + soon["freight_mode"].astype(str) + ".")
            parts.append(pd.DataFrame({"severity": "medium", "kind": "po_due_soon", "sku": soon["sku"].to_numpy(),
                                       "warehouse_id": soon["warehouse_id"].to_numpy(), "message": msg.to_numpy(),
                                       "due_date": soon["latest_po_date"].to_numpy()}))

    if shipment_status_df is not None and len(shipment_status_df):
        ss = shipment_status_df
        st = ss[(ss["status"] != "on_time") | ss["overdue"].astype(bool)]
        if len(st):
            sev = np.where(st["status"] == "late", "critical", np.where(st["overdue"].astype(bool), "high", "medium"))
            kind = np.where(st["status"] == "late", "shipment_late", np.where(st["status"] == "at_risk", "shipment_at_risk", "shipment_overdue"))
            parts.append(pd.DataFrame({"severity": sev, "kind": kind, "sku": st["sku"].to_numpy(),
                                       "warehouse_id": st["warehouse_id"].to_numpy(), "message": st["alert"].to_numpy(),
                                       "due_date": st["available_by"].to_numpy()}))

    if readiness_df is not None and len(readiness_df):
        b = readiness_df[readiness_df["blocking"].astype(bool)]
        if len(b):
            due = pd.Series(deadline, index=b.index)
            if schedule_df is not None and len(schedule_df) and "ship_by" in schedule_df.columns:
                sb = schedule_df.set_index(["sku", "warehouse_id"])["ship_by"]
                sb = sb[~sb.index.duplicated()]
                key = pd.MultiIndex.from_arrays([b["sku"], b["warehouse_id"]])
                found = sb.reindex(key).to_numpy()
                due = pd.Series(np.where(pd.isna(found), deadline, found), index=b.index)
            msg = (b["sku"].astype(str) + " -> " + b["warehouse_id"].astype(str) + ": " + b["item"].astype(str)
                   + " missing (blocks shipping). Fix: " + b["fix"].astype(str) + ".")
            parts.append(pd.DataFrame({"severity": "high", "kind": "readiness_blocking", "sku": b["sku"].to_numpy(),
                                       "warehouse_id": b["warehouse_id"].to_numpy(), "message": msg.to_numpy(),
                                       "due_date": pd.to_datetime(due).to_numpy()}))

    out = pd.concat(parts, ignore_index=True)
    out["due_date"] = pd.to_datetime(out["due_date"])
    rank = out["severity"].map({s: i for i, s in enumerate(SEVERITY_ORDER)})
    out = out.assign(_r=rank).sort_values(["_r", "due_date", "kind", "sku"], kind="stable", na_position="last")
    return out.drop(columns="_r").reset_index(drop=True)[list(ALERT_COLUMNS)]


__all__ = ["ALERT_COLUMNS", "SEVERITY_ORDER", "alerts", "default_alert_thresholds"]
