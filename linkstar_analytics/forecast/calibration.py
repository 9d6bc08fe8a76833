"""Calibrated intervals: daily sigma and the window-total spread, fitted on rolling-origin backtests.

Split-conformal calibration (Vovk, Gammerman & Shafer, *Algorithmic Learning in a Random World*, 2005; Angelopoulos
& Bates, "Conformal prediction: a gentle introduction", 2023) of a scale family: the backtests give, per series and
origin, the actual daily units and window totals against the forecast made before them. We search the scale
that makes the forecast's own (Gamma, moment-matched) quantiles cover the backtest outcomes at the nominal rates:

1. **Daily**: one factor ``c`` per model multiplies ``sigma``; it is the factor at which the daily P10-P90 band
   covered :data:`DAILY_TARGET` of backtest days.
2. **Window totals**: one factor ``f`` per category (shrunk toward the catalogue's with weight
   :data:`SHRINK_WINDOWS` windows) multiplies the window-total sd implied by the calibrated ``sigma`` and the
   model's ``rho``; it is the geometric mean of the factor that makes the window P10-P90 cover 80 % and the one
   that makes the window P95 cover 95 % of backtest windows.
3. The plan reads the window distribution through ``rho`` (``Var = (1 - rho) S2 + rho S1^2`` with ``S1 = sum sigma``,
   ``S2 = sum sigma^2``): per series we solve ``rho*`` so that this variance equals ``f^2`` times the uncalibrated
   one on a :data:`REFERENCE_WINDOW_DAYS`-day window (the backtest window); when ``rho*`` falls outside
   ``[0, 1]`` it is clipped and the rest goes into ``window_sd_scale`` (``forecast/base.py``).

Campaign days carry the campaign effect's own error (``cv``), kept as it is (it is calibrated on past events in
``forecast.uplift``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from linkstar_analytics.forecast.backtest import window_var
from linkstar_analytics.forecast.base import gamma_quantiles

DAILY_TARGET = 0.80
WINDOW_BAND_TARGET = 0.80
WINDOW_P95_TARGET = 0.95
#: Search range of the scale factors (ends of the bisection).
SCALE_GRID = np.array([0.2, 10.0])
#: Fewest scored days (per model) / windows (per category) for an own factor; below, the catalogue's.
MIN_DAYS = 300
MIN_WINDOWS = 20
#: Windows of pseudo-evidence pulling a category's window factor toward the catalogue's.
SHRINK_WINDOWS = 30.0
#: Length of the window on which rho is re-solved (the backtest window).
REFERENCE_WINDOW_DAYS = 28


@dataclass
class Calibration:
    """Fitted factors and what they achieved on the backtests (for the report and the Forecast page)."""

    daily_factor: dict = field(default_factory=dict)  # model -> c
    window_factor: dict = field(default_factory=dict)  # category -> f
    window_factor_all: float = 1.0
    before: dict = field(default_factory=dict)  # coverage figures before calibration
    after: dict = field(default_factory=dict)  # and after

    def to_dict(self) -> dict:
        return {"daily_factor": {k: round(float(v), 4) for k, v in self.daily_factor.items()},
                "window_factor": {k: round(float(v), 4) for k, v in self.window_factor.items()},
                "window_factor_all": round(float(self.window_factor_all), 4),
                "before": {k: round(float(v), 4) for k, v in self.before.items()},
                "after": {k: round(float(v), 4) for k, v in self.after.items()}}


def _daily_cov(y, m, sd_b, cv, ok, c):
    sd = np.sqrt((c * sd_b) ** 2 + (m * cv) ** 2)
    q = gamma_quantiles(m[ok], sd[ok], [0.1, 0.9])
    yy = y[ok]
    return float(((yy >= q[:, 0] - 1e-9) & (yy <= q[:, 1] + 1e-9)).mean()) if ok.any() else np.nan


def _solve(cov_of, target: float) -> float:
    """Smallest factor at which the coverage reaches ``target``: a coarse log grid over :data:`SCALE_GRID`, then
    bisection between the last grid point below and the first at or above the target (about 1 % resolution).

    Coverage grows with the factor only up to a point (a very wide Gamma piles its mass near 0 and its P90
    falls), hence the first crossing rather than a plain bisection over the whole range."""
    grid = np.exp(np.linspace(np.log(SCALE_GRID[0]), np.log(SCALE_GRID[-1]), 13))
    covs = []
    for j, c in enumerate(grid):
        v = cov_of(c)
        covs.append(v)
        if np.isfinite(v) and v >= target:
            if j == 0:
                return float(c)
            lo, hi = np.log(grid[j - 1]), np.log(c)
            for _ in range(8):
                mid = 0.5 * (lo + hi)
                if cov_of(np.exp(mid)) >= target:
                    hi = mid
                else:
                    lo = mid
            return float(np.exp(0.5 * (lo + hi)))
    covs = np.asarray(covs, float)
    if not np.isfinite(covs).any():
        return 1.0
    return float(grid[int(np.nanargmax(covs))])  # the target is out of reach: the widest coverage on offer


def _window_parts(y, m, sd_b, cv, ok, rho):
    wy = np.where(ok, y, 0.0).sum(axis=1)
    wm = np.where(ok, m, 0.0).sum(axis=1)
    sd = np.where(ok, sd_b, 0.0)
    s1, s2 = sd.sum(axis=1), (sd ** 2).sum(axis=1)
    vb = (1.0 - rho) * s2 + rho * s1 ** 2
    vc = (np.where(ok, m * cv, 0.0).sum(axis=1)) ** 2
    has = ok.any(axis=1) & (wm > 0)
    return wy[has], wm[has], vb[has], vc[has], has


def _window_cov(wy, wm, vb, vc, f, p_lo=0.1, p_hi=0.9):
    q = gamma_quantiles(wm, np.sqrt(f * f * vb + vc), [p_lo, p_hi])
    return float(((wy >= q[:, 0] - 1e-9) & (wy <= q[:, 1] + 1e-9)).mean()) if len(wy) else np.nan


def _window_p95(wy, wm, vb, vc, f):
    q = gamma_quantiles(wm, np.sqrt(f * f * vb + vc), [0.95])
    return float((wy <= q[:, 0] + 1e-9).mean()) if len(wy) else np.nan


def fit_calibration(samples: list[dict], categories: np.ndarray) -> Calibration:
    """Fit the factors from backtest samples of the chosen models.

    ``samples``: one dict per origin with arrays over the same series: ``y, mean, sigma, u, cv [S, H]`` (baseline
    mean and sigma before the campaign effects ``u``; ``y`` NaN where not scored), ``rho [S]`` and ``model [S]``.
    ``categories [S]``: each series' category.
    """
    cal = Calibration()
    y = np.concatenate([s["y"] for s in samples]) if samples else np.zeros((0, 1))
    if y.size == 0:
        return cal
    m = np.concatenate([s["mean"] * s["u"] for s in samples])
    sd_b = np.concatenate([s["sigma"] * s["u"] for s in samples])
    cv = np.concatenate([s["cv"] for s in samples])
    rho = np.concatenate([s["rho"] for s in samples])
    model = np.concatenate([s["model"] for s in samples])
    cat = np.concatenate([categories for _ in samples])
    ok = ~np.isnan(y)
    y0 = np.nan_to_num(y)
    cal.before["daily_p10_p90"] = _daily_cov(y0, m, sd_b, cv, ok, 1.0)
    # 1. daily factor per model (catalogue's where a model has few days)
    c_all = _solve(lambda c: _daily_cov(y0, m, sd_b, cv, ok, c), DAILY_TARGET)
    cfac = np.full(len(y0), c_all)
    for name in np.unique(model):
        r = model == name
        days = int(ok[r].sum())
        c = _solve(lambda c: _daily_cov(y0[r], m[r], sd_b[r], cv[r], ok[r], c), DAILY_TARGET) if days >= MIN_DAYS else c_all
        cal.daily_factor[str(name)] = c
        cfac[r] = c
    sd_c = sd_b * cfac[:, None]
    cal.after["daily_p10_p90"] = _daily_cov(y0, m, sd_c, cv, ok, 1.0)
    # 2. window factor per category, shrunk to the catalogue's
    wy, wm, vb, vc, has = _window_parts(y0, m, sd_c, cv, ok, rho)
    wcat = cat[has]
    cal.before["window_p10_p90"] = _window_cov(wy, wm, vb, vc, 1.0)
    cal.before["window_p95"] = _window_p95(wy, wm, vb, vc, 1.0)

    def factor(sel):
        f80 = _solve(lambda f: _window_cov(wy[sel], wm[sel], vb[sel], vc[sel], f), WINDOW_BAND_TARGET)
        f95 = _solve(lambda f: _window_p95(wy[sel], wm[sel], vb[sel], vc[sel], f), WINDOW_P95_TARGET)
        return float(np.sqrt(f80 * f95))

    f_all = factor(np.ones(len(wy), dtype=bool))
    cal.window_factor_all = f_all
    fw = np.full(len(wy), f_all)
    for cname in np.unique(wcat):
        sel = wcat == cname
        n = int(sel.sum())
        f = factor(sel) if n >= MIN_WINDOWS else f_all
        f = float(np.exp((n * np.log(f) + SHRINK_WINDOWS * np.log(f_all)) / (n + SHRINK_WINDOWS)))
        cal.window_factor[str(cname)] = f
        fw[sel] = f
    q = gamma_quantiles(wm, np.sqrt(fw ** 2 * vb + vc), [0.1, 0.9, 0.95])
    cal.after["window_p10_p90"] = float(((wy >= q[:, 0] - 1e-9) & (wy <= q[:, 1] + 1e-9)).mean()) if len(wy) else np.nan
    cal.after["window_p95"] = float((wy <= q[:, 2] + 1e-9).mean()) if len(wy) else np.nan
    return cal


def apply_calibration(cal: Calibration, mean: np.ndarray, sigma: np.ndarray, rho: np.ndarray, model: np.ndarray,
                      categories: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Calibrated ``(sigma [S, H], rho [S], window_sd_scale [S])`` for the final forecast (module docstring, 3)."""
    c = np.array([cal.daily_factor.get(str(k), 1.0) for k in model], dtype=float)
    f = np.array([cal.window_factor.get(str(k), cal.window_factor_all) for k in categories], dtype=float)
    sig = sigma * c[:, None]
    ref = sig[:, :REFERENCE_WINDOW_DAYS]
    s1, s2 = ref.sum(axis=1), (ref ** 2).sum(axis=1)
    v0 = (1.0 - rho) * s2 + rho * s1 ** 2
    target = f ** 2 * v0
    denom = s1 ** 2 - s2
    with np.errstate(divide="ignore", invalid="ignore"):
        r_new = np.where(denom > 1e-12, (target - s2) / denom, rho)
    r_new = np.nan_to_num(r_new, nan=0.2)
    scale = np.ones(len(rho))
    hi, lo = r_new > 1.0, r_new < 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(hi, np.sqrt(target / np.maximum(s1 ** 2, 1e-12)), scale)
        scale = np.where(lo, np.sqrt(target / np.maximum(s2, 1e-12)), scale)
    scale = np.where((s1 > 0) & np.isfinite(scale), scale, 1.0)
    return sig, np.clip(r_new, 0.0, 1.0), scale


def calibration_samples(fc_by_origin: dict, chosen: np.ndarray) -> list[dict]:
    """Backtest samples of the chosen model per series from ``rolling_backtest(forecasts_by_origin=...)``."""
    out = []
    for _origin, fc in sorted(fc_by_origin.items()):
        if "_y" not in fc:
            continue
        y = fc["_y"]
        u, cv, _ = fc["_effects"]
        s, h = y.shape
        mean = np.zeros((s, h))
        sigma = np.zeros((s, h))
        rho = np.full(s, 0.2)
        have = np.zeros(s, dtype=bool)
        for name in pd.unique(chosen):
            if name not in fc:
                continue
            rows = chosen == name
            m_, s_, r_ = fc[name]
            mean[rows], sigma[rows], rho[rows] = m_[rows, :h], s_[rows, :h], r_[rows]
            have |= rows
        out.append({"y": np.where(have[:, None], y, np.nan), "mean": mean, "sigma": sigma, "u": u, "cv": cv,
                    "rho": rho, "model": np.asarray(chosen, dtype=object)})
    return out
