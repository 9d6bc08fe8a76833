"""Plan inputs: everything that does not depend on a lever, laid out once as grouped numpy arrays.

:func:`build_plan_inputs` turns the dataset tables, the baseline forecast frame, the uplift frame (and, when the
forecast provides it, the per-day ``campaign_effects`` frame) for one campaign into a frozen :class:`PlanInputs`.
The app caches it per (dataset version, forecast settings, campaign, overrides); every lever is then applied by
:func:`linkstar_analytics.plan.engine.compute_plan` with vectorised numpy only.

Index spaces
------------
* **series** ``s``: one ``(sku, region)`` with demand in a campaign market (``series`` frame).
* **warehouses** ``w``: the ``warehouses`` table (``warehouses`` frame).
* **lines** ``l``: every series x every warehouse (``lines`` frame, series-major). A line whose warehouse serves
  another market only gets units when the scenario's mix sends them there; stock sits on its own market's line.
* **skus** ``k``: the SKU master rows that have a series (``cost.landed`` / ``cost.schedule`` arrays use the same
  SKU and warehouse order, so no index maps are needed).

Grouped arrays: :class:`WindowArrays` (demand over the window, per series), :class:`SkuArrays`,
:class:`WarehouseArrays`, :class:`LineArrays`, :class:`ShipmentArrays`, plus the cost and schedule arrays of
``cost.landed`` and ``cost.schedule``.

Demand over the window (see :mod:`linkstar_analytics.plan.demand`)
-----------------------------------------------------------------
Days count from ``window_start`` (the inbound cutoff, or ``as_of`` when later) to the campaign end plus at most
:data:`MAX_COVER_DAYS`. On day t the baseline mean ``b_t`` and sd ``sigma_t`` of the forecast are multiplied by the
campaign effect ``f_t(u) = alpha_t + u beta_t``: ``beta_t`` is the planned campaign's lift over the baseline
(``multiplier - 1`` where above 1, so the uplift lever ``u`` scales the lift and never pushes a campaign day under
the baseline), ``alpha_t`` everything else (other campaigns' multipliers in the window, the planned campaign's
post-event dip). The effects come from the forecast's ``campaign_effects`` frame (``sku, region, date, campaign_id,
multiplier, cv``: run-up and dip included) when given, else from the uplift frame x each campaign's days (the
campaign's ``default_uplift`` where a series has no row). Overlapping campaigns: the larger multiplier wins.
Sums over days are kept cumulatively (to any day for the means, to the window end for the spread) so that the
window total's mean and variance ``(1 - rho) sum s_t^2 + rho (sum s_t)^2 + (sum b_t f_t cv_t)^2`` (equicorrelated
days, forecast/base.py, plus one campaign error shared by all its days) follow any uplift and cover days exactly.
The forecast's optional ``window_sd_scale`` (per series, default 1) multiplies the window total's sd.

Stock over time
---------------
Today's stock is projected to the window start by the expected sales until then, **through every campaign before
the window** (their effects applied). Shipments in transit count from the day they are sellable (effective ETA,
plus the lane's slip in the pessimistic case): at the window start, inside the window (a tranche of their own), or
after it (not for this window).

Creator units
-------------
The sales history (all channels) already holds creator sales, so the forecast and the learned uplift already imply
some creator volume: ``creator share x daily mean`` per day, with the share of units sold through the creator
channels (``live``, ``video``, ``affiliate``) on campaign days and on other days over the last year of sales. The
creator schedule adds only its excess over that, over the window: ``X = max(scheduled - implied, 0)``. Total demand
``B + X`` never falls when the window or the uplift grows (the implied part grows by at most the baseline's growth,
as the share is at most 1).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from linkstar_analytics.cost.defaults import default_cost_params, default_disposal_fees, default_leftover_params, param
from linkstar_analytics.cost.landed import LandedArrays, prepare_landed_arrays
from linkstar_analytics.cost.schedule import ScheduleArrays, prepare_schedule_arrays
from linkstar_analytics.plan.memo import PlanMemo
from linkstar_analytics.schemas import FREIGHT_MODES

__all__ = [
    "CREATOR_CHANNELS",
    "DEFAULT_UPLIFT_CV_BY_SOURCE",
    "MAX_COVER_DAYS",
    "MAX_TRANSIT_TRANCHES",
    "LineArrays",
    "PlanInputs",
    "PlanParams",
    "ShipmentArrays",
    "SkuArrays",
    "WarehouseArrays",
    "WindowArrays",
    "build_plan_inputs",
]

#: Largest cover_days lever value the inputs are laid out for (Scenario range 0-60).
MAX_COVER_DAYS = 60
#: Day-to-day correlation used when the forecast frame has no ``rho`` column (forecast/base.py falls
#: back to the same 0.2 when residuals are too short) [E].
DEFAULT_RHO = 0.2
#: Relative uncertainty (cv) of the campaign uplift by the estimate's source: the same engineering estimates
#: [E] as ``forecast.uplift.UPLIFT_CV_BY_SOURCE`` (plan/ does not import forecast/; callers pass that table).
DEFAULT_UPLIFT_CV_BY_SOURCE: Mapping[str, float] = {"own": 0.15, "shrunk": 0.2, "category": 0.3, "default": 0.5}
#: Sales channels through which creators sell (``schemas.CHANNELS`` minus the shop itself).
CREATOR_CHANNELS: tuple[str, ...] = ("live", "video", "affiliate")
#: Shipments landing inside the window are kept as up to this many tranches per line (further landing days are
#: merged into the last one, i.e. counted later: never earlier than they land).
MAX_TRANSIT_TRANCHES = 3
#: z of the 90 % quantile: sd from p10/p90 as (p90 - p10) / (2 * 1.2816) when ``sigma`` is absent
#: (normal approximation).
_Z90 = 1.2815515655446004
#: Days of the baseline after the campaign used as the rate at which a continuing SKU sells leftovers.
_RATE_AFTER_DAYS = 28


@dataclass(frozen=True)
class PlanParams:
    """Overridable planning conventions (each documented with its source).

    Attributes
    ----------
    leftover_hold_months : float, default 2.0
        Months a leftover unit of a discontinued SKU is stored before it is disposed by the chosen option [E]:
        FBA removals take 14 business days normally and 30+ in peak (defaults.md §1.5), plus the time to decide.
    cross_region_transfer_mode : str, default "express"
        First-leg mode whose per-unit rate stands in for moving a unit between markets [E] (no transfer tariff in
        defaults.md; a transfer is another small-parcel international leg).
    consume_stock_before_window : bool, default True
        Project today's stock to the window start by the expected sales in between (when the inbound cutoff is
        still ahead); False counts today's stock as available at the window start.
    """

    leftover_hold_months: float = 2.0
    cross_region_transfer_mode: str = "express"
    consume_stock_before_window: bool = True


@dataclass(frozen=True, eq=False)
class WindowArrays:
    """Demand over the window per series (days from ``window_start``; cumulative arrays have a leading 0).

    ``mean_base_cum[s, d]`` / ``mean_lift_cum[s, d]``: sum over days < d of ``b alpha`` / ``b beta``; ``var_cum``
    ``[3, n_s, T + 1]``: sums of ``sigma^2 alpha^2``, ``sigma^2 alpha beta``, ``sigma^2 beta^2`` over days < d;
    ``sd_cum`` ``[2, ...]``: sums of ``sigma alpha``, ``sigma beta``; ``err_cum`` ``[2, ...]``: sums of ``b alpha cv``,
    ``b beta cv``. ``creators_cum[s, d]``: scheduled creator units before day d;
    ``creators_implied_cum`` ``[2, n_s, T + 1]``: creator units the forecast implies (alpha and beta parts).
    """

    n_days: int
    camp_hi: int  # index of the last campaign day
    presale_day: int  # index of the first campaign day (presale is delivered then), >= 0
    mean_base_cum: np.ndarray
    mean_lift_cum: np.ndarray
    var_cum: np.ndarray
    sd_cum: np.ndarray
    err_cum: np.ndarray
    rho: np.ndarray
    sd_scale: np.ndarray
    creators_cum: np.ndarray
    creators_implied_cum: np.ndarray
    has_creators: np.ndarray
    presale_plain_units: np.ndarray
    presale_deposit_units: np.ndarray
    reference_mean: np.ndarray  # baseline to the campaign end at the estimated uplift (lever 1): MOQ weights
    reference_var: np.ndarray  # its variance (the scale of a leftover, whatever the levers)
    rate_after: np.ndarray  # baseline units per day after the campaign (continuing SKUs sell leftovers at it)
    profile_base: np.ndarray  # [n_r, T] expected units per region and day (alpha part) for cash release
    profile_lift: np.ndarray  # [n_r, T] (beta part)

    def _sum_parts(self) -> tuple[np.ndarray, ...]:
        return (self.mean_base_cum, self.mean_lift_cum, *self.var_cum, *self.sd_cum, *self.err_cum)

    @cached_property
    def sums_cum(self) -> np.ndarray:
        """``[n_s, T + 1, 9]``: the cumulative sums (mean base, mean lift, var 0..2, sd 0..1, err 0..1) side by side,
        so one gather at (series, day) reads all nine from one cache line. :func:`build_plan_inputs` lays the fields
        out as views of this array; a window assembled otherwise gets a stacked copy."""
        parts = self._sum_parts()
        owner = parts[0].base
        if (isinstance(owner, np.ndarray) and owner.ndim == 3 and owner.shape == parts[0].shape + (9,)
                and all(p.base is owner and p.strides == owner.strides[:2]
                        and p.__array_interface__["data"][0] == owner.__array_interface__["data"][0] + i * owner.strides[2]
                        for i, p in enumerate(parts))):
            return owner
        out = np.stack(parts, axis=-1)
        out.flags.writeable = False
        return out

    def sums_at(self, series: np.ndarray, day: np.ndarray) -> np.ndarray:
        """``[n, 9]``: :attr:`sums_cum` at (``series[i]``, ``day[i]``) (one row gather)."""
        c = self.sums_cum
        rows = np.asarray(series, dtype=np.int64) * c.shape[1] + np.asarray(day, dtype=np.int64)
        return np.take(c.reshape(-1, 9), rows, axis=0)


@dataclass(frozen=True, eq=False)
class SkuArrays:
    """Per SKU ``[n_k]``."""

    moq_units: np.ndarray
    case_pack_units: np.ndarray
    revenue_rank: np.ndarray  # 0 = highest revenue
    deposit_pct: np.ndarray | None = None  # the SKU's own supplier deposit share, % (NaN = the scenario's)


@dataclass(frozen=True, eq=False)
class WarehouseArrays:
    """Per warehouse ``[n_w]``."""

    region: np.ndarray
    pool: np.ndarray  # 0 = FBT, 1 = 3PL / SELF


@dataclass(frozen=True, eq=False)
class LineArrays:
    """Per line ``[n_l]`` (series-major: line = series x n_w + warehouse)."""

    series: np.ndarray
    warehouse: np.ndarray
    sku: np.ndarray
    in_region: np.ndarray
    on_hand_now_units: np.ndarray
    on_hand_start_units: np.ndarray  # projected to the window start
    position_units: np.ndarray  # stock at the start + every shipment in transit (lever-independent)
    default_share: np.ndarray  # share of the series' demand routed to the line (sums to 1 per series)


@dataclass(frozen=True, eq=False)
class ShipmentArrays:
    """Shipments in transit ``[n_sh]`` (units net of the sales before the window they serve)."""

    line: np.ndarray
    units: np.ndarray
    sellable_day: np.ndarray  # [n_sh, 2] days from the window start: typical, pessimistic (lane slip)


@dataclass(frozen=True, eq=False)
class PlanInputs:
    """Lever-independent arrays for one (dataset, forecast, campaign). Built by :func:`build_plan_inputs`.

    Money stays in ``landed`` (``cost.landed.LandedArrays``, native currencies); the engine converts with the
    scenario's FX. Lead times are in ``schedule`` (``cost.schedule.ScheduleArrays``). Days are offsets from
    ``as_of`` (``day0`` = the window start's).
    """

    campaign_id: str
    as_of: pd.Timestamp
    campaign_start: pd.Timestamp
    campaign_end: pd.Timestamp
    inbound_cutoff: pd.Timestamp
    window_start: pd.Timestamp
    day0: int
    currencies: tuple[str, ...]
    regions: tuple[str, ...]
    params: PlanParams
    peak_months: tuple[int, ...]
    capital_cost_pct_year: float  # cost.defaults leftover parameters: a continuing SKU's leftover ties up capital
    max_months_to_sell: float  # ... and is priced as written off when it would wait longer

    series: pd.DataFrame  # sku, region
    warehouses: pd.DataFrame  # warehouse_id, name, region, fulfilment_mode, currency
    lines: pd.DataFrame  # sku, region, warehouse_id, warehouse_region, fulfilment_mode
    skus: pd.DataFrame  # sku, name, category

    s_sku: np.ndarray
    s_region: np.ndarray
    window: WindowArrays
    sku: SkuArrays
    warehouse: WarehouseArrays
    line: LineArrays
    shipments: ShipmentArrays
    landed: LandedArrays
    schedule: ScheduleArrays
    notes: tuple[str, ...] = field(default=())
    #: Plans already computed from these inputs, per scenario (``plan.memo``; a cache, never part of the data: a
    #: ``dataclasses.replace`` copy starts with an empty one).
    memo: PlanMemo = field(default_factory=PlanMemo, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # shared between sessions by the app's process-wide cache: make every array read-only
        # (views are copied first so a caller's frame never turns read-only)
        def freeze(obj) -> None:
            for name, value in list(vars(obj).items()):
                if isinstance(value, np.ndarray):
                    if value.base is not None and value.flags.writeable:
                        value = value.copy()
                        object.__setattr__(obj, name, value)
                    value.flags.writeable = False

        freeze(self)
        for group in (self.window, self.sku, self.warehouse, self.line, self.shipments):
            freeze(group)

    @property
    def n_series(self) -> int:
        return int(self.s_sku.shape[0])

    @property
    def n_lines(self) -> int:
        return int(self.line.series.shape[0])

    @property
    def n_warehouses(self) -> int:
        return int(self.warehouse.region.shape[0])


# ----------------------------------------------------------------------------------------------

_REQUIRED = ("skus", "warehouses", "freight_lanes", "campaigns")


def _sku_deposit_pct(sku_master: pd.DataFrame, sk: pd.DataFrame, notes: list[str]) -> np.ndarray:
    """The optional ``deposit_pct`` column of the SKU master per planned SKU (NaN = blank: the scenario's share).

    A share outside 0-100 % (only reachable when the table skipped the importer's checks) is ignored with a note
    naming the file, row, column and fix; that SKU pays the scenario's deposit share.
    """
    if "deposit_pct" not in sk.columns:
        return np.full(len(sk), np.nan)
    raw = pd.to_numeric(sk["deposit_pct"], errors="coerce").to_numpy(dtype=float)
    bad = np.isfinite(raw) & ((raw < 0) | (raw > 100))
    if bad.any():
        all_vals = pd.to_numeric(sku_master["deposit_pct"], errors="coerce")
        rows = np.flatnonzero(((all_vals < 0) | (all_vals > 100)).to_numpy())
        first = int(rows[0]) if rows.size else 0
        notes.append(f"skus.csv row {first + 2}, column deposit_pct: {all_vals.iloc[first]:g} is not a share of "
                     f"0-100 %; {int(bad.sum())} SKU(s) use the scenario's deposit share instead. Fix: enter the "
                     "deposit as a percentage of the purchase between 0 and 100 (30 for a 30/70 term)")
    return np.where(bad, np.nan, raw)


def _table(tables: Mapping[str, pd.DataFrame], name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    if name not in tables or tables[name] is None:
        raise ValueError(f"table {name!r} is missing; the plan needs {', '.join(_REQUIRED)} "
                         "(and uses stock, shipments, presale, creators, sales, prices, last_mile when present)")
    df = tables[name]
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"table {name!r} is missing column(s) {missing}; see linkstar_analytics/schemas.py")
    return df


def _optional(tables: Mapping[str, pd.DataFrame], name: str, columns: tuple[str, ...]) -> pd.DataFrame | None:
    df = tables.get(name)
    if df is None or len(df) == 0:
        return None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"table {name!r} is missing column(s) {missing}; see linkstar_analytics/schemas.py")
    return df


def _as_bool(col: pd.Series) -> np.ndarray:
    """A bool column that may arrive as text ("true", "1", "yes", "是") from CSV/xlsx; blanks are False."""
    if col.dtype == bool:
        return col.to_numpy()
    text = col.astype(str).str.strip().str.lower()
    return text.isin(("true", "1", "1.0", "yes", "y", "t", "是")).to_numpy()


def _days(ts, origin: pd.Timestamp) -> np.ndarray:
    d = pd.to_datetime(ts).to_numpy(dtype="datetime64[D]")
    return (d - np.datetime64(origin.date(), "D")).astype(np.int64)


def _cum(x: np.ndarray) -> np.ndarray:
    """Cumulative sum along days with a leading 0 column: ``out[:, d] = sum over days < d``."""
    return np.concatenate([np.zeros(x.shape[:-1] + (1,)), np.cumsum(x, axis=-1)], axis=-1)


def _campaign_effects(camps: pd.DataFrame, campaign_id: str, series: pd.DataFrame, s_idx: pd.MultiIndex,
                      origin: pd.Timestamp, n_days: int, uplift: pd.DataFrame | None,
                      effects: pd.DataFrame | None, cv_table: Mapping[str, float]) -> tuple[np.ndarray, ...]:
    """``(planned multiplier, planned cv, other multiplier, other cv, other campaign present)``, each ``[n_s, n_days]``
    from ``origin``.

    Multipliers are 1 (cv 0) off campaign days. From ``effects`` (the forecast's per-day frame) when given, else
    the uplift frame x each campaign's days (``default_uplift`` where a series has no row). Overrides of the planned
    campaign (uplift rows with ``source == "override"``) replace its campaign-day multiplier in both cases.
    """
    n_s = len(series)
    planned = np.ones((n_s, n_days))
    planned_cv = np.zeros((n_s, n_days))
    other = np.ones((n_s, n_days))
    other_cv = np.zeros((n_s, n_days))
    other_on = np.zeros((n_s, n_days), dtype=bool)
    s_region = series["region"].to_numpy()
    end = origin + pd.Timedelta(days=n_days - 1)
    c = camps.assign(campaign_id=camps["campaign_id"].astype(str),
                     start_date=pd.to_datetime(camps["start_date"]).dt.normalize(),
                     end_date=pd.to_datetime(camps["end_date"]).dt.normalize())
    up_rows = None
    if uplift is not None and len(uplift) and {"sku", "region", "campaign_id", "uplift"} <= set(uplift.columns):
        up_rows = uplift.assign(campaign_id=uplift["campaign_id"].astype(str))
    overrides = None
    if up_rows is not None and "source" in up_rows.columns:
        overrides = up_rows[(up_rows["campaign_id"] == str(campaign_id)) & (up_rows["source"].astype(str) == "override")]

    if effects is not None and len(effects):
        e = effects
        d = _days(e["date"], origin)
        si = s_idx.get_indexer(pd.MultiIndex.from_arrays([e["sku"].astype(str), e["region"].astype(str)]))
        mult = pd.to_numeric(e["multiplier"], errors="coerce").to_numpy(dtype=float)
        cv = (pd.to_numeric(e["cv"], errors="coerce").fillna(0.0).to_numpy(dtype=float) if "cv" in e.columns
              else np.zeros(len(e)))
        ok = (si >= 0) & (d >= 0) & (d < n_days) & np.isfinite(mult) & (mult >= 0)
        is_planned = (e["campaign_id"].astype(str) == str(campaign_id)).to_numpy()
        p, o = ok & is_planned, ok & ~is_planned
        planned[si[p], d[p]] = mult[p]
        planned_cv[si[p], d[p]] = np.maximum(cv[p], 0.0)
        # other campaigns overlapping on a day: the larger multiplier wins
        other_tmp = np.full((n_s, n_days), -np.inf)
        np.maximum.at(other_tmp, (si[o], d[o]), mult[o])
        other_on = np.isfinite(other_tmp)
        other = np.where(other_on, other_tmp, 1.0)
        cv_tmp = np.zeros((n_s, n_days))
        np.maximum.at(cv_tmp, (si[o], d[o]), np.maximum(cv[o], 0.0))
        other_cv = cv_tmp
    else:
        for rec in c.itertuples(index=False):  # campaigns are few (tens): not a per-SKU loop
            if rec.end_date < origin or rec.start_date > end:
                continue
            regions = [r.strip() for r in str(rec.regions).split(";") if r.strip()]
            rows = np.flatnonzero(np.isin(s_region, regions))
            if rows.size == 0:
                continue
            lo = max(int((rec.start_date - origin).days), 0)
            hi = min(int((rec.end_date - origin).days), n_days - 1)
            dflt = float(rec.default_uplift) if pd.notna(rec.default_uplift) else 1.0
            mult = np.full(rows.size, dflt)
            cv = np.full(rows.size, float(cv_table.get("default", 0.0)))
            if up_rows is not None:
                u = up_rows[up_rows["campaign_id"] == rec.campaign_id]
                if len(u):
                    ui = s_idx.get_indexer(pd.MultiIndex.from_arrays([u["sku"].astype(str), u["region"].astype(str)]))
                    uv = pd.to_numeric(u["uplift"], errors="coerce").to_numpy(dtype=float)
                    if "cv" in u.columns:
                        uc = pd.to_numeric(u["cv"], errors="coerce").to_numpy(dtype=float)
                    elif "source" in u.columns:
                        uc = u["source"].astype(str).map(dict(cv_table)).astype(float).to_numpy()
                    else:
                        uc = np.full(len(u), np.nan)
                    pos = pd.Index(rows).get_indexer(ui)
                    okv = (pos >= 0) & np.isfinite(uv) & (uv >= 0)
                    mult[pos[okv]] = uv[okv]
                    okc = okv & np.isfinite(uc) & (uc >= 0)
                    cv[pos[okc]] = uc[okc]
            if rec.campaign_id == str(campaign_id):
                planned[rows, lo:hi + 1] = mult[:, None]
                planned_cv[rows, lo:hi + 1] = cv[:, None]
            else:
                cur = np.where(other_on[rows, lo:hi + 1], other[rows, lo:hi + 1], -np.inf)
                take = mult[:, None] > cur
                other_on[rows, lo:hi + 1] = True
                other[rows, lo:hi + 1] = np.where(take, mult[:, None], cur)
                other_cv[rows, lo:hi + 1] = np.where(take, cv[:, None], other_cv[rows, lo:hi + 1])
    if effects is not None and len(effects) and overrides is not None and len(overrides):
        hit = c[c["campaign_id"] == str(campaign_id)]
        if len(hit):
            lo = max(int((hit["start_date"].iloc[0] - origin).days), 0)
            hi = min(int((hit["end_date"].iloc[0] - origin).days), n_days - 1)
            oi = s_idx.get_indexer(pd.MultiIndex.from_arrays([overrides["sku"].astype(str),
                                                              overrides["region"].astype(str)]))
            ov = pd.to_numeric(overrides["uplift"], errors="coerce").to_numpy(dtype=float)
            ok = (oi >= 0) & np.isfinite(ov)
            if hi >= lo:
                planned[oi[ok], lo:hi + 1] = ov[ok][:, None]
                planned_cv[oi[ok], lo:hi + 1] = float(cv_table.get("override", cv_table.get("own", 0.15)))
    return planned, planned_cv, other, other_cv, other_on


def _creator_shares(sales: pd.DataFrame | None, camps: pd.DataFrame, s_idx: pd.MultiIndex,
                    as_of: pd.Timestamp) -> tuple[np.ndarray, np.ndarray]:
    """Share of units sold through creator channels per series over the last year: (on campaign days, other days).

    Zero without a ``channel`` column (creator sales can not be told apart; the schedule then adds in full).
    """
    n = len(s_idx)
    if sales is None or "channel" not in sales.columns or "region" not in sales.columns:
        return np.zeros(n), np.zeros(n)
    dates = pd.to_datetime(sales["date"])
    recent = sales[(dates > as_of - pd.Timedelta(days=365)) & (dates < as_of)]
    if recent.empty:
        return np.zeros(n), np.zeros(n)
    si = s_idx.get_indexer(pd.MultiIndex.from_arrays([recent["sku"].astype(str), recent["region"].astype(str)]))
    units = pd.to_numeric(recent["units"], errors="coerce").fillna(0.0).clip(lower=0).to_numpy()
    creator = recent["channel"].astype(str).isin(CREATOR_CHANNELS).to_numpy()
    d = pd.to_datetime(recent["date"]).dt.normalize()
    on_camp = np.zeros(len(recent), dtype=bool)
    region = recent["region"].astype(str).to_numpy()
    for rec in camps.itertuples(index=False):  # campaigns are few
        regions = [r.strip() for r in str(rec.regions).split(";") if r.strip()]
        on_camp |= (d >= pd.Timestamp(rec.start_date)).to_numpy() & (d <= pd.Timestamp(rec.end_date)).to_numpy() \
            & np.isin(region, regions)
    ok = si >= 0
    out = []
    for mask in (on_camp, ~on_camp):
        tot = np.bincount(si[ok & mask], weights=units[ok & mask], minlength=n)
        cre = np.bincount(si[ok & mask & creator], weights=units[ok & mask & creator], minlength=n)
        out.append(np.clip(np.where(tot > 0, cre / np.where(tot > 0, tot, 1.0), 0.0), 0.0, 1.0))
    return out[0], out[1]


def build_plan_inputs(
    tables: Mapping[str, pd.DataFrame],
    forecast: pd.DataFrame,
    uplift: pd.DataFrame | None,
    campaign_id: str,
    *,
    as_of: str | pd.Timestamp | None = None,
    params: PlanParams | None = None,
    cost_tables: Mapping[str, pd.DataFrame] | None = None,
    uplift_cv_by_source: Mapping[str, float] | None = None,
    campaign_effects: pd.DataFrame | None = None,
) -> PlanInputs:
    """Lay out every lever-independent input of the plan for one campaign (computed once, cached).

    Parameters
    ----------
    tables : dataset tables by name (``skus``, ``warehouses``, ``freight_lanes``, ``campaigns`` required;
        ``stock``, ``shipments``, ``presale``, ``creators``, ``sales``, ``prices``, ``last_mile`` optional). Not
        modified.
    forecast : baseline forecast frame ``sku, region, date, mean`` plus ``sigma`` (or ``p10``/``p90``), optionally
        ``rho`` and ``window_sd_scale`` (forecast/base.py); the non-campaign baseline per day.
    uplift : frame ``sku, region, campaign_id, uplift`` (x baseline on campaign days, ``source`` or ``cv``) or None;
        series without a row use the campaign's ``default_uplift``. Rows with ``source == "override"`` (the
        planner's figure, ``workflow.apply_uplift_overrides``) replace the planned campaign's uplift.
    campaign_id : the campaign to plan.
    as_of : "today" (default: the day after the last forecast-history day, i.e. the first forecast date).
    params : :class:`PlanParams` overrides.
    cost_tables : optional overrides of cost.defaults frames: ``duty_basis``, ``disposal_fees``,
        ``rush_curve``, ``cost_params``, ``return_rates``, ``leftover_params``, ``price_vat``.
    uplift_cv_by_source : relative uncertainty of the uplift by its ``source`` (pass
        ``forecast.uplift.UPLIFT_CV_BY_SOURCE``); default :data:`DEFAULT_UPLIFT_CV_BY_SOURCE`.
    campaign_effects : the forecast's per-day campaign effects ``sku, region, date, campaign_id, multiplier, cv``
        (every campaign in the horizon, run-up and dip included), or None to use ``uplift`` x campaign days.

    Raises
    ------
    ValueError
        A missing table/column, an unknown campaign, or a forecast that does not cover the window.
    """
    params = params or PlanParams()
    cost_tables = dict(cost_tables or {})
    skus = _table(tables, "skus", ("sku", "unit_cost", "cost_currency", "price", "price_currency", "weight_kg",
                                   "length_cm", "width_cm", "height_cm", "moq_units", "case_pack_units",
                                   "production_days"))
    whs = _table(tables, "warehouses", ("warehouse_id", "region", "fulfilment_mode", "currency",
                                        "consolidation_days_typ", "consolidation_days_max", "customs_days_typ",
                                        "customs_days_max", "receiving_days_typ", "receiving_days_max",
                                        "storage_per_cbm_month", "storage_peak_surcharge_pct", "inbound_per_unit",
                                        "duty_rate_pct", "vat_rate_pct", "commission_rate_pct"))
    lanes = _table(tables, "freight_lanes", ("warehouse_id", "freight_mode", "transit_days_typ", "transit_days_max",
                                             "volumetric_divisor"))
    camps = _table(tables, "campaigns", ("campaign_id", "regions", "start_date", "end_date", "inbound_cutoff",
                                         "default_uplift"))
    if "uplift" in forecast.columns:
        raise ValueError("forecast frame is campaign-inclusive (it has an 'uplift' column, as written by "
                         "forecast.uplift.apply_uplift); pass the baseline forecast (ForecastResult.forecasts) "
                         "and the uplift frame separately: the plan applies the uplift and its lever itself")
    fc_missing = [c for c in ("sku", "region", "date", "mean") if c not in forecast.columns]
    if fc_missing:
        raise ValueError(f"forecast frame is missing column(s) {fc_missing}; pass the baseline forecast "
                         "(sku, region, date, mean, sigma, rho)")
    if campaign_effects is not None and len(campaign_effects):
        ce_missing = [c for c in ("sku", "region", "date", "campaign_id", "multiplier") if c not in campaign_effects]
        if ce_missing:
            raise ValueError(f"campaign_effects frame is missing column(s) {ce_missing}; it needs sku, region, date, "
                             "campaign_id, multiplier (and cv)")
    notes: list[str] = []
    cv_table = dict(DEFAULT_UPLIFT_CV_BY_SOURCE if uplift_cv_by_source is None else uplift_cv_by_source)

    # -- campaign and window -----------------------------------------------------------------
    hit = camps[camps["campaign_id"].astype(str) == str(campaign_id)]
    if hit.empty:
        known = ", ".join(map(str, camps["campaign_id"].astype(str).tolist()[:20]))
        raise ValueError(f"campaign_id {campaign_id!r} is not in the campaigns table; pick one of: {known}")
    camp = hit.iloc[0]
    c_start = pd.Timestamp(camp["start_date"]).normalize()
    c_end = pd.Timestamp(camp["end_date"]).normalize()
    cutoff = pd.Timestamp(camp["inbound_cutoff"]).normalize()
    regions_c = tuple(r.strip() for r in str(camp["regions"]).split(";") if r.strip())
    fc_dates = pd.to_datetime(forecast["date"])
    as_of_ts = pd.Timestamp(as_of).normalize() if as_of is not None else fc_dates.min().normalize()
    win_start = max(cutoff, as_of_ts)
    if win_start > c_end:
        raise ValueError(f"campaign {campaign_id!r} ended on {c_end.date()} (as_of {as_of_ts.date()}); "
                         "pick a campaign that has not ended yet")
    d0 = int((win_start - as_of_ts).days)
    n_days = int((c_end + pd.Timedelta(days=MAX_COVER_DAYS) - win_start).days) + 1
    camp_hi = int((c_end - win_start).days)
    presale_day = max(int((c_start - win_start).days), 0)
    n_all = d0 + n_days  # days from as_of (pre-window + window)

    # -- series --------------------------------------------------------------------------------
    fc = pd.DataFrame({
        "sku": forecast["sku"].astype(str).to_numpy(),
        "region": forecast["region"].astype(str).to_numpy(),
        "date": fc_dates.dt.normalize().to_numpy(),
        "mean": pd.to_numeric(forecast["mean"], errors="coerce").fillna(0.0).clip(lower=0).to_numpy(),
    })
    if "sigma" in forecast.columns:
        fc["sigma"] = pd.to_numeric(forecast["sigma"], errors="coerce").fillna(0.0).clip(lower=0).to_numpy()
    elif {"p10", "p90"} <= set(forecast.columns):
        fc["sigma"] = ((pd.to_numeric(forecast["p90"], errors="coerce") - pd.to_numeric(forecast["p10"], errors="coerce"))
                       / (2 * _Z90)).fillna(0.0).clip(lower=0).to_numpy()
    else:
        fc["sigma"] = np.sqrt(fc["mean"].to_numpy())  # Poisson
        notes.append("forecast has no sigma or p10/p90: Poisson spread (sd = sqrt(mean)) assumed")
    fc["rho"] = (pd.to_numeric(forecast["rho"], errors="coerce").fillna(DEFAULT_RHO).to_numpy()
                 if "rho" in forecast.columns else DEFAULT_RHO)
    fc["sd_scale"] = (pd.to_numeric(forecast["window_sd_scale"], errors="coerce").fillna(1.0).clip(lower=0).to_numpy()
                      if "window_sd_scale" in forecast.columns else 1.0)
    sku_master = skus.assign(sku=skus["sku"].astype(str)).drop_duplicates("sku").reset_index(drop=True)
    fc = fc[fc["region"].isin(regions_c) & fc["sku"].isin(sku_master["sku"])]
    if fc.empty:
        raise ValueError(f"the forecast has no rows for campaign {campaign_id!r} markets {list(regions_c)} and "
                         "SKUs of the SKU master; forecast those SKUs first")
    series = fc[["sku", "region"]].drop_duplicates().sort_values(["sku", "region"]).reset_index(drop=True)
    n_s = len(series)
    s_idx = pd.MultiIndex.from_frame(series)
    rows = s_idx.get_indexer(pd.MultiIndex.from_frame(fc[["sku", "region"]]))
    cols = _days(fc["date"], as_of_ts)
    inr = (cols >= 0) & (cols < n_all)
    mean_m = np.full((n_s, n_all), np.nan)
    sig_m = np.full((n_s, n_all), np.nan)
    mean_m[rows[inr], cols[inr]] = fc["mean"].to_numpy()[inr]
    sig_m[rows[inr], cols[inr]] = fc["sigma"].to_numpy()[inr]
    rho = np.full(n_s, DEFAULT_RHO)
    rho[rows] = fc["rho"].to_numpy(dtype=float)
    rho = np.clip(rho, 0.0, 1.0)
    sd_scale = np.ones(n_s)
    sd_scale[rows] = fc["sd_scale"].to_numpy(dtype=float)
    gaps = np.isnan(mean_m[:, d0:])
    if gaps.any():
        # days beyond the forecast horizon: the series' average forecast day (flat extension) [E]
        fc_avg = fc.groupby(["sku", "region"])[["mean", "sigma"]].mean().reindex(s_idx).to_numpy()
        short = int(gaps.any(axis=1).sum())
        notes.append(f"{short} series' forecast ends before campaign end + {MAX_COVER_DAYS} days: "
                     "the missing days use the series' average forecast day")
        mean_m = np.where(np.isnan(mean_m), fc_avg[:, [0]], mean_m)
        sig_m = np.where(np.isnan(sig_m), fc_avg[:, [1]], sig_m)
    mean_m = np.nan_to_num(mean_m)
    sig_m = np.nan_to_num(sig_m)

    # campaign effects over [as_of, window end]: planned campaign (lift scaled by the lever) and the others
    eff_planned, cv_planned, eff_other, cv_other, other_on = _campaign_effects(
        camps, str(campaign_id), series, s_idx, as_of_ts, n_all, uplift, campaign_effects, cv_table)
    # a day where another campaign's multiplier beats the planned one's (at lever 1) belongs to the other
    other_wins = other_on & (eff_other > eff_planned)
    lift = np.where(other_wins, 0.0, np.maximum(eff_planned - 1.0, 0.0))
    alpha = np.where(other_wins, eff_other, np.minimum(eff_planned, 1.0) * eff_other)
    beta = lift * np.where(other_wins, 0.0, eff_other)
    cvd = np.where(other_wins | (eff_planned == 1.0), cv_other, cv_planned)
    # expected sales between today and the window start (they draw on today's stock), campaigns included
    pre_mean = (mean_m[:, :d0] * (alpha[:, :d0] + beta[:, :d0])).sum(axis=1)

    W = slice(d0, n_all)
    b, sg, al, be, cvw = mean_m[:, W], sig_m[:, W], alpha[:, W], beta[:, W], cvd[:, W]
    # the nine cumulative sums side by side (WindowArrays.sums_cum), the named fields are views of it
    sums = np.empty(b.shape[:-1] + (b.shape[-1] + 1, 9))
    for i, x in enumerate((b * al, b * be, sg * sg * al * al, sg * sg * al * be, sg * sg * be * be, sg * al, sg * be,
                           b * al * cvw, b * be * cvw)):
        sums[:, :, i] = _cum(x)
    sums.flags.writeable = False
    mean_base_cum, mean_lift_cum = sums[:, :, 0], sums[:, :, 1]
    var_cum = sums[:, :, 2:5].transpose(2, 0, 1)
    sd_cum = sums[:, :, 5:7].transpose(2, 0, 1)
    err_cum = sums[:, :, 7:9].transpose(2, 0, 1)
    ce = camp_hi + 1
    reference_mean = mean_base_cum[:, ce] + mean_lift_cum[:, ce]
    s1_ref = sd_cum[0, :, ce] + sd_cum[1, :, ce]
    reference_var = (((1.0 - rho) * (var_cum[0, :, ce] + 2 * var_cum[1, :, ce] + var_cum[2, :, ce]) + rho * s1_ref ** 2
                      + (err_cum[0, :, ce] + err_cum[1, :, ce]) ** 2) * sd_scale ** 2)
    rate_after = b[:, -_RATE_AFTER_DAYS:].mean(axis=1)

    # creators: scheduled units by day, and what the forecast already implies for creator channels
    creators_cum = np.zeros((n_s, n_days + 1))
    cr = _optional(tables, "creators", ("date", "sku", "region", "expected_units"))
    has_creators = np.zeros(n_s, dtype=bool)
    if cr is not None:
        ci = s_idx.get_indexer(pd.MultiIndex.from_arrays([cr["sku"].astype(str), cr["region"].astype(str)]))
        cd = _days(cr["date"], win_start)
        cu = pd.to_numeric(cr["expected_units"], errors="coerce").fillna(0.0).clip(lower=0).to_numpy()
        ok = (ci >= 0) & (cd >= 0) & (cd < n_days)
        daily = np.zeros((n_s, n_days))
        np.add.at(daily, (ci[ok], cd[ok]), cu[ok])
        creators_cum = _cum(daily)
        has_creators = creators_cum[:, -1] > 0
    share_camp, share_base = _creator_shares(_optional(tables, "sales", ("date", "sku", "units")), camps, s_idx,
                                             as_of_ts)
    on_effect = (al != 1.0) | (be > 0)
    share_t = np.where(on_effect, share_camp[:, None], share_base[:, None])
    creators_implied_cum = np.stack([_cum(b * al * share_t), _cum(b * be * share_t)])

    # presale for this campaign
    presale_plain = np.zeros(n_s)
    presale_dep = np.zeros(n_s)
    ps = _optional(tables, "presale", ("sku", "campaign_id", "region", "presale_units"))
    if ps is not None:
        ps = ps[ps["campaign_id"].astype(str) == str(campaign_id)]
        pi = s_idx.get_indexer(pd.MultiIndex.from_arrays([ps["sku"].astype(str), ps["region"].astype(str)]))
        pu = pd.to_numeric(ps["presale_units"], errors="coerce").fillna(0.0).clip(lower=0).to_numpy()
        dep = (_as_bool(ps["deposit_paid"]) if "deposit_paid" in ps.columns else np.zeros(len(ps), dtype=bool))
        ok = pi >= 0
        np.add.at(presale_dep, pi[ok & dep], pu[ok & dep])
        np.add.at(presale_plain, pi[ok & ~dep], pu[ok & ~dep])

    # -- skus ----------------------------------------------------------------------------------
    sku_list = series["sku"].drop_duplicates().reset_index(drop=True)
    k_index = pd.Index(sku_list)
    sk = sku_master.set_index("sku").loc[sku_list]
    num = lambda col: pd.to_numeric(sk[col], errors="coerce").fillna(0.0).to_numpy(dtype=float)  # noqa: E731
    deposit_pct = _sku_deposit_pct(sku_master, sk, notes)
    revenue = np.zeros(len(sku_list))
    sales = _optional(tables, "sales", ("date", "sku", "units"))
    if sales is not None:
        recent = sales[pd.to_datetime(sales["date"]) > as_of_ts - pd.Timedelta(days=365)]
        ki = k_index.get_indexer(recent["sku"].astype(str))
        un = pd.to_numeric(recent["units"], errors="coerce").fillna(0.0).to_numpy()
        ok = ki >= 0
        np.add.at(revenue, ki[ok], un[ok])
        revenue = revenue * num("price")  # units x list price: a ranking, not accounting
    if not revenue.any():
        sm = np.zeros(len(sku_list))
        np.add.at(sm, k_index.get_indexer(series["sku"]), reference_mean)
        revenue = sm * num("price")
    order = np.argsort(-revenue, kind="stable")
    rank = np.empty(len(sku_list), dtype=np.int64)
    rank[order] = np.arange(len(sku_list))

    # -- warehouses ----------------------------------------------------------------------------
    wh = whs.assign(warehouse_id=whs["warehouse_id"].astype(str)).drop_duplicates("warehouse_id").reset_index(drop=True)
    if wh.empty:
        raise ValueError("table 'warehouses' has no rows; add at least one destination warehouse "
                         "(warehouse_id, region, fulfilment_mode, ...)")
    regions = tuple(sorted(set(regions_c) | set(wh["region"].astype(str))))
    r_index = pd.Index(regions)
    n_w = len(wh)
    w_index = pd.Index(wh["warehouse_id"])
    modes = wh["fulfilment_mode"].astype(str).to_numpy()
    pool = np.where(modes == "FBT", 0, 1)
    sched = prepare_schedule_arrays(sku_master.set_index("sku").loc[sku_list].reset_index(), wh, lanes)

    # -- lines: every series x every warehouse -------------------------------------------------
    n_l = n_s * n_w
    l_series = np.repeat(np.arange(n_s), n_w)
    l_wh = np.tile(np.arange(n_w), n_s)
    s_sku = k_index.get_indexer(series["sku"])
    s_region = r_index.get_indexer(series["region"])
    w_region = r_index.get_indexer(wh["region"].astype(str))
    l_sku = s_sku[l_series]
    l_in_region = s_region[l_series] == w_region[l_wh]
    line_key = pd.MultiIndex.from_arrays([series["sku"].to_numpy()[l_series], wh["warehouse_id"].to_numpy()[l_wh]])
    own = np.where(l_in_region, np.arange(n_l), -1)
    own_key_idx = pd.MultiIndex.from_arrays([line_key.get_level_values(0)[l_in_region],
                                             line_key.get_level_values(1)[l_in_region]])
    own_pos = own[l_in_region]
    on_hand = np.zeros(n_l)
    stock = _optional(tables, "stock", ("sku", "warehouse_id", "on_hand_units"))
    if stock is not None:
        si = own_key_idx.get_indexer(pd.MultiIndex.from_arrays([stock["sku"].astype(str), stock["warehouse_id"].astype(str)]))
        su = pd.to_numeric(stock["on_hand_units"], errors="coerce").fillna(0.0).clip(lower=0).to_numpy()
        okk = si >= 0
        np.add.at(on_hand, own_pos[si[okk]], su[okk])
    on_hand_now = on_hand.copy()

    # shipments: units, sellable day (typical, pessimistic) from as_of
    sh_line = np.zeros(0, dtype=np.int64)
    sh_units = np.zeros(0)
    sh_day = np.zeros((0, 2))
    shp = _optional(tables, "shipments", ("sku", "warehouse_id", "units", "freight_mode", "eta_date"))
    if shp is not None:
        si = own_key_idx.get_indexer(pd.MultiIndex.from_arrays([shp["sku"].astype(str), shp["warehouse_id"].astype(str)]))
        su = pd.to_numeric(shp["units"], errors="coerce").fillna(0.0).clip(lower=0).to_numpy()
        eta_raw = pd.to_datetime(shp["eta_date"], errors="coerce")
        eta = np.where(eta_raw.isna().to_numpy(), 10_000, _days(eta_raw.fillna(as_of_ts), as_of_ts)).astype(float)
        swi = w_index.get_indexer(shp["warehouse_id"].astype(str))
        smi = pd.Index(FREIGHT_MODES).get_indexer(shp["freight_mode"].astype(str))
        okk = (si >= 0) & (swi >= 0)
        # pessimistic case: the shipment slips by its lane's (max - typical) transit days
        slip = np.zeros(len(shp))
        okm = okk & (smi >= 0)
        slip[okm] = np.nan_to_num(sched.transit_days["max"][swi[okm], smi[okm]]
                                  - sched.transit_days["typ"][swi[okm], smi[okm]])
        sh_line = own_pos[si[okk]]
        sh_units = su[okk]
        # effective ETA = max(ETA, today): an overdue shipment can not arrive before today (cost/transit.py)
        e = np.maximum(eta[okk], 0.0)
        sh_day = np.stack([e, e + np.maximum(slip[okk], 0.0)], axis=1)

    # stock at the window start: today's stock (then shipments landing before the window, typical case) minus the
    # expected sales until then, taken from each warehouse of the market in proportion to its stock [E]
    sh_units_raw = sh_units.copy()
    pre_ship = sh_day[:, 0] < d0 if sh_day.size else np.zeros(0, dtype=bool)
    if params.consume_stock_before_window and d0 > 0:
        oh_s = np.bincount(l_series, weights=on_hand, minlength=n_s)
        used = np.minimum(pre_mean, oh_s)
        frac = np.where(oh_s > 0, used / np.where(oh_s > 0, oh_s, 1.0), 0.0)
        on_hand = on_hand * (1.0 - frac[l_series])
        rest = pre_mean - used
        if pre_ship.any():
            sh_s = np.bincount(l_series[sh_line[pre_ship]], weights=sh_units[pre_ship], minlength=n_s)
            g = np.where(sh_s > 0, np.minimum(rest, sh_s) / np.where(sh_s > 0, sh_s, 1.0), 0.0)
            sh_units = np.where(pre_ship, sh_units * (1.0 - g[l_series[sh_line]]), sh_units)
    sh_rel = sh_day - d0  # days from the window start
    position = on_hand + np.bincount(sh_line, weights=sh_units, minlength=n_l)

    # default mix: the series' current units (on hand + in transit) by warehouse of its market; where the SKU has
    # none there, an equal split over the market's warehouses of the market's most used fulfilment mode (by stock
    # rows), falling back to all the market's warehouses.
    held = on_hand_now + np.bincount(sh_line, weights=sh_units_raw, minlength=n_l)
    held_s = np.bincount(l_series, weights=held, minlength=n_s)
    share = np.where(held_s[l_series] > 0, held / np.where(held_s[l_series] > 0, held_s[l_series], 1.0), 0.0)
    mode_count = pd.Series(held > 0).groupby([w_region[l_wh], modes[l_wh]]).sum()
    main_mode = {}
    for r in range(len(regions)):
        counts = {m: int(mode_count.get((r, m), 0)) for m in ("FBT", "3PL", "SELF")}
        main_mode[r] = max(counts, key=lambda m: (counts[m], m == "FBT"))
    w_main = np.array([modes[w] == main_mode[w_region[w]] for w in range(n_w)], dtype=bool)
    cand = l_in_region & w_main[l_wh]
    cand_n = np.bincount(l_series, weights=cand.astype(float), minlength=n_s)
    cand = np.where(cand_n[l_series] > 0, cand, l_in_region)
    cand_n = np.bincount(l_series, weights=cand.astype(float), minlength=n_s)
    eq = np.where(cand & (cand_n[l_series] > 0), 1.0 / np.maximum(cand_n[l_series], 1.0), 0.0)
    share = np.where(held_s[l_series] > 0, share, eq)

    # cash release profile per region over window days: the alpha and beta parts of expected sales
    profile_base = np.zeros((len(regions), n_days))
    profile_lift = np.zeros((len(regions), n_days))
    np.add.at(profile_base, s_region, b * al)
    np.add.at(profile_lift, s_region, b * be)

    # -- costs: one engine (cost.landed) -------------------------------------------------------
    sk_sub = sku_master.set_index("sku").loc[sku_list].reset_index()
    last_mile = _optional(tables, "last_mile", ("warehouse_id", "max_weight_kg", "fee_per_parcel"))
    if last_mile is None:
        last_mile = pd.DataFrame({"warehouse_id": pd.Series(dtype=str), "max_weight_kg": pd.Series(dtype=float),
                                  "fee_per_parcel": pd.Series(dtype=float)})
    prices = _optional(tables, "prices", ("sku", "region", "price", "currency"))
    landed = prepare_landed_arrays(
        sk_sub.assign(category=sk_sub["category"] if "category" in sk_sub.columns else "home"), wh, lanes, last_mile,
        duty_basis=cost_tables.get("duty_basis"), disposal=cost_tables.get("disposal_fees", default_disposal_fees()),
        rush_curve=cost_tables.get("rush_curve"), params=cost_tables.get("cost_params"),
        return_rates=cost_tables.get("return_rates"), leftover=cost_tables.get("leftover_params"), prices=prices,
        price_vat=cost_tables.get("price_vat"))
    errors = [p for p in landed.problems if p.severity == "error"]
    if errors:
        notes.append(f"landed cost: {len(errors)} input problem(s); affected costs count as 0 (see the cost view)")
    cp = cost_tables.get("cost_params")
    leftover_tbl = cost_tables.get("leftover_params", default_leftover_params())
    capital_pct = float(param(leftover_tbl, "capital_cost_pct_year", table_name="leftover_params",
                              default=param(default_leftover_params(), "capital_cost_pct_year")))
    max_months = float(param(leftover_tbl, "max_months_to_sell", table_name="leftover_params",
                             default=param(default_leftover_params(), "max_months_to_sell")))
    peak_months = tuple(int(x) for x in str(param(default_cost_params() if cp is None else cp, "peak_months")).split(";")
                        if x.strip())

    lines = pd.DataFrame({
        "sku": series["sku"].to_numpy()[l_series],
        "region": series["region"].to_numpy()[l_series],
        "warehouse_id": wh["warehouse_id"].to_numpy()[l_wh],
        "warehouse_region": wh["region"].astype(str).to_numpy()[l_wh],
        "fulfilment_mode": modes[l_wh],
    })
    sku_frame = pd.DataFrame({
        "sku": sku_list.to_numpy(),
        "name": sk["name"].astype(str).to_numpy() if "name" in sk.columns else sku_list.to_numpy(),
        "category": sk["category"].astype(str).to_numpy() if "category" in sk.columns else "",
    })
    wh_frame = pd.DataFrame({
        "warehouse_id": wh["warehouse_id"].to_numpy(),
        "name": wh["name"].astype(str).to_numpy() if "name" in wh.columns else wh["warehouse_id"].to_numpy(),
        "region": wh["region"].astype(str).to_numpy(),
        "fulfilment_mode": modes,
        "currency": wh["currency"].astype(str).to_numpy(),
    })
    window = WindowArrays(
        n_days=n_days, camp_hi=camp_hi, presale_day=presale_day, mean_base_cum=mean_base_cum,
        mean_lift_cum=mean_lift_cum, var_cum=var_cum, sd_cum=sd_cum, err_cum=err_cum, rho=rho, sd_scale=sd_scale,
        creators_cum=creators_cum, creators_implied_cum=creators_implied_cum, has_creators=has_creators,
        presale_plain_units=presale_plain, presale_deposit_units=presale_dep, reference_mean=reference_mean,
        reference_var=reference_var,
        rate_after=rate_after, profile_base=profile_base, profile_lift=profile_lift)
    return PlanInputs(
        campaign_id=str(campaign_id), as_of=as_of_ts, campaign_start=c_start, campaign_end=c_end,
        inbound_cutoff=cutoff, window_start=win_start, day0=d0, currencies=tuple(landed.currencies), regions=regions,
        params=params, peak_months=peak_months, capital_cost_pct_year=capital_pct, max_months_to_sell=max_months,
        series=series, warehouses=wh_frame, lines=lines, skus=sku_frame,
        s_sku=s_sku, s_region=s_region, window=window,
        sku=SkuArrays(moq_units=num("moq_units"), case_pack_units=np.maximum(num("case_pack_units"), 1.0),
                      revenue_rank=rank, deposit_pct=deposit_pct),
        warehouse=WarehouseArrays(region=w_region, pool=pool),
        line=LineArrays(series=l_series, warehouse=l_wh, sku=l_sku, in_region=l_in_region, on_hand_now_units=on_hand_now,
                        on_hand_start_units=on_hand, position_units=position, default_share=share),
        shipments=ShipmentArrays(line=sh_line, units=sh_units, sellable_day=sh_rel),
        landed=landed, schedule=sched, notes=tuple(notes),
    )
