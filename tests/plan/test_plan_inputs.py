"""Demand once and all of it: campaign effects, every campaign in and before the window, the uplift lever on the
lift, creators counted once, the forecast's window calibration; one cost engine; a mode without a lane."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from linkstar_analytics.cost.landed import landed_cost_table
from linkstar_analytics.plan.demand import window_demand
from linkstar_analytics.plan.engine import compute_plan
from linkstar_analytics.plan.inputs import build_plan_inputs
from linkstar_analytics.plan.scenario import Scenario
from tests.plan._handbuilt import AS_OF, BASE, CAMPAIGN, COST_TABLES, hand_tables

LEVERS = dict(presale_conversion_pct=0.0, deposit_conversion_pct=0.0)


def _series(pi, sku: str) -> int:
    return int(np.flatnonzero(pi.series["sku"].to_numpy() == sku)[0])


def _effects(rows: list[tuple[str, str, float]], sku: str = "FAST") -> pd.DataFrame:
    """campaign_effects rows (campaign_id, date, multiplier) for one series."""
    return pd.DataFrame([{"sku": sku, "region": "US", "date": pd.Timestamp(d), "campaign_id": c, "multiplier": m,
                          "cv": 0.0} for c, d, m in rows])


def _with_campaign(tables: dict, campaign_id: str, start: str, end: str, uplift: float) -> dict:
    extra = pd.DataFrame([{"campaign_id": campaign_id, "name": campaign_id, "regions": "US", "start_date": start,
                           "end_date": end, "declaration_deadline": start, "inbound_cutoff": start,
                           "default_uplift": uplift}])
    return {**tables, "campaigns": pd.concat([tables["campaigns"], extra], ignore_index=True)}


def test_campaign_effects_run_up_dip_and_every_campaign_in_the_window():
    """FAST (50 a day) with the forecast's per-day effects: run-up x1.5 on the 2 days before the campaign, x3 on its
    10 days, a dip x0.8 on the 3 days after; another campaign x2 on 2026-12-01..02 (inside 3 cover days: it beats the
    dip there). Window (cover 3, 27 days) mean = 12 x 50 + 2 x 75 + 10 x 150 + 1 x 40 + 2 x 100 = 2,490.
    The uplift lever 2 doubles the planned campaign's lift only (run-up 1.5 -> 2, campaign 3 -> 5; the dip and the
    other campaign stay): 600 + 2 x 100 + 10 x 250 + 40 + 200 = 3,540."""
    tables, fc, up = hand_tables()
    tables = _with_campaign(tables, "OTHER", "2026-12-01", "2026-12-02", 1.0)
    days = pd.date_range("2026-11-20", "2026-11-29")
    eff = _effects([(CAMPAIGN, "2026-11-18", 1.5), (CAMPAIGN, "2026-11-19", 1.5)]
                   + [(CAMPAIGN, d, 3.0) for d in days]
                   + [(CAMPAIGN, d, 0.8) for d in ("2026-11-30", "2026-12-01", "2026-12-02")]
                   + [("OTHER", d, 2.0) for d in ("2026-12-01", "2026-12-02")])
    pi = build_plan_inputs(tables, fc, up, CAMPAIGN, as_of=AS_OF, campaign_effects=eff, cost_tables=COST_TABLES)
    s = _series(pi, "FAST")
    d1 = window_demand(pi, uplift_multiplier=1.0, cover_days=3, **LEVERS)
    d2 = window_demand(pi, uplift_multiplier=2.0, cover_days=3, **LEVERS)
    assert d1.count_mean[s] == pytest.approx(12 * 50 + 2 * 75 + 10 * 150 + 40 + 2 * 100)
    assert d2.count_mean[s] == pytest.approx(600 + 2 * 100 + 10 * 250 + 40 + 200)
    # without the effects frame: the uplift frame x campaign days (no run-up, no dip); OTHER at its default uplift
    pi0 = build_plan_inputs(_with_campaign(hand_tables()[0], "OTHER", "2026-12-01", "2026-12-02", 2.0), fc, up,
                            CAMPAIGN, as_of=AS_OF, cost_tables=COST_TABLES)
    d0 = window_demand(pi0, uplift_multiplier=1.0, cover_days=3, **LEVERS)
    assert d0.count_mean[_series(pi0, "FAST")] == pytest.approx(14 * 50 + 10 * 150 + 1 * 50 + 2 * 100)


def test_uplift_lever_scales_the_lift_never_below_the_baseline():
    """Uplift 3 on campaign days; the lever at 0.3 keeps 1 + 0.3 x (3 - 1) = 1.6 x baseline (the old lever multiplied
    the ratio: 0.3 x 3 = 0.9, under the baseline). Window (cover 0): 14 x 50 + 10 x 50 x 1.6 = 1,500."""
    tables, fc, up = hand_tables()
    pi = build_plan_inputs(tables, fc, up, CAMPAIGN, as_of=AS_OF, cost_tables=COST_TABLES)
    d = window_demand(pi, uplift_multiplier=0.3, cover_days=0, **LEVERS)
    assert d.count_mean[_series(pi, "FAST")] == pytest.approx(14 * 50 + 10 * 80)


def test_stock_projection_runs_through_an_earlier_campaign():
    """FAST holds 2,000 today. Plain days until the window start: 36 x 50 = 1,800 -> 200 left. With a campaign x3 on
    2026-10-10..12 before the window (3 days x 100 extra), expected sales are 2,100: nothing is left."""
    tables, fc, up = hand_tables()
    plain = build_plan_inputs(tables, fc, up, CAMPAIGN, as_of=AS_OF, cost_tables=COST_TABLES)
    early = build_plan_inputs(_with_campaign(tables, "EARLY", "2026-10-10", "2026-10-12", 3.0), fc, up, CAMPAIGN,
                              as_of=AS_OF, cost_tables=COST_TABLES)
    line = (plain.lines["sku"] == "FAST").to_numpy() & (plain.lines["warehouse_id"] == "WH-US").to_numpy()
    assert plain.line.on_hand_start_units[line][0] == pytest.approx(200.0)
    assert early.line.on_hand_start_units[line][0] == pytest.approx(0.0)
    eff = _effects([("EARLY", d, 2.0) for d in ("2026-10-10", "2026-10-11", "2026-10-12")])
    with_eff = build_plan_inputs(_with_campaign(tables, "EARLY", "2026-10-10", "2026-10-12", 3.0), fc, up, CAMPAIGN,
                                 as_of=AS_OF, campaign_effects=eff, cost_tables=COST_TABLES)
    assert with_eff.line.on_hand_start_units[line][0] == pytest.approx(2000.0 - 1800.0 - 3 * 50.0)


def test_creator_schedule_counted_once():
    """Creators' 300 scheduled units against the 10 % creator share the history implies on campaign days (0.10 x
    1,500 = 150): 150 added. Without channel data (sales can not be told apart) the schedule adds in full; with an
    uplift of 0.5 x the lift the implied creator units are 0.10 x 10 x 50 x 2 = 100, so 200 are added."""
    tables, fc, up = hand_tables()
    pi = build_plan_inputs(tables, fc, up, CAMPAIGN, as_of=AS_OF, cost_tables=COST_TABLES)
    s = _series(pi, "FAST")
    assert window_demand(pi, uplift_multiplier=1.0, cover_days=0, **LEVERS).creator_units[s] == pytest.approx(150.0)
    assert window_demand(pi, uplift_multiplier=0.5, cover_days=0, **LEVERS).creator_units[s] == pytest.approx(200.0)
    no_channel = {**tables, "sales": tables["sales"].drop(columns="channel")}
    pi2 = build_plan_inputs(no_channel, fc, up, CAMPAIGN, as_of=AS_OF, cost_tables=COST_TABLES)
    assert window_demand(pi2, uplift_multiplier=1.0, cover_days=0, **LEVERS).creator_units[s] == pytest.approx(300.0)


def test_window_sd_scale_from_the_forecast_widens_the_window():
    """The forecast's calibration column multiplies the window total's sd: x1.5 -> variance x2.25."""
    tables, fc, up = hand_tables()
    base = build_plan_inputs(tables, fc, up, CAMPAIGN, as_of=AS_OF, cost_tables=COST_TABLES)
    wide = build_plan_inputs(tables, fc.assign(window_sd_scale=1.5), up, CAMPAIGN, as_of=AS_OF, cost_tables=COST_TABLES)
    a = window_demand(base, uplift_multiplier=1.0, cover_days=0, **LEVERS)
    b = window_demand(wide, uplift_multiplier=1.0, cover_days=0, **LEVERS)
    np.testing.assert_allclose(b.count_var, 2.25 * a.count_var)
    np.testing.assert_allclose(b.count_mean, a.count_mean)


def test_a_mode_without_a_lane_is_an_error_the_planner_sees():
    """WH-US has sea and air lanes only: asking for express orders nothing there and says so (never silently sea)."""
    tables, fc, up = hand_tables()
    pi = build_plan_inputs(tables, fc, up, CAMPAIGN, as_of=AS_OF, cost_tables=COST_TABLES)
    r = compute_plan(pi, Scenario(**BASE, freight_mode={"WH-US": "express"}))
    assert r.errors and "WH-US" in r.errors[0] and "express" in r.errors[0] and "sea or air" in r.errors[0]
    assert r.totals["units"] == 0
    assert r.lines["flags"].str.contains("no_lane").all()
    assert r.lines["sellable_date"].isna().all() and r.by_warehouse["no_lane"].all()
    ok = compute_plan(pi, Scenario(**BASE))
    assert not ok.errors and ok.totals["units"] > 0


def test_one_cost_engine_for_a_lane_with_both_rates():
    """A sea lane with both a per-kg and a per-CBM rate is W/M per CBM in the cost view; the plan prices it the same
    (it once added the two: 7 x the cost view's figure)."""
    tables, fc, up = hand_tables()
    lanes = tables["freight_lanes"].copy()
    lanes.loc[lanes["freight_mode"] == "sea", "rate_per_kg"] = 5.0
    tables = {**tables, "freight_lanes": lanes}
    pi = build_plan_inputs(tables, fc, up, CAMPAIGN, as_of=AS_OF, cost_tables=COST_TABLES)
    r = compute_plan(pi, Scenario(**BASE))
    ln = r.lines[(r.lines["sku"] == "FAST")].iloc[0]
    view = landed_cost_table(tables["skus"], tables["warehouses"], lanes, tables["last_mile"], display_currency="CNY",
                             return_rates_pct=COST_TABLES["return_rates"], freight_modes="sea").table
    v = view[(view["sku"] == "FAST") & (view["warehouse_id"] == "WH-US")].iloc[0]
    assert v["first_leg"] == pytest.approx(0.001 * 800.0)
    assert ln["freight_cost"] / ln["qty_after_rounding"] == pytest.approx(v["first_leg"])
    assert ln["landed_cost_per_unit"] == pytest.approx(v["total_landed"] - v["storage"])
