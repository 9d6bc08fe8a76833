"""Campaign backtest on the sample data: does the plan's 95 % window quantile cover past campaign windows?

Usage: python bench/campaign_backtest.py [--campaigns 5] [--lead-days 28] [--models auto,naive] [--single-cutoff]

For each of the last ``--campaigns`` campaigns in the committed sample (``sample_data/``) that ended before the
history end, the forecast is fitted on the history up to ``--lead-days`` before the campaign starts (a plan is
made weeks ahead), and the window is the campaign's markets' days from that cutoff to the campaign end. Per
series, the window total's distribution is the one the plan builds from the forecast frame: baseline mean and
sigma times the campaign effects (``ForecastResult.campaign_effects``, with their own shared error ``cv``),
days equicorrelated by ``rho``, times ``window_sd_scale``; a Gamma moment-matched to it (forecast/base.py).

Reported per model: the share of series x campaign windows whose actual total stayed at or below the 95 %
quantile (target 93-97 %), the P10-P90 coverage of window totals (target 75-85 %), and the window-total WAPE,
``auto`` against the seasonal naive. Stockout days (detected) are not scored.

``--single-cutoff`` fits once per model, ``--lead-days`` before the first of the campaigns, and scores every
campaign's window (``--lead-days`` before its start to its end) from that one forecast: later campaigns are then
forecast further ahead than a plan would, a harder test, at a fifth of the cost.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def window_eval(result, sales, skus, camps, camp_row, cutoff, window_start=None):
    from linkstar_analytics.forecast.backtest import window_var
    from linkstar_analytics.forecast.base import build_panel, gamma_quantiles
    from linkstar_analytics.forecast.censoring import censored_mask

    regions = [r for r in str(camp_row["regions"]).split(";") if r]
    end = pd.Timestamp(camp_row["end_date"])
    dates = pd.date_range(max(cutoff + pd.Timedelta(days=1), window_start or cutoff), end, freq="D")
    h = len(dates)
    full = build_panel(sales, skus=skus, campaigns=camps, history_end=end)
    full.censored = censored_mask(full)
    keys = full.keys
    rows = np.nonzero(keys["region"].isin(regions).to_numpy())[0]
    c0 = full.dates.get_indexer([dates[0]])[0]
    y = full.units[rows, c0:c0 + h]
    y = np.where(full.censored[rows, c0:c0 + h], np.nan, y)
    fc = result.forecasts
    fc = fc[fc["date"] <= end].sort_values(["sku", "region", "date"])
    kidx = pd.MultiIndex.from_frame(keys.iloc[rows][["sku", "region"]])
    n = len(rows)
    f = fc.set_index(["sku", "region"])
    mean = np.zeros((n, h))
    sigma = np.zeros((n, h))
    rho = np.full(n, 0.2)
    scale = np.ones(n)
    sub = fc[pd.MultiIndex.from_frame(fc[["sku", "region"]]).isin(kidx)]
    pos = kidx.get_indexer(pd.MultiIndex.from_frame(sub[["sku", "region"]]))
    col = dates.get_indexer(pd.DatetimeIndex(sub["date"]))
    ok = (pos >= 0) & (col >= 0)
    mean[pos[ok], col[ok]] = sub["mean"].to_numpy()[ok]
    sigma[pos[ok], col[ok]] = sub["sigma"].to_numpy()[ok]
    rho[pos[ok]] = sub["rho"].to_numpy()[ok]
    if "window_sd_scale" in sub.columns:
        scale[pos[ok]] = sub["window_sd_scale"].to_numpy()[ok]
    del f
    u, cv = np.ones((n, h)), np.zeros((n, h))
    eff = result.campaign_effects
    if len(eff):
        e = eff[pd.to_datetime(eff["date"]).isin(dates)]
        k = kidx.get_indexer(pd.MultiIndex.from_frame(e[["sku", "region"]]))
        c = dates.get_indexer(pd.DatetimeIndex(e["date"]))
        okk = (k >= 0) & (c >= 0)
        u[k[okk], c[okk]] = e["multiplier"].to_numpy()[okk]
        cv[k[okk], c[okk]] = e["cv"].to_numpy()[okk]
    obs = ~np.isnan(y)
    m = mean * u
    wm = np.where(obs, m, 0).sum(axis=1)
    wy = np.where(obs, y, 0).sum(axis=1)
    wv = window_var(sigma * u, rho, m, cv, obs) * scale ** 2
    q = gamma_quantiles(wm, np.sqrt(wv), [0.1, 0.9, 0.95])
    has = obs.any(axis=1) & (wm > 0)
    return wy[has], wm[has], q[has]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--campaigns", type=int, default=5)
    ap.add_argument("--lead-days", type=int, default=28)
    ap.add_argument("--models", default="auto,naive")
    ap.add_argument("--single-cutoff", action="store_true")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")
    from linkstar_analytics.forecast.batch import run_forecasts
    from linkstar_analytics.io.validation import load_folder

    tables = load_folder(Path(__file__).resolve().parent.parent / "sample_data").tables
    sales, skus, camps = tables["sales"], tables["skus"], tables["campaigns"]
    last = pd.to_datetime(sales["date"]).max()
    past = camps[pd.to_datetime(camps["end_date"]) <= last].sort_values("start_date").tail(args.campaigns)
    out = {m: {"wy": [], "wm": [], "q": []} for m in args.models.split(",")}
    fits: dict = {}
    first_cut = pd.Timestamp(past["start_date"].min()) - pd.Timedelta(days=args.lead_days)
    for _, c in past.iterrows():
        cutoff = first_cut if args.single_cutoff else pd.Timestamp(c["start_date"]) - pd.Timedelta(days=args.lead_days)
        h = int((pd.Timestamp(past["end_date"].max() if args.single_cutoff else c["end_date"]) - cutoff).days)
        for model in out:
            t0 = time.perf_counter()
            if (model, cutoff) not in fits:
                fits[(model, cutoff)] = run_forecasts(sales, skus, camps, horizon_days=h, model=model, history_end=cutoff)
            r = fits[(model, cutoff)]
            wy, wm, q = window_eval(r, sales, skus, camps, c, cutoff,
                                    pd.Timestamp(c["start_date"]) - pd.Timedelta(days=args.lead_days))
            out[model]["wy"].append(wy)
            out[model]["wm"].append(wm)
            out[model]["q"].append(q)
            print(f"{c['campaign_id']:<14} {model:<6} cutoff {cutoff.date()} series {len(wy):>4}  "
                  f"P95 covers {np.mean(wy <= q[:, 2] + 1e-9):.1%}  P10-P90 {np.mean((wy >= q[:, 0]) & (wy <= q[:, 1])):.1%}  "
                  f"window WAPE {np.abs(wy - wm).sum() / wy.sum():.3f}  ({time.perf_counter() - t0:.0f} s)", flush=True)
    print("\nall campaigns:")
    for model, d in out.items():
        wy, wm, q = np.concatenate(d["wy"]), np.concatenate(d["wm"]), np.concatenate(d["q"])
        print(f"  {model:<6} windows {len(wy):>5}  P95 covers {np.mean(wy <= q[:, 2] + 1e-9):.1%} (target 93-97 %)  "
              f"P10-P90 {np.mean((wy >= q[:, 0]) & (wy <= q[:, 1])):.1%} (target 75-85 %)  "
              f"window-total WAPE {np.abs(wy - wm).sum() / wy.sum():.3f}  bias {(wm - wy).sum() / wy.sum():+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
