"""``import DIR``: validate a folder and store it as a new active dataset version in DuckDB.

With ``--keep-rest`` the folder may hold only some tables (a weekly ``sales.csv``): the new version takes
every other table from the active version. Before writing, the database's integrity is checked and a
rolling backup is made (``<db>.backup-1.duckdb`` is the newest). When the dashboard holds the file, the
import waits a few seconds for it and then says so (exit 3); nothing is written.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="DIR", help="folder with sales.csv, skus.csv, ... (.csv or .xlsx)")
    parser.add_argument("--name", default=None, help="dataset name (default: the folder name)")
    parser.add_argument("--db", default=None, help="DuckDB file (default $LINKSTAR_DB or data/linkstar.duckdb)")
    parser.add_argument("--author", default=None, help="who imports it (default: the login name)")
    parser.add_argument("--no-activate", action="store_true", help="store the version without making it active")
    parser.add_argument("--keep-rest", action="store_true",
                        help="partial refresh: tables not in DIR are kept from the active version")
    parser.add_argument("--max-upload-mb", type=float, default=None,
                        help="largest file accepted, in MB (default 200 or $LINKSTAR_MAX_UPLOAD_MB)")
    parser.add_argument("--wait", type=float, default=30.0,
                        help="seconds to wait while another program (the dashboard) holds the database (default 30)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the messages (default en)")


def _default_author() -> str:
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError):
        return "unknown"


def _db_error(exc, lang: str) -> int:
    fix = "处理方法：" if lang == "zh" else "Fix:"
    print(f"{exc.text.render(lang)} {fix} {exc.fix.render(lang)}", file=sys.stderr)
    return 3


def run(args: argparse.Namespace) -> int:
    from linkstar_analytics.commands.validate import load_and_report
    from linkstar_analytics.io import storage

    lang = getattr(args, "lang", "en")

    def waiting(pid: str) -> None:
        who = f" (PID {pid})" if pid else ""
        print(f"The database is in use by another program{who}; waiting up to {args.wait:g} s...", file=sys.stderr)

    base = base_version = None
    if args.keep_rest:
        try:
            conn = storage.connect(args.db, busy_timeout_s=args.wait, on_wait=waiting)
        except storage.DatabaseError as exc:
            return _db_error(exc, lang)
        try:
            base_version = storage.active_dataset_version(conn)
            base = storage.load_dataset(conn, base_version) if base_version is not None else None
        finally:
            conn.close()
    result = load_and_report(args.folder, max_upload_mb=args.max_upload_mb, lang=lang, base=base,
                             base_version=base_version)
    if result is None:
        return 2
    if not result.ok:
        print("Nothing was written; fix the errors above and run the import again.", file=sys.stderr)
        return 1
    try:
        conn = storage.connect(args.db, busy_timeout_s=args.wait, on_wait=waiting)
    except storage.DatabaseError as exc:
        return _db_error(exc, lang)
    try:
        version, backup = storage.store_import(
            conn, result.tables, name=args.name or Path(args.folder).resolve().name, source_files=result.files,
            author=args.author or _default_author(), activate=not args.no_activate,
            base_version=base_version if result.kept else None, db_path=args.db or storage.default_db_path())
    except storage.DatabaseError as exc:
        return _db_error(exc, lang)
    finally:
        conn.close()
    state = "active" if not args.no_activate else "not active"
    kept = f"; kept from version {base_version}: {', '.join(result.kept)}" if result.kept else ""
    print(f"Imported dataset version {version} ({state}){kept}.")
    if backup is not None:
        print(f"Backup of the database before the import: {backup}")
    return 0
