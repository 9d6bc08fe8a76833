"""Review: the one-page summary for the pre-campaign meeting, the decisions log, the files to take away."""

from __future__ import annotations

import streamlit as st

from linkstar_analytics.io import storage
from linkstar_analytics.review import review_tables
from ui import auth, shell, cache, components, exports, pool, state
from ui.i18n import fmt_int, t
from ui.text import plain

shell.ensure_router()

version, tables, scenario, campaign = components.plan_page("page.review")
result, inputs = state.plan()
view = state.supply_view()
cur = result.currency
rv = review_tables(result.lines, view.schedule, view.readiness)

status = components.scenario_badge()
components.plan_totals(result)

st.subheader(t("rv.top_stockout"))
components.risk_table(rv.top_stockout, cur, key="rv_so")
st.subheader(t("rv.top_overstock"))
components.risk_table(rv.top_overstock, cur, key="rv_os")
st.subheader(t("rv.late", n=fmt_int(len(rv.late_items))))
components.late_table(rv.late_items, cur)
st.subheader(t("rv.blocking", n=fmt_int(len(rv.blocking))))
components.blocking_table(rv.blocking)
pool.pool_section(inputs, scenario, tables)

# ------------------------------------------------------------------ decisions log (kept with the saved scenario)
st.subheader(t("rv.decisions"))
ref = status.ref
if ref is None or not status.matches:
    st.info(t("rv.save_first") if ref is None else t("rv.save_changed", name=plain(ref[0]), version=ref[1]))
    with st.form("rv_save"):
        name = st.text_input(t("sc.name"), value=ref[0] if ref else exports.campaign_name(tables["campaigns"], campaign),
                             max_chars=120)
        author = st.text_input(t("sc.author"), value=auth.author(), max_chars=80,
                               disabled=bool(auth.user_name()))
        if st.form_submit_button(t("sc.save_button"), type="primary") and name.strip():
            v = storage.save_scenario(cache.cursor(), name=name.strip(), scenario_json=scenario.to_json(),
                                      author=auth.author(author, "—"), dataset_version=scenario.dataset_version)
            st.session_state[state.K_SCENARIO_REF] = (name.strip(), int(v))
            st.rerun()
else:
    name, ver = ref
    st.caption(t("rv.decisions_for", name=plain(name), version=ver))
    with st.form("rv_decision", clear_on_submit=True):
        text = st.text_area(t("rv.decision_text"), max_chars=2000, height=80)
        author = st.text_input(t("sc.author"), value=auth.author(), max_chars=80,
                               disabled=bool(auth.user_name()))
        if st.form_submit_button(t("rv.add_decision"), type="primary") and text.strip():
            storage.save_decision(cache.cursor(), scenario_name=name, scenario_version=ver, text=text.strip(),
                                  author=auth.author(author, "—"))
    decisions = storage.list_decisions(cache.cursor(), name)
    components.decisions_table(decisions)

# ------------------------------------------------------------------ files to take away
st.subheader(t("rv.files"))
st.markdown(f"**{t('rv.report')}**")
st.caption(t("rv.report_help"))
exports.report_download(result, rv, tables, campaign_id=campaign)
exports.plan_files(result, view, tables, key="rv")
