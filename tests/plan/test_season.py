"""The season (plan/season.py) worked by hand: the projection, the reorder point, up front versus a second wave.

The hand season (tests/plan/_season_tables.py): one SKU K1 selling 10 units a day in the US, one 3PL warehouse.
Campaign A (2026-11-20..29, uplift 2) is planned, campaign B (2026-12-20..26, uplift 3) follows it. Today is
2026-10-01; the window starts at A's inbound cutoff 2026-11-06 (window day 0 = day 36 from today). Cover days 0, so
the plan's window is days 0..23 (A ends on day 23) and e1 = 24; B runs on days 44..50, so the season ends at E = 51.
Lead times: production 2 + consolidation 2 + customs 2 + receiving 3, plus sea 20 (29 days) or air 5 (14 days).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from linkstar_analytics.plan.engine import route
from linkstar_analytics.plan.inputs import build_plan_inputs
from linkstar_analytics.plan.scenario import LEVERS, SECOND_WAVE_MODES, Scenario
from linkstar_analytics.plan.season import project_stock, reorder_points, season_campaigns, season_plan
from tests.plan._season_tables import AS_OF, COST_TABLES, LATER, PLANNED, season_tables

# worked with the order selling from the day it is sellable (no campaign reservation)
BASE = dict(campaign_id=PLANNED, cover_days=0, buffer_days=7, service_level_pct=95.0, reserved_stock="off")
CAPITAL_MONTH = 0.10 / 12  # cost.defaults: capital 10 % a year


@lru_cache(maxsize=8)
def _inputs(air_rate_per_kg: float = 10.0, sigma: float = 0.0, rho: float = 0.0):
    tables, fc, up = season_tables(air_rate_per_kg=air_rate_per_kg, sigma=sigma, rho=rho)
    return build_plan_inputs(tables, fc, up, PLANNED, as_of=AS_OF, cost_tables=COST_TABLES), tables


def _season(air_rate_per_kg: float = 10.0, sigma: float = 0.0, rho: float = 0.0, **levers):
    pi, tables = _inputs(air_rate_per_kg, sigma, rho)
    return season_plan(pi, Scenario(**{**BASE, **levers}), tables["campaigns"])


# -- the projection ------------------------------------------------------------------------------------------------

def test_project_stock_by_hand():
    """Start 5, demand 2 a day, 3 units land on day 2: 3, 1, 2, 0 at the day ends, never short.
    Start 3: 1, then day 1 wants 2 with 1 on hand (1 short, stock 0), day 2 gets 3 and sells 2 (1 left), day 3 wants
    2 with 1 (1 short): 1, 0, 1, 0; short 0, 1, 0, 1; runs out on day 1."""
    demand = np.full((2, 4), 2.0)
    arrivals = np.array([[0, 0, 3, 0], [0, 0, 3, 0]], dtype=float)
    stock, short, runout = project_stock(np.array([5.0, 3.0]), arrivals, demand)
    np.testing.assert_allclose(stock, [[3, 1, 2, 0], [1, 0, 1, 0]])
    np.testing.assert_allclose(short, [[0, 0, 0, 0], [0, 1, 0, 1]])
    assert runout.tolist() == [-1, 1]


def test_season_campaigns_and_projection_of_the_hand_season():
    """B starts 21 days after A ends (within 6 weeks): the season is A then B. Expected demand: 10 a day, 20 on A's
    days (14..23), 30 on B's (44..50). With the lever off the projection holds only the plan's order: sea, sellable on
    day 29 from today (window day -7), for the window's point demand 14 x 10 + 10 x 20 = 340 units, so the stock is
    340 at the start, 340 - 14 x 10 = 200 when A starts, 0 when it ends (day 23), and K1 runs out on day 24
    (2026-11-30) and stays out through B: 20 x 10 + 7 x 30 = 410 units short."""
    r = _season(second_wave="off")
    assert r.campaigns["campaign_id"].tolist() == [PLANNED, LATER]
    assert r.campaigns[["start_day", "end_day"]].values.tolist() == [[14, 23], [44, 50]]
    assert r.stock.shape == (1, 51) and r.plan_end_day == 24
    d = r.demand[0]
    assert d[0] == pytest.approx(10) and d[14] == pytest.approx(20) and d[44] == pytest.approx(30)
    ln = r.lines.iloc[0]
    assert ln["order_units"] == pytest.approx(340.0)
    assert r.stock[0, 13] == pytest.approx(200.0) and r.stock[0, 23] == pytest.approx(0.0, abs=1e-9)
    assert ln["runout_date"] == pd.Timestamp("2026-11-30")
    assert ln["expected_short_units"] == pytest.approx(410.0)


def test_second_wave_lever_moves_the_projection():
    """sw=air: the wave (cheaper here, see below) of 410 units lands on window day 17 (2026-11-23): A's last days and
    B are covered, nothing runs short; the stock on day 16 is 340 - 14 x 10 - 3 x 20 = 140 and on day 17 140 + 410 - 20
    = 530."""
    r = _season(second_wave="air")
    ln = r.lines.iloc[0]
    assert ln["wave_units"] == pytest.approx(410.0)
    assert ln["wave_sellable_date"] == pd.Timestamp("2026-11-23")
    assert pd.isna(ln["runout_date"]) and ln["expected_short_units"] == pytest.approx(0.0, abs=1e-9)
    assert r.stock[0, 16] == pytest.approx(140.0) and r.stock[0, 17] == pytest.approx(530.0)


# -- the second wave, worked by hand -------------------------------------------------------------------------------

def _hand_saving(air_per_unit: float) -> tuple[float, float, float]:
    """(holding saved, extra landed cost, saving) of the air wave for the point demand of the hand season.

    Later demand D2 over days 24..50 = 20 x 10 + 7 x 30 = 410 (no spread: both options stock exactly 410, nothing is
    left over or short). Half of it (205) has sold by day c2 = 45 (200 by day 44, 230 by day 45).
    (a) up front: by sea with the plan's order, sellable on window day -7 (2026-10-30), waits 45 - (-7) = 52 days.
    (b) air wave: sellable buffer 7 days before e1 = 24, window day 17 (2026-11-23), ordered on its latest PO date
        day 36 + 17 - 14 = 39 from today (2026-11-09); waits 45 - 17 = 28 days.
    Holding a unit a month = storage 6000 CNY/CBM x 0.001 CBM = 6.00 + capital 10 %/12 on the cash sunk in it
    (purchase 40 + first leg + inbound 0.30): sea sunk 41.10, air sunk 40.30 + air per unit.
    saving = profit_b - profit_a = 410 x (margin_b - margin_a) + holding_a - holding_b, margin_b - margin_a =
    -(air per unit - sea 0.80) (the rest of the landed cost is the same).
    """
    units = 410.0
    hold_a = units * (6.0 + CAPITAL_MONTH * 41.10) * 52 / 30
    hold_b = units * (6.0 + CAPITAL_MONTH * (40.30 + air_per_unit)) * 28 / 30
    extra = units * (air_per_unit - 0.80)
    return hold_a - hold_b, extra, hold_a - hold_b - extra


def test_second_wave_by_air_is_cheaper_than_stocking_up_front():
    """Air at 10 CNY/kg x 0.5 kg = 5.00 a unit (4.20 above sea): holding saved = 410 x (6.3425 x 52/30 - 6.3775 x
    28/30) = 410 x (10.993667 - 5.952333) = 2,066.95; extra freight = 410 x 4.20 = 1,722.00; saving = 344.95 CNY."""
    w = _season(second_wave="air").waves.iloc[0]
    held, extra, saving = _hand_saving(5.0)
    assert saving == pytest.approx(344.946667, rel=1e-6)
    assert w["later_demand_units"] == pytest.approx(410.0)
    assert w["upfront_units"] == pytest.approx(410.0) and w["wave_units"] == pytest.approx(410.0)
    assert w["upfront_mode"] == "sea" and w["wave_mode"] == "air"
    assert w["upfront_sellable_date"] == pd.Timestamp("2026-10-30")
    assert w["wave_order_date"] == pd.Timestamp("2026-11-09")
    assert w["wave_sellable_date"] == pd.Timestamp("2026-11-23")
    assert w["holding_saved"] == pytest.approx(held, rel=1e-9)
    assert w["extra_landed_cost"] == pytest.approx(extra, rel=1e-9)
    assert w["saving"] == pytest.approx(saving, rel=1e-9)
    assert w["leftover_cost_saved"] == pytest.approx(0.0, abs=1e-9)
    assert bool(w["proposed"]) and bool(w["wave_on_time"])


def test_second_wave_by_air_is_not_cheaper_when_air_costs_more():
    """Air at 30 CNY/kg = 15.00 a unit (14.20 above sea): holding saved = 410 x (10.993667 - 6.460833 x 28/30) =
    410 x 4.963556 = 2,035.06; extra freight = 410 x 14.20 = 5,822.00; saving = -3,786.94 CNY: not proposed, and with
    the lever on the season is stocked up front (the later 410 units land with the plan's order)."""
    r = _season(air_rate_per_kg=30.0, second_wave="air")
    w = r.waves.iloc[0]
    held, extra, saving = _hand_saving(15.0)
    assert saving == pytest.approx(-3786.942222, rel=1e-6)
    assert w["holding_saved"] == pytest.approx(held, rel=1e-9)
    assert w["extra_landed_cost"] == pytest.approx(extra, rel=1e-9)
    assert w["saving"] == pytest.approx(saving, rel=1e-9)
    assert not bool(w["proposed"])
    ln = r.lines.iloc[0]
    assert ln["wave_units"] == pytest.approx(410.0) and ln["wave_sellable_date"] == pd.Timestamp("2026-11-06")
    assert r.stock[0, 0] == pytest.approx(340.0 + 410.0 - 10.0)


def test_the_wave_ordered_later_removes_leftover_risk():
    """With spread (sd 3 a day, day correlation 0.5) the wave is sized after the days before its order have sold: its
    variance is Var(D2) - Cov(D1, D2)^2 / Var(D1). The wave is ordered on day 39 (window day 3), so D1 = days 0..2
    (3 x 10 units, sum of sds 9, sum of variances 27): Var(D1) = 0.5 x 27 + 0.5 x 9^2 = 54. D2: days 24..50, sum of
    sds 20 x 3 + 7 x 9 = 123, sum of variances 20 x 9 + 7 x 81 = 747: Var(D2) = 0.5 x 747 + 0.5 x 123^2 = 7,938;
    Cov = 0.5 x 9 x 123 = 553.5; conditional variance 7,938 - 553.5^2 / 54 = 2,264.6. Each option stocks its law's
    95 % quantile (Gamma moment match, mean 410): fewer units by the wave, fewer left over."""
    w = _season(sigma=3.0, rho=0.5, second_wave="air").waves.iloc[0]
    v_up = 0.5 * 747 + 0.5 * 123 ** 2
    v_wave = v_up - (0.5 * 9 * 123) ** 2 / (0.5 * 27 + 0.5 * 81)
    q = lambda v: stats.gamma.ppf(0.95, 410.0 ** 2 / v, scale=v / 410.0)  # noqa: E731
    assert w["upfront_units"] == pytest.approx(q(v_up), rel=1e-3)
    assert w["wave_units"] == pytest.approx(q(v_wave), rel=1e-3)
    assert w["wave_units"] < w["upfront_units"]
    assert w["leftover_units_removed"] > 0 and w["leftover_cost_saved"] > 0


# -- reorder points ------------------------------------------------------------------------------------------------

def test_reorder_point_is_the_lead_time_demand_quantile():
    """Sea: 29 days from the window start, days 0..28: 19 x 10 + 10 x 20 = 390 units; sds 19 x 3 + 10 x 6 = 117,
    variances 19 x 9 + 10 x 36 = 531; with day correlation 0.5 Var = 0.5 x 531 + 0.5 x 117^2 = 7,110. Air: 14 days,
    days 0..13: 140 units, sds 42, variances 126, Var = 63 + 882 = 945. Reorder point = the Gamma(m^2/V, V/m) 95 %
    quantile (scipy here, the plan's quantile table there); express has no lane."""
    pi, _ = _inputs(10.0, 3.0, 0.5)
    sc = Scenario(**BASE)
    rop = reorder_points(pi, sc, route(pi, sc)).iloc[0]
    q = lambda m, v: stats.gamma.ppf(0.95, m * m / v, scale=v / m)  # noqa: E731
    assert rop["lead_days_sea"] == 29 and rop["lead_days_air"] == 14
    assert rop["reorder_point_sea"] == pytest.approx(q(390.0, 7110.0), rel=1e-3)
    assert rop["reorder_point_air"] == pytest.approx(q(140.0, 945.0), rel=1e-3)
    assert np.isnan(rop["reorder_point_express"])


# -- the lever -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", SECOND_WAVE_MODES)
def test_second_wave_lever_round_trips(mode):
    s = Scenario(second_wave=mode, service_level_pct=97.5)
    q = s.to_query_params()
    assert q.get("sw") == (None if mode == "off" else mode)
    assert Scenario.from_query_params(q) == (s, [])
    assert Scenario.from_json(s.to_json()) == s


def test_second_wave_lever_rejects_unknown_modes():
    assert LEVERS["second_wave"].key == "sw" and LEVERS["second_wave"].default == "off"
    with pytest.raises(ValueError, match="second_wave"):
        Scenario(second_wave="boat")
    back, notices = Scenario.from_query_params({"sw": "boat"})
    assert back == Scenario() and len(notices) == 1 and "sw" in notices[0]


def test_season_campaigns_keep_other_markets_and_far_campaigns_out():
    pi, tables = _inputs()
    extra = pd.DataFrame([
        {"campaign_id": "TH-X", "name": "TH", "regions": "TH", "start_date": "2026-12-05", "end_date": "2026-12-05",
         "declaration_deadline": "2026-11-10", "inbound_cutoff": "2026-11-20", "default_uplift": 2.0},
        {"campaign_id": "FAR", "name": "Far", "regions": "US", "start_date": "2027-01-20", "end_date": "2027-01-22",
         "declaration_deadline": "2026-12-10", "inbound_cutoff": "2027-01-05", "default_uplift": 2.0},
    ])
    camps = season_campaigns(pd.concat([tables["campaigns"], extra], ignore_index=True), pi)
    assert camps["campaign_id"].tolist() == [PLANNED, LATER]


def test_when_the_plans_order_lands_too_late_the_wave_is_weighed_against_nothing():
    """Today 2026-11-03 (window start day 3): the plan's sea order placed today is sellable on day 29 = window day 26,
    after e1 = 24, so stocking the later campaigns up front is no option. The air wave is sellable on day 3 + 24 - 7 =
    20 (window day 17), ordered on day 20 - 14 = 6 (2026-11-09). Its expected profit is the saving:
    landed = purchase 40 + air 5.00 + inbound 0.30 + storage 6.00 x 26/30 months of dwell (A starts on day 17, stock
    planned for day 3 - 7 = -4: 21 days, plus half of A's 10 days) = 50.50; margin = 120 - 50.50 = 69.50;
    holding = 410 x (6 + 0.1/12 x 45.30) x (45 - 17)/30 = 410 x 6.3775 x 28/30;
    saving = 410 x 69.50 - 410 x 6.3775 x 28/30 = 28,495 - 2,440.42 = 26,054.58 CNY."""
    tables, fc, up = season_tables()
    pi = build_plan_inputs(tables, fc, up, PLANNED, as_of=pd.Timestamp("2026-11-03"), cost_tables=COST_TABLES)
    r = season_plan(pi, Scenario(**{**BASE, "second_wave": "air"}), tables["campaigns"])
    w = r.waves.iloc[0]
    assert not bool(w["upfront_on_time"]) and bool(w["wave_on_time"]) and bool(w["proposed"])
    assert w["wave_order_date"] == pd.Timestamp("2026-11-09")
    assert w["saving"] == pytest.approx(410 * 69.50 - 410 * (6 + CAPITAL_MONTH * 45.30) * 28 / 30, rel=1e-9)
    assert r.lines.iloc[0]["wave_sellable_date"] == pd.Timestamp("2026-11-23")
