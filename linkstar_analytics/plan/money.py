"""Money per unit of each line, from the one cost engine (``cost.landed``), and the newsvendor's two costs.

Per unit, in CNY, for the freight mode each warehouse ships by (first leg priced with the rush surcharge of its
real departure day: a late line departs when it can, not on a day already past):

* ``landed``: ``cost.landed``'s ``total_landed`` (purchase, first leg + rush, duty, import VAT, inbound, storage,
  last mile, fulfilment, commission, returns) plus the cross-region transfer of a line whose warehouse serves
  another market; ``margin``: its ``margin_per_unit`` (shelf price of the market net of output VAT, import VAT
  reclaimed where the seller charges VAT) minus the transfer.
* underage ``cu = max(margin, 0)``: the margin lost on a unit short (Snyder & Shen's ``p``).
* overage ``co``: what a unit left over at the window end costs (Snyder & Shen's ``h``):

  - a **continuing** SKU sells it after the campaign at its baseline rate ``r`` (units/day, the line's share of
    the forecast after the campaign): it waits ``months = max(sd / (2 x 30 r), 0.5)`` (a leftover is about one
    standard deviation of window demand, sold first in, first out, so the average unit waits half of it; at
    least half a month for the post-campaign dip [E]) and costs ``months x (storage per month + capital cost per
    month x the cash sunk in it)``;
  - a **discontinued** SKU (no baseline sales after the campaign) or one that would wait longer than
    ``max_months_to_sell`` is written off: ``sunk - salvage + hold months x storage + disposal`` (the chosen
    unsold-stock option; a unit returned to origin keeps its purchase value).

  ``sunk = purchase + first leg + rush + duty + import VAT - VAT reclaimed + inbound + transfer``.

The per-unit ``co`` prices the marginal unit (the newsvendor's critical ratio). A whole leftover of ``L`` units is
priced by :func:`leftover_cost`: sold first in, first out at the rate ``r``, at most ``r x max_months_to_sell x 30``
of them sell in time (the average one waiting ``max(S / 2r, half a month)``) and the rest are written off, so a
large leftover (an MOQ far above the need) costs what it really will, not ``L x co``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from linkstar_analytics.cost.fx import apply_fx_shock
from linkstar_analytics.cost.landed import landed_from_arrays
from linkstar_analytics.cost.shocks import duty_step_points, freight_multiplier_vector, step_arrays
from linkstar_analytics.plan.inputs import PlanInputs
from linkstar_analytics.plan.scenario import Scenario
from linkstar_analytics.schemas import FREIGHT_MODES

__all__ = ["UnitMoney", "fx_vector", "leftover_cost", "unit_money"]

#: Days per month for holding and capital costs (the storage convention of ``cost.defaults``, 30-day months).
_DAYS_PER_MONTH = 30.0
#: A continuing SKU's leftover waits at least this many months (the post-campaign dip) [E].
_MIN_MONTHS_TO_SELL = 0.5


@dataclass(frozen=True)
class UnitMoney:
    """Per-unit money of each line in CNY (arrays ``[n]``); see the module docstring."""

    purchase: np.ndarray
    freight: np.ndarray  # first leg + rush
    duty: np.ndarray
    vat: np.ndarray
    vat_credit: np.ndarray
    inbound: np.ndarray
    transfer: np.ndarray
    landed: np.ndarray
    price: np.ndarray
    price_net: np.ndarray
    margin: np.ndarray
    storage_month: np.ndarray
    disposal: np.ndarray
    sunk: np.ndarray
    salvage: np.ndarray
    underage: np.ndarray
    overage: np.ndarray
    written_off: np.ndarray  # a leftover unit is priced as written off (discontinued or too slow)
    months_to_sell: np.ndarray
    write_off: np.ndarray  # cost of writing one unit off (sunk - salvage + hold months x storage + disposal)
    hold_month: np.ndarray  # cost of holding one unit a month (storage + capital on the cash sunk in it)
    rate_per_day: np.ndarray  # the line's baseline sales rate after the campaign (units/day)
    max_months_to_sell: float
    platform_fee: np.ndarray | None = None  # the platform's commission per unit sold (kept back from its payout)


def leftover_cost(um: UnitMoney, units: np.ndarray, *, index: np.ndarray | None = None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(cost, written-off units) of ``units`` left over at the window end, per line, in CNY (module docstring).

    Formula: with ``r`` the rate after the campaign and ``T = max_months_to_sell x 30`` days, ``S = min(L, r T)``
    units sell (first in, first out: the k-th waits k / r days, on average ``max(S / (2 r), 15)`` days) at
    ``hold_month`` per unit-month; ``L - S`` are written off at ``write_off`` each. A discontinued SKU (``r = 0``)
    writes every unit off. Convex in ``L``: each further unit waits longer. ``index`` picks lines of ``um``.
    """
    pick = (lambda a: a) if index is None else (lambda a: np.asarray(a)[index])
    left = np.maximum(np.asarray(units, dtype=float), 0.0)
    rate = pick(um.rate_per_day)
    horizon_days = um.max_months_to_sell * _DAYS_PER_MONTH
    sold = np.minimum(left, rate * horizon_days)  # a discontinued SKU (rate 0) sells none
    with np.errstate(divide="ignore", invalid="ignore"):
        wait_months = np.where(rate > 0, sold / (2.0 * rate * _DAYS_PER_MONTH), 0.0)
    wait_months = np.maximum(np.nan_to_num(wait_months), _MIN_MONTHS_TO_SELL)
    gone = left - sold
    cost = sold * wait_months * pick(um.hold_month) + gone * pick(um.write_off)
    return cost, gone


def fx_vector(inputs: PlanInputs, scenario: Scenario) -> np.ndarray:
    """CNY per unit of each currency of the landed arrays, with the scenario's FX and its FX shock on top."""
    cur = inputs.landed.currencies
    rates = np.array([scenario.fx_cny_per_unit(c) for c in cur], dtype=float)
    return apply_fx_shock(rates, cur, scenario.fx_shock_pct) if scenario.fx_shock_pct else rates


def unit_money(inputs: PlanInputs, scenario: Scenario, *, line_sku: np.ndarray, line_warehouse: np.ndarray,
               in_region: np.ndarray, mode_by_sku_warehouse: np.ndarray, departure_day_by_sku_warehouse: np.ndarray,
               dwell_days: float, peak: bool, line_sd_units: np.ndarray, line_rate_per_day: np.ndarray,
               port_day_by_sku_warehouse: np.ndarray | None = None) -> UnitMoney:
    """Per-unit money of lines (SKU ``line_sku``, warehouse ``line_warehouse``) in CNY.

    Parameters
    ----------
    mode_by_sku_warehouse : int (S, W): freight mode index; departure_day_by_sku_warehouse : (S, W) days from
        ``as_of`` of the first-leg departure (NaN = unknown: no rush surcharge).
    dwell_days : expected days in storage before sale; peak : the window ends in a peak-storage month.
    line_sd_units, line_rate_per_day : each line's window demand sd and baseline rate after the campaign.
    port_day_by_sku_warehouse : (S, W) days from ``as_of`` the order reaches the destination port (customs entry):
        on or after a duty step's date (``scenario.duty_step``) the line pays the new rate. None = no step applies.

    The scenario's cost shocks go into the one cost engine (``cost.landed.landed_from_arrays``): the freight
    multiplier per mode, the duty step's points where the line clears after its date, the FX shock in ``fx``.
    """
    L = inputs.landed
    fx = fx_vector(inputs, scenario)
    camp_day = float((inputs.campaign_start - inputs.as_of).days)
    days_to_campaign = camp_day - np.asarray(departure_day_by_sku_warehouse, dtype=float)
    fmult = freight_multiplier_vector(L.modes, scenario.freight_multiplier)
    step_pp = None
    if scenario.duty_step and port_day_by_sku_warehouse is not None:
        step_day, step_pts = step_arrays(L.regions, scenario.duty_steps_by_day(inputs.as_of))
        step_pp = duty_step_points(port_day_by_sku_warehouse, step_day, step_pts)
    sel = landed_from_arrays(L, mode_by_sku_warehouse, fx, display_currency="CNY", dwell_days=dwell_days, peak=peak,
                             days_before_departure_to_campaign=days_to_campaign, freight_multiplier=fmult,
                             duty_step_pct_points=step_pp)
    k, w = line_sku, line_warehouse
    comp = sel.components

    def g(x: np.ndarray) -> np.ndarray:
        v = np.asarray(x)[k, w]
        return np.where(np.isnan(v), 0.0, v)

    t_mode = FREIGHT_MODES.index(inputs.params.cross_region_transfer_mode)
    rate_wh = np.append(fx, np.nan)[L.warehouse_ccy][w]  # CNY per warehouse-currency unit (unknown code -> NaN)
    transfer_leg = L.first_leg_native[k, w, t_mode] * rate_wh * fmult[t_mode]
    transfer_leg = np.where(np.isnan(transfer_leg), 0.0, transfer_leg)
    freight = g(comp["first_leg"]) + g(comp["rush_surcharge"])
    transfer = np.where(in_region, 0.0, np.where(transfer_leg > 0, transfer_leg, freight))
    purchase, duty, vat, inbound = g(comp["purchase"]), g(comp["duty"]), g(comp["vat"]), g(comp["inbound"])
    vat_credit = g(sel.vat_credit)
    landed = g(sel.total_landed) + transfer
    margin = g(sel.margin_per_unit) - transfer
    storage = g(sel.storage_per_unit_month)
    disposal = g({"destroy": sel.disposal_cost_per_unit_destroy, "return": sel.disposal_cost_per_unit_return_to_origin,
                  "liquidate": sel.disposal_cost_per_unit_liquidate}[scenario.disposal])
    sunk = purchase + freight + duty + vat - vat_credit + inbound + transfer
    # a returned unit keeps its purchase value; liquidation recovery is already netted in its disposal cost
    salvage = purchase if scenario.disposal == "return" else np.zeros_like(purchase)
    write_off = np.maximum(sunk - salvage + inputs.params.leftover_hold_months * storage + disposal, 0.0)
    rate = np.maximum(np.asarray(line_rate_per_day, dtype=float), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        months = np.where(rate > 0, np.asarray(line_sd_units, dtype=float) / (2.0 * _DAYS_PER_MONTH * rate), np.inf)
    months = np.maximum(np.where(np.isnan(months), np.inf, months), _MIN_MONTHS_TO_SELL)
    capital_month = inputs.capital_cost_pct_year / 100.0 / 12.0
    written_off = ~(months <= inputs.max_months_to_sell)
    hold_month = np.maximum(storage + capital_month * sunk, 0.0)
    hold = np.where(written_off, 0.0, months) * hold_month
    overage = np.where(written_off, write_off, np.maximum(hold, 0.0))
    return UnitMoney(purchase=purchase, freight=freight, duty=duty, vat=vat, vat_credit=vat_credit, inbound=inbound,
                     transfer=transfer, landed=landed, price=g(sel.price), price_net=g(sel.price_net), margin=margin,
                     storage_month=storage, disposal=disposal, sunk=sunk, salvage=salvage,
                     underage=np.maximum(margin, 0.0), overage=overage, written_off=written_off,
                     months_to_sell=np.where(written_off, np.inf, months), write_off=write_off,
                     hold_month=hold_month, rate_per_day=rate, max_months_to_sell=float(inputs.max_months_to_sell),
                     platform_fee=g(comp["commission"]))
