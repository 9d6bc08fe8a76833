"""Every page in both languages in a real browser: renders without an exception; screenshots of the English pages
saved under tests/artifacts/ for review (not committed; a tall full-page capture costs seconds per page)."""

from __future__ import annotations

import pytest

from tests.browser._helpers import assert_no_exception, screenshot, wait_for_app

pytestmark = pytest.mark.browser

PAGES = ["", "whatif", "forecast", "mix", "review", "campaign_report", "landed", "timeline", "alerts", "scenarios", "data"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_renders(app_server, page, lang):
    for path in PAGES:
        page.goto(f"{app_server}/{path}?lang={lang}&c=YEAREND-2026")
        wait_for_app(page)
        assert_no_exception(page)
        if lang == "zh":
            title = page.locator("[data-testid='stMainBlockContainer'] h1").first.inner_text()
            assert any("\u4e00" <= ch <= "\u9fff" for ch in title), (path, title)
        if lang == "en":
            screenshot(page, f"{path or 'home'}_{lang}")
