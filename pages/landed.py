"""Landed cost: what each unit really costs where it lands, by component, warehouse and freight mode."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from linkstar_analytics.cost.landed import COMPONENTS
from ui import shell, components, state
from ui.i18n import fmt_money, fmt_pct, t
from ui.text import plain

shell.ensure_router()

version, tables, scenario, _campaign = components.plan_page("page.landed")
view = state.supply_view()
cur = scenario.display_currency
land = view.landed

if land.empty:
    st.info(t("landed.empty"))
    st.stop()

if len(view.landed_problems):
    with st.expander(t("landed.problems", n=len(view.landed_problems)), icon=":material/error:", expanded=True):
        st.dataframe(view.landed_problems, hide_index=True, width="stretch")

chosen = land.assign(_mode=land["warehouse_id"].map(state.freight_mode_of))
chosen = chosen.loc[chosen["freight_mode"] == chosen["_mode"]].drop(columns="_mode")

sku, wid = components.sku_warehouse_picker(tables["skus"], chosen, key="landed")
one = land.loc[(land["sku"] == sku) & (land["warehouse_id"] == wid)]
row = one.loc[one["freight_mode"] == state.freight_mode_of(wid)]
if row.empty or not bool(row.iloc[0]["ok"]):
    st.warning(t("landed.no_rate", sku=plain(sku), wid=plain(wid), mode=t(f"freight.{state.freight_mode_of(wid)}")))
else:
    r = row.iloc[0]
    c1, c2, c3 = st.columns(3)
    c1.metric(t("landed.total"), fmt_money(r["total_landed"], cur, compact=False, decimals=2))
    c2.metric(t("landed.price"), fmt_money(r["price"], cur, compact=False, decimals=2))
    c3.metric(t("landed.margin"), fmt_money(r["margin_per_unit"], cur, compact=False, decimals=2),
              fmt_pct(r["margin_pct"]), delta_color="normal")
    labels = [t(f"landed.c.{c}") for c in COMPONENTS] + [t("landed.total")]
    values = [float(r[c]) for c in COMPONENTS] + [float(r["total_landed"])]
    fig = go.Figure(go.Waterfall(
        x=labels, y=values, measure=["relative"] * len(COMPONENTS) + ["total"],
        text=[f"{v:,.2f}" for v in values], textposition="outside", connector={"line": {"width": 1}},
    ))
    fig.add_hline(y=float(r["price"]), line_dash="dot", annotation_text=t("landed.price_line", cur=cur))
    fig.update_layout(title=t("landed.waterfall", sku=sku, wid=wid, mode=t(f"freight.{r['freight_mode']}")),
                      yaxis_title=t("landed.axis_cost", cur=cur), xaxis_title=t("landed.axis_component"),
                      showlegend=False)
    st.plotly_chart(components.style_fig(fig, height=420), width="stretch")

st.subheader(t("landed.modes"))
modes = one.assign(mode=one["freight_mode"].map(lambda m: t(f"freight.{m}")))
if len(modes):
    fig = go.Figure()
    for comp in COMPONENTS:
        fig.add_bar(name=t(f"landed.c.{comp}"), x=modes["mode"], y=modes[comp])
    fig.update_layout(barmode="stack", title=t("landed.modes_title", sku=sku, wid=wid),
                      yaxis_title=t("landed.axis_cost", cur=cur), xaxis_title=t("landed.axis_mode"))
    st.plotly_chart(components.style_fig(fig, height=400), width="stretch")
    lead = view.schedule.loc[(view.schedule["sku"] == sku) & (view.schedule["warehouse_id"] == wid)]
    st.caption(t("landed.modes_caption"))

st.subheader(t("landed.catalogue"))
table = chosen[["sku", "warehouse_id", "region", "freight_mode", "total_landed", "price", "margin_per_unit", "margin_pct"]]
st.dataframe(
    components.readable(table.sort_values("margin_pct")), hide_index=True, width="stretch",
    column_config={
        "sku": t("col.sku"), "warehouse_id": t("col.warehouse"), "region": t("col.region"),
        "freight_mode": t("col.freight_mode"),
        "total_landed": st.column_config.NumberColumn(t("landed.col.total", cur=cur), format="%.2f"),
        "price": st.column_config.NumberColumn(t("landed.col.price", cur=cur), format="%.2f"),
        "margin_per_unit": st.column_config.NumberColumn(t("landed.col.margin", cur=cur), format="%.2f"),
        "margin_pct": st.column_config.NumberColumn(t("landed.col.margin_pct"), format="%.1f%%"),
    },
)
