"""The Data page's pieces: run an import (full or partial), and show its report in the reader's language.

An import's report is kept in the session (the issues as :class:`~linkstar_analytics.io.readers.Issue`
objects, rendered in whichever language the reader picks) and the page reruns right after a successful
import, so the sidebar, the version list and every page name the new version at once.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from linkstar_analytics.io import storage
from linkstar_analytics.io.readers import column_limit, render_issue, row_limit, upload_limit_mb
from linkstar_analytics.io.validation import LoadResult, load_uploads
from ui import auth, cache, components, state
from ui.i18n import fmt_int, get_lang, t
from ui.text import plain

K_REPORT = "data_import_report"


def upload_limit() -> float:
    """The effective per-file limit in MB: the importer's and Streamlit's upload limit, whichever is lower."""
    limit = upload_limit_mb()
    try:
        server = float(st.get_option("server.maxUploadSize"))
    except (TypeError, ValueError, RuntimeError):
        server = limit
    return min(limit, server) if server > 0 else limit


def limits_caption() -> str:
    return t("data.limits", mb=f"{upload_limit():g}", rows=fmt_int(row_limit()), cols=fmt_int(column_limit()))


def run_import(uploads: list[tuple[str, bytes]], *, name: str, keep_rest: bool) -> None:
    """Validate the uploads (a partial refresh when ``keep_rest``), store them when clean, keep the report, rerun."""
    base_version = state.active_version() if keep_rest else None
    base = cache.load_tables(base_version) if base_version is not None else None
    with st.status(t("data.validating", n=len(uploads)), expanded=False) as status:
        result = load_uploads(uploads, base=base, base_version=base_version)
        status.update(label=t("data.validated"), state="complete")
    report = {"issues": result.issues, "ok": result.ok, "files": [f for f, _ in uploads], "kept": dict(result.kept),
              "version": None, "backup": None, "replaced": [n for n in result.tables if n not in result.kept]}
    if result.ok:
        label = name.strip() or ", ".join(sorted(f for f, _ in uploads))[:120]
        version, backup = storage.store_import(
            cache.cursor(), result.tables, name=label, source_files=[f for f, _ in uploads],
            author=auth.author("", "planner"), activate=True,
            base_version=base_version if result.kept else None, db_path=cache.db_path())
        report.update(version=int(version), backup=str(backup) if backup else None, name=label)
        state.update_scenario(dataset_version=int(version))
        st.session_state[K_REPORT] = report
        st.rerun()
    st.session_state[K_REPORT] = report


def show_report() -> None:
    """The last import's outcome: saved or refused, what was kept, every problem with its fix, previews."""
    report = st.session_state.get(K_REPORT)
    if not report:
        return
    issues = report["issues"]
    n_err = sum(1 for i in issues if i.severity == "error")
    n_warn = len(issues) - n_err
    if report["version"] is None:
        st.error(t("data.rejected", errors=n_err, warnings=n_warn))
    else:
        st.success(t("data.saved", version=report["version"], warnings=n_warn))
        st.caption(plain(t("data.now_active", version=report["version"], name=report.get("name", ""))))
        if report["kept"]:
            version = next(iter(report["kept"].values()))
            st.caption(plain(t("data.kept", version=version, tables=", ".join(report["kept"]))))
            st.caption(plain(t("data.refreshed", tables=", ".join(report["replaced"]))))
        if report.get("backup"):
            st.caption(plain(t("data.backup", path=report["backup"])))
    if issues:
        st.dataframe(issue_frame(issues), hide_index=True, width="stretch")
    if report["version"] is not None:
        for table, frame in cache.load_tables(report["version"]).items():
            with st.expander(t("data.preview", table=table, rows=fmt_int(len(frame)))):
                st.dataframe(display_frame(frame.head(50)), hide_index=True, width="stretch")


def issue_frame(issues: list) -> pd.DataFrame:
    """The issues as a table in the reader's language (no empty cell shows "None")."""
    lang = get_lang()
    empty = t("data.empty_cell")
    rows = []
    for i in issues:
        message, fix = render_issue(i, lang)
        rows.append({"severity": t(f"data.sev.{i.severity}"), "kind": components.issue_kind(i.code), "file": i.file,
                     "row": str(i.row) if i.row is not None else empty,
                     "column": i.column if i.column is not None else empty, "message": message, "fix": fix})
    frame = pd.DataFrame(rows, columns=["severity", "kind", "file", "row", "column", "message", "fix"])
    return frame.rename(columns={c: t(f"data.issue.{c}") for c in frame.columns})


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A display copy in which every missing cell reads "(empty)" in the reader's language instead of "None"."""
    empty = t("data.empty_cell")
    out = frame.copy()
    for col in out.columns:
        missing = out[col].isna()
        if missing.any():
            if pd.api.types.is_datetime64_any_dtype(out[col]):
                shown = out[col].dt.strftime("%Y-%m-%d")
            else:
                shown = out[col].astype(object)
            out[col] = shown.astype(object).where(~missing, empty).astype(str)
    return out
