"""Deep links on a fresh server: the first request a new server process ever gets is a link to an inner page with
levers; it opens that page through the app's router (language, sidebar, levers), with no private Streamlit API."""

from __future__ import annotations

import pytest

from tests.browser._helpers import assert_no_exception, screenshot, sidebar_slider, wait_for_app

pytestmark = pytest.mark.browser


def test_a_deep_link_is_the_first_request_of_a_fresh_server(fresh_server, browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        page = context.new_page()
        page.goto(f"{fresh_server}/whatif?c=YEAREND-2026&sl=90&lang=zh")
        wait_for_app(page)
        assert_no_exception(page)
        title = page.locator("[data-testid='stMainBlockContainer'] h1").first.inner_text()
        assert title == "情景模拟", title  # the What-if page, in the link's language
        assert "/whatif" in page.url and "sl=90" in page.url and "lang=zh" in page.url
        assert sidebar_slider(page, "服务水平").input_value() == "90"  # the link's lever reached the widget
        nav = page.locator("[data-testid='stSidebarNav']").inner_text()
        assert "数据" in nav and "情景模拟" in nav  # the router's navigation, in Chinese, not the pages/ file list
        assert page.locator("[data-testid='stSidebar']").get_by_text("中文").count() >= 1  # the language switch
        screenshot(page, "deep_link_fresh_server_zh", height=1400)
        # A second visitor's deep link to another page on the same (now warm) server.
        other = context.new_page()
        other.goto(f"{fresh_server}/data")
        wait_for_app(other)
        assert other.locator("[data-testid='stMainBlockContainer'] h1").first.inner_text() == "Data"
        assert_no_exception(other)
    finally:
        context.close()
