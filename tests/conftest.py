"""Shared fixtures: a real DuckDB file with the committed sample data imported once per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

#: The planning date of every test (``calendar.planning_today``): page tests and the browser tests' servers (which
#: inherit the environment) see the committed sample's campaigns as on this day, whatever day the suite runs.
TEST_TODAY = "2026-12-02"
os.environ["LINKSTAR_TODAY"] = TEST_TODAY


@pytest.fixture(scope="session")
def sample_db_template(tmp_path_factory) -> Path:
    """A DuckDB file holding the committed sample as dataset version 1 and its default forecast (built once,
    copied per test)."""
    from linkstar_analytics.io import storage
    from linkstar_analytics.io.validation import load_folder

    path = tmp_path_factory.mktemp("db") / "template.duckdb"
    result = load_folder(REPO / "sample_data")
    assert result.ok, [str(i) for i in result.issues if i.severity == "error"][:5]
    from linkstar_analytics import workflow

    conn = storage.connect(path)
    version = storage.save_dataset(conn, result.tables, name="Sample data", source_files=result.files, author="tests",
                                   activate=True)
    # The default catalogue forecast, stored as the app stores it, so page tests do not refit. Prophet runs for the 16
    # best sellers only (LINKSTAR_PROPHET_MAX_SERIES): auto with every candidate, in a third of the time.
    import os

    saved = os.environ.get("LINKSTAR_PROPHET_MAX_SERIES")
    os.environ["LINKSTAR_PROPHET_MAX_SERIES"] = "16"
    try:
        workflow.load_or_run_forecast(conn, version, storage.load_dataset(conn, version))
    finally:
        if saved is None:
            os.environ.pop("LINKSTAR_PROPHET_MAX_SERIES")
        else:
            os.environ["LINKSTAR_PROPHET_MAX_SERIES"] = saved
    conn.close()
    return path


@pytest.fixture()
def sample_db(sample_db_template, tmp_path, monkeypatch) -> Path:
    """A private copy of the sample database, set as LINKSTAR_DB for the test."""
    path = tmp_path / "linkstar.duckdb"
    shutil.copy(sample_db_template, path)
    monkeypatch.setenv("LINKSTAR_DB", str(path))
    return path


@pytest.fixture(scope="session", autouse=True)
def _stop_background_fits_at_the_end():
    """Page tests start background forecast fits in this process (a fresh database fits `auto` behind the quick
    forecast). At the end of the session they are asked to stop and waited for, as the app does at exit."""
    yield
    import sys

    if "ui.cache" in sys.modules:
        sys.modules["ui.cache"].stop_background_fits(timeout_s=120.0)
