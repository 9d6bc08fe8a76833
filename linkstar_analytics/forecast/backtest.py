"""Rolling-origin backtests, accuracy tables and per-series model selection (``auto``).

Metrics (pooled sums, so they aggregate from series to SKU, category and catalogue by adding):

* WAPE = sum |y - yhat| / sum y  (weighted absolute percentage error; Kolassa & Schütz, Foresight 6, 2007)
* bias = sum (yhat - y) / sum y  (positive: over-forecast)
* coverage = share of days with p10 <= y <= p90 (80 % is calibrated)
* window-total WAPE = sum over windows |sum_t (yhat_t - y_t)| / sum over windows sum_t y_t: the error of the total
  over the scored window (per series and origin), the unit the plan orders against; ``win_cov80`` / ``win_cov95``
  count windows whose total fell inside the P10-P90 of the window-total distribution / under its P95.

Baseline days (no campaign) and campaign days (forecast with the campaign effects applied) are scored separately;
``total`` is both together.

Origins (:func:`backtest_origins`): the most recent ones (``end - k * horizon``) plus the origin exactly 364 days
before the history end, so every series is also scored on the same weeks a year earlier (the season the
forecast is about to enter).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkstar_analytics.forecast.base import QUANTILE_COLUMNS, SeriesPanel, check_horizon, gamma_quantiles
from linkstar_analytics.forecast.models import make_model

#: Models ``auto`` chooses from (Prophet joins for the series that carry most units, see ``batch``).
AUTO_CANDIDATES: tuple[str, ...] = ("naive", "intermittent", "ets", "ets_yearly", "lgbm")
SIMPLICITY: dict[str, int] = {"naive": 0, "intermittent": 1, "ets": 2, "ets_yearly": 3, "lgbm": 4, "prophet": 5}
#: Plain-language names of the models in the reasons ``auto`` records.
MODEL_WORDS: dict[str, str] = {
    "naive": "seasonal naive (same weekday last week)", "intermittent": "intermittent-demand model (TSB)",
    "ets": "exponential smoothing with a weekly pattern", "ets_yearly": "exponential smoothing with weekly and yearly pattern",
    "lgbm": "global LightGBM model (learned across all SKUs)", "prophet": "Prophet (weekly and yearly pattern, holidays)",
}
#: A series keeps its category's choice unless its own model beats it by this relative margin on its window totals.
SERIES_MARGIN_FRAC = 0.15
#: Among models of a category, a more complex one must beat a simpler one by this relative margin.
TIE_MARGIN_FRAC = 0.02
#: Weight of the daily WAPE beside the window-total WAPE in the selection score (the window total decides;
#: the daily error breaks near-ties, so a model that gets totals right by luck of cancelling errors does not win).
DAILY_WEIGHT = 0.25
#: Series need this many observed days before the earliest origin to be backtested; otherwise a rule picks.
MIN_BACKTEST_DAYS = 28
#: Share of zero days from which a series without a usable backtest is called intermittent.
INTERMITTENT_ZERO_FRAC = 0.5
#: Name of the textbook benchmark in reports: seasonal naive on raw history, no campaign cleaning, no uplift.
BENCHMARK_MODEL = "snaive_raw"
SUM_COLUMNS: tuple[str, ...] = ("abs_err", "sq_err", "err", "actual", "covered", "n_days")
WINDOW_COLUMNS: tuple[str, ...] = ("win_abs_err", "win_err", "win_actual", "win_cov80", "win_cov95", "win_n")
#: Days between the history end and the year-ago origin (same weekday).
YEAR_AGO_DAYS = 364
SELECTION_METRIC = "window total"


def wape(y: np.ndarray, yhat: np.ndarray) -> float:
    """WAPE = sum|y - yhat| / sum y (NaN when sum y == 0)."""
    y, yhat = np.asarray(y, float), np.asarray(yhat, float)
    s = y.sum()
    return float(np.abs(y - yhat).sum() / s) if s > 0 else float("nan")


def bias(y: np.ndarray, yhat: np.ndarray) -> float:
    """Bias = sum(yhat - y) / sum y (NaN when sum y == 0)."""
    y, yhat = np.asarray(y, float), np.asarray(yhat, float)
    s = y.sum()
    return float((yhat - y).sum() / s) if s > 0 else float("nan")


def coverage(y: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> float:
    """Share of points with lo <= y <= hi."""
    y = np.asarray(y, float)
    return float(((y >= np.asarray(lo) - 1e-9) & (y <= np.asarray(hi) + 1e-9)).mean()) if len(y) else float("nan")


def metrics_from_sums(df: pd.DataFrame, prefix: str = "") -> pd.DataFrame:
    """Add ``wape``, ``bias``, ``coverage`` columns from pooled sum columns (``abs_err, err, actual, covered, n_days``)."""
    a = df[f"{prefix}actual"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = pd.DataFrame({
            f"{prefix}wape": np.where(a > 0, df[f"{prefix}abs_err"] / a, np.nan),
            f"{prefix}bias": np.where(a > 0, df[f"{prefix}err"] / a, np.nan),
            f"{prefix}coverage": np.where(df[f"{prefix}n_days"] > 0, df[f"{prefix}covered"] / df[f"{prefix}n_days"], np.nan),
        }, index=df.index)
    return out


def window_metrics(df: pd.DataFrame) -> pd.DataFrame:
    """``win_wape``, ``win_bias``, ``win_coverage`` (P10-P90) and ``win_cov95`` share from the window sums."""
    a = df["win_actual"].to_numpy(float)
    n = df["win_n"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.DataFrame({
            "win_wape": np.where(a > 0, df["win_abs_err"] / a, np.nan),
            "win_bias": np.where(a > 0, df["win_err"] / a, np.nan),
            "win_coverage": np.where(n > 0, df["win_cov80"] / n, np.nan),
            "win_cov95_share": np.where(n > 0, df["win_cov95"] / n, np.nan),
        }, index=df.index)


def uplift_matrix(keys: pd.DataFrame, dates: pd.DatetimeIndex, uplift_frame, campaigns: pd.DataFrame | None
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Arrays ``u [S, H]`` (1 where no campaign effect), ``cv [S, H]`` and bool ``is_campaign [S, H]`` (event days).

    The array twin of the campaign-effects frame (``uplift.effects_matrix``); ``uplift_frame`` may be the uplift
    frame or a tuple ``(uplift_frame, category_effects)`` (then run-up, profile and dip apply too).
    """
    from linkstar_analytics.forecast.uplift import effects_matrix

    cat = None
    if isinstance(uplift_frame, tuple):
        uplift_frame, cat = uplift_frame
    u, cv, is_c, _ = effects_matrix(keys, dates, uplift_frame, campaigns, cat)
    return u, cv, is_c


def forecast_arrays(panel: SeriesPanel, model: str, horizon_days: int, *, campaigns: pd.DataFrame | None = None):
    """Fit ``model`` on the panel and return (mean, sigma, rho) arrays of the baseline."""
    kwargs = {"campaigns": campaigns} if model in ("prophet", "lgbm") else {}
    return make_model(model, **kwargs).fit(panel).predict_arrays(horizon_days)


def window_var(sd_base: np.ndarray, rho: np.ndarray, mean: np.ndarray, cv: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Variance of a window total: equicorrelated daily sds plus the campaign effect's shared error
    ``(1 - rho) sum sd^2 + rho (sum sd)^2 + (sum mean * cv)^2`` (forecast/base.py)."""
    sd = np.where(valid, sd_base, 0.0)
    r = np.asarray(rho, float)[:, None] if np.ndim(rho) == 1 else rho
    s1 = sd.sum(axis=1)
    s2 = (sd ** 2).sum(axis=1)
    r = np.asarray(rho, float).reshape(-1)
    return (1.0 - r) * s2 + r * s1 ** 2 + (np.where(valid, mean * cv, 0.0).sum(axis=1)) ** 2


def score_arrays(y: np.ndarray, mean: np.ndarray, sigma: np.ndarray, u: np.ndarray, cv: np.ndarray,
                 is_c: np.ndarray, rho: np.ndarray | None = None, window_scale: np.ndarray | None = None
                 ) -> dict[str, np.ndarray]:
    """Pooled sums per series for baseline days (``base_``), campaign days (``camp_``), all (``total_``) and the
    window total over the scored days (``win_``).

    Days where ``y`` is NaN (before a series started) are not scored. ``rho`` (default 0.2) and
    ``window_scale`` (default 1) shape the window-total distribution as in ``base.window_moments``.
    """
    m = mean * u
    sd_b = sigma * u
    sd = np.sqrt(sd_b ** 2 + (m * cv) ** 2)
    q = gamma_quantiles(m, sd, [QUANTILE_COLUMNS["p10"], QUANTILE_COLUMNS["p90"]])
    ok = ~np.isnan(y)
    yz = np.nan_to_num(y)
    cov = (yz >= q[..., 0] - 1e-9) & (yz <= q[..., 1] + 1e-9)
    out = {}
    for name, mask in (("base_", ok & ~is_c), ("camp_", ok & is_c), ("total_", ok)):
        out[name + "abs_err"] = np.where(mask, np.abs(yz - m), 0.0).sum(axis=1)
        out[name + "sq_err"] = np.where(mask, (yz - m) ** 2, 0.0).sum(axis=1)
        out[name + "err"] = np.where(mask, m - yz, 0.0).sum(axis=1)
        out[name + "actual"] = np.where(mask, yz, 0.0).sum(axis=1)
        out[name + "covered"] = (mask & cov).sum(axis=1)
        out[name + "n_days"] = mask.sum(axis=1)
    rho = np.full(y.shape[0], 0.2) if rho is None else np.asarray(rho, float)
    wm = np.where(ok, m, 0.0).sum(axis=1)
    wy = np.where(ok, yz, 0.0).sum(axis=1)
    wv = window_var(sd_b, rho, m, cv, ok)
    if window_scale is not None:
        wv = wv * np.asarray(window_scale, float) ** 2
    wq = gamma_quantiles(wm, np.sqrt(wv), [0.1, 0.9, 0.95])
    has = ok.any(axis=1)
    out["win_abs_err"] = np.where(has, np.abs(wm - wy), 0.0)
    out["win_err"] = np.where(has, wm - wy, 0.0)
    out["win_actual"] = np.where(has, wy, 0.0)
    out["win_cov80"] = (has & (wy >= wq[:, 0] - 1e-9) & (wy <= wq[:, 1] + 1e-9)).astype(float)
    out["win_cov95"] = (has & (wy <= wq[:, 2] + 1e-9)).astype(float)
    out["win_n"] = has.astype(float)
    return out


def backtest_at(panel: SeriesPanel, cutoff, horizon_days: int, models: tuple[str, ...], *,
                campaigns: pd.DataFrame | None = None, use_uplift: bool = True,
                forecasts: dict | None = None, uplift_frame=None) -> pd.DataFrame:
    """Fit each model on days <= ``cutoff``, score the next ``horizon_days`` days.

    Returns one row per series x model with the key columns and the pooled sums of :func:`score_arrays`.
    ``forecasts`` (optional dict) receives ``{model: (mean, sigma, rho)}`` and ``"_y"``, ``"_effects"`` for reuse.
    ``uplift_frame`` (optional) is the uplift (or ``(uplift, category_effects)``) estimated on the whole
    catalogue up to ``cutoff``; otherwise it is estimated from this panel.
    """
    from linkstar_analytics.forecast.uplift import estimate_uplift

    cutoff = pd.Timestamp(cutoff)
    train = panel.truncate(cutoff)
    n_train = len(train.dates)
    y = panel.units[:, n_train:n_train + horizon_days]
    h = y.shape[1]
    if h == 0:
        raise ValueError(f"cutoff {cutoff.date()} leaves no days to score (history ends {panel.dates[-1].date()}); "
                         f"pick an earlier cutoff")
    started = ~np.isnan(train.units).all(axis=1)
    # stockout days are not scored: their sales say nothing about the forecast of demand
    y = np.where(panel.censored[:, n_train:n_train + h], np.nan, y)
    dates = panel.dates[n_train:n_train + h]
    if use_uplift and uplift_frame is None and campaigns is not None and len(campaigns):
        up, cat, _ = estimate_uplift(train, campaigns, return_parts=True)
        uplift_frame = (up, cat)
    if use_uplift:
        u, cv, is_c = uplift_matrix(panel.keys, dates, uplift_frame, campaigns)
    else:
        u, cv, is_c = uplift_matrix(panel.keys, dates, None, None)
        _, _, is_c = uplift_matrix(panel.keys, dates, None, campaigns)
    yy = np.where(started[:, None], y, np.nan)
    if forecasts is not None:
        forecasts["_y"] = yy
        forecasts["_effects"] = (u, cv, is_c)
    rows = []
    for name in models:
        mean, sigma, rho = forecast_arrays(train, name, horizon_days, campaigns=campaigns)
        mean, sigma = mean[:, :h], sigma[:, :h]
        if forecasts is not None:
            forecasts[name] = (mean, sigma, rho)
        sums = score_arrays(yy, mean, sigma, u, cv, is_c, rho)
        df = panel.keys[["sku", "region", "category"]].copy()
        df["model"] = name
        for k, v in sums.items():
            df[k] = v
        rows.append(df)
    return pd.concat(rows, ignore_index=True)


def backtest_origins(end: pd.Timestamp, start: pd.Timestamp, horizon_days: int, n_origins: int, *,
                     year_ago: bool = True) -> list[pd.Timestamp]:
    """Backtest origins: the year-ago origin ``end - 364`` (when the history allows) and the most recent ones
    ``end - k * horizon`` (k = 1, 2, ...), ``n_origins`` in all, oldest first; each leaves at least
    MIN_BACKTEST_DAYS of history."""
    first_ok = start + pd.Timedelta(days=MIN_BACKTEST_DAYS)
    out: list[pd.Timestamp] = []
    ya = end - pd.Timedelta(days=YEAR_AGO_DAYS)
    if year_ago and n_origins >= 2 and ya >= first_ok:
        out.append(ya)
    k = 1
    while len(out) < n_origins and k <= n_origins + 1:
        o = end - pd.Timedelta(days=k * horizon_days)
        if o >= first_ok and o not in out:
            out.append(o)
        k += 1
    return sorted(out)


def rolling_backtest(panel: SeriesPanel, models: tuple[str, ...], *, horizon_days: int, n_origins: int = 3,
                     campaigns: pd.DataFrame | None = None, use_uplift: bool = True,
                     uplift_by_origin: dict | None = None, forecasts_by_origin: dict | None = None) -> pd.DataFrame:
    """Rolling-origin evaluation (Tashman, IJF 16, 2000) at :func:`backtest_origins`.

    Returns per series x model x origin pooled sums (column ``origin``). ``forecasts_by_origin`` (optional dict)
    receives ``{origin: forecasts}`` as filled by :func:`backtest_at`.
    """
    horizon_days = check_horizon(horizon_days)
    end = panel.dates[-1]
    out = []
    for origin in backtest_origins(end, panel.dates[0], horizon_days, n_origins):
        up = (uplift_by_origin or {}).get(origin)
        fc = {} if forecasts_by_origin is not None else None
        df = backtest_at(panel, origin, horizon_days, models, campaigns=campaigns, use_uplift=use_uplift,
                         uplift_frame=up, forecasts=fc)
        if forecasts_by_origin is not None:
            forecasts_by_origin[origin] = fc
        df["origin"] = origin
        out.append(df)
    if not out:
        return pd.DataFrame(columns=["sku", "region", "category", "model", "origin"])
    return pd.concat(out, ignore_index=True)


def _scores(bt: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Selection score per ``by`` x model: window-total WAPE + DAILY_WEIGHT x daily WAPE (all days, pooled)."""
    agg = bt.groupby(by + ["model"], as_index=False).agg(
        win_abs_err=("win_abs_err", "sum"), win_actual=("win_actual", "sum"), abs_err=("total_abs_err", "sum"),
        actual=("total_actual", "sum"), n=("origin", "nunique"))
    with np.errstate(divide="ignore", invalid="ignore"):
        agg["win_wape"] = np.where(agg["win_actual"] > 0, agg["win_abs_err"] / agg["win_actual"], np.nan)
        agg["day_wape"] = np.where(agg["actual"] > 0, agg["abs_err"] / agg["actual"], np.nan)
    agg["score"] = agg["win_wape"] + DAILY_WEIGHT * agg["day_wape"]
    return agg


def _pick(scores: np.ndarray, order: list[int]) -> np.ndarray:
    """Index of the chosen model per row: simplest first, a more complex one must beat the best by TIE_MARGIN_FRAC."""
    n = scores.shape[0]
    chosen = np.full(n, -1)
    best = np.full(n, np.inf)
    for j in order:
        w = scores[:, j]
        better = np.isfinite(w) & ((chosen < 0) | (w < best * (1.0 - TIE_MARGIN_FRAC)))
        chosen = np.where(better, j, chosen)
        best = np.where(better, w, best)
    return chosen


def _pct(v: float) -> str:
    return "n/a" if not np.isfinite(v) else f"{100 * v:.0f}%"


def select_models(panel: SeriesPanel, backtest_sums: pd.DataFrame, candidates: tuple[str, ...] = AUTO_CANDIDATES
                  ) -> pd.DataFrame:
    """Pick the model per series on the backtest error of window totals (module docstring), and say why.

    Rules: per category, the model with the lowest pooled score (window-total WAPE + ``DAILY_WEIGHT`` x daily
    WAPE over every origin; a more complex model must beat a simpler one by ``TIE_MARGIN_FRAC``); a series
    switches to its own best model only when that beats the category's choice on the series' own backtests by
    ``SERIES_MARGIN_FRAC``. Series with no scorable backtest (too short, or no sales in any window) are ruled:
    ``intermittent`` when at least ``INTERMITTENT_ZERO_FRAC`` of observed days are zero, else ``ets``.
    Returns ``sku, region, category, model, reason, n_origins`` plus ``wape_<model>`` (daily WAPE) and
    ``score_<model>`` (window-total WAPE) per candidate.
    """
    keys = panel.keys[["sku", "region", "category"]].copy()
    y = panel.units
    obs = ~np.isnan(y)
    zero_frac = np.where(obs.sum(axis=1) > 0, ((np.nan_to_num(y) == 0) & obs).sum(axis=1) / np.maximum(obs.sum(axis=1), 1), 1.0)
    rule_model = np.where(zero_frac >= INTERMITTENT_ZERO_FRAC, "intermittent", "ets")
    n = len(keys)
    cands = list(candidates)
    order = list(np.argsort([SIMPLICITY.get(c, 9) for c in cands], kind="stable"))
    own_score = np.full((n, len(cands)), np.nan)
    own_win = np.full((n, len(cands)), np.nan)
    own_day = np.full((n, len(cands)), np.nan)
    n_orig = np.zeros(n, dtype=int)
    cat_choice = np.full(n, -1)
    cat_win = np.full((n, len(cands)), np.nan)
    idx = pd.MultiIndex.from_frame(keys[["sku", "region"]])
    if len(backtest_sums):
        bt = backtest_sums[backtest_sums["model"].isin(cands) & (backtest_sums["total_n_days"] > 0)]
        if "origin" not in bt.columns:
            bt = bt.assign(origin=0)
        ser = _scores(bt, ["sku", "region"])
        ser = ser[ser["win_actual"] > 0]
        for j, c in enumerate(cands):
            a = ser[ser["model"] == c]
            pos = idx.get_indexer(pd.MultiIndex.from_frame(a[["sku", "region"]]))
            ok = pos >= 0
            own_score[pos[ok], j] = a["score"].to_numpy()[ok]
            own_win[pos[ok], j] = a["win_wape"].to_numpy()[ok]
            own_day[pos[ok], j] = a["day_wape"].to_numpy()[ok]
            n_orig[pos[ok]] = np.maximum(n_orig[pos[ok]], a["n"].to_numpy()[ok])
        cat = _scores(bt, ["category"])
        cat = cat[cat["win_actual"] > 0]
        cats = keys["category"].astype(str).to_numpy()
        for cname in np.unique(cats):
            cs = np.full(len(cands), np.nan)
            cw = np.full(len(cands), np.nan)
            for j, c in enumerate(cands):
                r = cat[(cat["category"].astype(str) == cname) & (cat["model"] == c)]
                if len(r):
                    cs[j] = float(r["score"].iloc[0])
                    cw[j] = float(r["win_wape"].iloc[0])
            pick = _pick(cs[None, :], order)[0]
            m = cats == cname
            cat_choice[m] = pick
            cat_win[m] = cw
    own_pick = _pick(own_score, order)
    chosen_j = cat_choice.copy()
    has_own = own_pick >= 0
    cat_own_score = np.where(chosen_j >= 0, own_score[np.arange(n), np.maximum(chosen_j, 0)], np.nan)
    best_own = np.where(has_own, own_score[np.arange(n), np.maximum(own_pick, 0)], np.nan)
    switch = has_own & ((chosen_j < 0) | ~np.isfinite(cat_own_score) | (best_own < cat_own_score * (1.0 - SERIES_MARGIN_FRAC)))
    chosen_j = np.where(switch, own_pick, chosen_j)
    ruled = (chosen_j < 0) | ~has_own & ~np.isfinite(cat_own_score)
    chosen = np.where(ruled, rule_model, np.array(cands, dtype=object)[np.maximum(chosen_j, 0)])
    reasons = []
    for i in range(n):  # building the text only; the choice above is vectorised
        if ruled[i]:
            reasons.append(f"{MODEL_WORDS.get(chosen[i], chosen[i])}: too little history to compare models "
                           f"({zero_frac[i]:.0%} of days without sales)")
            continue
        j = int(chosen_j[i])
        others = ", ".join(f"{MODEL_WORDS.get(cands[k], cands[k]).split(' (')[0]} {_pct(own_win[i, k])}"
                           for k in order if k != j and np.isfinite(own_win[i, k]))
        where = ("its own backtests" if switch[i] else
                 f"the {keys['category'].iat[i]} category's backtests (this SKU alone: {_pct(own_win[i, j])})")
        reasons.append(
            f"{MODEL_WORDS.get(cands[j], cands[j])}: lowest error on the window totals in {where} over "
            f"{n_orig[i]} forecast windows including the same weeks last year: off by "
            f"{_pct(cat_win[i, j] if not switch[i] else own_win[i, j])} of units"
            + (f" (others on this SKU: {others})" if others else ""))
    out = keys.copy()
    out["model"] = chosen
    out["reason"] = reasons
    out["n_origins"] = n_orig
    for j, c in enumerate(cands):
        out[f"wape_{c}"] = own_day[:, j]
        out[f"score_{c}"] = own_win[:, j]
    return out


def accuracy_tables(sums: pd.DataFrame, *, baseline_model: str = "naive") -> dict[str, pd.DataFrame]:
    """Readable accuracy per series, SKU, category and catalogue, with skill vs ``baseline_model``.

    ``sums`` holds per series x model (x origin) pooled sums (from :func:`backtest_at`/:func:`rolling_backtest`).
    Each table has, per model, ``wape, bias, coverage`` for total, baseline (``base_``) and campaign
    (``camp_``) days, and ``skill_vs_naive = 1 - wape / wape(naive)`` on total days.
    """
    cols = [f"{p}{c}" for p in ("total_", "base_", "camp_") for c in SUM_COLUMNS]
    cols += [c for c in WINDOW_COLUMNS if c in sums.columns]
    levels = {"series": ["sku", "region", "category"], "sku": ["sku", "category"], "category": ["category"], "catalogue": []}
    if not set(cols) <= set(sums.columns):  # nothing could be backtested (a history shorter than one window)
        sums = pd.DataFrame({c: pd.Series(dtype=object if c in ("sku", "region", "category", "model") else float)
                             for c in ["sku", "region", "category", "model", *cols]})
    out = {}
    for name, by in levels.items():
        g = sums.groupby(by + ["model"], as_index=False)[cols].sum()
        parts = [g[by + ["model"]]]
        for p in ("total_", "base_", "camp_"):
            parts.append(metrics_from_sums(g, p))
        if "win_n" in g.columns:
            parts.append(window_metrics(g))
        t = pd.concat(parts + [g[["total_actual", "total_n_days", "camp_n_days"]]], axis=1)
        ref = t[t["model"] == baseline_model].set_index(by)["total_wape"] if by else \
            t.loc[t["model"] == baseline_model, "total_wape"]
        if by:
            ref_vals = pd.MultiIndex.from_frame(t[by]).map(ref.to_dict().get) if len(by) > 1 else t[by[0]].map(ref)
            t["skill_vs_naive"] = 1.0 - t["total_wape"] / pd.to_numeric(pd.Series(np.asarray(ref_vals, dtype=float)), errors="coerce").to_numpy()
        else:
            t["skill_vs_naive"] = 1.0 - t["total_wape"] / (float(ref.iloc[0]) if len(ref) else np.nan)
        out[name] = t.rename(columns={"total_wape": "wape", "total_bias": "bias", "total_coverage": "coverage"})
    return out


def auto_sums(sums: pd.DataFrame, selection: pd.DataFrame) -> pd.DataFrame:
    """Sums of the model chosen per series, relabelled ``auto`` (to score ``auto`` alongside the models)."""
    pick = selection[["sku", "region", "model"]]
    a = sums.merge(pick, on=["sku", "region", "model"])
    return a.assign(model="auto")


def evaluate_at_cutoff(sales: pd.DataFrame, skus: pd.DataFrame | None, campaigns: pd.DataFrame | None, *,
                       cutoff, horizon_days: int, models: tuple[str, ...] = AUTO_CANDIDATES,
                       n_origins: int = 3, selection_horizon_days: int = 28, use_uplift: bool = True,
                       stock_history: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Out-of-sample evaluation at ``cutoff``: fit on days <= cutoff, score the next ``horizon_days``.

    ``auto`` is chosen per series with a rolling backtest that ends at ``cutoff`` (no look-ahead), among
    ``models``, and scored on the same days as the models. With ``campaigns``, the campaign effects (estimated
    from history <= cutoff) apply on campaign days. Stockout days (``stock_history`` or detected) are skipped
    when fitting and not scored. Returns (sums per series x model incl. ``auto``, selection).
    """
    from linkstar_analytics.forecast.base import build_panel
    from linkstar_analytics.forecast.censoring import censored_mask
    from linkstar_analytics.forecast.uplift import estimate_uplift

    horizon_days = check_horizon(horizon_days)
    cutoff = pd.Timestamp(cutoff)
    full = build_panel(sales, skus=skus, campaigns=campaigns)
    full.censored = censored_mask(full, stock_history)
    if cutoff >= full.dates[-1]:
        raise ValueError(f"cutoff {cutoff.date()} must be before the last sales day {full.dates[-1].date()}; "
                         f"pick an earlier --cutoff")
    train = full.truncate(cutoff)
    started = ~np.isnan(train.units).all(axis=1)
    full, train = full.take(np.nonzero(started)[0]), train.take(np.nonzero(started)[0])
    camp = campaigns if (campaigns is not None and len(campaigns)) else None
    sel_h = min(horizon_days, selection_horizon_days)
    up_by_origin = {}
    if camp is not None and use_uplift:
        for o in backtest_origins(train.dates[-1], train.dates[0], sel_h, n_origins):
            up, cat, _ = estimate_uplift(train.truncate(o), camp, return_parts=True)
            up_by_origin[o] = (up, cat)
    inner = rolling_backtest(train, models, horizon_days=sel_h, n_origins=n_origins, campaigns=camp,
                             use_uplift=use_uplift, uplift_by_origin=up_by_origin)
    selection = select_models(train, inner, models)
    sums = backtest_at(full, cutoff, horizon_days, models, campaigns=camp, use_uplift=use_uplift)
    # the textbook benchmark: seasonal naive on the raw history (campaign days not cleaned, no uplift),
    # scored on the same days (campaign days still scored apart)
    raw = SeriesPanel(full.keys, full.dates, full.units, np.zeros_like(full.campaign))
    bench = backtest_at(raw, cutoff, horizon_days, ("naive",), campaigns=None, use_uplift=False)
    if camp is not None:
        # re-split the raw benchmark's errors into baseline/campaign days with the campaign calendar
        n_train = len(full.truncate(cutoff).dates)
        h = min(horizon_days, len(full.dates) - n_train)
        dates = full.dates[n_train:n_train + h]
        _, _, is_c = uplift_matrix(full.keys, dates, None, camp)
        mean, sigma, rho = forecast_arrays(raw.truncate(cutoff), "naive", horizon_days)
        y = np.where(full.censored[:, n_train:n_train + h], np.nan, full.units[:, n_train:n_train + h])
        parts = score_arrays(y, mean[:, :h], sigma[:, :h], np.ones_like(mean[:, :h]), np.zeros_like(mean[:, :h]),
                             is_c, rho)
        for k, v in parts.items():
            bench[k] = v
    bench["model"] = BENCHMARK_MODEL
    sums = pd.concat([sums, auto_sums(sums, selection), bench], ignore_index=True)
    return sums, selection


def report_dict(sums: pd.DataFrame, *, per_sku: bool = True) -> dict:
    """JSON-ready report: per model the overall and (optionally) per-SKU WAPE, bias and p10-p90 coverage,
    for all days, baseline days and campaign days, and the WAPE improvement vs ``naive`` (the cleaned seasonal
    naive with uplift, as every model here) and vs ``snaive_raw`` (the textbook seasonal naive)."""
    tables = accuracy_tables(sums)

    def clean(v):
        return None if v is None or (isinstance(v, float) and not np.isfinite(v)) else round(float(v), 4)

    out: dict = {"models": {}}
    cat = tables["catalogue"].set_index("model")
    naive_w = cat["wape"].get("naive", np.nan)
    bench_w = cat["wape"].get(BENCHMARK_MODEL, np.nan)
    for model, row in cat.iterrows():
        entry = {"overall": {k: clean(row[k]) for k in ("wape", "bias", "coverage", "base_wape", "base_bias",
                                                         "base_coverage", "camp_wape", "camp_bias", "camp_coverage",
                                                         "win_wape", "win_bias", "win_coverage", "win_cov95_share")
                             if k in row.index},
                 "improvement_vs_naive_frac": clean(1.0 - row["wape"] / naive_w) if np.isfinite(naive_w) and naive_w > 0 else None,
                 "improvement_vs_snaive_raw_frac": clean(1.0 - row["wape"] / bench_w) if np.isfinite(bench_w) and bench_w > 0 else None,
                 "days_scored": int(row["total_n_days"]), "campaign_days_scored": int(row["camp_n_days"])}
        if per_sku:
            t = tables["sku"][tables["sku"]["model"] == model]
            entry["per_sku"] = [{"sku": r.sku, "category": r.category, "wape": clean(r.wape), "bias": clean(r.bias),
                                 "coverage": clean(r.coverage)} for r in t.itertuples(index=False)]
        out["models"][str(model)] = entry
    out["per_category"] = [{k: (clean(v) if isinstance(v, float) else v) for k, v in r.items()}
                           for r in tables["category"][["category", "model", "wape", "bias", "coverage", "camp_wape"]].to_dict("records")]
    return out
