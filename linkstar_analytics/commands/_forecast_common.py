"""Shared helpers of the ``forecast`` and ``backtest`` commands (reading tables, a text progress bar)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

MODEL_CHOICES = ("auto", "prophet", "ets", "naive", "intermittent")


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sales", required=True, help="sales CSV (date, sku, units[, region, channel])")
    parser.add_argument("--horizon", type=int, required=True, help="days to forecast / score (1-730)")
    parser.add_argument("--model", default="auto", choices=MODEL_CHOICES, help="model (default auto: per-SKU choice by backtest)")
    parser.add_argument("--campaigns", default=None, help="campaigns CSV: campaign days get uplift, history is cleaned")
    parser.add_argument("--skus", default=None, help="SKU master CSV (category, launch_date) for category uplift and new SKUs")


def read_table(path: str | None, what: str) -> pd.DataFrame | None:
    """Read a CSV table (through ``io.readers`` when it offers ``read_table``), else pandas."""
    if path is None:
        return None
    p = Path(path)
    if not p.exists():
        raise SystemExit(f"--{what}: file {path!r} does not exist; pass the path of the {what} CSV")
    if p.suffix.lower() in (".xlsx", ".xls"):
        return pd.read_excel(p)
    return pd.read_csv(p)


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
