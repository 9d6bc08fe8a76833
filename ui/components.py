"""Shared view pieces: chart styling, countdown labels, table column configs, headline blocks."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui.i18n import date_format_pattern, fmt_date_short, t
from ui.text import plain

#: Calm qualitative palette (Okabe-Ito, colour-blind safe); red is kept for warnings and today's line.
PALETTE = ["#0072B2", "#56B4E9", "#009E73", "#E69F00", "#CC79A7", "#F0E442", "#000000", "#D55E00"]

FONT = "Inter, 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"



def frozen_labels(options, label_fn):
    """A widget's ``format_func`` whose labels are computed now, in this run's language: Streamlit may call a format
    function later, where the session (and so its language) is not known."""
    labels = {o: label_fn(o) for o in options}
    return lambda o: labels.get(o, str(o))

#: The house chart style as a plotly template: plotly's default look plus a readable font with CJK fallbacks, titles
#: top left, the legend in a row above the plot, tight margins and :data:`PALETTE`. It is made plotly's default
#: template once at import (the same for every session, never changed afterwards), so every figure starts in the house
#: style: setting these properties figure by figure costs about 15 ms of plotly validation per chart.
HOUSE_TEMPLATE = "linkstar"


def _register_house_template() -> None:
    import plotly.io as pio

    if HOUSE_TEMPLATE not in pio.templates:
        # plotly's look without the parts for map, polar, ternary and 3-D charts this app never draws: the template
        # is copied into every figure and sent with it (7 kB -> 2 kB per chart)
        unused = ("geo", "map", "polar", "ternary", "scene", "3d", "carpet", "surface", "parcoords", "contour")
        base = pio.templates["plotly"].to_plotly_json()
        tpl = go.layout.Template(
            layout={k: v for k, v in base["layout"].items() if not any(u in k for u in unused)},
            data={k: v for k, v in base["data"].items() if not any(u in k for u in unused)},
        )
        tpl.layout.update(
            margin=dict(l=10, r=10, t=56, b=10),
            font=dict(family=FONT, size=13),
            legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0, title_text=""),
            title=dict(font=dict(size=15), y=0.985, yanchor="top", x=0.01, xanchor="left"),
            colorway=PALETTE,
        )
        pio.templates[HOUSE_TEMPLATE] = tpl
    pio.templates.default = HOUSE_TEMPLATE


_register_house_template()


def style_fig(fig: go.Figure, *, height: int = 360, legend_below: bool = False) -> go.Figure:
    """House style for every plotly chart (:data:`HOUSE_TEMPLATE`): the height, room above the plot for a legend
    (or the legend below it), date axes in the UI language."""
    has_legend = fig.layout.showlegend is not False and sum(1 for tr in fig.data if tr.showlegend is not False) > 1
    if fig.layout.template.layout.font.family != FONT:  # a figure made with another template: restyle it
        fig.update_layout(template=HOUSE_TEMPLATE)
    if legend_below and has_legend:
        fig.update_layout(height=height, margin_b=10, legend_yanchor="top", legend_y=-0.22)
    elif has_legend:
        fig.update_layout(height=height, margin_t=96)
    else:
        fig.update_layout(height=height)
    localise_dates(fig)
    return fig


def vline(fig: go.Figure, x, *, color: str = "#666", dash: str | None = "dash", width: float = 2.0,
          text: str | None = None, text_color: str | None = None) -> go.Figure:
    """A vertical marker across the plot at ``x`` (the current lever value, today, a cut-off), its label at the top.
    Drawn as a plain shape: plotly's ``add_vline`` costs about 7 ms of validation per line on every rerun."""
    fig.add_shape(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
                  line=dict(color=color, dash=dash, width=width))
    if text:
        fig.add_annotation(x=x, xref="x", y=1, yref="paper", xanchor="left", yanchor="top", text=text,
                           showarrow=False, font=dict(color=text_color) if text_color else None)
    return fig


def hline(fig: go.Figure, y: float, *, color: str = "#666", dash: str | None = None, width: float = 2.0,
          text: str | None = None, text_left: bool = False) -> go.Figure:
    """A horizontal marker across the plot at ``y`` (zero, a limit, a trough), its label above the line at the right
    (or the left)."""
    fig.add_shape(type="line", xref="paper", yref="y", x0=0, x1=1, y0=y, y1=y,
                  line=dict(color=color, dash=dash, width=width))
    if text:
        fig.add_annotation(x=0 if text_left else 1, xref="paper", y=y, yref="y", xanchor="left" if text_left else "right",
                           yanchor="bottom", text=text, showarrow=False)
    return fig


def xband(fig: go.Figure, x0, x1, *, color: str, opacity: float, text: str | None = None) -> go.Figure:
    """A shaded span of the x axis behind the data (a campaign), its name at the top left."""
    fig.add_shape(type="rect", xref="x", yref="paper", x0=x0, x1=x1, y0=0, y1=1, fillcolor=color, opacity=opacity,
                  line_width=0, layer="below")
    if text:
        fig.add_annotation(x=x0, xref="x", y=1, yref="paper", xanchor="left", yanchor="top", text=text,
                           showarrow=False)
    return fig


#: Date tick labels in Chinese (plotly's own are English month names): day and week ticks ``12月7日``, month
#: ticks ``2026年12月``, year ticks ``2026年``; hover shows the full date.
ZH_DATE_TICKS = [
    dict(dtickrange=[None, 604_800_000], value="%-m月%-d日"),
    dict(dtickrange=[604_800_000, "M1"], value="%-m月%-d日"),
    dict(dtickrange=["M1", "M12"], value="%Y年%-m月"),
    dict(dtickrange=["M12", None], value="%Y年"),
]


def _is_dates(values) -> bool:
    import numpy as np

    if values is None:
        return False
    arr = np.asarray(values)
    if arr.size == 0:
        return False
    if arr.dtype.kind == "M":
        return True
    first = arr.flat[0]
    return isinstance(first, (pd.Timestamp, np.datetime64)) or (hasattr(first, "isoformat") and hasattr(first, "year"))


def localise_dates(fig: go.Figure) -> go.Figure:
    """Date axes in the UI language: Chinese tick and hover formats when the UI is in Chinese."""
    from ui.i18n import get_lang

    if get_lang() != "zh":
        return fig
    axes = {name for name in ("xaxis", "yaxis") if getattr(fig.layout, name).type == "date"}
    for tr in fig.data:
        if _is_dates(getattr(tr, "x", None)) or _is_dates(getattr(tr, "base", None)):
            axes.add("xaxis" + str(getattr(tr, "xaxis", "x") or "x")[1:])
        if _is_dates(getattr(tr, "y", None)):
            axes.add("yaxis" + str(getattr(tr, "yaxis", "y") or "y")[1:])
    for name in axes:
        fig.layout[name].update(tickformatstops=ZH_DATE_TICKS, hoverformat="%Y年%-m月%-d日")
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


def next_steps_block(result, view, campaigns: pd.DataFrame) -> None:
    """What to do next for the campaign (``next_steps``): the first step large, the next ones below it."""
    from linkstar_analytics.calendar import countdown
    from linkstar_analytics.next_steps import next_steps
    from linkstar_analytics.review import blocking_items, ordered_lines
    from linkstar_analytics.supply import campaign_row
    from ui import state
    from ui.i18n import fmt_date, fmt_int

    today = state.today()
    cid = state.campaign_id(campaigns)
    cd = countdown(campaign_row(campaigns, cid), today)
    steps = next_steps(cd, view.schedule, ordered_lines(result.lines), blocking_items(view.readiness, result.lines),
                       today)
    with st.container(border=True):
        st.markdown(f"**{t('next.title')}**")
        if not steps:
            st.success(t("next.none"))
            return
        for i, step in enumerate(steps[:4]):
            days = (step.due - today).days
            text = t(f"next.{step.kind}", n=fmt_int(step.count), date=fmt_date(step.due), when=countdown_label(days))
            if i == 0:
                icon = ":material/error:" if step.kind == "cut_or_defer" or days < 0 else ":material/flag:"
                (st.error if step.kind == "cut_or_defer" else st.info)(text, icon=icon)
                if step.examples:
                    st.caption(t("next.for", lines=plain(", ".join(step.examples))))
            else:
                st.markdown(f"- {text}")
        pages = {"cut_or_defer": "pages/timeline.py", "switch_mode": "pages/timeline.py", "place_po": "pages/timeline.py",
                 "declare": "pages/whatif.py", "fix_compliance": "pages/alerts.py", "inbound_cutoff": "pages/timeline.py"}
        st.page_link(pages[steps[0].kind], label=t(f"next.go.{steps[0].kind}"), icon=":material/arrow_forward:")


def overview_plan(campaigns: pd.DataFrame) -> None:
    """The Overview's plan block: what to do next, the headline figures, the most urgent alerts."""
    from ui import state

    result, _inputs = state.plan()
    plan_errors(result)
    view = state.supply_view()
    next_steps_block(result, view, campaigns)
    plan_totals(result)
    al = plan_alerts(view, result)
    st.markdown(f"**{t('home.alerts')}**")
    if al.empty:
        st.success(t("home.no_alerts"))
    else:
        alerts_table(al.head(5))
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


def _optional_int(value) -> int | None:
    """A number input's value as a whole number, or None when it was cleared."""
    return None if value is None else int(value)


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
    # the name gets a row of its own and the three dates a row below it: at 1280 x 720 neither is cut off
    chosen = st.selectbox(t("lever.campaign_id"), ids, index=_index(ids, current), key=key, on_change=_on_lever,
                          args=("campaign_id", str), width=560,
                          format_func=lambda c: f"{rows.loc[c, 'name']} ({str(rows.loc[c, 'regions']).replace(';', ', ')})")
    row = rows.loc[chosen]
    c2, c3, c4 = st.columns(3)
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
    lever_sidebar(tables, campaign)
    return version, tables, state.get_scenario(), campaign


def lever_sidebar(tables: dict[str, pd.DataFrame], campaign_id: str) -> None:
    """Every numeric and choice lever of the scenario in the sidebar (the campaign is picked in the page
    body, see ``campaign_picker``); each change rewrites the scenario and the URL. A lever with no data to act on
    for the campaign (presale conversion without presale data...) says so under it."""
    from linkstar_analytics.plan.scenario import (DISPLAY_CURRENCIES, DISPOSAL_OPTIONS, FOCUS_LEVERS, FORCE_ALL,
                                                  LEAD_TIME_CASES, LEVERS, MOQ_POLICIES, ORDER_POLICIES,
                                                  RESERVED_STOCK_OPTIONS)
    from linkstar_analytics.schemas import FREIGHT_MODES
    from ui import state

    from linkstar_analytics.supply import idle_levers

    warehouses = tables["warehouses"]
    skus = tables.get("skus")
    scenario = state.get_scenario()
    idle = idle_levers(tables, campaign_id)
    sb = st.sidebar
    sb.subheader(t("lever.title"))

    def slider(name: str, step, fmt: str, cast=float):
        spec = LEVERS[name]
        sb.slider(t(f"lever.{name}"), min_value=cast(spec.min_value), max_value=cast(spec.max_value), step=step,
                  value=cast(getattr(scenario, name)), key=_lever_key(name), on_change=_on_lever, args=(name, cast),
                  format=fmt, help=t(f"lever.{name}.help"))
        if name in idle:
            sb.caption(t(f"lever.idle.{idle[name]}"), help=t("lever.idle.help"))

    slider("presale_conversion_pct", 1.0, "%.0f%%")
    slider("uplift_multiplier", 0.05, "%.2f×")
    slider("service_level_pct", 0.5, "%.1f%%")
    slider("buffer_days", 1, "%d", cast=int)
    slider("deposit_conversion_pct", 1.0, "%.0f%%")
    slider("cover_days", 1, "%d", cast=int)

    def choice(name: str, options, label_fn):
        opts = list(options)
        sb.selectbox(t(f"lever.{name}"), opts, index=_index(opts, getattr(scenario, name)), key=_lever_key(name),
                     on_change=_on_lever, args=(name, str), format_func=frozen_labels(opts, label_fn))

    slider("redundancy_limit_pct", 5.0, "%.0f%%")
    spec_ks = LEVERS["key_sku_count"]
    sb.number_input(t("lever.key_sku_count"), min_value=int(spec_ks.min_value), max_value=int(spec_ks.max_value),
                    step=5, value=int(scenario.key_sku_count), key=_lever_key("key_sku_count"), on_change=_on_lever,
                    args=("key_sku_count", int), help=t("lever.key_sku_count.help"))
    choice("lead_time_case", LEAD_TIME_CASES, lambda v: t(f"lt.{v}"))
    choice("disposal", DISPOSAL_OPTIONS, lambda v: t(f"disposal.{v}"))
    choice("policy", ORDER_POLICIES, lambda v: t(f"policy.{v}"))
    choice("moq_policy", MOQ_POLICIES, lambda v: t(f"moq.{v}"))
    choice("reserved_stock", RESERVED_STOCK_OPTIONS, lambda v: t(f"rsv.{v}"))
    if skus is not None:
        options = [FORCE_ALL, *sorted(skus["sku"].astype(str))]
        sb.multiselect(t("lever.force_order"), options, default=[s for s in scenario.force_order if s in options],
                       key=_lever_key("force_order"), on_change=_on_lever, args=("force_order", tuple),
                       format_func=frozen_labels(options, lambda s: t("lever.force_all") if s == FORCE_ALL else s),
                       help=t("lever.force_order.help"))
    choice("display_currency", DISPLAY_CURRENCIES, str)
    choice("focus_lever", FOCUS_LEVERS, lambda v: t(f"lever.{v}"))

    with sb.expander(t("lever.freight_mode")):
        lanes = state.freight_lanes()
        for wid in warehouses["warehouse_id"].astype(str):
            offered = [m for m in FREIGHT_MODES if (wid, m) in lanes] or list(FREIGHT_MODES)
            mode = state.freight_mode_of(wid)
            st.selectbox(plain(wid), offered, index=_index(offered, mode), key=_lever_key(f"fm_{wid}"),
                         format_func=frozen_labels(offered, lambda m: t(f"freight.{m}")), on_change=_on_freight,
                         args=(wid,))
    with sb.expander(t("lever.fx")):
        for ccy in sorted(set(warehouses["currency"].astype(str)) | {"USD", "GBP", "THB"}):
            if ccy == "CNY":
                continue
            st.number_input(t("lever.fx_rate", ccy=ccy), min_value=0.0001, max_value=1e6,
                            value=float(scenario.fx_cny_per_unit(ccy)), key=_lever_key(f"fx_{ccy}"), format="%.4f",
                            on_change=_on_fx, args=(ccy,))
    with sb.expander(t("lever.cash_terms")):
        for name, step, fmt, cast in (("deposit_pct", 5.0, "%.0f%%", float), ("settlement_days", 1, "%d", int)):
            spec = LEVERS[name]
            st.slider(t(f"lever.{name}"), min_value=cast(spec.min_value), max_value=cast(spec.max_value), step=step,
                      value=cast(getattr(scenario, name)), key=_lever_key(name), on_change=_on_lever,
                      args=(name, cast), format=fmt, help=t(f"lever.{name}.help"))
        spec_cc = LEVERS["cash_ceiling_cny"]
        st.number_input(t("lever.cash_ceiling_cny"), min_value=0, max_value=int(spec_cc.max_value), step=100_000,
                        value=scenario.cash_ceiling_cny, key=_lever_key("cash_ceiling_cny"), on_change=_on_lever,
                        args=("cash_ceiling_cny", _optional_int), placeholder=t("cash.no_ceiling"),
                        help=t("lever.cash_ceiling_cny.help"))


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

def scenario_compare_tables(scenarios: dict, baseline: str, campaigns: pd.DataFrame) -> tuple[pd.DataFrame,
                                                                                           pd.DataFrame]:
    """(headline figures, levers) of saved scenarios side by side, the baseline first, each other scenario followed
    by its difference from the baseline. Headline differences are signed figures with their unit (money only when
    both scenarios show the same currency); lever rows say which levers differ."""
    from linkstar_analytics.plan.scenario import LEVERS
    from ui import exports, state

    names = [baseline] + [n for n in scenarios if n != baseline]
    results = {n: state.plan(scenarios[n])[0] for n in names}
    base_figs = headline_figures(results[baseline])
    head: dict[str, list[str]] = {}
    for n in names:
        figs = headline_figures(results[n])
        head[f"{n} · {t('sc.baseline')}" if n == baseline else n] = [fmt_figure(v, kind, cur) for _l, v, kind, cur in figs]
        if n != baseline:
            head[t("sc.diff_vs", name=n)] = [fmt_difference(v - bv, kind, cur) if (cur == bcur) else "—"
                                             for (_l, v, kind, cur), (_bl, bv, _bk, bcur) in zip(figs, base_figs)]
    headline = pd.DataFrame(head, index=[label for label, *_ in base_figs])

    rows: dict[str, list[str]] = {}
    for name in LEVERS:
        if name == "focus_lever":
            continue
        values = []
        for n in names:
            s = scenarios[n]
            value = state.campaign_id(campaigns, s) if name == "campaign_id" else getattr(s, name)
            values.append(exports.lever_value_text(name, value, campaigns))
        row = []
        for i, n in enumerate(names):
            row.append(values[i])
            if i:
                row.append(t("sc.changed") if values[i] != values[0] else "")
        rows[exports.lever_label(name)] = row
    levers = pd.DataFrame(rows, index=list(headline.columns)).T
    return headline, levers


def highlight_changed_levers(row: pd.Series) -> list[str]:
    """Styler rule: shade a lever row whose values differ from the baseline's."""
    differs = any(str(v) == t("sc.changed") for v in row)
    return ["background-color: rgba(255, 196, 0, 0.30); font-weight: 600" if differs else "" for _ in row]


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


def headline_figures(result) -> list[tuple[str, float, str, str]]:
    """The plan's headline figures (``summary.PLAN_HEADLINE``) as (label, value, kind, currency); kind ``units``,
    ``money``, ``pct`` (a percentage) or ``ratio`` (a plain number such as the ROI)."""
    from linkstar_analytics.summary import plan_headline

    out = []
    for fig, value in plan_headline(result.totals):
        kind = "pct" if fig.kind == "share" else fig.kind
        out.append((t(f"headline.{fig.key}"), 100 * value if fig.kind == "share" else value, kind, result.currency))
    return out


def fmt_figure(value: float, kind: str, currency: str) -> str:
    from ui.i18n import fmt_int, fmt_money, fmt_pct

    if value != value:
        return "—"
    if kind == "ratio":
        return f"{value:.2f}"
    return fmt_money(value, currency) if kind == "money" else fmt_pct(value) if kind == "pct" else fmt_int(value)


def before_after_frame(rows, before_label: str, after_label: str) -> pd.DataFrame:
    """A headline compared two ways, one row per figure: ``rows`` of ``(label, kind, before, after, currency)`` with
    ``kind`` as :func:`fmt_figure` takes (``pct`` values on the 0-1 scale); columns Figure, ``before_label``,
    ``after_label``, Change."""
    out = []
    for label, kind, before, after, currency in rows:
        scale = 100.0 if kind == "pct" else 1.0
        b, a = before * scale, after * scale
        out.append({t("stress.col.figure"): label, before_label: fmt_figure(b, kind, currency),
                    after_label: fmt_figure(a, kind, currency),
                    t("stress.col.change"): fmt_difference(a - b, kind, currency)})
    return pd.DataFrame(out)


def fmt_difference(delta: float, kind: str, currency: str) -> str:
    """A signed difference with its unit: ``+1,234``, ``−CNY 12.3K``, ``+0.4 pp``; ``0`` when equal."""
    from ui.i18n import fmt_compact, fmt_int

    if delta != delta:
        return "—"
    if abs(delta) < {"pct": 0.05, "ratio": 0.005}.get(kind, 0.5):
        return "0"
    sign = "+" if delta > 0 else "−"
    if kind == "money":
        return f"{sign}{currency} {fmt_compact(abs(delta))}"
    if kind == "pct":
        return f"{sign}{abs(delta):.1f} {t('unit.pp')}"
    if kind == "ratio":
        return f"{sign}{abs(delta):.2f}"
    return f"{sign}{fmt_int(abs(delta))}"


def headline_pairs(result) -> list[tuple[str, str]]:
    """The plan's headline figures as (label, formatted value) pairs, money with its currency."""
    return [(label, fmt_figure(value, kind, cur)) for label, value, kind, cur in headline_figures(result)]


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
    wid = c2.selectbox(t("pick.warehouse"), whs, key=f"{key}_wh", placeholder=t("common.choose"))
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
    st.dataframe(frame[["severity", "kind", "sku", "warehouse_id", "due_date", "message"]], hide_index=True, placeholder="—",
                 width="stretch", column_config={
                     "severity": t("alert.severity"), "kind": t("alert.kind"), "sku": t("col.sku"),
                     "warehouse_id": t("col.warehouse"),
                     "due_date": st.column_config.DateColumn(t("alert.col.due"), format="YYYY-MM-DD"),
                     "message": st.column_config.TextColumn(t("alert.col.message"), width="large")})


# ---------------------------------------------------------------------------------------------
# Plan views
# ---------------------------------------------------------------------------------------------

def plan_errors(result) -> None:
    """What the planner must fix before the plan can hold (a freight mode a warehouse has no lane for)."""
    bw = result.by_warehouse
    if bw.empty or "no_lane" not in bw.columns:
        return
    for row in bw.loc[bw["no_lane"]].itertuples(index=False):
        st.error(t("plan.no_lane", wh=row.warehouse_id, mode=t(f"freight.{row.freight_mode}")),
                 icon=":material/error:")


def plan_totals(result) -> None:
    """The headline figures of a plan, every money figure with its currency (in the label, so that eight figures fit
    a 1280-pixel projector: ``Landed cost (CNY)`` over ``1,863.1万`` rather than a cut-off ``CNY 1,863.…``)."""
    from ui.i18n import fmt_compact, fmt_date, fmt_int, fmt_money, fmt_pct

    tot, cur = result.totals, result.currency

    def money(key: str) -> str:
        return t("wi.money_label", label=t(key), cur=cur)

    r1 = st.columns(4)
    r1[0].metric(t("wi.units"), fmt_int(tot["units"]), t("wi.demand", n=fmt_int(tot["demand_mean"])),
                 delta_color="off", delta_arrow="off", help=t("wi.units_help"))
    r1[1].metric(money("wi.purchase"), fmt_compact(tot["purchase_value"]))
    r1[2].metric(money("wi.landed"), fmt_compact(tot["total_landed_cost"]))
    r1[3].metric(money("wi.peak_cash"), fmt_compact(tot["peak_cash"]),
                 t("wi.peak_week", week=fmt_date(tot["peak_cash_week"])), delta_color="off", delta_arrow="off")
    r2 = st.columns(4)
    r2[0].metric(t("wi.stockout_units"), fmt_int(tot["expected_stockout_units"]),
                 t("wi.fill_rate", pct=fmt_pct(100 * tot["fill_rate"])), delta_color="off", delta_arrow="off",
                 help=t("wi.stockout_help"))
    r2[1].metric(money("wi.lost_margin"), fmt_compact(tot["lost_margin"]))
    r2[2].metric(t("wi.leftover_units"), fmt_int(tot["expected_leftover_units"]), help=t("wi.leftover_help"))
    r2[3].metric(money("wi.leftover_cost"), fmt_compact(tot["leftover_cost"]))
    r3 = st.columns(4)
    r3[0].metric(money("headline.expected_revenue"), fmt_compact(tot["expected_revenue"]),
                 help=t("headline.expected_revenue.help"))
    r3[1].metric(money("headline.gross_profit"), fmt_compact(tot["gross_profit"]), help=t("headline.gross_profit.help"))
    roi = tot["campaign_roi"]
    r3[2].metric(t("headline.campaign_roi"), "—" if roi != roi else f"{roi:.2f}",
                 t("wi.capital", cap=fmt_money(tot["capital_tied_up"], cur)), delta_color="off", delta_arrow="off",
                 help=t("headline.campaign_roi.help"))
    r3[3].metric(t("headline.coverable_fill_rate"), fmt_pct(100 * tot["coverable_fill_rate"]),
                 t("wi.late_lines", n=fmt_int(tot["arrives_in_window_lines"] + tot["misses_window_lines"])),
                 delta_color="off", delta_arrow="off", help=t("headline.coverable_fill_rate.help"))
    if tot.get("reserved_wait_lines", 0) > 0:
        st.caption(t("wi.reserved_note", n=fmt_int(tot["reserved_wait_lines"]), units=fmt_int(tot["units"]),
                     campaign=fmt_int(tot["campaign_stock_units"]), ordinary=fmt_int(tot["ordinary_units"]),
                     start=fmt_date_short(tot["reserved_from_date"])))
    if tot.get("negative_margin_lines", 0) > 0:
        st.caption(t("wi.negative_note", n=fmt_int(tot["negative_margin_lines"]), forced=fmt_int(tot["forced_lines"])))
    if tot.get("skus_moq_skipped", 0) > 0:
        st.caption(t("wi.moq_skipped_note", n=fmt_int(tot["skus_moq_skipped"])))
    if tot.get("moq_added_units", 0) > 0:
        st.caption(t("wi.moq_note", units=fmt_int(tot["moq_added_units"]), skus=fmt_int(tot.get("skus_below_moq", 0)),
                     leftover=fmt_int(tot.get("moq_leftover_units", 0)),
                     cost=fmt_money(tot.get("moq_leftover_cost", 0.0), cur)))


def map_labels(values: pd.Series, label) -> pd.Series:
    """``values.map(label)`` with ``label`` called once per distinct value, not per row (a catalogue lookup costs about
    20 µs: a 1,600-line table mapped row by row spends 30 ms of every rerun on it)."""
    import numpy as np

    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    out = np.empty(len(values), dtype=object)
    known = codes >= 0
    if len(uniques):
        out[known] = np.array([label(u) for u in uniques], dtype=object)[codes[known]]
    if not known.all():
        out[~known] = label(values[~known].iloc[0])
    return pd.Series(out, index=values.index, name=values.name)


def flag_label(flags: str) -> str:
    return ", ".join(t(f"flag.{f}") for f in str(flags or "").split(";") if f)


def plan_lines_table(result, skus: pd.DataFrame, *, key: str) -> pd.DataFrame:
    """Sortable, filterable SKU x warehouse table of the plan with risk flags; returns the filtered lines."""
    lines = result.lines.merge(skus[["sku", "category"]], on="sku", how="left")
    f1, f2, f3, f4 = st.columns([2, 2, 2, 2])
    query = f1.text_input(t("tl.search"), key=f"{key}_q", max_chars=80)
    cats = sorted(lines["category"].dropna().unique())
    pick_cat = f2.multiselect(t("col.category"), cats, key=f"{key}_cat", format_func=frozen_labels(cats, lambda c: t(f"cat.{c}")),
                              placeholder=t("common.choose_many"))
    whs = sorted(lines["warehouse_id"].unique())
    pick_wh = f3.multiselect(t("col.warehouse"), whs, key=f"{key}_wh", placeholder=t("common.choose_many"))
    flags = sorted({f for fl in lines["flags"].fillna("") for f in fl.split(";") if f})
    pick_flag = f4.multiselect(t("wi.flags"), flags, key=f"{key}_flag", format_func=frozen_labels(flags, lambda f: t(f"flag.{f}")),
                               placeholder=t("common.choose_many"))
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
        view = view.loc[map_labels(view["flags"].fillna(""), lambda s: any(f in s.split(";") for f in pick_flag))
                        .astype(bool)]
    view = view.sort_values("stockout_prob", ascending=False)
    cur = result.currency
    shown = readable(view.assign(stockout_pct=100 * view["stockout_prob"], flags_text=map_labels(view["flags"], flag_label)))
    st.dataframe(
        shown[["sku", "name", "region", "warehouse_id", "fulfilment_mode", "freight_mode", "demand_mean", "demand_p90",
               "available_units", "sellable_from_date", "qty_after_rounding", "campaign_stock_units",
               "ordinary_units", "moq_added_units", "stockout_pct",
               "expected_lost_units", "expected_leftover_units", "leftover_written_off_units", "leftover_cost",
               "landed_cost_per_unit",
               "total_landed_cost", "unit_margin", "expected_profit", "rescue_mode", "rescue_units_saved",
               "rescue_extra_cost", "flags_text"]],
        hide_index=True, placeholder="—", width="stretch", height=420,
        column_config={
            "sku": t("col.sku"), "name": t("col.name"), "region": t("col.region"), "warehouse_id": t("col.warehouse"),
            "fulfilment_mode": t("col.mode"), "freight_mode": t("col.freight_mode"),
            "demand_mean": st.column_config.NumberColumn(t("wi.col.demand"), format="%.0f"),
            "demand_p90": st.column_config.NumberColumn(t("wi.col.demand_p90"), format="%.0f"),
            "available_units": st.column_config.NumberColumn(t("wi.col.on_hand"), format="%.0f",
                                                             help=t("wi.col.on_hand_help")),
            "sellable_from_date": st.column_config.DateColumn(t("wi.col.sellable_from"), format="YYYY-MM-DD",
                                                              help=t("wi.col.sellable_from_help")),
            "unit_margin": st.column_config.NumberColumn(t("wi.col.margin", cur=cur), format="%.2f"),
            "expected_profit": st.column_config.NumberColumn(t("wi.col.profit", cur=cur), format="%.0f"),
            "rescue_mode": t("wi.col.rescue"),
            "rescue_units_saved": st.column_config.NumberColumn(t("wi.col.rescue_saved"), format="%.0f"),
            "rescue_extra_cost": st.column_config.NumberColumn(t("wi.col.rescue_cost", cur=cur), format="%.0f"),
            "qty_after_rounding": st.column_config.NumberColumn(t("wi.col.qty"), format="%.0f"),
            "campaign_stock_units": st.column_config.NumberColumn(t("wi.col.campaign_stock"), format="%.0f"),
            "ordinary_units": st.column_config.NumberColumn(t("wi.col.ordinary"), format="%.0f",
                                                            help=t("wi.col.ordinary_help")),
            "moq_added_units": st.column_config.NumberColumn(t("wi.col.moq_added"), format="%.0f",
                                                             help=t("wi.col.moq_added_help")),
            "stockout_pct": st.column_config.ProgressColumn(t("wi.col.stockout"), format="%.1f%%", min_value=0,
                                                            max_value=100),
            "expected_lost_units": st.column_config.NumberColumn(t("wi.col.lost"), format="%.0f"),
            "expected_leftover_units": st.column_config.NumberColumn(t("wi.col.leftover"), format="%.0f"),
            "leftover_written_off_units": st.column_config.NumberColumn(t("wi.col.written_off"), format="%.0f",
                                                                        help=t("wi.col.written_off_help")),
            "leftover_cost": st.column_config.NumberColumn(t("wi.col.leftover_cost", cur=cur), format="%.0f"),
            "landed_cost_per_unit": st.column_config.NumberColumn(t("wi.col.landed_unit", cur=cur), format="%.2f"),
            "total_landed_cost": st.column_config.NumberColumn(t("wi.col.landed_total", cur=cur), format="%.0f"),
            "flags_text": st.column_config.TextColumn(t("wi.flags"), width="large"),
        },
    )
    st.caption(t("wi.table_caption", n=len(view), total=len(lines)))
    table_csv_download(shown, cur, key=key)
    return view


def table_csv_download(shown: pd.DataFrame, cur: str, *, key: str) -> None:
    """The What-if table as the project's own formula-safe CSV (the built-in table download is switched off in
    ``.streamlit/config.toml``: it writes ``=HYPERLINK(...)`` cells as they are)."""
    from linkstar_analytics.report.safe import write_safe_csv

    labels = {"sku": t("col.sku"), "name": t("col.name"), "region": t("col.region"), "warehouse_id": t("col.warehouse"),
              "fulfilment_mode": t("col.mode"), "freight_mode": t("col.freight_mode"),
              "demand_mean": t("wi.col.demand"), "demand_p90": t("wi.col.demand_p90"),
              "on_hand_units": t("wi.col.on_hand"), "qty_after_rounding": t("wi.col.qty"),
              "moq_added_units": t("wi.col.moq_added"), "stockout_pct": t("wi.col.stockout"),
              "expected_lost_units": t("wi.col.lost"), "expected_leftover_units": t("wi.col.leftover"),
              "leftover_cost": t("wi.col.leftover_cost", cur=cur), "landed_cost_per_unit": t("wi.col.landed_unit", cur=cur),
              "total_landed_cost": t("wi.col.landed_total", cur=cur), "flags_text": t("wi.flags")}
    table = shown[[c for c in labels if c in shown.columns]].rename(columns=labels)
    st.download_button(t("wi.table_csv"), data=lambda: write_safe_csv(table, float_format="%.2f", encoding="utf-8-sig"),
                       file_name="whatif_table.csv", mime="text/csv", key=f"{key}_table_csv",
                       icon=":material/download:", on_click="ignore")


# ---------------------------------------------------------------------------------------------
# Warehouse mix editor (the warehouse_mix lever)
# ---------------------------------------------------------------------------------------------

def effective_mix(by_warehouse: pd.DataFrame, mix, warehouses: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Share % per region and warehouse as the plan applies it: the scenario's mix, else the data's default (read
    back from the plan's routed demand). Regions and their warehouses always in the warehouses table's order, every
    warehouse of the region listed (0 % when it gets none), so the inputs never reorder or vanish after Apply."""
    demand = by_warehouse.groupby("warehouse_id")["demand_mean"].sum()
    wh = warehouses.assign(warehouse_id=warehouses["warehouse_id"].astype(str), region=warehouses["region"].astype(str))
    wanted = set(by_warehouse["region"].astype(str))
    out: dict[str, dict[str, float]] = {}
    for region in dict.fromkeys(wh["region"]):
        if region not in wanted:
            continue
        ids = wh.loc[wh["region"] == region, "warehouse_id"].tolist()
        if region in mix:
            given = {str(k): float(v) for k, v in dict(mix[region]).items()}
            out[region] = {w: given.get(w, 0.0) for w in ids}
        else:
            d = {w: float(demand.get(w, 0.0)) for w in ids}
            total = sum(d.values())
            out[region] = {w: (100.0 * v / total if total > 0 else 100.0 / len(ids)) for w, v in d.items()}
    return out


def mix_editor(region: str, shares: dict[str, float], *, custom: bool) -> None:
    """Number inputs for one region's shares; 'Apply' writes them to the scenario (normalised to 100 %)."""
    from ui import state

    st.markdown(f"**{plain(region)}** · " + (t("mix.custom") if custom else t("mix.default")))
    with st.form(f"mix_{region}", border=True):
        values = {}
        for wid, pct in shares.items():
            values[wid] = st.number_input(t("mix.share_of", wid=plain(wid)), min_value=0.0, max_value=100.0,
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

@dataclass(frozen=True)
class SavedStatus:
    """The saved scenario version this view came from (``ref`` = (name, version) or None), whether the levers are
    still the saved ones, and the labels of the levers changed since (or, unsaved, changed from the defaults)."""

    ref: tuple[str, int] | None
    matches: bool
    changed: tuple[str, ...]


def saved_status() -> SavedStatus:
    """Compare the current levers with the saved version they came from (one small read per rerun)."""
    from linkstar_analytics.io import storage
    from linkstar_analytics.plan.scenario import Scenario, diff
    from ui import cache, exports, state

    scenario = state.get_scenario()
    ref = st.session_state.get(state.K_SCENARIO_REF)
    record = storage.load_scenario(cache.cursor(), ref[0], ref[1]) if ref else None
    if record is None:
        base = Scenario(dataset_version=scenario.dataset_version, campaign_id=scenario.campaign_id)
        changed = [n for n, _a, _b in diff(base, scenario) if n != "focus_lever"]
        return SavedStatus(None, False, tuple(exports.lever_label(n) for n in changed))
    saved = Scenario.from_saved_json(record["scenario_json"])
    if saved.dataset_version is None:  # saved against "the active dataset": the one this view resolved
        saved = saved.replace(dataset_version=scenario.dataset_version)
    changed = [n for n, _a, _b in diff(saved, scenario) if n != "focus_lever"]
    return SavedStatus((str(ref[0]), int(ref[1])), not changed, tuple(exports.lever_label(n) for n in changed))


def scenario_badge() -> SavedStatus:
    """Which saved scenario version the numbers below are, or that they are no longer it: after a lever moves the
    label says "based on v2, changed since: ..." instead of claiming the numbers are v2's."""
    status = saved_status()
    levers = ", ".join(status.changed)
    if status.ref is None:
        st.caption(t("rv.badge_unsaved", levers=levers or t("rv.all_default")))
    elif status.matches:
        st.caption(t("rv.saved_as", name=plain(status.ref[0]), version=status.ref[1]), help=t("rv.saved_help"))
    else:
        st.warning(t("rv.saved_changed", name=plain(status.ref[0]), version=status.ref[1], levers=levers),
                   icon=":material/edit_note:")
    return status


def risk_table(frame: pd.DataFrame, currency: str, *, key: str) -> None:
    st.dataframe(
        frame.assign(stockout_pct=100 * frame["stockout_prob"])[
            ["sku", "name", "warehouse_id", "qty_after_rounding", "stockout_pct", "lost_margin", "leftover_cost"]],
        hide_index=True, placeholder="—", width="stretch", key=key,
        column_config={
            "sku": t("col.sku"), "name": st.column_config.TextColumn(t("col.name"), width="medium"),
            "warehouse_id": t("col.warehouse"),
            "qty_after_rounding": st.column_config.NumberColumn(t("wi.col.qty"), format="%.0f"),
            "stockout_pct": st.column_config.NumberColumn(t("wi.col.stockout"), format="%.1f%%"),
            "lost_margin": st.column_config.NumberColumn(t("rv.col.lost_margin", cur=currency), format="%.0f"),
            "leftover_cost": st.column_config.NumberColumn(t("wi.col.leftover_cost", cur=currency), format="%.0f"),
        })


def late_table(frame: pd.DataFrame, currency: str) -> None:
    if frame.empty:
        st.success(t("rv.none_late"))
        return
    st.dataframe(readable(frame), hide_index=True, placeholder="—", width="stretch", column_config={
        "sku": t("col.sku"), "warehouse_id": t("col.warehouse"), "freight_mode": t("col.freight_mode"),
        "latest_po_date": st.column_config.DateColumn(t("tl.col.po"), format="YYYY-MM-DD"),
        "days_late": st.column_config.NumberColumn(t("tl.col.days_late"), format="%d"),
        "expected_arrival": st.column_config.DateColumn(t("tl.col.if_today"), format="YYYY-MM-DD"),
        "rescue_mode": t("tl.col.rescue"),
        "rescue_extra_cost_per_unit": st.column_config.NumberColumn(t("tl.col.rescue_cost", cur=currency),
                                                                    format="%.2f")})


def localized_readiness(frame: pd.DataFrame) -> pd.DataFrame:
    """Readiness rows with the item, why it is flagged and how to fix it in the UI language."""
    from linkstar_analytics.report.words import readiness_fix, readiness_why
    from ui.i18n import get_lang

    lang = get_lang()
    items = frame["item"].astype(str).tolist()
    return frame.assign(
        detail=[readiness_why(i, d, lang) for i, d in zip(items, frame["detail"])],
        fix=[readiness_fix(i, f, lang) for i, f in zip(items, frame["fix"])],
        item=frame["item"].map(readiness_item_label),
    )


def blocking_table(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.success(t("rv.none_blocking"))
        return
    frame = localized_readiness(frame)[["sku", "warehouse_id", "region", "item", "detail", "fix"]]
    st.dataframe(frame, hide_index=True, placeholder="—", width="stretch", column_config={
        "sku": t("col.sku"), "warehouse_id": t("col.warehouse"), "region": t("col.region"),
        "item": t("alert.col.item"), "detail": t("alert.col.detail"), "fix": t("alert.col.fix")})


def decisions_table(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.caption(t("rv.no_decisions"))
        return
    cols = [c for c in ("created_at", "scenario_version", "author", "text") if c in frame.columns]
    st.dataframe(frame[cols], hide_index=True, placeholder="—", width="stretch", column_config={
        "created_at": st.column_config.DatetimeColumn(t("rv.col.when"), format="YYYY-MM-DD HH:mm"),
        "scenario_version": st.column_config.NumberColumn(t("sc.col.version"), format="%d"),
        "author": t("sc.col.author"), "text": st.column_config.TextColumn(t("rv.col.decision"), width="large")})


def uplift_override_editor(sku: str, region: str, estimated: float | None, campaign_name: str) -> None:
    """Let the planner replace the estimated campaign uplift of one SKU in one market (the ``uo`` lever)."""
    from ui import state

    scenario = state.get_scenario()
    key = f"{sku}|{region}"
    current = scenario.uplift_overrides.get(key)
    st.markdown(t("fc.override_title", campaign=plain(campaign_name)))
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


def baseline_override_editor(sku: str, region: str) -> None:
    """Let the planner scale one series' forecast baseline (the ``bo`` lever: every day, every campaign)."""
    from ui import state

    scenario = state.get_scenario()
    key = f"{sku}|{region}"
    current = scenario.baseline_overrides.get(key)
    st.markdown(t("fc.baseline_title", sku=plain(sku), region=region))
    c1, c2, c3 = st.columns([2, 1, 1], vertical_alignment="bottom")
    value = c1.number_input(t("fc.baseline_value"), min_value=0.1, max_value=10.0, step=0.05, format="%.2f",
                            value=float(current if current is not None else 1.0), key=f"bo_{key}",
                            help=t("fc.baseline_help"))
    if c2.button(t("fc.baseline_apply"), key=f"bo_apply_{key}", type="primary", width="stretch"):
        overrides = dict(scenario.baseline_overrides)
        if abs(float(value) - 1.0) < 1e-9:
            overrides.pop(key, None)
        else:
            overrides[key] = float(value)
        state.update_scenario(baseline_overrides=overrides)
        st.rerun()
    if c3.button(t("fc.baseline_reset"), key=f"bo_reset_{key}", width="stretch", disabled=current is None):
        state.update_scenario(baseline_overrides={k: v for k, v in scenario.baseline_overrides.items() if k != key})
        st.rerun()
    if current is not None:
        st.caption(t("fc.baseline_active", value=f"{current:.2f}"))


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


def accuracy_tables(acc: dict, selection: pd.DataFrame | None = None) -> None:
    """Backtest accuracy for the catalogue, per category and per series (with the model ``auto`` chose, from
    ``selection``), each model against seasonal naive."""
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
    with tab3:  # each series with the model auto chose for it, worst window-total error first
        ser = acc["series"]
        rows = ser.loc[ser["model"] == "auto"].drop(columns="model")
        if selection is not None and len(rows):
            rows = rows.merge(selection[["sku", "region", "model"]], on=["sku", "region"], how="left")
            rows["model"] = rows["model"].map(lambda m: t(f"fc.short.{m}") if f"fc.short.{m}" in _catalogue() else m)
        order = "win_wape" if "win_wape" in rows.columns else "wape"
        cols = [c for c in ("sku", "region", "category", *shown) if c in rows.columns]
        st.dataframe(rows.sort_values(order, ascending=False)[cols], hide_index=True, width="stretch", height=380,
                     column_config={**metric_cols, "model": st.column_config.TextColumn(t("fc.col.chosen")),
                                    "region": t("col.region")})


def issue_kind(code: str) -> str:
    """The translated name of an import issue's kind (falls back to the code itself)."""
    key = f"issue.{code}"
    return t(key) if key in _catalogue() else str(code)


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A display copy with code columns in words: freight and rescue modes, fulfilment modes, yes/no flags."""
    out = frame.copy()
    for col in ("freight_mode", "rescue_mode"):
        if col in out.columns:
            out[col] = map_labels(out[col], lambda m: t(f"freight.{m}") if isinstance(m, str) and f"freight.{m}" in _catalogue()
                                  else ("—" if m is None or (isinstance(m, float) and pd.isna(m)) else m))
    if "fulfilment_mode" in out.columns:
        out["fulfilment_mode"] = map_labels(out["fulfilment_mode"],
                                            lambda m: t(f"mode_short.{m}") if f"mode_short.{m}" in _catalogue() else m)
    return out


def forecast_pending_notice() -> None:
    """While the scenario's forecast model fits in the background: what the figures stand on, and the fit's progress
    (re-checked every 2 s; the whole page reruns once the forecast is stored)."""
    from ui import cache, state

    scenario = state.get_scenario()
    version = scenario.dataset_version or state.active_version()
    if version is None:
        return
    model = scenario.forecast_model
    status = cache.pending_status(version, model)
    if status is None:
        return
    cache.start_background_fit(version, model)
    names = {"model": t(f"fc.model.{model}"), "quick": t("fc.model.naive")}
    if status["error"] is not None:
        st.warning(t("fc.bg_failed", err=plain(str(status["error"])[:200]), **names), icon=":material/warning:")
        return

    @st.fragment(run_every=2.0)
    def watch() -> None:
        now = cache.pending_status(version, model)
        if now is None or now["error"] is not None:
            st.rerun(scope="app")
        st.info(t("fc.quick_note", **names), icon=":material/hourglass_top:")
        done, total = now["done"], now["total"]
        st.progress(min(1.0, done / total) if total else 0.0,
                    text=t("fc.bg_progress", done=done, total=total or "…", model=names["model"]))

    watch()
