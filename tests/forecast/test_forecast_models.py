from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from linkstar_analytics.forecast import kernels
from linkstar_analytics.forecast.base import (FORECAST_COLUMNS, build_panel, gamma_quantiles, series_keys,
                                              validate_forecast_frame, window_quantiles)
from linkstar_analytics.forecast.models import make_model

from .conftest import edge_sales


@pytest.mark.parametrize("name", ["ets", "naive", "intermittent"])
def test_edge_series_give_finite_ordered_quantiles(name):
    panel = build_panel(edge_sales())
    fc = make_model(name).fit(panel).predict(14)
    assert list(fc.columns) == list(FORECAST_COLUMNS)
    validate_forecast_frame(fc)
    assert len(fc) == 5 * 14
    by = fc.groupby("sku")["mean"].mean()
    assert by["zero"] == 0.0
    assert by["constant"] == pytest.approx(5.0, rel=0.05)
    assert by["new"] == pytest.approx(4.0, rel=0.2)
    z = fc[fc["sku"] == "zero"]
    assert (z[["p10", "p50", "p90"]].to_numpy() == 0).all()


def test_prophet_on_tiny_series():
    df = edge_sales()
    df = df[df["sku"].isin(["constant", "new"])]
    fc = make_model("prophet").fit(build_panel(df)).predict(10)
    validate_forecast_frame(fc)
    assert fc.groupby("sku")["mean"].mean()["constant"] == pytest.approx(5.0, rel=0.1)
    assert fc.groupby("sku")["mean"].mean()["new"] == pytest.approx(4.0, rel=0.01)  # too short: mean fallback


def test_panel_densifies_missing_days_and_sums_channels():
    sales = pd.DataFrame({"date": ["2025-01-01", "2025-01-01", "2025-01-03"], "sku": ["A", "A", "A"],
                          "channel": ["shop", "live", "shop"], "units": [1, 2, 5], "region": "US"})
    p = build_panel(sales)
    np.testing.assert_array_equal(p.units[0], [3.0, 0.0, 5.0])
    other = pd.DataFrame({"date": ["2024-12-20"], "sku": ["B"], "units": [1], "region": "US"})
    skus = pd.DataFrame({"sku": ["A", "B"], "category": ["home", "beauty"], "launch_date": ["2024-12-30", "2020-01-01"]})
    p2 = build_panel(pd.concat([sales, other]), skus=skus)
    np.testing.assert_array_equal(p2.units[0, -5:], [0.0, 0.0, 3.0, 0.0, 5.0])  # from its launch date
    assert np.isnan(p2.units[0, :-5]).all()
    assert p2.dates[0] == pd.Timestamp("2024-12-20")  # launch before the sales table starts: from its first day
    assert p2.keys["category"].tolist() == ["home", "beauty"]


def test_holt_winters_matches_statsmodels_with_fixed_parameters():
    """Same recursion as statsmodels' ExponentialSmoothing (damped additive, additive season) given the
    same parameters and initial states."""
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    rng = np.random.default_rng(1)
    t = 84
    y = 20 + 0.1 * np.arange(t) + 3 * np.sin(2 * np.pi * np.arange(t) / 7) + rng.normal(0, 1, t)
    a, b, phi, g = 0.2, 0.05, 0.9, 0.1
    skip = np.zeros((1, t), dtype=bool)
    l0, s0 = kernels._init_level_season(y[None, :], ~skip, np.array([0]))
    state, _, _ = kernels.holt_winters_run(y[None, :], skip, np.array([[a, b, phi, g]]), keep_fitted=True)
    ours = kernels.holt_winters_forecast(state, 14)[0]
    init_season = s0[0]  # statsmodels' initial_seasonal[j] is the season of y[j] (j < 7): our phase j
    m = ExponentialSmoothing(y, trend="add", damped_trend=True, seasonal="add", seasonal_periods=7,
                             initialization_method="known", initial_level=l0[0], initial_trend=0.0,
                             initial_seasonal=init_season)
    r = m.fit(smoothing_level=a, smoothing_trend=b, smoothing_seasonal=g, damping_trend=phi, optimized=False)
    theirs = r.forecast(14)
    # statsmodels leaves the season of the last observed weekday without its final update (its loop stops at
    # y[n-2]); every other weekday must agree to rounding
    last_phase = np.arange(14) % 7 == 6
    np.testing.assert_allclose(ours[~last_phase], theirs[~last_phase], rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(ours[last_phase], theirs[last_phase], rtol=0.01)


def test_gamma_quantiles_properties():
    q = gamma_quantiles(np.array([0.0, 0.2, 5.0, 100.0]), np.array([1.0, 0.5, 2.0, 0.0]), [0.9, 0.1, 0.5])
    assert np.isfinite(q).all() and (q >= 0).all()
    assert (np.diff(q, axis=1) >= 0).all()
    assert (q[0] == 0).all() and (q[3] == 100.0).all()
    with pytest.raises(ValueError, match="probs"):
        gamma_quantiles(np.array([1.0]), np.array([1.0]), [0.0, 0.5])


def test_window_quantiles_ordered_and_monotone_in_window(synthetic):
    sales, skus, _ = synthetic
    fc = make_model("ets").fit(build_panel(sales, skus=skus)).predict(28)
    start = fc["date"].min()
    prev = None
    for days in (1, 7, 14, 28):
        q = window_quantiles(fc, start, start + pd.Timedelta(days=days - 1), [0.1, 0.5, 0.9])
        assert q.shape == (len(series_keys(fc)), 3)
        assert np.isfinite(q).all() and (q >= 0).all() and (np.diff(q, axis=1) >= 0).all()
        if prev is not None:
            assert (q >= prev - 1e-9).all()
        prev = q
    # for busy series (near-symmetric days) the total is narrower than the sum of daily quantiles
    # (days are not perfectly correlated); for sparse, skewed days this need not hold
    end = start + pd.Timedelta(days=27)
    q = window_quantiles(fc, start, end, [0.1, 0.9])
    g = fc.groupby(["sku", "region"])
    daily = g[["p10", "p90"]].sum().to_numpy()
    pos = g["mean"].mean().to_numpy() >= 5.0
    assert ((q[pos, 1] - q[pos, 0]) <= (daily[pos, 1] - daily[pos, 0]) + 1e-6).all()


def test_campaign_days_do_not_pollute_baseline(synthetic):
    from .conftest import make_campaigns, make_sales

    sales, skus = make_sales(n_series=6, lift=8.0)
    end = "2025-12-05"  # just after BFCM 2025
    clean = make_model("ets").fit(build_panel(sales, skus=skus, campaigns=make_campaigns(), history_end=end)).predict(7)
    dirty = make_model("ets").fit(build_panel(sales, skus=skus, history_end=end)).predict(7)
    us = clean["region"].isin(["US", "UK"])
    assert clean.loc[us, "mean"].sum() < dirty.loc[us, "mean"].sum()


def test_unknown_model_and_bad_horizon():
    with pytest.raises(ValueError, match="model must be one of"):
        make_model("arima")
    with pytest.raises(ValueError, match="horizon_days"):
        make_model("naive").fit(build_panel(edge_sales())).predict(0)


def test_yearly_index_carries_last_years_path():
    """A group whose sales doubled after the same point last year gets an index near 2 (and 1 without history)."""
    t = 800
    day = np.arange(t)
    origin = t - 1
    ly = origin - kernels.YEAR_DAYS  # the origin's day last year
    level = np.where(day > ly, 20.0, 10.0)  # last year: the step came right after the origin's date
    level = np.where(day > ly + 60, 10.0, level)  # and lasted 60 days
    y = np.tile(level, (3, 1))
    skip = np.zeros_like(y, dtype=bool)
    idx = kernels.yearly_index(y, skip, np.array(["g", "g", "g"]), 30)
    assert idx.shape == (3, 30)
    np.testing.assert_allclose(idx[:, 5:25], 2.0, rtol=1e-6)
    short = kernels.yearly_index(y[:, -300:], skip[:, -300:], np.array(["g", "g", "g"]), 30)
    assert (short == 1.0).all()


def test_prophet_holiday_frame_has_past_campaigns_and_public_holidays():
    from linkstar_analytics.forecast.holidays import holiday_frame

    from .conftest import make_campaigns

    hf = holiday_frame(make_campaigns(), "US", history_end=pd.Timestamp("2025-11-20"), years=[2024, 2025])
    assert {"holiday", "ds", "lower_window", "upper_window"} <= set(hf.columns)
    names = set(hf["holiday"])
    assert any(n.startswith("camp_BFCM") for n in names)  # last year's BFCM is learned
    assert not (hf["ds"] >= "2025-11-28").any() or not hf.loc[hf["ds"] >= "2025-11-28", "holiday"].str.startswith("camp_").any()
    assert any("Thanksgiving" in n for n in names)
    assert holiday_frame(None, "XX", history_end=pd.Timestamp("2025-01-01"), years=[2025]).empty


def test_level_recovers_after_a_run_of_zeros():
    """Days before the first sale (launch date earlier than the first sale) or a long stockout must not
    collapse the robust error scale: the level then follows the sales that come after, and the dispersion
    of one-step errors stays that of the data (Poisson here, phi ~ 1), not of a level stuck at 0."""
    rng = np.random.default_rng(7)
    dates = pd.date_range("2025-01-01", periods=300, freq="D")
    units = np.r_[np.zeros(90), rng.poisson(40.0, 210)]
    sales = pd.DataFrame({"date": dates, "sku": "S1", "region": "US", "units": units})
    model = make_model("ets").fit(build_panel(sales))
    mean, sigma, _ = model.predict_arrays(14)
    assert 30.0 < mean[0, 0] < 50.0
    assert model.phi_[0] < 4.0  # ~16 with a collapsed scale: level stuck at 0, every error counted in full
    assert sigma[0, 0] < 0.5 * mean[0, 0]


def test_gamma_quantiles_zero_mass_is_the_shared_rule():
    from linkstar_analytics.distributions import count_zero_prob

    mean = np.array([0.3, 2.0, 50.0])
    sd = np.sqrt(np.array([0.3, 6.0, 400.0]))
    p0 = count_zero_prob(mean, sd ** 2)
    np.testing.assert_allclose(p0[0], np.exp(-0.3))  # Poisson
    np.testing.assert_allclose(p0[1], (1 + 2.0 / 1.0) ** -1.0)  # NB size k = 4 / (6 - 2) = 1
    q = gamma_quantiles(mean, sd, [0.1, 0.5, 0.9])
    probs = np.array([0.1, 0.5, 0.9])
    assert ((q == 0) == (p0[:, None] >= probs[None, :])).all()


def test_spikes_are_day_noise_not_level_noise():
    """A few live-stream spikes on a Poisson series: the one-step dispersion is unchanged
    (phi_regular + phi_spike = phi), the regular part stays Poisson-like, spikes do not make days
    co-move (rho at its floor) and the spike part does not grow with the horizon; the 5-week window
    quantiles match a simulation of the same process."""
    from linkstar_analytics.forecast.base import RHO_BOUNDS, daily_sigma, scale_from_residuals, window_quantiles

    rng = np.random.default_rng(3)
    n = 420
    y = rng.poisson(20.0, n).astype(float)
    y[rng.choice(np.arange(30, n), 6, replace=False)] += 250.0
    dates = pd.date_range("2025-01-01", periods=n, freq="D")
    model = make_model("ets").fit(build_panel(pd.DataFrame({"date": dates, "sku": "S1", "region": "US", "units": y})))
    assert model.phi_[0] < 2.0 and model.spike_phi_[0] > 10.0
    assert model.rho_[0] == pytest.approx(RHO_BOUNDS[0])
    fitted = np.full((1, n), 20.0)
    valid = np.ones((1, n), dtype=bool)
    phi_all, _ = scale_from_residuals(y[None, :], fitted, valid)
    phi_reg, _, phi_spike = scale_from_residuals(y[None, :], fitted, valid, with_spikes=True)
    np.testing.assert_allclose(phi_reg + phi_spike, phi_all)
    sig = daily_sigma(np.full((1, 50), 20.0), phi_reg, 0.1, phi_spike)
    np.testing.assert_allclose(sig[0, [0, 49]] ** 2, 20.0 * (phi_reg[0] * np.array([1.0, 1.0 + 0.1 * 49]) + phi_spike[0]))
    frame = model.predict(60)
    q = window_quantiles(frame, dates[-1] + pd.Timedelta(days=21), dates[-1] + pd.Timedelta(days=55), probs=(0.5, 0.95))
    sims = rng.poisson(20.0, (20000, 35)).sum(axis=1) + 250.0 * rng.binomial(35, 6 / (n - 30), 20000)
    np.testing.assert_allclose(q[0], np.quantile(sims, [0.5, 0.95]), rtol=0.15)
