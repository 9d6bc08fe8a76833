"""Plan lines worked by hand: every figure a category manager decides on, with its arithmetic written out.

One market (US), one 3PL warehouse priced in CNY (no FX), costs kept to purchase + first leg + inbound (no duty, VAT,
commission, fulfilment, storage, last mile, returns or rush), so each line's landed cost is a sum you can do in your
head. The window runs from the inbound cutoff 2026-11-06 (day 36 after as_of 2026-10-01) to the campaign end
2026-11-29 (cover days 0): 24 days, the campaign on window days 14-23. Buffer 7 days: stock must be sellable by day 29.

Demand over the window is Gamma-distributed with the moments of the daily forecast (mean b, sd s, correlation rho):
mean = sum of daily means, variance = (1 - rho) sum s_t^2 + rho (sum s_t)^2; campaign days carry mean and sd x uplift.
Loss function of a Gamma(a, theta): E[(G - t)+] = a theta Q(a + 1, t / theta) - t Q(a, t / theta), Q the regularised
upper incomplete gamma (written with scipy's ``gammaincc`` here, an implementation independent of the plan's).
"""

from __future__ import annotations

from dataclasses import replace

from functools import lru_cache

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats  # noqa: F401

from linkstar_analytics.plan.engine import compute_plan
from linkstar_analytics.plan.inputs import build_plan_inputs
from linkstar_analytics.plan.scenario import Scenario
from tests.plan._handbuilt import AS_OF, BASE, CAMPAIGN, CAPITAL_MONTH, COST_TABLES
from tests.plan._handbuilt import gamma_loss as _loss
from tests.plan._handbuilt import gamma_params as _gamma
from tests.plan._handbuilt import hand_tables as _tables

@lru_cache(maxsize=2)
def _inputs(slow_discontinued: bool = False):
    tables, fc, up = _tables(slow_discontinued=slow_discontinued)
    return build_plan_inputs(tables, fc, up, CAMPAIGN, as_of=AS_OF, cost_tables=COST_TABLES)


@lru_cache(maxsize=8)
def _plan(**levers):
    if "freight_mode" in levers:
        levers["freight_mode"] = dict(levers["freight_mode"])
    return compute_plan(_inputs(levers.pop("slow_discontinued", False)), Scenario(**{**BASE, **levers}))


def _line(result, sku: str) -> pd.Series:
    rows = result.lines[(result.lines["sku"] == sku) & (result.lines["warehouse_id"] == "WH-US")]
    assert len(rows) == 1
    return rows.iloc[0]


def test_fast_seller_with_presale_and_creators():
    """FAST: 50 a day (sd 10, rho 0.2), uplift 3 on the 10 campaign days.

    Window mean = 14 x 50 + 10 x 150 = 2,200; sum of day sds = 14 x 10 + 10 x 30 = 440; sum of variances
    = 14 x 100 + 10 x 900 = 10,400; variance = 0.8 x 10,400 + 0.2 x 440^2 = 8,320 + 38,720 = 47,040.
    Presale 400 reservations x 25 % conversion = 100 units. Creators: 300 units scheduled; the forecast already holds
    10 % creator sales on campaign days (last year's live share) = 0.10 x 1,500 = 150, so the schedule adds 150.
    Known units = 250; expected demand = 2,450.
    Stock: 2,000 today minus 36 days x 50 expected before the window = 200 at the window start.
    Order (sea, on time: 2 + 2 + 20 + 2 + 3 = 29 days = the plan-by day): F^-1(95 %) + 250 - 200, in cartons of 10.
    Landed = 40 purchase + 0.80 sea + 0.30 inbound = 41.10; margin = 120 - 41.10 = 78.90.
    """
    r = _plan()
    ln = _line(r, "FAST")
    a, theta = _gamma(2200.0, 47040.0)
    q95 = stats.gamma.ppf(0.95, a, scale=theta)
    assert ln["presale_units"] == pytest.approx(100.0)
    assert ln["creator_units"] == pytest.approx(150.0)
    assert ln["demand_mean"] == pytest.approx(2450.0, rel=1e-6)
    assert ln["on_hand_units"] == pytest.approx(200.0)
    assert ln["qty_before_rounding"] == pytest.approx(q95 + 250.0 - 200.0, rel=5e-4)
    qty = np.ceil((q95 + 50.0) / 10.0) * 10.0
    assert ln["qty_after_rounding"] == qty
    # lost units: the baseline above the stock net of the known units
    t = 200.0 + qty - 250.0
    lost = _loss(a, theta, t)
    assert ln["expected_lost_units"] == pytest.approx(lost, rel=1e-6)
    assert ln["stockout_prob"] == pytest.approx(stats.gamma.sf(t, a, scale=theta), rel=1e-6)
    assert ln["fill_rate"] == pytest.approx(1 - lost / 2450.0, rel=1e-9)
    sold = 2450.0 - lost
    left = 200.0 + qty - sold
    assert ln["expected_leftover_units"] == pytest.approx(left, rel=1e-6)
    assert ln["landed_cost_per_unit"] == pytest.approx(40.0 + 0.8 + 0.3)
    assert ln["unit_margin"] == pytest.approx(120.0 - 41.1)
    # a continuing SKU's leftover waits max(sd / (2 x 30 x rate), 0.5) = max(216.9 / 3000, 0.5) = 0.5 months, at the
    # cost of capital on the 41.10 sunk in it: 0.5 x 0.10 / 12 x 41.10 = 0.171 a unit
    co = 0.5 * CAPITAL_MONTH * 41.1
    assert ln["overage_cost_per_unit"] == pytest.approx(co, rel=1e-9)
    assert ln["expected_revenue"] == pytest.approx(120.0 * sold, rel=1e-6)
    assert ln["expected_profit"] == pytest.approx(78.9 * sold - co * left, rel=1e-6)
    assert "late_po" not in ln["flags"] and ln["order_cover_pct"] == pytest.approx(100.0)


def test_intermittent_moq_bound_seller():
    """SLOW: 0.5 a day, variance 1.5 a day, no correlation: window mean 24 x 0.5 = 12, variance 24 x 1.5 = 36, a Gamma
    of shape 12^2 / 36 = 4 and scale 3; the count's zero mass (negative binomial of size 12^2 / (36 - 12) = 6) is
    (1 + 12 / 6)^-6 = 1 / 729. No stock. F^-1(95 %) = 3 x 7.754 = 23.3 units, far below the MOQ of 300.

    Topping up to the MOQ would sell about 12 units (margin 78.90 each: about 947) and leave about 288. After the
    campaign SLOW sells 0.5 a day, so within max_months_to_sell (6 months = 180 days) only 90 of them sell, waiting
    90 / (2 x 0.5) = 90 days = 3 months on average at the capital cost of their 41.10 sunk (no storage fee here); the
    other ~198 are written off at 41.10 + 15.62 removal - 9.00 recovered = 47.72 each (about 9,450). The MOQ costs
    far more than it earns, so the SKU is skipped.
    """
    r = _plan()
    ln = _line(r, "SLOW")
    a, theta = 4.0, 3.0
    p0 = (1 + 12 / 6) ** -6
    assert p0 == pytest.approx(1 / 729)
    q95 = stats.gamma.ppf(0.95, a, scale=theta)  # 0.95 > p0: above the zero mass
    assert ln["qty_before_rounding"] == pytest.approx(q95, rel=5e-4)
    mean = a * theta * special.gammaincc(a + 1, stats.gamma.ppf(p0, a))  # E[D] with the zero mass
    sold = mean - _loss(a, theta, 300.0)
    left = 300.0 - sold
    co_write_off = 41.1 + 2.20 * 7.10 - 0.075 * 120.0
    cost = 90.0 * 3.0 * CAPITAL_MONTH * 41.1 + (left - 90.0) * co_write_off
    assert 78.9 * sold - cost < 0
    assert ln["qty_after_rounding"] == 0 and "moq_skipped" in ln["flags"] and ln["below_moq"]
    # skipped, it leaves nothing over: the MOQ's leftover counts only the units an MOQ adds
    assert ln["moq_leftover_units"] == 0 and ln["moq_leftover_cost"] == 0
    assert r.totals["moq_leftover_units"] >= 0 and r.totals["moq_leftover_cost"] >= 0


def test_moq_bound_seller_that_sells_its_leftover_in_time():
    """SLOW again, but selling 10 a day after the campaign (the other figures unchanged): the ~288 units an MOQ order
    leaves over sell within 288 / 10 = 29 days, on average after half a month (the floor: 288 / (2 x 10) = 14.4
    days), at the capital cost of 0.5 months on 41.10 each: cheap next to the margin, so the MOQ order of 300 stands.
    The MOQ adds 300 - 30 = 270 units over the need in cartons (30); the leftover it causes is leftover(300) -
    leftover(30), each unit at 0.5 months of capital (still the per-unit overage co: a small leftover is priced
    as co per unit)."""
    pi = _inputs()
    fast_after = replace(pi, window=replace(pi.window, rate_after=pi.window.rate_after * 20.0))
    r = compute_plan(fast_after, Scenario(**BASE))
    ln = _line(r, "SLOW")
    a, theta = 4.0, 3.0
    p0 = (1 + 12 / 6) ** -6
    q95 = stats.gamma.ppf(0.95, a, scale=theta)
    assert ln["qty_after_rounding"] == 300.0
    assert ln["moq_added_units"] == 270.0 and ln["case_pack_added_units"] == pytest.approx(30.0 - q95, rel=1e-3)
    assert ln["below_moq"] and "moq_raised" in ln["flags"]

    def lost(stock):  # the zero mass cuts the Gamma's lowest 1/729 at 0: for a stock above that cut it does not matter
        return _loss(a, theta, stock)

    mean = a * theta * special.gammaincc(a + 1, stats.gamma.ppf(p0, a))  # E[D] with the zero mass
    left300 = 300 - (mean - lost(300.0))
    left30 = 30 - (mean - lost(30.0))
    co = 0.5 * CAPITAL_MONTH * 41.1
    assert ln["overage_cost_per_unit"] == pytest.approx(co, rel=1e-9)
    assert ln["moq_leftover_units"] == pytest.approx(left300 - left30, rel=1e-4)
    assert ln["moq_leftover_cost"] == pytest.approx((left300 - left30) * co, rel=1e-4)
    assert ln["leftover_cost"] == pytest.approx(ln["expected_leftover_units"] * co, rel=1e-9)
    assert ln["leftover_written_off_units"] == 0


def test_moq_order_skipped_when_it_costs_more_than_it_saves():
    """SLOW, discontinued (no baseline after the campaign): a leftover unit is written off. Liquidated: the sunk 41.10
    plus the removal fee (0.5 kg = 1.10 lb: the 1-2 lb band, USD 2.20, defaults.md §5, at 7.10 CNY) minus 7.5 % of
    the 120 price recovered: 41.10 + 15.62 - 9.00 = 47.72. Ordering the MOQ of 300 would sell about 12 units (margin
    78.90 each) and leave about 288 to write off at 47.72 each: the gain is deeply negative, so the SKU is skipped
    (0 ordered, flagged)."""
    r = _plan(slow_discontinued=True)
    ln = _line(r, "SLOW")
    co = 41.1 + 2.20 * 7.10 - 0.075 * 120.0
    assert ln["overage_cost_per_unit"] == pytest.approx(co, rel=1e-6)
    gain = 78.9 * 12.0 - co * (300 - 12.0)
    assert gain < 0
    assert ln["qty_after_rounding"] == 0 and "moq_skipped" in ln["flags"]
    assert r.totals["skus_moq_skipped"] == 1


def test_negative_margin_line_is_not_ordered_unless_forced():
    """LOSS sells at 50; shipped by air (15.00 a unit) it lands at 40 + 15 + 0.30 = 55.30: margin 50 - 55.30 = -5.30 on
    every unit sold. The profit policy's critical ratio is max(-5.30, 0) / (0 + co) = 0: order 0 (the old grid read its
    0.78 % quantile instead); the service policy orders 0 too unless the planner forces the SKU, and the line is
    flagged either way. Forced, it gets the service-level quantity: F^-1(95 %) of the window (mean 14 x 20 + 10 x 40 =
    680, variance 14 x 36 + 10 x 144 = 1,944)."""
    air = {"freight_mode": (("WH-US", "air"),)}
    for policy in ("service", "profit"):
        ln = _line(_plan(policy=policy, **air), "LOSS")
        assert ln["landed_cost_per_unit"] == pytest.approx(40.0 + 15.0 + 0.3)
        assert ln["unit_margin"] == pytest.approx(50.0 - 55.3)
        assert ln["critical_ratio"] == 0.0 and ln["newsvendor_qty"] == 0.0
        assert ln["qty_after_rounding"] == 0 and "negative_margin" in ln["flags"]
    forced = _line(_plan(force_order=("LOSS",), **air), "LOSS")
    a, theta = _gamma(680.0, 1944.0)
    assert forced["qty_before_rounding"] == pytest.approx(stats.gamma.ppf(0.95, a, scale=theta), rel=5e-4)
    assert "forced" in forced["flags"] and "negative_margin" in forced["flags"]


def test_late_line_rescued_by_air():
    """LATE: production 20 days. By sea the chain is 20 + 2 + 20 + 2 + 3 = 47 days: the PO was due on day 29 - 47 = -18,
    so ordered today the stock is sellable on day 47 = window day 11 (2026-11-17): it can only serve the days after.
    No stock: the 11 days before it lands (11 x 20 = 220 units, f = 220 / 680 of the window's baseline) are lost.
    The order covers the rest: days 11-13 at 20 and the 10 campaign days at 40, mean 460, variance 3 x 36 + 10 x 144
    = 1,548: need F_after^-1(95 %). Units lost (lost sales, demand spread as the daily means):
    E[max(f B, B - Q)] = f E[B] + (1 - f) E[(B - Q / (1 - f))+], B the window's Gamma (680, 1,944).
    By air (20 + 2 + 5 + 2 + 3 = 32 days) it is sellable on day 32, before the window starts: ordered for the whole
    window (F^-1(95 %)), it loses E[(B - Q_air)+]. The rescue saves the difference, at (15.00 - 0.80) more a
    unit (air against sea first leg; no rush in this example)."""
    r = _plan()
    ln = _line(r, "LATE")
    assert ln["sellable_date"] == AS_OF + pd.Timedelta(days=47)
    assert ln["sellable_from_date"] == pd.Timestamp("2026-11-17")
    assert "late_po" in ln["flags"] and "arrives_in_window" in ln["flags"]
    a_after, th_after = _gamma(460.0, 1548.0)
    need = stats.gamma.ppf(0.95, a_after, scale=th_after)
    assert ln["qty_before_rounding"] == pytest.approx(need, rel=5e-4)
    q = np.ceil(need / 10) * 10
    assert ln["qty_after_rounding"] == q
    a, theta = _gamma(680.0, 1944.0)
    f = 220.0 / 680.0
    lost_sea = f * 680.0 + (1 - f) * _loss(a, theta, q / (1 - f))
    assert ln["expected_lost_units"] == pytest.approx(lost_sea, rel=1e-6)
    assert ln["order_cover_pct"] == pytest.approx(100 * (1 - f), rel=1e-9)
    # the rescue
    assert ln["rescue_mode"] == "air"
    assert ln["rescue_sellable_date"] == AS_OF + pd.Timedelta(days=32)  # before the window: covers all of it
    q_air = np.ceil(stats.gamma.ppf(0.95, a, scale=theta) / 10) * 10
    assert ln["rescue_qty"] == q_air
    assert ln["rescue_units_saved"] == pytest.approx(lost_sea - _loss(a, theta, q_air), rel=1e-5)
    assert ln["rescue_extra_cost"] == pytest.approx(q_air * (15.0 - 0.8), rel=1e-9)


def test_shipment_landing_mid_window():
    """SHIP: no stock today; 300 units in transit land on 2026-11-16 (window day 10); an order can not land in time
    (production 300 days: sellable long after the window, by any mode, so nothing is ordered and nothing rescues it).
    Before the shipment lands nothing is there, so the first 10 days' demand (f = 10 x 20 / 680 of the window's
    baseline) is lost, and the 300 units serve the rest: L = max(f B, B - 300) = f B + (1 - f) (B - 300 / (1 - f))+,
    E[L] = f x 680 + (1 - f) E[(B - 425)+], B the window's Gamma (mean 680, variance 1,944). The shipment shows as in
    transit inside the window and in the stock available to sell."""
    r = _plan()
    ln = _line(r, "SHIP")
    a, theta = _gamma(680.0, 1944.0)
    assert ln["in_transit_in_window_units"] == 300 and ln["in_transit_covered_units"] == 0
    assert ln["available_units"] == 300 and "transit_after_cutoff" in ln["flags"]
    assert ln["qty_after_rounding"] == 0 and "misses_window" in ln["flags"] and ln["rescue_mode"] is None
    f = 200.0 / 680.0
    b2 = 300.0 / (1 - f)
    assert b2 == pytest.approx(425.0)
    lost = f * 680.0 + (1 - f) * _loss(a, theta, b2)
    assert ln["expected_lost_units"] == pytest.approx(lost, rel=1e-6)
    assert ln["stockout_prob"] == pytest.approx(1.0, abs=1e-9)  # the first day's demand is always lost
    sold = 680.0 - lost
    assert ln["expected_sold_units"] == pytest.approx(sold, rel=1e-6)
    assert ln["expected_leftover_units"] == pytest.approx(300.0 - sold, rel=1e-6)


def test_headline_revenue_profit_capital_and_roi():
    """The headline sums the lines: revenue = units sold x price net of VAT (no VAT here: x the price), gross profit =
    margin x units sold - overage cost x units left over; capital tied up = the new orders' cash at its peak plus the
    stock already held for the window at its landed cost (FAST's 200 at the start + SHIP's 300 in transit, x 41.10
    each = 20,550); the campaign ROI = gross profit / capital tied up."""
    r = _plan()
    ln, t = r.lines, r.totals
    assert t["expected_revenue"] == pytest.approx(ln["expected_revenue"].sum(), rel=1e-12)
    assert t["expected_revenue"] == pytest.approx((ln["expected_sold_units"] * ln["price_net"]).sum(), rel=1e-12)
    assert t["gross_profit"] == pytest.approx(ln["expected_profit"].sum(), rel=1e-12)
    assert t["stock_held_value"] == pytest.approx(41.1 * (200 + 300))
    assert t["capital_tied_up"] == pytest.approx(t["peak_cash"] + 20_550.0)
    assert t["campaign_roi"] == pytest.approx(t["gross_profit"] / t["capital_tied_up"])
    assert t["fill_rate"] == pytest.approx(1 - ln["expected_lost_units"].sum() / ln["demand_mean"].sum())


def test_engine_stages_one_by_one():
    """compute_plan is its named stages; each can be run and checked on its own (same hand-built lines)."""
    from linkstar_analytics.plan import engine

    pi = _inputs()
    s = Scenario(**BASE)
    rt = engine.route(pi, s)
    assert not rt.errors and rt.mode_by_warehouse.tolist() == [0]  # WH-US ships by sea (its first lane)
    sku = pi.lines["sku"].to_numpy()[rt.active]
    tm = engine.timing(pi, s, rt)
    late, fast = np.flatnonzero(sku == "LATE")[0], np.flatnonzero(sku == "FAST")[0]
    # LATE: sellable on day 47 = window day 11; FAST: planned to day 29, 7 days before the window
    assert tm.order_day[late] == 11 and tm.order_day[fast] == -7
    assert tm.chosen.latest_po[late] == 29 - 47 and tm.chosen.is_late[late]
    av = engine.availability(pi, s, rt, tm)
    assert av.start_units[fast] == pytest.approx(200.0) and av.known_units[fast] == pytest.approx(250.0)
    um = engine.money(pi, s, rt, tm, av)
    assert um.landed[fast] == pytest.approx(41.1) and um.margin[fast] == pytest.approx(78.9)
    qt = engine.quantities(pi, s, rt, tm, av, um)
    rk = engine.risk(pi, s, rt, tm, av, um, qt, detail=True)
    cw = engine.cash(pi, s, rt, tm, av, um, qt, rk)
    r = compute_plan(pi, s)
    np.testing.assert_allclose(qt.order.qty_units, r.lines["qty_after_rounding"].to_numpy())
    np.testing.assert_allclose(rk.expected_lost, r.lines["expected_lost_units"].to_numpy())
    assert cw.peak_cny == pytest.approx(r.totals["peak_cash"])
