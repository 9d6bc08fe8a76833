"""Post-campaign review on a case worked by hand: forecast vs actual, stockout and lost units, leftover cost, presale
conversion, creator units, the learned uplift (shrunk toward the category), its storage round trip in the real DuckDB,
and the learned uplift becoming the next plan's default."""

from __future__ import annotations

import threading

import numpy as np
import pandas as pd
import pytest

from linkstar_analytics import campaign_review as cr
from linkstar_analytics.io import storage
from linkstar_analytics.plan.scenario import Scenario
from linkstar_analytics.workflow import apply_uplift_overrides

DAYS = pd.date_range("2025-11-28", "2025-11-30")  # campaign X-2025, 3 days, US
BASE = {"A": 10.0, "B": 2.0, "C": 4.0}  # baseline forecast, units/day
MULT = 3.0  # the forecast's campaign multiplier on every campaign day


def hand_tables() -> dict[str, pd.DataFrame]:
    skus = pd.DataFrame({"sku": ["A", "B", "C"], "category": ["home", "home", "beauty"],
                         "unit_cost": [10.0, 20.0, 5.0], "cost_currency": "CNY"})
    camps = pd.DataFrame({"campaign_id": ["X-2025", "X-2026"], "regions": ["US", "US"],
                          "start_date": pd.to_datetime(["2025-11-28", "2026-11-27"]),
                          "end_date": pd.to_datetime(["2025-11-30", "2026-11-29"])})
    rows = [  # sku, day, units_sold, stockout, on_hand_units, presale_units, creator_units
        ("A", 0, 35, False, 50, 20, np.nan), ("A", 1, 30, False, 10, 5, 18), ("A", 2, 5, True, 0, np.nan, np.nan),
        ("B", 0, 5, False, np.nan, 10, np.nan), ("B", 1, 4, False, np.nan, 4, np.nan), ("B", 2, 3, False, 40, 0, np.nan),
        ("C", 0, 12, np.nan, np.nan, np.nan, np.nan), ("C", 1, 12, np.nan, np.nan, np.nan, np.nan),
        ("C", 2, 12, np.nan, np.nan, np.nan, np.nan),
    ]
    act = pd.DataFrame(rows, columns=["sku", "day", "units_sold", "stockout", "on_hand_units", "presale_units",
                                      "creator_units"])
    act = act.assign(campaign_id="X-2025", region="US", date=DAYS[act.pop("day")],
                     stockout=act["stockout"].astype("boolean"))
    presale = pd.DataFrame({"sku": ["A", "B"], "campaign_id": "X-2025", "region": "US",
                            "presale_units": [100.0, 20.0], "deposit_paid": [False, True]})
    creators = pd.DataFrame({"date": pd.to_datetime(["2025-11-29"]), "sku": ["A"], "creator": ["@a"], "region": ["US"],
                             "expected_units": [30.0]})
    return {"skus": skus, "campaigns": camps, "campaign_actuals": act, "presale": presale, "creators": creators}


def hand_forecast() -> tuple[pd.DataFrame, pd.DataFrame]:
    dates = pd.date_range("2025-11-20", "2026-01-10")
    fc = pd.DataFrame([(s, "US", d, m) for s, m in BASE.items() for d in dates],
                      columns=["sku", "region", "date", "mean"])
    eff = pd.DataFrame([(s, "US", d, "X-2025", MULT, 0.2) for s in BASE for d in DAYS],
                       columns=["sku", "region", "date", "campaign_id", "multiplier", "cv"])
    return fc, eff


@pytest.fixture(scope="module")
def review() -> cr.CampaignReview:
    fc, eff = hand_forecast()
    return cr.review_campaign(hand_tables(), fc, "X-2025", effects=eff)


def test_forecast_versus_actual_by_hand(review):
    s = review.by_sku.set_index("sku")
    # forecast = baseline x 3 per day x 3 days: A 10*3*3 = 90, B 2*3*3 = 18, C 4*3*3 = 36
    assert s["forecast_units"].tolist() == pytest.approx([90.0, 18.0, 36.0])
    # actual: A 35+30+5 = 70, B 5+4+3 = 12, C 12*3 = 36
    assert s["actual_units"].tolist() == pytest.approx([70.0, 12.0, 36.0])
    assert s.loc["A", "error_pct"] == pytest.approx(100 * (70 - 90) / 90)  # -22.2 %
    assert s.loc["B", "error_pct"] == pytest.approx(100 * (12 - 18) / 18)  # -33.3 %
    c = review.by_category.set_index("category")
    assert c.loc["home", "forecast_units"] == pytest.approx(90 + 18)
    assert c.loc["home", "actual_units"] == pytest.approx(70 + 12)
    assert review.totals["error_pct"] == pytest.approx(100 * (118 - 144) / 144)


def test_stockout_days_and_lost_units_by_hand(review):
    s = review.by_sku.set_index("sku")
    # A ran out on day 3 (flag and on hand 0): forecast rate that day 10 x 3 = 30, it sold 5 -> 25 lost
    assert s.loc["A", "stockout_days"] == 1 and s.loc["A", "lost_units"] == pytest.approx(30 - 5)
    assert s.loc["B", "stockout_days"] == 0 and s.loc["B", "lost_units"] == 0
    assert review.totals["lost_units"] == pytest.approx(25.0) and review.totals["skus_out"] == 1
    day3 = review.daily.loc[review.daily["date"] == DAYS[2]].set_index("category")
    assert day3.loc["home", "lost_units"] == pytest.approx(25.0)


def test_leftover_units_and_cost_by_hand(review):
    s = review.by_sku.set_index("sku")
    # B: 40 left, sells at 2/day after the campaign (360 within 6 months: all sell); the average unit waits
    # max(40 / (2 x 2/day x 30), 0.5) = 0.5 month, at capital 20 CNY x 10 % / 12 = 0.16667 CNY per unit-month
    assert s.loc["B", "leftover_units"] == 40
    assert s.loc["B", "leftover_cost_cny"] == pytest.approx(40 * 0.5 * 20 * 0.10 / 12)  # 3.333 CNY
    assert s.loc["A", "leftover_units"] == 0 and s.loc["A", "leftover_cost_cny"] == 0
    assert np.isnan(s.loc["C", "leftover_units"])  # no count: not known, not zero


def test_presale_conversion_and_creator_units_by_hand(review):
    s = review.by_sku.set_index("sku")
    assert s.loc["A", "presale_conversion_pct"] == pytest.approx(100 * (20 + 5) / 100)  # 25 % plain presale
    assert s.loc["B", "presale_conversion_pct"] == pytest.approx(100 * (10 + 4 + 0) / 20)  # 70 % with deposit
    assert review.totals["presale_conversion_pct"] == pytest.approx(25.0)
    assert review.totals["deposit_conversion_pct"] == pytest.approx(70.0)
    assert s.loc["A", "creator_units"] == 18 and s.loc["A", "creator_expected_units"] == 30
    c = review.by_category.set_index("category")
    assert c.loc["home", "presale_conversion_pct"] == pytest.approx(25.0)  # A is home's only plain presale
    assert c.loc["home", "deposit_conversion_pct"] == pytest.approx(70.0)  # B its only deposit presale
    learned = cr.learned_defaults(review).set_index(["level", "key"])
    assert learned.loc[("sku", "A"), "presale_conversion_pct"] == pytest.approx(25.0)
    assert learned.loc[("category", "home"), "deposit_conversion_pct"] == pytest.approx(70.0)


def test_realised_uplift_is_shrunk_toward_the_category_by_hand(review):
    s = review.by_sku.set_index("sku")
    # in-stock days only (A's day 3 is censored): A 65 sold on a 2 x 10 = 20 baseline -> 3.25; B 12 / 6 = 2.0
    assert s.loc["A", "realised_uplift"] == pytest.approx(65 / 20)
    assert s.loc["B", "realised_uplift"] == pytest.approx(12 / 6)
    u_home = (65 + 12) / (20 + 6)  # 2.9615 the home category's
    k = cr.SHRINK_BASELINE_UNITS  # 20 baseline units
    assert s.loc["A", "learned_uplift"] == pytest.approx((65 + k * u_home) / (20 + k))  # 3.1058
    assert s.loc["B", "learned_uplift"] == pytest.approx((12 + k * u_home) / (6 + k))  # 2.7396
    assert s.loc["C", "learned_uplift"] == pytest.approx(3.0)  # alone in beauty: its own figure


def test_the_learned_uplift_from_an_imported_actual_becomes_the_next_plans_default(review, tmp_path):
    conn = storage.connect(tmp_path / "learn.duckdb")
    learned = cr.learned_defaults(review)
    storage.save_learned_defaults(conn, learned, campaign_id="X-2025", author="cm", dataset_version=2)
    conn.close()
    conn = storage.connect(tmp_path / "learn.duckdb")  # read back from the file
    nxt = cr.next_plan_defaults(storage.load_learned_defaults(conn), "X-2026", ["US"])
    u_home = (65 + 12) / (20 + 6)
    a = (65 + 20 * u_home) / (20 + 20)  # (65 + 59.23) / 40 = 3.1058
    b = (12 + 20 * u_home) / (6 + 20)  # (12 + 59.23) / 26 = 2.7396
    assert nxt.uplift_overrides == pytest.approx({"A|US": a, "B|US": b, "C|US": 3.0})
    assert nxt.presale_conversion_pct == pytest.approx(25.0) and nxt.deposit_conversion_pct == pytest.approx(70.0)
    # the planner takes them ("use learned"): the scenario carries them through the share link ...
    sc = Scenario(campaign_id="X-2026", uplift_overrides=nxt.uplift_overrides,
                  presale_conversion_pct=nxt.presale_conversion_pct)
    back, notices = Scenario.from_query_params(sc.to_query_params())
    assert not notices and back.uplift_overrides["A|US"] == pytest.approx(a, abs=0.01)
    # ... and the next campaign's plan inputs take the learned uplift instead of the estimate
    estimate = pd.DataFrame({"sku": ["A", "B"], "region": "US", "campaign_id": "X-2026", "uplift": [3.0, 3.0],
                             "source": "own", "n_obs": 2})
    plan_up = apply_uplift_overrides(estimate, "X-2026", back.uplift_overrides).set_index("sku")
    assert plan_up.loc["A", "uplift"] == pytest.approx(a, abs=0.01) and plan_up.loc["A", "source"] == "override"
    assert plan_up.loc["C", "uplift"] == pytest.approx(3.0)  # a SKU without an estimate gets the learned row
    # a campaign never teaches its own plan
    assert cr.next_plan_defaults(storage.load_learned_defaults(conn), "X-2025", ["US"]).uplift_overrides == {}


def test_the_newest_review_of_the_same_kind_teaches_first(review, tmp_path):
    conn = storage.connect(tmp_path / "kind.duckdb")
    learned = cr.learned_defaults(review)
    storage.save_learned_defaults(conn, learned, campaign_id="X-2025", author="cm", dataset_version=1)
    other = learned.assign(uplift=learned["uplift"] * 2)
    storage.save_learned_defaults(conn, other, campaign_id="SPRING-2026", author="cm", dataset_version=1)
    nxt = cr.next_plan_defaults(storage.load_learned_defaults(conn), "X-2026", ["US"])
    assert nxt.uplift_overrides["C|US"] == pytest.approx(3.0)  # X-2025 (same kind), not the newer spring sale
    assert cr.next_plan_defaults(storage.load_learned_defaults(conn), "Z-2026", ["US"]).uplift_overrides[
        "C|US"] == pytest.approx(6.0)  # no review of its kind: the newest
    assert cr.campaign_family("BFCM-2026") == "BFCM" and cr.campaign_family("1111-2026-TH") == "1111-TH"


def test_two_saves_at_once_are_both_kept(review, tmp_path):
    conn = storage.connect(tmp_path / "both.duckdb")
    learned = cr.learned_defaults(review)
    start = threading.Barrier(2)
    ids: list[int] = []

    def save(author: str) -> None:
        cur = conn.cursor()
        start.wait()
        ids.append(storage.save_learned_defaults(cur, learned, campaign_id="X-2025", author=author,
                                                 dataset_version=1))

    threads = [threading.Thread(target=save, args=(a,)) for a in ("ana", "bo")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    saved = storage.load_learned_defaults(conn)
    assert sorted(ids) == [1, 2]
    assert sorted(saved.groupby("save_id")["author"].first().tolist()) == ["ana", "bo"]
    assert (saved.groupby("save_id").size() == len(learned)).all()  # neither save lost a row
    assert storage.integrity_problems(conn) == []


def test_the_forecast_compared_is_the_one_made_before_the_campaign():
    ends = {1: pd.Timestamp("2025-11-20"), 2: pd.Timestamp("2025-11-25"), 3: pd.Timestamp("2025-12-07")}
    assert cr.forecast_version_for(ends, pd.Timestamp("2025-11-28"), active=3) == 2
    assert cr.forecast_version_for(ends, pd.Timestamp("2025-11-28"), active=1) == 1
    assert cr.forecast_version_for(ends, pd.Timestamp("2025-01-01"), active=3) == 3  # none before: the active one
    same = {1: pd.Timestamp("2025-11-20"), 2: pd.Timestamp("2025-11-25"), 3: pd.Timestamp("2025-11-25")}
    assert cr.forecast_version_for(same, pd.Timestamp("2025-11-28"), active=3) == 2  # v3 only added the actuals
