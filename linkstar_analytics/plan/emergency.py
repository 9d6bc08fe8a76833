"""Emergency pool: a reserve for the top SKUs beyond the service-level quantity, with its cost and the risk it removes.

For each candidate SKU x market (a key SKU by revenue, or one with a creator / live-stream session expected to sell
at least the threshold in the window) the reserve is held in the market's warehouse (FBT or 3PL before self-ship)
that holds most of the SKU's stock there (stock on the market's shelves reaches the campaign's customers; the
reserve is one more tranche of that warehouse's line, sellable when the window starts):

* size: the line's demand ``D = B + K`` (the plan's demand law ``B`` of the line, ``K`` its known units: converted
  presale and creator excess, ``plan.demand``) topped up to its ``p``-quantile (``p`` the pool level, above the
  service level ``alpha``) over the stock the plan brings to it in the window ``S`` (start stock, shipments landing,
  its order): ``R = cartons(F_D^-1(p) - max(S, F_D^-1(alpha)))``, ``R >= 0``: the upper tail of the campaign demand
  beyond the service-level quantity (stock to a quantile of demand, Silver, Pyke & Peterson (1998), *Inventory
  Management and Production Planning and Scheduling*, 3rd ed., §7.1);
* timing: it ships by the cheapest freight mode (first leg) that makes it sellable by the window start; when no
  mode still does, there is no pool for that line (the plan's rescue is the answer there), nor where a unit
  served at that mode loses money (unless the SKU is forced, as for the plan's own orders);
* risk, exactly as the plan prices the line (``plan.risk.envelope_risk``: stock landing in tranches, lost sales):
  units lost ``E[L]`` and stockout probability ``P(L > 0)`` with the plan's tranches, then with ``R`` more at the
  start; the units the pool serves are the difference of the lost units, ``R - served`` are expected left over;
* money, per unit in CNY from the plan's one cost engine (``plan.money``, at the pool's freight mode): the reserve
  ties up ``R x landed``; the units it serves earn the margin; the units left over cost ``leftover_cost(L + left)
  - leftover_cost(L)`` (``plan.money.leftover_cost``: first in, first out at the SKU's rate after the campaign,
  written off beyond ``max_months_to_sell``), ``L`` the line's own expected leftover. Net value = margin on the
  units served - that extra leftover cost.

Nothing here changes the plan: the pool is a proposal beside it, sized and priced on the plan's own numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkstar_analytics.plan import engine
from linkstar_analytics.plan.inputs import MAX_COVER_DAYS, PlanInputs
from linkstar_analytics.plan.money import leftover_cost
from linkstar_analytics.plan.quantities import cartons
from linkstar_analytics.plan.risk import DemandLaw, envelope_risk, law_quantile
from linkstar_analytics.plan.scenario import Scenario
from linkstar_analytics.schemas import FREIGHT_MODES

__all__ = ["POOL_COLUMNS", "PoolSizing", "emergency_pool", "pool_sizing"]

#: Columns of :func:`emergency_pool`'s frame (money in the scenario's display currency).
POOL_COLUMNS: tuple[str, ...] = (
    "sku", "name", "region", "warehouse_id", "freight_mode", "is_key_sku", "creator_session_units", "demand_mean",
    "stock_units", "service_quantity_units", "pool_quantity_units", "reserve_units", "lands_in_time",
    "expected_served_units", "expected_pool_leftover_units", "stockout_prob_before", "stockout_prob_after",
    "unit_margin",
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


def pool_sizing(law: DemandLaw, known_units: np.ndarray, stock_units: np.ndarray, slopes: np.ndarray,
                intercepts: np.ndarray, *, service_level_pct: float, pool_level_pct: float,
                case_pack_units: np.ndarray) -> PoolSizing:
    """The pool of each line (module docstring): demand ``D = B + known``, ``B ~ law``; ``S`` the stock the line gets
    over the window; ``slopes`` / ``intercepts`` its envelope terms at the planned order (``plan.risk.envelope_risk``;
    one tranche at the start: slope 1, intercept ``S - known``).

    ``R = cartons(F_D^-1(p) - max(S, F_D^-1(alpha)))`` (0 when the pool level is not above the service level); the
    reserve lands at the start, so every intercept grows by ``R``; served = lost units without it - with it.
    """
    k = np.asarray(known_units, dtype=float)
    s = np.asarray(stock_units, dtype=float)
    q_service = law_quantile(law, service_level_pct / 100.0) + k
    q_pool = law_quantile(law, pool_level_pct / 100.0) + k
    need = np.where(pool_level_pct > service_level_pct, q_pool - np.maximum(s, q_service), 0.0)
    reserve = cartons(np.maximum(need, 0.0), np.asarray(case_pack_units, dtype=float))
    c = np.asarray(intercepts, dtype=float)
    before = envelope_risk(law, slopes, c)
    after = envelope_risk(law, slopes, c + reserve[:, None])
    served = np.clip(before.expected_lost - after.expected_lost, 0.0, reserve)
    return PoolSizing(reserve_units=reserve, served_units=served, leftover_units=reserve - served,
                      prob_before=before.stockout_prob, prob_after=after.stockout_prob,
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
    stg = engine.plan_stages(inputs, scenario)  # the plan's own stages (computed once per scenario)
    rt, tm, av, um, qt = stg.rt, stg.tm, stg.av, stg.um, stg.qt
    rk = engine.risk(inputs, scenario, rt, tm, av, um, qt, detail=False)
    wd = av.demand
    n_s = inputs.n_series
    to_disp = 1.0 / scenario.effective_fx_cny_per_unit(scenario.display_currency)  # the FX shock included, as the plan
    cur = scenario.display_currency

    is_key = inputs.sku.revenue_rank[inputs.s_sku] < scenario.key_sku_count
    end_day = (inputs.window.camp_hi + 1 + int(min(scenario.cover_days, MAX_COVER_DAYS)))
    session = _creator_sessions(creators, inputs, end_day)
    candidate = (is_key | (session >= max(creator_threshold_units, 1e-9))) & (wd.mean > 0)

    # the line of each series that holds most of its stock in a warehouse of the market: FBT or 3PL first (stock on
    # the market's shelves); a self-ship line only where the market has no other
    ls = rt.series
    q = qt.order.qty_units
    stock = rk.arrived_units
    shelf = inputs.warehouses["fulfilment_mode"].astype(str).to_numpy()[rt.warehouse] != "SELF"
    score = np.where(rt.in_region, np.where(shelf, 1e12, 0.0) + stock + 1e-6 * rt.share, -np.inf)
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
    # the pool's freight mode: the cheapest first leg among the modes that make it sellable by the window start
    first_leg = inputs.landed.first_leg_native[rt.sku[line], rt.warehouse[line]]  # [n, M], the warehouse's currency
    makes = np.isfinite(tm.by_mode.sellable[line]) & (tm.by_mode.sellable[line] - inputs.day0 <= 0)
    key = np.where(makes, np.where(np.isnan(first_leg), 1e15, first_leg), np.inf)
    mode = np.argmin(key, axis=1)
    lands = np.isfinite(key[np.arange(line.size), mode])
    mode_line = rt.mode_by_warehouse[rt.warehouse].copy()
    dep = tm.chosen.departure.copy()
    mode_line[line[lands]] = mode[lands]
    dep[line[lands]] = tm.by_mode.departure[line[lands], mode[lands]]
    um_pool = engine.money(inputs, scenario, rt, tm, av, mode_by_line=mode_line, departure_day=dep)

    sz = pool_sizing(av.law.take(line), av.known_units[line], stock[line], av.terms.slope[line],
                     av.terms.intercept(q, qt.ordinary_of(q))[line], service_level_pct=scenario.service_level_pct,
                     pool_level_pct=pool_level_pct, case_pack_units=inputs.sku.case_pack_units[rt.sku[line]])
    # a unit served at a loss is no rescue: no pool where the margin at the pool's mode is negative (unless forced)
    pays = (um_pool.margin[line] >= 0) | qt.forced[line]
    lands = lands & pays
    reserve = np.where(lands, sz.reserve_units, 0.0)
    served = np.where(lands, sz.served_units, 0.0)
    left = reserve - served
    prob_after = np.where(lands & (reserve > 0), sz.prob_after, sz.prob_before)
    own_left = rk.expected_leftover[line]
    extra_left = (leftover_cost(um_pool, own_left + left, index=line)[0]
                  - leftover_cost(um_pool, own_left, index=line)[0])
    margin = served * um_pool.margin[line]
    mode_names = np.array(FREIGHT_MODES, dtype=object)
    frame = pd.DataFrame({
        "sku": inputs.series["sku"].to_numpy()[rows],
        "name": inputs.skus["name"].to_numpy()[inputs.s_sku[rows]],
        "region": inputs.series["region"].to_numpy()[rows],
        "warehouse_id": inputs.warehouses["warehouse_id"].to_numpy()[rt.warehouse[line]],
        "is_key_sku": is_key[rows],
        "creator_session_units": session[rows],
        "freight_mode": np.where(lands, mode_names[mode], None),
        "demand_mean": av.demand_mean[line],
        "stock_units": stock[line],
        "service_quantity_units": sz.service_quantity,
        "pool_quantity_units": sz.pool_quantity,
        "reserve_units": reserve,
        "lands_in_time": lands,
        "expected_served_units": served,
        "expected_pool_leftover_units": left,
        "stockout_prob_before": sz.prob_before,
        "stockout_prob_after": prob_after,
        "unit_margin": um_pool.margin[line] * to_disp,
        "reserve_value": reserve * um_pool.landed[line] * to_disp,
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
