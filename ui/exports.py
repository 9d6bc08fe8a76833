"""What leaves the dashboard as a file: the internal plan sheet, the stock-up declaration and the review report,
with the scenario written in words (never ``{'FBT-US': 'air'}``, ``up`` or ``liquidate``), named after the campaign.

Files are built only when their button is clicked (``download_button`` with a callable and ``on_click="ignore"``).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from linkstar_analytics.report.declaration import file_slug
from ui.i18n import fmt_date, fmt_days, fmt_int, fmt_money, get_lang, t, use_lang


def campaign_name(campaigns: pd.DataFrame, campaign_id: str) -> str:
    """The campaign's display name (its id when the calendar has no name for it)."""
    rows = campaigns.loc[campaigns["campaign_id"].astype(str) == str(campaign_id), "name"]
    name = str(rows.iloc[0]) if len(rows) and pd.notna(rows.iloc[0]) and str(rows.iloc[0]).strip() else ""
    return name or str(campaign_id)


def _pct(value: float) -> str:
    return f"{float(value):g}%"


def lever_value_text(name: str, value, campaigns: pd.DataFrame | None = None) -> str:
    """One lever's value in words, in the UI language (maps as readable lists, choices by their names)."""
    default = t("sc.default")
    if name in ("warehouse_mix", "sku_mix", "freight_mode", "fx", "uplift_overrides", "baseline_overrides"):
        items = dict(value or {})
        if not items:
            return default
        if name in ("warehouse_mix", "sku_mix"):
            return "; ".join(f"{region}: " + ", ".join(f"{w} {float(p):g}%" for w, p in dict(shares).items())
                             for region, shares in items.items())
        if name == "freight_mode":
            return ", ".join(f"{w}: {t(f'freight.{m}')}" for w, m in items.items())
        if name == "fx":
            return ", ".join(t("exp.fx_value", ccy=c, rate=f"{float(r):.4f}") for c, r in items.items())
        tpl = "exp.uplift_value" if name == "uplift_overrides" else "exp.baseline_value"
        return ", ".join(t(tpl, sku=k.rpartition("|")[0], region=k.rpartition("|")[2],
                           value=f"{float(v):.2f}") for k, v in items.items())
    if name == "duty_step":
        steps = dict(value or {})
        return "; ".join(t("stress.duty_one", market=m, points=f"{float(v['pct_points']):+g}",
                           date=fmt_date(v["from"])) for m, v in steps.items()) if steps else default
    if name == "freight_multiplier":
        factors = dict(value or {})
        return ", ".join(f"{t(f'freight.{m}')} ×{float(f):g}" for m, f in factors.items()) if factors else default
    if name == "fx_shock_pct":
        return _pct(value)
    if value is None or value == "" or (name == "force_order" and not value):
        return default
    if name == "campaign_id":
        return f"{campaign_name(campaigns, value)} ({value})" if campaigns is not None else str(value)
    if name in ("presale_conversion_pct", "deposit_conversion_pct", "service_level_pct", "redundancy_limit_pct",
                "deposit_pct"):
        return _pct(value)
    if name == "cash_ceiling_cny":
        return fmt_money(value, "CNY")
    if name == "uplift_multiplier":
        return f"{float(value):.2f}×"
    if name in ("buffer_days", "cover_days", "settlement_days"):
        return fmt_days(value)
    if name == "key_sku_count":
        return fmt_int(value)
    if name == "force_order":
        from linkstar_analytics.plan.scenario import FORCE_ALL

        skus = [str(s) for s in (value or ())]
        return default if not skus else t("lever.force_all") if FORCE_ALL in skus else ", ".join(skus)
    choice = {"lead_time_case": "lt", "disposal": "disposal", "moq_policy": "moq", "forecast_model": "fc.model",
              "focus_lever": "lever", "policy": "policy", "second_wave": "sw",
              "reserved_stock": "rsv"}.get(name)
    if choice:
        return t(f"{choice}.{value}")
    return str(value)


def lever_label(name: str) -> str:
    from linkstar_analytics.plan.scenario import LEVERS
    from ui.i18n import CATALOGUE

    key = f"lever.{name}"
    return t(key) if key in CATALOGUE else LEVERS[name].label


def scenario_summary_pairs(scenario, campaigns: pd.DataFrame, campaign_id: str) -> list[tuple[str, str]]:
    """Every lever (the campaign resolved, the what-if curve's lever left out) as (label, value in words), then the
    saved scenario this view shows, if its levers are still the saved ones."""
    pairs = []
    for name, value in scenario.to_dict().items():
        if name == "focus_lever":
            continue
        if name == "campaign_id":
            value = campaign_id
        pairs.append((lever_label(name), lever_value_text(name, value, campaigns)))
    from ui import components

    status = components.saved_status()
    if status.ref is not None and status.matches:
        pairs.append((t("exp.saved_scenario"), t("exp.saved_value", name=status.ref[0], version=status.ref[1])))
    return pairs


def plan_files(result, supply, tables: dict[str, pd.DataFrame], *, key: str) -> None:
    """The internal plan sheet (.xlsx / .csv) and the stock-up declaration per warehouse, named after the campaign."""
    from linkstar_analytics.report.declaration import (declaration_file_name, declaration_frame, shipment_totals,
                                                       write_declaration_xlsx)
    from linkstar_analytics.report.sheet import plan_sheet_frame, write_plan_csv, write_plan_xlsx
    from ui import state

    lang = get_lang()
    scenario = state.get_scenario()
    campaigns = tables["campaigns"]
    cid = state.campaign_id(campaigns)
    cname = campaign_name(campaigns, cid)
    summary = dict(scenario_summary_pairs(scenario, campaigns, cid))
    lines = result.lines.loc[result.lines["warehouse_id"] != "(none)"]

    st.markdown(f"**{t('exp.plan_sheet')}**")
    st.caption(t("exp.plan_sheet_help"))

    def plan_frame():
        return plan_sheet_frame(lines, supply.schedule, lang=lang, currency=result.currency)

    stem = f"{'备货计划' if lang == 'zh' else 'stockup_plan'}_{file_slug(cname)}"
    c1, c2 = st.columns(2)
    c1.download_button(t("wi.export_xlsx"), data=lambda: write_plan_xlsx(plan_frame(), None, scenario_summary=summary,
                                                                         lang=lang),
                       file_name=f"{stem}.xlsx", key=f"{key}_xlsx", icon=":material/download:", width="stretch",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")
    c2.download_button(t("wi.export_csv"), data=lambda: write_plan_csv(plan_frame(), None), file_name=f"{stem}.csv",
                       key=f"{key}_csv", icon=":material/download:", mime="text/csv", width="stretch",
                       on_click="ignore")

    st.markdown(f"**{t('dc.title')}**")
    st.caption(t("dc.help"))
    ordered = lines.loc[lines["qty_after_rounding"] > 0]
    if ordered.empty:
        st.info(t("dc.none"))
        return
    order = {w: i for i, w in enumerate(tables["warehouses"]["warehouse_id"].astype(str))}
    whs = sorted(ordered["warehouse_id"].astype(str).unique(), key=lambda w: (order.get(w, len(order)), w))
    c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
    options = ["", *whs] if len(whs) > 1 else whs  # "" = every warehouse, one sheet each
    every = t("dc.all", n=len(whs))  # read now: a format function may run where the session's language is unknown
    pick = c1.selectbox(t("dc.warehouse"), options, key=f"{key}_dc_wh", format_func=lambda w: every if w == "" else w)
    chosen = ordered if pick == "" else ordered.loc[ordered["warehouse_id"].astype(str) == pick]

    def declaration():
        return declaration_frame(chosen, tables["skus"], campaign_name=cname, schedule=supply.schedule,
                                 warehouses=tables["warehouses"], lang=lang)

    levers = {k: v for k, v in summary.items() if k != lever_label("campaign_id")}  # the campaign heads the sheet
    c2.download_button(t("dc.download"), data=lambda: write_declaration_xlsx(declaration(), None, campaign_name=cname,
                                                                            summary=levers, lang=lang),
                       file_name=declaration_file_name(cname, pick or None, lang=lang), key=f"{key}_dc",
                       icon=":material/upload_file:", width="stretch", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    tot = shipment_totals(chosen, tables["skus"])
    st.caption(t("dc.totals", lines=fmt_int(tot["lines"]), units=fmt_int(tot["units"]),
                 cartons=fmt_int(tot["cartons"]), cbm=f"{tot['cbm']:,.2f}", kg=fmt_int(tot["kg"])))


def report_download(result, rv, tables: dict[str, pd.DataFrame], *, campaign_id: str) -> None:
    """The printable HTML report of the review (built only when clicked)."""
    from linkstar_analytics.report.figures import cash_svg, risk_scatter_svg
    from linkstar_analytics.report.html import review_report_html
    from ui import cache, charts, components, state

    lang = get_lang()  # the file is built later, outside this session's run: it keeps the reader's language
    scenario = state.get_scenario()
    ref = st.session_state.get(state.K_SCENARIO_REF)
    campaigns = tables["campaigns"]
    cname = campaign_name(campaigns, campaign_id)
    cur = result.currency
    summary = scenario_summary_pairs(scenario, campaigns, campaign_id)
    today = state.today()

    def build() -> str:
        with use_lang(lang):
            return _build()

    def _build() -> str:
        from linkstar_analytics.io import storage

        decisions = storage.list_decisions(cache.cursor(), ref[0]) if ref else None
        points = charts.risk_points(result.by_sku, result.lines)
        figures = [
            risk_scatter_svg(points, title=t("wi.risk_title"), x_label=t("wi.axis_stockout"),
                             y_label=t("wi.axis_leftover", cur=cur), size_label=t("rv.report_bubble")),
            cash_svg(result.cash_by_week, title=t("wi.cash.title"), x_label=t("wi.cash.axis_week"),
                     y_label=t("wi.cash.axis_money", cur=cur), paid_label=t("wi.cash.paid"),
                     released_label=t("wi.cash.released"), tied_label=t("wi.cash.tied"), lang=lang),
        ]
        return review_report_html(
            title=t("rv.report_title", campaign=cname, date=fmt_date(today)),
            scenario_summary=summary,
            headline=components.headline_pairs(result), top_stockout=rv.top_stockout, top_overstock=rv.top_overstock,
            late_items=rv.late_items, blocking=rv.blocking, decisions=decisions, figures=figures, currency=cur,
            lang=lang)

    st.download_button(t("rv.download"), data=build, file_name=f"{t('rv.report_file')}_{file_slug(cname)}.html",
                       mime="text/html", icon=":material/print:", on_click="ignore", key="rv_report")
