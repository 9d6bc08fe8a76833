"""The real app in headless Chromium: it opens on the overview with the sample data loaded."""

from __future__ import annotations

import pytest

from tests.browser._helpers import screenshot, wait_for_app

pytestmark = pytest.mark.browser


def test_opens_on_overview_with_sample_data(app_server, page):
    page.goto(app_server)
    wait_for_app(page)
    page.get_by_text("Dataset at a glance").wait_for(timeout=60_000)
    assert page.get_by_text("Next campaign").count() >= 1
    body = page.inner_text("body")
    assert "Traceback" not in body and "Error" not in body.split("Dataset at a glance")[0]
    screenshot(page, "home_en")
