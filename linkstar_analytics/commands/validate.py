"""``validate DIR``: check a folder of tables and print every problem with its file, row and column."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="DIR", help="folder with sales.csv, skus.csv, ... (.csv or .xlsx)")
    parser.add_argument("--max-upload-mb", type=float, default=None,
                        help="largest file accepted, in MB (default 200 or $LINKSTAR_MAX_UPLOAD_MB)")
    parser.add_argument("--errors-only", action="store_true", help="do not print warnings")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the messages (default en)")


def load_and_report(folder, *, max_upload_mb: float | None, errors_only: bool = False, lang: str = "en",
                    base=None, base_version: int | None = None):
    """Load a folder, print every issue (``file, row N, column 'c': message. Fix: ...``) and a summary.

    Returns the ``LoadResult``, or ``None`` when ``folder`` is not a folder (the message is printed)."""
    from linkstar_analytics.io.validation import format_issue, load_folder

    try:
        result = load_folder(folder, max_upload_mb=max_upload_mb, base=base, base_version=base_version)
    except NotADirectoryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    warning = "警告：" if lang == "zh" else "warning: "
    for issue in result.issues:
        if errors_only and issue.severity != "error":
            continue
        print(("" if issue.severity == "error" else warning) + format_issue(issue, lang))
    print(result.summary(lang))
    return result


def run(args: argparse.Namespace) -> int:
    result = load_and_report(args.folder, max_upload_mb=args.max_upload_mb, errors_only=args.errors_only,
                             lang=getattr(args, "lang", "en"))
    if result is None:
        return 2
    return 0 if result.ok else 1
