"""The plan engine: a Scenario applied to PlanInputs, vectorised numpy only (the slider hot path).

``compute_plan(inputs, scenario)`` runs, for every SKU x warehouse line at once:

1. demand grid per SKU x market for the levers (uplift, cover days, presale and deposit conversion);
2. mix: the share of each market's demand routed to each warehouse;
3. quantities: service-level target ``w F^-1(alpha)`` minus available stock (on hand + in transit arriving
   by the window start), the newsvendor optimum ``w F^-1(cu / (cu + co))`` beside it, safety stock, and
   MOQ / case-pack rounding;
4. costs in CNY with the scenario's FX and freight modes: landed cost per unit (purchase + first leg with
   the rush surcharge for the departure date + duty + inbound + cross-region transfer), margin, holding
   and disposal;
5. risk integrated over the grid (stockout probability, lost units and margin, fill rate, leftover units
   and their cost);
6. cash tied up by week from the backward schedule.

Money in the result is in the scenario's display currency (column / key ``currency``).

``landed_cost_per_unit`` is ``cost.landed``'s ``total_landed`` (purchase, first leg + rush, duty, import VAT,
inbound, storage, last mile, fulfilment, commission, returns) plus any cross-region transfer, so the plan and
the cost view agree; ``unit_margin`` is the price minus it. The newsvendor costs are
``cu = max(unit_margin, 0)`` (the margin lost on a unit short) and
``co = purchase + freight + duty + VAT + inbound + transfer + hold months x storage + disposal - salvage``
(what a unit left over has cost, net of what the chosen disposal recovers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from linkstar_analytics.cost.landed import landed_from_arrays
from linkstar_analytics.plan.cash import cash_by_week
from linkstar_analytics.plan.demand import demand_grid
from linkstar_analytics.plan.inputs import MAX_COVER_DAYS, PlanInputs
from linkstar_analytics.plan.mix import concentration, line_shares, unknown_mix_warehouses
from linkstar_analytics.plan.quantities import critical_ratio, net_need, round_to_moq_and_case_pack
from linkstar_analytics.plan.risk import GridIndex, line_risk, stockout_prob_at
from linkstar_analytics.plan.scenario import FOCUS_LEVERS, LEVERS, Scenario
from linkstar_analytics.schemas import FREIGHT_MODES

__all__ = ["FLAGS", "LINE_COLUMNS", "PlanResult", "compute_plan", "sensitivity"]

#: Line flags (bit, name, meaning). ``lines.flags`` joins the names with ';'.
FLAGS: tuple[tuple[int, str, str], ...] = (
    (1, "late_po", "the latest PO date for the cutoff has passed: the order can not arrive in time"),
    (2, "concentrated", "key SKU with more than the redundancy limit of its stock in this warehouse"),
    (4, "cross_region", "this warehouse serves another market: units need a cross-region transfer"),
    (8, "no_lane", "no freight lane for the chosen mode: another mode (or none) was used"),
    (16, "no_warehouse", "the market has no warehouse in the mix: its demand is unserved"),
    (32, "moq_raised", "the SKU's need was below its MOQ and was raised to it"),
    (64, "transit_after_cutoff", "units in transit arrive after the cutoff and are not counted"),
    (128, "key_sku", "top-N SKU by revenue"),
)

#: Columns of ``PlanResult.lines``, in order (money in ``currency``).
LINE_COLUMNS: tuple[str, ...] = (
    "sku", "name", "region", "warehouse_id", "fulfilment_mode", "freight_mode", "share_pct",
    "on_hand_today_units", "on_hand_units", "in_transit_covered_units", "demand_mean", "demand_p10", "demand_p50", "demand_p90",
    "service_level_pct", "critical_ratio", "qty_before_rounding", "qty_after_rounding", "rounding_surplus",
    "below_moq", "moq_added_units", "case_pack_added_units", "moq_leftover_units", "moq_leftover_cost",
    "newsvendor_qty", "safety_stock", "stockout_prob", "expected_lost_units", "lost_margin",
    "expected_leftover_units", "leftover_cost", "fill_rate", "landed_cost_per_unit", "total_landed_cost",
    "purchase_value", "freight_cost", "duty_cost", "transfer_cost", "unit_margin", "po_date", "ship_by_date",
    "arrival_date", "flags", "currency",
)

_UNSERVED_WAREHOUSE = "(none)"


@lru_cache(maxsize=1)
def _flag_names() -> np.ndarray:
    names = []
    for mask in range(256):
        names.append(";".join(n for bit, n, _ in FLAGS if mask & bit))
    return np.array(names, dtype=object)


@dataclass(frozen=True, eq=False)
class PlanResult:
    """The plan for one scenario.

    Attributes
    ----------
    lines : one row per SKU x warehouse that has a share, stock or an order (:data:`LINE_COLUMNS`), plus one
        ``warehouse_id == "(none)"`` row per SKU x market whose demand has no warehouse.
    by_sku : one row per SKU x market: units, demand, P(any warehouse runs out), lost units, fill rate.
    by_warehouse : one row per warehouse: units, money, risk.
    cash_by_week : ``week_start, paid, released, tied_up`` in ``currency``.
    totals : headline figures (see :func:`compute_plan`).
    notices : readable remarks (unknown warehouses in the mix, missing lanes, forecast gaps...).
    """

    scenario: Scenario
    currency: str
    lines: pd.DataFrame
    by_sku: pd.DataFrame
    by_warehouse: pd.DataFrame
    cash_by_week: pd.DataFrame
    totals: dict[str, Any]
    notices: tuple[str, ...] = field(default=())


def _fx_vector(inputs: PlanInputs, scenario: Scenario) -> np.ndarray:
    return np.array([scenario.fx_cny_per_unit(c) for c in inputs.currencies], dtype=float)


def compute_plan(inputs: PlanInputs, scenario: Scenario, *, _frames: bool = True) -> PlanResult:
    """Apply a scenario to plan inputs: quantities, risk, cost and cash (vectorised, milliseconds).

    ``totals`` keys: ``currency``, ``units``, ``purchase_value``, ``total_landed_cost``, ``freight_cost``,
    ``duty_cost``, ``transfer_cost``, ``demand_mean``, ``expected_stockout_units``, ``lost_margin``,
    ``fill_rate``, ``expected_leftover_units``, ``leftover_cost``, ``leftover_write_off``, ``peak_cash``,
    ``peak_cash_week``, ``rounding_surplus_units``, ``skus_ordered``, ``late_lines``, ``concentrated_lines``,
    ``service_level_pct``, and the MOQ figures ``moq_added_units`` (units the MOQ policy added; negative when
    ``skip`` drops orders), ``case_pack_added_units``, ``moq_leftover_units`` / ``moq_leftover_cost`` (the
    expected leftover the MOQ policy adds over the case-pack-only order, at the overage cost: write-off of the
    landed cost net of salvage + holding + disposal) and ``skus_below_moq``. Lines carry the same per line.
    """
    n_s, n_w, n_l = inputs.n_series, len(inputs.warehouses), inputs.n_lines
    n_k = inputs.k_moq.shape[0]
    notices: list[str] = list(inputs.notes)
    fx = _fx_vector(inputs, scenario)
    to_disp = 1.0 / scenario.fx_cny_per_unit(scenario.display_currency)
    case = 1 if scenario.lead_time_case == "pessimistic" else 0
    cover = int(min(scenario.cover_days, MAX_COVER_DAYS))

    # on_hand_units is the stock projected to the window start (today's stock minus expected sales until
    # the inbound cutoff, PlanParams.consume_stock_before_window); on_hand_today_units is today's.

    # 1. demand ------------------------------------------------------------------------------
    dg = demand_grid(inputs, uplift_multiplier=scenario.uplift_multiplier, cover_days=cover,
                     presale_conversion_pct=scenario.presale_conversion_pct,
                     deposit_conversion_pct=scenario.deposit_conversion_pct)
    idx = GridIndex(dg.grid)
    k = idx.k
    s_mean = idx.total / k
    alpha = scenario.service_level_pct / 100.0

    # 2. mix ---------------------------------------------------------------------------------
    share_all = line_shares(inputs, scenario.warehouse_mix)
    missing_wh = unknown_mix_warehouses(inputs, scenario.warehouse_mix)
    if missing_wh:
        notices.append(f"warehouse_mix names warehouse(s) not in the data, ignored: {', '.join(missing_wh)}")
    cutoff_day = int((inputs.inbound_cutoff - inputs.as_of).days)
    on_time = inputs.sh_eta_day + case * inputs.sh_slip_days <= cutoff_day - scenario.buffer_days
    transit_all = np.bincount(inputs.sh_line[on_time], weights=inputs.sh_units[on_time], minlength=n_l)
    late_all = np.bincount(inputs.sh_line[~on_time], weights=inputs.sh_units[~on_time], minlength=n_l)
    avail_all = inputs.l_on_hand + transit_all
    # only lines with a share or stock take part (most series x warehouse pairs of other markets do not)
    a = np.flatnonzero((share_all > 0) | (avail_all > 0) | (late_all > 0))
    n_a = a.size
    ls, lw, lk = inputs.l_series[a], inputs.l_wh[a], inputs.l_sku[a]
    share, avail = share_all[a], avail_all[a]
    in_region = inputs.l_in_region[a]

    # freight mode per warehouse (fallback to the first mode with a lane)
    w_ids = inputs.warehouses["warehouse_id"].to_numpy()
    # unlisted warehouses use the first mode they offer (sea, air, express: cheapest first), as the cost
    # views do; only a mode chosen in the scenario that has no lane is flagged ``no_lane``
    first_ok = np.argmax(inputs.w_lane_ok, axis=1)
    any_ok = inputs.w_lane_ok.any(axis=1)
    listed = np.array([w in scenario.freight_mode for w in w_ids], dtype=bool)
    want = np.array([FREIGHT_MODES.index(scenario.freight_mode[w]) if w in scenario.freight_mode else 0
                     for w in w_ids], dtype=np.int64)
    want = np.where(listed, want, np.where(any_ok, first_ok, 0))
    ok_want = inputs.w_lane_ok[np.arange(n_w), want]
    w_mode = np.where(ok_want, want, np.where(any_ok, first_ok, want))
    w_no_lane = ~ok_want
    l_mode = w_mode[lw]

    # 3. schedule (days from as_of) and costs in CNY per unit -----------------------------------
    camp_day = int((inputs.campaign_start - inputs.as_of).days)
    sellable = cutoff_day - scenario.buffer_days
    port_w = sellable - inputs.w_receiving_days[:, case] - inputs.w_customs_days[:, case]
    transit_w = np.nan_to_num(inputs.w_transit_days[np.arange(n_w), w_mode, case])
    depart_w = port_w - transit_w
    po_l = depart_w[lw] - inputs.w_consolidation_days[lw, case] - inputs.k_production_days[lk]
    depart_l = depart_w[lw]
    port_l = port_w[lw]

    end_month = (inputs.campaign_end + pd.Timedelta(days=cover)).month
    peak = end_month in inputs.peak_months
    c = _unit_costs(inputs, scenario, fx, a, lk, lw, l_mode, w_mode, in_region,
                    days_departure_to_campaign=camp_day - depart_w, dwell_days=max(camp_day - sellable, 0) + 0.5 * (
                        (inputs.campaign_end - inputs.campaign_start).days + 1), peak=peak)
    purchase, freight, duty, vat = c["purchase"], c["freight"], c["duty"], c["vat"]
    inbound, transfer, landed, margin = c["inbound"], c["transfer"], c["landed"], c["margin"]
    cu = np.maximum(margin, 0.0)
    hold = inputs.params.leftover_hold_months * c["storage_month"]
    disp_cost = c["disposal_" + scenario.disposal]
    # a returned unit keeps its purchase value [E]; liquidation recovery is already netted in its cost
    salvage = purchase if scenario.disposal == "return" else np.zeros(n_a)
    sunk = purchase + freight + duty + vat + inbound + transfer
    co = np.maximum(sunk + hold + disp_cost - salvage, 0.0)
    cr = critical_ratio(underage_cost=cu, overage_cost=co)

    # 4. quantities -----------------------------------------------------------------------------
    q_alpha = _row_quantile(dg.grid, np.arange(n_s), np.full(n_s, alpha))
    target = share * q_alpha[ls]
    need = net_need(target_units=target, available_units=avail)
    nv = net_need(target_units=share * _row_quantile(dg.grid, ls, cr), available_units=avail)
    safety = share * (q_alpha[ls] - s_mean[ls])
    rnd = round_to_moq_and_case_pack(need_units=need, line_sku=lk, n_skus=n_k, moq_units=inputs.k_moq,
                                     case_pack_units=inputs.k_case_pack, moq_policy=scenario.moq_policy)
    q = rnd.qty_units
    stock = avail + q

    # 5. risk ----------------------------------------------------------------------------------------
    rk = line_risk(idx, ls, share, stock, s_mean)
    lost_margin = rk.expected_lost_units * cu
    leftover_cost = rk.expected_leftover_units * np.maximum(hold + disp_cost, 0.0)
    write_off = rk.expected_leftover_units * np.maximum(sunk - salvage, 0.0)
    # what the MOQ policy does to leftovers: expected leftover with the order against the case-pack-only
    # order (same grid, lines below the MOQ only), valued at the overage cost co (write-off + hold + disposal)
    moq_left = np.zeros(n_a)
    bm = np.flatnonzero(rnd.below_moq)
    if bm.size:
        rk0 = line_risk(idx, ls[bm], share[bm], avail[bm] + rnd.case_pack_qty_units[bm], s_mean)
        moq_left[bm] = rk.expected_leftover_units[bm] - rk0.expected_leftover_units
    moq_left_cost = moq_left * co
    share_s = np.bincount(ls, weights=share, minlength=n_s)
    unserved = np.clip(1.0 - share_s, 0.0, 1.0)
    unserved_lost = unserved * s_mean
    # SKU x market: P(any of its warehouses runs out) = P(D > min_l S_l / w_l)
    thr_all = np.full(n_l, np.inf)
    thr_all[a] = np.where(share > 0, stock / np.where(share > 0, share, 1.0), np.inf)
    thr = thr_all.reshape(n_s, n_w).min(axis=1)
    thr = np.where(unserved > 1e-12, 0.0, thr)
    s_prob = stockout_prob_at(idx, np.arange(n_s), thr)

    # concentration of key SKUs over their stock position
    is_key, pos_frac, conc = concentration(inputs, lk, stock, key_sku_count=scenario.key_sku_count,
                                           redundancy_limit_pct=scenario.redundancy_limit_pct)

    # 6. cash -----------------------------------------------------------------------------------------
    ordered = q > 0
    sold_frac = np.where(stock > 0, rk.expected_sold_units / np.where(stock > 0, stock, 1.0), 0.0)
    n_r = len(inputs.regions)
    release_r = np.bincount(inputs.s_region[ls], weights=q * sunk * np.minimum(sold_frac, 1.0),
                            minlength=n_r)
    camp_hi = int((inputs.campaign_end - inputs.window_start).days)
    n_win = camp_hi + cover + 1
    prof = inputs.prof_base[:, :n_win] + scenario.uplift_multiplier * inputs.prof_camp[:, :n_win]
    rs = prof.sum(axis=1, keepdims=True)
    prof = np.where(rs > 0, prof / np.where(rs > 0, rs, 1.0), 0.0)
    cash = cash_by_week(
        as_of=inputs.as_of,
        pay_days=(po_l[ordered], depart_l[ordered], port_l[ordered], np.full(int(ordered.sum()), sellable)),
        pay_amounts_cny=((purchase * q)[ordered], (freight * q)[ordered], ((duty + vat) * q)[ordered],
                         ((inbound + transfer) * q)[ordered]),
        release_by_region_cny=release_r, profile=prof, day0=inputs.day0,
    )

    # 7. flags ----------------------------------------------------------------------------------------
    flags = (np.where(ordered & (po_l < 0), 1, 0) | np.where(conc, 2, 0)
             | np.where(~in_region & (share > 0), 4, 0) | np.where(w_no_lane[lw] & ordered, 8, 0)
             | np.where(rnd.moq_applied, 32, 0)
             | np.where(late_all[a] > 0, 64, 0) | np.where(is_key, 128, 0))
    if np.any(w_no_lane & ~any_ok):
        bad = ", ".join(map(str, w_ids[w_no_lane & ~any_ok]))
        notices.append(f"no freight lane at all for warehouse(s) {bad}: their freight cost is 0; add freight_lanes rows")

    totals = {
        "currency": scenario.display_currency,
        "units": float(q.sum()),
        "purchase_value": float((purchase * q).sum() * to_disp),
        "total_landed_cost": float((landed * q).sum() * to_disp),
        "freight_cost": float((freight * q).sum() * to_disp),
        "duty_cost": float((duty * q).sum() * to_disp),
        "transfer_cost": float((transfer * q).sum() * to_disp),
        "demand_mean": float(s_mean.sum()),
        "expected_stockout_units": float(rk.expected_lost_units.sum() + unserved_lost.sum()),
        "lost_margin": float((lost_margin.sum() + (unserved_lost * _series_margin(inputs, fx, cu, a, n_s, n_w)).sum()) * to_disp),
        "expected_leftover_units": float(rk.expected_leftover_units.sum()),
        "leftover_cost": float(leftover_cost.sum() * to_disp),
        "leftover_write_off": float(write_off.sum() * to_disp),
        "peak_cash": float(cash.peak_cny * to_disp),
        "peak_cash_week": cash.peak_week,
        "rounding_surplus_units": float(rnd.surplus_units.sum()),
        "moq_added_units": float(rnd.moq_added_units.sum()),
        "case_pack_added_units": float(rnd.case_pack_added_units.sum()),
        "moq_leftover_units": float(moq_left.sum()),
        "moq_leftover_cost": float(moq_left_cost.sum() * to_disp),
        "skus_below_moq": int(np.count_nonzero(np.bincount(lk, weights=rnd.below_moq.astype(float), minlength=n_k))),
        "skus_ordered": int(np.count_nonzero(np.bincount(lk, weights=q, minlength=n_k))),
        "late_lines": int(np.count_nonzero(flags & 1)),
        "concentrated_lines": int(np.count_nonzero(conc)),
        "service_level_pct": scenario.service_level_pct,
    }
    tot_d = totals["demand_mean"]
    totals["fill_rate"] = float(1.0 - totals["expected_stockout_units"] / tot_d) if tot_d > 0 else 1.0

    if not _frames:
        return PlanResult(scenario, scenario.display_currency, pd.DataFrame(), pd.DataFrame(), pd.DataFrame(),
                          pd.DataFrame(), totals, tuple(notices))

    # 8. frames ---------------------------------------------------------------------------------------
    q10, q50, q90 = (_row_quantile(dg.grid, np.arange(n_s), np.full(n_s, p)) for p in (0.1, 0.5, 0.9))
    mode_names = np.array(FREIGHT_MODES, dtype=object)
    lf = inputs.lines
    names = inputs.skus["name"].to_numpy()
    lines = pd.DataFrame({
        "sku": lf["sku"].to_numpy()[a],
        "name": names[lk],
        "region": lf["region"].to_numpy()[a],
        "warehouse_id": lf["warehouse_id"].to_numpy()[a],
        "fulfilment_mode": lf["fulfilment_mode"].to_numpy()[a],
        "freight_mode": mode_names[l_mode],
        "share_pct": share * 100.0,
        "on_hand_today_units": inputs.l_on_hand_now[a],
        "on_hand_units": inputs.l_on_hand[a],
        "in_transit_covered_units": transit_all[a],
        "demand_mean": rk.demand_mean,
        "demand_p10": share * q10[ls],
        "demand_p50": share * q50[ls],
        "demand_p90": share * q90[ls],
        "service_level_pct": np.full(n_a, scenario.service_level_pct),
        "critical_ratio": cr,
        "qty_before_rounding": need,
        "qty_after_rounding": q,
        "rounding_surplus": rnd.surplus_units,
        "below_moq": rnd.below_moq,
        "moq_added_units": rnd.moq_added_units,
        "case_pack_added_units": rnd.case_pack_added_units,
        "moq_leftover_units": moq_left,
        "moq_leftover_cost": moq_left_cost * to_disp,
        "newsvendor_qty": nv,
        "safety_stock": safety,
        "stockout_prob": rk.stockout_prob,
        "expected_lost_units": rk.expected_lost_units,
        "lost_margin": lost_margin * to_disp,
        "expected_leftover_units": rk.expected_leftover_units,
        "leftover_cost": leftover_cost * to_disp,
        "fill_rate": rk.fill_rate,
        "landed_cost_per_unit": landed * to_disp,
        "total_landed_cost": (landed * q) * to_disp,
        "purchase_value": (purchase * q) * to_disp,
        "freight_cost": (freight * q) * to_disp,
        "duty_cost": (duty * q) * to_disp,
        "transfer_cost": (transfer * q) * to_disp,
        "unit_margin": margin * to_disp,
        "po_date": _dates(inputs.as_of, po_l),
        "ship_by_date": _dates(inputs.as_of, depart_l),
        "arrival_date": _dates(inputs.as_of, np.full(n_a, sellable)),
        "flags": _flag_names()[flags & 255],
        "currency": scenario.display_currency,
    })
    unserved_rows = np.flatnonzero((unserved > 1e-9) & (s_mean > 0))
    if unserved_rows.size:
        u = unserved_rows
        un = pd.DataFrame({
            "sku": inputs.series["sku"].to_numpy()[u], "name": names[inputs.s_sku[u]],
            "region": inputs.series["region"].to_numpy()[u], "warehouse_id": _UNSERVED_WAREHOUSE,
            "share_pct": unserved[u] * 100.0, "demand_mean": unserved[u] * s_mean[u],
            "demand_p10": unserved[u] * q10[u], "demand_p50": unserved[u] * q50[u], "demand_p90": unserved[u] * q90[u],
            "service_level_pct": scenario.service_level_pct,
            "stockout_prob": stockout_prob_at(idx, u, np.zeros(u.size)),
            "expected_lost_units": unserved_lost[u], "fill_rate": 0.0,
            "flags": "no_warehouse", "currency": scenario.display_currency,
        })
        lines = pd.concat([lines, un], ignore_index=True)
        for c in LINE_COLUMNS:
            if c not in un.columns and lines[c].dtype.kind == "f":
                lines[c] = lines[c].fillna(0.0)
        lines["below_moq"] = lines["below_moq"].astype("boolean").fillna(False).astype(bool)
        notices.append(f"{u.size} SKU x market(s) have demand but no warehouse in the mix: shown as stockout "
                       f"(warehouse_id {_UNSERVED_WAREHOUSE!r})")
    lines = lines[list(LINE_COLUMNS)]

    # by SKU x market
    def per_s(x: np.ndarray) -> np.ndarray:
        return np.bincount(ls, weights=x, minlength=n_s)

    q_s = per_s(q)
    lost_s = per_s(rk.expected_lost_units) + unserved_lost
    by_sku = pd.DataFrame({
        "sku": inputs.series["sku"].to_numpy(), "region": inputs.series["region"].to_numpy(),
        "name": names[inputs.s_sku], "demand_mean": s_mean, "demand_p10": q10, "demand_p50": q50, "demand_p90": q90,
        "qty_after_rounding": q_s, "available_units": per_s(avail),
        "stockout_prob": s_prob, "expected_lost_units": lost_s,
        "fill_rate": np.where(s_mean > 0, 1.0 - lost_s / np.where(s_mean > 0, s_mean, 1.0), 1.0),
        "expected_leftover_units": per_s(rk.expected_leftover_units),
        "total_landed_cost": per_s(landed * q) * to_disp,
        "is_key_sku": inputs.k_revenue_rank[inputs.s_sku] < scenario.key_sku_count,
        "currency": scenario.display_currency,
    })

    # by warehouse
    def per_w(x: np.ndarray) -> np.ndarray:
        return np.bincount(lw, weights=x, minlength=n_w)

    d_w = per_w(rk.demand_mean)
    lost_w = per_w(rk.expected_lost_units)
    by_wh = pd.DataFrame({
        "warehouse_id": w_ids, "region": inputs.warehouses["region"].to_numpy(),
        "fulfilment_mode": inputs.warehouses["fulfilment_mode"].to_numpy(), "freight_mode": mode_names[w_mode],
        "skus": np.bincount(lw, weights=(q > 0).astype(float), minlength=n_w).astype(np.int64),
        "units": per_w(q), "on_hand_units": per_w(inputs.l_on_hand[a]),
        "in_transit_covered_units": per_w(transit_all[a]),
        "demand_mean": d_w,
        "stockout_prob": np.where(d_w > 0, per_w(rk.stockout_prob * rk.demand_mean) / np.where(d_w > 0, d_w, 1.0), 0.0),
        "expected_lost_units": lost_w, "lost_margin": per_w(lost_margin) * to_disp,
        "fill_rate": np.where(d_w > 0, 1.0 - lost_w / np.where(d_w > 0, d_w, 1.0), 1.0),
        "expected_leftover_units": per_w(rk.expected_leftover_units), "leftover_cost": per_w(leftover_cost) * to_disp,
        "purchase_value": per_w(purchase * q) * to_disp, "total_landed_cost": per_w(landed * q) * to_disp,
        "ship_by_date": _dates(inputs.as_of, depart_w),
        "currency": scenario.display_currency,
    })
    cw = cash.frame
    cash_frame = pd.DataFrame({
        "week_start": cw["week_start"], "paid": cw["paid_cny"] * to_disp, "released": cw["released_cny"] * to_disp,
        "tied_up": cw["tied_up_cny"] * to_disp, "currency": scenario.display_currency,
    })
    return PlanResult(scenario, scenario.display_currency, lines.reset_index(drop=True), by_sku, by_wh, cash_frame,
                      totals, tuple(notices))


def _unit_costs(inputs: PlanInputs, scenario: Scenario, fx: np.ndarray, a: np.ndarray, lk: np.ndarray,
                lw: np.ndarray, l_mode: np.ndarray, w_mode: np.ndarray, in_region: np.ndarray, *,
                days_departure_to_campaign: np.ndarray, dwell_days: float, peak: bool) -> dict[str, np.ndarray]:
    """Per-unit money (CNY) of the active lines: purchase, freight (first leg + rush), duty, VAT, inbound,
    cross-region transfer, landed total, margin, storage per month and disposal per option.

    With ``inputs.landed`` (cost.landed.LandedArrays, built when the dataset has ``last_mile``) every
    figure comes from ``cost.landed.landed_from_arrays``, so the plan and the cost views agree:
    ``landed`` is its ``total_landed`` (purchase, first leg, rush, duty, VAT, inbound, storage, last mile,
    fulfilment, commission, returns) + transfer, ``margin`` its margin - transfer. Without it, the same
    formulas are applied to the plan's own arrays (no last mile / returns).
    """
    t_mode = FREIGHT_MODES.index(inputs.params.cross_region_transfer_mode)
    if inputs.landed is not None:
        L = inputs.landed
        fxv = np.array([scenario.fx_cny_per_unit(cc) for cc in L.currencies], dtype=float)
        w_map = inputs.landed_w_map
        mode_w = np.zeros(len(L.warehouse_ids), dtype=np.intp)
        mode_w[w_map] = w_mode
        dep = np.full(len(L.warehouse_ids), 1e9)
        dep[w_map] = days_departure_to_campaign
        sel = landed_from_arrays(L, mode_w, fxv, display_currency="CNY", dwell_days=dwell_days, peak=peak,
                                 days_before_departure_to_campaign=dep[None, :])
        kk, ww = inputs.landed_k_map[lk], w_map[lw]
        comp = sel.components

        def g(x: np.ndarray) -> np.ndarray:
            return np.nan_to_num(np.asarray(x)[kk, ww])

        r_wh = np.append(fxv, np.nan)[L.warehouse_ccy][ww]  # CNY per unit; -1 (unknown code) -> NaN -> 0
        tr = np.nan_to_num(L.first_leg_native[kk, ww, t_mode] * r_wh)
        freight = g(comp["first_leg"]) + g(comp["rush_surcharge"])
        transfer = np.where(in_region, 0.0, np.where(tr > 0, tr, freight))
        return {
            "purchase": g(comp["purchase"]), "freight": freight, "duty": g(comp["duty"]), "vat": g(comp["vat"]),
            "inbound": g(comp["inbound"]), "transfer": transfer, "landed": g(sel.total_landed) + transfer,
            "margin": g(sel.margin_per_unit) - transfer, "storage_month": g(sel.storage_per_unit_month),
            "disposal_destroy": g(sel.disposal_cost_per_unit_destroy),
            "disposal_return": g(sel.disposal_cost_per_unit_return_to_origin),
            "disposal_liquidate": g(sel.disposal_cost_per_unit_liquidate),
        }
    usd = fx[inputs.currencies.index("USD")]
    fx_w = fx[inputs.w_ccy][lw]
    purchase = inputs.k_unit_cost[lk] * fx[inputs.k_cost_ccy][lk]
    price = inputs.k_price[lk] * fx[inputs.k_price_ccy][lk]
    fr = inputs.l_freight_per_unit[a, l_mode]
    rush_pct = np.interp(days_departure_to_campaign, inputs.rush_days, inputs.rush_pct)[lw]
    freight = np.nan_to_num(fr) * fx_w * (1.0 + rush_pct / 100.0)
    transfer_rate = inputs.l_freight_per_unit[a, t_mode]
    transfer = np.where(in_region, 0.0,
                        np.where(np.isfinite(transfer_rate), np.nan_to_num(transfer_rate) * fx_w, freight))
    customs_value = purchase + np.where(inputs.w_duty_on_freight[lw], freight, 0.0)
    duty = inputs.w_duty_frac[lw] * customs_value
    vat = inputs.w_vat_frac[lw] * (purchase + freight + duty)
    inbound = inputs.w_inbound_per_unit[lw] * fx_w
    landed = purchase + freight + duty + vat + inbound + transfer
    fulfil = inputs.w_fulfilment_per_unit[lw] * fx_w
    margin = price * (1.0 - inputs.w_commission_frac[lw]) - fulfil - landed
    storage_month = (inputs.w_storage_per_cbm_month[lw] * inputs.k_cbm[lk] * fx_w
                     * (1.0 + (1.0 if peak else 0.0) * inputs.w_storage_peak_frac[lw]))
    fee = inputs.k_disposal_fee_usd[lk] * usd
    sea_back = inputs.l_freight_per_unit[a, FREIGHT_MODES.index("sea")]
    return {
        "purchase": purchase, "freight": freight, "duty": duty, "vat": vat, "inbound": inbound,
        "transfer": transfer, "landed": landed, "margin": margin, "storage_month": storage_month,
        "disposal_destroy": fee,
        "disposal_return": fee + np.where(np.isfinite(sea_back), np.nan_to_num(sea_back) * fx_w, freight)
        + inputs.params.rto_paperwork_per_unit_usd * usd,
        "disposal_liquidate": fee - inputs.params.liquidation_recovery_frac * price,
    }


def _series_margin(inputs: PlanInputs, fx: np.ndarray, cu: np.ndarray, lines: np.ndarray, n_s: int,
                   n_w: int) -> np.ndarray:
    """Lost margin per unit for unserved demand (CNY): the series' best line margin; a series without any
    line (no warehouse in its market) uses price - purchase cost."""
    full = np.full(n_s * n_w, -np.inf)
    full[lines] = cu
    best = full.reshape(n_s, n_w).max(axis=1)
    k = inputs.s_sku
    gross = (inputs.k_price[k] * fx[inputs.k_price_ccy[k]] - inputs.k_unit_cost[k] * fx[inputs.k_cost_ccy[k]])
    return np.where(np.isfinite(best), best, np.maximum(gross, 0.0))


_NS_PER_DAY = 86_400_000_000_000


def _dates(as_of: pd.Timestamp, days: np.ndarray) -> np.ndarray:
    """``as_of + days`` as datetime64[ns] (integer arithmetic: no per-element conversion)."""
    base = np.int64(as_of.normalize().value)
    return (base + np.asarray(days, dtype=np.int64) * _NS_PER_DAY).view("datetime64[ns]")


def _row_quantile(grid: np.ndarray, rows: np.ndarray, prob: np.ndarray) -> np.ndarray:
    """Quantile of ``grid[rows]`` at ``prob`` per entry (linear between the (k + 0.5) / K points)."""
    k = grid.shape[1]
    x = np.clip(np.asarray(prob, dtype=float) * k - 0.5, 0.0, k - 1.0)
    lo = np.floor(x).astype(np.int64)
    hi = np.minimum(lo + 1, k - 1)
    w = x - lo
    return grid[rows, lo] * (1.0 - w) + grid[rows, hi] * w


#: Totals reported by :func:`sensitivity` (numeric ones).
_SENS_KEYS = ("units", "purchase_value", "total_landed_cost", "expected_stockout_units", "lost_margin", "fill_rate",
              "expected_leftover_units", "leftover_cost", "leftover_write_off", "peak_cash", "demand_mean")


def sensitivity(inputs: PlanInputs, scenario: Scenario, lever: str, values: list[float] | np.ndarray) -> pd.DataFrame:
    """Totals as one numeric lever moves (the what-if chart): one row per value.

    Columns: ``lever``, ``value``, ``units``, ``purchase_value``, ``total_landed_cost``,
    ``expected_stockout_units``, ``lost_margin``, ``fill_rate``, ``expected_leftover_units``,
    ``leftover_cost``, ``leftover_write_off``, ``peak_cash``, ``demand_mean``, ``currency``,
    ``is_current`` (the scenario's own value). Values outside the lever's range are skipped.
    """
    if lever not in FOCUS_LEVERS:
        raise ValueError(f"lever must be one of {', '.join(FOCUS_LEVERS)} (got {lever!r}); pick a numeric lever")
    spec = LEVERS[lever]
    rows = []
    for v in values:
        v = float(v)
        if spec.kind == "int":
            v = int(round(v))
        try:
            s = scenario.replace(**{lever: v})
        except ValueError:
            continue
        t = compute_plan(inputs, s, _frames=False).totals
        rows.append({"lever": lever, "value": v, **{k: t[k] for k in _SENS_KEYS}, "currency": t["currency"],
                     "is_current": v == getattr(scenario, lever)})
    return pd.DataFrame(rows, columns=["lever", "value", *_SENS_KEYS, "currency", "is_current"])
