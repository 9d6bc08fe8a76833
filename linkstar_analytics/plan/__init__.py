"""The stock-up plan: one Scenario of levers applied to lever-independent plan inputs.

* ``scenario.Scenario``: every lever (unit, range, default), JSON and short URL query params.
* ``inputs.build_plan_inputs(tables, forecast, uplift, campaign_id) -> PlanInputs``: laid out once per
  (dataset, forecast, campaign) and cached by the app.
* ``engine.compute_plan(inputs, scenario) -> PlanResult`` and ``engine.sensitivity(...)``: the vectorised
  hot path a slider move runs (demand grid, quantities, mix, risk, cost, cash).

``plan`` never imports ``forecast`` or ``io.storage``: it takes frames and arrays.
"""
