"""The emergency pool section (Review page): its two levers, the headline and the table per candidate SKU x market."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from linkstar_analytics.plan.emergency import emergency_pool
from linkstar_analytics.plan.inputs import PlanInputs
from linkstar_analytics.plan.scenario import LEVERS, Scenario
from ui.components import _lever_key, _on_lever
from ui.i18n import fmt_int, fmt_money, t


def _reason(row: pd.Series) -> str:
    parts = []
    if row["is_key_sku"]:
        parts.append(t("pool.why.key"))
    if row["creator_session_units"] > 0:
        parts.append(t("pool.why.creator", n=fmt_int(row["creator_session_units"])))
    return " · ".join(parts)


def pool_section(inputs: PlanInputs, scenario: Scenario, tables: dict[str, pd.DataFrame]) -> None:
    """Levers (pool level, creator session threshold), headline and the candidates table."""
    st.subheader(t("pool.title"))
    st.caption(t("pool.caption", sl=f"{scenario.service_level_pct:g}", ks=fmt_int(scenario.key_sku_count)))
    c1, c2 = st.columns(2)
    spec = LEVERS["pool_level_pct"]
    c1.slider(t("lever.pool_level_pct"), min_value=float(spec.min_value), max_value=float(spec.max_value), step=0.1,
              value=float(scenario.pool_level_pct), key=_lever_key("pool_level_pct"), on_change=_on_lever,
              args=("pool_level_pct", float), format="%.1f%%", help=t("lever.pool_level_pct.help"))
    spec = LEVERS["pool_creator_units"]
    c2.number_input(t("lever.pool_creator_units"), min_value=int(spec.min_value), max_value=int(spec.max_value),
                    step=50, value=int(scenario.pool_creator_units), key=_lever_key("pool_creator_units"),
                    on_change=_on_lever, args=("pool_creator_units", int), help=t("lever.pool_creator_units.help"))
    if scenario.pool_level_pct <= scenario.service_level_pct:
        st.info(t("pool.below_service", sl=f"{scenario.service_level_pct:g}"))
    frame, tot = emergency_pool(inputs, scenario, pool_level_pct=scenario.pool_level_pct,
                                creator_threshold_units=scenario.pool_creator_units, creators=tables.get("creators"))
    cur = tot["currency"]
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("pool.m.units"), fmt_int(tot["reserve_units"]), help=t("pool.m.units_help", n=fmt_int(tot["candidates"])))
    m2.metric(t("pool.m.value"), fmt_money(tot["reserve_value"], cur), help=t("pool.m.value_help"))
    m3.metric(t("pool.m.served"), fmt_int(tot["expected_served_units"]), help=t("pool.m.served_help"))
    m4.metric(t("pool.m.net"), fmt_money(tot["net_value"], cur), help=t("pool.m.net_help"))
    if frame.empty:
        st.caption(t("pool.none"))
        return
    shown = frame.assign(
        why=[_reason(r) for _, r in frame.iterrows()],
        before_pct=100 * frame["stockout_prob_before"], after_pct=100 * frame["stockout_prob_after"],
        reserve_units=frame["reserve_units"].where(frame["lands_in_time"]),
    )[["sku", "name", "region", "warehouse_id", "why", "reserve_units", "expected_served_units", "before_pct",
       "after_pct", "reserve_value", "margin_on_served", "extra_leftover_cost", "net_value"]]
    num = st.column_config.NumberColumn
    st.dataframe(shown, hide_index=True, placeholder="—", width="stretch", key="pool_table", column_config={
        "sku": t("col.sku"), "name": st.column_config.TextColumn(t("col.name"), width="medium"),
        "region": t("col.region"), "warehouse_id": t("col.warehouse"), "why": t("pool.col.why"),
        "reserve_units": num(t("pool.col.reserve"), format="%.0f", help=t("pool.col.reserve_help")),
        "expected_served_units": num(t("pool.col.served"), format="%.1f"),
        "before_pct": num(t("pool.col.before"), format="%.1f%%"),
        "after_pct": num(t("pool.col.after"), format="%.1f%%"),
        "reserve_value": num(t("pool.col.value", cur=cur), format="%.0f"),
        "margin_on_served": num(t("pool.col.margin", cur=cur), format="%.0f"),
        "extra_leftover_cost": num(t("pool.col.leftover", cur=cur), format="%.0f"),
        "net_value": num(t("pool.col.net", cur=cur), format="%.0f"),
    })
