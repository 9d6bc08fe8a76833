"""Import at scale: a dataset whose sales.csv has 2,000,000 rows (2,000 SKUs x 1,000 days), end to end.

Run: python bench/io_import.py [rows]. The files are written first (in this process); the import then runs in a
fresh child process so its peak memory is the import's own:

* read + validate the whole folder (``load_folder``: every file, every check, references across tables),
* store it as the dashboard and the CLI do (``storage.store_import``: integrity check, rolling backup, save),
* read the stored version back (``load_dataset``),
* a weekly sales-only refresh of the same size as a partial import (the other tables kept from the version).

Prints seconds per step, the child's peak resident memory (``ru_maxrss``) and the stored size.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

N_SKUS = 2_000


def write_dataset(folder: Path, n_rows: int) -> None:
    """The committed sample's small tables, its SKU master stretched to N_SKUS ids, and n_rows of sales."""
    sample = REPO / "sample_data"
    for name in ("warehouses", "freight_lanes", "last_mile", "campaigns"):
        shutil.copy(sample / f"{name}.csv", folder / f"{name}.csv")
    skus = pd.read_csv(sample / "skus.csv", dtype=str, keep_default_na=False)
    rows = skus.iloc[np.arange(N_SKUS) % len(skus)].reset_index(drop=True)
    rows["sku"] = [f"SKU-{i:05d}" for i in range(N_SKUS)]
    rows.to_csv(folder / "skus.csv", index=False)
    wh = pd.read_csv(sample / "warehouses.csv", dtype=str)["warehouse_id"].tolist()
    pd.DataFrame({"sku": rows["sku"], "warehouse_id": [wh[i % len(wh)] for i in range(N_SKUS)],
                  "on_hand_units": np.arange(N_SKUS) % 500}).to_csv(folder / "stock.csv", index=False)
    rng = np.random.default_rng(7)
    n_days = int(np.ceil(n_rows / N_SKUS))
    days = pd.date_range(end=pd.Timestamp.today().normalize() - pd.Timedelta(days=1), periods=n_days, freq="D")
    sales = pd.DataFrame({
        "date": np.repeat(days.strftime("%Y-%m-%d").to_numpy(), N_SKUS)[:n_rows],
        "sku": np.tile(rows["sku"].to_numpy(), n_days)[:n_rows],
        "units": rng.poisson(3, n_rows), "region": "US", "channel": "shop",
        "revenue": np.round(rng.gamma(2, 10, n_rows), 2), "currency": "USD"})
    sales.to_csv(folder / "sales.csv", index=False)


def child(folder: str, db: str) -> None:
    """The measured import (run in a fresh process)."""
    from linkstar_analytics.io import storage
    from linkstar_analytics.io.validation import load_folder

    out: dict[str, float] = {}
    t0 = time.perf_counter()
    result = load_folder(folder)
    out["read_validate_s"] = time.perf_counter() - t0
    assert result.ok, [i.message for i in result.errors][:5]
    conn = storage.connect(db)
    storage.save_dataset(conn, {"campaigns": result.tables["campaigns"]}, name="before", source_files=[],
                         author="bench")  # something to check and back up, as on a server in use
    t0 = time.perf_counter()
    storage.check_integrity(conn, db)
    out["integrity_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    storage.backup_database(conn, db)
    out["backup_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    version = storage.save_dataset(conn, result.tables, name="bench", source_files=result.files, author="bench")
    out["save_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    back = storage.load_dataset(conn, version)
    out["load_s"] = time.perf_counter() - t0
    assert len(back["sales"]) == len(result.tables["sales"])
    out["rows"] = float(len(back["sales"]))
    # A weekly sales-only refresh of the same size, the other tables kept from the stored version.
    weekly = Path(folder) / "weekly"
    weekly.mkdir(exist_ok=True)
    shutil.copy(Path(folder) / "sales.csv", weekly / "sales.csv")
    del result
    t0 = time.perf_counter()
    partial = load_folder(weekly, base=back, base_version=version)
    assert partial.ok and "skus" in partial.kept
    v2, _ = storage.store_import(conn, partial.tables, name="weekly", source_files=partial.files, author="bench",
                                 base_version=version, db_path=db)
    out["partial_refresh_s"] = time.perf_counter() - t0
    conn.close()
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["db_mb"] = Path(db).stat().st_size / 1e6
    print(json.dumps(out))


def main(n_rows: int = 2_000_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        t0 = time.perf_counter()
        write_dataset(folder, n_rows)
        size = (folder / "sales.csv").stat().st_size / 1e6
        print(f"sales.csv: {n_rows:,} rows, {size:.1f} MB (written in {time.perf_counter() - t0:.1f} s)")
        db = str(Path(tmp) / "bench.duckdb")
        proc = subprocess.run([sys.executable, __file__, "--child", str(folder), db], capture_output=True, text=True,
                              cwd=REPO)
        if proc.returncode != 0:
            raise SystemExit(proc.stderr[-3000:])
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        total = r["read_validate_s"] + r["integrity_s"] + r["backup_s"] + r["save_s"]
        print(f"read + validate {r['read_validate_s']:.1f} s; integrity check {r['integrity_s']:.2f} s; "
              f"backup {r['backup_s']:.2f} s; save {r['save_s']:.1f} s; import total {total:.1f} s")
        print(f"load back {r['load_s']:.2f} s ({r['rows']:,.0f} rows); weekly sales-only refresh of the same size "
              f"{r['partial_refresh_s']:.1f} s")
        print(f"peak memory of the import process {r['peak_rss_mb']:,.0f} MB; DuckDB file {r['db_mb']:.1f} MB")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000)
