"""Timeline: the backward schedule from the inbound cutoff, per SKU and warehouse, with late flags."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from linkstar_analytics.supply import campaign_row
from linkstar_analytics.timeline import gantt_segments
from ui import shell, components, state
from ui.i18n import fmt_int, t

shell.ensure_router()

version, tables, scenario, _campaign = components.plan_page("page.timeline")
view = state.supply_view()
result, _inputs = state.plan()
ordered = components.ordered_pairs(result)
sch = view.schedule
camp = campaign_row(tables["campaigns"], state.campaign_id(tables["campaigns"]))
today = state.today()

components.plan_errors(result)
ordered_sch = sch.merge(ordered, on=["sku", "warehouse_id"], how="inner")
c3, c4 = st.columns(2)
c3.metric(t("tl.late"), fmt_int(int(ordered_sch["is_late"].sum())), t("tl.of_lines", n=fmt_int(len(ordered_sch))),
          delta_arrow="off", help=t("tl.late_help"),
          delta_color="off")
c4.metric(t("tl.rescuable"), fmt_int(int(ordered_sch["rescue_mode"].notna().sum())))

f1, f2, f3, f4 = st.columns([2, 2, 1, 1])
whs = sorted(sch["warehouse_id"].astype(str).unique())
pick_wh = f1.multiselect(t("pick.warehouse"), whs, default=whs[:1], key="tl_wh", placeholder=t("common.choose_many"))
query = f2.text_input(t("tl.search"), key="tl_q", max_chars=80)
only_late = f3.toggle(t("tl.only_late"), key="tl_late")
only_ordered = f4.toggle(t("tl.only_ordered"), value=True, key="tl_ordered", help=t("tl.only_ordered_help"))
rows = sch.loc[sch["warehouse_id"].isin(pick_wh or whs)]
if only_ordered:
    rows = rows.merge(ordered, on=["sku", "warehouse_id"], how="inner")
if query:
    names = tables["skus"].set_index("sku")["name"].astype(str)
    hit = rows["sku"].str.contains(query, case=False, regex=False) | rows["sku"].map(names).str.contains(
        query, case=False, regex=False)
    rows = rows.loc[hit.fillna(False)]
if only_late:
    rows = rows.loc[rows["is_late"]]
rows = rows.sort_values(["is_late", "slack_days"], ascending=[False, True]).head(40)

if rows.empty:
    st.info(t("tl.none"))
else:
    seg = gantt_segments(rows)
    seg["stage_label"] = seg["stage"].map(lambda s: t(f"tl.stage.{s}"))
    seg["line"] = seg["sku"] + " → " + seg["warehouse_id"] + seg["is_late"].map({True: " ⚠", False: ""})
    fig = px.timeline(seg, x_start="start", x_end="end", y="line", color="stage_label",
                      color_discrete_sequence=components.PALETTE,
                      labels={"stage_label": t("tl.stage"), "line": t("tl.axis_line")},
                      category_orders={"stage_label": [t(f"tl.stage.{s}") for s in seg["stage"].unique()]})
    fig.update_yaxes(autorange="reversed", title=t("tl.axis_line"))
    fig.update_xaxes(title=t("tl.axis_date"))
    components.vline(fig, pd.Timestamp(today), color="#d62728", dash=None)
    fig.add_annotation(x=pd.Timestamp(today), y=0, yref="paper", yanchor="top", text=t("home.today"),
                       showarrow=False, font=dict(color="#d62728"))
    cutoff = pd.Timestamp(camp["inbound_cutoff"])
    components.vline(fig, cutoff, color="#333")
    fig.add_annotation(x=cutoff, y=0, yref="paper", yanchor="top", text=t("home.cutoff"), showarrow=False)
    for market, step in sorted(scenario.duty_step.items()):  # a tariff step: lines at the port after it pay more
        components.vline(fig, pd.Timestamp(step["from"]), color="#CC79A7", dash="dot",
                         text=t("tl.duty_step", market=market, points=f"{float(step['pct_points']):+g}"))
    fig.update_layout(title=t("tl.gantt_title", campaign=str(camp["name"])))
    st.plotly_chart(components.style_fig(fig, height=max(380, 26 * rows.shape[0] + 140)), width="stretch")

st.subheader(t("tl.table"))
cur = scenario.display_currency
show = components.readable(rows)[["sku", "warehouse_id", "freight_mode", "latest_po_date", "ship_by", "arrival_port", "available_by",
             "expected_arrival", "is_late", "days_late", "rescue_mode", "rescue_extra_cost_per_unit"]]
st.dataframe(show, hide_index=True, width="stretch", column_config={
    "sku": t("col.sku"), "warehouse_id": t("col.warehouse"), "freight_mode": t("col.freight_mode"),
    "latest_po_date": st.column_config.DateColumn(t("tl.col.po"), format="YYYY-MM-DD"),
    "ship_by": st.column_config.DateColumn(t("tl.col.ship"), format="YYYY-MM-DD"),
    "arrival_port": st.column_config.DateColumn(t("tl.col.arrival"), format="YYYY-MM-DD"),
    "available_by": st.column_config.DateColumn(t("tl.col.available"), format="YYYY-MM-DD"),
    "expected_arrival": st.column_config.DateColumn(t("tl.col.if_today"), format="YYYY-MM-DD"),
    "is_late": st.column_config.CheckboxColumn(t("tl.col.late")),
    "days_late": st.column_config.NumberColumn(t("tl.col.days_late"), format="%d"),
    "rescue_mode": t("tl.col.rescue"),
    "rescue_extra_cost_per_unit": st.column_config.NumberColumn(t("tl.col.rescue_cost", cur=cur), format="%.2f"),
})
