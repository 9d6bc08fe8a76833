"""Alerts: deadlines, late purchase orders, late shipments and blocking readiness items."""

from __future__ import annotations

import streamlit as st

from linkstar_analytics.review import blocking_items
from ui import shell, components, price_view, state
from ui.i18n import fmt_int, t

shell.ensure_router()

version, tables, scenario, campaign = components.plan_page("page.alerts")
view = state.supply_view()
result, _inputs = state.plan()
al = components.plan_alerts(view, result)

sev_order = ["critical", "high", "medium", "info"]
cols = st.columns(len(sev_order))
for col, sev in zip(cols, sev_order):
    col.metric(t(f"alert.sev.{sev}"), fmt_int(int((al["severity"] == sev).sum())))

kinds = sorted(al["kind"].unique())
f1, f2 = st.columns([3, 2])
pick = f1.multiselect(t("alert.kinds"), kinds, default=kinds, key="al_kinds", placeholder=t("common.choose_many"),
                      format_func=components.frozen_labels(kinds, lambda k: t(f"alert.kind.{k}")))
sev_pick = f2.multiselect(t("alert.severity"), sev_order, default=sev_order, placeholder=t("common.choose_many"),
                          format_func=components.frozen_labels(sev_order, lambda s: t(f"alert.sev.{s}")), key="al_sev")
shown = al.loc[al["kind"].isin(pick) & al["severity"].isin(sev_pick)]
components.alerts_table(shown)

# the same blocking items as the Review page: those of the lines the plan orders (one count everywhere)
blocking = blocking_items(view.readiness, result.lines)
st.subheader(t("rv.blocking", n=fmt_int(len(blocking))))
st.caption(t("alert.readiness_caption", n=fmt_int(blocking["sku"].nunique()), items=fmt_int(len(blocking))))
components.blocking_table(blocking)

price_view.campaign_price_section(tables, campaign, scenario)
