from __future__ import annotations

import json

import pandas as pd

from linkstar_analytics.forecast.base import FORECAST_COLUMNS, validate_forecast_frame
from linkstar_analytics.forecast.batch import ForecastResult, run_forecasts

from .conftest import make_campaigns, make_sales


def test_run_forecasts_in_process(synthetic):
    sales, skus, camps = synthetic
    calls = []
    r = run_forecasts(sales, skus, camps, horizon_days=21, model="auto", use_dask=False, prophet_in_auto=False,
                      candidates=("naive", "intermittent", "ets"),
                      progress=lambda d, t: calls.append((d, t)), history_end="2025-11-20")
    validate_forecast_frame(r.forecasts)
    assert list(r.forecasts.columns) == list(FORECAST_COLUMNS) + ["window_sd_scale"]
    assert calls and calls[-1][0] == calls[-1][1]
    n_series = sales[["sku", "region"]].drop_duplicates().shape[0]
    assert len(r.selection) == n_series and len(r.forecasts) == n_series * 21
    assert set(r.accuracy["model"]) >= {"auto", "naive", "ets"}
    assert len(r.settings_key) == 16
    # settings key is stable and changes with the settings
    r2 = run_forecasts(sales, skus, camps, horizon_days=21, model="naive", use_dask=False, history_end="2025-11-20")
    assert r2.settings_key != r.settings_key
    assert (r2.forecasts["model"] == "naive").all()
    frames = r.to_frames()
    back = ForecastResult.from_frames(frames)
    assert back.settings_key == r.settings_key
    pd.testing.assert_frame_equal(back.forecasts, r.forecasts)
    camp = r.campaign_forecasts(camps)
    assert (camp["campaign_id"] == "BFCM-2025").any()
    tables = r.accuracy_tables()
    assert set(tables) == {"series", "sku", "category", "catalogue"}


def test_run_forecasts_on_dask_local_cluster():
    from distributed import Client, LocalCluster

    sales, skus = make_sales(n_series=4)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        r = run_forecasts(sales, skus, make_campaigns(), horizon_days=7, model="ets", use_dask=True, client=client)
    validate_forecast_frame(r.forecasts)
    assert len(r.forecasts) == sales[["sku", "region"]].drop_duplicates().shape[0] * 7


def _run(command, argv):
    """Through the real entry point (``python -m linkstar_analytics COMMAND ...``)."""
    from linkstar_analytics.cli import main

    return main([command, *argv])


def test_cli_forecast_and_backtest_end_to_end(tmp_path):
    sales, skus = make_sales(n_series=9)
    camps = make_campaigns()
    sp, cp, kp = tmp_path / "sales.csv", tmp_path / "campaigns.csv", tmp_path / "skus.csv"
    sales.to_csv(sp, index=False)
    camps.to_csv(cp, index=False)
    skus.to_csv(kp, index=False)
    out = tmp_path / "fc.csv"
    assert _run("forecast", ["--sales", str(sp), "--horizon", "10", "--model", "ets", "--campaigns", str(cp),
                             "--out", str(out)]) == 0
    fc = pd.read_csv(out)
    assert {"sku", "date", "model", "mean", "p10", "p50", "p90"} <= set(fc.columns)
    assert len(fc) == sales[["sku", "region"]].drop_duplicates().shape[0] * 10
    assert (fc["p10"] <= fc["p50"] + 1e-6).all() and (fc["p50"] <= fc["p90"] + 1e-6).all()
    js = tmp_path / "bt.json"
    assert _run("backtest", ["--sales", str(sp), "--horizon", "14", "--cutoff", "2025-11-20", "--campaigns", str(cp),
                             "--skus", str(kp), "--out", str(js)]) == 0
    rep = json.loads(js.read_text())
    assert {"auto", "naive", "ets", "intermittent"} <= set(rep["models"])
    for m in rep["models"].values():
        assert {"wape", "bias", "coverage"} <= set(m["overall"])
        assert m["per_sku"] and {"sku", "wape", "bias", "coverage"} <= set(m["per_sku"][0])
    assert _run("backtest", ["--sales", str(sp), "--horizon", "14", "--cutoff", "2030-01-01",
                             "--out", str(js)]) == 1


def test_cli_module_registered():
    from linkstar_analytics.cli import COMMANDS

    assert COMMANDS["forecast"][0] == "forecast" and COMMANDS["backtest"][0] == "backtest"


def test_the_prophet_cap_reads_the_environment(monkeypatch):
    from linkstar_analytics.forecast.batch import PROPHET_AUTO_MAX_SERIES, prophet_max_series

    monkeypatch.delenv("LINKSTAR_PROPHET_MAX_SERIES", raising=False)
    assert prophet_max_series() == PROPHET_AUTO_MAX_SERIES
    monkeypatch.setenv("LINKSTAR_PROPHET_MAX_SERIES", "16")
    assert prophet_max_series() == 16
    monkeypatch.setenv("LINKSTAR_PROPHET_MAX_SERIES", "lots")  # not a number: the default, never an error
    assert prophet_max_series() == PROPHET_AUTO_MAX_SERIES
