"""``python -m linkstar_analytics forecast``: daily demand per SKU x region to a CSV.

Writes ``sku, region, date, model, mean, p10, p50, p90`` (campaign-inclusive when ``--campaigns`` is
given: baseline x the campaign's day-by-day effect, plus ``campaign_id`` and ``uplift`` columns).
Input files go through the validating reader of ``import``; a bad file exits with code 1 and names the
file, row, column and fix.
"""

from __future__ import annotations

import argparse
import sys

from linkstar_analytics.commands._forecast_common import (InputError, add_common, output_path, read_table,
                                                           text_progress)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_common(parser)
    parser.add_argument("--out", required=True, help="output CSV path (its folder is created when missing)")
    parser.add_argument("--history-end", default=None, help="last history day YYYY-MM-DD (default: last sales day)")
    parser.add_argument("--dask-address", default=None, help="Dask scheduler address (default: $LINKSTAR_DASK_ADDRESS or local)")
    parser.add_argument("--workers", type=int, default=None, help="LocalCluster workers (default: CPU count)")


def run(args: argparse.Namespace) -> int:
    from linkstar_analytics.forecast.batch import run_forecasts
    from linkstar_analytics.forecast.uplift import apply_campaign_effects

    try:
        out_path = output_path(args.out)
        sales = read_table(args.sales, "sales")
        campaigns = read_table(args.campaigns, "campaigns")
        skus = read_table(args.skus, "skus")
        stock_history = read_table(args.stock_history, "stock_history")
        result = run_forecasts(sales, skus, campaigns, horizon_days=args.horizon, model=args.model,
                               history_end=args.history_end, progress=text_progress("forecast"),
                               dask_address=args.dask_address, n_workers=args.workers, stock_history=stock_history)
    except (InputError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    frame = result.forecasts
    cols = ["sku", "region", "date", "model", "mean", "p10", "p50", "p90"]
    if campaigns is not None and len(campaigns):
        frame = apply_campaign_effects(frame, result.campaign_effects)
        cols += ["campaign_id", "uplift"]
    out = frame[cols].copy()
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    from linkstar_analytics.report.safe import write_safe_csv

    try:
        write_safe_csv(out, out_path, float_format="%.4f")  # formula-safe: SKU ids come from user files
    except OSError as exc:
        print(f"error: --out: cannot write {args.out!r} ({exc.strerror}); pass a path you can write to", file=sys.stderr)
        return 1
    counts = result.selection["model"].value_counts().to_dict()
    print(f"wrote {len(out)} rows for {result.selection.shape[0]} series to {args.out}; models: {counts}")
    return 0
