"""A dataset with only 30 days of sales passes validation; every forecast and plan page opens on it (no backtest
window fits, so the accuracy tables are empty), with no exception."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from linkstar_analytics.io import storage
from linkstar_analytics.io.sample_data import generate_sample

REPO = Path(__file__).resolve().parents[2]


def test_thirty_days_of_sales_open_the_forecast_and_plan_pages(tmp_path, monkeypatch):
    tables = generate_sample(12, seed=5)
    sales = tables["sales"].assign(date=pd.to_datetime(tables["sales"]["date"]))
    tables["sales"] = sales.loc[sales["date"] > sales["date"].max() - pd.Timedelta(days=30)].reset_index(drop=True)
    db = tmp_path / "short.duckdb"
    conn = storage.connect(db)
    storage.save_dataset(conn, tables, name="Thirty days", source_files=["test"], author="tests", activate=True)
    conn.close()
    monkeypatch.setenv("LINKSTAR_DB", str(db))

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.query_params["fc"] = "ets"  # fitted in the foreground: a few seconds on 12 SKUs
    at.run()
    for page in ("forecast", "whatif", "review"):
        at.switch_page(str(REPO / "pages" / f"{page}.py"))
        at.run()
        assert not at.exception, (page, [e.value for e in at.exception])
    assert any(m.label.startswith("Units to stock") for m in at.metric)  # Review's headline is there
