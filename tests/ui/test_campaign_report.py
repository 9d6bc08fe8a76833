"""Campaign report page through the real router: a dataset version with a finished campaign's actuals (added beside
the sample, the way a partial import keeps the other tables), the review in English and Chinese, saving what it
learned and putting the learned uplift into the next campaign's plan."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.ui.conftest import page_path

CAMPAIGN = "BFCM-2026"
N_SERIES = 12


@pytest.fixture()
def actuals_db(sample_db):
    """Version 2 = the sample (v1) + campaign_actuals of BFCM-2026 for 12 US series: 80 % of the forecast each day,
    the first series out of stock on the last day, 5 units left of every other one."""
    from linkstar_analytics import workflow
    from linkstar_analytics.forecast.uplift import apply_campaign_effects
    from linkstar_analytics.io import storage

    conn = storage.connect(sample_db)
    tables = storage.load_dataset(conn, 1)
    fc = workflow.stored_forecast(conn, 1, workflow.forecast_key("auto", workflow.forecast_horizon_days(tables)))
    camp = tables["campaigns"].set_index("campaign_id").loc[CAMPAIGN]
    days = pd.date_range(camp["start_date"], camp["end_date"])
    us = fc.forecasts.loc[fc.forecasts["region"] == "US", ["sku", "region"]].drop_duplicates().head(N_SERIES)
    f = fc.forecasts.merge(us, on=["sku", "region"])
    f = apply_campaign_effects(f.loc[f["date"].isin(days)], fc.campaign_effects)
    act = pd.DataFrame({"campaign_id": CAMPAIGN, "sku": f["sku"], "region": f["region"], "date": f["date"],
                        "units_sold": np.round(0.8 * f["mean"].to_numpy()), "creator_units": 1.0})
    last = act["date"] == days[-1]
    first = act["sku"] == us["sku"].iloc[0]
    act["stockout"] = pd.array(last & first, dtype="boolean")
    act["on_hand_units"] = np.where(last, np.where(first, 0.0, 5.0), np.nan)
    act["presale_units"] = np.nan
    act.loc[first & last, "units_sold"] = 1.0
    storage.save_dataset(conn, {**tables, "campaign_actuals": act}, name="BFCM actuals", source_files=["x.csv"],
                         author="tests", base_version=1, activate=True)
    conn.close()
    return sample_db


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_the_page_without_actuals_says_how_to_import_them(app):
    at = app("campaign_report")
    assert at.title[0].value == "Campaign report"
    assert any("campaign_actuals.csv" in i.value for i in at.info)


def test_the_review_shows_forecast_versus_actual_and_saves_what_it_learned(app, actuals_db):
    at = app("campaign_report", params={"c": "YEAREND-2026"})
    assert at.selectbox(key="cr_campaign").value == CAMPAIGN
    forecast = float(_metric(at, "Forecast units").replace(",", ""))
    actual = float(_metric(at, "Actual units").replace(",", ""))
    assert forecast > 0 and actual == pytest.approx(0.8 * forecast, rel=0.1)
    assert _metric(at, "Stockout days (SKU-days)") == "1"
    assert _metric(at, "Leftover units") == f"{5 * (N_SERIES - 1)}"
    assert _metric(at, "Leftover cost (purchase basis)").startswith("CNY ")
    assert any("dataset v1" in c.value for c in at.caption)  # compared with the forecast made before the campaign
    assert len(at.get("plotly_chart")) == 2
    assert any("No learned defaults yet" in i.value for i in at.info)

    at.button(key="cr_save").click().run()
    assert not at.exception
    assert any("Saved as record 1" in s.value for s in at.success)
    at.button(key="cr_use_uplift").click().run()
    assert not at.exception
    uo = at.query_params["uo"]
    uo = uo[0] if isinstance(uo, list) else uo
    assert uo.count("|US:") == N_SERIES  # the learned uplift of every reviewed series, in the share link
    # the Forecast page shows it as learned and in use, in its override editor
    key = uo.split(",")[0].rsplit(":", 1)[0]
    at.switch_page(page_path("forecast")).run()
    at.selectbox(key="fc_series").set_value(key).run()
    assert not at.exception
    assert any(c.value.startswith("Learned from BFCM") and "in use" in c.value for c in at.caption)


def test_the_review_in_chinese(app, actuals_db):
    at = app("campaign_report", params={"lang": "zh"})
    assert at.title[0].value == "活动复盘"
    labels = [m.label for m in at.metric]
    assert "预测销量（件）" in labels and "损失销量（估算，件）" in labels
