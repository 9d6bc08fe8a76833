"""Cash terms worked by hand: supplier deposit and balance, freight, duty, platform settlement, the weekly net cash
position and its trough, and the cash ceiling.

The engine cases use the hand-built plan of ``test_plan_handworked`` (one US 3PL warehouse priced in CNY, as_of
Thursday 2026-10-01, so the weeks start on Monday 2026-09-28 = day -3). Per unit: purchase 40, sea freight 0.80,
inbound 0.30, no duty, VAT or commission. The plan orders FAST 2,620, LATE 530 and LOSS 760 units (their quantities
are worked by hand in ``test_plan_handworked``); SHIP and SLOW order nothing.

Schedule (days from as_of, ``cost.schedule``): FAST and LOSS: PO day 0 (latest PO 29 - 2 - 2 - 20 - 2 - 3 = 0),
departure day 4, port day 24, sellable day 29. LATE (production 20 days, late): PO today (day 0), departure day 22,
port day 42, sellable day 47. The window starts on day 36 (inbound cutoff 2026-11-06).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import pytest

from linkstar_analytics.io.readers import format_issue
from linkstar_analytics.io.validation import validate_frame
from linkstar_analytics.plan.cash import net_cash_by_week, trim_to_ceiling
from linkstar_analytics.plan.engine import compute_plan, sensitivity
from linkstar_analytics.plan.inputs import build_plan_inputs
from linkstar_analytics.plan.scenario import Scenario
from tests.plan._handbuilt import AS_OF, BASE, CAMPAIGN, COST_TABLES
from tests.plan._handbuilt import hand_tables as _tables

WEEK0 = pd.Timestamp("2026-09-28")


@lru_cache(maxsize=4)
def _inputs(deposit_pct_fast: float | None = None):
    tables, fc, up = _tables()
    if deposit_pct_fast is not None:
        skus = tables["skus"].copy()
        skus["deposit_pct"] = np.where(skus["sku"] == "FAST", deposit_pct_fast, np.nan)
        tables = {**tables, "skus": skus}
    return build_plan_inputs(tables, fc, up, CAMPAIGN, as_of=AS_OF, cost_tables=COST_TABLES)


@lru_cache(maxsize=8)
def _plan(deposit_fast: float | None = None, **levers):
    return compute_plan(_inputs(deposit_fast), Scenario(**{**BASE, **levers}))


def _qty(result) -> dict[str, float]:
    ln = result.lines
    return dict(zip(ln["sku"], ln["qty_after_rounding"]))


def test_30_70_payment_terms_cash_table_by_hand():
    """Deposit 30 % of the purchase at the PO, balance 70 % at departure, freight at departure, inbound when sellable.

    Per unit: deposit 0.30 x 40 = 12.00; balance 0.70 x 40 = 28.00 (+ freight 0.80 = 28.80 at departure); inbound 0.30.
    Week of 28 Sep (days -3..3):  deposits 12 x (2,620 + 530 + 760) = 12 x 3,910                 = 46,920
    Week of  5 Oct (days 4..10):  FAST + LOSS balance + freight 28.80 x (2,620 + 760) = 28.8 x 3,380 = 97,344
    Week of 19 Oct (days 18..24): LATE balance + freight 28.80 x 530                              = 15,264
    Week of 26 Oct (days 25..31): FAST + LOSS inbound 0.30 x 3,380                                =  1,014
    Week of 16 Nov (days 46..52): LATE inbound 0.30 x 530                                         =    159
    Paid out in all: 160,701 = 40.00 + 0.80 + 0.30 = 41.10 x 3,910. Nothing is received before day 36 + 15 = 51
    (the first sale plus the 15 settlement days), so the position is lowest after LATE's inbound on day 47:
    trough -160,701 in the week of 16 Nov.
    Capital tied up (released as units sell, from day 36): the peak is everything paid before the window,
    46,920 + 97,344 + 15,264 + 1,014 = 160,542 (LATE's 159 on day 47 comes after sales released more than that).
    """
    r = _plan()
    assert _qty(r) == {"FAST": 2620, "LATE": 530, "LOSS": 760, "SHIP": 0, "SLOW": 0}
    n = r.net_cash_by_week.set_index("week_start")
    hand = pd.Series({WEEK0: 46_920.0, WEEK0 + pd.Timedelta(days=7): 97_344.0, WEEK0 + pd.Timedelta(days=14): 0.0,
                      WEEK0 + pd.Timedelta(days=21): 15_264.0, WEEK0 + pd.Timedelta(days=28): 1_014.0,
                      WEEK0 + pd.Timedelta(days=35): 0.0, WEEK0 + pd.Timedelta(days=42): 0.0,
                      WEEK0 + pd.Timedelta(days=49): 159.0})
    np.testing.assert_allclose(n["paid_out"].reindex(hand.index).to_numpy(), hand.to_numpy(), rtol=1e-12)
    assert n["paid_out"].sum() == pytest.approx(41.1 * 3910)
    assert (n.loc[:WEEK0 + pd.Timedelta(days=42), "received"] == 0).all()
    np.testing.assert_allclose(n["position"].iloc[:5].to_numpy(), -np.cumsum(hand.to_numpy()[:5]))
    t = r.totals
    assert t["cash_trough"] == pytest.approx(-160_701.0)
    assert t["cash_trough_week"] == pd.Timestamp("2026-11-16")
    assert t["peak_cash"] == pytest.approx(160_542.0)
    # the running position is the cumulative net, and every unit sold is paid out once, at the price (no VAT or
    # commission here): FAST and LATE at 120, LOSS at 50, SHIP's 300 in-transit units at 120
    np.testing.assert_allclose(n["position"].to_numpy(), np.cumsum(n["net"].to_numpy()))
    ln = r.lines
    sold = dict(zip(ln["sku"], ln["expected_sold_units"]))
    paid_in = 120 * (sold["FAST"] + sold["LATE"] + sold["SHIP"]) + 50 * sold["LOSS"]
    assert n["received"].sum() == pytest.approx(paid_in, rel=1e-9)


def test_deposit_share_moves_the_payments_between_po_and_departure():
    """All at the PO (deposit 100 %): week of 28 Sep pays 40 x 3,910 = 156,400, week of 5 Oct only the freight
    0.80 x 3,380 = 2,704. A SKU master share wins over the scenario's: FAST at 50 % with the scenario at 100 %
    moves 0.5 x 40 x 2,620 = 52,400 of FAST's purchase to its departure (week of 5 Oct: 52,400 + 2,704 = 55,104)."""
    n = _plan(deposit_pct=100.0).net_cash_by_week.set_index("week_start")
    assert n.loc[WEEK0, "paid_out"] == pytest.approx(156_400.0)
    assert n.loc[WEEK0 + pd.Timedelta(days=7), "paid_out"] == pytest.approx(2_704.0)
    n = _plan(50.0, deposit_pct=100.0).net_cash_by_week.set_index("week_start")
    assert n.loc[WEEK0, "paid_out"] == pytest.approx(156_400.0 - 52_400.0)
    assert n.loc[WEEK0 + pd.Timedelta(days=7), "paid_out"] == pytest.approx(55_104.0)


def test_settlement_delay_by_hand():
    """Net position worked by hand (as_of Wednesday 2026-11-04, weeks from Monday 2 Nov = day -2).

    Paid: 3,000 deposit on day 0, 7,000 balance on day 5. Sold: 4,000 of payouts on day 6 and 2,000 on day 9.
    Settlement 0 days: received on days 6 and 9; position: day 0 -3,000, day 5 -10,000, day 6 -6,000, day 9 -4,000.
    Trough -10,000 on day 5 (Monday 9 Nov, week of 9 Nov).
    Settlement 15 days: received on days 21 and 24 (weeks of 23 Nov and 30 Nov... day 21 = Wed 25 Nov, day 24 =
    Sat 28 Nov, both in the week of 23 Nov); the position stays at -10,000 until day 21: trough -10,000, and the
    table runs to the week of 23 Nov: paid 3,000 | 7,000 | 0 | 0 and received 0 | 0 | 0 | 6,000, position at the
    week ends -3,000 | -10,000 | -10,000 | -4,000.
    """
    as_of = pd.Timestamp("2026-11-04")
    out_d, out_a = np.array([0, 5]), np.array([3_000.0, 7_000.0])
    sale_d, sale_a = np.array([6, 9]), np.array([4_000.0, 2_000.0])
    r0 = net_cash_by_week(as_of=as_of, out_days=out_d, out_amounts_cny=out_a, in_days=sale_d + 0, in_amounts_cny=sale_a)
    assert r0.trough_cny == -10_000.0 and r0.trough_day == 5 and r0.trough_week == pd.Timestamp("2026-11-09")
    assert r0.frame["received_cny"].tolist() == [0.0, 6_000.0]
    assert r0.frame["position_cny"].tolist() == [-3_000.0, -4_000.0]
    r15 = net_cash_by_week(as_of=as_of, out_days=out_d, out_amounts_cny=out_a, in_days=sale_d + 15,
                           in_amounts_cny=sale_a)
    f = r15.frame
    assert f["week_start"].tolist() == list(pd.date_range("2026-11-02", periods=4, freq="7D"))
    assert f["paid_out_cny"].tolist() == [3_000.0, 7_000.0, 0.0, 0.0]
    assert f["received_cny"].tolist() == [0.0, 0.0, 0.0, 6_000.0]
    assert f["net_cny"].tolist() == [-3_000.0, -7_000.0, 0.0, 6_000.0]
    assert f["position_cny"].tolist() == [-3_000.0, -10_000.0, -10_000.0, -4_000.0]
    assert r15.trough_cny == -10_000.0
    # a payout that comes before the balance leaves the trough higher: settlement 0 with the balance on day 8
    r = net_cash_by_week(as_of=as_of, out_days=np.array([0, 8]), out_amounts_cny=out_a, in_days=sale_d,
                         in_amounts_cny=sale_a)
    assert r.trough_cny == -6_000.0 and r.trough_day == 8  # -3,000 + 4,000 - 7,000
    empty = net_cash_by_week(as_of=as_of, out_days=np.zeros(0), out_amounts_cny=np.zeros(0), in_days=np.zeros(0),
                             in_amounts_cny=np.zeros(0))
    assert empty.trough_cny == 0.0 and empty.trough_week is None and empty.frame.empty


def test_settlement_days_shift_the_payouts_and_the_lever_moves_the_trough():
    """Seven more settlement days move every payout exactly one week later; paying out on the day of sale lifts the
    trough (sales from day 36 come in before LATE's inbound on day 47), and the sensitivity sweep reports it."""
    a = _plan(settlement_days=10).net_cash_by_week.set_index("week_start")["received"]
    b = _plan(settlement_days=17).net_cash_by_week.set_index("week_start")["received"]
    a = a[a > 0]
    b = b[b > 0]
    np.testing.assert_allclose(b.to_numpy(), a.to_numpy(), rtol=1e-12)
    assert list(b.index) == [w + pd.Timedelta(days=7) for w in a.index]
    sens = sensitivity(_inputs(), Scenario(**BASE), "settlement_days", [0, 15, 30])
    tr = dict(zip(sens["value"], sens["cash_trough"]))
    assert tr[15] == pytest.approx(-160_701.0) and tr[30] == pytest.approx(-160_701.0)
    assert tr[0] > -160_701.0 + 1.0


def test_trim_to_ceiling_lowest_value_line_first_by_hand():
    """Three lines of 100 units in packs of 10, each unit relieving 10 CNY of the trough; values per CNY: A 0.5,
    B 2.0, C 1.0. Excess 1,250: A goes first, all 100 units (1,000), then C gives ceil(250 / 100) = 3 packs = 30
    units; B, the most valuable, keeps everything. With 40 of A fixed: A gives 60 (600), C 7 packs (700 >= 650)."""
    kw = dict(qty_units=np.array([100.0, 100.0, 100.0]), case_pack_units=np.array([10.0, 10.0, 10.0]),
              relief_per_unit_cny=np.array([10.0, 10.0, 10.0]), value_per_cny=np.array([0.5, 2.0, 1.0]))
    cut = trim_to_ceiling(floor_units=np.zeros(3), excess_cny=1_250.0, **kw)
    assert cut.tolist() == [100.0, 0.0, 30.0]
    cut = trim_to_ceiling(floor_units=np.array([40.0, 0.0, 0.0]), excess_cny=1_250.0, **kw)
    assert cut.tolist() == [60.0, 0.0, 70.0]
    assert trim_to_ceiling(floor_units=np.zeros(3), excess_cny=0.0, **kw).tolist() == [0.0, 0.0, 0.0]
    # a line that pays nothing by the trough relieves nothing: never trimmed
    kw["relief_per_unit_cny"] = np.array([0.0, 10.0, 10.0])
    assert trim_to_ceiling(floor_units=np.zeros(3), excess_cny=1_250.0, **kw).tolist() == [0.0, 30.0, 100.0]


def test_cash_ceiling_trims_the_lowest_value_line_first_in_the_plan():
    """Ceiling 150,000 CNY against a trough of 160,701: excess 10,701. Value per CNY = margin x sell-through / cash
    per unit: LOSS earns 50 - 41.10 = 8.90 a unit against 78.90 for FAST and LATE, so LOSS goes first. Each LOSS
    unit paid 41.10 by the trough day (deposit 12 + balance 28 + freight 0.80 + inbound 0.30): ceil(10,701 / 411)
    = 27 packs = 270 units (11,097 CNY). New trough -160,701 + 11,097 = -149,604 (no payout comes before day 51)."""
    r = _plan(cash_ceiling_cny=150_000)
    ln = r.lines.set_index("sku")
    assert ln.loc["LOSS", "ceiling_trimmed_units"] == 270
    assert ln.loc["LOSS", "qty_after_rounding"] == 760 - 270
    assert ln.loc["FAST", "ceiling_trimmed_units"] == 0 and ln.loc["FAST", "qty_after_rounding"] == 2620
    assert ln.loc["LATE", "ceiling_trimmed_units"] == 0 and ln.loc["LATE", "qty_after_rounding"] == 530
    t = r.totals
    assert t["ceiling_trimmed_units"] == 270 and t["units"] == 3910 - 270
    assert t["cash_trough"] == pytest.approx(-149_604.0)
    assert any("270 units trimmed" in n for n in r.notices)
    # the fixed part stays: FAST's known demand (250 presale + creator units) is above its 200 units held, so 50 of
    # its units (5 packs) are never trimmed, however low the ceiling; a ceiling that cannot be met says so
    r = _plan(cash_ceiling_cny=0)
    ln = r.lines.set_index("sku")
    assert ln.loc["FAST", "qty_after_rounding"] == 50 and ln.loc["LOSS", "qty_after_rounding"] == 0
    assert ln.loc["LATE", "qty_after_rounding"] == 0
    assert any("cannot be met" in n for n in r.notices)
    # no ceiling: nothing trimmed
    assert _plan().totals["ceiling_trimmed_units"] == 0


def test_deposit_share_above_100_is_a_clear_bad_input():
    """skus.csv with deposit_pct 130 on its second data row: the importer names file, row, column and the fix; the
    plan, given such a table directly, notes it and pays that SKU on the scenario's share (the rest still works)."""
    tables, fc, up = _tables()
    skus = tables["skus"].copy()
    skus["deposit_pct"] = [30.0, 130.0, np.nan, np.nan, np.nan]
    _typed, issues = validate_frame(skus, "skus")
    msgs = [format_issue(i) for i in issues]
    assert any(m.startswith("skus.csv, row 3, column 'deposit_pct': 130 is above the maximum of 100. Fix:")
               for m in msgs), msgs
    assert any(format_issue(i, "zh").startswith("skus.csv，第 3 行，列 'deposit_pct'：130 高于最大值 100") for i in issues)
    pi = build_plan_inputs({**tables, "skus": skus}, fc, up, CAMPAIGN, as_of=AS_OF, cost_tables=COST_TABLES)
    note = [n for n in pi.notes if "deposit_pct" in n]
    assert note and "skus.csv row 3, column deposit_pct" in note[0] and "between 0 and 100" in note[0]
    assert np.isnan(pi.sku.deposit_pct[list(pi.skus["sku"]).index("SLOW")])
    r = compute_plan(pi, Scenario(**BASE))
    assert r.totals["units"] == 3910


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 120), st.floats(0.01, 1e6)), min_size=1, max_size=30),
       st.lists(st.tuples(st.integers(0, 120), st.floats(0.01, 1e6)), max_size=30),
       st.integers(0, 6))
def test_net_position_properties(outs, ins, weekday):
    """Whatever the flows: the weekly position is the running sum of the weekly nets, every yuan paid and received is
    in the table once, and the trough (read on days) is at or below every week-end position and below zero only when
    the position is."""
    as_of = pd.Timestamp("2026-11-02") + pd.Timedelta(days=weekday)
    od, oa = np.array([d for d, _ in outs]), np.array([a for _, a in outs])
    idays = np.array([d for d, _ in ins], dtype=float)
    ia = np.array([a for _, a in ins], dtype=float)
    r = net_cash_by_week(as_of=as_of, out_days=od, out_amounts_cny=oa, in_days=idays, in_amounts_cny=ia)
    f = r.frame
    np.testing.assert_allclose(f["position_cny"].to_numpy(), np.cumsum(f["net_cny"].to_numpy()), rtol=1e-9, atol=1e-6)
    assert f["paid_out_cny"].sum() == pytest.approx(oa.sum(), rel=1e-9)
    assert f["received_cny"].sum() == pytest.approx(ia.sum(), rel=1e-9)
    assert r.trough_cny <= min(f["position_cny"].min(), 0.0) + 1e-6
    assert (f["week_start"].dt.weekday == 0).all()
    if r.trough_week is not None:
        assert r.trough_cny < 0 and r.trough_week in set(f["week_start"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 20), st.sampled_from([1, 6, 10]),
                          st.floats(0.0, 100.0), st.floats(-5.0, 5.0)), min_size=1, max_size=12),
       st.floats(0.0, 1e5))
def test_trim_properties(lines, excess):
    """Trims are whole packs, never below the fixed part; they cover the excess when the trimmable units can; a line
    is trimmed only once every lower-value line that relieves cash has given all it can."""
    pack = np.array([p for _, _, p, _, _ in lines], dtype=float)
    q = np.array([n for n, _, _, _, _ in lines], dtype=float) * pack
    floor = np.minimum(np.array([f for _, f, _, _, _ in lines], dtype=float) * pack, q)
    relief = np.array([r for *_, r, _ in lines])
    value = np.array([v for *_, v in lines])
    cut = trim_to_ceiling(qty_units=q, floor_units=floor, case_pack_units=pack, relief_per_unit_cny=relief,
                          value_per_cny=value, excess_cny=excess)
    assert np.allclose(cut / pack, np.round(cut / pack)) and (cut >= 0).all() and (cut <= q - floor + 1e-9).all()
    can = float(((q - floor) * relief).sum())
    assert (cut * relief).sum() >= min(excess, can) - 1e-6
    for i in np.flatnonzero(cut > 0):
        lower = (value < value[i]) & (relief > 0)
        assert np.allclose(cut[lower], (q - floor)[lower])
