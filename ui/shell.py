"""Guard for script runs that reach a page file without going through ``app.py``'s router.

Streamlit treats a ``pages/`` folder beside the entry script as the legacy page list until the
entry script has called ``st.navigation`` once in the server process. So on a fresh server the
first visitor who opens a deep link (``/whatif?c=...``) runs ``pages/whatif.py`` directly, without
the router (language, sidebar, dataset, scenario). Every page file calls :func:`ensure_router`
first. The router marks its own runs (:data:`_ROUTED`, a per-run context variable set while
``app.py`` runs its pages); when the mark is missing, the page runs ``app.py`` in its place, whose
``st.navigation`` call (public API: it switches Streamlit to the router for the whole server) routes
back to the same page by its URL path, then ends the direct run. Nothing is lost: no rerun happens,
so a button click or form submit of that run still counts. Page URLs equal the page file names, so
the legacy page list and the router agree on every deep link.
"""

from __future__ import annotations

import contextlib
import runpy
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

import streamlit as st

APP = Path(__file__).resolve().parent.parent / "app.py"

# True while app.py's router runs a page in this script run (a context variable: one value per run thread).
_ROUTED: ContextVar[bool] = ContextVar("linkstar_routed", default=False)


@contextlib.contextmanager
def routed() -> Iterator[None]:
    """``with shell.routed(): nav.run()``: pages run inside know the router is in charge."""
    token = _ROUTED.set(True)
    try:
        yield
    finally:
        _ROUTED.reset(token)


def ensure_router() -> None:
    """Run the app's router in place of a page file that Streamlit ran directly (see the module docstring)."""
    if _ROUTED.get():
        return
    runpy.run_path(str(APP), run_name="__main__")
    st.stop()


def show_database_error(error) -> None:
    """One clear message for a database file that cannot be used (``storage.DatabaseError``), never a traceback."""
    from ui.i18n import get_lang, t
    from ui.text import plain

    lang = get_lang()
    st.error(f"**{t('db.title')}**  \n" + plain(error.text.render(lang)), icon=":material/database:")
    st.info(t("db.fix", fix=plain(error.fix.render(lang))))
