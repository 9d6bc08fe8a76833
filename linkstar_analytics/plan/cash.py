"""Cash tied up by week: what is paid when, and when sales release it.

Backward schedule per line (days from ``as_of``; ``c`` = lead-time case, typical or pessimistic):

    sellable   = inbound cutoff - buffer_days
    port       = sellable - receiving_days[c] - customs_days[c]      (duty and import VAT paid)
    departure  = port - transit_days[mode, c]                         (first-leg freight paid)
    PO         = departure - consolidation_days[c] - production_days  (purchase paid)

(the chain production -> domestic consolidation -> first leg -> customs -> receiving of the brief and
``schemas.WAREHOUSES``). A payment whose date has already passed is due today (and the line is flagged
late). Capital is released as units sell: the landed value (with import VAT) of the expected units sold
is spread over the window days in proportion to the market's expected daily sales (campaign days
weighted by the uplift). Unsold units stay tied up to the window end. Tied-up capital is the running
sum of payments minus releases; the report shows it per week (weeks start on Monday) and its peak.

Payment terms (the engine's ``cash`` stage builds the arrays): the supplier deposit (``deposit_pct`` of the
purchase: the SKU master's own share, else the scenario's) at the PO, the balance at shipment (departure day),
first-leg freight at departure, duty and import VAT at the port, inbound and cross-region transfer when the units
become sellable.

The **net cash position** (:func:`net_cash_by_week`) follows the money itself, not the capital: paid out (the
payments above) against received (the platform's payout of the units sold, price net of output VAT and of the
platform commission, ``settlement_days`` after each sale), from the first payment until the last payout. Its
running sum is the position; its **trough** (the most negative running position, read on days) is the cash the
campaign needs at once. :func:`trim_to_ceiling` says which units go when that need is above the cash ceiling.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["CashResult", "NetCashResult", "cash_by_week", "net_cash_by_week", "trim_to_ceiling"]


@dataclass(frozen=True)
class CashResult:
    frame: pd.DataFrame  # week_start, paid, released, tied_up (all in CNY)
    peak_cny: float
    peak_week: pd.Timestamp | None


def cash_by_week(
    *,
    as_of: pd.Timestamp,
    pay_days: tuple[np.ndarray, ...],
    pay_amounts_cny: tuple[np.ndarray, ...],
    release_by_region_cny: np.ndarray,
    profile: np.ndarray,
    day0: int,
) -> CashResult:
    """Weekly paid / released / tied-up capital (CNY) and the peak.

    Parameters
    ----------
    as_of : day 0.
    pay_days, pay_amounts_cny : matching tuples of arrays: the day of each payment (clipped to >= 0) and
        its amount.
    release_by_region_cny : ``[n_r]`` value released over the window per market.
    profile : ``[n_r, n_days]`` daily weights of sales over the window (rows sum to 1 or 0).
    day0 : day offset of the first window day.
    """
    days = np.concatenate([np.maximum(np.asarray(d, dtype=np.int64), 0) for d in pay_days]) if pay_days else np.zeros(0, np.int64)
    amts = np.concatenate([np.asarray(a, dtype=float) for a in pay_amounts_cny]) if pay_amounts_cny else np.zeros(0)
    n_win = profile.shape[1]
    horizon = max(int(days.max(initial=0)) + 1, day0 + n_win)
    paid = np.bincount(days, weights=amts, minlength=horizon)[:horizon]
    released = np.zeros(horizon)
    released[day0:day0 + n_win] = release_by_region_cny @ profile
    tied = np.cumsum(paid - released)
    week0 = as_of - pd.Timedelta(days=int(as_of.weekday()))
    wk = (np.arange(horizon) + int(as_of.weekday())) // 7
    n_wk = int(wk[-1]) + 1
    paid_w = np.bincount(wk, weights=paid, minlength=n_wk)
    rel_w = np.bincount(wk, weights=released, minlength=n_wk)
    # tied-up capital at the end of each week (the running balance's last day in the week)
    last_day = np.searchsorted(wk, np.arange(n_wk), side="right") - 1
    tied_w = np.maximum(tied[last_day], 0.0)
    # the peak is read on days, so a mid-week peak is not hidden by the week-end balance
    peak_day = int(np.argmax(tied)) if horizon else 0
    peak = float(max(tied[peak_day], 0.0)) if horizon else 0.0
    frame = pd.DataFrame({
        "week_start": week0 + pd.to_timedelta(np.arange(n_wk) * 7, unit="D"),
        "paid_cny": paid_w,
        "released_cny": rel_w,
        "tied_up_cny": tied_w,
    })
    peak_week = (week0 + pd.Timedelta(days=7 * int(wk[peak_day]))) if peak > 0 else None
    return CashResult(frame=frame, peak_cny=peak, peak_week=peak_week)


@dataclass(frozen=True)
class NetCashResult:
    frame: pd.DataFrame  # week_start, paid_out_cny, received_cny, net_cny, position_cny
    trough_cny: float  # the most negative running position (<= 0; 0 when it never goes below zero)
    trough_week: pd.Timestamp | None  # Monday of the trough's week (None when the position never goes negative)
    trough_day: int  # days from as_of of the trough (-1 when none)


def _week0(as_of: pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(as_of).normalize() - pd.Timedelta(days=int(pd.Timestamp(as_of).weekday()))


def net_cash_by_week(
    *,
    as_of: pd.Timestamp,
    out_days: np.ndarray,
    out_amounts_cny: np.ndarray,
    in_days: np.ndarray,
    in_amounts_cny: np.ndarray,
) -> NetCashResult:
    """Weekly net cash position: paid out, received, net and the running position (CNY), and its trough.

    Formula: ``position(d) = sum over days <= d of (received - paid out)``; the trough is ``min(min_d position(d), 0)``
    read on days (a mid-week low is not hidden by the week's end), reported with the Monday of its week. A payment
    whose day has passed is due today (days clipped to >= 0). The frame runs from the week of the first payment
    or receipt to the week of the last one; ``position_cny`` is the position at the end of each week.

    Parameters
    ----------
    as_of : day 0 (weeks start on Monday).
    out_days, out_amounts_cny : day (from ``as_of``) and amount of each payment.
    in_days, in_amounts_cny : day and amount of each receipt (platform payout).
    """
    od = np.maximum(np.asarray(out_days, dtype=float), 0.0)
    oa = np.asarray(out_amounts_cny, dtype=float)
    idays = np.maximum(np.asarray(in_days, dtype=float), 0.0)
    ia = np.asarray(in_amounts_cny, dtype=float)
    keep_o = np.isfinite(od) & (oa != 0)
    keep_i = np.isfinite(idays) & (ia != 0)
    od, oa, idays, ia = od[keep_o].astype(np.int64), oa[keep_o], idays[keep_i].astype(np.int64), ia[keep_i]
    cols = ["week_start", "paid_out_cny", "received_cny", "net_cny", "position_cny"]
    if od.size + idays.size == 0:
        return NetCashResult(pd.DataFrame({c: [] for c in cols}), 0.0, None, -1)
    horizon = int(max(od.max(initial=0), idays.max(initial=0))) + 1
    paid = np.bincount(od, weights=oa, minlength=horizon)
    got = np.bincount(idays, weights=ia, minlength=horizon)
    position = np.cumsum(got - paid)
    first = int(min(od.min(initial=horizon), idays.min(initial=horizon)))
    wd = int(pd.Timestamp(as_of).weekday())
    wk = (np.arange(horizon) + wd) // 7
    n_wk = int(wk[-1]) + 1
    paid_w = np.bincount(wk, weights=paid, minlength=n_wk)
    got_w = np.bincount(wk, weights=got, minlength=n_wk)
    last_day = np.searchsorted(wk, np.arange(n_wk), side="right") - 1
    pos_w = position[last_day]
    w_first = int(wk[first])
    week0 = _week0(as_of)
    frame = pd.DataFrame({
        "week_start": week0 + pd.to_timedelta(np.arange(w_first, n_wk) * 7, unit="D"),
        "paid_out_cny": paid_w[w_first:],
        "received_cny": got_w[w_first:],
        "net_cny": (got_w - paid_w)[w_first:],
        "position_cny": pos_w[w_first:],
    })
    t_day = int(np.argmin(position))
    trough = float(min(position[t_day], 0.0))
    if trough >= 0:
        return NetCashResult(frame, 0.0, None, -1)
    return NetCashResult(frame, trough, week0 + pd.Timedelta(days=7 * int(wk[t_day])), t_day)


def trim_to_ceiling(
    *,
    qty_units: np.ndarray,
    floor_units: np.ndarray,
    case_pack_units: np.ndarray,
    relief_per_unit_cny: np.ndarray,
    value_per_cny: np.ndarray,
    excess_cny: float,
) -> np.ndarray:
    """Units to trim from each line so the cash need falls by ``excess_cny``: the lowest-value units first.

    Rule: lines are taken in increasing order of ``value_per_cny`` (the expected margin contribution of a unit of
    the line per CNY of cash it needs: unit margin x the line's expected sell-through / cash paid per unit), ties
    by line order; each gives up to its trimmable units ``qty - floor`` (whole case packs, never below
    ``floor_units``: what is already fixed) until the relief (``relief_per_unit_cny`` x units: the cash a unit
    needs by the trough day) covers the excess; the last line trimmed gives only the case packs it needs. Lines
    with no relief (no cash paid by the trough) are never trimmed.

    Returns ``[n]`` trimmed units (>= 0, multiples of the case pack, <= qty - floor).
    """
    q = np.asarray(qty_units, dtype=float)
    pack = np.maximum(np.asarray(case_pack_units, dtype=float), 1.0)
    floor = np.minimum(np.ceil(np.maximum(np.asarray(floor_units, dtype=float), 0.0) / pack - 1e-9) * pack, q)
    relief = np.maximum(np.nan_to_num(np.asarray(relief_per_unit_cny, dtype=float)), 0.0)
    packs_free = np.floor(np.maximum(q - floor, 0.0) / pack + 1e-9)
    cut = np.zeros(q.size)
    if excess_cny <= 0 or q.size == 0:
        return cut
    value = np.nan_to_num(np.asarray(value_per_cny, dtype=float), nan=np.inf)
    order = np.lexsort((np.arange(q.size), value))
    order = order[(packs_free[order] > 0) & (relief[order] > 0)]
    if order.size == 0:
        return cut
    per_pack = relief[order] * pack[order]
    full = packs_free[order] * per_pack
    before = np.concatenate([[0.0], np.cumsum(full)[:-1]])
    need = np.clip(excess_cny - before, 0.0, None)
    with np.errstate(divide="ignore", over="ignore"):
        packs = np.minimum(np.ceil(need / per_pack - 1e-12), packs_free[order])
    cut[order] = packs * pack[order]
    return cut
