"""Post-campaign review: what a finished campaign really sold against the forecast the plan stood on, and what the
next plan learns from it.

Inputs are frames (no database, no Streamlit): the dataset's tables with ``campaign_actuals`` (see ``schemas``), the
forecast frames of the dataset version the plan was made on (``ForecastResult.forecasts``: the baseline daily mean
per SKU x market; ``campaign_effects``: the campaign's day-by-day multiplier, or the per-campaign ``uplift``).

Per SKU x market over the campaign days (``start_date`` .. ``end_date``):

* **forecast units** ``F = sum_d b_d m_d`` (baseline mean ``b_d`` x the campaign multiplier ``m_d`` of the forecast);
  **actual units** ``A = sum_d a_d``; error ``A - F`` and ``(A - F) / F``.
* **stockout days**: days flagged ``stockout`` or with ``on_hand_units == 0``.
* **lost units** (estimator): on each stockout day, demand at the forecast's rate less what did sell,
  ``lost = sum_{d stockout} max(b_d m_d - a_d, 0)``; a day without a stockout loses nothing. It is the forecast's
  rate, not a corrected one: where the forecast ran low the loss is understated (the error columns say by how much).
* **leftover**: ``on_hand_units`` of the last campaign day with a count, priced by ``plan.money.leftover_cost``
  (what sells within ``max_months_to_sell`` at the baseline rate after the campaign pays capital on its cost while it
  waits, the rest is written off) on the purchase cost in CNY: freight, duty and storage are not in it, so the
  figure is a floor.
* **presale conversion**: converted presale units (``campaign_actuals.presale_units``) / reservations
  (``presale.presale_units``), apart for deposit-paid and plain presale; **creator units** against the creators'
  expected units of the campaign days.

Learned uplift (what the next plan can take as its default):

* realised uplift of a SKU x market on its **in-stock** campaign days (stockout days censor sales, so they are left
  out): ``u_s = A_s / B_s`` with ``A_s``, ``B_s`` the actual and baseline units of those days;
* per category x market, ``u_c = sum A / sum B`` over its SKUs;
* a thin SKU is shrunk toward its category (credibility weighting; the Gamma-Poisson posterior mean with a Gamma
  prior of mean ``u_c`` worth ``k`` baseline units, Buhlmann & Gisler, *A Course in Credibility Theory*, 2005, ch. 4;
  Gelman et al., *Bayesian Data Analysis*, 3rd ed., sec. 2.6):
  ``u_hat_s = (A_s + k u_c) / (B_s + k) = Z u_s + (1 - Z) u_c`` with ``Z = B_s / (B_s + k)``,
  ``k = SHRINK_BASELINE_UNITS``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
import pandas as pd

from linkstar_analytics.plan.money import leftover_cost

__all__ = ["CampaignReview", "SHRINK_BASELINE_UNITS", "campaign_family", "forecast_version_for", "learned_defaults",
           "next_plan_defaults", "review_campaign", "reviewable_campaigns"]

#: Credibility constant ``k`` in baseline units: a SKU whose in-stock campaign days had a baseline of ``k`` units
#: gets half its own realised uplift and half its category's [E] (about four days of a 5-unit-a-day seller).
SHRINK_BASELINE_UNITS = 20.0
#: Cost of the capital a leftover ties up, % a year, and the months a leftover may take to sell before it counts as
#: written off: ``cost.defaults.default_leftover_params`` (capital_cost_pct_year, max_months_to_sell).
CAPITAL_COST_PCT_YEAR = 10.0
MAX_MONTHS_TO_SELL = 6.0
#: Days after the campaign whose baseline mean gives the rate a leftover sells at.
AFTER_DAYS = 30

KEYS = ["sku", "region"]


@dataclass(frozen=True)
class CampaignReview:
    """One campaign's review.

    by_sku : per SKU x market: ``category, forecast_units, actual_units, error_units, error_pct, baseline_units,
        stockout_days, lost_units, leftover_units, leftover_cost_cny, presale_reserved_units, presale_converted_units,
        presale_conversion_pct, deposit_paid, creator_expected_units, creator_units, instock_actual_units,
        instock_baseline_units, realised_uplift, learned_uplift, forecast_uplift``.
    by_category : the same sums per category x market with ``realised_uplift`` (the category's) and
        ``presale_conversion_pct`` / ``deposit_conversion_pct``.
    daily : per day x category: ``forecast_units``, ``actual_units``, ``lost_units``.
    totals : headline figures (units, error %, stockout SKU-days, lost and leftover units, leftover cost in CNY,
        presale and deposit conversion %, creator units).
    """

    campaign_id: str
    start: pd.Timestamp
    end: pd.Timestamp
    by_sku: pd.DataFrame
    by_category: pd.DataFrame
    daily: pd.DataFrame
    totals: dict


def reviewable_campaigns(tables: Mapping[str, pd.DataFrame]) -> list[str]:
    """Campaign ids with actual results in the dataset, latest first."""
    actuals = tables.get("campaign_actuals")
    if actuals is None or actuals.empty:
        return []
    camps = tables["campaigns"]
    have = set(actuals["campaign_id"].astype(str))
    c = camps.loc[camps["campaign_id"].astype(str).isin(have)].sort_values("end_date", ascending=False)
    return c["campaign_id"].astype(str).tolist()


def forecast_version_for(history_end_by_version: Mapping[int, pd.Timestamp], campaign_start: pd.Timestamp,
                         active: int) -> int:
    """The dataset version whose forecast the review compares with (the forecast the plan was made on): among the
    versions up to ``active`` whose sales history ends before the campaign starts, the first one holding the latest
    such history (a later version with the same sales, such as the import of the actuals, adds nothing to the
    forecast and would only refit it); ``active`` when there is none."""
    start = pd.Timestamp(campaign_start)
    fits = {v: pd.Timestamp(end) for v, end in history_end_by_version.items() if v <= active and pd.Timestamp(end) < start}
    if not fits:
        return active
    latest = max(fits.values())
    return min(v for v, end in fits.items() if end == latest)


def campaign_family(campaign_id: str) -> str:
    """The campaign's kind without its year (``BFCM-2026`` -> ``BFCM``, ``1111-2026-TH`` -> ``1111-TH``)."""
    return re.sub(r"-?(19|20)\d{2}", "", str(campaign_id)).strip("-") or str(campaign_id)


def _campaign(tables: Mapping[str, pd.DataFrame], campaign_id: str) -> pd.Series:
    camps = tables["campaigns"]
    hit = camps.loc[camps["campaign_id"].astype(str) == str(campaign_id)]
    if hit.empty:
        known = ", ".join(camps["campaign_id"].astype(str).head(8))
        raise ValueError(f"campaign_id {campaign_id!r} is not in the campaigns table; use one of {known}")
    return hit.iloc[0]


def _forecast_days(forecasts: pd.DataFrame, effects: pd.DataFrame | None, uplift: pd.DataFrame | None,
                   campaign_id: str, days: pd.DatetimeIndex, pairs: pd.DataFrame) -> pd.DataFrame:
    """``sku, region, date, baseline, forecast`` for ``pairs`` x ``days``: baseline mean x the campaign multiplier."""
    grid = pairs.merge(pd.DataFrame({"date": days}), how="cross")
    fc = forecasts[["sku", "region", "date", "mean"]].assign(date=lambda f: pd.to_datetime(f["date"]))
    grid = grid.merge(fc, on=["sku", "region", "date"], how="left").rename(columns={"mean": "baseline"})
    mult = pd.Series(np.nan, index=grid.index)
    if effects is not None and len(effects):
        e = effects.loc[effects["campaign_id"].astype(str) == str(campaign_id), ["sku", "region", "date", "multiplier"]]
        if len(e):
            m = grid[["sku", "region", "date"]].merge(e.assign(date=pd.to_datetime(e["date"])),
                                                      on=["sku", "region", "date"], how="left")
            mult = m["multiplier"]
            mult.index = grid.index
    if mult.isna().all() and uplift is not None and len(uplift):
        u = uplift.loc[uplift["campaign_id"].astype(str) == str(campaign_id), ["sku", "region", "uplift"]]
        m = grid[["sku", "region"]].merge(u.drop_duplicates(KEYS), on=KEYS, how="left")
        mult = m["uplift"]
        mult.index = grid.index
    grid["multiplier"] = mult.fillna(1.0).to_numpy(float)
    grid["forecast"] = grid["baseline"].to_numpy(float) * grid["multiplier"].to_numpy(float)
    return grid


def review_campaign(tables: Mapping[str, pd.DataFrame], forecasts: pd.DataFrame, campaign_id: str, *,
                    effects: pd.DataFrame | None = None, uplift: pd.DataFrame | None = None,
                    fx_cny_per_unit: Mapping[str, float] | None = None,
                    shrink_baseline_units: float = SHRINK_BASELINE_UNITS) -> CampaignReview:
    """Forecast versus actual, stockouts, lost and leftover units, presale and creator sales of one finished campaign
    (formulas in the module docstring). Only SKU x market pairs with actual rows are reviewed.

    ``fx_cny_per_unit`` prices the purchase cost (``skus.unit_cost`` in ``cost_currency``) in CNY; currencies not
    given use ``plan.scenario.DEFAULT_FX_CNY_PER_UNIT``.
    """
    from linkstar_analytics.plan.scenario import DEFAULT_FX_CNY_PER_UNIT

    camp = _campaign(tables, campaign_id)
    start, end = pd.Timestamp(camp["start_date"]).normalize(), pd.Timestamp(camp["end_date"]).normalize()
    days = pd.date_range(start, end, freq="D")
    actuals = tables.get("campaign_actuals")
    if actuals is None or actuals.empty:
        raise ValueError(f"there are no campaign_actuals for {campaign_id!r}; import campaign_actuals.csv first")
    act = actuals.loc[(actuals["campaign_id"].astype(str) == str(campaign_id))].copy()
    act["date"] = pd.to_datetime(act["date"]).dt.normalize()
    act = act.loc[(act["date"] >= start) & (act["date"] <= end)]
    if act.empty:
        raise ValueError(f"campaign_actuals has no rows for {campaign_id!r} between {start:%Y-%m-%d} and "
                         f"{end:%Y-%m-%d}; check the campaign_id and the dates")
    for col in ("stockout", "on_hand_units", "presale_units", "creator_units"):
        if col not in act.columns:
            act[col] = np.nan
    pairs = act[KEYS].drop_duplicates().sort_values(KEYS).reset_index(drop=True)
    grid = _forecast_days(forecasts, effects, uplift, campaign_id, days, pairs)

    daily_act = act.groupby(["sku", "region", "date"], as_index=False).agg(
        actual=("units_sold", "sum"), flag=("stockout", lambda s: bool(s.fillna(False).astype(bool).any())),
        on_hand=("on_hand_units", "min"), presale=("presale_units", lambda s: s.sum(min_count=1)),
        creator=("creator_units", lambda s: s.sum(min_count=1)))
    g = grid.merge(daily_act, on=["sku", "region", "date"], how="left")
    g["actual"] = g["actual"].fillna(0.0)
    g["stockout"] = g["flag"].astype("boolean").fillna(False).to_numpy(bool) | (g["on_hand"].to_numpy(float) == 0.0)
    fcast, actual = g["forecast"].to_numpy(float), g["actual"].to_numpy(float)
    g["lost"] = np.where(g["stockout"], np.maximum(np.nan_to_num(fcast) - actual, 0.0), 0.0)
    instock = ~g["stockout"].to_numpy()
    g["instock_actual"] = np.where(instock, actual, 0.0)
    g["instock_baseline"] = np.where(instock, np.nan_to_num(g["baseline"].to_numpy(float)), 0.0)

    per = g.groupby(KEYS, sort=True).agg(
        forecast_units=("forecast", lambda s: s.sum(min_count=1)), actual_units=("actual", "sum"),
        baseline_units=("baseline", lambda s: s.sum(min_count=1)), stockout_days=("stockout", "sum"),
        lost_units=("lost", "sum"), instock_actual_units=("instock_actual", "sum"),
        instock_baseline_units=("instock_baseline", "sum"),
        presale_converted_units=("presale", lambda s: s.sum(min_count=1)),
        creator_units=("creator", lambda s: s.sum(min_count=1))).reset_index()
    skus = tables["skus"].drop_duplicates("sku").set_index("sku")
    per["category"] = per["sku"].map(skus["category"]).fillna("?").astype(str)
    per["stockout_days"] = per["stockout_days"].astype(int)
    per["error_units"] = per["actual_units"] - per["forecast_units"]
    with np.errstate(divide="ignore", invalid="ignore"):
        per["error_pct"] = 100.0 * per["error_units"] / per["forecast_units"].where(per["forecast_units"] > 0)
        per["forecast_uplift"] = per["forecast_units"] / per["baseline_units"].where(per["baseline_units"] > 0)

    # leftover: the last count of the campaign days, priced by plan.money.leftover_cost on the purchase cost
    counted = g.loc[g["on_hand"].notna()].sort_values("date").groupby(KEYS)["on_hand"].last()
    per["leftover_units"] = per.set_index(KEYS).index.map(counted).to_numpy(float)
    fx = {**DEFAULT_FX_CNY_PER_UNIT, **dict(fx_cny_per_unit or {})}
    cost_ccy = per["sku"].map(skus["cost_currency"]).astype(str)
    unit_cny = per["sku"].map(skus["unit_cost"]).to_numpy(float) * cost_ccy.map(lambda c: fx.get(c, np.nan)).to_numpy(float)
    after = forecasts.assign(date=pd.to_datetime(forecasts["date"]))
    after = after.loc[(after["date"] > end) & (after["date"] <= end + pd.Timedelta(days=AFTER_DAYS))]
    rate = after.groupby(KEYS)["mean"].mean()
    rate_per_day = per.set_index(KEYS).index.map(rate).to_numpy(float)
    money = SimpleNamespace(rate_per_day=np.nan_to_num(rate_per_day), max_months_to_sell=MAX_MONTHS_TO_SELL,
                            hold_month=unit_cny * CAPITAL_COST_PCT_YEAR / 100.0 / 12.0, write_off=unit_cny)
    left = per["leftover_units"].to_numpy(float)
    cost, _gone = leftover_cost(money, np.nan_to_num(left))
    per["leftover_cost_cny"] = np.where(np.isnan(left), np.nan, cost)

    # presale: reservations of the presale table, converted units of the actuals
    pre = tables.get("presale")
    if pre is not None and len(pre):
        p = pre.loc[pre["campaign_id"].astype(str) == str(campaign_id)]
        dep = p["deposit_paid"] if "deposit_paid" in p else pd.Series(False, index=p.index)
        p = p.assign(deposit_paid=dep.fillna(False).astype(bool))
        p = p.groupby(KEYS).agg(presale_reserved_units=("presale_units", "sum"), deposit_paid=("deposit_paid", "any"))
        per = per.merge(p.reset_index(), on=KEYS, how="left")
    else:
        per["presale_reserved_units"], per["deposit_paid"] = np.nan, False
    per["deposit_paid"] = per["deposit_paid"].astype("boolean").fillna(False).astype(bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        per["presale_conversion_pct"] = 100.0 * per["presale_converted_units"] / per["presale_reserved_units"].where(
            per["presale_reserved_units"] > 0)

    cre = tables.get("creators")
    if cre is not None and len(cre):
        c = cre.assign(date=pd.to_datetime(cre["date"]))
        c = c.loc[(c["date"] >= start) & (c["date"] <= end)].groupby(KEYS)["expected_units"].sum()
        per["creator_expected_units"] = per.set_index(KEYS).index.map(c).to_numpy(float)
    else:
        per["creator_expected_units"] = np.nan

    # realised and learned uplift (in-stock days), category first
    cat = per.groupby(["category", "region"], sort=True).agg(
        forecast_units=("forecast_units", "sum"), actual_units=("actual_units", "sum"),
        baseline_units=("baseline_units", "sum"), stockout_days=("stockout_days", "sum"),
        lost_units=("lost_units", "sum"), leftover_units=("leftover_units", lambda s: s.sum(min_count=1)),
        leftover_cost_cny=("leftover_cost_cny", lambda s: s.sum(min_count=1)),
        instock_actual_units=("instock_actual_units", "sum"),
        instock_baseline_units=("instock_baseline_units", "sum"),
        creator_units=("creator_units", lambda s: s.sum(min_count=1))).reset_index()
    with np.errstate(divide="ignore", invalid="ignore"):
        cat["error_pct"] = 100.0 * (cat["actual_units"] - cat["forecast_units"]) / cat["forecast_units"].where(
            cat["forecast_units"] > 0)
        cat["realised_uplift"] = cat["instock_actual_units"] / cat["instock_baseline_units"].where(
            cat["instock_baseline_units"] > 0)
        per["realised_uplift"] = per["instock_actual_units"] / per["instock_baseline_units"].where(
            per["instock_baseline_units"] > 0)
    for col, dep in (("presale_conversion_pct", False), ("deposit_conversion_pct", True)):
        sub = per.loc[per["deposit_paid"] == dep]
        pct = {key: _ratio_pct(grp["presale_converted_units"], grp["presale_reserved_units"])
               for key, grp in sub.groupby(["category", "region"])}
        cat[col] = [pct.get((c, r), np.nan) for c, r in zip(cat["category"], cat["region"])]
    u_cat = per.merge(cat[["category", "region", "realised_uplift"]].rename(columns={"realised_uplift": "u_cat"}),
                      on=["category", "region"], how="left")["u_cat"].to_numpy(float)
    k = float(shrink_baseline_units)
    a_s, b_s = per["instock_actual_units"].to_numpy(float), per["instock_baseline_units"].to_numpy(float)
    per["learned_uplift"] = (a_s + k * u_cat) / (b_s + k)

    g["category"] = g["sku"].map(skus["category"]).fillna("?").astype(str)
    daily = g.groupby(["date", "category"], as_index=False).agg(
        forecast_units=("forecast", "sum"), actual_units=("actual", "sum"), lost_units=("lost", "sum"))

    totals = _totals(per)
    cols = ["sku", "region", "category", "forecast_units", "actual_units", "error_units", "error_pct",
            "baseline_units", "stockout_days", "lost_units", "leftover_units", "leftover_cost_cny",
            "presale_reserved_units", "presale_converted_units", "presale_conversion_pct", "deposit_paid",
            "creator_expected_units", "creator_units", "instock_actual_units", "instock_baseline_units",
            "realised_uplift", "learned_uplift", "forecast_uplift"]
    return CampaignReview(str(campaign_id), start, end, per[cols].reset_index(drop=True), cat, daily, totals)


def _ratio_pct(num: pd.Series, den: pd.Series) -> float:
    ok = num.notna() & den.notna() & (den > 0)
    d = float(den[ok].sum())
    return 100.0 * float(num[ok].sum()) / d if d > 0 else float("nan")


def _totals(per: pd.DataFrame) -> dict:
    f, a = float(per["forecast_units"].sum()), float(per["actual_units"].sum())
    dep = per["deposit_paid"].to_numpy(bool)
    return {
        "forecast_units": f, "actual_units": a, "error_pct": 100.0 * (a - f) / f if f > 0 else float("nan"),
        "skus": int(len(per)), "stockout_sku_days": int(per["stockout_days"].sum()),
        "skus_out": int((per["stockout_days"] > 0).sum()), "lost_units": float(per["lost_units"].sum()),
        "leftover_units": float(per["leftover_units"].sum(min_count=1)),
        "leftover_cost_cny": float(per["leftover_cost_cny"].sum(min_count=1)),
        "presale_conversion_pct": _ratio_pct(per.loc[~dep, "presale_converted_units"],
                                             per.loc[~dep, "presale_reserved_units"]),
        "deposit_conversion_pct": _ratio_pct(per.loc[dep, "presale_converted_units"],
                                             per.loc[dep, "presale_reserved_units"]),
        "creator_units": float(per["creator_units"].sum(min_count=1)),
        "creator_expected_units": float(per["creator_expected_units"].sum(min_count=1)),
    }


def learned_defaults(review: CampaignReview) -> pd.DataFrame:
    """The rows a review teaches the next plan (``io.storage.LEARNED_COLUMNS``): per SKU x market the learned
    (shrunk) uplift and its realised presale (or deposit) conversion, per category x market the category's realised
    uplift and conversions, and one ``all`` row with the campaign's presale and deposit conversion (%). Rows that
    learned nothing (no in-stock day, no presale) are left out."""
    s = review.by_sku
    dep = s["deposit_paid"].to_numpy(bool)
    sku = pd.DataFrame({"level": "sku", "key": s["sku"].astype(str), "region": s["region"].astype(str),
                        "uplift": s["learned_uplift"], "baseline_units": s["instock_baseline_units"],
                        "actual_units": s["instock_actual_units"],
                        "presale_conversion_pct": s["presale_conversion_pct"].where(~dep),
                        "deposit_conversion_pct": s["presale_conversion_pct"].where(dep)})
    c = review.by_category
    cat = pd.DataFrame({"level": "category", "key": c["category"].astype(str), "region": c["region"].astype(str),
                        "uplift": c["realised_uplift"], "baseline_units": c["instock_baseline_units"],
                        "actual_units": c["instock_actual_units"],
                        "presale_conversion_pct": c["presale_conversion_pct"],
                        "deposit_conversion_pct": c["deposit_conversion_pct"]})
    t = review.totals
    every = pd.DataFrame({"level": ["all"], "key": ["*"], "region": ["*"], "uplift": [np.nan],
                          "baseline_units": [np.nan], "actual_units": [np.nan],
                          "presale_conversion_pct": [t["presale_conversion_pct"]],
                          "deposit_conversion_pct": [t["deposit_conversion_pct"]]})
    known = ["uplift", "presale_conversion_pct", "deposit_conversion_pct"]
    out = pd.concat([sku.loc[sku[known].notna().any(axis=1)], cat.loc[cat[known].notna().any(axis=1)], every],
                    ignore_index=True)
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class NextPlanDefaults:
    """What the saved reviews offer the next campaign's plan (the planner applies them; nothing changes silently).

    uplift_overrides : ``{"SKU|REGION": uplift}`` for the ``uo`` lever; ``presale_conversion_pct`` /
    ``deposit_conversion_pct`` for ``pc`` / ``dc`` (None when no review measured them); ``table``: the rows used with
    the campaign each was learned from.
    """

    uplift_overrides: dict
    presale_conversion_pct: float | None
    deposit_conversion_pct: float | None
    table: pd.DataFrame


def next_plan_defaults(saved: pd.DataFrame, campaign_id: str, regions: list[str] | tuple[str, ...]) -> NextPlanDefaults:
    """The learned defaults for the plan of ``campaign_id`` (running in ``regions``) from every saved review
    (``io.storage.load_learned_defaults``): per SKU x market the newest save from a campaign of the same kind
    (:func:`campaign_family`: last year's Black Friday teaches this year's), else the newest from any campaign; the
    campaign under plan never teaches itself. Uplifts are clipped to the ``uo`` lever's range."""
    from linkstar_analytics.plan.scenario import LEVERS

    empty = NextPlanDefaults({}, None, None, pd.DataFrame())
    if saved is None or saved.empty:
        return empty
    s = saved.loc[saved["campaign_id"].astype(str) != str(campaign_id)].copy()
    if s.empty:
        return empty
    s["same_kind"] = s["campaign_id"].astype(str).map(campaign_family) == campaign_family(campaign_id)
    s = s.sort_values(["same_kind", "save_id"], ascending=[False, False])
    best = s.drop_duplicates(["level", "key", "region"], keep="first")
    spec = LEVERS["uplift_overrides"]
    sku = best.loc[(best["level"] == "sku") & best["region"].isin(list(regions)) & best["uplift"].notna()]
    ups = {f"{k}|{r}": float(np.clip(u, spec.min_value, spec.max_value))
           for k, r, u in zip(sku["key"], sku["region"], sku["uplift"])}
    every = best.loc[best["level"] == "all"]

    def pct(col: str) -> float | None:
        v = every[col].dropna()
        return float(np.clip(v.iloc[0], 0.0, 100.0)) if len(v) else None

    table = best.loc[best["level"].isin(["sku", "category"]) & best["region"].isin(list(regions))]
    return NextPlanDefaults(dict(sorted(ups.items())), pct("presale_conversion_pct"), pct("deposit_conversion_pct"),
                            table.drop(columns=["same_kind"]).reset_index(drop=True))
