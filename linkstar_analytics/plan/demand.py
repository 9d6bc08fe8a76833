"""Demand over the cover window as an equal-probability quantile grid, per SKU x market.

For a scenario, the window total of series ``s`` is

    D_s = B_s(u, c) + creators_s(c) + presale_plain_s * pc + presale_deposit_s * dc

where ``B`` is the baseline forecast summed over the window [window start, campaign end + ``c`` cover
days] with campaign days multiplied by the estimated uplift x the uplift lever ``u``; ``pc``/``dc`` are
the presale and deposit conversion fractions. Creator units and converted presale are treated as
known shifts (their own noise is small next to the baseline's and a shift keeps every quantile
non-decreasing in the conversion levers).

The baseline total is Gamma distributed, moment-matched (forecast/base.py): mean ``M`` and variance
``(1 - rho) * sum(sigma_t^2) + rho * (sum sigma_t)^2 + (u * cv * M_campaign)^2`` (equicorrelated days; on
campaign days mean and sd are x uplift as in forecast/uplift.py, and the uplift's own relative error ``cv``
is one error shared by every campaign day). Its quantiles at the
probabilities ``(k + 0.5) / K`` come from a precomputed table of unit-mean Gamma quantiles over a
log-spaced grid of shapes, interpolated linearly in log-shape (max relative error ~1e-3 against
``scipy.stats.gamma.ppf``, see tests), so a lever move costs a gather, not ``K x n`` inverse incomplete
gamma evaluations. Shapes above the table use the normal limit ``M + z sigma``. Grid points at or below the
count zero mass ``P(Y = 0)`` of the baseline are 0 units (``linkstar_analytics.distributions``: the same rule as
the forecast's quantiles, so a slow seller's p10 is 0 in both).

The grid ``D[s, k]`` is a discrete equal-weight distribution: any expectation over demand is
``mean_k f(D[s, k])`` (quantile / "midpoint rule" integration over probability).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import special, stats

from linkstar_analytics.distributions import apply_zero_mass, count_zero_prob
from linkstar_analytics.plan.inputs import MAX_COVER_DAYS, PlanInputs

__all__ = ["DemandGrid", "demand_grid", "gamma_unit_quantiles", "quantile_at"]

#: Window means at or below this many units are no demand (float dust of summed forecasts).
MEAN_DUST_UNITS = 1e-9

_LOG_SHAPE_MIN = -3.0
_LOG_SHAPE_MAX = 5.0
_SHAPES_PER_DECADE = 48


@lru_cache(maxsize=8)
def _table(n_quantiles: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(log10 shapes, unit-mean Gamma quantiles [n_shapes, K], normal z [K]) for probs (k+0.5)/K."""
    probs = (np.arange(n_quantiles) + 0.5) / n_quantiles
    logs = np.linspace(_LOG_SHAPE_MIN, _LOG_SHAPE_MAX, int((_LOG_SHAPE_MAX - _LOG_SHAPE_MIN) * _SHAPES_PER_DECADE) + 1)
    shapes = 10.0 ** logs
    # Gamma(shape a, scale 1/a) has mean 1; its p-quantile is gammaincinv(a, p) / a.
    q = special.gammaincinv(shapes[:, None], probs[None, :]) / shapes[:, None]
    q = np.maximum.accumulate(np.nan_to_num(q, nan=0.0), axis=1)
    return logs, q, stats.norm.ppf(probs)


def gamma_unit_quantiles(shape: np.ndarray, n_quantiles: int) -> np.ndarray:
    """Quantiles ``[n, K]`` of a unit-mean Gamma with the given shapes at probs ``(k + 0.5) / K``.

    Interpolated in log10(shape) from a cached table; shapes beyond the table are clamped (small) or
    use the normal limit (large).
    """
    logs, table, z = _table(int(n_quantiles))
    a = np.asarray(shape, dtype=float)
    la = np.log10(np.clip(a, 10.0 ** _LOG_SHAPE_MIN, 10.0 ** _LOG_SHAPE_MAX))
    pos = (la - _LOG_SHAPE_MIN) * _SHAPES_PER_DECADE
    j = np.clip(np.floor(pos).astype(np.int64), 0, len(logs) - 2)
    w = (pos - j)[:, None]
    out = table[j] * (1.0 - w) + table[j + 1] * w
    big = a > 10.0 ** _LOG_SHAPE_MAX
    if big.any():
        out[big] = np.maximum(1.0 + z[None, :] / np.sqrt(a[big])[:, None], 0.0)
    return out


class DemandGrid:
    """Window demand per series: ``grid [n_s, K]`` (sorted along K), ``mean [n_s]``, ``sd [n_s]``."""

    __slots__ = ("grid", "mean", "sd", "baseline_mean", "shift")

    def __init__(self, grid: np.ndarray, mean: np.ndarray, sd: np.ndarray, baseline_mean: np.ndarray,
                 shift: np.ndarray) -> None:
        self.grid = grid
        self.mean = mean
        self.sd = sd
        self.baseline_mean = baseline_mean
        self.shift = shift


def demand_grid(
    inputs: PlanInputs,
    *,
    uplift_multiplier: float,
    cover_days: int,
    presale_conversion_pct: float,
    deposit_conversion_pct: float,
) -> DemandGrid:
    """The demand grid of every series for the given levers (vectorised over series).

    Equations used: window variance ``(1 - rho) * sum sigma_t^2 + rho * (sum sigma_t)^2``
    (equicorrelation, forecast/base.py) plus the uplift error ``(u cv M_campaign)^2``; Gamma moment matching ``shape = M^2 / V``, ``scale = V / M``
    (the continuous counterpart of the negative binomial for over-dispersed counts).
    """
    c = int(min(max(cover_days, 0), MAX_COVER_DAYS))
    u = float(uplift_multiplier)
    m = inputs.m_pre + u * inputs.m_camp + inputs.m_post[:, c]
    # float dust (a forecast mean of 1e-12 units) is no demand: otherwise every grid point is a tiny
    # positive number and a line holding no stock reports a certain stockout
    m = np.where(m > MEAN_DUST_UNITS, m, 0.0)
    s2 = inputs.v_pre + u * u * inputs.v_camp + inputs.v_post[:, c]
    s1 = inputs.a_pre + u * inputs.a_camp + inputs.a_post[:, c]
    rho = inputs.rho
    uplift_err = u * inputs.uplift_cv * inputs.m_camp  # one uplift error shared by all campaign days
    var = np.maximum((1.0 - rho) * s2 + rho * s1 * s1 + uplift_err * uplift_err, 0.0)
    k = inputs.params.n_quantiles
    pos = (m > MEAN_DUST_UNITS) & (var > 1e-18)
    shape = np.where(pos, m * m / np.where(pos, var, 1.0), np.inf)
    unit = gamma_unit_quantiles(np.where(pos, shape, 1.0), k)
    # counts have a mass at zero that the Gamma lacks: the rule shared with forecast.base.gamma_quantiles
    unit = apply_zero_mass(unit, inputs.quantile_probs, count_zero_prob(m, var))
    base = np.where(pos[:, None], unit * m[:, None], m[:, None])
    shift = (inputs.creators_to_end + inputs.creators_post[:, c]
             + inputs.presale_plain_units * (presale_conversion_pct / 100.0)
             + inputs.presale_deposit_units * (deposit_conversion_pct / 100.0))
    grid = base + shift[:, None]
    return DemandGrid(grid=grid, mean=m + shift, sd=np.sqrt(var), baseline_mean=m, shift=shift)


def quantile_at(grid: np.ndarray, prob: np.ndarray | float) -> np.ndarray:
    """Quantile of each row of an equal-probability grid at ``prob`` (0-1), linear between points.

    Row ``i`` holds quantiles at ``(k + 0.5) / K``; below the first / above the last point the end
    values are used. ``prob`` is a scalar or one value per row.
    """
    n, k = grid.shape
    x = np.clip(np.asarray(prob, dtype=float) * k - 0.5, 0.0, k - 1.0)
    x = np.broadcast_to(x, (n,))
    lo = np.floor(x).astype(np.int64)
    hi = np.minimum(lo + 1, k - 1)
    w = x - lo
    rows = np.arange(n)
    return grid[rows, lo] * (1.0 - w) + grid[rows, hi] * w
