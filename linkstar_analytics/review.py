"""What a pre-campaign review meeting looks at: the top risks, late items and blocking readiness items
of a plan, restricted to the lines that actually order or hold stock."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

KEYS = ["sku", "warehouse_id"]


@dataclass(frozen=True)
class ReviewTables:
    top_stockout: pd.DataFrame  # lines with the largest expected lost margin
    top_overstock: pd.DataFrame  # lines with the largest expected leftover cost
    late_items: pd.DataFrame  # ordered lines whose latest PO date has passed
    blocking: pd.DataFrame  # missing compliance items of ordered lines


def review_tables(lines: pd.DataFrame, schedule: pd.DataFrame, readiness: pd.DataFrame, *, n: int = 10) -> ReviewTables:
    """Rank the plan's lines for the review (pure pandas over a few hundred to a few thousand rows)."""
    active = lines.loc[(lines["warehouse_id"] != "(none)")]
    ordered = active.loc[active["qty_after_rounding"] > 0, KEYS].drop_duplicates()
    stock_cols = ["sku", "name", "region", "warehouse_id", "qty_after_rounding", "demand_mean", "demand_p90",
                  "stockout_prob", "expected_lost_units", "lost_margin", "expected_leftover_units", "leftover_cost"]
    top_stockout = active.loc[active["lost_margin"] > 0].nlargest(n, "lost_margin")[stock_cols]
    top_overstock = active.loc[active["leftover_cost"] > 0].nlargest(n, "leftover_cost")[stock_cols]
    late = schedule.merge(ordered, on=KEYS, how="inner")
    late = late.loc[late["is_late"]].sort_values("days_late", ascending=False)[
        ["sku", "warehouse_id", "freight_mode", "latest_po_date", "days_late", "expected_arrival", "rescue_mode",
         "rescue_extra_cost_per_unit"]]
    block = readiness.merge(ordered, on=KEYS, how="inner")
    block = block.loc[block["blocking"], ["sku", "warehouse_id", "region", "item", "detail", "fix"]]
    return ReviewTables(top_stockout.reset_index(drop=True), top_overstock.reset_index(drop=True),
                        late.reset_index(drop=True), block.reset_index(drop=True))


def relevant_alerts(alerts: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Alerts that matter for this plan: campaign-wide ones, and line alerts of SKU x warehouse pairs that
    order or hold stock (a late PO for a line that orders nothing is not an alert). Order is kept."""
    active = lines.loc[(lines["warehouse_id"] != "(none)") &
                       ((lines["qty_after_rounding"] > 0) | (lines["on_hand_units"] > 0)), KEYS].drop_duplicates()
    keyed = alerts["sku"].notna() & alerts["warehouse_id"].notna()
    hit = alerts.merge(active.assign(_hit=1), on=KEYS, how="left")["_hit"].notna().to_numpy()
    return alerts.loc[~keyed.to_numpy() | hit].reset_index(drop=True)
