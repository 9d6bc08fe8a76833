"""AppTest of the campaign price rule on the Alerts page, in both languages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_alerts_page_has_the_campaign_price_rule(app, lang):
    at = app("alerts", params={"lang": lang})
    heads = [h.value for h in at.subheader]
    assert {"en": "Campaign price rule", "zh": "活动价规则"}[lang] in heads
    # the sample has no planned campaign prices: the page says how to add them
    assert any("campaign_prices" in i.value for i in at.info)


def _section(lang: str) -> None:
    import pandas as pd

    from linkstar_analytics.plan.scenario import Scenario
    from ui.i18n import set_lang
    from ui.price_view import campaign_price_section

    set_lang(lang)
    sales = pd.DataFrame({"date": ["2026-11-01", "2026-11-10"], "sku": ["A", "B"], "region": ["US", "US"],
                          "units": [2, 1], "revenue": [39.98, 25.00], "currency": ["USD", "USD"]})
    campaigns = pd.DataFrame({"campaign_id": ["BF"], "start_date": ["2026-11-27"]})
    planned = pd.DataFrame({"sku": ["A", "B"], "campaign_id": ["BF", "BF"], "region": ["US", "US"],
                            "campaign_price": [20.00, 25.00], "currency": ["USD", "USD"]})
    campaign_price_section({"sales": sales, "campaigns": campaigns, "campaign_prices": planned}, "BF", Scenario())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_price_one_cent_above_the_low_is_listed(lang):
    """A sold at 39.98 / 2 = 19.99 in the 30 days: 20.00 is flagged; B sold at 25.00 and is planned at 25.00: not."""
    at = AppTest.from_function(_section, args=(lang,), default_timeout=60).run()
    assert not at.exception
    label = {"en": "Above the 30-day low", "zh": "高于 30 天最低价"}[lang]
    assert [m.value for m in at.metric if m.label == label] == ["1"]
    table = at.dataframe[0].value
    assert table.iloc[:, 0].tolist() == ["A"]
    assert table.iloc[0, 2] == "20.00 USD" and table.iloc[0, 3] == "19.99 USD" and table.iloc[0, 5] == "0.01 USD"
