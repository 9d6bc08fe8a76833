"""Gantt segments of a backward schedule: one bar per stage of the chain, per SKU x warehouse."""

from __future__ import annotations

import pandas as pd

#: (stage, start column, end column) in chain order: production -> consolidation -> first leg ->
#: customs -> receiving -> buffer, ending at the inbound cutoff.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("production", "latest_po_date", "consolidation_start"),
    ("consolidation", "consolidation_start", "ship_by"),
    ("first_leg", "ship_by", "arrival_port"),
    ("customs", "customs_start", "receiving_start"),
    ("receiving", "receiving_start", "available_by"),
    ("buffer", "available_by", "inbound_cutoff"),
)


def gantt_segments(schedule: pd.DataFrame) -> pd.DataFrame:
    """Long frame ``sku, warehouse_id, is_late, stage, start, end`` for a timeline chart.

    Zero-length stages (e.g. no buffer) are dropped; the order of ``schedule`` is kept.
    """
    parts = []
    for stage, a, b in STAGES:
        part = schedule[["sku", "warehouse_id", "is_late"]].copy()
        part["stage"] = stage
        part["start"] = pd.to_datetime(schedule[a])
        part["end"] = pd.to_datetime(schedule[b])
        part["_order"] = range(len(schedule))
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out = out.loc[out["end"] > out["start"]].sort_values("_order", kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)
