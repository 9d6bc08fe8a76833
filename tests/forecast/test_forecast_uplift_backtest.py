from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from linkstar_analytics.forecast import backtest as bt
from linkstar_analytics.forecast.base import build_panel, validate_forecast_frame
from linkstar_analytics.forecast.holidays import campaign_key
from linkstar_analytics.forecast.models import make_model
from linkstar_analytics.forecast.uplift import UPLIFT_COLUMNS, apply_uplift, estimate_uplift

from .conftest import make_campaigns, make_sales


@pytest.mark.parametrize("cid,name,key", [
    ("BFCM-2025", "Black Friday Cyber Monday", "BFCM"), ("US-BF-2024", "", "BFCM"),
    ("1111-2025", "Singles Day", "11.11"), ("TH-12.12-2024", "12.12 End-of-Year Party", "12.12"),
    ("9.9-2025", "9.9 Big Sale", "9.9"), ("YE-2025", "Year-end sale", "year-end"),
    ("BTS-2025", "Back to School", "back-to-school"), ("SPRING-2025", "Spring promo", "SPRING"),
])
def test_campaign_key(cid, name, key):
    assert campaign_key(cid, name) == key


def test_uplift_recovers_lift_and_labels_sources():
    sales, skus = make_sales(n_series=30, lift=3.0)
    camps = make_campaigns()
    panel = build_panel(sales, skus=skus, campaigns=camps, history_end="2025-11-20")
    up = estimate_uplift(panel, camps)
    assert set(UPLIFT_COLUMNS) <= set(up.columns)
    bf = up[up["campaign_id"] == "BFCM-2025"]
    assert set(bf["region"]) == {"US", "UK"}
    big = bf[bf["source"].isin(["own", "shrunk"])]
    assert np.median(big["uplift"]) == pytest.approx(3.0, rel=0.25)
    first = up[up["campaign_id"] == "BFCM-2024"]  # no earlier BFCM in history: category has none -> default
    assert (first["source"] == "default").all() and (first["uplift"] == 2.5).all()


def test_shrinkage_thin_history_goes_to_category():
    """A SKU with a tiny baseline gets (almost) the category lift; a big one keeps (almost) its own."""
    sales, skus = make_sales(n_series=30, lift=3.0)
    camps = make_campaigns()
    thin_id, fat_id = "SKU000", "SKU009"  # SKU000 is intermittent (0.3/day), SKU009 a regular US seller
    # make the thin SKU's campaign look like a 10x lift on very few units, the fat one like 1.5x
    s = sales.copy()
    d = pd.to_datetime(s["date"])
    in_bf24 = (d >= "2024-11-29") & (d <= "2024-12-02")
    s = s[~((s["sku"] == thin_id) & in_bf24)]
    s = pd.concat([s, pd.DataFrame({"date": [pd.Timestamp("2024-11-29")], "sku": [thin_id], "region": ["US"],
                                    "channel": ["shop"], "units": [3]})])
    fat_mask = (s["sku"] == fat_id) & in_bf24.reindex(s.index, fill_value=False)
    s.loc[fat_mask, "units"] = np.round(s.loc[fat_mask, "units"] / 2.0)
    panel = build_panel(s, skus=skus, campaigns=camps, history_end="2025-11-20")
    up = estimate_uplift(panel, camps).set_index(["sku", "campaign_id"])
    thin = up.loc[(thin_id, "BFCM-2025")]
    fat = up.loc[(fat_id, "BFCM-2025")]
    assert thin["weight"] < 0.3
    assert abs(thin["uplift"] - thin["category_uplift"]) < abs(thin["uplift"] - 10.0)
    assert fat["weight"] > thin["weight"]
    assert fat["uplift"] < fat["category_uplift"]


def test_new_sku_borrows_category_and_apply_uplift_scales_campaign_days():
    sales, skus = make_sales(n_series=12, lift=3.0)
    new = pd.DataFrame({"date": pd.date_range("2025-11-10", "2025-11-20"), "sku": "NEW", "region": "US",
                        "channel": "shop", "units": 5})
    skus = pd.concat([skus, pd.DataFrame({"sku": ["NEW"], "category": ["home"]})])
    camps = make_campaigns()
    panel = build_panel(pd.concat([sales, new]), skus=skus, campaigns=camps, history_end="2025-11-20")
    up = estimate_uplift(panel, camps)
    row = up[(up["sku"] == "NEW") & (up["campaign_id"] == "BFCM-2025")].iloc[0]
    assert row["source"] == "category" and row["n_obs"] == 0
    fc = make_model("ets").fit(panel).predict(20)
    out = apply_uplift(fc, up, camps)
    validate_forecast_frame(out)
    on = (out["sku"] == "NEW") & (out["campaign_id"] == "BFCM-2025")
    assert on.sum() == 4
    base = fc.loc[on.to_numpy(), "mean"].to_numpy()
    np.testing.assert_allclose(out.loc[on, "mean"].to_numpy(), base * row["uplift"])
    off = out["campaign_id"] == ""
    np.testing.assert_allclose(out.loc[off, "mean"], fc.loc[off.to_numpy(), "mean"])
    assert (fc["sku"] == out["sku"]).all()  # input untouched, same order


def test_metrics_hand_example():
    y = np.array([10.0, 0.0, 5.0, 5.0])
    yhat = np.array([8.0, 1.0, 5.0, 7.0])
    assert bt.wape(y, yhat) == pytest.approx((2 + 1 + 0 + 2) / 20)
    assert bt.bias(y, yhat) == pytest.approx((21 - 20) / 20)
    assert bt.coverage(y, yhat - 1, yhat + 1) == pytest.approx(0.5)  # 10 no, 0 yes, 5 yes, 5 no
    assert np.isnan(bt.wape(np.zeros(3), np.ones(3)))


def test_score_arrays_and_tables_agree_with_hand_metrics():
    y = np.array([[10.0, 0.0, 5.0, 5.0]])
    mean = np.array([[8.0, 1.0, 5.0, 7.0]])
    sums = bt.score_arrays(y, mean, np.zeros_like(mean), np.ones_like(mean), np.zeros_like(mean),
                           np.array([[False, False, True, True]]))
    assert sums["total_abs_err"][0] == 5 and sums["total_actual"][0] == 20
    assert sums["camp_abs_err"][0] == 2 and sums["base_abs_err"][0] == 3
    df = pd.DataFrame({"sku": ["A"], "region": ["US"], "category": ["home"], "model": ["naive"],
                       **{k: v for k, v in sums.items()}})
    t = bt.accuracy_tables(df)
    assert t["catalogue"]["wape"].iloc[0] == pytest.approx(0.25)
    assert t["sku"]["camp_wape"].iloc[0] == pytest.approx(0.2)


def _fake_sums(panel, errs: dict, origins=3):
    """Backtest sums where model ``m`` misses every window total of every series by ``errs[m]`` (relative)."""
    rows = []
    for o in range(origins):
        for m, e in errs.items():
            df = panel.keys[["sku", "region", "category"]].copy()
            df["model"], df["origin"] = m, o
            e_arr = np.broadcast_to(np.asarray(e, float), (len(df),))
            df["win_actual"] = 100.0
            df["win_abs_err"] = 100.0 * e_arr
            df["total_actual"] = 100.0
            df["total_abs_err"] = 100.0 * e_arr
            df["total_n_days"] = 28
            rows.append(df)
    return pd.concat(rows, ignore_index=True)


def test_selection_on_window_totals_category_first_and_explains(synthetic):
    sales, skus, camps = synthetic
    panel = build_panel(sales, skus=skus, campaigns=camps)
    # a clear winner for everyone
    sel = bt.select_models(panel, _fake_sums(panel, {"naive": 0.5, "ets": 0.2, "intermittent": 0.4}), ("naive", "ets", "intermittent"))
    assert (sel["model"] == "ets").all() and (sel["n_origins"] == 3).all()
    assert sel["reason"].str.contains("window totals").all() and sel["reason"].str.contains("same weeks last year").all()
    # near-tie: the simpler model keeps it (a more complex one must win by TIE_MARGIN_FRAC)
    sel = bt.select_models(panel, _fake_sums(panel, {"naive": 0.30, "ets": 0.299}), ("naive", "ets"))
    assert (sel["model"] == "naive").all()
    # one series is far better served by another model than its category's choice: it switches; a small edge does not
    n = panel.n_series
    ets_err = np.full(n, 0.2)
    ets_err[0] = 0.8   # series 0: ETS is bad for it
    ets_err[1] = 0.23  # series 1: ETS slightly worse than naive for it (below SERIES_MARGIN_FRAC)
    sel = bt.select_models(panel, _fake_sums(panel, {"naive": 0.3 - 0.1 * (np.arange(n) == 1), "ets": ets_err}),
                           ("naive", "ets"))
    assert sel["model"].iloc[0] == "naive" and "its own backtests" in sel["reason"].iloc[0]
    assert sel["model"].iloc[1] == "ets" and "category" in sel["reason"].iloc[1]
    assert {"wape_ets", "score_ets", "wape_naive", "score_naive"} <= set(sel.columns)


def test_backtest_origins_include_the_same_weeks_last_year():
    end = pd.Timestamp("2026-11-30")
    o = bt.backtest_origins(end, pd.Timestamp("2024-01-01"), 28, 3)
    assert len(o) == 3 and o[0] == end - pd.Timedelta(days=364) and o[-1] == end - pd.Timedelta(days=28)
    short = bt.backtest_origins(end, pd.Timestamp("2026-06-01"), 28, 3)
    assert len(short) == 3 and all(x > pd.Timestamp("2026-06-01") for x in short)


def test_evaluate_at_cutoff_scores_auto(synthetic):
    sales, skus, camps = synthetic
    sums, sel = bt.evaluate_at_cutoff(sales, skus, camps, cutoff="2025-11-20", horizon_days=14,
                                      models=("naive", "intermittent", "ets"))
    rep = bt.report_dict(sums)
    assert set(rep["models"]) == {"auto", "ets", "naive", "intermittent", "snaive_raw"}
    assert rep["models"]["auto"]["overall"]["win_wape"] is not None
    assert rep["models"]["auto"]["improvement_vs_snaive_raw_frac"] is not None
    auto = rep["models"]["auto"]["overall"]
    assert auto["wape"] < rep["models"]["naive"]["overall"]["wape"]
    assert 0.5 < auto["coverage"] <= 1.0
    assert rep["models"]["auto"]["campaign_days_scored"] > 0
    assert len(rep["models"]["auto"]["per_sku"]) == sales["sku"].nunique()
