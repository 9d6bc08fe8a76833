"""Backward schedule from the campaign's inbound cutoff, per SKU x warehouse (vectorised).

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

Typical schedules use the ``*_typ`` lead-time components; ``pessimistic=True`` uses ``*_max``
(consolidation, transit, customs, receiving; production has a single figure). Defaults for
buffer days: 7-10 (workflow.md pitfalls), ocean +10-14 and air/express +3-5 (defaults.md §1.6 [E]).

A late row gets a **rescue**: among the warehouse's faster freight modes (shorter transit than the
chosen one) whose own latest PO date is still >= today, the one with the smallest extra landed cost
per unit (ties: the fastest). Its extra cost is the change in first-leg freight grossed up by duty
and VAT on it: dF x (1 + duty x [CIF]) x (1 + VAT) -- the only landed components that depend on the
mode (see ``landed``); the rush surcharge is left out (it applies to both modes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkstar_analytics.cost.fx import FxLike
from linkstar_analytics.cost.landed import LandedArrays, _mode_index, _require, prepare_landed_arrays
from linkstar_analytics.schemas import FREIGHT_MODES

SCHEDULE_COLUMNS: tuple[str, ...] = (
    "sku", "warehouse_id", "region", "fulfilment_mode", "in_campaign_region", "freight_mode",
    "production_days", "consolidation_days", "transit_days", "customs_days", "receiving_days", "total_lead_days",
    "buffer_days", "inbound_cutoff", "available_by", "receiving_start", "customs_start", "arrival_port", "ship_by",
    "consolidation_start", "latest_po_date", "expected_arrival", "slack_days", "is_late", "days_late",
    "days_departure_to_campaign", "rescue_mode", "rescue_latest_po_date", "rescue_expected_arrival",
    "rescue_extra_cost_per_unit", "rescue_cost_currency", "declaration_deadline", "days_to_deadline", "problem",
)

_DAY = np.timedelta64(1, "D")


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
    M = len(modes)
    chosen = _mode_index(wh_ids, modes, freight_mode_by_warehouse)  # (W,)

    prod = pd.to_numeric(skus["production_days"], errors="coerce").to_numpy(dtype=float)        # (S,)
    cons = _wh_days(warehouses, "consolidation", level)
    cust = _wh_days(warehouses, "customs", level)
    recv = _wh_days(warehouses, "receiving", level)
    transit = np.full((W, M), np.nan)
    ln = lanes.drop_duplicates(["warehouse_id", "freight_mode"], keep="last")
    wpos = {w: j for j, w in enumerate(wh_ids)}
    tcol = pd.to_numeric(ln[f"transit_days_{level}"], errors="coerce").to_numpy(dtype=float)
    for w, m, t in zip(ln["warehouse_id"].astype(str), ln["freight_mode"].astype(str), tcol):
        if w in wpos and m in modes:
            transit[wpos[w], modes.index(m)] = t

    # lead before the port (W, M) and the tail after it (W,)
    tail = recv + cust                                        # receiving + customs
    chain_wm = cons[:, None] + transit + tail[:, None]        # consolidation + transit + customs + receiving
    t_sel = transit[np.arange(W), chosen]                     # (W,)

    cutoff = _day(camp["inbound_cutoff"])
    buf = np.broadcast_to(bd, (S, W)) if bd.ndim else np.full((S, W), float(bd))
    available = cutoff - np.ceil(buf).astype("int64") * _DAY     # a fractional buffer rounds up to whole days

    def offset(base, days):
        days = np.asarray(days, dtype=float)
        ok = np.isfinite(days)
        out = base - np.where(ok, days, 0).astype("int64") * _DAY
        return np.where(ok, out, np.datetime64("NaT"))

    receiving_start = offset(available, np.broadcast_to(recv[None, :], (S, W)))
    customs_start = offset(receiving_start, np.broadcast_to(cust[None, :], (S, W)))
    ship_by = offset(customs_start, np.broadcast_to(t_sel[None, :], (S, W)))
    consolidation_start = offset(ship_by, np.broadcast_to(cons[None, :], (S, W)))
    latest_po = offset(consolidation_start, np.broadcast_to(prod[:, None], (S, W)))
    total_lead = prod[:, None] + cons[None, :] + t_sel[None, :] + tail[None, :]          # (S, W)
    expected = offset(np.full((S, W), today_d), -total_lead)

    valid = ~np.isnat(latest_po)
    slack = np.where(valid, (latest_po - today_d) / _DAY, np.nan)
    is_late = valid & (slack < 0)
    days_late = np.where(valid, np.maximum(0.0, -slack), np.nan)
    start = _day(camp["start_date"])
    dep_to_campaign = (start - ship_by) / _DAY                                            # NaN where NaT

    # ---- rescue: a faster mode whose latest PO date is still >= today, cheapest extra cost first
    lead_all = prod[:, None, None] + chain_wm[None, :, :]                                 # (S, W, M)
    po_all_days = ((available - today_d) / _DAY)[:, :, None] - lead_all                   # slack per mode
    faster = transit < t_sel[:, None]                                                     # (W, M)
    feasible = is_late[:, :, None] & faster[None] & (po_all_days >= 0)
    extra = _rescue_extra_cost(skus, warehouses, lanes, chosen, fx, display_currency, landed)  # (S, W, M)
    # rank: cost (NaN cost ranks after known costs), then transit days
    cost_key = np.where(np.isnan(extra), np.inf, extra)
    key = np.where(feasible, cost_key * 1e4 + transit[None], np.inf)
    best = np.argmin(key, axis=2)
    has = np.isfinite(np.take_along_axis(key, best[:, :, None], axis=2)[:, :, 0])
    rescue_mode = np.where(has, np.asarray(modes, dtype=object)[best], None)
    rescue_slack = np.take_along_axis(po_all_days, best[:, :, None], axis=2)[:, :, 0]
    rescue_po = np.where(has, today_d + np.where(has, rescue_slack, 0).astype("int64") * _DAY, np.datetime64("NaT"))
    rescue_lead = np.take_along_axis(lead_all, best[:, :, None], axis=2)[:, :, 0]
    rescue_exp = np.where(has, today_d + np.where(has, rescue_lead, 0).astype("int64") * _DAY, np.datetime64("NaT"))
    rescue_cost = np.where(has, np.take_along_axis(extra, best[:, :, None], axis=2)[:, :, 0], np.nan)
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

    def as_dt(x):
        return pd.to_datetime(np.asarray(x).ravel())

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
        "total_lead_days": total_lead.ravel(),
        "buffer_days": buf.ravel().astype(float),
        "inbound_cutoff": pd.Timestamp(camp["inbound_cutoff"]),
        "available_by": as_dt(available),
        "receiving_start": as_dt(receiving_start),
        "customs_start": as_dt(customs_start),
        "arrival_port": as_dt(customs_start),
        "ship_by": as_dt(ship_by),
        "consolidation_start": as_dt(consolidation_start),
        "latest_po_date": as_dt(latest_po),
        "expected_arrival": as_dt(expected),
        "slack_days": slack.ravel(),
        "is_late": is_late.ravel(),
        "days_late": days_late.ravel(),
        "days_departure_to_campaign": dep_to_campaign.ravel(),
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
    """Extra landed cost per unit (S, W, M) of each mode vs the chosen one: dF (1 + d [CIF]) (1 + v).

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
    fl = a.first_leg_native                                                # (S, W, M) warehouse currency
    base = np.take_along_axis(fl, np.broadcast_to(chosen[None, :, None], (S, W, 1)), axis=2)
    gross = (1.0 + a.duty_frac * a.duty_includes_first_leg) * (1.0 + a.vat_frac)  # (W,)
    extra = (fl - base) * gross[None, :, None]
    if display_currency:
        fxv = a.fx_cny_per_unit
        rate = np.append(fxv / fxv[a.currency_index(display_currency)], np.nan)
        extra = extra * rate[a.warehouse_ccy][None, :, None]
    return extra


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
    modes = tuple(FREIGHT_MODES)
    wpos = {w: j for j, w in enumerate(wh_ids)}
    ln = lanes.drop_duplicates(["warehouse_id", "freight_mode"], keep="last")
    transit = {}
    for lv in ("typ", "max"):
        t = np.full((len(wh_ids), len(modes)), np.nan)
        vals = pd.to_numeric(ln[f"transit_days_{lv}"], errors="coerce").to_numpy(dtype=float)
        for w, m, v in zip(ln["warehouse_id"].astype(str), ln["freight_mode"].astype(str), vals):
            if w in wpos and m in modes:
                t[wpos[w], modes.index(m)] = v
        transit[lv] = t
    return ScheduleArrays(
        skus=skus["sku"].astype(str).to_numpy(), warehouse_ids=wh_ids, modes=modes,
        production_days=pd.to_numeric(skus["production_days"], errors="coerce").to_numpy(dtype=float),
        consolidation_days={lv: _wh_days(warehouses, "consolidation", lv) for lv in ("typ", "max")},
        customs_days={lv: _wh_days(warehouses, "customs", lv) for lv in ("typ", "max")},
        receiving_days={lv: _wh_days(warehouses, "receiving", lv) for lv in ("typ", "max")},
        transit_days=transit,
    )


def schedule_from_arrays(sa: ScheduleArrays, mode_index_per_warehouse: np.ndarray, *, inbound_cutoff, campaign_start,
                         buffer_days: float | np.ndarray, pessimistic: bool = False, today) -> ScheduleSelection:
    """Backward schedule over (S, W) with numpy only: the plan's buffer-days / freight-mode levers.

    Same arithmetic as :func:`backward_schedule` (module docstring); NaT / NaN where a lane is missing.
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
    tail = sa.receiving_days[lv] + sa.customs_days[lv]                          # (W,)
    before_ship = sa.production_days[:, None] + sa.consolidation_days[lv][None, :]
    total = before_ship + transit + tail[None, :]
    cutoff_d = _day(inbound_cutoff)
    today_d = _day(today)
    start_d = _day(campaign_start)
    avail_num = (cutoff_d - today_d) / _DAY - np.ceil(np.broadcast_to(bd, (S, W)))   # days from today
    slack = avail_num - total
    ok = np.isfinite(slack)
    nat = np.datetime64("NaT")

    def date(days_from_today):
        return np.where(ok, today_d + np.where(ok, days_from_today, 0).astype("int64") * _DAY, nat)

    ship_num = avail_num - tail[None, :] - transit
    return ScheduleSelection(
        available_by=today_d + avail_num.astype("int64") * _DAY,
        ship_by=date(ship_num), latest_po_date=date(slack), expected_arrival=date(total),
        total_lead_days=total, slack_days=slack, is_late=ok & (slack < 0),
        days_late=np.where(ok, np.maximum(0.0, -slack), np.nan),
        days_departure_to_campaign=np.where(ok, (start_d - today_d) / _DAY - ship_num, np.nan),
    )


__all__ = [
    "SCHEDULE_COLUMNS",
    "ScheduleArrays",
    "ScheduleSelection",
    "backward_schedule",
    "campaign_dict",
    "prepare_schedule_arrays",
    "schedule_from_arrays",
]
