"""One series' history and forecast for display: daily actuals, stockout-corrected history, campaign-inclusive
forecast, campaign windows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from linkstar_analytics.forecast.uplift import apply_campaign_effects, apply_uplift


@dataclass(frozen=True)
class SeriesView:
    history: pd.DataFrame  # date, units (densified: missing days are 0), corrected_units, censored (bool)
    forecast: pd.DataFrame  # date, mean, p10, p50, p90 (campaign-affected days include the campaign effect)
    campaigns: pd.DataFrame  # campaign_id, name, start_date, end_date within the shown range
    uplift: pd.DataFrame  # campaign_id, uplift, source, n_obs for this series
    selection: pd.Series | None  # chosen model and why

    @property
    def censored_days(self) -> int:
        """Days of the shown history read as stockouts (sales censored)."""
        return int(self.history["censored"].sum()) if "censored" in self.history.columns else 0


def series_view(tables: Mapping[str, pd.DataFrame], result, sku: str, region: str, *, history_days: int = 365,
                forecast_days: int | None = None, baseline_factor: float = 1.0) -> SeriesView:
    """History (last ``history_days``) and the forecast (first ``forecast_days``, all when None) of one series.

    The history carries the stockout correction the models fitted on (``ForecastResult.censored``):
    ``corrected_units`` equals ``units`` except on censored days. The forecast is the baseline times the
    day-by-day campaign effects (run-up, event days, post-event dip), as the plan reads it; results stored before
    campaign effects existed fall back to the per-campaign uplift. ``baseline_factor`` is the planner's baseline
    override of this series (``workflow.apply_baseline_overrides``), so the chart shows what the plan uses.
    """
    sales = tables["sales"]
    s = sales.loc[(sales["sku"] == sku) & (sales["region"] == region)]
    daily = s.groupby("date", as_index=False)["units"].sum()
    daily["date"] = pd.to_datetime(daily["date"])
    end = pd.to_datetime(sales["date"]).max()
    start = max(pd.to_datetime(daily["date"]).min() if len(daily) else end, end - pd.Timedelta(days=history_days - 1))
    days = pd.DataFrame({"date": pd.date_range(start, end, freq="D")})
    history = days.merge(daily, on="date", how="left").fillna({"units": 0.0})
    cens = getattr(result, "censored", None)
    history["censored"] = False
    history["corrected_units"] = history["units"].astype(float)
    if cens is not None and len(cens):
        mine = cens.loc[(cens["sku"] == sku) & (cens["region"] == region), ["date", "corrected_units"]]
        if len(mine):
            m = history[["date"]].merge(mine.assign(date=pd.to_datetime(mine["date"])), on="date", how="left")
            hit = m["corrected_units"].notna().to_numpy()
            history.loc[hit, "censored"] = True
            history.loc[hit, "corrected_units"] = m.loc[hit, "corrected_units"].to_numpy()

    fc = result.forecasts
    one = fc.loc[(fc["sku"] == sku) & (fc["region"] == region)]
    if baseline_factor != 1.0 and len(one):
        from linkstar_analytics.workflow import apply_baseline_overrides

        one = apply_baseline_overrides(one, {f"{sku}|{region}": float(baseline_factor)})
    up = result.uplift
    up_one = up.loc[(up["sku"] == sku) & (up["region"] == region)] if len(up) else up
    effects = getattr(result, "campaign_effects", None)
    if len(one) and effects is not None and len(effects):
        eff_one = effects.loc[(effects["sku"] == sku) & (effects["region"] == region)]
        forecast = apply_campaign_effects(one, eff_one)
    elif len(one) and len(up_one):
        forecast = apply_uplift(one, up_one, tables["campaigns"])
    else:
        forecast = one
    if forecast_days is not None and len(forecast):
        forecast = forecast.loc[forecast["date"] <= end + pd.Timedelta(days=forecast_days)]

    camps = tables["campaigns"]
    regions = camps["regions"].astype(str).str.split(";")
    lo, hi = history["date"].min(), (forecast["date"].max() if len(forecast) else end)
    in_range = (pd.to_datetime(camps["end_date"]) >= lo) & (pd.to_datetime(camps["start_date"]) <= hi)
    shown = camps.loc[in_range & regions.map(lambda rs: region in rs), ["campaign_id", "name", "start_date", "end_date"]]
    sel = result.selection
    pick = sel.loc[(sel["sku"] == sku) & (sel["region"] == region)]
    up_cols = [c for c in ("campaign_id", "uplift", "source", "n_obs") if c in up_one.columns]
    return SeriesView(history, forecast[["date", "mean", "p10", "p50", "p90"]] if len(forecast) else forecast,
                      shown.reset_index(drop=True), up_one[up_cols].reset_index(drop=True),
                      pick.iloc[0] if len(pick) else None)
