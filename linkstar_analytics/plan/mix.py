"""Warehouse mix: how each SKU's market demand is split across warehouses, and concentration checks.

* The scenario's ``warehouse_mix`` gives, per market, ``{warehouse_id: share_pct}``; shares are normalised
  to 100 % per market and apply to every SKU of that market. A market without an entry keeps the default
  split from the data (the SKU's current units by warehouse, else an equal split over the market's
  warehouses of its main fulfilment mode; see ``inputs.build_plan_inputs``).
* Each warehouse is its own stock point: stock in one never covers demand routed to another, so FBT and
  3PL/SELF stock (separate pools on the platform) never mix, and each faces its own share's demand distribution
  (``plan.demand``: splitting a market pays the pooling penalty). Stock already in a warehouse whose share the
  mix lowers is *stranded*: it can only sell to the demand still routed there (``by_warehouse.stranded_units``). A warehouse named in another market's mix
  receives that market's units and pays a cross-region transfer cost per unit.
* Shares per series always sum to 1 (or to 0 when the market has no warehouse at all: that demand is
  unserved and shows as stockout), so the routed demand and the quantities always add up to the total.
* Key SKUs (top N by revenue) with more than ``redundancy_limit_pct`` of their stock position in one
  warehouse are flagged (workflow.md pitfalls: "one warehouse only ... spread key SKUs").
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from linkstar_analytics.plan.inputs import PlanInputs

__all__ = ["concentration", "line_shares", "unknown_mix_warehouses"]


def unknown_mix_warehouses(inputs: PlanInputs, warehouse_mix: Mapping[str, Mapping[str, float]]) -> list[str]:
    """Warehouse ids named in the mix that the dataset does not have (they are ignored, with a notice)."""
    known = set(inputs.warehouses["warehouse_id"])
    return sorted({wh for shares in warehouse_mix.values() for wh in shares if wh not in known})


def line_shares(inputs: PlanInputs, warehouse_mix: Mapping[str, Mapping[str, float]]) -> np.ndarray:
    """Share of each series' demand routed to each line, ``[n_l]`` (lines are series-major).

    Loops run over the markets and warehouses of the mix (a handful), never over SKUs.
    """
    n_s, n_w = inputs.n_series, len(inputs.warehouses)
    share = inputs.line.default_share.reshape(n_s, n_w).copy()
    if warehouse_mix:
        w_pos = {wid: i for i, wid in enumerate(inputs.warehouses["warehouse_id"])}
        for region, shares in warehouse_mix.items():
            if region not in inputs.regions:
                continue
            r = inputs.regions.index(region)
            row = np.zeros(n_w)
            for wid, pct in shares.items():
                if wid in w_pos:
                    row[w_pos[wid]] += float(pct)
            total = row.sum()
            if total <= 0:
                continue
            share[inputs.s_region == r] = row / total
    return share.ravel()


def apply_sku_mix(inputs: PlanInputs, share_all: np.ndarray,
                  sku_mix: Mapping[str, Mapping[str, float]]) -> tuple[np.ndarray, list[str]]:
    """``share_all`` with the per-SKU splits of ``sku_mix`` (``'SKU|REGION' -> {warehouse_id: share %}``, normalised
    to 100 % of the series' demand) in place of the market's mix for those series. Returns the shares and the
    entries the data does not have (a SKU x market without a forecast series, a warehouse not in the data), which
    are left out. Loops run over the entries (a few per quota move), never over the catalogue."""
    if not sku_mix:
        return share_all, []
    n_w = len(inputs.warehouses)
    share = share_all.reshape(inputs.n_series, n_w).copy()
    w_pos = {wid: i for i, wid in enumerate(inputs.warehouses["warehouse_id"])}
    s_pos = {(k, r): i for i, (k, r) in enumerate(zip(inputs.series["sku"].astype(str),
                                                     inputs.series["region"].astype(str)))}
    unknown: list[str] = []
    for key, shares in sku_mix.items():
        sku, _, region = str(key).rpartition("|")
        s = s_pos.get((sku, region))
        if s is None:
            unknown.append(f"{sku} in {region}")
            continue
        row = np.zeros(n_w)
        for wid, pct in shares.items():
            if wid in w_pos:
                row[w_pos[wid]] += float(pct)
            else:
                unknown.append(f"warehouse {wid}")
        total = row.sum()
        if total > 0:
            share[s] = row / total
    return share.ravel(), unknown


def concentration(inputs: PlanInputs, line_sku: np.ndarray, position_units: np.ndarray, *, key_sku_count: int,
                  redundancy_limit_pct: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Key-SKU concentration per line.

    ``line_sku`` and ``position_units`` describe the lines taken into account (stock + order per line).
    Returns ``(is_key_line, share_of_sku_position, flagged)`` arrays: whether the line's SKU is
    a key SKU (revenue rank < ``key_sku_count``), the line's share of its SKU's stock position over all
    warehouses, and whether that share exceeds ``redundancy_limit_pct``.
    """
    pos = np.maximum(np.asarray(position_units, dtype=float), 0.0)
    n_k = inputs.sku.moq_units.shape[0]
    sku_total = np.bincount(line_sku, weights=pos, minlength=n_k)[line_sku]
    frac = np.where(sku_total > 0, pos / np.where(sku_total > 0, sku_total, 1.0), 0.0)
    is_key = inputs.sku.revenue_rank[line_sku] < int(key_sku_count)
    flagged = is_key & (frac * 100.0 > float(redundancy_limit_pct))
    return is_key, frac, flagged
