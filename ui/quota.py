"""The platform's side of the plan on the Warehouse mix page: the FBT inbound quota per month (units over quota and
where they can go instead) and the platform's recommended stock against the plan. Math in ``plan.quota``."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from linkstar_analytics.plan import quota as pq
from ui import components
from ui.i18n import fmt_int, fmt_money, fmt_pct, get_lang, t
from ui.text import plain

#: Rows shown in the tables of lines over quota and of SKUs against the recommendation (largest first).
MAX_ROWS = 200


def month_label(month) -> str:
    """``Nov 2026`` / ``2026年11月``."""
    ts = pd.Timestamp(month)
    return f"{ts.year}年{ts.month}月" if get_lang() == "zh" else ts.strftime("%b %Y")


def section(result, inputs, tables: dict[str, pd.DataFrame], scenario) -> None:
    """Both parts, each only when its table was imported (else one line saying which file to import)."""
    quota, rec = tables.get("fbt_quota"), tables.get("platform_recommendation")
    st.subheader(t("quota.title"))
    if quota is None or quota.empty:
        st.info(t("quota.no_quota"))
    else:
        quota_part(result, inputs, tables, scenario)
    st.subheader(t("quota.rec_title"))
    if rec is None or rec.empty:
        st.info(t("quota.no_rec"))
    else:
        recommendation_part(result, tables, inputs.campaign_id)


def quota_part(result, inputs, tables: dict[str, pd.DataFrame], scenario) -> None:
    cur = result.currency
    chk = pq.check_quota(result.lines, tables["fbt_quota"], tables["skus"], booked=tables.get("shipments"))
    over = chk.over
    moves = pd.DataFrame()
    options = pd.DataFrame()
    if not over.empty:
        alts = pq.alternative_lines(inputs, scenario)
        options = pq.move_options(chk, alts, window_start=inputs.window_start, campaign_end=inputs.campaign_end)
        moves = pq.best_moves(options)
    months = chk.months
    full = months.loc[(months["used_units_pct"] > 100) | (months["used_cbm_pct"] > 100)]
    m = st.columns(4)
    m[0].metric(t("quota.over_units"), t("unit.units_n", n=fmt_int(chk.over_units)), help=t("quota.over_help"))
    m[1].metric(t("quota.over_lines"), fmt_int(len(over)))
    m[2].metric(t("quota.full_months"), fmt_int(len(full)), help=t("quota.full_months_help"))
    change = float(moves["landed_change_total"].sum()) if not moves.empty else 0.0
    m[3].metric(t("quota.move_cost"), fmt_money(change, cur, compact=False), help=t("quota.move_cost_help"))
    st.caption(t("quota.rule"))
    _months_chart(months)
    if over.empty:
        st.success(t("quota.all_fit"))
        return
    st.warning(t("quota.over_warn", n=len(over), units=fmt_int(chk.over_units)))
    show = over.sort_values("over_units", ascending=False).head(MAX_ROWS).assign(
        month=lambda f: f["month"].map(month_label))
    st.dataframe(show[["sku", "name", "region", "warehouse_id", "month", "warehouse_arrival_date", "qty_units",
                       "fits_units", "over_units", "over_cbm"]], hide_index=True, width="stretch", placeholder="—",
                 column_config={
                     "sku": t("col.sku"), "name": t("col.name"), "region": t("col.region"),
                     "warehouse_id": t("col.warehouse"), "month": t("quota.col.month"),
                     "warehouse_arrival_date": st.column_config.DateColumn(t("quota.col.arrival"),
                                                                           format="YYYY-MM-DD"),
                     "qty_units": st.column_config.NumberColumn(t("quota.col.qty"), format="%.0f"),
                     "fits_units": st.column_config.NumberColumn(t("quota.col.fits"), format="%.0f"),
                     "over_units": st.column_config.NumberColumn(t("quota.col.over"), format="%.0f"),
                     "over_cbm": st.column_config.NumberColumn(t("quota.col.over_cbm"), format="%.3f")})
    st.markdown(f"**{t('quota.moves_title')}**")
    if moves.empty:
        st.warning(t("quota.no_alternative"))
        return
    moved = float(moves["move_units"].sum())
    late = int((moves["lands"] == "after_campaign").sum())
    st.caption(t("quota.moves_caption", units=fmt_int(moved), cost=fmt_money(change, cur, compact=False),
                 late=fmt_int(late)))
    _moves_table(moves.head(MAX_ROWS), cur)
    _reallocation_table(pq.reallocation(result.lines, moves))
    _moves_risk(inputs, scenario, moves, tables, cur)
    unplaced = float(over["over_units"].sum()) - moved
    if unplaced >= 1:
        st.caption(t("quota.unplaced", units=fmt_int(unplaced)))
    with st.expander(t("quota.all_options", n=len(options))):
        _moves_table(options.head(MAX_ROWS * 3), cur)


def _months_chart(months: pd.DataFrame) -> None:
    """Share of the quota used per FBT warehouse x month (the tighter of units and CBM), against 100 %."""
    if months.empty:
        return
    used = months[["used_units_pct", "used_cbm_pct"]].replace(np.inf, np.nan)
    pct = used.max(axis=1, skipna=True)
    frame = months.assign(pct=pct.fillna(0.0), label=months["month"].map(month_label))
    fig = go.Figure()
    for i, (wid, g) in enumerate(frame.groupby("warehouse_id", sort=True)):
        text = [_used_text(r) for r in g.itertuples(index=False)]
        fig.add_bar(x=g["label"], y=g["pct"], name=str(wid), hovertext=text, hoverinfo="text+name",
                    marker_color=components.PALETTE[i % len(components.PALETTE)])
    components.hline(fig, 100, dash="dash", color="#D55E00", text=t("quota.chart_limit"), text_left=True)
    fig.update_layout(barmode="group", title=t("quota.chart_title"), xaxis_title=t("quota.col.month"),
                      yaxis_title=t("quota.chart_axis"))
    st.plotly_chart(components.style_fig(fig, height=360), width="stretch")
    table = months.assign(month=months["month"].map(month_label))
    st.dataframe(table[["warehouse_id", "month", "quota_units", "booked_units", "planned_units", "over_units",
                        "quota_cbm", "booked_cbm", "planned_cbm", "used_units_pct", "used_cbm_pct"]],
                 hide_index=True, width="stretch", placeholder="—", column_config={
                     "warehouse_id": t("col.warehouse"), "month": t("quota.col.month"),
                     "quota_units": st.column_config.NumberColumn(t("quota.col.quota_units"), format="%.0f"),
                     "booked_units": st.column_config.NumberColumn(t("quota.col.booked_units"), format="%.0f"),
                     "planned_units": st.column_config.NumberColumn(t("quota.col.planned_units"), format="%.0f"),
                     "over_units": st.column_config.NumberColumn(t("quota.col.over"), format="%.0f"),
                     "quota_cbm": st.column_config.NumberColumn(t("quota.col.quota_cbm"), format="%.2f"),
                     "booked_cbm": st.column_config.NumberColumn(t("quota.col.booked_cbm"), format="%.2f"),
                     "planned_cbm": st.column_config.NumberColumn(t("quota.col.planned_cbm"), format="%.2f"),
                     "used_units_pct": st.column_config.NumberColumn(t("quota.col.used_units"), format="%.0f%%"),
                     "used_cbm_pct": st.column_config.NumberColumn(t("quota.col.used_cbm"), format="%.0f%%")})


def _reallocation_table(after: pd.DataFrame) -> None:
    """Units per warehouse before and after the proposed moves (every SKU keeps its total)."""
    by = after.groupby(["region", "warehouse_id"], as_index=False)[["units_before", "units_after", "moved_units"]].sum()
    by = by.loc[by["moved_units"] != 0]
    if by.empty:
        return
    st.caption(t("quota.realloc_caption", before=fmt_int(float(after["units_before"].sum())),
                 after=fmt_int(float(after["units_after"].sum()))))
    st.dataframe(by, hide_index=True, width="content", placeholder="—", column_config={
        "region": t("col.region"), "warehouse_id": t("col.warehouse"),
        "units_before": st.column_config.NumberColumn(t("quota.col.units_before"), format="%.0f"),
        "units_after": st.column_config.NumberColumn(t("quota.col.units_after"), format="%.0f"),
        "moved_units": st.column_config.NumberColumn(t("quota.col.moved"), format="%+.0f")})


#: The headline rows of the moves' effect: (totals key, kind for ``components.fmt_figure``, label key).
_MOVE_ROWS = (("units", "units", "quota.fig.units"), ("total_landed_cost", "money", "stress.fig.total_landed_cost"),
              ("expected_stockout_units", "units", "stress.fig.expected_stockout_units"),
              ("fill_rate", "pct", "stress.fig.fill_rate"), ("expected_leftover_units", "units", "quota.fig.leftover_units"),
              ("leftover_cost", "money", "quota.fig.leftover_cost"), ("gross_profit", "money", "stress.fig.gross_profit"),
              ("over_units", "units", "quota.fig.over_units"))


def _moves_risk(inputs, scenario, moves: pd.DataFrame, tables: dict[str, pd.DataFrame], cur: str) -> None:
    """What the moves do to the plan when their demand goes with them: the headline before and after, per SKU."""
    mp = pq.plan_moves(inputs, scenario, moves, tables["fbt_quota"], tables["skus"], booked=tables.get("shipments"))
    if mp is None:
        return
    st.markdown(f"**{t('quota.risk_title')}**")
    st.caption(t("quota.risk_caption", rounds=mp.rounds))
    if mp.after["over_units"] >= 0.5:
        st.warning(t("quota.risk_still_over", units=fmt_int(mp.after["over_units"])))
    head = components.before_after_frame(((t(label, cur=cur), kind, mp.before[key], mp.after[key], cur)
                                          for key, kind, label in _MOVE_ROWS),
                                         t("quota.col.before"), t("quota.col.after"))
    st.dataframe(head, hide_index=True, width="content", key="quota_risk_head")
    if mp.sku_mix:
        st.button(t("quota.apply", n=fmt_int(len(mp.sku_mix))), key="quota_apply", type="primary",
                  icon=":material/call_split:", on_click=_apply_moves, args=(mp.sku_mix,), help=t("quota.apply_help"))
    f = mp.by_sku
    show = f.assign(stockout_prob_before=100 * f["stockout_prob_before"], stockout_prob_after=100 * f["stockout_prob_after"])
    num = st.column_config.NumberColumn
    st.dataframe(show.drop(columns="currency"), hide_index=True, width="stretch", placeholder="—", key="quota_risk_sku",
                 column_config={
                     "sku": t("col.sku"), "region": t("col.region"), "from_warehouse": t("quota.col.from"),
                     "to_warehouse": t("quota.col.to"),
                     "from_units_before": num(t("quota.col.from_before"), format="%.0f"),
                     "from_units_after": num(t("quota.col.from_after"), format="%.0f"),
                     "to_units_before": num(t("quota.col.to_before"), format="%.0f"),
                     "to_units_after": num(t("quota.col.to_after"), format="%.0f"),
                     "stockout_units_before": num(t("quota.col.short_before"), format="%.0f"),
                     "stockout_units_after": num(t("quota.col.short_after"), format="%.0f"),
                     "stockout_prob_before": num(t("quota.col.prob_before"), format="%.1f%%"),
                     "stockout_prob_after": num(t("quota.col.prob_after"), format="%.1f%%"),
                     "leftover_units_before": num(t("quota.col.left_before"), format="%.0f"),
                     "leftover_units_after": num(t("quota.col.left_after"), format="%.0f"),
                     "landed_cost_before": num(t("quota.col.landed_before", cur=cur), format="%.0f"),
                     "landed_cost_after": num(t("quota.col.landed_after", cur=cur), format="%.0f"),
                 })


def _apply_moves(sku_mix: dict) -> None:
    """Put the moves into the scenario's per-SKU mix (lever ``smix``): the plan, its sheets and the link follow."""
    from ui import state

    merged = {k: dict(v) for k, v in state.get_scenario().sku_mix.items()}
    merged.update(sku_mix)
    state.update_scenario(sku_mix=merged)


def sku_mix_section(scenario) -> None:
    """The per-SKU splits in effect (from applied quota moves or a link), with a way back to the market's mix."""
    if not scenario.sku_mix:
        return
    st.markdown(f"**{t('mix.sku_mix_title', n=fmt_int(len(scenario.sku_mix)))}**")
    st.caption(t("mix.sku_mix_help"))
    rows = []
    for key, shares in scenario.sku_mix.items():
        sku, _, region = key.rpartition("|")
        rows.append({"sku": sku, "region": region,
                     "split": " · ".join(f"{w} {fmt_pct(p, 1)}" for w, p in shares.items())})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", placeholder="—", key="sku_mix_table",
                 column_config={"sku": t("col.sku"), "region": t("col.region"), "split": t("mix.sku_mix_col")})
    st.button(t("mix.sku_mix_clear"), key="sku_mix_clear", icon=":material/undo:", on_click=_clear_sku_mix)


def _clear_sku_mix() -> None:
    from ui import state

    state.update_scenario(sku_mix={})


def _used_text(r) -> str:
    parts = []
    if not _missing(r.quota_units):
        parts.append(t("quota.hover_units", used=fmt_int(r.booked_units + r.planned_units), quota=fmt_int(r.quota_units)))
    if not _missing(r.quota_cbm):
        parts.append(t("quota.hover_cbm", used=f"{r.booked_cbm + r.planned_cbm:,.2f}", quota=f"{r.quota_cbm:,.2f}"))
    return " · ".join(parts) or t("quota.hover_none")


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _moves_table(moves: pd.DataFrame, cur: str) -> None:
    show = moves.assign(lands=moves["lands"].map(lambda x: t(f"quota.lands.{x}")),
                        to_mode=moves["to_mode"].map(lambda x: t(f"mode.{x}")))
    st.dataframe(show[["sku", "name", "region", "from_warehouse", "to_warehouse", "to_mode", "freight_mode",
                       "move_units", "landed_from", "landed_to", "landed_change_per_unit", "landed_change_total",
                       "sellable_from", "sellable_to", "delay_days", "lands"]],
                 hide_index=True, width="stretch", placeholder="—", column_config={
                     "sku": t("col.sku"), "name": t("col.name"), "region": t("col.region"),
                     "from_warehouse": t("quota.col.from"), "to_warehouse": t("quota.col.to"),
                     "to_mode": t("col.mode"), "freight_mode": t("col.freight_mode"),
                     "move_units": st.column_config.NumberColumn(t("quota.col.move_units"), format="%.0f"),
                     "landed_from": st.column_config.NumberColumn(t("quota.col.landed_from", cur=cur), format="%.2f"),
                     "landed_to": st.column_config.NumberColumn(t("quota.col.landed_to", cur=cur), format="%.2f"),
                     "landed_change_per_unit": st.column_config.NumberColumn(t("quota.col.change_unit", cur=cur),
                                                                             format="%+.2f"),
                     "landed_change_total": st.column_config.NumberColumn(t("quota.col.change_total", cur=cur),
                                                                          format="%+.0f"),
                     "sellable_from": st.column_config.DateColumn(t("quota.col.sellable_from"), format="YYYY-MM-DD"),
                     "sellable_to": st.column_config.DateColumn(t("quota.col.sellable_to"), format="YYYY-MM-DD"),
                     "delay_days": st.column_config.NumberColumn(t("quota.col.delay"), format="%+.0f"),
                     "lands": t("quota.col.lands")})


def recommendation_part(result, tables: dict[str, pd.DataFrame], campaign_id: str) -> None:
    gap = pq.recommendation_gap(result.lines, tables["platform_recommendation"], campaign_id, tables["warehouses"])
    if gap.empty:
        st.info(t("quota.rec_none", campaign=plain(campaign_id)))
        return
    below = gap.loc[gap["gap_units"] < 0]
    above = gap.loc[gap["gap_units"] > 0]
    m = st.columns(4)
    m[0].metric(t("quota.rec_skus"), fmt_int(len(gap)))
    m[1].metric(t("quota.rec_below"), fmt_int(len(below)), help=t("quota.rec_below_help"))
    m[2].metric(t("quota.rec_above"), fmt_int(len(above)))
    total_rec = float(gap["recommended_units"].sum())
    total_gap = float(gap["gap_units"].sum())
    m[3].metric(t("quota.rec_total_gap"), t("unit.units_n", n=f"{total_gap:+,.0f}"),
                delta=fmt_pct(total_gap / total_rec * 100.0 if total_rec > 0 else float("nan"), 0),
                delta_color="off")
    st.caption(t("quota.rec_caption"))
    show = gap.reindex(gap["gap_units"].abs().sort_values(ascending=False).index).head(MAX_ROWS)
    show = show.assign(region=show["region"].replace("", t("quota.all_markets")))
    st.dataframe(show, hide_index=True, width="stretch", placeholder="—", column_config={
        "sku": t("col.sku"), "name": t("col.name"), "region": t("col.region"),
        "recommended_units": st.column_config.NumberColumn(t("quota.col.recommended"), format="%.0f"),
        "planned_units": st.column_config.NumberColumn(t("quota.col.planned_stock"), format="%.0f"),
        "gap_units": st.column_config.NumberColumn(t("quota.col.gap"), format="%+.0f"),
        "gap_pct": st.column_config.NumberColumn(t("quota.col.gap_pct"), format="%+.0f%%")})
