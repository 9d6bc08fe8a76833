"""Yearly season, stockouts, calibrated intervals, campaign effects, Prophet on Dask and the CLIs' file checks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from linkstar_analytics.forecast.base import build_panel, window_quantiles
from linkstar_analytics.forecast.batch import ForecastResult, run_forecasts
from linkstar_analytics.forecast.models import make_model

from .conftest import make_campaigns


def _yearly_panel(n_series: int = 6, seed: int = 3):
    """Three years of daily Poisson sales with a known yearly peak (x3 at mid-November, Gaussian, sd 25 days)."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2023-01-01", "2025-12-31", freq="D")
    doy = dates.dayofyear.to_numpy()
    shape = 1.0 + 2.0 * np.exp(-0.5 * ((doy - 320) / 25.0) ** 2)
    level = rng.uniform(8, 20, n_series)
    lam = level[:, None] * shape[None, :]
    y = rng.poisson(lam)
    skus = [f"Y{i}" for i in range(n_series)]
    sales = pd.DataFrame({"date": np.tile(dates, n_series), "sku": np.repeat(skus, len(dates)), "region": "US",
                          "units": y.ravel()})
    return sales, pd.DataFrame({"sku": skus, "category": "home"}), lam, dates


def test_known_yearly_shape_is_forecast_through_its_peak():
    """History to 30 September 2025; the 60 days ahead run into the November peak (x3). ``auto`` must pick the
    yearly candidate on its window-total backtests (one origin is the same weeks a year earlier) and forecast
    the window total through the peak within 10 %; weekly-only ETS misses it by far more."""
    sales, skus, lam, dates = _yearly_panel()
    end = pd.Timestamp("2025-09-30")
    r = run_forecasts(sales, skus, None, horizon_days=60, history_end=end, use_dask=False, prophet_in_auto=False,
                      candidates=("naive", "ets", "ets_yearly"))
    assert (r.selection["model"] == "ets_yearly").mean() >= 0.5
    cols = (dates > end) & (dates <= end + pd.Timedelta(days=60))
    truth = lam[:, cols].sum(axis=1)
    got = r.forecasts.groupby("sku")["mean"].sum().to_numpy()
    assert np.all(np.abs(got / truth - 1) < 0.10), got / truth
    plain = make_model("ets").fit(build_panel(sales, skus=skus, history_end=end)).predict_arrays(60)[0].sum(axis=1)
    assert np.mean(np.abs(plain / truth - 1)) > 2 * np.mean(np.abs(got / truth - 1))


def _fast_seller(stockout: slice, n_days: int = 240, rate: float = 40.0, seed: int = 5):
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2025-01-01", periods=n_days, freq="D")
    y = rng.poisson(rate, n_days).astype(float)
    y[stockout] = 0.0
    return pd.DataFrame({"date": dates, "sku": "FAST", "region": "US", "units": y}), dates


def test_stockout_run_in_a_fast_seller_leaves_the_forecast_at_the_pre_stockout_rate():
    """A 12-day run of zeros just before the history end of a 40-units/day seller is a stockout, not a collapse
    in demand: detected without stock data, and read from ``stock_history`` when given."""
    from linkstar_analytics.forecast.censoring import censored_mask

    sales, dates = _fast_seller(slice(224, 236))
    panel = build_panel(sales)
    naive_mean = make_model("ets").fit(panel).predict_arrays(14)[0].mean()
    panel.censored = censored_mask(panel)
    assert panel.censored[0, 224:236].all() and panel.censored.sum() == 12
    mean = make_model("ets").fit(panel).predict_arrays(14)[0].mean()
    assert mean == pytest.approx(40.0, rel=0.1)
    assert naive_mean < 0.85 * 40.0  # without the correction the zeros drag the level down
    # zeros a slow seller explains are demand, not stockouts: an intermittent series keeps its zero runs
    from linkstar_analytics.forecast.censoring import detect_zero_runs

    slow = np.random.default_rng(1).poisson(0.3, (1, 240)).astype(float)
    slow[0, 200:215] = 0.0
    assert not detect_zero_runs(slow).any()
    dead = np.r_[np.random.default_rng(2).poisson(20.0, 150), np.zeros(60)][None, :].astype(float)
    assert not detect_zero_runs(dead).any()  # two months of zeros up to today: delisted, not out of stock
    # from the stock table: two low-sales days while out of stock are censored too
    stock = pd.DataFrame({"date": dates[[100, 101]], "sku": "FAST", "on_hand_units": [0.0, 0.0]})
    sales2, _ = _fast_seller(slice(0, 0))
    sales2.loc[[100, 101], "units"] = [3.0, 1.0]
    r = run_forecasts(sales2, None, None, horizon_days=7, use_dask=False, prophet_in_auto=False,
                      candidates=("naive", "ets"), stock_history=stock)
    assert set(pd.to_datetime(r.censored["date"])) == set(dates[[100, 101]])
    assert (r.censored["corrected_units"] > 30).all()


def test_conformal_calibration_covers_held_out_windows_within_5_points():
    """A simulated panel (negative binomial days around a level that drifts as a random walk, so in-sample errors
    understate both daily and window spread): calibrated on three backtest origins, the P10-P90 band covers
    held-out days and 28-day window totals at 80 % +- 5 points, the window P95 at 95 % +- 5 points."""
    from linkstar_analytics.forecast import backtest as bt
    from linkstar_analytics.forecast.calibration import apply_calibration, calibration_samples, fit_calibration

    rng = np.random.default_rng(11)
    n, t = 400, 400
    level = rng.uniform(5, 40, n)[:, None] * np.exp(np.cumsum(rng.normal(0, 0.03, (n, t)), axis=1))
    y = rng.negative_binomial(4, 4 / (4 + level)).astype(float)
    dates = pd.date_range("2025-01-01", periods=t, freq="D")
    sales = pd.DataFrame({"date": np.tile(dates, n), "sku": np.repeat([f"S{i}" for i in range(n)], t),
                          "region": "US", "units": y.ravel()})
    panel = build_panel(sales)
    hold = 28
    train = panel.truncate(dates[-hold - 1])
    fc = {}
    bt.rolling_backtest(train, ("ets",), horizon_days=28, n_origins=3, forecasts_by_origin=fc)
    chosen = np.full(n, "ets", dtype=object)
    cal = fit_calibration(calibration_samples(fc, chosen), np.full(n, "c"))
    mean, sigma, rho = make_model("ets").fit(train).predict_arrays(hold)
    sig, rho2, scale = apply_calibration(cal, mean, sigma, rho, chosen, np.full(n, "c"))
    actual = panel.units[:, -hold:]
    from linkstar_analytics.forecast.base import gamma_quantiles

    q = gamma_quantiles(mean, sig, [0.1, 0.9])
    daily = ((actual >= q[..., 0]) & (actual <= q[..., 1])).mean()
    s1, s2 = sig.sum(axis=1), (sig ** 2).sum(axis=1)
    sd = scale * np.sqrt((1 - rho2) * s2 + rho2 * s1 ** 2)
    wq = gamma_quantiles(mean.sum(axis=1), sd, [0.1, 0.9, 0.95])
    tot = actual.sum(axis=1)
    window = ((tot >= wq[:, 0]) & (tot <= wq[:, 1])).mean()
    p95 = (tot <= wq[:, 2]).mean()
    raw_sd = np.sqrt((1 - rho) * (sigma ** 2).sum(axis=1) + rho * sigma.sum(axis=1) ** 2)
    raw = gamma_quantiles(mean.sum(axis=1), raw_sd, [0.1, 0.9])
    assert abs(daily - 0.80) <= 0.05, daily
    assert abs(window - 0.80) <= 0.05, window
    assert abs(p95 - 0.95) <= 0.05, p95
    assert ((tot >= raw[:, 0]) & (tot <= raw[:, 1])).mean() < 0.70  # uncalibrated: far too narrow


def test_prophet_alone_without_campaigns_on_more_than_one_chunk():
    """``forecast --model prophet`` without a campaign calendar on two Dask chunks (it used to fail scattering an
    empty dict)."""
    from distributed import Client, LocalCluster

    rng = np.random.default_rng(2)
    dates = pd.date_range("2025-06-01", periods=20, freq="D")
    sales = pd.DataFrame({"date": np.tile(dates, 9), "sku": np.repeat([f"P{i}" for i in range(9)], 20), "region": "US",
                          "units": rng.poisson(6, 9 * 20)})
    calls = []
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        r = run_forecasts(sales, None, None, horizon_days=7, model="prophet", use_dask=True, client=client,
                          progress=lambda d, t: calls.append((d, t)))
    assert (r.forecasts["model"] == "prophet").all() and len(r.forecasts) == 9 * 7
    assert calls[-1][0] == calls[-1][1] and len(calls) >= 3  # progress per chunk
    assert r.campaign_effects.empty


def test_campaign_effects_cover_event_days_and_persist(synthetic):
    sales, skus, camps = synthetic
    r = run_forecasts(sales, skus, camps, horizon_days=21, model="ets", use_dask=False, history_end="2025-11-20")
    eff = r.campaign_effects
    assert list(eff.columns) == ["sku", "region", "date", "campaign_id", "multiplier", "cv"]
    bf = eff[eff["campaign_id"] == "BFCM-2025"]
    us = bf[bf["region"] == "US"]
    assert set(pd.to_datetime(us["date"])) >= set(pd.date_range("2025-11-28", "2025-12-01"))
    assert (bf["multiplier"] > 1.5).mean() > 0.5 and (bf["cv"] > 0).all()
    assert "window_sd_scale" in r.forecasts.columns and (r.forecasts["rho"].between(0, 1)).all()
    back = ForecastResult.from_frames(r.to_frames())
    pd.testing.assert_frame_equal(back.campaign_effects.reset_index(drop=True), eff.reset_index(drop=True))
    old = {k: v for k, v in r.to_frames().items() if k not in ("campaign_effects", "censored")}
    legacy = ForecastResult.from_frames(old)  # results stored before campaign effects still load
    assert legacy.campaign_effects.empty and legacy.censored.empty
    camp = r.campaign_forecasts()
    on = camp["campaign_id"] == "BFCM-2025"
    assert on.any() and (camp.loc[on, "uplift"] > 1).mean() > 0.5
    # the window quantiles read the calibrated window spread
    q = window_quantiles(r.forecasts, "2025-11-21", "2025-12-11", (0.1, 0.9))
    assert (q[:, 1] >= q[:, 0]).all()


def _run_cli(command, argv):
    from linkstar_analytics.cli import main

    return main([command, *argv])


@pytest.mark.parametrize("command,extra", [("forecast", []), ("backtest", ["--cutoff", "2025-01-20"])])
def test_clis_reject_a_bad_file_with_file_row_column_and_fix(tmp_path, capsys, command, extra):
    good = pd.DataFrame({"date": pd.date_range("2025-01-01", periods=30).strftime("%Y-%m-%d"), "sku": "A",
                         "units": 5})
    bad = good.copy()
    bad.loc[1, "units"] = -3
    p = tmp_path / "my_sales.csv"
    bad.to_csv(p, index=False)
    out = tmp_path / "new" / "folder" / ("fc.csv" if command == "forecast" else "bt.json")
    code = _run_cli(command, ["--sales", str(p), "--horizon", "7", "--model", "naive", "--out", str(out), *extra])
    err = capsys.readouterr().err
    assert code == 1
    assert "my_sales.csv, row 3, column 'units'" in err and "Fix:" in err and "Traceback" not in err
    p.write_text("day,item\n2025-01-01,A\n", encoding="utf-8")  # wrong columns
    assert _run_cli(command, ["--sales", str(p), "--horizon", "7", "--out", str(out), *extra]) == 1
    assert "column" in capsys.readouterr().err
    assert _run_cli(command, ["--sales", str(tmp_path / "nope.csv"), "--horizon", "7", "--out", str(out), *extra]) == 1
    assert "does not exist" in capsys.readouterr().err
    good.to_csv(p, index=False)  # a good file into a folder that does not exist yet: created
    assert _run_cli(command, ["--sales", str(p), "--horizon", "7", "--model", "naive", "--out", str(out), *extra]) == 0
    assert out.exists()


def test_campaign_key_groups_frequent_promotions():
    from linkstar_analytics.forecast.holidays import campaign_key

    assert campaign_key("SNAP-CA-2015-03") == campaign_key("SNAP-CA-2016-11") == "SNAP-CA"
    assert campaign_key("SPRING-2025") == "SPRING"
    assert make_campaigns()["campaign_id"].map(campaign_key).tolist() == ["BFCM", "BFCM", "11.11", "11.11"]
