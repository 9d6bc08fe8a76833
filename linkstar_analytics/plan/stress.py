"""The stress test: the plan without cost shocks against the plan under every shock at once, and what breaks.

``stress_test(inputs, scenario)`` computes two plans with the one engine (``plan.engine.compute_plan``):

* **base**: the scenario without its cost shocks (no duty step, freight x1, no FX shock), its own lead-time case;
* **stressed**: pessimistic lead times (each component's ``*_max``), freight at least x1.3 on every mode
  (:data:`STRESS_FREIGHT_MULTIPLIER`; a mode the scenario already marks up more keeps its own factor), the
  scenario's duty step, and its FX shock or, when it sets none, :data:`DEFAULT_STRESS_FX_SHOCK_PCT`.

Each plan is the engine's plan for its conditions (a line that loses money is not ordered unless forced, a late line
orders what still lands), so the stressed totals are what the campaign looks like when every shock lands together.
It reports what breaks:

* ``turned_late``: lines with demand that were on time and are now late: the PO date has passed (``late_po``),
  the order is sellable only after the window start (``arrives_in_window``) or after its end (``misses_window``);
* ``turned_negative``: lines whose expected margin per unit was >= 0 and is now < 0;
* ``headline``: peak cash, gross profit, campaign ROI, expected stockout, fill rate, landed cost of the order, the
  count of late lines and of lines at a negative margin, before and after.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkstar_analytics.plan.engine import PlanResult, compute_plan
from linkstar_analytics.plan.inputs import PlanInputs
from linkstar_analytics.plan.scenario import Scenario
from linkstar_analytics.schemas import FREIGHT_MODES

__all__ = [
    "DEFAULT_STRESS_FX_SHOCK_PCT",
    "HEADLINE_FIGURES",
    "LATE_FLAGS",
    "STRESS_FREIGHT_MULTIPLIER",
    "StressResult",
    "stress_scenarios",
    "stress_test",
]

#: Freight +30 % on every mode: above the 2025 peak moves of defaults.md section 2 (FCL +15-20 % Sep-Nov, air
#: +3-5 RMB/kg over $4-8/kg), the issue's stress case.
STRESS_FREIGHT_MULTIPLIER = 1.3
#: Every foreign currency 5 % weaker against CNY when the scenario sets no FX shock [E] (a seller paid in USD, GBP or
#: THB who buys in CNY loses on the price more than the foreign-currency costs fall).
DEFAULT_STRESS_FX_SHOCK_PCT = -5.0
#: Line flags that mean "late": the PO date has passed, sellable after the window start, or after its end.
LATE_FLAGS: tuple[str, ...] = ("late_po", "arrives_in_window", "misses_window")
#: Headline rows: (figure, kind) with kind money / units / pct (a fraction shown as %) / ratio / count.
HEADLINE_FIGURES: tuple[tuple[str, str], ...] = (
    ("peak_cash", "money"),
    ("gross_profit", "money"),
    ("campaign_roi", "ratio"),
    ("expected_stockout_units", "units"),
    ("fill_rate", "pct"),
    ("total_landed_cost", "money"),
    ("late_lines", "count"),
    ("negative_margin_lines", "count"),
)
_KEYS = ["sku", "region", "warehouse_id"]
_UNSERVED = "(none)"


@dataclass(frozen=True, eq=False)
class StressResult:
    """Base and stressed plans, the scenarios behind them and what breaks (see the module docstring).

    ``headline``: ``figure, kind, base, stressed, change, currency``; ``turned_late``: ``sku, name, region,
    warehouse_id, freight_mode, status`` (the worst late flag: misses_window > arrives_in_window > late_po),
    ``sellable_date_base, sellable_date_stressed, days_later, expected_lost_units_base,
    expected_lost_units_stressed``; ``turned_negative``: ``sku, name, region, warehouse_id, freight_mode,
    landed_cost_per_unit_base, landed_cost_per_unit_stressed, unit_margin_base, unit_margin_stressed,
    margin_change, currency``.
    """

    base_scenario: Scenario
    stressed_scenario: Scenario
    base: PlanResult
    stressed: PlanResult
    headline: pd.DataFrame
    turned_late: pd.DataFrame
    turned_negative: pd.DataFrame
    currency: str


def stress_scenarios(scenario: Scenario) -> tuple[Scenario, Scenario]:
    """(base, stressed) scenarios of the stress test (module docstring)."""
    base = scenario.replace(duty_step={}, freight_multiplier={}, fx_shock_pct=0.0)
    freight = {m: max(float(scenario.freight_multiplier.get(m, 1.0)), STRESS_FREIGHT_MULTIPLIER)
               for m in FREIGHT_MODES}
    fx_shock = scenario.fx_shock_pct if scenario.fx_shock_pct != 0.0 else DEFAULT_STRESS_FX_SHOCK_PCT
    stressed = scenario.replace(lead_time_case="pessimistic", freight_multiplier=freight, fx_shock_pct=fx_shock)
    return base, stressed


def _late_status(flags: pd.Series) -> pd.Series:
    """The worst late flag of each line ('' when on time)."""
    f = flags.fillna("").astype(str).str.split(";")
    out = pd.Series("", index=flags.index, dtype=object)
    for name in LATE_FLAGS:  # later entries are worse and overwrite
        out = out.where(~f.map(lambda parts, n=name: n in parts), name)
    return out


def _lines(result: PlanResult) -> pd.DataFrame:
    ln = result.lines
    ln = ln.loc[ln["warehouse_id"] != _UNSERVED]
    return ln.assign(late=_late_status(ln["flags"]))


def stress_test(inputs: PlanInputs, scenario: Scenario, *, plan: PlanResult | None = None) -> StressResult:
    """Base plan vs the plan under every cost shock and pessimistic lead times (module docstring). ``plan``: the
    scenario's own plan when already computed (it is the base plan when the scenario sets no shock)."""
    base_s, stress_s = stress_scenarios(scenario)
    base = plan if plan is not None and plan.scenario == base_s else compute_plan(inputs, base_s)
    stressed = compute_plan(inputs, stress_s)
    b, s = _lines(base), _lines(stressed)
    cols = ["name", "freight_mode", "flags", "late", "sellable_date", "expected_lost_units", "landed_cost_per_unit",
            "unit_margin", "demand_mean"]
    m = b[_KEYS + cols].merge(s[_KEYS + cols], on=_KEYS, suffixes=("_base", "_stressed"), how="inner")
    has_demand = (m["demand_mean_base"] > 0) | (m["demand_mean_stressed"] > 0)

    late = m.loc[has_demand & (m["late_base"] == "") & (m["late_stressed"] != "")]
    days = (late["sellable_date_stressed"] - late["sellable_date_base"]).dt.days
    turned_late = pd.DataFrame({
        "sku": late["sku"], "name": late["name_stressed"], "region": late["region"],
        "warehouse_id": late["warehouse_id"], "freight_mode": late["freight_mode_stressed"],
        "status": late["late_stressed"],
        "sellable_date_base": late["sellable_date_base"], "sellable_date_stressed": late["sellable_date_stressed"],
        "days_later": days.astype(float),
        "expected_lost_units_base": late["expected_lost_units_base"],
        "expected_lost_units_stressed": late["expected_lost_units_stressed"],
    }).sort_values(["days_later", "sku"], ascending=[False, True]).reset_index(drop=True)

    neg = m.loc[has_demand & (m["unit_margin_base"] >= 0) & (m["unit_margin_stressed"] < 0)]
    turned_negative = pd.DataFrame({
        "sku": neg["sku"], "name": neg["name_stressed"], "region": neg["region"],
        "warehouse_id": neg["warehouse_id"], "freight_mode": neg["freight_mode_stressed"],
        "landed_cost_per_unit_base": neg["landed_cost_per_unit_base"],
        "landed_cost_per_unit_stressed": neg["landed_cost_per_unit_stressed"],
        "unit_margin_base": neg["unit_margin_base"], "unit_margin_stressed": neg["unit_margin_stressed"],
        "margin_change": neg["unit_margin_stressed"] - neg["unit_margin_base"],
        "currency": stressed.currency,
    }).sort_values(["unit_margin_stressed", "sku"]).reset_index(drop=True)

    tb, ts = dict(base.totals), dict(stressed.totals)
    for t, ln in ((tb, b), (ts, s)):
        t["late_lines"] = int(((ln["late"] != "") & (ln["demand_mean"] > 0)).sum())
    rows = []
    for fig, kind in HEADLINE_FIGURES:
        vb, vs = float(tb[fig]), float(ts[fig])
        rows.append({"figure": fig, "kind": kind, "base": vb, "stressed": vs,
                     "change": vs - vb if np.isfinite(vb) and np.isfinite(vs) else float("nan"),
                     "currency": stressed.currency})
    headline = pd.DataFrame(rows, columns=["figure", "kind", "base", "stressed", "change", "currency"])
    return StressResult(base_scenario=base_s, stressed_scenario=stress_s, base=base, stressed=stressed,
                        headline=headline, turned_late=turned_late, turned_negative=turned_negative,
                        currency=stressed.currency)
