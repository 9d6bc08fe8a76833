"""Campaign stock reserved for the campaign, worked by hand on the hand-built lines (tests/plan/_handbuilt.py).

The window runs from the inbound cutoff 2026-11-06 (window day 0) to the campaign end 2026-11-29; the campaign is on
window days 14-23 (from 2026-11-20). With ``reserved_stock`` on, the order is declared campaign stock: the platform
holds it for the campaign, so it sells from day 14. Ordinary demand on days 0-13 is served by the stock already there
and by ordinary units shipped with the order (not declared). Lost sales over the window are the envelope
``L = max(0, max_j (F_j B - C_j))`` of ``plan.risk``: ``F_j`` the share of the window's baseline ``B`` sold by the end
of segment ``j``, ``C_j`` the units sellable by then minus the known units (presale, creators) due by then.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, stats

from linkstar_analytics.plan.engine import compute_plan
from linkstar_analytics.plan.inputs import build_plan_inputs
from linkstar_analytics.plan.scenario import Scenario
from tests.plan._handbuilt import BASE, CAMPAIGN, COST_TABLES
from tests.plan._handbuilt import gamma_params as _gamma
from tests.plan._handbuilt import hand_tables as _tables


@lru_cache(maxsize=2)
def _inputs(as_of: str = "2026-10-01"):
    tables, fc, up = _tables()
    return build_plan_inputs(tables, fc, up, CAMPAIGN, as_of=as_of, cost_tables=COST_TABLES)


def _plan(reserved: str, **levers):
    return compute_plan(_inputs(), Scenario(**{**BASE, "reserved_stock": reserved, **levers}))


def _line(result, sku: str) -> pd.Series:
    rows = result.lines[(result.lines["sku"] == sku) & (result.lines["warehouse_id"] == "WH-US")]
    assert len(rows) == 1
    return rows.iloc[0]


def _expect(fn, a: float, theta: float) -> float:
    """E[fn(B)] for B ~ Gamma(a, theta), by quadrature."""
    dist = stats.gamma(a, scale=theta)
    lo, hi = dist.ppf(1e-12), dist.ppf(1 - 1e-12)
    return integrate.quad(lambda b: fn(b) * dist.pdf(b), lo, hi, limit=400, points=[dist.mean()])[0]


def test_fast_seller_reserved_order_splits_into_ordinary_and_campaign_stock():
    """FAST: window mean 2,200 (700 on days 0-13 at 50 a day, 1,500 on the campaign days), variance 47,040 (see
    test_plan_handworked); 200 units at the window start; presale 100 and creators 150 due on day 14.

    The sea order lands on day -7 (sellable 2026-10-30), before the window: its total need is the classic
    ``F^-1(95 %) + 250 - 200`` = 2,618.5 -> 2,620 in cartons, the same as without the reservation. Of it, the days
    before the campaign need ordinary stock ``O = F_pre x F^-1(95 %) - 200`` with ``F_pre = 700 / 2,200`` (the
    pre-campaign share of the baseline; nothing known is due before day 14): 0.31818 x 2,568.5 - 200 = 617.2 -> 618
    whole units. Campaign stock to declare = 2,620 - 618 = 2,002, sellable from 2026-11-20.

    Lost units: ``L = max(0, F_pre B - (200 + 618), B - (200 + 2,620 - 250))``; stockout when either is positive:
    ``B > min(818 / F_pre, 2,570)`` = ``B > 2,570`` (818 / F_pre = 2,570.9), so P = 1 - F(2,570).
    """
    r = _plan("on")
    ln = _line(r, "FAST")
    a, theta = _gamma(2200.0, 47040.0)
    q95 = stats.gamma.ppf(0.95, a, scale=theta)
    f_pre = 700.0 / 2200.0
    assert ln["qty_after_rounding"] == np.ceil((q95 + 50.0) / 10.0) * 10.0 == 2620.0
    ordinary = np.ceil(f_pre * q95 - 200.0)
    assert ordinary == 618.0
    assert ln["ordinary_units"] == ordinary
    assert ln["campaign_stock_units"] == 2620.0 - ordinary
    assert ln["sellable_from_date"] == pd.Timestamp("2026-11-20")
    assert ln["sellable_date"] == pd.Timestamp("2026-10-30")  # at the warehouse, unchanged
    assert "reserved_wait" in ln["flags"] and "late_po" not in ln["flags"]
    assert ln["order_cover_pct"] == pytest.approx(100.0)  # ordinary + campaign stock cover the whole window

    c_pre, c_all = 200.0 + ordinary, 200.0 + 2620.0 - 250.0
    lost = _expect(lambda b: max(0.0, f_pre * b - c_pre, b - c_all), a, theta)
    assert ln["expected_lost_units"] == pytest.approx(lost, rel=1e-6)
    p_out = stats.gamma.sf(min(c_pre / f_pre, c_all), a, scale=theta)
    assert ln["stockout_prob"] == pytest.approx(p_out, rel=1e-6)
    # the same law, 200k draws: within 1 %
    rng = np.random.default_rng(7)
    b = rng.gamma(a, theta, 200_000)
    mc = np.maximum(0.0, np.maximum(f_pre * b - c_pre, b - c_all)).mean()
    assert ln["expected_lost_units"] == pytest.approx(mc, rel=0.01)

    # without the reservation the order is the same and sells from the window start
    off = _line(_plan("off"), "FAST")
    assert off["qty_after_rounding"] == 2620.0 and off["ordinary_units"] == 0.0
    assert off["campaign_stock_units"] == 2620.0 and "reserved_wait" not in off["flags"]
    assert off["sellable_from_date"] == pd.Timestamp("2026-11-06")


def test_late_line_landing_before_the_campaign_is_all_campaign_stock():
    """LATE: 20 a day (sd 6, rho 0), uplift 2 on the campaign days: window mean 14 x 20 + 10 x 40 = 680, variance
    14 x 36 + 10 x 144 = 1,944. No stock. Production takes 20 days: by sea it is sellable on window day 11
    (2026-11-17), inside the window but before the campaign; reserved, all of it waits until day 14 (no ordinary
    units ride with an order that lands inside the window).

    The order covers the campaign days only: their own law, mean 400 and variance 1,440, at 95 %: 464.4 -> 470. Lost
    units: ``max(F_14 B, B - 470)`` with ``F_14 = 280 / 680``: the 14 days before the campaign sell nothing. Without
    the reservation the order sells from day 11 and covers the days after it: 530 units (test_plan_handworked)."""
    r = _plan("on")
    ln = _line(r, "LATE")
    a_c, th_c = _gamma(400.0, 1440.0)
    need = stats.gamma.ppf(0.95, a_c, scale=th_c)
    assert ln["qty_before_rounding"] == pytest.approx(need, rel=5e-4)
    assert ln["qty_after_rounding"] == 470.0 and ln["ordinary_units"] == 0.0
    assert ln["sellable_date"] == pd.Timestamp("2026-11-17")
    assert ln["sellable_from_date"] == pd.Timestamp("2026-11-20")
    assert {"late_po", "arrives_in_window", "reserved_wait"} <= set(ln["flags"].split(";"))
    a, theta = _gamma(680.0, 1944.0)
    f14 = 280.0 / 680.0
    lost = _expect(lambda b: max(f14 * b, b - 470.0), a, theta)
    assert ln["expected_lost_units"] == pytest.approx(lost, rel=1e-6)
    # the rescue: air (5 days' transit) lands before the window, so the order can carry ordinary units for days 0-13
    assert ln["rescue_mode"] == "air" and ln["rescue_units_saved"] > 250.0
    assert _line(_plan("off"), "LATE")["qty_after_rounding"] == 530.0


def test_totals_split_the_units_and_count_the_waiting_lines():
    r = _plan("on")
    tot, lines = r.totals, r.lines
    assert tot["ordinary_units"] + tot["campaign_stock_units"] == pytest.approx(tot["units"])
    assert tot["ordinary_units"] == pytest.approx(lines["ordinary_units"].sum())
    ordered = lines["qty_after_rounding"] > 0
    waits = lines["flags"].fillna("").str.contains("reserved_wait")
    assert tot["reserved_wait_lines"] == int((waits & ordered).sum()) == 3  # FAST, LATE, LOSS
    assert (lines["ordinary_units"] <= lines["qty_after_rounding"]).all()
    off = _plan("off").totals
    assert off["reserved_wait_lines"] == 0 and off["ordinary_units"] == 0.0
    # the reservation never lowers what is lost: campaign stock can not serve the days before the campaign
    assert tot["expected_stockout_units"] >= off["expected_stockout_units"] - 1e-9


def test_a_window_that_starts_with_the_campaign_is_not_changed_by_the_reservation():
    """Planned on the campaign's first day, the window starts with it: nothing waits, both plans are the same."""
    pi = _inputs("2026-11-20")
    on = compute_plan(pi, Scenario(**{**BASE, "reserved_stock": "on"}))
    off = compute_plan(pi, Scenario(**{**BASE, "reserved_stock": "off"}))
    assert on.totals["reserved_wait_lines"] == 0
    for k in ("units", "expected_stockout_units", "total_landed_cost", "gross_profit"):
        assert on.totals[k] == pytest.approx(off.totals[k], rel=1e-12), k


def test_reserved_stock_lever_round_trips_through_the_link_and_json():
    s = Scenario(reserved_stock="off")
    q = s.to_query_params()
    assert q.get("rsv") == "off"
    assert Scenario.from_query_params(q) == (s, [])
    assert Scenario.from_json(s.to_json()) == s
    assert "rsv" not in Scenario().to_query_params()  # the default stays out of the link
    # a scenario file without the lever takes the default; one saved in the database before the lever existed
    # plans as it did then (no reservation), while one saved since keeps what it says
    import json

    old = Scenario().to_dict()
    old.pop("reserved_stock")
    assert Scenario.from_dict(old).reserved_stock == "on"
    assert Scenario.from_saved_json(json.dumps(old)).reserved_stock == "off"
    assert Scenario.from_saved_json(Scenario().to_json()).reserved_stock == "on"
    assert Scenario.from_saved_json(s.to_json()) == s
    back, notices = Scenario.from_query_params({"rsv": "maybe"})
    assert back == Scenario() and len(notices) == 1 and "rsv" in notices[0]
    with pytest.raises(ValueError, match="reserved_stock"):
        Scenario(reserved_stock="yes")
