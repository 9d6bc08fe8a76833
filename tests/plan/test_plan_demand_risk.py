"""The plan's demand law and its closed-form loss functions, checked against scipy and a Monte Carlo of the same law.

The Monte Carlo draws 200,000 values of the SAME distribution the plan uses (a moment-matched Gamma with the count
zero mass, ``D = F_G^-1(U) 1{U > p0}``), one draw per equal-probability stratum of U (stratified sampling: plain
draws would leave a standard error of about 10 % on the expected shortage at a 99.9 % stock, far above the 1 %
tolerance checked here).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats

from linkstar_analytics.distributions import count_zero_prob
from linkstar_analytics.plan.risk import (
    envelope_risk,
    expected_shortage,
    law_from_moments,
    law_quantile,
    tail_prob,
    unit_gamma_quantile,
)

N_DRAWS = 200_000
#: (window mean, window variance): an intermittent slow seller (zero mass 19 %), a mid seller, a fast seller
LAWS = [(3.0, 9.0), (50.0, 400.0), (2000.0, 90_000.0)]


def _draws(mean: float, var: float, seed: int = 0) -> np.ndarray:
    """200,000 stratified draws of the plan's demand law (one per stratum of U)."""
    rng = np.random.default_rng(seed)
    u = (np.arange(N_DRAWS) + rng.random(N_DRAWS)) / N_DRAWS
    a, theta = mean * mean / var, var / mean
    p0 = count_zero_prob(np.array([mean]), np.array([var]))[0]
    return np.where(u > p0, stats.gamma.ppf(u, a, scale=theta), 0.0)


@pytest.mark.parametrize("mean,var", LAWS)
@pytest.mark.parametrize("level", [0.5, 0.9, 0.95, 0.99, 0.995, 0.999])
def test_expected_shortage_leftover_and_stockout_match_monte_carlo(mean, var, level):
    """Within 1 % of the Monte Carlo on expected shortage, expected leftover and stockout probability, at stocks
    from the median to the 99.9 % quantile (where the old 64-point grid understated shortage by 82 %)."""
    law = law_from_moments(np.array([mean]), np.array([var]), cut_newton_steps=3)
    d = _draws(mean, var)
    stock = float(law_quantile(law, level)[0])
    short = float(expected_shortage(law, np.array([stock]))[0])
    left = stock - float(law.mean[0]) + short
    prob = float(tail_prob(law, np.array([stock]))[0])
    assert short == pytest.approx(np.maximum(d - stock, 0).mean(), rel=0.01)
    assert left == pytest.approx(np.maximum(stock - d, 0).mean(), rel=0.01)
    assert prob == pytest.approx((d > stock).mean(), rel=0.01)
    assert float(law.mean[0]) == pytest.approx(d.mean(), rel=1e-3)


def test_service_levels_995_and_999_give_different_plans():
    """Quantities and risk keep moving all the way up the tail: no level collapses to a stockout of 0."""
    law = law_from_moments(np.array([50.0, 2000.0]), np.array([400.0, 90_000.0]))
    s995, s999 = law_quantile(law, 0.995), law_quantile(law, 0.999)
    assert np.all(s999 > s995 + 1.0)
    p995, p999 = tail_prob(law, s995), tail_prob(law, s999)
    np.testing.assert_allclose(p995, 0.005, rtol=2e-3)
    np.testing.assert_allclose(p999, 0.001, rtol=2e-3)
    assert np.all(expected_shortage(law, s999) < expected_shortage(law, s995))
    assert np.all(expected_shortage(law, s999) > 0)


@pytest.mark.parametrize("shape", [0.02, 0.3, 1.0, 3.7, 40.0, 900.0, 5e4])
def test_quantile_table_matches_scipy(shape):
    probs = np.array([0.01, 0.1, 0.3, 0.5, 0.8, 0.95, 0.99, 0.999, 0.9999])
    got = unit_gamma_quantile(np.full(probs.size, shape), probs)
    exact = special.gammaincinv(shape, probs) / shape
    tol = 4e-3 if shape < 0.1 else 5e-4
    np.testing.assert_allclose(got, exact, rtol=tol)


def test_envelope_of_one_tranche_is_the_loss_function():
    """With all stock at the window start the envelope is ``E[(B - S)+]`` (slope 1, intercept S)."""
    law = law_from_moments(np.array([50.0, 50.0]), np.array([400.0, 400.0]))
    s = np.array([40.0, 80.0])
    r = envelope_risk(law, np.ones((2, 1)), s[:, None])
    np.testing.assert_allclose(r.expected_lost, expected_shortage(law, s), rtol=1e-12)
    np.testing.assert_allclose(r.stockout_prob, tail_prob(law, s), rtol=1e-12)


@pytest.mark.parametrize("mean,var", LAWS[1:])
def test_envelope_with_a_mid_window_tranche_matches_monte_carlo(mean, var):
    """Stock A at the start, Q landing when a share f of the window's demand has passed: units lost
    ``max(0, f D - A, D - A - Q)`` (lost sales: the stock at the start runs out first, then the rest)."""
    law = law_from_moments(np.array([mean]), np.array([var]))
    d = _draws(mean, var, seed=3)
    a, q, f = 0.3 * mean, 0.9 * mean, 0.35
    r = envelope_risk(law, np.array([[f, 1.0]]), np.array([[a, a + q]]))
    lost = np.maximum(0, np.maximum(f * d - a, d - a - q))
    assert r.expected_lost[0] == pytest.approx(lost.mean(), rel=0.01)
    assert r.stockout_prob[0] == pytest.approx((lost > 0).mean(), rel=0.01)


@settings(max_examples=60, deadline=None)
@given(st.floats(0.5, 5000), st.floats(1.05, 30), st.floats(0, 2), st.floats(0, 2), st.floats(0.05, 0.95),
       st.floats(0.0, 1.0))
def test_envelope_equals_brute_force_integration(mean, disp, a_rel, q_rel, f, known_rel):
    """The envelope's closed form against a fine quadrature of the same law, for any stock, order, landing share
    and known demand (including known demand above the stock: a sure loss)."""
    var = mean * disp + 0.05 * mean * mean
    law = law_from_moments(np.array([mean]), np.array([var]))
    k = 20_000
    u = (np.arange(k) + 0.5) / k
    p0 = count_zero_prob(np.array([mean]), np.array([var]))[0]
    d = np.where(u > p0, stats.gamma.ppf(u, mean * mean / var, scale=var / mean), 0.0)
    a = a_rel * mean
    q = q_rel * mean
    known = known_rel * mean
    c = np.array([[a - 0.5 * known, a + q - known]])  # half the known units due before the order lands
    r = envelope_risk(law, np.array([[f, 1.0]]), c)
    lost = np.maximum(0, np.maximum(f * d - c[0, 0], d - c[0, 1]))
    scale = max(mean, 1.0)
    assert r.expected_lost[0] == pytest.approx(lost.mean(), rel=0.02, abs=2e-3 * scale)


@settings(max_examples=60, deadline=None)
@given(st.floats(0.5, 5000), st.floats(1.05, 30), st.floats(0, 3), st.floats(0, 3))
def test_more_stock_never_raises_stockout_nor_lowers_leftover(mean, disp, s1, extra):
    var = mean * disp
    law = law_from_moments(np.array([mean]), np.array([var]))
    lo, hi = np.array([s1 * mean]), np.array([(s1 + extra) * mean])
    assert tail_prob(law, hi)[0] <= tail_prob(law, lo)[0] + 1e-12
    assert expected_shortage(law, hi)[0] <= expected_shortage(law, lo)[0] + 1e-9
    left = lambda s: s - law.mean + expected_shortage(law, s)  # noqa: E731
    assert left(hi)[0] >= left(lo)[0] - 1e-9


def test_normal_loss_function_textbook_value():
    """For a large shape the Gamma tends to the normal: standard normal loss L(1.0) = 0.0833 (Silver, Pyke &
    Peterson, Appendix B table of G(k)) for stock one sd above the mean."""
    mean, sd = 1e6, 1e3
    law = law_from_moments(np.array([mean]), np.array([sd * sd]))
    loss = expected_shortage(law, np.array([mean + sd]))[0] / sd
    assert loss == pytest.approx(0.0833, abs=5e-4)
    assert tail_prob(law, np.array([mean + sd]))[0] == pytest.approx(1 - stats.norm.cdf(1.0), abs=1e-3)


def test_zero_mass_matches_forecast_quantiles():
    """Slow sellers: the plan's law and forecast.base.gamma_quantiles apply the same count zero mass, so a quantile
    is 0 exactly when the forecast's is; a series with no demand has no stockout risk."""
    from linkstar_analytics.forecast.base import gamma_quantiles

    mean = np.array([0.0, 1e-12, 0.4, 3.0, 30.0])
    var = np.array([0.0, 1e-12, 0.9, 12.0, 200.0])
    law = law_from_moments(mean, var)
    probs = np.array([0.05, 0.1, 0.3, 0.5, 0.7, 0.9])
    plan = np.stack([law_quantile(law, p) for p in probs], axis=1)
    fc = gamma_quantiles(mean, np.sqrt(var), probs)
    assert ((plan == 0) == (fc == 0)).all()
    np.testing.assert_allclose(plan, fc, rtol=5e-3, atol=1e-9)
    assert tail_prob(law, np.zeros(5))[0] == 0 and tail_prob(law, np.zeros(5))[1] == 0
    # P(D > 0) = 1 - P(0) for a slow seller
    assert tail_prob(law, np.zeros(5))[2] == pytest.approx(1 - count_zero_prob(mean[2:3], var[2:3])[0], rel=1e-3)


@settings(max_examples=40, deadline=None)
@given(st.floats(1, 5000), st.floats(1.05, 20), st.lists(st.floats(0.05, 1.0), min_size=2, max_size=4),
       st.floats(0.0, 2.5), st.lists(st.floats(0.01, 1.0), min_size=4, max_size=4))
def test_splitting_a_market_never_lowers_expected_stockout(mean, disp, raw_shares, stock_rel, raw_split):
    """Pooling: the same total stock split over more warehouses (each facing its own share's distribution) never
    loses fewer units than one warehouse holding it all (demand routed to each warehouse is a thinning of the
    market's: sum of E[(D_w - S_w)+] >= E[(D - S)+])."""
    from linkstar_analytics.plan.demand import WindowDemand, line_laws

    var = mean * disp
    shares = np.array(raw_shares) / sum(raw_shares)
    split = np.array(raw_split[: shares.size]) / sum(raw_split[: shares.size])
    total = stock_rel * mean
    wd = WindowDemand(end=1, uplift_multiplier=1.0, count_mean=np.array([mean]), count_var=np.array([var]),
                      baseline=law_from_moments(np.array([mean]), np.array([var])), presale_units=np.zeros(1),
                      creator_units=np.zeros(1), inputs=None)
    one = expected_shortage(wd.baseline, np.array([total]))[0]
    laws = line_laws(wd, np.zeros(shares.size, dtype=np.int64), shares)
    many = expected_shortage(laws, total * split).sum()
    assert many >= one - 1e-9 * max(mean, 1.0)
    np.testing.assert_allclose(laws.mean.sum(), wd.baseline.mean[0], rtol=1e-9)


def test_an_order_landing_before_the_window_is_not_a_sure_stockout():
    """No stock today, the order (Q units) lands before the window starts: the first tranche sells nothing (slope 0)
    and holds nothing (0), so the only way to run short is B > Q. The stockout probability is P(B > Q), not 1, and
    the one-tranche closed form of the same law agrees."""
    law = law_from_moments(np.array([2000.0]), np.array([600.0 ** 2]))
    q = 3000.0
    env = envelope_risk(law, np.array([[0.0, 1.0]]), np.array([[0.0, q]]))
    one = envelope_risk(law, np.array([[1.0]]), np.array([[q]]))
    assert env.stockout_prob[0] == pytest.approx(one.stockout_prob[0], rel=1e-9)
    assert env.expected_lost[0] == pytest.approx(one.expected_lost[0], rel=1e-6)
    assert env.stockout_prob[0] == pytest.approx(float(tail_prob(law, np.array([q]))[0]), rel=1e-9)
    assert env.stockout_prob[0] < 0.1
    # a flat first tranche whose known demand exceeds its stock stays a sure loss
    sure = envelope_risk(law, np.array([[0.0, 1.0]]), np.array([[-5.0, q]]))
    assert sure.stockout_prob[0] == pytest.approx(1.0)
