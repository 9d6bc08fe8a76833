"""Helpers for the browser tests."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"


def wait_for_app(page, timeout_ms: int = 90_000) -> None:
    """Wait until Streamlit has rendered the page and finished running the script."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_ms)
    page.wait_for_selector("[data-testid='stMainBlockContainer'] h1", timeout=timeout_ms)
    wait_idle(page, timeout_ms)


def wait_idle(page, timeout_ms: int = 90_000) -> None:
    """Wait until no script run is in progress (the running indicator is gone) and the page settles."""
    page.wait_for_timeout(250)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(250)


def metric_value(page, label: str) -> str:
    """The displayed value of the st.metric whose label is ``label``."""
    metric = page.locator("[data-testid='stMetric']").filter(
        has=page.locator("[data-testid='stMetricLabel']", has_text=label)
    ).first
    return metric.locator("[data-testid='stMetricValue']").inner_text().strip()


def sidebar_slider(page, label: str):
    """The (visually hidden) range input of the sidebar slider labelled ``label``: focus it and use arrow keys."""
    box = page.locator("[data-testid='stSidebar'] [data-testid='stSlider']").filter(has_text=label).first
    return box.locator("input[type='range']").first


def assert_no_exception(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0, page.locator(
        "[data-testid='stException']").first.inner_text()
    assert page.get_by_text("Page not found").count() == 0


def screenshot(page, name: str, *, height: int = 3200) -> Path:
    """Save the whole page: Streamlit scrolls inside its own container, so the viewport is made tall first."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size or {"width": 1440, "height": 1000}
    page.set_viewport_size({"width": size["width"], "height": height})
    page.wait_for_timeout(600)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def download(page, button_label: str) -> bytes:
    """Click the download button labelled ``button_label`` and return the file's bytes."""
    button = page.get_by_role("button", name=button_label)
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    return open(info.value.path(), "rb").read()
