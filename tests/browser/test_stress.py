"""The What-if page's stress test in a real browser: a link with a tariff step shows the lines that turn late and the
margins that turn negative, with the margin change in the table."""

from __future__ import annotations

import re

import pytest

from tests.browser._helpers import assert_no_exception, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def _count(page, title: str) -> int:
    text = page.get_by_text(re.compile(rf"^{re.escape(title)} \(\d+\)$")).first.inner_text()
    return int(re.search(r"\((\d+)\)", text).group(1))


def test_stress_test_shows_late_lines_and_margin_change(app_server, page):
    # Thailand's 3.3 sale with 30 buffer days (little slack left: pessimistic lead times make lines late) and a +30
    # point Thai tariff from 1 Oct 2026 (every line clears after it: the thinnest margins turn negative)
    page.goto(f"{app_server}/whatif?c=33-2027-TH&bd=30&dstep=TH:2026-10-01:%2B30")
    wait_for_app(page)
    head = page.get_by_role("heading", name="Stress test")
    head.scroll_into_view_if_needed()
    assert head.is_visible()
    assert_no_exception(page)
    late = _count(page, "Lines that turn late")
    negative = _count(page, "Margins that turn negative")
    assert late > 0 and negative > 0
    section = page.locator("[data-testid='stMainBlockContainer']")
    grids = section.locator("[data-testid='stDataFrame']")
    # the headline, then the late table (when a line turns late), then the negative-margin table
    assert grids.count() >= 2 + (1 if late else 0)
    if late:
        # the grids draw lazily: bring each into view until the late table's accessible text is there
        texts: list[str] = []
        for _ in range(10):
            texts = []
            for i in range(grids.count()):
                grids.nth(i).scroll_into_view_if_needed()
                texts.append(grids.nth(i).text_content() or "")
            if any("Sellable (stressed)" in x and "Days later" in x for x in texts):
                break
            page.wait_for_timeout(500)
        assert any("Sellable (stressed)" in x and "Days later" in x for x in texts), [x[:120] for x in texts]
    neg_grid = grids.last
    neg_grid.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    # the grid draws on a canvas; its cells are also in an accessible table (text_content reads it)
    text = neg_grid.text_content() or ""
    screenshot(page, "whatif_stress")
    assert "Margin change (CNY)" in text and "Margin / unit, stressed (CNY)" in text, text[:800]
    assert re.search(r"-\d", text), text[:800]  # a negative stressed margin / margin change is shown
    texts = [grids.nth(i).text_content() or "" for i in range(grids.count())]
    heads = [x for x in texts if x.startswith("FigureWithout shocksStressedChange")]
    assert len(heads) == 1, [x[:80] for x in texts]
    assert "Gross profit (CNY)" in heads[0] and "Campaign ROI" in heads[0], heads[0][:800]
