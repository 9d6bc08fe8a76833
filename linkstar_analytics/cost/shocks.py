"""Which lines a dated duty step reaches, and the freight multiplier per mode, as arrays for ``cost.landed``.

A tariff change takes effect on a date: goods entered for consumption on or after it pay the new rate (US
practice for Section 301 / IEEPA changes, "entered for consumption ... on or after" the effective date;
defaults.md section 3.1 flags the reciprocal-tariff suspension ending on 10 Nov 2026, before BFCM). A line is
entered when it reaches the destination port (the backward schedule's ``port_arrival``, where customs
starts), so a line whose port day falls on or after the step's day pays ``duty rate + points``; a line
arriving before it pays the old rate. These helpers only lay the shock out over the cost arrays;
``cost.landed.landed_from_arrays`` prices it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

__all__ = ["duty_step_points", "freight_multiplier_vector", "step_arrays"]


def step_arrays(warehouse_regions: Sequence[str], steps_by_region: Mapping[str, tuple[float, float]]
                ) -> tuple[np.ndarray, np.ndarray]:
    """Per warehouse (W,): the step's day (days from today; +inf = no step in its market) and its points."""
    regions = [str(r) for r in warehouse_regions]
    day = np.array([float(steps_by_region[r][0]) if r in steps_by_region else np.inf for r in regions], dtype=float)
    pts = np.array([float(steps_by_region[r][1]) if r in steps_by_region else 0.0 for r in regions], dtype=float)
    return day, pts


def duty_step_points(clearance_day, step_day_by_warehouse, points_by_warehouse) -> np.ndarray:
    """Duty points added per line: ``points`` where ``clearance_day >= step_day``, else 0 (vectorised).

    Parameters
    ----------
    clearance_day : array (..., W)
        Day (from today) each line reaches its destination port; NaN (no lane, no schedule) pays no step.
    step_day_by_warehouse, points_by_warehouse : arrays (W,)
        From :func:`step_arrays`.

    Examples
    --------
    A step of +15 points from day 31: a line at the port on day 24 pays the old rate, one on day 42 the new:

    >>> duty_step_points([[24.0, 42.0]], [31.0, 31.0], [15.0, 15.0]).tolist()
    [[0.0, 15.0]]
    """
    d = np.asarray(clearance_day, dtype=float)
    on_or_after = np.nan_to_num(d, nan=-np.inf) >= np.asarray(step_day_by_warehouse, dtype=float)
    return np.where(on_or_after, np.asarray(points_by_warehouse, dtype=float), 0.0)


def freight_multiplier_vector(modes: Sequence[str], multipliers: Mapping[str, float]) -> np.ndarray:
    """Factor on the first-leg freight per mode (M,), 1 for a mode not listed."""
    return np.array([float(multipliers.get(m, 1.0)) for m in modes], dtype=float)
