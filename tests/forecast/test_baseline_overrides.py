"""A planner's baseline factor scales one series' forecast (mean, quantiles, sigma) and so its plan demand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from linkstar_analytics import workflow
from linkstar_analytics.plan.engine import compute_plan
from linkstar_analytics.plan.scenario import Scenario


def _frame() -> pd.DataFrame:
    dates = pd.date_range("2026-12-01", periods=3)
    rows = [(s, r, d, 2.0, 1.0, 2.0, 3.0, 0.8) for s, r in (("A", "US"), ("A", "UK"), ("B", "US")) for d in dates]
    return pd.DataFrame(rows, columns=["sku", "region", "date", "mean", "p10", "p50", "p90", "sigma"])


def test_only_the_named_series_is_scaled_and_the_input_is_untouched():
    fc = _frame()
    out = workflow.apply_baseline_overrides(fc, {"A|US": 1.5})
    hit = (out["sku"] == "A") & (out["region"] == "US")
    for col in ("mean", "p10", "p50", "p90", "sigma"):
        assert np.allclose(out.loc[hit, col], 1.5 * fc.loc[hit, col])
        assert np.allclose(out.loc[~hit, col], fc.loc[~hit, col])
    assert fc["mean"].eq(2.0).all()  # not modified in place
    assert workflow.apply_baseline_overrides(fc, {}) is fc
    assert workflow.apply_baseline_overrides(fc, {"Z|US": 2.0}).equals(fc)  # an unknown series changes nothing


@pytest.mark.parametrize("factor", [0.5, 2.0])
def test_the_plan_demand_of_the_series_scales_with_its_baseline(factor):
    from linkstar_analytics.io.sample_data import generate_sample

    tables = generate_sample(12, seed=5)
    fc = workflow.run_quick_forecast(tables)
    camps = tables["campaigns"]
    cid = str(camps.loc[pd.to_datetime(camps["start_date"]) > pd.to_datetime(tables["sales"]["date"]).max(),
                        "campaign_id"].iloc[0])
    sc = Scenario(campaign_id=cid, presale_conversion_pct=0.0, deposit_conversion_pct=0.0)
    base = compute_plan(workflow.plan_inputs_for(tables, fc, cid), sc).lines
    sku, region = base.loc[base["demand_mean"] > 0, ["sku", "region"]].iloc[0]
    key = f"{sku}|{region}"
    new = compute_plan(workflow.plan_inputs_for(tables, fc, cid, baseline_overrides={key: factor}), sc).lines
    mine = (base["sku"] == sku) & (base["region"] == region)

    def baseline(lines):  # the forecast's part: creator sessions the baseline does not already hold come on top
        return (lines.loc[mine, "demand_mean"] - lines.loc[mine, "creator_units"] - lines.loc[mine, "presale_units"]).sum()

    assert baseline(new) == pytest.approx(factor * baseline(base), rel=1e-6)
    assert new.loc[mine, "creator_units"].sum() >= base.loc[mine, "creator_units"].sum() - 1e-9 if factor < 1 else True
    assert np.allclose(new.loc[~mine, "demand_mean"], base.loc[~mine, "demand_mean"])

