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
from scipy import stats

from linkstar_analytics.plan.scenario import MOQ_POLICIES as SCENARIO_MOQ_POLICIES

#: Needs below this many units are treated as zero before MOQ / case-pack rounding (float noise).
NEED_EPS_UNITS = 1e-6

__all__ = [
    "MOQ_POLICIES",
    "NEED_EPS_UNITS",
    "RoundedOrder",
    "critical_ratio",
    "net_need",
    "newsvendor_normal",
    "round_to_moq_and_case_pack",
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
    Both costs are floored at a tiny positive value so the ratio is always defined; ``cu = co = 0`` gives 0.5.
    """
    cu = np.maximum(np.asarray(underage_cost, dtype=float), 1e-12)
    co = np.maximum(np.asarray(overage_cost, dtype=float), 1e-12)
    return cu / (cu + co)


def newsvendor_normal(*, mean: np.ndarray | float, sd: np.ndarray | float, underage_cost: np.ndarray | float,
                      overage_cost: np.ndarray | float) -> np.ndarray:
    """Optimal order for normal demand ``S* = mu + z sigma``, ``z = Phi^-1(cu / (cu + co))``.

    Equations used: Snyder & Shen (2019), eq. (4.24).

    Example (Nahmias & Olsen, ch. 5, Mac's newsstand: mu = 11.73, sigma = 4.74, cu = 0.75 - 0.25 = 0.50,
    co = 0.25, critical ratio 0.667, z = 0.43, Q* = 11.73 + 0.43 * 4.74 = 13.77 ~ 14):

    >>> round(float(newsvendor_normal(mean=11.73, sd=4.74, underage_cost=0.5, overage_cost=0.25)), 2)
    13.77
    """
    z = stats.norm.ppf(critical_ratio(underage_cost=underage_cost, overage_cost=overage_cost))
    return np.asarray(mean, dtype=float) + z * np.asarray(sd, dtype=float)


def safety_stock_normal(*, sd: np.ndarray | float, service_level_frac: np.ndarray | float) -> np.ndarray:
    """Safety stock ``k sigma`` with ``k = Phi^-1(service level)`` (cycle service level P1).

    Equations used: Silver, Pyke & Peterson (1998), ch. 7 (P1 criterion: ``Pr{stockout} = 1 - Phi(k)``).
    The plan itself reports the distribution-free version ``F^-1(alpha) - E[D]`` from the demand grid.

    >>> round(float(safety_stock_normal(sd=100.0, service_level_frac=0.95)), 1)
    164.5
    """
    frac = np.asarray(service_level_frac, dtype=float)
    if np.any((frac <= 0) | (frac >= 1)):
        raise ValueError(f"service_level_frac must lie strictly between 0 and 1 (got {frac}); "
                         "pass the service level as a fraction, e.g. 0.95")
    return stats.norm.ppf(frac) * np.asarray(sd, dtype=float)


def net_need(*, target_units: np.ndarray, available_units: np.ndarray) -> np.ndarray:
    """Units to order: target stock position minus what is available (on hand + covered in transit), >= 0."""
    return np.maximum(np.asarray(target_units, dtype=float) - np.asarray(available_units, dtype=float), 0.0)


#: What to do with a SKU whose total need is below its supplier MOQ (the ``moq_policy`` lever):
#: ``up`` raises it to the MOQ (the surplus is stock left over), ``skip`` orders nothing for it (its
#: demand is then served from stock on hand or lost), ``need`` orders the need only, rounded to cartons
#: (the planner negotiates the MOQ, buys from a stock lot or pays a small-order surcharge).
MOQ_POLICIES: tuple[str, ...] = SCENARIO_MOQ_POLICIES


@dataclass(frozen=True)
class RoundedOrder:
    """Result of :func:`round_to_moq_and_case_pack` (arrays per line).

    ``qty_units = need + moq_added_units + case_pack_added_units`` where ``moq_added_units`` is what the MOQ
    policy changed (units added by raising the SKU to its MOQ; negative when ``skip`` drops the line) and
    ``case_pack_added_units`` the rounding of the case-pack-only quantity up to whole cartons.
    """

    qty_units: np.ndarray
    surplus_units: np.ndarray
    moq_applied: np.ndarray  # bool per line: its SKU's order was raised to the MOQ
    below_moq: np.ndarray  # bool per line: the line has a need and its SKU's total need is below the MOQ
    moq_added_units: np.ndarray
    case_pack_added_units: np.ndarray
    case_pack_qty_units: np.ndarray  # the need rounded to cartons only (no MOQ): the counterfactual order


def round_to_moq_and_case_pack(*, need_units: np.ndarray, line_sku: np.ndarray, n_skus: int,
                               moq_units: np.ndarray, case_pack_units: np.ndarray,
                               moq_policy: str = "up") -> RoundedOrder:
    """Round needs up to the supplier MOQ (per SKU, over all its warehouses) and the case pack (per line).

    A SKU with no need orders nothing (0 stays 0). With ``moq_policy="up"`` a SKU whose total need is below
    its MOQ has every line scaled up in proportion so the total reaches the MOQ; each line is then rounded
    up to whole cartons (case pack), so the SKU total is >= MOQ whenever it is > 0. ``"skip"`` orders nothing
    for such a SKU; ``"need"`` orders its need rounded to cartons (see :data:`MOQ_POLICIES`).

    Parameters
    ----------
    need_units : float [n_l], >= 0.
    line_sku : int [n_l], SKU index of each line.
    n_skus : number of SKUs.
    moq_units, case_pack_units : per SKU [n_k]; case pack >= 1.
    moq_policy : one of :data:`MOQ_POLICIES`.
    """
    if moq_policy not in MOQ_POLICIES:
        raise ValueError(f"moq_policy={moq_policy!r} is not allowed; use one of {', '.join(MOQ_POLICIES)}")
    need = np.asarray(need_units, dtype=float)
    # numerical dust (a quantile of a zero-demand series is ~1e-12) is not a need
    need = np.where(need > NEED_EPS_UNITS, need, 0.0)
    total = np.bincount(line_sku, weights=need, minlength=n_skus)
    moq = np.asarray(moq_units, dtype=float)
    below_k = (total > 0) & (total < moq)
    cp = np.maximum(np.asarray(case_pack_units, dtype=float), 1.0)[line_sku]

    def cartons(units: np.ndarray) -> np.ndarray:
        # a relative tolerance keeps 120.0000000001 from becoming an extra carton
        return np.where(units > 0, np.maximum(np.ceil(units / cp - 1e-9), 1.0) * cp, 0.0)

    cp_only = cartons(need)
    if moq_policy == "up":
        scale = np.where(below_k, moq / np.where(total > 0, total, 1.0), 1.0)
        scaled = need * scale[line_sku]
        qty = cartons(scaled)
    elif moq_policy == "skip":
        scaled = np.where(below_k[line_sku], 0.0, need)
        qty = cartons(scaled)
    else:
        scaled, qty = need, cp_only
    below = below_k[line_sku] & (need > 0)
    return RoundedOrder(qty_units=qty, surplus_units=qty - need, moq_applied=below & (moq_policy == "up"),
                        below_moq=below, moq_added_units=np.where(below, qty - cp_only, 0.0),
                        case_pack_added_units=qty - need - np.where(below, qty - cp_only, 0.0),
                        case_pack_qty_units=cp_only)
