"""The net cash position of a plan: the weekly chart, its trough, the cash ceiling's trims, and the trough's curve as
a lever moves (What-if). Reads the plan result only; every money figure carries its currency."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui.components import PALETTE, hline, style_fig, vline
from ui.i18n import t

def net_position_chart(net: pd.DataFrame, currency: str, trough: float | None = None,
                       trough_week: pd.Timestamp | None = None) -> go.Figure:
    """Paid out (down) and received (up) per week as bars, the running net position as a line, the trough marked."""
    fig = go.Figure()
    fig.add_bar(x=net["week_start"], y=-net["paid_out"], name=t("cash.paid_out"), marker_color=PALETTE[3])
    fig.add_bar(x=net["week_start"], y=net["received"], name=t("cash.received"), marker_color=PALETTE[2])
    fig.add_scatter(x=net["week_start"], y=net["position"], mode="lines+markers", name=t("cash.position"),
                    line=dict(color=PALETTE[0], width=3))
    hline(fig, 0, width=1)
    if trough is not None and trough < 0 and trough_week is not None:
        hline(fig, trough, dash="dot", color=PALETTE[7],
              text=t("cash.trough_line", value=f"{trough:,.0f}", cur=currency))
    fig.update_layout(barmode="relative", title=t("cash.title"), xaxis_title=t("cash.axis_week"),
                      yaxis_title=t("cash.axis_money", cur=currency))
    return style_fig(fig, height=400, legend_below=True)


def trough_sensitivity_chart(sens: pd.DataFrame, lever_label: str, currency: str, current: float) -> go.Figure:
    """The net cash trough (and the peak of capital tied up) as one lever moves."""
    fig = go.Figure()
    fig.add_scatter(x=sens["value"], y=sens["cash_trough"], mode="lines+markers", name=t("cash.trough"),
                    line=dict(width=3))
    fig.add_scatter(x=sens["value"], y=-sens["peak_cash"], mode="lines", name=t("cash.sens_peak"),
                    line=dict(dash="dot"))
    vline(fig, current)
    fig.update_layout(title=t("cash.sens_title", lever=lever_label), xaxis_title=lever_label,
                      yaxis_title=t("cash.axis_money", cur=currency))
    return style_fig(fig, height=460, legend_below=True)


def net_cash_section(result) -> None:
    """Subheader, the trough and totals, the weekly chart, and the ceiling's trims (What-if)."""
    from ui.i18n import fmt_compact, fmt_date, fmt_int

    tot, cur, sc = result.totals, result.currency, result.scenario
    net = result.net_cash_by_week
    st.subheader(t("cash.section"))
    cols = st.columns(4)
    trough = float(tot.get("cash_trough", 0.0))
    week = tot.get("cash_trough_week")
    cols[0].metric(t("cash.trough_label", cur=cur), fmt_compact(trough),
                   t("wi.peak_week", week=fmt_date(week)) if week is not None else t("cash.never_negative"),
                   delta_color="off", delta_arrow="off", help=t("cash.trough_help"))
    paid = float(net["paid_out"].sum()) if len(net) else 0.0
    got = float(net["received"].sum()) if len(net) else 0.0
    cols[1].metric(t("cash.paid_label", cur=cur), fmt_compact(paid))
    cols[2].metric(t("cash.received_label", cur=cur), fmt_compact(got), help=t("cash.received_help"))
    ceiling = sc.cash_ceiling_cny
    cols[3].metric(t("cash.trimmed_label"), fmt_int(tot.get("ceiling_trimmed_units", 0.0)),
                   t("cash.ceiling_value", value=f"{ceiling:,}") if ceiling is not None else t("cash.no_ceiling"),
                   delta_color="off", delta_arrow="off", help=t("cash.trimmed_help"))
    if len(net):
        st.plotly_chart(net_position_chart(net, cur, trough, week), width="stretch")
    st.caption(t("cash.terms", deposit=f"{sc.deposit_pct:g}", balance=f"{100 - sc.deposit_pct:g}",
                 days=sc.settlement_days))
    lines = result.lines
    if "ceiling_trimmed_units" in lines and (lines["ceiling_trimmed_units"] > 0).any():
        cut = lines.loc[lines["ceiling_trimmed_units"] > 0,
                        ["sku", "warehouse_id", "ceiling_trimmed_units", "qty_after_rounding", "unit_margin"]]
        st.dataframe(cut.rename(columns={"sku": t("col.sku"), "warehouse_id": t("col.warehouse"),
                                         "ceiling_trimmed_units": t("cash.col.trimmed"),
                                         "qty_after_rounding": t("cash.col.left"),
                                         "unit_margin": t("cash.col.margin", cur=cur)}),
                     hide_index=True, width="stretch")
