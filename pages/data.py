"""Data: import files (CSV in UTF-8/BOM/GBK, Excel) in full or as a partial refresh, see every problem in the
reader's language, preview, pick the active dataset."""

from __future__ import annotations

import streamlit as st

from linkstar_analytics.io import storage
from linkstar_analytics.io.validation import schemas_markdown
from ui import cache, importing, shell, state
from ui.i18n import get_lang, t
from ui.text import plain

shell.ensure_router()

st.title(t("page.data"))

# ----------------------------------------------------------------------------------- datasets
st.subheader(t("data.versions"))
datasets = cache.list_datasets()
current = state.active_version()
if datasets.empty:
    st.info(t("app.no_dataset"))
else:
    view = datasets.rename(
        columns={
            "version": t("data.col.version"),
            "name": t("data.col.name"),
            "created_at": t("data.col.created"),
            "author": t("data.col.author"),
            "is_active": t("data.col.active"),
        }
    )
    shown = [c for c in view.columns if c in {t("data.col.version"), t("data.col.name"), t("data.col.created"),
                                              t("data.col.author"), t("data.col.active")}]
    st.dataframe(view[shown], hide_index=True, width="stretch")
    versions = datasets["version"].tolist()
    labels = {int(r.version): f"{int(r.version)} · {r.name}" for r in datasets.itertuples()}
    col1, col2 = st.columns([3, 1])
    chosen = col1.selectbox(t("data.pick_active"), versions, index=versions.index(current) if current in versions else 0,
                            format_func=lambda v: labels.get(int(v), str(v)), placeholder=t("common.choose"))
    if col2.button(t("data.make_active"), width="stretch", disabled=chosen == current):
        storage.set_active_dataset(cache.cursor(), int(chosen))
        state.update_scenario(dataset_version=int(chosen))
        st.rerun()

# ----------------------------------------------------------------------------------- import
st.subheader(t("data.import"))
st.caption(t("data.import_help", mb=f"{importing.upload_limit():g}"))
st.caption(importing.limits_caption())
files = st.file_uploader(t("data.files"), type=["csv", "txt", "tsv", "xlsx", "xlsm"], accept_multiple_files=True,
                         key="data_files")
current_name = str(datasets.loc[datasets["version"] == current, "name"].iloc[0]) \
    if current is not None and not datasets.empty and (datasets["version"] == current).any() else ""
keep_rest = st.toggle(t("data.keep_rest", version=current or "—", name=plain(current_name)), value=current is not None,
                      disabled=current is None, help=t("data.keep_rest_help"), key="data_keep_rest")
name = st.text_input(t("data.dataset_name"), value="", max_chars=120, key="data_name")
if st.button(t("data.validate_import"), type="primary", key="data_import"):
    if not files:
        st.warning(t("data.no_files"))
    else:
        importing.run_import([(f.name, f.getvalue()) for f in files], name=name, keep_rest=keep_rest)
importing.show_report()

# ----------------------------------------------------------------------------------- schema
with st.expander(t("data.schema")):
    st.markdown(schemas_markdown(get_lang()))
