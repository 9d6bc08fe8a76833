"""Forecast a whole catalogue: backtest, select per series, fit, estimate uplift; in chunks, on Dask when it pays.

Shape of the work
-----------------
Series are cut into chunks (many series per task; one task per series drowns in scheduler overhead).
Each chunk runs the rolling-origin backtest of every candidate model, picks the model per series and
fits the chosen models on the full history. The vectorised models (ETS, naive, TSB) cost milliseconds
per thousand series per day of history, so they run in-process (a Dask round trip is slower than the
work); Prophet (~70 ms per series) is what Dask parallelises: a ``LocalCluster`` (processes, one thread
each, one worker per core) by default, or ``distributed.Client(address)`` when ``dask_address`` or the
environment variable ``LINKSTAR_DASK_ADDRESS`` is set (then every chunk goes to the cluster).

Uplift is estimated on the whole catalogue (category lifts pool every SKU of a category), before chunking.
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
from linkstar_analytics.forecast.base import SeriesPanel, build_panel, check_horizon, forecast_frame
from linkstar_analytics.forecast.models import MODEL_NAMES

#: Version of the forecasting code folded into ``settings_key`` (bump when results would change).
FORECAST_CODE_VERSION = "forecast-3"
#: ``auto`` tries Prophet only when asked (``prophet_in_auto=True``): ~70-110 ms per series per fit and four
#: fits per series (three backtest origins + the final fit), and on the sample data's Black Friday to 12.12
#: backtest Prophet scored WAPE 0.89 (bias +0.27) against ETS 0.67, and adding it to auto made auto worse
#: (0.677 vs 0.658). Even when asked, catalogues above this many series leave it out.
PROPHET_AUTO_MAX_SERIES = 2000
#: Series per chunk: vectorised models / Prophet.
CHUNK_SERIES_VECTOR = 5000
CHUNK_SERIES_PROPHET = 8
#: Series per chunk for the vectorised models when they run on Dask (several chunks per worker).
CHUNK_SERIES_DASK_VECTOR = 2000
#: Rolling origins of the selection backtest.
N_ORIGINS = 3
#: Backtest horizon cap (days): selection scores at most this many days per origin.
BACKTEST_HORIZON_MAX_DAYS = 28
ENV_DASK_ADDRESS = "LINKSTAR_DASK_ADDRESS"


@dataclass
class ForecastResult:
    """Everything one catalogue run produces (persisted by the caller through ``io.storage``).

    forecasts : baseline forecast frame (``base.FORECAST_COLUMNS``), one model per series (the chosen one).
    uplift : ``uplift.UPLIFT_COLUMNS`` (+ key, prev_campaign_id, weight, category_uplift).
    accuracy : per series x model (incl. ``auto``) pooled backtest sums and wape/bias/coverage.
    selection : per series: chosen ``model``, ``reason``, ``n_origins``, ``wape_<model>``.
    settings_key : stable hash of the settings (cache key together with the dataset version).
    """

    forecasts: pd.DataFrame
    uplift: pd.DataFrame
    accuracy: pd.DataFrame
    selection: pd.DataFrame
    settings_key: str
    settings: dict = field(default_factory=dict)

    def to_frames(self) -> dict[str, pd.DataFrame]:
        meta = pd.DataFrame({"settings_key": [self.settings_key], "settings_json": [json.dumps(self.settings, sort_keys=True)]})
        return {"forecasts": self.forecasts, "uplift": self.uplift, "accuracy": self.accuracy,
                "selection": self.selection, "meta": meta}

    @classmethod
    def from_frames(cls, frames: dict[str, pd.DataFrame]) -> ForecastResult:
        missing = [k for k in ("forecasts", "uplift", "accuracy", "selection", "meta") if k not in frames]
        if missing:
            raise ValueError(f"frames is missing {missing}; pass the dict written by ForecastResult.to_frames()")
        meta = frames["meta"]
        fc = frames["forecasts"].copy()
        fc["date"] = pd.to_datetime(fc["date"])
        return cls(fc, frames["uplift"], frames["accuracy"], frames["selection"],
                   str(meta["settings_key"].iloc[0]), json.loads(meta["settings_json"].iloc[0]))

    def accuracy_tables(self) -> dict[str, pd.DataFrame]:
        """Accuracy per series, SKU, category and catalogue (see ``backtest.accuracy_tables``)."""
        return bt.accuracy_tables(self.accuracy)

    def campaign_forecasts(self, campaigns: pd.DataFrame) -> pd.DataFrame:
        """Campaign-inclusive demand (``uplift.apply_uplift`` of the forecasts)."""
        from linkstar_analytics.forecast.uplift import apply_uplift

        return apply_uplift(self.forecasts, self.uplift, campaigns)


def settings_key(settings: dict) -> str:
    """Stable short hash (sha256 of sorted JSON) of the forecast settings."""
    blob = json.dumps({**settings, "code": FORECAST_CODE_VERSION}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _run_chunk(panel: SeriesPanel, candidates: tuple[str, ...], final_models: tuple[str, ...] | None,
               horizon_days: int, bt_horizon: int, n_origins: int, campaigns: pd.DataFrame | None,
               uplift_by_origin: dict) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Backtest + select + final fit for one chunk. Returns (forecast frame, backtest sums, selection)."""
    if "prophet" in candidates:
        from linkstar_analytics.forecast.prophet_model import quiet_prophet

        quiet_prophet()
    sums = bt.rolling_backtest(panel, candidates, horizon_days=bt_horizon, n_origins=n_origins,
                               campaigns=campaigns, uplift_by_origin=uplift_by_origin)
    if final_models is None:
        selection = bt.select_models(panel, sums, candidates)
    else:
        selection = bt.select_models(panel, sums, candidates)
        selection["model"] = final_models[0]
        selection["reason"] = f"{final_models[0]}: requested"
    chosen = selection["model"].to_numpy()
    n, h = panel.n_series, horizon_days
    mean, sigma, rho = np.zeros((n, h)), np.zeros((n, h)), np.zeros(n)
    for name in pd.unique(chosen):  # one vectorised fit per model over the series that chose it
        rows = np.nonzero(chosen == name)[0]
        m, s, r = bt.forecast_arrays(panel.take(rows), name, h, campaigns=campaigns)
        mean[rows], sigma[rows], rho[rows] = m, s, r
    fc = forecast_frame(panel.keys, panel.dates[-1], mean, sigma, rho, chosen)
    return fc, sums, selection


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


def run_forecasts(sales: pd.DataFrame, skus: pd.DataFrame | None, campaigns: pd.DataFrame | None, *,
                  horizon_days: int, model: str = "auto", history_end=None,
                  progress: Callable[[int, int], None] | None = None, dask_address: str | None = None,
                  n_workers: int | None = None, n_origins: int = N_ORIGINS, use_dask: bool | None = None,
                  client=None, prophet_in_auto: bool = False) -> ForecastResult:
    """Forecast every (sku, region) series of ``sales``: backtest, select (``auto``), fit, uplift.

    Parameters
    ----------
    sales, skus, campaigns : input tables (``schemas.SALES``, ``SKUS``, ``CAMPAIGNS``); not modified.
    horizon_days : days to forecast after ``history_end`` (1-730).
    model : ``auto`` (per-series choice by backtest among naive, intermittent and ets, plus prophet with
        ``prophet_in_auto``; see ``backtest.select_models``) or one of ``ets, naive, intermittent, prophet``.
    history_end : last history day (default: last sales date); later sales are ignored.
    progress : ``progress(done, total)`` called after each chunk (total = number of chunks).
    dask_address, n_workers : Dask scheduler address (or ``$LINKSTAR_DASK_ADDRESS``) / LocalCluster size.
    use_dask : force (True) or forbid (False) Dask; default: Dask when Prophet runs on more than one chunk
        or an address is given. ``client``: an existing ``distributed.Client`` to reuse.
    prophet_in_auto : let ``auto`` also backtest and choose Prophet (see ``PROPHET_AUTO_MAX_SERIES``).
    """
    horizon_days = check_horizon(horizon_days)
    if model != "auto" and model not in MODEL_NAMES:
        raise ValueError(f"model must be auto or one of {', '.join(MODEL_NAMES)} (got {model!r})")
    panel = build_panel(sales, skus=skus, campaigns=campaigns, history_end=history_end)
    n = panel.n_series
    if model == "auto":
        with_prophet = prophet_in_auto and n <= PROPHET_AUTO_MAX_SERIES
        candidates = bt.AUTO_CANDIDATES + (("prophet",) if with_prophet else ())
        final = None
    else:
        candidates = tuple(dict.fromkeys((model, "naive")))
        final = (model,)
    bt_h = min(horizon_days, BACKTEST_HORIZON_MAX_DAYS)
    settings = {"horizon_days": horizon_days, "model": model, "history_end": str(panel.dates[-1].date()),
                "candidates": list(candidates), "n_origins": n_origins, "backtest_horizon_days": bt_h,
                "n_series": n, "campaigns": bool(campaigns is not None and len(campaigns))}
    # uplift on the whole catalogue: final (for the forecast) and per backtest origin
    uplift = pd.DataFrame()
    uplift_by_origin: dict = {}
    if campaigns is not None and len(campaigns):
        from linkstar_analytics.forecast.uplift import estimate_uplift

        uplift = estimate_uplift(panel, campaigns)
        for o in bt.backtest_origins(panel.dates[-1], panel.dates[0], bt_h, n_origins):
            uplift_by_origin[o] = estimate_uplift(panel.truncate(o), campaigns)
    address = dask_address or os.environ.get(ENV_DASK_ADDRESS)
    if use_dask is None:
        use_dask = bool(address) or client is not None or ("prophet" in candidates and n > CHUNK_SERIES_PROPHET)
    if "prophet" in candidates:
        chunk_size = CHUNK_SERIES_PROPHET
    else:
        chunk_size = CHUNK_SERIES_DASK_VECTOR if use_dask else CHUNK_SERIES_VECTOR
    chunks = _chunks(n, chunk_size)
    results = []
    total = len(chunks)
    if use_dask:
        from distributed import as_completed

        own_client = client is None
        client = client or get_client(address, n_workers)
        try:
            camp_f = client.scatter(campaigns, broadcast=True) if campaigns is not None else None
            up_f = client.scatter(uplift_by_origin, broadcast=True)
            futs = [client.submit(_run_chunk, panel.take(rows), candidates, final, horizon_days, bt_h, n_origins,
                                  camp_f, up_f, pure=False) for rows in chunks]
            for done, fut in enumerate(as_completed(futs), start=1):
                results.append(fut.result())
                if progress:
                    progress(done, total)
        finally:
            if own_client:
                cluster = client.cluster
                client.close()
                if cluster is not None:
                    cluster.close()
    else:
        for done, rows in enumerate(chunks, start=1):
            results.append(_run_chunk(panel.take(rows), candidates, final, horizon_days, bt_h, n_origins,
                                      campaigns, uplift_by_origin))
            if progress:
                progress(done, total)
    forecasts = pd.concat([r[0] for r in results], ignore_index=True).sort_values(["sku", "region", "date"], kind="stable")
    sums = pd.concat([r[1] for r in results], ignore_index=True)
    selection = pd.concat([r[2] for r in results], ignore_index=True).sort_values(["sku", "region"])
    accuracy = _accuracy_frame(sums, selection)
    return ForecastResult(forecasts.reset_index(drop=True), uplift, accuracy, selection.reset_index(drop=True),
                          settings_key(settings), settings)


def _accuracy_frame(sums: pd.DataFrame, selection: pd.DataFrame) -> pd.DataFrame:
    """Per series x model pooled sums over origins (plus ``auto`` = each series' chosen model) and metrics.

    ``auto`` here is in-sample with respect to selection (chosen on these very origins); the honest
    out-of-sample score of ``auto`` is the ``backtest`` command at a cutoff.
    """
    if sums.empty:
        return pd.DataFrame(columns=["sku", "region", "category", "model"])
    num = [c for c in sums.columns if c.startswith(("base_", "camp_", "total_"))]
    g = sums.groupby(["sku", "region", "category", "model"], as_index=False)[num].sum()
    g = pd.concat([g, bt.auto_sums(g, selection)], ignore_index=True)
    parts = [g]
    for p in ("total_", "base_", "camp_"):
        parts.append(bt.metrics_from_sums(g, p))
    return pd.concat(parts, axis=1)
