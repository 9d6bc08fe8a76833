"""A dataset at a glance (what the home page shows before any forecast runs), and the plan's headline figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import pandas as pd

from linkstar_analytics.calendar import CampaignCountdown, countdown, default_campaign_id


@dataclass(frozen=True)
class DatasetSummary:
    """Counts and spans of a dataset. Units are in the field names."""

    n_skus: int
    n_categories: int
    skus_by_category: dict[str, int]
    n_regions: int
    regions: tuple[str, ...]
    history_start: date | None
    history_end: date | None
    history_days: int
    total_units_last_28_days: float
    n_warehouses: int
    warehouses_by_mode: dict[str, int]
    n_campaigns_upcoming: int
    next_campaign: CampaignCountdown | None
    n_intermittent_skus: int
    n_new_skus: int


def dataset_summary(tables: dict[str, pd.DataFrame], today: date) -> DatasetSummary:
    """Summarise a loaded dataset (typed frames keyed by table name, as ``io.readers`` returns them).

    A SKU counts as intermittent when it sold on fewer than half of the days of its selling span
    (the usual ADI > 2 rule, Syntetos & Boylan 2005); as new when its first sale is under 90 days
    before the end of the history.
    """
    skus = tables.get("skus", pd.DataFrame(columns=["sku", "category"]))
    sales = tables.get("sales", pd.DataFrame(columns=["sku", "date", "units", "region"]))
    warehouses = tables.get("warehouses", pd.DataFrame(columns=["warehouse_id", "fulfilment_mode"]))
    campaigns = tables.get("campaigns", pd.DataFrame())

    if len(sales):
        dates = pd.to_datetime(sales["date"])
        start, end = dates.min().date(), dates.max().date()
        last28 = float(sales.loc[dates > pd.Timestamp(end) - pd.Timedelta(days=28), "units"].sum())
        per_sku = (
            sales.loc[sales["units"] > 0]
            .assign(date=dates)
            .groupby("sku")["date"]
            .agg(first="min", last="max", days="nunique")
        )
        span_days = (per_sku["last"] - per_sku["first"]).dt.days + 1
        n_intermittent = int((per_sku["days"] / span_days < 0.5).sum())
        n_new = int((per_sku["first"] > pd.Timestamp(end) - pd.Timedelta(days=90)).sum())
        regions = tuple(sorted(sales["region"].dropna().unique())) if "region" in sales else ("US",)
    else:
        start = end = None
        last28 = 0.0
        n_intermittent = n_new = 0
        regions = ()

    upcoming = 0
    next_cd = None
    if len(campaigns):
        upcoming = int((pd.to_datetime(campaigns["end_date"]).dt.date >= today).sum())
        cid = default_campaign_id(campaigns, today)
        if cid is not None:
            next_cd = countdown(campaigns.loc[campaigns["campaign_id"] == cid].iloc[0], today)

    return DatasetSummary(
        n_skus=int(skus["sku"].nunique()),
        n_categories=int(skus["category"].nunique()) if len(skus) else 0,
        skus_by_category={str(k): int(v) for k, v in skus["category"].value_counts().sort_index().items()},
        n_regions=len(regions),
        regions=regions,
        history_start=start,
        history_end=end,
        history_days=((end - start).days + 1) if start and end else 0,
        total_units_last_28_days=last28,
        n_warehouses=int(warehouses["warehouse_id"].nunique()),
        warehouses_by_mode={str(k): int(v) for k, v in warehouses["fulfilment_mode"].value_counts().sort_index().items()},
        n_campaigns_upcoming=upcoming,
        next_campaign=next_cd,
        n_intermittent_skus=n_intermittent,
        n_new_skus=n_new,
    )


@dataclass(frozen=True)
class HeadlineFigure:
    """One headline figure of a plan: the ``PlanResult.totals`` key, an English label and how to show it (``units``;
    ``money`` in the plan's currency; ``share``: a 0-1 fraction shown as a percentage; ``ratio``: a plain number)."""

    key: str
    label: str
    kind: Literal["units", "money", "share", "ratio"]
    help: str = ""


#: The plan's headline, in display order: What-if, Overview, the Review report and the Scenarios comparison all show
#: these figures (the UI translates each by its key).
PLAN_HEADLINE: tuple[HeadlineFigure, ...] = (
    HeadlineFigure("units", "Units to stock", "units"),
    HeadlineFigure("purchase_value", "Purchase value", "money"),
    HeadlineFigure("total_landed_cost", "Landed cost", "money"),
    HeadlineFigure("peak_cash", "Peak cash tied up", "money", "capital tied up at its highest (the ROI's base)"),
    HeadlineFigure("expected_stockout_units", "Expected stockout units", "units"),
    HeadlineFigure("lost_margin", "Expected lost margin", "money"),
    HeadlineFigure("expected_leftover_units", "Expected leftover units", "units"),
    HeadlineFigure("leftover_cost", "Expected leftover cost", "money"),
    HeadlineFigure("fill_rate", "Fill rate", "share", "expected share of the window's demand the plan serves"),
    HeadlineFigure("coverable_fill_rate", "Coverable today", "share",
                   "share of the demand the plan could still serve if every line ordered today by its fastest mode"),
    HeadlineFigure("expected_revenue", "Expected revenue", "money", "units expected to sell x shelf price net of VAT"),
    HeadlineFigure("gross_profit", "Gross profit", "money",
                   "margin of the units expected to sell (after landed cost) minus the leftover cost"),
    HeadlineFigure("capital_tied_up", "Capital tied up", "money",
                   "the new orders' cash at its peak plus the stock already held for the window, at its landed cost"),
    HeadlineFigure("campaign_roi", "Campaign ROI", "ratio", "gross profit / capital tied up"),
)


def plan_headline(totals: Mapping[str, Any]) -> list[tuple[HeadlineFigure, float]]:
    """The headline figures of a plan's totals, in display order (a figure missing from ``totals`` is NaN)."""
    return [(fig, float(totals.get(fig.key, float("nan")))) for fig in PLAN_HEADLINE]
