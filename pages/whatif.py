"""whatif page."""

import streamlit as st

from ui.i18n import t

st.title(t("page.whatif"))
