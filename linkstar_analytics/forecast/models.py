"""The vectorised models: damped Holt-Winters (ETS family), seasonal naive, and TSB intermittent.

All three fit every series of a :class:`~linkstar_analytics.forecast.base.SeriesPanel` at once with
the kernels in :mod:`linkstar_analytics.forecast.kernels`. Prophet lives in ``prophet_model.py``.
"""

from __future__ import annotations

import numpy as np

from linkstar_analytics.forecast import kernels
from linkstar_analytics.forecast.base import Forecaster, SeriesPanel, daily_sigma, scale_from_residuals


def _valid_residual_days(panel: SeriesPanel, fitted: np.ndarray) -> np.ndarray:
    y = panel.units
    start = kernels.start_index(y)
    tt = np.arange(y.shape[1])[None, :]
    return kernels.observed_mask(y, panel.skip) & ~np.isnan(fitted) & (tt >= start[:, None] + kernels.WARMUP_DAYS)


def _yearly(panel: SeriesPanel, horizon_days: int) -> np.ndarray:
    """Yearly index per series (pooled by category x region), see ``kernels.yearly_index``."""
    group = (panel.keys["category"].astype(str) + "|" + panel.keys["region"].astype(str)).to_numpy()
    return kernels.yearly_index(panel.units, panel.skip, group, horizon_days)


class ETSForecaster(Forecaster):
    """Damped additive Holt-Winters with a weekly season, parameters picked per series from a small grid.

    The ETS(A,Ad,A) model of Hyndman & Athanasopoulos, FPP3 §8.3 (damped trend §8.2), fitted by a grid
    search over (alpha, beta, phi, gamma) on in-sample one-step squared error instead of maximum
    likelihood, so 10,000 series fit in seconds in numpy (see ``kernels.HW_GRID``). Campaign days are
    skipped (treated as missing); errors are Huber-clipped (robust to one-day spikes and stockout gaps) and the
    recent clipped-off mass is added back to the mean. With ``yearly=True`` (the ``ets_yearly`` candidate) the
    history is divided by a yearly profile pooled over the series' category and region
    (``kernels.yearly_profile``, ratio to moving average) before fitting and the forecast multiplied by it. Whether a series gets it is
    decided by the backtest of ``auto`` (window totals over origins that include the same weeks a year
    earlier), never by a global default: on the sample data's Black Friday to 12.12 window it hurt (last year's
    window carries run-ups and dips the index copies), on real data with a strong yearly peak it is what a
    weekly-only model lacks.
    The mean is clipped at 0.

    Parameters
    ----------
    grid : tuple of (alpha, beta, phi, gamma); defaults to :data:`kernels.HW_GRID`.
    """

    alias = "ets"

    def __init__(self, grid=kernels.HW_GRID, yearly: bool = False) -> None:
        super().__init__()
        if len(grid) == 0:
            raise ValueError("grid must hold at least one (alpha, beta, phi, gamma) tuple")
        self.grid = tuple(tuple(float(v) for v in g) for g in grid)
        self.yearly = bool(yearly)
        if self.yearly:
            self.alias = "ets_yearly"
        # set during fit
        self.state_: kernels.HWState | None = None
        self.phi_: np.ndarray | None = None
        self.rho_: np.ndarray | None = None

    def _fit_panel(self, panel: SeriesPanel) -> None:
        y = panel.units
        self.profile_ = None
        if self.yearly:  # deseasonalise by the pooled yearly profile, fit, reseasonalise in predict
            group = (panel.keys["category"].astype(str) + "|" + panel.keys["region"].astype(str)).to_numpy()
            self.profile_ = kernels.yearly_profile(y, panel.skip, group, 0)
            y = y / self.profile_
        self.state_ = kernels.holt_winters_fit(y, panel.skip, self.grid)
        fitted = self.state_.fitted if self.profile_ is None else self.state_.fitted * self.profile_
        valid = _valid_residual_days(panel, fitted)
        self.phi_, self.rho_, self.spike_phi_ = scale_from_residuals(
            np.nan_to_num(panel.units), np.nan_to_num(fitted), valid, with_spikes=True)
        self.state_.fitted = None  # not needed after the scale; frees memory

    def _predict_arrays(self, horizon_days: int):
        mean = np.clip(kernels.holt_winters_forecast(self.state_, horizon_days), 0.0, None)
        if self.yearly:
            panel = self.panel_
            group = (panel.keys["category"].astype(str) + "|" + panel.keys["region"].astype(str)).to_numpy()
            prof = kernels.yearly_profile(panel.units, panel.skip, group, horizon_days)
            mean = mean * prof[:, panel.units.shape[1]:]
        alpha = self.state_.params[:, 0]
        # h-step variance growth 1 + alpha^2 (h-1): FPP3 Table 8.8 (ANN); trend/season terms are small on our grid
        sigma = daily_sigma(mean, self.phi_, alpha ** 2, self.spike_phi_)
        return mean, sigma, self.rho_


class SeasonalNaiveForecaster(Forecaster):
    """Seasonal naive with a 7-day season (FPP3 §5.2): each weekday repeats its last non-campaign value.

    Variance growth: the h-step error of the seasonal naive has variance ``sigma^2 (k + 1)`` with
    ``k = floor((h - 1) / 7)`` (FPP3 §5.5, Table 5.2), approximated here by ``1 + (h - 1)/7``.
    """

    alias = "naive"

    def __init__(self) -> None:
        super().__init__()
        # set during fit
        self.last_week_: np.ndarray | None = None
        self.phi_: np.ndarray | None = None
        self.rho_: np.ndarray | None = None

    def _fit_panel(self, panel: SeriesPanel) -> None:
        self.last_week_, fitted = kernels.seasonal_naive_fit(panel.units, panel.skip)
        valid = _valid_residual_days(panel, fitted)
        self.phi_, self.rho_, self.spike_phi_ = scale_from_residuals(
            np.nan_to_num(panel.units), np.nan_to_num(fitted), valid, with_spikes=True)

    def _predict_arrays(self, horizon_days: int):
        t = self.panel_.units.shape[1]
        phase = (t + np.arange(horizon_days)) % kernels.SEASON_DAYS
        mean = np.clip(self.last_week_[:, phase], 0.0, None)
        return mean, daily_sigma(mean, self.phi_, 1.0 / kernels.SEASON_DAYS, self.spike_phi_), self.rho_


class IntermittentForecaster(Forecaster):
    """TSB (Teunter, Syntetos & Babai 2011) for intermittent sellers: flat forecast ``p_t * z_t``.

    Chosen over Croston/SBA because its demand probability decays through long zero runs, so dying SKUs
    stop being forecast at their old rate. Parameters per series from ``kernels.TSB_GRID``.
    """

    alias = "intermittent"

    def __init__(self, grid=kernels.TSB_GRID, yearly: bool = False) -> None:
        super().__init__()
        self.grid = tuple(tuple(float(v) for v in g) for g in grid)
        self.yearly = bool(yearly)
        # set during fit
        self.level_: np.ndarray | None = None
        self.params_: np.ndarray | None = None
        self.phi_: np.ndarray | None = None
        self.rho_: np.ndarray | None = None

    def _fit_panel(self, panel: SeriesPanel) -> None:
        self.level_, self.params_, fitted = kernels.tsb_fit(panel.units, panel.skip, self.grid)
        valid = _valid_residual_days(panel, fitted)
        self.phi_, self.rho_, self.spike_phi_ = scale_from_residuals(
            np.nan_to_num(panel.units), np.nan_to_num(fitted), valid, with_spikes=True)

    def _predict_arrays(self, horizon_days: int):
        mean = np.repeat(np.clip(self.level_, 0.0, None)[:, None], horizon_days, axis=1)
        if self.yearly:
            mean = mean * _yearly(self.panel_, horizon_days)
        return mean, daily_sigma(mean, self.phi_, self.params_[:, 1] ** 2, self.spike_phi_), self.rho_


#: model name -> class. ``auto`` is not a model: it is chosen per series in ``backtest.select_models``.
MODEL_NAMES: tuple[str, ...] = ("ets", "ets_yearly", "naive", "intermittent", "prophet", "lgbm")


def make_model(name: str, **kwargs) -> Forecaster:
    """A fresh forecaster by name (``ets``, ``ets_yearly``, ``naive``, ``intermittent``, ``prophet``, ``lgbm``)."""
    if name == "ets":
        return ETSForecaster(**kwargs)
    if name == "ets_yearly":
        return ETSForecaster(yearly=True, **kwargs)
    if name == "lgbm":
        from linkstar_analytics.forecast.global_model import GlobalForecaster

        return GlobalForecaster(**kwargs)
    if name == "naive":
        return SeasonalNaiveForecaster(**kwargs)
    if name == "intermittent":
        return IntermittentForecaster(**kwargs)
    if name == "prophet":
        from linkstar_analytics.forecast.prophet_model import ProphetForecaster

        return ProphetForecaster(**kwargs)
    raise ValueError(f"model must be one of {', '.join(MODEL_NAMES)} or auto (got {name!r})")
