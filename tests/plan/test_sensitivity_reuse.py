"""The plan memo (``plan.memo``) and the sensitivity sweep's stage reuse give exactly the plans computed from scratch."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from functools import lru_cache

import numpy as np
import pytest

from linkstar_analytics.plan.engine import _SENS_KEYS, _SWEEP_KEEPS, compute_plan, plan_stages, sensitivity
from linkstar_analytics.plan.inputs import PlanInputs, build_plan_inputs
from linkstar_analytics.plan.memo import PlanMemo
from linkstar_analytics.plan.scenario import FOCUS_LEVERS, Scenario
from linkstar_analytics.plan.synthetic import synthetic_plan_data

CAMPAIGN = "MEGA-2026"
SWEEPS = {  # the dashboard's points (ui/charts.py SWEEPS) and a few off-grid ones
    "service_level_pct": [50, 70, 85, 92.5, 97, 99.5],
    "presale_conversion_pct": [0, 15, 40, 100],
    "deposit_conversion_pct": [30, 55, 100],
    "uplift_multiplier": [0.5, 1.0, 1.7, 3.0],
    "buffer_days": [0, 4, 14, 30],
    "cover_days": [0, 10, 45, 60],
    "deposit_pct": [0, 30, 100],
    "settlement_days": [0, 9, 60],
}


@lru_cache(maxsize=1)
def _inputs() -> PlanInputs:
    tables, fc, up = synthetic_plan_data(30, seed=5)
    return build_plan_inputs(tables, fc, up, CAMPAIGN, as_of="2026-10-01")


def _fresh(inputs: PlanInputs) -> PlanInputs:
    """The same inputs with an empty memo (``dataclasses.replace`` never carries the memo over)."""
    return replace(inputs)


BASES = [
    Scenario(),
    Scenario(service_level_pct=90, presale_conversion_pct=35, buffer_days=3, lead_time_case="pessimistic",
             freight_mode={"FBT-US": "air"}, moq_policy="need", cash_ceiling_cny=2_000_000, deposit_pct=40,
             settlement_days=21, fx_shock_pct=8, uplift_multiplier=1.3),
]


def test_every_focus_lever_has_a_sweep_and_a_reuse_rule():
    assert set(SWEEPS) == set(FOCUS_LEVERS) == set(_SWEEP_KEEPS)


@pytest.mark.parametrize("base", range(len(BASES)))
@pytest.mark.parametrize("lever", FOCUS_LEVERS)
def test_sweep_equals_plans_from_scratch(lever, base):
    """Each sweep point's totals, computed with the stages the lever cannot change taken from the base plan, equal a
    plan of that scenario computed from nothing (fresh inputs, empty memo)."""
    inputs = _fresh(_inputs())
    scen = BASES[base]
    compute_plan(inputs, scen)  # the page's own plan first, as on the What-if page
    sens = sensitivity(inputs, scen, lever, SWEEPS[lever])
    assert len(sens) == len(SWEEPS[lever])
    for row in sens.itertuples(index=False):
        scratch = compute_plan(_fresh(_inputs()), scen.replace(**{lever: row.value}), frames=False).totals
        for key in _SENS_KEYS:
            np.testing.assert_allclose(getattr(row, key), scratch[key], rtol=1e-12, atol=1e-9,
                                       err_msg=f"{lever}={row.value} {key}")


def test_memo_returns_the_same_plan_and_replace_starts_empty():
    inputs = _fresh(_inputs())
    a = compute_plan(inputs, Scenario(service_level_pct=93))
    assert compute_plan(inputs, Scenario(service_level_pct=93)) is a
    assert compute_plan(inputs, Scenario(service_level_pct=94)) is not a
    assert len(replace(inputs).memo) == 0
    # the shared stages are read-only: a caller writing into them fails loudly instead of corrupting other sessions
    stages = plan_stages(inputs, Scenario(service_level_pct=93))
    with pytest.raises(ValueError):
        stages.qt.order.qty_units[0] = 1.0


def test_memo_is_bounded_and_computes_each_key_once_across_threads():
    memo = PlanMemo({"totals": 3})
    calls: list[int] = []
    lock = threading.Lock()

    def slow(k: int):
        def compute():
            with lock:
                calls.append(k)
            time.sleep(0.05)
            return k * 10
        return compute

    out: list[int] = []
    threads = [threading.Thread(target=lambda: out.append(memo.get("totals", 1, slow(1)))) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert out == [10] * 6 and calls == [1]
    for k in range(2, 6):
        memo.get("totals", k, slow(k))
    assert len(memo) == 3  # least recently used dropped
    memo.get("totals", 1, slow(1))
    assert calls.count(1) == 2


def test_a_failed_computation_is_not_kept():
    memo = PlanMemo({"plan": 2})

    def boom():
        raise RuntimeError("bad")

    with pytest.raises(RuntimeError):
        memo.get("plan", "k", boom)
    assert memo.get("plan", "k", lambda: 7) == 7
