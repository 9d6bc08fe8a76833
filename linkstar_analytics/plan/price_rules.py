"""Campaign price rule: a campaign price must not be above the lowest price of the 30 days before the campaign.

TikTok Shop campaigns (and the price-protection rules of most marketplaces) refuse a campaign price above the lowest
price the item sold at in the 30 days before the campaign starts. The price the item sold at on a day is read from
the sales history: ``sales.revenue / sales.units`` summed per SKU x market x day (the average selling price of the
day, in the sales' currency), rounded to the cent (0.01 of the currency) so a price typed as 19.99 and a day's
revenue / units of 19.990000000000002 compare equal.

Rule (per SKU x market x campaign): ``low_30d = min(daily price over [start - 30 days, start - 1 day])``;
the planned campaign price breaks the rule when ``round(campaign_price, 2) > low_30d``. Both are compared in the
campaign price's currency (sales in another currency are converted with the planning FX table, CNY per unit).
A SKU x market without any sale in the 30 days has no low to respect: it is reported, not flagged.

The planned campaign prices come from the optional ``campaign_prices`` table (``sku, campaign_id, region,
campaign_price, currency``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

__all__ = ["LOOKBACK_DAYS", "PRICE_RULE_COLUMNS", "campaign_price_check", "daily_prices"]

#: Days before the campaign start whose lowest price the campaign price must not exceed.
LOOKBACK_DAYS = 30

#: Columns of :func:`campaign_price_check`'s result.
PRICE_RULE_COLUMNS: tuple[str, ...] = (
    "sku", "region", "campaign_id", "campaign_price", "currency", "low_30d_price", "low_30d_date", "days_with_sales",
    "above_low_by", "breaks_rule", "no_history",
)


def daily_prices(sales: pd.DataFrame, *, fx_cny_per_unit: Mapping[str, float], currency_by_row: str | None = None
                 ) -> pd.DataFrame:
    # Formula: price(day) = sum(revenue) / sum(units) of the SKU x market's rows that day (average selling price)
    """Average selling price per SKU x market x day and currency: ``sum(revenue) / sum(units)`` over the day's rows
    with units > 0 and a revenue (``sku, region, date, currency, price``; region defaults to US, currency to
    ``currency_by_row`` or USD). Unknown currencies are dropped (no rate to compare them)."""
    need = {"date", "sku", "units", "revenue"}
    if sales is None or not need <= set(sales.columns):
        return pd.DataFrame(columns=["sku", "region", "date", "currency", "price"])
    df = pd.DataFrame({
        "sku": sales["sku"].astype(str),
        "region": sales["region"].astype(str) if "region" in sales.columns else "US",
        "date": pd.to_datetime(sales["date"]).dt.normalize(),
        "currency": (sales["currency"].fillna(currency_by_row or "USD").astype(str) if "currency" in sales.columns
                     else (currency_by_row or "USD")),
        "units": pd.to_numeric(sales["units"], errors="coerce"),
        "revenue": pd.to_numeric(sales["revenue"], errors="coerce"),
    })
    df = df[(df["units"] > 0) & df["revenue"].notna() & df["currency"].isin(list(fx_cny_per_unit))]
    g = df.groupby(["sku", "region", "date", "currency"], as_index=False)[["units", "revenue"]].sum()
    g["price"] = g["revenue"] / g["units"]
    return g[["sku", "region", "date", "currency", "price"]]


def campaign_price_check(campaign_prices: pd.DataFrame, sales: pd.DataFrame, campaigns: pd.DataFrame, *,
                         fx_cny_per_unit: Mapping[str, float], campaign_id: str | None = None) -> pd.DataFrame:
    """Each planned campaign price against the 30-day low before its campaign (module docstring).

    Parameters
    ----------
    campaign_prices : ``sku, campaign_id, region, campaign_price, currency`` (one row per SKU x campaign x market).
    sales : the sales history (``date, sku, units, revenue``; ``region``, ``currency`` optional).
    campaigns : ``campaign_id, start_date``.
    fx_cny_per_unit : currency -> CNY per unit (the scenario's ``fx_table()``).
    campaign_id : only this campaign's prices (None = all).

    Returns
    -------
    One row per planned price (:data:`PRICE_RULE_COLUMNS`): the 30-day low in the campaign price's currency (NaN
    without sales), its day, the number of days with sales, ``above_low_by`` (campaign price - low, in the currency),
    ``breaks_rule`` and ``no_history``; rule breakers first, then by SKU.
    """
    cols = list(PRICE_RULE_COLUMNS)
    if campaign_prices is None or campaign_prices.empty:
        return pd.DataFrame(columns=cols)
    cp = campaign_prices.copy()
    cp["sku"] = cp["sku"].astype(str)
    cp["campaign_id"] = cp["campaign_id"].astype(str)
    cp["region"] = cp["region"].astype(str)
    cp["currency"] = cp["currency"].astype(str)
    if campaign_id is not None:
        cp = cp[cp["campaign_id"] == str(campaign_id)]
    starts = pd.Series(pd.to_datetime(campaigns["start_date"]).to_numpy(),
                       index=campaigns["campaign_id"].astype(str))
    cp = cp[cp["campaign_id"].isin(starts.index)].reset_index(drop=True)
    if cp.empty:
        return pd.DataFrame(columns=cols)
    cp["start"] = starts.reindex(cp["campaign_id"]).to_numpy()
    daily = daily_prices(sales, fx_cny_per_unit=fx_cny_per_unit)
    m = cp.reset_index().merge(daily, on=["sku", "region"], how="left", suffixes=("", "_sale"))
    in_window = (m["date"] >= m["start"] - pd.Timedelta(days=LOOKBACK_DAYS)) & (m["date"] < m["start"])
    m = m[in_window]
    rate = lambda c: np.array([float(fx_cny_per_unit.get(x, np.nan)) for x in c])  # noqa: E731
    # the day's price in the campaign price's currency, to the cent
    price = m["price"].to_numpy() * rate(m["currency_sale"]) / rate(m["currency"])
    m = m.assign(price_in=np.round(price, 2)).dropna(subset=["price_in"])
    n = len(cp)
    low = np.full(n, np.nan)
    low_date = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    days = np.zeros(n, dtype=np.int64)
    if len(m):
        idx = m["index"].to_numpy()
        order = np.lexsort((m["date"].to_numpy(), m["price_in"].to_numpy(), idx))  # by row, cheapest, earliest
        first = np.unique(idx[order], return_index=True)
        rows, pos = first[0], order[first[1]]
        low[rows] = m["price_in"].to_numpy()[pos]
        low_date[rows] = m["date"].to_numpy()[pos]
        days = np.bincount(m.drop_duplicates(["index", "date"])["index"].to_numpy(), minlength=n)
    planned = np.round(pd.to_numeric(cp["campaign_price"], errors="coerce").to_numpy(dtype=float), 2)
    no_hist = ~np.isfinite(low)
    above = np.where(no_hist, np.nan, np.round(planned - low, 2))
    out = pd.DataFrame({
        "sku": cp["sku"], "region": cp["region"], "campaign_id": cp["campaign_id"], "campaign_price": planned,
        "currency": cp["currency"], "low_30d_price": low, "low_30d_date": low_date, "days_with_sales": days,
        "above_low_by": above, "breaks_rule": ~no_hist & (planned > low), "no_history": no_hist,
    })
    return out.sort_values(["breaks_rule", "sku", "region"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)[cols]
