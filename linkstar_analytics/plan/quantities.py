"""Order quantities: service-level quantity, newsvendor optimum, safety stock, MOQ / case-pack rounding.

Every function is vectorised over lines (SKU x warehouse) and takes plain arrays.

References
----------
* Snyder, L. V. & Shen, Z.-J. M. (2019). *Fundamentals of Supply Chain Theory*, 2nd ed., Wiley, ch. 4
  (newsvendor: ``S* = F^-1(p / (p + h))``, eq. (4.16); normal demand ``S* = mu + z_alpha sigma``, eq. (4.24)).
* Nahmias, S. & Olsen, T. L. (2015). *Production and Operations Analysis*, 7th ed., ch. 5 (critical ratio
  ``cu / (cu + co)``; Mac's newsstand example).
* Silver, E. A., Pyke, D. F. & Peterson, R. (1998). *Inventory Management and Production Planning and
  Scheduling*, 3rd ed., ch. 7 (safety stock ``SS = k sigma`` with ``k = Phi^-1(P1)`` for a cycle service level P1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from linkstar_analytics.plan.scenario import MOQ_POLICIES as SCENARIO_MOQ_POLICIES

#: Needs below this many units are treated as zero before MOQ / case-pack rounding (float noise).
NEED_EPS_UNITS = 1e-6

__all__ = [
    "MOQ_POLICIES",
    "NEED_EPS_UNITS",
    "RoundedOrder",
    "below_moq_skus",
    "cartons",
    "critical_ratio",
    "moq_allocation",
    "moq_and_case_pack",
    "newsvendor_normal",
    "safety_stock_normal",
]


def critical_ratio(*, underage_cost: np.ndarray | float, overage_cost: np.ndarray | float) -> np.ndarray:
    """Newsvendor critical ratio ``cu / (cu + co)`` (0-1).

    Parameters
    ----------
    underage_cost : cost of one unit short, ``cu`` (Snyder & Shen's ``p``): the lost margin per unit.
    overage_cost : cost of one unit left over, ``co`` (Snyder & Shen's ``h``): what a leftover unit costs
        net of salvage.

    Equations used: Snyder & Shen (2019), eq. (4.16): ``F(S*) = p / (p + h)``; Nahmias & Olsen, ch. 5.
    A unit short that costs nothing (``cu <= 0``: no margin to lose) gives 0 (order nothing for the margin); a unit
    left over that costs nothing (``co <= 0``) with a margin gives 1.
    """
    cu = np.maximum(np.asarray(underage_cost, dtype=float), 0.0)
    co = np.maximum(np.asarray(overage_cost, dtype=float), 0.0)
    tot = cu + co
    return np.where(tot > 0, cu / np.where(tot > 0, tot, 1.0), 0.0)


def newsvendor_normal(*, mean: np.ndarray | float, sd: np.ndarray | float, underage_cost: np.ndarray | float,
                      overage_cost: np.ndarray | float) -> np.ndarray:
    """Optimal order for normal demand ``S* = mu + z sigma``, ``z = Phi^-1(cu / (cu + co))``.

    Equations used: Snyder & Shen (2019), eq. (4.24).

    Example (Nahmias & Olsen, ch. 5, Mac's newsstand: mu = 11.73, sigma = 4.74, cu = 0.75 - 0.25 = 0.50,
    co = 0.25, critical ratio 0.667, z = 0.43, Q* = 11.73 + 0.43 * 4.74 = 13.77 ~ 14):

    >>> round(float(newsvendor_normal(mean=11.73, sd=4.74, underage_cost=0.5, overage_cost=0.25)), 2)
    13.77
    """
    z = special.ndtri(critical_ratio(underage_cost=underage_cost, overage_cost=overage_cost))
    return np.asarray(mean, dtype=float) + z * np.asarray(sd, dtype=float)


def safety_stock_normal(*, sd: np.ndarray | float, service_level_frac: np.ndarray | float) -> np.ndarray:
    """Safety stock ``k sigma`` with ``k = Phi^-1(service level)`` (cycle service level P1).

    Equations used: Silver, Pyke & Peterson (1998), ch. 7 (P1 criterion: ``Pr{stockout} = 1 - Phi(k)``).
    The plan itself reports ``F^-1(alpha) - E[D]`` of each line's demand law (``plan.risk``).

    >>> round(float(safety_stock_normal(sd=100.0, service_level_frac=0.95)), 1)
    164.5
    """
    frac = np.asarray(service_level_frac, dtype=float)
    if np.any((frac <= 0) | (frac >= 1)):
        raise ValueError(f"service_level_frac must lie strictly between 0 and 1 (got {frac}); "
                         "pass the service level as a fraction, e.g. 0.95")
    return special.ndtri(frac) * np.asarray(sd, dtype=float)


#: What to do with a SKU whose total need is below its supplier MOQ (the ``moq_policy`` lever):
#: ``up`` tops it up to the MOQ where the units earn most, or skips the SKU when the MOQ order costs more than it
#: saves; ``skip`` orders nothing for it (its demand is then served from stock on hand or lost); ``need`` orders
#: the need only, rounded to cartons (the planner negotiates the MOQ, buys from a stock lot or pays a small-order
#: surcharge).
MOQ_POLICIES: tuple[str, ...] = SCENARIO_MOQ_POLICIES


def moq_allocation(*, moq_units: np.ndarray, weight: np.ndarray, position_units: np.ndarray, line_sku: np.ndarray,
                   n_skus: int) -> np.ndarray:
    """Each line's part of its SKU's MOQ, ``a_l`` (units, >= 0), so that ``sum_l a_l >= MOQ`` over the SKU.

    The SKU's position after an MOQ order (``MOQ + stock of its lines``) is split over its lines by ``weight`` (the
    engine passes share x demand at the estimated uplift x the share of the window the order still covers x the
    unit margin, over lines with a positive margin: the lines where a unit earns most), and each line's stock is
    taken off: ``a_l = max(w_l (MOQ + sum A) - A_l, 0)``, so ``sum a_l >= MOQ``.

    The weights and the stock are independent of the demand levers, so ``max(need, a)`` never falls when demand
    rises (a share of a fixed MOQ that followed the needs would: the old proportional split lowered a line's order
    when another line's need grew).
    """
    w = np.maximum(np.nan_to_num(np.asarray(weight, dtype=float)), 0.0)
    pos = np.maximum(np.asarray(position_units, dtype=float), 0.0)
    w_tot = np.bincount(line_sku, weights=w, minlength=n_skus)
    frac = np.where(w_tot[line_sku] > 0, w / np.where(w_tot[line_sku] > 0, w_tot[line_sku], 1.0), 0.0)
    pos_tot = np.bincount(line_sku, weights=np.where(frac > 0, pos, 0.0), minlength=n_skus)
    moq = np.asarray(moq_units, dtype=float)[line_sku]
    return np.where(frac > 0, np.maximum(frac * (moq + pos_tot[line_sku]) - pos, 0.0), 0.0)


@dataclass(frozen=True)
class RoundedOrder:
    """Result of :func:`moq_and_case_pack` (arrays per line).

    ``qty_units = need + moq_added_units + case_pack_added_units`` where ``case_pack_added_units`` rounds the need up
    to whole cartons and ``moq_added_units`` is what the MOQ policy changed on top (units added to reach the MOQ;
    negative when the SKU is skipped).
    """

    qty_units: np.ndarray
    surplus_units: np.ndarray
    moq_applied: np.ndarray  # the MOQ raised this line's order
    below_moq: np.ndarray  # the line has a need or an order and its SKU's total need is below the MOQ
    moq_skipped: np.ndarray  # the SKU is below its MOQ and was skipped (policy, or the MOQ costs more than it saves)
    moq_added_units: np.ndarray
    case_pack_added_units: np.ndarray
    case_pack_qty_units: np.ndarray  # the need rounded to cartons only (no MOQ): the counterfactual order


def cartons(units: np.ndarray, case_pack_units: np.ndarray) -> np.ndarray:
    """Units rounded up to whole cartons (0 stays 0; a relative tolerance keeps 120.0000000001 from an extra carton)."""
    cp = np.maximum(np.asarray(case_pack_units, dtype=float), 1.0)
    u = np.asarray(units, dtype=float)
    return np.where(u > NEED_EPS_UNITS, np.maximum(np.ceil(u / cp - 1e-9), 1.0) * cp, 0.0)


def below_moq_skus(*, need_units: np.ndarray, line_sku: np.ndarray, n_skus: int, moq_units: np.ndarray) -> np.ndarray:
    """SKUs ``[n_k]`` with a need whose total is below their MOQ."""
    need = np.where(np.asarray(need_units, dtype=float) > NEED_EPS_UNITS, need_units, 0.0)
    total = np.bincount(line_sku, weights=need, minlength=n_skus)
    return (total > 0) & (total < np.asarray(moq_units, dtype=float))


def moq_and_case_pack(*, need_units: np.ndarray, line_sku: np.ndarray, n_skus: int, moq_units: np.ndarray,
                      case_pack_units: np.ndarray, moq_policy: str = "up", allocation_units: np.ndarray | None = None,
                      skip_sku: np.ndarray | None = None) -> RoundedOrder:
    """Apply the MOQ policy (per SKU, over all its warehouses) and round each line up to whole cartons.

    A SKU with no need orders nothing (0 stays 0). With ``moq_policy="up"`` every line of an ordered SKU gets
    ``max(need, allocation)`` (``allocation_units`` from :func:`moq_allocation`; without it the MOQ is split in
    proportion to the needs), except SKUs below their MOQ flagged in ``skip_sku`` (the MOQ order costs more than it
    saves), which order nothing. ``"skip"`` orders nothing for SKUs below their MOQ; ``"need"`` orders the need only.

    Parameters
    ----------
    need_units : float [n_l], >= 0.
    line_sku : int [n_l], SKU index of each line.
    n_skus : number of SKUs.
    moq_units, case_pack_units : per SKU [n_k]; case pack >= 1.
    moq_policy : one of :data:`MOQ_POLICIES`.
    allocation_units : [n_l] or None; skip_sku : bool [n_k] or None.
    """
    if moq_policy not in MOQ_POLICIES:
        raise ValueError(f"moq_policy={moq_policy!r} is not allowed; use one of {', '.join(MOQ_POLICIES)}")
    need = np.asarray(need_units, dtype=float)
    # numerical dust (a quantile of a zero-demand series is ~1e-12) is not a need
    need = np.where(need > NEED_EPS_UNITS, need, 0.0)
    total = np.bincount(line_sku, weights=need, minlength=n_skus)
    moq = np.asarray(moq_units, dtype=float)
    below_k = (total > 0) & (total < moq)
    ordered_k = total > 0
    cp = np.maximum(np.asarray(case_pack_units, dtype=float), 1.0)[line_sku]
    cp_only = cartons(need, cp)
    if moq_policy == "up":
        if allocation_units is None:
            alloc = np.where(below_k[line_sku], need * moq[line_sku] / np.where(total > 0, total, 1.0)[line_sku], 0.0)
        else:
            alloc = np.asarray(allocation_units, dtype=float)
        skip = below_k & (np.zeros(n_skus, dtype=bool) if skip_sku is None else np.asarray(skip_sku, dtype=bool))
        raw = np.where(ordered_k[line_sku] & ~skip[line_sku], np.maximum(need, alloc), 0.0)
    elif moq_policy == "skip":
        skip = below_k
        raw = np.where(below_k[line_sku], 0.0, need)
    else:
        skip = np.zeros(n_skus, dtype=bool)
        raw = need
    qty = cartons(raw, cp)
    moq_added = qty - cp_only
    below = below_k[line_sku] & ((need > 0) | (qty > 0))
    return RoundedOrder(qty_units=qty, surplus_units=qty - need, moq_applied=moq_added > 1e-9,
                        below_moq=below, moq_skipped=skip[line_sku] & (need > 0), moq_added_units=moq_added,
                        case_pack_added_units=cp_only - need, case_pack_qty_units=cp_only)
