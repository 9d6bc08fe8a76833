"""What to do next for a campaign: the coming deadlines of the plan, soonest first.

The Overview leads with the first of these. Each step is a kind (the UI words it), a due date, a count and the
lines it concerns; they come from the campaign's countdown, the backward schedule of the lines the plan orders, and
the blocking readiness items of those lines:

================  =========================================================================================
kind              when / due
================  =========================================================================================
cut_or_defer      ordered lines whose latest PO date passed and no faster mode makes it; due today
switch_mode       ordered lines whose latest PO date passed, a faster mode still makes it; due the earliest
                  latest PO date of that faster mode
place_po          ordered lines whose latest PO date is today or later; due the earliest; ``count`` = the lines
                  due within ``PO_WINDOW_DAYS`` of it (one week's purchase orders)
declare           the declaration deadline, while it has not passed
fix_compliance    blocking readiness items of ordered lines; due the earliest ship-by date among them
inbound_cutoff    the day the stock must be sellable at the warehouses, while it has not passed
================  =========================================================================================

Overdue steps (``cut_or_defer``) sort first, then by due date; ties follow the table's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from linkstar_analytics.calendar import CampaignCountdown

KINDS: tuple[str, ...] = ("cut_or_defer", "switch_mode", "place_po", "declare", "fix_compliance", "inbound_cutoff")
#: Purchase orders due within this many days of the first one are counted together (one week of POs).
PO_WINDOW_DAYS = 6
_KEYS = ["sku", "warehouse_id"]


@dataclass(frozen=True)
class Step:
    """One thing to do: ``kind`` (see the module table), the day it is due, how many lines or items it concerns,
    and up to five example SKU -> warehouse pairs."""

    kind: str
    due: date
    count: int
    examples: tuple[str, ...] = ()


def _examples(frame: pd.DataFrame, n: int = 5) -> tuple[str, ...]:
    return tuple(f"{s} → {w}" for s, w in zip(frame["sku"].head(n), frame["warehouse_id"].head(n)))


def next_steps(countdown: CampaignCountdown, schedule: pd.DataFrame, ordered: pd.DataFrame,
               blocking: pd.DataFrame, today: date) -> list[Step]:
    """The campaign's coming steps, most urgent first.

    Parameters
    ----------
    countdown : CampaignCountdown
        The campaign (``calendar.countdown``).
    schedule : DataFrame
        Backward schedule (``cost.schedule.backward_schedule``): ``sku, warehouse_id, latest_po_date, ship_by,
        is_late, rescue_mode, rescue_latest_po_date``.
    ordered : DataFrame
        ``sku, warehouse_id`` of the lines the plan orders for.
    blocking : DataFrame
        Blocking readiness items of those lines (``review.blocking_items``): ``sku, warehouse_id``.
    today : date
        The planning day.
    """
    today_ts = pd.Timestamp(today).normalize()
    sch = schedule.merge(ordered[_KEYS].drop_duplicates(), on=_KEYS, how="inner")
    steps: list[Step] = []
    late = sch.loc[sch["is_late"].astype(bool)]
    stuck = late.loc[late["rescue_mode"].isna()]
    if len(stuck):
        steps.append(Step("cut_or_defer", today, len(stuck), _examples(stuck)))
    rescued = late.loc[late["rescue_mode"].notna()].sort_values("rescue_latest_po_date", kind="stable")
    if len(rescued):
        steps.append(Step("switch_mode", pd.Timestamp(rescued["rescue_latest_po_date"].min()).date(), len(rescued),
                          _examples(rescued)))
    open_ = sch.loc[~sch["is_late"].astype(bool) & sch["latest_po_date"].notna()].sort_values("latest_po_date",
                                                                                              kind="stable")
    if len(open_):
        first = pd.Timestamp(open_["latest_po_date"].min())
        batch = open_.loc[open_["latest_po_date"] <= first + pd.Timedelta(days=PO_WINDOW_DAYS)]
        steps.append(Step("place_po", first.date(), len(batch), _examples(batch)))
    if countdown.days_to_deadline >= 0:
        steps.append(Step("declare", countdown.declaration_deadline, 1))
    if len(blocking):
        items = blocking.merge(sch[_KEYS + ["ship_by"]], on=_KEYS, how="left")
        due = pd.Timestamp(items["ship_by"].min()) if items["ship_by"].notna().any() else pd.Timestamp(
            countdown.declaration_deadline)
        steps.append(Step("fix_compliance", max(due, today_ts).date(), len(blocking), _examples(blocking)))
    if countdown.days_to_cutoff >= 0:
        steps.append(Step("inbound_cutoff", countdown.inbound_cutoff, 1))
    rank = {k: i for i, k in enumerate(KINDS)}
    return sorted(steps, key=lambda s: (s.kind != "cut_or_defer", s.due, rank[s.kind]))


__all__ = ["KINDS", "PO_WINDOW_DAYS", "Step", "next_steps"]
