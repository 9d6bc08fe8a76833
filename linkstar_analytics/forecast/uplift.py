"""Campaign effects per SKU x region: learned from every past event of the same kind, shrunk to the category.

An *event* is one occurrence of a campaign in one market (``campaigns.csv``); events of the same kind share a
``holidays.campaign_key`` (``BFCM``, ``11.11``, ``SNAP-CA``...). Yearly mega-sales and short frequent promotions
are treated alike; frequent ones simply give many more events to learn from.

Lift of one event for one series (a pre-period baseline, Brodersen et al. 2015)::

    L = Y / B,   Y = units on the event's days,   B = b * n,   b = mean units/day on the series' clean days
                                                             (no campaign, no stockout) in the BASELINE_DAYS
                                                             before the event, leaving out the GUARD_DAYS
                                                             right before it (run-up and holdback live there)

Per series the lift pools every past event of the kind (``sum Y / sum B``) and is shrunk to the category's
pooled lift by empirical Bayes (Poisson-Gamma posterior mean, Clayton & Kaldor, Biometrics 43, 1987)::

    uplift = (Y + k * L_cat) / (B + k) = w * L_own + (1 - w) * L_cat,   w = B / (B + k)

``k`` (baseline units) by the method of moments per (category, market, kind) (``k = L_cat / tau^2``, ``tau^2`` the
between-series variance of the own lifts net of Poisson noise), clipped to ``K_BOUNDS_UNITS``. No own history:
the category lift; no category history either: the campaign's ``default_uplift`` (1.0 when empty).

**Profile over the event's days.** Pooled per (category, market, kind): the first and last day's lift relative
to the event's mean lift (days 2..n-1 share the rest), so the day multipliers average to the uplift.

**Run-up, holdback and post-event dip, only where the data shows them.** Pooled per (category, market, kind):
the ratio of units to the baseline on the ``PRE_DAYS`` days before and the ``POST_DAYS`` days after the events
(days of other events excluded). Kept only with at least ``MIN_EVENTS_SIDE`` events and when it differs from 1 by
more than ``SIDE_Z`` standard errors of the event-to-event spread and by more than ``SIDE_MIN_EFFECT``.

**Uncertainty (cv).** The relative error of a multiplier is calibrated on the past events themselves: each
event's realised lift against the lift the other events of the series predict (leave-one-event-out): the spread
(5-95 % range, robust to the odd event that sold ten times its usual) of the log ratio, net of the
day-level count noise the daily sigma already carries (quasi-Poisson, ``phi`` from the baseline days); one cv per source (``own``, ``shrunk``, ``category``), with
:data:`UPLIFT_CV_BY_SOURCE` as the fallback where there are too few events. Run-up and dip days carry their
pooled ratio's standard error (relative).

Outputs: the ``uplift`` frame (one mean multiplier per sku, region, campaign over the event days; the Forecast
page and the planner's overrides use it) and :func:`campaign_effects` (one row per forecast day a campaign
changes a series' demand: ``sku, region, date, campaign_id, multiplier, cv``; the plan multiplies the
baseline mean by it). Where campaigns overlap a day, the larger multiplier wins.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkstar_analytics.forecast.base import QUANTILE_COLUMNS, SeriesPanel, gamma_quantiles
from linkstar_analytics.forecast.holidays import campaign_days, normalise_campaigns

#: Days before a campaign used as its baseline (clean days only).
BASELINE_DAYS = 28
#: Days right before a campaign left out of its baseline (run-up, presale pulled forward, holdback).
BASELINE_GUARD_DAYS = 7
#: Minimum clean days in that window for the baseline to count.
BASELINE_MIN_DAYS = 7
#: Days before / after an event examined for a run-up (or holdback) and a post-event dip.
PRE_DAYS = 7
POST_DAYS = 7
#: A run-up / dip needs this many events, a ratio this many standard errors from 1, and at least this effect.
MIN_EVENTS_SIDE = 2
SIDE_Z = 2.0
SIDE_MIN_EFFECT = 0.05
#: Bounds and fallback of the prior strength k (baseline units) of the empirical-Bayes shrinkage.
K_BOUNDS_UNITS: tuple[float, float] = (5.0, 500.0)
K_DEFAULT_UNITS = 30.0
#: Minimum series with own data in a category for a moment estimate of k.
K_MIN_SERIES = 5
#: Weight on own data from which the source is called ``own`` rather than ``shrunk``.
OWN_WEIGHT_MIN = 0.8
#: Prior strength (baseline units) of the first/last-day profile toward a flat profile.
PROFILE_K_UNITS = 50.0
#: Fallback relative uncertainty (cv) of the uplift by source, used where the events are too few to calibrate it
#: (engineering estimates [E]; ``forecast.plan.inputs`` keeps the same table).
UPLIFT_CV_BY_SOURCE: dict[str, float] = {"own": 0.15, "shrunk": 0.2, "category": 0.3, "default": 0.5}
#: Events (series x event pairs) a source needs for its cv to be calibrated, and the cv bounds.
CV_MIN_PAIRS = 20
#: Events with less baseline than this (units) say too little about the lift to calibrate its error.
CV_MIN_BASELINE_UNITS = 10.0
CV_BOUNDS: tuple[float, float] = (0.05, 1.0)

UPLIFT_COLUMNS: tuple[str, ...] = ("sku", "region", "campaign_id", "uplift", "source", "n_obs")
#: Columns of the campaign-effects frame handed to the plan.
EFFECT_COLUMNS: tuple[str, ...] = ("sku", "region", "date", "campaign_id", "multiplier", "cv")


def event_table(panel: SeriesPanel, campaigns: pd.DataFrame) -> pd.DataFrame:
    """Per series x past event: units and baseline on the event days, first/last day, run-up and post days.

    Only days up to the panel's end count (a backtest cutoff never leaks). Columns ``row, sku, region, category,
    campaign_id, key, start, n_days, Y, B, n_obs, Y_first, B_first, Y_last, B_last, Y_pre, B_pre, Y_post, B_post``
    (``B_*`` = the baseline rate times the clean days counted).
    """
    days = campaign_days(campaigns)
    end = panel.dates[-1]
    y = panel.units
    n, t = y.shape
    skip = panel.campaign | panel.censored
    clean = np.where(skip, np.nan, y)
    csum = np.concatenate([np.zeros((n, 1)), np.cumsum(np.nan_to_num(clean), axis=1)], axis=1)
    csq = np.concatenate([np.zeros((n, 1)), np.cumsum(np.nan_to_num(clean) ** 2, axis=1)], axis=1)
    ccnt = np.concatenate([np.zeros((n, 1)), np.cumsum(~np.isnan(clean), axis=1)], axis=1)
    regions = panel.keys["region"].to_numpy()
    out = []
    for (cid, region), d in days.groupby(["campaign_id", "region"], sort=False):  # events are few (tens to hundreds)
        rows = np.nonzero(regions == region)[0]
        if len(rows) == 0 or d["date"].max() > end:
            continue
        cols = panel.dates.get_indexer(pd.DatetimeIndex(d["date"]))
        if (cols < 0).any() or len(cols) == 0:
            continue
        c0, c1 = int(cols.min()), int(cols.max())
        b = max(c0 - BASELINE_GUARD_DAYS, 0)
        a = max(b - BASELINE_DAYS, 0)
        base_cnt = ccnt[rows, b] - ccnt[rows, a]
        rate = np.where(base_cnt >= BASELINE_MIN_DAYS, (csum[rows, b] - csum[rows, a]) / np.maximum(base_cnt, 1), np.nan)
        sq = (csq[rows, b] - csq[rows, a]) / np.maximum(base_cnt, 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            phi = np.clip(np.nan_to_num((sq - rate ** 2) * base_cnt / np.maximum(base_cnt - 1, 1) / rate, nan=1.0), 1.0, 50.0)
        ev = y[np.ix_(rows, cols)]
        ok = ~np.isnan(ev) & ~panel.censored[np.ix_(rows, cols)]
        n_obs = ok.sum(axis=1)
        y_sum = np.where(ok, ev, 0.0).sum(axis=1)
        first_ok, last_ok = ok[:, 0], ok[:, -1]
        pre = np.arange(max(c0 - PRE_DAYS, 0), c0)
        post = np.arange(c1 + 1, min(c1 + 1 + POST_DAYS, t))
        def side(cc):
            if len(cc) == 0:
                return np.zeros(len(rows)), np.zeros(len(rows))
            v = y[np.ix_(rows, cc)]
            okk = ~np.isnan(v) & ~skip[np.ix_(rows, cc)]
            return np.where(okk, v, 0.0).sum(axis=1), okk.sum(axis=1)
        y_pre, n_pre = side(pre)
        y_post, n_post = side(post)
        out.append(pd.DataFrame({
            "row": rows, "campaign_id": cid, "start": panel.dates[c0], "n_days": len(cols),
            "Y": y_sum, "B": rate * n_obs, "n_obs": n_obs, "phi": phi,
            "Y_first": np.where(first_ok, ev[:, 0], 0.0), "B_first": rate * first_ok,
            "Y_last": np.where(last_ok & (len(cols) > 1), ev[:, -1], 0.0), "B_last": rate * (last_ok & (len(cols) > 1)),
            "Y_pre": y_pre, "B_pre": rate * n_pre, "Y_post": y_post, "B_post": rate * n_post,
        }))
    cols_out = ["row", "sku", "region", "category", "campaign_id", "key", "start", "n_days", "Y", "B", "n_obs", "phi",
                "Y_first", "B_first", "Y_last", "B_last", "Y_pre", "B_pre", "Y_post", "B_post"]
    if not out:
        return pd.DataFrame(columns=cols_out)
    o = pd.concat(out, ignore_index=True)
    keys = panel.keys.iloc[o["row"].to_numpy()].reset_index(drop=True)
    o = pd.concat([keys[["sku", "region", "category"]], o], axis=1)
    key_of = normalise_campaigns(campaigns).set_index("campaign_id")["key"]
    o["key"] = o["campaign_id"].map(key_of).astype(str)
    o = o[(o["n_obs"] > 0) & np.isfinite(o["B"].to_numpy(float)) & (o["B"] > 0)].reset_index(drop=True)
    return o[cols_out]


def occurrence_lifts(panel: SeriesPanel, campaigns: pd.DataFrame) -> pd.DataFrame:
    """Observed ``Y`` (campaign units), ``B`` (baseline units) and ``n_obs`` per series x past campaign
    (columns ``sku, region, category, campaign_id, Y, B, n_obs``); see :func:`event_table`."""
    ev = event_table(panel, campaigns)
    return ev[["sku", "region", "category", "campaign_id", "Y", "B", "n_obs"]]


CATEGORY_EFFECT_COLUMNS = ["category", "region", "key", "L_cat", "k", "first_factor", "last_factor", "pre_ratio",
                           "pre_cv", "post_ratio", "post_cv", "n_events"]


def _side_effects(ev: pd.DataFrame, group: list[str], ycol: str, bcol: str) -> tuple[pd.Series, pd.Series]:
    """Run-up or post-event ratio per group of ``ev`` and its relative se: the pooled ratio ``sum Y / sum B`` over the
    group's events, kept only with at least ``MIN_EVENTS_SIDE`` events and when it differs from 1 by more than
    ``max(SIDE_Z x se, SIDE_MIN_EFFECT)`` (else ratio 1, cv 0); se is the baseline-weighted spread of the events'
    ratios, never below Poisson noise."""
    per = ev.groupby(group + ["campaign_id"], sort=False, observed=True)[[ycol, bcol]].sum()
    per = per[per[bcol] > 0]
    g = per.groupby(level=list(range(len(group))), sort=False)
    n_ev, y_all, b_all = g[bcol].size(), g[ycol].sum(), g[bcol].sum()
    r_all = y_all / b_all
    r = per[ycol] / per[bcol]
    dev = ((r - r_all.reindex(per.index.droplevel(-1)).to_numpy()) ** 2 * per[bcol]).groupby(
        level=list(range(len(group))), sort=False).sum()
    se = np.sqrt(dev / b_all / np.maximum(n_ev - 1, 1))
    se = np.maximum(se, np.sqrt(np.maximum(r_all, 1e-9) / b_all))  # never below Poisson
    shown = (n_ev >= MIN_EVENTS_SIDE) & ((r_all - 1.0).abs() > np.maximum(SIDE_Z * se, SIDE_MIN_EFFECT))
    ratio = r_all.where(shown, 1.0)
    cv = (se / np.maximum(r_all, 1e-9)).where(shown, 0.0)
    return ratio, cv


def category_effects(ev: pd.DataFrame, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Per (``by``..., category, region, key): pooled lift, k, first/last-day factors, run-up and post ratios with their cv.

    Pooled lift ``L_cat = sum Y / sum B`` over the series with a baseline; ``k = L_cat / tau^2`` by moments
    (tau^2 = the baseline-weighted variance of the per-series lifts net of Poisson noise; ``K_DEFAULT_UNITS`` with
    fewer than ``K_MIN_SERIES`` series, the upper bound when tau^2 <= 0);
    first/last-day factors shrunk towards 1 with ``PROFILE_K_UNITS`` of prior baseline; run-up and dip ratios kept
    only where shown by the data (:func:`_side_effects`). Vectorised over the groups (one groupby per figure);
    ``by`` adds grouping columns (several pools of events in one call)."""
    grp = [*by, "category", "region", "key"]
    cols = [*by, *CATEGORY_EFFECT_COLUMNS]
    if ev.empty:
        return pd.DataFrame(columns=cols)
    per_series = ev.groupby(grp + ["sku"], sort=False, observed=True)[["Y", "B"]].sum()
    per_series = per_series[per_series["B"] > 0]
    if per_series.empty:
        return pd.DataFrame(columns=cols)
    lvl = list(range(len(grp)))
    g = per_series.groupby(level=lvl, sort=False)
    y_sum, b_sum, n_series = g["Y"].sum(), g["B"].sum(), g["B"].size()
    lc = y_sum / b_sum
    # k by moments: weighted variance of the per-series lifts net of Poisson noise
    lc_row = lc.reindex(per_series.index.droplevel(-1)).to_numpy()
    b_row = b_sum.reindex(per_series.index.droplevel(-1)).to_numpy()
    w = per_series["B"].to_numpy() / b_row
    lo = per_series["Y"].to_numpy() / per_series["B"].to_numpy()
    parts = pd.DataFrame({"a": w * (lo - lc_row) ** 2, "b": w / per_series["B"].to_numpy()}, index=per_series.index)
    sums = parts.groupby(level=lvl, sort=False).sum()
    tau2 = sums["a"] - lc * sums["b"]
    k = pd.Series(np.clip(lc / tau2, *K_BOUNDS_UNITS), index=lc.index)
    k = k.where(np.isfinite(tau2) & (tau2 > 0), K_BOUNDS_UNITS[1])
    k = k.where(n_series >= K_MIN_SERIES, K_DEFAULT_UNITS)
    all_rows = ev.groupby(grp, sort=False, observed=True)
    prof = all_rows[["Y_first", "B_first", "Y_last", "B_last"]].sum().reindex(lc.index)
    lcs = np.maximum(lc, 1e-9)
    ff = ((prof["Y_first"] + PROFILE_K_UNITS * lc) / (prof["B_first"] + PROFILE_K_UNITS)) / lcs
    fl = ((prof["Y_last"] + PROFILE_K_UNITS * lc) / (prof["B_last"] + PROFILE_K_UNITS)) / lcs
    pre, pre_cv = _side_effects(ev, grp, "Y_pre", "B_pre")
    post, post_cv = _side_effects(ev, grp, "Y_post", "B_post")
    out = pd.DataFrame({
        "L_cat": lc, "k": k, "first_factor": ff, "last_factor": fl,
        "pre_ratio": pre.reindex(lc.index).fillna(1.0), "pre_cv": pre_cv.reindex(lc.index).fillna(0.0),
        "post_ratio": post.reindex(lc.index).fillna(1.0), "post_cv": post_cv.reindex(lc.index).fillna(0.0),
        "n_events": all_rows["campaign_id"].nunique().reindex(lc.index).astype(int),
    }).reset_index()
    for c in ("L_cat", "k", "first_factor", "last_factor", "pre_ratio", "pre_cv", "post_ratio", "post_cv"):
        out[c] = out[c].astype(float)
    return out[cols]


def _source(has_own: np.ndarray, w: np.ndarray, has_cat: np.ndarray) -> np.ndarray:
    return np.where(has_own & (w >= OWN_WEIGHT_MIN), "own",
                    np.where(has_own, "shrunk", np.where(has_cat, "category", "default")))


def calibrate_cv(ev: pd.DataFrame, cat: pd.DataFrame) -> dict[str, float]:
    """cv of the uplift per source from leave-one-event-out predictions of the past events (module docstring)."""
    out = dict(UPLIFT_CV_BY_SOURCE)
    if ev.empty or cat.empty:
        return out
    e = ev.merge(cat[["category", "region", "key", "L_cat", "k"]], on=["category", "region", "key"], how="left")
    tot = e.groupby(["sku", "region", "key"])[["Y", "B"]].transform("sum")
    y_o, b_o = tot["Y"] - e["Y"], tot["B"] - e["B"]  # the series' other events of the kind
    k = e["k"].fillna(K_DEFAULT_UNITS)
    has_own = b_o > 1e-9
    pred = np.where(has_own, (y_o + k * e["L_cat"]) / (b_o + k), e["L_cat"])
    w = np.where(has_own, b_o / (b_o + k), 0.0)
    src = _source(has_own.to_numpy(), w, np.isfinite(e["L_cat"].to_numpy()))
    real = (e["Y"] / e["B"]).to_numpy()
    pred = np.asarray(pred, float)
    ok = np.isfinite(pred) & (pred > 0) & (e["B"].to_numpy() >= CV_MIN_BASELINE_UNITS)
    # log ratio of the realised to the predicted lift (a lift of 0 counts as 5 % of the prediction)
    lr = np.log(np.maximum(real, 0.05 * np.where(ok, pred, 1.0)) / np.where(ok, pred, 1.0))
    # day-level count noise of the realised lift (quasi-Poisson, phi / (lift * B)): already in the daily sigma
    noise = e["phi"].to_numpy() / np.maximum(np.where(ok, pred, 1.0) * e["B"].to_numpy(), 1e-9)
    for s_ in ("own", "shrunk", "category"):
        m = ok & (src == s_)
        if m.sum() < CV_MIN_PAIRS:
            continue
        q05, q95 = np.quantile(lr[m], [0.05, 0.95])
        var = max(((q95 - q05) / (2 * 1.6449)) ** 2 - float(np.median(noise[m])), 0.0)
        out[s_] = float(np.clip(np.sqrt(np.expm1(var)), *CV_BOUNDS))  # cv of a lognormal with that log-variance
    out["default"] = max(out["default"], out["category"])
    return out


def estimate_uplift(panel: SeriesPanel, campaigns: pd.DataFrame, *, return_parts: bool = False):
    """Uplift per series x campaign (every campaign of the series' region), see the module docstring.

    Parameters
    ----------
    panel : history (only days up to its end are used, so a backtest cutoff never leaks).
    campaigns : campaign calendar; a campaign learns from every earlier event of the same
        ``holidays.campaign_key`` in the same region.
    return_parts : also return the per-(category, region, key) effects and the calibrated cv per source.

    Returns
    -------
    Frame with :data:`UPLIFT_COLUMNS` plus ``key``, ``prev_campaign_id`` (latest earlier event of the kind),
    ``n_events``, ``weight``, ``category_uplift`` and ``cv``; with ``return_parts`` a tuple
    ``(frame, category_effects, cv_by_source)``.
    """
    camps = normalise_campaigns(campaigns)
    end = panel.dates[-1]
    rows = camps.explode("region_list").rename(columns={"region_list": "region"})
    rows = rows[rows["region"].notna()][["campaign_id", "region", "key", "start_date", "default_uplift"]]
    keys = panel.keys[["sku", "region", "category"]]
    grid = keys.merge(rows, on="region")
    empty_cols = list(UPLIFT_COLUMNS) + ["key", "prev_campaign_id", "n_events", "weight", "category_uplift", "cv"]
    ev = event_table(panel, campaigns)
    cat = category_effects(ev)
    cv_by = calibrate_cv(ev, cat)
    if grid.empty:
        res = pd.DataFrame(columns=empty_cols)
        return (res, cat, cv_by) if return_parts else res
    # past events of the same kind that ended by the history end (and started before the campaign)
    past = rows.merge(camps[["campaign_id", "end_date"]], on="campaign_id")
    past = past[past["end_date"] <= end]
    latest = (past.sort_values("start_date").groupby(["region", "key"]).tail(1)
              .set_index(["region", "key"])["campaign_id"])
    own = ev.groupby(["sku", "region", "key"], as_index=False).agg(
        Y=("Y", "sum"), B=("B", "sum"), n_obs=("n_obs", "sum"), n_events=("campaign_id", "nunique"))
    catp = cat[["category", "region", "key", "L_cat", "k"]]
    merged = grid.merge(own, on=["sku", "region", "key"], how="left").merge(catp, on=["category", "region", "key"], how="left")
    # a campaign learns only from events that started before it (matters for campaigns already in the history):
    # the pools of every such campaign in one pass (events stacked once per campaign they precede)
    if len(ev):
        last_start = ev.groupby(["region", "key"])["start"].max()
        tgt = grid[["campaign_id", "region", "key", "start_date"]].drop_duplicates()
        ls = pd.Series(pd.MultiIndex.from_frame(tgt[["region", "key"]]).map(last_start), index=tgt.index)
        tgt = tgt[ls.notna() & (pd.to_datetime(ls) >= tgt["start_date"])]
        if len(tgt):
            stacked = tgt.rename(columns={"campaign_id": "_target"}).merge(ev, on=["region", "key"])
            stacked = stacked[stacked["start"] < stacked["start_date"]]
            own_r = stacked.groupby(["_target", "sku", "region", "key"], as_index=False).agg(
                Y=("Y", "sum"), B=("B", "sum"), n_obs=("n_obs", "sum"), n_events=("campaign_id", "nunique"))
            cat_r = category_effects(stacked, by=("_target",))[["_target", "category", "region", "key", "L_cat", "k"]]
            pairs = pd.MultiIndex.from_frame(tgt[["campaign_id", "region"]])
            m = pd.MultiIndex.from_frame(merged[["campaign_id", "region"]]).isin(pairs)
            sub = grid[pd.MultiIndex.from_frame(grid[["campaign_id", "region"]]).isin(pairs)]
            sub = (sub.merge(own_r.rename(columns={"_target": "campaign_id"}), on=["campaign_id", "sku", "region", "key"],
                             how="left")
                   .merge(cat_r.rename(columns={"_target": "campaign_id"}), on=["campaign_id", "category", "region", "key"],
                          how="left"))
            merged = pd.concat([merged[~m], sub], ignore_index=True)
    grid = merged
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
    source = _source(has_own, w, has_cat)
    prev_s = grid[["region", "key"]].merge(latest.rename("_prev").reset_index(), on=["region", "key"], how="left")["_prev"]
    prev = prev_s.astype(object).where(prev_s.notna(), None).to_numpy()
    out = pd.DataFrame({
        "sku": grid["sku"].to_numpy(), "region": grid["region"].to_numpy(), "campaign_id": grid["campaign_id"].to_numpy(),
        "uplift": np.clip(up, 0.0, None), "source": source, "n_obs": grid["n_obs"].fillna(0).astype(int).to_numpy(),
        "key": grid["key"].to_numpy(), "prev_campaign_id": prev, "n_events": grid["n_events"].fillna(0).astype(int).to_numpy(),
        "weight": w, "category_uplift": lc, "cv": pd.Series(source).map(cv_by).to_numpy(float),
    })
    out = out.sort_values(["sku", "region", "campaign_id"]).reset_index(drop=True)
    return (out, cat, cv_by) if return_parts else out


def effects_matrix(keys: pd.DataFrame, dates: pd.DatetimeIndex, uplift_frame: pd.DataFrame | None,
                   campaigns: pd.DataFrame | None, cat_effects: pd.DataFrame | None = None
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Day-by-day campaign multipliers for ``keys`` x ``dates``: ``(multiplier, cv, is_event_day, campaign_index)``.

    Event days: the series' uplift times the first/last-day factor (renormalised so the event's days average to
    the uplift); run-up and post days: the category's ratio where the data shows one (:func:`category_effects`).
    Campaigns without an uplift row use their ``default_uplift``. Overlaps: the larger multiplier wins.
    ``campaign_index`` is the row of ``campaigns`` behind each affected day (-1 where none).
    """
    s, h = len(keys), len(dates)
    mult = np.ones((s, h))
    cv = np.zeros((s, h))
    is_c = np.zeros((s, h), dtype=bool)
    cidx = np.full((s, h), -1, dtype=np.int64)
    if campaigns is None or not len(campaigns) or h == 0:
        return mult, cv, is_c, cidx
    camps = normalise_campaigns(campaigns).reset_index(drop=True)
    regions = keys["region"].astype(str).to_numpy()
    cats = keys["category"].astype(str).to_numpy() if "category" in keys.columns else np.full(s, "unknown")
    kidx = pd.MultiIndex.from_frame(keys[["sku", "region"]].astype(str))
    up = uplift_frame if uplift_frame is not None and len(uplift_frame) else None
    ce = None
    if cat_effects is not None and len(cat_effects):
        ce = cat_effects.set_index(["category", "region", "key"])
    d0 = dates[0]
    for ci, c in camps.iterrows():  # campaigns are few; work inside is vectorised over series
        first = int((c["start_date"] - d0).days)
        last = int((c["end_date"] - d0).days)
        if last + POST_DAYS < 0 or first - PRE_DAYS >= h:
            continue
        n_ev = last - first + 1
        for region in c["region_list"]:
            rows = np.nonzero(regions == region)[0]
            if len(rows) == 0:
                continue
            u = np.full(len(rows), np.nan)
            ucv = np.full(len(rows), UPLIFT_CV_BY_SOURCE["default"])
            if up is not None:
                sel = up[(up["campaign_id"].astype(str) == c["campaign_id"]) & (up["region"].astype(str) == region)]
                if len(sel):
                    pos = kidx.get_indexer(pd.MultiIndex.from_frame(sel[["sku", "region"]].astype(str)))
                    keep = pos >= 0
                    loc = pd.Series(np.arange(len(rows)), index=rows)
                    inr = np.isin(pos, rows) & keep
                    u[loc[pos[inr]].to_numpy()] = sel["uplift"].to_numpy(float)[inr]
                    cvv = sel["cv"].to_numpy(float) if "cv" in sel.columns else                         sel["source"].map(UPLIFT_CV_BY_SOURCE).fillna(UPLIFT_CV_BY_SOURCE["default"]).to_numpy(float)
                    ucv[loc[pos[inr]].to_numpy()] = np.nan_to_num(cvv[inr], nan=UPLIFT_CV_BY_SOURCE["default"])
            dflt = float(pd.to_numeric(pd.Series([c["default_uplift"]]), errors="coerce").fillna(1.0).iloc[0])
            u = np.where(np.isfinite(u), u, dflt)
            prof = np.ones((len(rows), n_ev))
            pre_r = np.ones(len(rows))
            pre_cv = np.zeros(len(rows))
            post_r = np.ones(len(rows))
            post_cv = np.zeros(len(rows))
            if ce is not None:
                for cat in np.unique(cats[rows]):
                    key = (cat, region, c["key"])
                    if key not in ce.index:
                        continue
                    e = ce.loc[key]
                    m = cats[rows] == cat
                    if n_ev >= 2:
                        prof[m, 0] = e["first_factor"]
                        prof[m, -1] = e["last_factor"]
                    pre_r[m], pre_cv[m] = e["pre_ratio"], e["pre_cv"]
                    post_r[m], post_cv[m] = e["post_ratio"], e["post_cv"]
                if n_ev >= 2:
                    prof = np.clip(prof, 0.05, None)
                    prof = prof / prof.mean(axis=1, keepdims=True)
            day_m = u[:, None] * prof
            span = [(first + j, day_m[:, j], ucv, True) for j in range(n_ev)]
            span += [(first - PRE_DAYS + j, pre_r, pre_cv, False) for j in range(PRE_DAYS)]
            span += [(last + 1 + j, post_r, post_cv, False) for j in range(POST_DAYS)]
            for col, mv, cvv, event_day in span:
                if col < 0 or col >= h:
                    continue
                if not event_day and np.all(mv == 1.0):
                    continue
                cur = mult[rows, col]
                taken = is_c[rows, col]
                # event days win over run-up / post days of another event; between events the larger multiplier
                if event_day:
                    better = ~taken | (np.asarray(mv) > cur)
                else:
                    better = ~taken & (np.abs(np.asarray(mv) - 1.0) > np.abs(cur - 1.0))
                rr = rows[better]
                mult[rr, col] = np.asarray(mv)[better]
                cv[rr, col] = np.asarray(cvv)[better]
                cidx[rr, col] = ci
                if event_day:
                    is_c[rr, col] = True
    return mult, cv, is_c, cidx


def campaign_effects(keys: pd.DataFrame, dates: pd.DatetimeIndex, uplift_frame: pd.DataFrame | None,
                     campaigns: pd.DataFrame | None, cat_effects: pd.DataFrame | None = None) -> pd.DataFrame:
    """The campaign-effects frame (:data:`EFFECT_COLUMNS`): one row per series x forecast day a campaign changes."""
    mult, cv, _is_c, cidx = effects_matrix(keys, dates, uplift_frame, campaigns, cat_effects)
    s, d = np.nonzero(cidx >= 0)
    if len(s) == 0:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
            EFFECT_COLUMNS, ("object", "object", "datetime64[ns]", "object", "float64", "float64"))})
    ids = normalise_campaigns(campaigns)["campaign_id"].to_numpy()
    return pd.DataFrame({
        "sku": keys["sku"].to_numpy()[s], "region": keys["region"].to_numpy()[s], "date": dates[d],
        "campaign_id": ids[cidx[s, d]], "multiplier": mult[s, d], "cv": cv[s, d],
    })


def apply_campaign_effects(forecast_frame: pd.DataFrame, effects: pd.DataFrame | None) -> pd.DataFrame:
    """Campaign-inclusive demand: ``mean`` x multiplier on the affected days (see :func:`apply_uplift` for sigma
    and quantiles). Adds ``campaign_id`` ('' where none) and ``uplift`` (the multiplier, 1 elsewhere)."""
    out = forecast_frame.copy()
    out["date"] = pd.to_datetime(out["date"])
    u = np.ones(len(out))
    cvv = np.zeros(len(out))
    cid = np.full(len(out), "", dtype=object)
    if effects is not None and len(effects):
        m = out[["sku", "region", "date"]].reset_index().merge(
            effects.assign(date=pd.to_datetime(effects["date"])), on=["sku", "region", "date"])
        pos = out.index.get_indexer(m["index"])
        u[pos] = m["multiplier"].to_numpy(float)
        cvv[pos] = m["cv"].to_numpy(float)
        cid[pos] = m["campaign_id"].astype(str).to_numpy()
    return _with_multipliers(out, u, cvv, cid)


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
    return _with_multipliers(out, u, cv, cid)


def _with_multipliers(out: pd.DataFrame, u: np.ndarray, cv: np.ndarray, cid: np.ndarray) -> pd.DataFrame:
    """``out`` with each day's multiplier ``u`` applied: ``mean x u``, ``sigma = sqrt((u sigma)^2 + (u mean cv)^2)``,
    p10/p50/p90 from the Gamma of that mean and sigma on the campaign days (``cid != ''``), and the ``campaign_id``
    and ``uplift`` columns."""
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
