"""What-if: move the levers, watch quantities, risk, cost and cash follow at once."""

from __future__ import annotations

import streamlit as st

from linkstar_analytics.plan.engine import sensitivity
from linkstar_analytics.supply import idle_levers
from ui import shell, cash_view, charts, components, exports, state, stress
from ui import season as season_ui
from ui.i18n import t
from ui.text import plain

shell.ensure_router()

version, tables, scenario, campaign = components.plan_page("page.whatif")
result, inputs = state.plan()
cur = result.currency

components.plan_errors(result)
components.plan_totals(result)
for notice in result.notices[:5]:
    st.caption(f"ⓘ {plain(notice)}")

left, right = st.columns(2)
with left:
    st.plotly_chart(charts.risk_scatter(result.by_sku, result.lines, cur), width="stretch")
with right:
    lever = scenario.focus_lever
    sens = sensitivity(inputs, scenario, lever, tuple(charts.SWEEPS[lever]))
    label = t(f"lever.{lever}")
    # one view of the sweep at a time: only the chart on screen is built on a rerun
    views = {"money": t("wi.sens.tab_money"), "units": t("wi.sens.tab_units"), "cash": t("wi.sens.tab_cash")}
    first = "cash" if lever in ("deposit_pct", "settlement_days") else "money"  # a cash term's effect is on cash
    view = st.segmented_control(t("wi.sens.view"), list(views), default=first, key=f"wi_sens_view_{lever}",
                                format_func=components.frozen_labels(list(views), views.get),
                                label_visibility="collapsed") or first
    now = float(getattr(scenario, lever))
    if view == "units":
        fig = charts.sensitivity_units_chart(sens, label, now)
    elif view == "cash":
        fig = cash_view.trough_sensitivity_chart(sens, label, cur, now)
    else:
        fig = charts.sensitivity_chart(sens, label, cur, now)
    st.plotly_chart(fig, width="stretch")
    st.caption(t("wi.sens.caption", lever=label))
    reason = idle_levers(tables, campaign).get(lever)
    if reason:
        st.caption(t(f"lever.idle.{reason}"))

st.subheader(t("wi.table"))
components.plan_lines_table(result, tables["skus"], key="wi")

# the season: back-to-back campaigns, the second wave, reorder points
season_ui.season_section(inputs, scenario, tables["campaigns"])

st.plotly_chart(charts.cash_chart(result.cash_by_week, cur), width="stretch")
cash_view.net_cash_section(result)
stress.stress_section(inputs, result.scenario, tables, campaign, plan=result)
st.subheader(t("wi.files"))
exports.plan_files(result, state.supply_view(), tables, key="wi")
