"""The platform's inbound quota and its recommended stock, checked against a computed plan.

Fulfilled-by-TikTok warehouses give each store an inbound quota per month, in units and/or CBM, and refuse inbound
beyond it (FBT Capacity Management, defaults.md §1.5). After a declaration the platform answers with a recommended
stock per SKU (workflow.md step 5). This module takes a computed plan (``PlanResult.lines``) and those two tables
(``schemas.FBT_QUOTA``, ``schemas.PLATFORM_RECOMMENDATION``) and answers three questions:

1. :func:`check_quota`: which FBT lines exceed the quota of the month their stock arrives in, by how many units;
2. :func:`move_options` / :func:`reallocation`: where the units over quota can go instead (a 3PL warehouse or
   self-ship of the same market), at what change in landed cost, lead time and whether they still land in time;
   the reallocation keeps every SKU's total units;
3. :func:`recommendation_gap`: the plan's stock per SKU x market against the platform's recommendation.

The quota month of a line is the month of its ``warehouse_arrival_date`` (the day the inbound reaches the
warehouse, when the quota is consumed; its ``sellable_date`` when the arrival is missing).

Fill rule (stated once, used everywhere): in each FBT warehouse x month the quota is taken first by the shipments
already in transit that arrive that month (they are booked), then by the plan's lines in order of arrival date
(earliest first), then by unit margin (highest first: the most valuable units keep the FBT slot), then by SKU id.
Lines are filled strictly in that order: the first line that does not fit takes what room is left, every later line
of the month is over quota in full. A line fits ``min(units room, floor(CBM room / unit CBM))`` units.

No streamlit; pandas over the plan's lines (a few thousand rows), so a page render stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "LANDS",
    "QuotaCheck",
    "alternative_lines",
    "best_moves",
    "check_quota",
    "MOVE_TOTALS",
    "MovePlan",
    "plan_moves",
    "move_options",
    "reallocation",
    "recommendation_gap",
    "unit_cbm",
]

#: Where a moved unit lands, first to last: before the window starts (covers the whole campaign), during the
#: campaign (covers the days that remain), after the campaign (misses it).
LANDS: tuple[str, ...] = ("before_window", "during_campaign", "after_campaign")
#: Fulfilment modes that take units the FBT quota refuses (FBT and self-fulfilled stock are separate pools:
#: the move changes the pool, never mixes it).
ALTERNATIVE_MODES: tuple[str, ...] = ("3PL", "SELF")
_EPS = 1e-9


def unit_cbm(skus: pd.DataFrame) -> pd.Series:
    """Cubic metres one unit takes at inbound, per SKU (index ``sku``).

    Formula: the master carton's outer volume over its units, ``L x W x H / 10^6 / case_pack_units`` (cm -> m³),
    where the SKU master has a carton size (inbound is counted in cartons); else the packed unit's
    ``length_cm x width_cm x height_cm / 10^6``. Source: volume of a rectangular box; carton columns of
    ``schemas.SKUS``.
    """
    unit = skus["length_cm"].to_numpy(float) * skus["width_cm"].to_numpy(float) * skus["height_cm"].to_numpy(float) / 1e6
    out = unit
    if {"carton_length_cm", "carton_width_cm", "carton_height_cm", "case_pack_units"} <= set(skus.columns):
        carton = (pd.to_numeric(skus["carton_length_cm"], errors="coerce").to_numpy(float)
                  * pd.to_numeric(skus["carton_width_cm"], errors="coerce").to_numpy(float)
                  * pd.to_numeric(skus["carton_height_cm"], errors="coerce").to_numpy(float) / 1e6)
        pack = pd.to_numeric(skus["case_pack_units"], errors="coerce").to_numpy(float)
        per = np.divide(carton, pack, out=np.full(carton.shape, np.nan), where=pack > 0)
        out = np.where(np.isfinite(per) & (per > 0), per, unit)
    return pd.Series(out, index=skus["sku"].to_numpy(), name="unit_cbm")


@dataclass(frozen=True)
class QuotaCheck:
    """The plan's FBT lines against the inbound quota.

    Attributes
    ----------
    lines : one row per FBT plan line with units to send: ``sku, name, region, warehouse_id, month,
        warehouse_arrival_date, sellable_date, qty_units, unit_cbm, cbm, fill_order, fits_units, over_units,
        over_cbm, landed_cost_per_unit, unit_margin, currency, has_quota``. ``fill_order`` counts from 1 per
        warehouse x month in the fill rule's order; ``has_quota`` is False where no quota row covers the month
        (no limit known: nothing is flagged).
    months : one row per FBT warehouse x month with a quota or planned units: ``warehouse_id, month, quota_units,
        quota_cbm, booked_units, booked_cbm, planned_units, planned_cbm, over_units, over_cbm, used_units_pct,
        used_cbm_pct`` (used = booked + planned, in % of the quota; NaN where that measure has no quota).
    """

    lines: pd.DataFrame
    months: pd.DataFrame

    @property
    def over(self) -> pd.DataFrame:
        """The lines with units over quota."""
        return self.lines.loc[self.lines["over_units"] > 0]

    @property
    def over_units(self) -> float:
        return float(self.lines["over_units"].sum())


def _month(dates: pd.Series) -> pd.Series:
    return pd.to_datetime(dates).dt.to_period("M").dt.to_timestamp()


def check_quota(lines: pd.DataFrame, quota: pd.DataFrame | None, skus: pd.DataFrame, *,
                booked: pd.DataFrame | None = None) -> QuotaCheck:
    """Flag the units of every FBT line above the quota of the month its stock arrives in (module docstring: fill
    rule).

    Parameters
    ----------
    lines : ``PlanResult.lines`` (``sku, region, warehouse_id, fulfilment_mode, qty_after_rounding,
        warehouse_arrival_date, sellable_date``; ``name, unit_margin, landed_cost_per_unit, currency`` when present).
    quota : the ``fbt_quota`` table (``warehouse_id, month, quota_units, quota_cbm``); None or empty = no quota.
    skus : the SKU master (sizes for :func:`unit_cbm`).
    booked : shipments already in transit (``sku, warehouse_id, units, eta_date``); they take the quota first.

    Formula: per warehouse x month, with lines in fill order and ``U``/``V`` the quota in units / CBM (less what is
    booked), line i fits ``f_i = min(q_i, max(U - sum_{j<i} q_j, 0), floor(max(V - sum_{j<i} q_j v_j, 0) / v_i))``
    units and is over by ``q_i - f_i`` (``v`` = unit CBM). Source: greedy first-come filling of a capacity.
    """
    cbm_of = unit_cbm(skus)
    fbt = lines.loc[(lines["fulfilment_mode"] == "FBT") & (lines["qty_after_rounding"] > 0)].copy()
    arrival = pd.to_datetime(fbt["warehouse_arrival_date"])
    if "sellable_date" in fbt:
        arrival = arrival.fillna(pd.to_datetime(fbt["sellable_date"]))
    fbt["month"] = _month(arrival)
    fbt["qty_units"] = fbt["qty_after_rounding"].astype(float)
    fbt["unit_cbm"] = fbt["sku"].map(cbm_of).astype(float)
    fbt["cbm"] = fbt["qty_units"] * fbt["unit_cbm"].fillna(0.0)
    margin = fbt["unit_margin"].astype(float) if "unit_margin" in fbt else pd.Series(0.0, index=fbt.index)
    fbt["_margin"] = margin.fillna(-np.inf)
    fbt["_arrival"] = arrival
    fbt = fbt.sort_values(["warehouse_id", "month", "_arrival", "_margin", "sku"],
                          ascending=[True, True, True, False, True], kind="stable")
    key = [fbt["warehouse_id"], fbt["month"]]
    fbt["fill_order"] = fbt.groupby(key).cumcount() + 1
    before_u = fbt.groupby(key)["qty_units"].cumsum() - fbt["qty_units"]
    before_v = fbt.groupby(key)["cbm"].cumsum() - fbt["cbm"]

    q = _quota_frame(quota)
    bk = _booked(booked, cbm_of)
    fbt = fbt.merge(q, on=["warehouse_id", "month"], how="left", sort=False)
    fbt = fbt.merge(bk, on=["warehouse_id", "month"], how="left", sort=False)
    fbt[["booked_units", "booked_cbm"]] = fbt[["booked_units", "booked_cbm"]].fillna(0.0)
    before_u, before_v = before_u.to_numpy(), before_v.to_numpy()
    qty = fbt["qty_units"].to_numpy()
    room_u = fbt["quota_units"].to_numpy(float) - fbt["booked_units"].to_numpy() - before_u
    fit_u = np.where(np.isnan(room_u), qty, np.clip(room_u, 0.0, qty))
    v = fbt["unit_cbm"].to_numpy(float)
    room_v = fbt["quota_cbm"].to_numpy(float) - fbt["booked_cbm"].to_numpy() - before_v
    by_v = np.floor(np.divide(np.maximum(room_v, 0.0), v, out=np.full(v.shape, np.inf), where=v > 0) + _EPS)
    fit_v = np.where(np.isnan(room_v), qty, np.clip(by_v, 0.0, qty))
    fits = np.floor(np.minimum(fit_u, fit_v) + _EPS)
    fbt["fits_units"] = np.minimum(fits, qty)
    fbt["over_units"] = qty - fbt["fits_units"].to_numpy()
    fbt["over_cbm"] = fbt["over_units"] * fbt["unit_cbm"].fillna(0.0)
    fbt["has_quota"] = fbt["quota_units"].notna() | fbt["quota_cbm"].notna()
    for col, fill in (("name", ""), ("landed_cost_per_unit", np.nan), ("unit_margin", np.nan), ("currency", "")):
        if col not in fbt:
            fbt[col] = fill
    out_cols = ["sku", "name", "region", "warehouse_id", "month", "warehouse_arrival_date", "sellable_date",
                "qty_units", "unit_cbm", "cbm", "fill_order", "fits_units", "over_units", "over_cbm",
                "landed_cost_per_unit", "unit_margin", "currency", "has_quota"]
    out = fbt[out_cols].reset_index(drop=True)
    return QuotaCheck(lines=out, months=_months(out, q, bk))


def _quota_frame(quota: pd.DataFrame | None) -> pd.DataFrame:
    cols = ["warehouse_id", "month", "quota_units", "quota_cbm"]
    if quota is None or quota.empty:
        return pd.DataFrame({"warehouse_id": pd.Series(dtype=object), "month": pd.Series(dtype="datetime64[ns]"),
                             "quota_units": pd.Series(dtype=float), "quota_cbm": pd.Series(dtype=float)})
    q = quota.copy()
    for col in ("quota_units", "quota_cbm"):
        q[col] = pd.to_numeric(q[col], errors="coerce") if col in q else np.nan
    q["month"] = _month(q["month"])
    return q.groupby(["warehouse_id", "month"], as_index=False)[["quota_units", "quota_cbm"]].min(min_count=1)[cols]


def _booked(booked: pd.DataFrame | None, cbm_of: pd.Series) -> pd.DataFrame:
    empty = pd.DataFrame({"warehouse_id": pd.Series(dtype=object), "month": pd.Series(dtype="datetime64[ns]"),
                          "booked_units": pd.Series(dtype=float), "booked_cbm": pd.Series(dtype=float)})
    if booked is None or booked.empty:
        return empty
    b = booked.assign(month=_month(booked["eta_date"]), booked_units=booked["units"].astype(float))
    b["booked_cbm"] = b["booked_units"] * b["sku"].map(cbm_of).fillna(0.0)
    return b.groupby(["warehouse_id", "month"], as_index=False)[["booked_units", "booked_cbm"]].sum()


def _months(out: pd.DataFrame, q: pd.DataFrame, bk: pd.DataFrame) -> pd.DataFrame:
    planned = out.groupby(["warehouse_id", "month"], as_index=False).agg(
        planned_units=("qty_units", "sum"), planned_cbm=("cbm", "sum"), over_units=("over_units", "sum"),
        over_cbm=("over_cbm", "sum"))
    m = q.merge(planned, on=["warehouse_id", "month"], how="outer").merge(bk, on=["warehouse_id", "month"], how="left")
    m = m.loc[m["warehouse_id"].isin(q["warehouse_id"]) | (m["planned_units"] > 0)]
    for col in ("planned_units", "planned_cbm", "over_units", "over_cbm", "booked_units", "booked_cbm"):
        m[col] = m[col].fillna(0.0)
    used_u = m["booked_units"] + m["planned_units"]
    used_v = m["booked_cbm"] + m["planned_cbm"]
    m["used_units_pct"] = np.where(m["quota_units"] > 0, used_u / m["quota_units"].where(m["quota_units"] > 0) * 100.0,
                                   np.where(m["quota_units"] == 0, np.where(used_u > 0, np.inf, 0.0), np.nan))
    m["used_cbm_pct"] = np.where(m["quota_cbm"] > 0, used_v / m["quota_cbm"].where(m["quota_cbm"] > 0) * 100.0,
                                 np.where(m["quota_cbm"] == 0, np.where(used_v > 0, np.inf, 0.0), np.nan))
    cols = ["warehouse_id", "month", "quota_units", "quota_cbm", "booked_units", "booked_cbm", "planned_units",
            "planned_cbm", "over_units", "over_cbm", "used_units_pct", "used_cbm_pct"]
    return m[cols].sort_values(["warehouse_id", "month"], ignore_index=True)


def alternative_lines(inputs, scenario) -> pd.DataFrame:
    """The plan lines every SKU would have in each 3PL / self-ship warehouse of its market: one extra plan per
    alternative rank, with that market's whole mix sent to the alternative (the scenario's freight mode for it).

    Returns ``sku, region, warehouse_id, fulfilment_mode, freight_mode, landed_cost_per_unit, sellable_date,
    currency`` (lines without a lane for the mode are left out). ``inputs`` is a ``PlanInputs``, ``scenario`` a
    ``Scenario``; the extra plans run the same vectorised engine (milliseconds each).
    """
    from linkstar_analytics.plan.engine import compute_plan

    wh = inputs.warehouses
    alts = wh.loc[wh["fulfilment_mode"].isin(ALTERNATIVE_MODES)]
    by_region = {r: list(g["warehouse_id"]) for r, g in alts.groupby("region", sort=True)}
    by_region = {r: ws for r, ws in by_region.items() if r in set(inputs.regions)}
    cols = ["sku", "region", "warehouse_id", "fulfilment_mode", "freight_mode", "landed_cost_per_unit",
            "sellable_date", "currency"]
    parts = []
    for k in range(max((len(ws) for ws in by_region.values()), default=0)):
        mix = dict(scenario.warehouse_mix)
        targets = {r: ws[k] for r, ws in by_region.items() if k < len(ws)}
        mix.update({r: {w: 100.0} for r, w in targets.items()})
        res = compute_plan(inputs, scenario.replace(warehouse_mix=mix))
        lines = res.lines
        pick = lines["warehouse_id"].isin(list(targets.values())) & (lines["region"].map(targets) == lines["warehouse_id"])
        pick &= ~lines["flags"].fillna("").str.contains("no_lane") & lines["landed_cost_per_unit"].notna()
        parts.append(lines.loc[pick, cols])
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat(parts, ignore_index=True)


def move_options(check: QuotaCheck, alternatives: pd.DataFrame, *, window_start, campaign_end) -> pd.DataFrame:
    """Every way to move each line's units over quota to a 3PL or self-ship warehouse of the same market.

    Returns one row per over-quota line x alternative: ``line`` (the row of ``check.lines``), ``sku, name, region,
    from_warehouse, to_warehouse, to_mode, freight_mode, move_units, landed_from, landed_to, landed_change_per_unit,
    landed_change_total, sellable_from, sellable_to, delay_days, lands, currency``; ``lands`` is one of
    :data:`LANDS`.

    Formula: change per unit = landed cost per unit there - here; total = change per unit x units moved;
    delay = sellable date there - here (days). Lands ``before_window`` when sellable on or before the window start,
    ``during_campaign`` on or before the campaign's last day, else ``after_campaign``.
    """
    over = check.over
    cols = ["line", "sku", "name", "region", "from_warehouse", "to_warehouse", "to_mode", "freight_mode",
            "move_units", "landed_from", "landed_to", "landed_change_per_unit", "landed_change_total", "sellable_from",
            "sellable_to", "delay_days", "lands", "currency"]
    if over.empty or alternatives.empty:
        return pd.DataFrame(columns=cols)
    alt = alternatives.rename(columns={"warehouse_id": "to_warehouse", "fulfilment_mode": "to_mode",
                                       "landed_cost_per_unit": "landed_to", "sellable_date": "sellable_to",
                                       "currency": "_alt_currency"})
    m = over.rename_axis("line").reset_index().rename(columns={
        "warehouse_id": "from_warehouse", "landed_cost_per_unit": "landed_from", "sellable_date": "sellable_from",
        "over_units": "move_units"})
    m = m.merge(alt, on=["sku", "region"], how="inner", sort=False)
    m["landed_change_per_unit"] = m["landed_to"] - m["landed_from"]
    m["landed_change_total"] = m["landed_change_per_unit"] * m["move_units"]
    to = pd.to_datetime(m["sellable_to"])
    m["delay_days"] = (to - pd.to_datetime(m["sellable_from"])).dt.days.astype(float)
    m["lands"] = np.select([to <= pd.Timestamp(window_start), to <= pd.Timestamp(campaign_end)],
                           [LANDS[0], LANDS[1]], LANDS[2])
    return m[cols].sort_values(["sku", "region", "from_warehouse", "line", "landed_change_per_unit", "to_warehouse"],
                               ignore_index=True)


def best_moves(options: pd.DataFrame) -> pd.DataFrame:
    """One move per over-quota line: the alternative that lands earliest in :data:`LANDS` order (before the window,
    then during the campaign, then after it), then the cheapest change in landed cost per unit, then the earliest
    sellable date."""
    if options.empty:
        return options
    rank = options["lands"].map({name: i for i, name in enumerate(LANDS)})
    order = options.assign(_rank=rank).sort_values(
        ["sku", "region", "from_warehouse", "line", "_rank", "landed_change_per_unit", "sellable_to", "to_warehouse"],
        kind="stable")
    return order.drop_duplicates("line").drop(columns="_rank").reset_index(drop=True)


def reallocation(lines: pd.DataFrame, moves: pd.DataFrame) -> pd.DataFrame:
    """Units per SKU x market x warehouse before and after the moves: ``sku, region, warehouse_id, units_before,
    units_after, moved_units`` (negative = moved out). Every SKU x market keeps its total units (each move takes
    ``move_units`` from one warehouse and adds them to another of the same market)."""
    base = lines.loc[lines["qty_after_rounding"] > 0, ["sku", "region", "warehouse_id", "qty_after_rounding"]]
    base = base.groupby(["sku", "region", "warehouse_id"], as_index=False)["qty_after_rounding"].sum()
    base = base.rename(columns={"qty_after_rounding": "units_before"})
    if moves.empty:
        return base.assign(units_after=base["units_before"], moved_units=0.0)
    out_ = moves.groupby(["sku", "region", "from_warehouse"], as_index=False)["move_units"].sum().rename(
        columns={"from_warehouse": "warehouse_id", "move_units": "out"})
    in_ = moves.groupby(["sku", "region", "to_warehouse"], as_index=False)["move_units"].sum().rename(
        columns={"to_warehouse": "warehouse_id", "move_units": "in"})
    m = base.merge(out_, on=["sku", "region", "warehouse_id"], how="outer").merge(
        in_, on=["sku", "region", "warehouse_id"], how="outer")
    m[["units_before", "out", "in"]] = m[["units_before", "out", "in"]].fillna(0.0)
    m["moved_units"] = m["in"] - m["out"]
    m["units_after"] = m["units_before"] + m["moved_units"]
    return m[["sku", "region", "warehouse_id", "units_before", "units_after", "moved_units"]].sort_values(
        ["sku", "region", "warehouse_id"], ignore_index=True)


#: Headline figures compared before and after the quota moves (``PlanResult.totals`` keys).
MOVE_TOTALS: tuple[str, ...] = ("units", "total_landed_cost", "expected_stockout_units", "fill_rate",
                                "expected_leftover_units", "leftover_cost", "gross_profit")


@dataclass(frozen=True)
class MovePlan:
    """The plan with the quota moves made, demand included (:func:`plan_moves`).

    Attributes
    ----------
    by_sku : one row per SKU x market a move touches: ``sku, region, from_warehouse, to_warehouse, from_units_before,
        from_units_after, to_units_before, to_units_after, stockout_units_before, stockout_units_after,
        stockout_prob_before, stockout_prob_after, leftover_units_before, leftover_units_after, landed_cost_before,
        landed_cost_after, currency`` (units and risk of the SKU x market over all its warehouses; money in the plan's
        currency).
    before, after : :data:`MOVE_TOTALS` of the whole plan, plus ``over_units`` (units over quota).
    rounds : plans computed to find the FBT shares that fit.
    plan : the ``PlanResult`` with the moves: the plan of ``scenario`` with :attr:`sku_mix` (what applying the moves
        gives).
    sku_mix : the moves as the scenario's per-SKU mix, ``'SKU|REGION' -> {warehouse_id: share %}`` over every
        warehouse of the series with a share (the FBT share floored to 0.01 %, so it still fits; the rest to the
        alternative); merge it into ``Scenario.sku_mix`` to apply the moves.
    """

    by_sku: pd.DataFrame
    before: dict[str, float]
    after: dict[str, float]
    rounds: int
    plan: object = None
    sku_mix: dict | None = None


def plan_moves(inputs, scenario, moves: pd.DataFrame, quota: pd.DataFrame | None, skus: pd.DataFrame, *,
               booked: pd.DataFrame | None = None, max_rounds: int = 8) -> MovePlan | None:
    """The plan after the moves of :func:`best_moves`, with their demand: what the moves do to risk, not only to cost.

    FBT and 3PL / self-ship stock are separate pools, so a unit moved without its orders would sit where no order
    reaches it. Each move therefore sends demand along: the FBT line keeps the largest share of the SKU's market demand
    whose order fits the quota (the units the fill rule gave it), the target warehouse takes the rest of that share
    (per SKU, ``engine.plan_with_shares``), and the whole plan is computed again by the same engine (quantities, exact
    risk, landed cost, cash). A line's order is not proportional to its share (stock held, a late order that only
    covers the days after it lands, case packs), so that share is found by bisection, all moved lines at once (their
    series plan independently): ``max_rounds`` halvings; the shares found become the scenario's per-SKU mix
    (:attr:`MovePlan.sku_mix`) and the plan with it is the plan after the moves (what applying them gives). A line still over quota at
    a zero share (an order forced or raised to an MOQ) stays over. None when there is no move.
    """
    if moves is None or moves.empty:
        return None
    digest = tuple(int(pd.util.hash_pandas_object(f, index=False).sum()) if f is not None and len(f) else 0
                   for f in (moves, quota, skus, booked))
    return inputs.memo.get("moves", (scenario, digest, max_rounds),
                           lambda: _plan_moves(inputs, scenario, moves, quota, skus, booked, max_rounds))


def _units_at(res, index: pd.MultiIndex) -> np.ndarray:
    """Units a plan orders per ``sku, region, warehouse_id`` of ``index`` (0 where it has no line)."""
    q = res.lines.groupby(["sku", "region", "warehouse_id"])["qty_after_rounding"].sum()
    return q.reindex(index).fillna(0.0).to_numpy()


def _plan_moves(inputs, scenario, moves, quota, skus, booked, max_rounds) -> MovePlan | None:
    from linkstar_analytics.plan.engine import compute_plan, plan_with_shares, route

    base = compute_plan(inputs, scenario)
    share = route(inputs, scenario).share_all.copy()
    pos = pd.Series(np.arange(len(inputs.lines)),
                    index=pd.MultiIndex.from_frame(inputs.lines[["sku", "region", "warehouse_id"]].astype(str)))
    pairs = moves[["sku", "region", "from_warehouse", "to_warehouse"]].astype(str).drop_duplicates()
    src = pos.reindex(pd.MultiIndex.from_frame(pairs[["sku", "region", "from_warehouse"]])).to_numpy()
    dst = pos.reindex(pd.MultiIndex.from_frame(pairs[["sku", "region", "to_warehouse"]])).to_numpy()
    ok = ~(np.isnan(src) | np.isnan(dst))
    pairs, src, dst = pairs.loc[ok], src[ok].astype(np.int64), dst[ok].astype(np.int64)
    if not len(pairs):
        return None
    key = pd.MultiIndex.from_frame(pairs[["sku", "region", "from_warehouse"]])
    check = check_quota(base.lines, quota, skus, booked=booked)
    fits = check.lines.groupby(["sku", "region", "warehouse_id"])["fits_units"].sum().reindex(key).fillna(0.0)
    fits = fits.to_numpy()
    start = share[src].copy()
    lo, hi = np.zeros_like(start), start.copy()  # the FBT share whose order fits lies in [lo, hi]

    def plan_at(fbt_share: np.ndarray):
        trial = share.copy()
        trial[src] = fbt_share
        np.add.at(trial, dst, start - fbt_share)  # the demand the FBT line gives up goes to the alternative
        return plan_with_shares(inputs, scenario, trial)

    rounds = 0
    for _ in range(max_rounds):  # bisection on every moved line at once (their series plan independently)
        mid = 0.5 * (lo + hi)
        ok = _units_at(plan_at(mid), key) <= fits + 1e-9
        lo, hi = np.where(ok, mid, lo), np.where(ok, hi, mid)
        rounds += 1
    final = share.copy()
    final[src] = lo
    np.add.at(final, dst, start - lo)
    sku_mix = _as_sku_mix(inputs, pairs, src, dst, final)
    plan = compute_plan(inputs, scenario.replace(sku_mix={**scenario.sku_mix, **sku_mix}))
    rounds += 1
    over_now = check_quota(plan.lines, quota, skus, booked=booked)

    def units(res, wh_col: str) -> np.ndarray:
        return _units_at(res, pd.MultiIndex.from_frame(pairs[["sku", "region", wh_col]]))

    def per_sku(res, col: str, how: str = "sum") -> np.ndarray:
        frame = res.by_sku if col in res.by_sku.columns else res.lines
        g = frame.groupby(["sku", "region"])[col].agg(how)
        return g.reindex(pd.MultiIndex.from_frame(pairs[["sku", "region"]])).fillna(0.0).to_numpy()

    by_sku = pairs.assign(
        from_units_before=units(base, "from_warehouse"), from_units_after=units(plan, "from_warehouse"),
        to_units_before=units(base, "to_warehouse"), to_units_after=units(plan, "to_warehouse"),
        stockout_units_before=per_sku(base, "expected_lost_units"), stockout_units_after=per_sku(plan, "expected_lost_units"),
        stockout_prob_before=per_sku(base, "stockout_prob", "max"), stockout_prob_after=per_sku(plan, "stockout_prob", "max"),
        leftover_units_before=per_sku(base, "expected_leftover_units"),
        leftover_units_after=per_sku(plan, "expected_leftover_units"),
        landed_cost_before=per_sku(base, "total_landed_cost"), landed_cost_after=per_sku(plan, "total_landed_cost"),
        currency=base.currency,
    ).reset_index(drop=True)

    def head(res, chk) -> dict[str, float]:
        return {**{k: float(res.totals[k]) for k in MOVE_TOTALS}, "over_units": chk.over_units}

    return MovePlan(by_sku=by_sku, before=head(base, check),
                    after=head(plan, over_now), rounds=rounds, plan=plan, sku_mix=sku_mix)


def _as_sku_mix(inputs, pairs: pd.DataFrame, src: np.ndarray, dst: np.ndarray,
                share_all: np.ndarray) -> dict[str, dict[str, float]]:
    """The shares of the moved series as ``'SKU|REGION' -> {warehouse_id: %}`` (2 decimals; the moved-from share
    floored, the difference to the moved-to warehouse, so the series still sums to its share)."""
    n_w = len(inputs.warehouses)
    w_ids = inputs.warehouses["warehouse_id"].astype(str).to_numpy()
    out: dict[str, dict[str, float]] = {}
    for (sku, region), a, b in zip(pairs[["sku", "region"]].itertuples(index=False, name=None), src, dst):
        s = int(inputs.line.series[a])
        pct = share_all[s * n_w:(s + 1) * n_w] * 100.0
        total = round(float(pct.sum()), 2)
        shown = np.round(pct, 2)
        wa, wb = a - s * n_w, b - s * n_w
        shown[wa] = np.floor(pct[wa] * 100.0 + 1e-9) / 100.0
        shown[wb] = round(max(total - (float(shown.sum()) - shown[wb]), 0.0), 2)  # what the others leave
        out[f"{sku}|{region}"] = {w_ids[j]: float(shown[j]) for j in np.flatnonzero(shown > 0)}
    return out


def recommendation_gap(lines: pd.DataFrame, recommendation: pd.DataFrame | None, campaign_id: str,
                       warehouses: pd.DataFrame | None = None) -> pd.DataFrame:
    """The plan's stock per SKU x market against the platform's recommended stock for ``campaign_id``.

    Planned stock = stock available for the window (on hand and in transit, ``available_units``) + the plan's order
    (``qty_after_rounding``), summed over the SKU's warehouses of the market. A recommendation without a market
    takes its warehouse's market; without either it covers every market of the SKU (``region`` shown as ``""``).

    Returns ``sku, name, region, recommended_units, planned_units, gap_units, gap_pct`` with
    ``gap = planned - recommended`` and ``gap_pct = gap / recommended x 100`` (NaN when nothing is recommended);
    a positive gap is more stock than the platform recommends.
    """
    cols = ["sku", "name", "region", "recommended_units", "planned_units", "gap_units", "gap_pct"]
    if recommendation is None or recommendation.empty:
        return pd.DataFrame(columns=cols)
    rec = recommendation.loc[recommendation["campaign_id"] == campaign_id].copy()
    if rec.empty:
        return pd.DataFrame(columns=cols)
    region = rec["region"] if "region" in rec else pd.Series(None, index=rec.index, dtype=object)
    if "warehouse_id" in rec and warehouses is not None:
        region = region.where(region.notna(), rec["warehouse_id"].map(
            warehouses.set_index("warehouse_id")["region"]))
    rec["region"] = region.where(region.notna(), "").astype(str)
    rec = rec.groupby(["sku", "region"], as_index=False)["recommended_units"].sum()
    served = lines.loc[lines["warehouse_id"] != "(none)"]
    stock = (served["available_units"].fillna(0.0) + served["qty_after_rounding"].fillna(0.0)).rename("planned_units")
    by_market = pd.concat([served[["sku", "region"]], stock], axis=1).groupby(["sku", "region"], as_index=False).sum()
    by_sku = by_market.groupby("sku", as_index=False)["planned_units"].sum().assign(region="")
    planned = pd.concat([by_market, by_sku], ignore_index=True)
    out = rec.merge(planned, on=["sku", "region"], how="left")
    out["planned_units"] = out["planned_units"].fillna(0.0)
    out["gap_units"] = out["planned_units"] - out["recommended_units"]
    out["gap_pct"] = np.where(out["recommended_units"] > 0,
                              out["gap_units"] / out["recommended_units"].where(out["recommended_units"] > 0) * 100.0,
                              np.nan)
    names = lines.drop_duplicates("sku").set_index("sku")["name"] if "name" in lines else pd.Series(dtype=object)
    out["name"] = out["sku"].map(names).fillna("")
    return out[cols].sort_values(["sku", "region"], ignore_index=True)
