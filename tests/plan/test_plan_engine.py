"""compute_plan / sensitivity on a small synthetic dataset: columns, properties, mix, cash, flags."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkstar_analytics.plan.demand import window_demand
from linkstar_analytics.plan.engine import LINE_COLUMNS, compute_plan, sensitivity
from linkstar_analytics.plan.inputs import PlanInputs, build_plan_inputs
from linkstar_analytics.plan.mix import line_shares
from linkstar_analytics.plan.scenario import Scenario
from linkstar_analytics.plan.synthetic import synthetic_plan_data

CAMPAIGN = "MEGA-2026"


@lru_cache(maxsize=4)
def _data(n: int = 24, with_last_mile: bool = True):
    tables, fc, up = synthetic_plan_data(n, seed=11)
    if not with_last_mile:
        tables = {k: v for k, v in tables.items() if k != "last_mile"}
    return tables, fc, up


@lru_cache(maxsize=4)
def _inputs(n: int = 24, with_last_mile: bool = True) -> PlanInputs:
    tables, fc, up = _data(n, with_last_mile)
    return build_plan_inputs(tables, fc, up, CAMPAIGN, as_of="2026-10-01")


def test_result_shape_and_columns():
    r = compute_plan(_inputs(), Scenario())
    assert list(r.lines.columns) == list(LINE_COLUMNS)
    assert len(r.lines) > 0
    assert r.lines.groupby(["sku", "region", "warehouse_id"]).size().max() == 1
    for key in ("units", "purchase_value", "total_landed_cost", "expected_stockout_units", "lost_margin",
                "expected_leftover_units", "leftover_cost", "peak_cash", "currency", "fill_rate"):
        assert key in r.totals
    assert r.totals["currency"] == "CNY"
    assert r.totals["units"] == pytest.approx(r.lines["qty_after_rounding"].sum())
    assert set(r.by_warehouse["warehouse_id"]) == set(_inputs().warehouses["warehouse_id"])
    assert r.by_warehouse["units"].sum() == pytest.approx(r.totals["units"])
    assert {"week_start", "paid", "released", "tied_up"} <= set(r.cash_by_week.columns)
    assert r.totals["peak_cash"] == pytest.approx(r.cash_by_week["tied_up"].max(), rel=0.5)
    num = r.lines.select_dtypes("number")
    assert np.isfinite(num.to_numpy()).all()
    assert ((r.lines["stockout_prob"] >= 0) & (r.lines["stockout_prob"] <= 1)).all()
    assert ((r.lines["fill_rate"] >= 0) & (r.lines["fill_rate"] <= 1)).all()


def test_inputs_are_not_mutated_and_results_repeat():
    pi = _inputs()
    before = pi.line.on_hand_start_units.copy(), pi.line.default_share.copy(), pi.window.mean_lift_cum.copy()
    r1 = compute_plan(pi, Scenario(service_level_pct=97))
    r2 = compute_plan(pi, Scenario(service_level_pct=97))
    assert np.array_equal(before[0], pi.line.on_hand_start_units) and np.array_equal(before[1], pi.line.default_share)
    assert np.array_equal(before[2], pi.window.mean_lift_cum)
    pd.testing.assert_frame_equal(r1.lines, r2.lines)


def test_display_currency_converts_money_not_units():
    from linkstar_analytics.plan.scenario import DEFAULT_FX_CNY_PER_UNIT

    a = compute_plan(_inputs(), Scenario())
    b = compute_plan(_inputs(), Scenario(display_currency="USD"))
    assert b.totals["units"] == a.totals["units"]
    assert b.totals["currency"] == "USD" and (b.lines["currency"] == "USD").all()
    usd = DEFAULT_FX_CNY_PER_UNIT["USD"]
    for key in ("purchase_value", "total_landed_cost", "gross_profit", "expected_revenue", "peak_cash"):
        assert b.totals[key] == pytest.approx(a.totals[key] / usd, rel=1e-9)
    # an FX move changes the economics (prices in USD, costs in CNY): margins move with it
    c = compute_plan(_inputs(), Scenario(fx={"USD": 6.0}))
    assert c.totals["gross_profit"] < a.totals["gross_profit"]


@settings(max_examples=25, deadline=None)
@given(st.floats(50, 99.8), st.floats(0.01, 10))
def test_higher_service_level_never_lowers_quantity(sl, step):
    pi = _inputs()
    lo = compute_plan(pi, Scenario(service_level_pct=sl))
    hi = compute_plan(pi, Scenario(service_level_pct=min(sl + step, 99.9)))
    assert np.all(hi.lines["qty_before_rounding"].to_numpy() >= lo.lines["qty_before_rounding"].to_numpy() - 1e-9)
    assert hi.totals["units"] >= lo.totals["units"]
    assert hi.totals["expected_stockout_units"] <= lo.totals["expected_stockout_units"] + 1e-9


@settings(max_examples=25, deadline=None)
@given(st.floats(0, 100), st.floats(0, 100), st.floats(0, 100))
def test_higher_presale_conversion_never_lowers_demand(pc, more, dc):
    pi = _inputs()
    kw = dict(uplift_multiplier=1.0, cover_days=14, deposit_conversion_pct=dc)
    lo = window_demand(pi, presale_conversion_pct=pc, **kw)
    hi = window_demand(pi, presale_conversion_pct=min(pc + more, 100), **kw)
    assert np.all(hi.known_units >= lo.known_units - 1e-9)
    assert np.all(hi.mean >= lo.mean - 1e-9)
    a = compute_plan(pi, Scenario(presale_conversion_pct=pc, deposit_conversion_pct=dc), frames=False)
    b = compute_plan(pi, Scenario(presale_conversion_pct=min(pc + more, 100), deposit_conversion_pct=dc), frames=False)
    assert b.totals["demand_mean"] >= a.totals["demand_mean"] - 1e-9


def test_presale_rows_use_their_own_conversion():
    pi = _inputs()
    kw = dict(uplift_multiplier=1.0, cover_days=14)
    base = window_demand(pi, presale_conversion_pct=0, deposit_conversion_pct=0, **kw).mean
    dep = window_demand(pi, presale_conversion_pct=0, deposit_conversion_pct=100, **kw).mean
    plain = window_demand(pi, presale_conversion_pct=100, deposit_conversion_pct=0, **kw).mean
    np.testing.assert_allclose(dep - base, pi.window.presale_deposit_units)
    np.testing.assert_allclose(plain - base, pi.window.presale_plain_units)


def test_uplift_and_cover_days_raise_demand():
    pi = _inputs()
    kw = dict(presale_conversion_pct=25, deposit_conversion_pct=70)
    d1 = window_demand(pi, uplift_multiplier=1.0, cover_days=14, **kw)
    d2 = window_demand(pi, uplift_multiplier=2.0, cover_days=14, **kw)
    d3 = window_demand(pi, uplift_multiplier=1.0, cover_days=30, **kw)
    assert np.all(d2.mean >= d1.mean - 1e-9) and np.all(d3.mean >= d1.mean - 1e-9)
    # the lever scales the lift over the baseline (multiplier - 1), not the campaign days' whole demand
    end = pi.window.camp_hi + 1 + 14
    np.testing.assert_allclose(d2.count_mean - d1.count_mean, pi.window.mean_lift_cum[:, end])
    low = window_demand(pi, uplift_multiplier=0.3, cover_days=14, **kw)
    assert np.all(low.count_mean >= pi.window.mean_base_cum[:, end] - 1e-9)  # never under the baseline


@settings(max_examples=30, deadline=None)
@given(st.dictionaries(st.sampled_from(["US", "UK", "TH"]),
                       st.dictionaries(st.sampled_from(["FBT-US", "3PL-US-LA", "3PL-US-NJ", "SELF-US", "FBT-UK",
                                                        "3PL-UK", "FBT-TH", "3PL-TH"]),
                                       st.floats(0.5, 100), min_size=1, max_size=4), max_size=3))
def test_mix_always_sums_to_the_total(mix):
    pi = _inputs()
    s = Scenario(warehouse_mix=mix)
    share = line_shares(pi, s.warehouse_mix).reshape(pi.n_series, -1)
    np.testing.assert_allclose(share.sum(axis=1), 1.0)
    r = compute_plan(pi, s)
    lines = r.lines[r.lines["warehouse_id"] != "(none)"]
    # every series' routed demand adds up to its demand, the quantities add up to the totals
    routed = lines.groupby(["sku", "region"])["demand_mean"].sum()
    by_sku = r.by_sku.set_index(["sku", "region"])["demand_mean"]
    np.testing.assert_allclose(routed.reindex(by_sku.index).fillna(0).to_numpy(), by_sku.to_numpy(), rtol=1e-9)
    assert lines["qty_after_rounding"].sum() == pytest.approx(r.totals["units"])
    assert r.by_warehouse["units"].sum() == pytest.approx(r.totals["units"])
    assert r.by_sku["qty_after_rounding"].sum() == pytest.approx(r.totals["units"])


def test_mix_moves_units_and_cross_region_costs_transfer():
    pi = _inputs()
    r = compute_plan(pi, Scenario(warehouse_mix={"US": {"FBT-US": 100}}))
    us = r.lines[(r.lines["region"] == "US") & (r.lines["qty_after_rounding"] > 0)]
    assert set(us["warehouse_id"]) == {"FBT-US"}
    x = compute_plan(pi, Scenario(warehouse_mix={"UK": {"FBT-US": 50, "FBT-UK": 50}}))
    cross = x.lines[(x.lines["region"] == "UK") & (x.lines["warehouse_id"] == "FBT-US")]
    assert len(cross) and cross["flags"].str.contains("cross_region").all()
    assert x.totals["transfer_cost"] > 0
    assert (cross.loc[cross["qty_after_rounding"] > 0, "transfer_cost"] > 0).all()


def test_pools_do_not_mix_stock():
    """Stock in the FBT warehouse never covers demand routed to the 3PL warehouse: piling stock into FBT-TH leaves
    every 3PL-TH line's order and risk unchanged."""
    pi = _inputs()
    scen = Scenario(warehouse_mix={"TH": {"FBT-TH": 50, "3PL-TH": 50}}, moq_policy="need")
    fbt = (pi.lines["warehouse_id"] == "FBT-TH").to_numpy()
    more = replace(pi, line=replace(pi.line, on_hand_start_units=pi.line.on_hand_start_units + np.where(fbt, 10_000.0, 0),
                                    position_units=pi.line.position_units + np.where(fbt, 10_000.0, 0)))
    a, b = compute_plan(pi, scen), compute_plan(more, scen)

    def tpl(r):
        return r.lines[r.lines["warehouse_id"] == "3PL-TH"].set_index("sku")

    pd.testing.assert_series_equal(tpl(a)["expected_lost_units"], tpl(b)["expected_lost_units"])
    assert (tpl(b)["qty_before_rounding"] == tpl(a)["qty_before_rounding"]).all()
    fa = a.lines[a.lines["warehouse_id"] == "FBT-TH"]["expected_lost_units"].sum()
    fb = b.lines[b.lines["warehouse_id"] == "FBT-TH"]["expected_lost_units"].sum()
    assert fb < fa


def test_unknown_warehouse_in_mix_gives_notice():
    r = compute_plan(_inputs(), Scenario(warehouse_mix={"US": {"FBT-US": 50, "仓库-不存在": 50}}))
    assert any("仓库-不存在" in n for n in r.notices)


def test_market_without_warehouse_is_stockout():
    tables, fc, up = _data()
    tables = dict(tables)
    tables["warehouses"] = tables["warehouses"][tables["warehouses"]["region"] != "TH"]
    tables["freight_lanes"] = tables["freight_lanes"][tables["freight_lanes"]["warehouse_id"].isin(
        tables["warehouses"]["warehouse_id"])]
    tables["last_mile"] = tables["last_mile"][tables["last_mile"]["warehouse_id"].isin(
        tables["warehouses"]["warehouse_id"])]
    pi = build_plan_inputs(tables, fc, up, CAMPAIGN, as_of="2026-10-01")
    r = compute_plan(pi, Scenario())
    none = r.lines[r.lines["warehouse_id"] == "(none)"]
    assert len(none) and (none["region"] == "TH").all()
    assert (none["fill_rate"] == 0).all() and (none["stockout_prob"] > 0).all()
    # with no stock, P(stockout) = P(D > 0): 1 unless the window has a count zero mass (slow sellers)
    sure = none["demand_p10"] > 0
    assert sure.any() and (none.loc[sure, "stockout_prob"] > 0.9).all()
    th = r.by_sku[r.by_sku["region"] == "TH"]
    np.testing.assert_allclose(th["expected_lost_units"], th["demand_mean"])
    assert any("no warehouse" in n for n in r.notices)


def test_key_sku_concentration_flag():
    pi = _inputs()
    r = compute_plan(pi, Scenario(warehouse_mix={"US": {"FBT-US": 100}, "UK": {"FBT-UK": 100},
                                                 "TH": {"FBT-TH": 100}}, key_sku_count=5, redundancy_limit_pct=20))
    flagged = r.lines[r.lines["flags"].str.contains("concentrated")]
    assert len(flagged) > 0
    assert flagged["flags"].str.contains("key_sku").all()
    none = compute_plan(pi, Scenario(key_sku_count=0))
    assert not none.lines["flags"].str.contains("concentrated").any()


def test_buffer_and_lead_time_move_dates_and_coverage():
    pi = _inputs()
    a = compute_plan(pi, Scenario(buffer_days=0))
    b = compute_plan(pi, Scenario(buffer_days=14))
    assert (b.lines["arrival_date"] < a.lines["arrival_date"]).all()
    assert b.lines["in_transit_covered_units"].sum() <= a.lines["in_transit_covered_units"].sum()
    p = compute_plan(pi, Scenario(lead_time_case="pessimistic"))
    t = compute_plan(pi, Scenario())
    assert p.lines["po_date"].min() <= t.lines["po_date"].min()


def test_freight_mode_air_costs_more_and_ships_later():
    pi = _inputs()
    sea = compute_plan(pi, Scenario())
    air = compute_plan(pi, Scenario(freight_mode={w: "air" for w in pi.warehouses["warehouse_id"]}))
    assert air.totals["freight_cost"] > sea.totals["freight_cost"]
    assert air.lines["ship_by_date"].min() > sea.lines["ship_by_date"].min()


def test_disposal_prices_only_the_leftover_that_cannot_sell_in_time():
    """A continuing SKU sells its leftover after the campaign (holding + capital until then: the disposal option
    does not matter) as far as it sells within max_months_to_sell; the rest, and a discontinued SKU's whole leftover
    (no baseline after the campaign), is written off by the chosen option."""
    pi = _inputs()
    res = {d: compute_plan(pi, Scenario(disposal=d, moq_policy="need")) for d in ("destroy", "return", "liquidate")}
    assert len({r.totals["units"] for r in res.values()}) == 1
    lines = {d: r.lines.set_index(["sku", "warehouse_id"]) for d, r in res.items()}
    in_time = lines["destroy"]["leftover_written_off_units"] <= 1e-9
    assert in_time.any()
    for d in ("return", "liquidate"):  # what sells in time costs the same whatever the disposal option
        np.testing.assert_allclose(lines[d].loc[in_time, "leftover_cost"], lines["destroy"].loc[in_time, "leftover_cost"],
                                   rtol=1e-12)
    written = lines["destroy"]["leftover_written_off_units"].sum()
    assert (res["destroy"].totals["leftover_write_off"] > 0) == (written > 0)
    gone = replace(pi, window=replace(pi.window, rate_after=np.zeros_like(pi.window.rate_after)))
    res = {d: compute_plan(gone, Scenario(disposal=d, moq_policy="need")) for d in ("destroy", "return", "liquidate")}
    assert len({round(r.totals["leftover_cost"], 6) for r in res.values()}) == 3
    # destroyed: the whole sunk cost plus the fee; returned: the purchase value comes back, freight back is paid
    assert res["destroy"].totals["leftover_cost"] > res["destroy"].totals["leftover_write_off"] > 0
    assert res["return"].totals["leftover_write_off"] < res["destroy"].totals["leftover_write_off"]
    assert res["destroy"].totals["leftover_cost"] > compute_plan(pi, Scenario(disposal="destroy",
                                                                              moq_policy="need")).totals["leftover_cost"]


def test_newsvendor_and_safety_stock_columns():
    r = compute_plan(_inputs(), Scenario())
    lines = r.lines[r.lines["warehouse_id"] != "(none)"]
    assert ((lines["critical_ratio"] >= 0) & (lines["critical_ratio"] <= 1)).all()
    assert (lines["newsvendor_qty"] >= 0).all()
    served = lines[lines["demand_mean"] > 0]
    # at 95 % the quantile is above the mean for these right-skewed demands
    assert (served["safety_stock"] > 0).all()


def test_without_last_mile_the_plan_costs_it_as_zero_like_the_cost_view():
    """One cost engine: without last-mile bands the plan and cost.landed both count the last mile as 0."""
    a = compute_plan(_inputs(with_last_mile=True), Scenario(moq_policy="need"))
    b = compute_plan(_inputs(with_last_mile=False), Scenario(moq_policy="need"))
    la = a.lines.set_index(["sku", "region", "warehouse_id"])
    lb = b.lines.set_index(["sku", "region", "warehouse_id"]).reindex(la.index)
    assert (lb["landed_cost_per_unit"] < la["landed_cost_per_unit"]).mean() > 0.9  # last mile (and its returns share)
    assert np.isfinite(lb["landed_cost_per_unit"]).all()


def test_sensitivity_curve():
    pi = _inputs()
    s = Scenario()
    df = sensitivity(pi, s, "service_level_pct", [80, 90, 95, 99, 120])
    assert df["value"].tolist() == [80, 90, 95, 99]  # 120 is out of range, skipped
    assert df["units"].is_monotonic_increasing
    assert df["is_current"].tolist() == [False, False, True, False]
    bd = sensitivity(pi, s, "buffer_days", [0, 7, 14])
    assert len(bd) == 3
    with pytest.raises(ValueError, match="lever"):
        sensitivity(pi, s, "display_currency", [1])


def test_unknown_campaign_and_missing_table_errors():
    tables, fc, up = _data()
    with pytest.raises(ValueError, match="campaign_id"):
        build_plan_inputs(tables, fc, up, "NOPE")
    with pytest.raises(ValueError, match="warehouses"):
        build_plan_inputs({k: v for k, v in tables.items() if k != "warehouses"}, fc, up, CAMPAIGN)
    with pytest.raises(ValueError, match="forecast"):
        build_plan_inputs(tables, fc.drop(columns=["mean"]), up, CAMPAIGN)


def test_uplift_cv_table_matches_the_forecast_module():
    from linkstar_analytics.forecast.uplift import UPLIFT_CV_BY_SOURCE
    from linkstar_analytics.plan.inputs import DEFAULT_UPLIFT_CV_BY_SOURCE

    assert dict(DEFAULT_UPLIFT_CV_BY_SOURCE) == dict(UPLIFT_CV_BY_SOURCE)


def test_window_demand_matches_forecast_window_quantiles():
    """With no uplift error, presale or creators, the plan's window grid is the forecast module's window
    total (apply_uplift, then window_quantiles over [cutoff, campaign end + cover days])."""
    from linkstar_analytics.forecast.base import series_keys, window_quantiles
    from linkstar_analytics.forecast.uplift import apply_uplift

    tables, fc, up = _data()
    tables = {k: v for k, v in tables.items() if k not in ("presale", "creators")}
    pi = build_plan_inputs(tables, fc, up, CAMPAIGN, as_of="2026-10-01", uplift_cv_by_source={})
    assert not pi.window.err_cum.any()  # no uplift error: the forecast's own window
    g = window_demand(pi, uplift_multiplier=1.0, cover_days=14, presale_conversion_pct=25, deposit_conversion_pct=70)
    camp = tables["campaigns"]
    full = apply_uplift(fc, up.assign(source="own"), camp)
    full = full.assign(sigma=fc["sigma"].to_numpy() * full["uplift"].to_numpy())  # cv 0: sd x uplift only
    q = window_quantiles(full.drop(columns=["uplift", "campaign_id"]), "2026-11-06",
                         pd.Timestamp("2026-11-30") + pd.Timedelta(days=14), probs=(0.1, 0.5, 0.9))
    keys = series_keys(full)
    assert keys[["sku", "region"]].to_numpy().tolist() == pi.series[["sku", "region"]].to_numpy().tolist()
    from linkstar_analytics.plan.risk import law_quantile

    for j, p in enumerate((0.1, 0.5, 0.9)):
        np.testing.assert_allclose(law_quantile(g.baseline, p), q[:, j], rtol=0.01, atol=0.01)


def test_plan_inputs_are_read_only_and_leave_caller_frames_writable():
    tables, fc, up = _data()
    curve = pd.DataFrame({"days_departure_to_campaign": [0.0, 30.0, 60.0], "surcharge_pct": [80.0, 20.0, 0.0]})
    pi = build_plan_inputs(tables, fc, up, CAMPAIGN, as_of="2026-10-01", cost_tables={"rush_curve": curve})
    with pytest.raises(ValueError):
        pi.line.on_hand_start_units[0] = 1.0
    with pytest.raises(ValueError):
        pi.window.mean_base_cum[0, 0] = 1.0
    curve.loc[0, "surcharge_pct"] = 90.0  # still writable
    assert curve.loc[0, "surcharge_pct"] == 90.0


@pytest.mark.parametrize("pessimistic", [False, True])
def test_schedule_dates_match_the_cost_schedule(pessimistic):
    from linkstar_analytics.cost.schedule import prepare_schedule_arrays, schedule_from_arrays

    tables, _, _ = _data()
    pi = _inputs()
    scen = Scenario(buffer_days=9, lead_time_case="pessimistic" if pessimistic else "typical",
                    freight_mode={"FBT-US": "air", "3PL-UK": "express"})
    r = compute_plan(pi, scen)
    sa = prepare_schedule_arrays(tables["skus"], tables["warehouses"], tables["freight_lanes"])
    modes = sa.mode_index({w: scen.freight_mode.get(w, "sea") for w in sa.warehouse_ids})
    camp = tables["campaigns"].iloc[0]
    sel = schedule_from_arrays(sa, modes, inbound_cutoff=camp["inbound_cutoff"], campaign_start=camp["start_date"],
                               buffer_days=9, pessimistic=pessimistic, today="2026-10-01")
    k = pd.Index(sa.skus).get_indexer(r.lines["sku"])
    w = pd.Index(sa.warehouse_ids).get_indexer(r.lines["warehouse_id"])
    assert (r.lines["po_date"].to_numpy() == sel.latest_po_date[k, w].astype("datetime64[ns]")).all()
    assert (r.lines["ship_by_date"].to_numpy() == sel.ship_by[k, w].astype("datetime64[ns]")).all()
    assert (r.lines["arrival_date"].to_numpy() == sel.available_by[k, w].astype("datetime64[ns]")).all()


def test_stock_is_projected_to_the_window_start():
    from linkstar_analytics.plan.inputs import PlanParams

    tables, fc, up = _data()
    early = build_plan_inputs(tables, fc, up, CAMPAIGN, as_of="2026-10-01")
    keep = build_plan_inputs(tables, fc, up, CAMPAIGN, as_of="2026-10-01",
                             params=PlanParams(consume_stock_before_window=False))
    at_cutoff = build_plan_inputs(tables, fc[pd.to_datetime(fc["date"]) >= "2026-11-06"], up, CAMPAIGN,
                                  as_of="2026-11-06")
    ln = early.line
    assert np.all(ln.on_hand_start_units <= ln.on_hand_now_units)
    assert ln.on_hand_start_units.sum() < ln.on_hand_now_units.sum()
    np.testing.assert_array_equal(keep.line.on_hand_start_units, keep.line.on_hand_now_units)
    np.testing.assert_array_equal(at_cutoff.line.on_hand_start_units, at_cutoff.line.on_hand_now_units)
    # less stock at the window start never lowers the need of any line
    a = compute_plan(early, Scenario(moq_policy="need")).lines.set_index(["sku", "region", "warehouse_id"])
    b = compute_plan(keep, Scenario(moq_policy="need")).lines.set_index(["sku", "region", "warehouse_id"])
    assert (a["qty_before_rounding"] >= b["qty_before_rounding"].reindex(a.index) - 1e-9).all()


def test_moq_surplus_and_its_leftover_cost_are_reported_per_line():
    """Raising a small need to a large MOQ shows as moq_added_units and the leftover it causes (valued at the
    overage cost); ordering the need only removes both and leaves fewer leftovers."""
    pi = _inputs()
    moq = replace(pi, sku=replace(pi.sku, moq_units=np.full_like(pi.sku.moq_units, 5000.0)))
    up = compute_plan(moq, Scenario())
    need = compute_plan(moq, Scenario(moq_policy="need"))
    skip = compute_plan(moq, Scenario(moq_policy="skip"))
    lu = up.lines[up.lines["warehouse_id"] != "(none)"]
    raised = lu["moq_added_units"] > 0
    assert raised.any() and (lu.loc[raised, "moq_leftover_cost"] > 0).all()
    assert lu.loc[raised, "below_moq"].all() and lu["flags"][raised].str.contains("moq_raised").all()
    np.testing.assert_allclose(lu["qty_before_rounding"] + lu["moq_added_units"] + lu["case_pack_added_units"],
                               lu["qty_after_rounding"], atol=1e-6)
    assert up.totals["moq_added_units"] == pytest.approx(lu["moq_added_units"].clip(lower=0).sum())
    assert up.totals["moq_skipped_units"] == pytest.approx(-lu["moq_added_units"].clip(upper=0).sum())
    # a unit the MOQ adds is left over at most once (and some of them sell)
    assert (lu.loc[raised, "moq_leftover_units"] <= lu.loc[raised, "moq_added_units"] + 1e-6).all()
    assert up.totals["moq_leftover_units"] == pytest.approx(lu["moq_leftover_units"].sum())
    # same cost basis as the headline leftover: the whole leftover's cost minus that of the leftover without the MOQ's
    # units (a line the MOQ's allocation leaves with less over shows a saving), so more leftover never costs less
    moved = lu["moq_leftover_units"].abs() > 1e-6
    assert (np.sign(lu.loc[moved, "moq_leftover_cost"]) == np.sign(lu.loc[moved, "moq_leftover_units"])).all()
    assert (lu["moq_leftover_cost"] <= lu["leftover_cost"] + 1e-9).all()
    assert up.totals["moq_leftover_cost"] == pytest.approx(lu["moq_leftover_cost"].sum(), rel=1e-9)
    assert need.totals["moq_added_units"] == 0 and need.totals["moq_leftover_cost"] == 0
    assert need.totals["expected_leftover_units"] < up.totals["expected_leftover_units"]
    assert skip.totals["units"] < need.totals["units"]
    assert skip.totals["expected_stockout_units"] >= need.totals["expected_stockout_units"]
    assert Scenario.from_query_params(Scenario(moq_policy="skip").to_query_params())[0].moq_policy == "skip"


def test_float_dust_demand_is_no_demand():
    """A series whose window mean is float dust (1e-12 units) has no demand: its lines report no stockout risk
    instead of a certain stockout."""
    pi = _inputs()
    w = pi.window
    base, lift = w.mean_base_cum.copy(), w.mean_lift_cum.copy()
    base[0] = np.linspace(0, 2e-12, base.shape[1])
    lift[0] = 0.0
    zero = {name: getattr(w, name).copy() for name in ("var_cum", "sd_cum", "err_cum", "creators_implied_cum")}
    for arr in zero.values():
        arr[:, 0] = 0.0
    creators = w.creators_cum.copy()
    creators[0] = 0.0
    plain, dep = w.presale_plain_units.copy(), w.presale_deposit_units.copy()
    plain[0] = dep[0] = 0.0
    dust = replace(pi, window=replace(w, mean_base_cum=base, mean_lift_cum=lift, creators_cum=creators,
                                      presale_plain_units=plain, presale_deposit_units=dep, **zero))
    g = window_demand(dust, uplift_multiplier=1.0, cover_days=14, presale_conversion_pct=25, deposit_conversion_pct=70)
    assert g.mean[0] == 0
    r = compute_plan(dust, Scenario())
    s0 = dust.series.iloc[0]
    rows = r.lines[(r.lines["sku"] == s0["sku"]) & (r.lines["region"] == s0["region"])]
    assert len(rows) and (rows["stockout_prob"] == 0).all() and (rows["fill_rate"] == 1).all()
