"""Emergency pool worked by hand on the hand-built plan (tests/plan/_handbuilt.py) and against a Monte Carlo.

FAST sells 50 a day (sd 10, rho 0.2) with uplift 3 on the 10 campaign days: window baseline B ~ Gamma with mean 2,200
and variance 47,040 (worked in test_plan_handworked.test_fast_seller_with_presale_and_creators); known units 250
(100 converted presale + 150 creator excess); one US warehouse, cartons of 10; landed 41.10 CNY, margin 78.90 CNY.
Its stock over the window is the 200 units left at the window start plus its order (it lands on time):
S = 200 + cartons(F^-1(95 %) + 250 - 200).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats

from linkstar_analytics.plan.emergency import POOL_COLUMNS, emergency_pool, pool_sizing
from linkstar_analytics.plan.inputs import build_plan_inputs
from linkstar_analytics.plan.risk import law_from_moments
from linkstar_analytics.plan.scenario import Scenario
from tests.plan._handbuilt import AS_OF, BASE, CAMPAIGN, CAPITAL_MONTH, COST_TABLES
from tests.plan._handbuilt import gamma_loss as _loss
from tests.plan._handbuilt import gamma_params as _gamma
from tests.plan._handbuilt import hand_tables


@lru_cache(maxsize=1)
def _hand():
    tables, fc, up = hand_tables()
    return tables, build_plan_inputs(tables, fc, up, CAMPAIGN, as_of=AS_OF, cost_tables=COST_TABLES)


def _pool(level: float = 99.0, threshold: float = 500, **levers):
    tables, pi = _hand()
    return emergency_pool(pi, Scenario(**{**BASE, **levers}), pool_level_pct=level,
                          creator_threshold_units=threshold, creators=tables["creators"])


def _row(frame: pd.DataFrame, sku: str) -> pd.Series:
    rows = frame[frame["sku"] == sku]
    assert len(rows) == 1
    return rows.iloc[0]


def test_fast_seller_pool_worked_by_hand():
    """FAST is the top SKU by revenue (a key SKU). Pool level 99 %:

    Q95 = F^-1(95 %) + 250, Q99 = F^-1(99 %) + 250; S = 200 + cartons(F^-1(95 %) + 50) >= Q95, so the reserve is
    R = cartons(Q99 - S). With t = S - 250: served = E[(B - t)+] - E[(B - t - R)+]; stockout probability
    P(B > t) -> P(B > t + R); left over R - served.
    Money: reserve value R x 41.10; margin on the units served x 78.90. The leftover of a continuing SKU sells at
    50 a day, so all of it sells within 6 months: cost(L) = L x max(L / (2 x 50 x 30), 0.5) x hold, hold = capital
    10 % / 12 x 41.10 (no storage in the hand-built warehouse); the pool adds cost(L + left) - cost(L), L the line's
    own expected leftover S - (2,450 - lost).
    """
    frame, totals = _pool(99.0)
    ln = _row(frame, "FAST")
    a, theta = _gamma(2200.0, 47040.0)
    q95, q99 = stats.gamma.ppf([0.95, 0.99], a, scale=theta)
    qty = np.ceil((q95 + 50.0) / 10.0) * 10.0
    S = 200.0 + qty
    assert ln["stock_units"] == pytest.approx(S)
    assert ln["service_quantity_units"] == pytest.approx(q95 + 250.0, rel=5e-4)
    assert ln["pool_quantity_units"] == pytest.approx(q99 + 250.0, rel=5e-4)
    R = np.ceil((q99 + 250.0 - S) / 10.0) * 10.0
    assert R > 0 and ln["reserve_units"] == R
    t = S - 250.0
    served = _loss(a, theta, t) - _loss(a, theta, t + R)
    assert ln["expected_served_units"] == pytest.approx(served, rel=1e-6)
    assert ln["expected_pool_leftover_units"] == pytest.approx(R - served, rel=1e-6)
    assert ln["stockout_prob_before"] == pytest.approx(stats.gamma.sf(t, a, scale=theta), rel=1e-6)
    assert ln["stockout_prob_after"] == pytest.approx(stats.gamma.sf(t + R, a, scale=theta), rel=1e-6)
    assert ln["stockout_prob_after"] < ln["stockout_prob_before"]
    assert ln["reserve_value"] == pytest.approx(R * 41.10, rel=1e-9)
    assert ln["margin_on_served"] == pytest.approx(served * 78.90, rel=1e-6)
    hold = CAPITAL_MONTH * 41.10

    def cost(units: float) -> float:
        return units * max(units / (2 * 50.0 * 30.0), 0.5) * hold

    own = S - (2450.0 - _loss(a, theta, t))
    extra = cost(own + R - served) - cost(own)
    assert ln["extra_leftover_cost"] == pytest.approx(extra, rel=1e-6)
    assert ln["net_value"] == pytest.approx(served * 78.90 - extra, rel=1e-6)
    assert ln["is_key_sku"] and ln["lands_in_time"] and ln["freight_mode"] == "sea"
    assert totals["reserve_units"] == frame["reserve_units"].sum()
    assert list(frame.columns) == list(POOL_COLUMNS)


def test_no_pool_at_or_below_the_service_level_and_a_higher_level_holds_more():
    at_service = _row(_pool(95.0)[0], "FAST")
    assert at_service["reserve_units"] == 0 and at_service["expected_served_units"] == 0
    assert at_service["stockout_prob_after"] == at_service["stockout_prob_before"]
    r99 = _row(_pool(99.0)[0], "FAST")["reserve_units"]
    r999 = _row(_pool(99.9)[0], "FAST")["reserve_units"]
    assert r999 > r99 > 0


def test_candidates_key_skus_and_creator_sessions():
    """Key SKUs 0: FAST is a candidate only through its 300-unit creator session, so the threshold decides."""
    frame, totals = _pool(99.0, threshold=300, key_sku_count=0)
    assert list(frame["sku"]) == ["FAST"] and _row(frame, "FAST")["creator_session_units"] == 300
    assert not _row(frame, "FAST")["is_key_sku"]
    frame, totals = _pool(99.0, threshold=301, key_sku_count=0)
    assert frame.empty and totals["candidates"] == 0 and totals["reserve_units"] == 0


def test_a_late_line_gets_its_pool_by_air_worked_by_hand():
    """LATE (production 20 days): by sea its order is sellable only on window day 11 (f = 220 / 680 of the window's
    baseline sells before it; test_plan_handworked.test_late_line_rescued_by_air), so it runs short early. Air is
    sellable on day 32, before the window starts (day 36): the pool ships by air, at 40 + 15.00 + 0.30 = 55.30 CNY a
    unit. B ~ Gamma(mean 680, variance 1,944), no known units, the line's stock over the window is its order q.
    R = cartons(F^-1(99 %) - max(q, F^-1(95 %))). Lost units with the pool at the start: L = max(0, f B - R,
    B - R - q); line 2 overtakes line 1 at B = q / (1 - f): if R / f < q / (1 - f),
    E[L] = f E[(B - R / f)+] + (1 - f) E[(B - q / (1 - f))+], first break R / f; else E[L] = E[(B - R - q)+].
    Before the pool: f E[B] + (1 - f) E[(B - q / (1 - f))+] (the plan's own line)."""
    frame, _ = _pool(99.0, key_sku_count=10)
    ln = _row(frame, "LATE")
    a, theta = _gamma(680.0, 1944.0)
    a_after, th_after = _gamma(460.0, 1548.0)
    q = np.ceil(stats.gamma.ppf(0.95, a_after, scale=th_after) / 10) * 10
    f = 220.0 / 680.0
    q95, q99 = stats.gamma.ppf([0.95, 0.99], a, scale=theta)
    R = np.ceil((q99 - max(q, q95)) / 10.0) * 10.0
    assert ln["lands_in_time"] and ln["freight_mode"] == "air" and ln["reserve_units"] == R
    lost_before = f * 680.0 + (1 - f) * _loss(a, theta, q / (1 - f))
    if R / f < q / (1 - f):
        lost_after = f * _loss(a, theta, R / f) + (1 - f) * _loss(a, theta, q / (1 - f))
        p_after = stats.gamma.sf(R / f, a, scale=theta)
    else:
        lost_after = _loss(a, theta, R + q)
        p_after = stats.gamma.sf(R + q, a, scale=theta)
    assert ln["expected_served_units"] == pytest.approx(lost_before - lost_after, rel=1e-6)
    assert ln["stockout_prob_before"] == pytest.approx(1.0)
    assert ln["stockout_prob_after"] == pytest.approx(p_after, rel=1e-6)
    assert ln["reserve_value"] == pytest.approx(R * 55.30, rel=1e-9)
    assert ln["margin_on_served"] == pytest.approx(ln["expected_served_units"] * (120.0 - 55.30), rel=1e-6)


def test_no_pool_for_a_line_that_loses_money():
    """LOSS sells at 50 CNY against 41.10 landed by sea: margin 8.90, it gets a pool. At a price of 40 CNY every unit
    served loses 1.10: no pool, unless the planner forces the SKU (as for the plan's own orders)."""
    frame, _ = _pool(99.0, key_sku_count=10)
    ln = _row(frame, "LOSS")
    assert ln["unit_margin"] == pytest.approx(50.0 - 41.10) and ln["reserve_units"] > 0
    tables, fc, up = hand_tables()
    tables = {**tables, "skus": tables["skus"].assign(price=np.where(tables["skus"]["sku"] == "LOSS", 40.0,
                                                                     tables["skus"]["price"]))}
    pi = build_plan_inputs(tables, fc, up, CAMPAIGN, as_of=AS_OF, cost_tables=COST_TABLES)
    kw = dict(pool_level_pct=99.0, creator_threshold_units=500, creators=tables["creators"])
    lost = _row(emergency_pool(pi, Scenario(**{**BASE, "key_sku_count": 10}), **kw)[0], "LOSS")
    assert lost["unit_margin"] < 0 and lost["reserve_units"] == 0 and not lost["lands_in_time"]
    forced = _row(emergency_pool(pi, Scenario(**{**BASE, "key_sku_count": 10, "force_order": ("LOSS",)}), **kw)[0],
                  "LOSS")
    assert forced["reserve_units"] > 0


def test_no_mode_in_time_no_pool():
    """SHIP's order takes 300 production days: no freight mode is sellable by the window start, so no pool."""
    frame, _ = _pool(99.0, key_sku_count=10)
    ln = _row(frame, "SHIP")
    assert not ln["lands_in_time"] and ln["reserve_units"] == 0 and ln["expected_served_units"] == 0
    assert ln["stockout_prob_after"] == ln["stockout_prob_before"]


@pytest.mark.parametrize("mean,var,known,stock", [(2200.0, 47040.0, 250.0, 2600.0), (40.0, 400.0, 0.0, 50.0),
                                                  (3.0, 12.0, 5.0, 9.0)])
def test_pool_sizing_matches_a_monte_carlo(mean, var, known, stock):
    """Units served and stockout probabilities against 400k draws of the same law (Gamma with the count zero mass:
    B = theta G 1{U > p0}, comonotone). Within 1 % (served) and 0.003 (probabilities)."""
    law = law_from_moments(np.array([mean]), np.array([var]))
    sz = pool_sizing(law, np.array([known]), np.array([stock]), np.ones((1, 1)), np.array([[stock - known]]),
                     service_level_pct=95.0, pool_level_pct=99.5, case_pack_units=np.array([1.0]))
    R = float(sz.reserve_units[0])
    assert R > 0
    rng = np.random.default_rng(7)
    u = rng.random(400_000)
    a, theta = float(law.shape[0]), float(law.scale[0])
    p0 = float(law.zero_prob[0])
    b = np.where(u > p0, special.gammaincinv(a, u) * theta, 0.0)
    d = b + known
    served = np.minimum(np.maximum(d - stock, 0.0), R).mean()
    assert float(sz.served_units[0]) == pytest.approx(served, rel=0.01)
    assert float(sz.prob_before[0]) == pytest.approx((d > stock).mean(), abs=0.003)
    assert float(sz.prob_after[0]) == pytest.approx((d > stock + R).mean(), abs=0.003)
