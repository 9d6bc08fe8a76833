"""A dataset at a glance: what the home page shows before any forecast runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
