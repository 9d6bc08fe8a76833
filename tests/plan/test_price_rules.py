"""The campaign price rule worked by hand: a campaign price above the lowest price of the 30 days before the campaign
is flagged, one at it is not."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from linkstar_analytics.plan.price_rules import campaign_price_check, daily_prices

FX = {"CNY": 1.0, "USD": 7.0, "GBP": 9.0}
CAMPAIGNS = pd.DataFrame({"campaign_id": ["BF", "XMAS"], "start_date": ["2026-11-27", "2026-12-20"]})


def _sales() -> pd.DataFrame:
    """A in the US: 27 Oct (31 days before 27 Nov, outside the window) sold 5 at 15.00 = 75.00; 28 Oct (30 days
    before, the first day inside) sold 3 at 19.99 = 59.97 plus 1 at 19.99 on a second row (day: 79.96 / 4 = 19.99);
    20 Nov sold 10 for 229.90 (22.99); 27 Nov, the campaign day itself (outside the window), 1 at 9.99.
    B in the UK, sold in USD: 10 Nov 2 units for 50.00 USD = 25.00 USD a unit = 175 CNY = 19.444... GBP -> 19.44 GBP.
    C: no sale with a revenue in the window (a units-only row)."""
    return pd.DataFrame([
        ("2026-10-27", "A", "US", 5, 75.00, "USD"),
        ("2026-10-28", "A", "US", 3, 59.97, "USD"),
        ("2026-10-28", "A", "US", 1, 19.99, "USD"),
        ("2026-11-20", "A", "US", 10, 229.90, "USD"),
        ("2026-11-27", "A", "US", 1, 9.99, "USD"),
        ("2026-11-10", "B", "UK", 2, 50.00, "USD"),
        ("2026-11-12", "C", "US", 4, np.nan, None),
    ], columns=["date", "sku", "region", "units", "revenue", "currency"])


def _check(rows) -> pd.DataFrame:
    planned = pd.DataFrame(rows, columns=["sku", "campaign_id", "region", "campaign_price", "currency"])
    return campaign_price_check(planned, _sales(), CAMPAIGNS, fx_cny_per_unit=FX).set_index(["sku", "region"])


def test_one_cent_above_the_30_day_low_is_flagged_and_exactly_at_it_is_not():
    """A's 30-day low before 27 Nov: the 30 days are 28 Oct .. 26 Nov (4 days of October + 26 of November), so
    min(19.99, 22.99) = 19.99 on 28 Oct (the 15.00 of 27 Oct, 31 days before, and the 9.99 of the campaign day itself
    do not count). 20.00 is one cent above: flagged, above by 0.01; 19.99 is not."""
    r = _check([("A", "BF", "US", 20.00, "USD")])
    row = r.loc[("A", "US")]
    assert row["low_30d_price"] == 19.99 and row["low_30d_date"] == pd.Timestamp("2026-10-28")
    assert bool(row["breaks_rule"]) and row["above_low_by"] == pytest.approx(0.01)
    assert row["days_with_sales"] == 2
    r = _check([("A", "BF", "US", 19.99, "USD")])
    assert not bool(r.loc[("A", "US"), "breaks_rule"]) and r.loc[("A", "US"), "above_low_by"] == 0.0
    assert not bool(_check([("A", "BF", "US", 18.00, "USD")]).loc[("A", "US"), "breaks_rule"])


def test_window_is_the_30_days_before_the_start():
    """With the campaign a day earlier, on 26 Nov, the window is 27 Oct .. 25 Nov and the 15.00 of 27 Oct is the low."""
    camps = pd.DataFrame({"campaign_id": ["EARLY"], "start_date": ["2026-11-26"]})
    planned = pd.DataFrame([("A", "EARLY", "US", 15.01, "USD")],
                           columns=["sku", "campaign_id", "region", "campaign_price", "currency"])
    r = campaign_price_check(planned, _sales(), camps, fx_cny_per_unit=FX)
    assert r.loc[0, "low_30d_price"] == 15.00 and bool(r.loc[0, "breaks_rule"])


def test_sales_in_another_currency_are_converted_and_no_history_is_not_flagged():
    """B's UK low: 25.00 USD x 7.0 / 9.0 = 19.444... -> 19.44 GBP. 19.45 GBP breaks the rule, 19.44 does not. C has
    no sale with a revenue in the window: no low, not flagged, reported as without history. XMAS prices are not
    checked for the BF campaign."""
    r = _check([("B", "BF", "UK", 19.45, "GBP"), ("C", "BF", "US", 99.0, "USD")])
    assert r.loc[("B", "UK"), "low_30d_price"] == 19.44 and bool(r.loc[("B", "UK"), "breaks_rule"])
    assert not bool(_check([("B", "BF", "UK", 19.44, "GBP")]).loc[("B", "UK"), "breaks_rule"])
    c = r.loc[("C", "US")]
    assert np.isnan(c["low_30d_price"]) and bool(c["no_history"]) and not bool(c["breaks_rule"])
    planned = pd.DataFrame([("A", "XMAS", "US", 50.0, "USD"), ("A", "BF", "US", 20.0, "USD")],
                           columns=["sku", "campaign_id", "region", "campaign_price", "currency"])
    only_bf = campaign_price_check(planned, _sales(), CAMPAIGNS, fx_cny_per_unit=FX, campaign_id="BF")
    assert only_bf["campaign_id"].tolist() == ["BF"]
    both = campaign_price_check(planned, _sales(), CAMPAIGNS, fx_cny_per_unit=FX)
    assert both["breaks_rule"].tolist() == [True, True]  # XMAS window 20 Nov .. 19 Dec: low 9.99 on 27 Nov


def test_daily_price_is_revenue_over_units_of_the_day():
    d = daily_prices(_sales(), fx_cny_per_unit=FX)
    a = d[(d["sku"] == "A") & (d["date"] == pd.Timestamp("2026-10-28"))]
    assert a["price"].tolist() == [pytest.approx(79.96 / 4)]
    assert campaign_price_check(pd.DataFrame(columns=["sku", "campaign_id", "region", "campaign_price", "currency"]),
                                _sales(), CAMPAIGNS, fx_cny_per_unit=FX).empty
