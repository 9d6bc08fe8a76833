"""Import speed: read + validate a 1,000,000-row sales.csv, then save and load it in DuckDB.

Run: python bench/io_import.py [rows]. Prints seconds per step and the stored size.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linkstar_analytics.io import storage  # noqa: E402
from linkstar_analytics.io.readers import read_source  # noqa: E402
from linkstar_analytics.io.validation import validate_raw_tables  # noqa: E402


def main(n_rows: int = 1_000_000) -> None:
    rng = np.random.default_rng(7)
    n_skus = 2_000
    days = pd.date_range("2024-01-01", periods=int(np.ceil(n_rows / n_skus)), freq="D")
    sku = np.tile([f"SKU-{i:05d}" for i in range(n_skus)], len(days))[:n_rows]
    date = np.repeat(days.strftime("%Y-%m-%d").to_numpy(), n_skus)[:n_rows]
    sales = pd.DataFrame({"date": date, "sku": sku, "units": rng.poisson(3, n_rows), "region": "US",
                          "channel": "shop", "revenue": np.round(rng.gamma(2, 10, n_rows), 2), "currency": "USD"})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sales.csv"
        sales.to_csv(path, index=False)
        print(f"sales.csv: {n_rows:,} rows, {path.stat().st_size / 1e6:.1f} MB")
        t0 = time.perf_counter()
        raws, issues = read_source(path)
        t1 = time.perf_counter()
        result = validate_raw_tables(raws, issues, [path.name])
        t2 = time.perf_counter()
        errors = [i for i in result.issues if i.code != "missing_table"]
        print(f"read {t1 - t0:.2f} s, validate {t2 - t1:.2f} s, issues besides missing tables: {len(errors)}")
        conn = storage.connect(Path(tmp) / "b.duckdb")
        t3 = time.perf_counter()
        v = storage.save_dataset(conn, result.tables, name="bench", source_files=[path.name], author="bench")
        t4 = time.perf_counter()
        back = storage.load_dataset(conn, v)
        t5 = time.perf_counter()
        conn.close()
        size = (Path(tmp) / "b.duckdb").stat().st_size / 1e6
        print(f"save {t4 - t3:.2f} s, load {t5 - t4:.2f} s, DuckDB file {size:.1f} MB, "
              f"round trip equal: {back['sales'].equals(result.tables['sales'])}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
