"""Cost shocks priced by the one landed-cost engine, worked by hand.

Hand tables (tests/plan/_handbuilt.py): a 40 CNY unit in a 10 x 10 x 10 cm, 0.5 kg box; sea 0.001 CBM x 800 = 0.80 a
unit, air 0.5 kg x 30 = 15.00 a unit (the box weighs 0.17 kg by volume); inbound 0.30; no storage, last mile,
fulfilment, commission, returns or rush.
"""

from __future__ import annotations

import numpy as np
import pytest

from linkstar_analytics.cost.fx import apply_fx_shock
from linkstar_analytics.cost.landed import landed_from_arrays, prepare_landed_arrays
from linkstar_analytics.cost.shocks import duty_step_points, freight_multiplier_vector, step_arrays
from tests.plan._handbuilt import COST_TABLES, hand_tables


def _arrays(**warehouse_changes):
    tables, _fc, _up = hand_tables()
    wh = tables["warehouses"].assign(**warehouse_changes)
    skus = tables["skus"]
    if warehouse_changes.get("currency") == "USD":  # a US-priced shop: 20 USD shelf price, rates in USD
        skus = skus.assign(price=20.0, price_currency="USD")
    return prepare_landed_arrays(skus, wh, tables["freight_lanes"], tables["last_mile"],
                                 fx={"USD": 7.0}, return_rates=COST_TABLES["return_rates"],
                                 rush_curve=COST_TABLES["rush_curve"])


def _fast(sel, name):
    return float(np.asarray(getattr(sel, name) if not isinstance(name, tuple) else sel.components[name[0]])[0, 0])


def test_freight_multiplier_scales_only_the_freight_by_hand():
    """A UK warehouse (CIF duty 10 %, import VAT 20 %), sea x1.25, air x1.3.

    Sea first leg 0.80 x 1.25 = 1.00; purchase stays 40; duty 10 % x (40 + 1.00) = 4.10 (CIF: the freight is in
    the customs value); VAT 20 % x (40 + 1.00 + 4.10) = 9.02; inbound 0.30. Total 40 + 1.00 + 4.10 + 9.02 + 0.30
    = 54.42 (was 40 + 0.80 + 4.08 + 8.976 + 0.30 = 54.156). Air: 15.00 x 1.3 = 19.50.
    """
    a = _arrays(region="UK", duty_rate_pct=10.0, vat_rate_pct=20.0)
    mult = freight_multiplier_vector(a.modes, {"sea": 1.25, "air": 1.3})
    assert mult.tolist() == [1.25, 1.3, 1.0]  # modes: sea, air, express (express not listed: x1)
    sea = a.mode_index("sea")
    base = landed_from_arrays(a, sea, display_currency="CNY", peak=False)
    hit = landed_from_arrays(a, sea, display_currency="CNY", peak=False, freight_multiplier=mult)
    c0, c1 = base.components, hit.components
    assert c1["purchase"][0, 0] == pytest.approx(40.0)
    assert c1["first_leg"][0, 0] == pytest.approx(1.00)
    assert c0["first_leg"][0, 0] == pytest.approx(0.80)
    assert c1["duty"][0, 0] == pytest.approx(4.10)
    assert c1["vat"][0, 0] == pytest.approx(9.02)
    for k in ("purchase", "inbound", "storage", "last_mile", "fulfilment", "commission", "returns"):
        assert np.allclose(c1[k], c0[k]), k
    assert hit.total_landed[0, 0] == pytest.approx(54.42)
    assert base.total_landed[0, 0] == pytest.approx(54.156)
    air = landed_from_arrays(a, a.mode_index("air"), display_currency="CNY", peak=False, freight_multiplier=mult)
    assert air.components["first_leg"][0, 0] == pytest.approx(19.50)
    with pytest.raises(ValueError, match="freight_multiplier"):
        landed_from_arrays(a, sea, freight_multiplier=np.array([1.0, -1.0, 1.0]))


def test_duty_step_dated_between_two_lines_by_hand():
    """US (FOB: duty on the purchase only), duty 10 %, a +15 point step from day 31.

    Line at the port on day 24: old rate, 10 % x 40 = 4.00. Line at the port on day 42: 25 % x 40 = 10.00.
    A line without a schedule (NaN port day) pays no step. A -15 point cut never takes the rate below 0.
    """
    a = _arrays(duty_rate_pct=10.0)
    day, pts = step_arrays(a.regions, {"US": (31.0, 15.0)})
    assert day.tolist() == [31.0] and pts.tolist() == [15.0]
    port_day = np.full((len(a.skus), 1), 24.0)
    port_day[1, 0] = 42.0
    port_day[2, 0] = np.nan
    pp = duty_step_points(port_day, day, pts)
    assert pp[:3, 0].tolist() == [0.0, 15.0, 0.0]
    sel = landed_from_arrays(a, a.mode_index("sea"), display_currency="CNY", peak=False, duty_step_pct_points=pp)
    assert sel.components["duty"][:3, 0] == pytest.approx([4.00, 10.00, 4.00])
    cut = landed_from_arrays(a, a.mode_index("sea"), display_currency="CNY", peak=False,
                             duty_step_pct_points=np.full_like(pp, -15.0))
    assert cut.components["duty"][0, 0] == 0.0
    # every mode at once (S, W, M): the (S, W) points apply to each mode (sea, air; no express lane: NaN)
    allm = landed_from_arrays(a, None, display_currency="CNY", peak=False, duty_step_pct_points=pp)
    assert allm.components["duty"][1, 0, :2] == pytest.approx([10.0, 10.0])
    # a market without a step: +inf day, no points
    day2, pts2 = step_arrays(["US", "UK"], {"UK": (5.0, 2.0)})
    assert day2[0] == np.inf and duty_step_points([[100.0, 5.0]], day2, pts2).tolist() == [[0.0, 2.0]]


def test_fx_shock_by_hand():
    """A warehouse billing in USD, a 20 USD shelf price, purchase 40 CNY, USD at 7.0 CNY, shock -10 %: 6.3 CNY.

    Price 20 x 6.3 = 126 CNY (was 140); sea 0.80 USD x 6.3 = 5.04 CNY; inbound 0.30 x 6.3 = 1.89; purchase 40 CNY
    stays. No duty, no VAT: margin = 126 - (40 + 5.04 + 1.89) = 79.07 (was 140 - (40 + 5.60 + 2.10) = 92.30).
    """
    a = _arrays(currency="USD")
    fxv = a.fx_vector()
    shocked = apply_fx_shock(fxv, a.currencies, -10.0)
    i_usd, i_cny = a.currency_index("USD"), a.currency_index("CNY")
    assert shocked[i_usd] == pytest.approx(6.3) and shocked[i_cny] == 1.0
    sea = a.mode_index("sea")
    base = landed_from_arrays(a, sea, fxv, display_currency="CNY", peak=False)
    hit = landed_from_arrays(a, sea, shocked, display_currency="CNY", peak=False)
    assert base.price[0, 0] == pytest.approx(140.0) and hit.price[0, 0] == pytest.approx(126.0)
    assert hit.components["purchase"][0, 0] == pytest.approx(40.0)
    assert hit.components["first_leg"][0, 0] == pytest.approx(5.04)
    assert hit.components["inbound"][0, 0] == pytest.approx(1.89)
    assert base.margin_per_unit[0, 0] == pytest.approx(92.30)
    assert hit.margin_per_unit[0, 0] == pytest.approx(79.07)
    with pytest.raises(ValueError, match="shock_pct"):
        apply_fx_shock(fxv, a.currencies, -100.0)
