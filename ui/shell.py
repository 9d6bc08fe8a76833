"""Guard for the very first script run of a fresh server process.

Streamlit decides once per process, before the first run, whether the app uses the legacy
``pages/`` directory router (it does when a ``pages/`` folder sits beside the entry script, which our
layout has) and only switches to ``st.navigation`` once ``st.navigation`` has been called. So the
first run after a server start would run a page file directly, without the router (language,
sidebar, scenario). Each page calls :func:`ensure_router` first: on that one run it switches the
process to ``st.navigation`` and reruns, so the page is shown through ``app.py`` like every other time.
Page URLs equal the page file names, so the legacy router finds the page instead of showing
"Page not found".
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_router() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
