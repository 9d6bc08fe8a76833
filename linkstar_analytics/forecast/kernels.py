"""Numeric kernels: smoothing recursions over many series at once (numpy arrays in, arrays out).

Every kernel takes ``y [n_series, n_days]`` (``NaN`` before a series starts) and a bool ``skip``
mask of the same shape (campaign days and other days not to learn from). Skipped days are treated
as missing: the state follows its own forecast (``y_t := yhat_t``), the standard way to carry a
state-space model across missing observations (Hyndman et al., *Forecasting with Exponential
Smoothing*, 2008, §2.6), so promotions do not pollute the baseline.

The loops run over days, never over series: each step is a handful of vector operations across
all series x parameter-grid points, so 10,000 series cost about as much Python as one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SEASON_DAYS = 7
#: Warm-up days after a series starts before one-step errors count towards parameter selection.
WARMUP_DAYS = 7
#: Days used to initialise level and weekly season (heuristic initialisation, Hyndman et al. 2008, §2.6.1).
INIT_DAYS = 28

#: Huber clipping of one-step errors at this many running mean-absolute-errors (robust Holt-Winters,
#: Gelper, Fried & Croux, J. Forecasting 29(3), 2010): one-day spikes (live streams) and stockout days
#: move the states by at most this much, so they do not drag the baseline.
HUBER_K_MAE = 3.0
#: Smoothing of the running mean absolute error used for the clipping.
MAE_SMOOTHING = 0.05
#: The clipped-off part of the errors (spikes above, stockout gaps below) is averaged over this many recent
#: days and added back to the mean forecast, so the robust level does not make the mean biased low.
CLIPPED_RATE_DAYS = 182
#: Floor of the running error scale as a multiple of the Poisson sd ``sqrt(level)`` of the recent sales
#: rate (a running mean of the raw observations, smoothed like the MAE). Counts never have less noise than
#: Poisson, so the clipping limit can not collapse to zero: without the floor a run of zeros (days before the
#: first sale, a long stockout) drives the MAE to ~0, every later error is clipped to ~0 and the level
#: stays at 0 however much the series sells. 0.8 is the mean absolute deviation of a normal, sqrt(2/pi).
MAE_POISSON_FLOOR = 0.8

#: Parameter grid of the damped additive Holt-Winters model (alpha, beta, phi, gamma).
#: beta = 0 gives a model without trend (phi is then irrelevant). Small values suit noisy daily retail data.
HW_GRID: tuple[tuple[float, float, float, float], ...] = tuple(
    (a, b, p, g)
    for a in (0.02, 0.05, 0.1, 0.2, 0.35)
    for (b, p) in ((0.0, 0.0), (0.005, 0.9), (0.01, 0.98))
    for g in (0.03, 0.1)
)

#: TSB grid (alpha for demand size, beta for demand probability).
TSB_GRID: tuple[tuple[float, float], ...] = tuple((a, b) for a in (0.05, 0.1, 0.2) for b in (0.02, 0.05, 0.1))


def observed_mask(y: np.ndarray, skip: np.ndarray) -> np.ndarray:
    return ~np.isnan(y) & ~skip


def start_index(y: np.ndarray) -> np.ndarray:
    obs = ~np.isnan(y)
    return np.where(obs.any(axis=1), np.argmax(obs, axis=1), y.shape[1])


def _init_level_season(y: np.ndarray, obs: np.ndarray, start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Level = mean of the first INIT_DAYS observed days; season[d] = weekday mean minus level (sum 0)."""
    n, t = y.shape
    tt = np.arange(t)[None, :]
    win = obs & (tt >= start[:, None]) & (tt < start[:, None] + INIT_DAYS)
    yv = np.where(win, y, 0.0)
    cnt = win.sum(axis=1)
    level = np.where(cnt > 0, yv.sum(axis=1) / np.maximum(cnt, 1), 0.0)
    season = np.zeros((n, SEASON_DAYS))
    for d in range(SEASON_DAYS):
        col = (tt % SEASON_DAYS == d) & win
        c = col.sum(axis=1)
        season[:, d] = np.where(c > 0, np.where(col, y, 0.0).sum(axis=1) / np.maximum(c, 1) - level, 0.0)
    season -= season.mean(axis=1, keepdims=True)
    # a week with too few observations gives a noisy season: shrink towards 0 when cnt < 14
    season *= np.clip(cnt / 14.0, 0.0, 1.0)[:, None]
    return level, season


@dataclass
class HWState:
    """Final states of the damped additive Holt-Winters model, one row per series."""

    level: np.ndarray  # [n]
    trend: np.ndarray  # [n]
    season: np.ndarray  # [n, 7], indexed by absolute day % 7
    params: np.ndarray  # [n, 4] alpha, beta, phi, gamma
    fitted: np.ndarray | None  # [n, t] one-step fitted values (None when not kept)
    n_days: int  # days of history (to place the season phase of the forecast)
    clipped_rate: np.ndarray | None = None  # [n] mean clipped-off error per day over the last CLIPPED_RATE_DAYS


def holt_winters_run(y: np.ndarray, skip: np.ndarray, params: np.ndarray, *, keep_fitted: bool = False
                     ) -> tuple[HWState, np.ndarray, np.ndarray]:
    """Damped additive Holt-Winters (additive weekly season) for ``n`` series x ``g`` parameter sets.

    Equations (Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed. (FPP3), §8.2-8.3,
    damped Holt-Winters' additive method)::

        yhat_t = l_{t-1} + phi b_{t-1} + s_{t-m}
        l_t = alpha (y_t - s_{t-m}) + (1 - alpha)(l_{t-1} + phi b_{t-1})
        b_t = beta (l_t - l_{t-1}) + (1 - beta) phi b_{t-1}
        s_t = gamma (y_t - l_{t-1} - phi b_{t-1}) + (1 - gamma) s_{t-m}

    Parameters
    ----------
    y : ``[n, t]`` units per day, ``NaN`` before each series starts.
    skip : ``[n, t]`` days treated as missing (campaign days).
    params : ``[g, 4]`` rows of (alpha, beta, phi, gamma), or ``[n, g, 4]`` per series.

    Returns
    -------
    state (of the first parameter set per series when ``g > 1``; use for ``g == 1``), ``sse [n, g]`` and
    ``count [n, g]`` of one-step errors on observed days after the warm-up.
    """
    n, t = y.shape
    p = np.asarray(params, dtype=float)
    if p.ndim == 2:
        p = np.broadcast_to(p[None, :, :], (n,) + p.shape)
    g = p.shape[1]
    alpha, beta, phi, gamma = (p[..., k] for k in range(4))
    obs = observed_mask(y, skip)
    start = start_index(y)
    l0, s0 = _init_level_season(y, obs, start)
    level = np.repeat(l0[:, None], g, axis=1)
    trend = np.zeros((n, g))
    season = np.repeat(s0[:, None, :], g, axis=1)  # [n, g, 7]
    sse = np.zeros((n, g))
    cnt = np.zeros((n, g))
    fitted = np.full((n, t), np.nan) if keep_fitted else None
    yz = np.nan_to_num(y, nan=0.0)
    mae = np.repeat(np.maximum(0.8 * np.sqrt(np.maximum(l0, 0.0)), 0.5)[:, None], g, axis=1)  # ~Poisson sd at start
    rate = np.repeat(np.maximum(l0, 0.0)[:, None], g, axis=1)  # running mean of the raw observations
    clip_sum = np.zeros(n)
    clip_cnt = np.zeros(n)
    for k in range(t):
        d = k % SEASON_DAYS
        active = (k >= start)[:, None]  # before the start the state stays at its initial value
        s_old = season[:, :, d]
        base = level + phi * trend
        yhat = base + s_old
        o = obs[:, k][:, None]
        yk = np.where(o, yz[:, k][:, None], yhat)
        if keep_fitted:
            fitted[:, k] = yhat[:, 0]
        scored = o & (k >= start + WARMUP_DAYS)[:, None]
        err = yk - yhat
        sse += np.where(scored, err * err, 0.0)
        cnt += scored
        # Huber-clipped observation drives the update (robust Holt-Winters)
        rate = np.where(o & active, (1.0 - MAE_SMOOTHING) * rate + MAE_SMOOTHING * yk, rate)
        mae = np.maximum(mae, MAE_POISSON_FLOOR * np.sqrt(np.maximum(rate, 0.0)))
        lim = HUBER_K_MAE * mae
        err_c = np.clip(err, -lim, lim)
        mae = np.where(o & active, (1.0 - MAE_SMOOTHING) * mae + MAE_SMOOTHING * np.abs(err_c), mae)
        yk = yhat + err_c
        if keep_fitted and k >= t - CLIPPED_RATE_DAYS:
            clip_sum += np.where(o & active, err - err_c, 0.0)[:, 0]
            clip_cnt += (o & active)[:, 0]
        new_level = alpha * (yk - s_old) + (1.0 - alpha) * base
        new_trend = beta * (new_level - level) + (1.0 - beta) * phi * trend
        new_season = gamma * (yk - base) + (1.0 - gamma) * s_old
        level = np.where(active, new_level, level)
        trend = np.where(active, new_trend, trend)
        season[:, :, d] = np.where(active, new_season, s_old)
    state = HWState(level[:, 0], trend[:, 0], season[:, 0, :], p[:, 0, :], fitted, t,
                    clip_sum / np.maximum(clip_cnt, 1) if keep_fitted else None)
    return state, sse, cnt


def holt_winters_fit(y: np.ndarray, skip: np.ndarray, grid=HW_GRID, *, chunk_rows: int = 2000) -> HWState:
    """Pick (alpha, beta, phi, gamma) per series from ``grid`` by in-sample one-step SSE, then refit with
    the chosen parameters keeping the fitted values. Series are processed in chunks to bound memory."""
    grid_arr = np.asarray(grid, dtype=float)
    n = y.shape[0]
    chosen = np.zeros((n, 4))
    for a in range(0, n, chunk_rows):
        sl = slice(a, min(n, a + chunk_rows))
        _, sse, cnt = holt_winters_run(y[sl], skip[sl], grid_arr)
        mse = np.where(cnt > 0, sse / np.maximum(cnt, 1), np.inf)
        best = np.argmin(mse, axis=1)  # ties -> the first (smallest alpha) grid point
        no_data = ~np.isfinite(mse).any(axis=1)
        best = np.where(no_data, len(grid_arr) // 2, best)
        chosen[sl] = grid_arr[best]
    state, _, _ = holt_winters_run(y, skip, chosen[:, None, :], keep_fitted=True)
    return state


def holt_winters_forecast(state: HWState, horizon_days: int) -> np.ndarray:
    """``yhat_{T+h|T} = l_T + (phi + ... + phi^h) b_T + s_{T+h-m(k+1)}`` (FPP3 §8.3), ``[n, h]``."""
    h = np.arange(1, horizon_days + 1)
    phi = state.params[:, 2][:, None]
    damp = np.where(phi > 0, np.cumsum(phi ** h[None, :], axis=1), 0.0)
    phase = (state.n_days + h - 1) % SEASON_DAYS
    out = state.level[:, None] + damp * state.trend[:, None] + state.season[:, phase]
    if state.clipped_rate is not None:
        out = out + state.clipped_rate[:, None]
    return out


def seasonal_fill(y: np.ndarray, skip: np.ndarray) -> np.ndarray:
    """Copy of ``y`` where skipped days take the last observed value of the same weekday (NaN if none)."""
    obs = observed_mask(y, skip)
    out = np.where(obs, y, np.nan)
    n, t = y.shape
    for d in range(SEASON_DAYS):
        sub = out[:, d::SEASON_DAYS]
        idx = np.where(~np.isnan(sub), np.arange(sub.shape[1])[None, :], 0)
        np.maximum.accumulate(idx, axis=1, out=idx)
        filled = sub[np.arange(n)[:, None], idx]
        out[:, d::SEASON_DAYS] = filled
    # where a series started, keep days before start as NaN
    out[np.isnan(y)] = np.nan
    return out


def seasonal_naive_fit(y: np.ndarray, skip: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Last cleaned week per series ``[n, 7]`` (phase = absolute day % 7) and one-step fitted values ``[n, t]``.

    Seasonal naive method, FPP3 §5.2: ``yhat_{T+h} = y_{T+h-m(k+1)}``; campaign days are replaced by the
    same weekday of an earlier non-campaign week first. Where a weekday was never observed, the mean of
    the observed days is used (short and new series).
    """
    clean = seasonal_fill(y, skip)
    n, t = y.shape
    obs = observed_mask(y, skip)
    mean_obs = np.where(obs.any(axis=1), np.nansum(np.where(obs, y, 0.0), axis=1) / np.maximum(obs.sum(axis=1), 1), 0.0)
    last = np.zeros((n, SEASON_DAYS))
    for d in range(SEASON_DAYS):
        cols = np.arange(d, t, SEASON_DAYS)
        v = clean[:, cols[-1]] if len(cols) else np.full(n, np.nan)
        last[:, d] = np.where(np.isnan(v), mean_obs, v)
    fitted = np.full((n, t), np.nan)
    fitted[:, SEASON_DAYS:] = clean[:, :-SEASON_DAYS]
    return last, fitted


def tsb_run(y: np.ndarray, skip: np.ndarray, params: np.ndarray, *, keep_fitted: bool = False):
    """Teunter-Syntetos-Babai (TSB) intermittent-demand method over ``n`` series x ``g`` parameter sets.

    Equations (Teunter, Syntetos & Babai, EJOR 214(3), 2011, eq. 4-6)::

        p_t = p_{t-1} + beta (1[y_t > 0] - p_{t-1})            (every observed day)
        z_t = z_{t-1} + alpha (y_t - z_{t-1})                  (only when y_t > 0)
        yhat_{t+1} = p_t z_t

    Unlike Croston/SBA it lets the probability decay during long runs of zeros (obsolescence).
    Returns ``(z [n,g], p [n,g], sse [n,g], cnt [n,g], fitted [n,t] | None)``.
    """
    n, t = y.shape
    prm = np.asarray(params, dtype=float)
    if prm.ndim == 2:
        prm = np.broadcast_to(prm[None, :, :], (n,) + prm.shape)
    alpha, beta = prm[..., 0], prm[..., 1]
    g = prm.shape[1]
    obs = observed_mask(y, skip)
    start = start_index(y)
    tt = np.arange(t)[None, :]
    win = obs & (tt >= start[:, None]) & (tt < start[:, None] + INIT_DAYS)
    pos = win & (np.nan_to_num(y) > 0)
    z0 = np.where(pos.sum(axis=1) > 0, np.where(pos, y, 0.0).sum(axis=1) / np.maximum(pos.sum(axis=1), 1), 1.0)
    p0 = np.where(win.sum(axis=1) > 0, pos.sum(axis=1) / np.maximum(win.sum(axis=1), 1), 0.0)
    z = np.repeat(z0[:, None], g, axis=1)
    p = np.repeat(p0[:, None], g, axis=1)
    sse = np.zeros((n, g))
    cnt = np.zeros((n, g))
    fitted = np.full((n, t), np.nan) if keep_fitted else None
    yz = np.nan_to_num(y, nan=0.0)
    for k in range(t):
        o = obs[:, k][:, None]
        yhat = p * z
        if keep_fitted:
            fitted[:, k] = yhat[:, 0]
        yk = yz[:, k][:, None]
        scored = o & (k >= start + WARMUP_DAYS)[:, None]
        err = yk - yhat
        sse += np.where(scored, err * err, 0.0)
        cnt += scored
        hit = yk > 0
        p = np.where(o, p + beta * (hit - p), p)
        z = np.where(o & hit, z + alpha * (yk - z), z)
    return z, p, sse, cnt, fitted


def tsb_fit(y: np.ndarray, skip: np.ndarray, grid=TSB_GRID, *, chunk_rows: int = 4000):
    """Pick (alpha, beta) per series by in-sample one-step MSE; returns ``(forecast_level [n], params [n,2], fitted [n,t])``."""
    grid_arr = np.asarray(grid, dtype=float)
    n = y.shape[0]
    chosen = np.zeros((n, 2))
    for a in range(0, n, chunk_rows):
        sl = slice(a, min(n, a + chunk_rows))
        _, _, sse, cnt, _ = tsb_run(y[sl], skip[sl], grid_arr)
        mse = np.where(cnt > 0, sse / np.maximum(cnt, 1), np.inf)
        best = np.where(np.isfinite(mse).any(axis=1), np.argmin(mse, axis=1), 4)
        chosen[sl] = grid_arr[best]
    z, p, _, _, fitted = tsb_run(y, skip, chosen[:, None, :], keep_fitted=True)
    return (p * z)[:, 0], chosen, fitted


#: Days between a forecast day and the same weekday last year.
YEAR_DAYS = 364
#: Pre-window (days before the origin, a year earlier) the yearly index is relative to.
YEARLY_PRE_DAYS = 28
#: Minimum units of a group in that pre-window, and series in the group, for a yearly index.
YEARLY_MIN_UNITS = 50.0
YEARLY_MIN_SERIES = 2
#: Bounds of the yearly index.
YEARLY_BOUNDS: tuple[float, float] = (0.5, 2.5)


def yearly_index(y: np.ndarray, skip: np.ndarray, group: np.ndarray, horizon_days: int) -> np.ndarray:
    """Multiplicative yearly index ``[n, h]`` for the forecast days, pooled over a group of series.

    Classical seasonal index (FPP3 §3.4, ratio to a reference level) from last year: for forecast day
    ``T + h``, ``I_h = MA7(g)[T + h - 364] / mean(g[T - 364 - 28 .. T - 364))`` where ``g`` is the group's
    mean non-campaign units per series per day (series that existed a year before the origin), ``MA7`` a
    centred 7-day mean. Local-level models (ETS, TSB) know the level at ``T``; the index carries last
    year's path from the same point in the year (e.g. the Q4 ramp). Groups (category x region) pool
    series so one SKU's noise does not become a season. 1 where there is not enough history.
    """
    n, t = y.shape
    out = np.ones((n, horizon_days))
    ref_end = t - YEAR_DAYS
    ref_start = ref_end - YEARLY_PRE_DAYS
    if ref_start < 0 or horizon_days < 1:
        return out
    start = start_index(y)
    eligible = start <= ref_start
    obs = observed_mask(y, skip) & eligible[:, None]
    codes, gidx = np.unique(group, return_inverse=True)
    ng = len(codes)
    gsum = np.zeros((ng, t))
    gcnt = np.zeros((ng, t))
    np.add.at(gsum, gidx, np.where(obs, np.nan_to_num(y), 0.0))
    np.add.at(gcnt, gidx, obs.astype(float))
    n_series = np.bincount(gidx, weights=eligible.astype(float), minlength=ng)
    mean = np.where(gcnt > 0, gsum / np.maximum(gcnt, 1), np.nan)
    pre = np.nanmean(mean[:, ref_start:ref_end], axis=1) if ref_end > ref_start else np.full(ng, np.nan)
    pre_units = gsum[:, ref_start:ref_end].sum(axis=1)
    # centred 7-day mean ignoring NaN (campaign days)
    v = np.nan_to_num(mean)
    c = (~np.isnan(mean)).astype(float)
    cv = np.concatenate([np.zeros((ng, 1)), np.cumsum(v, axis=1)], axis=1)
    cc = np.concatenate([np.zeros((ng, 1)), np.cumsum(c, axis=1)], axis=1)
    j = ref_end + np.arange(horizon_days)  # last year's index of forecast day h (0-based h-1)
    lo = np.clip(j - 3, 0, t)
    hi = np.clip(j + 4, 0, t)
    ok_j = j < t
    with np.errstate(divide="ignore", invalid="ignore"):
        ma = (cv[:, hi] - cv[:, lo]) / (cc[:, hi] - cc[:, lo])
        idx = ma / pre[:, None]
    good = (pre_units >= YEARLY_MIN_UNITS) & (n_series >= YEARLY_MIN_SERIES) & (pre > 0)
    idx = np.where(good[:, None] & ok_j[None, :] & np.isfinite(idx), idx, 1.0)
    idx = np.clip(idx, *YEARLY_BOUNDS)
    return idx[gidx]


#: Ratio-to-moving-average yearly profile (classical decomposition, FPP3 §3.4; the seasonal part of ``stlf``):
#: window of the centred moving average that smooths the group's daily mean, and of the one that gives its trend.
PROFILE_SMOOTH_DAYS = 29
PROFILE_TREND_DAYS = 365
#: A trend value needs this share of its window observed; the profile needs this many positions of the year known.
PROFILE_MIN_SHARE = 0.8
PROFILE_MIN_POSITIONS = 300
PROFILE_BOUNDS: tuple[float, float] = (0.3, 3.0)


def _centred_mean(v: np.ndarray, window: int, min_share: float = 0.0) -> np.ndarray:
    """Centred moving mean along axis 1 ignoring NaN; NaN where fewer than ``min_share`` of the window is observed."""
    ok = ~np.isnan(v)
    c = np.concatenate([np.zeros((v.shape[0], 1)), np.cumsum(np.where(ok, v, 0.0), axis=1)], axis=1)
    k = np.concatenate([np.zeros((v.shape[0], 1)), np.cumsum(ok, axis=1)], axis=1)
    t = v.shape[1]
    half = window // 2
    lo = np.clip(np.arange(t) - half, 0, t)
    hi = np.clip(np.arange(t) + half + 1, 0, t)
    cnt = k[:, hi] - k[:, lo]
    with np.errstate(divide="ignore", invalid="ignore"):
        m = (c[:, hi] - c[:, lo]) / cnt
    return np.where(cnt >= max(1, min_share * window), m, np.nan)


def yearly_profile(y: np.ndarray, skip: np.ndarray, group: np.ndarray, horizon_days: int) -> np.ndarray:
    """Multiplicative yearly profile ``[n, t + h]`` (history and forecast days), pooled over a group of series.

    Ratio to moving average (FPP3 §3.4): the group's mean units per series per day ``g`` (clean days) is smoothed
    by a centred :data:`PROFILE_SMOOTH_DAYS`-day mean ``s`` and divided by its centred :data:`PROFILE_TREND_DAYS`-day
    trend; the ratios at the same position of the 364-day year (same weekday) are averaged over the years
    available, smoothed circularly, clipped to :data:`PROFILE_BOUNDS` and normalised to average 1 over the year.
    Deseasonalising with it before fitting and reseasonalising the forecast after (``ETSForecaster(yearly=True)``)
    lets a local-level model carry a yearly shape without counting the season's slope as trend. 1 for groups
    without a year of usable ratios.
    """
    n, t = y.shape
    out = np.ones((n, t + horizon_days))
    if t < PROFILE_TREND_DAYS + YEAR_DAYS // 2:
        return out
    obs = observed_mask(y, skip)
    codes, gidx = np.unique(group, return_inverse=True)
    ng = len(codes)
    gsum = np.zeros((ng, t))
    gcnt = np.zeros((ng, t))
    np.add.at(gsum, gidx, np.where(obs, np.nan_to_num(y), 0.0))
    np.add.at(gcnt, gidx, obs.astype(float))
    g = np.where(gcnt > 0, gsum / np.maximum(gcnt, 1), np.nan)
    s = _centred_mean(g, PROFILE_SMOOTH_DAYS, 0.5)
    trend = _centred_mean(g, PROFILE_TREND_DAYS, PROFILE_MIN_SHARE)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = s / trend
    r = np.where(np.isfinite(r) & (r > 0), r, np.nan)
    pos = np.arange(t) % YEAR_DAYS
    prof = np.full((ng, YEAR_DAYS), np.nan)
    psum = np.zeros((ng, YEAR_DAYS))
    pcnt = np.zeros((ng, YEAR_DAYS))
    okr = ~np.isnan(r)
    for p0 in range(0, t, YEAR_DAYS):  # a loop over the years of history
        seg = slice(p0, min(t, p0 + YEAR_DAYS))
        pp = pos[seg]
        np.add.at(psum.T, pp, np.where(okr[:, seg], r[:, seg], 0.0).T)
        np.add.at(pcnt.T, pp, okr[:, seg].T.astype(float))
    prof = np.where(pcnt > 0, psum / np.maximum(pcnt, 1), np.nan)
    good = (~np.isnan(prof)).sum(axis=1) >= PROFILE_MIN_POSITIONS
    # circular smoothing (fills small gaps)
    ext = np.concatenate([prof[:, -14:], prof, prof[:, :14]], axis=1)
    sm = _centred_mean(ext, 15)[:, 14:-14]
    sm = np.where(np.isnan(sm), 1.0, sm)
    sm = np.clip(sm, *PROFILE_BOUNDS)
    sm = sm / sm.mean(axis=1, keepdims=True)
    sm = np.where(good[:, None], sm, 1.0)
    all_pos = np.arange(t + horizon_days) % YEAR_DAYS
    return sm[gidx][:, all_pos]
