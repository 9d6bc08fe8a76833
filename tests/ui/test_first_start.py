"""First start on an empty database: the built-in sample is imported anchored to the day, and the default
campaign is one that can still be planned (the app's own caching functions, the real DuckDB file)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from linkstar_analytics.calendar import default_campaign_id
from linkstar_analytics.io import storage


@pytest.mark.parametrize("today", [date(2026, 12, 1), date(2027, 6, 20)])
def test_first_start_imports_the_sample_anchored_to_today(tmp_path, monkeypatch, today):
    monkeypatch.setenv("LINKSTAR_DB", str(tmp_path / "first.duckdb"))
    from ui import cache

    version = cache.ensure_dataset(today)
    assert version == 1 and cache.ensure_dataset(today) == 1  # once per database
    listed = storage.list_datasets(cache.cursor())
    assert len(listed) == 1 and "Sample data" in listed.iloc[0]["name"]
    tables = cache.load_tables(version)
    assert pd.Timestamp(tables["sales"]["date"].max()).date() == date.fromordinal(today.toordinal() - 1)

    latest_po = cache.dataset_facts(cache.db_path(), version)["latest_po"]
    cid = default_campaign_id(tables["campaigns"], today, latest_po)
    assert latest_po[cid].date() >= today  # a purchase order can still be placed for it
    presale = tables["presale"]
    assert (presale["campaign_id"] == cid).any()  # the presale lever has data to act on
