"""Campaign uplift per SKU x region x campaign, learned from last year's same campaign, shrunk to the category.

Lift of a past campaign occurrence for one series::

    L_own = Y / B,   Y = units sold on the campaign's days,   B = baseline units on those days

where the baseline is the mean of the series' non-campaign days in the ``BASELINE_DAYS`` days before
the campaign (leaving out the ``BASELINE_GUARD_DAYS`` right before it, where run-up and holdback live), times the campaign days observed (a pre-period baseline: the campaign-free rate just
before the event, Brodersen et al. 2015 use the same pre-period idea).

Empirical-Bayes shrinkage (Poisson-Gamma: lift ``lambda ~ Gamma(mean L_cat, rate k)``, ``Y ~ Poisson(lambda B)``;
posterior mean, Clayton & Kaldor, Biometrics 43, 1987)::

    uplift = (Y + k * L_cat) / (B + k) = w * L_own + (1 - w) * L_cat,   w = B / (B + k)

``L_cat`` is the pooled lift of the SKU's category for the same campaign key and region
(``sum Y / sum B``), ``k`` (baseline units) is estimated per category by the method of moments
(``k = L_cat / tau^2``, ``tau^2`` the between-series variance of ``L_own`` net of Poisson noise),
clipped to ``K_BOUNDS_UNITS``. A thin history (small ``B``) gives ``w -> 0``: the category lift. New SKUs
(or series without last year's campaign) take the category lift; with no category data either, the
campaign's ``default_uplift`` (1.0 when empty).

Source labels: ``own`` (``w >= OWN_WEIGHT_MIN``), ``shrunk`` (own data, ``w`` below that), ``category``,
``default``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkstar_analytics.forecast.base import QUANTILE_COLUMNS, SeriesPanel, gamma_quantiles
from linkstar_analytics.forecast.holidays import campaign_days, normalise_campaigns

#: Days before a campaign used as its baseline (non-campaign days only).
BASELINE_DAYS = 28
#: Days right before a campaign left out of its baseline (run-up, presale pulled forward, holdback).
BASELINE_GUARD_DAYS = 7
#: Minimum non-campaign days in that window for the baseline to count.
BASELINE_MIN_DAYS = 7
#: Bounds and fallback of the prior strength k (baseline units) of the empirical-Bayes shrinkage.
K_BOUNDS_UNITS: tuple[float, float] = (5.0, 500.0)
K_DEFAULT_UNITS = 30.0
#: Minimum series with own data in a category for a moment estimate of k.
K_MIN_SERIES = 5
#: Weight on own data from which the source is called ``own`` rather than ``shrunk``.
OWN_WEIGHT_MIN = 0.8
#: Relative uncertainty (coefficient of variation) of the uplift by source, added to the campaign-day
#: variance in :func:`apply_uplift`. Engineering estimates [E], checked against backtest p10-p90 coverage.
UPLIFT_CV_BY_SOURCE: dict[str, float] = {"own": 0.15, "shrunk": 0.2, "category": 0.3, "default": 0.5}

UPLIFT_COLUMNS: tuple[str, ...] = ("sku", "region", "campaign_id", "uplift", "source", "n_obs")


def _previous_occurrence(camps: pd.DataFrame, history_end: pd.Timestamp) -> pd.DataFrame:
    """For every campaign x region, the latest earlier campaign of the same key and region that ended
    by ``history_end``: columns ``campaign_id, region, key, prev_id``."""
    rows = camps.explode("region_list").rename(columns={"region_list": "region"})
    rows = rows[rows["region"].notna()]
    past = rows[rows["end_date"] <= history_end][["campaign_id", "region", "key", "start_date"]]
    m = rows[["campaign_id", "region", "key", "start_date"]].merge(past, on=["region", "key"], suffixes=("", "_prev"))
    m = m[m["start_date_prev"] < m["start_date"]].sort_values("start_date_prev")
    prev = m.groupby(["campaign_id", "region"]).tail(1).rename(columns={"campaign_id_prev": "prev_id"})
    out = rows[["campaign_id", "region", "key", "default_uplift"]].merge(
        prev[["campaign_id", "region", "prev_id"]], on=["campaign_id", "region"], how="left")
    return out


def occurrence_lifts(panel: SeriesPanel, campaigns: pd.DataFrame) -> pd.DataFrame:
    """Observed ``Y`` (campaign units), ``B`` (baseline units) and ``n_obs`` per series x past campaign.

    Only days up to the panel's history end count. Columns ``sku, region, category, campaign_id, Y, B, n_obs``.
    """
    days = campaign_days(campaigns)
    end = panel.dates[-1]
    days = days[days["date"] <= end]
    y = panel.units
    clean = np.where(panel.campaign, np.nan, y)
    csum = np.concatenate([np.zeros((y.shape[0], 1)), np.cumsum(np.nan_to_num(clean), axis=1)], axis=1)
    ccnt = np.concatenate([np.zeros((y.shape[0], 1)), np.cumsum(~np.isnan(clean), axis=1)], axis=1)
    regions = panel.keys["region"].to_numpy()
    out = []
    for (cid, region), d in days.groupby(["campaign_id", "region"], sort=False):  # campaigns are few
        rows = np.nonzero(regions == region)[0]
        if len(rows) == 0:
            continue
        cols = panel.dates.get_indexer(pd.DatetimeIndex(d["date"]))
        cols = cols[cols >= 0]
        if len(cols) == 0:
            continue
        yy = y[np.ix_(rows, cols)]
        n_obs = (~np.isnan(yy)).sum(axis=1)
        y_sum = np.nansum(yy, axis=1)
        b = max(int(cols.min()) - BASELINE_GUARD_DAYS, 0)
        a = max(b - BASELINE_DAYS, 0)
        base_cnt = ccnt[rows, b] - ccnt[rows, a]
        base_mean = np.where(base_cnt >= BASELINE_MIN_DAYS, (csum[rows, b] - csum[rows, a]) / np.maximum(base_cnt, 1), np.nan)
        out.append(pd.DataFrame({
            "row": rows, "campaign_id": cid, "Y": y_sum, "B": base_mean * n_obs, "n_obs": n_obs,
        }))
    if not out:
        return pd.DataFrame(columns=["sku", "region", "category", "campaign_id", "Y", "B", "n_obs"])
    o = pd.concat(out, ignore_index=True)
    keys = panel.keys.iloc[o["row"].to_numpy()].reset_index(drop=True)
    o = pd.concat([keys[["sku", "region", "category"]], o.drop(columns="row")], axis=1)
    return o[(o["n_obs"] > 0) & np.isfinite(o["B"])]


def _category_prior(obs: pd.DataFrame) -> pd.DataFrame:
    """Pooled lift ``L_cat`` and prior strength ``k`` per ``(category, region, prev_id)``."""
    g = obs[obs["B"] > 0].groupby(["category", "region", "prev_id"])
    agg = g.agg(Y=("Y", "sum"), B=("B", "sum"), n=("Y", "size")).reset_index()
    agg["L_cat"] = agg["Y"] / agg["B"]

    def k_of(df: pd.DataFrame) -> float:
        if len(df) < K_MIN_SERIES:
            return K_DEFAULT_UNITS
        lc = df["Y"].sum() / df["B"].sum()
        lo = df["Y"] / df["B"]
        w = df["B"] / df["B"].sum()
        var = float((w * (lo - lc) ** 2).sum())
        tau2 = var - lc * float((w / df["B"]).sum())  # minus Poisson noise of each own lift
        if not np.isfinite(tau2) or tau2 <= 0:
            return K_BOUNDS_UNITS[1]
        return float(np.clip(lc / tau2, *K_BOUNDS_UNITS))

    ks = obs[obs["B"] > 0].groupby(["category", "region", "prev_id"]).apply(k_of, include_groups=False)
    agg["k"] = agg.set_index(["category", "region", "prev_id"]).index.map(ks).astype(float)
    return agg[["category", "region", "prev_id", "L_cat", "k"]]


def estimate_uplift(panel: SeriesPanel, campaigns: pd.DataFrame) -> pd.DataFrame:
    """Uplift per series x campaign (every campaign of the series' region), see the module docstring.

    Parameters
    ----------
    panel : history (only days up to its end are used, so a backtest cutoff never leaks).
    campaigns : campaign calendar; this year's campaign is matched to the latest earlier one with the
        same ``holidays.campaign_key`` in the same region.

    Returns
    -------
    Frame with :data:`UPLIFT_COLUMNS` plus ``key``, ``prev_campaign_id``, ``weight`` and ``category_uplift``.
    """
    camps = normalise_campaigns(campaigns)
    end = panel.dates[-1]
    target = _previous_occurrence(camps, end)
    keys = panel.keys[["sku", "region", "category"]]
    grid = keys.merge(target, on="region")  # every series x campaign of its region
    if grid.empty:
        return pd.DataFrame(columns=list(UPLIFT_COLUMNS) + ["key", "prev_campaign_id", "weight", "category_uplift"])
    obs = occurrence_lifts(panel, campaigns).rename(columns={"campaign_id": "prev_id"})
    prior = _category_prior(obs) if len(obs) else pd.DataFrame(columns=["category", "region", "prev_id", "L_cat", "k"])
    grid = grid.merge(obs[["sku", "region", "prev_id", "Y", "B", "n_obs"]], on=["sku", "region", "prev_id"], how="left")
    grid = grid.merge(prior, on=["category", "region", "prev_id"], how="left")
    default = pd.to_numeric(grid["default_uplift"], errors="coerce").fillna(1.0).to_numpy()
    y_ = grid["Y"].to_numpy(float)
    b_ = grid["B"].to_numpy(float)
    lc = grid["L_cat"].to_numpy(float)
    k = grid["k"].fillna(K_DEFAULT_UNITS).to_numpy(float)
    has_own = np.isfinite(b_) & (b_ > 0)
    has_cat = np.isfinite(lc)
    prior_mean = np.where(has_cat, lc, default)
    w = np.where(has_own, b_ / np.where(has_own, b_ + k, 1.0), 0.0)
    up = np.where(has_own, (np.nan_to_num(y_) + k * prior_mean) / np.where(has_own, b_ + k, 1.0), prior_mean)
    source = np.where(has_own & (w >= OWN_WEIGHT_MIN), "own",
                      np.where(has_own, "shrunk", np.where(has_cat, "category", "default")))
    out = pd.DataFrame({
        "sku": grid["sku"].to_numpy(), "region": grid["region"].to_numpy(), "campaign_id": grid["campaign_id"].to_numpy(),
        "uplift": np.clip(up, 0.0, None), "source": source, "n_obs": grid["n_obs"].fillna(0).astype(int).to_numpy(),
        "key": grid["key"].to_numpy(), "prev_campaign_id": grid["prev_id"].to_numpy(), "weight": w,
        "category_uplift": lc,
    })
    return out.sort_values(["sku", "region", "campaign_id"]).reset_index(drop=True)


def apply_uplift(forecast_frame: pd.DataFrame, uplift_frame: pd.DataFrame, campaigns: pd.DataFrame) -> pd.DataFrame:
    """Campaign-inclusive demand: on campaign days of the series' region multiply ``mean`` by the uplift.

    ``sigma`` becomes ``sqrt((u sigma)^2 + (u mean cv)^2)`` where ``cv`` is the uplift's own uncertainty by
    source (:data:`UPLIFT_CV_BY_SOURCE`), and p10/p50/p90 are recomputed from the same Gamma as the
    baseline (for ``cv = 0`` this is exactly the baseline quantiles times ``u``). Campaigns without a row
    in ``uplift_frame`` use their ``default_uplift``. Overlapping campaigns: the larger uplift wins.
    Adds ``campaign_id`` ('' off campaign) and ``uplift`` columns. The input is not modified.
    """
    out = forecast_frame.copy()
    out["date"] = pd.to_datetime(out["date"])
    days = campaign_days(campaigns)
    camps = normalise_campaigns(campaigns).set_index("campaign_id")
    m = out[["sku", "region", "date"]].reset_index().merge(days[["campaign_id", "region", "date"]], on=["region", "date"])
    u = np.ones(len(out))
    cid = np.full(len(out), "", dtype=object)
    cv = np.zeros(len(out))
    if len(m):
        up = uplift_frame[["sku", "region", "campaign_id", "uplift", "source"]] if len(uplift_frame) else \
            pd.DataFrame(columns=["sku", "region", "campaign_id", "uplift", "source"])
        m = m.merge(up, on=["sku", "region", "campaign_id"], how="left")
        dflt = pd.to_numeric(m["campaign_id"].map(camps["default_uplift"]), errors="coerce").fillna(1.0)
        m["source"] = m["source"].fillna("default")
        m["uplift"] = m["uplift"].astype(float).fillna(dflt)
        m["cv"] = m["source"].map(UPLIFT_CV_BY_SOURCE).fillna(UPLIFT_CV_BY_SOURCE["default"])
        m = m.sort_values("uplift").groupby("index").tail(1)
        idx = m["index"].to_numpy()
        pos = out.index.get_indexer(idx)
        u[pos] = m["uplift"].to_numpy(float)
        cid[pos] = m["campaign_id"].to_numpy()
        cv[pos] = m["cv"].to_numpy(float)
    mean = out["mean"].to_numpy(float) * u
    sig = np.sqrt((out["sigma"].to_numpy(float) * u) ** 2 + (mean * cv) ** 2)
    touched = cid != ""
    if touched.any():
        q = gamma_quantiles(mean[touched], sig[touched], list(QUANTILE_COLUMNS.values()))
        for j, col in enumerate(QUANTILE_COLUMNS):
            vals = out[col].to_numpy(float).copy()
            vals[touched] = q[:, j]
            out[col] = vals
    out["mean"] = mean
    out["sigma"] = sig
    out["campaign_id"] = cid
    out["uplift"] = u
    return out
