"""AppTest helpers: run the real app (st.navigation router) against a private copy of the sample database."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")


def page_path(name: str) -> str:
    return str(REPO / "pages" / f"{name}.py")


@pytest.fixture()
def app(sample_db):
    """A function that opens a page (optionally with query params) and returns the ran AppTest."""

    def open_page(name: str | None = None, *, params: dict[str, str] | None = None, timeout: float = 120) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=timeout)
        for k, v in (params or {}).items():
            at.query_params[k] = v
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        if name is not None:
            at.switch_page(page_path(name))
            at.run()
            assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page
