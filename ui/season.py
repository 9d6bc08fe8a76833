"""The season block of the What-if page: expected stock per day through the season's campaigns, the second-wave
lever and its proposal, the reorder points. Drawing only: the math is ``linkstar_analytics.plan.season``."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from linkstar_analytics.plan.season import SeasonResult, season_plan
from ui.components import PALETTE, frozen_labels, hline, style_fig, vline, xband
from ui.i18n import fmt_int, fmt_money, t
from ui.text import plain

#: The SKU picker's value for all lines together.
TOTAL = "__total__"
_LEVER_KEY = "lv_second_wave"


def _on_wave() -> None:
    from ui import state

    state.update_scenario(second_wave=str(st.session_state[_LEVER_KEY]))


def wave_lever(scenario) -> None:
    """The second-wave lever (``sw`` in the link): off, or the mode of the top-up."""
    from linkstar_analytics.plan.scenario import SECOND_WAVE_MODES

    if _LEVER_KEY in st.session_state and st.session_state[_LEVER_KEY] != scenario.second_wave:
        del st.session_state[_LEVER_KEY]  # the scenario changed elsewhere (a link, a saved scenario): follow it
    opts = list(SECOND_WAVE_MODES)
    st.selectbox(t("lever.second_wave"), opts, index=opts.index(scenario.second_wave), key=_LEVER_KEY,
                 on_change=_on_wave, format_func=frozen_labels(opts, lambda m: t(f"sw.{m}")),
                 help=t("lever.second_wave.help"))


def line_labels(season: SeasonResult) -> dict[str, str]:
    """Picker options: the total, then each line with season demand (most demand first)."""
    ln = season.lines.assign(i=np.arange(len(season.lines)))
    ln = ln[ln["season_demand_units"] > 0].sort_values("season_demand_units", ascending=False)
    out = {TOTAL: t("season.total")}
    for r in ln.itertuples(index=False):
        out[str(r.i)] = f"{r.sku} · {r.warehouse_id}"
    return out


def season_chart(season: SeasonResult, choice: str) -> go.Figure:
    """Expected stock at each day's end (units) for one line or all lines, expected demand per day as bars, the
    season's campaigns shaded and named, and for one line its reorder point for the wave's mode."""
    if choice == TOTAL:
        stock, demand = season.stock.sum(axis=0), season.demand.sum(axis=0)
    else:
        i = int(choice)
        stock, demand = season.stock[i], season.demand[i]
    x = season.dates
    fig = go.Figure()
    fig.add_bar(x=x, y=demand, name=t("season.demand"), marker_color=PALETTE[1], opacity=0.5)
    fig.add_scatter(x=x, y=stock, mode="lines", name=t("season.stock"), line=dict(color=PALETTE[0], width=3))
    for r in season.campaigns.itertuples(index=False):
        xband(fig, r.start_date - pd.Timedelta(hours=12), r.end_date + pd.Timedelta(hours=12), color=PALETTE[3],
              opacity=0.15, text=html.escape(str(r.name)))
    e1 = x[min(season.plan_end_day, len(x) - 1)]
    vline(fig, e1, color=PALETTE[6], width=1)
    if choice != TOTAL:
        rop = float(season.reorder[f"reorder_point_{season.wave_mode}"].iloc[int(choice)])
        if np.isfinite(rop):
            hline(fig, rop, dash="dot", color=PALETTE[7],
                  text=t("season.rop_line", mode=t(f"freight.{season.wave_mode}"),
                                            units=fmt_int(rop)))
    fig.update_layout(title=t("season.chart_title"), xaxis_title=t("season.axis_day"),
                      yaxis_title=t("season.axis_units"), bargap=0.1)
    return style_fig(fig, height=420)


def wave_table(season: SeasonResult) -> None:
    """Up front versus the second wave, per line that has later demand: the proposed ones first."""
    w = season.waves
    w = w[(w["upfront_units"] > 0)].sort_values(["proposed", "saving"], ascending=False, na_position="last")
    if w.empty:
        st.caption(t("season.no_later"))
        return
    cur = season.currency
    shown = w.assign(
        upfront_mode=w["upfront_mode"].map(lambda m: t(f"freight.{m}")),
        wave_mode=w["wave_mode"].map(lambda m: t(f"freight.{m}")),
        upfront_on_time=np.where(w["upfront_on_time"], t("season.yes"), t("season.no")),
        proposed=np.where(w["proposed"], t("season.yes"),
                          np.where(w["wave_on_time"], t("season.no"), t("season.too_late"))),
    )
    if not w["wave_on_time"].any():
        st.caption(t("season.all_late", mode=t(f"freight.{season.wave_mode}")))
    num = st.column_config.NumberColumn
    money = lambda key: num(t(key, cur=cur), format="%.0f")  # noqa: E731
    date = lambda key: st.column_config.DateColumn(t(key), format="YYYY-MM-DD")  # noqa: E731
    st.dataframe(
        shown[["sku", "warehouse_id", "proposed", "later_demand_units", "upfront_units", "upfront_mode", "upfront_on_time",
               "upfront_cost",
               "wave_units", "wave_mode", "wave_order_date", "wave_sellable_date", "wave_cost", "holding_saved",
               "leftover_cost_saved", "saving", "leftover_units_removed"]],
        hide_index=True, placeholder="—", width="stretch", key="season_waves",
        column_config={
            "sku": t("col.sku"), "warehouse_id": t("col.warehouse"), "proposed": t("season.col.proposed"),
            "later_demand_units": num(t("season.col.later_demand"), format="%.0f"),
            "upfront_units": num(t("season.col.upfront_units"), format="%.0f"),
            "upfront_mode": t("season.col.upfront_mode"), "upfront_on_time": t("season.col.upfront_on_time"), "upfront_cost": money("season.col.upfront_cost"),
            "wave_units": num(t("season.col.wave_units"), format="%.0f"), "wave_mode": t("season.col.wave_mode"),
            "wave_order_date": date("season.col.order_date"), "wave_sellable_date": date("season.col.sellable_date"),
            "wave_cost": money("season.col.wave_cost"), "holding_saved": money("season.col.holding_saved"),
            "leftover_cost_saved": money("season.col.leftover_saved"), "saving": money("season.col.saving"),
            "leftover_units_removed": num(t("season.col.leftover_removed"), format="%.1f"),
        })


def reorder_table(season: SeasonResult) -> None:
    """Reorder point per line and freight mode (units) with the lead time it covers (days)."""
    from linkstar_analytics.schemas import FREIGHT_MODES

    r = season.reorder
    keep = season.lines["season_demand_units"].to_numpy() > 0
    cfg = {"sku": t("col.sku"), "warehouse_id": t("col.warehouse")}
    cols = ["sku", "warehouse_id"]
    for m in FREIGHT_MODES:
        cols += [f"lead_days_{m}", f"reorder_point_{m}"]
        cfg[f"lead_days_{m}"] = st.column_config.NumberColumn(t("season.col.lead_days", mode=t(f"freight.{m}")),
                                                              format="%.0f")
        cfg[f"reorder_point_{m}"] = st.column_config.NumberColumn(t("season.col.rop", mode=t(f"freight.{m}")),
                                                                  format="%.0f")
    st.dataframe(r.loc[keep, cols], hide_index=True, placeholder="—", width="stretch", key="season_rop",
                 column_config=cfg)
    st.caption(t("season.rop_caption"))


def season_section(inputs, scenario, campaigns: pd.DataFrame) -> None:
    """The whole block (an expander): lever, headline figures, chart, proposal and reorder points."""
    with st.expander(t("season.title"), expanded=True):
        left, right = st.columns([1, 2])
        with left:
            wave_lever(scenario)
        # a season projection on every rerun costs as much as the rest of the plan: drawn when asked for, and always
        # while a second wave is picked (the lever's effect is the projection)
        if scenario.second_wave != "off":
            st.session_state["season_show"] = True  # set before the toggle is drawn: it shows on, and stays on
        if not right.toggle(t("season.show"), key="season_show", help=t("season.show_help")):
            st.caption(t("season.hidden_note"))
            return
        season = season_plan(inputs, scenario, campaigns)
        names = ", ".join(plain(n) for n in season.campaigns["name"])
        st.caption(t("season.campaigns", names=names))
        labels = line_labels(season)
        with st.columns([1, 2])[1]:
            choice = st.selectbox(t("season.pick"), list(labels), key="season_line",
                                  format_func=frozen_labels(list(labels), labels.get))
        waves = season.waves
        proposed = waves[waves["proposed"]]
        c1, c2, c3 = st.columns(3)
        c1.metric(t("season.short_units"), fmt_int(float(season.short.sum())), help=t("season.short_help"))
        c2.metric(t("season.proposed_lines"), fmt_int(len(proposed)))
        c3.metric(t("season.saving", cur=season.currency), fmt_money(float(proposed["saving"].sum()), season.currency))
        if scenario.second_wave == "off":
            st.caption(t("season.off_note"))
        st.plotly_chart(season_chart(season, choice if choice in labels else TOTAL), width="stretch")
        tab_wave, tab_rop = st.tabs([t("season.tab_wave", mode=t(f"freight.{season.wave_mode}")), t("season.tab_rop")])
        with tab_wave:
            wave_table(season)
        with tab_rop:
            reorder_table(season)
