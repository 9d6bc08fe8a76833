"""Stockout and overstock risk integrated over the equal-probability demand grid (vectorised).

A line (SKU x warehouse) receives the share ``w`` of its series' window demand ``D`` and holds the stock
``S`` (available + ordered). Over the grid ``D[s, k]`` (probabilities ``(k + 0.5) / K``):

* ``P(stockout) = mean_k [w D_k > S]``
* expected lost units ``E[(wD - S)+] = w E[(D - t)+]`` with the threshold ``t = S / w``
* expected leftover ``E[(S - wD)+] = S - w E[D] + E[(wD - S)+]`` (since ``x = x+ - (-x)+``)
* fill rate ``1 - E[(wD - S)+] / E[wD]`` (the P2 / "fill rate" measure, Silver, Pyke & Peterson (1998),
  *Inventory Management and Production Planning and Scheduling*, 3rd ed., §7.1; loss function
  ``E[(D - S)+]``: Snyder & Shen (2019), *Fundamentals of Supply Chain Theory*, 2nd ed., §C.3).

Every line needs only the count of grid points below its threshold and a prefix sum, found for all
lines at once with one ``searchsorted`` over the row-offset flattened grid: no ``[n_lines, K]`` temporary.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["GridIndex", "LineRisk", "line_risk", "stockout_prob_at"]


class GridIndex:
    """Precomputed lookup structure of a sorted grid ``[n_s, K]``: offsets, flat keys, prefix sums."""

    __slots__ = ("grid", "n", "k", "offset", "flat", "prefix", "total", "row_max")

    def __init__(self, grid: np.ndarray) -> None:
        g = np.ascontiguousarray(grid, dtype=float)
        self.grid = g
        self.n, self.k = g.shape
        self.row_max = g[:, -1] if self.k else np.zeros(self.n)
        span = float(np.max(self.row_max, initial=0.0)) + 1.0
        self.offset = np.arange(self.n, dtype=float) * span
        self.flat = (g + self.offset[:, None]).ravel()
        self.prefix = np.concatenate([np.zeros((self.n, 1)), np.cumsum(g, axis=1)], axis=1)
        self.total = self.prefix[:, -1]

    def count_at_or_below(self, rows: np.ndarray, threshold: np.ndarray) -> np.ndarray:
        """Number of grid points ``D[rows, k] <= threshold`` per entry (threshold may be inf)."""
        t = np.minimum(np.maximum(threshold, -0.5), self.row_max[rows])
        pos = np.searchsorted(self.flat, t + self.offset[rows], side="right")
        cnt = pos - rows * self.k
        # threshold below the row's first point (negative stock can not happen, but be safe)
        return np.clip(np.where(threshold < self.grid[rows, 0], 0, cnt), 0, self.k)

    def partial_expectation(self, rows: np.ndarray, threshold: np.ndarray, count: np.ndarray) -> np.ndarray:
        """``E[(D - t)+]`` per entry, given ``count`` = points at or below ``t``."""
        tail_sum = self.total[rows] - self.prefix[rows, count]
        t = np.where(np.isfinite(threshold), threshold, 0.0)
        return np.maximum(tail_sum - t * (self.k - count), 0.0) / self.k


@dataclass(frozen=True)
class LineRisk:
    """Risk per line (arrays ``[n_l]``)."""

    demand_mean: np.ndarray
    stockout_prob: np.ndarray
    expected_lost_units: np.ndarray
    expected_leftover_units: np.ndarray
    expected_sold_units: np.ndarray
    fill_rate: np.ndarray


def line_risk(index: GridIndex, rows: np.ndarray, share: np.ndarray, stock_units: np.ndarray,
              series_mean: np.ndarray) -> LineRisk:
    """Risk of every line: demand ``share * D[rows]`` against ``stock_units``.

    Parameters
    ----------
    index : :class:`GridIndex` of the demand grid.
    rows : series index of each line.
    share : share of the series' demand routed to the line (0-1).
    stock_units : stock position of the line after ordering (>= 0).
    series_mean : grid mean per series (``mean_k D[s, k]``).
    """
    w = np.asarray(share, dtype=float)
    s = np.maximum(np.asarray(stock_units, dtype=float), 0.0)
    has = w > 0
    t = np.where(has, s / np.where(has, w, 1.0), np.inf)
    cnt = index.count_at_or_below(rows, t)
    pe = index.partial_expectation(rows, t, cnt)
    lost = np.where(has, w * pe, 0.0)
    dmean = w * series_mean[rows]
    prob = np.where(has, (index.k - cnt) / index.k, 0.0)
    leftover = np.maximum(s - dmean + lost, 0.0)
    sold = np.maximum(dmean - lost, 0.0)
    fill = np.where(dmean > 0, 1.0 - lost / np.where(dmean > 0, dmean, 1.0), 1.0)
    return LineRisk(demand_mean=dmean, stockout_prob=prob, expected_lost_units=lost,
                    expected_leftover_units=leftover, expected_sold_units=sold, fill_rate=np.clip(fill, 0.0, 1.0))


def stockout_prob_at(index: GridIndex, rows: np.ndarray, threshold: np.ndarray) -> np.ndarray:
    """``P(D[rows] > threshold)`` per entry (e.g. the SKU-level "any warehouse runs out" event)."""
    cnt = index.count_at_or_below(rows, threshold)
    return (index.k - cnt) / index.k
