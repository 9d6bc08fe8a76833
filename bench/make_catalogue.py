"""Write the 10,000-SKU sample catalogue to a folder for benchmarks and print how long it took and the peak memory.

Usage: python bench/make_catalogue.py OUT_DIR [--skus 10000] [--seed 20261122]

The output is benchmark input, not committed. Target: generation < 60 s on 2 cores.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linkstar_analytics.io.sample_data import DEFAULT_SEED, generate_sample, write_sample  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the CSV tables to")
    parser.add_argument("--skus", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    tables = generate_sample(n_skus=args.skus, seed=args.seed)
    t1 = time.perf_counter()
    paths = write_sample(tables, args.out)
    t2 = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    size_mb = sum(p.stat().st_size for p in paths.values()) / 1e6
    print(f"skus                {args.skus:>12,}")
    print(f"sales rows          {len(tables['sales']):>12,}")
    print(f"generate_sample     {t1 - t0:>12.1f} s")
    print(f"write_sample        {t2 - t1:>12.1f} s")
    print(f"files               {size_mb:>12.1f} MB in {args.out}")
    print(f"peak RSS            {peak_mb:>12.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
