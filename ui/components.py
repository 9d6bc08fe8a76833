"""Shared view pieces: chart styling, countdown labels, table column configs, headline blocks."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui.i18n import date_format_pattern, t

#: Calm qualitative palette (Okabe-Ito, colour-blind safe); red is kept for warnings and today's line.
PALETTE = ["#0072B2", "#56B4E9", "#009E73", "#E69F00", "#CC79A7", "#F0E442", "#000000", "#D55E00"]

FONT = "Inter, 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"


def style_fig(fig: go.Figure, *, height: int = 360) -> go.Figure:
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
    """Headline figures and top alerts of the current scenario (filled once the plan engine is wired)."""
    return None


# ---------------------------------------------------------------------------------------------
# Scenario levers (sidebar)
# ---------------------------------------------------------------------------------------------

def _lever_key(name: str) -> str:
    return f"lv_{name}"


def _on_lever(name: str, cast) -> None:
    from ui import state

    value = st.session_state[_lever_key(name)]
    state.update_scenario(**{name: cast(value)})


def _seed(name: str, value) -> str:
    key = _lever_key(name)
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def campaign_picker(campaigns: pd.DataFrame) -> str:
    """The campaign lever, in the page body (names are long), with its dates and countdowns beside it."""
    from ui import state
    from ui.i18n import fmt_date

    current = state.campaign_id(campaigns)
    rows = campaigns.assign(campaign_id=campaigns["campaign_id"].astype(str)).set_index("campaign_id")
    today = pd.Timestamp(state.today())
    # Upcoming campaigns first (soonest first), then past ones (most recent first) for look-backs.
    upcoming = rows.loc[pd.to_datetime(rows["end_date"]) >= today].sort_values("start_date").index.tolist()
    past = rows.loc[pd.to_datetime(rows["end_date"]) < today].sort_values("start_date", ascending=False).index.tolist()
    ids = upcoming + past
    key = _seed("campaign_id", current)
    if st.session_state[key] not in ids:
        st.session_state[key] = current
    c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
    c1.selectbox(t("lever.campaign_id"), ids, key=key, on_change=_on_lever, args=("campaign_id", str),
                 format_func=lambda c: f"{rows.loc[c, 'name']} ({str(rows.loc[c, 'regions']).replace(';', ', ')})")
    row = rows.loc[st.session_state[key]]
    for col, label, when in ((c2, t("home.deadline"), row["declaration_deadline"]),
                             (c3, t("home.cutoff"), row["inbound_cutoff"]),
                             (c4, t("home.starts"), row["start_date"])):
        days = (pd.Timestamp(when) - today).days
        col.metric(label, fmt_date(when), countdown_label(days), delta_color="inverse" if days < 0 else "off",
                   delta_arrow="off")
    return str(st.session_state[key])


def lever_sidebar(campaigns: pd.DataFrame, warehouses: pd.DataFrame, *, compact: bool = False) -> None:
    """Every numeric and choice lever of the scenario in the sidebar (the campaign is picked in the page
    body, see ``campaign_picker``); each change rewrites the scenario and the URL."""
    from linkstar_analytics.plan.scenario import DISPLAY_CURRENCIES, DISPOSAL_OPTIONS, FOCUS_LEVERS, LEAD_TIME_CASES, LEVERS
    from linkstar_analytics.schemas import FREIGHT_MODES
    from ui import state
    from ui.i18n import fmt_date

    scenario = state.get_scenario()
    sb = st.sidebar
    sb.subheader(t("lever.title"))

    def slider(name: str, step, fmt: str, cast=float):
        spec = LEVERS[name]
        k = _seed(name, cast(getattr(scenario, name)))
        sb.slider(t(f"lever.{name}"), min_value=cast(spec.min_value), max_value=cast(spec.max_value), step=step,
                  key=k, on_change=_on_lever, args=(name, cast), format=fmt, help=t(f"lever.{name}.help"))

    slider("presale_conversion_pct", 1.0, "%.0f%%")
    slider("uplift_multiplier", 0.05, "%.2f×")
    slider("service_level_pct", 0.5, "%.1f%%")
    slider("buffer_days", 1, "%d", cast=int)
    if compact:
        return
    slider("deposit_conversion_pct", 1.0, "%.0f%%")
    slider("cover_days", 1, "%d", cast=int)

    def choice(name: str, options, label_fn):
        k = _seed(name, getattr(scenario, name))
        sb.selectbox(t(f"lever.{name}"), list(options), key=k, on_change=_on_lever, args=(name, str),
                     format_func=label_fn)

    choice("lead_time_case", LEAD_TIME_CASES, lambda v: t(f"lt.{v}"))
    choice("disposal", DISPOSAL_OPTIONS, lambda v: t(f"disposal.{v}"))
    choice("display_currency", DISPLAY_CURRENCIES, str)
    choice("focus_lever", FOCUS_LEVERS, lambda v: t(f"lever.{v}"))

    with sb.expander(t("lever.freight_mode")):
        for wid in warehouses["warehouse_id"].astype(str):
            k = _lever_key(f"fm_{wid}")
            if k not in st.session_state:
                st.session_state[k] = scenario.freight_mode.get(wid, "sea")
            st.selectbox(wid, list(FREIGHT_MODES), key=k, format_func=lambda m: t(f"freight.{m}"),
                         on_change=_on_freight, args=(wid,))
    with sb.expander(t("lever.fx")):
        for ccy in sorted(set(warehouses["currency"].astype(str)) | {"USD", "GBP", "THB"}):
            if ccy == "CNY":
                continue
            k = _lever_key(f"fx_{ccy}")
            if k not in st.session_state:
                st.session_state[k] = float(scenario.fx_cny_per_unit(ccy))
            st.number_input(t("lever.fx_rate", ccy=ccy), min_value=0.0001, max_value=1e6, key=k, format="%.4f",
                            on_change=_on_fx, args=(ccy,))


def _on_freight(wid: str) -> None:
    from ui import state

    mode = st.session_state[_lever_key(f"fm_{wid}")]
    fm = dict(state.get_scenario().freight_mode)
    if mode == "sea":
        fm.pop(wid, None)
    else:
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


def reset_lever_widgets() -> None:
    """Forget widget values so they re-seed from the scenario (after opening a saved one)."""
    for k in [k for k in st.session_state.keys() if str(k).startswith("lv_")]:
        del st.session_state[k]


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


def plan_alerts(view) -> pd.DataFrame:
    """The view's alerts (sorted by severity then due date)."""
    return view.alerts


def alerts_table(alerts: pd.DataFrame) -> None:
    frame = alerts.assign(
        severity=alerts["severity"].map(lambda s: t(f"alert.sev.{s}")),
        kind=alerts["kind"].map(lambda k: t(f"alert.kind.{k}")),
    )
    st.dataframe(frame[["severity", "kind", "sku", "warehouse_id", "due_date", "message"]], hide_index=True,
                 width="stretch", column_config={
                     "severity": t("alert.severity"), "kind": t("alert.kind"), "sku": t("col.sku"),
                     "warehouse_id": t("col.warehouse"),
                     "due_date": st.column_config.DateColumn(t("alert.col.due"), format="YYYY-MM-DD"),
                     "message": st.column_config.TextColumn(t("alert.col.message"), width="large")})
