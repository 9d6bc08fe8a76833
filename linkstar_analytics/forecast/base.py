"""One forecaster contract, the series panel every model works on, and the tidy forecast frame.

Series
------
A series is one ``(sku, region)`` pair, daily, with all channels summed. A missing sales day
means zero units: each series is densified from its first sale (or its ``launch_date`` when
earlier) to the history end. Days before a series starts are ``NaN`` in the panel.

Forecast frame (long, one row per series x day)
-----------------------------------------------
=========  ======  ===================================================================
column     type    meaning
=========  ======  ===================================================================
sku        str     SKU id
region     str     market (US, UK, TH, ...)
date       date    forecast day
model      str     model that produced the row (``ets``, ``naive``, ``intermittent``,
                   ``prophet``)
mean       float   expected units that day (non-campaign baseline unless uplift applied)
p10        float   10 % quantile of that day's units
p50        float   median
p90        float   90 % quantile
sigma      float   standard deviation of that day's units (the scale)
rho        float   day-to-day correlation used to aggregate days into a window total
=========  ======  ===================================================================

Distribution assumption (documented once, used by the daily quantiles and by
:func:`window_quantiles`): demand on a day, and the total over a window, is Gamma distributed,
moment-matched to its mean and variance (shape ``k = m^2/v``, scale ``v/m``). The Gamma is the
continuous counterpart of the negative binomial (a Poisson-Gamma mixture) that is the usual model
for over-dispersed retail counts; it is non-negative and skewed right. Counts have a mass at zero that
a Gamma lacks, so a quantile whose probability is below the matching negative binomial's ``P(Y = 0)``
is set to 0 (otherwise slow movers get ``p10 > 0`` on the many days they sell nothing).

Daily variance is quasi-Poisson: ``v_t = phi * mu_t * (1 + g * (h - 1))`` with ``phi`` >= 1 the
dispersion estimated per series from in-sample one-step residuals and ``g`` the model's growth of
forecast-error variance per horizon step (for simple exponential smoothing ``g = alpha^2``,
Hyndman & Athanasopoulos, FPP3, Table 8.8).

Window totals: days share an equicorrelation ``rho`` (per series), so
``Var(sum) = (1 - rho) * sum(sigma_t^2) + rho * (sum sigma_t)^2``. ``rho = 0`` is independent days
(the narrowest total), ``rho = 1`` perfectly co-moving days (as wide as summing daily quantiles).

Calibration (``forecast.calibration``, split-conformal on rolling-origin backtests; Vovk et al. 2005,
Angelopoulos & Bates 2023): ``sigma`` in the frame handed to the plan is already scaled so that the daily
P10-P90 band covered 80 % of backtest days, and ``rho`` is re-solved per series (within ``[0, 1]``) so that the
window-total distribution above covered the backtest window totals at the nominal rates (P10-P90 80 %, P95
95 %). Where even ``rho`` in ``[0, 1]`` cannot give the spread the backtests need, the optional column

``window_sd_scale`` (float, per series, default 1 when absent)
    multiplies the window-total standard deviation: ``sd(sum) = window_sd_scale * sqrt(Var(sum))``.
    Values above 1 mean the window totals varied more than perfectly co-moving days would (level shifts the
    daily model cannot see); below 1 (with ``rho = 0``), less than independent days.

Campaign effects (``ForecastResult.campaign_effects``, see ``forecast.uplift``): the frame's ``mean`` is the
non-campaign baseline; on a campaign-affected day (run-up, event days, post-event dip) demand is
``mean * multiplier`` with the multiplier's own relative error ``cv`` (one error shared by the campaign's days).

Stockouts (``forecast.censoring``): out-of-stock days (from ``stock_history`` or detected zero runs of fast
sellers) are skipped like campaign days when fitting, so the baseline is the demand, not the lost sales.
"""

from __future__ import annotations

import warnings
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import special

from linkstar_analytics.distributions import apply_zero_mass, count_zero_prob

#: Columns of every forecast frame, in order.
FORECAST_COLUMNS: tuple[str, ...] = ("sku", "region", "date", "model", "mean", "p10", "p50", "p90", "sigma", "rho")
#: Quantile columns and their probabilities.
QUANTILE_COLUMNS: dict[str, float] = {"p10": 0.10, "p50": 0.50, "p90": 0.90}
#: Region used when the sales table has no region column (schemas.SALES: "default US").
DEFAULT_REGION = "US"
#: Bounds of the quasi-Poisson dispersion phi (variance / mean). 1 is Poisson, the least noise counts have.
PHI_BOUNDS: tuple[float, float] = (1.0, 1.0e4)
#: Bounds of the day-to-day correlation used for window totals.
RHO_BOUNDS: tuple[float, float] = (0.02, 0.8)
#: Optional per-series column of the forecast frame: multiplier of the window-total sd (module docstring).
WINDOW_SD_SCALE_COLUMN = "window_sd_scale"
#: Bounds of the calibrated day-to-day correlation (``forecast.calibration``).
RHO_CALIBRATED_BOUNDS: tuple[float, float] = (0.0, 1.0)
#: Smallest mean (units/day) treated as non-zero when building quantiles.
MEAN_FLOOR_UNITS = 1e-9


@dataclass
class SeriesPanel:
    """Daily units of many series on one common date axis (what every model fits on).

    Attributes
    ----------
    keys : DataFrame with ``sku, region, category`` (one row per series, sorted by sku, region).
    dates : DatetimeIndex of the columns (daily, ends at the history end).
    units : float array ``[n_series, n_days]``; ``NaN`` before the series starts.
    campaign : bool array ``[n_series, n_days]``; True on campaign days of the series' region.
    """

    keys: pd.DataFrame
    dates: pd.DatetimeIndex
    units: np.ndarray
    campaign: np.ndarray
    extra: dict = field(default_factory=dict)
    #: bool ``[n_series, n_days]``: True where sales are censored by a stockout (``forecast.censoring``).
    censored: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.censored is None:
            self.censored = np.zeros(self.units.shape, dtype=bool)

    @property
    def skip(self) -> np.ndarray:
        """Days the models do not learn the baseline from: campaign days and stockout days."""
        return self.campaign | self.censored

    @property
    def n_series(self) -> int:
        return int(self.units.shape[0])

    @property
    def start_idx(self) -> np.ndarray:
        """Index of each series' first day (``n_days`` when a series has no data)."""
        obs = ~np.isnan(self.units)
        first = np.argmax(obs, axis=1)
        return np.where(obs.any(axis=1), first, self.units.shape[1])

    def take(self, rows: np.ndarray) -> SeriesPanel:
        """A panel with only the given series (positions)."""
        rows = np.asarray(rows)
        extra = {k: (v[rows] if isinstance(v, np.ndarray) and v.ndim >= 1 and v.shape[0] == self.n_series else v)
                 for k, v in self.extra.items()}
        return SeriesPanel(self.keys.iloc[rows].reset_index(drop=True), self.dates, self.units[rows], self.campaign[rows],
                           extra, self.censored[rows])

    def truncate(self, end: pd.Timestamp) -> SeriesPanel:
        """The panel up to and including ``end``; series that had not started are kept (all NaN)."""
        n = int(self.dates.searchsorted(pd.Timestamp(end), side="right"))
        return SeriesPanel(self.keys, self.dates[:n], self.units[:, :n], self.campaign[:, :n], self.extra,
                           self.censored[:, :n])

    def to_history(self) -> pd.DataFrame:
        """Long frame ``sku, region, date, units, is_campaign`` (observed days only)."""
        s, t = np.nonzero(~np.isnan(self.units))
        return pd.DataFrame({
            "sku": self.keys["sku"].to_numpy()[s], "region": self.keys["region"].to_numpy()[s],
            "date": self.dates[t], "units": self.units[s, t], "is_campaign": self.campaign[s, t],
        })

    @classmethod
    def from_history(cls, history: pd.DataFrame) -> SeriesPanel:
        """Build from a long frame ``sku, region, date, units[, is_campaign, category]``."""
        return build_panel(history.rename(columns={"is_campaign": "_is_campaign"}), campaign_flag_col="_is_campaign")


def _require_columns(frame: pd.DataFrame, columns: tuple[str, ...], table: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{table} is missing column(s) {missing}; it has {list(frame.columns)}. "
                         f"Add them (see linkstar_analytics/schemas.py).")


def build_panel(sales: pd.DataFrame, *, skus: pd.DataFrame | None = None, campaigns: pd.DataFrame | None = None,
                history_end: str | pd.Timestamp | None = None, campaign_flag_col: str | None = None) -> SeriesPanel:
    """Densify daily sales into a :class:`SeriesPanel` of ``(sku, region)`` series, channels summed.

    Parameters
    ----------
    sales : table ``sales`` (``date, sku, units`` and optionally ``region``, ``channel``). Not modified.
    skus : optional SKU master (``sku, category, launch_date``); supplies the category and an earlier start
        (a launch before the first day of the sales table counts from that first day).
    campaigns : optional campaign calendar; marks campaign days per region (see ``forecast.holidays``).
    history_end : last day of history (default: the last sales date). Later sales are ignored.
    """
    _require_columns(sales, ("date", "sku", "units"), "sales")
    df = pd.DataFrame({
        "sku": sales["sku"].astype(str).to_numpy(),
        "region": (sales["region"].fillna(DEFAULT_REGION).astype(str).to_numpy() if "region" in sales.columns
                   else np.full(len(sales), DEFAULT_REGION, dtype=object)),
        "date": pd.to_datetime(sales["date"]).dt.normalize().to_numpy(),
        "units": pd.to_numeric(sales["units"], errors="coerce").fillna(0.0).clip(lower=0).to_numpy(),
    })
    if campaign_flag_col and campaign_flag_col in sales.columns:
        df["flag"] = sales[campaign_flag_col].fillna(False).astype(bool).to_numpy()
    if "category" in sales.columns:
        df["category"] = sales["category"].astype(str).to_numpy()
    if df.empty:
        raise ValueError("sales has no rows; pass at least one day of sales per SKU")
    end = pd.Timestamp(history_end).normalize() if history_end is not None else df["date"].max()
    df = df[df["date"] <= end]
    if df.empty:
        raise ValueError(f"history_end={end.date()} is before the first sale; pick a later history_end")
    keys = df[["sku", "region"]].drop_duplicates().sort_values(["sku", "region"]).reset_index(drop=True)
    first = df.groupby(["sku", "region"])["date"].min().reindex(pd.MultiIndex.from_frame(keys)).to_numpy()
    if skus is not None and "category" in skus.columns:
        cat = skus.drop_duplicates("sku").set_index(skus.drop_duplicates("sku")["sku"].astype(str))["category"]
        keys["category"] = keys["sku"].map(cat).fillna("unknown").astype(str).to_numpy()
    elif "category" in df.columns:
        keys["category"] = keys["sku"].map(df.drop_duplicates("sku").set_index("sku")["category"]).to_numpy()
    else:
        keys["category"] = "unknown"
    if skus is not None and "launch_date" in skus.columns:
        sk = skus.drop_duplicates("sku")
        launch = pd.to_datetime(sk["launch_date"], errors="coerce")
        launch = pd.Series(launch.to_numpy(), index=sk["sku"].astype(str))
        ld = keys["sku"].map(launch).to_numpy(dtype="datetime64[ns]")
        # a launch before the first day of the sales table is not evidence of zero sales (the export starts later)
        ld = np.maximum(ld, df["date"].min().to_datetime64())
        first = np.where(~np.isnat(ld) & (ld < first), ld, first)
    start = pd.Timestamp(np.min(first))
    dates = pd.date_range(start, end, freq="D")
    # vectorised scatter: group-sum channels, then place into the matrix
    sidx = pd.MultiIndex.from_frame(keys[["sku", "region"]])
    g = df.groupby(["sku", "region", "date"], sort=False)["units"].sum().reset_index()
    rows = sidx.get_indexer(pd.MultiIndex.from_frame(g[["sku", "region"]]))
    cols = dates.get_indexer(g["date"])
    units = np.zeros((len(keys), len(dates)), dtype=float)
    np.add.at(units, (rows, cols), g["units"].to_numpy(dtype=float))
    first_idx = dates.get_indexer(pd.DatetimeIndex(np.maximum(first, start.to_datetime64())))
    units[np.arange(len(dates))[None, :] < first_idx[:, None]] = np.nan
    camp = np.zeros_like(units, dtype=bool)
    if "flag" in df.columns:
        gf = df.groupby(["sku", "region", "date"], sort=False)["flag"].max().reset_index()
        camp[sidx.get_indexer(pd.MultiIndex.from_frame(gf[["sku", "region"]])), dates.get_indexer(gf["date"])] = gf["flag"].to_numpy()
    panel = SeriesPanel(keys, dates, units, camp)
    if campaigns is not None and len(campaigns):
        from linkstar_analytics.forecast.holidays import campaign_mask

        panel.campaign = campaign_mask(campaigns, keys["region"].to_numpy(), dates)
    return panel


# ---------------------------------------------------------------------------------------------
# Distribution helpers
# ---------------------------------------------------------------------------------------------

def gamma_quantiles(mean: np.ndarray, sd: np.ndarray, probs: np.ndarray | list[float]) -> np.ndarray:
    """Quantiles of a Gamma moment-matched to ``mean`` and ``sd`` (shape ``m^2/v``, scale ``v/m``).

    Returns an array of shape ``mean.shape + (len(probs),)``; zero where the mean is zero, the mean
    itself where the sd is zero, zero where ``prob`` is at or below the count zero mass
    (:func:`linkstar_analytics.distributions.count_zero_prob`, the rule the plan's demand grid uses too). Always finite, non-negative and non-decreasing in ``probs``.
    """
    m = np.clip(np.nan_to_num(np.asarray(mean, dtype=float), nan=0.0, posinf=0.0), 0.0, None)
    s = np.clip(np.nan_to_num(np.asarray(sd, dtype=float), nan=0.0, posinf=0.0), 0.0, None)
    p = np.sort(np.asarray(probs, dtype=float))
    if np.any((p <= 0) | (p >= 1)):
        raise ValueError(f"probs must lie strictly between 0 and 1 (got {list(p)}); pass e.g. [0.1, 0.5, 0.9]")
    pos = (m > MEAN_FLOOR_UNITS) & (s > 1e-12 * np.maximum(m, 1.0))
    out = np.repeat(m[..., None], len(p), axis=-1)
    if np.any(pos):
        shape = (m[pos] / s[pos]) ** 2
        scale = s[pos] ** 2 / m[pos]
        q = special.gammaincinv(shape[:, None], p[None, :]) * scale[:, None]  # Gamma(shape, scale) quantiles
        q = np.nan_to_num(q, nan=0.0, posinf=0.0)
        # zero mass of the matching count distribution: the rule shared with the plan's demand grid
        q = apply_zero_mass(q, p, count_zero_prob(m[pos], s[pos] ** 2))
        out[pos] = np.maximum.accumulate(np.clip(q, 0.0, None), axis=-1)
    out[m <= MEAN_FLOOR_UNITS] = 0.0
    return out


#: Pearson residuals beyond this many robust sds (1.4826 x MAD) are "spikes" (live streams, one-day promotions):
#: their variance counts as day-level noise that does not grow with the horizon nor correlate days.
SPIKE_K_SD = 3.0


def scale_from_residuals(y: np.ndarray, fitted: np.ndarray, valid: np.ndarray, *,
                         with_spikes: bool = False) -> tuple[np.ndarray, ...]:
    """Per-series dispersion ``phi`` and day-to-day correlation ``rho`` from one-step residuals.

    ``phi = sum(e_t^2) / sum(max(yhat_t, 0.1))`` over valid days (quasi-Poisson dispersion, McCullagh &
    Nelder, *Generalized Linear Models*, 2nd ed., §4.5), clipped to :data:`PHI_BOUNDS`. It is split into a
    regular part (errors Huber-clipped at :data:`SPIKE_K_SD` robust sds of the Pearson residuals
    ``e / sqrt(yhat)``, Huber 1981, *Robust Statistics*, §1.4) and a spike part (the clipped-off excess), so
    ``phi = phi_regular + phi_spike`` and the one-step variance is unchanged. ``rho`` solves
    ``Var(7-day sum of e) = 7 v (1 + 6 rho)`` (equicorrelated days) on the clipped errors (a two-day spike
    says nothing about how weeks co-move), clipped to :data:`RHO_BOUNDS`.

    Returns ``(phi, rho)``, or ``(phi_regular, rho, phi_spike)`` with ``with_spikes=True`` (for
    :func:`daily_sigma`, where only the regular part grows with the horizon).
    """
    e = np.where(valid, y - fitted, 0.0)
    n = valid.sum(axis=1)
    base = np.where(valid, np.maximum(fitted, 0.1), 0.0)
    denom = np.maximum(base.sum(axis=1), 1e-9)
    pearson = np.where(valid, e / np.sqrt(np.maximum(base, 0.1)), np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows (no valid day) give NaN, handled below
        med = np.nanmedian(pearson, axis=1)
        mad = 1.4826 * np.nanmedian(np.abs(pearson - med[:, None]), axis=1)
    lim = SPIKE_K_SD * np.maximum(np.nan_to_num(mad, nan=1.0), 1.0)  # never below Poisson (sd 1)
    lim_e = lim[:, None] * np.sqrt(np.maximum(base, 0.1))
    e_c = np.clip(e, -lim_e, lim_e)
    phi_all = (e ** 2).sum(axis=1) / denom
    phi_reg = (e_c ** 2).sum(axis=1) / denom
    few = n < 7
    phi_all = np.clip(np.nan_to_num(np.where(few, 2.0, phi_all), nan=2.0), *PHI_BOUNDS)  # too few: mild over-dispersion
    phi_reg = np.clip(np.nan_to_num(np.where(few, phi_all, phi_reg), nan=2.0), PHI_BOUNDS[0], phi_all)
    phi_spike = phi_all - phi_reg
    t = e_c.shape[1] // 7 * 7
    rho = np.full(e_c.shape[0], 0.2)
    if t >= 28:
        blocks_e = e_c[:, -t:].reshape(e_c.shape[0], -1, 7)
        blocks_v = valid[:, -t:].reshape(e_c.shape[0], -1, 7).all(axis=2)
        sums = blocks_e.sum(axis=2)
        nb = blocks_v.sum(axis=1)
        var_week = (np.where(blocks_v, sums ** 2, 0.0).sum(axis=1)) / np.maximum(nb, 1)
        var_day = (e_c ** 2).sum(axis=1) / np.maximum(n, 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            r = (var_week / (7.0 * var_day) - 1.0) / 6.0
        rho = np.where((nb >= 4) & (var_day > 0), r, 0.2)
    rho = np.clip(np.nan_to_num(rho, nan=0.2), *RHO_BOUNDS)
    if with_spikes:
        return phi_reg, rho, phi_spike
    return phi_all, rho


def daily_sigma(mu: np.ndarray, phi: np.ndarray, growth: np.ndarray | float,
                spike_phi: np.ndarray | float = 0.0) -> np.ndarray:
    """Daily sd ``sqrt(mu_h * (phi * (1 + g (h - 1)) + phi_spike))``, ``h`` = 1..H (see module docstring).

    The growth ``g`` is the model's level uncertainty per step; spikes (``phi_spike``, see
    :func:`scale_from_residuals`) are day-level noise and do not grow with the horizon.
    """
    h = np.arange(mu.shape[1], dtype=float)[None, :]
    g = np.broadcast_to(np.asarray(growth, dtype=float), (mu.shape[0],))[:, None]
    sp = np.broadcast_to(np.asarray(spike_phi, dtype=float), (mu.shape[0],))[:, None]
    return np.sqrt(np.clip(mu, 0.0, None) * (phi[:, None] * (1.0 + g * h) + sp))


# ---------------------------------------------------------------------------------------------
# The contract
# ---------------------------------------------------------------------------------------------

class Forecaster(ABC):
    """Base class of every model: ``fit(history) -> self``, ``predict(horizon_days) -> frame``.

    ``history`` is a long frame (``sku, region, date, units`` and optionally ``is_campaign``) or a
    :class:`SeriesPanel`; many series are fitted at once. Campaign days are treated as missing so the
    fitted baseline is not polluted by promotions; predictions are the non-campaign baseline.
    Subclasses implement ``_fit_panel`` and ``_predict_arrays`` (mean, sigma, rho arrays).
    """

    alias: str = "base"

    def __init__(self) -> None:
        # set during fit
        self.panel_: SeriesPanel | None = None

    def fit(self, history: pd.DataFrame | SeriesPanel) -> Forecaster:
        panel = history if isinstance(history, SeriesPanel) else SeriesPanel.from_history(history)
        self.panel_ = panel
        self._fit_panel(panel)
        return self

    @abstractmethod
    def _fit_panel(self, panel: SeriesPanel) -> None: ...

    @abstractmethod
    def _predict_arrays(self, horizon_days: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return ``mean [S, H]``, ``sigma [S, H]``, ``rho [S]``."""

    def predict_arrays(self, horizon_days: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Mean, sigma and rho arrays, cleaned (finite, non-negative)."""
        if self.panel_ is None:
            raise ValueError(f"{type(self).__name__} is not fitted; call fit(history) before predict()")
        horizon_days = check_horizon(horizon_days)
        mean, sigma, rho = self._predict_arrays(horizon_days)
        mean = np.clip(np.nan_to_num(mean, nan=0.0, posinf=0.0), 0.0, None)
        sigma = np.clip(np.nan_to_num(sigma, nan=0.0, posinf=0.0), 0.0, None)
        rho = np.clip(np.nan_to_num(rho, nan=0.2), *RHO_BOUNDS)
        return mean, sigma, rho

    def predict(self, horizon_days: int) -> pd.DataFrame:
        mean, sigma, rho = self.predict_arrays(horizon_days)
        return forecast_frame(self.panel_.keys, self.panel_.dates[-1], mean, sigma, rho,
                              np.full(mean.shape[0], self.alias, dtype=object))


def check_horizon(horizon_days: int) -> int:
    h = int(horizon_days)
    if h < 1 or h > 730:
        raise ValueError(f"horizon_days must be between 1 and 730 (got {horizon_days}); pass the days to forecast")
    return h


def forecast_frame(keys: pd.DataFrame, history_end: pd.Timestamp, mean: np.ndarray, sigma: np.ndarray,
                   rho: np.ndarray, model: np.ndarray) -> pd.DataFrame:
    """Tidy frame (see :data:`FORECAST_COLUMNS`) from ``[S, H]`` arrays; quantiles via :func:`gamma_quantiles`."""
    s_n, h_n = mean.shape
    dates = pd.date_range(pd.Timestamp(history_end) + pd.Timedelta(days=1), periods=h_n, freq="D")
    q = gamma_quantiles(mean, sigma, list(QUANTILE_COLUMNS.values()))
    out = pd.DataFrame({
        "sku": np.repeat(keys["sku"].to_numpy(), h_n),
        "region": np.repeat(keys["region"].to_numpy(), h_n),
        "date": np.tile(dates.to_numpy(), s_n),
        "model": np.repeat(np.asarray(model, dtype=object), h_n),
        "mean": mean.ravel(),
    })
    for j, col in enumerate(QUANTILE_COLUMNS):
        out[col] = q[..., j].ravel()
    out["sigma"] = sigma.ravel()
    out["rho"] = np.repeat(rho, h_n)
    return out


def validate_forecast_frame(frame: pd.DataFrame) -> None:
    """Raise ``ValueError`` unless the frame has every column and finite, non-negative, ordered quantiles."""
    _require_columns(frame, FORECAST_COLUMNS, "forecast frame")
    vals = frame[["mean", "p10", "p50", "p90", "sigma"]].to_numpy(dtype=float)
    if not np.isfinite(vals).all():
        raise ValueError("forecast frame has non-finite mean/p10/p50/p90/sigma values; refit the model")
    if (vals < 0).any():
        raise ValueError("forecast frame has negative mean/quantiles; demand cannot be negative")
    if ((frame["p10"] > frame["p50"] + 1e-9) | (frame["p50"] > frame["p90"] + 1e-9)).any():
        raise ValueError("forecast frame quantiles are not ordered p10 <= p50 <= p90")


def series_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """The series of a forecast frame in the row order :func:`window_quantiles` uses (sorted sku, region)."""
    return frame[["sku", "region"]].drop_duplicates().sort_values(["sku", "region"]).reset_index(drop=True)


def window_moments(frame: pd.DataFrame, start, end) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Mean and variance of total demand over ``[start, end]`` (inclusive) per series.

    ``Var(sum) = (1 - rho) * sum(sigma_t^2) + rho * (sum sigma_t)^2`` (equicorrelated days), times
    ``window_sd_scale^2`` where the frame has that column (see the module docstring).
    """
    _require_columns(frame, ("sku", "region", "date", "mean", "sigma", "rho"), "forecast frame")
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if end < start:
        raise ValueError(f"window end {end.date()} is before start {start.date()}; swap them")
    keys = series_keys(frame)
    d = pd.to_datetime(frame["date"])
    w = frame[(d >= start) & (d <= end)]
    idx = pd.MultiIndex.from_frame(keys).get_indexer(pd.MultiIndex.from_frame(w[["sku", "region"]]))
    n = len(keys)
    m = np.bincount(idx, weights=w["mean"].to_numpy(float), minlength=n)
    s1 = np.bincount(idx, weights=w["sigma"].to_numpy(float), minlength=n)
    s2 = np.bincount(idx, weights=w["sigma"].to_numpy(float) ** 2, minlength=n)
    first = frame.groupby(["sku", "region"]).first().reindex(pd.MultiIndex.from_frame(keys))
    rho = first["rho"].to_numpy(float)
    var = (1.0 - rho) * s2 + rho * s1 ** 2
    if WINDOW_SD_SCALE_COLUMN in frame.columns:
        scale = np.nan_to_num(first[WINDOW_SD_SCALE_COLUMN].to_numpy(float), nan=1.0)
        var = var * scale ** 2
    return keys, m, var


def window_quantiles(forecast_frame: pd.DataFrame, start, end, probs=(0.1, 0.5, 0.9)) -> np.ndarray:
    """Quantiles of TOTAL demand over the window ``[start, end]`` per series: ``ndarray[n_series, n_probs]``.

    Rows follow :func:`series_keys` (sorted ``sku, region``); columns follow ``sorted(probs)``. The total is
    Gamma distributed, moment-matched to ``sum mean_t`` and the equicorrelated variance of
    :func:`window_moments`. Quantiles are finite, non-negative, ordered, and grow with the window.
    """
    _, m, var = window_moments(forecast_frame, start, end)
    return gamma_quantiles(m, np.sqrt(var), probs)
