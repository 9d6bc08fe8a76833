"""Campaign report: a finished campaign's actual results against the forecast the plan stood on, and what the next
plan learns from it (uplift per SKU and category, presale conversion), offered as defaults the planner applies."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from linkstar_analytics.campaign_review import reviewable_campaigns
from ui import auth, cache, shell, state
from ui import campaign_report as view
from ui.i18n import fmt_date, t
from ui.text import plain

shell.ensure_router()

st.title(t("page.campaign_report"))
version = state.active_version()
tables = cache.load_tables(version)
scenario = state.get_scenario()
campaigns = tables["campaigns"]
names = dict(zip(campaigns["campaign_id"].astype(str), campaigns["name"].astype(str)))

done = reviewable_campaigns(tables)
if not done:
    st.info(t("cr.no_actuals"))
else:
    cid = st.selectbox(t("cr.campaign"), done, key="cr_campaign", format_func=lambda c: f"{names.get(c, c)} ({c})")
    row = campaigns.loc[campaigns["campaign_id"].astype(str) == cid].iloc[0]
    start = pd.Timestamp(row["start_date"])
    fc_version = view.forecast_version(version, start)
    fc = cache.forecast(fc_version, model=scenario.forecast_model, progress_text=t("fc.running"),
                        done_text=t("fc.done"))
    rv = view.review(version, fc_version, cid, fc, tuple(sorted(scenario.fx.items())))
    st.caption(t("cr.basis", start=fmt_date(rv.start), end=fmt_date(rv.end), fc_version=fc_version,
                 version=version, n=len(rv.by_sku)))
    view.headline(rv)
    c1, c2 = st.columns(2)
    c1.plotly_chart(view.daily_chart(rv), width="stretch")
    c2.plotly_chart(view.category_chart(rv), width="stretch")
    st.caption(t("cr.estimator_caption"))
    st.subheader(t("cr.by_sku"))
    view.sku_table(rv)

    st.subheader(t("cr.learned_title"))
    st.caption(t("cr.learned_caption"))
    a1, a2 = st.columns([2, 1], vertical_alignment="bottom")
    author = a1.text_input(t("cr.author"), key="cr_author", placeholder=t("cr.author_placeholder"))
    if a2.button(t("cr.save_learned"), key="cr_save", type="primary", width="stretch"):
        save_id = view.save_learned(rv, version, auth.author(author, "—"))
        st.success(t("cr.saved", save_id=save_id, campaign=plain(names.get(cid, cid))))

view.next_plan_block(campaigns)
