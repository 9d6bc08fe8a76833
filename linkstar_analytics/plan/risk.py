"""Stockout and overstock risk from closed-form loss functions of the plan's demand law (vectorised).

The demand law
--------------
The baseline window demand of a line is the moment-matched Gamma of the forecast with the count zero mass
(:mod:`linkstar_analytics.distributions`, the rule the forecast's quantiles use too):

    B = c * G * 1{U > p0},   G = F_G^-1(U) ~ Gamma(shape a, scale theta),   U ~ Uniform(0, 1)

(comonotone: B's p-quantile is 0 for p <= p0 and ``c`` times G's p-quantile above). ``c`` is 1 for a whole
series; a line that gets a share of a market's demand carries the thinned law of :func:`law_from_moments` with
``c`` chosen so the routed means add up to the market's (see ``plan.demand``). A :class:`DemandLaw` holds
``shape a``, ``scale s = c theta``, the zero-mass cut ``x0 = F_Gamma(a,1)^-1(p0)`` and the mean.

Closed forms (``Q(a, x)`` the regularised upper incomplete gamma, ``x = max(t / s, x0)``, t >= 0):

* ``P(B > t) = Q(a, x)``
* ``E[B 1{B > t}] = a s Q(a + 1, x)``, with ``Q(a + 1, x) = Q(a, x) + x^a e^-x / Gamma(a + 1)``
  (DLMF 8.8.6), so each threshold costs one incomplete gamma;
* expected shortage (the loss function) ``E[(B - t)+] = E[B 1{B > t}] - t P(B > t)`` and for t < 0
  ``E[B] - t`` (Snyder & Shen (2019), *Fundamentals of Supply Chain Theory*, 2nd ed., §C.3);
* expected leftover ``E[(t - B)+] = t - E[B] + E[(B - t)+]``; fill rate ``1 - E[(B - t)+] / E[B]`` (the P2
  measure, Silver, Pyke & Peterson (1998), *Inventory Management and Production Planning and Scheduling*,
  3rd ed., §7.1).

Quantiles come from a cached table of unit-mean Gamma quantiles over (log10 shape, normal score of p),
interpolated bilinearly in ``w = a log(y) / (1 + sqrt(a))`` (smooth for small and large shapes; relative error
below 4e-4 for shapes >= 0.1 and 4e-3 down to 0.01 against ``scipy.special.gammaincinv``, see tests): a lever
move costs a gather, not thousands of inverse incomplete gammas.

Stock that arrives in tranches
------------------------------
A line holds stock that becomes sellable in tranches (stock at the window start, shipments landing in the
window, the order). With lost sales the units lost over the window are ``L = sup_s (D(s) - S(s))+`` (the
reflection of demand minus supply, Harrison (1985), *Brownian Motion and Stochastic Flow Systems*, §2.2); with
the window's demand spread over its days in proportion to the daily means (``D(s) = f(s) B + K(s)``, K the
known demand) the supremum is reached just before a tranche lands, so

    L(B) = max(0, max_j (F_j B - C_j))

with ``F_j`` the share of the baseline sold before tranche j + 1 lands (1 for the last) and ``C_j`` the stock
landed up to tranche j minus the known demand due by then. ``L`` is convex and piecewise linear, so
``E[L] = sum_k (slope increase at breakpoint b_k) E[(B - b_k)+]`` over the breakpoints of the upper envelope
(:func:`envelope_risk`), and ``P(L > 0) = P(B > b_1)``: one incomplete gamma per breakpoint.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
from scipy import special

from linkstar_analytics.distributions import count_zero_prob

__all__ = [
    "LAW_FIELDS",
    "MEAN_DUST_UNITS",
    "DemandLaw",
    "EnvelopeRisk",
    "envelope_risk",
    "expected_shortage",
    "law_from_moments",
    "law_quantile",
    "law_quantiles",
    "tail_prob",
    "unit_gamma_quantile",
]

#: Window means at or below this many units are no demand (float dust of summed forecasts).
MEAN_DUST_UNITS = 1e-9
#: Zero masses at or below this are no zero mass (the cut is 0): below 1e-6 it moves no quantile from the
#: p10 up and the mean by less than a millionth.
_P0_NONE = 1e-6

_LOG_SHAPE_MIN, _LOG_SHAPE_MAX, _SHAPES_PER_DECADE = -3.0, 6.0, 48
_Z_MIN, _Z_MAX, _Z_STEP = -6.0, 6.0, 0.02


#: Builds the quantile table once per process: a thread that needs it while another builds it waits for that one.
_TABLE_LOCK = threading.Lock()


def _quantile_table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(log10 shapes, normal scores, w = a log(y) / (1 + sqrt a)) of unit-mean Gamma quantiles y (built once)."""
    with _TABLE_LOCK:
        return _build_quantile_table()


@lru_cache(maxsize=1)
def _build_quantile_table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    logs = np.linspace(_LOG_SHAPE_MIN, _LOG_SHAPE_MAX, int(round((_LOG_SHAPE_MAX - _LOG_SHAPE_MIN) * _SHAPES_PER_DECADE)) + 1)
    zs = np.linspace(_Z_MIN, _Z_MAX, int(round((_Z_MAX - _Z_MIN) / _Z_STEP)) + 1)
    a = 10.0 ** logs
    with np.errstate(divide="ignore", invalid="ignore"):
        y = special.gammaincinv(a[:, None], special.ndtr(zs)[None, :]) / a[:, None]
        w = np.log(np.maximum(y, 1e-300)) * (a / (1.0 + np.sqrt(a)))[:, None]
    w = np.maximum.accumulate(w, axis=1)
    for arr in (logs, zs, w):
        arr.flags.writeable = False
    return logs, zs, w


@dataclass(frozen=True)
class _ShapeCoords:
    """Where each shape sits in the quantile table (computed once per law, reused for every probability)."""

    row: np.ndarray  # flat index of the lower table row
    weight: np.ndarray  # interpolation weight of the upper row
    back: np.ndarray  # (1 + sqrt a) / a: w -> log(y)


def _shape_coords(shape: np.ndarray) -> _ShapeCoords:
    logs, zs, _w = _quantile_table()
    a = np.clip(np.asarray(shape, dtype=float), 10.0 ** _LOG_SHAPE_MIN, 10.0 ** _LOG_SHAPE_MAX)
    fi = (np.log10(a) - _LOG_SHAPE_MIN) * _SHAPES_PER_DECADE
    i0 = np.clip(np.floor(fi).astype(np.int64), 0, len(logs) - 2)
    return _ShapeCoords(row=i0 * len(zs), weight=fi - i0, back=(1.0 + np.sqrt(a)) / a)


def _table_quantile(coords: _ShapeCoords, prob) -> np.ndarray:
    _logs, zs, w = _quantile_table()
    flat = w.reshape(-1)
    nz = len(zs)
    p = np.asarray(prob, dtype=float)
    z = np.clip(special.ndtri(np.clip(p, 1e-300, 1.0 - 1e-16)), _Z_MIN, _Z_MAX)
    fj = (z - _Z_MIN) / _Z_STEP
    j0 = np.clip(np.floor(fj).astype(np.int64), 0, nz - 2)
    wj = fj - j0
    k = coords.row + j0
    lo = flat[k] * (1.0 - wj) + flat[k + 1] * wj
    hi = flat[k + nz] * (1.0 - wj) + flat[k + nz + 1] * wj
    return np.exp((lo + (hi - lo) * coords.weight) * coords.back)


def unit_gamma_quantile(shape: np.ndarray, prob: np.ndarray) -> np.ndarray:
    """Quantile of the unit-mean Gamma (shape ``a``, scale ``1/a``) at ``prob``, elementwise (table lookup).

    ``prob`` is clipped to the table's normal-score range (1e-9 .. 1 - 1e-9); shapes beyond the table are
    clamped (a shape of 1e6 is within 1e-6 of its normal limit).
    """
    return _table_quantile(_shape_coords(shape), prob)


#: The array fields of a :class:`DemandLaw`, in order.
LAW_FIELDS: tuple[str, ...] = ("shape", "scale", "cut", "mean", "point", "log_norm", "zero_prob")


@dataclass(frozen=True)
class DemandLaw:
    """The baseline demand law of each entry (arrays ``[n]``), see the module docstring.

    ``shape``/``scale``: the Gamma (``scale`` already includes the share rescale c); ``cut``: the zero-mass cut in
    Gamma(shape, 1) units (0 = no zero mass); ``mean``: ``E[B]``; ``point``: entries without spread (their demand is
    exactly ``mean``, 0 included); ``log_norm = log Gamma(shape + 1)``; ``zero_prob``: the zero mass (quantiles at or
    below it are 0).
    """

    shape: np.ndarray
    scale: np.ndarray
    cut: np.ndarray
    mean: np.ndarray
    point: np.ndarray
    log_norm: np.ndarray
    zero_prob: np.ndarray

    def take(self, idx: np.ndarray) -> DemandLaw:
        """The laws of the entries ``idx``."""
        return DemandLaw(*(getattr(self, f)[idx] for f in LAW_FIELDS))

    @property
    def size(self) -> int:
        return int(self.mean.shape[0])

    @cached_property
    def _coords(self) -> _ShapeCoords:
        return _shape_coords(self.shape)


def _upper(a: np.ndarray, x: np.ndarray, log_norm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(Q(a, x), Q(a + 1, x))`` for x >= 0 (one incomplete gamma; the recurrence gives the second)."""
    q = special.gammaincc(a, x)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        term = np.exp(special.xlogy(a, x) - x - log_norm)  # x^a e^-x / Gamma(a + 1); 0 at x = 0 (a > 0)
    return q, np.minimum(q + term, 1.0)


def law_from_moments(mean: np.ndarray, var: np.ndarray, *, target_mean: np.ndarray | None = None,
                     cut_newton_steps: int = 0, quantiles_only: bool = False) -> DemandLaw:
    """The demand law of count totals with mean ``mean`` and variance ``var`` (elementwise).

    Gamma moment matching ``a = m^2 / v``, ``theta = v / m`` (the continuous counterpart of the negative
    binomial); zero mass ``p0 = count_zero_prob(m, v)`` (negative binomial ``P(Y = 0)``) cut at
    ``x0 = F_Gamma(a,1)^-1(p0)`` from the quantile table (``cut_newton_steps`` Newton steps on the exact CDF refine
    it further); ``E[B] = a theta Q(a + 1, x0)``. With ``target_mean`` the law is rescaled (``c = target_mean /
    E[B]``) so its mean is exactly ``target_mean``. ``quantiles_only`` skips the cut (the law then serves
    :func:`law_quantile` only, its mean is the Gamma's).
    """
    m = np.clip(np.nan_to_num(np.asarray(mean, dtype=float)), 0.0, None)
    v = np.clip(np.nan_to_num(np.asarray(var, dtype=float)), 0.0, None)
    pos = (m > MEAN_DUST_UNITS) & (v > 1e-18 * np.maximum(m * m, 1.0))
    a = np.where(pos, m * m / np.where(pos, v, 1.0), 1.0)
    theta = np.where(pos, v / np.where(pos, m, 1.0), 0.0)
    p0 = np.where(pos, count_zero_prob(m, v), 0.0)
    has0 = pos & (p0 > _P0_NONE)
    p0 = np.where(has0, p0, 0.0)
    cut = np.zeros_like(m)
    # log Gamma(a + 1) serves the loss functions only (NaN in a quantiles-only law, so a misuse shows)
    log_norm = np.full_like(m, np.nan) if quantiles_only else special.gammaln(a + 1.0)
    q1 = np.ones_like(m)
    if has0.any() and not quantiles_only:
        i = np.flatnonzero(has0)
        ai, pi = a[i], p0[i]
        x = unit_gamma_quantile(ai, pi) * ai
        if cut_newton_steps:
            lg = special.gammaln(ai)
            for _ in range(int(cut_newton_steps)):
                with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
                    dens = np.exp((ai - 1.0) * np.log(np.maximum(x, 1e-300)) - x - lg)
                    step = (special.gammainc(ai, x) - pi) / np.where(dens > 0, dens, np.inf)
                x = np.maximum(x - np.nan_to_num(step), x * 0.1)
        cut[i] = x
        # the mass below the cut is the law's zero mass (the table's cut is within 1e-4 of p0's): one incomplete
        # gamma here keeps E[B] and the loss functions at and below the cut exactly consistent
        _, q1[i] = _upper(ai, x, log_norm[i])
    raw_mean = a * theta * q1
    point = ~pos
    base_mean = np.where(pos, raw_mean, np.where(m > MEAN_DUST_UNITS, m, 0.0))
    if target_mean is not None:
        tm = np.asarray(target_mean, dtype=float)
        c = np.where(pos & (raw_mean > 0), tm / np.where(raw_mean > 0, raw_mean, 1.0), 1.0)
        return DemandLaw(shape=a, scale=theta * c, cut=cut, mean=np.where(pos, tm, base_mean), point=point,
                         log_norm=log_norm, zero_prob=p0)
    return DemandLaw(shape=a, scale=theta, cut=cut, mean=base_mean, point=point, log_norm=log_norm, zero_prob=p0)


def _tail_stats(law: DemandLaw, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(P(B > t), E[B 1{B > t}])`` per entry (``t`` may be negative or infinite)."""
    t = np.asarray(t, dtype=float)
    ev = ~law.point & (t >= 0) & (t < np.inf)  # entries read from the Gamma (NaN/inf thresholds: never exceeded)
    i = np.flatnonzero(ev)
    if i.size == t.size:  # every entry has spread and a finite threshold: no masks needed
        s = law.scale
        q0, q1 = _upper(law.shape, np.maximum(t / s, law.cut), law.log_norm)
        return q0, law.shape * s * q1
    # t < 0: the whole law is above it; a point law is above t when its value is
    prob = np.where((t < 0) | (law.point & (law.mean > t)), 1.0, 0.0)
    part = prob * law.mean
    if i.size:
        s = law.scale[i]
        x = np.maximum(t[i] / s, law.cut[i])
        q0, q1 = _upper(law.shape[i], x, law.log_norm[i])
        prob[i] = q0
        part[i] = law.shape[i] * s * q1
    return prob, part


def tail_prob(law: DemandLaw, t: np.ndarray) -> np.ndarray:
    """``P(B > t)`` per entry."""
    return _tail_stats(law, t)[0]


def expected_shortage(law: DemandLaw, t: np.ndarray) -> np.ndarray:
    """The loss function ``E[(B - t)+]`` per entry (``E[B] - t`` for t < 0; 0 for t = inf)."""
    t = np.asarray(t, dtype=float)
    prob, part = _tail_stats(law, t)
    return np.maximum(part - np.where(np.isfinite(t), t, 0.0) * prob, 0.0)


def law_quantile(law: DemandLaw, prob: np.ndarray | float) -> np.ndarray:
    """``F_B^-1(prob)`` per entry: 0 at or below the zero mass, ``scale * Gamma(shape, 1)^-1(prob)`` above."""
    p = np.asarray(prob, dtype=float)
    y = _table_quantile(law._coords, p) * law.shape * law.scale
    q = np.where((p <= law.zero_prob) | (p <= 0.0), 0.0, y)
    return np.where(law.point, np.where(p > 0, law.mean, 0.0), q)


def law_quantiles(law: DemandLaw, probs) -> np.ndarray:
    """``[n, k]`` quantiles of each entry at each of the ``k`` probabilities ``probs`` (one table pass)."""
    p = np.asarray(probs, dtype=float)[None, :]
    c = law._coords
    coords = _ShapeCoords(row=c.row[:, None], weight=c.weight[:, None], back=c.back[:, None])
    y = _table_quantile(coords, p) * (law.shape * law.scale)[:, None]
    q = np.where((p <= law.zero_prob[:, None]) | (p <= 0.0), 0.0, y)
    return np.where(law.point[:, None], np.where(p > 0, law.mean[:, None], 0.0), q)


@dataclass(frozen=True)
class EnvelopeRisk:
    """Risk of lines whose stock lands in tranches (arrays ``[n]``): expected lost units ``E[L]`` and
    ``P(L > 0)`` (stockout probability); ``first_break`` is the baseline demand at which the first unit is lost."""

    expected_lost: np.ndarray
    stockout_prob: np.ndarray
    first_break: np.ndarray


def _crossing(f_lo: np.ndarray, c_lo: np.ndarray, f_hi: np.ndarray, c_hi: np.ndarray) -> np.ndarray:
    """Baseline demand above which line ``F_hi B - C_hi`` beats ``F_lo B - C_lo`` (F_hi >= F_lo); -inf when it
    always does, +inf when it never does."""
    df = f_hi - f_lo
    with np.errstate(invalid="ignore", divide="ignore"):
        x = (c_hi - c_lo) / np.where(df > 0, df, 1.0)
        eq = np.where(c_hi < c_lo, -np.inf, np.inf)
    x = np.where(df > 0, x, eq)
    return np.where(np.isnan(x), np.inf, x)


def envelope_risk(law: DemandLaw, slopes: np.ndarray, intercepts: np.ndarray) -> EnvelopeRisk:
    """``E[L]`` and ``P(L > 0)`` for ``L(B) = max(0, max_j (slopes[:, j] B - intercepts[:, j]))`` (module docstring).

    Parameters
    ----------
    law : DemandLaw of the ``n`` lines.
    slopes : ``[n, J]``, non-decreasing along J over the used entries, in [0, 1]: the share of the baseline sold
        before tranche j + 1 lands.
    intercepts : ``[n, J]``: stock landed to tranche j minus the known demand due by then; ``+inf`` marks unused
        entries (never binding).

    A line with a single tranche at the window start (slope 1, intercept S - K) gives the classic loss function
    ``E[(B - (S - K))+]``. Lines are processed in groups by their number of used entries, so the pairwise work of
    the envelope is only spent where stock lands more than once.
    """
    f = np.asarray(slopes, dtype=float)
    c = np.asarray(intercepts, dtype=float)
    n, J = f.shape
    if J <= 2:
        fin = np.isfinite(c)
        if J == 2 and not (fin[:, 0] | ~fin[:, 1]).all():  # used entry first
            swap = ~fin[:, 0] & fin[:, 1]
            f = np.where(swap[:, None], f[:, ::-1], f)
            c = np.where(swap[:, None], c[:, ::-1], c)
        loss, prob, first = _envelope_core(law, f, c)
    else:
        # most lines use one or two entries: the written-out two-line envelope on their first and last used entries
        # (entries are in day order), the general one for the rest
        fin = np.isfinite(c)
        used = fin.sum(axis=1)
        rows = np.arange(n)
        i0 = np.argmax(fin, axis=1)
        i1 = J - 1 - np.argmax(fin[:, ::-1], axis=1)
        narrow = used <= 2
        c0 = np.where(narrow & (used >= 1), c[rows, i0], np.inf)
        c1 = np.where(narrow & (used == 2), c[rows, i1], np.inf)
        loss, prob, first = _envelope_core(law, np.stack([f[rows, i0], f[rows, i1]], axis=1), np.stack([c0, c1], axis=1))
        if not narrow.all():
            w = np.flatnonzero(~narrow)
            fw, cw, finw = f[w], c[w], fin[w]
            order = np.argsort(~finw, axis=1, kind="stable")  # used entries first (stable: keeps their day order)
            fw = np.take_along_axis(fw, order, axis=1)
            cw = np.take_along_axis(cw, order, axis=1)
            lo_, pr_, fb_ = _envelope_core(law.take(w), fw, cw)
            loss[w], prob[w], first[w] = lo_, pr_, fb_
    return EnvelopeRisk(expected_lost=np.maximum(loss, 0.0), stockout_prob=np.clip(prob, 0.0, 1.0), first_break=first)


def _envelope_core(law: DemandLaw, f: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`envelope_risk` for lines whose ``J`` entries are all used."""
    n, J = f.shape
    # a flat segment (no baseline sold before the next tranche) with known demand above the stock is a sure loss:
    # a tiny slope keeps it a proper line of the envelope (its breakpoint ~ -inf: E[(B - b)+] ~ -b, times the slope)
    f = np.maximum(f, 1e-12)
    if J == 1:
        b = c[:, 0] / f[:, 0]
        tail, part = _tail_stats(law, b)
        loss = f[:, 0] * np.maximum(part - b * tail, 0.0)
        return loss, tail, b
    if J == 2:  # the common case (stock at the start, then the order): three lines, written out
        zero = np.zeros(n)
        x01 = _crossing(zero, zero, f[:, 0], c[:, 0])
        x02 = _crossing(zero, zero, f[:, 1], c[:, 1])
        x12 = _crossing(f[:, 0], c[:, 0], f[:, 1], c[:, 1])
        lo_all = np.stack([x01, np.maximum(x02, x12)], axis=1)
        hi = np.stack([x12, np.full(n, np.inf)], axis=1)
        prev_slope = np.stack([zero, np.where(x12 > x02, f[:, 0], 0.0)], axis=1)
        return _envelope_sum(law, f, c, lo_all, hi, prev_slope)
    # the upper envelope of 0 and the lines: line j is on it between lo_j (where it overtakes the lines before it)
    # and hi_j (where a later line overtakes it); its predecessor on the envelope is the line it overtakes last
    fz = np.concatenate([np.zeros((n, 1)), f], axis=1)
    cz = np.concatenate([np.zeros((n, 1)), c], axis=1)
    x = _crossing(fz[:, :, None], cz[:, :, None], fz[:, None, :], cz[:, None, :])  # [n, J+1, J+1]: i beaten by j
    iu = np.triu(np.ones((J + 1, J + 1), dtype=bool), 1)
    lower = np.where(iu[None], x, -np.inf)  # entries i < j
    lo_all = lower.max(axis=1)[:, 1:]  # [n, J]
    arg = lower.argmax(axis=1)[:, 1:]
    prev_slope = np.take_along_axis(fz, arg, axis=1)
    upper = np.where(iu[None], x, np.inf)  # x[j, k] for j < k: where k beats j
    hi = upper.min(axis=2)[:, 1:]
    return _envelope_sum(law, f, c, lo_all, hi, prev_slope)


def _envelope_sum(law: DemandLaw, f: np.ndarray, c: np.ndarray, lo_all: np.ndarray, hi: np.ndarray,
                  prev_slope: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``E[L] = sum over active pieces of (slope - previous slope) E[(B - lo)+]``, ``P(B > first breakpoint)``.

    One pass per column over all lines (unused entries are skipped inside :func:`_tail_stats`); the first active
    piece from the left holds the first breakpoint (breakpoints increase along the envelope).
    """
    n, J = f.shape
    active = lo_all < hi
    loss = np.zeros(n)
    first = np.full(n, np.inf)
    prob = np.zeros(n)
    seen = np.zeros(n, dtype=bool)
    for j in range(J):
        a = active[:, j]
        if not a.any():
            continue
        b = lo_all[:, j]
        finb = np.isfinite(b)
        # b = -inf only for a flat segment whose known demand exceeds its stock: a sure loss of -C
        t = np.where(a & finb, b, np.where(a, -1.0, np.inf))
        tail, part = _tail_stats(law, t)
        es = np.maximum(part - np.where(finb, b, 0.0) * tail, 0.0)
        loss += np.where(a, np.where(finb, (f[:, j] - prev_slope[:, j]) * es, np.maximum(-c[:, j], 0.0)), 0.0)
        # a flat piece (nothing sold before the next tranche, clamped to a tiny slope above) that is not a sure loss
        # never runs short: it is no stockout, so the first breakpoint is that of the next piece
        harmless = (f[:, j] <= 1e-12) & finb & (c[:, j] >= 0)
        new = a & ~seen & ~harmless
        first = np.where(new, b, first)
        prob = np.where(new, np.where(finb, tail, 1.0), prob)
        seen |= a & ~harmless
    return loss, prob, first
