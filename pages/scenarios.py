"""Scenarios: save the current levers under a name (every save is a new version), reopen, compare."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from linkstar_analytics.io import storage
from linkstar_analytics.plan.scenario import Scenario
from ui import auth, shell, cache, components, state
from ui.i18n import t
from ui.text import plain

shell.ensure_router()

st.title(t("page.scenarios"))
scenario = state.get_scenario()

# ----------------------------------------------------------------------------------- save
st.subheader(t("sc.save"))
with st.form("save_scenario"):
    c1, c2 = st.columns(2)
    ref = st.session_state.get(state.K_SCENARIO_REF)
    name = c1.text_input(t("sc.name"), value=ref[0] if ref else "", max_chars=120)
    author = c2.text_input(t("sc.author"), value=auth.author(), max_chars=80, disabled=bool(auth.user_name()))
    note = st.text_area(t("sc.note"), max_chars=2000, height=80)
    if st.form_submit_button(t("sc.save_button"), type="primary"):
        if not name.strip():
            st.error(t("sc.name_required"))
        else:
            version = storage.save_scenario(
                cache.cursor(), name=name.strip(), scenario_json=scenario.to_json(), author=auth.author(author, "—"),
                dataset_version=scenario.dataset_version, note=note.strip(),
            )
            st.session_state[state.K_SCENARIO_REF] = (name.strip(), int(version))
            st.success(t("sc.saved", name=plain(name.strip()), version=version))
            st.caption(t("sc.version_link"))
            st.code(components.saved_link(name.strip(), int(version)), language=None)

# ----------------------------------------------------------------------------------- list
st.subheader(t("sc.saved_list"))
saved = storage.list_scenarios(cache.cursor())
if saved.empty:
    st.info(t("sc.none"))
    st.stop()

labels = {f"{r.name}@{int(r.version)}": f"{r.name} · v{int(r.version)} · {r.author} · {pd.Timestamp(r.created_at):%Y-%m-%d %H:%M}"
          for r in saved.itertuples()}
st.dataframe(
    saved.rename(columns={"name": t("sc.col.name"), "version": t("sc.col.version"), "author": t("sc.col.author"),
                          "created_at": t("sc.col.created"), "dataset_version": t("sc.col.dataset"),
                          "note": t("sc.col.note")}),
    hide_index=True, placeholder="—", width="stretch",
)

c1, c2 = st.columns([3, 1])
pick = c1.selectbox(t("sc.open_pick"), list(labels), format_func=labels.get, placeholder=t("common.choose"))
if c2.button(t("sc.open"), width="stretch"):
    name, _, ver = pick.rpartition("@")
    record = storage.load_scenario(cache.cursor(), name, int(ver))
    if record is None:
        st.error(t("sc.missing", ref=plain(pick)))
    else:
        state.set_scenario(Scenario.from_saved_json(record["scenario_json"]), reset_widgets=True)
        st.session_state[state.K_SCENARIO_REF] = (name, int(ver))
        st.success(t("sc.opened", ref=plain(labels[pick])))
        st.caption(t("sc.version_link"))
        st.code(components.saved_link(name, int(ver)), language=None)

# ----------------------------------------------------------------------------------- compare
st.subheader(t("sc.compare"))
by_time = [f"{r.name}@{int(r.version)}" for r in saved.sort_values(["created_at", "name", "version"]).itertuples()]
chosen = st.multiselect(t("sc.compare_pick"), by_time, format_func=labels.get, max_selections=3,
                        default=by_time[-2:], placeholder=t("common.choose_many"))
chosen = [ref_ for ref_ in by_time if ref_ in chosen]  # oldest first: the earlier version is the usual baseline
if len(chosen) >= 2:
    scenarios = {}
    for ref_ in chosen:
        n, _, v = ref_.rpartition("@")
        rec = storage.load_scenario(cache.cursor(), n, int(v))
        if rec is not None:
            scenarios[f"{n} v{v}"] = Scenario.from_saved_json(rec["scenario_json"])
    baseline = st.selectbox(t("sc.baseline_pick"), list(scenarios), index=0, help=t("sc.baseline_help"))
    campaigns = cache.load_tables(state.active_version())["campaigns"]
    headline, levers = components.scenario_compare_tables(scenarios, baseline, campaigns)
    st.markdown(f"**{t('sc.compare_headline')}**")
    st.table(headline)
    st.markdown(f"**{t('sc.compare_levers')}**")
    st.table(levers.style.apply(components.highlight_changed_levers, axis=1))
    st.caption(t("sc.compare_caption"))
