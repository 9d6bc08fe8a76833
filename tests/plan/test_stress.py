"""Cost shocks in the plan and the stress test, worked by hand on the hand-built tables (tests/plan/_handbuilt.py).

One US 3PL warehouse priced in CNY (so an FX shock changes nothing here), costs = purchase 40 + first leg + inbound 0.30
(sea 0.80, air 15.00 a unit), US duty on the purchase only (FOB, cost.defaults.default_duty_basis). As of 2026-10-01;
inbound cutoff 2026-11-06 (day 36), buffer 7 days: stock must be sellable by day 29; the campaign 2026-11-20..29.
Sea chain: production + consolidation 2 + transit 20 + customs 2 + receiving 3 days; the port day (customs entry) is
PO + production + 2 + transit.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import pytest

from linkstar_analytics.plan.engine import compute_plan
from linkstar_analytics.plan.inputs import build_plan_inputs
from linkstar_analytics.plan.scenario import Scenario
from linkstar_analytics.plan.stress import (
    DEFAULT_STRESS_FX_SHOCK_PCT,
    STRESS_FREIGHT_MULTIPLIER,
    stress_scenarios,
    stress_test,
)
from tests.plan._handbuilt import AS_OF, BASE, CAMPAIGN, COST_TABLES, hand_tables


@lru_cache(maxsize=2)
def _inputs(sea_max_days: int = 20):
    tables, fc, up = hand_tables()
    lanes = tables["freight_lanes"]
    lanes.loc[lanes["freight_mode"] == "sea", "transit_days_max"] = sea_max_days
    return build_plan_inputs(tables, fc, up, CAMPAIGN, as_of=AS_OF, cost_tables=COST_TABLES)


def _line(frame: pd.DataFrame, sku: str) -> pd.Series:
    rows = frame[(frame["sku"] == sku) & (frame["warehouse_id"] == "WH-US")]
    assert len(rows) == 1
    return rows.iloc[0]


def test_tariff_step_dated_between_two_shipments_charges_each_the_right_rate():
    """A +15 point US duty step from 2026-11-01 (day 31).

    FAST (production 2, on time): PO day 0, departs day 4 (2026-10-05), at the port day 24 (2026-10-25) -> before
    the step: duty 0 % x 40 = 0; landed 40 + 0.80 + 0.30 = 41.10; margin 120 - 41.10 = 78.90.
    LATE (production 20, PO overdue so placed today): departs day 22 (2026-10-23), at the port day 42 (2026-11-12)
    -> after the step: duty 15 % x 40 = 6.00; landed 41.10 + 6.00 = 47.10; margin 120 - 47.10 = 72.90, and its
    duty cost is 6.00 x the ordered units.
    """
    r = compute_plan(_inputs(), Scenario(**BASE, duty_step={"US": {"from": "2026-11-01", "pct_points": 15}}))
    fast, late = _line(r.lines, "FAST"), _line(r.lines, "LATE")
    assert fast["departure_date"] == pd.Timestamp("2026-10-05")
    assert late["departure_date"] == pd.Timestamp("2026-10-23")
    assert fast["landed_cost_per_unit"] == pytest.approx(41.10)
    assert fast["unit_margin"] == pytest.approx(78.90)
    assert fast["duty_cost"] == 0.0
    assert late["landed_cost_per_unit"] == pytest.approx(47.10)
    assert late["unit_margin"] == pytest.approx(72.90)
    assert late["duty_cost"] == pytest.approx(6.00 * late["qty_after_rounding"])
    # the step dated after both port days (2026-11-13): neither pays it
    r2 = compute_plan(_inputs(), Scenario(**BASE, duty_step={"US": {"from": "2026-11-13", "pct_points": 15}}))
    assert _line(r2.lines, "LATE")["landed_cost_per_unit"] == pytest.approx(41.10)
    # a step in another market leaves the US lines alone
    r3 = compute_plan(_inputs(), Scenario(**BASE, duty_step={"UK": {"from": "2026-10-01", "pct_points": 15}}))
    assert _line(r3.lines, "LATE")["landed_cost_per_unit"] == pytest.approx(41.10)


def test_freight_multiplier_in_the_plan_by_hand():
    """Sea x1.5: first leg 0.80 x 1.5 = 1.20 a unit; landed 40 + 1.20 + 0.30 = 41.50; FAST's freight cost = 1.20 x
    its units; the purchase value is unchanged (40 x units)."""
    r = compute_plan(_inputs(), Scenario(**BASE, freight_multiplier={"sea": 1.5}))
    fast = _line(r.lines, "FAST")
    assert fast["landed_cost_per_unit"] == pytest.approx(41.50)
    assert fast["freight_cost"] == pytest.approx(1.20 * fast["qty_after_rounding"])
    assert fast["purchase_value"] == pytest.approx(40.0 * fast["qty_after_rounding"])


def test_stress_scenarios():
    s = Scenario(**BASE, duty_step={"US": {"from": "2026-11-01", "pct_points": 25}}, freight_multiplier={"air": 2.0})
    base, stressed = stress_scenarios(s)
    assert base == Scenario(**BASE)
    assert stressed.lead_time_case == "pessimistic"
    assert stressed.freight_multiplier == {"sea": STRESS_FREIGHT_MULTIPLIER, "air": 2.0,
                                           "express": STRESS_FREIGHT_MULTIPLIER}
    assert stressed.duty_step == s.duty_step
    assert stressed.fx_shock_pct == DEFAULT_STRESS_FX_SHOCK_PCT
    assert stress_scenarios(s.replace(fx_shock_pct=-12))[1].fx_shock_pct == -12


def test_stress_test_late_lines_and_negative_margins_by_hand():
    """Sea takes 30 days in the pessimistic case (20 typical); a +25 point US duty step from 2026-11-01.

    Base (typical, no shocks): FAST, SLOW and LOSS (production 2) are sellable on day 2 + 2 + 20 + 2 + 3 = 29 =
    2026-10-30, on time; LATE (production 20) and SHIP (production 300) are late already.
    Stressed: 2 + 2 + 30 + 2 + 3 = 39 days -> sellable 2026-11-09, 10 days later and after the window start
    (2026-11-06): FAST and SLOW turn late ('arrives_in_window'); LATE stays late (not listed).
    LOSS (price 50): base margin 50 - (40 + 0.80 + 0.30) = 8.90. Stressed: at the port on day 2 + 2 + 30 = 34
    (2026-11-04), after the step: duty 25 % x 40 = 10.00; sea 0.80 x 1.3 = 1.04; landed 40 + 1.04 + 10.00 + 0.30 =
    51.34; margin 50 - 51.34 = -1.34 -> turns negative (and is not ordered). FAST's stressed margin 120 - 51.34 =
    68.66 stays positive. The default FX shock (-5 %) moves nothing: every price and cost is in CNY.
    """
    s = Scenario(**BASE, duty_step={"US": {"from": "2026-11-01", "pct_points": 25}})
    st = stress_test(_inputs(30), s)
    late = st.turned_late.set_index("sku")
    assert sorted(late.index) == ["FAST", "SLOW"]
    assert (late["status"] == "arrives_in_window").all()
    assert late.loc["FAST", "sellable_date_base"] == pd.Timestamp("2026-10-30")
    assert late.loc["FAST", "sellable_date_stressed"] == pd.Timestamp("2026-11-09")
    assert late.loc["FAST", "days_later"] == 10.0
    neg = st.turned_negative.set_index("sku")
    assert list(neg.index) == ["LOSS"]
    assert neg.loc["LOSS", "landed_cost_per_unit_base"] == pytest.approx(41.10)
    assert neg.loc["LOSS", "landed_cost_per_unit_stressed"] == pytest.approx(51.34)
    assert neg.loc["LOSS", "unit_margin_base"] == pytest.approx(8.90)
    assert neg.loc["LOSS", "unit_margin_stressed"] == pytest.approx(-1.34)
    assert neg.loc["LOSS", "margin_change"] == pytest.approx(-10.24)
    assert neg.loc["LOSS", "currency"] == "CNY"
    assert _line(st.stressed.lines, "LOSS")["qty_after_rounding"] == 0.0
    assert _line(st.stressed.lines, "FAST")["unit_margin"] == pytest.approx(68.66)
    head = st.headline.set_index("figure")
    assert head.loc["late_lines", "base"] == 2 and head.loc["late_lines", "stressed"] == 4  # + FAST, SLOW
    assert head.loc["negative_margin_lines", "base"] == 0 and head.loc["negative_margin_lines", "stressed"] == 1
    for fig in ("peak_cash", "gross_profit", "campaign_roi", "expected_stockout_units", "fill_rate"):
        assert head.loc[fig, "base"] == pytest.approx(st.base.totals[fig])
        assert head.loc[fig, "stressed"] == pytest.approx(st.stressed.totals[fig])
        assert head.loc[fig, "change"] == pytest.approx(st.stressed.totals[fig] - st.base.totals[fig])
    assert head.loc["gross_profit", "change"] < 0 and head.loc["expected_stockout_units", "change"] > 0
    # the base is the plan without shocks: the same as the scenario with its duty step removed
    assert st.base.totals["gross_profit"] == pytest.approx(compute_plan(_inputs(30), Scenario(**BASE)).totals[
        "gross_profit"])


def test_stress_test_with_nothing_to_break():
    """Pessimistic = typical and no duty step: nothing turns late; only freight x1.3 moves the landed cost
    (sea 0.80 -> 1.04: FAST 41.10 -> 41.34)."""
    st = stress_test(_inputs(), Scenario(**BASE))
    assert st.turned_late.empty and st.turned_negative.empty
    assert _line(st.stressed.lines, "FAST")["landed_cost_per_unit"] == pytest.approx(41.34)
