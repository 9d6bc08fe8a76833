"""Data: import files (CSV in UTF-8/BOM/GBK, Excel), see every problem, preview, pick the active dataset."""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from linkstar_analytics.io import storage
from linkstar_analytics.io.readers import MAX_UPLOAD_MB
from linkstar_analytics.io.validation import load_uploads, schemas_markdown
from ui import shell, cache, components, state
from ui.i18n import fmt_int, t

shell.ensure_router()

st.title(t("page.data"))

# ----------------------------------------------------------------------------------- datasets
st.subheader(t("data.versions"))
datasets = cache.list_datasets()
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
    current = state.active_version()
    labels = {int(r.version): f"{int(r.version)} · {r.name}" for r in datasets.itertuples()}
    col1, col2 = st.columns([3, 1])
    chosen = col1.selectbox(t("data.pick_active"), versions, index=versions.index(current) if current in versions else 0,
                            format_func=lambda v: labels.get(int(v), str(v)))
    if col2.button(t("data.make_active"), width="stretch", disabled=chosen == current):
        storage.set_active_dataset(cache.cursor(), int(chosen))
        state.update_scenario(dataset_version=int(chosen))
        st.rerun()

# ----------------------------------------------------------------------------------- import
st.subheader(t("data.import"))
st.caption(t("data.import_help", mb=int(MAX_UPLOAD_MB)))
files = st.file_uploader(t("data.files"), type=["csv", "txt", "tsv", "xlsx"], accept_multiple_files=True,
                         key="data_files")
name = st.text_input(t("data.dataset_name"), value="", max_chars=120, key="data_name")
submitted = st.button(t("data.validate_import"), type="primary", key="data_import")

if submitted:
    if not files:
        st.warning(t("data.no_files"))
    else:
        uploads = [(f.name, f.getvalue()) for f in files]
        with st.status(t("data.validating", n=len(uploads)), expanded=False) as status:
            result = load_uploads(uploads)
            status.update(label=t("data.validated"), state="complete")
        issues = pd.DataFrame(
            [{"severity": t(f"data.sev.{i.severity}"), "kind": components.issue_kind(i.code), "file": i.file,
              "row": i.row, "column": i.column, "message": i.message, "fix": i.fix} for i in result.issues],
            columns=["severity", "kind", "file", "row", "column", "message", "fix"],
        )
        n_err = sum(1 for i in result.issues if i.severity == "error")
        n_warn = sum(1 for i in result.issues if i.severity != "error")
        if not result.ok:
            st.error(t("data.rejected", errors=n_err, warnings=n_warn))
        else:
            version = storage.save_dataset(
                cache.cursor(), result.tables, name=name.strip() or ", ".join(sorted(f for f, _ in uploads))[:120],
                source_files=[f for f, _ in uploads], author=os.environ.get("LINKSTAR_AUTHOR", "planner"),
                activate=True,
            )
            state.update_scenario(dataset_version=int(version))
            st.success(t("data.saved", version=version, warnings=n_warn))
        if len(issues):
            st.dataframe(
                issues.rename(columns={c: t(f"data.issue.{c}") for c in issues.columns}),
                hide_index=True, width="stretch",
            )
        for table, frame in result.tables.items():
            with st.expander(t("data.preview", table=table, rows=fmt_int(len(frame)))):
                st.dataframe(frame.head(50), hide_index=True, width="stretch")

# ----------------------------------------------------------------------------------- schema
with st.expander(t("data.schema")):
    st.markdown(schemas_markdown())
