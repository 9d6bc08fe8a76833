"""Library compositions behind the pages: campaign calendar, dataset summary, supply view, review tables,
timeline segments, uplift overrides and the series view, on the committed sample."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from linkstar_analytics import workflow
from linkstar_analytics.calendar import countdown, default_campaign_id, upcoming_campaigns
from linkstar_analytics.io.validation import load_folder
from linkstar_analytics.plan.engine import compute_plan
from linkstar_analytics.plan.scenario import Scenario
from linkstar_analytics.review import blocking_items, relevant_alerts, review_tables
from linkstar_analytics.summary import dataset_summary
from linkstar_analytics.supply import default_freight_modes, scope, supply_view
from linkstar_analytics.timeline import STAGES, gantt_segments

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def tables():
    result = load_folder(REPO / "sample_data")
    assert result.ok
    return result.tables


@pytest.fixture(scope="module")
def forecast(tables, sample_db_template):
    """The sample's default (auto) forecast, fitted once for the whole test session (tests/conftest.py)."""
    from linkstar_analytics.io import storage

    conn = storage.connect(sample_db_template, read_only=True)
    try:
        key = workflow.forecast_key(workflow.DEFAULT_MODEL, workflow.forecast_horizon_days(tables))
        found = workflow.stored_forecast(conn, 1, key)
    finally:
        conn.close()
    assert found is not None
    return found


def test_default_campaign_is_the_first_with_an_open_declaration(tables):
    camps = tables["campaigns"]
    cid = default_campaign_id(camps, TODAY)
    row = camps.loc[camps["campaign_id"] == cid].iloc[0]
    assert row["declaration_deadline"].date() >= TODAY
    earlier_open = upcoming_campaigns(camps, TODAY)
    earlier_open = earlier_open.loc[(earlier_open["start_date"] < row["start_date"])
                                    & (earlier_open["declaration_deadline"].dt.date >= TODAY)]
    assert earlier_open.empty
    cd = countdown(row, TODAY)
    assert cd.days_to_deadline == (row["declaration_deadline"].date() - TODAY).days


def test_default_campaign_when_every_deadline_passed():
    camps = pd.DataFrame({"campaign_id": ["A"], "name": ["A"], "regions": ["US"],
                          "start_date": [pd.Timestamp("2026-12-01")], "end_date": [pd.Timestamp("2026-12-03")],
                          "declaration_deadline": [pd.Timestamp("2026-11-01")],
                          "inbound_cutoff": [pd.Timestamp("2026-11-10")], "default_uplift": [2.0]})
    assert default_campaign_id(camps, TODAY) == "A"
    assert default_campaign_id(camps, date(2027, 1, 1)) is None


def test_latest_po_by_campaign_is_the_most_forgiving_lane_of_the_backward_schedule(tables):
    """Same arithmetic as cost.schedule: the latest PO date over every in-market warehouse, mode and SKU."""
    from linkstar_analytics.cost.schedule import backward_schedule
    from linkstar_analytics.schemas import FREIGHT_MODES
    from linkstar_analytics.supply import campaign_row, latest_po_by_campaign

    po = latest_po_by_campaign(tables, buffer_days=7)
    assert set(po.index) == set(tables["campaigns"]["campaign_id"])
    for cid in ("BFCM-2026", "33-2027-TH", "YEAREND-2026"):
        row = campaign_row(tables["campaigns"], cid)
        dates = []
        for mode in FREIGHT_MODES:
            sch = backward_schedule(tables["skus"], tables["warehouses"], tables["freight_lanes"], row, buffer_days=7,
                                    freight_mode_by_warehouse=mode, today=TODAY)
            dates.append(sch.loc[sch["in_campaign_region"], "latest_po_date"].max())
        assert po[cid] == pd.Series(dates).max(), cid


@pytest.mark.parametrize("today", [date(2026, 11, 23), date(2026, 12, 1), date(2027, 2, 1), date(2027, 9, 1)])
def test_default_campaign_is_the_next_that_can_still_be_planned(tables, today):
    from linkstar_analytics.supply import latest_po_by_campaign

    camps = tables["campaigns"]
    po = latest_po_by_campaign(tables, buffer_days=7)
    cid = default_campaign_id(camps, today, po)
    assert po[cid].date() >= today, (cid, po[cid])
    start = camps.set_index("campaign_id").loc[cid, "start_date"]
    earlier = upcoming_campaigns(camps, today)
    earlier = earlier.loc[earlier["start_date"] < start, "campaign_id"]
    assert all(po[c].date() < today for c in earlier), [c for c in earlier if po[c].date() >= today]


def test_default_campaign_falls_back_to_the_open_declaration_when_nothing_can_be_planned(tables):
    camps = tables["campaigns"]
    never = pd.Series(pd.NaT, index=camps["campaign_id"], dtype="datetime64[ns]")
    assert default_campaign_id(camps, TODAY, never) == default_campaign_id(camps, TODAY)


def test_dataset_summary_counts(tables):
    s = dataset_summary(tables, TODAY)
    assert s.n_skus == 200 and s.n_warehouses == 7 and set(s.regions) == {"US", "UK", "TH"}
    assert s.history_start == date(2024, 7, 1) and s.history_end == date(2026, 11, 22)
    assert 0 < s.n_intermittent_skus < s.n_skus and s.n_new_skus > 0


def test_scope_pairs_follow_the_campaign_markets(tables):
    pairs = scope(tables, "1212-2026-TH")
    assert set(pairs["region"]) == {"TH"} and set(pairs["warehouse_id"]) == {"FBT-TH"}
    assert not pairs.duplicated(["sku", "warehouse_id"]).any()


def test_default_freight_mode_is_a_lane_the_warehouse_offers(tables):
    modes = default_freight_modes(tables["freight_lanes"])
    lanes = set(zip(tables["freight_lanes"]["warehouse_id"], tables["freight_lanes"]["freight_mode"]))
    assert all((w, m) in lanes for w, m in modes.items())
    assert modes["SELF-CN"] != "sea"


def test_supply_view_buffer_days_never_make_fewer_lines_late(tables):
    kw = dict(freight_mode_by_warehouse={}, pessimistic=False, fx=None, display_currency="USD", today=TODAY)
    a = supply_view(tables, "SPRING-2027", buffer_days=0, **kw)
    b = supply_view(tables, "SPRING-2027", buffer_days=21, **kw)
    assert int(b.schedule["is_late"].sum()) >= int(a.schedule["is_late"].sum())
    assert (b.schedule["latest_po_date"].reset_index(drop=True)
            <= a.schedule["latest_po_date"].reset_index(drop=True)).all()
    assert set(a.landed["currency"]) == {"USD"}


def test_unknown_campaign_is_a_clear_error(tables):
    with pytest.raises(ValueError, match="campaign_id 'NOPE'"):
        scope(tables, "NOPE")


def test_gantt_segments_chain_back_from_the_cutoff(tables):
    view = supply_view(tables, "SPRING-2027", buffer_days=7, freight_mode_by_warehouse={}, pessimistic=False,
                       fx=None, display_currency="CNY", today=TODAY)
    seg = gantt_segments(view.schedule.head(5))
    assert set(seg["stage"]) <= {s for s, _, _ in STAGES}
    assert (seg["end"] > seg["start"]).all()
    last = seg.groupby(["sku", "warehouse_id"])["end"].max()
    assert (last == pd.Timestamp("2027-03-01")).all()  # the inbound cutoff of SPRING-2027


def test_review_tables_and_alerts_only_concern_ordered_or_stocked_lines(tables, forecast):
    inputs = workflow.plan_inputs_for(tables, forecast, "YEAREND-2026")
    result = compute_plan(inputs, Scenario(campaign_id="YEAREND-2026"))
    view = supply_view(tables, "YEAREND-2026", buffer_days=7, freight_mode_by_warehouse={}, pessimistic=False,
                       fx=None, display_currency="CNY", today=TODAY)
    rv = review_tables(result.lines, view.schedule, view.readiness)
    ordered = result.lines.loc[result.lines["qty_after_rounding"] > 0, ["sku", "warehouse_id"]]
    keys = set(map(tuple, ordered.to_numpy()))
    assert set(map(tuple, rv.late_items[["sku", "warehouse_id"]].to_numpy())) <= keys
    assert rv.top_stockout["lost_margin"].is_monotonic_decreasing
    al = relevant_alerts(view.alerts, result.lines)
    assert len(al) <= len(view.alerts)
    assert (al["kind"] == "declaration_deadline").sum() == (view.alerts["kind"] == "declaration_deadline").sum()
    # order alerts only for lines that order (a late PO for a line that orders nothing is no alert)
    order_alerts = al.loc[al["kind"].isin(["late_po", "po_due_soon", "readiness_blocking"])]
    assert set(map(tuple, order_alerts[["sku", "warehouse_id"]].to_numpy())) <= keys
    dropped = view.alerts.loc[(view.alerts["kind"] == "late_po")
                              & ~view.alerts[["sku", "warehouse_id"]].apply(tuple, axis=1).isin(keys)]
    assert len(dropped) > 0  # the sample has late lines that order nothing: they are left out
    # one count of blocking items: the Review table, the Alerts list and the Alerts page's table agree
    assert (al["kind"] == "readiness_blocking").sum() == len(rv.blocking) == len(
        blocking_items(view.readiness, result.lines))
    assert set(map(tuple, rv.blocking[["sku", "warehouse_id"]].to_numpy())) <= keys


def test_next_steps_lead_with_the_most_urgent(tables, forecast):
    from linkstar_analytics.next_steps import next_steps

    cid = "YEAREND-2026"
    inputs = workflow.plan_inputs_for(tables, forecast, cid)
    result = compute_plan(inputs, Scenario(campaign_id=cid))
    view = supply_view(tables, cid, buffer_days=7, freight_mode_by_warehouse={}, pessimistic=False,
                       fx=None, display_currency="CNY", today=TODAY)
    row = tables["campaigns"].set_index("campaign_id").loc[cid].to_dict() | {"campaign_id": cid}
    cd = countdown(row, TODAY)
    ordered = result.lines.loc[result.lines["qty_after_rounding"] > 0, ["sku", "warehouse_id"]]
    steps = next_steps(cd, view.schedule, ordered, blocking_items(view.readiness, result.lines), TODAY)
    kinds = [s.kind for s in steps]
    assert len(kinds) == len(set(kinds)) and "declare" in kinds and "inbound_cutoff" in kinds
    dues = [s.due for s in steps if s.kind != "cut_or_defer"]
    assert dues == sorted(dues)
    if "cut_or_defer" in kinds:
        assert kinds[0] == "cut_or_defer"
    declare = next(s for s in steps if s.kind == "declare")
    assert declare.due == cd.declaration_deadline
    sch = view.schedule.merge(ordered, on=["sku", "warehouse_id"])
    late = sch.loc[sch["is_late"]]
    assert sum(s.count for s in steps if s.kind in ("cut_or_defer", "switch_mode")) == len(late)


def test_next_steps_worked_by_hand():
    from linkstar_analytics.next_steps import next_steps

    today = date(2026, 12, 1)
    cd = countdown({"campaign_id": "X", "name": "X", "regions": "US", "start_date": "2027-01-20",
                    "end_date": "2027-01-22", "declaration_deadline": "2026-12-20", "inbound_cutoff": "2027-01-05"},
                   today)
    schedule = pd.DataFrame({
        "sku": ["A", "B", "C", "D", "E"], "warehouse_id": ["W"] * 5,
        "latest_po_date": pd.to_datetime(["2026-12-03", "2026-12-08", "2026-12-20", "2026-11-20", "2026-11-25"]),
        "ship_by": pd.to_datetime(["2026-12-10", "2026-12-15", "2026-12-24", "2026-11-30", "2026-12-02"]),
        "is_late": [False, False, False, True, True],
        "rescue_mode": [None, None, None, None, "air"],
        "rescue_latest_po_date": pd.to_datetime([None, None, None, None, "2026-12-04"]),
    })
    ordered = schedule[["sku", "warehouse_id"]].iloc[[0, 1, 2, 3, 4]]
    blocking = pd.DataFrame({"sku": ["C"], "warehouse_id": ["W"]})
    steps = next_steps(cd, schedule, ordered, blocking, today)
    assert [(s.kind, s.due.isoformat(), s.count) for s in steps] == [
        ("cut_or_defer", "2026-12-01", 1),  # D: late, no faster mode
        ("place_po", "2026-12-03", 2),  # A and B (B within 6 days of A's 3 Dec), C later
        ("switch_mode", "2026-12-04", 1),  # E: air by 4 Dec
        ("declare", "2026-12-20", 1),
        ("fix_compliance", "2026-12-24", 1),  # C ships by 24 Dec
        ("inbound_cutoff", "2027-01-05", 1),
    ]
    assert steps[1].examples == ("A → W", "B → W")


def test_uplift_override_replaces_the_estimate_and_moves_demand(tables, forecast):
    sel = forecast.uplift.loc[forecast.uplift["campaign_id"] == "YEAREND-2026"].iloc[0]
    key = f"{sel['sku']}|{sel['region']}"
    up = workflow.apply_uplift_overrides(forecast.uplift, "YEAREND-2026", {key: float(sel["uplift"]) * 3})
    row = up.loc[(up["sku"] == sel["sku"]) & (up["region"] == sel["region"]) & (up["campaign_id"] == "YEAREND-2026")]
    assert row["source"].tolist() == ["override"]
    assert len(up) == len(forecast.uplift)
    base = compute_plan(workflow.plan_inputs_for(tables, forecast, "YEAREND-2026"), Scenario(campaign_id="YEAREND-2026"))
    more = compute_plan(workflow.plan_inputs_for(tables, forecast, "YEAREND-2026", {key: float(sel["uplift"]) * 3}),
                        Scenario(campaign_id="YEAREND-2026"))
    b = base.by_sku.set_index(["sku", "region"]).loc[(sel["sku"], sel["region"]), "demand_mean"]
    m = more.by_sku.set_index(["sku", "region"]).loc[(sel["sku"], sel["region"]), "demand_mean"]
    assert m > b


def test_planning_today_follows_linkstar_today(monkeypatch):
    from linkstar_analytics.calendar import planning_today

    monkeypatch.setenv("LINKSTAR_TODAY", "2027-03-01")
    assert planning_today() == date(2027, 3, 1)
    monkeypatch.setenv("LINKSTAR_TODAY", "not a date")
    assert planning_today() == date.today()  # an invalid value falls back to the machine's date
    monkeypatch.delenv("LINKSTAR_TODAY")
    assert planning_today() == date.today()
