"""The plan engine: a Scenario applied to PlanInputs, vectorised numpy only (the slider hot path).

``compute_plan(inputs, scenario)`` runs named stages over every SKU x warehouse line at once:

1. :func:`route`: each market's demand split over warehouses (the mix), the freight mode per warehouse (a mode
   without a lane is an error the planner sees, never silently replaced);
2. :func:`timing`: the one backward schedule (``cost.schedule.schedule_days``) for the chosen mode and every
   mode: PO, departure, arrival and the day the order is really sellable;
3. :func:`availability`: window demand (``plan.demand``), each line's own demand law (pooling) and its stock in
   tranches (``plan.availability``: stock counts only from the day it can be sold);
4. :func:`money`: per-unit landed cost, margin and the newsvendor's underage / overage costs (``plan.money``,
   from ``cost.landed``);
5. :func:`quantities`: the need for the policy (service level, or maximum expected profit), nothing for a line
   that loses money per unit unless forced, the MOQ where it earns most (or skipped), case packs;
6. :func:`risk`: expected lost and left-over units, stockout probability, fill rate, sales, revenue and profit
   from the closed-form loss functions (``plan.risk``); the rescue per late line; how much demand the plan can
   still cover today; the MOQ's leftover;
7. :func:`cash`: capital tied up by week, on the payment terms (supplier deposit at the PO, balance at shipment);
   :func:`net_cash`: the weekly net cash position (paid out against the platform's payouts ``settlement_days``
   after each sale) and its trough; with a cash ceiling, :func:`respect_ceiling` trims the lowest-value units
   first (``plan.cash.trim_to_ceiling``) and the risk is recomputed on the trimmed order;
8. totals and frames.

Money in the result is in the scenario's display currency (column / key ``currency``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from typing import Any

import numpy as np
import pandas as pd

from linkstar_analytics.cost.schedule import ScheduleDays, rescue_choice, schedule_days
from linkstar_analytics.cost.shocks import freight_multiplier_vector
from linkstar_analytics.plan.availability import (
    OrderBasis,
    SegmentTerms,
    Tranches,
    build_tranches,
    order_basis,
    order_need,
    ordinary_need,
    ordinary_part,
    segment_terms,
)
from linkstar_analytics.plan.cash import CashResult, NetCashResult, cash_by_week, net_cash_by_week, trim_to_ceiling
from linkstar_analytics.plan.demand import WindowDemand, line_laws, window_demand
from linkstar_analytics.plan.inputs import MAX_COVER_DAYS, PlanInputs
from linkstar_analytics.plan.memo import freeze_arrays
from linkstar_analytics.plan.mix import apply_sku_mix, concentration, line_shares, unknown_mix_warehouses
from linkstar_analytics.plan.money import UnitMoney, fx_vector, unit_money
from linkstar_analytics.plan.money import leftover_cost as money_leftover_cost
from linkstar_analytics.plan.quantities import (
    RoundedOrder,
    below_moq_skus,
    cartons,
    critical_ratio,
    moq_allocation,
    moq_and_case_pack,
)
from linkstar_analytics.plan.risk import DemandLaw, envelope_risk, law_quantile, law_quantiles, tail_prob
from linkstar_analytics.plan.scenario import FOCUS_LEVERS, FORCE_ALL, LEVERS, Scenario
from linkstar_analytics.schemas import FREIGHT_MODES

__all__ = [
    "FLAGS",
    "LINE_COLUMNS",
    "Availability",
    "PlanResult",
    "Quantities",
    "Risk",
    "Routing",
    "Timing",
    "availability",
    "cash",
    "compute_plan",
    "plan_from_stages",
    "plan_stages",
    "plan_with_shares",
    "PlanStages",
    "money",
    "net_cash",
    "quantities",
    "respect_ceiling",
    "risk",
    "route",
    "sensitivity",
    "timing",
]

#: Line flags (bit, name, meaning). ``lines.flags`` joins the names with ';'.
FLAGS: tuple[tuple[int, str, str], ...] = (
    (1, "late_po", "the latest PO date for the cutoff has passed: ordered today the stock arrives later"),
    (2, "concentrated", "key SKU with more than the redundancy limit of its stock in this warehouse"),
    (4, "cross_region", "this warehouse serves another market: units need a cross-region transfer"),
    (8, "no_lane", "no freight lane for the chosen mode: nothing can be ordered until the mode or the lane changes"),
    (16, "no_warehouse", "the market has no warehouse in the mix: its demand is unserved"),
    (32, "moq_raised", "the SKU's order was raised to reach its MOQ"),
    (64, "transit_after_cutoff", "units in transit become sellable after the window start: they count from that day"),
    (128, "key_sku", "top-N SKU by revenue"),
    (256, "arrives_in_window", "the order is sellable only after the window start: it covers the days that remain"),
    (512, "misses_window", "ordered today the units would be sellable only after the window ends: nothing is ordered"),
    (1024, "negative_margin", "a unit sold loses money (expected margin below 0): not ordered unless forced"),
    (2048, "forced", "ordered at a negative margin because the planner forces the SKU"),
    (4096, "moq_skipped", "below its MOQ and not ordered: the MOQ order costs more than it saves (or the policy skips)"),
    (8192, "rescue", "a faster freight mode lands sooner and saves expected lost units (see the rescue columns)"),
    (16384, "reserved_wait", "the order lands before the campaign but is reserved for it: it sells from the campaign's "
                             "first day, and ordinary demand before then relies on the stock already there"),
)

#: Columns of ``PlanResult.lines``, in order (money in ``currency``).
LINE_COLUMNS: tuple[str, ...] = (
    "sku", "name", "region", "warehouse_id", "fulfilment_mode", "freight_mode", "share_pct",
    "on_hand_today_units", "on_hand_units", "in_transit_covered_units", "demand_mean", "demand_p10", "demand_p50", "demand_p90",
    "service_level_pct", "critical_ratio", "qty_before_rounding", "qty_after_rounding", "rounding_surplus",
    "below_moq", "moq_added_units", "case_pack_added_units", "moq_leftover_units", "moq_leftover_cost",
    "newsvendor_qty", "safety_stock", "stockout_prob", "expected_lost_units", "lost_margin",
    "expected_leftover_units", "leftover_written_off_units", "leftover_cost", "fill_rate", "landed_cost_per_unit",
    "total_landed_cost",
    "purchase_value", "freight_cost", "duty_cost", "transfer_cost", "unit_margin", "po_date", "ship_by_date",
    "arrival_date", "flags", "currency",
    # availability in time
    "in_transit_in_window_units", "available_units", "presale_units", "creator_units", "departure_date",
    "warehouse_arrival_date", "sellable_date", "sellable_from_date", "order_cover_pct",
    # rescue
    "rescue_mode", "rescue_sellable_date", "rescue_qty", "rescue_extra_cost", "rescue_units_saved",
    # economics
    "price", "price_net", "overage_cost_per_unit", "expected_sold_units", "expected_revenue", "expected_profit",
    "stranded_units",
    # cash ceiling
    "ceiling_trimmed_units",
    # campaign stock reservation: the order = campaign stock (declared) + ordinary stock for the days before it
    "ordinary_units", "campaign_stock_units",
)

_UNSERVED_WAREHOUSE = "(none)"
_NS_PER_DAY = 86_400_000_000_000


@dataclass(frozen=True, eq=False)
class PlanResult:
    """The plan for one scenario.

    Attributes
    ----------
    lines : one row per SKU x warehouse that has a share, stock or an order (:data:`LINE_COLUMNS`), plus one
        ``warehouse_id == "(none)"`` row per SKU x market whose demand has no warehouse.
    by_sku : one row per SKU x market: units, demand, P(any warehouse runs out), lost units, fill rate.
    by_warehouse : one row per warehouse: units, money, risk, stranded stock.
    cash_by_week : ``week_start, paid, released, tied_up`` in ``currency``.
    totals : headline figures (see :func:`compute_plan`).
    notices : readable remarks (unknown warehouses in the mix, forecast gaps...).
    errors : problems the planner must fix (a freight mode without a lane...); the plan still computes.
    net_cash_by_week : ``week_start, paid_out, received, net, position`` in ``currency`` (see :func:`net_cash`).
    """

    scenario: Scenario
    currency: str
    lines: pd.DataFrame
    by_sku: pd.DataFrame
    by_warehouse: pd.DataFrame
    cash_by_week: pd.DataFrame
    totals: dict[str, Any]
    notices: tuple[str, ...] = field(default=())
    errors: tuple[str, ...] = field(default=())
    net_cash_by_week: pd.DataFrame = field(default_factory=pd.DataFrame)


# ---------------------------------------------------------------------------------------------------------
# 1. route
# ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Routing:
    """Active lines (share, stock or transit) and the freight mode per warehouse."""

    active: np.ndarray  # line indices
    series: np.ndarray
    warehouse: np.ndarray
    sku: np.ndarray
    share: np.ndarray
    in_region: np.ndarray
    share_all: np.ndarray  # [n_l]
    mode_by_warehouse: np.ndarray  # [n_w] mode index
    lane_missing: np.ndarray  # [n_w] the chosen mode has no lane
    notices: tuple[str, ...]
    errors: tuple[str, ...]


def route(inputs: PlanInputs, scenario: Scenario) -> Routing:
    """Shares per line (``plan.mix``) and the freight mode per warehouse.

    A warehouse not listed in the scenario ships by the first mode it has a lane for (sea, air, express: cheapest
    first), as the cost views do. A mode listed in the scenario that the warehouse has no lane for is an error:
    nothing is ordered for that warehouse until the planner picks a mode it offers (or the lane is added).
    """
    notices: list[str] = []
    errors: list[str] = []
    share_all = line_shares(inputs, scenario.warehouse_mix)
    missing_wh = unknown_mix_warehouses(inputs, scenario.warehouse_mix)
    if missing_wh:
        notices.append(f"warehouse_mix names warehouse(s) not in the data, ignored: {', '.join(missing_wh)}")
    share_all, missing_sku = apply_sku_mix(inputs, share_all, scenario.sku_mix)
    if missing_sku:
        notices.append(f"sku_mix names what the data does not have, ignored: {', '.join(sorted(set(missing_sku)))}")
    lane_ok = inputs.schedule.lane_ok
    w_ids = inputs.warehouses["warehouse_id"].to_numpy()
    n_w = len(w_ids)
    first_ok = np.argmax(lane_ok, axis=1)
    listed = np.array([w in scenario.freight_mode for w in w_ids], dtype=bool)
    want = np.array([FREIGHT_MODES.index(scenario.freight_mode[w]) if w in scenario.freight_mode else 0 for w in w_ids],
                    dtype=np.int64)
    mode = np.where(listed, want, first_ok)
    missing = ~lane_ok[np.arange(n_w), mode]
    for j in np.flatnonzero(missing):
        offered = [m for i, m in enumerate(FREIGHT_MODES) if lane_ok[j, i]]
        fix = (f"choose {' or '.join(offered)} for it" if offered else "add its lanes to freight_lanes")
        errors.append(f"warehouse {w_ids[j]} has no {FREIGHT_MODES[mode[j]]} freight lane: nothing can be ordered "
                      f"for it; {fix}")
    line = inputs.line
    a = np.flatnonzero((share_all > 0) | (line.position_units > 0))
    return Routing(active=a, series=line.series[a], warehouse=line.warehouse[a], sku=line.sku[a], share=share_all[a],
                   in_region=line.in_region[a], share_all=share_all, mode_by_warehouse=mode, lane_missing=missing,
                   notices=tuple(notices), errors=tuple(errors))


# ---------------------------------------------------------------------------------------------------------
# 2. timing
# ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Timing:
    """The schedule of each active line (days from ``as_of``) for its warehouse's mode and for every mode."""

    chosen: ScheduleDays  # [n_a]
    by_mode: ScheduleDays  # [n_a, M]
    transit_by_mode: np.ndarray  # [n_a, M] (NaN = no lane)
    chosen_transit: np.ndarray  # [n_a]
    order_day: np.ndarray  # [n_a] window day the order is sellable at the warehouse (NaN = never: no lane)
    fastest_day: np.ndarray  # [n_a] window day the fastest mode's order is sellable (NaN = no lane at all)
    available_by_day: float
    reserve_day: float  # window day reserved campaign stock may sell from (the campaign's first; 0 = no reservation)
    sell_day: np.ndarray  # [n_a] window day the order may sell: max(order_day, reserve_day) (NaN = never)
    fastest_sell_day: np.ndarray  # [n_a] the day an unlimited order by the fastest mode covers demand from (one
    # landing by the window start carries ordinary stock for the days before the campaign: it covers them too)

    @property
    def waits_for_campaign(self) -> np.ndarray:
        """The order is sellable at the warehouse before the campaign but, reserved for it, waits until it starts."""
        with np.errstate(invalid="ignore"):
            return np.isfinite(self.order_day) & (self.sell_day > np.maximum(self.order_day, 0.0))

    @property
    def carries_ordinary(self) -> np.ndarray:
        """The order waits for the campaign but lands by the window start: it carries ordinary stock for the days
        before the campaign."""
        with np.errstate(invalid="ignore"):
            return self.waits_for_campaign & (self.order_day <= 0)

    @property
    def cover_day(self) -> np.ndarray:
        """Window day the order starts to cover demand: its arrival where it carries ordinary stock, else the day it
        may sell."""
        return np.where(self.carries_ordinary, self.order_day, self.sell_day)


def timing(inputs: PlanInputs, scenario: Scenario, rt: Routing) -> Timing:
    """Backward schedule to ``cutoff - buffer`` and the forward pass of the PO really placed (``cost.schedule``).

    With ``reserved_stock`` on, the order is declared campaign stock: the platform holds it for the campaign, so it
    may sell from the campaign's first day (``sell_day = max(order_day, campaign start)``), while its physical
    arrival (``order_day``) still decides lateness, the quota month and the cash calendar."""
    sa = inputs.schedule
    lv = "max" if scenario.lead_time_case == "pessimistic" else "typ"
    k, w = rt.sku, rt.warehouse
    avail_by = float((inputs.inbound_cutoff - inputs.as_of).days) - float(np.ceil(scenario.buffer_days))
    transit_all = sa.transit_days[lv][w]  # [n_a, M]
    chosen_tr = transit_all[np.arange(w.size), rt.mode_by_warehouse[w]]
    prod = sa.production_days[k]
    cons, cust, recv = sa.consolidation_days[lv][w], sa.customs_days[lv][w], sa.receiving_days[lv][w]
    chosen = schedule_days(production_days=prod, consolidation_days=cons, transit_days=chosen_tr, customs_days=cust,
                           receiving_days=recv, available_by_day=avail_by)
    by_mode = schedule_days(production_days=prod[:, None], consolidation_days=cons[:, None], transit_days=transit_all,
                            customs_days=cust[:, None], receiving_days=recv[:, None], available_by_day=avail_by)
    d0 = inputs.day0
    fastest = np.where(np.isfinite(by_mode.sellable), by_mode.sellable, np.inf).min(axis=1)
    order_day = chosen.sellable - d0
    fastest_day = np.where(np.isfinite(fastest), fastest - d0, np.nan)
    reserve_day = float(inputs.window.presale_day) if scenario.reserved_stock == "on" else 0.0
    return Timing(chosen=chosen, by_mode=by_mode, transit_by_mode=transit_all, chosen_transit=chosen_tr,
                  order_day=order_day, fastest_day=fastest_day, available_by_day=avail_by, reserve_day=reserve_day,
                  sell_day=np.maximum(order_day, reserve_day),
                  fastest_sell_day=np.where(fastest_day <= 0, fastest_day, np.maximum(fastest_day, reserve_day)))


# ---------------------------------------------------------------------------------------------------------
# 3. availability
# ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Availability:
    """Demand and stock over time of the active lines."""

    demand: WindowDemand
    law: DemandLaw  # [n_a] baseline law of each line (its own share's distribution)
    known_units: np.ndarray  # [n_a] presale + creator units routed to the line
    demand_mean: np.ndarray  # [n_a]
    start_units: np.ndarray  # [n_a] sellable at the window start
    in_window_units: np.ndarray  # [n_a] shipments landing inside the window
    after_window_units: np.ndarray  # [n_a] shipments landing after it
    tranches: Tranches
    terms: SegmentTerms
    basis: OrderBasis
    ship_pos: np.ndarray  # shipments -> active position (-1 = inactive line)
    ship_day: np.ndarray  # shipments' window day for the lead-time case


def availability(inputs: PlanInputs, scenario: Scenario, rt: Routing, tm: Timing) -> Availability:
    """Window demand, line laws and the stock tranches (``plan.demand``, ``plan.availability``)."""
    wd = window_demand(inputs, uplift_multiplier=scenario.uplift_multiplier,
                       cover_days=int(min(scenario.cover_days, MAX_COVER_DAYS)),
                       presale_conversion_pct=scenario.presale_conversion_pct,
                       deposit_conversion_pct=scenario.deposit_conversion_pct)
    law = line_laws(wd, rt.series, rt.share)
    known = rt.share * wd.known_units[rt.series]
    pos_of = np.full(inputs.n_lines, -1, dtype=np.int64)
    pos_of[rt.active] = np.arange(rt.active.size)
    sh = inputs.shipments
    case = 1 if scenario.lead_time_case == "pessimistic" else 0
    ship_pos = pos_of[sh.line] if sh.line.size else np.zeros(0, dtype=np.int64)
    ship_day = sh.sellable_day[:, case] if sh.line.size else np.zeros(0)
    n_a = rt.active.size

    def per_line(mask: np.ndarray) -> np.ndarray:
        ok = mask & (ship_pos >= 0)
        return np.bincount(ship_pos[ok], weights=sh.units[ok], minlength=n_a)

    at_start = per_line(ship_day <= 0)
    in_window = per_line((ship_day > 0) & (ship_day < wd.end))
    after = per_line(ship_day >= wd.end)
    start = inputs.line.on_hand_start_units[rt.active] + at_start
    tr = build_tranches(start_units=start, ship_pos=ship_pos, ship_units=sh.units, ship_day=ship_day,
                        order_day=tm.sell_day, end=wd.end)
    terms = segment_terms(tr, wd, rt.series, rt.share)
    if not tm.carries_ordinary.any():  # every order covers demand from the day it may sell
        basis = order_basis(tr, terms, wd, law, rt.series, rt.share)
    else:  # the need of a reserved order that lands by the window start: ordinary + campaign stock, from its arrival
        tr_c = build_tranches(start_units=start, ship_pos=ship_pos, ship_units=sh.units, ship_day=ship_day,
                              order_day=tm.cover_day, end=wd.end)
        basis = order_basis(tr_c, segment_terms(tr_c, wd, rt.series, rt.share), wd, law, rt.series, rt.share)
    return Availability(demand=wd, law=law, known_units=known, demand_mean=law.mean + known, start_units=start,
                        in_window_units=in_window, after_window_units=after, tranches=tr, terms=terms, basis=basis,
                        ship_pos=ship_pos, ship_day=ship_day)


# ---------------------------------------------------------------------------------------------------------
# 4. money
# ---------------------------------------------------------------------------------------------------------

def _sku_warehouse(inputs: PlanInputs, rt: Routing, values: np.ndarray, fill: float) -> np.ndarray:
    """Scatter line values onto the (S, W) grid of the cost arrays (lines of one SKU x warehouse agree)."""
    out = np.full((inputs.sku.moq_units.shape[0], inputs.n_warehouses), fill)
    out[rt.sku, rt.warehouse] = values
    return out


def money(inputs: PlanInputs, scenario: Scenario, rt: Routing, tm: Timing, av: Availability,
          *, mode_by_line: np.ndarray | None = None, departure_day: np.ndarray | None = None,
          port_day: np.ndarray | None = None) -> UnitMoney:
    """Per-unit money of the active lines (``plan.money``) for their warehouse's mode (or ``mode_by_line``); a duty
    step reaches the lines whose order reaches the port (``port_day``, default the schedule's) on or after its date."""
    mode_line = rt.mode_by_warehouse[rt.warehouse] if mode_by_line is None else mode_by_line
    dep = tm.chosen.departure if departure_day is None else departure_day
    port = tm.chosen.port_arrival if port_day is None else port_day
    mode_kw = np.broadcast_to(rt.mode_by_warehouse[None, :], (inputs.sku.moq_units.shape[0], inputs.n_warehouses)).copy()
    mode_kw[rt.sku, rt.warehouse] = mode_line
    camp_day = (inputs.campaign_start - inputs.as_of).days
    sellable = tm.available_by_day
    dwell = max(camp_day - sellable, 0) + 0.5 * ((inputs.campaign_end - inputs.campaign_start).days + 1)
    end_month = (inputs.campaign_end + pd.Timedelta(days=scenario.cover_days)).month
    w = inputs.window
    s = rt.series
    # the scale of a leftover, whatever the demand levers (so the overage cost never moves with them)
    line_var = rt.share ** 2 * w.reference_var[s] + rt.share * (1.0 - rt.share) * w.reference_mean[s]
    return unit_money(inputs, scenario, line_sku=rt.sku, line_warehouse=rt.warehouse, in_region=rt.in_region,
                      mode_by_sku_warehouse=mode_kw, departure_day_by_sku_warehouse=_sku_warehouse(inputs, rt, dep, np.nan),
                      port_day_by_sku_warehouse=_sku_warehouse(inputs, rt, port, np.nan),
                      dwell_days=dwell, peak=end_month in inputs.peak_months, line_sd_units=np.sqrt(line_var),
                      line_rate_per_day=rt.share * inputs.window.rate_after[s])


# ---------------------------------------------------------------------------------------------------------
# 5. quantities
# ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Quantities:
    """Needs, the policy's quantity and the order after the MOQ and case packs."""

    service_need: np.ndarray
    newsvendor_need: np.ndarray
    critical_ratio: np.ndarray
    need: np.ndarray
    negative_margin: np.ndarray
    forced: np.ndarray
    order: RoundedOrder
    moq_allocation: np.ndarray
    ordinary_units: np.ndarray  # of the need: ordinary stock for the days before the campaign (0 = all campaign stock)

    def ordinary_of(self, qty_units: np.ndarray) -> np.ndarray:
        """Ordinary units of an order of ``qty_units`` (:func:`plan.availability.ordinary_part`); the rest is
        campaign stock."""
        return ordinary_part(self.ordinary_units, qty_units)


def _forced_lines(inputs: PlanInputs, scenario: Scenario, sku: np.ndarray) -> np.ndarray:
    if not scenario.force_order:
        return np.zeros(sku.size, dtype=bool)
    if FORCE_ALL in scenario.force_order:
        return np.ones(sku.size, dtype=bool)
    forced_k = inputs.skus["sku"].isin(scenario.force_order).to_numpy()
    return forced_k[sku]


def _gain(law: DemandLaw, terms: SegmentTerms, qty: np.ndarray, lands: np.ndarray, um: UnitMoney,
          idx: np.ndarray, ordinary: np.ndarray) -> np.ndarray:
    """Expected profit of ordering ``qty`` over ordering nothing, per line ``idx``: margin on the units it sells more
    minus what the units it leaves over cost (``money.leftover_cost``: the whole leftover, so an MOQ far above the
    need pays for the units that will not sell in time)."""
    lost0 = envelope_risk(law, terms.slope, terms.intercept(np.zeros(qty.size))).expected_lost
    lost1 = envelope_risk(law, terms.slope, terms.intercept(qty, ordinary)).expected_lost
    sold_more = lost0 - lost1
    cost, _gone = money_leftover_cost(um, np.where(lands, qty, 0.0) - sold_more, index=idx)
    return um.margin[idx] * sold_more - cost


def quantities(inputs: PlanInputs, scenario: Scenario, rt: Routing, tm: Timing, av: Availability,
               um: UnitMoney) -> Quantities:
    """The order per line: policy need, negative margins, MOQ (where it earns most, or skipped), case packs."""
    alpha = scenario.service_level_pct / 100.0
    cr = critical_ratio(underage_cost=um.underage, overage_cost=um.overage)
    svc = order_need(av.basis, alpha)
    nv = order_need(av.basis, cr)
    # an order reserved for the campaign that lands by the window start carries ordinary stock for the days before it
    o_svc = ordinary_need(av.terms, av.law, alpha, tm.carries_ordinary)
    o_nv = ordinary_need(av.terms, av.law, cr, tm.carries_ordinary) if scenario.policy == "profit" else o_svc
    neg = um.margin < 0
    forced = _forced_lines(inputs, scenario, rt.sku)
    lands = av.tranches.order_lands
    need = svc if scenario.policy == "service" else np.where(forced & neg, svc, nv)
    need = np.where(neg & ~forced, 0.0, need)
    need = np.where(lands, need, 0.0)
    ordinary = o_svc if scenario.policy == "service" else np.where(forced & neg, o_svc, o_nv)
    ordinary = np.minimum(ordinary, need)
    n_k = inputs.sku.moq_units.shape[0]
    moq = inputs.sku.moq_units
    # MOQ weights, independent of the demand levers: demand at the estimated uplift over the campaign, the share of it
    # the order still covers, the margin of a unit (lines that lose money or can not receive get none)
    w = inputs.window
    ref_day = np.clip(np.nan_to_num(tm.cover_day, nan=np.inf), 0, w.camp_hi + 1)
    ref_day = np.where(np.isfinite(ref_day), ref_day, w.camp_hi + 1).astype(np.int64)
    ref_tot = w.reference_mean[rt.series]
    g = w.sums_at(rt.series, ref_day)
    before = g[:, 0] + g[:, 1]  # mean base + lift before the reference day
    cover_ref = np.where(ref_tot > 0, np.clip(1.0 - before / np.where(ref_tot > 0, ref_tot, 1.0), 0.0, 1.0), 0.0)
    cover_ref = np.where(np.isfinite(tm.sell_day) & (tm.sell_day <= w.camp_hi), cover_ref, 0.0)
    weight = rt.share * ref_tot * cover_ref * np.maximum(um.margin, 0.0)
    alloc = moq_allocation(moq_units=moq, weight=weight, position_units=inputs.line.position_units[rt.active],
                           line_sku=rt.sku, n_skus=n_k)
    skip = np.zeros(n_k, dtype=bool)
    if scenario.moq_policy == "up":
        below = below_moq_skus(need_units=need, line_sku=rt.sku, n_skus=n_k, moq_units=moq)
        idx = np.flatnonzero(below[rt.sku] & (alloc > 0))
        if idx.size:
            gain = _gain(av.law.take(idx), av.terms.take(idx), alloc[idx], lands[idx], um, idx,
                         ordinary_part(ordinary[idx], alloc[idx]))
            skip = below & (np.bincount(rt.sku[idx], weights=gain, minlength=n_k) < 0)
    order = moq_and_case_pack(need_units=need, line_sku=rt.sku, n_skus=n_k, moq_units=moq,
                              case_pack_units=inputs.sku.case_pack_units, moq_policy=scenario.moq_policy,
                              allocation_units=alloc, skip_sku=skip)
    return Quantities(service_need=svc, newsvendor_need=nv, critical_ratio=cr, need=need, negative_margin=neg,
                      forced=forced, order=order, moq_allocation=alloc, ordinary_units=ordinary)


# ---------------------------------------------------------------------------------------------------------
# 6. risk
# ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Risk:
    """Risk and economics per active line at the planned order."""

    stockout_prob: np.ndarray
    expected_lost: np.ndarray
    expected_sold: np.ndarray
    expected_leftover: np.ndarray
    arrived_units: np.ndarray
    fill_rate: np.ndarray
    moq_leftover: np.ndarray
    coverable_lost: np.ndarray  # expected lost units if every line ordered without limit today by its fastest mode
    rescue_mode: np.ndarray  # mode index or -1
    rescue_day: np.ndarray
    rescue_qty: np.ndarray
    rescue_units_saved: np.ndarray
    rescue_extra_cost_cny: np.ndarray
    stranded_units: np.ndarray | None


def risk(inputs: PlanInputs, scenario: Scenario, rt: Routing, tm: Timing, av: Availability, um: UnitMoney,
         qt: Quantities, *, detail: bool) -> Risk:
    """Closed-form risk of every line at its order (``plan.risk.envelope_risk``), the demand coverable today, the
    MOQ's leftover and, with ``detail`` (the frames), the rescue per late line and the stock stranded by the mix."""
    q = qt.order.qty_units
    lands = av.tranches.order_lands
    env = envelope_risk(av.law, av.terms.slope, av.terms.intercept(q, qt.ordinary_of(q)))
    lost = env.expected_lost
    sold = np.maximum(av.demand_mean - lost, 0.0)
    arrived = av.start_units + av.in_window_units + np.where(lands, q, 0.0)
    leftover = np.maximum(arrived - sold, 0.0)
    fill = np.where(av.demand_mean > 0, 1.0 - lost / np.where(av.demand_mean > 0, av.demand_mean, 1.0), 1.0)
    n_a = q.size

    # the MOQ's leftover: against the case-pack-only order, same demand, lines the MOQ raised (a SKU skipped below
    # its MOQ leaves nothing over; its need is reported as moq_skipped_units)
    moq_left = np.zeros(n_a)
    idx = np.flatnonzero(q - qt.order.case_pack_qty_units > 1e-9)
    if idx.size:
        q0 = qt.order.case_pack_qty_units[idx]
        lost0 = envelope_risk(av.law.take(idx), av.terms.slope[idx],
                              av.terms.take(idx).intercept(q0, ordinary_part(qt.ordinary_units[idx], q0))).expected_lost
        left0 = np.maximum(arrived[idx] - np.where(lands[idx], q[idx] - q0, 0.0) - (av.demand_mean[idx] - lost0), 0.0)
        moq_left[idx] = leftover[idx] - left0

    # what the plan can still cover today: every line ordering without limit by its fastest mode
    cov_lost = np.zeros(n_a)
    wd = av.demand
    plain = av.in_window_units == 0  # no shipment lands inside the window: one tranche before the order
    idx = np.flatnonzero(~(tm.fastest_sell_day <= 0) & (av.demand_mean > 0))
    one = idx[plain[idx]]
    if one.size:  # L = max(0, f B - (start - known before it lands)): one loss function
        d = tm.fastest_sell_day[one]
        f = wd.baseline_before(rt.series[one], d)
        c = av.start_units[one] - rt.share[one] * wd.known_before(rt.series[one], d)
        cov_lost[one] = envelope_risk(av.law.take(one), f[:, None], c[:, None]).expected_lost
    many = idx[~plain[idx]]
    if many.size:
        fast = build_tranches(start_units=av.start_units[many],
                              ship_pos=_remap(av.ship_pos, many, n_a), ship_units=inputs.shipments.units,
                              ship_day=av.ship_day, order_day=tm.fastest_sell_day[many], end=wd.end)
        terms = segment_terms(fast, wd, rt.series[many], rt.share[many])
        cov_lost[many] = envelope_risk(av.law.take(many), terms.slope,
                                       terms.intercept(np.full(many.size, np.inf))).expected_lost

    # rescue: a faster mode for lines whose order lands after the window start (or never)
    r_mode = np.full(n_a, -1)
    r_day = np.full(n_a, np.nan)
    r_qty = np.zeros(n_a)
    r_saved = np.zeros(n_a)
    r_cost = np.zeros(n_a)
    late = (~(tm.order_day <= 0)) & (av.demand_mean > 0) & ~(qt.negative_margin & ~qt.forced)
    if detail and late.any():
        L = inputs.landed
        # [n_a, M]: ranks the extra cost within a warehouse (with the scenario's freight multiplier per mode)
        first_leg = L.first_leg_native[rt.sku, rt.warehouse] * freight_multiplier_vector(L.modes,
                                                                                         scenario.freight_multiplier)
        best, _partial = rescue_choice(is_late=late, transit_days=tm.transit_by_mode, chosen_transit_days=tm.chosen_transit,
                                       slack_by_mode=tm.by_mode.slack, extra_cost_by_mode=first_leg,
                                       sellable_by_mode=tm.by_mode.sellable - inputs.day0,
                                       until_day=np.full(n_a, av.demand.end - 1.0))
        idx = np.flatnonzero(best >= 0)
        if idx.size:
            m = best[idx]
            d_r = tm.by_mode.sellable[idx, m] - inputs.day0
            s_r = np.maximum(d_r, tm.reserve_day)  # reserved campaign stock sells from the campaign's first day
            alpha = scenario.service_level_pct / 100.0
            p = np.where((scenario.policy == "service") | (qt.negative_margin[idx] & qt.forced[idx]), alpha,
                         qt.critical_ratio[idx])
            law = av.law.take(idx)
            need = np.zeros(idx.size)
            c_r = np.where(d_r <= 0, d_r, s_r)  # the day the rescued order starts to cover demand (Timing.cover_day)
            early = (c_r <= 0) & plain[idx]  # covers from the window start: the classic newsvendor line
            if early.any():
                e = np.flatnonzero(early)
                need[e] = np.maximum(law_quantile(law.take(e), p[e]) + av.known_units[idx[e]]
                                     - av.start_units[idx[e]], 0.0)
            rest = np.flatnonzero(~early)
            if rest.size:
                g = idx[rest]
                fast = build_tranches(start_units=av.start_units[g], ship_pos=_remap(av.ship_pos, g, n_a),
                                      ship_units=inputs.shipments.units, ship_day=av.ship_day, order_day=c_r[rest],
                                      end=wd.end)
                terms = segment_terms(fast, wd, rt.series[g], rt.share[g])
                sub = law.take(rest)
                need[rest] = order_need(order_basis(fast, terms, wd, sub, rt.series[g], rt.share[g]), p[rest])
            q_r = cartons(need, inputs.sku.case_pack_units[rt.sku[idx]])
            # its risk: the campaign stock sells from s_r, the ordinary units shipped with it from their arrival
            sell = build_tranches(start_units=av.start_units[idx], ship_pos=_remap(av.ship_pos, idx, n_a),
                                  ship_units=inputs.shipments.units, ship_day=av.ship_day, order_day=s_r, end=wd.end)
            terms = segment_terms(sell, wd, rt.series[idx], rt.share[idx])
            o_r = ordinary_part(ordinary_need(terms, law, p, (d_r <= 0) & (s_r > 0)), q_r)
            lost_r = envelope_risk(law, terms.slope, terms.intercept(q_r, o_r)).expected_lost
            saved = lost[idx] - lost_r
            mode_line = rt.mode_by_warehouse[rt.warehouse].copy()
            mode_line[idx] = m
            dep = tm.chosen.departure.copy()
            dep[idx] = tm.by_mode.departure[idx, m]
            port = tm.chosen.port_arrival.copy()
            port[idx] = tm.by_mode.port_arrival[idx, m]
            um_r = money(inputs, scenario, rt, tm, av, mode_by_line=mode_line, departure_day=dep, port_day=port)
            # the price of the rescue: the faster mode's extra landed cost per unit on the units it brings
            cost = q_r * (um_r.landed[idx] - um.landed[idx])
            # a rescue that would sell at a loss per unit (the faster mode's freight eats the margin) is none,
            # unless the planner forces the SKU
            keep = (saved > 0.5) & ((um_r.margin[idx] >= 0) | qt.forced[idx])
            j = idx[keep]
            r_mode[j] = m[keep]
            r_day[j] = d_r[keep]
            r_qty[j] = q_r[keep]
            r_saved[j] = saved[keep]
            r_cost[j] = cost[keep]

    stranded = None
    if detail:
        stranded = np.zeros(n_a)
        idx = np.flatnonzero(av.start_units + av.in_window_units > 0)
        if idx.size:
            lost0 = envelope_risk(av.law.take(idx), av.terms.slope[idx],
                                  av.terms.take(idx).intercept(np.zeros(idx.size))).expected_lost
            stranded[idx] = np.maximum(av.start_units[idx] + av.in_window_units[idx]
                                       - (av.demand_mean[idx] - lost0), 0.0)
    return Risk(stockout_prob=env.stockout_prob, expected_lost=lost, expected_sold=sold, expected_leftover=leftover,
                arrived_units=arrived, fill_rate=np.clip(fill, 0.0, 1.0), moq_leftover=moq_left,
                coverable_lost=cov_lost, rescue_mode=r_mode, rescue_day=r_day, rescue_qty=r_qty,
                rescue_units_saved=r_saved, rescue_extra_cost_cny=r_cost, stranded_units=stranded)


def _remap(ship_pos: np.ndarray, idx: np.ndarray, n_a: int) -> np.ndarray:
    """Shipments' active positions re-indexed into the subset ``idx`` (-1 outside it)."""
    sub = np.full(n_a + 1, -1, dtype=np.int64)
    sub[idx] = np.arange(idx.size)
    return sub[np.where(ship_pos >= 0, ship_pos, n_a)]


# ---------------------------------------------------------------------------------------------------------
# 7. cash
# ---------------------------------------------------------------------------------------------------------

def _deposit_share(inputs: PlanInputs, scenario: Scenario, rt: Routing) -> np.ndarray:
    """Supplier deposit share per active line (0-1): the SKU master's own ``deposit_pct``, else the scenario's."""
    share = np.full(rt.sku.size, scenario.deposit_pct)
    own = inputs.sku.deposit_pct
    if own is not None:
        o = own[rt.sku]
        share = np.where(np.isfinite(o), o, share)
    return share / 100.0


def payment_terms(inputs: PlanInputs, scenario: Scenario, rt: Routing, tm: Timing, um: UnitMoney
                  ) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """(days, CNY per unit) of each payment of a unit of every active line, in the order: supplier deposit at the
    PO (deposit share x purchase), balance at departure ((1 - share) x purchase), first-leg freight at departure,
    duty + import VAT at the port, inbound + cross-region transfer when sellable. Days from ``as_of`` (NaN = no
    lane: nothing is paid)."""
    sd = tm.chosen
    dep = _deposit_share(inputs, scenario, rt)
    days = (sd.po, sd.departure, sd.departure, sd.port_arrival, sd.sellable)
    per_unit = (dep * um.purchase, (1.0 - dep) * um.purchase, um.freight, um.duty + um.vat, um.inbound + um.transfer)
    return days, per_unit


def _sale_profile(inputs: PlanInputs, scenario: Scenario, av: Availability) -> np.ndarray:
    """``[n_r, n_win]`` share of each market's window sales on each window day (campaign days weighted by the
    uplift; rows sum to 1 or 0)."""
    w = inputs.window
    n_win = av.demand.end
    prof = w.profile_base[:, :n_win] + scenario.uplift_multiplier * w.profile_lift[:, :n_win]
    rs = prof.sum(axis=1, keepdims=True)
    return np.where(rs > 0, prof / np.where(rs > 0, rs, 1.0), 0.0)


def cash(inputs: PlanInputs, scenario: Scenario, rt: Routing, tm: Timing, av: Availability, um: UnitMoney,
         qt: Quantities, rk: Risk) -> CashResult:
    """Capital tied up by week (``plan.cash``): payments on the schedule's days and the payment terms
    (:func:`payment_terms`), released as units sell."""
    q = qt.order.qty_units
    ordered = q > 0
    stock = rk.arrived_units
    sold_frac = np.where(stock > 0, np.minimum(rk.expected_sold / np.where(stock > 0, stock, 1.0), 1.0), 0.0)
    release = np.bincount(inputs.s_region[rt.series], weights=q * um.sunk * sold_frac, minlength=len(inputs.regions))
    days, per_unit = payment_terms(inputs, scenario, rt, tm, um)
    return cash_by_week(
        as_of=inputs.as_of,
        pay_days=tuple(np.nan_to_num(d[ordered], nan=0.0) for d in days),
        pay_amounts_cny=tuple((u * q)[ordered] for u in per_unit),
        release_by_region_cny=release, profile=_sale_profile(inputs, scenario, av), day0=inputs.day0,
    )


def net_cash(inputs: PlanInputs, scenario: Scenario, rt: Routing, tm: Timing, av: Availability, um: UnitMoney,
             qt: Quantities, rk: Risk) -> NetCashResult:
    """Weekly net cash position (``plan.cash.net_cash_by_week``), CNY.

    Paid out: the new orders' payments on their terms (:func:`payment_terms`; a line without a lane pays nothing).
    Received: every unit the plan expects to sell in the window (from the new orders and from the stock already
    held, whose cost was paid before) at the price net of output VAT minus the platform commission, paid out
    ``settlement_days`` after the sale; a market's sales spread over the window days like its expected sales.
    """
    q = qt.order.qty_units
    days, per_unit = payment_terms(inputs, scenario, rt, tm, um)
    pay = np.isfinite(days[0]) & (q > 0)
    out_days = np.concatenate([d[pay] for d in days])
    out_amt = np.concatenate([(u * q)[pay] for u in per_unit])
    fee = um.platform_fee if um.platform_fee is not None else np.zeros_like(um.price_net)
    payout = np.bincount(inputs.s_region[rt.series], weights=rk.expected_sold * np.maximum(um.price_net - fee, 0.0),
                         minlength=len(inputs.regions))
    prof = _sale_profile(inputs, scenario, av)
    daily_in = payout @ prof
    in_days = inputs.day0 + np.arange(daily_in.size) + scenario.settlement_days
    return net_cash_by_week(as_of=inputs.as_of, out_days=out_days, out_amounts_cny=out_amt, in_days=in_days,
                            in_amounts_cny=daily_in)


def respect_ceiling(inputs: PlanInputs, scenario: Scenario, rt: Routing, tm: Timing, av: Availability,
                    um: UnitMoney, qt: Quantities, rk: Risk, *, detail: bool
                    ) -> tuple[Quantities, Risk, NetCashResult, np.ndarray, list[str]]:
    """Trim the order until the cash need (minus the net position's trough) is within ``cash_ceiling_cny``.

    Rule (``plan.cash.trim_to_ceiling``): the units with the lowest expected margin contribution per CNY of cash go
    first: value of a line = unit margin x its expected sell-through (units sold / units it holds) / the cash a
    unit needs (the sum of its payments). A unit trimmed relieves the trough by what it pays by the trough day.
    Never trimmed: stock held or in transit (not part of the order) and the units the known demand (presale and
    creator bookings) needs beyond that stock (the fixed part). The trough is recomputed after each pass (its day
    can move) and the risk with it, for at most 8 passes. A trimmed line is not topped back up to its SKU's MOQ.
    Returns (quantities, risk, net cash, trimmed units per line, notices).
    """
    nc = net_cash(inputs, scenario, rt, tm, av, um, qt, rk)
    trimmed = np.zeros(qt.order.qty_units.size)
    notes: list[str] = []
    ceiling = scenario.cash_ceiling_cny
    if ceiling is None:
        return qt, rk, nc, trimmed, notes
    pack = inputs.sku.case_pack_units[rt.sku]
    floor = np.maximum(av.known_units - av.start_units - av.in_window_units, 0.0)
    days, per_unit = payment_terms(inputs, scenario, rt, tm, um)
    cash_unit = np.sum(per_unit, axis=0)
    for _ in range(8):
        excess = -nc.trough_cny - float(ceiling)
        if excess <= 1e-6:
            break
        relief = np.zeros(cash_unit.size)
        for d, u in zip(days, per_unit):
            relief += np.where(np.maximum(np.nan_to_num(d, nan=np.inf), 0.0) <= nc.trough_day, u, 0.0)
        stock = rk.arrived_units
        through = np.where(stock > 0, np.minimum(rk.expected_sold / np.where(stock > 0, stock, 1.0), 1.0), 0.0)
        value = np.where(cash_unit > 0, um.margin * through / np.where(cash_unit > 0, cash_unit, 1.0), np.inf)
        q = qt.order.qty_units
        cut = trim_to_ceiling(qty_units=q, floor_units=np.minimum(floor, q), case_pack_units=pack,
                              relief_per_unit_cny=relief, value_per_cny=value, excess_cny=excess)
        if cut.sum() <= 0:
            break
        trimmed += cut
        qt = dc_replace(qt, order=dc_replace(qt.order, qty_units=q - cut))
        rk = risk(inputs, scenario, rt, tm, av, um, qt, detail=detail)
        nc = net_cash(inputs, scenario, rt, tm, av, um, qt, rk)
    if trimmed.sum() > 0:
        notes.append(f"cash ceiling {ceiling:,} CNY: {trimmed.sum():,.0f} units trimmed from {int((trimmed > 0).sum())} "
                     "line(s), lowest expected margin per CNY first (column ceiling_trimmed_units)")
    if -nc.trough_cny > float(ceiling) + 1e-6:
        notes.append(f"cash ceiling {ceiling:,} CNY cannot be met: the plan still needs {-nc.trough_cny:,.0f} CNY at "
                     "its trough with every trimmable unit cut (stock held and presale / creator bookings stay)")
    return qt, rk, nc, trimmed, notes


# ---------------------------------------------------------------------------------------------------------
# the plan
# ---------------------------------------------------------------------------------------------------------

def _flag_names(flags: np.ndarray) -> np.ndarray:
    """';'-joined flag names per line (each distinct combination built once)."""
    uniq, inv = np.unique(flags, return_inverse=True)
    names = np.array([";".join(n for bit, n, _ in FLAGS if int(u) & bit) for u in uniq], dtype=object)
    return names[inv.reshape(-1)] if uniq.size else np.zeros(0, dtype=object)


def _dates(as_of: pd.Timestamp, days: np.ndarray) -> np.ndarray:
    """``as_of + days`` as datetime64[ns] (NaN/inf days -> NaT; integer arithmetic, no per-element conversion)."""
    d = np.asarray(days, dtype=float)
    ok = np.isfinite(d)
    out = np.full(d.shape, np.iinfo(np.int64).min, dtype=np.int64)  # NaT
    out[ok] = np.int64(as_of.normalize().value) + np.floor(d[ok]).astype(np.int64) * _NS_PER_DAY
    return out.view("datetime64[ns]")


@dataclass(frozen=True)
class PlanStages:
    """The stages of one scenario's plan before risk: routing, timing, availability, unit money, quantities (before the
    cash ceiling). Read-only once built: the plan, the season, the emergency pool and the stress test share them."""

    rt: Routing
    tm: Timing
    av: Availability
    um: UnitMoney
    qt: Quantities


#: The stages a focus lever cannot change (what each stage reads of the scenario: route the mix and freight modes,
#: timing the lead-time case and buffer days, availability the demand levers, cover days and lead-time case, money
#: FX, shocks, disposal and cover days, quantities the service level and ordering policy); a sensitivity sweep over the
#: lever takes them from the scenario's own plan. ``tests/plan/test_sensitivity_reuse.py`` checks every lever's sweep
#: against plans computed from scratch.
_SWEEP_KEEPS: dict[str, tuple[str, ...]] = {
    "service_level_pct": ("rt", "tm", "av", "um"),
    "presale_conversion_pct": ("rt", "tm", "um"),
    "deposit_conversion_pct": ("rt", "tm", "um"),
    "uplift_multiplier": ("rt", "tm", "um"),
    "cover_days": ("rt", "tm"),
    "buffer_days": ("rt",),
    "deposit_pct": ("rt", "tm", "av", "um", "qt"),
    "settlement_days": ("rt", "tm", "av", "um", "qt"),
}


def _build_stages(inputs: PlanInputs, scenario: Scenario, base: PlanStages | None = None,
                  keep: tuple[str, ...] = (), *, routing: Routing | None = None) -> PlanStages:
    """Run the stages for ``scenario``, taking those named in ``keep`` from ``base`` (a scenario that differs only in
    levers those stages do not read); ``routing`` replaces the mix's routing."""
    rt = routing if routing is not None else base.rt if "rt" in keep else route(inputs, scenario)
    tm = base.tm if "tm" in keep else timing(inputs, scenario, rt)
    av = base.av if "av" in keep else availability(inputs, scenario, rt, tm)
    um = base.um if "um" in keep else money(inputs, scenario, rt, tm, av)
    qt = base.qt if "qt" in keep else quantities(inputs, scenario, rt, tm, av, um)
    return freeze_arrays(PlanStages(rt, tm, av, um, qt))


def plan_stages(inputs: PlanInputs, scenario: Scenario) -> PlanStages:
    """The stages of ``scenario``'s plan, computed once per scenario and kept in ``inputs.memo``."""
    return inputs.memo.get("stages", scenario, lambda: _build_stages(inputs, scenario))


def plan_with_shares(inputs: PlanInputs, scenario: Scenario, share_all: np.ndarray, *,
                     frames: bool = True) -> PlanResult:
    """The plan of ``scenario`` with each line's demand share set to ``share_all`` (one value per line of ``inputs``;
    a series' shares should sum to what the mix gives it) instead of the mix's: a per-SKU routing the market-level mix
    cannot express, e.g. the units an FBT quota refuses sent, with their demand, to a 3PL warehouse. Everything else
    (schedule, money, quantities, risk, cash) is the scenario's, computed by the same stages. Not kept in the memo."""
    share_all = np.asarray(share_all, dtype=float)
    if share_all.shape != (inputs.n_lines,) or not np.all(np.isfinite(share_all)) or (share_all < 0).any():
        raise ValueError(f"share_all must hold {inputs.n_lines} finite shares >= 0, one per line of the inputs")
    line = inputs.line
    a = np.flatnonzero((share_all > 0) | (line.position_units > 0))
    rt = dc_replace(route(inputs, scenario), active=a, series=line.series[a], warehouse=line.warehouse[a],
                    sku=line.sku[a], share=share_all[a], in_region=line.in_region[a], share_all=share_all)
    return plan_from_stages(inputs, scenario, _build_stages(inputs, scenario, routing=rt), frames=frames)


def compute_plan(inputs: PlanInputs, scenario: Scenario, *, frames: bool = True) -> PlanResult:
    """:func:`plan_from_stages` of :func:`plan_stages`, kept per scenario in ``inputs.memo`` (a rerun that moves no
    lever, or a sweep point seen before, costs nothing). The result is shared: never mutate its frames or totals."""
    if frames:
        return inputs.memo.get("plan", scenario, lambda: plan_from_stages(inputs, scenario, plan_stages(inputs, scenario)))
    return inputs.memo.get("totals", scenario,
                           lambda: plan_from_stages(inputs, scenario, plan_stages(inputs, scenario), frames=False))


def plan_from_stages(inputs: PlanInputs, scenario: Scenario, stages: PlanStages, *, frames: bool = True) -> PlanResult:
    """Apply a scenario to plan inputs: quantities, risk, cost and cash (vectorised, milliseconds).

    ``frames=False`` computes the totals only (the sensitivity sweep). ``totals`` keys: ``currency``, ``units``,
    ``purchase_value``, ``total_landed_cost``, ``freight_cost``, ``duty_cost``, ``transfer_cost``, ``demand_mean``,
    ``expected_stockout_units``, ``lost_margin``, ``fill_rate``, ``expected_leftover_units``, ``leftover_cost``
    (``money.leftover_cost`` of each line's expected leftover: holding and capital for the units that sell within
    ``max_months_to_sell`` after the campaign, write-off for the rest and for a discontinued SKU's),
    ``leftover_write_off``, ``peak_cash``, ``peak_cash_week``, ``cash_trough`` (the net cash position's most
    negative point, <= 0) and ``cash_trough_week``, ``ceiling_trimmed_units`` (units cut to respect the cash
    ceiling), ``rounding_surplus_units``, ``skus_ordered``,
    ``late_lines``, ``concentrated_lines``, ``service_level_pct``; the MOQ's ``moq_added_units`` (units raised to an
    MOQ), ``moq_skipped_units`` (the need of SKUs skipped below their MOQ), ``case_pack_added_units``, ``moq_leftover_units`` / ``moq_leftover_cost`` (same cost basis as ``leftover_cost``),
    ``skus_below_moq``, ``skus_moq_skipped``; the headline ``expected_sold_units``, ``expected_revenue`` (net of
    output VAT), ``gross_profit`` (margin of the units sold minus the leftover cost), ``capital_tied_up`` (the new
    orders' peak cash plus ``stock_held_value``, the stock already held for the window at its landed cost),
    ``campaign_roi`` (gross profit / capital tied up), ``coverable_fill_rate`` (share of demand the plan could
    still cover if every line ordered today by its fastest mode); ``arrives_in_window_lines``,
    ``misses_window_lines``, ``negative_margin_lines``, ``forced_lines``, ``reserved_wait_lines`` (orders that land
    before the campaign but, reserved for it, sell from its first day, ``reserved_from_date``), ``campaign_stock_units`` (the units declared
    as campaign stock) and ``ordinary_units`` (the rest of ``units``: ordinary stock for the days before the
    campaign, shipped with the order), and with the frames the rescue figures
    ``rescue_lines``, ``rescue_units_saved``, ``rescue_extra_cost`` (None / NaN without). Lines carry the same per
    line.
    """
    notices: list[str] = list(inputs.notes)
    rt, tm, av, um, qt = stages.rt, stages.tm, stages.av, stages.um, stages.qt
    notices += rt.notices
    rk = risk(inputs, scenario, rt, tm, av, um, qt, detail=frames)
    qt, rk, nc, trimmed, ceiling_notes = respect_ceiling(inputs, scenario, rt, tm, av, um, qt, rk, detail=frames)
    notices += ceiling_notes
    cw = cash(inputs, scenario, rt, tm, av, um, qt, rk)

    to_disp = 1.0 / scenario.effective_fx_cny_per_unit(scenario.display_currency)
    n_s, n_k = inputs.n_series, inputs.sku.moq_units.shape[0]
    ls, lk, lw = rt.series, rt.sku, rt.warehouse
    q = qt.order.qty_units
    ordered = q > 0
    wd = av.demand
    s_mean = wd.mean
    share_s = np.bincount(ls, weights=rt.share, minlength=n_s)
    unserved = np.clip(1.0 - share_s, 0.0, 1.0)
    unserved_lost = unserved * s_mean
    lost_margin = rk.expected_lost * um.underage
    leftover_cost, gone = money_leftover_cost(um, rk.expected_leftover)
    write_off = gone * np.maximum(um.sunk - um.salvage, 0.0)
    moq_left_cost = leftover_cost - money_leftover_cost(um, rk.expected_leftover - rk.moq_leftover)[0]
    revenue = rk.expected_sold * um.price_net
    profit = rk.expected_sold * um.margin - leftover_cost
    # lost margin of unserved demand: the series' best line margin, else price - purchase
    best = np.full(n_s, -np.inf)
    np.maximum.at(best, ls, um.underage)
    k_s = inputs.s_sku
    L = inputs.landed
    fx = fx_vector(inputs, scenario)
    gross = (np.nan_to_num(L.price_native[k_s, 0] * np.append(fx, np.nan)[L.price_ccy[k_s, 0]])
             - np.nan_to_num(L.purchase_native[k_s] * np.append(fx, np.nan)[L.purchase_ccy[k_s]]))
    unserved_margin = np.where(np.isfinite(best), best, np.maximum(gross, 0.0))

    is_key, _frac, conc = concentration(inputs, lk, rk.arrived_units,
                                        key_sku_count=scenario.key_sku_count,
                                        redundancy_limit_pct=scenario.redundancy_limit_pct)
    has_demand = av.demand_mean > 0
    in_window = np.isfinite(tm.order_day) & (tm.order_day > 0) & np.isfinite(av.tranches.order_day)
    misses = has_demand & ~av.tranches.order_lands & ~rt.lane_missing[lw]
    late_po = tm.chosen.is_late & has_demand & (ordered | misses)
    neg_flag = qt.negative_margin & has_demand
    waits = tm.waits_for_campaign & has_demand & ordered
    ordinary = qt.ordinary_of(q)  # of the order: ordinary stock for the days before the campaign
    flags = (np.where(late_po, 1, 0) | np.where(conc, 2, 0) | np.where(~rt.in_region & (rt.share > 0), 4, 0)
             | np.where(rt.lane_missing[lw] & has_demand, 8, 0) | np.where(qt.order.moq_applied, 32, 0)
             | np.where(av.in_window_units + av.after_window_units > 0, 64, 0) | np.where(is_key, 128, 0)
             | np.where(in_window & has_demand & (ordered | (qt.need > 0)), 256, 0) | np.where(misses, 512, 0)
             | np.where(neg_flag, 1024, 0) | np.where(neg_flag & qt.forced & ordered, 2048, 0)
             | np.where(qt.order.moq_skipped, 4096, 0) | np.where(rk.rescue_mode >= 0, 8192, 0)
             | np.where(waits, 16384, 0))

    tot_demand = float(s_mean.sum())
    stockout = float(rk.expected_lost.sum() + unserved_lost.sum())
    coverable_lost = float(rk.coverable_lost.sum() + unserved_lost.sum())
    gross_profit = float(profit.sum() * to_disp)
    peak = float(cw.peak_cny * to_disp)
    # capital the campaign ties up: the new orders' cash at its peak plus the stock already held for the window (at
    # what a unit costs to land today), so the ROI counts the stock the profit is made on
    held_value = float(((av.start_units + av.in_window_units) * um.sunk).sum() * to_disp)
    capital = peak + held_value
    totals: dict[str, Any] = {
        "currency": scenario.display_currency,
        "units": float(q.sum()),
        "purchase_value": float((um.purchase * q).sum() * to_disp),
        "total_landed_cost": float((um.landed * q).sum() * to_disp),
        "freight_cost": float((um.freight * q).sum() * to_disp),
        "duty_cost": float((um.duty * q).sum() * to_disp),
        "transfer_cost": float((um.transfer * q).sum() * to_disp),
        "demand_mean": tot_demand,
        "expected_stockout_units": stockout,
        "lost_margin": float((lost_margin.sum() + (unserved_lost * unserved_margin).sum()) * to_disp),
        "expected_leftover_units": float(rk.expected_leftover.sum()),
        "leftover_cost": float(leftover_cost.sum() * to_disp),
        "leftover_write_off": float(write_off.sum() * to_disp),
        "peak_cash": peak,
        "peak_cash_week": cw.peak_week,
        "cash_trough": float(nc.trough_cny * to_disp),
        "cash_trough_week": nc.trough_week,
        "ceiling_trimmed_units": float(trimmed.sum()),
        "rounding_surplus_units": float(qt.order.surplus_units.sum()),
        "moq_added_units": float(np.maximum(qt.order.moq_added_units, 0.0).sum()),  # raised to the MOQ
        "moq_skipped_units": float(-np.minimum(qt.order.moq_added_units, 0.0).sum()),  # need of skipped SKUs
        "case_pack_added_units": float(qt.order.case_pack_added_units.sum()),
        "moq_leftover_units": float(rk.moq_leftover.sum()),
        "moq_leftover_cost": float(moq_left_cost.sum() * to_disp),
        "skus_below_moq": int(np.count_nonzero(np.bincount(lk, weights=qt.order.below_moq.astype(float), minlength=n_k))),
        "skus_moq_skipped": int(np.count_nonzero(np.bincount(lk, weights=qt.order.moq_skipped.astype(float),
                                                             minlength=n_k))),
        "skus_ordered": int(np.count_nonzero(np.bincount(lk, weights=q, minlength=n_k))),
        "late_lines": int(np.count_nonzero(flags & 1)),
        "concentrated_lines": int(np.count_nonzero(conc)),
        "service_level_pct": scenario.service_level_pct,
        "fill_rate": float(1.0 - stockout / tot_demand) if tot_demand > 0 else 1.0,
        "coverable_fill_rate": float(1.0 - coverable_lost / tot_demand) if tot_demand > 0 else 1.0,
        "expected_sold_units": float(rk.expected_sold.sum()),
        "expected_revenue": float(revenue.sum() * to_disp),
        "gross_profit": gross_profit,
        "capital_tied_up": capital,
        "stock_held_value": held_value,
        "campaign_roi": gross_profit / capital if capital > 0 else float("nan"),
        "arrives_in_window_lines": int(np.count_nonzero(flags & 256)),
        "misses_window_lines": int(np.count_nonzero(flags & 512)),
        "negative_margin_lines": int(np.count_nonzero(flags & 1024)),
        "forced_lines": int(np.count_nonzero(flags & 2048)),
        "reserved_wait_lines": int(np.count_nonzero(waits)),
        # the day reserved campaign stock may sell from (the campaign's first day; None without a reservation)
        "reserved_from_date": (inputs.as_of.normalize() + pd.Timedelta(days=int(tm.reserve_day + inputs.day0))
                               if tm.reserve_day > 0 else None),
        "ordinary_units": float(ordinary.sum()),
        "campaign_stock_units": float((q - ordinary).sum()),
        "rescue_lines": int(np.count_nonzero(rk.rescue_mode >= 0)) if frames else None,
        "rescue_units_saved": float(rk.rescue_units_saved.sum()) if frames else float("nan"),
        "rescue_extra_cost": float(rk.rescue_extra_cost_cny.sum() * to_disp) if frames else float("nan"),
    }
    errors = rt.errors
    if not frames:
        empty = pd.DataFrame()  # totals only: no frames (one empty frame, building one costs ~0.2 ms)
        return PlanResult(scenario, scenario.display_currency, empty, empty, empty, empty, totals, tuple(notices),
                          tuple(errors))
    return _frames(inputs, scenario, rt, tm, av, um, qt, rk, cw, totals, flags, notices, errors, to_disp,
                   unserved, unserved_lost, nc, trimmed)


def _frames(inputs: PlanInputs, scenario: Scenario, rt: Routing, tm: Timing, av: Availability, um: UnitMoney,
            qt: Quantities, rk: Risk, cw: CashResult, totals: dict[str, Any], flags: np.ndarray, notices: list[str],
            errors: tuple[str, ...], to_disp: float, unserved: np.ndarray, unserved_lost: np.ndarray,
            nc: NetCashResult, trimmed: np.ndarray) -> PlanResult:
    """The result frames: lines, by SKU x market, by warehouse, cash by week."""
    left_cost, left_gone = money_leftover_cost(um, rk.expected_leftover)  # the whole leftover of each line, priced
    a, ls, lk, lw = rt.active, rt.series, rt.sku, rt.warehouse
    n_s, n_a = inputs.n_series, a.size
    wd = av.demand
    q = qt.order.qty_units
    cur = scenario.display_currency
    mode_names = np.array(FREIGHT_MODES, dtype=object)
    lf = inputs.lines
    names = inputs.skus["name"].to_numpy()
    alpha = scenario.service_level_pct / 100.0
    lq = law_quantiles(av.law, (0.1, 0.5, 0.9, alpha))
    q10, q50, q90 = (lq[:, j] + av.known_units for j in range(3))
    sd = tm.chosen
    d0 = inputs.day0
    sellable_from = np.where(av.tranches.order_lands, np.maximum(tm.sell_day, 0.0) + d0, np.nan)
    cover = np.where(av.tranches.order_lands,
                     1.0 - wd.baseline_before(ls, np.maximum(np.nan_to_num(tm.cover_day, nan=0.0), 0.0)), 0.0)
    rescue_names = np.where(rk.rescue_mode >= 0, mode_names[np.maximum(rk.rescue_mode, 0)], None)
    ordinary = qt.ordinary_of(q)
    lines = pd.DataFrame({
        "sku": lf["sku"].to_numpy()[a],
        "name": names[lk],
        "region": lf["region"].to_numpy()[a],
        "warehouse_id": lf["warehouse_id"].to_numpy()[a],
        "fulfilment_mode": lf["fulfilment_mode"].to_numpy()[a],
        "freight_mode": mode_names[rt.mode_by_warehouse[lw]],
        "share_pct": rt.share * 100.0,
        "on_hand_today_units": inputs.line.on_hand_now_units[a],
        "on_hand_units": inputs.line.on_hand_start_units[a],
        "in_transit_covered_units": av.start_units - inputs.line.on_hand_start_units[a],
        "demand_mean": av.demand_mean,
        "demand_p10": q10, "demand_p50": q50, "demand_p90": q90,
        "service_level_pct": np.full(n_a, scenario.service_level_pct),
        "critical_ratio": qt.critical_ratio,
        "qty_before_rounding": qt.need,
        "qty_after_rounding": q,
        "rounding_surplus": qt.order.surplus_units,
        "below_moq": qt.order.below_moq,
        "moq_added_units": qt.order.moq_added_units,
        "case_pack_added_units": qt.order.case_pack_added_units,
        "moq_leftover_units": rk.moq_leftover,
        "moq_leftover_cost": (left_cost - money_leftover_cost(um, rk.expected_leftover - rk.moq_leftover)[0]) * to_disp,
        "newsvendor_qty": qt.newsvendor_need,
        "safety_stock": lq[:, 3] - av.law.mean,
        "stockout_prob": rk.stockout_prob,
        "expected_lost_units": rk.expected_lost,
        "lost_margin": rk.expected_lost * um.underage * to_disp,
        "expected_leftover_units": rk.expected_leftover,
        "leftover_written_off_units": left_gone,
        "leftover_cost": left_cost * to_disp,
        "fill_rate": rk.fill_rate,
        "landed_cost_per_unit": um.landed * to_disp,
        "total_landed_cost": um.landed * q * to_disp,
        "purchase_value": um.purchase * q * to_disp,
        "freight_cost": um.freight * q * to_disp,
        "duty_cost": um.duty * q * to_disp,
        "transfer_cost": um.transfer * q * to_disp,
        "unit_margin": um.margin * to_disp,
        "po_date": _dates(inputs.as_of, sd.latest_po),
        "ship_by_date": _dates(inputs.as_of, sd.ship_by),
        "arrival_date": _dates(inputs.as_of, sd.available_by),
        "flags": _flag_names(flags),
        "currency": cur,
        "in_transit_in_window_units": av.in_window_units,
        "available_units": av.start_units + av.in_window_units,
        "presale_units": rt.share * wd.presale_units[ls],
        "creator_units": rt.share * wd.creator_units[ls],
        "departure_date": _dates(inputs.as_of, sd.departure),
        "warehouse_arrival_date": _dates(inputs.as_of, sd.warehouse_arrival),
        "sellable_date": _dates(inputs.as_of, sd.sellable),
        "sellable_from_date": _dates(inputs.as_of, sellable_from),
        "order_cover_pct": cover * 100.0,
        "rescue_mode": rescue_names,
        "rescue_sellable_date": _dates(inputs.as_of, rk.rescue_day + d0),
        "rescue_qty": rk.rescue_qty,
        "rescue_extra_cost": rk.rescue_extra_cost_cny * to_disp,
        "rescue_units_saved": rk.rescue_units_saved,
        "price": um.price * to_disp,
        "price_net": um.price_net * to_disp,
        "overage_cost_per_unit": um.overage * to_disp,
        "expected_sold_units": rk.expected_sold,
        "expected_revenue": rk.expected_sold * um.price_net * to_disp,
        "expected_profit": (rk.expected_sold * um.margin - left_cost) * to_disp,
        "stranded_units": rk.stranded_units,
        "ceiling_trimmed_units": trimmed,
        "ordinary_units": ordinary,
        "campaign_stock_units": q - ordinary,
    }, copy=False)
    sq = law_quantiles(wd.baseline, (0.1, 0.5, 0.9))
    s_q10, s_q50, s_q90 = (sq[:, j] + wd.known_units for j in range(3))
    unserved_rows = np.flatnonzero((unserved > 1e-9) & (wd.mean > 0))
    if unserved_rows.size:
        u = unserved_rows
        un = pd.DataFrame({
            "sku": inputs.series["sku"].to_numpy()[u], "name": names[inputs.s_sku[u]],
            "region": inputs.series["region"].to_numpy()[u], "warehouse_id": _UNSERVED_WAREHOUSE,
            "share_pct": unserved[u] * 100.0, "demand_mean": unserved[u] * wd.mean[u],
            "demand_p10": unserved[u] * s_q10[u], "demand_p50": unserved[u] * s_q50[u],
            "demand_p90": unserved[u] * s_q90[u],
            "service_level_pct": scenario.service_level_pct,
            "stockout_prob": np.where(wd.known_units[u] > 0, 1.0, tail_prob(wd.baseline.take(u), np.zeros(u.size))),
            "expected_lost_units": unserved_lost[u], "fill_rate": 0.0,
            "flags": "no_warehouse", "currency": cur,
        })
        lines = pd.concat([lines, un], ignore_index=True)
        for c in LINE_COLUMNS:
            if c not in un.columns and lines[c].dtype.kind == "f":
                lines[c] = lines[c].fillna(0.0)
        lines["below_moq"] = lines["below_moq"].astype("boolean").fillna(False).astype(bool)
        notices.append(f"{u.size} SKU x market(s) have demand but no warehouse in the mix: shown as stockout "
                       f"(warehouse_id {_UNSERVED_WAREHOUSE!r})")
    if list(lines.columns) != list(LINE_COLUMNS):
        lines = lines[list(LINE_COLUMNS)]

    def per_s(x: np.ndarray) -> np.ndarray:
        return np.bincount(ls, weights=x, minlength=n_s)

    # P(any warehouse of the market runs out): 1 - prod(1 - p) over its lines (warehouses fail independently: an
    # upper bound for demand split from one market, exact for one warehouse)
    with np.errstate(divide="ignore"):
        log_ok = per_s(np.log1p(-np.clip(rk.stockout_prob, 0.0, 1.0)))
    unserved_p = np.where(unserved > 1e-12, np.where(wd.known_units > 0, 1.0,
                                                     tail_prob(wd.baseline, np.zeros(n_s))), 0.0)
    s_prob = 1.0 - np.exp(log_ok) * (1.0 - unserved_p)
    lost_s = per_s(rk.expected_lost) + unserved_lost
    by_sku = pd.DataFrame({
        "sku": inputs.series["sku"].to_numpy(), "region": inputs.series["region"].to_numpy(),
        "name": names[inputs.s_sku], "demand_mean": wd.mean, "demand_p10": s_q10, "demand_p50": s_q50,
        "demand_p90": s_q90, "qty_after_rounding": per_s(q), "available_units": per_s(av.start_units + av.in_window_units),
        "stockout_prob": np.clip(s_prob, 0.0, 1.0), "expected_lost_units": lost_s,
        "fill_rate": np.where(wd.mean > 0, 1.0 - lost_s / np.where(wd.mean > 0, wd.mean, 1.0), 1.0),
        "expected_leftover_units": per_s(rk.expected_leftover),
        "total_landed_cost": per_s(um.landed * q) * to_disp,
        "is_key_sku": inputs.sku.revenue_rank[inputs.s_sku] < scenario.key_sku_count,
        "currency": cur,
    }, copy=False)

    n_w = inputs.n_warehouses

    def per_w(x: np.ndarray) -> np.ndarray:
        return np.bincount(lw, weights=x, minlength=n_w)

    d_w = per_w(av.demand_mean)
    lost_w = per_w(rk.expected_lost)
    w_ids = inputs.warehouses["warehouse_id"].to_numpy()
    ship_by_w = np.full(n_w, np.inf)
    np.minimum.at(ship_by_w, lw, np.nan_to_num(sd.ship_by, nan=np.inf))
    by_wh = pd.DataFrame({
        "warehouse_id": w_ids, "region": inputs.warehouses["region"].to_numpy(),
        "fulfilment_mode": inputs.warehouses["fulfilment_mode"].to_numpy(),
        "freight_mode": mode_names[rt.mode_by_warehouse],
        "skus": np.bincount(lw, weights=(q > 0).astype(float), minlength=n_w).astype(np.int64),
        "units": per_w(q), "on_hand_units": per_w(inputs.line.on_hand_start_units[a]),
        "in_transit_covered_units": per_w(av.start_units - inputs.line.on_hand_start_units[a]),
        "in_transit_in_window_units": per_w(av.in_window_units),
        "demand_mean": d_w,
        "stockout_prob": np.where(d_w > 0, per_w(rk.stockout_prob * av.demand_mean) / np.where(d_w > 0, d_w, 1.0), 0.0),
        "expected_lost_units": lost_w, "lost_margin": per_w(rk.expected_lost * um.underage) * to_disp,
        "fill_rate": np.where(d_w > 0, 1.0 - lost_w / np.where(d_w > 0, d_w, 1.0), 1.0),
        "expected_leftover_units": per_w(rk.expected_leftover),
        "leftover_cost": per_w(left_cost) * to_disp,
        "stranded_units": per_w(rk.stranded_units),
        "stranded_cost": per_w(left_cost - money_leftover_cost(um, rk.expected_leftover - rk.stranded_units)[0]) * to_disp,
        "purchase_value": per_w(um.purchase * q) * to_disp, "total_landed_cost": per_w(um.landed * q) * to_disp,
        "ship_by_date": _dates(inputs.as_of, np.where(np.isfinite(ship_by_w), ship_by_w, np.nan)),
        "no_lane": rt.lane_missing,
        "currency": cur,
    })
    cwf = cw.frame
    cash_frame = pd.DataFrame({
        "week_start": cwf["week_start"], "paid": cwf["paid_cny"] * to_disp, "released": cwf["released_cny"] * to_disp,
        "tied_up": cwf["tied_up_cny"] * to_disp, "currency": cur,
    })
    ncf = nc.frame
    net_frame = pd.DataFrame({
        "week_start": ncf["week_start"], "paid_out": ncf["paid_out_cny"] * to_disp,
        "received": ncf["received_cny"] * to_disp, "net": ncf["net_cny"] * to_disp,
        "position": ncf["position_cny"] * to_disp, "currency": cur,
    })
    return PlanResult(scenario, cur, lines, by_sku, by_wh, cash_frame, totals, tuple(notices), tuple(errors),
                      net_cash_by_week=net_frame)


#: Totals reported by :func:`sensitivity` (numeric ones).
_SENS_KEYS = ("units", "purchase_value", "total_landed_cost", "expected_stockout_units", "lost_margin", "fill_rate",
              "expected_leftover_units", "leftover_cost", "leftover_write_off", "peak_cash", "demand_mean",
              "gross_profit", "expected_revenue", "coverable_fill_rate", "cash_trough")


def sensitivity(inputs: PlanInputs, scenario: Scenario, lever: str, values: list[float] | np.ndarray) -> pd.DataFrame:
    """Totals as one numeric lever moves (the what-if chart): one row per value.

    Columns: ``lever``, ``value``, the totals of :data:`_SENS_KEYS` (``units``, ``purchase_value``,
    ``total_landed_cost``, ``expected_stockout_units``, ``lost_margin``, ``fill_rate``, ``expected_leftover_units``,
    ``leftover_cost``, ``leftover_write_off``, ``peak_cash``, ``demand_mean``, ``gross_profit``,
    ``expected_revenue``, ``coverable_fill_rate``, ``cash_trough``), ``currency``, ``is_current`` (the scenario's own value).
    Values outside the lever's range are skipped.
    """
    if lever not in FOCUS_LEVERS:
        raise ValueError(f"lever must be one of {', '.join(FOCUS_LEVERS)} (got {lever!r}); pick a numeric lever")
    spec = LEVERS[lever]
    keep = _SWEEP_KEEPS.get(lever, ())
    base = plan_stages(inputs, scenario) if keep else None
    rows = []
    for v in values:
        v = float(v)
        if spec.kind == "int":
            v = int(round(v))
        try:
            s = scenario.replace(**{lever: v})
        except ValueError:
            continue
        t = inputs.memo.get("totals", s, lambda s=s: plan_from_stages(
            inputs, s, _build_stages(inputs, s, base, keep), frames=False)).totals
        rows.append({"lever": lever, "value": v, **{k: t[k] for k in _SENS_KEYS}, "currency": t["currency"],
                     "is_current": v == getattr(scenario, lever)})
    return pd.DataFrame(rows, columns=["lever", "value", *_SENS_KEYS, "currency", "is_current"])
