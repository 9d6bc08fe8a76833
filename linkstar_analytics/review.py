"""What a pre-campaign review meeting looks at: the top risks, late items and blocking readiness items of a plan,
restricted to the lines that actually order. One definition of each, so every page counts the same."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

KEYS = ["sku", "warehouse_id"]
#: Alert kinds about placing and shipping an order: they matter only for lines the plan orders for.
ORDER_ALERT_KINDS: frozenset[str] = frozenset({"late_po", "po_due_soon", "readiness_blocking"})


@dataclass(frozen=True)
class ReviewTables:
    top_stockout: pd.DataFrame  # lines with the largest expected lost margin
    top_overstock: pd.DataFrame  # lines with the largest expected leftover cost
    late_items: pd.DataFrame  # ordered lines whose latest PO date has passed
    blocking: pd.DataFrame  # missing compliance items of ordered lines


def ordered_lines(lines: pd.DataFrame) -> pd.DataFrame:
    """``sku, warehouse_id`` of the lines the plan orders for (quantity after rounding > 0)."""
    return lines.loc[(lines["warehouse_id"] != "(none)") & (lines["qty_after_rounding"] > 0), KEYS].drop_duplicates()


def blocking_items(readiness: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Blocking readiness items of the lines that order: what stops a shipment the plan needs (a line that orders
    nothing ships nothing). Columns: ``sku, warehouse_id, region, item, detail, fix`` (+ ``fulfilment_mode``)."""
    block = readiness.merge(ordered_lines(lines), on=KEYS, how="inner")
    cols = [c for c in ("sku", "warehouse_id", "region", "fulfilment_mode", "item", "detail", "fix") if c in block]
    return block.loc[block["blocking"].astype(bool), cols].reset_index(drop=True)


def review_tables(lines: pd.DataFrame, schedule: pd.DataFrame, readiness: pd.DataFrame, *, n: int = 10) -> ReviewTables:
    """Rank the plan's lines for the review (pure pandas over a few hundred to a few thousand rows)."""
    active = lines.loc[(lines["warehouse_id"] != "(none)")]
    ordered = ordered_lines(lines)
    stock_cols = ["sku", "name", "region", "warehouse_id", "qty_after_rounding", "demand_mean", "demand_p90",
                  "stockout_prob", "expected_lost_units", "lost_margin", "expected_leftover_units", "leftover_cost"]
    top_stockout = active.loc[active["lost_margin"] > 0].nlargest(n, "lost_margin")[stock_cols]
    top_overstock = active.loc[active["leftover_cost"] > 0].nlargest(n, "leftover_cost")[stock_cols]
    late = schedule.merge(ordered, on=KEYS, how="inner")
    late = late.loc[late["is_late"]].sort_values("days_late", ascending=False)[
        ["sku", "warehouse_id", "freight_mode", "latest_po_date", "days_late", "expected_arrival", "rescue_mode",
         "rescue_extra_cost_per_unit"]]
    block = blocking_items(readiness, lines)
    return ReviewTables(top_stockout.reset_index(drop=True), top_overstock.reset_index(drop=True),
                        late.reset_index(drop=True), block.reset_index(drop=True)[
                            [c for c in ("sku", "warehouse_id", "region", "item", "detail", "fix") if c in block]])


def relevant_alerts(alerts: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Alerts that matter for this plan, in their order: campaign-wide ones; order alerts (late PO, PO due,
    blocking readiness item) of lines that order; shipment alerts of lines that order or hold stock (the stock in
    transit is theirs). A late PO for a line that orders nothing is not an alert."""
    real = lines.loc[lines["warehouse_id"] != "(none)"]
    ordered = ordered_lines(lines).assign(_ordered=1)
    held = real.loc[(real["qty_after_rounding"] > 0) | (real["on_hand_units"] > 0), KEYS].drop_duplicates()
    keyed = (alerts["sku"].notna() & alerts["warehouse_id"].notna()).to_numpy()
    hit = alerts.merge(ordered, on=KEYS, how="left")["_ordered"].notna().to_numpy()
    hit_held = alerts.merge(held.assign(_held=1), on=KEYS, how="left")["_held"].notna().to_numpy()
    order_kind = alerts["kind"].isin(ORDER_ALERT_KINDS).to_numpy()
    keep = ~keyed | (order_kind & hit) | (~order_kind & hit_held)
    return alerts.loc[keep].reset_index(drop=True)
