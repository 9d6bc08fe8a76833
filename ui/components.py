"""Shared view pieces: chart styling, countdown labels, table column configs, headline blocks."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui.i18n import date_format_pattern, t

#: Calm qualitative palette (Okabe-Ito, colour-blind safe); red is kept for warnings and today's line.
PALETTE = ["#0072B2", "#56B4E9", "#009E73", "#E69F00", "#CC79A7", "#F0E442", "#000000", "#D55E00"]

FONT = "Inter, 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"


def style_fig(fig: go.Figure, *, height: int = 360, legend_below: bool = False) -> go.Figure:
    """House style for every plotly chart: readable font (CJK fallbacks), tight margins, legend on top."""
    has_legend = fig.layout.showlegend is not False and sum(1 for tr in fig.data if tr.showlegend is not False) > 1
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=96 if has_legend else 56, b=10),
        font=dict(family=FONT, size=13),
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0, title_text=""),
        title=dict(font=dict(size=15), y=0.985, yanchor="top", x=0.01, xanchor="left"),
        colorway=PALETTE,
    )
    if legend_below and has_legend:
        fig.update_layout(margin=dict(t=56, b=10), legend=dict(yanchor="top", y=-0.22))
    return fig


def countdown_label(days: int) -> str:
    if days == 0:
        return t("home.today")
    if days > 0:
        return t("home.days_left", n=days)
    return t("home.days_ago", n=-days)


def date_columns(frame: pd.DataFrame) -> dict[str, object]:
    """DateColumn configs for every date-like column of a display frame."""
    config: dict[str, object] = {}
    for name in frame.columns:
        sample = frame[name].dropna()
        if len(sample) and (pd.api.types.is_datetime64_any_dtype(frame[name]) or hasattr(sample.iloc[0], "isoformat")):
            if not isinstance(sample.iloc[0], (int, float, str)):
                config[name] = st.column_config.DateColumn(name, format=date_format_pattern())
    return config


def plan_headline_and_alerts(version: int) -> None:
    """Headline figures and the most urgent alerts of the current scenario and campaign."""
    from ui import state

    result, _inputs = state.plan()
    plan_totals(result)
    view = state.supply_view()
    al = plan_alerts(view, result)
    st.markdown(f"**{t('home.alerts')}**")
    if al.empty:
        st.success(t("home.no_alerts"))
    else:
        alerts_table(al.head(8))
        st.page_link("pages/alerts.py", label=t("home.all_alerts", n=len(al)), icon=":material/arrow_forward:")


# ---------------------------------------------------------------------------------------------
# Scenario levers (sidebar)
# ---------------------------------------------------------------------------------------------

def _lever_key(name: str) -> str:
    return f"lv_{name}"


def _on_lever(name: str, cast) -> None:
    from ui import state

    value = st.session_state[_lever_key(name)]
    changes = {name: cast(value)}
    if name == "campaign_id" and cast(value) != state.get_scenario().campaign_id:
        changes["uplift_overrides"] = {}  # overrides belong to one campaign
    state.update_scenario(**changes)


def _index(options: list, value) -> int:
    return options.index(value) if value in options else 0


def campaign_picker(campaigns: pd.DataFrame) -> str:
    """The campaign lever, in the page body (names are long), with its dates and countdowns beside it."""
    from ui import state
    from ui.i18n import fmt_date_short

    current = state.campaign_id(campaigns)
    rows = campaigns.assign(campaign_id=campaigns["campaign_id"].astype(str)).set_index("campaign_id")
    today = pd.Timestamp(state.today())
    # Upcoming campaigns first (soonest first), then past ones (most recent first) for look-backs.
    upcoming = rows.loc[pd.to_datetime(rows["end_date"]) >= today].sort_values("start_date").index.tolist()
    past = rows.loc[pd.to_datetime(rows["end_date"]) < today].sort_values("start_date", ascending=False).index.tolist()
    ids = upcoming + past
    key = _lever_key("campaign_id")
    if key in st.session_state and st.session_state[key] != current:
        del st.session_state[key]  # the scenario changed elsewhere (saved scenario, link): follow it
    c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
    chosen = c1.selectbox(t("lever.campaign_id"), ids, index=_index(ids, current), key=key, on_change=_on_lever,
                          args=("campaign_id", str),
                          format_func=lambda c: f"{rows.loc[c, 'name']} ({str(rows.loc[c, 'regions']).replace(';', ', ')})")
    row = rows.loc[chosen]
    for col, label, when in ((c2, t("home.deadline"), row["declaration_deadline"]),
                             (c3, t("home.cutoff"), row["inbound_cutoff"]),
                             (c4, t("home.starts"), row["start_date"])):
        days = (pd.Timestamp(when) - today).days
        col.metric(label, fmt_date_short(when), countdown_label(days), delta_color="inverse" if days < 0 else "off",
                   delta_arrow="off")
    return str(chosen)


def plan_page(title_key: str):
    """The common head of a planning page: title, campaign picker, levers. Returns (dataset version, tables,
    scenario, campaign id)."""
    from ui import cache, state

    st.title(t(title_key))
    version = state.active_version()
    tables = cache.load_tables(version)
    campaign = campaign_picker(tables["campaigns"])
    lever_sidebar(tables["campaigns"], tables["warehouses"])
    return version, tables, state.get_scenario(), campaign


def lever_sidebar(campaigns: pd.DataFrame, warehouses: pd.DataFrame) -> None:
    """Every numeric and choice lever of the scenario in the sidebar (the campaign is picked in the page
    body, see ``campaign_picker``); each change rewrites the scenario and the URL."""
    from linkstar_analytics.plan.scenario import (DISPLAY_CURRENCIES, DISPOSAL_OPTIONS, FOCUS_LEVERS, LEAD_TIME_CASES,
                                                  LEVERS, MOQ_POLICIES)
    from linkstar_analytics.schemas import FREIGHT_MODES
    from ui import state

    scenario = state.get_scenario()
    sb = st.sidebar
    sb.subheader(t("lever.title"))

    def slider(name: str, step, fmt: str, cast=float):
        spec = LEVERS[name]
        sb.slider(t(f"lever.{name}"), min_value=cast(spec.min_value), max_value=cast(spec.max_value), step=step,
                  value=cast(getattr(scenario, name)), key=_lever_key(name), on_change=_on_lever, args=(name, cast),
                  format=fmt, help=t(f"lever.{name}.help"))

    slider("presale_conversion_pct", 1.0, "%.0f%%")
    slider("uplift_multiplier", 0.05, "%.2f×")
    slider("service_level_pct", 0.5, "%.1f%%")
    slider("buffer_days", 1, "%d", cast=int)
    slider("deposit_conversion_pct", 1.0, "%.0f%%")
    slider("cover_days", 1, "%d", cast=int)

    def choice(name: str, options, label_fn):
        opts = list(options)
        sb.selectbox(t(f"lever.{name}"), opts, index=_index(opts, getattr(scenario, name)), key=_lever_key(name),
                     on_change=_on_lever, args=(name, str), format_func=label_fn)

    slider("redundancy_limit_pct", 5.0, "%.0f%%")
    spec_ks = LEVERS["key_sku_count"]
    sb.number_input(t("lever.key_sku_count"), min_value=int(spec_ks.min_value), max_value=int(spec_ks.max_value),
                    step=5, value=int(scenario.key_sku_count), key=_lever_key("key_sku_count"), on_change=_on_lever,
                    args=("key_sku_count", int), help=t("lever.key_sku_count.help"))
    choice("lead_time_case", LEAD_TIME_CASES, lambda v: t(f"lt.{v}"))
    choice("disposal", DISPOSAL_OPTIONS, lambda v: t(f"disposal.{v}"))
    choice("moq_policy", MOQ_POLICIES, lambda v: t(f"moq.{v}"))
    choice("display_currency", DISPLAY_CURRENCIES, str)
    choice("focus_lever", FOCUS_LEVERS, lambda v: t(f"lever.{v}"))

    with sb.expander(t("lever.freight_mode")):
        lanes = state.freight_lanes()
        for wid in warehouses["warehouse_id"].astype(str):
            offered = [m for m in FREIGHT_MODES if (wid, m) in lanes] or list(FREIGHT_MODES)
            mode = state.freight_mode_of(wid)
            st.selectbox(wid, offered, index=_index(offered, mode), key=_lever_key(f"fm_{wid}"),
                         format_func=lambda m: t(f"freight.{m}"), on_change=_on_freight, args=(wid,))
    with sb.expander(t("lever.fx")):
        for ccy in sorted(set(warehouses["currency"].astype(str)) | {"USD", "GBP", "THB"}):
            if ccy == "CNY":
                continue
            st.number_input(t("lever.fx_rate", ccy=ccy), min_value=0.0001, max_value=1e6,
                            value=float(scenario.fx_cny_per_unit(ccy)), key=_lever_key(f"fx_{ccy}"), format="%.4f",
                            on_change=_on_fx, args=(ccy,))


def _on_freight(wid: str) -> None:
    from ui import state

    mode = st.session_state[_lever_key(f"fm_{wid}")]
    fm = dict(state.get_scenario().freight_mode)
    fm[wid] = mode
    state.update_scenario(freight_mode=fm)


def _on_fx(ccy: str) -> None:
    from linkstar_analytics.plan.scenario import DEFAULT_FX_CNY_PER_UNIT
    from ui import state

    rate = float(st.session_state[_lever_key(f"fx_{ccy}")])
    fx = dict(state.get_scenario().fx)
    if abs(rate - DEFAULT_FX_CNY_PER_UNIT.get(ccy, float("nan"))) < 1e-12:
        fx.pop(ccy, None)
    else:
        fx[ccy] = rate
    state.update_scenario(fx=fx)


# ---------------------------------------------------------------------------------------------
# Scenario comparison
# ---------------------------------------------------------------------------------------------

def _lever_text(name: str, value) -> str:
    if isinstance(value, dict) or hasattr(value, "items"):
        items = dict(value)
        if not items:
            return t("sc.default")
        return "; ".join(f"{k}: {v if not hasattr(v, 'items') else ', '.join(f'{a}={b}' for a, b in dict(v).items())}"
                         for k, v in items.items())
    if value is None or value == "":
        return t("sc.default")
    return str(value)


def scenario_compare_table(scenarios: dict, headline: dict | None = None) -> pd.DataFrame:
    """Levers (and optional headline figures) side by side: one row per lever, one column per scenario."""
    from linkstar_analytics.plan.scenario import LEVERS

    rows = {}
    for name in LEVERS:
        if name == "focus_lever":
            continue
        rows[t(f"lever.{name}") if f"lever.{name}" in _catalogue() else LEVERS[name].label] = [
            _lever_text(name, getattr(s, name)) for s in scenarios.values()
        ]
    if headline:
        for label, values in headline.items():
            rows[label] = values
    return pd.DataFrame(rows, index=list(scenarios)).T


def saved_link(name: str, version: int) -> str:
    """A link that opens one saved scenario version (on this server's address when known)."""
    from urllib.parse import urlencode, urlsplit

    base = ""
    try:
        parts = urlsplit(st.context.url or "")
        if parts.scheme and parts.netloc:
            base = f"{parts.scheme}://{parts.netloc}"
    except Exception:  # noqa: BLE001 - the address is a convenience only
        base = ""
    return f"{base}/whatif?{urlencode({'saved': f'{name}@{version}'})}"


def headline_pairs(result) -> list[tuple[str, str]]:
    """The plan's headline figures as (label, formatted value) pairs, money with its currency."""
    from ui.i18n import fmt_int, fmt_money, fmt_pct

    tot, cur = result.totals, result.currency
    return [
        (t("wi.units"), fmt_int(tot["units"])),
        (t("wi.purchase"), fmt_money(tot["purchase_value"], cur)),
        (t("wi.landed"), fmt_money(tot["total_landed_cost"], cur)),
        (t("wi.peak_cash"), fmt_money(tot["peak_cash"], cur)),
        (t("wi.stockout_units"), fmt_int(tot["expected_stockout_units"])),
        (t("wi.lost_margin"), fmt_money(tot["lost_margin"], cur)),
        (t("wi.leftover_units"), fmt_int(tot["expected_leftover_units"])),
        (t("wi.leftover_cost"), fmt_money(tot["leftover_cost"], cur)),
        (t("sc.fill_rate"), fmt_pct(100 * tot["fill_rate"])),
    ]


def headline_rows(scenarios: dict) -> dict[str, list[str]]:
    """Headline figures of each scenario's plan (same caches as the What-if page), as display strings."""
    from ui import state

    rows: dict[str, list[str]] = {}
    for s in scenarios.values():
        result, _inputs = state.plan(s)
        for label, value in headline_pairs(result):
            rows.setdefault(label, []).append(value)
    return rows


def highlight_differences(row: pd.Series) -> list[str]:
    """Styler rule: shade every cell of a row whose values are not all equal."""
    differs = row.nunique(dropna=False) > 1
    return ["background-color: rgba(255, 196, 0, 0.30); font-weight: 600" if differs else "" for _ in row]


def _catalogue():
    from ui.i18n import CATALOGUE

    return CATALOGUE


def sku_warehouse_picker(skus: pd.DataFrame, pairs: pd.DataFrame, *, key: str) -> tuple[str, str]:
    """Pick a SKU (search by id or name) and one of its warehouses in scope."""
    names = dict(zip(skus["sku"].astype(str), skus["name"].astype(str)))
    options = sorted(pairs["sku"].astype(str).unique())
    c1, c2 = st.columns([2, 1])
    sku = c1.selectbox(t("pick.sku"), options, key=f"{key}_sku", format_func=lambda s: f"{s} · {names.get(s, '')}",
                       help=t("pick.sku_help"))
    whs = sorted(pairs.loc[pairs["sku"] == sku, "warehouse_id"].astype(str).unique())
    wid = c2.selectbox(t("pick.warehouse"), whs, key=f"{key}_wh")
    return sku, wid


def ordered_pairs(result) -> pd.DataFrame:
    """SKU x warehouse pairs the plan orders for (quantity after rounding > 0)."""
    lines = result.lines
    return lines.loc[(lines["qty_after_rounding"] > 0) & (lines["warehouse_id"] != "(none)"),
                     ["sku", "warehouse_id"]].drop_duplicates()


def plan_alerts(view, result=None) -> pd.DataFrame:
    """The view's alerts (sorted by severity then due date), limited to the plan's active lines when given."""
    if result is None:
        return view.alerts
    from linkstar_analytics.review import relevant_alerts

    return relevant_alerts(view.alerts, result.lines)


def localized_alert_message(row) -> str:
    """The alert's message in the UI language: English keeps the library's detailed text; Chinese uses a
    template per kind filled from the alert's fields."""
    from ui.i18n import fmt_date, get_lang

    if get_lang() == "en" or f"alert.msg.{row['kind']}" not in _catalogue():
        return str(row["message"])
    return t(f"alert.msg.{row['kind']}", sku=row.get("sku") or "", wh=row.get("warehouse_id") or "",
             due=fmt_date(row.get("due_date")))


def readiness_item_label(item: str) -> str:
    key = f"ready.item.{item}"
    return t(key) if key in _catalogue() else str(item)


def alerts_table(alerts: pd.DataFrame) -> None:
    frame = alerts.assign(
        severity=alerts["severity"].map(lambda s: t(f"alert.sev.{s}")),
        kind=alerts["kind"].map(lambda k: t(f"alert.kind.{k}")),
        message=[localized_alert_message(r) for r in alerts.to_dict("records")],
    )
    st.dataframe(frame[["severity", "kind", "sku", "warehouse_id", "due_date", "message"]], hide_index=True,
                 width="stretch", column_config={
                     "severity": t("alert.severity"), "kind": t("alert.kind"), "sku": t("col.sku"),
                     "warehouse_id": t("col.warehouse"),
                     "due_date": st.column_config.DateColumn(t("alert.col.due"), format="YYYY-MM-DD"),
                     "message": st.column_config.TextColumn(t("alert.col.message"), width="large")})


# ---------------------------------------------------------------------------------------------
# Plan views
# ---------------------------------------------------------------------------------------------

def plan_totals(result) -> None:
    """The headline figures of a plan, every money figure with its currency."""
    from ui.i18n import fmt_date, fmt_int, fmt_money, fmt_pct

    tot, cur = result.totals, result.currency
    r1 = st.columns(4)
    r1[0].metric(t("wi.units"), fmt_int(tot["units"]), t("wi.demand", n=fmt_int(tot["demand_mean"])),
                 delta_color="off", delta_arrow="off", help=t("wi.units_help"))
    r1[1].metric(t("wi.purchase"), fmt_money(tot["purchase_value"], cur))
    r1[2].metric(t("wi.landed"), fmt_money(tot["total_landed_cost"], cur))
    r1[3].metric(t("wi.peak_cash"), fmt_money(tot["peak_cash"], cur),
                 t("wi.peak_week", week=fmt_date(tot["peak_cash_week"])), delta_color="off", delta_arrow="off")
    r2 = st.columns(4)
    r2[0].metric(t("wi.stockout_units"), fmt_int(tot["expected_stockout_units"]),
                 t("wi.fill_rate", pct=fmt_pct(100 * tot["fill_rate"])), delta_color="off", delta_arrow="off",
                 help=t("wi.stockout_help"))
    r2[1].metric(t("wi.lost_margin"), fmt_money(tot["lost_margin"], cur))
    r2[2].metric(t("wi.leftover_units"), fmt_int(tot["expected_leftover_units"]), help=t("wi.leftover_help"))
    r2[3].metric(t("wi.leftover_cost"), fmt_money(tot["leftover_cost"], cur))
    if tot.get("moq_added_units", 0) > 0:
        st.caption(t("wi.moq_note", units=fmt_int(tot["moq_added_units"]), skus=fmt_int(tot.get("skus_below_moq", 0)),
                     leftover=fmt_int(tot.get("moq_leftover_units", 0)),
                     cost=fmt_money(tot.get("moq_leftover_cost", 0.0), cur)))


def flag_label(flags: str) -> str:
    return ", ".join(t(f"flag.{f}") for f in str(flags or "").split(";") if f)


def plan_lines_table(result, skus: pd.DataFrame, *, key: str) -> pd.DataFrame:
    """Sortable, filterable SKU x warehouse table of the plan with risk flags; returns the filtered lines."""
    lines = result.lines.merge(skus[["sku", "category"]], on="sku", how="left")
    f1, f2, f3, f4 = st.columns([2, 2, 2, 2])
    query = f1.text_input(t("tl.search"), key=f"{key}_q", max_chars=80)
    cats = sorted(lines["category"].dropna().unique())
    pick_cat = f2.multiselect(t("col.category"), cats, key=f"{key}_cat", format_func=lambda c: t(f"cat.{c}"))
    whs = sorted(lines["warehouse_id"].unique())
    pick_wh = f3.multiselect(t("col.warehouse"), whs, key=f"{key}_wh")
    flags = sorted({f for fl in lines["flags"].fillna("") for f in fl.split(";") if f})
    pick_flag = f4.multiselect(t("wi.flags"), flags, key=f"{key}_flag", format_func=lambda f: t(f"flag.{f}"))
    view = lines
    if query:
        hit = view["sku"].str.contains(query, case=False, regex=False) | view["name"].astype(str).str.contains(
            query, case=False, regex=False)
        view = view.loc[hit]
    if pick_cat:
        view = view.loc[view["category"].isin(pick_cat)]
    if pick_wh:
        view = view.loc[view["warehouse_id"].isin(pick_wh)]
    if pick_flag:
        view = view.loc[view["flags"].fillna("").map(lambda s: any(f in s.split(";") for f in pick_flag))]
    view = view.sort_values("stockout_prob", ascending=False)
    cur = result.currency
    shown = readable(view.assign(stockout_pct=100 * view["stockout_prob"], flags_text=view["flags"].map(flag_label)))
    st.dataframe(
        shown[["sku", "name", "region", "warehouse_id", "fulfilment_mode", "freight_mode", "demand_mean", "demand_p90",
               "on_hand_units", "qty_after_rounding", "moq_added_units", "stockout_pct", "expected_lost_units",
               "expected_leftover_units", "leftover_cost", "landed_cost_per_unit", "total_landed_cost", "flags_text"]],
        hide_index=True, width="stretch", height=420,
        column_config={
            "sku": t("col.sku"), "name": t("col.name"), "region": t("col.region"), "warehouse_id": t("col.warehouse"),
            "fulfilment_mode": t("col.mode"), "freight_mode": t("col.freight_mode"),
            "demand_mean": st.column_config.NumberColumn(t("wi.col.demand"), format="%.0f"),
            "demand_p90": st.column_config.NumberColumn(t("wi.col.demand_p90"), format="%.0f"),
            "on_hand_units": st.column_config.NumberColumn(t("wi.col.on_hand"), format="%.0f"),
            "qty_after_rounding": st.column_config.NumberColumn(t("wi.col.qty"), format="%.0f"),
            "moq_added_units": st.column_config.NumberColumn(t("wi.col.moq_added"), format="%.0f",
                                                             help=t("wi.col.moq_added_help")),
            "stockout_pct": st.column_config.ProgressColumn(t("wi.col.stockout"), format="%.1f%%", min_value=0,
                                                            max_value=100),
            "expected_lost_units": st.column_config.NumberColumn(t("wi.col.lost"), format="%.0f"),
            "expected_leftover_units": st.column_config.NumberColumn(t("wi.col.leftover"), format="%.0f"),
            "leftover_cost": st.column_config.NumberColumn(t("wi.col.leftover_cost", cur=cur), format="%.0f"),
            "landed_cost_per_unit": st.column_config.NumberColumn(t("wi.col.landed_unit", cur=cur), format="%.2f"),
            "total_landed_cost": st.column_config.NumberColumn(t("wi.col.landed_total", cur=cur), format="%.0f"),
            "flags_text": st.column_config.TextColumn(t("wi.flags"), width="large"),
        },
    )
    st.caption(t("wi.table_caption", n=len(view), total=len(lines)))
    return view


def export_buttons(result, supply, *, key: str) -> None:
    """Download the stock-up plan sheet (.xlsx and CSV) of the current scenario; files are built only on click."""
    from ui import state
    from ui.i18n import get_lang

    from linkstar_analytics.report.sheet import plan_sheet_frame, write_plan_csv, write_plan_xlsx

    lang = get_lang()
    scenario = state.get_scenario()

    def frame():
        lines = result.lines.loc[result.lines["warehouse_id"] != "(none)"]
        return plan_sheet_frame(lines, supply.schedule, lang=lang, currency=result.currency)

    summary = {t(f"lever.{k}") if f"lever.{k}" in _catalogue() else k: str(v)
               for k, v in scenario.to_dict().items() if k != "focus_lever"}
    name = f"stockup_plan_{scenario.campaign_id or 'campaign'}"
    c1, c2 = st.columns(2)
    c1.download_button(t("wi.export_xlsx"), data=lambda: write_plan_xlsx(frame(), None, scenario_summary=summary, lang=lang),
                       file_name=f"{name}.xlsx", key=f"{key}_xlsx", icon=":material/download:", width="stretch",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")
    c2.download_button(t("wi.export_csv"), data=lambda: write_plan_csv(frame(), None), file_name=f"{name}.csv",
                       key=f"{key}_csv", icon=":material/download:", mime="text/csv", width="stretch",
                       on_click="ignore")


# ---------------------------------------------------------------------------------------------
# Warehouse mix editor (the warehouse_mix lever)
# ---------------------------------------------------------------------------------------------

def effective_mix(by_warehouse: pd.DataFrame, mix) -> dict[str, dict[str, float]]:
    """Share % per region and warehouse as the plan applies it: the scenario's mix, else the data's default
    (read back from the plan's routed demand)."""
    out: dict[str, dict[str, float]] = {}
    for region, g in by_warehouse.groupby("region"):
        if region in mix:
            shares = {str(k): float(v) for k, v in dict(mix[region]).items()}
        else:
            total = float(g["demand_mean"].sum())
            shares = {str(w): (100.0 * float(d) / total if total > 0 else 100.0 / len(g))
                      for w, d in zip(g["warehouse_id"], g["demand_mean"])}
        out[str(region)] = shares
    return out


def mix_editor(region: str, shares: dict[str, float], *, custom: bool) -> None:
    """Number inputs for one region's shares; 'Apply' writes them to the scenario (normalised to 100 %)."""
    from ui import state

    st.markdown(f"**{region}** · " + (t("mix.custom") if custom else t("mix.default")))
    with st.form(f"mix_{region}", border=True):
        values = {}
        for wid, pct in shares.items():
            values[wid] = st.number_input(t("mix.share_of", wid=wid), min_value=0.0, max_value=100.0,
                                          value=float(round(pct, 1)), step=5.0, key=f"lv_mix_{region}_{wid}")
        c1, c2 = st.columns(2)
        apply = c1.form_submit_button(t("mix.apply"), type="primary", width="stretch")
        reset = c2.form_submit_button(t("mix.reset"), width="stretch", disabled=not custom)
    if apply:
        total = sum(values.values())
        if total <= 0:
            st.error(t("mix.zero"))
            return
        mix = {k: dict(v) for k, v in state.get_scenario().warehouse_mix.items()}
        mix[region] = {w: round(100.0 * v / total, 2) for w, v in values.items() if v > 0}
        state.update_scenario(warehouse_mix=mix)
        st.rerun()
    if reset:
        mix = {k: dict(v) for k, v in state.get_scenario().warehouse_mix.items() if k != region}
        state.set_scenario(state.get_scenario().replace(warehouse_mix=mix), reset_widgets=True)
        st.rerun()


# ---------------------------------------------------------------------------------------------
# Review page pieces
# ---------------------------------------------------------------------------------------------

def scenario_badge() -> None:
    """Which saved scenario (if any) this view shows, and which levers differ from the defaults."""
    from linkstar_analytics.plan.scenario import Scenario, diff
    from ui import state

    scenario = state.get_scenario()
    ref = st.session_state.get(state.K_SCENARIO_REF)
    changed = [name for name, _a, _b in diff(Scenario(dataset_version=scenario.dataset_version,
                                                       campaign_id=scenario.campaign_id), scenario)]
    label = t("rv.saved_as", name=ref[0], version=ref[1]) if ref else t("rv.unsaved")
    levers = ", ".join(t(f"lever.{n}") if f"lever.{n}" in _catalogue() else n for n in changed) or t("rv.all_default")
    st.caption(f"{label} · {t('rv.changed_levers')}: {levers}")


def risk_table(frame: pd.DataFrame, currency: str, *, key: str) -> None:
    st.dataframe(
        frame.assign(stockout_pct=100 * frame["stockout_prob"])[
            ["sku", "name", "warehouse_id", "qty_after_rounding", "stockout_pct", "lost_margin", "leftover_cost"]],
        hide_index=True, width="stretch", key=key,
        column_config={
            "sku": t("col.sku"), "name": t("col.name"), "warehouse_id": t("col.warehouse"),
            "qty_after_rounding": st.column_config.NumberColumn(t("wi.col.qty"), format="%.0f"),
            "stockout_pct": st.column_config.NumberColumn(t("wi.col.stockout"), format="%.1f%%"),
            "lost_margin": st.column_config.NumberColumn(t("rv.col.lost_margin", cur=currency), format="%.0f"),
            "leftover_cost": st.column_config.NumberColumn(t("wi.col.leftover_cost", cur=currency), format="%.0f"),
        })


def late_table(frame: pd.DataFrame, currency: str) -> None:
    if frame.empty:
        st.success(t("rv.none_late"))
        return
    st.dataframe(readable(frame), hide_index=True, width="stretch", column_config={
        "sku": t("col.sku"), "warehouse_id": t("col.warehouse"), "freight_mode": t("col.freight_mode"),
        "latest_po_date": st.column_config.DateColumn(t("tl.col.po"), format="YYYY-MM-DD"),
        "days_late": st.column_config.NumberColumn(t("tl.col.days_late"), format="%d"),
        "expected_arrival": st.column_config.DateColumn(t("tl.col.if_today"), format="YYYY-MM-DD"),
        "rescue_mode": t("tl.col.rescue"),
        "rescue_extra_cost_per_unit": st.column_config.NumberColumn(t("tl.col.rescue_cost", cur=currency),
                                                                    format="%.2f")})


def localized_readiness(frame: pd.DataFrame) -> pd.DataFrame:
    """Readiness rows with the item name and the fix in the UI language (details stay as the rules say)."""
    from ui.i18n import get_lang

    out = frame.assign(item=frame["item"].map(readiness_item_label))
    if get_lang() == "zh":
        out = out.assign(fix=[t("ready.fix", item=i) for i in out["item"]])
    return out


def blocking_table(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.success(t("rv.none_blocking"))
        return
    frame = localized_readiness(frame)
    st.dataframe(frame, hide_index=True, width="stretch", column_config={
        "sku": t("col.sku"), "warehouse_id": t("col.warehouse"), "region": t("col.region"),
        "item": t("alert.col.item"), "detail": t("alert.col.detail"), "fix": t("alert.col.fix")})


def decisions_table(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.caption(t("rv.no_decisions"))
        return
    cols = [c for c in ("created_at", "scenario_version", "author", "text") if c in frame.columns]
    st.dataframe(frame[cols], hide_index=True, width="stretch", column_config={
        "created_at": st.column_config.DatetimeColumn(t("rv.col.when"), format="YYYY-MM-DD HH:mm"),
        "scenario_version": st.column_config.NumberColumn(t("sc.col.version"), format="%d"),
        "author": t("sc.col.author"), "text": st.column_config.TextColumn(t("rv.col.decision"), width="large")})


def report_download(result, rv, figures, *, campaign: str) -> None:
    """Printable HTML report of the review (built only when clicked)."""
    from linkstar_analytics.report.html import review_report_html
    from ui import state
    from ui.i18n import fmt_date, get_lang

    scenario = state.get_scenario()
    ref = st.session_state.get(state.K_SCENARIO_REF)

    def build() -> str:
        from linkstar_analytics.io import storage
        from ui import cache

        decisions = storage.list_decisions(cache.cursor(), ref[0]) if ref else None
        headline = headline_pairs(result)
        summary = [(t(f"lever.{k}") if f"lever.{k}" in _catalogue() else k, str(v))
                   for k, v in scenario.to_dict().items() if k != "focus_lever"]
        return review_report_html(
            title=t("rv.report_title", campaign=campaign, date=fmt_date(state.today())), scenario_summary=summary,
            headline=headline, top_risks=pd.concat([rv.top_stockout, rv.top_overstock]).drop_duplicates(),
            late_items=rv.late_items, blocking=rv.blocking, decisions=decisions, figures=figures, lang=get_lang())

    st.download_button(t("rv.download"), data=build, file_name=f"review_{campaign}.html", mime="text/html",
                       icon=":material/print:", on_click="ignore", key="rv_report")


def uplift_override_editor(sku: str, region: str, estimated: float | None, campaign_name: str) -> None:
    """Let the planner replace the estimated campaign uplift of one SKU in one market (the ``uo`` lever)."""
    from ui import state

    scenario = state.get_scenario()
    key = f"{sku}|{region}"
    current = scenario.uplift_overrides.get(key)
    st.markdown(t("fc.override_title", campaign=campaign_name))
    c1, c2, c3 = st.columns([2, 1, 1])
    value = c1.number_input(t("fc.override_value"), min_value=0.1, max_value=50.0, step=0.1, format="%.2f",
                            value=float(current if current is not None else (estimated or 1.0)),
                            key=f"uo_{key}", help=t("fc.override_help"))
    if c2.button(t("fc.override_apply"), key=f"uo_apply_{key}", type="primary", width="stretch"):
        ups = dict(scenario.uplift_overrides)
        ups[key] = float(value)
        state.update_scenario(uplift_overrides=ups)
        st.rerun()
    if c3.button(t("fc.override_reset"), key=f"uo_reset_{key}", width="stretch", disabled=current is None):
        ups = {k: v for k, v in scenario.uplift_overrides.items() if k != key}
        state.update_scenario(uplift_overrides=ups)
        st.rerun()
    if current is not None:
        st.caption(t("fc.override_active", value=f"{current:.2f}", est=f"{estimated:.2f}" if estimated else "—"))


def on_forecast_model() -> None:
    from ui import state

    state.update_scenario(forecast_model=st.session_state["lv_forecast_model"])


def selection_reason(sel: pd.Series) -> str:
    """Why ``auto`` chose this model: the library's text in English, a template over its scores in Chinese."""
    from ui.i18n import get_lang

    if get_lang() == "en":
        return str(sel["reason"])
    models = [c[len("score_"):] for c in sel.index if c.startswith("score_") and pd.notna(sel[c])]
    if not models:
        return t("fc.reason_forced", model=t(f"fc.short.{sel['model']}"))
    scores = "，".join(f"{t(f'fc.short.{m}')} {100 * float(sel[f'score_{m}']):.0f}%" for m in models)
    wapes = "，".join(f"{t(f'fc.short.{m}')} {100 * float(sel[f'wape_{m}']):.0f}%" for m in models
                      if pd.notna(sel.get(f"wape_{m}")))
    return t("fc.reason_tpl", model=t(f"fc.short.{sel['model']}"), n=int(sel.get("n_origins", 0) or 0),
             scores=scores, wapes=wapes)


def accuracy_tables(acc: dict) -> None:
    """Backtest accuracy for the catalogue, per category and per SKU, each model against seasonal naive."""
    metric_cols = {
        "model": st.column_config.TextColumn(t("fc.col.model")),
        "wape": st.column_config.NumberColumn(t("fc.col.wape"), format="percent"),
        "bias": st.column_config.NumberColumn(t("fc.col.bias"), format="percent"),
        "coverage": st.column_config.NumberColumn(t("fc.col.coverage"), format="percent"),
        "camp_wape": st.column_config.NumberColumn(t("fc.col.camp_wape"), format="percent"),
        "skill_vs_naive": st.column_config.NumberColumn(t("fc.col.skill"), format="percent"),
        "win_wape": st.column_config.NumberColumn(t("fc.col.win_wape"), format="percent"),
        "win_coverage": st.column_config.NumberColumn(t("fc.col.win_coverage"), format="percent"),
        "category": t("col.category"), "sku": t("col.sku"),
    }
    shown = [c for c in ("model", "wape", "win_wape", "bias", "coverage", "win_coverage", "camp_wape", "skill_vs_naive")
             if c in acc["catalogue"].columns]
    tab1, tab2, tab3 = st.tabs([t("fc.acc.catalogue"), t("fc.acc.category"), t("fc.acc.sku")])
    with tab1:
        st.dataframe(acc["catalogue"][shown], hide_index=True, width="stretch", column_config=metric_cols)
        st.caption(t("fc.acc.caption"))
    with tab2:
        cat = acc["category"]
        st.dataframe(cat.loc[cat["model"].isin(["auto", "naive"]), ["category", *shown]], hide_index=True,
                     width="stretch", column_config=metric_cols)
    with tab3:
        sku = acc["sku"]
        st.dataframe(sku.loc[sku["model"] == "auto", ["sku", "category", *shown]].sort_values("wape", ascending=False),
                     hide_index=True, width="stretch", column_config=metric_cols, height=380)


def issue_kind(code: str) -> str:
    """The translated name of an import issue's kind (falls back to the code itself)."""
    key = f"issue.{code}"
    return t(key) if key in _catalogue() else str(code)


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A display copy with code columns in words: freight and rescue modes, fulfilment modes, yes/no flags."""
    out = frame.copy()
    for col in ("freight_mode", "rescue_mode"):
        if col in out.columns:
            out[col] = out[col].map(lambda m: t(f"freight.{m}") if isinstance(m, str) and f"freight.{m}" in _catalogue()
                                    else ("—" if m is None or (isinstance(m, float) and pd.isna(m)) else m))
    if "fulfilment_mode" in out.columns:
        out["fulfilment_mode"] = out["fulfilment_mode"].map(
            lambda m: t(f"mode_short.{m}") if f"mode_short.{m}" in _catalogue() else m)
    return out
