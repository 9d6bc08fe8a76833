"""The Landed cost view prices the scenario's cost shocks as the plan does: a freight multiplier per mode, an FX shock
and a dated duty step reaching the lines whose shipment clears customs on or after its date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from linkstar_analytics.io.validation import load_folder
from linkstar_analytics.supply import step_points, supply_view

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 25)
KEYS = ["sku", "warehouse_id", "freight_mode"]


@pytest.fixture(scope="module")
def tables():
    result = load_folder(REPO / "sample_data")
    assert result.ok
    return result.tables


def _landed(tables, **shocks) -> pd.DataFrame:
    view = supply_view(tables, "YEAREND-2026", buffer_days=7, freight_mode_by_warehouse={}, pessimistic=False,
                       fx=None, display_currency="CNY", today=TODAY, **shocks)
    return view.landed.set_index(KEYS).sort_index()


def test_freight_multiplier_scales_the_first_leg_of_its_mode_only(tables):
    base, shocked = _landed(tables), _landed(tables, freight_multiplier={"sea": 1.5})
    ok = base["ok"] & shocked["ok"]
    sea = ok & (base.index.get_level_values("freight_mode") == "sea")
    air = ok & (base.index.get_level_values("freight_mode") == "air")
    assert sea.any() and air.any()
    # first leg = rate x chargeable quantity x multiplier: exactly 1.5 x on sea, unchanged on air
    np.testing.assert_allclose(shocked.loc[sea, "first_leg"], 1.5 * base.loc[sea, "first_leg"], rtol=1e-12)
    np.testing.assert_allclose(shocked.loc[air, "first_leg"], base.loc[air, "first_leg"], rtol=1e-12)
    assert (shocked.loc[sea, "total_landed"] > base.loc[sea, "total_landed"]).all()
    np.testing.assert_allclose(shocked.loc[air, "total_landed"], base.loc[air, "total_landed"], rtol=1e-12)


def test_fx_shock_moves_foreign_prices_not_the_cny_purchase(tables):
    base, shocked = _landed(tables), _landed(tables, fx_shock_pct=10.0)
    ok = base["ok"] & shocked["ok"]
    us = ok & (base["currency"] == "CNY") & (base["region"] == "US")
    # a USD shelf price is worth 10 % more CNY; the CNY purchase price does not move
    np.testing.assert_allclose(shocked.loc[us, "price"], 1.1 * base.loc[us, "price"], rtol=1e-12)
    np.testing.assert_allclose(shocked.loc[us, "purchase"], base.loc[us, "purchase"], rtol=1e-12)


def test_duty_step_reaches_the_lines_at_the_port_on_or_after_its_date(tables):
    base = _landed(tables)
    past = _landed(tables, duty_steps={"US": ("2026-01-01", 10.0)})
    future = _landed(tables, duty_steps={"US": ("2030-01-01", 10.0)})
    ok = base["ok"]
    us = ok & (base["region"] == "US")
    other = ok & (base["region"] != "US")
    assert (past.loc[us, "duty"] > base.loc[us, "duty"]).all()  # every US line clears after 1 Jan 2026
    np.testing.assert_allclose(past.loc[other, "duty"], base.loc[other, "duty"], rtol=1e-12)
    np.testing.assert_allclose(future.loc[ok, "duty"], base.loc[ok, "duty"], rtol=1e-12)  # nothing clears by 2030


def test_step_points_by_hand():
    """A PO on 1 Dec (latest PO date in the future) + 10 + 5 + 20 days reaches the port on 5 Jan: a step on 5 Jan
    reaches it, one on 6 Jan does not; a late line (latest PO passed) orders today, 25 Nov, and reaches the port
    35 days later, on 30 Dec."""
    sch = pd.DataFrame({
        "sku": ["A", "B"], "warehouse_id": ["FBT-US", "FBT-US"], "region": ["US", "US"],
        "latest_po_date": pd.to_datetime(["2026-12-01", "2026-11-01"]),
        "production_days": [10, 10], "consolidation_days": [5, 5], "transit_days": [20, 20],
    })
    on = step_points(sch, {"US": ("2027-01-05", 24.0)}, TODAY)
    assert on["pct_points"].tolist() == [24.0, 0.0]
    late = step_points(sch, {"US": ("2026-12-30", 24.0)}, TODAY)
    assert late["pct_points"].tolist() == [24.0, 24.0]
    after = step_points(sch, {"US": ("2026-12-31", 24.0)}, TODAY)
    assert after["pct_points"].tolist() == [24.0, 0.0]
    assert step_points(sch, {"UK": ("2026-01-01", 5.0)}, TODAY)["pct_points"].tolist() == [0.0, 0.0]
