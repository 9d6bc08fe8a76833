"""The stress-test section of the What-if page: the cost-shock levers and what breaks under every shock at once."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from linkstar_analytics.plan.scenario import LEVERS
from linkstar_analytics.plan.stress import STRESS_FREIGHT_MULTIPLIER, StressResult, stress_scenarios, stress_test
from linkstar_analytics.schemas import FREIGHT_MODES
from ui.components import before_after_frame, readable
from ui.i18n import fmt_date, fmt_pct, t
from ui.text import plain

__all__ = ["shock_levers", "stress_section"]


def _key(name: str) -> str:
    return f"lv_shock_{name}"


def _on_fx_shock() -> None:
    from ui import state

    state.update_scenario(fx_shock_pct=float(st.session_state[_key("fxs")]))


def _on_freight(mode: str) -> None:
    from ui import state

    factors = dict(state.get_scenario().freight_multiplier)
    value = float(st.session_state[_key(f"ff_{mode}")])
    if abs(value - 1.0) < 1e-9:
        factors.pop(mode, None)
    else:
        factors[mode] = value
    state.update_scenario(freight_multiplier=factors)


def _on_duty(market: str) -> None:
    from ui import state

    steps = {r: dict(v) for r, v in state.get_scenario().duty_step.items()}
    points = float(st.session_state[_key(f"dp_{market}")])
    when = st.session_state[_key(f"dd_{market}")]
    if abs(points) < 1e-9 or when is None:
        steps.pop(market, None)
    else:
        steps[market] = {"from": pd.Timestamp(when).date().isoformat(), "pct_points": points}
    state.update_scenario(duty_step=steps)


def shock_levers(scenario, markets: list[str], default_date: date) -> None:
    """The three cost-shock levers (duty step per market, freight multiplier per mode, FX shock); each change rewrites
    the scenario and the share link."""
    fxs, ff, ds = LEVERS["fx_shock_pct"], LEVERS["freight_multiplier"], LEVERS["duty_step"]
    st.slider(t("lever.fx_shock_pct"), min_value=float(fxs.min_value), max_value=float(fxs.max_value), step=1.0,
              value=float(scenario.fx_shock_pct), key=_key("fxs"), on_change=_on_fx_shock, format="%.0f%%",
              help=t("lever.fx_shock_pct.help"))
    cols = st.columns(len(FREIGHT_MODES))
    for col, mode in zip(cols, FREIGHT_MODES):
        col.number_input(t("lever.freight_multiplier.mode", mode=t(f"freight.{mode}")), min_value=float(ff.min_value),
                         max_value=float(ff.max_value), step=0.05, format="%.2f",
                         value=float(scenario.freight_multiplier.get(mode, 1.0)), key=_key(f"ff_{mode}"),
                         on_change=_on_freight, args=(mode,), help=t("lever.freight_multiplier.help"))
    for market in markets:
        step = scenario.duty_step.get(market)
        c1, c2 = st.columns(2)
        c1.date_input(t("lever.duty_step.date", market=market),
                      value=date.fromisoformat(step["from"]) if step else default_date, key=_key(f"dd_{market}"),
                      on_change=_on_duty, args=(market,), format="YYYY-MM-DD")
        c2.number_input(t("lever.duty_step.points", market=market), min_value=float(ds.min_value),
                        max_value=float(ds.max_value), step=1.0, format="%.1f",
                        value=float(step["pct_points"]) if step else 0.0, key=_key(f"dp_{market}"),
                        on_change=_on_duty, args=(market,), help=t("lever.duty_step.help"))


def shocks_note(scenario) -> str | None:
    """One line naming the scenario's cost shocks (None when it sets none): the views that price them say so."""
    if not scenario.has_cost_shock:
        return None
    parts = []
    if scenario.freight_multiplier:
        parts.append(t("shock.note.freight", factors=", ".join(f"{t(f'freight.{m}')} ×{f:g}"
                                                               for m, f in sorted(scenario.freight_multiplier.items()))))
    if scenario.fx_shock_pct:
        parts.append(t("shock.note.fx", pct=f"{scenario.fx_shock_pct:+g}%"))
    if scenario.duty_step:
        parts.append(t("shock.note.duty", steps=_duty_text(scenario)))
    return t("shock.note", shocks="; ".join(parts)) if parts else None


def _duty_text(scenario) -> str:
    if not scenario.duty_step:
        return t("stress.no_duty_step")
    return "; ".join(t("stress.duty_one", market=m, points=f"{v['pct_points']:+g}", date=fmt_date(v["from"]))
                     for m, v in scenario.duty_step.items())


def _headline(res: StressResult) -> pd.DataFrame:
    return before_after_frame(
        ((t(f"stress.fig.{r.figure}", cur=r.currency), r.kind, r.base, r.stressed, r.currency)
         for r in res.headline.itertuples(index=False)),
        t("stress.col.base"), t("stress.col.stressed"))


def _late_table(frame: pd.DataFrame) -> None:
    shown = readable(frame.assign(status=frame["status"].map(lambda f: t(f"flag.{f}"))))
    st.dataframe(shown[["sku", "region", "warehouse_id", "status", "sellable_date_base", "sellable_date_stressed",
                        "days_later", "expected_lost_units_base", "expected_lost_units_stressed", "freight_mode",
                        "name"]],
                 hide_index=True, width="stretch", placeholder="—", key="stress_late",
                 column_config={
                     "sku": t("col.sku"), "name": t("col.name"), "region": t("col.region"),
                     "warehouse_id": t("col.warehouse"), "freight_mode": t("col.freight_mode"),
                     "status": t("stress.col.status"),
                     "sellable_date_base": st.column_config.DateColumn(t("stress.col.sellable_base"),
                                                                       format="YYYY-MM-DD"),
                     "sellable_date_stressed": st.column_config.DateColumn(t("stress.col.sellable_stressed"),
                                                                           format="YYYY-MM-DD"),
                     "days_later": st.column_config.NumberColumn(t("stress.col.days_later"), format="%.0f"),
                     "expected_lost_units_base": st.column_config.NumberColumn(t("stress.col.lost_base"),
                                                                               format="%.0f"),
                     "expected_lost_units_stressed": st.column_config.NumberColumn(t("stress.col.lost_stressed"),
                                                                                   format="%.0f"),
                 })


def _negative_table(frame: pd.DataFrame, cur: str) -> None:
    money = {c: st.column_config.NumberColumn(t(f"stress.col.{label}", cur=cur), format="%.2f")
             for c, label in (("unit_margin_base", "margin_base"), ("unit_margin_stressed", "margin_stressed"),
                              ("margin_change", "margin_change"), ("landed_cost_per_unit_base", "landed_base"),
                              ("landed_cost_per_unit_stressed", "landed_stressed"))}
    st.dataframe(readable(frame)[["sku", "region", "warehouse_id", *money, "freight_mode", "name"]],
                 hide_index=True, width="stretch", placeholder="—", key="stress_negative",
                 column_config={"sku": t("col.sku"), "name": t("col.name"), "region": t("col.region"),
                                "warehouse_id": t("col.warehouse"), "freight_mode": t("col.freight_mode"), **money})


def stress_section(inputs, scenario, tables: dict[str, pd.DataFrame], campaign_id: str, *,
                   plan=None) -> StressResult | None:
    """The stress test: the shock levers, the headline before / after and the lines that break (None while the
    section is switched off)."""
    markets = sorted(tables["warehouses"]["region"].dropna().astype(str).unique())
    camps = tables["campaigns"].assign(campaign_id=tables["campaigns"]["campaign_id"].astype(str))
    row = camps.loc[camps["campaign_id"] == str(campaign_id)]
    default_date = pd.Timestamp(row["start_date"].iloc[0] if len(row) else inputs.campaign_start).date()
    st.subheader(t("stress.title"))
    with st.expander(t("lever.cost_shocks")):
        shock_levers(scenario, markets, default_date)
    # two more plans on every rerun: computed when asked for (on by itself when the link or the levers set a shock)
    if not st.toggle(t("stress.show"), value=scenario.has_cost_shock, key="stress_show", help=t("stress.show_help")):
        st.caption(t("stress.off_note"))
        return None
    _base, stressed = stress_scenarios(scenario)
    st.caption(t("stress.caption", freight=f"{STRESS_FREIGHT_MULTIPLIER:g}", duty=plain(_duty_text(stressed)),
                 fx=fmt_pct(stressed.fx_shock_pct, 0)))
    res = stress_test(inputs, scenario, plan=plan)  # the page's plan is the base when no shock is set
    st.dataframe(_headline(res), hide_index=True, width="stretch", key="stress_headline")
    if stressed.fx_shock_pct and res.currency != "CNY":
        st.caption(t("stress.fx_note"))
    st.markdown(f"**{t('stress.late.title', n=len(res.turned_late))}**")
    if res.turned_late.empty:
        st.caption(t("stress.late.none"))
    else:
        _late_table(res.turned_late)
    st.markdown(f"**{t('stress.neg.title', n=len(res.turned_negative))}**")
    if res.turned_negative.empty:
        st.caption(t("stress.neg.none"))
    else:
        _negative_table(res.turned_negative, res.currency)
    return res
