"""The What-if page's season block in a real browser: moving the second-wave lever moves the season's projection and
writes the lever into the share link. 30 cover days: the sample's plan window then reaches the Year-End season, where
an air top-up ordered today still lands in time (see tests/ui/test_season_page.py)."""

from __future__ import annotations

import pytest

from tests.browser._helpers import assert_no_exception, metric_value, wait_for_app, wait_idle

pytestmark = pytest.mark.browser

SHORT = "Season shortfall (units)"


def test_second_wave_lever_moves_the_season_projection(app_server, page):
    page.goto(f"{app_server}/whatif?c=BFCM-2026&cd=30")
    wait_for_app(page)
    assert page.get_by_text("Season: back-to-back campaigns and the second wave").count() >= 1
    toggle = page.locator("[data-testid='stCheckbox']").filter(has_text="Project the season").first
    toggle.scroll_into_view_if_needed()
    toggle.click()
    page.locator(".js-plotly-plot").filter(has_text="Expected stock through the season").first.wait_for(timeout=60_000)
    wait_idle(page)
    assert page.locator(".js-plotly-plot").filter(has_text="Expected stock through the season").count() == 1
    before = metric_value(page, SHORT)

    box = page.locator("[data-testid='stSelectbox']").filter(has_text="Second wave").first
    box.scroll_into_view_if_needed()
    box.click()
    page.get_by_role("option", name="Air top-up", exact=True).click()
    page.wait_for_function(
        "(old) => { const m = [...document.querySelectorAll('[data-testid=\"stMetric\"]')]"
        ".find(e => e.innerText.includes('Season shortfall'));"
        " return m && !m.innerText.includes(old); }",
        arg=before, timeout=60_000)
    wait_idle(page)
    after = metric_value(page, SHORT)
    assert float(after.replace(",", "")) < float(before.replace(",", ""))
    assert "sw=air" in page.url and "cd=30" in page.url, page.url
    assert metric_value(page, "Lines where a second wave is cheaper") != "0"
    # the proposal table is priced for the air top-up now
    assert page.get_by_text("Up front vs second wave (Air)").count() >= 1
    assert_no_exception(page)
