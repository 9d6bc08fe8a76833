"""``python -m linkstar_analytics sample-data --skus N --out DIR [--seed S] [--end-date YYYY-MM-DD | --anchor DAY]``.

Writes the seeded sample dataset (one ``<table>.csv`` per table of ``schemas.TABLES``) to ``DIR``; with ``--anchor``
the sample the dashboard imports on its first start: anchored to that day (``today`` or ``YYYY-MM-DD``).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--end-date must be a date YYYY-MM-DD (got {text!r}); e.g. 2026-11-22") from None


def _anchor(text: str) -> date:
    if text.strip().lower() == "today":
        from linkstar_analytics.calendar import planning_today

        return planning_today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--anchor must be 'today' or a date YYYY-MM-DD (got {text!r})") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from linkstar_analytics.io.sample_data import DEFAULT_END_DATE, DEFAULT_N_SKUS, DEFAULT_SEED

    parser.add_argument("--skus", type=int, default=DEFAULT_N_SKUS, help=f"number of SKUs (default {DEFAULT_N_SKUS})")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the CSV tables to (created)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--end-date", type=_iso_date, default=DEFAULT_END_DATE,
                        help=f"last day of sales history, YYYY-MM-DD (default {DEFAULT_END_DATE.isoformat()})")
    parser.add_argument("--anchor", type=_anchor, metavar="DAY",
                        help="anchor the sample to DAY ('today' or YYYY-MM-DD): sales up to the day before, the "
                             "campaign calendar running on from it (what the dashboard imports; --end-date ignored)")


def run(args: argparse.Namespace) -> int:
    from linkstar_analytics.io.sample_data import MAX_SKUS, MIN_SKUS, anchored_sample, generate_sample, write_sample

    if not MIN_SKUS <= args.skus <= MAX_SKUS:
        print(f"sample-data: --skus must be between {MIN_SKUS} and {MAX_SKUS} (got {args.skus}); e.g. --skus 200",
              file=sys.stderr)
        return 2
    try:
        if args.anchor is not None:
            tables = anchored_sample(args.anchor, n_skus=args.skus, seed=args.seed)
        else:
            tables = generate_sample(n_skus=args.skus, seed=args.seed, end_date=args.end_date)
    except (ValueError, TypeError) as exc:
        print(f"sample-data: {exc}", file=sys.stderr)
        return 2
    paths = write_sample(tables, args.out)
    for name, path in paths.items():
        print(f"{path}\t{len(tables[name]):>9,} rows\t{path.stat().st_size / 1e6:8.2f} MB")
    return 0
