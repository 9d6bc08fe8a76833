"""Forecast: one SKU's history, forecast and interval, campaign days marked; accuracy of the catalogue."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from linkstar_analytics.forecast_view import series_view
from linkstar_analytics.plan.scenario import FORECAST_MODELS
from ui import campaign_report, shell, cache, components, state
from ui.i18n import CATALOGUE, fmt_pct, t
from ui.text import plain

shell.ensure_router()

st.title(t("page.forecast"))
version = state.active_version()
tables = cache.load_tables(version)
scenario = state.get_scenario()

c1, c2 = st.columns([2, 3])
model = c1.selectbox(t("fc.model"), FORECAST_MODELS, index=FORECAST_MODELS.index(scenario.forecast_model),
                     format_func=components.frozen_labels(FORECAST_MODELS, lambda m: t(f"fc.model.{m}")),
                     key="lv_forecast_model",
                     on_change=components.on_forecast_model)
c2.caption(t("fc.model_help"))
result = cache.forecast(version, model=scenario.forecast_model, progress_text=t("fc.running"), done_text=t("fc.done"))

sel = result.selection
names = dict(zip(tables["skus"]["sku"].astype(str), tables["skus"]["name"].astype(str)))
keys = sorted(f"{s}|{r}" for s, r in zip(sel["sku"].astype(str), sel["region"].astype(str)))
choice = st.selectbox(t("fc.series"), keys, key="fc_series", help=t("pick.sku_help"),
                      format_func=lambda k: f"{k.split('|')[0]} · {k.split('|')[1]} · {names.get(k.split('|')[0], '')}")
pick = tuple(choice.rsplit("|", 1))
# the whole forecast: through the planned campaign, the next year's peak season and every campaign in the calendar
sv = series_view(tables, result, pick[0], pick[1], history_days=365, forecast_days=None,
                 baseline_factor=scenario.baseline_overrides.get(f"{pick[0]}|{pick[1]}", 1.0))

fig = go.Figure()
if len(sv.forecast):
    fig.add_scatter(x=sv.forecast["date"], y=sv.forecast["p90"], mode="lines", line=dict(width=0), showlegend=False,
                    hoverinfo="skip")
    fig.add_scatter(x=sv.forecast["date"], y=sv.forecast["p10"], mode="lines", line=dict(width=0), fill="tonexty",
                    fillcolor="rgba(0,114,178,0.18)", name=t("fc.band"))
    fig.add_scatter(x=sv.forecast["date"], y=sv.forecast["mean"], mode="lines", name=t("fc.mean"),
                    line=dict(color="#0072B2"))
fig.add_scatter(x=sv.history["date"], y=sv.history["units"], mode="lines", name=t("fc.actual"),
                line=dict(color="#333", width=1))
if sv.censored_days:
    out = sv.history.loc[sv.history["censored"]]
    fig.add_scatter(x=sv.history["date"], y=sv.history["corrected_units"], mode="lines", name=t("fc.corrected"),
                    line=dict(color="#009E73", width=1, dash="dot"))
    fig.add_scatter(x=out["date"], y=out["units"], mode="markers", name=t("fc.censored"),
                    marker=dict(color="#D55E00", symbol="x", size=7))
for c in sv.campaigns.itertuples():
    components.xband(fig, c.start_date, c.end_date + pd.Timedelta(days=1), color="#E69F00", opacity=0.35)
fig.update_layout(title=t("fc.chart_title", sku=pick[0], region=pick[1]), xaxis_title=t("tl.axis_date"),
                  yaxis_title=t("fc.axis_units"))
st.plotly_chart(components.style_fig(fig, height=430), width="stretch")
st.caption(t("fc.chart_caption"))
if sv.censored_days:
    st.caption(t("fc.censored_caption", n=sv.censored_days))

acc = result.accuracy_tables()
series_acc = acc["series"]
mine = series_acc.loc[(series_acc["sku"] == pick[0]) & (series_acc["region"] == pick[1])].set_index("model")
m = st.columns([1.4, 1, 1, 1])  # the model's name is the widest figure
chosen = str(sv.selection["model"]) if sv.selection is not None else "—"
m[0].metric(t("fc.chosen"), t(f"fc.short.{chosen}") if f"fc.short.{chosen}" in CATALOGUE else chosen)
if "auto" in mine.index:  # the error on window totals: what the plan orders against, and what auto chose on
    a = mine.loc["auto"]
    naive = mine.loc["naive"] if "naive" in mine.index else None
    m[1].metric(t("fc.win_error"), fmt_pct(100 * a.get("win_wape", float("nan"))),
                t("fc.vs_naive", v=fmt_pct(100 * naive.get("win_wape", float("nan")))) if naive is not None else None,
                delta_color="off", delta_arrow="off", help=t("fc.win_error_help"))
    m[2].metric(t("fc.bias"), fmt_pct(100 * a["bias"]), help=t("fc.bias_help"))
    m[3].metric(t("fc.win_cov"), fmt_pct(100 * a.get("win_coverage", float("nan"))), help=t("fc.win_cov_help"))
if sv.selection is not None:
    st.caption(f"{t('fc.reason')}: {components.selection_reason(sv.selection)}")

st.subheader(t("fc.uplift"))
st.caption(t("fc.uplift_help"))
campaigns = tables["campaigns"]
cid = state.campaign_id(campaigns)
cname = str(campaigns.loc[campaigns["campaign_id"].astype(str) == cid, "name"].iloc[0])
est = sv.uplift.loc[sv.uplift["campaign_id"].astype(str) == cid, "uplift"]
runs_here = pick[1] in str(campaigns.loc[campaigns["campaign_id"].astype(str) == cid, "regions"].iloc[0]).split(";")
if runs_here:
    components.uplift_override_editor(pick[0], pick[1], float(est.iloc[0]) if len(est) else None, cname)
    campaign_report.learned_note(pick[0], pick[1], campaigns, cid)
else:
    st.info(t("fc.not_in_market", campaign=plain(cname), region=pick[1]))
components.baseline_override_editor(pick[0], pick[1])
st.dataframe(sv.uplift, hide_index=True, width="stretch", column_config={
    "campaign_id": t("col.campaign"), "uplift": st.column_config.NumberColumn(t("fc.col.uplift"), format="%.2f×"),
    "source": t("fc.col.source"), "n_obs": st.column_config.NumberColumn(t("fc.col.n_obs"), format="%d")})

st.subheader(t("fc.accuracy"))
components.accuracy_tables(acc, result.selection)
