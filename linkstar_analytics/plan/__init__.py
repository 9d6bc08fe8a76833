"""The stock-up plan: one Scenario of levers applied to lever-independent plan inputs.

* ``scenario.Scenario``: every lever (unit, range, default), JSON and short URL query params.
* ``inputs.build_plan_inputs(tables, forecast, uplift, campaign_id) -> PlanInputs``: laid out once per
  (dataset, forecast, campaign) and cached by the app.
* ``engine.compute_plan(inputs, scenario) -> PlanResult`` and ``engine.sensitivity(...)``: the vectorised
  hot path a slider move runs, in named stages (route, timing, availability, money, quantities, risk, cash,
  frames) over the grouped arrays of ``inputs``; the math lives in ``demand``, ``availability``, ``risk``,
  ``quantities``, ``money``, ``mix`` and ``cash``.

``plan`` never imports ``forecast`` or ``io.storage``: it takes frames and arrays.
"""
