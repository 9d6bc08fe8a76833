"""Backward schedule from the campaign's inbound cutoff, per SKU x warehouse (vectorised): the one schedule.

:func:`schedule_days` is the schedule: arrays of lead-time components in, day offsets from today out. The
table (:func:`backward_schedule`), the plan's fast path (:func:`schedule_from_arrays`) and the plan engine
all call it, so the Timeline, the plan sheet and the CLI read the same dates.

Working backwards from the day the stock must be sellable (critical-path backward pass, as in
CPM/MRP lead-time offsetting: each step starts its duration before the next one starts):

=====================  ==================================================================
inbound_cutoff         campaign ``inbound_cutoff`` (stock received and sellable).
available_by           inbound_cutoff - buffer_days (the target the chain is planned to).
receiving_start        available_by - receiving days (arrival at the warehouse).
customs_start          receiving_start - customs days (= arrival at the port of entry;
                       ``arrival_port`` is the same date).
ship_by                customs_start - first-leg transit days (departure from China).
consolidation_start    ship_by - domestic consolidation days (goods leave the factory).
latest_po_date         consolidation_start - production_days (last day to place the PO).
expected_arrival       today + the whole chain: sellable date for a PO placed today.
is_late                latest_po_date < today;  days_late = max(0, today - latest_po_date)
                       (= expected_arrival - available_by when late).
=====================  ==================================================================

The forward pass is what really happens to a PO placed on ``max(latest_po_date, today)``: it departs,
reaches the port, the warehouse and becomes sellable the chain's days later; on time that is exactly
``available_by``, late it is ``expected_arrival`` (:class:`ScheduleDays`).

Typical schedules use the ``*_typ`` lead-time components; ``pessimistic=True`` uses ``*_max``
(consolidation, transit, customs, receiving; production has a single figure). Defaults for
buffer days: 7-10 (workflow.md pitfalls), ocean +10-14 and air/express +3-5 (defaults.md §1.6 [E]).

A late row gets a **rescue** (:func:`rescue_choice`): among the warehouse's faster freight modes (shorter
transit than the chosen one, with a lane) whose own latest PO date is still >= today, the one with the
smallest extra landed cost per unit (ties: the fastest). Its extra cost is the change in the mode-dependent
landed components of ``cost.landed`` (first leg, duty and import VAT on it: dF x (1 + duty x [CIF]) x (1 + VAT));
the rush surcharge is left out of this per-unit figure (the plan prices it at each mode's real departure).
A mode without a lane is never a rescue, and a chosen mode without a lane is a ``problem`` on the row
(NaT dates), never silently replaced.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkstar_analytics.cost.fx import FxLike
from linkstar_analytics.cost.landed import LandedArrays, _mode_index, _require, landed_from_arrays, prepare_landed_arrays
from linkstar_analytics.schemas import FREIGHT_MODES

SCHEDULE_COLUMNS: tuple[str, ...] = (
    "sku", "warehouse_id", "region", "fulfilment_mode", "in_campaign_region", "freight_mode",
    "production_days", "consolidation_days", "transit_days", "customs_days", "receiving_days", "total_lead_days",
    "buffer_days", "inbound_cutoff", "available_by", "receiving_start", "customs_start", "arrival_port", "ship_by",
    "consolidation_start", "latest_po_date", "expected_arrival", "slack_days", "is_late", "days_late",
    "days_departure_to_campaign", "rescue_mode", "rescue_latest_po_date", "rescue_expected_arrival",
    "rescue_extra_cost_per_unit", "rescue_cost_currency", "declaration_deadline", "days_to_deadline", "problem",
)

#: Landed components that change with the freight mode (the rest do not): the rescue's extra cost per unit.
MODE_COMPONENTS: tuple[str, ...] = ("first_leg", "rush_surcharge", "duty", "vat")

_DAY = np.timedelta64(1, "D")


# --------------------------------------------------------------------------------------------
# The schedule: arrays in, day offsets out
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ScheduleDays:
    """Day offsets from today (day 0) of the backward schedule and of the PO really placed (arrays, float days;
    NaN where a lead-time component is missing, e.g. no lane for the mode).

    Backward pass (planned): ``latest_po``, ``consolidation_start``, ``ship_by``, ``customs_start`` (= port
    arrival), ``receiving_start`` (= warehouse arrival), ``available_by``. ``total_lead`` is the whole chain,
    ``slack = latest_po`` (days left to place the PO), ``is_late = slack < 0``.
    Forward pass of a PO placed on ``po = max(latest_po, 0)``: ``departure``, ``port_arrival``,
    ``warehouse_arrival``, ``sellable`` (= ``max(available_by, total_lead)``).
    """

    latest_po: np.ndarray
    consolidation_start: np.ndarray
    ship_by: np.ndarray
    customs_start: np.ndarray
    receiving_start: np.ndarray
    available_by: np.ndarray
    total_lead: np.ndarray
    slack: np.ndarray
    is_late: np.ndarray
    po: np.ndarray
    departure: np.ndarray
    port_arrival: np.ndarray
    warehouse_arrival: np.ndarray
    sellable: np.ndarray


def schedule_days(*, production_days, consolidation_days, transit_days, customs_days, receiving_days,
                  available_by_day) -> ScheduleDays:
    """The backward schedule and the forward pass of the PO really placed, in days from today (broadcasting).

    Parameters
    ----------
    production_days, consolidation_days, transit_days, customs_days, receiving_days : array-like
        Lead-time components in days (broadcast together; NaN = unknown, e.g. no lane).
    available_by_day : array-like
        Day (from today) the stock must be sellable: ``inbound_cutoff - today - ceil(buffer_days)``.

    Equations used: critical-path backward pass (each step starts its duration before the next one), e.g.
    ``latest_po = available_by - receiving - customs - transit - consolidation - production``; the forward pass
    ``sellable = max(latest_po, 0) + total_lead = max(available_by, total_lead)`` (a late PO is placed today).

    Examples
    --------
    Production 15, consolidation 3, sea 25, customs 3, receiving 7 (53 days) for a target 60 days away:
    the PO is due on day 7; placed today instead (target 40 days away) the stock is sellable on day 53.

    >>> d = schedule_days(production_days=15, consolidation_days=3, transit_days=25, customs_days=3,
    ...                   receiving_days=7, available_by_day=60.0)
    >>> float(d.latest_po), float(d.sellable)
    (7.0, 60.0)
    >>> float(schedule_days(production_days=15, consolidation_days=3, transit_days=25, customs_days=3,
    ...                     receiving_days=7, available_by_day=40.0).sellable)
    53.0
    """
    prod, cons, tran, cust, recv = (np.asarray(x, dtype=float) for x in (
        production_days, consolidation_days, transit_days, customs_days, receiving_days))
    avail = np.asarray(available_by_day, dtype=float)
    receiving_start = avail - recv
    customs_start = receiving_start - cust
    ship_by = customs_start - tran
    consolidation_start = ship_by - cons
    latest_po = consolidation_start - prod
    total = prod + cons + tran + cust + recv
    with np.errstate(invalid="ignore"):
        late = latest_po < 0
    po = np.maximum(latest_po, 0.0)
    departure = po + prod + cons
    port = departure + tran
    warehouse = port + cust
    sellable = warehouse + recv
    return ScheduleDays(latest_po=latest_po, consolidation_start=consolidation_start, ship_by=ship_by,
                        customs_start=customs_start, receiving_start=receiving_start,
                        available_by=np.broadcast_to(avail, latest_po.shape), total_lead=total, slack=latest_po,
                        is_late=late, po=po, departure=departure, port_arrival=port, warehouse_arrival=warehouse,
                        sellable=sellable)


def rescue_choice(*, is_late, transit_days, chosen_transit_days, slack_by_mode, extra_cost_by_mode,
                  sellable_by_mode=None, until_day=None) -> tuple[np.ndarray, np.ndarray]:
    """The rescue mode of each late row: ``(mode index or -1, partial)`` (arrays over the rows).

    A rescue is a faster mode with a lane (``transit_days < chosen_transit_days``, not NaN). Among those whose
    own latest PO is still ahead (``slack_by_mode >= 0``) the cheapest extra cost per unit wins (a NaN cost ranks
    after known costs; ties: the fastest). When none makes it and ``until_day`` is given, the fastest faster mode
    whose ``sellable_by_mode`` is on or before ``until_day`` is a *partial* rescue (it still sells part of the window).

    Parameters
    ----------
    is_late : bool (...)
    transit_days : (..., M) transit days per mode (NaN = no lane).
    chosen_transit_days : (...) transit days of the chosen mode.
    slack_by_mode, extra_cost_by_mode : (..., M)
    sellable_by_mode : (..., M) or None; until_day : (...) or None.
    """
    tr = np.asarray(transit_days, dtype=float)
    chosen = np.asarray(chosen_transit_days, dtype=float)[..., None]
    late = np.asarray(is_late, dtype=bool)[..., None]
    with np.errstate(invalid="ignore"):
        faster = np.isfinite(tr) & (np.isnan(chosen) | (tr < chosen))
        makes = late & faster & (np.asarray(slack_by_mode, dtype=float) >= 0)
    cost = np.asarray(extra_cost_by_mode, dtype=float)
    key = np.where(makes, np.where(np.isnan(cost), 1e15, cost) * 1e4 + np.nan_to_num(tr), np.inf)
    best = np.argmin(key, axis=-1)
    has = np.isfinite(np.take_along_axis(key, best[..., None], axis=-1)[..., 0])
    partial = np.zeros(has.shape, dtype=bool)
    if until_day is not None and sellable_by_mode is not None:
        with np.errstate(invalid="ignore"):
            reach = late & faster & (np.asarray(sellable_by_mode, dtype=float)
                                     <= np.asarray(until_day, dtype=float)[..., None])
        key2 = np.where(reach, np.nan_to_num(tr) * 1e15 + np.where(np.isnan(cost), 1e14, cost), np.inf)
        best2 = np.argmin(key2, axis=-1)
        has2 = np.isfinite(np.take_along_axis(key2, best2[..., None], axis=-1)[..., 0]) & ~has
        best = np.where(has2, best2, best)
        partial = has2
        has = has | has2
    return np.where(has, best, -1), partial


def campaign_dict(campaign_row) -> dict:
    """A campaign as a dict from a Series, a mapping or a one-row frame; dates as Timestamps.

    Raises ValueError naming a missing field (``inbound_cutoff``, ``declaration_deadline``, ``start_date``).
    """
    if isinstance(campaign_row, pd.DataFrame):
        if len(campaign_row) != 1:
            raise ValueError(f"campaign_row must be one campaign (got a frame with {len(campaign_row)} rows); "
                             "select it, e.g. campaigns.loc[campaigns.campaign_id == 'BFCM-2026'].iloc[0].")
        campaign_row = campaign_row.iloc[0]
    c = dict(campaign_row)
    for k in ("inbound_cutoff", "declaration_deadline", "start_date"):
        if k not in c or pd.isna(c[k]):
            raise ValueError(f"campaign_row needs a date in {k!r} (got {c.get(k)!r}); fill it in the campaigns table.")
        c[k] = pd.Timestamp(c[k]).normalize()
    if "end_date" in c and not pd.isna(c["end_date"]):
        c["end_date"] = pd.Timestamp(c["end_date"]).normalize()
    return c


def _day(x) -> np.datetime64:
    return np.datetime64(pd.Timestamp(x).normalize().date(), "D")


def _wh_days(warehouses: pd.DataFrame, stem: str, level: str) -> np.ndarray:
    col = f"{stem}_days_{level}"
    return pd.to_numeric(warehouses[col], errors="coerce").to_numpy(dtype=float)


def _dates(today_d: np.datetime64, days) -> np.ndarray:
    """today + days as datetime64[D]; NaT where days is NaN."""
    d = np.asarray(days, dtype=float)
    ok = np.isfinite(d)
    return np.where(ok, today_d + np.where(ok, d, 0).astype("int64") * _DAY, np.datetime64("NaT"))


def _transit_table(lanes: pd.DataFrame, wh_ids, level: str) -> np.ndarray:
    """Transit days (W, M) for one level (typ / max); NaN where the warehouse has no lane for the mode."""
    modes = tuple(FREIGHT_MODES)
    transit = np.full((len(wh_ids), len(modes)), np.nan)
    ln = lanes.drop_duplicates(["warehouse_id", "freight_mode"], keep="last")
    wpos = {w: j for j, w in enumerate(wh_ids)}
    tcol = pd.to_numeric(ln[f"transit_days_{level}"], errors="coerce").to_numpy(dtype=float)
    for w, m, t in zip(ln["warehouse_id"].astype(str), ln["freight_mode"].astype(str), tcol):
        if w in wpos and m in modes:
            transit[wpos[w], modes.index(m)] = t
    return transit


def backward_schedule(
    skus: pd.DataFrame,
    warehouses: pd.DataFrame,
    lanes: pd.DataFrame,
    campaign_row,
    *,
    buffer_days: float | np.ndarray,
    freight_mode_by_warehouse: Mapping[str, str] | str,
    pessimistic: bool = False,
    today,
    fx: FxLike = None,
    display_currency: str | None = None,
    landed: LandedArrays | None = None,
) -> pd.DataFrame:
    """Backward schedule per SKU x warehouse for the chosen freight mode (see the module docstring).

    Parameters
    ----------
    skus, warehouses, lanes : DataFrame
        Tables per ``linkstar_analytics.schemas`` (SKUS needs ``production_days``; WAREHOUSES the
        ``*_days_typ/max`` columns; FREIGHT_LANES ``transit_days_typ/max``).
    campaign_row : Series, mapping or one-row frame
        The campaign (``inbound_cutoff``, ``declaration_deadline``, ``start_date``, ``regions``).
    buffer_days : int, float or array broadcastable to (S, W)
        Safety days between planned availability and the cutoff (>= 0).
    freight_mode_by_warehouse : str or dict
        One mode for all warehouses, or ``{warehouse_id: mode}`` covering each warehouse.
    pessimistic : bool
        Use the ``*_max`` components instead of ``*_typ``.
    today : date-like
        The planning day (late flags and countdowns are relative to it).
    fx, display_currency : optional
        Convert ``rescue_extra_cost_per_unit`` to this currency (default: each warehouse's currency).
    landed : LandedArrays or None
        Reuse precomputed landed arrays (same skus and warehouses, same order) for the rescue cost
        instead of preparing them again; its FX rates are then used.

    Returns
    -------
    DataFrame
        ``SCHEDULE_COLUMNS``, one row per sku x warehouse (SKU-major order). Dates are
        datetime64; a row whose lane is missing has NaT dates and a ``problem`` text.

    Raises
    ------
    ValueError
        Negative buffer days, an unknown freight mode, a warehouse missing from the mode dict,
        missing columns or campaign dates.
    """
    _require(skus, ("sku", "production_days"), "skus")
    _require(warehouses, ("warehouse_id", "region", "currency"), "warehouses")
    _require(lanes, ("warehouse_id", "freight_mode", "transit_days_typ", "transit_days_max"), "freight_lanes")
    bd = np.asarray(buffer_days, dtype=float)
    if not (bd >= 0).all():
        raise ValueError(f"buffer_days must be >= 0 (got {np.ravel(bd)[~(np.ravel(bd) >= 0)][0]}); "
                         "7-10 days is the usual range (workflow.md).")
    camp = campaign_dict(campaign_row)
    level = "max" if pessimistic else "typ"
    today_d = _day(today)

    sku_ids = skus["sku"].astype(str).to_numpy()
    wh_ids = warehouses["warehouse_id"].astype(str).to_numpy()
    S, W = len(sku_ids), len(wh_ids)
    modes = tuple(FREIGHT_MODES)
    chosen = _mode_index(wh_ids, modes, freight_mode_by_warehouse)  # (W,)

    prod = pd.to_numeric(skus["production_days"], errors="coerce").to_numpy(dtype=float)        # (S,)
    cons = _wh_days(warehouses, "consolidation", level)
    cust = _wh_days(warehouses, "customs", level)
    recv = _wh_days(warehouses, "receiving", level)
    transit = _transit_table(lanes, wh_ids, level)                                            # (W, M)
    t_sel = transit[np.arange(W), chosen]                                                     # (W,)

    cutoff = _day(camp["inbound_cutoff"])
    buf = np.broadcast_to(bd, (S, W)) if bd.ndim else np.full((S, W), float(bd))
    # a fractional buffer rounds up to whole days
    avail_day = float((cutoff - today_d) / _DAY) - np.ceil(buf)                                 # (S, W)
    sd = schedule_days(production_days=prod[:, None], consolidation_days=cons[None, :], transit_days=t_sel[None, :],
                       customs_days=cust[None, :], receiving_days=recv[None, :], available_by_day=avail_day)
    valid = np.isfinite(sd.latest_po)
    is_late = valid & sd.is_late
    days_late = np.where(valid, np.maximum(0.0, -sd.slack), np.nan)
    start = _day(camp["start_date"])
    dep_to_campaign = float((start - today_d) / _DAY) - sd.ship_by                                 # NaN where NaT

    # ---- rescue: a faster mode whose latest PO date is still >= today, cheapest extra cost first
    sd_all = schedule_days(production_days=prod[:, None, None], consolidation_days=cons[None, :, None],
                           transit_days=transit[None], customs_days=cust[None, :, None],
                           receiving_days=recv[None, :, None], available_by_day=avail_day[:, :, None])
    extra = _rescue_extra_cost(skus, warehouses, lanes, chosen, fx, display_currency, landed)  # (S, W, M)
    best, _partial = rescue_choice(is_late=is_late, transit_days=np.broadcast_to(transit[None], (S, W, len(modes))),
                                   chosen_transit_days=np.broadcast_to(t_sel[None, :], (S, W)),
                                   slack_by_mode=sd_all.slack, extra_cost_by_mode=extra)
    has = best >= 0
    pick = np.maximum(best, 0)[:, :, None]
    rescue_mode = np.where(has, np.asarray(modes, dtype=object)[np.maximum(best, 0)], None)
    rescue_po = np.where(has, np.take_along_axis(sd_all.slack, pick, axis=2)[:, :, 0], np.nan)
    rescue_exp = np.where(has, np.take_along_axis(sd_all.total_lead, pick, axis=2)[:, :, 0], np.nan)
    rescue_cost = np.where(has, np.take_along_axis(extra, pick, axis=2)[:, :, 0], np.nan)
    if display_currency:
        cost_ccy = np.full((S, W), str(display_currency).upper(), dtype=object)
    else:
        cost_ccy = np.broadcast_to(warehouses["currency"].astype(str).str.upper().to_numpy(dtype=object)[None, :], (S, W))

    # ---- problems per row
    problem = np.full((S, W), "", dtype=object)
    for j, w in enumerate(wh_ids):
        m = modes[chosen[j]]
        if np.isnan(t_sel[j]):
            problem[:, j] = f"warehouse {w} has no {m} lane (transit_days_{level}); add it to freight_lanes or choose another mode"
        elif np.isnan(cons[j]) or np.isnan(cust[j]) or np.isnan(recv[j]):
            problem[:, j] = f"warehouse {w} is missing consolidation/customs/receiving_days_{level}; fill the warehouses table"
    for i in np.flatnonzero(~(prod >= 0)):
        problem[i, :] = f"SKU {sku_ids[i]} has no valid production_days (got {skus['production_days'].iloc[i]}); fill skus.production_days"

    regions = warehouses["region"].astype(str).to_numpy()
    camp_regions = {r.strip() for r in str(camp.get("regions", "") or "").split(";") if r.strip()}
    deadline = _day(camp["declaration_deadline"])
    fm = warehouses["fulfilment_mode"].astype(str).to_numpy() if "fulfilment_mode" in warehouses.columns else np.full(W, "")

    def rep_w(x):
        return np.broadcast_to(np.asarray(x)[None, :], (S, W)).ravel()

    def rep_s(x):
        return np.broadcast_to(np.asarray(x)[:, None], (S, W)).ravel()

    def as_dt(days):
        return pd.to_datetime(_dates(today_d, days).ravel())

    out = pd.DataFrame({
        "sku": rep_s(sku_ids),
        "warehouse_id": rep_w(wh_ids),
        "region": rep_w(regions),
        "fulfilment_mode": rep_w(fm),
        "in_campaign_region": rep_w(np.array([(r in camp_regions) if camp_regions else True for r in regions])),
        "freight_mode": rep_w(np.asarray(modes, dtype=object)[chosen]),
        "production_days": rep_s(prod),
        "consolidation_days": rep_w(cons),
        "transit_days": rep_w(t_sel),
        "customs_days": rep_w(cust),
        "receiving_days": rep_w(recv),
        "total_lead_days": np.broadcast_to(sd.total_lead, (S, W)).ravel(),
        "buffer_days": buf.ravel().astype(float),
        "inbound_cutoff": pd.Timestamp(camp["inbound_cutoff"]),
        "available_by": pd.to_datetime((today_d + avail_day.astype("int64") * _DAY).ravel()),
        "receiving_start": as_dt(sd.receiving_start),
        "customs_start": as_dt(sd.customs_start),
        "arrival_port": as_dt(sd.customs_start),
        "ship_by": as_dt(sd.ship_by),
        "consolidation_start": as_dt(sd.consolidation_start),
        "latest_po_date": as_dt(sd.latest_po),
        "expected_arrival": as_dt(sd.total_lead),
        "slack_days": np.where(valid, sd.slack, np.nan).ravel(),
        "is_late": is_late.ravel(),
        "days_late": days_late.ravel(),
        "days_departure_to_campaign": np.broadcast_to(dep_to_campaign, (S, W)).ravel(),
        "rescue_mode": rescue_mode.ravel(),
        "rescue_latest_po_date": as_dt(rescue_po),
        "rescue_expected_arrival": as_dt(rescue_exp),
        "rescue_extra_cost_per_unit": rescue_cost.ravel(),
        "rescue_cost_currency": np.asarray(cost_ccy).ravel(),
        "declaration_deadline": pd.Timestamp(camp["declaration_deadline"]),
        "days_to_deadline": int((deadline - today_d) / _DAY),
        "problem": problem.ravel(),
    })
    return out[list(SCHEDULE_COLUMNS)]


def _rescue_extra_cost(skus, warehouses, lanes, chosen, fx, display_currency, landed=None) -> np.ndarray:
    """Extra landed cost per unit (S, W, M) of each mode vs the chosen one, from ``cost.landed`` (the mode-dependent
    components :data:`MODE_COMPONENTS`, no rush): dF (1 + d [CIF]) (1 + v).

    NaN where the SKU lacks weight/dimensions/rates (the rescue is still offered, ranked last on cost).
    """
    needed = ("category", "unit_cost", "cost_currency", "price", "price_currency", "weight_kg",
              "length_cm", "width_cm", "height_cm")
    S, W, M = len(skus), len(warehouses), len(FREIGHT_MODES)
    wneeded = ("storage_per_cbm_month", "storage_peak_surcharge_pct", "inbound_per_unit", "duty_rate_pct",
               "vat_rate_pct", "commission_rate_pct")
    if landed is not None:
        if not (np.array_equal(landed.skus, skus["sku"].astype(str).to_numpy())
                and np.array_equal(landed.warehouse_ids, warehouses["warehouse_id"].astype(str).to_numpy())):
            raise ValueError("landed arrays were prepared for other skus/warehouses (or another order); "
                             "prepare them from the same frames or pass landed=None.")
        a = landed
    elif any(c not in skus.columns for c in needed) or any(c not in warehouses.columns for c in wneeded) \
            or "volumetric_divisor" not in lanes.columns:
        return np.full((S, W, M), np.nan)
    else:
        empty_lm = pd.DataFrame({"warehouse_id": pd.Series(dtype=str), "max_weight_kg": pd.Series(dtype=float),
                                 "fee_per_parcel": pd.Series(dtype=float)})
        a = prepare_landed_arrays(skus, warehouses, lanes, empty_lm, fx=fx)
    sel = landed_from_arrays(a, None, display_currency="CNY")
    dep = sum(sel.components[k] for k in MODE_COMPONENTS)                       # (S, W, M) in CNY
    base = np.take_along_axis(dep, np.broadcast_to(chosen[None, :, None], (S, W, 1)), axis=2)
    extra_cny = dep - base
    fxv = a.fx_cny_per_unit
    if display_currency:
        to = 1.0 / fxv[a.currency_index(display_currency)]
        return extra_cny * to
    per_wh = np.append(1.0 / fxv, np.nan)[a.warehouse_ccy]                      # CNY -> warehouse currency
    return extra_cny * per_wh[None, :, None]


# --------------------------------------------------------------------------------------------
# Fast path for the plan (numpy only)
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class ScheduleArrays:
    """Lead-time components laid out once: production (S,), warehouse steps (W,), transit (W, M); typ and max."""

    skus: np.ndarray
    warehouse_ids: np.ndarray
    modes: tuple[str, ...]
    production_days: np.ndarray            # (S,)
    consolidation_days: dict[str, np.ndarray]   # {"typ": (W,), "max": (W,)}
    customs_days: dict[str, np.ndarray]
    receiving_days: dict[str, np.ndarray]
    transit_days: dict[str, np.ndarray]         # {"typ": (W, M), "max": (W, M)}

    def mode_index(self, freight_mode_by_warehouse: str | Mapping[str, str]) -> np.ndarray:
        """Mode index per warehouse (W,) from one mode for all or ``{warehouse_id: mode}``."""
        return _mode_index(self.warehouse_ids, self.modes, freight_mode_by_warehouse)

    @property
    def lane_ok(self) -> np.ndarray:
        """(W, M): the warehouse has a lane (typical transit days) for the mode."""
        return np.isfinite(self.transit_days["typ"])


@dataclass(frozen=True, eq=False)
class ScheduleSelection:
    """Dates (datetime64[D]) and flags over (S, W) for one buffer / mode choice."""

    available_by: np.ndarray
    ship_by: np.ndarray
    latest_po_date: np.ndarray
    expected_arrival: np.ndarray
    total_lead_days: np.ndarray
    slack_days: np.ndarray
    is_late: np.ndarray
    days_late: np.ndarray
    days_departure_to_campaign: np.ndarray


def prepare_schedule_arrays(skus: pd.DataFrame, warehouses: pd.DataFrame, lanes: pd.DataFrame) -> ScheduleArrays:
    """Lay out the lead-time components once for :func:`schedule_from_arrays` (missing values are NaN)."""
    _require(skus, ("sku", "production_days"), "skus")
    _require(warehouses, ("warehouse_id",) + tuple(f"{s}_days_{lv}" for s in ("consolidation", "customs", "receiving")
                                                   for lv in ("typ", "max")), "warehouses")
    _require(lanes, ("warehouse_id", "freight_mode", "transit_days_typ", "transit_days_max"), "freight_lanes")
    wh_ids = warehouses["warehouse_id"].astype(str).to_numpy()
    return ScheduleArrays(
        skus=skus["sku"].astype(str).to_numpy(), warehouse_ids=wh_ids, modes=tuple(FREIGHT_MODES),
        production_days=pd.to_numeric(skus["production_days"], errors="coerce").to_numpy(dtype=float),
        consolidation_days={lv: _wh_days(warehouses, "consolidation", lv) for lv in ("typ", "max")},
        customs_days={lv: _wh_days(warehouses, "customs", lv) for lv in ("typ", "max")},
        receiving_days={lv: _wh_days(warehouses, "receiving", lv) for lv in ("typ", "max")},
        transit_days={lv: _transit_table(lanes, wh_ids, lv) for lv in ("typ", "max")},
    )


def schedule_from_arrays(sa: ScheduleArrays, mode_index_per_warehouse: np.ndarray, *, inbound_cutoff, campaign_start,
                         buffer_days: float | np.ndarray, pessimistic: bool = False, today) -> ScheduleSelection:
    """Backward schedule over (S, W) with numpy only: the plan's buffer-days / freight-mode levers.

    The same :func:`schedule_days` as :func:`backward_schedule`; NaT / NaN where a lane is missing.
    ``mode_index_per_warehouse`` is (W,) or (S, W).
    """
    bd = np.asarray(buffer_days, dtype=float)
    if not (bd >= 0).all():
        raise ValueError("buffer_days must be >= 0; 7-10 days is the usual range (workflow.md).")
    lv = "max" if pessimistic else "typ"
    S, W = len(sa.skus), len(sa.warehouse_ids)
    mi = np.asarray(mode_index_per_warehouse, dtype=np.intp)
    if mi.ndim == 1:
        mi = np.broadcast_to(mi[None, :], (S, W))
    transit = sa.transit_days[lv][np.arange(W)[None, :], mi]                     # (S, W)
    today_d = _day(today)
    avail_num = float((_day(inbound_cutoff) - today_d) / _DAY) - np.ceil(np.broadcast_to(bd, (S, W)))
    sd = schedule_days(production_days=sa.production_days[:, None], consolidation_days=sa.consolidation_days[lv][None, :],
                       transit_days=transit, customs_days=sa.customs_days[lv][None, :],
                       receiving_days=sa.receiving_days[lv][None, :], available_by_day=avail_num)
    ok = np.isfinite(sd.slack)
    return ScheduleSelection(
        available_by=today_d + avail_num.astype("int64") * _DAY,
        ship_by=_dates(today_d, sd.ship_by), latest_po_date=_dates(today_d, sd.latest_po),
        expected_arrival=_dates(today_d, sd.total_lead),
        total_lead_days=sd.total_lead, slack_days=sd.slack, is_late=ok & sd.is_late,
        days_late=np.where(ok, np.maximum(0.0, -sd.slack), np.nan),
        days_departure_to_campaign=np.where(ok, float((_day(campaign_start) - today_d) / _DAY) - sd.ship_by, np.nan),
    )


__all__ = [
    "MODE_COMPONENTS",
    "SCHEDULE_COLUMNS",
    "ScheduleArrays",
    "ScheduleDays",
    "ScheduleSelection",
    "backward_schedule",
    "campaign_dict",
    "prepare_schedule_arrays",
    "rescue_choice",
    "schedule_days",
    "schedule_from_arrays",
]
