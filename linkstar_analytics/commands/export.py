"""``python -m linkstar_analytics export``: write the stock-up plan sheet (.xlsx, optional CSV) and, with the SKU
master, the stock-up declaration (one sheet per warehouse).

Reads the plan lines (and optionally the schedule) from CSV files, as written by ``plan``::

    python -m linkstar_analytics export --lines plan_lines.csv --schedule schedule.csv \\
        --out plan.xlsx --csv plan.csv --lang zh --summary "Campaign=BFCM-2026" --dataset-version 3 \\
        --declaration declaration.xlsx --skus skus.csv --campaign-name "Black Friday / Cyber Monday 2026"

Exit codes: 0 written; 1 a file could not be read or holds values that cannot be used (the message
names the file, column and rows); 2 bad arguments (argparse).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lines", required=True, type=Path, metavar="PATH.csv",
                        help="plan lines CSV: one row per sku x warehouse (needs sku, warehouse_id)")
    parser.add_argument("--schedule", type=Path, metavar="PATH.csv",
                        help="backward schedule CSV: one row per sku x warehouse (dates as YYYY-MM-DD)")
    parser.add_argument("--out", required=True, type=Path, metavar="PATH.xlsx", help="plan sheet workbook to write")
    parser.add_argument("--csv", type=Path, metavar="PATH.csv", help="also write the plan sheet as CSV (UTF-8 with BOM)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="header language (default en)")
    parser.add_argument("--currency", metavar="CODE",
                        help="display currency for money headers (default: the lines' currency column)")
    parser.add_argument("--dataset-version", metavar="VERSION", help="dataset version shown on the Scenario sheet")
    parser.add_argument("--summary", action="append", default=[], metavar="NAME=VALUE",
                        help="a scenario lever shown on the Scenario sheet; repeat for each lever")
    parser.add_argument("--declaration", type=Path, metavar="PATH.xlsx",
                        help="also write the stock-up declaration (needs --skus and --campaign-name)")
    parser.add_argument("--skus", type=Path, metavar="PATH.csv",
                        help="SKU master CSV for the declaration (platform ids, barcode, HS code, case pack, carton)")
    parser.add_argument("--campaign-name", metavar="TEXT", help="the campaign's name, written in the declaration")


def _read_csv(path: Path, flag: str):
    import pandas as pd

    if not path.is_file():
        raise FileNotFoundError(f"{flag}: file not found: {path}; pass the path of an existing CSV file")
    try:
        # Everything as text first: SKU ids such as 00123 keep their zeros; numbers and dates are
        # parsed column by column by the sheet builder, with messages naming the column.
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{flag}: {path} is not UTF-8 text ({exc.reason}); save it as CSV UTF-8") from exc
    except pd.errors.ParserError as exc:
        raise ValueError(f"{flag}: {path} is not a readable CSV ({exc}); check separators and quotes") from exc
    except pd.errors.EmptyDataError as exc:
        raise ValueError(f"{flag}: {path} is empty; it needs a header row with sku and warehouse_id") from exc


def _summary(args: argparse.Namespace) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in args.summary:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--summary: expected NAME=VALUE (got {item!r}); e.g. --summary 'Service level=95%'")
        out[name.strip()] = value.strip()
    if args.dataset_version:
        out["Dataset version" if args.lang == "en" else "数据集版本"] = args.dataset_version
    out["Plan lines file" if args.lang == "en" else "计划行文件"] = args.lines.name
    if args.schedule:
        out["Schedule file" if args.lang == "en" else "排期文件"] = args.schedule.name
    return out


def run(args: argparse.Namespace) -> int:
    from linkstar_analytics.report.declaration import declaration_frame, write_declaration_xlsx
    from linkstar_analytics.report.sheet import plan_sheet_frame, write_plan_csv, write_plan_xlsx

    try:
        if args.declaration and not (args.skus and args.campaign_name):
            raise ValueError("--declaration needs --skus (the SKU master CSV) and --campaign-name; "
                             "e.g. --skus sample_data/skus.csv --campaign-name 'Black Friday / Cyber Monday 2026'")
        summary = _summary(args)
        lines = _read_csv(args.lines, "--lines")
        schedule = _read_csv(args.schedule, "--schedule") if args.schedule else None
        frame = plan_sheet_frame(lines, schedule, lang=args.lang, currency=args.currency)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        write_plan_xlsx(frame, args.out, scenario_summary=summary, lang=args.lang)
        if args.csv:
            args.csv.parent.mkdir(parents=True, exist_ok=True)
            write_plan_csv(frame, args.csv)
        if args.declaration:
            skus = _read_csv(args.skus, "--skus")
            decl = declaration_frame(lines, skus, campaign_name=args.campaign_name, schedule=schedule, lang=args.lang)
            args.declaration.parent.mkdir(parents=True, exist_ok=True)
            write_declaration_xlsx(decl, args.declaration, campaign_name=args.campaign_name, summary=summary,
                                   lang=args.lang)
    except (FileNotFoundError, ValueError, TypeError) as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"export: cannot write {exc.filename}: {exc.strerror}; check the folder exists and is writable",
              file=sys.stderr)
        return 1
    written = [str(args.out)] + ([str(args.csv)] if args.csv else []) + (
        [str(args.declaration)] if args.declaration else [])
    print(f"export: {len(frame)} plan rows written to {', '.join(written)}")
    return 0
