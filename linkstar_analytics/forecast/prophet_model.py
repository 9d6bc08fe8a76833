"""Prophet per series: weekly + yearly seasonality, campaign days and public holidays as holiday effects.

Prophet (Taylor & Letham, "Forecasting at scale", The American Statistician 72(1), 2018) is the one
model here that learns yearly seasonality and named holiday effects; it costs ~70 ms per series, so
``batch`` runs it across Dask workers and ``auto`` only tries it on small catalogues.

Baseline: campaign days up to the history end enter as holidays named by campaign key and day
(``camp_BFCM_d0``...), so their effect is learned and kept out of trend and season; future campaign
days are not in the holidays frame, so the forecast is the non-campaign baseline (uplift is applied
later by ``uplift.apply_uplift``). Public holidays of the region (``holidays`` package) are part of
the baseline and are projected.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from linkstar_analytics.forecast import kernels
from linkstar_analytics.forecast.base import Forecaster, SeriesPanel, daily_sigma, scale_from_residuals
from linkstar_analytics.forecast.holidays import holiday_frame

#: Prophet turns yearly seasonality off below two years of history; we decide explicitly instead:
#: yearly on from this many days of history (one full year plus a margin to place the season).
YEARLY_MIN_DAYS = 400
#: Below this many observed days Prophet is not fitted; the series' recent mean is used.
PROPHET_MIN_DAYS = 14


def quiet_prophet() -> None:
    """Silence cmdstanpy/prophet logging (Prophet resets its logger at import, so call after importing)."""
    for name in ("cmdstanpy", "prophet", "prophet.plot"):
        lg = logging.getLogger(name)
        lg.disabled = True
        lg.setLevel(logging.ERROR)


def fit_predict_one(ds: pd.DatetimeIndex, y: np.ndarray, horizon_days: int, holidays: pd.DataFrame | None,
                    *, yearly: bool) -> tuple[np.ndarray, np.ndarray]:
    """Fit one Prophet model and return (in-sample yhat, future yhat) on ``ds`` and the next days."""
    from prophet import Prophet

    quiet_prophet()
    m = Prophet(yearly_seasonality=yearly, weekly_seasonality=True, daily_seasonality=False,
                holidays=holidays if holidays is not None and len(holidays) else None,
                uncertainty_samples=0, seasonality_mode="additive")
    df = pd.DataFrame({"ds": ds, "y": y})
    m.fit(df.dropna())
    future = pd.DataFrame({"ds": ds.append(pd.date_range(ds[-1] + pd.Timedelta(days=1), periods=horizon_days))})
    yhat = m.predict(future)["yhat"].to_numpy()
    return yhat[: len(ds)], yhat[len(ds):]


class ProphetForecaster(Forecaster):
    """Prophet for each series of the panel (a loop; parallelism comes from ``batch`` chunks on Dask).

    Parameters
    ----------
    campaigns : campaign calendar (``campaigns.csv``); campaign days of the series' region become holidays.
    """

    alias = "prophet"

    def __init__(self, campaigns: pd.DataFrame | None = None) -> None:
        super().__init__()
        self.campaigns = campaigns
        # set during fit (forecasts are produced at fit time for the longest horizon asked so far)
        self.fitted_: list | None = None

    def _fit_panel(self, panel: SeriesPanel) -> None:
        self.fitted_ = None  # lazily fitted in _predict_arrays, which knows the horizon

    def _predict_arrays(self, horizon_days: int):
        panel = self.panel_
        n, t = panel.units.shape
        mean = np.zeros((n, horizon_days))
        fitted = np.full((n, t), np.nan)
        start = kernels.start_index(panel.units)
        end = panel.dates[-1]
        years = list(range(panel.dates[0].year, (end + pd.Timedelta(days=horizon_days)).year + 1))
        hol_cache: dict[str, pd.DataFrame] = {}
        for i in range(n):  # Prophet fits one series at a time by design
            s = int(start[i])
            y = np.where(panel.censored[i, s:], np.nan, panel.units[i, s:])  # stockout days are not demand
            obs = ~np.isnan(y)
            if obs.sum() < PROPHET_MIN_DAYS:
                clean = y[obs & ~panel.campaign[i, s:]]
                mean[i] = float(np.mean(clean)) if len(clean) else 0.0
                continue
            region = str(panel.keys["region"].iat[i])
            if region not in hol_cache:
                hol_cache[region] = holiday_frame(self.campaigns, region, history_end=end, years=years)
            ins, fut = fit_predict_one(panel.dates[s:], y, horizon_days, hol_cache[region],
                                       yearly=(t - s) >= YEARLY_MIN_DAYS)
            fitted[i, s:] = ins
            mean[i] = fut
        mean = np.clip(mean, 0.0, None)
        tt = np.arange(t)[None, :]
        valid = kernels.observed_mask(panel.units, panel.skip) & ~np.isnan(fitted) & (tt >= start[:, None] + 7)
        phi, rho, spike = scale_from_residuals(np.nan_to_num(panel.units), np.clip(np.nan_to_num(fitted), 0, None), valid,
                                               with_spikes=True)
        # Prophet's trend uncertainty is small over weeks; a slow growth keeps long horizons honest
        return mean, daily_sigma(mean, phi, 0.005, spike), rho
