"""The one bridge between the Scenario and Streamlit.

On the first run of a session the URL's query params are parsed (through the library's validators)
into a ``Scenario`` kept in ``st.session_state``; hostile or malformed params fall back to defaults
with a visible notice. After every change the params are written back, so the address bar is always
the share link. Session keys are declared here and nowhere else.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import streamlit as st

from linkstar_analytics.plan.scenario import Scenario
from ui import cache
from ui.i18n import LANG_LABELS, LANGS, set_lang, t

# Session-state keys (the only ones the app uses).
K_LANG = "lang"
K_SCENARIO = "scenario"
K_NOTICES = "scenario_notices"
K_INITIALISED = "state_initialised"
K_SCENARIO_REF = "scenario_ref"  # (name, version) of the saved scenario this view came from

#: Query params that are not levers of the Scenario.
P_LANG = "lang"
P_SAVED = "saved"  # "name@version": open a saved scenario


def today() -> date:
    return date.today()


# ---------------------------------------------------------------------------------------------
# Language
# ---------------------------------------------------------------------------------------------

K_LANG_WIDGET = "lang_widget"


def init_language() -> None:
    if K_LANG not in st.session_state:
        raw = st.query_params.get(P_LANG, "en")
        st.session_state[K_LANG] = "zh" if str(raw).lower().startswith("zh") else "en"
    set_lang(st.session_state[K_LANG])


def language_switch() -> None:
    langs = list(LANGS)
    st.sidebar.radio(
        t("app.language"),
        options=langs,
        index=langs.index(st.session_state[K_LANG]),
        format_func=lambda code: LANG_LABELS[code],
        key=K_LANG_WIDGET,
        horizontal=True,
        on_change=_language_changed,
    )


def _language_changed() -> None:
    st.session_state[K_LANG] = st.session_state.get(K_LANG_WIDGET) or "en"
    set_lang(st.session_state[K_LANG])


# ---------------------------------------------------------------------------------------------
# Dataset
# ---------------------------------------------------------------------------------------------

def active_version() -> int | None:
    """The dataset version this view uses: the scenario's (a share link pins it), else the active one."""
    scenario = get_scenario()
    if scenario.dataset_version is not None:
        return scenario.dataset_version
    return cache.ensure_dataset(today())


def dataset_picker() -> None:
    """Show which dataset the view uses (the Data page switches the active one)."""
    with st.spinner(t("app.loading_sample")):
        version = cache.ensure_dataset(today())
    scenario = get_scenario()
    if scenario.dataset_version is None and version is not None:
        set_scenario(replace(scenario, dataset_version=version), write_url=False)
    version = active_version()
    datasets = cache.list_datasets()
    if version is None or datasets.empty:
        st.sidebar.warning(t("app.no_dataset"))
        return
    row = datasets.loc[datasets["version"] == version]
    name = str(row.iloc[0]["name"]) if len(row) else "?"
    st.sidebar.caption(f"{t('app.dataset')} · " + t("app.dataset_caption", version=version, name=name))


# ---------------------------------------------------------------------------------------------
# Scenario
# ---------------------------------------------------------------------------------------------

def _params_dict() -> dict[str, Any]:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def _init_scenario() -> None:
    params = _params_dict()
    params.pop(P_LANG, None)
    saved = params.pop(P_SAVED, None)
    notices: list[str] = []
    scenario, notices = Scenario.from_query_params(params)
    if saved:
        scenario, extra = _open_saved(saved[-1] if isinstance(saved, list) else saved, fallback=scenario)
        notices += extra
    st.session_state[K_SCENARIO] = scenario
    st.session_state[K_NOTICES] = notices
    st.session_state[K_INITIALISED] = True


def _open_saved(ref: str, fallback: Scenario) -> tuple[Scenario, list[str]]:
    from linkstar_analytics.io import storage

    name, _, ver = str(ref).rpartition("@")
    if not name:
        name, ver = str(ref), ""
    try:
        version = int(ver) if ver else None
    except ValueError:
        return fallback, [f"saved scenario version {ver!r} is not a number; showing the link's levers instead"]
    record = storage.load_scenario(cache.cursor(), name, version)
    if record is None:
        return fallback, [f"saved scenario {name!r} version {ver or 'latest'} was not found; showing defaults"]
    try:
        scenario = Scenario.from_json(record["scenario_json"])
    except (ValueError, TypeError, KeyError) as exc:
        return fallback, [f"saved scenario {name!r} could not be read ({exc}); showing defaults"]
    st.session_state[K_SCENARIO_REF] = (name, int(record["version"]))
    return scenario, []


def get_scenario() -> Scenario:
    if not st.session_state.get(K_INITIALISED):
        _init_scenario()
    return st.session_state[K_SCENARIO]


def set_scenario(scenario: Scenario, *, write_url: bool = True, reset_widgets: bool = False) -> None:
    st.session_state[K_SCENARIO] = scenario
    if reset_widgets:
        for k in [k for k in st.session_state.keys() if str(k).startswith("lv_")]:
            del st.session_state[k]
    if write_url:
        write_query_params()


def update_scenario(**changes: Any) -> Scenario:
    """Apply lever changes (validated by the Scenario) and write the share link."""
    scenario = replace(get_scenario(), **changes)
    set_scenario(scenario)
    return scenario


def campaign_id(campaigns, scenario: Scenario | None = None) -> str:
    """The scenario's campaign, or the default one when unset or unknown: the next campaign that can still be
    planned (a purchase order for it can still be placed on some lane at the default buffer)."""
    from linkstar_analytics.calendar import default_campaign_id

    scenario = scenario or get_scenario()
    cid = scenario.campaign_id
    ids = set(campaigns["campaign_id"].astype(str))
    if cid and cid in ids:
        return cid
    version = scenario.dataset_version or active_version()
    latest_po = cache.dataset_facts(cache.db_path(), version)["latest_po"] if version is not None else None
    return default_campaign_id(campaigns, today(), latest_po) or (sorted(ids)[0] if ids else "")


def freight_lanes() -> frozenset[tuple[str, str]]:
    """(warehouse_id, freight_mode) pairs the active dataset has a lane for."""
    return cache.dataset_facts(cache.db_path(), active_version())["lanes"]


def freight_mode_of(warehouse_id: str) -> str:
    """The scenario's mode for a warehouse, else the default mode the warehouse offers (sea first)."""
    scenario = get_scenario()
    if warehouse_id in scenario.freight_mode:
        return scenario.freight_mode[warehouse_id]
    return cache.dataset_facts(cache.db_path(), active_version())["default_modes"].get(warehouse_id, "sea")


def write_query_params() -> None:
    """Rewrite the URL so it holds exactly the current levers (plus language)."""
    params = get_scenario().to_query_params()
    if st.session_state.get(K_LANG, "en") != "en":
        params[P_LANG] = st.session_state[K_LANG]
    current = {k: st.query_params.get(k) for k in st.query_params.keys()}
    if current != params:
        st.query_params.from_dict(params)


def show_notices() -> None:
    """Tell the user, once, which link settings were ignored."""
    notices = st.session_state.get(K_NOTICES) or []
    if notices:
        with st.container(border=True):
            st.warning(t("app.notice_title"), icon=":material/link_off:")
            for n in notices[:12]:
                st.caption(n)
        st.session_state[K_NOTICES] = []


def supply_view():
    """The supply-chain view (landed cost, schedule, alerts...) for the current scenario, cached."""
    version = active_version()
    tables = cache.load_tables(version)
    scenario = get_scenario()
    return cache.supply_view(
        version, campaign_id(tables["campaigns"]), int(scenario.buffer_days),
        tuple(sorted(scenario.freight_mode.items())), scenario.lead_time_case == "pessimistic",
        tuple(sorted(scenario.fx_table().items())), scenario.display_currency, today().isoformat(),
    )


def plan(scenario: Scenario | None = None):
    """The plan of a scenario (the current one by default): forecasts and inputs come from caches; only the
    levers' math runs."""
    from linkstar_analytics.plan.engine import compute_plan

    scenario = scenario or get_scenario()
    version = scenario.dataset_version or active_version()
    tables = cache.load_tables(version)
    fc = cache.forecast(version, model=scenario.forecast_model, progress_text=t("fc.running"), done_text=t("fc.done"))
    cid = campaign_id(tables["campaigns"], scenario)
    inputs = cache.plan_inputs(version, cid, fc, tuple(sorted(scenario.uplift_overrides.items())))
    if scenario.campaign_id != cid:
        scenario = scenario.replace(campaign_id=cid)
    return compute_plan(inputs, scenario), inputs
