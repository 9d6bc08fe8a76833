"""The FBT inbound quota and the platform's recommended stock against a plan, checked on cases worked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from linkstar_analytics.plan.engine import compute_plan
from linkstar_analytics.plan.inputs import build_plan_inputs
from linkstar_analytics.plan.quota import (
    alternative_lines,
    best_moves,
    check_quota,
    move_options,
    reallocation,
    recommendation_gap,
    unit_cbm,
)
from linkstar_analytics.plan.scenario import Scenario
from linkstar_analytics.plan.synthetic import synthetic_plan_data

T = pd.Timestamp


def _skus() -> pd.DataFrame:
    # SKU-A: packed unit 20 x 10 x 10 cm = 0.002 m3, no carton size.
    # SKU-B: carton 40 x 30 x 20 cm = 0.024 m3 holding 12 units -> 0.002 m3 a unit (the unit alone would be 0.001).
    return pd.DataFrame({
        "sku": ["SKU-A", "SKU-B", "SKU-C"], "length_cm": [20.0, 10.0, 10.0], "width_cm": [10.0, 10.0, 10.0],
        "height_cm": [10.0, 10.0, 10.0], "case_pack_units": [10, 12, 6],
        "carton_length_cm": [np.nan, 40.0, np.nan], "carton_width_cm": [np.nan, 30.0, np.nan],
        "carton_height_cm": [np.nan, 20.0, np.nan],
    })


def _line(sku, warehouse, mode, qty, arrival, *, margin=10.0, landed=10.0, region="US", available=0.0, sellable=None):
    arrival = T(arrival)
    return {"sku": sku, "name": sku.lower(), "region": region, "warehouse_id": warehouse, "fulfilment_mode": mode,
            "qty_after_rounding": float(qty), "warehouse_arrival_date": arrival,
            "sellable_date": T(sellable) if sellable else arrival + pd.Timedelta(days=4),
            "unit_margin": margin, "landed_cost_per_unit": landed, "currency": "USD", "available_units": available}


def test_unit_cbm_from_the_carton_else_the_packed_unit():
    v = unit_cbm(_skus())
    assert v["SKU-A"] == pytest.approx(20 * 10 * 10 / 1e6)  # 0.002 m3: no carton, the unit
    assert v["SKU-B"] == pytest.approx(40 * 30 * 20 / 1e6 / 12)  # 0.024 m3 / 12 units = 0.002 m3
    assert v["SKU-C"] == pytest.approx(0.001)


def test_an_fbt_allocation_one_unit_over_quota_is_flagged_and_the_move_keeps_the_total():
    lines = pd.DataFrame([
        _line("SKU-A", "FBT-US", "FBT", 60, "2026-11-05", landed=10.0),
        _line("SKU-B", "FBT-US", "FBT", 41, "2026-11-08", landed=10.0, sellable="2026-11-12"),
        _line("SKU-C", "3PL-US", "3PL", 30, "2026-11-02"),  # not FBT: no quota
        _line("SKU-C", "FBT-US", "FBT", 25, "2026-12-03"),  # December: no quota row, no limit known
    ])
    quota = pd.DataFrame({"warehouse_id": ["FBT-US"], "month": [T("2026-11-01")], "quota_units": [100.0],
                          "quota_cbm": [np.nan]})
    chk = check_quota(lines, quota, _skus())
    by = chk.lines.set_index(["sku", "month"])
    # November fills by arrival: SKU-A (Nov 5) takes 60 of 100, SKU-B (Nov 8) finds 100 - 60 = 40 of its 41.
    assert by.loc[("SKU-A", T("2026-11-01")), "over_units"] == 0
    assert by.loc[("SKU-B", T("2026-11-01")), "fits_units"] == 40
    assert by.loc[("SKU-B", T("2026-11-01")), "over_units"] == 1
    assert by.loc[("SKU-B", T("2026-11-01")), "fill_order"] == 2
    assert not by.loc[("SKU-C", T("2026-12-01")), "has_quota"]
    assert by.loc[("SKU-C", T("2026-12-01")), "over_units"] == 0
    assert chk.over_units == 1
    nov = chk.months.set_index("month").loc[T("2026-11-01")]
    assert nov["planned_units"] == 101 and nov["used_units_pct"] == pytest.approx(101.0)

    # The move: 3PL landed 12.50 vs FBT 10.00 -> +2.50 a unit, x 1 unit = +2.50; sellable Nov 20 vs Nov 12 -> 8 days
    # later; the window starts Nov 15 and the campaign ends Nov 30 -> it lands during the campaign.
    alternatives = pd.DataFrame({"sku": ["SKU-B"], "region": ["US"], "warehouse_id": ["3PL-US"],
                                 "fulfilment_mode": ["3PL"], "freight_mode": ["sea"], "landed_cost_per_unit": [12.5],
                                 "sellable_date": [T("2026-11-20")], "currency": ["USD"]})
    opts = move_options(chk, alternatives, window_start="2026-11-15", campaign_end="2026-11-30")
    assert len(opts) == 1
    o = opts.iloc[0]
    assert (o["from_warehouse"], o["to_warehouse"], o["move_units"]) == ("FBT-US", "3PL-US", 1)
    assert o["landed_change_per_unit"] == pytest.approx(2.5)
    assert o["landed_change_total"] == pytest.approx(2.5)
    assert o["delay_days"] == 8 and o["lands"] == "during_campaign"

    after = reallocation(lines, best_moves(opts)).set_index(["sku", "warehouse_id"])
    assert after.loc[("SKU-B", "FBT-US"), "units_after"] == 40
    assert after.loc[("SKU-B", "3PL-US"), "units_after"] == 1
    totals = after.groupby(["sku", "region"])[["units_before", "units_after"]].sum()
    assert (totals["units_before"] == totals["units_after"]).all()  # SKU-B: 41 = 40 + 1
    assert totals.loc[("SKU-B", "US"), "units_after"] == 41


def test_same_arrival_day_the_higher_margin_line_fills_first():
    lines = pd.DataFrame([_line("SKU-A", "FBT-US", "FBT", 30, "2026-11-05", margin=4.0),
                          _line("SKU-B", "FBT-US", "FBT", 30, "2026-11-05", margin=9.0)])
    quota = pd.DataFrame({"warehouse_id": ["FBT-US"], "month": [T("2026-11-01")], "quota_units": [40.0],
                          "quota_cbm": [np.nan]})
    over = check_quota(lines, quota, _skus()).lines.set_index("sku")["over_units"]
    # SKU-B (margin 9) takes 30 of 40; SKU-A (margin 4) gets the 10 left: 20 over.
    assert over.to_dict() == {"SKU-B": 0.0, "SKU-A": 20.0}


def test_cbm_quota_worked_by_hand_with_booked_shipments_first():
    lines = pd.DataFrame([_line("SKU-B", "FBT-UK", "FBT", 200, "2026-12-10", region="UK")])
    quota = pd.DataFrame({"warehouse_id": ["FBT-UK"], "month": ["2026-12-01"], "quota_units": [np.nan],
                          "quota_cbm": [0.5]})
    booked = pd.DataFrame({"sku": ["SKU-A"], "warehouse_id": ["FBT-UK"], "units": [100.0],
                           "eta_date": [T("2026-12-02")]})
    chk = check_quota(lines, quota, _skus(), booked=booked)
    row = chk.lines.iloc[0]
    # booked: 100 x 0.002 = 0.2 m3; room 0.5 - 0.2 = 0.3 m3; SKU-B is 0.024 / 12 = 0.002 m3 a unit -> 150 fit,
    # 200 - 150 = 50 over = 0.1 m3.
    assert row["fits_units"] == 150 and row["over_units"] == 50
    assert row["over_cbm"] == pytest.approx(0.1)
    month = chk.months.iloc[0]
    assert month["booked_cbm"] == pytest.approx(0.2) and month["planned_cbm"] == pytest.approx(0.4)
    assert month["used_cbm_pct"] == pytest.approx((0.2 + 0.4) / 0.5 * 100)  # 120 %
    assert np.isnan(month["used_units_pct"])  # no unit quota


def test_units_and_cbm_quota_the_tighter_one_binds():
    lines = pd.DataFrame([_line("SKU-A", "FBT-US", "FBT", 100, "2026-11-03")])
    # units: 90 fit; CBM: 0.15 / 0.002 = 75 fit -> 75 fit, 25 over.
    quota = pd.DataFrame({"warehouse_id": ["FBT-US"], "month": [T("2026-11-30")], "quota_units": [90.0],
                          "quota_cbm": [0.15]})
    row = check_quota(lines, quota, _skus()).lines.iloc[0]
    assert (row["fits_units"], row["over_units"]) == (75, 25)


def test_planned_versus_recommended_stock_worked_by_hand():
    lines = pd.DataFrame([
        _line("SKU-A", "FBT-US", "FBT", 100, "2026-11-05", available=20.0),
        _line("SKU-A", "3PL-US", "3PL", 30, "2026-11-05"),
        _line("SKU-B", "FBT-UK", "FBT", 80, "2026-11-05", region="UK", available=10.0),
        _line("SKU-C", "FBT-US", "FBT", 10, "2026-11-05"),
        _line("SKU-C", "FBT-UK", "FBT", 15, "2026-11-05", region="UK"),
    ])
    rec = pd.DataFrame({"sku": ["SKU-A", "SKU-B", "SKU-C", "SKU-A"], "campaign_id": ["BF", "BF", "BF", "OTHER"],
                        "region": ["US", None, None, "US"], "warehouse_id": [None, "FBT-UK", None, None],
                        "recommended_units": [200.0, 60.0, 50.0, 999.0]})
    warehouses = pd.DataFrame({"warehouse_id": ["FBT-US", "3PL-US", "FBT-UK"], "region": ["US", "US", "UK"]})
    gap = recommendation_gap(lines, rec, "BF", warehouses).set_index(["sku", "region"])
    # SKU-A US: planned (20 + 100) + (0 + 30) = 150 vs 200 -> -50 units, -50 / 200 = -25 %.
    assert gap.loc[("SKU-A", "US"), "planned_units"] == 150
    assert gap.loc[("SKU-A", "US"), "gap_units"] == -50
    assert gap.loc[("SKU-A", "US"), "gap_pct"] == pytest.approx(-25.0)
    # SKU-B: the warehouse FBT-UK gives the market UK: 10 + 80 = 90 vs 60 -> +30 units, +50 %.
    assert gap.loc[("SKU-B", "UK"), "gap_units"] == 30
    assert gap.loc[("SKU-B", "UK"), "gap_pct"] == pytest.approx(50.0)
    # SKU-C without market or warehouse: every market, 10 + 15 = 25 vs 50 -> -25 units, -50 %.
    assert gap.loc[("SKU-C", ""), "planned_units"] == 25
    assert gap.loc[("SKU-C", ""), "gap_pct"] == pytest.approx(-50.0)
    assert len(gap) == 3  # the other campaign's row is not compared


def test_alternative_lines_price_each_3pl_and_self_ship_warehouse_like_the_plan_would():
    tables, fc, up = synthetic_plan_data(12, seed=11)
    inputs = build_plan_inputs(tables, fc, up, "MEGA-2026", as_of="2026-10-01")
    scenario = Scenario(campaign_id="MEGA-2026")
    alt = alternative_lines(inputs, scenario)
    assert set(alt["fulfilment_mode"]) <= {"3PL", "SELF"} and not alt.empty
    wh_region = inputs.warehouses.set_index("warehouse_id")["region"]
    assert (alt["warehouse_id"].map(wh_region) == alt["region"]).all()  # same market only
    # The 3PL-US-LA figures are those of a plan that sends the US demand there.
    direct = compute_plan(inputs, scenario.replace(warehouse_mix={"US": {"3PL-US-LA": 100.0}})).lines
    direct = direct.loc[direct["warehouse_id"] == "3PL-US-LA"].set_index("sku")
    mine = alt.loc[alt["warehouse_id"] == "3PL-US-LA"].set_index("sku")
    assert len(mine) > 0
    pd.testing.assert_series_equal(mine["landed_cost_per_unit"], direct.loc[mine.index, "landed_cost_per_unit"])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(qty=st.lists(st.integers(0, 500), min_size=1, max_size=8),
       days=st.lists(st.integers(0, 60), min_size=8, max_size=8),
       quota_units=st.one_of(st.none(), st.integers(0, 2000)),
       quota_cbm=st.one_of(st.none(), st.floats(0.0, 3.0)),
       booked=st.integers(0, 600))
@example(qty=[1, 0, 0, 1], days=[0] * 8, quota_units=None, quota_cbm=0.0, booked=0)  # two lines of one SKU over
def test_fill_never_exceeds_the_quota_and_a_move_keeps_the_total(qty, days, quota_units, quota_cbm, booked):
    skus = ["SKU-A", "SKU-B", "SKU-C"]
    lines = pd.DataFrame([_line(skus[i % 3], "FBT-US", "FBT", q, T("2026-11-01") + pd.Timedelta(days=days[i]),
                                margin=float(i % 4)) for i, q in enumerate(qty)])
    quota = pd.DataFrame({"warehouse_id": ["FBT-US"] * 3, "month": [T("2026-11-01"), T("2026-12-01"), T("2027-01-01")],
                          "quota_units": [quota_units] * 3, "quota_cbm": [quota_cbm] * 3})
    bk = pd.DataFrame({"sku": ["SKU-A"], "warehouse_id": ["FBT-US"], "units": [float(booked)],
                       "eta_date": [T("2026-11-20")]})
    chk = check_quota(lines, quota, _skus(), booked=bk)
    out = chk.lines
    assert (out["fits_units"] + out["over_units"] == out["qty_units"]).all()
    assert (out["fits_units"] >= 0).all() and (out["over_units"] >= 0).all()
    v = unit_cbm(_skus())
    for month, g in out.groupby("month"):
        booked_u = booked if month == T("2026-11-01") else 0
        if quota_units is not None and g["fits_units"].sum() > 0:
            assert g["fits_units"].sum() + booked_u <= quota_units
        if quota_cbm is not None and g["fits_units"].sum() > 0:
            assert (g["fits_units"] * g["sku"].map(v)).sum() + booked_u * v["SKU-A"] <= quota_cbm + 1e-9
    alternatives = pd.DataFrame({"sku": skus, "region": "US", "warehouse_id": "3PL-US", "fulfilment_mode": "3PL",
                                 "freight_mode": "sea", "landed_cost_per_unit": 11.0,
                                 "sellable_date": T("2026-11-25"), "currency": "USD"})
    moves = best_moves(move_options(chk, alternatives, window_start="2026-11-15", campaign_end="2026-11-30"))
    after = reallocation(lines, moves)
    assert after["units_before"].sum() == after["units_after"].sum() == sum(qty)
    assert moves["move_units"].sum() == chk.over_units


def test_plan_with_the_mix_shares_is_the_plan():
    tables, fc, up = synthetic_plan_data(12, seed=11)
    inputs = build_plan_inputs(tables, fc, up, "MEGA-2026", as_of="2026-10-01")
    scenario = Scenario(campaign_id="MEGA-2026")
    from linkstar_analytics.plan.engine import plan_with_shares, route

    a, b = compute_plan(inputs, scenario), plan_with_shares(inputs, scenario, route(inputs, scenario).share_all)
    pd.testing.assert_frame_equal(a.lines, b.lines)
    assert {k: v for k, v in a.totals.items() if v == v} == {k: v for k, v in b.totals.items() if v == v}


def test_quota_moves_take_their_demand_along_and_the_plan_is_computed_again():
    """A tight FBT-US quota: the moves send the over-quota units' share of demand to the SKU's 3PL / self-ship
    warehouse, the plan is recomputed until the FBT lines fit, every SKU x market keeps its demand, and SKUs that move
    nothing keep their lines unchanged."""
    from linkstar_analytics.plan.quota import plan_moves

    tables, fc, up = synthetic_plan_data(40, seed=11)
    inputs = build_plan_inputs(tables, fc, up, "MEGA-2026", as_of="2026-10-01")
    scenario = Scenario(campaign_id="MEGA-2026")
    plan = compute_plan(inputs, scenario)
    skus = tables["skus"]
    free = check_quota(plan.lines, None, skus).lines
    us = free.loc[free["warehouse_id"] == "FBT-US"]
    assert len(us) >= 2
    month = us["month"].iloc[0]
    planned = float(us.loc[us["month"] == month, "qty_units"].sum())
    quota = pd.DataFrame({"warehouse_id": ["FBT-US"], "month": [month], "quota_units": [round(0.6 * planned)],
                          "quota_cbm": [np.nan]})
    chk = check_quota(plan.lines, quota, skus)
    assert chk.over_units > 0
    moves = best_moves(move_options(chk, alternative_lines(inputs, scenario), window_start=inputs.window_start,
                                    campaign_end=inputs.campaign_end))
    mp = plan_moves(inputs, scenario, moves, quota, skus)
    assert mp is not None and mp.rounds >= 1
    assert mp.before["over_units"] == chk.over_units
    assert mp.after["over_units"] == 0  # each FBT line keeps only the demand whose order fits
    assert mp.after["units"] == mp.plan.totals["units"]  # the headline is the recomputed plan's
    assert (mp.by_sku["from_units_after"] <= mp.by_sku["from_units_before"]).all()
    assert (mp.by_sku["to_units_after"] >= mp.by_sku["to_units_before"]).all()
    key = ["sku", "region"]
    d0 = plan.by_sku.set_index(key)["demand_mean"]
    d1 = mp.plan.by_sku.set_index(key)["demand_mean"].reindex(d0.index)
    np.testing.assert_allclose(d1, d0, rtol=1e-9)  # every SKU x market keeps its demand, only its routing moves
    moved = set(mp.by_sku["sku"])
    cols = ["qty_after_rounding", "expected_lost_units", "expected_leftover_units", "landed_cost_per_unit"]
    keep0 = plan.lines.loc[~plan.lines["sku"].isin(moved)].set_index(["sku", "region", "warehouse_id"])[cols]
    keep1 = mp.plan.lines.loc[~mp.plan.lines["sku"].isin(moved)].set_index(["sku", "region", "warehouse_id"])[cols]
    pd.testing.assert_frame_equal(keep0.sort_index(), keep1.sort_index())


def test_applied_moves_are_the_scenarios_per_sku_mix():
    """The moves become the scenario's per-SKU mix: the plan with it is the plan after the moves (units over quota
    0), the link and JSON carry it, and only the moved SKU x market series change their split."""
    from linkstar_analytics.plan.engine import route
    from linkstar_analytics.plan.quota import plan_moves

    tables, fc, up = synthetic_plan_data(40, seed=11)
    inputs = build_plan_inputs(tables, fc, up, "MEGA-2026", as_of="2026-10-01")
    scenario = Scenario(campaign_id="MEGA-2026")
    plan = compute_plan(inputs, scenario)
    skus = tables["skus"]
    us = check_quota(plan.lines, None, skus).lines.query("warehouse_id == 'FBT-US'")
    month = us["month"].iloc[0]
    quota = pd.DataFrame({"warehouse_id": ["FBT-US"], "month": [month],
                          "quota_units": [round(0.6 * float(us.loc[us["month"] == month, "qty_units"].sum()))],
                          "quota_cbm": [np.nan]})
    chk = check_quota(plan.lines, quota, skus)
    moves = best_moves(move_options(chk, alternative_lines(inputs, scenario), window_start=inputs.window_start,
                                    campaign_end=inputs.campaign_end))
    mp = plan_moves(inputs, scenario, moves, quota, skus)
    assert set(mp.sku_mix) == {f"{k}|{r}" for k, r in mp.by_sku[["sku", "region"]].itertuples(index=False)}
    for key, shares in mp.sku_mix.items():
        assert sum(shares.values()) == pytest.approx(100.0, abs=0.011)  # each series keeps all its demand
        assert all(w in set(tables["warehouses"]["warehouse_id"]) for w in shares)
    applied = scenario.replace(sku_mix=mp.sku_mix)
    again = compute_plan(inputs, applied)
    assert again.totals == mp.plan.totals
    assert check_quota(again.lines, quota, skus).over_units == 0
    assert Scenario.from_query_params(applied.to_query_params()) == (applied, [])
    assert Scenario.from_json(applied.to_json()) == applied
    # only the moved series change their split
    a, b = route(inputs, scenario).share_all, route(inputs, applied).share_all
    n_w = len(inputs.warehouses)
    changed = np.flatnonzero(np.abs(a - b).reshape(-1, n_w).max(axis=1) > 0)
    series = inputs.series.iloc[changed]
    assert {f"{k}|{r}" for k, r in zip(series["sku"], series["region"])} <= set(mp.sku_mix)


def test_sku_mix_names_what_the_data_lacks_and_rejects_bad_values():
    tables, fc, up = synthetic_plan_data(10, seed=3)
    inputs = build_plan_inputs(tables, fc, up, "MEGA-2026", as_of="2026-10-01")
    sku = str(inputs.series["sku"].iloc[0])
    region = str(inputs.series["region"].iloc[0])
    s = Scenario(campaign_id="MEGA-2026", sku_mix={"NOPE|US": {"FBT-US": 100.0}, f"{sku}|{region}": {"WH-X": 50.0}})
    r = compute_plan(inputs, s)
    note = next(n for n in r.notices if "sku_mix" in n)
    assert "NOPE in US" in note and "warehouse WH-X" in note
    assert r.totals == compute_plan(inputs, Scenario(campaign_id="MEGA-2026")).totals  # both entries ignored
    with pytest.raises(ValueError, match="SKU\\|REGION"):
        Scenario(sku_mix={"NOREGION": {"FBT-US": 100.0}})
    with pytest.raises(ValueError, match="0-100"):
        Scenario(sku_mix={"A|US": {"FBT-US": 120.0}})
    with pytest.raises(ValueError, match="sum to 0"):
        Scenario(sku_mix={"A|US": {"FBT-US": 0.0}})
    back, notices = Scenario.from_query_params({"smix": "A%7CUS:FBT-US=abc"})
    assert back == Scenario() and len(notices) == 1 and "smix" in notices[0]
