"""A slow forecast model fits in the background: the page plans on the quick forecast at once, says so, and
switches to the stored forecast when it is ready (the real app, the real DuckDB file, a small catalogue)."""

from __future__ import annotations

import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from linkstar_analytics import workflow
from linkstar_analytics.io import storage
from linkstar_analytics.io.sample_data import generate_sample

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")


def _small_db(path: Path) -> int:
    conn = storage.connect(path)
    version = storage.save_dataset(conn, generate_sample(12, seed=5), name="Small", source_files=["test"],
                                   author="tests", activate=True)
    conn.close()
    return version


def _texts(at: AppTest) -> str:
    return " ".join(e.value for e in [*at.info, *at.warning] if isinstance(e.value, str))


def test_a_slow_model_plans_on_the_quick_forecast_then_on_its_own(tmp_path, monkeypatch):
    db = tmp_path / "bg.duckdb"
    version = _small_db(db)
    monkeypatch.setenv("LINKSTAR_DB", str(db))
    # "ets" stands in for a slow model here so that the background fit takes seconds, not minutes
    monkeypatch.setattr(workflow, "SLOW_MODELS", frozenset({"auto", "prophet", "lgbm", "ets"}))

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["fc"] = "ets"
    at.run()
    at.switch_page(str(REPO / "pages" / "whatif.py"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "quick forecast (Seasonal naive)" in _texts(at), _texts(at)
    assert any(m.label.startswith("Units to stock") for m in at.metric)  # the headline is there at once

    conn = storage.connect(db)
    key = workflow.forecast_key("ets", workflow.forecast_horizon_days(storage.load_dataset(conn, version)))
    deadline = time.time() + 180
    while workflow.stored_forecast(conn, version, key) is None and time.time() < deadline:
        time.sleep(0.5)
    stored = workflow.stored_forecast(conn, version, key)
    conn.close()
    assert stored is not None, "the background fit never stored its forecast"
    assert set(stored.selection["model"]) == {"ets"}

    time.sleep(0.5)  # the thread publishes its result right after storing it
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "quick forecast" not in _texts(at)  # the page now stands on the ets forecast

    # a restart (a new slot) reads the stored forecast instead of fitting again
    from ui import cache

    assert cache.pending_status(version, "ets") is None
