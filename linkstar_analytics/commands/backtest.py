"""``python -m linkstar_analytics backtest``: fit before a cutoff, score the next days, write JSON.

The JSON holds, per model and for ``auto`` (chosen per series by a rolling backtest that ends at the
cutoff), the overall and per-SKU WAPE, bias and p10-p90 coverage; campaign days are also scored apart.
Input files go through the validating reader of ``import``; a bad file exits with code 1 and names the
file, row, column and fix.
"""

from __future__ import annotations

import argparse
import json
import sys

from linkstar_analytics.commands._forecast_common import InputError, add_common, output_path, read_table


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_common(parser)
    parser.add_argument("--cutoff", required=True, help="last history day YYYY-MM-DD; the next --horizon days are scored")
    parser.add_argument("--out", required=True, help="output JSON path (its folder is created when missing)")
    parser.add_argument("--with-prophet", action="store_true", help="also score Prophet (and let auto choose it)")


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from linkstar_analytics.forecast.backtest import AUTO_CANDIDATES, evaluate_at_cutoff, report_dict

    if args.model == "auto":
        models = AUTO_CANDIDATES + (("prophet",) if args.with_prophet else ())
    else:
        models = tuple(dict.fromkeys((args.model, "naive")))
    try:
        out_path = output_path(args.out)
        sales = read_table(args.sales, "sales")
        campaigns = read_table(args.campaigns, "campaigns")
        skus = read_table(args.skus, "skus")
        stock_history = read_table(args.stock_history, "stock_history")
        try:
            cutoff = pd.Timestamp(args.cutoff)
        except ValueError as exc:
            raise InputError(f"--cutoff: {args.cutoff!r} is not a date; pass YYYY-MM-DD") from exc
        sums, selection = evaluate_at_cutoff(sales, skus, campaigns, cutoff=cutoff, horizon_days=args.horizon,
                                             models=models, stock_history=stock_history)
    except (InputError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    report = {"cutoff": str(cutoff.date()), "horizon_days": args.horizon, "models_scored": list(models) + ["auto", "snaive_raw"],
              "uplift_applied": campaigns is not None, **report_dict(sums),
              "selection_counts": selection["model"].value_counts().to_dict()}
    try:
        with open(out_path, "w", encoding="utf-8") as fh:
            json.dump(report, fh, indent=2, ensure_ascii=False)
    except OSError as exc:
        print(f"error: --out: cannot write {args.out!r} ({exc.strerror}); pass a path you can write to", file=sys.stderr)
        return 1
    for m, e in report["models"].items():
        o = e["overall"]
        print(f"{m:>13}: WAPE {o['wape']}  bias {o['bias']}  p10-p90 coverage {o['coverage']}  "
              f"(campaign days WAPE {o['camp_wape']})")
    return 0
