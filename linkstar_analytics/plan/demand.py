"""Window demand per SKU x market for the demand levers, and the demand law of each line (vectorised).

For a scenario (uplift lever ``u``, cover days ``c``, presale and deposit conversion), the window total of series
``s`` is

    D_s = B_s + K_s,   K_s = presale_plain x pc + presale_deposit x dc + X_s(u, c)

``B_s`` the baseline (forecast x campaign effects) and ``K_s`` known units: converted presale (delivered on the
first campaign day) and creator units in excess of what the forecast already implies for creator channels
(``X``, see :mod:`linkstar_analytics.plan.inputs`). From the window arrays (``alpha``/``beta`` parts, day
``t`` of ``0 .. camp_hi + c``):

* mean ``M = sum b alpha + u sum b beta`` (the lever scales the campaign's lift over the baseline);
* variance ``V = k^2 [(1 - rho) sum s_t^2 + rho (sum s_t)^2 + (sum b (alpha + u beta) cv)^2]`` with day sds
  ``s_t = sigma_t (alpha_t + u beta_t)`` (equicorrelated days, forecast/base.py ``window_moments``; one campaign error
  shared by its days) and ``k`` the forecast's calibration ``window_sd_scale``;
* ``B_s`` follows :func:`linkstar_analytics.plan.risk.law_from_moments` (Gamma with the count zero mass).

Pooling
-------
A line that gets the share ``w`` of its market's demand faces its own share's distribution: demand routed to a
warehouse is a binomial thinning of the market's count (each order lands in one warehouse), with mean ``w M`` and
variance ``w^2 V + w (1 - w) M`` (the law of total variance over the thinning; for a negative binomial it is again
negative binomial with the same size, Harremoës, Johnson & Kontoyiannis (2010), *Thinning, entropy and the law of
thin numbers*). Its law is rescaled so the routed means add up exactly to the market's. So a market split over
several warehouses needs more stock for the same service than one warehouse holding it all (the pooling penalty),
and the same stock split the same way runs out more often.

Time
----
``baseline_before(d)`` is the share of ``B`` sold before window day ``d`` (the daily means' share, so demand is
spread over the window as the forecast expects), ``known_before(d)`` the known units due before ``d``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from linkstar_analytics.plan.inputs import MAX_COVER_DAYS, PlanInputs
from linkstar_analytics.plan.risk import LAW_FIELDS, MEAN_DUST_UNITS, DemandLaw, law_from_moments

__all__ = ["MEAN_DUST_UNITS", "WindowDemand", "line_laws", "window_demand"]


@dataclass(frozen=True, eq=False)
class WindowDemand:
    """Series-level window demand for one set of demand levers (arrays ``[n_s]``).

    ``end``: days in the window (cumulative index of its end); ``count_mean``/``count_var``: the baseline's
    moments before the zero mass (``M``, ``V``); ``baseline``: its law; ``presale_units``, ``creator_units``: known
    units; ``mean``: ``E[D_s]``; ``inputs``: the plan inputs it came from (None for a window built by hand, which
    then only serves :func:`line_laws`); ``end_sums``: the sums at the window end, kept for later lookups.
    """

    end: int
    uplift_multiplier: float
    count_mean: np.ndarray
    count_var: np.ndarray
    baseline: DemandLaw
    presale_units: np.ndarray
    creator_units: np.ndarray
    inputs: PlanInputs | None  # the plan inputs the window came from (its cumulative arrays)
    end_sums: tuple[np.ndarray, ...] | None = None  # the window's sums (mean, s2, s1, err) per series at its end

    @property
    def known_units(self) -> np.ndarray:
        return self.presale_units + self.creator_units

    @property
    def mean(self) -> np.ndarray:
        return self.baseline.mean + self.known_units

    def _day_index(self, day) -> np.ndarray:
        """Window days as cumulative indices in ``0 .. end`` (NaN / inf: the end)."""
        d = np.asarray(day, dtype=float)
        return np.where(d < self.end, np.maximum(d, 0.0), self.end).astype(np.int64)

    def baseline_before(self, series: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Share of the series' baseline sold before window day ``day`` (0 at day <= 0, 1 from the window end)."""
        g = self.inputs.window.sums_at(series, self._day_index(day))
        part = g[:, 0] + self.uplift_multiplier * g[:, 1]
        tot = self.count_mean[series]
        return np.where(tot > MEAN_DUST_UNITS, np.clip(part / np.where(tot > 0, tot, 1.0), 0.0, 1.0), 1.0)

    def baseline_after(self, series: np.ndarray, day: np.ndarray, share: np.ndarray) -> DemandLaw:
        """The law of the line's baseline from window day ``day`` to the window end (its share of the market, thinned
        as in :func:`line_laws`): what an order landing that day must cover."""
        m, v = _moments(self.inputs, series, self._day_index(day), self.end, self.uplift_multiplier,
                        end_sums=self.end_sums)
        w = np.asarray(share, dtype=float)
        return law_from_moments(w * m, w * w * v + w * (1.0 - w) * m, quantiles_only=True)

    def known_before(self, series: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Known units (converted presale, creator excess) due before window day ``day``."""
        w = self.inputs.window
        d = self._day_index(day)
        presale = np.where(d > w.presale_day, self.presale_units[series], 0.0)
        has = w.has_creators[series]
        if not has.any():
            return presale
        i = np.flatnonzero(has)
        sched = w.creators_cum[series[i], d[i]]
        tot = w.creators_cum[series[i], self.end]
        out = presale.copy()
        out[i] += np.where(tot > 0, self.creator_units[series[i]] * sched / np.where(tot > 0, tot, 1.0), 0.0)
        return out


def _sums_at(inputs: PlanInputs, rows, day, u: float) -> tuple[np.ndarray, ...]:
    """Cumulative sums before ``day`` (mean, sum of day variances, sum of day sds, campaign error) for the lever ``u``."""
    w = inputs.window
    g = w.sums_cum[:, day] if isinstance(rows, slice) else w.sums_at(rows, day)  # [n, 9]: the nine sums at once
    return (g[..., 0] + u * g[..., 1],
            g[..., 2] + 2.0 * u * g[..., 3] + u * u * g[..., 4],
            g[..., 5] + u * g[..., 6],
            g[..., 7] + u * g[..., 8])


def _moments(inputs: PlanInputs, series: np.ndarray | None, start, end, u: float,
             end_sums: tuple[np.ndarray, ...] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance of the baseline over window days ``start .. end - 1`` (cumulative indices; per series, or
    per entry of ``series`` with ``start`` an array). ``end_sums``: the per-series sums at ``end``, when known."""
    w = inputs.window
    rows = slice(None) if series is None else series
    hi = _sums_at(inputs, rows, end, u) if end_sums is None else tuple(x[rows] for x in end_sums)
    if isinstance(start, (int, np.integer)) and start == 0:
        m, s2, s1, err = hi
    else:
        lo = _sums_at(inputs, rows, start, u)
        m, s2, s1, err = (h - low for h, low in zip(hi, lo))
    m = np.where(m > MEAN_DUST_UNITS, m, 0.0)
    rho = w.rho[rows]
    var = np.maximum((1.0 - rho) * s2 + rho * s1 * s1 + err * err, 0.0) * w.sd_scale[rows] ** 2
    return m, np.where(m > 0, var, 0.0)


def window_demand(
    inputs: PlanInputs,
    *,
    uplift_multiplier: float,
    cover_days: int,
    presale_conversion_pct: float,
    deposit_conversion_pct: float,
) -> WindowDemand:
    """The window demand of every series for the demand levers (module docstring for the formulas)."""
    w = inputs.window
    c = int(min(max(cover_days, 0), MAX_COVER_DAYS))
    u = float(uplift_multiplier)
    end = w.camp_hi + 1 + c
    end_sums = _sums_at(inputs, slice(None), end, u)
    m, var = _moments(inputs, None, 0, end, u, end_sums=end_sums)
    law = law_from_moments(m, var)
    presale = (w.presale_plain_units * (presale_conversion_pct / 100.0)
               + w.presale_deposit_units * (deposit_conversion_pct / 100.0))
    creators = np.maximum(w.creators_cum[:, end] - w.creators_implied_cum[0, :, end]
                          - u * w.creators_implied_cum[1, :, end], 0.0)
    return WindowDemand(end=end, uplift_multiplier=u, count_mean=m, count_var=var, baseline=law,
                        presale_units=presale, creator_units=creators, inputs=inputs, end_sums=end_sums)


def line_laws(wd: WindowDemand, series: np.ndarray, share: np.ndarray) -> DemandLaw:
    """The baseline law of lines that get ``share`` of their series' demand (module docstring, "Pooling").

    A line with the whole market (share 1) has the series' law itself.
    """
    share = np.asarray(share, dtype=float)
    law = wd.baseline.take(series)
    split = np.flatnonzero((share < 1.0 - 1e-12) & (share > 0))
    zero = share <= 0
    if split.size == 0 and not zero.any():
        return law
    fields = {f: getattr(law, f).copy() for f in LAW_FIELDS}
    if split.size:
        s = series[split]
        w = share[split]
        m = wd.count_mean[s]
        sub = law_from_moments(w * m, w * w * wd.count_var[s] + w * (1.0 - w) * m,
                               target_mean=w * wd.baseline.mean[s])
        for f in fields:
            fields[f][split] = getattr(sub, f)
    fields["mean"][zero] = 0.0
    fields["point"][zero] = True
    return DemandLaw(**fields)
