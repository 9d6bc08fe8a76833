"""Shared helpers of the ``forecast`` and ``backtest`` commands (reading tables, output paths, a text progress bar).

Input files are read and checked by the same reader and validator as ``import`` (``io.readers`` for encodings
and Excel sheets, ``io.validation`` for columns, types and ranges), so a bad file is reported as
``file, row N, column 'c': message. Fix: ...`` and the command exits with code 1, never with a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

MODEL_CHOICES = ("auto", "prophet", "ets", "ets_yearly", "lgbm", "naive", "intermittent")
#: Most problems printed for one file (the rest are counted).
MAX_ISSUES_SHOWN = 20


class InputError(Exception):
    """A problem with a file or path the user passed; the message says which and how to fix it."""


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sales", required=True, help="sales CSV or .xlsx (date, sku, units[, region, channel])")
    parser.add_argument("--horizon", type=int, required=True, help="days to forecast / score (1-730)")
    parser.add_argument("--model", default="auto", choices=MODEL_CHOICES, help="model (default auto: per-SKU choice by backtest)")
    parser.add_argument("--campaigns", default=None, help="campaigns CSV: campaign days get uplift, history is cleaned")
    parser.add_argument("--skus", default=None, help="SKU master CSV (category, launch_date) for category uplift and new SKUs")
    parser.add_argument("--stock-history", default=None,
                        help="optional stock_history CSV (date, sku, on_hand_units[, region]): out-of-stock days are "
                             "not read as zero demand")


#: Columns the forecast reads from each table; the others of the schema are optional for these commands (an SKU
#: master with only ``sku, category`` is enough to forecast), but every column given is still checked.
FORECAST_NEEDS: dict[str, tuple[str, ...]] = {"skus": ("sku", "category")}


def _spec_for(table: str):
    from dataclasses import replace

    from linkstar_analytics.schemas import TABLES

    spec = TABLES[table]
    needs = FORECAST_NEEDS.get(table)
    if needs is None:
        return spec
    return replace(spec, columns=tuple(c if c.name in needs else replace(c, required=False) for c in spec.columns))


def read_table(path: str | None, table: str) -> pd.DataFrame | None:
    """Read and validate one table file (``.csv`` in any supported encoding, or ``.xlsx``) as ``table``.

    The file may have any name: it is checked against the schema of ``table`` (``schemas.TABLES``).
    Raises :class:`InputError` with every problem (file, row, column, fix) when the file is missing,
    unreadable or has errors; warnings are printed to stderr and the typed frame is returned.
    """
    if path is None:
        return None
    from linkstar_analytics.io.readers import format_issue, read_source
    from linkstar_analytics.io import validation

    flag = "--" + table.replace("_", "-")
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{flag}: file {str(path)!r} does not exist; pass the path of the {table} file (.csv or .xlsx)")
    raws, issues = read_source(p)
    raw = next((r for r in raws if r.table == table), None)
    if raw is None and len(raws) == 1:
        raw = raws[0]
    if raw is None:
        errors = [i for i in issues if i.severity == "error"]
        if errors:
            raise InputError("\n".join(format_issue(i) for i in errors))
        raise InputError(f"{p.name}: no {table} table found (a workbook needs a sheet named '{table}'); "
                         f"pass a CSV or .xlsx holding the {table} table")
    raw.table = table
    _typed, _rows, found = validation._validate_raw(raw, _spec_for(table))
    problems = [i for i in issues + found if i.severity == "error"]
    for w in (i for i in issues + found if i.severity != "error"):
        print("warning: " + format_issue(w), file=sys.stderr)
    if problems:
        lines = [format_issue(i) for i in problems[:MAX_ISSUES_SHOWN]]
        if len(problems) > MAX_ISSUES_SHOWN:
            lines.append(f"... and {len(problems) - MAX_ISSUES_SHOWN} more problems in {p.name}")
        raise InputError("\n".join(lines))
    return _typed


def output_path(path: str, flag: str = "--out") -> Path:
    """``path`` with its folder created when missing; :class:`InputError` when it cannot be written there."""
    p = Path(path)
    if p.exists() and p.is_dir():
        raise InputError(f"{flag}: {path!r} is a folder; pass a file name such as {Path(path) / 'out.csv'}")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{flag}: cannot create the folder {str(p.parent)!r} ({exc.strerror}); "
                         f"pass a path in a folder you can write to") from exc
    return p


def text_progress(label: str):
    """``progress(done, total)`` callback drawing a text bar on stderr."""
    def cb(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()
    return cb
