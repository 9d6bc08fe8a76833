"""One global model across all series: LightGBM through mlforecast (the approach that won the M5 competition).

Makridakis, Spiliotis & Assimakopoulos, "M5 accuracy competition: results, findings and conclusions", IJF 38(4),
2022: the winning entries were LightGBM models trained across thousands of series at once, on lags, rolling
means, calendar, price and promotion features, with a Tweedie loss (retail counts: a point mass at 0 and a long
right tail). This module does the same on the panel:

* target: each series' units divided by its own scale (mean of its non-skipped days over the last year, at
  least 0.1 unit/day), so one model serves slow and fast sellers; Tweedie loss (variance power 1.2);
* features (mlforecast builds them and rolls them forward for the recursive forecast): lags 7, 14, 21, 28 and,
  with more than 400 days of history, 364 (last year's same weekday); rolling means of 7 and 28 days at lags
  7 and 28, and of 7 days at lag 364; day of week, day of month, day of year, week, month; the campaign flag of
  the series' market (campaigns.csv: known ahead, so the model learns promotion days and can forecast the
  baseline with the flag off); the series' category; optional exogenous arrays in ``panel.extra["exog"]``
  (name -> ``[n_series, n_days + horizon]``, e.g. a relative price or a per-item promotion flag);
* censored (stockout) days carry weight 0 and their corrected value in the lags
  (``censoring.corrected_units``); campaign days are learned through the flag, not skipped.

The baseline forecast is the recursive prediction with the campaign flag off. Catalogues above
:data:`MAX_TRAIN_SERIES` series train on a sample of that many series (largest sellers always in, the rest drawn
at random with a fixed seed) and predict every series (``MLForecast.predict(new_df=...)``).

The daily ``sigma`` starts from the quasi-Poisson dispersion of the in-sample errors; ``forecast.calibration``
then scales it on the rolling-origin backtests (in-sample errors of a boosted model are too small).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from linkstar_analytics.forecast.base import Forecaster, SeriesPanel, daily_sigma, scale_from_residuals
from linkstar_analytics.forecast.censoring import corrected_units

#: Largest number of series the model trains on (the rest are predicted with the trained model).
MAX_TRAIN_SERIES = 1500
#: Training rows per series: the last this many days (enough for lag 364 plus a year of targets).
TRAIN_DAYS = 800
#: History from which the yearly lag (364) is used.
YEARLY_LAG_MIN_DAYS = 400
#: LightGBM settings: Tweedie loss as the M5 winners; small enough to train in seconds on 2 cores.
LGBM_PARAMS: dict = {
    "objective": "tweedie", "tweedie_variance_power": 1.2, "n_estimators": 100, "learning_rate": 0.08,
    "num_leaves": 31, "max_bin": 127, "min_child_samples": 40, "subsample": 0.8, "subsample_freq": 1, "colsample_bytree": 0.8,
    "reg_lambda": 1.0, "verbose": -1, "random_state": 7,
}
#: Days predicted recursively; later days repeat the last four predicted weeks' weekday pattern, scaled by the
#: category's yearly index (``kernels.yearly_index``), so a long horizon costs no more than this.
MAX_RECURSIVE_DAYS = 120
#: Variance growth per horizon step for the daily sigma (slow: the features re-anchor the level).
SIGMA_GROWTH = 0.005
#: LightGBM threads per fit (``params`` may override it). One: on a shared 2-core machine OpenMP threads spin against
#: other load (measured 27 s vs 134 s wall for one sample fit under load); parallelism comes from Dask processes.
LGBM_THREADS = 1
SEED = 11


def _scale(panel: SeriesPanel, values: np.ndarray) -> np.ndarray:
    tail = values[:, -365:]
    ok = ~np.isnan(tail) & ~panel.skip[:, -365:]
    s = np.where(ok.sum(axis=1) > 0, np.where(ok, tail, 0.0).sum(axis=1) / np.maximum(ok.sum(axis=1), 1), 0.0)
    return np.maximum(s, 0.1)


def _train_rows(panel: SeriesPanel) -> np.ndarray:
    n = panel.n_series
    if n <= MAX_TRAIN_SERIES:
        return np.arange(n)
    units = np.nansum(panel.units[:, -365:], axis=1)
    top = np.argsort(-units)[: MAX_TRAIN_SERIES // 2]
    rest = np.setdiff1d(np.arange(n), top)
    rng = np.random.default_rng(SEED)
    pick = rng.choice(rest, MAX_TRAIN_SERIES - len(top), replace=False)
    return np.sort(np.concatenate([top, pick]))


class GlobalForecaster(Forecaster):
    """LightGBM trained across all series of the panel (module docstring).

    Parameters
    ----------
    campaigns : campaign calendar (accepted for the common model interface; the flag is the panel's own campaign
        mask in history and off in the future, which gives the non-campaign baseline).
    params : LightGBM parameters overriding :data:`LGBM_PARAMS`.
    """

    alias = "lgbm"

    def __init__(self, campaigns: pd.DataFrame | None = None, params: dict | None = None) -> None:
        super().__init__()
        self.campaigns = campaigns
        self.params = {**LGBM_PARAMS, **(params or {})}

    def _fit_panel(self, panel: SeriesPanel) -> None:
        pass  # trained in _predict_arrays, which knows the horizon (future campaign days, exogenous arrays)

    def _predict_arrays(self, horizon_days: int):
        with warnings.catch_warnings():  # mlforecast warns of series too short for the yearly lag: expected here
            warnings.simplefilter("ignore", UserWarning)
            return self._predict_quiet(horizon_days)

    def _predict_quiet(self, horizon_days: int):
        import lightgbm as lgb
        from mlforecast import MLForecast
        from mlforecast.lag_transforms import RollingMean

        panel = self.panel_
        n, t = panel.units.shape
        h_all = horizon_days
        h = min(horizon_days, MAX_RECURSIVE_DAYS)
        keep = min(t, TRAIN_DAYS)
        y = corrected_units(panel.units, panel.censored, panel.campaign)
        scale = _scale(panel, y)
        ys = y / scale[:, None]
        cols = slice(t - keep, t)
        dates = panel.dates[cols]
        promo_hist = panel.campaign[:, cols].astype(np.float32)
        exog = dict(panel.extra.get("exog", {}) or {})
        cat_codes = pd.Categorical(panel.keys["category"].astype(str)).codes.astype(np.int32)
        uid = np.repeat(np.arange(n), keep)
        df = pd.DataFrame({"unique_id": uid, "ds": np.tile(dates.to_numpy(), n), "y": ys[:, cols].ravel(),
                           "promo": promo_hist.ravel(), "category": np.repeat(cat_codes, keep),
                           "w": (~panel.censored[:, cols]).astype(np.float32).ravel()})
        for name, arr in exog.items():
            df[name] = np.asarray(arr, dtype=np.float32)[:, t - keep:t].ravel()
        df = df[~np.isnan(df["y"].to_numpy())].reset_index(drop=True)
        yearly = t >= YEARLY_LAG_MIN_DAYS
        lags = [7, 14, 21, 28] + ([364] if yearly else [])
        lag_tf = {7: [RollingMean(window_size=7), RollingMean(window_size=28)], 28: [RollingMean(window_size=28)]}
        if yearly:
            lag_tf[364] = [RollingMean(window_size=7)]
        fcst = MLForecast(models={"lgbm": lgb.LGBMRegressor(**{"n_jobs": LGBM_THREADS, **self.params})}, freq="D", lags=lags,
                          lag_transforms=lag_tf, date_features=["dayofweek", "day", "dayofyear", "week", "month"])
        train_ids = _train_rows(panel)
        train_df = df[np.isin(df["unique_id"].to_numpy(), train_ids)]
        fcst.fit(train_df, static_features=["category"], weight_col="w", dropna=True)
        fut_dates = pd.date_range(panel.dates[-1] + pd.Timedelta(days=1), periods=h, freq="D")
        xdf = pd.DataFrame({"unique_id": np.repeat(np.arange(n), h), "ds": np.tile(fut_dates.to_numpy(), n),
                            "promo": np.zeros(n * h, dtype=np.float32)})
        for name, arr in exog.items():
            a = np.asarray(arr, dtype=np.float32)
            fut = a[:, t:t + h] if a.shape[1] >= t + h else np.repeat(a[:, t - 1:t], h, axis=1)
            xdf[name] = fut.ravel()
        new_df = df.drop(columns=["w"])
        present = np.unique(new_df["unique_id"].to_numpy())
        xdf = xdf[np.isin(xdf["unique_id"].to_numpy(), present)]
        base = fcst.predict(h, new_df=new_df, X_df=xdf)
        mean = self._to_matrix(base, n, h) * scale[:, None]
        # in-sample one-step-like errors for the dispersion: the model's fit on its own training rows
        fitted = np.full((n, t), np.nan)
        try:
            prep = fcst.preprocess(df.drop(columns=["w"]), static_features=["category"], dropna=True)
            feats = fcst.ts.features_order_
            pred = fcst.models_["lgbm"].predict(prep[feats])
            r = prep["unique_id"].to_numpy().astype(int)
            c = panel.dates.get_indexer(pd.DatetimeIndex(prep["ds"]))
            fitted[r, c] = pred * scale[r]
        except Exception:  # pragma: no cover - the dispersion then falls back to the mild default
            pass
        valid = ~np.isnan(fitted) & ~panel.skip & ~np.isnan(panel.units)
        phi, rho, spike = scale_from_residuals(np.nan_to_num(panel.units), np.nan_to_num(fitted), valid, with_spikes=True)
        mean = np.clip(np.nan_to_num(mean), 0.0, None)
        if h_all > h:
            mean = self._extend(mean, h_all)
        return mean, daily_sigma(mean, phi, SIGMA_GROWTH, spike), rho

    def _extend(self, mean: np.ndarray, h_all: int) -> np.ndarray:
        """Days beyond :data:`MAX_RECURSIVE_DAYS`: the last four predicted weeks by weekday x the yearly index ratio."""
        from linkstar_analytics.forecast import kernels

        panel = self.panel_
        h = mean.shape[1]
        last = mean[:, h - 28:h].reshape(mean.shape[0], 4, 7).mean(axis=1)  # [n, 7] by phase (h - 28 + j) % 7
        extra = np.arange(h, h_all)
        base = last[:, (extra - (h - 28)) % 7]
        group = (panel.keys["category"].astype(str) + "|" + panel.keys["region"].astype(str)).to_numpy()
        idx = kernels.yearly_index(panel.units, panel.skip, group, h_all)
        ref = idx[:, h - 28:h].mean(axis=1, keepdims=True)
        return np.concatenate([mean, base * idx[:, h:] / np.maximum(ref, 1e-9)], axis=1)

    @staticmethod
    def _to_matrix(pred: pd.DataFrame, n: int, h: int) -> np.ndarray:
        """``[n, h]`` from the long prediction; series without history (not started) get 0."""
        p = pred.sort_values(["unique_id", "ds"])
        ids = p["unique_id"].to_numpy().astype(int)
        out = np.zeros((n, h))
        vals = p["lgbm"].to_numpy(dtype=float)
        uniq = np.unique(ids)
        out[uniq] = vals.reshape(len(uniq), h)
        return np.clip(out, 0.0, None)
