"""Caching boundary between Streamlit and the library.

* ``st.cache_resource``: the database handle (``storage.SharedDatabase``: every ``cursor()`` is a
  connection of its own, and the file is let go after a few idle seconds so the command line can
  import), and immutable results shared read-only by every session: dataset tables (versions never
  change), per-version facts, supply views keyed by their lever values, plan inputs. Shared rather
  than ``st.cache_data`` so that a rerun never unpickles whole frames again; callers never mutate them.
  ``st.cache_resource`` computes each key under its own lock, so two sessions never build the same
  value twice.
* Forecasts: one slot per (database, dataset version, settings) from ``st.cache_resource`` holding the
  result and a lock; the first session fits (with a progress bar) or reads the stored forecast while
  any other session asking for the same key waits for it, so a catalogue is never fitted twice at once.
  A slow model (``auto``, Prophet, LightGBM) fits in one background thread per slot instead, and pages
  plan on the quick forecast (seconds) until it is stored.
* Keys are hashable values (database path, dataset version, settings key, campaign id, lever values),
  never frames read from globals.

Nothing here draws widgets except the forecast's progress bar; pages call these and draw.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
from datetime import date

import pandas as pd
import streamlit as st

from linkstar_analytics.io import storage



@st.cache_resource(show_spinner=False)
def get_connection(db_path: str) -> storage.SharedDatabase:
    """One shared handle per database file for the whole server; callers take ``cursor()``."""
    return storage.SharedDatabase(db_path)


@st.cache_resource(show_spinner=False)
def warm_up() -> threading.Thread:
    """Once per server process: build the plan's Gamma quantile table (``plan.risk``; ~0.4 s of vectorised special
    functions that release the GIL) on a background thread, so the first page's plan does not wait for it while the
    script imports the data and forecasts."""
    def build() -> None:
        from linkstar_analytics.plan import risk

        risk.unit_gamma_quantile(1.0, 0.5)  # builds the table once (a plan that needs it meanwhile waits for it)

    thread = threading.Thread(target=build, name="linkstar-warm-up", daemon=True)
    thread.start()
    return thread


def db_path() -> str:
    return str(storage.default_db_path())


def cursor():
    """A connection of its own for this script thread (dropped after use; cheap while the file is open).

    Raises ``storage.DatabaseError`` when the file cannot be used (busy, damaged...); the app shows it."""
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
    with _first_import_lock(db_path()):  # two first visitors of a fresh server import the sample once
        version = storage.active_dataset_version(cur)
        if version is not None:
            return version
        return _import_sample(cur, today)


@st.cache_resource(show_spinner=False)
def _first_import_lock(path: str) -> threading.Lock:
    return threading.Lock()


def _import_sample(cur, today: date) -> int | None:
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
    wh = tables["warehouses"]
    regions = set(wh["region"].astype(str)) | set(tables["sales"]["region"].dropna().astype(str))
    return {
        "horizon_days": workflow.forecast_horizon_days(tables),
        "default_modes": default_freight_modes(lanes),
        "lanes": frozenset(zip(lanes["warehouse_id"].astype(str), lanes["freight_mode"].astype(str))),
        "latest_po": latest_po_by_campaign(tables, buffer_days=float(LEVERS["buffer_days"].default)),
        # What a share link may name (ui.state.reconcile_with_data drops anything else with a notice).
        "campaigns": frozenset(tables["campaigns"]["campaign_id"].astype(str)),
        "skus": frozenset(tables["skus"]["sku"].astype(str)),
        "regions": frozenset(regions),
        "warehouse_region": dict(zip(wh["warehouse_id"].astype(str), wh["region"].astype(str))),
    }


def list_datasets() -> pd.DataFrame:
    return storage.list_datasets(cursor())



def supply_view(version: int, campaign_id: str, buffer_days: int, freight_items: tuple, pessimistic: bool,
                fx_items: tuple, display_currency: str, today_iso: str, shock_items: tuple = ((), 0.0, ())):
    """Landed cost, schedule, shipments, readiness and alerts for one campaign and set of levers.
    ``shock_items``: (freight multiplier items, FX shock %, duty step items ``(market, (ISO date, points))``)."""
    return _supply_view(db_path(), version, campaign_id, buffer_days, freight_items, pessimistic, fx_items,
                        display_currency, today_iso, shock_items)


@st.cache_resource(show_spinner=False, max_entries=16)
def _supply_view(path: str, version: int, campaign_id: str, buffer_days: int, freight_items: tuple, pessimistic: bool,
                fx_items: tuple, display_currency: str, today_iso: str, shock_items: tuple):
    from datetime import date

    from linkstar_analytics.supply import supply_view as compose

    freight_mult, fx_shock, steps = shock_items
    return compose(
        _load_tables(path, version), campaign_id, buffer_days=buffer_days, freight_mode_by_warehouse=dict(freight_items),
        pessimistic=pessimistic, fx=dict(fx_items), display_currency=display_currency,
        today=date.fromisoformat(today_iso), freight_multiplier=dict(freight_mult), fx_shock_pct=float(fx_shock),
        duty_steps=dict(steps),
    )


# ---------------------------------------------------------------------------------------------
# Forecasts and plan inputs: computed once, shared by every session (immutable results).
# ---------------------------------------------------------------------------------------------

#: Most forecasts and plan inputs kept in memory (oldest dropped first); each is a few MB for 2,000 SKUs.
MEMO_MAX_ENTRIES = 24


@st.cache_resource(show_spinner=False, max_entries=MEMO_MAX_ENTRIES)
def _forecast_slot(path: str, version: int, key: str) -> dict:
    """The shared slot of one catalogue forecast: ``{"lock", "value", "thread", "progress", "error"}``."""
    return {"lock": threading.Lock(), "value": None, "thread": None, "wanted": False, "progress": (0, 0),
            "error": None}


def forecast(version: int, *, model: str | None = None, progress_text: str = "", done_text: str = ""):
    """The catalogue forecast of a dataset version: memory, else DuckDB, else fit it once.

    A quick model fits while the page waits, with a progress bar; sessions asking for the same forecast at once
    wait for the first one (a lock per key), so it is fitted once. A slow model (``workflow.SLOW_MODELS``) fits in
    a background thread and is stored when done; until then this returns the quick forecast
    (:func:`pending_status` says so, and how far the fit is), so the page is usable at once.
    """
    from linkstar_analytics import workflow

    model = model or workflow.DEFAULT_MODEL
    horizon = dataset_facts(db_path(), version)["horizon_days"]
    key = workflow.forecast_key(model, horizon)
    slot = _forecast_slot(db_path(), version, key)
    if slot["value"] is not None:
        return slot["value"]
    if model in workflow.SLOW_MODELS:
        if not slot["wanted"]:  # asked once per slot: while the fit runs, a rerun does not query the database
            found = workflow.stored_forecast(cursor(), version, key)
            if found is not None:
                slot["value"] = found
                return found
        slot["wanted"] = True  # started by start_background_fit once this run has drawn its page
        return quick_forecast(version)
    lock: threading.Lock = slot["lock"]
    if not lock.acquire(blocking=False):  # another session is fitting this forecast: wait for it
        with st.spinner(progress_text or "…"):
            lock.acquire()
    try:
        if slot["value"] is None:
            slot["value"] = _load_or_fit(version, model, key, progress_text, done_text)
    finally:
        lock.release()
    return slot["value"]


def pending_status(version: int, model: str | None = None) -> dict | None:
    """``None`` when the forecast of ``model`` is ready (or was never asked for); else ``{"done", "total",
    "error"}`` of its background fit."""
    from linkstar_analytics import workflow

    model = model or workflow.DEFAULT_MODEL
    if model not in workflow.SLOW_MODELS:
        return None
    horizon = dataset_facts(db_path(), version)["horizon_days"]
    slot = _forecast_slot(db_path(), version, workflow.forecast_key(model, horizon))
    if slot["value"] is not None or not (slot["wanted"] or slot["thread"] is not None):
        return None
    done, total = slot["progress"]
    return {"done": done, "total": total, "error": slot["error"]}


def quick_forecast(version: int):
    """The quick forecast (``workflow.run_quick_forecast``) of a dataset version, fitted once per server."""
    return _quick_forecast(db_path(), version)


@st.cache_resource(show_spinner=False, max_entries=8)
def _quick_forecast(path: str, version: int):
    from linkstar_analytics import workflow

    return workflow.run_quick_forecast(_load_tables(path, version))


#: Niceness of the background fit's thread (and of the Dask workers it starts): interactive page runs go first.
BACKGROUND_NICE = 10


def start_background_fit(version: int, model: str | None = None) -> None:
    """Start the background fit of a slow forecast a page asked for (``forecast``), once, after the page is drawn:
    the first page of a cold start does not share the 2 cores with the fit."""
    from linkstar_analytics import workflow

    model = model or workflow.DEFAULT_MODEL
    if model not in workflow.SLOW_MODELS:
        return
    horizon = dataset_facts(db_path(), version)["horizon_days"]
    slot = _forecast_slot(db_path(), version, workflow.forecast_key(model, horizon))
    if slot["wanted"] and slot["value"] is None:
        _start_background_fit(slot, version, model)


class BackgroundFitStopped(Exception):
    """Raised inside a background fit (at its next progress step) once the process is shutting down."""


@st.cache_resource(show_spinner=False)
def background_fits() -> dict:
    """Once per server process: the background fits' stop flag and threads. At interpreter exit they are asked to
    stop at their next progress step and waited for: a fit cut off inside native code (LightGBM, Stan) as the
    interpreter finalises aborts the whole process."""
    control = {"stop": threading.Event(), "threads": []}
    atexit.register(stop_background_fits, 30.0, control)
    return control


def stop_background_fits(timeout_s: float = 30.0, control: dict | None = None) -> None:
    """Ask every background fit to stop at its next progress step and wait for them (at most ``timeout_s`` in all)."""
    control = control if control is not None else background_fits()
    control["stop"].set()
    deadline = time.monotonic() + timeout_s
    for thread in list(control["threads"]):
        thread.join(max(0.0, deadline - time.monotonic()))


def _start_background_fit(slot: dict, version: int, model: str) -> None:
    """Start the slot's background fit once (the slot lock makes two sessions start one thread).

    The thread touches no Streamlit API: it gets the database handle and the tables from this (script) thread
    and writes only into the slot; the stored forecast is the same as a foreground fit's. It runs at a lower
    priority (``BACKGROUND_NICE``; Linux gives each thread its own niceness, and child processes inherit it)."""
    from linkstar_analytics import workflow

    if slot["thread"] is not None or not slot["lock"].acquire(blocking=False):
        return
    db = get_connection(db_path())
    tables = load_tables(version)

    control = background_fits()
    if control["stop"].is_set():  # shutting down: start nothing new
        slot["lock"].release()
        return

    def progress(done: int, total: int) -> None:
        if control["stop"].is_set():
            raise BackgroundFitStopped("the server is shutting down; the fit starts again on the next visit")
        slot["progress"] = (done, total)

    def run() -> None:
        try:
            try:
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)
            except (AttributeError, OSError):  # not Linux, or not allowed: run at the normal priority
                pass
            slot["value"] = workflow.load_or_run_forecast(db.cursor(), version, tables, model=model, progress=progress)
        except Exception as exc:  # noqa: BLE001 - shown on the page (pending_status), never lost in a log
            slot["error"] = exc
        finally:
            slot["lock"].release()

    thread = threading.Thread(target=run, name=f"forecast-{model}-v{version}", daemon=True)
    slot["thread"] = thread
    control["threads"][:] = [t for t in control["threads"] if t.is_alive()] + [thread]
    thread.start()


def _load_or_fit(version: int, model: str, key: str, progress_text: str, done_text: str):
    from linkstar_analytics import workflow

    tables = load_tables(version)
    found = workflow.stored_forecast(cursor(), version, key)
    if found is not None:
        return found
    bar = st.progress(0.0, text=progress_text)

    def progress(done: int, total: int) -> None:
        bar.progress(min(1.0, done / max(total, 1)), text=f"{progress_text} {done}/{total}")

    found = workflow.load_or_run_forecast(cursor(), version, tables, model=model, progress=progress)
    bar.empty()
    if done_text:
        st.toast(done_text)
    return found


def plan_inputs(version: int, campaign_id: str, fc, uplift_overrides: tuple = (), baseline_overrides: tuple = ()):
    """Plan inputs for one campaign (arrays over SKU x region x warehouse), laid out once per set of
    uplift and baseline overrides (rare, deliberate edits; sliders never rebuild them)."""
    return _plan_inputs(db_path(), version, campaign_id, fc.settings_key, tuple(uplift_overrides),
                        tuple(baseline_overrides), fc)


@st.cache_resource(show_spinner=False, max_entries=MEMO_MAX_ENTRIES)
def _plan_inputs(path: str, version: int, campaign_id: str, settings_key: str, uplift_overrides: tuple,
                 baseline_overrides: tuple, _fc):
    from linkstar_analytics import workflow

    return workflow.plan_inputs_for(_load_tables(path, version), _fc, campaign_id, dict(uplift_overrides),
                                    baseline_overrides=dict(baseline_overrides))
