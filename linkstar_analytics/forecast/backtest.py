"""Rolling-origin backtests, accuracy tables and per-series model selection (``auto``).

Metrics (pooled sums, so they aggregate from series to SKU, category and catalogue by adding):

* WAPE = sum |y - yhat| / sum y  (weighted absolute percentage error; Kolassa & Schütz, Foresight 6, 2007)
* bias = sum (yhat - y) / sum y  (positive: over-forecast)
* coverage = share of days with p10 <= y <= p90 (80 % is calibrated; 70-90 % is acceptable)

Baseline days (no campaign) and campaign days (forecast with uplift applied) are scored separately;
``total`` is both together. Selection uses baseline-day WAPE because the forecast is the baseline.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkstar_analytics.forecast.base import QUANTILE_COLUMNS, SeriesPanel, check_horizon, gamma_quantiles
from linkstar_analytics.forecast.models import make_model

#: Models ``auto`` chooses from, simplest first (ties go to the simpler one).
AUTO_CANDIDATES: tuple[str, ...] = ("naive", "intermittent", "ets")
SIMPLICITY: dict[str, int] = {"naive": 0, "intermittent": 1, "ets": 2, "prophet": 3}
#: The default model of ``auto``: another candidate must beat it by DEFAULT_MARGIN_FRAC (relative WAPE) to be
#: chosen. Three origins of a few weeks of noisy daily sales rank models with much noise, so a per-series
#: switch needs clear evidence (selection noise otherwise costs more than it gains).
AUTO_DEFAULT_MODEL = "ets"
DEFAULT_MARGIN_FRAC = 0.10
#: Among the non-default candidates, a more complex one must beat a simpler one by this margin.
TIE_MARGIN_FRAC = 0.02
#: Series need this many observed days before the earliest origin to be backtested; otherwise a rule picks.
MIN_BACKTEST_DAYS = 28
#: Share of zero days from which a series without a usable backtest is called intermittent.
INTERMITTENT_ZERO_FRAC = 0.5
#: Name of the textbook benchmark in reports: seasonal naive on raw history, no campaign cleaning, no uplift.
BENCHMARK_MODEL = "snaive_raw"
SUM_COLUMNS: tuple[str, ...] = ("abs_err", "sq_err", "err", "actual", "covered", "n_days")
#: What ``auto`` minimises per series over the backtest origins (baseline days): ``"rmse"``, the root mean
#: squared error in units/day (per series it ranks models exactly as RMSSE, the point metric of the M5
#: competition, Makridakis et al., IJF 38(4), 2022). Absolute-error metrics such as WAPE reward forecasting
#: near zero for intermittent and spiky series (Kolassa, IJF 32(3), 2016): a seasonal naive that repeats
#: zeros "wins" the backtest, then repeats a spike or misses every sale; on the sample data choosing by WAPE
#: made ``auto`` worse than ETS alone. WAPE is still reported beside it. ``"wape"`` and ``"wape+bias"``
#: ((sum|e| + |sum e|) / sum y) remain available for comparison.
SELECTION_METRIC = "rmse"


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


def uplift_matrix(keys: pd.DataFrame, dates: pd.DatetimeIndex, uplift_frame: pd.DataFrame | None,
                  campaigns: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Arrays ``u [S, H]`` (1 off campaign), ``cv [S, H]`` and bool ``is_campaign [S, H]`` for ``dates``.

    The array twin of :func:`uplift.apply_uplift` (same rules) for backtests over many series.
    """
    from linkstar_analytics.forecast.holidays import campaign_days, normalise_campaigns
    from linkstar_analytics.forecast.uplift import UPLIFT_CV_BY_SOURCE

    s, h = len(keys), len(dates)
    u = np.ones((s, h))
    cv = np.zeros((s, h))
    is_c = np.zeros((s, h), dtype=bool)
    if campaigns is None or not len(campaigns):
        return u, cv, is_c
    days = campaign_days(campaigns)
    days = days[(days["date"] >= dates[0]) & (days["date"] <= dates[-1])]
    if days.empty:
        return u, cv, is_c
    dflt = normalise_campaigns(campaigns).set_index("campaign_id")["default_uplift"]
    k = keys[["sku", "region"]].reset_index().rename(columns={"index": "row"})
    m = k.merge(days[["campaign_id", "region", "date"]], on="region")
    if uplift_frame is not None and len(uplift_frame):
        m = m.merge(uplift_frame[["sku", "region", "campaign_id", "uplift", "source"]], on=["sku", "region", "campaign_id"], how="left")
    else:
        m["uplift"], m["source"] = np.nan, None
    m["uplift"] = m["uplift"].astype(float).fillna(pd.to_numeric(m["campaign_id"].map(dflt), errors="coerce").fillna(1.0))
    m["cv"] = m["source"].map(UPLIFT_CV_BY_SOURCE).fillna(UPLIFT_CV_BY_SOURCE["default"]).astype(float)
    m = m.sort_values("uplift")
    r = m["row"].to_numpy()
    c = dates.get_indexer(pd.DatetimeIndex(m["date"]))
    u[r, c] = m["uplift"].to_numpy(float)  # later (larger) uplifts overwrite: the larger wins
    cv[r, c] = m["cv"].to_numpy(float)
    is_c[r, c] = True
    return u, cv, is_c


def forecast_arrays(panel: SeriesPanel, model: str, horizon_days: int, *, campaigns: pd.DataFrame | None = None):
    """Fit ``model`` on the panel and return (mean, sigma, rho) arrays of the baseline."""
    kwargs = {"campaigns": campaigns} if model == "prophet" else {}
    return make_model(model, **kwargs).fit(panel).predict_arrays(horizon_days)


def score_arrays(y: np.ndarray, mean: np.ndarray, sigma: np.ndarray, u: np.ndarray, cv: np.ndarray,
                 is_c: np.ndarray) -> dict[str, np.ndarray]:
    """Pooled sums per series for baseline days (``base_``), campaign days (``camp_``) and all (``total_``).

    Days where ``y`` is NaN (before a series started) are not scored.
    """
    m = mean * u
    sd = np.sqrt((sigma * u) ** 2 + (m * cv) ** 2)
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
    return out


def backtest_at(panel: SeriesPanel, cutoff, horizon_days: int, models: tuple[str, ...], *,
                campaigns: pd.DataFrame | None = None, use_uplift: bool = True,
                forecasts: dict | None = None, uplift_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Fit each model on days <= ``cutoff``, score the next ``horizon_days`` days.

    Returns one row per series x model with the key columns and the pooled sums of :func:`score_arrays`.
    ``forecasts`` (optional dict) receives ``{model: (mean, sigma, rho)}`` for reuse. ``uplift_frame``
    (optional) is the uplift estimated on the whole catalogue up to ``cutoff`` (pass it when the panel is a
    chunk, so category lifts pool over every SKU); otherwise it is estimated from this panel.
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
    dates = panel.dates[n_train:n_train + h]
    if use_uplift and uplift_frame is None and campaigns is not None and len(campaigns):
        uplift_frame = estimate_uplift(train, campaigns)
    if use_uplift:
        u, cv, is_c = uplift_matrix(panel.keys, dates, uplift_frame, campaigns)
    else:
        u, cv, is_c = uplift_matrix(panel.keys, dates, None, None)
        _, _, is_c = uplift_matrix(panel.keys, dates, None, campaigns)
    rows = []
    for name in models:
        mean, sigma, rho = forecast_arrays(train, name, horizon_days, campaigns=campaigns)
        mean, sigma = mean[:, :h], sigma[:, :h]
        if forecasts is not None:
            forecasts[name] = (mean, sigma, rho)
        sums = score_arrays(np.where(started[:, None], y, np.nan), mean, sigma, u, cv, is_c)
        df = panel.keys[["sku", "region", "category"]].copy()
        df["model"] = name
        for k, v in sums.items():
            df[k] = v
        rows.append(df)
    return pd.concat(rows, ignore_index=True)


def backtest_origins(end: pd.Timestamp, start: pd.Timestamp, horizon_days: int, n_origins: int) -> list[pd.Timestamp]:
    """Origins ``end - k * horizon`` (k = n..1) that leave at least MIN_BACKTEST_DAYS of history."""
    out = [end - pd.Timedelta(days=k * horizon_days) for k in range(n_origins, 0, -1)]
    return [o for o in out if o >= start + pd.Timedelta(days=MIN_BACKTEST_DAYS)]


def rolling_backtest(panel: SeriesPanel, models: tuple[str, ...], *, horizon_days: int, n_origins: int = 3,
                     campaigns: pd.DataFrame | None = None, use_uplift: bool = True,
                     uplift_by_origin: dict | None = None) -> pd.DataFrame:
    """Rolling-origin evaluation (Tashman, IJF 16, 2000): origins at ``end - k * horizon`` for k = n..1.

    Returns per series x model x origin pooled sums (column ``origin``).
    """
    horizon_days = check_horizon(horizon_days)
    end = panel.dates[-1]
    out = []
    for origin in backtest_origins(end, panel.dates[0], horizon_days, n_origins):
        up = (uplift_by_origin or {}).get(origin)
        df = backtest_at(panel, origin, horizon_days, models, campaigns=campaigns, use_uplift=use_uplift, uplift_frame=up)
        df["origin"] = origin
        out.append(df)
    if not out:
        return pd.DataFrame(columns=["sku", "region", "category", "model", "origin"])
    return pd.concat(out, ignore_index=True)


def select_models(panel: SeriesPanel, backtest_sums: pd.DataFrame, candidates: tuple[str, ...] = AUTO_CANDIDATES
                  ) -> pd.DataFrame:
    """Pick the model per series by pooled baseline-day backtest score (:data:`SELECTION_METRIC`).

    Rules: :data:`AUTO_DEFAULT_MODEL` is kept unless another candidate's WAPE is lower by more than
    :data:`DEFAULT_MARGIN_FRAC` (relative); among the others a more complex model must beat every simpler one
    by more than :data:`TIE_MARGIN_FRAC`; series with no scorable backtest (too short, or zero sales in
    every window) are ruled: ``intermittent`` when at least :data:`INTERMITTENT_ZERO_FRAC` of observed days
    are zero, else ``ets``. Returns ``sku, region, category, model, reason, n_origins`` plus one
    ``wape_<model>`` column per candidate.
    """
    keys = panel.keys[["sku", "region", "category"]].copy()
    y = panel.units
    obs = ~np.isnan(y)
    zero_frac = np.where(obs.sum(axis=1) > 0, ((np.nan_to_num(y) == 0) & obs).sum(axis=1) / np.maximum(obs.sum(axis=1), 1), 1.0)
    rule_model = np.where(zero_frac >= INTERMITTENT_ZERO_FRAC, "intermittent", "ets")
    n = len(keys)
    wapes = np.full((n, len(candidates)), np.nan)  # the selection score
    plain = np.full((n, len(candidates)), np.nan)  # plain WAPE, reported
    n_orig = np.zeros(n, dtype=int)
    if len(backtest_sums):
        bt = backtest_sums[backtest_sums["model"].isin(candidates) & (backtest_sums["base_n_days"] > 0)]
        agg = bt.groupby(["sku", "region", "model"], as_index=False).agg(
            abs_err=("base_abs_err", "sum"), sq_err=("base_sq_err", "sum"), err=("base_err", "sum"),
            actual=("base_actual", "sum"), n_days=("base_n_days", "sum"), n=("origin", "nunique"))
        if SELECTION_METRIC == "wape+bias":
            agg["score_num"] = agg["abs_err"] + agg["err"].abs()
        elif SELECTION_METRIC == "rmse":
            agg["score_num"] = np.sqrt(agg["sq_err"] / agg["n_days"].clip(lower=1)) * agg["actual"]  # / actual below
        else:
            agg["score_num"] = agg["abs_err"]
        idx = pd.MultiIndex.from_frame(keys[["sku", "region"]])
        for j, c in enumerate(candidates):
            a = agg[agg["model"] == c]
            pos = idx.get_indexer(pd.MultiIndex.from_frame(a[["sku", "region"]]))
            ok = pos >= 0
            with np.errstate(divide="ignore", invalid="ignore"):
                w = np.where(a["actual"] > 0, a["score_num"] / a["actual"], np.nan)
                wp = np.where(a["actual"] > 0, a["abs_err"] / a["actual"], np.nan)
            wapes[pos[ok], j] = w[ok]
            plain[pos[ok], j] = wp[ok]
            n_orig[pos[ok]] = np.maximum(n_orig[pos[ok]], a["n"].to_numpy()[ok])
    order = np.argsort([SIMPLICITY.get(c, 9) for c in candidates], kind="stable")
    cand_sorted = [candidates[i] for i in order]
    w_sorted = wapes[:, order]
    p_sorted = plain[:, order]
    chosen = np.full(n, "", dtype=object)
    best_w = np.full(n, np.inf)
    for j, c in enumerate(cand_sorted):  # a loop over the few candidates, vectorised over series
        w = w_sorted[:, j]
        better = np.isfinite(w) & (w < best_w * (1.0 - TIE_MARGIN_FRAC))
        chosen = np.where(better | ((chosen == "") & np.isfinite(w)), c, chosen)
        best_w = np.where(better | ~np.isfinite(best_w), np.where(np.isfinite(w), w, best_w), best_w)
    if AUTO_DEFAULT_MODEL in cand_sorted:
        w_def = w_sorted[:, cand_sorted.index(AUTO_DEFAULT_MODEL)]
        keep_default = np.isfinite(w_def) & ~(best_w < w_def * (1.0 - DEFAULT_MARGIN_FRAC))
        chosen = np.where(keep_default, AUTO_DEFAULT_MODEL, chosen)
        best_w = np.where(keep_default, w_def, best_w)
    ruled = chosen == ""
    chosen = np.where(ruled, rule_model, chosen)
    reasons = []
    for i in range(n):  # building the text only; the choice above is vectorised
        if ruled[i]:
            reasons.append(f"{chosen[i]}: no scorable backtest (short or zero history); zero days {zero_frac[i]:.0%}")
            continue
        jc = cand_sorted.index(chosen[i])
        idx_o = [j for j, c in enumerate(cand_sorted) if c != chosen[i] and np.isfinite(w_sorted[i, j])]
        vs = (" vs " + ", ".join(f"{cand_sorted[j]} {w_sorted[i, j]:.2f}" for j in idx_o)) if idx_o else ""
        vs_w = (" vs " + ", ".join(f"{cand_sorted[j]} {p_sorted[i, j]:.2f}" for j in idx_o)) if idx_o else ""
        note = ""
        if chosen[i] == AUTO_DEFAULT_MODEL and any(w_sorted[i, j] < w_sorted[i, jc] for j in idx_o):
            note = f"; default kept (no model better by > {DEFAULT_MARGIN_FRAC:.0%})"
        reasons.append(f"{chosen[i]}: {SELECTION_METRIC.upper()} {w_sorted[i, jc]:.2f}{vs}; WAPE {p_sorted[i, jc]:.2f}{vs_w}"
                       f" over {n_orig[i]} origin{'s' if n_orig[i] != 1 else ''}{note}")
    out = keys.copy()
    out["model"] = chosen
    out["reason"] = reasons
    out["n_origins"] = n_orig
    for j, c in enumerate(candidates):
        out[f"wape_{c}"] = plain[:, j]
        out[f"score_{c}"] = wapes[:, j]
    return out


def accuracy_tables(sums: pd.DataFrame, *, baseline_model: str = "naive") -> dict[str, pd.DataFrame]:
    """Readable accuracy per series, SKU, category and catalogue, with skill vs ``baseline_model``.

    ``sums`` holds per series x model (x origin) pooled sums (from :func:`backtest_at`/:func:`rolling_backtest`).
    Each table has, per model, ``wape, bias, coverage`` for total, baseline (``base_``) and campaign
    (``camp_``) days, and ``skill_vs_naive = 1 - wape / wape(naive)`` on total days.
    """
    cols = [f"{p}{c}" for p in ("total_", "base_", "camp_") for c in SUM_COLUMNS]
    levels = {"series": ["sku", "region", "category"], "sku": ["sku", "category"], "category": ["category"], "catalogue": []}
    out = {}
    for name, by in levels.items():
        g = sums.groupby(by + ["model"], as_index=False)[cols].sum()
        parts = [g[by + ["model"]]]
        for p in ("total_", "base_", "camp_"):
            parts.append(metrics_from_sums(g, p))
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
                       n_origins: int = 3, selection_horizon_days: int = 28, use_uplift: bool = True
                       ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Out-of-sample evaluation at ``cutoff``: fit on days <= cutoff, score the next ``horizon_days``.

    ``auto`` is chosen per series with a rolling backtest that ends at ``cutoff`` (no look-ahead), among
    ``models``, and scored on the same days as the models. With ``campaigns``, the uplift (estimated from
    history <= cutoff) is applied on campaign days. Returns (sums per series x model incl. ``auto``,
    selection).
    """
    from linkstar_analytics.forecast.base import build_panel
    from linkstar_analytics.forecast.uplift import estimate_uplift

    horizon_days = check_horizon(horizon_days)
    cutoff = pd.Timestamp(cutoff)
    full = build_panel(sales, skus=skus, campaigns=campaigns)
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
            up_by_origin[o] = estimate_uplift(train.truncate(o), camp)
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
        mean, sigma, _ = forecast_arrays(raw.truncate(cutoff), "naive", horizon_days)
        y = full.units[:, n_train:n_train + h]
        parts = score_arrays(y, mean[:, :h], sigma[:, :h], np.ones_like(mean[:, :h]), np.zeros_like(mean[:, :h]), is_c)
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
                                                         "base_coverage", "camp_wape", "camp_bias", "camp_coverage")},
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
