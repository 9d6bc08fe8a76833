"""The season: stock per SKU x warehouse day by day through back-to-back campaigns, reorder points, a second wave.

Black Friday, 12.12 and Year-End follow each other within weeks, so a plan covers a *season*: the planned campaign
and the campaigns of its markets that start within :data:`SEASON_WEEKS` weeks of its end (the dataset's campaign
calendar). Everything here is vectorised over the plan's active lines (numpy over lines, loops only over the few
campaigns); days count from the plan window's start (``PlanInputs.window_start``), as in ``plan.inputs``.

Expected demand per day
-----------------------
The forecast's daily mean times each day's campaign effect, as the plan builds it (``plan.inputs``): day t of
series s sells ``b_t (alpha_t + u beta_t)`` (the planned campaign's lift scaled by the uplift lever ``u``, the later
campaigns' multipliers in ``alpha``), routed to a line by its share of the market, plus the known units (converted
presale on the first campaign day, the creator excess) due that day.

Expected stock (:func:`project_stock`)
--------------------------------------
Start stock (on hand at the window start plus shipments sellable by then), each shipment in transit on its sellable
day (for the scenario's lead-time case), the plan's own order on its sellable day and the second wave (when the
lever asks for one) on its own; minus the expected demand, never below zero (lost sales): with
``X_t = S_0 + sum_{s <= t} (arrivals_s - demand_s)`` the stock is ``S_t = X_t - min(0, min_{s <= t} X_s)`` (the
reflection of the net-flow path at zero, Harrison (1985), *Brownian Motion and Stochastic Flow Systems*, §2.2).
This is the path of the *expected* demand (the stock a planner reads off a chart), not the mean of the random
stock; the run-out day is the first day whose expected demand exceeds the stock on hand.

Reorder point (:func:`reorder_points`, 补货阈值)
------------------------------------------------
``ROP = F^-1_{D(L)}(service level)``: the service-level quantile of the demand over the replenishment lead time
``L`` (Silver, Pyke & Peterson (1998), *Inventory Management and Production Planning and Scheduling*, 3rd ed.,
ch. 7: the order point of an (s, Q) system is the lead-time demand quantile at the cycle service level). ``L`` is
each freight mode's whole chain (production, consolidation, first leg, customs, receiving, ``cost.schedule``) for the
scenario's lead-time case; ``D(L)`` is the line's demand over the ``L`` days from the window start, with the plan's
law (``plan.risk.law_from_moments``: Gamma moment match with the count zero mass, the day correlation and the shared
campaign error of ``plan.demand``, thinned to the line's share), read with ``plan.risk.law_quantile``.

Second wave (:func:`second_wave`, 按需入仓)
-------------------------------------------
The plan's order covers its window (the campaign and the cover days after it, days ``0 .. e1``). The later
campaigns' demand ``D2`` over days ``e1 .. E`` (``E`` = the last season campaign's end plus the cover days) can be
stocked two ways, both at the plan's service level:

(a) *up front*: ``U_a = F^-1_{D2}(sl)`` more units on the plan's order, by its freight mode, sellable on the order's
    day ``t_a``;
(b) *second wave*: ``U_b`` units by the lever's mode (air, express or sea) ordered on their latest order date so they
    are sellable ``buffer_days`` before day ``e1`` (``cost.schedule.schedule_days``), day ``t_b``. Ordered then, the
    days before the order have sold: ``D2``'s variance shrinks to the conditional one,
    ``Var(D2 | D1) = Var(D2) - Cov(D1, D2)^2 / Var(D1)`` (the Gaussian conditioning formula, Rasmussen & Williams
    (2006), *Gaussian Processes for Machine Learning*, eq. A.6, on the plan's covariance: equicorrelated days,
    ``Cov = rho s1(D1) s1(D2) + e(D1) e(D2)`` with ``s1`` the sum of day sds and ``e`` the shared campaign error) and
    ``U_b`` is that law's quantile. This is the risk the wave removes.

Each option's expected profit on the later demand is ``margin x E[sold] - leftover_cost(E[leftover]) - holding``
(``E[sold] = E[D2] - E[(D2 - U)+]``, ``E[leftover] = U - E[D2] + E[(D2 - U)+]``, Snyder & Shen (2019) §C.3;
``plan.money.leftover_cost`` prices the leftover; margin and landed cost per unit from ``cost.landed`` for each mode).
Holding: ``U x hold_month x max(c2 - t, 0) / 30`` with ``c2`` the day by which half of ``E[D2]`` has sold (units wait
from the day they are sellable until they sell). The wave is proposed where it is on time and its expected profit is
higher: ``saving = profit_b - profit_a > 0`` (where the plan's order lands after ``e1`` up front is no option:
``saving = profit_b``). Units are not rounded to case packs or MOQs here (the wave rides on the
first PO's MOQ: one production run, shipped in two parts).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkstar_analytics.cost.schedule import schedule_days
from linkstar_analytics.plan.demand import WindowDemand
from linkstar_analytics.plan.engine import Availability, Routing, Timing, money, plan_stages
from linkstar_analytics.plan.money import UnitMoney
from linkstar_analytics.plan.inputs import PlanInputs
from linkstar_analytics.plan.money import leftover_cost
from linkstar_analytics.plan.risk import DemandLaw, expected_shortage, law_from_moments, law_quantile
from linkstar_analytics.plan.scenario import Scenario
from linkstar_analytics.schemas import FREIGHT_MODES

__all__ = [
    "SEASON_WEEKS",
    "SeasonResult",
    "later_law",
    "line_daily_demand",
    "project_stock",
    "reorder_points",
    "season_campaigns",
    "season_plan",
    "second_wave",
]

#: Campaigns of the planned campaign's markets starting within this many weeks after its end belong to its season
#: (Black Friday -> 12.12 -> Year-End: about five weeks from the first end to the last start) [E].
SEASON_WEEKS = 6
_DAYS_PER_MONTH = 30.0
#: Expected shortfall below this many units a day is no run-out (float dust of summed forecasts).
_RUNOUT_DUST_UNITS = 1e-6


def season_campaigns(campaigns: pd.DataFrame, inputs: PlanInputs, *, weeks: int = SEASON_WEEKS) -> pd.DataFrame:
    """The planned campaign and the campaigns of its markets that start after it and within ``weeks`` weeks of its
    end, in start order: ``campaign_id, name, start_date, end_date, inbound_cutoff, start_day, end_day, planned``
    (days from the window start; later campaigns beyond the plan's window are left out)."""
    c = campaigns.assign(campaign_id=campaigns["campaign_id"].astype(str),
                         start_date=pd.to_datetime(campaigns["start_date"]).dt.normalize(),
                         end_date=pd.to_datetime(campaigns["end_date"]).dt.normalize(),
                         inbound_cutoff=pd.to_datetime(campaigns["inbound_cutoff"]).dt.normalize())
    if "name" not in c.columns:
        c = c.assign(name=c["campaign_id"])
    markets = set(inputs.regions) & set(inputs.series["region"].astype(str))
    shares_market = c["regions"].astype(str).map(lambda r: bool(markets & {x.strip() for x in r.split(";")}))
    horizon = inputs.campaign_end + pd.Timedelta(weeks=weeks)
    last_day = inputs.window_start + pd.Timedelta(days=inputs.window.n_days - 1)
    planned = c["campaign_id"] == inputs.campaign_id
    later = (shares_market & (c["start_date"] > inputs.campaign_end) & (c["start_date"] <= horizon)
             & (c["start_date"] <= last_day))
    out = c[planned | later].sort_values("start_date").drop_duplicates("campaign_id").reset_index(drop=True)
    ws = inputs.window_start
    return pd.DataFrame({
        "campaign_id": out["campaign_id"], "name": out["name"].astype(str), "start_date": out["start_date"],
        "end_date": out["end_date"], "inbound_cutoff": out["inbound_cutoff"],
        "start_day": (out["start_date"] - ws).dt.days.astype(int), "end_day": (out["end_date"] - ws).dt.days.astype(int),
        "planned": (out["campaign_id"] == inputs.campaign_id).to_numpy(),
    })


def line_daily_demand(wd: WindowDemand, series: np.ndarray, share: np.ndarray, days: int) -> np.ndarray:
    """``[n, days]`` expected units per line and window day: ``share x b_t (alpha_t + u beta_t)`` plus the share of
    the known units (converted presale, creator excess) due that day (module docstring)."""
    inputs = wd.inputs
    w = inputs.window
    series = np.asarray(series, dtype=np.int64)
    share = np.asarray(share, dtype=float)
    cum = w.mean_base_cum[series, : days + 1] + wd.uplift_multiplier * w.mean_lift_cum[series, : days + 1]
    base = np.diff(cum, axis=1)
    d = np.arange(days + 1)
    known = wd.known_before(np.repeat(series, days + 1), np.tile(d, series.size)).reshape(series.size, days + 1)
    return np.maximum(share[:, None] * (base + np.diff(known, axis=1)), 0.0)


def project_stock(start_units: np.ndarray, arrivals: np.ndarray, demand: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                                               np.ndarray]:
    """Expected stock at the end of each day, the expected units short each day and the run-out day (module
    docstring: the reflected net-flow path, lost sales).

    Parameters
    ----------
    start_units : [n] stock sellable at the start of day 0.
    arrivals, demand : [n, T] units landing (sellable from that day) and expected demand per day.

    Returns
    -------
    stock [n, T], short [n, T], runout_day [n] (first day with a shortfall; -1 = never within T).
    """
    s0 = np.asarray(start_units, dtype=float)
    net = np.asarray(arrivals, dtype=float) - np.asarray(demand, dtype=float)
    x = s0[:, None] + np.cumsum(net, axis=1)
    floor = np.minimum(np.minimum.accumulate(x, axis=1), 0.0)
    stock = x - floor
    # units short on day t: the fall of the running floor that day
    prev = np.concatenate([np.zeros((x.shape[0], 1)), floor[:, :-1]], axis=1)
    short = np.maximum(prev - floor, 0.0)
    hit = short > _RUNOUT_DUST_UNITS
    runout = np.where(hit.any(axis=1), np.argmax(hit, axis=1), -1)
    return stock, short, runout


def _span(inputs: PlanInputs, series: np.ndarray, start: np.ndarray, end: np.ndarray, u: float):
    """(mean, variance, sum of day sds, campaign error) of the market demand over days ``start .. end - 1``."""
    w = inputs.window
    g_hi = w.sums_at(series, end)
    g_lo = w.sums_at(series, start)
    g = g_hi - g_lo
    m = g[:, 0] + u * g[:, 1]
    s2 = g[:, 2] + 2.0 * u * g[:, 3] + u * u * g[:, 4]
    s1 = g[:, 5] + u * g[:, 6]
    err = g[:, 7] + u * g[:, 8]
    rho = w.rho[series]
    k = w.sd_scale[series]
    m = np.where(m > 1e-9, m, 0.0)
    var = np.where(m > 0, np.maximum((1.0 - rho) * s2 + rho * s1 * s1 + err * err, 0.0) * k * k, 0.0)
    return m, var, s1 * k, err * k


def _thinned(m: np.ndarray, v: np.ndarray, share: np.ndarray) -> DemandLaw:
    """The law of a line's share ``w`` of a market total (``plan.demand`` pooling): mean ``w m``, variance
    ``w^2 v + w (1 - w) m``."""
    return law_from_moments(share * m, share * share * v + share * (1.0 - share) * m)


def later_law(inputs: PlanInputs, series: np.ndarray, share: np.ndarray, start: np.ndarray | int,
              end: np.ndarray | int, u: float, *, known_until: np.ndarray | int | None = None) -> DemandLaw:
    """The law of each line's demand over window days ``start .. end - 1``; with ``known_until`` (window day), the
    law given the market's demand over days ``0 .. known_until - 1`` (its conditional variance, module docstring)."""
    series = np.asarray(series, dtype=np.int64)
    n = series.size
    st = np.broadcast_to(np.asarray(start, dtype=np.int64), (n,))
    en = np.broadcast_to(np.asarray(end, dtype=np.int64), (n,))
    m2, v2, s1_2, e2 = _span(inputs, series, st, en, u)
    if known_until is not None:
        k = np.clip(np.broadcast_to(np.asarray(known_until, dtype=np.int64), (n,)), 0, st)
        m1, v1, s1_1, e1 = _span(inputs, series, np.zeros(n, dtype=np.int64), k, u)
        rho = inputs.window.rho[series]
        cov = rho * s1_1 * s1_2 + e1 * e2
        with np.errstate(divide="ignore", invalid="ignore"):
            cut = np.where(v1 > 0, cov * cov / np.where(v1 > 0, v1, 1.0), 0.0)
        v2 = np.maximum(v2 - cut, 0.0)
    return _thinned(m2, v2, np.asarray(share, dtype=float))


def reorder_points(inputs: PlanInputs, scenario: Scenario, rt: Routing, *, start_day: int = 0) -> pd.DataFrame:
    """Reorder point per active line and freight mode (module docstring: lead-time demand quantile).

    Returns one row per line: ``sku, region, warehouse_id`` and for each mode ``lead_days_<mode>`` (the whole chain)
    and ``reorder_point_<mode>`` (units; NaN without a lane). Lead times beyond the plan's window read the window's
    end (the demand laid out for the plan)."""
    sa = inputs.schedule
    lv = "max" if scenario.lead_time_case == "pessimistic" else "typ"
    k, w = rt.sku, rt.warehouse
    lead = (sa.production_days[k][:, None] + sa.consolidation_days[lv][w][:, None] + sa.transit_days[lv][w]
            + sa.customs_days[lv][w][:, None] + sa.receiving_days[lv][w][:, None])  # [n, M]
    p = scenario.service_level_pct / 100.0
    n_days = inputs.window.n_days
    lines = inputs.lines.iloc[rt.active]
    out = {"sku": lines["sku"].to_numpy(), "region": lines["region"].to_numpy(),
           "warehouse_id": lines["warehouse_id"].to_numpy()}
    for j, mode in enumerate(FREIGHT_MODES):
        ld = lead[:, j]
        ok = np.isfinite(ld)
        end = np.clip(start_day + np.ceil(np.nan_to_num(ld)), start_day, n_days).astype(np.int64)
        law = later_law(inputs, rt.series, rt.share, start_day, end, scenario.uplift_multiplier)
        out[f"lead_days_{mode}"] = np.where(ok, ld, np.nan)
        out[f"reorder_point_{mode}"] = np.where(ok, law_quantile(law, p), np.nan)
    return pd.DataFrame(out)


@dataclass(frozen=True, eq=False)
class SeasonResult:
    """The season of a scenario (arrays over the plan's active lines ``[n]`` and season days ``[T]``).

    ``dates`` [T]: the days from the window start; ``campaigns``: :func:`season_campaigns`; ``lines``: one row per
    active line (``sku, region, warehouse_id``, start stock, order and wave units and days, run-out date);
    ``demand``, ``stock``, ``short`` [n, T] expected units per day; ``waves``: :func:`second_wave`'s table;
    ``reorder``: :func:`reorder_points`; ``plan_end_day``: the plan window's end ``e1``; ``currency``: money's.
    """

    dates: pd.DatetimeIndex
    campaigns: pd.DataFrame
    lines: pd.DataFrame
    demand: np.ndarray
    stock: np.ndarray
    short: np.ndarray
    waves: pd.DataFrame
    reorder: pd.DataFrame
    plan_end_day: int
    wave_mode: str
    currency: str


def second_wave(inputs: PlanInputs, scenario: Scenario, rt: Routing, tm: Timing, av: Availability, *,
                season_end: int, wave_mode: str, next_campaign_start: pd.Timestamp | None = None,
                um: UnitMoney | None = None) -> pd.DataFrame:
    """Up front versus a second wave for the later campaigns' demand, per active line (module docstring). ``um``: the
    plan's unit money for these stages when already computed.

    Money in the scenario's display currency. Columns: ``sku, region, warehouse_id, later_demand_units`` (E[D2]),
    ``upfront_units, upfront_mode, upfront_sellable_date, upfront_cost`` (U_a x landed), ``upfront_on_time`` (the
    plan's order is sellable by ``e1``), ``wave_units, wave_mode, wave_order_date, wave_sellable_date, wave_cost``
    (U_b x landed), ``wave_on_time``, ``holding_saved``, ``leftover_cost_saved``, ``extra_landed_cost`` (wave cost -
    up-front cost), ``saving`` (profit_b - profit_a; where the plan's order lands after ``e1`` the alternative is to
    leave the later demand unserved, profit 0), ``leftover_units_removed``, ``proposed``, ``currency``.
    """
    e1 = int(av.demand.end)
    E = int(max(season_end, e1))
    u = scenario.uplift_multiplier
    n = rt.active.size
    s, share = rt.series, rt.share
    d0 = inputs.day0
    sa = inputs.schedule
    lv = "max" if scenario.lead_time_case == "pessimistic" else "typ"
    m_idx = FREIGHT_MODES.index(wave_mode)
    k, w = rt.sku, rt.warehouse
    # the wave: sellable buffer days before e1 (days from as_of), ordered on its latest order date
    avail_b = float(d0 + e1) - float(np.ceil(scenario.buffer_days))
    sched_b = schedule_days(production_days=sa.production_days[k], consolidation_days=sa.consolidation_days[lv][w],
                            transit_days=sa.transit_days[lv][w][:, m_idx], customs_days=sa.customs_days[lv][w],
                            receiving_days=sa.receiving_days[lv][w], available_by_day=avail_b)
    on_time = np.isfinite(sched_b.latest_po) & ~sched_b.is_late & (E > e1)
    t_b = sched_b.sellable - d0  # window day
    t_a = np.where(np.isfinite(tm.order_day), tm.order_day, np.nan)  # window day (before 0: lands ahead of it)
    known_until = np.where(on_time, np.floor(sched_b.po - d0), 0).astype(np.int64)

    law_a = later_law(inputs, s, share, e1, E, u)
    law_b = later_law(inputs, s, share, e1, E, u, known_until=known_until)
    p = scenario.service_level_pct / 100.0
    mean2 = law_a.mean
    U_a = law_quantile(law_a, p)
    U_b = np.where(on_time, law_quantile(law_b, p), 0.0)
    short_a, short_b = expected_shortage(law_a, U_a), expected_shortage(law_b, U_b)
    left_a = np.maximum(U_a - mean2 + short_a, 0.0)
    left_b = np.maximum(U_b - law_b.mean + short_b, 0.0)

    # money per unit: the plan's mode (a) and the wave's mode (b), the wave's rush priced against the next campaign
    um_a = money(inputs, scenario, rt, tm, av) if um is None else um
    shift = 0.0 if next_campaign_start is None else float((next_campaign_start - inputs.campaign_start).days)
    um_b = money(inputs, scenario, rt, tm, av, mode_by_line=np.full(n, m_idx, dtype=np.int64),
                 departure_day=sched_b.departure - shift)
    # c2: the day by which half the later demand has sold (units wait from their sellable day until then)
    cum = inputs.window.mean_base_cum[s, : E + 1] + u * inputs.window.mean_lift_cum[s, : E + 1]
    seg = cum[:, e1:] - cum[:, [e1]]
    half = 0.5 * seg[:, -1:]
    c2 = e1 + np.argmax(seg >= half, axis=1).astype(float)
    hold_a = U_a * um_a.hold_month * np.maximum(c2 - np.nan_to_num(t_a, nan=c2), 0.0) / _DAYS_PER_MONTH
    hold_b = U_b * um_b.hold_month * np.maximum(c2 - t_b, 0.0) / _DAYS_PER_MONTH
    lc_a, _ = leftover_cost(um_a, left_a)
    lc_b, _ = leftover_cost(um_b, left_b)
    profit_a = um_a.margin * (mean2 - short_a) - lc_a - hold_a
    profit_b = um_b.margin * (law_b.mean - short_b) - lc_b - hold_b
    # up front only where the plan's order is sellable before the later demand starts; else the alternative to the
    # wave is nothing (its profit 0: the later demand goes unserved)
    upfront_ok = np.isfinite(t_a) & (np.nan_to_num(t_a, nan=np.inf) <= e1)
    saving = np.where(on_time, profit_b - np.where(upfront_ok, profit_a, 0.0), np.nan)
    has_need = U_a > 0
    proposed = on_time & has_need & (saving > 0)

    to_disp = 1.0 / scenario.fx_cny_per_unit(scenario.display_currency)
    lines = inputs.lines.iloc[rt.active]
    day = lambda x: _dates(inputs.as_of, x)  # noqa: E731
    mode_a = np.array(FREIGHT_MODES, dtype=object)[rt.mode_by_warehouse[w]]
    return pd.DataFrame({
        "sku": lines["sku"].to_numpy(), "region": lines["region"].to_numpy(),
        "warehouse_id": lines["warehouse_id"].to_numpy(),
        "later_demand_units": mean2,
        "upfront_units": U_a, "upfront_mode": mode_a, "upfront_sellable_date": day(t_a + d0),
        "upfront_cost": U_a * um_a.landed * to_disp, "upfront_on_time": upfront_ok,
        "wave_units": U_b, "wave_mode": wave_mode, "wave_order_date": day(np.where(on_time, sched_b.po, np.nan)),
        "wave_sellable_date": day(np.where(on_time, sched_b.sellable, np.nan)),
        "wave_cost": U_b * um_b.landed * to_disp, "wave_on_time": on_time,
        "holding_saved": (hold_a - hold_b) * to_disp, "leftover_cost_saved": (lc_a - lc_b) * to_disp,
        "extra_landed_cost": (U_b * um_b.landed - U_a * um_a.landed) * to_disp,
        "saving": saving * to_disp, "leftover_units_removed": left_a - left_b, "proposed": proposed,
        "currency": scenario.display_currency,
    })


def _dates(as_of: pd.Timestamp, days: np.ndarray) -> np.ndarray:
    d = np.asarray(days, dtype=float)
    out = np.full(d.shape, np.datetime64("NaT"), dtype="datetime64[ns]")
    ok = np.isfinite(d)
    out[ok] = np.datetime64(as_of.normalize().to_datetime64(), "D") + np.round(d[ok]).astype("timedelta64[D]")
    return out


def season_plan(inputs: PlanInputs, scenario: Scenario, campaigns: pd.DataFrame, *,
                weeks: int = SEASON_WEEKS) -> SeasonResult:
    """Project the season for a scenario: the plan's order (``plan.engine`` stages), the second wave of the
    scenario's ``second_wave`` mode where it beats stocking up front (``off``: the plan's order only; the proposal
    table then prices an air wave), the reorder points."""
    stg = plan_stages(inputs, scenario)  # the plan's own stages (computed once per scenario)
    rt, tm, av, qt = stg.rt, stg.tm, stg.av, stg.qt
    camps = season_campaigns(campaigns, inputs, weeks=weeks)
    e1 = int(av.demand.end)
    later = camps[~camps["planned"]]
    n_days = inputs.window.n_days
    E = int(min(max(int(later["end_day"].max()) + 1 + int(scenario.cover_days), e1), n_days)) if len(later) else e1
    T = max(E, e1)
    demand = line_daily_demand(av.demand, rt.series, rt.share, T)
    n = rt.active.size
    arrivals = np.zeros((n, T))
    ok = (av.ship_pos >= 0) & (av.ship_day > 0) & (av.ship_day < T)
    np.add.at(arrivals, (av.ship_pos[ok], np.floor(av.ship_day[ok]).astype(np.int64)), inputs.shipments.units[ok])
    start = av.start_units.copy()
    q = qt.order.qty_units
    od = tm.sell_day  # reserved campaign stock sells from the campaign's first day
    lands = np.isfinite(od) & (od < T) & (q > 0)
    ordinary = np.where(lands, qt.ordinary_of(q), 0.0)  # shipped with it, sellable from the window start
    start += ordinary
    q = q - ordinary
    at0 = lands & (od <= 0)
    start[at0] += q[at0]
    mid = lands & (od > 0)
    np.add.at(arrivals, (np.flatnonzero(mid), np.floor(od[mid]).astype(np.int64)), q[mid])

    mode = scenario.second_wave if scenario.second_wave != "off" else "air"
    nxt = later["start_date"].iloc[0] if len(later) else None
    waves = second_wave(inputs, scenario, rt, tm, av, season_end=E, wave_mode=mode, next_campaign_start=nxt,
                        um=stg.um)
    wave_units = np.zeros(n)
    wave_day = np.full(n, np.nan)
    if scenario.second_wave != "off" and len(later):
        prop = waves["proposed"].to_numpy()
        upfront = ~prop & waves["upfront_on_time"].to_numpy() & (waves["upfront_units"].to_numpy() > 0)
        wave_units = np.where(prop, waves["wave_units"].to_numpy(), np.where(upfront, waves["upfront_units"], 0.0))
        wave_day = np.where(prop, np.maximum((pd.to_datetime(waves["wave_sellable_date"]) - inputs.window_start)
                                             .dt.days.to_numpy(dtype=float), 0.0),
                            np.where(upfront, np.maximum(np.nan_to_num(od), 0.0), np.nan))
        put = np.isfinite(wave_day) & (wave_day < T) & (wave_units > 0)
        first = put & (wave_day <= 0)
        start[first] += wave_units[first]
        rest = put & (wave_day > 0)
        np.add.at(arrivals, (np.flatnonzero(rest), np.floor(wave_day[rest]).astype(np.int64)), wave_units[rest])
    stock, short, runout = project_stock(start, arrivals, demand)
    dates = pd.date_range(inputs.window_start, periods=T, freq="D")
    lines = inputs.lines.iloc[rt.active]
    runout_date = np.where(runout >= 0, dates.values[np.clip(runout, 0, T - 1)], np.datetime64("NaT"))
    lines_out = pd.DataFrame({
        "sku": lines["sku"].to_numpy(), "region": lines["region"].to_numpy(),
        "warehouse_id": lines["warehouse_id"].to_numpy(), "start_units": av.start_units, "order_units": q,
        "order_sellable_date": _dates(inputs.as_of, np.where(lands, od + inputs.day0, np.nan)),
        "wave_units": wave_units, "wave_sellable_date": _dates(inputs.as_of, wave_day + inputs.day0),
        "season_demand_units": demand.sum(axis=1), "expected_short_units": short.sum(axis=1),
        "runout_date": runout_date,
    })
    return SeasonResult(dates=dates, campaigns=camps, lines=lines_out, demand=demand, stock=stock, short=short,
                        waves=waves, reorder=reorder_points(inputs, scenario, rt), plan_end_day=e1, wave_mode=mode,
                        currency=scenario.display_currency)
