"""The real app in headless Chromium: it opens on the overview with the sample data loaded."""

from __future__ import annotations

import urllib.request

import pytest

from tests.browser._helpers import assert_no_exception, metric_value, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def test_health_endpoint_answers_ok(app_server):
    assert urllib.request.urlopen(f"{app_server}/_stcore/health", timeout=5).read().strip() == b"ok"


def test_opens_on_overview_with_sample_data(app_server, page):
    page.goto(app_server)
    wait_for_app(page)
    page.get_by_text("Dataset at a glance").wait_for(timeout=60_000)
    assert metric_value(page, "SKUs") == "200"
    assert metric_value(page, "Warehouses") == "7"
    assert_no_exception(page)
    screenshot(page, "home_en")
