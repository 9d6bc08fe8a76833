"""Guard for script runs that reach a page file without going through ``app.py``.

Streamlit decides, before a run, whether the app uses the legacy ``pages/`` directory router (it does
when a ``pages/`` folder sits beside the entry script, which our layout has) and only switches to
``st.navigation`` once ``st.navigation`` has been called in the process. So the first run after a
server start (and every ``AppTest`` run, which resets that switch) may execute a page file directly,
without the router (language, sidebar, scenario). Each page file calls :func:`ensure_router` first:
in that case it switches to ``st.navigation`` and runs ``app.py`` in place, which routes back to the
same page, then ends the direct run. Nothing is lost: no rerun happens, so a button click or form
submit of that run still counts. Page URLs equal the page file names, so the legacy router finds the
page instead of showing "Page not found".
"""

from __future__ import annotations

import runpy
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

APP = Path(__file__).resolve().parent.parent / "app.py"


def ensure_router() -> None:
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        runpy.run_path(str(APP), run_name="__main__")
        st.stop()
