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
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["CashResult", "cash_by_week"]


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
