"""Forecast accuracy on real retail data: every candidate, ``auto``, AutoETS, default Prophet and seasonal naive.

Usage::

    python bench/real_data.py --set m5 [--data DIR] [--series 300] [--cutoff 2015-11-15] [--horizon 49]
    python bench/real_data.py --set favorita [--data DIR] [--series 300] [--cutoff 2016-11-15] [--horizon 49]

Reads the raw files from ``--data`` or from the cache folder ``~/.cache/linkstar-real/<set>/`` (never from git;
``bench/README.md`` says how to rebuild them). Not run by pytest.

Sets
----
* ``m5``: Walmart item x store daily unit sales (M5 competition, 2011-01-29 .. 2016-06-19): ``calendar.csv``
  (events, SNAP days per state), ``sales_train_evaluation.csv`` (or ``..._validation.csv``), ``sell_prices.csv``.
  A series is item x store, its market the state, its category the department. Campaign calendar: each
  calendar event (one day, all states) and each state's run of SNAP days (10 days a month: short, frequent
  promotions). The relative sell price is an exogenous feature of the global model.
* ``favorita``: Corporacion Favorita store x product-family daily sales with the number of items on promotion
  (``train.csv``: ``date, store_nbr, family, sales, onpromotion``; ``holidays_events.csv``). National holidays and
  events are the campaign calendar; ``onpromotion`` feeds the global model; promotion days are days with more
  items on promotion than the series' median.

Checks that the data is the real set (the script stops otherwise): M5 starts on 2011-01-29 with event names such
as SuperBowl and Thanksgiving and every store closed on Christmas day (zero sales); Favorita runs 2013-01-01 ..
2017-08-15 with stores closed on 1 January and 25 December.

Scored: the ``--horizon`` days after ``--cutoff`` (default: the peak season). Per method: daily WAPE,
window-total WAPE (per series, the sum over the scored window), bias, P10-P90 coverage of days and of window
totals, WAPE on promotion / campaign days, seconds.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

CACHE = Path(os.environ.get("LINKSTAR_REAL_DATA", Path.home() / ".cache" / "linkstar-real"))
Z80 = 1.2815515655446004


class NotRealData(ValueError):
    pass


# ------------------------------------------------------------------------------------------------- loading


def load_m5(folder: Path, n_series: int, seed: int = 0):
    cal = pd.read_csv(folder / "calendar.csv", parse_dates=["date"])
    f = folder / "sales_train_evaluation.csv"
    sales_w = pd.read_csv(f if f.exists() else folder / "sales_train_validation.csv")
    prices = pd.read_csv(folder / "sell_prices.csv") if (folder / "sell_prices.csv").exists() else None
    if cal["date"].min() != pd.Timestamp("2011-01-29") or not {"SuperBowl", "Thanksgiving"} <= set(cal["event_name_1"].dropna()):
        raise NotRealData("calendar.csv is not the M5 calendar (must start 2011-01-29 with SuperBowl, Thanksgiving)")
    dcols = [c for c in sales_w.columns if c.startswith("d_")]
    dmap = cal.set_index("d")["date"]
    xmas = [c for c in dcols if dmap[c].strftime("%m-%d") == "12-25"]
    if xmas and sales_w[xmas].to_numpy().sum() > 0.001 * sales_w[dcols].to_numpy().sum() / len(dcols) * len(xmas):
        raise NotRealData("sales on Christmas day: the M5 stores were closed then; this is not the real M5 data")
    rng = np.random.default_rng(seed)
    vol = sales_w[dcols[-365:]].sum(axis=1).to_numpy()
    keep = np.nonzero(vol >= 365 * 0.5)[0]  # items that sell at least every other day on average (a stock-up planner's SKUs)
    pick = np.sort(rng.choice(keep, min(n_series, len(keep)), replace=False))
    w = sales_w.iloc[pick]
    y = w[dcols].to_numpy(float)
    dates = pd.DatetimeIndex(dmap[dcols].to_numpy())
    sku = (w["item_id"] + "@" + w["store_id"]).to_numpy()
    long = pd.DataFrame({"date": np.tile(dates, len(w)), "sku": np.repeat(sku, len(dates)),
                         "region": np.repeat(w["state_id"].to_numpy(), len(dates)), "units": y.ravel()})
    long = long[long["units"] > 0]
    skus = pd.DataFrame({"sku": sku, "category": w["dept_id"].to_numpy()})
    # campaign calendar: calendar events (one day, every state) and each state's SNAP runs
    rows = []
    for col in ("event_name_1", "event_name_2"):
        ev = cal.dropna(subset=[col])
        for r in ev.itertuples(index=False):
            rows.append((f"{getattr(r, col)}-{r.date.year}", getattr(r, col), "CA;TX;WI", r.date, r.date))
    for st in ("CA", "TX", "WI"):
        s = cal[["date", f"snap_{st}"]].copy()
        s["run"] = (s[f"snap_{st}"] != s[f"snap_{st}"].shift()).cumsum()
        for _, g in s[s[f"snap_{st}"] == 1].groupby("run"):
            d0 = g["date"].min()
            rows.append((f"SNAP-{st}-{d0.year}-{d0.month:02d}", "SNAP", st, d0, g["date"].max()))
    camps = pd.DataFrame(rows, columns=["campaign_id", "name", "regions", "start_date", "end_date"])
    camps = camps.drop_duplicates("campaign_id")
    camps["default_uplift"] = 1.0
    exog = None
    if prices is not None:
        wk = cal.set_index("date")["wm_yr_wk"].reindex(dates).to_numpy()
        p = prices.set_index(["item_id", "store_id", "wm_yr_wk"])["sell_price"]
        rel = np.ones((len(w), len(dates)), dtype=np.float32)
        for i, (item, store) in enumerate(zip(w["item_id"], w["store_id"])):  # a benchmark loader: one pass per series
            try:
                ps = p.loc[(item, store)]
            except KeyError:
                continue
            v = ps.reindex(wk).to_numpy(float)
            med = np.nanmedian(v) if np.isfinite(v).any() else np.nan
            rel[i] = np.where(np.isfinite(v) & (med > 0), v / med, 1.0)
        exog = {"rel_price": rel, "_dates": dates}
    promo = None  # M5 promotions are the calendar (events, SNAP)
    return long, skus, camps, exog, promo


def load_favorita(folder: Path, n_series: int, seed: int = 0):
    tr = pd.read_csv(folder / "train.csv", parse_dates=["date"])
    if tr["date"].min() != pd.Timestamp("2013-01-01") or "onpromotion" not in tr.columns:
        raise NotRealData("train.csv is not the Favorita store-sales table (2013-01-01 .., with onpromotion)")
    jan1 = tr[(tr["date"].dt.strftime("%m-%d") == "01-01") & (tr["date"].dt.year > 2013)]["sales"].sum()
    if jan1 > 0.01 * tr["sales"].sum() / tr["date"].nunique():
        raise NotRealData("sales on 1 January: the Favorita stores were closed then; this is not the real data")
    tr["sku"] = tr["family"].str.replace(" ", "_") + "@" + tr["store_nbr"].astype(str)
    vol = tr.groupby("sku")["sales"].sum()
    rng = np.random.default_rng(seed)
    keep = vol[vol > 0].index.to_numpy()
    pick = set(rng.choice(keep, min(n_series, len(keep)), replace=False))
    t = tr[tr["sku"].isin(pick)]
    long = pd.DataFrame({"date": t["date"], "sku": t["sku"], "region": "EC", "units": t["sales"].clip(lower=0)})
    skus = t.drop_duplicates("sku")[["sku", "family"]].rename(columns={"family": "category"})
    hol = pd.read_csv(folder / "holidays_events.csv", parse_dates=["date"])
    hol = hol[(hol["locale"] == "National") & (hol["transferred"].astype(str) != "True")]
    camps = pd.DataFrame({"campaign_id": hol["description"].str.replace(" ", "-") + "-" + hol["date"].dt.strftime("%Y-%m-%d"),
                          "name": hol["description"], "regions": "EC", "start_date": hol["date"], "end_date": hol["date"],
                          "default_uplift": 1.0}).drop_duplicates("campaign_id")
    piv = t.pivot_table(index="sku", columns="date", values="onpromotion", aggfunc="sum").fillna(0.0)
    return long, skus, camps, {"onpromotion_log": np.log1p(piv), "_dates": piv.columns}, piv


# ------------------------------------------------------------------------------------------------- scoring


def gamma_q(m, sd, p):
    from linkstar_analytics.forecast.base import gamma_quantiles

    return gamma_quantiles(np.asarray(m, float), np.asarray(sd, float), p)


def score(name, y, mean, lo, hi, w_mean, w_lo, w_hi, promo_mask, seconds):
    ok = ~np.isnan(y)
    yy = np.where(ok, y, 0.0)
    m = np.where(ok, mean, 0.0)
    tot_y = yy.sum()
    wy = yy.sum(axis=1)
    wm = np.where(ok, mean, 0.0).sum(axis=1)
    pm = promo_mask & ok
    return {
        "method": name,
        "daily WAPE": np.abs(yy - m).sum() / tot_y,
        "window WAPE": np.abs(wy - wm).sum() / wy.sum(),
        "bias": (m - yy).sum() / tot_y,
        "P10-P90 days": ((yy >= lo - 1e-9) & (yy <= hi + 1e-9))[ok].mean(),
        "P10-P90 windows": ((wy >= w_lo - 1e-9) & (wy <= w_hi + 1e-9)).mean(),
        "promo-day WAPE": np.abs(yy - m)[pm].sum() / max(yy[pm].sum(), 1e-9) if pm.any() else np.nan,
        "seconds": seconds,
    }


def _sf_frame(panel, n_hist):
    keys = panel.keys
    t = panel.units[:, :n_hist]
    df = pd.DataFrame({"unique_id": np.repeat(np.arange(len(keys)), n_hist), "ds": np.tile(panel.dates[:n_hist], len(keys)),
                       "y": t.ravel()})
    return df.dropna()


def statsforecast_method(panel, n_hist, h, model):
    from statsforecast import StatsForecast

    sf = StatsForecast(models=[model], freq="D", n_jobs=2)
    out = sf.forecast(df=_sf_frame(panel, n_hist), h=h, level=[80])
    col = [c for c in out.columns if c not in ("unique_id", "ds") and "-lo-" not in c and "-hi-" not in c][0]
    out = out.sort_values(["unique_id", "ds"])
    n = panel.n_series
    ids = out["unique_id"].to_numpy().astype(int)
    mean, lo, hi = (np.zeros((n, h)) for _ in range(3))
    for arr, c in ((mean, col), (lo, f"{col}-lo-80"), (hi, f"{col}-hi-80")):
        arr[np.unique(ids)] = out[c].to_numpy(float).reshape(-1, h)
    return np.clip(mean, 0, None), np.clip(lo, 0, None), np.clip(hi, 0, None)


def default_prophet(panel, n_hist, h):
    from prophet import Prophet

    from linkstar_analytics.forecast.prophet_model import quiet_prophet

    quiet_prophet()
    n = panel.n_series
    mean, lo, hi = (np.zeros((n, h)) for _ in range(3))
    for i in range(n):  # the reference: Prophet's defaults, one series at a time
        y = panel.units[i, :n_hist]
        ok = ~np.isnan(y)
        if ok.sum() < 30:
            continue
        m = Prophet(interval_width=0.8)
        quiet_prophet()
        m.fit(pd.DataFrame({"ds": panel.dates[:n_hist][ok], "y": y[ok]}))
        f = m.predict(pd.DataFrame({"ds": panel.dates[n_hist:n_hist + h]}))
        mean[i], lo[i], hi[i] = f["yhat"].clip(lower=0), f["yhat_lower"].clip(lower=0), f["yhat_upper"].clip(lower=0)
    return mean, lo, hi


def window_from_daily(mean, lo, hi):
    """Window-total interval of a method that reports only daily intervals: independent days, normal sd."""
    sd = (hi - lo) / (2 * Z80)
    wm = mean.sum(axis=1)
    wsd = np.sqrt((sd ** 2).sum(axis=1))
    return wm, np.clip(wm - Z80 * wsd, 0, None), wm + Z80 * wsd


def ours(panel_full, sales, skus, camps, cutoff, h, model, exog):
    """One of our methods (a forced model or ``auto``) fitted on history <= cutoff; campaign effects applied."""
    from linkstar_analytics.forecast.backtest import window_var
    from linkstar_analytics.forecast.base import build_panel
    from linkstar_analytics.forecast.batch import run_forecasts
    from linkstar_analytics.forecast.censoring import censored_mask

    panel = build_panel(sales, skus=skus, campaigns=camps, history_end=cutoff)
    panel.censored = censored_mask(panel)
    if exog:
        ex = {}
        for k, v in exog.items():
            if k.startswith("_"):
                continue
            arr = np.asarray(v, dtype=np.float32)
            src = pd.DatetimeIndex(exog["_dates"])
            want = pd.date_range(panel.dates[0], cutoff + pd.Timedelta(days=h), freq="D")
            idx = src.get_indexer(want)
            full = np.where(idx[None, :] >= 0, arr[:, np.clip(idx, 0, None)], 1.0)
            ex[k] = full
        panel.extra["exog"] = ex
    r = run_forecasts(sales, skus, camps, horizon_days=h, model=model, history_end=cutoff, panel=panel,
                      prophet_in_auto=(model == "auto"))
    fc = r.forecasts.sort_values(["sku", "region", "date"])
    n = panel.n_series
    mean = fc["mean"].to_numpy().reshape(n, h)
    sigma = fc["sigma"].to_numpy().reshape(n, h)
    rho = fc.groupby(["sku", "region"], sort=True)["rho"].first().to_numpy()
    scale = fc.groupby(["sku", "region"], sort=True)["window_sd_scale"].first().to_numpy()
    dates = pd.date_range(cutoff + pd.Timedelta(days=1), periods=h, freq="D")
    u, cv = np.ones((n, h)), np.zeros((n, h))
    eff = r.campaign_effects
    if len(eff):  # the same multipliers the plan reads
        k = pd.MultiIndex.from_frame(panel.keys[["sku", "region"]]).get_indexer(pd.MultiIndex.from_frame(eff[["sku", "region"]]))
        c = dates.get_indexer(pd.DatetimeIndex(eff["date"]))
        ok = (k >= 0) & (c >= 0)
        u[k[ok], c[ok]] = eff["multiplier"].to_numpy()[ok]
        cv[k[ok], c[ok]] = eff["cv"].to_numpy()[ok]
    m = mean * u
    sd = np.sqrt((sigma * u) ** 2 + (m * cv) ** 2)
    q = gamma_q(m, sd, [0.1, 0.9])
    wv = window_var(sigma * u, rho, m, cv, np.ones_like(m, dtype=bool)) * scale ** 2
    wq = gamma_q(m.sum(axis=1), np.sqrt(wv), [0.1, 0.9])
    # in the order of the scored panel (series that had not started by the cutoff forecast as 0)
    pos = pd.MultiIndex.from_frame(panel.keys[["sku", "region"]]).get_indexer(
        pd.MultiIndex.from_frame(panel_full.keys[["sku", "region"]]))
    def put(a):
        out = np.zeros((len(pos),) + a.shape[1:])
        out[pos >= 0] = a[pos[pos >= 0]]
        return out
    return (put(m), put(q[..., 0]), put(q[..., 1]), put(m.sum(axis=1)), put(wq[:, 0]), put(wq[:, 1]), r)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=("m5", "favorita"), required=True)
    ap.add_argument("--data", type=Path, default=None, help="folder with the raw files (default: the cache folder)")
    ap.add_argument("--series", type=int, default=300)
    ap.add_argument("--cutoff", default=None, help="last history day (default: the set's peak season)")
    ap.add_argument("--horizon", type=int, default=49)
    ap.add_argument("--skip", default="", help="comma-separated methods to skip (e.g. default_prophet)")
    ap.add_argument("--out", type=Path, default=None, help="write the table as CSV here too")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")
    folder = args.data or CACHE / args.set
    if not folder.is_dir():
        print(f"no data in {folder}: see bench/README.md for how to rebuild it", file=sys.stderr)
        return 2
    loader = load_m5 if args.set == "m5" else load_favorita
    try:
        sales, skus, camps, exog, promo = loader(folder, args.series)
    except NotRealData as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 3
    cutoff = pd.Timestamp(args.cutoff or ("2015-11-15" if args.set == "m5" else "2016-11-15"))
    h = args.horizon
    from linkstar_analytics.forecast.base import build_panel
    from linkstar_analytics.forecast.holidays import campaign_mask

    full = build_panel(sales, skus=skus, campaigns=camps)
    n_hist = int(full.dates.searchsorted(cutoff, side="right"))
    full = full.take(np.nonzero((~np.isnan(full.units[:, :n_hist])).any(axis=1))[0])  # series started by the cutoff
    y = full.units[:, n_hist:n_hist + h]
    if promo is not None:  # favorita: days with more items on promotion than the series' median
        pv = promo.reindex(index=full.keys["sku"]).reindex(columns=full.dates).fillna(0.0).to_numpy()
        med = np.median(pv[:, :n_hist], axis=1, keepdims=True)
        promo_mask = (pv > med)[:, n_hist:n_hist + h]
    else:
        promo_mask = campaign_mask(camps, full.keys["region"].to_numpy(), full.dates[n_hist:n_hist + h])
    print(f"{args.set}: {full.n_series} series, history {full.dates[0].date()} .. {cutoff.date()}, scored "
          f"{full.dates[n_hist].date()} .. {full.dates[min(n_hist + h, len(full.dates)) - 1].date()} ({h} days), "
          f"{int(promo_mask.sum())} promotion series-days")
    rows = []
    skip = set(filter(None, args.skip.split(",")))
    from statsforecast.models import AutoETS, SeasonalNaive

    for name, fn in (
        ("seasonal naive (statsforecast)", lambda: statsforecast_method(full, n_hist, h, SeasonalNaive(season_length=7))),
        ("AutoETS (statsforecast)", lambda: statsforecast_method(full, n_hist, h, AutoETS(season_length=7))),
        ("default Prophet", lambda: default_prophet(full, n_hist, h)),
    ):
        if name.split(" (")[0].replace(" ", "_") in skip:
            continue
        t0 = time.perf_counter()
        mean, lo, hi = fn()
        dt = time.perf_counter() - t0
        wm, wlo, whi = window_from_daily(mean, lo, hi)
        rows.append(score(name, y, mean, lo, hi, wm, wlo, whi, promo_mask, dt))
        print(rows[-1], flush=True)
    for model in ("naive", "intermittent", "ets", "ets_yearly", "lgbm", "prophet", "auto"):
        if model in skip:
            continue
        t0 = time.perf_counter()
        m, lo, hi, wm, wlo, whi, r = ours(full, sales, skus, camps, cutoff, h, model, exog)
        dt = time.perf_counter() - t0
        label = f"ours: {model}" + (f" ({dict(r.selection['model'].value_counts())})" if model == "auto" else "")
        rows.append(score(label, y, m, lo, hi, wm, wlo, whi, promo_mask, dt))
        print(rows[-1], flush=True)
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.float_format", "{:.3f}".format):
        print(table.to_string(index=False))
    if args.out:
        table.to_csv(args.out, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
