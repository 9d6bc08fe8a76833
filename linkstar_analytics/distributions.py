"""Distribution rules shared by the forecast and the plan (floor 1: pure numpy, imports nothing of the project).

Demand totals are modelled as a Gamma moment-matched to their mean ``m`` and variance ``v`` (the continuous
counterpart of the negative binomial, a Poisson-Gamma mixture, the usual model for over-dispersed retail
counts). Counts have a mass at zero that a Gamma lacks, so a quantile whose probability is at or below the
matching count distribution's ``P(Y = 0)`` is 0 units. :func:`count_zero_prob` is that probability and
:func:`apply_zero_mass` the rule; ``forecast.base.gamma_quantiles`` (the forecast's p10/p50/p90 and window
quantiles) and ``plan.risk.law_from_moments`` (the plan's demand law and its loss functions) both use them, so a
slow seller's low quantiles are the same number in both.
"""

from __future__ import annotations

import numpy as np

__all__ = ["apply_zero_mass", "count_zero_prob"]


def count_zero_prob(mean: np.ndarray, var: np.ndarray) -> np.ndarray:
    """``P(Y = 0)`` of the count distribution moment-matched to ``mean`` and ``var`` (elementwise).

    Negative binomial with size ``k = m^2 / (v - m)``: ``P(0) = (1 + m / k)^-k`` when over-dispersed
    (``v > m``); Poisson ``exp(-m)`` when ``v <= m`` (Cameron & Trivedi, *Regression Analysis of Count Data*,
    2nd ed., §3.3.1). A mean of 0 gives 1.
    """
    m = np.clip(np.nan_to_num(np.asarray(mean, dtype=float), nan=0.0, posinf=0.0), 0.0, None)
    v = np.clip(np.nan_to_num(np.asarray(var, dtype=float), nan=0.0, posinf=0.0), 0.0, None)
    over = v > m * (1.0 + 1e-9)
    k = np.where(over, m * m / np.where(over, v - m, 1.0), 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_p0 = np.where(over, -k * np.log1p(m / np.where(k > 0, k, 1.0)), -m)
    return np.where(m > 0, np.exp(log_p0), 1.0)


def apply_zero_mass(quantiles: np.ndarray, probs: np.ndarray, zero_prob: np.ndarray) -> np.ndarray:
    """Set to 0 every quantile whose probability is at or below the zero mass (rows = series).

    ``quantiles`` is ``[n, K]`` at ``probs [K]``; ``zero_prob`` is ``[n]`` (see :func:`count_zero_prob`).
    Returns a new array; rows stay non-decreasing when they were.
    """
    q = np.asarray(quantiles, dtype=float)
    p = np.asarray(probs, dtype=float)
    return np.where(np.asarray(zero_prob, dtype=float)[:, None] >= p[None, :], 0.0, q)
