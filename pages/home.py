"""Overview: what to do next for the campaign, its headline and urgent alerts, then the dataset at a glance and the
campaign calendar."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from linkstar_analytics.calendar import countdown, upcoming_campaigns
from linkstar_analytics.summary import dataset_summary
from ui import shell, cache, components, state
from ui.i18n import fmt_date_short, fmt_days, fmt_int, t

shell.ensure_router()

st.title(t("app.title"))
st.caption(t("app.tagline"))

version = state.active_version()
if version is None:
    st.info(t("app.no_dataset"))
    st.stop()

tables = cache.load_tables(version)
today = state.today()
summary = dataset_summary(tables, today)

components.campaign_picker(tables["campaigns"])
components.overview_plan(tables["campaigns"])

st.subheader(t("home.summary"))
c1, c2, c3, c4 = st.columns(4)
c1.metric(t("home.skus"), fmt_int(summary.n_skus), t("home.categories", n=summary.n_categories), delta_color="off", delta_arrow="off")
c2.metric(
    t("home.history"),
    fmt_days(summary.history_days),
    t("home.history_span", start=fmt_date_short(summary.history_start), end=fmt_date_short(summary.history_end)),
    delta_color="off", delta_arrow="off",
)
c3.metric(t("home.warehouses"), fmt_int(summary.n_warehouses), t("home.regions", regions=", ".join(summary.regions)), delta_color="off", delta_arrow="off")
c4.metric(t("home.units_28d"), fmt_int(summary.total_units_last_28_days))

left, right = st.columns(2)
with left:
    cats = pd.DataFrame(
        {"category": [t(f"cat.{k}") for k in summary.skus_by_category], "skus": list(summary.skus_by_category.values())}
    )
    fig = go.Figure(go.Bar(x=cats["category"], y=cats["skus"], marker_color=components.PALETTE[0],
                           hovertemplate="%{x}: %{y}<extra></extra>"))
    fig.update_layout(title=t("home.categories_chart"), xaxis_title=t("axis.category"), yaxis_title=t("axis.skus"))
    st.plotly_chart(components.style_fig(fig), width="stretch")
with right:
    modes = pd.DataFrame(
        {"mode": [t(f"mode.{k}") for k in summary.warehouses_by_mode], "n": list(summary.warehouses_by_mode.values())}
    )
    fig = go.Figure(go.Bar(x=modes["n"], y=modes["mode"], orientation="h", marker_color=components.PALETTE[0],
                           hovertemplate="%{y}: %{x}<extra></extra>"))
    fig.update_layout(title=t("home.mode_chart"), xaxis_title=t("axis.warehouses"), yaxis_title=t("axis.mode"),
                      xaxis_dtick=1)
    st.plotly_chart(components.style_fig(fig), width="stretch")

m1, m2 = st.columns(2)
m1.metric(t("home.intermittent"), fmt_int(summary.n_intermittent_skus))
m2.metric(t("home.new_skus"), fmt_int(summary.n_new_skus))

st.subheader(t("home.upcoming"))
upcoming = upcoming_campaigns(tables["campaigns"], today)
if len(upcoming):
    rows = [countdown(r, today) for _, r in upcoming.iterrows()]
    table = pd.DataFrame(
        {
            t("col.campaign"): [r.name for r in rows],
            t("col.regions"): [r.regions.replace(";", ", ") for r in rows],
            t("col.start"): [r.start_date for r in rows],
            t("col.end"): [r.end_date for r in rows],
            t("col.deadline"): [r.declaration_deadline for r in rows],
            t("col.cutoff"): [r.inbound_cutoff for r in rows],
            t("col.days_to_deadline"): [r.days_to_deadline for r in rows],
        }
    )
    st.dataframe(table, hide_index=True, placeholder="—", width="stretch", column_config=components.date_columns(table))
