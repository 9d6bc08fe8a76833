"""Plan inputs: everything that does not depend on a lever, laid out once as numpy arrays.

:func:`build_plan_inputs` turns the dataset tables, the baseline forecast frame and the uplift frame
for one campaign into a frozen :class:`PlanInputs`. The app caches it per (dataset version, forecast
settings, campaign); every lever is then applied by :func:`linkstar_analytics.plan.engine.compute_plan`
with vectorised numpy only.

Index spaces
------------
* **series** ``s``: one ``(sku, region)`` with demand in a campaign market (``series`` frame).
* **warehouses** ``w``: the ``warehouses`` table (``warehouses`` frame).
* **lines** ``l``: every series x every warehouse (``lines`` frame). A line whose warehouse serves
  another market only gets units when the scenario's mix sends them there (then a cross-region
  transfer cost is shown); stock sits on the line of its own market.
* **skus** ``k``: the SKU master rows that have a series.

Demand pieces (per series, see :mod:`linkstar_analytics.plan.demand`)
-------------------------------------------------------------------
The window runs from ``window_start`` (the inbound cutoff, or ``as_of`` when later) to the campaign end
plus ``cover_days`` (a lever, 0-60). It is split into the days before the campaign (``pre``), the
campaign days (``camp``: baseline x estimated uplift) and the days after (``post``, cumulative by day
0..60). For each piece we keep the sum of daily means, of daily variances and of daily sds, so that the
window total's variance under the forecast's equicorrelation ``rho`` is
``(1 - rho) * sum(sigma^2) + rho * (sum sigma)^2`` (forecast/base.py), for any uplift and cover days.
Campaign days carry mean and sd x uplift (forecast/uplift.py ``apply_uplift``); the uplift's own error
(cv by its source) is one error shared by every campaign day, so it adds ``(u * cv * campaign mean)^2``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from linkstar_analytics.cost.defaults import (
    default_cost_params,
    default_disposal_fees,
    default_duty_basis,
    default_leftover_params,
    default_rush_curve,
    param,
)
from linkstar_analytics.cost.landed import LandedArrays, prepare_landed_arrays
from linkstar_analytics.schemas import FREIGHT_MODES

__all__ = ["DEFAULT_UPLIFT_CV_BY_SOURCE", "MAX_COVER_DAYS", "PlanInputs", "PlanParams", "build_plan_inputs"]

#: Largest cover_days lever value the inputs are laid out for (Scenario range 0-60).
MAX_COVER_DAYS = 60
#: Day-to-day correlation used when the forecast frame has no ``rho`` column (forecast/base.py falls
#: back to the same 0.2 when residuals are too short) [E].
DEFAULT_RHO = 0.2
#: Relative uncertainty (cv) of the campaign uplift by the estimate's source: the same engineering estimates
#: [E] as ``forecast.uplift.UPLIFT_CV_BY_SOURCE`` (plan/ does not import forecast/; callers pass that table).
DEFAULT_UPLIFT_CV_BY_SOURCE: Mapping[str, float] = {"own": 0.15, "shrunk": 0.2, "category": 0.3, "default": 0.5}
#: z of the 90 % quantile: sd from p10/p90 as (p90 - p10) / (2 * 1.2816) when ``sigma`` is absent
#: (normal approximation).
_Z90 = 1.2815515655446004


@dataclass(frozen=True)
class PlanParams:
    """Overridable planning conventions (each documented with its source).

    Attributes
    ----------
    leftover_hold_months : float, default 2.0
        Months a leftover unit is stored before it is disposed by the chosen option [E]: FBA removals
        take 14 business days normally and 30+ in peak (defaults.md §1.5), plus the time to decide.
    cross_region_transfer_mode : str, default "express"
        First-leg mode whose per-unit rate stands in for moving a unit between markets [E] (no
        transfer tariff in defaults.md; a transfer is another small-parcel international leg).
    liquidation_recovery_frac : float, default 0.075
        Share of the price recovered by liquidation (defaults.md §5, megaficus.com, 5-10 %).
    rto_paperwork_per_unit_usd : float, default 2.0
        Return-to-origin paperwork per unit (defaults.md §5, $1-3 [E]).
    n_quantiles : int, default 64
        Points of the equal-probability demand grid (probabilities (k + 0.5) / K).
    consume_stock_before_window : bool, default True
        Project today's stock to the window start by the expected sales in between (when the inbound
        cutoff is still ahead); False counts today's stock as available at the cutoff.
    """

    leftover_hold_months: float = 2.0
    cross_region_transfer_mode: str = "express"
    liquidation_recovery_frac: float = float(param(default_leftover_params(), "liquidation_recovery_frac"))
    rto_paperwork_per_unit_usd: float = float(param(default_leftover_params(), "rto_paperwork_per_unit"))
    n_quantiles: int = 64
    consume_stock_before_window: bool = True


@dataclass(frozen=True, eq=False)
class PlanInputs:
    """Lever-independent arrays for one (dataset, forecast, campaign). Built by :func:`build_plan_inputs`.

    Money arrays are in their native currency with a currency index into ``currencies``; the engine
    converts with the scenario's FX. Days are integer offsets from ``as_of``.
    """

    campaign_id: str
    as_of: pd.Timestamp
    campaign_start: pd.Timestamp
    campaign_end: pd.Timestamp
    inbound_cutoff: pd.Timestamp
    window_start: pd.Timestamp
    currencies: tuple[str, ...]
    regions: tuple[str, ...]
    params: PlanParams

    # index frames
    series: pd.DataFrame  # sku, region
    warehouses: pd.DataFrame  # warehouse_id, name, region, fulfilment_mode, currency
    lines: pd.DataFrame  # sku, region, warehouse_id, warehouse_region, fulfilment_mode
    skus: pd.DataFrame  # sku, name, category

    # series arrays [n_s]
    s_sku: np.ndarray
    s_region: np.ndarray
    m_pre: np.ndarray
    v_pre: np.ndarray
    a_pre: np.ndarray
    m_camp: np.ndarray
    v_camp: np.ndarray
    a_camp: np.ndarray
    m_post: np.ndarray  # [n_s, MAX_COVER_DAYS + 1] cumulative over days after the campaign
    v_post: np.ndarray
    a_post: np.ndarray
    rho: np.ndarray
    creators_to_end: np.ndarray
    creators_post: np.ndarray  # [n_s, MAX_COVER_DAYS + 1] cumulative
    presale_plain_units: np.ndarray
    presale_deposit_units: np.ndarray
    uplift_est: np.ndarray  # estimated campaign-day uplift used in m_camp (x baseline)
    uplift_cv: np.ndarray  # relative uncertainty of that uplift (one error shared by all campaign days)

    # sku arrays [n_k]
    k_moq: np.ndarray
    k_case_pack: np.ndarray
    k_production_days: np.ndarray
    k_unit_cost: np.ndarray
    k_cost_ccy: np.ndarray
    k_price: np.ndarray
    k_price_ccy: np.ndarray
    k_weight_kg: np.ndarray
    k_cbm: np.ndarray
    k_revenue_rank: np.ndarray  # 0 = highest revenue
    k_disposal_fee_usd: np.ndarray

    # warehouse arrays [n_w]
    w_region: np.ndarray
    w_pool: np.ndarray  # 0 = FBT, 1 = 3PL / SELF
    w_ccy: np.ndarray
    w_consolidation_days: np.ndarray  # [n_w, 2] typical, pessimistic
    w_customs_days: np.ndarray
    w_receiving_days: np.ndarray
    w_transit_days: np.ndarray  # [n_w, 3 modes, 2 cases]; NaN where no lane
    w_lane_ok: np.ndarray  # [n_w, 3]
    w_storage_per_cbm_month: np.ndarray
    w_storage_peak_frac: np.ndarray
    w_inbound_per_unit: np.ndarray
    w_fulfilment_per_unit: np.ndarray
    w_duty_frac: np.ndarray
    w_vat_frac: np.ndarray
    w_commission_frac: np.ndarray
    w_duty_on_freight: np.ndarray

    # line arrays [n_l]
    l_series: np.ndarray
    l_wh: np.ndarray
    l_sku: np.ndarray
    l_in_region: np.ndarray
    l_on_hand: np.ndarray  # projected to the window start (see PlanParams.consume_stock_before_window)
    l_on_hand_now: np.ndarray  # today's stock
    sh_line: np.ndarray  # shipments in transit [n_sh]: line index (own market), units, effective ETA day,
    sh_units: np.ndarray  # and the pessimistic slip (lane max - typical transit days). A shipment covers
    sh_eta_day: np.ndarray  # the campaign when ETA (+ slip) <= cutoff - buffer_days (cost/transit.py rule).
    sh_slip_days: np.ndarray
    l_default_share: np.ndarray  # share of the series' units for this line (sums to 1 per series)
    l_freight_per_unit: np.ndarray  # [n_l, 3] in warehouse currency; NaN where no lane

    # cash release profile over window days, per region [n_r, n_days]
    day0: int  # offset of window_start from as_of
    prof_base: np.ndarray
    prof_camp: np.ndarray
    rush_days: np.ndarray  # rush curve x: days departure -> campaign start
    rush_pct: np.ndarray
    peak_months: tuple[int, ...]

    notes: tuple[str, ...] = field(default=())
    #: cost.landed.LandedArrays over (skus, warehouses) when the dataset has ``last_mile``; the engine then
    #: takes every per-unit cost from ``cost.landed.landed_from_arrays``.
    landed: LandedArrays | None = None
    landed_k_map: np.ndarray | None = None  # plan sku index -> landed sku index
    landed_w_map: np.ndarray | None = None  # plan warehouse index -> landed warehouse index

    def __post_init__(self) -> None:
        # shared between sessions by the app's process-wide cache: make every array read-only
        # (views are copied first so a caller's frame never turns read-only)
        for name, value in list(self.__dict__.items()):
            if isinstance(value, np.ndarray):
                if value.base is not None and value.flags.writeable:
                    value = value.copy()
                    object.__setattr__(self, name, value)
                value.flags.writeable = False

    @property
    def n_series(self) -> int:
        return int(self.s_sku.shape[0])

    @property
    def n_lines(self) -> int:
        return int(self.l_series.shape[0])

    @property
    def quantile_probs(self) -> np.ndarray:
        k = self.params.n_quantiles
        return (np.arange(k) + 0.5) / k


# ----------------------------------------------------------------------------------------------

_REQUIRED = ("skus", "warehouses", "freight_lanes", "campaigns")


def _table(tables: Mapping[str, pd.DataFrame], name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    if name not in tables or tables[name] is None:
        raise ValueError(f"table {name!r} is missing; the plan needs {', '.join(_REQUIRED)} "
                         "(and uses stock, shipments, presale, creators, sales when present)")
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


def _days(ts: pd.Series | pd.DatetimeIndex, as_of: pd.Timestamp) -> np.ndarray:
    d = pd.to_datetime(ts).to_numpy(dtype="datetime64[D]")
    return (d - np.datetime64(as_of.date(), "D")).astype(np.int64)


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
) -> PlanInputs:
    """Lay out every lever-independent input of the plan for one campaign (computed once, cached).

    Parameters
    ----------
    tables : dataset tables by name (``skus``, ``warehouses``, ``freight_lanes``, ``campaigns``
        required; ``stock``, ``shipments``, ``presale``, ``creators``, ``sales`` optional). Not modified.
    forecast : baseline forecast frame ``sku, region, date, mean`` plus ``sigma`` (or ``p10``/``p90``)
        and optionally ``rho`` (forecast/base.py); the non-campaign baseline per day.
    uplift : frame ``sku, region, campaign_id, uplift`` (x baseline on campaign days) or None; series
        without a row use the campaign's ``default_uplift``.
    campaign_id : the campaign to plan.
    as_of : "today" (default: the day after the last forecast-history day, i.e. the first forecast date).
    params : :class:`PlanParams` overrides.
    cost_tables : optional overrides of cost.defaults frames: ``duty_basis``, ``disposal_fees``,
        ``rush_curve``, ``cost_params``, ``return_rates``, ``leftover_params``.
    uplift_cv_by_source : relative uncertainty of the uplift by its ``source`` (pass
        ``forecast.uplift.UPLIFT_CV_BY_SOURCE``); default :data:`DEFAULT_UPLIFT_CV_BY_SOURCE`. An uplift frame
        with a ``cv`` column uses it directly.

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
    notes: list[str] = []

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
    win_end_max = c_end + pd.Timedelta(days=MAX_COVER_DAYS)
    d0 = int((win_start - as_of_ts).days)
    n_days = int((win_end_max - win_start).days) + 1
    camp_lo = int((max(c_start, win_start) - win_start).days)
    camp_hi = int((c_end - win_start).days)  # inclusive

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
    sku_master = skus.assign(sku=skus["sku"].astype(str)).drop_duplicates("sku").reset_index(drop=True)
    fc = fc[fc["region"].isin(regions_c) & fc["sku"].isin(sku_master["sku"])]
    if fc.empty:
        raise ValueError(f"the forecast has no rows for campaign {campaign_id!r} markets {list(regions_c)} and "
                         "SKUs of the SKU master; forecast those SKUs first")
    series = fc[["sku", "region"]].drop_duplicates().sort_values(["sku", "region"]).reset_index(drop=True)
    n_s = len(series)
    s_idx = pd.MultiIndex.from_frame(series)
    rows = s_idx.get_indexer(pd.MultiIndex.from_frame(fc[["sku", "region"]]))
    cols = _days(fc["date"], win_start)
    inwin = (cols >= 0) & (cols < n_days)
    mean_m = np.full((n_s, n_days), np.nan)
    sig_m = np.full((n_s, n_days), np.nan)
    mean_m[rows[inwin], cols[inwin]] = fc["mean"].to_numpy()[inwin]
    # expected sales between today and the window start (they draw on today's stock)
    before = (cols < 0) & (fc["date"].to_numpy() >= np.datetime64(as_of_ts))
    pre_window_mean = np.bincount(rows[before], weights=fc["mean"].to_numpy()[before], minlength=n_s)
    sig_m[rows[inwin], cols[inwin]] = fc["sigma"].to_numpy()[inwin]
    rho = np.zeros(n_s)
    rho[rows] = fc["rho"].to_numpy(dtype=float)
    rho = np.clip(rho, 0.0, 1.0)
    gaps = np.isnan(mean_m)
    if gaps.any():
        # days beyond the forecast horizon: the series' average forecast day (flat extension) [E]
        fc_avg = fc.groupby(["sku", "region"])[["mean", "sigma"]].mean().reindex(s_idx).to_numpy()
        mean_m = np.where(gaps, fc_avg[:, [0]], mean_m)
        sig_m = np.where(gaps, fc_avg[:, [1]], sig_m)
        short = int(gaps.any(axis=1).sum())
        notes.append(f"{short} series' forecast ends before campaign end + {MAX_COVER_DAYS} days: "
                     "the missing days use the series' average forecast day")
    mean_m = np.nan_to_num(mean_m)
    sig_m = np.nan_to_num(sig_m)

    # uplift per series and its own uncertainty (cv by the estimate's source)
    cv_table = dict(DEFAULT_UPLIFT_CV_BY_SOURCE if uplift_cv_by_source is None else uplift_cv_by_source)
    up = np.full(n_s, float(camp["default_uplift"]))
    cv = np.full(n_s, float(cv_table.get("default", 0.0)))
    if uplift is not None and len(uplift):
        u = uplift
        if "campaign_id" in u.columns:
            u = u[u["campaign_id"].astype(str) == str(campaign_id)]
        if len(u):
            ui = s_idx.get_indexer(pd.MultiIndex.from_arrays([u["sku"].astype(str), u["region"].astype(str)]))
            uv = pd.to_numeric(u["uplift"], errors="coerce").to_numpy()
            ok = (ui >= 0) & np.isfinite(uv) & (uv >= 0)
            up[ui[ok]] = uv[ok]
            if "cv" in u.columns:
                uc = pd.to_numeric(u["cv"], errors="coerce").to_numpy()
            elif "source" in u.columns:
                uc = u["source"].astype(str).map(cv_table).astype(float).to_numpy()
            else:
                uc = np.full(len(u), np.nan)
            okc = ok & np.isfinite(uc) & (uc >= 0)
            cv[ui[okc]] = uc[okc]

    day = np.arange(n_days)
    pre = day < camp_lo
    cmp_ = (day >= camp_lo) & (day <= camp_hi)
    m_pre = mean_m[:, pre].sum(axis=1)
    v_pre = (sig_m[:, pre] ** 2).sum(axis=1)
    a_pre = sig_m[:, pre].sum(axis=1)
    # campaign days: mean x uplift; quasi-Poisson variance scales with the mean, so sd x sqrt(uplift)
    # campaign days: mean and sd x uplift (as forecast.uplift.apply_uplift does)
    m_camp = mean_m[:, cmp_].sum(axis=1) * up
    v_camp = (sig_m[:, cmp_] ** 2).sum(axis=1) * up * up
    a_camp = sig_m[:, cmp_].sum(axis=1) * up
    post = slice(camp_hi + 1, camp_hi + 1 + MAX_COVER_DAYS)
    zeros = np.zeros((n_s, 1))
    m_post = np.hstack([zeros, np.cumsum(mean_m[:, post], axis=1)])
    v_post = np.hstack([zeros, np.cumsum(sig_m[:, post] ** 2, axis=1)])
    a_post = np.hstack([zeros, np.cumsum(sig_m[:, post], axis=1)])

    # creators and presale
    creators_to_end = np.zeros(n_s)
    creators_post = np.zeros((n_s, MAX_COVER_DAYS + 1))
    cr = _optional(tables, "creators", ("date", "sku", "region", "expected_units"))
    if cr is not None:
        ci = s_idx.get_indexer(pd.MultiIndex.from_arrays([cr["sku"].astype(str), cr["region"].astype(str)]))
        cd = _days(cr["date"], win_start)
        cu = pd.to_numeric(cr["expected_units"], errors="coerce").fillna(0.0).clip(lower=0).to_numpy()
        ok = (ci >= 0) & (cd >= 0) & (cd <= camp_hi)
        np.add.at(creators_to_end, ci[ok], cu[ok])
        okp = (ci >= 0) & (cd > camp_hi) & (cd <= camp_hi + MAX_COVER_DAYS)
        post_add = np.zeros((n_s, MAX_COVER_DAYS + 1))
        np.add.at(post_add, (ci[okp], cd[okp] - camp_hi), cu[okp])
        creators_post = np.cumsum(post_add, axis=1)
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
    currencies = sorted(set(sk["cost_currency"].astype(str)) | set(sk["price_currency"].astype(str))
                        | set(whs["currency"].astype(str)) | {"CNY", "USD"})
    ccy_index = pd.Index(currencies)
    num = lambda col: pd.to_numeric(sk[col], errors="coerce").fillna(0.0).to_numpy(dtype=float)  # noqa: E731
    k_weight = num("weight_kg")
    k_cbm = num("length_cm") * num("width_cm") * num("height_cm") / 1e6
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
        np.add.at(sm, k_index.get_indexer(series["sku"]), m_pre + m_camp)
        revenue = sm * num("price")
    order = np.argsort(-revenue, kind="stable")
    rank = np.empty(len(sku_list), dtype=np.int64)
    rank[order] = np.arange(len(sku_list))
    fees = cost_tables.get("disposal_fees", default_disposal_fees())
    band = np.searchsorted(fees["max_weight_kg"].to_numpy(dtype=float), k_weight, side="left")
    band = np.clip(band, 0, len(fees) - 1)
    fee = (fees["fee_per_unit"].to_numpy(dtype=float)[band]
           + fees["per_kg_over"].to_numpy(dtype=float)[band]
           * np.maximum(0.0, k_weight - fees["over_kg_from"].to_numpy(dtype=float)[band]))

    # -- warehouses ----------------------------------------------------------------------------
    wh = whs.assign(warehouse_id=whs["warehouse_id"].astype(str)).drop_duplicates("warehouse_id").reset_index(drop=True)
    if wh.empty:
        raise ValueError("table 'warehouses' has no rows; add at least one destination warehouse "
                         "(warehouse_id, region, fulfilment_mode, ...)")
    regions = tuple(sorted(set(regions_c) | set(wh["region"].astype(str))))
    r_index = pd.Index(regions)
    wnum = lambda col: pd.to_numeric(wh[col], errors="coerce").fillna(0.0).to_numpy(dtype=float)  # noqa: E731
    n_w = len(wh)
    basis = cost_tables.get("duty_basis", default_duty_basis())
    bmap = dict(zip(basis["region"].astype(str), basis["duty_includes_first_leg"].astype(bool)))
    duty_on_freight = np.array([bmap.get(r, bmap.get("*", True)) for r in wh["region"].astype(str)], dtype=bool)
    transit = np.full((n_w, len(FREIGHT_MODES), 2), np.nan)
    lane_rate = np.full((n_w, len(FREIGHT_MODES), 2), np.nan)  # per kg, per cbm
    lane_div = np.full((n_w, len(FREIGHT_MODES)), np.nan)
    w_index = pd.Index(wh["warehouse_id"])
    li = w_index.get_indexer(lanes["warehouse_id"].astype(str))
    mi = pd.Index(FREIGHT_MODES).get_indexer(lanes["freight_mode"].astype(str))
    ok = (li >= 0) & (mi >= 0)
    lnum = lambda col: (pd.to_numeric(lanes[col], errors="coerce").to_numpy(dtype=float)  # noqa: E731
                        if col in lanes.columns else np.full(len(lanes), np.nan))
    transit[li[ok], mi[ok], 0] = lnum("transit_days_typ")[ok]
    transit[li[ok], mi[ok], 1] = lnum("transit_days_max")[ok]
    lane_rate[li[ok], mi[ok], 0] = lnum("rate_per_kg")[ok]
    lane_rate[li[ok], mi[ok], 1] = lnum("rate_per_cbm")[ok]
    lane_div[li[ok], mi[ok]] = lnum("volumetric_divisor")[ok]
    lane_ok = ~np.isnan(transit[:, :, 0])

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
    on_hand = np.zeros(n_l)
    stock = _optional(tables, "stock", ("sku", "warehouse_id", "on_hand_units"))
    # stock sits on the line of its own market only
    own = np.where(l_in_region, np.arange(n_l), -1)
    own_key_idx = pd.MultiIndex.from_arrays([line_key.get_level_values(0)[l_in_region],
                                             line_key.get_level_values(1)[l_in_region]])
    own_pos = own[l_in_region]
    if stock is not None:
        si = own_key_idx.get_indexer(pd.MultiIndex.from_arrays([stock["sku"].astype(str), stock["warehouse_id"].astype(str)]))
        su = pd.to_numeric(stock["on_hand_units"], errors="coerce").fillna(0.0).clip(lower=0).to_numpy()
        okk = si >= 0
        np.add.at(on_hand, own_pos[si[okk]], su[okk])
    on_hand_now = on_hand.copy()
    if params.consume_stock_before_window:
        # stock at the window start = today's stock - expected sales until then, taken from each
        # warehouse of the market in proportion to its stock (a mean projection) [E]
        oh_s = np.bincount(l_series, weights=on_hand, minlength=n_s)
        used = np.minimum(pre_window_mean, oh_s)
        frac = np.where(oh_s > 0, used / np.where(oh_s > 0, oh_s, 1.0), 0.0)
        on_hand = on_hand * (1.0 - frac[l_series])
    sh_line = np.zeros(0, dtype=np.int64)
    sh_units = np.zeros(0)
    sh_eta = np.zeros(0)
    sh_slip = np.zeros(0)
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
        slip[okm] = np.nan_to_num(transit[swi[okm], smi[okm], 1] - transit[swi[okm], smi[okm], 0])
        sh_line = own_pos[si[okk]]
        sh_units = su[okk]
        # effective ETA = max(ETA, today): an overdue shipment can not arrive before today (cost/transit.py)
        sh_eta = np.maximum(eta[okk], 0.0)
        sh_slip = np.maximum(slip[okk], 0.0)
    # typical-case coverage at the default buffer, for the default mix only
    cover_default = np.bincount(sh_line, weights=sh_units, minlength=n_l)

    # default mix: the series' current units (on hand + in transit) by warehouse of its market;
    # where the SKU has none there, an equal split over the market's warehouses of the market's
    # most used fulfilment mode (by stock rows), falling back to all the market's warehouses.
    held = on_hand_now + cover_default
    held_s = np.bincount(l_series, weights=held, minlength=n_s)
    share = np.where(held_s[l_series] > 0, held / np.where(held_s[l_series] > 0, held_s[l_series], 1.0), 0.0)
    modes = wh["fulfilment_mode"].astype(str).to_numpy()
    pool = np.where(modes == "FBT", 0, 1)
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

    # freight per unit by mode, in the warehouse currency
    cp = cost_tables.get("cost_params", default_cost_params())
    sea_kg_per_cbm = float(param(cp, "sea_kg_per_cbm"))
    w_l = l_wh
    wkg = k_weight[l_sku][:, None]
    cbm = k_cbm[l_sku][:, None]
    div = lane_div[w_l]  # [n_l, 3]
    vol_kg = cbm * 1e6 / np.where(np.isfinite(div) & (div > 0), div, 6000.0)
    charge_kg = np.maximum(wkg, vol_kg)
    per_kg = lane_rate[w_l, :, 0]
    per_cbm = lane_rate[w_l, :, 1]
    # sea W/M: max(CBM, tonnes) per unit at the per-CBM rate (1 CBM = 1,000 kg, defaults.md §2)
    wm = np.maximum(cbm, wkg / sea_kg_per_cbm)
    freight = np.where(np.isfinite(per_kg), charge_kg * np.nan_to_num(per_kg), np.nan)
    freight = np.where(np.isfinite(per_cbm), np.nan_to_num(freight) + wm * np.nan_to_num(per_cbm), freight)

    # cash release profile per region over window days: baseline vs campaign days
    prof_base = np.zeros((len(regions), n_days))
    prof_camp = np.zeros((len(regions), n_days))
    np.add.at(prof_base, s_region, np.where(cmp_[None, :], 0.0, mean_m))
    np.add.at(prof_camp, s_region, np.where(cmp_[None, :], mean_m * up[:, None], 0.0))

    rush = cost_tables.get("rush_curve", default_rush_curve())
    peak_months = tuple(int(x) for x in str(param(cp, "peak_months")).split(";") if x.strip())

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
    fulfil = wnum("fulfilment_per_unit") if "fulfilment_per_unit" in wh.columns else np.zeros(n_w)
    landed = k_map = w_map = None
    last_mile = _optional(tables, "last_mile", ("warehouse_id", "max_weight_kg", "fee_per_parcel"))
    if last_mile is not None:
        sk_sub = sku_master.set_index("sku").loc[sku_list].reset_index()
        landed = prepare_landed_arrays(
            sk_sub, wh, lanes, last_mile, duty_basis=cost_tables.get("duty_basis"),
            disposal=cost_tables.get("disposal_fees"), rush_curve=cost_tables.get("rush_curve"),
            params=cost_tables.get("cost_params"), return_rates=cost_tables.get("return_rates"),
            leftover=cost_tables.get("leftover_params"))
        k_map = pd.Index(np.asarray(landed.skus).astype(str)).get_indexer(sku_list)
        w_map = pd.Index(np.asarray(landed.warehouse_ids).astype(str)).get_indexer(wh["warehouse_id"])
        if (k_map < 0).any() or (w_map < 0).any():
            notes.append("landed cost arrays do not cover every SKU/warehouse: using the plan's own cost formulas")
            landed = k_map = w_map = None
        elif landed.problems:
            notes.append(f"landed cost: {len(landed.problems)} input problem(s); affected costs count as 0 "
                         "(see the cost view)")
    return PlanInputs(
        campaign_id=str(campaign_id), as_of=as_of_ts, campaign_start=c_start, campaign_end=c_end,
        inbound_cutoff=cutoff, window_start=win_start, currencies=tuple(currencies), regions=regions,
        params=params, series=series, warehouses=wh_frame, lines=lines, skus=sku_frame,
        s_sku=s_sku, s_region=s_region, m_pre=m_pre, v_pre=v_pre, a_pre=a_pre, m_camp=m_camp, v_camp=v_camp,
        a_camp=a_camp, m_post=m_post, v_post=v_post, a_post=a_post, rho=rho, creators_to_end=creators_to_end,
        creators_post=creators_post, presale_plain_units=presale_plain, presale_deposit_units=presale_dep,
        uplift_est=up, uplift_cv=cv,
        k_moq=num("moq_units"), k_case_pack=np.maximum(num("case_pack_units"), 1.0),
        k_production_days=num("production_days"), k_unit_cost=num("unit_cost"),
        k_cost_ccy=ccy_index.get_indexer(sk["cost_currency"].astype(str)), k_price=num("price"),
        k_price_ccy=ccy_index.get_indexer(sk["price_currency"].astype(str)), k_weight_kg=k_weight, k_cbm=k_cbm,
        k_revenue_rank=rank, k_disposal_fee_usd=fee,
        w_region=w_region, w_pool=pool, w_ccy=ccy_index.get_indexer(wh["currency"].astype(str)),
        w_consolidation_days=np.stack([wnum("consolidation_days_typ"), wnum("consolidation_days_max")], axis=1),
        w_customs_days=np.stack([wnum("customs_days_typ"), wnum("customs_days_max")], axis=1),
        w_receiving_days=np.stack([wnum("receiving_days_typ"), wnum("receiving_days_max")], axis=1),
        w_transit_days=transit, w_lane_ok=lane_ok,
        w_storage_per_cbm_month=wnum("storage_per_cbm_month"),
        w_storage_peak_frac=wnum("storage_peak_surcharge_pct") / 100.0,
        w_inbound_per_unit=wnum("inbound_per_unit"), w_fulfilment_per_unit=fulfil,
        w_duty_frac=wnum("duty_rate_pct") / 100.0, w_vat_frac=wnum("vat_rate_pct") / 100.0,
        w_commission_frac=wnum("commission_rate_pct") / 100.0, w_duty_on_freight=duty_on_freight,
        l_series=l_series, l_wh=l_wh, l_sku=l_sku, l_in_region=l_in_region, l_on_hand=on_hand, l_on_hand_now=on_hand_now,
        sh_line=sh_line, sh_units=sh_units, sh_eta_day=sh_eta, sh_slip_days=sh_slip, l_default_share=share,
        l_freight_per_unit=freight,
        day0=d0, prof_base=prof_base, prof_camp=prof_camp,
        rush_days=rush["days_departure_to_campaign"].to_numpy(dtype=float),
        rush_pct=rush["surcharge_pct"].to_numpy(dtype=float), peak_months=peak_months,
        notes=tuple(notes), landed=landed, landed_k_map=k_map, landed_w_map=w_map,
    )
