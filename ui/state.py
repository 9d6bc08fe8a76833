"""The one bridge between the Scenario and Streamlit.

On the first run of a session the URL's query params are parsed (through the library's validators)
into a ``Scenario`` kept in ``st.session_state``; hostile or malformed params fall back to defaults
with a visible notice. After every change the params are written back, so the address bar is always
the share link. Session keys are declared here and nowhere else.

Links that cannot hurt: every run checks the scenario against the dataset it uses
(:func:`reconcile_with_data`): an unknown dataset version, campaign, SKU (uplift overrides, per-SKU mix),
warehouse, a warehouse of another market (mix, per-SKU mix) or a freight mode the warehouse has no lane for is
dropped, the user is told in their language (quoting at most a short prefix of the value, as plain
text), and the address bar is rewritten to what is shown. Notices are kept as (catalogue key,
values) and rendered in the reader's language when shown.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import streamlit as st

from linkstar_analytics.plan.scenario import LEVERS, Scenario
from ui import cache
from ui.i18n import LANG_LABELS, LANGS, set_lang, t
from ui.text import plain, plain_short

# Session-state keys (the only ones the app uses).
K_LANG = "lang"
K_SCENARIO = "scenario"
K_NOTICES = "scenario_notices"
K_INITIALISED = "state_initialised"
K_SCENARIO_REF = "scenario_ref"  # (name, version) of the saved scenario this view came from

#: Query params that are not levers of the Scenario.
P_LANG = "lang"
P_SAVED = "saved"  # "name@version": open a saved scenario
#: Params Streamlit itself reads (embedding options); never levers, never reported.
STREAMLIT_PARAMS = ("embed", "embed_options")

#: Short link key -> lever name.
KEY_TO_LEVER: dict[str, str] = {spec.key: name for name, spec in LEVERS.items()}


def today() -> date:
    """The planning date (``calendar.planning_today``: ``$LINKSTAR_TODAY`` or the machine's date)."""
    from linkstar_analytics.calendar import planning_today

    return planning_today()


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
    """Show which dataset the view uses (the Data page switches the active one); check the link against it."""
    with st.spinner(t("app.loading_sample")):
        version = cache.ensure_dataset(today())
    datasets = cache.list_datasets()
    reconcile_with_data(version, datasets)
    scenario = get_scenario()
    if scenario.dataset_version is None and version is not None:
        set_scenario(replace(scenario, dataset_version=version), write_url=False)
    version = active_version()
    if version is None or datasets.empty:
        st.sidebar.warning(t("app.no_dataset"))
        return
    row = datasets.loc[datasets["version"] == version]
    name = str(row.iloc[0]["name"]) if len(row) else "?"
    st.sidebar.caption(plain(f"{t('app.dataset')} · " + t("app.dataset_caption", version=version, name=name)))


# ---------------------------------------------------------------------------------------------
# Scenario
# ---------------------------------------------------------------------------------------------

def _params_dict() -> dict[str, Any]:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


Notice = tuple[str, dict[str, Any]]  # (catalogue key, values): rendered in the reader's language when shown


def _last(raw: Any) -> str:
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else ""
    return raw if isinstance(raw, str) else str(raw)


def parse_link(params: dict[str, Any]) -> tuple[Scenario, list[Notice]]:
    """The scenario a link's params describe and a notice per ignored param. Never raises.

    Each lever param is checked on its own through ``Scenario.from_query_params`` (the library's
    validators); a bad one is left out and named, the others are kept."""
    notices: list[Notice] = []
    clean: dict[str, str] = {}
    try:
        items = list(params.items())
    except Exception:  # noqa: BLE001 - hostile input must never raise
        return Scenario(), [("link.unreadable", {})]
    for key, raw in items:
        key_s, value = str(key), _last(raw)
        if key_s in (P_LANG, P_SAVED) or key_s in STREAMLIT_PARAMS:
            continue
        name = KEY_TO_LEVER.get(key_s)
        if name is None:
            notices.append(("link.unknown_param", {"param": key_s}))
            continue
        _one, bad = Scenario.from_query_params({key_s: value})
        if bad:
            notices.append(("link.ignored", {"param": key_s, "lever": name, "value": value}))
            continue
        clean[key_s] = value
    scenario, rest = Scenario.from_query_params(clean)
    if rest:  # levers valid alone but not together: the library fell back to the defaults
        notices.append(("link.conflict", {}))
    return scenario, notices


def _init_scenario() -> None:
    params = _params_dict()
    saved = params.get(P_SAVED)
    scenario, notices = parse_link(params)
    if saved:
        scenario, extra = _open_saved(_last(saved), fallback=scenario)
        notices += extra
    st.session_state[K_SCENARIO] = scenario
    st.session_state[K_NOTICES] = notices
    st.session_state[K_INITIALISED] = True


def _open_saved(ref: str, fallback: Scenario) -> tuple[Scenario, list[Notice]]:
    from linkstar_analytics.io import storage

    name, _, ver = str(ref).rpartition("@")
    if not name:
        name, ver = str(ref), ""
    try:
        version = int(ver) if ver else None
    except ValueError:
        return fallback, [("link.saved_bad_version", {"value": ver})]
    if not name.strip() or len(name) > 200:
        return fallback, [("link.saved_missing", {"value": name, "version": ver or "—"})]
    record = storage.load_scenario(cache.cursor(), name, version)
    if record is None:
        return fallback, [("link.saved_missing", {"value": name, "version": ver or "—"})]
    try:
        scenario = Scenario.from_saved_json(record["scenario_json"])
    except (ValueError, TypeError, KeyError):
        return fallback, [("link.saved_unreadable", {"value": name})]
    st.session_state[K_SCENARIO_REF] = (name, int(record["version"]))
    return scenario, []


def add_notices(notices: list[Notice]) -> None:
    if notices:
        st.session_state[K_NOTICES] = list(st.session_state.get(K_NOTICES) or []) + list(notices)


def reconcile_with_data(active: int | None, datasets) -> None:
    """Drop what the scenario names but the data does not have, with a notice each (see the module docstring)."""
    scenario = get_scenario()
    notices: list[Notice] = []
    changes: dict[str, Any] = {}
    known_versions = set(int(v) for v in datasets["version"]) if len(datasets) else set()
    if scenario.dataset_version is not None and scenario.dataset_version not in known_versions:
        notices.append(("link.unknown_dataset", {"value": scenario.dataset_version, "active": active or "—"}))
        changes["dataset_version"] = active
    version = changes.get("dataset_version", scenario.dataset_version) or active
    if version is None:
        _apply(scenario, changes, notices)
        return
    facts = cache.dataset_facts(cache.db_path(), int(version))
    if scenario.campaign_id and scenario.campaign_id not in facts["campaigns"]:
        notices.append(("link.unknown_campaign", {"value": scenario.campaign_id}))
        changes["campaign_id"] = ""
        changes["uplift_overrides"] = {}
    for lever in ("uplift_overrides", "baseline_overrides"):
        overrides = dict(changes.get(lever, getattr(scenario, lever)))
        for key in list(overrides):
            sku, _, region = str(key).rpartition("|")
            if sku not in facts["skus"]:
                notices.append(("link.unknown_sku", {"value": sku}))
                del overrides[key]
            elif region not in facts["regions"]:
                notices.append(("link.unknown_region", {"value": region}))
                del overrides[key]
        if len(overrides) != len(getattr(scenario, lever)) and lever not in changes:
            changes[lever] = overrides
    wh_region: dict[str, str] = facts["warehouse_region"]
    mix: dict[str, dict[str, float]] = {}
    mix_changed = False
    for region, shares in scenario.warehouse_mix.items():
        kept = _market_warehouses(shares, region, wh_region, notices)
        mix_changed = mix_changed or len(kept) != len(shares)
        if region not in facts["regions"] and kept:
            notices.append(("link.unknown_region", {"value": region}))
            kept, mix_changed = {}, True
        if kept:
            mix[region] = kept
        elif shares:
            mix_changed = True
    if mix_changed:
        changes["warehouse_mix"] = mix
    sku_mix: dict[str, dict[str, float]] = {}
    for key, shares in scenario.sku_mix.items():
        sku, _, region = str(key).rpartition("|")
        if sku not in facts["skus"]:
            notices.append(("link.unknown_sku_mix", {"value": sku}))
            continue
        if region not in facts["regions"]:
            notices.append(("link.unknown_region", {"value": region}))
            continue
        kept = _market_warehouses(shares, region, wh_region, notices)
        if sum(kept.values()) > 0:
            sku_mix[key] = kept
    if sku_mix != {k: dict(v) for k, v in scenario.sku_mix.items()}:
        changes["sku_mix"] = sku_mix
    modes: dict[str, str] = {}
    for wid, mode in scenario.freight_mode.items():
        if wid not in wh_region:
            notices.append(("link.unknown_warehouse", {"value": wid}))
        elif (wid, mode) not in facts["lanes"]:
            notices.append(("link.no_lane", {"value": wid, "mode": mode}))
        else:
            modes[wid] = mode
    if len(modes) != len(scenario.freight_mode):
        changes["freight_mode"] = modes
    _apply(scenario, changes, notices)


def _market_warehouses(shares, region: str, wh_region: dict[str, str], notices: list[Notice]) -> dict[str, float]:
    """The shares of a mix whose warehouse is in the data and serves ``region``; a notice for each one dropped."""
    kept: dict[str, float] = {}
    for wid, pct in dict(shares).items():
        if wid not in wh_region:
            notices.append(("link.unknown_warehouse", {"value": wid}))
        elif wh_region[wid] != region:
            notices.append(("link.wrong_market", {"value": wid, "region": region, "home": wh_region[wid]}))
        else:
            kept[wid] = float(pct)
    return kept


def _apply(scenario: Scenario, changes: dict[str, Any], notices: list[Notice]) -> None:
    if not changes:
        return
    try:
        fixed = scenario.replace(**changes)
    except (ValueError, TypeError):  # the remaining levers do not fit together: start from the defaults
        fixed = Scenario(dataset_version=changes.get("dataset_version", scenario.dataset_version))
        notices.append(("link.conflict", {}))
    set_scenario(fixed, reset_widgets=True)
    add_notices(notices)


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


#: Most notices listed at once (the rest are counted).
MAX_NOTICES = 12


def notice_text(notice: Notice | str) -> str:
    """One notice in the reader's language, as plain text (values quoted as a short prefix, never Markdown)."""
    if isinstance(notice, str):  # a library notice (English)
        return plain(notice)
    key, values = notice
    shown: dict[str, str] = {}
    for k, v in values.items():
        if k == "lever":
            shown[k] = t(f"lever.{v}") if f"lever.{v}" in _catalogue() else plain_short(v)
        elif k == "mode":
            shown[k] = t(f"freight.{v}") if f"freight.{v}" in _catalogue() else plain_short(v)
        else:
            shown[k] = plain_short(v)
    return t(key, **shown)


def _catalogue() -> dict:
    from ui.i18n import CATALOGUE

    return CATALOGUE


def show_notices() -> None:
    """Tell the user, once, which link settings were ignored."""
    notices = st.session_state.get(K_NOTICES) or []
    if notices:
        with st.container(border=True):
            st.warning(t("app.notice_title"), icon=":material/link_off:")
            for n in notices[:MAX_NOTICES]:
                st.caption(notice_text(n))
            if len(notices) > MAX_NOTICES:
                st.caption(t("link.more", n=len(notices) - MAX_NOTICES))
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
        shock_items(scenario),
    )


def shock_items(scenario: Scenario) -> tuple:
    """The scenario's cost shocks as a hashable cache key: freight multiplier items, FX shock %, duty step items."""
    steps = tuple(sorted((r, (str(s["from"]), float(s["pct_points"]))) for r, s in scenario.duty_step.items()))
    return (tuple(sorted((m, float(f)) for m, f in scenario.freight_multiplier.items())),
            float(scenario.fx_shock_pct), steps)


def plan(scenario: Scenario | None = None):
    """The plan of a scenario (the current one by default): forecasts and inputs come from caches; only the
    levers' math runs."""
    from linkstar_analytics.plan.engine import compute_plan

    scenario = scenario or get_scenario()
    version = scenario.dataset_version or active_version()
    tables = cache.load_tables(version)
    fc = cache.forecast(version, model=scenario.forecast_model, progress_text=t("fc.running"), done_text=t("fc.done"))
    cid = campaign_id(tables["campaigns"], scenario)
    inputs = cache.plan_inputs(version, cid, fc, tuple(sorted(scenario.uplift_overrides.items())),
                               tuple(sorted(scenario.baseline_overrides.items())))
    if scenario.campaign_id != cid:
        scenario = scenario.replace(campaign_id=cid)
    return compute_plan(inputs, scenario), inputs
