"""AppTest of the What-if cash view: the cash-term levers from a link, the net cash position and its trough in both
languages, and the cash ceiling trimming units."""

from __future__ import annotations

import pytest

from tests.ui.test_pages import metric, number


def _chart_titles(at) -> list[str]:
    import json

    titles = []
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        title = spec.get("layout", {}).get("title", {})
        titles.append(title.get("text", "") if isinstance(title, dict) else str(title))
    return titles


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_whatif_shows_the_net_cash_position_and_its_trough(app, lang):
    at = app("whatif", params={"lang": lang, "c": "YEAREND-2026", "dp": "50", "st": "20", "fl": "st"})
    label = {"en": "Lowest net position (CNY)", "zh": "净头寸最低点（CNY）"}[lang]
    assert metric(at, label).startswith("-")  # a trough is a negative position ('-21.3万' in Chinese)
    assert at.slider(key="lv_deposit_pct").value == 50.0
    assert at.slider(key="lv_settlement_days").value == 20
    titles = _chart_titles(at)
    want = {"en": ("Net cash position by week", "Lowest net cash position vs Platform settlement (days)"),
            "zh": ("每周净现金头寸", "净现金头寸最低点随「平台回款周期（天）」的变化")}[lang]
    for title in want:
        assert title in titles, titles
    terms = " ".join(c.value for c in at.caption)
    assert {"en": "50% deposit at the PO, 50% balance at shipment", "zh": "下单付 50% 定金"}[lang] in terms
    assert {"en": "20 days later", "zh": "售出 20 天后回款"}[lang] in terms


def test_cash_ceiling_trims_units_and_goes_into_the_link(app):
    at = app("whatif", params={"c": "YEAREND-2026"})
    units = number(metric(at, "Units to stock"))
    trough = number(metric(at, "Lowest net position (CNY)"))
    assert trough < 0 and number(metric(at, "Units trimmed to the ceiling")) == 0
    ceiling = int(-trough / 2)
    at.number_input(key="lv_cash_ceiling_cny").set_value(ceiling).run()
    assert not at.exception
    assert at.query_params["cc"] in (str(ceiling), [str(ceiling)])
    assert number(metric(at, "Units trimmed to the ceiling")) > 0
    assert number(metric(at, "Units to stock")) < units
    assert number(metric(at, "Lowest net position (CNY)")) > trough
