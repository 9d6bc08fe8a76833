"""Emergency pool: a reserve for the top SKUs beyond the service-level quantity, with its cost and the risk it removes.

For each candidate SKU x market (a key SKU by revenue, or one with a creator / live-stream session expected to sell
at least the threshold in the window), with the market's window demand ``D = B + K`` (the plan's demand law ``B`` of
the series, ``K`` the known units: converted presale and creator excess, see ``plan.demand``) and the stock the plan
has sellable in the market when the window starts ``S`` (stock at the window start and the orders sellable by then,
summed over the market's warehouses; stock landing later in the window is left out, so the pool errs on the side of
the campaign):

* the pool tops the market up to the ``p``-quantile of its demand (``p`` the pool level, above the service level
  ``alpha``): reserve ``R = cartons(F_D^-1(p) - max(S, F_D^-1(alpha)))``, ``R >= 0``: the upper tail of the
  campaign demand beyond the service-level quantity (Silver, Pyke & Peterson (1998), *Inventory Management and
  Production Planning and Scheduling*, 3rd ed., §7.1: stock to a quantile of demand; the pool holds the part of it
  above the plan's own level);
* it is held in the market's warehouse that already holds most of the SKU's stock there (in-market stock reaches
  the customers of the campaign; stock in China ready for air would not land inside a 4-10 day campaign), and
  ships with that warehouse's order, so there is a pool only where that order is sellable by the window start;
* treating the market's stock and the reserve as one pool (the reserve goes to whichever warehouse runs short),
  the units it serves are ``E[min((D - S)+, R)] = E[(B - t)+] - E[(B - t - R)+]`` with ``t = S - K`` (the loss
  function of ``plan.risk``), the stockout probability falls from ``P(B > t)`` to ``P(B > t + R)``, and
  ``R - served`` units are expected to be left over;
* money, per unit in CNY from the plan's one cost engine (``plan.money``): the reserve ties up ``R x landed``;
  the units it serves earn the line's margin; the units left over cost ``leftover_cost(L + left) -
  leftover_cost(L)`` (``plan.money.leftover_cost``: first in, first out at the SKU's rate after the campaign,
  written off beyond ``max_months_to_sell``), ``L`` the warehouse line's own expected leftover. Net value = margin
  on the units served - that extra leftover cost.

Nothing here changes the plan: the pool is a proposal beside it, sized and priced on the plan's own numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkstar_analytics.plan import engine
from linkstar_analytics.plan.demand import window_demand
from linkstar_analytics.plan.inputs import MAX_COVER_DAYS, PlanInputs
from linkstar_analytics.plan.money import leftover_cost
from linkstar_analytics.plan.quantities import cartons
from linkstar_analytics.plan.risk import DemandLaw, expected_shortage, law_quantile, tail_prob
from linkstar_analytics.plan.scenario import Scenario

__all__ = ["POOL_COLUMNS", "PoolSizing", "emergency_pool", "pool_sizing"]

#: Columns of :func:`emergency_pool`'s frame (money in the scenario's display currency).
POOL_COLUMNS: tuple[str, ...] = (
    "sku", "name", "region", "warehouse_id", "is_key_sku", "creator_session_units", "demand_mean",
    "stock_units", "service_quantity_units", "pool_quantity_units", "reserve_units", "lands_in_time",
    "expected_served_units", "expected_pool_leftover_units", "stockout_prob_before", "stockout_prob_after",
    "reserve_value", "margin_on_served", "extra_leftover_cost", "net_value", "currency",
)


@dataclass(frozen=True)
class PoolSizing:
    """Per entry (arrays ``[n]``): reserve, units it serves, its expected leftover, stockout probability before and
    after, and the demand quantiles at the service and pool levels (known units included)."""

    reserve_units: np.ndarray
    served_units: np.ndarray
    leftover_units: np.ndarray
    prob_before: np.ndarray
    prob_after: np.ndarray
    service_quantity: np.ndarray
    pool_quantity: np.ndarray


def pool_sizing(law: DemandLaw, known_units: np.ndarray, stock_units: np.ndarray, *, service_level_pct: float,
                pool_level_pct: float, case_pack_units: np.ndarray) -> PoolSizing:
    """The pool of each entry (module docstring): demand ``D = B + known`` with ``B ~ law``, stock ``S``.

    ``R = cartons(F_D^-1(p) - max(S, F_D^-1(alpha)))`` (0 when the pool level is not above the service level);
    served ``E[(B - t)+] - E[(B - t - R)+]``, ``t = S - known``; stockout probability ``P(B > t)`` -> ``P(B > t + R)``.
    """
    k = np.asarray(known_units, dtype=float)
    s = np.asarray(stock_units, dtype=float)
    q_service = law_quantile(law, service_level_pct / 100.0) + k
    q_pool = law_quantile(law, pool_level_pct / 100.0) + k
    need = np.where(pool_level_pct > service_level_pct, q_pool - np.maximum(s, q_service), 0.0)
    reserve = cartons(np.maximum(need, 0.0), np.asarray(case_pack_units, dtype=float))
    t = s - k
    short_before = expected_shortage(law, t)
    short_after = expected_shortage(law, t + reserve)
    served = np.clip(short_before - short_after, 0.0, reserve)
    return PoolSizing(reserve_units=reserve, served_units=served, leftover_units=reserve - served,
                      prob_before=tail_prob(law, t), prob_after=tail_prob(law, t + reserve),
                      service_quantity=q_service, pool_quantity=q_pool)


def _creator_sessions(creators: pd.DataFrame | None, inputs: PlanInputs, end_day: int) -> np.ndarray:
    """Largest single creator / live session (expected units) per series inside the window (0 without)."""
    out = np.zeros(inputs.n_series)
    if creators is None or creators.empty or not {"date", "sku", "region", "expected_units"} <= set(creators.columns):
        return out
    day = (pd.to_datetime(creators["date"], errors="coerce") - inputs.window_start).dt.days.to_numpy()
    units = pd.to_numeric(creators["expected_units"], errors="coerce").fillna(0.0).to_numpy(dtype=float)
    idx = pd.MultiIndex.from_frame(inputs.series[["sku", "region"]].astype(str))
    pos = idx.get_indexer(pd.MultiIndex.from_arrays([creators["sku"].astype(str), creators["region"].astype(str)]))
    ok = (pos >= 0) & (day >= 0) & (day < end_day)
    np.maximum.at(out, pos[ok], units[ok])
    return out


def emergency_pool(inputs: PlanInputs, scenario: Scenario, *, pool_level_pct: float, creator_threshold_units: float,
                   creators: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict]:
    """The emergency pool of the plan of ``scenario`` (module docstring): one row per candidate SKU x market.

    Candidates: the ``scenario.key_sku_count`` SKUs with the most revenue, and SKUs with a creator / live-stream
    session (``creators``: the dataset's ``creators`` table) expected to sell at least ``creator_threshold_units`` in
    the window. Returns the frame (:data:`POOL_COLUMNS`, largest reserve value first) and totals: ``candidates``,
    ``reserve_units``, ``reserve_value``, ``expected_served_units``, ``margin_on_served``, ``extra_leftover_cost``,
    ``net_value``, ``currency``.
    """
    rt = engine.route(inputs, scenario)
    tm = engine.timing(inputs, scenario, rt)
    av = engine.availability(inputs, scenario, rt, tm)
    um = engine.money(inputs, scenario, rt, tm, av)
    qt = engine.quantities(inputs, scenario, rt, tm, av, um)
    rk = engine.risk(inputs, scenario, rt, tm, av, um, qt, detail=False)
    wd = av.demand
    n_s = inputs.n_series
    to_disp = 1.0 / scenario.fx_cny_per_unit(scenario.display_currency)
    cur = scenario.display_currency

    is_key = inputs.sku.revenue_rank[inputs.s_sku] < scenario.key_sku_count
    end_day = (inputs.window.camp_hi + 1 + int(min(scenario.cover_days, MAX_COVER_DAYS)))
    session = _creator_sessions(creators, inputs, end_day)
    candidate = (is_key | (session >= max(creator_threshold_units, 1e-9))) & (wd.mean > 0)

    # the market's stock sellable when the window starts (stock landing later is left out: the pool is sized as if
    # it were not there, which errs on the side of the campaign), and the warehouse line that holds most of it
    ls = rt.series
    od = tm.order_day
    at_start = np.isfinite(od) & (od <= 0)
    ready = av.start_units + np.where(at_start, qt.order.qty_units, 0.0)
    stock_s = np.bincount(ls, weights=ready, minlength=n_s)
    score = np.where(rt.in_region, ready + 1e-6 * rt.share, -np.inf)
    order = np.lexsort((-score, ls))  # per series, best line first
    first = np.ones(order.size, dtype=bool)
    first[1:] = ls[order][1:] != ls[order][:-1]
    best_line = np.full(n_s, -1)
    best_line[ls[order][first]] = order[first]
    has_line = best_line >= 0
    has_line[has_line] = np.isfinite(score[best_line[has_line]])
    rows = np.flatnonzero(candidate & has_line)

    if rows.size == 0:
        empty = pd.DataFrame({c: pd.Series(dtype=float) for c in POOL_COLUMNS})
        return empty, {"candidates": 0, "reserve_units": 0.0, "reserve_value": 0.0, "expected_served_units": 0.0,
                       "margin_on_served": 0.0, "extra_leftover_cost": 0.0, "net_value": 0.0, "currency": cur}
    line = best_line[rows]
    lands = at_start[line]
    law = wd.baseline.take(rows)
    sz = pool_sizing(law, wd.known_units[rows], stock_s[rows], service_level_pct=scenario.service_level_pct,
                     pool_level_pct=pool_level_pct, case_pack_units=inputs.sku.case_pack_units[inputs.s_sku[rows]])
    # the reserve ships with the warehouse's order: none where that order does not land in the window
    reserve = np.where(lands, sz.reserve_units, 0.0)
    served = np.where(lands, sz.served_units, 0.0)
    left = reserve - served
    prob_after = np.where(lands, sz.prob_after, sz.prob_before)
    own_left = rk.expected_leftover[line]
    extra_left = (leftover_cost(um, own_left + left, index=line)[0] - leftover_cost(um, own_left, index=line)[0])
    margin = served * um.margin[line]
    frame = pd.DataFrame({
        "sku": inputs.series["sku"].to_numpy()[rows],
        "name": inputs.skus["name"].to_numpy()[inputs.s_sku[rows]],
        "region": inputs.series["region"].to_numpy()[rows],
        "warehouse_id": inputs.warehouses["warehouse_id"].to_numpy()[rt.warehouse[line]],
        "is_key_sku": is_key[rows],
        "creator_session_units": session[rows],
        "demand_mean": wd.mean[rows],
        "stock_units": stock_s[rows],
        "service_quantity_units": sz.service_quantity,
        "pool_quantity_units": sz.pool_quantity,
        "reserve_units": reserve,
        "lands_in_time": lands,
        "expected_served_units": served,
        "expected_pool_leftover_units": left,
        "stockout_prob_before": sz.prob_before,
        "stockout_prob_after": prob_after,
        "reserve_value": reserve * um.landed[line] * to_disp,
        "margin_on_served": margin * to_disp,
        "extra_leftover_cost": extra_left * to_disp,
        "net_value": (margin - extra_left) * to_disp,
        "currency": cur,
    }).sort_values(["reserve_value", "sku", "region"], ascending=[False, True, True], ignore_index=True)
    totals = {
        "candidates": int(rows.size),
        "reserve_units": float(reserve.sum()),
        "reserve_value": float(frame["reserve_value"].sum()),
        "expected_served_units": float(served.sum()),
        "margin_on_served": float(frame["margin_on_served"].sum()),
        "extra_leftover_cost": float(frame["extra_leftover_cost"].sum()),
        "net_value": float(frame["net_value"].sum()),
        "currency": cur,
    }
    return frame[list(POOL_COLUMNS)], totals
