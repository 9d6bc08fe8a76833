"""``python -m linkstar_analytics plan``: the stock-up plan for a scenario, one row per SKU x warehouse.

::

    python -m linkstar_analytics plan --data sample_data --scenario scenario.json --out plan.csv

Reads and validates the dataset tables (``<table>.csv`` or ``.xlsx`` in ``--data``, as ``validate`` does), forecasts the baseline with the
fast vectorised ETS path (``--model``), estimates the campaign uplift from past campaigns, builds the plan
inputs for the scenario's campaign (``--campaign`` overrides; default, as on the dashboard: the first
campaign whose declaration deadline has not passed) and writes ``engine.LINE_COLUMNS`` as CSV. Totals go to stdout.

Exit codes: 0 written; 1 unreadable input or a plan error (the message names the file / field), including a
freight mode a warehouse has no lane for (nothing is written); 2 bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", required=True, type=Path, metavar="DIR", help="folder with the dataset tables")
    parser.add_argument("--scenario", type=Path, metavar="PATH.json",
                        help="scenario JSON (Scenario.to_json); default: every lever at its default")
    parser.add_argument("--out", required=True, type=Path, metavar="PATH.csv", help="plan lines CSV to write")
    parser.add_argument("--campaign", default=None, help="campaign id (default: the scenario's, else the next one)")
    parser.add_argument("--as-of", default=None, metavar="YYYY-MM-DD",
                        help="planning day (default: the day after the last sales day)")
    parser.add_argument("--model", default="ets", choices=("ets", "naive", "intermittent", "auto", "prophet"),
                        help="baseline forecast model (default ets: the fast vectorised path)")


def _read_tables(folder: Path) -> dict:
    """The dataset tables, read and validated exactly as ``validate`` / ``import`` do (typed frames)."""
    from linkstar_analytics.io.validation import format_issue, load_folder

    if not folder.is_dir():
        raise FileNotFoundError(f"--data: {folder} is not a folder; pass the folder holding sales.csv, skus.csv ...")
    result = load_folder(folder)
    if not result.ok:
        errors = [format_issue(i) for i in result.issues if i.severity == "error"]
        raise ValueError("--data: the tables have errors; fix them first (`python -m linkstar_analytics validate "
                         f"{folder}` lists all):\n" + "\n".join(errors[:20]))
    return result.tables


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from linkstar_analytics import workflow
    from linkstar_analytics.calendar import default_campaign_id
    from linkstar_analytics.forecast.batch import run_forecasts
    from linkstar_analytics.plan.engine import LINE_COLUMNS, compute_plan
    from linkstar_analytics.plan.inputs import MAX_COVER_DAYS
    from linkstar_analytics.plan.scenario import LEVERS, Scenario
    from linkstar_analytics.supply import latest_po_by_campaign

    try:
        scenario = Scenario.from_json(args.scenario.read_text(encoding="utf-8")) if args.scenario else Scenario()
        tables = _read_tables(args.data)
        sales = tables["sales"]
        last_sale = pd.to_datetime(sales["date"]).max().normalize()
        as_of = pd.Timestamp(args.as_of).normalize() if args.as_of else last_sale + pd.Timedelta(days=1)
        camps = tables["campaigns"]
        campaign_id = args.campaign or scenario.campaign_id
        if not campaign_id:  # as the dashboard: the next campaign a purchase order can still be placed for
            latest_po = latest_po_by_campaign(tables, buffer_days=float(LEVERS["buffer_days"].default))
            campaign_id = default_campaign_id(camps, as_of.date(), latest_po)
            if campaign_id is None:
                raise ValueError(f"campaigns has no campaign ending on or after {as_of.date()}; "
                                 "add one or pass --campaign")
        hit = camps[camps["campaign_id"].astype(str) == campaign_id]
        if hit.empty:
            raise ValueError(f"--campaign {campaign_id!r} is not in campaigns.csv; "
                             f"known: {', '.join(camps['campaign_id'].astype(str))}")
        end = pd.Timestamp(hit["end_date"].iloc[0])
        history_end = as_of - pd.Timedelta(days=1)
        horizon = int((end + pd.Timedelta(days=MAX_COVER_DAYS) - history_end).days)
        if horizon < 1 or horizon > 730:
            raise ValueError(f"campaign {campaign_id!r} ends {end.date()}: {horizon} days after the history end "
                             f"{history_end.date()}; pick a campaign within the next two years")
        print(f"forecasting {sales['sku'].nunique()} SKUs ({args.model}, {horizon} days) ...", file=sys.stderr)
        fc = run_forecasts(sales, tables["skus"], camps, horizon_days=horizon, model=args.model,
                           history_end=history_end, use_dask=False)
        inputs = workflow.plan_inputs_for(tables, fc, campaign_id, scenario.uplift_overrides, as_of=as_of,
                                          baseline_overrides=scenario.baseline_overrides)
        result = compute_plan(inputs, scenario)
    except (FileNotFoundError, ValueError, KeyError, TypeError) as exc:
        print(f"plan: {exc}", file=sys.stderr)
        return 1
    if result.errors:
        for err in result.errors:
            print(f"plan: error: {err}", file=sys.stderr)
        return 1
    out = result.lines[list(LINE_COLUMNS)].copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = pd.to_datetime(out[col]).dt.strftime("%Y-%m-%d")
    from linkstar_analytics.report.safe import write_safe_csv

    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        write_safe_csv(out, args.out, float_format="%.4f")  # SKU ids and names are text from user files
    except OSError as exc:
        print(f"plan: cannot write {args.out}: {exc.strerror or exc}; check the folder is writable", file=sys.stderr)
        return 1
    t = result.totals
    cur = t["currency"]
    print(f"wrote {len(out)} lines for campaign {campaign_id} to {args.out}")
    print(f"units {t['units']:,.0f}; landed cost {t['total_landed_cost']:,.0f} {cur}; "
          f"expected stockout units {t['expected_stockout_units']:,.1f}; fill rate {t['fill_rate']:.1%} "
          f"(coverable if ordered today by the fastest mode: {t['coverable_fill_rate']:.1%}); "
          f"leftover units {t['expected_leftover_units']:,.0f} (cost {t['leftover_cost']:,.0f} {cur}); "
          f"peak cash {t['peak_cash']:,.0f} {cur}")
    print(f"expected revenue {t['expected_revenue']:,.0f} {cur}; gross profit {t['gross_profit']:,.0f} {cur}; "
          f"campaign ROI {t['campaign_roi']:.2f}")
    for note in result.notices:
        print(f"note: {note}", file=sys.stderr)
    return 0
