"""Linkstar Analytics: the dashboard's entry point (a router over ``pages/``).

Run with ``streamlit run app.py``. On first start the built-in sample data is imported into the
DuckDB file (``LINKSTAR_DB``, default ``data/linkstar.duckdb``) so the dashboard opens ready to use.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from linkstar_analytics.io.storage import FILE_ERRORS, DatabaseError, explain_error
from ui import auth, cache, components, shell, state
from ui.i18n import t

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"


def main() -> None:
    st.set_page_config(page_title="Linkstar Analytics", page_icon=":material/inventory_2:", layout="wide")
    cache.warm_up()  # once per process: the plan's lookup table builds beside the first run

    state.init_language()
    state.language_switch()
    signed_in = auth.gate()  # optional sign-in (LINKSTAR_SIGN_IN); off by default: always True

    pages = {
        t("nav.group.plan"): [
            st.Page(PAGES / "home.py", title=t("page.home"), icon=":material/dashboard:", default=True),
            st.Page(PAGES / "whatif.py", title=t("page.whatif"), icon=":material/tune:", url_path="whatif"),
            st.Page(PAGES / "forecast.py", title=t("page.forecast"), icon=":material/insights:", url_path="forecast"),
            st.Page(PAGES / "mix.py", title=t("page.mix"), icon=":material/warehouse:", url_path="mix"),
            st.Page(PAGES / "review.py", title=t("page.review"), icon=":material/groups:", url_path="review"),
            st.Page(PAGES / "campaign_report.py", title=t("page.campaign_report"), icon=":material/fact_check:",
                    url_path="campaign_report"),
        ],
        t("nav.group.supply"): [
            st.Page(PAGES / "landed.py", title=t("page.landed"), icon=":material/payments:", url_path="landed"),
            st.Page(PAGES / "timeline.py", title=t("page.timeline"), icon=":material/timeline:", url_path="timeline"),
            st.Page(PAGES / "alerts.py", title=t("page.alerts"), icon=":material/notifications:", url_path="alerts"),
        ],
        t("nav.group.data"): [
            st.Page(PAGES / "scenarios.py", title=t("page.scenarios"), icon=":material/bookmarks:", url_path="scenarios"),
            st.Page(PAGES / "data.py", title=t("page.data"), icon=":material/database:", url_path="data"),
        ],
    }

    if not signed_in:  # the sign-in screen is shown; routes stay known (deep links) but hidden and not run
        st.navigation(pages, position="hidden")
        return
    nav = st.navigation(pages)
    try:
        state.dataset_picker()
        state.write_query_params()
        state.show_notices()
        pending = st.container()  # top of the page: what the figures stand on while a slow forecast fits
        with shell.routed():
            nav.run()
        with pending:
            components.forecast_pending_notice()
    except DatabaseError as error:  # missing, damaged, busy, read-only... file: one clear message
        shell.show_database_error(error)
    except FILE_ERRORS as error:  # the file failed while a page read it (cut off, damaged blocks)
        shell.show_database_error(explain_error(error, cache.db_path()))


# Streamlit runs this file as ``__main__``. Worker processes that Dask spawns for batch forecasts re-import
# the main module under another name (``__mp_main__``): they must not start the app (or open the database).
if __name__ == "__main__":
    main()
