"""``python -m linkstar_analytics plan``: the stock-up plan for a scenario, one row per SKU x warehouse.

::

    python -m linkstar_analytics plan --data sample_data --scenario scenario.json --out plan.csv

Reads the dataset tables (``<table>.csv`` or ``.xlsx`` in ``--data``), forecasts the baseline with the
fast vectorised ETS path (``--model``), estimates the campaign uplift from past campaigns, builds the plan
inputs for the scenario's campaign (``--campaign`` overrides; default: the next campaign that has not
ended) and writes ``engine.LINE_COLUMNS`` as CSV. Totals go to stdout.

Exit codes: 0 written; 1 unreadable input or a plan error (the message names the file / field);
2 bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

#: Columns read as text so ids like 00123 keep their zeros.
_TEXT_COLUMNS = ("sku", "warehouse_id", "shipment_id", "campaign_id", "barcode", "hs_code", "order_id", "creator")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", required=True, type=Path, metavar="DIR", help="folder with the dataset tables")
    parser.add_argument("--scenario", type=Path, metavar="PATH.json",
                        help="scenario JSON (Scenario.to_json); default: every lever at its default")
    parser.add_argument("--out", required=True, type=Path, metavar="PATH.csv", help="plan lines CSV to write")
    parser.add_argument("--campaign", default=None, help="campaign id (default: the scenario's, else the next one)")
    parser.add_argument("--as-of", default=None, metavar="YYYY-MM-DD",
                        help="planning day (default: the day after the last sales day)")
    parser.add_argument("--model", default="ets", choices=("ets", "naive", "intermittent", "auto"),
                        help="baseline forecast model (default ets: the fast vectorised path)")


def _read_tables(folder: Path) -> dict:
    import pandas as pd

    from linkstar_analytics.schemas import TABLES

    if not folder.is_dir():
        raise FileNotFoundError(f"--data: {folder} is not a folder; pass the folder holding sales.csv, skus.csv ...")
    tables: dict = {}
    for name in TABLES:
        for suffix in (".csv", ".xlsx"):
            path = folder / f"{name}{suffix}"
            if not path.is_file():
                continue
            dtypes = {c: str for c in _TEXT_COLUMNS}
            try:
                tables[name] = (pd.read_excel(path, dtype=dtypes) if suffix == ".xlsx"
                                else pd.read_csv(path, dtype=dtypes, encoding="utf-8-sig"))
            except (ValueError, OSError) as exc:
                raise ValueError(f"--data: could not read {path} ({exc}); save it as CSV UTF-8") from exc
            break
    missing = [t for t in ("skus", "warehouses", "freight_lanes", "campaigns", "sales") if t not in tables]
    if missing:
        raise FileNotFoundError(f"--data: {folder} has no {', '.join(t + '.csv' for t in missing)}; "
                                "write a sample with `python -m linkstar_analytics sample-data`")
    return tables


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from linkstar_analytics.forecast.batch import run_forecasts
    from linkstar_analytics.forecast.uplift import UPLIFT_CV_BY_SOURCE
    from linkstar_analytics.plan.engine import LINE_COLUMNS, compute_plan
    from linkstar_analytics.plan.inputs import MAX_COVER_DAYS, build_plan_inputs
    from linkstar_analytics.plan.scenario import Scenario

    try:
        scenario = Scenario.from_json(args.scenario.read_text(encoding="utf-8")) if args.scenario else Scenario()
        tables = _read_tables(args.data)
        sales = tables["sales"]
        last_sale = pd.to_datetime(sales["date"]).max().normalize()
        as_of = pd.Timestamp(args.as_of).normalize() if args.as_of else last_sale + pd.Timedelta(days=1)
        camps = tables["campaigns"]
        campaign_id = args.campaign or scenario.campaign_id
        if not campaign_id:
            upcoming = camps[pd.to_datetime(camps["end_date"]) >= as_of].sort_values("start_date")
            if upcoming.empty:
                raise ValueError(f"campaigns has no campaign ending on or after {as_of.date()}; "
                                 "add one or pass --campaign")
            campaign_id = str(upcoming["campaign_id"].iloc[0])
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
        inputs = build_plan_inputs(tables, fc.forecasts, fc.uplift, campaign_id, as_of=as_of,
                                   uplift_cv_by_source=UPLIFT_CV_BY_SOURCE)
        result = compute_plan(inputs, scenario)
    except (FileNotFoundError, ValueError, KeyError, TypeError) as exc:
        print(f"plan: {exc}", file=sys.stderr)
        return 1
    out = result.lines[list(LINE_COLUMNS)].copy()
    for col in ("po_date", "ship_by_date", "arrival_date"):
        out[col] = pd.to_datetime(out[col]).dt.strftime("%Y-%m-%d")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(args.out, index=False, float_format="%.4f", encoding="utf-8")
    t = result.totals
    cur = t["currency"]
    print(f"wrote {len(out)} lines for campaign {campaign_id} to {args.out}")
    print(f"units {t['units']:,.0f}; landed cost {t['total_landed_cost']:,.0f} {cur}; "
          f"expected stockout units {t['expected_stockout_units']:,.1f}; fill rate {t['fill_rate']:.1%}; "
          f"leftover units {t['expected_leftover_units']:,.0f} (cost {t['leftover_cost']:,.0f} {cur}); "
          f"peak cash {t['peak_cash']:,.0f} {cur}")
    for note in result.notices:
        print(f"note: {note}", file=sys.stderr)
    return 0
