"""Caching boundary between Streamlit and the library.

* ``st.cache_resource``: the DuckDB connection (a cursor per query, since one connection must not be
  shared between threads), and immutable results shared read-only by every session: dataset tables
  (versions never change), per-version facts, supply views keyed by their lever values. Shared rather
  than ``st.cache_data`` so that a rerun never unpickles whole frames again; callers never mutate them.
* A bounded process-wide memo for forecasts (also persisted in DuckDB) and plan inputs.
* Keys are hashable values (database path, dataset version, settings key, campaign id, lever values),
  never frames read from globals.

Nothing here draws widgets; pages call these and draw.
"""

from __future__ import annotations

import os
from datetime import date

import pandas as pd
import streamlit as st

from linkstar_analytics.io import storage



@st.cache_resource(show_spinner=False)
def get_connection(db_path: str):
    """One DuckDB connection per database file for the whole server; callers take ``cursor()``."""
    return storage.connect(db_path)


def db_path() -> str:
    return str(storage.default_db_path())


def cursor():
    """A fresh cursor on the shared connection (safe to use from this script thread)."""
    return get_connection(db_path()).cursor()


def ensure_dataset(today: date) -> int | None:
    """The active dataset version; imports the built-in sample, anchored to ``today``, when the database has none.

    The sample is generated for the day (``io.sample_data.anchored_sample``: sales up to yesterday, the campaign
    calendar running on from there), so its coming campaigns can really still be planned whatever the date of the
    first start; it takes about a second. It runs once per database and is stored as a normal dataset version, so
    users can import their own data beside it and switch back at any time. (The committed ``sample_data/`` folder
    is the fixed dataset the tests and benchmarks use.)
    """
    cur = cursor()
    version = storage.active_dataset_version(cur)
    if version is not None:
        return version
    if storage.list_datasets(cur).empty:
        from datetime import timedelta

        from linkstar_analytics.io.sample_data import anchored_sample

        tables = anchored_sample(today)
        return storage.save_dataset(
            cur,
            tables,
            name=f"Sample data (sales to {(today - timedelta(days=1)).isoformat()})",
            source_files=["built-in sample (linkstar_analytics.io.sample_data.anchored_sample)"],
            author=os.environ.get("LINKSTAR_AUTHOR", "sample"),
            activate=True,
        )
    return None


def load_tables(version: int) -> dict[str, pd.DataFrame]:
    """The typed tables of one dataset version (immutable: versions are append-only)."""
    return _load_tables(db_path(), version)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_tables(path: str, version: int) -> dict[str, pd.DataFrame]:
    """One shared, read-only copy per dataset version (versions never change; callers never mutate frames).
    ``cache_resource`` rather than ``cache_data``: a rerun must not unpickle the whole sales history again."""
    return storage.load_dataset(get_connection(path).cursor(), version)


@st.cache_resource(show_spinner=False, max_entries=4)
def dataset_facts(path: str, version: int) -> dict:
    """Small derived facts of a dataset version used on every rerun (forecast horizon, default freight modes,
    each campaign's latest PO date at the default buffer, which picks the default campaign)."""
    from linkstar_analytics import workflow
    from linkstar_analytics.plan.scenario import LEVERS
    from linkstar_analytics.supply import default_freight_modes, latest_po_by_campaign

    tables = _load_tables(path, version)
    lanes = tables["freight_lanes"]
    return {
        "horizon_days": workflow.forecast_horizon_days(tables),
        "default_modes": default_freight_modes(lanes),
        "lanes": frozenset(zip(lanes["warehouse_id"].astype(str), lanes["freight_mode"].astype(str))),
        "latest_po": latest_po_by_campaign(tables, buffer_days=float(LEVERS["buffer_days"].default)),
    }


def list_datasets() -> pd.DataFrame:
    return storage.list_datasets(cursor())



def supply_view(version: int, campaign_id: str, buffer_days: int, freight_items: tuple, pessimistic: bool,
                fx_items: tuple, display_currency: str, today_iso: str):
    """Landed cost, schedule, shipments, readiness and alerts for one campaign and set of levers."""
    return _supply_view(db_path(), version, campaign_id, buffer_days, freight_items, pessimistic, fx_items,
                        display_currency, today_iso)


@st.cache_resource(show_spinner=False, max_entries=16)
def _supply_view(path: str, version: int, campaign_id: str, buffer_days: int, freight_items: tuple, pessimistic: bool,
                fx_items: tuple, display_currency: str, today_iso: str):
    from datetime import date

    from linkstar_analytics.supply import supply_view as compose

    return compose(
        _load_tables(path, version), campaign_id, buffer_days=buffer_days, freight_mode_by_warehouse=dict(freight_items),
        pessimistic=pessimistic, fx=dict(fx_items), display_currency=display_currency,
        today=date.fromisoformat(today_iso),
    )


# ---------------------------------------------------------------------------------------------
# Forecasts and plan inputs: computed once, shared by every session (immutable results).
# ---------------------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def _memo() -> dict:
    """Process-wide memo of immutable results: forecasts and plan inputs (never mutated after insert)."""
    return {}


def forecast(version: int, *, model: str | None = None, progress_text: str = "", done_text: str = ""):
    """The catalogue forecast of a dataset version: memory, else DuckDB, else fit once with a progress bar."""
    from linkstar_analytics import workflow

    model = model or workflow.DEFAULT_MODEL
    horizon = dataset_facts(db_path(), version)["horizon_days"]
    key = ("forecast", db_path(), version, workflow.forecast_key(model, horizon))
    memo = _memo()
    if key in memo:
        return memo[key]
    tables = load_tables(version)
    found = workflow.stored_forecast(cursor(), version, key[3])
    if found is None:
        bar = st.progress(0.0, text=progress_text)

        def progress(done: int, total: int) -> None:
            bar.progress(min(1.0, done / max(total, 1)), text=f"{progress_text} {done}/{total}")

        found = workflow.load_or_run_forecast(cursor(), version, tables, model=model, progress=progress)
        bar.empty()
        if done_text:
            st.toast(done_text)
    _remember(memo, key, found)
    return found


def plan_inputs(version: int, campaign_id: str, fc, uplift_overrides: tuple = ()):
    """Plan inputs for one campaign (arrays over SKU x region x warehouse), laid out once per set of
    uplift overrides (a rare, deliberate edit; sliders never rebuild them)."""
    from linkstar_analytics import workflow

    key = ("plan_inputs", db_path(), version, campaign_id, fc.settings_key, uplift_overrides)
    memo = _memo()
    if key not in memo:
        _remember(memo, key, workflow.plan_inputs_for(load_tables(version), fc, campaign_id, dict(uplift_overrides)))
    return memo[key]


#: Most results the process-wide memo keeps (oldest dropped first); each is a few MB for 2,000 SKUs.
MEMO_MAX_ENTRIES = 24


def _remember(memo: dict, key, value) -> None:
    memo[key] = value
    while len(memo) > MEMO_MAX_ENTRIES:
        memo.pop(next(iter(memo)))
