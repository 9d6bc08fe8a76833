"""Landed cost: what each unit really costs where it lands, by component, warehouse and freight mode."""

from __future__ import annotations

import streamlit as st

from ui import shell, charts, components, state, stress
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

note = stress.shocks_note(scenario)
if note:
    st.info(plain(note), icon=":material/bolt:")

if len(view.landed_problems):
    with st.expander(t("landed.problems", n=len(view.landed_problems)), icon=":material/error:", expanded=True):
        st.dataframe(view.landed_problems, hide_index=True, placeholder="—", width="stretch")

chosen = land.assign(_mode=land["warehouse_id"].map(state.freight_mode_of))
chosen = chosen.loc[chosen["freight_mode"] == chosen["_mode"]].drop(columns="_mode")

sku, wid = components.sku_warehouse_picker(tables["skus"], chosen, key="landed")
one = land.loc[(land["sku"] == sku) & (land["warehouse_id"] == wid)]
row = one.loc[one["freight_mode"] == state.freight_mode_of(wid)]
if row.empty or not bool(row.iloc[0]["ok"]):
    st.warning(t("landed.no_rate", sku=plain(sku), wid=plain(wid), mode=t(f"freight.{state.freight_mode_of(wid)}")))
else:
    r = row.iloc[0]
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("landed.total"), fmt_money(r["total_landed"], cur, compact=False, decimals=2))
    c2.metric(t("landed.price"), fmt_money(r["price"], cur, compact=False, decimals=2))
    c3.metric(t("landed.margin"), fmt_money(r["margin_per_unit"], cur, compact=False, decimals=2))
    c4.metric(t("landed.margin_pct"), fmt_pct(r["margin_pct"]), help=t("landed.margin_pct_help"))  # a level
    st.plotly_chart(charts.landed_waterfall(r, cur, title=t("landed.waterfall", sku=sku, wid=wid,
                                                                mode=t(f"freight.{r['freight_mode']}"))),
                    width="stretch")

st.subheader(t("landed.modes"))
if len(one):
    st.plotly_chart(charts.landed_by_mode(one, cur, title=t("landed.modes_title", sku=sku, wid=wid)), width="stretch")
    st.caption(t("landed.modes_caption"))

st.subheader(t("landed.catalogue"))
table = chosen[["sku", "warehouse_id", "region", "freight_mode", "total_landed", "price", "margin_per_unit", "margin_pct"]]
st.dataframe(
    components.readable(table.sort_values("margin_pct")), hide_index=True, placeholder="—", width="stretch",
    column_config={
        "sku": t("col.sku"), "warehouse_id": t("col.warehouse"), "region": t("col.region"),
        "freight_mode": t("col.freight_mode"),
        "total_landed": st.column_config.NumberColumn(t("landed.col.total", cur=cur), format="%.2f"),
        "price": st.column_config.NumberColumn(t("landed.col.price", cur=cur), format="%.2f"),
        "margin_per_unit": st.column_config.NumberColumn(t("landed.col.margin", cur=cur), format="%.2f"),
        "margin_pct": st.column_config.NumberColumn(t("landed.col.margin_pct"), format="%.1f%%"),
    },
)
