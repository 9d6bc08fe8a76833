"""Forecast a whole catalogue: censor stockouts, backtest, select per series, fit, calibrate, campaign effects.

Shape of the work
-----------------
1. The panel (``base.build_panel``) gets its stockout days (``censoring.censored_mask``).
2. Campaign effects are estimated on the whole catalogue (category pools need every SKU), once for the final
   forecast and once per backtest origin (no look-ahead).
3. Backtests at ``backtest.backtest_origins`` (the year-ago origin plus the most recent ones): the vectorised
   models (seasonal naive, TSB, ETS with and without the yearly index) and the global LightGBM model run
   in-process over all series at once (milliseconds per thousand series, or one global fit); Prophet (~70 ms per
   series per fit) runs on Dask for the series that carry :data:`PROPHET_UNITS_SHARE` of the units (all series
   when it is the requested model): a ``LocalCluster`` (processes, one thread each, one worker per core) by
   default, or ``distributed.Client(address)`` when ``dask_address`` or ``LINKSTAR_DASK_ADDRESS`` is set.
4. ``backtest.select_models`` picks per series on window-total error and records why.
5. The chosen models are fitted on the full history; ``calibration`` scales sigma and re-solves rho (and
   ``window_sd_scale``) on the backtests of the chosen models.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from linkstar_analytics.forecast import backtest as bt
from linkstar_analytics.forecast.base import (WINDOW_SD_SCALE_COLUMN, SeriesPanel, build_panel, check_horizon,
                                              forecast_frame)
from linkstar_analytics.forecast.models import MODEL_NAMES

#: Version of the forecasting code folded into ``settings_key`` (bump when results would change).
FORECAST_CODE_VERSION = "forecast-4"
#: Prophet joins ``auto`` for the series that together carry this share of the units of the last year
#: (largest sellers first), at most PROPHET_AUTO_MAX_SERIES of them.
PROPHET_UNITS_SHARE = 0.8
PROPHET_AUTO_MAX_SERIES = 2000
#: Environment variable that lowers (or raises) that cap on a server with little CPU to spare.
ENV_PROPHET_MAX_SERIES = "LINKSTAR_PROPHET_MAX_SERIES"


def prophet_max_series() -> int:
    """``$LINKSTAR_PROPHET_MAX_SERIES`` when it is a whole number >= 0, else ``PROPHET_AUTO_MAX_SERIES``."""
    raw = os.environ.get(ENV_PROPHET_MAX_SERIES, "").strip()
    return int(raw) if raw.isdigit() else PROPHET_AUTO_MAX_SERIES
#: Series per Prophet task.
CHUNK_SERIES_PROPHET = 8
#: Rolling origins of the selection backtest (one of them the same weeks a year earlier).
N_ORIGINS = 3
#: Backtest horizon cap (days): selection scores at most this many days per origin.
BACKTEST_HORIZON_MAX_DAYS = 28
ENV_DASK_ADDRESS = "LINKSTAR_DASK_ADDRESS"
#: Frames of a result that older stored results may lack (loaded as empty frames).
OPTIONAL_FRAMES: tuple[str, ...] = ("campaign_effects", "censored")


@dataclass
class ForecastResult:
    """Everything one catalogue run produces (persisted by the caller through ``io.storage``).

    forecasts : baseline forecast frame (``base.FORECAST_COLUMNS`` + ``window_sd_scale``), one model per series.
    uplift : ``uplift.UPLIFT_COLUMNS`` (+ key, prev_campaign_id, n_events, weight, category_uplift, cv): one mean
        multiplier per sku, region, campaign over the event days (the Forecast page and planner overrides).
    accuracy : per series x model (incl. ``auto``) pooled backtest sums and wape/bias/coverage.
    selection : per series: chosen ``model``, ``reason``, ``n_origins``, ``wape_<model>``, ``score_<model>``.
    settings_key : stable hash of the settings (cache key together with the dataset version).
    campaign_effects : ``uplift.EFFECT_COLUMNS``: per series x forecast day a campaign changes (run-up, event
        days, post-event dip), the multiplier of the baseline mean and its relative uncertainty ``cv``.
    censored : ``sku, region, date, units, corrected_units`` for every history day read as a stockout.
    """

    forecasts: pd.DataFrame
    uplift: pd.DataFrame
    accuracy: pd.DataFrame
    selection: pd.DataFrame
    settings_key: str
    settings: dict = field(default_factory=dict)
    campaign_effects: pd.DataFrame = field(default_factory=lambda: empty_effects())
    censored: pd.DataFrame = field(default_factory=lambda: empty_censored())

    def to_frames(self) -> dict[str, pd.DataFrame]:
        meta = pd.DataFrame({"settings_key": [self.settings_key], "settings_json": [json.dumps(self.settings, sort_keys=True)]})
        return {"forecasts": self.forecasts, "uplift": self.uplift, "accuracy": self.accuracy,
                "selection": self.selection, "meta": meta, "campaign_effects": self.campaign_effects,
                "censored": self.censored}

    @classmethod
    def from_frames(cls, frames: dict[str, pd.DataFrame]) -> ForecastResult:
        missing = [k for k in ("forecasts", "uplift", "accuracy", "selection", "meta") if k not in frames]
        if missing:
            raise ValueError(f"frames is missing {missing}; pass the dict written by ForecastResult.to_frames()")
        meta = frames["meta"]
        fc = frames["forecasts"].copy()
        fc["date"] = pd.to_datetime(fc["date"])
        eff = frames.get("campaign_effects")
        eff = empty_effects() if eff is None else eff.assign(date=pd.to_datetime(eff["date"]))
        cens = frames.get("censored")
        cens = empty_censored() if cens is None else cens.assign(date=pd.to_datetime(cens["date"]))
        return cls(fc, frames["uplift"], frames["accuracy"], frames["selection"],
                   str(meta["settings_key"].iloc[0]), json.loads(meta["settings_json"].iloc[0]), eff, cens)

    def accuracy_tables(self) -> dict[str, pd.DataFrame]:
        """Accuracy per series, SKU, category and catalogue (see ``backtest.accuracy_tables``)."""
        return bt.accuracy_tables(self.accuracy)

    def campaign_forecasts(self, campaigns: pd.DataFrame | None = None) -> pd.DataFrame:
        """Campaign-inclusive demand: the baseline times the campaign effects (``uplift.apply_campaign_effects``).
        ``campaigns`` is accepted for compatibility; the effects were computed with the run's calendar."""
        from linkstar_analytics.forecast.uplift import apply_campaign_effects

        return apply_campaign_effects(self.forecasts, self.campaign_effects)


def empty_effects() -> pd.DataFrame:
    from linkstar_analytics.forecast.uplift import EFFECT_COLUMNS

    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
        EFFECT_COLUMNS, ("object", "object", "datetime64[ns]", "object", "float64", "float64"))})


def empty_censored() -> pd.DataFrame:
    return pd.DataFrame({"sku": pd.Series(dtype=object), "region": pd.Series(dtype=object),
                         "date": pd.Series(dtype="datetime64[ns]"), "units": pd.Series(dtype=float),
                         "corrected_units": pd.Series(dtype=float)})


def settings_key(settings: dict) -> str:
    """Stable short hash (sha256 of sorted JSON) of the forecast settings."""
    blob = json.dumps({**settings, "code": FORECAST_CODE_VERSION}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _prophet_chunk(panel: SeriesPanel, origins: list, bt_h: int, horizon_days: int,
                   campaigns: pd.DataFrame | None) -> tuple[dict, tuple]:
    """Prophet for one chunk of series: backtest forecasts per origin and the final forecast (a Dask task)."""
    from linkstar_analytics.forecast.prophet_model import quiet_prophet

    quiet_prophet()
    per_origin = {o: bt.forecast_arrays(panel.truncate(o), "prophet", bt_h, campaigns=campaigns) for o in origins}
    final = bt.forecast_arrays(panel, "prophet", horizon_days, campaigns=campaigns)
    return per_origin, final


def _chunks(n: int, size: int) -> list[np.ndarray]:
    return [np.arange(a, min(n, a + size)) for a in range(0, n, size)]


def get_client(dask_address: str | None = None, n_workers: int | None = None):
    """``distributed.Client``: to ``dask_address`` (or ``$LINKSTAR_DASK_ADDRESS``) when set, else a new
    LocalCluster of processes with one thread each and ``n_workers`` (default: CPU count) workers."""
    from distributed import Client, LocalCluster

    address = dask_address or os.environ.get(ENV_DASK_ADDRESS)
    if address:
        return Client(address)
    n = int(n_workers or os.cpu_count() or 1)
    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0")
    return Client(cluster)


def prophet_rows(panel: SeriesPanel, share: float = PROPHET_UNITS_SHARE,
                 max_series: int | None = None) -> np.ndarray:
    """Positions of the series that carry ``share`` of the last year's units (largest first), at most
    ``max_series`` (default: :func:`prophet_max_series`); series with fewer than 60 observed days are left out."""
    max_series = prophet_max_series() if max_series is None else int(max_series)
    tail = panel.units[:, -365:]
    units = np.nansum(tail, axis=1)
    long_enough = (~np.isnan(panel.units)).sum(axis=1) >= 60
    units = np.where(long_enough, units, 0.0)
    total = units.sum()
    if total <= 0:
        return np.zeros(0, dtype=int)
    order = np.argsort(-units, kind="stable")
    cum = np.cumsum(units[order]) / total
    k = int(np.searchsorted(cum, share) + 1)
    rows = order[:min(k, max_series)]
    return np.sort(rows[units[rows] > 0])


def _run_prophet(panel: SeriesPanel, rows: np.ndarray, origins: list, bt_h: int, horizon_days: int,
                 campaigns: pd.DataFrame | None, *, use_dask: bool, client, dask_address, n_workers,
                 progress_step: Callable[[], None]) -> tuple[dict, tuple]:
    """Prophet backtests and final forecasts for ``rows``: ``({origin: (mean, sigma, rho) over rows}, final)``."""
    chunks = _chunks(len(rows), CHUNK_SERIES_PROPHET)
    results: list = [None] * len(chunks)
    if use_dask and len(chunks) > 0:
        from distributed import as_completed

        own_client = client is None
        client = client or get_client(dask_address, n_workers)
        try:
            camp_f = client.scatter(campaigns, broadcast=True) if campaigns is not None and len(campaigns) else None
            futs = {client.submit(_prophet_chunk, panel.take(rows[c]), origins, bt_h, horizon_days, camp_f,
                                  pure=False): i for i, c in enumerate(chunks)}
            for fut in as_completed(list(futs)):
                results[futs[fut]] = fut.result()
                progress_step()
        finally:
            if own_client:
                cluster = client.cluster
                client.close()
                if cluster is not None:
                    cluster.close()
    else:
        for i, c in enumerate(chunks):
            results[i] = _prophet_chunk(panel.take(rows[c]), origins, bt_h, horizon_days, campaigns)
            progress_step()
    per_origin = {o: tuple(np.concatenate([r[0][o][k] for r in results]) for k in range(3)) for o in origins} \
        if results else {}
    final = tuple(np.concatenate([r[1][k] for r in results]) for k in range(3)) if results else None
    return per_origin, final


def run_forecasts(sales: pd.DataFrame, skus: pd.DataFrame | None, campaigns: pd.DataFrame | None, *,
                  horizon_days: int, model: str = "auto", history_end=None,
                  progress: Callable[[int, int], None] | None = None, dask_address: str | None = None,
                  n_workers: int | None = None, n_origins: int = N_ORIGINS, use_dask: bool | None = None,
                  client=None, prophet_in_auto: bool = True, stock_history: pd.DataFrame | None = None,
                  candidates: tuple[str, ...] | None = None, panel: SeriesPanel | None = None) -> ForecastResult:
    """Forecast every (sku, region) series of ``sales``: censor, backtest, select (``auto``), fit, calibrate.

    Parameters
    ----------
    sales, skus, campaigns : input tables (``schemas.SALES``, ``SKUS``, ``CAMPAIGNS``); not modified.
    horizon_days : days to forecast after ``history_end`` (1-730).
    model : ``auto`` (per-series choice by backtest among ``backtest.AUTO_CANDIDATES``, plus Prophet for the
        series that carry most units; see ``backtest.select_models``) or one of ``models.MODEL_NAMES``.
    history_end : last history day (default: last sales date); later sales are ignored.
    progress : ``progress(done, total)`` called after each step (backtest origin, Prophet chunk, final fit).
    dask_address, n_workers : Dask scheduler address (or ``$LINKSTAR_DASK_ADDRESS``) / LocalCluster size.
    use_dask : force (True) or forbid (False) Dask for Prophet; default: Dask when Prophet runs on more than one
        chunk or an address is given. ``client``: an existing ``distributed.Client`` to reuse.
    prophet_in_auto : let ``auto`` also backtest and choose Prophet for its series (default True).
    stock_history : optional ``schemas.STOCK_HISTORY`` table (out-of-stock days are censored).
    candidates : override the ``auto`` candidates (benchmarks); ``panel`` : a prepared panel (benchmarks with
        exogenous arrays in ``panel.extra["exog"]``).
    """
    from linkstar_analytics.forecast.calibration import apply_calibration, calibration_samples, fit_calibration
    from linkstar_analytics.forecast.censoring import censored_mask, corrected_units
    from linkstar_analytics.forecast.uplift import campaign_effects, estimate_uplift

    horizon_days = check_horizon(horizon_days)
    if model != "auto" and model not in MODEL_NAMES:
        raise ValueError(f"model must be auto or one of {', '.join(MODEL_NAMES)} (got {model!r})")
    if panel is None:
        panel = build_panel(sales, skus=skus, campaigns=campaigns, history_end=history_end)
        panel.censored = censored_mask(panel, stock_history)
    n = panel.n_series
    camp = campaigns if campaigns is not None and len(campaigns) else None
    if model == "auto":
        inproc = tuple(candidates or bt.AUTO_CANDIDATES)
        p_rows = prophet_rows(panel) if prophet_in_auto and "prophet" not in inproc else np.zeros(0, dtype=int)
        inproc = tuple(c for c in inproc if c != "prophet")
    elif model == "prophet":
        inproc, p_rows = ("naive",), np.arange(n)
    else:
        inproc, p_rows = tuple(dict.fromkeys((model, "naive"))), np.zeros(0, dtype=int)
    with_prophet = len(p_rows) > 0
    all_cands = inproc + (("prophet",) if with_prophet else ())
    bt_h = min(horizon_days, BACKTEST_HORIZON_MAX_DAYS)
    origins = bt.backtest_origins(panel.dates[-1], panel.dates[0], bt_h, n_origins)
    settings = {"horizon_days": horizon_days, "model": model, "history_end": str(panel.dates[-1].date()),
                "candidates": list(all_cands), "n_origins": len(origins), "backtest_horizon_days": bt_h,
                "origins": [str(o.date()) for o in origins], "n_series": n, "prophet_series": int(len(p_rows)),
                "campaigns": bool(camp is not None), "stock_history": bool(stock_history is not None and len(stock_history)),
                "censored_days": int(panel.censored.sum())}
    n_chunks = -(-len(p_rows) // CHUNK_SERIES_PROPHET)
    total = len(origins) + n_chunks + 2
    done = [0]

    def step() -> None:
        done[0] += 1
        if progress:
            progress(min(done[0], total), total)

    # campaign effects on the whole catalogue: final and per backtest origin
    uplift, cat_eff, cv_by = pd.DataFrame(), None, {}
    uplift_by_origin: dict = {}
    if camp is not None:
        uplift, cat_eff, cv_by = estimate_uplift(panel, camp, return_parts=True)
        for o in origins:
            up_o, cat_o, _ = estimate_uplift(panel.truncate(o), camp, return_parts=True)
            uplift_by_origin[o] = (up_o, cat_o)
        settings["uplift_cv_by_source"] = {k: round(float(v), 4) for k, v in cv_by.items()}
    # backtests of the in-process models, one origin at a time
    fc_by_origin: dict = {}
    sums_parts = []
    for o in origins:
        fc: dict = {}
        df = bt.backtest_at(panel, o, bt_h, inproc, campaigns=camp, uplift_frame=uplift_by_origin.get(o), forecasts=fc)
        df["origin"] = o
        sums_parts.append(df)
        fc_by_origin[o] = fc
        step()
    # Prophet (Dask) for its rows: backtest forecasts scored here, final forecasts kept
    p_final = None
    if with_prophet:
        address = dask_address or os.environ.get(ENV_DASK_ADDRESS)
        dask_on = use_dask if use_dask is not None else (bool(address) or client is not None or n_chunks > 1)
        p_origin, p_final = _run_prophet(panel, p_rows, origins, bt_h, horizon_days, camp, use_dask=dask_on,
                                         client=client, dask_address=address, n_workers=n_workers, progress_step=step)
        for o in origins:
            fc = fc_by_origin[o]
            y = fc["_y"]
            u, cv, is_c = fc["_effects"]
            h = y.shape[1]
            mean = np.zeros((n, h))
            sigma = np.zeros((n, h))
            rho = np.full(n, 0.2)
            pm, ps, pr = p_origin[o]
            mean[p_rows], sigma[p_rows], rho[p_rows] = pm[:, :h], ps[:, :h], pr
            fc["prophet"] = (mean, sigma, rho)
            yy = np.full(y.shape, np.nan)
            yy[p_rows] = y[p_rows]
            sums = bt.score_arrays(yy, mean, sigma, u, cv, is_c, rho)
            df = panel.keys[["sku", "region", "category"]].copy()
            df["model"] = "prophet"
            for k, v in sums.items():
                df[k] = v
            df = df.iloc[p_rows]
            df["origin"] = o
            sums_parts.append(df)
    sums = pd.concat(sums_parts, ignore_index=True) if sums_parts else pd.DataFrame()
    if model == "auto":
        selection = bt.select_models(panel, sums, all_cands)
    else:
        selection = bt.select_models(panel, sums, all_cands)
        selection["model"] = model
        selection["reason"] = f"{bt.MODEL_WORDS.get(model, model)}: requested"
    chosen = selection["model"].to_numpy()
    # final fits of the chosen models over the series that chose them
    h = horizon_days
    mean, sigma, rho = np.zeros((n, h)), np.zeros((n, h)), np.full(n, 0.2)
    for name in pd.unique(chosen):
        rows = np.nonzero(chosen == name)[0]
        if name == "prophet":
            pos = pd.Index(p_rows).get_indexer(rows)
            mean[rows], sigma[rows], rho[rows] = p_final[0][pos], p_final[1][pos], p_final[2][pos]
            continue
        sub = panel if name == "lgbm" else panel.take(rows)  # the global model learns from every series
        m, s_, r = bt.forecast_arrays(sub, name, h, campaigns=camp)
        if name == "lgbm":
            m, s_, r = m[rows], s_[rows], r[rows]
        mean[rows], sigma[rows], rho[rows] = m, s_, r
    step()
    # calibration on the backtests of the chosen models
    cats = panel.keys["category"].astype(str).to_numpy()
    cal = fit_calibration(calibration_samples(fc_by_origin, chosen), cats)
    sigma, rho, wscale = apply_calibration(cal, mean, sigma, rho, chosen, cats)
    settings["calibration"] = cal.to_dict()
    step()
    forecasts = forecast_frame(panel.keys, panel.dates[-1], mean, sigma, rho, chosen)
    forecasts[WINDOW_SD_SCALE_COLUMN] = np.repeat(wscale, h)
    fut = pd.date_range(panel.dates[-1] + pd.Timedelta(days=1), periods=h, freq="D")
    effects = campaign_effects(panel.keys, fut, uplift if len(uplift) else None, camp, cat_eff) if camp is not None \
        else empty_effects()
    cs, ct = np.nonzero(panel.censored)
    corr = corrected_units(panel.units, panel.censored, panel.campaign)
    censored = pd.DataFrame({"sku": panel.keys["sku"].to_numpy()[cs], "region": panel.keys["region"].to_numpy()[cs],
                             "date": panel.dates[ct], "units": panel.units[cs, ct], "corrected_units": corr[cs, ct]})
    accuracy = _accuracy_frame(sums, selection)
    return ForecastResult(forecasts.sort_values(["sku", "region", "date"], kind="stable").reset_index(drop=True),
                          uplift, accuracy, selection.sort_values(["sku", "region"]).reset_index(drop=True),
                          settings_key(settings), settings, effects, censored)


def _accuracy_frame(sums: pd.DataFrame, selection: pd.DataFrame) -> pd.DataFrame:
    """Per series x model pooled sums over origins (plus ``auto`` = each series' chosen model) and metrics.

    ``auto`` here is in-sample with respect to selection (chosen on these very origins); the honest
    out-of-sample score of ``auto`` is the ``backtest`` command at a cutoff.
    """
    if sums.empty:
        return pd.DataFrame(columns=["sku", "region", "category", "model"])
    num = [c for c in sums.columns if c.startswith(("base_", "camp_", "total_", "win_"))]
    g = sums.groupby(["sku", "region", "category", "model"], as_index=False)[num].sum()
    g = pd.concat([g, bt.auto_sums(g, selection)], ignore_index=True)
    parts = [g]
    for p in ("total_", "base_", "camp_"):
        parts.append(bt.metrics_from_sums(g, p))
    if "win_n" in g.columns:
        parts.append(bt.window_metrics(g))
    return pd.concat(parts, axis=1)
