"""``import DIR``: validate a folder and store it as a new active dataset version in DuckDB."""

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
    parser.add_argument("--max-upload-mb", type=float, default=None,
                        help="largest file accepted, in MB (default 200 or $LINKSTAR_MAX_UPLOAD_MB)")


def _default_author() -> str:
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError):
        return "unknown"


def run(args: argparse.Namespace) -> int:
    from linkstar_analytics.commands.validate import load_and_report
    from linkstar_analytics.io import storage

    result = load_and_report(args.folder, max_upload_mb=args.max_upload_mb)
    if result is None:
        return 2
    if not result.ok:
        print("Nothing was written; fix the errors above and run the import again.", file=sys.stderr)
        return 1
    conn = storage.connect(args.db)
    try:
        version = storage.save_dataset(conn, result.tables, name=args.name or Path(args.folder).resolve().name,
                                       source_files=result.files, author=args.author or _default_author(),
                                       activate=not args.no_activate)
    finally:
        conn.close()
    state = "active" if not args.no_activate else "not active"
    print(f"Imported dataset version {version} ({state}).")
    return 0
