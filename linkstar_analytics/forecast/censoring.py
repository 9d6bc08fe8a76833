"""Stockout-censored demand: days when a series could not sell are not days of zero demand.

Sales on a day without stock are a lower bound of demand (censored), not a measurement of it. Two sources:

1. **Imported stock** (optional table ``stock_history``: ``date, sku, on_hand_units[, region, warehouse_id]``):
   a series is out of stock on a day when the units on hand that day over the rows that serve its market sum
   to 0 (rows with a blank region and no warehouse serve every market of the SKU). Its sales that day are
   censored, whatever they were.
2. **Detected zero runs** where no stock table says otherwise: a run of ``k`` consecutive zero days of a series
   that sold at rate ``r`` (mean units/day over the :data:`RATE_DAYS` observed days before the run) is censored
   when ``k >= MIN_RUN_DAYS``, ``r >= MIN_RATE_UNITS`` (a steady seller) and ``r * k >= MIN_EXPECTED_UNITS``.
   Under a Poisson count with that rate a run that long has probability ``exp(-r k) <= exp(-8) = 0.03 %``: the
   seller had nothing to sell (Nahmias & Smith 1994, "Mathematical models of retailer inventory systems"; the
   usual zero-run detector for lost sales). A run still going at the end of the history longer than
   :data:`MAX_OPEN_RUN_DAYS` is kept as real zeros (a delisted or dead SKU: forecasting its old rate would
   overstate it).

Correction before fitting: censored days are skipped like campaign days (``SeriesPanel.skip``); the state-space
models carry their state across them, Prophet sees them as missing, the global model gives them zero weight
and reads the corrected value in its lags. The corrected history (:func:`corrected_units`) puts the pre-run rate
on censored days; the Forecast page draws it beside the raw sales.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Observed days before a zero run that give its expected rate.
RATE_DAYS = 28
#: Shortest zero run that can be a stockout (days).
MIN_RUN_DAYS = 3
#: Lowest pre-run rate (units/day) of a series whose zero runs are examined.
MIN_RATE_UNITS = 1.0
#: Expected units lost over the run for it to be censored (Poisson probability of the run <= exp(-this)).
MIN_EXPECTED_UNITS = 8.0
#: A zero run reaching the history end longer than this is read as real (delisted), not a stockout.
MAX_OPEN_RUN_DAYS = 28


def _run_lengths(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per day of a bool matrix: position in its True run (1-based, 0 off runs) and the run's total length."""
    n, t = z.shape
    fwd = np.zeros((n, t), dtype=np.int64)
    bwd = np.zeros((n, t), dtype=np.int64)
    run = np.zeros(n, dtype=np.int64)
    for k in range(t):  # a loop over days, vectorised across series
        run = np.where(z[:, k], run + 1, 0)
        fwd[:, k] = run
    run = np.zeros(n, dtype=np.int64)
    for k in range(t - 1, -1, -1):
        run = np.where(z[:, k], run + 1, 0)
        bwd[:, k] = run
    return fwd, np.where(z, fwd + bwd - 1, 0)


def pre_run_rate(y: np.ndarray, skip: np.ndarray, start_col: np.ndarray) -> np.ndarray:
    """Mean of the observed, non-skipped days in the :data:`RATE_DAYS` days before column ``start_col`` (per cell)."""
    ok = ~np.isnan(y) & ~skip
    v = np.where(ok, y, 0.0)
    cs = np.concatenate([np.zeros((y.shape[0], 1)), np.cumsum(v, axis=1)], axis=1)
    cc = np.concatenate([np.zeros((y.shape[0], 1)), np.cumsum(ok, axis=1)], axis=1)
    hi = np.clip(start_col, 0, y.shape[1])
    lo = np.clip(start_col - RATE_DAYS, 0, y.shape[1])
    rows = np.arange(y.shape[0])[:, None] if start_col.ndim == 2 else np.arange(y.shape[0])
    s = cs[rows, hi] - cs[rows, lo]
    c = cc[rows, hi] - cc[rows, lo]
    return np.where(c >= 7, s / np.maximum(c, 1), np.nan)


def detect_zero_runs(y: np.ndarray, campaign: np.ndarray | None = None) -> np.ndarray:
    """Bool ``[n, t]``: days of zero runs a steady seller cannot explain (module docstring, rule 2)."""
    campaign = np.zeros(y.shape, dtype=bool) if campaign is None else campaign
    z = (np.nan_to_num(y, nan=-1.0) == 0.0)
    if not z.any():
        return np.zeros(y.shape, dtype=bool)
    pos, length = _run_lengths(z)
    t = y.shape[1]
    start = np.arange(t)[None, :] - pos + 1  # first day of the run each zero day belongs to
    rate = pre_run_rate(y, campaign, np.where(z, start, 0))
    end_col = start + length - 1
    open_run = end_col >= t - 1
    out = z & (length >= MIN_RUN_DAYS) & (np.nan_to_num(rate) >= MIN_RATE_UNITS) \
        & (np.nan_to_num(rate) * length >= MIN_EXPECTED_UNITS) & ~(open_run & (length > MAX_OPEN_RUN_DAYS))
    return out


def stock_out_mask(stock_history: pd.DataFrame | None, keys: pd.DataFrame, dates: pd.DatetimeIndex,
                   warehouses: pd.DataFrame | None = None) -> tuple[np.ndarray, np.ndarray]:
    """From ``stock_history``: ``(out_of_stock [n, t], known [n, t])`` per series x day (module docstring, rule 1)."""
    n, t = len(keys), len(dates)
    out = np.zeros((n, t), dtype=bool)
    known = np.zeros((n, t), dtype=bool)
    if stock_history is None or not len(stock_history):
        return out, known
    sh = pd.DataFrame({
        "date": pd.to_datetime(stock_history["date"]).dt.normalize(),
        "sku": stock_history["sku"].astype(str),
        "on_hand": pd.to_numeric(stock_history["on_hand_units"], errors="coerce").fillna(0.0),
        "region": (stock_history["region"] if "region" in stock_history.columns else pd.Series(None, index=stock_history.index)),
    })
    if "warehouse_id" in stock_history.columns and warehouses is not None and len(warehouses):
        wh_region = warehouses.drop_duplicates("warehouse_id").set_index("warehouse_id")["region"]
        from_wh = stock_history["warehouse_id"].map(wh_region)
        sh["region"] = sh["region"].where(sh["region"].notna() & (sh["region"].astype(str) != ""), from_wh)
    sh["region"] = sh["region"].where(sh["region"].notna() & (sh["region"].astype(str) != ""), "*")
    g = sh.groupby(["sku", "region", "date"], as_index=False)["on_hand"].sum()
    col = dates.get_indexer(pd.DatetimeIndex(g["date"]))
    g = g[col >= 0].assign(col=col[col >= 0])
    kidx = pd.MultiIndex.from_frame(keys[["sku", "region"]].astype(str))
    exact = g[g["region"] != "*"]
    r = kidx.get_indexer(pd.MultiIndex.from_frame(exact[["sku", "region"]]))
    ok = r >= 0
    onhand = np.full((n, t), np.nan)
    onhand[r[ok], exact["col"].to_numpy()[ok]] = exact["on_hand"].to_numpy()[ok]
    every = g[g["region"] == "*"]
    if len(every):
        sku_rows = pd.Series(np.arange(n)).groupby(keys["sku"].astype(str).to_numpy()).apply(list)
        for sku, rows_ in sku_rows.items():  # SKUs with SKU-level stock rows: a loop over those SKUs' rows only
            e = every[every["sku"] == sku]
            if e.empty:
                continue
            for rr in rows_:
                cur = onhand[rr, e["col"].to_numpy()]
                onhand[rr, e["col"].to_numpy()] = np.where(np.isnan(cur), 0.0, cur) + e["on_hand"].to_numpy()
    known = ~np.isnan(onhand)
    out = known & (onhand <= 0.0)
    return out, known


def censored_mask(panel, stock_history: pd.DataFrame | None = None, warehouses: pd.DataFrame | None = None) -> np.ndarray:
    """Censored days of a :class:`~linkstar_analytics.forecast.base.SeriesPanel`: stock says out, or (where the
    stock table does not cover the day) a zero run a steady seller cannot explain."""
    out, known = stock_out_mask(stock_history, panel.keys, panel.dates, warehouses)
    detected = detect_zero_runs(panel.units, panel.campaign)
    obs = ~np.isnan(panel.units)
    return obs & (out | (detected & ~known))


def corrected_units(y: np.ndarray, censored: np.ndarray, campaign: np.ndarray | None = None) -> np.ndarray:
    """History with censored days replaced by the pre-run rate (never below the sales recorded that day)."""
    campaign = np.zeros(y.shape, dtype=bool) if campaign is None else campaign
    if not censored.any():
        return y.copy()
    pos, _ = _run_lengths(censored)
    start = np.arange(y.shape[1])[None, :] - pos + 1
    rate = pre_run_rate(y, campaign | censored, np.where(censored, start, 0))
    fill = np.maximum(np.nan_to_num(rate), np.nan_to_num(y))
    return np.where(censored, fill, y)
