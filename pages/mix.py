"""Warehouse mix: how each market's units split across warehouses; FBT and self-fulfilled pools kept apart."""

from __future__ import annotations

import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from linkstar_analytics.supply import campaign_regions, campaign_row
from ui import shell, components, state
from ui import quota as quota_view
from ui.i18n import fmt_int, fmt_money, fmt_pct, t

shell.ensure_router()

version, tables, scenario, _campaign = components.plan_page("page.mix")
result, inputs = state.plan()
cur = result.currency
camp_regions = set(campaign_regions(campaign_row(tables["campaigns"], state.campaign_id(tables["campaigns"]))))
bw = result.by_warehouse.loc[result.by_warehouse["region"].isin(camp_regions)]
lines = result.lines

# ------------------------------------------------------------------ mix editor (the warehouse-mix lever)
st.subheader(t("mix.editor"))
st.caption(t("mix.editor_help"))
current = components.effective_mix(bw, scenario.warehouse_mix, tables["warehouses"])
cols = st.columns(max(1, len(current)))
for col, (region, shares) in zip(cols, current.items()):
    with col:
        components.mix_editor(region, shares, custom=region in scenario.warehouse_mix)
quota_view.sku_mix_section(scenario)

# ------------------------------------------------------------------ headline
m = st.columns(5)
pool = bw.assign(pool=bw["fulfilment_mode"].map(lambda f: "FBT" if f == "FBT" else "SELF_3PL"))
fbt_units = float(pool.loc[pool["pool"] == "FBT", "units"].sum())
self_units = float(pool.loc[pool["pool"] != "FBT", "units"].sum())
m[0].metric(t("mix.fbt_pool"), fmt_int(fbt_units), help=t("mix.pool_help"))
m[1].metric(t("mix.self_pool"), fmt_int(self_units), help=t("mix.pool_help"))
m[2].metric(t("mix.transfer"), fmt_money(result.totals.get("transfer_cost", 0.0), cur))
m[3].metric(t("mix.concentrated"), fmt_int(result.totals.get("concentrated_lines", 0)), help=t("mix.concentrated_help"))
stranded = float(bw["stranded_units"].sum())
m[4].metric(t("mix.stranded"), fmt_int(stranded), help=t("mix.stranded_help"))
if stranded >= 1:
    st.caption(t("mix.stranded_caption", units=fmt_int(stranded), cost=fmt_money(float(bw["stranded_cost"].sum()), cur)))

# ------------------------------------------------------------------ allocation per warehouse
alloc = bw.melt(id_vars=["warehouse_id", "region", "fulfilment_mode"],
                value_vars=["on_hand_units", "in_transit_covered_units", "in_transit_in_window_units", "units"],
                var_name="kind", value_name="n")
alloc["kind"] = alloc["kind"].map({"on_hand_units": t("mix.on_hand"), "in_transit_covered_units": t("mix.in_transit"),
                                   "in_transit_in_window_units": t("mix.in_transit_window"),
                                   "units": t("mix.to_ship")})
alloc["label"] = alloc["warehouse_id"] + " · " + alloc["fulfilment_mode"].map(lambda f: t(f"mode.{f}"))
fig = px.bar(alloc, x="label", y="n", color="kind", title=t("mix.alloc_title"),
             color_discrete_sequence=components.PALETTE,
             labels={"label": t("col.warehouse"), "n": t("wi.sens.axis_units"), "kind": ""})
st.plotly_chart(components.style_fig(fig, height=400), width="stretch")

# ------------------------------------------------------------------ demand vs stock by region
reg = bw.groupby("region", as_index=False)[["demand_mean", "on_hand_units", "in_transit_covered_units",
                                            "in_transit_in_window_units", "units"]].sum()
reg["position"] = reg["on_hand_units"] + reg["in_transit_covered_units"] + reg["in_transit_in_window_units"] + reg["units"]
byreg = result.by_sku.groupby("region", as_index=False)["demand_p90"].sum()
reg = reg.merge(byreg, on="region", how="left")
fig = go.Figure()
fig.add_bar(x=reg["region"], y=reg["demand_mean"], name=t("mix.demand_mean"))
fig.add_bar(x=reg["region"], y=reg["demand_p90"], name=t("mix.demand_p90"))
fig.add_bar(x=reg["region"], y=reg["position"], name=t("mix.position"))
fig.update_layout(barmode="group", title=t("mix.region_title"), xaxis_title=t("col.region"),
                  yaxis_title=t("wi.sens.axis_units"))
st.plotly_chart(components.style_fig(fig, height=380), width="stretch")

# ------------------------------------------------------------------ per warehouse table + warnings
st.dataframe(
    components.readable(bw)[["warehouse_id", "region", "fulfilment_mode", "freight_mode", "skus", "units", "demand_mean", "stockout_prob",
        "fill_rate", "expected_leftover_units", "stranded_units", "total_landed_cost"]],
    hide_index=True, placeholder="—", width="stretch",
    column_config={
        "warehouse_id": t("col.warehouse"), "region": t("col.region"), "fulfilment_mode": t("col.mode"),
        "freight_mode": t("col.freight_mode"), "skus": st.column_config.NumberColumn(t("mix.col.skus"), format="%d"),
        "units": st.column_config.NumberColumn(t("mix.to_ship"), format="%.0f"),
        "demand_mean": st.column_config.NumberColumn(t("mix.demand_mean"), format="%.0f"),
        "stockout_prob": st.column_config.NumberColumn(t("mix.col.stockout"), format="percent"),
        "fill_rate": st.column_config.NumberColumn(t("mix.col.fill"), format="percent"),
        "expected_leftover_units": st.column_config.NumberColumn(t("wi.col.leftover"), format="%.0f"),
        "stranded_units": st.column_config.NumberColumn(t("mix.col.stranded"), format="%.0f", help=t("mix.stranded_help")),
        "total_landed_cost": st.column_config.NumberColumn(t("wi.col.landed_total", cur=cur), format="%.0f"),
    },
)
conc = lines.loc[lines["flags"].fillna("").str.contains("concentrated")]
st.subheader(t("mix.redundancy"))
if conc.empty:
    st.success(t("mix.no_redundancy", limit=fmt_pct(scenario.redundancy_limit_pct, 0), n=scenario.key_sku_count))
else:
    st.warning(t("mix.redundancy_warn", n=len(conc), limit=fmt_pct(scenario.redundancy_limit_pct, 0)))
    st.dataframe(conc[["sku", "name", "region", "warehouse_id", "share_pct", "qty_after_rounding"]], hide_index=True, placeholder="—",
                 width="stretch", column_config={
                     "sku": t("col.sku"), "name": t("col.name"), "region": t("col.region"),
                     "warehouse_id": t("col.warehouse"),
                     "share_pct": st.column_config.NumberColumn(t("mix.col.share"), format="%.0f%%"),
                     "qty_after_rounding": st.column_config.NumberColumn(t("wi.col.qty"), format="%.0f")})

# ------------------------------------------------------------------ platform quota and recommendation
quota_view.section(result, inputs, tables, result.scenario)
