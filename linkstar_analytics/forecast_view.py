"""One series' history and forecast for display: daily actuals, campaign-inclusive forecast, campaign windows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from linkstar_analytics.forecast.uplift import apply_uplift


@dataclass(frozen=True)
class SeriesView:
    history: pd.DataFrame  # date, units (densified: missing days are 0)
    forecast: pd.DataFrame  # date, mean, p10, p50, p90 (campaign days include the uplift)
    campaigns: pd.DataFrame  # campaign_id, name, start_date, end_date within the shown range
    uplift: pd.DataFrame  # campaign_id, uplift, source, n_obs for this series
    selection: pd.Series | None  # chosen model and why


def series_view(tables: Mapping[str, pd.DataFrame], result, sku: str, region: str, *, history_days: int = 365,
                forecast_days: int | None = None) -> SeriesView:
    """History (last ``history_days``) and the forecast (first ``forecast_days``, all when None) of one series."""
    sales = tables["sales"]
    s = sales.loc[(sales["sku"] == sku) & (sales["region"] == region)]
    daily = s.groupby("date", as_index=False)["units"].sum()
    end = pd.to_datetime(sales["date"]).max()
    start = max(pd.to_datetime(daily["date"]).min() if len(daily) else end, end - pd.Timedelta(days=history_days - 1))
    days = pd.DataFrame({"date": pd.date_range(start, end, freq="D")})
    history = days.merge(daily, on="date", how="left").fillna({"units": 0.0})

    fc = result.forecasts
    one = fc.loc[(fc["sku"] == sku) & (fc["region"] == region)]
    up = result.uplift
    up_one = up.loc[(up["sku"] == sku) & (up["region"] == region)]
    forecast = apply_uplift(one, up_one, tables["campaigns"]) if len(one) else one
    if forecast_days is not None and len(forecast):
        forecast = forecast.loc[forecast["date"] <= end + pd.Timedelta(days=forecast_days)]

    camps = tables["campaigns"]
    regions = camps["regions"].astype(str).str.split(";")
    lo, hi = history["date"].min(), (forecast["date"].max() if len(forecast) else end)
    in_range = (pd.to_datetime(camps["end_date"]) >= lo) & (pd.to_datetime(camps["start_date"]) <= hi)
    shown = camps.loc[in_range & regions.map(lambda rs: region in rs), ["campaign_id", "name", "start_date", "end_date"]]
    sel = result.selection
    pick = sel.loc[(sel["sku"] == sku) & (sel["region"] == region)]
    return SeriesView(history, forecast[["date", "mean", "p10", "p50", "p90"]] if len(forecast) else forecast,
                      shown.reset_index(drop=True),
                      up_one[["campaign_id", "uplift", "source", "n_obs"]].reset_index(drop=True),
                      pick.iloc[0] if len(pick) else None)
