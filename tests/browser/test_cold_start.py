"""A cold start: a server on a database file that does not exist yet. The first visitor's request imports the
built-in sample anchored to today, the Overview shows the headline of a campaign that can still be planned (on the
quick forecast while the backtested one fits in the background), and says so."""

from __future__ import annotations

import time

import pytest

from tests.browser._helpers import ARTIFACTS, assert_no_exception, metric_value, screenshot
from tests.browser.conftest import CHROMIUM, start_server, stop_server

pytestmark = pytest.mark.browser


def test_a_cold_start_shows_the_headline_of_a_plannable_campaign(browser, tmp_path):
    from pathlib import Path

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (.ci/run installs it)")
    db = tmp_path / "cold" / "linkstar.duckdb"  # not there yet: the first request creates it
    proc, url = start_server(db, tmp_path / "streamlit.log")
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_selector("[data-testid='stMetricLabel']:has-text('Units to stock')", timeout=120_000)
        headline_s = time.perf_counter() - started
        assert_no_exception(page)
        units = metric_value(page, "Units to stock")
        assert units.replace(",", "").isdigit() and int(units.replace(",", "")) > 0, units
        page.wait_for_selector("text=quick forecast", timeout=60_000)  # drawn once the page has run
        main = page.locator("[data-testid='stMainBlockContainer']").inner_text()
        assert "What to do next" in main
        assert "late purchase order" not in main.lower()  # the default campaign can still be ordered for
        assert "quick forecast" in main  # what the figures stand on while the backtested forecast fits
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "cold_start_timing.txt").write_text(f"cold start to headline: {headline_s:.1f} s\n")
        screenshot(page, "cold_start_overview_1280", height=1600)
    finally:
        context.close()
        stop_server(proc)
