"""Properties over the levers: more demand never lowers any line's order; pooling is never free."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from linkstar_analytics.plan.engine import compute_plan
from linkstar_analytics.plan.inputs import PlanInputs, build_plan_inputs
from linkstar_analytics.plan.scenario import LEVERS, MOQ_POLICIES, ORDER_POLICIES, Scenario
from linkstar_analytics.plan.synthetic import synthetic_plan_data

CAMPAIGN = "MEGA-2026"
KEY = ["sku", "region", "warehouse_id"]
#: every lever that raises demand (or the stock the plan must hold for it) when it rises
DEMAND_LEVERS = ("service_level_pct", "presale_conversion_pct", "deposit_conversion_pct", "uplift_multiplier",
                 "cover_days")


@lru_cache(maxsize=2)
def _inputs(as_of: str = "2026-10-01") -> PlanInputs:
    """As of 1 Oct most orders land inside the window (late); as of 1 Aug they land before it, where campaign stock
    reserved for the campaign waits and ordinary stock rides with it."""
    tables, fc, up = synthetic_plan_data(16, seed=5)
    return build_plan_inputs(tables, fc, up, CAMPAIGN, as_of=as_of)


def _qty(r) -> np.ndarray:
    return r.lines.set_index(KEY)["qty_after_rounding"]


def _lever_value(lever: str, frac: float) -> float:
    spec = LEVERS[lever]
    v = spec.min_value + frac * (spec.max_value - spec.min_value)
    return int(round(v)) if spec.kind == "int" else float(v)


@settings(max_examples=30, deadline=None)
@given(lever=st.sampled_from(DEMAND_LEVERS), lo=st.floats(0, 1), step=st.floats(0.001, 1),
       moq=st.sampled_from(MOQ_POLICIES), policy=st.sampled_from(ORDER_POLICIES),
       case=st.sampled_from(("typical", "pessimistic")), buffer=st.integers(0, 14),
       mode=st.sampled_from(("sea", "air", "express")), rsv=st.sampled_from(("on", "off")),
       as_of=st.sampled_from(("2026-10-01", "2026-08-01")))
def test_every_demand_lever_is_monotone_per_line(lever, lo, step, moq, policy, case, buffer, mode, rsv, as_of):
    """Raising any demand lever never lowers any line's order (MOQ top-ups included), under every MOQ and order
    policy, lead-time case, buffer, freight mode and campaign stock reservation, for late and early orders."""
    pi = _inputs(as_of)
    base = Scenario(moq_policy=moq, policy=policy, lead_time_case=case, buffer_days=buffer, reserved_stock=rsv,
                    freight_mode={w: mode for w in pi.warehouses["warehouse_id"]})
    a_val = _lever_value(lever, lo)
    b_val = _lever_value(lever, min(lo + step, 1.0))
    if b_val <= a_val:
        return
    a = _qty(compute_plan(pi, base.replace(**{lever: a_val})))
    b = _qty(compute_plan(pi, base.replace(**{lever: b_val}))).reindex(a.index).fillna(0.0)
    assert (b >= a - 1e-6).all(), (lever, a_val, b_val, a[b < a - 1e-6].head(), b[b < a - 1e-6].head())


@settings(max_examples=15, deadline=None)
@given(n_wh=st.integers(2, 4), raw=st.lists(st.floats(0.05, 1.0), min_size=4, max_size=4),
       stock_share=st.lists(st.floats(0.0, 1.0), min_size=4, max_size=4), total_rel=st.floats(0.0, 2.0))
def test_splitting_a_market_over_more_warehouses_never_lowers_expected_stockout(n_wh, raw, stock_share, total_rel):
    """Same total stock at the window start, no order (cover what is there): a US market served by one warehouse
    against the same market split over two to four warehouses (shares and stock split at random). Each warehouse
    faces its own share's demand, so the split never loses fewer units."""
    pi = _inputs()
    wids = ["FBT-US", "3PL-US-LA", "3PL-US-NJ", "SELF-US"][:n_wh]
    shares = np.array(raw[:n_wh]) / sum(raw[:n_wh])
    split = np.array(stock_share[:n_wh]) + 1e-9
    split = split / split.sum()
    us = (pi.series["region"] == "US").to_numpy()
    lines = pi.lines
    n_w = pi.n_warehouses
    mean_s = pi.window.reference_mean  # a stock scale per series
    stock = np.zeros(pi.n_lines)
    for j, w in enumerate(wids):
        at = (lines["warehouse_id"] == w).to_numpy() & us[pi.line.series]
        stock[at] = total_rel * mean_s[pi.line.series[at]] * split[j]
    one_stock = np.zeros(pi.n_lines)
    at0 = (lines["warehouse_id"] == wids[0]).to_numpy() & us[pi.line.series]
    one_stock[at0] = total_rel * mean_s[pi.line.series[at0]]
    no_order = {"buffer_days": 0, "moq_policy": "need", "service_level_pct": 50.0}

    def lost(stock_units, mix):
        # nothing can be ordered in time (express lands after the window): only the stock at the start sells
        inp = replace(pi, line=replace(pi.line, on_hand_start_units=stock_units, position_units=stock_units),
                      shipments=replace(pi.shipments, line=pi.shipments.line[:0], units=pi.shipments.units[:0],
                                        sellable_day=pi.shipments.sellable_day[:0]),
                      schedule=replace(pi.schedule, production_days=pi.schedule.production_days + 400))
        r = compute_plan(inp, Scenario(warehouse_mix={"US": mix}, **no_order))
        assert r.totals["units"] == 0
        return r.lines[r.lines["region"] == "US"].groupby("sku")["expected_lost_units"].sum()

    single = lost(one_stock, {wids[0]: 100.0})
    many = lost(stock, {w: 100.0 * s for w, s in zip(wids, shares)})
    assert (many.reindex(single.index) >= single - 1e-6 * (1 + single)).all()
    del n_w


@settings(max_examples=25, deadline=None)
@given(sl=st.floats(50.0, 99.9), case=st.sampled_from(("typical", "pessimistic")), buffer=st.integers(0, 21),
       mode=st.sampled_from(("sea", "air", "express")), policy=st.sampled_from(ORDER_POLICIES))
def test_reserving_campaign_stock_never_lowers_the_stockout_and_splits_the_order(sl, case, buffer, mode, policy):
    """Campaign stock that can not serve the days before the campaign never makes the plan lose fewer sales; the
    order splits into ordinary and campaign stock that add up, per line and in the totals."""
    pi = _inputs("2026-08-01")
    base = Scenario(service_level_pct=sl, lead_time_case=case, buffer_days=buffer, policy=policy, moq_policy="need",
                    freight_mode={w: mode for w in pi.warehouses["warehouse_id"]})
    on = compute_plan(pi, base.replace(reserved_stock="on"))
    off = compute_plan(pi, base.replace(reserved_stock="off"))
    assert on.totals["expected_stockout_units"] >= off.totals["expected_stockout_units"] - 1e-6
    ln = on.lines.dropna(subset=["qty_after_rounding"])
    np.testing.assert_allclose(ln["ordinary_units"] + ln["campaign_stock_units"], ln["qty_after_rounding"])
    assert (ln["ordinary_units"] >= 0).all() and (ln["ordinary_units"] <= ln["qty_after_rounding"]).all()
    assert on.totals["ordinary_units"] + on.totals["campaign_stock_units"] == on.totals["units"]
    assert off.totals["ordinary_units"] == 0.0 and off.totals["reserved_wait_lines"] == 0
    assert on.totals["reserved_wait_lines"] > 0 and on.totals["ordinary_units"] > 0  # the case is exercised
