"""Landed cost per unit, vectorised over SKU x warehouse x freight mode.

Two entry points share one code path:

* :func:`landed_cost_table` -- a tidy frame, one row per sku x warehouse x freight_mode, every
  component in the display currency, plus a list of input problems (bad rows are NaN, the rest
  computes).
* :func:`prepare_landed_arrays` once, then :func:`landed_from_arrays` on every lever move -- numpy
  only (select a mode per warehouse, convert with an FX vector, a handful of element-wise products),
  for the plan's hot loop. The table is built from the same two functions, so both agree exactly.

Components (per unit, display currency) and their formulas
------------------------------------------------------------
=================  ==========================================================================
purchase           ``unit_cost`` converted from ``cost_currency``.
price              shelf price in the warehouse's market: the ``prices`` row (sku, region) when given,
                   else the SKU master ``price``, converted from its currency.
first_leg          air/express: chargeable kg x ``rate_per_kg`` (IATA volumetric rule);
                   sea: W/M freight tons x ``rate_per_cbm`` (1 CBM = 1,000 kg) -- defaults.md §2.
rush_surcharge     first_leg x rush %(days from departure to campaign start), ``default_rush_curve`` [E].
duty               ``duty_rate_pct`` x customs value; customs value = purchase + first leg + rush
                   (CIF) or purchase only where ``default_duty_basis`` says FOB (US).
vat                ``vat_rate_pct`` x (purchase + first leg + rush + duty) -- defaults.md §3.2.
inbound            warehouse ``inbound_per_unit``.
storage            ``storage_per_cbm_month`` x unit CBM x dwell_days / 30 x (1 + peak surcharge).
last_mile          fee of the smallest weight band >= the parcel's chargeable weight (divisor 6000).
fulfilment         warehouse ``fulfilment_per_unit`` (pick-pack; 0 when the column is absent).
commission         ``commission_rate_pct`` x price (converted).
returns            return rate(category, region) x (seller share of return shipping x last mile
                   + re-inbound handling + unsellable share x purchase) -- defaults.md §5, §6.
total_landed       the sum of the eleven components above, in that order.
output_vat         price x v / (1 + v) where the price includes VAT (``price_includes_vat`` of the
                   prices row, else ``default_price_vat`` by region), v = the market's ``vat_rate_pct``.
price_net          price - output_vat (what the seller keeps of the shelf price).
vat_credit         the import VAT reclaimed as input tax when the seller charges output VAT (and
                   ``import_vat_reclaimable`` is 1 in the cost params), else 0.
margin_per_unit    price_net - total_landed + vat_credit;  margin_pct = margin_per_unit / price_net x 100.
=================  ==========================================================================

Leftover pricing (per unit, display currency): ``storage_per_unit_month`` (with the peak surcharge
when ``peak``), ``disposal_cost_per_unit_destroy`` (removal/disposal fee by weight band, §5),
``disposal_cost_per_unit_return_to_origin`` (removal fee + cheapest first leg back + paperwork, §5
[E]), ``disposal_cost_per_unit_liquidate`` (removal fee - recovery x price; negative = money back).

Documentation notes, not modelled (defaults.md §3): UK consignments <= £135 pay no duty and their
VAT is collected at the point of sale by the marketplace, not at the border; bulk stock-up
shipments to a warehouse are far above £135, so border duty + VAT apply. Thailand charges 7% VAT on
every import since Jul 5 2024 (the 1,500 THB VAT exemption was removed) while the 1,500 THB duty
exemption stayed. Import VAT is a cash cost at the border (it stays in ``total_landed``, the cash
paid per unit); a seller charging VAT-inclusive prices is VAT-registered and reclaims it as input tax,
so it comes back in ``vat_credit`` and the margin carries only the net VAT. A warehouse without
last-mile bands costs its last mile as 0, with a warning problem, in the table and the plan alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from linkstar_analytics.cost import defaults as D
from linkstar_analytics.cost.fx import FxLike, UnknownCurrencyError, fx_table
from linkstar_analytics.cost.problems import Problem, problems_frame
from linkstar_analytics.schemas import FREIGHT_MODES

#: The eleven per-unit components, in the order they are summed into ``total_landed``.
COMPONENTS: tuple[str, ...] = (
    "purchase", "first_leg", "rush_surcharge", "duty", "vat", "inbound", "storage",
    "last_mile", "fulfilment", "commission", "returns",
)
#: Leftover (unsold stock) cost columns.
LEFTOVER_COLUMNS: tuple[str, ...] = (
    "storage_per_unit_month", "disposal_cost_per_unit_destroy",
    "disposal_cost_per_unit_return_to_origin", "disposal_cost_per_unit_liquidate",
)

_SKU_COLS = ("sku", "category", "unit_cost", "cost_currency", "price", "price_currency",
             "weight_kg", "length_cm", "width_cm", "height_cm")
_WH_COLS = ("warehouse_id", "region", "currency", "storage_per_cbm_month", "storage_peak_surcharge_pct",
            "inbound_per_unit", "duty_rate_pct", "vat_rate_pct", "commission_rate_pct")
_LANE_COLS = ("warehouse_id", "freight_mode", "volumetric_divisor")
_LM_COLS = ("warehouse_id", "max_weight_kg", "fee_per_parcel")


# --------------------------------------------------------------------------------------------
# Formulas
# --------------------------------------------------------------------------------------------

def _check_nonneg(name: str, values) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    bad = ~(arr >= 0)
    if bad.any():
        raise ValueError(
            f"{name} must be >= 0 (got {np.ravel(arr)[np.ravel(bad)][0]}); pass the measured packed {name.split('_')[0]} "
            f"in {name.rsplit('_', 1)[-1]}."
        )
    return arr


def _chargeable(weight, length, width, height, divisor):
    return np.maximum(weight, length * width * height / divisor)


def chargeable_weight_kg(weight_kg, length_cm, width_cm, height_cm, divisor: float = 6000.0) -> np.ndarray:
    """Chargeable weight = max(actual kg, L x W x H (cm) / divisor), vectorised.

    IATA volumetric-weight rule: divisor 6000 cm3/kg for air freight (1 CBM ~ 167 kg), 5000 for
    express couriers (200 kg/CBM) -- defaults.md §2 [S] metricrig.com, bosslog.cn, djcargo.sg.

    Parameters
    ----------
    weight_kg : array-like
        Actual gross weight per packed unit (kg).
    length_cm, width_cm, height_cm : array-like
        Packed dimensions (cm).
    divisor : float
        Volumetric divisor in cm3 per kg (6000 air, 5000 express), > 0.

    Raises
    ------
    ValueError
        A negative / missing weight or dimension, or a divisor <= 0 (names the field and value).

    Examples
    --------
    A 1 kg pillow in a 50 x 40 x 30 cm box goes by air at 60000/6000 = 10 kg:

    >>> float(chargeable_weight_kg(1.0, 50, 40, 30, 6000))
    10.0
    """
    w = _check_nonneg("weight_kg", weight_kg)
    l_ = _check_nonneg("length_cm", length_cm)
    wd = _check_nonneg("width_cm", width_cm)
    h = _check_nonneg("height_cm", height_cm)
    if not (np.asarray(divisor, dtype=float) > 0).all():
        raise ValueError(f"divisor must be > 0 cm3 per kg (got {divisor}); use 6000 for air, 5000 for express.")
    out = _chargeable(w, l_, wd, h, np.asarray(divisor, dtype=float))
    return out[()] if out.ndim == 0 else out


def sea_freight_cbm(weight_kg, length_cm, width_cm, height_cm, *, kg_per_cbm: float = 1000.0,
                    units=None, min_cbm: float = 1.0) -> np.ndarray:
    """Ocean LCL freight tons (W/M): max(volume CBM, weight kg / kg_per_cbm), vectorised.

    Ocean LCL is billed per revenue ton: 1 CBM = 1,000 kg, whichever is greater, minimum 1 CBM per
    shipment (some lanes use 500 kg) -- defaults.md §2 [S] bosslog.cn, mx-exp.com, djcargo.sg.

    Per unit by default (the minimum is a per-shipment rule and is not applied). Pass ``units``
    (units in the shipment) to get the shipment's billed CBM, ``max(min_cbm, units x per-unit W/M)``.

    Examples
    --------
    A 20 kg motor in a 30 x 30 x 30 cm box: volume 0.027 CBM, weight 20/1000 = 0.020 t, so 0.027:

    >>> round(float(sea_freight_cbm(20.0, 30, 30, 30)), 6)
    0.027
    """
    w = _check_nonneg("weight_kg", weight_kg)
    l_ = _check_nonneg("length_cm", length_cm)
    wd = _check_nonneg("width_cm", width_cm)
    h = _check_nonneg("height_cm", height_cm)
    if not kg_per_cbm > 0:
        raise ValueError(f"kg_per_cbm must be > 0 (got {kg_per_cbm}); use 1000 (standard W/M) or 500 (some lanes).")
    per_unit = np.maximum(l_ * wd * h / 1e6, w / kg_per_cbm)
    if units is not None:
        u = _check_nonneg("units", units)
        per_unit = np.maximum(min_cbm, per_unit * u)
    return per_unit[()] if np.ndim(per_unit) == 0 else per_unit


def rush_surcharge_pct(days_departure_to_campaign, rush_curve: pd.DataFrame | None = None) -> np.ndarray:
    """Rush surcharge (% of first-leg freight) for a departure ``days`` before the campaign starts.

    Piecewise-linear interpolation in ``default_rush_curve()`` [E] (flat beyond its ends).
    NaN days give 0 (no timing known, no surcharge).
    """
    x, y = _rush_xy(rush_curve)
    d = np.asarray(days_departure_to_campaign, dtype=float)
    out = np.interp(np.nan_to_num(d, nan=1e9), x, y)
    return out[()] if out.ndim == 0 else out


def _rush_xy(rush_curve: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
    rc = D.default_rush_curve() if rush_curve is None else rush_curve
    missing = {"days_departure_to_campaign", "surcharge_pct"} - set(rc.columns)
    if missing:
        raise ValueError(f"rush_curve is missing column(s) {sorted(missing)}; start from cost.defaults.default_rush_curve().")
    rc = rc.sort_values("days_departure_to_campaign")
    return rc["days_departure_to_campaign"].to_numpy(float), rc["surcharge_pct"].to_numpy(float)


# --------------------------------------------------------------------------------------------
# Precomputed arrays (native currencies)
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class LandedArrays:
    """Native-currency cost components laid out over SKU (S) x warehouse (W) x mode (M).

    Built once by :func:`prepare_landed_arrays`; :func:`landed_from_arrays` selects a mode per
    warehouse and converts with an FX vector aligned to ``currencies``. Currency index arrays hold
    the position in ``currencies`` (-1 for an unknown code, which yields NaN). Missing lanes and bad
    rows are NaN. ``problems`` lists what was wrong with the inputs.
    """

    skus: np.ndarray                      # (S,) sku ids
    warehouse_ids: np.ndarray             # (W,)
    regions: np.ndarray                   # (W,)
    modes: tuple[str, ...]                # (M,) = FREIGHT_MODES
    currencies: tuple[str, ...]           # (C,) order of fx vectors
    fx_cny_per_unit: np.ndarray           # (C,) rates the arrays were prepared with
    purchase_native: np.ndarray           # (S,) in purchase_ccy
    purchase_ccy: np.ndarray              # (S,) int
    price_native: np.ndarray              # (S, W) shelf price in the warehouse's market, in price_ccy
    price_ccy: np.ndarray                 # (S, W) int
    price_includes_vat: np.ndarray        # (S, W) float 0/1
    warehouse_ccy: np.ndarray             # (W,) int
    first_leg_native: np.ndarray          # (S, W, M) in warehouse currency
    rto_first_leg_native: np.ndarray      # (S, W) cheapest first leg over modes
    inbound_native: np.ndarray            # (W,)
    fulfilment_native: np.ndarray         # (W,)
    storage_month_native: np.ndarray      # (S, W) off-peak, per unit per month
    peak_surcharge_frac: np.ndarray       # (W,)
    last_mile_native: np.ndarray          # (S, W)
    duty_frac: np.ndarray                 # (W,)
    vat_frac: np.ndarray                  # (W,)
    commission_frac: np.ndarray           # (W,)
    duty_includes_first_leg: np.ndarray   # (W,) float 0/1
    return_frac: np.ndarray               # (S, W)
    removal_fee_native: np.ndarray        # (S,) in removal_ccy
    removal_ccy: int
    rto_paperwork_native: float
    rto_paperwork_ccy: int
    return_shipping_seller_frac: float
    return_unsellable_frac: float
    liquidation_recovery_frac: float
    storage_days_per_month: float
    import_vat_reclaimable: float         # 1: import VAT is input tax where the price includes output VAT
    rush_days: np.ndarray                 # rush curve x (ascending)
    rush_pct: np.ndarray                  # rush curve y
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def shape(self) -> tuple[int, int, int]:
        return (len(self.skus), len(self.warehouse_ids), len(self.modes))

    def fx_vector(self, fx: FxLike = None) -> np.ndarray:
        """CNY per unit aligned to ``currencies`` from an FX table (None = the rates used at prepare time)."""
        if fx is None:
            return self.fx_cny_per_unit.copy()
        t = fx_table(fx)
        return t.reindex(list(self.currencies)).to_numpy(dtype=float)

    def currency_index(self, code: str) -> int:
        """Position of ``code`` in ``currencies``; raises :class:`UnknownCurrencyError` naming the known codes."""
        try:
            return self.currencies.index(str(code).upper())
        except ValueError:
            raise UnknownCurrencyError([code], self.currencies, field="display_currency") from None

    def mode_index(self, freight_mode_by_warehouse: str | Mapping[str, str]) -> np.ndarray:
        """Mode index per warehouse (W,) from one mode for all or a dict ``{warehouse_id: mode}``."""
        return _mode_index(self.warehouse_ids, self.modes, freight_mode_by_warehouse)


def _mode_index(warehouse_ids, modes, freight_mode_by_warehouse) -> np.ndarray:
    if isinstance(freight_mode_by_warehouse, str):
        chosen = [freight_mode_by_warehouse] * len(warehouse_ids)
    elif isinstance(freight_mode_by_warehouse, Mapping):
        missing = [w for w in warehouse_ids if w not in freight_mode_by_warehouse]
        if missing:
            raise ValueError(
                f"freight_mode_by_warehouse has no mode for warehouse(s) {', '.join(map(str, missing))}; "
                f"add them (one of {', '.join(modes)}) or pass a single mode for all."
            )
        chosen = [freight_mode_by_warehouse[w] for w in warehouse_ids]
    else:
        raise TypeError("freight_mode_by_warehouse must be a mode name or a dict {warehouse_id: mode}")
    out = np.empty(len(chosen), dtype=np.intp)
    for i, m in enumerate(chosen):
        if m not in modes:
            raise ValueError(f"freight mode {m!r} is not one of {', '.join(modes)}; fix freight_mode_by_warehouse.")
        out[i] = modes.index(m)
    return out


def default_mode_by_warehouse(lanes: pd.DataFrame, warehouse_ids: Sequence[str] | None = None, *,
                              preference: Sequence[str] = ("sea", "air", "express")) -> dict[str, str]:
    """A freight mode per warehouse that has a lane: the first of ``preference`` (cheapest first) it offers.

    Warehouses without any lane (when ``warehouse_ids`` lists them) get ``preference[0]``, so the
    schedule / landed cost report the missing lane instead of silently skipping the warehouse.
    """
    offered = lanes.groupby(lanes["warehouse_id"].astype(str))["freight_mode"].agg(lambda s: set(s.astype(str)))
    ids = list(offered.index) if warehouse_ids is None else [str(w) for w in warehouse_ids]
    out = {}
    for w in ids:
        have = offered.get(w, set())
        out[w] = next((m for m in preference if m in have), preference[0])
    return out


def _require(frame: pd.DataFrame, cols: Sequence[str], table: str) -> None:
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise ValueError(
            f"table {table} is missing column(s) {', '.join(missing)}; see linkstar_analytics.schemas.{table.upper()} "
            "for the columns and their units."
        )


def _num(s: pd.Series) -> np.ndarray:
    return pd.to_numeric(s, errors="coerce").to_numpy(dtype=float)


def _lookup_return_frac(categories: np.ndarray, regions: np.ndarray, rates: pd.DataFrame,
                        skus: np.ndarray, problems: list[Problem]) -> np.ndarray:
    """Return rate (fraction) per (sku, warehouse region) with fallbacks (cat, region) > (cat, *) > (*, region) > (*, *)."""
    _require(rates, ("category", "return_rate_pct"), "return_rates")
    r = rates.copy()
    if "region" not in r.columns:
        r["region"] = "*"
    r["region"] = r["region"].fillna("*").astype(str)
    r["category"] = r["category"].astype(str)
    table = {(c, g): float(v) / 100.0 for c, g, v in zip(r["category"], r["region"], _num(r["return_rate_pct"]))}
    out = np.full((len(categories), len(regions)), np.nan)
    ucat = pd.unique(categories)
    ureg = pd.unique(regions)
    for c in ucat:  # a handful of categories x regions, never a loop over SKUs
        rows = categories == c
        for g in ureg:
            cols = regions == g
            for key in ((c, g), (c, "*"), ("*", g), ("*", "*")):
                if key in table:
                    v = table[key]
                    break
            else:
                v = np.nan
            out[np.ix_(rows, cols)] = v
        if (c, "*") not in table and not any((c, g) in table for g in ureg):
            fallback = table.get(("*", "*"))
            problems.append(Problem(
                None, None, None, "category", c,
                f"no return rate for category {c!r} ({int(rows.sum())} SKU(s)); "
                + (f"used the overall rate {fallback * 100:g}%." if fallback is not None else "returns cost is NaN."),
                "add a row (category, return_rate_pct) to return_rates", "warning" if fallback is not None else "error"))
    return out


def prepare_landed_arrays(
    skus: pd.DataFrame,
    warehouses: pd.DataFrame,
    lanes: pd.DataFrame,
    last_mile: pd.DataFrame,
    *,
    fx: FxLike = None,
    freight_modes: str | Sequence[str] | Mapping[str, str | Sequence[str]] | None = None,
    return_rates: pd.DataFrame | None = None,
    duty_basis: pd.DataFrame | None = None,
    disposal: pd.DataFrame | None = None,
    leftover: pd.DataFrame | None = None,
    params: pd.DataFrame | None = None,
    rush_curve: pd.DataFrame | None = None,
    prices: pd.DataFrame | None = None,
    price_vat: pd.DataFrame | None = None,
) -> LandedArrays:
    """Lay out every lever-independent cost component over SKU x warehouse x mode, once.

    Parameters
    ----------
    skus, warehouses, lanes, last_mile : DataFrame
        Tables as in ``linkstar_analytics.schemas`` (SKUS, WAREHOUSES, FREIGHT_LANES, LAST_MILE).
    fx : DataFrame, mapping or None
        FX table (``currency``, ``cny_per_unit``); fixes the ``currencies`` order of fx vectors.
    freight_modes : None, str, list or dict
        Modes that must be costed: None = whatever ``lanes`` lists (no problem for an absent
        mode); a mode or list = those modes for every warehouse; a dict = per warehouse. A
        requested mode without a lane (or without a rate) is NaN and reported.
    return_rates, duty_basis, disposal, leftover, params, rush_curve : DataFrame or None
        Override tables; None uses the ``cost.defaults`` function of the same name.
    prices : DataFrame or None
        The ``prices`` table (``sku, region, price, currency[, price_includes_vat]``): the shelf price per
        SKU and market; SKU x market pairs without a row use the SKU master price.
    price_vat : DataFrame or None
        ``region, price_includes_vat`` (``cost.defaults.default_price_vat``) for prices without their own flag.

    Returns
    -------
    LandedArrays
        With ``problems`` listing every bad input (affected cells NaN, the rest computed).
    """
    _require(skus, _SKU_COLS, "skus")
    _require(warehouses, _WH_COLS, "warehouses")
    _require(lanes, _LANE_COLS, "freight_lanes")
    _require(last_mile, _LM_COLS, "last_mile")
    return_rates = D.default_return_rates() if return_rates is None else return_rates
    duty_basis = D.default_duty_basis() if duty_basis is None else duty_basis
    disposal = D.default_disposal_fees() if disposal is None else disposal
    leftover = D.default_leftover_params() if leftover is None else leftover
    params = D.default_cost_params() if params is None else params
    price_vat = D.default_price_vat() if price_vat is None else price_vat
    rush_x, rush_y = _rush_xy(rush_curve)

    problems: list[Problem] = []
    for tname, frame, col in (("skus", skus, "sku"), ("warehouses", warehouses, "warehouse_id")):
        dup = frame[col].astype(str)
        for v in pd.unique(dup[dup.duplicated()]):
            problems.append(Problem(v if col == "sku" else None, v if col == "warehouse_id" else None, None, col, v,
                                    f"{col} {v!r} appears more than once in {tname}; every row is costed separately.",
                                    f"keep one row per {col} in {tname}", "warning"))
    fxs = fx_table(fx)
    currencies = tuple(fxs.index)
    cindex = pd.Index(currencies)

    def ccy_idx(codes: pd.Series) -> np.ndarray:
        return cindex.get_indexer(codes.astype(str).str.upper())

    # ---------------- SKUs
    sku_ids = skus["sku"].astype(str).to_numpy()
    S = len(sku_ids)
    weight = _num(skus["weight_kg"])
    dims = {c: _num(skus[c]) for c in ("length_cm", "width_cm", "height_cm")}
    sku_ok = np.ones(S, dtype=bool)
    for name, arr in (("weight_kg", weight), *dims.items()):
        bad = ~(arr >= 0)
        for i in np.flatnonzero(bad):
            problems.append(Problem(sku_ids[i], None, None, name, skus[name].iloc[i],
                                    f"{name} must be a number >= 0 (got {skus[name].iloc[i]}); costs for this SKU are NaN.",
                                    f"correct skus.{name} for {sku_ids[i]} (measured packed size / gross weight)"))
        sku_ok &= ~bad
    purchase = _num(skus["unit_cost"])
    price = _num(skus["price"])
    for name, arr in (("unit_cost", purchase), ("price", price)):
        for i in np.flatnonzero(~(arr >= 0)):
            problems.append(Problem(sku_ids[i], None, None, name, skus[name].iloc[i],
                                    f"{name} must be a number >= 0 (got {skus[name].iloc[i]}); costs for this SKU are NaN.",
                                    f"correct skus.{name} for {sku_ids[i]}"))
            sku_ok[i] = False
    purchase_ccy = ccy_idx(skus["cost_currency"])
    price_ccy = ccy_idx(skus["price_currency"])
    for name, idx in (("cost_currency", purchase_ccy), ("price_currency", price_ccy)):
        for i in np.flatnonzero(idx < 0):
            problems.append(Problem(sku_ids[i], None, None, name, skus[name].iloc[i],
                                    f"unknown currency {skus[name].iloc[i]!r} in {name}; known: {', '.join(currencies)}. Costs for this SKU are NaN.",
                                    f"fix skus.{name} for {sku_ids[i]} or add the currency to the FX table"))
            sku_ok[i] = False
    weight = np.where(sku_ok, weight, np.nan)
    L, Wd, H = (np.where(sku_ok, dims[c], np.nan) for c in ("length_cm", "width_cm", "height_cm"))
    volume_cm3 = L * Wd * H
    volume_cbm = volume_cm3 / 1e6
    purchase = np.where(sku_ok, purchase, np.nan)
    price = np.where(sku_ok, price, np.nan)

    # ---------------- warehouses
    wh_ids = warehouses["warehouse_id"].astype(str).to_numpy()
    W = len(wh_ids)
    regions = warehouses["region"].astype(str).to_numpy()
    wh_ok = np.ones(W, dtype=bool)
    warehouse_ccy = ccy_idx(warehouses["currency"])
    for j in np.flatnonzero(warehouse_ccy < 0):
        problems.append(Problem(None, wh_ids[j], None, "currency", warehouses["currency"].iloc[j],
                                f"unknown currency {warehouses['currency'].iloc[j]!r} for warehouse {wh_ids[j]}; known: {', '.join(currencies)}. "
                                "Costs for this warehouse are NaN.",
                                f"fix warehouses.currency for {wh_ids[j]} or add the currency to the FX table"))
        wh_ok[j] = False
    wh_num = {}
    for name in ("storage_per_cbm_month", "storage_peak_surcharge_pct", "inbound_per_unit",
                 "duty_rate_pct", "vat_rate_pct", "commission_rate_pct"):
        arr = _num(warehouses[name])
        for j in np.flatnonzero(~(arr >= 0)):
            problems.append(Problem(None, wh_ids[j], None, name, warehouses[name].iloc[j],
                                    f"{name} must be a number >= 0 (got {warehouses[name].iloc[j]}); costs for warehouse {wh_ids[j]} are NaN.",
                                    f"fill warehouses.{name} for {wh_ids[j]}"))
            wh_ok[j] = False
        wh_num[name] = arr
    if "fulfilment_per_unit" in warehouses.columns:
        ful = _num(warehouses["fulfilment_per_unit"])
        ful = np.where(np.isnan(ful), 0.0, ful)
    else:
        ful = np.zeros(W)
    nan_w = np.where(wh_ok, 1.0, np.nan)

    # shelf price per SKU x warehouse market: the prices row, else the SKU master price
    price_w = np.broadcast_to(price[:, None], (S, W)).copy()
    price_ccy_w = np.broadcast_to(price_ccy[:, None], (S, W)).copy()
    _require(price_vat, ("region", "price_includes_vat"), "price_vat")
    vat_map = dict(zip(price_vat["region"].astype(str), price_vat["price_includes_vat"].astype(bool)))
    incl_vat = np.broadcast_to(np.array([float(vat_map.get(g, vat_map.get("*", True))) for g in regions])[None, :],
                               (S, W)).copy()
    if prices is not None and len(prices):
        _require(prices, ("sku", "region", "price", "currency"), "prices")
        pr_price = _num(prices["price"])
        pr_ccy = ccy_idx(prices["currency"])
        si = pd.Index(sku_ids).get_indexer(prices["sku"].astype(str))
        pr_region = prices["region"].astype(str).to_numpy()
        if "price_includes_vat" in prices.columns:
            flag = prices["price_includes_vat"]
            known = flag.notna().to_numpy()
            pr_incl = np.where(known, flag.astype(str).str.strip().str.lower().isin(("true", "1", "1.0", "yes", "是")),
                               False).astype(float)
        else:
            known = np.zeros(len(prices), dtype=bool)
            pr_incl = np.zeros(len(prices))
        bad = ~(pr_price >= 0) | (pr_ccy < 0)
        for i in np.flatnonzero(bad & (si >= 0)):
            problems.append(Problem(sku_ids[si[i]], None, None, "prices", prices["price"].iloc[i],
                                    f"prices row ({sku_ids[si[i]]}, {pr_region[i]}) has no valid price or a currency "
                                    "the FX table does not know; the SKU master price is used.",
                                    "fix the prices row (price >= 0, ISO currency)", "warning"))
        for j, g in enumerate(regions):  # a loop over warehouses (a handful), vectorised over rows
            rows = np.flatnonzero((pr_region == g) & (si >= 0) & ~bad)
            price_w[si[rows], j] = pr_price[rows]
            price_ccy_w[si[rows], j] = pr_ccy[rows]
            incl_vat[si[rows], j] = np.where(known[rows], pr_incl[rows], incl_vat[si[rows], j])

    # duty basis per warehouse region
    _require(duty_basis, ("region", "duty_includes_first_leg"), "duty_basis")
    basis = dict(zip(duty_basis["region"].astype(str), duty_basis["duty_includes_first_leg"].astype(bool)))
    incl = np.array([float(basis.get(g, basis.get("*", True))) for g in regions])

    # ---------------- first leg (S, W, M)
    modes = tuple(FREIGHT_MODES)
    M = len(modes)
    req = _requested_modes(freight_modes, wh_ids, modes)
    ln = lanes.copy()
    ln["warehouse_id"] = ln["warehouse_id"].astype(str)
    ln["freight_mode"] = ln["freight_mode"].astype(str)
    ln = ln.drop_duplicates(["warehouse_id", "freight_mode"], keep="last")
    rate_kg = np.full((W, M), np.nan)
    rate_cbm = np.full((W, M), np.nan)
    divisor = np.full((W, M), np.nan)
    lane_lookup = {(w, m): i for i, (w, m) in enumerate(zip(ln["warehouse_id"], ln["freight_mode"]))}
    lkg = _num(ln["rate_per_kg"]) if "rate_per_kg" in ln.columns else np.full(len(ln), np.nan)
    lcbm = _num(ln["rate_per_cbm"]) if "rate_per_cbm" in ln.columns else np.full(len(ln), np.nan)
    ldiv = _num(ln["volumetric_divisor"])
    wh_pos = {w: j for j, w in enumerate(wh_ids)}
    for (w, m), i in lane_lookup.items():
        if w not in wh_pos:
            continue
        if m not in modes:
            problems.append(Problem(None, w, m, "freight_mode", m, f"unknown freight mode {m!r} in freight_lanes; ignored.",
                                    f"use one of {', '.join(modes)}", "warning"))
            continue
        j, k = wh_pos[w], modes.index(m)
        rate_kg[j, k], rate_cbm[j, k], divisor[j, k] = lkg[i], lcbm[i], ldiv[i]
    for j, w in enumerate(wh_ids):
        wanted = req[w] if req is not None else [m for m in modes if (w, m) in lane_lookup]
        if req is None and not wanted:
            problems.append(Problem(None, w, None, "freight_mode", None,
                                    f"warehouse {w} has no freight lane at all; it cannot be costed.",
                                    f"add rows for {w} to freight_lanes (sea, air or express with a rate)"))
        for m in wanted:
            k = modes.index(m)
            if (w, m) not in lane_lookup:
                problems.append(Problem(None, w, m, "freight_mode", m,
                                        f"warehouse {w} has no {m} lane; its {m} rows are NaN.",
                                        f"add a freight_lanes row ({w}, {m}) with transit days and a rate, or choose another mode"))
            elif np.isnan(rate_kg[j, k]) and np.isnan(rate_cbm[j, k]):
                problems.append(Problem(None, w, m, "rate_per_kg/rate_per_cbm", None,
                                        f"the {m} lane of warehouse {w} has neither rate_per_kg nor rate_per_cbm; its {m} rows are NaN.",
                                        f"fill freight_lanes.rate_per_{'cbm' if m == 'sea' else 'kg'} for ({w}, {m})"))
            elif not divisor[j, k] > 0 and (m != "sea" or np.isnan(rate_cbm[j, k])):
                problems.append(Problem(None, w, m, "volumetric_divisor", divisor[j, k],
                                        f"volumetric_divisor must be > 0 (got {divisor[j, k]}) for ({w}, {m}); its rows are NaN.",
                                        "use 6000 for air, 5000 for express, 1000 for sea"))
    # sea prefers per-CBM W/M; air/express prefer per-kg; fall back to the other rate when only it is given
    prefer_cbm = np.array([m == "sea" for m in modes])[None, :]
    use_cbm = np.where(prefer_cbm, ~np.isnan(rate_cbm), np.isnan(rate_kg) & ~np.isnan(rate_cbm))
    sea_kg_per_cbm = float(D.param(params, "sea_kg_per_cbm", table_name="params"))
    # per-CBM: W/M freight tons; the lane divisor (cm3/kg) gives kg per CBM = 1e6 / divisor when set
    kg_per_cbm = np.where(divisor > 0, 1e6 / np.where(divisor > 0, divisor, 1.0), sea_kg_per_cbm)  # (W, M)
    with np.errstate(invalid="ignore", divide="ignore"):
        wm_cbm = np.maximum(volume_cbm[:, None, None], weight[:, None, None] / kg_per_cbm[None])     # (S, W, M)
        ch_kg = np.maximum(weight[:, None, None], volume_cm3[:, None, None] / divisor[None])          # (S, W, M)
        first_leg = np.where(use_cbm[None], wm_cbm * rate_cbm[None], ch_kg * rate_kg[None])
    first_leg = first_leg * nan_w[None, :, None]
    with np.errstate(all="ignore"):
        rto_first = np.where(np.isnan(first_leg).all(axis=2), np.nan, np.nanmin(np.where(np.isnan(first_leg), np.inf, first_leg), axis=2))

    # ---------------- last mile (S, W)
    lm_div = float(D.param(params, "last_mile_volumetric_divisor", table_name="params"))
    parcel_kg = _chargeable(weight, L, Wd, H, lm_div)
    last = np.full((S, W), np.nan)
    lm = last_mile.copy()
    lm["warehouse_id"] = lm["warehouse_id"].astype(str)
    for j, w in enumerate(wh_ids):  # a loop over warehouses (a handful), vectorised over SKUs
        band = lm[lm["warehouse_id"] == w]
        if band.empty:
            problems.append(Problem(None, w, None, "last_mile", None,
                                    f"warehouse {w} has no last-mile weight bands; its last mile is counted as 0.",
                                    f"add last_mile rows ({w}, max_weight_kg, fee_per_parcel)", "warning"))
            last[:, j] = np.where(np.isnan(parcel_kg), np.nan, 0.0)
            continue
        band = band.sort_values("max_weight_kg")
        mx, fee = _num(band["max_weight_kg"]), _num(band["fee_per_parcel"])
        pos = np.searchsorted(mx, parcel_kg, side="left")
        over = (pos >= len(mx)) & ~np.isnan(parcel_kg)
        last[:, j] = np.where(pos < len(mx), fee[np.minimum(pos, len(mx) - 1)], np.nan)
        for i in np.flatnonzero(over):
            problems.append(Problem(sku_ids[i], w, None, "last_mile", round(float(parcel_kg[i]), 3),
                                    f"parcel of {parcel_kg[i]:.2f} kg (chargeable) is above the heaviest last-mile band "
                                    f"({mx[-1]:g} kg) of {w}; last_mile is NaN.",
                                    f"add a heavier last_mile band for {w}"))
    last = last * nan_w[None, :]

    # ---------------- storage, returns, leftovers
    storage_month = volume_cbm[:, None] * wh_num["storage_per_cbm_month"][None, :] * nan_w[None, :]
    return_frac = _lookup_return_frac(skus["category"].astype(str).to_numpy(), regions, return_rates, sku_ids, problems)

    _require(disposal, ("max_weight_kg", "fee_per_unit", "currency"), "disposal")
    dz = disposal.sort_values("max_weight_kg")
    dmx, dfee = _num(dz["max_weight_kg"]), _num(dz["fee_per_unit"])
    dper = _num(dz["per_kg_over"]) if "per_kg_over" in dz.columns else np.zeros(len(dz))
    dfrom = _num(dz["over_kg_from"]) if "over_kg_from" in dz.columns else np.zeros(len(dz))
    dpos = np.minimum(np.searchsorted(dmx, weight, side="left"), len(dmx) - 1)
    removal = dfee[dpos] + np.nan_to_num(dper[dpos]) * np.maximum(0.0, weight - np.nan_to_num(dfrom[dpos]))
    dccys = set(dz["currency"].astype(str).str.upper())
    if len(dccys) != 1 or next(iter(dccys)) not in currencies:
        raise ValueError(f"disposal fee table must use one currency known to the FX table (got {sorted(dccys)}); "
                         f"known: {', '.join(currencies)}.")
    removal_ccy = currencies.index(next(iter(dccys)))
    rto_ccy_code = str(D.param(leftover, "rto_paperwork_currency", table_name="leftover")).upper()
    if rto_ccy_code not in currencies:
        raise UnknownCurrencyError([rto_ccy_code], currencies, field="leftover rto_paperwork_currency")

    return LandedArrays(
        skus=sku_ids, warehouse_ids=wh_ids, regions=regions, modes=modes, currencies=currencies,
        fx_cny_per_unit=fxs.to_numpy(dtype=float),
        purchase_native=purchase, purchase_ccy=purchase_ccy, price_native=price_w, price_ccy=price_ccy_w,
        price_includes_vat=incl_vat,
        warehouse_ccy=warehouse_ccy, first_leg_native=first_leg, rto_first_leg_native=rto_first,
        inbound_native=wh_num["inbound_per_unit"] * nan_w, fulfilment_native=ful * nan_w,
        storage_month_native=storage_month, peak_surcharge_frac=wh_num["storage_peak_surcharge_pct"] / 100.0,
        last_mile_native=last, duty_frac=wh_num["duty_rate_pct"] / 100.0, vat_frac=wh_num["vat_rate_pct"] / 100.0,
        commission_frac=wh_num["commission_rate_pct"] / 100.0, duty_includes_first_leg=incl,
        return_frac=return_frac, removal_fee_native=removal, removal_ccy=removal_ccy,
        rto_paperwork_native=float(D.param(leftover, "rto_paperwork_per_unit", table_name="leftover")),
        rto_paperwork_ccy=currencies.index(rto_ccy_code),
        return_shipping_seller_frac=float(D.param(leftover, "return_shipping_seller_frac", table_name="leftover")),
        return_unsellable_frac=float(D.param(leftover, "return_unsellable_frac", table_name="leftover")),
        liquidation_recovery_frac=float(D.param(leftover, "liquidation_recovery_frac", table_name="leftover")),
        storage_days_per_month=float(D.param(params, "storage_days_per_month", table_name="params")),
        import_vat_reclaimable=float(D.param(params, "import_vat_reclaimable", table_name="params", default=1.0)),
        rush_days=rush_x, rush_pct=rush_y, problems=tuple(problems),
    )


def _requested_modes(freight_modes, wh_ids, modes) -> dict[str, list[str]] | None:
    if freight_modes is None:
        return None
    if isinstance(freight_modes, str):
        freight_modes = [freight_modes]
    if isinstance(freight_modes, Mapping):
        out = {}
        for w in wh_ids:
            v = freight_modes.get(w, [])
            out[w] = [v] if isinstance(v, str) else list(v)
    else:
        out = {w: list(freight_modes) for w in wh_ids}
    for w, ms in out.items():
        for m in ms:
            if m not in modes:
                raise ValueError(f"freight mode {m!r} (warehouse {w}) is not one of {', '.join(modes)}; fix freight_modes.")
    return out


# --------------------------------------------------------------------------------------------
# Fast path
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class LandedSelection:
    """Per-unit components in ``display_currency``; arrays are (S, W) for a chosen mode per warehouse,
    or (S, W, M) when every mode is costed. ``components`` maps each name of ``COMPONENTS`` to its array."""

    display_currency: str
    components: dict[str, np.ndarray]
    total_landed: np.ndarray
    price: np.ndarray
    output_vat: np.ndarray
    price_net: np.ndarray
    vat_credit: np.ndarray
    margin_per_unit: np.ndarray
    margin_pct: np.ndarray
    storage_per_unit_month: np.ndarray
    disposal_cost_per_unit_destroy: np.ndarray
    disposal_cost_per_unit_return_to_origin: np.ndarray
    disposal_cost_per_unit_liquidate: np.ndarray
    rush_surcharge_pct: np.ndarray


def landed_from_arrays(
    arrays: LandedArrays,
    mode_index_per_warehouse: np.ndarray | None,
    fx_vector: np.ndarray | None = None,
    *,
    display_currency: str = "CNY",
    dwell_days: float | np.ndarray = 30.0,
    peak: bool = True,
    days_before_departure_to_campaign: float | np.ndarray | None = None,
    freight_multiplier: np.ndarray | None = None,
    duty_step_pct_points: float | np.ndarray | None = None,
) -> LandedSelection:
    """Select a freight mode per warehouse and convert to the display currency (numpy only).

    Cost shocks (the stress levers) enter here and nowhere else: ``freight_multiplier`` scales the first-leg
    rate of each mode (a peak surcharge: ``first_leg = rate x chargeable quantity x multiplier``, so the rush
    surcharge, a CIF customs value and the import VAT follow it), and ``duty_step_pct_points`` adds percentage
    points to the warehouse's duty rate (a tariff step: ``duty = max(duty_rate + points / 100, 0) x customs
    value``; the caller decides which lines clear after the step's date, ``cost.shocks.duty_step_points``).
    An FX shock is a move of ``fx_vector`` (``cost.fx.apply_fx_shock``).

    Parameters
    ----------
    arrays : LandedArrays
        From :func:`prepare_landed_arrays`.
    mode_index_per_warehouse : int array (W,) or (S, W), or None
        Index into ``arrays.modes`` per warehouse (or per SKU x warehouse); None keeps every mode
        (result arrays are then (S, W, M)). ``arrays.mode_index({"US-LA": "sea"})`` builds one.
    fx_vector : array (C,) or None
        CNY per unit aligned to ``arrays.currencies`` (None = the rates used at prepare time).
        Scale an entry to move an FX lever.
    display_currency : str
        ISO code of the output.
    dwell_days : float or array broadcastable to (S, W)
        Expected days in storage before sale.
    peak : bool
        Apply each warehouse's ``storage_peak_surcharge_pct`` (Oct-Dec, defaults.md §5).
    days_before_departure_to_campaign : None, float or array broadcastable to the result
        Days from first-leg departure to the campaign start; drives the rush surcharge. None = 0%.
    freight_multiplier : array (M,) or None
        Factor (> 0) on the first-leg freight of each mode of ``arrays.modes``; None = 1 for every mode.
    duty_step_pct_points : None, float or array broadcastable to the result (S, W) / (S, W, M)
        Percentage points added to the duty rate (negative = a cut; the rate never goes below 0). None = 0.

    Returns
    -------
    LandedSelection
    """
    a = arrays
    if not (np.asarray(dwell_days, dtype=float) >= 0).all():
        raise ValueError(f"dwell_days must be >= 0 days (got {dwell_days}); pass the expected days in storage before sale.")
    fxv = a.fx_cny_per_unit if fx_vector is None else np.asarray(fx_vector, dtype=float)
    if fxv.shape != (len(a.currencies),):
        raise ValueError(f"fx_vector must have {len(a.currencies)} entries aligned to arrays.currencies "
                         f"({', '.join(a.currencies)}); got shape {fxv.shape}.")
    fmult = None
    if freight_multiplier is not None:
        fmult = np.asarray(freight_multiplier, dtype=float)
        if fmult.shape != (len(a.modes),) or not (np.isfinite(fmult) & (fmult > 0)).all():
            raise ValueError(f"freight_multiplier must hold {len(a.modes)} factors > 0 aligned to arrays.modes "
                             f"({', '.join(a.modes)}); got {fmult.tolist()}.")
    disp = fxv[a.currency_index(display_currency)]
    rate = np.append(fxv / disp, np.nan)  # index -1 (unknown currency) -> NaN

    r_wh = rate[a.warehouse_ccy]                             # (W,)
    if mode_index_per_warehouse is None:
        fl_native = a.first_leg_native                       # (S, W, M)
        if fmult is not None:
            fl_native = fl_native * fmult[None, None, :]
        ex = (slice(None), slice(None), None)                # (S, W) -> (S, W, 1)
        wex = (None, slice(None), None)                      # (W,) -> (1, W, 1)
        sex = (slice(None), None, None)                      # (S,) -> (S, 1, 1)
    else:
        mi = np.asarray(mode_index_per_warehouse, dtype=np.intp)
        if mi.ndim == 1:
            mi = np.broadcast_to(mi[None, :], a.first_leg_native.shape[:2])
        fl_native = np.take_along_axis(a.first_leg_native, mi[:, :, None], axis=2)[:, :, 0]
        if fmult is not None:
            fl_native = fl_native * fmult[mi]
        ex = (slice(None), slice(None))
        wex = (None, slice(None))
        sex = (slice(None), None)

    purchase = (a.purchase_native * rate[a.purchase_ccy])[sex]
    price_sw = a.price_native * rate[a.price_ccy]                            # (S, W)
    price = price_sw[ex]
    first_leg = fl_native * r_wh[wex]
    if days_before_departure_to_campaign is None:
        rush_pct = np.zeros(1)
    else:
        d = np.asarray(days_before_departure_to_campaign, dtype=float)
        if mode_index_per_warehouse is None and d.ndim == 2:
            d = d[:, :, None]
        rush_pct = np.interp(np.nan_to_num(d, nan=1e9), a.rush_days, a.rush_pct)
    rush = first_leg * (rush_pct / 100.0)
    freight = first_leg + rush
    duty_rate = a.duty_frac[wex]
    if duty_step_pct_points is not None:
        pp = np.nan_to_num(np.asarray(duty_step_pct_points, dtype=float), nan=0.0)
        if mode_index_per_warehouse is None and pp.ndim == 2:
            pp = pp[:, :, None]
        duty_rate = np.maximum(duty_rate + pp / 100.0, 0.0)
    duty = duty_rate * (purchase + freight * a.duty_includes_first_leg[wex])
    vat = a.vat_frac[wex] * (purchase + freight + duty)
    inbound = np.broadcast_to((a.inbound_native * r_wh)[wex], first_leg.shape)
    fulfilment = np.broadcast_to((a.fulfilment_native * r_wh)[wex], first_leg.shape)
    peak_factor = 1.0 + (a.peak_surcharge_frac if peak else 0.0)
    storage_month = (a.storage_month_native * (r_wh * peak_factor)[None, :])        # (S, W)
    dwell = np.asarray(dwell_days, dtype=float)
    storage = (storage_month * (dwell / a.storage_days_per_month))[ex]
    last_mile = (a.last_mile_native * r_wh[None, :])[ex]
    commission = a.commission_frac[wex] * price
    returns = a.return_frac[ex] * (a.return_shipping_seller_frac * last_mile + inbound + a.return_unsellable_frac * purchase)

    shape = first_leg.shape
    comps = {
        "purchase": purchase, "first_leg": first_leg, "rush_surcharge": rush, "duty": duty, "vat": vat,
        "inbound": inbound, "storage": storage, "last_mile": last_mile, "fulfilment": fulfilment,
        "commission": commission, "returns": returns,
    }
    comps = {k: np.broadcast_to(v, shape) for k, v in comps.items()}
    total = np.zeros(shape)
    for k in COMPONENTS:
        total = total + comps[k]
    price_b = np.broadcast_to(price, shape)
    incl = a.price_includes_vat[ex] * a.vat_frac[wex]
    output_vat = np.broadcast_to(price * incl / (1.0 + incl), shape)
    price_net = price_b - output_vat
    vat_credit = np.where(np.broadcast_to(a.price_includes_vat[ex], shape) > 0, comps["vat"], 0.0) \
        * a.import_vat_reclaimable
    margin = price_net - total + vat_credit
    with np.errstate(invalid="ignore", divide="ignore"):
        margin_pct = np.where(price_net > 0, margin / price_net * 100.0, np.nan)

    removal = (a.removal_fee_native * rate[a.removal_ccy])[:, None]                  # (S, 1)
    paperwork = a.rto_paperwork_native * rate[a.rto_paperwork_ccy]
    rto = removal + a.rto_first_leg_native * r_wh[None, :] + paperwork              # (S, W)
    liquidate = removal - a.liquidation_recovery_frac * price_sw                      # (S, W)
    wh_nan = np.where(np.isnan(r_wh) | np.isnan(a.inbound_native), np.nan, 0.0)[None, :]
    destroy = removal + wh_nan
    liquidate = liquidate + wh_nan
    return LandedSelection(
        display_currency=str(display_currency).upper(), components=comps, total_landed=total, price=price_b,
        output_vat=output_vat, price_net=price_net, vat_credit=vat_credit, margin_per_unit=margin, margin_pct=margin_pct,
        storage_per_unit_month=np.broadcast_to(storage_month[ex], shape),
        disposal_cost_per_unit_destroy=np.broadcast_to(destroy[ex], shape),
        disposal_cost_per_unit_return_to_origin=np.broadcast_to(rto[ex], shape),
        disposal_cost_per_unit_liquidate=np.broadcast_to(liquidate[ex], shape),
        rush_surcharge_pct=np.broadcast_to(rush_pct, shape),
    )


# --------------------------------------------------------------------------------------------
# Table
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class LandedCostResult:
    """``table``: one row per sku x warehouse x freight_mode; ``problems``: what was wrong with the inputs."""

    table: pd.DataFrame
    problems: list[Problem]

    @property
    def problems_frame(self) -> pd.DataFrame:
        return problems_frame(self.problems)


def _days_grid(days, a: LandedArrays) -> np.ndarray | None:
    if days is None:
        return None
    if isinstance(days, pd.DataFrame):
        col = "days_departure_to_campaign"
        _require(days, ("sku", "warehouse_id", col), "days_before_departure_to_campaign")
        S, W, M = a.shape
        grid = np.full((S, W, M), np.nan)
        si = pd.Index(a.skus).get_indexer(days["sku"].astype(str))
        wi = pd.Index(a.warehouse_ids).get_indexer(days["warehouse_id"].astype(str))
        vals = _num(days[col])
        if "freight_mode" in days.columns:
            mi = pd.Index(a.modes).get_indexer(days["freight_mode"].astype(str))
            ok = (si >= 0) & (wi >= 0) & (mi >= 0)
            grid[si[ok], wi[ok], mi[ok]] = vals[ok]
        else:
            ok = (si >= 0) & (wi >= 0)
            grid[si[ok], wi[ok], :] = vals[ok, None]
        return grid
    return np.asarray(days, dtype=float)


def landed_cost_table(
    skus: pd.DataFrame,
    warehouses: pd.DataFrame,
    lanes: pd.DataFrame,
    last_mile: pd.DataFrame,
    *,
    fx: FxLike = None,
    display_currency: str = "CNY",
    return_rates_pct: pd.DataFrame | None = None,
    dwell_days: float = 30.0,
    days_before_departure_to_campaign: float | np.ndarray | pd.DataFrame | None = None,
    peak: bool = True,
    disposal: pd.DataFrame | None = None,
    freight_modes: str | Sequence[str] | Mapping[str, str | Sequence[str]] | None = None,
    duty_basis: pd.DataFrame | None = None,
    leftover: pd.DataFrame | None = None,
    params: pd.DataFrame | None = None,
    rush_curve: pd.DataFrame | None = None,
    prices: pd.DataFrame | None = None,
    freight_multiplier: Mapping[str, float] | None = None,
    fx_shock_pct: float = 0.0,
    duty_step_points: pd.DataFrame | None = None,
) -> LandedCostResult:
    """Landed cost per unit, one row per sku x warehouse x freight_mode, in ``display_currency``.

    See the module docstring for each component's formula and source. Bad input rows are NaN and
    described in ``result.problems``; everything else computes.

    Parameters
    ----------
    skus, warehouses, lanes, last_mile : DataFrame
        Tables per ``linkstar_analytics.schemas``.
    fx : DataFrame, mapping or None
        FX table (``default_fx_rates()`` when None).
    display_currency : str
        ISO code of every money column; unknown -> :class:`UnknownCurrencyError`.
    return_rates_pct : DataFrame or None
        ``category, [region], return_rate_pct``; None = ``default_return_rates()`` (defaults.md §6).
    dwell_days : float
        Expected days in storage (storage component).
    days_before_departure_to_campaign : None, scalar, array (S, W, M) or DataFrame
        Days from departure to campaign start for the rush surcharge; a frame has ``sku,
        warehouse_id, [freight_mode], days_departure_to_campaign``. None = no rush surcharge.
    peak : bool
        Apply the warehouses' peak storage surcharge (Oct-Dec).
    disposal, duty_basis, leftover, params, rush_curve : DataFrame or None
        Override tables (``cost.defaults``).
    prices : DataFrame or None
        The ``prices`` table (shelf price per SKU and market); None = the SKU master price everywhere.
    freight_modes : None, str, list or dict
        Which modes to cost (see :func:`prepare_landed_arrays`); None = the lanes that exist.
    freight_multiplier, fx_shock_pct, duty_step_points
        The scenario's cost shocks, priced as the plan prices them (:func:`landed_from_arrays`): a factor on the
        first-leg freight per mode (modes not listed x1), every foreign currency moved ``fx_shock_pct`` % against
        CNY (``cost.fx.apply_fx_shock``), and duty percentage points per ``sku, warehouse_id, [freight_mode],
        pct_points`` (the lines a dated duty step reaches, ``cost.shocks``; rows not listed pay no step).

    Returns
    -------
    LandedCostResult
        ``table`` columns: sku, warehouse_id, region, freight_mode, currency, the eleven
        ``COMPONENTS``, total_landed, price, output_vat, price_net, vat_credit, margin_per_unit, margin_pct,
        rush_surcharge_pct,
        the four ``LEFTOVER_COLUMNS``, ok.
    """
    a = prepare_landed_arrays(
        skus, warehouses, lanes, last_mile, fx=fx, freight_modes=freight_modes, return_rates=return_rates_pct,
        duty_basis=duty_basis, disposal=disposal, leftover=leftover, params=params, rush_curve=rush_curve,
        prices=prices,
    )
    a.currency_index(display_currency)  # unknown display currency: raise early, naming the known ones
    fxv = None
    if fx_shock_pct:
        from linkstar_analytics.cost.fx import apply_fx_shock

        fxv = apply_fx_shock(a.fx_cny_per_unit, a.currencies, fx_shock_pct)
    fmult = None
    if freight_multiplier:
        from linkstar_analytics.cost.shocks import freight_multiplier_vector

        fmult = freight_multiplier_vector(a.modes, freight_multiplier)
    points = None
    if duty_step_points is not None and len(duty_step_points):
        points = np.nan_to_num(_days_grid(duty_step_points.rename(columns={"pct_points": "days_departure_to_campaign"}),
                                          a), nan=0.0)
    sel = landed_from_arrays(a, None, fxv, display_currency=display_currency, dwell_days=dwell_days, peak=peak,
                             days_before_departure_to_campaign=_days_grid(days_before_departure_to_campaign, a),
                             freight_multiplier=fmult, duty_step_pct_points=points)
    S, W, M = a.shape
    # rows to keep: requested modes (or the lanes that exist)
    req = _requested_modes(freight_modes, a.warehouse_ids, a.modes)
    keep = np.zeros((S, W, M), dtype=bool)
    lane_pairs = set(zip(lanes["warehouse_id"].astype(str), lanes["freight_mode"].astype(str)))
    for j, w in enumerate(a.warehouse_ids):
        for k, m in enumerate(a.modes):
            keep[:, j, k] = (m in req[w]) if req is not None else ((w, m) in lane_pairs)
    flat = keep.ravel()
    si, wi, mi = np.unravel_index(np.flatnonzero(flat), (S, W, M))
    out = pd.DataFrame({
        "sku": a.skus[si],
        "warehouse_id": a.warehouse_ids[wi],
        "region": a.regions[wi],
        "freight_mode": np.asarray(a.modes, dtype=object)[mi],
        "currency": str(display_currency).upper(),
    })
    for k in COMPONENTS:
        out[k] = sel.components[k].ravel()[flat]
    for k in ("total_landed", "price", "output_vat", "price_net", "vat_credit", "margin_per_unit", "margin_pct",
              "rush_surcharge_pct", *LEFTOVER_COLUMNS):
        out[k] = getattr(sel, k).ravel()[flat]
    out["ok"] = np.isfinite(out["total_landed"].to_numpy())
    return LandedCostResult(table=out, problems=list(a.problems))


__all__ = [
    "COMPONENTS",
    "LEFTOVER_COLUMNS",
    "LandedArrays",
    "LandedCostResult",
    "LandedSelection",
    "chargeable_weight_kg",
    "default_mode_by_warehouse",
    "landed_cost_table",
    "landed_from_arrays",
    "prepare_landed_arrays",
    "rush_surcharge_pct",
    "sea_freight_cbm",
]
