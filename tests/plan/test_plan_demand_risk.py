"""Demand grid accuracy and risk integration over the grid (against brute force and closed forms)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from linkstar_analytics.plan.demand import gamma_unit_quantiles, quantile_at
from linkstar_analytics.plan.risk import GridIndex, line_risk, stockout_prob_at

K = 64
PROBS = (np.arange(K) + 0.5) / K


@pytest.mark.parametrize("shape", [0.002, 0.05, 0.5, 1.0, 3.7, 40.0, 900.0, 5e4, 1e7])
def test_gamma_table_matches_scipy(shape):
    got = gamma_unit_quantiles(np.array([shape]), K)[0]
    if shape <= 1e5:
        exact = stats.gamma.ppf(PROBS, shape, scale=1.0 / shape)
    else:  # normal limit beyond the table
        exact = 1.0 + stats.norm.ppf(PROBS) / np.sqrt(shape)
    # relative to the distribution's scale (sd = 1/sqrt(shape) for a unit mean)
    scale = max(1.0 / np.sqrt(shape), 1e-3)
    assert np.max(np.abs(got - exact)) / scale < 3e-3
    assert np.all(np.diff(got) >= -1e-12)


def test_quantile_at_interpolates_between_grid_points():
    grid = np.array([[0.0, 10.0, 20.0, 30.0]])  # probs 0.125, 0.375, 0.625, 0.875
    assert quantile_at(grid, 0.125)[0] == pytest.approx(0.0)
    assert quantile_at(grid, 0.5)[0] == pytest.approx(15.0)
    assert quantile_at(grid, 0.99)[0] == pytest.approx(30.0)


def _brute(grid, rows, share, stock):
    d = share[:, None] * grid[rows]
    s = stock[:, None]
    return (d > s).mean(axis=1), np.maximum(d - s, 0).mean(axis=1), np.maximum(s - d, 0).mean(axis=1)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 6), st.integers(1, 30))
def test_line_risk_equals_brute_force(seed, n_series, n_lines):
    rng = np.random.default_rng(seed)
    grid = np.sort(rng.gamma(rng.uniform(0.3, 5), rng.uniform(1, 50), (n_series, K)), axis=1)
    grid[0] = np.round(grid[0])  # ties between grid points and stock
    rows = rng.integers(0, n_series, n_lines)
    share = np.where(rng.random(n_lines) < 0.2, 0.0, rng.uniform(0.05, 1.0, n_lines))
    stock = np.where(rng.random(n_lines) < 0.3, np.round(share * grid[rows, rng.integers(0, K, n_lines)]),
                     rng.uniform(0, 200, n_lines))
    idx = GridIndex(grid)
    r = line_risk(idx, rows, share, stock, grid.mean(axis=1))
    p, lost, left = _brute(grid, rows, share, stock)
    np.testing.assert_allclose(r.stockout_prob, p, atol=1e-12)
    np.testing.assert_allclose(r.expected_lost_units, lost, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(r.expected_leftover_units, left, rtol=1e-9, atol=1e-7)
    dm = share * grid[rows].mean(axis=1)
    fill = np.where(dm > 0, 1 - lost / np.where(dm > 0, dm, 1), 1.0)
    np.testing.assert_allclose(r.fill_rate, np.clip(fill, 0, 1), atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.floats(0, 500), st.floats(0, 500))
def test_more_stock_never_raises_stockout_nor_lowers_leftover(seed, s1, extra):
    rng = np.random.default_rng(seed)
    grid = np.sort(rng.gamma(1.5, 40.0, (3, K)), axis=1)
    idx = GridIndex(grid)
    rows = np.array([0, 1, 2])
    share = np.array([1.0, 0.4, 0.7])
    lo = line_risk(idx, rows, share, np.full(3, s1), grid.mean(axis=1))
    hi = line_risk(idx, rows, share, np.full(3, s1 + extra), grid.mean(axis=1))
    assert np.all(hi.stockout_prob <= lo.stockout_prob + 1e-12)
    assert np.all(hi.expected_lost_units <= lo.expected_lost_units + 1e-9)
    assert np.all(hi.expected_leftover_units >= lo.expected_leftover_units - 1e-9)


def test_normal_loss_function_textbook_value():
    """Standard normal loss L(z) = phi(z) - z(1 - Phi(z)); L(1.0) = 0.0833 (Silver, Pyke & Peterson,
    Appendix B table of G(k)). A fine grid of N(0,1) reproduces it."""
    k = 4000
    grid = stats.norm.ppf((np.arange(k) + 0.5) / k)[None, :] + 10.0  # shift: stock is never negative
    idx = GridIndex(grid)
    r = line_risk(idx, np.array([0]), np.array([1.0]), np.array([11.0]), grid.mean(axis=1))
    assert r.expected_lost_units[0] == pytest.approx(0.0833, abs=5e-4)
    assert r.stockout_prob[0] == pytest.approx(1 - stats.norm.cdf(1.0), abs=1e-3)


def test_stockout_prob_at_threshold_edges():
    grid = np.array([[1.0, 2.0, 3.0, 4.0]])
    idx = GridIndex(grid)
    assert stockout_prob_at(idx, np.array([0, 0, 0]), np.array([0.0, 2.0, np.inf])).tolist() == [1.0, 0.5, 0.0]


def test_demand_grid_zero_mass_matches_forecast_quantiles():
    """Slow sellers: the plan grid and forecast.base.gamma_quantiles apply the same count zero mass, so
    a grid point is 0 exactly when the forecast's quantile at that probability is 0; a series with no
    demand has an all-zero grid, and a line holding no stock then has no stockout risk."""
    from linkstar_analytics.distributions import apply_zero_mass, count_zero_prob
    from linkstar_analytics.forecast.base import gamma_quantiles

    mean = np.array([0.0, 1e-8, 0.4, 3.0, 30.0])
    var = np.array([0.0, 1e-8, 0.9, 12.0, 200.0])
    ok = mean > 0
    shape = np.where(ok, mean ** 2 / np.where(ok, var, 1.0), 1.0)
    grid = apply_zero_mass(gamma_unit_quantiles(shape, K), PROBS, count_zero_prob(mean, var)) * mean[:, None]
    fc = gamma_quantiles(mean, np.sqrt(var), PROBS)
    assert ((grid == 0) == (fc == 0)).all()
    np.testing.assert_allclose(grid, fc, rtol=5e-3, atol=1e-9)
    idx = GridIndex(grid)
    rows = np.arange(len(mean))
    risk = line_risk(idx, rows, np.ones(len(mean)), np.zeros(len(mean)), grid.mean(axis=1))
    assert risk.stockout_prob[0] == 0 and risk.stockout_prob[1] == 0
    assert 0 < risk.stockout_prob[2] < 0.5  # P(D > 0) = 1 - P(0) for a slow seller
