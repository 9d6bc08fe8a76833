"""The Warehouse mix page's FBT quota section in a real browser: units over quota and their moves, in both languages."""

from __future__ import annotations

import pytest

from tests.browser._helpers import ARTIFACTS, assert_no_exception, metric_value, wait_for_app


@pytest.mark.parametrize("lang,label,unit", [("en", "Units over quota", "units"), ("zh", "超出配额的件数", "件")])
def test_quota_section_shows_units_over_quota(app_server, page, lang, label, unit):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{app_server}/mix?lang={lang}&c=YEAREND-2026")
    wait_for_app(page)
    assert_no_exception(page)
    value = metric_value(page, label)
    assert value.endswith(unit) and not value.startswith("0 ")
    heading = page.get_by_role("heading", name="FBT 入仓配额" if lang == "zh" else "FBT inbound quota")
    heading.scroll_into_view_if_needed()
    page.set_viewport_size({"width": 1280, "height": 2400})
    page.wait_for_timeout(500)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"mix_quota_{lang}.png"), full_page=True)
