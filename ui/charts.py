"""Plotly figures shared by pages and the review report. Every axis is labelled with its unit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from ui.components import PALETTE, hline, style_fig, vline
from ui.i18n import t

#: One colour per landed-cost component (11 distinct: Okabe-Ito without black, then Tol's muted set), the same in
#: the waterfall and the stacked comparison of freight modes, so a colour always means one component.
COMPONENT_COLOURS: dict[str, str] = dict(zip(
    ("purchase", "first_leg", "rush_surcharge", "duty", "vat", "inbound", "storage", "last_mile", "fulfilment",
     "commission", "returns"),
    ("#0072B2", "#E69F00", "#D55E00", "#CC79A7", "#882255", "#009E73", "#56B4E9", "#F0E442", "#44AA99", "#999933",
     "#AA4499"),
))
TOTAL_COLOUR = "#3E4C59"

#: Points of the sensitivity sweep per lever (inside the lever's range).
SWEEPS: dict[str, list[float]] = {
    "service_level_pct": [70, 80, 85, 90, 92.5, 95, 97, 98, 99, 99.5],
    "presale_conversion_pct": [0, 5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100],
    "deposit_conversion_pct": [30, 40, 50, 60, 70, 80, 90, 100],
    "uplift_multiplier": [0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 2.0, 2.5, 3.0],
    "buffer_days": [0, 3, 5, 7, 10, 14, 21, 30],
    "cover_days": [0, 7, 14, 21, 30, 45, 60],
    "deposit_pct": [0, 10, 20, 30, 40, 50, 70, 100],
    "settlement_days": [0, 3, 7, 10, 15, 20, 30, 45, 60],
}


def risk_points(by_sku: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """One point per SKU x market: stockout probability (%), expected leftover cost over its warehouses, units to
    stock; shared by the dashboard's chart and the printable report's."""
    cost = lines.groupby(["sku", "region"], as_index=False)["leftover_cost"].sum()
    frame = by_sku.merge(cost, on=["sku", "region"], how="left")
    return frame.assign(stockout_pct=100 * frame["stockout_prob"], units=frame["qty_after_rounding"].clip(lower=0),
                        leftover_cost=frame["leftover_cost"].fillna(0.0))


def risk_scatter(by_sku: pd.DataFrame, lines: pd.DataFrame, currency: str) -> go.Figure:
    """Stockout probability vs expected leftover cost per SKU x market (bubble area = units to stock), one colour per
    market. Built from plain traces: ``plotly.express`` costs about 40 ms more per rerun for the same figure."""
    frame = risk_points(by_sku, lines)
    size = np.sqrt(frame["units"].to_numpy(dtype=float) + 1.0)
    sizeref = 2.0 * float(size.max()) / 20.0 ** 2 if len(size) else 1.0  # area mode, largest bubble 20 px
    hover = ("<b>%{customdata[0]}</b><br>" + t("col.name") + ": %{customdata[1]}<br>" + t("col.region")
             + ": %{customdata[2]}<br>" + t("wi.col.units") + ": %{customdata[3]:,.0f}<br>" + t("wi.axis_stockout")
             + ": %{x:.1f}<br>" + t("wi.axis_leftover", cur=currency) + ": %{y:,.0f}<extra></extra>")
    names = frame["name"] if "name" in frame else pd.Series("", index=frame.index)
    fig = go.Figure()
    for i, (region, idx) in enumerate(frame.groupby("region", sort=False).indices.items()):
        g = frame.iloc[idx]
        fig.add_scatter(
            x=g["stockout_pct"], y=g["leftover_cost"], mode="markers", name=str(region),
            marker=dict(size=size[idx], sizemode="area", sizeref=sizeref, sizemin=0, color=PALETTE[i % len(PALETTE)],
                        line=dict(width=0.5, color="#FFFFFF")),
            customdata=np.column_stack([g["sku"].astype(str), names.iloc[idx].fillna("").astype(str),
                                        g["region"].astype(str), g["units"].to_numpy(dtype=float)]),
            hovertemplate=hover,
        )
    fig.update_layout(title=t("wi.risk_title"), xaxis_title=t("wi.axis_stockout"),
                      yaxis_title=t("wi.axis_leftover", cur=currency), legend_title_text=t("col.region"),
                      legend_itemsizing="constant")  # legend dots of one size, whatever the bubbles
    return style_fig(fig, height=420)


def sensitivity_chart(sens: pd.DataFrame, lever_label: str, currency: str, current: float) -> go.Figure:
    """Expected lost margin, leftover cost and landed cost as one lever moves."""
    fig = go.Figure()
    series = [("lost_margin", t("wi.sens.lost_margin")), ("leftover_cost", t("wi.sens.leftover_cost"))]
    for col, label in series:
        fig.add_scatter(x=sens["value"], y=sens[col], mode="lines+markers", name=label)
    fig.add_scatter(x=sens["value"], y=sens["lost_margin"] + sens["leftover_cost"], mode="lines+markers",
                    name=t("wi.sens.risk_cost"), line=dict(width=3))
    fig.add_scatter(x=sens["value"], y=sens["total_landed_cost"], mode="lines", name=t("wi.sens.landed"),
                    line=dict(dash="dot"), yaxis="y2")
    fig.update_layout(yaxis2=dict(title=t("wi.sens.axis_landed", cur=currency), overlaying="y", side="right",
                                  showgrid=False))
    vline(fig, current, text=" " + t("wi.sens.current"))
    fig.update_layout(title=t("wi.sens.title", lever=lever_label), xaxis_title=lever_label,
                      yaxis_title=t("wi.sens.axis_money", cur=currency))
    return style_fig(fig, height=460, legend_below=True)


def sensitivity_units_chart(sens: pd.DataFrame, lever_label: str, current: float) -> go.Figure:
    fig = go.Figure()
    for col, label in (("units", t("wi.sens.units")), ("expected_stockout_units", t("wi.sens.stockout_units")),
                       ("expected_leftover_units", t("wi.sens.leftover_units"))):
        fig.add_scatter(x=sens["value"], y=sens[col], mode="lines+markers", name=label)
    vline(fig, current)
    fig.update_layout(title=t("wi.sens.units_title", lever=lever_label), xaxis_title=lever_label,
                      yaxis_title=t("wi.sens.axis_units"))
    return style_fig(fig, height=460, legend_below=True)


def cash_chart(cash: pd.DataFrame, currency: str) -> go.Figure:
    fig = go.Figure()
    fig.add_bar(x=cash["week_start"], y=cash["paid"], name=t("wi.cash.paid"))
    fig.add_bar(x=cash["week_start"], y=-cash["released"], name=t("wi.cash.released"))
    fig.add_scatter(x=cash["week_start"], y=cash["tied_up"], mode="lines+markers", name=t("wi.cash.tied"))
    fig.update_layout(barmode="relative", title=t("wi.cash.title"), xaxis_title=t("wi.cash.axis_week"),
                      yaxis_title=t("wi.cash.axis_money", cur=currency))
    return style_fig(fig, height=380)


def landed_waterfall(row: pd.Series, currency: str, *, title: str) -> go.Figure:
    """Landed cost per unit built up component by component (each in its own colour), the total, and the selling
    price as a dotted line. Bars are stacked on invisible bases (a waterfall with one colour per component)."""
    from linkstar_analytics.cost.landed import COMPONENTS

    values = [float(row[c]) for c in COMPONENTS]
    labels = [t(f"landed.c.{c}") for c in COMPONENTS] + [t("landed.total")]
    bases = np.concatenate([[0.0], np.cumsum(values)[:-1]])
    total = float(row["total_landed"])
    fig = go.Figure(go.Bar(
        x=labels, y=values + [total], base=list(bases) + [0.0],
        marker_color=[COMPONENT_COLOURS[c] for c in COMPONENTS] + [TOTAL_COLOUR],
        text=[f"{v:,.2f}" for v in values + [total]], textposition="outside", cliponaxis=False,
        hovertemplate="%{x}: %{text} " + currency + "<extra></extra>",
    ))
    hline(fig, float(row["price"]), dash="dot", text=t("landed.price_line", cur=currency))
    fig.update_layout(title=title, yaxis_title=t("landed.axis_cost", cur=currency),
                      xaxis_title=t("landed.axis_component"), showlegend=False)
    return style_fig(fig, height=420)


def landed_by_mode(per_mode: pd.DataFrame, currency: str, *, title: str) -> go.Figure:
    """Landed cost per unit by freight mode, stacked by component in the waterfall's colours."""
    from linkstar_analytics.cost.landed import COMPONENTS

    x = per_mode["freight_mode"].map(lambda m: t(f"freight.{m}"))
    fig = go.Figure()
    for comp in COMPONENTS:
        fig.add_bar(name=t(f"landed.c.{comp}"), x=x, y=per_mode[comp], marker_color=COMPONENT_COLOURS[comp])
    fig.update_layout(barmode="stack", title=title, yaxis_title=t("landed.axis_cost", cur=currency),
                      xaxis_title=t("landed.axis_mode"))
    return style_fig(fig, height=440)
