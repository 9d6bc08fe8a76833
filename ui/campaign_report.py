"""Campaign report: the post-campaign review computed once per (dataset version, forecast, campaign), its charts,
tables and the learned defaults offered to the next plan (``linkstar_analytics.campaign_review``)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from linkstar_analytics import campaign_review as cr
from linkstar_analytics.io import storage
from ui import cache, components, state
from ui.i18n import fmt_int, fmt_money, fmt_pct, t
from ui.text import plain

#: The newest dataset versions looked at for the forecast the plan was made on (their sales end is cached).
VERSIONS_LOOKED_AT = 8


@st.cache_resource(show_spinner=False, max_entries=64)
def _history_end(path: str, version: int) -> pd.Timestamp:
    """Last sales day of a dataset version (versions never change)."""
    tables = storage.load_dataset(cache.get_connection(path).cursor(), version)
    return pd.Timestamp(pd.to_datetime(tables["sales"]["date"]).max()).normalize()


def forecast_version(active: int, campaign_start: pd.Timestamp) -> int:
    """The dataset version whose forecast the campaign is compared with (``campaign_review.forecast_version_for``)."""
    versions = [v for v in storage.dataset_versions(cache.cursor()) if v <= active][-VERSIONS_LOOKED_AT:]
    ends = {v: _history_end(cache.db_path(), v) for v in versions}
    return cr.forecast_version_for(ends, campaign_start, active)


def review(version: int, fc_version: int, campaign_id: str, fc, fx_items: tuple) -> cr.CampaignReview:
    """The review of ``campaign_id`` (actuals of ``version``, forecast ``fc`` of ``fc_version``), computed once."""
    return _review(cache.db_path(), version, fc_version, campaign_id, fc.settings_key, fx_items, fc)


@st.cache_resource(show_spinner=False, max_entries=16)
def _review(path: str, version: int, fc_version: int, campaign_id: str, settings_key: str, fx_items: tuple, _fc):
    tables = cache.load_tables(version)
    return cr.review_campaign(tables, _fc.forecasts, campaign_id, effects=_fc.campaign_effects, uplift=_fc.uplift,
                              fx_cny_per_unit=dict(fx_items))


def headline(rv: cr.CampaignReview) -> None:
    """Two rows of figures with their units."""
    tt = rv.totals
    a = st.columns(4)
    a[0].metric(t("cr.forecast_units"), fmt_int(tt["forecast_units"]), help=t("cr.forecast_units_help"))
    a[1].metric(t("cr.actual_units"), fmt_int(tt["actual_units"]),
                t("cr.vs_forecast", v=fmt_pct(tt["error_pct"])), delta_color="off")
    a[2].metric(t("cr.stockout_days"), fmt_int(tt["stockout_sku_days"]),
                t("cr.skus_out", n=fmt_int(tt["skus_out"])), delta_color="off", help=t("cr.stockout_help"))
    a[3].metric(t("cr.lost_units"), fmt_int(tt["lost_units"]), help=t("cr.lost_help"))
    b = st.columns(4)
    b[0].metric(t("cr.leftover_units"), fmt_int(tt["leftover_units"]), help=t("cr.leftover_help"))
    b[1].metric(t("cr.leftover_cost"), fmt_money(tt["leftover_cost_cny"], "CNY", compact=False, decimals=0),
                help=t("cr.leftover_cost_help"))
    b[2].metric(t("cr.presale_conv"), fmt_pct(tt["presale_conversion_pct"]),
                t("cr.deposit_conv", v=fmt_pct(tt["deposit_conversion_pct"])), delta_color="off",
                help=t("cr.presale_help"))
    b[3].metric(t("cr.creator_units"), fmt_int(tt["creator_units"]),
                t("cr.creator_expected", v=fmt_int(tt["creator_expected_units"])), delta_color="off")


def daily_chart(rv: cr.CampaignReview) -> go.Figure:
    """Units per campaign day: forecast, actual and the estimated lost units."""
    d = rv.daily.groupby("date", as_index=False)[["forecast_units", "actual_units", "lost_units"]].sum()
    fig = go.Figure()
    fig.add_bar(x=d["date"], y=d["actual_units"], name=t("cr.series.actual"), marker_color="#0072B2")
    fig.add_bar(x=d["date"], y=d["lost_units"], name=t("cr.series.lost"), marker_color="#D55E00")
    fig.add_scatter(x=d["date"], y=d["forecast_units"], mode="lines+markers", name=t("cr.series.forecast"),
                    line=dict(color="#333", dash="dash"))
    fig.update_layout(barmode="stack", title=t("cr.daily_title"), xaxis_title=t("tl.axis_date"),
                      yaxis_title=t("fc.axis_units"))
    return components.style_fig(fig, height=380)


def category_chart(rv: cr.CampaignReview) -> go.Figure:
    """Forecast and actual units per category x market."""
    c = rv.by_category
    labels = [f"{_category(k)} · {r}" for k, r in zip(c["category"], c["region"])]
    fig = go.Figure()
    fig.add_bar(x=labels, y=c["forecast_units"], name=t("cr.series.forecast"), marker_color="#999999")
    fig.add_bar(x=labels, y=c["actual_units"], name=t("cr.series.actual"), marker_color="#0072B2")
    fig.update_layout(barmode="group", title=t("cr.category_title"), xaxis_title=t("cr.axis_category"),
                      yaxis_title=t("cr.axis_units_total"))
    return components.style_fig(fig, height=380)


def _category(name: str) -> str:
    """A category's name in the reader's language (the data's own word when the catalogue has none)."""
    from ui.i18n import CATALOGUE

    key = f"cat.{name}"
    return t(key) if key in CATALOGUE else str(name)


def sku_table(rv: cr.CampaignReview) -> None:
    cols = ["sku", "region", "category", "forecast_units", "actual_units", "error_pct", "stockout_days", "lost_units",
            "leftover_units", "leftover_cost_cny", "presale_conversion_pct", "creator_units", "forecast_uplift",
            "realised_uplift", "learned_uplift"]
    num = st.column_config.NumberColumn
    st.dataframe(rv.by_sku[cols], hide_index=True, width="stretch", column_config={
        "sku": "SKU", "region": t("col.region"), "category": t("col.category"),
        "forecast_units": num(t("cr.col.forecast"), format="%.0f"), "actual_units": num(t("cr.col.actual"), format="%.0f"),
        "error_pct": num(t("cr.col.error"), format="%.1f%%"), "stockout_days": num(t("cr.col.stockout_days"), format="%d"),
        "lost_units": num(t("cr.col.lost"), format="%.0f"), "leftover_units": num(t("cr.col.leftover"), format="%.0f"),
        "leftover_cost_cny": num(t("cr.col.leftover_cost"), format="%.2f"),
        "presale_conversion_pct": num(t("cr.col.presale_conv"), format="%.1f%%"),
        "creator_units": num(t("cr.col.creator"), format="%.0f"),
        "forecast_uplift": num(t("cr.col.forecast_uplift"), format="%.2f×"),
        "realised_uplift": num(t("cr.col.realised_uplift"), format="%.2f×"),
        "learned_uplift": num(t("cr.col.learned_uplift"), format="%.2f×")})


def save_learned(rv: cr.CampaignReview, version: int, author: str) -> int:
    """Store what the review learned (a new save; nothing earlier is overwritten)."""
    return storage.save_learned_defaults(cache.cursor(), cr.learned_defaults(rv), campaign_id=rv.campaign_id,
                                         author=author, dataset_version=version)


def learned_saved() -> pd.DataFrame:
    return storage.load_learned_defaults(cache.cursor())


def next_plan_block(campaigns: pd.DataFrame) -> None:
    """The learned defaults for the plan's campaign, with buttons that put them in the plan (``uo``, ``pc``, ``dc``)."""
    scenario = state.get_scenario()
    cid = state.campaign_id(campaigns)
    row = campaigns.loc[campaigns["campaign_id"].astype(str) == cid]
    if row.empty:
        return
    regions = str(row["regions"].iloc[0]).split(";")
    nxt = cr.next_plan_defaults(learned_saved(), cid, regions)
    st.subheader(t("cr.next_title", campaign=plain(row["name"].iloc[0])))
    if not nxt.uplift_overrides and nxt.presale_conversion_pct is None:
        st.info(t("cr.next_none"))
        return
    st.caption(t("cr.next_caption"))
    tab = nxt.table.loc[nxt.table["level"] == "sku"]
    in_plan = [scenario.uplift_overrides.get(f"{k}|{r}") for k, r in zip(tab["key"], tab["region"])]
    shown = pd.DataFrame({"sku": tab["key"], "region": tab["region"], "learned": tab["uplift"],
                          "from": tab["campaign_id"], "in_plan": in_plan})
    num = st.column_config.NumberColumn
    st.dataframe(shown, hide_index=True, width="stretch", column_config={
        "sku": "SKU", "region": t("col.region"), "learned": num(t("cr.col.learned_uplift"), format="%.2f×"),
        "from": t("cr.col.learned_from"), "in_plan": num(t("cr.col.in_plan"), format="%.2f×")})
    c1, c2 = st.columns(2)
    if c1.button(t("cr.use_uplift", n=fmt_int(len(nxt.uplift_overrides))), key="cr_use_uplift",
                 disabled=not nxt.uplift_overrides, type="primary", width="stretch"):
        state.update_scenario(uplift_overrides={**nxt.uplift_overrides, **dict(scenario.uplift_overrides)})
        st.rerun()
    pc, dc = nxt.presale_conversion_pct, nxt.deposit_conversion_pct
    label = t("cr.use_conversion", pc=fmt_pct(pc), dc=fmt_pct(dc))
    if c2.button(label, key="cr_use_conversion", disabled=pc is None and dc is None, width="stretch"):
        changes = {k: round(v, 1) for k, v in (("presale_conversion_pct", pc), ("deposit_conversion_pct", dc))
                   if v is not None}
        state.update_scenario(**changes)
        st.rerun()
    st.caption(t("cr.in_plan_caption", pc=fmt_pct(scenario.presale_conversion_pct),
                 dc=fmt_pct(scenario.deposit_conversion_pct)))


def learned_note(sku: str, region: str, campaigns: pd.DataFrame, campaign_id: str) -> None:
    """Under the Forecast page's uplift editor: the uplift the saved reviews learned for this series, if any, and
    whether the plan uses it (the planner applies it on the Campaign report page or types it here)."""
    row = campaigns.loc[campaigns["campaign_id"].astype(str) == str(campaign_id)]
    if row.empty:
        return
    nxt = cr.next_plan_defaults(learned_saved(), campaign_id, str(row["regions"].iloc[0]).split(";"))
    key = f"{sku}|{region}"
    if key not in nxt.uplift_overrides:
        return
    tab = nxt.table
    src = tab.loc[(tab["level"] == "sku") & (tab["key"] == sku) & (tab["region"] == region), "campaign_id"]
    current = state.get_scenario().uplift_overrides.get(key)
    learned = nxt.uplift_overrides[key]
    used = current is not None and abs(current - learned) < 0.005
    st.caption(t("cr.learned_note_used" if used else "cr.learned_note", v=f"{learned:.2f}",
                 campaign=plain(src.iloc[0] if len(src) else "—")))
