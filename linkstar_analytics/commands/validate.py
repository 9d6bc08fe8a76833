"""``validate DIR``: check a folder of tables and print every problem with its file, row and column."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="DIR", help="folder with sales.csv, skus.csv, ... (.csv or .xlsx)")
    parser.add_argument("--max-upload-mb", type=float, default=None,
                        help="largest file accepted, in MB (default 200 or $LINKSTAR_MAX_UPLOAD_MB)")
    parser.add_argument("--errors-only", action="store_true", help="do not print warnings")


def run(args: argparse.Namespace) -> int:
    from linkstar_analytics.io.validation import format_issue, load_folder

    try:
        result = load_folder(args.folder, max_upload_mb=args.max_upload_mb)
    except NotADirectoryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for issue in result.issues:
        if args.errors_only and issue.severity != "error":
            continue
        prefix = "" if issue.severity == "error" else "warning: "
        print(prefix + format_issue(issue))
    print(result.summary())
    return 0 if result.ok else 1
