"""Availability in time: stock counts only from the day it can be sold (vectorised over lines).

Each line holds stock that becomes sellable in tranches over the window: the stock at the window start (today's
stock projected through the sales before the window, plus shipments that land before it), shipments landing
inside the window (up to ``MAX_TRANSIT_TRANCHES`` landing days), and the order itself, sellable on the day the
schedule (``cost.schedule.schedule_days``) gives for the freight mode and lead-time case:

* on or before the window start: it covers the whole window;
* inside the window: it covers the days that remain (the demand before it lands is served from the stock already
  there, or lost);
* after the window end: never (the order sells nothing in this window, so the plan orders nothing and proposes a
  rescue).

With lost sales, the units lost over the window are ``L = max(0, max_j (F_j B - C_j))`` (``plan.risk``), where for
the segment after tranche j: ``F_j`` is the share of the baseline ``B`` sold before the next tranche lands (1 for
the last) and ``C_j`` the units landed so far minus the known units (presale, creators) due by then.

The order's quantity for a fractile ``p`` (the service level, or the newsvendor's critical ratio ``cu / (cu + co)``)
covers the days that remain once it lands: ``need = F_after^-1(p) + K_after - S_after - carry``, with ``F_after`` the
law of the line's baseline from the landing day to the window end (its own moments over those days, so a campaign
that is over before the order lands does not move it), ``K_after`` the known units due then, ``S_after`` stock landing
after it (counted as if there when it lands) and ``carry`` the stock expected to be left when it lands (landed before
it, minus the expected sales before it: ``E[sold] = E[D before] - E[lost before]``, the same envelope). For an order
at the window start this is the classic ``F^-1(p) + K - stock``. Every piece moves the right way with demand, so more
demand never lowers an order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from linkstar_analytics.plan.demand import WindowDemand
from linkstar_analytics.plan.inputs import MAX_TRANSIT_TRANCHES
from linkstar_analytics.plan.risk import LAW_FIELDS, DemandLaw, envelope_risk, law_quantile

__all__ = ["OrderBasis", "SegmentTerms", "Tranches", "build_tranches", "order_basis", "order_need", "ordinary_need",
           "ordinary_part", "segment_terms"]


@dataclass(frozen=True)
class Tranches:
    """Stock landing per line, sorted by day: ``day [n, J]`` (window days; ``inf`` = unused), ``units [n, J]`` (the
    order's column holds 0: its units are the decision), ``is_order [n, J]``; ``order_day [n]`` (``inf`` = never)."""

    day: np.ndarray
    units: np.ndarray
    is_order: np.ndarray
    order_day: np.ndarray

    @property
    def order_lands(self) -> np.ndarray:
        """The order becomes sellable before the window ends."""
        return np.isfinite(self.order_day)

    def take(self, idx: np.ndarray) -> Tranches:
        """The tranches of the lines ``idx``."""
        return Tranches(day=self.day[idx], units=self.units[idx], is_order=self.is_order[idx],
                        order_day=self.order_day[idx])


def build_tranches(*, start_units: np.ndarray, ship_pos: np.ndarray, ship_units: np.ndarray, ship_day: np.ndarray,
                   order_day: np.ndarray, end: int) -> Tranches:
    """Tranches of ``n`` lines.

    Parameters
    ----------
    start_units : [n] stock sellable at the window start.
    ship_pos, ship_units, ship_day : shipments landing inside the window: line position in ``0..n-1``, units and
        window day (``0 < day < end``); other rows are ignored.
    order_day : [n] window day the order becomes sellable (<= 0: at the start; >= end or NaN/inf: never).
    end : days in the window.
    """
    n = start_units.shape[0]
    od = np.asarray(order_day, dtype=float)
    od = np.where(np.isnan(od) | (od >= end), np.inf, np.maximum(od, 0.0))
    keep = (ship_pos >= 0) & (ship_day > 0) & (ship_day < end) & (ship_units > 0)
    if not keep.any():  # the common case: stock at the start, then the order (already in day order)
        day = np.stack([np.zeros(n), od], axis=1)
        units = np.stack([np.asarray(start_units, dtype=float), np.zeros(n)], axis=1)
        is_order = np.stack([np.zeros(n, dtype=bool), np.isfinite(od)], axis=1)
        return Tranches(day=day, units=units, is_order=is_order, order_day=od)
    K = MAX_TRANSIT_TRANCHES
    J = K + 2
    day = np.full((n, J), np.inf)
    units = np.zeros((n, J))
    day[:, 0] = 0.0
    units[:, 0] = start_units
    pos, d, u = ship_pos[keep], np.asarray(ship_day, dtype=float)[keep], ship_units[keep]
    srt = np.lexsort((d, pos))
    pos, d, u = pos[srt], d[srt], u[srt]
    new = np.ones(pos.size, dtype=bool)
    new[1:] = (pos[1:] != pos[:-1]) | (d[1:] != d[:-1])
    grp = np.cumsum(new) - 1
    g_pos, g_day = pos[new], d[new]
    g_units = np.bincount(grp, weights=u)
    first = np.ones(g_pos.size, dtype=bool)
    first[1:] = g_pos[1:] != g_pos[:-1]
    start_idx = np.maximum.accumulate(np.where(first, np.arange(g_pos.size), 0))
    col = 1 + np.minimum(np.arange(g_pos.size) - start_idx, K - 1)
    # later landing days beyond the K-th are merged into the K-th tranche at the latest of their days
    np.add.at(units, (g_pos, col), g_units)
    merged = np.full((n, J), -np.inf)
    np.maximum.at(merged, (g_pos, col), g_day)
    day = np.where(np.isfinite(merged), merged, day)
    day[:, J - 1] = od
    is_order = np.zeros((n, J), dtype=bool)
    is_order[:, J - 1] = True
    # only lines with shipments in the window need sorting (the others are start, order)
    rows = np.unique(g_pos)
    order = np.argsort(day[rows], axis=1, kind="stable")
    plain = np.ones(n, dtype=bool)
    plain[rows] = False
    day_s = np.full((n, J), np.inf)
    units_s = np.zeros((n, J))
    ord_s = np.zeros((n, J), dtype=bool)
    day_s[plain, 0], day_s[plain, 1] = 0.0, od[plain]
    units_s[plain, 0] = units[plain, 0]
    ord_s[plain, 1] = True
    day_s[rows] = np.take_along_axis(day[rows], order, axis=1)
    units_s[rows] = np.take_along_axis(units[rows], order, axis=1)
    ord_s[rows] = np.take_along_axis(is_order[rows], order, axis=1)
    # drop the trailing columns no line uses (unused tranches sort last)
    used = max(int(np.isfinite(day_s).any(axis=0).sum()), 2)
    day_s, units_s, ord_s = day_s[:, :used], units_s[:, :used], ord_s[:, :used]
    return Tranches(day=day_s, units=units_s, is_order=ord_s & np.isfinite(day_s), order_day=od)


@dataclass(frozen=True)
class SegmentTerms:
    """Envelope terms of each line's segments ``[n, J]``: ``slope`` (share of the baseline sold before the next
    tranche), ``base_intercept`` (units landed so far, the order excluded, minus known units due; ``inf`` = unused)
    and ``after_order`` (the segment comes after the order lands)."""

    slope: np.ndarray
    base_intercept: np.ndarray
    after_order: np.ndarray

    def intercept(self, order_units: np.ndarray, pre_units: np.ndarray | None = None) -> np.ndarray:
        """Intercepts with ``order_units`` ordered (``inf`` order units: an unlimited order); ``pre_units`` of them
        (at most ``order_units``) are ordinary stock sellable from the window start, the rest sells from the order's
        tranche (campaign stock reserved until the campaign starts)."""
        q = np.asarray(order_units, dtype=float)[:, None]
        with np.errstate(invalid="ignore"):
            if pre_units is None:
                return np.where(self.after_order, self.base_intercept + q, self.base_intercept)
            o = np.minimum(np.asarray(pre_units, dtype=float)[:, None], q)
            return np.where(self.after_order, self.base_intercept + q, self.base_intercept + o)

    def take(self, idx: np.ndarray) -> SegmentTerms:
        """The terms of the lines ``idx``."""
        return SegmentTerms(self.slope[idx], self.base_intercept[idx], self.after_order[idx])


def segment_terms(tr: Tranches, wd: WindowDemand, series: np.ndarray, share: np.ndarray) -> SegmentTerms:
    """Slopes and intercepts of every segment of each line (module docstring)."""
    n, J = tr.day.shape
    seg_end = np.empty((n, J))
    seg_end[:, :-1] = tr.day[:, 1:]
    seg_end[:, -1] = wd.end
    seg_end = np.minimum(seg_end, wd.end)
    used = np.isfinite(tr.day)
    # segments that end with the window sell all of the baseline and all known units: no lookup needed
    slope = np.ones((n, J))
    known = np.broadcast_to((share * wd.known_units[series])[:, None], (n, J)).copy()
    r, c = np.nonzero(used & (seg_end < wd.end))
    slope[r, c] = wd.baseline_before(series[r], seg_end[r, c])
    known[r, c] = share[r] * wd.known_before(series[r], seg_end[r, c])
    # a series without baseline demand sells it all at once: keep the slope 1
    landed = np.cumsum(np.where(used, tr.units, 0.0), axis=1)
    base = np.where(used, landed - known, np.inf)
    after = np.cumsum(tr.is_order, axis=1) > 0
    return SegmentTerms(slope=slope, base_intercept=base, after_order=after & np.isfinite(tr.day))


@dataclass(frozen=True)
class OrderBasis:
    """What an order must cover, per line (module docstring): the law of the line's baseline from the day it lands to
    the window end (``after_law``), the known units due then (``known_after``), the stock landing after it
    (``stock_after``) and the stock expected to be left when it lands (``carry``). ``lands``: it lands in the window."""

    after_law: DemandLaw
    known_after: np.ndarray
    stock_after: np.ndarray
    carry: np.ndarray
    lands: np.ndarray


def order_basis(tr: Tranches, terms: SegmentTerms, wd: WindowDemand, law: DemandLaw, series: np.ndarray,
                share: np.ndarray) -> OrderBasis:
    """The basis of each line's order (``law``: the line's window law; module docstring for the formulas)."""
    n = series.shape[0]
    lands = tr.order_lands
    day = np.where(lands, tr.order_day, float(wd.end))
    mid = lands & (day > 0)
    after_law = law
    if mid.any():
        idx = np.flatnonzero(mid)
        sub = wd.baseline_after(series[idx], day[idx], share[idx])
        fields = {f: getattr(law, f).copy() for f in LAW_FIELDS}
        for f in fields:
            fields[f][idx] = getattr(sub, f)
        after_law = DemandLaw(**fields)
    used = np.isfinite(tr.day)
    after_cols = terms.after_order & used
    stock_after = np.where(after_cols, tr.units, 0.0).sum(axis=1)
    before_units = np.where(used & ~after_cols, tr.units, 0.0).sum(axis=1)
    # the segment just before the order ends on the day it lands: its slope and known units are the sales before it
    j_pre = np.maximum(np.argmax(tr.is_order, axis=1) - 1, 0)
    landed_pre = np.take_along_axis(np.cumsum(np.where(used, tr.units, 0.0), axis=1), j_pre[:, None], axis=1)[:, 0]
    share_before = np.take_along_axis(terms.slope, j_pre[:, None], axis=1)[:, 0]
    known_before = landed_pre - np.take_along_axis(terms.base_intercept, j_pre[:, None], axis=1)[:, 0]
    known_all = share * wd.known_units[series]
    known_after = known_all - np.where(mid, known_before, 0.0)
    # an order at the start: the start stock counts with it (nothing sells before it lands)
    stock_after = np.where(mid, stock_after, stock_after + before_units)
    carry = np.zeros(n)
    if mid.any():
        idx = np.flatnonzero(mid)
        pre = np.where(after_cols[idx], np.inf, terms.base_intercept[idx])
        lost_before = envelope_risk(law.take(idx), terms.slope[idx], pre).expected_lost
        sold_before = share_before[idx] * law.mean[idx] + known_before[idx] - lost_before
        carry[idx] = np.maximum(before_units[idx] - sold_before, 0.0)
    return OrderBasis(after_law=after_law, known_after=np.maximum(known_after, 0.0), stock_after=stock_after,
                      carry=carry, lands=lands)


def order_need(basis: OrderBasis, prob: np.ndarray | float) -> np.ndarray:
    """Units to order so that the days after the order lands are covered with probability ``prob`` (>= 0; 0 where
    the order never lands): ``F_after^-1(prob) + known after - stock landing after - carry``.

    Equations used: the service-level target ``F^-1(alpha)`` minus what is available (Silver, Pyke & Peterson §7.1)
    over the days the order can still serve; with ``prob = cu / (cu + co)`` the newsvendor optimum (Snyder & Shen,
    eq. (4.16)).
    """
    q = law_quantile(basis.after_law, prob)
    need = q + basis.known_after - basis.stock_after - basis.carry
    return np.where(basis.lands, np.maximum(need, 0.0), 0.0)


def ordinary_part(ordinary_units: np.ndarray, qty_units: np.ndarray) -> np.ndarray:
    """The ordinary units of an order of ``qty_units`` whose ordinary need is ``ordinary_units``: whole units (rounded
    up), never more than the order (a cut falls on the campaign stock first)."""
    return np.minimum(np.ceil(np.asarray(ordinary_units, dtype=float) - 1e-9), qty_units)


def ordinary_need(terms: SegmentTerms, law: DemandLaw, prob: np.ndarray | float, eligible: np.ndarray) -> np.ndarray:
    """Ordinary units an order reserved for the campaign must carry besides its campaign stock, on the ``eligible``
    lines (the order lands by the window start but its tranche, in ``terms``, waits for the campaign).

    Equation used: with ordinary stock ``O`` at the start, the sales before the reserved tranche run out only if
    ``F_j B > C_j + O`` for a segment ``j`` before it (the lost-sales envelope of ``plan.risk``), so
    ``O = max(0, max_j (F_j F^-1(prob) - C_j))`` keeps that below ``1 - prob``: the service-level target of Silver,
    Pyke & Peterson §7.1 over the days before the campaign. The order's total need is unchanged (an order landing by
    the window start covers ``F^-1(prob) + K - stock``); ``O`` is the part of it that is not declared as campaign
    stock."""
    n = terms.slope.shape[0]
    out = np.zeros(n)
    idx = np.flatnonzero(eligible)
    if not idx.size:
        return out
    p = np.broadcast_to(np.asarray(prob, dtype=float), (n,))[idx]
    qp = law_quantile(law.take(idx), p)
    pre = ~terms.after_order[idx] & np.isfinite(terms.base_intercept[idx])
    with np.errstate(invalid="ignore"):
        gap = np.where(pre, terms.slope[idx] * qp[:, None] - terms.base_intercept[idx], -np.inf).max(axis=1)
    out[idx] = np.maximum(gap, 0.0)
    return out

